"""涉农资金统筹整合实施方案 (a district's notice): fund totals, key projects, 乡村振兴指标体系.

Everything is found by its wording (资金规模 paragraph, 按任务性质分 / 按任务领域分,
the (四) 重点项目 section, the 指标体系 table header); no figure of the bulletin is
written here. Amounts stay Decimal from text to table so sums are exact.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import Any

import pandas as pd

from loaders.base import Context, LoadResult, each_document
from loaders.checks import Check, _fmt, compare, joined, missing, share_pct, unit_msg
from loaders.cn import dates, outline
from loaders.cn.amounts import NUMBER, parse_decimal
from loaders.cn.normalize import compact
from loaders.cn.paragraphs import regroup
from loaders.documents import Document, document_text
from loaders.schema import MONEY, C, Table, provenance
from loaders.source import Paragraph, RawText, paragraphs
from textkit.msg import N_, Msg, NMsg

TABLES = [
    Table("fund_by_source", N_("2020 年统筹整合涉农资金按来源分（中央/省级/市级/区级/其他）。"), (
        C("source_name", "VARCHAR", N_("资金来源，如 中央资金"), False),
        C("amount_wan", MONEY, N_("金额（万元）"), False),
        C("share_pct_stated", "DECIMAL(9,4)", N_("文件写明的占比（%）")),
        C("share_pct", "DECIMAL(9,4)", N_("按金额计算的占比（%，保留两位）")),
        *provenance())),
    Table("fund_totals", N_("统筹整合涉农资金总额与比上年增减；原文未写明、由本站推算的值 derived = true。"), (
        C("measure", "VARCHAR", N_("指标，如 统筹整合资金总额、比上年增减"), False),
        C("value", MONEY, N_("数值")),
        C("unit", "VARCHAR", N_("单位：万元 / %")),
        C("derived", "BOOLEAN", N_("是否为推算值（原文未写明）"), False),
        C("note", "VARCHAR", N_("说明（推算方法与精度）")),
        *provenance())),
    Table("fund_by_sector", N_("按任务领域分（产业振兴、人才振兴……脱贫攻坚）。"), (
        C("sector_name", "VARCHAR", N_("任务领域"), False),
        C("amount_wan", MONEY, N_("金额（万元）"), False),
        C("share_pct", "DECIMAL(9,4)", N_("按金额计算的占比（%）")),
        *provenance())),
    Table("fund_by_task_nature", N_("按任务性质分（上级约束性任务、省市统筹使用资金、区级资金、其他资金）。"), (
        C("nature_name", "VARCHAR", N_("任务性质"), False),
        C("amount_wan", MONEY, N_("金额（万元）"), False),
        C("share_pct", "DECIMAL(9,4)", N_("按金额计算的占比（%）")),
        *provenance())),
    Table("fund_projects", N_("重点项目及建设内容（六个重点项目）。"), (
        C("project_no", "INTEGER", N_("项目序号"), False),
        C("sector_name", "VARCHAR", N_("所属领域（与 fund_by_sector.sector_name 一致）"), False),
        C("project_name", "VARCHAR", N_("项目名称"), False),
        C("area", "VARCHAR", N_("实施区域（原文）")),
        C("town_name", "VARCHAR", N_("实施区域所在镇街全称；涉及各镇街时为空")),
        C("content", "VARCHAR", N_("建设内容（原文）")),
        C("total_wan", MONEY, N_("总投资（万元）；原文未写明时为空")),
        C("total_stated", "BOOLEAN", N_("总投资是否为原文写明"), False),
        C("funding_text", "VARCHAR", N_("资金投入（原文）")),
        C("funding_line", "INTEGER", N_("资金投入所在行")),
        C("start_month", "VARCHAR", N_("开始月份 YYYY-MM")),
        C("end_month", "VARCHAR", N_("完成月份 YYYY-MM")),
        C("schedule_text", "VARCHAR", N_("进度安排（原文）")),
        C("target_text", "VARCHAR", N_("绩效目标（原文）")),
        *provenance())),
    Table("fund_project_sources", N_("重点项目的资金来源明细。"), (
        C("project_no", "INTEGER", N_("项目序号"), False),
        C("source_name", "VARCHAR", N_("资金来源（原文措辞）"), False),
        C("amount_wan", MONEY, N_("金额（万元）；原文未写金额时为空")),
        C("source_level", "VARCHAR", N_("按措辞判断的资金层级（中央资金/省级资金/市级资金/区级资金）；判断不了时为空")),
        *provenance())),
    Table("rural_indicators", N_("乡村振兴指标体系（32 项）。"), (
        C("seq", "INTEGER", N_("序号"), False),
        C("category", "VARCHAR", N_("类别（产业兴旺、生态宜居、乡风文明、治理有效、生活富裕）"), False),
        C("name", "VARCHAR", N_("指标名称"), False),
        C("unit", "VARCHAR", N_("单位")),
        C("growth_text", "VARCHAR", N_("年均增速（原文，如 51.57、[2]、[>80.4]）")),
        C("growth_kind", "VARCHAR", N_("rate = 年均增速（%）；total = 方括号内为累计变化；none = —")),
        C("growth_value", "DOUBLE", N_("年均增速或累计变化的数值部分")),
        C("attribute", "VARCHAR", N_("约束性 / 预期性"), False),
        *provenance())),
    Table("rural_indicator_values", N_("乡村振兴指标的基期值与各目标年份的目标值（长表：每个指标 × 年份一行，年份按表头读出）。"), (
        C("seq", "INTEGER", N_("指标序号（见 rural_indicators.seq）"), False),
        C("role", "VARCHAR", N_("base 基期值 / target 目标值"), False),
        C("year", "INTEGER", N_("表头写明的年份"), False),
        C("value", "DOUBLE", N_("数值部分（“—”为空）")),
        C("value_text", "VARCHAR", N_("原文（含 ≥、>、—）"), False),
        C("operator", "VARCHAR", N_("原文中的比较符（≥ ≤ > <），无为空")),
        *provenance())),
]

CN_HEADING = re.compile(rf"^{outline.PAREN_CN}")
# Where an item of the plan starts: '三、', '(四)', '(3)', '1.' — but not '32742.01'.
ITEM_START = re.compile(rf"^(?:{outline.SECTION}|{outline.PAREN_CN}|{outline.PAREN_ARABIC}|\d+\.(?!\d))")


@dataclass(frozen=True)
class Where:
    doc_id: str
    line: int


def recognise(raw: RawText, doc: Document) -> bool:
    """A fund plan: 涉农资金 with amounts in 万元 and a breakdown by source, task or sector."""
    text = document_text(raw, doc)
    # the breakdowns this extractor reads; a list of amounts by source alone is fund_sources' job
    return "涉农资金" in text and "万元" in text and any(w in text for w in ("按来源分", "按任务领域分", "按任务性质分"))


def load(ctx: Context) -> LoadResult:
    return each_document(ctx, "funds", N_("涉农资金统筹整合方案"), recognise, extract)


def extract(ctx: Context, doc: Document) -> LoadResult:
    raw = ctx.raw
    paras = items(paragraphs(raw, doc.first_line, doc.last_line))
    result = LoadResult()
    sources, totals, total = fund_scale(paras, doc, result.checks)
    result.tables["fund_by_source"] = sources
    result.tables["fund_totals"] = totals
    natures = breakdown(paras, N_("按任务性质分"), "nature_name", total, doc, result.checks)
    sectors = breakdown(paras, N_("按任务领域分"), "sector_name", total, doc, result.checks)
    result.tables["fund_by_task_nature"] = natures
    result.tables["fund_by_sector"] = sectors
    if total is not None:
        result.checks += breakdown_checks(sources, natures, sectors, total)
    projects, project_sources = key_projects(paras, doc, ctx, list(sectors.sector_name), result.checks)
    result.tables["fund_projects"] = projects
    result.tables["fund_project_sources"] = project_sources
    result.tables["rural_indicators"], result.tables["rural_indicator_values"] = indicator_table(raw, doc, result.checks)
    return result


def items(paras: list[Paragraph]) -> list[Paragraph]:
    """Regroup paragraphs into the plan's items.

    The shared joiner also ends a paragraph after '；' and at a line that begins
    like '12345.67万元' (it looks like '1.'), so a page break there would cut a sentence
    of amounts in two; an item here runs until the next '三、' / '(四)' / '(3)' / '1.'.
    """
    return regroup(paras, ITEM_START)


# ---------------------------------------------------------------- fund scale
SCALE = re.compile(rf"涉农资金共计(?P<total>{NUMBER})万元,?比(?P<year>\d{{4}})年(?P<dir>减少|下降|增加|增长)"
                   rf"(?P<pct>{NUMBER})%")
SOURCE_SHARE = re.compile(rf"(?P<name>[\u4e00-\u9fff]{{1,8}}资金)(?P<amt>{NUMBER})万元,?占整合资金的?(?P<pct>{NUMBER})%")


def _half_unit(stated: Decimal) -> Decimal:
    """Half a unit of the last printed decimal: 1234.56789 -> 0.000005."""
    exponent = stated.as_tuple().exponent
    if not isinstance(exponent, int):
        raise ValueError(f"not a finite amount: {stated}")
    return Decimal(5).scaleb(exponent - 1)


def total_check(check_id: str, subject: Msg, stated: Decimal, parts_sum: Decimal, where: Where) -> Check:
    """Stated total against the sum of its parts.

    A total printed with fewer decimals than its parts is right when the sum rounds to
    it, so the tolerance is half a unit of its last printed digit; any remaining gap is
    still named in the message.
    """
    check = compare(check_id, subject, stated, parts_sum, where.doc_id, where.line,
                    tolerance=_half_unit(stated), unit="万元")
    if check.severity == "ok" and parts_sum != stated:
        message = Msg("{subject}：文件写明 {stated}万元，明细合计 {parts}万元，相差 {difference}万元，在总额所印位数的四舍五入范围内。",
                      subject=subject, stated=_fmt(stated), parts=_fmt(parts_sum), difference=_fmt(parts_sum - stated))
        check = Check(check.check_id, subject, "ok", check.expected, check.actual, message, where.doc_id, where.line)
    return check


def fund_scale(paras: list[Paragraph], doc: Document, checks: list[Check]):
    """The 资金规模 paragraph: grand total, change on the previous year, the five sources."""
    found = next(((p, m) for p in paras if (m := SCALE.search(p.text))), None)
    if found is None:
        checks.append(missing("funds.scale", Msg("统筹整合资金规模"), Msg("“涉农资金共计……万元，比……年减少……%”一段"),
                              doc.doc_id, doc.first_line))
        return pd.DataFrame(), pd.DataFrame(), None
    para, m = found
    total = parse_decimal(m["total"])
    change = parse_decimal(m["pct"]) * (-1 if m["dir"] in ("减少", "下降") else 1)
    total_at, change_at = Where(doc.doc_id, para.line_at(m.start("total"))), Where(doc.doc_id, para.line_at(m.start("pct")))
    rows: list[dict[str, Any]] = []
    for s in SOURCE_SHARE.finditer(para.text):
        amount = parse_decimal(s["amt"])
        rows.append({"source_name": s["name"], "amount_wan": amount, "share_pct_stated": parse_decimal(s["pct"]),
                     "share_pct": share_pct(amount, total), "doc_id": doc.doc_id,
                     "line": para.line_at(s.start("amt"))})
    sources = pd.DataFrame(rows)
    totals = pd.DataFrame([
        {"measure": "统筹整合资金总额", "value": total, "unit": "万元", "derived": False, "note": None,
         "doc_id": doc.doc_id, "line": total_at.line},
        {"measure": "比上年增减", "value": change, "unit": "%", "derived": False,
         "note": f"比{m['year']}年{m['dir']}{m['pct']}%", "doc_id": doc.doc_id, "line": change_at.line},
        previous_year_total(total, change, int(m["year"]), change_at),
    ])
    if not rows:
        checks.append(missing("funds.source_total", Msg("资金来源合计"), Msg("“××资金……万元，占整合资金的……%”"),
                              doc.doc_id, total_at.line))
        return sources, totals, total
    checks.append(total_check("funds.source_total", Msg("统筹整合资金总额与各来源资金合计"), total,
                              sum(sources.amount_wan, Decimal(0)), total_at))
    for row in rows:
        # The printed share has two decimals, so it is right only if it equals the
        # computed share rounded the same way; 0.01 off is already a printing error.
        checks.append(compare(f"funds.source_share.{row['source_name']}", Msg('{source_name}占整合资金的比例', source_name=row['source_name']),
                              row["share_pct_stated"], row["share_pct"], doc.doc_id, row["line"], unit="%"))
    checks.append(compare("funds.source_share_sum", Msg("各来源资金写明的占比之和"), Decimal(100),
                          sum(sources.share_pct_stated, Decimal(0)), doc.doc_id, rows[-1]["line"], unit="%"))
    return sources, totals, total


def previous_year_total(total: Decimal, change_pct: Decimal, year: int, where: Where) -> dict:
    """The previous year's total implied by the stated change — not printed, so marked derived."""
    half = _half_unit(change_pct)
    implied = lambda pct: total / (1 + pct / 100)  # noqa: E731
    value = implied(change_pct).quantize(Decimal("0.01"))
    low, high = sorted((implied(change_pct + half), implied(change_pct - half)))
    note = (f"推算值，原文未写明：{_fmt(total)} ÷ (1 {'-' if change_pct < 0 else '+'} {_fmt(abs(change_pct))}%)。"
            f"增减率只印到 {_fmt(half * 2)} 个百分点，推算值可能在 {low:,.0f}～{high:,.0f} 万元之间。")
    return {"measure": f"{year}年统筹整合资金总额（推算）", "value": value, "unit": "万元", "derived": True,
            "note": note, "doc_id": where.doc_id, "line": where.line}


