"""Raw bulletin files and line-aware views of them.

Everything a loader extracts must carry the 1-based line of the raw file where the
value is printed, so text is handled as (line number, text) pairs and joined
paragraphs (loaders.cn.paragraphs, re-exported here) keep a map from character
offset back to line.
"""
from __future__ import annotations

import csv
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from loaders.cn.normalize import norm
from loaders.cn.paragraphs import Paragraph, join
from loaders.errors import BuildError
from textkit.msg import Msg

MANIFEST = "MANIFEST.csv"
__all__ = ["MANIFEST", "Paragraph", "RawFile", "RawText", "paragraphs", "read_corpus", "scan_corpus", "sha256_of"]


@dataclass(frozen=True)
class RawText:
    """One raw bulletin file: its id, district and lines (index 0 is line 1)."""

    bulletin_id: str
    district: str
    title: str
    path: Path
    lines: tuple[str, ...]
    sha256: str
    edition: Edition | None = None

    @property
    def meta(self) -> Edition:
        """The edition metadata (a bare one for a RawText built by hand in a test)."""
        return self.edition or Edition(self.bulletin_id, district=self.district, title=self.title)

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


# ---------------------------------------------------------------- editions as data
#
# data/raw/MANIFEST.csv describes every bulletin: what it is (kind), whose it is (district,
# issuer) and which edition (year, issue, publication date). A text file in the folder that the
# manifest does not list is still read, as a single document with what can be inferred.
#
# A bulletin published as Word or PDF is kept as it was published (`file`, e.g. foo.pdf, whose
# sha256 is `sha256`) and read through the text loaders.convert made of it when it was registered,
# kept beside it as foo.pdf.txt (its sha256 in `text_sha256`). Both are verified at every build:
# the line numbers every citation carries are those of that text, so it must not change unseen.

MANIFEST_COLUMNS = ("file", "bulletin_id", "kind", "district", "district_code", "issuer", "title",
                    "year", "issue", "published", "sha256", "text_sha256")
KINDS = {"gazette": "区政府公报", "compendium": "方案汇编", "document": "单个文件"}
TEXT_SUFFIXES = (".txt", ".md")
_ID_SAFE = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Edition:
    """What a bulletin is, as declared in the manifest (or inferred for an unlisted file)."""

    bulletin_id: str
    kind: str = "document"
    district: str = ""
    district_code: str = ""
    issuer: str = ""
    title: str = ""
    year: int | None = None
    issue: int | None = None
    published: str = ""
    declared: bool = True      # False: the file is not in the manifest; everything here is inferred

    @property
    def label(self) -> str:
        """'2020-04' for an issue of a year, '2025' for a yearly compendium, '' when undated."""
        if self.year is None:
            return ""
        return f"{self.year}-{self.issue:02d}" if self.issue else str(self.year)

    @property
    def sort_key(self) -> tuple:
        return (self.district, self.kind, self.year or 0, self.issue or 0, self.published, self.bulletin_id)


def is_text(path: Path) -> bool:
    """A bulletin file read as it is (the others are read through their converted text)."""
    return path.suffix.lower() in TEXT_SUFFIXES


def text_path(path: Path) -> Path:
    """Where the lines of a registered file are: the file itself, or foo.pdf.txt beside foo.pdf."""
    return path if is_text(path) else path.with_name(path.name + ".txt")


def bulletin_id_for(file_name: str, sha256: str) -> str:
    """An id for a file the manifest does not list: its name as a slug, else its hash."""
    slug = _ID_SAFE.sub("-", Path(file_name).stem.lower()).strip("-")
    return slug or f"doc-{sha256[:12]}"


def _int_or_none(text: str | None, what: str, file: str) -> int | None:
    text = (text or "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise BuildError(Msg("清单 MANIFEST.csv 中 {file} 的 {what} 应为整数，实为“{text}”。请改正清单。",
                             file=file, what=what, text=text), doc_id=file)
    return int(text)


def read_manifest(raw_dir: Path) -> list[dict[str, str]]:
    manifest = raw_dir / MANIFEST
    if not manifest.exists():
        raise BuildError(Msg("找不到清单文件 {manifest}：请在 data/raw/ 下放入 MANIFEST.csv（file, bulletin_id, …）。",
                             manifest=manifest))
    with manifest.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    missing_columns = [c for c in ("file", "bulletin_id") if rows and c not in rows[0]]
    if missing_columns:
        raise BuildError(Msg("清单 {manifest} 缺少列：{columns}。", manifest=manifest, columns=", ".join(missing_columns)))
    return rows


def write_manifest(raw_dir: Path, rows: list[dict[str, str]]) -> None:
    """Rewrite MANIFEST.csv (all columns, one row per bulletin) atomically."""
    target = raw_dir / MANIFEST
    tmp = target.with_suffix(".csv.tmp")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=MANIFEST_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c) or "" for c in MANIFEST_COLUMNS})
    os.replace(tmp, target)


