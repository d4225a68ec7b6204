"""/hotline in a real browser: an editor imports a Chinese spreadsheet export and sees the
figures; re-importing asks first; a viewer gets no write controls."""
from __future__ import annotations

import io
import subprocess

import pandas as pd
import pytest
from playwright.sync_api import expect

from hotline import auth, templates
from hotline.fields import KINDS
from tests.browser.conftest import open_entry_page, shoot, start_app, wait_idle

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-pass"
TOWNS = ["明水街道", "双山街道", "枣园街道", "龙山街道", "埠村街道", "圣井街道"]
DEPTS = ["区住建局", "区城管局", "区水务局", "区人社局"]


def units_csv() -> bytes:
    """Two months as a hotline officer's spreadsheet would export them: GBK, a title row,
    rates written three ways. Bottom three on 满意率 in both months: 明水 and 双山 among
    the 镇街, 区水务局 and 区人社局 among the 部门 (解决率 is equal for all, so no bottom)."""
    lines = ["2025年8-9月热线考核通报（月末）",
             "责任单位,类别,时间,满意率（%）,解决率,参评率,期初未化解,本月新增,本月化解"]
    towns = {"2025年8月": [81.5, 82.0, 90.1, 91.3, 92.4, 93.0], "2025年9月": [80.2, 83.4, 95.0, 90.6, 92.8, 94.1]}
    depts = {"2025年8月": [0.95, 0.91, 0.92, 0.93], "2025年9月": [0.91, 0.95, 0.92, 0.93]}
    for month, town_values in towns.items():
        for town, value in zip(TOWNS, town_values):
            lines.append(f"{town},镇街,{month},{value}%,０.９,62.5,20,10,6")
        for dept, value in zip(DEPTS, depts[month]):
            lines.append(f"{dept},部门,{month},{value:.2f},90%,58,8,4,3")
    return ("\n".join(lines) + "\n").encode("gbk")


def ranks_csv() -> bytes:
    text = ("月份,满意率,满意率排名,解决率,解决率排名,参与排名单位数\n"
            "2025-08,91.2%,12,85.0,12,12\n2025-09,92.5%,10,86.1,11,12\n")
    return text.encode("utf-8-sig")


@pytest.fixture(scope="module")
def hotline_app(tmp_path_factory, browser):
    folder = tmp_path_factory.mktemp("hotline-app")
    secrets = folder / "secrets.toml"
    secrets.write_text(f'[editors]\nalice = "{auth.hash_password(PASSWORD, 1000)}"\n', encoding="utf-8")
    process, url, _log = start_app({"STREAMLIT_SECRETS_FILES": str(secrets),
                                   "GAZETTE_USER_DB": str(folder / "hotline.duckdb"),
                                   "GAZETTE_DEMO_DB": str(folder / "hotline_demo.duckdb"),
                                   # others edit sources while tests run: no "File change" prompt mid-test
                                   "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"})
    open_entry_page(browser, url)  # once: a cold deep link would bypass st.navigation
    yield url, folder
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def open_hotline(page, url: str) -> None:
    page.goto(url + "/hotline")  # the server is warm (hotline_app)
    wait_idle(page)
    expect(page.get_by_text("方案确定的目标、期限和机制")).to_have_count(1)


def upload(page, name: str, data: bytes, mime: str = "text/csv") -> None:
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": data}])
    wait_idle(page)


def click(page, label: str) -> None:
    try:
        page.get_by_role("button", name=label).click()
    except Exception:
        shoot(page, f"hotline-failed-click-{label}")  # to see what was on screen instead
        raise
    wait_idle(page)


def saw(page, text: str, timeout: float = 30_000) -> int:
    """How often `text` shows, once it shows: under load a write's rerun may start after
    wait_idle() already saw a still page, so wait for the outcome itself."""
    page.get_by_text(text, exact=False).first.wait_for(timeout=timeout)
    wait_idle(page)
    return page.get_by_text(text, exact=False).count()