# ---------------------------------------------------------------- breakdowns
ITEM = re.compile(rf"(?P<name>[\u4e00-\u9fff]+?)(?P<amt>{NUMBER})万元")


def breakdown(paras: list[Paragraph], label: str, name_column: str, total: Decimal | None,
              doc: Document, checks: list[Check]) -> pd.DataFrame:
    """'(1)按任务性质分。A 1万元,B 2万元…' -> one row per item."""
    para = next((p for p in paras if label in p.text), None)
    if para is None:
        checks.append(missing(f"funds.{name_column}", Msg(label), Msg("“{label}”一段", label=Msg(label)), doc.doc_id,
                              doc.first_line))
        return pd.DataFrame(columns=[name_column, "amount_wan", "share_pct", "doc_id", "line"])
    start = para.text.index(label) + len(label)
    rows = [{name_column: m["name"], "amount_wan": parse_decimal(m["amt"]),
             "share_pct": None if total is None else share_pct(parse_decimal(m["amt"]), total),
             "doc_id": doc.doc_id, "line": para.line_at(m.start("amt"))}
            for m in ITEM.finditer(para.text, start)]
    return pd.DataFrame(rows)


def breakdown_checks(sources: pd.DataFrame, natures: pd.DataFrame, sectors: pd.DataFrame,
                     total: Decimal) -> list[Check]:
    checks = []
    for frame, check_id, subject in ((sectors, "funds.sector_total", Msg("统筹整合资金总额与按任务领域分合计")),
                                     (natures, "funds.nature_total", Msg("统筹整合资金总额与按任务性质分合计"))):
        if frame.empty:
            continue
        where = Where(frame.doc_id.iloc[0], int(frame.line.iloc[0]))
        checks.append(total_check(check_id, subject, total, sum(frame.amount_wan, Decimal(0)), where))
    if sources.empty or natures.empty:
        return checks
    # Natures named like a source (区级资金, 其他资金) must carry the same amount; the rest of
    # the upper-level money (中央+省级+市级) is what the text splits into 上级约束性任务 and
    # 省市统筹使用资金, so the two remainders must be equal too.
    by_source = dict(zip(sources.source_name, sources.amount_wan))
    shared = [n for n in natures.nature_name if n in by_source]
    for row in natures[natures.nature_name.isin(shared)].itertuples():
        checks.append(compare(f"funds.nature_vs_source.{row.nature_name}", Msg('按任务性质分的{nature_name}与按来源分的{nature_name}', nature_name=row.nature_name),
                              by_source[row.nature_name], row.amount_wan, row.doc_id, row.line, unit="万元"))
    upper_sources = sources[~sources.source_name.isin(shared)]
    upper_natures = natures[~natures.nature_name.isin(shared)]
    if not upper_sources.empty and not upper_natures.empty:
        checks.append(upper_level_check(upper_sources, upper_natures))
    return checks


