"""镇街画像：一个镇街在公报里的全部内容——道路硬化村、医保任务与电话、重点项目、非遗、小组成员、核对提示。

A router: header, the town picker (bound to the sidebar filter and ?town=), then the district view
(every town, and the side-by-side comparison of chosen towns) or one town's profile; the bodies are in
views/towns/.
"""
from __future__ import annotations

import streamlit as st

from ui.data import people, towns
from ui.filters import ALL_TOWNS, TOWN_KEY, scope_description, selected_bulletins, selected_district, selected_town
from ui.i18n import _, lang
from ui.layout import page_header
from views.towns import compare, district, profile, sections

PICK_KEY = "town_profile"
code = lang()
scope = selected_bulletins()
names = towns.town_names(selected_district())

page_header(_("镇街画像"), _("每个镇街在{scope}中出现的全部内容：通户道路硬化的村、医保征缴任务与咨询电话、"
                         "涉农资金重点项目、非物质文化遗产、在各领导小组中的成员，以及与该镇街有关的数据核对结果。",
                         scope=scope_description(scope, code)))


def _pick_town() -> None:
    # The page selectbox drives the shared sidebar filter (and so the ?town= link).
    st.session_state[TOWN_KEY] = st.session_state[PICK_KEY]


def town_option(value: str) -> str:
    # Formatted with the language fixed now (a format_func may run outside this run).
    return _("全区：各镇街对比", code) if value == ALL_TOWNS else value


st.session_state[PICK_KEY] = selected_town() or ALL_TOWNS
st.selectbox(_("选择镇街（与左侧“镇街筛选”同步）"), [ALL_TOWNS, *names], key=PICK_KEY, on_change=_pick_town,
             format_func=town_option)
town = selected_town()

overview = towns.overview(town, scope)
if overview.empty:
    st.error(_("数据库中没有镇街数据。请重新构建数据：python -m loaders.build"))
    st.stop()

if town is None:  # 全区：各镇街对比
    compare.show(overview, names, scope)
    district.show(overview, scope)
    st.stop()

# 单个镇街
roads = towns.road_summary(town, scope)
villages = towns.road_villages(town, scope)
quota = towns.insurance(town, scope)
projects = towns.projects(town, scope)
heritage = towns.heritage(town, scope)
members = people.town_members(town, scope)

profile.header(town, scope, villages, roads, quota, projects, heritage, members)
sections.roads(town, scope, villages, roads)
sections.insurance(town, scope, quota, overview)
sections.projects(town, scope, projects)
sections.heritage(town, heritage)
sections.members(town, members)
sections.targets(town, scope, code)
sections.notes(town, towns.quality_notes(town, scope), code)
sections.links(town, code)
