"""12345 热线：章丘区热线专项整改方案的目标、机制与月度进展（排名、约谈、化解率、参评率、专项清零）。

The plan gives only targets; the monthly figures are recorded by the hotline office in the
writable store (store/hotline.py). Everything the page writes goes through that store, which
checks the editor role itself and audits every write.
"""
from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
import streamlit as st

from hotline import auth, progress, summons, templates
from hotline import targets as plan
from hotline.fields import (
    DISTRICT,
    DRIVE_LABELS,
    DRIVES,
    END,
    FIELDS,
    INDICATORS,
    KIND_LABELS,
    KINDS,
    PEER_GROUPS,
    SCORES,
    UNITS,
    auto_mapping,
)
from hotline.reader import ReadError, read_table
from hotline.summons import month_label
from hotline.validate import NOTE, PROBLEM, Checked, FileContext, check, check_frame, guess_kind
from hotline.values import parse_month, period_label
from store import hotline as hstore
from ui import format as fmt
from ui import hotline_charts as hc
from ui.data import curated
from ui.downloads import download_buttons
from ui.editors import sign_in_box
from ui.filters import selected_bulletins
from ui.i18n import N_, _, lang, localise_choice, ngettext, t_msg
from ui.layout import chart, page_header
from ui.provenance import citation, source_caption
from ui.text import plain

SOURCE_KEY = "hotline_source"
PENDING_KEY = "hotline_pending"
SAVED_KEY = "hotline_saved_audit_id"
UPLOAD_ROUND_KEY = "hotline_upload_round"
PARSED_KEY = "hotline_parsed_upload"   # the latest upload, read once (not on every rerun)
MANUAL_KINDS = (UNITS, DISTRICT, DRIVES)   # composite scores (any period) are imported, not typed month by month
REAL, DEMO = N_("正式数据"), N_("演示数据")
CHART = {"displayModeBar": False}
code = lang()

LABELS = {
    "unit": N_("单位"), "peer_group": N_("分组"), "month": N_("月份"), "cut": N_("口径"), "satisfaction_pct": N_("满意率（%）"),
    "resolution_pct": N_("解决率（%）"), "participation_pct": N_("参评率（%）"), "backlog_start": N_("期初未化解"),
    "new_count": N_("本月新增"), "resolved": N_("本月化解"), "indicator": N_("指标"), "value_pct": N_("指标值（%）"),
    "rank": N_("全市排名"), "ranked_units": N_("参与排名单位数"), "topic": N_("专项"), "topic_key": N_("对应目标"),
    "open_start": N_("期初未办结"), "open_end": N_("期末未办结"), "import_id": N_("导入批次"),
    "monthly_pct": N_("当月化解率（%）"), "ytd_pct": N_("全年累计化解率（%）"), "monthly_ok": N_("当月达标"),
    "ytd_ok": N_("全年达标"), "ok": N_("达标"), "bottom_pos": N_("倒数名次"), "group_size": N_("组内单位数"),
    "in_bottom": N_("后N位"), "first_month": N_("起始月份"), "last_month": N_("最近月份"), "months": N_("连续月数"),
    "detail": N_("各月情况"), "status": N_("状态"), "text": N_("说明"), "latest_month": N_("最新月份"),
    "target_n": N_("目标：退出后N位"), "deadline": N_("期限"), "subject": N_("目标"), "deadline_text": N_("期限（原文）"),
    "open_at_deadline": N_("期限当月末未办结"), "logged_at": N_("时间"), "who": N_("操作人"), "role": N_("角色"),
    "action": N_("操作"), "kind": N_("数据类型"), "what": N_("内容"), "file_name": N_("文件名"), "sha256": "SHA-256",
    "rows_written": N_("写入行数"), "rows_replaced": N_("替换行数"), "replaced_at": N_("替换时间"), "replaced_by": N_("替换人"),
    "replaced_by_import": N_("替换批次"), "table_name": N_("表"), "original_import": N_("原导入批次"), "audit_id": N_("批次"),
    "period_start": N_("起始月份"), "metric": N_("考评指标"), "score": N_("得分"), "scale": N_("满分"), "tickets": N_("工单数"),
    "period": N_("期间"), "score_text": N_("得分（满分）"), "score_pct": N_("得分率（%）"), "group_rank": N_("组内排名"),
}


def shown(frame: pd.DataFrame) -> pd.DataFrame:
    """Column headers in the page's language (the values stay as recorded)."""
    return frame.rename(columns={c: _(LABELS[c]) if c in LABELS else c for c in frame.columns})


def yes_no(value) -> str:
    return "—" if value is None or pd.isna(value) else (_("是") if value else _("否"))


# Option labels are formatted with the language fixed now: a widget's format_func may be
# called again outside this run (AppTest), where the session's language is not at hand.
def month_text(month: str) -> str:
    return hc.month_text(month, code)


