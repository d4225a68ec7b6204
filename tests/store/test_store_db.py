"""The store's connection without a framework: one per process, a cursor per query, the file at
GAZETTE_DB read again once a rebuild has renamed a new one over it; caching only in ui/data.py."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import duckdb
import pytest

from store import db


def small_database(path: Path, built_at: str) -> Path:
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE build_info (key VARCHAR, value VARCHAR)")
        con.execute("INSERT INTO build_info VALUES ('built_at', ?)", [built_at])
    return path


@pytest.fixture
def served(tmp_path, monkeypatch):
    path = small_database(tmp_path / "gazette.duckdb", "first")
    monkeypatch.setenv("GAZETTE_DB", str(path))
    db.reset()
    yield path
    db.reset()


def built_at() -> str:
    return db.query("SELECT value FROM build_info WHERE key = 'built_at'").value.iloc[0]


def test_a_file_renamed_over_the_served_one_is_read_without_a_reset(served):
    assert built_at() == "first"
    reader = db.connection().cursor()     # a session in the middle of a query on the old file
    os.replace(small_database(served.with_name("staged.duckdb"), "second"), served)
    assert built_at() == "second"
    assert reader.execute("SELECT value FROM build_info").fetchone() == ("first",), "the old reader still answers"
    reader.close()


def test_one_connection_serves_every_thread(served):
    first = db.connection()
    answers, connections = [], []

    def ask():
        connections.append(db.connection())
        answers.append(built_at())

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == ["first"] * 8 and all(c is first for c in connections)


def test_reset_opens_the_file_again(served):
    first = db.connection()
    db.reset()
    assert db.connection() is not first and built_at() == "first"


def test_the_app_caches_store_answers_until_ui_data_clears_them(served):
    from store import curated
    from ui import data

    data.clear()
    assert data.curated.build_info() == {"built_at": "first"}
    os.replace(small_database(served.with_name("staged.duckdb"), "second"), served)
    assert curated.build_info() == {"built_at": "second"}, "the store itself caches nothing"
    assert data.curated.build_info() == {"built_at": "first"}, "the app's answer is cached …"
    data.clear()
    assert data.curated.build_info() == {"built_at": "second"}, "… until the rebuild clears it"
    data.clear()


def test_cacheable_only_marks_the_function():
    def answer(x: int) -> int:
        return x + 1

    marked = db.cacheable(answer)
    assert marked is answer and marked(1) == 2 and db.is_cacheable(marked)
    assert not db.is_cacheable(db.query)
