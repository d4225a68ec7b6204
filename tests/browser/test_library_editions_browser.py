"""文件库 across two editions in a real browser: the year filter lists only that edition's documents and
is kept in the link; a term printed in both editions is found in both, each hit naming its edition.
The app serves a build of the real 济阳 gazette, its next issue (tests/fixtures/editions.py) and the
章丘 compendium; expected values come from that database."""
from __future__ import annotations

import re
import subprocess
import urllib.parse

import duckdb
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shoot, start_app, wait_idle
from tests.conftest import build_two_editions, bulletin_id

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def editions_app(tmp_path_factory):
    """(base URL, read-only connection, old bulletin id, new bulletin id)."""

    folder = tmp_path_factory.mktemp("library-browser")
    out, raw, new, _edits = build_two_editions(folder)
    con = duckdb.connect(str(out), read_only=True)
    process, url, _log = start_app({"GAZETTE_DB": str(out), "GAZETTE_RAW": str(raw)})
    try:
        yield url, con, bulletin_id("jiyang"), new
    finally:
        con.close()
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def label(con, bulletin: str) -> str:
    district, year, issue = con.execute("SELECT district, year, issue FROM bulletins WHERE bulletin_id = ?",
                                        [bulletin]).fetchone()
    return f"{district} · {year}年" + (f"第{issue}期" if issue is not None else "")


def count_caption(page) -> int:
    text = page.get_by_text(re.compile(r"共 [\d,]+ 份文件")).first.inner_text()
    match = re.search(r"共 ([\d,]+) 份文件", text)
    assert match, text
    return int(match.group(1).replace(",", ""))


def listed_editions(page) -> set[str]:
    """The '区县 · 期次' cells the catalogue grid shows (its accessible table holds the drawn rows)."""
    cells = page.locator("[data-testid='stDataFrame'] [role='gridcell']").all_inner_texts()
    return {c.strip() for c in cells if re.fullmatch(r".+ · \d{4}年(第\d+期)?", c.strip())}


def test_year_filter_lists_only_that_edition_and_the_link_reopens_it(editions_app, page):
    url, con, _old, new = editions_app
    year = con.execute("SELECT year FROM bulletins WHERE bulletin_id = ?", [new]).fetchone()[0]
    in_new = con.execute("SELECT count(*) FROM documents WHERE bulletin = ?", [new]).fetchone()[0]
    page.goto(f"{url}/documents")
    wait_idle(page, 60)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    assert count_caption(page) == con.execute("SELECT count(*) FROM documents").fetchone()[0]
    page.locator("[data-testid='stMultiSelect']").filter(has_text="年份").click()
    page.get_by_role("option", name=f"{year}年").click()
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(rf"lib_year={year}"))
    wait_idle(page)
    assert count_caption(page) == in_new
    assert listed_editions(page) == {label(con, new)}
    shoot(page, "library-year")

    shared = page.url
    page.goto(shared)  # a pasted link: the same filter, the same list
    wait_idle(page, 60)
    assert count_caption(page) == in_new
    expect(page.locator("[data-testid='stMultiSelect']").filter(has_text="年份").get_by_text(f"{year}年")).to_have_count(1)
    assert listed_editions(page) == {label(con, new)}


def test_a_term_in_both_editions_is_found_in_both_each_hit_naming_its_edition(editions_app, page):
    url, con, old, new = editions_app
    term = con.execute("""SELECT f.project_name FROM fund_projects f JOIN documents d USING (doc_id)
                          GROUP BY f.project_name HAVING count(DISTINCT d.bulletin) = 2
                          ORDER BY min(f.project_no) LIMIT 1""").fetchone()[0]
    page.goto(f"{url}/documents")
    wait_idle(page, 60)
    box = page.get_by_placeholder("输入词语或短语", exact=False)
    box.fill(term)
    box.press("Enter")
    page.wait_for_selector(".gz-hit")
    wait_idle(page)
    assert "q=" in page.url
    hits = page.locator(".gz-hit")
    editions = [hits.nth(i).locator(".gz-edition").inner_text() for i in range(hits.count())]
    assert set(editions) == {label(con, old), label(con, new)}, "every hit names its edition; both editions found"
    shoot(page, "library-search-both")

    page.locator("[data-testid='stButtonGroup']").get_by_text("按期次分组", exact=True).click()
    page.wait_for_selector(".gz-group")
    wait_idle(page)
    groups = page.locator(".gz-group").all_inner_texts()
    assert [g.split(" · 区政府公报")[0] for g in groups] == [label(con, new), label(con, old)], "newest edition first"
    assert "lib_hits=edition" in page.url
    shoot(page, "library-search-grouped")

    first_new = page.locator(f".gz-group[data-bulletin='{new}'] + .gz-hit a").first
    first_new.click()
    page.wait_for_url(re.compile(r"/documents\?doc=" + re.escape(urllib.parse.quote(new)) + r"-\d+"))
    wait_idle(page)
    target = page.locator(".gz-line.gz-target")
    assert target.count() == 1 and term[:2] in target.inner_text().replace(" ", "")
    shoot(page, "library-search-new-edition-line")
