"""Shared helpers for the reliability suite: a digest of every table of a store (to prove
"nothing changed"), the page's import path, a seeded hotline store, warm child processes,
and `browse()` (Chromium in a process of its own; see browse.py).

Slow parts carry @pytest.mark.slow; CI runs them anyway (README: `pytest -q` runs everything).
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO

import duckdb
import pandas as pd
import pytest

from hotline import auth
from hotline.fields import UNITS, auto_mapping
from hotline.reader import ReadError, read_table
from hotline.validate import FileContext, check, guess_kind
from store import hotline as hstore
from store.hotline import HotlineStore
from tests.browser.conftest import start_app  # noqa: F401 — used by the browser tests of this folder

EDITOR = auth.Actor("reliability", auth.EDITOR)
CJK = re.compile(r"[\u4e00-\u9fff]")


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: takes tens of seconds (kills, processes, a real browser); still run by CI")


def store_digest(path: Path) -> str:
    """sha256 over every row of every table (sorted), or 'absent' when the file does not exist."""
    if not Path(path).exists():
        return "absent"
    digest = hashlib.sha256()
    with hstore._thread_lock(Path(path)):
        con = duckdb.connect(str(path), read_only=True)
        try:
            names = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
            for name in names:
                frame = con.execute(f'SELECT * FROM "{name}"').df()
                frame = frame.sort_values(list(frame.columns)).reset_index(drop=True) if not frame.empty else frame
                digest.update(name.encode() + b"\0" + frame.to_csv(index=False).encode())
        finally:
            con.close()
    return digest.hexdigest()


def preview_file(data: bytes, name: str, kind: str | None = None, context: FileContext | None = None):
    """The page's preview (read → guess kind → map → check): a Checked, or the ReadError's message."""
    try:
        table = read_table(data, name)
    except ReadError as exc:
        return [exc.args[0]]
    kind = kind or guess_kind(table.headers)
    return check(table, kind, auto_mapping(kind, table.headers), context or FileContext(file_name=name))


def shown_in_preview(checked) -> list[str]:
    """Everything the preview shows in words: notes, the unknown-unit question, every error, row notes."""
    if isinstance(checked, list):
        return checked
    question = checked.unknown_units_question()
    row_notes = [f"第{r}行：{n}" for r, notes in checked.row_notes.items() for n in notes]
    return list(checked.notes) + ([question] if question else []) + checked.messages() + row_notes


def import_file(store: HotlineStore, data: bytes, name: str, kind: str | None = None,
                confirm_units: bool = False, context: FileContext | None = None) -> list[str]:
    """The page's import path (read → guess kind → map → check → write only when ok and, when the
    file names units the product does not know, only after the user confirmed them).
    Returns the Chinese messages the page would show; [] means the file was written."""
    checked = preview_file(data, name, kind, context)
    if isinstance(checked, list):
        return checked
    if not checked.ok:
        return checked.messages() or ["（没有消息）"]
    if checked.unknown_units and not confirm_units:
        return [checked.unknown_units_question()]
    store.write(EDITOR, checked.kind, checked.records, name, hashlib.sha256(data).hexdigest())
    return []


def month_units(month: str, value: float, units: list[str]) -> pd.DataFrame:
    return pd.DataFrame([{"unit": u, "peer_group": "镇街" if u.endswith("街道") else "部门", "month": month, "cut": "月末",
                          "satisfaction_pct": value, "resolution_pct": value, "participation_pct": 60.0,
                          "backlog_start": 10, "new_count": 5, "resolved": 3} for u in units])


TOWNS = [f"试验{i:02d}街道" for i in range(20)] + [f"区试验局{i:02d}" for i in range(20)]


@pytest.fixture
def seeded_store(tmp_path) -> HotlineStore:
    """A store that already holds two months, so 'unchanged' means something."""
    store = HotlineStore(tmp_path / "user" / "hotline.duckdb")
    store.write(EDITOR, UNITS, month_units("2025-06", 90.0, TOWNS), "六月.csv", "s6")
    store.write(EDITOR, UNITS, month_units("2025-07", 91.0, TOWNS), "七月.csv", "s7")
    return store


# Children are forked from one process that has imported what they use (pandas, DuckDB, the store and
# the loaders): a fresh interpreter per child spent ~0.9 s of CPU on imports, and the crash tests start
# more than a hundred. A forked child is still a process of its own: SIGKILL ends it mid-write as before.
_PRELOAD = ["tests.reliability.crash_child", "pandas", "pyarrow", "duckdb", "store.hotline", "hotline.auth",
            "loaders.build"]
_forkserver = None


def _context():
    global _forkserver
    if _forkserver is None:
        import multiprocessing

        _forkserver = multiprocessing.get_context("forkserver")
        _forkserver.set_forkserver_preload(_PRELOAD)
    return _forkserver


class Child:
    """A warm child process: imports done, waiting for 'go' on its stdin (see crash_child.py)."""

    def __init__(self, *args: str):
        from tests.reliability import crash_child

        context = _context()
        # its stdin and stdout are pipes handed over as Connection objects (the forkserver passes their
        # descriptors); stderr goes to a file, so a chatty child never blocks on it
        stdin_read, stdin_write = context.Pipe(duplex=False)
        stdout_read, stdout_write = context.Pipe(duplex=False)
        errors, self._errors_path = tempfile.mkstemp(prefix="crash-child-")
        os.close(errors)
        self.process = context.Process(target=crash_child.serve,
                                       args=(stdin_read, stdout_write, self._errors_path, *args), daemon=True)
        self.process.start()
        stdin_read.close()
        stdout_write.close()
        self.stdin: IO[str] = os.fdopen(os.dup(stdin_write.fileno()), "w")
        self.stdout: IO[str] = os.fdopen(os.dup(stdout_read.fileno()), "r")
        stdin_write.close()
        stdout_read.close()

    @property
    def pid(self) -> int:
        assert self.process.pid is not None
        return self.process.pid

    def stderr(self) -> str:
        return Path(self._errors_path).read_text(encoding="utf-8", errors="replace")[-3000:]

    def ready(self) -> Child:
        line = self.stdout.readline()
        assert line.strip() == "ready", self.stderr()
        return self

    def go(self) -> float:
        self.stdin.write("go\n")
        self.stdin.flush()
        return time.perf_counter()

    def wait(self, timeout: float | None = None) -> None:
        self.process.join(timeout)
        assert self.process.exitcode is not None, f"child {self.pid} still running after {timeout} s"
        self._close()

    def kill(self) -> None:
        self.process.kill()       # SIGKILL
        self.process.join()
        self._close()

    def _close(self) -> None:
        for stream in (self.stdin, self.stdout):
            with contextlib.suppress(OSError):
                stream.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._errors_path)


def browse(url: str, steps: list[dict]) -> list[dict]:
    """Run browse.py's steps against the app at `url`; what the page showed after each step."""
    spec = json.dumps({"url": url, "steps": steps}, ensure_ascii=False)
    done = subprocess.run([sys.executable, str(Path(__file__).resolve().parent / "browse.py"), spec],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)

