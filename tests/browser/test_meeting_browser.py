"""Meeting mode, exports, language and themes in a real browser (headless Chromium).

Screenshots land in tests/artifacts/meeting-*.png (1280×720, the projector) and
meeting-phone-*.png (390×844).
"""
from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import expect_query, shoot, wait_idle
from ui import briefing
from ui.filters import ALL_DISTRICTS, ALL_TOWNS, LATEST, edition_option_label
from ui.i18n import _

# (label, default value) of the sidebar's three filters
SIDEBAR_DEFAULTS = (("区县", ALL_DISTRICTS), ("期次", edition_option_label(LATEST, "zh")), ("镇街筛选", ALL_TOWNS))

pytestmark = pytest.mark.browser

SLIDES = briefing.slide_count()


def position(page) -> str:
    return page.locator(".st-key-meeting-nav [data-testid='stMarkdownContainer']").first.inner_text().strip()


def wait_for_position(page, number: int) -> None:
    page.wait_for_function(
        """n => { const el = document.querySelector(".st-key-meeting-nav [data-testid='stMarkdownContainer']");
                  return el && el.innerText.trim().startsWith(n + ' / '); }""", arg=number, timeout=30_000)
    wait_idle(page)


# `warm` (tests/browser/conftest.py, once per module): a fresh server answers its very first session on a
# sub-page URL with the old pages/ listing; opening the root once first gives every test the app's own
# navigation. A test that starts on the overview asks for `home`.
@pytest.fixture
def home(warm, page):
    page.goto(warm + "/")
    wait_idle(page)
    return warm


def test_meeting_mode_by_buttons_and_keyboard(warm, page):
    page.goto(warm + "/?mode=meeting")
    wait_for_position(page, 1)
    assert position(page).startswith(f"1 / {SLIDES} · 总览")
    assert not page.locator("[data-testid='stSidebar']").is_visible(), "no sidebar chrome on the projector"
    assert not page.locator("[data-testid='stHeader']").is_visible()
    shoot(page, "meeting-1-overview", full_page=False)

    page.get_by_role("button", name=re.compile("下一页")).click()
    wait_for_position(page, 2)
    assert "slide=2" in page.url
    page.keyboard.press("ArrowRight")
    wait_for_position(page, 3)
    page.keyboard.press("ArrowLeft")
    wait_for_position(page, 2)
    page.keyboard.press("PageDown")  # presenter remotes
    wait_for_position(page, 3)
    page.get_by_role("button", name=re.compile("上一页")).click()
    wait_for_position(page, 2)

    for number in range(2, SLIDES + 1):
        if number > 2:
            page.keyboard.press("ArrowRight")
            wait_for_position(page, number)
        expect(page.locator("[data-testid='stException']")).to_have_count(0)
        key = briefing.BUILDERS[number - 1].__name__
        shoot(page, f"meeting-{number}-{key}", full_page=False)
        # One screen: the slide fits a 1280×720 projector without scrolling.
        height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
        assert height <= 730, f"slide {number} is {height}px high"
    assert page.get_by_role("button", name=re.compile("下一页")).is_disabled(), "last slide"
    page.keyboard.press("ArrowRight")
    wait_idle(page)
    assert position(page).startswith(f"{SLIDES} / {SLIDES}")


def test_meeting_mode_honours_the_town_filter(warm, page, tables):
    count = int(tables["road_towns"].set_index("town_name").loc["曲堤街道", "listed_count"])
    page.goto(warm + "/?mode=meeting&slide=4&town=曲堤街道")
    wait_for_position(page, 4)
    assert "曲堤街道" in position(page)
    card = page.locator(".kf").filter(has_text="待硬化道路的村").first
    assert "曲堤街道" in card.inner_text() and f"{count} 个" in card.inner_text()
    chart = page.locator("[data-testid='stPlotlyChart']").first
    assert "（高亮：曲堤街道）" in chart.get_attribute("aria-label")
    page.keyboard.press("ArrowRight")
    wait_for_position(page, 5)
    quota = tables["insurance_quota"].set_index("town_name").quota_persons["曲堤街道"]
    assert f"{quota:,} 人" in page.locator(".kf").first.inner_text()
    assert "town=" in page.url, "the filter stays in the link while paging"
    shoot(page, "meeting-5-insurance-quti", full_page=False)


