"""Data-quality checks (table data_quality) in the reader's language.

The loaders store each check's subject and message as Chinese text plus its message template (msgid)
and the template's values as JSON (textkit.msg.msg_values_json); this renders them with the English
catalogue (ui.i18n.t_msg). A row without a msgid (a database built before these columns) keeps its
stored Chinese text.
"""
from __future__ import annotations

import json

import pandas as pd

from textkit.msg import msg_from_json
from ui.glossary import term
from ui.i18n import DEFAULT, lang, t_msg


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


def localised(frame: pd.DataFrame, code: str | None = None) -> pd.DataFrame:
    """`frame` (rows of data_quality) with `subject` and `message` in language `code` (the reader's by
    default); the msgid/values columns are dropped. In Chinese the text is the stored text."""
    code = code or lang()
    out = frame.copy()
    for column in ("subject", "message"):
        msgid, values = f"{column}_msgid", f"{column}_values"
        if column in out and msgid in out:
            out[column] = [localised_text(t, m, v, code) for t, m, v in
                           zip(out[column], out[msgid], out[values] if values in out else [None] * len(out))]
    return out.drop(columns=[c for c in ("subject_msgid", "subject_values", "message_msgid", "message_values")
                             if c in out])
