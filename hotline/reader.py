"""Uploaded bytes -> a table of raw cells with the header row found.

CSV files from Chinese spreadsheets come as UTF-8, UTF-8 with BOM, GBK or GB18030 (a
superset of GBK), sometimes UTF-16 with tabs ("Unicode 文本"); Excel files as .xlsx.
Exports often start with a title line ("2025年7月热线通报") above the real header, so the
header is the row among the first few that matches most known column names.

Every way a file can fail to read ends in ReadError with a Chinese message; size bounds
keep one upload from holding a server thread for minutes.
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from hotline.fields import KINDS, alias_index, header_key
from hotline.values import clean

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
HEADER_SEARCH_ROWS = 10
# A month of hotline figures is a few hundred rows; row checks cost ~0.25 ms per row.
MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 10_000
MAX_COLUMNS = 200
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024   # an .xlsx is a zip: refuse one that inflates beyond this
EMPTY_ROW_RUN = 5_000                    # formatted but empty rows at a sheet's end are not read
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and any password-protected Excel file


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
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ReadError("文件标记为 UTF-16 编码，但内容不完整或已损坏：请重新导出为 UTF-8 CSV 或 .xlsx 文件") from None
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError:  # a UTF-8 mark in front of GBK text (files pieced together from two exports)
            raise ReadError("文件开头标记为 UTF-8，但内容不是 UTF-8（可能是 GBK）：请整份另存为 UTF-8 CSV 或 .xlsx") from None
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


def _too_many_rows() -> ReadError:
    return ReadError(f"文件行数过多（超过 {MAX_ROWS:,} 行）：每次只导入一个或几个月的数据")


def _csv_cells(text: str) -> list[list[str]]:
    # newline="": a lone \r (old Mac exports) ends a row like \n and \r\n do
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise _too_many_rows()
    except csv.Error:
        raise ReadError(f"CSV 格式有误（第{reader.line_num}行附近）：多半是某个单元格的引号没有配对。"
                        "请在表格软件中检查该行后重新导出") from None
    return rows


# ---- Excel ------------------------------------------------------------------------------

def _check_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise ReadError("无法读取 Excel 文件（文件已损坏或不完整）：请确认是 .xlsx 格式且未加密") from None
    if inflated > MAX_UNZIPPED_BYTES:
        raise ReadError(f"Excel 文件解压后超过 {MAX_UNZIPPED_BYTES // 2**20} MB，不像月度热线数据：请只保留需要导入的工作表")


def _cell_value(cell) -> object:
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
        # a cell shown as 105% holds 1.05, which as a bare number would read as 1.05 %: keep what the user sees
        return f"{Decimal(repr(value)) * 100}%"
    return value


def _sheet_rows(sheet) -> list[list[object]]:
    rows: list[list[object]] = []
    empty_run = filled = 0
    for row in ([_cell_value(c) for c in cells] for cells in sheet.iter_rows()):
        if any(cell is not None and clean(cell) for cell in row):
            empty_run = 0
            filled += 1
            if filled > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise _too_many_rows()
        else:
            empty_run += 1
            if empty_run > EMPTY_ROW_RUN:
                break
        rows.append(list(row))
    return rows


def _load_sheets(data: bytes, formulas: bool) -> dict[str, list[list[object]]]:
    import openpyxl  # here: ~7 MiB of server memory that /hotline needs only for an upload

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=not formulas)
        try:
            return {sheet.title: _sheet_rows(sheet) for sheet in book.worksheets}
        finally:
            book.close()
    except ReadError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ReadError(f"无法读取 Excel 文件（{type(exc).__name__}）：请确认是 .xlsx 格式且未加密") from exc


def _has_formulas(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        return any(b"<f>" in xml or b"<f " in xml for xml in map(archive.read, names))


def _uncomputed_formulas(data: bytes, title: str, values: list[list[object]]) -> list[str]:
    """Formula cells whose result the file does not store (files written by programs): read
    as values they look empty, and a figure would silently go missing."""
    from openpyxl.utils import get_column_letter

    formulas = _load_sheets(data, formulas=True).get(title, [])
    found = []
    for r, (row, computed) in enumerate(zip(formulas, values), start=1):
        for c, (cell, value) in enumerate(zip(row, computed), start=1):
            if isinstance(cell, str) and cell.startswith("=") and value is None:
                found.append(f"{get_column_letter(c)}{r}（{cell[:30]}）")
    return found


def _excel_cells(data: bytes) -> list[list[object]]:
    if data.startswith(OLE_MAGIC):
        raise ReadError("这是旧版 .xls 文件或加了密码的 Excel 文件：请在 Excel 中另存为不加密的 .xlsx 或 CSV 后上传")
    _check_zip(data)
    sheets = _load_sheets(data, formulas=False)
    if not sheets:
        raise ReadError("Excel 文件里没有工作表")
    # the sheet whose header row matches most known column names
    title = max(sheets, key=lambda name: _header_position(sheets[name])[1])
    cells = sheets[title]
    if _has_formulas(data):
        missing = _uncomputed_formulas(data, title, cells)
        if missing:
            raise ReadError(f"工作表「{title}」中有 {len(missing)} 个公式单元格没有保存计算结果，例如 "
                            f"{'、'.join(missing[:3])}：请用 Excel 打开并保存后再上传，或把公式改成数值")
    return cells


# ---- both -------------------------------------------------------------------------------

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
    if len(data) > MAX_BYTES:
        raise ReadError(f"文件过大（{len(data) / 2**20:.1f} MB，上限 {MAX_BYTES // 2**20} MB）："
                        "月度热线数据通常只有几十 KB，请确认选对了文件")
    if file_name.lower().endswith(EXCEL_SUFFIXES) or data[:4] == b"PK\x03\x04" or data.startswith(OLE_MAGIC):
        cells, encoding = _excel_cells(data), "xlsx"
    elif file_name.lower().endswith(".xls"):
        raise ReadError("不支持旧版 .xls 文件：请在 Excel 中另存为 .xlsx 或 CSV")
    else:
        text, encoding = decode(data)
        cells = _csv_cells(text)
    numbered = [(n, row) for n, row in enumerate(cells, start=1) if any(clean(c) for c in row)]
    if not numbered:
        raise ReadError("文件为空")
    # the last column holding anything (Excel pads rows to the sheet's formatted width)
    width = max(max((i for i, c in enumerate(row, start=1) if clean(c)), default=0) for _n, row in numbered)
    if width > MAX_COLUMNS:
        raise ReadError(f"文件列数过多（{width} 列，上限 {MAX_COLUMNS} 列）：请只保留需要导入的列")
    numbered = [(n, list(row[:width])) for n, row in numbered]
    header_at, _hits = _header_position([row for _n, row in numbered])
    header_row = numbered[header_at][1]
    headers = _unique_headers([clean(c) for c in header_row] + [""] * (width - len(header_row)))
    body = numbered[header_at + 1:]
    if len(body) > MAX_ROWS:
        raise _too_many_rows()
    rows = pd.DataFrame([r + [None] * (width - len(r)) for _n, r in body], columns=headers,
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
