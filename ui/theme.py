"""Figure and page styles for the three places a chart appears besides the page itself:
the projector (meeting mode), exported images (PNG/SVG) and the printed briefing (PDF).

All pure: a styled *copy* of the figure is returned; the original is untouched.
"""
from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from ui import palette

PRINT_TEXT = palette.TEXT["light"]


def _copy(fig: go.Figure) -> go.Figure:
    return go.Figure(fig)


def wrap(text: str, width: int = 78) -> list[str]:
    """Break a long citation into lines (CJK text has no spaces to break at)."""
    return textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False) or [""]


def printable(fig: go.Figure, source: str | None = None, width: int = 1200) -> go.Figure:
    """White background, dark text, fixed width; the citation as a subtitle under the title
    (a subtitle is laid out by Plotly itself, so it never collides with rotated tick labels)."""
    out = _copy(fig)
    height = int(out.layout.height or 450)
    top = int(out.layout.margin.t or 50)
    title = out.layout.title.text or ""
    out.update_xaxes(automargin=True)
    out.update_yaxes(automargin=True)
    out.update_layout(template="plotly_white", paper_bgcolor=palette.LIGHT_BACKGROUND,
                      plot_bgcolor=palette.LIGHT_BACKGROUND, width=width,
                      font={"family": palette.FONT, "color": PRINT_TEXT})
    out.update_layout(title={"x": 0, "xanchor": "left", "xref": "container", "pad": {"l": 14}})
    if source:
        lines = wrap(source, width=width // 15)
        extra = 8 + 17 * len(lines)
        out.update_layout(
            height=height + extra, margin={"t": top + extra},
            title={"text": title, "subtitle": {"text": "<br>".join(lines),
                                               "font": {"size": 12, "color": palette.TEXT_MUTED["light"]}}})
    else:
        out.update_layout(height=height)
    return out


def projector(fig: go.Figure, height: int = 430) -> go.Figure:
    """Meeting mode: large type, pure black on white, labels that never shrink. The chart's own
    title is dropped: the slide's heading says it in larger type (the alt text keeps it)."""
    out = _copy(fig)
    colours = palette.PROJECTOR
    out.update_layout(height=height, paper_bgcolor=colours["background"], plot_bgcolor=colours["background"],
                      font={"family": palette.FONT, "size": 19, "color": colours["text"]},
                      title={"text": ""}, margin={"l": 10, "r": 30, "t": 36 if out.layout.showlegend is not False
                                                    and len(out.data) > 1 else 10, "b": 10})
    out.update_xaxes(gridcolor=colours["grid"], linecolor=colours["text"], tickfont={"size": 17}, automargin=True)
    out.update_yaxes(gridcolor=colours["grid"], tickfont={"size": 19}, automargin=True)
    out.update_traces(textfont={"size": 18}, constraintext="none", selector={"type": "bar"})
    out.update_traces(outsidetextfont={"color": colours["text"]}, selector={"type": "bar"})
    return out


# Meeting mode page style: no sidebar or toolbar, large type, black on white.
MEETING_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"] {
  display: none !important;
}
[data-testid="stApp"], [data-testid="stMain"], [data-testid="stAppViewContainer"] { background: #FFFFFF !important; }
[data-testid="stMainBlockContainer"] { padding: 0.8rem 2rem 0.5rem 2rem !important; max-width: 100% !important; }
[data-testid="stMain"], [data-testid="stMain"] p, [data-testid="stMain"] li { color: #000000 !important; }
[data-testid="stMain"] p, [data-testid="stMain"] li { font-size: 1.3rem; }
[data-testid="stMain"] h1 { font-size: 2.2rem !important; line-height: 1.2; padding: 0 0 0.3rem 0 !important;
  color: #000000 !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {
  font-size: 1rem !important; color: #333333 !important; opacity: 1 !important; }
.kf-grid { display: grid; gap: 0.8rem; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); margin: 0.2rem 0 0.6rem 0; }
.kf { border: 2px solid #000000; border-radius: 0.5rem; padding: 0.6rem 0.9rem; background: #FFFFFF; }
.kf-label { font-size: 1.25rem; line-height: 1.3; color: #000000; }
.kf-value { font-size: 2.4rem; line-height: 1.15; font-weight: 700; color: #000000; margin-top: 0.2rem; }
.kf-note { font-size: 1.05rem; line-height: 1.3; color: #333333; margin-top: 0.2rem; }
.st-key-meeting-remote { display: none !important; }
/* The page is white in meeting mode whatever the theme: light buttons with black text and border,
   the primary button dark blue with white text (5.2:1). */
[data-testid="stMain"] [data-testid="stBaseButton-secondary"], [data-testid="stMain"] [data-testid="stBaseButton-tertiary"] {
  background: #FFFFFF !important; color: #000000 !important; }
[data-testid="stMain"] [data-testid="stBaseButton-secondary"] { border: 1px solid #000000 !important; }
[data-testid="stMain"] button:disabled, [data-testid="stMain"] button:disabled p { color: #595959 !important; border-color: #BDBDBD !important; }
[data-testid="stMain"] [data-testid="stBaseButton-primary"] { background: #0072B2 !important; border-color: #0072B2 !important; }
[data-testid="stMain"] [data-testid="stBaseButton-primary"], [data-testid="stMain"] [data-testid="stBaseButton-primary"] p {
  color: #FFFFFF !important; }
/* Disabled buttons (上一页 on the first slide, 下一页 on the last) look disabled: grey on light grey. */
[data-testid="stMain"] button:disabled[data-testid^="stBaseButton"],
[data-testid="stMain"] [data-testid="stBaseButton-primary"]:disabled {
  background: #EEEEEE !important; border: 1px dashed #9E9E9E !important; cursor: not-allowed !important; }
[data-testid="stMain"] button:disabled[data-testid^="stBaseButton"] p,
[data-testid="stMain"] [data-testid="stBaseButton-primary"]:disabled p,
[data-testid="stMain"] button:disabled[data-testid^="stBaseButton"] span { color: #595959 !important; }
/* A slide without a chart: the key figures fill the screen. */
.kf-grid.kf-fill { min-height: 440px; grid-auto-rows: 1fr; align-content: stretch; }
.kf-fill .kf { display: flex; flex-direction: column; justify-content: center; }
.kf-fill .kf-value { font-size: 2.8rem; }
/* The slide is laid out for 1280×720 and scaled up on larger projectors (1080p: ×1.5), so type and
   cards grow with the screen instead of ending two thirds of the way down. Charts are not zoomed
   (Plotly would measure the zoomed box and draw twice too large): their box takes its height from
   the viewport instead (ui.meeting draws them with height="stretch"). */
.st-key-meeting-chart, .st-key-meeting-chart-alone { flex: 0 0 auto !important; height: 350px; }
.st-key-meeting-chart-alone { height: 470px; }
@media (min-width: 1500px) and (min-height: 880px) {
  [data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]:not(:has([data-testid="stPlotlyChart"])),
  .st-key-meeting-nav { zoom: 1.25; }
  .st-key-meeting-nav [data-testid="stElementContainer"] { zoom: 1 !important; }
  .st-key-meeting-chart { height: calc(100vh - 470px); } .st-key-meeting-chart-alone { height: calc(100vh - 320px); } }
@media (min-width: 1850px) and (min-height: 1040px) {
  [data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]:not(:has([data-testid="stPlotlyChart"])),
  .st-key-meeting-nav { zoom: 1.5; }
  .st-key-meeting-nav [data-testid="stElementContainer"] { zoom: 1 !important; }
  .st-key-meeting-chart { height: calc(100vh - 505px); } .st-key-meeting-chart-alone { height: calc(100vh - 330px); } }
.st-key-meeting-nav p { font-size: 1.2rem !important; font-weight: 600; }
.st-key-meeting-nav button p { font-size: 1.15rem !important; }
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding: 0.5rem 0.8rem !important; }
  [data-testid="stMain"] h1 { font-size: 1.7rem !important; }
  .kf-value { font-size: 1.9rem; }
  .kf-label { font-size: 1.05rem; }
}
</style>
"""


# Runs once per page (constant code, only the language code varies, from a fixed list):
# - <html lang> says which language the page is in, so screen readers pick the right voice;
# - <html data-theme> follows the app's light/dark background, so CSS can keep white-on-blue
#   primary buttons readable in the dark theme (the dark primary is a light blue).
_PAGE_SCRIPT = """
<script>
(() => {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  doc.documentElement.lang = "%(lang)s";
  const mark = () => {
    const app = doc.querySelector('[data-testid="stApp"]');
    if (!app) return;
    const rgb = getComputedStyle(app).backgroundColor.match(/\\d+/g) || ["255", "255", "255"];
    const [r, g, b] = rgb.map(Number);
    doc.documentElement.dataset.theme = (0.299 * r + 0.587 * g + 0.114 * b) < 128 ? "dark" : "light";
  };
  mark();
  if (!window.__gazetteThemeObserver) {
    window.__gazetteThemeObserver = new MutationObserver(mark);
    const app = doc.querySelector('[data-testid="stApp"]');
    if (app) window.__gazetteThemeObserver.observe(app, {attributes: true, attributeFilter: ["class"]});
  }
  // A chart title wider than its chart (a phone) is set smaller and, if still too wide, on two lines,
  // instead of being cut off at the chart's right edge. Plotly redraws titles, so this watches the page.
  const fit = () => {
    for (const title of doc.querySelectorAll(".js-plotly-plot .gtitle")) {
      const svg = title.ownerSVGElement;
      if (!svg || !svg.clientWidth) continue;
      const room = svg.clientWidth - title.getBBox().x - 4;
      if (title.getBBox().width <= room) continue;
      const text = title.textContent;
      title.style.fontSize = "14px";
      if (title.getBBox().width <= room) continue;
      const spaced = /\\s/.test(text), parts = spaced ? text.split(/\\s+/) : [...text];
      const cut = Math.ceil(parts.length / 2), glue = spaced ? " " : "";
      const x = title.getAttribute("x"), bold = !!title.querySelector('tspan[style*="bold"]');
      title.textContent = "";
      [[parts.slice(0, cut).join(glue), "-0.45em"], [parts.slice(cut).join(glue), "1.15em"]].forEach(([line, dy]) => {
        const span = doc.createElementNS("http://www.w3.org/2000/svg", "tspan");
        span.setAttribute("x", x); span.setAttribute("dy", dy); span.textContent = line;
        if (bold) span.style.fontWeight = "bold"; title.appendChild(span);
      });
    }
  };
  if (!window.__gazetteTitleObserver) {
    let queued = false;
    window.__gazetteTitleObserver = new MutationObserver(() => {
      if (!queued) { queued = true; requestAnimationFrame(() => { queued = false; fit(); }); }
    });
    window.__gazetteTitleObserver.observe(doc.body, {childList: true, subtree: true});
  }
  fit();
})();
</script>
<style>
html[data-theme="dark"] [data-testid="stBaseButton-primary"],
html[data-theme="dark"] [data-testid="stBaseButton-primary"] p { color: #000000 !important; }
/* Phones: no hover, so no heading link icon (it wrapped onto a blank second line under a long title). */
@media (max-width: 640px) { [data-testid="stMain"] [data-testid="stHeaderActionElements"] { display: none; } }
/* Five key figures in a row on a laptop: a little smaller, so "¥749.52 m" is not cut to "¥749.52…". */
@media (min-width: 641px) { [data-testid="stMain"] [data-testid="stMetricValue"] { font-size: clamp(1.75rem, 2.6vw, 2.25rem); } }
/* One line height for every key figure: with the browser's "normal", a figure with a Chinese unit
   ("254 个") has a taller line than one without ("443,099"), and the two do not line up in a row. */
[data-testid="stMain"] [data-testid="stMetricValue"] p { line-height: 1.25 !important; }
</style>
"""
HTML_LANG = {"zh": "zh-CN", "en": "en"}


def page_script(lang: str) -> str:
    return _PAGE_SCRIPT % {"lang": HTML_LANG.get(lang, "zh-CN")}


# The document library (search hits, the line-by-line reader). Highlights set their own text colour, so
# they stay readable whatever the theme's text colour is: dark on yellow in the light theme (≥ 12:1),
# light on dark amber in the dark theme (≥ 6.8:1). html[data-theme] is set by page_script().
LIBRARY_CSS = """<style>
.gz-hits { display: flex; flex-direction: column; gap: .6rem; }
.gz-hit { border-left: 3px solid #c8a400; padding: .2rem .8rem; }
.gz-hit a { font-weight: 600; text-decoration: none; }
.gz-hit .gz-meta { color: #5f6368; font-size: .85rem; margin-left: .4rem; }
.gz-hit .gz-edition { font-size: .8rem; border: 1px solid rgba(128,128,128,.45); border-radius: .3rem;
                      padding: 0 .35rem; margin-right: .4rem; white-space: nowrap; }
.gz-group { margin: .9rem 0 .3rem; font-weight: 700; }
.gz-hit .gz-snippet { margin-top: .15rem; line-height: 1.6; }
.gz-hits mark, .gz-reader mark { background: #ffe36e; color: #1f1f1f; padding: 0 .1em; border-radius: 2px; }
.gz-reader { position: relative; max-height: 68vh; overflow-y: auto; border: 1px solid rgba(128,128,128,.35);
             border-radius: .5rem; padding: .5rem 0; line-height: 1.75; }
.gz-line { display: flex; gap: .9rem; padding: 0 .9rem; align-items: baseline; }
.gz-line .gz-no { flex: 0 0 3.2rem; text-align: right; color: #6b7078; font-variant-numeric: tabular-nums;
                  user-select: none; }
.gz-line .gz-text { flex: 1; white-space: pre-wrap; word-break: break-all; }
.gz-line.gz-heading .gz-text { font-weight: 700; }
.gz-line.gz-target { background: #fff3b0; color: #1f1f1f; box-shadow: inset 4px 0 0 #e0a800; }
.gz-line.gz-target .gz-no { color: #4a4f57; }
.gz-copy { flex: 0 0 auto; font-size: .8rem; line-height: 1.4; padding: .1rem .55rem; cursor: pointer;
           border: 1px solid #8a6d00; border-radius: .3rem; background: #ffffff; color: #1f1f1f; }
.gz-copy:hover { background: #fff8d6; }
.gz-gap { height: .7rem; }
html[data-theme="dark"] .gz-hit .gz-meta { color: #a8adb7; }
html[data-theme="dark"] .gz-line .gz-no { color: #8a8f98; }
html[data-theme="dark"] .gz-hits mark, html[data-theme="dark"] .gz-reader mark { background: #6b5200; color: #fff6d5; }
html[data-theme="dark"] .gz-line.gz-target { background: #4d3d00; color: #fff8e1; box-shadow: inset 4px 0 0 #f0c000; }
html[data-theme="dark"] .gz-line.gz-target .gz-no { color: #e8dcb0; }
html[data-theme="dark"] .gz-copy { background: #262730; color: #fafafa; border-color: #f0c000; }
html[data-theme="dark"] .gz-copy:hover { background: #3a3b46; }
</style>"""
