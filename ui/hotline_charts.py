"""Figure builders for the 12345 hotline page: pure functions DataFrame -> plotly Figure.

Thresholds arrive as `Target` objects read from the curated database; nothing is typed
here. Months are drawn at their last day so a month's figure sits on a deadline that falls
at the end of that month. Every value is printed as text, so nothing relies on colour.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from hotline.summons import month_label
from hotline.fields import INDICATORS
from hotline.targets import Target, comparator_text
from ui import palette

DEMO_BANNER = "演示数据，非真实数据"


def month_end(month: str) -> dt.date:
    year, mon = (int(p) for p in month.split("-"))
    first_next = dt.date(year + mon // 12, mon % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def month_ticks(months: list[str]) -> tuple[list[dt.date], list[str]]:
    """Tick positions (month ends) and short labels: the year only where it changes."""
    labels, year = [], None
    for m in months:
        y, mon = m.split("-")
        labels.append(f"{y}年{int(mon)}月" if y != year else f"{int(mon)}月")
        year = y
    return [month_end(m) for m in months], labels


def _style(fig: go.Figure, title: str, height: int, demo: bool) -> go.Figure:
    fig.update_layout(title={"text": title, "x": 0, "font": {"size": 17}}, font={"family": palette.FONT, "size": 13},
                      margin={"l": 10, "r": 10, "t": 80 if demo else 50, "b": 10}, colorway=palette.OKABE_ITO,
                      height=height, legend={"orientation": "h", "y": -0.18}, hoverlabel={"font": {"family": palette.FONT}},
                      plot_bgcolor="white")
    fig.update_xaxes(showgrid=False, linecolor="#ccc")
    fig.update_yaxes(gridcolor="#eee")
    return with_demo_banner(fig) if demo else fig


def with_demo_banner(fig: go.Figure) -> go.Figure:
    """A banner above the plot and a watermark across it: the numbers are made up."""
    fig.add_annotation(text=f"⚠ {DEMO_BANNER}", xref="paper", yref="paper", x=1, y=1.0, yshift=30,
                       xanchor="right", yanchor="bottom", showarrow=False,
                       font={"size": 14, "color": "white"}, bgcolor=palette.ERROR, borderpad=4)
    fig.add_annotation(text=DEMO_BANNER, xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False,
                       font={"size": 40, "color": "rgba(213,94,0,0.13)"}, textangle=-18)
    return fig


def empty_figure(message: str, demo: bool = False) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False, font={"size": 15})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _style(fig, "", 220, demo)


def _deadline_line(fig: go.Figure, target: Target | None, label: str, colour: str, level: int = 0) -> None:
    """A dotted vertical line on the deadline; `level` stacks labels of nearby deadlines."""
    if target is None or not target.deadline:
        return
    x = dt.date.fromisoformat(target.deadline)
    fig.add_shape(type="line", xref="x", yref="paper", x0=x, x1=x, y0=0, y1=1,
                  line={"color": colour, "dash": "dot", "width": 1.5})
    fig.add_annotation(x=x, xref="x", y=1 - 0.075 * level, yref="paper", text=label, showarrow=False,
                       yanchor="top", xanchor="right", font={"size": 11, "color": colour}, bgcolor="rgba(255,255,255,0.8)")


def rank_chart(ranks: pd.DataFrame, bottom3: Target | None, bottom5: Target | None, demo: bool = False) -> go.Figure:
    """The district's city rank on both indicators by month, against the bottom-N lines.

    `ranks` has month, indicator, rank, ranked_units. Rank 1 is drawn at the top; a dashed
    line marks, month by month, the lowest rank that is still outside the bottom N.
    """
    if ranks.empty:
        return empty_figure("尚无全市排名记录", demo)
    data = ranks.sort_values("month")
    months = sorted(data["month"].unique())
    x, ticks = month_ticks(months)
    units = data.groupby("month")["ranked_units"].max().reindex(months).astype(int)
    fig = go.Figure()
    for level, (target, colour, stage) in enumerate(((bottom3, palette.ERROR, "第一阶段"), (bottom5, palette.WARN, "年底"))):
        if target is None or target.value is None:
            continue
        n = target.whole
        due = month_label(target.deadline_month) if target.deadline else "未写明"
        fig.add_trace(go.Scatter(
            x=x, y=units - n, mode="lines", line={"color": colour, "dash": "dash", "shape": "hvh"},
            name=f"退出后{n}位线（{stage}，期限{due}）",
            hovertemplate=f"排在第%{{y}}名或更前即退出后{n}位<extra></extra>"))
        _deadline_line(fig, target, f"期限：退出后{n}位", colour, level)
    styles = {INDICATORS[0]: (palette.PRIMARY, "circle", "solid"), INDICATORS[1]: (palette.OKABE_ITO[2], "diamond", "dot")}
    for indicator, (colour, symbol, dash) in styles.items():
        part = data[data["indicator"] == indicator]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=[month_end(m) for m in part["month"]], y=part["rank"].astype(int), mode="lines+markers+text",
            name=f"全区{indicator}排名", text=part["rank"].astype(int).astype(str),
            textposition="top center" if indicator == INDICATORS[0] else "bottom center",
            line={"color": colour, "width": 3, "dash": dash}, marker={"size": 9, "symbol": symbol},
            customdata=[[month_label(m), int(u)] for m, u in zip(part["month"], part["ranked_units"])],
            hovertemplate=f"%{{customdata[0]}} {indicator}：第%{{y}}名（共%{{customdata[1]}}个）<extra></extra>"))
    worst = int(units.max())
    fig.update_yaxes(title="全市排名（1 为第一）", autorange=False, range=[worst + 0.9, 0.2], dtick=1)
    fig.update_xaxes(tickvals=x, ticktext=ticks, title=None)
    return _style(fig, "全区满意率、解决率在全市的月度排名", 420, demo)


def league_chart(positions: pd.DataFrame, indicator: str, group: str, bottom_n: int | None,
                 demo: bool = False) -> go.Figure:
    """One month, one peer group, one indicator: every unit's value, the bottom N marked."""
    if positions.empty:
        return empty_figure(f"{group}没有{indicator}数据", demo)
    data = positions.sort_values(["value_pct", "unit"], ascending=[False, True])
    marked = data["in_bottom"].astype(bool)
    colours = [palette.ERROR if m else palette.PRIMARY for m in marked]
    text = [f"{v:g}%" + (f" 倒数第{p}" if m else "") for v, p, m in zip(data["value_pct"], data["bottom_pos"], marked)]
    fig = go.Figure(go.Bar(
        x=data["value_pct"].astype(float), y=data["unit"], orientation="h", marker_color=colours,
        marker_pattern_shape=["/" if m else "" for m in marked], text=text, textposition="outside", cliponaxis=False,
        hovertemplate=f"%{{y}}<br>{indicator}：%{{x:.2f}}%<extra></extra>"))
    low = float(data["value_pct"].min())
    fig.update_xaxes(title=f"{indicator}（%）", range=[max(0.0, low - 10), 112], tickvals=[v for v in range(0, 101, 5) if v >= low - 10])
    fig.update_yaxes(title=None, autorange="reversed")
    title = f"{group}{indicator}排名" + (f"（红色斜纹为后{bottom_n}位）" if bottom_n else "")
    return _style(fig, title, max(260, 30 * len(data) + 110), demo)


