"""Figure builders for the 12345 hotline page: pure functions DataFrame -> plotly Figure.

Thresholds arrive as `Target` objects read from the curated database; nothing is typed
here. Months are drawn at their last day so a month's figure sits on a deadline that falls
at the end of that month. Every value is printed as text, and series differ by line style
and marker shape as well as colour, so nothing relies on colour. Coloured label text uses
palette.TEXT_ACCENT on a white box (4.5:1 or better in either theme). Builders take `lang`.
Builders are memoised (ui/memo.py): the figure returned is shared, copy it before changing it.
"""
from __future__ import annotations

import datetime as dt
import html
import re

import pandas as pd
import plotly.graph_objects as go

from hotline.fields import INDICATORS
from hotline.summons import month_label
from hotline.targets import Target, comparator_text
from ui import memo, palette
from ui.i18n import N_, _, pgettext

DEMO_BANNER = N_("演示数据，非真实数据")
LABEL_TEXT = palette.TEXT["light"]            # labels sit on a white box, so the light-theme colours apply
ALERT_TEXT = palette.TEXT_ACCENT["light"]     # the target that must be met first, the demo banner
LABEL_BOX = "rgba(255,255,255,0.85)"
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DRIVE_STYLES = [("circle", "solid"), ("square", "dash"), ("triangle-up", "dot"), ("diamond", "dashdot"),
                ("x", "longdash")]


def month_text(month: str, lang: str = "zh") -> str:
    """'2025-09' -> '2025年9月' / 'Sep 2025'."""
    if lang != "en":
        return month_label(month)
    year, mon = month.split("-")
    return f"{_MONTHS_EN[int(mon) - 1]} {year}"


def month_end(month: str) -> dt.date:
    year, mon = (int(p) for p in month.split("-"))
    first_next = dt.date(year + mon // 12, mon % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def month_ticks(months: list[str], lang: str = "zh") -> tuple[list[dt.date], list[str]]:
    """Tick positions (month ends) and short labels: the year only where it changes."""
    labels, year = [], None
    for m in months:
        y, mon = m.split("-")
        if lang == "en":
            labels.append(month_text(m, lang) if y != year else _MONTHS_EN[int(mon) - 1])
        else:
            labels.append(f"{y}年{int(mon)}月" if y != year else f"{int(mon)}月")
        year = y
    return [month_end(m) for m in months], labels


def _style(fig: go.Figure, title: str, height: int, demo: bool, lang: str = "zh") -> go.Figure:
    fig.update_layout(title={"text": title, "x": 0, "font": {"size": 17}}, font={"family": palette.FONT, "size": 13},
                      margin={"l": 10, "r": 10, "t": 80 if demo else 50, "b": 10}, colorway=palette.OKABE_ITO,
                      height=height, legend={"orientation": "h", "y": -0.18}, hoverlabel={"font": {"family": palette.FONT}},
                      plot_bgcolor="white")
    fig.update_xaxes(showgrid=False, linecolor="#ccc")
    fig.update_yaxes(gridcolor="#eee")
    return with_demo_banner(fig, lang) if demo else fig


def with_demo_banner(fig: go.Figure, lang: str = "zh") -> go.Figure:
    """A banner above the plot and a watermark across it: the numbers are made up."""
    banner = _(DEMO_BANNER, lang)
    fig.add_annotation(text=f"⚠ {banner}", xref="paper", yref="paper", x=1, y=1.0, yshift=30,
                       xanchor="right", yanchor="bottom", showarrow=False,
                       font={"size": 14, "color": "#FFFFFF"}, bgcolor=ALERT_TEXT, borderpad=4)
    fig.add_annotation(text=banner, xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False,
                       font={"size": 40, "color": "rgba(213,94,0,0.13)"}, textangle=-18)
    return fig


def empty_figure(message: str, demo: bool = False, lang: str = "zh") -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False, font={"size": 15})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(meta={"empty": True})
    return _style(fig, "", 220, demo, lang)


def is_empty(fig: go.Figure) -> bool:
    """True for the placeholder figure that only says there is nothing to draw yet."""
    return bool(isinstance(fig.layout.meta, dict) and fig.layout.meta.get("empty"))


