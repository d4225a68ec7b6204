"""医保征缴：各镇街任务数与占比、缴费档次、保费区间、时间表、咨询电话。"""
from __future__ import annotations

import streamlit as st

from ui import charts
from ui import format as fmt
from ui.colours import colours_for
from ui.data import curated
from ui.downloads import download_buttons
from ui.filters import clear_town, missing_notice, selected_bulletins, selected_town, town_click
from ui.i18n import _, lang
from ui.layout import chart, page_header
from ui.provenance import citation, source_caption
from ui.tables import labelled, show_table
from ui.town_charts import town_share_bar

town = selected_town()
code = lang()
plan = curated.plan_of("insurance_quota", selected_bulletins())
if plan is None:
    page_header(_("居民医保征缴"))
    missing_notice("insurance_quota", _("居民医保征缴任务表"), "/insurance", code)
    st.stop()
# The page shows one plan: the newest in scope (two districts' gazettes would each have one).
scope = (plan["bulletin"],)
quota = curated.insurance_quota(bulletins=scope)
page_header(_("{year} 年度居民医保征缴", year=int(quota.year.iloc[0])),
            _("{district}各镇街的征缴任务（人）、个人缴费档次、时间安排和咨询电话。", district=plan["district"]))
mine = curated.insurance_quota(town, scope) if town else quota  # the town's row, its share of the district from SQL
quota_cite = citation(quota.doc_id.iloc[0], quota.line)

c1, c2, c3 = st.columns(3)
c1.metric(_("{town}征缴任务", town=town) if town else _("全区征缴任务"), fmt.integer(mine.quota_persons.sum(), " 人"))
c2.metric(_("占全区"), fmt.pct(mine.share_pct.sum()) if town else "100%")
c3.metric(_("镇街数"), fmt.integer(len(quota), " 个"))
source_caption(quota.doc_id.iloc[0], mine.line if not mine.empty else quota.line)

chart(town_share_bar(quota, "quota_persons", _("各镇街征缴任务及占比"), _("人数"),
                     colours=colours_for(quota.town_name, plan["district"]), highlight=town,
                     unit=fmt.unit_suffix(" 人"), lang=code),
      "ins-bar", config={"displayModeBar": False}, source=quota_cite,
      on_select=town_click("ins-bar"), selection_mode="points")
if town:
    row = st.container(horizontal=True, vertical_alignment="center")  # the button keeps its whole label
    row.markdown(_("当前筛选：**{town}**（各页面同此筛选，链接中的 ?town= 记录了选择）。", town=town))
    row.button(_("显示全区"), key="ins-clear-town", on_click=clear_town, icon=":material/filter_alt_off:")
else:
    st.caption(_("点击条形即可按该镇街筛选（与侧栏“镇街筛选”相同，链接随之更新）。"))
download_buttons(labelled(mine[["town_name", "quota_persons", "share_pct", "line"]], "insurance_quota"),
                 _("医保征缴任务_{town}", town=town or _("全区")), key="quota",
                 sources=[(quota.doc_id.iloc[0], quota.line)] if not quota.empty else None)

st.subheader(_("个人缴费档次与保费区间"))
premiums = curated.insurance_premiums(scope)
bounds = curated.insurance_premium_bounds(town, scope)
cols = st.columns(len(premiums) + 1, gap="large")
for col, row in zip(cols, premiums.itertuples()):
    col.metric(_("{yuan}元档", yuan=row.amount_yuan), _("{yuan} 元/人·年", yuan=row.amount_yuan), help=row.who)
    col.caption(row.who)
if bounds and len(premiums) >= 2:
    with cols[-1]:
        st.markdown(_("**任务人数对应的个人缴费区间（估算边界）**"))
        st.markdown(_("下限（全部按 {low} 元）：**{low_wan}**  \n上限（全部按 {high} 元）：**{high_wan}**",
                      low=fmt.exact(bounds["low_yuan"]), low_wan=fmt.wan(bounds["low_wan"]), high=fmt.exact(bounds["high_yuan"]),
                      high_wan=fmt.wan(bounds["high_wan"])))
        st.caption(_("非文件数字：{persons} 人 × 每人 {low}–{high} 元。实际收入介于两者之间，免缴人员不计。",
                     persons=fmt.integer(bounds["persons"]), low=fmt.exact(bounds["low_yuan"]),
                     high=fmt.exact(bounds["high_yuan"])))
if not premiums.empty:
    source_caption(premiums.doc_id.iloc[0], premiums.line)

st.subheader(_("征缴时间安排"))
schedule = curated.insurance_schedule(scope)
if not schedule.empty:
    chart(charts.timeline(schedule, "start_date", "end_date", "step_name", _("征缴工作实施步骤"),
                          tickformat=_("%m月%d日")),
          "ins-schedule", config={"displayModeBar": False}, source=citation(schedule.doc_id.iloc[0], schedule.line))
    show_table(schedule.assign(start=schedule.start_date.map(fmt.cn_date), end=schedule.end_date.map(fmt.cn_date))
               [["step_no", "step_name", "start", "end"]], "insurance_schedule")
    source_caption(schedule.doc_id.iloc[0], schedule.line)

st.subheader(_("咨询电话") + (_("（{town}及全区）", town=town) if town else ""))
contacts = curated.insurance_contacts(town, quota.doc_id.iloc[0])  # the numbers printed in this plan
shown_contacts = contacts.assign(town_name=contacts.town_name.fillna(_("全区")))[
    ["office", "kind", "phone", "town_name"]]
show_table(shown_contacts, "insurance_contacts")
if not contacts.empty:
    source_caption(contacts.doc_id.iloc[0], contacts.line)
download_buttons(labelled(shown_contacts, "insurance_contacts"), _("医保咨询电话_{town}", town=town or _("全区")),
                 key="contacts", sources=[(contacts.doc_id.iloc[0], contacts.line)] if not contacts.empty else None)
