"""The month editor: one month of one kind as an editable table, checked like an import, and
written only against the rows the editor started from."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from hotline import auth, templates
from hotline.fields import DISTRICT, DRIVES, FIELDS, INDICATORS, UNITS
from hotline.summons import month_label
from hotline.validate import check_frame
from hotline.values import parse_month
from store import hotline as hstore
from ui.i18n import _, ngettext
from ui.text import plain
from views.hotline.checks import say, show_check
from views.hotline.common import kind_format, month_text
from views.hotline.writes import save

MANUAL_KINDS = (UNITS, DISTRICT, DRIVES)   # composite scores (any period) are imported, not typed month by month


def manual_entry(store: hstore.HotlineStore, actor: auth.Actor) -> None:
    left, right = st.columns(2)
    kind = left.selectbox(_("数据类型"), MANUAL_KINDS, format_func=kind_format(), key="hotline_manual_kind")
    stored = store.records(kind)
    known = sorted(set(stored["month"]), reverse=True) if not stored.empty else []
    month = right.text_input(_("月份（如 2025-07）"), value=known[0] if known else "", key="hotline_manual_month")
    try:
        month = parse_month(month)
    except ValueError as exc:
        if month:
            st.error(plain(exc))
        return
    labels = [f.label for f in FIELDS[kind] if f.name in templates.TEMPLATE_FIELDS[kind]]
    names = [f.name for f in FIELDS[kind] if f.name in templates.TEMPLATE_FIELDS[kind]]
    current = stored[stored["month"] == month] if not stored.empty else stored
    if kind == DISTRICT and not current.empty:
        current = _district_wide(current)
    start = pd.DataFrame({label: (current[name].map(_cell).tolist() if name in current else [""] * len(current))
                          for name, label in zip(names, labels)})
    if start.empty:
        start = pd.DataFrame([{label: (month_label(month) if name == "month" else "") for name, label in zip(names, labels)}])
    st.caption(ngettext("{month}现有 {n} 行。直接在表中修改、添加或删除行，保存前按导入规则逐行检查。",
                        "{month}现有 {n} 行。直接在表中修改、添加或删除行，保存前按导入规则逐行检查。", len(current),
                        month=month_text(month)))
    # The editor's columns keep the Chinese import headers (the validation reads them); only the
    # headers shown are translated.
    # The version of the rows this editor started from, taken once when the month is opened.
    version_key = f"hotline_editor_version_{kind}_{month}"
    if version_key not in st.session_state:
        st.session_state[version_key] = store.version(kind, [month])
    edited = st.data_editor(start.astype(str), num_rows="dynamic", width="stretch", key=f"hotline_editor_{kind}_{month}",
                            column_config={label: st.column_config.TextColumn(_(label)) for label in labels})
    # units the product does not know are asked about here too (a typo would start a new unit)
    unknown_key, confirm_key = f"hotline_manual_unknown_{kind}_{month}", f"hotline_manual_confirm_{kind}_{month}"
    asked = st.session_state.get(unknown_key)
    if asked:
        st.warning(say(asked["question"]), icon=":material/help:")
        st.checkbox(ngettext("确认导入这 {n} 个单位", "确认导入这 {n} 个单位", len(asked["units"])), key=confirm_key)
    if not st.button(_("检查并保存本月数据"), type="primary", key=f"hotline_manual_save_{kind}_{month}",
                     icon=":material/save:"):
        return
    checked = check_frame(edited, kind)
    if not checked.ok:
        show_check(checked, "表格")
        return
    other = checked.records[checked.records["month"] != month]
    if not other.empty:
        st.error(_("表中有不属于{month}的行（{others}），请只录入本月数据。", month=month_text(month),
                   others=plain("、".join(sorted(set(other["month"]))))))
        return
    confirmed = asked and st.session_state.get(confirm_key) and set(checked.unknown_units) <= set(asked["units"])
    if checked.unknown_units and not confirmed:
        st.session_state[unknown_key] = {"units": checked.unknown_units, "question": checked.unknown_units_question()}
        st.session_state.pop(confirm_key, None)
        st.rerun()
    st.session_state.pop(unknown_key, None)
    save(store, actor, checked, "手工录入", hstore.records_sha256(checked.records), "手工录入",
         expected_version=st.session_state.pop(version_key, None))


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _district_wide(current: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for (month, cut), group in current.groupby(["month", "cut"]):
        row = {"month": month, "cut": cut, "ranked_units": group["ranked_units"].max()}
        for indicator, prefix in zip(INDICATORS, ("satisfaction", "resolution")):
            hit = group[group["indicator"] == indicator]
            if not hit.empty:
                row[f"{prefix}_pct"] = hit["value_pct"].iloc[0]
                row[f"{prefix}_rank"] = hit["rank"].iloc[0]
        rows.append(row)
    return pd.DataFrame(rows)
