"""A bulletin as text, whatever it was published as: .txt/.md, Word (.docx) or a PDF with a text layer.

    to_text("公报.pdf", data) -> str          # or convert(...) -> Converted, with notes per page

The loaders read lines of text: this module turns an upload into such lines, the way the two
first bulletins were converted (one line a paragraph, a table row a line of tab-separated cells,
page breaks as blank lines). Pure Python, no Streamlit; every limit is checked before the
expensive step it guards:
- more than MAX_BYTES is refused before anything is read;
- a .docx is a zip: its members' declared sizes are added up (and their number counted) before
  python-docx opens it, so a small file that inflates to gigabytes is refused unread;
- a PDF of more than MAX_PAGES pages is refused after its page count is read; text is read with
  PDFium (pypdfium2), which maps CJK glyphs to the right code points where pdfminer often gives
  Kangxi radicals (⼈⺠ for 人民); tables are found from ruling lines with pdfplumber on the pages
  that draw lines, and each cell's text is taken from PDFium's characters inside the cell;
- the text produced is capped at MAX_TEXT_CHARS.
A PDF without a text layer (a scan) is refused with a message saying to run OCR first.
Every refusal is a ConvertError with a Chinese message that says what to do.
"""
from __future__ import annotations

import io
import logging
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from textkit.msg import Msg, MsgError

MAX_BYTES = 20 * 2**20            # the same limit as loaders.add: a bulletin of hundreds of pages is a few MB
MAX_PAGES = 2000
MAX_UNZIPPED_BYTES = 100 * 2**20  # a .docx's members added up (document.xml of a 300-page bulletin: ~10 MB)
MAX_ZIP_MEMBERS = 5000
MAX_TEXT_CHARS = 20_000_000
TEXT_SUFFIXES = (".txt", ".md")
SUFFIXES = (*TEXT_SUFFIXES, ".docx", ".pdf")
_SENTENCE_END = tuple("。！？；：!?;:")
_FULL_WIDTH = set("“”‘’《》〈〉（）【】〔〕「」、，。：；！？")
_WORD = re.compile(r"[A-Za-z0-9.,%·\-]")          # characters a line is not broken between
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


class ConvertError(MsgError):
    """The file cannot be read as a bulletin; the message (a textkit.msg.Msg, Chinese) says why and what to do.
    str(error) is the Chinese text; the UI shows error.msg in the reader's language (ui.i18n.t_msg)."""


@dataclass
class Converted:
    text: str
    kind: str                               # "text", "docx" or "pdf"
    pages: int | None = None                # PDF pages
    tables: int = 0                         # tables read as tab-separated rows
    notes: list[Msg] = field(default_factory=list)   # what the reader should know (pages without text …)


def to_text(name: str, data: bytes) -> str:
    """The bulletin's text (raises ConvertError when it cannot be read)."""
    return convert(name, data).text


def convert(name: str, data: bytes) -> Converted:
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        hint = Msg("旧版 Word（.doc）请在 Word 或 WPS 中另存为 .docx；") if suffix in (".doc", ".wps") else ""
        raise ConvertError(Msg("{name}：不支持的文件类型“{suffix}”。{hint}请上传 .txt（UTF-8 文本）、.docx（Word）"
                               "或 .pdf（带文字层）。", name=name, suffix=suffix or Msg("无扩展名"), hint=hint))
    check_size(name, len(data))
    if suffix in TEXT_SUFFIXES:
        out = Converted(decode_text(name, data), "text")
    elif suffix == ".docx":
        out = _docx(name, data)
    else:
        out = _pdf(name, data)
    out.text = _clean(out.text)
    if len(out.text) > MAX_TEXT_CHARS:
        raise ConvertError(Msg("{name} 的文字超过 {limit:,} 个字符，不像一期公报：请拆分后分别上传。", name=name, limit=MAX_TEXT_CHARS))
    if not out.text.strip():
        raise ConvertError(Msg("{name} 没有可读入的文字：请确认导出的文件是否完整，或换用带文字的 .txt / .docx 版本。", name=name))
    return out