def upper_level_check(sources: pd.DataFrame, natures: pd.DataFrame) -> Check:
    by_source, by_nature = sum(sources.amount_wan, Decimal(0)), sum(natures.amount_wan, Decimal(0))
    left, right = "+".join(sources.source_name), "+".join(natures.nature_name)
    subject = Msg("{left}（按来源）与{right}（按任务性质）", left=left, right=right)
    first = natures.iloc[0]
    same = by_source == by_nature
    values = {"subject": subject, "left": left, "right": right, "by_source": _fmt(by_source),
              "by_nature": _fmt(by_nature)}
    message = (Msg("{subject}：按来源 {left} 合计 {by_source}万元，按任务性质 {right} 合计 {by_nature}万元，"
                   "两者相等：上级资金全部分为这两类任务。", **values) if same else
               Msg("{subject}：按来源 {left} 合计 {by_source}万元，按任务性质 {right} 合计 {by_nature}万元，"
                   "相差 {difference}万元。", difference=_fmt(by_nature - by_source), **values))
    return Check("funds.nature_vs_upper_sources", subject, "ok" if same else "warn", _fmt(by_source), _fmt(by_nature),
                 message, first.doc_id, int(first.line))


# ---------------------------------------------------------------- key projects
PROJECT_HEAD = re.compile(r"^(?P<no>\d+)\.(?P<sector>[^()]+?)\((?P<name>.+)\)。?$")
FIELD = re.compile(r"^\(\d+\)(?P<label>实施区域|建设内容|实施内容|资金投入|绩效目标|进度安排):(?P<text>.*)$")
FIELD_KEYS = {"实施区域": "area", "建设内容": "content", "实施内容": "content", "资金投入": "funding",
              "绩效目标": "target", "进度安排": "schedule"}
