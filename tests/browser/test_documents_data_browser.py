"""文件库 and 数据 in a real browser: a cited line opens highlighted, search leads to it, SQL runs."""
from __future__ import annotations

import io
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shoot, wait_idle
from tests.conftest import RAW, RAW_FILES
from tests.snapshots import doc_id, row_count

FUNDS = doc_id("涉农资金")

pytestmark = pytest.mark.browser


def line_printing(text: str, bulletin: str = "jiyang") -> int:
    lines = (RAW / RAW_FILES[bulletin]).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, start=1) if text in line)


def test_cited_line_opens_highlighted_and_scrolled_into_view(warm, page):
    line = line_printing("土马河新市镇曹冢村")
    page.goto(f"{warm}/documents?doc={FUNDS}&line={line}")
    wait_idle(page)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    assert "涉农资金统筹整合实施方案" in page.locator("h1").first.inner_text()
    target = page.locator(".gz-line.gz-target")
    expect(target).to_have_count(1, timeout=60_000)  # waits for the reader to draw, however busy the machine
    assert target.get_attribute("data-line") == str(line)
    assert "土马河" in target.inner_text()
    visible = page.evaluate("""() => {
        const box = document.getElementById('gz-reader'), el = document.querySelector('.gz-target');
        const b = box.getBoundingClientRect(), r = el.getBoundingClientRect();
        return box.scrollTop > 0 && r.top >= b.top && r.bottom <= b.bottom;
    }""")
    assert visible, "the reader box is scrolled so the cited line is inside it"
    assert f"原文第 {line} 行" in page.locator("[data-testid='stCode']").first.inner_text(), "copyable citation"
    shoot(page, "documents-reader")


def test_search_tumahe_and_click_through_to_the_line(warm, page):
    page.goto(f"{warm}/documents")
    wait_idle(page)
    shoot(page, "documents-list")
    box = page.get_by_placeholder("输入词语或短语", exact=False)
    box.fill("土马河")
    box.press("Enter")
    page.wait_for_selector(".gz-hit")
    wait_idle(page)
    assert "q=" in page.url, "the search is in the link"
    hits = page.locator(".gz-hit")
    expect(hits.first).to_be_attached()
    assert "涉农资金" in hits.first.inner_text()
    assert hits.first.locator("mark").first.inner_text() == "土马河"
    shoot(page, "documents-search")
    hits.first.locator("a").click()
    page.wait_for_url(f"**/documents?doc={FUNDS}*")
    wait_idle(page)
    target = page.locator(".gz-line.gz-target")
    assert target.count() == 1 and "土马河" in target.inner_text()
    shoot(page, "documents-search-clicked")


