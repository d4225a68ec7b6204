"""Text table + header mapping -> typed records, with a Chinese message for every bad row.

Nothing here writes anything: the page shows `Checked.preview` (each row of the file with
its problems and what was reinterpreted) and only a result with `ok` may be handed to the
store — after the user confirmed `unknown_units`, if there are any.

Everything the import reads differently from how it is written is said, never done
silently: a ratio read as a percentage (0.953 → 95.3 %), a comma read as a decimal point
(95,3 %), a unit name put into its one spelling (明水街道办事处 → 明水街道), a 合计/平均 row
left out, a month taken from the table's title or the file name, a 满分 assumed.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

import pandas as pd

from hotline import values as v
from hotline.fields import (
    DEPARTMENT,
    DISTRICT,
    DRIVES,
    FIELDS,
    KEYS,
    KINDS,
    RESOLUTION,
    SATISFACTION,
    SCORES,
    TOWN,
    UNITS,
    Field,
    alias_index,
    auto_mapping,
    drive_topic_key,
    header_key,
    scale_in_header,
    unit_group,
)
from hotline.msg import N_, Msg, NMsg
from hotline.names import is_summary
from hotline.reader import RawTable
from hotline.units import KnownUnits, known_units

ROW = N_("行号")
PROBLEM = N_("问题")
NOTE = "说明"
DEFAULT_SCALE = 100.0

COLUMNS = {
    UNITS: ["unit", "peer_group", "month", "cut", "satisfaction_pct", "resolution_pct", "participation_pct",
            "backlog_start", "new_count", "resolved"],
    DISTRICT: ["month", "indicator", "cut", "value_pct", "rank", "ranked_units"],
    DRIVES: ["topic", "topic_key", "month", "open_start", "new_count", "resolved", "open_end"],
    SCORES: ["unit", "peer_group", "period_start", "month", "cut", "metric", "score", "scale", "rank", "tickets"],
}


@dataclass(frozen=True)
class FileContext:
    """What the page knows about the file besides its cells: its name, and what the user typed
    for values the file does not carry (the month or period, a composite score's 满分, the peer group)."""
    file_name: str = ""
    period: str | None = None
    scale: str | None = None
    peer_group: str | None = None


@dataclass
class Checked:
    kind: str
    records: pd.DataFrame                  # typed rows in COLUMNS[kind] (only meaningful when ok)
    preview: pd.DataFrame                  # 行号, the mapped columns as read, 说明, 问题
    file_errors: list[str] = dc_field(default_factory=list)
    notes: list[str] = dc_field(default_factory=list)
    unknown_units: list[str] = dc_field(default_factory=list)   # to be confirmed by the user before writing
    needs: list[str] = dc_field(default_factory=list)           # file-level values the page may ask for
    row_problems: dict = dc_field(default_factory=dict)         # preview row label -> [Msg] (for translation)
    row_notes: dict = dc_field(default_factory=dict)            # preview row label -> [Msg]

    @property
    def row_errors(self) -> pd.DataFrame:
        return self.preview[self.preview[PROBLEM] != ""]

    @property
    def ok(self) -> bool:
        return not self.file_errors and self.row_errors.empty and not self.records.empty

    def messages(self) -> list[str]:
        """Every problem as one Chinese sentence (file-level first, then by row)."""
        rows = [Msg("第{row}行：{problem}", row=r[ROW], problem=r[PROBLEM]) for _i, r in self.row_errors.iterrows()]
        return self.file_errors + rows

    def unknown_units_question(self) -> Msg | None:
        if not self.unknown_units:
            return None
        scope = Msg("章丘区镇街、部门或济南市区县") if self.kind == SCORES else Msg("章丘区镇街和部门")
        return NMsg("以下 {n} 个单位不在已知的{scope}名单中：{names}。请确认它们确实是要记录的单位"
                    "（而不是写错的名称或其他地方的表格），确认后才能写入",
                    "以下 {n} 个单位不在已知的{scope}名单中：{names}。请确认它们确实是要记录的单位"
                    "（而不是写错的名称或其他地方的表格），确认后才能写入",
                    len(self.unknown_units), scope=scope, names="、".join(self.unknown_units))


FIELDS_BY_NAME = {kind: {f.name: f for f in fields} for kind, fields in FIELDS.items()}


def empty_records(kind: str) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS[kind]})


