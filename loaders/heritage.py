"""第五批区级非物质文化遗产代表性项目名录 (济阳政发〔2020〕17号).

The 名录 attachment groups items under category headings such as
'一、传统音乐（II）2项', each followed by a tab table 序号 项目名称 申报单位/个人.
The notice itself states the total ('《济阳唢呐吹奏》等7个项目').
"""
from __future__ import annotations

import re

from loaders.base import Context, LoadResult, Reference, each_document
from loaders.checks import Check, compare, missing
from loaders.cn import outline
from loaders.cn.normalize import compact, norm
from loaders.documents import Document
from loaders.roads import frame
from loaders.schema import C, Table, provenance
from loaders.source import RawText
from textkit.msg import N_, Msg

TABLES = [
    Table("heritage_items", N_("第五批区级非物质文化遗产代表性项目。"), (
        C("seq", "INTEGER", N_("序号"), False),
        C("category", "VARCHAR", N_("类别，如 传统音乐（II）"), False),
        C("item_name", "VARCHAR", N_("项目名称"), False),
        C("applicant", "VARCHAR", N_("申报单位/个人"), False),
        C("town_name", "VARCHAR", N_("项目名称或申报单位中出现的镇街全称")),
        *provenance())),
]

CATEGORY = re.compile(rf"^({outline.CN})、(.+?)\(([IVXLⅠ-Ⅻ]+)\)(\d+)项$")
STATED_TOTAL = re.compile(r"等(\d+)个项目")


def town_named_in(text: str, ref: Reference) -> str | None:
    """A 济阳 town named in the text: its full name, or its short name (仁风九龙翻身大鼓 -> 仁风镇).

    A short name that is also the district's (济阳 of 济阳区) names the district, not
    济阳街道, so it only counts when written in full.
    """
    for row in ref.towns.itertuples():
        if row.town_name in text:
            return row.town_name
    for row in ref.towns.itertuples():
        if row.short_name in text and f"{row.short_name}区" != row.district:
            return row.town_name
    return None


def parse_items(raw, doc, ctx: Context):
    """Items with their category; per-category (stated count, line, rows listed)."""
    items, categories, current = [], [], None
    for number, text in raw.numbered(doc.first_line, doc.last_line):
        heading = CATEGORY.match(compact(text))
        if heading:
            current = {"category": f"{heading[2]}（{heading[3]}）", "name": heading[2], "stated": int(heading[4]),
                       "line": number, "listed": 0}
            categories.append(current)
            continue
        cells = [compact(cell) for cell in text.split("\t")]
        if current is None or len(cells) < 3 or not cells[0].isdigit():
            continue  # header rows (序号 …) and prose
        name, applicant = cells[1], cells[2]
        items.append({"seq": int(cells[0]), "category": current["category"], "item_name": name,
                      "applicant": applicant,
                      "town_name": town_named_in(name, ctx.ref) or town_named_in(applicant, ctx.ref),
                      "doc_id": doc.doc_id, "line": number})
        current["listed"] += 1
    return items, categories


def count_checks(items, categories, raw, doc) -> list[Check]:
    checks = [compare(f"heritage.category_count.{c['name']}", Msg('{category}项目数（标题 vs 名录）', category=c['category']),
                      c["stated"], c["listed"], doc.doc_id, c["line"], unit="项") for c in categories]
    stated = next(((n, int(m[1])) for n, text in raw.numbered(doc.first_line, doc.last_line)
                   if (m := STATED_TOTAL.search(norm(text)))), None)
    if stated is None:
        checks.append(missing("heritage.total", Msg("名录项目总数"), Msg("“等N个项目”"), doc.doc_id, None, severity="warn"))
        return checks
    line, total = stated
    checks.append(compare("heritage.total_listed", Msg("通知写明的项目总数 vs 名录列出的项目"),
                          total, len(items), doc.doc_id, line, unit="项"))
    checks.append(compare("heritage.total_categories", Msg("通知写明的项目总数 vs 各类别标题项数之和"),
                          total, sum(c["stated"] for c in categories), doc.doc_id, line, unit="项"))
    return checks


def recognise(raw: RawText, doc: Document) -> bool:
    return "非物质文化遗产" in doc.title and "名录" in doc.title


def load(ctx: Context) -> LoadResult:
    return each_document(ctx, "heritage", N_("非物质文化遗产名录"), recognise, extract)


def extract(ctx: Context, doc: Document) -> LoadResult:
    raw = ctx.raw
    items, categories = parse_items(raw, doc, ctx)
    checks = count_checks(items, categories, raw, doc)
    if not items:
        checks.append(missing("heritage.items", Msg("非遗名录"), Msg("“一、类别（罗马数字）N项”及其表格"),
                              doc.doc_id, doc.first_line))
    return LoadResult(tables={"heritage_items": frame(TABLES[0], items)}, checks=checks)
