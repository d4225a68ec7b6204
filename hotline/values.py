"""One spreadsheet cell -> one typed value, or a ValueError carrying a Chinese message (a Msg).

Rates are stored as percentages (0–100). A value written with '%' is a percentage; a
bare number ≤ 1 is a ratio (0.953 → 95.3, as Excel stores a cell formatted as percent);
a bare number > 1 is a percentage. Reading a ratio, or a comma as a decimal point
('95,3%'), is a reinterpretation: `read_rate` returns a note saying so, which the preview shows.

Periods: a month ('2025-07', '2025年7月', an Excel date) or a range of months read as a
cumulative period ('2023.1-4', '2023/1-4', '2023年1-12', '2023年1月—4月'). `parse_month`
accepts months only and says so when given a range; `parse_period` accepts both.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from hotline.fields import CUTS, DEPARTMENT, END, INDICATORS, MID, RESOLUTION, SATISFACTION, TOWN
from hotline.msg import Msg
from hotline.names import name_key, strip_invisible

EMPTY = {"", "-", "—", "--", "——", "/", "无", "nan", "none", "null", "n/a", "na", "#n/a"}
MAX_COUNT = 2_147_483_647  # the store's INTEGER; compared as Decimal so '1e999999999' never becomes an int
MAX_NAME = 50              # characters of a unit or topic name (the longest real one is ~20)
MAX_SCALE = 1000           # 满分 of a composite score (real ones: 100, 150)


def clean(cell: object) -> str:
    """Text of a cell: NFKC (full-width digits and ％ become ASCII), nothing invisible, no spaces."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return ""
    return strip_invisible(cell).strip().replace("\u00a0", "").replace(" ", "")


def is_empty(cell: object) -> bool:
    return clean(cell).lower() in EMPTY


_THOUSANDS = re.compile(r"^[+-]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")


def _decimal(text: str, label: str) -> tuple[Decimal, str | None]:
    """(value, how a comma was read: None, 'thousands' or 'decimal'). '1,200' is a thousands
    separator; '95,3' and '0,953' (a comma not followed by groups of three) a decimal comma."""
    comma = None
    number = text
    if "," in text:
        if _THOUSANDS.match(text):
            number, comma = text.replace(",", ""), "thousands"
        elif _DECIMAL_COMMA.match(text):
            number, comma = text.replace(",", "."), "decimal"
    try:
        value = Decimal(number)
    except InvalidOperation:
        raise ValueError(Msg("{label}「{text}」不是数字", label=label, text=text)) from None
    if not value.is_finite():
        raise ValueError(Msg("{label}「{text}」不是数字", label=label, text=text))
    if value and value.adjusted() > 15:  # '1e999999999' would overflow the arithmetic that follows
        raise ValueError(Msg("{label}「{text}」过大，不像实际数字", label=label, text=text))
    return value, comma


def read_rate(cell: object, label: str = "比率") -> tuple[float | None, Msg | None]:
    """(percentage or None, a note when the value was reinterpreted)."""
    if is_empty(cell):
        return None, None
    note = None
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        value, percent, comma = Decimal(repr(float(cell))), False, None
    else:
        text = clean(cell)
        percent = text.endswith("%")
        value, comma = _decimal(text.rstrip("%"), label)
    raw = clean(cell)
    if not percent and abs(value) <= 1:
        value *= 100
        note = Msg("{label}「{raw}」不大于1，按比例读作 {value}%", label=label, raw=raw, value=_plain(value))
    elif comma == "decimal":
        note = Msg("{label}「{raw}」中的逗号按小数点读取：{value}%", label=label, raw=raw, value=_plain(value))
    if value < 0:
        raise ValueError(Msg("{label}「{raw}」为负数", label=label, raw=raw))
    if value > 100:
        if comma == "thousands":
            raise ValueError(Msg("{label}「{raw}」读作 {value}，超过100%（逗号按千位分隔符读取；如果逗号是小数点，"
                                 "请改成 {hint}）", label=label, raw=raw, value=_plain(value),
                                 hint=raw.replace(",", ".")))
        raise ValueError(Msg("{label}「{raw}」超过100%", label=label, raw=raw))
    return round(float(value), 4), note


def parse_rate(cell: object, label: str = "比率") -> float | None:
    """'95.3%' / '95.3' / '０.９５３' / 0.953 / '95,3%' -> 95.3; empty -> None."""
    return read_rate(cell, label)[0]


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def read_score(cell: object, label: str = "得分") -> tuple[float | None, Msg | None]:
    """A composite score ('145.76', '145.76分', '98,5'): (value ≥ 0, note when a comma was a decimal point)."""
    if is_empty(cell):
        return None, None
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        value, comma = Decimal(repr(float(cell))), None
    else:
        text = re.sub(r"分$", "", clean(cell))
        value, comma = _decimal(text, label)
    if value < 0:
        raise ValueError(Msg("{label}「{raw}」为负数", label=label, raw=clean(cell)))
    if value > MAX_SCALE:
        raise ValueError(Msg("{label}「{raw}」过大，不像考评得分", label=label, raw=clean(cell)))
    note = Msg("{label}「{raw}」中的逗号按小数点读取：{value}", label=label, raw=clean(cell), value=_plain(value)) \
        if comma == "decimal" else None
    return round(float(value), 4), note


