"""User-controlled text shown as text.

Streamlit renders Markdown in st.markdown, st.caption, st.info/warning/error/success, st.expander
and widget labels, and tab names: a `?doc=` or `?q=` from a link, an imported column header,
a unit name or a file name put there as is can become a link, an image the browser fetches
(`![t](http://…)`), a heading, a colour or an icon directive. `plain()` backslash-escapes every
ASCII punctuation character (CommonMark lets any of them be escaped, and an escaped character
starts no construct: no link, image, autolink, emphasis, code, heading, list, table, maths,
emoji shortcode or directive) and turns line breaks into spaces. Letters, digits and CJK text,
including full-width punctuation, are shown unchanged.
"""
from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")


def plain(text) -> str:
    """`text` (any value) escaped so that Streamlit's Markdown shows it exactly as written, on one line."""
    return _PUNCTUATION.sub(r"\\\1", _BREAKS.sub(" ", "" if text is None else str(text)))


def plain_values(**values) -> dict[str, str]:
    """Every value escaped (for t(msgid, **plain_values(name=…)) with user text in it)."""
    return {key: plain(value) for key, value in values.items()}
