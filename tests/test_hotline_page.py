"""The /hotline page in AppTest: targets with no records, sign-in, what viewers may not do,
figures from the store, demo data only on request, and a clear notice when targets are missing."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from hotline import auth
from hotline import targets as plan
from store import curated
from store.hotline import HotlineStore

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "correct horse battery"


@pytest.fixture
def stores(tmp_path, monkeypatch):
    monkeypatch.setenv("GAZETTE_USER_DB", str(tmp_path / "user.duckdb"))
    monkeypatch.setenv("GAZETTE_DEMO_DB", str(tmp_path / "demo.duckdb"))
    return HotlineStore(tmp_path / "user.duckdb"), HotlineStore(tmp_path / "demo.duckdb", demo_store=True)


def page(editors: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    if editors is not None:
        at.secrets["editors"] = editors
    at.run()
    at.switch_page("pages/hotline.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def sign_in(at: AppTest, user: str, password: str) -> AppTest:
    at.text_input(key="hotline_user").input(user)
    at.text_input(key="hotline_password").input(password)
    next(b for b in at.button if b.label == "登录").click()
    at.run()
    return at


def open_tab(at: AppTest, label: str) -> AppTest:
    at.session_state["hotline_tab"] = label
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    parts += [w.value for w in at.warning] + [e.value for e in at.error] + [s.value for s in at.success]
    return "\n".join(str(p) for p in parts)


def test_with_no_records_every_target_is_shown_with_its_source(stores, tables):
    at = page()
    shown = [df.value for df in at.dataframe if "目标" in df.value.columns and "引用" in df.value.columns][0]
    rows = tables["targets"]
    hotline_rows = rows[rows["topic"].fillna("").str.startswith("hotline.")]
    if hotline_rows.empty:
        pytest.skip("targets loader has no hotline rows yet")
    assert len(shown) == len(hotline_rows)
    assert set(shown["目标"]) == set(hotline_rows["subject"])
    assert "2025年9月30日" in set(shown["期限"]) and "2025年12月31日" in set(shown["期限"])
    assert all("济南市章丘区市民服务热线专项整治工作方案" in c for c in shown["引用"])
    assert "还没有月度记录" in texts(at)
    open_tab(at, "导入与录入")
    assert "导入和录入需要编辑登录" in texts(at)
    assert not stores[0].exists(), "a visit must not create the store"


def test_viewer_sees_no_write_controls_and_sign_in_needs_the_right_password(stores):
    editors = {"alice": auth.hash_password(PASSWORD, 1000)}
    at = page(editors)
    labels = {b.label for b in at.button}
    assert "写入数据库" not in labels and "生成演示数据（写入演示库）" not in labels
    sign_in(at, "alice", "wrong password")
    assert "用户名或密码不正确" in texts(at)
    assert "已登录：alice" not in texts(at)
    sign_in(at, "alice", PASSWORD)
    assert "已登录：alice（编辑，可导入和修改）" in texts(at)
    assert "生成演示数据（写入演示库）" in {b.label for b in at.button}


def test_without_editors_configured_everyone_reads(stores):
    at = page()
    assert "未配置编辑账号：所有人只读" in texts(at)


def test_demo_data_only_on_request_and_bannered(stores):
    user, demo_store = stores
    at = page({"alice": auth.hash_password(PASSWORD, 1000)})
    assert not demo_store.exists()
    sign_in(at, "alice", PASSWORD)
    next(b for b in at.button if b.label == "生成演示数据（写入演示库）").click()
    at.run()
    assert not at.exception
    assert not demo_store.is_empty() and not user.exists()
    assert at.radio(key="hotline_source").value == "演示数据"
    assert "当前显示的是演示数据，非真实数据" in texts(at)
    at.radio(key="hotline_source").set_value("正式数据").run()
    assert "当前显示的是演示数据" not in texts(at)


def test_records_in_the_store_show_up_as_figures_and_summons(stores):
    user, _demo = stores
    editor = auth.Actor("alice", auth.EDITOR)
    towns = ["甲街道", "乙街道", "丙街道", "丁街道", "戊街道", "己街道"]
    rows = []
    for month, values in (("2025-08", [80, 81, 82, 90, 91, 92]), ("2025-09", [79, 95, 83, 84, 91, 92])):
        for unit, value in zip(towns, values):
            rows.append({"unit": unit, "peer_group": "镇街", "month": month, "cut": "月末", "satisfaction_pct": value,
                         "resolution_pct": 90.0, "participation_pct": 61.0, "backlog_start": 10, "new_count": 5,
                         "resolved": 3})
    user.write(editor, "units", pd.DataFrame(rows), "units.csv", "s1")
    user.write(editor, "district", pd.DataFrame([
        {"month": "2025-09", "indicator": "满意率", "cut": "月末", "value_pct": 91.0, "rank": 10, "ranked_units": 12},
        {"month": "2025-09", "indicator": "解决率", "cut": "月末", "value_pct": 85.0, "rank": 12, "ranked_units": 12}]),
        "rank.csv", "s2")
    at = page()
    body = texts(at)
    assert "满意率：**未达成** — 2025年9月倒数第3位，仍在后3位" in body
    assert "解决率：**未达成** — 2025年9月倒数第1位，仍在后3位" in body
    open_tab(at, "约谈名单")
    listing = [df.value for df in at.dataframe if "连续月数" in df.value.columns][0]
    assert set(listing["单位"]) == {"甲街道", "丙街道"}
    assert set(listing["指标"]) == {"满意率"}
    open_tab(at, "写入记录")
    audit = [df.value for df in at.dataframe if "操作人" in df.value.columns][0]
    assert list(audit["文件名"]) == ["rank.csv", "units.csv"]


def test_missing_targets_give_a_clear_notice(stores, tmp_path, monkeypatch):
    empty_db = tmp_path / "curated.duckdb"
    with duckdb.connect(str(empty_db)) as con:
        con.execute(f"ATTACH '{curated.database_path()}' AS src (READ_ONLY)")
        for (name,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'src'").fetchall():
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM src.{name}")
        con.execute("DELETE FROM targets WHERE topic LIKE 'hotline.%'")
    monkeypatch.setenv("GAZETTE_DB", str(empty_db))
    curated.connection.clear()
    curated.targets.clear()
    try:
        at = AppTest.from_file(str(ROOT / "pages" / "hotline.py"), default_timeout=90)
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        warning = " ".join(w.value for w in at.warning)
        assert "数据库中缺少以下目标" in warning
        for topic in plan.REQUIRED:
            assert plan.TOPIC_NAMES[topic] in warning
        assert sum("目标表中缺少该行，无法判断" in c.value for c in at.caption) == 2  # both rank deadlines
        at.session_state["hotline_tab"] = "约谈名单"
        at.run()
        assert "目标表中缺少约谈机制" in " ".join(w.value for w in at.warning)
    finally:
        monkeypatch.delenv("GAZETTE_DB")
        curated.connection.clear()
        curated.targets.clear()
