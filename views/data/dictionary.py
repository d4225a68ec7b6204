"""数据字典与下载: every table, every column, and whole-table downloads produced on click."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.data import catalog, curated
from ui.downloads import safe_stem, to_csv_bytes, to_excel_bytes
from ui.i18n import _, lang
from ui.layout import lazy_expander
from ui.tables import show_table


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


def dictionary() -> None:
    # Descriptions are the schema's (loaders/schema.py and each loader's TABLES, marked N_ there).
    code = lang()
    tables = catalog.tables()
    tables = tables.assign(comment=tables.comment.map(lambda text: _(text, code) if text else text))
    info = curated.build_info()
    st.markdown(_("数据库共 **{tables}** 个表、**{rows:,}** 行，构建于 {built}。金额为万元，DECIMAL(18,6) 精确存储；"
                  "事实表都带 `doc_id` 与 `line`，指向原文的文件与行。", tables=len(tables),
                  rows=int(tables.rows.sum()), built=info.get("built_at", "—").replace("T", " ")))
    show_table(tables, "catalog", height=min(36 * len(tables) + 40, 420))
    st.caption(_("下载说明：CSV 为 UTF-8（带 BOM，Excel 可直接打开中文）；CSV/Excel 中以 = + - @ 开头的文字前加了单引号，"
                 "防止被当作公式执行；Parquet 保留原始类型（金额为精确小数）。"))
    all_columns = catalog.columns()
    for table in tables.itertuples():   # lazy: a closed table costs one element, not a grid and three buttons
        box, is_open = lazy_expander(f"**{table.table_name}** — {table.comment}"
                                     + _("（{rows:,} 行，{columns} 列）", rows=table.rows, columns=table.column_count),
                                     f"dictionary-{table.table_name}")
        if not is_open:
            continue
        with box:
            cols = all_columns[all_columns.table_name == table.table_name]
            st.dataframe(pd.DataFrame({_("列"): cols.column_name, _("类型"): cols.data_type,
                                       _("可空"): cols.is_nullable.map({True: _("是"), False: _("否")}),
                                       _("说明"): cols.comment.map(lambda text: _(text, code) if text else text)}),
                         hide_index=True, width="stretch")
            download_row(table.table_name)
