"""Full-text search over the chosen editions, and the data tables that hold the same words."""
from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from ui import library
from ui.data import catalog, curated, search
from ui.i18n import _
from ui.tables import show_table
from ui.text import plain
from views.documents.common import MAX_HITS, edition_text, loaded
from views.documents.markup import grouped_hits_html, hits_html

if TYPE_CHECKING:  # types only: the data arrive through ui.data.search
    from store.search import Hit


def scope_text(choice: library.Choice) -> str:
    """'全部 3 期' or '2 期：济阳区 · 2021年第1期、…' — the editions a search or list reads."""
    frame, names_of = loaded(), edition_text()
    if choice.bulletins is None:
        return _("全部 {n} 期", n=len(frame))
    names = [names_of.get(b, b) for b in library.newest_first(frame) if b in set(choice.bulletins)]
    shown = "、".join(names[:6]) + ("……" if len(names) > 6 else "")
    return _("{n} 期：{names}", n=len(names), names=shown) if names else _("没有符合筛选的期次")


def index_caption(choice: library.Choice) -> None:
    stats = search.index().stats
    st.caption(_("索引覆盖 {documents} 份文件、{passages:,} 个段落、{characters:,} 字；"
                 "按相邻两字和单字检索，结果按相关度（BM25）排序。", documents=stats["documents"],
                 passages=stats["passages"], characters=stats["characters"])
               + _("检索范围：{scope}。", scope=scope_text(choice)))


def show_hits(query: str, hits: list[Hit], choice: library.Choice) -> None:
    per_doc = search.by_document(hits)
    per_edition = search.by_edition(hits, library.newest_first(loaded()))
    st.markdown(_("找到 **{hits}** 个相关段落，分布在 **{docs}** 份文件中", hits=len(hits), docs=len(per_doc))
                + _("、**{editions}** 期公报", editions=len(per_edition))
                + (_("（只显示最相关的前 {n} 个）", n=MAX_HITS) if len(hits) >= MAX_HITS else "") + _("。"))
    st.caption(_("检索范围：{scope}。", scope=scope_text(choice)).strip())
    titles = curated.document_titles(tuple(sorted({h.doc_id for h in hits})))
    if library.hit_order() == library.BY_EDITION:
        st.html(grouped_hits_html(hits, titles))
        return
    if len(per_edition) > 1:  # in rank order, say how the hits spread over the editions
        names = edition_text()
        st.caption(_("各期段落数：{counts}", counts="　".join(
            f"{names.get(b, b)} {len(group)}" for b, group in per_edition)))
    st.html(hits_html(hits, titles))


def matching_tables(query: str) -> None:
    rows = catalog.find_rows(query)
    if rows.empty:
        return
    with st.expander(_("数据表中也有“{query}”（{n} 个表）", query=plain(query), n=len(rows)), icon=":material/table:"):
        show_table(rows, "catalog_matches")
        st.caption(_("在“数据”页可以查看表结构、下载整表，或用 SQL 控制台查询这些行。"))


def search_section(choice: library.Choice) -> None:
    query = st.text_input(_("全文检索"), key="q", bind="query-params", type="search",
                          placeholder=_("输入词语或短语，如 土马河、12345、养老服务 补贴（空格分隔多个词）"))
    if not query or not query.strip():
        index_caption(choice)
        return
    hits = search.search(query, limit=MAX_HITS, bulletins=choice.bulletins)
    if hits:
        show_hits(query, hits, choice)
    else:
        st.info(_("没有找到“{query}”。可以换一个说法，或只输入其中两三个字。", query=plain(query)), icon=":material/search_off:")
        st.caption(_("检索范围：{scope}。", scope=scope_text(choice)))
    matching_tables(query.strip())
