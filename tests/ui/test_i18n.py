"""Language switch: Chinese by default, English with ?lang=en (or the sidebar switch);
navigation, titles, axis labels and captions change; data values stay as printed.

The English catalogue (locale/en/LC_MESSAGES/messages.po) is checked against the messages that
pybabel extracts from the whole code base (the keywords of scripts/update_catalogue.sh): every
message has its English, every catalogue entry is used, and plurals render."""
from __future__ import annotations

import functools
import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po
from streamlit.testing.v1 import AppTest

from store import catalog
from tests.conftest import open_app
from tests.snapshots import doc_id
from textkit.msg import Msg, NMsg
from ui import i18n
from ui.i18n import _, ngettext, pgettext

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "messages.po"
SOURCES = ["dashboard.py", "pages", "ui", "views", "hotline", "loaders", "store", "textkit"]
# The same keywords as scripts/update_catalogue.sh (KEYWORDS).
KEYWORDS = {"_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "N_": None, "NC_": ((1, "c"), 2),
            "Msg": None, "NMsg": (1, 2)}
CORE_TITLES = {"pages/overview.py": "Gazette Dashboard · Overview", "pages/funds.py": "Integrated agricultural funds",
               "pages/roads.py": "Paving village roads",
               "pages/insurance.py": "{year} residents' health insurance enrolment"}  # the year of the quota table
# The hotline page's English title is tested in tests/app/test_hotline_page.py (it needs private stores).
TRACKING_TITLES = {"pages/campaigns.py": "Campaigns and commitments", "pages/towns.py": "Town profiles",
                   "pages/documents.py": "Document library", "pages/data.py": "Data"}


@functools.cache
def extracted() -> dict[tuple[str | None, str], dict]:
    """(context, msgid) → {"plural": msgid_plural or None, "where": [file:line]} of every message in the code."""
    found: dict[tuple[str | None, str], dict] = {}

    def add(path: str, lineno: int, message, context) -> None:
        msgid, plural = (message[0], message[1]) if isinstance(message, tuple) else (message, None)
        if msgid:
            entry = found.setdefault((context, msgid), {"plural": plural, "where": []})
            entry["where"].append(f"{path}:{lineno}")
            entry["plural"] = entry["plural"] or plural

    for name in SOURCES:
        path = ROOT / name
        if path.is_file():
            for lineno, message, _comments, context in extract_from_file("python", path, keywords=KEYWORDS):
                add(name, lineno, message, context)
        elif path.is_dir():
            for file, lineno, message, _comments, context in extract_from_dir(
                    path, method_map=[("**.py", "python")], keywords=KEYWORDS):
                add(f"{name}/{file}", lineno, message, context)
    return found


@functools.cache
def catalogue():
    with PO.open("rb") as f:
        return read_po(f, locale="en")


def entries():
    return [m for m in catalogue() if m.id]


def msgid_of(message) -> str:
    return message.id[0] if isinstance(message.id, (tuple, list)) else message.id


def test_t_returns_chinese_by_default_and_english_when_asked():
    assert _("通户道路") == "通户道路"
    assert _("通户道路", "en") == "Village roads"
    assert _("{town}征缴任务", "zh", town="曲堤街道") == "曲堤街道征缴任务"
    assert _("{town}征缴任务", "en", town="曲堤街道") == "曲堤街道 enrolment quota"
    assert _("单位", "en") == "Unit" and _("单位", "en", context="机构") == "Office"
    assert pgettext("机构", "单位", "en") == "Office" and pgettext("机构", "单位", "zh") == "单位"
    assert _("没有译文的句子", "en") == "没有译文的句子", "a missing translation falls back to the Chinese"


def test_the_code_is_scanned_everywhere():
    where = {w.split(":")[0] for entry in extracted().values() for w in entry["where"]}
    for expected in ("dashboard.py", "ui/downloads.py", "hotline/reader.py", "store/sql_console.py",
                     "pages/hotline.py", "ui/charts.py"):
        assert expected in where, expected
    assert len(extracted()) > 1000


