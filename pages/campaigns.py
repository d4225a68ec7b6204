"""专项整治与承诺：所选期次的专项整治方案（阶段、任务、单位分工）、数字化承诺台账和领导小组名单。"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import campaign_charts as cc
from ui import format as fmt
from ui.data import campaigns, curated, people
from ui.downloads import download_buttons
from ui.filters import missing_notice, scope_description, selected_bulletins, selected_town
from ui.i18n import N_, _, lang, localise_choice, ngettext, pgettext
from ui.layout import chart, page_header
from ui.links import TOWN_LINK_DISPLAY, town_url
from ui.paging import lazy_downloads, page_window
from ui.provenance import citation, document_link, line_text, source_caption
from ui.selection import click_sets

ALL_UNITS = "全部单位"
TABS = [N_("方案总览"), N_("任务与部门"), N_("承诺与目标"), N_("人员与小组")]
NO_BAR = {"displayModeBar": False}
TASK_PAGE = 300  # one compendium's tasks fit on one page; a corpus of many is paged
LEDGER_PAGE = 200  # both bulletins' commitments fit on one page; a corpus of many is paged
code = lang()

scope = selected_bulletins()
plans = campaigns.plans(scope) if campaigns.row_count("campaign_plans") else pd.DataFrame()
roster_plan = curated.plan_of("rosters", scope)
page_header(_("专项整治与承诺"), _("谁负责什么、什么时候完成：{plans}的阶段、任务和牵头 / 责任 / 配合单位；{scope}中所有带数字的承诺；"
                              "{rosters}。",
                              plans=ngettext("{n} 个专项整治（行动）方案", "{n} 个专项整治（行动）方案", len(plans)) if not plans.empty else _("专项整治方案"),
                              scope=scope_description(scope, code),
                              rosters=_("{district}各领导小组、工作专班和联席会议的成员", district=roster_plan["district"])
                              if roster_plan else _("各领导小组、工作专班和联席会议的成员")))


# Option labels are formatted with the language fixed now (a format_func may run outside this run).
def unit_option(unit: str) -> str:
    return _(unit, code) if unit == ALL_UNITS else unit


def role_option(role: str) -> str:
    return pgettext("角色", role, code)


def cite_rows(frame: pd.DataFrame, line_column: str = "line", note: str = "") -> None:
    """Source captions for rows that may come from several documents (one caption per document)."""
    if frame.empty:
        return
    groups = list(frame.groupby("doc_id", sort=False)[line_column])
    if len(groups) == 1:
        doc_id, lines = groups[0]
        source_caption(doc_id, lines.dropna().astype(int), note=note)
        return
    with st.expander(ngettext("来源：{n} 份文件（逐一列出，可复制引用）", "来源：{n} 份文件（逐一列出，可复制引用）", len(groups)), icon=":material/menu_book:"):
        for doc_id, lines in groups:
            source_caption(doc_id, lines.dropna().astype(int), note=note)


def chart_source(frame: pd.DataFrame, line_column: str = "line") -> str | None:
    """The citation printed under an exported chart: one document's citation, or, for rows from
    several documents, each bulletin with its number of documents and the span of lines."""
    rows = frame.dropna(subset=[line_column])
    if rows.empty:
        return None
    of_doc = curated.document_bulletins(tuple(rows.doc_id.unique()))
    lines = rows[line_column].astype(int)
    spans = rows.assign(bulletin=rows.doc_id.map(of_doc), line=lines).groupby("bulletin", sort=False).agg(
        docs=("doc_id", "nunique"), doc_id=("doc_id", "first"), first_line=("line", "min"), last_line=("line", "max"))
    return span_source(spans.reset_index())


def span_source(spans: pd.DataFrame) -> str | None:
    """chart_source from one row per bulletin (bulletin, docs, doc_id, first_line, last_line), as
    store.campaigns.ledger_sources counts them in SQL."""
    if spans.empty:
        return None
    span = lambda row: (int(row.first_line), int(row.last_line))  # line_text needs only the ends
    if spans.docs.sum() == 1:
        return citation(spans.doc_id.iloc[0], span(spans.iloc[0]))
    titles = curated.bulletin_titles()
    return _("；").join(
        _("《{bulletin}》{n} 份文件，{lines}", bulletin=titles.get(row.bulletin, row.bulletin), n=int(row.docs),
          lines=line_text(span(row), code)) for row in spans.itertuples())


def plan_label(plans: pd.DataFrame):
    names = dict(zip(plans.plan_no, plans.field))
    return lambda no: f"{no}. {names.get(no, '')}"


def scoped_empty_notice(table: str, what: str) -> None:
    """The scope has none of `table` although other editions do (one line with links), or the table is empty."""
    if campaigns.row_count(table):
        missing_notice(table, what, "/campaigns", code)
    else:
        empty_notice(what)


def empty_notice(what: str) -> None:
    st.info(_("{what}尚未解析入库（数据表为空）。请稍后重新构建数据：python -m loaders.build", what=what),
            icon=":material/hourglass_empty:")


def open_tasks_of_plan(plan_no: int) -> None:
    st.session_state["task_plans"] = [plan_no]
    st.session_state["task_unit"] = ALL_UNITS
    st.session_state["tab"] = _("任务与部门", code)


def quality_expander(prefix: str, what: str) -> None:
    """The loader's data-quality warnings for this part of the page (never hidden)."""
    notes = campaigns.quality_notes(prefix, bulletins=scope)
    checked = len(campaigns.quality_notes(prefix, warnings_only=False, bulletins=scope))
    if not checked:
        return
    with st.expander(_("{what}的数据核对：{checked} 项，其中提示 {n} 项", what=what, checked=checked, n=len(notes)),
                     icon=":material/rule:"):
        if notes.empty:
            st.caption(_("全部核对通过。"))
        for row in notes.itertuples():
            link = f"　[{line_text(int(row.line), code)}]({document_link(row.doc_id, int(row.line))})" \
                if isinstance(row.doc_id, str) and pd.notna(row.line) else ""
            st.markdown(f"- ⚠️ {row.message}{link}")


