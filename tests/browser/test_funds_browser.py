"""涉农资金 as a user checks it in Chromium: screenshots light/dark, Chinese/English and on a 390 px
phone; no float noise in the page text; the treemap's root tile lets the theme's background show;
a click on a sector bar puts the sector in the URL and says so under the chart, and the shared
link reopens it; on a phone the project timeline fills the width and no toolbar covers a title."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from store import curated
from tests.browser.conftest import shoot, wait_idle
from ui import glossary

pytestmark = pytest.mark.browser
FLOAT_NOISE = re.compile(r"\d\.\d*(0{5,}|9{5,})\d")


def open_tab(browser, theme: str = "light", width: int = 1280, height: int = 720):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN", color_scheme=theme)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    return context, tab


def visit(tab, url: str, theme: str = "light") -> None:
    tab.goto(url)
    wait_idle(tab, 60)
    tab.wait_for_function(f"() => document.documentElement.dataset.theme === '{theme}'")
    expect(tab.locator("[data-testid='stException']")).to_have_count(0)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_funds_page_in_both_themes_and_languages(warm, browser, theme, lang):
    context, tab = open_tab(browser, theme)
    visit(tab, f"{warm}/funds" + ("?lang=en" if lang == "en" else ""), theme)
    text = tab.locator("[data-testid='stMain']").inner_text()
    assert not FLOAT_NOISE.findall(text), FLOAT_NOISE.findall(text)
    # the treemap's root tile is see-through: the page's own background (light or dark) shows
    tab.wait_for_selector(".st-key-fund-src-tree .treemaplayer path.surface", state="attached")
    root_fill = tab.evaluate("""() => {
        const tile = document.querySelector('.st-key-fund-src-tree .treemaplayer path.surface');
        return tile ? getComputedStyle(tile).fill + ' ' + getComputedStyle(tile).fillOpacity : '';
    }""")
    assert root_fill and (root_fill.endswith(" 0") or "rgba(0, 0, 0, 0)" in root_fill), root_fill
    shoot(tab, f"funds-{lang}-{theme}")
    tab.get_by_role("tab", name="Flow of funds" if lang == "en" else "资金流向").click()
    wait_idle(tab)
    flow = tab.locator(".st-key-fund-flow").inner_text()
    for name in curated.fund_by_source().source_name:
        assert glossary.term(name, lang) in flow  # English: 'Central funds' (ui/glossary.py)
    assert ("万元" not in flow) if lang == "en" else ("万元" in flow)
    tab.locator(".st-key-fund-flow").scroll_into_view_if_needed()
    shoot(tab, f"funds-flow-{lang}-{theme}", full_page=False)
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_clicked_sector_is_named_under_the_chart_and_kept_in_the_url(warm, browser, lang):
    """In English the bar is labelled 'Industry revitalisation'; the click still picks the sector (?sector=产业振兴)."""
    context, tab = open_tab(browser)
    visit(tab, f"{warm}/funds" + ("?lang=en" if lang == "en" else ""))
    tab.get_by_role("tab", name="By sector" if lang == "en" else "按任务领域").click()
    chart = tab.locator(".st-key-fund-sector-chart")
    chart.scroll_into_view_if_needed()
    bar = chart.locator(".bars .point path").first
    box = bar.bounding_box()
    assert box
    tab.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.wait_for_function("() => new URL(location.href).searchParams.has('sector')")
    wait_idle(tab)
    sector = parse_qs(urlparse(tab.url).query)["sector"][0]
    assert sector in curated.fund_by_sector().sector_name.tolist()
    chosen = re.compile("Selected sector" if lang == "en" else "已选 领域")
    feedback = tab.get_by_text(chosen).first
    feedback.wait_for()
    assert glossary.term(sector, lang) in feedback.inner_text()
    gap = feedback.bounding_box()["y"] - (box["y"] + box["height"])
    assert gap < 400, "the feedback is close under the chart"
    shoot(tab, f"funds-sector-clicked-{lang}", full_page=False)
    shared_url = tab.url
    context.close()
    context, tab = open_tab(browser)
    visit(tab, shared_url)
    picker = tab.locator(".st-key-fund_sector")
    shown = picker.evaluate("el => el.textContent + ' ' + [...el.querySelectorAll('input')].map(i => i.value).join(' ')")
    assert glossary.term(sector, lang) in shown, f"the shared link reopens the sector: {shown}"
    assert glossary.term(sector, lang) in tab.get_by_text(chosen).first.inner_text()
    context.close()


def test_a_project_opens_with_its_details(warm, browser):
    """Project details are drawn when the reader opens them (lazy expanders): the click shows the area
    and the target the loader read, and the money table."""
    project = curated.fund_projects().iloc[0]
    context, tab = open_tab(browser)
    visit(tab, f"{warm}/funds")
    box = tab.locator(f".st-key-fund-project-{project.doc_id}-{project.project_no}")
    expect(box.locator("[data-testid='stExpanderDetails'] [data-testid='stMarkdown']")).to_have_count(0)
    box.locator("summary").click()
    details = box.locator("[data-testid='stExpanderDetails']")
    expect(details).to_contain_text(project.area, timeout=15_000)
    expect(details).to_contain_text(project.target_text)
    wait_idle(tab)
    box.scroll_into_view_if_needed()
    shoot(tab, "funds-project-opened", full_page=False)
    context.close()


def test_funds_on_a_phone(warm, browser):
    context, tab = open_tab(browser, width=390, height=844)
    visit(tab, f"{warm}/funds")
    assert tab.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollWidth") <= 390
    expect(tab.locator("[data-testid='stMain'] .modebar"), "no toolbar covers a chart title").to_have_count(0)
    timeline = tab.locator(".st-key-fund-project-timeline .main-svg").first
    timeline.scroll_into_view_if_needed()
    box = timeline.bounding_box()
    assert box and box["width"] >= 330
    plot = tab.locator(".st-key-fund-project-timeline rect.nsewdrag").first.bounding_box()
    assert plot and plot["width"] >= 150, f"the bars have room: {plot}"
    shoot(tab, "funds-phone")
    tab.locator(".st-key-fund-project-timeline").scroll_into_view_if_needed()
    shoot(tab, "funds-phone-timeline", full_page=False)
    context.close()


def test_downloaded_amounts_are_numbers_that_add_up_to_the_page_total(warm, browser, tables, tmp_path):
    """Exports carry numbers, not text: the 金额 column of the CSV and of the Excel file sums to the
    page's 统筹整合资金总额 exactly when the build's own check of that total passed (a total that does
    not add up is flagged, never corrected)."""
    import csv
    import io

    import pandas as pd

    from ui.tables import headings

    amount = headings(["amount_wan"], "fund_by_source", "zh")["amount_wan"]
    context, tab = open_tab(browser)
    visit(tab, f"{warm}/funds")
    card = tab.locator("[data-testid='stMetric']").filter(has_text="统筹整合资金总额")
    shown_total = float(re.sub(r"[^\d.]", "", card.locator("[data-testid='stMetricValue']").inner_text()))
    with tab.expect_download() as got:
        tab.get_by_role("button", name="下载 CSV").first.click()
    rows = list(csv.DictReader(io.StringIO(got.value.path().read_bytes().decode("utf-8-sig"))))
    csv_sum = sum(float(row[amount]) for row in rows)   # float() fails on "1,590" or "未写明"
    with tab.expect_download() as got:
        tab.get_by_role("button", name="下载 Excel").first.click()
    sheet = pd.read_excel(io.BytesIO(got.value.path().read_bytes()))
    assert pd.api.types.is_float_dtype(sheet[amount]), "Excel keeps the amounts as numbers"
    context.close()

    assert len(rows) == len(sheet) == len(tables["fund_by_source"])
    assert csv_sum == pytest.approx(sheet[amount].sum()) == pytest.approx(float(tables["fund_by_source"].amount_wan.astype(float).sum()))
    checks = tables["data_quality"].set_index("check_id")
    total_check = checks[checks.index.str.endswith(":funds.source_total")].iloc[0]
    adds_up = round(csv_sum, 2) == shown_total
    assert adds_up == (total_check.severity == "ok"), (csv_sum, shown_total, total_check.message)
