"""Register a new bulletin in the raw folder: the file is kept byte for byte with its metadata.

    python -m loaders.add FILE --kind gazette --district 济阳区 --year 2021 --issue 1 \
        --published 2021-03-31 [--title …] [--issuer …] [--id …] [--raw data/raw]
    python -m loaders.add --rehash FILE_IN_RAW      # record the sha256 of a file changed on purpose

What the command does not get from its options it reads from the text (the masthead as title,
an issuer line, the district an issuer names). A file whose sha256 is already registered, an
empty file, or one that is not UTF-8 text is refused with a message that says what to do; the
raw folder is then left exactly as it was. Rebuild afterwards with `python -m loaders.build`.
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from loaders.documents import is_issuer_line
from loaders.errors import BuildError
from loaders.source import (KINDS, MANIFEST, RawText, bulletin_id_for, read_manifest, read_text_file, sha256_of,
                            write_manifest)
from loaders.text import compact, is_blank

MAX_BYTES = 20 * 2**20       # a bulletin of several hundred pages is a few MB of text
_EDITION = re.compile(r"(\d{4})\s*年\s*第\s*(\d{1,3})\s*期")
_DISTRICT = re.compile(r"([\u4e00-\u9fff]{2,4}?市)?([\u4e00-\u9fff]{1,4}?(?:区|县|旗))")


@dataclass(frozen=True)
class Registration:
    bulletin_id: str
    file: str
    sha256: str
    row: dict[str, str]


def infer(text: str, name: str) -> dict[str, str]:
    """What the text itself says: masthead title, issuer, district, year and issue."""
    lines = [compact(line) for line in text.split("\n") if not is_blank(line)]
    guess: dict[str, str] = {}
    if lines:
        guess["title"] = lines[0][:120]
    issuer = next((line for line in lines[:200] if is_issuer_line(line)), None)
    if issuer:
        guess["issuer"] = issuer
        district = _DISTRICT.search(issuer)
        if district:
            guess["district"] = district[2]
    edition = _EDITION.search(text[:5000])
    if edition:
        guess["year"], guess["issue"] = edition[1], str(int(edition[2]))
    guess.setdefault("title", Path(name).stem)
    return guess


def register(source: Path, raw_dir: Path, meta: dict[str, str | None]) -> Registration:
    """Copy `source` into raw_dir and add its manifest row; raise BuildError (nothing changed) if refused."""
    if not source.is_file():
        raise BuildError(f"找不到文件 {source}。请检查路径。", doc_id=source.name)
    size = source.stat().st_size
    if size == 0:
        raise BuildError(f"{source.name} 是空文件：没有可读入的内容。请确认导出的文件是否完整。", doc_id=source.name)
    if size > MAX_BYTES:
        raise BuildError(f"{source.name} 有 {size / 2**20:.0f} MB，超过 {MAX_BYTES // 2**20} MB 的上限："
                         f"请只放入公报正文的文本。", doc_id=source.name)
    text = read_text_file(source)
    if not text.strip():
        raise BuildError(f"{source.name} 只有空白：没有可读入的内容。", doc_id=source.name)
    digest = sha256_of(source)
    rows = read_manifest(raw_dir)
    same = next((r for r in rows if (r.get("sha256") or "").lower() == digest), None)
    if same:
        raise BuildError(f"{source.name} 与已登记的 {same['file']}（{same['bulletin_id']}）内容完全相同，不再重复登记。",
                         doc_id=source.name)
    guess = infer(text, source.name)
    chosen = {k: v for k, v in meta.items() if v not in (None, "")}
    kind = chosen.get("kind") or "document"
    if kind not in KINDS:
        raise BuildError(f"类型“{kind}”无效：应为 {' / '.join(KINDS)}。", doc_id=source.name)
    row = {**guess, **chosen, "kind": kind}
    bulletin_id = row.get("bulletin_id") or _edition_id(row, source.name, digest)
    if any(r["bulletin_id"] == bulletin_id for r in rows):
        raise BuildError(f"公报 ID“{bulletin_id}”已被使用：请用 --id 指定另一个。", doc_id=source.name)
    target = raw_dir / _free_name(raw_dir, source.name)
    row.update(bulletin_id=bulletin_id, file=target.name, sha256=digest)
    shutil.copyfile(source, target)
    try:
        write_manifest(raw_dir, [*rows, row])
    except Exception:
        target.unlink(missing_ok=True)
        raise
    return Registration(bulletin_id, target.name, digest, row)


def rehash(path: Path) -> str:
    """Record the current sha256 of a registered file that was changed on purpose."""
    raw_dir = path.parent
    rows = read_manifest(raw_dir)
    row = next((r for r in rows if r["file"] == path.name), None)
    if row is None:
        raise BuildError(f"{path.name} 不在 {raw_dir / MANIFEST} 中：请用 python -m loaders.add 登记它。", doc_id=path.name)
    read_text_file(path)
    row["sha256"] = sha256_of(path)
    write_manifest(raw_dir, rows)
    return row["sha256"]


def _edition_id(row: dict[str, str], name: str, digest: str) -> str:
    """'zhangqiu-2025', 'jiyang-2021-01': a slug of the file's stem before any year, then the edition."""
    stem = bulletin_id_for(re.split(r"[-_]?\d{4}", Path(name).stem)[0] or name, digest)
    year, issue = row.get("year"), row.get("issue")
    if year and issue:
        return f"{stem}-{year}-{int(issue):02d}"
    return f"{stem}-{year}" if year else stem


def _free_name(raw_dir: Path, name: str) -> str:
    candidate, n = name, 1
    while (raw_dir / candidate).exists():
        n += 1
        candidate = f"{Path(name).stem}-{n}{Path(name).suffix}"
    return candidate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="登记一份新的公报原文（原样保存并写入 MANIFEST.csv）。")
    parser.add_argument("file", type=Path)
    parser.add_argument("--raw", type=Path, default=Path("data/raw"), help="原始公报目录")
    parser.add_argument("--rehash", action="store_true", help="重新记录已登记文件的 sha256（文件被有意改动后）")
    parser.add_argument("--id", dest="bulletin_id")
    parser.add_argument("--kind", choices=list(KINDS))
    for name in ("district", "district-code", "issuer", "title", "year", "issue", "published"):
        parser.add_argument(f"--{name}")
    args = parser.parse_args(argv)
    try:
        if args.rehash:
            print(f"已更新 {args.file.name} 的 sha256：{rehash(args.file)}")
            return 0
        meta = {"bulletin_id": args.bulletin_id, "kind": args.kind, "district": args.district,
                "district_code": args.district_code, "issuer": args.issuer, "title": args.title,
                "year": args.year, "issue": args.issue, "published": args.published}
        done = register(args.file, args.raw, meta)
    except BuildError as exc:
        print(f"未登记：{exc}\n原始目录未改动：{args.raw}", file=sys.stderr)
        return 1
    print(f"已登记 {done.file}（{done.bulletin_id}，sha256 {done.sha256[:12]}…）。"
          f"请运行 python -m loaders.build 重新构建数据库。")
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["Registration", "RawText", "infer", "register", "rehash"]
