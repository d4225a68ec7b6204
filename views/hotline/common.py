"""What every part of the 12345 page shares: column labels, formatting in the page's language,
charts with alt text and the citation of what they rest on."""
from __future__ import annotations

from functools import partial

import pandas as pd

from hotline import targets as plan
from hotline.fields import KIND_LABELS
from hotline.values import period_label
from ui import format as fmt
from ui import hotline_charts as hc
from ui.i18n import N_, _, lang
from ui.layout import chart
from ui.provenance import citation

# session keys the writes and the sign-out share
SOURCE_KEY = "hotline_source"
PENDING_KEY = "hotline_pending"
SAVED_KEY = "hotline_saved_audit_id"
UPLOAD_ROUND_KEY = "hotline_upload_round"
PARSED_KEY = "hotline_parsed_upload"   # the latest upload, read once (not on every rerun)
CHART = {"displayModeBar": False}

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


# Option labels are formatted with the language fixed when the widget is drawn: a widget's
# format_func may be called again outside this run (AppTest), where the session's language is
# not at hand. Each returns a function bound to the current language.
def month_text(month: str, code: str | None = None) -> str:
    return hc.month_text(month, code or lang())


def month_format():
    return partial(hc.month_text, lang=lang())


def option_format():
    return partial(_, lang_code=lang())


def kind_format():
    code = lang()
    return lambda kind: _(KIND_LABELS[kind], code)


def draw(fig, key: str, source: str | None) -> None:
    """A hotline chart with alt text naming its values; no export for a 'nothing yet' placeholder."""
    empty = hc.is_empty(fig)
    chart(fig, key, config=CHART, alt=hc.describe(fig, lang()), source=None if empty else source, export=not empty)


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


def deadline_text(target: plan.Target) -> str:
    """The deadline as a date in the page's language, else as printed (月底前 …)."""
    return (date_text(target.deadline) or "") if target.deadline else (target.deadline_text or "")


def date_text(value) -> str | None:
    """A date as printed ('2025-03-01' -> 2025年3月1日, ISO in English); a bare year stays a year."""
    if value is None or (not isinstance(value, str) and pd.isna(value)) or str(value).strip() == "":
        return None
    text = str(value)[:10]
    if len(text) == 4 and text.isdigit():
        return _("{year}年", year=text)
    return fmt.cn_date(text) if lang() == "zh" else text


def period_text(start: str, end: str) -> str:
    """'2023-01', '2023-04' -> 2023年1—4月累计 (Jan–Apr 2023, cumulative); one month -> that month."""
    code = lang()
    if start == end:
        return month_text(end, code)
    if code == "zh":
        return period_label(start, end)
    return _("{first}至{last}累计", first=month_text(start, code), last=month_text(end, code))
