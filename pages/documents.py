"""文件库：全部文件的目录、全文检索，以及按行号打开的原文阅读视图（?doc=…&line=…）。

?doc= and ?q= come from links anyone can craft: they are shown as text (ui.text.plain), never as Markdown.
The bodies are in views/documents/ (reader, finder, catalogue)."""
from __future__ import annotations

import streamlit as st

from ui import library
from ui.data import catalog, curated
from ui.data import editions as ed
from ui.i18n import _
from ui.layout import page_header
from ui.text import plain
from views.documents.catalogue import document_list
from views.documents.finder import search_section
from views.documents.reader import reader

doc_id = st.query_params.get("doc")
if doc_id and curated.document(doc_id) is not None:
    library.town_notice()
    reader(doc_id)
else:
    page_header(_("文件库"), _("全部 {editions} 期公报的 {documents} 份文件：目录、全文检索和按行号引用的原文。"
                               "应用中每一处“查看原文”都链接到这里的具体行。", editions=len(ed.editions()),
                               documents=f"{catalog.document_count():,}"))
    library.town_notice()
    if doc_id:
        st.error(_("找不到文件“{doc_id}”。请从下方的文件目录中选择。", doc_id=plain(doc_id)), icon=":material/error:")
    # One set of edition filters for both the search and the catalogue (all in the URL: a link reopens them).
    choice = library.edition_filters(ed.editions())
    search_section(choice)
    st.subheader(_("文件目录"))
    document_list(choice)
