"""The text of the bulletins: line-numbered reader text and full-text search.

The reader's lines come from the bulletin_lines table the build stores (the raw text, line by
line), so the app reads no raw file at run time and a new edition is readable as soon as its
database is served. The search index (passages and term postings: character bigrams,
single characters, ASCII words) is built with the database by loaders.search_index and
read per query, so the server neither analyses the corpus nor keeps an index in memory;
both sides fold text and cut terms with the same functions (textkit.search_terms).
Ranking is BM25 over passages, with a bonus when the query occurs literally. No
DuckDB fts extension is involved (it would need a network to install).
"""
from __future__ import annotations

import bisect
import html
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

import duckdb
import pandas as pd

from store import db
from store.db import cacheable
from textkit.search_terms import base_terms, display_line, fold, fold_query

K1, B = 1.2, 0.75          # BM25 constants (the usual defaults)
MIN_COVERAGE = 0.6         # share of the query's terms a passage must contain
SNIPPET_CHARS = 90


# ---- reader text ---------------------------------------------------------------

@dataclass(frozen=True)
class TextLine:
    """One raw line as shown to readers: markup removed, layout spaces squashed."""

    line: int
    text: str
    heading: bool = False

    @property
    def blank(self) -> bool:
        return not self.text


class NumberedText(Protocol):
    """A raw text that gives its lines with their numbers (loaders.source.RawText does)."""

    def numbered(self, first: int, last: int) -> Iterable[tuple[int, str]]: ...


def reader_lines(raw: NumberedText, first: int, last: int) -> list[TextLine]:
    return [TextLine(n, *display_line(text)) for n, text in raw.numbered(first, last)]


# ---- index -------------------------------------------------------------------

@dataclass
class Passage:
    """One ranked passage, as fetched for its snippet."""

    doc_id: str
    lines: list[int]
    starts: list[int]
    text: str                 # shown text (lines joined)
    folded: str = ""          # matching form (see fold)
    origin: list[int] = field(default_factory=list)

    def __post_init__(self):
        if not self.folded:
            self.folded, self.origin = fold(self.text)

    def line_at(self, offset: int) -> int:
        return self.lines[max(bisect.bisect_right(self.starts, offset) - 1, 0)]


@dataclass(frozen=True)
class Hit:
    doc_id: str
    line: int
    score: float
    snippet: str              # HTML: escaped text with <mark> around matches
    passage_line: int         # first line of the passage
    bulletin: str = ""        # the edition the passage is printed in


class SearchIndex:
    """BM25 search over the search_passages / search_postings tables of a DuckDB connection.

    Only filtered scans run in DuckDB (a query's postings, the passages holding a word
    literally, the winners' text); scoring is a few thousand postings in Python. One SQL
    statement with joins and GROUP BY ranked the same but grew the server by ~60 MiB of
    hash-table allocations over a handful of searches.
    """

    def __init__(self, connect: Callable[[], duckdb.DuckDBPyConnection], build_seconds: float = 0.0):
        self._connect = connect   # called per query: the app's connection is replaced after a rebuild
        self.build_seconds = build_seconds
        self._lengths: list[int] | None = None

    def _rows(self, sql: str, params: list | None = None) -> list[tuple]:
        cursor = self._connect().cursor()
        try:
            return cursor.execute(sql, params or []).fetchall()
        finally:
            cursor.close()

    def lengths(self) -> list[int]:
        """BM25 length per passage_id (6 KB for the two bulletins; kept after the first search)."""
        if self._lengths is None:
            self._lengths = [n for (n,) in self._rows("SELECT length FROM search_passages ORDER BY passage_id")]
        return self._lengths

    @property
    def stats(self) -> dict[str, int | float]:
        passages, characters, documents = self._rows(
            "SELECT count(*), coalesce(sum(length(text)), 0), count(DISTINCT doc_id) FROM search_passages")[0]
        terms, postings = self._rows("SELECT count(DISTINCT term), count(*) FROM search_postings")[0]
        return {"passages": passages, "terms": terms, "postings": postings, "characters": int(characters),
                "documents": documents, "seconds": round(self.build_seconds, 3)}

    def search(self, query: str, limit: int = 50, doc_id: str | None = None,
               bulletins: tuple[str, ...] | None = None) -> list[Hit]:
        """The best `limit` passages for `query`, in one document (doc_id) or in some editions
        (bulletins; None: every edition). Ranking statistics are those of the whole index, so a
        passage scores the same whichever editions are searched."""
        words = fold_query(query)
        required = sorted({t for w in words for t in base_terms(w)})
        if not required:
            return []
        lengths = self.lengths()
        n, avg_length = len(lengths), sum(lengths) / max(len(lengths), 1)
        postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for term, pid, tf in self._rows("SELECT term, passage_id, tf FROM search_postings WHERE list_contains(?, term)",
                                        [required]):
            postings[term].append((pid, tf))
        scores: dict[int, float] = defaultdict(float)
        matched: dict[int, int] = defaultdict(int)
        for found in postings.values():
            idf = math.log(1 + (n - len(found) + 0.5) / (len(found) + 0.5))
            for pid, tf in found:
                scores[pid] += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[pid] / avg_length))
                matched[pid] += 1
        need = max(1, math.ceil(MIN_COVERAGE * len(required)))
        candidates = {pid for pid, m in matched.items() if m >= need}
        if doc_id:
            candidates &= {pid for (pid,) in self._rows("SELECT passage_id FROM search_passages WHERE doc_id = ?",
                                                        [doc_id])}
        if bulletins is not None:
            candidates &= {pid for (pid,) in self._rows("SELECT passage_id FROM search_passages "
                                                        "WHERE list_contains(?, bulletin)", [list(bulletins)])}
        if not candidates:
            return []
        literal: dict[int, int] = defaultdict(int)
        for word in words:
            for (pid,) in self._rows("SELECT passage_id FROM search_passages WHERE contains(folded, ?)", [word]):
                literal[pid] += 1
        ranked = {pid: round(scores[pid] * (1 + literal[pid] / len(words)), 4) for pid in candidates}
        keys = self._rows("SELECT passage_id, doc_id, first_line FROM search_passages "
                          "WHERE list_contains(?, passage_id)", [sorted(candidates)])
        # Passages of a document do not overlap, so their first line orders them as their hit lines would.
        keys.sort(key=lambda r: (-ranked[r[0]], r[1], r[2]))
        top = [pid for pid, _doc, _line in keys[:limit]]
        shown = {r[0]: r[1:] for r in self._rows("SELECT passage_id, doc_id, lines, starts, text, bulletin "
                                                 "FROM search_passages WHERE list_contains(?, passage_id)", [top])}
        hits: list[Hit] = []
        for pid in top:
            doc, lines, starts, text, bulletin = shown[pid]
            snippet, line = highlight(Passage(doc, lines, starts, text), words, required)
            hits.append(Hit(doc, line, ranked[pid], snippet, lines[0], bulletin))
        return hits


