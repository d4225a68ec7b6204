"""CSV and Excel downloads of exactly the rows a user sees, safe to open in Excel."""
from __future__ import annotations

import io
import re
from collections.abc import Callable

import pandas as pd
import streamlit as st

from ui.i18n import _
from ui.i18n import lang as current_lang

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


def _width(values) -> int:
    """Column width in Excel characters: a CJK character takes two."""
    longest = max((sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(v)) for v in values), default=0)
    return max(6, min(60, longest + 2))


def _number_text(value) -> str:
    return f"{value:,.2f}" if isinstance(value, float) else str(value)


def to_excel_bytes(frame: pd.DataFrame, sheet: str = "数据", formats: dict[str, str] | None = None,
                   sources: pd.DataFrame | None = None, sources_sheet: str = "出处") -> bytes:
    """One sheet of data — number formats per column (`formats`, else frame.attrs["excel_formats"] as
    ui.tables.labelled() records them; other numbers General), widths fitted to the text, the
    header row frozen — and, when `sources` is given, a second sheet 出处 naming the documents."""
    formats = formats if formats is not None else frame.attrs.get("excel_formats", {})
    buffer = io.BytesIO()
    # text stays text even if a formula-like string slipped past neutralise(); no automatic hyperlinks
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        clean = neutralise(frame)
        name = sheet[:31]
        clean.to_excel(writer, index=False, sheet_name=name)
        book, page = writer.book, writer.sheets[name]
        for i, (column, original) in enumerate(zip(clean.columns, frame.columns)):
            series = frame[original]
            spec = formats.get(original)   # unlabelled numbers stay General: a year must not read 2,020
            cells = [column, *(_number_text(v) for v in series.head(500))]
            number_format = book.add_format({"num_format": spec}) if spec else None
            page.set_column(i, i, _width(cells), number_format)
            if number_format is not None and pd.api.types.is_numeric_dtype(series):
                # a cell written without a format shows as General: write the numbers again with it
                for row, value in enumerate(series, start=1):
                    if pd.notna(value):
                        page.write_number(row, i, float(value), number_format)
        page.freeze_panes(1, 0)
        if sources is not None and not sources.empty:
            sheet_name = sources_sheet[:31]
            neutralise(sources).to_excel(writer, index=False, sheet_name=sheet_name)
            cited = writer.sheets[sheet_name]
            for i, column in enumerate(sources.columns):
                cited.set_column(i, i, _width([column, *sources[column]]))
    return buffer.getvalue()


def source_table(sources, lang: str | None = None) -> pd.DataFrame:
    """The 出处 sheet: one row per document cited — title, 文号, bulletin, edition, lines.
    `sources` is a list of (doc_id, lines) pairs (lines an int or an iterable of ints)."""
    from ui.data import curated
    from ui.provenance import line_text

    lang = lang or current_lang()
    rows = []
    for doc_id, lines in sources:
        doc = curated.document(doc_id) or {}
        bulletin = doc.get("bulletin")
        rows.append({_("文件", lang): doc.get("title") or doc_id, _("文号", lang): doc.get("doc_no") or "",
                     _("公报", lang): curated.bulletin_titles().get(bulletin, bulletin or ""),
                     _("版次", lang): doc.get("edition") or "", _("原文行", lang): line_text(lines, lang)
                     if lines is not None else "", _("文件 ID", lang): doc_id})
    return pd.DataFrame(rows)


def _excel(frame: pd.DataFrame, sources, lang: str) -> bytes:
    cited = source_table(sources, lang) if sources else None
    return to_excel_bytes(frame, sheet=_("数据", lang), sources=cited, sources_sheet=_("出处", lang))


def download_buttons(frame: pd.DataFrame, stem: str, key: str | None = None, sources=None) -> None:
    """CSV and Excel buttons for `frame` (the rows shown; ui.tables.labelled() names its columns and
    sets its number formats). `sources`: (doc_id, lines) pairs for the Excel sheet 出处."""
    fetch_buttons(lambda: frame, stem, key, _("下载 CSV"), _("下载 Excel"), sources=sources)


def fetch_buttons(fetch: Callable[[], pd.DataFrame], stem: str, key: str | None, csv_label: str,
                  excel_label: str, sources=None) -> None:
    """CSV and Excel buttons for the frame `fetch()` returns. The files are made only when a button
    is clicked (a callable `data`, run by Streamlit on click): building an .xlsx of every table on
    every rerun cost more than drawing the page. No rerun on click: the page does not change."""
    stem = safe_stem(stem)
    key = key or stem
    code = current_lang()   # the deferred click runs outside the page's run: fix the language now
    left, right = st.columns(2)
    left.download_button(csv_label, lambda: to_csv_bytes(fetch()), f"{stem}.csv", "text/csv",
                         key=f"csv-{key}", icon=":material/download:", on_click="ignore")
    right.download_button(excel_label, lambda: _excel(fetch(), sources, code), f"{stem}.xlsx",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          key=f"xlsx-{key}", icon=":material/table:", on_click="ignore")
