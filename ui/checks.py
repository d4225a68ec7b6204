"""Data-quality checks (table data_quality) in the reader's language.

The loaders store each check's subject and message as Chinese text plus its message template (msgid)
and the template's values as JSON (textkit.msg.msg_values_json); this renders them with the English
catalogue (ui.i18n.t_msg). A row without a msgid (a database built before these columns) keeps its
stored Chinese text.
"""
from __future__ import annotations

import json
import re

import pandas as pd

from textkit.msg import msg_from_json
from ui.glossary import term
from ui.i18n import DEFAULT, NC_, _, lang, ngettext, pgettext, t_msg

# Words the loaders write into a check's expected/actual cell when there is no figure to show.
CELL = "check cell"
CELL_WORDS = (NC_("check cell", "未找到"), NC_("check cell", "无法计算"), NC_("check cell", "未写明"),
              NC_("check cell", "联系电话行"))
_LATER_THAN = re.compile(r"^晚于 (\S+)$")
_DATE_SPAN = re.compile(r"^(\d{4}-\d{2}-\d{2})至(\d{4}-\d{2}-\d{2})$")
_DAYS = re.compile(r"^(不少于)?(\d+)天$")


def localised_text(text: object, msgid: object, values: object, code: str | None = None) -> object:
    """One subject or message: its msgid and values in language `code`, else the stored text."""
    if code == DEFAULT or (code is None and lang() == DEFAULT):
        return text  # the stored Chinese text, byte for byte
    if not isinstance(msgid, str) or not msgid:
        return text
    filled = _terms(json.loads(values), code) if isinstance(values, str) and values else {}
    message = msg_from_json(msgid, json.dumps(filled, ensure_ascii=False))
    return text if message is None else t_msg(message, code)


def _terms(values: dict, code: str | None) -> dict:
    """Values that are vocabulary terms (fund source and sector names) in the language (ui.glossary)."""
    return {k: ({**v, "_values": _terms(v["_values"], code)} if isinstance(v, dict) and "_msgid" in v else
                term(v, code) if isinstance(v, str) and not k.startswith("_") else v)
            for k, v in values.items()}


def localised_cell(value: object, code: str | None = None) -> object:
    """An expected/actual cell in language `code`: the loaders' own words ("未找到", "晚于 2025-09-30",
    "2020-11-01至2020-12-31", "不少于5天") in English; figures and text quoted from a bulletin as they are."""
    code = code or lang()
    if code == DEFAULT or not isinstance(value, str):
        return value
    if value in CELL_WORDS:
        return pgettext(CELL, value, code)
    if later := _LATER_THAN.match(value):
        return _("after {date}", code, date=later.group(1))
    if span := _DATE_SPAN.match(value):
        return _("{start} to {end}", code, start=span.group(1), end=span.group(2))
    if days := _DAYS.match(value):
        n = int(days.group(2))
        if days.group(1):
            return ngettext("at least {n} day", "at least {n} days", n, code, n=n)
        return ngettext("{n} day", "{n} days", n, code, n=n)
    return value


def localised(frame: pd.DataFrame, code: str | None = None) -> pd.DataFrame:
    """`frame` (rows of data_quality) with `subject` and `message` in language `code` (the reader's by
    default), the loaders' words in `expected`/`actual` too; the msgid/values columns are dropped. In Chinese the text is the stored text."""
    code = code or lang()
    out = frame.copy()
    for column in ("subject", "message"):
        msgid, values = f"{column}_msgid", f"{column}_values"
        if column in out and msgid in out:
            out[column] = [localised_text(t, m, v, code) for t, m, v in
                           zip(out[column], out[msgid], out[values] if values in out else [None] * len(out))]
    for column in ("expected", "actual"):
        if column in out and code != DEFAULT:
            out[column] = [localised_cell(v, code) for v in out[column]]
    return out.drop(columns=[c for c in ("subject_msgid", "subject_values", "message_msgid", "message_values")
                             if c in out])
