"""The SQL console sandbox, beyond tests/store/test_sql_console.py: more ways to write, reach files,
change settings or see the server's paths; queries that exhaust memory or ignore interrupts;
several at once; and the 数据 page answering a normal query right after a stopped one."""
from __future__ import annotations

import contextlib
import tempfile
import threading
import time
from pathlib import Path

import pytest
import streamlit as st

from store import db, sql_console
from store.sql_console import MAX_SQL_CHARS, ConsoleError, ConsoleRefused, ConsoleTimeout, open_console, run
from tests import snapshots
from tests.conftest import ROOT, open_app
from tests.reliability.conftest import CJK


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
    "SELECT * FROM glob('/etc/*')": "glob()",
    "SELECT * FROM read_blob('/etc/hostname')": "read_blob()",
    "SELECT * FROM read_json_objects('/etc/hostname')": "read_json_objects()",
    "SELECT * FROM read_csv_auto('/etc/passwd', header=false)": "read_csv_auto()",
    "SELECT * FROM sniff_csv('/etc/passwd')": "sniff_csv()",
    "SELECT * FROM parquet_metadata('/tmp/x.parquet')": "parquet_metadata()",
    "DESCRIBE SELECT * FROM read_text('/etc/hostname')": "read_text()",
    "SUMMARIZE SELECT * FROM read_csv('/etc/passwd')": "read_csv()",
    "WITH f AS (SELECT * FROM read_text('/etc/hostname')) SELECT * FROM f": "read_text()",
    "FROM read_text('/etc/hostname')": "read_text()",
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
    # shape
    "SELECT 1; SELECT 2": "一条",
    "PIVOT documents ON bulletin USING count(*)": "只允许",
    "SELECT * FROM (PIVOT documents ON bulletin USING count(*))": "只允许",  # a MULTI statement
    "SELECT $1": "不支持",
    "-- nothing but a comment": "没有可执行",
    "SELECT " + " + ".join(["1"] * 12_000): "太长",
    "SELECT " + "abs(" * 400 + "1" + ")" * 400: "嵌套",
}


@pytest.mark.parametrize("sql", list(REFUSED), ids=[s[:40] for s in REFUSED])
def test_refused_with_a_chinese_message(con, sql):
    error = outcome(con, sql)
    assert isinstance(error, ConsoleRefused), (error.message, error.detail)
    assert REFUSED[sql] in error.message


