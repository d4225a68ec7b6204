"""Register a new bulletin in the raw folder: the file is kept byte for byte with its metadata.

    python -m loaders.add FILE --kind gazette --district ××区 --year 2021 --issue 1 \
        --published 2021-03-31 [--title …] [--issuer …] [--id …] [--raw data/raw]
    python -m loaders.add FILE --preview           # what would be read: documents, tables, checks
    python -m loaders.add --rehash FILE_IN_RAW      # record the sha256 of a file changed on purpose

FILE may be text (.txt/.md, UTF-8), Word (.docx) or a PDF with a text layer. A text file is kept as
it is; a Word or PDF file is kept as it is too, and the text loaders.convert reads from it is kept
beside it as FILE.txt, both sha256 in the manifest (`sha256`, `text_sha256`) and verified at every
build. What the command does not get from its options it reads from the text (the masthead and
edition as title, an issuer line, the district an issuer names, the publication date). A file
whose sha256 is already registered, an empty one, one over 20 MB, one that is not UTF-8 text or a
readable .docx/.pdf, a scan without a text layer, or one without a single Chinese sentence is
refused with a message that says what to do; the raw folder is then left exactly as it was.

The dashboard's 添加公报 page calls the same two functions: preview() (pure: nothing is written)
and register_bytes(). Rebuild afterwards with `python -m loaders.build` (the page rebuilds in the
background and swaps the new database in atomically).
"""
from __future__ import annotations

import argparse
import fcntl
import hashlib
import os
import re
import sys
import unicodedata
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from loaders.convert import MAX_BYTES, ConvertError, check_size, convert
from loaders.documents import is_issuer_line
from loaders.errors import BuildError
from loaders.source import (
    KINDS,
    MANIFEST,
    Edition,
    RawText,
    bulletin_id_for,
    is_text,
    read_manifest,
    read_text_file,
    sha256_of,
    text_path,
    write_manifest,
)
from loaders.text import compact, is_blank
from textkit.msg import Msg

MIN_HAN = 10                 # a bulletin has at least a sentence of Chinese; random bytes or a bare table do not
_EDITION = re.compile(r"(\d{4})\s*年\s*第\s*(\d{1,3})\s*期")
_SERIAL = re.compile(r"总\s*第\s*(\d{1,4})\s*期")
_PUBLISHED = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*出版")
_DISTRICT = re.compile(r"([\u4e00-\u9fff]{2,4}?市)?([\u4e00-\u9fff]{1,4}?(?:区|县|旗))")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_UNSAFE_NAME = re.compile(r"[^\w.\-()（）\u4e00-\u9fff]+")
# Tables of an edition that are bookkeeping, not content: not listed in the preview.
_NOT_CONTENT = {"bulletins", "documents", "bulletin_lines", "data_quality", "search_passages", "search_postings"}


@dataclass(frozen=True)
class Registration:
    bulletin_id: str
    file: str
    sha256: str
    row: dict[str, str]
    text_file: str | None = None            # the converted text beside a .docx/.pdf original


@dataclass
class Preview:
    """What publishing a file would add, read without touching the raw folder or the database."""

    name: str
    size: int
    sha256: str
    meta: dict[str, str] = field(default_factory=dict)     # the manifest row it would get (inferred + chosen)
    inferred: dict[str, str] = field(default_factory=dict) # what the text itself says
    documents: pd.DataFrame = field(default_factory=pd.DataFrame)
    tables: pd.DataFrame = field(default_factory=pd.DataFrame)       # table, description, rows
    data_quality: pd.DataFrame = field(default_factory=pd.DataFrame) # every check, with its line and the line's text
    refusals: list[str] = field(default_factory=list)      # why it cannot be published (empty: it can)
    notes: list[Msg] = field(default_factory=list)         # what the reader should know (pages without text …)
    text: str = ""
    source_kind: str = ""                                  # text / docx / pdf
    pages: int | None = None

    @property
    def ok(self) -> bool:
        return not self.refusals

    @property
    def lines(self) -> int:
        return len(self.text.split("\n")) if self.text else 0

    @property
    def flags(self) -> pd.DataFrame:
        """The checks that did not simply pass (info, warn, error), errors first."""
        dq = self.data_quality
        if dq.empty:
            return dq
        order = {"error": 0, "warn": 1, "info": 2}
        flagged = dq[dq.severity != "ok"]
        return flagged.sort_values(["severity", "line"], key=lambda c: c.map(order) if c.name == "severity" else c,
                                   na_position="first").reset_index(drop=True)


