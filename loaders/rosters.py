"""Leading groups, task forces and joint meetings listed in both bulletins.

A roster is found by content: a line that starts with a role label (组 长：, 副组长：,
成 员：, 召集人：, 副召集人：) opens it, and it runs on over lines that carry only
"name position" (tab- or space-separated, sometimes with Markdown "- …**"
decoration) until the first line that is neither. The group name comes from the
nearest heading above that ends in 组成人员名单 / 机构和职责; a heading such as
"（一）综合协调组" in between names a working group (subgroup) of that body.
Sentences like "领导小组办公室设在区民政局，邵海燕同志兼任办公室主任" add
办公室主任 / 办公室副主任 rows.

Two-character names are padded with a space in print ("刘 斌"): person_name drops
the padding, person_name_raw keeps it. Names are never merged or corrected — 刘斌
and 刘彬 are two people.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from loaders.base import Context, LoadResult
from loaders.checks import Check, compare, joined, missing
from loaders.cn import outline
from loaders.cn.normalize import clean_person_name, compact, norm
from loaders.cn.numerals import NUMBER, cn_numeral
from loaders.departments import alias_map, canonical
from loaders.schema import C, Table
from loaders.source import RawText, paragraphs
from textkit.msg import N_, Msg, NMsg

TABLES = [
    Table("rosters", N_("领导小组、工作专班、联席会议的组成人员。"), (
        C("group_name", "VARCHAR", N_("小组名称"), False),
        C("subgroup", "VARCHAR", N_("专班下设的工作小组，如 综合协调组（无则为空）")),
        C("doc_id", "VARCHAR", N_("来源文件 ID"), False),
        C("role", "VARCHAR", N_("组长 / 副组长 / 成员 / 召集人 / 副召集人 / 办公室主任 等（原文，去掉排版空格）"), False),
        C("seq_in_group", "INTEGER", N_("在该名单（小组）中的排列顺序，从 1 开始；办公室主任行为空")),
        C("person_name", "VARCHAR", N_("姓名（去掉排版空格，不合并不同的人）"), False),
        C("person_name_raw", "VARCHAR", N_("姓名（原文）"), False),
        C("position", "VARCHAR", N_("职务（原文，去掉排版空格）")),
        C("unit", "VARCHAR", N_("职务所属单位（规范名）")),
        C("office_at", "VARCHAR", N_("办公室设在哪个单位（仅办公室主任/副主任行）")),
        C("line", "INTEGER", N_("所在行"), False))),
]
COLUMNS = TABLES[0].column_names

CJK = r"\u4e00-\u9fff"
LEADER_ROLES = ("组长", "召集人")
# A role label at the start of a line; printed with layout spaces ("组 长", "召 集 人").
_LABEL = re.compile(r"^(?P<label>(?:副\s*)?组\s*长|成\s*员|(?:副\s*)?召\s*集\s*人|长(?=\s*[:：]))\s*[:：]\s*")
# "name(position)" on one line; the closing bracket is sometimes lost at a page break.
_NAME_IN_BRACKETS = re.compile(rf"^(?P<name>[{CJK}](?:[ \u3000]?[{CJK}]){{1,3}})[(（](?P<position>[^()（）]{{2,60}})[)）]?$")
_POST = re.compile(r"(长|主任|书记|委员|主席|秘书|干部|科员|专员|队长|所长|站长|经理|代表)$")
# "滕合方县政府办公室副主任)": the opening bracket lost; the post starts with its level of government.
_NAME_LOST_BRACKET = re.compile(rf"^(?P<name>[{CJK}]{{2,3}}?)(?P<position>(?:县|市|区|镇|乡|省)[^()（）]{{2,40}})[)）]$")
_BARE_NAMES = re.compile(rf"^[{CJK}]{{1,4}}(?:[ \u3000]+[{CJK}]{{1,4}})+$|^[{CJK}]{{2,4}}$")
_FOUNDED = re.compile(r"(?:成立|调整|组建)(?P<group>[^,，;；:：。]{2,60}?(?:领导小组|工作小组|工作专班|专班|委员会|指挥部|联席会议))")
# "name position" without tabs: a padded two-character name ("刘 斌") or 2–4 characters.
_NAME_POSITION = re.compile(
    rf"^(?P<name>[{CJK}][ \u3000][{CJK}]|[{CJK}]{{2,4}})[ \u3000]+(?P<position>[^ \u3000].*)$")
_LIST_DECORATION = re.compile(r"^\s*[-*]\s+")
_HEADING_SUFFIX = re.compile(r"(?:组成人员名单|成员名单|人员名单|机构和职责|机构及职责)$")
_SUBGROUP_HEADING = re.compile(rf"^(?:{outline.PAREN_CN}|{outline.SECTION})(?P<name>[^,:;。]{{2,12}}组)$")
_SUBGROUP_COUNT = re.compile(rf"下设(?P<count>{NUMBER})个[^,:;。]{{0,6}}组")
_ANNOUNCED = re.compile(
    r"附件[:]\s*(?:\d+[.、]\s*)?(?P<title>[^:;。]*?(?:组成人员名单|成员名单|人员名单|机构和职责|机构及职责))")
# The organisation a post belongs to ends at the first of these (longest alternatives first).
_UNIT = re.compile(r"^(?P<unit>.+?(?:委员会办公室|委员会|办公室|分局|局|大队|集团|残联|中心|街道|镇|办))")
_OFFICE_AT = re.compile(r"办公室设在(?P<at>[^,;。]+)")
_OFFICE_NAMED_AFTER = re.compile(rf"(?P<role>办公室(?:副)?主任)由(?P<name>[{CJK}]{{2,4}})同志(?:兼任|担任)")
_OFFICE_NAMED_BEFORE = re.compile(r"(?P<before>[^,;。]*?)同志(?:兼任|任|担任)(?P<role>办公室(?:副)?主任)")
_TITLE_THEN_NAME = re.compile(rf"^(?P<position>.*(?:长|主任|员|记|理))(?P<name>[{CJK}]{{2,3}})$")


@dataclass
class Member:
    line: int
    role: str | None
    name_raw: str
    position: str | None   # bare names after a role label have none


@dataclass
class Block:
    """One printed roster: consecutive label / continuation lines."""

    members: list[Member] = field(default_factory=list)
    role: str | None = None

    @property
    def first_line(self) -> int:
        return self.members[0].line


@dataclass(frozen=True)
class Roster:
    group_name: str
    subgroup: str | None
    doc_id: str
    heading_line: int
    members: tuple[Member, ...]

    @property
    def label(self) -> str:
        return f"{self.group_name}{'·' + self.subgroup if self.subgroup else ''}"


# ---------------------------------------------------------------- line parsing

def _strip_decoration(text: str) -> str:
    return _LIST_DECORATION.sub("", text.replace("**", ""))


def _label(printed: str) -> str:
    label = re.sub(r"\s+", "", printed)
    return "组长" if label == "长" else label        # '组' lost in the stored text (' 长:孙会方')


def bare_names(rest: str) -> list[str]:
    """'王晓剑 谭志新' / '闵 成 马梅红' -> names; single characters side by side are one padded name."""
    tokens = re.split(r"[ \u3000]+", rest.strip())
    names: list[str] = []
    pending = ""
    for token in tokens:
        if len(token) == 1:
            pending += token
            if len(pending) == 2:
                names.append(pending)
                pending = ""
        else:
            if pending:
                return []
            names.append(token)
    return [] if pending else names


def parse_roster_members(text: str) -> tuple[str | None, list[tuple[str, str | None]]] | None:
    """(role label or None, [(raw name, position)]) for a roster line; None if it is not one.
    Lists bare names ('副组长:王晓剑 谭志新') only after a role label."""
    parsed = parse_roster_line(text)
    if parsed is not None:
        label, name, position = parsed
        return label, ([(name, position)] if name else [])
    stripped = _strip_decoration(text).strip("\t \u3000")
    m = _LABEL.match(stripped)
    label = _label(m["label"]) if m else None
    rest = stripped[m.end():].strip("\t \u3000") if m else stripped
    bracketed = _NAME_IN_BRACKETS.match(compact_spaces(rest)) or _NAME_LOST_BRACKET.match(compact_spaces(rest))
    if bracketed:
        return label, [(bracketed["name"], re.sub(r"\s+", "", bracketed["position"]))]
    if label and _BARE_NAMES.match(rest) and not _POST.search(rest):
        names = bare_names(rest)
        if names:
            return label, [(name, None) for name in names]
    return None


def compact_spaces(text: str) -> str:
    """Spaces only inside a padded name survive ('刘 斌(…)' keeps its pad; others go)."""
    return re.sub(r"(?<=[(（])\s+|\s+(?=[(（)）])", "", text)


def parse_roster_line(text: str) -> tuple[str | None, str | None, str | None] | None:
    """(role label or None, raw name, position) for a roster line; None if it is not one.

    A label line may carry no name ("成 员：" alone): then name and position are None.
    """
    text = _strip_decoration(text).rstrip()
    label = None
    m = _LABEL.match(text.lstrip("\t "))
    if m:
        label = _label(m["label"])
        text = text.lstrip("\t ")[m.end():]
    rest = text.strip("\t \u3000")
    if not rest:
        return (label, None, None) if label else None
    if _NAME_IN_BRACKETS.match(compact_spaces(rest)) or (label and _BARE_NAMES.match(rest) and "\t" not in rest
                                                         and not _POST.search(rest)):
        return None                                     # parse_roster_members reads these forms
    if "\t" in rest:
        cells = [c.strip() for c in rest.split("\t") if c.strip()]
        name, position = cells[0], "".join(cells[1:])
        if not re.fullmatch(rf"[{CJK}](?:[ \u3000]?[{CJK}]){{1,3}}", name):
            return None
    else:
        m = _NAME_POSITION.match(rest)
        if not m:
            return None
        name, position = m["name"], m["position"]
    position = re.sub(r"\s+", "", position)
    # A position names an office in Chinese and is not a sentence.
    if len(re.findall(f"[{CJK}]", position)) < 2 or "。" in position or position.endswith(("：", ":")):
        return None
    return label, name, position


def find_blocks(raw: RawText) -> list[Block]:
    """Every printed roster in a bulletin, in order."""
    blocks: list[Block] = []
    current: Block | None = None
    for number, text in raw.numbered():
        if not text.strip():
            continue  # page breaks and spacing inside a roster
        parsed = parse_roster_members(text)
        if parsed is None:
            current = None
            continue
        label, members = parsed
        if current is None and label is None:
            continue  # "name position" outside any roster
        # A new 组长/召集人 after other roles starts the next roster.
        if current is None or (label in LEADER_ROLES and current.role not in (None, label)):
            current = Block()
            blocks.append(current)
        if label:
            current.role = label
        for name, position in members:
            current.members.append(Member(number, current.role, name, position))
    return [b for b in blocks if b.members]


# ---------------------------------------------------------------- headings

def group_name_from_heading(text: str) -> str | None:
    """'济南市某区…领导小组组成人员名单' -> '济南市某区…领导小组'."""
    title = compact(text)
    if not _HEADING_SUFFIX.search(title) or title.startswith("附件"):
        return None
    name = _HEADING_SUFFIX.sub("", title)
    # A bare "领导小组组成人员名单" is the tail of a wrapped title, not a group name.
    return name if len(name) > len("领导小组") else None


def locate_heading(raw: RawText, block: Block, doc_first_line: int) -> tuple[str | None, int | None, str | None]:
    """(group name, heading line, subgroup) from the nearest headings above the block."""
    subgroup = None
    for number in range(block.first_line - 1, doc_first_line - 1, -1):
        text = raw.line(number)
        group = group_name_from_heading(text)
        if group:
            return group, number, subgroup
        sub = _SUBGROUP_HEADING.match(compact(text))
        if sub and subgroup is None:
            subgroup = sub["name"]
    return None, None, subgroup


def founded_group(raw: RawText, doc, before: int) -> tuple[str | None, int | None]:
    """A notice with no list heading ('关于成立…领导小组的通知'): the group named by the nearest
    '决定成立X领导小组' above the roster, else by the title."""
    for number in range(before - 1, doc.first_line - 1, -1):
        m = _FOUNDED.search(compact(raw.line(number)))
        if m:
            return m["group"], number
    m = _FOUNDED.search(doc.title)
    return (m["group"], doc.first_line) if m else (None, None)


# ---------------------------------------------------------------- units

def unit_of(position: str | None, aliases: pd.DataFrame | dict[str, str]) -> str | None:
    """Organisation of a printed post, canonicalised.

    A post may list several offices ("区委常委、副区长", "副区长，区公安分局局长"): the first
    one naming a department wins; a district leader with none gets 区委 / 区政府.
    """
    if not position:
        return None
    parts = [p for p in re.split(r"[、,，;；]", norm(position).replace(" ", "")) if p]
    for part in parts:
        m = _UNIT.match(part)
        if m:
            return canonical(m["unit"], aliases)
    for part in parts:
        if part.startswith("区委"):
            return canonical("区委", aliases)
        if part.endswith("区长"):
            return canonical("区政府", aliases)
    return None


# ---------------------------------------------------------------- office sentences

@dataclass(frozen=True)
class OfficeHolder:
    role: str
    name: str
    position: str | None
    office_at: str | None
    line: int


def _split_title_and_name(before: str, known: set[str]) -> tuple[str | None, str]:
    """'区税务局副局长刘敏' -> ('区税务局副局长', '刘敏'); prefers names listed in the roster."""
    for size in (4, 3, 2):
        if len(before) >= size and before[-size:] in known:
            return before[:-size] or None, before[-size:]
    m = _TITLE_THEN_NAME.match(before)
    if m:
        return m["position"], m["name"]
    return None, before[-3:]


def office_holders(raw: RawText, first: int, last: int, known: set[str]) -> list[OfficeHolder]:
    """办公室主任 / 副主任 named in '…办公室设在…，某某同志兼任办公室主任' sentences."""
    holders: list[OfficeHolder] = []
    for para in paragraphs(raw, first, last):
        if "同志" not in para.text or "办公室" not in para.text:
            continue
        for sentence in re.finditer(r"[^。]+", para.text):
            text, offset = sentence.group(), sentence.start()
            at = _OFFICE_AT.search(text)
            office_at = at["at"] if at else None
            for m in _OFFICE_NAMED_AFTER.finditer(text):
                holders.append(OfficeHolder(m["role"], m["name"], None, office_at,
                                            para.line_at(offset + m.start("name"))))
            for m in _OFFICE_NAMED_BEFORE.finditer(text):
                clause = re.split(r"[,;]", m["before"])[-1]
                position, name = _split_title_and_name(clause, known)
                holders.append(OfficeHolder(m["role"], name, position, office_at,
                                            para.line_at(offset + m.start("role"))))
    return holders


# ---------------------------------------------------------------- assembling

def rosters_of(ctx: Context) -> tuple[list[Roster], list[Check]]:
    rosters: list[Roster] = []
    problems: list[Check] = []
    for bulletin, raw in ctx.corpus.items():
        for block in find_blocks(raw):
            doc = ctx.docs.by_line(bulletin, block.first_line)
            group, heading_line, subgroup = (locate_heading(raw, block, doc.first_line) if doc
                                             else (None, None, None))
            if group is None and doc is not None:
                group, heading_line = founded_group(raw, doc, block.first_line)
            if group is None or doc is None or heading_line is None:
                problems.append(missing(f"rosters.{bulletin}.heading.{block.first_line}", Msg("人员名单"),
                                        Msg("名单标题（…组成人员名单 / …机构和职责）"),
                                        doc.doc_id if doc else None, block.first_line))
                continue
            rosters.append(Roster(group, subgroup, doc.doc_id, heading_line, tuple(block.members)))
    return rosters, problems


def _member_rows(roster: Roster, aliases: dict[str, str]) -> list[dict]:
    return [{"group_name": roster.group_name, "subgroup": roster.subgroup, "doc_id": roster.doc_id,
             "role": m.role, "seq_in_group": seq, "person_name": clean_person_name(m.name_raw),
             "person_name_raw": m.name_raw, "position": m.position, "unit": unit_of(m.position, aliases),
             "office_at": None, "line": m.line}
            for seq, m in enumerate(roster.members, start=1)]


def _office_rows(ctx: Context, rosters: list[Roster], aliases: dict[str, str]) -> list[dict]:
    """Office holders of each document, attached to the main (non-subgroup) roster before them."""
    rows = []
    for doc_id in dict.fromkeys(r.doc_id for r in rosters):
        doc = next(d for d in ctx.docs.documents if d.doc_id == doc_id)
        of_doc = [r for r in rosters if r.doc_id == doc_id]
        known = {clean_person_name(m.name_raw) for r in of_doc for m in r.members}
        for holder in office_holders(ctx.corpus[doc.bulletin], doc.first_line, doc.last_line, known):
            before = [r for r in of_doc if r.heading_line < holder.line and r.subgroup is None]
            owner = before[-1] if before else of_doc[0]
            unit = unit_of(holder.position, aliases)
            rows.append({"group_name": owner.group_name, "subgroup": None, "doc_id": doc_id, "role": holder.role,
                         "seq_in_group": None, "person_name": clean_person_name(holder.name),
                         "person_name_raw": holder.name, "position": holder.position, "unit": unit,
                         "office_at": holder.office_at, "line": holder.line})
    return rows


# ---------------------------------------------------------------- checks

def _check_id(roster: Roster, index: int, what: str) -> str:
    return f"rosters.{roster.doc_id}.r{index}.{what}"


def leader_check(roster: Roster, index: int) -> Check:
    """Each roster has exactly one 组长 (or 召集人)."""
    leaders = [clean_person_name(m.name_raw) for m in roster.members if m.role in LEADER_ROLES]
    title = Msg("召集人") if any(m.role == "召集人" for m in roster.members) else Msg("组长")
    subject = Msg("{roster} {title}人数", roster=roster.label, title=title)
    ok = len(leaders) == 1
    message = (Msg("{subject}：名单列出 1 位{title}（{leader}）。", subject=subject, title=title, leader=leaders[0]) if ok
               else NMsg("{subject}：应为 1 人，名单列出 {n} 人（{leaders}）。", "{subject}：应为 1 人，名单列出 {n} 人（{leaders}）。",
                         len(leaders), subject=subject, leaders="、".join(leaders) or Msg("无")))
    return Check(_check_id(roster, index, "leader"), subject, "ok" if ok else "warn", "1",
                 str(len(leaders)), message, roster.doc_id, roster.members[0].line)


def duplicate_check(roster: Roster, index: int) -> Check:
    """Nobody is listed twice in the same roster (exact same name)."""
    lines_of: dict[str, list[int]] = {}
    for m in roster.members:
        lines_of.setdefault(clean_person_name(m.name_raw), []).append(m.line)
    repeated = {name: lines for name, lines in lines_of.items() if len(lines) > 1}
    subject = Msg("{roster} 人员重复", roster=roster.label)
    if repeated:
        where = joined([NMsg("{name} 出现 {n} 次（第 {lines} 行）", "{name} 出现 {n} 次（第 {lines} 行）", len(lines),
                             name=name, lines="、".join(map(str, lines))) for name, lines in repeated.items()], "；")
        message = Msg("{subject}：同一名单中有人重复列出：{where}。", subject=subject, where=where)
    else:
        message = NMsg("{subject}：名单 {n} 人，无重复。", "{subject}：名单 {n} 人，无重复。", len(roster.members),
                       subject=subject)
    return Check(_check_id(roster, index, "duplicates"), subject, "warn" if repeated else "ok",
                 str(len(roster.members)), str(len(lines_of)), message, roster.doc_id, roster.members[0].line)


def subgroup_count_checks(ctx: Context, rosters: list[Roster]) -> list[Check]:
    """'专班下设三个工作小组' against the working-group rosters found."""
    checks = []
    for doc_id in dict.fromkeys(r.doc_id for r in rosters):
        doc = next(d for d in ctx.docs.documents if d.doc_id == doc_id)
        raw = ctx.corpus[doc.bulletin]
        of_doc = [r for r in rosters if r.doc_id == doc_id]
        for number in raw.find_lines(_SUBGROUP_COUNT, doc.first_line, doc.last_line):
            count = _SUBGROUP_COUNT.search(compact(raw.line(number)))
            if count is None:  # find_lines matched the normalised line; compact() keeps what the pattern reads
                continue
            stated = cn_numeral(count["count"])
            # The sentence belongs to the body whose roster heading is the nearest above it.
            above = [r for r in of_doc if r.heading_line < number] or of_doc
            group = above[-1].group_name
            listed = len({r.subgroup for r in of_doc if r.group_name == group and r.subgroup})
            checks.append(compare(f"rosters.{doc_id}.subgroups.{number}", Msg('{group} 下设工作小组个数', group=group),
                                  stated, listed, doc_id, number, unit="个"))
    return checks


def announced_checks(ctx: Context, rosters: list[Roster]) -> list[Check]:
    """Each roster a document announces as 附件 (…组成人员名单) is found and parsed."""
    checks = []
    found = {r.group_name for r in rosters}
    for doc in ctx.docs.documents:
        raw = ctx.corpus[doc.bulletin]
        seen: set[str] = set()
        for para in paragraphs(raw, doc.first_line, doc.last_line):
            for m in _ANNOUNCED.finditer(para.text):
                group = group_name_from_heading(m["title"])
                if not group or group in seen:
                    continue
                seen.add(group)
                check_id = f"rosters.{doc.doc_id}.announced.{len(seen)}"
                line = para.line_at(m.start("title"))
                if group in found:
                    checks.append(Check(check_id, Msg('附件名单：{group}', group=group), "ok", group, group,
                                        Msg('附件名单：{group}：文件列为附件，已解析出该名单。', group=group), doc.doc_id, line))
                else:
                    checks.append(missing(check_id, Msg('附件名单：{group}', group=group), Msg("该附件的人员名单"), doc.doc_id, line))
    return checks


def load(ctx: Context) -> LoadResult:
    rosters, checks = rosters_of(ctx)
    aliases = alias_map(ctx.ref.department_aliases)    # built once: unit_of() runs per member
    rows = [row for roster in rosters for row in _member_rows(roster, aliases)]
    rows += _office_rows(ctx, rosters, aliases)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    if not frame.empty:
        frame = frame.astype({"seq_in_group": "Int64", "line": "int64"})
    per_doc: Counter[str] = Counter()
    for roster in rosters:
        per_doc[roster.doc_id] += 1
        checks += [leader_check(roster, per_doc[roster.doc_id]), duplicate_check(roster, per_doc[roster.doc_id])]
    checks += subgroup_count_checks(ctx, rosters)
    checks += announced_checks(ctx, rosters)
    return LoadResult(tables={"rosters": frame}, checks=checks)
