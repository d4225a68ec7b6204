"""专项整治与承诺：所选期次的专项整治方案（阶段、任务、单位分工）、数字化承诺台账和领导小组名单。

A router: header, scope, the town note, the tabs (bound to ?tab=); each tab's body is a function in
views/campaigns/.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.data import campaigns, curated
from ui.filters import scope_description, selected_bulletins, selected_town
from ui.i18n import N_, _, lang, ngettext
from ui.layout import page_header
from ui.links import town_url
from ui.tabs import url_tabs
from views.campaigns import commitments, people, tasks
from views.campaigns import plans as plans_view

TABS = [N_("方案总览"), N_("任务与部门"), N_("承诺与目标"), N_("人员与小组")]
code = lang()

scope = selected_bulletins()
plans = campaigns.plans(scope) if campaigns.row_count("campaign_plans") else pd.DataFrame()
roster_plan = curated.plan_of("rosters", scope)
page_header(_("专项整治与承诺"), _("谁负责什么、什么时候完成：{plans}的阶段、任务和牵头 / 责任 / 配合单位；{scope}中所有带数字的承诺；"
                              "{rosters}。",
                              plans=ngettext("{n} 个专项整治（行动）方案", "{n} 个专项整治（行动）方案", len(plans)) if not plans.empty else _("专项整治方案"),
                              scope=scope_description(scope, code),
                              rosters=_("{district}各领导小组、工作专班和联席会议的成员", district=roster_plan["district"])
                              if roster_plan else _("各领导小组、工作专班和联席会议的成员")))
town = selected_town()
if town:  # one line at the top: this page is not filtered by town
    st.caption(_("说明：本页内容不按镇街筛选。{town}的全部内容见 [镇街画像]({url})。", town=town, url=town_url(town)))

tab_plans, tab_tasks, tab_targets, tab_people = url_tabs("tab", TABS)

if tab_plans.open:
    with tab_plans:
        plans_view.show(plans, scope, tasks_tab=_("任务与部门", code))
if tab_tasks.open:
    with tab_tasks:
        tasks.show(plans, scope)
if tab_targets.open:
    with tab_targets:
        commitments.show(scope)
if tab_people.open:
    with tab_people:
        people.show(scope)
