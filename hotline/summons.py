"""The 约谈 rule of the 12345 plan: a 部门 or 镇街 that sits in the bottom N of its own peer
group on one indicator (满意率 or 解决率) for M consecutive months is summoned.

N and M come from the plan (curated `targets` row hotline.summons); nothing is typed here.
Decisions on the edge cases, each shown to the user on the page:
- ties: places are counted from the top as a published ranking does (equal values share
  the better place, 1-2-3-3-5-6), and the bottom N are the units whose place is among the
  last N. Equal values at the boundary are therefore all out: a "bottom three" can hold
  two units, and a group where everyone scores the same has no bottom at all;
- a group with N units or fewer ranks nobody (everyone would be "bottom");
- "consecutive" means calendar months: a month with no figure for the unit (not imported,
  unit not yet created, value blank) breaks the run;
- the run must be on the same indicator (单项指标): bottom on 满意率 in July and on
  解决率 in August is a warning, not a summons;
- only one cut is ranked (month-end by default), never a mix of 月中 and 月末.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

import pandas as pd

from hotline.fields import END, INDICATORS, RESOLUTION, SATISFACTION

VALUE_COLUMN = {SATISFACTION: "satisfaction_pct", RESOLUTION: "resolution_pct"}


def month_index(month: str) -> int:
    year, mon = month.split("-")
    return int(year) * 12 + int(mon) - 1


def month_label(month: str) -> str:
    year, mon = month.split("-")
    return f"{year}年{int(mon)}月"


@dataclass
class SummonsResult:
    positions: pd.DataFrame   # unit, peer_group, month, indicator, value_pct, bottom_pos, group_size, in_bottom
    summons: pd.DataFrame     # one row per run of ≥ M months in the bottom N
    watch: pd.DataFrame       # in the bottom N in the latest month but not (yet) summoned for it
    notes: list[str] = field(default_factory=list)


def bottom_positions(units: pd.DataFrame, bottom_n: int, cut: str = END) -> tuple[pd.DataFrame, list[str]]:
    """Per month, peer group and indicator: each unit's position from the bottom (1 = lowest)."""
    notes: list[str] = []
    frame = units[units["cut"] == cut] if "cut" in units else units
    parts = []
    for indicator in INDICATORS:
        column = VALUE_COLUMN[indicator]
        if column not in frame:
            continue
        part = frame.loc[frame[column].notna(), ["unit", "peer_group", "month", column]].rename(columns={column: "value_pct"})
        part["indicator"] = indicator
        parts.append(part)
    cols = ["unit", "peer_group", "month", "indicator", "value_pct", "bottom_pos", "group_size", "in_bottom"]
    if not parts or all(p.empty for p in parts):
        return pd.DataFrame(columns=cols), notes
    long = pd.concat([p for p in parts if not p.empty], ignore_index=True)
    long["value_pct"] = long["value_pct"].astype(float)
    grouped = long.groupby(["month", "peer_group", "indicator"])["value_pct"]
    place = grouped.rank(method="min", ascending=False).astype(int)  # 1 = best; ties share the better place
    long["group_size"] = grouped.transform("size").astype(int)
    long["bottom_pos"] = long["group_size"] - place + 1               # 1 = last
    long["in_bottom"] = (long["bottom_pos"] <= bottom_n) & (long["group_size"] > bottom_n)
    small = long[long["group_size"] <= bottom_n][["month", "peer_group", "indicator"]].drop_duplicates()
    for _i, s in small.iterrows():
        notes.append(f"{month_label(s.month)}{s.peer_group}的{s.indicator}只有不超过{bottom_n}个单位有数据，本月该组不判定后{bottom_n}位")
    ranked = long[long["group_size"] > bottom_n]
    counts = ranked.groupby(["month", "peer_group", "indicator"])["in_bottom"].sum()
    for (month, group, indicator), count in counts[counts != bottom_n].items():
        if count == 0:
            notes.append(f"{month_label(month)}{group}{indicator}各单位数值并列，没有单位处于后{bottom_n}位")
        else:
            notes.append(f"{month_label(month)}{group}{indicator}在后{bottom_n}位的边界上有并列（并列按较前名次计），"
                         f"后{bottom_n}位只有{int(count)}个单位")
    return long[cols].sort_values(["month", "peer_group", "indicator", "bottom_pos", "unit"]).reset_index(drop=True), notes


def _runs(months: list[str]) -> list[list[str]]:
    """Split sorted months into runs of consecutive calendar months."""
    runs: list[list[str]] = []
    for m in months:
        if runs and month_index(m) == month_index(runs[-1][-1]) + 1:
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def summons(units: pd.DataFrame, bottom_n: int, months_n: int, cut: str = END) -> SummonsResult:
    """Apply the rule to per-unit monthly figures (columns as in the store's unit table)."""
    positions, notes = bottom_positions(units, bottom_n, cut)
    rows: list[dict] = []
    watch: list[dict] = []
    if positions.empty:
        return SummonsResult(positions, _summons_frame(rows), _watch_frame(watch), notes)
    latest = positions["month"].max()
    all_months = sorted(positions["month"].unique())
    gaps = [m for a, b in pairwise(all_months) for m in _between(a, b)]
    if gaps:
        notes.append(f"{'、'.join(month_label(g) for g in gaps)}没有数据：跨过缺失月份不算“连续”")
    for (unit, indicator), seq in positions.groupby(["unit", "indicator"]):
        bottom = seq[seq["in_bottom"]].sort_values("month")
        for run in _runs(list(bottom["month"])):
            detail = bottom[bottom["month"].isin(run)]
            entry = {
                "unit": unit, "peer_group": detail["peer_group"].iloc[-1], "indicator": indicator,
                "first_month": run[0], "last_month": run[-1], "months": len(run),
                "detail": "；".join(f"{month_label(r.month)} {r.value_pct:g}%（倒数第{r.bottom_pos}/{r.group_size}）"
                                   for r in detail.itertuples()),
            }
            if len(run) >= months_n:
                rows.append(entry)
            elif run[-1] == latest:
                watch.append(entry)
    return SummonsResult(positions, _summons_frame(rows), _watch_frame(watch), notes)


def _between(a: str, b: str) -> list[str]:
    out = []
    for i in range(month_index(a) + 1, month_index(b)):
        out.append(f"{i // 12:04d}-{i % 12 + 1:02d}")
    return out


_COLUMNS = ["unit", "peer_group", "indicator", "first_month", "last_month", "months", "detail"]


def _summons_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=_COLUMNS)
    return frame.sort_values(["last_month", "peer_group", "unit"], ascending=[False, True, True]).reset_index(drop=True)


def _watch_frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=_COLUMNS).sort_values(["peer_group", "unit"]).reset_index(drop=True)
