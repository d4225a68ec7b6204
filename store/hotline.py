"""The writable hotline store: an embedded DuckDB file, separate from the rebuilt curated database.

    real records  GAZETTE_USER_DB  (default data/user/hotline.duckdb)
    demo records  GAZETTE_DEMO_DB  (default data/demo/hotline_demo.duckdb), filled only on request

Rules kept here, not in the page:
- every write checks the actor's role (editors only) before touching the file;
- every write is one transaction: history copy, delete, insert and the audit row commit together
  or not at all;
- a write that would replace stored rows (a month imported again) is refused with
  NeedsConfirmation unless the caller passes replace=True; replaced rows go to `replaced_rows`;
- one writer at a time: a lock per file inside the process and an flock across processes;
- no lost update: a caller that read rows before editing them passes the `version` it read;
  the write is refused with Conflict if someone else wrote those months in between
  (NeedsConfirmation carries the version of the rows it asked about, for the same purpose);
- the audit log is append-only: this module has no statement that updates or deletes it.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from hotline import demo
from hotline.auth import Actor
from hotline.fields import DISTRICT, DRIVES, KIND_LABELS, KINDS, REPLACE_SCOPE, SCORES, UNITS
from hotline.validate import COLUMNS
from textkit.msg import N_

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_USER_DB = ROOT / "data" / "user" / "hotline.duckdb"
DEFAULT_DEMO_DB = ROOT / "data" / "demo" / "hotline_demo.duckdb"
CHINA = dt.timezone(dt.timedelta(hours=8), "CST")

TABLE = {UNITS: "unit_month", DISTRICT: "district_rank", DRIVES: "field_drive", SCORES: "unit_score"}
_MONTH = r"regexp_full_match(month, '\d{4}-(0[1-9]|1[0-2])')"
_PCT = "BETWEEN 0 AND 100"

SCHEMA = [
    f"""CREATE TABLE IF NOT EXISTS district_rank (
        month VARCHAR NOT NULL CHECK ({_MONTH}),
        indicator VARCHAR NOT NULL CHECK (indicator IN ('满意率', '解决率')),
        cut VARCHAR NOT NULL CHECK (cut IN ('月中', '月末')),
        value_pct DOUBLE CHECK (value_pct {_PCT}),
        rank INTEGER NOT NULL CHECK (rank >= 1),
        ranked_units INTEGER NOT NULL CHECK (ranked_units >= rank),
        import_id BIGINT NOT NULL,
        PRIMARY KEY (month, indicator, cut))""",
    f"""CREATE TABLE IF NOT EXISTS unit_month (
        unit VARCHAR NOT NULL CHECK (length(unit) > 0),
        peer_group VARCHAR NOT NULL CHECK (peer_group IN ('部门', '镇街')),
        month VARCHAR NOT NULL CHECK ({_MONTH}),
        cut VARCHAR NOT NULL CHECK (cut IN ('月中', '月末')),
        satisfaction_pct DOUBLE CHECK (satisfaction_pct {_PCT}),
        resolution_pct DOUBLE CHECK (resolution_pct {_PCT}),
        participation_pct DOUBLE CHECK (participation_pct {_PCT}),
        backlog_start INTEGER CHECK (backlog_start >= 0),
        new_count INTEGER CHECK (new_count >= 0),
        resolved INTEGER CHECK (resolved >= 0),
        import_id BIGINT NOT NULL,
        PRIMARY KEY (unit, month, cut))""",
    f"""CREATE TABLE IF NOT EXISTS field_drive (
        topic VARCHAR NOT NULL CHECK (length(topic) > 0),
        topic_key VARCHAR,
        month VARCHAR NOT NULL CHECK ({_MONTH}),
        open_start INTEGER NOT NULL CHECK (open_start >= 0),
        new_count INTEGER NOT NULL CHECK (new_count >= 0),
        resolved INTEGER NOT NULL CHECK (resolved >= 0),
        open_end INTEGER NOT NULL CHECK (open_end >= 0),
        import_id BIGINT NOT NULL,
        PRIMARY KEY (topic, month))""",
    # a composite score (考评得分) on its own scale, for a month or a cumulative period (period_start..month),
    # ranked within a peer group as printed ('' = not grouped)
    f"""CREATE TABLE IF NOT EXISTS unit_score (
        unit VARCHAR NOT NULL CHECK (length(unit) BETWEEN 1 AND 50),
        peer_group VARCHAR NOT NULL CHECK (length(peer_group) <= 50),
        period_start VARCHAR NOT NULL CHECK (regexp_full_match(period_start, '\\d{{4}}-(0[1-9]|1[0-2])')),
        month VARCHAR NOT NULL CHECK ({_MONTH} AND month >= period_start),
        cut VARCHAR NOT NULL CHECK (cut IN ('月中', '月末')),
        metric VARCHAR NOT NULL CHECK (length(metric) BETWEEN 1 AND 60),
        score DOUBLE NOT NULL CHECK (score >= 0),
        scale DOUBLE NOT NULL CHECK (scale > 0 AND scale <= 1000 AND score <= scale),
        rank INTEGER CHECK (rank >= 1),
        tickets INTEGER CHECK (tickets >= 0),
        import_id BIGINT NOT NULL,
        PRIMARY KEY (unit, peer_group, period_start, month, cut))""",
    """CREATE TABLE IF NOT EXISTS replaced_rows (
        replaced_at VARCHAR NOT NULL,
        replaced_by VARCHAR NOT NULL,
        replaced_by_import BIGINT NOT NULL,
        table_name VARCHAR NOT NULL,
        original_import BIGINT,
        row_json VARCHAR NOT NULL)""",
    "CREATE SEQUENCE IF NOT EXISTS audit_seq START 1",
    """CREATE TABLE IF NOT EXISTS audit_log (
        audit_id BIGINT PRIMARY KEY,
        logged_at VARCHAR NOT NULL,
        who VARCHAR NOT NULL,
        role VARCHAR NOT NULL,
        action VARCHAR NOT NULL,
        kind VARCHAR,
        what VARCHAR NOT NULL,
        file_name VARCHAR,
        sha256 VARCHAR,
        rows_written INTEGER NOT NULL,
        rows_replaced INTEGER NOT NULL)""",
    "CREATE TABLE IF NOT EXISTS store_info (key VARCHAR PRIMARY KEY, value VARCHAR)",
]

AUDIT_COLUMNS = ["audit_id", "logged_at", "who", "role", "action", "kind", "what", "file_name", "sha256",
                 "rows_written", "rows_replaced"]
HISTORY_COLUMNS = ["replaced_at", "replaced_by", "replaced_by_import", "table_name", "original_import", "row_json"]


class NotAllowed(PermissionError):
    """A viewer (not signed in as editor) tried to write."""


class NeedsConfirmation(Exception):
    """The write would replace stored rows; ask the user, then call again with replace=True
    (and expected_version=self.version, so rows changed meanwhile are not replaced unseen)."""

    def __init__(self, kind: str, existing: pd.DataFrame, version: str = ""):
        self.kind = kind
        self.existing = existing
        self.version = version
        months = sorted(set(existing["month"])) if "month" in existing else []
        self.months = months
        super().__init__(f"{KIND_LABELS[kind]}中{'、'.join(months)}已有 {len(existing)} 行记录，确认后才会替换")


class Conflict(Exception):
    """The months being written changed since the caller read them (another editor wrote)."""


# What else write() can raise when nothing was written: a constraint or cast the validation missed
# (duckdb.Error), a refused kind or empty/demo write (ValueError), the store file or its lock (OSError).
WRITE_ERRORS: tuple[type[Exception], ...] = (duckdb.Error, ValueError, OSError)


@dataclass(frozen=True)
class WriteResult:
    audit_id: int
    written: int
    replaced: int


def user_db_path() -> Path:
    return Path(os.environ.get("GAZETTE_USER_DB") or DEFAULT_USER_DB)


def demo_db_path() -> Path:
    return Path(os.environ.get("GAZETTE_DEMO_DB") or DEFAULT_DEMO_DB)


def records_sha256(records: pd.DataFrame) -> str:
    """Fingerprint of rows typed into the editor (uploaded files are hashed from their bytes)."""
    return hashlib.sha256(records.to_csv(index=False).encode("utf-8")).hexdigest()


_LOCKS: dict[str, threading.RLock] = {}
_LOCKS_GUARD = threading.Lock()


def _thread_lock(path: Path) -> threading.RLock:
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(str(path.resolve()), threading.RLock())


def _now() -> str:
    return dt.datetime.now(CHINA).isoformat(timespec="seconds")


def _connect(path: Path, attempts: int = 50) -> duckdb.DuckDBPyConnection:
    """Open the file; another process holding it briefly makes us wait, not fail."""
    for attempt in range(attempts):
        try:
            return duckdb.connect(str(path))
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or attempt == attempts - 1:
                raise
            time.sleep(0.1)
    raise AssertionError("unreachable")


class HotlineStore:
    def __init__(self, path: Path | str, demo_store: bool = False):
        self.path = Path(path)
        self.demo_store = demo_store

    # ---- reading -------------------------------------------------------------------------
    def exists(self) -> bool:
        return self.path.exists()

    @contextlib.contextmanager
    def _reader(self) -> Iterator[duckdb.DuckDBPyConnection | None]:
        if not self.path.exists():
            yield None  # a viewer never creates the file
            return
        with _thread_lock(self.path):
            con = _connect(self.path)
            try:
                yield con
            finally:
                con.close()

    def _query(self, sql: str, columns: list[str], params: list | None = None) -> pd.DataFrame:
        with self._reader() as con:
            if con is None or not _has_schema(con):
                return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
            return con.execute(sql, params or []).df()

    def records(self, kind: str) -> pd.DataFrame:
        """Stored rows of one kind, in COLUMNS[kind] order (plus import_id)."""
        cols = COLUMNS[kind] + ["import_id"]
        order = {UNITS: "month, cut, peer_group, unit", DISTRICT: "month, indicator, cut", DRIVES: "topic, month",
                 SCORES: "month, period_start, cut, peer_group, rank NULLS LAST, score DESC, unit"}[kind]
        return self._query(f"SELECT {', '.join(cols)} FROM {TABLE[kind]} ORDER BY {order}", cols)

    def units(self) -> pd.DataFrame:
        return self.records(UNITS)

    def district(self) -> pd.DataFrame:
        return self.records(DISTRICT)

    def drives(self) -> pd.DataFrame:
        return self.records(DRIVES)

    def scores(self) -> pd.DataFrame:
        return self.records(SCORES)

    def audit(self) -> pd.DataFrame:
        return self._query(f"SELECT {', '.join(AUDIT_COLUMNS)} FROM audit_log ORDER BY audit_id DESC", AUDIT_COLUMNS)

    def history(self) -> pd.DataFrame:
        return self._query(f"SELECT {', '.join(HISTORY_COLUMNS)} FROM replaced_rows ORDER BY replaced_at DESC",
                           HISTORY_COLUMNS)

    def is_empty(self) -> bool:
        return all(self.records(k).empty for k in KINDS)

    def version(self, kind: str, months) -> str:
        """Fingerprint of the stored rows of `months` (all cuts/indicators/topics): read it with the
        rows an editor starts from, pass it to write(expected_version=…)."""
        with self._reader() as con:
            if con is None or not _has_schema(con):
                return _fingerprint(pd.DataFrame())
            return _months_version(con, kind, months)

    def existing(self, kind: str, records: pd.DataFrame) -> pd.DataFrame:
        """Stored rows that writing `records` would replace (same month/cut, month/indicator/cut, topic/month)."""
        scope = list(REPLACE_SCOPE[kind])
        with self._reader() as con:
            if con is None or not _has_schema(con):
                return pd.DataFrame(columns=COLUMNS[kind])
            con.register("incoming", records[scope].drop_duplicates())
            return con.execute(_scope_select(kind, "*")).df()

    # ---- writing -------------------------------------------------------------------------
    @contextlib.contextmanager
    def _writer(self) -> Iterator[duckdb.DuckDBPyConnection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _thread_lock(self.path):
            lock_path = self.path.with_name(self.path.name + ".lock")
            with open(lock_path, "a+") as lock_file:
                fcntl.flock(lock_file, fcntl.LOCK_EX)
                con = _connect(self.path)
                try:
                    for statement in SCHEMA:
                        con.execute(statement)
                    yield con
                finally:
                    con.close()
                    fcntl.flock(lock_file, fcntl.LOCK_UN)

    def write(self, actor: Actor, kind: str, records: pd.DataFrame, file_name: str, sha256: str,
              replace: bool = False, action: str = "导入", expected_version: str | None = None) -> WriteResult:
        """Store validated records in one transaction. Editors only; audited.

        `expected_version`: what version() returned when the caller read the rows it edits;
        if the stored rows of those months differ now, Conflict and nothing is written."""
        require_editor(actor)
        if kind not in KINDS:
            raise ValueError(f"未知的数据类型：{kind}")
        if records.empty:
            raise ValueError("没有要写入的数据")
        if self.demo_store and action != N_("演示数据"):
            raise ValueError("演示库只能整体生成演示数据，不接受导入")
        frame = records[COLUMNS[kind]].copy()
        with self._writer() as con:
            con.register("incoming", frame)
            con.begin()
            try:
                months = sorted(set(frame["month"].astype(str)))
                current = _months_version(con, kind, months)
                if expected_version is not None and expected_version != current:
                    raise Conflict(_conflict_message(con, kind, months))
                existing = con.execute(_scope_select(kind, "*")).df()
                if not existing.empty and not replace:
                    raise NeedsConfirmation(kind, existing, current)
                audit_id = _scalar(con, "SELECT nextval('audit_seq')")
                now = _now()
                table = TABLE[kind]
                con.execute(f"""INSERT INTO replaced_rows
                    SELECT ?, ?, ?, ?, t.import_id, to_json(t)::VARCHAR FROM ({_scope_select(kind, '*')}) t""",
                            [now, actor.user, audit_id, table])
                con.execute(f"DELETE FROM {table} WHERE ({', '.join(REPLACE_SCOPE[kind])}) IN "
                            f"(SELECT ({', '.join(REPLACE_SCOPE[kind])}) FROM incoming)")
                con.execute(f"INSERT INTO {table} ({', '.join(COLUMNS[kind])}, import_id) "
                            f"SELECT {', '.join(_casts(kind))}, ? FROM incoming", [audit_id])
                written = "、".join(months)
                what = f"{action}{KIND_LABELS[kind]} {written}：写入 {len(frame)} 行" + (
                    f"，替换 {len(existing)} 行（原记录已存入历史）" if len(existing) else "")
                con.execute("INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            [audit_id, now, actor.user, actor.role, action, kind, what, file_name, sha256,
                             len(frame), len(existing)])
                con.commit()
            except BaseException:
                con.rollback()
                raise
        return WriteResult(int(audit_id), len(frame), len(existing))

    def fill_demo(self, actor: Actor) -> list[WriteResult]:
        """Replace the demo store's content with the made-up records (only for the demo store)."""
        require_editor(actor)
        if not self.demo_store:
            raise ValueError("演示数据只能写入演示库，不能写入正式库")
        frames = {UNITS: demo.demo_units(), DISTRICT: demo.demo_district(), DRIVES: demo.demo_drives()}
        out = []
        for kind, frame in frames.items():
            sha = records_sha256(frame)
            out.append(self.write(actor, kind, frame, "演示数据（随机生成）", sha, replace=True, action="演示数据"))
        return out