# ---- snippets ----------------------------------------------------------------

def _marks(passage: Passage, needles: list[str]) -> list[bool]:
    """Per character of the shown text: is it part of a match (found in the folded text)?"""
    marked = [False] * len(passage.text)
    folded, origin = passage.folded, passage.origin
    for needle in needles:
        start = folded.find(needle)
        while start >= 0:
            for i in range(origin[start], origin[start + len(needle) - 1] + 1):
                marked[i] = True
            start = folded.find(needle, start + 1)
    return marked


def highlight(passage: Passage, words: list[str], terms: list[str],
              width: int = SNIPPET_CHARS) -> tuple[str, int]:
    """(HTML snippet around the densest run of matches, raw line of its first match)."""
    marked = _marks(passage, sorted(set(words) | set(terms), key=len, reverse=True))
    positions = [i for i, m in enumerate(marked) if m]
    if not positions:
        return html.escape(passage.text[:width]), passage.lines[0]
    best_start, best_count = 0, -1
    for p in positions:
        start = max(0, p - width // 5)
        count = sum(marked[start:start + width])
        if count > best_count:
            best_start, best_count = start, count
    end = min(len(passage.text), best_start + width)
    first_mark = next(i for i in range(best_start, end) if marked[i])
    parts = ["…" if best_start > 0 else ""]
    i = best_start
    while i < end:
        j = i
        while j < end and marked[j] == marked[i]:
            j += 1
        piece = html.escape(passage.text[i:j])
        parts.append(f"<mark>{piece}</mark>" if marked[i] else piece)
        i = j
    parts.append("…" if end < len(passage.text) else "")
    return "".join(parts), passage.line_at(first_mark)


def by_document(hits: list[Hit]) -> pd.DataFrame:
    """One row per document: hit count, best score, the line of its best hit."""
    if not hits:
        return pd.DataFrame(columns=["doc_id", "hits", "best_score", "best_line"])
    frame = pd.DataFrame([h.__dict__ for h in hits])
    best = frame.sort_values("score", ascending=False).groupby("doc_id", sort=False).first()
    return (frame.groupby("doc_id").size().rename("hits").to_frame()
            .join(best[["score", "line"]].rename(columns={"score": "best_score", "line": "best_line"}))
            .reset_index().sort_values(["best_score", "hits"], ascending=False, ignore_index=True))


# ---- access for the app ------------------------------------------------------------

def index() -> SearchIndex:
    return SearchIndex(db.connection)


def search(query: str, limit: int = 50, doc_id: str | None = None,
           bulletins: tuple[str, ...] | None = None) -> list[Hit]:
    return index().search(query, limit, doc_id, bulletins)


def by_edition(hits: list[Hit], order: list[str]) -> list[tuple[str, list[Hit]]]:
    """Hits grouped by edition, editions in `order` (bulletin ids; others after them), hits by rank within."""
    groups: dict[str, list[Hit]] = defaultdict(list)
    for hit in hits:
        groups[hit.bulletin].append(hit)
    rank = {b: i for i, b in enumerate(order)}
    return sorted(groups.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0]))


@cacheable
def document_lines(doc_id: str) -> list[TextLine]:
    """The document's raw lines first_line..last_line, cleaned for reading, with line numbers."""
    rows = db.query("""SELECT l.line, l.text FROM documents d
                            JOIN bulletin_lines l ON l.bulletin = d.bulletin AND l.line BETWEEN d.first_line AND d.last_line
                            WHERE d.doc_id = ? ORDER BY l.line""", [doc_id])
    return [TextLine(int(n), *display_line(text)) for n, text in zip(rows.line, rows.text)]
