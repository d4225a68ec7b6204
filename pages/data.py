"""数据：数据字典与整表下载、数据核对报告、只读 SQL 控制台。"""
from __future__ import annotations

from decimal import Decimal

import pandas as pd
import streamlit as st

from store import sql_console
from ui import format as fmt
from ui.data import catalog, curated
from ui.downloads import fetch_buttons, safe_stem, to_csv_bytes, to_excel_bytes
from ui.i18n import N_, _, lang, localise_choice
from ui.layout import page_header
from ui.links import with_lang
from ui.paging import lazy_downloads, page_window
from ui.provenance import citation, document_link
from ui.text import plain

SEVERITY_LABELS = {"error": N_("错误"), "warn": N_("警告"), "ok": N_("通过")}
SEVERITY_ICONS = {"error": "❌ ", "warn": "⚠️ ", "ok": "✅ "}
TABS = [N_("数据字典与下载"), N_("数据核对"), N_("SQL 控制台")]
code = lang()


def severity_text(severity: str) -> str:
    return SEVERITY_ICONS[severity] + _(SEVERITY_LABELS[severity], code)


def severity_option(severity: str) -> str:
    # Formatted with the language fixed now (a format_func may run outside this run).
    return _(SEVERITY_LABELS[severity], code)


page_header(_("数据"), _("看板使用的全部数据表：每个表、每一列的含义，整表下载（CSV、Excel、Parquet），"
                       "每一项数字核对的结果，以及一个只读的 SQL 查询窗口。"))
dictionary_tab, quality_tab, console_tab = st.tabs(localise_choice("tab", TABS), key="tab", bind="query-params")


# ---- 数据字典与下载 ------------------------------------------------------------

