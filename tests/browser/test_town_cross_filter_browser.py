"""Cross-filtering (issue 15 point 12) in a real browser: a click on a town's bar or donut slice sets the
sidebar's town filter, the URL's ?town= follows, and the page's text changes to that town. Also the
roads page's ?road_town= link, and screenshots of the three pages in both languages."""
from __future__ import annotations

import urllib.parse

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import expect_query, shoot, wait_idle

pytestmark = pytest.mark.browser


def expect_town_chosen(page, town: str) -> None:
    """Wait until the sidebar's town selector shows `town` and the URL carries ?town= (the click's rerun
    writes both; reading them once raced it under load)."""
    box = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text="镇街")
    expect(box.get_by_role("combobox")).to_have_value(town)
    expect_query(page, town=town)


def click_top_bar(page, chart_index: int, town: str) -> None:
    """Click the top bar of the chart, as a person would, until the town filter shows `town`. A click
    that lands while the page is still moving (a busy machine) selects nothing, and a person would click
    again; three clicks that all fail to set the filter fail the test."""
    chart = page.locator(".js-plotly-plot").nth(chart_index)
    for attempt in range(3):
        chart.scroll_into_view_if_needed()
        box = chart.locator(".point path").last.bounding_box()  # bars are ranked: the last drawn is the top one
        # Plotly's drag layer sits above the bars: click where the bar is drawn.
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        wait_idle(page)
        try:
            expect_town_chosen(page, town)
            return
        except AssertionError:
            if attempt == 2:
                raise


def test_clicking_a_roads_bar_on_the_overview_sets_the_town_filter(app_server, page, tables):
    target = tables["road_towns"].sort_values("listed_count").town_name.iloc[-1]
    page.goto(app_server + "/")
    wait_idle(page)
    assert f"当前筛选：{target}" not in page.locator("[data-testid='stMain']").inner_text()
    click_top_bar(page, 1, target)  # funds sources, roads, insurance
    expect(page.locator("[data-testid='stMain']")).to_contain_text(f"当前筛选：{target}")
    shoot(page, "cross-filter-overview-clicked")
    # the filter holds on the other pages: the roads page opens on that town's villages
    page.locator("[data-testid='stSidebar']").get_by_role("link", name="通户道路").click()
    wait_idle(page)
    expect(page.get_by_text(f"{target} 共列出")).to_have_count(1)


def test_clicking_an_insurance_bar_sets_the_town_filter(app_server, page, tables):
    quota = tables["insurance_quota"].sort_values("quota_persons")
    top = quota.town_name.iloc[-1]
    page.goto(app_server + "/insurance")
    wait_idle(page)
    click_top_bar(page, 0, top)
    expect(page.locator("[data-testid='stMetric']").filter(has_text=f"{top}征缴任务")).to_have_count(1)
    shoot(page, "cross-filter-insurance-clicked")


def test_clicking_a_roads_bar_sets_the_town_filter_and_the_village_list(app_server, page, tables):
    target = tables["road_towns"].sort_values("listed_count").town_name.iloc[-1]
    page.goto(app_server + "/roads")
    wait_idle(page)
    click_top_bar(page, 0, target)
    expect(page.get_by_text(f"{target} 共列出")).to_have_count(1)


def test_a_shared_link_reopens_the_roads_village_list(app_server, page, tables):
    target = tables["road_towns"].town_name.iloc[-1]
    page.goto(app_server + "/roads?road_town=" + urllib.parse.quote(target))
    wait_idle(page)
    expect(page.get_by_text(f"{target} 共列出")).to_have_count(1)
    assert "nan" not in page.locator("[data-testid='stMain']").inner_text().split()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", ["/", "/roads", "/insurance"])
def test_screenshots(app_server, page, path, lang):
    page.goto(app_server + path + ("?lang=en" if lang == "en" else ""))
    wait_idle(page)
    text = page.locator("[data-testid='stMain']").inner_text()
    for word in ("nan", "NaN", "None"):
        assert word not in text.replace("%", " ").split(), word
    shoot(page, f"cross-filter{path.replace('/', '-') or ''}-{lang}".replace("--", "-").rstrip("-"))
