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
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from hotline import xlsx_guard
from hotline.fields import KINDS, alias_index, header_key
from hotline.msg import Msg, NMsg, ReadError
from hotline.values import clean

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
HEADER_SEARCH_ROWS = 10
# A month of hotline figures is a few hundred rows; row checks cost ~0.25 ms per row.
MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 10_000
MAX_COLUMNS = 200
MAX_HEADER = 100   # characters of a column name kept (real ones are < 20); a longer one is cut with …
MAX_UNZIPPED_BYTES = xlsx_guard.MAX_UNZIPPED_BYTES   # an .xlsx is a zip: refuse one that inflates beyond this
EMPTY_ROW_RUN = 5_000                    # a value more than this many rows below the data is a stray cell
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and any password-protected Excel file


@dataclass
class RawTable:
    headers: list[str]
    rows: pd.DataFrame          # object cells, columns = headers; index = 1-based row in the file
                                # (or '3（右）' for a table printed as blocks side by side)
    encoding: str               # 'utf-8', 'utf-8-sig', 'gb18030', 'utf-16' or 'xlsx'
    sheet: str | None = None    # the worksheet read (Excel)
    sheets: list[str] = field(default_factory=list)        # worksheets that could be chosen instead
    title_lines: list[str] = field(default_factory=list)   # text above the header (titles often name the month)
    header_rows: list[int] = field(default_factory=list)
    notes: list[Msg] = field(default_factory=list)         # how the layout was read (shown in the preview)


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding that decoded it (strict: a wrong guess raises, never garbles)."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise ReadError(Msg("文件是 UTF-32 编码（表格软件很少这样导出）：请另存为 UTF-8 CSV 或 .xlsx 文件"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ReadError(Msg("文件标记为 UTF-16 编码，但内容不完整或已损坏：请重新导出为 UTF-8 CSV 或 .xlsx 文件")) from None
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError:  # a UTF-8 mark in front of GBK text (files pieced together from two exports)
            raise ReadError(Msg("文件开头标记为 UTF-8，但内容不是 UTF-8（可能是 GBK）：请整份另存为 UTF-8 CSV 或 .xlsx")) from None
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ReadError(Msg("无法识别文件编码：请另存为 UTF-8 或 GBK 编码的 CSV，或直接上传 Excel（.xlsx）文件"))


def _delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])
    counts = {d: sample.count(d) for d in (",", "\t", ";", "，")}
    return max(counts, key=counts.__getitem__) if any(counts.values()) else ","


def _too_many_rows() -> ReadError:
    return ReadError(Msg("文件行数过多（超过 {limit:,} 行）：每次只导入一个或几个月的数据", limit=MAX_ROWS))


def _csv_cells(text: str) -> Sequence[Sequence[object]]:
    # newline="": a lone \r (old Mac exports) ends a row like \n and \r\n do
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise _too_many_rows()
    except csv.Error as exc:
        if "field larger than field limit" in str(exc) and not _unbalanced_quote(text):
            raise ReadError(Msg("CSV 第{line}行附近有一个单元格超过 {limit:,} 个字符，不像热线数据：请检查该行",
                                line=reader.line_num, limit=csv.field_size_limit())) from None
        raise ReadError(Msg("CSV 格式有误（第{line}行附近）：多半是某个单元格的引号没有配对。"
                            "请在表格软件中检查该行后重新导出", line=reader.line_num)) from None
    return rows


def _unbalanced_quote(text: str) -> bool:
    """An opening quote without its closing one before the field grew past the limit."""
    return text.count('"') % 2 == 1


# ---- Excel ------------------------------------------------------------------------------

LAST_ROW = MAX_ROWS + HEADER_SEARCH_ROWS + EMPTY_ROW_RUN   # a value further down is a stray cell


def _cell_value(cell) -> object:
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
        # a cell shown as 105% holds 1.05, which as a bare number would read as 1.05 %: keep what the user sees
        return f"{Decimal(repr(value)) * 100}%"
    return value


