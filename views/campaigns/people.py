"""人员与小组: the leading groups' rosters, who sits on several, similar names, and a name lookup."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import campaign_charts as cc
from ui import format as fmt
from ui.data import campaigns, people
from ui.downloads import download_buttons
from ui.i18n import _, lang, ngettext
from ui.layout import chart
from ui.links import TOWN_LINK_DISPLAY, town_url
from ui.provenance import document_link, source_caption
from ui.tables import labelled, show_table
from views.campaigns.common import (
    NO_BAR,
    chart_source,
    cite_rows,
    dash,
    quality_expander,
    scoped_empty_notice,
    source_text,
    view_text,
)

PEOPLE = "campaign_people"   # the registry's headings of rosters, their members and a person's places


def show(scope) -> None:
    groups = people.groups(scope) if campaigns.row_count("rosters") else pd.DataFrame()
    if groups.empty:
        scoped_empty_notice("rosters", _("领导小组名单"))
        return
    groups_overview(groups, scope)
    roster_section(groups, scope)
    several_section(groups, scope)
    similar_names(scope)
    quality_expander("rosters.", _("名单"), scope)
    lookup(scope)


def sub_group_help(groups: pd.DataFrame) -> str:
    """How rosters are counted, with the sub-groups the data has ('专班·综合协调组' is one of its own)."""
    parents = sorted({label.split("·")[0] for label in groups.group_label if "·" in label})
    if not parents:
        return _("每份名单各算一份")
    subs = int(groups.group_label.str.contains("·", regex=False).sum())
    return _("{parents}及其下设的 {n} 个工作小组各算一份", parents=_("、").join(parents), n=subs)


def groups_overview(groups: pd.DataFrame, scope) -> None:
    several = people.people_on_several_groups(2, scope)
    m = st.columns(3)
    m[0].metric(_("领导小组、专班与联席会议名单"), fmt.integer(len(groups), " 份"),
                help=sub_group_help(groups))
    m[1].metric(_("列名人员"), fmt.integer(len(people.all_person_names(scope)), " 人"),
                help=_("按姓名计；姓名不同即按不同人员统计"))
    m[2].metric(_("在两个及以上名单中"), fmt.integer(len(several), " 人"))
    SOURCE_TEXT = source_text()
    group_table = groups.assign(**{
        SOURCE_TEXT: [document_link(d, f) for d, f in zip(groups.doc_id, groups.first_line)],
        "leaders": dash(groups.leaders), "office_at": dash(groups.office_at)})[
        ["group_label", "members", "leaders", "office_at", SOURCE_TEXT]]
    show_table(group_table, PEOPLE,
               column_config={SOURCE_TEXT: st.column_config.LinkColumn(SOURCE_TEXT, display_text=view_text())})
    download_buttons(labelled(group_table.drop(columns=[SOURCE_TEXT]), PEOPLE), _("领导小组名单一览"), key="groups")
    cite_rows(groups, "groups", "first_line")


def roster_section(groups: pd.DataFrame, scope) -> None:
    st.subheader(_("名单成员"))
    label = st.selectbox(_("选择名单"), groups.group_label.tolist(), key="roster_group")
    roster = people.members(label, scope)
    TOWN = _("镇街")
    roster_table = roster.assign(**{
        TOWN: [town_url(name) if isinstance(name, str) else None for name in roster.town_name],
        "position": dash(roster.position), "unit": dash(roster.unit)})[
        ["seq_in_group", "role", "person_name", "person_name_raw", "position", "unit", TOWN, "line"]
    ]
    show_table(roster_table, PEOPLE, height=min(36 * len(roster_table) + 40, 560),
               column_config={TOWN: st.column_config.LinkColumn(_("镇街画像"), display_text=TOWN_LINK_DISPLAY),
                              _("序号"): st.column_config.NumberColumn(format="%d")})
    download_buttons(labelled(roster_table, PEOPLE), _("名单_{group}", group=people.short_group(label)), key="roster")
    source_caption(roster.doc_id.iloc[0], roster.line)


def several_section(groups: pd.DataFrame, scope) -> None:
    code = lang()
    st.subheader(_("谁在多个名单中"))
    least = st.segmented_control(_("至少在几份名单中"), [2, 3, 4], default=2, key="several_min",
                                 format_func=lambda n: _("≥ {n} 份", code, n=n)) or 2
    many = people.people_on_several_groups(int(least), scope)
    if many.empty:
        st.info(_("没有人同时出现在这么多份名单中。"))
        return
    matrix = people.membership_matrix(tuple(many.person_name), scope)
    grid = cc.membership_grid(matrix, groups.group_label.tolist(),
                              _("在 {n} 份及以上名单中的人员（方块内为小组职务）", n=least))
    chart(grid, "people-grid", config=NO_BAR, alt=cc.describe_grid(grid, code), source=chart_source(matrix))
    many_table = many[["person_name", "group_count", "roles", "positions", "groups", "raw_spellings"]].rename(
        columns={"person_name": _("姓名"), "group_count": _("名单（份）"), "roles": _("小组职务"),
                 "positions": _("职务（原文）"), "groups": _("名单"), "raw_spellings": _("原文写法")})
    st.dataframe(many_table, hide_index=True, placeholder="—", width="stretch")
    download_buttons(many_table, _("多名单人员_{n}份以上", n=least), key="several")
    cite_rows(matrix, "matrix")


def similar_names(scope) -> None:
    pairs = people.similar_names(people.all_person_names(scope))
    if pairs.empty:
        return
    with st.expander(ngettext("姓名仅一字之差的 {n} 对人员：按不同的人分别统计，未合并", "姓名仅一字之差的 {n} 对人员：按不同的人分别统计，未合并", len(pairs))):
        posts = people.positions(tuple(sorted({*pairs.name_a, *pairs.name_b})), scope)
        for pair in pairs.itertuples():
            st.markdown(f"- **{pair.name_a}**（{posts.get(pair.name_a) or '—'}） ≠ "
                        f"**{pair.name_b}**（{posts.get(pair.name_b) or '—'}）")
        st.caption(_("名单排版时两字姓名中间加了空格（如“刘 斌”），去掉空格后按原字比较；"
                     "字不同的姓名（如 刘斌 与 刘彬）始终视为不同的人。"))


def lookup(scope) -> None:
    st.subheader(_("按姓名查找"))
    name = st.selectbox(_("姓名"), people.all_person_names(scope), index=None, placeholder=_("输入或选择姓名"),
                        key="person_lookup")
    if not name:
        return
    rows = people.person(name, scope)
    person_table = rows.assign(position=dash(rows.position))[
        ["group_label", "role", "position", "person_name_raw", "line"]]
    show_table(person_table, PEOPLE)
    download_buttons(labelled(person_table, PEOPLE), _("人员_{name}", name=name), key="person")
    cite_rows(rows, "people")
