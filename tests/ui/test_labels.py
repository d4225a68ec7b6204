"""The label registry (loaders/labels.py) and the tables and downloads made from it (ui/tables.py,
ui/downloads.py): every column has a label, a unit and a format; tables show no "None" or "nan";
money reads 12,345.68; 总投资 downloads as a number that can be summed; Excel files carry number
formats, fitted widths and a 出处 sheet naming the documents."""
from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from loaders.build import ALL_TABLES
from loaders.labels import COMMON, KINDS, MONEY, TABLES, UNITS, label_of
from ui import charts, downloads
from ui.i18n import has_translation
from ui.tables import format_value, header, labelled, prepare, resolve, with_total_note

ROOT = Path(__file__).resolve().parents[2]
SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")   # a column name from the database, not a heading


def all_labels():
    return [*COMMON.values(), *(label for own in TABLES.values() for label in own.values())]


def test_every_column_of_every_table_has_a_label():
    missing = [f"{t.name}.{c.name}" for t in ALL_TABLES for c in t.columns if label_of(c.name, t.name) is None]
    assert missing == []


def test_labels_have_known_kinds_and_english():
    assert all(label.kind in KINDS for label in all_labels())
    untranslated = {label.text for label in all_labels()
                    if not (has_translation(label.text, label.context) or has_translation(label.text))}
    assert untranslated == set()
    assert [u for u in UNITS if not has_translation(u, "unit")] == []
    assert {label.unit for label in all_labels()} <= {"", *UNITS}


def test_data_dictionary_shows_label_and_unit():
    from loaders import datadict

    text = datadict.render()
    assert "| 列 | 标签 | 单位 | 类型 | 可空 | 说明 |" in text
    assert "| `amount_wan` | 金额 | 万元 |" in text


def test_headings_carry_the_unit_in_both_languages():
    money = label_of("amount_wan")
    assert header(money, "zh") == "金额（万元）"
    assert header(money, "en") == "Amount (10k yuan)"
    assert header(label_of("quota_persons"), "en").endswith("(persons)")
    assert "（" not in header(label_of("village_count"), "en")   # 个 has no English unit word


@pytest.mark.parametrize("kind, value, shown", [
    ("money", 12345.6789, "12,345.68"), ("money", 7.0, "7.00"), ("int", 58027, "58,027"),
    ("pct", 41.678, "41.68"), ("id", 165, "165"), ("id", 2020.0, "2020"), ("number", 2431.647934, "2,431.6479"),
    ("number", 51.5, "51.5"), ("money", None, "—"), ("int", float("nan"), "—"), ("text", None, "—")])
def test_format_value(kind, value, shown):
    assert format_value(value, kind, "zh") == shown


def displayed(frame, table=None, labels=None, lang="zh") -> str:
    data, _config = prepare(frame, table, labels, lang)
    return data.to_html() if hasattr(data, "to_html") else data.to_string()


def test_fund_tables_show_money_with_two_decimals_and_no_empty_markers(tables):
    for name in ("fund_by_source", "fund_by_sector", "fund_projects"):
        frame = tables[name]
        if name == "fund_projects":
            frame = with_total_note(frame)
        text = displayed(frame, name)
        assert not re.search(r"\bNone\b|\bnan\b|\bNaN\b|<NA>", text), name
        amounts = frame["total_wan" if name == "fund_projects" else "amount_wan"].dropna().astype(float)
        for amount in amounts:
            assert f"{amount:,.2f}" in text
        assert not re.search(r"\d\.\d{6}\b", text)     # no 1234.010000


def test_empty_text_cells_show_a_dash():
    frame = pd.DataFrame({"deadline_text": ["年底前", None, ""], "responsible": [None, "区民政局", None],
                          "line": [1, 2, 3]})
    data, _config = prepare(frame, "targets", lang="zh")
    values = data.data if hasattr(data, "data") else data
    assert values["期限（原文）"].tolist() == ["年底前", "—", "—"]
    assert values["责任单位"].tolist() == ["—", "区民政局", "—"]


def test_a_page_label_overrides_the_registry_and_keeps_its_format():
    frame = pd.DataFrame({"quota_persons": [1200, 30], "base_2020": ["≥98", None]})
    resolved = resolve(frame, "insurance_quota", {"quota_persons": "2021 年任务（人）", "base_2020": "2020 年基期值"},
                       "zh")
    assert resolved["quota_persons"] == ("2021 年任务（人）", "int")
    assert resolved["base_2020"][0] == "2020 年基期值"


