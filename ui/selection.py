"""Click-to-drill: copy the category a user clicked in a chart into a selectbox's state.

The selectbox stays the accessible, keyboard-usable way to choose; a click on a bar
or treemap tile just sets it.
"""
from __future__ import annotations

from collections.abc import Callable

import streamlit as st


def clicked_value(selection, field: str) -> str | None:
    points = (selection or {}).get("selection", {}).get("points", []) if isinstance(selection, dict) else \
        getattr(getattr(selection, "selection", None), "points", None) or []
    for point in points:
        value = point.get(field) or point.get("label")
        if value:
            return str(value)
    return None


def click_sets(state_key: str, chart_key: str, field: str = "y", allowed: list[str] | None = None,
               to_value: Callable[[str], str] | None = None) -> Callable[[], None]:
    """`to_value` maps a clicked label back to the value it shows (an English sector name to the sector)."""
    def on_select() -> None:
        value = clicked_value(st.session_state.get(chart_key), field)
        if value and to_value is not None:
            value = to_value(value)
        if value and (allowed is None or value in allowed):
            st.session_state[state_key] = value
    return on_select
