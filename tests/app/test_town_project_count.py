"""Issue 15 pt 8, one figure, one answer: the 重点项目 count of a town is the same number with the same
words on the town profile, the overview page, the overview slide (meeting mode and PDF) and the funds slide."""
from __future__ import annotations

import pytest

from store import towns
from tests.conftest import open_app
from ui import briefing


def figure(at, label: str) -> tuple[str, str]:
    hits = [m for m in at.metric if m.label == label]
    assert hits, [m.label for m in at.metric]
    return hits[0].value, hits[0].delta or ""


@pytest.fixture(scope="module")
def names(database):
    return towns.town_names("济阳区")


def test_every_town_gets_the_same_project_count_on_the_profile_and_in_the_briefing(database, tables, names):
    projects = tables["fund_projects"]
    wide = int(projects.town_name.isna().sum())
    for town in names:
        own = int((projects.town_name == town).sum())
        slide = {f.label: f for f in briefing.overview(town, "zh").figures}["重点项目"]
        funds = next(f for f in briefing.fund_sectors(town, "zh").figures if f.label == f"{town}的重点项目")
        assert slide.value == funds.value == f"{own + wide} 个", town
        assert slide.note == (f"{own} 个本镇街项目 + {wide} 个全区项目" if wide else "均位于本镇街")
        assert funds.note.startswith(slide.note)
        profile = open_app("pages/towns.py", query={"town": town})
        assert not profile.exception
        assert figure(profile, "重点项目") == (slide.value, slide.note), town


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overview_page_says_what_the_profile_says(database, lang):
    town = "曲堤街道"
    overview = open_app("pages/overview.py", lang=lang, query={"town": town})
    profile = open_app("pages/towns.py", lang=lang, query={"town": town})
    slide = {f.label: f for f in briefing.overview(town, lang).figures}
    label = "重点项目" if lang == "zh" else briefing.project_figure(None, lang).label
    assert figure(overview, label) == figure(profile, label) == (slide[label].value, slide[label].note)


def test_briefing_pdf_prints_the_count_with_its_split(database, tables):
    from ui.export import briefing_html

    town = "曲堤街道"
    figure_ = briefing.project_figure(town, "zh")
    document = briefing_html(briefing.slides(town, "zh"), town=town, lang="zh", chart_svg=lambda fig: "")
    assert figure_.value in document and figure_.note in document
    own = int((tables["fund_projects"].town_name == town).sum())
    assert f"{own} 个本镇街项目" in figure_.note