def option_text(msgid: str) -> str:
    return _(msgid, code)


def kind_text(kind: str) -> str:
    return _(KIND_LABELS[kind], code)


def draw(fig, key: str, source: str | None) -> None:
    """A hotline chart with alt text naming its values; no export for a 'nothing yet' placeholder."""
    empty = hc.is_empty(fig)
    chart(fig, key, config=CHART, alt=hc.describe(fig, code), source=None if empty else source, export=not empty)


def chart_source(demo: bool, *targets: plan.Target | None) -> str:
    """What an exported hotline chart rests on: the office's monthly records and the plan's targets."""
    records = _("演示数据（随机生成，非真实数据）") if demo else _("12345 热线办按月导入或录入的记录")
    cited = [target for target in targets if target is not None and target.doc_id]
    if not cited:
        return records
    by_doc: dict[str, list[int]] = {}
    for target in cited:
        by_doc.setdefault(target.doc_id, []).append(target.line)
    return _("月度数字：{records}；目标：{targets}", records=records,
             targets=_("；").join(citation(doc, lines) for doc, lines in by_doc.items()))


# ---- who is here ----------------------------------------------------------------------

# ---- the plan's targets ---------------------------------------------------------------

def load_targets(doc_id: str | None) -> plan.PlanTargets:
    try:
        rows = curated.targets("hotline.", doc_id) if doc_id else pd.DataFrame()  # one plan's targets
    except Exception as exc:  # table not built yet: say so rather than crash
        st.error(_("无法读取目标表 targets：{error}", error=exc))
        rows = pd.DataFrame()
    return plan.PlanTargets(rows)


def target_text(target: plan.Target) -> str:
    if target.topic.startswith(plan.CLEAR_PREFIX) or target.comparator == "清零":
        return _("动态清零并长期保持")
    if target.topic in (plan.EXIT_BOTTOM3, plan.EXIT_BOTTOM5):
        return _("满意率、解决率全市排名退出后{n}位", n=target.whole)
    if target.topic == plan.SUMMONS:
        return _("连续{months}个月单项指标后{n}位的部门、镇街被约谈", months=target.months, n=target.whole) \
            if target.months else _("单项指标后{n}位", n=target.whole)
    if target.value is None:
        return "—"
    comparator = "" if target.comparator in (None, "=") else plan.comparator_text(target.comparator)
    return f"{comparator}{target.value:g}{target.unit or ''}"


def targets_section(targets: plan.PlanTargets) -> None:
    st.subheader(_("方案确定的目标、期限和机制"))
    if targets.missing:
        names = _("、").join(_(plan.TOPIC_NAMES[topic]) for topic in targets.missing)
        st.warning(_("数据库中缺少以下目标（targets 表没有对应行）：{names}。相关判断暂不显示；"
                     "请重新构建数据：`python3 -m loaders.build`。", names=names), icon=":material/warning:")
    rows = targets.all()
    if not rows:
        return
    quote, cite = _("原文"), _("引用")
    table = pd.DataFrame([{
        _("目标"): target.subject, _("要求"): target_text(target),
        _("期限"): fmt.cn_date(target.deadline) if target.deadline else (target.deadline_text or _("长期坚持")),
        _("期限（原文）"): target.deadline_text or "—", _("责任单位"): target.responsible or "—",
        quote: target.quote, cite: citation(target.doc_id, target.line) if target.doc_id else "—",
        _("原文行"): target.line,
    } for target in rows])
    st.dataframe(table, hide_index=True, width="stretch",
                 column_config={quote: st.column_config.TextColumn(width="large"),
                                cite: st.column_config.TextColumn(width="medium")})
    by_doc: dict[str, list[int]] = {}
    for target in rows:
        by_doc.setdefault(target.doc_id, []).append(target.line)
    for doc_id, lines in by_doc.items():
        if doc_id:
            source_caption(doc_id, lines)
    download_buttons(table, _("12345热线_目标与机制"), key="hotline-targets")


# ---- choosing what to show ------------------------------------------------------------

