"""The data dictionary (from the COMMENTs the build stores in DuckDB) and whole-table downloads.

Tables are fetched through Arrow so DECIMAL columns stay exact: Parquet keeps decimal128,
and the pandas frame used for CSV / Excel carries decimal.Decimal values, never floats.
"""
from __future__ import annotations

import io

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import streamlit as st

from store import curated
from store.curated import CACHE


@st.cache_data(**CACHE)
def tables() -> pd.DataFrame:
    """Every table of the curated database: name, description, row and column counts."""
    listed = curated.query("""
        SELECT table_name, coalesce(comment, '') AS comment, column_count
        FROM duckdb_tables()
        WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary
        ORDER BY table_name""")
    listed["rows"] = [row_count(name) for name in listed.table_name]
    return listed[["table_name", "comment", "rows", "column_count"]]


@st.cache_data(**CACHE)
def columns(table: str | None = None) -> pd.DataFrame:
    """Columns with type, nullability and description, in table order."""
    sql = """SELECT table_name, column_name, data_type, is_nullable, coalesce(comment, '') AS comment
             FROM duckdb_columns()
             WHERE database_name = current_database() AND schema_name = 'main'"""
    params: list = []
    if table:
        sql, params = sql + " AND table_name = ?", [table]
    return curated.query(sql + " ORDER BY table_name, column_index", params)


def table_names() -> list[str]:
    return tables().table_name.tolist()


def _known(table: str) -> str:
    """The table name quoted as an identifier, only if the catalog lists it (never user text in SQL)."""
    if table not in table_names():
        raise KeyError(f"数据库中没有表 {table}")
    return '"' + table.replace('"', '""') + '"'


def row_count(table: str) -> int:
    quoted = '"' + table.replace('"', '""') + '"'
    return int(curated.query(f"SELECT count(*) AS n FROM {quoted}").n.iloc[0])


def table_arrow(table: str) -> pa.Table:
    """The whole table as Arrow, types exactly as stored (DECIMAL stays decimal128)."""
    cursor = curated.connection().cursor()
    try:
        return cursor.sql(f"SELECT * FROM {_known(table)}").to_arrow_table()
    finally:
        cursor.close()


def arrow_to_frame(table: pa.Table) -> pd.DataFrame:
    """Arrow → pandas without float detours: Decimal objects, nullable integers, dates as dates."""
    integer_types = {pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint16(), pa.uint32()}
    mapping = {t: pd.Int64Dtype() for t in integer_types}
    return table.to_pandas(types_mapper=mapping.get, date_as_object=True)


def table_frame(table: str) -> pd.DataFrame:
    return arrow_to_frame(table_arrow(table))


def parquet_bytes(table: str) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table_arrow(table), buffer, compression="zstd")
    return buffer.getvalue()


@st.cache_data(**CACHE)
def find_rows(text: str, per_table: int = 5) -> pd.DataFrame:
    """Tables with text cells containing `text`: table, matching row count, sample values."""
    needle = text.strip()
    if not needle:
        return pd.DataFrame(columns=["table_name", "rows", "sample"])
    text_columns = columns()
    text_columns = text_columns[text_columns.data_type == "VARCHAR"]
    counts, samples, count_params, sample_params = [], {}, [], {}
    for table, group in text_columns.groupby("table_name", sort=True):
        if table in ("build_info", "search_passages", "search_postings"):  # the index repeats the text
            continue
        # names straight from the catalog (not _known: its table list counts every table's rows)
        quoted_table = '"' + table.replace('"', '""') + '"'
        quoted = ['"' + c.replace('"', '""') + '"' for c in group.column_name]
        condition = " OR ".join(f"contains({c}, ?)" for c in quoted)
        counts.append(f"SELECT ? AS table_name, count(*) AS n FROM {quoted_table} WHERE {condition}")
        count_params += [table] + [needle] * len(quoted)
        # the first text cell of the row that contains the needle, as the sample
        first_hit = "coalesce(" + ", ".join(f"CASE WHEN contains({c}, ?) THEN {c} END" for c in quoted) + ")"
        samples[table] = f"(SELECT ? AS table_name, {first_hit} AS sample FROM {quoted_table} WHERE {condition} LIMIT ?)"
        sample_params[table] = [table] + [needle] * (2 * len(quoted)) + [int(per_table)]
    if not counts:
        return pd.DataFrame(columns=["table_name", "rows", "sample"])
    # One query for every table's count and one for the samples of the tables that match: a query per
    # table cost more in round trips than in scanning.
    matched = curated.query(" UNION ALL ".join(counts), count_params)
    matched = matched[matched.n > 0].sort_values("table_name")
    if matched.empty:
        return pd.DataFrame(columns=["table_name", "rows", "sample"])
    hits = curated.query(" UNION ALL ".join(samples[t] for t in matched.table_name),
                         [v for t in matched.table_name for v in sample_params[t]])
    found = [{"table_name": table, "rows": int(n),
              "sample": "；".join(dict.fromkeys(hits.loc[hits.table_name == table, "sample"].fillna("")))}
             for table, n in zip(matched.table_name, matched.n)]
    return pd.DataFrame(found, columns=["table_name", "rows", "sample"])
