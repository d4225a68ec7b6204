"""文件库：全部文件的目录、全文检索，以及按行号打开的原文阅读视图（?doc=…&line=…）。

?doc= and ?q= come from links anyone can craft: they are shown as text (ui.text.plain), never as Markdown."""
from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from ui import format as fmt
from ui import library
from ui.data import catalog, curated, search
from ui.data import editions as ed
from ui.filters import kind_label
from ui.i18n import N_, _, lang, ngettext
from ui.layout import page_header
from ui.links import with_lang
from ui.paging import lazy_downloads, page_window
from ui.provenance import citation, document_link
from ui.text import plain

MAX_HITS = 40
code = lang()
loaded = ed.editions()
EDITION_TEXT = library.edition_texts(loaded)   # bulletin id -> '济阳区 · 2021年第1期'


def requested_line() -> int | None:
    raw = st.query_params.get("line")
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


def close_document() -> None:
    for key in ("doc", "line"):
        st.query_params.pop(key, None)


def span(first, last, unit: str) -> str:
    """'第 4–19 页' / 'pp. 4–19'; unit is '页' (pages) or '行' (lines)."""
    if pd.isna(first):
        return "—"
    if pd.isna(last) or int(last) <= int(first):
        return _("第 {n} 页", n=int(first)) if unit == "页" else _("第 {n} 行", n=int(first))
    if unit == "页":
        return _("第 {first}–{last} 页", first=int(first), last=int(last))
    return _("第 {first}–{last} 行", first=int(first), last=int(last))


def bare_span(first, last) -> str:
    """'4–19' (the catalogue's page column)."""
    if pd.isna(first):
        return "—"
    return str(int(first)) if pd.isna(last) or int(last) <= int(first) else f"{int(first)}–{int(last)}"


def doc_url(doc_id: str, line: int | None = None) -> str:
    return with_lang(document_link(doc_id, line), code)


# ---- HTML pieces (text arrives escaped from here or as <mark>-only HTML from store.search) ----

STYLE = """<style>
.gz-hits { display: flex; flex-direction: column; gap: .6rem; }
.gz-hit { border-left: 3px solid #c8a400; padding: .2rem .8rem; }
.gz-hit a { font-weight: 600; text-decoration: none; }
.gz-hit .gz-meta { color: #6b6f76; font-size: .85rem; margin-left: .4rem; }
.gz-hit .gz-edition { font-size: .8rem; border: 1px solid rgba(128,128,128,.45); border-radius: .3rem;
                      padding: 0 .35rem; margin-right: .4rem; white-space: nowrap; }
.gz-group { margin: .9rem 0 .3rem; font-weight: 700; }
.gz-hit .gz-snippet { margin-top: .15rem; line-height: 1.6; }
mark { background: #ffe36e; color: inherit; padding: 0 .1em; border-radius: 2px; }
.gz-reader { position: relative; max-height: 68vh; overflow-y: auto; border: 1px solid rgba(128,128,128,.35);
             border-radius: .5rem; padding: .5rem 0; line-height: 1.75; }
.gz-line { display: flex; gap: .9rem; padding: 0 .9rem; }
.gz-line .gz-no { flex: 0 0 3.2rem; text-align: right; color: #8a8f98; font-variant-numeric: tabular-nums;
                  user-select: none; }
.gz-line .gz-text { flex: 1; white-space: pre-wrap; word-break: break-all; }
.gz-line.gz-heading .gz-text { font-weight: 700; }
.gz-line.gz-target { background: #fff3b0; box-shadow: inset 4px 0 0 #e0a800; }
.gz-gap { height: .7rem; }
</style>"""


def hit_rows(hits: list[search.Hit], titles: dict[str, str], with_edition: bool = True) -> list[str]:
    rows = []
    for hit in hits:
        link = html.escape(doc_url(hit.doc_id, hit.line))
        title = html.escape(titles.get(hit.doc_id, hit.doc_id))
        edition = (f'<span class="gz-edition">{html.escape(EDITION_TEXT.get(hit.bulletin, hit.bulletin))}</span>'
                   if with_edition and hit.bulletin else "")
        meta = html.escape(_("第 {line} 行 · 相关度 {score:.1f}", line=hit.line, score=hit.score))
        rows.append(f'<div class="gz-hit" data-bulletin="{html.escape(hit.bulletin)}">{edition}'
                    f'<a href="{link}" target="_self">《{title}》</a><span class="gz-meta">{meta}</span>'
                    f'<div class="gz-snippet">{hit.snippet}</div></div>')
    return rows


