"""The 镇街筛选 list: towns the editions shown have figures for come first (store.curated.towns_with_figures,
ui.filters.ordered_towns). Expected towns come from the built tables, never from the bulletins' text."""
from __future__ import annotations

import duckdb

from store import curated
from store import editions as ed
from tests.conftest import open_app
from ui.filters import ALL_TOWNS, TOWN_KEY, ordered_towns


def test_towns_with_figures_lead_and_none_is_dropped():
    assert ordered_towns(["甲镇", "乙镇", "丙镇", "丁镇"], ["丙镇", "甲镇"]) == [ALL_TOWNS, "甲镇", "丙镇", "乙镇", "丁镇"]
    assert ordered_towns(["甲镇", "乙镇"], []) == [ALL_TOWNS, "甲镇", "乙镇"]


def town_rows(db, bulletins: tuple[str, ...]) -> dict[str, set[str]]:
    """district -> towns named by a road, quota or project row of `bulletins`."""
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("""
            SELECT d.district, x.town_name FROM (SELECT doc_id, town_name FROM road_towns
                                                 UNION SELECT doc_id, town_name FROM insurance_quota
                                                 UNION SELECT doc_id, town_name FROM fund_projects) x
            JOIN documents d USING (doc_id)
            WHERE list_contains(?, d.bulletin) AND x.town_name IS NOT NULL""", [list(bulletins)]).fetchall()
    named: dict[str, set[str]] = {}
    for district, town in rows:
        named.setdefault(district, set()).add(town)
    return named


def test_the_default_list_starts_with_the_towns_the_pages_show(database):
    scope = ed.scope(ed.editions())
    named = town_rows(database, scope)
    districts_in_scope = set(ed.editions().set_index("bulletin_id").loc[list(scope)].district)
    assert named and districts_in_scope - set(named), "the real corpus: one district's plans name no town"
    with_figures = curated.towns_with_figures(scope)
    assert set().union(*named.values()) <= set(with_figures)
    towns = curated.towns()
    silent = set(towns[towns.district.isin(districts_in_scope - set(named))].town_name)
    assert silent and not silent & set(with_figures)

    at = open_app()
    options = at.sidebar.selectbox(key=TOWN_KEY).options
    assert options[0] == ALL_TOWNS
    assert set(options[1:1 + len(with_figures)]) == set(with_figures)
    assert len(options) == 1 + len(towns)          # every town can still be chosen
    assert silent <= set(options)
