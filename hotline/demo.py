"""Made-up records for trying the page out. Written only to the demo store, on request.

Unit names say 演示 so no one mistakes them for real 部门 or 镇街; the numbers are random
(seeded, so the demo is the same every time).
"""
from __future__ import annotations

import random

import pandas as pd

from hotline.fields import DEPARTMENT, DRIVE_LABELS, END, RESOLUTION, SATISFACTION, TOWN
from hotline.validate import COLUMNS

DEMO_MONTHS = tuple(f"2025-{m:02d}" for m in range(1, 13))
CITY_UNITS = 12   # how many districts the made-up city ranking has
SEED = 12345


def demo_units(months: tuple[str, ...] = DEMO_MONTHS, seed: int = SEED) -> pd.DataFrame:
    rnd = random.Random(seed)
    units = [(f"演示街道{i:02d}", TOWN) for i in range(1, 11)] + [(f"演示部门{i:02d}", DEPARTMENT) for i in range(1, 9)]
    skill = {u: rnd.uniform(-6, 6) for u, _g in units}
    backlog = {u: rnd.randint(10, 60) for u, _g in units}
    rows = []
    for m_i, month in enumerate(months):
        for unit, group in units:
            if unit == "演示部门08" and m_i < 3:
                continue  # a unit created mid-year
            new = rnd.randint(3, 40)
            resolved = min(backlog[unit] + new, int((backlog[unit] + new) * rnd.uniform(0.12, 0.45)))
            rows.append({
                "unit": unit, "peer_group": group, "month": month, "cut": END,
                "satisfaction_pct": round(min(99.9, 86 + m_i * 0.8 + skill[unit] + rnd.uniform(-3, 3)), 1),
                "resolution_pct": round(min(99.9, 78 + m_i * 1.0 + skill[unit] + rnd.uniform(-4, 4)), 1),
                "participation_pct": round(min(95.0, 48 + m_i * 2.2 + rnd.uniform(-8, 8)), 1),
                "backlog_start": backlog[unit], "new_count": new, "resolved": resolved,
            })
            backlog[unit] += new - resolved  # next month starts with what is left
    return pd.DataFrame(rows, columns=COLUMNS["units"])


def demo_district(months: tuple[str, ...] = DEMO_MONTHS, seed: int = SEED) -> pd.DataFrame:
    rnd = random.Random(seed + 1)
    rows = []
    for m_i, month in enumerate(months):
        for indicator, base in ((SATISFACTION, 90.0), (RESOLUTION, 82.0)):
            rank = max(1, min(CITY_UNITS, CITY_UNITS - m_i // 2 + rnd.randint(-1, 1)))
            rows.append({"month": month, "indicator": indicator, "cut": END,
                         "value_pct": round(base + m_i * 0.9 + rnd.uniform(-1, 1), 1),
                         "rank": rank, "ranked_units": CITY_UNITS})
    return pd.DataFrame(rows, columns=COLUMNS["district"])


def demo_drives(months: tuple[str, ...] = DEMO_MONTHS, seed: int = SEED) -> pd.DataFrame:
    rnd = random.Random(seed + 2)
    rows = []
    for key, label in DRIVE_LABELS.items():
        open_now = rnd.randint(40, 120)
        for month in months:
            new = rnd.randint(2, 15)
            resolved = min(open_now + new, int((open_now + new) * rnd.uniform(0.25, 0.6)))
            end = open_now + new - resolved
            rows.append({"topic": label, "topic_key": key, "month": month, "open_start": open_now,
                         "new_count": new, "resolved": resolved, "open_end": end})
            open_now = end
    return pd.DataFrame(rows, columns=COLUMNS["drives"])
