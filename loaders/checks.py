"""Data-quality checks: every stated figure compared with what the text adds up to.

A check never corrects anything; it records expected (as printed), actual (as
computed), a severity and a Chinese message that the dashboard shows to users.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal

from loaders.cn.amounts import share_pct  # noqa: F401  (re-exported: percentages are the toolkit's)


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
        return asdict(self)


def _fmt(value) -> str:
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return str(value)


def compare(check_id: str, subject: str, expected, actual, doc_id: str | None, line: int | None,
            tolerance: Decimal | float = 0, unit: str = "", severity_if_off: str = "warn") -> Check:
    """Equal (within tolerance) -> ok; otherwise `severity_if_off` with both values in the message."""
    exp, act = Decimal(str(expected)), Decimal(str(actual))
    off = abs(exp - act) > Decimal(str(tolerance))
    if off:
        message = f"{subject}：文件写明 {_fmt(exp)}{unit}，按明细计算为 {_fmt(act)}{unit}，相差 {_fmt(act - exp)}{unit}。"
    else:
        message = f"{subject}：文件写明 {_fmt(exp)}{unit}，与明细计算一致。"
    return Check(check_id, subject, severity_if_off if off else "ok", _fmt(exp), _fmt(act), message, doc_id, line)


def missing(check_id: str, subject: str, what: str, doc_id: str | None, line: int | None,
            severity: str = "error") -> Check:
    """A figure or section the loader expected to find but could not."""
    return Check(check_id, subject, severity, what, "未找到", f"{subject}：未能在文件中找到{what}。", doc_id, line)