def tab(page, label: str) -> None:
    page.get_by_role("tab", name=label).click()
    wait_idle(page)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_visitor_sees_the_commitments_and_plainly_that_no_month_is_entered(app_server, page, lang):
    """The public site before anything is set up: no editors configured, no records. A visitor sees
    the plan's targets and a plain line that no month has been entered, and nothing for administrators."""
    query = "?lang=en" if lang == "en" else ""
    page.goto(app_server + "/" + query)
    wait_idle(page)
    page.goto(app_server + "/hotline" + query)
    wait_idle(page)
    main, sidebar = page.locator("[data-testid='stMain']"), page.locator("[data-testid='stSidebar']")
    words = {"zh": ("方案确定的目标、期限和机制", "尚未录入任何月度数据", "本站未开放编辑登录：所有人只读。"),
             "en": ("Targets, deadlines and rules set by the plan", "No monthly figures have been entered yet",
                    "Editor sign-in is not open on this site")}[lang]
    expect(main.get_by_text(words[0])).to_have_count(1)
    expect(main.get_by_text(words[1], exact=False)).to_have_count(1)
    expect(sidebar.get_by_text(words[2], exact=False)).to_have_count(1)
    shown = main.inner_text() + sidebar.inner_text()
    for admin in ("hotline.passwd", "secrets.toml", "还没有月度记录", "No monthly records yet"):
        assert admin not in shown
    expect(main.get_by_role("tab"), "no tab that would only say 尚无…").to_have_count(0)
    expect(main.get_by_role("radiogroup"), "no radio with one option").to_have_count(0)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    shoot(page, f"hotline-visitor-{lang}")


def test_a_town_in_the_link_is_said_not_to_apply(app_server, page):
    from ui.data import curated

    town = curated.towns()["town_name"].iloc[0]
    page.goto(app_server + "/")
    wait_idle(page)
    page.goto(app_server + f"/hotline?town={town}")
    wait_idle(page)
    expect(page.get_by_text("镇街筛选（" + town + "）不适用于本页", exact=False)).to_have_count(1)
    shoot(page, "hotline-visitor-town", full_page=False)


def test_editor_imports_a_month_and_sees_the_figures(hotline_app, page):
    url, _folder = hotline_app
    open_hotline(page, url)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_label("用户名").fill("alice")
    sidebar.get_by_label("密码").fill(PASSWORD)
    sidebar.get_by_role("button", name="登录").click()
    wait_idle(page)
    expect(page.get_by_text("已登录：alice")).to_have_count(1)

    tab(page, "导入与录入")
    upload(page, "8-9月通报.csv", units_csv())
    expect(page.get_by_text("将写入 20 行：")).to_have_count(1)
    expect(page.get_by_text("「区水务局」→「区城乡水务局」", exact=False).first).to_be_attached()
    click(page, "写入数据库")
    assert saw(page, "已保存（批次 1，alice") == 1
    assert page.get_by_text("将写入 20 行：").count() == 0  # the uploader is empty again
    upload(page, "全市排名.csv", ranks_csv())
    expect(page.get_by_text("将写入 4 行：")).to_have_count(1)
    click(page, "写入数据库")
    assert saw(page, "已保存（批次 2，alice") == 1

    # the status against the September deadline, read from the imported ranking
    assert page.get_by_text("2025年9月倒数第3位，仍在后3位").count() == 1  # 满意率 10th of 12
    assert page.get_by_text("2025年9月倒数第2位，仍在后3位").count() == 1  # 解决率 11th of 12

    tab(page, "全市排名")
    chart = page.locator(".js-plotly-plot").first
    assert "退出后3位线" in chart.inner_text() and "全区满意率排名" in chart.inner_text()
    shoot(page, "hotline-ranks")

    tab(page, "单位排名")
    league = page.locator(".js-plotly-plot").filter(has_text="镇街满意率排名")
    assert "80.2% 倒数第1" in league.inner_text() and "83.4% 倒数第2" in league.inner_text()
    shoot(page, "hotline-league")

    tab(page, "约谈名单")
    expect(page.get_by_text("约谈名单（4 项）")).to_have_count(1)
    download = page.locator(".st-key-csv-hotline-summons button")
    with page.expect_download() as got:
        download.click()
    listing = got.value.path().read_text(encoding="utf-8-sig")
    # 区水务局 / 区人社局 as typed are stored under the alias table's one name (the preview said so)
    assert {"明水街道", "双山街道", "区城乡水务局", "区人力资源和社会保障局"} <= {line.split(",")[0]
                                                                   for line in listing.splitlines()}
    shoot(page, "hotline-summons")

    # the same file again: the page asks, then replaces and keeps the old rows in history
    tab(page, "导入与录入")
    upload(page, "8-9月通报.csv", units_csv())
    click(page, "写入数据库")
    assert saw(page, "确认后才会替换") == 1
    click(page, "确认替换")
    assert saw(page, "替换 20 行（原记录已存入历史）") == 1
    tab(page, "写入记录")
    expect(page.get_by_text("被替换的历史记录")).to_have_count(1)
    shoot(page, "hotline-records")