def _parse(f: Field, cell: object, notes: list) -> object:
    """One cell -> value; a reinterpretation is appended to `notes`."""
    if f.type == "rate":
        value, note = v.read_rate(cell, f.label)
        if note:
            notes.append((f.name, note))
        return value
    if f.type == "score":
        value, note = v.read_score(cell, f.label)
        if note:
            notes.append((f.name, note))
        return value
    if f.type == "scale":
        return v.parse_scale(cell, f.label)
    if f.type == "count":
        return v.parse_count(cell, f.label)
    if f.type == "rank":
        return v.parse_rank(cell, f.label)
    if f.type == "month":
        return v.parse_month(cell)
    if f.type == "period":
        return v.parse_period(cell)
    if f.type == "group":
        return v.parse_group(cell)
    if f.type == "freegroup":
        return v.parse_free_group(cell)
    if f.type == "cut":
        return v.parse_cut(cell)
    if f.type == "indicator":
        return v.parse_indicator(cell)
    return v.parse_text(cell, f.label)


def _missing_columns(kind: str, mapped: set[str]) -> list[str]:
    labels = {f.name: f.label for f in FIELDS[kind]}
    missing = [labels[f.name] for f in FIELDS[kind] if f.required and f.name not in mapped]
    if kind == UNITS and not mapped & {"satisfaction_pct", "resolution_pct"}:
        missing.append("满意率 或 解决率")
    if kind == DISTRICT and not ({"indicator", "rank"} <= mapped or mapped & {"satisfaction_rank", "resolution_rank"}):
        missing.append("指标+全市排名（或 满意率排名 / 解决率排名）")
    return missing


def guess_kind(headers: list[str]) -> str:
    """The kind whose required columns are all present and whose names match most headers
    (a month may come from the title or the user, so it does not decide)."""
    def score(kind: str) -> tuple[bool, int]:
        mapped = {name for name in auto_mapping(kind, headers).values() if name}
        return not _missing_columns(kind, mapped | {"month"}), len(mapped)
    return max(KINDS, key=score)


# ---- the period of a file without a 月份 column ---------------------------------------------

_PERIOD_IN_TEXT = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月?份?\s*(?:[-—–~～至到]\s*(\d{1,2})\s*)?月份?"
                             r"|(\d{4})\s*[./-]\s*(\d{1,2})(?:\s*[-—–~]\s*(\d{1,2}))?(?!\d)")


def period_in_text(text: str) -> v.Period | None:
    """The first month or range of months written in a title or file name ('2022年2月份…',
    '…1-4月份…', '2023.1-4…'), or None."""
    for match in _PERIOD_IN_TEXT.finditer(v.clean(text)):
        year, first, last = (match.group(1), match.group(2), match.group(3)) if match.group(1) else \
            (match.group(4), match.group(5), match.group(6))
        try:
            return v.parse_period(f"{year}年{first}月" + (f"-{last}月" if last else ""))
        except ValueError:
            continue
    return None


def _file_period(table: RawTable, context: FileContext) -> tuple[v.Period | None, Msg | None, Msg | None]:
    """(period, note on where it came from, error) for a file without a 月份 column."""
    if context.period:
        try:
            period = v.parse_period(context.period)
        except ValueError as exc:
            return None, None, exc.args[0]
        return period, Msg("文件没有“月份”列，按填写的期间 {label} 读取", label=period.label()), None
    for line in table.title_lines:
        in_title = period_in_text(line)
        if in_title:
            return in_title, Msg("文件没有“月份”列，期间取自表格标题「{title}」：{label}", title=line[:40],
                                 label=in_title.label()), None
    in_name = period_in_text(re.sub(r"\.[A-Za-z]+$", "", context.file_name or ""))
    if in_name:
        return in_name, Msg("文件没有“月份”列，期间取自文件名「{name}」：{label}", name=(context.file_name or "")[:60],
                            label=in_name.label()), None
    return None, None, None


def _title_scale(table: RawTable) -> str | None:
    found = {m.group(1) for line in table.title_lines for m in re.finditer(r"满分(?:为|值)?\s*(\d+(?:\.\d+)?)", line)}
    return found.pop() if len(found) == 1 else None


