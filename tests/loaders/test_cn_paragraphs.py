"""loaders.cn.paragraphs: printed lines joined across page breaks, with line provenance.

Given numbered printed lines (snippets written for the test), expect paragraphs and the line
each character came from.
"""
import re

from loaders.cn.paragraphs import Paragraph, join, printed, regroup


def numbered(*lines: str) -> list[tuple[int, str]]:
    return list(enumerate(lines, start=1))


def test_a_sentence_cut_by_a_page_break_is_joined_and_keeps_its_lines():
    (para,) = join(numbered("全区完成改造任务 12", "", "", "0 个，确保按期完成。"))
    assert para.text == "全区完成改造任务120个,确保按期完成。"
    assert para.lines == [1, 4]
    assert para.line_at(para.text.index("确保")) == 4
    assert para.line_at(0) == 1


def test_a_sentence_end_closes_and_an_item_marker_opens():
    paras = join(numbered("一、总体要求", "按计划推进", "各项工作。", "(一)加强领导。", "1.建立机制", "", "2.定期通报。"))
    assert [p.text for p in paras] == ["一、总体要求按计划推进各项工作。", "(一)加强领导。", "1.建立机制", "2.定期通报。"]
    assert [p.first_line for p in paras] == [1, 4, 5, 7]


def test_table_rows_are_never_joined():
    paras = join(numbered("名单如下:", "甲镇\t3\t东村、西村", "乙镇\t2\t南村", "合计为五个村"))
    assert [p.lines for p in paras] == [[1], [2], [3], [4]]


def test_amount_at_line_start_is_not_an_item():
    (para,) = join(numbered("资金共计", "12.5万元,全部到位。"))
    assert para.text == "资金共计12.5万元,全部到位。"


def test_markdown_headings_stand_alone_and_lose_their_marks():
    paras = join(numbered("## 二、工作任务", "整治乱停乱放。"), markdown=True)
    assert [p.text for p in paras] == ["二、工作任务", "整治乱停乱放。"]


def test_markdown_heading_with_body_text_runs_on():
    (para,) = join(numbered("### 1. 通道治理。为强化通道安", "", "全,开展巡查。"), markdown=True)
    assert para.text == "1.通道治理。为强化通道安全,开展巡查。" and para.lines == [1, 3]


def test_markdown_an_open_bracket_continues_over_a_semicolon_and_a_page_break():
    paras = join(numbered("完成排查。(牵头单位:区甲局;", "", "责任单位:各镇街)", "下一段。"), markdown=True)
    assert paras[0].text == "完成排查。(牵头单位:区甲局;责任单位:各镇街)"
    assert paras[0].line_at(paras[0].text.index("各镇街")) == 3
    assert paras[1].text == "下一段。"


def test_markdown_table_rows_keep_their_printed_text():
    paras = join(numbered("表头\t数量", "甲\t1"), markdown=True)
    assert [p.text for p in paras] == ["表头\t数量", "甲\t1"]


def test_regroup_merges_paragraphs_into_items_and_keeps_lines():
    paras = join(numbered("(一)资金规模。", "甲资金1万元;", "乙资金2万元。", "(二)资金用途。"))
    items = regroup(paras, re.compile(r"^\([一二三]\)"))
    assert [i.text for i in items] == ["(一)资金规模。甲资金1万元;乙资金2万元。", "(二)资金用途。"]
    assert items[0].line_at(items[0].text.index("乙")) == 3


def test_concat_offsets():
    a, b = Paragraph(), Paragraph()
    a.add(7, "甲乙")
    b.add(9, "丙丁")
    both = Paragraph.concat([a, b])
    assert both.text == "甲乙丙丁" and both.line_at(2) == 9 and both.last_line == 9


def test_printed_text_keeps_full_width_punctuation():
    lines = {1: "（一）资金筹措", 2: "由区、镇（街道）按 8：2 的比例", 3: "**承担。**"}
    (para,) = join(lines.items())
    assert printed(para, lines.__getitem__) == "（一）资金筹措由区、镇（街道）按 8：2 的比例承担。"
    assert printed(para, lines.__getitem__, drop_heading=True) == "由区、镇（街道）按 8：2 的比例承担。"
