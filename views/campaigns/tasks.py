"""任务与部门: each unit's task load (click a bar to pick the unit) and the task list by plan, unit and role."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import campaign_charts as cc
from ui import format as fmt
from ui.data import campaigns
from ui.downloads import download_buttons
from ui.i18n import _, lang, ngettext, pgettext
from ui.layout import chart
from ui.paging import lazy_downloads, page_window
from ui.provenance import document_link
from ui.selection import click_sets
from ui.tables import labelled, show_table
from views.campaigns.common import (
    ALL_UNITS,
    chart_source,
    cite_rows,
    dash,
    plan_label,
    quality_expander,
    role_option,
    scoped_empty_notice,
    source_text,
    unit_option,
    view_text,
)

TASK_PAGE = 300  # one compendium's tasks fit on one page; a corpus of many is paged


def show(plans: pd.DataFrame, scope) -> None:
    if plans.empty or not campaigns.row_count("campaign_tasks"):
        scoped_empty_notice("campaign_tasks", _("专项整治任务"))
        return
    units = campaigns.unit_names(scope)
    # The unit selectbox below is bound to ?task_unit= (a shareable view); the chart drawn
    # above it highlights the current choice, read from state or, on first load, the URL.
    chosen_unit = st.session_state.get("task_unit") or st.query_params.get("task_unit") or ALL_UNITS
    load = workload_section(units, chosen_unit, scope)
    task_list(plans, units, load, scope)
    quality_expander("campaigns.", _("专项整治方案"), scope)


def workload_section(units: list[str], chosen_unit: str, scope) -> pd.DataFrame:
    code = lang()
    st.subheader(_("各单位承担的任务"))
    a, b = st.columns([3, 2])
    include_generic = a.toggle(_("包括“各镇街”“相关部门”等泛指单位"), key="wl_generic")
    top = b.select_slider(_("显示前"), options=[10, 20, 30, 50, 100], value=20, key="wl_top",
                          format_func=lambda n: ngettext("{n} 个单位", "{n} 个单位", n, code))
    load = campaigns.workload(include_generic, scope)
    workload_fig = cc.workload_bars(load, _("各单位承担的任务数（点击条形查看该单位的任务）"),
                                    highlight=None if chosen_unit == ALL_UNITS else chosen_unit, top=top, lang=code)
    chart(workload_fig, "campaign-workload", stem=_("各单位承担的任务数"), alt=cc.describe_stacked(workload_fig, code),
          source=chart_source(campaigns.task_unit_sources(scope)),
          on_select=click_sets("task_unit", "campaign-workload", field="y", allowed=units), selection_mode="points")
    st.caption(_("按规范名统计每个单位作为牵头、责任、配合单位出现的任务条数（同一任务只计一次）；"
                 "一个单位在方案中的不同写法（如 区住建局 / 住建局）已合并，写法见下表。"))
    if not include_generic:
        generic = campaigns.generic_units(scope)
        if not generic.empty:
            st.caption(_("未计入图中的泛指单位：") + _("、").join(
                f"{r.unit} " + _("{n} 条", n=r.tasks) for r in generic.head(6).itertuples())
                       + ("……" if len(generic) > 6 else ""))
    shown_load = load.head(top)[["unit", "lead", "responsible", "cooperating", "tasks", "plans", "spellings"]].rename(
        columns={"unit": _("单位（规范名）"), "lead": _("牵头（条）"), "responsible": _("责任（条）"),
                 "cooperating": _("配合（条）"), "tasks": _("合计（条）"), "plans": _("涉及方案（个）"),
                 "spellings": _("原文写法")})
    with st.expander(_("工作量明细表")):
        st.dataframe(shown_load, hide_index=True, placeholder="—", width="stretch")
    download_buttons(shown_load, _("专项整治_单位工作量"), key="workload")
    cite_rows(campaigns.task_unit_sources(scope), "task-units", note=_("（工作任务中的牵头、责任、配合单位）"))
    return load


def unit_figures(unit: str, load: pd.DataFrame, scope) -> None:
    mine = load.set_index("unit").loc[unit] if unit in set(load.unit) else \
        campaigns.workload(True, scope).set_index("unit").loc[unit]
    st.markdown(f"##### {unit}")
    m = st.columns(4)
    m[0].metric(_("参与的任务"), fmt.integer(int(mine.tasks), " 条"), help=_("{unit}作为牵头、责任或配合单位的任务", unit=unit))
    m[1].metric(pgettext("角色", "牵头"), fmt.integer(int(mine.lead), " 条"))
    m[2].metric(pgettext("角色", "责任"), fmt.integer(int(mine.responsible), " 条"))
    m[3].metric(pgettext("角色", "配合"), fmt.integer(int(mine.cooperating), " 条"))
    spell = campaigns.unit_spellings(unit, scope)
    st.caption(_("原文写法：") + _("；").join(
        _("{raw}（{mentions} 处，{plans} 个方案）", raw=r.unit_raw, mentions=r.mentions, plans=r.plans)
        for r in spell.itertuples()))


def task_list(plans: pd.DataFrame, units: list[str], load: pd.DataFrame, scope) -> None:
    code = lang()
    st.subheader(_("任务清单"))
    label = plan_label(plans)
    f1, f2 = st.columns(2)
    chosen_plans = f1.multiselect(_("方案"), plans.plan_no.tolist(), format_func=label, key="task_plans",
                                  placeholder=_("全部方案"))
    chosen_unit = f2.selectbox(_("单位（规范名；也可点击上图条形）"), [ALL_UNITS, *units], key="task_unit",
                               bind="query-params", format_func=lambda u: unit_option(u, code))
    roles = st.pills(_("角色"), list(campaigns.ROLES), selection_mode="multi", default=list(campaigns.ROLES),
                     key="task_roles", format_func=lambda r: role_option(r, code)) or list(campaigns.ROLES)
    unit = None if chosen_unit == ALL_UNITS else chosen_unit
    task_filter = (tuple(int(p) for p in chosen_plans), unit, tuple(roles))
    total_tasks = campaigns.task_count(*task_filter, bulletins=scope)
    if unit:
        unit_figures(unit, load, scope)
    st.markdown(_("共 **{n}** 条任务", n=f"{total_tasks:,}")
                + (_("（{unit}，角色：{roles}）", unit=unit, roles=_("、").join(role_option(r, code) for r in roles))
                   if unit else "")
                + (_("，方案：{plans}", plans=_("、").join(label(p) for p in chosen_plans)) if chosen_plans else "")
                + _("。"))
    PLAN, TASK, SOURCE_TEXT = _("方案"), _("任务"), source_text()

    def tasks_table(rows: pd.DataFrame) -> pd.DataFrame:
        indent = ["　" * (int(lv) - 1) for lv in rows.level] if not rows.empty else []
        table = rows.assign(**{
            PLAN: [label(p) for p in rows.plan_no], TASK: [i + title for i, title in zip(indent, rows.title)],
            SOURCE_TEXT: [document_link(d, ln) for d, ln in zip(rows.doc_id, rows.line)]})
        columns = [PLAN, "task_id", TASK] + (["unit_roles", "unit_spellings"] if unit else []) + [
            "lead_units", "responsible_units", "cooperating_units", "spellings", "deadline_text",
            "targets_text", "line", SOURCE_TEXT]
        table = table.assign(**{c: dash(table[c]) for c in columns if table[c].dtype == object and c != SOURCE_TEXT})
        return table[columns]

    # One page of tasks from SQL (242,000 at 1000 editions); the download fetches all on click.
    offset, limit = page_window(total_tasks, "task_page", TASK_PAGE)
    rows = campaigns.tasks(*task_filter, limit, offset, bulletins=scope)
    task_table = tasks_table(rows)
    show_table(task_table, "campaign_task_list", height=min(36 * len(task_table) + 40, 520),
                 column_config={TASK: st.column_config.TextColumn(width="large"),
                                SOURCE_TEXT: st.column_config.LinkColumn(SOURCE_TEXT, display_text=view_text())})
    stem = _("专项整治任务_{unit}", unit=unit or _("全部单位"))
    if total_tasks > len(rows):
        lazy_downloads(lambda: labelled(tasks_table(campaigns.tasks(*task_filter, bulletins=scope))
                                        .drop(columns=[SOURCE_TEXT]), "campaign_task_list"), stem, key="tasks")
    else:
        download_buttons(labelled(task_table.drop(columns=[SOURCE_TEXT]), "campaign_task_list"), stem, key="tasks")
    cite_rows(rows, "tasks")