# ---- checks -----------------------------------------------------------------------------

def _district_records(row: dict) -> list[dict]:
    """One file row -> one record per indicator (long layout: 指标 column; wide: both side by side)."""
    base = {"month": row.get("month"), "cut": row.get("cut"), "ranked_units": row.get("ranked_units")}
    if "indicator" in row:
        return [base | {"indicator": row["indicator"], "value_pct": row.get("value_pct"), "rank": row.get("rank")}]
    out = []
    for name, prefix in ((SATISFACTION, "satisfaction"), (RESOLUTION, "resolution")):
        if row.get(f"{prefix}_rank") is not None or row.get(f"{prefix}_pct") is not None:
            out.append(base | {"indicator": name, "value_pct": row.get(f"{prefix}_pct"), "rank": row.get(f"{prefix}_rank")})
    return out


def _row_rules(kind: str, row: dict, records: list[dict]) -> list[str]:
    """Checks across the fields of one row (each field already parsed)."""
    problems: list[str] = []
    if kind == UNITS:
        if row.get("satisfaction_pct") is None and row.get("resolution_pct") is None:
            problems.append(Msg("满意率和解决率都为空"))
        backlog, new, resolved = row.get("backlog_start"), row.get("new_count"), row.get("resolved")
        if backlog is not None and new is not None and resolved is not None and resolved > backlog + new:
            problems.append(Msg("本月化解 {done} 大于 期初未化解+本月新增 {open}", done=resolved, open=backlog + new))
    elif kind == DISTRICT:
        if not records:
            problems.append(Msg("没有排名数据"))
        for rec in records:
            if rec["rank"] is None:
                problems.append(Msg("{indicator}的全市排名为空", indicator=rec["indicator"]))
            elif rec["ranked_units"] is not None and rec["rank"] > rec["ranked_units"]:
                problems.append(Msg("{indicator}排名 {rank} 大于参与排名单位数 {n}", indicator=rec["indicator"],
                                    rank=rec["rank"], n=rec["ranked_units"]))
        if row.get("ranked_units") == 0:
            problems.append(Msg("参与排名单位数为0"))
    elif kind == DRIVES:
        start, new, done, end = (row.get(k) for k in ("open_start", "new_count", "resolved", "open_end"))
        if start is not None and new is not None and done is not None:
            if done > start + new:
                problems.append(Msg("本月办结 {done} 大于 期初未办结+本月新增 {open}", done=done, open=start + new))
            elif end is not None and end != start + new - done:
                problems.append(Msg("期末未办结 {end} 与 期初+新增−办结 = {expected} 不符", end=end,
                                    expected=start + new - done))
    elif kind == SCORES:
        score, scale = row.get("score"), row.get("scale")
        if score is not None and scale is not None and score > scale:
            problems.append(Msg("得分 {score} 超过满分 {scale}", score=_num(score), scale=_num(scale)))
    return problems


def _num(value: float) -> str:
    return f"{value:g}"


