"""The write log (append-only) and the rows later writes replaced."""
from __future__ import annotations

import streamlit as st

from hotline.fields import KIND_LABELS
from store import hotline as hstore
from ui.downloads import download_buttons
from ui.i18n import _
from views.hotline.common import shown


def _kind_label(kind: str) -> str:
    return _(KIND_LABELS.get(kind, kind))


def records_view(store: hstore.HotlineStore) -> None:
    st.markdown(_("##### 写入记录（只增不改）"))
    audit = store.audit()
    if audit.empty:
        st.caption(_("尚无写入记录。"))
    else:
        table = shown(audit.assign(kind=audit["kind"].map(_kind_label)))
        st.dataframe(table, hide_index=True, width="stretch")
        download_buttons(table, _("12345热线_写入记录"), key="hotline-audit")
    st.markdown(_("##### 被替换的历史记录"))
    history = hstore.history_rows(store.history())
    if history.empty:
        st.caption(_("尚无被替换的记录。"))
    else:
        st.dataframe(shown(history), hide_index=True, width="stretch")
        download_buttons(shown(history), _("12345热线_替换历史"), key="hotline-history")
