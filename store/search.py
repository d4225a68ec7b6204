"""The text of the bulletins: line-numbered reader text and a Chinese full-text index.

The curated DuckDB holds tables, not prose, so the reader and the search read the raw
files named in data/raw/MANIFEST.csv. Documents are split into passages (printed lines
joined across page breaks, as loaders.source.paragraphs does); each passage keeps the
offset where every raw line starts, so a match maps back to the exact line.

Chinese has no spaces, so each passage is indexed twice over: character bigrams (any
substring of two or more characters can be found) and jieba words (whole-word matches
score higher). Ranking is BM25 over passages, with a bonus when the query occurs
literally. No DuckDB fts extension is involved (it would need a network to install).
"""
from __future__ import annotations

import bisect
import html
import logging
import math
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from loaders.source import RawText, paragraphs, read_corpus
from loaders.text import strip_markup, to_halfwidth
from store import curated

K1, B = 1.2, 0.75          # BM25 constants (the usual defaults)
MIN_COVERAGE = 0.6         # share of the query's terms a passage must contain
SNIPPET_CHARS = 90

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_TERM_RUN = re.compile(r"[\u4e00-\u9fff]+|[0-9a-z]+")
# One character in, one character out, so offsets in the folded text are offsets in the shown text.
_FOLD = str.maketrans({"（": "(", "）": ")", "：": ":", "；": ";", "，": ",", "。": ".", "、": ","})


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


def display_line(raw: str) -> tuple[str, bool]:
    """(clean text, is heading): markup removed, whitespace collapsed, table cells split by ' │ '.

    Spaces are kept (they separate a padded name from a position in the rosters); the
    search folds them away where they sit inside Chinese text.
    """
    stripped = raw.strip()
    heading = stripped.startswith("#")
    stripped = strip_markup(stripped.lstrip("#")).strip()
    if "\t" in stripped:
        cells = [re.sub(r"\s+", " ", c).strip() for c in stripped.split("\t")]
        return " │ ".join(c for c in cells if c), heading
    return re.sub(r"\s+", " ", stripped), heading


def reader_lines(raw: RawText, first: int, last: int) -> list[TextLine]:
    return [TextLine(n, *display_line(text)) for n, text in raw.numbered(first, last)]


def fold(text: str) -> tuple[str, list[int]]:
    """Matching form of shown text and, per folded character, its offset in the shown text.

    Half-width, lower case, uniform punctuation; whitespace dropped unless it separates
    two ASCII words (so 刘 斌 matches 刘斌 and 2020 年 matches 2020年).
    """
    chars = to_halfwidth(text).translate(_FOLD).lower()
    folded, origin = [], []
    for i, ch in enumerate(chars):
        if ch.isspace():
            before = folded[-1] if folded else ""
            after = next((c for c in chars[i + 1:] if not c.isspace()), "")
            if not (before.isascii() and before.isalnum() and after.isascii() and after.isalnum()):
                continue
            if before == " ":
                continue
        folded.append(ch)
        origin.append(i)
    return "".join(folded), origin


def fold_query(text: str) -> list[str]:
    """Query words: whitespace-separated parts, each folded."""
    return [fold(part)[0] for part in text.split() if _TERM_RUN.search(fold(part)[0])]


# ---- analysis ------------------------------------------------------------------

_jieba = None


def _segmenter():
    """jieba, initialised once and quietly (its dictionary ships with the package)."""
    global _jieba
    if _jieba is None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        _jieba = jieba
    return _jieba


def base_terms(folded: str) -> list[str]:
    """Character bigrams of Chinese runs (the run itself when it is one character), ASCII words."""
    terms: list[str] = []
    for match in _TERM_RUN.finditer(folded):
        run = match.group()
        if _CJK_RUN.fullmatch(run) and len(run) > 1:
            terms.extend(run[i:i + 2] for i in range(len(run) - 1))
        else:
            terms.append(run)
    return terms


def word_terms(folded: str) -> list[str]:
    """jieba words of two or more characters containing Chinese, prefixed to keep them apart."""
    return [f"w:{w}" for w in _segmenter().lcut_for_search(folded) if len(w) > 1 and _CJK_RUN.search(w)]


def unigram_terms(folded: str) -> list[str]:
    """Single Chinese characters, so that a one-character query finds something."""
    return [ch for run in _CJK_RUN.findall(folded) for ch in run if len(run) > 1]


# ---- index -------------------------------------------------------------------

@dataclass
class Passage:
    doc_id: str
    bulletin: str
    lines: list[int]
    starts: list[int]
    text: str                 # shown text (lines joined)
    folded: str = ""          # matching form (see fold)
    origin: list[int] = field(default_factory=list)
    heading: bool = False

    def line_at(self, offset: int) -> int:
        return self.lines[max(bisect.bisect_right(self.starts, offset) - 1, 0)]


