"""One colour palette for every chart: Okabe–Ito, safe for colour-blind readers."""
from __future__ import annotations

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
PRIMARY = OKABE_ITO[0]
ACCENT = OKABE_ITO[5]
MUTED = "#9AA4AF"
OK, WARN, ERROR = "#009E73", "#E69F00", "#D55E00"
FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
