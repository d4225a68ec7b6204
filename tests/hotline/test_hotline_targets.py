"""Targets are read from the curated rows (never typed in code); progress against them."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from hotline import progress
from hotline import targets as plan
from hotline.targets import PlanTargets, meets
from loaders.targets import HOTLINE_REQUIRED
from tests import snapshots
from tests.hotline.hotline_rows import plan_rows

TODAY = dt.date(2026, 1, 10)


def ranks(rows: list[tuple[str, str, int, int]]) -> pd.DataFrame:
    return pd.DataFrame([{"month": m, "indicator": i, "cut": "月末", "value_pct": 90.0, "rank": r, "ranked_units": n}
                         for m, i, r, n in rows])


def test_all_hotline_topics_are_read_with_their_values_and_deadlines():
    t = PlanTargets(plan_rows())
    assert t.missing == []
    b3 = t.get(plan.EXIT_BOTTOM3)
    assert (b3.whole, b3.deadline, b3.deadline_month) == (3, "2025-09-30", "2025-09")
    assert t.get(plan.SUMMONS).months == 2
    assert t.get(plan.PARTICIPATION).comparator == ">"
    assert [c.topic for c in t.clear_targets()] == list(plan.CLEAR_TOPICS)


def test_missing_rows_are_listed_so_the_page_can_say_so():
    t = PlanTargets(plan_rows(hotline__participation=None, hotline__summons={"months": None}))
    assert t.missing == [plan.PARTICIPATION, plan.SUMMONS]
    assert PlanTargets(pd.DataFrame()).missing == list(plan.REQUIRED)


def test_the_real_targets_table_has_every_hotline_topic(tables):
    rows = tables["targets"]
    hotline = rows[rows["topic"].fillna("").str.startswith("hotline.")]
    printed = [r for r in snapshots.rows("targets") if str(r.get("topic", "")).startswith("hotline.")]
    assert len(hotline) == len(printed) >= len(HOTLINE_REQUIRED), "the 12345 plan's targets are parsed"
    t = PlanTargets(hotline)
    assert t.missing == []
    # each target as the plan's row holds it (tests/loaders/test_targets.py checks the rows against the text)
    row = {r["topic"]: r for r in printed}
    for topic in (plan.EXIT_BOTTOM3, plan.EXIT_BOTTOM5):
        assert (t.get(topic).whole, t.get(topic).deadline) == (row[topic]["value"], row[topic]["deadline"])
    assert t.get(plan.MONTHLY_RESOLUTION).value == row[plan.MONTHLY_RESOLUTION]["value"]
    assert t.get(plan.YEARLY_RESOLUTION).value == row[plan.YEARLY_RESOLUTION]["value"]
    participation = row[plan.PARTICIPATION]
    assert (t.get(plan.PARTICIPATION).value, t.get(plan.PARTICIPATION).comparator) == (participation["value"], participation["comparator"])
    assert (t.get(plan.SUMMONS).whole, t.get(plan.SUMMONS).months) == (row[plan.SUMMONS]["value"], row[plan.SUMMONS]["months"])
    assert t.get(plan.EXIT_BOTTOM3).whole < t.get(plan.EXIT_BOTTOM5).whole


@pytest.mark.parametrize("value, comparator, threshold, expected", [
    (20, ">=", 20, True), (20, ">", 20, False), (60.1, ">", 60, True), (19.99, "≥", 20, False),
    (None, ">=", 20, None), (20, None, 20, None), (5, "<=", 5, True)])
def test_comparators(value, comparator, threshold, expected):
    assert meets(value, comparator, threshold) is expected


def test_rank_status_met_missed_pending_and_no_data():
    t = PlanTargets(plan_rows())
    data = ranks([("2025-08", "满意率", 11, 12), ("2025-09", "满意率", 9, 12),   # 4th from the bottom in Sept
                  ("2025-08", "解决率", 12, 12), ("2025-09", "解决率", 10, 12)])  # 3rd from the bottom in Sept
    status = progress.rank_status(data, t.get(plan.EXIT_BOTTOM3), TODAY).set_index("indicator")
    assert status.loc["满意率", "status"] == progress.MET
    assert status.loc["解决率", "status"] == progress.MISSED
    assert status.loc["解决率", "text"] == "2025年9月倒数第3位，仍在后3位"
    year_end = progress.rank_status(data, t.get(plan.EXIT_BOTTOM5), dt.date(2025, 10, 5)).set_index("indicator")
    assert year_end.loc["满意率", "status"] == progress.ON_TRACK
    assert "最新2025年9月倒数第4位" in year_end.loc["满意率", "text"]
    late = progress.rank_status(data, t.get(plan.EXIT_BOTTOM5), TODAY).set_index("indicator")
    assert late.loc["满意率", "status"] == progress.OPEN  # deadline passed, December not recorded
    empty = progress.rank_status(ranks([]).reindex(columns=["month", "indicator", "cut", "rank", "ranked_units"]),
                                 t.get(plan.EXIT_BOTTOM3), TODAY)
    assert set(empty.status) == {progress.NO_DATA}


def test_rank_threshold_follows_the_row_not_the_code():
    data = ranks([("2025-09", "满意率", 9, 12)])  # 4th from the bottom
    strict = PlanTargets(plan_rows(hotline__city_rank_exit_bottom3={"value": 4})).get(plan.EXIT_BOTTOM3)
    assert progress.rank_status(data, strict, TODAY).set_index("indicator").loc["满意率", "status"] == progress.MISSED


def unit_rows(rows):
    return pd.DataFrame([{"unit": u, "peer_group": "镇街", "month": m, "cut": "月末", "satisfaction_pct": 90.0,
                          "resolution_pct": 90.0, "participation_pct": p, "backlog_start": b, "new_count": n,
                          "resolved": r} for u, m, b, n, r, p in rows])


def test_resolution_ratio_monthly_and_year_to_date():
    t = PlanTargets(plan_rows())
    data = unit_rows([("甲街道", "2025-07", 40, 10, 10, 61.0), ("甲街道", "2025-08", 40, 20, 9, 59.0),
                      ("乙街道", "2025-08", 0, 0, 0, 70.0)])
    frame = progress.resolution_frame(data, t.get(plan.MONTHLY_RESOLUTION), t.get(plan.YEARLY_RESOLUTION))
    jia = frame[frame.unit == "甲街道"].set_index("month")
    assert jia.loc["2025-07", "monthly_pct"] == 20.0 and jia.loc["2025-07", "monthly_ok"] is True
    assert jia.loc["2025-08", "monthly_pct"] == 15.0 and jia.loc["2025-08", "monthly_ok"] is False
    assert jia.loc["2025-08", "ytd_pct"] == round(19 / 70 * 100, 2) and jia.loc["2025-08", "ytd_ok"] is False
    assert pd.isna(frame[frame.unit == "乙街道"].monthly_pct.iloc[0])  # nothing open: no ratio, not 0 %
    stricter = PlanTargets(plan_rows(hotline__monthly_resolution={"value": 25}))
    again = progress.resolution_frame(data, stricter.get(plan.MONTHLY_RESOLUTION), None)
    assert again.set_index(["unit", "month"]).loc[("甲街道", "2025-07"), "monthly_ok"] is False
    district = progress.district_resolution(data).set_index("month")
    assert district.loc["2025-08", "monthly_pct"] == 15.0


def test_participation_uses_the_strict_comparator_from_the_row():
    t = PlanTargets(plan_rows())
    data = unit_rows([("甲街道", "2025-07", 1, 1, 1, 60.0), ("乙街道", "2025-07", 1, 1, 1, 60.5)])
    frame = progress.participation_frame(data, t.get(plan.PARTICIPATION), "2025-07").set_index("unit")
    assert not frame.loc["甲街道", "ok"] and frame.loc["乙街道", "ok"]


def test_drive_status_against_each_deadline():
    t = PlanTargets(plan_rows())
    drives = pd.DataFrame([
        {"topic": "安置房质量", "topic_key": "hotline.clear.resettlement_housing", "month": "2025-09", "open_start": 3,
         "new_count": 0, "resolved": 3, "open_end": 0},
        {"topic": "安置房质量", "topic_key": "hotline.clear.resettlement_housing", "month": "2025-10", "open_start": 0,
         "new_count": 2, "resolved": 0, "open_end": 2},
        {"topic": "占道经营", "topic_key": "hotline.clear.street_vending", "month": "2025-09", "open_start": 5,
         "new_count": 1, "resolved": 2, "open_end": 4},
    ])
    status = progress.drive_status(drives, t.clear_targets(), TODAY).set_index("topic")
    housing = status.loc["hotline.clear.resettlement_housing"]
    assert housing.status == progress.MET and "未保持动态清零" in housing.text
    assert status.loc["hotline.clear.street_vending", "status"] == progress.MISSED
    assert status.loc["hotline.clear.water_supply", "status"] == progress.NO_DATA
