"""Figure builders: pure functions DataFrame -> plotly Figure (testable without a browser).

Every chart labels its values as text, so nothing relies on colour alone; a highlighted
category is also hatched and its axis label set in bold. `describe(fig)` writes the alt
text screen readers announce. Builders with words of their own take `lang` ('zh'/'en').
Builders are memoised (ui/memo.py): the figure returned is shared, copy it before changing it.
"""
from __future__ import annotations

import re

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from ui import glossary, memo, palette
from ui.i18n import N_, _, pgettext


def _style(fig: go.Figure, title: str, height: int | None = None) -> go.Figure:
    # one update_layout call: each call validates and relayouts the whole figure again
    fig.update_layout(title={"text": title, "x": 0, "font": {"size": 18}}, font={"family": palette.FONT, "size": 14},
                      margin={"l": 10, "r": 10, "t": 50, "b": 10}, colorway=palette.OKABE_ITO,
                      separators=".,", hoverlabel={"font": {"family": palette.FONT}},
                      **({"height": height} if height else {}))
    return fig


def axis_format(text_format: str) -> str:
    """An axis's tick format from a value label's: the same separators, but trailing zeros dropped
    ('~'), so a money axis reads 10,000 and 2.5, not 10,000.00 and 2.50."""
    match = re.fullmatch(r"(.*?)(\.\d+)(~?)([a-z%])", text_format)
    return f"{match.group(1)}{match.group(2)}~{match.group(4)}" if match else text_format


@memo.figure
def bar_ranked(frame: pd.DataFrame, category: str, value: str, title: str, value_label: str,
               text_format: str = ",.0f", highlight: str | None = None, unit: str = "",
               custom: list[str] | None = None) -> go.Figure:
    """Horizontal bars, largest on top; `highlight` marks one category (e.g. the chosen town)
    by colour, hatching and a bold axis label, so it does not rely on colour alone."""
    data = frame.sort_values(value, ascending=True)
    marked = [bool(highlight) and c == highlight for c in data[category]]
    colours = [palette.ACCENT if m else palette.PRIMARY for m in marked]
    fig = go.Figure(go.Bar(
        x=data[value].astype(float), y=data[category], orientation="h",
        marker={"color": colours, "pattern": {"shape": ["/" if m else "" for m in marked], "fillmode": "overlay",
                                              "fgcolor": "#FFFFFF", "solidity": 0.25}},
        text=[f"{v:{text_format}}{unit}" for v in data[value].astype(float)],
        # a zero bar has no inside to write in: "auto" would drop its label and leave an empty row
        textposition=["outside" if v == 0 else "auto" for v in data[value].astype(float)],
        insidetextfont={"color": [palette.readable_on(c) for c in colours]},
        customdata=data[custom].to_numpy() if custom else None,
        hovertemplate=f"%{{y}}<br>{value_label}：%{{x:{text_format}}}{unit}<extra></extra>"))
    fig.update_xaxes(title=value_label, tickformat=axis_format(text_format))
    fig.update_yaxes(title=None)
    if any(marked):
        names = [str(c) for c in data[category]]
        fig.update_yaxes(tickmode="array", tickvals=names,
                         ticktext=[f"<b>▶ {n}</b>" if m else n for n, m in zip(names, marked)])
    return _style(fig, title, height=max(260, 42 * len(data) + 90))


@memo.figure
def funds_treemap(frame: pd.DataFrame, name: str, title: str, *, lang: str = "zh") -> go.Figure:
    """Parts of the fund total as a treemap labelled with 万元 and share. The root tile is
    transparent and unlabelled (the page background shows through, in either theme); its
    name stays in the path bar and its total in the hover."""
    data = frame.assign(amount=frame["amount_wan"].astype(float))
    fig = px.treemap(data, path=[px.Constant(_("统筹整合资金", lang)), name], values="amount",
                     color_discrete_sequence=palette.OKABE_ITO)
    # Explicit tile colours, so each label can take black or white, whichever reads on its tile.
    parents = list(fig.data[0].parents)
    tiles = ["rgba(0,0,0,0)" if not parent else palette.OKABE_ITO[i % len(palette.OKABE_ITO)]
             for i, parent in enumerate(parents)]
    unit, share = pgettext("unit", "万元", lang), _("占总额", lang)
    fig.update_traces(texttemplate=[" " if not parent else f"%{{label}}<br>%{{value:,.2f}} {unit}<br>%{{percentRoot:.2%}}"
                                    for parent in parents],
                      hovertemplate=f"%{{label}}<br>%{{value:,.6f}} {unit}<br>{share} "
                                    "%{percentRoot:.2%}<extra></extra>",
                      marker={"colors": tiles, "pad": {"t": 4}},
                      textfont={"color": ["rgba(0,0,0,0)" if not parent else palette.readable_on(c)
                                          for c, parent in zip(tiles, parents)]})
    return _style(fig, title, height=380)


