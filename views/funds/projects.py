"""The key projects: the chosen sector (shared in the URL as ?sector=), the list, the timeline, details."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import charts, glossary
from ui import format as fmt
from ui.downloads import download_buttons
from ui.i18n import _, lang, ngettext
from ui.layout import chart, lazy_expander
from ui.provenance import citation, source_caption
from ui.tables import labelled, show_table, with_total_note
from views.funds.common import NO_TOOLBAR

STATE_KEY = "fund_sector"
URL_KEY = "sector"
ANCHOR = "projects"


def all_sectors() -> str:
    return _("全部领域")


def init_sector(sector_names: list[str]) -> str:
    """The chosen sector: kept in the session, else read from the URL (a shared link); a value
    no longer offered (another plan, or the language changed) falls back to all sectors."""
    options = [all_sectors(), *sector_names]
    if st.session_state.get(STATE_KEY) not in options:
        wanted = st.query_params.get(URL_KEY)
        st.session_state[STATE_KEY] = wanted if wanted in sector_names else all_sectors()
    return st.session_state[STATE_KEY]


def chosen_feedback(chosen: str, count: int) -> None:
    """A line right under the sector chart: what is chosen and a link down to its projects."""
    if chosen == all_sectors():
        return
    st.markdown(ngettext("已选 领域：**{sector}**（{n} 个项目）", "已选 领域：**{sector}**（{n} 个项目）", count,
                         sector=glossary.term(chosen), n=count)
                + " [↓ " + _("查看重点项目") + f"](#{ANCHOR})")


def sector_picker(sector_names: list[str]) -> str:
    chosen = st.selectbox(_("领域（也可点击上方“按任务领域”图中的条形）"), [all_sectors(), *sector_names],
                          key=STATE_KEY, format_func=glossary.term)
    if chosen == all_sectors():
        st.query_params.pop(URL_KEY, None)
    elif st.query_params.get(URL_KEY) != chosen:
        st.query_params[URL_KEY] = chosen
    return chosen


def project_list(projects: pd.DataFrame, project_sources: pd.DataFrame, chosen: str, town: str | None,
                 colours: dict[str, str], amount: str) -> None:
    if projects.empty:
        st.info(_("{sector}没有列出重点项目", sector=glossary.term(chosen) if chosen != all_sectors() else "")
                + (_("（在{town}或全区实施的）。", town=town) if town else _("。")))
        return
    listing = with_total_note(projects)[["project_no", "sector_name", "project_name", "area", "total_wan",
                                          "total_note", "start_month", "end_month"]]
    show_table(listing, "fund_projects")
    download_buttons(labelled(listing, "fund_projects"), _("重点项目_{sector}", sector=chosen), key="projects",
                     sources=[(projects.doc_id.iloc[0], projects.line)])
    code = lang()
    start, end = _("开始"), _("结束")  # column names: the timeline's hover shows them
    dated = glossary.localise_frame(projects, code).dropna(subset=["start_month", "end_month"]).assign(
        **{start: lambda d: d.start_month + "-01",
           end: lambda d: pd.to_datetime(d.end_month + "-01") + pd.offsets.MonthEnd(0)})
    if not dated.empty:
        chart(charts.timeline(dated, start, end, "project_name", _("进度安排"), colour="sector_name",
                              legend_title=_("领域"), tickformat=_("%Y年%m月"), colours={glossary.term(k, code): v for k, v in colours.items()}, wrap=12),
              "fund-project-timeline", source=citation(dated.doc_id.iloc[0], dated.line), config=NO_TOOLBAR)
    for project in projects.itertuples():
        box, is_open = lazy_expander(_("{no}. {name}（{sector}）", no=project.project_no, name=project.project_name,
                                       sector=glossary.term(project.sector_name)),
                                     f"fund-project-{project.doc_id}-{project.project_no}",
                                     expanded=len(projects) == 1 or chosen != all_sectors())
        if is_open:
            with box:
                details(project, project_sources[project_sources.project_no == project.project_no], amount)


def details(project, money_rows: pd.DataFrame, amount: str) -> None:
    a, b = st.columns([2, 3])
    a.markdown(f"**{_('实施区域')}**：{project.area or '—'}")
    total = fmt.wan(project.total_wan) if project.total_stated else _("文件未写明总投资")
    a.markdown(f"**{_('总投资')}**：{total}")
    a.markdown(f"**{_('进度安排')}**：{project.schedule_text or '—'}")
    a.markdown("**{}**：{}".format(_("绩效目标"), project.target_text or "—"))
    if not money_rows.empty:
        rows = money_rows.assign(amount=money_rows.amount_wan.map(
            lambda v: _("文件未写金额") if pd.isna(v) else fmt.wan(v)))[["source_name", "amount"]]
        with b:
            show_table(rows, "fund_project_sources", {"source_name": _("资金来源")})
        with_amount = money_rows.dropna(subset=["amount_wan"])
        if len(with_amount) > 1:
            with b:
                chart(charts.bar_ranked(glossary.localise_frame(with_amount), "source_name", "amount_wan", _("资金来源（万元）"),
                                        amount, text_format=",.2f"), f"proj-src-{project.project_no}",
                      stem=f"{project.project_name}_{_('资金来源')}",
                      source=citation(project.doc_id, with_amount.line), config=NO_TOOLBAR)
    source_caption(project.doc_id, int(project.line))
