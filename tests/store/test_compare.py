"""Changes between editions (store/compare.py, pages/changes.py) on two gazette editions: the real
issue and a next issue made from it by declared edits (tests/fixtures/editions.py). Every expected
value comes from the database or from the Edits record, never from the bulletin's text."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from store import compare
from tests.conftest import build_two_editions, bulletin_id, open_app, scalar, served
from tests.fixtures.editions import AMOUNT_DELTA, NEW_VILLAGE, QUOTA_DELTA


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    folder = tmp_path_factory.mktemp("compare")
    out, raw, added, edits = build_two_editions(folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GAZETTE_RAW", str(raw))   # the app must not rebuild from the repository's raw folder
        for _ in served(out):
            yield bulletin_id("jiyang"), added, edits, out


def old_amount(db: Path, source: str, old: str):
    with duckdb.connect(str(db), read_only=True) as con:
        return scalar(con, """SELECT s.amount_wan FROM fund_by_source s JOIN documents d USING (doc_id)
                              WHERE d.bulletin = ? AND s.source_name = ?""", [old, source])


def cites_both(row, old: str, new: str) -> bool:
    return (row.old_doc_id.startswith(old + "-") and row.new_doc_id.startswith(new + "-")
            and row.old_line > 0 and row.new_line > 0)


def test_the_central_fund_rises_by_the_declared_amount_and_other_sources_do_not_move(pair):
    old, new, _edits, db = pair
    frame = compare.fund_sources(old, new).set_index("source_name")
    central = frame.loc["中央资金"]
    assert central.difference == AMOUNT_DELTA and central.direction == "up"
    assert central.new_value == float(old_amount(db, "中央资金", old) + AMOUNT_DELTA)
    others = frame.drop(index="中央资金")
    assert len(others) >= 1 and (others.difference == 0).all() and (others.direction == "same").all()
    assert all(cites_both(row, old, new) for row in frame.itertuples())


def test_every_listing_of_the_central_fund_moves_by_the_declared_amount(pair):
    old, new, _edits, _db = pair
    frame = compare.fund_allocations(old, new)
    central = frame[frame.source_name == "中央资金"]
    assert len(central) >= 1 and (central.difference == float(AMOUNT_DELTA)).all()
    assert (frame[frame.source_name != "中央资金"].difference == 0).all()
    # the sectors and the printed totals were not edited
    assert (compare.fund_sectors(old, new).difference == 0).all()
    assert (compare.fund_totals(old, new).direction == "same").all()


def test_the_added_village_is_the_new_one_in_its_town(pair):
    old, new, edits, _db = pair
    frame = compare.villages(old, new)
    added = frame[frame.direction == "added"]
    assert list(zip(added.town_name, added.village_name)) == [(edits.village_town, NEW_VILLAGE)]
    assert added.old_doc_id.isna().all() and added.new_doc_id.iloc[0].startswith(new + "-")
    assert (frame.direction != "removed").all()
    kept = frame[frame.direction == "same"]
    assert all(cites_both(row, old, new) for row in kept.head(20).itertuples())
    counts = compare.road_towns(old, new).set_index("town_name")
    assert counts.loc[edits.village_town, "difference"] == 1
    assert (counts.drop(index=edits.village_town).difference == 0).all()


def test_the_quota_changes_for_the_edited_town_only(pair):
    old, new, edits, _db = pair
    frame = compare.quotas(old, new).set_index("town_name")
    assert frame.loc[edits.quota_town, "difference"] == QUOTA_DELTA
    assert frame.loc[edits.quota_town, "direction"] == "up"
    assert (frame.drop(index=edits.quota_town).difference == 0).all()
    assert all(cites_both(row, old, new) for row in frame.itertuples())
    generic = compare.town_tables(old, new)
    assert generic[generic.town_name == edits.quota_town].difference.tolist() == [QUOTA_DELTA]


def test_the_removed_documents_roster_is_removed_and_no_one_else_changed(pair):
    old, new, edits, db = pair
    frame = compare.rosters(old, new)
    with duckdb.connect(str(db), read_only=True) as con:
        removed_doc = con.execute("""SELECT doc_id FROM documents WHERE bulletin = ? AND starts_with(title, ?)""",
                                  [old, edits.removed_title_line.replace(" ", "")]).fetchone()[0]
        members = con.execute("SELECT count(*) FROM rosters WHERE doc_id = ?", [removed_doc]).fetchone()[0]
    removed = frame[frame.direction == "removed"]
    assert set(removed.old_doc_id) <= {removed_doc} and len(removed) == members
    assert set(frame.direction) <= {"same", "removed"}


def test_targets_were_not_edited_so_none_is_moved(pair):
    old, new, _edits, _db = pair
    frame = compare.target_changes(old, new)
    assert len(frame) > 0
    assert set(frame.direction) <= {"same", "dropped"}


def test_a_pair_must_be_two_editions_of_one_district_and_kind(pair):
    from store import editions as ed

    old, new, _edits, _db = pair
    frame = ed.editions()
    assert compare.default_pair(frame, "济阳区", "gazette") == (old, new)
    assert compare.valid_pair(frame, old, new)
    assert not compare.valid_pair(frame, new, new)
    assert not compare.valid_pair(frame, old, bulletin_id("zhangqiu"))
    assert compare.default_pair(frame, "章丘区", "compendium") is None


def test_changes_page_shows_the_changed_figures_with_both_editions(pair):
    old, new, edits, _db = pair
    at = open_app("pages/changes.py")
    assert at.session_state["older"] == old and at.session_state["newer"] == new
    assert (at.query_params.get("older"), at.query_params.get("newer")) == (old, new), "the pair is in the link"
    deltas = {m.label: m.delta for m in at.metric}
    assert any("中央资金" in label and f"{float(AMOUNT_DELTA):,.2f}" in str(delta) for label, delta in deltas.items()), deltas
    assert any(edits.quota_town in label and f"{QUOTA_DELTA:,}" in str(delta) for label, delta in deltas.items()), deltas
    shown = " ".join(str(frame.value.to_csv()) for frame in at.dataframe)
    assert NEW_VILLAGE in shown
    # every compared figure is cited to both editions (citations name the bulletin)
    from store import curated

    titles = curated.bulletin_titles()
    captions = " ".join(c.value for c in at.caption)
    assert titles[old] in captions and titles[new] in captions


@pytest.fixture
def made_up(tmp_path):
    """Two made-up editions whose targets and rosters differ in every way the page names."""
    path = tmp_path / "made_up.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE documents (doc_id VARCHAR, bulletin VARCHAR, title VARCHAR)")
        con.execute("INSERT INTO documents VALUES ('a-01', 'a', '关于2020年度工作的通知'), ('b-01', 'b', '关于2021年度工作的通知')")
        con.execute("""CREATE TABLE targets (doc_id VARCHAR, line INTEGER, subject VARCHAR, unit VARCHAR, value DOUBLE,
                       deadline DATE, deadline_text VARCHAR, comparator VARCHAR, statement VARCHAR, quote VARCHAR)""")
        con.execute("""INSERT INTO targets VALUES
            ('a-01', 10, '甲指标', '个', 10, '2020-12-31', NULL, '>=', 'commitment', NULL),
            ('b-01', 11, '甲指标', '个', 10, '2021-06-30', NULL, '>=', 'commitment', NULL),  -- deadline moved
            ('a-01', 12, '乙指标', '%', 90, NULL, NULL, '>=', 'commitment', NULL),
            ('b-01', 13, '乙指标', '%', 92, NULL, NULL, NULL, 'reported', NULL),               -- reported past it
            ('a-01', 14, '丙指标', '家', 3, NULL, NULL, '=', 'commitment', NULL),               -- gone
            ('b-01', 15, '丁指标', '家', 4, NULL, NULL, '=', 'commitment', NULL),               -- new
            ('a-01', 16, '戊指标', '万亩', 5, NULL, NULL, '>=', 'commitment', NULL),
            ('b-01', 16, '戊指标', '万亩', 5, NULL, NULL, '>=', 'commitment', NULL)""")
        con.execute("""CREATE TABLE rosters (doc_id VARCHAR, line INTEGER, group_name VARCHAR, subgroup VARCHAR,
                       person_name VARCHAR, role VARCHAR, position VARCHAR)""")
        con.execute("""INSERT INTO rosters VALUES
            ('a-01', 1, '某领导小组', NULL, '张三', '组长', '区长'), ('b-01', 1, '某领导小组', NULL, '张三', '组长', '区长'),
            ('a-01', 2, '某领导小组', NULL, '李四', '成员', '局长'), ('b-01', 2, '某领导小组', NULL, '李四', '副组长', '局长'),
            ('a-01', 3, '某领导小组', NULL, '王五', '成员', '主任'), ('b-01', 3, '某领导小组', NULL, '赵六', '成员', '主任')""")
    yield from served(path)


def test_targets_met_moved_dropped_and_added_are_told_apart(made_up):
    frame = compare.target_changes("a", "b").set_index("subject")
    assert frame.direction.to_dict() == {"甲指标": "moved", "乙指标": "met", "丙指标": "dropped", "丁指标": "added",
                                         "戊指标": "same"}
    moved = frame.loc["甲指标"]
    assert (moved.old_doc_id, moved.old_line, moved.new_doc_id, moved.new_line) == ("a-01", 10, "b-01", 11)


def test_roster_people_added_removed_and_changed_role(made_up):
    frame = compare.rosters("a", "b").set_index("person_name")
    assert frame.direction.to_dict() == {"张三": "same", "李四": "changed", "王五": "removed", "赵六": "added"}
    assert (frame.loc["李四", "old_role"], frame.loc["李四", "new_role"]) == ("成员", "副组长")