def test_data_page_dictionary_quality_and_parquet_download(warm, page):
    page.goto(f"{warm}/data")
    wait_idle(page)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    expanders = page.locator("[data-testid='stExpander']")
    labels = " ".join(expanders.all_inner_texts())
    for table in ("documents", "fund_by_source", "road_villages", "data_quality", "targets"):
        assert table in labels
    shoot(page, "data-dictionary")
    fund = expanders.filter(has_text="fund_by_source")
    fund.locator("summary").click()
    wait_idle(page)
    with page.expect_download() as download:
        fund.get_by_role("button", name="Parquet").click()
    table = pq.read_table(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert table.num_rows == row_count("fund_by_source") and "amount_wan" in table.column_names
    page.get_by_role("tab", name="数据核对").click()
    wait_idle(page)
    expect(page.get_by_text("警告（数字对不上）")).to_have_count(1)
    shoot(page, "data-quality")


def test_sql_console_runs_an_example_and_refuses_a_write(warm, page):
    page.goto(f"{warm}/data?tab=SQL+控制台")
    wait_idle(page)
    if page.get_by_role("button", name="运行查询").count() == 0:
        page.get_by_role("tab", name="SQL 控制台").click()
        wait_idle(page)
    page.get_by_role("button", name="运行查询").click()
    wait_idle(page)
    sources = row_count("fund_by_source")  # the first example: each source's amount and share
    expect(page.get_by_text(f"{sources} 行，用时", exact=False)).to_have_count(1, timeout=60_000)
    shoot(page, "data-console")
    editor = page.locator("textarea").first
    editor.fill("DROP TABLE documents")
    editor.blur()  # commit the typed SQL before the click (a click racing the text area ran the example again)
    wait_idle(page)
    page.get_by_role("button", name="运行查询").click()
    wait_idle(page)
    expect(page.get_by_text("只读控制台不能删除表", exact=False)).to_have_count(1, timeout=60_000)
    shoot(page, "data-console-refused")


def test_documents_in_english_search_and_read(warm, page):
    page.goto(f"{warm}/documents?lang=en&q=土马河")
    wait_idle(page)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    assert page.locator("h1").first.inner_text() == "Document library"
    hits = page.locator(".gz-hit")
    assert hits.count() >= 1 and "relevance" in hits.first.inner_text()
    shoot(page, "documents-en")
    hits.first.locator("a").click()
    page.wait_for_url(f"**/documents?doc={FUNDS}*lang=en*")
    wait_idle(page)
    expect(page.get_by_role("button", name="Back to the library"), "the reader opens in English").to_have_count(1)
    assert "source line" in page.locator("[data-testid='stCode']").first.inner_text()
    shoot(page, "documents-en-reader")


def test_data_page_in_english(warm, page):
    page.goto(f"{warm}/data?lang=en&tab=" + "数据核对")  # a tab link copied from the Chinese view
    wait_idle(page)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    assert page.get_by_role("tab", name="Data checks").get_attribute("aria-selected") == "true"
    expect(page.get_by_text("Warnings (figures do not add up)")).to_have_count(1)
    shoot(page, "data-en-quality")
    page.get_by_role("tab", name="SQL console").click()
    wait_idle(page)
    page.get_by_role("button", name="Run query").click()
    wait_idle(page)
    sources = row_count("fund_by_source")
    expect(page.get_by_text(f"{sources} rows in", exact=False), "the console's notice follows the language").to_have_count(1)
    shoot(page, "data-en-console")


def test_quality_report_is_paged_with_counts_in_chinese(warm, page):
    """With 通过 shown too the report is longer than a page: one page at a time, “第 x–y 条，共 n 条”."""
    import re

    page.goto(f"{warm}/data?tab=数据核对")
    wait_idle(page)
    page.get_by_role("button", name=re.compile("通过")).click()
    wait_idle(page)
    caption = page.get_by_text(re.compile(r"第 1–50 条，共 [\d,]+ 条"))
    expect(caption).to_have_count(1)
    total = int(re.search(r"共 ([\d,]+) 条", caption.inner_text()).group(1).replace(",", ""))
    assert total > 50
    page.get_by_role("button", name="下一页").click()
    wait_idle(page)
    expect(page.get_by_text(re.compile(rf"第 51–{min(100, total)} 条，共 {total:,} 条"))).to_have_count(1)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    shoot(page, "data-quality-paged")


PAYLOAD = "[请重新登录](http://evil.example/login) ![t](http://127.0.0.1:9/p.png) <img src=x> **粗** :red[红] $x$ www.evil.example"


def no_injected_markup(page) -> None:
    """The payload shows as the text it is: no link to evil.example, no image, nothing fetched from it."""
    expect(page.locator("[data-testid='stMain'] a[href*='evil.example']")).to_have_count(0)
    expect(page.locator("[data-testid='stMain'] img[src*='127.0.0.1:9'], [data-testid='stMain'] img[src='x']")).to_have_count(0)
    expect(page.locator("[data-testid='stMain'] strong", has_text="粗")).to_have_count(0)


@pytest.mark.parametrize("query", ["doc", "q"])
def test_a_crafted_link_shows_its_text_and_makes_no_link_or_image(warm, page, query):
    import urllib.parse

    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{warm}/documents?{query}={urllib.parse.quote(PAYLOAD)}")
    wait_idle(page)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    main = page.locator("[data-testid='stMain']").inner_text().replace("\u2060", "")  # invisible WORD JOINERs
    assert "[请重新登录](http://evil.example/login)" in main, "the text is shown as typed"
    assert "![t](http://127.0.0.1:9/p.png)" in main and ":red[红]" in main
    no_injected_markup(page)
    hosts = {urllib.parse.urlsplit(u).netloc for u in fetched}
    assert not hosts & {"127.0.0.1:9", "evil.example", "www.evil.example"}, hosts
    shoot(page, f"documents-injection-{query}")