def policy_section(plan_doc: str) -> None:
    """养老方案附件 1 of the chosen plan's compendium: issue → legal basis → competent departments → measures,
    de-duplicated."""
    st.subheader(_("养老服务突出问题专项整治政策参考清单"))
    doc = plan_doc if campaigns.has_policy_list(plan_doc) else campaigns.policy_doc(plan_doc)
    issues, refs = campaigns.policy_issues(doc), campaigns.policy_refs(doc)
    if issues.empty:
        empty_notice(_("养老方案附件 1“政策参考清单”"))
        return
    st.caption(_("养老服务领域专项整治方案附件 1。原文表格被分页拆成多段且相互重叠；去重后共 {issues} 个问题、"
                 "{bases} 份不同的文件依据（问题 × 依据 {pairs} 条）。", issues=len(issues),
                 bases=refs.legal_basis.nunique(), pairs=refs.legal_basis.notna().sum()))
    category = st.pills(_("突出问题"), list(dict.fromkeys(issues.category)), key="policy_category",
                        default=issues.category.iloc[0])
    chosen = issues[issues.category == category] if category else issues
    for issue in chosen.itertuples():
        with st.expander(issue.issue):
            if isinstance(issue.sub_issues, str):
                st.markdown(_("**问题表现**：") + issue.sub_issues)
            bases = refs[(refs.category == issue.category) & (refs.issue_no == issue.issue_no)].dropna(
                subset=["legal_basis"])
            st.markdown(_("**文件依据**（{n} 份）：", n=len(bases)))
            for basis in bases.itertuples():
                st.markdown(f"- {basis.legal_basis}")
                if isinstance(basis.articles, str):
                    st.caption(_("所引条文：") + basis.articles[:300] + ("……" if len(basis.articles) > 300 else ""))
            st.markdown(_("**主管部门**：") + (issue.departments if isinstance(issue.departments, str) else "—"))
            st.markdown(_("**整治措施**：") + (issue.measures if isinstance(issue.measures, str) and issue.measures
                                              else _("原文未写明")))
            source_caption(issue.doc_id, refs[refs.issue_no == issue.issue_no].line)
    shown = refs[["category", "issue_no", "issue", "legal_basis", "departments", "measures", "line"]].rename(columns={
        "category": _("突出问题"), "issue_no": _("编号"), "issue": _("问题表现"), "legal_basis": _("文件依据"),
        "departments": _("主管部门"), "measures": _("整治措施"), "line": _("原文行")})
    with st.expander(_("完整清单表格（{n} 行：每个问题 × 每份文件依据）", n=len(shown))):
        st.dataframe(shown, hide_index=True, width="stretch")
    download_buttons(shown, _("养老政策参考清单"), key="policy-refs")
    cite_rows(refs)


