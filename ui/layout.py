"""Page header, filter notice, charts with alt text and export buttons, and the footer."""
from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from ui import charts
from ui.data import curated
from ui.export import export_buttons
from ui.filters import selected_bulletins
from ui.i18n import _, lang


def page_header(title: str, intro: str = "") -> None:
    st.title(title)
    if intro:
        st.markdown(intro)


def town_scope_note(town: str | None, covered: bool = True, what: str = "") -> None:
    """Say plainly when a dataset does not cover the chosen town."""
    if town and not covered:
        st.info(_("{what}未涉及{town}：文件中没有该镇街的条目。", what=what or _("本数据"), town=town),
                icon=":material/info:")


def lazy_expander(label: str, key: str, *, expanded: bool = False, **kwargs):
    """st.expander whose content is drawn only while it is open (on_change="rerun": opening it reruns the
    page). A closed one costs a rerun one element instead of all it holds, which the browser would
    otherwise draw on every change. Returns (container, is_open)."""
    box = st.expander(label, expanded=expanded, key=key, on_change="rerun", **kwargs)
    return box, bool(box.open)


def chart(fig: go.Figure, key: str, *, stem: str | None = None, source: str | None = None,
          alt: str | None = None, export: bool = True, **kwargs):
    """st.plotly_chart with alt text for screen readers and PNG/SVG export buttons under it.

    `source` (a citation) is printed under the exported image; `stem` names the files.
    """
    code = lang()
    event = st.plotly_chart(fig, key=key, alt=alt or charts.describe(fig, code), **kwargs)
    if export:
        title = fig.layout.title.text or key
        export_buttons(fig, stem or title, key, source=source, lang=code)
    return event


def footer() -> None:
    titles = curated.bulletin_titles()
    shown = [titles.get(b, b) for b in selected_bulletins()] or list(titles.values())  # the editions the pages read
    st.divider()
    st.caption(_("数据来源：") + "；".join(f"《{v}》" for v in shown) + _("。所有数字均由程序从公报原文解析，并逐项核对合计、占比与个数。"))
