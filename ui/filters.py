"""The filters shared by every page: district, edition and town (widgets in dashboard.py, bound to
?district=, ?edition= and ?town=)."""
from __future__ import annotations

import os
from types import SimpleNamespace

import streamlit as st

from ui.data import curated
from ui.data import editions as ed
from ui.i18n import _
from ui.links import page_url

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


def town_click(chart_key: str, field: str = "y", also: str | None = None):
    """on_select callback for a town chart (bar or donut slice): the clicked town becomes the sidebar's
    town filter (bound to ?town=, so the URL follows); `also` names another state key to set too."""
    def on_select() -> None:
        from ui.selection import clicked_value

        value = clicked_value(st.session_state.get(chart_key), field)
        towns = curated.towns()
        district = selected_district()
        if value and value in set(towns[towns.district == district].town_name if district else towns.town_name):
            st.session_state[TOWN_KEY] = value
            if also:
                st.session_state[also] = value
    return on_select


def ordered_towns(towns: list[str], with_figures: list[str]) -> list[str]:
    """The 镇街筛选 options: 全区, then the towns the editions shown have figures for, then the others
    (each group in the given order). With every district listed, a district whose plans name no town
    would otherwise head the list; no town is left out, so a chosen town stays chosen."""
    first = set(with_figures)
    return [ALL_TOWNS, *(t for t in towns if t in first), *(t for t in towns if t not in first)]


def selected_district() -> str | None:
    value = st.session_state.get(DISTRICT_KEY, ALL_DISTRICTS)
    return None if value in (None, ALL_DISTRICTS) else value


def selected_edition() -> str | None:
    """The bulletin id chosen in the sidebar, or None for the latest edition of each kind."""
    value = st.session_state.get(EDITION_KEY, LATEST)
    return None if value in (None, LATEST) else value


_scopes: dict[tuple, tuple[str, ...]] = {}


def selected_bulletins() -> tuple[str, ...]:
    """The bulletin ids every page reads (see store.editions.scope). A run asks several times (page,
    footer, sidebar); the answer is kept per loaded editions (by their ids: the cached frame is a new
    copy on every call), district and edition, so the sort behind it runs once, not once per call."""
    frame = ed.editions()
    key = (tuple(frame.bulletin_id), selected_district(), selected_edition())
    if key not in _scopes:
        if len(_scopes) >= 256:   # bounded: a long-running server sees many rebuilds and choices
            _scopes.clear()
        _scopes[key] = ed.scope(frame, key[1], key[2])
    return _scopes[key]


def kind_label(kind: str, code: str | None = None) -> str:
    return _(KIND_LABELS.get(kind, kind), code)


def edition_option_label(bulletin_id: str, code: str | None = None) -> str:
    """'济阳区 · 2020年第4期 · 区政府公报' for citations and links (`code`: the language, fixed when a
    widget is drawn, since AppTest formats values outside the script run). Two editions that would
    read the same are told apart (see edition_labels). A list of many editions: edition_labels."""
    if bulletin_id in (None, LATEST):
        return _("各类最新一期", code)
    return _labels(ed.editions(), code).get(bulletin_id, bulletin_id)


_memo: tuple = ((), None, {})


def _labels(frame, code: str | None) -> dict[str, str]:
    """edition_labels, computed again only when the loaded editions or the language change (the cached
    editions frame is a new copy on every call, so it is compared by its ids)."""
    global _memo
    ids = tuple(frame.bulletin_id)
    memo_ids, memo_code, labels = _memo
    if memo_ids != ids or memo_code != code:
        labels = edition_labels(frame, code)
        _memo = (ids, code, labels)
    return labels


def edition_labels(frame, code: str | None = None) -> dict[str, str]:
    """Bulletin id -> 'district · edition · kind', for every edition of `frame` (the 期次 list: one call
    per run, not one per option). Where several bulletins share that label (two plan compendia of one
    year), each gets what tells them apart: its publication date if those differ, else the end of its
    title after the part they share, else its id."""
    rows = frame[["bulletin_id", "district", "kind", "year", "issue", "published", "title"]].astype(object)
    groups: dict[str, list[dict]] = {}
    for row in rows.to_dict("records"):
        label = f"{row['district']} · {ed.edition_label(SimpleNamespace(**row))} · {kind_label(row['kind'], code)}"
        groups.setdefault(label, []).append(row)
    labels: dict[str, str] = {}
    for label, members in groups.items():
        for row, distinction in zip(members, _distinctions(members) if len(members) > 1 else [None]):
            labels[row["bulletin_id"]] = f"{label} · {distinction}" if distinction else label
    return labels


def _distinctions(rows: list[dict]) -> list[str]:
    published = [r["published"].strip() if isinstance(r["published"], str) else "" for r in rows]
    if all(published) and len(set(published)) == len(rows):
        return published
    titles = [r["title"] if isinstance(r["title"], str) else "" for r in rows]
    if all(titles) and len(set(titles)) == len(rows):
        # Characters, not paths, are compared on purpose; 第1期/第12期: keep numbers whole.
        shared = len(os.path.commonprefix(titles).rstrip("0123456789"))  # noqa: RUF071
        return [("…" if shared else "") + title[shared:] for title in titles]
    return [str(r["bulletin_id"]) for r in rows]


def scope_description(bulletins: tuple[str, ...], code: str | None = None) -> str:
    """'济阳区 2021年第1期 区政府公报与章丘区 2025年 方案汇编': the editions a page reads, named from the data."""
    frame = ed.editions()
    rows = frame[frame.bulletin_id.isin(bulletins)]
    names = [" ".join(part for part in (row.district if isinstance(row.district, str) else "", ed.edition_label(row),
                                        kind_label(row.kind, code)) if part)
             for row in rows.itertuples()]
    return _("与", code).join(names) if names else _("（没有公报）", code)


def edition_links(bulletin_ids: list[str], path: str, code: str | None = None) -> str:
    """Markdown links opening `path` on each of these editions (?edition=, plus the district and town
    filters in force, so the page opens where the reader was)."""
    frame = ed.editions().set_index("bulletin_id")
    links = []
    for bulletin in bulletin_ids:
        params = {EDITION_KEY: bulletin}
        if selected_district() and bulletin in frame.index:
            params[DISTRICT_KEY] = frame.loc[bulletin, "district"]
        town = selected_town()
        if town:
            params[TOWN_KEY] = town
        links.append(f"[{edition_option_label(bulletin, code)}]({page_url(path, code, **params)})")
    return _("、", code).join(links)


def missing_notice(table: str, what: str, path: str, code: str | None = None) -> bool:
    """One line when the chosen editions have no rows of `table`, linking to the editions that have
    them. Returns True when it said so (the page then stops)."""
    if curated.plan_of(table, selected_bulletins()) is not None:
        return False
    having = curated.bulletins_with(table)
    text = _("所选期次（{scope}）没有{what}。", code, scope=scope_description(selected_bulletins(), code), what=what)
    if having:
        text += _("有此内容的期次：", code) + edition_links(having, path, code)
    st.info(text, icon=":material/filter_alt_off:")
    return True


def clear_town() -> None:
    """on_click callback of a "show the whole district" button: the town filter (and ?town=) back to 全区."""
    st.session_state[TOWN_KEY] = ALL_TOWNS
