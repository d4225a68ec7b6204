"""User-controlled text shown as text.

Streamlit renders Markdown in st.markdown, st.caption, st.info/warning/error/success, st.expander
and widget labels, and tab names: a `?doc=` or `?q=` from a link, an imported column header,
a unit name or a file name put there as is can become a link, an image the browser fetches
(`![t](http://…)`), a heading, a colour or an icon directive. `plain()` backslash-escapes every
ASCII punctuation character (CommonMark lets any of them be escaped, and an escaped character
starts no construct: no link, image, autolink, emphasis, code, heading, list, table, maths,
emoji shortcode or directive) and turns line breaks into spaces. Letters, digits and CJK text,
including full-width punctuation, are shown unchanged.

Escapes do not stop GFM's literal autolinks (`http://…`, `www.…`, `name@host.tld`): remark-gfm
finds them in the text after escapes are resolved. A link literal needs a space, a punctuation
mark or the start of the text before it, and an e-mail address a letter right before its `@`;
an invisible WORD JOINER (U+2060) placed before `http`/`www` and before `@` breaks both, and is
not shown.
"""
from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")
_LINK_STARTS = re.compile(r"(?=https?|www|@)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def plain(text) -> str:
    """`text` (any value) escaped so that Streamlit's Markdown shows it exactly as written, on one line."""
    one_line = _BREAKS.sub(" ", "" if text is None else str(text))
    return _PUNCTUATION.sub(r"\\\1", _LINK_STARTS.sub(WORD_JOINER, one_line))



def displayed(markdown: str) -> str:
    """The text a reader sees for Markdown made with plain(): escapes resolved, joiners dropped (for tests)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", str(markdown)).replace(WORD_JOINER, "")
