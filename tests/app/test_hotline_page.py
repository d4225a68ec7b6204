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
from store import db
from store.hotline import HotlineStore
from tests.conftest import open_app
from ui.data import curated

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery"


@pytest.fixture
def stores(tmp_path, monkeypatch):
    monkeypatch.setenv("GAZETTE_USER_DB", str(tmp_path / "user.duckdb"))
    monkeypatch.setenv("GAZETTE_DEMO_DB", str(tmp_path / "demo.duckdb"))
    return HotlineStore(tmp_path / "user.duckdb"), HotlineStore(tmp_path / "demo.duckdb", demo_store=True)


def page(editors: dict | None = None) -> AppTest:
    return open_app("pages/hotline.py", secrets={"editors": editors} if editors is not None else None)


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
    shown = next(df.value for df in at.dataframe if "目标" in df.value.columns and "引用" in df.value.columns)
    rows = tables["targets"]
    hotline_rows = rows[rows["topic"].fillna("").str.startswith("hotline.")]
    assert len(shown) == len(hotline_rows) == len(hotline_rows.target_id.unique()), "the page shows every target of the 12345 plan"
    assert set(shown["目标"]) == set(hotline_rows["subject"])
    for deadline in hotline_rows.deadline.dropna().unique():  # ISO in the data, 年月日 on the page
        year, month, day = (int(part) for part in deadline.split("-"))
        assert f"{year}年{month}月{day}日" in set(shown["期限"])
    assert all("济南市章丘区市民服务热线专项整治工作方案" in c for c in shown["引用"])
    assert not stores[0].exists(), "a visit must not create the store"


def plan_year(tables) -> str:
    """The year the 12345 plan was issued, as the data has it (its own date, else its bulletin's)."""
    rows = tables["targets"]
    doc_id = rows[rows["topic"].fillna("").str.startswith("hotline.")]["doc_id"].iloc[0]
    doc = tables["documents"].set_index("doc_id").loc[doc_id]
    if pd.notna(doc["signed_on"]):
        return str(doc["signed_on"])[:4]
    return str(tables["bulletins"].set_index("bulletin_id").loc[doc["bulletin"], "published"])[:4]


def test_a_visitor_with_no_records_is_told_so_plainly_and_sees_nothing_for_administrators(stores, tables):
    at = page()
    body = texts(at)
    assert "尚未录入任何月度数据" in body and f"方案自{plan_year(tables)}" in body, "plainly, and since when"
    assert "是否按期达标" not in [h.value for h in at.subheader], "no status boxes that would all say 尚无数据"
    assert "还没有月度记录" not in body and "开始使用" not in body, "no editor how-to at the top"
    assert len(at.tabs) == 0, "every tab would only say 尚无…"
    assert not [r for r in at.radio if r.key == "hotline_source"], "no radio with one option"
    sidebar = " ".join(str(e.value) for e in at.sidebar.caption)
    assert "本站未开放编辑登录：所有人只读。" in sidebar
    assert "hotline.passwd" not in body + sidebar and "secrets.toml" not in body + sidebar
    assert "演示数据需由编辑生成" not in body


def write_units(user: HotlineStore, months=(("2025-08", [80, 81, 82, 90, 91, 92]),
                                            ("2025-09", [79, 95, 83, 84, 91, 92]))) -> None:
    editor = auth.Actor("alice", auth.EDITOR)
    towns = ["甲街道", "乙街道", "丙街道", "丁街道", "戊街道", "己街道"]
    rows = [{"unit": unit, "peer_group": "镇街", "month": month, "cut": "月末", "satisfaction_pct": value,
             "resolution_pct": 90.0, "participation_pct": 61.0, "backlog_start": 10, "new_count": 5, "resolved": 3}
            for month, values in months for unit, value in zip(towns, values)]
    user.write(editor, "units", pd.DataFrame(rows), "units.csv", "s1")


