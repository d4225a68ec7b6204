"""Exports: whatever text reaches a CSV or Excel download (an imported unit name, a typed SQL
alias, a pivot header) opens as text, never as a formula; file names are safe."""
from __future__ import annotations

import csv
import io
import re

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.worksheet.worksheet import Worksheet

from store.hotline import HotlineStore
from tests.reliability.conftest import import_file
from ui.downloads import MAX_STEM_BYTES, neutralise, safe_stem, to_csv_bytes, to_excel_bytes

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PAYLOADS = ['=HYPERLINK("http://127.0.0.1/x","点我")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A2)",
            "\t=1+1", "\r=1+1", "=1+1\n第二行", "普通文字", "'=已经转义", " =前面有空格", "＝全角等号", "-", "+", "@", "="]
BOUNDED = settings(max_examples=150, deadline=None)


def csv_cells(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")) for cell in row]


def xlsx_cells(data: bytes) -> list:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert isinstance(sheet, Worksheet), "the export's first sheet is a worksheet"
    return [cell for row in sheet.iter_rows() for cell in row]


NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?|[-+]?inf|nan")


def assert_inert(frame: pd.DataFrame) -> None:
    for cell in csv_cells(to_csv_bytes(frame)):  # a number cell may start with a minus sign: it is not a formula
        assert not cell.startswith(FORMULA_START) or NUMBER.fullmatch(cell), repr(cell)
    for cell in xlsx_cells(to_excel_bytes(frame)):
        assert cell.data_type != "f", (cell.coordinate, cell.value)
        assert cell.hyperlink is None, cell.coordinate
        if isinstance(cell.value, str):
            assert not cell.value.startswith(FORMULA_START) or NUMBER.fullmatch(cell.value), (cell.coordinate, cell.value)


def test_a_carriage_return_cannot_start_a_second_row():
    """A bare \r inside a cell used to end the CSV row there: the rest ('=1+1') became a cell of
    its own, which a spreadsheet runs. Cells holding \r or \n are quoted now."""
    rows = list(csv.reader(io.StringIO(to_csv_bytes(pd.DataFrame({"单位": ["\r=1+1", "甲\r=2+2"]}))
                                       .decode("utf-8-sig"), newline="")))
    assert rows == [["单位"], ["'\r=1+1"], ["甲\r=2+2"]]


def test_every_payload_in_cells_and_headers_is_inert():
    frame = pd.DataFrame(dict.fromkeys(PAYLOADS[:6], PAYLOADS) | {"金额": [1.5, -2.0] * 8})
    frame["分类"] = pd.Categorical(PAYLOADS)
    frame["字符串"] = pd.array(PAYLOADS, dtype="string")
    assert_inert(frame)
    back = pd.read_csv(io.BytesIO(to_csv_bytes(frame)), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert back["金额"].tolist()[:2] == ["1.5", "-2.0"], "numbers stay numbers (a minus sign is not text)"
    assert back.iloc[8, 0] == "普通文字" and back.iloc[0, 0] == "'" + PAYLOADS[0]


@BOUNDED
@given(st.lists(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=12), min_size=1, max_size=6),
       st.lists(st.one_of(st.text(max_size=12), st.sampled_from(PAYLOADS), st.floats(allow_nan=False, width=32),
                          st.integers(-10**9, 10**9), st.none()), min_size=1, max_size=8))
def test_any_text_anywhere_is_inert(headers, values):
    names = list(dict.fromkeys(h or "列" for h in headers))
    frame = pd.DataFrame(dict.fromkeys(names, values))
    assert_inert(frame)


def test_an_imported_unit_name_downloads_as_text(tmp_path):
    store = HotlineStore(tmp_path / "hotline.duckdb")
    text = '单位,月份,满意率\n"=HYPERLINK(""http://127.0.0.1/"",""明细"")",2025-07,95\n@SUM(A1),2025-07,90\n'
    # the page asks about names it does not know; an editor who confirms them stores them as typed
    assert import_file(store, text.encode("utf-8"), "通报.csv", confirm_units=True) == []
    shown = store.units().rename(columns={"unit": "单位"})
    assert_inert(shown)
    assert "'=HYPERLINK" in to_csv_bytes(shown).decode("utf-8-sig")


def test_a_typed_sql_alias_downloads_as_text(tmp_path, built_database):
    import shutil

    from store.sql_console import open_console, run

    shutil.copyfile(built_database, tmp_path / "g.duckdb")  # data/raw as built (tests/conftest.py)
    con = open_console(tmp_path / "g.duckdb")
    try:
        result = run(con, """SELECT '=1+2' AS "=HYPERLINK(""http://x"")", '@cmd' AS "+列", -5 AS n""")
    finally:
        con.close()
    assert_inert(result.frame)
    sheet = openpyxl.load_workbook(io.BytesIO(to_excel_bytes(result.frame))).active
    assert sheet["A1"].value == "'=HYPERLINK(\"http://x\")" and sheet["C2"].value == -5


def test_neutralise_leaves_everything_else_alone():
    frame = pd.DataFrame({"单位": ["明水街道", "=x"], "数": [1, -1]})
    out = neutralise(frame)
    assert out["单位"].tolist() == ["明水街道", "'=x"] and out["数"].tolist() == [1, -1]
    assert frame["单位"].tolist() == ["明水街道", "=x"], "the shown frame is not modified"


# ---- file names ---------------------------------------------------------------------------

NAMES = {"../../etc/passwd": "etc_passwd", "a/b\\c": "a_b_c", "..": "data", "": "data", ".hidden": "hidden",
         "x\x00y\x1b[31m": "x_y_31m", "CON": "CON_", "nul": "nul_", "COM1": "COM1_", "COM1.txt": "COM1_txt",
         "报表\u202egnp.exe": "报表_gnp_exe", "12345热线_2025-07_满意率_单位排名": "12345热线_2025-07_满意率_单位排名"}


@pytest.mark.parametrize("raw", list(NAMES))
def test_file_names(raw):
    assert safe_stem(raw) == NAMES[raw]


@BOUNDED
@given(st.text(max_size=300))
def test_any_name_becomes_a_safe_stem(raw):
    stem = safe_stem(raw)
    assert re.fullmatch(r"[\w\-\u4e00-\u9fff]+", stem), stem
    assert ".." not in stem and "/" not in stem and "\\" not in stem
    assert 0 < len(stem.encode("utf-8")) <= MAX_STEM_BYTES
    assert len(f"{stem}.xlsx".encode()) <= 255
    assert not re.fullmatch(r"(con|prn|aux|nul|com\d|lpt\d)", stem, re.IGNORECASE)
    assert not any(ord(c) < 32 for c in stem)