def test_every_message_in_the_code_has_english():
    missing = [f"{ctx + ' | ' if ctx else ''}{msgid}  ({entry['where'][0]})" for (ctx, msgid), entry in extracted().items()
               if not i18n.has_translation(msgid, ctx or "")]
    assert not missing, ("no English in locale/en/LC_MESSAGES/messages.po (run scripts/update_catalogue.sh, "
                         "then translate):\n") + "\n".join(missing)


def test_every_catalogue_entry_is_used_in_the_code():
    """An entry no code uses is dead; a label defined in data is marked with N_() (or NC_()) where it is defined."""
    unused = [f"{m.context + ' | ' if m.context else ''}{msgid_of(m)}" for m in entries()
              if (m.context, msgid_of(m)) not in extracted()]
    assert not unused, "entries no code uses (remove them, or mark the data-defined msgid with N_):\n" + "\n".join(unused)


def test_plural_messages_are_plural_entries_with_both_english_forms():
    for (ctx, msgid), entry in extracted().items():
        found = catalogue().get(msgid, context=ctx)
        if found is None:
            continue  # reported by test_every_message_in_the_code_has_english
        assert bool(entry["plural"]) == found.pluralizable, f"{msgid}: ngettext/NMsg in code ⇔ msgid_plural in the .po"
        if found.pluralizable:
            assert len(found.string) == 2 and all(found.string), msgid
    assert sum(m.pluralizable for m in entries()) >= 20


def test_english_plurals_render():
    units = "{n} 个单位"
    assert ngettext(units, units, 1, "en") == "1 unit"
    assert ngettext(units, units, 2, "en") == "2 units"
    assert ngettext(units, units, 0, "en") == "0 units"
    assert ngettext(units, units, 1) == ngettext(units, units, 1, "zh") == "1 个单位"
    assert ngettext(units, units, 2, "zh") == "2 个单位"
    villages = "表格（{n} 个村，可下载）"
    assert ngettext(villages, villages, 1, "en") == "Table (1 village, downloadable)"
    assert ngettext(villages, villages, 12, "en") == "Table (12 villages, downloadable)"
    assert ngettext(units, units, 1234, "en", n="1,234") == "1,234 units", "a count may be shown formatted"


def test_messages_built_outside_the_ui_are_translated():
    message = Msg("文件为空")
    assert message == "文件为空" and i18n.t_msg(message, "en") == _("文件为空", "en") != "文件为空"
    sheets = "本文件有 {n} 个工作表，只导入了「{sheet}」；其余 {skipped} 个未导入：{names}"
    one = NMsg(sheets, sheets, 1, sheet="表1", skipped=0, names="")
    assert str(one) == "本文件有 1 个工作表，只导入了「表1」；其余 0 个未导入："
    assert i18n.t_msg(one, "en").startswith("This file has 1 worksheet;")
    assert i18n.t_msg(NMsg(sheets, sheets, 3, sheet="表1", skipped=2, names="a"), "en").startswith("This file has 3 worksheets;")
    import pickle

    assert i18n.t_msg(pickle.loads(pickle.dumps(one)), "en") == i18n.t_msg(one, "en"), "a pickled message stays one"
    assert i18n.t_msg("不是消息的文字", "en") == "不是消息的文字"


def test_build_and_conversion_errors_are_translated():
    from loaders.convert import ConvertError, check_size
    from loaders.errors import BuildError

    with pytest.raises(ConvertError) as empty:
        check_size("公报.txt", 0)
    assert str(empty.value).startswith("公报.txt 是空文件"), "str() stays Chinese (logs, the command line)"
    assert i18n.t_msg(empty.value, "en").startswith("公报.txt is empty (0 bytes)")
    error = BuildError(Msg("表 {table} 的必填列 {column} 为空", table="roads", column="town_name"), doc_id="d-1", line=7)
    assert str(error) == "表 roads 的必填列 town_name 为空（文件 d-1 第 7 行）"
    assert i18n.t_msg(error, "en") == "Required column town_name of table roads is empty (document d-1, line 7)"