# Ways to reach the server's paths, settings, temporary files, other catalogs or a nested statement
# (issue 13: the name check let json_execute_serialized_sql(json_serialize_sql('…')) show the
# database's path). Each must be refused by the allow-list, before anything runs.
WRAP = "SELECT * FROM json_execute_serialized_sql(json_serialize_sql('{}'))"
ESCAPES = [
    ("SELECT database_name, path FROM json_execute_serialized_sql(json_serialize_sql("
     "'SELECT database_name, path FROM duckdb_databases()'))"),
    WRAP.format("SELECT * FROM duckdb_settings()"),
    WRAP.format("SELECT current_setting(''temp_directory'') AS t"),
    WRAP.format("SELECT * FROM duckdb_temporary_files()"),
    WRAP.format("SELECT * FROM query(''SELECT 1'')"),
    WRAP.format("SELECT * FROM query_table(''documents'')"),
    "SELECT * FROM json_execute_serialized_sql('{\"error\":false,\"statements\":[]}')",
    "SELECT json_serialize_sql('SELECT * FROM duckdb_databases()')",
    "SELECT json_serialize_plan('SELECT * FROM duckdb_settings()')",
    "SELECT * FROM duckdb_databases()",
    "SELECT path FROM duckdb_databases",
    "SELECT * FROM \"duckdb_databases\"()",
    "SELECT * FROM duckdb_settings()",
    "SELECT * FROM duckdb_settings/**/()",
    "SELECT value FROM duckdb_settings() WHERE name = 'temp_directory'",
    "SELECT current_setting('temp_directory')",
    "SELECT \"current_setting\"('home_directory')",
    "SELECT main.current_setting('temp_directory')",
    "SELECT * FROM duckdb_temporary_files()",
    "SELECT * FROM duckdb_extensions()",
    "SELECT * FROM duckdb_secrets()",
    "SELECT * FROM which_secret('s3://x', 's3')",
    "SELECT * FROM duckdb_memory()",
    "SELECT * FROM duckdb_logs",
    "SELECT * FROM duckdb_tables()",
    "SELECT * FROM query('SELECT * FROM duckdb_settings()')",
    "SELECT * FROM query_table('documents')",
    "SELECT * FROM query_table(['documents', 'towns'])",
    "SELECT * FROM pragma_database_list",
    "SELECT * FROM pragma_database_list()",
    "SELECT * FROM information_schema.schemata",
    "SELECT * FROM pg_catalog.pg_settings",
    "SELECT * FROM system.main.duckdb_settings()",
    "SELECT * FROM system.main.duckdb_databases",
    "SELECT * FROM gazette.main.duckdb_settings()",
    "SELECT (SELECT path FROM duckdb_databases() LIMIT 1) AS p",
    "SELECT * FROM documents WHERE doc_id IN (SELECT path FROM duckdb_databases())",
    "SELECT * FROM documents ORDER BY (SELECT 1 FROM duckdb_extensions() LIMIT 1)",
    "SELECT * FROM documents, LATERAL (SELECT * FROM duckdb_settings())",
    "WITH p AS (SELECT * FROM duckdb_databases()) SELECT * FROM p",
    "WITH duckdb_databases AS (SELECT * FROM duckdb_databases) SELECT * FROM duckdb_databases",
    "SELECT * FROM (WITH duckdb_databases AS (SELECT 1) SELECT 1), duckdb_databases",
    "SELECT * FROM unnest((SELECT list(path) FROM duckdb_databases()))",
    "DESCRIBE SELECT * FROM duckdb_settings()",
    "SUMMARIZE SELECT * FROM duckdb_databases()",
    "DESCRIBE duckdb_settings",
    "SHOW DATABASES",
    "SHOW ALL TABLES",
    "SELECT getvariable('x')",
    "SELECT current_catalog, current_schema, current_user",
    "SELECT version()",
    "SELECT * FROM read_text('/etc/hostname')",
    "SELECT * FROM \"read_text\"('/etc/hostname')",
    "SELECT * FROM read_text/**/('/etc/hostname')",
    "SELECT * FROM read_blob('/proc/self/environ')",
    "SELECT * FROM read_duckdb('data/build/gazette.duckdb')",
    "SELECT * FROM 'data/build/gazette.duckdb'",
    "SELECT * FROM '/etc/passwd.csv'",
    "SELECT * FROM 'http://127.0.0.1:9/x.csv'",
    "SELECT * FROM glob('/*')",
    "SELECT * FROM documents AT (VERSION => 1)",
    "SELECT * FROM checkpoint()",
    "SELECT * FROM enable_logging()",
    "SELECT sleep_ms(60000)",
]


@pytest.mark.parametrize("sql", ESCAPES, ids=[s[:60] for s in ESCAPES])
def test_escape_attempt_is_refused_before_it_runs(con, sql):
    with pytest.raises(ConsoleRefused) as decided:
        sql_console.check_statement(con, sql)
    assert CJK.search(decided.value.message)
    error = outcome(con, sql)
    assert isinstance(error, ConsoleRefused), (error.message, error.detail)


def test_no_escape_attempt_succeeds(con, database):
    """The figure for docs/RELIABILITY.md: how many of the attempts returned anything."""
    answered = []
    for sql in ESCAPES:
        with contextlib.suppress(ConsoleError):
            answered.append((sql, run(con, sql).frame.head(3).to_dict()))
    print(f"{len(ESCAPES)} escape attempts, {len(answered)} answered")
    assert len(ESCAPES) >= 40
    assert answered == []


def test_no_answer_or_message_shows_the_servers_paths(con, database):
    """Every probe ends without naming where the app lives (the database file, the home directory)."""
    secret_places = [str(database.parent), str(ROOT), str(Path.home())]
    probes = list(REFUSED) + ESCAPES + ["SELECT * FROM nosuch", "SELECT nosuch FROM documents",
                                        "SELECT list_aggr([1], 'current_setting')"]
    for sql in probes:
        try:
            shown = str(run(con, sql).frame.to_dict())
        except ConsoleError as error:
            shown = error.message + " " + error.detail
        for place in secret_places:
            assert place not in shown, (sql, shown[:300])


def test_the_engine_still_refuses_files_when_the_allow_list_is_bypassed(con, database, tmp_path):
    """Layer 2 alone: statements handed straight to a worker (no check) cannot read files."""
    import duckdb

    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).execute("CREATE TABLE secret AS SELECT 42 AS x").close()
    for sql in ("SELECT * FROM read_text('/etc/hostname')", "SELECT * FROM \"glob\"('/etc/*')",
                "SELECT * FROM '/etc/passwd.csv'", f"SELECT * FROM read_duckdb('{other}')",
                "SELECT * FROM 'http://127.0.0.1:9/x.csv'"):
        with pytest.raises(ConsoleRefused) as error:
            sql_console._run_in_worker(str(database), sql, 5.0, 10)
        assert "外部文件" in error.value.message, (sql, error.value.detail)


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
    assert run(con, "SELECT count(*) AS n FROM documents").frame.n.iloc[0] == len(snapshots.load())


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

    monkeypatch.setenv("GAZETTE_DB", str(database))
    db.reset()
    st.cache_data.clear()
    at = open_app("pages/data.py", page_query={"tab": "SQL 控制台"}, timeout=120)
    yield at
    db.reset()
    st.cache_data.clear()


