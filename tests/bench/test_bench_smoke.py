"""The scale benchmark's synthetic corpus is valid: the generator writes a corpus the real loaders
parse, and the per-edition build writes one database from it. No timings are asserted here."""
from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from bench.synth import build_editions, generate

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    # per_district=1: edition 1 belongs to a second synthetic district, so its towns are renamed too.
    return generate(tmp_path_factory.mktemp("synth"), 2, per_district=1)


@pytest.fixture(scope="module")
def synthetic_db(corpus: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    out = corpus / "gazette.duckdb"
    result = build_editions(corpus / "raw", corpus / "reference", out, workers=2)
    assert result["db_bytes"] > 0
    con = duckdb.connect(str(out), read_only=True)
    yield con
    con.close()


def test_edition_zero_is_the_real_corpus(corpus: Path):
    for name in ("jiyang-gazette-2020-04.txt", "zhangqiu-campaigns-2025.txt"):
        assert (corpus / "raw" / name).read_bytes() == (ROOT / "data" / "raw" / name).read_bytes()


def ids(corpus: Path) -> list[str]:
    with (corpus / "raw" / "MANIFEST.csv").open(encoding="utf-8") as handle:
        return [row["bulletin_id"] for row in csv.DictReader(handle)]


def test_manifest_registers_two_editions_with_their_hashes(corpus: Path):
    from loaders.source import read_corpus
    real = ids(ROOT / "data")
    assert ids(corpus)[:2] == real and len(ids(corpus)) == 4 and len(set(ids(corpus))) == 4
    assert len(read_corpus(corpus / "raw")) == 4, "every sha256 verifies"


def test_every_edition_has_all_documents(synthetic_db, corpus: Path):
    counts = dict(synthetic_db.execute("SELECT bulletin, count(*) FROM documents GROUP BY ALL").fetchall())
    g0, c0, g1, c1 = ids(corpus)
    assert counts[g1] == counts[g0] and counts[c1] == counts[c0] and len(counts) == 4


def test_second_edition_has_its_own_towns_and_the_same_village_count(synthetic_db, corpus: Path):
    rows = {b: (v, t, q) for b, v, t, q in synthetic_db.execute(
        """SELECT d.bulletin, count(*) AS villages, count(DISTINCT r.town_name) AS towns,
                  bool_or(r.town_name = '曲堤街道') AS has_quti
           FROM road_villages r JOIN documents d USING (doc_id) GROUP BY ALL""").fetchall()}
    g0, _c0, g1, _c1 = ids(corpus)
    assert rows[g0][:2] == rows[g1][:2] and rows[g0][2] and not rows[g1][2]
    districts = synthetic_db.execute("SELECT DISTINCT district FROM documents WHERE bulletin = ?", [g1]).fetchall()
    synthetic = synthetic_db.execute("SELECT count(*) FROM towns WHERE district = ?", [districts[0][0]]).fetchone()[0]
    assert synthetic == synthetic_db.execute("SELECT count(DISTINCT town_name) FROM towns WHERE district = "
                                         "(SELECT district FROM documents WHERE bulletin = ? LIMIT 1)", [g0]).fetchone()[0]


def test_amounts_are_scaled_exactly(synthetic_db, corpus: Path):
    # Edition 1 multiplies every 万元 amount and every quota row by 2: the stated totals still add up.
    g0, _c0, g1, _c1 = ids(corpus)
    quota = dict(synthetic_db.execute("""SELECT d.bulletin, sum(quota_persons) FROM insurance_quota q
                                     JOIN documents d USING (doc_id) GROUP BY ALL""").fetchall())
    assert quota[g1] == 2 * quota[g0]
    fund_total = dict(synthetic_db.execute("""SELECT d.bulletin, f.value FROM fund_totals f JOIN documents d USING (doc_id)
                                          WHERE f.measure = '统筹整合资金总额'""").fetchall())
    assert fund_total[g1] == 2 * fund_total[g0]


def test_edition_one_raises_the_same_warnings_plus_the_doubled_rounding_gap(synthetic_db, corpus: Path):
    # The real gazette's total (5 decimals) is 0.000004 万元 below the sum of its 6-decimal parts, inside
    # the rounding tolerance; doubled (0.000008) it is outside, so the three total checks warn as well.
    def warned(prefix: str) -> set[str]:
        rows = synthetic_db.execute("""SELECT q.check_id FROM data_quality q JOIN documents d USING (doc_id)
                                   WHERE q.severity IN ('warn', 'error') AND d.bulletin = ?""", [prefix]).fetchall()
        return {r[0].replace(prefix, "").rsplit(":", 1)[-1] for r in rows}

    g0, c0, g1, c1 = ids(corpus)
    assert warned(g1) - warned(g0) == {"funds.source_total", "funds.sector_total", "funds.nature_total"}
    assert warned(g0) <= warned(g1)
    # the compendium's plans are rotated by one, so its check ids carry other plan numbers: compare counts
    assert len(warned(c1)) == len(warned(c0))


def test_ids_are_unique_across_editions(synthetic_db):
    assert synthetic_db.execute("SELECT count(*) = count(DISTINCT check_id) FROM data_quality").fetchone()[0]
    assert synthetic_db.execute("SELECT count(*) = count(DISTINCT doc_id) FROM documents").fetchone()[0]


def test_splitter_keeps_doc_ids_unique_in_a_many_bulletin_corpus(corpus: Path):
    from loaders.documents import split_all
    from loaders.source import read_corpus

    docs = split_all(read_corpus(corpus / "raw")).frame()
    real = split_all(read_corpus(ROOT / "data" / "raw")).frame()
    assert len(docs) == 2 * len(real) and docs.doc_id.is_unique
    assert set(real.doc_id) <= set(docs.doc_id), "edition 0 keeps the real ids"
