"""Build the curated DuckDB file from the raw bulletins.

    python -m loaders.build --raw data/raw --out data/build/gazette.duckdb

Writes to a temporary file beside the target and renames it into place, so a
failed build leaves the previous database untouched; exits non-zero with a message
naming the document and line.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import resource
import sys
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from loaders import (
    campaigns,
    fund_sources,
    funds,
    heritage,
    insurance,
    roads,
    rosters,
    search_index,
    targets,
    town_tables,
)
from loaders.base import Context, LoadResult, Reference, failure_check, scoped
from loaders.checks import Check
from loaders.documents import DocumentIndex, split
from loaders.errors import BuildError
from loaders.schema import BUILD_INFO, BULLETIN_LINES, BULLETINS, CORE_TABLES, DATA_QUALITY, DOCUMENTS, TOWNS, Table
from loaders.search_index import SEARCH_PASSAGES, SEARCH_POSTINGS
from loaders.source import RawFile, RawText, scan_corpus
from textkit.msg import Msg, NMsg

LOADERS = (funds, fund_sources, roads, insurance, town_tables, heritage, rosters, campaigns, targets, search_index)
ALL_TABLES: tuple[Table, ...] = CORE_TABLES + (BULLETIN_LINES,) + tuple(t for m in LOADERS for t in m.TABLES)
DEFAULT_RAW = Path("data/raw")
DEFAULT_REFERENCE = Path("data/reference")
DEFAULT_OUT = Path("data/build/gazette.duckdb")
TABLES_BY_NAME = {t.name: t for t in ALL_TABLES}
SCHEMA_VERSION = "2"
BUILD_MEMORY_LIMIT = "512MB"
# Below this many bulletins a process pool costs more (start-up, pickling) than it saves.
POOL_MIN_BULLETINS = 4


def collect(raw_dir: Path, reference_dir: Path, workers: int | None = None) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """Parse everything into DataFrames keyed by table name (no database involved)."""
    tables: dict[str, list[pd.DataFrame]] = {}
    info = {"built_at": dt.datetime.now().isoformat(timespec="seconds"), "schema_version": SCHEMA_VERSION}
    ref = _step(f"读取参考数据 {reference_dir}", Reference.read, reference_dir)
    passages = 0
    for parts, bulletin_info in edition_results(raw_dir, ref, workers):
        passages = _offset_passages(parts, passages)
        for name, frame in parts.items():
            tables.setdefault(name, []).append(frame)
        info.update(bulletin_info)
    merged = {name: _concat(frames) for name, frames in tables.items()}
    merged[TOWNS.name] = _step(f"读取参考数据 {reference_dir / 'towns.csv'} 的列", lambda: ref.all_towns[TOWNS.column_names])
    for table in ALL_TABLES:
        merged.setdefault(table.name, pd.DataFrame(columns=table.column_names))
    return merged, info


def edition_results(raw_dir: Path, ref: Reference, workers: int | None = None):
    """(tables, build_info) of each bulletin, in manifest order. Many bulletins are parsed in a
    process pool with a bounded number in flight, so memory stays that of a few editions."""
    corpus = _step(f"读取原文目录 {raw_dir}", scan_corpus, raw_dir)
    raws = list(corpus.values())   # RawFile: each text is read by the process that parses it
    workers = workers or min(len(raws), os.cpu_count() or 1)
    if workers <= 1 or len(raws) < POOL_MIN_BULLETINS:
        yield from (edition_tables(raw.load(), ref) for raw in raws)
        return
    # The reference (towns, division codes) goes to each worker once, not with every bulletin.
    with ProcessPoolExecutor(max_workers=workers, initializer=_set_worker_reference, initargs=(ref,)) as pool:
        pending: deque = deque()
        for raw in raws:
            pending.append(pool.submit(_worker_edition_tables, raw))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


_WORKER_REFERENCE: Reference | None = None


def _set_worker_reference(ref: Reference) -> None:
    global _WORKER_REFERENCE
    _WORKER_REFERENCE = ref


def _worker_edition_tables(file: RawFile) -> tuple[dict, dict[str, str]]:
    """A worker's bulletin, already in the database's column types (Arrow): the one process that
    writes the file then only inserts, which keeps the parallel part of the build the large one."""
    assert _WORKER_REFERENCE is not None, "the pool's initializer sets the reference"
    tables, info = edition_tables(file.load(), _WORKER_REFERENCE)
    staged = {name: pa.Table.from_pandas(_prepared(TABLES_BY_NAME[name], frame), preserve_index=False)
              for name, frame in tables.items() if frame is not None and not frame.empty}
    staged[DATA_QUALITY.name + ":frame"] = tables[DATA_QUALITY.name]   # for the summary
    return staged, info


def edition_tables(raw: RawText, ref: Reference) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """Every table of one bulletin. Nothing here raises for what the text says: a document or an
    extractor that fails becomes an error row of data_quality, and the rest is kept."""
    raw = with_district(raw, ref)
    docs = DocumentIndex(split(raw))
    ctx = Context(raw=raw, docs=docs, ref=ref.for_district(raw.meta.district))
    meta = raw.meta
    tables: dict[str, pd.DataFrame] = {
        BULLETINS.name: pd.DataFrame([{
            "bulletin_id": meta.bulletin_id, "kind": meta.kind, "district": meta.district or None,
            "district_code": meta.district_code or None, "issuer": meta.issuer or None, "title": raw.title,
            "year": meta.year, "issue": meta.issue, "edition": meta.label or None, "published": meta.published or None,
            "file": raw.path.name, "sha256": raw.sha256, "declared": meta.declared, "lines": len(raw.lines)}]),
        DOCUMENTS.name: docs.frame(),
        BULLETIN_LINES.name: pd.DataFrame({"bulletin": meta.bulletin_id, "line": range(1, len(raw.lines) + 1),
                                           "text": list(raw.lines)}),
    }
    checks: list[Check] = []
    if not meta.declared:
        checks.append(Check(f"{meta.bulletin_id}:manifest.undeclared", Msg("未登记的文件"), "info", "", raw.path.name,
                            Msg("{file} 未在 MANIFEST.csv 中登记，已按单个文件读入（无区县、版次信息）。"
                                "请用 python -m loaders.add 登记它。", file=raw.path.name), None, None))
    for module in LOADERS:
        try:
            result: LoadResult = module.load(ctx)
        except Exception as exc:  # noqa: BLE001 - a loader tripping over text it did not expect
            checks.append(failure_check(meta.bulletin_id, module.__name__.rsplit(".", 1)[1], exc, None))
            continue
        for name, frame in result.tables.items():
            if name in tables:
                raise BuildError(Msg("表 {name} 被两个加载器重复生成（{module}）。", name=name, module=module.__name__))
            tables[name], dropped = _complete_rows(TABLES_BY_NAME[name], frame, meta.bulletin_id)
            checks.extend(dropped)
        checks.extend(scoped(c, meta.bulletin_id) for c in result.checks)
    tables[DATA_QUALITY.name] = _unique_check_ids(
        pd.DataFrame([c.as_row() for c in checks], columns=DATA_QUALITY.column_names))
    info = {f"sha256:{raw.path.name}": raw.sha256, f"bulletin:{meta.bulletin_id}": raw.title}
    return tables, info


def with_district(raw: RawText, ref: Reference) -> RawText:
    """An unregistered file's district, when its first lines name one of the reference's districts
    ('济南市某区人民政府关于…' -> 某区); otherwise the file stays without a district."""
    if raw.meta.district or ref.places is None:
        return raw
    head = "".join(line.strip() for line in raw.lines[:40])
    district = ref.places.district_of(head)
    if district is None:
        return raw
    meta = dataclasses.replace(raw.meta, district=district.name, district_code=district.code)
    return dataclasses.replace(raw, district=district.name, edition=meta)


def _complete_rows(table: Table, frame: pd.DataFrame, bulletin_id: str) -> tuple[pd.DataFrame, list[Check]]:
    """Rows missing a required value are left out, each column's omission one error row of
    data_quality (with the document and line of the first such row): the text, not the build, is wrong."""
    if frame is None or frame.empty:
        return frame, []
    checks = []
    for column in table.columns:
        if column.nullable or column.name not in frame:
            continue
        empty = frame[column.name].isna()
        if not empty.any():
            continue
        first = frame[empty].iloc[0]
        doc_id = first.get("doc_id") if "doc_id" in frame else None
        line = int(first["line"]) if "line" in frame and pd.notna(first.get("line")) else None
        checks.append(Check(f"{doc_id or bulletin_id}:{table.name}.{column.name}.missing",
                            Msg("{table} 缺少 {column}", table=table.name, column=column.name), "error", "",
                            str(int(empty.sum())),
                            NMsg("表 {table} 有 {n} 行缺少必填的 {column}，这些行未载入；请核对原文该处（如数字是否可读）。",
                                 "表 {table} 有 {n} 行缺少必填的 {column}，这些行未载入；请核对原文该处（如数字是否可读）。",
                                 int(empty.sum()), table=table.name, column=column.name), doc_id, line))
        frame = frame[~empty]
    return frame, checks


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if f is not None and not f.empty]
    if not frames:
        return pd.DataFrame()
    return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)


def _offset_passages(parts: dict, offset: int) -> int:
    """Passage ids are numbered per bulletin from 0; shift them by the passages already collected
    (a part is a DataFrame, or an Arrow table from a worker)."""
    passages = parts.get(SEARCH_PASSAGES.name)
    if passages is None or len(passages) == 0:
        return offset
    for name in (SEARCH_PASSAGES.name, SEARCH_POSTINGS.name):
        part = parts.get(name)
        if part is None or len(part) == 0:
            continue
        if isinstance(part, pa.Table):
            index = part.schema.get_field_index("passage_id")
            shifted = pc.add(part.column("passage_id"), pa.scalar(offset, part.schema.field(index).type))
            parts[name] = part.set_column(index, "passage_id", shifted)
        else:
            parts[name] = part.assign(passage_id=part["passage_id"] + offset)
    return offset + len(passages)


def _unique_check_ids(frame: pd.DataFrame) -> pd.DataFrame:
    """Two checks of one document with the same id (the same sentence printed twice) get #2, #3."""
    if frame.empty:
        return frame
    seen = frame.groupby("check_id").cumcount()
    frame = frame.copy()
    frame.loc[seen > 0, "check_id"] = frame.loc[seen > 0, "check_id"] + "#" + (seen[seen > 0] + 1).astype(str)
    return frame


