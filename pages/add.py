"""添加公报：编辑上传新一期公报（.txt / .docx / 带文字层的 .pdf），先预览读出的文件、数据表和核对结果，确认后发布。

Visitors see what the page is for and the sign-in box, never the uploader. The page parses nothing
and runs no SQL: loaders.add.preview() reads the upload exactly as the build will (nothing written),
loaders.add.register_bytes() keeps the file in the raw folder with its manifest row (the same
function as `python -m loaders.add`), and ui.rebuild rebuilds the database in the background —
every reader is served the old file until the new one is renamed into place.
"""
from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from loaders.add import Preview, preview, register_bytes
from loaders.convert import MAX_BYTES
from loaders.errors import BuildError
from loaders.source import KINDS
from ui import rebuild
from ui.editors import sign_in_box
from ui.i18n import N_, _, ngettext, t_msg
from ui.layout import page_header

ROUND_KEY = "add_upload_round"
PREVIEW_KEY = "add_preview"
META_KEY = "add_meta"
PUBLISHED_KEY = "add_published"
WATCHING_KEY = "add_watching_rebuild"
MAX_MB = MAX_BYTES // 2**20
FIELDS = ("kind", "district", "district_code", "year", "issue", "published", "title", "bulletin_id")
SEVERITY = {"error": N_("错误"), "warn": N_("警告"), "info": N_("提示"), "ok": N_("通过")}


def field_labels() -> dict[str, str]:
    return {"kind": _("类型"), "district": _("区县"), "district_code": _("区划代码"), "year": _("年份"),
            "issue": _("期号"), "published": _("出版日期"), "title": _("标题"), "bulletin_id": _("公报 ID")}


def kind_label(kind: str) -> str:
    return {"gazette": _("区政府公报"), "compendium": _("方案汇编"), "document": _("单个文件")}.get(kind, kind)


def cached_preview(data: bytes, name: str, meta: dict[str, str]) -> Preview:
    """The preview of these bytes with these fields: read once per upload and choice (a PDF takes seconds)."""
    key = (hashlib.sha256(data).hexdigest(), name, tuple(sorted(meta.items())))
    held = st.session_state.get(PREVIEW_KEY)
    if held and held[0] == key:
        return held[1]
    with st.spinner(_("正在读取 {name}：转换文字、拆分文件、提取数据表并核对……", name=name)):
        found = preview(data, name, meta, rebuild.reference_dir(), rebuild.raw_dir())
    st.session_state[PREVIEW_KEY] = (key, found)   # only the latest: one upload's preview in the session
    return found


# ---- what the editor sees ----------------------------------------------------------------

def metadata_form(found: Preview, sha: str) -> dict[str, str] | None:
    """Fields prefilled from what the text says; the chosen values when the editor asks for a new preview."""
    labels = field_labels()
    with st.form(f"add_meta_{sha[:12]}"):
        st.markdown(_("**登记信息**（已按原文预填，可修改）"))
        first, second, third, fourth = st.columns([1.2, 1, 1, 1])
        kinds = list(KINDS)
        current = found.meta.get("kind") or "document"
        values = {"kind": first.selectbox(labels["kind"], kinds, index=kinds.index(current) if current in kinds else 0,
                                          format_func=kind_label)}
        values["district"] = second.text_input(labels["district"], found.meta.get("district", ""))
        values["district_code"] = third.text_input(labels["district_code"], found.meta.get("district_code", ""))
        values["published"] = fourth.text_input(labels["published"], found.meta.get("published", ""),
                                                placeholder="2021-03-31")
        first, second, third, fourth = st.columns([1.2, 1, 1, 1])
        values["year"] = first.text_input(labels["year"], found.meta.get("year", ""))
        values["issue"] = second.text_input(labels["issue"], found.meta.get("issue", ""),
                                            help=_("方案汇编等按年编印的留空"))
        values["bulletin_id"] = third.text_input(labels["bulletin_id"], found.meta.get("bulletin_id", ""),
                                                 help=_("小写字母、数字和连字符，如 jiyang-2021-01；页面链接和引用使用它"))
        values["title"] = st.text_input(labels["title"], found.meta.get("title", ""))
        submitted = st.form_submit_button(_("按以上信息重新预览"), icon=":material/refresh:")
    return {k: str(v).strip() for k, v in values.items()} if submitted else None


