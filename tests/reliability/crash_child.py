"""Child processes for the reliability tests.

    python crash_child.py import <store> [pause]         writes hotline imports in a loop (to be SIGKILLed)
    python crash_child.py build <tables.pickle> <out> [pause]  writes the curated file (to be SIGKILLed)
    python crash_child.py writer <store> <name> <n>      n imports/edits, then prints "done" (concurrent writers)
    python crash_child.py reader <store> <seconds>       reads the store in a loop, prints what it saw

Each prints "ready" once its imports are done, waits for "go" on stdin, then works. The tests do not
start it as a script: conftest.Child forks it from a process that has already imported what it uses
(serve() below, stdin/stdout as pipes); the command lines above run the same modes by hand.

`pause` stops the child at one moment of its write, prints "paused <pause>" and waits to be killed,
so a test can kill it exactly there instead of hoping a random time lands there:
imports: before-commit (rows inserted, transaction open), after-commit;
builds: before-write (no temp file yet), before-checkpoint (temp file half written),
before-rename (temp file complete), after-rename (the new file in place).
The import loop is deterministic: write j (numbered on from the writes already in the
store) is `expected_write(j)`, so the parent can compute what the store must hold after
any number of committed writes.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

if TYPE_CHECKING:
    import duckdb

ROWS = 40
UNITS = [f"试验{i:02d}街道" for i in range(ROWS // 2)] + [f"区试验局{i:02d}" for i in range(ROWS // 2)]
REPLACED_MONTH = "2025-07"
FILE = "write-{}.csv"


def expected_write(j: int) -> tuple[str, float, bool]:
    """(month, satisfaction, replaces) of write j: even writes replace 2025-07 with a new
    version, odd writes add a new month."""
    if j % 2 == 0:
        return REPLACED_MONTH, 50.0 + j % 40, True
    return f"{2030 + j // 24}-{(j // 2) % 12 + 1:02d}", 10.0 + j % 40, False


def frame(month: str, value: float) -> pd.DataFrame:
    return pd.DataFrame([{"unit": u, "peer_group": "镇街" if u.endswith("街道") else "部门", "month": month,
                          "cut": "月末", "satisfaction_pct": value, "resolution_pct": value, "participation_pct": 60.0,
                          "backlog_start": 10, "new_count": 5, "resolved": 3} for u in UNITS])


def pause_here(point: str) -> None:
    """Say where we are and wait for the SIGKILL."""
    import time

    print(f"paused {point}", flush=True)
    while True:
        time.sleep(60)


class _Pausing:
    """A DuckDB connection that pauses at one statement (delegates everything else)."""

    def __init__(self, con, before=None, after=None):
        self._con, self._before, self._after = con, before, after

    def __getattr__(self, name):
        return getattr(self._con, name)

    def commit(self):
        if self._before == "commit":
            pause_here("before-commit")
        self._con.commit()
        if self._after == "commit":
            pause_here("after-commit")

    def execute(self, sql, *args, **kwargs):
        if self._before == "checkpoint" and str(sql).strip().upper() == "CHECKPOINT":
            pause_here("before-checkpoint")
        return self._con.execute(sql, *args, **kwargs)


def pausing(con: duckdb.DuckDBPyConnection, **when: str) -> duckdb.DuckDBPyConnection:
    """`con`, pausing at one statement; it stands in for the connection it wraps (duck typing)."""
    return cast("duckdb.DuckDBPyConnection", _Pausing(con, **when))


def run_imports(path: str, pause: str | None = None) -> None:
    from hotline import auth
    from store import hotline as hotline_store
    from store.hotline import HotlineStore

    if pause:
        connect = hotline_store._connect
        when = {"before-commit": {"before": "commit"}, "after-commit": {"after": "commit"}}[pause]
        hotline_store._connect = lambda *a, **k: pausing(connect(*a, **k), **when)
    store = HotlineStore(path)
    actor = auth.Actor("crash", auth.EDITOR)
    print("ready", flush=True)
    sys.stdin.readline()
    j = int(store.audit()["file_name"].str.startswith("write-").sum())
    while True:
        month, value, replaces = expected_write(j)
        store.write(actor, "units", frame(month, value), FILE.format(j), f"sha-{j}", replace=replaces)
        j += 1


def run_build(parsed: str, out: str, pause: str | None = None) -> None:
    """The writing half of a curated build; the parent parsed the bulletins once (parsing
    touches no file) and pickled the tables, so every kill lands while files are written."""
    import os
    import pickle

    import duckdb

    from loaders.build import write_database

    if pause == "before-checkpoint":
        connect = duckdb.connect
        duckdb.connect = lambda *a, **k: pausing(connect(*a, **k), before="checkpoint")
    if pause in ("before-rename", "after-rename"):
        rename = os.replace

        def replace(src, dst, *args, **kwargs):
            if Path(dst) == Path(out) and pause == "before-rename":
                pause_here(pause)
            rename(src, dst, *args, **kwargs)
            if Path(dst) == Path(out):
                pause_here(pause)

        os.replace = replace
    tables, info = pickle.loads(Path(parsed).read_bytes())
    print("ready", flush=True)
    sys.stdin.readline()
    if pause == "before-write":
        pause_here(pause)
    write_database(tables, info, Path(out))
    print("built", flush=True)


def writer_op(name: str, i: int) -> tuple[str, float, bool]:
    """Operation i of writer `name`: even ops edit (replace) the shared month, odd ops import a month of its own."""
    if i % 2 == 0:
        return REPLACED_MONTH, 50.0 + i % 40, True
    base = 2040 if name == "a" else 2060
    return f"{base + i // 24}-{(i // 2) % 12 + 1:02d}", 10.0 + i % 40, False


def run_writer(path: str, name: str, count: str) -> None:
    from hotline import auth
    from store.hotline import HotlineStore

    store = HotlineStore(path)
    actor = auth.Actor(f"writer-{name}", auth.EDITOR)
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(int(count)):
        month, value, replaces = writer_op(name, i)
        store.write(actor, "units", frame(month, value), f"{name}-{i}.csv", f"sha-{name}-{i}", replace=replaces)
    print("done", flush=True)


def run_reader(path: str, seconds: str) -> None:
    """Reads while others write: every read must succeed and show the shared month whole."""
    import json
    import time

    import duckdb

    from store.hotline import HotlineStore

    store = HotlineStore(path)
    print("ready", flush=True)
    sys.stdin.readline()
    reads, partial, errors = 0, 0, []
    end = time.monotonic() + float(seconds)
    while time.monotonic() < end:
        try:
            units = store.units()
        except (duckdb.Error, OSError) as exc:  # reported, not raised: the parent asserts there were none
            errors.append(f"{type(exc).__name__}: {exc}")
            continue
        shared = units[units.month == REPLACED_MONTH]
        partial += int(len(shared) != ROWS or shared.import_id.nunique() != 1 or shared.satisfaction_pct.nunique() != 1)
        reads += 1
    print(json.dumps({"reads": reads, "partial": partial, "errors": errors[:5]}), flush=True)


MODES: dict[str, Callable[..., None]] = {"import": run_imports, "build": run_build, "writer": run_writer,
                                         "reader": run_reader}


def serve(stdin, stdout, errors: str, mode: str, *args: str) -> None:
    """Entry point of a child forked by conftest.Child: `stdin`/`stdout` are the parent's pipes (Connection
    objects, used for their descriptors), `errors` the file stderr goes to; then the mode runs as above."""
    import os

    error_file = open(errors, "a", encoding="utf-8")  # noqa: SIM115 - the child's stderr until it ends
    os.dup2(error_file.fileno(), 2)
    sys.stderr = error_file
    sys.stdin = os.fdopen(os.dup(stdin.fileno()), "r")
    sys.stdout = os.fdopen(os.dup(stdout.fileno()), "w")
    stdin.close()
    stdout.close()
    MODES[mode](*args)
    sys.stdout.flush()


if __name__ == "__main__":
    MODES[sys.argv[1]](*sys.argv[2:])
