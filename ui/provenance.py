"""Citations: every figure on screen names its document, 文号 and line."""
from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode

import streamlit as st

from store import curated


def _line_text(lines: int | Iterable[int]) -> str:
    if isinstance(lines, int):
        return f"第 {lines} 行"
    values = sorted({int(v) for v in lines})
    if not values:
        return ""
    return f"第 {values[0]} 行" if len(values) == 1 else f"第 {values[0]}–{values[-1]} 行"


def citation(doc_id: str, lines: int | Iterable[int]) -> str:
    """《title》（文号），bulletin，原文第 N 行 — the text a reporter pastes."""
    doc = curated.document(doc_id)
    if doc is None:
        return f"{doc_id}，{_line_text(lines)}"
    bulletin = curated.bulletin_titles().get(doc["bulletin"], doc["bulletin"])
    doc_no = f"（{doc['doc_no']}）" if doc.get("doc_no") else ""
    return f"《{doc['title']}》{doc_no}，{bulletin}，原文{_line_text(lines)}"


def document_link(doc_id: str, line: int | None = None) -> str:
    params = {"doc": doc_id} | ({"line": int(line)} if line else {})
    return f"/documents?{urlencode(params)}"


def source_caption(doc_id: str, lines: int | Iterable[int], note: str = "") -> None:
    """Caption under a chart or table, with a link to the exact line and a copy box."""
    first = lines if isinstance(lines, int) else min((int(v) for v in lines), default=None)
    text = citation(doc_id, lines)
    st.caption(f"来源：{text}{'　' + note if note else ''}　[查看原文]({document_link(doc_id, first)})")
    with st.popover("复制引用", icon=":material/content_copy:"):
        st.code(text, language=None, wrap_lines=True)
