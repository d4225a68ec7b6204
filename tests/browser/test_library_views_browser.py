"""文件库 and 数据 as a user checks them in Chromium: the cited line and search terms readable in both
themes (contrast ≥ 4.5:1), 复制引用 in one click, the SQL console's schema panel, what was typed kept
across a language switch, and the ?town= notice. Screenshots in Chinese and English, light and dark."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from store import catalog, curated, db, search, sql_console
from tests.browser.conftest import shoot, wait_idle

pytestmark = pytest.mark.browser

CONTRAST = """(selector) => {
    const el = document.querySelector(selector);
    const rgb = (text) => text.match(/[\\d.]+/g).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                                        .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
    let node = el, bg = 'rgba(0, 0, 0, 0)';
    while (node && /rgba\\(.*, 0\\)$|transparent/.test(bg)) { bg = getComputedStyle(node).backgroundColor; node = node.parentElement; }
    const a = lum(rgb(getComputedStyle(el).color)), b = lum(rgb(bg));
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


@pytest.fixture(scope="module")
def cited():
    """A line a fact table cites (doc, line, its text): taken from the data, not written here."""
    row = db.query("SELECT doc_id, line FROM fund_by_source WHERE line IS NOT NULL ORDER BY line LIMIT 1").iloc[0]
    doc_id, line = str(row.doc_id), int(row.line)
    text = next(item.text for item in search.document_lines(doc_id) if item.line == line)
    return doc_id, line, text


def open_tab(browser, theme: str, **extra):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="zh-CN", color_scheme=theme, **extra)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    return context, tab


def settle(tab, theme: str) -> None:
    wait_idle(tab)
    tab.wait_for_function(f"() => document.documentElement.dataset.theme === '{theme}'")
    expect(tab.locator("[data-testid='stException']")).to_have_count(0)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_highlighted_line_and_terms_are_readable_in_both_themes(warm, browser, cited, theme):
    doc_id, line, text = cited
    context, tab = open_tab(browser, theme)
    tab.goto(f"{warm}/documents?doc={doc_id}&line={line}")
    settle(tab, theme)
    assert tab.locator(".gz-line.gz-target").get_attribute("data-line") == str(line)
    ratio = tab.evaluate(CONTRAST, ".gz-line.gz-target .gz-text")
    assert ratio >= 4.5, f"highlighted line {ratio:.2f}:1 in the {theme} theme"
    tab.locator(".gz-line.gz-target").scroll_into_view_if_needed()
    shoot(tab, f"library-reader-{theme}", full_page=False)
    term = next(m.group(0) for m in re.finditer(r"[\u4e00-\u9fff]{3,}", text))[:3]
    tab.goto(f"{warm}/documents?q={term}")
    settle(tab, theme)
    tab.wait_for_selector(".gz-hit mark")
    ratio = tab.evaluate(CONTRAST, ".gz-hit mark")
    assert ratio >= 4.5, f"highlighted search term {ratio:.2f}:1 in the {theme} theme"
    shoot(tab, f"library-search-{theme}", full_page=False)
    context.close()


def test_copy_citation_in_one_click(warm, browser, cited):
    doc_id, line, _text = cited
    context, tab = open_tab(browser, "light")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=warm)
    tab.goto(f"{warm}/documents?doc={doc_id}&line={line}")
    settle(tab, "light")
    shown = tab.locator("[data-testid='stCode']").first.inner_text().strip()
    assert f"{line}" in shown
    button = tab.locator(".gz-line.gz-target .gz-copy")
    assert button.inner_text() == "复制引用"
    button.click()
    tab.wait_for_function("() => document.querySelector('.gz-copy').textContent === '已复制'")
    assert tab.evaluate("() => navigator.clipboard.readText()") == shown, "the clipboard holds the citation shown"
    context.close()


def console_tab(tab, warm: str, lang: str = "") -> None:
    tab.goto(f"{warm}/data?tab=SQL+控制台{lang}")
    wait_idle(tab)
    expect(tab.locator("[data-testid='stException']")).to_have_count(0)