def hits_html(hits: list[search.Hit], titles: dict[str, str], with_edition: bool = True) -> str:
    return STYLE + '<div class="gz-hits">' + "".join(hit_rows(hits, titles, with_edition)) + "</div>"


def grouped_hits_html(hits: list[search.Hit], titles: dict[str, str]) -> str:
    """One heading per edition (the archive's order: newest first), its hits by rank below."""
    parts = []
    for bulletin, group in search.by_edition(hits, library.newest_first(loaded)):
        heading = ngettext("{edition}：{n} 个段落", "{edition}：{n} 个段落", len(group), edition=edition_heading(bulletin))
        parts.append(f'<div class="gz-group" data-bulletin="{html.escape(bulletin)}">{html.escape(heading)}</div>'
                     + "".join(hit_rows(group, titles, with_edition=False)))
    return STYLE + '<div class="gz-hits">' + "".join(parts) + "</div>"


def edition_heading(bulletin: str) -> str:
    """'济阳区 · 2021年第1期 · 区政府公报'."""
    kind = loaded.loc[loaded.bulletin_id == bulletin, "kind"]
    return EDITION_TEXT.get(bulletin, bulletin) + (f" · {kind_label(kind.iloc[0], code)}" if len(kind) else "")


def reader_html(lines: list[search.TextLine], target: int | None) -> str:
    rows, gap = [], False
    for item in lines:
        if item.blank:
            gap = True  # page breaks and blank lines: one small gap, numbering keeps counting
            continue
        if gap and rows:
            rows.append('<div class="gz-gap"></div>')
        gap = False
        classes = "gz-line" + (" gz-heading" if item.heading else "") + (" gz-target" if item.line == target else "")
        rows.append(f'<div class="{classes}" id="L{item.line}" data-line="{item.line}">'
                    f'<span class="gz-no">{item.line}</span><span class="gz-text">{html.escape(item.text)}</span></div>')
    scroll = ""
    if target:
        # Scroll the reader box (not the page) so the cited line sits in its upper third.
        scroll = (f"<script>(function(){{const box=document.getElementById('gz-reader');"
                  f"const el=document.getElementById('L{int(target)}');"
                  f"if(box&&el){{box.scrollTop=Math.max(0,el.offsetTop-box.clientHeight/3);}}}})();</script>")
    return STYLE + '<div class="gz-reader" id="gz-reader">' + "".join(rows) + "</div>" + scroll


# ---- views -------------------------------------------------------------------

