"""Raw bulletin files and line-aware views of them.

Everything a loader extracts must carry the 1-based line of the raw file where the
value is printed, so text is handled as (line number, text) pairs and joined
paragraphs (loaders.cn.paragraphs, re-exported here) keep a map from character
offset back to line.
"""
from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from loaders.cn.normalize import norm
from loaders.cn.paragraphs import Paragraph, join
from loaders.errors import BuildError

MANIFEST = "MANIFEST.csv"
__all__ = ["MANIFEST", "Paragraph", "RawText", "paragraphs", "read_corpus", "sha256_of"]


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


def paragraphs(raw: RawText, first: int, last: int) -> list[Paragraph]:
    """Printed lines first..last joined into logical paragraphs (loaders.cn.paragraphs.join)."""
    return join(raw.numbered(first, last))


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
