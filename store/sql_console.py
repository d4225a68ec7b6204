"""A read-only SQL console over the curated tables, safe for anyone to type into.

Three layers, each enough on its own for the common cases:
1. Before anything runs, DuckDB's own parser must see exactly one SELECT statement
   (WITH …, FROM-first, VALUES, DESCRIBE, SHOW and SUMMARIZE all parse as SELECT), and
   it may not call a file-reading table function.
2. The engine: the curated file is attached READ_ONLY into a private in-memory DuckDB
   instance, then `enable_external_access=false` (no files, no ATTACH, no COPY, no
   INSTALL/LOAD) and `lock_configuration=true` (no SET can undo it).
3. A time limit (the query runs in a worker thread; `interrupt()` after LIMIT_SECONDS)
   and a row cap (LIMIT pushed into the query plan).

Why a private instance and not a second `duckdb.connect(path, read_only=True)`: DuckDB
shares one database instance per file within a process, so SET statements on a second
connection would also lock down the app's own connection (store.curated), and a
connection with a different config to the same file is refused outright.
"""
from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from store import curated

LIMIT_SECONDS = 5.0
ROW_CAP = 5_000
MEMORY_LIMIT = "1GB"
CATALOG = "gazette"

# Table functions that read files or directories (blocked by the engine too; named here for a clear message).
_FILE_FUNCTIONS = re.compile(
    r"\b(read_\w+|glob|sniff_csv|parquet_(?:metadata|schema|file_metadata|kv_metadata|bloom_probe)"
    r"|iceberg_\w+|delta_scan|sqlite_scan|postgres_scan|mysql_scan)\s*\(", re.IGNORECASE)

_REFUSALS: dict[str, str] = {
    "INSERT": "只读控制台不能写入数据（INSERT）。",
    "UPDATE": "只读控制台不能修改数据（UPDATE）。",
    "DELETE": "只读控制台不能删除数据（DELETE）。",
    "CREATE": "只读控制台不能建表、建视图或建函数（CREATE 等 DDL 语句）。",
    "DROP": "只读控制台不能删除表或其他对象（DROP 等 DDL 语句）。",
    "ALTER": "只读控制台不能修改表结构（ALTER 等 DDL 语句）。",
    "ATTACH": "控制台不能挂载其他数据库（ATTACH）。",
    "DETACH": "控制台不能卸载数据库（DETACH）。",
    "COPY": "控制台不能导入或导出文件（COPY）。请用“数据表下载”获取 CSV、Excel 或 Parquet。",
    "EXPORT": "控制台不能导出数据库（EXPORT）。请用“数据表下载”。",
    "LOAD": "控制台不能安装或加载扩展（INSTALL / LOAD）。",
    "PRAGMA": "控制台不能执行 PRAGMA 语句。表结构请看上方的数据字典，或用 DESCRIBE 表名。",
    "SET": "控制台不能修改设置（SET / RESET / USE）。",
    "CALL": "控制台不能执行 CALL 语句。",
    "TRANSACTION": "控制台不需要事务语句（BEGIN / COMMIT / ROLLBACK）。",
    "VACUUM": "只读控制台不能执行 VACUUM / CHECKPOINT。",
    "ANALYZE": "只读控制台不能执行 ANALYZE。",
}

EXAMPLES: dict[str, str] = {
    "涉农资金：各来源金额与占比（市级资金占多少）": """\
SELECT source_name AS 来源, amount_wan AS 金额_万元,
       share_pct_stated AS 文件写明占比,
       round(100 * amount_wan / sum(amount_wan) OVER (), 2) AS 计算占比
FROM fund_by_source
ORDER BY amount_wan DESC""",
    "通户道路：各镇街列出的村数": """\
SELECT town_name AS 镇街, count(*) AS 村数
FROM road_villages
GROUP BY town_name
ORDER BY 村数 DESC""",
    "专项整治：各部门牵头 / 责任 / 配合的任务数": """\
SELECT unit AS 单位,
       count(*) FILTER (WHERE role = '牵头') AS 牵头,
       count(*) FILTER (WHERE role = '责任') AS 责任,
       count(*) FILTER (WHERE role = '配合') AS 配合,
       count(*) AS 合计
FROM campaign_task_units
GROUP BY unit
ORDER BY 合计 DESC
LIMIT 20""",
    "文件：每份公报的文件数与原文行数": """\
SELECT bulletin AS 公报, count(*) AS 文件数,
       sum(last_line - first_line + 1) AS 原文行数
FROM documents
GROUP BY bulletin""",
    "数据核对：按严重程度与模块计数": """\
SELECT split_part(check_id, '.', 1) AS 模块, severity AS 结果, count(*) AS 项数
FROM data_quality
GROUP BY ALL
ORDER BY 模块, 结果""",
}


class ConsoleError(Exception):
    """A refusal or a failed query, with a message in Chinese for the user."""

    kind = "error"

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.message = message
        self.detail = detail


class ConsoleRefused(ConsoleError):
    kind = "refused"


class ConsoleTimeout(ConsoleError):
    kind = "timeout"


@dataclass(frozen=True)
class ConsoleResult:
    frame: pd.DataFrame
    truncated: bool
    seconds: float
    row_cap: int

    @property
    def notice(self) -> str:
        shown = f"{len(self.frame):,} 行，用时 {self.seconds:.2f} 秒"
        return (f"结果超过 {self.row_cap:,} 行，只显示前 {self.row_cap:,} 行（{self.seconds:.2f} 秒）。"
                "请加上 WHERE 条件或聚合。") if self.truncated else shown


