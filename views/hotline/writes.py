"""Handing checked records to the store: ask before replacing, refuse a lost update, confirm a save."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from hotline import auth
from hotline.validate import PROBLEM, Checked
from store import hotline as hstore
from ui.i18n import _
from ui.text import plain
from views.hotline.common import PENDING_KEY, SAVED_KEY, UPLOAD_ROUND_KEY


def save(store: hstore.HotlineStore, actor: auth.Actor, checked: Checked, file_name: str, sha256: str,
         action: str, replace: bool = False, expected_version: str | None = None) -> None:
    """Hand validated records to the store; ask first when rows would be replaced.

    `expected_version` is the fingerprint of the rows the user started from: if another editor
    wrote those months meanwhile, the store refuses (Conflict) instead of overwriting unseen."""
    try:
        result = store.write(actor, checked.kind, checked.records, file_name, sha256, replace=replace, action=action,
                             expected_version=expected_version)
    except hstore.NotAllowed as exc:
        st.error(plain(exc))
    except hstore.Conflict as exc:
        st.session_state.pop(PENDING_KEY, None)
        st.error(_("未保存：{error}。请刷新后在最新数据上重新修改。", error=plain(exc)), icon=":material/sync_problem:")
    except hstore.NeedsConfirmation as exc:
        st.session_state[PENDING_KEY] = {"kind": checked.kind, "records": checked.records, "file_name": file_name,
                                         "sha256": sha256, "action": action, "message": str(exc),
                                         "version": expected_version or exc.version}
        st.rerun()
    except hstore.WRITE_ERRORS as exc:  # a constraint the validation missed: nothing was written
        st.error(_("写入失败，未写入任何数据：{error}", error=plain(exc)))
    else:
        st.session_state.pop(PENDING_KEY, None)
        st.session_state[SAVED_KEY] = result.audit_id
        st.session_state[UPLOAD_ROUND_KEY] = st.session_state.get(UPLOAD_ROUND_KEY, 0) + 1  # empty the uploader
        st.rerun()


def last_saved(store: hstore.HotlineStore) -> None:
    """Confirm this session's latest write from the audit log itself (it stays until the next write)."""
    audit_id = st.session_state.get(SAVED_KEY)
    if audit_id is None:
        return
    audit = store.audit()
    row = audit[audit["audit_id"] == audit_id]
    if not row.empty:
        entry = row.iloc[0]
        st.success(_("已保存（批次 {audit_id}，{who}，{when}）：{what}", audit_id=audit_id, who=plain(entry.who),
                     when=entry.logged_at[:16].replace("T", " "), what=plain(entry.what)),
                   icon=":material/check_circle:")


def confirm_pending(store: hstore.HotlineStore, actor: auth.Actor) -> bool:
    pending = st.session_state.get(PENDING_KEY)
    if not pending:
        return False
    with st.container(border=True):
        st.warning(plain(pending["message"]) + _("。替换后，原记录移入“被替换的历史记录”，可随时查看。"), icon=":material/help:")
        yes, no = st.columns(2)
        if yes.button(_("确认替换"), type="primary", key="hotline_confirm_replace", icon=":material/check:"):
            checked = Checked(pending["kind"], pending["records"], pd.DataFrame({PROBLEM: []}))
            save(store, actor, checked, pending["file_name"], pending["sha256"], pending["action"], replace=True,
                 expected_version=pending.get("version"))
        if no.button(_("取消，不写入"), key="hotline_cancel_replace", icon=":material/close:"):
            st.session_state.pop(PENDING_KEY, None)
            st.rerun()
    return True
