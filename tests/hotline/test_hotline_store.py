"""The writable hotline store: who may write, one transaction, confirm-before-replace with
history, an audit row per write, one writer at a time, and a demo store kept apart."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import duckdb
import pandas as pd
import pytest

from hotline import auth, demo
from hotline.fields import DISTRICT, DRIVES, UNITS
from store import hotline as hstore
from store.hotline import HotlineStore, NeedsConfirmation, NotAllowed

EDITOR = auth.Actor("alice", auth.EDITOR)


def units(month: str, rows: list[tuple[str, float]]) -> pd.DataFrame:
    return pd.DataFrame([{"unit": u, "peer_group": "镇街", "month": month, "cut": "月末", "satisfaction_pct": v,
                          "resolution_pct": v - 5, "participation_pct": 61.0, "backlog_start": 10, "new_count": 5,
                          "resolved": 4} for u, v in rows])


@pytest.fixture
def store(tmp_path) -> HotlineStore:
    return HotlineStore(tmp_path / "user" / "hotline.duckdb")


@pytest.mark.parametrize("actor", [None, auth.ANONYMOUS, auth.Actor("mallory", auth.VIEWER), auth.Actor("x", "admin")])
def test_a_viewer_cannot_write_and_no_file_is_created(store, actor):
    with pytest.raises(NotAllowed, match="只有已登录的编辑可以写入"):
        store.write(actor, UNITS, units("2025-07", [("明水街道", 95.0)]), "a.csv", "sha")
    with pytest.raises(NotAllowed):
        HotlineStore(store.path.with_name("demo.duckdb"), demo_store=True).fill_demo(actor)
    assert not store.exists()
    assert store.units().empty and store.audit().empty  # reading a missing store is fine and creates nothing
    assert not store.path.parent.exists() or not any(store.path.parent.iterdir())


def test_viewer_refused_even_when_data_exists(store):
    store.write(EDITOR, UNITS, units("2025-07", [("明水街道", 95.0)]), "a.csv", "sha")
    before = store.units()
    with pytest.raises(NotAllowed):
        store.write(auth.ANONYMOUS, UNITS, units("2025-07", [("明水街道", 10.0)]), "b.csv", "sha2", replace=True)
    pd.testing.assert_frame_equal(store.units(), before)
    assert len(store.audit()) == 1


def test_write_is_audited_with_who_file_and_hash(store):
    result = store.write(EDITOR, UNITS, units("2025-07", [("明水街道", 95.0), ("双山街道", 90.0)]), "七月.csv", "ab" * 32)
    audit = store.audit()
    assert result.written == 2 and result.replaced == 0
    row = audit.iloc[0]
    assert (row.who, row.role, row.action, row.kind, row.file_name, row.sha256) == (
        "alice", "editor", "导入", UNITS, "七月.csv", "ab" * 32)
    assert row.rows_written == 2 and row.rows_replaced == 0
    assert "2025-07" in row.what
    assert row.logged_at.endswith("+08:00")
    assert set(store.units().import_id) == {result.audit_id}


def test_reimporting_a_month_asks_then_replaces_and_keeps_history(store):
    store.write(EDITOR, UNITS, units("2025-06", [("明水街道", 80.0)]), "六月.csv", "s6")
    store.write(EDITOR, UNITS, units("2025-07", [("明水街道", 95.0), ("双山街道", 90.0)]), "七月.csv", "s7")
    again = units("2025-07", [("明水街道", 96.5)])
    with pytest.raises(NeedsConfirmation) as asked:
        store.write(EDITOR, UNITS, again, "七月更正.csv", "s7b")
    assert asked.value.months == ["2025-07"] and len(asked.value.existing) == 2
    assert "确认后才会替换" in str(asked.value)
    assert len(store.units()) == 3 and len(store.audit()) == 2  # asking wrote nothing

    result = store.write(EDITOR, UNITS, again, "七月更正.csv", "s7b", replace=True)
    assert result.replaced == 2
    now = store.units()
    assert now[now.month == "2025-07"].set_index("unit").satisfaction_pct.to_dict() == {"明水街道": 96.5}
    assert now[now.month == "2025-06"].satisfaction_pct.tolist() == [80.0]  # other months untouched
    history = hstore.history_rows(store.history())
    assert sorted(history.unit) == ["双山街道", "明水街道"]
    assert set(history.satisfaction_pct) == {95.0, 90.0}
    assert set(history.replaced_by_import) == {result.audit_id}
    assert store.audit().iloc[0].rows_replaced == 2


def test_district_replacement_is_per_indicator(store):
    ranks = pd.DataFrame([{"month": "2025-07", "indicator": "满意率", "cut": "月末", "value_pct": 91.0, "rank": 11,
                           "ranked_units": 12},
                          {"month": "2025-07", "indicator": "解决率", "cut": "月末", "value_pct": 85.0, "rank": 12,
                           "ranked_units": 12}])
    store.write(EDITOR, DISTRICT, ranks, "rank.csv", "s")
    store.write(EDITOR, DISTRICT, ranks.iloc[[0]].assign(rank=10), "fix.csv", "s2", replace=True)
    got = store.district().set_index("indicator")["rank"].to_dict()
    assert got == {"满意率": 10, "解决率": 12}


def test_a_failing_row_rolls_back_the_whole_write(store):
    store.write(EDITOR, UNITS, units("2025-07", [("明水街道", 95.0)]), "a.csv", "s")
    bad = units("2025-07", [("明水街道", 96.0), ("双山街道", 105.0)])  # 105 passes no validation; the store checks too
    with pytest.raises(duckdb.ConstraintException):
        store.write(EDITOR, UNITS, bad, "bad.csv", "s2", replace=True)
    assert store.units().satisfaction_pct.tolist() == [95.0]
    assert store.history().empty and len(store.audit()) == 1


def test_writes_from_many_threads_are_serialised(store):
    def write(i: int) -> None:
        store.write(EDITOR, UNITS, units(f"2025-{i:02d}", [("明水街道", 90.0 + i)]), f"{i}.csv", str(i))

    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(write, i) for i in range(1, 9)]
    for future in futures:
        future.result()  # re-raises whatever a writer raised
    assert len(store.units()) == 8
    assert sorted(store.audit().audit_id) == list(range(1, 9))


def test_demo_store_is_separate_and_only_filled_on_request(tmp_path):
    real = HotlineStore(tmp_path / "user.duckdb")
    demo_store = HotlineStore(tmp_path / "demo.duckdb", demo_store=True)
    assert not demo_store.exists()
    with pytest.raises(ValueError, match="只能写入演示库"):
        real.fill_demo(EDITOR)
    results = demo_store.fill_demo(EDITOR)
    assert [r.written for r in results] == [len(demo.demo_units()), len(demo.demo_district()), len(demo.demo_drives())]
    assert not real.exists()
    assert set(demo_store.units().unit.str[:2]) == {"演示"}
    assert set(demo_store.audit().action) == {"演示数据"}
    with pytest.raises(ValueError, match="演示库"):
        demo_store.write(EDITOR, DRIVES, demo.demo_drives().head(1), "x.csv", "s", replace=True)
    demo_store.fill_demo(EDITOR)  # asking again replaces the demo, it does not pile up
    assert len(demo_store.units()) == len(demo.demo_units())


def test_paths_follow_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("GAZETTE_USER_DB", raising=False)
    monkeypatch.delenv("GAZETTE_DEMO_DB", raising=False)
    assert hstore.user_db_path() == hstore.ROOT / "data" / "user" / "hotline.duckdb"
    assert hstore.demo_db_path() == hstore.ROOT / "data" / "demo" / "hotline_demo.duckdb"
    monkeypatch.setenv("GAZETTE_USER_DB", str(tmp_path / "u.duckdb"))
    monkeypatch.setenv("GAZETTE_DEMO_DB", str(tmp_path / "d.duckdb"))
    assert hstore.user_db_path() == tmp_path / "u.duckdb"
    assert hstore.demo_db_path() == tmp_path / "d.duckdb"


def test_store_has_no_statement_that_changes_the_audit_log():
    source = (hstore.ROOT / "store" / "hotline.py").read_text(encoding="utf-8")
    assert "UPDATE audit_log" not in source and "DELETE FROM audit_log" not in source
