"""Numeric commitments of both bulletins: rates, counts, amounts, ranks, clearances, dates.

Every prose sentence of every document is swept for commitment shapes
("达到…%以上", "超过…%", "建成…万亩", "退出后三位", "动态清零", "…前完成") and each hit
becomes one ledger row with its subject, value, comparator, deadline, the units made
responsible by the attribution that follows ("（牵头单位：…，责任单位：…）") and the raw
line where the number is printed. Precision matters more than recall, so a number is
only kept when it carries a known unit and a commitment word, and budget facts
(占…、比上年减少…、共计…、投资…万元) are dropped. Table rows are left to the loaders
that own those tables.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from loaders.base import Context, LoadResult, failure_check
from loaders.checks import Check, compare, joined
from loaders.cn import attributions as cn_attributions
from loaders.cn import dates, outline
from loaders.cn.amounts import NUMBER
from loaders.cn.numerals import SMALL, cn_numeral
from loaders.departments import alias_map, canonical, split_units
from loaders.documents import Document
from loaders.schema import C, Table
from loaders.source import Paragraph, RawText, paragraphs
from textkit.msg import N_, Msg, NMsg

TABLES = [
    Table("targets", N_("各文件中的数字化承诺与报告的结果（比例、数量、金额、名次、清零、日期）。"), (
        C("target_id", "VARCHAR", N_("承诺 ID（文件 ID + 句子指纹，插入段落不变）"), False),
        C("doc_id", "VARCHAR", N_("来源文件 ID"), False),
        C("district", "VARCHAR", N_("区"), False),
        C("plan_no", "INTEGER", N_("方案汇编中的方案序号（其他文件为空）")),
        C("kind", "VARCHAR", N_("rate / count / amount / rank / clearance / date / cadence"), False),
        C("subject", "VARCHAR", N_("承诺对象（中文短语）"), False),
        C("value", "DOUBLE", N_("数值（清零为 0；日期类承诺为空）")),
        C("value_max", "DOUBLE", N_("区间上限（如 2-4 家 的 4），否则为空")),
        C("unit", "VARCHAR", N_("单位（%、个、万亩、名 等）")),
        C("comparator", "VARCHAR", N_(">= / > / <= / < / = / ≈ / 区间 / 清零 / 退出后N位 / 后N位")),
        C("months", "INTEGER", N_("“连续N个月”中的 N（约谈等机制），否则为空")),
        C("deadline", "DATE", N_("期限（ISO 日期；“当月”“每年”等周期性要求为空）")),
        C("deadline_text", "VARCHAR", N_("期限（原文，去掉排版空格）")),
        C("lead", "VARCHAR", N_("牵头单位（规范名，多个用、分隔）")),
        C("responsible", "VARCHAR", N_("牵头及责任单位（规范名，多个用、分隔）")),
        C("topic", "VARCHAR", N_("机器可读的主题键，如 hotline.monthly_resolution")),
        C("statement", "VARCHAR", N_("commitment 承诺（到…达到、确保…前完成、不低于）/ reported 报告的结果（比上周增长、满意率为…）"), False),
        C("quote", "VARCHAR", N_("原文句子（规范化）"), False),
        C("line", "INTEGER", N_("数值所在的原始行"), False))),
]
COLUMNS = TABLES[0].column_names

# --- vocabulary -------------------------------------------------------------------------

NUM = NUMBER
_RATE = re.compile(rf"(?<![\d.])(?P<num>{NUM})%(?P<suf>以上|以下|以内|左右)?")
_COUNT_UNITS = ("个百分点|万亩|亩|万吨|吨|亿株|万株|株|万头|头|万人|人次|人|万户|户|个|家|所|处|座|条|名"
                "|项|次|场|张|公里|千米|套|台|支|批")
_COUNT = re.compile(rf"(?<![\d.\-第])(?:(?P<lo>{NUM})-)?(?P<num>{NUM})(?P<unit>{_COUNT_UNITS})"
                    r"(?P<suf>以上|以下|以内|左右)?(?P<de>的)?")
_NOT_A_COUNT = re.compile(r"工作日|月|小时|阶段|方面|领域|季度|年")   # "5个工作日", "三个月"
_AMOUNT = re.compile(rf"(?<![\d.\-])(?P<num>{NUM})(?P<unit>亿元|万元|元)(?P<suf>以上|以下)?(?P<de>的)?")
CN_NUM = SMALL + "两"
_RANK = re.compile(rf"(?P<exit>退出)?后(?P<n>[{CN_NUM}\d]+)(?:位|名)")
_MONTHS = re.compile(rf"连续(?P<n>[{CN_NUM}\d]+)个月")
# "进行动态清零", "…的村清零"; quoted campaign names (“坑槽清零”) and 清零机制/进展 are not targets.
_CLEAR = re.compile(r"(?<![“\"])(?:动态)?清零(?![”\"行进机状])")
_CADENCE = re.compile(r"(?P<when>月中、月末|周初、周末|月初、月末)双(?P<what>通报|调度)")
_PCT_N = re.compile(rf"[“\"]?(?P<n>[{CN_NUM}]+)个$")          # 关键信息采集率…“五个 100%”

# Comparator words; the last one in the clause gives the sign ("不" forms before the plain ones).
_COMPARATORS = (("最低标准", ">="), ("最高标准", "<="), ("不低于", ">="), ("不少于", ">="), ("至少", ">="), ("不超过", "<="), ("不高于", "<="),
                ("控制在", "<="), ("超过", ">"), ("高于", ">"), ("大于", ">"), ("多于", ">"),
                ("多出", ">"), ("低于", "<"), ("少于", "<"), ("达到", ">="), ("稳定在", ">="),
                ("保持在", ">="), ("提升", ">="), ("提高", ">="), ("下降", ">="), ("减少", ">="),
                ("增长", ">="), ("达", ">="))
_NEUTRAL_COMPARATOR = re.compile(r"达到|超过|不低于|不少于|不超过|控制在|稳定在|保持在")
_SUFFIX_COMPARATOR = {"以上": ">=", "以下": "<=", "以内": "<=", "左右": "≈"}
# Verbs that make "N 个/万亩/人 …" a commitment rather than a description.
_COUNT_VERBS = ("建成|建设(?!任务|内容|标准|资金)|新建|改建|修建|维修|打造|创建|新增|增设|增加|开发(?!区)|安置|认定|完成|培训|培育|组织"
                "|举办|开展|设置|实现|达到|达|超过|不少于|不低于|至少|扶持|奖补|奖励|评选|硬化|改造|落实"
                "|新造|托管|推广|多出|选派|引进|配备|联络|招聘")
_COUNT_VERB = re.compile(_COUNT_VERBS)
# Facts, not promises: 现有、已形成、共计、截至、总数、涉及.
_FACT = re.compile(r"现有|已[经形完建有]|共计|共涉及|涉及|截至|截止|总数|总投资|投资")
_SHARE_FACT = re.compile(r"占|比\d{4}年|同比|比上年")
_PROMISE = re.compile(r"确保|力争|达到|不低于|不少于|超过")
_MONEY_CONTEXT = re.compile(r"投资|资金|补助|奖补|预算|补贴|费")

# Time markers. Recurring ones (当月、每年 …) mean "no single deadline".
_RECURRING = re.compile(r"当月|每月|每年|每季度|每周|每日|每天")
_WHOLE_YEAR = re.compile(r"全年(?=达|完成|力争|实现)")      # "全年达到30%以上" -> by the year's end
# Date phrases are loaders.cn.dates' (one rule for 上旬/中旬/下旬/月底/年底); these words after one
# make it a start, not a deadline ("2025年3月以来", "1月1日起施行").
_NOT_DEADLINE = re.compile(r"以来|开始|起(?!草)|以后|后(?![三五])")
_DATE_VERB = re.compile(r"完成|建成|完工|开园|关停|投入使用|开学|摸清|报送|建立|实现")

_SENTENCE_END = re.compile(r"[。;!?！？]")
_CLAUSE_END = re.compile(r"[,;:。!?]")
_MASK = "\x00"

_LEADING = re.compile(rf"^(?:\(?\d+\)|\d+\.|{outline.CN}是|{outline.SECTION}|{outline.PAREN_CN}"
                      r"|力争|确保|争取|实现|做到|要|并|全力|持续|推动|进一步|同时|在|到|于|对|由|使|让|将|保障|带动|我区"
                      r"|全面|基本|其中|且|计划|拟|\s|[,、;:。”\"*])+")
_TRAILING = re.compile(r"(?:不低于|不少于|不超过|不高于|高于|低于|超过|多出|达到|稳定在|保持在|控制在|至少|进行"
                       r"|达|在|为|的|各|均|和|及|与|是否|退出|[,、;:“\"\s])+$")
_LEADING_FILLER = re.compile(r"^(?:由|要|并|同时|全面|切实|确保|力争)+")
_LEADING_TO = re.compile(r"^(?:\(?\d+\)|\d+\.)?\s*对")
_TIME_WORDS = re.compile(r"当月|全年|每年|每月|每季度|年内|今年")
SUBJECT_MAX = 40

# The hotline page reads these topics; they are assigned from what was parsed.
HOTLINE_TITLE = "市民服务热线"
HOTLINE_REQUIRED = (
    "hotline.city_rank_exit_bottom3", "hotline.city_rank_exit_bottom5", "hotline.monthly_resolution",
    "hotline.yearly_resolution", "hotline.participation", "hotline.clear.resettlement_housing",
    "hotline.clear.street_vending", "hotline.clear.water_supply", "hotline.summons")
_CLEAR_SLUGS = (("安置房", "resettlement_housing"), ("占道经营", "street_vending"), ("供水", "water_supply"))


# --- small value objects ----------------------------------------------------------------

@dataclass(frozen=True)
class TimeMark:
    start: int
    end: int
    text: str
    iso: str | None          # None for recurring markers
    recurring: bool


@dataclass(frozen=True)
class Attribution:
    start: int
    end: int
    lead: tuple[str, ...]
    responsible: tuple[str, ...]


@dataclass
class Hit:
    """One commitment found in a sentence (offsets are paragraph offsets)."""

    kind: str
    start: int                # where the number (or keyword) is printed
    end: int
    subject: str
    value: float | None
    unit: str | None
    comparator: str | None
    value_max: float | None = None
    months: int | None = None
    deadline_anchor: int | None = None   # offset used to find the deadline (defaults to start)
    extra: dict = field(default_factory=dict)


# --- deadlines --------------------------------------------------------------------------

def time_marks(text: str, default_year: int | None) -> list[TimeMark]:
    """Deadline phrases and recurring markers of a text, in order."""
    marks = [TimeMark(m.start(), m.end(), m[0], None, True) for m in _RECURRING.finditer(text)]
    if default_year:
        marks += [TimeMark(m.start(), m.end(), m[0], f"{default_year}-12-31", False)
                  for m in _WHOLE_YEAR.finditer(text)]
    for when in dates.find_all(text, default_year):
        if _NOT_DEADLINE.match(text[when.end:when.end + 2]):
            continue
        start, end = when.start, when.before_end
        if start and text[start - 1] in "到至于" and not text[max(start - 3, 0):start].endswith("即日起至"):
            start -= 1
        marks.append(TimeMark(start, end, text[start:end], when.deadline, False))
    return sorted(marks, key=lambda t: t.start)


def deadline_for(offset: int, marks: list[TimeMark]) -> TimeMark | None:
    """The last time marker printed before `offset` in the same sentence."""
    before = [t for t in marks if t.end <= offset]
    return before[-1] if before else None


def default_year(doc: Document, text: str) -> int | None:
    """Year that bare '9月底前' / '年底' refer to: the signing year, else the plan's commonest year."""
    if doc.signed_on:
        return int(doc.signed_on[:4])
    return dates.commonest_year(text)


