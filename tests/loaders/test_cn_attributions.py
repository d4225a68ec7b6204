"""loaders.cn.attributions: every printed form of a 牵头/责任/配合 attribution is one thing.

Snippets written for the test; the text is normalised first, as loaders do.
"""
import pytest

from loaders.cn import attributions
from loaders.cn.normalize import norm


def roles(text: str) -> list[tuple[str | None, str]]:
    return [(s.role, s.text) for block in attributions.find(norm(text)) for s in block.segments]


@pytest.mark.parametrize("given, expect", [
    ("完成整改。（牵头单位：区甲局，责任单位：区乙局）",
     [("牵头", "区甲局"), ("责任", "区乙局")]),
    ("完成整改。[牵头单位：区甲局；责任单位：区乙局、区丙局]",
     [("牵头", "区甲局"), ("责任", "区乙局、区丙局")]),
    ("完成整改。【牵头单位：区甲局；责任单位：区乙局】",
     [("牵头", "区甲局"), ("责任", "区乙局")]),
    ("完成整改。（责任单位：区乙局）",
     [("责任", "区乙局")]),
    ("完成整改。(牵头单位:区甲局;配合单位:区乙局、各镇街)",
     [("牵头", "区甲局"), ("配合", "区乙局、各镇街")]),
    ("完成整改。[责任单位: 各街道(镇), 区丁委各成员单位]",
     [("责任", "各街道(镇),区丁委各成员单位")]),
    ("完成整改。（牵头部门：区甲局；责任部门：区乙局）",
     [("牵头", "区甲局"), ("责任", "区乙局")]),
    ("完成整改。（牵头单位：区甲局；责任单位：各街道（镇）；整改时限：长期坚持）",
     [("牵头", "区甲局"), ("责任", "各街道(镇)"), (None, "长期坚持")]),
    ("牵头单位：区甲局", [("牵头", "区甲局")]),
])
def test_every_printed_form(given, expect):
    assert roles(given) == expect


def test_a_block_split_by_a_page_break_is_one_block_once_joined():
    (block,) = attributions.find(norm("完成整改。（牵头单位：区甲局；责任单位：区乙") + norm("局）"))
    assert [s.text for s in block.segments] == ["区甲局", "区乙局"]


def test_span_covers_the_brackets_and_offsets_point_into_the_text():
    text = norm("甲。（牵头单位：区甲局；责任单位：各街道（镇））乙。")
    (block,) = attributions.find(text)
    assert text[block.start] == "(" and text[block.end - 1] == ")" and text[block.end:] == "乙。"
    for segment in block.segments:
        assert text[segment.start:segment.start + len(segment.text)] == segment.text
    assert attributions.masked(text, [block]) == "甲。" + "□" * (block.end - block.start) + "乙。"
    assert block.time_limit is None and [s.text for s in block.role_texts("责任")] == ["各街道(镇)"]


def test_a_bracket_that_is_no_attribution_is_left_alone():
    assert attributions.find(norm("建立台账（每月更新），按时报送。")) == []


@pytest.mark.parametrize("given, expect", [
    ("二是区甲局牵头,加强排查。", [("牵头", "区甲局")]),
    ("由区乙办公室牵头,各镇街配合,开展整治。", [("牵头", "区乙办公室"), ("配合", "各镇街")]),
    ("各牵头单位要加强协作。", []),
])
def test_sentence_leads(given, expect):
    assert [(lead.role, lead.text) for lead in attributions.sentence_leads(given)] == expect
