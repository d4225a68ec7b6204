"""One colour palette for every chart: Okabe–Ito, safe for colour-blind readers.

Fill colours (bars, tiles) come from OKABE_ITO. Colours used for *text* are separate
(TEXT_*): several Okabe–Ito hues are too light to read as text on white (orange 2.2:1),
so text uses darker or lighter variants that reach 4.5:1 (WCAG AA), checked in
tests/ui/test_export.py::test_text_colours_reach_aa_contrast.
"""
from __future__ import annotations

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
PRIMARY = OKABE_ITO[0]
ACCENT = OKABE_ITO[5]
MUTED = "#9AA4AF"
OK, WARN, ERROR = "#009E73", "#E69F00", "#D55E00"
FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"

# Backgrounds of the two app themes (.streamlit/config.toml) and of exported images.
LIGHT_BACKGROUND = "#FFFFFF"
DARK_BACKGROUND = "#0E1117"

# Text colours per theme; every pair below is tested for contrast >= 4.5:1.
TEXT = {"light": "#1F1F1F", "dark": "#F2F2F2"}
TEXT_MUTED = {"light": "#595959", "dark": "#B8B8B8"}
TEXT_PRIMARY = {"light": "#0067A0", "dark": "#56B4E9"}   # links, highlighted labels
TEXT_ACCENT = {"light": "#A63F00", "dark": "#F5A05A"}    # the highlighted town, warnings in charts

# Meeting mode (projector): pure black on white, thicker colours.
PROJECTOR = {"background": "#FFFFFF", "text": "#000000", "muted": "#333333",
             "bar": "#0072B2", "highlight": "#D55E00", "grid": "#BDBDBD"}


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of '#RRGGBB'."""
    code = colour.lstrip("#")
    r, g, b = (int(code[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio, 1 … 21."""
    high, low = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable_on(fill: str) -> str:
    """Black or white, whichever reads better on a filled shape (label inside a bar)."""
    return "#000000" if contrast_ratio("#000000", fill) >= contrast_ratio("#FFFFFF", fill) else "#FFFFFF"