# --- attributions -----------------------------------------------------------------------

def attributions(text: str, known: dict[str, str]) -> list[Attribution]:
    """'(牵头单位:A,责任单位:B、C)' -> lead (A,), responsible (A, B, C), canonical names."""
    found = []
    for block in cn_attributions.find(text):
        roles: dict[str, list[str]] = {"牵头": [], "责任": [], "配合": []}
        for segment in block.segments:
            if segment.role:
                roles[segment.role].extend(canonical(u, known) for u in split_units(segment.text, known))
        lead = tuple(dict.fromkeys(roles["牵头"]))
        found.append(Attribution(block.start, block.end, lead, tuple(dict.fromkeys(roles["牵头"] + roles["责任"]))))
    return found


def masked(text: str, spans: list[Attribution]) -> str:
    """Text with attribution brackets blanked out, so their ';' and ':' split nothing."""
    return cn_attributions.masked(text, spans, _MASK)


# --- subjects ---------------------------------------------------------------------------

_LIST_ITEM_DONE = re.compile(rf"(?:以上|以下|%|位|清零|全覆盖|\d(?:{_COUNT_UNITS}))$")


def clause_start(text: str, offset: int, floor: int, split_lists: bool = False) -> int:
    """Start of the clause that ends at `offset`: after the last , ; : 。 or an unclosed '('.

    With `split_lists`, a '、' that follows a complete commitment also starts a clause
    ('…20%以上、全年达到30%以上'), while '不满意、未解决问题' stays together.
    """
    start = floor
    for m in _CLAUSE_END.finditer(text, floor, offset):
        start = m.end()
    opened = text.rfind("(", start, offset)
    if opened >= 0 and ")" not in text[opened:offset]:
        start = opened + 1                             # "机制(重点路段每日至少1次)"
    if split_lists:
        position = start
        for index in [i for i in range(start, offset) if text[i] == "、"]:
            if _LIST_ITEM_DONE.search(text, position, index):
                position = index + 1
        start = position
    return start


