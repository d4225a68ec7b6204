"""Dates and deadlines in Chinese official text, relative to a document year.

One rule for every loader: a date phrase names a PERIOD (a first and a last day); a
deadline is the LAST day of the period it names, a start is its FIRST day. A following
前 / 之前 / 以前 never moves the date: "9月底前完成" and "12月31日前完成" mean "by the
end of that day" in these documents (the day is included).

| phrase                         | first day      | last day = deadline |
|--------------------------------|----------------|---------------------|
| 2020年12月31日, 12月31日        | 12-31          | 12-31               |
| 9月上旬 (also 9月初)            | 09-01          | 09-10               |
| 9月中旬                         | 09-11          | 09-20               |
| 9月下旬                         | 09-21          | 09-30 (month end)   |
| 9月底, 9月末                    | 09-30          | 09-30 (month end)   |
| 9月, 9月份                      | 09-01          | 09-30               |
| 第三季度, 三季度                | 07-01          | 09-30               |
| 上半年 / 下半年                 | 01-01 / 07-01  | 06-30 / 12-31       |
| 2020年底, 年底, 年末, 今年年底   | 12-31          | 12-31               |
| 2020年, 年内                    | 01-01          | 12-31               |

The 旬 are the calendar's own thirds of a month (1–10, 11–20, 21–end), so 上旬 ends on
the 10th, 中旬 on the 20th and 下旬 on the last day of the month — the same spans the
jionlp library gives them. A phrase without a year takes the document's year; a phrase
that needs one when none is known is not read (no guessing).
"""
from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from loaders.cn.normalize import to_halfwidth

_XUN = {"上旬": (1, 10), "初": (1, 10), "中旬": (11, 20)}   # 下旬: 21 .. month end
_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_PHRASE = re.compile(
    # 2020年9月30日 / 今年9月底 / 9月中旬 / 10月份
    r"(?:(?P<y>\d{4})\s*年(?!度)\s*|(?P<this>今年))?(?<![\d.])(?P<m>\d{1,2})\s*月份?"
    r"(?:\s*(?P<d>\d{1,2})\s*日|(?P<part>上旬|中旬|下旬|底|末|初))?"
    # 2020年第三季度 / 三季度 / 第4季度末
    r"|(?:(?P<qy>\d{4})\s*年(?!度)\s*|今年)?第?(?P<q>[一二三四1-4])季度(?P<qend>末|底)?"
    # 2021年上半年 / 下半年
    r"|(?:(?P<hy>\d{4})\s*年(?!度)\s*|今年)?(?P<half>[上下])半年"
    # 2020年底 / 2020年年底 / 2020年末
    r"|(?P<ey>\d{4})\s*年\s*(?:年底|年末|底|末)"
    # 2020年 (the whole year: '到2022年…达到')
    r"|(?P<wy>\d{4})\s*年(?!度)"
    # 年底 / 年末 / 今年年底 / 今年底 of the document's year
    r"|(?P<ye>今年年底|今年底|今年年末|年底|年末)"
    # 年内 (but not the duration '三年内', '2年内')
    r"|(?<![\d一二三四五六七八九十两])(?P<yin>年内)")
_BEFORE = re.compile(r"\s*(?:之前|以前|前)")
_FULL_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_SPAN_SPLIT = re.compile(r"至|到|-|—|~")
_YEAR = re.compile(r"(20\d\d)\s*年")


@dataclass(frozen=True)
class When:
    """A date phrase found in a text: where it is printed and the period it names."""

    text: str            # the phrase as printed (without a following 前)
    start: int           # offsets of the phrase in the searched text
    end: int
    before_end: int      # end including a following 前/之前/以前 (== end when there is none)
    first: date          # first day of the period
    last: date           # last day of the period: the deadline
    grain: str           # day / xun / month_end / month / quarter / half / year_end / year
    year_stated: bool    # the phrase prints its own year

    @property
    def before(self) -> bool:
        """Printed as a deadline: '9月底前', '12月31日之前'."""
        return self.before_end > self.end

    @property
    def deadline(self) -> str:
        return self.last.isoformat()

    @property
    def first_day(self) -> str:
        return self.first.isoformat()