def require_editor(actor: Actor | None) -> None:
    if actor is None or not actor.can_write:
        raise NotAllowed("只有已登录的编辑可以写入热线数据（当前为只读访客）")


def _has_schema(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(_scalar(con, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'audit_log'"))


def _scalar(con: duckdb.DuckDBPyConnection, sql: str):
    """The one value of a query that always returns one row (an aggregate, nextval)."""
    row = con.execute(sql).fetchone()
    assert row is not None, sql
    return row[0]


def _fingerprint(rows: pd.DataFrame) -> str:
    if rows.empty:
        return "empty"
    ordered = rows.sort_values(list(rows.columns)).reset_index(drop=True)
    return hashlib.sha256(ordered.to_csv(index=False).encode("utf-8")).hexdigest()


def _months_version(con: duckdb.DuckDBPyConnection, kind: str, months) -> str:
    rows = con.execute(f"SELECT * FROM {TABLE[kind]} WHERE list_contains(?, month)", [sorted(set(months))]).df()
    return _fingerprint(rows)


def _conflict_message(con: duckdb.DuckDBPyConnection, kind: str, months: list[str]) -> str:
    last = con.execute(f"""SELECT a.audit_id, a.who, a.logged_at FROM audit_log a
                           WHERE a.audit_id IN (SELECT import_id FROM {TABLE[kind]} WHERE list_contains(?, month))
                           ORDER BY a.audit_id DESC LIMIT 1""", [months]).fetchone()
    who = f"（最近一次：批次 {last[0]}，{last[1]}，{last[2][:16].replace('T', ' ')}）" if last else ""
    return (f"{KIND_LABELS[kind]} {'、'.join(months)} 在你编辑期间已被其他人修改{who}。"
            "本次未写入任何数据：请刷新页面，核对最新数据后再保存。")


def _scope_select(kind: str, what: str) -> str:
    scope = ", ".join(REPLACE_SCOPE[kind])
    return f"SELECT {what} FROM {TABLE[kind]} WHERE ({scope}) IN (SELECT ({scope}) FROM incoming)"


def _casts(kind: str) -> list[str]:
    ints = {"backlog_start", "new_count", "resolved", "rank", "ranked_units", "open_start", "open_end", "tickets"}
    floats = {"satisfaction_pct", "resolution_pct", "participation_pct", "value_pct", "score", "scale"}
    out = []
    for c in COLUMNS[kind]:
        if c in ints:
            out.append(f"CAST({c} AS INTEGER)")
        elif c in floats:
            out.append(f"CAST({c} AS DOUBLE)")
        else:
            out.append(f"CAST({c} AS VARCHAR)")
    return out


def history_rows(history: pd.DataFrame) -> pd.DataFrame:
    """Replaced rows with their JSON unpacked into columns (for display and download)."""
    if history.empty:
        return history
    unpacked = pd.DataFrame([json.loads(j) for j in history["row_json"]])
    return pd.concat([history.drop(columns="row_json").reset_index(drop=True), unpacked], axis=1)