def infer(text: str, name: str, reference=None) -> dict[str, str]:
    """What the text itself says: masthead title (with its edition), issuer, district (and its
    code, when a reference of divisions is given), kind, year, issue and publication date."""
    lines = [compact(line) for line in text.split("\n") if not is_blank(line)]
    head = text[:5000]
    guess: dict[str, str] = {}
    if lines:
        guess["title"] = lines[0][:120]
    issuer = next((line for line in lines[:200] if is_issuer_line(line)), None)
    if issuer:
        guess["issuer"] = issuer
        district = _DISTRICT.search(issuer)
        if district:
            guess["district"] = district[2]
    edition = _EDITION.search(head)
    if edition:
        guess["year"], guess["issue"] = edition[1], str(int(edition[2]))
        title = guess.get("title", "")
        if title and not _EDITION.search(title):
            serial = _SERIAL.search(head)
            guess["title"] = (f"{title} {edition[1]}年第{int(edition[2])}期"
                              + (f"（总第{int(serial[1])}期）" if serial else ""))[:160]
    published = _PUBLISHED.search(head)
    if published:
        guess["published"] = f"{published[1]}-{int(published[2]):02d}-{int(published[3]):02d}"
    title = guess.get("title", "")
    guess["kind"] = "gazette" if "公报" in title else "compendium" if "汇编" in title else "document"
    places = getattr(reference, "places", None)
    if places is not None:
        found = None
        if guess.get("district"):
            try:
                found = places.district(guess["district"])
            except Exception:  # noqa: BLE001 - a district the reference does not know
                found = None
        found = found or places.district_of("".join(lines[:40]))
        if found is not None:
            guess["district"], guess["district_code"] = found.name, found.code
    guess.setdefault("title", Path(name).stem)
    return guess


def preview(data: bytes, name: str, meta: Mapping[str, str | None], reference_dir: Path,
            raw_dir: Path | None = None) -> Preview:
    """Convert, split and extract one file exactly as the build will, without writing anything:
    the documents found, each table with its row count, every check with its line, and the
    reasons (if any) it would be refused. `raw_dir` adds the checks against what is registered
    (the same sha256, the same bulletin id)."""
    from loaders.base import Reference
    from loaders.build import edition_tables

    name = safe_name(name)
    out = Preview(name=name, size=len(data), sha256=hashlib.sha256(data).hexdigest())
    try:
        converted = convert(name, data)
    except ConvertError as exc:
        out.refusals.append(exc.msg)
        return out
    out.text, out.notes, out.source_kind, out.pages = converted.text, converted.notes, converted.kind, converted.pages
    if len(_HAN.findall(converted.text)) < MIN_HAN:
        out.refusals.append(_no_chinese(name))
        return out
    reference = Reference.read(reference_dir)
    out.inferred = infer(converted.text, name, reference)
    rows = read_manifest(raw_dir) if raw_dir is not None else []
    same = _same_file(rows, out.sha256)
    if same:                                     # nothing to read: it is registered already
        out.refusals.append(_duplicate(name, same))
        return out
    try:
        out.meta = _row(out.inferred, meta, name, out.sha256, rows)
        edition = _edition(out.meta)
    except BuildError as exc:                    # a field to correct: still show what the text holds
        out.refusals.append(exc.message)
        out.meta = {**out.inferred, **_chosen(meta)}
        edition = _edition({**out.inferred, "bulletin_id": _edition_id(out.inferred, name, out.sha256)})
    raw = RawText(bulletin_id=edition.bulletin_id, district=edition.district, title=edition.title or Path(name).stem,
                  path=Path(name), lines=tuple(converted.text.rstrip("\n").split("\n")), sha256=out.sha256,
                  edition=edition)
    tables, _info = edition_tables(raw, reference)
    out.documents = tables["documents"][["doc_id", "doc_no", "title", "issuer", "signed_on", "first_line",
                                         "last_line"]].reset_index(drop=True)
    out.tables = _table_counts(tables)
    dq = tables["data_quality"].copy()
    dq["text"] = [raw.lines[int(n) - 1].strip()[:200] if pd.notna(n) and 0 < int(n) <= len(raw.lines) else ""
                  for n in dq["line"]]
    out.data_quality = dq.reset_index(drop=True)
    return out


