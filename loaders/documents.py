"""Split any bulletin into its documents by the general structure of 公文.

A document of a gazette starts at a 文号 standing on its own line (any issuer, any of the
brackets 〔〕 [] （） ()), together with the issuer line and title lines printed just above it
(or the title just below it). A plan compendium starts a document at each level-1 heading
— a Markdown '# …' line or a plain standalone line — naming a place and ending in a document
kind (…方案, …意见, …办法). A file in which nothing matches is one document.

Document ids are the bulletin id and the document's position in it ('jiyang-2020-04-03'), so
they are derived from the edition and the document, never from a literal.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from loaders.source import RawText
from loaders.text import cn_numeral, compact, is_blank, parse_cn_date

# After compact(): full-width brackets are half-width, 〔〕 stay, 【】 became [].
DOC_NO = re.compile(r"^(?P<prefix>[\u4e00-\u9fff]{1,16})[〔\[(](?P<year>\d{4})[〕\])](?P<num>\d{1,5})号$")
TOC_ENTRY = re.compile(r"([\u4e00-\u9fff]{1,16}[〔\[(]\d{4}[〕\])]\d{1,5}号)\)?\(?(\d{1,4})\)?$")
_ORG_SUFFIX = ("人民政府办公室", "人民政府", "政府办公室", "办公室", "委员会", "政府", "管理局", "局", "厅", "委",
               "办", "领导小组", "指挥部", "管委会", "中心", "党委", "党工委")
_SENTENCE_MARK = re.compile(r"[。；;:：,，!！?？]")
DOC_KIND_WORDS = ("方案", "意见", "办法", "通知", "决定", "规定", "通报", "批复", "报告", "细则", "规划", "计划",
                  "公告", "通告", "要点", "制度", "规则", "名单", "函")
_PLAN_KIND_WORDS = ("方案", "意见", "办法", "计划", "规定", "细则", "规划", "要点", "通知", "制度")
_PLACE_START = re.compile(r"^[\u4e00-\u9fff]{1,12}?(省|市|区|县|旗|州|镇|乡|街道)")
_MD_H1 = re.compile(r"^#(?!#)\s*(?P<text>.+?)\s*#*\s*$")
_DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
ISSUER_LOOKBACK = 8
MAX_TITLE_CHARS = 120


@dataclass(frozen=True)
class Document:
    doc_id: str
    bulletin: str
    district: str
    doc_no: str | None
    title: str
    issuer: str | None
    signed_on: str | None
    first_line: int
    last_line: int
    start_page: int | None
    seq: int = 1                      # position in the bulletin, from 1
    edition: str = ""                 # '2020-04', '2025'
    bulletin_kind: str = "document"   # gazette / compendium / document
    addressees: str | None = None     # 主送
    signed_by: str | None = None      # the organ named above the 成文日期
    attachments: str | None = None    # the 附件 line(s) as printed, '；'-joined
    structure: str = "whole"          # how it was found: doc_no / heading / whole

    def contains(self, line: int) -> bool:
        return self.first_line <= line <= self.last_line


@dataclass
class DocumentIndex:
    """The documents of one bulletin (or several), looked up by line or by words of the title."""

    documents: list[Document] = field(default_factory=list)

    def with_title(self, *words: str) -> list[Document]:
        return [d for d in self.documents if all(w in d.title for w in words)]

    def by_line(self, bulletin: str, line: int) -> Document | None:
        return next((d for d in self.documents if d.bulletin == bulletin and d.contains(line)), None)

    def of_bulletin(self, bulletin: str) -> list[Document]:
        return [d for d in self.documents if d.bulletin == bulletin]

    def frame(self) -> pd.DataFrame:
        from loaders.schema import DOCUMENTS
        return pd.DataFrame([d.__dict__ for d in self.documents], columns=[*DOCUMENTS.column_names])


# ---------------------------------------------------------------- recognisers (pure, on compact text)

def doc_no_match(line: str) -> re.Match | None:
    """A 文号 standing alone on its line, bare or in brackets ('(肇府办〔2008〕62号)')."""
    text = compact(line)
    if len(text) > 2 and text[0] in "([" and text[-1] in ")]":
        text = text[1:-1]
    return DOC_NO.match(text)


def formatted_doc_no(m: re.Match, raw_line: str) -> str:
    """The 文号 as printed, without layout spaces or surrounding brackets ('××政发〔2020〕17号')."""
    return m[0]


_FIELD_DOC_NO = re.compile(r"(?:文号|文件编号|发文字号|发文号)[:|]*(?P<no>[\u4e00-\u9fff]{1,16}[〔\[(]\d{4}[〕\])]\d{1,5}号)")
_FIELD_TITLE = re.compile(r"^[-*]?(?:标题|文件名称|名称)[:|]+(?P<title>[^|]{4,120})")
_FIELD_ISSUER = re.compile(r"(?:发布机构|发文机关|发文单位|公开责任部门)[:|]*(?P<org>[\u4e00-\u9fff()]{2,40}?)(?:\||文号|$)")


def is_issuer_line(text: str) -> bool:
    """'××市××区人民政府办公室': an organ's name standing alone (no sentence marks, not a title)."""
    text = compact(text).strip("*#").removesuffix("文件")
    return (2 <= len(text) <= 40 and not _SENTENCE_MARK.search(text) and not text.startswith("关于")
            and text.endswith(_ORG_SUFFIX) and not any(w in text[-4:] for w in ("通知", "方案")))


