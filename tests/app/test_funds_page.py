"""AppTest of the 涉农资金 page: amounts without float noise, the flow shows every source with its
amount, a shared link reopens the chosen sector, figures cite the line they are printed on, and a
sector keeps its colour whatever the town filter."""
from __future__ import annotations

import json
import re

import pytest

from tests.conftest import open_app, raw_text
from ui import glossary

FLOAT_NOISE = re.compile(r"\d\.\d*(0{5,}|9{5,})\d")


def figures(at) -> dict[str, dict]:
    """The page's plotly figures by chart key."""
    return {c.proto.id: json.loads(c.proto.spec) for c in at.get("plotly_chart")}


def figure(at, key: str) -> dict:
    hits = [spec for element_id, spec in figures(at).items() if element_id.endswith(key)]
    assert hits, f"no chart {key}"
    return hits[0]


def page_text(at) -> str:
    return " ".join([*(m.value for m in at.markdown), *(c.value for c in at.caption), *(m.value for m in at.metric),
                     *(str(m.help or "") for m in at.metric), *(i.value for i in at.info)])


@pytest.mark.parametrize("lang", [None, "en"])
def test_no_float_artefacts_in_page_text(lang):
    at = open_app("pages/funds.py", lang=lang)
    noise = FLOAT_NOISE.findall(page_text(at))
    assert not noise, f"float noise in the page text: {noise}"


@pytest.mark.parametrize("lang", [None, "en"])
def test_flow_shows_every_source_with_its_amount(tables, lang):
    at = open_app("pages/funds.py", lang=lang, page_query={"tab": "资金流向"})  # a Chinese link opens it in English too
    sankey = figure(at, "fund-flow")["data"][0]
    labels = [re.sub(r"<[^>]+>", " ", label) for label in sankey["node"]["label"]]
    sources = tables["fund_by_source"]
    name = lambda source: glossary.term(source, lang or "zh")  # noqa: E731  (English: 'Central funds')
    for row in sources.itertuples():
        amount = f"{float(row.amount_wan):,.2f}"
        assert any(name(row.source_name) in label and amount in label for label in labels), (row.source_name, labels)
    # every source node has an outgoing link, carrying its whole amount
    for row in sources.itertuples():
        node = next(i for i, label in enumerate(labels) if label.startswith(name(row.source_name)))
        out = sum(v for s, v in zip(sankey["link"]["source"], sankey["link"]["value"]) if s == node)
        assert out == pytest.approx(float(row.amount_wan))
    unit = "10k yuan" if lang == "en" else "万元"
    assert all(unit in label for label in labels)
    if lang == "en":
        assert not any("万元" in label for label in labels)


def test_shared_link_reopens_the_chosen_sector(tables):
    projects = tables["fund_projects"]
    sector = projects.sector_name.iloc[-1]
    at = open_app("pages/funds.py")
    at.selectbox(key="fund_sector").set_value(sector).run()
    assert at.query_params["sector"] == [sector] or at.query_params["sector"] == sector
    # a new visitor opening the shared link
    shared = open_app("pages/funds.py", page_query={"sector": sector})
    assert shared.selectbox(key="fund_sector").value == sector
    listing = next(df for df in shared.dataframe if "项目" in df.value.columns).value
    assert listing["项目"].tolist() == projects[projects.sector_name == sector].project_name.tolist()
    # and says near the chart what is chosen
    n = int((projects.sector_name == sector).sum())
    assert any(sector in m.value and f"{n} 个项目" in m.value for m in shared.markdown)


def test_each_metric_cites_the_line_its_figure_is_printed_on():
    """Invariant over every metric that quotes the document: the cited line holds the quoted figure."""
    at = open_app("pages/funds.py")
    lines = raw_text("jiyang").splitlines()
    quoted = [m.help for m in at.metric if m.help and "原文：" in m.help]
    assert quoted, "the metrics quote the document"
    for text in quoted:
        match = re.search(r"原文：(.+?)（原文第 (\d+) 行）", text)
        assert match, text
        figure_text, line = match.group(1), int(match.group(2))
        number = re.search(r"\d[\d,]*(\.\d+)?", figure_text)
        assert number, text
        printed = lines[line - 1].replace(" ", "")
        assert number.group(0).replace(",", "") in printed, (text, printed)


def test_a_sector_keeps_its_colour_with_a_town_filter(tables):
    projects = tables["fund_projects"]
    towns = [t for t in tables["towns"].town_name if projects.area.fillna("").str.contains(t).any()]
    assert towns, "some project names a town"

    def colours(at) -> dict[str, str]:
        return {trace["name"]: trace["marker"]["color"] for trace in figure(at, "fund-project-timeline")["data"]}

    everywhere = colours(open_app("pages/funds.py"))
    compared = 0
    for town in towns[:3]:
        filtered = colours(open_app("pages/funds.py", state={"town": town}))
        for name, colour in filtered.items():
            assert everywhere.get(name, colour) == colour, (town, name)
            compared += name in everywhere
    assert compared


def test_only_the_open_breakdown_tab_is_drawn_and_a_link_opens_another():
    opened = open_app("pages/funds.py")
    keys = set(figures(opened))
    assert any(k.endswith("fund-src-tree") for k in keys) and not any(k.endswith("fund-flow") for k in keys)
    linked = open_app("pages/funds.py", lang="en", page_query={"tab": "Flow of funds"})
    keys = set(figures(linked))
    assert any(k.endswith("fund-flow") for k in keys) and not any(k.endswith("fund-src-tree") for k in keys)


def test_a_project_s_details_are_drawn_when_its_expander_is_opened(tables):
    """The project expanders are lazy: closed, they hold nothing the browser must draw; opened, the
    project's area, schedule and target are there (from the loader's table)."""
    projects = tables["fund_projects"]
    project = projects.iloc[0]
    key = f"fund-project-{project.doc_id}-{project.project_no}"
    at = open_app("pages/funds.py")
    closed = next(e for e in at.expander if e.label.startswith(f"{project.project_no}. {project.project_name}"))
    assert closed.children == {}
    at.session_state[key] = True
    at.run()
    assert not at.exception
    opened = next(e for e in at.expander if e.label.startswith(f"{project.project_no}. {project.project_name}"))
    text = " ".join(m.value for m in opened.markdown)
    assert project.area in text and project.target_text in text
