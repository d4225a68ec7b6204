"""/towns?compare=A,B in a real browser, zh and en: the side-by-side table and the grouped chart,
with screenshots in tests/artifacts/ (towns-compare-zh.png, towns-compare-en.png)."""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shoot, wait_idle

pytestmark = pytest.mark.browser
PAIR = ["曲堤街道", "仁风镇"]


@pytest.fixture(scope="module", autouse=True)
def warm_up(app_server, browser):
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(app_server + "/")
    wait_idle(tab, 60)
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_compare_two_towns(app_server, page, lang):
    suffix = "&lang=en" if lang == "en" else ""
    page.goto(app_server + "/towns?compare=" + quote(",".join(PAIR)) + suffix)
    wait_idle(page)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    heading = "镇街对比" if lang == "zh" else "Compare towns"
    page.get_by_role("heading", name=heading).first.scroll_into_view_if_needed()
    for town in PAIR:   # both towns chosen in the multiselect and shown as columns
        expect(page.locator("[data-testid='stMultiSelect']").get_by_text(town).first).to_be_attached()
    expect(page.locator("[data-testid='stPlotlyChart']").first).to_be_attached()
    text = page.locator("[data-testid='stMain']").inner_text()
    assert not re.search(r"\bNone\b|\bnan\b|\bNaN\b", text)
    assert "compare=" in page.url
    page.get_by_role("heading", name=heading).first.scroll_into_view_if_needed()
    wait_idle(page)
    shoot(page, f"towns-compare-{lang}")
