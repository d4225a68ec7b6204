"""Every query against the curated (rebuilt, read-only) DuckDB file.

One read-only connection per process (st.cache_resource), a cursor per query, each
query a named function returning a DataFrame. Pages never write SQL.

At start-up the file is rebuilt when the raw bulletins are newer (build_now). A rebuild
that fails leaves the previous file in place (the build writes a temp file and renames
it); build_now then returns the error so the app can keep serving the last good data
under a notice, and does not retry until a source file changes again.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.types as pat
import streamlit as st

ROOT = Path(__file__).resolve().parents[1]
RAW_DIR = ROOT / "data" / "raw"
REFERENCE_DIR = ROOT / "data" / "reference"
CACHE = dict(ttl=600, max_entries=256, show_spinner=False)
_build_lock = threading.Lock()
_failed_builds: dict[tuple, str] = {}  # state of the source files -> why building from them failed


def database_path() -> Path:
    return Path(os.environ.get("GAZETTE_DB", ROOT / "data" / "build" / "gazette.duckdb"))


def raw_dir() -> Path:
    return Path(os.environ.get("GAZETTE_RAW") or RAW_DIR)


def reference_dir() -> Path:
    return Path(os.environ.get("GAZETTE_REFERENCE") or REFERENCE_DIR)


def _sources() -> list[Path]:
    return sorted(f for d in (raw_dir(), reference_dir()) if d.is_dir() for f in d.iterdir() if f.is_file())


def _source_state() -> tuple:
    return tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in _sources())


def needs_build(path: Path | None = None) -> bool:
    """Missing, or older than any raw or reference file."""
    path = path or database_path()
    if not path.exists():
        return True
    built = path.stat().st_mtime
    return any(f.stat().st_mtime > built for f in _sources())


def build_now() -> str | None:
    """Rebuild the curated file when it is missing or stale (used on start-up).

    Returns None when the file is current, else a Chinese message saying why the rebuild
    failed; the previous file, if any, is untouched and still served. A failure is
    remembered for this state of the source files, so page reruns do not rebuild again."""
    from loaders.build import build  # local import: only needed when rebuilding

    if rebuilding() and database_path().exists():
        return None            # a background rebuild is under way: serve the last good file until it is swapped in
    with _build_lock:
        if not needs_build():
            return None
        state = _source_state()
        if state in _failed_builds:
            return _failed_builds[state]
        path = database_path()
        try:
            build(raw_dir(), path, reference_dir())
        except Exception as exc:  # BuildError names document and line; anything else still must not stop the app
            reason = str(exc) if type(exc).__name__ == "BuildError" else f"{type(exc).__name__}: {exc}"
            kept = (f"页面继续显示上次成功构建的数据（{_built_at(path)}），请修正原文后刷新。" if path.exists()
                    else "目前没有可用的数据库。")
            _failed_builds.clear()
            _failed_builds[state] = f"原文已更新，但重新构建数据库失败：{reason}。{kept}"
            return _failed_builds[state]
        _failed_builds.clear()
        connection.clear()
        st.cache_data.clear()
        return None


# ---- rebuilding while the app serves ------------------------------------------------------
#
# After an editor publishes a bulletin, the database is rebuilt in a child process (python -m
# loaders.build: it writes a staged file and renames it over the served one), so the app keeps
# answering from the old file on both cores' spare time and never waits for the build. A second
# publication during a build asks for another build, run as soon as the first one ends.

REBUILD_TIMEOUT = 30 * 60


@dataclass
class Rebuild:
    """The state of the last background rebuild (one per server process)."""
    started: float
    requested_by: str = ""
    finished: float | None = None
    ok: bool | None = None
    message: str = ""          # the build's summary, or why it failed
    bulletins: int | None = None

    @property
    def running(self) -> bool:
        return self.finished is None

    @property
    def seconds(self) -> float:
        return (self.finished or time.time()) - self.started


_rebuild_state = threading.Lock()
_rebuild: Rebuild | None = None
_requests = 0                  # rebuilds asked for …
_served = 0                    # … and how many of those requests the last finished build covered


def rebuild_status() -> Rebuild | None:
    return _rebuild


def rebuilding() -> bool:
    return _rebuild is not None and _rebuild.running


def rebuild_in_background(requested_by: str = "") -> Rebuild:
    """Rebuild the curated file from the raw folder in a child process; returns at once. The old
    file is served until the new one is complete (loaders.build renames it into place)."""
    global _rebuild, _requests
    with _rebuild_state:
        _requests += 1
        if _rebuild is not None and _rebuild.running:
            return _rebuild    # the running thread sees the new request and builds again
        _rebuild = Rebuild(started=time.time(), requested_by=requested_by)
        threading.Thread(target=_rebuild_loop, name="gazette-rebuild", daemon=True).start()
        return _rebuild


def _rebuild_loop() -> None:
    global _served
    while True:
        with _rebuild_state:
            wanted = _requests
        ok, message, bulletins = _run_build()
        with _rebuild_state:
            _served = wanted
            again = ok and _requests > _served
            if not again:
                _rebuild.finished, _rebuild.ok, _rebuild.message, _rebuild.bulletins = time.time(), ok, message, bulletins
                return


def _run_build() -> tuple[bool, str, int | None]:
    """python -m loaders.build on the app's folders; (ok, summary or error, bulletins built)."""
    path = database_path()
    command = [sys.executable, "-m", "loaders.build", "--raw", str(raw_dir()), "--reference", str(reference_dir()),
               "--out", str(path)]
    with _build_lock:   # not at the same time as a start-up build of this process
        try:
            process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            try:
                os.setpriority(os.PRIO_PROCESS, process.pid, 10)   # the readers' requests come first
            except OSError:
                pass
            out, err = process.communicate(timeout=REBUILD_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            return False, f"重新构建超过 {REBUILD_TIMEOUT // 60} 分钟仍未完成，已停止；看板继续显示原有数据。", None
        except OSError as exc:
            return False, f"无法启动构建：{exc}", None
        if process.returncode != 0:
            reason = "\n".join((err or out).strip().splitlines()[-6:]) or f"构建进程退出码 {process.returncode}"
            _failed_builds.clear()     # start-up builds of this state are not tried again: they would fail alike
            _failed_builds[_source_state()] = (f"原文已更新，但重新构建数据库失败：{reason}。页面继续显示上次成功构建的数据"
                                               f"（{_built_at(path)}），请修正原文后刷新。" if path.exists() else reason)
            return False, reason, None
        _failed_builds.clear()
    connection.clear()
    st.cache_data.clear()
    first = out.strip().splitlines()[0] if out.strip() else ""
    bulletins = None
    if "份公报" in first:
        digits = first.split("（", 1)[-1].split(" 份公报", 1)[0]
        bulletins = int(digits) if digits.isdigit() else None
    return True, out.strip(), bulletins


def _built_at(path: Path) -> str:
    """When the served file was built (its build_info, else its modification time)."""
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            value = con.execute("SELECT value FROM build_info WHERE key = 'built_at'").fetchone()[0]
        return str(value).replace("T", " ")
    except Exception:  # an old or foreign file: the clock of the file system will do
        import datetime as dt
        return dt.datetime.fromtimestamp(path.stat().st_mtime).isoformat(sep=" ", timespec="seconds")


@st.cache_resource(show_spinner=False)
def connection() -> duckdb.DuckDBPyConnection:
    return open_read_only(database_path())


def open_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the file now at `path`.

    DuckDB hands back the instance it already has open for a path: after a rebuild renamed a new
    file over `path`, a reader still holding a cursor of the old connection would make the new
    connection read the old file (and the cache would keep it). So each build's file is opened
    under a name of its own, a hard link named by its inode beside it; links of replaced files are
    removed (open ones stay readable until closed). Where links cannot be made, `path` itself."""
    try:
        inode = path.stat().st_ino
        alias = path.with_name(f".{path.name}.{inode}.open")
        for old in path.parent.glob(f".{path.name}.*.open"):
            if old != alias:
                old.unlink(missing_ok=True)
        if not alias.exists():
            os.link(path, alias)
        return duckdb.connect(str(alias), read_only=True)
    except OSError:
        return duckdb.connect(str(path), read_only=True)


def query(sql: str, params: list | None = None) -> pd.DataFrame:
    cursor = connection().cursor()
    try:
        return arrow_frame(cursor.sql(sql, params=params or None).to_arrow_table())
    finally:
        cursor.close()


# A page's scope: the bulletin ids it reads (ui.filters.selected_bulletins; hashable, so a cache key).
# None reads every edition (tests and tools that look at the whole database).
Bulletins = tuple[str, ...] | None


def scoped(bulletins: Bulletins, column: str = "doc_id") -> tuple[str, list]:
    """A WHERE condition keeping the rows whose document belongs to one of `bulletins`, and its parameter."""
    if bulletins is None:
        return "TRUE", []
    return (f"{column} IN (SELECT doc_id FROM documents WHERE list_contains(?::VARCHAR[], bulletin))",
            [list(bulletins)])


_NULLABLE_INT = {pa.int8(): pd.Int8Dtype(), pa.int16(): pd.Int16Dtype(), pa.int32(): pd.Int32Dtype(),
                 pa.int64(): pd.Int64Dtype(), pa.uint8(): pd.UInt8Dtype(), pa.uint16(): pd.UInt16Dtype(),
                 pa.uint32(): pd.UInt32Dtype(), pa.uint64(): pd.UInt64Dtype()}


def arrow_frame(table: pa.Table) -> pd.DataFrame:
    """Arrow -> pandas with the dtypes DuckDB's .df() gives (so pages see the same frames), but fast.

    .df() builds a Python str for every VARCHAR cell and pandas 3 then re-encodes it into an
    Arrow-backed column: ~10 µs a row of Chinese text (targets: 1.4 s for 176k rows). Arrow hands the
    strings to pandas without that round trip. As in .df(): DECIMAL -> float64, DATE ->
    datetime64[us], integers/booleans with NULLs -> nullable dtypes, an all-NULL (or empty) text column -> object."""
    columns = {}
    for name, column in zip(table.column_names, table.columns):
        kind, has_nulls = column.type, column.null_count > 0
        if pat.is_decimal(kind):  # via text: Arrow's direct cast can miss the nearest double by an ulp
            column = column.cast(pa.string()).cast(pa.float64())
        elif pat.is_date(kind):
            column = column.cast(pa.timestamp("us"))
        if (pat.is_integer(kind) or pat.is_boolean(kind)) and has_nulls:
            series = column.to_pandas(types_mapper={**_NULLABLE_INT, pa.bool_(): pd.BooleanDtype()}.get)
        elif (pat.is_string(kind) or pat.is_large_string(kind)) and column.null_count == len(column):
            series = pd.Series([None] * len(column), dtype=object)
        else:
            series = column.to_pandas()
        columns[name] = series
    return pd.DataFrame(columns, index=pd.RangeIndex(table.num_rows))


# ---- metadata -------------------------------------------------------------

@st.cache_data(**CACHE)
def build_info() -> dict[str, str]:
    return dict(query("SELECT key, value FROM build_info").itertuples(index=False))


@st.cache_data(**CACHE)
def bulletin_titles() -> dict[str, str]:
    return {k.split(":", 1)[1]: v for k, v in build_info().items() if k.startswith("bulletin:")}


# The reference lists every town of the city; the app's town universe is the towns of the districts
# whose documents are loaded (a district with no bulletin would only add empty choices).
TOWNS_IN_SCOPE = "(SELECT * FROM towns WHERE district IN (SELECT DISTINCT district FROM documents))"


@st.cache_data(**CACHE)
def towns() -> pd.DataFrame:
    return query(f"SELECT * FROM {TOWNS_IN_SCOPE} ORDER BY town_code")


@st.cache_data(**CACHE)
def documents() -> pd.DataFrame:
    return query("SELECT * FROM documents ORDER BY bulletin, first_line")


@st.cache_data(**CACHE)
def document(doc_id: str) -> dict | None:
    frame = query("SELECT * FROM documents WHERE doc_id = ?", [doc_id])
    return None if frame.empty else frame.iloc[0].to_dict()


@st.cache_data(**CACHE)
def document_bulletins(doc_ids: tuple[str, ...]) -> dict[str, str]:
    """doc_id -> bulletin of several documents in one query (a chart may cite thousands)."""
    frame = query("SELECT doc_id, bulletin FROM documents WHERE list_contains(?, doc_id)", [list(doc_ids)])
    return dict(zip(frame.doc_id, frame.bulletin))


@st.cache_data(**CACHE)
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


@st.cache_data(**CACHE)
def quality_by_module(severities: tuple[str, ...] = ("ok", "info", "warn", "error")) -> pd.DataFrame:
    """Checks per loader module (the check_id before its first dot) and severity."""
    return query("""SELECT split_part(regexp_replace(check_id, '^.*:', ''), '.', 1) AS module, severity, count(*) AS n FROM data_quality
                    WHERE list_contains(?, severity) GROUP BY ALL ORDER BY module, severity""", [list(severities)])


@st.cache_data(**CACHE)
def quality_counts(bulletins: Bulletins = None) -> dict[str, int]:
    # checks of a whole bulletin (no document) carry the bulletin id before the colon of check_id
    where, params = scoped(bulletins)
    if bulletins is not None:
        where = f"({where} OR (doc_id IS NULL AND list_contains(?::VARCHAR[], split_part(check_id, ':', 1))))"
        params = params + [list(bulletins)]
    return dict(query(f"SELECT severity, count(*) FROM data_quality WHERE {where} GROUP BY severity",
                      params).itertuples(index=False))


# ---- which plan a page shows -------------------------------------------------

@st.cache_data(**CACHE)
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


@st.cache_data(**CACHE)
def bulletins_with(table: str) -> list[str]:
    """Every bulletin that has rows in `table` (one of our curated table names), oldest first: where
    a page whose scope has none can send the reader."""
    return query(f"""SELECT b.bulletin_id FROM bulletins b
                     WHERE b.bulletin_id IN (SELECT d.bulletin FROM "{table}" t JOIN documents d USING (doc_id))
                     ORDER BY b.district, b.kind, b.year NULLS FIRST, b.issue NULLS FIRST, b.bulletin_id""").bulletin_id.tolist()


# ---- 涉农资金 ---------------------------------------------------------------

@st.cache_data(**CACHE)
def fund_totals(bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins)
    return query(f"SELECT * FROM fund_totals WHERE {where}", params)


@st.cache_data(**CACHE)
def fund_by_source(bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins)
    return query(f"SELECT * FROM fund_by_source WHERE {where} ORDER BY amount_wan DESC", params)


@st.cache_data(**CACHE)
def fund_by_sector(bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins)
    return query(f"SELECT * FROM fund_by_sector WHERE {where} ORDER BY amount_wan DESC", params)


@st.cache_data(**CACHE)
def fund_by_task_nature(bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins)
    return query(f"SELECT * FROM fund_by_task_nature WHERE {where} ORDER BY amount_wan DESC", params)


@st.cache_data(**CACHE)
def fund_projects(sector: str | None = None, town: str | None = None, bulletins: Bulletins = None) -> pd.DataFrame:
    sql, params = scoped(bulletins)
    sql = "SELECT * FROM fund_projects WHERE " + sql
    if sector:
        sql, params = sql + " AND sector_name = ?", params + [sector]
    if town:
        # Projects run in every town (town_name NULL) still concern the chosen town.
        sql, params = sql + " AND (town_name = ? OR town_name IS NULL)", params + [town]
    return query(sql + " ORDER BY project_no, doc_id", params)


@st.cache_data(**CACHE)
def fund_project_sources(project_nos: tuple[int, ...] | None = None, bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins)
    if project_nos is None:
        return query(f"SELECT * FROM fund_project_sources WHERE {where} ORDER BY project_no, doc_id, line", params)
    return query(f"""SELECT * FROM fund_project_sources WHERE {where} AND list_contains(?, project_no)
                     ORDER BY project_no, doc_id, line""", params + [list(project_nos)])


@st.cache_data(**CACHE)
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


@st.cache_data(**CACHE)
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


@st.cache_data(**CACHE)
def rural_indicator_categories(doc_id: str | None = None) -> list[str]:
    """Indicator categories in table order."""
    return query("""SELECT category FROM rural_indicators WHERE ? IS NULL OR doc_id = ?
                    GROUP BY category ORDER BY min(seq), category""", [doc_id, doc_id]).category.tolist()


@st.cache_data(**CACHE)
def rural_indicator(name_contains: str, bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins, "i.doc_id")
    indicators = query(f"SELECT * FROM rural_indicators i WHERE {where} AND name LIKE '%' || ? || '%' ORDER BY seq, doc_id",
                       params + [name_contains])
    values = query(f"""SELECT v.* FROM rural_indicator_values v JOIN rural_indicators i USING (doc_id, seq)
                       WHERE {where} AND i.name LIKE '%' || ? || '%'""", params + [name_contains])
    return _with_year_columns(indicators, values)


# ---- 通户道路 ---------------------------------------------------------------

@st.cache_data(**CACHE)
def road_towns(town: str | None = None, bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins, "r.doc_id")
    sql = (f"SELECT r.*, t.town_code FROM road_towns r LEFT JOIN {TOWNS_IN_SCOPE} t USING (town_name) WHERE {where}"
           + (" AND r.town_name = ?" if town else "") + " ORDER BY r.listed_count DESC, t.town_code")
    return query(sql, params + ([town] if town else []))


@st.cache_data(**CACHE)
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


@st.cache_data(**CACHE)
def road_milestones(bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins)
    return query(f"SELECT * FROM road_milestones WHERE {where} ORDER BY step_no, doc_id", params)


@st.cache_data(**CACHE)
def road_standards(bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins)
    return query(f"SELECT * FROM road_standards WHERE {where} ORDER BY doc_id, line", params)


@st.cache_data(**CACHE)
def road_funding(bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins)
    return query(f"SELECT * FROM road_funding WHERE {where} ORDER BY doc_id, line", params)


@st.cache_data(**CACHE)
def towns_without_roads(bulletins: Bulletins = None) -> pd.DataFrame:
    # towns of the districts whose road plan is in scope that the plan lists no village for
    where, params = scoped(bulletins, "r.doc_id")
    return query(f"""WITH r AS (SELECT r.town_name, d.district FROM road_towns r JOIN documents d USING (doc_id)
                                WHERE {where})
                     SELECT t.* FROM {TOWNS_IN_SCOPE} t
                     WHERE t.district IN (SELECT district FROM r) AND town_name NOT IN (SELECT town_name FROM r)
                     ORDER BY town_code""", params)


# ---- 医保征缴 ---------------------------------------------------------------

@st.cache_data(**CACHE)
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


@st.cache_data(**CACHE)
def insurance_premiums(bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins)
    return query(f"SELECT * FROM insurance_premiums WHERE {where} ORDER BY amount_yuan, doc_id", params)


@st.cache_data(**CACHE)
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


@st.cache_data(**CACHE)
def insurance_contacts(town: str | None = None, doc_id: str | None = None) -> pd.DataFrame:
    """Phone numbers (of one document): the town's own and the district-wide ones."""
    return query("""SELECT * FROM insurance_contacts
                    WHERE (? IS NULL OR town_name = ? OR town_name IS NULL) AND (? IS NULL OR doc_id = ?)
                    ORDER BY kind, line, doc_id""", [town, town, doc_id, doc_id])


@st.cache_data(**CACHE)
def insurance_schedule(bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins)
    return query(f"SELECT * FROM insurance_schedule WHERE {where} ORDER BY step_no, doc_id", params)


# ---- 承诺 -------------------------------------------------------------------

@st.cache_data(**CACHE)
def targets(topic_prefix: str | None = None, doc_id: str | None = None, bulletins: Bulletins = None) -> pd.DataFrame:
    """Targets whose topic starts with `topic_prefix`, of one document when `doc_id` is given (a page
    shows one plan: every compendium repeats the topics)."""
    where, params = scoped(bulletins)
    if topic_prefix:
        return query(f"""SELECT * FROM targets WHERE {where} AND starts_with(topic, ?) AND (? IS NULL OR doc_id = ?)
                         ORDER BY deadline NULLS LAST, line""", params + [topic_prefix, doc_id, doc_id])
    return query(f"""SELECT * FROM targets WHERE {where} AND (? IS NULL OR doc_id = ?)
                     ORDER BY deadline NULLS LAST, doc_id, line""", params + [doc_id, doc_id])


@st.cache_data(**CACHE)
def topic_doc(topic_prefix: str, bulletins: Bulletins = None) -> str | None:
    """The document whose targets carry this topic (the first by doc_id when several bulletins do)."""
    where, params = scoped(bulletins)
    value = query(f"SELECT min(doc_id) AS doc_id FROM targets WHERE {where} AND starts_with(topic, ?)",
                  params + [topic_prefix]).doc_id.iloc[0]
    return None if pd.isna(value) else value


@st.cache_data(**CACHE)
def target_counts(bulletins: Bulletins = None) -> pd.DataFrame:
    """Per district: commitments, those with a deadline, and the documents they come from."""
    where, params = scoped(bulletins)
    return query(f"""SELECT district, count(*) AS targets, count(deadline) AS dated, count(DISTINCT doc_id) AS docs
                     FROM targets WHERE {where} GROUP BY district ORDER BY district""", params)


@st.cache_data(**CACHE)
def target_deadline_months(bulletins: Bulletins = None) -> pd.DataFrame:
    """Commitments with a deadline, counted per district and month (month = its first day)."""
    where, params = scoped(bulletins)
    return query(f"""SELECT district, date_trunc('month', deadline) AS month, count(*) AS n FROM targets
                     WHERE {where} AND deadline IS NOT NULL GROUP BY ALL ORDER BY month, district""", params)


# ---- 文件库与数据页（pages/documents.py、pages/data.py）------------------------------
# The catalogue of the document library (filters by edition, issuer, text) is in store/catalog.py.

@st.cache_data(**CACHE)
def document_titles(doc_ids: tuple[str, ...]) -> dict[str, str]:
    """Titles of some documents (e.g. of search hits)."""
    frame = query("SELECT doc_id, title FROM documents WHERE list_contains(?, doc_id)", [list(doc_ids)])
    return dict(zip(frame.doc_id, frame.title))
