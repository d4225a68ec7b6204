"""Chinese numerals: '一', '十二', '二十四', '一百零五', '两', '二〇二〇' -> int.

The conversion itself is the cn2an library's (pinned in requirements.txt): it knows
零/〇/两, 百/千/万 and the financial forms (壹贰叁), which a hand-written loop kept missing.
This module adds what the loaders need around it: Arabic digits pass through, anything
that is not a whole number raises ValueError, and regex fragments for patterns.
"""
from __future__ import annotations

from functools import lru_cache

import cn2an

# Characters of a Chinese whole number, for regex character classes ("[" + DIGITS + "]+").
DIGITS = "零〇一二三四五六七八九十百千万两"
# The smaller class the outline markers use (一、 (十二) 第三阶段): no 零/百/千/万.
SMALL = "一二三四五六七八九十"
NUMBER = rf"(?:\d+|[{DIGITS}]+)"


@lru_cache(maxsize=4096)
def cn_numeral(text: str) -> int:
    """'十二' -> 12, '一百零五' -> 105, '两' -> 2, '7' / '７' -> 7; ValueError for anything else."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in DIGITS for ch in text):
        raise ValueError(f"不是中文数字：{text!r}")
    try:
        value = cn2an.cn2an(text, "smart")
    except ValueError as exc:
        raise ValueError(f"不是中文数字：{text!r}") from exc
    if value != int(value):
        raise ValueError(f"不是整数：{text!r}")
    return int(value)

