"""The Gantt chart (charts.timeline) draws each project from its start month to its end month."""
from __future__ import annotations

import pandas as pd

from ui import charts


def test_each_project_bar_runs_from_start_to_end_grouped_by_sector(tables):
    projects = tables["fund_projects"].dropna(subset=["start_month", "end_month"])
    dated = projects.assign(开始=projects.start_month + "-01",
                            结束=pd.to_datetime(projects.end_month + "-01") + pd.offsets.MonthEnd(0))
    fig = charts.timeline.uncached(dated, "开始", "结束", "project_name", "进度安排", colour="sector_name",
                                   legend_title="领域")
    drawn = {}
    for trace in fig.data:
        for name, base, length in zip(trace.y, trace.base, trace.x):
            start = pd.Timestamp(base)
            drawn[name] = (trace.name, start, start + pd.Timedelta(milliseconds=int(length)))
    assert set(drawn) == set(dated.project_name)
    for row in dated.itertuples():
        sector, start, end = drawn[row.project_name]
        assert sector == row.sector_name
        assert start == pd.Timestamp(row.start_month + "-01")
        assert end == pd.Timestamp(row.end_month + "-01") + pd.offsets.MonthEnd(0)
    assert fig.layout.xaxis.type == "date" and fig.layout.yaxis.autorange == "reversed"
    assert fig.layout.legend.title.text == "领域"


def test_a_single_date_step_is_a_one_day_bar(tables):
    steps = pd.DataFrame({"step": ["登记"], "start": ["2020-11-01"], "end": ["2020-11-01"]})
    fig = charts.timeline.uncached(steps, "start", "end", "step", "步骤")
    assert int(fig.data[0].x[0]) == 24 * 3600 * 1000
    assert not fig.data[0].showlegend
