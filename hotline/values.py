"""One spreadsheet cell -> one typed value, or a ValueError carrying a Chinese message.

Rates are stored as percentages (0–100). A value written with '%' is a percentage; a
bare number ≤ 1 is a ratio (0.953 → 95.3, as Excel stores a cell formatted as percent);
a bare number > 1 is a percentage.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from hotline.fields import CUTS, DEPARTMENT, END, INDICATORS, MID, RESOLUTION, SATISFACTION, TOWN

EMPTY = {"", "-", "—", "--", "——", "/", "无", "nan", "none", "null", "n/a", "na", "#n/a"}
MAX_COUNT = 2_147_483_647  # the store's INTEGER; compared as Decimal so '1e999999999' never becomes an int
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u202a-\u202e]")  # zero-width, BOM, bidi marks


def clean(cell: object) -> str:
    """Text of a cell: NFKC (full-width digits and ％ become ASCII), no thousands separators."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return ""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", str(cell))).strip()
    return text.replace("\u00a0", "").replace(" ", "")


def is_empty(cell: object) -> bool:
    return clean(cell).lower() in EMPTY


def _decimal(text: str, label: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"{label}「{text}」不是数字") from None
    if not value.is_finite():
        raise ValueError(f"{label}「{text}」不是数字")
    if value and value.adjusted() > 15:  # '1e999999999' would overflow the arithmetic that follows
        raise ValueError(f"{label}「{text}」过大，不像实际数字")
    return value


def parse_rate(cell: object, label: str = "比率") -> float | None:
    """'95.3%' / '95.3' / '０.９５３' / 0.953 -> 95.3; empty -> None."""
    if is_empty(cell):
        return None
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        value, percent = Decimal(repr(float(cell))), False
    else:
        text = clean(cell)
        percent = text.endswith("%")
        value = _decimal(text.rstrip("%"), label)
    if not percent and abs(value) <= 1:
        value *= 100
    if value < 0:
        raise ValueError(f"{label}「{clean(cell)}」为负数")
    if value > 100:
        raise ValueError(f"{label}「{clean(cell)}」超过100%")
    return round(float(value), 4)


def parse_count(cell: object, label: str = "数量") -> int | None:
    """A non-negative whole number: '12', '１２', '1,200', 12.0 -> int; empty -> None."""
    if is_empty(cell):
        return None
    value = _decimal(clean(cell), label)
    if value != value.to_integral_value():
        raise ValueError(f"{label}「{clean(cell)}」不是整数")
    if value < 0:
        raise ValueError(f"{label}「{clean(cell)}」为负数")
    if value > MAX_COUNT:
        raise ValueError(f"{label}「{clean(cell)}」过大，不像实际数量")
    return int(value)


def parse_rank(cell: object, label: str = "排名") -> int | None:
    """'第3名' / '3' -> 3 (at least 1)."""
    if is_empty(cell):
        return None
    text = re.sub(r"^第|名$|位$", "", clean(cell))
    value = parse_count(text, label)
    if value == 0:
        raise ValueError(f"{label}「{clean(cell)}」应从1开始")
    return value


_CN_MONTH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
             "十": 10, "十一": 11, "十二": 12, "元": 1}
_YEAR_MONTH = re.compile(r"^(\d{4})(?:年|[-/.])(\d{1,2}|[一二三四五六七八九十元]{1,2})(?:月份?|月)?"
                         r"(?:(?:[-/.]\d{1,2}日?|\d{1,2}日)(?:\d{1,2}:\d{2}(?::\d{2})?)?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})$")


def parse_month(cell: object) -> str:
    """'2025-07' / '2025/7' / '2025年7月' / '2025年七月' / '202507' / an Excel date -> '2025-07'."""
    if isinstance(cell, (dt.date, dt.datetime)):
        return f"{cell.year:04d}-{cell.month:02d}"
    if hasattr(cell, "to_pydatetime"):  # pandas Timestamp
        return parse_month(cell.to_pydatetime())
    text = clean(cell)
    if text.lower() in EMPTY:
        raise ValueError("月份为空")
    match = _YEAR_MONTH.match(text) or _COMPACT.match(text)
    if not match:
        if re.fullmatch(r"[一二三四五六七八九十元\d]{1,2}月份?", text):
            raise ValueError(f"月份「{text}」缺少年份，请写成 2025年7月 或 2025-07")
        raise ValueError(f"月份「{text}」无法识别，请写成 2025年7月 或 2025-07")
    year, month_text = int(match.group(1)), match.group(2)
    month = int(month_text) if month_text.isdigit() else _CN_MONTH.get(month_text, 0)
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise ValueError(f"月份「{text}」不存在")
    return f"{year:04d}-{month:02d}"


def parse_group(cell: object) -> str | None:
    """'部门' / '区直部门' / '镇' / '街道' / '镇街' -> 部门 or 镇街; empty -> None (inferred later)."""
    if is_empty(cell):
        return None
    text = clean(cell)
    if text in {"镇街", "街镇", "镇", "街道", "镇(街道)", "街道(镇)", "镇街道", "乡镇", "乡镇街道"}:
        return TOWN
    if text in {"部门", "区直部门", "区直单位", "单位", "部门单位", "区直", "区级部门", "承办部门"}:
        return DEPARTMENT
    raise ValueError(f"分组「{text}」只能是{DEPARTMENT}或{TOWN}")


def parse_cut(cell: object) -> str:
    """'月中' / '中' / '月中通报' -> 月中; empty -> 月末 (the month-end figures are the default)."""
    if is_empty(cell):
        return END
    text = clean(cell)
    for cut in CUTS:
        if text in {cut, cut[-1], f"{cut}通报", f"{cut}口径"}:
            return cut
    raise ValueError(f"口径「{text}」只能是{MID}或{END}")


def parse_indicator(cell: object) -> str:
    text = clean(cell)
    if SATISFACTION in text or text == "满意度":
        return SATISFACTION
    if RESOLUTION in text:
        return RESOLUTION
    raise ValueError(f"指标「{text}」只能是{'或'.join(INDICATORS)}")


def parse_text(cell: object, label: str) -> str:
    # no spaces inside Chinese names; invisible characters would make two spellings of one unit
    text = _INVISIBLE.sub("", re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(cell))))
    if is_empty(text):
        raise ValueError(f"{label}为空")
    return text