def _rows(sheet, info: xlsx_guard.SheetInfo, last: int | None = None) -> list[list[object]]:
    """The sheet's cells up to the extent measured by the guard (never its declared dimension)."""
    if not info.max_row:
        return []
    bottom = min(info.max_row, last) if last else info.max_row
    return [[_cell_value(c) for c in cells] for cells in
            sheet.iter_rows(min_row=1, max_row=bottom, min_col=1, max_col=info.max_col)]


@dataclass
class _Sheet:
    info: xlsx_guard.SheetInfo
    hits: int = -1


def _excel_cells(data: bytes, wanted: str | None) -> tuple[list[list[object]], str, list[_Sheet], list[Msg]]:
    """(cells of the chosen sheet, its title, every sheet, notes naming the sheets not imported)."""
    if data.startswith(OLE_MAGIC):
        raise ReadError(Msg("这是旧版 .xls 文件或加了密码的 Excel 文件：请在 Excel 中另存为不加密的 .xlsx 或 CSV 后上传"))
    book = xlsx_guard.inspect(data, columns=MAX_COLUMNS, last_row=LAST_ROW, filled_rows=MAX_ROWS + HEADER_SEARCH_ROWS)
    if not book.sheets:
        raise ReadError(Msg("Excel 文件里没有工作表"))
    import openpyxl  # here: ~7 MiB of server memory that /hotline needs only for an upload

    sheets = [_Sheet(info) for info in book.sheets]
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ReadError(Msg("无法读取 Excel 文件（{error}）：请确认是 .xlsx 格式且未加密", error=type(exc).__name__)) from exc
    try:
        readable = [s for s in sheets if s.info.kind == "worksheet" and s.info.refused is None and s.info.max_row]
        for s in readable:
            s.hits = _find_header(_rows(_sheet(workbook, s.info), s.info, HEADER_SEARCH_ROWS + 1))[3]
        if wanted is not None:
            chosen = next((s for s in readable if s.info.title == wanted), None)
            if chosen is None:
                raise ReadError(Msg("工作表「{sheet}」不存在或无法读取", sheet=wanted))
        else:
            refused = [s for s in sheets if s.info.refused is not None]
            if refused and not any(s.hits > 0 for s in readable):
                raise ReadError(refused[0].info.refused)
            if not readable:
                raise ReadError(Msg("文件为空"))
            chosen = max(readable, key=lambda s: s.hits)  # the first of the best (max keeps the first)
        if chosen.info.uncached_count:
            raise ReadError(NMsg("工作表「{sheet}」中有 {n} 个公式单元格没有保存计算结果，例如 {cells}："
                                 "请用 Excel 打开并保存后再上传，或把公式改成数值",
                                 "工作表「{sheet}」中有 {n} 个公式单元格没有保存计算结果，例如 {cells}："
                                 "请用 Excel 打开并保存后再上传，或把公式改成数值", chosen.info.uncached_count, sheet=chosen.info.title,
                                 cells="、".join(chosen.info.uncached)))
        cells = _rows(_sheet(workbook, chosen.info), chosen.info)
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(Msg("无法读取 Excel 文件（{error}）：请确认是 .xlsx 格式且未加密", error=type(exc).__name__)) from exc
    finally:
        workbook.close()
    return cells, chosen.info.title, sheets, _skipped_sheets(sheets, chosen)


def _sheet(workbook, info: xlsx_guard.SheetInfo):
    sheet = workbook[info.title]
    sheet.reset_dimensions()  # belt and braces: nothing below may fall back to the declared size
    return sheet


