"""What a signed-in editor sees: the uploader, the preview with its form, and the publish button."""
from __future__ import annotations

import hashlib

import streamlit as st

from ui import rebuild
from ui.i18n import _
from views.add.keys import MAX_MB, META_KEY, PUBLISHED_KEY, ROUND_KEY
from views.add.preview import cached_preview, metadata_form, refused, show_preview
from views.add.publish import publish, rebuild_status


def editor_view(actor) -> None:
    status = st.container()
    round_no = st.session_state.get(ROUND_KEY, 0)
    upload = st.file_uploader(_("公报文件（.txt、.docx 或 .pdf，不超过 {mb} MB）", mb=MAX_MB),
                              type=["txt", "md", "docx", "pdf"],
                              max_upload_size=MAX_MB, key=f"add_upload_{round_no}",
                              help=_("文本文件请用 UTF-8 编码；Word 请用 .docx；PDF 须带文字层。"))
    st.caption(_("单个文件不超过 {mb} MB。扫描版 PDF 没有文字层，请先做文字识别（OCR）再上传。", mb=MAX_MB))
    state = rebuild.rebuild_status()
    if upload is not None and state is not None and not state.running:   # the next file: the last result was read
        st.session_state.pop(PUBLISHED_KEY, None)
    with status:
        rebuild_status()
    if upload is None:
        return
    data = upload.getvalue()
    sha = hashlib.sha256(data).hexdigest()
    chosen = st.session_state.get(META_KEY, {}).get(sha, {})
    found = cached_preview(data, upload.name, chosen)
    if found.text == "" or found.documents.empty:      # the file itself is refused: nothing to correct here
        refused(found)
        return
    asked = metadata_form(found, sha)
    if asked is not None and asked != chosen:
        st.session_state[META_KEY] = {sha: asked}
        st.rerun()
    show_preview(found)
    if found.refusals:
        refused(found)
    st.divider()
    if st.button(_("发布这一期"), type="primary", icon=":material/publish:", disabled=not found.ok, key="add_publish",
                 help=_("原样保存文件并登记，然后在后台重建数据库")):
        publish(found, data, actor)
