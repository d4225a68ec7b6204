"""The 约谈 rule on hand-made sequences: bottom N of a peer group on one indicator for M
consecutive months. N and M are arguments (the page reads them from targets)."""
from __future__ import annotations

import pandas as pd

from hotline.summons import bottom_positions, summons

TOWNS = ["甲街道", "乙街道", "丙街道", "丁街道", "戊街道", "己街道"]


def month_rows(month: str, values: dict[str, float | None], group: str = "镇街", cut: str = "月末",
               indicator: str = "satisfaction_pct") -> list[dict]:
    other = "resolution_pct" if indicator == "satisfaction_pct" else "satisfaction_pct"
    return [{"unit": u, "peer_group": group, "month": month, "cut": cut, indicator: v, other: 90.0}
            for u, v in values.items()]


def frame(*parts: list[dict]) -> pd.DataFrame:
    return pd.DataFrame([r for p in parts for r in p])


def summoned(result) -> set[tuple[str, str]]:
    return {(r.unit, r.indicator) for r in result.summons.itertuples()}


def ranked(values: list[float]) -> dict[str, float]:
    return dict(zip(TOWNS, values))


def test_two_consecutive_months_in_the_bottom_three_is_a_summons():
    data = frame(month_rows("2025-07", ranked([80, 81, 82, 90, 91, 92])),
                 month_rows("2025-08", ranked([79, 95, 83, 84, 91, 92])))
    result = summons(data, 3, 2)
    assert summoned(result) == {("甲街道", "满意率"), ("丙街道", "满意率")}
    row = result.summons.set_index("unit").loc["甲街道"]
    assert (row.first_month, row.last_month, row.months) == ("2025-07", "2025-08", 2)
    assert "2025年7月 80%（倒数第1/6）" in row.detail
    # 乙 was bottom in July only and is not in the bottom in the latest month: neither list
    assert "乙街道" not in set(result.watch.unit)
    # 丁 entered the bottom three in August: a warning, not yet a summons
    assert set(result.watch.unit) == {"丁街道"}


def test_months_and_places_come_from_the_arguments():
    data = frame(month_rows("2025-07", ranked([80, 81, 82, 90, 91, 92])),
                 month_rows("2025-08", ranked([79, 95, 83, 84, 91, 92])))
    assert summoned(summons(data, 1, 2)) == {("甲街道", "满意率")}
    assert summoned(summons(data, 3, 3)) == set()


def test_ties_share_the_better_place_as_in_a_published_ranking():
    tied = ranked([80, 81, 85, 85, 91, 92])  # places from the top: 92 1st, 91 2nd, 85 3rd=3rd, 81 5th, 80 6th
    data = frame(month_rows("2025-07", tied), month_rows("2025-08", tied))
    positions, notes = bottom_positions(data, 3)
    july = positions[(positions.month == "2025-07") & (positions.indicator == "满意率")].set_index("unit")
    assert july.bottom_pos.to_dict() == {"甲街道": 1, "乙街道": 2, "丙街道": 4, "丁街道": 4, "戊街道": 5, "己街道": 6}
    assert summoned(summons(data, 3, 2)) == {("甲街道", "满意率"), ("乙街道", "满意率")}
    assert any("并列" in n and "后3位只有2个单位" in n for n in notes)


def test_a_tie_inside_the_bottom_keeps_both_units():
    tied = ranked([80, 80, 85, 90, 91, 92])  # the two lowest share 5th place
    data = frame(month_rows("2025-07", tied), month_rows("2025-08", tied))
    assert summoned(summons(data, 3, 2)) == {(u, "满意率") for u in ["甲街道", "乙街道", "丙街道"]}


def test_everyone_equal_means_no_bottom():
    same = ranked([90, 90, 90, 90, 90, 90])
    assert summons(frame(month_rows("2025-07", same), month_rows("2025-08", same)), 3, 2).summons.empty


def test_a_missing_month_breaks_the_run():
    data = frame(month_rows("2025-06", ranked([80, 81, 82, 90, 91, 92])),
                 month_rows("2025-08", ranked([80, 81, 82, 90, 91, 92])))  # July never imported
    result = summons(data, 3, 2)
    assert summoned(result) == set()
    assert any("2025年7月没有数据" in n for n in result.notes)
    assert set(result.watch.unit) == {"甲街道", "乙街道", "丙街道"}


def test_a_unit_missing_one_month_is_not_consecutive():
    july = ranked([80, 81, 82, 90, 91, 92])
    aug = {u: v for u, v in ranked([80, 81, 82, 90, 91, 92]).items() if u != "甲街道"} | {"庚街道": 70}
    sept = ranked([80, 95, 96, 90, 91, 92]) | {"庚街道": 71}
    result = summons(frame(month_rows("2025-07", july), month_rows("2025-08", aug), month_rows("2025-09", sept)), 3, 2)
    assert ("甲街道", "满意率") not in summoned(result)  # July and September, not August


