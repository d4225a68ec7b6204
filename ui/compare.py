"""Components of the "历次变化" page: the pair of editions (kept in ?older=&newer=), figures side by
side with their difference, direction and the citations of both editions."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pandas as pd
import streamlit as st

from ui import compare_charts, glossary, palette
from ui import format as fmt
from ui.data import compare
from ui.data import editions as ed
from ui.downloads import download_buttons
from ui.filters import edition_option_label, kind_label, selected_district
from ui.i18n import N_, _, lang, ngettext
from ui.layout import chart
from ui.links import with_lang
from ui.provenance import citation, source_caption
from ui.tables import headings

OLDER, NEWER, DISTRICT, KIND = "older", "newer", "changes_district", "changes_kind"
ARROWS = {"up": "▲", "down": "▼", "same": "＝", "added": "＋", "removed": "−", "changed": "≠",
          "met": "✓", "moved": "↔", "dropped": "✕"}
DIRECTIONS = {"up": N_("增加"), "down": N_("减少"), "same": N_("不变"), "added": N_("新增"), "removed": N_("删除"), "changed": N_("有变动"),
              "met": N_("已达成"), "moved": N_("调整"), "dropped": N_("取消")}
# Text colours that read on both themes' backgrounds: up in blue, down in orange-red (the arrow says it too).
_COLOURS = {"up": palette.TEXT_PRIMARY["light"], "added": palette.TEXT_PRIMARY["light"],
            "met": palette.TEXT_PRIMARY["light"], "down": palette.TEXT_ACCENT["light"],
            "removed": palette.TEXT_ACCENT["light"], "dropped": palette.TEXT_ACCENT["light"]}


def direction_text(direction: str, code: str | None = None) -> str:
    return f"{ARROWS.get(direction, '')} {_(DIRECTIONS.get(direction, direction), code)}".strip()


# ---- the pair -------------------------------------------------------------------------------

def choose_pair() -> tuple[str, str] | None:
    """District, kind and the two editions; None (after saying why in one line) when there is no pair.

    The first run takes ?older=&newer= from the link when they name two editions of one district and
    kind; otherwise the two latest gazettes of the sidebar's district (or of the first district
    that has two editions)."""
    frame = ed.editions()
    districts = ed.districts(frame)
    if not districts:
        _fewer_than_two(_("还没有载入任何公报。"))
        return None
    wanted = st.query_params.get(OLDER), st.query_params.get(NEWER)
    if DISTRICT not in st.session_state:
        sidebar = selected_district()
        if compare.valid_pair(frame, *wanted) and (not sidebar or frame.set_index("bulletin_id").district[wanted[0]] == sidebar):
            row = frame.set_index("bulletin_id").loc[wanted[0]]
            st.session_state[DISTRICT], st.session_state[KIND] = row.district, row.kind
            st.session_state[OLDER], st.session_state[NEWER] = wanted
        else:
            st.session_state[DISTRICT] = sidebar or next(
                (d for d in districts if compare.comparable_kinds(frame, d)), districts[0])
    sidebar = selected_district()
    if sidebar and st.session_state[DISTRICT] != sidebar:   # the sidebar's district was changed: follow it
        st.session_state[DISTRICT] = sidebar
    code = lang()
    left, middle, right, far = st.columns([2, 2, 3, 3])
    district = left.selectbox(_("区县"), districts, key=DISTRICT, disabled=bool(sidebar),
                              help=_("侧栏选了区县时按侧栏；否则在这里选。"))
    kinds = sorted(frame[frame.district == district].kind.unique(), key=lambda k: (k != "gazette", k))
    comparable = compare.comparable_kinds(frame, district)
    if st.session_state.get(KIND) not in kinds:
        st.session_state[KIND] = (comparable or kinds)[0]
    kind = middle.selectbox(_("公报类型"), kinds, key=KIND, format_func=lambda k: kind_label(k, code))
    assert kind is not None  # kinds is not empty: its first is the default above
    ids = compare.kind_editions(frame, district, kind).bulletin_id.tolist()
    if len(ids) < 2:
        _fewer_than_two(ngettext("{district}的{kind}目前只有 {n} 期，至少要两期才能比较。", "{district}的{kind}目前只有 {n} 期，至少要两期才能比较。",
                                 len(ids), code, district=district, kind=kind_label(kind, code)))
        return None
    default = compare.default_pair(frame, district, kind)
    for key, value in ((OLDER, default[0]), (NEWER, default[1])):
        if st.session_state.get(key) not in ids:
            st.session_state[key] = value
    label = lambda b, c=code: edition_option_label(b, c)  # noqa: E731
    older = right.selectbox(_("较早一期"), ids, key=OLDER, format_func=label)
    newer = far.selectbox(_("较新一期"), list(reversed(ids)), key=NEWER, format_func=label)
    _keep_pair_in_url(older, newer)
    if older == newer:
        st.info(_("请选择两期不同的公报。"), icon=":material/info:")
        return None
    if ids.index(older) > ids.index(newer):   # compare in time order whichever way they were picked
        older, newer = newer, older
    return older, newer


def _keep_pair_in_url(older: str, newer: str) -> None:
    """?older=&newer= hold bulletin ids, so a pasted link reopens the same pair."""
    if st.query_params.get(OLDER) != older:
        st.query_params[OLDER] = older
    if st.query_params.get(NEWER) != newer:
        st.query_params[NEWER] = newer


def _fewer_than_two(reason: str) -> None:
    st.info(reason + " " + _("[添加一期公报]({url})：编辑登录后上传新一期（.txt、.docx 或 .pdf），发布后即可在这里比较。",
                           url=with_lang("/add")),
            icon=":material/compare_arrows:")


# ---- figures side by side -------------------------------------------------------------------

def cite_both(frame: pd.DataFrame, older: str, newer: str) -> None:
    """Captions (with links and copy boxes) citing every document of both editions the rows come from."""
    for side, label in (("old", _("较早一期")), ("new", _("较新一期"))):
        rows = frame.dropna(subset=[f"{side}_doc_id"])
        for doc_id, lines in rows.groupby(f"{side}_doc_id", sort=False)[f"{side}_line"]:
            source_caption(doc_id, [int(v) for v in lines], note=f"（{label}）")


def _row_citation(doc_id, line) -> str:
    return "" if pd.isna(doc_id) else citation(doc_id, int(line))


def _numbers(values: pd.Series) -> pd.Series | None:
    """The values as numbers when every one that is there is a number (else None: keep the text)."""
    numbers = pd.to_numeric(values, errors="coerce")
    return numbers.astype(float) if numbers.notna().sum() == values.notna().sum() else None


def side_by_side_table(frame: pd.DataFrame, keys: Sequence[str] | Mapping[str, str], value_format: Callable | None,
                       key: str, stem: str, only_changed: bool = False,
                       extra: Sequence[str] | Mapping[str, str] | None = None, table: str | None = None) -> None:
    """A table: the keys, the value in each edition, the difference, the direction, `extra` columns
    (e.g. a person's role in each edition) and both citations. Keys and extra columns are labelled
    from the registry (loaders/labels.py; `table` picks a table's own labels) unless given as a
    column -> heading map. The download keeps the values as numbers."""
    rows = frame[frame.direction != "same"] if only_changed else frame
    if rows.empty:
        return
    code = lang()
    key_labels = dict(keys) if isinstance(keys, Mapping) else headings(keys, table)
    extra_labels = dict(extra) if isinstance(extra, Mapping) else headings(extra or (), table)
    change, old_col, new_col, diff_col = _("变化"), _("较早一期"), _("较新一期"), _("差额")
    # On screen a fund source or sector is named in the language; the download keeps the value as printed.
    shown = pd.DataFrame({label: glossary.localise(rows[column], code).values if column in glossary.COLUMNS
                          else rows[column].values for column, label in key_labels.items()})
    export = pd.DataFrame({label: rows[column].values for column, label in key_labels.items()})
    if value_format is not None and (rows.old_value.notna().any() or rows.new_value.notna().any()):
        shown[old_col] = [value_format(v) for v in rows.old_value]
        shown[new_col] = [value_format(v) for v in rows.new_value]
        shown[diff_col] = ["—" if pd.isna(v) else "0" if v == 0 else value_format(v, signed=True)
                           for v in rows.difference]
        for column, source in ((old_col, rows.old_value), (new_col, rows.new_value), (diff_col, rows.difference)):
            numbers = _numbers(source)
            export[column] = numbers.values if numbers is not None else shown[column].values
    for column, label in extra_labels.items():
        shown[label] = rows[column].fillna("—").values
        export[label] = rows[column].values
    shown[change] = [direction_text(d, code) for d in rows.direction]
    shown[_("较早一期出处")] = [_row_citation(d, n) for d, n in zip(rows.old_doc_id, rows.old_line)]
    shown[_("较新一期出处")] = [_row_citation(d, n) for d, n in zip(rows.new_doc_id, rows.new_line)]
    for column in (change, _("较早一期出处"), _("较新一期出处")):
        export[column] = shown[column].values
    shown = shown.map(lambda v: "—" if v is None or (isinstance(v, float) and pd.isna(v)) else v)
    colours = dict(zip(shown[change], rows.direction))
    styled = shown.style.map(lambda v: f"color: {_COLOURS[colours[v]]}; font-weight: 600"
                             if colours.get(v) in _COLOURS else "", subset=[change])
    st.dataframe(styled, hide_index=True, width="stretch", placeholder="—")
    download_buttons(export, stem, key=f"{key}-dl")


def changed_metrics(frame: pd.DataFrame, name: Callable[[pd.Series], str], value_format: Callable,
                    limit: int = 8) -> int:
    """One metric per changed row: the new value, the difference as delta (arrow and colour), and
    the old value in its help. Returns how many rows changed."""
    changed = frame[frame.direction.isin(["up", "down", "added", "removed"])]
    if changed.empty:
        return 0
    columns = st.columns(min(len(changed), 4))
    for i, (_index, row) in enumerate(changed.head(limit).iterrows()):
        col = columns[i % len(columns)]
        if row.direction in ("up", "down"):
            delta = value_format(row.difference, signed=True)
        else:
            delta = direction_text(row.direction)
        col.metric(name(row), value_format(row.new_value if pd.notna(row.new_value) else row.old_value),
                   delta=delta, delta_color="normal" if row.direction in ("up", "down") else "off",
                   help=_("较早一期：{old}；较新一期：{new}", old=value_format(row.old_value),
                          new=value_format(row.new_value)))
    return len(changed)


def money(value, signed: bool = False) -> str:
    """万元 with thousands separators; `signed` puts + before a rise."""
    if pd.isna(value):
        return "—"
    return f"{float(value):{'+' if signed else ''},.2f}" + fmt.unit_suffix(" 万元")


def persons(value, signed: bool = False) -> str:
    if pd.isna(value):
        return "—"
    return _("{n} 人", n=f"{int(value):{'+' if signed else ''},}")


def count(value, signed: bool = False) -> str:
    if pd.isna(value):
        return "—"
    return _("{n} 个", n=f"{int(value):{'+' if signed else ''},}")


def plain(value, signed: bool = False) -> str:
    if pd.isna(value):
        return "—"
    text = fmt.exact(abs(value) if signed else value)
    return (("+" if value > 0 else "−" if value < 0 else "±") + text) if signed else text


def sources_over_editions(district: str, kind: str, older: str, newer: str) -> None:
    """A line per fund source across every edition of this district and kind."""
    editions = compare.kind_editions(ed.editions(), district, kind)
    frame = compare.fund_sources_over_editions(tuple(editions.bulletin_id))
    if frame.empty:
        return
    labels = {row.bulletin_id: ed.edition_label(row) for row in editions.itertuples()}
    order = {b: i for i, b in enumerate(editions.bulletin_id)}
    data = (frame.assign(edition=frame.bulletin.map(labels), order=frame.bulletin.map(order))
            .sort_values(["order", "amount_wan"], ascending=[True, False]))
    data = glossary.localise_frame(data)
    fig = compare_charts.over_editions(data, "edition", "source_name", "amount_wan",
                                       _("各来源资金历次金额（万元）"), fmt.unit_suffix(" 万元"), lang=lang())
    latest = data[data.bulletin == data.bulletin.iloc[-1]]
    chart(fig, "changes-sources-over-editions", source=citation(latest.doc_id.iloc[0], latest.line),
          config={"displayModeBar": False})
    for bulletin, rows in data.groupby("bulletin", sort=False):
        if bulletin not in (older, newer):   # the table above cites the pair already
            source_caption(rows.doc_id.iloc[0], [int(v) for v in rows.line], note=f"（{labels[bulletin]}）")
