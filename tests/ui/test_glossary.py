"""The glossary names the fixed vocabulary (fund sources and sectors, town kinds, 全区) in English for display,
while the data keep the Chinese values."""
from __future__ import annotations

import re

import pandas as pd

from ui import glossary


def test_every_term_has_an_english_name_and_comes_back_from_it():
    for name in glossary.terms():
        english = glossary.term(name, "en")
        assert english and english != name and not re.search(r"[\u3400-\u9fff]", english), name
        assert glossary.canonical(english, "en") in {n for n in glossary.terms() if glossary.term(n, "en") == english}
        assert glossary.term(name, "zh") == name


def test_other_values_pass_through():
    assert glossary.term("曲堤街道", "en") == "曲堤街道"
    assert glossary.term(None, "en") is None
    assert glossary.canonical("曲堤街道", "en") == "曲堤街道"


def test_the_loaded_fund_categories_are_all_named(tables):
    """A category the loaders found but the glossary does not name would show in Chinese in English mode."""
    found = {*tables["fund_by_source"].source_name, *tables["fund_by_sector"].sector_name,
             *tables["fund_by_task_nature"].nature_name}
    assert found <= glossary.terms(), found - glossary.terms()


def test_display_frame_keeps_the_data_and_chinese_mode_untouched():
    frame = pd.DataFrame({"source_name": ["中央资金", "县本级财政专项扶贫资金"], "amount_wan": [1.0, 2.0]})
    shown = glossary.localise_frame(frame, "en")
    assert list(shown.source_name) == ["Central funds", "县本级财政专项扶贫资金"]
    assert list(frame.source_name) == ["中央资金", "县本级财政专项扶贫资金"], "the data are not rewritten"
    assert glossary.localise_frame(frame, "zh") is frame
