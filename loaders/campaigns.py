"""专项整治工作方案 of a compendium: plans, phases, tasks and the units responsible.

The compendium prints 16 plans with the same outline (一、总体要求 / 二、工作任务 /
三、时间安排 / 四、保障措施) but every plan numbers its tasks differently: （一） with
1. items below, bold "1." items numbered across sections, (1) items under 重点任务
labels, items that continue after a page break. Markdown heading levels do not follow
the hierarchy, so this module reads the printed item markers only and builds the task
tree from the order in which marker kinds appear.

Units are read from the attribution parentheses in every printed variant (（牵头单位：A，
责任单位：B）, [牵头单位：A；责任单位：B], half-width, split by page breaks) and from
sentences like "由区政府办公室牵头" / "区公安分局牵头，各街镇配合", then mapped to
canonical names with the alias table (loaders/departments.py).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

import pandas as pd

from loaders import campaign_attachments as elderly_attachments
from loaders.base import Context, LoadResult, failure_check, none_found, scoped
from loaders.checks import Check, compare, unit_msg
from loaders.cn import attributions as cn_attributions
from loaders.cn import dates, outline
from loaders.cn.numerals import NUMBER, SMALL, cn_numeral
from loaders.cn.paragraphs import join
from loaders.departments import alias_map, clean_unit, resolve, split_units
from loaders.documents import Document, document_text
from loaders.schema import C, Table
from loaders.source import Paragraph, RawText
from textkit.msg import N_, Msg, NMsg

TABLES = [
    Table("campaign_plans", N_("各方案汇编中的专项整治（行动）工作方案。"), (
        C("plan_no", "INTEGER", N_("方案序号（在汇编中的顺序）"), False),
        C("title", "VARCHAR", N_("方案标题"), False),
        C("field", "VARCHAR", N_("领域简称，如 12345热线、城建"), False),
        C("lead_unit", "VARCHAR", N_("牵头单位（规范名）")),
        C("lead_unit_basis", "VARCHAR", N_("牵头单位的依据：联系电话单位 / 任务牵头单位 / 方案牵头表述 / 任务责任单位")),
        C("contact", "VARCHAR", N_("联系电话行（原文，去掉排版空格）")),
        C("contact_unit", "VARCHAR", N_("联系电话所列单位（原文）")),
        C("contact_phone", "VARCHAR", N_("联系电话号码，如 0531-83607001")),
        C("contact_line", "INTEGER", N_("联系电话所在行")),
        C("doc_id", "VARCHAR", N_("来源文件 ID"), False),
        C("first_line", "INTEGER", N_("首行"), False),
        C("last_line", "INTEGER", N_("末行"), False))),
    Table("campaign_phases", N_("各方案的阶段与时间（年份省略时按汇编年份；“即日起”开始日期为空）。"), (
        C("plan_no", "INTEGER", N_("方案序号"), False),
        C("seq", "INTEGER", N_("阶段在方案中的顺序"), False),
        C("phase_group", "VARCHAR", N_("阶段所属的专项行动（方案分行动安排时间时）")),
        C("phase_name", "VARCHAR", N_("阶段名称；方案未分阶段时为“全程”"), False),
        C("start_date", "DATE", N_("开始日期（“即日起”时为空）")),
        C("end_date", "DATE", N_("结束日期（“9月底”“9月下旬”→ 9月30日，“9月中旬”→ 9月20日，“9月上旬”→ 9月10日）")),
        C("when_text", "VARCHAR", N_("时间（原文）")),
        C("text", "VARCHAR", N_("原文"), False),
        C("doc_id", "VARCHAR", N_("来源文件 ID"), False),
        C("line", "INTEGER", N_("所在行"), False))),
    Table("campaign_tasks", N_("各方案的工作任务（含层级）。"), (
        C("plan_no", "INTEGER", N_("方案序号"), False),
        C("task_id", "VARCHAR", N_("任务编号（方案内唯一，如 二.(三).4 或 二.(一).1.(2)）"), False),
        C("parent_id", "VARCHAR", N_("上级任务编号")),
        C("level", "INTEGER", N_("层级（1 为最上层）"), False),
        C("seq", "INTEGER", N_("任务在方案中的顺序"), False),
        C("number", "VARCHAR", N_("印刷的序号，如 (三)、4、(2)"), False),
        C("title", "VARCHAR", N_("任务标题（引导语）"), False),
        C("deadline_text", "VARCHAR", N_("时限（原文短句，多处用；分隔）")),
        C("deadline", "DATE", N_("第一处时限对应的日期")),
        C("targets_text", "VARCHAR", N_("目标（原文短句：百分比、清零、预期效果等）")),
        C("text", "VARCHAR", N_("任务正文（规范化文本）"), False),
        C("doc_id", "VARCHAR", N_("来源文件 ID"), False),
        C("line", "INTEGER", N_("所在行"), False))),
    Table("campaign_task_units", N_("任务的牵头 / 责任 / 配合单位。"), (
        C("plan_no", "INTEGER", N_("方案序号"), False),
        C("task_id", "VARCHAR", N_("任务编号"), False),
        C("role", "VARCHAR", N_("牵头 / 责任 / 配合"), False),
        C("seq", "INTEGER", N_("在该任务、该角色单位列表中的顺序"), False),
        C("unit_raw", "VARCHAR", N_("单位（原文写法，去掉排版空格）"), False),
        C("unit", "VARCHAR", N_("单位（规范名）"), False),
        C("form", "VARCHAR", N_("写法：括注（牵头单位：…）或 句式（由…牵头）"), False),
        C("doc_id", "VARCHAR", N_("来源文件 ID"), False),
        C("line", "INTEGER", N_("所在行")))),
    Table("departments", N_("单位别名表：原文写法 → 规范名（各方案汇编中实际出现的写法，每份公报一组）。"), (
        C("bulletin", "VARCHAR", N_("所属公报 ID"), False),
        C("unit", "VARCHAR", N_("规范名"), False),
        C("alias", "VARCHAR", N_("原文写法"), False),
        C("mentions", "INTEGER", N_("该写法在任务单位中出现的次数"), False),
        C("plans", "INTEGER", N_("出现该写法的方案数"), False),
        C("in_alias_table", "BOOLEAN", N_("该写法是否已收录在 data/reference/department_aliases.csv"), False))),
] + elderly_attachments.TABLES


# ---------------------------------------------------------------- layout

SECTION = re.compile(rf"^({outline.CN})、([\u4e00-\u9fff]{{2,12}})$")
# Item markers of a task tree, by the names this module gives their kinds.
ITEM_KINDS = {"paren_cn": "cn", "paren_arabic": "par", "arabic": "ar"}
LABEL = re.compile(r"^([\u4e00-\u9fff]{2,12}):$")


@dataclass
class Block:
    """A logical paragraph (printed lines joined across page breaks)."""

    para: Paragraph
    heading: bool
    table: bool

    @property
    def text(self) -> str:
        return self.para.text

    @property
    def line(self) -> int:
        return self.para.first_line


def blocks(raw: RawText, first: int, last: int) -> list[Block]:
    """Paragraphs of the plan, Markdown read as layout (loaders.cn.paragraphs.join, markdown=True).

    A Markdown heading stands alone unless it already carries body text (a heading like
    "1. 电力安全生产通道治理专项行动。为强化重要电力通道安" continues on the next page), a
    bracket left open continues over the page break, and table rows are kept as printed.
    """
    result = []
    for para in join(raw.numbered(first, last), markdown=True):
        printed = raw.line(para.first_line)
        result.append(Block(para, printed.lstrip().startswith("#"), "\t" in printed))
    return result


@dataclass
class Section:
    numeral: str
    title: str
    line: int
    blocks: list[Block]

    @property
    def kind(self) -> str:
        if any(w in self.title for w in ("工作任务", "存在问题", "整治重点", "重点任务")):
            return "tasks"
        if any(w in self.title for w in ("时间安排", "实施步骤", "步骤", "阶段")):
            return "phases"
        return "other"


def sections(doc_blocks: list[Block]) -> tuple[list[Block], list[Section]]:
    """(preamble blocks, numbered top-level sections such as 二、工作任务)."""
    preamble: list[Block] = []
    result: list[Section] = []
    for block in doc_blocks:
        m = None if block.table else SECTION.match(block.text)
        if m:
            result.append(Section(m[1], m[2], block.line, []))
        elif result:
            result[-1].blocks.append(block)
        else:
            preamble.append(block)
    return preamble, result


# ---------------------------------------------------------------- pieces of text

@dataclass(frozen=True)
class Piece:
    """A slice of a paragraph: text plus a way back to raw line numbers."""

    para: Paragraph
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.para.text[self.start:self.end]

    def line_at(self, offset: int) -> int:
        return self.para.line_at(self.start + offset)

    @property
    def line(self) -> int:
        return self.line_at(0)


def split_inline_items(block: Block) -> list[Piece]:
    """'(2)分级分类稳控。…不失控。(3)开展特别管控。…' -> two pieces.

    Only the next number of the sequence after a sentence end counts as a new item, so
    references like "(3个月)" inside a sentence stay where they are.
    """
    text = block.text
    pieces, start = [], 0
    m = outline.marker(text, ("paren_arabic",))
    while m:
        following = f"({m.value + 1})"
        pos = text.find(following, start + 1)
        if pos <= 0 or text[pos - 1] not in "。;":
            break
        pieces.append(Piece(block.para, start, pos))
        start = pos
        m = outline.marker(text[start:], ("paren_arabic",))
    pieces.append(Piece(block.para, start, len(text)))
    return pieces


def item_marker(text: str) -> tuple[str, str, int] | None:
    """(kind, printed number, length of the marker) of an item paragraph, or None."""
    m = outline.marker(text, tuple(ITEM_KINDS))
    return (ITEM_KINDS[m.kind], m.printed, m.end) if m else None


# ---------------------------------------------------------------- dates

# Dates and deadlines are read by loaders.cn.dates (one rule for 上旬/中旬/下旬/月底/年底).


def compendium_year(raw: RawText) -> int | None:
    """The year the plans are written for: the year printed most often in the compendium."""
    return dates.commonest_year("\n".join(raw.lines))


# ---------------------------------------------------------------- attributions

@dataclass
class UnitMention:
    role: str
    raw: str
    unit: str
    seq: int
    form: str
    line: int


@dataclass
class Attribution:
    units: list[UnitMention]
    deadline: str | None
    masked: str  # the text with attribution blocks blanked out (offsets preserved)


def attributions(piece: Piece, known: dict[str, str]) -> Attribution:
    """Units of a piece of text: bracketed blocks ((牵头单位:A;责任单位:B)…), then "由…牵头" sentences."""
    text = piece.text
    mentions: list[UnitMention] = []
    deadline = None
    found = cn_attributions.find(text)
    for block in found:
        for segment in block.segments:
            if segment.role is None:
                deadline = segment.text
                continue
            for raw in split_units(segment.text, known):
                offset = text.find(raw, segment.start)
                mentions.append(UnitMention(segment.role, raw, resolve(raw, known) or raw, 0, "括注",
                                            piece.line_at(offset if offset >= 0 else segment.start)))
    masked_text = cn_attributions.masked(text, found)
    for lead in cn_attributions.sentence_leads(masked_text):
        for raw in split_units(lead.text, known):
            offset = masked_text.find(raw, lead.start)
            mentions.append(UnitMention(lead.role, raw, resolve(raw, known) or raw, 0, "句式",
                                        piece.line_at(max(offset, 0))))
    return Attribution(mentions, deadline, masked_text)


# ---------------------------------------------------------------- tasks

@dataclass
class Node:
    kind: str
    number: str
    parent: Node | None
    seq: int
    pieces: list[Piece] = field(default_factory=list)
    effects: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    units: list[UnitMention] = field(default_factory=list)
    deadlines: list[str] = field(default_factory=list)
    masked: list[str] = field(default_factory=list)
    section: str = ""

    def path(self) -> list[Node]:
        return (self.parent.path() if self.parent else []) + [self]

    @property
    def level(self) -> int:
        return len(self.path())

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    @property
    def line(self) -> int:
        return self.pieces[0].line


def _label_mode(label: str) -> str:
    if "效果" in label:
        return "effect"
    if "问题" in label and not any(w in label for w in ("任务", "措施")):
        return "skip"
    return "task"


def task_tree(section: Section) -> list[Node]:
    """Numbered items of a task section in reading order, linked to their parents.

    The marker kinds ((一) / 1. / (1)) are ranked by first appearance under each parent:
    a kind already on the stack closes everything below it. Labels such as 问题聚焦：/
    预期效果： open a block whose items are not tasks (problems are skipped, expected
    effects become the parent's targets).
    """
    nodes: list[Node] = []
    stack: list[Node] = []
    label_depth: int | None = None
    mode = "task"
    for block in section.blocks:
        if block.table:
            continue
        for piece in split_inline_items(block):
            text = piece.text
            marker = item_marker(text)
            label = LABEL.match(text) if not marker else None
            if label:
                if label_depth is not None:
                    del stack[label_depth:]
                label_depth, mode = len(stack), _label_mode(label[1])
                continue
            if marker:
                kind, number, _ = marker
                kinds = [n.kind for n in stack]
                depth = kinds.index(kind) if kind in kinds else len(stack)
                if label_depth is not None and depth < label_depth:
                    label_depth, mode = None, "task"
            else:
                depth = None
            in_label = label_depth is not None and (depth is None or depth >= label_depth)
            if in_label and mode == "skip":
                continue
            if in_label and mode == "effect" and label_depth is not None:
                if label_depth > 0:
                    stack[label_depth - 1].effects.append(text[marker[2]:] if marker else text)
                continue
            if marker:
                del stack[depth:]
                node = Node(kind, number, stack[-1] if stack else None, len(nodes) + 1)
                if node.parent:
                    node.parent.children.append(node)
                stack.append(node)
                nodes.append(node)
                node.pieces.append(piece)
            elif stack:
                stack[-1].pieces.append(piece)
    return nodes


def lift_closing_attribution(nodes: list[Node]) -> None:
    """An attribution printed only after the last sub-item belongs to the whole item.

    ("1. 严管重点人。(1)… (2)… (3)…（责任单位：…）" attributes item 1, not (3).)
    """
    for node in nodes:
        if node.units or len(node.children) < 2:
            continue
        with_units = [c for c in node.children if c.units]
        if with_units == [node.children[-1]] and not node.children[-1].children:
            node.units, node.children[-1].units = node.children[-1].units, []


def task_title(node: Node) -> str:
    text = node.pieces[0].text
    marker = item_marker(text)
    rest = text[marker[2]:] if marker else text
    title = re.split(r"[。:]", rest, maxsplit=1)[0].strip()
    return title or rest[:40]


def task_body(node: Node) -> str:
    """The item's own text without its marker, its title and its unit attributions."""
    text = "".join(node.masked)
    marker = item_marker(text)
    rest = text[marker[2]:] if marker else text
    title = task_title(node)
    if rest.startswith(title):
        rest = rest[len(title):].lstrip("。:")
    return rest


_TARGET = re.compile(r"\d+(?:\.\d+)?%|清零|全覆盖|(?:达到|不少于|不低于|超过|至少)[^,;。]*\d")


def _clauses(text: str) -> list[str]:
    return [c for c in re.split(r"(?<=[,;。])", text) if c.strip(",;。 ")]


def sets_deadline(clause: str, year: int | None) -> bool:
    """A date printed as a limit: '…前', a year end ('2025年底'), or a date right before 完成/实现."""
    return any(w.before or (w.grain == "year_end" and w.year_stated) or clause.startswith(("完成", "实现"), w.end)
               for w in dates.find_all(clause, year))


def deadline_phrases(text: str, year: int | None = None) -> list[str]:
    """Clauses that set a time limit; a bare '在9月底前,' takes the clause after it."""
    clauses = _clauses(text)
    found = []
    for index, clause in enumerate(clauses):
        if "截至" in clause or not sets_deadline(clause, year):
            continue
        phrase = clause.strip(",;。 ")
        if len(phrase) <= 12 and index + 1 < len(clauses):
            phrase = phrase + "," + clauses[index + 1].strip(",;。 ")
        found.append(phrase)
    return found


def target_phrases(text: str) -> list[str]:
    return [c.strip(",;。 ") for c in _clauses(text) if _TARGET.search(c)]


# ---------------------------------------------------------------- phases

_PHASE = re.compile(
    r"^(?P<name>[^(:。]*?阶段)(?::(?P<sub>[^(:。\d]{1,12})(?=\())?\s*[(:]?\s*(?P<when>[^)。]*)")
_SPAN_SENTENCE = re.compile(
    r"即日起(?:至|到)(?P<end>(?:今年|\d{4}年)?\d{1,2}月(?:\d{1,2}日|底|[上中下]旬)?)")


@dataclass
class Phase:
    group: str | None
    name: str
    start: str | None
    end: str | None
    when: str
    text: str
    line: int


def phases_of(section: Section | None, fallback: list[Block], year: int | None) -> list[Phase]:
    """Named phases ("集中攻坚阶段（即日起至2025年9月底前）"); otherwise one 全程 span."""
    found: list[Phase] = []
    group = None
    for block in section.blocks if section else []:
        marker = item_marker(block.text)
        if block.table or not marker:
            continue
        body = block.text[marker[2]:]
        m = _PHASE.match(body)
        if m and "阶段" in body.split("。")[0]:
            name = m["name"] + (f":{m['sub']}" if m["sub"] else "")
            when = m["when"].strip()
            start, end = dates.span(when, year)
            found.append(Phase(group, name, start, end, when, block.text, block.line))
        elif marker[0] == "cn":
            group = re.split(r"[。:]", body, maxsplit=1)[0]
    if found:
        return found
    candidates = (section.blocks if section else []) + fallback
    for block in candidates:
        m = _SPAN_SENTENCE.search(block.text)
        if m and not block.table:
            end = dates.deadline(m["end"], year)
            return [Phase(None, "全程", None, end, m[0], block.text, block.line)]
    return []


# ---------------------------------------------------------------- plan facts

_CONTACT = re.compile(r"\(联系电话:(?P<unit>[^,]+?),(?P<phone>[\d-]{7,})\)")
# The issuing place ('××市××区', '××县') is not part of a plan's field.
_STRIP_TITLE = (re.compile(r"^(?:[\u4e00-\u9fff]{2,3}(?:省|市))?[\u4e00-\u9fff]{2,3}(?:区|县|旗)(?=[\u4e00-\u9fff]{2})"),
                re.compile(r"暨.*$"),
                re.compile(r"(?:专项整治|专项行动)?(?:整改)?工作方案$"), re.compile(r"领域(?:问题)?$"))


def field_of(title: str, shortenings: dict[str, str]) -> str:
    """'××市××区城建领域问题专项整治工作方案' -> '城建' (rules, then the reference table)."""
    stem = title
    for pattern in _STRIP_TITLE:
        stem = pattern.sub("", stem)
    return shortenings.get(stem, stem)


def read_shortenings(ref) -> dict[str, str]:
    frame = ref.table("campaign_fields")
    return {} if frame.empty else dict(zip(frame["stem"], frame["field"]))


@dataclass
class Contact:
    text: str
    unit: str
    phone: str
    line: int


def contact_of(doc_blocks: list[Block], raw: RawText) -> Contact | None:
    for block in doc_blocks:
        m = _CONTACT.search(block.text)
        if m:
            # A paragraph can carry the line before it (an attachment list's last item): print
            # from the line where the contact starts.
            lines = list(block.para.lines)
            start = next((i for i, n in enumerate(lines) if "联系电话" in raw.line(n)), 0)
            printed = "".join(re.sub(r"\s+", "", raw.line(n)) for n in lines[start:])
            return Contact(printed, m["unit"].strip(), m["phone"], lines[start] if lines else block.line)
    return None


def known_prefix(text: str, known: dict[str, str], shortest: int = 4) -> str | None:
    """Longest prefix of `text` that is a known unit: '区政府办公室热线办' -> 区政府办公室."""
    for size in range(len(text), shortest - 1, -1):
        hit = resolve(text[:size], known)
        if hit:
            return hit
    return None


_UNIT_TOKEN = re.compile(r"区[\u4e00-\u9fff]{1,12}?(?:局|委员会|委|办公室|中心|分局|大队|部)")


def stated_lead(doc_blocks: list[Block], known: dict[str, str]) -> str | None:
    """Lead unit named outside the tasks: '此次…由区人社局牵头', '区医保局要充分发挥…牵头抓总作用'."""
    for block in doc_blocks:
        if block.table:
            continue
        for clause in re.split(r"[。;,]", block.text):
            if "牵头" not in clause or "牵头单位" in clause:
                continue
            before = clause[:clause.index("牵头")]
            by = re.search(r"由([\u4e00-\u9fff]{2,20})$", before)
            candidates = ([by[1]] if by else []) + [m[0] for m in _UNIT_TOKEN.finditer(before)]
            for candidate in candidates:
                hit = resolve(candidate, known)
                if hit:
                    return hit
    return None


def lead_unit(contact: Contact | None, units: list[tuple[str, UnitMention]],
              doc_blocks: list[Block], known: dict[str, str]) -> tuple[str | None, str | None]:
    """(lead unit, basis): contact unit > most frequent 牵头 > stated lead > first-listed 责任."""
    if contact:
        hit = known_prefix(contact.unit, known)
        if hit:
            return hit, "联系电话单位"
    leads = Counter(u.unit for _, u in units if u.role == "牵头")
    if leads:
        return leads.most_common(1)[0][0], "任务牵头单位"
    stated = stated_lead(doc_blocks, known)
    if stated:
        return stated, "方案牵头表述"
    first_listed = Counter(u.unit for _, u in units if u.role == "责任" and u.seq == 1)
    if first_listed:
        return first_listed.most_common(1)[0][0], "任务责任单位"
    return (contact.unit, "联系电话单位") if contact else (None, None)


# ---------------------------------------------------------------- stated counts

def count_checks(plan_no: int, doc: Document, doc_blocks: list[Block], secs: list[Section],
                 nodes: list[Node], phases: list[Phase]) -> list[Check]:
    """Stated counts in the plan text against the items actually listed."""
    prefix = f"campaigns.p{plan_no:02d}"
    text_blocks = [b for b in doc_blocks if not b.table]
    top = [n for n in nodes if n.parent is None]
    checks: list[Check] = []

    def matches(regex: str) -> list[tuple[re.Match, Block]]:
        return [(m, b) for b in text_blocks for m in re.finditer(regex, b.text)]

    def check(check_id: str, subject: Msg, stated: int, listed: int, m: re.Match, block: Block,
              unit: str, figure: int = 0) -> None:
        """`figure`: the regex group holding the stated number (its line is cited)."""
        checks.append(compare(f"{prefix}.{check_id}", Msg('方案{plan_no}{subject}', plan_no=plan_no, subject=subject), stated, listed,
                              doc.doc_id, block.para.line_at(m.start(figure)), unit=unit))

    # Only the first mention: later ones ("每月对五个方面…") repeat the same figure.
    for m, block in matches(rf"分(?:为)?({NUMBER})个阶段")[:1]:
        named = [p for p in phases if p.name != "全程"]
        check("phase_count", Msg('“{quote}”与列出的阶段数', quote=m[0]), cn_numeral(m[1]), len(named), m, block, "个")
    for m, block in matches(rf"({NUMBER})(?:个方面|大行动)")[:1]:
        check("top_task_count", Msg('“{quote}”与工作任务一级条目数', quote=m[0]), cn_numeral(m[1]), len(top), m, block, "项")
    for m, block in matches(rf"({outline.CN})项机制")[:1]:
        listed = len(set(re.findall(rf"({outline.CN})是", block.text[m.end():])))
        check("mechanisms", Msg('“{quote}”与“一是…”列举数', quote=m[0]), cn_numeral(m[1]), listed, m, block, "项")
    for m, block in matches(r"(\d+)项([\u4e00-\u9fff]{2,10}事项)"):
        group = next((n for n in top if task_title(n) == m[2]), None)
        check(f"items.{m[2]}", Msg('“{number}项{items}”与列出的条目数', number=m[1], items=m[2]), int(m[1]),
              len(group.children) if group else 0, m, block, "项")
    rates = rf"((?:[\u4e00-\u9fff]+率、)+[\u4e00-\u9fff]+率)“([{SMALL}两]+)个100%”"
    for index, (m, block) in enumerate(matches(rates), start=1):
        check(f"rates.{index}", Msg('“{number}个100%”与列出的指标数', number=m[2]), cn_numeral(m[2]), len(m[1].split("、")),
              m, block, "项", figure=2)
    totals = r"(\d+)(个|处|家|所|名|张|条)[^。;,\d]{0,12},?其中[,:]?(?P<rest>[^。;]*)"
    for index, (m, block) in enumerate(matches(totals), start=1):
        parts = [int(p) for p in re.findall(rf"(\d+)\s*{m[2]}", m["rest"])]
        if len(parts) >= 2:
            check(f"parts.{index}", Msg('“{number}{counter}”与“其中”各项之和', number=m[1], counter=unit_msg(m[2])), int(m[1]), sum(parts), m, block, m[2])
    listing = r"((?:[\u4e00-\u9fff]+、)+[\u4e00-\u9fff]+和[\u4e00-\u9fff]+?)(\d+)家"
    for index, (m, block) in enumerate(matches(listing), start=1):
        check(f"listed.{index}", Msg('“{number}家”与列举的单位数', number=m[2]), int(m[2]), len(re.split(r"、|和", m[1])),
              m, block, "家", figure=2)
    for section in secs:
        for block in section.blocks:
            layers = re.search(rf"分({outline.CN})个层面", block.text)
            if layers:
                listed = sum(1 for b in section.blocks if outline.marker(b.text, ("paren_cn",)))
                check("layers", Msg('“{quote}”与列出的层面数', quote=layers[0]), cn_numeral(layers[1]), listed, layers, block, "个")
    return checks


def phase_order_checks(plan_no: int, doc: Document, phases: list[Phase]) -> list[Check]:
    """Consecutive phases of one group must not overlap."""
    checks = []
    for index, (prev, nxt) in enumerate(pairwise(phases), start=2):
        if prev.group != nxt.group or not prev.end or not nxt.start:
            continue
        ok = nxt.start > prev.end
        subject = Msg("方案{plan_no}“{previous}”与“{next}”的时间衔接", plan_no=plan_no, previous=prev.name,
                      next=nxt.name)
        message = (Msg("{subject}：前一阶段至 {end} 结束，后一阶段自 {start} 开始，首尾衔接。", subject=subject,
                       end=prev.end, start=nxt.start) if ok else
                   Msg("{subject}：前一阶段至 {end} 结束，后一阶段自 {start} 开始，两段时间重叠。", subject=subject,
                       end=prev.end, start=nxt.start))
        checks.append(Check(f"campaigns.p{plan_no:02d}.phase_overlap.{index}", subject, "ok" if ok else "warn",
                            f"晚于 {prev.end}", nxt.start, message, doc.doc_id, nxt.line))
    return checks


# ---------------------------------------------------------------- load

@dataclass
class PlanResult:
    plan: dict
    phases: list[dict]
    tasks: list[dict]
    units: list[dict]
    checks: list[Check]


def parse_plan(plan_no: int, doc: Document, raw: RawText, known: dict[str, str],
               shortenings: dict[str, str], year: int | None) -> PlanResult:
    doc_blocks = blocks(raw, doc.first_line, doc.last_line)
    preamble, secs = sections(doc_blocks)
    task_sections = [s for s in secs if s.kind == "tasks"]
    phase_section = next((s for s in secs if s.kind == "phases"), None)
    nodes: list[Node] = []
    for section in task_sections:
        for node in task_tree(section):
            node.section = section.numeral
            nodes.append(node)
    for seq, node in enumerate(nodes, start=1):
        node.seq = seq

    for node in nodes:
        for piece in node.pieces:
            found = attributions(piece, known)
            node.units.extend(found.units)
            node.masked.append(found.masked.replace("□", ""))
            if found.deadline:
                node.deadlines.append(found.deadline)
    lift_closing_attribution(nodes)

    def task_id(node: Node) -> str:
        return ".".join([node.section] + [n.number for n in node.path()])

    tasks, unit_rows, all_units = [], [], []
    for node in nodes:
        tid = task_id(node)
        own = node.text
        body = task_body(node)
        deadlines = deadline_phrases(body, year) + node.deadlines
        first_deadline = next((d for d in (dates.deadline(p, year) for p in deadlines) if d), None)
        targets = target_phrases(body) + [e.strip("。;, ") for e in node.effects]
        tasks.append({
            "plan_no": plan_no, "task_id": tid, "parent_id": task_id(node.parent) if node.parent else None,
            "level": node.level, "seq": node.seq, "number": node.number, "title": task_title(node),
            "deadline_text": "；".join(dict.fromkeys(deadlines)) or None, "deadline": first_deadline,
            "targets_text": "；".join(dict.fromkeys(targets)) or None, "text": own,
            "doc_id": doc.doc_id, "line": node.line})
        seen: set[tuple[str, str]] = set()
        per_role: Counter = Counter()
        for mention in node.units:
            if (mention.role, mention.unit) in seen:
                continue
            seen.add((mention.role, mention.unit))
            per_role[mention.role] += 1
            mention.seq = per_role[mention.role]
            all_units.append((tid, mention))
            unit_rows.append({
                "plan_no": plan_no, "task_id": tid, "role": mention.role, "seq": mention.seq,
                "unit_raw": mention.raw, "unit": mention.unit, "form": mention.form,
                "doc_id": doc.doc_id, "line": mention.line})

    contact = contact_of(doc_blocks, raw)
    lead, basis = lead_unit(contact, all_units, [b for s in secs if s.kind != "tasks" for b in s.blocks]
                            + preamble, known)
    phase_list = phases_of(phase_section, preamble + [b for s in secs if s.title == "总体要求" for b in s.blocks],
                           year)
    phases = [{"plan_no": plan_no, "seq": i + 1, "phase_group": p.group, "phase_name": p.name,
               "start_date": p.start, "end_date": p.end, "when_text": p.when, "text": p.text,
               "doc_id": doc.doc_id, "line": p.line} for i, p in enumerate(phase_list)]
    plan = {"plan_no": plan_no, "title": doc.title, "field": field_of(doc.title, shortenings),
            "lead_unit": lead, "lead_unit_basis": basis,
            "contact": contact.text if contact else None, "contact_unit": contact.unit if contact else None,
            "contact_phone": contact.phone if contact else None, "contact_line": contact.line if contact else None,
            "doc_id": doc.doc_id, "first_line": doc.first_line, "last_line": doc.last_line}

    where = task_sections[0].line if task_sections else doc.first_line
    attributed = len({r["task_id"] for r in unit_rows})
    label = Msg("方案{plan_no}（{field}）", plan_no=plan_no, field=plan["field"])
    checks = [
        Check(f"campaigns.p{plan_no:02d}.has_tasks", Msg('{label}的工作任务', label=label), "ok" if tasks else "warn", "≥1",
              str(len(tasks)), NMsg("{label}读出 {n} 条工作任务。", "{label}读出 {n} 条工作任务。", len(tasks), label=label)
              if tasks else Msg("{label}未能读出任何工作任务条目。", label=label), doc.doc_id, where),
        Check(f"campaigns.p{plan_no:02d}.has_units", Msg('{label}标注了单位的任务', label=label), "ok" if attributed else "warn",
              "≥1", str(attributed),
              NMsg("{label}有 {n} 条任务标注了牵头/责任/配合单位，共 {units} 个单位。",
                   "{label}有 {n} 条任务标注了牵头/责任/配合单位，共 {units} 个单位。", attributed, label=label,
                   units=len(unit_rows)) if attributed
              else NMsg("{label}的 {n} 条任务均未标注牵头/责任/配合单位（原文无“牵头单位：…”等括注），"
                        "方案牵头单位按“{basis}”确定为 {lead}。",
                        "{label}的 {n} 条任务均未标注牵头/责任/配合单位（原文无“牵头单位：…”等括注），"
                        "方案牵头单位按“{basis}”确定为 {lead}。", len(tasks), label=label, basis=basis, lead=lead),
              doc.doc_id, where),
    ]
    if not contact:
        checks.append(Check(f"campaigns.p{plan_no:02d}.contact", Msg('方案{plan_no}（{field}）的联系电话', plan_no=plan_no, field=plan['field']),
                            "warn", "联系电话行", "未找到",
                            Msg('方案{plan_no}（{field}）未印联系电话行，牵头单位按“{basis}”确定为 {lead}。', plan_no=plan_no, field=plan['field'], basis=basis, lead=lead),
                            doc.doc_id, doc.last_line))
    checks += count_checks(plan_no, doc, doc_blocks, secs, nodes, phase_list)
    checks += phase_order_checks(plan_no, doc, phase_list)
    return PlanResult(plan, phases, tasks, unit_rows, checks)


def department_rows(units: pd.DataFrame, known: dict[str, str]) -> pd.DataFrame:
    if units.empty:
        return pd.DataFrame(columns=["unit", "alias", "mentions", "plans", "in_alias_table"])
    grouped = (units.groupby(["unit", "unit_raw"])
               .agg(mentions=("task_id", "size"), plans=("plan_no", "nunique")).reset_index()
               .rename(columns={"unit_raw": "alias"}))
    grouped["in_alias_table"] = grouped["alias"].map(lambda a: clean_unit(a) in known)
    return grouped.sort_values(["unit", "alias"]).reset_index(drop=True)


def alias_check(departments: pd.DataFrame) -> Check:
    unknown = departments[~departments.in_alias_table]
    if unknown.empty:
        return Check("campaigns.unknown_aliases", Msg("方案中的单位写法均已收录在别名表"), "ok", "0", "0",
                     NMsg('方案中出现的 {n} 种单位写法均已收录在别名表中。', '方案中出现的 {n} 种单位写法均已收录在别名表中。', len(departments)), None, None)
    listing = "、".join(f"{a}（→{u}）" if a != u else a for a, u in zip(unknown.alias, unknown.unit))
    return Check("campaigns.unknown_aliases", Msg("方案中未收录的单位写法"), "warn", "0", str(len(unknown)),
                 NMsg('方案中有 {n} 种单位写法未收录在别名表 department_aliases.csv：{listing}。请补充别名表。',
                      '方案中有 {n} 种单位写法未收录在别名表 department_aliases.csv：{listing}。请补充别名表。',
                      len(unknown), listing=listing), None, None)


def recognise(raw: RawText, doc: Document) -> bool:
    """A work plan: a document of a plan compendium, or any 方案 whose text assigns tasks to
    牵头/责任 units."""
    if doc.bulletin_kind == "compendium" and doc.structure == "heading":
        return True
    if not doc.title.endswith("方案"):
        return False
    text = document_text(raw, doc)
    return "工作任务" in text and ("牵头单位" in text or "责任单位" in text)


def load(ctx: Context) -> LoadResult:
    """Every plan of the bulletin (its position is its plan number), each parsed in isolation."""
    raw = ctx.raw
    known = alias_map(ctx.ref.department_aliases)
    shortenings = read_shortenings(ctx.ref)
    year = raw.meta.year or compendium_year(raw)
    result = LoadResult()
    results: list[PlanResult] = []
    plans = []
    for doc in ctx.docs.documents:
        try:
            if recognise(raw, doc):
                plans.append(doc)
        except Exception as exc:  # noqa: BLE001 - a recogniser never stops the build; recorded, not hidden
            result.checks.append(failure_check(doc.doc_id, "campaigns", exc, doc))
    for doc in plans:
        try:
            plan = parse_plan(doc.seq, doc, raw, known, shortenings, year)
        except Exception as exc:  # noqa: BLE001 - one bad plan is a data_quality row
            result.checks.append(failure_check(doc.doc_id, "campaigns", exc, doc))
            continue
        plan.checks[:] = [scoped(c, doc.doc_id) for c in plan.checks]
        results.append(plan)
    if not plans:
        result.checks.append(none_found(ctx, "campaigns", N_("专项整治工作方案")))
        return result
    units = pd.DataFrame([u for r in results for u in r.units])
    departments = department_rows(units, known)
    if not departments.empty:
        departments.insert(0, "bulletin", ctx.bulletin_id)
    result.checks += [c for r in results for c in r.checks] + [scoped(alias_check(departments), ctx.bulletin_id)]
    result.tables.update({
        "campaign_plans": pd.DataFrame([r.plan for r in results]),
        "campaign_phases": pd.DataFrame([p for r in results for p in r.phases]),
        "campaign_tasks": pd.DataFrame([t for r in results for t in r.tasks]),
        "campaign_task_units": units,
        "departments": departments,
    })
    for doc in plans:
        if "政策参考清单" not in document_text(raw, doc):
            continue
        try:
            extra = elderly_attachments.load(raw, doc)
        except Exception as exc:  # noqa: BLE001
            result.checks.append(failure_check(doc.doc_id, "elderly_attachments", exc, doc))
            continue
        extra.checks = [scoped(c, doc.doc_id) for c in extra.checks]
        result.extend(extra)
    return result
