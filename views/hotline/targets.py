"""What the district committed to: the plan's targets, deadlines and rules, each with its source line."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from hotline import targets as plan
from store.db import READ_ERRORS
from ui.data import curated
from ui.downloads import download_buttons
from ui.i18n import _
from ui.provenance import citation, source_caption
from views.hotline.common import date_text, target_text


def load_targets(doc_id: str | None) -> plan.PlanTargets:
    try:
        rows = curated.targets("hotline.", doc_id) if doc_id else pd.DataFrame()  # one plan's targets
    except READ_ERRORS as exc:  # table not built yet: say so rather than crash
        st.error(_("无法读取目标表 targets：{error}", error=exc))
        rows = pd.DataFrame()
    return plan.PlanTargets(rows)


def targets_section(targets: plan.PlanTargets) -> None:
    st.subheader(_("方案确定的目标、期限和机制"))
    if targets.missing:
        names = _("、").join(_(plan.TOPIC_NAMES[topic]) for topic in targets.missing)
        st.warning(_("数据库中缺少以下目标（targets 表没有对应行）：{names}。相关判断暂不显示；"
                     "请重新构建数据：`python3 -m loaders.build`。", names=names), icon=":material/warning:")
    rows = targets.all()
    if not rows:
        return
    quote, cite = _("原文"), _("引用")
    table = pd.DataFrame([{
        _("目标"): target.subject, _("要求"): target_text(target),
        _("期限"): date_text(target.deadline) if target.deadline else (target.deadline_text or _("长期坚持")),
        _("期限（原文）"): target.deadline_text or "—", _("责任单位"): target.responsible or "—",
        quote: target.quote, cite: citation(target.doc_id, target.line) if target.doc_id else "—",
        _("原文行"): target.line,
    } for target in rows])
    st.dataframe(table, hide_index=True, width="stretch",
                 column_config={quote: st.column_config.TextColumn(width="large"),
                                cite: st.column_config.TextColumn(width="medium")})
    by_doc: dict[str, list[int]] = {}
    for target in rows:
        by_doc.setdefault(target.doc_id, []).append(target.line)
    for doc_id, lines in by_doc.items():
        if doc_id:
            source_caption(doc_id, lines)
    download_buttons(table, _("12345热线_目标与机制"), key="hotline-targets")
