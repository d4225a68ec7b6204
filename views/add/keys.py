"""Session keys of the add page, and the upload limit."""
from __future__ import annotations

from loaders.convert import MAX_BYTES

ROUND_KEY = "add_upload_round"
PREVIEW_KEY = "add_preview"
META_KEY = "add_meta"
PUBLISHED_KEY = "add_published"
WATCHING_KEY = "add_watching_rebuild"
MAX_MB = MAX_BYTES // 2**20