def download_row(table: str) -> None:
    """Three buttons; the file is produced only when clicked (deferred data)."""
    stem = safe_stem(table)
    c1, c2, c3, _spare = st.columns([1, 1, 1, 3])
    c1.download_button("CSV", lambda: to_csv_bytes(catalog.table_frame(table)), f"{stem}.csv", "text/csv",
                       key=f"dl-csv-{table}", icon=":material/download:", on_click="ignore")
    c2.download_button("Excel", lambda: to_excel_bytes(catalog.table_frame(table), sheet=table),
                       f"{stem}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key=f"dl-xlsx-{table}", icon=":material/table:", on_click="ignore")
    c3.download_button("Parquet", lambda: catalog.parquet_bytes(table), f"{stem}.parquet",
                       "application/vnd.apache.parquet", key=f"dl-parquet-{table}",
                       icon=":material/database:", on_click="ignore")


if dictionary_tab.open:
    with dictionary_tab:
        tables = catalog.tables()
        info = curated.build_info()
        st.markdown(_("数据库共 **{tables}** 个表、**{rows:,}** 行，构建于 {built}。金额为万元，DECIMAL(18,6) 精确存储；"
                      "事实表都带 `doc_id` 与 `line`，指向原文的文件与行。", tables=len(tables),
                      rows=int(tables.rows.sum()), built=info.get("built_at", "—").replace("T", " ")))
        st.dataframe(tables.rename(columns={"table_name": _("表"), "comment": _("说明"), "rows": _("行数"),
                                            "column_count": _("列数")}),
                     hide_index=True, width="stretch", height=min(36 * len(tables) + 40, 420))
        st.caption(_("下载说明：CSV 为 UTF-8（带 BOM，Excel 可直接打开中文）；CSV/Excel 中以 = + - @ 开头的文字前加了单引号，"
                     "防止被当作公式执行；Parquet 保留原始类型（金额为精确小数）。"))
        all_columns = catalog.columns()
        for table in tables.itertuples():
            with st.expander(f"**{table.table_name}** — {table.comment}"
                             + _("（{rows:,} 行，{columns} 列）", rows=table.rows, columns=table.column_count)):
                cols = all_columns[all_columns.table_name == table.table_name]
                st.dataframe(pd.DataFrame({_("列"): cols.column_name, _("类型"): cols.data_type,
                                           _("可空"): cols.is_nullable.map({True: _("是"), False: _("否")}),
                                           _("说明"): cols.comment}),
                             hide_index=True, width="stretch")
                download_row(table.table_name)


# ---- 数据核对 ----------------------------------------------------------------

if quality_tab.open:
    with quality_tab:
        counts = curated.quality_counts()
        c1, c2, c3 = st.columns(3)
        c1.metric(_("错误"), _("{n:,} 项", n=counts.get("error", 0)))
        c2.metric(_("警告（数字对不上）"), _("{n:,} 项", n=counts.get("warn", 0)))
        c3.metric(_("通过"), _("{n:,} 项", n=counts.get("ok", 0)))
        st.markdown(_("文件中写明的合计、占比、个数和增速，都按明细重新计算并核对。**警告**表示文件自身的数字对不上"
                      "（看板如实显示，不做更正）；**错误**表示无法读取。"))
        chosen = st.segmented_control(_("显示"), ["error", "warn", "ok"], selection_mode="multi",
                                      default=["error", "warn"], key="dq_severity", format_func=severity_option)
        severities = tuple(chosen) if chosen else ("error", "warn", "ok")
        matching = sum(counts.get(s, 0) for s in severities)
        if not matching:
            st.success(_("所选类别中没有核对项。"), icon=":material/check_circle:")
        else:
            RESULT, MODULE, SOURCE, NOTE = _("结果"), _("模块"), _("原文"), _("说明")

            def report_table(report: pd.DataFrame) -> pd.DataFrame:
                return pd.DataFrame({
                    RESULT: report.severity.map(severity_text),
                    _("核对对象"): report.subject,
                    _("文件写明"): report.expected,
                    _("计算结果"): report.actual,
                    SOURCE: [with_lang(document_link(d, int(n)), code) if isinstance(d, str) and not pd.isna(n)
                             else None for d, n in zip(report.doc_id, report.line)],
                    NOTE: report.message,
                    _("引用"): [citation(d, int(n)) if isinstance(d, str) and not pd.isna(n) else "—"
                               for d, n in zip(report.doc_id, report.line)],
                    MODULE: report.check_id.str.split(".").str[0],
                    _("检查 ID"): report.check_id,
                })

            # One page of checks from SQL (189,000 rows at 1000 editions); downloads fetch all on click.
            offset, limit = page_window(matching, "dq_page")
            shown = report_table(curated.data_quality(severities, limit=limit, offset=offset))
            st.dataframe(shown, hide_index=True, width="stretch", height=min(36 * len(shown) + 40, 560),
                         column_config={
                             SOURCE: st.column_config.LinkColumn(SOURCE, display_text=_("查看原文"), width="small"),
                             NOTE: st.column_config.TextColumn(NOTE, width="large"),
                         })
            lazy_downloads(lambda: report_table(curated.data_quality(severities)).drop(columns=[SOURCE]),
                           _("数据核对报告"), key="dq")
            modules = curated.quality_by_module(severities)
            by_module = (modules.assign(result=modules.severity.map(severity_text))
                         .pivot_table(index="module", columns="result", values="n", aggfunc="sum", fill_value=0)
                         .rename_axis(index=MODULE, columns=RESULT)
                         .reindex(columns=[severity_text(v) for v in SEVERITY_ICONS if v in severities
                                           and counts.get(v, 0)]))
            with st.expander(_("按模块统计")):
                st.dataframe(by_module, width="stretch")


# ---- SQL 控制台 ---------------------------------------------------------------

CUSTOM = N_("（自己编写）")


def example_option(name: str) -> str:
    return _(name, code)


def exact_view(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Decimal columns shown as exact text (the grid would round them to four places), right-aligned."""
    shown, config = frame.copy(), {}
    for column in frame.columns:
        if frame[column].map(lambda v: isinstance(v, Decimal)).any():
            shown[column] = frame[column].map(lambda v: fmt.exact(v) if isinstance(v, Decimal) else None)
            config[column] = st.column_config.TextColumn(str(column), alignment="right")
    return shown, config


def kept_rows(ticket: str) -> pd.DataFrame:
    """The rows of a result still on the shelf (a download clicked after it was let go: no rows)."""
    result = sql_console.recall(ticket)
    return result.frame if result is not None else pd.DataFrame({_("结果已过期，请重新运行查询"): []})


def load_example() -> None:
    name = st.session_state.get("sql_example")
    if name in sql_console.EXAMPLES:
        st.session_state["sql_text"] = sql_console.EXAMPLES[name]


if console_tab.open:
    with console_tab:
        st.markdown(_("在只读数据库上运行一条 **SELECT**（可用 WITH）。只能查询看板的数据表，使用常用的计算、文本、日期、"
                      "列表和聚合函数；超过 **{seconds:g} 秒**自动中止，最多显示 **{rows:,} 行**、**{mb} MB**，"
                      "每个单元格最多 **{chars:,}** 个字符。表名和列名见“数据字典与下载”。",
                      seconds=sql_console.LIMIT_SECONDS, rows=sql_console.ROW_CAP,
                      mb=sql_console.MAX_RESULT_BYTES // 1024 ** 2, chars=sql_console.MAX_CELL_CHARS))
        if "sql_text" not in st.session_state:
            st.session_state["sql_text"] = next(iter(sql_console.EXAMPLES.values()))
        st.selectbox(_("示例查询"), [CUSTOM, *sql_console.EXAMPLES], key="sql_example", on_change=load_example,
                     index=1, format_func=example_option)
        with st.form("sql-form", border=False):
            sql = st.text_area("SQL", key="sql_text", height=200,
                               placeholder=_("只读查询，例如：SELECT town_name, quota_persons …"))
            submitted = st.form_submit_button(_("运行查询"), type="primary", icon=":material/play_arrow:")
        if submitted:
            # The session keeps a ticket (or a short message), never the rows: results live on the
            # process's bounded shelf in store.sql_console, shared by every session.
            try:
                st.session_state["sql_outcome"] = {"ticket": sql_console.remember(sql_console.execute(sql))}
            except sql_console.ConsoleError as error:
                st.session_state["sql_outcome"] = {"kind": error.kind, "msgid": error.msgid,
                                                   "values": error.values, "detail": error.detail}
        outcome = st.session_state.get("sql_outcome")
        if outcome and "msgid" in outcome:
            # The message may quote the user's own text (a table or function name): shown as text.
            message = outcome["msgid"]  # a msgid marked with N_ in store/sql_console.py
            st.error(plain(_(message, **outcome["values"])),
                     icon=":material/block:" if outcome["kind"] == "refused" else ":material/error:")
            if outcome["detail"]:
                st.caption(_("数据库返回的信息：{detail}", detail=plain(outcome["detail"])))
        elif outcome and "ticket" in outcome:
            result = sql_console.recall(outcome["ticket"])
            if result is None:
                st.info(_("这次查询的结果已不在内存中（服务器只保留最近的几次结果），请再运行一次。"),
                        icon=":material/history:")
            else:
                for number, (msgid, values) in enumerate(result.notices):
                    show = st.success if result.complete else st.warning
                    (show if number == 0 else st.warning)(_(msgid, **values))
                shown, config = exact_view(result.frame)
                st.dataframe(shown, hide_index=True, width="stretch", column_config=config)
                if not result.frame.empty:
                    ticket = outcome["ticket"]
                    fetch_buttons(lambda: kept_rows(ticket), _("查询结果"), "sql-result", _("下载 CSV"), _("下载 Excel"))
