"""The sections of one town's profile: roads, insurance, projects, heritage, members, targets, checks."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import charts
from ui import format as fmt
from ui.campaign_charts import target_value_text
from ui.checks import localised
from ui.data import towns
from ui.downloads import download_buttons
from ui.i18n import _, ngettext
from ui.layout import chart
from ui.links import page_url
from ui.provenance import citation, document_link, line_text, source_caption
from ui.tables import labelled, show_table, with_total_note
from views.towns.common import NO_BAR, printed, quota_year


def roads(town: str, scope, villages: pd.DataFrame, road_summary: pd.DataFrame) -> None:
    """通户道路: the town's villages in the works list, or which towns the list covers."""
    roads = road_summary
    st.subheader(_("通户道路硬化"))
    coverage = towns.road_coverage(scope)
    covered = int(coverage.covered.sum())
    if roads.empty:
        st.info(_("{town}没有列入通户道路硬化的村：工程明细表只列出了 {n} 个镇街中的 {covered} 个（{towns}）。", town=town,
                  n=len(coverage), covered=covered, towns="、".join(coverage[coverage.covered].town_name)),
                icon=":material/info:")
        st.page_link("pages/roads.py", label=_("查看全区通户道路硬化明细"), icon=":material/arrow_forward:")
    else:
        r = roads.iloc[0]
        text = ngettext("明细表列出 **{town}** 的 **{n} 个村**", "明细表列出 **{town}** 的 **{n} 个村**", int(r.listed_count), town=town)
        text += _("，与表中“个数”一致。") if int(r.stated_count) == int(r.listed_count) else \
            _("，但表中“个数”写为 {stated} 个。", stated=int(r.stated_count))
        st.markdown(text)
        if r.duplicate_villages:
            st.warning(_("名单内重复出现的村名：{names}", names=r.duplicate_villages))
        shown = villages[["seq_in_town", "village_name", "line"]]
        st.markdown("、".join(shown.village_name))
        with st.expander(ngettext("表格（{n} 个村，可下载）", "表格（{n} 个村，可下载）", len(shown))):
            show_table(shown, "road_villages", height=min(36 * len(shown) + 40, 360))
        download_buttons(labelled(shown, "road_villages"), _("通户道路村名单_{town}", town=town), key="town-villages",
                         sources=[(r.doc_id, [int(r.line), *villages.line.astype(int)])])
        source_caption(r.doc_id, [int(r.line), *villages.line.astype(int)])

def insurance(town: str, scope, quota: pd.DataFrame, overview: pd.DataFrame) -> None:
    """医保征缴: the town's quota, its rank among the towns, and its hotline numbers."""
    quota_rows = towns.quota_rows(scope)
    quota_year_ = quota_year(quota_rows)
    st.subheader(_("{year} 年度居民医保征缴", year=quota_year_) if quota_year_ else _("居民医保征缴"))
    if quota.empty:
        st.info(_("医保征缴方案没有给出{town}的任务数。", town=town))
    else:
        q = quota.iloc[0]
        st.markdown(_("征缴任务 **{quota}**，占全区 {total} 的 **{share}**，在 {n} 个镇街中居第 {rank} 位。",
                      quota=fmt.integer(q.quota_persons, " 人"), total=fmt.integer(q.district_total, " 人"),
                      share=fmt.pct(q.share_pct), n=int(q.towns_with_quota), rank=int(q.quota_rank)))
        left, right = st.columns(2)
        with left:
            all_quota = overview.dropna(subset=["quota_persons"])
            chart(charts.bar_ranked(all_quota, "town_name", "quota_persons", _("各镇街征缴任务（本镇街高亮）"), _("人数"),
                                    highlight=town, unit=fmt.unit_suffix(" 人")), "town-quota", config=NO_BAR,
                  source=citation(quota_rows.doc_id.iloc[0], quota_rows.line) if not quota_rows.empty else
                  citation(q.doc_id, int(q.line)))
            source_caption(q.doc_id, int(q.line))
            # The download holds what the chart shows: every town's quota and share.
            quota_shown = all_quota.sort_values("quota_persons", ascending=False)[
                ["town_name", "quota_persons", "quota_share_pct"]]
            download_buttons(labelled(quota_shown, "insurance_quota"), _("各镇街医保征缴任务"), key="town-quota-dl",
                             sources=[(quota_rows.doc_id.iloc[0], quota_rows.line)] if not quota_rows.empty else None)
        with right:
            contacts = towns.insurance_contacts(town, scope)
            st.markdown(_("**本镇街咨询电话**"))
            if contacts.empty:
                st.caption(_("电话表中没有该镇街自己的单位。"))
            shown_contacts = contacts[["office", "kind", "phone", "line"]]
            if not contacts.empty:
                show_table(shown_contacts, "insurance_contacts")
                download_buttons(labelled(shown_contacts, "insurance_contacts"), _("医保咨询电话_{town}", town=town),
                                 key="town-contacts", sources=[(contacts.doc_id.iloc[0], contacts.line)])
                source_caption(contacts.doc_id.iloc[0], contacts.line)
            district = towns.district_contacts(scope)
            if not district.empty:
                with st.expander(_("全区通用电话")):
                    show_table(district[["office", "kind", "phone"]], "insurance_contacts")

