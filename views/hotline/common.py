"""What every part of the 12345 page shares: column headings (from the registry), formatting in the page's language,
charts with alt text and the citation of what they rest on."""
from __future__ import annotations

from functools import partial

import pandas as pd

from hotline import targets as plan
from hotline.fields import KIND_LABELS
from hotline.values import period_label
from ui import format as fmt
from ui import hotline_charts as hc
from ui.i18n import _, lang
from ui.layout import chart
from ui.provenance import citation
from ui.tables import labelled

# session keys the writes and the sign-out share
SOURCE_KEY = "hotline_source"
PENDING_KEY = "hotline_pending"
SAVED_KEY = "hotline_saved_audit_id"
UPLOAD_ROUND_KEY = "hotline_upload_round"
PARSED_KEY = "hotline_parsed_upload"   # the latest upload, read once (not on every rerun)
CHART = {"displayModeBar": False}

TABLE = "hotline"   # the registry's pseudo-table of the hotline's columns (loaders/labels.py)


def shown(frame: pd.DataFrame) -> pd.DataFrame:
    """Column headers in the page's language from the registry (the values stay as recorded); for an
    export. On screen use `show_table(frame, TABLE)`, which also shows empty cells as "—"."""
    return labelled(frame, TABLE)


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
