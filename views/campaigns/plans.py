"""方案总览: the plans in scope, their phases on one chart, and one plan in detail (its URL is ?plan=)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import campaign_charts as cc
from ui import format as fmt
from ui.data import campaigns, curated
from ui.downloads import download_buttons
from ui.i18n import _, lang, ngettext
from ui.layout import chart
from ui.provenance import document_link, source_caption
from ui.tables import labelled, show_table
from views.campaigns.common import (
    ALL_UNITS,
    NO_BAR,
    blank,
    chart_source,
    cite_rows,
    dash,
    empty_notice,
    plan_label,
    scoped_empty_notice,
    source_text,
    view_text,
)
from views.campaigns.policy import policy_section

PLAN_KEY = "plan"  # the chosen plan, bound to ?plan= so a shared link reopens it


def contact_text(unit, phone) -> str:
    """'区政府办公室热线办 0531-83607001' (the words 联系电话 are the label, printed once)."""
    return " ".join(x for x in (unit, phone) if not blank(x)) or "—"


def when_text(start, end) -> str:
    if pd.isna(end):
        return _("未写明")
    return f"{fmt.cn_date(start) if pd.notna(start) else _('即日起')}–{fmt.cn_date(end)}"


def open_tasks_of_plan(plan_no: int, tab_label: str) -> None:
    st.session_state["task_plans"] = [plan_no]
    st.session_state["task_unit"] = ALL_UNITS
    st.session_state["tab"] = tab_label


def show(plans: pd.DataFrame, scope, tasks_tab: str) -> None:
    if plans.empty:
        scoped_empty_notice("campaign_plans", _("专项整治方案"))
        return
    key_figures(plans, scope)
    plans_table(plans)
    phases_section(plans, scope)
    plan_detail(plans, tasks_tab)


def key_figures(plans: pd.DataFrame, scope) -> None:
    c = st.columns(4)
    c[0].metric(_("专项整治方案"), fmt.integer(len(plans), " 个"))
    c[1].metric(_("工作任务"), fmt.integer(plans.tasks.sum(), " 条"), help=_("含各级子任务"))
    c[2].metric(_("涉及单位"), fmt.integer(len(campaigns.unit_names(scope)), " 个"),
                help=_("按规范名计，含“各镇街”等泛指"))
    c[3].metric(_("数字化目标"), fmt.integer(plans.targets.sum(), " 项"))


def plans_table(plans: pd.DataFrame) -> None:
    WHEN, CONTACT, SOURCE_TEXT = _("时间"), _("联系电话"), source_text()
    table = plans.assign(**{
        WHEN: [when_text(a, b) for a, b in zip(plans.first_start, plans.last_end)],
        CONTACT: [contact_text(u, p) for u, p in zip(plans.contact_unit, plans.contact_phone)],
        "lead_unit": dash(plans.lead_unit),
        SOURCE_TEXT: [document_link(d, f) for d, f in zip(plans.doc_id, plans.first_line)]})[
        ["plan_no", "field", "title", "lead_unit", CONTACT, "tasks", "phases", WHEN, "targets", SOURCE_TEXT]
    ]
    show_table(table, "campaign_plans", height=36 * len(table) + 40, column_config={
        _("方案"): st.column_config.TextColumn(width="medium"),
        SOURCE_TEXT: st.column_config.LinkColumn(SOURCE_TEXT, display_text=view_text())})
    st.caption(_("牵头单位：方案写明的牵头单位；未写明时取联系电话所列单位（依据见下方方案详情）。"))
    cite_rows(plans, "plans", "first_line")
    download_buttons(labelled(table, "campaign_plans"), _("专项整治方案一览"), key="plans")


def phases_section(plans: pd.DataFrame, scope) -> None:
    st.subheader(_("阶段安排"))
    all_phases = campaigns.phases(bulletins=scope)
    if all_phases.empty:
        empty_notice(_("方案阶段"))
        return
    chart(cc.phases_gantt(all_phases, _("各方案阶段安排"), lang=lang()), "campaign-gantt", config=NO_BAR,
          source=chart_source(all_phases))
    missing = plans[plans.phases == 0]
    if not missing.empty:
        st.caption(_("以下方案没有写明阶段与时间：") + _("、").join(
            f"{r.plan_no}. {r.field}" for r in missing.itertuples()) + _("。"))
    st.caption(_("斜线条纹：原文没有写开始日期的阶段（“即日起”或只写了完成时限）；图中从最早的写明日期或上一阶段结束时画起，"
                 "悬停可看原文时间。"))
    PLAN, START, END = _("方案"), _("开始"), _("结束")
    phase_table = all_phases.assign(**{
        PLAN: [f"{p}. {f}" for p, f in zip(all_phases.plan_no, all_phases.field)],
        START: [fmt.cn_date(v) if pd.notna(v) else _("即日起") for v in all_phases.start_date],
        END: [fmt.cn_date(v) if pd.notna(v) else "—" for v in all_phases.end_date],
        "phase_group": dash(all_phases.phase_group), "when_text": dash(all_phases.when_text)})[
        [PLAN, "phase_group", "phase_name", START, END, "when_text", "line"]]
    with st.expander(ngettext("阶段明细表（{n} 个阶段）", "阶段明细表（{n} 个阶段）", len(phase_table))):
        show_table(phase_table, "campaign_phases")
    download_buttons(labelled(phase_table, "campaign_phases"), _("专项整治阶段"), key="phases")
    cite_rows(all_phases, "phases")


def chosen_plan(plans: pd.DataFrame) -> int:
    """The plan in ?plan= (a shared link) if it is one of the plans in scope, else the first."""
    numbers = [int(p) for p in plans.plan_no]
    value = st.session_state.get(PLAN_KEY, st.query_params.get(PLAN_KEY))
    try:
        value = int(value)
    except (TypeError, ValueError):
        value = None
    return value if value in numbers else numbers[0]


def remember_plan() -> None:
    st.query_params[PLAN_KEY] = str(st.session_state[PLAN_KEY])


def plan_detail(plans: pd.DataFrame, tasks_tab: str) -> None:
    st.subheader(_("方案详情"))
    numbers = [int(p) for p in plans.plan_no]
    st.session_state[PLAN_KEY] = chosen_plan(plans)
    st.query_params[PLAN_KEY] = str(st.session_state[PLAN_KEY])
    plan_no = st.selectbox(_("选择方案"), numbers, format_func=plan_label(plans), key=PLAN_KEY,
                           on_change=remember_plan)
    plan = plans.set_index("plan_no").loc[plan_no]
    st.markdown(f"#### {plan.title}")
    left, right = st.columns(2)
    left.markdown(_("**领域**：{field}", field=plan.field) + "  \n"
                  + _("**牵头单位**：{unit}", unit=plan.lead_unit if not blank(plan.lead_unit) else "—")
                  + (_("（依据：{basis}）", basis=plan.lead_unit_basis) if "lead_unit_basis" in plan and
                     isinstance(plan.lead_unit_basis, str) else "")
                  + "  \n" + _("**任务**：{tasks} 条，涉及 {units} 个单位", tasks=plan.tasks, units=plan.units))
    contact = contact_text(plan.contact_unit, plan.contact_phone)
    right.markdown(_("**联系电话**：{contact}", contact=contact if contact != "—" else _("原文未写明")) + "  \n"
                   + _("**时间**：{when}", when=when_text(plan.first_start, plan.last_end)))
    if "contact_line" in plan and pd.notna(plan.contact_line):
        source_caption(plan.doc_id, int(plan.contact_line), note=_("（联系电话）"))
    right.button(_("查看本方案的任务"), key="goto-tasks", on_click=open_tasks_of_plan, args=(int(plan_no), tasks_tab),
                 icon=":material/arrow_forward:")
    plan_targets(plan_no, plan)
    plan_phases = campaigns.phases(int(plan_no), (curated.document(plan.doc_id)["bulletin"],))
    if not plan_phases.empty:
        st.markdown(_("**阶段**"))
        for row in plan_phases.itertuples():
            st.markdown(f"- {row.text}")
        source_caption(plan.doc_id, plan_phases.line)
    # The list is an attachment of one plan: shown under that plan only (and, when it could
    # not be read, an empty notice under the 养老 plan instead of silence).
    if campaigns.has_policy_list(plan.doc_id) or plan.field == "养老":
        policy_section(plan.doc_id)


def plan_targets(plan_no: int, plan: pd.Series) -> None:
    targets = campaigns.plan_targets(int(plan_no), plan.doc_id)
    st.markdown(_("**本方案的数字化目标**（{n} 项）", n=len(targets)))
    if targets.empty:
        st.caption(_("本方案没有带数字的目标。"))
        return
    TARGET, SOURCE_TEXT = _("目标"), source_text()
    values = [cc.target_value_text(r, lang()) for _index, r in targets.iterrows()]
    target_table = targets.assign(**{TARGET: values, "deadline_text": dash(targets.deadline_text),
                                     "responsible": dash(targets.responsible)})[
        ["subject", TARGET, "deadline_text", "responsible", "quote", "line"]]
    quote = {"quote": SOURCE_TEXT}   # the sentence is the plan's own text: headed "原文"
    show_table(target_table, "targets", quote, column_config={SOURCE_TEXT: st.column_config.TextColumn(width="large")})
    download_buttons(labelled(target_table, "targets", quote), _("方案{no}_数字目标", no=plan_no), key="plan-targets")
    source_caption(plan.doc_id, targets.line)
