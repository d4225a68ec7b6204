"""Memoised figure builders (ui/memo.py): a figure is reused only for the same data, arguments
and language, equals a fresh build, and nothing that draws or exports it changes it."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import open_app
from ui import charts, i18n, memo, theme


@pytest.fixture(autouse=True)
def empty_cache():
    memo.clear()
    yield
    memo.clear()


def quota_bars(frame, town=None):
    return charts.bar_ranked(frame, "town_name", "quota_persons", "各镇街征缴任务（人）", "人数", highlight=town, unit=" 人")


def test_same_data_and_arguments_give_the_same_figure(tables):
    quota = tables["insurance_quota"]
    assert quota_bars(quota, "曲堤街道") is quota_bars(quota.copy(), "曲堤街道")


def test_another_town_or_changed_data_gives_a_new_figure(tables):
    quota = tables["insurance_quota"]
    first = quota_bars(quota, "曲堤街道")
    other_town = quota_bars(quota, "孙耿街道")
    assert other_town is not first
    assert [t for t in other_town.layout.yaxis.ticktext if "▶" in t] == ["<b>▶ 孙耿街道</b>"]
    edited = quota.copy()
    edited.loc[edited.town_name == "曲堤街道", "quota_persons"] += 1
    changed = quota_bars(edited, "曲堤街道")
    assert changed is not first
    persons = dict(zip(changed.data[0].y, changed.data[0].x))
    assert persons["曲堤街道"] == float(quota.set_index("town_name").quota_persons["曲堤街道"] + 1)


def test_language_is_part_of_the_key(tables, monkeypatch):
    sources = tables["fund_by_source"]
    zh = charts.funds_treemap(sources, "source_name", "按资金来源分（万元）")
    monkeypatch.setattr(i18n, "lang", lambda: "en")
    en = charts.funds_treemap(sources, "source_name", "按资金来源分（万元）")
    assert en is not zh


def test_cached_figure_equals_a_fresh_build(tables):
    quota = tables["insurance_quota"]
    assert quota_bars(quota, "曲堤街道").to_json() == charts.bar_ranked.uncached(
        quota, "town_name", "quota_persons", "各镇街征缴任务（人）", "人数", highlight="曲堤街道", unit=" 人").to_json()


def test_exports_and_projector_leave_the_shared_figure_unchanged(tables):
    fig = quota_bars(tables["insurance_quota"], "曲堤街道")
    before = fig.to_json()
    theme.printable(fig, "来源：测试")
    theme.projector(fig)
    charts.describe(fig, "en")
    assert fig.to_json() == before


def chart_specs(at: AppTest) -> list[str]:
    return [c.proto.spec for c in at.get("plotly_chart")]


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/funds.py", "pages/roads.py", "pages/insurance.py"])
def test_a_rerun_draws_the_same_charts_as_the_first_run(page):
    """The second run takes every figure from the cache: were one changed while it was drawn or
    exported in the first run, its chart would differ."""
    at = open_app(page, state={"town": "曲堤街道"}, check=False)
    first = chart_specs(at)
    at.session_state["town"] = "孙耿街道"
    at.run()
    at.session_state["town"] = "曲堤街道"
    at.run()
    assert not at.exception
    assert first and chart_specs(at) == first
