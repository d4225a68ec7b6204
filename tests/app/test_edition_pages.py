"""AppTest: with two editions of the gazette loaded, every core page shows the chosen edition's
figures (by default the latest), its headings name that edition's plan, and a page whose table the
chosen scope lacks says so in one line with links to the editions that have it. Expected values are
read from the built database or from the first edition plus the declared edits (tests/fixtures/editions.py)."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import build_two_editions, bulletin_id, metric, open_app, served
from tests.fixtures.editions import AMOUNT_DELTA, NEW_VILLAGE, QUOTA_DELTA


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory):
    """(database, old bulletin id, new bulletin id, edits), served to the app for this module."""

    folder = tmp_path_factory.mktemp("two-editions")
    path, _raw, new, edits = build_two_editions(folder)
    for _ in served(path):
        yield path, bulletin_id("jiyang"), new, edits


def read(path: Path, sql: str, params: list | None = None):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def of_bulletin(path: Path, table: str, column: str, bulletin: str, where: str = "TRUE") -> list:
    return [r[0] for r in read(path, f"""SELECT x.{column} FROM {table} x JOIN documents d USING (doc_id)
                                         WHERE d.bulletin = ? AND {where}""", [bulletin])]


def app(page: str | None = None, **params: str) -> AppTest:
    return open_app(page, query=params)


def test_overview_shows_one_edition_at_a_time(two_editions):
    path, old, new, _edits = two_editions
    for edition, chosen in ((None, new), (old, old)):
        at = app(**({"edition": edition} if edition else {}))
        villages = sum(of_bulletin(path, "road_towns", "listed_count", chosen))
        quota = sum(of_bulletin(path, "insurance_quota", "quota_persons", chosen))
        (year,) = set(of_bulletin(path, "insurance_quota", "year", chosen))
        assert metric(at, "待硬化道路的村") == f"{villages:,} 个"
        assert metric(at, f"{year} 年医保征缴任务") == f"{quota:,}"
        (edition_year,) = [r[0] for r in read(path, "SELECT year FROM bulletins WHERE bulletin_id = ?", [chosen])]
        assert f"{edition_year}年" in at.markdown[0].value, "the intro names the edition shown"
    old_villages = sum(of_bulletin(path, "road_towns", "listed_count", old))
    assert metric(app(), "待硬化道路的村") == f"{old_villages + 1:,} 个", "the latest issue added one village"


def test_funds_follow_the_edition_and_name_the_plan_year(two_editions):
    path, old, new, _edits = two_editions
    central = {b: of_bulletin(path, "fund_by_source", "amount_wan", b, "x.source_name = '中央资金'")[0]
               for b in (old, new)}
    assert central[new] - central[old] == AMOUNT_DELTA
    ((title, plan_projects),) = read(path, """SELECT d.title, count(*) FROM fund_projects p JOIN documents d USING (doc_id)
                                             WHERE d.bulletin = ? GROUP BY d.title""", [old])
    plan_year = int(next(part for part in title.split("年度")[0][-4:].split() if part.isdigit()))
    for edition, bulletin in ((None, new), (old, old)):
        at = app("pages/funds.py", **({"edition": edition} if edition else {}))
        sources = next(df.value for df in at.dataframe if "来源" in df.value.columns)
        assert float(sources.set_index("来源").loc["中央资金", "金额（万元）"]) == float(central[bulletin])
        intro = at.markdown[0].value
        assert f"{plan_year} 年度" in intro and f"{plan_projects} 个重点项目" in intro
        assert any(m.label == f"比 {plan_year - 1} 年" for m in at.metric)


def test_roads_list_the_added_village_only_in_the_new_edition(two_editions):
    _path, old, _new, edits = two_editions
    for edition, listed in ((None, True), (old, False)):
        at = app("pages/roads.py", town=edits.village_town, **({"edition": edition} if edition else {}))
        shown = next(df.value for df in at.dataframe if "村名" in df.value.columns)
        assert (NEW_VILLAGE in set(shown["村名"])) is listed


def test_insurance_quota_of_the_edited_town_follows_the_edition(two_editions):
    path, old, new, edits = two_editions
    quota = {b: of_bulletin(path, "insurance_quota", "quota_persons", b, f"x.town_name = '{edits.quota_town}'")[0]
             for b in (old, new)}
    assert quota[new] == quota[old] + QUOTA_DELTA
    for edition, bulletin in ((None, new), (old, old)):
        at = app("pages/insurance.py", town=edits.quota_town, **({"edition": edition} if edition else {}))
        assert metric(at, f"{edits.quota_town}征缴任务") == f"{quota[bulletin]:,} 人"


def test_a_district_without_road_villages_says_so_in_one_line_with_links(two_editions):
    path, old, new, _edits = two_editions
    (district,) = [r[0] for r in read(path, """SELECT DISTINCT district FROM bulletins WHERE bulletin_id NOT IN
                                                  (SELECT d.bulletin FROM road_towns JOIN documents d USING (doc_id))""")]
    at = app("pages/roads.py", district=district)
    (notice,) = at.info
    assert "\n" not in notice.value.strip()
    for bulletin in (old, new):
        assert f"/roads?edition={bulletin}" in notice.value
    assert not at.dataframe, "no table of another district's roads"


def test_town_profile_shows_the_chosen_editions_quota(two_editions):
    path, old, new, edits = two_editions
    (year,) = set(of_bulletin(path, "insurance_quota", "year", new))
    for edition, bulletin in ((None, new), (old, old)):
        (quota,) = of_bulletin(path, "insurance_quota", "quota_persons", bulletin, f"x.town_name = '{edits.quota_town}'")
        at = app("pages/towns.py", town=edits.quota_town, **({"edition": edition} if edition else {}))
        assert metric(at, f"{year} 年医保征缴任务") == f"{quota:,} 人"


def test_campaign_page_counts_the_plans_in_scope_and_says_when_a_district_has_none(two_editions):
    path, *_ = two_editions
    ((plans, district),) = read(path, """SELECT count(*), min(d.district) FROM campaign_plans c
                                         JOIN documents d USING (doc_id)""")
    at = app("pages/campaigns.py")
    assert f"{plans} 个专项整治（行动）方案" in at.markdown[0].value
    assert metric(at, "专项整治方案") == f"{plans} 个"
    (other,) = [r[0] for r in read(path, "SELECT DISTINCT district FROM bulletins WHERE district <> ?", [district])]
    at = app("pages/campaigns.py", district=other)
    (notice,) = at.info
    (compendium,) = [r[0] for r in read(path, "SELECT DISTINCT d.bulletin FROM campaign_plans JOIN documents d USING (doc_id)")]
    assert f"/campaigns?edition={compendium}" in notice.value