def _step(what: str, function, *args):
    """function(*args); a failure other than BuildError (a damaged CSV, a missing column) becomes one."""
    try:
        return function(*args)
    except BuildError:
        raise
    except Exception as exc:
        raise BuildError(Msg("{what} 时出错：{error}", what=what, error=f"{type(exc).__name__}: {exc}")) from exc


def _prepared(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    """Frame with exactly the table's columns; exact decimals passed as text so nothing goes via float."""
    unknown = set(frame.columns) - set(table.column_names)
    if unknown:
        raise BuildError(Msg("表 {table} 出现了未定义的列：{columns}（请先在 TABLES 中声明）。", table=table.name,
                             columns=", ".join(sorted(unknown))))
    out = pd.DataFrame({c.name: frame.get(c.name) for c in table.columns},
                       index=frame.index)
    for column in table.columns:
        if not column.nullable and out[column.name].isna().any():
            bad = out[out[column.name].isna()]
            where = bad["line"].iloc[0] if "line" in bad else None
            doc = bad["doc_id"].iloc[0] if "doc_id" in bad else None
            raise BuildError(Msg("表 {table} 的必填列 {column} 为空", table=table.name, column=column.name), doc_id=doc, line=where)
        if column.type.startswith(("DECIMAL", "DATE")):
            out[column.name] = out[column.name].map(lambda v: None if v is None or pd.isna(v) else str(v)).astype(object)
    return out


def _comment(con: duckdb.DuckDBPyConnection, table: Table) -> None:
    """Store the data dictionary in the database itself (duckdb_tables()/duckdb_columns())."""
    statements = [f"COMMENT ON TABLE {table.name} IS '{_sql_text(table.description)}'"]
    statements += [f"COMMENT ON COLUMN {table.name}.\"{column.name}\" IS '{_sql_text(column.description)}'"
                   for column in table.columns]
    con.execute(";\n".join(statements))  # one call per table: ~500 separate executes cost more than the data


def _sql_text(text: str) -> str:
    return text.replace("'", "''")


def _remove_stale_temporaries(out: Path) -> None:
    """Temp files of builds that were killed (their process is gone) would pile up beside the database."""
    for path in out.parent.glob(f".{out.name}.*.tmp*"):
        pid = path.name[len(out.name) + 2:].split(".")[0]
        if pid.isdigit() and not _alive(int(pid)):
            path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_database(tables: dict[str, pd.DataFrame], info: dict[str, str], out: Path) -> None:
    """Write tables already collected (collect()) in one staged, atomically renamed file."""
    with staged_database(out) as con:
        append_tables(con, {name: frame for name, frame in tables.items() if name != BUILD_INFO.name})
        append_tables(con, {BUILD_INFO.name: pd.DataFrame(sorted(info.items()), columns=["key", "value"])})


@contextmanager
def staged_database(out: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a new database with every table created, at a temporary name beside `out`;
    renamed over `out` only when the block ends without an error (a failed build keeps the old file).
    One open transaction: a commit per DDL/COMMENT statement dominated the write. Callers appending
    a very large corpus may COMMIT/BEGIN between parts to bound the transaction's memory."""
    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(out)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        # DuckDB's buffer pool otherwise grows with the file (2.4 GiB at 1,000 editions): written pages
        # are on disk already, so a bounded pool only costs re-reads the build never makes.
        con = duckdb.connect(str(tmp), config={"memory_limit": BUILD_MEMORY_LIMIT})
        try:
            con.execute("BEGIN")
            for table in ALL_TABLES:
                con.execute(table.ddl())
                _comment(con, table)
            yield con
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        _fsync(tmp)  # the bytes are on disk before the name points at them (power loss, not just a kill)
        os.replace(tmp, out)
        _fsync(out.parent)
    finally:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)


def append_tables(con: duckdb.DuckDBPyConnection, tables: dict[str, pd.DataFrame]) -> None:
    """Insert the rows of each known table present in `tables` (columns in schema order)."""
    for table in ALL_TABLES:
        frame = tables.get(table.name)
        if frame is None or len(frame) == 0:
            continue
        staged = frame if isinstance(frame, pa.Table) else _prepared(table, frame)
        con.register("staged", staged)
        cols = ", ".join(f'"{c}"' for c in table.column_names)
        con.execute(f"INSERT INTO {table.name} ({cols}) SELECT {cols} FROM staged")
        con.unregister("staged")


@dataclass
class Built:
    """What a build wrote: rows per table and the data_quality rows (for the summary)."""

    rows: dict[str, int]
    data_quality: pd.DataFrame
    bulletins: int

    def __getitem__(self, name: str) -> pd.DataFrame:   # built["data_quality"], as collect()'s tables
        if name != DATA_QUALITY.name:
            raise KeyError(name)
        return self.data_quality


def build(raw_dir: Path = DEFAULT_RAW, out: Path = DEFAULT_OUT, reference_dir: Path = DEFAULT_REFERENCE,
          workers: int | None = None, commit_every: int = 20) -> Built:
    """Parse every bulletin (in parallel when there are many) and append each to the staged database
    as soon as it is parsed; the file replaces `out` only when everything is written."""
    ref = _step(f"读取参考数据 {reference_dir}", Reference.read, reference_dir)
    rows: dict[str, int] = {t.name: 0 for t in ALL_TABLES}
    quality: list[pd.DataFrame] = []
    info = {"built_at": dt.datetime.now().isoformat(timespec="seconds"), "schema_version": SCHEMA_VERSION}
    passages = bulletins = 0
    with staged_database(out) as con:
        for parts, bulletin_info in edition_results(raw_dir, ref, workers):
            passages = _offset_passages(parts, passages)
            quality.append(parts.pop(DATA_QUALITY.name + ":frame", None))
            if quality[-1] is None:
                quality[-1] = parts[DATA_QUALITY.name]
            append_tables(con, parts)
            for name, frame in parts.items():
                rows[name] = rows.get(name, 0) + len(frame)
            info.update(bulletin_info)
            bulletins += 1
            if bulletins % commit_every == 0:      # bound the open transaction
                con.execute("COMMIT")
                con.execute("BEGIN")
        towns = _step(f"读取参考数据 {reference_dir / 'towns.csv'} 的列", lambda: ref.all_towns[TOWNS.column_names])
        append_tables(con, {TOWNS.name: towns,
                            BUILD_INFO.name: pd.DataFrame(sorted(info.items()), columns=["key", "value"])})
        rows[TOWNS.name] = len(towns)
    dq = _concat(quality)
    return Built(rows, dq if not dq.empty else pd.DataFrame(columns=DATA_QUALITY.column_names), bulletins)


def summary(built: Built, seconds: float, out: Path, limit: int = 60) -> str:
    lines = [f"构建完成：{out}（{built.bulletins} 份公报，{seconds:.2f} 秒）", "", f"{'表':<24}{'行数':>10}"]
    for table in ALL_TABLES:
        if table is not BUILD_INFO:
            lines.append(f"{table.name:<24}{built.rows.get(table.name, 0):>10}")
    dq = built.data_quality
    counts = dq["severity"].value_counts() if not dq.empty else pd.Series(dtype=int)
    lines += ["", (f"数据核对：通过 {counts.get('ok', 0)}，提示 {counts.get('info', 0)}，警告 {counts.get('warn', 0)}，"
                   f"错误 {counts.get('error', 0)}")]
    flagged = dq[dq.severity.isin(["warn", "error"])] if not dq.empty else dq
    for row in flagged.head(limit).itertuples():
        where = f"第 {int(row.line)} 行" if pd.notna(row.line) else "整份文件"
        lines.append(f"  [{row.severity}] {row.message}（{row.doc_id if pd.notna(row.doc_id) else ''} {where}）")
    if len(flagged) > limit:
        lines.append(f"  ……另有 {len(flagged) - limit} 条，见看板“数据”页的核对报告。")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="从原始公报文本构建看板数据库（DuckDB）。")
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="原始公报目录（含 MANIFEST.csv）")
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE, help="参考数据目录")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="输出的 DuckDB 文件")
    parser.add_argument("--workers", type=int, default=None, help="并行解析的进程数（默认：CPU 核数）")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        tables = build(args.raw, args.out, args.reference, args.workers)
    except BuildError as exc:
        print(f"构建失败：{exc}\n原数据库未改动：{args.out}", file=sys.stderr)
        return 1
    print(summary(tables, time.perf_counter() - started, args.out))
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"CPU：本进程 {own.ru_utime + own.ru_stime:.2f} 秒（读取、写入），"
          f"解析子进程 {workers.ru_utime + workers.ru_stime:.2f} 秒")
    return 0


if __name__ == "__main__":
    sys.exit(main())
