"""Hand-made `targets` rows in the curated contract's shape, for hotline tests.

The numbers here are test inputs (the plan's own values, as a reader can check them in
the 12345 plan); the code under test must read whatever these rows say.
"""
from __future__ import annotations

import pandas as pd

from tests.snapshots import doc_id

DOC = doc_id("市民服务热线")


def row(topic: str, value, unit=None, comparator=None, deadline=None, deadline_text=None, months=None,
        subject="", line=9) -> dict:
    return {"target_id": f"{DOC}#{topic}", "doc_id": DOC, "district": "章丘区", "subject": subject or topic,
            "value": value, "unit": unit, "comparator": comparator,
            "deadline": pd.Timestamp(deadline) if deadline else pd.NaT, "deadline_text": deadline_text,
            "responsible": "区政府办公室", "topic": topic, "quote": f"原文：{topic}", "line": line, "months": months}


def plan_rows(**overrides) -> pd.DataFrame:
    rows = {
        "hotline.city_rank_exit_bottom3": row("hotline.city_rank_exit_bottom3", 3, "名", "退出后N位", "2025-09-30", "9月底前"),
        "hotline.city_rank_exit_bottom5": row("hotline.city_rank_exit_bottom5", 5, "名", "退出后N位", "2025-12-31", "年底"),
        "hotline.monthly_resolution": row("hotline.monthly_resolution", 20, "%", ">=", None, "当月", line=19),
        "hotline.yearly_resolution": row("hotline.yearly_resolution", 30, "%", ">=", "2025-12-31", "全年", line=19),
        "hotline.participation": row("hotline.participation", 60, "%", ">", line=19),
        "hotline.clear.resettlement_housing": row("hotline.clear.resettlement_housing", 0, None, "清零", "2025-09-30",
                                                  "9月底前", line=27),
        "hotline.clear.street_vending": row("hotline.clear.street_vending", 0, None, "清零", "2025-09-15", "9月中旬前",
                                            line=31),
        "hotline.clear.water_supply": row("hotline.clear.water_supply", 0, None, "清零", "2025-09-30", "9月底前", line=35),
        "hotline.summons": row("hotline.summons", 3, "名", "后N位", months=2, line=55),
    }
    for topic, values in overrides.items():
        topic = topic.replace("__", ".")
        if values is None:
            rows.pop(topic)
        else:
            rows[topic] = rows[topic] | values
    return pd.DataFrame(list(rows.values()))
