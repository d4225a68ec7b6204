"""What the fund views share: the amount heading, chart options, sector colours."""
from __future__ import annotations

import pandas as pd

from ui import palette

# Narrow charts (phones): no toolbar over the title; the PNG/SVG buttons under each chart export.
NO_TOOLBAR = {"displayModeBar": False}


def sector_colours(sectors: pd.DataFrame) -> dict[str, str]:
    """One colour per sector, keyed by name from the full list, so a filter does not change it."""
    return {str(name): palette.OKABE_ITO[i % len(palette.OKABE_ITO)]
            for i, name in enumerate(sectors.sector_name)}