tab_plans, tab_tasks, tab_targets, tab_people = st.tabs(localise_choice("tab", TABS), key="tab", bind="query-params")
SOURCE_TEXT, VIEW = _("原文"), _("查看原文")

# ---- 方案总览 -------------------------------------------------------------------
if tab_plans.open:
    with tab_plans:
        if plans.empty:
            scoped_empty_notice("campaign_plans", _("专项整治方案"))
        else:
            c = st.columns(4)
            c[0].metric(_("专项整治方案"), fmt.integer(len(plans), " 个"))
            c[1].metric(_("工作任务"), fmt.integer(plans.tasks.sum(), " 条"), help=_("含各级子任务"))
            c[2].metric(_("涉及单位"), fmt.integer(len(campaigns.unit_names(scope)), " 个"),
                        help=_("按规范名计，含“各镇街”等泛指"))
            c[3].metric(_("数字化目标"), fmt.integer(plans.targets.sum(), " 项"))

            WHEN, CONTACT = _("时间"), _("联系电话")
            table = plans.assign(**{
                WHEN: [f"{fmt.cn_date(a) if pd.notna(a) else _('即日起')}–{fmt.cn_date(b)}" if pd.notna(b)
                       else _("未写明") for a, b in zip(plans.first_start, plans.last_end)],
                CONTACT: [" ".join(x for x in (u, p) if isinstance(x, str)) or "—"
                          for u, p in zip(plans.contact_unit, plans.contact_phone)],
                SOURCE_TEXT: [document_link(d, f) for d, f in zip(plans.doc_id, plans.first_line)]})[
                ["plan_no", "field", "title", "lead_unit", CONTACT, "tasks", "phases", WHEN, "targets", SOURCE_TEXT]
            ].rename(columns={"plan_no": _("序号"), "field": _("领域"), "title": _("方案"), "lead_unit": _("牵头单位"),
                              "tasks": _("任务（条）"), "phases": _("阶段（个）"), "targets": _("数字目标（项）")})
            st.dataframe(table, hide_index=True, width="stretch", height=36 * len(table) + 40, column_config={
                _("方案"): st.column_config.TextColumn(width="medium"),
                SOURCE_TEXT: st.column_config.LinkColumn(SOURCE_TEXT, display_text=VIEW)})
            st.caption(_("牵头单位：方案写明的牵头单位；未写明时取联系电话所列单位（依据见下方方案详情）。"))
            cite_rows(plans, "first_line")
            download_buttons(table, _("专项整治方案一览"), key="plans")

            st.subheader(_("阶段安排"))
            all_phases = campaigns.phases(bulletins=scope)
            if all_phases.empty:
                empty_notice(_("方案阶段"))
            else:
                chart(cc.phases_gantt(all_phases, _("各方案阶段安排"), lang=code), "campaign-gantt", config=NO_BAR,
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
                    END: all_phases.end_date.map(fmt.cn_date)})[
                    [PLAN, "phase_group", "phase_name", START, END, "when_text", "line"]].rename(columns={
                        "phase_group": _("专项行动"), "phase_name": _("阶段"), "when_text": _("时间（原文）"),
                        "line": _("原文行")})
                with st.expander(ngettext("阶段明细表（{n} 个阶段）", "阶段明细表（{n} 个阶段）", len(phase_table))):
                    st.dataframe(phase_table, hide_index=True, width="stretch")
                download_buttons(phase_table, _("专项整治阶段"), key="phases")
                cite_rows(all_phases)

            st.subheader(_("方案详情"))
            label = plan_label(plans)
            plan_no = st.selectbox(_("选择方案"), plans.plan_no.tolist(), format_func=label, key="plan_detail")
            plan = plans.set_index("plan_no").loc[plan_no]
            st.markdown(f"#### {plan.title}")
            left, right = st.columns(2)
            left.markdown(_("**领域**：{field}", field=plan.field) + "  \n"
                          + _("**牵头单位**：{unit}", unit=plan.lead_unit or "—")
                          + (_("（依据：{basis}）", basis=plan.lead_unit_basis) if "lead_unit_basis" in plan and
                             isinstance(plan.lead_unit_basis, str) else "")
                          + "  \n" + _("**任务**：{tasks} 条，涉及 {units} 个单位", tasks=plan.tasks, units=plan.units))
            right.markdown(_("**联系电话**：{contact}", contact=plan.contact or _("原文未写明")) + "  \n"
                           + _("**时间**：{when}", when=table.set_index(_("序号")).loc[plan_no, WHEN]))
            if "contact_line" in plan and pd.notna(plan.contact_line):
                source_caption(plan.doc_id, int(plan.contact_line), note=_("（联系电话）"))
            right.button(_("查看本方案的任务"), key="goto-tasks", on_click=open_tasks_of_plan, args=(int(plan_no),),
                         icon=":material/arrow_forward:")

            targets = campaigns.plan_targets(int(plan_no), plan.doc_id)
            st.markdown(_("**本方案的数字化目标**（{n} 项）", n=len(targets)))
            if targets.empty:
                st.caption(_("本方案没有带数字的目标。"))
            else:
                TARGET = _("目标")
                values = [cc.target_value_text(r, code) for _index, r in targets.iterrows()]
                target_table = targets.assign(**{TARGET: values})[
                    ["subject", TARGET, "deadline_text", "responsible", "quote", "line"]].rename(columns={
                        "subject": _("承诺对象"), "deadline_text": _("期限（原文）"), "responsible": _("责任单位"),
                        "quote": SOURCE_TEXT, "line": _("原文行")})
                st.dataframe(target_table, hide_index=True, width="stretch",
                             column_config={SOURCE_TEXT: st.column_config.TextColumn(width="large")})
                download_buttons(target_table, _("方案{no}_数字目标", no=plan_no), key="plan-targets")
                source_caption(plan.doc_id, targets.line)

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