LEVELS = (("中央", "中央资金"), ("省", "省级资金"), ("市级", "市级资金"), ("市财政", "市级资金"),
          ("区级", "区级资金"), ("区财政", "区级资金"))


@dataclass
class Project:
    no: int
    sector: str
    name: str
    line: int
    fields: dict[str, tuple[str, Paragraph]] = field(default_factory=dict)

    def text(self, key: str) -> str | None:
        hit = self.fields.get(key)
        return hit[0] if hit else None


def project_section(paras: list[Paragraph]) -> list[Paragraph]:
    start = next((i for i, p in enumerate(paras) if re.match(CN_HEADING.pattern + "重点项目", p.text)), None)
    if start is None:
        return []
    end = next((i for i in range(start + 1, len(paras)) if CN_HEADING.match(paras[i].text)), len(paras))
    return paras[start + 1:end]


def read_projects(section: list[Paragraph]) -> list[Project]:
    projects: list[Project] = []
    for para in section:
        head = PROJECT_HEAD.match(para.text)
        if head:
            projects.append(Project(int(head["no"]), head["sector"], head["name"], para.first_line))
            continue
        item = FIELD.match(para.text)
        if item and projects:
            projects[-1].fields[FIELD_KEYS[item["label"]]] = (item["text"].rstrip("。"), para)
    return projects


def sector_of(heading: str, sectors: list[str]) -> str:
    """'乡村产业振兴' -> '产业振兴' (the name used in 按任务领域分)."""
    return next((s for s in sectors if s == heading or heading.endswith(s)), heading.removeprefix("乡村"))


def town_in(area: str | None, ctx: Context) -> str | None:
    """A town of the district named in the area text; '各镇(街道)' names none."""
    if not area:
        return None
    return next((t for t in ctx.ref.towns.town_name if t in area), None)


def months(schedule: str | None) -> tuple[str | None, str | None]:
    """First and last month a schedule names ('2020年10月开工,2021年6月底前完工' -> 2020-10, 2021-06)."""
    found = sorted((w.first.year, w.first.month) for w in dates.find_all(schedule or "")
                   if w.year_stated and w.grain in ("day", "xun", "month_end", "month"))
    if not found:
        return None, None
    (first_year, first_month), (last_year, last_month) = found[0], found[-1]
    return f"{first_year:04d}-{first_month:02d}", f"{last_year:04d}-{last_month:02d}"


def source_level(name: str) -> str | None:
    return next((level for word, level in LEVELS if word in name), None)


