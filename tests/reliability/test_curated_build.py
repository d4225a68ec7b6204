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
from urllib.parse import urlsplit

import duckdb
import pytest
import streamlit as st

from loaders.build import build
from loaders.errors import BuildError
from store import db as store_db
from tests.conftest import RAW, REFERENCE, ROOT, open_app, reregister, scalar
from tests.reliability.conftest import CJK
from ui import rebuild

J, Z = "jiyang-gazette-2020-04.txt", "zhangqiu-campaigns-2025.txt"
MISSING_ISSUER = ("济南市济阳区人民政府办公室\n\n关于加快推进养老服务发展的实施意见",
                  "（此处缺页）\n\n关于加快推进养老服务发展的实施意见")


def text_edit(name: str, edit, register: bool = True):
    """Edit a raw file's text; register=True records its new sha256 (a new edition of the text),
    False leaves the manifest as it was (a file changed behind the manifest's back)."""
    def apply(raw: Path, reference: Path) -> None:
        path = raw / name
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
        if register:
            reregister(raw, path)
    return apply


def bytes_edit(folder: str, name: str, edit):
    def apply(raw: Path, reference: Path) -> None:
        path = (raw if folder == "raw" else reference) / name
        path.write_bytes(edit(path.read_bytes()))
    return apply


def lines(text: str) -> list[str]:
    return text.split("\n")


