"""Full-width forms and conversion markup: the pieces of normalisation both the build and the store use."""
from __future__ import annotations

import re

FULL_TO_HALF = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
FULL_TO_HALF["\u3000"] = " "

_HALF_TABLE = str.maketrans(FULL_TO_HALF)
_MD_EMPHASIS = re.compile(r"\*\*|<\/?p>|<br\s*/?>")


def to_halfwidth(text: str) -> str:
    """Full-width ASCII forms (digits, letters, brackets, colon …) to half-width."""
    return text.translate(_HALF_TABLE)


def strip_markup(text: str) -> str:
    """Remove Markdown emphasis and stray HTML tags left by the conversion."""
    return _MD_EMPHASIS.sub("", text)
