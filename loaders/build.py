"""Build the curated DuckDB file from the raw bulletins.

    python -m loaders.build --raw data/raw --out data/build/gazette.duckdb

Writes to a temporary file beside the target and renames it into place, so a
failed build leaves the previous database untouched; exits non-zero with a message
naming the document and line.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from loaders import campaigns, funds, heritage, insurance, roads, rosters, search_index, targets
from loaders.base import Context, LoadResult, Reference
from loaders.documents import split_all
from loaders.errors import BuildError
from loaders.schema import BUILD_INFO, CORE_TABLES, DATA_QUALITY, DOCUMENTS, TOWNS, Table
from loaders.source import read_corpus

LOADERS = (funds, roads, insurance, heritage, rosters, campaigns, targets, search_index)
ALL_TABLES: tuple[Table, ...] = CORE_TABLES + tuple(t for m in LOADERS for t in m.TABLES)
DEFAULT_RAW = Path("data/raw")
DEFAULT_REFERENCE = Path("data/reference")
DEFAULT_OUT = Path("data/build/gazette.duckdb")
SCHEMA_VERSION = "1"


def collect(raw_dir: Path, reference_dir: Path) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """Parse everything into DataFrames keyed by table name (no database involved)."""
    corpus = _step(f"读取原文目录 {raw_dir}", read_corpus, raw_dir)
    docs = _step("按文号和标题拆分文件", split_all, corpus)
    ref = _step(f"读取参考数据 {reference_dir}", Reference.read, reference_dir)
    ctx = Context(corpus=corpus, docs=docs, ref=ref)
    tables: dict[str, pd.DataFrame] = {
        DOCUMENTS.name: docs.frame(),
        TOWNS.name: _step(f"读取参考数据 {reference_dir / 'towns.csv'} 的列", lambda: ref.towns[TOWNS.column_names]),
    }
    checks = []
    for module in LOADERS:
        result: LoadResult = _load(module, ctx)
        for name, frame in result.tables.items():
            if name in tables:
                raise BuildError(f"表 {name} 被两个加载器重复生成（{module.__name__}）。")
            tables[name] = frame
        checks.extend(result.checks)
    ids = [c.check_id for c in checks]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise BuildError(f"数据质量检查 ID 重复：{', '.join(duplicated)}")
    tables[DATA_QUALITY.name] = pd.DataFrame([c.as_row() for c in checks], columns=DATA_QUALITY.column_names)
    info = {"built_at": dt.datetime.now().isoformat(timespec="seconds"), "schema_version": SCHEMA_VERSION}
    for raw in corpus.values():
        info[f"sha256:{raw.path.name}"] = raw.sha256
        info[f"bulletin:{raw.bulletin_id}"] = raw.title
    return tables, info


def _step(what: str, function, *args):
    """function(*args); a failure other than BuildError (a damaged CSV, a missing column) becomes one."""
    try:
        return function(*args)
    except BuildError:
        raise
    except Exception as exc:
        raise BuildError(f"{what} 时出错：{type(exc).__name__}: {exc}") from exc


def _load(module, ctx: Context) -> LoadResult:
    """module.load(ctx), with any failure turned into a BuildError that says which loader it was."""
    where = f"（解析 {module.__name__} 时）"
    try:
        return module.load(ctx)
    except BuildError as exc:
        raise BuildError(exc.message + where, doc_id=exc.doc_id, line=exc.line) from exc
    except Exception as exc:  # a loader tripping over text it did not expect: still a message, not a traceback
        raise BuildError(f"程序错误 {type(exc).__name__}: {exc}{where}") from exc


def _prepared(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    """Frame with exactly the table's columns; exact decimals passed as text so nothing goes via float."""
    unknown = set(frame.columns) - set(table.column_names)
    if unknown:
        raise BuildError(f"表 {table.name} 出现了未定义的列：{', '.join(sorted(unknown))}（请先在 TABLES 中声明）。")
    out = pd.DataFrame({c.name: frame[c.name] if c.name in frame else None for c in table.columns},
                       index=frame.index)
    for column in table.columns:
        if not column.nullable and out[column.name].isna().any():
            bad = out[out[column.name].isna()]
            where = bad["line"].iloc[0] if "line" in bad else None
            doc = bad["doc_id"].iloc[0] if "doc_id" in bad else None
            raise BuildError(f"表 {table.name} 的必填列 {column.name} 为空", doc_id=doc, line=where)
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
        con = duckdb.connect(str(tmp))
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
        if frame is None or frame.empty:
            continue
        staged = _prepared(table, frame)
        con.register("staged", staged)
        cols = ", ".join(f'"{c}"' for c in table.column_names)
        con.execute(f"INSERT INTO {table.name} ({cols}) SELECT {cols} FROM staged")
        con.unregister("staged")


def build(raw_dir: Path = DEFAULT_RAW, out: Path = DEFAULT_OUT,
          reference_dir: Path = DEFAULT_REFERENCE) -> dict[str, pd.DataFrame]:
    tables, info = collect(raw_dir, reference_dir)
    write_database(tables, info, out)
    return tables


def summary(tables: dict[str, pd.DataFrame], seconds: float, out: Path) -> str:
    lines = [f"构建完成：{out}（{seconds:.2f} 秒）", "", f"{'表':<24}{'行数':>8}"]
    for table in ALL_TABLES:
        if table is BUILD_INFO:
            continue
        frame = tables.get(table.name)
        lines.append(f"{table.name:<24}{0 if frame is None else len(frame):>8}")
    dq = tables[DATA_QUALITY.name]
    counts = dq["severity"].value_counts() if not dq.empty else pd.Series(dtype=int)
    lines += ["", f"数据核对：通过 {counts.get('ok', 0)}，警告 {counts.get('warn', 0)}，错误 {counts.get('error', 0)}"]
    for row in dq[dq.severity != "ok"].itertuples() if not dq.empty else []:
        where = f"第 {int(row.line)} 行" if pd.notna(row.line) else "整份文件"
        lines.append(f"  [{row.severity}] {row.message}（{row.doc_id} {where}）")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="从原始公报文本构建看板数据库（DuckDB）。")
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="原始公报目录（含 MANIFEST.csv）")
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE, help="参考数据目录")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="输出的 DuckDB 文件")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        tables = build(args.raw, args.out, args.reference)
    except BuildError as exc:
        print(f"构建失败：{exc}\n原数据库未改动：{args.out}", file=sys.stderr)
        return 1
    print(summary(tables, time.perf_counter() - started, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
