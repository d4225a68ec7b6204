"""The 历次变化 page in a real browser on two gazette editions (the real issue and a next issue made
by the declared edits of tests/fixtures/editions.py) plus the 章丘 compendium: the changed amount,
the added village and the changed quota are shown with the citations of both editions, and the
link in the address bar reopens the same pair. Expected values come from the database and the
Edits record."""
from __future__ import annotations

import subprocess

import duckdb
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shoot, start_app, wait_idle
from tests.conftest import build_two_editions, bulletin_id, scalar
from tests.fixtures.editions import AMOUNT_DELTA, NEW_VILLAGE, QUOTA_DELTA

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory):
    folder = tmp_path_factory.mktemp("changes")
    db, raw, new, edits = build_two_editions(folder)
    process, url, _log = start_app({"GAZETTE_DB": str(db), "GAZETTE_RAW": str(raw)})
    yield url, bulletin_id("jiyang"), new, edits, db
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def facts(db, old: str, new: str) -> dict:
    """What the page must show, read from the build: the new central-fund amount and the 文号 of the
    fund, quota and road documents of each edition (each edition's 文号 differs, so a 文号 on the
    page proves that edition is cited)."""
    with duckdb.connect(str(db), read_only=True) as con:
        amount = scalar(con, """SELECT s.amount_wan FROM fund_by_source s JOIN documents d USING (doc_id)
                                WHERE d.bulletin = ? AND s.source_name = '中央资金'""", [new])

        def doc_nos(table: str) -> tuple[str, str]:
            rows = dict(con.execute(f"""SELECT d.bulletin, min(d.doc_no) FROM {table} t JOIN documents d USING (doc_id)
                                        WHERE d.bulletin IN (?, ?) GROUP BY d.bulletin""", [old, new]).fetchall())
            return rows[old], rows[new]

        return {"amount": amount, "funds": doc_nos("fund_by_source"), "quota": doc_nos("insurance_quota"),
                "roads": doc_nos("road_villages")}


def section(page, heading: str, next_heading: str) -> str:
    """The main area's text from one subheader to the next."""
    text = page.locator("[data-testid='stMain']").inner_text()
    start = text.index(heading)
    return text[start:text.index(next_heading, start)]


def chosen(page, label: str) -> str:
    """The option shown in the selectbox labelled `label`."""
    return page.get_by_role("combobox", name=label, exact=True).input_value()


def test_changes_page_shows_the_edits_with_both_citations_and_the_link_reopens_the_pair(two_editions, browser, page):
    url, old, new, edits, db = two_editions
    expected = facts(db, old, new)
    page.goto(url + "/changes")
    wait_idle(page)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    main = page.locator("[data-testid='stMain']")   # drawn (under load a chart's code can still be loading)
    for shown in ("中央资金", f"+{float(AMOUNT_DELTA):,.2f} 万元", f"+{QUOTA_DELTA:,} 人", "领导小组名单"):
        expect(main).to_contain_text(shown)

    funds = section(page, "涉农资金来源", "各镇街医保征缴任务")
    assert "中央资金" in funds and f"{float(expected['amount']):,.2f} 万元" in funds
    assert f"+{float(AMOUNT_DELTA):,.2f} 万元" in funds
    assert all(no in funds for no in expected["funds"]), "the amount cites both editions"

    quota = section(page, "各镇街医保征缴任务", "通户道路村名单")
    assert f"{edits.quota_town}征缴任务" in quota and f"+{QUOTA_DELTA:,} 人" in quota
    assert all(no in quota for no in expected["quota"]), "the quota cites both editions"

    roads = section(page, "通户道路村名单", "领导小组名单")
    assert f"{edits.village_town}：＋{NEW_VILLAGE}" in roads
    assert all(no in roads for no in expected["roads"]), "the village list cites both editions"
    shoot(page, "changes-default")

    # The address bar holds the pair; pasted into a fresh tab it reopens the same comparison.
    assert f"older={old}" in page.url and f"newer={new}" in page.url
    labels = chosen(page, "较早一期"), chosen(page, "较新一期")
    assert labels[0] != labels[1] and all(labels)
    other = browser.new_context(viewport={"width": 1280, "height": 720}, locale="zh-CN").new_page()
    try:
        other.goto(page.url)
        wait_idle(other)
        assert (chosen(other, "较早一期"), chosen(other, "较新一期")) == labels
        assert f"+{float(AMOUNT_DELTA):,.2f} 万元" in section(other, "涉农资金来源", "各镇街医保征缴任务")
        # a link naming the pair the other way round is honoured too (and still compared in time order)
        other.goto(f"{url}/changes?older={new}&newer={old}")
        wait_idle(other)
        assert (chosen(other, "较早一期"), chosen(other, "较新一期")) == labels[::-1]
        assert f"+{float(AMOUNT_DELTA):,.2f} 万元" in section(other, "涉农资金来源", "各镇街医保征缴任务")
        shoot(other, "changes-reversed-link")
    finally:
        other.context.close()
