"""The screenshot matrix (issue 15): every page at 1920×1080, 1280×720 and 390×844, light and dark,
中文 and English — one viewport screenshot each under tests/artifacts/matrix/, for people to look at.

Kept cheap: one test per (viewport, theme, language), each with one browser context that visits the
pages in turn on the shared session server. On every page it asserts what a user would see wrong
anywhere: an error box; "None", "nan" or "NaN" in the text; a key figure cut to "¥749.52…" or a
chart title running past its chart; on the phone, a page wider than the screen; in the dark theme,
a heading or key figure too faint to read (contrast < 4.5:1). The cited source line on
/documents?doc=…&line=… is checked for contrast in both themes (at 1280×720, once per theme and
language). Pages are reached through the sidebar's links (one session per test, as a user moves)."""
from __future__ import annotations

import contextlib
import re
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from store import db
from tests.browser.conftest import ARTIFACTS, shoot

pytestmark = pytest.mark.browser

PAGES = ["", "funds", "roads", "insurance", "towns", "campaigns", "changes", "documents", "data", "hotline", "add"]
VIEWPORTS = {"desktop": (1920, 1080), "laptop": (1280, 720), "phone": (390, 844)}
MISSING = re.compile(r"\b(None|nan|NaN)\b")

# Contrast of each visible element matching `selector` with the first opaque background behind it
# (WCAG relative luminance; a half-transparent text colour is blended over that background).
# Returns the worst few as [ratio, text, colour, background].
CONTRASTS = """(selector) => {
    const rgba = (text) => { const v = (text.match(/[\\d.]+/g) || ['0', '0', '0', '0']).map(Number);
                             return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1]; };
    const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                                        .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
    const backdrop = (el) => {
        for (let node = el; node; node = node.parentElement) {
            const bg = rgba(getComputedStyle(node).backgroundColor);
            if (bg[3] >= 0.99) return bg;
        }
        return rgba(getComputedStyle(document.body).backgroundColor);
    };
    const found = [];
    for (const el of document.querySelectorAll(selector)) {
        const box = el.getBoundingClientRect();
        if (!box.width || !box.height || !el.innerText.trim() || getComputedStyle(el).visibility === 'hidden') continue;
        const bg = backdrop(el);
        const fg = rgba(getComputedStyle(el).color);
        const mixed = [0, 1, 2].map(i => fg[i] * fg[3] + bg[i] * (1 - fg[3]));
        const a = lum(mixed), b = lum(bg);
        found.push([(Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05), el.innerText.trim().slice(0, 40),
                    getComputedStyle(el).color, bg.join(',')]);
    }
    return found.sort((x, y) => x[0] - y[0]).slice(0, 5);
}"""

HEADINGS = ("[data-testid='stMain'] :is(h1, h2, h3, h4, h5, h6), [data-testid='stSidebar'] :is(h1, h2, h3), "
            "[data-testid='stMetricValue'], [data-testid='stMetricLabel']")

OVERFLOW = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    return [document.scrollingElement.scrollWidth, main ? main.scrollWidth : 0, window.innerWidth];
}"""


IDLE = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const pending = [...document.querySelectorAll('.js-plotly-plot')].some(el => !el.querySelector('.main-svg'));
    const running = !!document.querySelector('[data-testid="stStatusWidget"] button, [data-testid="stSpinner"]');
    return [main ? main.innerText : '', pending || running];
}"""
# Go to another page as a user does, by its link in the sidebar's navigation (no reload, same session).
NAVIGATE = """(path) => [...document.querySelectorAll('[data-testid="stSidebarNav"] a')]
                         .find(a => new URL(a.href).pathname === '/' + path).click()"""


# Key figures cut to "¥749.52…" and chart titles running past the chart's right edge.
CLIPPED = """() => {
    const cut = [];
    for (const el of document.querySelectorAll('[data-testid="stMain"] [data-testid="stMetricValue"] > div')) {
        if (el.scrollWidth > el.clientWidth + 1) cut.push('key figure ' + el.innerText);
    }
    for (const title of document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot .gtitle')) {
        const svg = title.ownerSVGElement;
        if (!svg || !svg.clientWidth) continue;
        const box = title.getBBox();
        if (box.x + box.width > svg.clientWidth + 1) cut.push('chart title ' + title.textContent);
    }
    return cut;
}"""


