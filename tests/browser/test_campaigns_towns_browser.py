"""/campaigns (each tab) and /towns in a real browser, with screenshots in tests/artifacts/."""
from __future__ import annotations

import csv
import io
import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import expect_query, shoot, wait_idle

pytestmark = pytest.mark.browser

CAMPAIGN_TABS = {"方案总览": "阶段安排", "任务与部门": "各单位承担的任务", "承诺与目标": "各月到期的承诺数",
                 "人员与小组": "谁在多个名单中"}


@pytest.fixture(scope="module", autouse=True)
def warm_up(app_server, browser):
    """Open the entry page once: on a fresh server, a first request straight to /towns is
    served from the pages/ folder without dashboard.py (no navigation, no town filter)."""
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(app_server + "/")
    wait_idle(tab, 60)
    context.close()


def no_exception(page) -> None:
    assert page.locator("[data-testid='stException']").count() == 0, page.locator(
        "[data-testid='stException']").first.inner_text()


def shoot_all(page, name: str) -> None:
    """Screenshot of the whole page: the main area scrolls inside the window, so grow the
    window to the content's height first."""
    size = page.viewport_size
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 12000)})
    wait_idle(page)
    shoot(page, name, full_page=False)
    page.set_viewport_size(size)


@pytest.mark.parametrize("tab", CAMPAIGN_TABS)
def test_campaign_tab(app_server, page, tab):
    page.goto(app_server + "/campaigns?tab=" + quote(tab))
    wait_idle(page)
    no_exception(page)
    assert page.get_by_role("tab", name=tab).get_attribute("aria-selected") == "true"
    expect(page.get_by_text(CAMPAIGN_TABS[tab]).first).to_be_attached()
    text = page.locator("[data-testid='stMain']").inner_text()
    assert not re.search(r"\bNone\b|\bnan\b|\bNaN\b", text), "an empty value is printed as None/nan"
    shoot_all(page, f"campaigns-{tab}")


def test_the_plans_sources_open_with_a_citation_per_document(app_server, page, tables):
    """The list of the plans' sources is drawn when opened: one caption (with 查看原文) per plan document."""
    page.goto(app_server + "/campaigns")
    wait_idle(page)
    sources = page.locator(".st-key-cite-rows-plans")
    expect(sources.locator("[data-testid='stCaptionContainer']")).to_have_count(0)
    sources.locator("summary").click()
    documents = tables["campaign_plans"].doc_id.nunique()
    expect(sources.locator("[data-testid='stCaptionContainer']")).to_have_count(documents, timeout=15_000)
    expect(sources.get_by_role("link", name="查看原文")).to_have_count(documents)
    wait_idle(page)
    sources.scroll_into_view_if_needed()
    shoot(page, "campaigns-sources-opened", full_page=False)


def test_campaign_tabs_in_english(app_server, page):
    """Each tab opened from a link in English: no None/nan printed; screenshots to look at."""
    from ui.i18n import _

    for tab in CAMPAIGN_TABS:
        page.goto(app_server + "/campaigns?lang=en&tab=" + quote(tab))
        wait_idle(page)
        no_exception(page)
        assert page.get_by_role("tab", name=_(tab, "en")).get_attribute("aria-selected") == "true"
        text = page.locator("[data-testid='stMain']").inner_text()
        assert not re.search(r"\bNone\b|\bnan\b|\bNaN\b", text), tab
        shoot_all(page, f"campaigns-en-{_(tab, 'en')}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_shared_link_reopens_the_tab_and_the_plan(app_server, browser, tables, lang):
    """A link with ?tab= and ?plan= opened in a fresh browser shows that plan; its contact is printed once."""
    plans = tables["campaign_plans"].set_index("plan_no")
    chosen = int(plans.index.max())
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="zh-CN")
    tab = context.new_page()
    overview = "方案总览" if lang == "zh" else "Plans"
    tab.goto(app_server + f"/campaigns?lang={lang}&tab=" + quote("方案总览") + f"&plan={chosen}")
    wait_idle(tab, 60)
    no_exception(tab)
    assert tab.get_by_role("tab", name=overview).get_attribute("aria-selected") == "true"
    expect(tab.get_by_role("heading", name=plans.loc[chosen, "title"])).to_have_count(1)
    contact = tab.get_by_text(re.compile("联系电话：|Contact:"))
    assert contact.count() == 1 and "联系电话" not in contact.first.inner_text().split("：", 1)[-1]
    assert f"plan={chosen}" in tab.url
    shoot_all(tab, f"campaigns-shared-plan-{lang}")
    context.close()