def test_schema_panel_lists_tables_and_a_click_inserts(warm, browser):
    context, tab = open_tab(browser, "light")
    console_tab(tab, warm)
    panel = tab.locator(".st-key-sql-schema")
    listed = panel.locator("[data-testid='stExpander'] summary").all_inner_texts()
    assert sorted(t.split("\n")[-1].strip() for t in listed) == sorted(catalog.table_names())
    table = "fund_by_source"
    column = catalog.columns(table=table).column_name.iloc[-1]
    editor = tab.locator("textarea").first
    editor.fill("SELECT ")
    editor.press("Control+Enter")
    wait_idle(tab)
    expander = panel.locator("[data-testid='stExpander']").filter(has_text=table)
    expander.locator("summary").click()
    chip = expander.get_by_role("radio", name=column, exact=True)
    for attempt in range(3):   # a click while the expander still opens can land on nothing (load 10+)
        chip.click()
        wait_idle(tab)
        try:
            expect(editor).to_have_value(f"SELECT {column}", timeout=10_000)
            break
        except AssertionError:
            if attempt == 2:
                raise
            expect(editor, "a click that missed inserted nothing").to_have_value("SELECT ")
    example = tab.locator("[data-testid='stMain'] [data-testid='stSelectbox'] input").first
    expect(example, "the example's name is cleared once the SQL is edited").to_have_value("（自己编写）")
    shoot(tab, "library-console-schema", full_page=False)
    context.close()


def choose_example(tab, name: str) -> None:
    """Open the example box and pick `name`. Leaving the editor applies its text (one rerun), which may
    close a box opened at the same moment: then it is opened again, as a user would."""
    box = tab.locator("[data-testid='stMain'] [data-testid='stSelectbox'] input").first
    box.click()
    wait_idle(tab)
    option = tab.get_by_role("option", name=name, exact=True)
    if not option.is_visible():
        box.click()
    option.click()
    wait_idle(tab)


def test_typed_sql_is_kept_when_the_example_or_language_changes(warm, browser):
    context, tab = open_tab(browser, "light")
    console_tab(tab, warm)
    mine = "SELECT count(*) AS n FROM documents -- typed by hand"
    editor = tab.locator("textarea").first
    editor.fill(mine)
    second = list(sql_console.EXAMPLES)[1]
    choose_example(tab, second)
    assert tab.locator("textarea").first.input_value() == sql_console.EXAMPLES[second]
    choose_example(tab, "（自己编写）")
    assert tab.locator("textarea").first.input_value() == mine, "what was typed comes back under “write your own”"
    tab.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click()
    wait_idle(tab)
    expect(tab.get_by_role("button", name="Run query")).to_have_count(1)
    assert tab.locator("textarea").first.input_value() == mine
    tab.get_by_role("button", name="Run query").click()
    wait_idle(tab)
    expect(tab.get_by_text("1 rows in", exact=False).or_(tab.get_by_text("1 row in", exact=False))).to_have_count(1)
    context.close()


@pytest.mark.parametrize("path", ["documents", "data"])
def test_a_town_in_the_link_is_said_to_be_ignored(warm, browser, path):
    town = curated.towns().town_name.iloc[0]   # a town the sidebar offers
    context, tab = open_tab(browser, "light")
    tab.goto(f"{warm}/{path}?town={town}")
    wait_idle(tab)
    notice = tab.locator("[data-testid='stAlert']").filter(has_text="不按镇街筛选")
    assert notice.count() == 1 and town in notice.inner_text()
    box, title = notice.bounding_box(), tab.locator("h1").first.bounding_box()
    assert box["y"] < title["y"] + 400, "the notice is at the top of the page"
    shoot(tab, f"library-town-notice-{path}", full_page=False)
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots_of_the_library_pages(warm, browser, cited, lang, theme):
    doc_id, line, _text = cited
    context, tab = open_tab(browser, theme)
    suffix = "&lang=en" if lang == "en" else ""
    tab.goto(f"{warm}/documents?doc={doc_id}&line={line}{suffix}")
    settle(tab, theme)
    tab.locator(".gz-line.gz-target").scroll_into_view_if_needed()
    shoot(tab, f"library-reader-{lang}-{theme}", full_page=False)
    console_tab(tab, warm, suffix)
    tab.get_by_role("button", name="Run query" if lang == "en" else "运行查询").click()
    settle(tab, theme)
    shoot(tab, f"library-console-{lang}-{theme}")
    tab.goto(f"{warm}/add{'?lang=en' if lang == 'en' else ''}")
    settle(tab, theme)
    shoot(tab, f"library-add-{lang}-{theme}", full_page=False)
    context.close()
