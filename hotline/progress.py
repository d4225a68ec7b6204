"""Figures against the plan's targets. Every threshold arrives as a `Target` argument.

Definitions (shown on the page beside the figures):
- position from the bottom = units ranked − rank + 1 (1 = last in the city); the district
  has left the bottom N when that position is greater than N;
- monthly resolution ratio = resolved this month ÷ (open at the start of the month + new);
- year-to-date ratio = resolved so far this year ÷ (open at the start of the unit's first
  recorded month of the year + all new tickets so far this year).
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from hotline.fields import END, INDICATORS
from hotline.summons import month_index, month_label
from hotline.targets import Target, meets
from textkit.msg import N_, Msg

ON_TRACK, MET, MISSED, OPEN, NO_DATA = N_("进行中"), N_("已达成"), N_("未达成"), N_("待数据"), N_("无数据")


def month_msg(month: str) -> Msg:
    """'2025-09' -> '2025年9月' (English 'September 2025'): a month inside a message."""
    year, mon = month.split("-")
    return Msg("{year}年{month}月", year=int(year), month=int(mon))


def rank_frame(ranks: pd.DataFrame, cut: str = END) -> pd.DataFrame:
    """District ranks with position from the bottom and the rank that is the bottom-N line."""
    if ranks.empty:
        return ranks.assign(bottom_pos=pd.Series(dtype=int))
    frame = ranks[ranks["cut"] == cut].copy()
    frame["bottom_pos"] = frame["ranked_units"] - frame["rank"] + 1
    return frame.sort_values(["indicator", "month"]).reset_index(drop=True)


def rank_status(ranks: pd.DataFrame, target: Target | None, today: dt.date, cut: str = END) -> pd.DataFrame:
    """Per indicator: where the district stands against 'leave the bottom N by the deadline'."""
    cols = ["indicator", "target_n", "deadline", "latest_month", "rank", "ranked_units", "bottom_pos",
            "status", "text"]
    if target is None or target.value is None:
        return pd.DataFrame(columns=cols)
    n, deadline_month = target.whole, target.deadline_month
    frame = rank_frame(ranks, cut)
    out = []
    for indicator in INDICATORS:
        seq = frame[frame["indicator"] == indicator] if not frame.empty else frame
        if seq.empty:
            out.append([indicator, n, target.deadline, None, None, None, None, NO_DATA, Msg("尚无排名记录")])
            continue
        latest = seq.iloc[-1]
        at_deadline = seq[seq["month"] == deadline_month] if deadline_month else seq.iloc[0:0]
        if deadline_month and not at_deadline.empty:
            pos = int(at_deadline.iloc[0]["bottom_pos"])
            status = MET if pos > n else MISSED
            text = (Msg("{month}倒数第{pos}位，已退出后{n}位", month=month_msg(deadline_month), pos=pos, n=n) if pos > n
                    else Msg("{month}倒数第{pos}位，仍在后{n}位", month=month_msg(deadline_month), pos=pos, n=n))
        elif deadline_month and month_index(latest["month"]) > month_index(deadline_month):
            status, text = OPEN, Msg("缺少{month}的排名，无法判断是否按期达成", month=month_msg(deadline_month))
        else:
            pos = int(latest["bottom_pos"])
            status = ON_TRACK
            latest_month = month_msg(latest["month"])
            text = (Msg("最新{month}倒数第{pos}位，已在后{n}位之外", month=latest_month, pos=pos, n=n) if pos > n
                    else Msg("最新{month}倒数第{pos}位，仍在后{n}位之内", month=latest_month, pos=pos, n=n))
            if target.deadline and deadline_month and dt.date.fromisoformat(target.deadline) < today:
                status = OPEN
                text = Msg("{text}；期限已过，尚未录入{month}排名", text=text, month=month_msg(deadline_month))
        out.append([indicator, n, target.deadline, latest["month"], int(latest["rank"]), int(latest["ranked_units"]),
                    int(latest["bottom_pos"]), status, text])
    result = pd.DataFrame(out, columns=cols)
    result["text"] = pd.Series([row[-1] for row in out], dtype=object)  # keeps the Msg (the UI translates it)
    return result


def resolution_frame(units: pd.DataFrame, monthly: Target | None, yearly: Target | None,
                     cut: str = END) -> pd.DataFrame:
    """Per unit and month: monthly and year-to-date resolution ratio and whether each meets its target."""
    cols = ["unit", "peer_group", "month", "backlog_start", "new_count", "resolved", "monthly_pct",
            "ytd_pct", "monthly_ok", "ytd_ok"]
    if units.empty:
        return pd.DataFrame(columns=cols)
    frame = units[(units["cut"] == cut)].dropna(subset=["backlog_start", "new_count", "resolved"]).copy()
    if frame.empty:
        return pd.DataFrame(columns=cols)
    frame = frame.sort_values(["unit", "month"])
    for c in ("backlog_start", "new_count", "resolved"):
        frame[c] = frame[c].astype(int)
    total = frame["backlog_start"] + frame["new_count"]
    frame["monthly_pct"] = (frame["resolved"] / total.where(total > 0) * 100).round(2)
    frame["year"] = frame["month"].str[:4]
    key = [frame["unit"], frame["year"]]
    start_of_year = frame.groupby(["unit", "year"])["backlog_start"].transform("first")
    ytd_total = start_of_year + frame.groupby(key)["new_count"].cumsum()
    frame["ytd_pct"] = (frame.groupby(key)["resolved"].cumsum() / ytd_total.where(ytd_total > 0) * 100).round(2)
    frame["monthly_ok"] = [meets(v, monthly.comparator, monthly.value) if monthly and pd.notna(v) else None
                           for v in frame["monthly_pct"]]
    frame["ytd_ok"] = [meets(v, yearly.comparator, yearly.value) if yearly and pd.notna(v) else None
                       for v in frame["ytd_pct"]]
    return frame[cols].reset_index(drop=True)


def district_resolution(units: pd.DataFrame, cut: str = END) -> pd.DataFrame:
    """All units together per month. The year-to-date ratio adds up each unit's own
    year-to-date numerator and denominator, so a unit created mid-year brings its opening
    backlog with it."""
    cols = ["month", "backlog_start", "new_count", "resolved", "monthly_pct", "ytd_pct"]
    per_unit = resolution_frame(units, None, None, cut)
    if per_unit.empty:
        return pd.DataFrame(columns=cols)
    per_unit = per_unit.assign(year=per_unit["month"].str[:4])
    key = [per_unit["unit"], per_unit["year"]]
    per_unit["ytd_done"] = per_unit.groupby(key)["resolved"].cumsum()
    per_unit["ytd_total"] = (per_unit.groupby(key)["backlog_start"].transform("first")
                             + per_unit.groupby(key)["new_count"].cumsum())
    sums = per_unit.groupby("month")[["backlog_start", "new_count", "resolved", "ytd_done", "ytd_total"]].sum()
    total = sums["backlog_start"] + sums["new_count"]
    sums["monthly_pct"] = (sums["resolved"] / total.where(total > 0) * 100).round(2)
    sums["ytd_pct"] = (sums["ytd_done"] / sums["ytd_total"].where(sums["ytd_total"] > 0) * 100).round(2)
    return sums.reset_index()[cols]


def participation_frame(units: pd.DataFrame, target: Target | None, month: str | None, cut: str = END) -> pd.DataFrame:
    cols = ["unit", "peer_group", "month", "participation_pct", "ok"]
    if units.empty or month is None:
        return pd.DataFrame(columns=cols)
    frame = units[(units["cut"] == cut) & (units["month"] == month)].dropna(subset=["participation_pct"]).copy()
    frame["ok"] = [meets(float(v), target.comparator, target.value) if target else None for v in frame["participation_pct"]]
    return frame[cols].sort_values("participation_pct").reset_index(drop=True)


def drive_status(drives: pd.DataFrame, targets: list[Target], today: dt.date) -> pd.DataFrame:
    """Per 清零 target: the latest open count and whether it reached zero by its deadline."""
    cols = ["topic", "subject", "deadline", "deadline_text", "latest_month", "open_end", "open_at_deadline", "status", "text"]
    out: list[list] = []
    for t in targets:
        seq = drives[drives["topic_key"] == t.topic].sort_values("month") if not drives.empty else drives
        if seq.empty:
            out.append([t.topic, t.subject, t.deadline, t.deadline_text, None, None, None, NO_DATA, "尚无台账记录"])
            continue
        seq = seq.groupby("month", as_index=False)[["open_end"]].sum()
        latest = seq.iloc[-1]
        dl_month = t.deadline_month
        at_dl = seq[seq["month"] == dl_month] if dl_month else seq.iloc[0:0]
        open_at_dl = int(at_dl.iloc[0]["open_end"]) if not at_dl.empty else None
        now_open = int(latest["open_end"])
        if dl_month and open_at_dl is not None:
            status = MET if open_at_dl == 0 else MISSED
            text = f"{month_label(dl_month)}末未办结 {open_at_dl} 件"
            if status == MET and now_open > 0:
                text += f"；最新{month_label(latest['month'])}又有 {now_open} 件未办结，未保持动态清零"
        elif (t.deadline and dl_month and dt.date.fromisoformat(t.deadline) < today
              and month_index(latest["month"]) >= month_index(dl_month)):
            status, text = OPEN, f"缺少{month_label(dl_month)}的台账"
        else:
            status = ON_TRACK
            text = f"最新{month_label(latest['month'])}末未办结 {now_open} 件" + ("（已清零）" if now_open == 0 else "")
            if t.deadline and dl_month and dt.date.fromisoformat(t.deadline) < today:
                status, text = OPEN, text + f"；期限已过，尚未录入{month_label(dl_month)}台账"
        out.append([t.topic, t.subject, t.deadline, t.deadline_text, latest["month"], now_open, open_at_dl, status, text])
    return pd.DataFrame(out, columns=cols)
