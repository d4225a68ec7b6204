"""Number formatting with units in the reader's language (ui.format)."""
from __future__ import annotations

import re

import pytest

from ui import format as fmt
from ui.links import with_lang
from ui.provenance import document_link

CJK = re.compile(r"[\u3400-\u9fff]")


def test_chinese_keeps_the_units_as_printed():
    assert fmt.wan(73951.92, lang="zh") == "73,951.92 万元"
    assert fmt.yi(73951.92, lang="zh") == "7.40 亿元"
    assert fmt.money(73951.92, lang="zh") == "7.40 亿元"
    assert fmt.money(12.5, lang="zh") == "12.50 万元"
    assert fmt.integer(6, " 个", lang="zh") == "6 个"
    assert fmt.integer(58027, " 人", lang="zh") == "58,027 人"
    assert fmt.unit_suffix(" 个", lang="zh") == " 个"


def test_english_money_is_in_millions_of_yuan():
    # 73,951.92 万元 = 739,519,200 yuan
    assert fmt.wan(73951.92, lang="en") == "¥739.52 m"
    assert fmt.money(73951.92, lang="en") == "¥739.52 m"
    assert fmt.yi(75000, lang="en") == "¥750.00 m"
    assert fmt.wan(12.5, lang="en") == "¥125,000"  # under a million: whole yuan
    assert fmt.wan(-200, lang="en") == "−¥2.00 m"


def test_english_counts():
    assert fmt.integer(6, " 个", lang="en") == "6", "a measure word is left out: the label names the thing"
    assert fmt.integer(176, " 条", lang="en") == "176"
    assert fmt.integer(58027, " 人", lang="en") == "58,027 people"
    assert fmt.integer(1, " 人", lang="en") == "1 person", "no '1 people' / '1 units'"
    assert fmt.unit_suffix(" 人", lang="en") == " people"
    assert fmt.unit_suffix(" 元", lang="en") == " yuan"
    assert fmt.unit_suffix(" 个", lang="en") == ""


@pytest.mark.parametrize("value", [0, 1, 12.5, 9999.99, 10000, 73951.92, 1e7])
def test_no_chinese_in_english_figures(value):
    for text in (fmt.wan(value, lang="en"), fmt.yi(value, lang="en"), fmt.money(value, lang="en"),
                 fmt.integer(value, " 个", lang="en"), fmt.integer(value, " 人", lang="en")):
        assert not CJK.search(text), text


def test_missing_values_are_a_dash_in_both_languages():
    for lang in ("zh", "en"):
        assert fmt.money(None, lang=lang) == fmt.wan(float("nan"), lang=lang) == fmt.integer(None, " 人", lang=lang) == "—"


def test_source_links_keep_the_language():
    assert document_link("d1", 5, lang="zh") == "/documents?doc=d1&line=5"
    assert document_link("d1", 5, lang="en") == "/documents?doc=d1&line=5&lang=en"
    assert with_lang(document_link("d1", 5, lang="en"), "en").count("lang=") == 1, "never twice"
