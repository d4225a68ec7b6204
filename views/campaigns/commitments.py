"""承诺与目标: every commitment with a figure in scope, filtered by district, unit and deadline."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from ui import campaign_charts as cc
from ui import format as fmt
from ui.data import campaigns
from ui.downloads import download_buttons
from ui.filters import scope_description
from ui.i18n import _, lang
from ui.layout import chart
from ui.links import TOWN_LINK_DISPLAY, town_url
from ui.paging import lazy_downloads, page_window
from ui.provenance import citation, document_link
from ui.tables import labelled, show_table
from views.campaigns.common import (
    ALL_UNITS,
    NO_BAR,
    cite_rows,
    dash,
    empty_notice,
    quality_expander,
    scoped_empty_notice,
    source_text,
    span_source,
    unit_option,
    view_text,
)

LEDGER_PAGE = 200  # both bulletins' commitments fit on one page; a corpus of many is paged


def show(scope) -> None:
    if not campaigns.row_count("targets"):
        empty_notice(_("数字化承诺"))
        return
    if not campaigns.target_districts(scope):
        scoped_empty_notice("targets", _("数字化承诺"))
        return
    ledger_filter = filters(scope)
    # Counts, the month chart and its citation are aggregated in SQL; the table is one page
    # (176,000 commitments at 1000 editions); the download fetches all on click.
    today = dt.date.today()
    summary = campaigns.ledger_summary(*ledger_filter, bulletins=scope, today=today)
    key_figures(summary, today)
    if not summary["targets"]:
        st.info(_("没有符合筛选条件的承诺。"))
    else:
        if summary["dated"]:
            months_chart(ledger_filter, scope)
        ledger_section(ledger_filter, summary["targets"], scope)
    quality_expander("targets.", _("承诺"), scope)


def filters(scope) -> tuple:
    code = lang()
    lo, hi = campaigns.target_date_range(scope)
    st.markdown(_("{scope}中所有带数字的承诺（比例、数量、金额、名次、清零、日期），按期限排序。",
                  scope=scope_description(scope, code)))
    f1, f2, f3 = st.columns([1, 2, 2])
    districts = f1.pills(_("区"), campaigns.target_districts(scope), selection_mode="multi",
                         default=campaigns.target_districts(scope), key="ledger_districts")
    unit_choice = f2.selectbox(_("责任单位（规范名）"), [ALL_UNITS, *campaigns.target_units(scope)], key="ledger_unit",
                               format_func=lambda u: unit_option(u, code))
    window = f3.date_input(_("期限范围"), value=(lo, hi), min_value=lo, max_value=hi, key="ledger_window",
                           format="YYYY/MM/DD", help=_("只看在这段时间内到期的承诺；例如把结束日期设为 2022/12/31"))
    include_undated = st.toggle(_("包括没有具体期限的承诺（如“当月”“长期”）"), value=True, key="ledger_undated")
    start, end = (window[0], window[1]) if isinstance(window, (tuple, list)) and len(window) == 2 else \
        ((window[0], None) if isinstance(window, (tuple, list)) and window else (None, None))
    return (tuple(districts or ()), None if unit_choice == ALL_UNITS else unit_choice, start, end, include_undated)


def key_figures(summary: dict, today: dt.date) -> None:
    dated = summary["dated"]
    # Two rows: a date as a key figure is too wide for a quarter of the page ("2020年9…").
    m = [*st.columns(2), *st.columns(2)]
    m[0].metric(_("承诺"), fmt.integer(summary["targets"], " 项"))
    m[1].metric(_("有具体期限"), fmt.integer(dated, " 项"))
    m[2].metric(_("最早的期限"), fmt.cn_date(summary["first_deadline"]) if dated else "—")
    upcoming = summary["next_deadline"]
    m[3].metric(_("下一个到期"), fmt.cn_date(upcoming) if upcoming else "—",
                help=_("今天（{today}）或以后最先到期的承诺期限", today=fmt.cn_date(today)) if upcoming or not dated
                else _("写明的期限都已过去（今天：{today}）", today=fmt.cn_date(today)))


def months_chart(ledger_filter: tuple, scope) -> None:
    code = lang()
    months_fig = cc.month_counts_chart(campaigns.ledger_months(*ledger_filter, bulletins=scope),
                                       _("各月到期的承诺数（按区）"), lang=code,
                                       districts=tuple(campaigns.target_districts(None)))
    chart(months_fig, "ledger-months", config=NO_BAR, alt=cc.describe_stacked(months_fig, code),
          source=span_source(campaigns.ledger_sources(*ledger_filter, bulletins=scope)))
    st.caption(_("只统计写明期限的承诺；“到2020年”“年底前”等按该年 12 月 31 日计，“9月中旬”按 15 日计。"))


def ledger_section(ledger_filter: tuple, total: int, scope) -> None:
    code = lang()
    DUE, TARGET, DOC, CITE, TOWN, SOURCE_TEXT = _("期限"), _("目标"), _("文件"), _("引用"), _("镇街"), source_text()

    def ledger_table(rows: pd.DataFrame) -> pd.DataFrame:
        return rows.assign(**{
            DUE: [fmt.cn_date(v) if pd.notna(v) else "—" for v in rows.deadline],
            TARGET: [cc.target_value_text(r, code) for _index, r in rows.iterrows()],
            DOC: [f"{title}（{no}）" if isinstance(no, str) and no else title
                  for title, no in zip(rows.doc_title, rows.doc_no)],
            CITE: [citation(d, ln) for d, ln in zip(rows.doc_id, rows.line)],
            TOWN: [town_url(name) if isinstance(name, str) else None for name in rows.town_name],
            SOURCE_TEXT: [document_link(d, ln) for d, ln in zip(rows.doc_id, rows.line)],
            "subject": dash(rows.subject), "deadline_text": dash(rows.deadline_text),
            "responsible": dash(rows.responsible)})[
            [DUE, "district", "subject", TARGET, "deadline_text", "responsible", DOC, "quote", CITE, TOWN,
             SOURCE_TEXT]]

    def ledger_download(rows: pd.DataFrame) -> pd.DataFrame:
        return labelled(ledger_table(rows).drop(columns=[SOURCE_TEXT]).assign(**{TOWN: rows.town_name.tolist()}),
                        "commitments")

    offset, limit = page_window(total, "ledger_page", LEDGER_PAGE)
    rows = campaigns.ledger(*ledger_filter, limit, offset, bulletins=scope)
    shown = ledger_table(rows)
    show_table(shown, "commitments", height=min(36 * len(shown) + 40, 560), column_config={
        _("承诺对象"): st.column_config.TextColumn(width="medium"),
        _("原文句子"): st.column_config.TextColumn(width="large"),
        TOWN: st.column_config.LinkColumn(_("镇街画像"), display_text=TOWN_LINK_DISPLAY,
                                          help=_("承诺写到的镇街，点击打开该镇街的画像")),
        SOURCE_TEXT: st.column_config.LinkColumn(SOURCE_TEXT, display_text=view_text())})
    if total > len(rows):
        lazy_downloads(lambda: ledger_download(campaigns.ledger(*ledger_filter, bulletins=scope)), _("承诺台账"),
                       key="ledger")
    else:
        download_buttons(ledger_download(rows), _("承诺台账"), key="ledger")
    cite_rows(rows, "commitments")