@pytest.fixture(scope="module")
def cited():
    """A line a fact table cites (doc, line), taken from the data."""
    row = db.query("SELECT doc_id, line FROM fund_by_source WHERE line IS NOT NULL ORDER BY line LIMIT 1").iloc[0]
    return str(row.doc_id), int(row.line)


def settle(tab, theme: str, before: str | None = None) -> None:
    """Wait until the page has drawn (as conftest's wait_idle, with a shorter quiet spell: the matrix
    visits 132 pages): the title has changed from `before`, every chart has its SVG, nothing runs,
    and the main area's text has not changed for 0.3 s."""
    tab.wait_for_function("""(before) => { const h = document.querySelector('[data-testid="stMain"] h1');
                                            return h && h.innerText !== before; }""", arg=before, timeout=60_000)
    deadline = time.time() + 60
    last, since = None, None
    while time.time() < deadline:
        state = tab.evaluate(IDLE)
        if state[0] == last and not state[1]:
            since = since or time.time()
            if time.time() - since >= 0.3:
                break
        else:
            last, since = state[0], None
        time.sleep(0.1)
    else:
        raise TimeoutError("Streamlit did not become idle")
    tab.wait_for_function(f"() => document.documentElement.dataset.theme === '{theme}'")


def check_page(tab, where: str, theme: str, phone: bool) -> None:
    expect(tab.locator("[data-testid='stException']"), f"{where}: an error is shown").to_have_count(0)
    text = tab.evaluate("""() => ['stMain', 'stSidebar'].map(id => document.querySelector(`[data-testid="${id}"]`))
                                  .filter(Boolean).map(el => el.innerText).join('\\n')""")
    missing = sorted({m.group(0) for m in MISSING.finditer(text)})
    assert not missing, f"{where}: {missing} in the page text"
    with contextlib.suppress(PlaywrightTimeout):  # chart titles are fitted in the browser as Plotly draws them
        tab.wait_for_function(f"() => !({CLIPPED})().length", timeout=2_000)
    clipped = tab.evaluate(CLIPPED)
    assert not clipped, f"{where}: cut off: {clipped}"
    if phone:
        page_width, main_width, screen = tab.evaluate(OVERFLOW)
        assert page_width <= screen + 1 and main_width <= screen + 1, \
            f"{where}: wider than the phone ({page_width} / {main_width} px > {screen} px)"
    if theme == "dark":
        faint = [item for item in tab.evaluate(CONTRASTS, HEADINGS) if item[0] < 4.5]
        assert not faint, f"{where}: faint headings or figures in the dark theme: {faint}"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_page(warm, browser, cited, viewport, theme, lang):
    width, height = VIEWPORTS[viewport]
    (ARTIFACTS / "matrix").mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN", color_scheme=theme)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    suffix = "?lang=en" if lang == "en" else ""
    before = None
    for path in PAGES:
        where = f"/{path}{suffix} at {width}×{height} {theme}"
        if before is None:
            tab.goto(f"{warm}/{path}{suffix}")
        else:
            tab.evaluate(NAVIGATE, path)
        settle(tab, theme, before)
        before = tab.locator("[data-testid='stMain'] h1").first.inner_text()
        check_page(tab, where, theme, viewport == "phone")
        shoot(tab, f"matrix/{path or 'overview'}-{viewport}-{theme}-{lang}", full_page=False)
    if viewport == "laptop":  # the cited line, once per theme and language
        doc, line = cited
        tab.goto(f"{warm}/documents?doc={doc}&line={line}" + suffix.replace("?", "&"))
        settle(tab, theme)
        target = tab.locator(".gz-line.gz-target")
        assert target.get_attribute("data-line") == str(line)
        ratio = (tab.evaluate(CONTRASTS, ".gz-line.gz-target .gz-text") or [[0.0]])[0][0]
        assert ratio >= 4.5, f"the cited line reads {ratio:.2f}:1 in the {theme} theme"
        target.scroll_into_view_if_needed()
        shoot(tab, f"matrix/documents-line-{viewport}-{theme}-{lang}", full_page=False)
    context.close()
