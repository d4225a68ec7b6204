"""涉农资金：来源、领域、任务性质，点击领域看重点项目；乡村振兴指标。

This file only routes; each part is a function in views/funds/. The chosen sector and the open
breakdown tab are kept in the URL (?sector=, ?tab=), so a shared link reopens them.
"""
from __future__ import annotations

import streamlit as st

from ui.data import curated
from ui.filters import missing_notice, selected_bulletins, selected_town
from ui.i18n import N_, _, lang
from ui.layout import page_header
from ui.tabs import url_tabs
from views.funds import indicators, overview, projects, tabs
from views.funds.common import sector_colours

TABS = [N_("按资金来源"), N_("按任务领域"), N_("按任务性质"), N_("资金流向")]

town = selected_town()
scope = selected_bulletins()
plan = curated.plan_of("fund_totals", scope) or curated.plan_of("fund_by_source", scope)
if plan is None:
    page_header(_("涉农资金统筹整合"))
    missing_notice("fund_by_source", _("涉农资金统筹整合方案"), "/funds", lang())
    st.stop()
# The page shows one plan: the newest in scope (two districts' gazettes would each have one).
plan_scope = (plan["bulletin"],)
all_projects = curated.fund_projects(bulletins=plan_scope)
page_header(_("涉农资金统筹整合"), _("{year} 年度{district}纳入统筹整合的涉农资金：从哪里来（来源）、用到哪里（领域、任务性质），"
                             "以及 {n} 个重点项目。资金总额为全区口径", year=plan["year"], district=plan["district"],
                             n=len(all_projects))
            + (_("；镇街筛选（{town}）作用于重点项目。", town=town) if town else _("。")))

sources = curated.fund_by_source(plan_scope)
sectors = curated.fund_by_sector(plan_scope)
natures = curated.fund_by_task_nature(plan_scope)
AMOUNT = _("金额（万元）")
overview.metrics(curated.fund_totals(plan_scope).set_index("measure"), plan["year"],
                 (len(sources), len(sectors), len(natures)))

sector_names = [str(s) for s in sectors.sector_name]
chosen = projects.init_sector(sector_names)
shown_projects = curated.fund_projects(None if chosen == projects.all_sectors() else chosen, town, plan_scope)

# Only the open tab is drawn (a language or town change redraws one breakdown, not four); it is in the URL.
# A link with a chosen sector and no tab opens the sector bars, where the choice is shown.
tab_source, tab_sector, tab_nature, tab_flow = url_tabs(
    "tab", TABS, fallback=TABS[1] if chosen != projects.all_sectors() else None)
if tab_source.open:
    with tab_source:
        tabs.by_source(sources)
if tab_sector.open:
    with tab_sector:
        tabs.by_sector(sectors, AMOUNT, chosen, len(shown_projects))
if tab_nature.open:
    with tab_nature:
        tabs.by_nature(natures, AMOUNT)
if tab_flow.open:
    with tab_flow:
        tabs.flow(sources, natures)

st.header(_("重点项目"), anchor=projects.ANCHOR)
chosen = projects.sector_picker(sector_names)
project_sources = (curated.fund_project_sources(tuple(int(n) for n in shown_projects.project_no), plan_scope)
                   if not shown_projects.empty else None)
projects.project_list(shown_projects, project_sources, chosen, town, sector_colours(sectors), AMOUNT)

st.header(_("乡村振兴指标体系"))
indicators.indicators(plan["doc_id"])
indicators.data_checks(plan["doc_id"])
