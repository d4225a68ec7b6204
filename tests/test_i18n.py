"""Language switch: Chinese by default, English with ?lang=en (or the sidebar switch);
navigation, titles, axis labels and captions change; data values stay as printed."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui import i18n
from ui.i18n import t

ROOT = Path(__file__).resolve().parents[1]
TRANSLATED_FILES = ["dashboard.py", "pages/overview.py", "pages/funds.py", "pages/roads.py", "pages/insurance.py",
                    "ui/briefing.py", "ui/meeting.py", "ui/export.py", "ui/layout.py", "ui/provenance.py",
                    "ui/charts.py"]
CORE_TITLES = {"pages/overview.py": "Gazette Dashboard · Overview", "pages/funds.py": "Integrated agricultural funds",
               "pages/roads.py": "Paving village roads",
               "pages/insurance.py": "2021 residents' health insurance enrolment"}


def msgids(path: Path) -> list[tuple[str, str]]:
    """(msgid, context) of every t("literal") call in a file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t" and node.args \
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            context = next((k.value.value for k in node.keywords if k.arg == "context"), "")
            found.append((node.args[0].value, context))
    return found


def test_t_returns_chinese_by_default_and_english_when_asked():
    assert t("通户道路") == "通户道路"
    assert t("通户道路", "en") == "Village roads"
    assert t("{town}征缴任务", "zh", town="曲堤街道") == "曲堤街道征缴任务"
    assert t("{town}征缴任务", "en", town="曲堤街道") == "曲堤街道 enrolment quota"
    assert t("单位", "en") == "Unit" and t("单位", "en", context="机构") == "Office"
    assert t("没有译文的句子", "en") == "没有译文的句子", "a missing translation falls back to the Chinese"


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
def test_lang_en_in_the_url_switches_core_page_titles(page):
    at = english_app(page)
    assert at.title[0].value == CORE_TITLES[page]
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
        assert t(zh, "en") == en
