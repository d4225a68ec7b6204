"""Look inside an uploaded .xlsx before openpyxl loads anything from it.

An .xlsx is a zip of XML parts. openpyxl trusts what they declare: a sheet's
`<dimension ref="A1:XFD1048576">` makes its read-only reader pad every row to 16,384
cells; one cell in column XFD or row 1,048,576 does the same; a shared string of 150 MB is
loaded whole. So, before openpyxl opens the file, a pass over the zip answers, with bounded
time and memory (each part is at most MAX_PART_BYTES inflated; expat reads it 64 KB at a time,
then sheets and shared strings are measured in memory):

- how large each part and the whole archive inflate to (the sizes the zip declares; zipfile
  refuses to inflate a member beyond its declared size, so they cannot lie);
- whether any XML part carries a DTD or an entity declaration (refused outright, so neither
  expat nor openpyxl ever expands an entity);
- per sheet: its declared `<dimension ref>`, the last row and column that actually hold a
  value, how many rows and cells hold one, which formula cells have no stored result
  (after the expat pass, by regular expressions over the part: ~3 µs a cell);
- how many shared strings there are and how long the longest is (inline strings too).

Whole-file problems raise ReadError; a sheet that is too large is marked `refused` (with
the reason) and never opened, so a workbook's other sheets can still be imported. Every
later read passes the measured extent to openpyxl (`iter_rows(max_row=…, max_col=…)`), so
the declared dimension is never used.
"""
from __future__ import annotations

import functools
import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from xml.parsers import expat

from hotline.msg import Msg, ReadError

MAX_UNZIPPED_BYTES = 48 * 1024 * 1024   # every part together, inflated
MAX_PART_BYTES = 24 * 1024 * 1024       # any one part, inflated
MAX_MEMBERS = 2_000
MAX_SHEETS = 500
MAX_TEXT = 32_767                       # Excel's own limit for one cell's text
MAX_SHARED_STRINGS = 200_000
MAX_CELLS = 300_000                     # cells holding a value, all sheets together
MAX_ROW_ELEMENTS = 200_000              # <row> elements (formatted empty rows included), all sheets
CHUNK = 64 * 1024
FORMULA_SHOWN = 30



def column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


@functools.lru_cache(maxsize=1024)
def _column(letters: bytes) -> int:
    return column_number(letters.decode("ascii"))


def column_letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


@dataclass
class SheetInfo:
    title: str
    path: str
    kind: str = "worksheet"              # worksheet | chartsheet | other
    declared: str | None = None          # <dimension ref=…> as written
    max_row: int = 0                     # last row with a value (0: none)
    max_col: int = 0
    filled_rows: int = 0
    cells: int = 0
    uncached: list[str] = field(default_factory=list)   # formula cells without a stored result
    uncached_count: int = 0
    refused: Msg | None = None           # why this sheet is not read at all


@dataclass
class WorkbookInfo:
    sheets: list[SheetInfo]
    shared_strings: int = 0
    longest_text: int = 0
    unzipped_bytes: int = 0


_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, KeyError, NotImplementedError)


def _damaged() -> ReadError:
    return ReadError(Msg("无法读取 Excel 文件（文件已损坏或不完整）：请确认是 .xlsx 格式且未加密"))


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name)
    except _DAMAGED as exc:
        raise _damaged() from exc


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1]


def _no_dtd(parser) -> None:
    def refuse(*_args):
        raise ReadError(Msg("Excel 文件内含 DTD 或实体声明（正常的 Excel 文件没有）：为安全起见不读取。"
                            "请在 Excel 中另存为新的 .xlsx 后上传"))
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse


def _feed(archive: zipfile.ZipFile, name: str, parser) -> None:
    try:
        with archive.open(name) as stream:
            while True:
                chunk = stream.read(CHUNK)
                if not chunk:
                    break
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except ReadError:
        raise
    except expat.ExpatError as exc:
        raise ReadError(Msg("Excel 文件的 {part} 部分格式有误（{error}）：文件已损坏，请在 Excel 中重新保存后上传",
                            part=name, error=str(exc)[:80])) from None
    except _DAMAGED as exc:
        raise _damaged() from exc


