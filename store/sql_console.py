"""A read-only SQL console over the curated tables, safe for anyone to type into.

Three layers, each enough on its own for the common cases:
1. An allow-list decided on DuckDB's own parse, before anything runs. The text must be exactly
   one SELECT statement (WITH …, FROM-first, VALUES, DESCRIBE and SUMMARIZE all parse as
   SELECT). Its parse tree — `json_serialize_sql(?)`, the text bound as a parameter so it is
   never executed — is walked node by node: every table it names must be a curated table of
   the attached database (read from the catalog) or a CTE in scope, every function must be on
   a whitelist of ordinary scalar, aggregate and window functions (ALLOWED_FUNCTIONS), every
   table function one of ALLOWED_TABLE_FUNCTIONS (range, generate_series, unnest), and every
   node of a kind this module knows. Anything else — file readers, duckdb_* and pragma_*
   functions, current_setting(), query(), json_execute_serialized_sql(), a quoted file path,
   a node type a newer DuckDB adds — is refused. Names inside string literals stay literals:
   they are never looked up, so `query('SELECT …')` is refused for calling query(), not for
   what its string says.
2. The engine: the curated file is attached READ_ONLY into a private in-memory DuckDB
   instance, then `enable_external_access=false` (no files, no ATTACH, no COPY, no
   INSTALL/LOAD) and `lock_configuration=true` (no SET can undo it).
3. A separate worker process per query, killed when it overruns: DuckDB's memory_limit
   governs only its buffer manager, and a list or string built by one expression
   (`SELECT len(range(1000000000))`) grew the app's own process past 10 GB while ignoring
   `interrupt()`. The worker runs with an address-space limit (RLIMIT_AS), two threads and
   a bounded spill folder of its own; it interrupts itself after LIMIT_SECONDS and is
   SIGKILLed if still running STARTUP_SECONDS later. At most MAX_WORKERS run at once.
   What comes back is bounded in rows (ROW_CAP, pushed into the plan as a LIMIT), in bytes
   (MAX_RESULT_BYTES of Arrow data; rows past it are dropped with a notice) and per text cell
   (MAX_CELL_CHARS; longer cells are cut with a notice). The worker streams the result in
   batches and stops reading at the caps, so a result-size bomb
   (`SELECT repeat('x', 60000) FROM range(5001)`) never reaches the app in full.

Results are kept for the page in one bounded shelf per process (`remember`/`recall`), not in
each session: a session holds only a ticket.

Messages are Chinese msgids with values (`ConsoleError.msgid`, `.values`); the page shows them
through ui.i18n.t(), which has their English.

Why a private instance and not a second `duckdb.connect(path, read_only=True)`: DuckDB
shares one database instance per file within a process, so SET statements on a second
connection would also lock down the app's own connection (store.db), and a
connection with a different config to the same file is refused outright.
"""
from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from textkit.msg import N_

if TYPE_CHECKING:  # the worker process imports this module too: keep its start-up light
    import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
# seconds a query may run; GAZETTE_SQL_SECONDS raises it for slow machines (and for tests under load)
LIMIT_SECONDS = float(os.environ.get("GAZETTE_SQL_SECONDS", "5"))
ROW_CAP = 5_000
MAX_RESULT_BYTES = 8 * 1024 ** 2         # Arrow bytes of one result; rows past it are dropped with a notice
MAX_CELL_CHARS = 10_000                  # characters (bytes for BLOBs) shown per text cell; longer ones are cut
BATCH_ROWS = 256                         # rows per batch the worker reads (bounds its overshoot past the caps)
MEMORY_LIMIT = "1GB"                     # DuckDB's buffer manager
SPILL_LIMIT = "2GB"                      # disk a worker may spill to, in its own temporary folder
WORKER_ADDRESS_SPACE = 3 * 1024 ** 3     # the worker's whole address space: lists and strings live outside the buffer manager
WORKER_THREADS = 2
STARTUP_SECONDS = 5.0                    # allowance for starting the worker; past limit + this it is killed
MAX_WORKERS = 2
MAX_SQL_CHARS = 20_000
SHELF_BYTES = 3 * MAX_RESULT_BYTES       # results kept for every session of the process together
SHELF_ENTRIES = 16
CATALOG = "gazette"

# ---- what a query may use ------------------------------------------------------------------