def register_bytes(data: bytes, name: str, raw_dir: Path, meta: Mapping[str, str | None],
                   text: str | None = None, reference_dir: Path | None = None) -> Registration:
    """Keep `data` in raw_dir as `name` (made safe and unique), byte for byte, with its converted text
    beside it when it is not a text file, and add its manifest row; raise BuildError (nothing
    changed) if refused. `text` is the conversion a preview already made of these bytes."""
    name = safe_name(name)
    try:
        converted_text = text if text is not None else convert(name, data).text
    except ConvertError as exc:
        raise BuildError(exc.msg) from None
    if len(_HAN.findall(converted_text)) < MIN_HAN:
        raise BuildError(_no_chinese(name))
    digest = hashlib.sha256(data).hexdigest()
    with _locked(raw_dir):
        rows = read_manifest(raw_dir)
        same = _same_file(rows, digest)
        if same:
            raise BuildError(_duplicate(name, same))
        from loaders.base import Reference
        reference = reference_dir or _reference_near(raw_dir)
        row = _row(infer(converted_text, name, Reference.read(reference) if reference else None), meta, name,
                   digest, rows)
        target = raw_dir / _free_name(raw_dir, name)
        written: list[Path] = []
        try:
            _write_new(target, data)
            written.append(target)
            companion = None
            row.update(file=target.name, sha256=digest, text_sha256="")
            if not is_text(target):
                companion = text_path(target)
                encoded = converted_text.encode("utf-8")
                _write_new(companion, encoded)
                written.append(companion)
                row["text_sha256"] = hashlib.sha256(encoded).hexdigest()
            write_manifest(raw_dir, [*rows, row])
        except BaseException:
            for path in written:
                path.unlink(missing_ok=True)
            raise
    return Registration(row["bulletin_id"], target.name, digest, row, companion.name if companion else None)


def register(source: Path, raw_dir: Path, meta: Mapping[str, str | None],
             reference_dir: Path | None = None) -> Registration:
    """Copy the file at `source` into raw_dir and add its manifest row; raise BuildError (nothing
    changed) if refused. The size is checked before a byte is read."""
    if not source.is_file():
        raise BuildError(Msg("找不到文件 {source}。请检查路径。", source=source), doc_id=source.name)
    try:
        check_size(source.name, source.stat().st_size)
    except ConvertError as exc:
        raise BuildError(exc.msg) from None
    return register_bytes(source.read_bytes(), source.name, raw_dir, meta, reference_dir=reference_dir)


def rehash(path: Path) -> str:
    """Record the current sha256 of a registered file that was changed on purpose. For a Word or PDF
    original (or its FILE.txt), the text's sha256 is recorded too; a missing text is converted again."""
    raw_dir = path.parent
    original = path.with_name(path.name[:-4]) if path.name.endswith(".txt") and not is_text(
        path.with_name(path.name[:-4])) and path.name[:-4] else path
    with _locked(raw_dir):
        rows = read_manifest(raw_dir)
        row = next((r for r in rows if r["file"] == original.name), None)
        if row is None:
            raise BuildError(Msg("{name} 不在 {manifest} 中：请用 python -m loaders.add 登记它。",
                                 name=path.name, manifest=raw_dir / MANIFEST),
                             doc_id=path.name)
        if not is_text(original):
            text = text_path(original)
            if not text.exists():
                try:
                    text.write_bytes(convert(original.name, original.read_bytes()).text.encode("utf-8"))
                except ConvertError as exc:
                    raise BuildError(exc.msg) from None
            read_text_file(text)
            row["text_sha256"] = sha256_of(text)
        else:
            read_text_file(original)
        row["sha256"] = sha256_of(original)
        write_manifest(raw_dir, rows)
    return row["sha256"]


def safe_name(name: str) -> str:
    """A file name fit for the raw folder: no folders, no characters a shell or a URL trips over."""
    base = Path(unicodedata.normalize("NFC", name or "").replace("\\", "/")).name
    stem, suffix = os.path.splitext(base)
    stem = _UNSAFE_NAME.sub("_", stem).strip("._") or "bulletin"
    suffix = _UNSAFE_NAME.sub("", suffix).lower()
    return stem[:80] + suffix[:10]


def _chosen(meta: Mapping[str, str | None]) -> dict[str, str]:
    return {k: str(v).strip() for k, v in meta.items() if v not in (None, "") and str(v).strip()}


