"""Rebuilding the curated database for the running app: on start-up when the raw bulletins are newer
(build_now), and in the background after an editor publishes a bulletin (rebuild_in_background).

This is the app's side of the house: it runs the loaders and, once a new file is in place, makes the
store read it (store.db.reset) and forgets the cached answers (ui.data.clear). The store itself
never builds.

A rebuild that fails leaves the previous file in place (the build writes a temp file and renames
it); build_now then returns the error so the app can keep serving the last good data under a
notice, and does not retry until a source file changes again.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from loaders.errors import BuildError
from store import curated, db
from store.db import database_path
from textkit.msg import Msg
from ui import data

ROOT = Path(__file__).resolve().parents[1]
RAW_DIR = ROOT / "data" / "raw"
REFERENCE_DIR = ROOT / "data" / "reference"
_build_lock = threading.Lock()
_failed_builds: dict[tuple, str] = {}  # state of the source files -> why building from them failed
log = logging.getLogger(__name__)


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


def _serve_new_file() -> None:
    """A new file is at database_path(): read it from now on, with no answer cached from the old one."""
    db.reset()
    data.clear()


def build_now() -> str | None:
    """Rebuild the curated file when it is missing or stale (used on start-up).

    Returns None when the file is current, else a message (textkit.msg.Msg: Chinese, shown with t_msg) saying why the rebuild
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
        except BuildError as exc:  # names the document and line to fix
            reason = exc.msg
        except Exception as exc:  # a defect, not the bulletin's fault: still no reason to stop the app
            log.exception("building the curated database failed")
            reason = f"{type(exc).__name__}: {exc}"
        else:
            _failed_builds.clear()
            _serve_new_file()
            return None
        kept = (Msg("页面继续显示上次成功构建的数据（{built}），请修正原文后刷新。", built=_built_at(path)) if path.exists()
                else Msg("目前没有可用的数据库。"))
        _failed_builds.clear()
        _failed_builds[state] = Msg("原文已更新，但重新构建数据库失败：{reason}。{kept}", reason=reason, kept=kept)
        return _failed_builds[state]


def _built_at(path: Path) -> str:
    """When the served file was built (its build_info, else its modification time)."""
    stamp = curated.built_at(path)
    return stamp or dt.datetime.fromtimestamp(path.stat().st_mtime).isoformat(sep=" ", timespec="seconds")


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
                assert _rebuild is not None  # start() set it before it started this loop
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
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, process.pid, 10)   # the readers' requests come first
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
    _serve_new_file()
    first = out.strip().splitlines()[0] if out.strip() else ""
    bulletins = None
    if "份公报" in first:
        digits = first.split("（", 1)[-1].split(" 份公报", 1)[0]
        bulletins = int(digits) if digits.isdigit() else None
    return True, out.strip(), bulletins
