"""通户道路：各镇街待硬化村数，点击镇街看村名单；时间节点、建设标准、资金分担。"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import charts
from ui import format as fmt
from ui.data import curated
from ui.downloads import download_buttons
from ui.filters import missing_notice, selected_bulletins, selected_town, town_click
from ui.i18n import _, lang, ngettext
from ui.layout import chart, page_header
from ui.provenance import citation, source_caption
from ui.tables import labelled, show_table

ROAD_TOWN_KEY = "road_town"  # the village list's town in the URL

town = selected_town()
code = lang()
plan = curated.plan_of("road_towns", selected_bulletins())
if plan is None:
    page_header(_("农村通户道路硬化"))
    missing_notice("road_towns", _("农村通户道路硬化明细"), "/roads", code)
    st.stop()
# The page shows one plan: the newest in scope (two districts' gazettes would each have one).
scope = (plan["bulletin"],)
page_header(_("农村通户道路硬化"), _("{district}农村通户道路硬化工程：哪些镇街、哪些村，什么时候完成，按什么标准，钱由谁出。",
                               district=plan["district"]))

all_towns = curated.road_towns(bulletins=scope)
uncovered = curated.towns_without_roads(scope)

c1, c2, c3 = st.columns(3)
c1.metric(_("涉及镇街"), f"{len(all_towns)} / {len(all_towns) + len(uncovered)}{fmt.unit_suffix(' 个')}")
c2.metric(_("明细表列出的村"), fmt.integer(all_towns.listed_count.sum(), " 个"))
c3.metric(_("表中“个数”合计"), fmt.integer(all_towns.stated_count.sum(), " 个"))
if not uncovered.empty:
    st.caption(_("明细表未列出以下镇街：{towns}。", towns="、".join(uncovered.town_name)))
if town and town in set(uncovered.town_name):
    st.info(_("{town}不在道路硬化明细表中：该工程没有列出{town}的村。", town=town), icon=":material/info:")

town_names = all_towns.town_name.tolist()
chart(charts.bar_ranked(all_towns, "town_name", "listed_count", _("各镇街待硬化村数（点击条形查看村名单）"),
                        _("村数"), highlight=town, unit=fmt.unit_suffix(" 个")),
      "roads-chart", on_select=town_click("roads-chart", also="road_town"), selection_mode="points",
      stem=_("各镇街待硬化村数"), source=citation(all_towns.doc_id.iloc[0], all_towns.line))
source_caption(all_towns.doc_id.iloc[0], all_towns.line)
mismatch = all_towns[all_towns.stated_count != all_towns.listed_count]
for row in mismatch.itertuples():
    st.warning(_("{town}：表中“个数”为 {stated}，村名列实际列出 {listed} 个。", town=row.town_name,
                 stated=row.stated_count, listed=row.listed_count))

st.subheader(_("村名单"))
default_town = town if town in town_names else town_names[0]
# ?road_town= reopens a shared village list (read once, on the session's first run of this page)
linked = st.query_params.get(ROAD_TOWN_KEY)
if "road_town" not in st.session_state and linked in town_names:
    st.session_state["road_town"] = linked
    st.session_state["_road_town_filter"] = town
if st.session_state.get("road_town") not in town_names or (town and st.session_state.get("_road_town_filter") != town):
    st.session_state["road_town"] = default_town
st.session_state["_road_town_filter"] = town
left, right = st.columns([1, 2])
chosen = left.selectbox(_("镇街"), town_names, key="road_town")
if st.query_params.get(ROAD_TOWN_KEY) != chosen:
    st.query_params[ROAD_TOWN_KEY] = chosen
search = right.text_input(_("搜索村名"), key="road_search", placeholder=_("输入村名的一部分，如 董家"))
villages = curated.road_villages(chosen, search.strip(), bulletins=scope)
shown = villages[["town_name", "seq_in_town", "village_name", "line"]]
listed = int(all_towns.set_index("town_name").loc[chosen, "listed_count"])
st.markdown(ngettext("**{town}** 共列出 {n} 个村", "**{town}** 共列出 {n} 个村", listed, town=chosen)
            + (_("，其中名称含“{search}”的 {k} 个", search=search, k=len(shown)) if search else "") + _("。"))
show_table(shown, "road_villages", height=min(36 * len(shown) + 40, 420))
if search:
    others = curated.road_villages(None, search.strip(), other_than=chosen, bulletins=scope)
    if not others.empty:
        st.caption(_("其他镇街也有同名或相近的村：") + "、".join(f"{r.town_name}·{r.village_name}" for r in others.itertuples()))
download_buttons(labelled(shown, "road_villages"), _("通户道路村名单_{town}", town=chosen), key="villages",
                 sources=[(villages.doc_id.iloc[0], villages.line)] if not villages.empty else None)
if not villages.empty:
    source_caption(villages.doc_id.iloc[0], villages.line)

st.subheader(_("时间节点"))
steps = curated.road_milestones(scope)
if not steps.empty:
    chart(charts.milestones(steps, "deadline", "step_name", _("实施步骤与完成时限"), lang=code), "roads-steps",
          config={"displayModeBar": False}, source=citation(steps.doc_id.iloc[0], steps.line))
    show_table(steps.assign(deadline_text=steps.deadline.map(fmt.cn_date))[["step_no", "step_name", "deadline_text", "text"]],
               "road_milestones", {"deadline_text": _("完成时限")})
    source_caption(steps.doc_id.iloc[0], steps.line)

left, right = st.columns(2)
with left:
    st.subheader(_("建设标准"))
    standards = curated.road_standards(scope)
    for row in standards.itertuples():
        st.markdown(f"- **{row.item}**：{row.text}" if row.item else f"- {row.text}")
    if not standards.empty:
        source_caption(standards.doc_id.iloc[0], standards.line)
with right:
    st.subheader(_("资金分担"))
    funding = curated.road_funding(scope)
    if not funding.empty:
        # parties named with a ratio (8:2) have a share; the one bearing "剩余不足部分" has none (NULL in
        # road_funding.share_pct by design): it is named with its basis, never as a percentage
        ratio = funding[funding.share_pct.notna()]
        if not ratio.empty:
            chart(charts.share_donut(ratio, "party", "share_pct", _("建设资金分担比例")), "roads-funding",
                  config={"displayModeBar": False}, source=citation(funding.doc_id.iloc[0], funding.line))
        for row in funding.itertuples():
            share = (_("{share}%", share=f"{float(row.share_pct):g}") if pd.notna(row.share_pct)
                     else _("承担剩余不足部分"))
            st.caption(f"{row.party}：{share} — {row.text}")
        source_caption(funding.doc_id.iloc[0], funding.line)

indicator = curated.rural_indicator("户户通", scope)
if not indicator.empty:
    st.subheader(_("相关指标"))
    row = indicator.iloc[0]
    years = curated.rural_indicator_years(row["doc_id"])
    cells = st.columns(len(years) + 1)
    for cell, (role, year) in zip(cells, years):
        label = _("{name}（{year} 年）", name=row["name"], year=year) if role == "base" else _("{year} 年目标", year=year)
        cell.metric(label, f"{row[f'{role}_{year}']}{row.unit or ''}")
    cells[-1].metric(_("属性"), row.attribute, help=_("年均增速列：{growth}", growth=row.growth_text))
    source_caption(row.doc_id, int(row.line), note=_("（乡村振兴指标体系）"))
