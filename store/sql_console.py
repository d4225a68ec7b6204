"""A read-only SQL console over the curated tables, safe for anyone to type into.

Three layers, each enough on its own for the common cases:
1. Before anything runs, DuckDB's own parser must see exactly one SELECT statement
   (WITH …, FROM-first, VALUES, DESCRIBE, SHOW and SUMMARIZE all parse as SELECT), and
   it may not call a file-reading table function, nor one that shows the server's paths
   and settings.
2. The engine: the curated file is attached READ_ONLY into a private in-memory DuckDB
   instance, then `enable_external_access=false` (no files, no ATTACH, no COPY, no
   INSTALL/LOAD) and `lock_configuration=true` (no SET can undo it).
3. A separate worker process per query, killed when it overruns: DuckDB's memory_limit
   governs only its buffer manager, and a list or string built by one expression
   (`SELECT len(range(1000000000))`) grew the app's own process past 10 GB while ignoring
   `interrupt()`. The worker runs with an address-space limit (RLIMIT_AS), two threads and
   a bounded spill folder of its own; it interrupts itself after LIMIT_SECONDS and is
   SIGKILLed if still running STARTUP_SECONDS later. At most MAX_WORKERS run at once. A row cap (LIMIT pushed
   into the query plan) bounds what comes back.

Why a private instance and not a second `duckdb.connect(path, read_only=True)`: DuckDB
shares one database instance per file within a process, so SET statements on a second
connection would also lock down the app's own connection (store.curated), and a
connection with a different config to the same file is refused outright.
"""
from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:  # the worker process imports this module too: keep its start-up light
    import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
LIMIT_SECONDS = 5.0
ROW_CAP = 5_000
MEMORY_LIMIT = "1GB"                     # DuckDB's buffer manager
SPILL_LIMIT = "2GB"                      # disk a worker may spill to, in its own temporary folder
WORKER_ADDRESS_SPACE = 3 * 1024 ** 3     # the worker's whole address space: lists and strings live outside the buffer manager
WORKER_THREADS = 2
STARTUP_SECONDS = 5.0                    # allowance for starting the worker; past limit + this it is killed
MAX_WORKERS = 2
MAX_SQL_CHARS = 20_000
CATALOG = "gazette"

# Table functions that read files or directories (blocked by the engine too; named here for a clear message).
_FILE_FUNCTIONS = re.compile(
    r"\b(read_\w+|glob|sniff_csv|parquet_(?:metadata|schema|file_metadata|kv_metadata|bloom_probe)"
    r"|iceberg_\w+|delta_scan|sqlite_scan|postgres_scan|mysql_scan)\s*\(", re.IGNORECASE)
# Functions that show the server's paths and configuration (database file, home, secret and
# extension directories), and query()/query_table(), whose SQL string no check can see into.
# Matched on DuckDB's own tokens, so quotes and comments do not hide them. (A quoted file
# function is left to the engine, which refuses it: layer 2.)
_SERVER_NAMES = re.compile(r"duckdb_(settings|databases|extensions|secrets|temporary_files|logs?|log_contexts)"
                           r"|pragma_database_list|current_setting|which_secret|query|query_table")

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

