"""Citations: every figure on screen names its document, 文号 and line."""
from __future__ import annotations

from collections.abc import Iterable
from numbers import Integral
from urllib.parse import urlencode

import streamlit as st

from ui import links
from ui.data import curated
from ui.i18n import _
from ui.i18n import lang as current_lang


def _numbers(lines: int | Iterable[int]) -> list[int]:
    """One line number or several (numpy integers included), as plain ints."""
    if isinstance(lines, (int, Integral)):
        return [int(lines)]
    return [int(v) for v in lines]


def line_text(lines: int | Iterable[int], lang: str = "zh") -> str:
    values = sorted(set(_numbers(lines)))
    if not values:
        return ""
    if len(values) == 1:
        return _("原文第 {line} 行", lang, line=values[0])
    return _("原文第 {first}–{last} 行", lang, first=values[0], last=values[-1])


def citation(doc_id: str, lines: int | Iterable[int], lang: str | None = None) -> str:
    """《title》（文号），bulletin，原文第 N 行 — the text a reporter pastes. Titles and 文号 stay as
    printed in every language; only the connecting words are translated."""
    lang = lang or current_lang()
    sep = "，" if lang == "zh" else ", "
    doc = curated.document(doc_id)
    if doc is None:
        return f"{doc_id}{sep}{line_text(lines, lang)}"
    bulletin = curated.bulletin_titles().get(doc["bulletin"], doc["bulletin"])
    doc_no = (f"（{doc['doc_no']}）" if lang == "zh" else f" ({doc['doc_no']})") if doc.get("doc_no") else ""
    return f"《{doc['title']}》{doc_no}{sep}{bulletin}{sep}{line_text(lines, lang)}"


def document_link(doc_id: str, line: int | None = None, lang: str | None = None) -> str:
    """'/documents?doc=…&line=…', plus ?lang=en in the English view (the link opens a new session,
    which would otherwise fall back to Chinese)."""
    params = {"doc": doc_id} | ({"line": int(line)} if line else {})
    return links.with_lang(f"/documents?{urlencode(params)}", lang)


def source_caption(doc_id: str, lines: int | Iterable[int], note: str = "") -> None:
    """Caption under a chart or table, with a link to the exact line and a copy box."""
    first = min(_numbers(lines), default=None)
    text = citation(doc_id, lines)
    st.caption(f"{_('来源：')}{text}{'　' + note if note else ''}　[{_('查看原文')}]({document_link(doc_id, first)})")
    with st.popover(_("复制引用"), icon=":material/content_copy:"):
        st.code(text, language=None, wrap_lines=True)
