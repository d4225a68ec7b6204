"""/towns: one profile per 济阳 town; values equal the rows of the source tables."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from store import people, towns
from tests.conftest import metric, open_app
from ui.links import TOWN_LINK_DISPLAY, linkify_towns, page_url, town_link, town_url


def profile(town: str | None = None, via: str = "page") -> AppTest:
    at = open_app("pages/towns.py", state={"town": town} if town and via != "page" else None)  # the sidebar filter
    if town and via == "page":
        at.selectbox(key="town_profile").set_value(town).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_qudi_quota_and_village_count_equal_the_source_rows(database, tables):
    quota = tables["insurance_quota"].set_index("town_name").loc["曲堤街道", "quota_persons"]
    road = tables["road_towns"].set_index("town_name").loc["曲堤街道"]
    villages = tables["road_villages"].query("town_name == '曲堤街道'")
    assert int(towns.insurance("曲堤街道").quota_persons.iloc[0]) == quota
    assert len(towns.road_villages("曲堤街道")) == len(villages) == road.listed_count
    share = 100 * quota / tables["insurance_quota"].quota_persons.sum()
    assert towns.insurance("曲堤街道").share_pct.iloc[0] == pytest.approx(share)


def test_qudi_profile_page_shows_them(database, tables):
    quota = tables["insurance_quota"].set_index("town_name").loc["曲堤街道", "quota_persons"]
    villages = tables["road_villages"].query("town_name == '曲堤街道'")
    at = profile("曲堤街道")
    assert metric(at, f"{tables['insurance_quota'].year.iloc[0]} 年医保征缴任务") == f"{quota:,} 人"
    assert metric(at, "待硬化道路的村") == f"{len(villages)} 个"
    listed = next(df.value for df in at.dataframe if "村名" in df.value.columns)
    assert listed["村名"].tolist() == villages.sort_values("seq_in_town").village_name.tolist()
    # the page selectbox drives the shared sidebar filter (and so ?town=)
    assert at.session_state["town"] == "曲堤街道"


def test_sungeng_has_no_road_villages(database, tables):
    assert "孙耿街道" not in set(tables["road_towns"].town_name)
    towns = tables["towns"]
    assert len(tables["road_towns"]) < len(towns[towns.district == "济阳区"])
    at = profile("孙耿街道")
    assert metric(at, "待硬化道路的村") == "未列入"
    notice = [i.value for i in at.info if "孙耿街道没有列入通户道路硬化的村" in i.value]
    jiyang = towns[towns.district == "济阳区"]
    assert notice and f"{len(jiyang)} 个镇街中的 {len(tables['road_towns'])} 个" in notice[0]


def test_sidebar_filter_opens_the_profile(database, tables):
    at = profile("仁风镇", via="sidebar")
    assert at.selectbox(key="town_profile").value == "仁风镇"
    heritage = next(df.value for df in at.dataframe if "项目名称" in df.value.columns)
    expected = tables["heritage_items"].query("town_name == '仁风镇'").item_name.tolist()
    assert heritage["项目名称"].tolist() == expected and "仁风九龙翻身大鼓" in expected


def test_district_view_compares_all_ten_towns(database, tables):
    at = profile()
    table = next(df.value for df in at.dataframe if "待硬化道路村（个）" in df.value.columns)
    assert len(table) == len(tables["towns"].query("district == '济阳区'"))
    assert table[f"{tables['insurance_quota'].year.iloc[0]} 年医保征缴任务（人）"].sum() == tables["insurance_quota"].quota_persons.sum()
    assert table["待硬化道路村（个）"].sum() == len(tables["road_villages"])


def test_overview_counts_follow_the_tables(database, tables):
    overview = towns.overview().set_index("town_name")
    projects = tables["fund_projects"].dropna(subset=["town_name"]).groupby("town_name").size()
    for town, n in projects.items():
        assert overview.loc[town, "projects"] == n
    assert overview.loc["孙耿街道", "road_villages"] == 0


def test_group_members_are_found_by_the_town_named_in_their_post(database, tables):
    members = people.town_members("仁风镇")
    assert "许传峰" in set(members.person_name)
    assert members.position.str.contains("仁风镇").all()
    # '济阳' alone is the district: the 济阳街道 profile only takes posts naming 济阳街道
    assert people.town_members("济阳街道").position.str.contains("济阳街道").all()


def test_quality_notes_name_the_town(database):
    notes = towns.quality_notes("垛石街道")
    assert len(notes) > 0
    assert (notes.subject.str.contains("垛石街道") | notes.message.str.contains("垛石街道")).all()


def test_town_links():
    assert town_url("曲堤街道") == "/towns?town=曲堤街道"
    assert town_link("仁风镇") == "[仁风镇](/towns?town=仁风镇)"
    assert linkify_towns("曲堤街道和仁风镇", ["仁风镇", "曲堤街道"]) == \
        "[曲堤街道](/towns?town=曲堤街道)和[仁风镇](/towns?town=仁风镇)"
    assert "%26" in town_url("a&b")


def test_links_from_the_english_view_stay_in_english():
    import re

    assert town_url("曲堤街道", "en") == "/towns?town=曲堤街道&lang=en"
    assert town_url("曲堤街道", "zh") == "/towns?town=曲堤街道", "Chinese is the default: no parameter"
    assert page_url("/documents", "en", q="曲堤街道") == "/documents?q=曲堤街道&lang=en"
    # the table link column shows the town name only, with or without the language
    assert re.search(TOWN_LINK_DISPLAY, town_url("仁风镇", "en")).group(1) == "仁风镇"
    assert re.search(TOWN_LINK_DISPLAY, town_url("仁风镇")).group(1) == "仁风镇"


def test_english_profile_shows_english_labels_and_printed_values(database, tables):
    at = open_app("pages/towns.py", lang="en", query={"town": "孙耿街道"})
    assert at.title[0].value == "Town profiles"
    assert metric(at, "Villages to pave") == "Not listed"
    notice = [i.value for i in at.info if i.value.startswith("孙耿街道 has no village in the road paving project")]
    district = tables["towns"][tables["towns"].district == "济阳区"]
    assert notice and f"only {len(tables['road_towns'])} of the {len(district)} towns" in notice[0]
    heritage = tables["heritage_items"]
    if (heritage.town_name == "孙耿街道").any():
        shown = next(df.value for df in at.dataframe if "Item" in df.value.columns)
        assert shown["Item"].tolist() == heritage.query("town_name == '孙耿街道'").item_name.tolist()


def test_commitments_naming_the_town(database, tables):
    targets = tables["targets"]
    named = targets[targets.subject.str.contains("回河街道") | targets.quote.fillna("").str.contains("回河街道")]
    rows = towns.targets("回河街道")
    assert set(rows.target_id) == set(named.target_id) and len(rows) > 0
    at = profile("回河街道")
    shown = next(df.value for df in at.dataframe if "承诺对象" in df.value.columns)
    assert len(shown) == len(named)


def test_english_profile_shows_the_towns_data_checks_in_english(database):
    from ui.checks import localised

    notes = towns.quality_notes("垛石街道")
    at = open_app("pages/towns.py", lang="en", query={"town": "垛石街道"})
    shown = " ".join(m.value for m in at.markdown)
    for english, chinese in zip(localised(notes, "en").message, notes.message):
        assert english in shown and chinese not in shown
