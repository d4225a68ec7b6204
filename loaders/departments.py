"""Department names: many printed spellings -> one canonical name.

The alias table lives in data/reference/department_aliases.csv (alias,unit) and grows
as loaders meet new spellings; an unknown spelling is kept as printed (after
removing layout spaces), so nothing is lost and the data-quality report can list it.

Canonical names are district-neutral ("区住房和城乡建设局", "各镇街") so that the
济阳 and 章丘 bulletins share one vocabulary even though their bureaus differ.
"""
from __future__ import annotations

import re

import pandas as pd

from loaders.text import norm

# Separators between unit names inside one attribution list.
_SPLIT = re.compile(r"[、,;]")
# "区民政局、妇联、残联等单位" -> the list ends at 等; the trailing noun is not a unit.
_TRAILING_ETC = re.compile(r"等(?:单位|部门|有关单位|相关单位)?$")
_JOINER = "及"


def clean_unit(raw: str) -> str:
    """Printed spelling without layout spaces, markup or trailing punctuation."""
    return re.sub(r"\s+", "", norm(raw)).strip("。.:[]")


def alias_map(aliases: pd.DataFrame) -> dict[str, str]:
    """{cleaned spelling -> canonical unit}, including every canonical name as its own alias."""
    mapping: dict[str, str] = {}
    for alias, unit in zip(aliases["alias"], aliases["unit"]):
        if isinstance(alias, str) and isinstance(unit, str):
            mapping.setdefault(clean_unit(alias), clean_unit(unit))
    for unit in set(mapping.values()):
        mapping.setdefault(unit, unit)
    return mapping


def resolve(raw: str, mapping: dict[str, str]) -> str | None:
    """Canonical name via the alias map; a bare bureau name also matches its 区-prefixed alias."""
    cleaned = clean_unit(raw)
    if cleaned in mapping:
        return mapping[cleaned]
    if not cleaned.startswith(("区", "各", "市", "省")) and "区" + cleaned in mapping:
        return mapping["区" + cleaned]
    return None


def canonical(raw: str, aliases: pd.DataFrame | dict[str, str]) -> str:
    """Canonical unit name for a printed spelling (unknown spellings returned cleaned).

    Given the DataFrame, the map is rebuilt on every call: callers in a loop pass alias_map() once.
    """
    mapping = aliases if isinstance(aliases, dict) else alias_map(aliases)
    return resolve(raw, mapping) or clean_unit(raw)


def split_units(text: str, known: dict[str, str] | None = None) -> list[str]:
    """'区住建局、人社局、公安分局、各镇街' -> ['区住建局', '人社局', '公安分局', '各镇街'].

    'A及B' is split too, unless the alias map `known` lists the joined form as one unit.
    """
    units: list[str] = []
    for part in _SPLIT.split(norm(text)):
        part = _TRAILING_ETC.sub("", clean_unit(part))
        if not part:
            continue
        if _JOINER in part and not (known and resolve(part, known)):
            units.extend(p for p in (clean_unit(x) for x in part.split(_JOINER)) if p)
        else:
            units.append(part)
    return units
