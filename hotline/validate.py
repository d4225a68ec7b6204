"""Text table + header mapping -> typed records, with a Chinese message for every bad row.

Nothing here writes anything: the page shows `Checked.preview` (each row of the file with
its problems) and only a result with `ok` may be handed to the store.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field as dc_field

import pandas as pd

from hotline import values as v
from hotline.fields import (DISTRICT, DRIVES, FIELDS, KEYS, KINDS, RESOLUTION, SATISFACTION, UNITS, Field,
                            alias_index, auto_mapping, drive_topic_key, header_key, unit_group)
from hotline.reader import RawTable

ROW = "行号"
PROBLEM = "问题"
TOTAL_ROWS = {"合计", "总计", "全区", "全区合计", "平均", "全区平均", "小计", "全市", "合计平均"}

COLUMNS = {
    UNITS: ["unit", "peer_group", "month", "cut", "satisfaction_pct", "resolution_pct", "participation_pct",
            "backlog_start", "new_count", "resolved"],
    DISTRICT: ["month", "indicator", "cut", "value_pct", "rank", "ranked_units"],
    DRIVES: ["topic", "topic_key", "month", "open_start", "new_count", "resolved", "open_end"],
}


@dataclass
class Checked:
    kind: str
    records: pd.DataFrame                  # typed rows in COLUMNS[kind] (only meaningful when ok)
    preview: pd.DataFrame                  # 行号, the mapped columns as read, 问题
    file_errors: list[str] = dc_field(default_factory=list)
    notes: list[str] = dc_field(default_factory=list)

    @property
    def row_errors(self) -> pd.DataFrame:
        return self.preview[self.preview[PROBLEM] != ""]

    @property
    def ok(self) -> bool:
        return not self.file_errors and self.row_errors.empty and not self.records.empty

    def messages(self) -> list[str]:
        """Every problem as one Chinese sentence (file-level first, then by row)."""
        rows = [f"第{r[ROW]}行：{r[PROBLEM]}" for _i, r in self.row_errors.iterrows()]
        return self.file_errors + rows


FIELDS_BY_NAME = {kind: {f.name: f for f in fields} for kind, fields in FIELDS.items()}


def empty_records(kind: str) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS[kind]})


def _parse(f: Field, cell: object) -> object:
    if f.type == "rate":
        return v.parse_rate(cell, f.label)
    if f.type == "count":
        return v.parse_count(cell, f.label)
    if f.type == "rank":
        return v.parse_rank(cell, f.label)
    if f.type == "month":
        return v.parse_month(cell)
    if f.type == "group":
        return v.parse_group(cell)
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
    """The kind whose required columns are all present and whose names match most headers."""
    def score(kind: str) -> tuple[bool, int]:
        mapped = {name for name in auto_mapping(kind, headers).values() if name}
        return not _missing_columns(kind, mapped), len(mapped)
    return max(KINDS, key=score)


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
    problems = []
    if kind == UNITS:
        if row.get("satisfaction_pct") is None and row.get("resolution_pct") is None:
            problems.append("满意率和解决率都为空")
        parts = [row.get("backlog_start"), row.get("new_count"), row.get("resolved")]
        if None not in parts and parts[2] > parts[0] + parts[1]:
            problems.append(f"本月化解 {parts[2]} 大于 期初未化解+本月新增 {parts[0] + parts[1]}")
    elif kind == DISTRICT:
        if not records:
            problems.append("没有排名数据")
        for rec in records:
            if rec["rank"] is None:
                problems.append(f"{rec['indicator']}的全市排名为空")
            elif rec["ranked_units"] is not None and rec["rank"] > rec["ranked_units"]:
                problems.append(f"{rec['indicator']}排名 {rec['rank']} 大于参与排名单位数 {rec['ranked_units']}")
        if row.get("ranked_units") == 0:
            problems.append("参与排名单位数为0")
    elif kind == DRIVES:
        start, new, done, end = (row.get(k) for k in ("open_start", "new_count", "resolved", "open_end"))
        if None not in (start, new, done):
            if done > start + new:
                problems.append(f"本月办结 {done} 大于 期初未办结+本月新增 {start + new}")
            elif end is not None and end != start + new - done:
                problems.append(f"期末未办结 {end} 与 期初+新增−办结 = {start + new - done} 不符")
    return problems


def check(table: RawTable, kind: str, mapping: Mapping[str, str | None]) -> Checked:
    """Validate every row; `mapping` is raw header -> canonical field name (None = ignore)."""
    fields = {f.name: f for f in FIELDS[kind]}
    used = {h: name for h, name in mapping.items() if name and h in table.rows.columns}
    file_errors = []
    by_field: dict[str, list[str]] = {}
    for header, name in used.items():
        if name not in fields:
            file_errors.append(f"列「{header}」对应的字段「{name}」不属于{kind}")
        by_field.setdefault(name, []).append(header)
    for name, headers in by_field.items():
        if len(headers) > 1:
            file_errors.append(f"列「{'」和「'.join(headers)}」都对应「{fields[name].label}」，请只保留一列")
    file_errors += _conflicting_twins(table, kind, used)
    missing = _missing_columns(kind, set(by_field))
    if missing:
        file_errors.append(f"缺少必需的列：{'、'.join(missing)}（可在“列对应”中指定）")

    preview = pd.DataFrame({ROW: list(table.rows.index)}, index=table.rows.index)
    for header, name in used.items():
        if name in fields:
            preview[fields[name].label] = table.rows[header].map(v.clean)
    problems_by_row: dict[int, list[str]] = {}
    records: list[dict] = []
    notes: list[str] = []
    inferred = 0
    skipped_totals = []
    if table.rows.empty:
        file_errors.append("文件只有表头，没有数据行")
    for number, raw in table.rows.iterrows():
        if all(v.is_empty(raw[h]) for h in used):
            continue  # a blank line inside the data is not an error
        row, problems = {}, []
        for header, name in used.items():
            if name not in fields:
                continue
            try:
                row[name] = _parse(fields[name], raw[header])
            except ValueError as exc:
                problems.append(str(exc))
                row[name] = None
            else:
                if row[name] is None and fields[name].required:
                    problems.append(f"{fields[name].label}为空")
        if kind == UNITS and row.get("unit") in TOTAL_ROWS:
            skipped_totals.append(number)
            continue
        if kind == UNITS:
            row.setdefault("cut", v.END)
            if row.get("peer_group") is None and row.get("unit"):
                row["peer_group"] = unit_group(row["unit"])
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
    _flag_duplicates(kind, frame, problems_by_row)
    if skipped_totals:
        notes.append(f"第{'、'.join(map(str, skipped_totals))}行是合计/平均行，已忽略")
        preview = preview.drop(index=skipped_totals)
    if inferred:
        notes.append(f"{inferred}行没有填写分组，已按单位名称判断（以“街道”“镇”结尾为镇街，其余为部门）")
    if not table.rows.empty and frame.empty and not file_errors:
        file_errors.append("文件没有可导入的数据行")
    preview[PROBLEM] = [("；".join(problems_by_row.get(n, []))) for n in preview.index]
    records_ok = frame.drop(columns="_row").reset_index(drop=True)
    return Checked(kind, records_ok, preview.reset_index(drop=True), file_errors, notes)


def _conflicting_twins(table: RawTable, kind: str, used: dict[str, str]) -> list[str]:
    """An ignored column that names a field already taken by another column (「满意率」 twice, or
    「满意率」 beside 「群众满意率」) and holds different figures: which one is right is not ours to guess."""
    index = alias_index(kind)
    taken = {name: header for header, name in used.items()}
    errors = []
    for header in table.rows.columns:
        if header in used:
            continue
        name = index.get(header_key(re.sub(r"_\d+$", "", header)))  # the reader renames a repeated 「满意率」 to 「满意率_2」
        first = taken.get(name)
        if first is None:
            continue
        if not table.rows[header].map(v.clean).equals(table.rows[first].map(v.clean)):
            errors.append(f"列「{first}」和「{header}」都像是「{FIELDS_BY_NAME[kind][name].label}」，但内容不同："
                          "请删除多余的一列后重新上传")
    return errors


def _flag_duplicates(kind: str, frame: pd.DataFrame, problems: dict[int, list[str]]) -> None:
    keys = list(KEYS[kind])
    if frame.empty:
        return
    complete = frame.dropna(subset=keys)
    for _key, group in complete.groupby(keys, sort=False):
        rows = sorted(set(group["_row"]))
        if len(group) > 1 and len(rows) > 1:
            what = {UNITS: "同一单位同一月份", DISTRICT: "同一月份同一指标", DRIVES: "同一专项同一月份"}[kind]
            for n in rows:
                others = "、".join(str(o) for o in rows if o != n)
                problems.setdefault(n, []).append(f"与第{others}行重复（{what}）")


def check_frame(frame: pd.DataFrame, kind: str) -> Checked:
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
    return check(RawTable(headers, rows.astype(object), "editor"), kind, mapping)