def reader(doc_id: str) -> None:
    doc = curated.document(doc_id)
    listing = catalog.document_catalog(doc_id=doc_id)
    row = listing.iloc[0] if not listing.empty else None
    line = requested_line()
    first, last = int(doc["first_line"]), int(doc["last_line"])

    st.button(_("返回文件库"), on_click=close_document, icon=":material/arrow_back:")
    bulletin = curated.bulletin_titles().get(doc["bulletin"], doc["bulletin"])
    st.title(doc["title"])
    doc_no = doc["doc_no"] if isinstance(doc["doc_no"], str) and doc["doc_no"] else _("（无文号）")
    issuer = doc["issuer"] if isinstance(doc["issuer"], str) and doc["issuer"] else "—"
    signed = fmt.cn_date(doc["signed_on"]) if not pd.isna(doc["signed_on"]) else "—"
    pages = span(doc["start_page"], row["end_page"] if row is not None else None, "页")
    headers = " | ".join(_(h) for h in ("文号", "发文机关", "成文日期", N_("公报页码"), "原文行"))
    st.markdown(f"| {headers} |\n|---|---|---|---|---|\n"
                f"| {doc_no} | {issuer} | {signed} | {pages} | {span(first, last, '行')} |")
    st.caption(_("{bulletin} · 文件 ID：{doc_id}", bulletin=bulletin, doc_id=doc_id)
               + (_(" · 数据核对 {checks} 项，其中警告 {warnings} 项", checks=int(row["checks"]),
                    warnings=int(row["warnings"])) if row is not None else ""))

    if line is not None and not first <= line <= last:
        st.warning(_("第 {line} 行不在本文件内（本文件为原文第 {first}–{last} 行），已显示全文。", line=line, first=first,
                     last=last), icon=":material/warning:")
        line = None
    lines = search.document_lines(doc_id)
    if line is not None:
        # A citation may name a blank line (page break): mark the next printed line instead.
        line = next((item.line for item in lines if item.line >= line and not item.blank), line)
        text = next((item.text for item in lines if item.line == line), "")
        st.markdown(_("**第 {line} 行**（已在下方原文中标出）", line=line))
        if text:
            st.info(text, icon=":material/format_quote:")
    st.markdown(_("**引用**（右上角按钮可复制）"))
    st.code(citation(doc_id, line if line is not None else [first, last]), language=None, wrap_lines=True)

    within = st.text_input(_("在本文件中查找"), key="doc_q", placeholder=_("如 资金、责任单位、2020年12月"),
                           type="search")
    if within.strip():
        hits = search.search(within, limit=MAX_HITS, doc_id=doc_id)
        st.caption(ngettext("本文件中有 {n} 处相关段落。", "本文件中有 {n} 处相关段落。", len(hits)) if hits else _("本文件中没有找到。"))
        if hits:
            st.html(hits_html(hits, {doc_id: doc["title"]}, with_edition=False))
    st.html(reader_html(lines, line), unsafe_allow_javascript=True)
    st.caption(_("原文按行显示：行号即原始文本的行号（空行与分页处略去，行号照常连续计数）；"
                 "Markdown 标记已去掉，表格单元格以“│”分隔。"))


def scope_text(choice: library.Choice) -> str:
    """'全部 3 期' or '2 期：济阳区 · 2021年第1期、…' — the editions a search or list reads."""
    if choice.bulletins is None:
        return _("全部 {n} 期", n=len(loaded))
    names = [EDITION_TEXT.get(b, b) for b in library.newest_first(loaded) if b in set(choice.bulletins)]
    shown = "、".join(names[:6]) + ("……" if len(names) > 6 else "")
    return _("{n} 期：{names}", n=len(names), names=shown) if names else _("没有符合筛选的期次")


def search_section(choice: library.Choice) -> None:
    query = st.text_input(_("全文检索"), key="q", bind="query-params", type="search",
                          placeholder=_("输入词语或短语，如 土马河、12345、养老服务 补贴（空格分隔多个词）"))
    if not query or not query.strip():
        index = search.index()
        stats = index.stats
        st.caption(_("索引覆盖 {documents} 份文件、{passages:,} 个段落、{characters:,} 字；"
                     "按相邻两字和单字检索，结果按相关度（BM25）排序。", documents=stats["documents"],
                     passages=stats["passages"], characters=stats["characters"])
                   + _("检索范围：{scope}。", scope=scope_text(choice)))
        return
    hits = search.search(query, limit=MAX_HITS, bulletins=choice.bulletins)
    if not hits:
        st.info(_("没有找到“{query}”。可以换一个说法，或只输入其中两三个字。", query=plain(query)), icon=":material/search_off:")
        st.caption(_("检索范围：{scope}。", scope=scope_text(choice)))
    else:
        per_doc = search.by_document(hits)
        per_edition = search.by_edition(hits, library.newest_first(loaded))
        st.markdown(_("找到 **{hits}** 个相关段落，分布在 **{docs}** 份文件中", hits=len(hits), docs=len(per_doc))
                    + _("、**{editions}** 期公报", editions=len(per_edition))
                    + (_("（只显示最相关的前 {n} 个）", n=MAX_HITS) if len(hits) >= MAX_HITS else "") + _("。"))
        st.caption(_("检索范围：{scope}。", scope=scope_text(choice)).strip())
        titles = curated.document_titles(tuple(sorted({h.doc_id for h in hits})))
        if library.hit_order() == library.BY_EDITION:
            st.html(grouped_hits_html(hits, titles))
        else:
            if len(per_edition) > 1:  # in rank order, say how the hits spread over the editions
                st.caption(_("各期段落数：{counts}", counts="　".join(
                    f"{EDITION_TEXT.get(b, b)} {len(group)}" for b, group in per_edition)))
            st.html(hits_html(hits, titles))
    rows = catalog.find_rows(query.strip())
    if not rows.empty:
        with st.expander(_("数据表中也有“{query}”（{n} 个表）", query=plain(query.strip()), n=len(rows)), icon=":material/table:"):
            st.dataframe(rows.rename(columns={"table_name": _("表"), "rows": _("匹配行数"), "sample": _("示例")}),
                         hide_index=True, width="stretch")
            st.caption(_("在“数据”页可以查看表结构、下载整表，或用 SQL 控制台查询这些行。"))


