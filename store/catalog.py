"""The data dictionary (from the COMMENTs the build stores in DuckDB) and whole-table downloads.

Tables are fetched through Arrow so DECIMAL columns stay exact: Parquet keeps decimal128,
and the pandas frame used for CSV / Excel carries decimal.Decimal values, never floats.
"""
from __future__ import annotations

import io

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from store import curated, db
from store.db import cacheable


@cacheable
def tables() -> pd.DataFrame:
    """Every table of the curated database: name, description, row and column counts."""
    listed = curated.query("""
        SELECT table_name, coalesce(comment, '') AS comment, column_count
        FROM duckdb_tables()
        WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary
        ORDER BY table_name""")
    listed["rows"] = [row_count(name) for name in listed.table_name]
    return listed[["table_name", "comment", "rows", "column_count"]]


@cacheable
def columns(table: str | None = None) -> pd.DataFrame:
    """Columns with type, nullability and description, in table order."""
    sql = """SELECT table_name, column_name, data_type, is_nullable, coalesce(comment, '') AS comment
             FROM duckdb_columns()
             WHERE database_name = current_database() AND schema_name = 'main'"""
    params: list = []
    if table:
        sql, params = sql + " AND table_name = ?", [table]
    return curated.query(sql + " ORDER BY table_name, column_index", params)


@cacheable
def table_names() -> list[str]:
    # the names alone: tables() also counts every table's rows, too much for checking one name
    return curated.query("""SELECT table_name FROM duckdb_tables()
                            WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary
                            ORDER BY table_name""").table_name.tolist()


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
    cursor = db.connection().cursor()
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


@cacheable
def find_rows(text: str, per_table: int = 5) -> pd.DataFrame:
    """Tables with text cells containing `text`: table, matching row count, sample values."""
    needle = text.strip()
    if not needle:
        return pd.DataFrame(columns=["table_name", "rows", "sample"])
    text_columns = columns()
    text_columns = text_columns[text_columns.data_type == "VARCHAR"]
    counts, samples, count_params, sample_params = [], {}, [], {}
    for table, group in text_columns.groupby("table_name", sort=True):
        if table in ("build_info", "bulletin_lines", "search_passages", "search_postings"):  # they repeat the text
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


# ---- the document library (pages/documents.py): every edition, filtered in SQL ----------------

def bulletins_matching(frame: pd.DataFrame, districts=(), kinds=(), editions=(), years=()) -> tuple[str, ...] | None:
    """The bulletin ids of `frame` (store.editions.editions()) that pass the library's edition filters;
    an empty filter lets everything through. None when no filter is set: the whole archive, without
    naming every bulletin in the query."""
    if not (districts or kinds or editions or years):
        return None
    keep = pd.Series(True, index=frame.index)
    if districts:
        keep &= frame.district.isin(list(districts))
    if kinds:
        keep &= frame.kind.isin(list(kinds))
    if editions:
        keep &= frame.bulletin_id.isin(list(editions))
    if years:
        keep &= frame.year.isin([int(y) for y in years])
    return tuple(frame.loc[keep, "bulletin_id"])


def _catalog_filter(bulletins: tuple[str, ...] | None, issuer: str | None, keyword: str,
                    doc_id: str | None) -> tuple[str, list]:
    needle = (keyword or "").strip()
    chosen = None if bulletins is None else list(bulletins)
    return ("""(?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], bulletin)) AND (? IS NULL OR issuer = ?)
               AND (? IS NULL OR doc_id = ?) AND (? = '' OR contains(title, ?) OR contains(coalesce(doc_no, ''), ?))""",
            [chosen, chosen, issuer, issuer, doc_id, doc_id, needle, needle, needle])


# The archive's order: by district, the newest edition first, documents in printed order.
_NEWEST_FIRST = "district NULLS LAST, year DESC NULLS LAST, issue DESC NULLS LAST, published DESC NULLS LAST, bulletin, first_line"


@cacheable
def document_catalog(bulletins: tuple[str, ...] | None = None, issuer: str | None = None, keyword: str = "",
                     limit: int | None = None, offset: int = 0, doc_id: str | None = None) -> pd.DataFrame:
    """Documents with their edition (kind, year, issue), page span (next document's start page − 1), line
    count and check counts; filtered by bulletins (None: all) / issuer / a text in title or 文号, one page
    of `limit` rows (count: document_count)."""
    where, params = _catalog_filter(bulletins, issuer, keyword, doc_id)
    page = " LIMIT ? OFFSET ?" if limit is not None else ""
    params += [int(limit), int(offset)] if limit is not None else []
    # The span needs the next document of the whole bulletin, so the window runs before the filter;
    # checks are counted only for the documents of this page.
    return curated.query(f"""
        WITH d AS (SELECT *, lead(start_page) OVER (PARTITION BY bulletin ORDER BY first_line) - 1 AS end_page,
                          last_line - first_line + 1 AS line_count
                   FROM documents),
             e AS (SELECT bulletin_id AS bulletin, kind, year, issue, published FROM bulletins),
             shown AS (SELECT d.*, e.kind, e.year, e.issue, e.published FROM d LEFT JOIN e USING (bulletin)
                       WHERE {where} ORDER BY {_NEWEST_FIRST}{page})
        SELECT s.*, coalesce(q.checks, 0) AS checks, coalesce(q.warnings, 0) AS warnings
        FROM shown s
        LEFT JOIN (SELECT doc_id, count(*) AS checks, count(*) FILTER (WHERE severity IN ('warn', 'error')) AS warnings
                   FROM data_quality WHERE doc_id IN (SELECT doc_id FROM shown) GROUP BY doc_id) q USING (doc_id)
        ORDER BY {_NEWEST_FIRST}""", params)


@cacheable
def document_counts(bulletins: tuple[str, ...] | None = None, issuer: str | None = None,
                    keyword: str = "") -> dict[str, int]:
    """Matching documents per bulletin (bulletins with none are left out)."""
    where, params = _catalog_filter(bulletins, issuer, keyword, None)
    counts = curated.query(f"SELECT bulletin, count(*) AS n FROM documents WHERE {where} GROUP BY bulletin", params)
    return {b: int(n) for b, n in zip(counts.bulletin, counts.n)}


@cacheable
def document_count(bulletins: tuple[str, ...] | None = None, issuer: str | None = None, keyword: str = "") -> int:
    return sum(document_counts(bulletins, issuer, keyword).values())


@cacheable
def document_issuers(bulletins: tuple[str, ...] | None = None) -> list[str]:
    """Issuers of the documents of these bulletins (None: all), for the issuer filter."""
    where, params = _catalog_filter(bulletins, None, "", None)
    return curated.query(f"SELECT DISTINCT issuer FROM documents WHERE issuer IS NOT NULL AND {where} "
                         "ORDER BY issuer", params).issuer.tolist()
