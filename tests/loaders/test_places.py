"""loaders.places and the division-code reference: small given/expect cases written for the test,
then the shipped data/reference files (NBS 2023 division codes, see data/reference/SOURCES.md)."""
from __future__ import annotations

import csv
import io
import tarfile
from pathlib import Path

import pytest

from loaders.places import Places, district_short_name, town_kind, town_short_name, village_base_name, village_kind
from loaders.reference_divisions import TOWN_COLUMNS, divisions, read_source, town_rows

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"


def row(code, name, level, parent):
    return {"code": code, "name": name, "level": level, "parent_code": parent}


# Two cities, each with a 济阳街道; villages of the same name under two towns.
GIVEN = [
    row("3701", "济南市", "city", "37"), row("3708", "济宁市", "city", "37"),
    row("370114", "章丘区", "district", "3701"), row("370115", "济阳区", "district", "3701"),
    row("370103", "市中区", "district", "3701"), row("370811", "任城区", "district", "3708"),
    row("370114001", "明水街道", "town", "370114"), row("370114012", "高官寨街道", "town", "370114"),
    row("370114011", "官庄街道", "town", "370114"), row("370114016", "刁镇街道", "town", "370114"),
    row("370114101", "垛庄镇", "town", "370114"),
    row("370115001", "济阳街道", "town", "370115"), row("370115002", "济北街道", "town", "370115"),
    row("370115008", "曲堤街道", "town", "370115"), row("370115104", "仁风镇", "town", "370115"),
    row("370811002", "济阳街道", "town", "370811"),
    row("370115008201", "景家村民委员会", "village", "370115008"),
    row("370115008202", "北街村民委员会", "village", "370115008"),
    row("370115008203", "江家屯村民委员会", "village", "370115008"),
    row("370115008204", "小杨沟村民委员会", "village", "370115008"),
    row("370115008205", "小杨家村民委员会", "village", "370115008"),
    row("370115008001", "北街社区居民委员会", "village", "370115008"),
    row("370115104201", "北街村民委员会", "village", "370115104"),
    row("370115104202", "王村村民委员会", "village", "370115104"),
]


@pytest.fixture(scope="module")
def places() -> Places:
    return Places(GIVEN)


# ---------------------------------------------------------------- naming rules
@pytest.mark.parametrize("name, short", [("曲堤街道", "曲堤"), ("仁风镇", "仁风"), ("刁镇街道", "刁镇"),
                                         ("某某乡", "某某"), ("商河经济开发区", "商河经济开发区")])
def test_town_short_name_drops_one_suffix(name, short):
    assert town_short_name(name) == short


@pytest.mark.parametrize("name, short", [("章丘区", "章丘"), ("平阴县", "平阴"), ("济南高新技术产业开发区", "济南高新区")])
def test_district_short_name(name, short):
    assert district_short_name(name) == short


def test_kinds_follow_the_code_rules():
    assert [town_kind(c) for c in ("370114016", "370114101", "370100201", "370126400")] == ["街道", "镇", "乡", "其他"]
    assert [village_kind(c) for c in ("370115008001", "370115008201")] == ["居委会", "村委会"]
    assert village_base_name("景家村民委员会") == "景家"
    assert village_base_name("北街社区居民委员会") == "北街社区"


# ---------------------------------------------------------------- districts
def test_district_by_code_full_or_short_name(places):
    assert places.district("370114").name == "章丘区"
    assert places.district("章丘").code == "370114"
    assert places.district("济阳区").short_name == "济阳"
    with pytest.raises(ValueError, match="未知"):
        places.district("历城区")


@pytest.mark.parametrize("text, code", [
    ("济南市章丘区人民政府", "370114"),
    ("济南市济阳区人民政府办公室关于印发某某方案的通知", "370115"),
    ("章丘区城市管理局", "370114"),
    ("济阳县人民政府", "370115"),                # the name before 2018
    ("济南市市中区人民政府", "370103"),
    ("枣庄市市中区人民政府", None),              # another city's 市中区
    ("济宁市任城区人民政府", "370811"),
    ("济南市人民政府办公厅", None),
    ("济南市章丘区人民政府 关于济阳区的函", "370114"),  # the first named wins
])
def test_district_of_issuer_or_title(places, text, code):
    found = places.district_of(text)
    assert (found.code if found else None) == code