def check(table: RawTable, kind: str, mapping: Mapping[str, str | None], context: FileContext | None = None,
          known: KnownUnits | None = None) -> Checked:
    """Validate every row; `mapping` is raw header -> canonical field name (None = ignore)."""
    context = context or FileContext()
    known = known or known_units()
    fields = {f.name: f for f in FIELDS[kind]}
    used = {h: name for h, name in mapping.items() if name and h in table.rows.columns}
    file_errors: list[str] = []
    notes: list[str] = list(table.notes)
    needs: list[str] = []
    by_field: dict[str, list[str]] = {}
    for header, name in used.items():
        if name not in fields:
            file_errors.append(Msg("列「{header}」对应的字段「{name}」不属于{kind}", header=header, name=name, kind=kind))
        by_field.setdefault(name, []).append(header)
    for name, headers in by_field.items():
        if len(headers) > 1:
            file_errors.append(Msg("列「{headers}」都对应「{label}」，请只保留一列", headers="」和「".join(headers),
                                   label=fields[name].label))
    file_errors += _conflicting_twins(table, kind, used)

    # values the file may carry outside its columns: the period, and for scores the 满分 and the group
    period = None
    if "month" not in by_field:
        period, period_note, period_error = _file_period(table, context)
        if period_error:
            file_errors.append(period_error)
        elif period is not None and period.is_range and kind != SCORES:
            file_errors.append(Msg("期间 {label} 是累计数据，不是单月：本类数据按月记录，请填写单月；"
                                   "累计的考评得分与排名请选数据类型“考评得分与排名”导入", label=period.label()))
            period = None
        elif period_note:
            notes.append(period_note)
        needs.append("period")
    missing = _missing_columns(kind, set(by_field) | ({"month"} if period else set()))
    if missing:
        hint = Msg("（可在“列对应”中指定）")
        if "月份" in missing:
            hint = Msg("（可在“列对应”中指定；文件中没有月份时，也可在标题或文件名中写明，或在“本文件的月份”中填写，如 2025年7月）")
        file_errors.append(Msg("缺少必需的列：{missing}{hint}", missing="、".join(missing), hint=hint))

    scale_source = None
    file_scale = None
    if kind == SCORES and "scale" not in by_field:
        score_headers = by_field.get("score", [])
        for raw, source in ((scale_in_header(score_headers[0]) if score_headers else None, "header"),
                            (context.scale, "user"), (_title_scale(table), "title")):
            if raw:
                try:
                    file_scale = v.parse_scale(raw)
                except ValueError as exc:
                    file_errors.append(exc.args[0])
                scale_source = source
                break
        if file_scale is None:
            needs.append("scale")
    file_group = None
    if kind == SCORES and "peer_group" not in by_field:
        try:
            file_group = v.parse_free_group(context.peer_group) if context.peer_group else ""
        except ValueError as exc:
            file_errors.append(exc.args[0])
        needs.append("peer_group")

    preview = pd.DataFrame({ROW: list(table.rows.index)}, index=table.rows.index)
    for header, name in used.items():
        if name in fields:
            preview[fields[name].label] = table.rows[header].map(v.clean)
    problems_by_row: dict[object, list[str]] = {}
    row_notes: dict[object, list[str]] = {}
    reinterpreted: dict[tuple[str, str], list[object]] = {}
    records: list[dict] = []
    inferred = 0
    skipped_totals: list[tuple[object, str]] = []
    renamed: list[tuple[object, str, str]] = []
    if table.rows.empty:
        file_errors.append(Msg("文件只有表头，没有数据行"))
    name_field = "unit" if kind in (UNITS, SCORES) else "topic" if kind == DRIVES else None
    name_header = next((h for h, n in used.items() if n == name_field), None)
    for number, raw in table.rows.iterrows():
        if all(v.is_empty(raw[h]) for h in used):
            continue  # a blank line inside the data is not an error
        if name_header is not None and is_summary(raw[name_header]):
            skipped_totals.append((number, v.clean(raw[name_header])))
            row_notes.setdefault(number, []).append(Msg("合计/平均行，不作为单位导入"))
            continue
        row: dict[str, Any] = {}
        problems: list[str] = []
        cell_notes: list[tuple[str, str]] = []
        for header, name in used.items():
            if name not in fields:
                continue
            try:
                row[name] = _parse(fields[name], raw[header], cell_notes)
            except ValueError as exc:
                problems.append(exc.args[0])
                row[name] = None
            else:
                if row[name] is None and fields[name].required:
                    problems.append(Msg("{label}为空", label=fields[name].label))
        for name, note in cell_notes:
            row_notes.setdefault(number, []).append(note)
            kind_of_note = "ratio" if "按比例" in note else "comma"
            reinterpreted.setdefault((fields[name].label, kind_of_note), []).append(number)
        if kind in (UNITS, SCORES) and row.get("unit"):
            canonical = known.canonical(row["unit"])
            if canonical != row["unit"]:
                renamed.append((number, row["unit"], canonical))
                row_notes.setdefault(number, []).append(Msg("单位「{old}」记为「{new}」", old=row["unit"], new=canonical))
                row["unit"] = canonical
        if period is not None:
            row["month"] = period.end if kind != SCORES else period
        if kind == SCORES:
            p = row.pop("month", None)
            row["period_start"], row["month"] = (p.start, p.end) if p is not None else (None, None)
            if "scale" not in by_field:
                row["scale"] = file_scale
            if "peer_group" not in by_field:
                row["peer_group"] = file_group
            elif row.get("peer_group") is None:
                row["peer_group"] = ""
            row["metric"] = v.clean(by_field["score"][0]) if "score" in by_field else None
            row.setdefault("cut", v.END)
        if kind == UNITS:
            row.setdefault("cut", v.END)
            if row.get("peer_group") is None and row.get("unit"):
                row["peer_group"] = _group_of(known, row["unit"])
                inferred += 1
        if kind == DISTRICT:
            row.setdefault("cut", v.END)
        if kind == DRIVES:
            if row.get("topic"):
                row["topic_key"] = drive_topic_key(row["topic"])
            if row.get("open_end") is None and None not in (row.get("open_start"), row.get("new_count"), row.get("resolved")):
                row["open_end"] = row["open_start"] + row["new_count"] - row["resolved"]
        made = _district_records(row) if kind == DISTRICT else [row]
        if not problems:  # cross-field rules on half-parsed rows would only repeat the cell errors
            problems += _row_rules(kind, row, made)
        if problems:
            problems_by_row[number] = problems
        for rec in made:
            records.append({c: rec.get(c) for c in COLUMNS[kind]} | {"_row": number})

    frame = pd.DataFrame(records, columns=COLUMNS[kind] + ["_row"]) if records else empty_records(kind).assign(_row=[])
    if kind == SCORES and not frame.empty and file_scale is None and "scale" not in by_field and "score" in by_field:
        _assume_scale(frame, notes, file_errors)
    elif kind == SCORES and scale_source is not None and file_scale is not None:
        source = {"header": N_("列名"), "user": N_("填写"), "title": N_("表格标题")}[scale_source]
        notes.append(Msg("得分的满分为 {scale} 分（取自{source}）", scale=_num(file_scale), source=Msg(source)))
        over = frame[frame["score"].notna() & (frame["score"] > file_scale)]
        for _i, rec in over.iterrows():
            problems_by_row.setdefault(rec["_row"], []).append(
                Msg("得分 {score} 超过满分 {scale}", score=_num(rec["score"]), scale=_num(file_scale)))
    _flag_duplicates(kind, frame, problems_by_row)
    if kind == SCORES and not frame.empty:
        ranges = frame.dropna(subset=["period_start", "month"])
        for start, end in ranges[ranges["period_start"] != ranges["month"]][["period_start", "month"]] \
                .drop_duplicates().itertuples(index=False):
            notes.append(Msg("期间按 {label} 记录（{first}至{last}的累计数据，不是单月）", label=v.period_label(start, end),
                             first=v.period_label(start, start), last=v.period_label(end, end)))
    if skipped_totals:
        notes.append(NMsg("以下 {n} 行是合计/平均行，未作为单位导入：{rows}", "以下 {n} 行是合计/平均行，未作为单位导入：{rows}",
                          len(skipped_totals),
                         rows="、".join(f"第{n}行「{text}」" for n, text in skipped_totals)))
    if renamed:
        notes.append(Msg("单位名称统一为一种写法：{pairs}",
                         pairs="；".join(f"第{n}行「{old}」→「{new}」" for n, old, new in renamed)))
    for (label, what), rows in reinterpreted.items():
        where = "、".join(map(str, rows[:20])) + ("等" if len(rows) > 20 else "")
        notes.append(Msg("{label}：第{rows}行的数值不大于1，已按比例读作百分数（如 0.953 → 95.3%）", label=label, rows=where)
                     if what == "ratio" else
                     Msg("{label}：第{rows}行的逗号按小数点读取（如 95,3% → 95.3%）", label=label, rows=where))
    if inferred:
        notes.append(NMsg("{n}行没有填写分组，已按单位名称判断（已知单位按名单，其余以“街道”“镇”结尾为镇街，其余为部门）",
                          "{n}行没有填写分组，已按单位名称判断（已知单位按名单，其余以“街道”“镇”结尾为镇街，其余为部门）", inferred))
    ignored = [h for h in table.headers if not used.get(h) and not table.rows[h].map(v.is_empty).all()]
    if ignored:
        notes.append(Msg("以下列未导入：{columns}", columns="、".join(f"「{h}」" for h in ignored)))
    if not table.rows.empty and frame.empty and not file_errors:
        file_errors.append(Msg("文件没有可导入的数据行"))
    unknown: list[str] = []
    if kind in (UNITS, SCORES) and not frame.empty:
        allowed = ("镇街", "部门", "区县") if kind == SCORES else ("镇街", "部门")
        for unit in frame["unit"].dropna():
            if known.group(unit) not in allowed and unit not in unknown:
                unknown.append(unit)
    preview[NOTE] = ["；".join(row_notes.get(n, [])) for n in preview.index]
    preview[PROBLEM] = [("；".join(problems_by_row.get(n, []))) for n in preview.index]
    records_ok = frame.drop(columns="_row").reset_index(drop=True)
    return Checked(kind, records_ok, preview.reset_index(drop=True), file_errors, notes, unknown, needs,
                   problems_by_row, row_notes)


