"""loaders.cn.outline: outline markers and their levels (snippets written for the test)."""
import re

import pytest

from loaders.cn import outline


@pytest.mark.parametrize("given, kind, printed, value, level", [
    ("三、工作措施", "section", "三、", 3, 1),
    ("十二、附则", "section", "十二、", 12, 1),
    ("(四)加强督导。", "paren_cn", "(四)", 4, 2),
    ("5.建立台账。", "arabic", "5", 5, 3),
    ("5、建立台账。", "arabic", "5", 5, 3),
    ("(12)定期通报。", "paren_arabic", "(12)", 12, 4),
    ("③每月报送", "circled", "③", 3, 5),
])
def test_markers(given, kind, printed, value, level):
    found = outline.marker(given)
    assert (found.kind, found.printed, found.value, found.level) == (kind, printed, value, level)


@pytest.mark.parametrize("given", ["123.45万元", "2.5公里", "一是加强领导", "第三条", "附件1", "(其中)"])
def test_not_markers(given):
    assert outline.marker(given) is None


def test_marker_length_includes_the_spaces_after_it():
    text = "(2) 分级管理"
    assert text[outline.marker(text).end:] == "分级管理"
    assert outline.strip_marker("(七)完善机制。") == "完善机制。"


def test_kinds_can_be_restricted():
    assert outline.marker("一、总体要求", ("paren_cn", "arabic")) is None
    assert outline.marker("(一)总体要求", ("paren_cn",)).value == 1


def test_fragments_compose_into_larger_patterns():
    heading = re.compile(rf"^(?:{outline.SECTION}|{outline.PAREN_CN})(?P<name>[^,。]{{2,8}}组)$")
    assert heading.match("(二)综合协调组")["name"] == "综合协调组"
    assert heading.match("二、综合协调组")["name"] == "综合协调组"
    assert not heading.match("2.综合协调组")
