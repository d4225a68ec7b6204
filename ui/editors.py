"""Who is here: editor sign-in in the sidebar, shared by every page that writes (12345 热线, 添加公报).

Passwords are checked against salted hashes in Streamlit secrets ([editors], see hotline/auth.py);
the signed-in Actor is kept in the session, so an editor who signed in on one page is signed in on
the others. Visitors read everything and write nothing.
"""
from __future__ import annotations

import streamlit as st

from hotline import auth
from ui.i18n import _

ACTOR_KEY = "hotline_actor"
FAILS_KEY = "hotline_failed_sign_ins"


def editor_hashes() -> dict[str, str]:
    try:
        editors = st.secrets.get("editors", {})
    except FileNotFoundError:  # no secrets file (StreamlitSecretNotFoundError, also for one that does not parse):
        # nobody can sign in, everyone reads
        return {}
    return {str(k): str(v) for k, v in dict(editors).items()}


def current_actor() -> auth.Actor:
    return st.session_state.get(ACTOR_KEY) or auth.ANONYMOUS


def client_key() -> str:
    """The throttle's key for this browser's connection (see hotline.auth.client_key)."""
    try:
        return auth.client_key(st.context.ip_address, dict(st.context.headers))
    except (AttributeError, RuntimeError):  # no connection context (a bare script run, an older Streamlit)
        return auth.client_key(None)


def sign_in_box(heading: str | None = None, sign_out_keys: tuple[str, ...] = ()) -> auth.Actor:
    """The sidebar sign-in box under `heading`; returns who is acting. Signing out also forgets
    `sign_out_keys` (a page's half-finished writes)."""
    actor = current_actor()
    with st.sidebar.container(border=True):
        st.markdown(heading or _("**12345热线 · 编辑登录**"))
        if actor.can_write:
            st.caption(_("已登录：{user}（编辑，可导入和修改）", user=actor.user))
            if st.button(_("退出登录"), key="hotline_sign_out", icon=":material/logout:"):
                for key in (ACTOR_KEY, *sign_out_keys):
                    st.session_state.pop(key, None)
                st.rerun()
            return actor
        editors = editor_hashes()
        if not editors:  # how to add editors is in the README, not on the public page
            st.caption(_("本站未开放编辑登录：所有人只读。"))
            return actor
        with st.form("hotline_sign_in", border=False):
            user = st.text_input(_("用户名"), key="hotline_user")
            password = st.text_input(_("密码"), type="password", key="hotline_password")
            submitted = st.form_submit_button(_("登录"), icon=":material/login:")
        if submitted:
            # the process-wide throttle counts failures of every session, per name and per client
            result = auth.attempt(editors, user, password, client=client_key(),
                                  session_failures=st.session_state.get(FAILS_KEY, ()))
            st.session_state[FAILS_KEY] = result.failures
            if result.outcome == auth.SIGNED_IN:
                st.session_state[ACTOR_KEY] = result.actor
                st.rerun()
            elif result.outcome == auth.SESSION_LOCKED:
                st.error(_("登录失败次数过多，请 {seconds} 秒后再试", seconds=result.wait))
            elif result.outcome == auth.LOCKED:
                st.error(_("该用户名或本机登录失败次数过多，已暂时锁定，请 {seconds} 秒后再试", seconds=result.wait))
            else:
                st.error(_("用户名或密码不正确"))
        st.caption(_("访客无需登录即可查看全部内容；导入和修改需要编辑账号。"))
    return actor

