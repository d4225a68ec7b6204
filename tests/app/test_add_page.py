"""The /add page in AppTest: a visitor gets no uploader, an editor signed in on any page gets it;
the background rebuild swaps a new database in while the old one stays readable."""
from __future__ import annotations

import shutil
import time

from streamlit.testing.v1 import AppTest

from hotline import auth
from loaders.add import register_bytes
from loaders.build import build
from tests.conftest import RAW, RAW_FILES, REFERENCE, open_app
from tests.fixtures.editions import next_issue

PASSWORD = "correct horse battery"


def add_page(editors: dict | None = None) -> AppTest:
    return open_app("pages/add.py", secrets={"editors": editors} if editors is not None else None)


def test_a_visitor_sees_why_and_no_uploader():
    at = add_page()
    assert at.title[0].value == "添加公报"
    assert any("添加公报需要编辑登录" in i.value for i in at.info)
    assert not at.get("file_uploader")


def test_an_editor_gets_the_uploader_and_english_labels():
    at = add_page({"alice": auth.hash_password(PASSWORD, 1000)})
    at.text_input(key="hotline_user").input("alice")
    at.text_input(key="hotline_password").input(PASSWORD)
    next(b for b in at.button if b.label == "登录").click()
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    uploaders = at.get("file_uploader")
    assert len(uploaders) == 1 and "不超过 20 MB" in uploaders[0].proto.label
    at.session_state["lang"] = "en"
    at.run()
    assert at.title[0].value == "Add a bulletin"


def test_the_background_rebuild_serves_the_old_file_until_the_new_one_is_ready(tmp_path, monkeypatch):
    from store import curated
    from store import db as store_db
    from ui import rebuild

    raw, db = tmp_path / "raw", tmp_path / "gazette.duckdb"
    shutil.copytree(RAW, raw)
    build(raw, db, REFERENCE)
    monkeypatch.setenv("GAZETTE_RAW", str(raw))
    monkeypatch.setenv("GAZETTE_DB", str(db))
    text, edits = next_issue((RAW / RAW_FILES["jiyang"]).read_text(encoding="utf-8"))
    done = register_bytes(text.encode("utf-8"), "jiyang-gazette-next.txt", raw, {}, reference_dir=REFERENCE)
    store_db.reset()
    reader = store_db.connection().cursor()             # a reader in the middle of a query on the old file
    state = rebuild.rebuild_in_background("test")
    assert rebuild.rebuilding() and rebuild.build_now() is None, "readers are not held up by a build"
    assert reader.execute("SELECT count(*) FROM bulletins").fetchone()[0] == 2, "the old file answers meanwhile"
    deadline = time.time() + 300
    while state.running and time.time() < deadline:
        time.sleep(0.2)
    assert state.ok, state.message
    assert state.bulletins == 3 and not rebuild.needs_build()
    # the old reader is still open, and the app's new connection reads the new file all the same
    years = curated.query("SELECT year FROM bulletins WHERE bulletin_id = ?", [done.bulletin_id])
    assert years.year.tolist() == [edits.year]
    assert reader.execute("SELECT count(*) FROM bulletins").fetchone()[0] == 2
    reader.close()
    store_db.reset()