# ---- the guarded connection ----------------------------------------------------

def open_console(path: Path | str) -> duckdb.DuckDBPyConnection:
    """Private in-memory instance with the curated file attached read-only, then locked down."""
    con = duckdb.connect(":memory:")
    try:
        escaped = str(path).replace("'", "''")
        con.execute(f"ATTACH '{escaped}' AS {CATALOG} (READ_ONLY)")
        con.execute("SET autoinstall_known_extensions = false")
        con.execute("SET autoload_known_extensions = false")
        con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    except Exception:
        con.close()
        raise
    return con


def check_statement(con: duckdb.DuckDBPyConnection, sql: str) -> str:
    """The statement to run, or ConsoleRefused before anything executes."""
    text = sql.strip()
    if not text:
        raise ConsoleRefused("请输入一条 SELECT 查询。")
    try:
        statements = con.extract_statements(text)
    except duckdb.Error as exc:
        raise ConsoleError("SQL 语法错误，请检查拼写、括号和引号。", _first_line(exc)) from exc
    if not statements:
        raise ConsoleRefused("没有可执行的语句（只有注释？）。")
    if len(statements) > 1:
        raise ConsoleRefused(f"一次只能运行一条查询，这里有 {len(statements)} 条（用分号隔开）。")
    kind = statements[0].type.name
    if kind != "SELECT":
        raise ConsoleRefused(_REFUSALS.get(kind, f"只允许一条 SELECT（或 WITH … SELECT）查询，收到的是 {kind} 语句。"))
    function = _FILE_FUNCTIONS.search(text)
    if function:
        raise ConsoleRefused(f"控制台不能读取文件：不允许调用 {function.group(1)}()。只能查询数据库中的表。")
    return text


def run(con: duckdb.DuckDBPyConnection, sql: str, limit_seconds: float = LIMIT_SECONDS,
        row_cap: int = ROW_CAP) -> ConsoleResult:
    """Check, then run with a time limit and a row cap; every failure is a ConsoleError."""
    statement = check_statement(con, sql)
    cursor = con.cursor()
    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            cursor.execute(f"USE {CATALOG}")  # each cursor starts in the in-memory catalog
            outcome["table"] = cursor.sql(statement).limit(row_cap + 1).to_arrow_table()
        except BaseException as exc:  # noqa: BLE001 — handed to the caller's thread
            outcome["error"] = exc

    started = time.perf_counter()
    worker = threading.Thread(target=work, name="sql-console", daemon=True)
    worker.start()
    worker.join(limit_seconds)
    timed_out = worker.is_alive()
    if timed_out:
        cursor.interrupt()
        worker.join(5)
    seconds = time.perf_counter() - started
    try:
        cursor.close()
    except duckdb.Error:
        pass
    if timed_out:
        raise ConsoleTimeout(f"查询超过 {limit_seconds:g} 秒，已中止。请缩小范围：加上 WHERE 条件、避免没有连接条件的多表连接。")
    if "error" in outcome:
        raise translate(outcome["error"])
    table = outcome["table"]
    frame = table.slice(0, row_cap).to_pandas()
    return ConsoleResult(frame, table.num_rows > row_cap, seconds, row_cap)


def translate(exc: BaseException) -> ConsoleError:
    """A DuckDB exception as a Chinese message (the engine's text kept as detail)."""
    detail = _first_line(exc)
    if isinstance(exc, duckdb.InterruptException):
        return ConsoleTimeout("查询已被中止（超时）。", detail)
    if isinstance(exc, duckdb.PermissionException):
        return ConsoleRefused("控制台禁止访问外部文件、网络和扩展。只能查询数据库中的表。", detail)
    if isinstance(exc, duckdb.CatalogException):
        return ConsoleError("找不到这个表、列或函数。表名和列名请看上方的数据字典。", detail)
    if isinstance(exc, duckdb.BinderException):
        return ConsoleError("列名或表达式有误（例如列名拼错、聚合缺少 GROUP BY）。", detail)
    if isinstance(exc, duckdb.ParserException):
        return ConsoleError("SQL 语法错误，请检查拼写、括号和引号。", detail)
    if isinstance(exc, duckdb.OutOfMemoryException):
        return ConsoleError(f"查询所需内存超过上限（{MEMORY_LIMIT}），已中止。请缩小范围。", detail)
    if isinstance(exc, (duckdb.ConversionException, duckdb.InvalidInputException)):
        return ConsoleError("数据类型转换或输入有误。", detail)
    if isinstance(exc, duckdb.Error):
        return ConsoleError("查询失败。", detail)
    return ConsoleError("查询失败（程序错误）。", f"{type(exc).__name__}: {exc}")


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


# ---- cached for the app: one locked connection per database build ----------------

def _build_key() -> tuple[str, int]:
    path = curated.database_path()
    return str(path), path.stat().st_mtime_ns


@st.cache_resource(show_spinner=False, max_entries=1, on_release=lambda con: con.close())
def _console(path: str, built_ns: int) -> duckdb.DuckDBPyConnection:
    return open_console(path)


def console() -> duckdb.DuckDBPyConnection:
    return _console(*_build_key())


def execute(sql: str) -> ConsoleResult:
    """Run a user's query on the app's console connection (see run)."""
    return run(console(), sql)
