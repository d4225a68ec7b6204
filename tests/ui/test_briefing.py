"""The briefing slides: fixed order, figures a reader can check in the bulletins, the town
filter, citations and alt text. Built from the curated database, without a browser."""
from __future__ import annotations

import pytest

from ui import briefing


def value_of(slide: briefing.Slide, label: str) -> str:
    hits = [f.value for f in slide.figures if f.label == label]
    assert hits, f"{slide.key}: no key figure {label!r} in {[f.label for f in slide.figures]}"
    return hits[0]


@pytest.fixture(scope="module")
def district():
    return {s.key: s for s in briefing.slides(None, "zh")}


def test_slides_follow_the_briefing_order(district):
    sections = [s.section for s in district.values()]
    assert list(dict.fromkeys(sections)) == list(briefing.SECTIONS)  # 总览 → 资金 → 道路 → 医保 → 热线 → 承诺
    assert len(district) == briefing.slide_count()


def test_overview_key_figures_match_the_tables(district, tables):
    slide = district["overview"]
    total = tables["fund_totals"].set_index("measure").loc["统筹整合资金总额", "value"]
    assert value_of(slide, "统筹整合涉农资金") == f"{float(total) / 10000:,.2f} 亿元"
    assert value_of(slide, "待硬化道路的村") == f"{tables['road_towns'].listed_count.sum():,} 个"
    assert value_of(slide, f"{tables['insurance_quota'].year.iloc[0]} 年医保征缴任务") == f"{tables['insurance_quota'].quota_persons.sum():,} 人"
    assert value_of(slide, "重点项目") == f"{len(tables['fund_projects'])} 个"
    assert slide.chart is None, "the overview is key figures only"


def test_fund_slide_chart_is_the_sources_with_their_amounts(district, tables):
    slide = district["fund_sources"]
    bar = slide.chart.data[0]
    sources = tables["fund_by_source"]
    assert sorted(bar.y) == sorted(sources.source_name)
    assert sum(bar.x) == pytest.approx(float(sources.amount_wan.sum()))
    top = sources.sort_values("amount_wan").iloc[-1]
    assert value_of(slide, "最大来源") == top.source_name
    assert "济阳政字〔2020〕81号" in slide.citation


def test_roads_slide_for_a_town_shows_that_towns_villages_and_highlights_it(tables):
    slide = briefing.slide(3, "曲堤街道", "zh")
    assert slide.key == "roads"
    count = int(tables["road_towns"].set_index("town_name").loc["曲堤街道", "listed_count"])
    assert value_of(slide, "曲堤街道") == f"{count} 个"
    assert "（高亮：曲堤街道）" in slide.alt
    assert "曲堤街道以斜线和粗体标出" in slide.scope


def test_town_without_road_villages_says_not_listed():
    slide = briefing.slide(3, "孙耿街道", "zh")
    assert value_of(slide, "孙耿街道") == "未列出"
    assert "孙耿街道不在道路硬化明细表中" in slide.scope


def test_insurance_slide_for_a_town_gives_its_quota_and_share(tables):
    quota = tables["insurance_quota"].set_index("town_name").quota_persons
    slide = briefing.slide(4, "垛石街道", "zh")
    assert value_of(slide, "垛石街道征缴任务") == f"{quota['垛石街道']:,} 人"
    share = 100 * quota["垛石街道"] / quota.sum()
    assert f"占全区 {share:.2f}%" in [f.note for f in slide.figures]
    tiers = tables["insurance_premiums"].amount_yuan
    assert value_of(slide, "个人缴费档次") == " / ".join(str(int(v)) for v in sorted(tiers)) + " 元"


def test_hotline_slide_lists_the_plans_targets_in_order(district, tables):
    slide = district["hotline"]
    values = [f.value for f in slide.figures]
    targets = tables["targets"].set_index("topic")
    exits = [int(targets.value[f"hotline.city_rank_exit_bottom{n}"]) for n in (3, 5)]  # 9月底前, 年底
    assert values[:2] == [f"退出后 {n} 位" for n in exits]
    rates = [f"{'>' if targets.comparator[t] == '>' else '≥'}{targets.value[t]:g}%"
             for t in ("hotline.monthly_resolution", "hotline.yearly_resolution", "hotline.participation")]
    assert set(rates) <= set(values)
    assert values.count("清零") == int(targets.index.str.startswith("hotline.clear.", na=False).sum())
    assert "市民服务热线专项整治工作方案" in slide.citation
    assert all("约谈" not in f.label for f in slide.figures)


def test_commitments_slide_counts_every_target(district, tables):
    slide = district["commitments"]
    targets = tables["targets"]
    assert value_of(slide, "可核对的承诺") == f"{len(targets)} 条"
    assert value_of(slide, "写明期限的") == f"{targets.deadline.notna().sum()} 条"
    counted = sum(sum(trace.y) for trace in slide.chart.data)
    assert counted == targets.deadline.notna().sum()
    shapes = [trace.marker.pattern.shape for trace in slide.chart.data]
    assert len(set(shapes)) == len(shapes), "districts differ by hatching, not colour alone"
    for trace in slide.chart.data:
        assert f"{trace.name} " in slide.alt, "the alt text names each district"


def test_every_slide_cites_its_source_and_every_chart_has_alt_text(district):
    for slide in district.values():
        assert slide.citation, slide.key
        assert "《" in slide.citation, slide.key
        if slide.chart is not None:
            assert slide.alt.startswith("条形图："), slide.key
            assert slide.chart.layout.title.text in slide.alt


def test_english_slides_translate_labels_and_keep_data_values(tables):
    slides = {s.key: s for s in briefing.slides("曲堤街道", "en")}
    roads = slides["roads"]
    assert roads.section == "Roads"
    assert roads.title == "Village road paving: which towns, how many villages"
    count = int(tables["road_towns"].set_index("town_name").loc["曲堤街道", "listed_count"])
    assert value_of(roads, "曲堤街道") == f"{count}"  # town names as printed; no Chinese measure word in English
    assert "source lines" in roads.citation and "济阳政办发〔2020〕22号" in roads.citation
    assert slides["overview"].figures[0].label == "Integrated agri funds"
    assert roads.alt.startswith("Bar chart: Villages with roads to pave, by town.")


def test_slide_index_is_clamped():
    assert briefing.slide(-3).key == "overview"
    assert briefing.slide(99).key == "commitments"