def check_size(name: str, size: int) -> None:
    if size == 0:
        raise ConvertError(Msg("{name} 是空文件（0 字节）：没有可读入的内容。请确认导出或下载是否完整后重新上传。", name=name))
    if size > MAX_BYTES:
        raise ConvertError(Msg("{name} 有 {mb:,.0f} MB，超过 {limit_mb} MB 的上限：一期公报的文字通常只有几 MB。"
                               "请上传公报正文（去掉扫描图片，或另存为 .docx / .txt）。",
                               name=name, mb=size / 2 ** 20, limit_mb=MAX_BYTES // 2 ** 20))


def decode_text(name: str, data: bytes) -> str:
    """UTF-8 text without a BOM, line ends as \\n (line numbers stay those of the file)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConvertError(Msg("{name} 不是 UTF-8 文本（字节位置 {position} 无法解码）：若是 GBK 编码的文本，"
                               "请用记事本或 WPS “另存为 UTF-8”后再上传；若不是文本文件，请上传 .docx 或 .pdf。",
                               name=name, position=exc.start)) from exc
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _clean(text: str) -> str:
    """Control characters out; Kangxi radicals (U+2F00–U+2FD5, left by some PDF producers) as the
    ideographs they stand for; trailing blanks of the file out (a text file's own lines are kept)."""
    text = _CONTROL.sub("", text)
    text = re.sub(r"[\u2f00-\u2fd5]", lambda m: unicodedata.normalize("NFKC", m[0]), text)
    return text.rstrip() + "\n"


# ---------------------------------------------------------------- Word

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx(name: str, data: bytes) -> Converted:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            inflated = sum(m.file_size for m in members)
            has_body = "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ConvertError(Msg("{name} 不是有效的 Word 文件（.docx 应是 zip 压缩包，此文件无法打开）："
                               "请在 Word 或 WPS 中打开后另存为 .docx 再上传。", name=name)) from None
    if len(members) > MAX_ZIP_MEMBERS or inflated > MAX_UNZIPPED_BYTES:
        raise ConvertError(Msg("{name} 解压后有 {mb:,.0f} MB、{parts:,} 个部件，"
                               "超过上限（{limit_mb} MB、{limit_parts:,} 个）：请删去嵌入的图片或附件后另存再上传。",
                               name=name, mb=inflated / 2 ** 20, parts=len(members), limit_mb=MAX_UNZIPPED_BYTES // 2 ** 20, limit_parts=MAX_ZIP_MEMBERS))
    if not has_body:
        raise ConvertError(Msg("{name} 不是 Word 文档（压缩包中没有 word/document.xml）：请上传 Word 保存的 .docx。", name=name))
    import docx  # python-docx; imported here so the app starts without reading it

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise ConvertError(Msg("{name} 无法作为 Word 文档读取（{error}）："
                               "请在 Word 或 WPS 中打开后另存为 .docx 再上传。",
                               name=name, error=type(exc).__name__)) from exc
    lines: list[str] = []
    tables = _body_lines(document.element.body, lines)
    return Converted("\n".join(lines), "docx", tables=tables)


def _body_lines(container, lines: list[str]) -> int:
    """Paragraphs and tables of a body (or content control) in document order; returns tables read."""
    tables = 0
    for child in container.iterchildren():
        if child.tag == f"{_W}p":
            lines.extend(_paragraph_text(child).split("\n"))
        elif child.tag == f"{_W}tbl":
            lines.extend(_table_rows(child))
            tables += 1
        elif child.tag == f"{_W}sdt":                     # a content control (a generated table of contents …)
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                tables += _body_lines(content, lines)
    return tables


def _paragraph_text(p) -> str:
    """A paragraph's runs as printed: text, tabs as \\t, line breaks as new lines (fields' results kept)."""
    out = []
    for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}noBreakHyphen"):
        tag = node.tag[len(_W):]
        if tag == "t":
            out.append(node.text or "")
        elif tag == "tab":
            if node.getparent().tag == f"{_W}r":          # a run's tab, not a tab stop definition
                out.append("\t")
        elif tag in ("br", "cr"):
            out.append("\n")
        else:
            out.append("-")
    return "".join(out)


def _table_rows(tbl) -> list[str]:
    """One line a row, cells joined by tabs. A cell continuing a vertical merge is empty (as in the
    converted bulletins: 'merged cells appear as empty leading cells'); a cell spanning n grid
    columns is followed by n - 1 empty cells so columns stay aligned. Nested tables' text stays in
    their cell."""
    rows = []
    for tr in tbl.iterchildren(f"{_W}tr"):
        cells = []
        for tc in tr.iterchildren(f"{_W}tc"):
            props = tc.find(f"{_W}tcPr")
            span, continues = 1, False
            if props is not None:
                grid = props.find(f"{_W}gridSpan")
                if grid is not None and (grid.get(f"{_W}val") or "").isdigit():
                    span = max(1, min(int(grid.get(f"{_W}val")), 64))
                merge = props.find(f"{_W}vMerge")
                continues = merge is not None and merge.get(f"{_W}val") in (None, "continue")
            text = "" if continues else " ".join(
                _paragraph_text(p).replace("\t", " ").replace("\n", " ").strip() for p in tc.iter(f"{_W}p")).strip()
            cells += [text] + [""] * (span - 1)
        rows.append("\t".join(cells).rstrip("\t") if any(cells) else "")
    return rows


# ---------------------------------------------------------------- PDF

@dataclass
class _Line:
    text: str
    left: float
    right: float
    top: float          # PDF coordinates: y grows upwards, so the first line has the largest top
    size: float
    lead: float         # width of the line's first word (a number, a Latin word or one character)


_Item = tuple[float, str, "_Line | list[str]"]  # (top, "line" | "table", the line or the rows of a table)


def _pdf(name: str, data: bytes) -> Converted:
    import pypdfium2 as pdfium

    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise ConvertError(Msg("{name} 不是 PDF 文件（开头没有 %PDF 标记）：请确认文件扩展名与内容一致，或上传 .docx / .txt。", name=name))
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = "文件有密码保护" if "password" in str(exc).lower() else "文件已损坏或不完整"
        raise ConvertError(Msg("{name} 无法作为 PDF 读取（{reason}）：请去掉密码或重新导出 PDF 后再上传。", name=name, reason=reason)) from exc
    try:
        pages = len(pdf)
        if pages > MAX_PAGES:
            raise ConvertError(Msg("{name} 有 {pages:,} 页，超过 {limit:,} 页的上限：请按期拆分后分别上传。",
                                   name=name, pages=pages, limit=MAX_PAGES))
        return _pdf_pages(name, data, pdf, pages)
    finally:
        pdf.close()


def _pdf_pages(name: str, data: bytes, pdf, pages: int) -> Converted:
    import pypdfium2.raw as pdfium_c

    per_page: list[list[_Item]] = []
    empty_pages: list[int] = []
    tables = 0
    plumber = None
    chars = 0
    try:
        for number in range(pages):
            page = pdf[number]
            try:
                textpage = page.get_textpage()
                try:
                    glyphs = _glyphs(textpage)
                finally:
                    textpage.close()
                chars += len(glyphs)
                if chars > MAX_TEXT_CHARS:
                    raise ConvertError(Msg("{name} 的文字超过 {limit:,} 个字符，不像一期公报：请拆分后分别上传。",
                                           name=name, limit=MAX_TEXT_CHARS))
                if not any(not g[0].isspace() for g in glyphs):
                    empty_pages.append(number + 1)
                    per_page.append([])
                    continue
                grids: list[tuple[tuple[float, float, float, float], list[list[tuple | None]]]] = []
                paths = sum(1 for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=2))
                if paths >= 2:                      # ruling lines drawn: perhaps a table
                    if plumber is None:
                        plumber = _open_plumber(data)
                    grids = _page_grids(plumber, number, page.get_height())
                items = _layout(glyphs, grids)
                tables += len(grids)
                per_page.append(items)
            finally:
                page.close()
    finally:
        if plumber is not None:
            plumber.close()
    if len(empty_pages) == pages:
        raise ConvertError(Msg("{name} 的 {pages} 页都没有文字层（多半是扫描件或图片）：程序读不出其中的字。"
                               "请先用 OCR 软件（如 WPS、Adobe Acrobat 的“文字识别”）转成带文字的 PDF，"
                               "或上传 Word / 文本版本。", name=name, pages=pages))
    notes = []
    if empty_pages:
        notes.append(Msg("第 {pages} 页没有文字层（扫描图片？），这些页的内容没有读入。", pages=_page_list(empty_pages)))
    return Converted(_reflow(per_page), "pdf", pages=pages, tables=tables, notes=notes)


def _glyphs(textpage) -> list[tuple[str, float, float, float, float]]:
    """(char, left, bottom, right, top) of every character of a page in PDFium's reading order;
    PDFium's generated line ends come as '\n' with no box. A space PDFium generated from a gap
    beside full-width punctuation (whose glyph carries its own blank half) is dropped: '以 “好味'
    was printed as '以“好味'."""
    import pypdfium2.raw as pdfium_c

    count = textpage.count_chars()
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    if len(text) != count:                 # surrogate pairs or dropped chars: read one at a time
        text = "".join(textpage.get_text_range(i, 1)[:1] or " " for i in range(count))
    out: list[tuple[str, float, float, float, float]] = []
    for index, char in enumerate(text):
        if char in "\r\n":
            if out and out[-1][0] != "\n":
                out.append(("\n", 0.0, 0.0, 0.0, 0.0))
            continue
        if char == " " and pdfium_c.FPDFText_IsGenerated(textpage.raw, index) == 1:
            before = out[-1][0] if out else ""
            after = text[index + 1] if index + 1 < count else ""
            if before in _FULL_WIDTH or after in _FULL_WIDTH:
                continue
        left, bottom, right, top = textpage.get_charbox(index)
        out.append((char, left, bottom, right, top))
    return out


def _open_plumber(data: bytes):
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)   # font warnings of every page otherwise
    return pdfplumber.open(io.BytesIO(data))