@dataclass(frozen=True)
class Hit:
    doc_id: str
    line: int
    score: float
    snippet: str              # HTML: escaped text with <mark> around matches
    passage_line: int         # first line of the passage


@dataclass
class SearchIndex:
    passages: list[Passage]
    postings: dict[str, list[tuple[int, int]]]
    lengths: list[int]
    build_seconds: float = 0.0
    avg_length: float = field(init=False)

    def __post_init__(self):
        self.avg_length = sum(self.lengths) / max(len(self.lengths), 1)

    @property
    def stats(self) -> dict[str, int | float]:
        return {"passages": len(self.passages), "terms": len(self.postings),
                "postings": sum(len(p) for p in self.postings.values()),
                "characters": sum(len(p.text) for p in self.passages),
                "documents": len({p.doc_id for p in self.passages}), "seconds": round(self.build_seconds, 3)}

    def _idf(self, term: str) -> float:
        n, df = len(self.passages), len(self.postings.get(term, ()))
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def search(self, query: str, limit: int = 50, doc_id: str | None = None) -> list[Hit]:
        words = fold_query(query)
        required = sorted({t for w in words for t in base_terms(w)})
        if not required:
            return []
        extra = sorted({t for w in words for t in word_terms(w)} - set(required))
        scores: dict[int, float] = defaultdict(float)
        matched: dict[int, int] = defaultdict(int)
        for term in required + extra:
            idf, is_required = self._idf(term), not term.startswith("w:")
            for pid, tf in self.postings.get(term, ()):
                saturation = tf * (K1 + 1) / (tf + K1 * (1 - B + B * self.lengths[pid] / self.avg_length))
                scores[pid] += idf * saturation
                matched[pid] += is_required
        need = max(1, math.ceil(MIN_COVERAGE * len(required)))
        hits: list[Hit] = []
        for pid, score in scores.items():
            passage = self.passages[pid]
            if matched[pid] < need or (doc_id and passage.doc_id != doc_id):
                continue
            literal = sum(w in passage.folded for w in words) / len(words)
            snippet, line = highlight(passage, words, required)
            hits.append(Hit(passage.doc_id, line, round(score * (1 + literal), 4), snippet, passage.lines[0]))
        hits.sort(key=lambda h: (-h.score, h.doc_id, h.line))
        return hits[:limit]


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
        passage.folded, passage.origin = fold(passage.text)
    return result


def build_index(corpus: dict[str, RawText], documents: pd.DataFrame) -> SearchIndex:
    """Passages of every document (raw lines first_line..last_line), indexed for BM25."""
    started = time.perf_counter()
    passages: list[Passage] = []
    for doc in documents.sort_values(["bulletin", "first_line"]).itertuples():
        raw = corpus.get(doc.bulletin)
        if raw is None:
            continue
        for para in paragraphs(raw, int(doc.first_line), int(doc.last_line)):
            passages.extend(_passages(doc.doc_id, doc.bulletin, raw, para.lines))
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    lengths: list[int] = []
    for pid, passage in enumerate(passages):
        base = base_terms(passage.folded)
        lengths.append(len(base))
        counts = Counter(base + word_terms(passage.folded) + unigram_terms(passage.folded))
        for term, tf in counts.items():
            postings[term].append((pid, tf))
    return SearchIndex(passages, dict(postings), lengths, time.perf_counter() - started)


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


# ---- cached access for the app (keyed by the database build, rebuilt when it changes) --------

def _build_version() -> int:
    path = curated.database_path()
    return path.stat().st_mtime_ns if path.exists() else 0


@st.cache_resource(show_spinner=False, max_entries=1)
def _corpus(version: int) -> dict[str, RawText]:
    return read_corpus(curated.RAW_DIR)


@st.cache_resource(show_spinner="正在建立全文索引……", max_entries=1)
def _index(version: int) -> SearchIndex:
    return build_index(_corpus(version), curated.documents())


def corpus() -> dict[str, RawText]:
    return _corpus(_build_version())


def index() -> SearchIndex:
    return _index(_build_version())


def search(query: str, limit: int = 50, doc_id: str | None = None) -> list[Hit]:
    return index().search(query, limit, doc_id)


def document_lines(doc_id: str) -> list[TextLine]:
    """The document's raw lines first_line..last_line, cleaned for reading, with line numbers."""
    doc = curated.document(doc_id)
    raw = corpus().get(doc["bulletin"]) if doc else None
    if raw is None:
        return []
    return reader_lines(raw, int(doc["first_line"]), int(doc["last_line"]))