# Clauses of a 资金投入 sentence, tried in order.
TOTAL_CLAUSE = re.compile(rf"^(?:该?项目)?(?:预计)?总?投资(?P<amt>{NUMBER})万元$")
PER_UNIT_CLAUSE = re.compile(rf"^(?P<pre>[\u4e00-\u9fff]*?)每(?P<unit>村|户|个)(?P<post>[\u4e00-\u9fff]*?)(?P<amt>{NUMBER})万元$")
SUM_CLAUSE = re.compile(rf"^(?:共计|合计)(?P<amt>{NUMBER})万元$")
PART_CLAUSE = re.compile(rf"^其中(?P<amt>{NUMBER})万元资金来源为(?P<name>.+)$")
NAMED_SOURCES = re.compile(r"^资金来源为(?P<names>[^\d]+)$")
SOURCE_CLAUSE = re.compile(rf"^(?:其中:?)?(?:资金来源为)?(?P<name>[\u4e00-\u9fff]+?)(?P<amt>{NUMBER})万元$")
SOURCE_VERBS = re.compile(r"^(?:落实|安排|保障)")


@dataclass
class PerUnit:
    """'每村中央财政扶持资金 30 万元' (each) and the aggregate printed after it, if any."""
    name: str
    unit: str
    each: Decimal
    offset: int
    aggregate: Decimal | None = None


@dataclass
class Funding:
    total: Decimal | None = None
    total_offset: int | None = None
    sources: list[tuple[str, Decimal | None, int]] = field(default_factory=list)  # name, amount, offset
    per_unit: list[PerUnit] = field(default_factory=list)
    per_unit_totals: list[tuple[Decimal, int]] = field(default_factory=list)  # '每村补助总额 50 万元': amount, offset
    partial: bool = False  # the text says 其中: only part of the total is attributed


def parse_funding(text: str) -> Funding:
    """Read a 资金投入 sentence clause by clause (offsets are into `text`)."""
    funding, pending = Funding(), None
    for piece in re.finditer(r"[^,;。]+", text):
        start, clause = piece.start(), piece.group()

        def amount_at(m: re.Match[str], start: int = start) -> int:
            return start + m.start("amt")

        if (m := TOTAL_CLAUSE.match(clause)) and funding.total is None:
            funding.total, funding.total_offset = parse_decimal(m["amt"]), amount_at(m)
        elif m := PER_UNIT_CLAUSE.match(clause):
            name = SOURCE_VERBS.sub("", m["pre"] + m["post"])
            if re.search(r"总额|合计|共计", name):
                funding.per_unit_totals.append((parse_decimal(m["amt"]), amount_at(m)))
            else:
                pending = PerUnit(name, m["unit"], parse_decimal(m["amt"]), amount_at(m))
                funding.per_unit.append(pending)
        elif pending and (m := SUM_CLAUSE.match(clause) or SOURCE_CLAUSE.match(clause)):
            # '每村 A 30 万元，共计 1050 万元' / '区财政配套每村 20 万元，落实配套项目资金 700 万元':
            # the amount after a per-village clause is that source's aggregate.
            pending.aggregate = parse_decimal(m["amt"])
            funding.sources.append((pending.name, pending.aggregate, amount_at(m)))
            pending = None
        elif m := SUM_CLAUSE.match(clause):
            if funding.total is None:
                funding.total, funding.total_offset = parse_decimal(m["amt"]), amount_at(m)
        elif m := PART_CLAUSE.match(clause):
            funding.partial = True
            funding.sources.append((m["name"], parse_decimal(m["amt"]), amount_at(m)))
        elif m := NAMED_SOURCES.match(clause):
            for listed in re.finditer(r"[^、和及]+", m["names"]):
                funding.sources.append((listed.group(), None, start + m.start("names") + listed.start()))
        elif m := SOURCE_CLAUSE.match(clause):
            funding.partial = funding.partial or clause.startswith("其中")
            funding.sources.append((SOURCE_VERBS.sub("", m["name"]), parse_decimal(m["amt"]), amount_at(m)))
    return funding


def _line_in(para: Paragraph, base: int, offset: int) -> int:
    """Line of `offset` into a field text that starts at `base` in `para`."""
    return para.line_at(base + offset)


def _first_line(project: Project, offset: int) -> int:
    """Line of any offset when the project has no funding paragraph: the project's own line."""
    return project.line


def key_projects(paras: list[Paragraph], doc: Document, ctx: Context, sectors: list[str],
                 checks: list[Check]) -> tuple[pd.DataFrame, pd.DataFrame]:
    projects = read_projects(project_section(paras))
    if not projects:
        checks.append(missing("funds.projects", Msg("重点项目及建设内容"), Msg("“(四)重点项目及建设内容”中的编号项目"),
                              doc.doc_id, doc.first_line))
        return pd.DataFrame(), pd.DataFrame()
    project_rows, source_rows = [], []
    for project in projects:
        funding_text = project.text("funding") or ""
        funding_para = project.fields.get("funding", (None, None))[1]
        funding = parse_funding(funding_text)
        # offsets are into the field text; the paragraph text starts with '(3)资金投入:'
        base = funding_para.text.index(funding_text) if funding_para else 0
        line_of = partial(_line_in, funding_para, base) if funding_para else partial(_first_line, project)
        start, end = months(project.text("schedule"))
        sector = sector_of(project.sector, sectors)
        project_rows.append({
            "project_no": project.no, "sector_name": sector, "project_name": project.name,
            "area": project.text("area"), "town_name": town_in(project.text("area"), ctx),
            "content": project.text("content"), "total_wan": funding.total, "total_stated": funding.total is not None,
            "funding_text": funding_text or None, "funding_line": funding_para.first_line if funding_para else None,
            "start_month": start, "end_month": end, "schedule_text": project.text("schedule"),
            "target_text": project.text("target"), "doc_id": doc.doc_id, "line": project.line})
        for name, amount, offset in funding.sources:
            source_rows.append({"project_no": project.no, "source_name": name, "amount_wan": amount,
                                "source_level": source_level(name), "doc_id": doc.doc_id, "line": line_of(offset)})
        where = Where(doc.doc_id, line_of(funding.total_offset) if funding.total is not None
                      else (funding_para.first_line if funding_para else project.line))
        checks.append(project_total_check(project, funding, where))
        checks.extend(per_unit_checks(project, funding, line_of, doc))
        if sectors and sector not in sectors:
            checks.append(Check(f"funds.project_sector.{project.no}", Msg('重点项目{no}所属领域', no=project.no), "warn",
                                project.sector, "、".join(sectors),
                                Msg('重点项目{no}“{name}”的领域“{sector}”不在按任务领域分的名单中。', no=project.no, name=project.name, sector=project.sector),
                                doc.doc_id, project.line))
    return pd.DataFrame(project_rows), pd.DataFrame(source_rows)


