"""The curated build against malformed bulletins and reference files: each either builds (the
loaders tolerate it and data_quality says what no longer adds up) or fails with a Chinese
BuildError naming the document (and the line where there is one), leaving the previous
database byte for byte. The app, finding the raw files newer than its database and the
rebuild failing, keeps serving the last good database under a notice naming the error."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import streamlit as st

from conftest import RAW, REFERENCE, ROOT
from loaders.build import build
from loaders.errors import BuildError
from reliability.conftest import CJK
from store import curated

J, Z = "jiyang-gazette-2020-04.txt", "zhangqiu-campaigns-2025.txt"
MISSING_ISSUER = ("济南市济阳区人民政府办公室\n\n关于加快推进养老服务发展的实施意见",
                  "（此处缺页）\n\n关于加快推进养老服务发展的实施意见")


def text_edit(name: str, edit):
    def apply(raw: Path, reference: Path) -> None:
        path = raw / name
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return apply


def bytes_edit(folder: str, name: str, edit):
    def apply(raw: Path, reference: Path) -> None:
        path = (raw if folder == "raw" else reference) / name
        path.write_bytes(edit(path.read_bytes()))
    return apply


def lines(text: str) -> list[str]:
    return text.split("\n")


# name -> (edit, None when the build must succeed, else fragments its BuildError must contain)
CASES = {
    "issuer line missing": (text_edit(J, lambda t: t.replace(*MISSING_ISSUER)),
                            ["济阳政办发〔2020〕21号", "文件 jiyang", "第 ", "行"]),
    "lines shuffled": (text_edit(J, lambda t: "\n".join(sorted(lines(t)))), ["文件 jiyang", "行"]),
    "jiyang cut in half": (text_edit(J, lambda t: t[: len(t) // 2]), ["居民基本医疗保险", "找到 0 个文件"]),
    "jiyang cut to a tenth": (text_edit(J, lambda t: t[: len(t) // 10]), ["找到 0 个文件"]),
    "jiyang empty": (text_edit(J, lambda t: ""), ["没有找到任何独占一行的文号", "文件 jiyang"]),
    "zhangqiu empty": (text_edit(Z, lambda t: ""), ["没有找到", "方案", "文件 zhangqiu"]),
    "every 7th jiyang line lost": (text_edit(J, lambda t: "\n".join(x for i, x in enumerate(lines(t)) if i % 7)),
                                   ["找到 0 个文件"]),
    "jiyang pasted twice": (text_edit(J, lambda t: t + "\n" + t), ["找到 2 个文件"]),
    "digits turned to letters": (text_edit(J, lambda t: re.sub(r"\d", "x", t)), ["没有找到任何独占一行的文号"]),
    "headings stripped": (text_edit(Z, lambda t: re.sub(r"(?m)^#+ ", "", t)), ["没有找到", "文件 zhangqiu"]),
    "doc numbers deleted": (text_edit(J, lambda t: re.sub(r"〔2020〕\d+号", "", t)), ["没有找到任何独占一行的文号"]),
    "saved as GBK": (bytes_edit("raw", J, lambda b: b.decode("utf-8").encode("gb18030")), ["不是 UTF-8", J]),
    "binary garbage": (bytes_edit("raw", Z, lambda b: bytes(range(256)) * 100), ["不是 UTF-8", Z]),
    "file deleted": (lambda raw, ref: (raw / Z).unlink(), ["清单中列出的文件不存在", Z]),
    "manifest deleted": (lambda raw, ref: (raw / "MANIFEST.csv").unlink(), ["找不到清单文件"]),
    "towns.csv empty": (bytes_edit("reference", "towns.csv", lambda b: b""), ["读取参考数据", "EmptyDataError"]),
    "towns.csv column renamed": (bytes_edit("reference", "towns.csv", lambda b: b.replace(b"town_name", b"name", 1)),
                                 ["读取参考数据"]),
    "aliases binary": (bytes_edit("reference", "department_aliases.csv", lambda b: bytes(range(256))),
                       ["读取参考数据"]),
    # tolerated: the tables change and data_quality reports it
    "zhangqiu cut in half": (text_edit(Z, lambda t: t[: len(t) // 2]), None),
    "zhangqiu reversed": (text_edit(Z, lambda t: "\n".join(reversed(lines(t)))), None),
    "NUL bytes": (text_edit(J, lambda t: t.replace("\n", "\x00\n", 50)), None),
    "tabs lost": (text_edit(J, lambda t: t.replace("\t", " ")), None),
    "CRLF": (text_edit(J, lambda t: t.replace("\n", "\r\n")), None),
    "BOM": (text_edit(J, lambda t: "\ufeff" + t), None),
    "full-width digits": (text_edit(J, lambda t: t.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})), None),
}


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> tuple[Path, bytes, int]:
    """A good database, its bytes, and the number of data_quality warnings of the real bulletins."""
    path = tmp_path_factory.mktemp("good") / "gazette.duckdb"
    tables = build(RAW, path, REFERENCE)
    return path, path.read_bytes(), int((tables["data_quality"].severity != "ok").sum())


@pytest.mark.parametrize("case", list(CASES))
def test_malformed_sources_fail_clearly_or_build_with_warnings(tmp_path, good, case):
    good_path, good_bytes, baseline_warnings = good
    raw, reference = tmp_path / "raw", tmp_path / "reference"
    shutil.copytree(RAW, raw)
    shutil.copytree(REFERENCE, reference)
    out = tmp_path / "gazette.duckdb"
    shutil.copy(good_path, out)
    edit, fragments = CASES[case]
    edit(raw, reference)
    if fragments is None:
        tables = build(raw, out, reference)
        assert int((tables["data_quality"].severity != "ok").sum()) >= baseline_warnings
        return
    with pytest.raises(BuildError) as error:
        build(raw, out, reference)
    message = str(error.value)
    print(f"{case}: {message}")
    assert CJK.search(message)
    for fragment in fragments:
        assert fragment in message, message
    assert out.read_bytes() == good_bytes, "the previous database is untouched"
    assert not list(tmp_path.glob(".gazette.duckdb.*")), "no temp file left"


def test_the_command_line_says_what_failed_and_that_the_old_database_stays(tmp_path, good):
    good_path, good_bytes, _ = good
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    (raw / J).write_text("", encoding="utf-8")
    out = tmp_path / "gazette.duckdb"
    shutil.copy(good_path, out)
    result = subprocess.run([sys.executable, "-m", "loaders.build", "--raw", str(raw), "--out", str(out),
                             "--reference", str(REFERENCE)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "构建失败" in result.stderr and "原数据库未改动" in result.stderr and "Traceback" not in result.stderr
    assert out.read_bytes() == good_bytes


# ---- the app keeps serving the last good database ------------------------------------------

@pytest.fixture
def stale_app(tmp_path, good, monkeypatch):
    """GAZETTE_DB: a good database an hour old; GAZETTE_RAW: a newer, broken copy of the bulletins."""
    good_path, _bytes, _ = good
    db = tmp_path / "gazette.duckdb"
    shutil.copy(good_path, db)
    hour_ago = time.time() - 3600
    os.utime(db, (hour_ago, hour_ago))
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    CASES["issuer line missing"][0](raw, REFERENCE)
    monkeypatch.setenv("GAZETTE_DB", str(db))
    monkeypatch.setenv("GAZETTE_RAW", str(raw))
    monkeypatch.setenv("GAZETTE_USER_DB", str(tmp_path / "user.duckdb"))
    curated.connection.clear()
    st.cache_data.clear()
    curated._failed_builds.clear()
    yield db, raw
    curated.connection.clear()
    st.cache_data.clear()
    curated._failed_builds.clear()


def run_app(page: str | None = None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


@pytest.mark.slow
def test_a_failed_rebuild_keeps_the_last_good_database_with_a_notice(stale_app, monkeypatch):
    db, raw = stale_app
    before = db.read_bytes()
    at = run_app()
    assert not at.exception, [e.message for e in at.exception]
    notice = " ".join(w.value for w in at.warning)
    assert "重新构建数据库失败" in notice and "济阳政办发〔2020〕21号" in notice and "第 " in notice
    assert "页面继续显示上次成功构建的数据" in notice
    assert at.title and at.title[0].value, "the page itself is drawn from the old database"
    assert db.read_bytes() == before

    import loaders.build

    calls, real_build = [], loaders.build.build
    monkeypatch.setattr(loaders.build, "build", lambda *a, **k: calls.append(a))
    at = run_app()  # every rerun: the notice stays, and no second rebuild attempt
    assert not at.exception and calls == []
    assert any("重新构建数据库失败" in w.value for w in at.warning)
    monkeypatch.setattr(loaders.build, "build", real_build)

    (raw / J).write_bytes((RAW / J).read_bytes())  # fixed: the next run rebuilds and the notice goes
    at = run_app()
    assert not at.exception
    assert not any("重新构建数据库失败" in w.value for w in at.warning)
    assert db.read_bytes() != before and not curated.needs_build()


@pytest.mark.slow
def test_without_any_database_the_failure_is_an_error_not_a_traceback(stale_app):
    db, _raw = stale_app
    db.unlink()
    at = run_app()
    assert not at.exception, [e.message for e in at.exception]
    assert any("重新构建数据库失败" in e.value and "目前没有可用的数据库" in e.value for e in at.error)
    assert not db.exists()


@pytest.mark.slow
@pytest.mark.browser
def test_the_notice_is_on_every_page_in_the_browser(stale_app):
    """(AppTest drops elements drawn before st.navigation after switch_page; a real browser shows them.)"""
    from reliability.conftest import browse, start_app

    db, raw = stale_app
    process, url, log = start_app({"GAZETTE_DB": str(db), "GAZETTE_RAW": str(raw)})
    try:
        seen = browse(url, [{"goto": "/"}, {"goto": "/funds"}, {"goto": "/hotline"}, {"click_link": "通户道路"},
                            {"shoot": "reliability-build-failed-notice"}])
    finally:
        process.terminate()
        process.wait(timeout=20)
    for record in seen:
        notice = " ".join(a for a in record["alerts"] if "重新构建数据库失败" in a)
        assert re.search(r"文件 jiyang 第 \d+ 行", notice) and "济阳政办发〔2020〕21号" in notice, record["url"]
        assert record["exceptions"] == 0
    assert seen[-1]["url"].endswith("/roads")
    assert "Traceback" not in log.read_text()