# ---- 任务与部门 -----------------------------------------------------------------
if tab_tasks.open:
    with tab_tasks:
        if plans.empty or not campaigns.row_count("campaign_tasks"):
            scoped_empty_notice("campaign_tasks", _("专项整治任务"))
        else:
            units = campaigns.unit_names(scope)
            # The unit selectbox below is bound to ?task_unit= (a shareable view); the chart drawn
            # above it highlights the current choice, read from state or, on first load, the URL.
            chosen_unit = st.session_state.get("task_unit") or st.query_params.get("task_unit") or ALL_UNITS

            st.subheader(_("各单位承担的任务"))
            a, b = st.columns([3, 2])
            include_generic = a.toggle(_("包括“各镇街”“相关部门”等泛指单位"), key="wl_generic")
            top = b.select_slider(_("显示前"), options=[10, 20, 30, 50, 100], value=20, key="wl_top",
                                  format_func=lambda n: ngettext("{n} 个单位", "{n} 个单位", n, code))
            load = campaigns.workload(include_generic, scope)
            workload_fig = cc.workload_bars(load, _("各单位承担的任务数（点击条形查看该单位的任务）"),
                                            highlight=None if chosen_unit == ALL_UNITS else chosen_unit, top=top,
                                            lang=code)
            chart(workload_fig, "campaign-workload", stem=_("各单位承担的任务数"), alt=cc.describe_stacked(workload_fig, code),
                  source=chart_source(campaigns.task_unit_sources(scope)),
                  on_select=click_sets("task_unit", "campaign-workload", field="y", allowed=units),
                  selection_mode="points")
            st.caption(_("按规范名统计每个单位作为牵头、责任、配合单位出现的任务条数（同一任务只计一次）；"
                         "一个单位在方案中的不同写法（如 区住建局 / 住建局）已合并，写法见下表。"))
            if not include_generic:
                generic = campaigns.generic_units(scope)
                if not generic.empty:
                    st.caption(_("未计入图中的泛指单位：") + _("、").join(
                        f"{r.unit} " + _("{n} 条", n=r.tasks) for r in generic.head(6).itertuples())
                               + ("……" if len(generic) > 6 else ""))
            shown_load = load.head(top)[["unit", "lead", "responsible", "cooperating", "tasks", "plans",
                                         "spellings"]].rename(columns={
                "unit": _("单位（规范名）"), "lead": _("牵头（条）"), "responsible": _("责任（条）"),
                "cooperating": _("配合（条）"), "tasks": _("合计（条）"), "plans": _("涉及方案（个）"),
                "spellings": _("原文写法")})
            with st.expander(_("工作量明细表")):
                st.dataframe(shown_load, hide_index=True, width="stretch")
            download_buttons(shown_load, _("专项整治_单位工作量"), key="workload")
            cite_rows(campaigns.task_unit_sources(scope), note=_("（工作任务中的牵头、责任、配合单位）"))

            st.subheader(_("任务清单"))
            label = plan_label(plans)
            f1, f2 = st.columns(2)
            chosen_plans = f1.multiselect(_("方案"), plans.plan_no.tolist(), format_func=label, key="task_plans",
                                          placeholder=_("全部方案"))
            chosen_unit = f2.selectbox(_("单位（规范名；也可点击上图条形）"), [ALL_UNITS, *units], key="task_unit",
                                       bind="query-params", format_func=unit_option)
            roles = st.pills(_("角色"), list(campaigns.ROLES), selection_mode="multi", default=list(campaigns.ROLES),
                             key="task_roles", format_func=role_option) or list(campaigns.ROLES)
            unit = None if chosen_unit == ALL_UNITS else chosen_unit
            task_filter = (tuple(int(p) for p in chosen_plans), unit, tuple(roles))
            total_tasks = campaigns.task_count(*task_filter, bulletins=scope)
            if unit:
                mine = load.set_index("unit").loc[unit] if unit in set(load.unit) else \
                    campaigns.workload(True, scope).set_index("unit").loc[unit]
                st.markdown(f"##### {unit}")
                m = st.columns(4)
                m[0].metric(_("参与的任务"), fmt.integer(int(mine.tasks), " 条"),
                            help=_("{unit}作为牵头、责任或配合单位的任务", unit=unit))
                m[1].metric(pgettext("角色", "牵头"), fmt.integer(int(mine.lead), " 条"))
                m[2].metric(pgettext("角色", "责任"), fmt.integer(int(mine.responsible), " 条"))
                m[3].metric(pgettext("角色", "配合"), fmt.integer(int(mine.cooperating), " 条"))
                spell = campaigns.unit_spellings(unit, scope)
                st.caption(_("原文写法：") + _("；").join(
                    _("{raw}（{mentions} 处，{plans} 个方案）", raw=r.unit_raw, mentions=r.mentions, plans=r.plans)
                    for r in spell.itertuples()))
            st.markdown(_("共 **{n}** 条任务", n=f"{total_tasks:,}")
                        + (_("（{unit}，角色：{roles}）", unit=unit, roles=_("、").join(role_option(r) for r in roles))
                           if unit else "")
                        + (_("，方案：{plans}", plans=_("、").join(label(p) for p in chosen_plans)) if chosen_plans else "")
                        + _("。"))
            PLAN, TASK = _("方案"), _("任务")

            def tasks_table(rows: pd.DataFrame) -> pd.DataFrame:
                indent = ["　" * (int(lv) - 1) for lv in rows.level] if not rows.empty else []
                table = rows.assign(**{
                    PLAN: [label(p) for p in rows.plan_no], TASK: [i + title for i, title in zip(indent, rows.title)],
                    SOURCE_TEXT: [document_link(d, ln) for d, ln in zip(rows.doc_id, rows.line)]})
                columns = [PLAN, "task_id", TASK] + (["unit_roles", "unit_spellings"] if unit else []) + [
                    "lead_units", "responsible_units", "cooperating_units", "spellings", "deadline_text",
                    "targets_text", "line", SOURCE_TEXT]
                return table[columns].rename(columns={
                    "task_id": _("编号"), "unit_roles": _("本单位角色"), "unit_spellings": _("本单位原文写法"),
                    "lead_units": _("牵头单位"), "responsible_units": _("责任单位"), "cooperating_units": _("配合单位"),
                    "spellings": _("写法对照（原文→规范名）"), "deadline_text": _("时限（原文）"),
                    "targets_text": _("目标（原文）"), "line": _("原文行")})

            # One page of tasks from SQL (242,000 at 1000 editions); the download fetches all on click.
            offset, limit = page_window(total_tasks, "task_page", TASK_PAGE)
            rows = campaigns.tasks(*task_filter, limit, offset, bulletins=scope)
            task_table = tasks_table(rows)
            st.dataframe(task_table, hide_index=True, width="stretch", height=min(36 * len(task_table) + 40, 520),
                         column_config={TASK: st.column_config.TextColumn(width="large"),
                                        SOURCE_TEXT: st.column_config.LinkColumn(SOURCE_TEXT, display_text=VIEW)})
            stem = _("专项整治任务_{unit}", unit=unit or _("全部单位"))
            if total_tasks > len(rows):
                lazy_downloads(lambda: tasks_table(campaigns.tasks(*task_filter, bulletins=scope)).drop(columns=[SOURCE_TEXT]), stem,
                               key="tasks")
            else:
                download_buttons(task_table.drop(columns=[SOURCE_TEXT]), stem, key="tasks")
            cite_rows(rows)
            quality_expander("campaigns.", _("专项整治方案"))

