"""Write the bad-file corpus for the hotline import:  python3 tests/reliability/make_corpus.py

Every file is something a hotline officer could plausibly upload in a hurry (an export in the
wrong encoding, a month typed twice, a published ranking with 合计 rows and cumulative
periods …) or something a careless or hostile upload could contain (workbooks that declare
a million rows, a 150 MB string, an XML entity bomb). corpus/expected.json says, for each
file, either the Chinese message the import must end with (a string), or — for a file the
import reads differently from how it is written — the note its preview must show
({"preview": …}); tests/reliability/test_import_corpus.py checks both, and that the store
does not change. bench/import_corpus.py times each file and measures its memory.

The output is committed (deterministic: fixed zip timestamps and workbook dates), except the
50 MB file, which `big_csv()` writes at test time into a temporary folder.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

# openpyxl writes through lxml when it is installed (python-docx brings it) and then serialises
# differently (<v/> for <v />); the committed corpus was written by openpyxl's own writer.
os.environ["OPENPYXL_LXML"] = "False"
import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

CORPUS = Path(__file__).resolve().parent / "corpus"
FIXED = dt.datetime(2025, 8, 1, 9, 0, 0)

UNITS_HEAD = "单位,分组,月份,满意率,解决率,参评率,期初未化解,本月新增,本月化解"
GOOD = ["明水街道,镇街,2025-07,95.3%,90.1,61.5,40,12,10",
        "双山街道,镇街,2025-07,88.1,0.801,55,30,8,4",
        "区住建局,部门,2025-07,92,90.5%,66.2%,12,5,3"]
RANK_HEAD = "月份,满意率,满意率排名,解决率,解决率排名,参与排名单位数"
DRIVE_HEAD = "专项,月份,期初未办结,本月新增,本月办结,期末未办结"


def csv_text(head: str, rows: list[str]) -> str:
    return "\n".join([head, *rows]) + "\n"


def units(*rows: str) -> str:
    return csv_text(UNITS_HEAD, list(rows))


def with_cell(column: str, value: str, row: int = 0) -> str:
    """The good units file with one cell replaced (column by header name)."""
    index = UNITS_HEAD.split(",").index(column)
    rows = [r.split(",") for r in GOOD]
    rows[row][index] = value
    return units(*(",".join(r) for r in rows))


# ---- Excel helpers ----------------------------------------------------------------------

def _repack(data: bytes, replace: dict[str, bytes] | None = None) -> bytes:
    """Same zip with fixed timestamps (a reproducible corpus) and some members replaced."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = replace.get(info.filename, src.read(info.filename))
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2025-08-01T09:00:00Z", body)
            member = zipfile.ZipInfo(info.filename, date_time=(2025, 8, 1, 9, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(member, body, compresslevel=9)
    return out.getvalue()


def workbook(*sheets: tuple[str, Sequence[Sequence[object]]], merge: dict[str, list[str]] | None = None,
             replace: dict[str, bytes] | None = None) -> bytes:
    book = openpyxl.Workbook()
    assert book.active is not None  # a new workbook has one empty sheet
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cells in (merge or {}).get(title, []):
            sheet.merge_cells(cells)
    book.properties.created = book.properties.modified = FIXED
    buffer = io.BytesIO()
    book.save(buffer)
    return _repack(buffer.getvalue(), replace)


def rows_of(text: str) -> list[list[str]]:
    return [line.split(",") for line in text.strip().split("\n")]


def formula_xlsx(cached: bool) -> bytes:
    """满意率 as the formula =0.5+0.45; with `cached`, its result 0.95 stored as Excel saves it
    (the good twin, used in the tests as contrast), else no stored result (a corpus file)."""
    data = workbook(("热线", [["单位", "月份", "满意率", "解决率"], ["明水街道", "2025-07", "=0.5+0.45", 90]]))
    if not cached:
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    return _repack(data, {"xl/worksheets/sheet1.xml": re.sub(rb"<f>0\.5\+0\.45</f><v\s*/>", b"<f>0.5+0.45</f><v>0.95</v>", sheet)})


def percent_xlsx(value: float) -> bytes:
    """满意率 typed as a percentage in Excel: the cell holds value (1.05) and shows 105%."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook has one empty worksheet
    sheet.title = "热线"
    sheet.append(["单位", "月份", "满意率"])
    sheet.append(["明水街道", "2025-07", value])
    sheet["C2"].number_format = "0%"
    book.properties.created = book.properties.modified = FIXED
    buffer = io.BytesIO()
    book.save(buffer)
    return _repack(buffer.getvalue())


def zip_bomb() -> bytes:
    """A tiny .xlsx whose sheet inflates past the reader's bound (whitespace inside the XML)."""
    base = workbook(("热线", rows_of(units(*GOOD))))
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    head, tail = sheet.split(b"<sheetData>", 1)
    padded = head + b"<sheetData>" + b" " * (210 * 1024 * 1024) + tail
    return _repack(base, {"xl/worksheets/sheet1.xml": padded})


def many_rows_xlsx(n: int) -> bytes:
    rows = [UNITS_HEAD.split(",")] + [[f"单位{i}", "镇街", "2025-07", 90, 90, 60, 1, 1, 1] for i in range(n)]
    return workbook(("热线", rows))


# ---- the corpus ---------------------------------------------------------------------------

def cases() -> dict[str, tuple[bytes, str]]:
    """file name -> (bytes, a fragment of the Chinese message the import must end with)."""
    good = units(*GOOD)
    c: dict[str, tuple[bytes, str]] = {}

    # encodings and byte-order marks
    c["enc-utf16-truncated.csv"] = (b"\xff\xfe" + good.encode("utf-16-le")[:-1], "UTF-16 编码，但内容不完整")
    c["enc-utf16le-no-bom.csv"] = (good.encode("utf-16-le"), "无法识别文件编码")
    c["enc-utf16be-no-bom.csv"] = (good.encode("utf-16-be"), "无法识别文件编码")
    c["enc-utf32.csv"] = (good.encode("utf-32"), "UTF-32 编码")
    c["enc-big5-traditional.csv"] = ("單位,月份,滿意率\n明水街道,2025-07,95\n".encode("big5"), "缺少必需的列")
    c["enc-latin1.csv"] = ("单位,月份,满意率\nMünchen,2025-07,95\n".encode().replace("ü".encode(), b"\xfc"),
                           "无法识别文件编码")
    # Shift-JIS bytes happen to be valid GB18030: the headers arrive garbled and are not recognised
    c["enc-shift-jis.csv"] = ("単位,月,満足率\n東京都,2025-07,95\n".encode("shift_jis"), "缺少必需的列")
    c["enc-utf8-then-gbk.csv"] = (good.encode("utf-8") + "乙街道,镇街,2025-07,80,80,60,1,1,1\n".encode("gbk"),
                                  "无法识别文件编码")
    c["enc-bom-utf8-body-gbk.csv"] = (b"\xef\xbb\xbf" + good.encode("gbk"), "内容不是 UTF-8")
    c["enc-png-renamed.csv"] = (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "无法识别文件编码")
    c["enc-nul-bytes.csv"] = (b"\x00" * 64 + b"\n" + b"\x00," * 40, "文件为空")  # NUL shows nothing: an empty file
    c["bom-double-bad-rate.csv"] = (("\ufeff\ufeff" + with_cell("满意率", "105")).encode("utf-8"), "超过100%")
    c["bom-utf16-tabs-negative.csv"] = (with_cell("解决率", "-3").replace(",", "\t").encode("utf-16"), "为负数")
    c["bom-gbk-month-without-year.csv"] = (with_cell("月份", "7月").encode("gbk"), "缺少年份")

    # structure of the file
    c["struct-empty.csv"] = (b"", "文件为空")
    c["struct-whitespace.csv"] = (b" \n\r\n\t\n", "文件为空")
    c["struct-header-only.csv"] = (csv_text(UNITS_HEAD, []).encode(), "文件只有表头，没有数据行")
    c["struct-title-only.csv"] = ("2025年7月全区热线考核通报\n".encode(), "缺少必需的列")
    c["struct-header-below-row-10.csv"] = (("说明\n" * 11 + good).encode(), "缺少必需的列")
    c["struct-unclosed-quote.csv"] = (("单位,月份,满意率\n\"明水街道,2025-07,95\n" + "x" * 135_000).encode(),
                                      "引号没有配对")
    c["struct-cr-only-bad-count.csv"] = (with_cell("本月新增", "三件").replace("\n", "\r").encode(), "不是数字")
    c["struct-only-total-rows.csv"] = (units("合计,,2025-07,93,90,60,1,1,1", "全区平均,,2025-07,93,90,60,1,1,1").encode(),
                                       "文件没有可导入的数据行")
    c["struct-semicolons-bad-rank.csv"] = ("月份;满意率;满意率排名;参与排名单位数\n2025-07;91;0;12\n".encode(), "应从1开始")
    c["struct-201-columns.csv"] = ((UNITS_HEAD + "," + ",".join(f"备注{i}" for i in range(192)) + "\n"
                                    + GOOD[0] + ",x" * 192 + "\n").encode(), "列数过多")
    c["struct-10001-rows.csv"] = (csv_text(UNITS_HEAD, [f"单位{i},镇街,2025-07,90,90,60,1,1,1"
                                                        for i in range(10_001)]).encode(), "文件行数过多")

    # columns: missing, extra, duplicated
    c["col-missing-unit.csv"] = ("月份,满意率,解决率\n2025-07,95,90\n".encode(), "缺少必需的列：单位")
    c["col-missing-month.csv"] = ("单位,满意率,解决率\n明水街道,95,90\n".encode(), "缺少必需的列：月份")
    c["col-missing-both-rates.csv"] = ("单位,月份,参评率\n明水街道,2025-07,61\n".encode(), "满意率 或 解决率")
    c["col-unknown-only.csv"] = ("姓名,电话,地址\n张三,123,某村\n".encode(), "缺少必需的列")
    c["col-duplicated-rate.csv"] = ("单位,月份,满意率,满意率\n明水街道,2025-07,95,60\n".encode(), "内容不同")
    c["col-alias-twins.csv"] = ("单位,月份,满意率,群众满意率\n明水街道,2025-07,95,90\n".encode(), "内容不同")
    c["col-district-missing-units.csv"] = ("月份,满意率,满意率排名\n2025-07,91,11\n".encode(), "参与排名单位数")
    c["col-drives-missing-resolved.csv"] = ("专项,月份,期初未办结,本月新增\n安置房,2025-07,3,1\n".encode(), "本月办结")

    # cell values
    c["val-rate-over-100.csv"] = (with_cell("满意率", "105").encode(), "超过100%")
    c["val-rate-percent-over-100.csv"] = (with_cell("解决率", "100.5%").encode(), "超过100%")
    c["val-rate-negative.csv"] = (with_cell("满意率", "-0.5").encode(), "为负数")
    c["val-rate-chinese-text.csv"] = (with_cell("满意率", "九十五").encode(), "不是数字")
    c["val-rate-two-dots.csv"] = (with_cell("参评率", "95..3").encode(), "不是数字")
    c["val-rate-infinity.csv"] = (with_cell("满意率", "inf").encode(), "不是数字")
    c["val-rates-both-empty.csv"] = (units("明水街道,镇街,2025-07,#N/A,—,60,1,1,1").encode(), "满意率和解决率都为空")
    c["val-count-text.csv"] = (with_cell("本月新增", "三件").encode(), "不是数字")
    c["val-count-fraction.csv"] = (with_cell("本月化解", "2.5").encode(), "不是整数")
    c["val-count-negative.csv"] = (with_cell("期初未化解", "-4").encode(), "为负数")
    c["val-count-exponent-bomb.csv"] = (with_cell("本月新增", "1e999999999").encode(), "过大")
    c["val-count-int32-overflow.csv"] = (with_cell("期初未化解", "99999999999").encode(), "过大")
    c["val-resolved-more-than-open.csv"] = (with_cell("本月化解", "99").encode(), "大于 期初未化解+本月新增")
    c["val-month-13.csv"] = (with_cell("月份", "2025-13").encode(), "不存在")
    c["val-month-00.csv"] = (with_cell("月份", "2025年0月").encode(), "不存在")
    c["val-month-1999.csv"] = (with_cell("月份", "1999-07").encode(), "不存在")
    c["val-month-empty.csv"] = (with_cell("月份", "").encode(), "月份为空")
    c["val-month-free-text.csv"] = (with_cell("月份", "上个月").encode(), "无法识别")
    c["val-unit-empty.csv"] = (with_cell("单位", "").encode(), "单位为空")
    c["val-unit-invisible-only.csv"] = (with_cell("单位", "\u200b\u200b").encode(), "单位为空")
    c["val-group-unknown.csv"] = (with_cell("分组", "乡").encode(), "只能是部门或镇街")
    c["val-cut-unknown.csv"] = ((UNITS_HEAD + ",口径\n" + GOOD[0] + ",月初\n").encode(), "只能是月中或月末")
    c["val-rank-above-units.csv"] = (csv_text(RANK_HEAD, ["2025-07,91,13,85,12,12"]).encode(), "大于参与排名单位数")
    c["val-rank-text.csv"] = (csv_text(RANK_HEAD, ["2025-07,91,第三,85,12,12"]).encode(), "不是数字")
    c["val-ranked-units-zero.csv"] = (csv_text(RANK_HEAD, ["2025-07,91,1,85,1,0"]).encode(), "参与排名单位数为0")
    c["val-indicator-unknown.csv"] = ("月份,指标,指标值,排名,区县数\n2025-07,投诉率,0.9,3,12\n".encode(), "只能是满意率或解决率")
    c["val-drive-end-mismatch.csv"] = (csv_text(DRIVE_HEAD, ["安置房交房后质量问题,2025-08,20,5,15,7"]).encode(), "不符")
    c["val-drive-resolved-too-many.csv"] = (csv_text(DRIVE_HEAD, ["占道经营,2025-08,3,1,9,"]).encode(), "大于 期初未办结+本月新增")

    # the same unit-month (or month, or topic-month) twice
    c["dup-unit-month.csv"] = (units(GOOD[0], GOOD[1], GOOD[0].replace("95.3%", "93")).encode(), "同一单位同一月份")
    c["dup-unit-month-spellings.csv"] = (units(GOOD[0], GOOD[0].replace("2025-07", "2025年7月")
                                               .replace("明水街道", "明水 街道")).encode(), "同一单位同一月份")
    c["dup-district-month.csv"] = (csv_text(RANK_HEAD, ["2025-07,91,11,85,12,12", "2025/7,92,10,86,11,12"]).encode(),
                                   "同一月份同一指标")
    c["dup-drive-topic-month.csv"] = (csv_text(DRIVE_HEAD, ["占道经营,2025-08,3,1,4,0", "占道经营,2025年8月,3,1,2,2"])
                                      .encode(), "同一专项同一月份")

    # Excel
    c["xlsx-merged-two-row-header.xlsx"] = (workbook(("热线", [["单位", "月份", "考核指标", None],
                                                               [None, None, "满意率", "解决率"],
                                                               ["明水街道", "2025-07", 95, 90]]),
                                                     merge={"热线": ["A1:A2", "B1:B2", "C1:D1"]}),
                                            Preview("第1—2行是两行表头（合并单元格），已合并读取为：单位、月份、满意率、解决率"))
    c["xlsx-formula-no-cached-value.xlsx"] = (formula_xlsx(cached=False), "公式单元格没有保存计算结果")
    c["xlsx-formula-unit-name.xlsx"] = (workbook(("热线", [["单位", "月份", "满意率"],
                                                          ['="明水"&"街道"', "2025-07", 95]])),
                                        "公式单元格没有保存计算结果")
    c["xlsx-error-cell.xlsx"] = (workbook(("热线", [["单位", "月份", "满意率", "解决率"],
                                                    ["明水街道", "2025-07", "#DIV/0!", 90]])), "「#DIV/0!」不是数字")
    c["xlsx-error-value-in-count.xlsx"] = (workbook(("热线", [["单位", "月份", "满意率", "本月新增"],
                                                             ["明水街道", "2025-07", 95, "#VALUE!"]])), "「#VALUE!」不是数字")
    c["xlsx-empty-sheets.xlsx"] = (workbook(("Sheet1", []), ("Sheet2", [])), "文件为空")
    c["xlsx-header-only.xlsx"] = (workbook(("热线", [UNITS_HEAD.split(",")])), "文件只有表头，没有数据行")
    c["xlsx-wrong-sheets-only.xlsx"] = (workbook(("说明", [["本表为热线考核说明"]]), ("附件", [["姓名", "电话"], ["张三", "1"]])),
                                        "缺少必需的列")
    c["xlsx-bool-rate.xlsx"] = (workbook(("热线", [["单位", "月份", "满意率"], ["明水街道", "2025-07", True]])), "不是数字")
    c["xlsx-date-in-rate.xlsx"] = (workbook(("热线", [["单位", "月份", "满意率"],
                                                      ["明水街道", "2025-07", dt.datetime(2025, 7, 1)]])), "不是数字")
    c["xlsx-percent-over-100.xlsx"] = (percent_xlsx(1.05), "「105.00%」超过100%")
    c["xlsx-serial-month.xlsx"] = (workbook(("热线", [["单位", "月份", "满意率"], ["明水街道", 45839, 95]])), "无法识别")
    c["xlsx-duplicated-unit-month.xlsx"] = (workbook(("热线", rows_of(units(GOOD[0], GOOD[0])))), "同一单位同一月份")
    c["xlsx-300-columns.xlsx"] = (workbook(("热线", [UNITS_HEAD.split(",") + [f"备注{i}" for i in range(291)],
                                                     GOOD[0].split(",") + ["x"] * 291])), "列数过多")
    c["xlsx-10001-rows.xlsx"] = (many_rows_xlsx(10_001), "文件行数过多")
    c["xlsx-truncated.xlsx"] = (workbook(("热线", rows_of(good)))[:700], "无法读取 Excel 文件")
    c["xlsx-not-a-workbook.xlsx"] = (_zip_of({"readme.txt": b"hello"}), "无法读取 Excel 文件")
    c["xlsx-zip-bomb.xlsx"] = (zip_bomb(), "解压后超过")
    c.update(bombs())
    c.update(real_file_cases())
    c["xls-old-binary.xls"] = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2040), "旧版 .xls")
    c["xlsx-encrypted-ole.xlsx"] = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"EncryptedPackage" + bytes(2032), "加了密码")
    c["xlsx-garbage.xlsx"] = (b"PK\x03\x04" + bytes(range(256)) * 4, "无法读取 Excel 文件")
    return c


