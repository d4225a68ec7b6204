"""Chinese number and date formatting (pure)."""
from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def wan(value, digits: int = 2) -> str:
    """12345.6789 -> '12,345.68 万元'."""
    return "—" if _missing(value) else f"{float(value):,.{digits}f} 万元"


def yi(value_wan, digits: int = 2) -> str:
    """万元 amount shown in 亿元: 12345.6 -> '1.23 亿元'."""
    return "—" if _missing(value_wan) else f"{float(value_wan) / 10000:,.{digits}f} 亿元"


def money(value_wan) -> str:
    """亿元 for large sums, 万元 otherwise."""
    if _missing(value_wan):
        return "—"
    return yi(value_wan) if abs(float(value_wan)) >= 10000 else wan(value_wan)


def integer(value, unit: str = "") -> str:
    return "—" if _missing(value) else f"{int(value):,}{unit}"


def pct(value, digits: int = 2) -> str:
    return "—" if _missing(value) else f"{float(value):.{digits}f}%"


def exact(value: Decimal | float | str) -> str:
    """Decimal as printed, with thousands separators and no float noise."""
    if _missing(value):
        return "—"
    number = Decimal(str(value)).normalize()
    whole, _, frac = format(number, "f").partition(".")
    return f"{int(whole):,}" + (f".{frac}" if frac else "")


def cn_date(value) -> str:
    """'2020-12-31' / date -> '2020年12月31日'."""
    if _missing(value) or value == "":
        return "—"
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return f"{value.year}年{value.month}月{value.day}日"