def test_a_viewer_gets_no_write_controls(hotline_app, page):
    url, _folder = hotline_app
    open_hotline(page, url)
    expect(page.get_by_role("tab", name="导入与录入"), "the import tab is for editors").to_have_count(0)
    expect(page.locator("[data-testid='stFileUploader']")).to_have_count(0)
    expect(page.get_by_role("button", name="生成演示数据（写入演示库）")).to_have_count(0)
    shoot(page, "hotline-viewer")
    # a link to the import tab tells a visitor why it is not there
    page.goto(url + "/hotline?hotline_tab=导入与录入")
    wait_idle(page)
    expect(page.get_by_text("导入和录入需要编辑登录")).to_have_count(1)
    # the import templates, made on click, once signed in: each button gives its own kind's columns
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_label("用户名").fill("alice")
    sidebar.get_by_label("密码").fill(PASSWORD)
    sidebar.get_by_role("button", name="登录").click()
    wait_idle(page)
    tab(page, "导入与录入")
    for number, kind in enumerate(KINDS):
        with page.expect_download() as info:
            page.get_by_role("button", name="CSV 模板").nth(number).click()
        header = info.value.path().read_bytes().decode("utf-8-sig").splitlines()[0]
        assert header.split(",") == list(templates.template_frame(kind).columns)
        with page.expect_download() as info:
            page.get_by_role("button", name="Excel 模板").nth(number).click()
        sheet = pd.read_excel(io.BytesIO(info.value.path().read_bytes()))
        assert list(sheet.columns) == list(templates.template_frame(kind).columns)


def test_hotline_in_english(hotline_app, page):
    url, _folder = hotline_app
    page.goto(url + "/?lang=en")
    wait_idle(page)
    page.goto(url + "/hotline?lang=en&hotline_tab=全市排名")  # a tab link copied from the Chinese view
    wait_idle(page)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    assert page.locator("h1").first.inner_text() == "12345 citizen service hotline campaign"
    assert page.get_by_text("Targets, deadlines and rules set by the plan").count() == 1
    assert page.get_by_role("tab", name="City ranking").get_attribute("aria-selected") == "true"
    chart = page.locator("[data-testid='stPlotlyChart']").first
    label = chart.get_attribute("aria-label") or ""
    assert label.startswith(("District's monthly city rank", "No city ranking")), label
    if "District Satisfaction rank" in label:  # the editor test above imported the rankings
        assert "Out-of-bottom-3 line" in chart.inner_text()
        expect(page.locator(".st-key-export-hotline-rank").get_by_role("button", name="PNG")).to_have_count(1)
    shoot(page, "hotline-en")