_OUTLINE_START = re.compile(r"^[(\[]?[一二三四五六七八九十\d]{1,3}[)\]、.．]")


def looks_like_title(text: str) -> bool:
    text = compact(text).strip("*#")
    return (0 < len(text) <= MAX_TITLE_CHARS and not _OUTLINE_START.match(text) and "|" not in text
            and not _FIELD_TITLE.match(text) and not text.endswith(("。", ";", ":"))
            and (text.startswith("关于") or text.endswith(DOC_KIND_WORDS) or "关于" in text[:20]))


def plan_heading(text: str) -> str | None:
    """The title if the line is a compendium-level heading: '# ××市××区…方案' or a plain
    standalone '××市××区……工作方案' line."""
    stripped = text.strip()
    md = _MD_H1.match(stripped)
    candidate = compact(md["text"] if md else stripped).strip("*")
    if not candidate or len(candidate) > MAX_TITLE_CHARS or _SENTENCE_MARK.search(candidate):
        return None
    if not candidate.endswith(_PLAN_KIND_WORDS):
        return None
    if md:
        return candidate
    return candidate if _PLACE_START.match(candidate) and not candidate.startswith("关于") else None


# ---------------------------------------------------------------- splitting

@dataclass(frozen=True)
class _Start:
    first_line: int          # issuer or title line: where the document begins
    doc_line: int            # the 文号 (or heading) line
    title: str
    issuer: str | None
    doc_no: str | None
    structure: str


def _lines_above(raw: RawText, number: int, floor: int) -> list[int]:
    """Non-blank lines above `number` (nearest first), at most ISSUER_LOOKBACK lines up."""
    return [n for n in range(number - 1, max(number - ISSUER_LOOKBACK, floor) - 1, -1) if not is_blank(raw.line(n))]


def _doc_no_start(raw: RawText, number: int, floor: int) -> _Start | None:
    """A document at the 文号 on line `number`: issuer/title above it, or the title just below."""
    above = _lines_above(raw, number, floor)
    issuer_at = next((n for n in above if is_issuer_line(raw.line(n))), None)
    matched = doc_no_match(raw.line(number))
    if matched is None:                                # callers pass a 文号 line; any other line starts nothing
        return None
    doc_no = formatted_doc_no(matched, raw.line(number))
    if issuer_at is not None:
        title_lines = [n for n in range(issuer_at + 1, number) if not is_blank(raw.line(n))]
        title = "".join(compact(raw.line(n)) for n in title_lines)
        issuer = compact(raw.line(issuer_at)).removesuffix("文件")
        if not title:                                  # issuer / 文号 / title: the title follows
            title = _title_below(raw, number)
        if title:
            prefix, title = _issuer_prefix(title)
            return _Start(issuer_at, number, title, prefix or issuer, doc_no, "doc_no")
    title_lines = []
    for n in above[:3]:                                # title / 文号 with no issuer line
        if _SENTENCE_MARK.search(compact(raw.line(n))[:-1]) or doc_no_match(raw.line(n)):
            break
        if title_lines and compact(raw.line(title_lines[0])).startswith("关于"):
            break                                      # a title starts at 关于: what is above is not it
        title_lines.insert(0, n)
    title = "".join(compact(raw.line(n)) for n in title_lines)
    if title_lines and looks_like_title(title):
        prefix, title = _issuer_prefix(title)
        return _Start(title_lines[0], number, title, prefix or _issuer_below(raw, number), doc_no, "doc_no")
    below = _title_below(raw, number)
    if below:
        prefix, below = _issuer_prefix(below)
        return _Start(number, number, below, prefix or _issuer_below(raw, number), doc_no, "doc_no")
    return None


def _issuer_below(raw: RawText, number: int) -> str | None:
    """文号 / issuer / title printed in that order (珠政办函…): the issuer line just below the 文号."""
    below = next((n for n in range(number + 1, min(number + 4, len(raw.lines) + 1)) if not is_blank(raw.line(n))), None)
    return compact(raw.line(below)) if below and is_issuer_line(raw.line(below)) else None


