"""SQL 控制台: an editor with the examples and a schema panel beside it; the result as exact text.

What the user typed is never lost: it is kept under "（自己编写）" (switching to an example and back
restores it) and in a copy that outlives the widget (switching tab, page or language keeps it)."""
from __future__ import annotations

from decimal import Decimal

import pandas as pd
import streamlit as st

from store import sql_console
from ui import format as fmt
from ui.data import catalog
from ui.downloads import fetch_buttons
from ui.i18n import N_, _, lang
from ui.layout import lazy_expander
from ui.text import plain

CUSTOM = N_("（自己编写）")
EXAMPLE, TEXT, DRAFT, CUSTOM_TEXT, OUTCOME = "sql_example", "sql_text", "sql_draft", "sql_custom", "sql_outcome"
EXAMPLE_KEPT = "sql_example_kept"
EMPTY = "—"


# ---- the editor's state ----------------------------------------------------------------

def _keep(text: str, example: str | None) -> None:
    st.session_state[DRAFT], st.session_state[EXAMPLE_KEPT] = text, example


def _example_sql(name: str | None) -> str | None:
    """The SQL of the example called `name`; None for "（自己编写）" or no choice yet."""
    sql = sql_console.EXAMPLES.get(name) if name is not None else None
    return _(sql) if sql is not None else None


def load_example() -> None:
    """on_change of the example box: the example's SQL, or back to what the user wrote."""
    name: str | None = st.session_state.get(EXAMPLE)
    example = _example_sql(name)
    text: str = example if example is not None else st.session_state.get(CUSTOM_TEXT, "")
    st.session_state[TEXT] = text
    _keep(text, name)


def edited() -> None:
    """on_change of the editor: once the SQL is not the example's any more, the example's name is cleared."""
    text: str = st.session_state.get(TEXT, "")
    name: str | None = st.session_state.get(EXAMPLE)
    if _example_sql(name) != text:
        st.session_state[CUSTOM_TEXT] = text
        name = st.session_state[EXAMPLE] = CUSTOM
    _keep(text, name)


def identifier(name: str) -> str:
    return name if name.isidentifier() and name.isascii() else '"' + name.replace('"', '""') + '"'


def insert_name(key: str) -> None:
    """on_change of a schema chip: the name goes at the end of the editor's text (the chip is released)."""
    name = st.session_state.get(key)
    if not name:
        return
    text = st.session_state.get(TEXT, "")
    glue = "" if not text or text[-1] in " \n\t(," else " "
    st.session_state[TEXT] = text + glue + identifier(name)
    st.session_state[key] = None
    edited()


def restore_state() -> None:
    """Widgets not drawn in a run lose their state: put back the user's text and example."""
    if TEXT not in st.session_state:
        first = next(iter(sql_console.EXAMPLES))
        st.session_state[TEXT] = st.session_state.get(DRAFT, _example_sql(first))
        st.session_state[EXAMPLE] = st.session_state.get(EXAMPLE_KEPT, first)
    elif EXAMPLE not in st.session_state:
        st.session_state[EXAMPLE] = st.session_state.get(EXAMPLE_KEPT, CUSTOM)


# ---- the schema panel --------------------------------------------------------------------

def schema_panel() -> None:
    """Every table and its columns; a click puts the name into the editor."""
    st.markdown(_("**表和列**（点击插入编辑器）"))
    columns = catalog.columns()
    with st.container(height=430, key="sql-schema"):
        for table, cols in columns.groupby("table_name", sort=True):
            box, is_open = lazy_expander(table, f"schema-open-{table}")
            if not is_open:
                continue
            with box:
                key = f"schema-{table}"
                st.pills(_("表 {table} 的名称", table=table), [table, *cols.column_name], key=key,
                         on_change=insert_name, args=(key,), label_visibility="collapsed")


# ---- the result --------------------------------------------------------------------------