def projects(town: str, scope, projects: pd.DataFrame) -> None:
    """涉农资金重点项目 located in the town, and the district-wide ones that concern it too."""
    st.subheader(_("涉农资金重点项目"))
    wide = towns.district_wide_projects(scope)
    if projects.empty:
        st.info(_("涉农资金重点项目中，没有实施地点写明在{town}的项目。", town=town))
    else:
        shown_projects = with_total_note(projects)[
            ["project_no", "project_name", "sector_name", "area", "total_wan", "total_note", "schedule_text", "line"]]
        show_table(shown_projects, "fund_projects")
        for p in projects.itertuples():
            with st.expander(f"{p.project_no}. {p.project_name}"):
                st.markdown(_("**建设内容**：") + printed(p.content))
                st.markdown(_("**资金投入**：") + printed(p.funding_text))
                st.markdown(_("**绩效目标**：") + printed(p.target_text))
                source_caption(p.doc_id, int(p.line))
        download_buttons(labelled(shown_projects, "fund_projects"), _("重点项目_{town}", town=town), key="town-projects",
                         sources=[(projects.doc_id.iloc[0], projects.line)])
        source_caption(projects.doc_id.iloc[0], projects.line)
    if not wide.empty:
        st.caption(ngettext("另有 {n} 个项目在各镇（街道）实施，也涉及{town}：", "另有 {n} 个项目在各镇（街道）实施，也涉及{town}：", len(wide), town=town)
                   + "、".join(wide.project_name) + _("。"))
    st.page_link("pages/funds.py", label=_("查看涉农资金详情"), icon=":material/arrow_forward:")

def heritage(town: str, heritage: pd.DataFrame) -> None:
    st.subheader(_("非物质文化遗产（第五批区级名录）"))
    if heritage.empty:
        st.info(_("第五批区级非遗名录中，项目名称和申报单位都没有写到{town}。", town=town))
    else:
        shown_heritage = heritage[["seq", "category", "item_name", "applicant", "line"]]
        show_table(shown_heritage, "heritage_items")
        download_buttons(labelled(shown_heritage, "heritage_items"), _("非遗项目_{town}", town=town), key="town-heritage",
                         sources=[(heritage.doc_id.iloc[0], heritage.line)])
        source_caption(heritage.doc_id.iloc[0], heritage.line)

def members(town: str, members: pd.DataFrame) -> None:
    st.subheader(_("领导小组中的本镇街成员"))
    if members.empty:
        st.info(_("各领导小组、专班和联席会议名单中，没有职务写明{town}的成员。", town=town))
    else:
        shown_members = members[["person_name", "position", "role", "group_label", "line"]]
        show_table(shown_members, "rosters")
        download_buttons(labelled(shown_members, "rosters"), _("小组成员_{town}", town=town), key="town-members",
                         sources=list(members.groupby("doc_id").line))
        for doc_id, lines in members.groupby("doc_id").line:
            source_caption(doc_id, lines)
        st.page_link("pages/campaigns.py", label=_("查看全部领导小组名单（专项整治与承诺 → 人员与小组）"),
                      icon=":material/arrow_forward:")

def targets(town: str, scope, code: str) -> None:
    st.subheader(_("写到本镇街的承诺与目标"))
    promised = towns.targets(town, scope)
    if promised.empty:
        st.caption(_("所选期次的数字化承诺中，没有写到{town}的。", town=town))
    else:
        promised_table = promised.assign(
            due=[fmt.cn_date(v) if pd.notna(v) else None for v in promised.deadline],
            target=[target_value_text(r, code) for _index, r in promised.iterrows()])[
            ["due", "subject", "target", "deadline_text", "responsible", "doc_title", "quote", "line"]]
        promised_labels = {"due": _("期限"), "target": _("目标")}
        show_table(promised_table, "targets", promised_labels,
                   column_config={_("原文句子"): st.column_config.TextColumn(width="large")})
        download_buttons(labelled(promised_table, "targets", promised_labels), _("承诺_{town}", town=town),
                         key="town-targets", sources=list(promised.groupby("doc_id").line))
        for doc_id, lines in promised.groupby("doc_id").line:
            source_caption(doc_id, lines)
    st.page_link("pages/campaigns.py", label=_("查看全部承诺（专项整治与承诺 → 承诺与目标）"), icon=":material/arrow_forward:")

def notes(town: str, notes: pd.DataFrame, code: str) -> None:
    st.subheader(_("与本镇街有关的数据核对"))
    if notes.empty:
        st.caption(_("没有写到{town}的核对项。", town=town))
    else:
        notes = localised(notes, code)
        warn = notes[notes.severity.isin(["warn", "error"])]
        st.markdown(_("共 {n} 项核对写到{town}：通过 {ok} 项，", n=len(notes), town=town, ok=len(notes) - len(warn))
                    + (_("不一致 {n} 项。", n=len(warn)) if len(warn) else _("没有不一致。")))
        for n in notes.itertuples():
            icon = "✅" if n.severity == "ok" else "⚠️"
            st.markdown(f"- {icon} {n.message}　[{line_text(int(n.line), code)}]({document_link(n.doc_id, n.line)})")
        shown_notes = notes[["severity", "subject", "message", "doc_id", "line"]]
        download_buttons(labelled(shown_notes, "data_quality"), _("数据核对_{town}", town=town), key="town-notes",
                         sources=list(notes.groupby("doc_id").line))

def links(town: str, code: str) -> None:
    st.markdown(_("[在公报全文中搜索“{town}”]({search})　·　[查看{town}的通户道路村名单]({roads})　·　"
                  "[查看{town}的医保征缴]({insurance})", town=town, search=page_url("/documents", code, q=town),
                  roads=page_url("/roads", code, town=town), insurance=page_url("/insurance", code, town=town)))
