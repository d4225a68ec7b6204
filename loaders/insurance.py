"""2021 年度居民基本医疗保险保费征缴工作实施方案 (a district's notice, e.g. ××政办字〔2020〕11号).

Main text: 缴费标准 (premium tiers), 缴费期和待遇享受期, 实施步骤 (dated phases).
附件2: the quota table (单位 / 20xx年征缴任务数（人）, 合计 row). 附件3 (缴费指南)
repeats the tiers and periods — both statements are parsed and compared — and
ends with the 咨询电话 table (社保单位 电话 税务单位 电话).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from loaders.base import Context, LoadResult, each_document
from loaders.checks import Check, compare, joined, missing
from loaders.cn import dates, outline
from loaders.cn.amounts import parse_decimal
from loaders.cn.normalize import compact
from loaders.cn.normalize import display_punct as cn_parens
from loaders.cn.numerals import cn_numeral
from loaders.documents import Document, document_text
from loaders.roads import frame, printed_text  # shared table helper; the printed join of roads
from loaders.schema import C, Table, provenance
from loaders.source import Paragraph, RawText, paragraphs
from textkit.msg import N_, Msg, NMsg

TABLES = [
    Table("insurance_quota", N_("2021 年各镇街居民医保征缴任务数（人）。"), (
        C("town_name", "VARCHAR", N_("镇街全称"), False),
        C("year", "INTEGER", N_("征缴年度"), False),
        C("quota_persons", "INTEGER", N_("征缴任务数（人）"), False),
        *provenance())),
    Table("insurance_premiums", N_("个人缴费档次。"), (
        C("tier", "VARCHAR", N_("档次名称"), False),
        C("amount_yuan", "INTEGER", N_("每人每年缴费（元）"), False),
        C("who", "VARCHAR", N_("适用人群（原文）"), False),
        *provenance())),
    Table("insurance_contacts", N_("咨询电话（医保经办机构与税务单位）。"), (
        C("office", "VARCHAR", N_("单位"), False),
        C("kind", "VARCHAR", N_("社保单位 / 税务单位"), False),
        C("phone", "VARCHAR", N_("电话"), False),
        C("town_name", "VARCHAR", N_("所在镇街全称（能从单位名判断时）")),
        *provenance())),
    Table("insurance_schedule", N_("征缴工作实施步骤与时间。"), (
        C("step_no", "INTEGER", N_("步骤序号"), False),
        C("step_name", "VARCHAR", N_("步骤名称"), False),
        C("start_date", "DATE", N_("开始日期")),
        C("end_date", "DATE", N_("结束日期")),
        C("text", "VARCHAR", N_("该步骤的工作内容（原文）")),
        *provenance())),
    Table("insurance_periods", N_("缴费期与待遇享受期。"), (
        C("period", "VARCHAR", N_("缴费期 / 待遇享受期"), False),
        C("start_date", "DATE", N_("开始日期"), False),
        C("end_date", "DATE", N_("结束日期"), False),
        C("text", "VARCHAR", N_("原文")),
        *provenance())),
]

SECTION = re.compile(rf"^({outline.CN})、")
ATTACHMENT = re.compile(r"^附件(\d+)$")
DATE = r"\d{4}年\d{1,2}月\d{1,2}日"
DATE_RANGE = re.compile(rf"({DATE})至((?:\d{{4}}年)?\d{{1,2}}月\d{{1,2}}日)")
PHASE = re.compile(rf"^\(({outline.CN})\)([^()]+)\(({DATE})至((?:\d{{4}}年)?\d{{1,2}}月\d{{1,2}}日)\)")
PERIOD = re.compile(rf"^(?:\d+\.|{outline.PAREN_CN})(?:居民医保)?(缴费期|待遇享受期):")
TIER_HEADLINE = re.compile(r"设定为((?:\d+元、?)+)([一二两三四五六七八九十\d]+)个档次")
TIER_MAIN = re.compile(r"^\d+\.(.+?)适用于(\d+)元档次")
TIER_GUIDE = re.compile(rf"^{outline.PAREN_CN}(.+?)个人缴费标准每人每年(\d+)元")
QUOTA_YEAR = re.compile(r"(\d{4})年")


def _cells(line: str) -> list[str]:
    return [compact(cell) for cell in line.split("\t")]


def whole_number(text: str) -> int | None:
    """'41808', '41 808', '41,808' -> 41808; anything else -> None."""
    try:
        value = parse_decimal(text)
    except ValueError:
        return None
    return int(value) if value == value.to_integral_value() else None


def date_range(start: str, end: str) -> tuple[str | None, str | None]:
    """'2020年11月1日', '12月31日' -> ISO dates; an end without a year takes the start's year."""
    return dates.span(f"{start}至{end}")


