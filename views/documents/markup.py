"""HTML of the search hits and the reader. Text arrives escaped from here, or as <mark>-only HTML
from store.search; the style is ui.theme.LIBRARY_CSS (theme-aware)."""
from __future__ import annotations

import html
from typing import TYPE_CHECKING

from ui import library
from ui.data import search
from ui.filters import kind_label
from ui.i18n import _, lang, ngettext
from ui.theme import LIBRARY_CSS
from views.documents.common import doc_url, edition_text, loaded

if TYPE_CHECKING:  # types only: the data arrive through ui.data.search
    from store.search import Hit, TextLine


def hit_rows(hits: list[Hit], titles: dict[str, str], with_edition: bool = True) -> list[str]:
    names, rows = edition_text(), []
    for hit in hits:
        link = html.escape(doc_url(hit.doc_id, hit.line))
        title = html.escape(titles.get(hit.doc_id, hit.doc_id))
        edition = (f'<span class="gz-edition">{html.escape(names.get(hit.bulletin, hit.bulletin))}</span>'
                   if with_edition and hit.bulletin else "")
        meta = html.escape(_("第 {line} 行 · 相关度 {score:.1f}", line=hit.line, score=hit.score))
        rows.append(f'<div class="gz-hit" data-bulletin="{html.escape(hit.bulletin)}">{edition}'
                    f'<a href="{link}" target="_self">《{title}》</a><span class="gz-meta">{meta}</span>'
                    f'<div class="gz-snippet">{hit.snippet}</div></div>')
    return rows


def hits_html(hits: list[Hit], titles: dict[str, str], with_edition: bool = True) -> str:
    return LIBRARY_CSS + '<div class="gz-hits">' + "".join(hit_rows(hits, titles, with_edition)) + "</div>"


def edition_heading(bulletin: str) -> str:
    """'济阳区 · 2021年第1期 · 区政府公报'."""
    frame = loaded()
    kind = frame.loc[frame.bulletin_id == bulletin, "kind"]
    return edition_text().get(bulletin, bulletin) + (f" · {kind_label(kind.iloc[0], lang())}" if len(kind) else "")


def grouped_hits_html(hits: list[Hit], titles: dict[str, str]) -> str:
    """One heading per edition (the archive's order: newest first), its hits by rank below."""
    parts = []
    for bulletin, group in search.by_edition(hits, library.newest_first(loaded())):
        heading = ngettext("{edition}：{n} 个段落", "{edition}：{n} 个段落", len(group), edition=edition_heading(bulletin))
        parts.append(f'<div class="gz-group" data-bulletin="{html.escape(bulletin)}">{html.escape(heading)}</div>'
                     + "".join(hit_rows(group, titles, with_edition=False)))
    return LIBRARY_CSS + '<div class="gz-hits">' + "".join(parts) + "</div>"


# Constant code: scroll the reader box (not the page) so the cited line sits in its upper third, and
# copy the cited line's citation with one click (navigator.clipboard, or a hidden textarea's copy).
_READER_SCRIPT = """<script>(function(){
const box=document.getElementById('gz-reader'), el=box&&box.querySelector('.gz-target');
if(box&&el){box.scrollTop=Math.max(0,el.offsetTop-box.clientHeight/3);}
document.querySelectorAll('.gz-copy').forEach(function(button){
  if(button.dataset.bound)return; button.dataset.bound='1';
  button.addEventListener('click',function(){
    const text=button.dataset.citation, done=function(){button.textContent=button.dataset.done;};
    const fallback=function(){const area=document.createElement('textarea');area.value=text;
      document.body.appendChild(area);area.select();try{document.execCommand('copy');done();}finally{area.remove();}};
    if(navigator.clipboard&&window.isSecureContext){navigator.clipboard.writeText(text).then(done,fallback);}
    else{fallback();}
  });
});})();</script>"""


def copy_button(citation: str) -> str:
    done, label = html.escape(_("已复制")), html.escape(_("复制引用"))  # outside the f-string: pybabel sees them
    return (f'<button type="button" class="gz-copy" data-citation="{html.escape(citation)}" '
            f'data-done="{done}" title="{html.escape(citation)}">{label}</button>')


def reader_html(lines: list[TextLine], target: int | None, citation: str = "") -> str:
    """The document line by line; the target line highlighted, with a one-click 复制引用 button."""
    rows: list[str] = []
    gap = False
    for item in lines:
        if item.blank:
            gap = True  # page breaks and blank lines: one small gap, numbering keeps counting
            continue
        if gap and rows:
            rows.append('<div class="gz-gap"></div>')
        gap = False
        is_target = item.line == target
        classes = "gz-line" + (" gz-heading" if item.heading else "") + (" gz-target" if is_target else "")
        rows.append(f'<div class="{classes}" id="L{item.line}" data-line="{item.line}">'
                    f'<span class="gz-no">{item.line}</span><span class="gz-text">{html.escape(item.text)}</span>'
                    f'{copy_button(citation) if is_target and citation else ""}</div>')
    return LIBRARY_CSS + '<div class="gz-reader" id="gz-reader">' + "".join(rows) + "</div>" + _READER_SCRIPT
