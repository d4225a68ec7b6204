"""Attachments of a compendium's 养老服务 plan (附件1-3), read by content.

附件1 养老服务突出问题专项整治政策参考清单 is one policy table printed as ~30 overlapping
fragments: every fragment repeats the header, cells drift one column left or right,
<p> tags split a cell into paragraphs and the same issue + legal basis reappears in
several fragments with slightly different wording. Cells are therefore classified by
what they say (（一）…方面 is a category, (3) an issue, ① a sub-issue, 《…》 a legal basis,
"民政、财政" the departments, "1. 各街镇…" a measure), not by their column, and rows
are de-duplicated on (issue number, legal basis).

附件2 (整治台账) and 附件3 (成果表) are blank forms: their column and field labels are
kept, and 附件3's list of 问题情况 is checked against the issues of 附件1.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from loaders.base import LoadResult
from loaders.checks import Check, compare, missing
from loaders.cn import outline
from loaders.cn.normalize import compact, norm
from loaders.cn.numerals import SMALL
from loaders.documents import Document
from loaders.schema import C, Table
from loaders.source import RawText
from textkit.msg import N_, Msg

TABLES = [
    Table("elderly_policy_refs", N_("养老方案附件1：养老服务突出问题专项整治政策参考清单（去重后每个问题 × 文件依据一行）。"), (
        C("category", "VARCHAR", N_("突出问题，如 (一)养老服务资金发放管理方面"), False),
        C("issue_type", "VARCHAR", N_("问题类型，如 1.养老服务资金发放管理方面")),
        C("issue_no", "VARCHAR", N_("问题编号（类别内唯一），如 (一)(3)"), False),
        C("issue", "VARCHAR", N_("问题表现（首次出现时的写法）"), False),
        C("sub_issues", "VARCHAR", N_("细项（①②…，合并各片段）")),
        C("legal_basis", "VARCHAR", N_("文件依据（文件名与文号）；仅有条文未印文件名时为空")),
        C("articles", "VARCHAR", N_("所引条文（合并各片段，去重）")),
        C("departments", "VARCHAR", N_("主管部门，如 民政、财政")),
        C("measures", "VARCHAR", N_("整治措施")),
        C("fragments", "INTEGER", N_("该问题与依据在多少个表格片段中出现"), False),
        C("doc_id", "VARCHAR", N_("来源文件 ID"), False),
        C("line", "INTEGER", N_("首次出现的行"), False))),
    Table("elderly_issue_catalog", N_("养老方案附件3“问题情况”所列问题（成果表中需填写问题数量的条目）。"), (
        C("category", "VARCHAR", N_("突出问题"), False),
        C("issue_type", "VARCHAR", N_("问题类型")),
        C("item_no", "INTEGER", N_("条目序号（印刷）")),
        C("item", "VARCHAR", N_("问题条目")),
        C("doc_id", "VARCHAR", N_("来源文件 ID"), False),
        C("line", "INTEGER", N_("所在行"), False))),
    Table("elderly_form_fields", N_("养老方案附件2（整治台账）的栏目与附件3（成果表）的填报项。"), (
        C("attachment", "INTEGER", N_("附件序号"), False),
        C("form", "VARCHAR", N_("表名"), False),
        C("section", "VARCHAR", N_("栏目组 / 表内分节")),
        C("field", "VARCHAR", N_("栏目或填报项"), False),
        C("seq", "INTEGER", N_("在表中的顺序"), False),
        C("doc_id", "VARCHAR", N_("来源文件 ID"), False),
        C("line", "INTEGER", N_("所在行"), False))),
]

_ATTACHMENT_LIST = re.compile(r"^附件:\s*1[.、]")
_NUMBERED = re.compile(r"^(\d+)[.、]\s*(.+)$")


def _title_key(text: str) -> str:
    return re.sub(r"[\\_#*\s]", "", compact(text))


@dataclass
class Attachment:
    number: int
    title: str
    first_line: int
    last_line: int
    listed_line: int


def attachments_of(raw: RawText, doc: Document) -> tuple[list[tuple[int, str, int]], list[Attachment]]:
    """(listed (number, title, line), attachments located as headings after the list)."""
    listed: list[tuple[int, str, int]] = []
    for number, line in raw.numbered(doc.first_line, doc.last_line):
        text = norm(line).lstrip("-* ")
        if not listed:
            if not _ATTACHMENT_LIST.match(text):
                continue
            text = text.split(":", 1)[1].strip()   # "附件：1. 养老服务…清单"
        m = _NUMBERED.match(text)
        if not m:
            break
        listed.append((int(m[1]), re.sub(r"[\\_]", "", m[2]).strip(), number))
    starts = []
    after = listed[-1][2] if listed else doc.first_line
    for number, title, listed_line in listed:
        key = _title_key(title)
        hit = next((n for n, line in raw.numbered(after + 1, doc.last_line)
                    if line.lstrip().startswith("#") and _title_key(line) == key), None)
        if hit:
            starts.append((number, title, hit, listed_line))
    found = []
    for index, (number, title, first, listed_line) in enumerate(starts):
        last = starts[index + 1][2] - 1 if index + 1 < len(starts) else doc.last_line
        found.append(Attachment(number, title, first, last, listed_line))
    return listed, found


# ---------------------------------------------------------------- 附件1 policy table

_CAT = re.compile(rf"^\(([{SMALL}])\)\s*([\u4e00-\u9fff\s]{{2,24}})$")
_ISSUE = re.compile(r"^\((\d{1,2})\)\s*")
_SUB = re.compile(r"[①-⑳]")
_ARABIC_ITEM = re.compile(r"^(\d{1,2})\.\s*")
_ARTICLE_START = re.compile(rf"^(第[{SMALL}百零]+[条章]|{outline.SECTION}|{outline.PAREN_CN}|……)")
_DEPTS = re.compile(r"^[\u4e00-\u9fff]{2,6}(、[\u4e00-\u9fff]{2,6})*$")
_DOC_NO = re.compile(r"([\u4e00-\u9fff]{1,6})[〔(](\d{4})[〕)](\d+)号")
_TITLE_NO = re.compile(r"^\s*(?:[(]?[^()。]{0,20}?\d+\s*号\)?|[(][^)]*$)")


def _parts(cell: str) -> list[str]:
    """A cell split into its <p> paragraphs, normalised (spaces from the layout removed)."""
    pieces = [p for p in re.split(r"</?p>", cell) if p.strip()]
    return [norm(p) for p in pieces if norm(p)]


def split_title(part: str) -> tuple[str, str] | None:
    """'《山东省养老服务条例》 第五十条 …' -> ('《山东省养老服务条例》', '第五十条 …'); None if no title.

    Also '民政部…关于印发《…》的通知(民发〔2023〕37号)' and titles without 《》 that end in
    通知/意见/办法… followed by a 文号.
    """
    if _ARTICLE_START.match(part) or _ARABIC_ITEM.match(part) or _ISSUE.match(part) or _SUB.match(part[:1]):
        return None
    end = None
    opening = part.find("《")
    if 0 <= opening <= 40 and (opening == 0 or "关于" in part[:opening] or "印发" in part[:opening]):
        depth = 0
        for index in range(opening, len(part)):
            depth += part[index] == "《"
            depth -= part[index] == "》"
            if depth == 0:
                end = index + 1
                break
        tail = re.match(r"^的(?:通知|意见|决定|公告)", part[end:] if end else "")
        if end and tail:
            end += tail.end()
    else:
        m = re.match(r"^[^。]{4,120}?(?:通知|意见|办法|规定|决定|条例)", part)
        if m and "关于" in m[0]:
            end = m.end()
    if not end:
        return None
    number = _TITLE_NO.match(part[end:])
    if number and ("号" in number[0] or number[0].strip().startswith("(")):
        end += number.end()
    return part[:end].strip(), part[end:].strip()


def basis_key(title: str) -> str:
    """Same document, different printing: key on its 文号 when it has one, else on the title."""
    m = _DOC_NO.search(title)
    if m:
        return f"{m[1]}{m[2]}{int(m[3])}"
    return re.sub(r"[^\u4e00-\u9fff\d]", "", title)


@dataclass
class PolicyRef:
    category: str
    issue_type: str | None
    issue_no: str
    issue: str
    legal_basis: str | None
    line: int
    sub_issues: dict[str, str] = field(default_factory=dict)
    articles: dict[str, str] = field(default_factory=dict)
    departments: str | None = None
    measures: list[str] = field(default_factory=list)
    fragments: set[int] = field(default_factory=set)


_TRADITIONAL = str.maketrans("稅營業費設繳減", "税营业费设缴减")


def _bigrams(text: str) -> set[str]:
    flat = re.sub(r"[^\u4e00-\u9fff]", "", text)
    return {flat[i:i + 2] for i in range(len(flat) - 1)}


def similar(a: str, b: str) -> float:
    """Share of the shorter text's character bigrams found in the other (wording drifts between fragments)."""
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / min(len(x), len(y)) if x and y else 0.0