# ---------------------------------------------------------------- layout
def attachments(raw: RawText, doc: Document) -> dict[int, tuple[int, int]]:
    """附件 number -> (first line, last line), from the lines reading just '附件 N'."""
    starts = [(int(m[1]), n) for n, text in raw.numbered(doc.first_line, doc.last_line)
              if (m := ATTACHMENT.match(compact(text)))]
    spans = {}
    for index, (number, first) in enumerate(starts):
        last = starts[index + 1][1] - 1 if index + 1 < len(starts) else doc.last_line
        spans[number] = (first, last)
    return spans


def table_after(raw: RawText, first: int, last: int, is_header) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header cells and (line, cells) rows of the first tab table whose header satisfies is_header."""
    for number, text in raw.numbered(first, last):
        if "\t" in text and is_header(_cells(text)):
            header = _cells(text)
            rows = []
            for row_no, row in raw.numbered(number + 1, last):
                if "\t" not in row:
                    if row.strip():
                        break
                    continue
                cells = _cells(row)
                if cells != header:  # a header repeated after a page break
                    rows.append((row_no, cells))
            return header, rows
    return [], []


# ---------------------------------------------------------------- 附件2 quota
def parse_quota(raw: RawText, doc: Document, ctx: Context) -> tuple[list[dict], list[Check]]:
    header, rows = table_after(raw, doc.first_line, doc.last_line,
                               lambda cells: cells[0] == "单位" and any("征缴任务数" in c for c in cells))
    if not header:
        return [], [missing("insurance.quota_table", Msg("征缴任务表"), Msg("表头“单位 / 征缴任务数（人）”"),
                            doc.doc_id, None)]
    year_match = QUOTA_YEAR.search(header[1])
    year = int(year_match[1]) if year_match else None
    quota: list[dict[str, Any]] = []
    total, checks = None, []
    for number, cells in rows:
        persons = whole_number(cells[1] if len(cells) > 1 else "")
        if persons is None:
            checks.append(Check(f"insurance.quota_unreadable.{number}", Msg('征缴任务表第 {number} 行', number=number), "warn",
                                "人数", "、".join(cells), Msg('征缴任务表中“{items}”没有可读的人数，未计入。', items='　'.join(cells)),
                                doc.doc_id, number))
            continue
        if cells[0] == "合计":
            total = (number, persons)
            break
        town = ctx.ref.town_full_name(cells[0])
        if town is None:
            checks.append(Check(f"insurance.quota_unknown_town.{cells[0]}", Msg('征缴任务表单位 {unit}', unit=cells[0]), "warn",
                                f"{doc.district}{len(ctx.ref.towns)}个镇街之一", cells[0],
                                NMsg('征缴任务表中的“{unit}”不是{district}{n}个镇街之一，按原文保留。',
                                     '征缴任务表中的“{unit}”不是{district}{n}个镇街之一，按原文保留。', len(ctx.ref.towns),
                                     unit=cells[0], district=doc.district),
                                doc.doc_id, number))
        quota.append({"town_name": town or cells[0], "year": year, "quota_persons": persons,
                      "doc_id": doc.doc_id, "line": number})
    listed = sum(q["quota_persons"] for q in quota)
    if total is None:
        checks.append(missing("insurance.quota_total", Msg("征缴任务合计"), Msg("“合计”行"), doc.doc_id, None, severity="warn"))
    else:
        checks.append(compare("insurance.quota_total", Msg("居民医保征缴任务合计 vs 各镇街任务数之和"),
                              total[1], listed, doc.doc_id, total[0], unit="人"))
    checks.append(quota_coverage(quota, ctx, doc))
    return quota, checks


def quota_coverage(quota: list[dict], ctx: Context, doc: Document) -> Check:
    """Every town of the document's district should have exactly one quota row."""
    listed = [q["town_name"] for q in quota]
    absent = [t for t in ctx.ref.towns.town_name if t not in listed]
    twice = sorted({t for t in listed if listed.count(t) > 1})
    line = quota[0]["line"] if quota else None
    if not absent and not twice:
        return Check("insurance.quota_coverage", Msg("征缴任务表覆盖的镇街"), "ok", str(len(ctx.ref.towns)),
                     str(len(set(listed))), Msg("征缴任务表列出了全部镇街，各一行。"), doc.doc_id, line)
    problems = joined([p for p in (Msg("未列出：{towns}", towns="、".join(absent)) if absent else "",
                                   Msg("重复列出：{towns}", towns="、".join(twice)) if twice else "") if p], "；")
    return Check("insurance.quota_coverage", Msg("征缴任务表覆盖的镇街"), "warn", str(len(ctx.ref.towns)),
                 str(len(set(listed))), Msg('征缴任务表与{district}镇街名单不一致：{problems}。', district=doc.district, problems=problems), doc.doc_id, line)


