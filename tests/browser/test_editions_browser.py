"""Editions in a real browser: two issues of the gazette (the real one and the next issue made from it by
declared edits, tests/fixtures/editions.py) plus the compendium, served by one app for this module.
Choosing an edition changes the figures on overview, funds, roads and insurance; a shared link with
?edition= and ?town= reopens the same edition and town; a district without road villages says so in
one line and links to the editions that have them. Expected values come from the built database."""
from __future__ import annotations

import subprocess
from urllib.parse import quote

import duckdb
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shoot, start_app, wait_idle
from tests.conftest import build_two_editions, bulletin_id, scalar

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """(database path, old bulletin id, new bulletin id, edits)."""

    folder = tmp_path_factory.mktemp("editions-browser")
    _db, _raw, new, edits = build_two_editions(folder)
    return folder, bulletin_id("jiyang"), new, edits


@pytest.fixture(scope="module")
def editions_app(corpus):
    folder = corpus[0]
    process, url, _log = start_app({"GAZETTE_DB": str(folder / "gazette.duckdb"), "GAZETTE_RAW": str(folder / "raw")})
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def value(corpus, sql: str, *params):
    with duckdb.connect(str(corpus[0] / "gazette.duckdb"), read_only=True) as con:
        return scalar(con, sql, list(params))


def edition_text(corpus, bulletin: str) -> str:
    """'2020年第4期': how the app names an edition, from its year and issue in the bulletins table."""
    year, issue = value(corpus, "SELECT [year, issue] FROM bulletins WHERE bulletin_id = ?", bulletin)
    return f"{year}年第{issue}期"


def metric(page, label: str) -> str:
    """The value of the metric whose label contains `label`."""
    card = page.locator("[data-testid='stMetric']").filter(has_text=label).first
    return card.locator("[data-testid='stMetricValue']").inner_text().strip()


def sidebar_choice(page, label: str) -> str:
    """The value shown in the sidebar selectbox labelled `label` (Streamlit draws it in an input)."""
    return page.locator(f"[data-testid='stSidebar'] [data-testid='stSelectbox'] input[aria-label='{label}']").input_value()


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_idle(page)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


def test_overview_and_funds_follow_the_chosen_edition(editions_app, corpus, page):
    _folder, old, new, _edits = corpus
    for bulletin, query in ((new, ""), (old, f"?edition={old}")):
        villages = value(corpus, """SELECT sum(listed_count) FROM road_towns JOIN documents d USING (doc_id)
                                    WHERE d.bulletin = ?""", bulletin)
        open_page(page, editions_app + "/" + query)
        assert metric(page, "待硬化道路的村") == f"{villages:,} 个"
        intro = page.locator("[data-testid='stMain'] [data-testid='stMarkdown']").first.inner_text()
        assert edition_text(corpus, bulletin) in intro, "the intro names the edition shown"
        shoot(page, f"editions-overview-{bulletin}", full_page=False)

        central = value(corpus, """SELECT amount_wan FROM fund_by_source JOIN documents d USING (doc_id)
                                   WHERE d.bulletin = ? AND source_name = '中央资金'""", bulletin)
        open_page(page, editions_app + "/funds" + query)
        labels = " ".join(page.locator(".js-plotly-plot text").all_text_contents())
        assert f"{float(central):,.2f}" in labels, "the treemap shows this edition's 中央资金"
        shoot(page, f"editions-funds-{bulletin}", full_page=False)


def test_a_shared_link_reopens_the_same_edition_and_town_on_every_page(editions_app, corpus, page):
    _folder, old, _new, edits = corpus
    town = edits.quota_town
    villages = value(corpus, """SELECT listed_count FROM road_towns JOIN documents d USING (doc_id)
                                WHERE d.bulletin = ? AND town_name = ?""", old, town)
    open_page(page, f"{editions_app}/roads?edition={old}&town={quote(town)}")
    expect(page.get_by_text(f"{town} 共列出 {villages} 个村")).to_have_count(1)
    sidebar = page.locator("[data-testid='stSidebar']")
    assert edition_text(corpus, old) in sidebar_choice(page, "期次")
    assert sidebar_choice(page, "镇街筛选") == town
    # On to the insurance page through the navigation: the edition and town stay chosen.
    sidebar.get_by_role("link", name="医保征缴").click()
    wait_idle(page)
    quota = value(corpus, """SELECT quota_persons FROM insurance_quota JOIN documents d USING (doc_id)
                             WHERE d.bulletin = ? AND town_name = ?""", old, town)
    assert metric(page, f"{town}征缴任务") == f"{quota:,} 人"
    assert f"edition={old}" in page.url and edition_text(corpus, old) in sidebar_choice(page, "期次")
    shoot(page, "editions-insurance-shared-link", full_page=False)


def test_insurance_defaults_to_the_latest_edition(editions_app, corpus, page):
    _folder, _old, new, edits = corpus
    quota = value(corpus, """SELECT quota_persons FROM insurance_quota JOIN documents d USING (doc_id)
                             WHERE d.bulletin = ? AND town_name = ?""", new, edits.quota_town)
    open_page(page, f"{editions_app}/insurance?town={quote(edits.quota_town)}")
    assert metric(page, f"{edits.quota_town}征缴任务") == f"{quota:,} 人"


def test_a_district_without_road_villages_links_to_the_editions_that_have_them(editions_app, corpus, page):
    _folder, old, _new, _edits = corpus
    district = value(corpus, """SELECT min(district) FROM bulletins WHERE bulletin_id NOT IN
                                (SELECT d.bulletin FROM road_towns JOIN documents d USING (doc_id))""")
    open_page(page, f"{editions_app}/roads?district={quote(district)}")
    notice = page.locator("[data-testid='stAlert']")
    expect(notice).to_have_count(1)
    links = notice.locator("a")
    expect(links).to_have_count(2)
    expect(page.locator("[data-testid='stMain'] .js-plotly-plot"), "no other district's chart").to_have_count(0)
    shoot(page, "editions-roads-no-villages", full_page=False)
    href = links.filter(has_text=edition_text(corpus, old)).get_attribute("href")
    assert f"edition={old}" in href
    open_page(page, href if href.startswith("http") else editions_app + href)
    villages = value(corpus, """SELECT sum(listed_count) FROM road_towns JOIN documents d USING (doc_id)
                                WHERE d.bulletin = ?""", old)
    assert metric(page, "明细表列出的村") == f"{villages:,} 个"
