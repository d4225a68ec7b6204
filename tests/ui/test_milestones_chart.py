"""The roads milestone chart (charts.milestones): every step on the line in date order, its labels
alternating above and below, the first reading rightwards and the last leftwards from their points,
so a narrow (phone) chart does not cut them off at its edges."""
from __future__ import annotations

import pandas as pd

from ui import charts


def test_steps_in_date_order_with_the_end_labels_turned_inwards(tables):
    steps = tables["road_milestones"]
    fig = charts.milestones.uncached(steps, "deadline", "step_name", "实施步骤与完成时限")
    points = fig.data[0]
    assert list(pd.to_datetime(points.x)) == sorted(pd.to_datetime(steps.deadline))
    assert [text.split("<br>")[1] for text in points.text] == \
        list(steps.assign(_d=pd.to_datetime(steps.deadline)).sort_values("_d").step_name)
    positions = list(points.textposition)
    assert positions[0].endswith("right") and positions[-1].endswith("left")
    assert all(p.endswith("center") for p in positions[1:-1])
    assert [p.split()[0] for p in positions] == ["top" if i % 2 == 0 else "bottom" for i in range(len(positions))]
