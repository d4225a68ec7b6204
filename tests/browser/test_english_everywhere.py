"""English mode everywhere: every page (and every tab) with ?lang=en,
shows no Chinese outside data values and document titles, no "None"/"nan"/"NaN", and no error.

Data values are every Chinese text the bulletins print (tests/browser/cjk.py), except the fixed
vocabulary the UI names in English (fund sources and sectors, 全区: ui/glossary.py). Text read: the
main area and the sidebar as drawn, plus the chart texts a pointer reveals (hover templates, legend
names). In the light theme the pages that filter by town are opened with a town chosen as well.
Screenshots: tests/artifacts/english-{theme}-{page}[-tab{n}|-town].png.
"""
from __future__ import annotations

import re

import pytest

from tests.browser.cjk import data_values, database_values, leftover_cjk
from tests.browser.conftest import ROOT, shoot, wait_idle
from ui import glossary

pytestmark = pytest.mark.browser

PAGES = {"overview": "/", "funds": "/funds", "roads": "/roads", "insurance": "/insurance", "towns": "/towns",
         "campaigns": "/campaigns", "changes": "/changes", "documents": "/documents", "data": "/data",
         "hotline": "/hotline", "add": "/add"}
MISSING = re.compile(r"\b(None|nan|NaN)\b")
# Chart texts shown on hover or in the legend, which innerText does not see.
CHART_TEXT = """() => [...document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot')].flatMap(gd =>
    (gd.data || []).flatMap(t => [t.name, t.hovertemplate, t.texttemplate,
                                  ...(Array.isArray(t.hovertemplate) ? t.hovertemplate : [])])
      .concat([gd.layout?.title?.text, gd.layout?.xaxis?.title?.text, gd.layout?.yaxis?.title?.text]))
    .filter(s => typeof s === 'string')"""
# innerText leaves out what a widget shows in its <input> (a selectbox's chosen option). Placeholders are
# not read: a search box's example is what a reader would type (土马河, 养老服务 补贴).
VISIBLE = """() => [document.querySelector('[data-testid="stMain"]')?.innerText || '',
                    document.querySelector('[data-testid="stSidebar"]')?.innerText || '',
                    ...[...document.querySelectorAll('[data-testid="stMain"] input, [data-testid="stMain"] textarea, '
                                                     + '[data-testid="stSidebar"] input, [data-testid="stSidebar"] textarea')]
                        .filter(el => el.offsetParent !== null && el.type !== 'hidden')
                        .flatMap(el => [el.value, el.getAttribute('aria-label')])
                        .filter(Boolean)].join('\\n')"""


# The language switch is meant for both readers: 语言 / Language, 中文 | English.
LANGUAGE_SWITCH = ("语言", "中文")
# A printed word quoted in an English sentence (printed as “即日起”, e.g. “当月”) is a value, not a gap.
QUOTED_TERM = re.compile(r"“[^”]{1,12}”")


def printed_forms() -> set[str]:
    """Values as the app prints them from the data: an edition as on the bulletin's cover (2020年第4期),
    a roster's name without the 济南市济阳区 prefix, a role shortened in the grid (办公室主任 → 办主任)."""
    from store import editions, people

    frame = editions.editions()
    forms = {editions.edition_label(row) for row in frame.itertuples()}
    groups = people.groups()
    forms |= {people.short_group(label) for label in groups.group_label}
    forms |= {label.split("·")[-1] for label in groups.group_label}
    roles = people.members().role.dropna().unique()
    return forms | {role.replace("办公室", "办") for role in roles}


@pytest.fixture(scope="module")
def values(tables) -> list[str]:
    every = set(data_values(tables)) | set(database_values(ROOT / "data" / "build" / "gazette.duckdb"))
    every |= printed_forms() | set(LANGUAGE_SWITCH)
    return sorted(every - glossary.terms(), key=len, reverse=True)


def read(tab) -> tuple[str, list[str]]:
    return tab.evaluate(VISIBLE), tab.evaluate(CHART_TEXT)


def check(tab, name: str, theme: str, values: list[str], problems: dict) -> None:
    wait_idle(tab)
    text, chart_texts = read(tab)
    glosses = {run for quoted in QUOTED_TERM.findall(text) for run in leftover_cjk(quoted, [])}
    found = {}
    if tab.locator("[data-testid='stException']").count():
        found["exception"] = tab.locator("[data-testid='stException']").first.inner_text()[:300]
    missing = MISSING.findall(text) + [m for s in chart_texts for m in MISSING.findall(s)]
    if missing:
        found["missing"] = sorted(set(missing))
    left = [run for run in leftover_cjk(text, values) + [r for s in chart_texts for r in leftover_cjk(s, values)]
            if run not in glosses]
    if left:
        found["cjk"] = sorted(set(left))
        everything = "\n".join([text, *chart_texts])
        found["where"] = sorted({everything[max(0, i - 25):i + 25].replace("\n", " ")
                                 for run in set(left) for i in [everything.find(run)] if i >= 0})
    print(f"english {theme} {name}: leftover_cjk={sorted(set(left))}")  # shown with pytest -s
    shoot(tab, f"english-{theme}-{name}")
    if found:
        problems[(theme, name)] = found


def tab_names(tab) -> list[str]:
    return tab.locator("[data-testid='stMain'] [role='tab']").all_inner_texts()


# With a town chosen, the pages that filter by town say so in their own words.
TOWN_PAGES = ("overview", "funds", "roads", "insurance", "towns")


# The text does not depend on the theme; the dark theme's pages are drawn and checked (None/nan,
# contrast) in English by test_screens_matrix.py.
@pytest.mark.parametrize("theme", ["light"])
def test_every_page_in_english_has_no_chinese_outside_data(app_server, browser, values, tables, theme):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="en-US", color_scheme=theme)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    tab.goto(app_server + "/")
    wait_idle(tab, 60)
    problems: dict = {}
    for name, path in PAGES.items():
        tab.goto(app_server + path + "?lang=en")
        check(tab, name, theme, values, problems)
        for i, label in enumerate(tab_names(tab)[1:], start=1):
            tab.locator("[data-testid='stMain'] [role='tab']").nth(i).click()
            check(tab, f"{name}-tab{i}", theme, values, problems)
            assert label  # a tab has a label
    if theme == "light":
        town = tables["road_towns"].sort_values("listed_count").iloc[-1].town_name
        for name in TOWN_PAGES:
            tab.goto(app_server + PAGES[name] + f"?lang=en&town={town}")
            check(tab, f"{name}-town", theme, values, problems)
    context.close()
    assert not problems, "\n".join(f"{key}: {value}" for key, value in problems.items())
