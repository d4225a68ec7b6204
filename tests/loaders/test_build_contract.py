"""Invariants of every table (jaffle-shop style), and the build's isolation property.

Contract, over a corpus of two gazette editions, the compendium and 24 real texts of other
counties: every doc_id is a document; every line lies inside its document; every town named is in
the towns reference; severities are from the list; ids are unique. Property (hypothesis): whatever
text is in the raw folder — any Unicode, real documents cut at random lines, several editions —
the build succeeds, or refuses one file by name, and no file's rows depend on the other files."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.add import register
from loaders.base import Reference
from loaders.build import ALL_TABLES, build, edition_tables
from loaders.errors import BuildError
from loaders.source import read_corpus, write_manifest
from tests.conftest import RAW, RAW_FILES, REFERENCE
from tests.fixtures.editions import next_issue

TEXTS = Path(__file__).parents[1] / "fixtures" / "real" / "texts"
SEVERITIES = {"ok", "info", "warn", "error"}


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> Iterator[duckdb.DuckDBPyConnection]:
    folder = tmp_path_factory.mktemp("contract")
    raw = folder / "raw"
    shutil.copytree(RAW, raw)
    text, _edits = next_issue((RAW / RAW_FILES["jiyang"]).read_text(encoding="utf-8"))
    (folder / "next.txt").write_text(text, encoding="utf-8")
    register(folder / "next.txt", raw, {"kind": "gazette", "district": "济阳区"})
    for path in TEXTS.glob("*.txt"):
        shutil.copy(path, raw / path.name)
    build(raw, folder / "gazette.duckdb", REFERENCE)
    con = duckdb.connect(str(folder / "gazette.duckdb"), read_only=True)
    yield con
    con.close()


def tables_with(con, column: str) -> list[str]:
    return [r[0] for r in con.execute("SELECT DISTINCT table_name FROM duckdb_columns() WHERE column_name = ? "
                                      "ORDER BY 1", [column]).fetchall()]


def test_every_doc_id_is_a_document(corpus_db):
    for table in tables_with(corpus_db, "doc_id"):
        orphans = corpus_db.execute(f"SELECT count(*) FROM {table} WHERE doc_id IS NOT NULL AND doc_id NOT IN "
                                    "(SELECT doc_id FROM documents)").fetchone()[0]
        assert orphans == 0, table


def test_every_line_lies_inside_its_document(corpus_db):
    tables = set(tables_with(corpus_db, "doc_id")) & set(tables_with(corpus_db, "line"))
    assert {"fund_by_source", "road_villages", "rosters", "targets", "fund_allocations", "town_values"} <= tables
    for table in sorted(tables):
        outside = corpus_db.execute(f"""SELECT count(*) FROM {table} t JOIN documents d USING (doc_id)
                                        WHERE t.line IS NOT NULL AND (t.line < d.first_line OR t.line > d.last_line)
                                     """).fetchone()[0]
        assert outside == 0, table


def test_every_town_is_in_the_towns_reference(corpus_db):
    tables = [t for t in tables_with(corpus_db, "town_name") if t != "towns"]
    assert {"road_villages", "insurance_quota", "town_values"} <= set(tables)
    for table in tables:
        unknown = corpus_db.execute(f"SELECT count(*) FROM {table} WHERE town_name IS NOT NULL AND town_name NOT IN "
                                    "(SELECT town_name FROM towns)").fetchone()[0]
        assert unknown == 0, table


def test_severities_and_keys(corpus_db):
    assert {r[0] for r in corpus_db.execute("SELECT DISTINCT severity FROM data_quality").fetchall()} <= SEVERITIES
    for table in ALL_TABLES:
        if table.primary_key:
            keys = ", ".join(table.primary_key)
            dup = corpus_db.execute(f"SELECT count(*) FROM (SELECT {keys} FROM {table.name} GROUP BY ALL "
                                    "HAVING count(*) > 1)").fetchone()[0]
            assert dup == 0, table.name
    for table, key in (("data_quality", "check_id"), ("targets", "target_id")):
        assert corpus_db.execute(f"SELECT count(*) = count(DISTINCT {key}) FROM {table}").fetchone()[0], table


def test_every_bulletin_is_at_least_one_document(corpus_db):
    assert corpus_db.execute("""SELECT count(*) FROM bulletins b WHERE NOT EXISTS
                                (SELECT 1 FROM documents d WHERE d.bulletin = b.bulletin_id)""").fetchone()[0] == 0


# ---- property: any text builds, one bad file is refused by name, files do not affect each other ----

SOURCES = [RAW / RAW_FILES["jiyang"], RAW / RAW_FILES["zhangqiu"], *sorted(TEXTS.glob("*.txt"))[:8]]
LINES = {path: path.read_text(encoding="utf-8").split("\n") for path in SOURCES}

any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=400)


@st.composite
def real_cut(draw) -> str:
    path = draw(st.sampled_from(SOURCES))
    lines = LINES[path]
    first = draw(st.integers(0, len(lines) - 1))
    last = draw(st.integers(first, min(len(lines), first + 150)))
    return "\n".join(lines[first:last])


@st.composite
def mixture(draw) -> str:
    return "\n".join(draw(st.lists(st.one_of(real_cut(), any_text), min_size=1, max_size=3)))


def per_bulletin(tables: dict[str, pd.DataFrame], bulletin: str) -> dict[str, int]:
    docs = set(tables["documents"].doc_id[tables["documents"].bulletin == bulletin])
    return {name: int(frame.doc_id.isin(docs).sum()) for name, frame in tables.items()
            if "doc_id" in frame and name != "data_quality"}


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(texts=st.lists(st.one_of(mixture(), any_text), min_size=1, max_size=4),
       kinds=st.lists(st.sampled_from(["gazette", "compendium", "document", None]), min_size=4, max_size=4),
       broken=st.one_of(st.none(), st.integers(0, 3)))
def test_any_texts_build_and_no_file_depends_on_another(tmp_path_factory, texts, kinds, broken):
    raw = tmp_path_factory.mktemp("prop")
    rows = []
    for index, text in enumerate(texts):
        name = f"edition-{index}.txt"
        data = text.encode("utf-8")
        if broken == index:
            data = b"\xff\xfe" + data                   # not UTF-8: this file must be refused by name
        (raw / name).write_bytes(data)
        if kinds[index]:                                # some registered with a kind, some not registered at all
            rows.append({"file": name, "bulletin_id": f"e{index}", "kind": kinds[index], "district": "济阳区",
                         "year": str(2020 + index)})
    write_manifest(raw, rows)
    ref = Reference.read(REFERENCE)
    if broken is not None and broken < len(texts):
        with pytest.raises(BuildError) as error:
            read_corpus(raw)
        assert f"edition-{broken}.txt" in str(error.value)
        (raw / f"edition-{broken}.txt").unlink()
        write_manifest(raw, [r for r in rows if r["file"] != f"edition-{broken}.txt"])
    corpus = read_corpus(raw)
    together: dict[str, list[pd.DataFrame]] = {}
    for raw_text in corpus.values():
        parts, _info = edition_tables(raw_text, ref)
        for name, frame in parts.items():
            together.setdefault(name, []).append(frame)
        assert len(parts["documents"]) >= 1, "every file is at least one document"
    merged = {name: pd.concat([f for f in frames if f is not None], ignore_index=True) for name, frames in together.items()}
    for raw_text in corpus.values():
        solo, _info = edition_tables(raw_text, ref)
        mine, alone = per_bulletin(merged, raw_text.bulletin_id), per_bulletin(solo, raw_text.bulletin_id)
        assert {k: mine.get(k, 0) for k in mine | alone} == {k: alone.get(k, 0) for k in mine | alone}
    # and the real build writes them all
    out = raw.parent / f"{raw.name}.duckdb"
    built = build(raw, out, REFERENCE)
    assert built.bulletins == len(corpus)
