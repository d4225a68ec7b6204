"""Two editions of one gazette side by side: the real 2020 issue and a next issue made from it by
declared edits (tests/fixtures/editions.py), registered with loaders.add and built together with
the 章丘 compendium. Every expected value is the first edition's value plus the declared edit."""
from __future__ import annotations

import re

import duckdb
import pytest

from tests.conftest import build_two_editions, bulletin_id
from tests.fixtures.editions import AMOUNT_DELTA, NEW_VILLAGE, QUOTA_DELTA


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    folder = tmp_path_factory.mktemp("editions")
    out, _raw, added, edits = build_two_editions(folder)
    con = duckdb.connect(str(out), read_only=True)
    yield con, bulletin_id("jiyang"), added, edits
    con.close()


def side_by_side(con, sql: str, old: str, new: str) -> dict:
    """{key: (value in the old edition, value in the new)} of a query returning (bulletin, key, value)."""
    rows = con.execute(sql).fetchall()
    keys = {k for _b, k, _v in rows}
    by = {(b, k): v for b, k, v in rows}
    return {k: (by.get((old, k)), by.get((new, k))) for k in keys}


def test_the_new_issue_is_registered_with_the_edition_its_masthead_prints(editions):
    con, old, new, edits = editions
    rows = {b: (y, i, k) for b, y, i, k in con.execute(
        "SELECT bulletin_id, year, issue, kind FROM bulletins").fetchall()}
    assert rows[new] == (edits.year, 1, "gazette")
    assert rows[old][0] == edits.year - 1
    assert new != old and new.endswith(f"{edits.year}-01")


def test_one_document_fewer_and_every_doc_no_moved_to_the_next_year(editions):
    con, old, new, edits = editions
    docs = {b: con.execute("SELECT doc_no, title FROM documents WHERE bulletin = ? ORDER BY seq", [b]).fetchall()
            for b in (old, new)}
    assert len(docs[new]) == len(docs[old]) - 1
    removed = [t for _no, t in docs[old] if t.startswith(edits.removed_title_line.replace(" ", ""))]
    assert len(removed) == 1 and removed[0] not in {t for _no, t in docs[new]}

    def moved(doc_no: str) -> str:
        return re.sub(r"〔(\d{4})〕(\d+)号", lambda m: f"〔{int(m[1]) + 1}〕{int(m[2]) + 1}号", doc_no)
    assert [no for no, _t in docs[new]] == [moved(no) for no, _t in docs[old][:-1]]


def test_fund_sources_side_by_side_show_the_changed_amount_only(editions):
    con, old, new, _edits = editions
    pairs = side_by_side(con, """SELECT d.bulletin, f.source_name, f.amount_wan FROM fund_by_source f
                                 JOIN documents d USING (doc_id)""", old, new)
    changed = {k: v for k, v in pairs.items() if v[0] != v[1]}
    assert list(changed) == ["中央资金"]
    assert changed["中央资金"][1] - changed["中央资金"][0] == AMOUNT_DELTA
    # the stated total was not changed with it: the new edition's total check is flagged, the old one not
    flagged = dict(con.execute("""SELECT d.bulletin, bool_or(q.severity = 'warn') FROM data_quality q
                                  JOIN documents d USING (doc_id) WHERE q.check_id LIKE '%funds.source_total'
                                  GROUP BY ALL""").fetchall())
    assert flagged == {old: False, new: True}


def test_insurance_quota_changes_for_one_town(editions):
    con, old, new, edits = editions
    pairs = side_by_side(con, """SELECT d.bulletin, q.town_name, q.quota_persons FROM insurance_quota q
                                 JOIN documents d USING (doc_id)""", old, new)
    changed = {k: v for k, v in pairs.items() if v[0] != v[1]}
    assert list(changed) == [edits.quota_town]
    assert changed[edits.quota_town][1] - changed[edits.quota_town][0] == QUOTA_DELTA


def test_one_village_added_in_one_town(editions):
    con, old, new, edits = editions
    villages = {b: set(con.execute("""SELECT r.town_name, r.village_name FROM road_villages r
                                      JOIN documents d USING (doc_id) WHERE d.bulletin = ?""", [b]).fetchall())
                for b in (old, new)}
    assert villages[new] - villages[old] == {(edits.village_town, NEW_VILLAGE)}
    assert villages[old] <= villages[new]
    counts = side_by_side(con, """SELECT d.bulletin, t.town_name, t.stated_count FROM road_towns t
                                  JOIN documents d USING (doc_id)""", old, new)
    assert counts[edits.village_town][1] == counts[edits.village_town][0] + 1


def test_every_key_stays_unique_across_editions(editions):
    con, *_ = editions
    for table, key in (("documents", "doc_id"), ("data_quality", "check_id"), ("targets", "target_id"),
                       ("search_passages", "passage_id")):
        assert con.execute(f"SELECT count(*) = count(DISTINCT {key}) FROM {table}").fetchone()[0], table


def test_the_compendium_is_unaffected_by_a_second_gazette(editions, tables):
    con, *_ = editions
    assert con.execute("SELECT count(*) FROM campaign_tasks").fetchone()[0] == len(tables["campaign_tasks"])
