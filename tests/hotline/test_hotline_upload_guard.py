"""The look inside an .xlsx before openpyxl (hotline/xlsx_guard.py): what is refused never reaches
openpyxl, what is read is read within the measured extent, and every sheet is either imported or
named. (Timings and memory of the bombs: bench/import_corpus.py; no timing is asserted here.)"""
from __future__ import annotations

import io
import zipfile

import pytest

from hotline import xlsx_guard
from hotline.reader import LAST_ROW, MAX_COLUMNS, MAX_ROWS, ReadError, read_table
from tests.reliability import make_corpus

LIMITS = {"columns": MAX_COLUMNS, "last_row": LAST_ROW, "filled_rows": MAX_ROWS + 10}
CORPUS = make_corpus.CORPUS


@pytest.fixture
def no_openpyxl(monkeypatch):
    """openpyxl.load_workbook raises if called: a refusal must come from the look inside."""
    import openpyxl

    def refuse(*_a, **_k):
        raise AssertionError("openpyxl was asked to load the file")
    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


@pytest.mark.parametrize("name", ["xlsx-declared-dimension-bomb.xlsx", "xlsx-wide-column-bomb.xlsx",
                                  "xlsx-shared-string-150mb.xlsx", "xlsx-shared-string-40k.xlsx",
                                  "xlsx-inline-string-40k.xlsx", "xlsx-entity-bomb.xlsx", "xlsx-formatted-rows-bomb.xlsx",
                                  "xlsx-300k-cells.xlsx", "xlsx-501-sheets-declared.xlsx", "xlsx-zip-bomb.xlsx",
                                  "xlsx-stray-cell-below.xlsx"])
def test_bombs_are_refused_before_openpyxl_loads_anything(no_openpyxl, name):
    with pytest.raises(ReadError):
        read_table((CORPUS / name).read_bytes(), name)


def test_a_declared_million_row_sheet_with_three_rows_reads_its_three_rows():
    """<dimension ref="A1:XFD1048576"> over real data: the data is read, the declaration ignored."""
    data = make_corpus.crafted(make_corpus.sheet_xml(make_corpus.GOOD_ROWS, "A1:XFD1048576"))
    book = xlsx_guard.inspect(data, columns=MAX_COLUMNS, last_row=LAST_ROW, filled_rows=MAX_ROWS)
    sheet = book.sheets[0]
    assert (sheet.declared, sheet.max_row, sheet.max_col, sheet.cells) == ("A1:XFD1048576", 4, 9, 36)
    table = read_table(data, "热线.xlsx")
    assert len(table.headers) == 9 and table.rows["单位"].tolist() == ["明水街道", "双山街道", "区住建局"]


def test_a_bomb_sheet_beside_a_good_one_is_named_and_the_good_one_imported():
    good = make_corpus.workbook(("7月", make_corpus.GOOD_ROWS), ("附表", [["说明"]]))
    wide = make_corpus.sheet_xml([["说明"]], tail="".join(f'<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>'
                                                         for r in range(2, 50)))
    data = make_corpus._repack(good, {"xl/worksheets/sheet2.xml": wide})
    table = read_table(data, "热线.xlsx")
    assert table.sheet == "7月" and len(table.rows) == 3
    assert any("「附表」的单元格 XFD2 在第 16,384 列" in n for n in table.notes), table.notes


def test_every_sheet_is_imported_or_named_and_another_can_be_chosen():
    data = (CORPUS / "xlsx-200-sheets.xlsx").read_bytes()
    table = read_table(data, "全年.xlsx")
    note = next(n for n in table.notes if "个工作表" in n)
    for month in range(1, 201):
        name = f"{month}月" if month <= 12 else f"附表{month}"
        assert f"「{name}」" in note or table.sheet == name
    both = make_corpus.workbook(("7月", make_corpus.GOOD_ROWS), ("8月", make_corpus.rows_of(make_corpus.units(
        make_corpus.GOOD[0].replace("2025-07", "2025-08")))))
    first = read_table(both, "两月.xlsx")
    assert first.sheets == ["7月", "8月"] and "也有可识别的表头" in first.notes[0]
    assert read_table(both, "两月.xlsx", sheet="8月").rows["月份"].tolist() == ["2025-08"]


def test_a_member_that_inflates_beyond_its_declared_size_is_damaged_not_read():
    """zipfile stops at the declared size and checks the CRC: a size that lies is a damaged file."""
    data = bytearray(make_corpus.crafted(make_corpus.sheet_xml(make_corpus.GOOD_ROWS)))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    central = data.rfind(b"PK\x01\x02", 0, len(data))
    while central != -1:  # find the sheet's central-directory entry and halve its declared size
        name_len = int.from_bytes(data[central + 28:central + 30], "little")
        if data[central + 46:central + 46 + name_len] == b"xl/worksheets/sheet1.xml":
            data[central + 24:central + 28] = (info.file_size // 2).to_bytes(4, "little")
            break
        central = data.rfind(b"PK\x01\x02", 0, central)
    with pytest.raises(ReadError, match="文件已损坏或不完整"):
        read_table(bytes(data), "热线.xlsx")
