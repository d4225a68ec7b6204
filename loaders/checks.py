"""Data-quality checks: every stated figure compared with what the text adds up to.

A check never corrects anything; it records expected (as printed), actual (as
computed), a severity and a Chinese message that the dashboard shows to users.
`subject` and `message` are textkit.msg.Msg (Chinese text carrying a msgid and values): the table keeps
the Chinese text and, beside it, the msgid and values (JSON) the UI translates (ui.checks.localised).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal

from loaders.cn.amounts import share_pct  # noqa: F401  (re-exported: percentages are the toolkit's)
from textkit.msg import NC_, Msg, msg_values_json


@dataclass(frozen=True)
class Check:
    check_id: str
    subject: str
    severity: str  # ok | warn | error
    expected: str
    actual: str
    message: str
    doc_id: str | None
    line: int | None

    def as_row(self) -> dict:
        row = asdict(self)
        row["subject"], row["message"] = str(self.subject), str(self.message)
        row["subject_msgid"], row["subject_values"] = msg_values_json(self.subject)
        row["message_msgid"], row["message_values"] = msg_values_json(self.message)
        return row


def _fmt(value) -> str:
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return str(value)


# Units a check names, translated in the UI with pgettext("unit", …); any other unit stays as printed.
UNITS = (NC_("unit", "万元"), NC_("unit", "个"), NC_("unit", "人"), NC_("unit", "项"), NC_("unit", "%"),
         NC_("unit", "家"), NC_("unit", "村"), NC_("unit", "户"), NC_("unit", "处"), NC_("unit", "所"),
         NC_("unit", "名"), NC_("unit", "张"), NC_("unit", "条"))


def unit_msg(unit: str | Msg) -> str | Msg:
    """A unit of measure (万元, 个, %) as a message of context "unit" (English from the catalogue)."""
    if getattr(unit, "msgid", None) is not None or unit not in UNITS:
        return unit
    message = Msg(unit)
    message.context = "unit"
    return message


def compare(check_id: str, subject: str | Msg, expected, actual, doc_id: str | None, line: int | None,
            tolerance: Decimal | float = 0, unit: str | Msg = "", severity_if_off: str = "warn") -> Check:
    """Equal (within tolerance) -> ok; otherwise `severity_if_off` with both values in the message."""
    exp, act = Decimal(str(expected)), Decimal(str(actual))
    off = abs(exp - act) > Decimal(str(tolerance))
    if off and unit:
        message = Msg("{subject}：文件写明 {expected}{unit}，按明细计算为 {actual}{unit}，相差 {difference}{unit}。",
                      subject=subject, expected=_fmt(exp), actual=_fmt(act), difference=_fmt(act - exp),
                      unit=unit_msg(unit))
    elif off:
        message = Msg("{subject}：文件写明 {expected}，按明细计算为 {actual}，相差 {difference}。",
                      subject=subject, expected=_fmt(exp), actual=_fmt(act), difference=_fmt(act - exp))
    elif unit:
        message = Msg("{subject}：文件写明 {expected}{unit}，与明细计算一致。", subject=subject, expected=_fmt(exp),
                      unit=unit_msg(unit))
    else:
        message = Msg("{subject}：文件写明 {expected}，与明细计算一致。", subject=subject, expected=_fmt(exp))
    return Check(check_id, subject, severity_if_off if off else "ok", _fmt(exp), _fmt(act), message, doc_id, line)


def missing(check_id: str, subject: str, what: str, doc_id: str | None, line: int | None,
            severity: str = "error") -> Check:
    """A figure or section the loader expected to find but could not."""
    return Check(check_id, subject, severity, what, "未找到", Msg("{subject}：未能在文件中找到{what}。", subject=subject,
                                                               what=what), doc_id, line)


def joined(parts: list, sep: str = "、") -> Msg | str:
    """Messages (or data values) joined by 、 or ； as one message, so that each part is translated in the UI
    (English joins them with commas / semicolons). Chinese text: exactly sep.join(parts)."""
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    rest = joined(parts[1:], sep)
    if sep == "；":
        return Msg("{first}；{rest}", first=parts[0], rest=rest)
    if sep == "，":
        return Msg("{first}，{rest}", first=parts[0], rest=rest)
    return Msg("{first}、{rest}", first=parts[0], rest=rest)
