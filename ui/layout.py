"""Page header, filter notice and footer shared by every page."""
from __future__ import annotations

import streamlit as st

from store import curated


def page_header(title: str, intro: str = "") -> None:
    st.title(title)
    if intro:
        st.markdown(intro)


def town_scope_note(town: str | None, covered: bool = True, what: str = "") -> None:
    """Say plainly when a dataset does not cover the chosen town."""
    if town and not covered:
        st.info(f"{what or '本数据'}未涉及{town}：文件中没有该镇街的条目。", icon=":material/info:")


def footer() -> None:
    titles = curated.bulletin_titles()
    st.divider()
    st.caption("数据来源：" + "；".join(f"《{t}》" for t in titles.values())
               + "。所有数字均由程序从公报原文解析，并逐项核对合计、占比与个数。")