def project_total_check(project: Project, funding: Funding, where: Where) -> Check:
    """Stated total against the sum of the amounts attributed to named sources.

    Severity: warn when attributed amounts exceed the total, or when the sources are
    listed as the whole breakdown and do not add up. When the text itself says only
    part is attributed ('总投资 X，其中 Y 万元资金来源为…') or lists sources without
    amounts, nothing printed contradicts the total, so the check is ok and the
    message says how much of the total has no stated source.
    """
    check_id = f"funds.project_total.{project.no}"
    subject = Msg("重点项目{no}“{name}”总投资与各来源金额", no=project.no, name=project.name)
    amounts = [a for _n, a, _o in funding.sources if a is not None]
    unnamed = [n for n, a, _o in funding.sources if a is None]
    attributed = sum(amounts, Decimal(0))
    listed = joined([Msg("{source} {amount}万元", source=n, amount=_fmt(a)) if a is not None else
                      Msg("{source}（未写金额）", source=n) for n, a, _o in funding.sources], "、")
    if funding.total is None:
        message = Msg("{subject}：原文未写明总投资（不作合计，total_wan 为空）；写明金额的来源合计 {attributed}万元（{listed}）。",
                      subject=subject, attributed=_fmt(attributed), listed=listed or Msg("无"))
        return Check(check_id, subject, "ok", "未写明", _fmt(attributed), message, where.doc_id, where.line)
    total = funding.total
    if attributed == total:
        return compare(check_id, subject, total, attributed, where.doc_id, where.line, unit="万元")
    gap = total - attributed
    if attributed > total:
        severity, why = "warn", Msg("各来源金额合计超过总投资 {excess}万元", excess=_fmt(-gap))
    elif not amounts and unnamed:
        severity, why = "ok", Msg("原文列出资金来源（{sources}）但未写金额，无法按来源核对", sources="、".join(unnamed))
    elif funding.partial or unnamed:
        severity, why = "ok", Msg("原文只对其中 {attributed}万元写明来源（{listed}），其余 {gap}万元未写明来源",
                                  attributed=_fmt(attributed), listed=listed, gap=_fmt(gap))
    else:
        severity, why = "warn", Msg("各来源金额合计 {attributed}万元，比总投资少 {gap}万元", attributed=_fmt(attributed),
                                    gap=_fmt(gap))
    message = Msg("{subject}：文件写明总投资 {total}万元；{why}。", subject=subject, total=_fmt(total), why=why)
    return Check(check_id, subject, severity, _fmt(total), _fmt(attributed), message, where.doc_id, where.line)


def per_unit_checks(project: Project, funding: Funding, line_of, doc: Document) -> list[Check]:
    """'每村 30 万元，共计 1050 万元' against the number of villages the project names."""
    if not funding.per_unit:
        return []
    unit = funding.per_unit[0].unit
    described = " ".join(filter(None, (project.text("content"), project.text("target"))))
    count_match = re.search(rf"(\d+)个{unit}", described)
    checks = []
    if count_match:
        count = int(count_match[1])
        for part in (p for p in funding.per_unit if p.aggregate is not None):
            checks.append(compare(f"funds.project_per_unit.{project.no}.{part.name}",
                                  Msg('重点项目{no}{name}合计（每{unit} {each}万元 × {count} 个{unit}）', no=project.no, name=part.name,
                                      unit=unit_msg(unit),
                                      each=_fmt(part.each), count=count),
                                  part.aggregate, part.each * count, doc.doc_id, line_of(part.offset), unit="万元"))
    for stated, offset in funding.per_unit_totals:
        parts = sum((p.each for p in funding.per_unit), Decimal(0))
        checks.append(compare(f"funds.project_per_unit_total.{project.no}",
                              Msg('重点项目{no}每{unit}补助总额与每{unit}各项资金之和', no=project.no, unit=unit_msg(unit)),
                              stated, parts, doc.doc_id, line_of(offset), unit="万元"))
    return checks


# ---------------------------------------------------------------- indicator table
HEADER_WORDS = ("序号", "指标名称")
COLUMNS = {"category": "类别", "seq": "序号", "name": "指标名称", "unit": "单位", "base": "基期",
           "growth": "增速", "attribute": "属性"}
VALUE = re.compile(rf"^\[?(?P<op>[≥≤><]?)(?P<num>-?{NUMBER})\]?$")
DASHES = {"—", "-", "——", "－", ""}


