"""/add in a real browser (issue 16, point 3): a signed-in editor uploads the next issues of the
gazette as .txt, as .docx (python-docx) and as a PDF printed by Chromium, sees the documents, the
tables with their row counts and every flag with its line, publishes, and the new edition appears
in the document library after a background rebuild; a visitor gets no uploader; an empty file,
random bytes, a scan without a text layer, a duplicate and a 200 MB file are refused with a clear
message and the raw folder and database stay as they were."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from hotline import auth
from tests.browser.conftest import ROOT, open_entry_page, shoot, start_app, wait_idle
from tests.conftest import bulletin_id
from tests.fixtures.editions import next_issue
from tests.fixtures.printed import as_docx, as_pdf, image_only_pdf
from tests.snapshots import count, doc_ids

pytestmark = pytest.mark.browser

PASSWORD = "upload-test-pass"
RAW = ROOT / "data" / "raw"
GAZETTE = "jiyang-gazette-2020-04.txt"


@pytest.fixture(scope="module")
def issues():
    """The next three issues: 2021-01 (text), 2022-01 (Word) and 2023-01 (PDF)."""
    text = (RAW / GAZETTE).read_text(encoding="utf-8")
    out = []
    for _ in range(3):
        text, edits = next_issue(text)
        out.append((text, edits.year))
    return out


@pytest.fixture(scope="module")
def add_app(tmp_path_factory, browser, built_database):
    folder = tmp_path_factory.mktemp("add-app")
    raw, db = folder / "raw", folder / "gazette.duckdb"
    shutil.copytree(RAW, raw)
    shutil.copyfile(built_database, db)  # what build(raw, db) writes
    secrets = folder / "secrets.toml"
    secrets.write_text(f'[editors]\nalice = "{auth.hash_password(PASSWORD, 1000)}"\n', encoding="utf-8")
    process, url, log = start_app({"STREAMLIT_SECRETS_FILES": str(secrets), "GAZETTE_RAW": str(raw),
                                   "GAZETTE_DB": str(db), "GAZETTE_USER_DB": str(folder / "hotline.duckdb"),
                                   "GAZETTE_DEMO_DB": str(folder / "hotline_demo.duckdb")})
    open_entry_page(browser, url)  # once: a cold deep link would bypass st.navigation
    yield url, raw, db, log
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def state(raw: Path, db: Path) -> dict[str, str]:
    """Every raw file's sha256 and the served database's identity (inode and mtime)."""
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(raw.iterdir())}
    stat = db.stat()
    return {**files, "database": f"{stat.st_ino}:{stat.st_mtime_ns}"}


def open_add(page, url: str) -> None:
    page.goto(url + "/add")  # the server is warm (add_app)
    wait_idle(page)
    assert page.locator("h1").first.inner_text() == "添加公报"


def sign_in(page) -> None:
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_label("用户名").fill("alice")
    sidebar.get_by_label("密码").fill(PASSWORD)
    sidebar.get_by_role("button", name="登录").click()
    page.get_by_text("已登录：alice").wait_for()
    wait_idle(page)


def upload(page, name: str, data: bytes | None = None, path: Path | None = None) -> None:
    uploader = page.locator("[data-testid='stFileUploader'] input[type='file']")
    if path is not None:
        uploader.set_input_files(str(path))
    else:
        uploader.set_input_files(files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data}])
    wait_idle(page, timeout=90)


def shown(page, text: str, timeout: float = 90_000) -> None:
    page.get_by_text(text, exact=False).first.wait_for(timeout=timeout)


def test_a_visitor_gets_no_uploader(add_app, page):
    url, _raw, _db, _log = add_app
    open_add(page, url)
    expect(page.get_by_text("添加公报需要编辑登录")).to_have_count(1)
    expect(page.locator("[data-testid='stFileUploader']")).to_have_count(0)
    expect(page.get_by_role("button", name="发布这一期")).to_have_count(0)
    shoot(page, "add-visitor")


def test_refused_uploads_change_nothing(add_app, page, tmp_path):
    url, raw, db, _log = add_app
    open_add(page, url)
    sign_in(page)
    before = state(raw, db)
    refusals = [("空白.txt", b"", "空文件"),
                ("noise.pdf", os.urandom(200_000), "不是 PDF 文件"),
                ("noise.docx", os.urandom(200_000), "不是有效的 Word 文件"),
                ("扫描件.pdf", image_only_pdf(), "没有文字层"),
                ("again.txt", (RAW / GAZETTE).read_bytes(), "不再重复登记")]
    for name, data, message in refusals:
        upload(page, name, data)
        shown(page, message)
        expect(page.get_by_text("原始目录和数据库都没有改动"), name).to_have_count(1)
        expect(page.get_by_role("button", name="发布这一期"), name).to_have_count(0)
        shoot(page, f"add-refused-{Path(name).stem}")
    huge = tmp_path / "公报全年合订本.pdf"
    with huge.open("wb") as handle:             # sparse: 200 MB that take no disk
        handle.truncate(200 * 2**20)
    upload(page, huge.name, path=huge)
    shown(page, "File must be 20.0MB or smaller")   # refused in the browser: not a byte is sent
    expect(page.get_by_text("单个文件不超过 20 MB")).to_have_count(1)
    expect(page.get_by_role("button", name="发布这一期")).to_have_count(0)
    shoot(page, "add-refused-200mb")
    assert state(raw, db) == before


def test_an_editor_previews_and_publishes_text_word_and_pdf(add_app, page, browser, issues):
    url, raw, db, _log = add_app
    open_add(page, url)
    sign_in(page)
    visitor = browser.new_context(viewport={"width": 1280, "height": 720}, locale="zh-CN").new_page()
    files = [("jiyang-gazette-2021-01.txt", issues[0][0].encode("utf-8")),
             ("jiyang-gazette-2022-01.docx", as_docx(issues[1][0])),
             ("jiyang-gazette-2023-01.pdf", as_pdf(issues[2][0]))]
    published = []
    for number, (name, data) in enumerate(files):
        year = issues[number][1]
        upload(page, name, data)
        shown(page, "预览：济南市济阳区人民政府公报")
        title = f"济南市济阳区人民政府公报 {year}年第1期"
        expect(page.get_by_text(f"预览：{title}")).to_have_count(1)
        metrics = page.locator("[data-testid='stMetric']")
        first = len(doc_ids(bulletin_id("jiyang")))
        # each next issue drops the last document
        expect(metrics.filter(has_text="读出的文件")).to_contain_text(f"{first - number - 1} 份")
        tables = page.locator(".st-key-add-tables")
        for table in ("fund_by_source", "road_villages", "insurance_quota", "rosters"):
            expect(tables).to_contain_text(table)
        if number == 0:
            expect(tables, "road_villages: the first issue's and the one the next adds").to_contain_text(
                str(count("road_villages") + 1))
        expect(page.locator("[data-testid='stDataFrame']"), "documents and flags").to_have_count(2)
        shoot(page, f"add-preview-{Path(name).suffix[1:]}")
        before = db.stat().st_ino
        started = time.perf_counter()
        page.get_by_role("button", name="发布这一期").click()
        # while the build runs, another reader is served the old database
        visitor.goto(url + "/documents")
        wait_idle(visitor, timeout=60)
        expect(visitor.locator("[data-testid='stException']")).to_have_count(0)
        shown(page, f"已发布《{title}")
        seconds = time.perf_counter() - started
        wait_idle(page)
        assert db.stat().st_ino != before, "a new file was renamed into place"
        published.append((name, seconds))
        shoot(page, f"add-published-{Path(name).suffix[1:]}")
        kept = raw / name
        assert kept.read_bytes() == data, "kept byte for byte"
        assert (raw / (name + ".txt")).exists() == (not name.endswith(".txt"))

    page.goto(url + "/documents")
    wait_idle(page)
    for number, (name, _data) in enumerate(files):
        expect(page.get_by_text(f"{issues[number][1]}年第1期").first, name).to_be_attached()
    shoot(page, "add-documents-after")
    visitor.context.close()
    print("publish → new edition served (s):", ", ".join(f"{n} {s:.1f}" for n, s in published))
