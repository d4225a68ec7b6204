"""The 数据 page's store: the data dictionary covers every table, downloads round-trip exactly."""
from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from loaders.build import ALL_TABLES
from store import catalog, curated, search
from tests import snapshots
from tests.conftest import open_app
from tests.snapshots import doc_id
from ui.checks import localised
from ui.downloads import to_csv_bytes, to_excel_bytes

FUNDS = doc_id("涉农资金")


def listed_in_file(path: Path) -> set[str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    finally:
        con.close()


def test_dictionary_lists_every_table_in_the_database(database):
    tables = catalog.tables()
    assert set(tables.table_name) == listed_in_file(database) == {t.name for t in ALL_TABLES}
    described = {t.name: t for t in ALL_TABLES}
    for row in tables.itertuples():
        assert row.comment == described[row.table_name].description
        assert row.column_count == len(described[row.table_name].columns)


def test_dictionary_describes_every_column(database):
    columns = catalog.columns()
    for table in ALL_TABLES:
        mine = columns[columns.table_name == table.name]
        assert mine.column_name.tolist() == table.column_names
        assert dict(zip(mine.column_name, mine.comment)) == {c.name: c.description for c in table.columns}
    money = columns[(columns.table_name == "fund_by_source") & (columns.column_name == "amount_wan")].iloc[0]
    assert money.data_type == "DECIMAL(18,6)"


def test_row_counts_are_the_table_sizes(database, tables):
    counts = catalog.tables().set_index("table_name").rows
    assert counts["documents"] == len(snapshots.load())
    assert counts["road_villages"] == len(tables["road_villages"])


def test_parquet_round_trips_every_table(database):
    direct = duckdb.connect(str(database), read_only=True)
    try:
        for name in catalog.table_names():
            back = pq.read_table(io.BytesIO(catalog.parquet_bytes(name)))
            assert back.equals(catalog.table_arrow(name)), name
            assert back.num_rows == direct.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0], name
    finally:
        direct.close()
    amounts = pq.read_table(io.BytesIO(catalog.parquet_bytes("fund_by_source"))).column("amount_wan")
    assert pa.types.is_decimal(amounts.type)
    assert sum(amounts.to_pylist()) == sum(catalog.table_frame("fund_by_source").amount_wan, Decimal(0))  # exactly


def test_csv_keeps_exact_decimals(database):
    frame = catalog.table_frame("fund_by_source")
    back = pd.read_csv(io.BytesIO(to_csv_bytes(frame)), dtype=str, encoding="utf-8-sig")
    assert [Decimal(v) for v in back.amount_wan] == list(frame.amount_wan)
    assert (Decimal(back.set_index("source_name").amount_wan["其他资金"])
            == snapshots.value("fund_by_source", "amount_wan", source_name="其他资金"))  # all six places


def test_excel_has_every_row_and_number_cells(database):
    frame = catalog.table_frame("road_villages")
    sheet = openpyxl.load_workbook(io.BytesIO(to_excel_bytes(frame, sheet="road_villages"))).active
    assert sheet.max_row == len(frame) + 1
    assert [c.value for c in sheet[1]] == list(frame.columns)
    money = openpyxl.load_workbook(io.BytesIO(to_excel_bytes(catalog.table_frame("fund_by_source")))).active
    assert all(isinstance(c.value, (int, float)) for c in list(money.columns)[1][1:])


def test_formula_looking_text_is_neutralised_but_numbers_stay_exact():
    frame = catalog.arrow_to_frame(pa.table({
        "text": ["=HYPERLINK(\"x\")", "+1", "普通文字"],
        "amount": pa.array([Decimal("1.000001"), Decimal("-2.5"), None], pa.decimal128(18, 6)),
        "line": pa.array([1, None, 3], pa.int32()),
    }))
    csv_text = to_csv_bytes(frame).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "'+1" in csv_text and "普通文字" in csv_text
    assert "1.000001" in csv_text and "-2.500000" in csv_text
    assert str(frame.line.dtype) == "Int64", "integer columns with gaps stay integers"


def test_unknown_table_names_never_reach_sql(database):
    with pytest.raises(KeyError):
        catalog.table_arrow('documents"; DROP TABLE documents; --')


def test_document_catalog_has_page_spans(database, tables):
    docs = catalog.document_catalog().set_index("doc_id")
    assert len(docs) == len(snapshots.load())
    funds = docs.loc[FUNDS]
    documents = tables["documents"].set_index("doc_id")
    assert funds.start_page == documents.start_page[FUNDS] > 1  # 目录: the page its 文号 is listed on
    later = documents[(documents.bulletin == documents.bulletin[FUNDS]) & (documents.seq > documents.seq[FUNDS])]
    assert funds.end_page == later.sort_values("seq").start_page.iloc[0] - 1, "up to the page before the next document"
    assert funds.line_count == funds.last_line - funds.first_line + 1
    assert funds.warnings >= 1


def test_find_rows_points_to_the_project_table(database):
    found = catalog.find_rows("土马河").set_index("table_name")
    assert "fund_projects" in found.index and "济阳区土马河治理工程" in found.loc["fund_projects", "sample"]


def test_reader_lines_come_from_the_documents_span(database):
    lines = search.document_lines(FUNDS)
    doc = curated.document(FUNDS)
    assert (lines[0].line, lines[-1].line) == (doc["first_line"], doc["last_line"])
    assert any("土马河治理工程" in line.text for line in lines)
    assert search.document_lines("no-such-document") == []


# ---- the pages themselves (AppTest, no browser) ---------------------------------------

def app_at(page: str, **params):
    return open_app(page, page_query=params)


def test_data_page_shows_one_expander_per_table(database):
    at = app_at("pages/data.py")
    labels = " ".join(e.label for e in at.expander)
    assert all(f"**{name}**" in labels for name in catalog.table_names())
    assert [t.label for t in at.tabs] == ["数据字典与下载", "数据核对", "SQL 控制台"]


def test_documents_page_opens_a_cited_line(database):
    cited = snapshots.value("fund_by_source", "line", FUNDS, source_name="市级资金")  # a line a figure cites
    at = app_at("pages/documents.py", doc=FUNDS, line=str(cited))
    assert at.title[0].value == curated.document(FUNDS)["title"]
    assert f"原文第 {cited} 行" in at.code[0].value


def test_unknown_document_falls_back_to_the_catalogue(database):
    at = app_at("pages/documents.py", doc="no-such-doc")
    assert at.title[0].value == "文件库"
    # the id from the link is quoted as text: its Markdown source escapes the punctuation
    assert any("no\\-such\\-doc" in e.value for e in at.error), [e.value for e in at.error]


def test_english_quality_report_translates_headers_and_findings(database, tables):
    at = open_app("pages/data.py", lang="en", page_query={"tab": "数据核对"})  # a link copied from the Chinese view
    assert [t.label for t in at.tabs] == ["Dictionary and downloads", "Data checks", "SQL console"]
    quality = tables["data_quality"]
    warnings = quality[quality.severity.isin(["warn", "error"])]
    report = next(df.value for df in at.dataframe if "Check ID" in df.value.columns)
    assert len(report) == len(warnings)
    assert set(report["Result"]) <= {"⚠️ Warning", "❌ Error"}
    english = localised(warnings, "en")
    assert set(report["Note"]) == set(english.message), "each check's message in English, from its msgid and values"
    assert set(report["Subject"]) == set(english.subject)
    assert not set(report["Note"]) & set(warnings.message), "no Chinese sentence left in the English report"