def _group_of(known: KnownUnits, unit: str) -> str:
    group = known.group(unit)
    return group if group in (TOWN, DEPARTMENT) else unit_group(unit)


def _assume_scale(frame: pd.DataFrame, notes: list, file_errors: list) -> None:
    """No 满分 anywhere: 100 when every score fits, else ask for it."""
    top = frame["score"].dropna().max() if frame["score"].notna().any() else None
    if top is not None and top > DEFAULT_SCALE:
        file_errors.append(Msg("得分最高 {top}，超过 100，文件中没有写明满分：请在“满分”中填写（如 150），或在文件中加一列“满分”",
                               top=_num(top)))
        return
    frame["scale"] = DEFAULT_SCALE
    notes.append(Msg("文件中没有写明满分，按满分 100 分记录（若不是，请在“满分”中填写）"))


def _conflicting_twins(table: RawTable, kind: str, used: dict[str, str]) -> list[str]:
    """An ignored column that names a field already taken by another column (「满意率」 twice, or
    「满意率」 beside 「群众满意率」) and holds different figures: which one is right is not ours to guess."""
    index = alias_index(kind)
    taken = {name: header for header, name in used.items()}
    errors: list[str] = []
    for header in table.rows.columns:
        if header in used:
            continue
        name = index.get(header_key(re.sub(r"_\d+$", "", header)))  # the reader renames a repeated 「满意率」 to 「满意率_2」
        first = taken.get(name) if name is not None else None
        if name is None or first is None:
            continue
        if not table.rows[header].map(v.clean).equals(table.rows[first].map(v.clean)):
            errors.append(Msg("列「{first}」和「{header}」都像是「{label}」，但内容不同：请删除多余的一列后重新上传",
                              first=first, header=header, label=FIELDS_BY_NAME[kind][name].label))
    return errors