def _label(text: str, colour: str, **where) -> dict:
    """A text label on a white box: readable on the white plot and on a dark theme's paper."""
    return {"text": text, "showarrow": False, "font": {"size": 11, "color": colour}, "bgcolor": LABEL_BOX, **where}


def _deadline_line(fig: go.Figure, target: Target | None, label: str, colour: str, level: int = 0,
                   text_colour: str = LABEL_TEXT) -> None:
    """A dotted vertical line on the deadline; `level` stacks labels of nearby deadlines."""
    if target is None or not target.deadline:
        return
    x = dt.date.fromisoformat(target.deadline)
    fig.add_shape(type="line", xref="x", yref="paper", x0=x, x1=x, y0=0, y1=1,
                  line={"color": colour, "dash": "dot", "width": 1.5})
    fig.add_annotation(**_label(label, text_colour, x=x, xref="x", y=1 - 0.075 * level, yref="paper",
                                yanchor="top", xanchor="right"))


@memo.figure
def rank_chart(ranks: pd.DataFrame, bottom3: Target | None, bottom5: Target | None, demo: bool = False,
               lang: str = "zh") -> go.Figure:
    """The district's city rank on both indicators by month, against the bottom-N lines.

    `ranks` has month, indicator, rank, ranked_units. Rank 1 is drawn at the top; a dashed
    line marks, month by month, the lowest rank that is still outside the bottom N.
    """
    if ranks.empty:
        return empty_figure(_("尚无全市排名记录", lang), demo, lang)
    data = ranks.sort_values("month")
    months = sorted(data["month"].unique())
    x, ticks = month_ticks(months, lang)
    units = data.groupby("month")["ranked_units"].max().reindex(months).astype(int)
    fig = go.Figure()
    stages = ((bottom3, palette.ERROR, N_("第一阶段"), "dash", ALERT_TEXT),
              (bottom5, palette.WARN, N_("年底"), "longdash", LABEL_TEXT))
    for level, (target, colour, stage, dash, text_colour) in enumerate(stages):
        if target is None or target.value is None:
            continue
        n = target.whole
        due = month_text(target.deadline_month, lang) if target.deadline_month else _("未写明", lang)
        fig.add_trace(go.Scatter(
            x=x, y=units - n, mode="lines", line={"color": colour, "dash": dash, "shape": "hvh"},
            name=_("退出后{n}位线（{stage}，期限{due}）", lang, n=n, stage=_(stage, lang), due=due),
            hovertemplate=_("排在第%{{y}}名或更前即退出后{n}位", lang, n=n) + "<extra></extra>"))
        _deadline_line(fig, target, _("期限：退出后{n}位", lang, n=n), colour, level, text_colour)
    styles = {INDICATORS[0]: (palette.PRIMARY, "circle", "solid"), INDICATORS[1]: (palette.OKABE_ITO[2], "diamond", "dot")}
    for indicator, (colour, symbol, dash) in styles.items():
        part = data[data["indicator"] == indicator]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=[month_end(m) for m in part["month"]], y=part["rank"].astype(int), mode="lines+markers+text",
            name=_("全区{indicator}排名", lang, indicator=_(indicator, lang)), text=part["rank"].astype(int).astype(str),
            textposition="top center" if indicator == INDICATORS[0] else "bottom center",
            line={"color": colour, "width": 3, "dash": dash}, marker={"size": 9, "symbol": symbol},
            customdata=[[month_text(m, lang), int(u)] for m, u in zip(part["month"], part["ranked_units"])],
            hovertemplate=_("%{{customdata[0]}} {indicator}：第%{{y}}名（共%{{customdata[1]}}个）", lang,
                            indicator=_(indicator, lang)) + "<extra></extra>"))
    worst = int(units.max())
    fig.update_yaxes(title=_("全市排名（1 为第一）", lang), autorange=False, range=[worst + 0.9, 0.2], dtick=1)
    fig.update_xaxes(tickvals=x, ticktext=ticks, title=None)
    return _style(fig, _("全区满意率、解决率在全市的月度排名", lang), 420, demo, lang)


