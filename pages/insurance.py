"""医保征缴：各镇街任务数与占比、缴费档次、保费区间、时间表、咨询电话。"""
from __future__ import annotations

import streamlit as st

from store import curated
from ui import charts, format as fmt
from ui.downloads import download_buttons
from ui.filters import selected_town
from ui.layout import page_header
from ui.provenance import source_caption

town = selected_town()
page_header("2021 年度居民医保征缴", "各镇街的征缴任务（人）、个人缴费档次、时间安排和咨询电话。")

quota = curated.insurance_quota()
if quota.empty:
    st.error("数据库中没有医保征缴任务数。请重新构建数据：python -m loaders.build")
    st.stop()
mine = quota[quota.town_name == town] if town else quota

c1, c2, c3 = st.columns(3)
c1.metric(f"{town}征缴任务" if town else "全区征缴任务", fmt.integer(mine.quota_persons.sum(), " 人"))
c2.metric("占全区", fmt.pct(mine.share_pct.sum()) if town else "100%")
c3.metric("镇街数", f"{len(quota)} 个")
source_caption(mine.doc_id.iloc[0], mine.line)

left, right = st.columns([3, 2])
left.plotly_chart(charts.bar_ranked(quota, "town_name", "quota_persons", "各镇街征缴任务（人）", "人数",
                                    highlight=town, unit=" 人"), key="ins-bar", config={"displayModeBar": False})
right.plotly_chart(charts.share_donut(quota, "town_name", "quota_persons", "各镇街占全区任务的比例", highlight=town),
                   key="ins-share", config={"displayModeBar": False})
shown = quota[["town_name", "quota_persons", "share_pct", "line"]].rename(columns={
    "town_name": "镇街", "quota_persons": "征缴任务（人）", "share_pct": "占比（%）", "line": "原文行"})
download_buttons(shown if not town else shown[shown["镇街"] == town], f"医保征缴任务_{town or '全区'}", key="quota")

st.subheader("个人缴费档次与保费区间")
premiums = curated.insurance_premiums()
bounds = curated.insurance_premium_bounds(town)
cols = st.columns(len(premiums) + 1, gap="large")
for col, row in zip(cols, premiums.itertuples()):
    col.metric(row.tier, f"{row.amount_yuan} 元/人·年", help=row.who)
    col.caption(row.who)
if bounds and len(premiums) >= 2:
    with cols[-1]:
        st.markdown("**任务人数对应的个人缴费区间（估算边界）**")
        st.markdown(f"下限（全部按 {bounds['low_yuan']} 元）：**{fmt.wan(bounds['low_wan'])}**  \n"
                    f"上限（全部按 {bounds['high_yuan']} 元）：**{fmt.wan(bounds['high_wan'])}**")
        st.caption(f"非文件数字：{fmt.integer(bounds['persons'])} 人 × 每人 {bounds['low_yuan']}–{bounds['high_yuan']} 元。"
                   "实际收入介于两者之间，免缴人员不计。")
if not premiums.empty:
    source_caption(premiums.doc_id.iloc[0], premiums.line)

st.subheader("征缴时间安排")
schedule = curated.insurance_schedule()
if not schedule.empty:
    st.plotly_chart(charts.timeline(schedule, "start_date", "end_date", "step_name", "征缴工作实施步骤",
                                    tickformat="%m月%d日"),
                    key="ins-schedule", config={"displayModeBar": False})
    st.dataframe(schedule.assign(开始=schedule.start_date.map(fmt.cn_date), 结束=schedule.end_date.map(fmt.cn_date))
                 [["step_no", "step_name", "开始", "结束"]].rename(columns={"step_no": "步骤", "step_name": "名称"}),
                 hide_index=True, width="stretch")
    source_caption(schedule.doc_id.iloc[0], schedule.line)

st.subheader("咨询电话" + (f"（{town}及全区）" if town else ""))
contacts = curated.insurance_contacts(town)
shown_contacts = contacts.assign(town_name=contacts.town_name.fillna("全区"))[
    ["office", "kind", "phone", "town_name"]].rename(columns={
    "office": "单位", "kind": "类别", "phone": "电话", "town_name": "镇街"})
st.dataframe(shown_contacts, hide_index=True, width="stretch",
             column_config={"电话": st.column_config.TextColumn()})
if not contacts.empty:
    source_caption(contacts.doc_id.iloc[0], contacts.line)
download_buttons(shown_contacts, f"医保咨询电话_{town or '全区'}", key="contacts")
