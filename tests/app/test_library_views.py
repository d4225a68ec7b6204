"""文件库 and 数据 as a user checks them (AppTest): the SQL console's schema panel and editor state,
empty cells, and the one-line notice that ?town= does not filter these pages."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from store import catalog, curated, sql_console

ROOT = Path(__file__).resolve().parents[2]
CUSTOM = "（自己编写）"


def app_at(page: str, **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.fixture
def console(database):
    return app_at("pages/data.py", tab="SQL 控制台")


def editor(at: AppTest) -> str | None:
    return at.text_area(key="sql_text").value


def open_schema(at: AppTest, *tables: str) -> AppTest:
    """Open the schema panel's expanders of `tables` (lazy: their chips are drawn only while open)."""
    for table in tables:
        at.session_state[f"schema-open-{table}"] = True
    return rerun(at)


def test_schema_panel_lists_every_table_and_its_columns(console):
    labels = {e.label for e in console.expander}
    assert set(catalog.table_names()) <= labels
    assert not [c for c in console.get("button_group") if c.key.startswith("schema-")], "closed: no chip drawn"
    open_schema(console, *catalog.table_names())
    columns = catalog.columns()
    chips = {c.key: c for c in console.get("button_group")}
    for table in catalog.table_names():
        chip = chips[f"schema-{table}"]
        assert [o.content for o in chip.proto.options] == [table, *columns[columns.table_name == table].column_name]


def test_a_click_in_the_schema_panel_inserts_the_name_and_clears_the_example(console):
    first = next(iter(sql_console.EXAMPLES))
    assert console.selectbox(key="sql_example").value == first
    console.text_area(key="sql_text").set_value("SELECT ")
    rerun(console)
    assert console.selectbox(key="sql_example").value == CUSTOM, "the example's name is cleared once the SQL is edited"
    column = catalog.columns(table="fund_by_source").column_name.iloc[0]
    open_schema(console, "fund_by_source")
    chip = next(c for c in console.get("button_group") if c.key == "schema-fund_by_source")
    chip.set_value(column)
    rerun(console)
    assert editor(console) == f"SELECT {column}"
    chip = next(c for c in console.get("button_group") if c.key == "schema-fund_by_source")
    chip.set_value("fund_by_source")
    rerun(console)
    assert editor(console) == f"SELECT {column} fund_by_source"


def test_what_the_user_typed_survives_examples_language_and_tabs(console):
    mine = "SELECT count(*) AS n FROM documents -- mine"
    console.text_area(key="sql_text").set_value(mine)
    rerun(console)
    second = list(sql_console.EXAMPLES)[1]
    console.selectbox(key="sql_example").set_value(second)
    rerun(console)
    assert editor(console) == sql_console.EXAMPLES[second]
    console.selectbox(key="sql_example").set_value(CUSTOM)
    rerun(console)
    assert editor(console) == mine, "switching back to “write your own” gives the text back"
    console.session_state["lang"] = "en"
    rerun(console)
    assert editor(console) == mine and console.selectbox(key="sql_example").value == CUSTOM
    console.switch_page("pages/documents.py")
    rerun(console)
    assert not console.get("text_area")
    console.switch_page("pages/data.py")
    console.query_params["tab"] = "SQL 控制台"
    rerun(console)
    assert editor(console) == mine, "the text outlives a visit to another page"


def test_empty_cells_show_a_dash_not_none(console):
    console.text_area(key="sql_text").set_value(
        "SELECT doc_no, CAST(NULL AS INTEGER) AS nothing, 1.5 AS half FROM documents WHERE doc_no IS NULL LIMIT 3")
    next(b for b in console.button if b.label == "运行查询").click()
    rerun(console)
    frame = console.dataframe[0].value
    assert len(frame) >= 1
    assert set(frame["doc_no"]) == {"—"} and set(frame["nothing"]) == {"—"}
    assert "None" not in frame.astype(str).to_numpy().ravel().tolist()


@pytest.mark.parametrize("page", ["pages/documents.py", "pages/data.py"])
def test_a_town_in_the_link_is_said_to_be_ignored(database, page):
    town = curated.towns().town_name.iloc[0]
    at = app_at(page, town=town)
    notices = [i.value for i in at.info if town in i.value]
    assert len(notices) == 1 and "不按镇街筛选" in notices[0]
    plain = app_at(page)
    assert not [i.value for i in plain.info if "不按镇街筛选" in i.value]