def _new_parser():
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    _no_dtd(parser)
    return parser


def _workbook_parts(archive: zipfile.ZipFile, names: set[str]) -> tuple[str, list[tuple[str, str, str]]]:
    """(workbook part, [(sheet title, part path, kind)]) in the workbook's order."""
    workbook = "xl/workbook.xml"
    if "_rels/.rels" in names:
        found: list[str] = []
        parser = _new_parser()

        def root_rel(name, attrs):
            if _local(name) == "Relationship" and attrs.get("Type", "").endswith("/officeDocument"):
                found.append(attrs.get("Target", "").lstrip("/"))
        parser.StartElementHandler = root_rel
        _feed(archive, "_rels/.rels", parser)
        if found and found[0] in names:
            workbook = found[0]
    if workbook not in names:
        raise ReadError(Msg("无法读取 Excel 文件（文件里没有工作簿）：请确认是 .xlsx 格式且未加密"))
    sheets: list[tuple[str, str]] = []
    parser = _new_parser()

    def sheet_entry(name, attrs):
        if _local(name) == "sheet":
            rid = next((v for k, v in attrs.items() if _local(k) == "id"), "")
            sheets.append((attrs.get("name", ""), rid))
            if len(sheets) > MAX_SHEETS:
                raise ReadError(Msg("Excel 文件有 {n} 个以上工作表（上限 {limit} 个）：请只保留需要导入的工作表",
                                    n=MAX_SHEETS, limit=MAX_SHEETS))
    parser.StartElementHandler = sheet_entry
    _feed(archive, workbook, parser)
    rels_path = posixpath.join(posixpath.dirname(workbook), "_rels", posixpath.basename(workbook) + ".rels")
    targets: dict[str, tuple[str, str]] = {}
    if rels_path in names:
        parser = _new_parser()

        def rel(name, attrs):
            if _local(name) == "Relationship":
                target = attrs.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else \
                    posixpath.normpath(posixpath.join(posixpath.dirname(workbook), target))
                kind = attrs.get("Type", "").rsplit("/", 1)[-1]
                targets[attrs.get("Id", "")] = (path, kind)
        parser.StartElementHandler = rel
        _feed(archive, rels_path, parser)
    out = []
    for title, rid in sheets:
        path, kind = targets.get(rid, ("", ""))
        out.append((title, path, kind if kind in ("worksheet", "chartsheet") else "other"))
    return workbook, out


# Sheets and shared strings are measured with regular expressions over the part's bytes (each
# part is at most MAX_PART_BYTES): an expat pass with a Python callback per element cost ~13 µs a
# cell, these ~3 µs. The same part has already passed expat (well-formed, no DTD), so no comment,
# CDATA or entity can hide anything from openpyxl that these patterns do not see: at worst they
# count a cell that is not one, which only makes a refusal more likely; and openpyxl is never
# asked to read beyond the extent measured here.
_NAME = rb"(?:[A-Za-z_][\w.\-]*:)?"
_ATTRS = rb"((?:[^>\"']|\"[^\"]*\"|'[^']*')*)"
_TAG = re.compile(rb"<" + _NAME + rb"(row|c|dimension)(?=[\s/>])" + _ATTRS + rb">")
_END_C = re.compile(rb"</" + _NAME + rb"c\s*>")
_ATTR_R = re.compile(rb"(?:^|\s)r\s*=\s*[\"']([^\"']*)[\"']")
_CELL_R = re.compile(rb"(?:^|\s)r\s*=\s*[\"']\$?([A-Za-z]{1,3})\$?(\d{1,7})[\"']")
_ATTR_REF = re.compile(rb"(?:^|\s)ref\s*=\s*[\"']([^\"']*)[\"']")
_VALUE = re.compile(rb"<" + _NAME + rb"v(?:\s[^>]*)?>([^<]*)<")
_INLINE = re.compile(rb"<" + _NAME + rb"is(?:\s[^>]*)?>(.*?)</" + _NAME + rb"is\s*>", re.DOTALL)
_FORMULA = re.compile(rb"<" + _NAME + rb"f(?=[\s/>])[^>]*?(?:/>|>(.*?)</" + _NAME + rb"f\s*>)", re.DOTALL)
_MARKUP = re.compile(rb"<[^>]*>")
_SI = re.compile(rb"<" + _NAME + rb"si(?:\s[^>]*)?>(.*?)</" + _NAME + rb"si\s*>", re.DOTALL)
_RPH = re.compile(rb"<" + _NAME + rb"rPh\b.*?</" + _NAME + rb"rPh\s*>", re.DOTALL)


