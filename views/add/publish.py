"""Publishing: keep the file and its manifest row, rebuild in the background, then say how it went."""
from __future__ import annotations

import streamlit as st

from loaders.add import Preview, register_bytes
from loaders.errors import BuildError
from ui import rebuild
from ui.i18n import _, t_msg
from views.add.keys import PREVIEW_KEY, PUBLISHED_KEY, ROUND_KEY, WATCHING_KEY


def publish(found: Preview, data: bytes, actor) -> None:
    try:
        done = register_bytes(data, found.name, rebuild.raw_dir(), found.meta, text=found.text,
                              reference_dir=rebuild.reference_dir())
    except BuildError as exc:
        st.error(t_msg(exc.message), icon=":material/block:")
        st.caption(_("原始目录和数据库都没有改动。"))
        return
    rebuild.rebuild_in_background(actor.user)
    st.session_state[PUBLISHED_KEY] = {"file": done.file, "text_file": done.text_file, "bulletin_id": done.bulletin_id,
                                       "sha256": done.sha256, "title": done.row.get("title") or done.file,
                                       "by": actor.user}
    st.session_state[WATCHING_KEY] = True
    st.session_state[ROUND_KEY] = st.session_state.get(ROUND_KEY, 0) + 1      # empty the uploader
    st.session_state.pop(PREVIEW_KEY, None)
    st.rerun()


def rebuild_status() -> None:
    """Progress of the background rebuild this editor started, then its result."""
    published = st.session_state.get(PUBLISHED_KEY)
    state = rebuild.rebuild_status()
    if not published or state is None:
        return

    @st.fragment(run_every=1.0 if state.running else None)
    def progress() -> None:
        now = rebuild.rebuild_status() or state   # never None again once a rebuild has started
        if now.running:
            st.info(_("已登记 {file}（{id}）。正在后台重建数据库，已用 {s} 秒……其间各页面照常显示原有数据，完成后自动换用新库。",
                      file=published["file"], id=published["bulletin_id"], s=int(now.seconds)),
                    icon=":material/hourglass_top:")
            return
        if st.session_state.pop(WATCHING_KEY, False):
            st.rerun(scope="app")           # the whole app: navigation, filters and this page read the new file
        if now.ok:
            st.success(_("已发布《{title}》（{id}）：数据库已重建（{n} 份公报，用时 {s} 秒），各页面已显示这一期。",
                         title=published["title"], id=published["bulletin_id"], n=now.bulletins or "—",
                         s=f"{now.seconds:.1f}"), icon=":material/check_circle:")
            kept = _("原文件 {file} 已原样保存（sha256 {sha}…）", file=published["file"], sha=published["sha256"][:12])
            if published.get("text_file"):
                kept += _("，读出的文字保存为 {text}", text=published["text_file"])
            st.caption(kept + _("，登记在 MANIFEST.csv。"))
            left, right, _spare = st.columns([1, 1, 2])
            left.page_link("pages/documents.py", label=_("在文件库中查看"), icon=":material/menu_book:")
            right.page_link("pages/overview.py", label=_("回到总览"), icon=":material/dashboard:")
        else:
            st.error(_("{file} 已登记，但重建数据库失败：{reason}　各页面继续显示原有数据。",
                       file=published["file"], reason=now.message), icon=":material/error:")

    progress()
