"""Chart labels a user must be able to read on any screen. The roads milestone chart
(charts.milestones): every step in date order, labels alternating above and below, the first reading
rightwards and the last leftwards, so a narrow (phone) chart does not cut them off at its edges.
Ranked bars (charts.bar_ranked): a bar of 0 still says "0" (outside), not an empty row."""
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


def test_a_zero_bar_keeps_its_label_outside():
    frame = pd.DataFrame({"town": ["甲", "乙", "丙"], "villages": [5, 0, 2]})
    fig = charts.bar_ranked.uncached(frame, "town", "villages", "村数", "村数")
    bars = fig.data[0]
    shown = dict(zip(bars.y, zip(bars.text, bars.textposition)))
    assert shown["乙"] == ("0", "outside")
    assert shown["甲"][1] == "auto"
