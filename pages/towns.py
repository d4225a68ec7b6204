"""镇街画像：一个镇街在公报里的全部内容——道路硬化村、医保任务与电话、重点项目、非遗、小组成员、核对提示。"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from store import people, towns
from ui import charts, format as fmt
from ui.campaign_charts import target_value_text
from ui.downloads import download_buttons
from ui.filters import ALL_TOWNS, TOWN_KEY, selected_town
from ui.layout import page_header
from ui.links import TOWN_LINK_DISPLAY, town_url
from ui.provenance import document_link, source_caption

PICK_KEY = "town_profile"
names = towns.town_names()

page_header("镇街画像", "济阳区每个镇街在公报中出现的全部内容：通户道路硬化的村、2021 年医保征缴任务与咨询电话、"
            "涉农资金重点项目、非物质文化遗产、在各领导小组中的成员，以及与该镇街有关的数据核对结果。")


def _pick_town() -> None:
    # The page selectbox drives the shared sidebar filter (and so the ?town= link).
    st.session_state[TOWN_KEY] = st.session_state[PICK_KEY]


st.session_state[PICK_KEY] = selected_town() or ALL_TOWNS
st.selectbox("选择镇街（与左侧“镇街筛选”同步）", [ALL_TOWNS, *names], key=PICK_KEY, on_change=_pick_town,
             format_func=lambda v: "全区：各镇街对比" if v == ALL_TOWNS else v)
town = selected_town()

overview = towns.overview()
if overview.empty:
    st.error("数据库中没有镇街数据。请重新构建数据：python -m loaders.build")
    st.stop()

# ---- 全区：各镇街对比 ---------------------------------------------------------
if town is None:
    st.subheader("各镇街一览")
    st.caption("点击镇街名称打开该镇街的画像；也可在上方或左侧选择。")
    table = overview.assign(画像=overview.town_name.map(town_url))[
        ["画像", "kind", "road_villages", "quota_persons", "quota_share_pct", "projects", "heritage", "members",
         "warnings"]].rename(columns={
            "kind": "类型", "road_villages": "待硬化道路村（个）", "quota_persons": "2021 年医保征缴任务（人）",
            "quota_share_pct": "占全区（%）", "projects": "重点项目（个）", "heritage": "非遗项目（个）",
            "members": "领导小组成员（人）", "warnings": "核对提示（项）"})
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        "画像": st.column_config.LinkColumn("镇街", display_text=TOWN_LINK_DISPLAY),
        "2021 年医保征缴任务（人）": st.column_config.NumberColumn(format="localized"),
        "占全区（%）": st.column_config.NumberColumn(format="%.2f")})
    download_buttons(table.assign(画像=overview.town_name).rename(columns={"画像": "镇街"}), "镇街一览", key="towns-all")
    st.caption("道路村数来自《济南市济阳区农村通户道路硬化工程实施方案》明细表；征缴任务来自 2021 年度居民医保征缴方案；"
               "重点项目、非遗项目按文件中写明的实施地点或申报地点计入镇街；领导小组成员按职务中写明的镇街计入。")
    left, right = st.columns(2)
    with left:
        st.plotly_chart(charts.bar_ranked(overview, "town_name", "road_villages", "各镇街待硬化道路村数", "村数",
                                          unit=" 个"), key="towns-roads", config={"displayModeBar": False})
        road_rows = towns.road_rows()
        uncovered = overview[overview.road_villages_stated.isna()].town_name
        if len(uncovered):
            st.caption("明细表未列出：" + "、".join(uncovered) + "（图中为 0）。")
        if not road_rows.empty:
            source_caption(road_rows.doc_id.iloc[0], road_rows.line)
    with right:
        st.plotly_chart(charts.bar_ranked(overview.dropna(subset=["quota_persons"]), "town_name", "quota_persons",
                                          "2021 年各镇街医保征缴任务", "人数", unit=" 人"),
                        key="towns-quota", config={"displayModeBar": False})
        quota_rows = towns.quota_rows()
        if not quota_rows.empty:
            source_caption(quota_rows.doc_id.iloc[0], quota_rows.line)
    st.stop()

# ---- 单个镇街 -----------------------------------------------------------------
info = towns.town(town) or {}
row = overview.set_index("town_name").loc[town]
st.header(f"{town}")
st.caption(f"{info.get('district', '济阳区')}{info.get('kind', '')}，统计用区划代码 {info.get('town_code', '—')}。")

roads = towns.road_summary(town)
villages = towns.road_villages(town)
quota = towns.insurance(town)
projects = towns.projects(town)
heritage = towns.heritage(town)
members = people.town_members(town)
notes = towns.quality_notes(town)

m = st.columns(3) + st.columns(3)
m[0].metric("待硬化道路的村", fmt.integer(len(villages), " 个") if not roads.empty else "未列入",
            help="通户道路硬化工程明细表中列出的该镇街村数")
if not quota.empty:
    q = quota.iloc[0]
    m[1].metric("2021 年医保征缴任务", fmt.integer(q.quota_persons, " 人"),
                help=f"占全区 {fmt.pct(q.share_pct)}，在 {int(q.towns_with_quota)} 个镇街中居第 {int(q.quota_rank)} 位")
    m[2].metric("占全区征缴任务", fmt.pct(q.share_pct), help=f"全区合计 {fmt.integer(q.district_total, ' 人')}")
else:
    m[1].metric("2021 年医保征缴任务", "未列出")
    m[2].metric("占全区征缴任务", "—")
m[3].metric("位于本镇街的重点项目", fmt.integer(len(projects), " 个"))
m[4].metric("非遗项目", fmt.integer(len(heritage), " 项"))
m[5].metric("领导小组中的本镇街成员", fmt.integer(members.person_name.nunique(), " 人"))

# 通户道路
st.subheader("通户道路硬化")
coverage = towns.road_coverage()
covered = int(coverage.covered.sum())
if roads.empty:
    st.info(f"{town}没有列入通户道路硬化的村：工程明细表只列出了 {len(coverage)} 个镇街中的 {covered} 个"
            f"（{'、'.join(coverage[coverage.covered].town_name)}）。", icon=":material/info:")
    st.page_link("pages/roads.py", label="查看全区通户道路硬化明细", icon=":material/arrow_forward:")
else:
    r = roads.iloc[0]
    text = f"明细表列出 **{town}** 的 **{int(r.listed_count)} 个村**"
    text += "，与表中“个数”一致。" if int(r.stated_count) == int(r.listed_count) else \
        f"，但表中“个数”写为 {int(r.stated_count)} 个。"
    st.markdown(text)
    if r.duplicate_villages:
        st.warning(f"名单内重复出现的村名：{r.duplicate_villages}")
    shown = villages[["seq_in_town", "village_name", "line"]].rename(columns={
        "seq_in_town": "序号", "village_name": "村名", "line": "原文行"})
    st.markdown("、".join(shown["村名"]))
    with st.expander(f"表格（{len(shown)} 个村，可下载）"):
        st.dataframe(shown, hide_index=True, width="stretch", height=min(36 * len(shown) + 40, 360))
    download_buttons(shown, f"通户道路村名单_{town}", key="town-villages")
    source_caption(r.doc_id, [int(r.line), *villages.line.astype(int)])

# 医保征缴
st.subheader("2021 年度居民医保征缴")
if quota.empty:
    st.info(f"医保征缴方案没有给出{town}的任务数。")
else:
    q = quota.iloc[0]
    st.markdown(f"征缴任务 **{fmt.integer(q.quota_persons, ' 人')}**，占全区 {fmt.integer(q.district_total, ' 人')} 的 "
                f"**{fmt.pct(q.share_pct)}**，在 {int(q.towns_with_quota)} 个镇街中居第 {int(q.quota_rank)} 位。")
    left, right = st.columns(2)
    with left:
        all_quota = overview.dropna(subset=["quota_persons"])
        st.plotly_chart(charts.bar_ranked(all_quota, "town_name", "quota_persons", "各镇街征缴任务（本镇街高亮）",
                                          "人数", highlight=town, unit=" 人"), key="town-quota",
                        config={"displayModeBar": False})
        source_caption(q.doc_id, int(q.line))
        # The download holds what the chart shows: every town's quota and share.
        quota_shown = all_quota.sort_values("quota_persons", ascending=False)[
            ["town_name", "quota_persons", "quota_share_pct"]].rename(columns={
                "town_name": "镇街", "quota_persons": "征缴任务（人）", "quota_share_pct": "占全区（%）"})
        download_buttons(quota_shown, "各镇街医保征缴任务", key="town-quota-dl")
    with right:
        contacts = towns.insurance_contacts(town)
        st.markdown("**本镇街咨询电话**")
        if contacts.empty:
            st.caption("电话表中没有该镇街自己的单位。")
        shown_contacts = contacts[["office", "kind", "phone", "line"]].rename(columns={
            "office": "单位", "kind": "类别", "phone": "电话", "line": "原文行"})
        if not contacts.empty:
            st.dataframe(shown_contacts, hide_index=True, width="stretch")
            download_buttons(shown_contacts, f"医保咨询电话_{town}", key="town-contacts")
            source_caption(contacts.doc_id.iloc[0], contacts.line)
        district = towns.district_contacts()
        if not district.empty:
            with st.expander("全区通用电话"):
                st.dataframe(district[["office", "kind", "phone"]].rename(columns={
                    "office": "单位", "kind": "类别", "phone": "电话"}), hide_index=True, width="stretch")

# 重点项目
st.subheader("涉农资金重点项目")
wide = towns.district_wide_projects()
if projects.empty:
    st.info(f"2020 年度涉农资金重点项目中，没有实施地点写明在{town}的项目。")
else:
    shown_projects = projects.assign(总投资=projects.apply(
        lambda p: fmt.wan(p.total_wan) if p.total_stated else "文件未写明", axis=1))[
        ["project_no", "project_name", "sector_name", "area", "总投资", "schedule_text", "line"]].rename(columns={
            "project_no": "序号", "project_name": "项目", "sector_name": "领域", "area": "实施区域",
            "schedule_text": "进度安排", "line": "原文行"})
    st.dataframe(shown_projects, hide_index=True, width="stretch")
    for p in projects.itertuples():
        with st.expander(f"{p.project_no}. {p.project_name}"):
            st.markdown(f"**建设内容**：{p.content or '—'}")
            st.markdown(f"**资金投入**：{p.funding_text or '—'}")
            st.markdown(f"**绩效目标**：{p.target_text or '—'}")
            source_caption(p.doc_id, int(p.line))
    download_buttons(shown_projects, f"重点项目_{town}", key="town-projects")
    source_caption(projects.doc_id.iloc[0], projects.line)
if not wide.empty:
    st.caption(f"另有 {len(wide)} 个项目在各镇（街道）实施，也涉及{town}：" + "、".join(wide.project_name) + "。")
st.page_link("pages/funds.py", label="查看涉农资金详情", icon=":material/arrow_forward:")

# 非遗
st.subheader("非物质文化遗产（第五批区级名录）")
if heritage.empty:
    st.info(f"第五批区级非遗名录中，项目名称和申报单位都没有写到{town}。")
else:
    shown_heritage = heritage[["seq", "category", "item_name", "applicant", "line"]].rename(columns={
        "seq": "序号", "category": "类别", "item_name": "项目名称", "applicant": "申报单位", "line": "原文行"})
    st.dataframe(shown_heritage, hide_index=True, width="stretch")
    download_buttons(shown_heritage, f"非遗项目_{town}", key="town-heritage")
    source_caption(heritage.doc_id.iloc[0], heritage.line)

# 小组成员
st.subheader("领导小组中的本镇街成员")
if members.empty:
    st.info(f"各领导小组、专班和联席会议名单中，没有职务写明{town}的成员。")
else:
    shown_members = members[["person_name", "position", "role", "group_label", "line"]].rename(columns={
        "person_name": "姓名", "position": "职务", "role": "小组职务", "group_label": "小组", "line": "原文行"})
    st.dataframe(shown_members, hide_index=True, width="stretch")
    download_buttons(shown_members, f"小组成员_{town}", key="town-members")
    for doc_id, lines in members.groupby("doc_id").line:
        source_caption(doc_id, lines)
    st.page_link("pages/campaigns.py", label="查看全部领导小组名单（专项整治与承诺 → 人员与小组）",
                  icon=":material/arrow_forward:")

# 承诺
st.subheader("写到本镇街的承诺与目标")
promised = towns.targets(town)
if promised.empty:
    st.caption(f"两份公报的数字化承诺中，没有写到{town}的。")
else:
    promised_table = promised.assign(
        期限=[fmt.cn_date(v) if pd.notna(v) else "—" for v in promised.deadline],
        目标=[target_value_text(r) for _, r in promised.iterrows()])[
        ["期限", "subject", "目标", "deadline_text", "responsible", "doc_title", "quote", "line"]].rename(columns={
            "subject": "承诺对象", "deadline_text": "期限（原文）", "responsible": "责任单位", "doc_title": "文件",
            "quote": "原文句子", "line": "原文行"})
    st.dataframe(promised_table, hide_index=True, width="stretch",
                 column_config={"原文句子": st.column_config.TextColumn(width="large")})
    download_buttons(promised_table, f"承诺_{town}", key="town-targets")
    for doc_id, lines in promised.groupby("doc_id").line:
        source_caption(doc_id, lines)
st.page_link("pages/campaigns.py", label="查看全部承诺（专项整治与承诺 → 承诺与目标）", icon=":material/arrow_forward:")

# 数据核对
st.subheader("与本镇街有关的数据核对")
if notes.empty:
    st.caption(f"没有写到{town}的核对项。")
else:
    warn = notes[notes.severity != "ok"]
    st.markdown(f"共 {len(notes)} 项核对写到{town}：通过 {len(notes) - len(warn)} 项，"
                f"{'不一致 ' + str(len(warn)) + ' 项' if len(warn) else '没有不一致'}。")
    for n in notes.itertuples():
        icon = "✅" if n.severity == "ok" else "⚠️"
        st.markdown(f"- {icon} {n.message}　[原文第 {n.line} 行]({document_link(n.doc_id, n.line)})")
    shown_notes = notes[["severity", "subject", "message", "doc_id", "line"]].rename(columns={
        "severity": "结果", "subject": "核对项", "message": "说明", "doc_id": "文件", "line": "原文行"})
    download_buttons(shown_notes, f"数据核对_{town}", key="town-notes")

st.markdown(f"[在两份公报全文中搜索“{town}”](/documents?q={town})　·　"
            f"[查看{town}的通户道路村名单](/roads?town={town})　·　[查看{town}的医保征缴](/insurance?town={town})")
