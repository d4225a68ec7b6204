"""The one error type a build raises: it names the document and line to look at."""
from __future__ import annotations


class BuildError(Exception):
    def __init__(self, message: str, doc_id: str | None = None, line: int | None = None):
        self.message, self.doc_id, self.line = message, doc_id, line
        where = " ".join(part for part in (
            f"文件 {doc_id}" if doc_id else "", f"第 {line} 行" if line else "") if part)
        super().__init__(f"{message}（{where}）" if where else message)
