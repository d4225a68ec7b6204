"""Tabs whose open tab is part of the page's link (?tab=…) and survives a language switch.

Streamlit's own binding (`bind="query-params"`) drops the parameter whenever the labels change,
because the labels are part of the widget's identity: after a switch to English the right tab
stayed open but a link copied at that moment lost it. Here the URL is written from the open tab
after every run instead, in the reader's language."""
from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from ui.i18n import LANGUAGES, _, lang


def label_for(choice: str | None, msgids: Sequence[str], code: str) -> str | None:
    """The label, in language `code`, of the tab `choice` names in any language (None if it names none)."""
    if choice is None:
        return None
    for msgid in msgids:
        if choice == msgid or any(choice == _(msgid, other) for other in LANGUAGES):
            return _(msgid, code)
    return None


def url_tabs(key: str, msgids: Sequence[str], fallback: str | None = None) -> Sequence:
    """st.tabs for `msgids` in the current language. The open tab comes from this session, else
    from ?key= (a link in either language), else it is `fallback` (a msgid; the first by default);
    only the open tab's `.open` is True, so pages run only what is shown. The URL names the open tab
    unless it is the one a link without ?key= opens."""
    code = lang()
    labels = [_(m, code) for m in msgids]
    default = label_for(fallback, msgids, code) or (labels[0] if labels else None)
    chosen = label_for(st.session_state.get(key), msgids, code) or label_for(st.query_params.get(key), msgids, code)
    if chosen is None and default is not None and default != (labels[0] if labels else None):
        chosen = default
    if chosen is None:
        st.session_state.pop(key, None)  # a tab of another page, or one this reader may not see
    elif st.session_state.get(key) != chosen:
        st.session_state[key] = chosen
    tabs = st.tabs(labels, key=key, on_change="rerun")
    open_label = next((label for label, tab in zip(labels, tabs) if tab.open), labels[0] if labels else None)
    if open_label is None or open_label == default:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != open_label:
        st.query_params[key] = open_label
    return tabs
