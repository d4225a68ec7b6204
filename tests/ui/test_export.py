"""Static exports: PNG and SVG of a chart with Chinese text, the briefing PDF, and the
palette's text contrast. Uses kaleido with the system Chromium and poppler's pdfinfo/pdftotext."""
from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET

import pytest

from store import curated
from ui import briefing, charts, export, palette

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SVG_NS = "{http://www.w3.org/2000/svg}"


def plain(text: str) -> str:
    """pdftotext maps some CJK glyphs to radicals (风 -> ⻛); NFKC folds them back. Drop spaces and breaks."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def road_chart(tables):
    towns = tables["road_towns"]
    return charts.bar_ranked(towns, "town_name", "listed_count", "各镇街待硬化村数", "村数", highlight="曲堤街道",
                             unit=" 个")


def svg_text(svg: bytes) -> str:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG_NS}svg"
    return "".join(root.itertext())


def test_png_export_is_a_png_with_the_chart_size(road_chart):
    png = export.to_png(road_chart, "来源：测试引用")
    assert png.startswith(PNG_MAGIC)
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1200 * export.PNG_SCALE, int(export.theme.printable(road_chart, "来源：测试引用")
                                                            .layout.height) * export.PNG_SCALE)


def test_svg_export_parses_and_keeps_chinese_title_labels_and_citation(road_chart, tables):
    text = svg_text(export.to_svg(road_chart, "来源：《关于印发济南市济阳区农村通户道路硬化工程实施方案的通知》"))
    assert "各镇街待硬化村数" in text
    assert "来源：" in text and "通户道路硬化" in text
    for town in tables["road_towns"].town_name:
        assert town in text
    top = tables["road_towns"].sort_values("listed_count").iloc[-1]
    assert f"{top.listed_count} 个" in text


def test_exported_figure_is_a_copy_the_page_chart_is_unchanged(road_chart):
    before = road_chart.to_json()
    export.to_svg(road_chart, "来源：x")
    assert road_chart.to_json() == before


def test_text_colours_reach_aa_contrast():
    pairs = {"TEXT": palette.TEXT, "TEXT_MUTED": palette.TEXT_MUTED, "TEXT_PRIMARY": palette.TEXT_PRIMARY,
             "TEXT_ACCENT": palette.TEXT_ACCENT}
    for name, colours in pairs.items():
        assert palette.contrast_ratio(colours["light"], palette.LIGHT_BACKGROUND) >= 4.5, name
        assert palette.contrast_ratio(colours["dark"], palette.DARK_BACKGROUND) >= 4.5, name
    projector = palette.PROJECTOR
    for key in ("text", "muted"):
        assert palette.contrast_ratio(projector[key], projector["background"]) >= 7, key
    # Labels inside bars: black or white, whichever reads on the fill, for every palette colour.
    for fill in palette.OKABE_ITO:
        assert palette.contrast_ratio(palette.readable_on(fill), fill) >= 4.5, fill


def test_contrast_ratio_matches_wcag_reference_values():
    assert palette.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21)
    assert palette.contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_highlighted_bar_is_marked_by_hatching_and_bold_label_not_colour_alone(road_chart):
    bar = road_chart.data[0]
    names = list(bar.y)
    marked = names.index("曲堤街道")
    assert bar.marker.pattern.shape[marked] == "/"
    assert all(shape == "" for i, shape in enumerate(bar.marker.pattern.shape) if i != marked)
    assert "<b>▶ 曲堤街道</b>" in road_chart.layout.yaxis.ticktext
    assert all(text.endswith(" 个") for text in bar.text), "every bar carries its value as text"


def test_alt_text_names_kind_title_items_and_highlight(road_chart, tables):
    alt = charts.describe(road_chart)
    top = tables["road_towns"].sort_values("listed_count").iloc[-1]
    assert alt.startswith("条形图：各镇街待硬化村数。")
    assert f"共 {len(tables['road_towns'])} 项" in alt
    assert f"{top.town_name} {top.listed_count} 个" in alt
    assert alt.endswith("（高亮：曲堤街道）")
    assert charts.describe(road_chart, "en").startswith("Bar chart: 各镇街待硬化村数.")


@pytest.fixture(scope="module")
def briefing_pdf(tmp_path_factory):
    slides = briefing.slides("曲堤街道", "zh")
    pdf = export.briefing_pdf(slides, town="曲堤街道", lang="zh",
                              bulletins=list(curated.bulletin_titles().values()))
    path = tmp_path_factory.mktemp("pdf") / "briefing.pdf"
    path.write_bytes(pdf)
    return path, slides


def pdf_pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    assert match, info
    return int(match.group(1))


def pdf_text(path, page: int | None = None) -> str:
    args = ["pdftotext", "-layout"] + (["-f", str(page), "-l", str(page)] if page else []) + [str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def test_briefing_pdf_has_a_title_page_and_one_page_per_slide(briefing_pdf):
    path, slides = briefing_pdf
    assert path.read_bytes().startswith(b"%PDF-")
    assert pdf_pages(path) == 1 + len(slides) == 1 + briefing.slide_count()


def test_briefing_pdf_title_page_names_date_filter_and_sources(briefing_pdf):
    path, _ = briefing_pdf
    cover = plain(pdf_text(path, 1))
    assert "会议简报" in cover
    assert plain("镇街筛选：曲堤街道") in cover
    assert re.search(plain("生成日期：") + r"\d{4}年\d{1,2}月\d{1,2}日", cover)
    for title in curated.bulletin_titles().values():
        assert plain(title) in cover


def test_each_briefing_page_shows_its_slide_title_chart_text_and_citation(briefing_pdf, tables):
    path, slides = briefing_pdf
    for number, slide in enumerate(slides, start=2):
        page = plain(pdf_text(path, number))
        assert plain(slide.title) in page, slide.key
        assert plain("来源：" + slide.citation)[:60] in page, slide.key
        if slide.chart is not None:
            assert plain(slide.chart.layout.title.text) in page, f"{slide.key}: chart title (SVG text)"
    roads_page = plain(pdf_text(path, 2 + [s.key for s in slides].index("roads")))
    quyi = int(tables["road_towns"].set_index("town_name").loc["曲堤街道", "listed_count"])
    assert f"{quyi}个" in roads_page


def test_english_briefing_pdf_translates_labels_and_keeps_chinese_titles_of_documents(tmp_path, tables):
    slides = briefing.slides(None, "en")
    path = tmp_path / "briefing-en.pdf"
    path.write_bytes(export.briefing_pdf(slides, town=None, lang="en",
                                         bulletins=list(curated.bulletin_titles().values())))
    assert pdf_pages(path) == 1 + len(slides)
    cover = pdf_text(path, 1)
    assert "Meeting briefing" in cover and "Town filter: Whole district" in cover
    roads = plain(pdf_text(path, 2 + [s.key for s in slides].index("roads")))
    assert plain("Village road paving: which towns, how many villages") in roads
    assert plain("济阳政办发〔2020〕22号") in roads, "document numbers stay as printed"
    # No Chinese outside data values and document titles (fund sources and sectors are named in English).
    from tests.browser.cjk import data_values, database_values, leftover_cjk
    from tests.conftest import ROOT
    from ui import glossary

    values = (set(data_values(tables)) | set(database_values(ROOT / "data" / "build" / "gazette.duckdb"))) - glossary.terms()
    # Reading order, not -layout: a chart label wrapped over two lines stays one value once spaces are dropped.
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    left = leftover_cjk(plain(text), sorted({plain(v) for v in values}, key=len, reverse=True))
    assert not left, left


def test_labels_inside_treemap_tiles_and_donut_slices_reach_aa_contrast(tables):
    tree = charts.funds_treemap(tables["fund_by_source"], "source_name", "按资金来源分（万元）").data[0]
    for fill, text, parent in zip(tree.marker.colors, tree.textfont.color, tree.parents):
        if parent:  # the root tile is see-through and unlabelled (the theme's background shows)
            assert palette.contrast_ratio(text, fill) >= 4.5, (fill, text)
    assert [t.strip() for t, parent in zip(tree.texttemplate, tree.parents) if not parent] == [""]
    quota = tables["insurance_quota"]
    pie = charts.share_donut(quota, "town_name", "quota_persons", "占比").data[0]
    for fill, text in zip(pie.marker.colors, pie.insidetextfont.color):
        assert palette.contrast_ratio(text, fill) >= 4.5, (fill, text)
