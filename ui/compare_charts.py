"""Figure builders of the "changes between editions" view: pure DataFrame -> plotly Figure."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ui import memo, palette
from ui.charts import _style
from ui.i18n import _

# Markers differ per series as well as colours, so lines can be told apart without colour.
_SYMBOLS = ["circle", "square", "diamond", "triangle-up", "cross", "x", "star", "hexagon"]


@memo.figure
def over_editions(frame: pd.DataFrame, edition: str, series: str, value: str, title: str, unit: str = "",
                  *, lang: str = "zh") -> go.Figure:
    """One line per `series` (e.g. fund source) across the editions in `edition`, in the order the
    frame gives them (oldest first). Each point is labelled with its value; with one edition, bars."""
    editions = list(dict.fromkeys(frame[edition]))
    fig = go.Figure()
    for i, (name, rows) in enumerate(frame.groupby(series, sort=False)):
        rows = rows.set_index(edition).reindex(editions)
        values = rows[value].astype(float)
        fig.add_trace(go.Scatter(
            x=editions, y=values, name=str(name), mode="lines+markers+text",
            marker={"symbol": _SYMBOLS[i % len(_SYMBOLS)], "size": 10,
                    "color": palette.OKABE_ITO[i % len(palette.OKABE_ITO)]},
            line={"color": palette.OKABE_ITO[i % len(palette.OKABE_ITO)], "width": 2},
            text=[f"{v:,.2f}" if pd.notna(v) else "" for v in values], textposition="top center",
            hovertemplate=f"{name}<br>%{{x}}：%{{y:,.6f}}{unit}<extra></extra>"))
    fig.update_xaxes(title=_("期次", lang), type="category")
    fig.update_yaxes(title=unit.strip() or None, tickformat=",.0f", rangemode="tozero")
    fig.update_layout(legend={"orientation": "h", "y": -0.2}, hovermode="x unified")
    return _style(fig, title, height=420)