# ---- 承诺与目标 -----------------------------------------------------------------
if tab_targets.open:
    with tab_targets:
        if not campaigns.row_count("targets"):
            empty_notice(_("数字化承诺"))
        elif not campaigns.target_districts(scope):
            scoped_empty_notice("targets", _("数字化承诺"))
        else:
            lo, hi = campaigns.target_date_range(scope)
            st.markdown(_("{scope}中所有带数字的承诺（比例、数量、金额、名次、清零、日期），按期限排序。",
                          scope=scope_description(scope, code)))
            f1, f2, f3 = st.columns([1, 2, 2])
            districts = f1.pills(_("区"), campaigns.target_districts(scope), selection_mode="multi",
                                 default=campaigns.target_districts(scope), key="ledger_districts")
            unit_choice = f2.selectbox(_("责任单位（规范名）"), [ALL_UNITS, *campaigns.target_units(scope)], key="ledger_unit",
                                       format_func=unit_option)
            window = f3.date_input(_("期限范围"), value=(lo, hi), min_value=lo, max_value=hi, key="ledger_window",
                                   format="YYYY/MM/DD",
                                   help=_("只看在这段时间内到期的承诺；例如把结束日期设为 2022/12/31"))
            include_undated = st.toggle(_("包括没有具体期限的承诺（如“当月”“长期”）"), value=True, key="ledger_undated")
            start, end = (window[0], window[1]) if isinstance(window, (tuple, list)) and len(window) == 2 else \
                ((window[0], None) if isinstance(window, (tuple, list)) and window else (None, None))
            ledger_filter = (tuple(districts or ()), None if unit_choice == ALL_UNITS else unit_choice, start, end,
                             include_undated)
            # Counts, the month chart and its citation are aggregated in SQL; the table is one page
            # (176,000 commitments at 1000 editions); the download fetches all on click.
            summary = campaigns.ledger_summary(*ledger_filter, bulletins=scope)
            dated = summary["dated"]
            m = st.columns(3)
            m[0].metric(_("承诺"), fmt.integer(summary["targets"], " 项"))
            m[1].metric(_("有具体期限"), fmt.integer(dated, " 项"))
            m[2].metric(_("最近的期限"), fmt.cn_date(summary["first_deadline"]) if dated else "—")
            if not summary["targets"]:
                st.info(_("没有符合筛选条件的承诺。"))
            else:
                if dated:
                    months_fig = cc.month_counts_chart(campaigns.ledger_months(*ledger_filter, bulletins=scope),
                                                       _("各月到期的承诺数（按区）"), lang=code)
                    chart(months_fig, "ledger-months", config=NO_BAR, alt=cc.describe_stacked(months_fig, code),
                          source=span_source(campaigns.ledger_sources(*ledger_filter, bulletins=scope)))
                    st.caption(_("只统计写明期限的承诺；“到2020年”“年底前”等按该年 12 月 31 日计，“9月中旬”按 15 日计。"))
                DUE, TARGET, DOC, CITE, TOWN = _("期限"), _("目标"), _("文件"), _("引用"), _("镇街")

                def ledger_table(rows: pd.DataFrame) -> pd.DataFrame:
                    return rows.assign(**{
                        DUE: [fmt.cn_date(v) if pd.notna(v) else "—" for v in rows.deadline],
                        TARGET: [cc.target_value_text(r, code) for _index, r in rows.iterrows()],
                        DOC: [f"{title}（{no}）" if isinstance(no, str) and no else title
                              for title, no in zip(rows.doc_title, rows.doc_no)],
                        CITE: [citation(d, ln) for d, ln in zip(rows.doc_id, rows.line)],
                        TOWN: [town_url(name) if isinstance(name, str) else None for name in rows.town_name],
                        SOURCE_TEXT: [document_link(d, ln) for d, ln in zip(rows.doc_id, rows.line)]})[
                        [DUE, "district", "subject", TARGET, "deadline_text", "responsible", DOC, "quote", CITE,
                         TOWN, SOURCE_TEXT]].rename(columns={
                            "district": _("区"), "subject": _("承诺对象"), "deadline_text": _("期限（原文）"),
                            "responsible": _("责任单位"), "quote": _("原文句子")})

                def ledger_download(rows: pd.DataFrame) -> pd.DataFrame:
                    return ledger_table(rows).drop(columns=[SOURCE_TEXT]).assign(**{TOWN: rows.town_name.tolist()})

                offset, limit = page_window(summary["targets"], "ledger_page", LEDGER_PAGE)
                rows = campaigns.ledger(*ledger_filter, limit, offset, bulletins=scope)
                shown = ledger_table(rows)
                st.dataframe(shown, hide_index=True, width="stretch", height=min(36 * len(shown) + 40, 560),
                             column_config={_("承诺对象"): st.column_config.TextColumn(width="medium"),
                                            _("原文句子"): st.column_config.TextColumn(width="large"),
                                            TOWN: st.column_config.LinkColumn(
                                                _("镇街画像"), display_text=TOWN_LINK_DISPLAY,
                                                help=_("承诺写到的镇街，点击打开该镇街的画像")),
                                            SOURCE_TEXT: st.column_config.LinkColumn(SOURCE_TEXT, display_text=VIEW)})
                if summary["targets"] > len(rows):
                    lazy_downloads(lambda: ledger_download(campaigns.ledger(*ledger_filter, bulletins=scope)), _("承诺台账"),
                                   key="ledger")
                else:
                    download_buttons(ledger_download(rows), _("承诺台账"), key="ledger")
                cite_rows(rows)
            quality_expander("targets.", _("承诺"))

