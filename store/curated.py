"""Every query against the curated (rebuilt, read-only) DuckDB file: each a named function
returning a DataFrame (or a dict/list made from one). Pages never write SQL.

The connection and query() are in store/db.py; functions marked @cacheable are cached for the app by
ui/data.py. Rebuilding the file (on start-up, after a publication) is the app's business: ui/rebuild.py.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from store.db import cacheable, query
from store.db import database_path as database_path


def built_at(path: Path) -> str | None:
    """When the file at `path` was built, as its build_info says; None for an old or foreign file."""
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            row = con.execute("SELECT value FROM build_info WHERE key = 'built_at'").fetchone()
    except duckdb.Error:
        return None
    return str(row[0]).replace("T", " ") if row else None


# A page's scope: the bulletin ids it reads (ui.filters.selected_bulletins; hashable, so a cache key).
# None reads every edition (tests and tools that look at the whole database).
Bulletins = tuple[str, ...] | None


def scoped(bulletins: Bulletins, column: str = "doc_id") -> tuple[str, list]:
    """A WHERE condition keeping the rows whose document belongs to one of `bulletins`, and its parameter."""
    if bulletins is None:
        return "TRUE", []
    return (f"{column} IN (SELECT doc_id FROM documents WHERE list_contains(?::VARCHAR[], bulletin))",
            [list(bulletins)])


# ---- metadata -------------------------------------------------------------

@cacheable
def build_info() -> dict[str, str]:
    return dict(query("SELECT key, value FROM build_info").itertuples(index=False))


@cacheable
def bulletin_titles() -> dict[str, str]:
    return {k.split(":", 1)[1]: v for k, v in build_info().items() if k.startswith("bulletin:")}


# The reference lists every town of the city; the app's town universe is the towns of the districts
# whose documents are loaded (a district with no bulletin would only add empty choices).
TOWNS_IN_SCOPE = "(SELECT * FROM towns WHERE district IN (SELECT DISTINCT district FROM documents))"


@cacheable
def towns() -> pd.DataFrame:
    return query(f"SELECT * FROM {TOWNS_IN_SCOPE} ORDER BY town_code")


# Every table with a row per town (a figure, a village, a project, a contact) — see towns_with_figures.
TOWN_TABLES = ("road_towns", "road_villages", "insurance_quota", "insurance_contacts", "fund_projects",
               "heritage_items", "town_values")


@cacheable
def towns_with_figures(bulletins: Bulletins = None) -> list[str]:
    """Town names that a row of a town table of `bulletins` names (in town-code order): the towns a
    reader finds something about in these editions."""
    where, params = scoped(bulletins)
    named = " UNION ".join(f"SELECT town_name FROM {table} WHERE {where}" for table in TOWN_TABLES)
    return query(f"SELECT town_name FROM {TOWNS_IN_SCOPE} WHERE town_name IN ({named}) ORDER BY town_code",
                 params * len(TOWN_TABLES)).town_name.tolist()


@cacheable
def documents() -> pd.DataFrame:
    return query("SELECT * FROM documents ORDER BY bulletin, first_line")


@cacheable
def document(doc_id: str) -> dict | None:
    frame = query("SELECT * FROM documents WHERE doc_id = ?", [doc_id])
    return None if frame.empty else frame.iloc[0].to_dict()


@cacheable
def document_bulletins(doc_ids: tuple[str, ...]) -> dict[str, str]:
    """doc_id -> bulletin of several documents in one query (a chart may cite thousands)."""
    frame = query("SELECT doc_id, bulletin FROM documents WHERE list_contains(?, doc_id)", [list(doc_ids)])
    return dict(zip(frame.doc_id, frame.bulletin))


@cacheable
def data_quality(severities: tuple[str, ...] = ("ok", "info", "warn", "error"), doc_id: str | None = None,
                 limit: int | None = None, offset: int = 0) -> pd.DataFrame:
    """Check results, errors first; `limit`/`offset` give one page of them (count: quality_counts)."""
    sql = "SELECT * FROM data_quality WHERE list_contains(?, severity)"
    params: list = [list(severities)]
    if doc_id:
        sql += " AND doc_id = ?"
        params.append(doc_id)
    sql += " ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warn' THEN 1 ELSE 2 END, doc_id, line, check_id"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [int(limit), int(offset)]
    return query(sql, params)


@cacheable
def quality_by_module(severities: tuple[str, ...] = ("ok", "info", "warn", "error")) -> pd.DataFrame:
    """Checks per loader module (the check_id before its first dot) and severity."""
    return query("""SELECT split_part(regexp_replace(check_id, '^.*:', ''), '.', 1) AS module, severity, count(*) AS n FROM data_quality
                    WHERE list_contains(?, severity) GROUP BY ALL ORDER BY module, severity""", [list(severities)])


@cacheable
def quality_counts(bulletins: Bulletins = None) -> dict[str, int]:
    # checks of a whole bulletin (no document) carry the bulletin id before the colon of check_id
    where, params = scoped(bulletins)
    if bulletins is not None:
        where = f"({where} OR (doc_id IS NULL AND list_contains(?::VARCHAR[], split_part(check_id, ':', 1))))"
        params = params + [list(bulletins)]
    return dict(query(f"SELECT severity, count(*) FROM data_quality WHERE {where} GROUP BY severity",
                      params).itertuples(index=False))


# ---- which plan a page shows -------------------------------------------------

@cacheable
def plan_of(table: str, bulletins: Bulletins = None) -> dict | None:
    """The document a page's table comes from in this scope (the newest when several do), with its
    bulletin, district and the year its title names ('2020年度…方案' -> 2020; else the year it was
    signed): what headings say, read from the data. `table`: one of our curated table names."""
    where, params = scoped(bulletins, "t.doc_id")
    frame = query(f"""SELECT d.doc_id, d.bulletin, d.district, d.title,
                             coalesce(try_cast(nullif(regexp_extract(d.title, '(\\d{{4}})\\s*年度?', 1), '') AS INTEGER),
                                      year(d.signed_on), b.year) AS year
                      FROM (SELECT DISTINCT doc_id FROM "{table}" t WHERE {where}) t
                      JOIN documents d USING (doc_id) LEFT JOIN bulletins b ON b.bulletin_id = d.bulletin
                      ORDER BY b.year DESC NULLS LAST, b.issue DESC NULLS LAST, b.published DESC NULLS LAST, d.doc_id
                      LIMIT 1""", params)
    if frame.empty:
        return None
    row = frame.iloc[0].to_dict()
    row["year"] = None if pd.isna(row["year"]) else int(row["year"])
    return row


@cacheable
def bulletins_with(table: str) -> list[str]:
    """Every bulletin that has rows in `table` (one of our curated table names), oldest first: where
    a page whose scope has none can send the reader."""
    return query(f"""SELECT b.bulletin_id FROM bulletins b
                     WHERE b.bulletin_id IN (SELECT d.bulletin FROM "{table}" t JOIN documents d USING (doc_id))
                     ORDER BY b.district, b.kind, b.year NULLS FIRST, b.issue NULLS FIRST, b.bulletin_id""").bulletin_id.tolist()


# ---- 涉农资金 ---------------------------------------------------------------

@cacheable
def fund_totals(bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins)
    return query(f"SELECT * FROM fund_totals WHERE {where}", params)


@cacheable
def fund_by_source(bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins)
    return query(f"SELECT * FROM fund_by_source WHERE {where} ORDER BY amount_wan DESC", params)


@cacheable
def fund_by_sector(bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins)
    return query(f"SELECT * FROM fund_by_sector WHERE {where} ORDER BY amount_wan DESC", params)


@cacheable
def fund_by_task_nature(bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins)
    return query(f"SELECT * FROM fund_by_task_nature WHERE {where} ORDER BY amount_wan DESC", params)


@cacheable
def fund_projects(sector: str | None = None, town: str | None = None, bulletins: Bulletins = None) -> pd.DataFrame:
    sql, params = scoped(bulletins)
    sql = "SELECT * FROM fund_projects WHERE " + sql
    if sector:
        sql, params = sql + " AND sector_name = ?", params + [sector]
    if town:
        # Projects run in every town (town_name NULL) still concern the chosen town.
        sql, params = sql + " AND (town_name = ? OR town_name IS NULL)", params + [town]
    return query(sql + " ORDER BY project_no, doc_id", params)


@cacheable
def fund_project_sources(project_nos: tuple[int, ...] | None = None, bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins)
    if project_nos is None:
        return query(f"SELECT * FROM fund_project_sources WHERE {where} ORDER BY project_no, doc_id, line", params)
    return query(f"""SELECT * FROM fund_project_sources WHERE {where} AND list_contains(?, project_no)
                     ORDER BY project_no, doc_id, line""", params + [list(project_nos)])


@cacheable
def rural_indicators(categories: tuple[str, ...] | None = None, doc_id: str | None = None) -> pd.DataFrame:
    """The indicator table, optionally of some categories and of one document (the page's 涉农资金 plan),
    with one column per year of the table ('base_2017', 'target_2022': the printed values)."""
    params = [not categories, list(categories or ()), doc_id, doc_id]
    indicators = query("""SELECT * FROM rural_indicators
                          WHERE (? OR list_contains(?, category)) AND (? IS NULL OR doc_id = ?)
                          ORDER BY seq, doc_id""", params)
    values = query("""SELECT v.* FROM rural_indicator_values v JOIN rural_indicators i USING (doc_id, seq)
                      WHERE (? OR list_contains(?, i.category)) AND (? IS NULL OR v.doc_id = ?)""", params)
    return _with_year_columns(indicators, values)


@cacheable
def rural_indicator_years(doc_id: str | None = None) -> list[tuple[str, int]]:
    """(role, year) of every year column of the indicator table: the base year, then each target year."""
    frame = query("""SELECT DISTINCT role, year FROM rural_indicator_values WHERE ? IS NULL OR doc_id = ?
                     ORDER BY role = 'target', year""", [doc_id, doc_id])
    return list(zip(frame.role, frame.year.astype(int)))


def _with_year_columns(indicators: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """One column '<role>_<year>' (the printed value) per year of the long table, beside each indicator."""
    if values.empty:
        return indicators
    wide = (values.assign(column=values.role + "_" + values.year.astype(int).astype(str))
            .pivot_table(index=["doc_id", "seq"], columns="column", values="value_text", aggfunc="first"))
    ordered = sorted(wide.columns, key=lambda c: (c.startswith("target"), c))
    return indicators.merge(wide[ordered].reset_index(), on=["doc_id", "seq"], how="left")


@cacheable
def rural_indicator_categories(doc_id: str | None = None) -> list[str]:
    """Indicator categories in table order."""
    return query("""SELECT category FROM rural_indicators WHERE ? IS NULL OR doc_id = ?
                    GROUP BY category ORDER BY min(seq), category""", [doc_id, doc_id]).category.tolist()


@cacheable
def rural_indicator(name_contains: str, bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins, "i.doc_id")
    indicators = query(f"SELECT * FROM rural_indicators i WHERE {where} AND name LIKE '%' || ? || '%' ORDER BY seq, doc_id",
                       params + [name_contains])
    values = query(f"""SELECT v.* FROM rural_indicator_values v JOIN rural_indicators i USING (doc_id, seq)
                       WHERE {where} AND i.name LIKE '%' || ? || '%'""", params + [name_contains])
    return _with_year_columns(indicators, values)


# ---- 通户道路 ---------------------------------------------------------------

@cacheable
def road_towns(town: str | None = None, bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins, "r.doc_id")
    sql = (f"SELECT r.*, t.town_code FROM road_towns r LEFT JOIN {TOWNS_IN_SCOPE} t USING (town_name) WHERE {where}"
           + (" AND r.town_name = ?" if town else "") + " ORDER BY r.listed_count DESC, t.town_code")
    return query(sql, params + ([town] if town else []))


@cacheable
def road_villages(town: str | None = None, search: str = "", other_than: str | None = None,
                  bulletins: Bulletins = None) -> pd.DataFrame:
    """Listed villages, optionally of one town, whose name contains `search`, outside town `other_than`."""
    sql, params = scoped(bulletins)
    sql = "SELECT * FROM road_villages WHERE " + sql
    if town:
        sql, params = sql + " AND town_name = ?", params + [town]
    if other_than:
        sql, params = sql + " AND town_name <> ?", params + [other_than]
    if search:
        sql, params = sql + " AND village_name LIKE '%' || ? || '%'", params + [search]
    return query(sql + " ORDER BY town_name, seq_in_town, doc_id", params)


@cacheable
def road_milestones(bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins)
    return query(f"SELECT * FROM road_milestones WHERE {where} ORDER BY step_no, doc_id", params)


@cacheable
def road_standards(bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins)
    return query(f"SELECT * FROM road_standards WHERE {where} ORDER BY doc_id, line", params)


@cacheable
def road_funding(bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins)
    return query(f"SELECT * FROM road_funding WHERE {where} ORDER BY doc_id, line", params)


@cacheable
def towns_without_roads(bulletins: Bulletins = None) -> pd.DataFrame:
    # towns of the districts whose road plan is in scope that the plan lists no village for
    where, params = scoped(bulletins, "r.doc_id")
    return query(f"""WITH r AS (SELECT r.town_name, d.district FROM road_towns r JOIN documents d USING (doc_id)
                                WHERE {where})
                     SELECT t.* FROM {TOWNS_IN_SCOPE} t
                     WHERE t.district IN (SELECT district FROM r) AND town_name NOT IN (SELECT town_name FROM r)
                     ORDER BY town_code""", params)


# ---- 医保征缴 ---------------------------------------------------------------

@cacheable
def insurance_quota(town: str | None = None, bulletins: Bulletins = None) -> pd.DataFrame:
    # The share is of the whole district in the plan's own document, so the window runs over every
    # town of that document before the town filter.
    where, params = scoped(bulletins, "q.doc_id")
    return query(f"""SELECT * FROM (
                        SELECT q.*, round(100.0 * q.quota_persons / sum(q.quota_persons) OVER (PARTITION BY q.doc_id), 2)
                                    AS share_pct,
                               t.town_code
                        FROM insurance_quota q LEFT JOIN {TOWNS_IN_SCOPE} t USING (town_name) WHERE {where})
                    WHERE ? IS NULL OR town_name = ? ORDER BY quota_persons DESC, doc_id""", params + [town, town])


@cacheable
def insurance_premiums(bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins)
    return query(f"SELECT * FROM insurance_premiums WHERE {where} ORDER BY amount_yuan, doc_id", params)


@cacheable
def insurance_premium_bounds(town: str | None = None, bulletins: Bulletins = None) -> dict:
    """Premium income implied by the quota if everyone paid the lowest / highest tier (bounds, not a figure
    of the document)."""
    where, params = scoped(bulletins)
    tiers, tier_params = scoped(bulletins, "p.doc_id")
    frame = query(f"""WITH q AS (SELECT sum(quota_persons) AS persons FROM insurance_quota
                                 WHERE {where} AND (? IS NULL OR town_name = ?))
                      SELECT q.persons, min(p.amount_yuan) AS low_yuan, max(p.amount_yuan) AS high_yuan,
                             q.persons * min(p.amount_yuan) / 10000.0 AS low_wan,
                             q.persons * max(p.amount_yuan) / 10000.0 AS high_wan
                      FROM insurance_premiums p, q WHERE {tiers}
                      GROUP BY q.persons""", params + [town, town] + tier_params)
    return {} if frame.empty else frame.iloc[0].to_dict()


@cacheable
def insurance_contacts(town: str | None = None, doc_id: str | None = None) -> pd.DataFrame:
    """Phone numbers (of one document): the town's own and the district-wide ones."""
    return query("""SELECT * FROM insurance_contacts
                    WHERE (? IS NULL OR town_name = ? OR town_name IS NULL) AND (? IS NULL OR doc_id = ?)
                    ORDER BY kind, line, doc_id""", [town, town, doc_id, doc_id])


@cacheable
def insurance_schedule(bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins)
    return query(f"SELECT * FROM insurance_schedule WHERE {where} ORDER BY step_no, doc_id", params)


# ---- 承诺 -------------------------------------------------------------------

@cacheable
def targets(topic_prefix: str | None = None, doc_id: str | None = None, bulletins: Bulletins = None) -> pd.DataFrame:
    """Targets whose topic starts with `topic_prefix`, of one document when `doc_id` is given (a page
    shows one plan: every compendium repeats the topics)."""
    where, params = scoped(bulletins)
    if topic_prefix:
        return query(f"""SELECT * FROM targets WHERE {where} AND starts_with(topic, ?) AND (? IS NULL OR doc_id = ?)
                         ORDER BY deadline NULLS LAST, line""", params + [topic_prefix, doc_id, doc_id])
    return query(f"""SELECT * FROM targets WHERE {where} AND (? IS NULL OR doc_id = ?)
                     ORDER BY deadline NULLS LAST, doc_id, line""", params + [doc_id, doc_id])


@cacheable
def topic_doc(topic_prefix: str, bulletins: Bulletins = None) -> str | None:
    """The document whose targets carry this topic (the first by doc_id when several bulletins do)."""
    where, params = scoped(bulletins)
    value = query(f"SELECT min(doc_id) AS doc_id FROM targets WHERE {where} AND starts_with(topic, ?)",
                  params + [topic_prefix]).doc_id.iloc[0]
    return None if pd.isna(value) else value


@cacheable
def target_counts(bulletins: Bulletins = None) -> pd.DataFrame:
    """Per district: commitments, those with a deadline, and the documents they come from."""
    where, params = scoped(bulletins)
    return query(f"""SELECT district, count(*) AS targets, count(deadline) AS dated, count(DISTINCT doc_id) AS docs
                     FROM targets WHERE {where} GROUP BY district ORDER BY district""", params)


@cacheable
def target_deadline_months(bulletins: Bulletins = None) -> pd.DataFrame:
    """Commitments with a deadline, counted per district and month (month = its first day)."""
    where, params = scoped(bulletins)
    return query(f"""SELECT district, date_trunc('month', deadline) AS month, count(*) AS n FROM targets
                     WHERE {where} AND deadline IS NOT NULL GROUP BY ALL ORDER BY month, district""", params)


# ---- 文件库与数据页（pages/documents.py、pages/data.py）------------------------------
# The catalogue of the document library (filters by edition, issuer, text) is in store/catalog.py.

@cacheable
def document_titles(doc_ids: tuple[str, ...]) -> dict[str, str]:
    """Titles of some documents (e.g. of search hits)."""
    frame = query("SELECT doc_id, title FROM documents WHERE list_contains(?, doc_id)", [list(doc_ids)])
    return dict(zip(frame.doc_id, frame.title))