def _is_header(cells: list[str]) -> bool:
    return all(any(word in compact(c) for c in cells) for word in HEADER_WORDS)


@dataclass(frozen=True)
class YearColumn:
    role: str        # base / target
    year: int
    index: int


def header_columns(cells: list[str]) -> tuple[dict[str, int], list[YearColumn]]:
    """Column positions by header text, and every year-bearing column (基期 and each 目标值 year) in
    year order: a table may have any number of target years."""
    names = [compact(c) for c in cells]
    cols = {key: next(i for i, n in enumerate(names) if word in n)
            for key, word in COLUMNS.items() if word}
    years = [YearColumn("base", _leading_year(names[cols["base"]]), cols["base"])]
    years += sorted((YearColumn("target", _leading_year(n), i) for i, n in enumerate(names)
                     if "目标" in n and re.match(r"\d{4}", n)), key=lambda y: y.year)
    return cols, years


def _leading_year(header: str) -> int:
    """The year a year column's header starts with ('2020年基期值' -> 2020)."""
    m = re.match(r"\d{4}", header)
    if m is None:
        raise ValueError(f"表头“{header}”不以年份开头")
    return int(m[0])


def value_parts(text: str) -> tuple[str, float | None, str]:
    """'≥98' -> ('≥98', 98.0, '≥'); '—' -> ('—', None, ''); '[>80.4]' -> ('[>80.4]', 80.4, '>')."""
    text = text.strip()
    m = VALUE.match(text.replace(" ", ""))
    if not m:
        return text, None, ""
    return text, float(m["num"]), m["op"]


def exact_number(text: str) -> Decimal:
    """'>92' -> Decimal('92'), '[≥10.4]' -> Decimal('10.4') (for exact differences)."""
    m = VALUE.match(text.replace(" ", ""))
    if m is None:
        raise ValueError(f"“{text}”不是数值")
    return parse_decimal(m["num"])


def growth_kind(text: str) -> str:
    text = text.strip()
    if text in DASHES:
        return "none"
    return "total" if text.startswith("[") else "rate"


def table_lines(raw: RawText, doc: Document) -> tuple[int | None, list[tuple[int, list[str]]]]:
    """(first header line, [(line, cells)]) of the 指标体系 table, across page breaks.

    Repeated headers and the repeated table title are skipped; the table ends at the
    first other non-blank line without tabs.
    """
    header_line = next((n for n, t in raw.numbered(doc.first_line, doc.last_line)
                        if "\t" in t and _is_header(t.split("\t"))), None)
    if header_line is None:
        return None, []
    title = next((compact(raw.line(n)) for n in range(header_line - 1, doc.first_line, -1) if raw.line(n).strip()), "")
    rows = []
    for number, text in raw.numbered(header_line + 1, doc.last_line):
        if not text.strip() or compact(text) == title:
            continue
        if "\t" not in text:
            break
        cells = text.split("\t")
        if not _is_header(cells):
            rows.append((number, cells))
    return header_line, rows


def _cell(cells: list[str], cols: dict[str, int], key: str) -> str:
    return cells[cols[key]].strip()


