"""Where the district stands against the plan: the deadlines at a glance, and one tab per measure
(city ranking, unit ranking, resolution, participation, clear-ups, composite scores)."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from hotline import progress, summons
from hotline import targets as plan
from hotline.fields import DRIVE_LABELS, INDICATORS, PEER_GROUPS
from hotline.summons import month_label
from ui import format as fmt
from ui import hotline_charts as hc
from ui.data import editions
from ui.downloads import download_buttons
from ui.i18n import _, lang, ngettext, t_msg
from ui.tables import labelled, show_table
from ui.text import plain
from views.hotline.common import (
    TABLE,
    chart_source,
    date_text,
    deadline_text,
    draw,
    month_format,
    month_text,
    option_format,
    period_text,
    shown,
    target_text,
    yes_no,
)


def nothing_recorded(targets: plan.PlanTargets, plan_info: dict) -> None:
    """For a visitor before any month is entered: say so plainly, since when, and which deadline is next."""
    published = editions.editions().set_index("bulletin_id")["published"].to_dict().get(plan_info.get("bulletin"))
    since = date_text(plan_info.get("signed_on")) or date_text(published)
    st.info(_("尚未录入任何月度数据：方案自{since}印发以来，本站还没有热线办的月度排名或台账，因此暂不能判断是否达标。",
              since=since) if since else
            _("尚未录入任何月度数据：本站还没有热线办的月度排名或台账，因此暂不能判断是否达标。"),
            icon=":material/hourglass_empty:")
    due = sorted((t for t in targets.all() if t.deadline), key=lambda t: t.deadline or "")
    upcoming = [t for t in due if (t.deadline or "") >= dt.date.today().isoformat()]
    if upcoming:
        st.caption(_("下一个期限：{due}，{what}（{requirement}）。", due=deadline_text(upcoming[0]),
                     what=upcoming[0].subject, requirement=target_text(upcoming[0])))
    elif due:
        st.caption(_("方案的期限已于{due}全部届满。", due=deadline_text(due[-1])))


def as_of(store_audit: pd.DataFrame, months: list[str]) -> None:
    """One line: which month the figures reach and when they were last written."""
    if not months:
        return
    last = max(months)
    when = date_text(store_audit["logged_at"].iloc[0]) if not store_audit.empty else None
    st.caption(_("月度数据截至{month}，最近一次更新于{when}。", month=month_text(last), when=when)
               if when else _("月度数据截至{month}。", month=month_text(last)))


def overview(targets: plan.PlanTargets, ranks: pd.DataFrame, units: pd.DataFrame, drives: pd.DataFrame,
             today: dt.date, demo: bool) -> None:
    st.subheader(_("是否按期达标") + (_("（演示数据）") if demo else ""))
    cols = st.columns(2)
    for col, topic in zip(cols, (plan.EXIT_BOTTOM3, plan.EXIT_BOTTOM5)):
        target = targets.get(topic)
        with col.container(border=True):
            if target is None or target.value is None:
                st.markdown(f"**{_(plan.TOPIC_NAMES[topic])}**")
                st.caption(_("目标表中缺少该行，无法判断。"))
                continue
            st.markdown(_("**{due}前退出后{n}位**", due=deadline_text(target), n=target.whole))
            status = progress.rank_status(ranks, target, today)
            for row in status.itertuples():
                st.markdown(f"{_(row.indicator)}{_('：')}**{_(row.status)}** — {plain(t_msg(row.text))}")
    if units.empty and drives.empty:
        return
    c1, c2, c3, c4 = st.columns(4)
    rule = targets.get(plan.SUMMONS)
    if rule is not None and rule.value is not None and rule.months:
        result = summons.summons(units, rule.whole, rule.months)
        latest = units["month"].max() if not units.empty else None
        current = result.summons[result.summons["last_month"] == latest] if latest else result.summons
        c1.metric(_("约谈名单（最新月份）"), ngettext("{n} 个单位", "{n} 个单位", current["unit"].nunique()),
                  help=_("同一指标连续{months}个月处于本组后{n}位；详见“约谈名单”。", months=rule.months, n=rule.whole))
    district = progress.district_resolution(units)
    monthly, yearly = targets.get(plan.MONTHLY_RESOLUTION), targets.get(plan.YEARLY_RESOLUTION)
    missing = _("目标表中缺少")
    if not district.empty:
        last = district.iloc[-1]
        c2.metric(_("全区当月化解率"), fmt.pct(last["monthly_pct"], 1), border=False,
                  help=_("{month}；目标：{target}", month=month_text(last["month"]),
                         target=target_text(monthly) if monthly else missing))
        c2.caption(month_text(last["month"]))
        c3.metric(_("全区全年累计化解率"), fmt.pct(last["ytd_pct"], 1),
                  help=_("目标：{target}", target=target_text(yearly) if yearly else missing))
        c3.caption(_("截至{month}", month=month_text(last["month"])))
    clear = targets.clear_targets()
    if clear and not drives.empty:
        status = progress.drive_status(drives, clear, today)
        zero = int((status["open_end"] == 0).sum())
        c4.metric(_("专项问题最新已清零"), _("{zero}/{n} 项", zero=zero, n=len(status)),
                  help=_("各专项最新月末未办结为 0 的项数；详见“专项清零”。"))


def ranking_view(targets: plan.PlanTargets, ranks: pd.DataFrame, demo: bool) -> None:
    frame = progress.rank_frame(ranks)
    b3, b5 = targets.get(plan.EXIT_BOTTOM3), targets.get(plan.EXIT_BOTTOM5)
    st.caption(_("排名 1 为全市第一；虚线为退出后 N 位须达到的名次（参与排名单位数 − N），竖线为期限。"))
    draw(hc.rank_chart(frame, b3, b5, demo=demo, lang=lang()), "hotline-rank", chart_source(demo, b3, b5))
    if not frame.empty:
        table = frame[["month", "indicator", "value_pct", "rank", "ranked_units", "bottom_pos"]]
        show_table(table, TABLE)
        download_buttons(shown(table), _("12345热线_全区全市排名"), key="hotline-ranks")


def league_view(targets: plan.PlanTargets, units: pd.DataFrame, demo: bool) -> None:
    rule = targets.get(plan.SUMMONS)
    if rule is None or rule.value is None:
        st.warning(_("目标表中缺少约谈机制（hotline.summons），无法标出后几位。"))
        return
    months = sorted(units["month"].unique(), reverse=True) if not units.empty else []
    if not months:
        st.info(_("尚无各单位月度数据。"))
        return
    left, right = st.columns(2)
    month = left.selectbox(_("月份"), months, format_func=month_format(), key="hotline_league_month")
    indicator = right.radio(_("指标"), INDICATORS, horizontal=True, key="hotline_league_indicator",
                            format_func=option_format())
    positions, notes = summons.bottom_positions(units, rule.whole)
    part = positions[(positions["month"] == month) & (positions["indicator"] == indicator)]
    for note in notes:
        if month_label(month) in note:
            st.caption(plain(note))
    cols = st.columns(2)
    for col, group in zip(cols, PEER_GROUPS):
        with col:
            draw(hc.league_chart(part[part["peer_group"] == group], indicator, group, rule.whole, demo=demo,
                                 lang=lang()), f"hotline-league-{group}", chart_source(demo, rule))
    table = part.assign(in_bottom=part["in_bottom"].map(yes_no))[
        ["peer_group", "unit", "value_pct", "bottom_pos", "group_size", "in_bottom"]]
    bottom = {"in_bottom": _("后{n}位", n=rule.whole)}   # the rule's N in the heading
    show_table(table, TABLE, bottom)
    download_buttons(labelled(table, TABLE, bottom), _("12345热线_{month}_{indicator}_单位排名", month=month, indicator=_(indicator)),
                     key="hotline-league")


def resolution_view(targets: plan.PlanTargets, units: pd.DataFrame, demo: bool) -> None:
    monthly, yearly = targets.get(plan.MONTHLY_RESOLUTION), targets.get(plan.YEARLY_RESOLUTION)
    if monthly is None or yearly is None:
        st.warning(_("目标表中缺少当月或全年化解目标，下图不画目标线。"))
    st.caption(_("当月化解率 = 本月化解 ÷（期初未化解 + 本月新增）；全年累计化解率 = 今年累计化解 ÷"
                 "（今年首个录入月的期初未化解 + 今年累计新增）。"))
    frame = progress.resolution_frame(units, monthly, yearly)
    source = chart_source(demo, monthly, yearly)
    draw(hc.district_resolution_chart(progress.district_resolution(units), monthly, yearly, demo=demo, lang=lang()),
         "hotline-resolution-district", source)
    if frame.empty:
        st.info(_("尚无各单位的期初、新增、化解数。"))
        return
    months = sorted(frame["month"].unique(), reverse=True)
    month = st.selectbox(_("月份"), months, format_func=month_format(), key="hotline_resolution_month")
    part = frame[frame["month"] == month]
    draw(hc.resolution_chart(part, monthly, yearly, month, demo=demo, lang=lang()), "hotline-resolution-units", source)
    table = part.assign(monthly_ok=part["monthly_ok"].map(yes_no), ytd_ok=part["ytd_ok"].map(yes_no))
    show_table(table, TABLE)
    download_buttons(shown(table), _("12345热线_{month}_化解率", month=month), key="hotline-resolution")


def participation_months(units: pd.DataFrame) -> list[str]:
    return sorted(units.dropna(subset=["participation_pct"])["month"].unique(), reverse=True) \
        if not units.empty else []


def participation_view(targets: plan.PlanTargets, units: pd.DataFrame, demo: bool) -> None:
    target = targets.get(plan.PARTICIPATION)
    if target is None:
        st.warning(_("目标表中缺少参评率目标，下图不画目标线。"))
    months = participation_months(units)
    if not months:
        st.info(_("尚无参评率数据。"))
        return
    month = st.selectbox(_("月份"), months, format_func=month_format(), key="hotline_participation_month")
    frame = progress.participation_frame(units, target, month)
    draw(hc.participation_chart(frame, target, month, demo=demo, lang=lang()), "hotline-participation",
         chart_source(demo, target))
    if target is not None:
        met = int(frame["ok"].fillna(False).astype(bool).sum())
        st.caption(_("{month}：{met}/{n} 个单位参评率{target}。", month=month_text(month), met=met, n=len(frame),
                     target=target_text(target)))
    table = frame.assign(ok=frame["ok"].map(yes_no))
    show_table(table, TABLE)
    download_buttons(shown(table), _("12345热线_{month}_参评率", month=month), key="hotline-participation")


def drives_view(targets: plan.PlanTargets, drives: pd.DataFrame, today: dt.date, demo: bool) -> None:
    clear = targets.clear_targets()
    if not clear:
        st.warning(_("目标表中缺少专项清零目标（hotline.clear.*）。"))
    draw(hc.drives_chart(drives, clear, DRIVE_LABELS, demo=demo, lang=lang()), "hotline-drives",
         chart_source(demo, *clear))
    status = progress.drive_status(drives, clear, today)
    if not status.empty:
        status = status.assign(deadline=status["deadline"].map(fmt.cn_date),
                               latest_month=status["latest_month"].map(lambda m: month_text(m) if m else "—"),
                               status=status["status"].map(_))
        show_table(status.drop(columns=["topic"]), TABLE)
    if not drives.empty:
        table = drives.drop(columns=["import_id"], errors="ignore")
        show_table(table, TABLE)
        download_buttons(shown(table), _("12345热线_专项清零台账"), key="hotline-drives")


def scores_view(scores: pd.DataFrame) -> None:
    """Composite scores (考评得分) on their own scale, ranked within their peer group, per month or
    cumulative period — as the ranking was published, not turned into a percentage."""
    st.caption(_("上级通报的考评得分：每个分组单独排名，满分按通报（如 100 分、150 分）；期间可以是单月，也可以是累计"
                 "（如 1—4月）。得分率 = 得分 ÷ 满分，只用于比较不同满分的表。"))
    if scores.empty:
        st.info(_("尚无考评得分。在“导入与录入”中导入通报的考评得分与排名后在此显示。"))
        return
    periods = scores[["period_start", "month"]].drop_duplicates().sort_values(["month", "period_start"], ascending=False)
    options = [f"{a}|{b}" for a, b in periods.itertuples(index=False)]
    texts = {o: period_text(*o.split("|")) for o in options}
    choice = st.selectbox(_("期间"), options, format_func=texts.__getitem__, key="hotline_scores_period")
    if choice is None:  # not reached: the options are never empty here
        return
    start, end = choice.split("|")
    part = scores[(scores["period_start"] == start) & (scores["month"] == end)]
    tables = []
    no_group = _("不分组")
    for group, rows in part.groupby("peer_group", sort=False):
        st.markdown(f"**{plain(group) if group else no_group}**")
        table = rows.assign(period=period_text(start, end),
                            score_text=[f"{a:g} / {b:g}" for a, b in zip(rows["score"], rows["scale"])],
                            score_pct=(rows["score"] / rows["scale"] * 100).round(2),
                            group_rank=rows["rank"])[   # a score's rank is within its group, not the city's
            ["group_rank", "unit", "score_text", "score_pct", "metric", "tickets", "peer_group", "period"]]
        show_table(table, TABLE, column_config={_("得分率（%）"): st.column_config.ProgressColumn(
            _("得分率（%）"), min_value=0, max_value=100, format="%.1f")})
        tables.append(shown(table))
    download_buttons(pd.concat(tables, ignore_index=True), _("12345热线_{period}_考评得分", period=end),
                     key="hotline-scores")
