"""The town filter shared by every page (widget lives in dashboard.py, bound to ?town=)."""
from __future__ import annotations

import streamlit as st

ALL_TOWNS = "全区"
TOWN_KEY = "town"


def selected_town() -> str | None:
    """The chosen 济阳 town's full name, or None for 全区."""
    value = st.session_state.get(TOWN_KEY, ALL_TOWNS)
    return None if value in (None, ALL_TOWNS) else value