# Ordinary scalar, aggregate and window functions, and the operators DuckDB's parser turns into
# functions (LIKE is ~~, GLOB ~~~, SIMILAR TO regexp_full_match, INTERVAL '1 day' to_days …).
# Deliberately absent: anything that reads files, shows or changes settings or state
# (current_setting, getvariable, nextval, setseed, version, current_database …), runs or
# plans SQL from a string (json_execute_serialized_sql, json_serialize_plan …), sleeps, logs,
# raises errors, or is internal (__internal_*, stats, vector_type …).
ALLOWED_FUNCTIONS = frozenset(["+", "-", "*", "/", "//", "%", "^", "**", "@", "&", "|", "~", "<<", ">>", "||", "->>", "@>", "<@", "&&", "^@", "<->", "~~", "!~~", "~~*", "!~~*", "~~~", "like_escape", "not_like_escape", "ilike_escape", "not_ilike_escape", "abs", "acos", "acosh", "add", "asin", "asinh", "atan", "atan2", "atanh", "bit_count", "cbrt", "ceil", "ceiling", "cos", "cosh", "cot", "degrees", "divide", "even", "exp", "factorial", "floor", "gamma", "gcd", "greatest", "greatest_common_divisor", "isfinite", "isinf", "isnan", "lcm", "least", "least_common_multiple", "lgamma", "ln", "log", "log10", "log2", "mod", "multiply", "nextafter", "pi", "pow", "power", "radians", "random", "round", "round_even", "roundbankers", "sign", "signbit", "sin", "sinh", "sqrt", "subtract", "tan", "tanh", "trunc", "xor", "fdiv", "fmod", "equi_width_bins", "bar", "format_bytes", "formatReadableDecimalSize", "formatReadableSize", "parse_formatted_bytes", "ascii", "bit_length", "char_length", "character_length", "chr", "concat", "concat_ws", "contains", "damerau_levenshtein", "editdist3", "ends_with", "format", "hamming", "instr", "jaccard", "jaro_similarity", "jaro_winkler_similarity", "lcase", "left", "left_grapheme", "len", "length", "length_grapheme", "levenshtein", "lower", "lpad", "ltrim", "md5", "md5_number", "md5_number_lower", "md5_number_upper", "mismatches", "nfc_normalize", "octet_length", "ord", "overlay", "position", "prefix", "printf", "regexp_escape", "regexp_extract", "regexp_extract_all", "regexp_full_match", "regexp_matches", "regexp_replace", "regexp_split_to_array", "repeat", "replace", "reverse", "right", "right_grapheme", "rpad", "rtrim", "sha1", "sha256", "split", "split_part", "starts_with", "str_split", "str_split_regex", "strip_accents", "strlen", "strpos", "string_split", "string_split_regex", "string_to_array", "substr", "substring", "substring_grapheme", "suffix", "translate", "trim", "ucase", "unicode", "upper", "url_decode", "url_encode", "base64", "to_base64", "from_base64", "hex", "to_hex", "from_hex", "unhex", "bin", "to_binary", "from_binary", "unbin", "to_base", "encode", "decode", "hash", "get_bit", "set_bit", "bit_position", "bitstring", "age", "century", "current_date", "date_add", "date_diff", "date_part", "date_sub", "date_trunc", "datediff", "datepart", "datesub", "datetrunc", "day", "dayname", "dayofmonth", "dayofweek", "dayofyear", "days_in_month", "decade", "epoch", "epoch_ms", "epoch_ns", "epoch_us", "era", "get_current_time", "get_current_timestamp", "hour", "isodow", "isoyear", "julian", "last_day", "make_date", "make_time", "make_timestamp", "make_timestamp_ms", "make_timestamp_ns", "make_timestamptz", "microsecond", "millennium", "millisecond", "minute", "month", "monthname", "nanosecond", "normalized_interval", "now", "quarter", "second", "strftime", "strptime", "time_bucket", "timezone", "timezone_hour", "timezone_minute", "to_centuries", "to_days", "to_decades", "to_hours", "to_microseconds", "to_millennia", "to_milliseconds", "to_minutes", "to_months", "to_quarters", "to_seconds", "to_timestamp", "to_weeks", "to_years", "today", "transaction_timestamp", "try_strptime", "week", "weekday", "weekofyear", "year", "yearweek", "ago", "array_aggr", "array_aggregate", "array_append", "array_apply", "array_cat", "array_concat", "array_contains", "array_cosine_distance", "array_cosine_similarity", "array_cross_product", "array_distance", "array_distinct", "array_dot_product", "array_extract", "array_filter", "array_grade_up", "array_has", "array_has_all", "array_has_any", "array_indexof", "array_inner_product", "array_intersect", "array_length", "array_negative_dot_product", "array_negative_inner_product", "array_pop_back", "array_pop_front", "array_position", "array_prepend", "array_push_back", "array_push_front", "array_reduce", "array_resize", "array_reverse", "array_reverse_sort", "array_select", "array_slice", "array_sort", "array_to_string", "array_transform", "array_unique", "array_value", "array_where", "array_zip", "cardinality", "element_at", "flatten", "generate_series", "generate_subscripts", "grade_up", "list_aggr", "list_aggregate", "list_any_value", "list_append", "list_apply", "list_approx_count_distinct", "list_avg", "list_bit_and", "list_bit_or", "list_bit_xor", "list_bool_and", "list_bool_or", "list_cat", "list_concat", "list_contains", "list_cosine_distance", "list_cosine_similarity", "list_count", "list_distance", "list_distinct", "list_dot_product", "list_element", "list_entropy", "list_extract", "list_filter", "list_first", "list_grade_up", "list_has", "list_has_all", "list_has_any", "list_histogram", "list_indexof", "list_inner_product", "list_intersect", "list_kurtosis", "list_kurtosis_pop", "list_last", "list_mad", "list_max", "list_median", "list_min", "list_mode", "list_negative_dot_product", "list_negative_inner_product", "list_pack", "list_position", "list_prepend", "list_product", "list_reduce", "list_resize", "list_reverse", "list_reverse_sort", "list_select", "list_sem", "list_skewness", "list_slice", "list_sort", "list_stddev_pop", "list_stddev_samp", "list_string_agg", "list_sum", "list_transform", "list_unique", "list_value", "list_var_pop", "list_var_samp", "list_where", "list_zip", "range", "reduce", "apply", "filter", "aggregate", "unnest", "map", "map_concat", "map_contains", "map_contains_entry", "map_contains_value", "map_entries", "map_extract", "map_extract_value", "map_from_entries", "map_keys", "map_values", "row", "struct_concat", "struct_contains", "struct_extract", "struct_extract_at", "struct_has", "struct_indexof", "struct_insert", "struct_keys", "struct_pack", "struct_position", "struct_update", "struct_values", "union_extract", "union_tag", "union_value", "json", "json_array", "json_array_length", "json_contains", "json_exists", "json_extract", "json_extract_path", "json_extract_path_text", "json_extract_string", "json_keys", "json_merge_patch", "json_object", "json_pretty", "json_quote", "json_structure", "json_transform", "json_transform_strict", "json_type", "json_valid", "json_value", "from_json", "from_json_strict", "to_json", "array_to_json", "row_to_json", "json_group_array", "json_group_object", "json_group_structure", "if", "nullif", "typeof", "pg_typeof", "gen_random_uuid", "uuid", "uuidv4", "uuidv7", "any_value", "approx_count_distinct", "approx_quantile", "approx_top_k", "arbitrary", "arg_max", "arg_max_null", "arg_max_nulls_last", "arg_min", "arg_min_null", "arg_min_nulls_last", "argmax", "argmin", "array_agg", "avg", "bit_and", "bit_or", "bit_xor", "bitstring_agg", "bool_and", "bool_or", "corr", "count", "count_if", "count_star", "countif", "covar_pop", "covar_samp", "entropy", "favg", "first", "fsum", "geomean", "geometric_mean", "group_concat", "histogram", "histogram_exact", "kahan_sum", "kurtosis", "kurtosis_pop", "last", "list", "listagg", "mad", "max", "max_by", "mean", "median", "min", "min_by", "mode", "product", "quantile", "quantile_cont", "quantile_disc", "regr_avgx", "regr_avgy", "regr_count", "regr_intercept", "regr_r2", "regr_slope", "regr_sxx", "regr_sxy", "regr_syy", "reservoir_quantile", "sem", "skewness", "stddev", "stddev_pop", "stddev_samp", "string_agg", "sum", "sumkahan", "var_pop", "var_samp", "variance", "wavg", "weighted_avg", "cume_dist", "dense_rank", "fill", "first_value", "lag", "last_value", "lead", "nth_value", "ntile", "percent_rank", "rank", "rank_dense", "row_number"])
# Table functions that only make rows from their arguments (no catalog, file or setting).
ALLOWED_FUNCTIONS = frozenset(name.lower() for name in ALLOWED_FUNCTIONS)  # names are case-insensitive
ALLOWED_TABLE_FUNCTIONS = frozenset({"range", "generate_series", "unnest"})
# Expression node classes of DuckDB's parse tree a query may contain (FUNCTION and WINDOW names
# are checked against ALLOWED_FUNCTIONS).
_EXPRESSIONS = frozenset({"BETWEEN", "CASE", "CAST", "COLLATE", "COLUMN_REF", "COMPARISON", "CONJUNCTION",
                          "CONSTANT", "FUNCTION", "LAMBDA", "OPERATOR", "POSITIONAL_REFERENCE", "STAR",
                          "SUBQUERY", "TYPE", "WINDOW"})
