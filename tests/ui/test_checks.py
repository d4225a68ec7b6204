"""Data-quality checks in the reader's language (ui.checks): every check of the built database carries its
message template and values, the Chinese rendering is the stored text, and the English has no Chinese
outside the values (town, fund and plan names, figures printed in the text)."""
from __future__ import annotations

import json

import duckdb
import pandas as pd
import pytest

from tests.browser.cjk import leftover_cjk
from textkit.msg import Msg, NMsg, msg_from_json, msg_values_json
from ui.checks import localised, localised_cell
from ui.i18n import t_msg

COLUMNS = "check_id, subject, message, subject_msgid, subject_values, message_msgid, message_values"


@pytest.fixture(scope="module")
def checks(built_database) -> pd.DataFrame:
    con = duckdb.connect(str(built_database), read_only=True)
    try:
        return con.execute(f"SELECT {COLUMNS} FROM data_quality ORDER BY check_id").df()
    finally:
        con.close()


def _data_values(values: dict) -> list[str]:
    """The values a template fills in (nested messages' values too): data, not UI text."""
    found: list[str] = []
    for value in values.values():
        if isinstance(value, dict) and "_msgid" in value:
            found += _data_values(value["_values"])
        elif isinstance(value, str):
            found.append(value)
    return sorted(found, key=len, reverse=True)


def test_every_check_has_a_template_whose_chinese_is_the_stored_text(checks):
    assert not checks.empty
    for column in ("subject", "message"):
        without = checks[checks[f"{column}_msgid"].isna()].check_id.tolist()
        assert without == [], f"{column} without msgid: {without[:5]}"
        for row in checks.itertuples():
            rebuilt = msg_from_json(getattr(row, f"{column}_msgid"), getattr(row, f"{column}_values"))
            assert str(rebuilt) == getattr(row, column), row.check_id


def test_every_check_reads_in_english_outside_its_values(checks):
    leftovers = []
    for row in checks.itertuples():
        for column in ("subject", "message"):
            msgid, values = getattr(row, f"{column}_msgid"), getattr(row, f"{column}_values")
            english = t_msg(msg_from_json(msgid, values), "en")
            left = leftover_cjk(english, _data_values(json.loads(values)))
            if left:
                leftovers.append(f"{row.check_id} {column}: {english} {left}")
    assert leftovers == []


def test_localised_keeps_the_chinese_and_translates_to_english(checks):
    zh, en = localised(checks, "zh"), localised(checks, "en")
    assert zh.subject.tolist() == checks.subject.tolist() and zh.message.tolist() == checks.message.tolist()
    assert "message_msgid" not in en.columns and "subject_values" not in en.columns
    assert (en.message != checks.message).all()


def test_an_older_database_without_templates_keeps_its_chinese_text():
    frame = pd.DataFrame({"check_id": ["x"], "subject": ["征缴任务表"], "message": ["旧的中文说明。"]})
    assert localised(frame, "en").message.tolist() == ["旧的中文说明。"]
    frame = frame.assign(message_msgid=[None], message_values=[None])
    assert localised(frame, "en").message.tolist() == ["旧的中文说明。"]


def test_a_message_round_trips_through_json_with_nested_messages_plurals_and_context():
    unit = Msg("万元")
    unit.context = "unit"
    inner = NMsg("{name} 出现 {n} 次（第 {lines} 行）", "{name} 出现 {n} 次（第 {lines} 行）", 2, name="张三", lines="3、5")
    message = Msg("{subject}：{where}，{expected}{unit}", subject=Msg("人员名单"), where=inner, expected="12", unit=unit)
    rebuilt = msg_from_json(*msg_values_json(message))
    assert str(rebuilt) == str(message)
    assert t_msg(rebuilt, "en") == t_msg(message, "en")
    assert msg_values_json("纯文本") == (None, None)


def test_expected_and_actual_cells_read_in_english_outside_quoted_text(built_database):
    con = duckdb.connect(str(built_database), read_only=True)
    try:
        cells = con.execute("SELECT check_id, expected, actual, subject_values, message_values FROM data_quality").df()
    finally:
        con.close()
    english = localised(cells, "en")
    leftovers = []
    for row, shown in zip(cells.itertuples(), english.itertuples()):
        quoted = _data_values(json.loads(row.subject_values)) + _data_values(json.loads(row.message_values))
        for column in ("expected", "actual"):
            left = leftover_cjk(str(getattr(shown, column)), sorted(quoted, key=len, reverse=True))
            if left:
                leftovers.append(f"{row.check_id} {column}: {getattr(shown, column)} {left}")
    assert leftovers == []
    assert localised(cells, "zh")[["expected", "actual"]].equals(cells[["expected", "actual"]])


def test_the_loaders_own_cell_words_are_translated_and_quoted_text_is_not():
    assert localised_cell("未找到", "en") == "not found"
    assert localised_cell("晚于 2025-09-30", "en") == "after 2025-09-30"
    assert localised_cell("2020-11-01至2020-12-31", "en") == "2020-11-01 to 2020-12-31"
    assert localised_cell("成年居民", "en") == "成年居民"
    assert localised_cell("不少于5天", "en") == "at least 5 days" and localised_cell("1天", "en") == "1 day"
    assert localised_cell("未找到", "zh") == "未找到"
