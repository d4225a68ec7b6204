"""Language switch: Chinese by default, English with ?lang=en (or the sidebar switch);
navigation, titles, axis labels and captions change; data values stay as printed."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui import i18n
from ui.i18n import _

ROOT = Path(__file__).resolve().parents[1]
TRANSLATED_FILES = ["dashboard.py", "pages/overview.py", "pages/funds.py", "pages/roads.py", "pages/insurance.py",
                    "pages/hotline.py", "pages/campaigns.py", "pages/towns.py", "pages/documents.py", "pages/data.py", "pages/add.py",
                    "pages/changes.py", "ui/compare.py", "ui/compare_charts.py",
                    "ui/editors.py", "ui/library.py", "ui/filters.py",
                    "ui/briefing.py", "ui/meeting.py", "ui/export.py", "ui/layout.py", "ui/provenance.py", "ui/paging.py",
                    "ui/charts.py", "ui/hotline_charts.py", "ui/campaign_charts.py",
                    *sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "views").rglob("*.py"))]
CORE_TITLES = {"pages/overview.py": "Gazette Dashboard · Overview", "pages/funds.py": "Integrated agricultural funds",
               "pages/roads.py": "Paving village roads",
               "pages/insurance.py": "{year} residents' health insurance enrolment"}  # the year of the quota table
# The hotline page's English title is tested in tests/test_hotline_page.py (it needs private stores).
TRACKING_TITLES = {"pages/campaigns.py": "Campaigns and commitments", "pages/towns.py": "Town profiles",
                   "pages/documents.py": "Document library", "pages/data.py": "Data"}


def msgids(path: Path) -> list[tuple[str, str]]:
    """(msgid, context) of every _("literal") call in a file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_" and node.args \
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            context = next((k.value.value for k in node.keywords if k.arg == "context"), "")
            found.append((node.args[0].value, context))
    return found


def test_t_returns_chinese_by_default_and_english_when_asked():
    assert _("通户道路") == "通户道路"
    assert _("通户道路", "en") == "Village roads"
    assert _("{town}征缴任务", "zh", town="曲堤街道") == "曲堤街道征缴任务"
    assert _("{town}征缴任务", "en", town="曲堤街道") == "曲堤街道 enrolment quota"
    assert _("单位", "en") == "Unit" and _("单位", "en", context="机构") == "Office"
    assert _("没有译文的句子", "en") == "没有译文的句子", "a missing translation falls back to the Chinese"


@pytest.mark.parametrize("name", TRANSLATED_FILES)
def test_every_label_used_in_translated_files_has_english(name):
    missing = [m for m, ctx in msgids(ROOT / name) if not i18n.has_translation(m, ctx) and not
               (ctx and i18n.has_translation(m))]
    assert not missing, f"{name}: no English for {missing}"


def test_english_placeholders_match_the_chinese():
    import string

    fields = lambda text: {f for _, f, _, _ in string.Formatter().parse(text) if f}  # noqa: E731
    for msgid, english in i18n.EN.items():
        assert fields(msgid.split("|")[-1]) == fields(english), msgid


def english_app(page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.mark.parametrize("page", list(CORE_TITLES))
def test_lang_en_in_the_url_switches_core_page_titles(page, tables):
    at = english_app(page)
    assert at.title[0].value == CORE_TITLES[page].format(year=tables["insurance_quota"].year.iloc[0])
    assert at.session_state["lang"] == "en", "the choice survives a page switch"


def test_default_language_is_chinese():
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert at.title[0].value == "公报看板 · 总览"
    assert [m.label for m in at.metric][0] == "统筹整合涉农资金"


def test_english_metrics_axis_labels_and_captions_keep_data_values(tables):
    at = english_app()
    labels = [m.label for m in at.metric]
    assert labels[:3] == ["Integrated agri funds", "Key projects", "Villages to pave"]
    villages = [m.value for m in at.metric if m.label == "Villages to pave"][0]
    assert villages == f"{tables['road_towns'].listed_count.sum():,} 个", "figures and units stay as printed"
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
    contacts = [df.value for df in at.dataframe if "Phone" in df.value.columns][0]
    assert list(contacts.columns) == ["Office", "Category", "Phone", "Town"]


def test_navigation_titles_are_translated():
    for zh, en in {"总览": "Overview", "涉农资金": "Agricultural funds", "通户道路": "Village roads",
                   "医保征缴": "Health insurance", "12345热线": "12345 hotline", "专项整治与承诺": "Campaigns and commitments",
                   "镇街画像": "Town profiles", "文件库": "Document library", "数据": "Data"}.items():
        assert _(zh, "en") == en


def test_no_msgid_is_given_two_english_texts():
    """A repeated key in EN silently keeps only its last English text."""
    source = (ROOT / "ui" / "i18n.py").read_text(encoding="utf-8")
    table = next(node.value for node in ast.walk(ast.parse(source)) if isinstance(node, ast.AnnAssign)
                 and getattr(node.target, "id", "") == "EN")
    keys = [k.value for k in table.keys]
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})


@pytest.mark.parametrize("page", list(TRACKING_TITLES))
def test_lang_en_switches_tracking_and_source_page_titles(database, page):
    at = english_app(page)
    assert at.title[0].value == TRACKING_TITLES[page]
    assert at.session_state["lang"] == "en"


def test_english_tabs_headers_and_metrics_on_the_campaigns_page(database, tables):
    at = english_app("pages/campaigns.py")
    assert [tab.label for tab in at.tabs] == ["Plans", "Tasks and units", "Commitments and targets",
                                             "People and groups"]
    assert [m.value for m in at.metric if m.label == "Campaign plans"] == ["16 个"], "figures stay as printed"
    plans = [df.value for df in at.dataframe if "Lead unit" in df.value.columns][0]
    assert len(plans) == 16 and "12345热线" in set(plans["Sector"]), "plan fields stay as printed"


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
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/data.py")
    at.query_params["tab"] = "SQL 控制台"  # a link copied from the Chinese view
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.session_state["tab"] == "SQL console"
    assert "Run query" in [b.label for b in at.button]


def test_english_town_profile_keeps_figures_and_links_in_english(database, tables):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.query_params["town"] = "曲堤街道"
    at.run()
    at.switch_page("pages/towns.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    quota = tables["insurance_quota"].set_index("town_name").quota_persons["曲堤街道"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[f"{tables['insurance_quota'].year.iloc[0]} enrolment quota"] == f"{quota:,} 人"
    villages = [df.value for df in at.dataframe if "Village" in df.value.columns][0]
    assert villages["Village"].tolist() == tables["road_villages"].query("town_name == '曲堤街道'").village_name.tolist()
    links = [m.value for m in at.markdown if "/roads?town=" in m.value][0]
    assert "/roads?town=曲堤街道&lang=en" in links, "a link from the English view opens the English view"


def test_english_documents_and_data_pages(database):
    at = english_app("pages/data.py")
    assert [tab.label for tab in at.tabs] == ["Dictionary and downloads", "Data checks", "SQL console"]
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/documents.py")
    at.query_params["doc"] = "jiyang-2020-04-02"
    at.query_params["line"] = "229"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == "关于印发2020年度济南市济阳区涉农资金统筹整合实施方案的通知", "titles stay as printed"
    assert "source line 229" in at.code[0].value
    assert any(m.value.startswith("| 文号 (document no.) | Issuer |") for m in at.markdown)