def _well_formed(archive: zipfile.ZipFile, name: str) -> None:
    """One expat pass without Python callbacks (C speed): well-formed, and no DTD or entity."""
    _feed(archive, name, _new_parser())


def _text_length(markup: bytes) -> int:
    return len(_MARKUP.sub(b"", markup).decode("utf-8", "replace"))


def _scan_sheet(archive, info: SheetInfo, budget: dict, limits: dict) -> None:
    _well_formed(archive, info.path)
    data = _read(archive, info.path)
    # counters are locals: this loop runs once per cell
    row = col = cells = max_row = max_col = filled = 0
    max_columns, last_row, filled_limit = limits["columns"], limits["row"], limits["filled_rows"]
    cells_left = MAX_CELLS - budget["cells"]
    row_has_value = False
    try:
        for match in _TAG.finditer(data):
            tag, attrs = match.group(1), match.group(2)
            if tag == b"c":
                cell = _CELL_R.search(attrs)
                if cell:
                    col, row = _column(cell.group(1)), int(cell.group(2))
                else:
                    col += 1
                if attrs.endswith(b"/"):
                    continue  # <c r="A9" s="3"/>: formatting only
                close = _END_C.search(data, match.end())
                content = data[match.end(): close.start() if close else len(data)]
                value = _VALUE.search(content)
                has_value = bool(value and value.group(1).strip())
                if b"is" in content:
                    inline = _INLINE.search(content)
                    if inline:
                        length = _text_length(inline.group(1))
                        if length > MAX_TEXT:
                            info.refused = Msg("工作表「{sheet}」的单元格 {ref} 超过 {limit:,} 个字符（Excel 单元格的上限）："
                                               "不像热线数据，请检查该单元格", sheet=info.title,
                                               ref=f"{column_letters(col)}{row}", limit=MAX_TEXT)
                            return
                        has_value = has_value or length > 0
                if not has_value:
                    formula = _FORMULA.search(content) if b"f" in content else None
                    if formula is not None:
                        info.uncached_count += 1
                        if len(info.uncached) < 3:
                            text = _MARKUP.sub(b"", formula.group(1) or b"").decode("utf-8", "replace")
                            info.uncached.append(f"{column_letters(col)}{row}（={_unescape(text)[:FORMULA_SHOWN]}）")
                    continue
                if col > max_columns:
                    info.refused = Msg("工作表「{sheet}」的单元格 {ref} 在第 {col:,} 列：文件列数过多（上限 {limit} 列），"
                                       "请删除该单元格或多余的列后重新上传",
                                       sheet=info.title, ref=f"{column_letters(col)}{row}", col=col, limit=max_columns)
                    return
                if row > last_row:
                    info.refused = Msg("工作表「{sheet}」的单元格 {ref} 在第 {row:,} 行，远在数据下方（上限第 {limit:,} 行）："
                                       "请删除该单元格（或整行）后重新上传",
                                       sheet=info.title, ref=f"{column_letters(col)}{row}", row=row, limit=last_row)
                    return
                cells += 1
                if cells > cells_left:
                    raise ReadError(Msg("Excel 文件中有内容的单元格超过 {limit:,} 个，不像月度热线数据："
                                        "请只保留需要导入的工作表和列", limit=MAX_CELLS))
                max_row = max(max_row, row)
                max_col = max(max_col, col)
                row_has_value = True
            elif tag == b"row":
                if row_has_value:
                    filled += 1
                    if filled > filled_limit:
                        info.refused = Msg("工作表「{sheet}」有数据的行超过 {limit:,} 行：文件行数过多，每次只导入一个或几个月的数据",
                                           sheet=info.title, limit=filled_limit)
                        return
                ref = _ATTR_R.search(attrs)
                row = int(ref.group(1)) if ref and ref.group(1).isdigit() else row + 1
                col = 0
                row_has_value = False
                budget["rows"] += 1
                if budget["rows"] > MAX_ROW_ELEMENTS:
                    raise ReadError(Msg("Excel 文件的行数（含带格式的空行）超过 {limit:,} 行：请删除多余的行或只保留需要导入的工作表",
                                        limit=MAX_ROW_ELEMENTS))
            else:
                ref = _ATTR_REF.search(attrs)
                info.declared = ref.group(1).decode("ascii", "replace") if ref else None
        if row_has_value:
            filled += 1
            if filled > filled_limit:
                info.refused = Msg("工作表「{sheet}」有数据的行超过 {limit:,} 行：文件行数过多，每次只导入一个或几个月的数据",
                                   sheet=info.title, limit=filled_limit)
    finally:
        info.cells, info.max_row, info.max_col, info.filled_rows = cells, max_row, max_col, filled
        budget["cells"] += cells


