"""Messages built outside Streamlit (hotline import, loaders' BuildError, conversion errors) that the
UI shows in the reader's language.

`Msg("文件列数过多（{n} 列）", n=300)` *is* the Chinese string (a str), so tests, logs and callers
that only want Chinese need nothing else; the UI passes it to `ui.i18n.t_msg`, which looks `msgid`
up in the catalogue (locale/en/LC_MESSAGES/messages.po) and fills in the same values.
`NMsg(singular, plural, n, **values)` is the same for a message with a count (English "1 row" /
"2 rows"); in Chinese singular and plural are usually the same text.

`N_()` and `NC_()` only mark a literal for `pybabel extract` (labels defined in data: a tuple of
tab names, a dict of statuses); they return it unchanged and the UI translates it later with
`_(value)` / `pgettext(context, value)`. This module imports nothing from ui/ or Streamlit.
"""
from __future__ import annotations

from typing import Self


def N_(msgid: str) -> str:
    """Mark `msgid` for extraction; translated later, where it is shown."""
    return msgid


def NC_(context: str, msgid: str) -> str:
    """Mark `msgid` with its context for extraction; shown later with pgettext(context, msgid)."""
    return msgid


class Msg(str):
    msgid: str
    values: dict
    context: str = ""

    def __new__(cls, msgid: str, **values) -> Self:
        text = msgid.format(**values) if values else msgid
        obj = super().__new__(cls, text)
        obj.msgid = msgid
        obj.values = values
        return obj

    def __reduce__(self):  # pickles (and copies) as a Msg, not as a bare str
        return (_rebuild, (self.msgid, self.values))


class NMsg(Msg):
    """A message with a count: `n` picks the English singular or plural; `{n}` may appear in the text."""
    plural: str
    n: int

    def __new__(cls, singular: str, plural: str, n: int, **values) -> Self:
        values = {"n": n, **values}
        text = (singular if n == 1 else plural).format(**values)
        obj = str.__new__(cls, text)
        obj.msgid, obj.plural, obj.n, obj.values = singular, plural, n, values
        return obj

    def __reduce__(self):
        values = {k: v for k, v in self.values.items() if k != "n"}
        return (_rebuild_plural, (self.msgid, self.plural, self.n, values))


def _rebuild(msgid: str, values: dict) -> Msg:
    return Msg(msgid, **values)


def _rebuild_plural(singular: str, plural: str, n: int, values: dict) -> NMsg:
    return NMsg(singular, plural, n, **values)


class MsgError(ValueError):
    """An error whose message (a Msg, Chinese) is meant for the user; str(error) is the Chinese text
    and `error.msg` the Msg the UI translates with t_msg."""

    def __init__(self, msg: Msg, *args) -> None:
        super().__init__(msg, *args)
        self.msg = msg

    def __str__(self) -> str:
        return str(self.msg)


def msg_values_json(message: object) -> tuple[str | None, str | None]:
    """(msgid, values as JSON) of a Msg, to store beside its Chinese text; (None, None) for plain text.
    A value that is itself a Msg is stored as {"_msgid": …, "_values": {…}}; an NMsg's plural as "_plural"."""
    import json

    if not isinstance(message, Msg):
        return None, None
    encoded = _encode(message)
    return encoded["_msgid"], json.dumps(encoded["_values"], ensure_ascii=False, sort_keys=True)


def msg_from_json(msgid: str | None, values: str | None) -> Msg | None:
    """The Msg stored by msg_values_json (None when there is no msgid: plain text, or an older database)."""
    import json

    if not msgid or not isinstance(msgid, str):
        return None
    return _decode({"_msgid": msgid, "_values": json.loads(values) if isinstance(values, str) and values else {}})


def _encode(message: Msg) -> dict:
    values = {k: (_encode(v) if isinstance(v, Msg) else
                  v if isinstance(v, (int, float, bool)) or v is None else str(v))
              for k, v in message.values.items()}
    if isinstance(message, NMsg):
        values["_plural"] = message.plural
    if message.context:
        values["_context"] = message.context
    return {"_msgid": message.msgid, "_values": values}


def _decode(encoded: dict) -> Msg:
    values = {k: (_decode(v) if isinstance(v, dict) and "_msgid" in v else v)
              for k, v in encoded["_values"].items()}
    plural, context, msgid = values.pop("_plural", None), values.pop("_context", ""), encoded["_msgid"]
    if plural is not None:
        n = int(values.pop("n"))
        message: Msg = NMsg(msgid, plural, n, **values)
    else:
        message = Msg(msgid, **values)
    if context:
        message.context = context
    return message