def resolution_chart(frame: pd.DataFrame, monthly: Target | None, yearly: Target | None, month: str,
                     demo: bool = False) -> go.Figure:
    """Per unit: this month's resolution ratio (bar) and the year-to-date ratio (diamond), with both target lines."""
    if frame.empty:
        return empty_figure(f"{month_label(month)}没有期初、新增、化解数", demo)
    data = frame.sort_values("monthly_pct", ascending=False)
    fig = go.Figure()
    fig.add_trace(go.Bar(y=data["unit"], x=data["monthly_pct"], orientation="h", name="当月化解率",
                         marker_color=palette.PRIMARY, text=[_pct(v) for v in data["monthly_pct"]],
                         textposition="inside", insidetextanchor="end"))
    fig.add_trace(go.Scatter(y=data["unit"], x=data["ytd_pct"], mode="markers+text", name="全年累计化解率",
                             marker={"symbol": "diamond", "size": 11, "color": palette.ACCENT},
                             text=[_pct(v) for v in data["ytd_pct"]], textposition="middle right"))
    for level, (target, colour, name) in enumerate(((monthly, palette.ERROR, "当月目标"), (yearly, palette.WARN, "全年目标"))):
        if target is not None and target.value is not None:
            fig.add_shape(type="line", xref="x", yref="paper", x0=target.value, x1=target.value, y0=0, y1=1,
                          line={"color": colour, "dash": "dash", "width": 2})
            fig.add_annotation(x=target.value, xref="x", y=1, yref="paper", yanchor="bottom", showarrow=False,
                               yshift=14 * level, text=f"{name} {comparator_text(target.comparator)}{target.value:g}%",
                               font={"color": colour, "size": 11})
    fig.update_xaxes(title="化解率（%）", range=[0, 108])
    fig.update_yaxes(title=None, autorange="reversed")
    return _style(fig, f"{month_label(month)}各单位不满意、未解决问题化解率", max(300, 26 * len(data) + 150), demo)


