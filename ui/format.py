"""Number and date formatting with units in the reader's language.

Chinese: '12,345.68 万元', '1.23 亿元', '6 个', '59,028 人' (as the bulletins print them).
English: money in millions of yuan, '¥123.46 m' (a 万元 amount under ¥1 m in whole yuan, '¥125,000');
a count whose Chinese unit is only a measure word (个、条、项、件、份、家、处) is the bare number, since
the label already names what is counted ('Key projects: 6'); 人 is 'person' / 'people'; 元 is 'yuan'.
`lang` defaults to the session's language (ui.i18n.lang); pass it where a figure is built for another
language (the briefing PDF)."""
from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from ui import i18n

# Chinese measure words that English leaves out (the label names the thing counted).
MEASURE_WORDS = frozenset("个条项件份家处所座名")


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _lang(lang: str | None) -> str:
    return lang or i18n.lang()


def _yuan_en(value_wan: float, digits: int = 2) -> str:
    """English money: '¥749.52 m' from 74,951.92 万元; under ¥1 m in whole yuan ('¥125,000')."""
    yuan = value_wan * 10000
    sign = "−" if yuan < 0 else ""
    if abs(yuan) >= 1_000_000:
        return f"{sign}¥{abs(yuan) / 1_000_000:,.{digits}f} m"
    return f"{sign}¥{abs(yuan):,.0f}"


def wan(value, digits: int = 2, lang: str | None = None) -> str:
    """12345.6789 -> '12,345.68 万元' (English: '¥123.46 m')."""
    if _missing(value):
        return "—"
    return f"{float(value):,.{digits}f} 万元" if _lang(lang) == "zh" else _yuan_en(float(value), digits)


def yi(value_wan, digits: int = 2, lang: str | None = None) -> str:
    """万元 amount shown in 亿元: 12345.6 -> '1.23 亿元' (English: '¥123.46 m')."""
    if _missing(value_wan):
        return "—"
    return f"{float(value_wan) / 10000:,.{digits}f} 亿元" if _lang(lang) == "zh" else _yuan_en(float(value_wan), digits)


def money(value_wan, lang: str | None = None) -> str:
    """亿元 for large sums, 万元 otherwise (English: millions of yuan)."""
    if _missing(value_wan):
        return "—"
    return yi(value_wan, lang=lang) if abs(float(value_wan)) >= 10000 else wan(value_wan, lang=lang)


def unit_suffix(unit: str, n: int | float = 2, lang: str | None = None) -> str:
    """The unit after a number, in the language: ' 个' -> '' in English, ' 人' -> ' people', ' 元' -> ' yuan'.
    Chinese (and units not listed) are returned as given."""
    word = unit.strip()
    if _lang(lang) == "zh" or not word:
        return unit
    if word in MEASURE_WORDS:
        return ""
    if word == "人":  # the noun of "{n} 人" ('people'; 'person' for one)
        return " " + i18n.ngettext("共 {n} 人", "共 {n} 人", int(n) if n == int(n) else 2, lang, n="").strip()
    if word == "元":
        return " " + i18n.pgettext("unit", "元", lang)
    if word == "万元":
        return " " + i18n.pgettext("unit", "万元", lang)
    return unit


def integer(value, unit: str = "", lang: str | None = None) -> str:
    """6, ' 个' -> '6 个' (English '6'); 59028, ' 人' -> '59,028 人' (English '59,028 people')."""
    if _missing(value):
        return "—"
    if unit.strip() == "人" and _lang(lang) != "zh":
        return i18n.ngettext("共 {n} 人", "共 {n} 人", int(value), lang, n=f"{int(value):,}")
    return f"{int(value):,}{unit_suffix(unit, int(value), lang)}"


def pct(value, digits: int = 2) -> str:
    return "—" if _missing(value) else f"{float(value):.{digits}f}%"


def exact(value: Decimal | float | str) -> str:
    """Decimal as printed, with thousands separators and no float noise."""
    if _missing(value):
        return "—"
    number = Decimal(str(value)).normalize()
    whole, _, frac = format(number, "f").partition(".")
    return f"{int(whole):,}" + (f".{frac}" if frac else "")


def cn_date(value, lang: str | None = None) -> str:
    """'2020-12-31' / date -> '2020年12月31日' (English: ISO, '2020-12-31')."""
    if _missing(value) or value == "":
        return "—"
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if _lang(lang) != "zh":
        return value.isoformat()[:10]
    return f"{value.year}年{value.month}月{value.day}日"
