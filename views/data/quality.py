"""数据核对: counts by result, the report one page at a time, and a count by module."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.checks import localised
from ui.data import curated
from ui.i18n import N_, _, lang
from ui.links import with_lang
from ui.paging import lazy_downloads, page_window
from ui.provenance import citation, document_link

SEVERITY_LABELS = {"error": N_("错误"), "warn": N_("警告"), "ok": N_("通过")}
SEVERITY_ICONS = {"error": "❌ ", "warn": "⚠️ ", "ok": "✅ "}


def severity_text(severity: str) -> str:
    return SEVERITY_ICONS[severity] + _(SEVERITY_LABELS[severity], lang())


def severity_option(severity: str, code: str) -> str:
    return _(SEVERITY_LABELS[severity], code)


def report_table(report: pd.DataFrame) -> pd.DataFrame:
    code = lang()
    report = localised(report, code)
    return pd.DataFrame({
        _("结果"): report.severity.map(severity_text),
        _("核对对象"): report.subject,
        _("文件写明"): report.expected,
        _("计算结果"): report.actual,
        _("原文"): [with_lang(document_link(d, int(n)), code) if isinstance(d, str) and not pd.isna(n)
                  else None for d, n in zip(report.doc_id, report.line)],
        _("说明"): report.message,
        _("引用"): [citation(d, int(n)) if isinstance(d, str) and not pd.isna(n) else "—"
                  for d, n in zip(report.doc_id, report.line)],
        _("模块"): report.check_id.str.split(".").str[0],
        _("检查 ID"): report.check_id,
    })


def report(counts: dict, severities: tuple[str, ...]) -> None:
    RESULT, MODULE, SOURCE, NOTE = _("结果"), _("模块"), _("原文"), _("说明")
    # One page of checks from SQL (189,000 rows at 1000 editions); downloads fetch all on click.
    offset, limit = page_window(sum(counts.get(s, 0) for s in severities), "dq_page")
    shown = report_table(curated.data_quality(severities, limit=limit, offset=offset))
    st.dataframe(shown, hide_index=True, width="stretch", height=min(36 * len(shown) + 40, 560),
                 column_config={
                     SOURCE: st.column_config.LinkColumn(SOURCE, display_text=_("查看原文"), width="small"),
                     NOTE: st.column_config.TextColumn(NOTE, width="large"),
                 })
    lazy_downloads(lambda: report_table(curated.data_quality(severities)).drop(columns=[SOURCE]),
                   _("数据核对报告"), key="dq")
    modules = curated.quality_by_module(severities)
    by_module = (modules.assign(result=modules.severity.map(severity_text))
                 .pivot_table(index="module", columns="result", values="n", aggfunc="sum", fill_value=0)
                 .rename_axis(index=MODULE, columns=RESULT)
                 .reindex(columns=[severity_text(v) for v in SEVERITY_ICONS if v in severities
                                   and counts.get(v, 0)]))
    with st.expander(_("按模块统计")):
        st.dataframe(by_module, width="stretch")


def quality() -> None:
    counts = curated.quality_counts()
    c1, c2, c3 = st.columns(3)
    c1.metric(_("错误"), _("{n:,} 项", n=counts.get("error", 0)))
    c2.metric(_("警告（数字对不上）"), _("{n:,} 项", n=counts.get("warn", 0)))
    c3.metric(_("通过"), _("{n:,} 项", n=counts.get("ok", 0)))
    st.markdown(_("文件中写明的合计、占比、个数和增速，都按明细重新计算并核对。**警告**表示文件自身的数字对不上"
                  "（看板如实显示，不做更正）；**错误**表示无法读取。"))
    # Formatted with the language fixed now (a format_func may run outside this run).
    code = lang()
    chosen = st.segmented_control(_("显示"), ["error", "warn", "ok"], selection_mode="multi",
                                  default=["error", "warn"], key="dq_severity",
                                  format_func=lambda s: severity_option(s, code))
    severities = tuple(chosen) if chosen else ("error", "warn", "ok")
    if not sum(counts.get(s, 0) for s in severities):
        st.success(_("所选类别中没有核对项。"), icon=":material/check_circle:")
    else:
        report(counts, severities)