def choose_store(actor: auth.Actor) -> tuple[hstore.HotlineStore, bool]:
    real = hstore.HotlineStore(hstore.user_db_path())
    demo_store = hstore.HotlineStore(hstore.demo_db_path(), demo_store=True)
    demo_ready = demo_store.exists() and not demo_store.is_empty()
    options = [REAL, DEMO] if demo_ready else [REAL]
    if st.session_state.pop("hotline_goto_demo", False) and demo_ready:
        st.session_state[SOURCE_KEY] = DEMO
    if st.session_state.get(SOURCE_KEY) not in options:
        st.session_state[SOURCE_KEY] = REAL
    left, right = st.columns([3, 2])
    source = left.radio(_("显示"), options, horizontal=True, key=SOURCE_KEY, format_func=option_text,
                        help=_("演示数据是随机生成的，只用于试用看板，存放在单独的演示库中。"))
    with right:
        if actor.can_write:
            if st.button(_("生成演示数据（写入演示库）"), key="hotline_make_demo", icon=":material/science:"):
                try:
                    demo_store.fill_demo(actor)
                except hstore.NotAllowed as exc:
                    st.error(plain(exc))
                else:
                    st.session_state["hotline_goto_demo"] = True
                    st.rerun()
        elif not demo_ready:
            st.caption(_("演示数据需由编辑生成。"))
    if source == DEMO and demo_ready:
        st.error(_("⚠ 当前显示的是{banner}。单位名称和数字均为随机生成。", banner=_(hc.DEMO_BANNER)),
                 icon=":material/science:")
        return demo_store, True
    return real, False


# ---- views ----------------------------------------------------------------------------

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
            due = fmt.cn_date(target.deadline) if target.deadline else (target.deadline_text or "")
            st.markdown(_("**{due}前退出后{n}位**", due=due, n=target.whole))
            status = progress.rank_status(ranks, target, today)
            for row in status.itertuples():
                st.markdown(f"{_(row.indicator)}{_('：')}**{_(row.status)}** — {plain(row.text)}")
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
    draw(hc.rank_chart(frame, b3, b5, demo=demo, lang=code), "hotline-rank", chart_source(demo, b3, b5))
    if not frame.empty:
        table = frame[["month", "indicator", "value_pct", "rank", "ranked_units", "bottom_pos"]]
        st.dataframe(shown(table), hide_index=True, width="stretch")
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
    month = left.selectbox(_("月份"), months, format_func=month_text, key="hotline_league_month")
    indicator = right.radio(_("指标"), INDICATORS, horizontal=True, key="hotline_league_indicator",
                            format_func=option_text)
    positions, notes = summons.bottom_positions(units, rule.whole)
    part = positions[(positions["month"] == month) & (positions["indicator"] == indicator)]
    for note in notes:
        if month_label(month) in note:
            st.caption(plain(note))
    cols = st.columns(2)
    for col, group in zip(cols, PEER_GROUPS):
        with col:
            draw(hc.league_chart(part[part["peer_group"] == group], indicator, group, rule.whole, demo=demo, lang=code),
                 f"hotline-league-{group}", chart_source(demo, rule))
    table = part.assign(in_bottom=part["in_bottom"].map(yes_no))[
        ["peer_group", "unit", "value_pct", "bottom_pos", "group_size", "in_bottom"]]
    table = shown(table).rename(columns={_("后N位"): _("后{n}位", n=rule.whole)})
    st.dataframe(table, hide_index=True, width="stretch")
    download_buttons(table, _("12345热线_{month}_{indicator}_单位排名", month=month, indicator=_(indicator)),
                     key="hotline-league")


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


def resolution_view(targets: plan.PlanTargets, units: pd.DataFrame, demo: bool) -> None:
    monthly, yearly = targets.get(plan.MONTHLY_RESOLUTION), targets.get(plan.YEARLY_RESOLUTION)
    if monthly is None or yearly is None:
        st.warning(_("目标表中缺少当月或全年化解目标，下图不画目标线。"))
    st.caption(_("当月化解率 = 本月化解 ÷（期初未化解 + 本月新增）；全年累计化解率 = 今年累计化解 ÷"
                 "（今年首个录入月的期初未化解 + 今年累计新增）。"))
    frame = progress.resolution_frame(units, monthly, yearly)
    source = chart_source(demo, monthly, yearly)
    draw(hc.district_resolution_chart(progress.district_resolution(units), monthly, yearly, demo=demo, lang=code),
         "hotline-resolution-district", source)
    if frame.empty:
        st.info(_("尚无各单位的期初、新增、化解数。"))
        return
    months = sorted(frame["month"].unique(), reverse=True)
    month = st.selectbox(_("月份"), months, format_func=month_text, key="hotline_resolution_month")
    part = frame[frame["month"] == month]
    draw(hc.resolution_chart(part, monthly, yearly, month, demo=demo, lang=code), "hotline-resolution-units", source)
    table = shown(part.assign(monthly_ok=part["monthly_ok"].map(yes_no), ytd_ok=part["ytd_ok"].map(yes_no)))
    st.dataframe(table, hide_index=True, width="stretch")
    download_buttons(table, _("12345热线_{month}_化解率", month=month), key="hotline-resolution")