def _table_rows(raw: RawText, first: int, last: int) -> list[tuple[int, list[str]]]:
    return [(n, line.split("\t")) for n, line in raw.numbered(first, last) if "\t" in line and line.strip()]


class PolicyTableReader:
    """Reads the fragments of 附件1 row by row; merged cells are inherited within a fragment."""

    def __init__(self, doc_id: str):
        self.doc_id = doc_id
        self.refs: dict[tuple[str, str], PolicyRef] = {}
        self.subs: dict[str, dict[str, str]] = {}  # issue code -> {①: text}
        self.fragment = 0
        self.measure_col = 5
        self._reset()

    def _reset(self) -> None:
        self.category: str | None = None
        self.issue_type: str | None = None
        self.issue_key: str | None = None
        self.issue_text: str | None = None
        self.departments: str | None = None
        self.measures: list[str] = []
        self.last_basis: str | None = None
        self.pending_articles: list[str] = []

    @property
    def code(self) -> str | None:
        return f"{self.category[:3]}{self.issue_key}" if self.category and self.issue_key else None

    def read(self, number: int, cells: list[str]) -> None:
        labels = [compact(c) for c in cells]
        if "问题情况" in labels:
            self.fragment += 1
            self._reset()
        if "整治措施" in labels:
            self.measure_col = labels.index("整治措施")
        if "问题情况" in labels or "整治措施" in labels or "突出问题" in labels:
            return
        self._row(number, cells)

    def _sub_issue_of(self, text: str) -> str | None:
        """'(2)相关奖补…' printed where other fragments print ② of the current issue -> '②'."""
        known = self.subs.get(self.code or "", {})
        scored = [(similar(text, sub), key) for key, sub in known.items()]
        best = max(scored, default=(0.0, None))
        return best[1] if best[0] >= 0.6 else None

    def _row(self, number: int, cells: list[str]) -> None:
        seen_other = False
        bases: list[str] = []
        subs: list[str] = []
        row_measures: list[str] = []
        for col, cell in enumerate(cells):
            for part in _parts(cell):
                flat = re.sub(r"\s+", "", part)
                cat = _CAT.match(part)
                if cat and re.search(r"(方面|问题)$", flat):
                    self.category = "(" + cat[1] + ")" + re.sub(r"\s", "", cat[2])
                    self.issue_type = self.issue_key = None
                    continue
                issue = _ISSUE.match(part)
                as_sub = self._sub_issue_of(part[issue.end():]) if issue else None
                if issue and not as_sub:
                    head, *inline_subs = re.split(r"\s*(?=[①-⑳])", part)
                    self.issue_key, self.issue_text = f"({issue[1]})", head.strip()
                    self.measures = []
                    subs.extend(s.strip() for s in inline_subs if s.strip())
                    seen_other = True
                    continue
                if issue and as_sub:
                    subs.append(as_sub + part[issue.end():].strip())
                    seen_other = True
                    continue
                if _SUB.match(part[:1]):
                    subs.extend(s.strip() for s in re.split(r"(?=[①-⑳])", part) if s.strip())
                    seen_other = True
                    continue
                arabic = _ARABIC_ITEM.match(part)
                if arabic and col <= 2 and not seen_other:
                    self.issue_type = part
                    self.issue_key, self.issue_text = f"{arabic[1]}.", part
                    self.measures = []
                    seen_other = True
                    continue
                if _DEPTS.match(flat) and len(flat) <= 40:
                    self.departments = flat.translate(_TRADITIONAL)
                    seen_other = True
                    continue
                if arabic and (col >= self.measure_col or (self.departments and row_measures)):
                    row_measures.append(part)
                    continue
                titled = split_title(part)
                if titled:
                    title, rest = titled
                    bases.append(title)
                    self.last_basis = title
                    self._ref(title, number)
                    for article in self.pending_articles + ([rest] if rest else []):
                        self._article(title, article)
                    self.pending_articles = []
                elif self.last_basis:
                    self._article(self.last_basis, part)
                else:
                    self.pending_articles.append(part)
                seen_other = True
        if row_measures:
            self.measures = row_measures
        if self.code is None:
            return
        known = self.subs.setdefault(self.code, {})
        for sub in subs:
            if _SUB.match(sub[:1]):
                known.setdefault(sub[:1], sub)
        for ref in [self._ref(b, number) for b in bases] or [self._ref(None, number)]:
            for sub in subs:
                ref.sub_issues.setdefault(sub[:1], sub)
            ref.departments = ref.departments or self.departments
            ref.measures = ref.measures or list(self.measures)

    def _ref(self, basis: str | None, number: int) -> PolicyRef:
        code, category = self.code, self.category
        assert code is not None and category is not None, "called only under an issue (whose code needs a category)"
        key = (code, basis_key(basis) if basis else "")
        ref = self.refs.get(key)
        if ref is None:
            ref = self.refs[key] = PolicyRef(category, self.issue_type, code, self.issue_text or "",
                                             basis, number)
        ref.fragments.add(self.fragment)
        return ref

    def _article(self, basis: str, article: str) -> None:
        if self.code is None:  # no issue yet, so no reference it could belong to
            return
        ref = self.refs.get((self.code, basis_key(basis)))
        if ref is not None:
            ref.articles.setdefault(re.sub(r"[^\u4e00-\u9fff\d]", "", article)[:16], article)

    def frame(self) -> pd.DataFrame:
        rows = [{
            "category": ref.category, "issue_type": ref.issue_type, "issue_no": ref.issue_no,
            "issue": ref.issue, "sub_issues": "；".join(ref.sub_issues.values()) or None,
            "legal_basis": ref.legal_basis, "articles": "\n".join(ref.articles.values()) or None,
            "departments": ref.departments, "measures": " ".join(ref.measures) or None,
            "fragments": len(ref.fragments), "doc_id": self.doc_id, "line": ref.line}
            for ref in self.refs.values()]
        return pd.DataFrame(rows)