# ---------------------------------------------------------------- premiums and periods
def parse_premiums(main: list[Paragraph], guide: list[Paragraph], doc: Document) -> tuple[list[dict], list[Check]]:
    rows: list[dict[str, Any]] = [{"tier": f"{m[2]}元档", "amount_yuan": int(m[2]), "who": cn_parens(m[1]),
             "doc_id": doc.doc_id, "line": p.line_at(m.start(2))}
            for p in main if (m := TIER_MAIN.match(p.text))]
    if not rows:
        return [], [missing("insurance.premiums", Msg("缴费标准"), Msg("“适用于 N 元档次”各条"), doc.doc_id, None)]
    checks = []
    headline = next(((p, m) for p in main if (m := TIER_HEADLINE.search(p.text))), None)
    if headline:
        para, m = headline
        line = para.line_at(m.start())
        checks.append(compare("insurance.premium_tier_count", Msg("缴费标准写明的档次数 vs 列出的档次"),
                              cn_numeral(m[2]), len(rows), doc.doc_id, line, unit="个"))
        amounts = [int(a) for a in re.findall(r"\d+", m[1])]
        listed = [r["amount_yuan"] for r in rows]
        same = sorted(amounts) == sorted(listed)
        values = {"stated": "、".join(map(str, amounts)), "listed": "、".join(map(str, listed))}
        checks.append(Check("insurance.premium_amounts", Msg("缴费标准总述的金额 vs 各档次条目"), "ok" if same else "warn",
                            "、".join(map(str, amounts)), "、".join(map(str, listed)),
                            (Msg("缴费标准总述为 {stated} 元，各档次条目为 {listed} 元，一致。", **values) if same else
                             Msg("缴费标准总述为 {stated} 元，各档次条目为 {listed} 元，不一致。", **values)),
                            doc.doc_id, line))
    guide_tiers = {int(m[2]): (cn_parens(m[1]), p.line_at(m.start(2))) for p in guide if (m := TIER_GUIDE.match(p.text))}
    for index, row in enumerate(rows, 1):
        checks.append(tier_agrees(index, row, guide_tiers, doc))
    extra = sorted(set(guide_tiers) - {r["amount_yuan"] for r in rows})
    if extra:
        checks.append(Check("insurance.premium_guide_extra", Msg("缴费指南多出的档次"), "warn", "无",
                            "、".join(map(str, extra)), Msg('附件3缴费指南列出了正文没有的档次：{items} 元。', items='、'.join(map(str, extra))),
                            doc.doc_id, guide_tiers[extra[0]][1]))
    return rows, checks


def tier_agrees(index: int, row: dict, guide_tiers: dict, doc: Document) -> Check:
    check_id = f"insurance.premium_guide.tier{index}"
    subject = Msg("{amount} 元档：正文 vs 附件3缴费指南", amount=row["amount_yuan"])
    if row["amount_yuan"] not in guide_tiers:
        return Check(check_id, subject, "warn", f"{row['amount_yuan']}元", "未找到",
                     Msg('正文的 {amount} 元档（{who}）在附件3缴费指南中没有出现。', amount=row['amount_yuan'], who=row['who']), doc.doc_id, row["line"])
    who, line = guide_tiers[row["amount_yuan"]]
    same = who == row["who"]
    message = (Msg("{amount} 元档的适用人群正文与附件3一致：{who}。", amount=row["amount_yuan"], who=who) if same else
               Msg("{amount} 元档的适用人群不一致：正文为“{ours}”，附件3为“{who}”。", amount=row["amount_yuan"],
                   ours=row["who"], who=who))
    return Check(check_id, subject, "ok" if same else "warn", row["who"], who, message, doc.doc_id, line)


