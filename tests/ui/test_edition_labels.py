"""The edition selector's labels (ui.filters.edition_labels): every option reads differently, even
when two bulletins share district, year and kind (the synthetic corpus has ten 章丘区 2034 compendia)."""
from __future__ import annotations

import pandas as pd

from ui.filters import edition_labels

COLUMNS = ["bulletin_id", "kind", "district", "year", "issue", "edition", "published", "title"]


def frame(*rows) -> pd.DataFrame:
    return pd.DataFrame([dict(zip(COLUMNS, row)) for row in rows], columns=COLUMNS)


GAZETTES = (("jy-2020-04", "gazette", "济阳区", 2020, 4, None, "2020-12-31", "济阳区人民政府公报 2020年第4期"),
            ("jy-2021-01", "gazette", "济阳区", 2021, 1, None, "2021-03-31", "济阳区人民政府公报 2021年第1期"))


def test_distinct_editions_keep_the_short_label():
    labels = edition_labels(frame(*GAZETTES), "zh")
    assert labels == {"jy-2020-04": "济阳区 · 2020年第4期 · 区政府公报", "jy-2021-01": "济阳区 · 2021年第1期 · 区政府公报"}
    assert edition_labels(frame(*GAZETTES), "en")["jy-2020-04"] == "济阳区 · 2020年第4期 · District gazette"


def test_same_year_compendia_are_told_apart_by_date_then_title_then_id():
    by_date = frame(("zq-a", "compendium", "章丘区", 2034, None, None, "2034-03-01", "章丘区方案汇编"),
                    ("zq-b", "compendium", "章丘区", 2034, None, None, "2034-09-01", "章丘区方案汇编"))
    assert edition_labels(by_date, "zh") == {"zq-a": "章丘区 · 2034年 · 方案汇编 · 2034-03-01",
                                             "zq-b": "章丘区 · 2034年 · 方案汇编 · 2034-09-01"}
    synthetic = frame(*[(f"zq-s{k}", "compendium", "章丘区", 2034, None, None, "2025", f"章丘区方案汇编（合成第 {k} 版）")
                        for k in (9, 19, 29)])
    labels = edition_labels(synthetic, "zh")
    assert labels["zq-s19"] == "章丘区 · 2034年 · 方案汇编 · …19 版）"
    assert len(set(labels.values())) == 3
    numbered = edition_labels(frame(("a", "compendium", "章丘区", 2034, None, None, None, "汇编第1批"),
                                    ("b", "compendium", "章丘区", 2034, None, None, None, "汇编第12批")), "zh")
    assert numbered == {"a": "章丘区 · 2034年 · 方案汇编 · …1批", "b": "章丘区 · 2034年 · 方案汇编 · …12批"}
    twins = frame(("zq-x", "compendium", "章丘区", 2034, None, None, None, "汇编"),
                  ("zq-y", "compendium", "章丘区", 2034, None, None, None, "汇编"))
    assert edition_labels(twins, "zh") == {"zq-x": "章丘区 · 2034年 · 方案汇编 · zq-x",
                                           "zq-y": "章丘区 · 2034年 · 方案汇编 · zq-y"}
    mixed = edition_labels(frame(*GAZETTES, *twins.itertuples(index=False)), "zh")
    assert mixed["jy-2020-04"] == "济阳区 · 2020年第4期 · 区政府公报"