def participation_view(targets: plan.PlanTargets, units: pd.DataFrame, demo: bool) -> None:
    target = targets.get(plan.PARTICIPATION)
    if target is None:
        st.warning(_("目标表中缺少参评率目标，下图不画目标线。"))
    months = sorted(units.dropna(subset=["participation_pct"])["month"].unique(), reverse=True) if not units.empty else []
    if not months:
        st.info(_("尚无参评率数据。"))
        return
    month = st.selectbox(_("月份"), months, format_func=month_text, key="hotline_participation_month")
    frame = progress.participation_frame(units, target, month)
    draw(hc.participation_chart(frame, target, month, demo=demo, lang=code), "hotline-participation",
         chart_source(demo, target))
    if target is not None:
        met = int(frame["ok"].fillna(False).astype(bool).sum())
        st.caption(_("{month}：{met}/{n} 个单位参评率{target}。", month=month_text(month), met=met, n=len(frame),
                     target=target_text(target)))
    table = shown(frame.assign(ok=frame["ok"].map(yes_no)))
    st.dataframe(table, hide_index=True, width="stretch")
    download_buttons(table, _("12345热线_{month}_参评率", month=month), key="hotline-participation")


def drives_view(targets: plan.PlanTargets, drives: pd.DataFrame, today: dt.date, demo: bool) -> None:
    clear = targets.clear_targets()
    if not clear:
        st.warning(_("目标表中缺少专项清零目标（hotline.clear.*）。"))
    draw(hc.drives_chart(drives, clear, DRIVE_LABELS, demo=demo, lang=code), "hotline-drives",
         chart_source(demo, *clear))
    status = progress.drive_status(drives, clear, today)
    if not status.empty:
        status = status.assign(deadline=status["deadline"].map(fmt.cn_date),
                               latest_month=status["latest_month"].map(lambda m: month_text(m) if m else "—"),
                               status=status["status"].map(_))
        st.dataframe(shown(status.drop(columns=["topic"])), hide_index=True, width="stretch")
    if not drives.empty:
        table = shown(drives.drop(columns=["import_id"], errors="ignore"))
        st.dataframe(table, hide_index=True, width="stretch")
        download_buttons(table, _("12345热线_专项清零台账"), key="hotline-drives")


def period_text(start: str, end: str) -> str:
    """'2023-01', '2023-04' -> 2023年1—4月累计 (Jan–Apr 2023, cumulative); one month -> that month."""
    if start == end:
        return month_text(end)
    if code == "zh":
        return period_label(start, end)
    return _("{first}至{last}累计", first=month_text(start), last=month_text(end))


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
    choice = st.selectbox(_("期间"), options, format_func=lambda o: period_text(*o.split("|")), key="hotline_scores_period")
    start, end = choice.split("|")
    part = scores[(scores["period_start"] == start) & (scores["month"] == end)]
    no_group = _("不分组")
    tables = []
    for group, rows in part.groupby("peer_group", sort=False):
        st.markdown(f"**{plain(group) if group else no_group}**")
        table = rows.assign(period=period_text(start, end),
                            score_text=[f"{a:g} / {b:g}" for a, b in zip(rows["score"], rows["scale"])],
                            score_pct=(rows["score"] / rows["scale"] * 100).round(2))[
            ["rank", "unit", "score_text", "score_pct", "metric", "tickets", "peer_group", "period"]] \
            .rename(columns={"rank": "group_rank"})
        shown_table = shown(table)
        st.dataframe(shown_table, hide_index=True, width="stretch",
                     column_config={_("得分率（%）"): st.column_config.ProgressColumn(
                         _("得分率（%）"), min_value=0, max_value=100, format="%.1f")})
        tables.append(shown_table)
    download_buttons(pd.concat(tables, ignore_index=True), _("12345热线_{period}_考评得分", period=end),
                     key="hotline-scores")


def records_view(store: hstore.HotlineStore) -> None:
    st.markdown(_("##### 写入记录（只增不改）"))
    audit = store.audit()
    if audit.empty:
        st.caption(_("尚无写入记录。"))
    else:
        table = shown(audit.assign(kind=audit["kind"].map(lambda k: _(KIND_LABELS.get(k, k)))))
        st.dataframe(table, hide_index=True, width="stretch")
        download_buttons(table, _("12345热线_写入记录"), key="hotline-audit")
    st.markdown(_("##### 被替换的历史记录"))
    history = hstore.history_rows(store.history())
    if history.empty:
        st.caption(_("尚无被替换的记录。"))
    else:
        st.dataframe(shown(history), hide_index=True, width="stretch")
        download_buttons(shown(history), _("12345热线_替换历史"), key="hotline-history")


# ---- import and manual entry ----------------------------------------------------------