# Refused: the build stops, names the file, and the previous database stays (fragments of the message).
REFUSED = {
    "changed after registration": (text_edit(J, lambda t: t.replace("目 录", "目  录", 1), register=False),
                                   ["sha256", J, "loaders.add"]),
    "saved as GBK": (bytes_edit("raw", J, lambda b: b.decode("utf-8").encode("gb18030")), ["不是 UTF-8", J]),
    "binary garbage": (bytes_edit("raw", Z, lambda b: bytes(range(256)) * 100), ["不是 UTF-8", Z]),
    "stray binary .txt": (lambda raw, ref: (raw / "stray.txt").write_bytes(bytes(range(256))), ["不是 UTF-8", "stray.txt"]),
    "file deleted": (lambda raw, ref: (raw / Z).unlink(), ["清单中列出的文件不存在", Z]),
    "manifest deleted": (lambda raw, ref: (raw / "MANIFEST.csv").unlink(), ["找不到清单文件"]),
    "manifest kind invalid": (bytes_edit("raw", "MANIFEST.csv", lambda b: b.replace(b",compendium,", b",plans,", 1)),
                              ["kind", "plans", Z]),
    "towns.csv empty": (bytes_edit("reference", "towns.csv", lambda b: b""), ["读取参考数据", "EmptyDataError"]),
    "towns.csv column renamed": (bytes_edit("reference", "towns.csv", lambda b: b.replace(b"town_name", b"name", 1)),
                                 ["读取参考数据"]),
    "aliases binary": (bytes_edit("reference", "department_aliases.csv", lambda b: bytes(range(256))),
                       ["读取参考数据"]),
}
# Built: whatever the text of one bulletin says, the build succeeds and the other bulletin loses nothing.
BUILT = {
    "issuer line missing": (J, text_edit(J, lambda t: t.replace(*MISSING_ISSUER))),
    "lines shuffled": (J, text_edit(J, lambda t: "\n".join(sorted(lines(t))))),
    "jiyang cut in half": (J, text_edit(J, lambda t: t[: len(t) // 2])),
    "jiyang cut to a tenth": (J, text_edit(J, lambda t: t[: len(t) // 10])),
    "jiyang empty": (J, text_edit(J, lambda t: "")),
    "zhangqiu empty": (Z, text_edit(Z, lambda t: "")),
    "every 7th jiyang line lost": (J, text_edit(J, lambda t: "\n".join(x for i, x in enumerate(lines(t)) if i % 7))),
    "jiyang pasted twice": (J, text_edit(J, lambda t: t + "\n" + t)),
    "digits turned to letters": (J, text_edit(J, lambda t: re.sub(r"\d", "x", t))),
    "headings stripped": (Z, text_edit(Z, lambda t: re.sub(r"(?m)^#+ ", "", t))),
    "doc numbers deleted": (J, text_edit(J, lambda t: re.sub(r"〔2020〕\d+号", "", t))),
    "zhangqiu cut in half": (Z, text_edit(Z, lambda t: t[: len(t) // 2])),
    "zhangqiu reversed": (Z, text_edit(Z, lambda t: "\n".join(reversed(lines(t))))),
    "NUL bytes": (J, text_edit(J, lambda t: t.replace("\n", "\x00\n", 50))),
    "tabs lost": (J, text_edit(J, lambda t: t.replace("\t", " "))),
    "CRLF": (J, text_edit(J, lambda t: t.replace("\n", "\r\n"))),
    "BOM": (J, text_edit(J, lambda t: "\ufeff" + t)),
    "full-width digits": (J, text_edit(J, lambda t: t.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"}))),
    "unregistered text added": (None, lambda raw, ref: (raw / "note.txt").write_text("随手记的一段话。", encoding="utf-8")),
}


def rows_of_bulletin(db: Path, file: str) -> dict[str, int]:
    """Rows per table that belong to the bulletin of `file` (through documents.doc_id)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        bulletin = scalar(con, "SELECT bulletin_id FROM bulletins WHERE file = ?", [file])
        tables = [r[0] for r in con.execute(
            "SELECT DISTINCT table_name FROM duckdb_columns() WHERE column_name = 'doc_id' "
            "AND table_name NOT IN ('data_quality', 'documents')").fetchall()]
        counts = {t: scalar(con, f"SELECT count(*) FROM {t} JOIN documents d USING (doc_id) WHERE d.bulletin = ?",
                            [bulletin]) for t in tables}
        counts["documents"] = scalar(con, "SELECT count(*) FROM documents WHERE bulletin = ?", [bulletin])
        return counts
    finally:
        con.close()


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> tuple[Path, bytes, int]:
    """A good database, its bytes, and the number of data_quality warnings of the real bulletins."""
    path = tmp_path_factory.mktemp("good") / "gazette.duckdb"
    built = build(RAW, path, REFERENCE)
    return path, path.read_bytes(), int(built.data_quality.severity.isin(["warn", "error"]).sum())


def copies(tmp_path: Path, good_path: Path) -> tuple[Path, Path, Path]:
    raw, reference = tmp_path / "raw", tmp_path / "reference"
    shutil.copytree(RAW, raw)
    shutil.copytree(REFERENCE, reference)
    out = tmp_path / "gazette.duckdb"
    shutil.copy(good_path, out)
    return raw, reference, out


@pytest.mark.parametrize("case", list(REFUSED))
def test_unreadable_sources_are_refused_by_name_and_the_old_database_stays(tmp_path, good, case):
    good_path, good_bytes, _baseline = good
    raw, reference, out = copies(tmp_path, good_path)
    edit, fragments = REFUSED[case]
    edit(raw, reference)
    with pytest.raises(BuildError) as error:
        build(raw, out, reference)
    message = str(error.value)
    print(f"{case}: {message}")
    assert CJK.search(message)
    for fragment in fragments:
        assert fragment in message, message
    assert out.read_bytes() == good_bytes, "the previous database is untouched"
    assert not list(tmp_path.glob(".gazette.duckdb.*")), "no temp file left"


@pytest.mark.parametrize("case", list(BUILT))
def test_any_text_builds_and_the_other_bulletin_loses_nothing(tmp_path, good, case):
    good_path, _bytes, _baseline = good
    raw, reference, out = copies(tmp_path, good_path)
    edited, edit = BUILT[case]
    edit(raw, reference)
    built = build(raw, out, reference)
    for file in (J, Z):
        if file != edited:
            assert rows_of_bulletin(out, file) == rows_of_bulletin(good_path, file), f"{file} lost rows"
    con = duckdb.connect(str(out), read_only=True)
    per_bulletin = dict(con.execute("SELECT b.file, count(d.doc_id) FROM bulletins b "
                                    "LEFT JOIN documents d ON d.bulletin = b.bulletin_id GROUP BY ALL").fetchall())
    con.close()
    assert all(n >= 1 for n in per_bulletin.values()), "every file is at least one document"
    assert set(built.data_quality.severity) <= {"ok", "info", "warn", "error"}


def test_the_command_line_says_what_failed_and_that_the_old_database_stays(tmp_path, good):
    good_path, good_bytes, _ = good
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    (raw / J).write_bytes((RAW / J).read_bytes().decode("utf-8").encode("gb18030"))
    out = tmp_path / "gazette.duckdb"
    shutil.copy(good_path, out)
    result = subprocess.run([sys.executable, "-m", "loaders.build", "--raw", str(raw), "--out", str(out),
                             "--reference", str(REFERENCE)], cwd=ROOT, capture_output=True, text=True,
                            check=False)
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
    REFUSED["saved as GBK"][0](raw, REFERENCE)
    monkeypatch.setenv("GAZETTE_DB", str(db))
    monkeypatch.setenv("GAZETTE_RAW", str(raw))
    monkeypatch.setenv("GAZETTE_USER_DB", str(tmp_path / "user.duckdb"))
    store_db.reset()
    st.cache_data.clear()
    rebuild._failed_builds.clear()
    yield db, raw
    store_db.reset()
    st.cache_data.clear()
    rebuild._failed_builds.clear()


def run_app(page: str | None = None):
    return open_app(page, timeout=120, check=False)


@pytest.mark.slow
def test_a_failed_rebuild_keeps_the_last_good_database_with_a_notice(stale_app, monkeypatch):
    db, raw = stale_app
    before = db.read_bytes()
    at = run_app()
    assert not at.exception, [e.message for e in at.exception]
    notice = " ".join(w.value for w in at.warning)
    assert "重新构建数据库失败" in notice and J in notice and "UTF-8" in notice
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
    assert db.read_bytes() != before and not rebuild.needs_build()


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
    from tests.reliability.conftest import browse, start_app

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
        assert J in notice and "UTF-8" in notice, record["url"]
        assert record["exceptions"] == 0
    assert urlsplit(seen[-1]["url"]).path.endswith("/roads")  # the page may add its own ?road_town=
    assert "Traceback" not in log.read_text()