def parse_periods(raw: RawText, paras: list[Paragraph], doc: Document) -> list[dict]:
    rows = []
    for para in paras:
        m, span = PERIOD.match(para.text), DATE_RANGE.search(para.text)
        if m and span:
            start, end = date_range(span[1], span[2])
            rows.append({"period": m[1], "start_date": start, "end_date": end, "text": printed_text(raw, para),
                         "doc_id": doc.doc_id, "line": para.line_at(span.start())})
    return rows


def period_checks(main: list[dict], guide: list[dict], doc: Document) -> list[Check]:
    checks = []
    for row in main:
        other = next((g for g in guide if g["period"] == row["period"]), None)
        check_id = f"insurance.period_guide.{row['period']}"
        subject = Msg("{period}：正文 vs 附件3缴费指南", period=row["period"])
        ours = f"{row['start_date']}至{row['end_date']}"
        if other is None:
            checks.append(Check(check_id, subject, "warn", ours, "未找到",
                                Msg('附件3缴费指南中没有找到{period}。', period=row['period']), doc.doc_id, row["line"]))
            continue
        theirs = f"{other['start_date']}至{other['end_date']}"
        same = ours == theirs
        checks.append(Check(check_id, subject, "ok" if same else "warn", ours, theirs,
                            (Msg("{period}正文为 {ours}，附件3为 {theirs}，一致。", period=row["period"], ours=ours,
                                 theirs=theirs) if same else
                             Msg("{period}正文为 {ours}，附件3为 {theirs}，不一致。", period=row["period"], ours=ours,
                                 theirs=theirs)),
                            doc.doc_id, other["line"]))
    return checks


# ---------------------------------------------------------------- 实施步骤
def parse_schedule(raw: RawText, paras: list[Paragraph], doc: Document) -> list[dict]:
    """Phases '(一)宣传发动(2020年11月1日至2020年11月5日)' in 四、实施步骤, with their body text."""
    start = next((i for i, p in enumerate(paras) if SECTION.match(p.text) and "实施步骤" in p.text[:12]), None)
    if start is None:
        return []
    rows: list[dict[str, Any]] = []
    for para in paras[start + 1:]:
        if SECTION.match(para.text):
            break
        m = PHASE.match(para.text)
        if m:
            first, last = date_range(m[3], m[4])
            rows.append({"step_no": cn_numeral(m[1]), "step_name": m[2], "start_date": first, "end_date": last,
                         "text": None, "doc_id": doc.doc_id, "line": para.line_at(m.start(3)), "_body": []})
        elif rows:
            rows[-1]["_body"].append(printed_text(raw, para))
    for row in rows:
        row["text"] = "\n".join(row.pop("_body")) or None
    return rows


def schedule_check(schedule: list[dict], periods: list[dict], doc: Document) -> list[Check]:
    """The phases should run from the first to the last day of the 缴费期."""
    payment = next((p for p in periods if p["period"] == "缴费期"), None)
    if not schedule or payment is None:
        return []
    ours = f"{payment['start_date']}至{payment['end_date']}"
    span = f"{schedule[0]['start_date']}至{schedule[-1]['end_date']}"
    same = ours == span
    values = {"ours": ours, "first": schedule[0]["step_name"], "last": schedule[-1]["step_name"], "span": span}
    return [Check("insurance.schedule_span", Msg("实施步骤起止 vs 缴费期"), "ok" if same else "warn", ours, span,
                  (Msg("缴费期为 {ours}，实施步骤从 {first} 到 {last} 为 {span}，一致。", **values) if same else
                   Msg("缴费期为 {ours}，实施步骤从 {first} 到 {last} 为 {span}，不一致。", **values)),
                  doc.doc_id, schedule[0]["line"])]