def indicator_table(raw: RawText, doc: Document, checks: list[Check]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The indicator rows and their values per year (long form)."""
    header_line, rows = table_lines(raw, doc)
    if header_line is None:
        checks.append(missing("funds.indicators", Msg("乡村振兴指标体系"), Msg("含“序号”“指标名称”的表头"), doc.doc_id, doc.first_line))
        return pd.DataFrame(), pd.DataFrame()
    cols, years = header_columns(raw.line(header_line).split("\t"))
    width = max([*cols.values(), *(y.index for y in years)]) + 1
    out: list[dict[str, Any]] = []
    values: list[dict] = []
    category = None
    for number, cells in rows:
        cells = cells + [""] * (width - len(cells))
        cell = partial(_cell, cells, cols)
        if not cell("seq").isdigit():
            checks.append(Check(f"funds.indicator_row.{number}", Msg("乡村振兴指标体系表格行"), "error", "序号为数字",
                                cell("seq") or "空", Msg('乡村振兴指标体系第 {number} 行的序号“{cell}”不是数字，已跳过该行。', number=number, cell=cell('seq')),
                                doc.doc_id, number))
            continue
        category = compact(cell("category")) or category  # merged cells: forward-fill
        growth = value_parts(cell("growth"))
        seq = int(cell("seq"))
        per_year = []
        for column in years:
            text, number_value, operator = value_parts(cells[column.index])
            per_year.append({"seq": seq, "role": column.role, "year": column.year, "value": number_value,
                             "value_text": text, "operator": operator or None, "doc_id": doc.doc_id, "line": number})
        values += per_year
        out.append({
            "seq": seq, "category": category, "name": compact(cell("name")),
            "unit": None if cell("unit") in DASHES else cell("unit"),
            "growth_text": growth[0], "growth_kind": growth_kind(growth[0]), "growth_value": growth[1],
            "attribute": cell("attribute"), "doc_id": doc.doc_id, "line": number,
            "_base": per_year[0], "_last": per_year[-1]})
    frame = pd.DataFrame([{k: v for k, v in r.items() if not k.startswith("_")} for r in out])
    checks.append(indicator_count_check(frame, doc, header_line))
    for row in out:
        check = growth_check(row, (years[0].year, years[-1].year),
                             cells_text=(row["_base"]["value_text"], row["_last"]["value_text"]))
        if check:
            checks.append(check)
    return frame, pd.DataFrame(values)


def indicator_count_check(frame: pd.DataFrame, doc: Document, header_line: int) -> Check:
    """The table numbers its rows 1..N: N rows must be listed, each number once."""
    subject = Msg("乡村振兴指标体系的指标个数与序号")
    if frame.empty:
        return missing("funds.indicator_count", subject, Msg("指标行"), doc.doc_id, header_line)
    seqs = list(frame.seq)
    last = max(seqs)
    gaps = sorted(set(range(1, last + 1)) - set(seqs))
    repeated = sorted({s for s in seqs if seqs.count(s) > 1})
    line = int(frame.line.iloc[-1])
    if not gaps and not repeated and len(seqs) == last:
        return Check("funds.indicator_count", subject, "ok", str(last), str(len(seqs)),
                     NMsg("{subject}：序号 1–{last} 连续，共列出 {n} 项指标。", "{subject}：序号 1–{last} 连续，共列出 {n} 项指标。",
                          len(seqs), subject=subject, last=last), doc.doc_id, line)
    problems = [Msg("缺少序号 {numbers}", numbers="、".join(map(str, gaps))) if gaps else "",
                Msg("序号 {numbers} 重复", numbers="、".join(map(str, repeated))) if repeated else ""]
    return Check("funds.indicator_count", subject, "warn", str(last), str(len(seqs)),
                 NMsg("{subject}：序号编到 {last}，实际列出 {n} 项；{problems}。", "{subject}：序号编到 {last}，实际列出 {n} 项；{problems}。",
                      len(seqs), subject=subject, last=last, problems=joined([p for p in problems if p], "，")),
                 doc.doc_id, line)


def growth_check(row: dict, years: tuple[int, int], cells_text: tuple[str, str]) -> Check | None:
    """年均增速 against base and target: a compound annual rate, or [x] = target − base."""
    kind = row["growth_kind"]
    if kind == "none":
        return None
    seq, name = row["seq"], row["name"]
    printed = row["growth_text"] + ("%" if kind == "rate" else "")
    check_id = f"funds.indicator_growth.{seq}"
    subject = Msg("指标{seq}“{name}”的年均增速 {printed}", seq=seq, name=name, printed=printed)
    (base_year, target_year), span = years, years[1] - years[0]
    base, target = row["_base"]["value"], row["_last"]["value"]
    where = (row["doc_id"], row["line"])
    if base is None or target is None or (kind == "rate" and base <= 0):
        return Check(check_id, subject, "warn", row["growth_text"], "无法计算",
                     Msg("{subject}：基期值“{base}”、目标值“{target}”，无法核对（原文未给出可用的基期值）。", subject=subject,
                         base=cells_text[0], target=cells_text[1]),
                     *where)
    if kind == "rate":
        implied = Decimal(str(round((math.pow(target / base, 1 / span) - 1) * 100, 2)))
        stated = Decimal(str(row["growth_value"]))
        # The table prints the rate rounded, often to whole percent: 0.5 pp is a fair margin.
        off = abs(implied - stated) > Decimal("0.5")
        values = {"subject": subject, "base_year": base_year, "base": cells_text[0], "target_year": target_year,
                  "target": cells_text[1], "n": span, "implied": _fmt(implied), "stated": _fmt(stated)}
        message = (Msg("{subject}：按 {base_year} 年基期值 {base}、{target_year} 年目标值 {target} 推算 {n} 年的年均复合增速为 "
                       "{implied}%，与文件写明的 {stated}% 相差超过 0.5 个百分点。", **values) if off else
                   Msg("{subject}：按 {base_year} 年基期值 {base}、{target_year} 年目标值 {target} 推算 {n} 年的年均复合增速为 "
                       "{implied}%，与文件写明的一致（相差不超过 0.5 个百分点）。", **values))
        return Check(check_id, subject, "warn" if off else "ok", _fmt(stated), _fmt(implied), message, *where)
    change = exact_number(cells_text[1]) - exact_number(cells_text[0])
    stated = exact_number(row["growth_text"])
    stated_op = value_parts(row["growth_text"])[2]
    implied_op = value_parts(cells_text[1])[2] or "="
    if stated != change:
        message = Msg("{subject}：{target_year} 年目标值 {target} 减 {base_year} 年基期值 {base} 为 {change}，"
                      "与方括号内写明的累计变化 {stated} 不符。", subject=subject, target_year=target_year,
                      target=cells_text[1], base_year=base_year, base=cells_text[0], change=_fmt(change),
                      stated=_fmt(stated))
        return Check(check_id, subject, "warn", row["growth_text"], _fmt(change), message, *where)
    values = {"subject": subject, "target_year": target_year, "target": cells_text[1], "base_year": base_year,
              "base": cells_text[0], "change": _fmt(change)}
    if stated_op in (">", "<") and implied_op == "=":
        message = Msg("{subject}：{target_year} 年目标值 {target} 减 {base_year} 年基期值 {base} 为 {change}，"
                      "与方括号内写明的累计变化一致（数值一致，但目标值未带“{op}”号，累计变化恰为 {change}，并非“{op}{change}”）。",
                      op=stated_op, **values)
    else:
        message = Msg("{subject}：{target_year} 年目标值 {target} 减 {base_year} 年基期值 {base} 为 {change}，"
                      "与方括号内写明的累计变化一致。", **values)
    return Check(check_id, subject, "ok", row["growth_text"], _fmt(change), message, *where)
