"""The 12345 plan's thresholds, read from the curated `targets` rows.

Every figure (3rd/5th from bottom, 20 %, 30 %, 60 %, the deadlines, the 约谈 months) comes
from a row of the built database, keyed by `topic`; this module only knows the keys.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from textkit.msg import N_

EXIT_BOTTOM3 = "hotline.city_rank_exit_bottom3"
EXIT_BOTTOM5 = "hotline.city_rank_exit_bottom5"
MONTHLY_RESOLUTION = "hotline.monthly_resolution"
YEARLY_RESOLUTION = "hotline.yearly_resolution"
PARTICIPATION = "hotline.participation"
SUMMONS = "hotline.summons"
CLEAR_PREFIX = "hotline.clear."
CLEAR_TOPICS = ("hotline.clear.resettlement_housing", "hotline.clear.street_vending", "hotline.clear.water_supply")

# What each key means, for the notice shown when a row is missing (words, not figures).
TOPIC_NAMES = {
    EXIT_BOTTOM3: N_("满意率、解决率全市排名退出后若干位（第一阶段）"),
    EXIT_BOTTOM5: N_("满意率、解决率全市排名退出后若干位（年底）"),
    MONTHLY_RESOLUTION: N_("不满意、未解决问题当月化解比例"),
    YEARLY_RESOLUTION: N_("不满意、未解决问题全年化解比例"),
    PARTICIPATION: N_("市民参与回访评价比例"),
    SUMMONS: N_("约谈机制（连续若干月单项指标后若干位）"),
    "hotline.clear.resettlement_housing": N_("安置房交房后质量问题动态清零"),
    "hotline.clear.street_vending": N_("占道经营问题动态清零"),
    "hotline.clear.water_supply": N_("城乡供水问题动态清零"),
}
REQUIRED = tuple(TOPIC_NAMES)


@dataclass(frozen=True)
class Target:
    topic: str
    subject: str
    value: float | None
    unit: str | None
    comparator: str | None
    deadline: str | None        # 'YYYY-MM-DD'
    deadline_text: str | None
    responsible: str | None
    quote: str
    doc_id: str
    line: int
    months: int | None = None
    target_id: str | None = None

    @property
    def deadline_month(self) -> str | None:
        return self.deadline[:7] if self.deadline else None

    @property
    def whole(self) -> int:
        """The value as a whole number (a rank position or a count of months)."""
        assert self.value is not None, f"target {self.topic} has no value"
        return round(self.value)


def _clean(value: Any) -> Any:  # a cell of a records dict: any type, None for NaN/NaT
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NaT:
        return None
    return value


def _as_date(value: object) -> str | None:
    value = _clean(value)
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)[:10]


class PlanTargets:
    """The hotline rows of `targets`, by topic."""

    def __init__(self, rows: pd.DataFrame):
        self.rows = rows if rows is not None else pd.DataFrame()
        self._by_topic: dict[str, Target] = {}
        if not self.rows.empty and "topic" in self.rows:
            for r in self.rows.to_dict("records"):
                topic = _clean(r.get("topic"))
                if not topic or not str(topic).startswith("hotline.") or topic in self._by_topic:
                    continue
                value = _clean(r.get("value"))
                months = _clean(r.get("months"))
                self._by_topic[topic] = Target(
                    topic=topic, subject=str(r.get("subject") or ""),
                    value=None if value is None else float(value),
                    unit=_clean(r.get("unit")), comparator=_clean(r.get("comparator")),
                    deadline=_as_date(r.get("deadline")), deadline_text=_clean(r.get("deadline_text")),
                    responsible=_clean(r.get("responsible")), quote=str(r.get("quote") or ""),
                    doc_id=str(r.get("doc_id") or ""), line=int(r.get("line") or 0),
                    months=None if months is None else int(months), target_id=_clean(r.get("target_id")))

    def get(self, topic: str) -> Target | None:
        return self._by_topic.get(topic)

    def __contains__(self, topic: str) -> bool:
        return topic in self._by_topic

    @property
    def missing(self) -> list[str]:
        """Required topics with no usable row (a numeric target without a value counts as missing)."""
        out = []
        for topic in REQUIRED:
            t = self.get(topic)
            numeric = not topic.startswith(CLEAR_PREFIX)
            if t is None or (numeric and t.value is None) or (topic == SUMMONS and t.months is None):
                out.append(topic)
        return out

    def all(self) -> list[Target]:
        order = {t: i for i, t in enumerate(REQUIRED)}
        return sorted(self._by_topic.values(), key=lambda t: (order.get(t.topic, 99), t.topic))

    def clear_targets(self) -> list[Target]:
        return [t for t in self.all() if t.topic.startswith(CLEAR_PREFIX)]


def meets(value: float | None, comparator: str | None, threshold: float | None) -> bool | None:
    """value <comparator> threshold; None when either side is unknown."""
    if value is None or threshold is None or comparator is None or (isinstance(value, float) and math.isnan(value)):
        return None
    comparator = comparator.replace("≥", ">=").replace("≤", "<=").replace("＞", ">").replace("＜", "<").strip()
    ops = {">=": value >= threshold, ">": value > threshold, "<=": value <= threshold,
           "<": value < threshold, "=": value == threshold, "==": value == threshold}
    return ops.get(comparator)


def comparator_text(comparator: str | None) -> str:
    return {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "=", "清零": "清零"}.get(comparator or "", comparator or "")
