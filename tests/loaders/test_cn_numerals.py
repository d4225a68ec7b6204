"""loaders.cn.numerals: given a printed numeral, expect its value (snippets written for the test)."""
import pytest

from loaders.cn.numerals import cn_numeral


@pytest.mark.parametrize("given, expect", [
    ("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("九十九", 99), ("一百零五", 105), ("一百一十", 110),
    ("三千零二", 3002), ("两", 2), ("二〇一九", 2019), ("零", 0), ("8", 8), ("１６", 16),
])
def test_whole_numbers(given, expect):
    assert cn_numeral(given) == expect


@pytest.mark.parametrize("given", ["", "第三", "约五", "三点五", "3.5", "五个", "abc"])
def test_anything_else_is_refused(given):
    with pytest.raises(ValueError):
        cn_numeral(given)
