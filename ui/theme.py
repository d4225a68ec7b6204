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
    """Meeting mode: large type, pure black on white, bold bar labels."""
    out = _copy(fig)
    colours = palette.PROJECTOR
    out.update_layout(height=height, paper_bgcolor=colours["background"], plot_bgcolor=colours["background"],
                      font={"family": palette.FONT, "size": 19, "color": colours["text"]},
                      title={"font": {"size": 24, "color": colours["text"]}},
                      margin={"l": 10, "r": 30, "t": 56, "b": 10})
    out.update_xaxes(gridcolor=colours["grid"], linecolor=colours["text"], tickfont={"size": 17}, automargin=True)
    out.update_yaxes(gridcolor=colours["grid"], tickfont={"size": 19}, automargin=True)
    out.update_traces(textfont={"size": 19}, selector={"type": "bar"})
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