def _row(guess: dict[str, str], meta: Mapping[str, str | None], name: str, digest: str,
         rows: list[dict[str, str]]) -> dict[str, str]:
    """The manifest row: what was chosen over what the text says; BuildError if it cannot be used."""
    chosen = _chosen(meta)
    kind = chosen.get("kind") or guess.get("kind") or "document"
    if kind not in KINDS:
        raise BuildError(Msg("类型“{kind}”无效：应为 {kinds}。", kind=kind, kinds=" / ".join(KINDS)))
    row = {**guess, **chosen, "kind": kind}
    for key, what in (("year", "年份"), ("issue", "期号")):
        if row.get(key) and not str(row[key]).isdigit():
            raise BuildError(Msg("{what}“{value}”应为整数（如 2021、1），请改正后再提交。", what=what, value=row[key]))
    if row.get("published") and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", row["published"]):
        raise BuildError(Msg("出版日期“{published}”应写作 2021-03-31（或 2021）。", published=row["published"]))
    bulletin_id = row.get("bulletin_id") or _edition_id(row, name, digest)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,79}", bulletin_id):
        raise BuildError(Msg("公报 ID“{bulletin_id}”只能用小写字母、数字和连字符（如 jiyang-2021-01）。", bulletin_id=bulletin_id))
    if any(r["bulletin_id"] == bulletin_id for r in rows):
        raise BuildError(Msg("公报 ID“{bulletin_id}”已被使用：请另指定一个 ID（命令行用 --id）。", bulletin_id=bulletin_id))
    row["bulletin_id"] = bulletin_id
    return row


def _edition(row: dict[str, str]) -> Edition:
    from loaders.source import edition_of
    return edition_of({**row, "file": row.get("file") or "upload"})


def _same_file(rows: list[dict[str, str]], digest: str) -> dict[str, str] | None:
    return next((r for r in rows if (r.get("sha256") or "").strip().lower() == digest), None)


def _duplicate(name: str, same: dict[str, str]) -> Msg:
    return Msg("{name} 与已登记的 {file}（{bulletin_id}）内容完全相同（sha256 一致），不再重复登记。"
               "若要更正已登记的版次，请修改 MANIFEST.csv 中那一行；若是新的一期，请确认上传的是新文件。",
               name=name, file=same["file"], bulletin_id=same["bulletin_id"])


def _no_chinese(name: str) -> Msg:
    return Msg("{name} 中读不出中文正文（不足 {limit} 个汉字）：不像一份公报。请确认文件内容，"
               "或换用带文字的 .txt / .docx / .pdf 版本。", name=name, limit=MIN_HAN)