def show_preview(found: Preview) -> None:
    st.subheader(_("预览：{title}", title=found.meta.get("title") or found.name))
    flags = found.flags
    dq = found.data_quality
    passed = int((dq.severity == "ok").sum()) if not dq.empty else 0
    rows = int(found.tables["rows"].sum()) if not found.tables.empty else 0
    cols = st.columns(4)
    cols[0].metric(_("读出的文件"), _("{n} 份", n=len(found.documents)))
    cols[1].metric(_("数据表"), _("{n} 张", n=len(found.tables)), help=_("共 {rows} 行", rows=f"{rows:,}"))
    cols[2].metric(_("核对通过"), _("{n} 项", n=passed))
    cols[3].metric(_("提示、警告与错误"), _("{n} 项", n=len(flags)))
    pages = ngettext("，{n} 页", "，{n} 页", found.pages) if found.pages else ""
    st.caption(_("{name}：{size} 字节{pages}，读出 {lines} 行文字；sha256 {sha}", name=found.name,
                 size=f"{found.size:,}", pages=pages, lines=f"{found.lines:,}", sha=found.sha256))
    for note in found.notes:
        st.warning(t_msg(note), icon=":material/warning:")

    st.markdown(_("**读出的文件**"))
    docs = found.documents
    st.dataframe(pd.DataFrame({
        _("文件 ID"): docs.doc_id, _("文号"): docs.doc_no.fillna("—"), _("标题"): docs.title,
        _("发文机关"): docs.issuer.fillna("—"),
        _("原文行"): [f"{a}–{b}" for a, b in zip(docs.first_line, docs.last_line)]}),
        hide_index=True, width="stretch", key="add-docs")
    st.markdown(_("**提取的数据表**"))
    with st.container(key="add-tables"):      # a plain table: every count is text on the page
        st.table(pd.DataFrame({_("表"): found.tables["table"], _("行数"): found.tables["rows"],
                               _("说明"): found.tables["description"]}).set_index(_("表")))
    st.markdown(_("**核对结果：每一条提示、警告与错误及其行号**"))
    if flags.empty:
        st.caption(_("没有提示或警告：{n} 项核对全部通过。", n=passed))
    else:
        st.dataframe(pd.DataFrame({
            _("级别"): [_(SEVERITY.get(s, s)) for s in flags.severity], _("说明"): flags.message,
            _("文件 ID"): flags.doc_id.fillna("—"),
            _("行"): [str(int(v)) if pd.notna(v) else _("整份文件") for v in flags.line], _("原文"): flags.text}),
            hide_index=True, width="stretch", key="add-flags", height=min(35 * (len(flags) + 1) + 3, 740),
            column_config={_("说明"): st.column_config.TextColumn(width="large")})


def refused(found: Preview) -> None:
    for reason in found.refusals:
        st.error(t_msg(reason), icon=":material/block:")
    st.caption(_("原始目录和数据库都没有改动。"))


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
        now = rebuild.rebuild_status()
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


def editor_view(actor) -> None:
    status = st.container()
    round_no = st.session_state.get(ROUND_KEY, 0)
    upload = st.file_uploader(_("公报文件（.txt、.docx 或 .pdf，不超过 {mb} MB）", mb=MAX_MB),
                              type=["txt", "md", "docx", "pdf"],
                              max_upload_size=MAX_MB, key=f"add_upload_{round_no}",
                              help=_("文本文件请用 UTF-8 编码；Word 请用 .docx；PDF 须带文字层。"))
    st.caption(_("单个文件不超过 {mb} MB。扫描版 PDF 没有文字层，请先做文字识别（OCR）再上传。", mb=MAX_MB))
    state = rebuild.rebuild_status()
    if upload is not None and state is not None and not state.running:   # the next file: the last result was read
        st.session_state.pop(PUBLISHED_KEY, None)
    with status:
        rebuild_status()
    if upload is None:
        return
    data = upload.getvalue()
    sha = hashlib.sha256(data).hexdigest()
    chosen = st.session_state.get(META_KEY, {}).get(sha, {})
    found = cached_preview(data, upload.name, chosen)
    if found.text == "" or found.documents.empty:      # the file itself is refused: nothing to correct here
        refused(found)
        return
    asked = metadata_form(found, sha)
    if asked is not None and asked != chosen:
        st.session_state[META_KEY] = {sha: asked}
        st.rerun()
    show_preview(found)
    if found.refusals:
        refused(found)
    st.divider()
    if st.button(_("发布这一期"), type="primary", icon=":material/publish:", disabled=not found.ok, key="add_publish",
                 help=_("原样保存文件并登记，然后在后台重建数据库")):
        publish(found, data, actor)


# ---- the page ------------------------------------------------------------------------------

page_header(_("添加公报"), _("编辑上传新一期公报（.txt、.docx 或带文字层的 .pdf）：先预览读出的文件、数据表和逐行核对结果，"
                             "确认后发布。原文件原样保存在原始目录并登记；数据库在后台重建，完成前各页面照常显示原有数据。"))
editor = sign_in_box(_("**添加公报 · 编辑登录**"), sign_out_keys=(PREVIEW_KEY, META_KEY, PUBLISHED_KEY))
if editor.can_write:
    editor_view(editor)
else:
    st.info(_("添加公报需要编辑登录（见左侧栏）。访客可以浏览和下载全部已发布的公报。"), icon=":material/lock:")
    st.page_link("pages/documents.py", label=_("浏览文件库"), icon=":material/menu_book:")
