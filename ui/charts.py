"""Figure builders: pure functions DataFrame -> plotly Figure (testable without a browser).

Every chart labels its values as text, so nothing relies on colour alone.
"""
from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from ui import palette


def _style(fig: go.Figure, title: str, height: int | None = None) -> go.Figure:
    fig.update_layout(title={"text": title, "x": 0, "font": {"size": 18}}, font={"family": palette.FONT, "size": 14},
                      margin={"l": 10, "r": 10, "t": 50, "b": 10}, colorway=palette.OKABE_ITO,
                      separators=".,", hoverlabel={"font": {"family": palette.FONT}})
    if height:
        fig.update_layout(height=height)
    return fig


def bar_ranked(frame: pd.DataFrame, category: str, value: str, title: str, value_label: str,
               text_format: str = ",.0f", highlight: str | None = None, unit: str = "",
               custom: list[str] | None = None) -> go.Figure:
    """Horizontal bars, largest on top; `highlight` marks one category (e.g. the chosen town)."""
    data = frame.sort_values(value, ascending=True)
    colours = [palette.ACCENT if highlight and c == highlight else palette.PRIMARY for c in data[category]]
    fig = go.Figure(go.Bar(
        x=data[value].astype(float), y=data[category], orientation="h", marker_color=colours,
        text=[f"{v:{text_format}}{unit}" for v in data[value].astype(float)], textposition="auto",
        customdata=data[custom].to_numpy() if custom else None,
        hovertemplate=f"%{{y}}<br>{value_label}：%{{x:{text_format}}}{unit}<extra></extra>"))
    fig.update_xaxes(title=value_label, tickformat=text_format)
    fig.update_yaxes(title=None)
    return _style(fig, title, height=max(260, 42 * len(data) + 90))


def funds_treemap(frame: pd.DataFrame, name: str, title: str) -> go.Figure:
    """Parts of the fund total as a treemap labelled with 万元 and share."""
    data = frame.assign(amount=frame["amount_wan"].astype(float))
    fig = px.treemap(data, path=[px.Constant("统筹整合资金"), name], values="amount",
                     color_discrete_sequence=palette.OKABE_ITO)
    fig.update_traces(texttemplate="%{label}<br>%{value:,.2f} 万元<br>%{percentRoot:.2%}",
                      hovertemplate="%{label}<br>%{value:,.6f} 万元<br>占总额 %{percentRoot:.2%}<extra></extra>",
                      root_color="#f3f4f6")
    return _style(fig, title, height=380)


def share_comparison(frame: pd.DataFrame, name: str) -> go.Figure:
    """Stated vs computed shares side by side."""
    data = frame.melt(id_vars=[name], value_vars=["share_pct_stated", "share_pct"], var_name="口径", value_name="占比")
    data["口径"] = data["口径"].map({"share_pct_stated": "文件写明", "share_pct": "按金额计算"})
    data["占比"] = data["占比"].astype(float)
    fig = px.bar(data, x=name, y="占比", color="口径", barmode="group", text="占比",
                 color_discrete_sequence=[palette.MUTED, palette.PRIMARY], pattern_shape="口径")
    fig.update_traces(texttemplate="%{text:.2f}%", textposition="outside")
    fig.update_yaxes(title="占比（%）")
    fig.update_xaxes(title=None)
    return _style(fig, "各来源占比：文件写明 vs 按金额计算", height=360)


def flow_sankey(sources: pd.DataFrame, natures: pd.DataFrame, upper_sources: list[str],
                upper_natures: list[str]) -> go.Figure:
    """Only the flow the document gives: 中央+省+市 (sum) = 上级约束性任务 + 省市统筹 (sum)."""
    up = sources[sources.source_name.isin(upper_sources)]
    down = natures[natures.nature_name.isin(upper_natures)]
    labels = [*up.source_name, "上级资金合计", *down.nature_name]
    hub = len(up)
    link_src = [*range(len(up)), *[hub] * len(down)]
    link_tgt = [*[hub] * len(up), *range(hub + 1, hub + 1 + len(down))]
    values = [*up.amount_wan.astype(float), *down.amount_wan.astype(float)]
    fig = go.Figure(go.Sankey(
        node={"label": labels, "color": [palette.PRIMARY] * len(up) + [palette.MUTED] + [palette.ACCENT] * len(down),
              "pad": 18},
        link={"source": link_src, "target": link_tgt, "value": values,
              "hovertemplate": "%{source.label} → %{target.label}<br>%{value:,.2f} 万元<extra></extra>"},
        valueformat=",.2f", valuesuffix=" 万元"))
    return _style(fig, "上级资金：按来源 → 按任务性质（文件给出的两种口径）", height=360)


def timeline(frame: pd.DataFrame, start: str, end: str, label: str, title: str,
             colour: str | None = None, tickformat: str = "%Y年%m月", legend_title: str | None = None) -> go.Figure:
    data = frame.copy()
    data[start] = pd.to_datetime(data[start])
    data[end] = pd.to_datetime(data[end])
    # A milestone with a single date is drawn as a one-day bar.
    data.loc[data[end] <= data[start], end] = data[start] + pd.Timedelta(days=1)
    fig = px.timeline(data, x_start=start, x_end=end, y=label, color=colour,
                      color_discrete_sequence=palette.OKABE_ITO)
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(tickformat=tickformat, title=None)
    fig.update_layout(legend_title_text=legend_title or "")
    return _style(fig, title, height=max(240, 48 * len(data) + 100))


def milestones(frame: pd.DataFrame, date: str, label: str, title: str) -> go.Figure:
    data = frame.assign(_d=pd.to_datetime(frame[date])).sort_values("_d")
    fig = go.Figure(go.Scatter(
        x=data["_d"], y=[0] * len(data), mode="markers+text", marker={"size": 16, "color": palette.PRIMARY,
                                                                      "symbol": "diamond"},
        text=[f"{d:%Y年%m月%d日}<br>{t}" for d, t in zip(data["_d"], data[label])],
        textposition=["top center" if i % 2 == 0 else "bottom center" for i in range(len(data))],
        hovertemplate="%{text}<extra></extra>"))
    fig.add_trace(go.Scatter(x=data["_d"], y=[0] * len(data), mode="lines", line={"color": palette.MUTED},
                             hoverinfo="skip"))
    fig.update_yaxes(visible=False, range=[-1.2, 1.2])
    fig.update_xaxes(tickformat="%Y年%m月")
    fig.update_layout(showlegend=False)
    return _style(fig, title, height=260)


def share_donut(frame: pd.DataFrame, names: str, values: str, title: str, highlight: str | None = None) -> go.Figure:
    pull = [0.12 if highlight and n == highlight else 0 for n in frame[names]]
    fig = go.Figure(go.Pie(labels=frame[names], values=frame[values].astype(float), hole=0.45, pull=pull,
                           textinfo="label+percent", textposition="inside", insidetextorientation="horizontal",
                           sort=False,
                           marker={"colors": palette.OKABE_ITO * 2}))
    fig.update_layout(showlegend=False)
    return _style(fig, title, height=380)
