"""Figure builders and display labels for campaigns, commitments and groups (pure functions).

DataFrame in, plotly Figure (or text) out; testable without a browser. Values are
printed on the marks so nothing depends on colour alone.
"""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from ui import palette
from ui.charts import _style

ROLE_COLOURS = {"牵头": palette.OKABE_ITO[5], "责任": palette.OKABE_ITO[0], "配合": palette.OKABE_ITO[2]}
DISTRICT_COLOURS = {"济阳区": palette.OKABE_ITO[0], "章丘区": palette.OKABE_ITO[1]}
STAGE_COLOURS = [palette.OKABE_ITO[i] for i in (0, 1, 2, 3, 4, 5)]

_SYMBOL = {">=": "≥", ">": "＞", "<=": "≤", "<": "＜", "=": "", "≈": "约"}


# ---- labels --------------------------------------------------------------------

def number_text(value) -> str:
    """20.0 -> '20', 5.83 -> '5.83', 6600 -> '6,600'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    number = float(value)
    return f"{number:,.0f}" if number.is_integer() else f"{number:,.4f}".rstrip("0").rstrip(".")


def target_value_text(row) -> str:
    """The commitment as a reader says it: '≥ 30%', '清零', '退出后 3 位', '2–4 家'."""
    get = row.get if hasattr(row, "get") else (lambda k, d=None: getattr(row, k, d))
    comparator, unit = get("comparator"), get("unit") or ""
    unit = "" if isinstance(unit, float) else unit
    value, value_max = get("value"), get("value_max")
    if comparator == "清零":
        return "清零"
    if comparator == "退出后N位":
        return f"退出后 {number_text(value)} 位"
    if comparator == "后N位":
        months = get("months")
        span = f"连续 {int(months)} 个月" if months is not None and not pd.isna(months) else ""
        return f"{span}后 {number_text(value)} 位"
    if comparator == "区间":
        return f"{number_text(value)}–{number_text(value_max)} {unit}".strip()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "按期完成" if get("deadline_text") else "—"
    symbol = _SYMBOL.get(comparator or "=", comparator or "")
    return f"{symbol} {number_text(value)}{unit}".strip()


def _group_label(plan_no, field, group) -> str:
    label = f"{int(plan_no)}. {field}"
    return label + (f" · {group}" if isinstance(group, str) and group else "")


# ---- 阶段 Gantt ------------------------------------------------------------------

def phases_gantt(phases: pd.DataFrame, title: str = "各方案阶段安排") -> go.Figure:
    """One row per plan (or per action inside a plan), one bar per phase.

    A phase that starts “即日起” has no printed start date; its bar starts at the earliest
    printed start date of all phases and is hatched, and the hover text says so.
    """
    data = phases.dropna(subset=["end_date"]).copy()
    data["start"] = pd.to_datetime(data["start_date"])
    data["end"] = pd.to_datetime(data["end_date"])
    earliest = data["start"].min()
    if pd.isna(earliest):
        earliest = data["end"].min() - pd.Timedelta(days=30)
    data["undated"] = data["start"].isna()
    data.loc[data.undated, "start"] = earliest
    data["row"] = [_group_label(p, f, g) for p, f, g in zip(data.plan_no, data.field, data.get("phase_group",
                                                                                                 [None] * len(data)))]
    data["stage"] = data.groupby("row").cumcount()
    rows = list(dict.fromkeys(data.sort_values(["plan_no", "seq"]).row))
    fig = go.Figure()
    for stage, part in data.groupby("stage"):
        # Plotly bars on a date axis: base = start, x = duration in milliseconds.
        duration = (part["end"] + pd.Timedelta(days=1) - part["start"]).dt.total_seconds() * 1000
        when = part["when_text"] if "when_text" in part else part["phase_name"]
        fig.add_trace(go.Bar(
            y=part["row"], x=duration, base=part["start"], orientation="h", name=f"第 {stage + 1} 阶段",
            marker={"color": STAGE_COLOURS[stage % len(STAGE_COLOURS)],
                    "pattern": {"shape": ["/" if u else "" for u in part.undated], "fgcolor": "white"}},
            text=part["phase_name"], textposition="inside", insidetextanchor="middle",
            customdata=list(zip(part["phase_name"], when, part["end"].dt.strftime("%Y年%m月%d日"),
                                ["开始日期原文为“即日起”，图中从最早的写明日期画起" if u else
                                 s.strftime("%Y年%m月%d日") for u, s in zip(part.undated, part.start)])),
            hovertemplate="%{y}<br>%{customdata[0]}：%{customdata[1]}<br>开始：%{customdata[3]}"
                          "<br>结束：%{customdata[2]}<extra></extra>"))
    fig.update_layout(barmode="overlay", legend={"orientation": "h", "y": -0.12, "x": 0})
    fig.update_yaxes(categoryorder="array", categoryarray=rows[::-1], title=None)
    fig.update_xaxes(type="date", tickformat="%Y年%m月", title=None)
    return _style(fig, title, height=max(260, 34 * len(rows) + 140))


# ---- 部门工作量 ------------------------------------------------------------------

def workload_bars(workload: pd.DataFrame, title: str = "各单位承担的任务数", highlight: str | None = None,
                  top: int | None = None) -> go.Figure:
    """Stacked horizontal bars: 牵头 / 责任 / 配合 task counts per unit, busiest on top."""
    data = workload.sort_values(["tasks", "lead"], ascending=False)
    if top:
        data = data.head(top)
    data = data.iloc[::-1]
    fig = go.Figure()
    for role, column in (("牵头", "lead"), ("责任", "responsible"), ("配合", "cooperating")):
        fig.add_trace(go.Bar(
            y=data["unit"], x=data[column], orientation="h", name=role, marker_color=ROLE_COLOURS[role],
            text=[str(v) if v else "" for v in data[column]], textposition="inside",
            hovertemplate=f"%{{y}}<br>{role}：%{{x}} 条任务<extra></extra>"))
    fig.add_trace(go.Scatter(  # the total at the end of each bar
        y=data["unit"], x=data["lead"] + data["responsible"] + data["cooperating"], mode="text",
        text=[f"  {t} 条" for t in data["tasks"]], textposition="middle right", showlegend=False,
        hoverinfo="skip"))
    if highlight in set(data["unit"]):
        fig.add_annotation(y=highlight, x=0, xref="paper", text="▶", showarrow=False, xanchor="right",
                           font={"color": palette.ACCENT, "size": 16})
    fig.update_layout(barmode="stack", legend={"orientation": "h", "y": 1.02, "x": 0, "yanchor": "bottom",
                                               "title": {"text": "角色："}})
    fig.update_xaxes(title="任务数（条）")
    fig.update_yaxes(title=None)
    return _style(fig, title, height=max(300, 30 * len(data) + 130))


# ---- 承诺按期限月份 -------------------------------------------------------------

def targets_by_month(ledger: pd.DataFrame, title: str = "各月到期的承诺数") -> go.Figure:
    """Commitments per deadline month, stacked by district; only months that have any."""
    dated = ledger.dropna(subset=["deadline"]).copy()
    dated["month"] = pd.to_datetime(dated["deadline"]).dt.to_period("M")
    counts = dated.groupby(["month", "district"]).size().unstack(fill_value=0).sort_index()
    labels = [f"{p.year}年{p.month}月" for p in counts.index]
    fig = go.Figure()
    for district in counts.columns:
        values = counts[district]
        fig.add_trace(go.Bar(x=labels, y=values, name=district,
                             marker_color=DISTRICT_COLOURS.get(district, palette.MUTED),
                             text=[str(v) if v else "" for v in values], textposition="inside",
                             hovertemplate=f"%{{x}}<br>{district}：%{{y}} 项<extra></extra>"))
    fig.update_layout(barmode="stack", legend={"orientation": "h", "y": 1.02, "x": 0, "yanchor": "bottom"})
    fig.update_xaxes(type="category", title="期限所在月份", tickangle=-45 if len(labels) > 8 else 0)
    fig.update_yaxes(title="承诺数（项）", dtick=max(1, math.ceil(counts.sum(axis=1).max() / 8)) if len(counts) else 1)
    return _style(fig, title, height=380)


# ---- 人员 × 小组 -----------------------------------------------------------------

def membership_grid(matrix: pd.DataFrame, group_order: list[str] | None = None,
                    title: str = "在多个小组任职的人员") -> go.Figure:
    """Person × group grid: a marked cell with the role printed in it."""
    groups = group_order or list(dict.fromkeys(matrix["group_label"]))
    groups = [g for g in groups if g in set(matrix["group_label"])]
    people = list(dict.fromkeys(matrix["person_name"]))
    short = {g: g.replace("济南市济阳区", "").replace("济阳区", "") for g in groups}
    fig = go.Figure(go.Scatter(
        x=[short[g] for g in matrix["group_label"]], y=matrix["person_name"], mode="markers+text",
        marker={"size": 26, "symbol": "square", "color": [ROLE_COLOURS["牵头"] if any(k in r for k in ("组长", "召集人"))
                                                            else palette.PRIMARY for r in matrix["role"]]},
        text=matrix["role"], textposition="middle center", textfont={"color": "white", "size": 10},
        hovertemplate="%{y}<br>%{x}<br>%{text}<extra></extra>"))
    fig.update_xaxes(categoryorder="array", categoryarray=[short[g] for g in groups], title=None, tickangle=-30,
                     side="top")
    fig.update_yaxes(categoryorder="array", categoryarray=people[::-1], title=None)
    return _style(fig, title, height=max(300, 30 * len(people) + 220))