# ---------------------------------------------------------------- towns
def test_towns_of_a_district_in_code_order(places):
    assert [t.name for t in places.towns("章丘区")] == ["明水街道", "官庄街道", "高官寨街道", "刁镇街道", "垛庄镇"]
    assert [t.kind for t in places.towns("济阳")] == ["街道", "街道", "街道", "镇"]


@pytest.mark.parametrize("district, name, full", [
    ("济阳区", "曲堤", "曲堤街道"), ("济阳区", "曲堤街道", "曲堤街道"), ("济阳区", " 曲 堤 ", "曲堤街道"),
    ("济阳区", "曲堤镇", "曲堤街道"),            # the name before it became a 街道
    ("济阳区", "济阳", "济阳街道"),              # in a table cell the short name is the town
    ("济阳区", "济阳街道办事处", "济阳街道"),
    ("章丘区", "刁镇", "刁镇街道"),
    ("济阳区", "明水", None), ("章丘区", "曲堤", None),
])
def test_full_name_within_a_district(places, district, name, full):
    assert places.full_name(district, name) == full


def test_same_town_name_in_two_cities_is_keyed_by_district(places):
    assert places.town("济阳区", "济阳街道").code == "370115001"
    assert places.town("任城区", "济阳街道").code == "370811002"
    assert places.town_by_code("370811002").district_name == "任城区"


def test_towns_in_text_longest_first_in_text_order(places):
    text = "高官寨、官庄两街道和明水街道"
    assert [(m.written, m.town.name) for m in places.towns_in_text(text, "章丘区")] == [
        ("高官寨", "高官寨街道"), ("官庄", "官庄街道"), ("明水街道", "明水街道")]
    mention = places.towns_in_text(text, "章丘区")[2]
    assert text[mention.start:mention.end] == "明水街道"


def test_district_short_name_counts_as_a_town_only_in_full(places):
    text = "济阳区曲堤、仁风镇和济阳街道，济阳城区"
    assert places.town_names_in_text(text, "济阳区") == ["曲堤街道", "仁风镇", "济阳街道"]


def test_short_name_before_zone_or_county_is_not_the_town(places):
    assert places.town_names_in_text("济北开发区税务所", "济阳区") == []
    assert places.town_names_in_text("济北街道税务所", "济阳区") == ["济北街道"]


def test_towns_in_text_only_of_the_given_district(places):
    assert places.town_names_in_text("明水街道与曲堤街道", "济阳区") == ["曲堤街道"]
    assert places.town_names_in_text("曲堤", "济阳区", short_names=False) == []


# ---------------------------------------------------------------- villages
@pytest.mark.parametrize("name", ["景家", "景家村", "景家村民委员会"])
def test_village_by_base_name_or_variant(places, name):
    assert places.village("济阳区", "曲堤", name).code == "370115008201"


def test_village_names_repeat_across_towns(places):
    assert places.village("济阳区", "曲堤街道", "北街").code == "370115008202"   # the 村, not the 社区
    assert places.village("济阳区", "曲堤街道", "北街社区").code == "370115008001"
    assert places.village("济阳区", "仁风镇", "北街").code == "370115104201"
    assert not places.has_village("济阳区", "仁风镇", "景家")
    assert places.village("济阳区", "仁风镇", "王村").code == "370115104202"


def test_abbreviation_only_when_asked_and_unique(places):
    assert not places.has_village("济阳区", "曲堤街道", "江屯")
    assert places.village("济阳区", "曲堤街道", "江屯", abbreviations=True).name == "江家屯村民委员会"
    assert places.match_village("济阳区", "曲堤街道", "江屯").how == "abbreviation"
    assert places.match_village("济阳区", "曲堤街道", "景家村").how == "variant"
    assert places.match_village("济阳区", "曲堤街道", "小杨") is None           # 小杨沟 or 小杨家
    assert places.match_village("济阳区", "曲堤街道", "小杨家").how == "name"