def submit(at, sql: str, button: str = "运行查询"):
    at.text_area(key="sql_text").set_value(sql)
    next(b for b in at.button if b.label == button).click()
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
    assert at.dataframe[-1].value.iloc[0, 0] == len(snapshots.load())


@pytest.mark.slow
def test_a_result_size_bomb_on_the_page_is_capped_and_the_session_keeps_only_a_ticket(data_page):
    import pickle

    at = submit(data_page, "SELECT repeat('x', 60000) AS s FROM range(5001)")
    warnings = " ".join(w.value for w in at.warning)
    assert "结果超过 8 MB，只显示前" in warnings and "个单元格超过 10,000 个字符" in warnings
    shown = at.dataframe[-1].value
    assert 0 < len(shown) < 5001 and shown.iloc[:, 0].str.len().max() == sql_console.MAX_CELL_CHARS
    kept = at.session_state["sql_outcome"]
    assert set(kept) == {"ticket"}
    assert len(pickle.dumps(kept)) < 200, "the session holds a ticket, not the rows"


@pytest.mark.slow
def test_console_messages_follow_the_language_and_quote_names_as_text(data_page):
    at = submit(data_page, 'SELECT * FROM "[请重新登录](http://evil.example/login) ![t](http://127.0.0.1:9/p.png)"')
    message = at.error[0].value.replace("\u2060", "")  # the invisible joiners that break link literals
    assert message.startswith("不能查询“") and "数据表" in message
    # every bracket and colon of the name is escaped, so Markdown makes no link or image of it
    assert "\\[请重新登录\\]\\(http\\:" in message and "](" not in message.replace("\\](", "")
    at.query_params["lang"] = "en"
    at.session_state["lang"] = "en"
    at.run()
    at = submit(at, "SELECT * FROM duckdb_settings()", "Run query")
    assert at.error[0].value.startswith("duckdb\\_settings\\(\\) cannot be called in FROM")


# ---- the server's memory around a result-size bomb (real server, real browser) ---------------

def server_memory_mb(pid: int) -> tuple[float, float]:
    """(resident now, resident peak) of a process, in MB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


BOMB = "SELECT repeat('x', 60000) AS s FROM range(5001)"


@pytest.mark.slow
@pytest.mark.browser
def test_a_result_size_bomb_leaves_the_servers_memory_where_it_was(database):
    """Issue 13: this query grew the server from 268 MB to a 2.2 GB peak, kept ~300 MB per session and
    showed Streamlit's English MessageSizeError. Two sessions run it; the server's resident memory
    afterwards is within 100 MB of where it was after a normal query."""
    from tests.reliability.conftest import browse, start_app

    console = [{"goto": "/data?tab=SQL 控制台"}]
    # a generous time limit: under load the worker's start-up alone can take seconds, and the
    # memory is what this test is about
    process, url, log = start_app({"GAZETTE_DB": str(database), "GAZETTE_SQL_SECONDS": "60"})
    try:
        warm = browse(url, console + [{"fill": "SQL", "value": "SELECT count(*) AS n FROM documents", "exact": True},
                                      {"click_button": "运行查询"}])
        assert "1 行，用时" in warm[-1]["body"]
        start, _ = server_memory_mb(process.pid)
        seen = []
        for _session in range(2):
            seen += browse(url, console + [{"fill": "SQL", "value": BOMB, "exact": True}, {"click_button": "运行查询"},
                                           {"wait_text": "只显示前"}])
        end, peak = server_memory_mb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=20)
    print(f"server RSS after a normal query {start:.0f} MB; after two sessions ran the bomb {end:.0f} MB "
          f"(+{end - start:.0f} MB); peak over the server's life {peak:.0f} MB")
    after_bomb = [record for record in seen if record["step"].get("wait_text")]
    assert len(after_bomb) == 2
    for record in after_bomb:
        assert not record.get("timed_out"), record["alerts"]
        assert record["exceptions"] == 0
        assert any("结果超过 8 MB，只显示前" in alert for alert in record["alerts"]), record["alerts"]
        assert "MessageSizeError" not in record["body"] and "Message Size" not in record["body"]
    assert end - start < 100
    assert "MessageSizeError" not in log.read_text()
