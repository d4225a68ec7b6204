"""Messages the import shows to users: Chinese text that the page can also show in English.

Msg and NMsg live in textkit.msg (loaders use them too). `Msg("文件列数过多（{n} 列）", n=300)` *is* the Chinese string (a str), so tests, logs and
callers that only want Chinese need nothing else; the page passes it to `ui.i18n.t_msg`,
which looks `msgid` up in the English table and fills in the same values.
"""
from __future__ import annotations

from textkit.msg import N_, NC_, Msg, NMsg, _rebuild  # noqa: F401  (re-exported: hotline code and pickles use them)


class ReadError(ValueError):
    """The file cannot be read at all; the message (a Msg) is Chinese and meant for the user."""