def month_end(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _period(m: re.Match, year: int | None) -> tuple[date, date, str, bool] | None:
    """(first, last, grain, year stated) of a matched phrase, or None when it names no real date."""
    if m["m"]:
        stated = m["y"] is not None
        y = int(m["y"]) if stated else year
        month = int(m["m"])
        if y is None or not 1 <= month <= 12:
            return None
        end = month_end(y, month)
        if m["d"]:
            day = int(m["d"])
            return (date(y, month, day),) * 2 + ("day", stated) if 1 <= day <= end else None
        part = m["part"]
        if part in ("底", "末"):
            return date(y, month, end), date(y, month, end), "month_end", stated
        if part == "下旬":
            return date(y, month, 21), date(y, month, end), "xun", stated
        if part:
            first, last = _XUN[part]
            return date(y, month, first), date(y, month, last), "xun", stated
        return date(y, month, 1), date(y, month, end), "month", stated
    if m["q"]:
        stated = m["qy"] is not None
        y = int(m["qy"]) if stated else year
        if y is None:
            return None
        last_month = _QUARTER[m["q"]] * 3
        quarter_end = date(y, last_month, month_end(y, last_month))
        return (quarter_end if m["qend"] else date(y, last_month - 2, 1)), quarter_end, "quarter", stated
    if m["half"]:
        stated = m["hy"] is not None
        y = int(m["hy"]) if stated else year
        if y is None:
            return None
        return ((date(y, 1, 1), date(y, 6, 30)) if m["half"] == "上" else (date(y, 7, 1), date(y, 12, 31))) \
            + ("half", stated)
    if m["ey"]:
        y = int(m["ey"])
        return date(y, 12, 31), date(y, 12, 31), "year_end", True
    if m["wy"]:
        y = int(m["wy"])
        return date(y, 1, 1), date(y, 12, 31), "year", True
    if year is None:
        return None
    if m["ye"]:
        return date(year, 12, 31), date(year, 12, 31), "year_end", False
    return date(year, 1, 1), date(year, 12, 31), "year", False          # 年内


def find_all(text: str, year: int | None = None) -> list[When]:
    """Every date phrase of `text`, in order; `year` is the document's (for phrases without one)."""
    found = []
    for m in _PHRASE.finditer(text):
        period = _period(m, year)
        if period is None:
            continue
        before = _BEFORE.match(text, m.end())
        found.append(When(m[0], m.start(), m.end(), before.end() if before else m.end(), *period))
    return found


def find(text: str, year: int | None = None) -> When | None:
    """The first date phrase of `text`."""
    return next(iter(find_all(text, year)), None)


def deadline(text: str, year: int | None = None) -> str | None:
    """ISO deadline of the first date phrase: '9月下旬前完成' (2025) -> '2025-09-30'."""
    when = find(text, year)
    return when.deadline if when else None


def span(text: str, year: int | None = None) -> tuple[str | None, str | None]:
    """(start, end) of a printed time span, as ISO dates.

    '即日起至2025年9月底前' -> (None, '2025-09-30'); '2025年9月—10月' -> ('2025-09-01', '2025-10-31')
    (the end takes the start's year); '2020年11月1日至12月31日' -> ('2020-11-01', '2020-12-31');
    one phrase alone gives its own first and last day, or no start when it is a deadline (…前).
    """
    parts = [p for p in _SPAN_SPLIT.split(text, maxsplit=1) if p.strip()]
    if len(parts) == 2:
        start_text, end_text = parts
        first = None if "即日" in start_text else find(start_text, year)
        end = find(end_text, first.first.year if first and first.year_stated else year)
        return (first.first_day if first else None), (end.deadline if end else None)
    single = parts[0] if parts else text
    when = find(single, year)
    if when is None:
        return None, None
    if "前" in single or "即日" in single:
        return None, when.deadline
    return when.first_day, when.deadline


def commonest_year(text: str) -> int | None:
    """The year printed most often in `text` ('2025年' ×9, '2024年' ×2 -> 2025): the year a plan is
    written for, which its bare '9月底前' and '年底' refer to. None when no year is printed."""
    years = Counter(_YEAR.findall(text))
    return int(years.most_common(1)[0][0]) if years else None


def full_date(text: str) -> str | None:
    """The first complete date printed in `text`: '2020 年 12 月 31 日' -> '2020-12-31' (ISO), or None."""
    m = _FULL_DATE.search(to_halfwidth(text))
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}"
