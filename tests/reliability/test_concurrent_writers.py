"""Concurrent writers: two threads and two processes importing and editing one store at once.
No write is lost, no row is doubled, every write has exactly one audit row, a reader in a
third process never sees half a write, and an edit made from a stale copy is refused."""
from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest

from hotline import auth
from store.hotline import Conflict, HotlineStore, NeedsConfirmation
from tests.reliability import crash_child
from tests.reliability.conftest import EDITOR, Child, month_units

OPS = 16  # per writer: 8 edits of the shared month, 8 imports of months of its own


def check_whole(store: HotlineStore, writers: dict[str, int]) -> pd.DataFrame:
    """Every write of every writer is in the audit log once, in its order; every month is whole."""
    units, audit, history = store.units(), store.audit().sort_values("audit_id"), store.history()
    for name, count in writers.items():
        mine = audit[audit.file_name.str.startswith(f"{name}-")]
        assert list(mine.file_name) == [f"{name}-{i}.csv" for i in range(count)], f"writer {name} lost or repeated a write"
        for i in range(1, count, 2):  # its own months: all there, from its own write
            month, value, _ = crash_child.writer_op(name, i)
            rows = units[units.month == month]
            assert len(rows) == crash_child.ROWS and set(rows.satisfaction_pct) == {value}, month
    assert not units.duplicated(["unit", "month", "cut"]).any(), "a row is stored twice"
    for month, rows in units.groupby("month"):
        assert rows.import_id.nunique() == 1, f"{month} mixes two writes"
        assert audit.set_index("audit_id").loc[rows.import_id.iloc[0], "rows_written"] == len(rows)
    shared = units[units.month == crash_child.REPLACED_MONTH]
    last_edit = audit[audit.file_name.isin([f"{n}-{i}.csv" for n, c in writers.items() for i in range(0, c, 2)])].iloc[-1]
    assert shared.import_id.iloc[0] == last_edit.audit_id, "the shared month holds the last edit"
    assert len(history) == audit.rows_replaced.sum(), "every replaced row is kept in the history"
    return audit


@pytest.fixture
def store(tmp_path) -> HotlineStore:
    store = HotlineStore(tmp_path / "user" / "hotline.duckdb")
    store.write(EDITOR, "units", month_units(crash_child.REPLACED_MONTH, 91.0, crash_child.UNITS), "七月.csv", "s7")
    return store


def test_two_threads_importing_and_editing(store):
    start = threading.Barrier(2)

    def work(name: str) -> None:
        actor = auth.Actor(f"thread-{name}", auth.EDITOR)
        start.wait()
        for i in range(OPS):
            month, value, replaces = crash_child.writer_op(name, i)
            store.write(actor, "units", crash_child.frame(month, value), f"{name}-{i}.csv", "s", replace=replaces)

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(work, n) for n in ("a", "b")]
    for future in futures:
        future.result()  # re-raises whatever a writer raised
    audit = check_whole(store, {"a": OPS, "b": OPS})
    assert len(audit) == 1 + 2 * OPS


@pytest.mark.slow
def test_two_processes_importing_and_editing_while_a_third_reads(store):
    writers = [Child("writer", str(store.path), name, str(OPS)) for name in ("a", "b")]
    reader = Child("reader", str(store.path), "4")
    for child in [*writers, reader]:
        child.ready()
    for child in [*writers, reader]:
        child.go()
    for child in writers:
        assert child.stdout.readline().strip() == "done", child.stderr()
    seen = json.loads(reader.stdout.readline())
    for child in [*writers, reader]:
        child.wait(60)
    audit = check_whole(store, {"a": OPS, "b": OPS})
    assert len(audit) == 1 + 2 * OPS
    assert set(audit.who) == {"reliability", "writer-a", "writer-b"}
    print(f"reader in a third process: {seen}")
    assert seen["errors"] == [] and seen["partial"] == 0 and seen["reads"] > 0


# ---- lost updates ---------------------------------------------------------------------------

def edit(frame: pd.DataFrame, unit: str, value: float) -> pd.DataFrame:
    out = frame.drop(columns="import_id").copy()
    out.loc[out.unit == unit, "satisfaction_pct"] = value
    return out


def test_a_stale_edit_is_refused_when_the_editor_passes_the_version_read(store):
    """Two editors open 2025-07, each changes one unit, both save: the second save is refused
    (Conflict, nothing written) instead of silently putting back the first one's old value."""
    month = crash_child.REPLACED_MONTH
    alice, bob = auth.Actor("alice", auth.EDITOR), auth.Actor("bob", auth.EDITOR)
    seen_a, version_a = store.units(), store.version("units", [month])
    seen_b, version_b = store.units(), store.version("units", [month])
    first, second = crash_child.UNITS[0], crash_child.UNITS[1]
    store.write(alice, "units", edit(seen_a, first, 99.0), "手工录入", "s", replace=True, expected_version=version_a)
    audits = len(store.audit())
    with pytest.raises(Conflict, match=r"在你编辑期间已被其他人修改（最近一次：批次 \d+，alice"):
        store.write(bob, "units", edit(seen_b, second, 11.0), "手工录入", "s", replace=True, expected_version=version_b)
    assert len(store.audit()) == audits
    fresh, version = store.units(), store.version("units", [month])  # bob reloads and saves again
    store.write(bob, "units", edit(fresh, second, 11.0), "手工录入", "s", replace=True, expected_version=version)
    now = store.units().set_index("unit").satisfaction_pct
    assert (now[first], now[second]) == (99.0, 11.0), "both edits are kept"


def test_without_the_version_the_second_save_wins_and_the_first_edit_survives_only_in_history(store):
    """A caller that does not pass the version (the page passes it since fe940c5): the later save wins."""
    seen = store.units()
    first, second = crash_child.UNITS[0], crash_child.UNITS[1]
    store.write(auth.Actor("alice", auth.EDITOR), "units", edit(seen, first, 99.0), "手工录入", "s", replace=True)
    store.write(auth.Actor("bob", auth.EDITOR), "units", edit(seen, second, 11.0), "手工录入", "s", replace=True)
    now = store.units().set_index("unit").satisfaction_pct
    assert now[first] == 91.0, "alice's edit was overwritten by bob's stale copy"
    from store.hotline import history_rows
    history = history_rows(store.history())
    assert 99.0 in set(history[history.unit == first].satisfaction_pct), "…but it is not lost: the history keeps it"


def test_confirming_a_replacement_after_someone_else_wrote_is_refused(store):
    month = crash_child.REPLACED_MONTH
    with pytest.raises(NeedsConfirmation) as asked:
        store.write(EDITOR, "units", month_units(month, 80.0, crash_child.UNITS), "再导入.csv", "s")
    store.write(auth.Actor("bob", auth.EDITOR), "units", month_units(month, 70.0, crash_child.UNITS), "bob.csv", "s",
                replace=True)
    with pytest.raises(Conflict):
        store.write(EDITOR, "units", month_units(month, 80.0, crash_child.UNITS), "再导入.csv", "s", replace=True,
                    expected_version=asked.value.version)
    assert set(store.units().satisfaction_pct) == {70.0}