def publicity_check(schedule: list[dict], doc: Document) -> list[Check]:
    """'公示期不得少于5天' in a phase's text vs the days that phase actually spans."""
    checks = []
    for row in schedule:
        m = re.search(r"公示期不得少于(\d+)天", compact(row["text"] or ""))
        if not (m and row["start_date"] and row["end_date"]):
            continue
        days = (dt.date.fromisoformat(row["end_date"]) - dt.date.fromisoformat(row["start_date"])).days + 1
        enough = days >= int(m[1])
        checks.append(Check(f"insurance.publicity_days.{row['step_no']}", Msg('{step_name}：公示期天数', step_name=row['step_name']),
                            "ok" if enough else "warn", f"不少于{m[1]}天", f"{days}天",
                            (NMsg("文件要求公示期不少于 {required} 天，{step_name}阶段安排 {n} 天，满足。",
                                  "文件要求公示期不少于 {required} 天，{step_name}阶段安排 {n} 天，满足。",
                                  days, required=m[1], step_name=row["step_name"]) if enough else
                             NMsg("文件要求公示期不少于 {required} 天，{step_name}阶段安排 {n} 天，不足。",
                                  "文件要求公示期不少于 {required} 天，{step_name}阶段安排 {n} 天，不足。",
                                  days, required=m[1], step_name=row["step_name"])), doc.doc_id, row["line"]))
    return checks


# ---------------------------------------------------------------- 咨询电话
def contact_town(office: str, ctx: Context) -> str | None:
    """Town from an office name: full name prefix (仁风镇医保经办机构), or short name + 税务所 (孙耿税务所).

    A short name that is also the district's (×× of ××区) is ambiguous, and a
    development zone (济北开发区税务所) is not the town of the same name: both NULL.
    """
    towns = ctx.ref.towns
    for full in towns.town_name:
        if office.startswith(full):
            return full
    for row in towns.itertuples():
        if office == f"{row.short_name}税务所" and f"{row.short_name}区" != row.district:
            return row.town_name
    return None


def parse_contacts(raw: RawText, first: int, last: int, doc: Document, ctx: Context) -> list[dict]:
    header, rows = table_after(raw, first, last, lambda cells: "社保单位" in cells and "税务单位" in cells)
    contacts = []
    for number, cells in rows:
        cells = cells + [""] * (len(header) - len(cells))
        for office, phone, kind in ((cells[i], cells[i + 1], header[i]) for i in range(0, len(header) - 1, 2)):
            if office and phone:
                contacts.append({"office": office, "kind": kind, "phone": phone,
                                 "town_name": contact_town(office, ctx), "doc_id": doc.doc_id, "line": number})
    return contacts


# ---------------------------------------------------------------- load
def recognise(raw: RawText, doc: Document) -> bool:
    """A 医保 collection plan: 居民基本医疗保险 with a 征缴 task per town."""
    text = document_text(raw, doc)
    return "医疗保险" in text and "征缴" in text and ("任务" in text or "保费" in text)


def load(ctx: Context) -> LoadResult:
    return each_document(ctx, "insurance", N_("居民医保征缴方案"), recognise, extract)


def extract(ctx: Context, doc: Document) -> LoadResult:
    raw = ctx.raw
    spans = attachments(raw, doc)
    main_last = min((first for first, _ in spans.values()), default=doc.last_line + 1) - 1
    main = paragraphs(raw, doc.first_line, main_last)
    guide_span = next((span for span in spans.values()
                       if any("缴费指南" in compact(t) for _, t in raw.numbered(span[0], min(span[0] + 3, span[1])))),
                      None)
    guide = paragraphs(raw, *guide_span) if guide_span else []

    checks: list[Check] = []
    quota, more = parse_quota(raw, doc, ctx)
    checks += more
    premiums, more = parse_premiums(main, guide, doc)
    checks += more
    periods = parse_periods(raw, main, doc)
    checks += period_checks(periods, parse_periods(raw, guide, doc), doc)
    schedule = parse_schedule(raw, main, doc)
    if not schedule:
        checks.append(missing("insurance.schedule", Msg("实施步骤"), Msg("“四、实施步骤”的各阶段"), doc.doc_id, None,
                              severity="warn"))
    checks += schedule_check(schedule, periods, doc)
    checks += publicity_check(schedule, doc)
    contacts = parse_contacts(raw, *(guide_span or (doc.first_line, doc.last_line)), doc, ctx)
    if not contacts:
        checks.append(missing("insurance.contacts", Msg("咨询电话"), Msg("表头“社保单位 电话 税务单位 电话”"),
                              doc.doc_id, None, severity="warn"))

    tables = {"insurance_quota": quota, "insurance_premiums": premiums, "insurance_contacts": contacts,
              "insurance_schedule": schedule, "insurance_periods": periods}
    return LoadResult(tables={t.name: frame(t, tables[t.name]) for t in TABLES}, checks=checks)
