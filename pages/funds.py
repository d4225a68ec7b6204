"""涉农资金：来源、领域、任务性质，点击领域看重点项目；乡村振兴指标。"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from store import curated
from ui import charts, format as fmt
from ui.downloads import download_buttons
from ui.filters import selected_town
from ui.layout import page_header
from ui.provenance import source_caption
from ui.selection import click_sets

town = selected_town()
page_header("涉农资金统筹整合", "2020 年度济阳区纳入统筹整合的涉农资金：从哪里来（来源）、用到哪里（领域、任务性质），"
            "以及六个重点项目。资金总额为全区口径" + (f"；镇街筛选（{town}）作用于重点项目。" if town else "。"))

totals = curated.fund_totals().set_index("measure")
sources = curated.fund_by_source()
sectors = curated.fund_by_sector()
natures = curated.fund_by_task_nature()

if "统筹整合资金总额" in totals.index:
    total = totals.loc["统筹整合资金总额"]
    c1, c2, c3 = st.columns(3)
    c1.metric("统筹整合资金总额", fmt.wan(total["value"], 2), help=f"原文：{fmt.exact(total['value'])} 万元")
    if "比上年增减" in totals.index:
        c2.metric("比 2019 年", f"{float(totals.loc['比上年增减', 'value']):+.1f}%")
    c3.metric("来源 / 领域 / 任务性质", f"{len(sources)} / {len(sectors)} / {len(natures)} 类")
    source_caption(total["doc_id"], int(total["line"]))

tab_source, tab_sector, tab_nature, tab_flow = st.tabs(["按资金来源", "按任务领域", "按任务性质", "资金流向"])

with tab_source:
    st.plotly_chart(charts.funds_treemap(sources, "source_name", "按资金来源分（万元）"), key="fund-src-tree")
    shown = sources[["source_name", "amount_wan", "share_pct_stated", "share_pct", "line"]].rename(columns={
        "source_name": "来源", "amount_wan": "金额（万元）", "share_pct_stated": "文件写明占比（%）",
        "share_pct": "按金额计算占比（%）", "line": "原文行"})
    st.dataframe(shown, hide_index=True, width="stretch", column_config={
        "金额（万元）": st.column_config.NumberColumn(format="%.6f"),
        "文件写明占比（%）": st.column_config.NumberColumn(format="%.2f"),
        "按金额计算占比（%）": st.column_config.NumberColumn(format="%.2f")})
    differs = sources[(sources.share_pct_stated - sources.share_pct).abs() > 0.005]
    if not differs.empty:
        st.warning("以下来源的文件写明占比与按金额计算的不一致（未作修改，按原文展示）："
                   + "；".join(f"{r.source_name} 写明 {r.share_pct_stated:.2f}%，计算 {r.share_pct:.2f}%"
                              for r in differs.itertuples()), icon=":material/rule:")
        st.plotly_chart(charts.share_comparison(sources, "source_name"), key="fund-src-share")
    source_caption(sources.doc_id.iloc[0], sources.line)
    download_buttons(shown, "涉农资金_按来源", key="src")

with tab_sector:
    sector_names = sectors.sector_name.tolist()
    st.plotly_chart(charts.bar_ranked(sectors, "sector_name", "amount_wan", "按任务领域分（点击条形查看重点项目）",
                                      "金额（万元）", text_format=",.2f"),
                    key="fund-sector-chart", on_select=click_sets("fund_sector", "fund-sector-chart",
                                                                  allowed=sector_names),
                    selection_mode="points")
    shown = sectors[["sector_name", "amount_wan", "share_pct", "line"]].rename(columns={
        "sector_name": "领域", "amount_wan": "金额（万元）", "share_pct": "占比（%）", "line": "原文行"})
    st.dataframe(shown, hide_index=True, width="stretch",
                 column_config={"金额（万元）": st.column_config.NumberColumn(format="%.6f")})
    source_caption(sectors.doc_id.iloc[0], sectors.line)
    download_buttons(shown, "涉农资金_按领域", key="sector")

with tab_nature:
    st.plotly_chart(charts.bar_ranked(natures, "nature_name", "amount_wan", "按任务性质分（万元）", "金额（万元）",
                                      text_format=",.2f"), key="fund-nature-chart")
    shown = natures[["nature_name", "amount_wan", "share_pct", "line"]].rename(columns={
        "nature_name": "任务性质", "amount_wan": "金额（万元）", "share_pct": "占比（%）", "line": "原文行"})
    st.dataframe(shown, hide_index=True, width="stretch",
                 column_config={"金额（万元）": st.column_config.NumberColumn(format="%.6f")})
    source_caption(natures.doc_id.iloc[0], natures.line)
    download_buttons(shown, "涉农资金_按任务性质", key="nature")

with tab_flow:
    upper_sources = [s for s in sources.source_name if s in ("中央资金", "省级资金", "市级资金")]
    upper_natures = [n for n in natures.nature_name if n.startswith("上级") or "省市" in n]
    st.plotly_chart(charts.flow_sankey(sources, natures, upper_sources, upper_natures), key="fund-flow")
    up_sum = sources[sources.source_name.isin(upper_sources)].amount_wan.sum()
    down_sum = natures[natures.nature_name.isin(upper_natures)].amount_wan.sum()
    st.markdown(f"中央、省级、市级资金合计 **{fmt.exact(up_sum)} 万元**；上级约束性任务与省市统筹使用资金合计 "
                f"**{fmt.exact(down_sum)} 万元**" + ("，两者一致。" if abs(up_sum - down_sum) < 1e-6 else
                                                  f"，相差 {fmt.exact(up_sum - down_sum)} 万元。"))
    st.caption("文件只给出两种口径的合计，没有给出来源与任务性质的交叉明细，因此图中经“上级资金合计”汇总，不作拆分。")
    source_caption(natures.doc_id.iloc[0], [*sources.line, *natures.line])

st.header("重点项目")
sector_options = ["全部领域", *sectors.sector_name]
st.session_state.setdefault("fund_sector", "全部领域")
chosen = st.selectbox("领域（也可点击上方“按任务领域”图中的条形）", sector_options, key="fund_sector")
projects = curated.fund_projects(None if chosen == "全部领域" else chosen, town)
if projects.empty:
    st.info(f"{chosen if chosen != '全部领域' else ''}没有列出重点项目" + (f"（在{town}或全区实施的）。" if town else "。"))
else:
    project_sources = curated.fund_project_sources(tuple(int(n) for n in projects.project_no))
    listing = projects[["project_no", "sector_name", "project_name", "area", "total_wan", "start_month",
                        "end_month"]].rename(columns={
        "project_no": "序号", "sector_name": "领域", "project_name": "项目", "area": "实施区域",
        "total_wan": "总投资（万元）", "start_month": "开始", "end_month": "完成"})
    listing["总投资（万元）"] = [fmt.exact(v) if stated else "未写明" for v, stated in
                                zip(projects.total_wan, projects.total_stated)]
    st.dataframe(listing, hide_index=True, width="stretch")
    download_buttons(listing, f"重点项目_{chosen}", key="projects")
    dated = projects.dropna(subset=["start_month", "end_month"]).assign(
        开始=lambda d: d.start_month + "-01", 结束=lambda d: pd.to_datetime(d.end_month + "-01") + pd.offsets.MonthEnd(0))
    if not dated.empty:
        st.plotly_chart(charts.timeline(dated, "开始", "结束", "project_name", "进度安排", colour="sector_name",
                                        legend_title="领域"),
                        key="fund-project-timeline")
    for project in projects.itertuples():
        with st.expander(f"{project.project_no}. {project.project_name}（{project.sector_name}）",
                         expanded=len(projects) == 1 or chosen != "全部领域"):
            money_rows = project_sources[project_sources.project_no == project.project_no]
            a, b = st.columns([2, 3])
            a.markdown(f"**实施区域**：{project.area or '—'}")
            a.markdown(f"**总投资**：{fmt.wan(project.total_wan) if project.total_stated else '文件未写明总投资'}")
            a.markdown(f"**进度安排**：{project.schedule_text or '—'}")
            a.markdown(f"**绩效目标**：{project.target_text or '—'}")
            if not money_rows.empty:
                rows = money_rows.assign(金额=money_rows.amount_wan.map(
                    lambda v: "文件未写金额" if pd.isna(v) else fmt.wan(v)))[["source_name", "金额"]]
                b.dataframe(rows.rename(columns={"source_name": "资金来源"}), hide_index=True, width="stretch")
                with_amount = money_rows.dropna(subset=["amount_wan"])
                if len(with_amount) > 1:
                    b.plotly_chart(charts.bar_ranked(with_amount, "source_name", "amount_wan", "资金来源（万元）",
                                                     "金额（万元）", text_format=",.2f"),
                                   key=f"proj-src-{project.project_no}")
            source_caption(project.doc_id, int(project.line))

st.header("乡村振兴指标体系")
indicators = curated.rural_indicators()
categories = st.multiselect("类别", indicators.category.unique().tolist(), placeholder="全部类别", key="ind_cats")
shown_ind = indicators[indicators.category.isin(categories)] if categories else indicators
table = shown_ind[["seq", "category", "name", "unit", "base_2017_text", "target_2020_text", "target_2022_text",
                   "growth_text", "attribute"]].rename(columns={
    "seq": "序号", "category": "类别", "name": "指标", "unit": "单位", "base_2017_text": "2017 年基期值",
    "target_2020_text": "2020 年目标", "target_2022_text": "2022 年目标", "growth_text": "年均增速",
    "attribute": "属性"})
st.dataframe(table, hide_index=True, width="stretch", height=min(38 * len(table) + 40, 700))
st.caption("年均增速列中方括号内的数字为累计变化（百分点或个数），不是增长率；“—”表示文件未给出。")
if not shown_ind.empty:
    source_caption(shown_ind.doc_id.iloc[0], shown_ind.line)
download_buttons(table, "乡村振兴指标", key="indicators")

issues = curated.data_quality(("warn", "error"), sources.doc_id.iloc[0] if not sources.empty else None)
if not issues.empty:
    with st.expander(f"本文件的数据核对提示（{len(issues)} 项）", icon=":material/rule:"):
        for row in issues.itertuples():
            st.markdown(f"- **{row.subject}**：{row.message}（原文第 {row.line} 行）")
