"""医保征缴 cross-filtering (issue 15, point 12) in Chromium: the per-town chart is a bar a person can
click (the donut it replaces reported no point for a click). Clicking a town's bar sets the sidebar's
town filter and ?town=, the key figures become that town's (checked against the tables), the page names
the town with a button back to the whole district, and the other pages follow. Both languages, both
themes; screenshots under tests/artifacts/insurance-click-*.png."""
from __future__ import annotations

import urllib.parse

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shoot, wait_idle

pytestmark = pytest.mark.browser
PERSONS = {"zh": " 人", "en": " people"}
CHOSEN = {"zh": "当前筛选：", "en": "Current filter: "}
TOWN_FILTER = {"zh": "镇街筛选", "en": "Town filter"}
CLEAR = {"zh": "显示全区", "en": "Show the whole district"}


def open_tab(browser, theme: str):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="zh-CN", color_scheme=theme)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    return context, tab


def town_in_url(tab) -> list[str] | None:
    return urllib.parse.parse_qs(urllib.parse.urlparse(tab.url).query).get("town")


def metric_values(tab) -> list[str]:
    return [m.inner_text() for m in tab.locator("[data-testid='stMain'] [data-testid='stMetric']").all()]


def click_bar(tab, rank: int) -> None:
    """Click the bar `rank` places from the bottom (bars are drawn smallest first), where it is drawn:
    Plotly's drag layer sits above the bars, so a click at the bar's position is what a person does."""
    bars = tab.locator(".st-key-ins-bar .js-plotly-plot .point path")
    bars.first.wait_for(state="attached")
    tab.locator(".st-key-ins-bar").scroll_into_view_if_needed()
    box = bars.nth(rank).bounding_box()
    assert box, "bar not drawn"
    tab.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_idle(tab)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_clicking_a_town_bar_filters_the_insurance_page_to_that_town(warm, browser, tables, lang, theme):
    quota = tables["insurance_quota"].sort_values("quota_persons").reset_index(drop=True)
    rank = 2  # a bar in the middle of the ranking, not the top one the overview test clicks
    town, persons = quota.town_name[rank], int(quota.quota_persons[rank])
    share = 100 * persons / quota.quota_persons.sum()
    context, tab = open_tab(browser, theme)
    tab.goto(f"{warm}/insurance" + ("?lang=en" if lang == "en" else ""))
    wait_idle(tab, 60)
    tab.wait_for_function(f"() => document.documentElement.dataset.theme === '{theme}'")
    expect(tab.locator("[data-testid='stMain'] .pielayer path"), "no donut").to_have_count(0)
    click_bar(tab, rank)

    assert town_in_url(tab) == [town]
    sidebar_town = tab.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(
        has_text=TOWN_FILTER[lang])
    inputs = sidebar_town.locator("input")
    assert town in sidebar_town.inner_text() + " " + (inputs.first.input_value() if inputs.count() else "")
    shown = metric_values(tab)
    assert any(town in m and f"{persons:,}{PERSONS[lang]}" in m for m in shown), shown
    assert any(f"{share:.2f}%" in m for m in shown), shown
    main = tab.locator("[data-testid='stMain']")
    assert f"{CHOSEN[lang]}{town}" in main.inner_text()
    # the chosen bar is marked in bold with ▶ on the axis (not by colour alone)
    expect(tab.locator(".st-key-ins-bar .ytick text").filter(has_text=f"▶ {town}")).to_have_count(1)
    for word in ("nan", "NaN", "None"):
        assert word not in main.inner_text().replace("%", " ").split(), word
    shoot(tab, f"insurance-click-{lang}-{theme}")
    tab.locator(".st-key-ins-bar").scroll_into_view_if_needed()
    shoot(tab, f"insurance-click-{lang}-{theme}-chart", full_page=False)

    # the button under the chart goes back to the whole district
    tab.get_by_role("button", name=CLEAR[lang]).click()
    wait_idle(tab)
    assert town_in_url(tab) is None
    assert CHOSEN[lang] not in main.inner_text()
    assert any(f"{int(quota.quota_persons.sum()):,}{PERSONS[lang]}" in m for m in metric_values(tab))
    context.close()


def test_the_clicked_town_holds_on_the_other_pages(warm, browser, tables):
    quota = tables["insurance_quota"].sort_values("quota_persons").reset_index(drop=True)
    town = quota.town_name.iloc[-1]
    context, tab = open_tab(browser, "light")
    tab.goto(f"{warm}/insurance")
    wait_idle(tab, 60)
    click_bar(tab, len(quota) - 1)
    assert town_in_url(tab) == [town]
    tab.locator("[data-testid='stSidebar']").get_by_role("link", name="总览").click()
    wait_idle(tab)
    assert town_in_url(tab) == [town]
    assert f"当前筛选：{town}" in tab.locator("[data-testid='stMain']").inner_text()
    shoot(tab, "insurance-click-then-overview")
    context.close()