def policy_refs(raw: RawText, attachment: Attachment, doc_id: str) -> tuple[pd.DataFrame, int]:
    """De-duplicated rows of the 政策参考清单, and the number of fragments read."""
    reader = PolicyTableReader(doc_id)
    for number, cells in _table_rows(raw, attachment.first_line, attachment.last_line):
        reader.read(number, cells)
    return reader.frame(), reader.fragment


def tidy_policy_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """One issue, one set of departments and measures; rows without a basis only where none has one.

    Fragments print 主管部门 and 整治措施 once per issue (merged cells), so a row of the
    same issue from another fragment inherits them.
    """
    if frame.empty:
        return frame
    subs: dict[str, dict[str, str]] = {}
    for issue_no, text in zip(frame.issue_no, frame.sub_issues):
        for sub in (text or "").split("；") if isinstance(text, str) else []:
            subs.setdefault(issue_no, {}).setdefault(sub[:1], sub)
    frame["sub_issues"] = frame.issue_no.map(
        lambda i: "；".join(v for _, v in sorted(subs.get(i, {}).items())) or None)
    for column in ("departments", "measures"):
        first = frame.dropna(subset=[column]).groupby("issue_no")[column].first()
        frame[column] = frame[column].fillna(frame["issue_no"].map(first))
    based = set(frame.loc[frame.legal_basis.notna(), "issue_no"])
    keep = frame.legal_basis.notna() | ~frame.issue_no.isin(based)
    return frame[keep].sort_values("line", kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------- 附件2 / 附件3 forms

def ledger_fields(raw: RawText, attachment: Attachment, doc_id: str) -> list[dict]:
    """Column labels of the 整治台账 with the merged group headers above them.

    A header printed once over several columns (机构类型, 建立和完善制度情况) is carried to
    the right until the next header of its row.
    """
    rows = _table_rows(raw, attachment.first_line, attachment.last_line)
    header: list[tuple[int, list[str]]] = []
    for number, cells in rows:
        if header and compact(cells[0]) != "":
            break
        header.append((number, [compact(c) for c in cells]))
    width = max((len(cells) for _, cells in header), default=0)

    def carried(row: list[str], col: int) -> str | None:
        return next((row[c] for c in range(min(col, len(row) - 1), -1, -1) if row[c]), None)

    fields: list[dict] = []
    for col in range(width):
        depths = [r for r, (_, cells) in enumerate(header) if col < len(cells) and cells[col]]
        if not depths:
            continue
        deepest = depths[-1]
        path = [carried(header[r][1], col) for r in range(deepest)]
        leaf = header[deepest][1][col]
        fields.append({"attachment": attachment.number, "form": attachment.title,
                       "section": "/".join(p for p in path if p) or None, "field": leaf,
                       "seq": len(fields) + 1, "doc_id": doc_id, "line": header[deepest][0]})
    return fields


_RESULT_SECTIONS = ("发现渠道", "整治情况", "问题情况")


def result_form(raw: RawText, attachment: Attachment, doc_id: str) -> tuple[list[dict], list[dict]]:
    """附件3: the fields to fill in (发现渠道 / 整治情况) and the 问题情况 list."""
    fields, catalog = [], []
    section = None
    category = issue_type = None
    seq = 0
    for n, cells in _table_rows(raw, attachment.first_line, attachment.last_line):
        labels = [norm(c) for c in cells]
        filled = [label for label in labels if label]
        if len(filled) == 1 and compact(filled[0]) in _RESULT_SECTIONS:
            section = compact(filled[0])
            continue
        if section != "问题情况":
            for label in filled:
                seq += 1
                fields.append({"attachment": attachment.number, "form": attachment.title, "section": section,
                               "field": compact(label), "seq": seq, "doc_id": doc_id, "line": n})
            continue
        if compact(filled[0]) == "突出问题":
            continue
        for col, label in enumerate(labels):
            if not label:
                continue
            if _CAT.match(label) or label.startswith("("):
                category, issue_type = compact(label), None
            elif col <= 1:
                issue_type = label
            else:
                for m in re.finditer(r"(\d+)\.\s*(.+?)(?=(?<=[。;])\s*\d+\.|$)", label):
                    catalog.append({"category": category, "issue_type": issue_type, "item_no": int(m[1]),
                                    "item": m[2].strip(), "doc_id": doc_id, "line": n})
        if issue_type and not any(r["issue_type"] == issue_type for r in catalog) and not any(
                labels[c] for c in range(2, len(labels))):
            catalog.append({"category": category, "issue_type": issue_type, "item_no": None, "item": None,
                            "doc_id": doc_id, "line": n})
    return fields, catalog


# ---------------------------------------------------------------- load

def load(raw: RawText, doc: Document) -> LoadResult:
    checks: list[Check] = []
    listed, found = attachments_of(raw, doc)
    checks.append(compare("campaigns.elderly.attachments", Msg("养老方案列出的附件与正文后找到的附件"),
                          len(listed), len(found), doc.doc_id, listed[0][2] if listed else doc.first_line, unit="个"))
    by_number = {a.number: a for a in found}
    tables: dict[str, pd.DataFrame] = {}
    policy = by_number.get(1)
    if policy:
        refs, _fragments = policy_refs(raw, policy, doc.doc_id)
        refs = tidy_policy_rows(refs)
        tables["elderly_policy_refs"] = refs
        checks += policy_checks(refs, doc, policy)
    else:
        checks.append(missing("campaigns.elderly.policy_table", Msg("养老方案附件1 政策参考清单"), Msg("附件1标题"), doc.doc_id,
                              doc.first_line, severity="warn"))
    ledger = by_number.get(2)
    result = by_number.get(3)
    fields: list[dict] = []
    catalog: list[dict] = []
    if ledger:
        fields += ledger_fields(raw, ledger, doc.doc_id)
    if result:
        more, catalog = result_form(raw, result, doc.doc_id)
        fields += more
    tables["elderly_form_fields"] = pd.DataFrame(fields)
    tables["elderly_issue_catalog"] = pd.DataFrame(catalog)
    if policy and result:
        checks += catalog_checks(tables["elderly_policy_refs"], tables["elderly_issue_catalog"], doc, result)
    return LoadResult(tables=tables, checks=checks)


def policy_checks(refs: pd.DataFrame, doc: Document, attachment: Attachment) -> list[Check]:
    """Issue numbers of each category run 1..N without gaps."""
    checks = []
    if refs.empty:
        return [missing("campaigns.elderly.policy_rows", Msg("附件1 政策参考清单"), Msg("表格行"), doc.doc_id,
                        attachment.first_line, severity="warn")]
    for category, group in refs.groupby("category", sort=False):
        numbers = sorted({int(m[1]) for m in (re.search(r"\((\d+)\)$", i) for i in group.issue_no) if m})
        if not numbers:
            continue
        cat = category[:3]
        checks.append(compare(f"campaigns.elderly.issue_numbers.{cat}", Msg('附件1“{category}”问题编号连续（最大编号与问题数）', category=category),
                              max(numbers), len(numbers), doc.doc_id, int(group.line.min()), unit="个"))
    return checks


def catalog_checks(refs: pd.DataFrame, catalog: pd.DataFrame, doc: Document, attachment: Attachment) -> list[Check]:
    """附件3 lists the same issues as 附件1: compare the counts per category."""
    checks: list[Check] = []
    if catalog.empty or refs.empty:
        return checks
    issues = refs[refs.issue_no.str.contains(r"\(\d+\)$")].groupby(refs.category.str[:3]).issue_no.nunique()
    listed = catalog[catalog.item.notna()].groupby(catalog.category.str[:3]).size()
    for cat in issues.index:
        line = int(catalog[catalog.category.str[:3] == cat].line.min()) if cat in listed.index else attachment.first_line
        checks.append(compare(f"campaigns.elderly.catalog.{cat}", Msg('附件3“问题情况”{cat}所列问题数与附件1问题表现数', cat=cat),
                              int(issues[cat]), int(listed.get(cat, 0)), doc.doc_id, line, unit="个"))
    return checks
