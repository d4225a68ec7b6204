"""The filters shared by every page: district, edition and town (widgets in dashboard.py, bound to
?district=, ?edition= and ?town=)."""
from __future__ import annotations

import streamlit as st

from store import editions as ed
from ui.i18n import t

ALL_TOWNS = "全区"
TOWN_KEY = "town"
ALL_DISTRICTS = "全部区县"
DISTRICT_KEY = "district"
LATEST = "最新"
EDITION_KEY = "edition"
KIND_LABELS = {"gazette": "区政府公报", "compendium": "方案汇编", "document": "单个文件"}


def selected_town() -> str | None:
    """The chosen town's full name, or None for 全区."""
    value = st.session_state.get(TOWN_KEY, ALL_TOWNS)
    return None if value in (None, ALL_TOWNS) else value


def selected_district() -> str | None:
    value = st.session_state.get(DISTRICT_KEY, ALL_DISTRICTS)
    return None if value in (None, ALL_DISTRICTS) else value


def selected_edition() -> str | None:
    """The bulletin id chosen in the sidebar, or None for the latest edition of each kind."""
    value = st.session_state.get(EDITION_KEY, LATEST)
    return None if value in (None, LATEST) else value


def selected_bulletins() -> tuple[str, ...]:
    """The bulletin ids every page reads (see store.editions.scope)."""
    return ed.scope(ed.editions(), selected_district(), selected_edition())


def kind_label(kind: str, code: str | None = None) -> str:
    return t(KIND_LABELS.get(kind, kind), code)


def edition_option_label(bulletin_id: str, code: str | None = None) -> str:
    """'济阳区 · 2020年第4期 · 区政府公报' for the edition selector and citations (`code`: the language,
    fixed when the widget is drawn, since AppTest formats values outside the script run)."""
    if bulletin_id in (None, LATEST):
        return t("各类最新一期", code)
    frame = ed.editions()
    rows = frame[frame.bulletin_id == bulletin_id]
    if rows.empty:
        return bulletin_id
    row = rows.iloc[0]
    return f"{row.district} · {ed.edition_label(row)} · {kind_label(row.kind, code)}"
