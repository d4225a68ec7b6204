"""The head of one town's profile: name, code and the six key figures."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import format as fmt
from ui import glossary
from ui.briefing import project_figure
from ui.data import towns
from ui.i18n import _, lang
from views.towns.common import quota_label


def header(town: str, scope, villages: pd.DataFrame, roads: pd.DataFrame,
           quota: pd.DataFrame, projects: pd.DataFrame, heritage: pd.DataFrame, members: pd.DataFrame) -> None:
    QUOTA_LABEL = quota_label(towns.quota_rows(scope))
    info = towns.town(town) or {}
    st.header(f"{town}")
    st.caption(_("{district}{kind}，统计用区划代码 {code}。", district=info.get("district", ""),
                 kind=glossary.term(info.get("kind", "")), code=info.get("town_code", "—")))
    m = st.columns(3) + st.columns(3)
    m[0].metric(_("待硬化道路的村"), fmt.integer(len(villages), " 个") if not roads.empty else _("未列入"),
                help=_("通户道路硬化工程明细表中列出的该镇街村数"))
    if not quota.empty:
        q = quota.iloc[0]
        m[1].metric(QUOTA_LABEL, fmt.integer(q.quota_persons, " 人"),
                    help=_("占全区 {share}，在 {n} 个镇街中居第 {rank} 位", share=fmt.pct(q.share_pct),
                           n=int(q.towns_with_quota), rank=int(q.quota_rank)))
        m[2].metric(_("占全区征缴任务"), fmt.pct(q.share_pct), help=_("全区合计 {total}", total=fmt.integer(q.district_total, " 人")))
    else:
        m[1].metric(QUOTA_LABEL, _("未列出"))
        m[2].metric(_("占全区征缴任务"), "—")
    count = project_figure(town, lang(), scope)  # one definition with the overview, the slides and the PDF
    m[3].metric(count.label, count.value, delta=count.note or None, delta_color="off", delta_arrow="off",
                help=_("位于本镇街的项目，加上在各镇（街道）实施、也涉及本镇街的全区项目"))
    m[4].metric(_("非遗项目"), fmt.integer(len(heritage), " 项"))
    m[5].metric(_("领导小组中的本镇街成员"), fmt.integer(members.person_name.nunique(), " 人"))
