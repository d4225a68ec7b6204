"""Hotline figure builders: thresholds drawn from the rows passed in, bottom N marked, demo banner."""
from __future__ import annotations

import pandas as pd

from hotline import demo, progress, summons
from hotline import targets as plan
from hotline.targets import PlanTargets
from tests.hotline.hotline_rows import plan_rows
from ui import hotline_charts as hc

T = PlanTargets(plan_rows())


def texts(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations]


def test_rank_chart_draws_bottom_lines_from_the_targets_and_ranked_units():
    ranks = pd.DataFrame([{"month": "2025-08", "indicator": "满意率", "cut": "月末", "value_pct": 90.0, "rank": 11,
                           "ranked_units": 12},
                          {"month": "2025-09", "indicator": "满意率", "cut": "月末", "value_pct": 91.0, "rank": 9,
                           "ranked_units": 13}])
    fig = hc.rank_chart(progress.rank_frame(ranks), T.get(plan.EXIT_BOTTOM3), T.get(plan.EXIT_BOTTOM5))
    lines = {tr.name: list(tr.y) for tr in fig.data}
    assert lines["退出后3位线（第一阶段，期限2025年9月）"] == [9, 10]
    assert lines["退出后5位线（年底，期限2025年12月）"] == [7, 8]
    assert lines["全区满意率排名"] == [11, 9]
    assert "期限：退出后3位" in texts(fig) and "期限：退出后5位" in texts(fig)
    assert hc.DEMO_BANNER not in " ".join(texts(fig))
    other = PlanTargets(plan_rows(hotline__city_rank_exit_bottom3={"value": 4}))
    fig = hc.rank_chart(progress.rank_frame(ranks), other.get(plan.EXIT_BOTTOM3), None)
    assert [list(tr.y) for tr in fig.data if tr.name.startswith("退出后4位线")] == [[8, 9]]


def test_league_chart_marks_the_bottom_units():
    units = demo.demo_units()
    positions, _ = summons.bottom_positions(units, 3)
    part = positions[(positions.month == "2025-07") & (positions.indicator == "满意率") & (positions.peer_group == "镇街")]
    fig = hc.league_chart(part, "满意率", "镇街", 3)
    bar = fig.data[0]
    marked = [u for u, t in zip(bar.y, bar.text) if "倒数第" in t]
    assert sorted(marked) == sorted(part[part.in_bottom].unit)
    assert len(marked) == 3


def test_every_chart_carries_the_banner_when_demo():
    units, ranks, drives = demo.demo_units(), demo.demo_district(), demo.demo_drives()
    positions, _ = summons.bottom_positions(units, 3)
    res = progress.resolution_frame(units, T.get(plan.MONTHLY_RESOLUTION), T.get(plan.YEARLY_RESOLUTION))
    figs = [
        hc.rank_chart(progress.rank_frame(ranks), T.get(plan.EXIT_BOTTOM3), T.get(plan.EXIT_BOTTOM5), demo=True),
        hc.league_chart(positions[positions.month == "2025-12"], "满意率", "镇街", 3, demo=True),
        hc.resolution_chart(res[res.month == "2025-12"], T.get(plan.MONTHLY_RESOLUTION), T.get(plan.YEARLY_RESOLUTION),
                            "2025-12", demo=True),
        hc.district_resolution_chart(progress.district_resolution(units), T.get(plan.MONTHLY_RESOLUTION),
                                     T.get(plan.YEARLY_RESOLUTION), demo=True),
        hc.participation_chart(progress.participation_frame(units, T.get(plan.PARTICIPATION), "2025-12"),
                               T.get(plan.PARTICIPATION), "2025-12", demo=True),
        hc.drives_chart(drives, T.clear_targets(), {}, demo=True),
        hc.empty_figure("无", demo=True),
    ]
    for fig in figs:
        assert f"⚠ {hc.DEMO_BANNER}" in texts(fig)


def test_target_lines_show_the_values_of_the_rows():
    units = demo.demo_units()
    fig = hc.district_resolution_chart(progress.district_resolution(units), T.get(plan.MONTHLY_RESOLUTION),
                                       T.get(plan.YEARLY_RESOLUTION))
    names = {tr.name: set(tr.y) for tr in fig.data}
    assert names["当月目标 ≥20%"] == {20.0} and names["全年目标 ≥30%"] == {30.0}
    frame = progress.participation_frame(units, T.get(plan.PARTICIPATION), "2025-12")
    fig = hc.participation_chart(frame, T.get(plan.PARTICIPATION), "2025-12")
    assert "目标 >60%" in texts(fig)
    below = frame[~frame.ok.astype(bool)]
    assert sum("未达标" in t for t in fig.data[0].text) == len(below)


def test_month_ticks_show_the_year_only_when_it_changes():
    _x, labels = hc.month_ticks(["2025-11", "2025-12", "2026-01"])
    assert labels == ["2025年11月", "12月", "2026年1月"]
