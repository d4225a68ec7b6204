"""Outline markers of Chinese official documents and their levels.

公文 number their structure with five marker kinds, conventionally nested in this order
(GB/T 9704: 一、 → （一） → 1. → （1）, and ① below that):

| kind           | printed            | level |
|----------------|--------------------|-------|
| `section`      | 一、 二、 十二、     | 1     |
| `paren_cn`     | (一) （二） 三)      | 2     |
| `arabic`       | 1. 2、 (not 32.5)   | 3     |
| `paren_arabic` | (1) （2）            | 4     |
| `circled`      | ① ②                | 5     |

Real plans do not always follow the conventional order (a plan may put 1. directly under
一、, or (1) under 1.), so callers that build a tree should rank kinds by the order they
appear in; `LEVEL` is the convention, for callers that have nothing better.

The regex fragments (no capture groups) are for callers composing larger patterns; they
expect text that went through `normalize.norm` (half-width brackets).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.cn.numerals import SMALL, cn_numeral

CN = f"[{SMALL}]+"
SECTION = f"{CN}、"
PAREN_CN = rf"\({CN}\)"
ARABIC = r"\d{1,2}[.、](?!\d)"
PAREN_ARABIC = r"\(\d{1,2}\)"
CIRCLED = "[①-⑳]"
ANY = f"(?:{SECTION}|{PAREN_CN}|{ARABIC}|{PAREN_ARABIC}|{CIRCLED})"

KINDS = ("section", "paren_cn", "arabic", "paren_arabic", "circled")
LEVEL = {kind: index for index, kind in enumerate(KINDS, start=1)}
_FORMAT = {"section": "{}、", "paren_cn": "({})", "arabic": "{}", "paren_arabic": "({})", "circled": "{}"}

_MARKER = re.compile(
    rf"^(?:(?P<section>{CN})、|\((?P<paren_cn>{CN})\)|(?P<arabic>\d{{1,2}})[.、](?!\d)"
    rf"|\((?P<paren_arabic>\d{{1,2}})\)|(?P<circled>{CIRCLED}))\s*")


@dataclass(frozen=True)
class Marker:
    kind: str        # one of KINDS
    number: str      # as printed: '三', '12', '③'
    value: int       # 3, 12, 3
    end: int         # length of the marker and the spaces after it

    @property
    def level(self) -> int:
        return LEVEL[self.kind]

    @property
    def printed(self) -> str:
        """'(三)', '4', '(2)', '一、', '③' — how ids and tables quote the marker."""
        return _FORMAT[self.kind].format(self.number)


def marker(text: str, kinds: tuple[str, ...] = KINDS) -> Marker | None:
    """The outline marker that starts `text` (normalised), if it is one of `kinds`."""
    m = _MARKER.match(text)
    if not m or m.lastgroup not in kinds:
        return None
    number = m[m.lastgroup]
    value = ord(number) - ord("①") + 1 if m.lastgroup == "circled" else cn_numeral(number)
    return Marker(m.lastgroup, number, value, m.end())


def strip_marker(text: str) -> str:
    """The text after its outline marker: '(三)加强督导。' -> '加强督导。'."""
    found = marker(text)
    return text[found.end:] if found else text
