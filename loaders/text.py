"""Normalisation helpers for the printed-page text of the bulletins.

Pure functions only. The raw text alternates full- and half-width punctuation page
by page, puts spaces between numbers and units on some pages, and breaks sentences
across page breaks; these helpers give loaders one canonical form to match against.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_FULL_TO_HALF = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
_FULL_TO_HALF["\u3000"] = " "
# Keep Chinese sentence punctuation recognisable but make the structural marks uniform.
_PUNCT = {"（": "(", "）": ")", "：": ":", "；": ";", "，": ",", "〔": "〔", "〕": "〕",
          "【": "[", "】": "]", "﹪": "%", "．": ".", "－": "-", "—": "—", "～": "~"}

# str.translate tables: norm() is the hottest function of the build. Full-width targets are
# ASCII, never keys of _PUNCT, so one table does both maps.
_HALF_TABLE = str.maketrans(_FULL_TO_HALF)
_NORM_TABLE = str.maketrans({**_PUNCT, **_FULL_TO_HALF})

CJK = r"\u4e00-\u9fff"
_WHITESPACE = re.compile(r"\s+")
_SPACE_BETWEEN = re.compile(rf"(?<=[{CJK}\d.%〔〕():;,、。])[ \t\u00a0]+(?=[{CJK}\d%〔〕():;,、。])")
_MD_EMPHASIS = re.compile(r"\*\*|<\/?p>|<br\s*/?>")

SENTENCE_END = tuple("。；;！!？?：:")


def to_halfwidth(text: str) -> str:
    """Full-width ASCII forms (digits, letters, brackets, colon …) to half-width."""
    return text.translate(_HALF_TABLE)


def squash_spaces(text: str) -> str:
    """Drop the spaces that some pages put between numbers, units and Chinese words."""
    return _SPACE_BETWEEN.sub("", text)


def strip_markup(text: str) -> str:
    """Remove Markdown emphasis and stray HTML tags left by the conversion."""
    return _MD_EMPHASIS.sub("", text)


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


def compact(text: str) -> str:
    """`norm` without any whitespace at all (for titles split by the layout)."""
    return re.sub(r"\s+", "", norm(text))


def parse_decimal(text: str) -> Decimal:
    """'1234.56789', '7 431.5', '２００' -> Decimal, exactly as printed."""
    cleaned = re.sub(r"[\s,，]", "", to_halfwidth(text))
    try:
        return Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(f"不是数字：{text!r}") from exc


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_numeral(text: str) -> int:
    """Chinese numerals as used in headings: 一 … 九十九, also 十二, 二十四, 一百零五."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in text):
        raise ValueError(f"不是中文数字：{text!r}")
    total, digit = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:
            total += (digit or 1) * _CN_UNITS[ch]
            digit = 0
    return total + digit


def is_blank(line: str) -> bool:
    return not line.strip()


def ends_sentence(line: str, normalised: bool = False) -> bool:
    """Does the text end a sentence? normalised=True skips norm() for text that went through it
    already (a growing paragraph: re-normalising it per printed line is quadratic)."""
    stripped = (line if normalised else norm(line)).rstrip("*")
    return stripped.endswith(SENTENCE_END) or stripped.endswith((")", "。)"))


_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def parse_cn_date(text: str) -> str | None:
    """'2020 年 12 月 31 日' -> '2020-12-31' (ISO), or None."""
    m = _DATE.search(to_halfwidth(text))
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}"


def clean_person_name(raw: str) -> str:
    """'刘 斌' -> '刘斌'. Only removes padding; never merges different characters."""
    return re.sub(r"[\s\u3000]+", "", raw)