_SCALE = re.compile(r"^(?:满分(?:为|值)?)?(\d+(?:\.\d+)?)分?$")


def parse_scale(cell: object, label: str = "满分") -> float | None:
    """'150' / '150分' / '满分150分' -> 150.0 (the full mark of a composite score)."""
    if is_empty(cell):
        return None
    match = _SCALE.match(clean(cell))
    if not match:
        raise ValueError(Msg("{label}「{raw}」不是分数（应写成 100 或 150）", label=label, raw=clean(cell)))
    value = float(match.group(1))
    if not 0 < value <= MAX_SCALE:
        raise ValueError(Msg("{label}「{raw}」不在 1 到 {limit} 之间", label=label, raw=clean(cell), limit=MAX_SCALE))
    return value


def parse_count(cell: object, label: str = "数量") -> int | None:
    """A non-negative whole number: '12', '１２', '1,200', 12.0 -> int; empty -> None."""
    if is_empty(cell):
        return None
    value, comma = _decimal(clean(cell), label)
    if value != value.to_integral_value():
        if comma == "decimal":
            raise ValueError(Msg("{label}「{raw}」不是整数（逗号按小数点读取；千位分隔请每三位一个逗号，如 1,200）",
                                 label=label, raw=clean(cell)))
        raise ValueError(Msg("{label}「{raw}」不是整数", label=label, raw=clean(cell)))
    if value < 0:
        raise ValueError(Msg("{label}「{raw}」为负数", label=label, raw=clean(cell)))
    if value > MAX_COUNT:
        raise ValueError(Msg("{label}「{raw}」过大，不像实际数量", label=label, raw=clean(cell)))
    return int(value)


def parse_rank(cell: object, label: str = "排名") -> int | None:
    """'第3名' / '3' -> 3 (at least 1)."""
    if is_empty(cell):
        return None
    text = re.sub(r"^第|名$|位$", "", clean(cell))
    value = parse_count(text, label)
    if value == 0:
        raise ValueError(Msg("{label}「{raw}」应从1开始", label=label, raw=clean(cell)))
    return value


_CN_MONTH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
             "十": 10, "十一": 11, "十二": 12, "元": 1}
_M = r"(\d{1,2}|[一二三四五六七八九十元]{1,2})"
_YEAR_MONTH = re.compile(r"^(\d{4})(?:年|[-/.])" + _M + r"(?:月份?|月)?"
                         r"(?:(?:[-/.]\d{1,2}日?|\d{1,2}日)(?:\d{1,2}:\d{2}(?::\d{2})?)?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})$")
_DASH = "-—–~～至到"
# 2023.1-4 · 2023/1-4 · 2023年1-12 · 2023年1月—4月 · 2023年1至4月份 · 2023.01-2023.04 · 2022年12月-2023年2月 (累计)
_RANGE = re.compile(r"^(\d{4})(年|[-/.])" + _M + r"(月份?)?([" + _DASH + r"])(?:(\d{4})(?:年|[-/.]))?" + _M +
                    r"(月份?)?(?:累计|合计|份)?$")
_NO_YEAR = re.compile(r"^" + _M + r"月?(?:[" + _DASH + r"]" + _M + r")?月份?(?:累计)?$")


@dataclass(frozen=True)
class Period:
    """A month (start == end) or a cumulative range of months, as 'YYYY-MM'."""
    start: str
    end: str

    @property
    def is_range(self) -> bool:
        return self.start != self.end

    def label(self) -> str:
        return period_label(self.start, self.end)


def period_label(start: str, end: str) -> str:
    """'2023-01', '2023-04' -> '2023年1—4月累计'; one month -> '2023年4月'."""
    y1, m1 = int(start[:4]), int(start[5:7])
    y2, m2 = int(end[:4]), int(end[5:7])
    if (y1, m1) == (y2, m2):
        return f"{y2}年{m2}月"
    if y1 == y2:
        return f"{y1}年{m1}—{m2}月累计"
    return f"{y1}年{m1}月—{y2}年{m2}月累计"


def _month_number(text: str) -> int:
    return int(text) if text.isdigit() else _CN_MONTH.get(text, 0)


def _checked(text: str, year: int, month: int) -> str:
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise ValueError(Msg("月份「{text}」不存在", text=text))
    return f"{year:04d}-{month:02d}"