def open_console(path: Path | str, spill_dir: str | None = None) -> duckdb.DuckDBPyConnection:
    """Private in-memory instance with the curated file attached read-only, then locked down.

    `spill_dir`: where a large join or sort may spill (the worker's private temporary folder,
    bounded by SPILL_LIMIT); without it nothing is written to disk at all."""
    con = duckdb.connect(":memory:")
    try:
        escaped = str(path).replace("'", "''")
        con.execute(f"ATTACH '{escaped}' AS {CATALOG} (READ_ONLY)")
        con.execute("SET autoinstall_known_extensions = false")
        con.execute("SET autoload_known_extensions = false")
        con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        con.execute(f"SET threads = {WORKER_THREADS}")
        con.execute("SET enable_progress_bar = false")
        if spill_dir:
            spill = spill_dir.replace("'", "''")
            con.execute(f"SET temp_directory = '{spill}'")
            con.execute(f"SET max_temp_directory_size = '{SPILL_LIMIT}'")
        else:
            con.execute("SET temp_directory = ''")
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
    if len(text) > MAX_SQL_CHARS:
        raise ConsoleRefused(f"查询太长（{len(text):,} 个字符，上限 {MAX_SQL_CHARS:,}）。")
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
    for name in _identifiers(text):
        if _SERVER_NAMES.fullmatch(name.lower()):
            raise ConsoleRefused(f"控制台不能查看服务器的配置、路径或扩展信息（{name}），也不能用 query() 嵌套查询。"
                                 "只能查询数据库中的表。")
    return text


def _identifiers(text: str) -> list[str]:
    """Every identifier as DuckDB's tokenizer sees it, quotes removed."""
    tokens = duckdb.tokenize(text)
    ends = [pos for pos, _kind in tokens[1:]] + [len(text)]
    out = []
    for (pos, kind), end in zip(tokens, ends):
        if kind == duckdb.token_type.identifier:
            word = text[pos:end].strip()
            out.append(word[1:-1].replace('""', '"') if word.startswith('"') and word.endswith('"') else word)
    return out


_WORKERS = threading.BoundedSemaphore(MAX_WORKERS)
_WORKER_BOOT = ("import sys; sys.path.insert(0, sys.argv[1]); "
                "from store.sql_console import _worker_main; _worker_main(sys.argv[2:])")


def run(con: duckdb.DuckDBPyConnection, sql: str, limit_seconds: float = LIMIT_SECONDS,
        row_cap: int = ROW_CAP) -> ConsoleResult:
    """Check, then run in a worker process with a time limit and a row cap; every failure is a ConsoleError."""
    statement = check_statement(con, sql)
    path = _attached_path(con)
    if not _WORKERS.acquire(timeout=limit_seconds):
        raise ConsoleError(f"控制台正忙：已有 {MAX_WORKERS} 条查询在运行，请稍后再试。")
    try:
        return _run_in_worker(path, statement, limit_seconds, row_cap)
    finally:
        _WORKERS.release()


def _attached_path(con: duckdb.DuckDBPyConnection) -> str:
    cursor = con.cursor()
    try:
        return cursor.execute("SELECT path FROM duckdb_databases() WHERE database_name = ?", [CATALOG]).fetchone()[0]
    finally:
        cursor.close()