# Bare names DuckDB binds to a function when no column has them (SELECT current_catalog). None of
# the curated tables has a column of these names; current_date stays allowed.
_NAMES_BOUND_AS_FUNCTIONS = frozenset({"user", "session_user", "current_user", "current_role", "current_schema",
                                       "current_catalog"})
_QUERY_NODES = frozenset({"SELECT_NODE", "SET_OPERATION_NODE", "RECURSIVE_CTE_NODE", "CTE_NODE"})
_TABLE_REFS = frozenset({"BASE_TABLE", "EMPTY", "EXPRESSION_LIST", "JOIN", "PIVOT", "SHOW_REF", "SUBQUERY",
                         "TABLE_FUNCTION"})
_SHOW_KINDS = frozenset({"DESCRIBE", "SUMMARY", "SHOW"})

_REFUSALS: dict[str, str] = {
    "INSERT": N_("只读控制台不能写入数据（INSERT）。"),
    "UPDATE": N_("只读控制台不能修改数据（UPDATE）。"),
    "DELETE": N_("只读控制台不能删除数据（DELETE）。"),
    "CREATE": N_("只读控制台不能建表、建视图或建函数（CREATE 等 DDL 语句）。"),
    "DROP": N_("只读控制台不能删除表或其他对象（DROP 等 DDL 语句）。"),
    "ALTER": N_("只读控制台不能修改表结构（ALTER 等 DDL 语句）。"),
    "ATTACH": N_("控制台不能挂载其他数据库（ATTACH）。"),
    "DETACH": N_("控制台不能卸载数据库（DETACH）。"),
    "COPY": N_("控制台不能导入或导出文件（COPY）。请用“数据表下载”获取 CSV、Excel 或 Parquet。"),
    "EXPORT": N_("控制台不能导出数据库（EXPORT）。请用“数据表下载”。"),
    "LOAD": N_("控制台不能安装或加载扩展（INSTALL / LOAD）。"),
    "PRAGMA": N_("控制台不能执行 PRAGMA 语句。表结构请看上方的数据字典，或用 DESCRIBE 表名。"),
    "SET": N_("控制台不能修改设置（SET / RESET / USE）。"),
    "CALL": N_("控制台不能执行 CALL 语句。"),
    "TRANSACTION": N_("控制台不需要事务语句（BEGIN / COMMIT / ROLLBACK）。"),
    "VACUUM": N_("只读控制台不能执行 VACUUM / CHECKPOINT。"),
    "ANALYZE": N_("只读控制台不能执行 ANALYZE。"),
}
OTHER_STATEMENT = N_("只允许一条 SELECT（或 WITH … SELECT）查询，收到的是 {kind} 语句。")
TIMEOUT = N_("查询超过 {seconds:g} 秒，已中止。请缩小范围：加上 WHERE 条件、避免没有连接条件的多表连接。")
OVER_LIMITS = N_("查询所需内存或计算量超过上限，已中止。请缩小范围。")

