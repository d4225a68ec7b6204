"""The full-text index of both bulletins, built with the database (store.search ranks it in SQL).

Documents are split into passages (printed lines joined across page breaks, as
loaders.source.paragraphs does); each passage keeps the offset where every raw line
starts, so a match maps back to the exact line.

Chinese has no spaces, so passages are indexed by character bigrams (any substring of two
or more characters can be found), single characters (one-character queries) and ASCII
words. No word segmenter: jieba's dictionary cost the server ~70 MiB, and on 77 typical
queries its word terms changed the top hit of two (both equally good) and no hit count.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from loaders.base import Context, LoadResult
from loaders.schema import C, Table
from loaders.source import RawText, paragraphs
from textkit.msg import N_

# The analysis (shown form, matching form, terms) is shared with the store's search, which must not import loaders.
from textkit.search_terms import base_terms, display_line, fold, unigram_terms

SEARCH_PASSAGES = Table("search_passages", N_("全文检索的段落：原文按段落（跨分页接合）切分，标题单独成段。"), (
    C("passage_id", "INTEGER", N_("段落序号（从 0 开始）"), False),
    C("doc_id", "VARCHAR", N_("来源文件 ID"), False),
    C("bulletin", "VARCHAR", N_("所属公报"), False),
    C("first_line", "INTEGER", N_("段落首行（原文行号）"), False),
    C("lines", "INTEGER[]", N_("段落各行的原文行号"), False),
    C("starts", "INTEGER[]", N_("各行在段落文字中的起始位置"), False),
    C("text", "VARCHAR", N_("显示用文字（去掉标记，行间以空格相接）"), False),
    C("folded", "VARCHAR", N_("匹配用文字：半角、小写、统一标点，中文间空格去掉"), False),
    C("heading", "BOOLEAN", N_("是否标题"), False),
    C("length", "INTEGER", N_("BM25 文档长度（相邻两字与英文数字词的个数）"), False),
), ("passage_id",))

SEARCH_POSTINGS = Table("search_postings", N_("全文检索的倒排表：每个检索词（相邻两字、单字、英文数字词）在各段落中出现的次数。"), (
    C("term", "VARCHAR", N_("检索词"), False),
    C("passage_id", "INTEGER", N_("段落序号（见 search_passages）"), False),
    C("tf", "INTEGER", N_("在该段落中出现的次数"), False),
))

TABLES = [SEARCH_PASSAGES, SEARCH_POSTINGS]


# ---- passages and postings -------------------------------------------------------

@dataclass
class Passage:
    doc_id: str
    bulletin: str
    lines: list[int]
    starts: list[int]
    text: str                 # shown text (lines joined)
    heading: bool = False
    folded: str = field(default="", repr=False)


def _passages(doc_id: str, bulletin: str, raw: RawText, lines: list[int]) -> list[Passage]:
    """A paragraph's lines as passages; a heading is a passage of its own."""
    result: list[Passage] = []
    current: Passage | None = None
    for number in lines:
        piece, heading = display_line(raw.line(number))
        if not piece:
            continue
        if current is None or heading or current.heading:
            current = Passage(doc_id, bulletin, [], [], "", heading=heading)
            result.append(current)
        if current.text:
            current.text += " "  # a line break; folded away inside Chinese text
        current.lines.append(number)
        current.starts.append(len(current.text))
        current.text += piece
    for passage in result:
        passage.folded = fold(passage.text)[0]
    return result


def index_frames(corpus: dict[str, RawText], documents: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Passages of every document (raw lines first_line..last_line) and their term postings."""
    passages: list[Passage] = []
    for doc in documents.sort_values(["bulletin", "first_line"]).itertuples():
        raw = corpus.get(doc.bulletin)
        if raw is None:
            continue
        for para in paragraphs(raw, int(doc.first_line), int(doc.last_line)):
            passages.extend(_passages(doc.doc_id, doc.bulletin, raw, para.lines))
    rows, terms, ids, tfs = [], [], [], []
    for pid, p in enumerate(passages):
        base = base_terms(p.folded)
        rows.append((pid, p.doc_id, p.bulletin, p.lines[0], p.lines, p.starts, p.text, p.folded, p.heading,
                     len(base)))
        for term, tf in Counter(base + unigram_terms(p.folded)).items():
            terms.append(term)
            ids.append(pid)
            tfs.append(tf)
    frame = pd.DataFrame(rows, columns=SEARCH_PASSAGES.column_names)
    postings = pd.DataFrame({"term": terms, "passage_id": ids, "tf": tfs})
    # Sorted by term, so DuckDB's min/max zone maps skip most blocks for a term lookup.
    postings = postings.sort_values(["term", "passage_id"], ignore_index=True)
    return {SEARCH_PASSAGES.name: frame, SEARCH_POSTINGS.name: postings}


def load(ctx: Context) -> LoadResult:
    return LoadResult(tables=index_frames(ctx.corpus, ctx.docs.frame()))