def _skipped_sheets(sheets: list[_Sheet], chosen: _Sheet) -> list[Msg]:
    """One note naming every sheet that is not imported, grouped by why."""
    others = [s for s in sheets if s is not chosen]
    if not others:
        return []
    groups: dict[str, list[str]] = {}
    refusals = []
    for s in others:
        if s.info.refused is not None:
            refusals.append(s.info.refused)
            continue
        if s.info.kind != "worksheet":
            reason = "不是数据表"
        elif not s.info.max_row:
            reason = "空白"
        elif s.hits >= 2:
            reason = "也有可识别的表头，可在“工作表”中改选"
        else:
            reason = "没有可识别的表头"
        groups.setdefault(reason, []).append(s.info.title)
    parts = [f"{'、'.join(f'「{name}」' for name in names)}（{reason}）" for reason, names in groups.items()]
    parts += [f"（{refusal}）" for refusal in refusals]
    notes: list[Msg] = [NMsg("本文件有 {n} 个工作表，只导入了「{sheet}」；其余 {skipped} 个未导入：{names}",
                  "本文件有 {n} 个工作表，只导入了「{sheet}」；其余 {skipped} 个未导入：{names}", len(sheets), sheet=chosen.info.title, skipped=len(others), names="；".join(parts))]
    return notes


# ---- both -------------------------------------------------------------------------------

def _known_headers() -> set[str]:
    return set().union(*(alias_index(k) for k in KINDS))


def _numeric(text: str) -> bool:
    return bool(re.fullmatch(r"[-+]?[\d,.]+%?", text))


def _combined(top: list[object], bottom: list[object], known: set[str]) -> list[str]:
    """One header from two rows: a merged group label (「考核指标」 over 「满意率」「解决率」)
    spans the empty cells to its right; per column the recognised name wins."""
    width = max(len(top), len(bottom))
    top_text = [clean(c) for c in top] + [""] * (width - len(top))
    bottom_text = [clean(c) for c in bottom] + [""] * (width - len(bottom))
    group, names = "", []
    for t, b in zip(top_text, bottom_text):
        group = t or (group if b and not _numeric(b) else "")
        for candidate in (b, group + b, t or group):
            if candidate and header_key(candidate) in known:
                names.append(candidate)
                break
        else:
            names.append(b or t)
    return names


def _find_header(cells: list[list[object]]) -> tuple[int, int, list[str], int]:
    """(row index, 1 or 2 rows, header names, number of recognised names) of the likeliest header."""
    known = _known_headers()
    best = (0, 1, [clean(c) for c in cells[0]] if cells else [], -1)
    def hits_of(names: list[str]) -> int:  # distinct recognised names (a repeated 「未办结」 counts once)
        return len({header_key(n) for n in names} & known)

    for i, row in enumerate(cells[:HEADER_SEARCH_ROWS]):
        names = [clean(c) for c in row]
        hits = hits_of(names)
        if hits > best[3]:
            best = (i, 1, names, hits)
        if i + 1 < len(cells):
            below = cells[i + 1]
            # the second header row holds labels, never figures (a data row below a header does)
            both = _combined(row, below, known) if not any(_numeric(clean(c)) for c in below) else []
            both_hits = hits_of(both)
            # two rows only when together they name more than either row alone (a title line above
            # the header adds nothing; 「考核指标」 over 「满意率」「解决率」 beside 「单位」 does)
            if both_hits > max(hits, hits_of([clean(c) for c in cells[i + 1]]), best[3]):
                best = (i, 2, both, both_hits)
    return best


