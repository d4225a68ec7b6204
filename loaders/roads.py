"""农村通户道路硬化工程实施方案 (a district's notice): villages per town, milestones.

Everything is found by content: the 明细表 by its header row (序号 镇(街道) 个数 村名),
the sections by their headings (建设标准, 实施步骤, 资金筹措). Village names repeat
across towns (董家, 赵家 …), so a village is keyed by (town, village), never by name.
"""
from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from loaders.base import Context, LoadResult, each_document
from loaders.checks import Check, compare, missing
from loaders.cn import dates, outline
from loaders.cn.amounts import ratio_shares
from loaders.cn.normalize import compact, display_punct
from loaders.cn.numerals import cn_numeral
from loaders.cn.paragraphs import printed
from loaders.documents import Document
from loaders.schema import C, Table, provenance
from loaders.source import Paragraph, RawText, paragraphs
from textkit.msg import N_, Msg, NMsg

TABLES = [
    Table("road_villages", N_("通户道路硬化村庄明细（按镇街）。村名在不同镇街间会重复，以（镇街, 村）为键。"), (
        C("town_name", "VARCHAR", N_("镇街全称"), False),
        C("village_name", "VARCHAR", N_("村名（原文）"), False),
        C("seq_in_town", "INTEGER", N_("在该镇街名单中的顺序（从 1 开始）"), False),
        *provenance())),
    Table("road_towns", N_("每个镇街写明的村数与名单实际列出的村数。"), (
        C("town_seq", "INTEGER", N_("明细表序号")),
        C("town_name", "VARCHAR", N_("镇街全称"), False),
        C("stated_count", "INTEGER", N_("表中“个数”列"), False),
        C("listed_count", "INTEGER", N_("村名列实际列出的个数"), False),
        C("duplicate_villages", "VARCHAR", N_("同一镇街名单内重复出现的村名（以、分隔；无则为空）")),
        *provenance())),
    Table("road_milestones", N_("实施步骤的节点（前期准备、招投标、主体施工、工程验收）。"), (
        C("step_no", "INTEGER", N_("步骤序号"), False),
        C("step_name", "VARCHAR", N_("步骤名称"), False),
        C("deadline", "DATE", N_("完成时限")),
        C("village_count", "INTEGER", N_("该步骤写明要完成的村数（如“254个村”）")),
        C("text", "VARCHAR", N_("原文"), False),
        *provenance())),
    Table("road_standards", N_("建设标准：各类道路的最低建设标准。"), (
        C("item_no", "INTEGER", N_("条目序号（（一）→1）；条目后的说明段为空")),
        C("item", "VARCHAR", N_("适用对象（如 村内街巷宽度小于3.5米）"), False),
        C("text", "VARCHAR", N_("原文"), False),
        *provenance())),
    Table("road_funding", N_("资金筹措：区、镇（街道）的分担比例及剩余部分的承担方。"), (
        C("party", "VARCHAR", N_("出资方（原文）"), False),
        C("ratio_part", "INTEGER", N_("比例中的份数（如 8:2 中的 8）；不按比例的为空")),
        C("share_pct", "DECIMAL(9,4)", N_("按比例折算的百分比；不按比例的为空")),
        C("basis", "VARCHAR", N_("按比例 / 剩余不足部分"), False),
        C("text", "VARCHAR", N_("原文"), False),
        *provenance())),
]

HEADER_CELLS = ("序号", "镇(街道)", "个数", "村名")
TOTAL_LABEL = "合计"
SECTION = re.compile(rf"^({outline.CN})、")
ITEM = re.compile(rf"^\(({outline.CN})\)")
STEP = re.compile(rf"^\(({outline.CN})\)([^。,]+)。")
VILLAGES_IN_TEXT = re.compile(r"(\d+)个村(?!民)")
OVERALL_COUNT = re.compile(r"共涉及村庄(\d+)个")
RATIO = re.compile(r"由(.+?)按(\d+(?::\d+)+)的比例")
REMAINDER = re.compile(r"剩余不足部分由(.+?)通过.+?形式解决")


cn_parens = display_punct          # (kept for callers) brackets and colons shown full-width again


def printed_text(raw: RawText, para: Paragraph, drop_heading: bool = False) -> str:
    """The paragraph as printed (full-width punctuation kept), lines joined across page breaks."""
    return printed(para, raw.line, drop_heading)