def test_a_unit_added_mid_year_counts_from_its_first_month():
    july = ranked([80, 81, 82, 90, 91, 92])
    aug = ranked([83, 84, 85, 90, 91, 92]) | {"新街道": 70}
    sept = ranked([83, 84, 85, 90, 91, 92]) | {"新街道": 71}
    result = summons(frame(month_rows("2025-07", july), month_rows("2025-08", aug), month_rows("2025-09", sept)), 3, 2)
    new = result.summons[result.summons.unit == "新街道"].iloc[0]
    assert (new.first_month, new.last_month, new.months) == ("2025-08", "2025-09", 2)
    # July's ranking did not include the new unit: 丙 was third lowest of six then
    positions, _ = bottom_positions(frame(month_rows("2025-07", july)), 3)
    july_sat = positions[positions.indicator == "满意率"].set_index("unit")
    assert july_sat.loc["丙街道", "group_size"] == 6 and "新街道" not in july_sat.index


def both(month: str, satisfaction: list[float], resolution: list[float]) -> list[dict]:
    return [{"unit": u, "peer_group": "镇街", "month": month, "cut": "月末", "satisfaction_pct": s, "resolution_pct": r}
            for u, s, r in zip(TOWNS, satisfaction, resolution)]


def test_bottom_on_different_indicators_in_consecutive_months_is_only_a_warning():
    july = both("2025-07", [80, 90, 91, 92, 93, 94], [99, 90, 91, 92, 93, 94])  # 甲 last on 满意率 only
    aug = both("2025-08", [99, 90, 91, 92, 93, 94], [80, 90, 91, 92, 93, 94])   # 甲 last on 解决率 only
    result = summons(frame(july, aug), 3, 2)
    assert not {("甲街道", "满意率"), ("甲街道", "解决率")} & summoned(result)
    assert ("甲街道", "解决率") in {(r.unit, r.indicator) for r in result.watch.itertuples()}
    # 乙 and 丙 are in the bottom three on 满意率 in both months: that is a summons
    assert {("乙街道", "满意率"), ("丙街道", "满意率")} <= summoned(result)


def test_peer_groups_are_ranked_separately():
    towns = month_rows("2025-07", ranked([80, 81, 82, 90, 91, 92]))
    depts = month_rows("2025-07", {"区甲局": 99.0, "区乙局": 98.5, "区丙局": 98.0, "区丁局": 97.0}, group="部门")
    towns8 = month_rows("2025-08", ranked([80, 81, 82, 90, 91, 92]))
    depts8 = month_rows("2025-08", {"区甲局": 99.0, "区乙局": 98.5, "区丙局": 98.0, "区丁局": 97.0}, group="部门")
    result = summons(frame(towns, depts, towns8, depts8), 3, 2)
    # departments score far above every town, yet their own bottom three are summoned
    assert {u for u, _ in summoned(result)} == {"甲街道", "乙街道", "丙街道", "区乙局", "区丙局", "区丁局"}


def test_a_group_of_n_or_fewer_units_ranks_nobody():
    small = {"区甲局": 70.0, "区乙局": 80.0, "区丙局": 90.0}
    result = summons(frame(month_rows("2025-07", small, group="部门"), month_rows("2025-08", small, group="部门")), 3, 2)
    assert result.summons.empty
    assert any("不超过3个单位" in n for n in result.notes)


def test_only_one_cut_is_ranked():
    mid = month_rows("2025-08", ranked([99, 99, 99, 10, 10, 10]), cut="月中")
    data = frame(month_rows("2025-07", ranked([80, 81, 82, 90, 91, 92])),
                 month_rows("2025-08", ranked([80, 81, 82, 90, 91, 92])), mid)
    assert {u for u, _ in summoned(summons(data, 3, 2))} == {"甲街道", "乙街道", "丙街道"}
    assert {u for u, _ in summoned(summons(data, 3, 2, cut="月中"))} == set()


def test_blank_value_is_not_ranked_and_breaks_the_run():
    july = ranked([80, 81, 82, 90, 91, 92])
    aug = ranked([None, 81, 82, 90, 91, 92])
    result = summons(frame(month_rows("2025-07", july), month_rows("2025-08", aug)), 3, 2)
    assert ("甲街道", "满意率") not in summoned(result)
    assert ("丁街道", "满意率") not in summoned(result)  # 丁 is third lowest of five in August only


def test_no_data_gives_empty_lists():
    result = summons(pd.DataFrame(columns=["unit", "peer_group", "month", "cut", "satisfaction_pct", "resolution_pct"]),
                     3, 2)
    assert result.summons.empty and result.watch.empty and result.positions.empty