def templates_block() -> None:
    st.markdown(_("**导入模板**（第一行为列名；列名可用常见中文叫法，如 单位/责任单位/镇街、月份/时间）"))
    for kind in KINDS:
        c1, c2, c3 = st.columns([2, 1, 1])
        c1.markdown(f"{_(KIND_LABELS[kind])}{_('：')}{'、'.join(templates.template_frame(kind).columns)}")
        # files made on click, not on every rerun (kind bound now: the loop variable moves on)
        c2.download_button(_("CSV 模板"), lambda kind=kind: templates.template_csv(kind),
                           f"12345热线_{KIND_LABELS[kind]}_模板.csv", "text/csv", key=f"tpl-csv-{kind}",
                           icon=":material/download:", on_click="ignore")
        c3.download_button(_("Excel 模板"), lambda kind=kind: templates.template_xlsx(kind),
                           f"12345热线_{KIND_LABELS[kind]}_模板.xlsx",
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           key=f"tpl-xlsx-{kind}", icon=":material/table:", on_click="ignore")


def save(store: hstore.HotlineStore, actor: auth.Actor, checked: Checked, file_name: str, sha256: str,
         action: str, replace: bool = False, expected_version: str | None = None) -> None:
    """Hand validated records to the store; ask first when rows would be replaced.

    `expected_version` is the fingerprint of the rows the user started from: if another editor
    wrote those months meanwhile, the store refuses (Conflict) instead of overwriting unseen."""
    try:
        result = store.write(actor, checked.kind, checked.records, file_name, sha256, replace=replace, action=action,
                             expected_version=expected_version)
    except hstore.NotAllowed as exc:
        st.error(plain(exc))
    except hstore.Conflict as exc:
        st.session_state.pop(PENDING_KEY, None)
        st.error(_("未保存：{error}。请刷新后在最新数据上重新修改。", error=plain(exc)), icon=":material/sync_problem:")
    except hstore.NeedsConfirmation as exc:
        st.session_state[PENDING_KEY] = {"kind": checked.kind, "records": checked.records, "file_name": file_name,
                                         "sha256": sha256, "action": action, "message": str(exc),
                                         "version": expected_version or exc.version}
        st.rerun()
    except Exception as exc:  # a constraint the validation missed: nothing was written
        st.error(_("写入失败，未写入任何数据：{error}", error=plain(exc)))
    else:
        st.session_state.pop(PENDING_KEY, None)
        st.session_state[SAVED_KEY] = result.audit_id
        st.session_state[UPLOAD_ROUND_KEY] = st.session_state.get(UPLOAD_ROUND_KEY, 0) + 1  # empty the uploader
        st.rerun()


def last_saved(store: hstore.HotlineStore) -> None:
    """Confirm this session's latest write from the audit log itself (it stays until the next write)."""
    audit_id = st.session_state.get(SAVED_KEY)
    if audit_id is None:
        return
    audit = store.audit()
    row = audit[audit["audit_id"] == audit_id]
    if not row.empty:
        entry = row.iloc[0]
        st.success(_("已保存（批次 {audit_id}，{who}，{when}）：{what}", audit_id=audit_id, who=plain(entry.who),
                     when=entry.logged_at[:16].replace("T", " "), what=plain(entry.what)),
                   icon=":material/check_circle:")


def confirm_pending(store: hstore.HotlineStore, actor: auth.Actor) -> bool:
    pending = st.session_state.get(PENDING_KEY)
    if not pending:
        return False
    with st.container(border=True):
        st.warning(plain(pending["message"]) + _("。替换后，原记录移入“被替换的历史记录”，可随时查看。"), icon=":material/help:")
        yes, no = st.columns(2)
        if yes.button(_("确认替换"), type="primary", key="hotline_confirm_replace", icon=":material/check:"):
            checked = Checked(pending["kind"], pending["records"], pd.DataFrame({PROBLEM: []}))
            save(store, actor, checked, pending["file_name"], pending["sha256"], pending["action"], replace=True,
                 expected_version=pending.get("version"))
        if no.button(_("取消，不写入"), key="hotline_cancel_replace", icon=":material/close:"):
            st.session_state.pop(PENDING_KEY, None)
            st.rerun()
    return True


def say(message: object) -> str:
    """An import message in the page's language, safe to pass to st.error/st.caption."""
    return plain(t_msg(message, code))


def _translated(checked: Checked, by_row: dict) -> pd.Series:
    """The preview's 说明 or 问题 column, each message in the page's language."""
    return checked.preview["行号"].map(lambda r: _("；").join(t_msg(m, code) for m in by_row.get(r, [])))


