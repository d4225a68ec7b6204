"""Crash safety: SIGKILL a process at random moments during hotline imports (50 times) and
during curated builds (50 times; the bulletins are parsed once beforehand — parsing touches
no file — so every kill falls in the part of the build that writes files). After every kill the files open and hold either the old
or the new data in full; at the end the app starts on the files that survived.

Where a random kill lands depends on the machine's load, so no test counts on it: every outcome
(a write killed before and after its commit; a build killed before its temp file, half way
through it, with it complete and after the rename) is also produced on purpose — the child
pauses exactly there (crash_child.py `pause`) and is killed — and its result asserted.

Fixed seed; the kill times and what each kill interrupted are printed (pytest -s) and
summarised in docs/RELIABILITY.md.
"""
from __future__ import annotations

import hashlib
import pickle
import random
import select
import shutil
import statistics
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from loaders.build import build, collect, write_database
from store.hotline import HotlineStore
from tests.conftest import RAW, REFERENCE, reregister
from tests.reliability import crash_child
from tests.reliability.conftest import EDITOR, Child, month_units

pytestmark = pytest.mark.slow

SEED = 20251124
KILLS = 50


def paused(child: Child, point: str, timeout: float = 120) -> None:
    """Wait until the child says it stopped at `point` (it then waits to be killed)."""
    ready, _w, _x = select.select([child.stdout], [], [], timeout)
    assert ready, f"the child never reached {point}: {child.stderr()}"
    line = child.stdout.readline().strip()
    assert line == f"paused {point}", (line, child.stderr())


def summary(times: list[float]) -> str:
    q = statistics.quantiles(times, n=4)
    return (f"n={len(times)} min={min(times):.3f}s q1={q[0]:.3f}s median={q[1]:.3f}s q3={q[2]:.3f}s "
            f"max={max(times):.3f}s")


# ---- imports ------------------------------------------------------------------------------

def expected_units(seed: pd.DataFrame, writes: int) -> set[tuple]:
    """(unit, month, satisfaction) the store must hold after `writes` committed writes."""
    months = {m: set(zip(g.unit, g.satisfaction_pct)) for m, g in seed.groupby("month")}
    for j in range(writes):
        month, value, _replaces = crash_child.expected_write(j)
        months[month] = {(u, value) for u in crash_child.UNITS}
    return {(u, m, v) for m, rows in months.items() for u, v in rows}


def check_store(path: Path, seed: pd.DataFrame, seed_audits: int) -> int:
    """Asserts the store is whole; returns how many loop writes it holds."""
    store = HotlineStore(path)
    units, audit, history = store.units(), store.audit().sort_values("audit_id"), store.history()
    loop = audit[audit.file_name.str.startswith("write-")]
    writes = len(loop)
    assert len(audit) == seed_audits + writes
    assert list(loop.file_name) == [crash_child.FILE.format(j) for j in range(writes)], "audit log has a gap or a repeat"
    assert set(zip(units.unit, units.month, units.satisfaction_pct)) == expected_units(seed, writes)
    assert not units.duplicated(["unit", "month", "cut"]).any()
    for month, rows in units.groupby("month"):  # every month comes whole from one audited write
        assert rows.import_id.nunique() == 1, month
        entry = audit[audit.audit_id == rows.import_id.iloc[0]]
        assert len(entry) == 1 and entry.rows_written.iloc[0] == len(rows), month
    assert len(history) == audit.rows_replaced.sum(), "replaced rows went to history in the same transaction"
    return writes


def test_sigkill_during_imports_never_leaves_a_partial_write(tmp_path, capsys):
    rng = random.Random(SEED)
    path = tmp_path / "user" / "hotline.duckdb"
    store = HotlineStore(path)
    store.write(EDITOR, "units", month_units("2025-06", 90.0, crash_child.UNITS), "六月.csv", "s6")
    store.write(EDITOR, "units", month_units(crash_child.REPLACED_MONTH, 91.0, crash_child.UNITS), "七月.csv", "s7")
    seed, seed_audits = store.units(), 2
    times, committed, wal_left = [], [], 0
    child = Child("import", str(path)).ready()
    for _ in range(KILLS):
        before = check_store(path, seed, seed_audits)
        after_go = rng.uniform(0.02, 0.5)
        started = child.go()
        upcoming = Child("import", str(path))  # warms up while this one writes (reads nothing before 'go')
        time.sleep(max(0.0, after_go - (time.perf_counter() - started)))
        child.kill()
        times.append(time.perf_counter() - started)
        wal_left += path.with_name(path.name + ".wal").exists()
        committed.append(check_store(path, seed, seed_audits) - before)
        child = upcoming.ready()
    child.kill()
    with capsys.disabled():
        print(f"\nimport kills: {summary(times)}; writes committed per child: {summary([float(c) for c in committed])}, "
              f"total {sum(committed)}; kills that left a WAL to replay: {wal_left}")
    # What is guaranteed whatever the load: check_store passed after each of the KILLS kills. How
    # many writes committed between kills is load-dependent and only printed; that a kill inside a
    # write loses it whole and one after its commit keeps it is asserted below, on purpose.
    assert len(committed) == KILLS


