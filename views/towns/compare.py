"""Compare two or more towns side by side (issue 15 pt 12): a multiselect kept in the URL
(?compare=曲堤街道,仁风镇), one column per town with the key figures and where they come from, and a
small grouped bar chart (one panel per measure, one bar per town)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from ui import format as fmt
from ui import palette
from ui.briefing import project_figure
from ui.charts import _style
from ui.data import towns
from ui.downloads import download_buttons
from ui.i18n import _, lang
from ui.layout import chart
from ui.provenance import source_caption
from ui.tables import labelled, show_table
from views.towns.common import quota_label

KEY = "towns_compare"
PARAM = "compare"
NO_BAR = {"displayModeBar": False}


def chosen(names: list[str]) -> list[str]:
    """The towns to compare: from the widget, first seeded from ?compare=A,B (unknown names dropped)."""
    if KEY not in st.session_state:
        raw = st.query_params.get(PARAM, "")
        st.session_state[KEY] = list(dict.fromkeys(n for n in raw.split(",") if n in names))
    return list(st.session_state[KEY])


def _keep_in_url() -> None:
    picked = st.session_state[KEY]
    if picked:
        st.query_params[PARAM] = ",".join(picked)
    else:
        st.query_params.pop(PARAM, None)


def figures(overview: pd.DataFrame, picked: list[str], scope, code: str) -> pd.DataFrame:
    """One row per measure, one column per town: the printed figures (text with units)."""
    rows = overview.set_index("town_name")
    quota_head = quota_label(towns.quota_rows(scope))
    table: dict[str, list[str]] = {"measure": [_("待硬化道路的村"), quota_head, _("占全区征缴任务"), _("重点项目"),
                                               _("其中"), _("非遗项目"), _("领导小组中的本镇街成员"), _("数据核对提示")]}
    for town in picked:
        r = rows.loc[town]
        projects = project_figure(town, code, scope)
        table[town] = [
            fmt.integer(r.road_villages, " 个") if pd.notna(r.road_villages_stated) else _("未列入"),
            fmt.integer(r.quota_persons, " 人") if pd.notna(r.quota_persons) else _("未列出"),
            fmt.pct(r.quota_share_pct) if pd.notna(r.quota_share_pct) else "—",
            projects.value, projects.note or "—",
            fmt.integer(r.heritage, " 项"), fmt.integer(r.members, " 人"), fmt.integer(r.warnings, " 项")]
    return pd.DataFrame(table)


def grouped_chart(overview: pd.DataFrame, picked: list[str], scope, code: str) -> go.Figure:
    """One small panel per measure (each with its own unit), the chosen towns as bars in the same colours."""
    rows = overview.set_index("town_name").loc[picked]
    measures = [(_("待硬化道路的村（个）"), rows.road_villages.fillna(0).astype(float)),
                (_("医保征缴任务占全区（%）"), rows.quota_share_pct.astype(float)),
                (_("重点项目（个，含全区项目）"), pd.Series([project_figure(t, code, scope).value for t in picked],
                                                   index=picked).str.extract(r"([\d,]+)")[0]
                                            .str.replace(",", "").astype(float))]
    fig = make_subplots(rows=1, cols=len(measures), subplot_titles=[m[0] for m in measures], horizontal_spacing=0.08)
    for i, town in enumerate(picked):
        colour = palette.OKABE_ITO[i % len(palette.OKABE_ITO)]
        for col, (_title, values) in enumerate(measures, start=1):
            value = values.loc[town]
            fig.add_trace(go.Bar(x=[_title], y=[value], name=town, legendgroup=town, showlegend=col == 1,
                                 marker_color=colour, text=[f"{value:,.2f}".rstrip("0").rstrip(".")
                                                            if pd.notna(value) else "—"],
                                 textposition="outside", cliponaxis=False,
                                 hovertemplate=f"{town}<br>%{{x}}：%{{y:,.2f}}<extra></extra>"),
                          row=1, col=col)
    fig.update_annotations(font_size=13)  # the panel titles: short enough to sit side by side
    fig.update_xaxes(showticklabels=False)
    fig.update_yaxes(rangemode="tozero")
    fig.update_layout(barmode="group", legend={"orientation": "h", "y": -0.08})
    return _style(fig, _("镇街对比"), height=380)


def show(overview: pd.DataFrame, names: list[str], scope) -> None:
    code = lang()
    st.subheader(_("镇街对比"))
    picked = chosen(names)
    st.multiselect(_("选择两个或更多镇街并排对比（链接中保留所选镇街）"), names, key=KEY, on_change=_keep_in_url,
                   placeholder=_("选择镇街"))
    if len(picked) < 2:
        st.caption(_("选择至少两个镇街后，这里并排列出它们的关键数字和来源。"))
        return
    table = figures(overview, picked, scope, code)
    labels = {"measure": _("指标"), **{town: town for town in picked}}
    show_table(table, None, labels)
    roads = pd.concat([towns.road_summary(t, scope) for t in picked])
    quota = pd.concat([towns.insurance(t, scope) for t in picked])
    projects = pd.concat([*(towns.projects(t, scope) for t in picked), towns.district_wide_projects(scope)])
    sources = [(frame.doc_id.iloc[0], sorted(set(frame.line.astype(int)))) for frame in (roads, quota, projects)
               if not frame.empty]
    download_buttons(labelled(table, None, labels), _("镇街对比_{towns}", towns="_".join(picked)), key="towns-compare",
                     sources=sources or None)
    st.caption(_("“重点项目”为位于该镇街的项目加上在各镇（街道）实施的全区项目，与总览、会议模式和 PDF 的口径相同。"))
    for doc_id, lines in sources:
        source_caption(doc_id, lines)
    fig = grouped_chart(overview, picked, scope, code)
    chart(fig, "towns-compare-chart", config=NO_BAR)
