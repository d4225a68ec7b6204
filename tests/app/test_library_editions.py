"""文件库 across editions: two 济阳 gazette editions (the real issue and the next one made by declared
edits, tests/fixtures/editions.py) plus the 章丘 compendium. Filters by district, kind, edition and
year; search across editions with the edition named in every hit; the URL holds every choice.
Expected documents and counts are read from the built database, never typed in here."""
from __future__ import annotations

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import build_two_editions, bulletin_id, open_app, served

EDITION_COLUMN = "区县 · 期次"


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory):
    """(read-only connection, old bulletin id, new bulletin id); the app's store reads this build."""
    folder = tmp_path_factory.mktemp("library")
    out, raw, new, _edits = build_two_editions(folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GAZETTE_RAW", str(raw))
        for _ in served(out):
            con = duckdb.connect(str(out), read_only=True)
            yield con, bulletin_id("jiyang"), new
            con.close()


def edition_of(con, bulletin: str) -> tuple[str, int, int | None]:
    return con.execute("SELECT district, year, issue FROM bulletins WHERE bulletin_id = ?", [bulletin]).fetchone()


def label(con, bulletin: str) -> str:
    """The list's '区县 · 期次' cell, from the bulletins table."""
    district, year, issue = edition_of(con, bulletin)
    return f"{district} · {year}年" + (f"第{issue}期" if issue is not None else "")


def doc_ids(con, sql: str, params: list) -> set[str]:
    return {r[0] for r in con.execute(sql, params).fetchall()}


def term_in_both(con, old: str, new: str) -> str:
    """A fund project's name printed in both editions (the edits change an amount, not the names)."""
    names = [r[0] for r in con.execute("""SELECT f.project_name FROM fund_projects f JOIN documents d USING (doc_id)
                                          GROUP BY f.project_name HAVING count(DISTINCT d.bulletin) = 2
                                          ORDER BY min(f.project_no)""").fetchall()]
    assert names, "the two editions share fund projects"
    return names[0]


# ---- store -------------------------------------------------------------------------

def test_year_and_edition_filters_select_that_editions_documents(two_editions):
    from store import catalog
    from store import editions as ed

    con, old, new = two_editions
    frame = ed.editions()
    new_year = edition_of(con, new)[1]
    assert catalog.bulletins_matching(frame) is None, "no filter: the whole archive"
    assert catalog.bulletins_matching(frame, years=(new_year,)) == (new,)
    assert set(catalog.bulletins_matching(frame, districts=("济阳区",))) == {old, new}
    assert catalog.bulletins_matching(frame, kinds=("compendium",)) == (bulletin_id("zhangqiu"),)
    assert catalog.bulletins_matching(frame, districts=("章丘区",), editions=(new,)) == ()

    listed = catalog.document_catalog((new,))
    assert set(listed.doc_id) == doc_ids(con, "SELECT doc_id FROM documents WHERE bulletin = ?", [new])
    assert catalog.document_count(()) == 0
    counts = dict(con.execute("SELECT bulletin, count(*) FROM documents GROUP BY bulletin").fetchall())
    assert catalog.document_counts() == counts
    assert catalog.document_count((old, new)) == counts[old] + counts[new]


def test_the_archive_lists_the_newest_edition_first_within_a_district(two_editions):
    from store import catalog

    _con, old, new = two_editions
    listed = catalog.document_catalog((old, new)).bulletin.tolist()
    assert listed == [new] * listed.count(new) + [old] * listed.count(old)


def test_search_finds_a_term_in_both_editions_and_each_hit_names_its_edition(two_editions):
    from store import search

    con, old, new = two_editions
    term = term_in_both(con, old, new)
    hits = search.search(term, limit=40)
    assert {h.bulletin for h in hits} == {old, new}
    printed_in = dict(con.execute("SELECT doc_id, bulletin FROM documents").fetchall())
    for hit in hits:
        assert printed_in[hit.doc_id] == hit.bulletin
        line = con.execute("SELECT text FROM bulletin_lines WHERE bulletin = ? AND line = ?",
                           [hit.bulletin, hit.line]).fetchone()[0]
        assert term[:2] in line.replace(" ", ""), "the hit's line prints the term (it may run on to the next line)"
    only_new = search.search(term, limit=40, bulletins=(new,))
    assert only_new and {h.bulletin for h in only_new} == {new}
    assert [h.line for h in only_new] == [h.line for h in hits if h.bulletin == new]
    grouped = search.by_edition(hits, [new, old])
    assert [b for b, _ in grouped] == [new, old] and sum(len(g) for _, g in grouped) == len(hits)


def test_the_reader_of_the_new_edition_reads_its_own_lines(two_editions):
    from store import search

    con, _old, new = two_editions
    doc, first, last = con.execute("SELECT doc_id, first_line, last_line FROM documents WHERE bulletin = ? "
                                   "ORDER BY seq LIMIT 1", [new]).fetchone()
    lines = search.document_lines(doc)
    assert (lines[0].line, lines[-1].line) == (first, last)
    raw = dict(con.execute("SELECT line, text FROM bulletin_lines WHERE bulletin = ?", [new]).fetchall())
    assert all(line.text.replace(" ", "") in raw[line.line].replace(" ", "").replace("#", "") or line.blank
               or "│" in line.text for line in lines[:40])


# ---- the page (AppTest) -----------------------------------------------------------------

def library(**params) -> AppTest:
    # the first run binds the sidebar's widgets to the URL (as a browser's first visit does)
    return open_app("pages/documents.py", query=params)


def listed(at: AppTest):
    return at.dataframe[0].value


def html(at: AppTest) -> str:
    return "".join(h.proto.body for h in at.get("html"))


def test_filtering_by_year_shows_only_that_editions_documents(two_editions):
    con, _old, new = two_editions
    new_year = edition_of(con, new)[1]
    at = library(lib_year=str(new_year))
    table = listed(at)
    expected = con.execute("SELECT count(*) FROM documents WHERE bulletin = ?", [new]).fetchone()[0]
    assert set(table[EDITION_COLUMN]) == {label(con, new)}
    assert len(table) == expected
    assert any(c.value.startswith(f"共 {expected} 份文件") for c in at.caption)
    assert at.multiselect(key="lib_year").value == [new_year]


def test_by_default_the_library_lists_every_edition_with_its_kind(two_editions):
    con, old, new = two_editions
    at = library()
    table = listed(at)
    total = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert len(table) == total
    assert {label(con, old), label(con, new), label(con, bulletin_id("zhangqiu"))} == set(table[EDITION_COLUMN])
    assert set(table["类型"]) == {"区政府公报", "方案汇编"}


def test_the_district_follows_the_sidebar_until_the_library_chooses(two_editions):
    con, _old, _new = two_editions
    at = library(district="章丘区")
    assert at.multiselect(key="lib_district").value == ["章丘区"]
    assert set(listed(at)[EDITION_COLUMN]) == {label(con, bulletin_id("zhangqiu"))}
    at = library(district="章丘区", lib_district="")  # a link that chose every district
    assert len(listed(at)) == con.execute("SELECT count(*) FROM documents").fetchone()[0]


def test_search_across_editions_names_each_hits_edition_and_links_to_its_line(two_editions):
    con, old, new = two_editions
    term = term_in_both(con, old, new)
    at = library(q=term)
    body = html(at)
    for bulletin in (old, new):
        assert f'data-bulletin="{bulletin}"' in body
        assert f'<span class="gz-edition">{label(con, bulletin)}</span>' in body
    for bulletin in (old, new):
        docs = doc_ids(con, "SELECT doc_id FROM documents WHERE bulletin = ?", [bulletin])
        assert any(f"/documents?doc={d}&amp;line=" in body for d in docs), f"hits link to lines of {bulletin}"
    grouped = html(library(q=term, lib_hits="edition"))
    assert grouped.index(f'class="gz-group" data-bulletin="{new}"') < grouped.index(f'class="gz-group" data-bulletin="{old}"')


def test_search_follows_the_edition_filter(two_editions):
    con, old, new = two_editions
    at = library(q=term_in_both(con, old, new), lib_edition=old)
    body = html(at)
    assert f'data-bulletin="{old}"' in body and f'data-bulletin="{new}"' not in body


def test_choices_are_written_to_the_url_as_values_and_reopen_the_same_list(two_editions):
    con, old, _new = two_editions
    at = library(lang="en")
    at.multiselect(key="lib_edition").select(old).run()
    issuer = con.execute("SELECT issuer FROM documents WHERE bulletin = ? AND issuer IS NOT NULL "
                         "GROUP BY issuer ORDER BY count(*) DESC, issuer LIMIT 1", [old]).fetchone()[0]
    at.selectbox(key="lib_issuer").select(issuer).run()
    assert not at.exception
    url = {k: v if isinstance(v, list) else [v] for k, v in at.query_params.items()}
    assert url["lib_edition"] == [old] and url["lib_issuer"] == [issuer], "ids and names, not English labels"
    expected = con.execute("SELECT count(*) FROM documents WHERE bulletin = ? AND issuer = ?", [old, issuer]).fetchone()[0]
    assert len(listed(at)) == expected
    reopened = library(**{k: v[0] for k, v in url.items() if k != "lang"})  # the same link, in Chinese
    assert reopened.multiselect(key="lib_edition").value == [old]
    assert reopened.selectbox(key="lib_issuer").value == issuer
    assert len(listed(reopened)) == expected
