"""Who is on the 12345 page: the sidebar sign-in (the checks and lockout are hotline.auth.attempt),
and what a visitor who followed an editor's link is told."""
from __future__ import annotations

import streamlit as st

from hotline import auth
from ui.editors import editor_hashes, sign_in_box
from ui.i18n import _
from views.hotline.common import PENDING_KEY, SAVED_KEY


def sign_in() -> auth.Actor:
    """The sidebar box; signing out forgets a half-finished write."""
    return sign_in_box(sign_out_keys=(PENDING_KEY, SAVED_KEY))


def editor_tab_asked(actor: auth.Actor, asked: str | None, editor_tabs: list[str]) -> None:
    """A visitor opened a link to a tab only editors see: say why it is not there."""
    if actor.can_write or asked not in editor_tabs:
        return
    if editor_hashes():
        st.info(_("导入和录入需要编辑登录（见左侧栏）。访客可查看全部内容和下载数据。"), icon=":material/lock:")
    else:
        st.info(_("本站未开放编辑登录：所有人只读。"), icon=":material/lock:")