def _table_counts(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    from loaders.build import TABLES_BY_NAME
    rows = [{"table": name, "description": TABLES_BY_NAME[name].description if name in TABLES_BY_NAME else "",
             "rows": len(frame)}
            for name, frame in tables.items() if name not in _NOT_CONTENT and frame is not None and len(frame)]
    return pd.DataFrame(rows, columns=["table", "description", "rows"])


def _reference_near(raw_dir: Path) -> Path | None:
    """data/reference beside data/raw (for a district's code); None when there is none."""
    candidate = raw_dir.resolve().parent / "reference"
    return candidate if candidate.is_dir() else None


@contextmanager
def _locked(raw_dir: Path):
    """One registration at a time per raw folder (the app's editors and a shell alike): an
    exclusive lock on the folder itself, so no lock file is left in it."""
    fd = os.open(raw_dir, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _write_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet, flushed to disk before the manifest names it."""
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _edition_id(row: dict[str, str], name: str, digest: str) -> str:
    """'zhangqiu-2025', 'jiyang-2021-01': a slug of the file's stem before any year, then the edition."""
    stem = bulletin_id_for(re.split(r"[-_]?\d{4}", Path(name).stem)[0] or name, digest)
    if stem.startswith("doc-") and row.get("district_code"):     # a Chinese file name has no Latin slug
        stem = f"{row['district_code']}-{row.get('kind') or 'document'}"
    year, issue = row.get("year"), row.get("issue")
    if year and issue:
        return f"{stem}-{year}-{int(issue):02d}"
    return f"{stem}-{year}" if year else stem


def _free_name(raw_dir: Path, name: str) -> str:
    """`name`, or name-2, name-3 …: neither it nor the text kept beside it may exist already."""
    def taken(candidate: str) -> bool:
        path = raw_dir / candidate
        return path.exists() or text_path(path).exists() or candidate == MANIFEST
    candidate, n = name, 1
    while taken(candidate):
        n += 1
        candidate = f"{Path(name).stem}-{n}{Path(name).suffix}"
    return candidate


def describe(found: Preview, limit: int = 40) -> str:
    """The preview as text for the shell."""
    out = [f"{found.name}：{found.size:,} 字节，sha256 {found.sha256[:12]}…" +
           (f"，{found.pages} 页" if found.pages else "") + (f"，{found.lines:,} 行文字" if found.text else "")]
    out += [f"  注意：{note}" for note in found.notes]
    if found.meta:
        out.append("将登记为：" + "，".join(f"{k}={found.meta[k]}" for k in
                                          ("bulletin_id", "kind", "district", "district_code", "year", "issue",
                                           "published", "title") if found.meta.get(k)))
    if not found.documents.empty:
        out.append(f"文件 {len(found.documents)} 份：")
        out += [f"  {d.doc_id}  {d.doc_no or '（无文号）'}  {d.title}  第 {d.first_line}–{d.last_line} 行"
                for d in found.documents.itertuples()]
    if not found.tables.empty:
        out.append("数据表：" + "，".join(f"{t.table} {t.rows} 行" for t in found.tables.itertuples()))
    flags = found.flags
    if not found.data_quality.empty:
        passed = int((found.data_quality.severity == "ok").sum())
        out.append(f"核对：通过 {passed} 项，提示/警告/错误 {len(flags)} 项")
        for row in flags.head(limit).itertuples():
            where = f"第 {int(row.line)} 行" if pd.notna(row.line) else "整份文件"
            out.append(f"  [{row.severity}] {row.message}（{row.doc_id if pd.notna(row.doc_id) else ''} {where}）")
        if len(flags) > limit:
            out.append(f"  ……另有 {len(flags) - limit} 项")
    out += [f"不能登记：{reason}" for reason in found.refusals]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="登记一份新的公报原文（.txt / .docx / .pdf；原样保存并写入 MANIFEST.csv）。")
    parser.add_argument("file", type=Path)
    parser.add_argument("--raw", type=Path, default=Path("data/raw"), help="原始公报目录")
    parser.add_argument("--reference", type=Path, default=None, help="参考数据目录（默认：原始目录旁的 reference/）")
    parser.add_argument("--preview", action="store_true", help="只预览将读出的文件、数据表和核对结果，不登记")
    parser.add_argument("--rehash", action="store_true", help="重新记录已登记文件的 sha256（文件被有意改动后）")
    parser.add_argument("--id", dest="bulletin_id")
    parser.add_argument("--kind", choices=list(KINDS))
    for name in ("district", "district-code", "issuer", "title", "year", "issue", "published"):
        parser.add_argument(f"--{name}")
    args = parser.parse_args(argv)
    meta = {"bulletin_id": args.bulletin_id, "kind": args.kind, "district": args.district,
            "district_code": args.district_code, "issuer": args.issuer, "title": args.title,
            "year": args.year, "issue": args.issue, "published": args.published}
    try:
        if args.rehash:
            print(f"已更新 {args.file.name} 的 sha256：{rehash(args.file)}")
            return 0
        if args.preview:
            if not args.file.is_file():
                raise BuildError(Msg("找不到文件 {source}。请检查路径。", source=args.file))
            if args.file.stat().st_size > MAX_BYTES:      # refused before a byte is read
                check_size(args.file.name, args.file.stat().st_size)
            reference = args.reference or _reference_near(args.raw) or Path("data/reference")
            found = preview(args.file.read_bytes(), args.file.name, meta, reference, args.raw)
            print(describe(found))
            return 0 if found.ok else 1
        done = register(args.file, args.raw, meta, args.reference)
    except (BuildError, ConvertError) as exc:
        print(f"未登记：{exc}\n原始目录未改动：{args.raw}", file=sys.stderr)
        return 1
    extra = f"，文字版 {done.text_file}" if done.text_file else ""
    print(f"已登记 {done.file}（{done.bulletin_id}，sha256 {done.sha256[:12]}…{extra}）。"
          f"请运行 python -m loaders.build 重新构建数据库。")
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = [
    "Preview",
    "RawText",
    "Registration",
    "describe",
    "infer",
    "preview",
    "register",
    "register_bytes",
    "rehash",
    "safe_name",
]