def test_a_visitor_sees_only_the_tabs_with_something_to_show_and_an_editor_sees_all(stores):
    user, _demo = stores
    write_units(user)
    at = page({"alice": auth.hash_password(PASSWORD, 1000)})
    assert [t.label for t in at.tabs] == ["单位排名", "约谈名单", "化解率", "参评率", "写入记录"]
    body = texts(at)
    assert "月度数据截至2025年9月" in body and "是否按期达标" in [h.value for h in at.subheader]
    assert "尚未录入任何月度数据" not in body
    sign_in(at, "alice", PASSWORD)
    assert [t.label for t in at.tabs] == ["全市排名", "单位排名", "约谈名单", "化解率", "参评率", "专项清零",
                                          "考评得分", "导入与录入", "写入记录"]


def test_a_visitor_following_a_link_to_the_import_tab_is_told_it_needs_a_sign_in(stores):
    user, _demo = stores
    write_units(user)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.secrets["editors"] = {"alice": auth.hash_password(PASSWORD, 1000)}
    at.run()
    at.switch_page("pages/hotline.py")
    at.query_params["hotline_tab"] = "导入与录入"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert "导入和录入需要编辑登录" in texts(at)
    assert "导入与录入" not in [t.label for t in at.tabs]
    assert not at.get("file_uploader")


