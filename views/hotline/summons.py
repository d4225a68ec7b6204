"""The 约谈 list: the plan's rule as printed, who meets it, and who is one month away."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from hotline import summons
from hotline import targets as plan
from hotline.fields import END
from ui.downloads import download_buttons
from ui.i18n import _
from ui.provenance import source_caption
from ui.text import plain
from views.hotline.common import month_text, shown


def summons_view(targets: plan.PlanTargets, units: pd.DataFrame) -> None:
    rule = targets.get(plan.SUMMONS)
    if rule is None or rule.value is None or rule.months is None:
        st.warning(_("目标表中缺少约谈机制（hotline.summons 的名次或月数），无法生成约谈名单。"))
        return
    st.markdown(_("**规则（方案原文）**：{quote}", quote=rule.quote))
    source_caption(rule.doc_id, rule.line)
    st.caption(_("判定方法：按{cut}口径，在部门、镇街各自组内按满意率、解决率分别从低到高排位；同一指标连续"
                 "{months}个自然月处于后{n}位即列入约谈名单。名次从前往后排，并列按较前名次计（与公布名次的方式一致）；"
                 "缺月（该单位或全区未录入）不算连续；组内有数据的单位不超过{n}个时不判定。"
                 "原文中“日常工作进度缓慢”的单位由热线办另行认定，本页不计算。",
                 cut=_(END), months=rule.months, n=rule.whole))
    result = summons.summons(units, rule.whole, rule.months)
    for note in result.notes:
        st.caption(_("注：") + plain(note))
    st.markdown(_("##### 约谈名单（{n} 项）", n=len(result.summons)))
    if result.summons.empty:
        st.success(_("目前没有单位符合约谈条件。") if not units.empty else _("尚无各单位月度数据。"))
    else:
        table = shown(result.summons.assign(first_month=result.summons["first_month"].map(month_text),
                                            last_month=result.summons["last_month"].map(month_text)))
        st.dataframe(table, hide_index=True, width="stretch",
                     column_config={_("各月情况"): st.column_config.TextColumn(width="large")})
        download_buttons(table, _("12345热线_约谈名单"), key="hotline-summons")
    st.markdown(_("##### 预警：最新月份处于后几位、再连续即达到约谈条件"))
    if result.watch.empty:
        st.caption(_("无。"))
    else:
        st.dataframe(shown(result.watch[["unit", "peer_group", "indicator", "months", "detail"]]),
                     hide_index=True, width="stretch")