def _unstack(headers: list[str], body: list[tuple[int, list[object]]]) -> tuple[list[str], list, int]:
    """A table printed as k blocks side by side (「单位 得分 排名 单位 得分 排名」) -> one block
    under another. Row labels become 「3（左）」「3（右）」 (k = 2) or 「3（第2组）」."""
    keys = [header_key(h) for h in headers]
    width = len(keys)
    for size in range(1, width // 2 + 1):
        if width % size:
            continue
        k = width // size
        block = keys[:size]
        if sum(1 for x in block if x) < 2 or any(keys[j * size:(j + 1) * size] != block for j in range(1, k)):
            continue
        names = headers[:size]
        out = []
        for j in range(k):
            side = ("左" if j == 0 else "右") if k == 2 else f"第{j + 1}组"
            for n, row in body:
                part = list(row[j * size:(j + 1) * size])
                if any(clean(c) for c in part):
                    out.append((f"{n}（{side}）", part))
        return names, out, k
    return headers, body, 1


def _cut_header(name: str) -> str:
    """A column name as typed, up to MAX_HEADER characters; a cut one ends with … so the preview shows it was cut."""
    return name if len(name) <= MAX_HEADER else name[:MAX_HEADER - 1] + "…"


def read_table(data: bytes, file_name: str, sheet: str | None = None) -> RawTable:
    """Bytes of an uploaded file -> RawTable. Raises ReadError with a Chinese message.
    `sheet`: which worksheet of a workbook to read (default: the one whose header matches best)."""
    if not data or not data.strip():
        raise ReadError(Msg("文件为空"))
    if len(data) > MAX_BYTES:
        raise ReadError(Msg("文件过大（{size:.1f} MB，上限 {limit} MB）：月度热线数据通常只有几十 KB，请确认选对了文件",
                            size=len(data) / 2**20, limit=MAX_BYTES // 2**20))
    notes: list[Msg] = []
    sheets: list[str] = []
    title = None
    cells: Sequence[Sequence[object]]
    if file_name.lower().endswith(EXCEL_SUFFIXES) or data[:4] == b"PK\x03\x04" or data.startswith(OLE_MAGIC):
        cells, title, all_sheets, notes = _excel_cells(data, sheet)
        encoding = "xlsx"
        sheets = [s.info.title for s in all_sheets if s.hits >= 2 or s.info.title == title]
    elif file_name.lower().endswith(".xls"):
        raise ReadError(Msg("不支持旧版 .xls 文件：请在 Excel 中另存为 .xlsx 或 CSV"))
    else:
        text, encoding = decode(data)
        cells = _csv_cells(text)
    numbered = [(n, row) for n, row in enumerate(cells, start=1) if any(clean(c) for c in row)]
    if not numbered:
        raise ReadError(Msg("文件为空"))
    # the last column holding anything (Excel pads rows to the sheet's formatted width)
    width = max(max((i for i, c in enumerate(row, start=1) if clean(c)), default=0) for _n, row in numbered)
    if width > MAX_COLUMNS:
        raise ReadError(Msg("文件列数过多（{width} 列，上限 {limit} 列）：请只保留需要导入的列", width=width, limit=MAX_COLUMNS))
    padded: list[tuple[int, list[object]]] = [(n, [*row[:width], *[None] * (width - len(row))]) for n, row in numbered]
    header_at, span, names, _hits = _find_header([row for _n, row in padded])
    header_rows = [padded[header_at + i][0] for i in range(span)]
    title_lines = [" ".join(clean(c) for c in row if clean(c)) for _n, row in padded[:header_at]]
    if span == 2:
        notes.append(Msg("第{first}—{last}行是两行表头（合并单元格），已合并读取为：{names}",
                         first=header_rows[0], last=header_rows[1], names="、".join(n for n in names if n)))
    names = [_cut_header(n) for n in names] + [""] * (width - len(names))
    body = padded[header_at + span:]
    if len(body) > MAX_ROWS:
        raise _too_many_rows()
    names, body, blocks = _unstack(names, body)
    if blocks > 1:
        notes.append(Msg("表格左右并排了 {k} 组相同的列（{names}），已拆开按一组一行读取；行号后注明是哪一组，如「{example}」",
                         k=blocks, names="、".join(n for n in names if n), example=body[-1][0] if body else ""))
    headers = _unique_headers(names)
    rows = pd.DataFrame([r for _n, r in body], columns=headers, index=[n for n, _r in body], dtype=object)
    # an unnamed column with nothing in it is spreadsheet debris, not data
    keep = [h for h in headers if not (h.startswith("未命名列") and rows[h].map(clean).eq("").all())]
    return RawTable(keep, rows.loc[:, keep], encoding, sheet=title, sheets=sheets, title_lines=title_lines,
                    header_rows=header_rows, notes=notes)


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
