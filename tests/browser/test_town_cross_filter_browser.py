"""Cross-filtering (issue 15 point 12) in a real browser: a click on a town's bar or donut slice sets the
sidebar's town filter, the URL's ?town= follows, and the page's text changes to that town. Also the
roads page's ?road_town= link, and screenshots of the three pages in both languages."""
from __future__ import annotations

import urllib.parse

import pytest

from tests.browser.conftest import shoot, wait_idle

pytestmark = pytest.mark.browser


def town_filter(page) -> str:
    """What the sidebar's town selector shows (its chosen option, drawn in the combobox)."""
    box = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text="镇街")
    shown = box.inner_text()
    inputs = box.locator("input")
    return shown + " " + (inputs.first.input_value() if inputs.count() else "")


def in_url(page, town: str) -> bool:
    return urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query).get("town") == [town]


def click_top_bar(page, chart_index: int) -> None:
    chart = page.locator(".js-plotly-plot").nth(chart_index)
    chart.scroll_into_view_if_needed()
    box = chart.locator(".point path").last.bounding_box()  # bars are ranked: the last drawn is the top one
    # Plotly's drag layer sits above the bars: click where the bar is drawn, as a person would.
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_idle(page)


def test_clicking_a_roads_bar_on_the_overview_sets_the_town_filter(app_server, page, tables):
    target = tables["road_towns"].sort_values("listed_count").town_name.iloc[-1]
    page.goto(app_server + "/")
    wait_idle(page)
    assert f"当前筛选：{target}" not in page.locator("[data-testid='stMain']").inner_text()
    click_top_bar(page, 1)  # funds sources, roads, insurance
    assert target in town_filter(page)
    assert in_url(page, target)
    assert f"当前筛选：{target}" in page.locator("[data-testid='stMain']").inner_text()
    shoot(page, "cross-filter-overview-clicked")
    # the filter holds on the other pages: the roads page opens on that town's villages
    page.locator("[data-testid='stSidebar']").get_by_role("link", name="通户道路").click()
    wait_idle(page)
    assert page.get_by_text(f"{target} 共列出").count() == 1


def test_clicking_an_insurance_bar_sets_the_town_filter(app_server, page, tables):
    quota = tables["insurance_quota"].sort_values("quota_persons")
    top = quota.town_name.iloc[-1]
    page.goto(app_server + "/insurance")
    wait_idle(page)
    click_top_bar(page, 0)
    assert top in town_filter(page) and in_url(page, top)
    assert page.locator("[data-testid='stMetric']").filter(has_text=f"{top}征缴任务").count() == 1
    shoot(page, "cross-filter-insurance-clicked")


def test_clicking_a_roads_bar_sets_the_town_filter_and_the_village_list(app_server, page, tables):
    target = tables["road_towns"].sort_values("listed_count").town_name.iloc[-1]
    page.goto(app_server + "/roads")
    wait_idle(page)
    click_top_bar(page, 0)
    assert target in town_filter(page) and in_url(page, target)
    assert page.get_by_text(f"{target} 共列出").count() == 1


def test_a_shared_link_reopens_the_roads_village_list(app_server, page, tables):
    target = tables["road_towns"].town_name.iloc[-1]
    page.goto(app_server + "/roads?road_town=" + urllib.parse.quote(target))
    wait_idle(page)
    assert page.get_by_text(f"{target} 共列出").count() == 1
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