def district_resolution_chart(frame: pd.DataFrame, monthly: Target | None, yearly: Target | None,
                              demo: bool = False) -> go.Figure:
    """All units together, month by month: monthly and year-to-date ratio vs the two targets."""
    if frame.empty:
        return empty_figure("尚无期初、新增、化解数", demo)
    data = frame.sort_values("month")
    x = [month_end(m) for m in data["month"]]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x, y=data["monthly_pct"], mode="lines+markers+text", name="当月化解率",
                             text=[_pct(v) for v in data["monthly_pct"]], textposition="top center",
                             line={"color": palette.PRIMARY, "width": 3}))
    fig.add_trace(go.Scatter(x=x, y=data["ytd_pct"], mode="lines+markers+text", name="全年累计化解率",
                             text=[_pct(v) for v in data["ytd_pct"]], textposition="bottom center",
                             line={"color": palette.MUTED, "width": 2, "dash": "dot"}))
    for target, colour, name in ((monthly, palette.ERROR, "当月目标"), (yearly, palette.WARN, "全年目标")):
        if target is not None and target.value is not None:
            fig.add_trace(go.Scatter(x=_span(x[0], x[-1]), y=[target.value, target.value], mode="lines",
                                     line={"color": colour, "dash": "dash"}, hoverinfo="skip",
                                     name=f"{name} {comparator_text(target.comparator)}{target.value:g}%"))
    fig.update_yaxes(title="化解率（%）", rangemode="tozero")
    fig.update_xaxes(tickvals=x, ticktext=month_ticks(list(data["month"]))[1], title=None)
    return _style(fig, "全区不满意、未解决问题化解率（各单位合计）", 360, demo)


def participation_chart(frame: pd.DataFrame, target: Target | None, month: str, demo: bool = False) -> go.Figure:
    if frame.empty:
        return empty_figure(f"{month_label(month)}没有参评率数据", demo)
    data = frame.sort_values("participation_pct", ascending=False)
    below = [ok is False for ok in data["ok"]]
    fig = go.Figure(go.Bar(
        x=data["participation_pct"].astype(float), y=data["unit"], orientation="h",
        marker_color=[palette.ERROR if b else palette.OK for b in below],
        marker_pattern_shape=["/" if b else "" for b in below],
        text=[f"{v:.1f}%" + ("  未达标" if b else "") for v, b in zip(data["participation_pct"], below)],
        textposition="auto", hovertemplate="%{y}<br>参评率：%{x:.2f}%<extra></extra>"))
    if target is not None and target.value is not None:
        fig.add_shape(type="line", xref="x", yref="paper", x0=target.value, x1=target.value, y0=0, y1=1,
                      line={"color": palette.ERROR, "dash": "dash", "width": 2})
        fig.add_annotation(x=target.value, xref="x", y=1, yref="paper", yanchor="bottom", showarrow=False,
                           text=f"目标 {comparator_text(target.comparator)}{target.value:g}%",
                           font={"color": palette.ERROR, "size": 11})
    fig.update_xaxes(title="参与回访评价的比例（%）", range=[0, 100])
    fig.update_yaxes(title=None, autorange="reversed")
    return _style(fig, f"{month_label(month)}各单位群众参评率", max(280, 30 * len(data) + 110), demo)


def drives_chart(drives: pd.DataFrame, targets: list[Target], labels: dict[str, str], demo: bool = False) -> go.Figure:
    """Open tickets at month end per field drive, with each drive's zero-by deadline."""
    if drives.empty:
        return empty_figure("尚无专项清零台账", demo)
    fig = go.Figure()
    colours = dict(zip([t.topic for t in targets], palette.OKABE_ITO[1:]))
    data = drives.assign(topic_key=drives["topic_key"].fillna(drives["topic"]))
    for key, seq in data.groupby("topic_key", sort=False):
        seq = seq.groupby("month", as_index=False)["open_end"].sum().sort_values("month")
        fig.add_trace(go.Scatter(
            x=[month_end(m) for m in seq["month"]], y=seq["open_end"], mode="lines+markers+text",
            name=labels.get(key, key), text=seq["open_end"].astype(int).astype(str), textposition="top center",
            line={"color": colours.get(key, palette.MUTED), "width": 3}))
    for level, t in enumerate(targets):
        _deadline_line(fig, t, f"{labels.get(t.topic, t.subject)}清零期限", colours.get(t.topic, palette.MUTED), level)
    first, last = month_end(drives["month"].min()), month_end(drives["month"].max())
    fig.add_trace(go.Scatter(x=_span(first, last), y=[0, 0], mode="lines", line={"color": palette.OK, "width": 2},
                             name="目标：动态清零（0 件）", hoverinfo="skip"))
    ticks, labels_ = month_ticks(sorted(drives["month"].unique()))
    fig.update_xaxes(tickvals=ticks, ticktext=labels_, title=None)
    fig.update_yaxes(title="月末未办结（件）", rangemode="tozero")
    return _style(fig, "专项问题月末未办结件数与清零期限", 400, demo)


def _span(first: dt.date, last: dt.date) -> list[dt.date]:
    """Ends of a horizontal target line; a single month still gets a visible line."""
    if first == last:
        return [first - dt.timedelta(days=12), last + dt.timedelta(days=12)]
    return [first, last]


def _pct(value) -> str:
    return "—" if value is None or pd.isna(value) else f"{float(value):.1f}%"
