"""涉农资金：来源、领域、任务性质，点击领域看重点项目；乡村振兴指标。"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import charts
from ui import format as fmt
from ui.data import curated
from ui.downloads import download_buttons
from ui.filters import missing_notice, selected_bulletins, selected_town
from ui.i18n import _, lang
from ui.layout import chart, page_header
from ui.provenance import citation, source_caption
from ui.selection import click_sets
from ui.tables import labelled, show_table, with_total_note

town = selected_town()
code = lang()
scope = selected_bulletins()
ALL_SECTORS = _("全部领域")
plan = curated.plan_of("fund_totals", scope) or curated.plan_of("fund_by_source", scope)
if plan is None:
    page_header(_("涉农资金统筹整合"))
    missing_notice("fund_by_source", _("涉农资金统筹整合方案"), "/funds", code)
    st.stop()
# The page shows one plan: the newest in scope (two districts' gazettes would each have one).
plan_scope = (plan["bulletin"],)
all_projects = curated.fund_projects(bulletins=plan_scope)
page_header(_("涉农资金统筹整合"), _("{year} 年度{district}纳入统筹整合的涉农资金：从哪里来（来源）、用到哪里（领域、任务性质），"
                             "以及 {n} 个重点项目。资金总额为全区口径", year=plan["year"], district=plan["district"],
                             n=len(all_projects))
            + (_("；镇街筛选（{town}）作用于重点项目。", town=town) if town else _("。")))

totals = curated.fund_totals(plan_scope).set_index("measure")
sources = curated.fund_by_source(plan_scope)
sectors = curated.fund_by_sector(plan_scope)
natures = curated.fund_by_task_nature(plan_scope)
AMOUNT = _("金额（万元）")

if "统筹整合资金总额" in totals.index:
    total = totals.loc["统筹整合资金总额"]
    c1, c2, c3 = st.columns(3)
    c1.metric(_("统筹整合资金总额"), fmt.wan(total["value"], 2), help=_("原文：{v} 万元", v=fmt.exact(total["value"])))
    if "比上年增减" in totals.index:
        c2.metric(_("比 {year} 年", year=plan["year"] - 1) if plan["year"] else _("比上年"),
                  f"{float(totals.loc['比上年增减', 'value']):+.1f}%")
    c3.metric(_("来源 / 领域 / 任务性质"), f"{len(sources)} / {len(sectors)} / {len(natures)} " + _("类"))
    source_caption(total["doc_id"], int(total["line"]))

tab_source, tab_sector, tab_nature, tab_flow = st.tabs([_("按资金来源"), _("按任务领域"), _("按任务性质"), _("资金流向")])

with tab_source:
    src_cite = citation(sources.doc_id.iloc[0], sources.line) if not sources.empty else None
    chart(charts.funds_treemap(sources, "source_name", _("按资金来源分（万元）"), lang=code), "fund-src-tree",
          source=src_cite)
    shown = sources[["source_name", "amount_wan", "share_pct_stated", "share_pct", "line"]]
    show_table(shown, "fund_by_source")
    differs = sources[(sources.share_pct_stated - sources.share_pct).abs() > 0.005]
    if not differs.empty:
        st.warning(_("以下来源的文件写明占比与按金额计算的不一致（未作修改，按原文展示）：")
                   + _("；").join(_("{name} 写明 {stated:.2f}%，计算 {computed:.2f}%", name=r.source_name,
                                    stated=r.share_pct_stated, computed=r.share_pct) for r in differs.itertuples()),
                   icon=":material/rule:")
        chart(charts.share_comparison(sources, "source_name", lang=code), "fund-src-share", source=src_cite)
    source_caption(sources.doc_id.iloc[0], sources.line)
    download_buttons(labelled(shown, "fund_by_source"), _("涉农资金_按来源"), key="src",
                     sources=[(sources.doc_id.iloc[0], sources.line)] if not sources.empty else None)

with tab_sector:
    sector_names = sectors.sector_name.tolist()
    chart(charts.bar_ranked(sectors, "sector_name", "amount_wan", _("按任务领域分（点击条形查看重点项目）"), AMOUNT,
                            text_format=",.2f"),
          "fund-sector-chart", on_select=click_sets("fund_sector", "fund-sector-chart", allowed=sector_names),
          selection_mode="points", source=citation(sectors.doc_id.iloc[0], sectors.line) if not sectors.empty else None)
    shown = sectors[["sector_name", "amount_wan", "share_pct", "line"]]
    show_table(shown, "fund_by_sector")
    source_caption(sectors.doc_id.iloc[0], sectors.line)
    download_buttons(labelled(shown, "fund_by_sector"), _("涉农资金_按领域"), key="sector",
                     sources=[(sectors.doc_id.iloc[0], sectors.line)] if not sectors.empty else None)

with tab_nature:
    chart(charts.bar_ranked(natures, "nature_name", "amount_wan", _("按任务性质分（万元）"), AMOUNT,
                            text_format=",.2f"), "fund-nature-chart",
          source=citation(natures.doc_id.iloc[0], natures.line) if not natures.empty else None)
    shown = natures[["nature_name", "amount_wan", "share_pct", "line"]]
    show_table(shown, "fund_by_task_nature")
    source_caption(natures.doc_id.iloc[0], natures.line)
    download_buttons(labelled(shown, "fund_by_task_nature"), _("涉农资金_按任务性质"), key="nature",
                     sources=[(natures.doc_id.iloc[0], natures.line)] if not natures.empty else None)

with tab_flow:
    upper_sources = [s for s in sources.source_name if s in ("中央资金", "省级资金", "市级资金")]
    upper_natures = [n for n in natures.nature_name if n.startswith("上级") or "省市" in n]
    flow_lines = [*sources.line, *natures.line]
    chart(charts.flow_sankey(sources, natures, upper_sources, upper_natures, lang=code), "fund-flow",
          source=citation(natures.doc_id.iloc[0], flow_lines) if not natures.empty else None)
    up_sum = sources[sources.source_name.isin(upper_sources)].amount_wan.sum()
    down_sum = natures[natures.nature_name.isin(upper_natures)].amount_wan.sum()
    st.markdown(_("中央、省级、市级资金合计 **{up} 万元**；上级约束性任务与省市统筹使用资金合计 **{down} 万元**",
                  up=fmt.exact(up_sum), down=fmt.exact(down_sum))
                + (_("，两者一致。") if abs(up_sum - down_sum) < 1e-6 else
                   _("，相差 {diff} 万元。", diff=fmt.exact(up_sum - down_sum))))
    st.caption(_("文件只给出两种口径的合计，没有给出来源与任务性质的交叉明细，因此图中经“上级资金合计”汇总，不作拆分。"))
    source_caption(natures.doc_id.iloc[0], flow_lines)

st.header(_("重点项目"))
sector_options = [ALL_SECTORS, *sectors.sector_name]
if st.session_state.get("fund_sector") not in sector_options:  # first visit, or the language changed
    st.session_state["fund_sector"] = ALL_SECTORS
chosen = st.selectbox(_("领域（也可点击上方“按任务领域”图中的条形）"), sector_options, key="fund_sector")
projects = curated.fund_projects(None if chosen == ALL_SECTORS else chosen, town, plan_scope)
if projects.empty:
    st.info(_("{sector}没有列出重点项目", sector=chosen if chosen != ALL_SECTORS else "")
            + (_("（在{town}或全区实施的）。", town=town) if town else _("。")))
else:
    project_sources = curated.fund_project_sources(tuple(int(n) for n in projects.project_no), plan_scope)
    listing = with_total_note(projects)[["project_no", "sector_name", "project_name", "area", "total_wan",
                                          "total_note", "start_month", "end_month"]]
    show_table(listing, "fund_projects")
    download_buttons(labelled(listing, "fund_projects"), _("重点项目_{sector}", sector=chosen), key="projects",
                     sources=[(projects.doc_id.iloc[0], projects.line)])
    dated = projects.dropna(subset=["start_month", "end_month"]).assign(
        开始=lambda d: d.start_month + "-01", 结束=lambda d: pd.to_datetime(d.end_month + "-01") + pd.offsets.MonthEnd(0))
    if not dated.empty:
        chart(charts.timeline(dated, "开始", "结束", "project_name", _("进度安排"), colour="sector_name",
                              legend_title=_("领域"), tickformat=_("%Y年%m月")),
              "fund-project-timeline", source=citation(dated.doc_id.iloc[0], dated.line))
    for project in projects.itertuples():
        with st.expander(f"{project.project_no}. {project.project_name}（{project.sector_name}）",
                         expanded=len(projects) == 1 or chosen != ALL_SECTORS):
            money_rows = project_sources[project_sources.project_no == project.project_no]
            a, b = st.columns([2, 3])
            a.markdown(f"**{_('实施区域')}**：{project.area or '—'}")
            total = fmt.wan(project.total_wan) if project.total_stated else _("文件未写明总投资")
            a.markdown(f"**{_('总投资')}**：{total}")
            a.markdown(f"**{_('进度安排')}**：{project.schedule_text or '—'}")
            a.markdown("**{}**：{}".format(_("绩效目标"), project.target_text or "—"))
            if not money_rows.empty:
                rows = money_rows.assign(amount=money_rows.amount_wan.map(
                    lambda v: _("文件未写金额") if pd.isna(v) else fmt.wan(v)))[["source_name", "amount"]]
                with b:
                    show_table(rows, "fund_project_sources", {"source_name": _("资金来源")})
                with_amount = money_rows.dropna(subset=["amount_wan"])
                if len(with_amount) > 1:
                    with b:
                        chart(charts.bar_ranked(with_amount, "source_name", "amount_wan", _("资金来源（万元）"),
                                                AMOUNT, text_format=",.2f"), f"proj-src-{project.project_no}",
                              stem=f"{project.project_name}_{_('资金来源')}",
                              source=citation(project.doc_id, with_amount.line))
            source_caption(project.doc_id, int(project.line))

st.header(_("乡村振兴指标体系"))
# The indicator table of this page's document, filtered by category in SQL.
fund_doc = plan["doc_id"]
categories = st.multiselect(_("类别"), curated.rural_indicator_categories(fund_doc), placeholder=_("全部类别"),
                            key="ind_cats")
shown_ind = curated.rural_indicators(tuple(categories), fund_doc)
year_columns = {f"{role}_{year}": (_("{year} 年基期值", year=year) if role == "base" else _("{year} 年目标", year=year))
                for role, year in curated.rural_indicator_years(fund_doc)}
table = shown_ind[["seq", "category", "name", "unit", *[c for c in year_columns if c in shown_ind],
                   "growth_text", "attribute"]]
show_table(table, "rural_indicators", year_columns, height=min(38 * len(table) + 40, 700))
st.caption(_("年均增速列中方括号内的数字为累计变化（百分点或个数），不是增长率；“—”表示文件未给出。"))
if not shown_ind.empty:
    source_caption(shown_ind.doc_id.iloc[0], shown_ind.line)
download_buttons(labelled(table, "rural_indicators", year_columns), _("乡村振兴指标"), key="indicators",
                 sources=[(shown_ind.doc_id.iloc[0], shown_ind.line)] if not shown_ind.empty else None)

issues = curated.data_quality(("warn", "error"), fund_doc)
if not issues.empty:
    with st.expander(_("本文件的数据核对提示（{n} 项）", n=len(issues)), icon=":material/rule:"):
        for row in issues.itertuples():
            st.markdown(_("- **{subject}**：{message}（原文第 {line} 行）", subject=row.subject, message=row.message,
                          line=row.line))
