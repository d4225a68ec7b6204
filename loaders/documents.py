"""Split each bulletin into its documents by content (issuer lines, 文号, plan headings).

济阳 gazette: a document starts at an issuer line (济南市济阳区人民政府[办公室]) that
is followed within a few lines by a 文号 standing on its own line. 章丘 compendium:
each plan starts at a level-1 heading `# 济南市章丘区…方案`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from loaders.errors import BuildError
from loaders.source import RawText
from loaders.text import compact, parse_cn_date

DOC_NO = re.compile(r"^(济阳政(?:办)?(?:发|字))〔(\d{4})〕(\d+)号$")
TOC_ENTRY = re.compile(r"(济阳政(?:办)?(?:发|字))〔(\d{4})〕(\d+)号\)?\(?(\d+)\)?$")
ISSUER = re.compile(r"^(济南市济阳区人民政府(?:办公室)?)")
PLAN_HEADING = re.compile(r"^#(济南市章丘区.*方案)$")
_KIND_CODE = {"济阳政发": "zf", "济阳政字": "zz", "济阳政办发": "zbf", "济阳政办字": "zbz"}
ISSUER_LOOKBACK = 8


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

    def contains(self, line: int) -> bool:
        return self.first_line <= line <= self.last_line


class DocumentIndex:
    """Look documents up by 文号 or by words of their title."""

    def __init__(self, documents: list[Document]):
        self.documents = documents

    def by_title(self, *words: str, bulletin: str | None = None) -> Document:
        hits = [d for d in self.documents
                if all(w in d.title for w in words) and (bulletin is None or d.bulletin == bulletin)]
        if len(hits) != 1:
            raise BuildError(f"按标题关键词 {'、'.join(words)} 找到 {len(hits)} 个文件，应为 1 个。",
                             doc_id=bulletin)
        return hits[0]

    def by_line(self, bulletin: str, line: int) -> Document | None:
        return next((d for d in self.documents if d.bulletin == bulletin and d.contains(line)), None)

    def of_bulletin(self, bulletin: str) -> list[Document]:
        return [d for d in self.documents if d.bulletin == bulletin]

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame([d.__dict__ for d in self.documents])


def _toc_pages(raw: RawText, before_line: int) -> dict[str, int]:
    pages: dict[str, int] = {}
    for number, text in raw.numbered(1, before_line - 1):
        m = TOC_ENTRY.search(compact(text))
        if m:
            pages[f"{m[1]}〔{m[2]}〕{m[3]}号"] = int(m[4])
    return pages


def split_jiyang(raw: RawText) -> list[Document]:
    starts: list[tuple[int, int, str, str, re.Match]] = []  # issuer line, doc-no line, issuer, title, match
    for number, text in raw.numbered():
        m = DOC_NO.match(compact(text))
        if not m:
            continue
        for back in range(number - 1, max(number - ISSUER_LOOKBACK, 0), -1):
            issuer = ISSUER.match(compact(raw.line(back)))
            if issuer:
                title = "".join(compact(raw.line(n)) for n in range(back, number))[len(issuer[1]):]
                starts.append((back, number, issuer[1], title, m))
                break
        else:
            raise BuildError(f"文号 {text.strip()} 前 {ISSUER_LOOKBACK} 行内没有发文机关行。",
                             doc_id=raw.bulletin_id, line=number)
    if not starts:
        raise BuildError("济阳公报中没有找到任何独占一行的文号（如 济阳政发〔2020〕17号）。", doc_id=raw.bulletin_id)
    back_cover = next((n for n, t in raw.numbered(starts[-1][1]) if compact(t) == "济南市济阳区人民政府公报"),
                      len(raw.lines) + 1)
    pages = _toc_pages(raw, starts[0][0])
    documents = []
    for index, (first, doc_line, issuer, title, m) in enumerate(starts):
        last = (starts[index + 1][0] if index + 1 < len(starts) else back_cover) - 1
        doc_no = f"{m[1]}〔{m[2]}〕{m[3]}号"
        signed = next((parse_cn_date(t) for n, t in raw.numbered(doc_line + 1, last)
                       if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", compact(t))), None)
        documents.append(Document(
            doc_id=f"{raw.bulletin_id}-{_KIND_CODE[m[1]]}-{m[2]}-{int(m[3]):03d}", bulletin=raw.bulletin_id,
            district=raw.district, doc_no=doc_no, title=title, issuer=issuer, signed_on=signed,
            first_line=first, last_line=last, start_page=pages.get(doc_no)))
    return documents


def split_zhangqiu(raw: RawText) -> list[Document]:
    heads = [(n, PLAN_HEADING.match(compact(t))[1]) for n, t in raw.numbered()
             if PLAN_HEADING.match(compact(t))]
    if not heads:
        raise BuildError("章丘汇编中没有找到任何“# 济南市章丘区…方案”标题。", doc_id=raw.bulletin_id)
    documents = []
    for index, (first, title) in enumerate(heads):
        last = heads[index + 1][0] - 1 if index + 1 < len(heads) else len(raw.lines)
        documents.append(Document(
            doc_id=f"{raw.bulletin_id}-2025-{index + 1:02d}", bulletin=raw.bulletin_id, district=raw.district,
            doc_no=None, title=title, issuer=None, signed_on=None, first_line=first, last_line=last,
            start_page=None))
    return documents


def bulletin_kind(bulletin_id: str) -> str:
    """'jiyang' and 'jiyang-0007' are both 济阳 gazettes: further bulletins of a kind carry a suffix."""
    return bulletin_id.split("-", 1)[0]


def split_all(corpus: dict[str, RawText]) -> DocumentIndex:
    """Doc ids start with the bulletin id, so they stay unique when a corpus holds several bulletins
    of one kind ('jiyang-zz-2020-081', 'jiyang-0007-zz-2020-081')."""
    documents: list[Document] = []
    for bulletin_id, raw in corpus.items():
        splitter = split_jiyang if bulletin_kind(bulletin_id) == "jiyang" else split_zhangqiu
        documents.extend(splitter(raw))
    return DocumentIndex(documents)
