"""Static exports: any Plotly figure as PNG or SVG (kaleido + the system Chromium, offline,
Chinese text in Noto Sans CJK), and the briefing as one PDF (an HTML document with the
charts as inline SVG and one slide per printed page, printed by headless Chromium).

Kaleido keeps one Chromium open (its sync server), started on the first export and stopped
after five idle minutes: the first image costs about 2–4 s, later ones about 0.2–0.3 s.
Export buttons generate on click (deferred download data), so a page's first paint never
waits for kaleido (bench/export_bench.py prints the figures).
"""
from __future__ import annotations

import atexit
import datetime as dt
import html
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

import plotly.graph_objects as go

from ui import format as fmt
from ui import theme
from ui.i18n import _

PNG_SCALE = 2
IDLE_STOP_SECONDS = 300   # kaleido's Chromium holds ~0.5 GB; stop it after five quiet minutes
_server_lock = threading.Lock()
_render_lock = threading.Lock()   # kaleido's sync server has one shared result queue: one call at a time
_server_started = False
_idle_timer: threading.Timer | None = None


def chromium_path() -> str:
    return os.environ.get("BROWSER_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


def _ensure_server() -> None:
    global _server_started
    with _server_lock:
        if not _server_started:
            import kaleido

            # mathjax=False: no CDN fetch (the machine is offline and the charts have no LaTeX).
            kaleido.start_sync_server(mathjax=False, silence_warnings=True)
            _server_started = True


def stop_server() -> None:
    """Stop kaleido's Chromium (after idling, and before interpreter shutdown removes its profile)."""
    global _server_started
    with _render_lock, _server_lock:
        if _server_started:
            import kaleido

            kaleido.stop_sync_server(silence_warnings=True)
            _server_started = False


def _stop_when_idle() -> None:
    global _idle_timer
    if _idle_timer is not None:
        _idle_timer.cancel()
    _idle_timer = threading.Timer(IDLE_STOP_SECONDS, stop_server)
    _idle_timer.daemon = True
    _idle_timer.start()


atexit.register(stop_server)


def _render(fig: go.Figure, fmt_name: str, width: int, height: int, scale: float = 1) -> bytes:
    import kaleido

    with _render_lock:
        _ensure_server()
        try:
            return kaleido.calc_fig_sync(fig.to_dict(), opts={"format": fmt_name, "width": width, "height": height,
                                                             "scale": scale})
        finally:
            _stop_when_idle()


def _size(fig: go.Figure) -> tuple[int, int]:
    return int(fig.layout.width or 1200), int(fig.layout.height or 450)


def to_png(fig: go.Figure, source: str | None = None, scale: float = PNG_SCALE) -> bytes:
    """PNG of the figure as printed (white background, citation underneath when given)."""
    printed = theme.printable(fig, source)
    return _render(printed, "png", *_size(printed), scale=scale)


def to_svg(fig: go.Figure, source: str | None = None) -> bytes:
    """SVG with text kept as text (searchable, Chinese glyphs from the viewer's CJK font)."""
    printed = theme.printable(fig, source)
    return _render(printed, "svg", *_size(printed))


def export_buttons(fig: go.Figure, stem: str, key: str, source: str | None = None, lang: str = "zh") -> None:
    """A PNG and an SVG download button; the image is made only when a button is clicked."""
    import streamlit as st

    from ui.downloads import safe_stem

    name = safe_stem(stem)
    source = _("来源：", lang) + source if source else None
    row = st.container(horizontal=True, gap="small", key=f"export-{key}")
    row.download_button(_("下载 PNG", lang), lambda: to_png(fig, source), f"{name}.png", "image/png",
                        key=f"png-{key}", icon=":material/image:", type="tertiary", on_click="ignore",
                        help=_("下载 PNG 图片（含中文标题与出处）", lang))
    row.download_button(_("下载 SVG", lang), lambda: to_svg(fig, source), f"{name}.svg", "image/svg+xml",
                        key=f"svg-{key}", icon=":material/polyline:", type="tertiary", on_click="ignore",
                        help=_("下载 SVG 矢量图（含中文标题与出处）", lang))


# ---- briefing PDF -------------------------------------------------------------

PDF_CSS = """
@page { size: A4 landscape; margin: 12mm 14mm 14mm 14mm;
        @bottom-right { content: counter(page) " / " counter(pages); font: 9pt "Noto Sans CJK SC", sans-serif;
                        color: #595959; } }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; color: #1F1F1F; margin: 0; }
section { break-after: page; page-break-after: always; }
section:last-child { break-after: auto; page-break-after: auto; }
.cover { padding-top: 38mm; }
.cover h1 { font-size: 30pt; margin: 0 0 6mm 0; }
.cover .meta { font-size: 14pt; line-height: 1.8; }
.cover ol { font-size: 12pt; line-height: 1.7; margin-top: 8mm; }
.kicker { font-size: 11pt; color: #0067A0; font-weight: 700; margin: 0; }
h2 { font-size: 20pt; margin: 1mm 0 3mm 0; }
.figures { display: flex; flex-wrap: wrap; gap: 4mm; margin: 2mm 0 4mm 0; }
.figure { border: 0.3mm solid #BDBDBD; border-radius: 2mm; padding: 3mm 4mm; min-width: 52mm; flex: 1 1 52mm; }
.figure .label { font-size: 10.5pt; color: #333333; }
.figure .value { font-size: 20pt; font-weight: 700; margin-top: 1mm; }
.figure .note { font-size: 9.5pt; color: #595959; margin-top: 1mm; }
.chart svg { display: block; width: 100%; height: auto; max-height: 100mm; }
.scope { font-size: 10.5pt; color: #333333; margin: 2mm 0 0 0; }
.citation { font-size: 10pt; color: #333333; margin: 2mm 0 0 0; border-top: 0.3mm solid #BDBDBD; padding-top: 2mm; }
"""


def _figures_html(figures) -> str:
    if not figures:
        return ""
    cards = "".join(
        f'<div class="figure"><div class="label">{html.escape(f.label)}</div>'
        f'<div class="value">{html.escape(f.value)}</div>'
        + (f'<div class="note">{html.escape(f.note)}</div>' if f.note else "") + "</div>"
        for f in figures)
    return f'<div class="figures">{cards}</div>'


def _svg_markup(fig: go.Figure) -> str:
    svg = to_svg(fig).decode("utf-8")
    return svg[svg.index("<svg"):]  # drop any XML prolog: the SVG is inlined in HTML


def briefing_html(slides: Sequence, *, town: str | None, lang: str = "zh", generated: dt.date | None = None,
                  bulletins: Sequence[str] = (), chart_svg=None) -> str:
    """The whole briefing as one HTML document: a title page, then one slide per page."""
    chart_svg = chart_svg or _svg_markup
    generated = generated or dt.date.today()
    date_text = fmt.cn_date(generated) if lang == "zh" else generated.isoformat()
    scope = town or _("全区", lang)
    generated_on, town_filter = _("生成日期：{date}", lang, date=date_text), _("镇街筛选：{town}", lang, town=scope)
    contents = "".join(f"<li>{html.escape(s.section)} · {html.escape(s.title)}</li>" for s in slides)
    sources = "".join(f"<div>《{html.escape(b)}》</div>" for b in bulletins)
    cover = (f'<section class="cover"><p class="kicker">{html.escape(_("公报看板", lang))}</p>'
             f'<h1>{html.escape(_("会议简报", lang))}</h1><div class="meta">'
             f'<div>{html.escape(generated_on)}</div>'
             f'<div>{html.escape(town_filter)}</div>'
             f'<div>{html.escape(_("数据来源：", lang))}</div>{sources}</div>'
             f'<ol>{contents}</ol></section>')
    pages = []
    for number, slide in enumerate(slides, start=1):
        chart = f'<div class="chart" role="img" aria-label="{html.escape(slide.alt)}">{chart_svg(slide.chart)}</div>' \
            if slide.chart is not None else ""
        pages.append(
            f'<section><p class="kicker">{number} / {len(slides)} · {html.escape(slide.section)}</p>'
            f'<h2>{html.escape(slide.title)}</h2>{_figures_html(slide.figures)}{chart}'
            + (f'<p class="scope">{html.escape(slide.scope)}</p>' if slide.scope else "")
            + f'<p class="citation">{html.escape(_("来源：", lang))}{html.escape(slide.citation)}</p></section>')
    doc_lang = "zh-CN" if lang == "zh" else "en"
    title = html.escape(f'{_("公报看板", lang)} · {_("会议简报", lang)} · {scope}')
    return (f'<!doctype html><html lang="{doc_lang}"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{PDF_CSS}</style></head><body>{cover}{''.join(pages)}</body></html>")


def html_to_pdf(document: str, timeout: float = 90) -> bytes:
    """Print an HTML document to PDF with headless Chromium (no network, fresh profile)."""
    with tempfile.TemporaryDirectory(prefix="briefing-") as work:
        source, target = Path(work) / "briefing.html", Path(work) / "briefing.pdf"
        source.write_text(document, encoding="utf-8")
        subprocess.run(
            [chromium_path(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-dev-shm-usage", f"--user-data-dir={Path(work) / 'profile'}", "--no-pdf-header-footer",
             f"--print-to-pdf={target}", source.as_uri()],
            check=True, timeout=timeout, capture_output=True)
        if not target.exists() or target.stat().st_size == 0:
            raise RuntimeError("Chromium did not write the briefing PDF")
        return target.read_bytes()


def briefing_pdf(slides: Sequence, *, town: str | None, lang: str = "zh", generated: dt.date | None = None,
                 bulletins: Sequence[str] = ()) -> bytes:
    return html_to_pdf(briefing_html(slides, town=town, lang=lang, generated=generated, bulletins=bulletins))

