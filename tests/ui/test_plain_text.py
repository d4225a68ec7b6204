"""User-controlled text shown through Streamlit's Markdown stays text (ui.text.plain), and imported
unit names stay text in the hotline charts (Plotly reads <a>, <b>, <br> in labels)."""
from __future__ import annotations

import re

import pandas as pd

from ui import hotline_charts as hc
from ui.text import WORD_JOINER, displayed, plain

PAYLOADS = ["[请重新登录](http://evil.example/login) ![t](http://127.0.0.1:9/p.png)",
            "<img src=x onerror=alert(1)> **粗** _斜_ `code` ~~删~~ # 标题", ":red[红] :material/home: :smile: $x^2$",
            "www.evil.example x@evil.example HTTPS://EVIL.EXAMPLE", "1. 列表\n- 项\n> 引用\r\n| a | b |", "\\[已转义\\]"]


def test_every_ascii_punctuation_mark_is_escaped_and_the_text_comes_back_on_one_line():
    for payload in PAYLOADS:
        shown = plain(payload)
        assert "\n" not in shown and "\r" not in shown
        assert displayed(shown) == re.sub(r"[\r\n]+", " ", payload)
        # no Markdown-active character is left unescaped
        bare = re.sub(r"\\[!-/:-@\[-`{-~]", "", shown)
        assert not re.search(r"[!-/:-@\[-`{-~]", bare), (payload, shown)


def test_link_literals_are_broken_by_an_invisible_joiner():
    shown = plain("see http://evil.example, www.evil.example or x@evil.example")
    assert f"{WORD_JOINER}http" in shown and f"{WORD_JOINER}www" in shown and f"x{WORD_JOINER}\\@" in shown


def test_chinese_text_and_full_width_punctuation_are_unchanged():
    assert plain("明水街道（区住建局）：满意率“95.3%”") == "明水街道（区住建局）：满意率“95\\.3\\%”"
    assert plain(None) == "" and plain(12) == "12"


def test_unit_names_in_hotline_charts_are_text_not_markup():
    unit = '<a href="http://evil.example">明水街道</a><br><b>x</b>'
    positions = pd.DataFrame({"unit": [unit, "双山街道"], "value_pct": [90.0, 80.0], "bottom_pos": [2, 1],
                              "in_bottom": [False, True]})
    fig = hc.league_chart(positions, "满意率", "镇街", 1)
    labels = list(fig.data[0].y)
    assert "双山街道" in labels
    assert not any("<a" in label or "<br>" in label or "<b>" in label for label in labels)
    assert "&lt;a href=\"http://evil.example\"&gt;明水街道&lt;/a&gt;&lt;br&gt;&lt;b&gt;x&lt;/b&gt;" in labels
    assert unit in hc.describe(fig), "the alt text names the unit as typed"
