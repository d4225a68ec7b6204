"""One colour per town, the same on every chart and under every filter.

TOWN_PALETTE holds 20 fill colours that stay apart from one another (Okabe–Ito first, then Kelly's
colours of maximum contrast; tests/ui/test_colours.py checks every pair differs by ΔE ≥ 12 in CIELAB).
`town_colours(district)` keys them by the district's full town list from the data (ordered by town
code), never by the rows a filter left, so 垛石街道 keeps its colour whichever towns a chart shows.
"""
from __future__ import annotations

from ui.data import curated

TOWN_PALETTE = [
    # Okabe–Ito (black left out: labels and outlines use it)
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
    # Kelly (1965), white and black left out, and the ones too close to the above
    "#875692", "#BE0032", "#C2B280", "#848482", "#E68FAC", "#F99379", "#604E97",
    "#B3446C", "#882D17", "#8DB600", "#654522", "#2B3D26", "#A1CAF1",
]
OTHER = "#9AA4AF"  # a name that is not a town of the district (should not happen; grey, not a town's colour)


def colour_map(names: list[str]) -> dict[str, str]:
    """names[i] → TOWN_PALETTE[i] (cycling only past 20 names)."""
    return {name: TOWN_PALETTE[i % len(TOWN_PALETTE)] for i, name in enumerate(names)}


def town_colours(district: str | None = None) -> dict[str, str]:
    """town_name → colour for every town of `district` (all districts when None; each district counts
    from the first colour, so towns of one district never share one)."""
    towns = curated.towns()
    out: dict[str, str] = {}
    for name, group in towns.groupby("district", sort=True):
        if district is None or name == district:
            out.update(colour_map(group.sort_values("town_code").town_name.tolist()))
    return out


def colours_for(names, district: str | None = None) -> list[str]:
    """The colours of these towns, in order."""
    mapping = town_colours(district)
    return [mapping.get(str(n), OTHER) for n in names]