def parse_period(cell: object) -> Period:
    """A month or a range of months (see the module doc)."""
    if isinstance(cell, (dt.date, dt.datetime)):
        month = f"{cell.year:04d}-{cell.month:02d}"
        return Period(month, month)
    if hasattr(cell, "to_pydatetime"):  # pandas Timestamp
        return parse_period(cell.to_pydatetime())
    text = clean(cell)
    if text.lower() in EMPTY:
        raise ValueError(Msg("月份为空"))
    ranged = _RANGE.match(text)
    if ranged:
        year, sep, first, month_mark, dash, year2, last, _mark2 = ranged.groups()
        same_sep = sep in "-/." and dash == sep and not month_mark and not year2
        start, end = _month_number(first), _month_number(last)
        if same_sep and first.isdigit() and last.isdigit():
            # '2025-07-15' or '2025/7/1' is a date; '2023-1-4' could be a date or January to April
            if start < end <= 12:
                raise ValueError(Msg("「{text}」可能是日期（{year}年{start}月{end}日），也可能是 {year}年{start}—{end}月：请写成 "
                                     "{year}年{start}月 或 {year}年{start}—{end}月", text=text, year=year, start=start, end=end))
            month = _checked(text, int(year), start)
            return Period(month, month)
        first_month = _checked(text, int(year), start)
        last_month = _checked(text, int(year2 or year), end)
        if last_month < first_month:
            raise ValueError(Msg("期间「{text}」的结束月份早于开始月份", text=text))
        return Period(first_month, last_month)
    match = _YEAR_MONTH.match(text) or _COMPACT.match(text)
    if not match:
        if _NO_YEAR.match(text):
            raise ValueError(Msg("月份「{text}」缺少年份，请写成 2025年7月 或 2025-07", text=text))
        raise ValueError(Msg("月份「{text}」无法识别，请写成 2025年7月 或 2025-07", text=text))
    month = _checked(text, int(match.group(1)), _month_number(match.group(2)))
    return Period(month, month)


def parse_month(cell: object) -> str:
    """'2025-07' / '2025/7' / '2025年7月' / '2025年七月' / '202507' / an Excel date -> '2025-07'.
    A range ('2023.1-4') is refused: these records are monthly."""
    period = parse_period(cell)
    if period.is_range:
        raise ValueError(Msg("月份「{text}」是{label}的数据，不是单月：本类数据按月记录，请写单月（如 {example}）；"
                             "累计的考评得分与排名请选数据类型“考评得分与排名”导入",
                             text=clean(cell), label=period.label(), example=period_label(period.end, period.end)))
    return period.end


def parse_group(cell: object) -> str | None:
    """'部门' / '区直部门' / '镇' / '街道' / '镇街' -> 部门 or 镇街; empty -> None (inferred later)."""
    if is_empty(cell):
        return None
    text = clean(cell)
    if text in {"镇街", "街镇", "镇", "街道", "镇(街道)", "街道(镇)", "镇街道", "乡镇", "乡镇街道"}:
        return TOWN
    if text in {"部门", "区直部门", "区直单位", "单位", "部门单位", "区直", "区级部门", "承办部门"}:
        return DEPARTMENT
    raise ValueError(Msg("分组「{text}」只能是{a}或{b}", text=text, a=DEPARTMENT, b=TOWN))


def parse_cut(cell: object) -> str:
    """'月中' / '中' / '月中通报' -> 月中; empty -> 月末 (the month-end figures are the default)."""
    if is_empty(cell):
        return END
    text = clean(cell)
    for cut in CUTS:
        if text in {cut, cut[-1], f"{cut}通报", f"{cut}口径"}:
            return cut
    raise ValueError(Msg("口径「{text}」只能是{a}或{b}", text=text, a=MID, b=END))


def parse_indicator(cell: object) -> str:
    text = clean(cell)
    if SATISFACTION in text or text == "满意度":
        return SATISFACTION
    if RESOLUTION in text:
        return RESOLUTION
    raise ValueError(Msg("指标「{text}」只能是{choices}", text=text, choices="或".join(INDICATORS)))


def parse_text(cell: object, label: str) -> str:
    # no spaces inside Chinese names; invisible characters would make two spellings of one unit
    text = name_key(cell)
    if is_empty(text):
        raise ValueError(Msg("{label}为空", label=label))
    if len(text) > MAX_NAME:
        raise ValueError(Msg("{label}过长（{n:,} 个字，上限 {limit} 个）：不像{label}，请检查该单元格",
                             label=label, n=len(text), limit=MAX_NAME))
    return text


def parse_free_group(cell: object) -> str:
    """A peer group as printed (县, 区/功能板块, 部门, 镇街 …); empty -> ''."""
    if is_empty(cell):
        return ""
    text = name_key(cell)
    if len(text) > MAX_NAME:
        raise ValueError(Msg("分组过长（{n:,} 个字）：请检查该单元格", n=len(text)))
    return text