def _issuer_prefix(title: str) -> tuple[str | None, str]:
    """'××区人民政府办公室关于印发…' -> ('××区人民政府办公室', '关于印发…')."""
    at = title.find("关于")
    if at > 1 and is_issuer_line(title[:at]):
        return title[:at], title[at:]
    return None, title


def _title_below(raw: RawText, number: int) -> str:
    lines = [n for n in range(number + 1, min(number + 6, len(raw.lines) + 1)) if not is_blank(raw.line(n))][:3]
    title = ""
    for n in lines:
        piece = compact(raw.line(n))
        if piece.endswith((":", "：")) or _SENTENCE_MARK.search(piece[:-1]):
            break
        title += piece
        if looks_like_title(title):
            return title
    return ""


def doc_no_starts(raw: RawText) -> list[_Start]:
    starts: list[_Start] = []
    floor = 1
    for number, text in raw.numbered():
        if not doc_no_match(text):
            continue
        start = _doc_no_start(raw, number, floor)
        if start is not None and (not starts or start.first_line > starts[-1].doc_line):
            starts.append(start)
            floor = number + 1
    return starts


def heading_starts(raw: RawText) -> list[_Start]:
    starts = []
    for number, text in raw.numbered():
        title = plan_heading(text) if text.lstrip().startswith("#") or _standalone(raw, number) else None
        if title:
            issuer, title = _issuer_prefix(title)
            starts.append(_Start(number, number, title, issuer, None, "heading"))
    return starts


def _standalone(raw: RawText, number: int) -> bool:
    """A plain line with a blank line (or the file's edge) on both sides."""
    before = number == 1 or is_blank(raw.line(number - 1))
    after = number == len(raw.lines) or is_blank(raw.line(number + 1))
    return before and after and not is_blank(raw.line(number))


def _masthead(raw: RawText) -> str | None:
    """The gazette's name on its first line ('××区人民政府公报'); an issuer or a title is not one."""
    first = next((compact(t) for _, t in raw.numbered() if not is_blank(t)), None)
    return first if first and len(first) <= 40 and re.search(r"公报|汇编|专刊|通讯|简报|年鉴", first) else None


def _back_cover(raw: RawText, after: int) -> int:
    """The gazette's back cover repeats its masthead: documents end before it."""
    masthead = _masthead(raw)
    if not masthead:
        return len(raw.lines) + 1
    return next((n for n, t in raw.numbered(after + 1) if compact(t) == masthead), len(raw.lines) + 1)


HEADER_LINES = 40   # a web page's metadata block (索引号, 文号, 发布机构, 成文日期) sits near the top


def _whole_document(raw: RawText) -> _Start:
    """A file with no 文号 line and no heading: one document; its title is the first line that
    reads like one (or the manifest's title, or the file name)."""
    first = next((n for n, t in raw.numbered(1, min(len(raw.lines), 15)) if looks_like_title(t)), None)
    if first is None:
        first = next((n for n, t in raw.numbered(1, min(len(raw.lines), HEADER_LINES))
                      if _FIELD_TITLE.match(compact(t))), None)
        field_title = _FIELD_TITLE.match(compact(raw.line(first))) if first else None
        title = field_title["title"].strip() if field_title else (raw.meta.title or raw.path.stem)
    else:
        title = compact(raw.line(first)).strip("*#")
    issuer, title = _issuer_prefix(title)
    return _Start(1, first or 1, title, issuer, None, "whole")


def _with_header_fields(raw: RawText, start: _Start) -> _Start:
    """A single document published on a web page: fill 文号, title and issuer from its metadata
    block ('文号 | 汉政办发〔2021〕88号 |', '标题: …', '发布机构 …') where the body does not print them."""
    doc_no, title, issuer = start.doc_no, start.title, start.issuer
    for _n, text in raw.numbered(1, min(len(raw.lines), HEADER_LINES)):
        piece = compact(text)
        if doc_no is None and (m := _FIELD_DOC_NO.search(piece)):
            doc_no = m["no"]
        if start.structure == "whole" and (m := _FIELD_TITLE.match(piece)) and title in (raw.meta.title, raw.path.stem):
            issuer_prefix, title = _issuer_prefix(m["title"].strip())
            issuer = issuer or issuer_prefix
        if issuer is None and (m := _FIELD_ISSUER.search(piece)) and is_issuer_line(m["org"]):
            issuer = m["org"]
    return _Start(start.first_line, start.doc_line, title, issuer, doc_no, start.structure)


def _toc_pages(raw: RawText, before_line: int) -> dict[str, int]:
    pages: dict[str, int] = {}
    for _number, text in raw.numbered(1, before_line - 1):
        m = TOC_ENTRY.search(compact(text))
        if m:
            pages[m[1]] = int(m[2])
    return pages


_RECIPIENT_END = _ORG_SUFFIX + ("部门", "单位", "办事处", "机构", "企业", "学校", "医院", "街道", "镇", "乡", "村", "区",
                                "县", "市", "社区", "乡镇", "场", "所")
