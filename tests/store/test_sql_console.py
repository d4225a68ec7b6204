"""The read-only SQL console: answers questions, refuses everything else, stops runaway queries."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from store import sql_console
from store.sql_console import (
    EXAMPLES,
    MAX_CELL_CHARS,
    MAX_RESULT_BYTES,
    ROW_CAP,
    ConsoleError,
    ConsoleRefused,
    ConsoleTimeout,
    check_statement,
    open_console,
    run,
)
from tests import snapshots
from tests.conftest import RAW

CHINESE = re.compile(r"[\u4e00-\u9fff]")


# `database` (tests/conftest.py): a private build, so helpers rebuilding data/build cannot disturb these tests.


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
    assert result.frame.n.iloc[0] == len(snapshots.load())
    assert not result.truncated


def test_with_query_and_exact_decimals(con):
    result = run(con, """WITH s AS (SELECT source_name, amount_wan FROM fund_by_source)
                         SELECT amount_wan FROM s WHERE source_name = '市级资金'""")
    assert result.frame.amount_wan.iloc[0] == snapshots.value("fund_by_source", "amount_wan", source_name="市级资金")
    assert isinstance(result.frame.amount_wan.iloc[0], Decimal)


def test_examples_all_run(con):
    for name, sql in EXAMPLES.items():
        result = run(con, sql)
        assert list(result.frame.columns), name
    share = run(con, EXAMPLES[next(k for k in EXAMPLES if "市级资金" in k)]).frame.set_index("来源")
    assert share.loc["市级资金", "文件写明占比"] == snapshots.value("fund_by_source", "share_pct_stated", source_name="市级资金")


def test_row_cap_truncates_with_a_notice(con):
    result = run(con, "SELECT * FROM range(12000)")
    assert len(result.frame) == ROW_CAP and result.truncated
    assert f"{ROW_CAP:,}" in result.notice and CHINESE.search(result.notice)


# ---- refusals: one class each ---------------------------------------------------

def test_refuses_writes(con):
    assert "写入" in refused(con, "INSERT INTO documents (doc_id) VALUES ('x')")
    assert "修改" in refused(con, "UPDATE documents SET title = 'x'")
    assert "删除" in refused(con, "DELETE FROM documents")
    assert run(con, "SELECT count(*) AS n FROM documents").frame.n.iloc[0] == len(snapshots.load())


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


def test_quoted_names_and_file_paths_are_refused_before_running(con):
    # A quoted function name and a bare file path are names like any other: not on the allow-list.
    assert "read_csv()" in refused(con, """SELECT * FROM "read_csv"('/etc/passwd')""")
    assert "数据表" in refused(con, f"SELECT * FROM '{RAW / 'MANIFEST.csv'}'")


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


def test_check_statement_accepts_ordinary_analysis(con):
    for sql in ("SELECT * FROM gazette.main.documents", "SELECT * FROM gazette.documents", "SHOW documents",
                "SUMMARIZE fund_by_source", "SELECT title LIKE '%医保%', title GLOB '*方案*' FROM Documents",
                "SELECT row_number() OVER (ORDER BY doc_id), sum(1) OVER () FROM documents QUALIFY true",
                "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r",
                "WITH a AS (SELECT 1 AS x), b AS (SELECT * FROM a) SELECT * FROM b",
                "SELECT [1, 2][1], {'a': 1}.a, list_transform([1], x -> x + 1), INTERVAL 1 DAY, current_date",
                "SELECT * FROM documents d JOIN data_quality q USING (doc_id) WHERE q.severity = 'warn'",
                "SELECT * FROM documents UNPIVOT (v FOR k IN (title, issuer))", "SELECT * FROM unnest([1, 2])",
                "SELECT CAST(amount_wan AS DOUBLE), amount_wan::DECIMAL(18, 2) FROM fund_by_source",
                "SELECT COLUMNS('doc.*') FROM documents", "SELECT * EXCLUDE (title) FROM documents"):
        assert check_statement(con, sql), sql


# ---- the allow-list itself ---------------------------------------------------------------------

def duckdb_functions() -> dict[str, set[str]]:
    con = duckdb.connect()
    try:
        rows = con.execute("SELECT function_name, function_type FROM duckdb_functions()").fetchall()
    finally:
        con.close()
    kinds: dict[str, set[str]] = {}
    for name, kind in rows:
        kinds.setdefault(name.lower(), set()).add(kind)
    return kinds


def test_every_allowed_function_is_an_ordinary_function_of_this_duckdb():
    kinds = duckdb_functions()
    unknown = sorted(n for n in sql_console.ALLOWED_FUNCTIONS if n not in kinds)
    assert not unknown, f"not functions of DuckDB {duckdb.__version__}: {unknown}"
    for name in sql_console.ALLOWED_FUNCTIONS - {"unnest"}:  # unnest() in a SELECT list is bound by the binder itself
        assert kinds[name] & {"scalar", "aggregate", "macro", "window"}, name
    for name in sql_console.ALLOWED_TABLE_FUNCTIONS:
        assert "table" in kinds[name], name
    for name in ("current_setting", "getvariable", "json_execute_serialized_sql", "json_serialize_plan", "query",
                 "read_text", "glob", "version", "sleep_ms", "write_log", "error", "nextval", "current_database"):
        assert name not in sql_console.ALLOWED_FUNCTIONS | sql_console.ALLOWED_TABLE_FUNCTIONS, name


def test_bare_names_duckdb_binds_to_functions_are_refused_or_harmless(con):
    """`SELECT current_catalog` calls a function although it parses as a column: every such name of this
    DuckDB is refused (current_date, a date, stays allowed). A DuckDB upgrade adding one fails here."""
    probe = duckdb.connect()
    try:
        names = [r[0] for r in probe.execute("SELECT DISTINCT function_name FROM duckdb_functions() "
                                             "WHERE function_type IN ('scalar', 'macro')").fetchall()]
        bound = []
        for name in names:
            try:
                probe.execute('SELECT "' + name.replace('"', '""') + '"').fetchall()
                bound.append(name)
            except duckdb.Error:
                pass
    finally:
        probe.close()
    assert "current_catalog" in bound
    for name in bound:
        if name != "current_date":
            assert name + "()" in refused(con, f'SELECT "{name}"'), name


def test_tables_come_from_the_catalog(con, database):
    direct = duckdb.connect(str(database), read_only=True)
    try:
        names = {r[0] for r in direct.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    finally:
        direct.close()
    assert sql_console.curated_tables(con) == names and "documents" in names


def test_every_console_message_has_english():
    """Each msgid the console can raise or show (the Chinese literal it is built from) has an English text."""
    import ast

    from ui import i18n

    tree = ast.parse((Path(sql_console.__file__)).read_text(encoding="utf-8"))
    for node in ast.walk(tree):  # N_("…") marks a msgid for extraction: read the literal inside it
        for field, value in ast.iter_fields(node):
            unwrap = lambda v: v.args[0] if isinstance(v, ast.Call) and getattr(v.func, "id", "") == "N_" else v  # noqa: E731
            if isinstance(value, list):
                setattr(node, field, [unwrap(v) for v in value])
            elif isinstance(value, ast.AST):
                setattr(node, field, unwrap(value))
    msgids = set(sql_console._REFUSALS.values()) | {sql_console.OTHER_STATEMENT, sql_console.TIMEOUT,
                                                    sql_console.OVER_LIMITS}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("ConsoleError", "ConsoleRefused",
                                                                           "ConsoleTimeout") and node.args \
                and isinstance(node.args[0], ast.Constant):
            msgids.add(node.args[0].value)
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "function" and len(node.args) == 3:
            msgids.add(node.args[2].value)
        if isinstance(node, ast.Tuple) and node.elts and isinstance(node.elts[0], ast.Constant) \
                and isinstance(node.elts[0].value, str) and "{" in node.elts[0].value:
            msgids.add(node.elts[0].value)  # the notices of a result
    assert len(msgids) > 40
    missing = sorted(m for m in msgids if not i18n.has_translation(m))
    assert not missing, missing


# ---- bytes and cells --------------------------------------------------------------------------

def test_a_result_size_bomb_comes_back_capped_in_bytes_and_per_cell(con):
    result = run(con, "SELECT repeat('x', 60000) AS s FROM range(5001)")
    assert result.bytes_capped and not result.complete
    assert 0 < len(result.frame) < ROW_CAP
    assert result.nbytes <= MAX_RESULT_BYTES
    assert result.frame.s.str.len().max() == MAX_CELL_CHARS
    assert result.cut_cells == len(result.frame)
    assert "8 MB" in result.notice and f"{MAX_CELL_CHARS:,} 个字符" in result.notice


def test_long_cells_are_cut_and_counted_short_ones_kept(con):
    result = run(con, "SELECT CASE WHEN i % 2 = 0 THEN repeat('长', 20000) ELSE 'short' END AS s, "
                      "repeat('x', 12000)::BLOB AS b FROM range(4) t(i)")
    assert result.frame.s.tolist()[1::2] == ["short", "short"]
    assert [len(v) for v in result.frame.s[::2]] == [MAX_CELL_CHARS] * 2
    assert {len(v) for v in result.frame.b} == {MAX_CELL_CHARS}
    assert result.cut_cells == 2 + 4 and not result.bytes_capped and not result.truncated
    assert "6 个单元格" in result.notice


def test_a_first_row_too_big_to_show_is_an_error_not_an_empty_table(con):
    with pytest.raises(ConsoleError) as error:
        run(con, "SELECT range(2000000) AS l")  # one 16 MB list
    assert "第一行" in error.value.message


def test_an_ordinary_query_is_complete(con):
    result = run(con, "SELECT * FROM search_passages")
    assert result.complete and not result.bytes_capped and result.cut_cells == 0
    assert "行，用时" in result.notice


def test_the_shelf_keeps_the_latest_results_within_its_bytes(con):
    from store.sql_console import _Shelf

    shelf = _Shelf(max_bytes=3 * 2**20, max_entries=10)
    big = run(con, "SELECT repeat('x', 1000) AS s FROM range(1000)")  # ~1 MB
    tickets = [shelf.put(big) for _ in range(5)]
    assert shelf.nbytes <= 3 * 2**20 and len(shelf) < 5
    assert shelf.get(tickets[-1]) is big and shelf.get(tickets[0]) is None
    small = run(con, "SELECT 1 AS n")
    many = [shelf.put(small) for _ in range(20)]
    assert len(shelf) == 10 and shelf.get(many[-1]) is small and shelf.get(many[0]) is None