def show_check(checked: Checked, source: str = "文件") -> None:
    """Problems of a file (source='文件') or of the edited table (source='表格'), row by row, and
    everything read differently from how it is written (the notes and the 说明 column)."""
    for note in checked.notes:
        st.caption(_("注：") + say(note))
    for message in checked.file_errors:
        text = say(message)
        st.error(text.replace(_("文件"), _("表格")) if source != "文件" else text)
    bad = checked.row_errors
    if not bad.empty:
        if source == "文件":
            st.error(ngettext("{n} 行有问题，整份文件未写入。请修改后重新上传（每行的问题见下表“问题”列）。",
                              "{n} 行有问题，整份文件未写入。请修改后重新上传（每行的问题见下表“问题”列）。", len(bad)))
        else:
            st.error(ngettext("{n} 行有问题，整份表格未写入。请在表格中修改后再保存（每行的问题见下表“问题”列）。",
                              "{n} 行有问题，整份表格未写入。请在表格中修改后再保存（每行的问题见下表“问题”列）。", len(bad)))
    preview = checked.preview.copy()
    if code != "zh":
        preview[NOTE] = _translated(checked, checked.row_notes)
        preview[PROBLEM] = _translated(checked, checked.row_problems)
    st.dataframe(preview.style.map(lambda v: "background-color: #fde2d8" if v else "", subset=[PROBLEM]),
                 hide_index=True, width="stretch",
                 column_config={PROBLEM: st.column_config.TextColumn(_(PROBLEM), width="large"),
                                NOTE: st.column_config.TextColumn(_(NOTE), width="medium")})


def parsed_upload(upload, sheet: str | None) -> tuple[object, str]:
    """(RawTable or the ReadError message, sha256) of the current upload, read once: reruns of the
    page (every widget change) reuse it; only a new file or another sheet is read again."""
    key = (upload.file_id, upload.name, upload.size, sheet)
    cached = st.session_state.get(PARSED_KEY)
    if cached and cached["key"] == key:
        return cached["result"], cached["sha256"]
    data = upload.getvalue()
    sha256 = cached["sha256"] if cached and cached["key"][:3] == key[:3] else hashlib.sha256(data).hexdigest()
    try:
        result = read_table(data, upload.name, sheet=sheet)
    except ReadError as exc:
        result = exc.args[0]
    st.session_state[PARSED_KEY] = {"key": key, "result": result, "sha256": sha256}  # only the latest upload
    return result, sha256


def file_context(kind: str, mapping: dict, name: str, sha: str) -> FileContext:
    """Ask for what the file does not carry in a column: the month or period, and for composite
    scores their 满分 and peer group (each only when no column holds it)."""
    mapped = set(filter(None, mapping.values()))
    period = scale = group = None
    cols = st.columns(3)
    if "month" not in mapped:
        period = cols[0].text_input(
            _("本文件的月份或期间"), key=f"hotline_period_{sha[:12]}", placeholder=_("如 2025年7月；累计如 2025年1—4月"),
            help=_("文件没有“月份”列。不填时取表格标题或文件名中的月份（预览中会注明）。")) or None
    if kind == SCORES and "scale" not in mapped:
        scale = cols[1].text_input(
            _("满分"), key=f"hotline_scale_{sha[:12]}", placeholder=_("如 100 或 150"),
            help=_("考评得分的满分。不填时取列名或标题中的“满分”，都没有则按 100 分（预览中会注明）。")) or None
    if kind == SCORES and "peer_group" not in mapped:
        group = cols[2].text_input(
            _("分组"), key=f"hotline_group_{sha[:12]}", placeholder=_("如 县、区/功能区；不填为不分组"),
            help=_("排名所在的组（名次只在组内比较）。")) or None
    return FileContext(file_name=name, period=period, scale=scale, peer_group=group)


def import_view(store: hstore.HotlineStore, actor: auth.Actor, demo: bool) -> None:
    last_saved(store)
    templates_block()
    if demo:
        st.info(_("当前显示演示数据。导入和录入只写入正式库：请先在上方切换到“正式数据”。"))
        return
    if not actor.can_write:
        st.info(_("导入和录入需要编辑登录（见左侧栏）。访客可查看全部内容和下载数据。"), icon=":material/lock:")
        return
    if confirm_pending(store, actor):
        return
    st.markdown(_("##### 导入文件"))
    upload = st.file_uploader(_("上传 CSV 或 Excel（.xlsx）文件"), type=["csv", "txt", "xlsx"],
                              key=f"hotline_upload_{st.session_state.get(UPLOAD_ROUND_KEY, 0)}",
                              help=_("支持 UTF-8、带 BOM 的 UTF-8、GBK、GB18030 编码；比率可写 95.3%、95.3 或 0.953。"))
    if upload is None:
        st.session_state.pop(PARSED_KEY, None)
    else:
        preview_upload(store, actor, upload)
    st.markdown(_("##### 手工录入或更正一个月"))
    manual_entry(store, actor)