# ---- 人员与小组 -----------------------------------------------------------------
if tab_people.open:
    with tab_people:
        groups = people.groups(scope) if campaigns.row_count("rosters") else pd.DataFrame()
        if groups.empty:
            scoped_empty_notice("rosters", _("领导小组名单"))
        else:
            several = people.people_on_several_groups(2, scope)
            m = st.columns(3)
            m[0].metric(_("领导小组、专班与联席会议名单"), fmt.integer(len(groups), " 份"),
                        help=_("校园消防安全整治工作专班及其下设的三个工作小组各算一份"))
            m[1].metric(_("列名人员"), fmt.integer(len(people.all_person_names(scope)), " 人"),
                        help=_("按姓名计；姓名不同即按不同人员统计"))
            m[2].metric(_("在两个及以上名单中"), fmt.integer(len(several), " 人"))

            group_table = groups.assign(**{
                SOURCE_TEXT: [document_link(d, f) for d, f in zip(groups.doc_id, groups.first_line)]})[
                ["group_label", "members", "leaders", "office_at", SOURCE_TEXT]].rename(columns={
                    "group_label": _("名单"), "members": _("成员（人）"), "leaders": _("组长 / 召集人"),
                    "office_at": _("办公室设在")})
            st.dataframe(group_table, hide_index=True, width="stretch",
                         column_config={SOURCE_TEXT: st.column_config.LinkColumn(SOURCE_TEXT, display_text=VIEW)})
            download_buttons(group_table.drop(columns=[SOURCE_TEXT]), _("领导小组名单一览"), key="groups")
            cite_rows(groups, "first_line")

            st.subheader(_("名单成员"))
            label = st.selectbox(_("选择名单"), groups.group_label.tolist(), key="roster_group")
            roster = people.members(label, scope)
            TOWN = _("镇街")
            roster_table = roster.assign(**{
                TOWN: [town_url(name) if isinstance(name, str) else None for name in roster.town_name]})[
                ["seq_in_group", "role", "person_name", "person_name_raw", "position", "unit", TOWN, "line"]
            ].rename(columns={"seq_in_group": _("序号"), "role": _("小组职务"), "person_name": _("姓名"),
                              "person_name_raw": _("原文写法"), "position": _("职务"), "unit": _("所属单位"),
                              "line": _("原文行")})
            st.dataframe(roster_table, hide_index=True, width="stretch", height=min(36 * len(roster_table) + 40, 560),
                         column_config={TOWN: st.column_config.LinkColumn(_("镇街画像"), display_text=TOWN_LINK_DISPLAY),
                                        _("序号"): st.column_config.NumberColumn(format="%d")})
            download_buttons(roster_table, _("名单_{group}", group=people.short_group(label)), key="roster")
            source_caption(roster.doc_id.iloc[0], roster.line)

            st.subheader(_("谁在多个名单中"))
            least = st.segmented_control(_("至少在几份名单中"), [2, 3, 4], default=2, key="several_min",
                                         format_func=lambda n: _("≥ {n} 份", code, n=n)) or 2
            many = people.people_on_several_groups(int(least), scope)
            if many.empty:
                st.info(_("没有人同时出现在这么多份名单中。"))
            else:
                matrix = people.membership_matrix(tuple(many.person_name), scope)
                grid = cc.membership_grid(matrix, groups.group_label.tolist(),
                                          _("在 {n} 份及以上名单中的人员（方块内为小组职务）", n=least))
                chart(grid, "people-grid", config=NO_BAR, alt=cc.describe_grid(grid, code), source=chart_source(matrix))
                many_table = many[["person_name", "group_count", "roles", "positions", "groups", "raw_spellings"]].rename(
                    columns={"person_name": _("姓名"), "group_count": _("名单（份）"), "roles": _("小组职务"),
                             "positions": _("职务（原文）"), "groups": _("名单"), "raw_spellings": _("原文写法")})
                st.dataframe(many_table, hide_index=True, width="stretch")
                download_buttons(many_table, _("多名单人员_{n}份以上", n=least), key="several")
                cite_rows(matrix)

            pairs = people.similar_names(people.all_person_names(scope))
            if not pairs.empty:
                with st.expander(ngettext("姓名仅一字之差的 {n} 对人员：按不同的人分别统计，未合并", "姓名仅一字之差的 {n} 对人员：按不同的人分别统计，未合并",
                                        len(pairs))):
                    posts = people.positions(tuple(sorted({*pairs.name_a, *pairs.name_b})), scope)
                    for pair in pairs.itertuples():
                        st.markdown(f"- **{pair.name_a}**（{posts.get(pair.name_a) or '—'}） ≠ "
                                    f"**{pair.name_b}**（{posts.get(pair.name_b) or '—'}）")
                    st.caption(_("名单排版时两字姓名中间加了空格（如“刘 斌”），去掉空格后按原字比较；"
                                 "字不同的姓名（如 刘斌 与 刘彬）始终视为不同的人。"))

            quality_expander("rosters.", _("名单"))

            st.subheader(_("按姓名查找"))
            name = st.selectbox(_("姓名"), people.all_person_names(scope), index=None, placeholder=_("输入或选择姓名"),
                                key="person_lookup")
            if name:
                rows = people.person(name, scope)
                person_table = rows[["group_label", "role", "position", "person_name_raw", "line"]].rename(columns={
                    "group_label": _("名单"), "role": _("小组职务"), "position": _("职务"), "person_name_raw": _("原文写法"),
                    "line": _("原文行")})
                st.dataframe(person_table, hide_index=True, width="stretch")
                download_buttons(person_table, _("人员_{name}", name=name), key="person")
                cite_rows(rows)

town = selected_town()
if town:
    st.caption(_("说明：本页内容不按镇街筛选。{town}的全部内容见 [镇街画像]({url})。", town=town, url=town_url(town)))
