"""CSV and Excel downloads of exactly the rows a user sees, safe to open in Excel."""
from __future__ import annotations

import io
import re
from collections.abc import Callable

import pandas as pd
import streamlit as st

from ui.i18n import _

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_STEM_BYTES = 150  # with ".xlsx" well under the 255-byte file-name limit of common file systems
_WINDOWS_RESERVED = re.compile(r"(con|prn|aux|nul|com\d|lpt\d)", re.IGNORECASE)


def _text_only(value):
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with an apostrophe
    (column names too: a pivot or a typed SQL alias can put data into the header row)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(_text_only)
    out.columns = [_text_only(c) for c in out.columns]
    return out


def safe_stem(stem: str) -> str:
    """File name stem without path separators, dots or control characters, at most
    MAX_STEM_BYTES of UTF-8, never a name Windows reserves (CON, NUL, COM1 …)."""
    cleaned = re.sub(r"[^\w\-\u4e00-\u9fff]+", "_", stem).strip("_")[:80]
    while len(cleaned.encode("utf-8")) > MAX_STEM_BYTES:
        cleaned = cleaned[:-1]
    if _WINDOWS_RESERVED.fullmatch(cleaned):
        cleaned = f"{cleaned}_"
    return cleaned or "data"


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    # BOM: Excel opens Chinese correctly. CRLF rows, as Excel writes them: the csv module then also
    # quotes a cell holding a lone \r, which with \n rows was left bare and split into a second
    # row whose text ('=1+1') a spreadsheet runs as a formula.
    return neutralise(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_excel_bytes(frame: pd.DataFrame, sheet: str = "数据") -> bytes:
    buffer = io.BytesIO()
    # text stays text even if a formula-like string slipped past neutralise(); no automatic hyperlinks
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        neutralise(frame).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()


def download_buttons(frame: pd.DataFrame, stem: str, key: str | None = None) -> None:
    """CSV and Excel buttons for `frame` (the rows shown)."""
    fetch_buttons(lambda: frame, stem, key, _("下载 CSV"), _("下载 Excel"))


def fetch_buttons(fetch: Callable[[], pd.DataFrame], stem: str, key: str | None, csv_label: str,
                  excel_label: str) -> None:
    """CSV and Excel buttons for the frame `fetch()` returns. The files are made only when a button
    is clicked (a callable `data`, run by Streamlit on click): building an .xlsx of every table on
    every rerun cost more than drawing the page. No rerun on click: the page does not change."""
    stem = safe_stem(stem)
    key = key or stem
    left, right = st.columns(2)
    left.download_button(csv_label, lambda: to_csv_bytes(fetch()), f"{stem}.csv", "text/csv",
                         key=f"csv-{key}", icon=":material/download:", on_click="ignore")
    right.download_button(excel_label, lambda: to_excel_bytes(fetch()), f"{stem}.xlsx",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          key=f"xlsx-{key}", icon=":material/table:", on_click="ignore")