@memo.figure
def league_chart(positions: pd.DataFrame, indicator: str, group: str, bottom_n: int | None,
                 demo: bool = False, lang: str = "zh") -> go.Figure:
    """One month, one peer group, one indicator: every unit's value, the bottom N marked."""
    name, group_name = _(indicator, lang), pgettext("分组", group, lang)
    if positions.empty:
        return empty_figure(_("{group}没有{indicator}数据", lang, group=group_name, indicator=name), demo, lang)
    data = positions.sort_values(["value_pct", "unit"], ascending=[False, True])
    marked = data["in_bottom"].astype(bool)
    colours = [palette.ERROR if m else palette.PRIMARY for m in marked]
    text = [f"{v:g}%" + (_(" 倒数第{p}", lang, p=p) if m else "") for v, p, m in
            zip(data["value_pct"], data["bottom_pos"], marked)]
    fig = go.Figure(go.Bar(
        x=data["value_pct"].astype(float), y=_as_text(data["unit"]), orientation="h", marker_color=colours,
        marker_pattern_shape=["/" if m else "" for m in marked], text=text, textposition="outside", cliponaxis=False,
        hovertemplate=f"%{{y}}<br>{name}{_('：', lang)}%{{x:.2f}}%<extra></extra>"))
    low = float(data["value_pct"].min())
    fig.update_xaxes(title=_("{indicator}（%）", lang, indicator=name), range=[max(0.0, low - 10), 112],
                     tickvals=[v for v in range(0, 101, 5) if v >= low - 10])
    fig.update_yaxes(title=None, autorange="reversed")
    title = _("{group}{indicator}排名", lang, group=group_name, indicator=name) \
        + (_("（斜纹条为后{n}位）", lang, n=bottom_n) if bottom_n else "")
    return _style(fig, title, max(260, 30 * len(data) + 110), demo, lang)


@memo.figure
def resolution_chart(frame: pd.DataFrame, monthly: Target | None, yearly: Target | None, month: str,
                     demo: bool = False, lang: str = "zh") -> go.Figure:
    """Per unit: this month's resolution ratio (bar) and the year-to-date ratio (diamond), with both target lines."""
    when = month_text(month, lang)
    if frame.empty:
        return empty_figure(_("{month}没有期初、新增、化解数", lang, month=when), demo, lang)
    data = frame.sort_values("monthly_pct", ascending=False)
    fig = go.Figure()
    fig.add_trace(go.Bar(y=_as_text(data["unit"]), x=data["monthly_pct"], orientation="h", name=_("当月化解率", lang),
                         marker_color=palette.PRIMARY, text=[_pct(v) for v in data["monthly_pct"]],
                         textposition="inside", insidetextanchor="end",
                         insidetextfont={"color": palette.readable_on(palette.PRIMARY)}))
    fig.add_trace(go.Scatter(y=_as_text(data["unit"]), x=data["ytd_pct"], mode="markers+text", name=_("全年累计化解率", lang),
                             marker={"symbol": "diamond", "size": 11, "color": palette.ACCENT},
                             text=[_pct(v) for v in data["ytd_pct"]], textposition="middle right"))
    lines = ((monthly, palette.ERROR, N_("当月目标"), "dash", ALERT_TEXT),
             (yearly, palette.WARN, N_("全年目标"), "longdash", LABEL_TEXT))
    for level, (target, colour, name, dash, text_colour) in enumerate(lines):
        if target is not None and target.value is not None:
            fig.add_shape(type="line", xref="x", yref="paper", x0=target.value, x1=target.value, y0=0, y1=1,
                          line={"color": colour, "dash": dash, "width": 2})
            fig.add_annotation(**_label(f"{_(name, lang)} {comparator_text(target.comparator)}{target.value:g}%",
                                        text_colour, x=target.value, xref="x", y=1, yref="paper", yanchor="bottom",
                                        yshift=16 * level))
    fig.update_xaxes(title=_("化解率（%）", lang), range=[0, 108])
    fig.update_yaxes(title=None, autorange="reversed")
    return _style(fig, _("{month}各单位不满意、未解决问题化解率", lang, month=when), max(300, 26 * len(data) + 150), demo,
                  lang)


