"""Helpers shared by the /campaigns tabs: citations for rows from several documents, empty and
data-quality notices, option labels."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.checks import localised
from ui.data import campaigns, curated
from ui.filters import missing_notice
from ui.i18n import _, lang, ngettext, pgettext
from ui.layout import lazy_expander
from ui.provenance import citation, document_link, line_text, source_caption

ALL_UNITS = "全部单位"
NO_BAR = {"displayModeBar": False}
DASH = "—"


def source_text() -> str:
    return _("原文")


def view_text() -> str:
    return _("查看原文")


def blank(value) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or (isinstance(value, str) and not value.strip())


def dash(values) -> list:
    """Cells for a table column: empty values (None, NaN, '') print as '—', never 'None'."""
    return [DASH if blank(v) else v for v in values]


# Option labels are formatted with the language fixed now (a format_func may run outside this run).
def unit_option(unit: str, code: str) -> str:
    return _(unit, code) if unit == ALL_UNITS else unit


def role_option(role: str, code: str) -> str:
    return pgettext("角色", role, code)


CITATIONS_KEY = "cite-rows-"   # + the caller's key: the expander listing several documents' citations


def cite_rows(frame: pd.DataFrame, key: str, line_column: str = "line", note: str = "") -> None:
    """Source captions for rows that may come from several documents (one caption per document). Several
    documents are listed in an expander drawn only when opened (a caption, a popover and a code box each,
    one per plan document, on every change otherwise); `key` names it."""
    if frame.empty:
        return
    groups = list(frame.groupby("doc_id", sort=False)[line_column])
    if len(groups) == 1:
        doc_id, lines = groups[0]
        source_caption(doc_id, lines.dropna().astype(int), note=note)
        return
    box, is_open = lazy_expander(ngettext("来源：{n} 份文件（逐一列出，可复制引用）", "来源：{n} 份文件（逐一列出，可复制引用）",
                                          len(groups)), CITATIONS_KEY + key, icon=":material/menu_book:")
    if is_open:
        with box:
            for doc_id, lines in groups:
                source_caption(doc_id, lines.dropna().astype(int), note=note)


def chart_source(frame: pd.DataFrame, line_column: str = "line") -> str | None:
    """The citation printed under an exported chart: one document's citation, or, for rows from
    several documents, each bulletin with its number of documents and the span of lines."""
    rows = frame.dropna(subset=[line_column])
    if rows.empty:
        return None
    of_doc = curated.document_bulletins(tuple(rows.doc_id.unique()))
    lines = rows[line_column].astype(int)
    spans = rows.assign(bulletin=rows.doc_id.map(of_doc), line=lines).groupby("bulletin", sort=False).agg(
        docs=("doc_id", "nunique"), doc_id=("doc_id", "first"), first_line=("line", "min"), last_line=("line", "max"))
    return span_source(spans.reset_index())


def span_source(spans: pd.DataFrame) -> str | None:
    """chart_source from one row per bulletin (bulletin, docs, doc_id, first_line, last_line), as
    store.campaigns.ledger_sources counts them in SQL."""
    if spans.empty:
        return None
    def span(row) -> tuple[int, int]:  # line_text needs only the ends
        return int(row.first_line), int(row.last_line)

    if spans.docs.sum() == 1:
        return citation(spans.doc_id.iloc[0], span(spans.iloc[0]))
    titles = curated.bulletin_titles()
    return _("；").join(
        _("《{bulletin}》{n} 份文件，{lines}", bulletin=titles.get(row.bulletin, row.bulletin), n=int(row.docs),
          lines=line_text(span(row), lang())) for row in spans.itertuples())


def plan_label(plans: pd.DataFrame):
    names = dict(zip(plans.plan_no, plans.field))
    return lambda no: f"{no}. {names.get(no, '')}"


def scoped_empty_notice(table: str, what: str) -> None:
    """The scope has none of `table` although other editions do (one line with links), or the table is empty."""
    if campaigns.row_count(table):
        missing_notice(table, what, "/campaigns", lang())
    else:
        empty_notice(what)


def empty_notice(what: str) -> None:
    st.info(_("{what}尚未解析入库（数据表为空）。请稍后重新构建数据：python -m loaders.build", what=what),
            icon=":material/hourglass_empty:")


def quality_expander(prefix: str, what: str, scope) -> None:
    """The loader's data-quality warnings for this part of the page (never hidden)."""
    notes = campaigns.quality_notes(prefix, bulletins=scope)
    checked = len(campaigns.quality_notes(prefix, warnings_only=False, bulletins=scope))
    if not checked:
        return
    with st.expander(_("{what}的数据核对：{checked} 项，其中提示 {n} 项", what=what, checked=checked, n=len(notes)),
                     icon=":material/rule:"):
        if notes.empty:
            st.caption(_("全部核对通过。"))
        for row in localised(notes).itertuples():
            link = f"　[{line_text(int(row.line), lang())}]({document_link(row.doc_id, int(row.line))})" \
                if isinstance(row.doc_id, str) and pd.notna(row.line) else ""
            st.markdown(f"- ⚠️ {row.message}{link}")
