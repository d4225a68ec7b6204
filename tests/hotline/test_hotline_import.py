"""Hotline import: encodings, Excel, Chinese headers and value forms, and every bad-input class.

Each bad input must yield its Chinese message and leave the store unchanged — the import
path below is the page's: read → guess kind → map headers → check → write only when ok.
"""
from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from hotline import auth
from hotline.fields import DISTRICT, DRIVES, UNITS, auto_mapping
from hotline.reader import ReadError, read_table
from hotline.validate import check, check_frame, guess_kind
from hotline.values import parse_month, parse_rate
from store.hotline import HotlineStore

EDITOR = auth.Actor("alice", auth.EDITOR)

UNITS_CSV = """2025年7月全区热线考核通报
单位,分组,月份,满意率（%）,解决率,参评率,期初未化解,本月新增,本月化解
明水街道,镇街,2025年7月,95.3%,０.９５３,61.5,40,12,10
双山街道,镇街,2025-07,88.1,0.801,55,30,8,4
区住建局,部门,2025/7,92,90.5%,66.2%,12,5,3
"""

EXPECTED_UNITS = pd.DataFrame({
    "unit": ["明水街道", "双山街道", "区住房和城乡建设局"],  # 区住建局 in the file: the alias table's one name
    "peer_group": ["镇街", "镇街", "部门"],
    "month": ["2025-07"] * 3,
    "cut": ["月末"] * 3,
    "satisfaction_pct": [95.3, 88.1, 92.0],
    "resolution_pct": [95.3, 80.1, 90.5],
    "participation_pct": [61.5, 55.0, 66.2],
    "backlog_start": [40, 30, 12],
    "new_count": [12, 8, 5],
    "resolved": [10, 4, 3],
})


def run_import(store: HotlineStore, data: bytes, name: str, kind: str | None = None):
    """The page's import path; returns the check result (writes only when it is ok)."""
    table = read_table(data, name)
    kind = kind or guess_kind(table.headers)
    checked = check(table, kind, auto_mapping(kind, table.headers))
    if checked.ok:
        store.write(EDITOR, kind, checked.records, name, "sha")
    return checked


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame[EXPECTED_UNITS.columns].reset_index(drop=True).copy()
    for c in ("backlog_start", "new_count", "resolved"):
        out[c] = out[c].astype(int)
    for c in ("unit", "peer_group", "month", "cut"):
        out[c] = out[c].astype(object)
    return out


@pytest.fixture
def store(tmp_path) -> HotlineStore:
    return HotlineStore(tmp_path / "hotline.duckdb")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_round_trip_in_every_chinese_encoding(store, encoding):
    data = UNITS_CSV.encode(encoding)
    table = read_table(data, "通报.csv")
    assert table.encoding == {"gbk": "gb18030"}.get(encoding, encoding)
    checked = run_import(store, data, "通报.csv")
    assert checked.ok, checked.messages()
    assert checked.kind == UNITS
    pd.testing.assert_frame_equal(typed(checked.records), EXPECTED_UNITS, check_dtype=False)
    pd.testing.assert_frame_equal(typed(store.units()), typed(EXPECTED_UNITS.sort_values(["peer_group", "unit"])),
                                  check_dtype=False)


def test_gb18030_only_characters_survive():
    # 𠮷 is outside GBK: a GB18030 file with it must still decode, not be garbled as GBK
    text = UNITS_CSV.replace("明水街道", "𠮷水街道")
    table = read_table(text.encode("gb18030"), "a.csv")
    assert table.rows.iloc[0, 0] == "𠮷水街道"


def test_xlsx_round_trip_with_percent_cells_and_title_row(store):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2025年7月全区热线考核通报"])
    sheet.append(["责任单位", "时间", "满意率", "解决率", "参评率", "期初未化解", "本月新增", "本月化解"])
    rows = [("明水街道", dt.datetime(2025, 7, 1), 0.953, 0.953, 0.615, 40, 12, 10),
            ("双山街道", "2025年7月", 0.881, 0.801, 0.55, 30, 8, 4),
            ("区住建局", "202507", 0.92, 0.905, 0.662, 12, 5, 3)]
    for row in rows:
        sheet.append(list(row))
    for cell in ("C", "D", "E"):
        for r in range(3, 6):
            sheet[f"{cell}{r}"].number_format = "0.0%"
    buffer = io.BytesIO()
    book.save(buffer)
    checked = run_import(store, buffer.getvalue(), "通报.xlsx")
    assert checked.ok, checked.messages()
    pd.testing.assert_frame_equal(typed(checked.records), EXPECTED_UNITS, check_dtype=False)
    assert len(store.units()) == 3


