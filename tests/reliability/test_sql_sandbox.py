"""The SQL console sandbox, beyond tests/test_sql_console.py: more ways to write, reach files,
change settings or see the server's paths; queries that exhaust memory or ignore interrupts;
several at once; and the 数据 page answering a normal query right after a stopped one."""
from __future__ import annotations

import tempfile
import threading
import time
from pathlib import Path

import pytest
import streamlit as st

from conftest import RAW, REFERENCE, ROOT
from loaders.build import build
from reliability.conftest import CJK
from store import curated, sql_console
from store.sql_console import (MAX_SQL_CHARS, ConsoleError, ConsoleRefused, ConsoleTimeout, open_console, run)


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sandbox") / "gazette.duckdb"
    build(RAW, path, REFERENCE)
    return path


@pytest.fixture(scope="module")
def con(database):
    connection = open_console(database)
    yield connection
    connection.close()


def outcome(con, sql: str, **kw) -> ConsoleError:
    with pytest.raises(ConsoleError) as error:
        run(con, sql, **kw)
    assert CJK.search(error.value.message), error.value.message
    return error.value


# ---- refused before anything runs ------------------------------------------------------

REFUSED = {
    # writes and DDL the first suite does not try
    "CREATE OR REPLACE MACRO evil() AS 1": "建表",
    "CREATE SECRET s (TYPE s3, KEY_ID 'x', SECRET 'y')": "CREATE",
    "CREATE TEMP TABLE t AS SELECT 1": "建表",
    "INSERT INTO gazette.documents SELECT * FROM gazette.documents": "写入",
    "TRUNCATE documents": "删除",
    "COMMENT ON TABLE documents IS 'x'": "结构",
    # other databases and files
    "ATTACH DATABASE ':memory:' AS m": "ATTACH",
    "DETACH gazette": "DETACH",
    "USE memory": "设置",
    "EXPORT DATABASE '/tmp/gazette-export'": "EXPORT",
    "IMPORT DATABASE '/tmp/gazette-export'": "PRAGMA",  # DuckDB parses it as a PRAGMA
    "COPY (SELECT 1) TO '/tmp/x.parquet' (FORMAT parquet)": "COPY",
    "SELECT * FROM glob('/etc/*')": "glob",
    "SELECT * FROM read_blob('/etc/hostname')": "read_blob",
    "SELECT * FROM read_json_objects('/etc/hostname')": "read_json_objects",
    "SELECT * FROM read_csv_auto('/etc/passwd', header=false)": "read_csv_auto",
    "SELECT * FROM sniff_csv('/etc/passwd')": "sniff_csv",
    "SELECT * FROM parquet_metadata('/tmp/x.parquet')": "parquet_metadata",
    "DESCRIBE SELECT * FROM read_text('/etc/hostname')": "read_text",
    "SUMMARIZE SELECT * FROM read_csv('/etc/passwd')": "read_csv",
    "WITH f AS (SELECT * FROM read_text('/etc/hostname')) SELECT * FROM f": "read_text",
    "FROM read_text('/etc/hostname')": "read_text",
    # extensions and settings
    "INSTALL httpfs FROM 'http://127.0.0.1:1/'": "扩展",
    "LOAD '/tmp/evil.duckdb_extension'": "扩展",
    "FORCE INSTALL fts": "扩展",
    "SET threads = 64": "设置",
    "SET memory_limit = '100GB'": "设置",
    "RESET threads": "设置",
    "SET VARIABLE x = 1": "设置",
    "PRAGMA enable_profiling": "PRAGMA",
    "CALL pragma_database_size()": "CALL",
    "CHECKPOINT": "CALL",
    "VACUUM": "VACUUM",
    "BEGIN TRANSACTION": "事务",
    # the server's paths and configuration, and nested statements
    "SELECT * FROM duckdb_databases()": "服务器",
    "SELECT path FROM duckdb_databases": "服务器",
    "SELECT * FROM pragma_database_list": "服务器",
    "SELECT * FROM \"duckdb_settings\"()": "服务器",
    "SELECT * FROM duckdb_settings/**/()": "服务器",
    "SELECT current_setting('temp_directory')": "服务器",
    "SELECT * FROM duckdb_extensions()": "服务器",
    "SELECT * FROM duckdb_secrets()": "服务器",
    "SELECT * FROM which_secret('s3://x', 's3')": "服务器",
    "SELECT * FROM query('SELECT * FROM duckdb_settings()')": "query",
    "SELECT * FROM query_table('documents')": "query",
    # shape
    "SELECT 1; SELECT 2": "一条",
    "PIVOT documents ON bulletin USING count(*)": "只允许",
    "-- nothing but a comment": "没有可执行",
    "SELECT " + " + ".join(["1"] * 12_000): "太长",
}


@pytest.mark.parametrize("sql", list(REFUSED), ids=[s[:40] for s in REFUSED])
def test_refused_with_a_chinese_message(con, sql):
    error = outcome(con, sql)
    assert isinstance(error, ConsoleRefused), (error.message, error.detail)
    assert REFUSED[sql] in error.message


def test_no_answer_or_message_shows_the_servers_paths(con, database):
    """Every probe ends without naming where the app lives (the database file, the home directory)."""
    secret_places = [str(database.parent), str(ROOT), str(Path.home())]
    probes = list(REFUSED) + ["SELECT * FROM 'data/build/gazette.duckdb'", "SELECT * FROM nosuch",
                              "SELECT * FROM \"glob\"('/etc/*')", "SELECT * FROM read_text/**/('/etc/hostname')",
                              "SELECT database_name, comment FROM duckdb_tables() LIMIT 3"]
    for sql in probes:
        try:
            shown = str(run(con, sql).frame.to_dict())
        except ConsoleError as error:
            shown = error.message + " " + error.detail
        for place in secret_places:
            assert place not in shown, (sql, shown[:300])