def test_the_town_filter_is_said_not_to_apply(stores):
    from ui.data import curated as cached

    town = cached.towns()["town_name"].iloc[0]
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.query_params["town"] = town  # a shared link with ?town=
    at.run()
    at.switch_page("pages/hotline.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    first = at.info[0].value
    assert "全区口径" in first and town in first and "不适用于本页" in first
    at.session_state["town"] = "全区"
    at.run()
    assert not any("不适用于本页" in i.value for i in at.info)


def test_without_editors_configured_everyone_reads(stores):
    at = page()
    assert "本站未开放编辑登录：所有人只读。" in texts(at)
    assert not [t for t in at.text_input if t.key == "hotline_user"]


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
    write_units(user)
    user.write(editor, "district", pd.DataFrame([
        {"month": "2025-09", "indicator": "满意率", "cut": "月末", "value_pct": 91.0, "rank": 10, "ranked_units": 12},
        {"month": "2025-09", "indicator": "解决率", "cut": "月末", "value_pct": 85.0, "rank": 12, "ranked_units": 12}]),
        "rank.csv", "s2")
    at = page()
    body = texts(at)
    assert "满意率：**未达成** — 2025年9月倒数第3位，仍在后3位" in body
    assert "解决率：**未达成** — 2025年9月倒数第1位，仍在后3位" in body
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["约谈名单（最新月份）"] == "2 个单位"
    assert metrics["全区当月化解率"] == "20.0%"  # 6 towns × 3 of (10 + 5)
    open_tab(at, "约谈名单")
    listing = next(df.value for df in at.dataframe if "连续月数" in df.value.columns)
    assert set(listing["单位"]) == {"甲街道", "丙街道"}
    assert set(listing["指标"]) == {"满意率"}
    open_tab(at, "写入记录")
    audit = next(df.value for df in at.dataframe if "操作人" in df.value.columns)
    assert list(audit["文件名"]) == ["rank.csv", "units.csv"]


def test_missing_targets_give_a_clear_notice(stores, tmp_path, monkeypatch):
    empty_db = tmp_path / "curated.duckdb"
    with duckdb.connect(str(empty_db)) as con:
        con.execute(f"ATTACH '{curated.database_path()}' AS src (READ_ONLY)")
        for (name,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'src'").fetchall():
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM src.{name}")
        con.execute("DELETE FROM targets WHERE topic LIKE 'hotline.%'")
    monkeypatch.setenv("GAZETTE_DB", str(empty_db))
    db.reset()
    curated.targets.clear()
    try:
        at = AppTest.from_file(str(ROOT / "pages" / "hotline.py"), default_timeout=90)
        at.session_state["hotline_actor"] = auth.Actor("alice", auth.EDITOR)  # sees every box and tab
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
        db.reset()
        curated.targets.clear()


# ---- the write paths of the page: file import, confirm-before-replace, manual entry ------------

UNITS_GBK = ("2025年9月热线通报\n单位,月份,满意率,解决率,期初未化解,本月新增,本月化解\n"
             "明水街道,2025年9月,95.3%,０.９５３,40,12,10\n区住建局,2025-09,0.92,90.5,12,5,3\n").encode("gbk")


def editor_page(tab: str = "导入与录入") -> AppTest:
    at = page({"alice": auth.hash_password(PASSWORD, 1000)})
    sign_in(at, "alice", PASSWORD)
    return open_tab(at, tab)


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def test_editor_imports_a_file_and_confirms_a_replacement(stores):
    user, _demo = stores
    at = editor_page()
    at.file_uploader(key="hotline_upload_0").upload("九月.csv", UNITS_GBK, "text/csv").run()
    assert "将写入 2 行：" in texts(at)
    assert "「区住建局」→「区住房和城乡建设局」" in texts(at)
    button(at, "写入数据库").click().run()
    assert not at.exception, [e.message for e in at.exception]
    # 区住建局 in the file is stored under the alias table's one name, and the preview said so
    assert user.units().set_index("unit").satisfaction_pct.to_dict() == {"明水街道": 95.3, "区住房和城乡建设局": 92.0}
    assert "已保存（批次 1，alice" in texts(at) and "写入 2 行" in texts(at)
    assert user.audit().iloc[0].file_name == "九月.csv"

    at.file_uploader(key="hotline_upload_1").upload("九月更正.csv", UNITS_GBK.replace(b"95.3%", b"96.0%"),
                                                    "text/csv").run()
    button(at, "写入数据库").click().run()
    assert "确认后才会替换" in texts(at)
    assert user.units().set_index("unit").satisfaction_pct["明水街道"] == 95.3  # not yet
    button(at, "确认替换").click().run()
    assert user.units().set_index("unit").satisfaction_pct["明水街道"] == 96.0
    assert len(user.history()) == 2
    assert "替换 2 行（原记录已存入历史）" in texts(at)


def test_a_bad_file_is_previewed_with_row_messages_and_not_written(stores):
    user, _demo = stores
    at = editor_page()
    bad = "单位,月份,满意率\n明水街道,2025-09,105\n双山街道,2025-09,88\n".encode("utf-8-sig")
    at.file_uploader(key="hotline_upload_0").upload("bad.csv", bad, "text/csv").run()
    assert "1 行有问题，整份文件未写入" in texts(at)
    preview = next(df.value for df in at.dataframe if "问题" in df.value.columns)
    assert preview["问题"].tolist() == ["满意率「105」超过100%", ""]
    assert "写入数据库" not in {b.label for b in at.button}
    assert not user.exists()


def test_manual_entry_uses_the_same_validation_and_is_audited(stores):
    user, _demo = stores
    at = editor_page()
    at.selectbox(key="hotline_manual_kind").set_value("district").run()
    at.text_input(key="hotline_manual_month").input("2025-10").run()
    key = "hotline_editor_district_2025-10"
    at.session_state[key] = {"edited_rows": {0: {"满意率": "105", "满意率排名": "9", "参与排名单位数": "12"}},
                             "added_rows": [], "deleted_rows": []}
    at.run()
    button(at, "检查并保存本月数据").click().run()
    assert "1 行有问题，整份表格未写入" in texts(at)
    assert not user.exists()
    at.session_state[key] = {"edited_rows": {0: {"满意率": "92.1%", "满意率排名": "9", "解决率": "0.861",
                                                 "解决率排名": "10", "参与排名单位数": "12"}},
                             "added_rows": [], "deleted_rows": []}
    at.run()
    button(at, "检查并保存本月数据").click().run()
    assert not at.exception, [e.message for e in at.exception]
    got = user.district().set_index("indicator")[["value_pct", "rank", "ranked_units"]].to_dict("index")
    assert got == {"满意率": {"value_pct": 92.1, "rank": 9, "ranked_units": 12},
                   "解决率": {"value_pct": 86.1, "rank": 10, "ranked_units": 12}}
    entry = user.audit().iloc[0]
    assert (entry.action, entry.file_name, len(entry.sha256)) == ("手工录入", "手工录入", 64)


def test_a_signed_out_session_cannot_finish_a_pending_write(stores):
    """The confirm step re-checks the role: a session that signs out between asking and
    confirming gets no write (the store refuses without the editor role)."""
    user, _demo = stores
    at = editor_page()
    at.file_uploader(key="hotline_upload_0").upload("九月.csv", UNITS_GBK, "text/csv").run()
    button(at, "写入数据库").click().run()
    at.file_uploader(key="hotline_upload_1").upload("九月.csv", UNITS_GBK, "text/csv").run()
    button(at, "写入数据库").click().run()
    assert "确认后才会替换" in texts(at)
    button(at, "退出登录").click().run()
    assert "确认替换" not in {b.label for b in at.button}
    assert "导入和录入需要编辑登录" in texts(at)
    assert len(user.audit()) == 1


# ---- English labels, alt text and export (the page's charts go through ui.layout.chart) ---------

def english_page() -> AppTest:
    return open_app("pages/hotline.py", lang="en")


def test_english_view_has_english_titles_tabs_and_headers(stores, tables):
    at = english_page()
    assert at.title[0].value == "12345 citizen service hotline campaign"
    shown = next(df.value for df in at.dataframe if "Target" in df.value.columns)
    assert list(shown.columns)[:3] == ["Target", "Requirement", "Deadline"]
    rows = tables["targets"]
    assert set(shown["Target"]) == set(rows[rows["topic"].fillna("").str.startswith("hotline.")]["subject"]), \
        "the plan's targets stay as printed"
    assert f"No monthly figures have been entered yet: since the plan was issued ({plan_year(tables)}" in texts(at)
    assert "Editor sign-in is not open on this site" in " ".join(c.value for c in at.sidebar.caption)
    at.session_state["hotline_actor"] = auth.Actor("alice", auth.EDITOR)
    at.run()
    assert [tab.label for tab in at.tabs] == ["City ranking", "Unit ranking", "Summons list", "Resolution",
                                             "Participation", "Clear-ups", "Composite scores", "Import and entry",
                                             "Write log"]
    assert "No monthly records yet" in texts(at), "the editors' how-to, for editors"


def test_a_chinese_tab_link_opens_the_english_tab(stores):
    write_units(stores[0])
    at = open_app("pages/hotline.py", lang="en", page_query={"hotline_tab": "约谈名单"})
    assert at.session_state["hotline_tab"] == "Summons list"
    assert "Summons list (" in texts(at)


def test_every_chart_has_alt_text_and_export_buttons_in_english(stores):
    import json

    _user, demo_store = stores
    demo_store.fill_demo(auth.Actor("alice", auth.EDITOR))
    at = english_page()
    at.session_state["hotline_source"] = "演示数据"
    at.run()
    assert "⚠ Showing demo data, not real" in texts(at)
    seen = {}
    for tab in ("City ranking", "Unit ranking", "Resolution", "Participation", "Clear-ups"):
        open_tab(at, tab)
        for element in at.get("plotly_chart"):
            spec = json.loads(element.proto.spec)
            seen[spec["layout"]["title"]["text"]] = element.proto.alt
    assert len(seen) == 7, list(seen)
    for title, alt in seen.items():
        assert alt.startswith(title) and "demo data, not real" in alt, alt
    ranks = next(alt for title, alt in seen.items() if title.startswith("District's monthly city rank"))
    assert "District Satisfaction rank: Jan 2025" in ranks, "alt text names each series with its months and values"
    buttons = {b.proto.label for b in at.get("download_button")}
    assert {"PNG", "SVG"} <= buttons


def test_chart_label_colours_reach_aa_contrast():
    from hotline import demo, progress
    from tests.hotline.hotline_rows import plan_rows
    from ui import hotline_charts as hc
    from ui import palette

    targets = plan.PlanTargets(plan_rows())
    units, ranks, drives = demo.demo_units(), demo.demo_district(), demo.demo_drives()
    monthly, yearly = targets.get(plan.MONTHLY_RESOLUTION), targets.get(plan.YEARLY_RESOLUTION)
    res = progress.resolution_frame(units, monthly, yearly)
    figs = [
        hc.rank_chart(progress.rank_frame(ranks), targets.get(plan.EXIT_BOTTOM3), targets.get(plan.EXIT_BOTTOM5),
                      demo=True),
        hc.resolution_chart(res[res.month == "2025-12"], monthly, yearly, "2025-12", demo=True),
        hc.participation_chart(progress.participation_frame(units, targets.get(plan.PARTICIPATION), "2025-12"),
                               targets.get(plan.PARTICIPATION), "2025-12", demo=True),
        hc.drives_chart(drives, targets.clear_targets(), {}, demo=True),
    ]
    checked = 0
    for fig in figs:
        for note in fig.layout.annotations:
            colour = note.font.color
            if not colour or colour.startswith("rgba"):  # the faint watermark is decoration, not text to read
                continue
            background = note.bgcolor if note.bgcolor and not note.bgcolor.startswith("rgba") else "#FFFFFF"
            assert palette.contrast_ratio(colour, background) >= 4.5, (note.text, colour, background)
            checked += 1
        for trace in fig.data:
            if trace.type == "bar" and trace.insidetextfont.color is not None:
                fills = trace.marker.color if isinstance(trace.marker.color, (list, tuple)) else [trace.marker.color]
                inks = trace.insidetextfont.color
                inks = inks if isinstance(inks, (list, tuple)) else [inks] * len(fills)
                assert all(palette.contrast_ratio(ink, fill) >= 4.5 for ink, fill in zip(inks, fills))
    assert checked >= 8


def test_a_replacement_confirmed_after_another_editor_wrote_the_month_is_refused(stores):
    """No lost update: a confirm step that waited while someone else replaced the month does not
    silently overwrite that newer data."""
    user, _demo = stores
    first = editor_page()
    first.file_uploader(key="hotline_upload_0").upload("九月.csv", UNITS_GBK, "text/csv").run()
    button(first, "写入数据库").click().run()
    first.file_uploader(key="hotline_upload_1").upload("九月更正.csv", UNITS_GBK.replace(b"95.3%", b"96.0%"),
                                                       "text/csv").run()
    button(first, "写入数据库").click().run()
    assert "确认后才会替换" in texts(first)

    second = editor_page()
    second.file_uploader(key="hotline_upload_0").upload("九月再更正.csv", UNITS_GBK.replace(b"95.3%", b"97.0%"),
                                                        "text/csv").run()
    button(second, "写入数据库").click().run()
    button(second, "确认替换").click().run()
    assert user.units().set_index("unit").satisfaction_pct["明水街道"] == 97.0

    button(first, "确认替换").click().run()
    assert not first.exception, [e.message for e in first.exception]
    assert "未保存" in texts(first)
    assert user.units().set_index("unit").satisfaction_pct["明水街道"] == 97.0


def test_a_name_locked_by_wrong_passwords_elsewhere_is_told_it_is_locked(stores):
    editors = {"alice": auth.hash_password(PASSWORD, 1000)}
    at = page(editors)
    try:
        for _ in range(auth.MAX_FAILURES):  # wrong passwords typed in other sessions of this server
            auth.THROTTLE.failed("alice")
        sign_in(at, "alice", PASSWORD)
        assert "该用户名或本机登录失败次数过多，已暂时锁定" in texts(at)
        assert "用户名或密码不正确" not in texts(at)
        assert "已登录：alice" not in texts(at)
    finally:
        auth.THROTTLE.clear()
    sign_in(at, "alice", PASSWORD)
    assert "已登录：alice（编辑，可导入和修改）" in texts(at)


# ---- issue 13: real ranking files, composite scores, an upload read once ----------------------

REAL = ROOT / "tests" / "fixtures" / "real" / "rankings"


def test_a_real_150_point_ranking_is_asked_about_then_stored_and_shown_with_its_scale(stores, monkeypatch):
    """连云港's 2022年2月 county table: the page asks for what the table does not say (month, 满分) and
    about four units it does not know; once answered, 考评得分 shows 145.76 / 150, rank 1 of 县."""
    user, _demo = stores
    reads = []
    from hotline import reader

    counted = reader.read_table
    monkeypatch.setattr(reader, "read_table", lambda *a, **k: reads.append(a[1]) or counted(*a, **k))
    at = editor_page()
    data = (REAL / "lianyungang-2022-02-counties.csv").read_bytes()
    at.file_uploader(key="hotline_upload_0").upload("通报.csv", data, "text/csv").run()
    assert not at.exception, [e.message for e in at.exception]
    shown = texts(at)
    assert "缺少必需的列：月份" in shown and "请在“满分”中填写（如 150）" in shown
    assert "写入数据库" not in {b.label for b in at.button}
    sha = next(k for k in at.session_state if str(k).startswith("hotline_kind_"))[len("hotline_kind_"):]
    at.text_input(key=f"hotline_period_{sha}").input("2022年2月").run()
    at.text_input(key=f"hotline_scale_{sha}").input("150").run()
    at.text_input(key=f"hotline_group_{sha}").input("县").run()
    assert "以下 4 个单位不在已知的章丘区镇街、部门或济南市区县名单中" in texts(at)
    assert button(at, "写入数据库").disabled, "nothing is written before the units are confirmed"
    at.checkbox(key=f"hotline_confirm_units_{sha}_scores").check().run()
    button(at, "写入数据库").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert user.scores().set_index("unit").loc["灌云县", ["score", "scale", "rank"]].tolist() == [145.76, 150.0, 1]
    assert len(reads) == 1, f"the upload was read {len(reads)} times over {len(at.session_state)} reruns"
    open_tab(at, "考评得分")
    table = next(df.value for df in at.dataframe if "得分（满分）" in df.value.columns)
    assert table.set_index("单位").loc["灌云县", "得分（满分）"] == "145.76 / 150"
    assert table["组内排名"].tolist() == [1, 2, 3, 4]


def test_manual_entry_asks_before_a_unit_the_product_does_not_know(stores):
    user, _demo = stores
    at = editor_page()
    at.text_input(key="hotline_manual_month").input("2025-10").run()
    key = "hotline_editor_units_2025-10"
    at.session_state[key] = {"edited_rows": {0: {"单位": "明水街到", "满意率": "95"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    button(at, "检查并保存本月数据").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert "以下 1 个单位不在已知的章丘区镇街和部门名单中：明水街到" in texts(at)
    assert not user.exists(), "a misspelt unit is not written without a question"
    at.checkbox(key="hotline_manual_confirm_units_2025-10").check().run()
    button(at, "检查并保存本月数据").click().run()
    assert user.units()["unit"].tolist() == ["明水街到"]


def test_a_session_that_fails_too_often_is_told_to_wait(stores):
    """The sidebar box shows what hotline.auth.attempt decides: after MAX_FAILURES wrong passwords
    in this session, even the right one waits."""
    at = page({"alice": auth.hash_password(PASSWORD, 1000)})
    try:
        for _ in range(auth.MAX_FAILURES):
            sign_in(at, "alice", "wrong password")
            assert "用户名或密码不正确" in texts(at)
        sign_in(at, "alice", PASSWORD)
        assert "登录失败次数过多，请" in texts(at)
        assert "已登录：alice" not in texts(at)
    finally:
        auth.THROTTLE.clear()
