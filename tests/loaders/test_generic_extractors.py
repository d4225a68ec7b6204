"""The generic extractors on small texts written for the test (given a snippet, expect its rows):
documents by the structure of 公文, fund amounts by source, per-town tables and rosters."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from loaders.base import Context, Reference
from loaders.documents import DocumentIndex, split
from loaders.source import Edition, RawText

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"


def lines(*rows: str) -> str:
    """The text of a snippet written one line per argument (as it reads in the bulletin)."""
    return "\n".join(rows)


def bulletin(text: str, kind: str = "document", district: str = "") -> RawText:
    edition = Edition("t-2024", kind=kind, district=district, year=2024, title="测试")
    return RawText("t-2024", district, "测试", Path("t.txt"), tuple(text.split("\n")), "0", edition)


def run(module, text: str, district: str = ""):
    raw = bulletin(text, district=district)
    ref = Reference.read(REFERENCE)
    ctx = Context(raw=raw, docs=DocumentIndex(split(raw)), ref=ref.for_district(district))
    return module.load(ctx)


# ---- documents ----------------------------------------------------------------------------

def test_a_notice_with_doc_number_issuer_addressees_and_signature():
    text = lines("某某县人民政府办公室", "", "关于做好春季植树工作的通知", "", "某政办发〔2024〕7号", "",
                      "各乡镇人民政府，县直各部门：", "", "现将有关事项通知如下。", "", "附件：植树任务分解表", "",
                 "某某县人民政府办公室", "2024年3月1日")
    (doc,) = split(bulletin(text, "gazette"))
    assert (doc.issuer, doc.title, doc.doc_no) == ("某某县人民政府办公室", "关于做好春季植树工作的通知", "某政办发〔2024〕7号")
    assert doc.addressees == "各乡镇人民政府,县直各部门"
    assert (doc.signed_on, doc.signed_by) == ("2024-03-01", "某某县人民政府办公室")
    assert doc.attachments == "附件:植树任务分解表"


@pytest.mark.parametrize("printed, expected", [("某政发[2024]3号", "某政发[2024]3号"), ("（某政字〔2024〕12 号）", "某政字〔2024〕12号"),
                                               ("某府办发(2023)5号", "某府办发(2023)5号")])
def test_doc_numbers_in_any_brackets(printed, expected):
    text = lines("关于印发某某工作方案的通知", printed, "各单位：", "正文。")
    (doc,) = split(bulletin(text, "gazette"))
    assert doc.doc_no == expected and doc.title == "关于印发某某工作方案的通知"


def test_compendium_headings_with_or_without_markdown():
    text = lines("# 某某市某某区环境整治工作方案", "", "一、工作任务", "", "", "某某市某某区安全生产专项行动方案", "",
                 "一、总体要求")
    docs = split(bulletin(text, "compendium"))
    assert [d.title for d in docs] == ["某某市某某区环境整治工作方案", "某某市某某区安全生产专项行动方案"]
    assert [d.structure for d in docs] == ["heading", "heading"]


def test_a_text_with_no_structure_is_one_document():
    (doc,) = split(bulletin("随便写的一段话，没有文号也没有标题。\n第二行。"))
    assert (doc.first_line, doc.last_line, doc.structure) == (1, 2, "whole")


# ---- amounts by source -------------------------------------------------------------------

def test_a_numbered_list_of_sources_and_its_stated_total():
    from loaders import fund_sources
    result = run(fund_sources, lines("一、资金来源", "1.中央资金100万元", "2.省级资金50.5万元", "3.县本级资金1亿元",
                                   "以上资金合计10150.5万元。"))
    rows = result.tables["fund_allocations"]
    assert rows.source_name.tolist() == ["中央资金", "省级资金", "县本级资金"]
    assert [Decimal(str(a)) for a in rows.amount_wan] == [Decimal(100), Decimal("50.5"), Decimal(10000)]
    (check,) = [c for c in result.checks if "fund_allocations.g1" in c.check_id]
    assert (check.severity, check.expected) == ("ok", "10150.5")


def test_sources_in_brackets_add_up_to_the_amount_before_them_and_a_gap_is_flagged():
    from loaders import fund_sources
    result = run(fund_sources, "衔接资金300万元,(中央资金200万元,市级资金90万元),其他资金50万元。")
    rows = result.tables["fund_allocations"]
    assert rows.source_name.tolist() == ["中央资金", "市级资金"]
    (check,) = [c for c in result.checks if "fund_allocations.g1" in c.check_id]
    assert (check.severity, check.expected, check.actual) == ("warn", "300", "290")


# ---- per-town tables ---------------------------------------------------------------------

def test_a_town_table_one_cell_a_line_with_its_unit_and_total():
    from loaders import town_tables
    text = lines("分配表", "单位:万元", "乡镇", "金额", "东风镇", "3", "西河乡", "1.5", "合计", "4.5")
    result = run(town_tables, text)
    rows = result.tables["town_values"]
    assert rows.town_raw.tolist() == ["东风镇", "西河乡"] and set(rows.unit) == {"万元"}
    (check,) = [c for c in result.checks if "town_values.t1" in c.check_id]
    assert check.severity == "ok"


def test_a_tab_separated_town_table_of_a_known_district_gets_full_names():
    from loaders import town_tables
    text = lines("单位\t任务数（人）", "曲堤\t100", "仁风镇\t200", "合计\t301")
    result = run(town_tables, text, district="济阳区")
    rows = result.tables["town_values"]
    assert rows.town_name.tolist() == ["曲堤街道", "仁风镇"]
    (check,) = [c for c in result.checks if "town_values.t1" in c.check_id]
    assert (check.severity, check.expected, check.actual) == ("warn", "301", "300")


# ---- rosters -----------------------------------------------------------------------------

def test_roster_forms_label_lines_names_in_brackets_and_bare_name_lists():
    from loaders import rosters
    text = lines("关于成立某某县防汛工作领导小组的通知", "各乡镇：", "决定成立某某县防汛工作领导小组，名单如下：",
                 "组 长：", "张三丰（县长）", "副组长：李 四 王五", "成 员：赵六（县水利局局长）")
    result = run(rosters, text)
    people = result.tables["rosters"]
    assert people.group_name.unique().tolist() == ["某某县防汛工作领导小组"]
    assert list(zip(people.role, people.person_name)) == [("组长", "张三丰"), ("副组长", "李四"), ("副组长", "王五"),
                                                         ("成员", "赵六")]
    assert people.position.tolist()[0] == "县长"
