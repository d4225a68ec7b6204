"""Department names: many printed spellings -> one canonical name.

The alias table lives in data/reference/department_aliases.csv (alias,unit) and grows
as loaders meet new spellings; an unknown spelling is kept as printed (after
removing layout spaces), so nothing is lost and the data-quality report can list it.
"""
from __future__ import annotations

import re

import pandas as pd

from loaders.text import norm

# Separators between unit names inside one attribution: 、 , ， ; ；and 及/和 only when
# the alias table does not know the joined form.
_SPLIT = re.compile(r"[、,;]")


def clean_unit(raw: str) -> str:
    return re.sub(r"\s+", "", norm(raw)).strip("。.:")


def canonical(raw: str, aliases: pd.DataFrame) -> str:
    """Canonical unit name for a printed spelling (unknown spellings returned cleaned)."""
    cleaned = clean_unit(raw)
    hit = aliases[aliases["alias"] == cleaned]
    return cleaned if hit.empty else hit["unit"].iloc[0]


def split_units(text: str) -> list[str]:
    """'区住建局、人社局、公安分局、各镇街' -> ['区住建局', '人社局', '公安分局', '各镇街']."""
    return [u for u in (clean_unit(p) for p in _SPLIT.split(norm(text))) if u]
