"""The 乡村振兴 indicator table of the plan's document, and the data checks of that document."""
from __future__ import annotations

import streamlit as st

from ui.checks import localised
from ui.data import curated
from ui.downloads import download_buttons
from ui.i18n import _
from ui.provenance import source_caption
from ui.tables import labelled, show_table


def indicators(fund_doc: str) -> None:
    # The indicator table of this page's document, filtered by category in SQL.
    categories = st.multiselect(_("类别"), curated.rural_indicator_categories(fund_doc), placeholder=_("全部类别"),
                                key="ind_cats")
    shown_ind = curated.rural_indicators(tuple(categories), fund_doc)
    year_columns = {f"{role}_{year}": (_("{year} 年基期值", year=year) if role == "base" else
                                       _("{year} 年目标", year=year))
                    for role, year in curated.rural_indicator_years(fund_doc)}
    table = shown_ind[["seq", "category", "name", "unit", *[c for c in year_columns if c in shown_ind],
                       "growth_text", "attribute"]]
    show_table(table, "rural_indicators", year_columns, height=min(38 * len(table) + 40, 700))
    st.caption(_("年均增速列中方括号内的数字为累计变化（百分点或个数），不是增长率；“—”表示文件未给出。"))
    if not shown_ind.empty:
        source_caption(shown_ind.doc_id.iloc[0], shown_ind.line)
    download_buttons(labelled(table, "rural_indicators", year_columns), _("乡村振兴指标"), key="indicators",
                     sources=[(shown_ind.doc_id.iloc[0], shown_ind.line)] if not shown_ind.empty else None)


def data_checks(fund_doc: str) -> None:
    issues = curated.data_quality(("warn", "error"), fund_doc)
    if issues.empty:
        return
    with st.expander(_("本文件的数据核对提示（{n} 项）", n=len(issues)), icon=":material/rule:"):
        for row in localised(issues).itertuples():
            st.markdown(_("- **{subject}**：{message}（原文第 {line} 行）", subject=row.subject, message=row.message,
                          line=row.line))