def _page_grids(plumber, number: int, height: float):
    """Tables drawn with ruling lines on page `number`: (bbox, rows of cell boxes) in PDF coordinates."""
    try:
        page = plumber.pages[number]
        found = page.find_tables()
    except Exception:  # noqa: BLE001 - a page pdfminer cannot lay out keeps its text, without table cells
        return []
    grids = []
    for table in found:
        rows = []
        for row in table.rows:
            rows.append([None if cell is None else (cell[0], height - cell[3], cell[2], height - cell[1])
                         for cell in row.cells])
        x0, top, x1, bottom = table.bbox
        if len(rows) >= 1 and max(len(r) for r in rows) >= 2:     # a framed paragraph is not a table
            grids.append(((x0, height - bottom, x1, height - top), rows))
    page.flush_cache()
    return grids


def _inside(box, x: float, y: float) -> bool:
    left, bottom, right, top = box
    return left <= x <= right and bottom <= y <= top


def _layout(glyphs, grids) -> list[_Item]:
    """Lines of text outside tables and tables as rows of cell texts, top to bottom."""
    items: list[_Item] = []
    cells: dict[tuple[int, int, int], list[str]] = {}
    line: list[tuple] = []

    def close_line():
        if line:
            text = "".join(g[0] for g in line).strip()
            if text:
                boxes = [g for g in line if not g[0].isspace()]
                word = boxes[:1]
                for g in boxes[1:]:
                    if not (_WORD.match(g[0]) and _WORD.match(word[-1][0])):
                        break
                    word.append(g)
                items.append((max(g[4] for g in boxes), "line", _Line(
                    text, min(g[1] for g in boxes), max(g[3] for g in boxes), max(g[4] for g in boxes),
                    max((g[4] - g[2] for g in boxes), default=10.0), word[-1][3] - word[0][1])))
            line.clear()

    for glyph in glyphs:
        char, left, bottom, right, top = glyph
        if char == "\n":
            close_line()
            continue
        x, y = (left + right) / 2, (bottom + top) / 2
        where = next(((t, r, c) for t, (box, rows) in enumerate(grids) if _inside(box, x, y)
                      for r, row in enumerate(rows) for c, cell in enumerate(row)
                      if cell is not None and _inside(cell, x, y)), None)
        if where is None and any(_inside(box, x, y) for box, _ in grids):
            continue                                        # on a table's frame, in no cell
        if where is not None:
            cells.setdefault(where, []).append(char)
            continue
        if line and char.strip() and line[-1][0].strip() \
                and left - line[-1][3] > 1.5 * max(top - bottom, line[-1][4] - line[-1][2], 1):
            line.append((" ", 0, 0, 0, 0))                  # a wide gap on one line (a TOC's page number)
        line.append(glyph)
    close_line()
    for t, (box, rows) in enumerate(grids):
        texts = []
        for r, row in enumerate(rows):
            values = ["".join(cells.get((t, r, c), [])).strip() for c in range(len(row))]
            values = [re.sub(r"\s+", " ", v) for v in values]
            if any(values):
                texts.append("\t".join(values).rstrip("\t"))
        items.append((box[3], "table", texts))
    items.sort(key=lambda item: -item[0])
    return items


