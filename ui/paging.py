"""Paging for long lists: the store returns one page (LIMIT/OFFSET) and a count; downloads fetch
every matching row only when clicked."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from ui.downloads import fetch_buttons
from ui.i18n import _

PAGE_SIZE = 50


def page_window(total: int, key: str, per_page: int = PAGE_SIZE) -> tuple[int, int]:
    """Page controls for `total` rows; returns (offset, limit) for the store query. Shows
    “第 x–y 条，共 n 条”; the page number is kept in session state under `key`."""
    pages = max(1, -(-int(total) // per_page))
    if not isinstance(st.session_state.get(key), int) or not 1 <= st.session_state[key] <= pages:
        st.session_state[key] = 1  # first visit, or the filters now give fewer pages
    if pages > 1:
        def step(delta: int) -> None:
            st.session_state[key] = min(pages, max(1, st.session_state[key] + delta))

        prev_col, number_col, next_col, _spare = st.columns([1, 1.4, 1, 3], vertical_alignment="bottom")
        prev_col.button(_("上一页"), key=f"{key}-prev", on_click=step, args=(-1,), icon=":material/chevron_left:",
                        disabled=st.session_state[key] <= 1)
        number_col.number_input(_("页码（共 {pages} 页）", pages=pages), min_value=1, max_value=pages, step=1, key=key)
        next_col.button(_("下一页"), key=f"{key}-next", on_click=step, args=(1,), icon=":material/chevron_right:",
                        disabled=st.session_state[key] >= pages)
    offset = (st.session_state[key] - 1) * per_page
    if total:
        st.caption(_("第 {first}–{last} 条，共 {total} 条", first=offset + 1, last=min(offset + per_page, total),
                     total=f"{int(total):,}"))
    return offset, per_page


def lazy_downloads(fetch: Callable[[], pd.DataFrame], stem: str, key: str) -> None:
    """CSV and Excel of every matching row (not just the page shown), fetched when clicked."""
    fetch_buttons(fetch, stem, key, _("下载 CSV（全部匹配行）"), _("下载 Excel（全部匹配行）"))
