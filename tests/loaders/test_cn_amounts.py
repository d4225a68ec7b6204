"""loaders.cn.amounts: money as exact 万元, shares and ratios (snippets written for the test)."""
from decimal import Decimal

import pytest

from loaders.cn import amounts


@pytest.mark.parametrize("given, expect", [
    ("1234.567891", Decimal("1234.567891")), ("7 431.5", Decimal("7431.5")), ("２００", Decimal(200)),
    ("1,050", Decimal(1050)),
])
def test_parse_decimal_is_exact(given, expect):
    assert amounts.parse_decimal(given) == expect


def test_parse_decimal_refuses_words():
    with pytest.raises(ValueError):
        amounts.parse_decimal("约二百")


@pytest.mark.parametrize("number, unit, wan", [
    ("1.25", "亿元", Decimal(12500)), ("333.123456", "万元", Decimal("333.123456")),
    ("4500", "元", Decimal("0.45")), ("1", "元", Decimal("0.0001")),
])
def test_to_wan(number, unit, wan):
    assert amounts.to_wan(number, unit) == wan


def test_amounts_in_a_sentence_sum_exactly():
    found = amounts.amounts("中央资金1.2亿元,省级资金 300.000001 万元,区级资金50000元。")
    assert [(a.number, a.unit, a.wan) for a in found] == [
        ("1.2", "亿元", Decimal("12000.0")), ("300.000001", "万元", Decimal("300.000001")),
        ("50000", "元", Decimal("5.0000"))]
    assert sum(a.wan for a in found) == Decimal("12305.000001")


def test_numbers_without_a_money_unit_are_not_amounts():
    assert amounts.amounts("建成12个站点,覆盖率80%") == []


def test_percentages():
    assert amounts.percentages("占比7.35%,覆盖率 80% 以上,达到百分之六十,误差百分之零点五") == [
        (Decimal("7.35"), 2), (Decimal(80), 12), (Decimal(60), 21), (Decimal("0.5"), 29)]


def test_share_pct_rounds_half_up_and_survives_a_zero_total():
    assert amounts.share_pct(Decimal(1), Decimal(8)) == Decimal("12.50")
    assert amounts.share_pct(Decimal(1), Decimal(3)) == Decimal("33.33")
    assert amounts.share_pct(Decimal(1), Decimal(0)) == Decimal(0)


@pytest.mark.parametrize("given, expect", [
    ("7:3", [Decimal("70.0000"), Decimal("30.0000")]),
    ("1：1：1", [Decimal("33.3333")] * 3),
])
def test_ratio_shares(given, expect):
    assert amounts.ratio_shares(given) == expect