def _flag_duplicates(kind: str, frame: pd.DataFrame, problems: dict) -> None:
    keys = list(KEYS[kind])
    if frame.empty:
        return
    complete = frame.dropna(subset=keys)
    for _key, group in complete.groupby(keys, sort=False):
        rows = sorted(set(group["_row"]), key=_row_order)
        if len(group) > 1 and len(rows) > 1:
            what = {UNITS: N_("同一单位同一月份"), DISTRICT: N_("同一月份同一指标"), DRIVES: N_("同一专项同一月份"),
                    SCORES: N_("同一单位同一期间同一分组")}[kind]
            for n in rows:
                others = "、".join(str(o) for o in rows if o != n)
                problems.setdefault(n, []).append(Msg("与第{others}行重复（{what}）", others=others, what=Msg(what)))


def _row_order(label: object) -> tuple:
    text = str(label)
    digits = re.match(r"\d+", text)
    return (int(digits.group()) if digits else 0, text)


def check_frame(frame: pd.DataFrame, kind: str, context: FileContext | None = None) -> Checked:
    """Validate rows typed into the editable table (columns named by label or by field name)."""
    headers = [str(c) for c in frame.columns]
    rows = frame.copy()
    rows.columns = headers
    rows.index = range(1, len(rows) + 1)
    mapping = {}
    names = {f.name for f in FIELDS[kind]}
    labels = {f.label: f.name for f in FIELDS[kind]}
    for h in headers:
        mapping[h] = h if h in names else labels.get(h)
    return check(RawTable(headers, rows.astype(object), "editor"), kind, mapping, context)