@pytest.mark.parametrize("cell, expected", [("95.3%", 95.3), ("95.3", 95.3), ("０.９５３", 95.3), (0.953, 95.3),
                                            ("９５．３％", 95.3), ("100", 100.0), ("1", 100.0), ("0", 0.0),
                                            ("0.5%", 0.5), ("", None), ("—", None)])
def test_rate_forms(cell, expected):
    assert parse_rate(cell) == expected


@pytest.mark.parametrize("cell, expected", [("2025-07", "2025-07"), ("2025/7", "2025-07"), ("2025年7月", "2025-07"),
                                            ("2025年七月", "2025-07"), ("202507", "2025-07"), ("2025.07", "2025-07"),
                                            ("2025-07-01 00:00:00", "2025-07"), (dt.date(2025, 12, 31), "2025-12"),
                                            ("２０２５年１２月份", "2025-12")])
def test_month_forms(cell, expected):
    assert parse_month(cell) == expected


def test_header_aliases_and_units_in_headers():
    headers = ["镇街", "月份", "满意率(%)", "问题解决率（%）", "参与评价率", "上月未化解", "新增", "化解量"]
    mapping = auto_mapping(UNITS, headers)
    assert mapping == {"镇街": "unit", "月份": "month", "满意率(%)": "satisfaction_pct",
                       "问题解决率（%）": "resolution_pct", "参与评价率": "participation_pct",
                       "上月未化解": "backlog_start", "新增": "new_count", "化解量": "resolved"}


def test_unknown_header_is_left_for_the_mapping_step(store):
    data = "单位,月份,群众评价满意比例,解决率\n明水街道,2025-07,95,90\n".encode()
    table = read_table(data, "a.csv")
    auto = auto_mapping(UNITS, table.headers)
    assert auto["群众评价满意比例"] is None
    checked = check(table, UNITS, auto)
    assert checked.ok and checked.records.satisfaction_pct.isna().all()
    chosen = auto | {"群众评价满意比例": "satisfaction_pct"}
    checked = check(table, UNITS, chosen)
    assert checked.records.satisfaction_pct.tolist() == [95.0]


def test_peer_group_inferred_from_name_and_total_row_skipped():
    data = "单位,月份,满意率\n明水街道,2025-07,95\n官庄镇,2025-07,93\n区城管局,2025-07,91\n合计,2025-07,93\n".encode()
    table = read_table(data, "a.csv")
    checked = check(table, UNITS, auto_mapping(UNITS, table.headers))
    assert checked.ok
    assert checked.records.set_index("unit").peer_group.to_dict() == {"明水街道": "镇街", "官庄镇": "镇街",
                                                                      "区城市管理局": "部门"}
    assert any("第5行「合计」" in n for n in checked.notes)
    assert any("第4行「区城管局」→「区城市管理局」" in n for n in checked.notes)
    assert checked.unknown_units == ["官庄镇"], "官庄 is a 街道 now: the page asks before importing 官庄镇"
    assert any("按单位名称判断" in n for n in checked.notes)


def test_district_ranking_wide_and_long_layouts():
    wide = "月份,满意率,满意率排名,解决率,解决率排名,参与排名单位数\n2025-07,91.2%,11,85.0,12,12\n".encode("gbk")
    table = read_table(wide, "rank.csv")
    assert guess_kind(table.headers) == DISTRICT
    checked = check(table, DISTRICT, auto_mapping(DISTRICT, table.headers))
    assert checked.ok, checked.messages()
    assert checked.records[["indicator", "value_pct", "rank", "ranked_units"]].values.tolist() == [
        ["满意率", 91.2, 11, 12], ["解决率", 85.0, 12, 12]]
    long = "月份,指标,指标值,排名,区县数\n2025-07,满意率,0.912,11,12\n2025-07,解决率,85,12,12\n".encode()
    table = read_table(long, "rank.csv")
    checked = check(table, DISTRICT, auto_mapping(DISTRICT, table.headers))
    assert checked.ok and checked.records["value_pct"].tolist() == [91.2, 85.0]


def test_field_drive_end_count_computed_and_topic_keyed():
    data = "专项,月份,期初未办结,本月新增,本月办结\n安置房交房后质量问题,2025-08,20,5,15\n占道经营,2025-08,3,1,4\n".encode()
    table = read_table(data, "drive.csv")
    assert guess_kind(table.headers) == DRIVES
    checked = check(table, DRIVES, auto_mapping(DRIVES, table.headers))
    assert checked.ok
    assert checked.records.open_end.tolist() == [10, 0]
    assert checked.records.topic_key.tolist() == ["hotline.clear.resettlement_housing", "hotline.clear.street_vending"]