def _run_in_worker(path: str, statement: str, limit_seconds: float, row_cap: int) -> ConsoleResult:
    import pyarrow as pa

    env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "TMPDIR", "HOME")}
    with tempfile.TemporaryDirectory(prefix="sql-console-") as work:
        worker = subprocess.Popen([sys.executable, "-c", _WORKER_BOOT, str(ROOT), path, repr(limit_seconds),
                                   str(row_cap)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, cwd=work, env=env, start_new_session=True)
        try:
            out, _err = worker.communicate(statement.encode("utf-8"), timeout=limit_seconds + STARTUP_SECONDS)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.communicate()
            raise ConsoleTimeout(f"查询超过 {limit_seconds:g} 秒，已中止。请缩小范围：加上 WHERE 条件、避免没有连接条件的多表连接。")
    head, _sep, body = out.partition(b"\n")
    try:
        outcome = json.loads(head)
        table = pa.ipc.open_stream(body).read_all() if outcome["ok"] else None
    except (ValueError, pa.ArrowException):  # killed by the kernel (address space, CPU time) mid-answer
        raise ConsoleError("查询所需内存或计算量超过上限，已中止。请缩小范围。",
                           f"worker exit status {worker.returncode}") from None
    if not outcome["ok"]:
        raise translate(_rebuilt(outcome["type"], outcome["message"]), limit_seconds)
    frame = table.slice(0, row_cap).to_pandas()
    return ConsoleResult(frame, table.num_rows > row_cap, outcome["seconds"], row_cap)


def _rebuilt(type_name: str, message: str) -> BaseException:
    kind = getattr(duckdb, type_name, None)
    if isinstance(kind, type) and issubclass(kind, duckdb.Error):
        return kind(message)
    if type_name == "MemoryError":
        return MemoryError(message)
    return RuntimeError(f"{type_name}: {message}")


def _worker_main(argv: list[str]) -> None:
    """In the worker process: run one statement (read from stdin) and write a JSON line, then Arrow IPC."""
    import resource

    import pyarrow as pa

    path, limit_seconds, row_cap = argv[0], float(argv[1]), int(argv[2])
    statement = sys.stdin.buffer.read().decode("utf-8")
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything else printed (a progress bar, a warning) goes to stderr, not into the answer
    try:
        resource.setrlimit(resource.RLIMIT_AS, (WORKER_ADDRESS_SPACE, WORKER_ADDRESS_SPACE))
        cpu = int(limit_seconds * WORKER_THREADS + STARTUP_SECONDS)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))  # in case the parent is gone
        con = open_console(path, spill_dir=os.path.join(os.getcwd(), "spill"))
        con.execute(f"USE {CATALOG}")
        timer = threading.Timer(limit_seconds, con.interrupt)
        timer.start()
        started = time.perf_counter()
        try:
            table = con.sql(statement).limit(row_cap + 1).to_arrow_table()
        finally:
            timer.cancel()
        seconds = time.perf_counter() - started
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        out.write(json.dumps({"ok": True, "seconds": seconds}).encode() + b"\n")
        out.write(sink.getvalue().to_pybytes())
    except BaseException as exc:  # noqa: BLE001 — reported to the parent, which explains it in Chinese
        out.write(json.dumps({"ok": False, "type": type(exc).__name__, "message": str(exc)}).encode() + b"\n")
    out.close()


def translate(exc: BaseException, limit_seconds: float = LIMIT_SECONDS) -> ConsoleError:
    """A DuckDB exception as a Chinese message (the engine's text kept as detail)."""
    detail = _first_line(exc)
    if isinstance(exc, duckdb.InterruptException):
        return ConsoleTimeout(f"查询超过 {limit_seconds:g} 秒，已中止。请缩小范围：加上 WHERE 条件、避免没有连接条件的多表连接。",
                              detail)
    if isinstance(exc, duckdb.PermissionException):
        return ConsoleRefused("控制台禁止访问外部文件、网络和扩展。只能查询数据库中的表。", detail)
    if isinstance(exc, duckdb.CatalogException):
        return ConsoleError("找不到这个表、列或函数。表名和列名请看上方的数据字典。", detail)
    if isinstance(exc, duckdb.BinderException):
        return ConsoleError("列名或表达式有误（例如列名拼错、聚合缺少 GROUP BY）。", detail)
    if isinstance(exc, duckdb.ParserException):
        return ConsoleError("SQL 语法错误，请检查拼写、括号和引号。", detail)
    if isinstance(exc, (duckdb.OutOfMemoryException, MemoryError)):
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
    from store import curated

    path = curated.database_path()
    return str(path), path.stat().st_mtime_ns


@functools.cache
def _cached_console():
    import streamlit as st  # here, not at the top: the worker process never needs Streamlit

    @st.cache_resource(show_spinner=False, max_entries=1, on_release=lambda con: con.close())
    def _console(path: str, built_ns: int) -> duckdb.DuckDBPyConnection:
        return open_console(path)

    return _console


def console() -> duckdb.DuckDBPyConnection:
    return _cached_console()(*_build_key())


def execute(sql: str) -> ConsoleResult:
    """Run a user's query on the app's console connection (see run)."""
    return run(console(), sql)
