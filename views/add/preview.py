"""The preview of an upload: read once per file and choice, shown as documents, tables and every flag."""
from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from loaders.add import Preview, preview
from loaders.source import KINDS
from ui import rebuild
from ui.checks import localised
from ui.i18n import N_, _, ngettext, t_msg
from views.add.keys import PREVIEW_KEY

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
    flags = localised(found.flags)
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
