"""AppTest: every core page renders; the town filter changes figures to that town's."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import metric, open_app

CORE_PAGES = ["pages/overview.py", "pages/funds.py", "pages/roads.py", "pages/insurance.py"]


def app(page: str | None = None, town: str | None = None) -> AppTest:
    # The sidebar widget is bound to session state key "town" (and ?town=): set the state it reads.
    return open_app(page, state={"town": town} if town else None)


@pytest.mark.parametrize("page", CORE_PAGES)
def test_page_renders_without_exception(page):
    at = app(page)
    assert at.title, "page has a title"


def test_overview_headline_figures_follow_the_tables(tables):
    at = app()
    assert metric(at, "待硬化道路的村") == f"{tables['road_towns'].listed_count.sum():,} 个"
    assert metric(at, f"{tables['insurance_quota'].year.iloc[0]} 年医保征缴任务") == f"{tables['insurance_quota'].quota_persons.sum():,}"
    total = tables["fund_totals"].set_index("measure").loc["统筹整合资金总额", "value"]
    assert metric(at, "统筹整合涉农资金") == f"{float(total) / 10000:,.2f} 亿元"


def test_selecting_a_town_changes_insurance_figures_to_that_town(tables):
    quota = tables["insurance_quota"].set_index("town_name").quota_persons
    at = app("pages/insurance.py", town="孙耿街道")
    assert metric(at, "孙耿街道征缴任务") == f"{quota['孙耿街道']:,} 人"
    at.session_state["town"] = "垛石街道"
    at.run()
    assert metric(at, "垛石街道征缴任务") == f"{quota['垛石街道']:,} 人"


def test_road_drill_down_lists_the_chosen_towns_villages(tables):
    at = app("pages/roads.py", town="曲堤街道")
    villages = tables["road_villages"]
    expected = villages[villages.town_name == "曲堤街道"].village_name.tolist()
    shown = next(df for df in at.dataframe if "村名" in df.value.columns).value
    assert shown["村名"].tolist() == expected
    assert shown["镇街"].unique().tolist() == ["曲堤街道"]


def test_town_without_road_villages_says_so(tables):
    towns = tables["towns"]
    town = min(set(towns[towns.district == "济阳区"].town_name) - set(tables["road_towns"].town_name))
    at = app("pages/roads.py", town=town)
    assert any(f"{town}不在道路硬化明细表中" in i.value for i in at.info)


def test_fund_sector_drill_down_shows_that_sectors_projects(tables):
    projects = tables["fund_projects"]
    sector = projects.sector_name.iloc[0]
    at = app("pages/funds.py")
    at.selectbox(key="fund_sector").set_value(sector).run()
    listing = next(df for df in at.dataframe if "项目" in df.value.columns).value
    assert listing["项目"].tolist() == projects[projects.sector_name == sector].project_name.tolist()


def test_insurance_premium_bounds_are_quota_times_lowest_and_highest_tier(tables):
    quota = tables["insurance_quota"].set_index("town_name").quota_persons
    tiers = tables["insurance_premiums"].amount_yuan
    at = app("pages/insurance.py", town="曲堤街道")
    text = " ".join(m.value for m in at.markdown)
    assert f"{quota['曲堤街道'] * tiers.min() / 10000:,.2f} 万元" in text
    assert f"{quota['曲堤街道'] * tiers.max() / 10000:,.2f} 万元" in text


def test_downloads_are_made_on_click_and_hold_the_rows_shown(tables, monkeypatch):
    """A rerun builds no CSV or Excel file; the files made when the buttons are clicked list
    exactly the chosen town's villages."""
    import csv
    import io

    import pandas as pd
    from streamlit.runtime.media_file_manager import MediaFileManager

    from ui import downloads

    made, on_click = [], {}
    real_csv, real_xlsx = downloads.to_csv_bytes, downloads.to_excel_bytes
    monkeypatch.setattr(downloads, "to_csv_bytes", lambda frame: made.append("csv") or real_csv(frame))
    monkeypatch.setattr(downloads, "to_excel_bytes",
                        lambda frame, *args, **kwargs: made.append("xlsx") or real_xlsx(frame, *args, **kwargs))
    register = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        on_click[file_name] = data_callable
        return register(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    app("pages/roads.py", town="曲堤街道")
    assert made == []
    villages = tables["road_villages"]
    expected = villages[villages.town_name == "曲堤街道"].village_name.tolist()
    rows = csv.DictReader(io.StringIO(on_click["通户道路村名单_曲堤街道.csv"]().decode("utf-8-sig")))
    assert [r["村名"] for r in rows] == expected
    sheet = pd.read_excel(io.BytesIO(on_click["通户道路村名单_曲堤街道.xlsx"]()))
    assert sheet["村名"].tolist() == expected
    assert made == ["csv", "xlsx"]