def frame(table: Table, rows: list[dict]) -> pd.DataFrame:
    """DataFrame with the table's columns; INTEGER columns stay integers when some are NULL."""
    out = pd.DataFrame(rows, columns=table.column_names)
    for column in table.columns:
        if column.type == "INTEGER":
            out[column.name] = out[column.name].astype("Int64")
    return out


def town_name(raw_name: str, ctx: Context) -> str:
    """Full official name; an unknown name is kept as printed (and reported by a check)."""
    return ctx.ref.town_full_name(raw_name) or raw_name


# ---------------------------------------------------------------- 明细表
def _cells(line: str) -> list[str]:
    """Split on tabs BEFORE norm(), which would turn tabs into spaces."""
    return [compact(cell) for cell in line.split("\t")]


def _is_header(cells: list[str]) -> bool:
    return tuple(cells[:len(HEADER_CELLS)]) == HEADER_CELLS


def table_rows(raw: RawText, doc: Document) -> tuple[list[tuple[int, list[str]]], tuple[int, list[str]] | None]:
    """(line, cells) for each town row of the 明细表, and the 合计 row.

    Starts at the header row; repeated headers (after a page break) and blank lines
    are skipped; the table ends at the 合计 row or the first line without tabs.
    """
    header = next((n for n, text in raw.numbered(doc.first_line, doc.last_line)
                   if "\t" in text and _is_header(_cells(text))), None)
    if header is None:
        return [], None
    rows, total = [], None
    for number, text in raw.numbered(header + 1, doc.last_line):
        if not text.strip():
            continue
        if "\t" not in text:
            break
        cells = _cells(text) + [""] * 4
        if _is_header(cells):
            continue
        if cells[0] == TOTAL_LABEL or cells[1] == TOTAL_LABEL:
            total = (number, cells)
            break
        rows.append((number, cells))
    return rows, total


def split_villages(cell: str) -> list[str]:
    return [name for name in (part.strip() for part in re.split(r"[、,]", cell)) if name]


def parse_table(raw: RawText, doc: Document, ctx: Context):
    rows, total = table_rows(raw, doc)
    villages, towns, checks = [], [], []
    seen_ids: Counter = Counter()
    for number, cells in rows:
        town = town_name(cells[1], ctx)
        names = split_villages(cells[3])
        duplicates = sorted(name for name, n in Counter(names).items() if n > 1)
        stated = int(cells[2]) if cells[2].isdigit() else None
        towns.append({"town_seq": int(cells[0]) if cells[0].isdigit() else None, "town_name": town,
                      "stated_count": stated, "listed_count": len(names),
                      "duplicate_villages": "、".join(duplicates) or None,
                      "doc_id": doc.doc_id, "line": number})
        villages += [{"town_name": town, "village_name": name, "seq_in_town": i,
                      "doc_id": doc.doc_id, "line": number} for i, name in enumerate(names, 1)]
        seen_ids[town] += 1
        suffix = "" if seen_ids[town] == 1 else f"#{seen_ids[town]}"
        checks += town_checks(town, suffix, stated, names, duplicates, ctx, doc.doc_id, number)
    return villages, towns, total, checks


def town_checks(town, suffix, stated, names, duplicates, ctx, doc_id, line) -> list[Check]:
    checks = []
    if ctx.ref.town_full_name(town) is None:
        district = ctx.raw.meta.district or "本区"
        checks.append(Check(f"roads.unknown_town.{town}{suffix}", Msg('明细表镇街名 {town}', town=town), "warn",
                            f"{district}{len(ctx.ref.towns)}个镇街之一", town,
                            NMsg('明细表中的“{town}”不是{district}{n}个镇街之一，按原文保留。',
                                 '明细表中的“{town}”不是{district}{n}个镇街之一，按原文保留。', len(ctx.ref.towns),
                                 town=town, district=district), doc_id, line))
    if stated is None:
        checks.append(missing(f"roads.town_count.{town}{suffix}", Msg('{town}村数', town=town), Msg("“个数”列的数字"),
                              doc_id, line, severity="warn"))
    else:
        checks.append(compare(f"roads.town_count.{town}{suffix}", Msg('{town}硬化村数（个数列 vs 名单）', town=town),
                              stated, len(names), doc_id, line, unit="个"))
    if duplicates:
        message = Msg("{town}名单中重复出现的村名：{villages}（同一镇街内应各列一次）。", town=town,
                      villages="、".join(duplicates))
        checks.append(Check(f"roads.duplicate_villages.{town}{suffix}", Msg('{town}村名重复', town=town), "warn",
                            "0", str(len(duplicates)), message, doc_id, line))
    else:
        checks.append(Check(f"roads.duplicate_villages.{town}{suffix}", Msg('{town}村名重复', town=town), "ok", "0", "0",
                            Msg('{town}名单中没有重复的村名。', town=town), doc_id, line))
    return checks


