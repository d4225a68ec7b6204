"""The core pages in a real browser: load, filter by town, click to drill down, download a CSV and an Excel file."""
from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shoot, wait_idle

pytestmark = pytest.mark.browser

PAGES = {"overview": "/", "funds": "/funds", "roads": "/roads", "insurance": "/insurance"}


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_and_is_screenshotted(app_server, page, name):
    page.goto(app_server + PAGES[name])
    wait_idle(page)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    expect(page.get_by_text("数据来源：").first, "footer names the source bulletins").to_be_attached()
    shoot(page, f"core-{name}")


def test_town_in_url_filters_insurance_page(app_server, page, tables):
    quota = tables["insurance_quota"].set_index("town_name").quota_persons
    page.goto(app_server + "/insurance?town=孙耿街道")
    wait_idle(page)
    metric = page.locator("[data-testid='stMetric']").filter(has_text="孙耿街道征缴任务")
    assert f"{quota['孙耿街道']:,} 人" in metric.inner_text()
    shoot(page, "core-insurance-sungeng")


def test_choosing_a_town_in_the_sidebar_updates_the_url(app_server, page):
    page.goto(app_server + "/roads")
    wait_idle(page)
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text="镇街筛选").click()
    page.keyboard.type("曲堤")      # every loaded district's towns are listed: type to narrow
    page.get_by_role("option", name="曲堤街道").click()
    wait_idle(page)
    assert "town=" in page.url and "%E6%9B%B2%E5%A0%A4" in page.url  # 曲堤 url-encoded
    expect(page.get_by_text("曲堤街道 共列出")).to_have_count(1)


def test_click_a_bar_drills_down_to_that_towns_villages(app_server, page, tables):
    towns = tables["road_towns"].sort_values("listed_count")
    target = towns.iloc[-1].town_name  # the longest bar, easy to hit
    page.goto(app_server + "/roads")
    wait_idle(page)
    chart = page.locator(".js-plotly-plot").first
    box = chart.locator(".point path").last.bounding_box()
    # Plotly's drag layer sits above the bars: click where the bar is drawn, as a person would.
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_idle(page)
    expect(page.get_by_text(f"{target} 共列出")).to_have_count(1)
    shoot(page, "core-roads-drilldown")


def test_csv_download_contains_the_shown_villages(app_server, page, tables):
    villages = tables["road_villages"]
    expected = villages[villages.town_name == "回河街道"].village_name.tolist()
    page.goto(app_server + "/roads?town=回河街道")
    wait_idle(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="下载 CSV").first.click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(download.path().read_bytes().decode("utf-8-sig"))))
    assert [r["村名"] for r in rows] == expected
    # The Excel file is made on click too (deferred download): same rows, a real .xlsx.
    with page.expect_download() as info:
        page.get_by_role("button", name="下载 Excel").first.click()
    assert info.value.suggested_filename == "通户道路村名单_回河街道.xlsx"
    sheet = pd.read_excel(io.BytesIO(info.value.path().read_bytes()))
    assert sheet["村名"].tolist() == expected


def test_phone_width_overview(warm, browser):
    """On a 390 px phone the overview fits the screen: nothing scrolls sideways, the title, every
    metric and every chart lie within the width (wide tables scroll inside their own box)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    tab = context.new_page()
    try:
        tab.goto(warm + "/")
        wait_idle(tab)
        expect(tab.locator("[data-testid='stMain'] [data-testid='stMetric']").nth(2)).to_be_visible()
        expect(tab.locator("[data-testid='stMain'] [data-testid='stPlotlyChart']").first).to_be_visible()
        wait_idle(tab)
        width = tab.evaluate("() => window.innerWidth")
        assert width == 390
        sideways = tab.evaluate("""() => {
            const main = document.querySelector('[data-testid="stMain"]');
            return {page: document.documentElement.scrollWidth, body: document.body.scrollWidth,
                    main: main.scrollWidth - main.clientWidth};
        }""")
        assert sideways["page"] <= width and sideways["body"] <= width and sideways["main"] <= 0, sideways
        boxes = tab.evaluate("""() => [...document.querySelectorAll(
                '[data-testid="stMain"] h1, [data-testid="stMetric"], [data-testid="stPlotlyChart"]')]
            .map(el => { const r = el.getBoundingClientRect();
                         return {what: el.dataset.testid || el.tagName, left: r.left, right: r.right}; })""")
        assert sum(b["what"] == "stMetric" for b in boxes) >= 3 and any(b["what"] == "H1" for b in boxes)
        outside = [b for b in boxes if b["left"] < 0 or b["right"] > width + 0.5]
        assert not outside, outside
        shoot(tab, "core-overview-phone")
    finally:
        context.close()


def test_deep_link_as_first_request_on_a_fresh_server_runs_the_whole_app(page):
    """A link pasted into a chat is often the first thing a fresh server sees."""
    from tests.browser.conftest import start_app

    process, url, _log = start_app()
    try:
        page.goto(url + "/roads?town=曲堤街道")
        wait_idle(page)
        expect(page.get_by_text("曲堤街道 共列出")).to_have_count(1)
        sidebar = page.locator("[data-testid='stSidebar']")
        assert "镇街筛选" in sidebar.inner_text() and "涉农资金" in sidebar.inner_text()
        expect(page.get_by_text("数据来源：")).to_have_count(1)
    finally:
        process.terminate()
        process.wait(timeout=10)