@memo.figure
def district_resolution_chart(frame: pd.DataFrame, monthly: Target | None, yearly: Target | None,
                              demo: bool = False, lang: str = "zh") -> go.Figure:
    """All units together, month by month: monthly and year-to-date ratio vs the two targets."""
    if frame.empty:
        return empty_figure(_("尚无期初、新增、化解数", lang), demo, lang)
    data = frame.sort_values("month")
    x = [month_end(m) for m in data["month"]]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x, y=data["monthly_pct"], mode="lines+markers+text", name=_("当月化解率", lang),
                             text=[_pct(v) for v in data["monthly_pct"]], textposition="top center",
                             line={"color": palette.PRIMARY, "width": 3}, marker={"symbol": "circle", "size": 8}))
    fig.add_trace(go.Scatter(x=x, y=data["ytd_pct"], mode="lines+markers+text", name=_("全年累计化解率", lang),
                             text=[_pct(v) for v in data["ytd_pct"]], textposition="bottom center",
                             line={"color": palette.MUTED, "width": 2, "dash": "dot"},
                             marker={"symbol": "diamond", "size": 8}))
    for target, colour, name, dash in ((monthly, palette.ERROR, "当月目标", "dash"),
                                       (yearly, palette.WARN, "全年目标", "longdash")):
        if target is not None and target.value is not None:
            fig.add_trace(go.Scatter(x=_span(x[0], x[-1]), y=[target.value, target.value], mode="lines",
                                     line={"color": colour, "dash": dash}, hoverinfo="skip",
                                     name=f"{_(name, lang)} {comparator_text(target.comparator)}{target.value:g}%"))
    fig.update_yaxes(title=_("化解率（%）", lang), rangemode="tozero")
    fig.update_xaxes(tickvals=x, ticktext=month_ticks(list(data["month"]), lang)[1], title=None)
    return _style(fig, _("全区不满意、未解决问题化解率（各单位合计）", lang), 360, demo, lang)


@memo.figure
def participation_chart(frame: pd.DataFrame, target: Target | None, month: str, demo: bool = False,
                        lang: str = "zh") -> go.Figure:
    when = month_text(month, lang)
    if frame.empty:
        return empty_figure(_("{month}没有参评率数据", lang, month=when), demo, lang)
    data = frame.sort_values("participation_pct", ascending=False)
    below = [ok is False for ok in data["ok"]]
    colours = [palette.ERROR if b else palette.OK for b in below]
    fig = go.Figure(go.Bar(
        x=data["participation_pct"].astype(float), y=_as_text(data["unit"]), orientation="h",
        marker_color=colours, marker_pattern_shape=["/" if b else "" for b in below],
        text=[f"{v:.1f}%" + (_("  未达标", lang) if b else "") for v, b in zip(data["participation_pct"], below)],
        textposition="auto", insidetextfont={"color": [palette.readable_on(c) for c in colours]},
        hovertemplate="%{y}<br>" + _("参评率", lang) + _("：", lang) + "%{x:.2f}%<extra></extra>"))
    if target is not None and target.value is not None:
        fig.add_shape(type="line", xref="x", yref="paper", x0=target.value, x1=target.value, y0=0, y1=1,
                      line={"color": palette.ERROR, "dash": "dash", "width": 2})
        value = f"{comparator_text(target.comparator)}{target.value:g}%"
        fig.add_annotation(**_label(_("目标 {value}", lang, value=value), ALERT_TEXT, x=target.value, xref="x", y=1,
                                    yref="paper", yanchor="bottom"))
    fig.update_xaxes(title=_("参与回访评价的比例（%）", lang), range=[0, 100])
    fig.update_yaxes(title=None, autorange="reversed")
    return _style(fig, _("{month}各单位群众参评率", lang, month=when), max(280, 30 * len(data) + 110), demo, lang)


