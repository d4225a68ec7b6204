"""The one error type a build raises: it names the document and line to look at."""
from __future__ import annotations

from textkit.msg import Msg


class BuildError(Exception):
    """`message` is a textkit.msg.Msg (or plain Chinese text); str(error) is the Chinese text with the
    document and line, and `error.msg` the same as a Msg the UI shows in the reader's language (t_msg)."""

    def __init__(self, message: str | Msg, doc_id: str | None = None, line: int | None = None):
        self.message, self.doc_id, self.line = message, doc_id, line
        if doc_id and line:
            where = Msg("文件 {doc_id} 第 {line} 行", doc_id=doc_id, line=line)
        elif doc_id:
            where = Msg("文件 {doc_id}", doc_id=doc_id)
        elif line:
            where = Msg("第 {line} 行", line=line)
        else:
            where = None
        self.msg = Msg("{message}（{where}）", message=message, where=where) if where else message
        super().__init__(str(self.msg))
