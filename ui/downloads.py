"""CSV and Excel downloads of exactly the rows a user sees, safe to open in Excel."""
from __future__ import annotations

import io
import re

import pandas as pd
import streamlit as st

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with an apostrophe."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v)
    return out


def safe_stem(stem: str) -> str:
    """File name stem without path separators or control characters."""
    cleaned = re.sub(r"[^\w\-\u4e00-\u9fff]+", "_", stem).strip("_")
    return cleaned[:80] or "data"


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    return neutralise(frame).to_csv(index=False).encode("utf-8-sig")  # BOM: Excel opens Chinese correctly


def to_excel_bytes(frame: pd.DataFrame, sheet: str = "数据") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
        neutralise(frame).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()


def download_buttons(frame: pd.DataFrame, stem: str, key: str | None = None) -> None:
    stem = safe_stem(stem)
    key = key or stem
    left, right = st.columns(2)
    left.download_button("下载 CSV", to_csv_bytes(frame), f"{stem}.csv", "text/csv",
                         key=f"csv-{key}", icon=":material/download:")
    right.download_button("下载 Excel", to_excel_bytes(frame), f"{stem}.xlsx",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          key=f"xlsx-{key}", icon=":material/table:")