def test_clicking_a_department_bar_lists_its_tasks(app_server, page):
    page.goto(app_server + "/campaigns?tab=" + quote("任务与部门"))
    wait_idle(page)
    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    # The 责任 segment of the top bar; Plotly listens on its drag layer, so click the spot.
    box = chart.locator("g.trace.bars").nth(1).locator(".point path").last.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_idle(page)
    no_exception(page)
    label = page.locator("[data-testid='stMetric']").filter(has_text="参与的任务").first.inner_text()
    count = int(re.search(r"(\d+) 条", label).group(1))
    expect(page.get_by_text(f"共 {count} 条任务")).to_have_count(1)
    shoot(page, "campaigns-department-drilldown")


def test_a_department_view_is_a_link(app_server, page, tables):
    units = tables["campaign_task_units"]
    expected = len(units[units.unit == "区住房和城乡建设局"][["plan_no", "task_id"]].drop_duplicates())
    page.goto(app_server + "/campaigns?tab=" + quote("任务与部门") + "&task_unit=" + quote("区住房和城乡建设局"))
    wait_idle(page)
    no_exception(page)
    expect(page.get_by_text(f"共 {expected} 条任务")).to_have_count(1)


def test_campaigns_on_a_phone(app_server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    tab = context.new_page()
    tab.goto(app_server + "/campaigns?tab=" + quote("承诺与目标"))
    wait_idle(tab)
    no_exception(tab)
    shoot_all(tab, "campaigns-承诺与目标-phone")
    tab.goto(app_server + "/campaigns?tab=" + quote("方案总览"))
    wait_idle(tab)
    no_exception(tab)
    shoot_all(tab, "campaigns-方案总览-phone")
    context.close()


def test_town_profile_from_the_url(app_server, page, tables):
    quota = tables["insurance_quota"].set_index("town_name").quota_persons
    villages = tables["road_villages"]
    page.goto(app_server + "/towns?town=曲堤街道")
    wait_idle(page)
    no_exception(page)
    expect(page.get_by_role("heading", name="曲堤街道").first).to_be_attached()
    metrics = page.locator("[data-testid='stMetric']")
    assert f"{quota['曲堤街道']:,} 人" in metrics.filter(has_text="医保征缴任务").inner_text()
    count = (villages.town_name == "曲堤街道").sum()
    assert f"{count} 个" in metrics.filter(has_text="待硬化道路的村").inner_text()
    shoot_all(page, "towns-曲堤街道")


def test_town_without_road_villages(app_server, page, tables):
    town = "孙耿街道"   # kept as the UI input (its screenshot name); the data must agree it has no road villages
    assert town in set(tables["towns"].town_name) - set(tables["road_towns"].town_name)
    page.goto(app_server + f"/towns?town={town}")
    wait_idle(page)
    no_exception(page)
    expect(page.get_by_text(f"{town}没有列入通户道路硬化的村")).to_have_count(1)
    shoot_all(page, f"towns-{town}")


def test_town_overview_links_open_profiles(app_server, page):
    page.goto(app_server + "/towns")
    wait_idle(page)
    no_exception(page)
    shoot_all(page, "towns-overview")
    page.locator("[data-testid='stMainBlockContainer'] [data-testid='stSelectbox']").first.click()
    page.keyboard.type("垛石")      # the list holds every loaded district's towns: type to narrow it
    page.get_by_role("option", name="垛石街道").click()
    wait_idle(page)
    assert "town=" in page.url
    expect(page.get_by_role("heading", name="垛石街道").first).to_be_attached()


def test_town_profile_village_download(app_server, page, tables):
    villages = tables["road_villages"]
    expected = villages[villages.town_name == "曲堤街道"].village_name.tolist()
    page.goto(app_server + "/towns?town=曲堤街道")
    wait_idle(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="下载 CSV").first.click()
    rows = list(csv.DictReader(io.StringIO(info.value.path().read_bytes().decode("utf-8-sig"))))
    assert [r["村名"] for r in rows] == expected


def test_town_profile_on_a_phone(app_server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    tab = context.new_page()
    tab.goto(app_server + "/towns?town=曲堤街道")
    wait_idle(tab)
    no_exception(tab)
    shoot_all(tab, "towns-曲堤街道-phone")
    context.close()


# ---- English view --------------------------------------------------------------------------

def test_campaigns_in_english_from_a_chinese_link_drill_down_and_export(app_server, page):
    import xml.etree.ElementTree as ET

    page.goto(app_server + "/campaigns?lang=en&tab=" + quote("任务与部门"))  # a link copied from the Chinese view
    wait_idle(page)
    no_exception(page)
    assert page.get_by_role("tab", name="Tasks and units").get_attribute("aria-selected") == "true"
    expect(page.get_by_text("Tasks carried by each unit")).to_have_count(1)
    chart = page.locator("[data-testid='stPlotlyChart']").first
    assert (chart.get_attribute("aria-label") or "").startswith("Stacked bar chart: Tasks per unit")
    box = chart.locator("g.trace.bars").nth(1).locator(".point path").last.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_idle(page)
    no_exception(page)
    label = page.locator("[data-testid='stMetric']").filter(has_text="Tasks involved in").first.inner_text()
    count = int(re.search(r"(\d+)\s*$", label).group(1))  # English drops the measure word 条
    assert page.get_by_text(re.compile(rf"^{count} tasks \(")).count() == 1
    shoot_all(page, "campaigns-en-tasks")
    row = page.locator(".st-key-export-campaign-workload")
    with page.expect_download(timeout=60_000) as info:
        row.get_by_role("button", name=re.compile("SVG")).click()
    text = "".join(ET.fromstring(info.value.path().read_bytes()).itertext())
    assert "Tasks per unit" in text and "Source: " in text and "Lead" in text


def test_language_switch_keeps_the_open_tab(app_server, page):
    page.goto(app_server + "/campaigns?tab=" + quote("承诺与目标"))
    wait_idle(page)
    page.locator("[data-testid='stSidebar']").get_by_role("radio", name="English").click()
    page.wait_for_selector("text=Commitments due per month")
    wait_idle(page)
    no_exception(page)
    assert page.get_by_role("tab", name="Commitments and targets").get_attribute("aria-selected") == "true"
    # The link copied now names the tab in English and reopens it in a fresh browser.
    expect_query(page, lang="en", tab="Commitments and targets")
    fresh = page.context.browser.new_context().new_page()
    fresh.goto(page.url)
    wait_idle(fresh)
    assert fresh.get_by_role("tab", name="Commitments and targets").get_attribute("aria-selected") == "true"
    fresh.context.close()
    # Back to the first tab: it is the default, so the link drops it.
    page.get_by_role("tab", name="Plans").click()
    wait_idle(page)
    expect_query(page, lang="en", tab=None)


def test_town_profile_in_english_and_its_links_stay_english(app_server, page, tables):
    quota = tables["insurance_quota"].set_index("town_name").quota_persons
    page.goto(app_server + "/towns?town=曲堤街道&lang=en")
    wait_idle(page)
    no_exception(page)
    expect(page.get_by_role("heading", name="Town profiles")).to_have_count(1)
    metrics = page.locator("[data-testid='stMetric']")
    assert f"{quota['曲堤街道']:,} people" in metrics.filter(has_text=f"{tables['insurance_quota'].year.iloc[0]} enrolment quota").inner_text()
    label = page.locator("[data-testid='stPlotlyChart']").first.get_attribute("aria-label") or ""
    assert label.startswith("Bar chart: Enrolment quota by town") and "(highlighted: 曲堤街道)" in label
    shoot_all(page, "towns-en-曲堤街道")
    # Markdown links open a new tab, i.e. a new session: the language has to travel in the link.
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="曲堤街道's road paving villages").click()
    roads = opened.value
    roads.wait_for_selector("text=Paving village roads")
    wait_idle(roads)
    assert "lang=en" in roads.url and roads.get_by_text("曲堤街道 共列出").count() == 0
