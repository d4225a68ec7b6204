"""Normalisation helpers for the printed-page text of the bulletins.

The functions now live in the Chinese-text toolkit (loaders/cn/); this module keeps
their old names importable for callers that use them.
"""
from __future__ import annotations

from loaders.cn.amounts import parse_decimal
from loaders.cn.dates import full_date as parse_cn_date
from loaders.cn.normalize import (
                                  CJK,
                                  SENTENCE_END,
                                  clean_person_name,
                                  compact,
                                  ends_sentence,
                                  is_blank,
                                  norm,
                                  squash_spaces,
                                  strip_markup,
                                  to_halfwidth,
)
from loaders.cn.numerals import cn_numeral

__all__ = ["CJK", "SENTENCE_END", "clean_person_name", "cn_numeral", "compact", "ends_sentence", "is_blank",
           "norm", "parse_cn_date", "parse_decimal", "squash_spaces", "strip_markup", "to_halfwidth"]
