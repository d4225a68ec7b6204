"""Real published texts of other districts and counties (tests/fixtures/real/texts, kept verbatim
with their sources in SOURCES.md): added to the raw folder unregistered, beside the two real
bulletins, they build without breaking anything, and what each yields matches the facts a person
read off it (expected.json, written before any loader ran on them)."""
from __future__ import annotations

import hashlib
import json
import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from loaders.build import build
from loaders.documents import date_line
from loaders.text import compact
from tests.conftest import RAW, REFERENCE

TEXTS = Path(__file__).parents[1] / "fixtures" / "real" / "texts"
EXPECTED = {k: v for k, v in json.loads((TEXTS / "expected.json").read_text(encoding="utf-8")).items()
            if not k.startswith("_")}


@pytest.fixture(scope="module")
def built(tmp_path_factory, tables):
    folder = tmp_path_factory.mktemp("real")
    raw = folder / "raw"
    shutil.copytree(RAW, raw)
    for name in EXPECTED:
        shutil.copy(TEXTS / name, raw / name)
    out = folder / "gazette.duckdb"
    build(raw, out, REFERENCE)
    con = duckdb.connect(str(out), read_only=True)
    yield con
    con.close()


def doc_of(con, name: str) -> dict:
    rows = con.execute("""SELECT d.* FROM documents d JOIN bulletins b ON b.bulletin_id = d.bulletin
                          WHERE b.file = ?""", [name]).df()
    assert len(rows) == 1, f"{name}: one document expected, got {len(rows)}"
    return rows.iloc[0].to_dict()


def rows_of(con, table: str, name: str):
    return con.execute(f"""SELECT t.* FROM {table} t JOIN documents d USING (doc_id)
                           JOIN bulletins b ON b.bulletin_id = d.bulletin WHERE b.file = ?""", [name]).df()


def test_fixtures_are_the_files_their_sources_describe():
    for name, facts in EXPECTED.items():
        assert hashlib.sha256((TEXTS / name).read_bytes()).hexdigest() == facts["sha256"], name
        assert name in (TEXTS / "SOURCES.md").read_text(encoding="utf-8"), f"{name} has no source entry"


def test_the_real_bulletins_lose_nothing_beside_them(built, tables):
    for table in ("fund_by_source", "road_villages", "insurance_quota", "rosters", "campaign_tasks", "targets"):
        mine = built.execute(f"""SELECT count(*) FROM {table} t JOIN documents d USING (doc_id)
                                 JOIN bulletins b ON b.bulletin_id = d.bulletin WHERE b.declared""").fetchone()[0]
        assert mine == len(tables[table]), table


def test_every_text_is_one_readable_document_with_its_lines(built):
    for name in EXPECTED:
        doc = doc_of(built, name)
        lines = built.execute("SELECT count(*) FROM bulletin_lines WHERE bulletin = ?", [doc["bulletin"]]).fetchone()[0]
        assert lines == len((TEXTS / name).read_text(encoding="utf-8").split("\n"))
        assert 1 <= doc["first_line"] <= doc["last_line"] <= lines


@pytest.mark.parametrize("name", [n for n, f in EXPECTED.items() if f["doc_number"]])
def test_doc_number_as_printed(built, name):
    assert doc_of(built, name)["doc_no"] == EXPECTED[name]["doc_number"]


@pytest.mark.parametrize("name", [n for n, f in EXPECTED.items() if f["signed_date"]])
def test_signing_date(built, name):
    signed = doc_of(built, name)["signed_on"]
    assert signed is not None and str(signed)[:10] == date_line(EXPECTED[name]["signed_date"])


@pytest.mark.parametrize("name", [n for n, f in EXPECTED.items() if f["addressees"]])
def test_addressees_as_printed(built, name):
    assert doc_of(built, name)["addressees"] == compact(EXPECTED[name]["addressees"])


@pytest.mark.parametrize("name", [n for n, f in EXPECTED.items() if len(f["facts"].get("sources") or []) >= 2
                                  or f["facts"].get("linkage_fund")])
def test_fund_sources_and_their_stated_total(built, name):
    facts = EXPECTED[name]["facts"]
    fund = facts.get("linkage_fund") or facts
    expected = [Decimal(s["amount"]) for s in fund["sources"]]
    found = rows_of(built, "fund_allocations", name)
    assert [Decimal(str(a)) for a in found.amount_wan] == expected
    total = Decimal(fund["amount"]) if "amount" in fund else Decimal(facts["total"]["amount"])
    assert {Decimal(str(t)) for t in found.stated_total_wan} == {total}
    checks = built.execute("SELECT severity FROM data_quality WHERE doc_id = ? AND check_id LIKE '%fund_allocations.g%'",
                           [found.doc_id.iloc[0]]).fetchall()
    assert checks == [("ok",)], "the printed parts add up to the printed total"


@pytest.mark.parametrize("name", [n for n, f in EXPECTED.items() if "roster" in f["kinds"]])
def test_roster_leader_and_members(built, name):
    facts = EXPECTED[name]["facts"]
    people = rows_of(built, "rosters", name)
    assert people[people.role == "组长"].person_name.tolist() == [facts["组长"]["name"]]
    assert people[people.role == "副组长"].person_name.tolist() == [p["name"] for p in facts["副组长"]]
    if facts.get("成员"):
        assert people[people.role == "成员"].person_name.tolist() == [p["name"] for p in facts["成员"]]


@pytest.mark.parametrize("name", [n for n, f in EXPECTED.items() if f["facts"].get("rows")
                                  and (f["facts"].get("towns_count") or f["facts"].get("units_count"))])
def test_per_town_and_per_county_tables(built, name):
    """One cell a line (正安: towns) or '|' cells (商丘: counties and districts)."""
    facts = EXPECTED[name]["facts"]
    rows = rows_of(built, "town_values", name)
    assert rows.town_raw.tolist() == [r.get("town") or r["unit"] for r in facts["rows"]]
    assert [Decimal(str(v)) for v in rows.value] == [Decimal(r["amount"]) for r in facts["rows"]]
    if "unit_printed" in facts:
        assert set(rows.unit) == {facts["unit_printed"].split(":")[-1]}
    check = built.execute("SELECT severity, expected FROM data_quality WHERE doc_id = ? AND check_id LIKE '%town_values%'",
                          [rows.doc_id.iloc[0]]).fetchall()
    assert check == [("ok", facts["total"]["amount"])]


def test_reports_are_results_and_plans_are_commitments(built):
    """12345 reports (通报, 决定) print results; work plans (方案) print targets."""
    by_kind = {}
    for name, facts in EXPECTED.items():
        rows = rows_of(built, "targets", name)
        rows = rows[rows.kind == "rate"]
        if len(rows):
            by_kind.setdefault("report" if "hotline_report" in facts["kinds"] else
                               "plan" if "work_plan" in facts["kinds"] else "other", []).extend(rows.statement)
    assert by_kind["plan"] and set(by_kind["plan"]) == {"commitment"}
    reported = by_kind["report"]
    assert reported.count("reported") >= 0.8 * len(reported), reported
