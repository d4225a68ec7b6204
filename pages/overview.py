"""总览：资金从哪里来、到哪里去，多少村要硬化道路，多少人要参保——所选期次中的关键数字。"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import charts, glossary
from ui import format as fmt
from ui.briefing import project_figure
from ui.data import curated
from ui.filters import scope_description, selected_bulletins, selected_town, town_click
from ui.i18n import _, lang
from ui.layout import chart, page_header
from ui.provenance import citation, source_caption

town = selected_town()
scope = selected_bulletins()
code = lang()
page_header(_("公报看板 · 总览"), _("{scope}中的关键数字。", scope=scope_description(scope, code))
            + (_("当前筛选：**{town}**。", town=town) if town else "")
            + _("点击镇街条形即可按该镇街筛选。"))

fund_plan = curated.plan_of("fund_totals", scope)
# One fund plan and one quota table: the newest in scope (two districts' gazettes would each have one).
totals = curated.fund_totals(scope)
totals = totals[totals.doc_id == fund_plan["doc_id"]].set_index("measure") if fund_plan else totals.set_index("measure")
sources = curated.fund_by_source(scope)
projects = curated.fund_projects(town=town, bulletins=scope)
road_towns = curated.road_towns(town, scope)
quota = curated.insurance_quota(town, scope)
quality = curated.quality_counts(scope)

total = totals.loc["统筹整合资金总额"] if "统筹整合资金总额" in totals.index else None
change = totals.loc["比上年增减"] if "比上年增减" in totals.index else None
prior_year = fund_plan["year"] - 1 if fund_plan and fund_plan["year"] else None

cols = st.columns(5)
cols[0].metric(_("统筹整合涉农资金"), fmt.money(total["value"]) if total is not None else "—",
               delta=(_("{change:+.1f}% 比 {year} 年", change=float(change["value"]), year=prior_year) if prior_year
                      else _("{change:+.1f}% 比上年", change=float(change["value"]))) if change is not None else None,
               delta_color="normal", help=_("全区口径；文件写明的总额与同比变化。"))
project_count = project_figure(town, code, scope)  # the same figure and words as the town profile and slides
cols[1].metric(project_count.label, project_count.value, delta=project_count.note or None, delta_color="off",
               delta_arrow="off", help=_("涉农资金方案列出的重点项目") + (_("（含在该镇街或全区各镇街实施的）") if town else ""))
cols[2].metric(_("待硬化道路的村"),
               fmt.integer(road_towns["listed_count"].sum(), " 个") if not road_towns.empty else _("未涉及"),
               help=_("通户道路硬化工程明细表中列出的村"))
cols[3].metric(_("{year} 年医保征缴任务（人）", year=int(quota.year.iloc[0])) if not quota.empty
               else _("医保征缴任务（人）"), fmt.integer(quota["quota_persons"].sum()) if not quota.empty else "—")
open_warnings = quality.get("warn", 0) + quality.get("error", 0)
cols[4].metric(_("数据核对提示"), fmt.integer(open_warnings, " 项"),
               help=_("文件数字核对：通过 {ok} 项；不一致或缺失的在“数据”页逐项列出。", ok=quality.get("ok", 0)))

if total is not None:
    source_caption(total["doc_id"], int(total["line"]), note=_("（总额与同比）"))

no_bar = {"displayModeBar": False}
left, middle, right = st.columns(3)
with left:
    if not sources.empty:
        chart(charts.bar_ranked(glossary.localise_frame(sources), "source_name", "amount_wan", _("资金来源（万元）"), _("金额（万元）"),
                                text_format=",.2f"), "ov-funds", config=no_bar,
              source=citation(sources.doc_id.iloc[0], sources.line))
    else:
        st.caption(_("所选期次没有涉农资金方案。"))
    st.page_link("pages/funds.py", label=_("查看涉农资金详情"), icon=":material/arrow_forward:")
with middle:
    all_roads = curated.road_towns(bulletins=scope)
    if not all_roads.empty:
        # the towns the plan lists no village for are shown with 0, as on the town profile
        none_listed = curated.towns_without_roads(scope)[["town_name"]].assign(listed_count=0)
        road_bars = pd.concat([all_roads[["town_name", "listed_count"]], none_listed], ignore_index=True)
        road_fig = charts.bar_ranked(road_bars, "town_name", "listed_count", _("各镇街待硬化村数"), _("村数"),
                                     highlight=town, unit=fmt.unit_suffix(" 个"))
        road_fig.update_traces(textposition=["outside" if v == 0 else "auto" for v in road_fig.data[0].x])  # "0 个"
        chart(road_fig, "ov-roads", config=no_bar,
              source=citation(all_roads.doc_id.iloc[0], all_roads.line),
              on_select=town_click("ov-roads"), selection_mode="points")
        if town and road_towns.empty:
            st.info(_("道路硬化明细表未列出{town}的村。", town=town))
    else:
        st.caption(_("所选期次没有通户道路硬化明细。"))
    st.page_link("pages/roads.py", label=_("查看通户道路详情"), icon=":material/arrow_forward:")
with right:
    all_quota = curated.insurance_quota(bulletins=scope)
    if not all_quota.empty:
        chart(charts.bar_ranked(all_quota, "town_name", "quota_persons", _("各镇街医保征缴任务（人）"),
                                _("人数"), highlight=town, unit=fmt.unit_suffix(" 人")), "ov-ins", config=no_bar,
              source=citation(all_quota.doc_id.iloc[0], all_quota.line),
              on_select=town_click("ov-ins"), selection_mode="points")
    else:
        st.caption(_("所选期次没有医保征缴任务表。"))
    st.page_link("pages/insurance.py", label=_("查看医保征缴详情"), icon=":material/arrow_forward:")