INJECTED = "[请重新登录](http://evil.example/login) ![t](http://127.0.0.1:9/p.png)"


def test_imported_headers_show_as_text(hotline_app, page):
    """A column header is the uploader's text: shown as typed, never as a link or an image fetched."""
    import urllib.parse

    url, _folder = hotline_app
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    open_hotline(page, url)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_label("用户名").fill("alice")
    sidebar.get_by_label("密码").fill(PASSWORD)
    sidebar.get_by_role("button", name="登录").click()
    wait_idle(page)
    tab(page, "导入与录入")
    lines = [f"责任单位,类别,时间,满意率,解决率,{INJECTED}"]
    lines += [f"{unit},{'镇街' if unit in TOWNS else '部门'},2025年10月,{90 + n},88,x" for n, unit in
              enumerate(TOWNS + DEPTS)]
    upload(page, "[登录](https:evil.example).csv", ("\n".join(lines) + "\n").encode("utf-8"))
    main = page.locator("[data-testid='stMain']")
    header = INJECTED.replace(" ", "")  # the reader drops spaces in headers
    assert header in main.inner_text().replace("\u2060", ""), "the header is shown as typed (a column label)"
    expect(page.locator("a[href*='evil.example']")).to_have_count(0)
    expect(page.locator("img[src*='127.0.0.1:9']")).to_have_count(0)
    click(page, "写入数据库")
    assert saw(page, "写入 10 行") == 1, "the file with the odd header and name is imported"
    expect(page.locator("a[href*='evil.example']")).to_have_count(0)
    expect(page.locator("img[src*='127.0.0.1:9']")).to_have_count(0)
    hosts = {urllib.parse.urlsplit(u).netloc for u in fetched}
    assert not hosts & {"127.0.0.1:9", "evil.example"}, hosts
    shoot(page, "hotline-injection")


def test_a_real_published_ranking_is_asked_about_stored_and_shown_on_its_scale(hotline_app, page):
    """连云港's 2022年2月 county table (tests/fixtures/real/rankings): the month and the 满分 are asked
    for, the four counties are asked about, then 考评得分 shows 145.76 / 150 ranked within 县."""
    from pathlib import Path

    url, _folder = hotline_app
    open_hotline(page, url)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_label("用户名").fill("alice")
    sidebar.get_by_label("密码").fill(PASSWORD)
    sidebar.get_by_role("button", name="登录").click()
    wait_idle(page)
    tab(page, "导入与录入")
    real = Path(__file__).resolve().parents[1] / "fixtures" / "real" / "rankings" / "lianyungang-2022-02-counties.csv"
    upload(page, "通报.csv", real.read_bytes())
    assert saw(page, "请在“满分”中填写（如 150）") == 1
    expect(page.get_by_text("表格左右并排了 2 组相同的列", exact=False)).to_have_count(1)
    for label, value in (("本文件的月份或期间", "2022年2月"), ("满分", "150"), ("分组", "县")):
        box = page.get_by_role("textbox", name=label)
        box.fill(value)
        box.press("Enter")
        wait_idle(page)
    assert saw(page, "以下 4 个单位不在已知的") == 1
    assert page.get_by_role("button", name="写入数据库").is_disabled()
    shoot(page, "hotline-real-ranking-preview")
    page.get_by_text("确认导入这 4 个单位").click()
    wait_idle(page)
    click(page, "写入数据库")
    assert saw(page, "已保存（批次", timeout=30_000) >= 1
    tab(page, "考评得分")
    # the table is a canvas grid: its cells are in the DOM for screen readers, not visible as text
    cell = page.locator("[data-testid^='glide-cell']", has_text="145.76 / 150")
    cell.first.wait_for(state="attached", timeout=30_000)
    expect(cell).to_have_count(1)
    expect(page.get_by_text("县", exact=True).first).to_be_attached()
    shoot(page, "hotline-scores")