def test_total_investment_is_a_number_with_a_separate_note(tables):
    projects = tables["fund_projects"]
    export = labelled(with_total_note(projects)[["project_no", "project_name", "total_wan", "total_note"]],
                      "fund_projects", lang="zh")
    total = export["总投资（万元）"]
    assert pd.api.types.is_float_dtype(total)
    assert total.sum() == pytest.approx(projects.total_wan.astype(float).sum())
    notes = export["总投资说明"]
    assert (notes.notna() == ~projects.total_stated).all()
    assert export.attrs["excel_formats"]["总投资（万元）"] == "#,##0.00"


def test_money_axis_ticks_drop_trailing_zeros():
    assert charts.axis_format(",.2f") == ",.2~f"
    fig = charts.bar_ranked(pd.DataFrame({"name": ["甲", "乙"], "amount_wan": [12000.5, 300.25]}),
                            "name", "amount_wan", "t", "金额（万元）", text_format=",.2f")
    assert fig.layout.xaxis.tickformat == ",.2~f"
    assert fig.data[0].text[0] in ("300.25", "12,000.50")   # value labels keep their decimals


def test_donut_percentages_have_one_number_of_decimals(tables):
    quota = tables["insurance_quota"]
    fig = charts.share_donut(quota, "town_name", "quota_persons", "t")
    assert "%{percent:.1%}" in fig.data[0].texttemplate
    assert fig.data[0].textinfo is None


def test_excel_has_number_formats_widths_and_a_sources_sheet(tables):
    sources = tables["fund_by_source"]
    doc = tables["documents"].set_index("doc_id").loc[sources.doc_id.iloc[0]]
    frame = labelled(sources[["source_name", "amount_wan", "share_pct", "line"]], "fund_by_source", lang="zh")
    cited = downloads.source_table([(sources.doc_id.iloc[0], sources.line)], "zh")
    book = openpyxl.load_workbook(io.BytesIO(downloads.to_excel_bytes(frame, sources=cited)))
    assert book.sheetnames == ["数据", "出处"]
    sheet = book["数据"]
    heads = [c.value for c in sheet[1]]
    money = heads.index("金额（万元）") + 1
    assert sheet.cell(row=2, column=money).number_format == "#,##0.00"
    assert isinstance(sheet.cell(row=2, column=money).value, float)
    assert sheet.cell(row=2, column=heads.index("原文行") + 1).number_format == "0"
    assert sheet.column_dimensions["A"].width >= 6
    cited_rows = list(book["出处"].values)
    assert cited_rows[0][:4] == ("文件", "文号", "公报", "版次")
    assert cited_rows[1][0] == doc["title"] and cited_rows[1][1] == doc["doc_no"]
    assert cited_rows[1][3] == doc["edition"]


def funds_page(monkeypatch, lang: str = "zh"):
    from streamlit.runtime.media_file_manager import MediaFileManager

    on_click = {}
    register = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        on_click[file_name] = data_callable
        return register(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    if lang != "zh":
        at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/funds.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at, on_click


def test_funds_page_tables_are_labelled_and_downloads_sum_to_the_page_total(tables, monkeypatch):
    at, on_click = funds_page(monkeypatch)
    for table in at.dataframe:
        raw = [c for c in table.value.columns if SNAKE.match(str(c))]
        assert raw == [], f"unlabelled columns {raw}"
    # the Excel of the sources table: amounts are numbers that add up to the stated total
    name = next(n for n in on_click if n.endswith(".xlsx") and "按来源" in n)
    book = openpyxl.load_workbook(io.BytesIO(on_click[name]()))
    sheet = pd.read_excel(io.BytesIO(on_click[name]()), sheet_name=None)
    amounts = sheet["数据"]["金额（万元）"]
    total = tables["fund_totals"].set_index("measure").loc["统筹整合资金总额", "value"]
    assert amounts.sum() == pytest.approx(float(total), abs=0.01)
    assert "出处" in book.sheetnames
    # the projects' Excel: 总投资 is a number column and sums
    name = next(n for n in on_click if n.endswith(".xlsx") and n.startswith("重点项目"))
    projects = pd.read_excel(io.BytesIO(on_click[name]()), sheet_name="数据")
    assert projects["总投资（万元）"].sum() == pytest.approx(tables["fund_projects"].total_wan.astype(float).sum())


def test_funds_page_in_english_has_english_headings(monkeypatch):
    at, _clicks = funds_page(monkeypatch, "en")
    heads = {str(c) for table in at.dataframe for c in table.value.columns}
    assert "Amount (10k yuan)" in heads
    assert "Note on total investment" in heads
    assert not [h for h in heads if SNAKE.match(h)]


def test_label_kinds_cover_money_columns():
    money = [f"{t.name}.{c.name}" for t in ALL_TABLES for c in t.columns if c.type.startswith("DECIMAL(18")]
    assert money and all(label_of(n.split(".")[1], n.split(".")[0]).kind in (MONEY, "number") for n in money)
