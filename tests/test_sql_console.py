"""The read-only SQL console: answers questions, refuses everything else, stops runaway queries."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from conftest import RAW, REFERENCE
from loaders.build import build
from store.sql_console import (ROW_CAP, ConsoleRefused, ConsoleTimeout, EXAMPLES, check_statement, open_console,
                               run)

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    """A private build, so helpers rebuilding data/build meanwhile cannot disturb these tests."""
    path = tmp_path_factory.mktemp("console") / "gazette.duckdb"
    build(RAW, path, REFERENCE)
    return path


@pytest.fixture(scope="module")
def con(database):
    connection = open_console(database)
    yield connection
    connection.close()


def refused(con, sql: str) -> str:
    with pytest.raises(ConsoleRefused) as error:
        run(con, sql)
    assert CHINESE.search(error.value.message), error.value.message
    return error.value.message


# ---- answers ---------------------------------------------------------------

def test_counts_the_documents(con):
    result = run(con, "SELECT count(*) AS n FROM documents")
    assert result.frame.n.iloc[0] == 27
    assert not result.truncated


def test_with_query_and_exact_decimals(con):
    result = run(con, """WITH s AS (SELECT source_name, amount_wan FROM fund_by_source)
                         SELECT amount_wan FROM s WHERE source_name = '市级资金'""")
    assert result.frame.amount_wan.iloc[0] == Decimal("32742.01")


def test_examples_all_run(con):
    for name, sql in EXAMPLES.items():
        result = run(con, sql)
        assert list(result.frame.columns), name
    share = run(con, EXAMPLES[next(k for k in EXAMPLES if "市级资金" in k)]).frame.set_index("来源")
    assert share.loc["市级资金", "文件写明占比"] == Decimal("43.68")


def test_row_cap_truncates_with_a_notice(con):
    result = run(con, "SELECT * FROM range(12000)")
    assert len(result.frame) == ROW_CAP and result.truncated
    assert f"{ROW_CAP:,}" in result.notice and CHINESE.search(result.notice)


# ---- refusals: one class each ---------------------------------------------------

def test_refuses_writes(con):
    assert "写入" in refused(con, "INSERT INTO documents (doc_id) VALUES ('x')")
    assert "修改" in refused(con, "UPDATE documents SET title = 'x'")
    assert "删除" in refused(con, "DELETE FROM documents")
    assert run(con, "SELECT count(*) AS n FROM documents").frame.n.iloc[0] == 27


def test_refuses_ddl(con):
    assert "建表" in refused(con, "CREATE TABLE t AS SELECT 1 AS a")
    assert "删除" in refused(con, "DROP TABLE documents")
    assert "结构" in refused(con, "ALTER TABLE documents ADD COLUMN x INTEGER")


def test_refuses_attach(con, tmp_path):
    target = tmp_path / "other.duckdb"
    assert "ATTACH" in refused(con, f"ATTACH '{target}' AS other")
    assert not target.exists()


def test_refuses_copy(con, tmp_path):
    target = tmp_path / "out.csv"
    assert "COPY" in refused(con, f"COPY documents TO '{target}'")
    assert "COPY" in refused(con, f"COPY documents FROM '{target}'")
    assert not target.exists()


def test_refuses_read_csv_of_any_path(con, database):
    assert "read_csv" in refused(con, "SELECT * FROM read_csv('/etc/passwd')")
    assert "read_csv_auto" in refused(con, f"SELECT * FROM read_csv_auto('{RAW / 'MANIFEST.csv'}')")


def test_refuses_read_text(con):
    assert "read_text" in refused(con, "SELECT content FROM read_text('/etc/hostname')")


def test_refuses_read_parquet(con):
    assert "read_parquet" in refused(con, "SELECT * FROM read_parquet('/tmp/*.parquet')")


def test_refuses_install(con):
    assert "扩展" in refused(con, "INSTALL fts")


def test_refuses_load(con):
    assert "扩展" in refused(con, "LOAD fts")


def test_refuses_pragma(con):
    assert "PRAGMA" in refused(con, "PRAGMA database_list")


def test_refuses_set(con):
    assert "设置" in refused(con, "SET enable_external_access = true")
    assert "设置" in refused(con, "RESET lock_configuration")


def test_refuses_several_statements(con):
    assert "一条" in refused(con, "SELECT 1; DROP TABLE documents")


def test_engine_refuses_file_access_that_passes_the_name_check(con):
    # A quoted function name and a bare file path slip past the text check; the engine still says no.
    assert "外部文件" in refused(con, """SELECT * FROM "read_csv"('/etc/passwd')""")
    assert "外部文件" in refused(con, f"SELECT * FROM '{RAW / 'MANIFEST.csv'}'")


def test_engine_settings_hold_even_without_the_statement_check(con, tmp_path):
    cursor = con.cursor()
    with pytest.raises(duckdb.Error):
        cursor.execute("SET enable_external_access = true")
    with pytest.raises(duckdb.Error):
        cursor.execute("SET lock_configuration = false")
    with pytest.raises(duckdb.PermissionException):
        cursor.execute(f"COPY (SELECT 1) TO '{tmp_path / 'x.csv'}'")
    with pytest.raises(duckdb.PermissionException):
        cursor.execute("SELECT * FROM read_text('/etc/hostname')")
    with pytest.raises(duckdb.Error):
        cursor.execute("USE gazette")
        cursor.execute("CREATE TABLE gazette.t (a INTEGER)")
    assert not (tmp_path / "x.csv").exists()


def test_console_settings_do_not_leak_into_the_apps_connection(con, database):
    app = duckdb.connect(str(database), read_only=True)
    try:
        assert app.execute("SELECT current_setting('enable_external_access')").fetchall() == [(True,)]
    finally:
        app.close()


def test_runaway_cross_join_is_interrupted(con):
    with pytest.raises(ConsoleTimeout) as error:
        run(con, "SELECT count(*) FROM range(1000000000) a, range(1000000000) b WHERE a.range + b.range = 7",
            limit_seconds=1)
    assert "中止" in error.value.message
    assert run(con, "SELECT 1 AS ok").frame.ok.iloc[0] == 1, "the console still answers afterwards"


def test_errors_are_explained_in_chinese(con):
    from store.sql_console import ConsoleError

    for sql in ("SELEC 1", "SELECT nosuch FROM documents", "SELECT * FROM nosuch_table", ""):
        with pytest.raises(ConsoleError) as error:
            run(con, sql)
        assert CHINESE.search(error.value.message)


def test_check_statement_accepts_the_read_only_forms(con):
    for sql in ("SELECT 1", "WITH a AS (SELECT 1) SELECT * FROM a", "FROM documents", "DESCRIBE documents",
                "SELECT 1; ", "-- note\nSELECT 2"):
        assert check_statement(con, sql)
