"""Which records the page shows: the office's real records, or demo data an editor generated."""
from __future__ import annotations

import streamlit as st

from hotline import auth
from store import hotline as hstore
from ui import hotline_charts as hc
from ui.i18n import N_, _
from ui.text import plain
from views.hotline.common import SOURCE_KEY, option_format

REAL, DEMO = N_("正式数据"), N_("演示数据")


def choose_store(actor: auth.Actor) -> tuple[hstore.HotlineStore, bool]:
    """(store, is_demo). A visitor sees the choice only when there is one (demo data exists)."""
    real = hstore.HotlineStore(hstore.user_db_path())
    demo_store = hstore.HotlineStore(hstore.demo_db_path(), demo_store=True)
    demo_ready = demo_store.exists() and not demo_store.is_empty()
    options = [REAL, DEMO] if demo_ready else [REAL]
    if st.session_state.pop("hotline_goto_demo", False) and demo_ready:
        st.session_state[SOURCE_KEY] = DEMO
    if st.session_state.get(SOURCE_KEY) not in options:
        st.session_state[SOURCE_KEY] = REAL
    if not actor.can_write and not demo_ready:
        return real, False  # one option: nothing to choose
    left, right = st.columns([3, 2])
    source = left.radio(_("显示"), options, horizontal=True, key=SOURCE_KEY, format_func=option_format(),
                        help=_("演示数据是随机生成的，只用于试用看板，存放在单独的演示库中。"))
    if actor.can_write and right.button(_("生成演示数据（写入演示库）"), key="hotline_make_demo",
                                        icon=":material/science:"):
        try:
            demo_store.fill_demo(actor)
        except hstore.NotAllowed as exc:
            st.error(plain(exc))
        else:
            st.session_state["hotline_goto_demo"] = True
            st.rerun()
    if source == DEMO and demo_ready:
        st.error(_("⚠ 当前显示的是{banner}。单位名称和数字均为随机生成。", banner=_(hc.DEMO_BANNER)),
                 icon=":material/science:")
        return demo_store, True
    return real, False