# The SQL is marked too: English mode shows English column aliases (values such as '牵头' stay).
EXAMPLES: dict[str, str] = {
    N_("涉农资金：各来源金额与占比（市级资金占多少）"): N_("""\
SELECT source_name AS 来源, amount_wan AS 金额_万元,
       share_pct_stated AS 文件写明占比,
       round(100 * amount_wan / sum(amount_wan) OVER (), 2) AS 计算占比
FROM fund_by_source
ORDER BY amount_wan DESC"""),
    N_("通户道路：各镇街列出的村数"): N_("""\
SELECT town_name AS 镇街, count(*) AS 村数
FROM road_villages
GROUP BY town_name
ORDER BY 村数 DESC"""),
    N_("专项整治：各部门牵头 / 责任 / 配合的任务数"): N_("""\
SELECT unit AS 单位,
       count(*) FILTER (WHERE role = '牵头') AS 牵头,
       count(*) FILTER (WHERE role = '责任') AS 责任,
       count(*) FILTER (WHERE role = '配合') AS 配合,
       count(*) AS 合计
FROM campaign_task_units
GROUP BY unit
ORDER BY 合计 DESC
LIMIT 20"""),
    N_("文件：每份公报的文件数与原文行数"): N_("""\
SELECT bulletin AS 公报, count(*) AS 文件数,
       sum(last_line - first_line + 1) AS 原文行数
FROM documents
GROUP BY bulletin"""),
    N_("数据核对：按严重程度与模块计数"): N_("""\
SELECT split_part(check_id, '.', 1) AS 模块, severity AS 结果, count(*) AS 项数
FROM data_quality
GROUP BY ALL
ORDER BY 模块, 结果"""),
}


class ConsoleError(Exception):
    """A refusal or a failed query: `msgid` (Chinese, the key of its English in ui.i18n) and the
    values it is formatted with; `message` is the Chinese text."""

    kind = "error"

    def __init__(self, msgid: str, detail: str = "", **values):
        self.msgid, self.values, self.detail = msgid, values, detail
        self.message = msgid.format(**values) if values else msgid
        super().__init__(self.message)


class ConsoleRefused(ConsoleError):
    kind = "refused"


class ConsoleTimeout(ConsoleError):
    kind = "timeout"