def clean_subject(text: str, marks: list[TimeMark], offset: int) -> str:
    """Drop dates, recurring words, fillers and trailing comparators from a subject phrase."""
    for t in sorted((t for t in marks if offset <= t.start < offset + len(text)), key=lambda t: -t.start):
        text = text[:t.start - offset] + text[t.end - offset:]
    text = _TIME_WORDS.sub("", text.replace(_MASK, ""))
    previous = None
    while previous != text:
        previous = text
        text = _LEADING.sub("", text)
        text = _TRAILING.sub("", text)
        text = _PCT_N.sub("", text).strip()
    return shorten(balanced_quotes(text))


def balanced_quotes(text: str) -> str:
    """'戏曲进乡村”“公益电影放映”行政村覆盖率' -> '“戏曲进乡村”“公益电影放映”行政村覆盖率'."""
    if text.count("“") < text.count("”") and not text.startswith("“"):
        text = "“" + text
    if text.count("“") > text.count("”"):
        text = text.rstrip("“") if text.endswith("“") else text + "”"
    return text


def shorten(text: str) -> str:
    """Long subjects keep their head and their tail: '完成对××三中、…等学校的维修改造工作'."""
    if len(text) <= SUBJECT_MAX:
        return text
    return text[:SUBJECT_MAX // 2 - 1] + "…" + text[-(SUBJECT_MAX // 2):]


_COMPARATOR_WORD = re.compile("|".join(w for w, _sign in _COMPARATORS))


def comparator_of(before: str, suffix: str | None) -> str:
    """Sign of a commitment: the suffix (以上/以下/左右) wins, else the last comparator word."""
    if suffix:
        return _SUFFIX_COMPARATOR[suffix]
    words = _COMPARATOR_WORD.findall(before)
    return dict(_COMPARATORS)[words[-1]] if words else "="


# --- the sweep over one sentence --------------------------------------------------------

@dataclass
class Sentence:
    paragraph: Paragraph
    text: str        # masked paragraph text (offsets are paragraph offsets)
    start: int
    end: int

    @property
    def quote(self) -> str:
        return re.sub(r"\s+", " ", self.text[self.start:self.end].replace(_MASK, "")).strip()


def _taken(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def rank_hits(s: Sentence, marks: list[TimeMark]) -> list[Hit]:
    """'9月底前退出后三位' (退出后N位) and '连续两个月单项指标后三位…约谈' (后N位, months=2)."""
    hits = []
    for m in _RANK.finditer(s.text, s.start, s.end):
        start = clause_start(s.text, m.start(), s.start, True)
        before = s.text[start:m.start()]
        months = _MONTHS.search(before)
        if "对" in before:                          # "…会同…对部门、镇街连续两个月单项指标后三位…进行约谈"
            start += before.rindex("对") + 1
            before = s.text[start:m.start()]
        subject = clean_subject(before, marks, start)
        if not m["exit"] and "约谈" in s.text[m.end():s.end]:
            subject = f"{subject}{m[0]}（约谈）"
        hits.append(Hit("rank", m.start(), m.end(), subject, cn_numeral(m["n"]), "名",
                        "退出后N位" if m["exit"] else "后N位",
                        months=cn_numeral(months["n"]) if months else None))
    return hits


def clearance_hits(s: Sentence, marks: list[TimeMark]) -> list[Hit]:
    """'对…占道经营问题进行动态清零' -> value 0, comparator 清零 (once per sentence)."""
    m = _CLEAR.search(s.text, s.start, s.end)
    if not m:
        return []
    start = clause_start(s.text, m.start(), s.start, True)
    subject = clean_subject(s.text[start:m.start()], marks, start)
    return [Hit("clearance", m.start(), m.end(), subject, 0.0, None, "清零")]


def cadence_hits(s: Sentence, marks: list[TimeMark]) -> list[Hit]:
    """'进行月中、月末双通报' -> twice a month."""
    hits = []
    for m in _CADENCE.finditer(s.text, s.start, s.end):
        start = clause_start(s.text, m.start(), s.start)
        subject = clean_subject(s.text[start:m.start()], marks, start) + m[0]
        unit = "次/月" if "月" in m["when"] else "次/周"
        hits.append(Hit("cadence", m.start(), m.end(), subject, 2.0, unit, "="))
    return hits


def rate_hits(s: Sentence, marks: list[TimeMark]) -> list[Hit]:
    """'…达到…的20%以上', '覆盖率100%', '“五个100%”'; shares of a budget (占…%) are facts."""
    hits = []
    for m in _RATE.finditer(s.text, s.start, s.end):
        wide = s.text[clause_start(s.text, m.start(), s.start):m.start()]
        if _SHARE_FACT.search(wide) and not (m["suf"] or _PROMISE.search(wide)):
            continue                                   # 占整合资金的9.92%、比2019年减少7.3%
        if "是否" in wide:
            continue                                   # a checklist question, not a promise
        start = clause_start(s.text, m.start(), s.start, True)
        before = s.text[start:m.start()]
        comparator = comparator_of(before, m["suf"])
        cuts = list(_NEUTRAL_COMPARATOR.finditer(before))   # "…化解量达到当月总数的20%" -> 化解量
        subject = clean_subject(before[:cuts[-1].start()] if cuts else before, marks, start)
        after = s.text[m.end():s.end]
        if after.startswith("的"):                    # "40%以上的社区建成智慧社区"
            tail = re.split(r"[,;:。(]", after[1:])[0]
            subject = f"{subject}{tail}" if subject else tail
        stated = _PCT_N.search(before.rstrip())
        hits.append(Hit("rate", m.start(), m.end(), subject, float(m["num"]), "%", comparator,
                        extra={"stated_n": stated["n"]} if stated else {}))
    return hits


def amount_hits(s: Sentence, marks: list[TimeMark]) -> list[Hit]:
    """'人均可支配收入达到2万元' — money only right after a comparator, never a budget line."""
    hits = []
    for m in _AMOUNT.finditer(s.text, s.start, s.end):
        if m["de"]:
            continue                                   # "集体收入5万元以下的村" is a qualifier
        start = clause_start(s.text, m.start(), s.start, True)
        before = s.text[start:m.start()]
        word = next((w for w, _sign in _COMPARATORS if before.endswith(w)), None)
        if word not in ("达到", "达", "超过", "不低于", "不少于") or _MONEY_CONTEXT.search(before):
            continue                                   # budget facts: 投资1098万元、扶持资金30万元
        subject = clean_subject(before, marks, start)
        hits.append(Hit("amount", m.start(), m.end(), subject, float(m["num"]), m["unit"],
                        comparator_of(before, m["suf"])))
    return hits


_NOUN_AFTER = re.compile(r"(?:[\dA-Za-z./]+\s*)?(?P<noun>[\u4e00-\u9fff“][^,;:。()、\d%\s]*)")
_SPEC = re.compile(r"支持|具备|应当?|能够|可")        # technical specifications, not promises


def _without_comparators(text: str) -> str:
    """'至少各建成' -> '建成' (keeps the 各 of '各镇(街道)')."""
    return _COMPARATOR_WORD.sub("", re.sub(r"各(?=至少|不少于)|(?<=至少)各", "", text))


def count_subject(s: Sentence, m: re.Match, start: int, wide: str, marks: list[TimeMark]) -> str:
    """'建成高标准农田5万亩' -> 建成高标准农田; '新增25个城乡社区老年助餐场所' -> 新增城乡社区老年助餐场所."""
    before = s.text[start:m.start()]
    after = s.text[m.end():s.end]
    noun = _NOUN_AFTER.match(after)
    if noun and not after.startswith(("的", "等")):
        head = clean_subject(_without_comparators(before), marks, start)
        if not _COUNT_VERB.search(head) or len(head) > 15 or re.search(r"\d", head):
            verbs = [v[0] for v in _COUNT_VERB.finditer(wide) if v[0] not in dict(_COMPARATORS)]
            head = verbs[-1] if verbs else ""
        return clean_subject(head + noun["noun"], [], 0)
    return clean_subject(before, marks, start)


def count_hits(s: Sentence, marks: list[TimeMark], previous_end: int | None) -> tuple[list[Hit], int | None]:
    """Counts with a commitment verb ("建成…5万亩", "新增25个…") or an explicit "以上".

    `previous_end`: where the last accepted count of the paragraph was printed; a bare
    list item right after it ("…18家以上,其中,省级不少于3家;区级以上合作社示范社35家")
    continues the same commitment.
    """
    hits: list[Hit] = []
    for m in _COUNT.finditer(s.text, s.start, s.end):
        if m["unit"] == "个" and _NOT_A_COUNT.match(s.text, m.end()):
            continue
        if m["de"] and m["suf"]:
            continue                                   # "床位在100张以上的医疗机构" is a qualifier
        wide_start = clause_start(s.text, m.start(), s.start)
        wide = s.text[wide_start:m.start()]
        start = clause_start(s.text, m.start(), s.start, True)
        opened = wide.rfind("(")
        if (_FACT.search(wide) or re.search(r"\d{4}年新", wide) or _LEADING_TO.match(wide)
                or (opened >= 0 and ")" not in wide[opened:] and wide[opened + 1:].startswith("其中"))):
            continue                                   # facts, "对…5家以上…的企业", "(其中…3万亩)"
        verb = _COUNT_VERB.search(wide)
        listed = (previous_end is not None and not re.search(r"\d", s.text[start:m.start()])
                  and re.fullmatch(r"(?:以上|以下)?[,;:。、](?:其中[,:]?)?", s.text[previous_end:start]))
        spec_free = not _SPEC.search(wide)
        if not (verb or (m["suf"] == "以上" and spec_free) or listed):
            continue
        subject = count_subject(s, m, start, wide, marks)
        if start > s.start and s.text[start - 1] == "(":   # "建立…机制(重点路段每日至少1次)"
            outer = s.text[clause_start(s.text, start - 1, s.start):start - 1]
            owner = clean_subject(outer, marks, 0)
            subject = f"{owner}（{subject}）" if subject and owner else owner or subject
        elif len(subject) <= 3:                        # "其中,省级不少于3家" -> the listed item's owner
            first_clause = re.sub(r"\([^()]*\)", "", _leading(_CLAUSE, s.text[s.start:s.end]))
            owner = hits[-1].subject if hits else clean_subject(first_clause, marks, s.start)
            subject = owner if not subject or _COUNT_VERB.fullmatch(subject) else f"{owner}（{subject}）"
        if not subject:
            continue
        comparator = comparator_of(s.text[start:m.start()], m["suf"]) if not m["lo"] else "区间"
        hits.append(Hit("count", m.start(), m.end(), subject,
                        float(m["lo"]) if m["lo"] else float(m["num"]), m["unit"], comparator,
                        value_max=float(m["num"]) if m["lo"] else None))
        previous_end = m.end()
    return hits, previous_end


_CLAUSE = re.compile(r"[^,;:。]*")                 # a clause up to its first separator (may be empty)
_MARKED_CLAUSE = re.compile(r"[,:]?[^,;:。]*")     # the same after an optional leading ',' or ':'


def _leading(pattern: re.Pattern[str], text: str) -> str:
    """The start of `text` that `pattern` (which matches any string, if only with '') takes."""
    found = pattern.match(text)
    assert found is not None
    return found[0]


def date_hits(s: Sentence, marks: list[TimeMark], numeric: list[Hit]) -> list[Hit]:
    """'2020年12月31日前,完成…缴费任务' — a deadline with a completion verb and no number."""
    hits = []
    dated = [t for t in marks if not t.recurring and s.start <= t.start < s.end]
    for index, mark in enumerate(dated):
        stop = dated[index + 1].start if index + 1 < len(dated) else s.end
        if any(mark.end <= h.start < stop for h in numeric):
            continue
        scope = re.sub(r"\([^()]*\)", "", s.text[mark.end:stop])
        first = _leading(_MARKED_CLAUSE, scope)
        second = _leading(_CLAUSE, scope[len(first) + 1:]) if first.startswith((",", ":")) \
            else ""
        clause = first.lstrip(",:") if _DATE_VERB.search(first) else second
        if not _DATE_VERB.search(clause):
            continue
        start = clause_start(s.text, mark.start, s.start)
        head = clean_subject(s.text[start:mark.start], [], 0)
        if not head and len(clause) < 8 and start > s.start:   # ",2022年建成并投入使用" -> what is built
            head = clean_subject(s.text[clause_start(s.text, start - 1, s.start):start - 1], marks, 0)
            head = f"{head}，" if head else ""
        subject = shorten(head + _LEADING_FILLER.sub("", clause.strip()))
        if subject:
            hits.append(Hit("date", mark.start, mark.end, subject, None, None, None,
                            deadline_anchor=mark.end))
    return hits


def phase_hit(p: Paragraph, marks: list[TimeMark]) -> Hit | None:
    """'(一)动员排查阶段(2020年9月10日前)' — a phase heading with its closing date."""
    m = re.match(rf"^\(({outline.CN})\)\s*(?P<name>[^()]{{2,14}}阶段)\s*\((?P<when>[^()]+)\)\s*$", p.text)
    if not m:
        return None
    inside = [t for t in marks if not t.recurring and m.start("when") <= t.start < m.end("when")]
    if not inside:
        return None
    last = inside[-1]
    return Hit("date", last.start, last.end, m["name"], None, None, None, deadline_anchor=last.end)


_PHASE_HEADING = re.compile(r"^(?:\(?[一二三四五六七八九十\d]+[)、.]|第[一二三四五六七八九十]阶段)?[^,。;]{0,12}阶段[:(]")
_SCHEDULE_LABEL = re.compile(r"^\(\d+\)\s*进度安排")


def with_subjects(hits: list[Hit]) -> list[Hit]:
    """Hits in print order; '…20%以上、全年达到30%以上' gives the second the first one's subject."""
    result: list[Hit] = []
    for hit in sorted(hits, key=lambda h: h.start):
        if not hit.subject:
            previous = next((h for h in reversed(result) if h.kind == hit.kind), None)
            if previous is None:
                continue
            hit.subject = previous.subject
        result.append(hit)
    return result


_SHORT_HEADING = re.compile(rf"^(?:#|{outline.SECTION}|\(?{outline.CN}\))[^。;,]{{0,20}}$")


def sentences(p: Paragraph, text: str) -> list[Sentence]:
    """Split at 。;!? — and after a short heading line that the page joined to its text
    ('二、目标任务' + '2020年12月31日前,完成…')."""
    ends = {m.end() for m in _SENTENCE_END.finditer(text)}
    for index, begin in enumerate(p.starts[:-1]):
        if _SHORT_HEADING.match(text[begin:p.starts[index + 1]]):
            ends.add(p.starts[index + 1])
    result, start = [], 0
    for end in sorted(ends | {len(text)}):
        if end > start:
            result.append(Sentence(p, text, start, end))
            start = end
    return [s for s in result if s.quote]


# --- documents --------------------------------------------------------------------------

def is_table_row(raw: RawText, p: Paragraph) -> bool:
    return any("\t" in raw.line(n).strip("\t ") or "<p>" in raw.line(n) for n in p.lines)


def paragraph_rows(doc: Document, p: Paragraph, year: int | None, known: dict[str, str]) -> list[dict]:
    spans = attributions(p.text, known)
    text = masked(p.text, spans)
    marks = time_marks(text, year)
    if _SCHEDULE_LABEL.match(text):
        return []                                      # project schedules belong to fund_projects
    if _PHASE_HEADING.match(text):
        # a compendium's phases live in campaign_phases; a gazette has no phase table, so its phases are dated targets.
        hit = phase_hit(p, marks) if doc.bulletin_kind != "compendium" else None
        return [_row(doc, p, Sentence(p, text, 0, len(text)), hit, marks, spans)] if hit else []
    rows, previous_end = [], None
    for s in sentences(p, text):
        taken: list[tuple[int, int]] = []
        hits: list[Hit] = []
        for finder in (rank_hits, clearance_hits, cadence_hits, rate_hits, amount_hits):
            for hit in finder(s, marks):
                if not _taken(taken, hit.start, hit.end):
                    hits.append(hit)
                    taken.append((hit.start, hit.end))
        counts, previous_end = count_hits(s, marks, previous_end)
        hits += [h for h in counts if not _taken(taken, h.start, h.end)]
        hits += date_hits(s, marks, hits)
        rows += [_row(doc, p, s, hit, marks, spans) for hit in with_subjects(hits)]
    return rows


# A figure reported as already reached, not promised: '比上周增长20.48%', '满意率为99.23%', '已办结4068件'.
_REPORTED = re.compile(r"比上(?:周|月|年|季度|期)|比去年|同比|环比|较上(?:周|月|年|期)|较去年|已(?:完成|达到|办结|受理|累计|实现|解决)"
                       r"|共(?:受理|办结|接到|接听|处理|交办)|累计(?:受理|办结|完成|交办)|截至|截止|目前|本(?:周|月)|上(?:周|月)"
                       r"|(?:率|量|数|额|值|分|得分)(?:均)?(?:为|是|达)$")
# Words of a promise: a target to reach by a date, a bound to keep.
_PROMISE = re.compile(r"确保|力争|争取|目标|要|必须|应当|不低于|不少于|不超过|最低标准|控制在|提高到|提升到|达到|实现|以上|以内|以下|前")


_PLAN_TITLE = re.compile(r"(方案|意见|计划|规划|要点|任务|办法|细则|措施)(的通知)?$")


def statement_of(text: str, start: int, end: int, has_deadline: bool, comparator: str | None,
                 plan: bool = True) -> str:
    """'reported' for a result the text reports ('比上周增长20.48%', '共受理…,办结率100%', '满意率为99.23%'),
    'commitment' for a promise: words of a target or bound in its clause with a deadline, a stated
    comparator (不低于, 以上, 最低标准) or any promise word in the sentence when nothing reports. In a
    plan (a 方案/意见/计划) a bare figure is what the plan sets out; elsewhere (通报, 决定) it is a result."""
    clause_start = max(text.rfind(mark, 0, start) for mark in (",", ";", "。", ":")) + 1
    clause_end = min((i for i in (text.find(m, end) for m in (",", ";", "。")) if i >= 0), default=len(text))
    clause = text[clause_start:clause_end]
    promised = bool(_PROMISE.search(clause))
    if _REPORTED.search(text[:start]) or _REPORTED.search(text[clause_start:start]):
        return "commitment" if promised and has_deadline else "reported"
    if not plan and comparator in ("=", None) and not has_deadline and not _PROMISE.search(text):
        return "reported"
    return "commitment"


def _row(doc: Document, p: Paragraph, s: Sentence, hit: Hit, marks: list[TimeMark],
         spans: list[Attribution]) -> dict:
    anchor = hit.deadline_anchor or hit.start
    # Dates hold for the whole sentence; 当月/每年 only for their own clause.
    in_scope = [t for t in marks if s.start <= t.start < s.end
                and not (t.recurring and _CLAUSE_END.search(s.text, t.end, max(anchor, t.end)))]
    mark = deadline_for(anchor, in_scope)
    owner = next((a for a in spans if a.start >= hit.end), None)
    fingerprint = hashlib.sha1(f"{s.quote}|{hit.kind}|{hit.start - s.start}".encode()).hexdigest()[:10]
    return {
        "target_id": f"{doc.doc_id}#{fingerprint}", "doc_id": doc.doc_id, "district": doc.district,
        "plan_no": doc.seq if doc.bulletin_kind == "compendium" else None,
        "kind": hit.kind, "subject": hit.subject, "value": hit.value, "value_max": hit.value_max,
        "unit": hit.unit, "comparator": hit.comparator, "months": hit.months,
        "deadline": mark.iso if mark else None, "deadline_text": mark.text if mark else None,
        "lead": ("、".join(owner.lead) or None) if owner else None,
        "responsible": ("、".join(owner.responsible) or None) if owner else None,
        "topic": None, "statement": statement_of(s.text, hit.start, hit.end, mark is not None, hit.comparator,
                                  plan=bool(_PLAN_TITLE.search(doc.title)) or doc.bulletin_kind == "compendium"),
        "quote": s.quote, "line": p.line_at(hit.start),
        "_extra": hit.extra,
    }


def document_rows(doc: Document, raw: RawText, known: dict[str, str]) -> list[dict]:
    paras = [p for p in paragraphs(raw, doc.first_line, doc.last_line) if not is_table_row(raw, p)]
    year = default_year(doc, " ".join(p.text for p in paras))
    rows = []
    for p in paras:
        rows += paragraph_rows(doc, p, year, known)
    seen: Counter = Counter()
    for row in rows:                                   # identical sentences stay distinct
        seen[row["target_id"]] += 1
        if seen[row["target_id"]] > 1:
            row["target_id"] += f"-{seen[row['target_id']]}"
    return rows


# --- topics and checks ------------------------------------------------------------------

def hotline_topic(row: dict) -> str | None:
    subject = row["subject"]
    if row["kind"] == "rank" and row["comparator"] == "退出后N位":
        return f"hotline.city_rank_exit_bottom{int(row['value'])}"
    if row["kind"] == "rank" and "约谈" in subject:
        return "hotline.summons"
    if row["kind"] == "rate" and "不满意" in subject:
        return {"当月": "hotline.monthly_resolution", "全年": "hotline.yearly_resolution"}.get(
            row["deadline_text"])
    if row["kind"] == "rate" and "参与评价" in subject:
        return "hotline.participation"
    if row["kind"] == "clearance":
        return next((f"hotline.clear.{slug}" for word, slug in _CLEAR_SLUGS if word in subject), None)
    if row["kind"] == "cadence":
        return "hotline.report_cadence"
    return None


def hotline_check(frame: pd.DataFrame, hotline: Document | None) -> Check:
    found = Counter(frame["topic"].dropna())
    absent = [t for t in HOTLINE_REQUIRED if not found[t]]
    doubled = [t for t in HOTLINE_REQUIRED if found[t] > 1]
    doc_id = hotline.doc_id if hotline else None
    line = hotline.first_line if hotline else None
    if absent or doubled:
        problems = joined([p for p in (Msg("缺少 {topics}", topics="、".join(absent)) if absent else "",
                                       Msg("重复 {topics}", topics="、".join(doubled)) if doubled else "") if p], "；")
        return Check("targets.hotline_topics", Msg("12345 热线方案的目标"), "error", str(len(HOTLINE_REQUIRED)),
                     str(len(HOTLINE_REQUIRED) - len(absent)),
                     Msg('12345 热线方案的目标：应解析出 {n} 项，{problems}。', n=len(HOTLINE_REQUIRED), problems=problems), doc_id, line)
    return Check("targets.hotline_topics", Msg("12345 热线方案的目标"), "ok", str(len(HOTLINE_REQUIRED)),
                 str(len(HOTLINE_REQUIRED)),
                 NMsg('12345 热线方案的目标：{n} 项均已从原文解析。', '12345 热线方案的目标：{n} 项均已从原文解析。',
                      len(HOTLINE_REQUIRED)), doc_id, line)


def listed_rate_checks(rows: list[dict]) -> list[Check]:
    """'访查登记率、在控率“两个100%”': the stated N against the rates actually listed."""
    checks = []
    for row in rows:
        extra = row["_extra"]
        if "stated_n" in extra:
            listed = len([x for x in row["subject"].split("、") if x])
            checks.append(compare(f"targets.n_times_100pct.{row['target_id']}",
                                  Msg('“{stated_n}个100%”所列指标数（{subject}）', stated_n=extra['stated_n'], subject=row['subject']),
                                  cn_numeral(extra["stated_n"]), listed, row["doc_id"], row["line"], unit="项"))
    return checks


def road_milestone_checks(rows: list[dict], ctx: Context) -> list[Check]:
    """Every '完成N个村…' milestone of a road plan against its stated '共涉及村庄N个'."""
    checks = []
    for roads in ctx.docs.documents:
        if "道路" not in roads.title or "硬化" not in roads.title:
            continue
        raw = ctx.raw
        stated = next((int(m[1]) for p in paragraphs(raw, roads.first_line, roads.last_line)
                       for m in [re.search(r"共涉及村庄(\d+)个", p.text)] if m), None)
        if stated is None:
            continue
        for row in rows:
            if row["doc_id"] == roads.doc_id and row["kind"] == "count" and "完成村" in row["subject"]:
                checks.append(compare(f"targets.road_milestone.{row['target_id']}",
                                      Msg('道路硬化节点（{deadline_text}）{subject}的村数', deadline_text=row['deadline_text'], subject=row['subject']),
                                      stated, row["value"], row["doc_id"], row["line"], unit="个"))
    return checks


def load(ctx: Context) -> LoadResult:
    known = alias_map(ctx.ref.department_aliases)      # built once: canonical() per unit is hot
    rows: list[dict] = []
    checks: list[Check] = []
    for doc in ctx.docs.documents:
        try:
            rows += document_rows(doc, ctx.raw, known)
        except Exception as exc:  # noqa: BLE001 - one document's failure is a data_quality row
            checks.append(failure_check(doc.doc_id, "targets", exc, doc))
    hotline = next((d for d in ctx.docs.documents if HOTLINE_TITLE in d.title), None)
    for row in rows:
        if hotline and row["doc_id"] == hotline.doc_id:
            row["topic"] = hotline_topic(row)
    checks += listed_rate_checks(rows) + road_milestone_checks(rows, ctx)
    frame = pd.DataFrame([{k: v for k, v in r.items() if not k.startswith("_")} for r in rows], columns=COLUMNS)
    frame["plan_no"] = frame["plan_no"].astype("Int64")
    frame["months"] = frame["months"].astype("Int64")
    if hotline is not None:
        checks.append(hotline_check(frame, hotline))
    return LoadResult(tables={"targets": frame}, checks=checks)