@memo.figure
def drives_chart(drives: pd.DataFrame, targets: list[Target], labels: dict[str, str], demo: bool = False,
                 lang: str = "zh") -> go.Figure:
    """Open tickets at month end per field drive, with each drive's zero-by deadline."""
    if drives.empty:
        return empty_figure(_("尚无专项清零台账", lang), demo, lang)
    fig = go.Figure()
    topics = [target.topic for target in targets]
    colours = dict(zip(topics, palette.OKABE_ITO[1:]))
    data = drives.assign(topic_key=drives["topic_key"].fillna(drives["topic"]))
    for number, (key, seq) in enumerate(data.groupby("topic_key", sort=False)):
        seq = seq.groupby("month", as_index=False)["open_end"].sum().sort_values("month")
        symbol, dash = DRIVE_STYLES[number % len(DRIVE_STYLES)]
        fig.add_trace(go.Scatter(
            x=[month_end(m) for m in seq["month"]], y=seq["open_end"], mode="lines+markers+text",
            name=_as_text([_(labels.get(key, key), lang)])[0], text=seq["open_end"].astype(int).astype(str), textposition="top center",
            line={"color": colours.get(key, palette.MUTED), "width": 3, "dash": dash},
            marker={"symbol": symbol, "size": 9}))
    for level, target in enumerate(targets):
        name = _(labels.get(target.topic, target.subject), lang)
        _deadline_line(fig, target, _("{name}清零期限", lang, name=name), colours.get(target.topic, palette.MUTED), level)
    first, last = month_end(drives["month"].min()), month_end(drives["month"].max())
    fig.add_trace(go.Scatter(x=_span(first, last), y=[0, 0], mode="lines", line={"color": palette.OK, "width": 2},
                             name=_("目标：动态清零（0 件）", lang), hoverinfo="skip"))
    ticks, labels_ = month_ticks(sorted(drives["month"].unique()), lang)
    fig.update_xaxes(tickvals=ticks, ticktext=labels_, title=None)
    fig.update_yaxes(title=_("月末未办结（件）", lang), rangemode="tozero")
    return _style(fig, _("专项问题月末未办结件数与清零期限", lang), 400, demo, lang)


# ---- alt text ----------------------------------------------------------------------

def _plain(text) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", str(text or ""))).strip()


def _as_text(values) -> list[str]:
    """Imported unit names as Plotly shows them: Plotly reads <a href>, <b>, <br> … in labels and
    hover text as markup, so < > & are written as entities and a name is shown as typed."""
    return [html.escape(str(v), quote=False) for v in values]


def describe(fig: go.Figure, lang: str = "zh", limit: int = 6) -> str:
    """Alt text for a hotline chart: its title, then each series with its values as printed
    (line charts: value per month; bar charts: value per unit, the lowest marked)."""
    if is_empty(fig):
        return _plain(fig.layout.annotations[0].text) if fig.layout.annotations else _("图表", lang)
    title = _plain(fig.layout.title.text) or _("图表", lang)
    ticks = dict(zip(fig.layout.xaxis.tickvals or (), fig.layout.xaxis.ticktext or ()))
    parts = []
    for trace in fig.data:
        if trace.text is None:  # target lines: their name carries the value
            if trace.name:
                parts.append(_plain(trace.name))
            continue
        if trace.type == "bar" or (trace.y is not None and len(trace.y) and isinstance(trace.y[0], str)):
            points = [f"{_plain(y)} {_plain(v)}" for y, v in zip(trace.y, trace.text)]
        else:
            points = [f"{ticks.get(x, str(x)[:7])} {_plain(v)}" for x, v in zip(trace.x, trace.text)]
        more = _("等", lang) if len(points) > limit else ""
        parts.append(f"{_plain(trace.name) or title}{_('：', lang)}{_('、', lang).join(points[:limit])}{more}")
    if fig.layout.annotations:
        banner = [a.text for a in fig.layout.annotations if a.text and a.text.startswith("⚠")]
        parts = banner + parts
    return title + _("。", lang) + _("；", lang).join(parts) + _("。", lang)


def _span(first: dt.date, last: dt.date) -> list[dt.date]:
    """Ends of a horizontal target line; a single month still gets a visible line."""
    if first == last:
        return [first - dt.timedelta(days=12), last + dt.timedelta(days=12)]
    return [first, last]


def _pct(value) -> str:
    return "—" if value is None or pd.isna(value) else f"{float(value):.1f}%"
