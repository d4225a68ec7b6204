"""Fund allocations by source in any document: '中央资金125.5万元 / 省级资金91.2万元 / … 以上资金合计241.3万元'.

Recognised by content: two or more amounts whose label starts with a level of government (中央,
省级, 市级, 区级, 县级, 县本级, 乡镇, 其他, or a place: 焦作市资金) printed in one sentence or on
consecutive lines (a numbered list). Amounts in 亿元, 万元 or 元 are stored exactly in 万元. The
stated total — '以上资金合计…' after the list, or the amount the sentence or line before it
announces — is checked against the sum of the parts and flagged when they differ.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from loaders.base import Context, LoadResult, each_document
from loaders.checks import compare
from loaders.cn.amounts import to_wan
from loaders.documents import Document
from loaders.schema import MONEY, C, Table, provenance
from loaders.source import Paragraph, RawText
from textkit.msg import N_, Msg

TABLES = [
    Table("fund_allocations", N_("任意文件中按资金来源（中央、省级、市级、区县级、其他）列出的资金额及其写明的合计，按内容识别。"), (
        C("group_no", "INTEGER", N_("该组来源在文件中的序号（从 1 开始）"), False),
        C("seq", "INTEGER", N_("来源在组内的顺序"), False),
        C("source_name", "VARCHAR", N_("来源名称，按原文（如 中央资金、县本级财政专项扶贫资金）"), False),
        C("level", "VARCHAR", N_("来源层级，按原文开头（中央、省级、市级、区级、县本级、其他、焦作市……）"), False),
        C("amount_wan", MONEY, N_("金额（万元，精确）"), False),
        C("amount_text", "VARCHAR", N_("金额原文（含单位）"), False),
        C("stated_total_wan", MONEY, N_("文件写明的该组合计（万元）；未写明为空")),
        C("total_line", "INTEGER", N_("合计所在行")),
        *provenance(),
    )),
]
_LEVEL = re.compile(r"^(?P<level>中央(?:及省级?)?|省级?|市级?|区级?|县级?|县本级|区本级|市本级|乡镇级?|镇级|乡级|上级|"
                    r"其他(?:各类)?|自筹|社会|[\u4e00-\u9fff]{2,4}?(?:市|县|区))")
# A label: the run of Chinese (and 、) right before 资金, then the amount.
_ITEM = re.compile(r"(?P<label>[\u4e00-\u9fff、]{1,24}?资金)(?:投入|共|为)?(?P<num>\d+(?:\.\d+)?)(?P<unit>亿元|万元|元)")
_TOTAL_AFTER = re.compile(r"(?:合计|共计|总计|累计|总额|总共)(?:为)?(?P<num>\d+(?:\.\d+)?)(?P<unit>亿元|万元|元)")
_ANNOUNCED = re.compile(r"(?P<num>\d+(?:\.\d+)?)(?P<unit>亿元|万元|元)")
_LEAD_WORDS = re.compile(r"^(?:其中|以及|及|和|与|含|包括|另有|安排|下达|到位|投入|拨付|共)")


@dataclass(frozen=True)
class Item:
    label: str
    level: str
    amount: Decimal
    text: str
    line: int
    start: int          # offset in its paragraph
    end: int


def items_in(para: Paragraph) -> list[Item]:
    found = []
    for m in _ITEM.finditer(para.text):
        label = _LEAD_WORDS.sub("", m["label"].lstrip("、"))
        level = _LEVEL.match(label)
        if not level:
            continue
        found.append(Item(label, level["level"], to_wan(m["num"], m["unit"]), m[0][len(m["label"]):],
                          para.line_at(m.start("num")), m.start(), m.end()))
    return found


def line_unit(raw: RawText, number: int) -> Paragraph:
    """One printed line as a Paragraph (normalised text, offsets map back to the line)."""
    unit = Paragraph()
    unit.add(number, raw.line(number))
    return unit


def _is_list_line(unit: Paragraph, items: list[Item]) -> bool:
    """A line that is one item of a numbered list ('1.中央资金125.5万元'; '3、孟州市资金投入893.2万元。')."""
    return len(items) == 1 and len(unit.text) <= items[0].end + 2


def _bracket_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\([^()]*\)", text)]


@dataclass(frozen=True)
class Group:
    items: list[Item]
    total: tuple[Decimal, int] | None


def _inline_groups(unit: Paragraph, items: list[Item]) -> list[Group]:
    """Items of one line: those inside one pair of brackets are a group whose total is the amount
    just before the bracket ('…补助资金39708.61万元,(中央资金…)'); the others are one group whose
    total is a 合计 after them or an amount announced just before them with 其中/包括/:."""
    out = []
    rest = list(items)
    for start, end in _bracket_spans(unit.text):
        inside = [i for i in items if start <= i.start and i.end <= end]
        if len(inside) >= 2:
            before = list(_ANNOUNCED.finditer(unit.text[:start]))
            total = None
            if before and len(unit.text[before[-1].end():start]) <= 2:
                m = before[-1]
                total = (to_wan(m["num"], m["unit"]), unit.line_at(m.start("num")))
            out.append(Group(inside, total))
        rest = [i for i in rest if i not in inside]
    if len(rest) >= 2:
        total = None
        after = _TOTAL_AFTER.search(unit.text, rest[-1].end)
        if after:
            total = (to_wan(after["num"], after["unit"]), unit.line_at(after.start("num")))
        else:
            before = list(_ANNOUNCED.finditer(unit.text[:rest[0].start]))
            if before and re.search(r"其中|包括|:|如下", unit.text[before[-1].end():rest[0].start]):
                m = before[-1]
                total = (to_wan(m["num"], m["unit"]), unit.line_at(m.start("num")))
        out.append(Group(rest, total))
    return out


def _announced_above(raw: RawText, first: int, floor: int) -> tuple[Decimal, int] | None:
    """'…资金投入2947.76万元,现公示如下:' on one of the three lines above a list: its last amount."""
    above = [n for n in range(first - 1, floor - 1, -1) if raw.line(n).strip()][:3]
    for number in above:
        unit = line_unit(raw, number)
        if unit.text.endswith(":"):
            amounts = list(_ANNOUNCED.finditer(unit.text))
            if amounts:
                m = amounts[-1]
                return to_wan(m["num"], m["unit"]), number
    return None


def groups(raw: RawText, doc: Document) -> list[Group]:
    """Groups of ≥ 2 source amounts: a run of list lines (total: '以上资金合计…' on the line after the
    run or at the end of its last line), or several amounts in one line."""
    out: list[Group] = []
    run: list[Item] = []
    for number in range(doc.first_line, doc.last_line + 2):
        if number <= doc.last_line and not raw.line(number).strip():
            continue
        unit = line_unit(raw, number) if number <= doc.last_line else Paragraph()
        found = items_in(unit) if unit.lines else []
        if found and _is_list_line(unit, found) and not _TOTAL_AFTER.search(unit.text, found[0].end):
            run += found
            continue
        if run:
            total = None
            tail = found[0].end if found and _is_list_line(unit, found[:1]) else 0
            m = _TOTAL_AFTER.search(unit.text, tail) if unit.lines else None
            if found and len(found) == 1 and m:          # the last item and the total share a line
                run += found
                found = []
            if m:
                total = (to_wan(m["num"], m["unit"]), unit.line_at(m.start("num")))
            else:
                total = _announced_above(raw, run[0].line, doc.first_line)
            if len(run) >= 2:
                out.append(Group(run, total))
            run = []
        if len(found) >= 2:
            out += _inline_groups(unit, found)
    return out


def extract(ctx: Context, doc: Document) -> LoadResult:
    rows, checks = [], []
    for group_no, group in enumerate(groups(ctx.raw, doc), start=1):
        items, total = group.items, group.total
        for seq, item in enumerate(items, start=1):
            rows.append({"group_no": group_no, "seq": seq, "source_name": item.label, "level": item.level,
                         "amount_wan": item.amount, "amount_text": item.text,
                         "stated_total_wan": total[0] if total else None, "total_line": total[1] if total else None,
                         "doc_id": doc.doc_id, "line": item.line})
        if total:
            listed = sum((i.amount for i in items), Decimal(0))
            names = "、".join(i.label for i in items)
            checks.append(compare(f"fund_allocations.g{group_no}.total", Msg('资金来源（{names}）的合计', names=names),
                                  total[0], listed, doc.doc_id, total[1], unit="万元",
                                  tolerance=half_unit(total[0])))
    return LoadResult(tables={"fund_allocations": pd.DataFrame(rows, columns=TABLES[0].column_names)}, checks=checks)


def recognise(raw: RawText, doc: Document) -> bool:
    return any("资金" in raw.line(n) for n in range(doc.first_line, doc.last_line + 1))


def half_unit(stated: Decimal) -> Decimal:
    """A total printed with fewer decimals than its parts is right when the sum rounds to it."""
    exponent = stated.as_tuple().exponent
    if not isinstance(exponent, int):
        raise ValueError(f"not a finite amount: {stated}")
    return Decimal(5).scaleb(exponent - 1)


def load(ctx: Context) -> LoadResult:
    return each_document(ctx, "fund_allocations", N_("按来源列出的资金"), recognise, extract)