def test_english_placeholders_match_the_chinese():
    fields = lambda text: {f for _, f, _, _ in string.Formatter().parse(text) if f}  # noqa: E731
    for m in entries():
        if m.pluralizable:
            one, other = m.string
            assert fields(other) == fields(m.id[1]), m.id
            assert fields(one) <= fields(m.id[0]), m.id  # "This unit …" may leave out {n}
        else:
            assert fields(m.string) == fields(m.id), m.id


def test_no_msgid_is_given_two_english_texts():
    """A repeated msgid in the .po silently keeps only one English text."""
    keys = []
    for block in PO.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        key = "\n".join(line for line in lines if line.startswith(("msgctxt", "msgid ", '"')) and
                        not any(prev.startswith("msgstr") for prev in lines[:lines.index(line)]))
        keys.append(key)
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})


def test_messages_outside_the_ui_need_neither_ui_nor_streamlit():
    """Loaders, the hotline import and textkit build their messages with textkit.msg; store/ does not import ui/."""
    ui_import = re.compile(r"^\s*(from ui\b|import ui\b)", re.MULTILINE)
    streamlit_import = re.compile(r"^\s*(import streamlit|from streamlit)", re.MULTILINE)
    for folder in ("loaders", "hotline", "textkit", "store"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert not ui_import.search(text), path
            if folder != "store":  # store/ still caches with Streamlit (issue 14, point 4)
                assert not streamlit_import.search(text), path


def english_app(page: str | None = None) -> AppTest:
    return open_app(page, lang="en")


@pytest.mark.parametrize("page", list(CORE_TITLES))
def test_lang_en_in_the_url_switches_core_page_titles(page, tables):
    at = english_app(page)
    assert at.title[0].value == CORE_TITLES[page].format(year=tables["insurance_quota"].year.iloc[0])
    assert at.session_state["lang"] == "en", "the choice survives a page switch"


def test_default_language_is_chinese():
    at = open_app()
    assert at.title[0].value == "公报看板 · 总览"
    assert next(m.label for m in at.metric) == "统筹整合涉农资金"


def test_english_metrics_axis_labels_and_captions_keep_data_values(tables):
    at = english_app()
    labels = [m.label for m in at.metric]
    assert labels[:3] == ["Integrated agri funds", "Key projects", "Villages to pave"]
    villages = next(m.value for m in at.metric if m.label == "Villages to pave")
    # Figures as printed; a Chinese measure word (个) is left out in English: the label names what is counted.
    assert villages == f"{tables['road_towns'].listed_count.sum():,}", "no Chinese unit in English"
    captions = " ".join(c.value for c in at.caption)
    assert "Source: 《关于印发2020年度济南市济阳区涉农资金统筹整合实施方案的通知》" in captions
    assert "source line" in captions
    assert "Sources: 《" in captions, "footer"


def test_english_chart_titles_and_axis_labels():
    import json

    at = english_app("pages/roads.py")
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    titles = [c["layout"]["title"]["text"] for c in charts]
    assert "Villages with roads to pave, by town (click a bar for the list)" in titles
    bars = charts[titles.index("Villages with roads to pave, by town (click a bar for the list)")]
    assert bars["layout"]["xaxis"]["title"]["text"] == "Villages"
    assert "曲堤街道" in bars["data"][0]["y"], "town names stay as printed"


def test_english_table_headers(tables):
    at = english_app("pages/insurance.py")
    contacts = next(df.value for df in at.dataframe if "Phone" in df.value.columns)
    assert list(contacts.columns) == ["Office", "Category", "Phone", "Town"]


def test_navigation_titles_are_translated():
    for zh, en in {"总览": "Overview", "涉农资金": "Agricultural funds", "通户道路": "Village roads",
                   "医保征缴": "Health insurance", "12345热线": "12345 hotline", "专项整治与承诺": "Campaigns and commitments",
                   "镇街画像": "Town profiles", "文件库": "Document library", "数据": "Data"}.items():
        assert _(zh, "en") == en


@pytest.mark.parametrize("page", list(TRACKING_TITLES))
def test_lang_en_switches_tracking_and_source_page_titles(database, page):
    at = english_app(page)
    assert at.title[0].value == TRACKING_TITLES[page]
    assert at.session_state["lang"] == "en"


def test_english_tabs_headers_and_metrics_on_the_campaigns_page(database, tables):
    at = english_app("pages/campaigns.py")
    assert [tab.label for tab in at.tabs] == ["Plans", "Tasks and units", "Commitments and targets",
                                             "People and groups"]
    plan_count = len(tables["campaign_plans"])
    assert [m.value for m in at.metric if m.label == "Campaign plans"] == [f"{plan_count}"], "no Chinese measure word"
    plans = next(df.value for df in at.dataframe if "Lead unit" in df.value.columns)
    assert len(plans) == plan_count and "12345热线" in set(plans["Sector"]), "plan fields stay as printed"


def test_a_tab_stays_open_when_the_language_changes(database):
    at = english_app("pages/campaigns.py")
    at.session_state["tab"] = "Commitments and targets"
    at.run()
    assert "Commitments" in [m.label for m in at.metric]
    at.session_state["lang"] = "zh"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.session_state["tab"] == "承诺与目标"
    assert "承诺" in [m.label for m in at.metric]


def test_a_chinese_tab_link_opens_that_tab_in_english(database):
    at = open_app("pages/data.py", lang="en", page_query={"tab": "SQL 控制台"})  # a link copied from the Chinese view
    assert at.session_state["tab"] == "SQL console"
    assert "Run query" in [b.label for b in at.button]


def test_english_town_profile_keeps_figures_and_links_in_english(database, tables):
    at = open_app("pages/towns.py", lang="en", query={"town": "曲堤街道"})
    quota = tables["insurance_quota"].set_index("town_name").quota_persons["曲堤街道"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[f"{tables['insurance_quota'].year.iloc[0]} enrolment quota"] == f"{quota:,} people"
    villages = next(df.value for df in at.dataframe if "Village" in df.value.columns)
    assert villages["Village"].tolist() == tables["road_villages"].query("town_name == '曲堤街道'").village_name.tolist()
    links = next(m.value for m in at.markdown if "/roads?town=" in m.value)
    assert "/roads?town=曲堤街道&lang=en" in links, "a link from the English view opens the English view"


def test_english_documents_and_data_pages(database):
    at = english_app("pages/data.py")
    assert [tab.label for tab in at.tabs] == ["Dictionary and downloads", "Data checks", "SQL console"]
    # Table descriptions come from the schema through the catalogue (N_ where they are written);
    # a printed word quoted in them (“即日起”) stays.
    described = [e.label.split(" — ", 1)[1] for e in at.expander if " — " in e.label]
    assert described, "one expander per table"
    assert not [d for d in described if re.search(r"[\u4e00-\u9fff]", re.sub(r"“[^”]*”", "", d))], described
    for table in catalog.table_names():   # the column lists are drawn in opened expanders (lazy)
        at.session_state[f"dictionary-{table}"] = True
    at.run()
    notes = {text for frame in at.dataframe for column in frame.value.columns if column == "Note"
             for text in frame.value[column]}
    assert "Bulletin ID (registered in the manifest), e.g. jiyang-2020-04" in notes, "column descriptions in English"
    at = open_app("pages/documents.py", lang="en", page_query={"doc": doc_id("涉农资金"), "line": "229"})
    assert at.title[0].value == "关于印发2020年度济南市济阳区涉农资金统筹整合实施方案的通知", "titles stay as printed"
    assert "source line 229" in at.code[0].value
    assert any(m.value.startswith("| Document number | Issuer |") for m in at.markdown)


def test_every_literal_message_has_english_even_inside_f_strings():
    """pybabel does not look inside f-strings on Python 3.11; the AST does. A `_("…")` there whose msgid no
    extracted call shares is dropped by update_catalogue.sh and would show Chinese in English mode."""
    import ast

    missing = []
    for source in SOURCES:
        paths = [ROOT / source] if source.endswith(".py") else sorted((ROOT / source).glob("**/*.py"))
        for path in paths:
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_" and node.args
                        and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
                        and not i18n.has_translation(node.args[0].value)):
                    missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.args[0].value}")
    assert missing == []
