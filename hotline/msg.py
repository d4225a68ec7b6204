"""Messages the import shows to users: Chinese text that the page can also show in English.

`Msg("文件列数过多（{n} 列）", n=300)` *is* the Chinese string (a str), so tests, logs and
callers that only want Chinese need nothing else; the page passes it to `ui.i18n.t_msg`,
which looks `msgid` up in the English table and fills in the same values.
"""
from __future__ import annotations

from typing import Self


class Msg(str):
    msgid: str
    values: dict

    def __new__(cls, msgid: str, **values) -> Self:
        text = msgid.format(**values) if values else msgid
        obj = super().__new__(cls, text)
        obj.msgid = msgid
        obj.values = values
        return obj

    def __reduce__(self):  # pickles (and copies) as a Msg, not as a bare str
        return (_rebuild, (self.msgid, self.values))


def _rebuild(msgid: str, values: dict) -> Msg:
    return Msg(msgid, **values)


class ReadError(ValueError):
    """The file cannot be read at all; the message (a Msg) is Chinese and meant for the user."""
