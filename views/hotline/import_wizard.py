"""The import tab for editors: templates, a file read once, its columns matched, checked row by row,
previewed and written; then the month editor."""
from __future__ import annotations

import functools
import hashlib

import pandas as pd
import streamlit as st

from hotline import auth, reader, templates
from hotline.fields import FIELDS, KIND_LABELS, KINDS, SCORES, auto_mapping
from hotline.validate import Checked, FileContext, check, guess_kind
from store import hotline as hstore
from ui.i18n import N_, _, ngettext
from ui.tables import show_table
from ui.text import plain
from views.hotline.checks import say, show_check
from views.hotline.common import PARSED_KEY, TABLE, UPLOAD_ROUND_KEY, kind_format, option_format, period_text
from views.hotline.month_editor import manual_entry
from views.hotline.writes import confirm_pending, last_saved, save


def import_view(store: hstore.HotlineStore, actor: auth.Actor, demo: bool) -> None:
    last_saved(store)
    templates_block()
    if demo:
        st.info(_("当前显示演示数据。导入和录入只写入正式库：请先在上方切换到“正式数据”。"))
        return
    if not actor.can_write:
        st.info(_("导入和录入需要编辑登录（见左侧栏）。访客可查看全部内容和下载数据。"), icon=":material/lock:")
        return
    if confirm_pending(store, actor):
        return
    st.markdown(_("##### 导入文件"))
    upload = st.file_uploader(_("上传 CSV 或 Excel（.xlsx）文件"), type=["csv", "txt", "xlsx"],
                              key=f"hotline_upload_{st.session_state.get(UPLOAD_ROUND_KEY, 0)}",
                              help=_("支持 UTF-8、带 BOM 的 UTF-8、GBK、GB18030 编码；比率可写 95.3%、95.3 或 0.953。"))
    if upload is None:
        st.session_state.pop(PARSED_KEY, None)
    else:
        preview_upload(store, actor, upload)
    st.markdown(_("##### 手工录入或更正一个月"))
    manual_entry(store, actor)


def templates_block() -> None:
    st.markdown(_("**导入模板**（第一行为列名；列名可用常见中文叫法，如 单位/责任单位/镇街、月份/时间）"))
    for kind in KINDS:
        c1, c2, c3 = st.columns([2, 1, 1])
        c1.markdown(f"{_(KIND_LABELS[kind])}{_('：')}{'、'.join(templates.template_frame(kind).columns)}")
        # files made on click, not on every rerun (kind bound now: the loop variable moves on)
        c2.download_button(_("CSV 模板"), functools.partial(templates.template_csv, kind),
                           f"12345热线_{KIND_LABELS[kind]}_模板.csv", "text/csv", key=f"tpl-csv-{kind}",
                           icon=":material/download:", on_click="ignore")
        c3.download_button(_("Excel 模板"), functools.partial(templates.template_xlsx, kind),
                           f"12345热线_{KIND_LABELS[kind]}_模板.xlsx",
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           key=f"tpl-xlsx-{kind}", icon=":material/table:", on_click="ignore")


def parsed_upload(upload, sheet: str | None) -> tuple[reader.RawTable | object, str]:
    """(RawTable or the ReadError message, sha256) of the current upload, read once: reruns of the
    page (every widget change) reuse it; only a new file or another sheet is read again."""
    key = (upload.file_id, upload.name, upload.size, sheet)
    cached = st.session_state.get(PARSED_KEY)
    if cached and cached["key"] == key:
        return cached["result"], cached["sha256"]
    data = upload.getvalue()
    sha256 = cached["sha256"] if cached and cached["key"][:3] == key[:3] else hashlib.sha256(data).hexdigest()
    try:
        result = reader.read_table(data, upload.name, sheet=sheet)
    except reader.ReadError as exc:
        result = exc.args[0]
    st.session_state[PARSED_KEY] = {"key": key, "result": result, "sha256": sha256}  # only the latest upload
    return result, sha256


