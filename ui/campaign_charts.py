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
    # The action's name goes on a small second line so the axis stays narrow on a phone.
    return label + (f"<br><sup>{group}</sup>" if isinstance(group, str) and group else "")


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
    data["row"] = [_group_label(p, f, g) for p, f, g in zip(data.plan_no, data.field, data.get("phase_group",
                                                                                                 [None] * len(data)))]
    data = data.sort_values(["plan_no", "row", "seq"])
    # An undated later phase follows the previous one; an undated first phase starts at the
    # earliest printed date. Both are drawn hatched.
    previous_end = data.groupby("row")["end"].shift(1) + pd.Timedelta(days=1)
    data["start"] = data["start"].fillna(previous_end).fillna(earliest)
    data["start_note"] = [("未写明开始日期，图中接续上一阶段" if pd.notna(p) else
                           "原文为“即日起”，图中从最早的写明日期画起") if u else s.strftime("%Y年%m月%d日")
                          for u, p, s in zip(data.undated, previous_end, data.start)]
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
                    "pattern": {"shape": ["/" if u else "" for u in part.undated], "fgcolor": "white",
                                "fillmode": "overlay", "solidity": 0.25}},
            text=part["phase_name"], textposition="inside", insidetextanchor="middle",
            customdata=list(zip(part["phase_name"], when, part["end"].dt.strftime("%Y年%m月%d日"),
                                part["start_note"])),
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
    # The chosen unit's label is set in bold. (Per-bar opacity would be clearer, but an
    # opacity array stops Streamlit from reporting clicks on the chart.)
    chosen = highlight in set(data["unit"])
    fig = go.Figure()
    for role, column in (("牵头", "lead"), ("责任", "responsible"), ("配合", "cooperating")):
        fig.add_trace(go.Bar(
            y=data["unit"], x=data[column], orientation="h", name=role,
            marker={"color": ROLE_COLOURS[role]},
            text=[str(v) if v else "" for v in data[column]], textposition="inside",
            customdata=data["spellings"] if "spellings" in data else None,
            hovertemplate=f"%{{y}}<br>{role}：%{{x}} 条任务"
                          + ("<br>原文写法：%{customdata}" if "spellings" in data else "") + "<extra></extra>"))
    fig.add_trace(go.Scatter(  # the total at the end of each bar
        y=data["unit"], x=data["lead"] + data["responsible"] + data["cooperating"], mode="text",
        text=[f"  {t} 条" for t in data["tasks"]], textposition="middle right", showlegend=False,
        hoverinfo="skip"))
    if chosen:
        fig.update_yaxes(tickvals=list(data["unit"]),
                         ticktext=[f"<b>{u}</b>" if u == highlight else u for u in data["unit"]])
    fig.update_layout(barmode="stack", legend={"orientation": "h", "y": 1.02, "x": 0, "yanchor": "bottom"})
    top_total = float((data["lead"] + data["responsible"] + data["cooperating"]).max() or 1)
    fig.update_xaxes(title="任务数（条）", range=[0, top_total * 1.18])  # room for the total label
    fig.update_yaxes(title=None)
    fig = _style(fig, title, height=max(300, 30 * len(data) + 150))
    fig.update_layout(margin={"t": 90}, legend={"traceorder": "normal"})
    return fig


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
                             hovertemplate=f"%{{x}}<br>{district}：%{{y}} 项<extra></extra>"))
    totals = counts.sum(axis=1)
    fig.add_trace(go.Scatter(x=labels, y=totals, mode="text", text=[f"{t}" for t in totals],
                             textposition="top center", showlegend=False, hoverinfo="skip"))
    fig.update_layout(barmode="stack", legend={"orientation": "h", "y": 1.02, "x": 0, "yanchor": "bottom"})
    fig.update_xaxes(type="category", title="期限所在月份", tickangle=-45 if len(labels) > 8 else 0)
    fig.update_yaxes(title="承诺数（项）", range=[0, float(totals.max()) * 1.15 if len(totals) else 1])
    fig = _style(fig, title, height=400)
    fig.update_layout(margin={"t": 90})
    return fig


# ---- 人员 × 小组 -----------------------------------------------------------------

def short_group_label(label: str, width: int = 7) -> str:
    """'济南市济阳区校园消防安全整治工作专班·综合协调组' -> '校园消防安全整<br>治工作专班<br>·综合协调组'."""
    for prefix in ("济南市济阳区", "济阳区", "济南市"):
        if label.startswith(prefix):
            label = label[len(prefix):]
            break
    head, _, sub = label.partition("·")
    lines = [head[i:i + width] for i in range(0, len(head), width)]
    return "<br>".join(lines + ([f"·{sub}"] if sub else []))


def role_level(role: str) -> int:
    """3 = 组长/召集人, 2 = 副职或办公室负责人, 1 = 成员."""
    if any(r in role for r in ("组长", "召集人")) and not role.startswith("副") and "副组长" not in role \
            and "副召集人" not in role:
        return 3
    return 2 if ("副" in role or "主任" in role) else 1


def membership_grid(matrix: pd.DataFrame, group_order: list[str] | None = None,
                    title: str = "在多个名单中的人员") -> go.Figure:
    """Person × roster grid; each filled cell names the person's role in that roster."""
    groups = [g for g in (group_order or list(dict.fromkeys(matrix["group_label"])))
              if g in set(matrix["group_label"])]
    people = list(dict.fromkeys(matrix["person_name"]))
    roles = matrix.pivot_table(index="person_name", columns="group_label", values="role", aggfunc="first")
    roles = roles.reindex(index=people, columns=groups)
    levels = roles.map(lambda r: role_level(r) if isinstance(r, str) else None)
    # Cells are narrow: 办公室主任 -> 办主任 in the cell (the hover shows the printed role).
    cell_text = roles.fillna("").map(lambda r: r.replace("办公室", "办"))
    colours = [[0, "#0072B2"], [0.33, "#0072B2"], [0.34, "#CC79A7"], [0.66, "#CC79A7"], [0.67, palette.ACCENT],
               [1, palette.ACCENT]]
    labels = [short_group_label(g) for g in groups]
    fig = go.Figure(go.Heatmap(
        z=levels.to_numpy(dtype=float), x=labels, y=people, text=cell_text.to_numpy(),
        customdata=roles.fillna("").to_numpy(),
        texttemplate="%{text}", textfont={"color": "white", "size": 12}, colorscale=colours, zmin=1, zmax=3,
        showscale=False, xgap=3, ygap=3, hoverongaps=False,
        hovertemplate="%{y}<br>%{x}<br>%{customdata}<extra></extra>"))
    fig.update_xaxes(side="top", title=None, tickangle=0, showgrid=False)
    fig.update_yaxes(autorange="reversed", title=None, showgrid=False)
    fig.update_layout(plot_bgcolor="#f6f7f9")
    fig = _style(fig, title, height=max(320, 28 * len(people) + 200))
    fig.update_layout(margin={"t": 150})
    return fig
