from decimal import Decimal

import pytest

from loaders.text import clean_person_name, cn_numeral, compact, ends_sentence, norm, parse_cn_date, parse_decimal


def test_norm_unifies_full_and_half_width_punctuation():
    assert norm("（1）实施区域：垛石街道") == norm("(1) 实施区域: 垛石街道") == "(1)实施区域:垛石街道"


def test_norm_drops_spaces_between_numbers_and_units_only():
    assert norm("2020 年 12 月 31 日") == "2020年12月31日"
    assert norm("61234.56789 万元") == "61234.56789万元"
    assert norm("80% 以上") == "80%以上"
    assert norm("GB/T 28181 protocol") == "GB/T 28181 protocol"


def test_norm_strips_markdown_and_html():
    assert norm("**一是**主动排查<p>") == "一是主动排查"


@pytest.mark.parametrize("raw, ends", [("加强组织领导；", True), ("（责任单位：区民政局）", True),
                                       ("全面完成任务。**", True), ("**一是**主动排查", False), ("为强化重要电力通道安", False)])
def test_ends_sentence_on_normalised_text_agrees_with_raw(raw, ends):
    assert ends_sentence(raw) == ends_sentence(norm(raw), normalised=True) == ends


def test_compact_joins_title_split_by_layout():
    assert compact("关于公布第五批 项目名录的通知") == "关于公布第五批项目名录的通知"


def test_parse_decimal_is_exact():
    assert parse_decimal("1357.246801") == Decimal("1357.246801")
    assert parse_decimal("６２８３.７") == Decimal("6283.7")
    assert parse_decimal("1 050") == Decimal(1050)
    with pytest.raises(ValueError):
        parse_decimal("约二百")


@pytest.mark.parametrize("text,value", [("一", 1), ("十", 10), ("十二", 12), ("二十四", 24),
                                         ("三十二", 32), ("一百零五", 105), ("7", 7)])
def test_cn_numeral(text, value):
    assert cn_numeral(text) == value


def test_parse_cn_date_with_spaces():
    assert parse_cn_date("2020 年 8 月 5 日建设完成") == "2020-08-05"
    assert parse_cn_date("9月底") is None


def test_person_names_lose_padding_but_not_characters():
    assert clean_person_name("刘 斌") == "刘斌"
    assert clean_person_name("刘 彬") != clean_person_name("刘 斌")