@pytest.mark.parametrize("point, kept", [("before-commit", 0), ("after-commit", 1)])
def test_a_kill_inside_a_write_loses_it_whole_and_one_after_its_commit_keeps_it(tmp_path, point, kept):
    path = tmp_path / "user" / "hotline.duckdb"
    store = HotlineStore(path)
    store.write(EDITOR, "units", month_units("2025-06", 90.0, crash_child.UNITS), "六月.csv", "s6")
    store.write(EDITOR, "units", month_units(crash_child.REPLACED_MONTH, 91.0, crash_child.UNITS), "七月.csv", "s7")
    seed = store.units()
    for round_ in range(3):  # the same point three times: each kill starts from what the last one left
        before = check_store(path, seed, 2)
        child = Child("import", str(path), point).ready()
        child.go()
        paused(child, point)
        child.kill()
        assert check_store(path, seed, 2) - before == kept, f"round {round_}"
    assert check_store(path, seed, 2) == 3 * kept


# ---- curated builds -----------------------------------------------------------------------

def curated_digest(path: Path) -> str:
    """Every table except build_info (its time and file hashes differ between builds)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        digest = hashlib.sha256()
        names = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE table_name <> 'build_info' "
                                           "ORDER BY 1").fetchall()]
        for name in names:
            # rows as text, sorted in SQL: list columns (search_passages.lines) cannot be sorted in pandas
            rows = con.execute(f'SELECT CAST(COLUMNS(*) AS VARCHAR) FROM "{name}" ORDER BY ALL').fetchall()
            digest.update(name.encode() + repr(rows).encode())
        return digest.hexdigest()
    finally:
        con.close()


@pytest.fixture(scope="module")
def variants(tmp_path_factory):
    """Two raw folders whose builds differ (one village renamed in the 济阳 bulletin): their parsed
    tables (pickled for the children) and the digests of their databases."""
    folder = tmp_path_factory.mktemp("variants")
    other = folder / "raw-b"
    shutil.copytree(RAW, other)
    bulletin = other / "jiyang-gazette-2020-04.txt"
    bulletin.write_text(bulletin.read_text(encoding="utf-8").replace("董家", "董家庄", 1), encoding="utf-8")
    reregister(other, bulletin)
    parsed, digests = {}, {}
    for name, raw in (("a", RAW), ("b", other)):
        tables, info = collect(raw, REFERENCE)
        parsed[name] = folder / f"{name}.pickle"
        parsed[name].write_bytes(pickle.dumps((tables, info)))
        write_database(tables, info, folder / f"{name}.duckdb")
        digests[name] = curated_digest(folder / f"{name}.duckdb")
    assert digests["a"] != digests["b"]
    return {"a": RAW, "b": other}, parsed, digests


def test_sigkill_during_builds_leaves_the_old_or_the_new_database(tmp_path, variants, capsys):
    raws, parsed, digests = variants
    rng = random.Random(SEED + 1)
    out = tmp_path / "build" / "gazette.duckdb"
    build(raws["a"], out, REFERENCE)
    warm = Child("build", str(parsed["b"]), str(out)).ready()  # one whole write, to time it
    started = warm.go()
    assert warm.stdout.readline().strip() == "built"
    full = time.perf_counter() - started
    warm.wait(60)
    current, target = "b", "a"
    outcomes = {"old (killed before the temp file)": 0, "old (killed while writing the temp file)": 0, "new": 0}
    times, most_temp = [], 0
    child = Child("build", str(parsed[target]), str(out)).ready()
    for k in range(KILLS):
        after_go = rng.uniform(0.0, 1.6 * full)
        started = child.go()
        nxt = "b" if target == "a" else "a"
        upcoming = Child("build", str(parsed[nxt]), str(out))
        time.sleep(max(0.0, after_go - (time.perf_counter() - started)))
        child.kill()
        times.append(time.perf_counter() - started)
        temp = list(out.parent.glob(f".{out.name}.{child.pid}.tmp*"))
        most_temp = max(most_temp, len(list(out.parent.glob(f".{out.name}.*.tmp"))))
        got = curated_digest(out)  # opens, and is one of the two complete builds
        assert got in (digests[current], digests[target]), f"kill {k}: neither the old nor the new build"
        if got == digests[target] and target != current:
            outcomes["new"] += 1
            current = target
        else:
            outcomes["old (killed while writing the temp file)" if temp else "old (killed before the temp file)"] += 1
        child, target = upcoming.ready(), nxt
    child.kill()
    left = list(out.parent.glob(f".{out.name}.*.tmp*"))
    build(raws["a"], out, REFERENCE)  # the next build sweeps the temp files of killed builds
    assert not list(out.parent.glob(f".{out.name}.*.tmp*"))
    assert curated_digest(out) == digests["a"]
    with capsys.disabled():
        print(f"\nbuild kills (writing the database takes {full:.2f}s): {summary(times)}; outcomes {outcomes}; "
              f"temp files of killed builds beside the database at most {most_temp} at once, {len(left)} at the end, "
              f"0 after the next build")
    # Where the kills land depends on the machine's load (quiet: a few after the rename; loaded:
    # up to half): only printed. Asserted above for each kill: it left the old or the new build;
    # each kind of kill is made on purpose in the next test.


@pytest.mark.parametrize("point, outcome, temp_left", [
    ("before-write", "old", False), ("before-checkpoint", "old", True), ("before-rename", "old", True),
    ("after-rename", "new", False)])
def test_a_build_killed_at_each_step_leaves_the_old_or_the_new_database(tmp_path, variants, point, outcome,
                                                                         temp_left):
    raws, parsed, digests = variants
    out = tmp_path / "build" / "gazette.duckdb"
    build(raws["a"], out, REFERENCE)
    assert curated_digest(out) == digests["a"]
    child = Child("build", str(parsed["b"]), str(out), point).ready()
    child.go()
    paused(child, point)
    child.kill()
    temps = list(out.parent.glob(f".{out.name}.{child.pid}.tmp*"))
    assert curated_digest(out) == digests["a" if outcome == "old" else "b"]
    assert bool(temps) == temp_left, temps
    build(raws["a"], out, REFERENCE)  # the next build sweeps what the killed one left
    assert not list(out.parent.glob(f".{out.name}.*.tmp*")) and curated_digest(out) == digests["a"]


# ---- and then the app starts on what survived -----------------------------------------------

@pytest.mark.browser
def test_the_app_starts_on_files_that_survived_kills(tmp_path, variants):
    from tests.reliability.conftest import browse, start_app

    raws, parsed, _digests = variants
    out, store_path = tmp_path / "gazette.duckdb", tmp_path / "hotline.duckdb"
    build(raws["b"], out, REFERENCE)
    store = HotlineStore(store_path)
    store.write(EDITOR, "units", month_units("2025-06", 90.0, crash_child.UNITS), "六月.csv", "s6")
    child = Child("import", str(store_path)).ready()
    child.go()
    time.sleep(0.4)
    child.kill()  # the store is left as a kill leaves it (a WAL to replay, perhaps)
    child = Child("build", str(parsed["a"]), str(out)).ready()
    child.go()
    time.sleep(0.15)
    child.kill()
    process, url, log = start_app({"GAZETTE_DB": str(out), "GAZETTE_USER_DB": str(store_path)})
    try:
        home, hotline = browse(url, [{"goto": "/"}, {"goto": "/hotline?hotline_tab=写入记录"}])
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert home["exceptions"] == 0 and "总览" in home["body"]
    assert hotline["exceptions"] == 0 and "方案确定的目标、期限和机制" in hotline["body"]
    assert "还没有月度记录" not in hotline["body"], "the records written before the kill are shown"
    assert "尚未录入任何月度数据" not in hotline["body"] and "月度数据截至" in hotline["body"]
    assert "Traceback" not in log.read_text()