def total_checks(towns: list[dict], villages: list[dict], total, doc: Document) -> tuple[int | None, list[Check]]:
    if total is None:
        return None, [missing("roads.total", Msg("明细表合计"), Msg("“合计”行"), doc.doc_id, None)]
    line, cells = total
    stated_total = next((int(c) for c in cells[1:] if c.isdigit()), None)
    if stated_total is None:
        return None, [missing("roads.total", Msg("明细表合计"), Msg("“合计”行的数字"), doc.doc_id, line)]
    stated_sum = sum(t["stated_count"] or 0 for t in towns)
    return stated_total, [
        compare("roads.total_vs_stated_counts", Msg("明细表合计 vs 各镇街“个数”之和"),
                stated_total, stated_sum, doc.doc_id, line, unit="个"),
        compare("roads.total_vs_listed", Msg("明细表合计 vs 名单实际列出的村数"),
                stated_total, len(villages), doc.doc_id, line, unit="个"),
    ]


# ---------------------------------------------------------------- sections
def section(paras: list[Paragraph], title: str) -> list[Paragraph]:
    """Paragraphs of the top-level section `一、…title…` up to the next `X、` heading.

    The heading paragraph itself is included: the joiner glues a heading to the
    first line of its body when that line is not an item.
    """
    start = next((i for i, p in enumerate(paras) if SECTION.match(p.text) and title in p.text[:20]), None)
    if start is None:
        return []
    end = next((i for i in range(start + 1, len(paras)) if SECTION.match(paras[i].text)), len(paras))
    return paras[start:end]


def parse_milestones(raw: RawText, paras: list[Paragraph], doc: Document) -> list[dict]:
    rows = []
    for para in section(paras, "实施步骤"):
        m = STEP.match(para.text)
        if not m:
            continue
        count = VILLAGES_IN_TEXT.search(para.text)
        rows.append({"step_no": cn_numeral(m[1]), "step_name": m[2], "deadline": dates.deadline(para.text),
                     "village_count": int(count[1]) if count else None, "text": printed_text(raw, para),
                     "doc_id": doc.doc_id,
                     "line": para.line_at(count.start() if count else m.start(2))})
    return rows


def milestone_checks(milestones: list[dict], table_total: int | None, doc: Document) -> list[Check]:
    if table_total is None:
        return []
    return [compare(f"roads.milestone_villages.{m['step_no']}", Msg('实施步骤“{step_name}”写明的村数 vs 明细表合计', step_name=m['step_name']),
                    m["village_count"], table_total, doc.doc_id, m["line"], unit="个")
            for m in milestones if m["village_count"] is not None]


def overall_check(paras: list[Paragraph], table_total: int | None, doc: Document) -> list[Check]:
    for para in section(paras, "总体任务"):
        m = OVERALL_COUNT.search(para.text)
        if m and table_total is not None:
            return [compare("roads.overall_villages", Msg("总体任务“共涉及村庄”村数 vs 明细表合计"),
                            int(m[1]), table_total, doc.doc_id, para.line_at(m.start(1)), unit="个")]
    return []


def standard_subject(text: str) -> str:
    """'(二)村内街巷宽度大于等于3.5米的,统一…' -> '村内街巷宽度大于等于3.5米'."""
    body = ITEM.sub("", text)
    m = re.match(r"^对?(.+?)(?:按|的,|,)", body)
    return cn_parens(m[1] if m else body[:20])


def parse_standards(raw: RawText, paras: list[Paragraph], doc: Document) -> list[dict]:
    rows = []
    for para in section(paras, "建设标准")[1:]:  # [0] is the heading with the basis documents
        m = ITEM.match(para.text)
        rows.append({"item_no": cn_numeral(m[1]) if m else None, "item": standard_subject(para.text),
                     "text": printed_text(raw, para), "doc_id": doc.doc_id, "line": para.first_line})
    return rows