def _unescape(text: str) -> str:
    return text.replace("&quot;", '"').replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">") \
        .replace("&amp;", "&")


def _scan_shared_strings(archive, name: str, book: WorkbookInfo) -> None:
    _well_formed(archive, name)
    data = _read(archive, name)
    for match in _SI.finditer(data):
        book.shared_strings += 1
        if book.shared_strings > MAX_SHARED_STRINGS:
            raise ReadError(Msg("Excel 文件中的不同文本超过 {limit:,} 个，不像月度热线数据：请只保留需要导入的工作表",
                                limit=MAX_SHARED_STRINGS))
        length = _text_length(_RPH.sub(b"", match.group(1)))
        book.longest_text = max(book.longest_text, length)
        if length > MAX_TEXT:
            raise ReadError(Msg("Excel 文件中有一段文本超过 {limit:,} 个字符（Excel 单元格的上限）：不像热线数据，"
                                "请检查是否有单元格粘贴了大段内容", limit=MAX_TEXT))


def inspect(data: bytes, *, columns: int, last_row: int, filled_rows: int) -> WorkbookInfo:
    """Measure an .xlsx (see the module doc). `columns`: the widest sheet accepted; `last_row`:
    the lowest row a value may sit in; `filled_rows`: how many rows may hold values."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ReadError(Msg("无法读取 Excel 文件（文件已损坏或不完整）：请确认是 .xlsx 格式且未加密")) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ReadError(Msg("Excel 文件内部的部件超过 {limit:,} 个，不像月度热线数据", limit=MAX_MEMBERS))
        inflated = sum(i.file_size for i in infos)
        largest = max(infos, key=lambda i: i.file_size, default=None)
        if largest is not None and (inflated > MAX_UNZIPPED_BYTES or largest.file_size > MAX_PART_BYTES):
            raise ReadError(Msg("Excel 文件解压后超过 {mb} MB（其中「{part}」{size:.0f} MB），不像月度热线数据：请只保留需要导入的工作表",
                                mb=(MAX_UNZIPPED_BYTES if inflated > MAX_UNZIPPED_BYTES else MAX_PART_BYTES) // 2**20,
                                part=largest.filename[:60], size=largest.file_size / 2**20))
        names = {i.filename for i in infos}
        _workbook, entries = _workbook_parts(archive, names)
        book = WorkbookInfo([], unzipped_bytes=inflated)
        sheet_paths = set()
        for title, path, kind in entries:
            info = SheetInfo(title, path, kind)
            if kind != "worksheet" or path not in names:
                info.kind = kind if kind != "worksheet" else "other"
            book.sheets.append(info)
            sheet_paths.add(path)
        shared = [n for n in names if n.lower().endswith("sharedstrings.xml")]
        for name in shared:
            _scan_shared_strings(archive, name, book)
        budget = {"cells": 0, "rows": 0}
        limits = {"columns": columns, "row": last_row, "filled_rows": filled_rows}
        for info in book.sheets:
            if info.kind == "worksheet":
                _scan_sheet(archive, info, budget, limits)
        # every other XML part: no DTD, well-formed (openpyxl parses some of them)
        for name in sorted(names - sheet_paths - set(shared)):
            if name.lower().endswith((".xml", ".rels", ".vml")):
                _well_formed(archive, name)
    return book
