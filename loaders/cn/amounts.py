"""Amounts of money and shares, exactly.

Money is printed in 万元 (up to six decimals), sometimes in 亿元 or 元; it is stored as
a Decimal number of 万元 so that sums equal the stated totals (never float: 0.1 + 0.2).
Shares are printed as percentages (9.92%, 80% 以上), as 百分之N, or as ratios (8:2).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from loaders.cn.normalize import to_halfwidth
from loaders.cn.numerals import cn_numeral

NUMBER = r"\d+(?:\.\d+)?"
MONEY_UNITS = ("亿元", "万元", "元")
UNIT = "|".join(MONEY_UNITS)
# Factor from each printed unit to 万元.
TO_WAN = {"亿元": Decimal(10000), "万元": Decimal(1), "元": Decimal("0.0001")}
_MONEY = re.compile(rf"(?<![\d.])(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)\s*(?P<unit>{UNIT})")
_PERCENT = re.compile(rf"(?<![\d.])(?P<num>{NUMBER})\s*%")
_CN_PERCENT = re.compile(r"百分之(?P<num>[零〇一二三四五六七八九十百两]+(?:点[零〇一二三四五六七八九]+)?)")
_CN_DECIMAL = dict(zip("零〇一二三四五六七八九", "00123456789"))


def parse_decimal(text: str) -> Decimal:
    """'1234.56789', '7 431.5', '２００', '1,050' -> Decimal, exactly as printed."""
    cleaned = re.sub(r"[\s,，]", "", to_halfwidth(text))
    try:
        return Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(f"不是数字：{text!r}") from exc


def to_wan(number: str | Decimal, unit: str) -> Decimal:
    """An amount printed in `unit` (亿元 / 万元 / 元) as exact 万元: ('1.5', '亿元') -> 15000."""
    value = number if isinstance(number, Decimal) else parse_decimal(number)
    if unit not in TO_WAN:
        raise ValueError(f"不是金额单位：{unit!r}")
    return value * TO_WAN[unit]


@dataclass(frozen=True)
class Amount:
    wan: Decimal     # the amount in 万元, exact
    number: str      # as printed, e.g. '1234.5'
    unit: str        # 亿元 / 万元 / 元
    start: int       # offsets of number + unit in the searched text
    end: int


def amounts(text: str) -> list[Amount]:
    """Every amount of money printed in `text`: '中央资金1.2亿元,区级资金300万元' -> 12000, 300 万元."""
    return [Amount(to_wan(m["num"], m["unit"]), m["num"], m["unit"], m.start(), m.end())
            for m in _MONEY.finditer(to_halfwidth(text))]


def percentages(text: str) -> list[tuple[Decimal, int]]:
    """(value, offset) of each percentage: '9.92%' -> 9.92, '百分之八十' -> 80, '百分之五点五' -> 5.5."""
    found = [(parse_decimal(m["num"]), m.start()) for m in _PERCENT.finditer(to_halfwidth(text))]
    for m in _CN_PERCENT.finditer(text):
        whole, _, fraction = m["num"].partition("点")
        digits = str(cn_numeral(whole)) + ("." + "".join(_CN_DECIMAL[c] for c in fraction) if fraction else "")
        found.append((Decimal(digits), m.start()))
    return sorted(found, key=lambda hit: hit[1])


def share_pct(part: Decimal, whole: Decimal, places: int = 2) -> Decimal:
    """part / whole in percent, rounded half-up the way a printed table would be (0 when whole is 0)."""
    if whole == 0:
        return Decimal(0)
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1).scaleb(-places), rounding="ROUND_HALF_UP")


def ratio_shares(ratio: str, places: int = 4) -> list[Decimal]:
    """'8:2' -> [80.0000, 20.0000]; '1:1:1' -> [33.3333, 33.3333, 33.3333] (percent of the whole)."""
    parts = [int(x) for x in re.split(r"\s*[:：]\s*", to_halfwidth(ratio).strip())]
    whole = sum(parts)
    return [(Decimal(part) * 100 / whole).quantize(Decimal(1).scaleb(-places)) for part in parts]