def test_villages_of_a_town_and_unknown_town(places):
    assert [v.short_name for v in places.villages("济阳区", "仁风")] == ["北街", "王村"]
    with pytest.raises(ValueError, match="没有镇街"):
        places.villages("济阳区", "明水")


# ---------------------------------------------------------------- the generator
SOURCE = {
    "cities.csv": "code,name,provinceCode\n3701,\"济南市\",37\n3708,\"济宁市\",37\n",
    "areas.csv": "code,name,cityCode,provinceCode\n370115,\"济阳区\",3701,37\n370811,\"任城区\",3708,37\n",
    "streets.csv": "code,name,areaCode,provinceCode,cityCode\n370115001,\"济阳街道\",370115,37,3701\n"
                   "370115104,\"仁风镇\",370115,37,3701\n370811002,\"济阳街道\",370811,37,3708\n",
    "villages.csv": "code,name,streetCode,provinceCode,cityCode,areaCode\n"
                    "370115104201,\"北街村民委员会\",370115104,37,3701,370115\n"
                    "370811002001,\"某某社区居民委员会\",370811002,37,3708,370811\n",
}


def test_divisions_of_one_city_only(tmp_path):
    for name, text in SOURCE.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    rows = divisions(read_source(tmp_path), "3701")
    assert [(r["code"], r["level"], r["short_name"], r["kind"]) for r in rows] == [
        ("3701", "city", "济南市", "地级"), ("370115", "district", "济阳", "区"),
        ("370115001", "town", "济阳", "街道"), ("370115104", "town", "仁风", "镇"),
        ("370115104201", "village", "北街", "村委会")]
    assert rows[-1]["town_name"] == "仁风镇" and rows[-1]["district_name"] == "济阳区"
    assert [r["town_code"] for r in town_rows(rows)] == ["370115001", "370115104"]


def test_read_source_from_the_package_tarball(tmp_path):
    path = tmp_path / "china-division.tgz"
    with tarfile.open(path, "w:gz") as tar:
        for name, text in SOURCE.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(f"package/dist/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    assert len(read_source(path)["streets.csv"]) == 3


# ---------------------------------------------------------------- the shipped reference
@pytest.fixture(scope="module")
def shipped() -> Places:
    return Places.read(REFERENCE)


def _csv(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_towns_csv_is_made_from_the_division_codes():
    assert _csv("towns.csv") == town_rows(_csv("divisions_3701.csv"))
    assert tuple(_csv("towns.csv")[0]) == TOWN_COLUMNS


def test_every_jinan_district_has_its_towns(shipped):
    names = [d.name for d in shipped.districts()]
    assert {"济阳区", "章丘区", "历城区", "平阴县", "商河县"} <= set(names)
    assert all(shipped.towns(d) for d in shipped.districts())


def test_jiyang_towns_and_codes_as_published(shipped):
    assert [(t.code, t.name) for t in shipped.towns("济阳区")] == [
        ("370115001", "济阳街道"), ("370115002", "济北街道"), ("370115003", "崔寨街道"), ("370115004", "孙耿街道"),
        ("370115005", "回河街道"), ("370115006", "太平街道"), ("370115007", "垛石街道"), ("370115008", "曲堤街道"),
        ("370115104", "仁风镇"), ("370115110", "新市镇")]


def test_zhangqiu_towns_are_recognised(shipped):
    assert shipped.district_of("济南市章丘区人民政府").code == "370114"
    assert shipped.town("章丘区", "明水").code == "370114001"
    assert shipped.full_name("章丘区", "垛庄") == "垛庄镇"
    assert shipped.town_names_in_text("在明水街道、刁镇开展", "章丘区") == ["明水街道", "刁镇街道"]
    assert all(shipped.villages("章丘区", t) for t in shipped.towns("章丘区"))