@memo.figure
def share_comparison(frame: pd.DataFrame, name: str, *, lang: str = "zh") -> go.Figure:
    """Stated vs computed shares side by side."""
    basis, share = _("口径", lang), _("占比", lang)
    data = frame.melt(id_vars=[name], value_vars=["share_pct_stated", "share_pct"], var_name=basis, value_name=share)
    data[basis] = data[basis].map({"share_pct_stated": _("文件写明", lang), "share_pct": _("按金额计算", lang)})
    data[share] = data[share].astype(float)
    # Bars run across, one row per source: the two shares read one above the other instead of
    # "43.68%43.68%" side by side, and on a phone the legend above the bars leaves them the width.
    fig = px.bar(data, y=name, x=share, color=basis, barmode="group", text=share, orientation="h",
                 color_discrete_sequence=[palette.MUTED, palette.PRIMARY], pattern_shape=basis)
    fig.update_traces(texttemplate="%{text:.2f}%", textposition="outside", cliponaxis=False)
    fig.update_xaxes(title=_("占比（%）", lang))
    fig.update_yaxes(title=None, autorange="reversed")
    _style(fig, _("各来源占比：文件写明 vs 按金额计算", lang), height=max(300, 56 * frame[name].nunique() + 130))
    fig.update_layout(legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "title": {"text": ""}},
                      margin={"t": 80, "r": 50})
    return fig


def _rgba(colour: str, alpha: float) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


@memo.figure
def flow_sankey(sources: pd.DataFrame, natures: pd.DataFrame, upper_sources: list[str],
                upper_natures: list[str], *, lang: str = "zh") -> go.Figure:
    """Every source → task nature, as far as the document gives it: a source named like a
    nature (区级资金, 其他资金) flows straight into it; the upper-level sources (中央+省+市)
    flow through their sum into 上级约束性任务 + 省市统筹 (the document gives no cross split).
    Node labels carry the amounts; each link takes its source's colour, half transparent."""
    unit = pgettext("unit", "万元", lang)
    hub_name = _("上级资金合计", lang)
    src = sources.assign(amount=sources.amount_wan.astype(float)).reset_index(drop=True)
    nat = natures.assign(amount=natures.amount_wan.astype(float)).reset_index(drop=True)
    up = src[src.source_name.isin(upper_sources)]
    labels: list[str] = []
    colours: list[str] = []
    link_src: list[int] = []
    link_tgt: list[int] = []
    values: list[float] = []
    link_colours: list[str] = []

    def node(label: str, amount: float, colour: str) -> int:
        labels.append(f"{label}<br>{amount:,.2f} {unit}")
        colours.append(colour)
        return len(labels) - 1

    def link(a: int, b: int, amount: float, colour: str) -> None:
        link_src.append(a)
        link_tgt.append(b)
        values.append(amount)
        link_colours.append(_rgba(colour, 0.45))

    source_nodes = {}
    for i, row in enumerate(src.itertuples()):
        colour = palette.OKABE_ITO[i % len(palette.OKABE_ITO)]
        source_nodes[row.source_name] = (node(str(glossary.term(row.source_name, lang)), float(row.amount), colour), colour)
    hub = node(hub_name, float(up.amount.sum()), palette.PRIMARY) if not up.empty else None
    for row in up.itertuples():
        if hub is not None:
            index, colour = source_nodes[row.source_name]
            link(index, hub, float(row.amount), colour)
    for row in nat.itertuples():
        if row.nature_name in source_nodes:
            index, colour = source_nodes[row.nature_name]
            target = node(_("任务：{name}", lang, name=glossary.term(row.nature_name, lang)), row.amount, colour)
            link(index, target, row.amount, colour)
        elif hub is not None and row.nature_name in upper_natures:
            target = node(glossary.term(row.nature_name, lang), row.amount, palette.ACCENT)
            link(hub, target, row.amount, palette.PRIMARY)
    fig = go.Figure(go.Sankey(
        node={"label": labels, "color": colours, "pad": 18, "thickness": 18,
              "line": {"width": 0.5, "color": "rgba(0,0,0,0.3)"},
              "hovertemplate": "%{label}<extra></extra>"},
        link={"source": link_src, "target": link_tgt, "value": values, "color": link_colours,
              "hovertemplate": f"%{{source.label}} → %{{target.label}}<br>%{{value:,.2f}} {unit}<extra></extra>"},
        textfont={"size": 13}, valueformat=",.2f", valuesuffix=f" {unit}"))
    return _style(fig, _("资金流向：按来源 → 按任务性质（文件给出的两种口径）", lang), height=440)


