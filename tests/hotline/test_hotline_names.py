"""One normalisation, one alias step, summary rows by meaning, periods and number forms: what an
officer would see in the preview for the spellings real files use."""
from __future__ import annotations

import sys
import unicodedata

import pytest

from hotline.names import is_summary, name_key, strip_invisible
from hotline.units import known_units
from hotline.values import parse_month, parse_period, read_rate


def test_every_character_that_renders_as_nothing_is_removed():
    invisible = [chr(c) for c in range(sys.maxunicode + 1)
                 if unicodedata.category(chr(c)) in ("Cf", "Cc") and chr(c) not in "\t\n\r"]
    text = "明" + "".join(invisible) + "水"
    assert strip_invisible(text) == "明水", [hex(ord(c)) for c in strip_invisible(text) if c not in "明水"]


@pytest.mark.parametrize("spelling", ["明水\u2068街道\u2069", "明水街道\ufe0f", "明水街道\U000E0020", "明水\u3164街道",
                                      "明水街道\x00", "明 水　街道", "\ufeff明水街道\u200b", "明水\u115f街道"])
def test_look_alike_spellings_are_one_name(spelling):
    assert name_key(spelling) == "明水街道"


@pytest.mark.parametrize("text", ["全市合计", "全市平均", "全县", "全区总计", "汇总", "平均值", "合计：", "（合计）", "全区", "小计",
                                  "合 计", "平均分", "总计"])
def test_summary_rows_are_recognised_by_meaning(text):
    assert is_summary(text)


@pytest.mark.parametrize("text", ["明水街道", "区住建局", "市中区", "全福街道", "市开发区", "平阴县", "合计路社区", "汇总办"])
def test_real_units_are_not_summary_rows(text):
    assert not is_summary(text)


@pytest.mark.parametrize("printed, one", [("明水街道办事处", "明水街道"), ("明水", "明水街道"), ("刁镇", "刁镇街道"),
                                          ("黄河镇", "黄河街道"), ("垛庄镇人民政府", "垛庄镇"), ("区住建局", "区住房和城乡建设局"),
                                          ("住建局", "区住房和城乡建设局"), ("区城管局", "区城市管理局"), ("章丘", "章丘区")])
def test_one_alias_step_gives_each_unit_one_name(printed, one):
    assert known_units().canonical(printed) == one
    assert known_units().knows(printed)


def test_units_of_other_places_and_collective_names_are_not_known():
    known = known_units()
    for name in ("灌云县", "西津街道", "各镇街", "相关部门", "区试验局00", "官庄镇"):
        assert not known.knows(name), name
    assert known.canonical("灌云县") == "灌云县"
    assert sum(1 for g in known.groups.values() if g == "镇街") == 18, "章丘: 17 街道 and 1 镇"


@pytest.mark.parametrize("text, start, end", [("2023.1-4", "2023-01", "2023-04"), ("2023/1-4", "2023-01", "2023-04"),
                                              ("2023年1-12", "2023-01", "2023-12"), ("2023年1月—4月", "2023-01", "2023-04"),
                                              ("2023年1至4月份", "2023-01", "2023-04"),
                                              ("2022年12月-2023年2月", "2022-12", "2023-02"),
                                              ("2025年7月", "2025-07", "2025-07"), ("2025-07-15", "2025-07", "2025-07")])
def test_periods_are_read_for_what_they_are(text, start, end):
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("text", ["2023.1-4", "2023/1-4", "2023年1-12"])
def test_a_monthly_record_refuses_a_range_instead_of_keeping_its_first_month(text):
    with pytest.raises(ValueError, match="累计的数据，不是单月"):
        parse_month(text)


def test_a_date_that_could_be_a_range_is_refused_with_both_readings():
    with pytest.raises(ValueError, match=r"可能是日期（2023年1月4日），也可能是 2023年1—4月"):
        parse_period("2023-1-4")


def test_decimal_commas_ratios_and_thousands_are_read_and_said():
    assert read_rate("95,3%", "满意率") == (95.3, "满意率「95,3%」中的逗号按小数点读取：95.3%")
    assert read_rate("1", "满意率") == (100.0, "满意率「1」不大于1，按比例读作 100%")
    assert read_rate("0.8", "参评率") == (80.0, "参评率「0.8」不大于1，按比例读作 80%")
    assert read_rate("95.3%", "满意率") == (95.3, None)
    with pytest.raises(ValueError, match="读作 95300，超过100%（逗号按千位分隔符读取"):
        read_rate("95,300", "满意率")
