"""历次变化：同一区县、同一类公报的两期并排——金额、镇街任务、村名单、领导小组名单与目标的变化，
每个比较的数字都注明两期的出处。两期记在链接里（?older=&newer=）。"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import compare as cmp
from ui import glossary
from ui.data import compare
from ui.filters import edition_option_label
from ui.i18n import _
from ui.layout import page_header

page_header(_("历次变化"), _("同一区县同一类公报的两期并排：资金、镇街任务、村名单、领导小组名单和目标的变化，"
                         "每个数字都注明两期的出处。"))
pair = cmp.choose_pair()
if pair is None:
    st.stop()
older, newer = pair
district, kind = st.session_state[cmp.DISTRICT], st.session_state[cmp.KIND]
st.markdown(_("比较 **{older}** → **{newer}**", older=edition_option_label(older), newer=edition_option_label(newer)))


def nothing(what: str) -> None:
    st.caption(_("这两期都没有{what}。", what=what))


# ---- 资金 -----------------------------------------------------------------------------------
st.subheader(_("涉农资金来源"))
sources = compare.fund_sources(older, newer)
if sources.empty:
    nothing(_("按来源列出的涉农资金"))
else:
    if not cmp.changed_metrics(sources, lambda r: glossary.term(r.source_name), cmp.money):
        st.caption(_("各来源金额两期相同。"))
    cmp.side_by_side_table(sources, ["source_name"], cmp.money, "changes-sources",
                           _("资金来源_两期比较"))
    cmp.cite_both(sources, older, newer)
    cmp.sources_over_editions(district, kind, older, newer)

sectors, totals, allocations = (compare.fund_sectors(older, newer), compare.fund_totals(older, newer),
                                compare.fund_allocations(older, newer))
if not (sectors.empty and totals.empty and allocations.empty):
    moved = sum(int((f.direction != "same").sum()) for f in (sectors, totals, allocations))
    with st.expander(_("资金领域、合计与文件中每一处资金列举（{n} 项有变化）", n=moved)):
        # totals mix units (万元, %): printed as in the document, the unit in its own column
        for frame, keys, show, stem in (
                (totals, ["measure", "unit"], cmp.plain, _("资金合计_两期比较")),
                (sectors, ["sector_name"], cmp.money, _("资金领域_两期比较")),
                (allocations, ["source_name", "nth"], cmp.money, _("资金列举_两期比较"))):
            if not frame.empty:
                cmp.side_by_side_table(frame, keys, show, stem, stem, table="fund_totals")
                cmp.cite_both(frame, older, newer)

# ---- 镇街任务 --------------------------------------------------------------------------------
st.subheader(_("各镇街医保征缴任务（人）"))
quota = compare.quotas(older, newer)
if quota.empty:
    nothing(_("分镇街的医保征缴任务"))
else:
    if not cmp.changed_metrics(quota, lambda r: _("{town}征缴任务", town=r.town_name), cmp.persons):
        st.caption(_("各镇街任务数两期相同。"))
    cmp.side_by_side_table(quota, ["town_name"], cmp.persons, "changes-quota", _("医保征缴任务_两期比较"))
    cmp.cite_both(quota, older, newer)

town_tables = compare.town_tables(older, newer)
if not town_tables.empty:
    with st.expander(_("文件中的全部分镇街表格（{n} 个镇街数字有变化）", n=int((town_tables.direction != "same").sum()))):
        cmp.side_by_side_table(town_tables, ["table_key", "town_name"], cmp.plain,
                               "changes-town-tables", _("分镇街表格_两期比较"))
        cmp.cite_both(town_tables, older, newer)

# ---- 村名单 ---------------------------------------------------------------------------------
st.subheader(_("通户道路村名单"))
villages = compare.villages(older, newer)
if villages.empty:
    nothing(_("通户道路村名单"))
else:
    counts = compare.road_towns(older, newer)
    changed = villages[villages.direction != "same"]
    cmp.changed_metrics(counts, lambda r: _("{town}列出的村", town=r.town_name), cmp.count)
    if changed.empty:
        st.caption(_("两期的村名单相同（共 {n} 个村）。", n=len(villages)))
    else:
        st.markdown(_("新增 **{added}** 个村、删除 **{removed}** 个村；其余 {same} 个村两期都在名单上。",
                      added=int((changed.direction == "added").sum()),
                      removed=int((changed.direction == "removed").sum()), same=len(villages) - len(changed)))
        for town, rows in changed.groupby("town_name", sort=False):
            st.markdown(f"**{town}**：" + _("、").join(
                f"{cmp.ARROWS[d]}{v}" for d, v in zip(rows.direction, rows.village_name)))
        cmp.side_by_side_table(changed, ["town_name", "village_name"], None,
                               "changes-villages", _("村名单变化"))
    # the towns' rows cite both editions even for a village printed in one of them only
    towns = counts[counts.town_name.isin(changed.town_name)] if not changed.empty else counts
    cmp.cite_both(pd.concat([changed, towns]), older, newer)
    with st.expander(_("各镇街列出的村数")):
        cmp.side_by_side_table(counts, ["town_name"], cmp.count, "changes-road-towns", _("各镇街村数_两期比较"))

# ---- 名单 -----------------------------------------------------------------------------------
st.subheader(_("领导小组名单"))
roster = compare.rosters(older, newer)
if roster.empty:
    nothing(_("领导小组名单"))
else:
    changed = roster[roster.direction != "same"]
    st.markdown(_("新增 **{added}** 人次、删除 **{removed}** 人次、角色或职务变动 **{changed}** 人次；{same} 人次未变。",
                  added=int((roster.direction == "added").sum()), removed=int((roster.direction == "removed").sum()),
                  changed=int((roster.direction == "changed").sum()), same=int((roster.direction == "same").sum())))
    if not changed.empty:
        cmp.side_by_side_table(changed, ["group_name", "subgroup", "person_name"], None, "changes-rosters",
                               _("名单变化"), extra=["old_role", "new_role", "old_position", "new_position"])
        cmp.cite_both(changed, older, newer)

# ---- 目标 -----------------------------------------------------------------------------------
st.subheader(_("目标与承诺"))
targets = compare.target_changes(older, newer)
if targets.empty:
    nothing(_("可比较的目标"))
else:
    columns = st.columns(5)
    for column, direction in zip(columns, ["met", "moved", "dropped", "added", "same"]):
        column.metric(cmp.direction_text(direction), _("{n} 项", n=int((targets.direction == direction).sum())))
    changed = targets[targets.direction != "same"]
    if changed.empty:
        st.caption(_("两期的 {n} 项目标没有变化。", n=len(targets)))
    else:
        def day(value) -> str:
            return "—" if pd.isna(value) else f"{value.year}年{value.month}月{value.day}日"

        shown = changed.assign(old_deadline=changed.old_deadline.map(day), new_deadline=changed.new_deadline.map(day))
        cmp.side_by_side_table(shown, ["subject", "unit"], cmp.plain, "changes-targets", _("目标变化"),
                               extra=["old_deadline", "new_deadline"], table="changes")
        cmp.cite_both(changed, older, newer)
    st.caption(_("按目标内容（指标名与单位）配对：数值或期限不同为“调整”，只在较早一期为“取消”，较新一期报告已达到为“已达成”。"))