@memo.figure
def timeline(frame: pd.DataFrame, start: str, end: str, label: str, title: str,
             colour: str | None = None, tickformat: str = "%Y年%m月", legend_title: str | None = None,
             colours: dict[str, str] | None = None, wrap: int | None = None) -> go.Figure:
    """Gantt bars, one trace per `colour` group. Built with go.Bar as px.timeline draws it (a bar
    from `start` of length end − start in ms on a date axis), without plotly.express (~10× slower).
    `colours` fixes a group's colour by its name (so it does not change when a filter drops
    groups); `wrap` breaks long labels every `wrap` characters and puts the legend under the
    chart, so it stays readable on a phone."""
    data = frame.copy()
    data[start] = pd.to_datetime(data[start])
    data[end] = pd.to_datetime(data[end])
    # A milestone with a single date is drawn as a one-day bar.
    data.loc[data[end] <= data[start], end] = data[start] + pd.Timedelta(days=1)
    groups = data.groupby(colour, sort=False, dropna=False) if colour else [("", data)]
    traces = []
    for i, (name, part) in enumerate(groups):
        # The label first, then the group under the legend's title (not the column name) and the dates.
        hover = ("%{y}<br>" + (f"{legend_title or colour}: {name}<br>" if colour else "")
                 + f"{start}: %{{base}}<br>{end}: %{{x}}")
        traces.append(go.Bar(
            base=part[start].to_numpy(), x=((part[end] - part[start]) // pd.Timedelta(milliseconds=1)).to_numpy(),
            y=[_wrap(str(v), wrap) for v in part[label]] if wrap else part[label].to_numpy(), orientation="h", name=str(name), legendgroup=str(name), showlegend=bool(colour),
            marker={"color": (colours or {}).get(str(name), palette.OKABE_ITO[i % len(palette.OKABE_ITO)]),
                    "pattern": {"shape": ""}},
            textposition="auto", hovertemplate=hover + "<extra></extra>", xaxis="x", yaxis="y"))
    fig = go.Figure(traces, layout={
        "xaxis": {"anchor": "y", "domain": [0.0, 1.0], "type": "date", "tickformat": tickformat},
        "yaxis": {"anchor": "x", "domain": [0.0, 1.0], "autorange": "reversed"},
        "legend": {"title": {"text": legend_title or ""}, "tracegroupgap": 0}, "barmode": "overlay"})
    if wrap:
        fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
                          xaxis={"nticks": 4}, yaxis={"tickfont": {"size": 12}, "automargin": True})
    return _style(fig, title, height=max(240, (64 if wrap else 48) * len(data) + 140))


def _wrap(text: str, width: int) -> str:
    """Break a label every `width` characters with <br> (Chinese has no spaces to break at)."""
    return "<br>".join(text[i:i + width] for i in range(0, len(text), width))


def _milestone_position(i: int, count: int) -> str:
    """Labels alternate above and below the line; the first one reads rightwards from its point and the
    last one leftwards, so on a narrow chart (a phone) neither is cut off at the edge."""
    side = "top" if i % 2 == 0 else "bottom"
    across = "right" if i == 0 and count > 1 else "left" if i == count - 1 and count > 1 else "center"
    return f"{side} {across}"


@memo.figure
def milestones(frame: pd.DataFrame, date: str, label: str, title: str, *, lang: str = "zh") -> go.Figure:
    data = frame.assign(_d=pd.to_datetime(frame[date])).sort_values("_d")
    day_format, month_format = _("%Y年%m月%d日", lang), _("%Y年%m月", lang)
    fig = go.Figure(go.Scatter(
        x=data["_d"], y=[0] * len(data), mode="markers+text", marker={"size": 16, "color": palette.PRIMARY,
                                                                      "symbol": "diamond"},
        text=[f"{d.strftime(day_format)}<br>{name}" for d, name in zip(data["_d"], data[label])],
        textposition=[_milestone_position(i, len(data)) for i in range(len(data))],
        hovertemplate="%{text}<extra></extra>"))
    fig.add_trace(go.Scatter(x=data["_d"], y=[0] * len(data), mode="lines", line={"color": palette.MUTED},
                             hoverinfo="skip"))
    fig.update_yaxes(visible=False, range=[-1.2, 1.2])
    fig.update_xaxes(tickformat=month_format)
    fig.update_layout(showlegend=False)
    return _style(fig, title, height=260)