def number_text(value) -> str:
    if isinstance(value, Decimal):
        return fmt.exact(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def console_view(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Decimal columns as exact text (the grid would round them to four places), right-aligned; empty
    cells as "—" (a column with empty cells is shown as text, numbers right-aligned)."""
    shown, config = frame.copy(), {}
    for column in frame.columns:
        values = frame[column]
        empty = values.isna()
        decimal = values.map(lambda v: isinstance(v, Decimal)).any()
        numeric = decimal or pd.api.types.is_numeric_dtype(values.dtype)
        if not (decimal or empty.any()):
            continue
        shown[column] = [EMPTY if gone else (number_text(v) if numeric else v) for v, gone in zip(values, empty)]
        if numeric:
            config[column] = st.column_config.TextColumn(str(column), alignment="right")
    return shown, config


def kept_rows(ticket: str) -> pd.DataFrame:
    """The rows of a result still on the shelf (a download clicked after it was let go: no rows)."""
    result = sql_console.recall(ticket)
    return result.frame if result is not None else pd.DataFrame({_("结果已过期，请重新运行查询"): []})


def outcome_view(outcome: dict | None) -> None:
    if outcome and "msgid" in outcome:
        # The message may quote the user's own text (a table or function name): shown as text.
        message = outcome["msgid"]  # a msgid marked with N_ in store/sql_console.py
        st.error(plain(_(message, **outcome["values"])),
                 icon=":material/block:" if outcome["kind"] == "refused" else ":material/error:")
        if outcome["detail"]:
            st.caption(_("数据库返回的信息：{detail}", detail=plain(outcome["detail"])))
        return
    if not outcome or "ticket" not in outcome:
        return
    result = sql_console.recall(outcome["ticket"])
    if result is None:
        st.info(_("这次查询的结果已不在内存中（服务器只保留最近的几次结果），请再运行一次。"), icon=":material/history:")
        return
    for number, (msgid, values) in enumerate(result.notices):
        show = st.success if result.complete else st.warning
        (show if number == 0 else st.warning)(_(msgid, **values))
    shown, config = console_view(result.frame)
    st.dataframe(shown, hide_index=True, width="stretch", column_config=config)
    if not result.frame.empty:
        ticket = outcome["ticket"]
        fetch_buttons(lambda: kept_rows(ticket), _("查询结果"), "sql-result", _("下载 CSV"), _("下载 Excel"))


def run(sql: str) -> None:
    # The session keeps a ticket (or a short message), never the rows: results live on the
    # process's bounded shelf in store.sql_console, shared by every session.
    try:
        st.session_state[OUTCOME] = {"ticket": sql_console.remember(sql_console.execute(sql))}
    except sql_console.ConsoleError as error:
        st.session_state[OUTCOME] = {"kind": error.kind, "msgid": error.msgid, "values": error.values,
                                     "detail": error.detail}


# ---- the tab -----------------------------------------------------------------------------

def console() -> None:
    code = lang()
    st.markdown(_("在只读数据库上运行一条 **SELECT**（可用 WITH）。只能查询看板的数据表，使用常用的计算、文本、日期、"
                  "列表和聚合函数；超过 **{seconds:g} 秒**自动中止，最多显示 **{rows:,} 行**、**{mb} MB**，"
                  "每个单元格最多 **{chars:,}** 个字符。表名和列名见右侧的“表和列”。",
                  seconds=sql_console.LIMIT_SECONDS, rows=sql_console.ROW_CAP,
                  mb=sql_console.MAX_RESULT_BYTES // 1024 ** 2, chars=sql_console.MAX_CELL_CHARS))
    restore_state()
    editor, schema = st.columns([3, 1.15])

    def example_label(name: str) -> str:
        return _(name, code)

    with editor:
        st.selectbox(_("示例查询"), [CUSTOM, *sql_console.EXAMPLES], key=EXAMPLE, on_change=load_example,
                     format_func=example_label,
                     help=_("选一个示例会把它的 SQL 放进编辑器；你自己写的查询保存在“（自己编写）”中，随时可以切回。"))
        sql = st.text_area("SQL", key=TEXT, height=260, on_change=edited,
                           placeholder=_("只读查询，例如：SELECT town_name, quota_persons …"))
        _keep(sql, st.session_state.get(EXAMPLE, CUSTOM))
        if st.button(_("运行查询"), type="primary", icon=":material/play_arrow:", key="sql-run"):
            run(sql)
    with schema:
        schema_panel()
    outcome_view(st.session_state.get(OUTCOME))
