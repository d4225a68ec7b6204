"""A town ranking whose bars can be clicked to set the town filter (issue 15, point 12).

`town_share_bar` replaces the 医保 donut: Streamlit 1.67 reports no points when a pie slice is
clicked, so a donut cannot cross-filter, while a bar can (ui.filters.town_click). Each bar keeps its
town's colour (ui.colours), its label gives the value and the town's share of the district with the
same decimals for every town, and the chosen town is hatched, outlined, labelled in bold and named in
bold with ▶ (as in charts.bar_ranked), so nothing relies on colour alone.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ui import memo, palette
from ui.charts import _style, axis_format
from ui.i18n import _


@memo.figure
def town_share_bar(frame: pd.DataFrame, value: str, title: str, value_label: str, *, colours: list[str],
                   share: str = "share_pct", highlight: str | None = None, unit: str = "",
                   text_format: str = ",.0f", lang: str = "zh") -> go.Figure:
    """Horizontal bars of `value` per town (frame.town_name), largest on top, labelled
    '60,805 人 · 13.72%' from `share` (percent of the district, two decimals for every town).
    `colours`: one fill per row of `frame`, in its order (ui.colours.colours_for)."""
    data = frame.assign(_fill=list(colours)).sort_values(value, ascending=True)
    names = [str(n) for n in data.town_name]
    marked = [bool(highlight) and n == highlight for n in names]
    fills = list(data._fill)
    inks = [palette.readable_on(c) for c in fills]
    amounts = data[value].astype(float)
    shares = data[share].astype(float)
    share_label = _("占全区", lang)
    fig = go.Figure(go.Bar(
        x=amounts, y=names, orientation="h",
        marker={"color": fills, "line": {"color": [ink if m else fill for ink, fill, m in zip(inks, fills, marked)],
                                         "width": [3 if m else 0 for m in marked]},
                "pattern": {"shape": ["/" if m else "" for m in marked], "fillmode": "overlay",
                            "fgcolor": inks, "solidity": 0.15}},
        text=[(f"<b>{label}</b>" if m else label) for label, m in
              zip([f"{v:{text_format}}{unit} · {s:.2f}%" for v, s in zip(amounts, shares)], marked)],
        textposition="inside", insidetextanchor="end",  # shrinks to fit a short bar (a phone) rather than clipping
        insidetextfont={"color": inks},
        customdata=shares.to_numpy(),
        hovertemplate=f"%{{y}}<br>{value_label}：%{{x:{text_format}}}{unit}<br>{share_label} %{{customdata:.2f}}%"
                      "<extra></extra>"))
    fig.update_xaxes(title=value_label, tickformat=axis_format(text_format))
    fig.update_yaxes(title=None)
    if any(marked):
        fig.update_yaxes(tickmode="array", tickvals=names,
                         ticktext=[f"<b>▶ {n}</b>" if m else n for n, m in zip(names, marked)])
    return _style(fig, title, height=max(260, 42 * len(data) + 90))
