"""Per-town tables of any document: a town column and a number column (任务数, 金额, 人数 …).

Recognised by structure, not by title: two or more consecutive rows whose first cell names a
town (a town of the document's district in the reference, or any name ending in 镇/乡/街道) and
whose next cell is a number — printed as tab- or '|'-separated cells on one line, or one cell a
line (the layout of many web pages). The header above the rows gives the column's label and unit
('单位:万元', '2021 年征缴任务数（人）'); a 合计 row is checked against the sum of the rows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pandas as pd

from loaders.base import Context, LoadResult, each_document
from loaders.checks import Check, compare
from loaders.documents import Document
from loaders.schema import MONEY, C, Table, provenance
from loaders.source import RawText
from loaders.text import compact, is_blank
from textkit.msg import N_, Msg

TABLES = [
    Table("town_values", N_("任意文件中的分地区表格：每个镇（乡、街道）或县（区）一行的数值（任务数、金额、人数等），按结构识别。"), (
        C("table_no", "INTEGER", N_("该表在文件中的序号（从 1 开始）"), False),
        C("header", "VARCHAR", N_("表头（表格上方的标题或栏目名，按原文）")),
        C("unit", "VARCHAR", N_("单位（万元、元、人、个……；表头未写明为空）")),
        C("town_raw", "VARCHAR", N_("原文中的镇街名"), False),
        C("town_name", "VARCHAR", N_("规范镇街名（在该区镇街参考名单中；不在名单中为空）")),
        C("value", MONEY, N_("数值（按原文，精确小数）"), False),
        C("value_text", "VARCHAR", N_("数值原文"), False),
        *provenance(),
    )),
]
# Towns, and the counties and districts a city-level table lists (县区名称): any administrative unit.
_TOWN_END = ("街道办事处", "街道", "乡镇", "镇", "乡", "开发区", "管委会", "办事处", "县", "区", "市")
_SUMMARY = re.compile(r"^(合计|总计|小计|全县|全区|全市|总数|累计)")
_NUMBER = re.compile(r"^[+-]?\d{1,12}(?:\.\d+)?$")
_UNIT = re.compile(r"单位[:：]\s*(?P<unit>[\u4e00-\u9fff]{1,4})|[(（](?P<paren>万元|元|人|个|户|亩|公里|千米|吨)[)）]")
MIN_ROWS = 2


@dataclass(frozen=True)
class Cell:
    line: int
    text: str


def cells_of(raw: RawText, number: int) -> list[str]:
    text = raw.line(number).strip()
    parts = re.split(r"\t|\|", text) if ("\t" in text or "|" in text) else [text]
    return [compact(p) for p in parts if compact(p)]


def is_town(name: str, ctx: Context) -> bool:
    return bool(name) and len(name) <= 12 and (ctx.ref.town_full_name(name) is not None or name.endswith(_TOWN_END)) \
        and not _SUMMARY.match(name)


def number_of(text: str) -> Decimal | None:
    text = text.replace(",", "")
    if not _NUMBER.match(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _row_at(raw: RawText, number: int, ctx: Context) -> tuple[str, str, int] | None:
    """(town, value text, next line to read) of a row starting at line `number`, in either layout."""
    cells = cells_of(raw, number)
    if len(cells) >= 2 and is_town(cells[0], ctx) and number_of(cells[1]) is not None:
        return cells[0], cells[1], number + 1
    if len(cells) == 1 and is_town(cells[0], ctx):
        nxt = next((n for n in range(number + 1, min(number + 3, len(raw.lines) + 1)) if not is_blank(raw.line(n))), None)
        if nxt is not None:
            value = cells_of(raw, nxt)
            if len(value) == 1 and number_of(value[0]) is not None:
                return cells[0], value[0], nxt + 1
    return None


def _summary_at(raw: RawText, number: int) -> tuple[str, int] | None:
    cells = cells_of(raw, number)
    if cells and _SUMMARY.match(cells[0]):
        if len(cells) >= 2 and number_of(cells[-1]) is not None:
            return cells[-1], number
        nxt = next((n for n in range(number + 1, min(number + 3, len(raw.lines) + 1)) if not is_blank(raw.line(n))), None)
        if nxt is not None and len(cells_of(raw, nxt)) == 1 and number_of(cells_of(raw, nxt)[0]) is not None:
            return cells_of(raw, nxt)[0], nxt
    return None


def _header(raw: RawText, first_row: int, floor: int) -> tuple[str | None, str | None]:
    """The lines just above the rows (at most 4): their text and the unit they state."""
    above = [n for n in range(first_row - 1, max(floor, first_row - 6) - 1, -1) if not is_blank(raw.line(n))][:4]
    text = " ".join(compact(raw.line(n)) for n in reversed(above))
    unit = _UNIT.search(text)
    return (text or None), ((unit["unit"] or unit["paren"]) if unit else None)


def extract(ctx: Context, doc: Document) -> LoadResult:
    raw = ctx.raw
    rows, checks = [], []
    number, table_no = doc.first_line, 0
    while number <= doc.last_line:
        block, at = [], number
        while at <= doc.last_line:
            while at <= doc.last_line and is_blank(raw.line(at)):
                at += 1
            row = _row_at(raw, at, ctx) if at <= doc.last_line else None
            if row is None:
                break
            block.append((row[0], row[1], at))
            at = row[2]
        if len(block) < MIN_ROWS:
            number += 1
            continue
        table_no += 1
        header, unit = _header(raw, block[0][2], doc.first_line)
        for town, value, line in block:
            rows.append({"table_no": table_no, "header": header, "unit": unit, "town_raw": town,
                         "town_name": ctx.ref.town_full_name(town), "value": number_of(value), "value_text": value,
                         "doc_id": doc.doc_id, "line": line})
        summary = _summary_at(raw, at) if at <= doc.last_line else None
        if summary:
            stated = number_of(summary[0])
            # every value of a block is a number (_row_at admits no other row)
            listed = sum((d for _t, v, _l in block if (d := number_of(v)) is not None), Decimal(0))
            checks.append(compare(f"town_values.t{table_no}.total", Msg('分镇街表{table_no}的合计', table_no=table_no),
                                  stated, listed, doc.doc_id, summary[1], unit=unit or ""))
            at = summary[1] + 1
        number = at
    frame = pd.DataFrame(rows, columns=TABLES[0].column_names)
    return LoadResult(tables={"town_values": frame}, checks=checks)


def recognise(raw: RawText, doc: Document) -> bool:
    return True  # structure decides: extract() finds 0..n tables in any document


def load(ctx: Context) -> LoadResult:
    result = each_document(ctx, "town_values", N_("分镇街表格"), recognise, extract)
    if "town_values" not in result.tables or result.tables["town_values"].empty:
        result.checks = [c for c in result.checks if not c.check_id.endswith(".none")]
        result.checks.append(Check(f"{ctx.bulletin_id}:town_values.none", Msg("分镇街表格：本公报中未识别到"), "info",
                                   "", "0", Msg('{title}中没有识别到分镇街的数值表格。', title=ctx.raw.title), None, None))
    return result
