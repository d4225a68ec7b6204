"""loaders.cn.dates: one rule for dates and deadlines (snippets written for the test).

A phrase names a period; its deadline is the period's last day, its start the first day.
"""
import pytest

from loaders.cn import dates


@pytest.mark.parametrize("given, expect", [
    ("2019年3月5日前完成", "2019-03-05"),
    ("在4月上旬前建立台账", "2030-04-10"),
    ("4月中旬前", "2030-04-20"),
    ("4月下旬前", "2030-04-30"),
    ("2月下旬完成", "2030-02-28"),
    ("2028年2月下旬", "2028-02-29"),            # leap year: 下旬 runs to the month's end
    ("4月底前", "2030-04-30"),
    ("4月末", "2030-04-30"),
    ("6月份完成", "2030-06-30"),
    ("年底前", "2030-12-31"),
    ("今年年底", "2030-12-31"),
    ("2031年底前", "2031-12-31"),
    ("2031年年底", "2031-12-31"),
    ("到2032年,覆盖率达到", "2032-12-31"),
    ("年内完成", "2030-12-31"),
    ("第二季度", "2030-06-30"),
    ("2031年三季度末", "2031-09-30"),
    ("上半年", "2030-06-30"),
    ("2019 年 11 月 8 日", "2019-11-08"),       # spaces some pages put between numbers and units
])
def test_deadline_is_the_last_day_of_the_period(given, expect):
    assert dates.deadline(given, 2030) == expect


@pytest.mark.parametrize("given", ["三年内完成", "2年内", "3个月内完成", "2030年度预算", "2月30日", "13月1日", "每月"])
def test_durations_and_impossible_dates_are_not_dates(given):
    assert dates.deadline(given, 2030) is None


def test_a_phrase_that_needs_a_year_is_not_read_without_one():
    assert dates.deadline("4月底前", None) is None
    assert dates.deadline("年底前", None) is None
    assert dates.deadline("2031年4月底前", None) == "2031-04-30"


def test_the_same_phrase_gives_the_same_date_whatever_the_loader():
    """The issue-12 example: 下旬前 and 中旬前 were read differently by two loaders."""
    assert dates.deadline("9月下旬前", 2030) == dates.span("9月下旬前", 2030)[1] == "2030-09-30"
    assert dates.deadline("9月中旬前", 2030) == dates.span("即日起至9月中旬", 2030)[1] == "2030-09-20"


@pytest.mark.parametrize("given, first, last, grain", [
    ("5月上旬", "2030-05-01", "2030-05-10", "xun"),
    ("5月初", "2030-05-01", "2030-05-10", "xun"),
    ("5月中旬", "2030-05-11", "2030-05-20", "xun"),
    ("5月下旬", "2030-05-21", "2030-05-31", "xun"),
    ("5月", "2030-05-01", "2030-05-31", "month"),
    ("5月底", "2030-05-31", "2030-05-31", "month_end"),
    ("第四季度", "2030-10-01", "2030-12-31", "quarter"),
    ("下半年", "2030-07-01", "2030-12-31", "half"),
    ("2031年", "2031-01-01", "2031-12-31", "year"),
])
def test_periods(given, first, last, grain):
    (when,) = dates.find_all(given, 2030)
    assert (when.first_day, when.deadline, when.grain) == (first, last, grain)


def test_before_is_kept_apart_from_the_phrase():
    (when,) = dates.find_all("要在7月20日之前报送", 2030)
    assert when.text == "7月20日" and when.before and "要在7月20日之前报送"[when.start:when.before_end] == "7月20日之前"


@pytest.mark.parametrize("given, expect", [
    ("即日起至2031年5月底前", (None, "2031-05-31")),
    ("即日起到6月中旬", (None, "2030-06-20")),
    ("2031年5月—7月", ("2031-05-01", "2031-07-31")),      # the end takes the start's year
    ("2031年11月3日至12月9日", ("2031-11-03", "2031-12-09")),
    ("5月中旬至6月上旬", ("2030-05-11", "2030-06-10")),
    ("5月中旬", ("2030-05-11", "2030-05-20")),
    ("5月底前", (None, "2030-05-31")),
    ("长期坚持", (None, None)),
])
def test_spans(given, expect):
    assert dates.span(given, 2030) == expect


def test_full_date_needs_year_month_and_day():
    assert dates.full_date("签发于2019 年 3 月 5 日。") == "2019-03-05"
    assert dates.full_date("２０１９年３月５日") == "2019-03-05"
    assert dates.full_date("3月5日") is None


def test_commonest_year():
    assert dates.commonest_year("2030年计划…2030年完成…2029年基数") == 2030
    assert dates.commonest_year("没有年份") is None
