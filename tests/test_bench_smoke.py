"""The scale benchmark's synthetic corpus is valid: the generator writes a corpus the real loaders
parse, and the per-edition build writes one database from it. No timings are asserted here."""
from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from bench.synth import build_editions, generate

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    # per_district=1: edition 1 belongs to a second synthetic district, so its towns are renamed too.
    return generate(tmp_path_factory.mktemp("synth"), 2, per_district=1)


@pytest.fixture(scope="module")
def database(corpus: Path) -> duckdb.DuckDBPyConnection:
    out = corpus / "gazette.duckdb"
    result = build_editions(corpus / "raw", corpus / "reference", out)
    assert result["db_bytes"] > 0
    con = duckdb.connect(str(out), read_only=True)
    yield con
    con.close()


def test_edition_zero_is_the_real_corpus(corpus: Path):
    for name in ("jiyang-gazette-2020-04.txt", "zhangqiu-campaigns-2025.txt"):
        assert (corpus / "raw" / name).read_bytes() == (ROOT / "data" / "raw" / name).read_bytes()


def test_manifest_lists_two_editions(corpus: Path):
    with (corpus / "raw" / "MANIFEST.csv").open(encoding="utf-8") as handle:
        ids = [row["bulletin_id"] for row in csv.DictReader(handle)]
    assert ids == ["jiyang", "zhangqiu", "jiyang-0001", "zhangqiu-0001"]


def test_every_edition_has_all_documents(database):
    counts = dict(database.execute("SELECT bulletin, count(*) FROM documents GROUP BY ALL").fetchall())
    assert counts == {"jiyang": 11, "zhangqiu": 16, "jiyang-0001": 11, "zhangqiu-0001": 16}


def test_second_edition_has_its_own_towns_and_the_same_village_count(database):
    rows = database.execute("""SELECT d.bulletin, count(*) AS villages, count(DISTINCT r.town_name) AS towns,
                                      bool_or(r.town_name = '曲堤街道') AS has_quti
                               FROM road_villages r JOIN documents d USING (doc_id) GROUP BY ALL
                               ORDER BY d.bulletin""").fetchall()
    assert rows == [("jiyang", 254, 7, True), ("jiyang-0001", 254, 7, False)]
    assert database.execute("SELECT count(*) FROM towns").fetchone()[0] == 20


def test_amounts_are_scaled_exactly(database):
    # Edition 1 multiplies every 万元 amount and every quota row by 2: the stated totals still add up.
    quota = dict(database.execute("""SELECT d.bulletin, sum(quota_persons) FROM insurance_quota q
                                     JOIN documents d USING (doc_id) GROUP BY ALL""").fetchall())
    assert quota == {"jiyang": 443099, "jiyang-0001": 2 * 443099}
    fund_total = database.execute("""SELECT d.bulletin, f.value FROM fund_totals f JOIN documents d USING (doc_id)
                                     WHERE f.measure = '统筹整合资金总额' ORDER BY 1""").fetchall()
    assert [(b, str(v)) for b, v in fund_total] == [("jiyang", "74951.917930"), ("jiyang-0001", "149903.835860")]


def test_edition_one_raises_the_same_warnings_plus_the_doubled_rounding_gap(database):
    # The real gazette's total (5 decimals) is 0.000004 万元 below the sum of its 6-decimal parts, inside
    # the rounding tolerance; doubled (0.000008) it is outside, so the three total checks warn as well.
    def warned(prefix: str) -> set[str]:
        rows = database.execute("""SELECT q.check_id FROM data_quality q JOIN documents d USING (doc_id)
                                   WHERE q.severity <> 'ok' AND d.bulletin LIKE ?""", [prefix]).fetchall()
        return {r[0].split(":", 1)[-1] for r in rows}

    assert warned("jiyang-0001") - warned("jiyang") == {"funds.source_total", "funds.sector_total",
                                                        "funds.nature_total"}
    assert warned("jiyang") <= warned("jiyang-0001")
    # the compendium's plans are rotated by one, so its check ids carry other plan numbers: compare counts
    assert len(warned("zhangqiu-0001")) == len(warned("zhangqiu"))


def test_ids_are_unique_across_editions(database):
    assert database.execute("SELECT count(*) = count(DISTINCT check_id) FROM data_quality").fetchone()[0]
    assert database.execute("SELECT count(*) = count(DISTINCT doc_id) FROM documents").fetchone()[0]


def test_splitter_keeps_doc_ids_unique_in_a_many_bulletin_corpus(corpus: Path):
    from loaders.documents import split_all
    from loaders.source import read_corpus

    docs = split_all(read_corpus(corpus / "raw")).frame()
    assert len(docs) == 2 * 27 and docs.doc_id.is_unique
    assert {"jiyang-zz-2020-081", "jiyang-0001-zz-2020-081", "zhangqiu-2025-01", "zhangqiu-0001-2025-01"} <= set(docs.doc_id)
