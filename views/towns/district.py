"""全区：各镇街对比 — the table of every town and the two ranked charts."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import charts
from ui import format as fmt
from ui.data import towns
from ui.downloads import download_buttons
from ui.i18n import _
from ui.layout import chart
from ui.links import TOWN_LINK_DISPLAY, town_url
from ui.provenance import citation, source_caption
from ui.tables import labelled, show_table
from views.towns.common import NO_BAR, document_title, quota_label


def show(overview: pd.DataFrame, scope) -> None:
    quota_rows = towns.quota_rows(scope)
    QUOTA_LABEL = quota_label(quota_rows)
    st.subheader(_("各镇街一览"))
    st.caption(_("点击镇街名称打开该镇街的画像；也可在上方或左侧选择。"))
    PROFILE = _("画像")
    columns = ["kind", "road_villages", "quota_persons", "quota_share_pct", "projects", "heritage", "members",
               "warnings"]
    # "projects" here are those located in the town; the profile, the overview and the slides add the
    # district-wide ones and say so — the heading keeps the two apart.
    overview_labels = {"kind": _("类型"), "projects": _("位于本镇街的重点项目"),
                       "quota_persons": QUOTA_LABEL + _("（人）"), "profile": PROFILE}
    table = overview.assign(profile=overview.town_name.map(town_url))[["profile", *columns]]
    show_table(table, "towns", overview_labels, column_config={
        PROFILE: st.column_config.LinkColumn(_("镇街"), display_text=TOWN_LINK_DISPLAY)})
    download_buttons(labelled(overview[["town_name", *columns]], "towns", overview_labels), _("镇街一览"),
                     key="towns-all")
    road_rows = towns.road_rows(scope)
    st.caption(_("道路村数来自{roads}的明细表；征缴任务来自{quota}；"
                 "重点项目、非遗项目按文件中写明的实施地点或申报地点计入镇街；领导小组成员按职务中写明的镇街计入。",
                 roads=document_title(road_rows), quota=document_title(quota_rows)))
    left, right = st.columns(2)
    with left:
        chart(charts.bar_ranked(overview, "town_name", "road_villages", _("各镇街待硬化道路村数"), _("村数"),
                                unit=fmt.unit_suffix(" 个")), "towns-roads", config=NO_BAR,
              source=citation(road_rows.doc_id.iloc[0], road_rows.line) if not road_rows.empty else None)
        uncovered = overview[overview.road_villages_stated.isna()].town_name
        if len(uncovered):
            st.caption(_("明细表未列出：{towns}（图中为 0）。", towns="、".join(uncovered)))
        if not road_rows.empty:
            source_caption(road_rows.doc_id.iloc[0], road_rows.line)
    with right:
        chart(charts.bar_ranked(overview.dropna(subset=["quota_persons"]), "town_name", "quota_persons",
                                _("各镇街{label}", label=QUOTA_LABEL), _("人数"), unit=fmt.unit_suffix(" 人")), "towns-quota", config=NO_BAR,
              source=citation(quota_rows.doc_id.iloc[0], quota_rows.line) if not quota_rows.empty else None)
        if not quota_rows.empty:
            source_caption(quota_rows.doc_id.iloc[0], quota_rows.line)