@dataclass(frozen=True)
class ConsoleResult:
    frame: pd.DataFrame
    truncated: bool              # more rows than row_cap
    seconds: float
    row_cap: int
    bytes_capped: bool = False   # rows dropped to stay within MAX_RESULT_BYTES
    cut_cells: int = 0           # text cells shortened to MAX_CELL_CHARS
    nbytes: int = 0              # Arrow bytes of what came back

    @property
    def notices(self) -> list[tuple[str, dict]]:
        """(msgid, values) of what the user should know about this result, most important first."""
        out: list[tuple[str, dict]] = []
        if self.bytes_capped:
            out.append((N_("结果超过 {mb} MB，只显示前 {rows:,} 行（{seconds:.2f} 秒）。请少选几列、加上 WHERE 条件或聚合。"),
                        {"mb": MAX_RESULT_BYTES // 1024 ** 2, "rows": len(self.frame), "seconds": self.seconds}))
        elif self.truncated:
            out.append((N_("结果超过 {cap:,} 行，只显示前 {cap:,} 行（{seconds:.2f} 秒）。请加上 WHERE 条件或聚合。"),
                        {"cap": self.row_cap, "seconds": self.seconds}))
        else:
            out.append((N_("{rows:,} 行，用时 {seconds:.2f} 秒"), {"rows": len(self.frame), "seconds": self.seconds}))
        if self.cut_cells:
            out.append((N_("{n:,} 个单元格超过 {chars:,} 个字符，只显示前 {chars:,} 个字符。"),
                        {"n": self.cut_cells, "chars": MAX_CELL_CHARS}))
        return out

    @property
    def complete(self) -> bool:
        return not (self.truncated or self.bytes_capped or self.cut_cells)

    @property
    def notice(self) -> str:
        """The notices in Chinese."""
        return "".join(msgid.format(**values) for msgid, values in self.notices)


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


def curated_tables(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """Lower-case names of the tables and views of the attached curated database, from its catalog."""
    cursor = con.cursor()
    try:
        rows = cursor.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = ? AND schema_name = 'main' "
            "UNION SELECT view_name FROM duckdb_views() WHERE database_name = ? AND schema_name = 'main' "
            "AND NOT internal", [CATALOG, CATALOG]).fetchall()
    finally:
        cursor.close()
    return frozenset(name.lower() for (name,) in rows)


def check_statement(con: duckdb.DuckDBPyConnection, sql: str) -> str:
    """The statement to run, or ConsoleRefused before anything executes."""
    text = sql.strip()
    if not text:
        raise ConsoleRefused(N_("请输入一条 SELECT 查询。"))
    if len(text) > MAX_SQL_CHARS:
        raise ConsoleRefused(N_("查询太长（{chars:,} 个字符，上限 {limit:,}）。"), chars=len(text), limit=MAX_SQL_CHARS)
    cursor = con.cursor()  # the app shares one console connection between sessions: a cursor per check
    try:
        try:
            statements = cursor.extract_statements(text)
        except duckdb.Error as exc:
            raise ConsoleError(N_("SQL 语法错误，请检查拼写、括号和引号。"), _first_line(exc)) from exc
        if not statements:
            raise ConsoleRefused(N_("没有可执行的语句（只有注释？）。"))
        if len(statements) > 1:
            raise ConsoleRefused(N_("一次只能运行一条查询，这里有 {n} 条（用分号隔开）。"), n=len(statements))
        kind = statements[0].type.name
        if kind != "SELECT":
            if kind in _REFUSALS:
                raise ConsoleRefused(_REFUSALS[kind])
            raise ConsoleRefused(OTHER_STATEMENT, kind=kind)
        # Parsed, never executed: the text is a bound parameter of json_serialize_sql.
        row = cursor.execute("SELECT json_serialize_sql(?)", [text]).fetchone()
        assert row is not None  # a scalar SELECT returns one row
        serialized = row[0]
    finally:
        cursor.close()
    try:
        tree = json.loads(serialized)
        if tree.get("error"):
            if tree.get("error_type") == "parser":
                raise ConsoleError("SQL 语法错误，请检查拼写、括号和引号。", str(tree.get("error_message", "")))
            raise ConsoleRefused(N_("控制台不支持这种写法（{what}）。只能运行一条普通的 SELECT 查询。"),
                                 str(tree.get("error_message", "")), what="PIVOT 等")
        if len(tree["statements"]) != 1:
            raise ConsoleRefused("一次只能运行一条查询，这里有 {n} 条（用分号隔开）。", n=len(tree["statements"]))
        _Allow(curated_tables(con)).query(tree["statements"][0]["node"], frozenset())
    except RecursionError:
        raise ConsoleRefused(N_("查询嵌套层数太多，请简化。")) from None
    return text


class _Allow:
    """Walks one statement's parse tree and raises ConsoleRefused at the first thing not allowed."""

    def __init__(self, tables: frozenset[str]):
        self.tables = tables

    # Query nodes carry CTEs: a CTE's name is in scope in the CTEs after it, in its own body
    # only when it is recursive, and in the node's body; a reference out of scope is a table
    # name and must be a curated table.
    def query(self, node: dict, scope: frozenset[str]) -> None:
        kind = node.get("type")
        if kind not in _QUERY_NODES:
            raise ConsoleRefused("控制台不支持这种写法（{what}）。只能运行一条普通的 SELECT 查询。", what=str(kind))
        names = set(scope)
        for entry in (node.get("cte_map") or {}).get("map", []):
            name, body = str(entry["key"]).lower(), entry["value"]["query_node"]
            self.query(body, frozenset(names | ({name} if body.get("type") == "RECURSIVE_CTE_NODE" else set())))
            self.any({k: v for k, v in entry["value"].items() if k != "query_node"}, frozenset(names))
            names.add(name)
        inner = frozenset(names | ({str(node["cte_name"]).lower()} if kind == "RECURSIVE_CTE_NODE" else set()))
        self.any({k: v for k, v in node.items() if k != "cte_map"}, inner)

    def any(self, value, scope: frozenset[str]) -> None:
        if isinstance(value, list):
            for item in value:
                self.any(item, scope)
            return
        if not isinstance(value, dict):
            return
        if "class" in value:
            self.expression(value, scope)
        elif isinstance(value.get("type"), str) and value["type"] in _QUERY_NODES and "cte_map" in value:
            self.query(value, scope)
        elif "alias" in value and "sample" in value:
            self.table(value, scope)
        else:
            for item in value.values():
                self.any(item, scope)

    def expression(self, node: dict, scope: frozenset[str]) -> None:
        kind = node["class"]
        if kind not in _EXPRESSIONS:
            raise ConsoleRefused("控制台不支持这种写法（{what}）。只能运行一条普通的 SELECT 查询。",
                                 what=f"{kind} {node.get('type', '')}".strip())
        if kind == "COLUMN_REF" and len(node.get("column_names", [])) == 1 \
                and str(node["column_names"][0]).lower() in _NAMES_BOUND_AS_FUNCTIONS:
            raise ConsoleRefused(N_("不允许调用 {name}()：控制台只能使用常用的计算、文本、日期、列表和聚合函数，"
                                    "不能调用读取文件、查看服务器配置或执行其他 SQL 的函数。"), name=node["column_names"][0])
        if kind in ("FUNCTION", "WINDOW"):
            self.function(node, ALLOWED_FUNCTIONS,
                          "不允许调用 {name}()：控制台只能使用常用的计算、文本、日期、列表和聚合函数，"
                          "不能调用读取文件、查看服务器配置或执行其他 SQL 的函数。")
        for key, item in node.items():
            if key != "class":
                self.any(item, scope)

    def function(self, node: dict, allowed: frozenset[str], refusal: str) -> None:
        name = str(node.get("function_name", ""))
        qualified = (node.get("qualified_name") or {}).get("path", [name])
        if node.get("schema") or node.get("catalog") or [str(p) for p in qualified] != [name]:
            raise ConsoleRefused(N_("不允许带库名或模式名调用函数（{name}）。直接写函数名即可。"),
                                 name=".".join(str(p) for p in qualified) or name)
        if name.lower() not in allowed:
            raise ConsoleRefused(refusal, name=name)

    def table(self, ref: dict, scope: frozenset[str]) -> None:
        kind = ref.get("type")
        if kind not in _TABLE_REFS:
            raise ConsoleRefused("控制台不支持这种写法（{what}）。只能运行一条普通的 SELECT 查询。", what=str(kind))
        if kind == "SHOW_REF" and ref.get("show_type") not in _SHOW_KINDS:
            raise ConsoleRefused(N_("不能列出数据库或表清单（SHOW …）。表名和列名请看“数据字典与下载”。"))
        if kind == "BASE_TABLE" or (kind == "SHOW_REF" and ref.get("table_name")):
            self.base_table(ref, scope)
        if ref.get("at_clause"):
            raise ConsoleRefused("控制台不支持这种写法（{what}）。只能运行一条普通的 SELECT 查询。", what="AT (…)")
        rest = dict(ref)
        if kind == "TABLE_FUNCTION":
            function = ref.get("function") or {}
            self.function(function, ALLOWED_TABLE_FUNCTIONS,
                          N_("不允许在 FROM 中调用 {name}()：控制台只能查询看板的数据表"
                             "（另可用 range、generate_series、unnest 生成行）。"))
            rest["function"] = {k: v for k, v in function.items() if k not in ("class", "function_name")}
        for key, item in rest.items():
            if key not in ("table_name", "schema_name", "catalog_name", "qualified_name"):
                self.any(item, scope)

    def base_table(self, ref: dict, scope: frozenset[str]) -> None:
        name = str(ref.get("table_name", ""))
        catalog, schema = str(ref.get("catalog_name") or ""), str(ref.get("schema_name") or "")
        qualified = [str(p) for p in (ref.get("qualified_name") or {}).get("path", [name])]
        expected = [p for p in (catalog, schema, name) if p]
        shown = ".".join(expected) or name
        if [p.lower() for p in qualified] != [p.lower() for p in expected]:
            raise ConsoleRefused(N_("不能查询“{name}”：控制台只能查询看板的数据表（表名见“数据字典与下载”）。"), name=shown)
        if not catalog and not schema and name.lower() in scope:
            return
        in_curated = (catalog.lower() in ("", CATALOG) and schema.lower() in ("", "main")) or (
            not catalog and schema.lower() == CATALOG)  # gazette.documents: the catalog, default schema
        if not in_curated:
            raise ConsoleRefused("不能查询“{name}”：控制台只能查询看板的数据表（表名见“数据字典与下载”）。", name=shown)
        if name.lower() not in self.tables:
            raise ConsoleRefused("不能查询“{name}”：控制台只能查询看板的数据表（表名见“数据字典与下载”）。", name=shown)


# ---- running a query -------------------------------------------------------------------------

_WORKERS = threading.BoundedSemaphore(MAX_WORKERS)
_WORKER_BOOT = ("import sys; sys.path.insert(0, sys.argv[1]); "
                "from store.sql_console import _worker_main; _worker_main(sys.argv[2:])")


def run(con: duckdb.DuckDBPyConnection, sql: str, limit_seconds: float = LIMIT_SECONDS,
        row_cap: int = ROW_CAP) -> ConsoleResult:
    """Check, then run in a worker process with a time limit and row, byte and cell caps; every
    failure is a ConsoleError."""
    statement = check_statement(con, sql)
    path = _attached_path(con)
    if not _WORKERS.acquire(timeout=limit_seconds):
        raise ConsoleError(N_("控制台正忙：已有 {n} 条查询在运行，请稍后再试。"), n=MAX_WORKERS)
    try:
        return _run_in_worker(path, statement, limit_seconds, row_cap)
    finally:
        _WORKERS.release()


def _attached_path(con: duckdb.DuckDBPyConnection) -> str:
    cursor = con.cursor()
    try:
        row = cursor.execute("SELECT path FROM duckdb_databases() WHERE database_name = ?", [CATALOG]).fetchone()
        if row is None:
            raise LookupError(f"database {CATALOG} is not attached")
        return row[0]
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
            raise ConsoleTimeout(TIMEOUT, seconds=limit_seconds) from None
    head, _sep, body = out.partition(b"\n")
    try:
        outcome = json.loads(head)
        table = pa.ipc.open_stream(body).read_all() if outcome["ok"] else None
    except (ValueError, pa.ArrowException):  # killed by the kernel (address space, CPU time) mid-answer
        raise ConsoleError(OVER_LIMITS, f"worker exit status {worker.returncode}") from None
    del out, body
    if not outcome["ok"] or table is None:
        raise translate(_rebuilt(outcome["type"], outcome["message"]), limit_seconds)
    if outcome.get("too_wide"):
        raise ConsoleError(N_("结果的第一行就超过 {mb} MB（例如很长的列表），无法显示。请少选几列或先聚合。"),
                           mb=MAX_RESULT_BYTES // 1024 ** 2)
    return ConsoleResult(table.to_pandas(), bool(outcome["more_rows"]), outcome["seconds"], row_cap,
                         bytes_capped=bool(outcome["bytes_capped"]), cut_cells=int(outcome["cut_cells"]),
                         nbytes=table.nbytes)


def _rebuilt(type_name: str, message: str) -> BaseException:
    kind = getattr(duckdb, type_name, None)
    if isinstance(kind, type) and issubclass(kind, duckdb.Error):
        return kind(message)
    if type_name == "MemoryError":
        return MemoryError(message)
    return RuntimeError(f"{type_name}: {message}")


def _cut_cells(batch, max_chars: int):
    """The batch with every text cell longer than max_chars cut to max_chars (BLOBs: bytes), and
    the number of cut cells in each row (a NumPy array)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    columns, per_row = [], np.zeros(batch.num_rows, dtype=np.int64)
    for column in batch.columns:
        kind = column.type
        if pa.types.is_string_view(kind):
            column, kind = column.cast(pa.large_string()), pa.large_string()
        elif pa.types.is_binary_view(kind):
            column, kind = column.cast(pa.large_binary()), pa.large_binary()
        long = None
        if pa.types.is_string(kind) or pa.types.is_large_string(kind):
            long = pc.fill_null(pc.greater(pc.utf8_length(column), max_chars), False)
            if pc.any(long).as_py():
                column = pc.if_else(long, pc.utf8_slice_codeunits(column, 0, max_chars), column)
        elif pa.types.is_binary(kind) or pa.types.is_large_binary(kind):
            long = pc.fill_null(pc.greater(pc.binary_length(column), max_chars), False)
            if pc.any(long).as_py():
                column = pc.if_else(long, pc.binary_slice(column, 0, max_chars), column)
        if long is not None:
            per_row += long.to_numpy(zero_copy_only=False).astype(np.int64)
        columns.append(column)
    return pa.RecordBatch.from_arrays(columns, names=batch.schema.names), per_row


def _rows_within(batch, budget: int) -> int:
    """The most leading rows of `batch` whose Arrow data fits in `budget` bytes."""
    low, high = 0, batch.num_rows
    while low < high:
        middle = (low + high + 1) // 2
        if batch.slice(0, middle).nbytes <= budget:
            low = middle
        else:
            high = middle - 1
    return low


def collect_capped(reader, row_cap: int, max_bytes: int = MAX_RESULT_BYTES, max_chars: int = MAX_CELL_CHARS) -> dict:
    """Read Arrow batches until `row_cap` rows or `max_bytes` of data, with text cells cut to
    `max_chars`; stop reading there (the rest is never fetched). Returns the kept table and what
    was left out."""
    import pyarrow as pa

    kept, rows, used, cut = [], 0, 0, 0
    more_rows = bytes_capped = False
    schema = None
    for batch in reader:
        batch, per_row = _cut_cells(batch, max_chars)
        schema = schema or batch.schema
        take = batch.num_rows
        if rows + take > row_cap:
            more_rows, take = True, row_cap - rows
        if used + batch.slice(0, take).nbytes > max_bytes:
            bytes_capped, take = True, _rows_within(batch.slice(0, take), max_bytes - used)
        if take:
            part = pa.concat_batches([batch.slice(0, take)])  # a compact copy, not a view of the whole batch
            kept.append(part)
            rows, used, cut = rows + take, used + part.nbytes, cut + int(per_row[:take].sum())
        if more_rows or bytes_capped:
            break
    if schema is None:  # no rows at all: the columns as the views would have been cast
        schema = _cut_cells(pa.RecordBatch.from_pylist([], schema=reader.schema), max_chars)[0].schema
    table = pa.Table.from_batches(kept, schema=schema)
    return {"table": table, "more_rows": more_rows, "bytes_capped": bytes_capped,
            "too_wide": bytes_capped and rows == 0, "cut_cells": cut}


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
            reader = con.sql(statement).limit(row_cap + 1).to_arrow_reader(BATCH_ROWS)
            capped = collect_capped(reader, row_cap)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - started
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, capped["table"].schema) as writer:
            writer.write_table(capped["table"])
        head = {"ok": True, "seconds": seconds, **{k: v for k, v in capped.items() if k != "table"}}
        out.write(json.dumps(head).encode() + b"\n")
        out.write(sink.getvalue().to_pybytes())
    except BaseException as exc:  # noqa: BLE001 — reported to the parent, which explains it in Chinese
        out.write(json.dumps({"ok": False, "type": type(exc).__name__, "message": str(exc)}).encode() + b"\n")
    out.close()


def translate(exc: BaseException, limit_seconds: float = LIMIT_SECONDS) -> ConsoleError:
    """A DuckDB exception as a Chinese message (the engine's text kept as detail)."""
    detail = _first_line(exc)
    if isinstance(exc, duckdb.InterruptException):
        return ConsoleTimeout(TIMEOUT, detail, seconds=limit_seconds)
    if isinstance(exc, duckdb.PermissionException):
        return ConsoleRefused(N_("控制台禁止访问外部文件、网络和扩展。只能查询数据库中的表。"), detail)
    if isinstance(exc, duckdb.CatalogException):
        return ConsoleError(N_("找不到这个表、列或函数。表名和列名请看上方的数据字典。"), detail)
    if isinstance(exc, duckdb.BinderException):
        return ConsoleError(N_("列名或表达式有误（例如列名拼错、聚合缺少 GROUP BY）。"), detail)
    if isinstance(exc, duckdb.ParserException):
        return ConsoleError("SQL 语法错误，请检查拼写、括号和引号。", detail)
    if isinstance(exc, (duckdb.OutOfMemoryException, MemoryError)):
        return ConsoleError(N_("查询所需内存超过上限（{limit}），已中止。请缩小范围。"), detail, limit=MEMORY_LIMIT)
    if isinstance(exc, (duckdb.ConversionException, duckdb.InvalidInputException)):
        return ConsoleError(N_("数据类型转换或输入有误。"), detail)
    if isinstance(exc, duckdb.Error):
        return ConsoleError(N_("查询失败。"), detail)
    return ConsoleError(N_("查询失败（程序错误）。"), f"{type(exc).__name__}: {exc}")


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


# ---- results kept for the page: one bounded shelf per process, a ticket per session ----------

@dataclass
class _Shelf:
    max_bytes: int = SHELF_BYTES
    max_entries: int = SHELF_ENTRIES
    _items: OrderedDict = field(default_factory=OrderedDict)
    _sizes: dict = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _tickets: itertools.count = field(default_factory=lambda: itertools.count(1))

    def put(self, result: ConsoleResult) -> str:
        size = max(result.nbytes, int(result.frame.memory_usage(index=False, deep=True).sum()))
        with self._lock:
            ticket = f"r{next(self._tickets)}-{os.urandom(6).hex()}"
            self._items[ticket], self._sizes[ticket] = result, size
            while self._items and (len(self._items) > self.max_entries
                                   or sum(self._sizes.values()) > self.max_bytes) and len(self._items) > 1:
                old, _ = self._items.popitem(last=False)
                self._sizes.pop(old, None)
            return ticket

    def get(self, ticket: str | None) -> ConsoleResult | None:
        with self._lock:
            if ticket not in self._items:
                return None
            self._items.move_to_end(ticket)
            return self._items[ticket]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._sizes.clear()

    def __len__(self) -> int:
        return len(self._items)

    @property
    def nbytes(self) -> int:
        return sum(self._sizes.values())


SHELF = _Shelf()


def remember(result: ConsoleResult) -> str:
    """Keep `result` on the process's shelf; the ticket is all a session needs to hold."""
    return SHELF.put(result)


def recall(ticket: str | None) -> ConsoleResult | None:
    """The result of a ticket, or None once the shelf has let it go (the page asks to run again)."""
    return SHELF.get(ticket)


# ---- the app's console: one locked connection per database build -------------------------

_console_lock = threading.Lock()
_console: tuple[tuple, duckdb.DuckDBPyConnection] | None = None   # (identity of the served file, its console)


def console() -> duckdb.DuckDBPyConnection:
    """The process's console connection to the served file, shared by every session. A rebuilt file gets
    a new one and the old one is closed (it only checks statements; queries run in a worker)."""
    global _console
    from store import db  # here, not at the top: the worker process never needs pandas

    path = db.database_path()
    stat = path.stat()
    key = (str(path), stat.st_ino, stat.st_mtime_ns)
    with _console_lock:
        if _console is None or _console[0] != key:
            if _console is not None:
                _console[1].close()
            _console = (key, open_console(path))
        return _console[1]


def execute(sql: str) -> ConsoleResult:
    """Run a user's query on the app's console connection (see run)."""
    return run(console(), sql)