def test_a_file_function_hidden_from_the_name_check_is_stopped_by_the_engine(con):
    for sql in ("SELECT * FROM \"glob\"('/etc/*')", "SELECT * FROM read_text/**/('/etc/hostname')",
                "SELECT * FROM '/etc/passwd.csv'", "SELECT * FROM 'http://127.0.0.1:9/x.csv'"):
        error = outcome(con, sql)
        assert isinstance(error, ConsoleRefused) and "外部文件" in error.message, sql
    assert "找不到" in outcome(con, "SELECT * FROM '/etc/passwd'").message  # no known file type: taken as a table name


def test_sql_longer_than_the_cap_is_refused_before_parsing(con):
    assert "太长" in outcome(con, "SELECT 1 -- " + "x" * MAX_SQL_CHARS).message


# ---- stopped while running -----------------------------------------------------------------

def rss_mb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 2**20


MEMORY_BOMBS = ["SELECT len(range(1000000000))", "SELECT length(repeat('x', 1500000000))",
                "SELECT list_sort(range(200000000))[1]",
                "SELECT string_agg(x::VARCHAR, ',') IS NULL FROM range(300000000) t(x)",
                "SELECT max(length(repeat(doc_id, 100000000))) FROM documents"]


@pytest.mark.parametrize("sql", MEMORY_BOMBS, ids=[s[:30] for s in MEMORY_BOMBS])
def test_memory_bombs_stop_in_the_worker_not_the_app(con, sql):
    before = rss_mb()
    started = time.perf_counter()
    error = outcome(con, sql)
    seconds = time.perf_counter() - started
    print(f"{sql[:50]}: {type(error).__name__} after {seconds:.1f}s — {error.message}")
    assert "内存" in error.message or isinstance(error, ConsoleTimeout)
    assert seconds < sql_console.LIMIT_SECONDS + sql_console.STARTUP_SECONDS + 5
    assert rss_mb() - before < 200, "the app's own process did not grow"


def test_a_runaway_join_is_stopped_and_its_spill_files_removed(con):
    spills = set(Path(tempfile.gettempdir()).glob("sql-console-*"))
    error = outcome(con, "SELECT count(*) FROM range(1000000000) a, range(1000000000) b WHERE a.range + b.range = 7",
                    limit_seconds=2)
    assert "中止" in error.message
    assert set(Path(tempfile.gettempdir()).glob("sql-console-*")) <= spills
    assert run(con, "SELECT count(*) AS n FROM documents").frame.n.iloc[0] == 27


def test_a_query_that_ignores_the_interrupt_is_killed(con, monkeypatch):
    """Sorting one 30-million-element list does not look at interrupt(): the worker is SIGKILLed."""
    monkeypatch.setattr(sql_console, "STARTUP_SECONDS", 2.0)
    started = time.perf_counter()
    error = outcome(con, "SELECT sum(len(x)) FROM (SELECT list_sort(list_reverse(range(30000000))) x)",
                    limit_seconds=1)
    seconds = time.perf_counter() - started
    print(f"uninterruptible sort stopped after {seconds:.1f}s: {type(error).__name__} {error.message}")
    assert isinstance(error, ConsoleTimeout) or "内存" in error.message
    assert seconds < 1 + 2.0 + 5


@pytest.mark.parametrize("worker", [
    "import os, signal; os.kill(os.getpid(), signal.SIGKILL)",                       # killed before answering
    "import sys; sys.stdout.write('{\"ok\": true, \"seconds\": 0}\\nARROW'); sys.exit(0)",  # cut off mid-answer
], ids=["killed", "cut-off"])
def test_a_worker_that_dies_gives_a_chinese_error_not_a_traceback(con, monkeypatch, worker):
    monkeypatch.setattr(sql_console, "_WORKER_BOOT", worker)
    error = outcome(con, "SELECT 1")
    assert "上限" in error.message


def test_three_runaway_queries_at_once_are_all_stopped_and_the_console_recovers(con):
    errors = []

    def runaway() -> None:
        try:
            run(con, "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r",
                limit_seconds=2)
        except ConsoleError as error:
            errors.append(error)

    threads = [threading.Thread(target=runaway) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(errors) == 3 and all(CJK.search(e.message) for e in errors)
    assert {type(e) for e in errors} <= {ConsoleTimeout, ConsoleError}
    assert run(con, "SELECT 42 AS answer").frame.answer.iloc[0] == 42
    for _ in range(sql_console.MAX_WORKERS):  # every worker slot was given back
        assert sql_console._WORKERS.acquire(blocking=False)
    for _ in range(sql_console.MAX_WORKERS):
        sql_console._WORKERS.release()


# ---- the page keeps answering ---------------------------------------------------------------

@pytest.fixture
def data_page(database, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("GAZETTE_DB", str(database))
    curated.connection.clear()
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/data.py")
    at.query_params["tab"] = "SQL 控制台"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    yield at
    curated.connection.clear()
    st.cache_data.clear()


def submit(at, sql: str):
    at.text_area(key="sql_text").set_value(sql)
    next(b for b in at.button if b.label == "运行查询").click()
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.mark.slow
def test_the_data_page_answers_right_after_a_stopped_query(data_page):
    at = submit(data_page, "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r")
    assert any("中止" in e.value for e in at.error), [e.value for e in at.error]
    at = submit(at, "SELECT len(range(1000000000)) AS n")
    assert any("内存" in e.value for e in at.error), [e.value for e in at.error]
    at = submit(at, "SELECT count(*) AS n FROM documents")
    assert not at.error
    assert any("1 行" in s.value for s in at.success)
    assert at.dataframe[-1].value.iloc[0, 0] == 27
