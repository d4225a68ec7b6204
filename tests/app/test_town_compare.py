"""Issue 15 pt 12: compare two or more towns side by side on /towns (?compare=A,B), in zh and en."""
from __future__ import annotations

import pytest

from store import towns
from tests.conftest import open_app
from ui import briefing


def compare_table(at):
    tables = [df.value for df in at.dataframe if len(df.value.columns) >= 3 and df.value.columns[0] in ("指标", "Indicator")]
    assert tables, [list(df.value.columns) for df in at.dataframe]
    return tables[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_two_towns_from_the_url_side_by_side(database, tables, lang):
    pair = ["曲堤街道", "仁风镇"]
    at = open_app("pages/towns.py", lang=lang, query={"compare": ",".join(pair)})
    assert not at.exception, [e.message for e in at.exception]
    assert at.multiselect(key="towns_compare").value == pair
    table = compare_table(at)
    assert list(table.columns[1:]) == pair
    roads = tables["road_towns"].set_index("town_name").listed_count
    quota = tables["insurance_quota"].set_index("town_name").quota_persons
    for town in pair:
        column = table[town].tolist()
        # the count, with its unit in Chinese (English drops a measure word such as 个)
        assert any(v == f"{int(roads[town])}" or v.startswith(f"{int(roads[town])} ") for v in column), column
        assert any(v.startswith(f"{int(quota[town]):,} ") for v in column), column
        assert briefing.project_figure(town, lang).value in column   # the same 重点项目 as everywhere
    captions = " ".join(c.value for c in at.caption)
    for table_name in ("road_towns", "insurance_quota", "fund_projects"):
        assert f"doc={tables[table_name].doc_id.iloc[0]}" in captions   # each figure's source is linked
    chart = list(at.get("plotly_chart"))
    assert chart, "the grouped bar chart"


def test_picking_towns_puts_them_in_the_url(database):
    at = open_app("pages/towns.py")
    names = towns.town_names("济阳区")[:3]
    assert "指标" not in [df.value.columns[0] for df in at.dataframe]
    at.multiselect(key="towns_compare").set_value(names).run()
    assert not at.exception
    assert at.query_params["compare"] in (",".join(names), [",".join(names)])
    assert list(compare_table(at).columns[1:]) == names


def test_unknown_names_in_the_url_are_dropped(database):
    at = open_app("pages/towns.py", query={"compare": "曲堤街道,不存在镇"})
    assert at.multiselect(key="towns_compare").value == ["曲堤街道"]
    assert not [df for df in at.dataframe if df.value.columns[0] == "指标"]