def edition_of(row: dict[str, str]) -> Edition:
    file = row["file"]
    kind = (row.get("kind") or "document").strip()
    if kind not in KINDS:
        raise BuildError(Msg("清单中 {file} 的 kind“{kind}”无效：应为 {kinds}。请改正清单。",
                             file=file, kind=kind, kinds=" / ".join(KINDS)), doc_id=file)
    return Edition(bulletin_id=row["bulletin_id"].strip(), kind=kind, district=(row.get("district") or "").strip(),
                   district_code=(row.get("district_code") or "").strip(), issuer=(row.get("issuer") or "").strip(),
                   title=(row.get("title") or "").strip(), year=_int_or_none(row.get("year"), "year", file),
                   issue=_int_or_none(row.get("issue"), "issue", file),
                   published=(row.get("published") or "").strip())


def read_text_file(path: Path) -> str:
    """UTF-8 text (a BOM and CR line ends are dropped: line numbers stay those of the file)."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BuildError(Msg("{name} 不是 UTF-8 文本（{reason}，字节位置 {position}）：请另存为 UTF-8 后再放入。",
                             name=path.name, reason=exc.reason, position=exc.start),
                         doc_id=path.name) from exc
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def scan_corpus(raw_dir: Path, verify: bool = True) -> dict[str, RawFile]:
    """Every bulletin of the folder keyed by bulletin_id: the manifest's rows (sha256 verified),
    then any other text file as a single undeclared document. Texts are checked, not kept: a
    build of many editions loads each one where it is parsed, so memory does not grow with N."""
    corpus: dict[str, RawFile] = {}
    listed: set[str] = set()
    for row in read_manifest(raw_dir):
        path = raw_dir / row["file"]
        listed.add(row["file"])
        if not path.exists():
            raise BuildError(Msg("清单中列出的文件不存在：{path}。请放回该文件，或从 MANIFEST.csv 删去这一行。", path=path),
                             doc_id=row["file"])
        edition = edition_of(row)
        text = text_path(path)
        listed.add(text.name)
        if not text.exists():
            raise BuildError(Msg("{name} 的文字版 {text_name} 不存在：它在登记时由原文件转换而来。"
                                 "请用 python -m loaders.add --rehash {path} 重新转换，或从 MANIFEST.csv 删去这一行。",
                                 name=path.name, text_name=text.name, path=path),
                             doc_id=row["file"])
        read_text_file(text)                   # not UTF-8 says so before it says the hash changed
        digest = sha256_of(path)
        declared = (row.get("sha256") or "").strip().lower()
        if verify and declared and declared != digest:
            raise BuildError(Msg("{name} 的 sha256 与清单不符（清单 {declared}…，文件 {digest}…）："
                                 "文件在登记后被改动过。若改动是有意的，请用 python -m loaders.add --rehash 重新登记；"
                                 "否则请恢复原文件。",
                                 name=path.name, declared=declared[:12], digest=digest[:12]), doc_id=row["file"])
        declared_text = (row.get("text_sha256") or "").strip().lower()
        if verify and text != path and declared_text and declared_text != sha256_of(text):
            raise BuildError(Msg("{text_name}（{name} 的文字版）的 sha256 与清单不符：文字在登记后被改动过。"
                                 "若是有意修正转换结果，请用 python -m loaders.add --rehash {path} 记录；"
                                 "否则请恢复该文件。", text_name=text.name, name=path.name, path=path),
                             doc_id=row["file"])
        if edition.bulletin_id in corpus:
            raise BuildError(Msg("清单中 bulletin_id“{bulletin_id}”出现两次（{file}）：每份公报的 ID 须唯一。",
                                 bulletin_id=edition.bulletin_id, file=row["file"]),
                             doc_id=row["file"])
        corpus[edition.bulletin_id] = RawFile(path, edition, digest)
    for path in sorted(raw_dir.iterdir()):
        if path.name in listed or not path.is_file() or path.suffix.lower() not in TEXT_SUFFIXES:
            continue
        digest = sha256_of(path)
        bulletin_id = bulletin_id_for(path.name, digest)
        while bulletin_id in corpus:
            bulletin_id += "-x"
        edition = Edition(bulletin_id=bulletin_id, kind="document", title=path.stem, declared=False)
        corpus[bulletin_id] = RawFile(path, edition, digest)
    return corpus


def read_corpus(raw_dir: Path, verify: bool = True) -> dict[str, RawText]:
    """scan_corpus() with every text loaded."""
    return {bulletin_id: file.load() for bulletin_id, file in scan_corpus(raw_dir, verify).items()}


@dataclass(frozen=True)
class RawFile:
    """A verified bulletin file whose text is read when it is parsed (RawFile.load)."""

    path: Path
    edition: Edition
    sha256: str

    def load(self) -> RawText:
        return _raw(self.path, self.edition, self.sha256)


def _raw(path: Path, edition: Edition, digest: str) -> RawText:
    text = read_text_file(text_path(path))
    return RawText(bulletin_id=edition.bulletin_id, district=edition.district, title=edition.title or path.stem,
                   path=path, lines=tuple(text.split("\n")), sha256=digest, edition=edition)