def catalog_table(shown: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        _("区县 · 期次"): [library.edition_text(row) for row in shown.itertuples()],
        _("类型"): [kind_label(k, code) if isinstance(k, str) else "—" for k in shown.kind],
        _("文号"): shown.doc_no.fillna("—"),
        _("标题"): shown.title,
        _("发文机关"): shown.issuer.fillna("—"),
        _("成文日期"): [fmt.cn_date(v) if not pd.isna(v) else "—" for v in shown.signed_on],
        _("页码"): [bare_span(a, b) for a, b in zip(shown.start_page, shown.end_page)],
        _("原文行"): [f"{a}–{b}" for a, b in zip(shown.first_line, shown.last_line)],
        _("核对警告"): shown.warnings.astype(int),
        _("阅读"): [doc_url(d) for d in shown.doc_id],
    })


def document_list(choice: library.Choice) -> None:
    issuer, keyword = library.document_filters(choice.bulletins)
    # Filtered and paged in SQL: the page holds one page of the catalogue, never all of it.
    chosen = dict(bulletins=choice.bulletins, issuer=issuer, keyword=keyword)
    per_edition = catalog.document_counts(**chosen)
    total, matching = catalog.document_count(), sum(per_edition.values())
    st.caption(_("共 {n} 份文件（全部 {total} 份），来自 {editions} 期。点击“阅读”打开原文。", n=f"{matching:,}",
                 total=f"{total:,}", editions=len(per_edition)))
    if not matching:
        st.info(_("没有符合这些筛选的文件。清除一个筛选条件再试。"), icon=":material/filter_alt_off:")
        return
    offset, limit = page_window(matching, "doc_page")
    table = catalog_table(catalog.document_catalog(**chosen, limit=limit, offset=offset))
    READ, TITLE, WARNINGS = _("阅读"), _("标题"), _("核对警告")
    st.dataframe(table, hide_index=True, width="stretch", height=min(38 * len(table) + 40, 640),
                 column_config={
                     READ: st.column_config.LinkColumn(READ, display_text=_("打开原文"), width="small"),
                     TITLE: st.column_config.TextColumn(TITLE, width="large"),
                     WARNINGS: st.column_config.NumberColumn(WARNINGS, help=_("该文件中数字核对不一致的项数（见“数据”页）")),
                 })
    if matching > limit:
        lazy_downloads(lambda: catalog_table(catalog.document_catalog(**chosen)), _("文件目录"), key="doc-catalog")


# ---- page ------------------------------------------------------------------

doc_id = st.query_params.get("doc")
if doc_id and curated.document(doc_id) is not None:
    reader(doc_id)
else:
    page_header(_("文件库"), _("全部 {editions} 期公报的 {documents} 份文件：目录、全文检索和按行号引用的原文。"
                               "应用中每一处“查看原文”都链接到这里的具体行。", editions=len(loaded),
                               documents=f"{catalog.document_count():,}"))
    if doc_id:
        st.error(_("找不到文件“{doc_id}”。请从下方的文件目录中选择。", doc_id=plain(doc_id)), icon=":material/error:")
    # One set of edition filters for both the search and the catalogue (all in the URL: a link reopens them).
    choice = library.edition_filters(loaded)
    search_section(choice)
    st.subheader(_("文件目录"))
    document_list(choice)