def preview_upload(store: hstore.HotlineStore, actor: auth.Actor, upload) -> None:
    sheet_key = f"hotline_sheet_{upload.file_id}"
    table, sha256 = parsed_upload(upload, st.session_state.get(sheet_key))
    if not hasattr(table, "headers"):
        st.error(say(table))
        return
    if len(table.sheets) > 1:
        st.selectbox(_("工作表"), table.sheets, index=table.sheets.index(table.sheet), key=sheet_key,
                     help=_("本文件有多个工作表像热线数据：一次导入一个。"))
    kind = st.selectbox(_("数据类型"), KINDS, index=KINDS.index(guess_kind(table.headers)),
                        format_func=kind_text, key=f"hotline_kind_{sha256[:12]}")
    mapping = mapping_step(table.headers, kind, sha256)
    checked = check(table, kind, mapping, file_context(kind, mapping, upload.name, sha256))
    show_check(checked)
    if not checked.ok:
        return
    confirmed = True
    question = checked.unknown_units_question()
    if question:
        st.warning(say(question), icon=":material/help:")
        confirmed = st.checkbox(ngettext("确认导入这 {n} 个单位", "确认导入这 {n} 个单位", len(checked.unknown_units)),
                                key=f"hotline_confirm_units_{sha256[:12]}_{kind}")
    st.markdown(ngettext("将写入 {n} 行：", "将写入 {n} 行：", len(checked.records)))
    st.dataframe(shown(records_shown(checked)), hide_index=True, width="stretch")
    if st.button(_("写入数据库"), type="primary", key=f"hotline_write_{sha256[:12]}", icon=":material/save:",
                 disabled=not confirmed):
        save(store, actor, checked, upload.name, sha256, "导入")


def records_shown(checked: Checked) -> pd.DataFrame:
    """The records about to be written; composite scores with their period and scale spelled out."""
    records = checked.records
    if checked.kind != SCORES or records.empty:
        return records
    return records.assign(period=[period_text(a, b) for a, b in zip(records["period_start"], records["month"])])[
        ["unit", "peer_group", "period", "metric", "score", "scale", "rank", "tickets", "cut"]] \
        .rename(columns={"rank": "group_rank"})


def mapping_step(headers: list[str], kind: str, sha256: str) -> dict[str, str | None]:
    auto = auto_mapping(kind, headers)
    unknown = [h for h, f in auto.items() if f is None]
    options = [None] + [f.name for f in FIELDS[kind]]
    labels = {f.name: _(f.label) for f in FIELDS[kind]}
    title = ngettext("列对应（{n} 列未识别）", "列对应（{n} 列未识别）", len(unknown)) if unknown else _("列对应（已全部识别）")
    with st.expander(title, expanded=bool(unknown)):
        st.caption(_("左边是文件里的列名，右边选择它对应的数据项；选“忽略”则不导入该列。"))
        mapping = {}
        for h in headers:
            # a widget label is Markdown: the file's header is shown as text
            mapping[h] = st.selectbox(plain(h), options, index=options.index(auto[h]),
                                      format_func=lambda n: option_text(N_("（忽略）")) if n is None else labels[n],
                                      key=f"hotline_map_{sha256[:12]}_{kind}_{h}")
    return mapping


