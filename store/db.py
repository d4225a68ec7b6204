"""The curated database as the store reads it: one read-only connection per process, a cursor per
query, frames out. Plain Python, no web framework: the app decides what to cache (ui/data.py).

The connection is shared by every thread (Streamlit runs one per session run); DuckDB connections
are not thread-safe, so each query takes a cursor of its own. The app swaps in a rebuilt database by
renaming the new file over the served one, and tests point GAZETTE_DB at another file: connection()
notices either (the file's identity changed) and opens the file now at the path. reset() forgets the
connection at once, for code that has just replaced the file.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.types as pat

ROOT = Path(__file__).resolve().parents[1]
F = TypeVar("F", bound=Callable)


_CACHEABLE = "cacheable"  # the attribute that marks a function


def cacheable(function: F) -> F:
    """Mark a store function whose answer depends only on its arguments and the served database, so
    the app may cache it (ui/data.py does; the store itself caches nothing)."""
    setattr(function, _CACHEABLE, True)
    return function


def is_cacheable(value: object) -> bool:
    return callable(value) and getattr(value, _CACHEABLE, False) is True


def database_path() -> Path:
    return Path(os.environ.get("GAZETTE_DB", ROOT / "data" / "build" / "gazette.duckdb"))


# ---- the process's connection ------------------------------------------------------

_lock = threading.Lock()
_open: tuple[tuple | None, duckdb.DuckDBPyConnection] | None = None    # (identity of the file, its connection)


def _identity(path: Path) -> tuple | None:
    """What changes when another file is put at `path` (None: there is no file)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return str(path), stat.st_dev, stat.st_ino, stat.st_mtime_ns, stat.st_size


def connection() -> duckdb.DuckDBPyConnection:
    """The read-only connection to the file now at database_path(); take a .cursor() per query."""
    global _open
    path = database_path()
    identity = _identity(path)
    held = _open
    if held is not None and identity is not None and held[0] == identity:
        return held[1]
    with _lock:
        current = _open
        if current is None or identity is None or current[0] != identity:
            # The old connection is dropped, not closed: a reader may still be using a cursor of it.
            current = _open = (identity, open_read_only(path))
        return current[1]


def reset() -> None:
    """Forget the connection (the next query opens the file at the path again)."""
    global _open
    with _lock:
        _open = None


def open_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the file now at `path`.

    DuckDB hands back the instance it already has open for a path: after a rebuild renamed a new
    file over `path`, a reader still holding a cursor of the old connection would make the new
    connection read the old file. So each build's file is opened under a name of its own, a hard
    link named by its inode beside it; links of replaced files are removed (open ones stay readable
    until closed). Where links cannot be made, `path` itself."""
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


# What a read can raise when the database is missing or older than the code (no such table/column).
READ_ERRORS: tuple[type[Exception], ...] = (duckdb.Error,)


def query(sql: str, params: list | None = None) -> pd.DataFrame:
    cursor = connection().cursor()
    try:
        return arrow_frame(cursor.sql(sql, params=params or None).to_arrow_table())
    finally:
        cursor.close()


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
