"""One Unicode normalisation for the hotline tracker, and the rows that are not units.

Every text that comes out of an upload — header, cell, unit name — goes through
`strip_invisible()` (reader, fields.header_key, values.clean), so one spelling is one key:

- NFKC: full-width digits, letters and punctuation become ASCII (`９５．３％` → `95.3%`),
  compatibility ideographs their unified form, U+3000 an ordinary space;
- then every character that shows nothing is removed: format characters (category Cf —
  zero-width space/joiners, bidi isolates such as U+2068, the BOM, soft hyphen, the tag
  characters U+E0020…), control characters (Cc, NUL included), variation selectors
  (U+FE0F, U+E0100…), the combining grapheme joiner, and the Hangul fillers and braille
  blank that render as empty space (U+3164 and its NFKC form U+1160, U+115F, U+FFA0, U+2800).

`is_summary()` recognises 合计/平均 rows by meaning (全市合计, 全县, 平均值, 合计：…), so they
are never imported as units.
"""
from __future__ import annotations

import re
import unicodedata

# Every code point that renders as nothing, as ranges (the Cf and Cc categories of Unicode 15,
# plus variation selectors, the combining grapheme joiner and the blank-looking letters);
# tests/hotline/test_hotline_names.py checks the list against unicodedata.
_INVISIBLE_RANGES = (
    (0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0x7F, 0x9F), (0xAD, 0xAD), (0x34F, 0x34F), (0x600, 0x605),
    (0x61C, 0x61C), (0x6DD, 0x6DD), (0x70F, 0x70F), (0x890, 0x891), (0x8E2, 0x8E2), (0x115F, 0x1160),
    (0x17B4, 0x17B5), (0x180E, 0x180E), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F),
    (0x2800, 0x2800), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001), (0xE0020, 0xE007F), (0xE0100, 0xE01EF),
)
_CLASS = "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in _INVISIBLE_RANGES)
_INVISIBLE = re.compile(f"[{_CLASS}\\t\\n\\r]")
_INVISIBLE_KEEP_LINES = re.compile(f"[{_CLASS}]")


def strip_invisible(text: object, keep_lines: bool = False) -> str:
    """NFKC, then no character that renders as nothing (tabs and line breaks become nothing
    too unless `keep_lines`; ordinary spaces stay — callers decide about spaces)."""
    value = unicodedata.normalize("NFKC", str(text))
    return (_INVISIBLE_KEEP_LINES if keep_lines else _INVISIBLE).sub("", value)


def name_key(text: object) -> str:
    """A unit or topic name: normalised, with no space at all (Chinese names have none;
    `明水 街道` and `明水街道` are one name)."""
    return re.sub(r"\s+", "", strip_invisible(text))


# ---- summary rows -------------------------------------------------------------------------

_SCOPE = r"(?:全市|全区|全县|全镇|全省|本市|本区|本县|市|区|县|各单位|各县区|各镇街|全部单位|全部|所有单位|总体|整体)?"
_WHAT = r"(?:合计|总计|小计|累计|汇总|总和|平均|平均值|平均数|均值|平均分|平均得分|平均水平|合计平均|总平均)"
_SUMMARY = re.compile(rf"^(?:{_SCOPE}{_WHAT}|全市|全区|全县|全镇|全省|总计数|合计数)$")
_PUNCTUATION = re.compile(r"[\s:：,，;；。.、()（）\[\]【】*＊#＃\-—_]+")


def is_summary(text: object) -> bool:
    """'全市合计', '全市平均', '全县', '全区总计', '汇总', '平均值', '合计：', '（合计）' -> True.
    A real unit never has one of these names; 'X区' or '区住建局' is never matched."""
    key = _PUNCTUATION.sub("", name_key(text))
    return bool(key) and bool(_SUMMARY.match(key))