def test_sidebar_toggle_opens_the_current_pages_slide_and_exit_returns(warm, page):
    page.goto(warm + "/roads")
    wait_idle(page)
    page.locator("[data-testid='stSidebar'] [data-testid='stCheckbox']").filter(has_text="会议模式").click()
    wait_for_position(page, 4)
    assert "mode=meeting" in page.url and "slide=4" in page.url
    page.get_by_role("button", name=re.compile("退出会议模式")).click()
    page.wait_for_selector("[data-testid='stSidebar']", state="visible")
    wait_idle(page)
    assert "mode=meeting" not in page.url
    expect(page.get_by_text("数据来源：").first).to_be_attached()


def test_meeting_mode_on_a_phone(app_server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    tab = context.new_page()
    tab.goto(app_server + "/")
    wait_idle(tab)
    for number in (1, 4, 6):
        tab.goto(app_server + f"/?mode=meeting&slide={number}")
        wait_for_position(tab, number)
        expect(tab.locator("[data-testid='stException']")).to_have_count(0)
        shoot(tab, f"meeting-phone-{number}")
    # Nothing wider than the phone: no sideways scrolling.
    assert tab.evaluate("() => document.documentElement.scrollWidth") <= 392
    context.close()


def test_chart_png_and_svg_downloads(warm, page):
    page.goto(warm + "/roads?town=曲堤街道")
    wait_idle(page)
    row = page.locator(".st-key-export-roads-chart")
    with page.expect_download(timeout=60_000) as info:
        row.get_by_role("button", name=re.compile("PNG")).click()
    png = info.value.path().read_bytes()
    assert info.value.suggested_filename.endswith(".png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    with page.expect_download(timeout=60_000) as info:
        row.get_by_role("button", name=re.compile("SVG")).click()
    svg = info.value.path().read_bytes()
    text = "".join(ET.fromstring(svg).itertext())
    assert "各镇街待硬化村数" in text and "曲堤街道" in text and "来源：" in text


def test_briefing_pdf_download(warm, page, tmp_path):
    page.goto(warm + "/?town=曲堤街道")
    wait_idle(page)
    with page.expect_download(timeout=120_000) as info:
        page.locator("[data-testid='stSidebar']").get_by_role("button", name=re.compile("下载简报 PDF")).click()
    path = tmp_path / "briefing.pdf"
    info.value.save_as(path)
    assert info.value.suggested_filename.endswith(".pdf") and "曲堤街道" in info.value.suggested_filename
    pages = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+(\d+)", pages, re.MULTILINE).group(1) == str(1 + SLIDES)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "会议简报" in text and "曲堤街道" in text


def test_language_switch_changes_labels_and_stays_in_the_link(home, page):
    # <html lang> is set by the sidebar's script once it runs: wait for it, do not read it once
    page.wait_for_function("() => document.documentElement.lang === 'zh-CN'")  # screen readers read Chinese
    page.get_by_role("radio", name="English").click()
    page.wait_for_selector("text=Gazette Dashboard · Overview")
    wait_idle(page)
    expect_query(page, lang="en")
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    expect(page.get_by_text("Integrated agri funds").first).to_be_attached()
    # the sidebar filters' chosen values follow the language too (the browser kept the Chinese ones)
    sidebar = page.locator("[data-testid='stSidebar']")
    for label, value in SIDEBAR_DEFAULTS:
        expect(sidebar.get_by_role("combobox", name=_(label, "en"))).to_have_value(_(value, "en"))
    shoot(page, "i18n-overview-en")
    page.locator("[data-testid='stSidebarNav']").get_by_text("Village roads").click()
    page.wait_for_selector("text=Paving village roads")
    wait_idle(page)
    expect_query(page, lang="en")  # the language survives navigation
    expect(page.get_by_text("曲堤街道").first, "town names stay as printed").to_be_attached()
    page.get_by_role("radio", name="中文").click()
    page.wait_for_selector("text=农村通户道路硬化")
    wait_idle(page)
    expect_query(page, lang=None)
    for label, value in SIDEBAR_DEFAULTS:
        expect(sidebar.get_by_role("combobox", name=label)).to_have_value(value)


def test_charts_carry_alt_text(warm, page):
    for path in ("/", "/funds", "/roads", "/insurance"):
        page.goto(warm + path)
        wait_idle(page)
        charts = page.locator("[data-testid='stPlotlyChart']")
        expect(charts.first).to_be_attached()
        for i in range(charts.count()):
            label = charts.nth(i).get_attribute("aria-label") or ""
            assert re.match(r"^(条形图|环形图|矩形树图|流向图|时间轴|散点与时间节点图)：", label), (path, label)


def test_dark_theme_follows_the_system_setting(app_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="zh-CN", color_scheme="dark")
    tab = context.new_page()
    tab.goto(app_server + "/")
    wait_idle(tab)
    background = tab.evaluate("() => getComputedStyle(document.querySelector('[data-testid=\"stApp\"]')).backgroundColor")
    assert background == "rgb(14, 17, 23)", background
    tab.wait_for_function("() => document.documentElement.dataset.theme === 'dark'")  # set by the sidebar's script
    shoot(tab, "theme-dark-overview", full_page=False)
    context.close()


CONTENT_BOTTOM = """() => {
    const box = document.querySelector('[data-testid="stMainBlockContainer"]');
    let bottom = 0;
    for (const el of box.querySelectorAll('[data-testid="stElementContainer"], [data-testid="stHorizontalBlock"]')) {
        const r = el.getBoundingClientRect();
        if (r.height >= 1) bottom = Math.max(bottom, r.bottom);
    }
    return bottom;
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_meeting_fills_a_1080p_projector(app_server, browser, lang):
    """At 1920×1080 every slide's content reaches at least 85 % of the screen's height and still fits it;
    the disabled 下一页 on the last slide is grey, not blue."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    tab = context.new_page()
    tab.goto(app_server + "/")
    wait_idle(tab)
    suffix = "&lang=en" if lang == "en" else ""
    for number in range(1, SLIDES + 1):
        tab.goto(app_server + f"/?mode=meeting&slide={number}{suffix}")
        wait_for_position(tab, number)
        key = briefing.BUILDERS[number - 1].__name__
        shoot(tab, f"meeting-1080-{lang}-{number}-{key}", full_page=False)
        bottom = tab.evaluate(CONTENT_BOTTOM)
        assert bottom / 1080 >= 0.85, f"slide {number} ends at y = {bottom:.0f} of 1080"
        height = tab.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
        assert height <= 1090, f"slide {number} is {height}px high"
    nxt = tab.locator(".st-key-meeting-nav [data-testid='stBaseButton-primary']")
    assert nxt.is_disabled()
    background = nxt.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == "rgb(238, 238, 238)", background
    context.close()


def test_english_meeting_slides_have_no_chinese_outside_data(app_server, browser, tables):
    """In English the key figures, headings and captions of every slide carry no Chinese except data
    values (names, titles, 文号 as printed); units are English (¥ … m, people)."""
    from tests.browser.cjk import data_values, database_values, leftover_cjk
    from tests.browser.conftest import ROOT
    from ui import glossary

    # Fund source and sector names are a fixed vocabulary named in English (ui/glossary.py), not data to keep.
    values = sorted((set(data_values(tables)) | set(database_values(ROOT / "data" / "build" / "gazette.duckdb")))
                    - glossary.terms(), key=len, reverse=True)
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-US")
    tab = context.new_page()
    tab.goto(app_server + "/")
    wait_idle(tab)
    problems = {}
    for town in ("", "&town=曲堤街道"):
        for number in range(1, SLIDES + 1):
            tab.goto(app_server + f"/?mode=meeting&slide={number}&lang=en{town}")
            wait_for_position(tab, number)
            if town:
                shoot(tab, f"meeting-1080-en-town-{number}", full_page=False)
            parts = [position(tab), tab.locator("[data-testid='stMain'] h1").first.inner_text()]
            parts += tab.locator(".kf").all_inner_texts()
            parts += tab.locator("[data-testid='stCaptionContainer']").all_inner_texts()
            left = [run for text in parts for run in leftover_cjk(text, values + [town.partition("=")[2]])]
            if left:
                problems[(number, town)] = left
    assert not problems, problems
    tab.goto(app_server + "/?mode=meeting&slide=1&lang=en")
    wait_for_position(tab, 1)
    figures = " ".join(tab.locator(".kf").all_inner_texts())
    assert "亿元" not in figures and "万元" not in figures and " 个" not in figures
    assert re.search(r"¥[\d,.]+ m", figures), figures
    context.close()
