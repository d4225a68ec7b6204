"""Uploaded bytes -> a table of raw cells with the header row found.

CSV files from Chinese spreadsheets come as UTF-8, UTF-8 with BOM, GBK or GB18030 (a
superset of GBK), sometimes UTF-16 with tabs ("Unicode 文本"); Excel files as .xlsx.
Exports often start with a title line ("2025年7月热线通报") above the real header, so the
header is the row among the first few that matches most known column names.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import pandas as pd

from hotline.fields import KINDS, alias_index, header_key
from hotline.values import clean

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
HEADER_SEARCH_ROWS = 10


class ReadError(ValueError):
    """The file cannot be read at all; the message is Chinese and meant for the user."""


@dataclass
class RawTable:
    headers: list[str]
    rows: pd.DataFrame          # object cells, columns = headers; index = 1-based row in the file
    encoding: str               # 'utf-8', 'utf-8-sig', 'gb18030', 'utf-16' or 'xlsx'


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding that decoded it (strict: a wrong guess raises, never garbles)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8-sig"), "utf-8-sig"
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ReadError("无法识别文件编码：请另存为 UTF-8 或 GBK 编码的 CSV，或直接上传 Excel（.xlsx）文件")


def _delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])
    counts = {d: sample.count(d) for d in (",", "\t", ";", "，")}
    return max(counts, key=counts.get) if any(counts.values()) else ","


def _csv_cells(text: str) -> list[list[str]]:
    return [row for row in csv.reader(io.StringIO(text), delimiter=_delimiter(text))]


def _excel_cells(data: bytes) -> list[list[object]]:
    try:
        sheets = pd.read_excel(io.BytesIO(data), sheet_name=None, header=None, dtype=object)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ReadError(f"无法读取 Excel 文件（{type(exc).__name__}）：请确认是 .xlsx 格式且未加密") from exc
    if not sheets:
        raise ReadError("Excel 文件里没有工作表")
    # the sheet whose header row matches most known column names
    best = max(sheets.values(), key=lambda frame: _header_position(frame.values.tolist())[1])
    return best.values.tolist()


def _header_position(cells: list[list[object]]) -> tuple[int, int]:
    """(row index, number of recognised names) of the likeliest header row."""
    known = set().union(*(alias_index(k) for k in KINDS))
    best, best_hits = 0, -1
    for i, row in enumerate(cells[:HEADER_SEARCH_ROWS]):
        hits = sum(1 for cell in row if header_key(cell) in known)
        if hits > best_hits:
            best, best_hits = i, hits
    return best, best_hits


def read_table(data: bytes, file_name: str) -> RawTable:
    """Bytes of an uploaded file -> RawTable. Raises ReadError with a Chinese message."""
    if not data or not data.strip():
        raise ReadError("文件为空")
    if file_name.lower().endswith(EXCEL_SUFFIXES) or data[:4] == b"PK\x03\x04":
        cells, encoding = _excel_cells(data), "xlsx"
    elif file_name.lower().endswith(".xls"):
        raise ReadError("不支持旧版 .xls 文件：请在 Excel 中另存为 .xlsx 或 CSV")
    else:
        text, encoding = decode(data)
        cells = _csv_cells(text)
    numbered = [(n, row) for n, row in enumerate(cells, start=1) if any(clean(c) for c in row)]
    if not numbered:
        raise ReadError("文件为空")
    header_at, _hits = _header_position([row for _n, row in numbered])
    header_row = numbered[header_at][1]
    width = max(len(row) for _n, row in numbered)
    headers = _unique_headers([clean(c) for c in header_row] + [""] * (width - len(header_row)))
    body = numbered[header_at + 1:]
    rows = pd.DataFrame([list(r) + [None] * (width - len(r)) for _n, r in body], columns=headers,
                        index=[n for n, _r in body], dtype=object)
    # an unnamed column with nothing in it is spreadsheet debris, not data
    keep = [h for h in headers if not (h.startswith("未命名列") and rows[h].map(clean).eq("").all())]
    return RawTable(keep, rows.loc[:, keep], encoding)


def _unique_headers(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, h in enumerate(headers):
        name = h or f"未命名列{i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name}_{seen[name]}"
        else:
            seen[name] = 1
        out.append(name)
    return out