def parse_funding(raw: RawText, paras: list[Paragraph], doc: Document) -> tuple[list[dict], list[Check]]:
    for para in section(paras, "资金筹措"):
        ratio = RATIO.search(para.text)
        if ratio:
            break
    else:
        return [], [missing("roads.funding_ratio", Msg("资金筹措比例"), Msg("“按 X:Y 的比例”"), doc.doc_id, None)]
    sentences = re.split(r"(?<=。)", printed_text(raw, para, drop_heading=True))
    sentence = next((s for s in sentences if "比例" in s), sentences[0])
    rest_sentence = next((s for s in sentences if "剩余" in s), None)
    parties = [p for p in re.split(r"、(?![^(]*\))", ratio[1]) if p]  # 、 outside brackets
    parts = [int(x) for x in ratio[2].split(":")]
    line = para.line_at(ratio.start(2))
    checks = []
    if len(parties) != len(parts):
        checks.append(Check("roads.funding_parties", Msg("资金筹措出资方与比例份数"), "warn", str(len(parts)),
                            str(len(parties)), NMsg('资金筹措比例 {ratio} 有 {parts} 份，但列出的出资方为 {n} 个：{parties}。',
                                 '资金筹措比例 {ratio} 有 {parts} 份，但列出的出资方为 {n} 个：{parties}。', len(parties),
                                 ratio=ratio[2], parts=len(parts), parties='、'.join(parties)), doc.doc_id, line))
    rows = [{"party": cn_parens(party), "ratio_part": part, "share_pct": share,
             "basis": "按比例", "text": cn_parens(sentence), "doc_id": doc.doc_id, "line": line}
            for party, part, share in zip(parties, parts, ratio_shares(ratio[2]))]
    checks.append(compare("roads.funding_ratio_total", Msg('资金筹措 {ratio} 折算的各方占比之和', ratio=ratio[2]),
                          100, sum(r["share_pct"] for r in rows), doc.doc_id, line, unit="%"))
    rest = REMAINDER.search(para.text)
    if rest:
        rows.append({"party": cn_parens(rest[1]), "ratio_part": None, "share_pct": None,
                     "basis": "剩余不足部分", "text": rest_sentence or cn_parens(rest[0]), "doc_id": doc.doc_id,
                     "line": para.line_at(rest.start())})
    return rows, checks


# ---------------------------------------------------------------- load
def recognise(raw: RawText, doc: Document) -> bool:
    """A road-hardening plan: 硬化 in the title, or a table of villages per town (镇/街道 … 村名)."""
    if "硬化" in doc.title and "道路" in doc.title:
        return True
    return any(_is_village_table_header(compact(raw.line(n))) for n in range(doc.first_line, doc.last_line + 1))


def _is_village_table_header(line: str) -> bool:
    return "村名" in line and ("镇" in line or "街道" in line) and "硬化" in line


def load(ctx: Context) -> LoadResult:
    return each_document(ctx, "roads", N_("通户道路硬化村庄明细"), recognise, extract)


def extract(ctx: Context, doc: Document) -> LoadResult:
    raw = ctx.raw
    paras = paragraphs(raw, doc.first_line, doc.last_line)

    villages, towns, total, checks = parse_table(raw, doc, ctx)
    if not towns:
        checks.append(missing("roads.table", Msg("通户道路硬化明细表"), Msg("表头“序号 镇(街道) 个数 村名”"),
                              doc.doc_id, doc.first_line))
    table_total, more = total_checks(towns, villages, total, doc)
    checks += more
    milestones = parse_milestones(raw, paras, doc)
    if not milestones:
        checks.append(missing("roads.milestones", Msg("实施步骤"), Msg("“三、实施步骤”的各步骤"), doc.doc_id, None,
                              severity="warn"))
    checks += overall_check(paras, table_total, doc)
    checks += milestone_checks(milestones, table_total, doc)
    standards = parse_standards(raw, paras, doc)
    funding, funding_checks = parse_funding(raw, paras, doc)
    checks += funding_checks

    tables = {"road_villages": villages, "road_towns": towns, "road_milestones": milestones,
              "road_standards": standards, "road_funding": funding}
    frames = {t.name: frame(t, tables[t.name]) for t in TABLES}
    return LoadResult(tables=frames, checks=checks)
