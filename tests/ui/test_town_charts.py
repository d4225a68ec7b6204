"""ui/town_charts.town_share_bar, the clickable 医保 chart: one bar per town in its own colour, largest on
top, each labelled with its quota and its share of the district (two decimals for every town), readable
labels on every fill, and the chosen town marked by more than colour."""
from __future__ import annotations

import pytest

from ui import palette
from ui.colours import TOWN_PALETTE
from ui.town_charts import town_share_bar


def quota_with_share(tables):
    quota = tables["insurance_quota"]
    return quota.assign(share_pct=(100 * quota.quota_persons / quota.quota_persons.sum()).round(2))


def build(frame, town=None, lang="zh"):
    colours = TOWN_PALETTE[:len(frame)]
    return town_share_bar(frame, "quota_persons", "t", "人数", colours=colours, highlight=town, unit=" 人", lang=lang)


def test_every_town_has_its_quota_and_share_with_the_same_decimals(tables):
    frame = quota_with_share(tables)
    bar = build(frame).data[0]
    assert bar.type == "bar" and bar.orientation == "h"
    assert list(bar.y) == frame.sort_values("quota_persons").town_name.tolist()  # largest drawn last (on top)
    rows = frame.set_index("town_name")
    for town, text in zip(bar.y, bar.text):
        assert text == f"{rows.quota_persons[town]:,} 人 · {rows.share_pct[town]:.2f}%"
    assert sum(bar.customdata) == pytest.approx(100, abs=0.05)


def test_each_town_keeps_the_colour_it_was_given(tables):
    frame = quota_with_share(tables)
    given = dict(zip(frame.town_name, TOWN_PALETTE))
    bar = build(frame).data[0]
    assert list(bar.marker.color) == [given[t] for t in bar.y]


def test_labels_read_on_every_fill(tables):
    bar = build(quota_with_share(tables)).data[0]
    for fill, ink in zip(bar.marker.color, bar.insidetextfont.color):
        assert palette.contrast_ratio(ink, fill) >= 4.5, (fill, ink)


def test_the_chosen_town_is_hatched_outlined_and_named_in_bold(tables):
    frame = quota_with_share(tables)
    chosen = frame.town_name.iloc[0]
    fig = build(frame, chosen)
    bar = fig.data[0]
    marked = [t == chosen for t in bar.y]
    assert [s == "/" for s in bar.marker.pattern.shape] == marked
    assert [w > 0 for w in bar.marker.line.width] == marked
    assert [t for t in fig.layout.yaxis.ticktext if "▶" in t] == [f"<b>▶ {chosen}</b>"]
    assert [t.startswith("<b>") for t in bar.text] == marked


def test_the_hover_names_the_share_in_the_language(tables):
    frame = quota_with_share(tables)
    assert "占全区" in build(frame).data[0].hovertemplate
    assert "占全区" not in build(frame, lang="en").data[0].hovertemplate
