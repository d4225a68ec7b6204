"""The reading view of one document (?doc=…&line=…): header table, cited line, citation, find-in-document."""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from ui import format as fmt
from ui.data import catalog, curated, search
from ui.i18n import N_, _, ngettext
from ui.provenance import citation
from views.documents.common import MAX_HITS, close_document, requested_line, span
from views.documents.markup import hits_html, reader_html

if TYPE_CHECKING:  # types only: the data arrive through ui.data.search
    from store.search import TextLine


def header(doc: dict, row: pd.Series | None, first: int, last: int) -> None:
    bulletin = curated.bulletin_titles().get(doc["bulletin"], doc["bulletin"])
    st.title(doc["title"])
    doc_no = doc["doc_no"] if isinstance(doc["doc_no"], str) and doc["doc_no"] else _("（无文号）")
    issuer = doc["issuer"] if isinstance(doc["issuer"], str) and doc["issuer"] else "—"
    signed = fmt.cn_date(doc["signed_on"]) if not pd.isna(doc["signed_on"]) else "—"
    pages = span(doc["start_page"], row["end_page"] if row is not None else None, "页")
    headers = " | ".join(_(h) for h in ("文号", "发文机关", "成文日期", N_("公报页码"), "原文行"))
    st.markdown(f"| {headers} |\n|---|---|---|---|---|\n"
                f"| {doc_no} | {issuer} | {signed} | {pages} | {span(first, last, '行')} |")
    st.caption(_("{bulletin} · 文件 ID：{doc_id}", bulletin=bulletin, doc_id=doc["doc_id"])
               + (_(" · 数据核对 {checks} 项，其中警告 {warnings} 项", checks=int(row["checks"]),
                    warnings=int(row["warnings"])) if row is not None else ""))


def cited_line(lines: list[TextLine], first: int, last: int) -> int | None:
    """The line the link names, if inside the document; a blank line (page break) gives the next printed one."""
    line = requested_line()
    if line is not None and not first <= line <= last:
        st.warning(_("第 {line} 行不在本文件内（本文件为原文第 {first}–{last} 行），已显示全文。", line=line, first=first,
                     last=last), icon=":material/warning:")
        return None
    if line is None:
        return None
    return next((item.line for item in lines if item.line >= line and not item.blank), line)


def reader(doc_id: str) -> None:
    doc = curated.document(doc_id)
    listing = catalog.document_catalog(doc_id=doc_id)
    row = listing.iloc[0] if not listing.empty else None
    first, last = int(doc["first_line"]), int(doc["last_line"])

    st.button(_("返回文件库"), on_click=close_document, icon=":material/arrow_back:")
    header(doc, row, first, last)
    lines = search.document_lines(doc_id)
    line = cited_line(lines, first, last)
    if line is not None:
        text = next((item.text for item in lines if item.line == line), "")
        st.markdown(_("**第 {line} 行**（已在下方原文中标出）", line=line))
        if text:
            st.info(text, icon=":material/format_quote:")
    cited = citation(doc_id, line if line is not None else [first, last])
    st.markdown(_("**引用**（右上角按钮可复制）"))
    st.code(cited, language=None, wrap_lines=True)

    within = st.text_input(_("在本文件中查找"), key="doc_q", placeholder=_("如 资金、责任单位、2020年12月"),
                           type="search")
    if within.strip():
        hits = search.search(within, limit=MAX_HITS, doc_id=doc_id)
        st.caption(ngettext("本文件中有 {n} 处相关段落。", "本文件中有 {n} 处相关段落。", len(hits)) if hits else _("本文件中没有找到。"))
        if hits:
            st.html(hits_html(hits, {doc_id: doc["title"]}, with_edition=False))
    st.html(reader_html(lines, line, cited if line is not None else ""), unsafe_allow_javascript=True)
    st.caption(_("原文按行显示：行号即原始文本的行号（空行与分页处略去，行号照常连续计数）；"
                 "Markdown 标记已去掉，表格单元格以“│”分隔。"))