_METADATA_LABEL = re.compile(r"(发布机构|索引号|文号|分类|公开|来源|日期|时间)$")


def _addressees(raw: RawText, first: int, last: int) -> str | None:
    """主送: the first line after the heading block that ends with a colon and lists organs
    ('各镇人民政府，各街道办事处，区政府有关部门：')."""
    for _n, text in raw.numbered(first, min(last, first + (HEADER_LINES if first == 1 else 6))):
        piece = compact(text).rstrip(":：")
        if not compact(text).endswith((":", "：")) or "。" in piece or len(piece) > 150:
            continue
        if ":" in piece or "|" in piece or _METADATA_LABEL.search(piece):
            continue
        parts = [re.sub(r"\([^)]*\)$", "", p) for p in re.split(r"[,，、;；]", piece) if p]
        if parts and all(2 <= len(p) <= 24 and p.endswith(_RECIPIENT_END) for p in parts):
            return piece
    return None


_CN_DATE_LINE = re.compile(r"^(?P<y>[〇○OＯ零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月"
                           r"(?P<d>[一二三四五六七八九十]{1,3})日$")
_CN_YEAR_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "O": "0", "Ｏ": "0", "零": "0"}


def date_line(text: str) -> str | None:
    """'2020年12月11日' or '二〇〇九年六月十八日' standing alone -> ISO date."""
    piece = compact(text)
    if _DATE_LINE.match(piece):
        return parse_cn_date(piece)
    m = _CN_DATE_LINE.match(piece)
    if m:
        try:
            year = int("".join(_CN_YEAR_DIGIT[c] for c in m["y"]))
            return f"{year:04d}-{cn_numeral(m['m']):02d}-{cn_numeral(m['d']):02d}"
        except (KeyError, ValueError):
            return None
    return None


def _signature(raw: RawText, first: int, last: int) -> tuple[str | None, str | None]:
    """(成文日期 ISO, signing organ): the first line that is a whole date, and the organ above it."""
    for number, text in raw.numbered(first, last):
        when = date_line(text)
        if when:
            above = next((compact(raw.line(n)) for n in range(number - 1, max(number - 3, first) - 1, -1)
                          if not is_blank(raw.line(n))), None)
            return when, above if above and is_issuer_line(above) else None
    return None, None


def _attachments(raw: RawText, first: int, last: int) -> str | None:
    marks = [compact(t) for _n, t in raw.numbered(first, last) if re.match(r"^附件[:：]", compact(t))]
    return "；".join(marks) or None


def split(raw: RawText) -> list[Document]:
    """The documents of one bulletin, in order."""
    meta = raw.meta
    by_doc_no, by_heading = doc_no_starts(raw), heading_starts(raw)
    preferred = (by_heading, by_doc_no) if meta.kind == "compendium" else (by_doc_no, by_heading)
    starts = next((s for s in preferred if s), [])
    if not starts:
        starts = [_whole_document(raw)]
        end = len(raw.lines)
    else:
        end = (_back_cover(raw, starts[-1].doc_line) - 1 if starts[0].structure == "doc_no" and meta.kind == "gazette"
               else len(raw.lines))
    if len(starts) == 1 and starts[0].structure != "heading":
        starts = [_with_header_fields(raw, starts[0])]
    pages = _toc_pages(raw, starts[0].first_line)
    documents = []
    for index, start in enumerate(starts):
        last = starts[index + 1].first_line - 1 if index + 1 < len(starts) else end
        last = max(last, start.doc_line)
        signed, signed_by = _signature(raw, start.doc_line + 1, last)
        documents.append(Document(
            doc_id=f"{meta.bulletin_id}-{index + 1:02d}", bulletin=meta.bulletin_id, district=meta.district,
            doc_no=start.doc_no, title=start.title, issuer=start.issuer,
            signed_on=signed, first_line=start.first_line, last_line=last,
            start_page=pages.get(compact(start.doc_no)) if start.doc_no else None, seq=index + 1,
            edition=meta.label, bulletin_kind=meta.kind,
            addressees=_addressees(raw, start.doc_line + 1, last) or (
                _addressees(raw, 1, min(last, HEADER_LINES)) if len(starts) == 1 else None), signed_by=signed_by,
            attachments=_attachments(raw, start.doc_line + 1, last), structure=start.structure))
    return documents


def document_text(raw: RawText, doc: Document) -> str:
    """The document's lines, compact and joined (for recognising what it is)."""
    return "".join(compact(t) for _n, t in raw.numbered(doc.first_line, doc.last_line))


def split_all(corpus: dict[str, RawText]) -> DocumentIndex:
    return DocumentIndex([doc for raw in corpus.values() for doc in split(raw)])