class Preview(str):
    """The file is read, differently from how it is written: its preview must show this note."""


# ---- upload bombs: small files that once tied up the server (issue 13, point 3) ---------------

SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')


def _cell(ref: str, value: object) -> str:
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def _letters(n: int) -> str:
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


def sheet_xml(rows: Sequence[Sequence[object]], dimension: str | None = None, tail: str = "", doctype: str = "") -> bytes:
    """A worksheet part written by hand (inline strings), so a test can declare what openpyxl would not."""
    body = "".join(f'<row r="{r}">' + "".join(_cell(f"{_letters(c)}{r}", v) for c, v in enumerate(row, start=1)
                                              if v is not None) + "</row>" for r, row in enumerate(rows, start=1))
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    head = SHEET_HEAD if not doctype else SHEET_HEAD.replace("<worksheet", doctype + "<worksheet", 1)
    return (head + dim + "<sheetData>" + body + tail + "</sheetData></worksheet>").encode("utf-8")


def crafted(sheet: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    """A valid one-sheet workbook whose sheet part (and any other part) is replaced."""
    base = workbook(("热线", [["占位"]]))
    return _repack(base, {"xl/worksheets/sheet1.xml": sheet, **(extra or {})})


GOOD_ROWS = rows_of(units(*GOOD))


SST_HEAD = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>')
SST_TAIL = b"</t></si></sst>"


def shared_string_workbook(write_text) -> bytes:
    """A workbook whose unit name in A2 is shared string 0; `write_text(stream)` writes that string's
    text straight into the zip (so a 150 MB string is never held in memory)."""
    rows = [["单位", "月份", "满意率"]]
    sheet = sheet_xml(rows, tail='<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="inlineStr"><is><t>2025-07</t>'
                                 '</is></c><c r="C2"><v>95</v></c></row>')
    base = crafted(sheet)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/_rels/workbook.xml.rels":
                body = body.replace(b"</Relationships>", b'<Relationship Id="rId9" Type="http://schemas.openxmlformats.'
                                    b'org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                                    b"</Relationships>")
            if info.filename == "[Content_Types].xml":
                body = body.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
            member = zipfile.ZipInfo(info.filename, date_time=(2025, 8, 1, 9, 0, 0))
            dst.writestr(member, body, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
        member = zipfile.ZipInfo("xl/sharedStrings.xml", date_time=(2025, 8, 1, 9, 0, 0))
        member.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(member, "w") as stream:
            stream.write(SST_HEAD)
            write_text(stream)
            stream.write(SST_TAIL)
    return out.getvalue()


def shared_string_bomb(megabytes: int) -> bytes:
    """One shared string of `megabytes` MB used as a unit name (the issue's 150 KB file)."""
    chunk = "明".encode() * (1024 * 1024 // 3)

    def write(stream):
        for _ in range(megabytes):
            stream.write(chunk)
    return shared_string_workbook(write)


def many_sheets_declared(n: int) -> bytes:
    """A workbook whose workbook part lists `n` sheets (all pointing at one sheet part)."""
    base = workbook(("热线", GOOD_ROWS))
    sheets = "".join(f'<sheet name="S{i}" sheetId="{i}" r:id="rId{i}"/>' for i in range(1, n + 1))
    book = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
            '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            f'{sheets}</sheets></workbook>').encode()
    rel_items = "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   f'relationships/worksheet" Target="worksheets/sheet1.xml"/>' for i in range(1, n + 1))
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships">{rel_items}</Relationships>').encode()
    return _repack(base, {"xl/workbook.xml": book, "xl/_rels/workbook.xml.rels": rels})


def bombs() -> dict[str, tuple[bytes, str]]:
    c: dict[str, tuple[bytes, str]] = {}
    far = '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    c["xlsx-declared-dimension-bomb.xlsx"] = (crafted(sheet_xml(GOOD_ROWS, "A1:XFD1048576", far)),
                                              "在第 1,048,576 行，远在数据下方")
    wide = "".join(f'<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>' for r in range(5, 3005))
    c["xlsx-wide-column-bomb.xlsx"] = (crafted(sheet_xml(GOOD_ROWS, "A1:XFD3004", wide)), "在第 16,384 列：文件列数过多")
    c["xlsx-shared-string-150mb.xlsx"] = (shared_string_bomb(150), "解压后超过")
    long_text = "明" * 40_000
    c["xlsx-inline-string-40k.xlsx"] = (crafted(sheet_xml(GOOD_ROWS + [[long_text, "镇街", "2025-07", 90]])),
                                        "超过 32,767 个字符")
    c["xlsx-shared-string-40k.xlsx"] = (shared_string_workbook(lambda stream: stream.write(("街" * 40_000).encode())),
                                        "有一段文本超过 32,767 个字符")
    laughs = ('<!DOCTYPE worksheet [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
              '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>')
    c["xlsx-entity-bomb.xlsx"] = (crafted(sheet_xml(GOOD_ROWS + [["&d;", "镇街", "2025-07", 90]], doctype=laughs)),
                                  "DTD 或实体声明")
    formatted = "".join(f'<row r="{r}" s="0" customFormat="1" ht="15"/>' for r in range(10, 250_010))
    c["xlsx-formatted-rows-bomb.xlsx"] = (crafted(sheet_xml(GOOD_ROWS, tail=formatted)), "含带格式的空行")
    cells = "".join(f'<row r="{r}">' + "".join(f'<c r="{_letters(col)}{r}"><v>1</v></c>' for col in range(1, 161))
                    + "</row>" for r in range(10, 1_900 + 10))
    c["xlsx-300k-cells.xlsx"] = (crafted(sheet_xml(GOOD_ROWS, tail=cells)), "有内容的单元格超过 300,000 个")
    c["xlsx-501-sheets-declared.xlsx"] = (many_sheets_declared(501), "个以上工作表")
    c["xlsx-stray-cell-below.xlsx"] = (crafted(sheet_xml(GOOD_ROWS, tail='<row r="20000"><c r="B20000"><v>7</v></c></row>')),
                                       "B20000 在第 20,000 行")
    return c


# ---- real files stored wrong (issue 13, point 4) ------------------------------------------------

SCORE_HEAD = "单位,期间,得分,排名"


def real_file_cases() -> dict[str, tuple[bytes, str]]:
    c: dict[str, tuple[bytes, str]] = {}
    for name, text in (("dot", "2023.1-4"), ("slash", "2023/1-4"), ("year", "2023年1-12")):
        c[f"period-range-{name}.csv"] = (with_cell("月份", text).encode(), "累计的数据，不是单月")
    c["period-ambiguous-date.csv"] = (with_cell("月份", "2025-1-4").encode(), "可能是日期")
    c["period-cumulative-scores.csv"] = (csv_text(SCORE_HEAD, ["明水街道,2023年1-4月,96.5,1", "双山街道,2023年1-4月,94.1,2"])
                                         .encode(), Preview("按 2023年1—4月累计 记录"))
    c["period-from-title.csv"] = (("2025年7月全区热线考核通报\n单位,满意率,解决率\n明水街道,95.3,90.1\n双山街道,88.1,80.1\n")
                                  .encode("gbk"), Preview("期间取自表格标题「2025年7月全区热线考核通报」：2025年7月"))
    totals = ["全市合计", "全市平均", "全县", "全区总计", "汇总", "平均值", "合计："]
    c["sum-rows-by-meaning.csv"] = (units(*GOOD, *(f"{t},,2025-07,93,90,60,1,1,1" for t in totals)).encode(),
                                    Preview("以下 7 行是合计/平均行，未作为单位导入：第5行「全市合计」"))
    c["unit-other-city.csv"] = (units("灌云县,镇街,2025-07,95,90,60,1,1,1", "赣榆区,部门,2025-07,93,91,60,1,1,1").encode(),
                                Preview("以下 2 个单位不在已知的章丘区镇街和部门名单中：灌云县、赣榆区"))
    look_alikes = ["明水\u2068街道", "明水街道\ufe0f", "明水街道\U000E0020", "明水\u3164街道", "明水街道\x00"]
    for i, name in enumerate(look_alikes):
        code = f"{ord(name[2] if i in (0, 3) else name[-1]):04X}"
        c[f"name-invisible-u{code}.csv"] = (units(GOOD[0], GOOD[0].replace("明水街道", name, 1)).encode(),
                                            "与第2行重复（同一单位同一月份）")
    c["name-alias-office-suffix.csv"] = (units(GOOD[0], GOOD[0].replace("明水街道", "明水街道办事处", 1)).encode(),
                                         "与第2行重复（同一单位同一月份）")
    c["name-alias-note.csv"] = (units(GOOD[0].replace("明水街道", "明水街道办事处", 1), GOOD[1]).encode(),
                                Preview("第2行「明水街道办事处」→「明水街道」"))
    c["val-rate-bare-one.csv"] = (with_cell("满意率", "1").encode(), Preview("满意率：第2行的数值不大于1，已按比例读作百分数"))
    c["val-participation-ratio.csv"] = (units(GOOD[0].replace("61.5", "0.8"), GOOD[2]).encode(),
                                        Preview("参评率：第2行的数值不大于1，已按比例读作百分数"))
    c["val-rate-decimal-comma.csv"] = ((UNITS_HEAD.replace(",", ";") + "\n" +
                                        GOOD[0].replace(",", ";").replace("95.3%", "95,3%") + "\n").encode(),
                                       Preview("满意率：第2行的逗号按小数点读取"))
    c["val-rate-thousands-comma.csv"] = ((UNITS_HEAD.replace(",", ";") + "\n" +
                                          GOOD[0].replace(",", ";").replace("95.3%", "95,300") + "\n").encode(),
                                         "逗号按千位分隔符读取")
    c["val-unit-name-too-long.csv"] = (with_cell("单位", "明水街道" * 20).encode(), "单位过长（80 个字")
    c["xlsx-200-sheets.xlsx"] = (workbook(*((f"{m}月" if m <= 12 else f"附表{m}", GOOD_ROWS if m == 7 else [["说明", m]])
                                            for m in range(1, 201))),
                                 Preview("本文件有 200 个工作表，只导入了「7月」；其余 199 个未导入"))
    c["scores-over-100-no-scale.csv"] = (csv_text("单位,月份,得分,排名", ["灌云县,2022年2月,145.76,1", "赣榆区,2022年2月,145.35,2"])
                                         .encode(), "请在“满分”中填写")
    c["scores-scale-in-header.csv"] = (csv_text("单位,月份,考评得分（满分150分）,排名", ["章丘区,2025年7月,145.76,1"]).encode(),
                                       Preview("得分的满分为 150 分（取自列名）"))
    c["scores-over-scale.csv"] = (csv_text("单位,月份,得分,满分,排名", ["章丘区,2025年7月,151,150,1"]).encode(),
                                  "得分 151 超过满分 150")
    c["scores-side-by-side.csv"] = (csv_text("单位,月份,得分,排名,单位,月份,得分,排名",
                                             ["章丘区,2025-07,98.5,1,历城区,2025-07,96.1,3",
                                              "济阳区,2025-07,97.2,2,,,,"]).encode(),
                                    Preview("表格左右并排了 2 组相同的列"))
    c["scores-no-period.csv"] = (csv_text("单位,得分,排名", ["章丘区,98.5,1"]).encode(), "缺少必需的列：月份")
    return c


def _zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2025, 8, 1, 9, 0, 0)), body)
    return out.getvalue()


def big_csv(path: Path, megabytes: int = 50) -> Path:
    """A well-formed units CSV of `megabytes` MB (written at test time, never committed)."""
    row = "".join(f"单位{i},镇街,2025-07,95.3%,90.1,61.5,40,12,10\n" for i in range(1000)).encode()
    with path.open("wb") as out:
        out.write((UNITS_HEAD + "\n").encode())
        for _ in range(megabytes * 1024 * 1024 // len(row) + 1):
            out.write(row)
    return path


def write(folder: Path = CORPUS) -> dict[str, str | dict]:
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str | dict] = {}
    for name, (data, message) in sorted(cases().items()):
        (folder / name).write_bytes(data)
        expected[name] = {"preview": str(message)} if isinstance(message, Preview) else message
    (folder / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return expected


if __name__ == "__main__":
    written = write(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS)
    print(f"{len(written)} files")
