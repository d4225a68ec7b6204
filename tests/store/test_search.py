"""Full-text search over both bulletins: what a reader would search for, and where it leads."""
from __future__ import annotations

import time

import duckdb
import pandas as pd
import pytest

from loaders.build import append_tables
from loaders.search_index import SEARCH_PASSAGES, SEARCH_POSTINGS, index_frames
from loaders.source import RawText, read_corpus
from store.search import SearchIndex, by_document, fold, reader_lines
from tests import snapshots
from tests.conftest import RAW, bulletin_id
from tests.snapshots import doc_id

FUNDS, ROADS, HOTLINE = doc_id("涉农资金"), doc_id("通户道路"), doc_id("市民服务热线")


def build_index(corpus: dict[str, RawText], documents: pd.DataFrame) -> SearchIndex:
    """An index in an in-memory DuckDB, built as the database build does (the store itself never builds)."""
    started = time.perf_counter()
    frames = index_frames(corpus, documents)
    con = duckdb.connect(":memory:")
    for table in (SEARCH_PASSAGES, SEARCH_POSTINGS):
        con.execute(table.ddl())
    append_tables(con, frames)
    return SearchIndex(lambda: con, time.perf_counter() - started)


@pytest.fixture(scope="module")
def corpus():
    return read_corpus(RAW)


@pytest.fixture(scope="module")
def index(corpus, tables):
    return build_index(corpus, tables["documents"])


def doc_id_by_title(tables, *words) -> str:
    docs = tables["documents"]
    hit = docs[[all(w in t for w in words) for t in docs.title]]
    assert len(hit) == 1, f"no single document titled with {words}"
    return hit.doc_id.iloc[0]


def test_index_build_time_and_size_are_reported(corpus, tables, capsys):
    started = time.perf_counter()
    index = build_index(corpus, tables["documents"])
    seconds = time.perf_counter() - started
    stats = index.stats
    with capsys.disabled():
        print(f"\n[search] index: {stats['documents']} documents, {stats['passages']:,} passages, "
              f"{stats['characters']:,} characters, {stats['terms']:,} terms, {stats['postings']:,} postings; "
              f"built in {seconds:.2f} s")
    assert stats["documents"] == len(tables["documents"]) == len(snapshots.load())


def test_tumahe_finds_the_fund_project_and_ranks_its_heading_first(index, tables, corpus):
    project = tables["fund_projects"]
    project = project[project.project_name.str.contains("土马河")].iloc[0]
    hits = index.search("土马河")
    assert hits, "土马河 not found"
    assert hits[0].doc_id == FUNDS == project.doc_id
    assert {h.doc_id for h in hits} == {FUNDS}
    assert hits[0].line == project.line, "the project's own heading line ranks first"
    for hit in hits:
        assert "土马河" in corpus[bulletin_id("jiyang")].line(hit.line), "every hit links to a line that prints 土马河"
        assert "<mark>土马河</mark>" in hit.snippet


def test_12345_finds_the_zhangqiu_hotline_plan_first(index, tables):
    hotline = doc_id_by_title(tables, "章丘", "热线")
    hits = index.search("12345")
    assert hits[0].doc_id == hotline
    assert by_document(hits).doc_id.iloc[0] == hotline
    assert "<mark>12345</mark>" in hits[0].snippet


def test_phrase_from_a_zhangqiu_plan_finds_that_plan(index, tables, corpus):
    food = doc_id_by_title(tables, "食品药品")
    hits = index.search("食品药品领域专项整治")
    assert hits[0].doc_id == food
    assert "食品药品" in corpus[bulletin_id("zhangqiu")].line(hits[0].line)


def test_words_split_by_a_page_break_are_found(index, corpus):
    # The printed line ends "新建十" and the next printed line starts "干渠平板桥".
    hits = index.search("十干渠平板桥")
    assert hits and hits[0].doc_id == FUNDS
    assert "十" in corpus[bulletin_id("jiyang")].line(hits[0].line)


def test_padded_roster_names_match_unpadded_queries(index):
    hits = index.search("刘斌")
    rostered = {row["doc_id"] for row in snapshots.rows("rosters", person_name="刘斌")}
    assert len(rostered) > 1 and rostered <= {h.doc_id for h in hits}, "刘 斌 sits on several groups"
    assert all("<mark>刘 斌</mark>" in h.snippet for h in hits)


def test_several_words_and_single_characters(index):
    both = index.search("养老服务 补贴")
    assert both and "<mark>养老服务</mark>" in both[0].snippet and "<mark>补贴</mark>" in both[0].snippet
    assert index.search("闸"), "a one-character query still finds something"
    assert index.search("   ") == []
    assert index.search("完全不存在的词语组合") == []


def test_search_within_one_document(index):
    hits = index.search("资金", doc_id=ROADS)
    assert hits and {h.doc_id for h in hits} == {ROADS}


def test_snippets_escape_html_and_map_matches_to_their_line(tmp_path):
    lines = ("# 测试文件", "", "第一行说明<b>不是标签</b> & 符号", "第二行写到土马", "", "河治理。", "结束。")
    raw = RawText("demo", "测试区", "测试公报", tmp_path / "demo.txt", lines, "0")
    docs = pd.DataFrame([{"doc_id": "demo-1", "bulletin": "demo", "first_line": 1, "last_line": len(lines)}])
    index = build_index({"demo": raw}, docs)
    tag = index.search("不是标签")[0]
    assert "&lt;b&gt;" in tag.snippet and "<b>" not in tag.snippet and "&amp;" in tag.snippet
    river = index.search("土马河")[0]
    assert river.line == 4, "the match starts on line 4 and runs over the page break to line 6"
    assert "<mark>土马 河</mark>" in river.snippet


def test_reader_lines_keep_numbers_and_drop_markup(corpus, tables):
    doc = tables["documents"].set_index("doc_id").loc[HOTLINE]
    lines = reader_lines(corpus[bulletin_id("zhangqiu")], int(doc.first_line), int(doc.last_line))
    assert [line.line for line in lines] == list(range(int(doc.first_line), int(doc.last_line) + 1))
    assert lines[0].heading and not lines[0].text.startswith("#")
    assert "市民服务热线" in lines[0].text
    assert all("**" not in line.text and "<p>" not in line.text for line in lines)


def test_fold_keeps_offsets_into_the_shown_text():
    folded, origin = fold("刘 斌 区政府：2020 年 ABC def")
    assert folded == "刘斌区政府:2020年abc def"
    assert len(origin) == len(folded) and origin[1] == 2
