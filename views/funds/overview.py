"""The fund total, its change on the previous year and the counts of each breakdown."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import format as fmt
from ui.i18n import _
from ui.provenance import line_text, source_caption


def metrics(totals: pd.DataFrame, year: int | None, counts: tuple[int, int, int]) -> None:
    """`totals` is indexed by measure. Each figure cites the line it is printed on."""
    if "统筹整合资金总额" not in totals.index:
        return
    total = totals.loc["统筹整合资金总额"]
    lines = [int(total["line"])]
    c1, c2, c3 = st.columns(3)
    c1.metric(_("统筹整合资金总额"), fmt.wan(total["value"], 2),
              help=_("原文：{v} 万元", v=fmt.exact(total["value"])) + _("（{where}）", where=line_text(int(total["line"]))))
    if "比上年增减" in totals.index:
        change = totals.loc["比上年增减"]
        lines.append(int(change["line"]))
        c2.metric(_("比 {year} 年", year=year - 1) if year else _("比上年"), f"{float(change['value']):+.1f}%",
                  help=_("原文：{v}", v=change["note"] or fmt.exact(change["value"]))
                  + _("（{where}）", where=line_text(int(change["line"]))))
    c3.metric(_("来源 / 领域 / 任务性质"), " / ".join(str(n) for n in counts) + " " + _("类"))
    source_caption(total["doc_id"], lines)
