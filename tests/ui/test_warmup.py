"""The warm-up serve.py starts (ui/warmup.py): it prepares what the first visit of the overview draws,
can be turned off, and never blocks or breaks a page — not even without a database."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui import data, memo, warmup
from ui.i18n import _

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def nothing_prepared():
    memo.clear()
    data.clear()
    yield
    memo.clear()
    data.clear()


def overview_charts(at: AppTest) -> list[str]:
    return [c.proto.spec for c in at.get("plotly_chart")]


def in_language(figures: dict, code: str) -> dict:
    """The memoised figures built for a session in language `code` (memo's key: name, language, …)."""
    return {key: fig for key, fig in figures.items() if key[1] == code}


def test_it_prepares_the_charts_the_overview_then_draws(database):
    report = warmup.run()
    assert "error" not in report and "skipped" not in report, report
    everything = dict(memo._figures)
    primed = in_language(everything, "zh")
    assert report["figures_built"] == len(primed) > 0

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception
    drawn = overview_charts(at)
    # The first visit built nothing new: every chart on the page is one the warm-up had prepared.
    assert len(drawn) == len(primed)
    assert dict(memo._figures) == everything
    assert sorted(drawn) == sorted(fig.to_json() for fig in primed.values())


def test_after_it_the_first_visit_asks_the_database_nothing(database, monkeypatch):
    """Every query of the overview's first visit is answered by the warm-up (the first-paint target):
    a query added to a page or the sidebar and not to ui.warmup shows up here."""
    from store import db

    assert "error" not in warmup.run()
    opened = []
    real = db.connection
    monkeypatch.setattr(db, "connection", lambda: opened.append(1) or real())
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert len(at.get("plotly_chart")) > 0 and opened == []


def test_it_prepares_the_english_charts_for_the_first_language_switch(database):
    report = warmup.run()
    everything = dict(memo._figures)
    english = in_language(everything, "en")
    assert report["figures_built_other_languages"] == len(english) == report["figures_built"] > 0

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    drawn = overview_charts(at)
    # Switching to English built nothing new: its charts are the ones the warm-up prepared in English.
    assert dict(memo._figures) == everything
    assert sorted(drawn) == sorted(fig.to_json() for fig in english.values())
    titles = {json.loads(spec)["layout"]["title"]["text"] for spec in drawn}
    assert titles == {_(msgid, "en") for msgid in ("资金来源（万元）", "各镇街待硬化村数", "各镇街医保征缴任务（人）")}


def test_a_second_warm_up_builds_nothing_again(database):
    first = warmup.run()
    assert first["figures_built"] > 0 and first["figures_built_other_languages"] > 0
    again = warmup.run()
    assert again["figures_built"] == again["figures_built_other_languages"] == 0


def test_it_can_be_turned_off(database, monkeypatch):
    monkeypatch.setenv(warmup.ENV, "0")
    assert not warmup.enabled()
    assert warmup.start() is None
    assert not memo._figures


def test_it_is_on_by_default(monkeypatch):
    monkeypatch.delenv(warmup.ENV, raising=False)
    assert warmup.enabled()


def test_without_a_database_it_does_nothing_and_the_page_still_opens(tmp_path, monkeypatch):
    from store import db

    missing = tmp_path / "none" / "gazette.duckdb"
    monkeypatch.setenv("GAZETTE_DB", str(missing))
    db.reset()
    thread = warmup.start(runtime_wait=0)
    thread.join(timeout=120)
    assert not thread.is_alive()
    report = warmup.last_report()
    assert "skipped" in report and "error" not in report
    assert not missing.exists() and not memo._figures
    db.reset()


def test_a_failure_is_reported_not_raised(database, monkeypatch):
    def broken():
        raise RuntimeError("the store failed")

    monkeypatch.setattr(warmup, "overview_queries", broken)
    report = warmup.run()
    assert report["error"] == "RuntimeError: the store failed"
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception and overview_charts(at)

