"""The document library's filters (district, kind, edition, year, issuer, text), each kept in the URL.

The URL holds option values (district names, kind codes, bulletin ids, years), never the shown
labels: a link copied in English reopens the same list in Chinese. That is why these widgets are
not bound with bind="query-params" (it writes the formatted label). A parameter absent from the
URL means "the default": the district follows the sidebar's, everything else is the whole archive.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from ui.data import catalog
from ui.data import editions as ed
from ui.filters import KIND_LABELS, kind_label, selected_district
from ui.i18n import N_, _, lang

DISTRICTS, KINDS, EDITIONS, YEARS = "lib_district", "lib_kind", "lib_edition", "lib_year"
ISSUER, TITLE, HIT_ORDER = "lib_issuer", "lib_title", "lib_hits"
ALL = N_("全部")
BY_SCORE, BY_EDITION = "score", "edition"


@dataclass(frozen=True)
class Choice:
    districts: tuple[str, ...]
    kinds: tuple[str, ...]
    editions: tuple[str, ...]
    years: tuple[int, ...]
    bulletins: tuple[str, ...] | None   # the editions these select (None: every edition)


def _url_values(key: str, options: list) -> list | None:
    """The options named by ?key= (None when the URL does not name the key)."""
    if key not in st.query_params:
        return None
    by_text = {str(o): o for o in options}
    return [by_text[v] for v in st.query_params.get_all(key) if v in by_text]


def _to_url(key: str, multi: bool) -> None:
    """on_change: write the widget's value to the URL, or drop the key when it is the default again."""
    value = st.session_state.get(key)
    values = list(value or []) if multi else ([] if value is None else [value])
    if values == st.session_state.get(f"_{key}_default"):
        st.query_params.pop(key, None)
    else:
        # '?key=' (empty) keeps an explicit "all" apart from an absent key, which follows the default
        st.query_params[key] = [str(v) for v in values] or ""


def url_multiselect(where, label: str, options: list, key: str, default: list | None = None, **kwargs) -> list:
    default = [o for o in (default or []) if o in options]
    st.session_state[f"_{key}_default"] = default
    wanted = _url_values(key, options)
    st.session_state[key] = default if wanted is None else wanted  # the URL is the truth on every run
    return where.multiselect(label, options, key=key, on_change=_to_url, args=(key, True), **kwargs)


def url_selectbox(where, label: str, options: list, key: str, default, **kwargs):
    st.session_state[f"_{key}_default"] = [default]
    wanted = _url_values(key, options)
    st.session_state[key] = wanted[0] if wanted else default
    return where.selectbox(label, options, key=key, on_change=_to_url, args=(key, False), **kwargs)


def edition_text(row) -> str:
    """'济阳区 · 2021年第1期' (district and edition as printed; the kind is shown beside it)."""
    district = row.district if isinstance(row.district, str) and row.district else "—"
    return f"{district} · {ed.edition_label(row)}"


def edition_texts(frame: pd.DataFrame) -> dict[str, str]:
    return {row.bulletin_id: edition_text(row) for row in frame.itertuples()}


def newest_first(frame: pd.DataFrame) -> list[str]:
    """Bulletin ids in the archive's order: by district, the newest edition first (as store.catalog lists)."""
    ordered = frame.sort_values(["district", "year", "issue", "published", "bulletin_id"],
                                ascending=[True, False, False, False, True], na_position="last", kind="stable")
    return ordered.bulletin_id.tolist()


def edition_filters(frame: pd.DataFrame) -> Choice:
    """District, kind, edition and year: the editions both the search and the catalogue read."""
    code = lang()
    sidebar = selected_district()
    one, two, three, four = st.columns([1, 1.2, 1.6, 1.2])  # wide enough for a "区政府公报" and two "2021年" chips
    districts = url_multiselect(one, _("区县"), ed.districts(frame), DISTRICTS, [sidebar] if sidebar else [],
                                placeholder=_("全部区县"))
    kinds_loaded = set(frame.kind.dropna())
    kinds = url_multiselect(two, _("类型"), [k for k in KIND_LABELS if k in kinds_loaded] +
                            sorted(kinds_loaded - set(KIND_LABELS)), KINDS,
                            format_func=lambda k, code=code: kind_label(k, code), placeholder=_("全部类型"))
    # Editions and years offered are those of the chosen districts and kinds.
    narrowed = frame[(frame.district.isin(districts) | (not districts)) & (frame.kind.isin(kinds) | (not kinds))]
    labels = {b: f"{text} · {kind_label(k, code)}" for (b, text), k in
              zip(edition_texts(narrowed).items(), narrowed.kind)}
    editions = url_multiselect(three, _("期次"), newest_first(narrowed), EDITIONS,
                               format_func=lambda b, labels=labels: labels.get(b, b), placeholder=_("全部期次"))
    years = url_multiselect(four, _("年份"), sorted({int(y) for y in narrowed.year.dropna()}, reverse=True), YEARS,
                            format_func=lambda y, code=code: _("{year}年", code, year=y), placeholder=_("全部年份"))
    return Choice(tuple(districts), tuple(kinds), tuple(editions), tuple(years),
                  catalog.bulletins_matching(frame, districts, kinds, editions, years))


def document_filters(bulletins: tuple[str, ...] | None) -> tuple[str | None, str]:
    """Issuer (of the chosen editions' documents) and a text in the title or 文号."""
    code = lang()
    left, right = st.columns([1.4, 2])
    issuer = url_selectbox(left, _("发文机关"), [ALL, *catalog.document_issuers(bulletins)], ISSUER, ALL,
                           format_func=lambda v, code=code: _(v, code) if v == ALL else v)
    keyword = right.text_input(_("标题或文号包含"), key=TITLE, bind="query-params", placeholder=_("如 医保、政办字"))
    return (None if issuer == ALL else issuer), keyword.strip()


def hit_order() -> str:
    code = lang()
    labels = {BY_SCORE: _("按相关度", code), BY_EDITION: _("按期次分组", code)}
    st.session_state[f"_{HIT_ORDER}_default"] = [BY_SCORE]
    wanted = _url_values(HIT_ORDER, list(labels))
    st.session_state[HIT_ORDER] = wanted[0] if wanted else BY_SCORE
    chosen = st.segmented_control(_("结果排列"), list(labels), key=HIT_ORDER, format_func=lambda v: labels.get(v, v),
                                  on_change=_to_url, args=(HIT_ORDER, False), required=True)
    return chosen or BY_SCORE


def town_notice() -> None:
    """One line at the top of a page that keeps ?town= (for the next page) but does not filter by it."""
    from ui.filters import selected_town  # the sidebar's choice (bound to ?town=)

    town = selected_town()
    if town:
        st.info(_("本页不按镇街筛选，显示全部内容（已选镇街“{town}”在其他页面照常生效）。", town=town),
                icon=":material/filter_alt_off:")