def manual_entry(store: hstore.HotlineStore, actor: auth.Actor) -> None:
    left, right = st.columns(2)
    kind = left.selectbox(_("数据类型"), MANUAL_KINDS, format_func=kind_text, key="hotline_manual_kind")
    stored = store.records(kind)
    known = sorted(set(stored["month"]), reverse=True) if not stored.empty else []
    month = right.text_input(_("月份（如 2025-07）"), value=known[0] if known else "", key="hotline_manual_month")
    try:
        month = parse_month(month)
    except ValueError as exc:
        if month:
            st.error(plain(exc))
        return
    labels = [f.label for f in FIELDS[kind] if f.name in templates.TEMPLATE_FIELDS[kind]]
    names = [f.name for f in FIELDS[kind] if f.name in templates.TEMPLATE_FIELDS[kind]]
    current = stored[stored["month"] == month] if not stored.empty else stored
    if kind == DISTRICT and not current.empty:
        current = _district_wide(current)
    start = pd.DataFrame({label: (current[name].map(_cell).tolist() if name in current else [""] * len(current))
                          for name, label in zip(names, labels)})
    if start.empty:
        start = pd.DataFrame([{label: (month_label(month) if name == "month" else "") for name, label in zip(names, labels)}])
    st.caption(ngettext("{month}现有 {n} 行。直接在表中修改、添加或删除行，保存前按导入规则逐行检查。",
                        "{month}现有 {n} 行。直接在表中修改、添加或删除行，保存前按导入规则逐行检查。", len(current),
                        month=month_text(month)))
    # The editor's columns keep the Chinese import headers (the validation reads them); only the
    # headers shown are translated.
    # The version of the rows this editor started from, taken once when the month is opened.
    version_key = f"hotline_editor_version_{kind}_{month}"
    if version_key not in st.session_state:
        st.session_state[version_key] = store.version(kind, [month])
    edited = st.data_editor(start.astype(str), num_rows="dynamic", width="stretch", key=f"hotline_editor_{kind}_{month}",
                            column_config={label: st.column_config.TextColumn(_(label)) for label in labels})
    # units the product does not know are asked about here too (a typo would start a new unit)
    unknown_key, confirm_key = f"hotline_manual_unknown_{kind}_{month}", f"hotline_manual_confirm_{kind}_{month}"
    asked = st.session_state.get(unknown_key)
    if asked:
        st.warning(say(asked["question"]), icon=":material/help:")
        st.checkbox(ngettext("确认导入这 {n} 个单位", "确认导入这 {n} 个单位", len(asked["units"])), key=confirm_key)
    if not st.button(_("检查并保存本月数据"), type="primary", key=f"hotline_manual_save_{kind}_{month}",
                     icon=":material/save:"):
        return
    checked = check_frame(edited, kind)
    if not checked.ok:
        show_check(checked, "表格")
        return
    other = checked.records[checked.records["month"] != month]
    if not other.empty:
        st.error(_("表中有不属于{month}的行（{others}），请只录入本月数据。", month=month_text(month),
                   others=plain("、".join(sorted(set(other["month"]))))))
        return
    confirmed = asked and st.session_state.get(confirm_key) and set(checked.unknown_units) <= set(asked["units"])
    if checked.unknown_units and not confirmed:
        st.session_state[unknown_key] = {"units": checked.unknown_units, "question": checked.unknown_units_question()}
        st.session_state.pop(confirm_key, None)
        st.rerun()
    st.session_state.pop(unknown_key, None)
    save(store, actor, checked, "手工录入", hstore.records_sha256(checked.records), "手工录入",
         expected_version=st.session_state.pop(version_key, None))


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _district_wide(current: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for (month, cut), group in current.groupby(["month", "cut"]):
        row = {"month": month, "cut": cut, "ranked_units": group["ranked_units"].max()}
        for indicator, prefix in zip(INDICATORS, ("satisfaction", "resolution")):
            hit = group[group["indicator"] == indicator]
            if not hit.empty:
                row[f"{prefix}_pct"] = hit["value_pct"].iloc[0]
                row[f"{prefix}_rank"] = hit["rank"].iloc[0]
        rows.append(row)
    return pd.DataFrame(rows)


# ---- the page -------------------------------------------------------------------------

# The plan of the chosen editions (its title as printed, read from the data).
plan_doc = curated.topic_doc("hotline.", selected_bulletins())
plan_title = (curated.document(plan_doc) or {}).get("title") if plan_doc else None
page_header(_("12345 市民服务热线专项整改"),
            _("《{plan}》确定的排名目标、化解与参评比例、专项清零期限和约谈机制，"
              "以及热线办按月录入的实际数据。方案本身只有目标，没有月度数字；月度数字由热线办导入或录入。",
              plan=plan_title) if plan_title else
            _("所选期次没有 12345 热线专项整治方案；下方为热线办按月录入的实际数据。"))
actor = sign_in_box(sign_out_keys=(PENDING_KEY, SAVED_KEY))
targets = load_targets(plan_doc)
targets_section(targets)

st.divider()
store, demo = choose_store(actor)
ranks, units, drives, scores = store.district(), store.units(), store.drives(), store.scores()
today = dt.date.today()
empty = ranks.empty and units.empty and drives.empty and scores.empty
if empty:
    st.info(_("还没有月度记录。开始使用：① 下载下方“导入与录入”中的模板；② 编辑在左侧栏登录；"
              "③ 上传热线办每月的排名通报（CSV 或 Excel）并确认写入。录入后，本页即显示是否按期达标和约谈名单。"),
            icon=":material/rocket_launch:")
overview(targets, ranks, units, drives, today, demo)

VIEWS = {
    N_("全市排名"): lambda: ranking_view(targets, ranks, demo),
    N_("单位排名"): lambda: league_view(targets, units, demo),
    N_("约谈名单"): lambda: summons_view(targets, units),
    N_("化解率"): lambda: resolution_view(targets, units, demo),
    N_("参评率"): lambda: participation_view(targets, units, demo),
    N_("专项清零"): lambda: drives_view(targets, drives, today, demo),
    N_("考评得分"): lambda: scores_view(scores),
    N_("导入与录入"): lambda: import_view(store, actor, demo),
    N_("写入记录"): lambda: records_view(store),
}
# The open tab is kept across reruns (a write does not bounce the editor back to the first tab)
# and written to the URL (?hotline_tab=约谈名单), so a view is a link; only the open tab runs.
# Labels follow the language; a tab chosen or linked in the other language stays open.
labels = localise_choice("hotline_tab", list(VIEWS))
for tab, view in zip(st.tabs(labels, key="hotline_tab", bind="query-params"), VIEWS.values()):
    if tab.open is not False:
        with tab:
            view()