# ---- every bad-input class: its message, and nothing written ------------------------------

BAD_INPUTS = {
    "missing column": ("单位,满意率\n明水街道,95\n", "缺少必需的列：月份"),
    "rate above 100": ("单位,月份,满意率\n明水街道,2025-07,105\n", "满意率「105」超过100%"),
    "negative rate": ("单位,月份,满意率\n明水街道,2025-07,-3\n", "满意率「-3」为负数"),
    "text in a number column": ("单位,月份,满意率,本月新增\n明水街道,2025-07,九十五,3\n", "满意率「九十五」不是数字"),
    "text in a count column": ("单位,月份,满意率,本月新增\n明水街道,2025-07,95,三件\n", "本月新增「三件」不是数字"),
    "bad month": ("单位,月份,满意率\n明水街道,2025-13,95\n", "月份「2025-13」不存在"),
    "month without year": ("单位,月份,满意率\n明水街道,7月,95\n", "月份「7月」缺少年份"),
    "duplicated unit-month": ("单位,月份,满意率\n明水街道,2025-07,95\n明水街道,2025年7月,93\n",
                              "与第3行重复（同一单位同一月份）"),
    "header only": ("单位,月份,满意率\n", "文件只有表头，没有数据行"),
    "resolved more than open": ("单位,月份,满意率,期初未化解,本月新增,本月化解\n明水街道,2025-07,95,1,1,5\n",
                                "本月化解 5 大于 期初未化解+本月新增 2"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_yields_its_message_and_writes_nothing(tmp_path, case):
    store = HotlineStore(tmp_path / "hotline.duckdb")
    store.write(EDITOR, UNITS, EXPECTED_UNITS, "earlier.csv", "sha0")
    before_units, before_audit = store.units(), store.audit()
    text, message = BAD_INPUTS[case]
    checked = run_import(store, text.encode("utf-8"), "bad.csv", kind=UNITS)
    assert not checked.ok
    assert any(message in m for m in checked.messages()), checked.messages()
    pd.testing.assert_frame_equal(store.units(), before_units)
    pd.testing.assert_frame_equal(store.audit(), before_audit)


def test_one_bad_row_blocks_the_whole_file_and_names_its_row(store):
    text = "单位,月份,满意率\n明水街道,2025-07,95\n双山街道,2025-07,abc\n区住建局,2025-07,90\n"
    checked = run_import(store, text.encode(), "bad.csv", kind=UNITS)
    assert checked.messages() == ["第3行：满意率「abc」不是数字"]
    assert checked.preview["问题"].tolist() == ["", "满意率「abc」不是数字", ""]
    assert not store.exists() or store.units().empty


@pytest.mark.parametrize("data, message", [(b"", "文件为空"), (b"\n\n  \n", "文件为空"),
                                           (b"\xff\xfe\x00", None), (b"PK\x03\x04garbage", "无法读取 Excel 文件")])
def test_empty_or_unreadable_file(data, message):
    if message is None:  # a UTF-16 BOM with half a character: still a clear error, never garbled text
        with pytest.raises((ReadError, UnicodeDecodeError)):
            read_table(data, "a.csv")
        return
    with pytest.raises(ReadError, match=message):
        read_table(data, "a.xlsx" if data.startswith(b"PK") else "a.csv")


def test_editor_rows_use_the_same_validation():
    typed_in = pd.DataFrame({"单位": ["明水街道", "双山街道"], "月份": ["2025-07", "2025-07"], "满意率": ["95.3%", "101"]})
    checked = check_frame(typed_in, UNITS)
    assert not checked.ok
    assert checked.messages() == ["第2行：满意率「101」超过100%"]


@pytest.mark.parametrize("kind", [UNITS, DISTRICT, DRIVES])
def test_committed_templates_match_the_code_and_are_recognised(kind):
    from pathlib import Path

    from hotline import templates

    path = Path(__file__).resolve().parents[2] / "data" / "templates" / f"hotline_{kind}.csv"
    assert path.read_bytes() == templates.template_csv(kind)
    table = read_table(path.read_bytes(), path.name)
    assert guess_kind(table.headers) == kind
    assert all(auto_mapping(kind, table.headers).values())  # every template column is recognised
    xlsx = read_table(templates.template_xlsx(kind), "t.xlsx")
    assert xlsx.headers == table.headers
