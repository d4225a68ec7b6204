"""Meeting mode (?mode=meeting&slide=N): the briefing on the projector, one slide per screen.

No sidebar or toolbar, large black-on-white type, the town filter (?town=) and language
(?lang=) of the normal view. ← / → (and a presenter's PageUp / PageDown) turn the page;
the URL records the slide, so a link reopens the same screen.
"""
from __future__ import annotations

import datetime as dt
import html

import streamlit as st

from ui import briefing, export, theme
from ui.data import curated
from ui.downloads import safe_stem
from ui.i18n import _

MODE_PARAM, MODE_VALUE, SLIDE_PARAM = "mode", "meeting", "slide"
TOGGLE_KEY = "meeting_toggle"
# Fits a 1280×720 projector with the title and key figures; larger screens scale the whole slide
# (theme.MEETING_CSS zooms ×1.5 at 1920×1080), so the chart's height follows the viewport.
CHART_HEIGHT, CHART_HEIGHT_ALONE = 350, 470
# The slide a page opens on when meeting mode is switched on from it.
PAGE_SLIDES = {"": "overview", "funds": "fund_sources", "roads": "roads", "insurance": "insurance",
               "hotline": "hotline", "campaigns": "commitments"}


def active() -> bool:
    return st.query_params.get(MODE_PARAM) == MODE_VALUE


def current_index() -> int:
    """0-based slide index from ?slide= (1-based, clamped; junk means the first slide)."""
    try:
        number = int(st.query_params.get(SLIDE_PARAM, "1"))
    except ValueError:
        number = 1
    return max(0, min(number, briefing.slide_count()) - 1)


def _show(index: int) -> None:
    st.query_params[SLIDE_PARAM] = str(max(0, min(index, briefing.slide_count() - 1)) + 1)


def _step(delta: int) -> None:
    _show(current_index() + delta)


def enter(url_path: str = "") -> None:
    """Toggle callback: switch meeting mode on at the slide for the page the user was on."""
    if st.session_state.get(TOGGLE_KEY):
        st.query_params[MODE_PARAM] = MODE_VALUE
        keys = [build.__name__ for build in briefing.BUILDERS]
        wanted = PAGE_SLIDES.get(url_path, "overview")
        _show(keys.index(wanted) if wanted in keys else 0)
    else:
        leave()


def leave() -> None:
    for name in (MODE_PARAM, SLIDE_PARAM):
        if name in st.query_params:
            del st.query_params[name]
    st.session_state[TOGGLE_KEY] = False


def pdf_file_name(town: str | None, lang: str) -> str:
    app, briefing, scope = _("公报看板", lang), _("会议简报", lang), town or _("全区", lang)
    stem = safe_stem(f"{app}_{briefing}_{scope}_{dt.date.today():%Y%m%d}")
    return f"{stem}.pdf"


def briefing_pdf_bytes(town: str | None, lang: str, bulletins: tuple[str, ...] | None = None) -> bytes:
    """Made on click (deferred download): every slide rebuilt for this town, language and scope."""
    scope = briefing.default_scope(bulletins)
    titles = curated.bulletin_titles()
    return export.briefing_pdf(briefing.slides(town, lang, scope), town=town, lang=lang,
                               bulletins=[titles.get(b, b) for b in scope])


def pdf_button(town: str | None, lang: str, container=None, key: str = "briefing-pdf",
               bulletins: tuple[str, ...] | None = None) -> None:
    (container or st).download_button(
        _("下载简报 PDF", lang), lambda: briefing_pdf_bytes(town, lang, bulletins), pdf_file_name(town, lang),
        "application/pdf", key=key, icon=":material/picture_as_pdf:", on_click="ignore",
        help=_("简报 PDF：封面（日期与筛选）加每页一个图表及出处，按当前镇街筛选与语言生成。", lang))


def figures_html(figures, fill: bool = False) -> str:
    """Key figures as large cards: label, value, note — text only, nothing carried by colour."""
    cards = "".join(
        f'<div class="kf" role="group" aria-label="{html.escape(f.label)}：{html.escape(f.value)}">'
        f'<div class="kf-label">{html.escape(f.label)}</div><div class="kf-value">{html.escape(f.value)}</div>'
        + (f'<div class="kf-note">{html.escape(f.note)}</div>' if f.note else "") + "</div>"
        for f in figures)
    return f'<div class="kf-grid kf-{min(len(figures), 5)}{" kf-fill" if fill else ""}">{cards}</div>'


def render(town: str | None, lang: str, bulletins: tuple[str, ...] | None = None) -> None:
    st.html(theme.MEETING_CSS)
    index, total = current_index(), briefing.slide_count()
    slide = briefing.slide(index, town, lang, bulletins)

    nav = st.container(horizontal=True, vertical_alignment="center", key="meeting-nav")
    position = f"{index + 1} / {total} · {slide.section}" + (f" · {town}" if town else "")
    nav.markdown(position, width="stretch")
    nav.button(_("退出会议模式", lang), key="meeting-exit", icon=":material/close_fullscreen:", on_click=leave,
               type="tertiary")
    pdf_button(town, lang, nav, key="meeting-pdf", bulletins=bulletins)
    nav.button(_("上一页", lang), key="meeting-prev", icon=":material/arrow_back:", shortcut="Left",
               on_click=_step, args=(-1,), disabled=index == 0)
    nav.button(_("下一页", lang), key="meeting-next", icon=":material/arrow_forward:", shortcut="Right",
               on_click=_step, args=(1,), disabled=index == total - 1, type="primary")
    # Presenter remotes send PageUp / PageDown: two more shortcuts on buttons kept out of sight.
    hidden = st.container(key="meeting-remote")
    hidden.button("PageUp", key="meeting-pageup", shortcut="PageUp", on_click=_step, args=(-1,))
    hidden.button("PageDown", key="meeting-pagedown", shortcut="PageDown", on_click=_step, args=(1,))

    st.title(slide.title)
    if slide.figures:
        st.html(figures_html(slide.figures, fill=slide.chart is None))
    if slide.chart is not None:
        # theme=None: keep the projector's black text instead of the app theme's grey. The box's height
        # comes from the viewport (theme.MEETING_CSS), the chart stretches to fill it.
        box = st.container(key="meeting-chart" if slide.figures else "meeting-chart-alone")
        box.plotly_chart(theme.projector(slide.chart, height=CHART_HEIGHT if slide.figures else CHART_HEIGHT_ALONE),
                         key=f"meeting-{slide.key}", alt=slide.alt or None, theme=None, height="stretch",
                         config={"displayModeBar": False, "staticPlot": True})
    st.caption((slide.scope + "　" if slide.scope else "") + _("来源：", lang) + slide.citation)
