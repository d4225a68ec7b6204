"""Normalisation of the printed-page text of the bulletins.

Pure functions only. The raw text alternates full- and half-width punctuation page
by page, puts spaces between numbers and units on some pages, and breaks sentences
across page breaks; these helpers give loaders one canonical form to match against.
"""
from __future__ import annotations

import functools
import re

# Shared with the store's search (textkit imports neither side); re-exported under their old names here.
from textkit.normalize import FULL_TO_HALF as _FULL_TO_HALF
from textkit.normalize import strip_markup as strip_markup
from textkit.normalize import to_halfwidth as to_halfwidth

# Keep Chinese sentence punctuation recognisable but make the structural marks uniform.
_PUNCT = {"（": "(", "）": ")", "：": ":", "；": ";", "，": ",", "〔": "〔", "〕": "〕",
          "【": "[", "】": "]", "﹪": "%", "．": ".", "－": "-", "—": "—", "～": "~"}

# str.translate tables: norm() is the hottest function of the build. Full-width targets are
# ASCII, never keys of _PUNCT, so one table does both maps.
_NORM_TABLE = str.maketrans({**_PUNCT, **_FULL_TO_HALF})
_DISPLAY_TABLE = str.maketrans({"(": "（", ")": "）", ":": "："})

CJK = r"\u4e00-\u9fff"
_ANY_SPACE = re.compile(r"\s+")
_WHITESPACE = re.compile(r"\s+")
_SPACE_BETWEEN = re.compile(rf"(?<=[{CJK}\d.%〔〕():;,、。])[ \t\u00a0]+(?=[{CJK}\d%〔〕():;,、。])")

SENTENCE_END = tuple("。；;！!？?：:")


def squash_spaces(text: str) -> str:
    """Drop the spaces that some pages put between numbers, units and Chinese words."""
    return _SPACE_BETWEEN.sub("", text)


@functools.lru_cache(maxsize=1 << 16)   # every extractor normalises the same printed lines again
def norm(text: str) -> str:
    """Canonical form for matching: half-width, no markup, no spaces inside CJK runs.

    Chinese sentence punctuation (，。；：) is turned half-width too so that one regex
    matches every page; callers that display text keep the raw line instead.
    """
    # _PUNCT neither touches nor produces the characters strip_markup removes, so mapping it
    # together with the half-width forms (which must come first: ＊ -> *) changes nothing.
    text = strip_markup(text.translate(_NORM_TABLE))
    text = _WHITESPACE.sub(" ", text).strip()
    return squash_spaces(text)


@functools.lru_cache(maxsize=1 << 16)
def compact(text: str) -> str:
    """`norm` without any whitespace at all (for titles split by the layout)."""
    return _ANY_SPACE.sub("", norm(text))


def display_punct(text: str) -> str:
    """norm() makes brackets and colons half-width for matching; show them full-width again."""
    return text.translate(_DISPLAY_TABLE)


def is_blank(line: str) -> bool:
    return not line.strip()


def ends_sentence(line: str, normalised: bool = False) -> bool:
    """Does the text end a sentence? normalised=True skips norm() for text that went through it
    already (a growing paragraph: re-normalising it per printed line is quadratic)."""
    stripped = (line if normalised else norm(line)).rstrip("*")
    return stripped.endswith(SENTENCE_END) or stripped.endswith((")", "。)"))


def brackets_balanced(text: str) -> bool:
    """No bracket left open: '(责任单位:区公' continues on the next printed line."""
    depth = 0
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(depth - 1, 0)
    return depth == 0


def clean_person_name(raw: str) -> str:
    """'刘 斌' -> '刘斌'. Only removes padding; never merges different characters."""
    return re.sub(r"[\s\u3000]+", "", raw)