def _reflow(pages: list[list[_Item]]) -> str:
    """One line a paragraph: a printed line runs on into the next line of the page when it does not
    end a sentence, the next line starts at the left margin (not indented), and the next line's first
    word would not have fitted before the right margin (so the line was broken by the layout, not by
    the author). Pages are separated by a blank line, as in the first bulletins' conversions (the
    loaders join paragraphs across page breaks themselves)."""
    lines = [payload for page in pages for _top, _kind, payload in page if isinstance(payload, _Line)]
    rights = sorted(line.right for line in lines)
    lefts = sorted(line.left for line in lines)
    margin = rights[int(len(rights) * 0.9)] if rights else 0.0
    indent = lefts[int(len(lefts) * 0.1)] if lefts else 0.0
    out: list[str] = []
    for page in pages:
        if out:
            out.append("")
        previous: _Line | None = None
        for _top, _kind, payload in page:
            if not isinstance(payload, _Line):  # a table: its rows as they are
                out.extend(payload)
                previous = None
                continue
            if previous is not None and out and _runs_on(previous, payload, margin, indent):
                out[-1] += payload.text
            else:
                out.append(payload.text)
            previous = payload
    return "\n".join(out)


def _runs_on(line: _Line, following: _Line, margin: float, indent: float) -> bool:
    if line.text.endswith(_SENTENCE_END) or following.left > indent + 0.5 * following.size:
        return False
    return line.right + 0.3 * line.size + following.lead >= margin


def _page_list(numbers: list[int]) -> str:
    shown = "、".join(str(n) for n in numbers[:10])
    return shown + (f" 等 {len(numbers)} " if len(numbers) > 10 else "")
