"""Issue 15 (points 2, 9, 10, 11, 12) as a user checks them in the app: one colour per town on the 医保
town bars (with each town's share), the towns with no listed village shown (0) on the overview's roads chart, the roads page's text
never reading nan/None/NaN, and ?road_town= reopening the village list.
(Clicking a bar is tested in a real browser: tests/browser/test_town_cross_filter_browser.py.)"""
from __future__ import annotations

import base64
import json
import re

import numpy as np
import pytest

from tests.conftest import open_app
from ui.colours import TOWN_PALETTE

pytestmark = pytest.mark.usefixtures("database")


def figures(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def values(array) -> list[float]:
    """A Plotly data array as sent to the browser (numbers may come as base64 typed arrays)."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def page_text(at) -> list[str]:
    lines = [e.value for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning")
             for e in getattr(at, kind)]
    lines += [f"{m.label} {m.value}" for m in at.metric]
    for frame in at.dataframe:
        lines += frame.value.where(frame.value.notna(), "—").astype(str).to_numpy().ravel().tolist()
    return [str(line) for line in lines]


def district_of(tables, table: str) -> str:
    doc = tables[table].doc_id.iloc[0]
    return tables["documents"].set_index("doc_id").loc[doc, "district"]


def test_the_palette_has_twenty_distinct_colours():
    assert len(TOWN_PALETTE) >= 20 and len(set(TOWN_PALETTE)) == len(TOWN_PALETTE)


def insurance_bars(at) -> dict:
    return next(t for f in figures(at) for t in f["data"] if t["type"] == "bar" and "·" in str(t.get("text")))


def test_the_insurance_town_bars_give_every_town_its_own_colour_and_share(tables):
    from ui.colours import town_colours

    quota = tables["insurance_quota"]
    at = open_app("pages/insurance.py")
    assert not [t for f in figures(at) for t in f["data"] if t["type"] == "pie"], "the donut could not be clicked"
    bars = insurance_bars(at)
    colours = bars["marker"]["color"]
    assert sorted(bars["y"]) == sorted(quota.town_name)
    assert len(set(colours)) == len(colours) == len(quota)
    # the same town keeps its colour when a town is chosen (keyed by the district's town list)
    mapping = town_colours(district_of(tables, "insurance_quota"))
    assert colours == [mapping[t] for t in bars["y"]]
    # each label: the town's quota and its share of the district, two decimals for every town
    persons = quota.set_index("town_name").quota_persons
    for town, text in zip(bars["y"], bars["text"]):
        assert text == f"{persons[town]:,} 人 · {100 * persons[town] / persons.sum():.2f}%"
    chosen = quota.town_name.iloc[-1]
    again = open_app("pages/insurance.py", query={"town": chosen})
    bars2 = insurance_bars(again)
    assert dict(zip(bars2["y"], bars2["marker"]["color"])) == dict(zip(bars["y"], colours))


def test_a_chosen_town_is_named_on_the_insurance_page_with_a_way_back_to_the_district(tables):
    chosen = tables["insurance_quota"].sort_values("quota_persons").town_name.iloc[0]
    at = open_app("pages/insurance.py", query={"town": chosen})
    assert any(f"当前筛选：**{chosen}**" in line for line in page_text(at))
    at.button(key="ins-clear-town").click().run()
    assert at.session_state["town"] == "全区"
    assert at.metric[0].label == "全区征缴任务"
    assert not any("当前筛选" in line for line in page_text(at))


def test_the_overview_roads_chart_shows_towns_with_no_village(tables):
    district = district_of(tables, "road_towns")
    towns = tables["towns"]
    listed = set(tables["road_towns"].town_name)
    at = open_app()
    bars = next(t for f in figures(at) for t in f["data"]
                if t["type"] == "bar" and listed <= set(t.get("y") or []))
    shown = dict(zip(bars["y"], values(bars["x"])))
    assert set(shown) == set(towns[towns.district == district].town_name)
    zero = [t for t, v in shown.items() if t not in listed]
    assert zero, "the towns the plan lists no village for are on the chart"
    assert all(shown[t] == 0 for t in zero)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_roads_page_never_reads_nan(tables, lang):
    towns = [None, *tables["road_towns"].town_name]
    for town in towns:
        at = open_app("pages/roads.py", lang=lang, query={"town": town} if town else None)
        for line in page_text(at):
            assert not re.search(r"\b(nan|NaN|None|<NA>)\b", line), (town, line)
    funding = [c.value for c in at.caption if "剩余不足部分" in c.value]
    assert funding and all("%" not in line.split("—")[0] for line in funding)


def test_a_shared_link_reopens_the_village_list(tables):
    roads = tables["road_towns"]
    target = roads.town_name.iloc[-1]
    at = open_app("pages/roads.py", query={"road_town": target})
    assert at.selectbox(key="road_town").value == target
    assert any(m.value.startswith(f"**{target}**") for m in at.markdown)
    other = roads.town_name.iloc[0]
    at.selectbox(key="road_town").set_value(other).run()
    assert at.query_params["road_town"] == other
