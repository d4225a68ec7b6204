"""Small shared pieces of the library views: spans, links, edition names."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import library
from ui.data import editions as ed
from ui.i18n import _, lang
from ui.links import with_lang
from ui.provenance import document_link

MAX_HITS = 40


def loaded() -> pd.DataFrame:
    return ed.editions()


def edition_text() -> dict[str, str]:
    """bulletin id -> '济阳区 · 2021年第1期'."""
    return library.edition_texts(loaded())


def requested_line() -> int | None:
    raw = st.query_params.get("line")
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


def close_document() -> None:
    for key in ("doc", "line"):
        st.query_params.pop(key, None)


def span(first, last, unit: str) -> str:
    """'第 4–19 页' / 'pp. 4–19'; unit is '页' (pages) or '行' (lines)."""
    if pd.isna(first):
        return "—"
    if pd.isna(last) or int(last) <= int(first):
        return _("第 {n} 页", n=int(first)) if unit == "页" else _("第 {n} 行", n=int(first))
    if unit == "页":
        return _("第 {first}–{last} 页", first=int(first), last=int(last))
    return _("第 {first}–{last} 行", first=int(first), last=int(last))


def bare_span(first, last) -> str:
    """'4–19' (the catalogue's page column)."""
    if pd.isna(first):
        return "—"
    return str(int(first)) if pd.isna(last) or int(last) <= int(first) else f"{int(first)}–{int(last)}"


def doc_url(doc_id: str, line: int | None = None) -> str:
    return with_lang(document_link(doc_id, line), lang())
