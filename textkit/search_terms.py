"""How text is shown, matched and cut into search terms: the same functions when the build indexes
the bulletins (loaders.search_index) and when the store ranks a query and marks its snippets (store.search).

Chinese has no spaces, so text is indexed by character bigrams (any substring of two or more
characters can be found), single characters (one-character queries) and ASCII words.
"""
from __future__ import annotations

import re

from textkit.normalize import strip_markup, to_halfwidth

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_TERM_RUN = re.compile(r"[\u4e00-\u9fff]+|[0-9a-z]+")
# One character in, one character out, so offsets in the folded text are offsets in the shown text.
_FOLD = str.maketrans({"（": "(", "）": ")", "：": ":", "；": ";", "，": ",", "。": ".", "、": ","})


def display_line(raw: str) -> tuple[str, bool]:
    """(clean text, is heading): markup removed, whitespace collapsed, table cells split by ' │ '.

    Spaces are kept (they separate a padded name from a position in the rosters); the
    search folds them away where they sit inside Chinese text.
    """
    stripped = raw.strip()
    heading = stripped.startswith("#")
    stripped = strip_markup(stripped.lstrip("#")).strip()
    if "\t" in stripped:
        cells = [re.sub(r"\s+", " ", c).strip() for c in stripped.split("\t")]
        return " │ ".join(c for c in cells if c), heading
    return re.sub(r"\s+", " ", stripped), heading


def fold(text: str) -> tuple[str, list[int]]:
    """Matching form of shown text and, per folded character, its offset in the shown text.

    Half-width, lower case, uniform punctuation; whitespace dropped unless it separates
    two ASCII words (so 刘 斌 matches 刘斌 and 2020 年 matches 2020年).
    """
    chars = to_halfwidth(text).translate(_FOLD).lower()
    folded: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(chars):
        if ch.isspace():
            before = folded[-1] if folded else ""
            after = next((c for c in chars[i + 1:] if not c.isspace()), "")
            if not (before.isascii() and before.isalnum() and after.isascii() and after.isalnum()):
                continue
            if before == " ":
                continue
        folded.append(ch)
        origin.append(i)
    return "".join(folded), origin


def fold_query(text: str) -> list[str]:
    """Query words: whitespace-separated parts, each folded."""
    return [fold(part)[0] for part in text.split() if _TERM_RUN.search(fold(part)[0])]


def base_terms(folded: str) -> list[str]:
    """Character bigrams of Chinese runs (the run itself when it is one character), ASCII words."""
    terms: list[str] = []
    for match in _TERM_RUN.finditer(folded):
        run = match.group()
        if _CJK_RUN.fullmatch(run) and len(run) > 1:
            terms.extend(run[i:i + 2] for i in range(len(run) - 1))
        else:
            terms.append(run)
    return terms


def unigram_terms(folded: str) -> list[str]:
    """Single Chinese characters, so that a one-character query finds something."""
    return [ch for run in _CJK_RUN.findall(folded) for ch in run if len(run) > 1]
