"""Raw bulletin files and line-aware views of them.

Everything a loader extracts must carry the 1-based line of the raw file where the
value is printed, so text is handled as (line number, text) pairs and joined
paragraphs keep a map from character offset back to line.
"""
from __future__ import annotations

import bisect
import csv
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from loaders.errors import BuildError
from loaders.text import ends_sentence, is_blank, norm

MANIFEST = "MANIFEST.csv"


@dataclass(frozen=True)
class RawText:
    """One raw bulletin file: its id, district and lines (index 0 is line 1)."""

    bulletin_id: str
    district: str
    title: str
    path: Path
    lines: tuple[str, ...]
    sha256: str

    def line(self, number: int) -> str:
        return self.lines[number - 1]

    def numbered(self, first: int = 1, last: int | None = None):
        """(line number, raw text) pairs for first..last inclusive."""
        last = len(self.lines) if last is None else last
        for number in range(first, last + 1):
            yield number, self.lines[number - 1]

    def find_lines(self, pattern: str | re.Pattern, first: int = 1, last: int | None = None,
                   normalised: bool = True) -> list[int]:
        """Line numbers whose (normalised) text matches `pattern`."""
        regex = re.compile(pattern) if isinstance(pattern, str) else pattern
        return [n for n, text in self.numbered(first, last)
                if regex.search(norm(text) if normalised else text)]


@dataclass
class Paragraph:
    """A logical paragraph: printed lines joined across page breaks.

    `text` is the normalised joined text; `line_at(offset)` gives the raw line a
    character of `text` came from.
    """

    lines: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    text: str = ""

    @property
    def first_line(self) -> int:
        return self.lines[0]

    def add(self, number: int, raw: str, piece: str | None = None) -> None:
        """Append printed line `number`; `piece` is norm(raw) when the caller has it already."""
        piece = norm(raw) if piece is None else piece
        if not piece:
            return
        self.lines.append(number)
        self.starts.append(len(self.text))
        self.text += piece

    def line_at(self, offset: int) -> int:
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.lines[max(index, 0)]


_HEADING_START = re.compile(
    r"^(#|[-*]\s|[一二三四五六七八九十]+、|\(?[一二三四五六七八九十]+\)|\d+[.、](?!\d)|\(\d+\)|附件|序号|[^\s]{0,6}\t)")


def paragraphs(raw: RawText, first: int, last: int) -> list[Paragraph]:
    """Join printed lines into logical paragraphs.

    A paragraph continues over blank lines (page breaks) while the text so far does
    not end a sentence and the next line does not start a new heading or item.
    Table rows (tab-separated) are never joined.
    """
    result: list[Paragraph] = []
    current: Paragraph | None = None
    for number, text in raw.numbered(first, last):
        if is_blank(text):
            continue
        is_table_row = "\t" in text.strip("\t ")
        piece = norm(text)
        starts_new = (current is None or is_table_row or ends_sentence(current.text, normalised=True)
                      or bool(_HEADING_START.match(piece)) or "\t" in raw.line(current.lines[-1]))
        if starts_new:
            current = Paragraph()
            result.append(current)
        current.add(number, text, piece)
    return [p for p in result if p.lines]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_corpus(raw_dir: Path) -> dict[str, RawText]:
    """Read every bulletin named in data/raw/MANIFEST.csv, keyed by bulletin_id."""
    manifest = raw_dir / MANIFEST
    if not manifest.exists():
        raise BuildError(f"找不到清单文件 {manifest}：请在 data/raw/ 下放入 MANIFEST.csv（file, bulletin_id, …）。")
    corpus: dict[str, RawText] = {}
    with manifest.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            path = raw_dir / row["file"]
            if not path.exists():
                raise BuildError(f"清单中列出的文件不存在：{path}", doc_id=row["file"])
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                raise BuildError(f"{path.name} 不是 UTF-8 文本（{exc.reason}，字节位置 {exc.start}）。",
                                 doc_id=row["file"]) from exc
            corpus[row["bulletin_id"]] = RawText(
                bulletin_id=row["bulletin_id"], district=row["district"], title=row["title"],
                path=path, lines=tuple(text.split("\n")), sha256=sha256_of(path))
    return corpus
