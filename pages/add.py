"""添加公报：编辑上传新一期公报（.txt / .docx / 带文字层的 .pdf），先预览读出的文件、数据表和核对结果，确认后发布。

Visitors see what the page is for and the sign-in box, never the uploader. The page parses nothing
and runs no SQL: loaders.add.preview() reads the upload exactly as the build will (nothing written),
loaders.add.register_bytes() keeps the file in the raw folder with its manifest row (the same
function as `python -m loaders.add`), and ui.rebuild rebuilds the database in the background —
every reader is served the old file until the new one is renamed into place. The bodies are in views/add/.
"""
from __future__ import annotations

import streamlit as st

from ui.editors import sign_in_box
from ui.i18n import _
from ui.layout import page_header
from views.add.editor import editor_view
from views.add.keys import META_KEY, PREVIEW_KEY, PUBLISHED_KEY

page_header(_("添加公报"), _("编辑上传新一期公报（.txt、.docx 或带文字层的 .pdf）：先预览读出的文件、数据表和逐行核对结果，"
                             "确认后发布。原文件原样保存在原始目录并登记；数据库在后台重建，完成前各页面照常显示原有数据。"))
editor = sign_in_box(_("**添加公报 · 编辑登录**"), sign_out_keys=(PREVIEW_KEY, META_KEY, PUBLISHED_KEY))
if editor.can_write:
    editor_view(editor)
else:
    st.info(_("添加公报需要编辑登录（见左侧栏）。访客可以浏览和下载全部已发布的公报。"), icon=":material/lock:")
    st.page_link("pages/documents.py", label=_("浏览文件库"), icon=":material/menu_book:")
