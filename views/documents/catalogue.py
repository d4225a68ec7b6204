"""The document catalogue: filtered and paged in SQL, one page of it on screen."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import format as fmt
from ui import library
from ui.data import catalog
from ui.filters import kind_label
from ui.i18n import _, lang
from ui.paging import lazy_downloads, page_window
from views.documents.common import bare_span, doc_url


def catalog_table(shown: pd.DataFrame) -> pd.DataFrame:
    code = lang()
    return pd.DataFrame({
        _("区县 · 期次"): [library.edition_text(row) for row in shown.itertuples()],
        _("类型"): [kind_label(k, code) if isinstance(k, str) else "—" for k in shown.kind],
        _("文号"): shown.doc_no.fillna("—"),
        _("标题"): shown.title,
        _("发文机关"): shown.issuer.fillna("—"),
        _("成文日期"): [fmt.cn_date(v) if not pd.isna(v) else "—" for v in shown.signed_on],
        _("页码"): [bare_span(a, b) for a, b in zip(shown.start_page, shown.end_page)],
        _("原文行"): [f"{a}–{b}" for a, b in zip(shown.first_line, shown.last_line)],
        _("核对警告"): shown.warnings.astype(int),
        _("阅读"): [doc_url(d) for d in shown.doc_id],
    })


def document_list(choice: library.Choice) -> None:
    issuer, keyword = library.document_filters(choice.bulletins)
    # Filtered and paged in SQL: the page holds one page of the catalogue, never all of it.
    chosen = {"bulletins": choice.bulletins, "issuer": issuer, "keyword": keyword}
    per_edition = catalog.document_counts(**chosen)
    total, matching = catalog.document_count(), sum(per_edition.values())
    st.caption(_("共 {n} 份文件（全部 {total} 份），来自 {editions} 期。点击“阅读”打开原文。", n=f"{matching:,}",
                 total=f"{total:,}", editions=len(per_edition)))
    if not matching:
        st.info(_("没有符合这些筛选的文件。清除一个筛选条件再试。"), icon=":material/filter_alt_off:")
        return
    offset, limit = page_window(matching, "doc_page")
    table = catalog_table(catalog.document_catalog(**chosen, limit=limit, offset=offset))
    READ, TITLE, WARNINGS = _("阅读"), _("标题"), _("核对警告")
    st.dataframe(table, hide_index=True, width="stretch", height=min(38 * len(table) + 40, 640),
                 column_config={
                     READ: st.column_config.LinkColumn(READ, display_text=_("打开原文"), width="small"),
                     TITLE: st.column_config.TextColumn(TITLE, width="large"),
                     WARNINGS: st.column_config.NumberColumn(WARNINGS, help=_("该文件中数字核对不一致的项数（见“数据”页）")),
                 })
    if matching > limit:
        lazy_downloads(lambda: catalog_table(catalog.document_catalog(**chosen)), _("文件目录"), key="doc-catalog")