@memo.figure
def share_donut(frame: pd.DataFrame, names: str, values: str, title: str, highlight: str | None = None,
                colours: list[str] | None = None) -> go.Figure:
    """`colours`: one fill per row (ui.colours.colours_for for towns); Okabe–Ito in order otherwise."""
    pull = [0.12 if highlight and n == highlight else 0 for n in frame[names]]
    fills = colours or (palette.OKABE_ITO * (len(frame) // len(palette.OKABE_ITO) + 1))[:len(frame)]
    fig = go.Figure(go.Pie(labels=frame[names], values=frame[values].astype(float), hole=0.45, pull=pull,
                           texttemplate="%{label}<br>%{percent:.1%}", textposition="inside",
                           hovertemplate="%{label}<br>%{value:,}<br>%{percent:.1%}<extra></extra>", insidetextorientation="horizontal",
                           sort=False, marker={"colors": fills},
                           insidetextfont={"color": [palette.readable_on(c) for c in fills]}))
    fig.update_layout(showlegend=False)
    return _style(fig, title, height=380)


# ---- alt text ---------------------------------------------------------------

_KINDS = {"bar": N_("条形图"), "pie": N_("环形图"), "treemap": N_("矩形树图"), "sankey": N_("流向图"), "scatter": N_("散点与时间节点图")}


def _plain(text) -> str:
    return re.sub(r"<[^>]+>", " ", str(text or "")).replace("  ", " ").strip()


def _items(trace) -> list[tuple[str, str]]:
    """(name, value as shown) pairs of one trace, largest first where values are numbers."""
    kind = trace.type
    if kind == "bar":
        horizontal = trace.orientation == "h"
        names = list(trace.y if horizontal else trace.x)
        if trace.base is not None:  # timeline bars: start date on the base
            return [(_plain(n), str(b)[:10]) for n, b in zip(names, trace.base)]
        values = list(trace.x if horizontal else trace.y)
        shown = list(trace.text) if trace.text is not None and len(trace.text) == len(values) else values
        triples = sorted(zip(names, values, shown), key=lambda p: -float(p[1]) if p[1] is not None else 0)
        return [(_plain(n), _plain(v)) for n, _unit, v in triples]
    if kind in ("pie", "treemap"):
        pairs = list(zip(trace.labels, trace.values))
        if kind == "treemap":  # leave out the root tile, whose value is the total
            pairs = [(n, v) for (n, v), parent in zip(pairs, trace.parents) if parent]
        pairs.sort(key=lambda p: -float(p[1]))
        return [(_plain(n), f"{float(v):,.2f}".rstrip("0").rstrip(".")) for n, v in pairs]
    if kind == "sankey":
        return [(_plain(n), "") for n in trace.node.label]
    if kind == "scatter" and trace.text is not None:
        return [(_plain(v), "") for v in trace.text]
    return []


def describe(fig: go.Figure, lang: str = "zh", limit: int = 6) -> str:
    """Alt text: the chart kind, its title and its first items with the values shown on it."""
    title = _plain(fig.layout.title.text) or _("图表", lang)
    traces = [tr for tr in fig.data if _items(tr)]
    if not traces:
        return title
    first = traces[0]
    kind = _("时间轴", lang) if first.type == "bar" and first.base is not None else _(_KINDS.get(first.type, "图表"), lang)
    named = len(traces) > 1  # several series (e.g. districts): the largest items of each, named
    per_trace = max(2, limit // len(traces))
    items = [(f"{trace.name} {n}" if named and trace.name else n, v) for trace in traces
             for n, v in (_items(trace)[:per_trace] if named else _items(trace))]
    total = sum(len(_items(trace)) for trace in traces)
    shown = _("、", lang).join(f"{n} {v}".strip() for n, v in items[:limit])
    more = _("等", lang) if total > min(len(items), limit) else ""
    text = _("{kind}：{title}。共 {n} 项：{items}{more}。", lang, kind=kind, title=title, n=total,
             items=shown, more=more)
    ticks = fig.layout.yaxis.ticktext
    marked = [_plain(v).replace("▶", "").strip() for v in (ticks or []) if "▶" in str(v)]
    return text + (_("（高亮：{name}）", lang, name=marked[0]) if marked else "")