def file_context(kind: str, mapping: dict, name: str, sha: str) -> FileContext:
    """Ask for what the file does not carry in a column: the month or period, and for composite
    scores their 满分 and peer group (each only when no column holds it)."""
    mapped = set(filter(None, mapping.values()))
    period = scale = group = None
    cols = st.columns(3)
    if "month" not in mapped:
        period = cols[0].text_input(
            _("本文件的月份或期间"), key=f"hotline_period_{sha[:12]}", placeholder=_("如 2025年7月；累计如 2025年1—4月"),
            help=_("文件没有“月份”列。不填时取表格标题或文件名中的月份（预览中会注明）。")) or None
    if kind == SCORES and "scale" not in mapped:
        scale = cols[1].text_input(
            _("满分"), key=f"hotline_scale_{sha[:12]}", placeholder=_("如 100 或 150"),
            help=_("考评得分的满分。不填时取列名或标题中的“满分”，都没有则按 100 分（预览中会注明）。")) or None
    if kind == SCORES and "peer_group" not in mapped:
        group = cols[2].text_input(
            _("分组"), key=f"hotline_group_{sha[:12]}", placeholder=_("如 县、区/功能区；不填为不分组"),
            help=_("排名所在的组（名次只在组内比较）。")) or None
    return FileContext(file_name=name, period=period, scale=scale, peer_group=group)


def preview_upload(store: hstore.HotlineStore, actor: auth.Actor, upload) -> None:
    sheet_key = f"hotline_sheet_{upload.file_id}"
    table, sha256 = parsed_upload(upload, st.session_state.get(sheet_key))
    if not isinstance(table, reader.RawTable):  # the ReadError's message
        st.error(say(table))
        return
    if len(table.sheets) > 1 and table.sheet is not None:   # an Excel file: the sheet read is one of them
        st.selectbox(_("工作表"), table.sheets, index=table.sheets.index(table.sheet), key=sheet_key,
                     help=_("本文件有多个工作表像热线数据：一次导入一个。"))
    kind = st.selectbox(_("数据类型"), KINDS, index=KINDS.index(guess_kind(table.headers)),
                        format_func=kind_format(), key=f"hotline_kind_{sha256[:12]}")
    mapping = mapping_step(table.headers, kind, sha256)
    checked = check(table, kind, mapping, file_context(kind, mapping, upload.name, sha256))
    show_check(checked)
    if not checked.ok:
        return
    confirmed = True
    question = checked.unknown_units_question()
    if question:
        st.warning(say(question), icon=":material/help:")
        confirmed = st.checkbox(ngettext("确认导入这 {n} 个单位", "确认导入这 {n} 个单位", len(checked.unknown_units)),
                                key=f"hotline_confirm_units_{sha256[:12]}_{kind}")
    st.markdown(ngettext("将写入 {n} 行：", "将写入 {n} 行：", len(checked.records)))
    show_table(records_shown(checked), TABLE)
    if st.button(_("写入数据库"), type="primary", key=f"hotline_write_{sha256[:12]}", icon=":material/save:",
                 disabled=not confirmed):
        save(store, actor, checked, upload.name, sha256, "导入")


def records_shown(checked: Checked) -> pd.DataFrame:
    """The records about to be written; composite scores with their period and scale spelled out."""
    records = checked.records
    if checked.kind != SCORES or records.empty:
        return records
    return records.assign(period=[period_text(a, b) for a, b in zip(records["period_start"], records["month"])],
                          group_rank=records["rank"])[   # a score's rank is within its group, not the city's
        ["unit", "peer_group", "period", "metric", "score", "scale", "group_rank", "tickets", "cut"]]


def mapping_step(headers: list[str], kind: str, sha256: str) -> dict[str, str | None]:
    auto = auto_mapping(kind, headers)
    unknown = [h for h, f in auto.items() if f is None]
    options = [None] + [f.name for f in FIELDS[kind]]
    labels = {f.name: _(f.label) for f in FIELDS[kind]}
    ignore = option_format()(N_("（忽略）"))
    title = ngettext("列对应（{n} 列未识别）", "列对应（{n} 列未识别）", len(unknown)) if unknown else _("列对应（已全部识别）")
    with st.expander(title, expanded=bool(unknown)):
        st.caption(_("左边是文件里的列名，右边选择它对应的数据项；选“忽略”则不导入该列。"))
        mapping = {}
        for h in headers:
            # a widget label is Markdown: the file's header is shown as text
            mapping[h] = st.selectbox(plain(h), options, index=options.index(auto[h]),
                                      format_func=lambda n: ignore if n is None else labels[n],
                                      key=f"hotline_map_{sha256[:12]}_{kind}_{h}")
    return mapping
