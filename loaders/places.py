"""Places: the districts, towns and villages of the national statistical division codes.

The reference is data (data/reference/divisions_*.csv, made by loaders.reference_divisions
from the 国家统计局 统计用区划和城乡划分代码; source and vintage in data/reference/SOURCES.md),
so a new district or city is a new file, not new code.

Everything here is pure: `Places(rows)` indexes rows given by the caller; `Places.read(dir)`
is the only function that touches the file system.

Keys are always (district, town) and (town, village): 济阳街道 exists in 济南's 济阳区
(370115001) and in 济宁's 任城区 (370802002), and village names such as 董家 or 北街 repeat
across towns. Nothing is matched by name alone.

Matching rules, in one place:
- a town is named by its full name (曲堤街道), its short name (曲堤: the full name without one
  of the suffixes 街道/镇/乡), or the short name with an older or variant suffix (曲堤镇,
  曲堤街道办事处) — towns change from 镇 to 街道 while documents keep the old name;
- in running text (`towns_in_text`) the longest name wins; a short name that is also the
  district's own short name (济阳 of 济阳区) counts only when written in full (济阳街道), and
  a short name followed by 区/县/市/开发区/园区 names something else (济北开发区);
- a village is named by its base name (景家 for 景家村民委员会), with or without 村 or 社区,
  or — when the caller asks for it — by a unique abbreviation (江屯 for 江家屯);
- a district is named by its full name, or its short name + 区/县/市 (章丘市 and 济阳县 are
  the names before 2016 and 2018), unless another city is written right before it (枣庄市市中区).
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

# ---------------------------------------------------------------- naming rules (pure, reused by the generator)
TOWN_SUFFIXES = ("街道", "镇", "乡")
#: Suffixes a document may write after a town's short name and still mean that town.
TOWN_VARIANT_SUFFIXES = ("街道办事处", "办事处", "街道", "镇", "乡")
VILLAGE_SUFFIXES = ("村民委员会", "居民委员会", "社区居委会", "村委会", "居委会", "委员会")
#: A short town name followed by one of these names a zone or a county, not the town.
NOT_A_TOWN_AFTER = ("开发区", "园区", "工业园", "产业园", "区", "县", "市")
_SPACES = re.compile(r"\s+")


def clean(name: str) -> str:
    """Drop every space, including full-width ones and those inside a name (曲 堤)."""
    return _SPACES.sub("", name.replace("\u3000", " "))


def town_kind(code: str) -> str:
    """乡级 kind from the 9-digit code (NBS rules: 001-099 街道, 100-199 镇, 200-399 乡, 400+ 类似乡级单位)."""
    n = int(code[6:9])
    return "街道" if n < 100 else "镇" if n < 200 else "乡" if n < 400 else "其他"


def village_kind(code: str) -> str:
    """村级 kind from the 12-digit code (NBS rules: 001-199 居委会, 200-399 村委会)."""
    return "居委会" if int(code[9:12]) < 200 else "村委会"


def town_short_name(name: str) -> str:
    """'曲堤街道' -> '曲堤', '仁风镇' -> '仁风', '刁镇街道' -> '刁镇'; a 类似乡级单位 keeps its name."""
    for suffix in TOWN_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[:-len(suffix)]
    return name


def district_short_name(name: str) -> str:
    """'章丘区' -> '章丘', '平阴县' -> '平阴', '济南高新技术产业开发区' -> '济南高新区'."""
    if name.endswith("高新技术产业开发区"):
        return name[:-len("高新技术产业开发区")] + "高新区"
    if name.endswith("开发区"):
        return name
    if name[-1:] in ("区", "县", "市") and len(name) >= 3:
        return name[:-1]
    return name


def village_base_name(name: str) -> str:
    """'景家村民委员会' -> '景家', '某某社区居民委员会' -> '某某社区'."""
    name = clean(name)
    for suffix in VILLAGE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[:-len(suffix)]
    return name


def _village_keys(name: str) -> set[str]:
    """The spellings under which a document may name a village: with or without 村 / 社区."""
    base = village_base_name(name)
    keys = {base}
    for suffix in ("村", "社区"):
        if base.endswith(suffix) and len(base) > len(suffix) + 1:
            keys.add(base[:-len(suffix)])
    if not base.endswith(("村", "社区")):
        keys |= {base + "村", base + "社区"}
    return keys


# ---------------------------------------------------------------- records
@dataclass(frozen=True, slots=True)
class District:
    code: str          # 370114
    name: str          # 章丘区
    short_name: str    # 章丘
    city_code: str     # 3701
    city_name: str     # 济南市


@dataclass(frozen=True, slots=True)
class Town:
    code: str          # 370115008
    name: str          # 曲堤街道
    short_name: str    # 曲堤
    kind: str          # 街道 / 镇 / 乡 / 其他
    district_code: str
    district_name: str


@dataclass(frozen=True, slots=True)
class Village:
    code: str          # 370115008201
    name: str          # 景家村民委员会 (as the code list prints it)
    short_name: str    # 景家
    kind: str          # 村委会 / 居委会
    town_code: str
    town_name: str


@dataclass(frozen=True, slots=True)
class VillageMatch:
    village: Village
    how: str           # name / variant / abbreviation (see Places.match_village)


@dataclass(frozen=True, slots=True)
class TownMention:
    town: Town
    start: int         # text[start:end] == written
    end: int
    written: str       # 曲堤 or 曲堤街道, as in the text


# ---------------------------------------------------------------- the index
class Places:
    """Districts, towns and villages of one or more cities, indexed for lookups by name."""

    def __init__(self, rows: Iterable[Mapping[str, str]]):
        """`rows` as in divisions_*.csv: code, name, level (city/district/town/village), parent_code."""
        rows = [{k: (v or "").strip() for k, v in row.items()} for row in rows]
        cities = {r["code"]: r["name"] for r in rows if r["level"] == "city"}
        self._districts: dict[str, District] = {}
        self._towns: dict[str, Town] = {}
        self._villages: dict[str, Village] = {}
        for r in rows:
            if r["level"] == "district":
                parent = r.get("parent_code") or r["code"][:4]
                self._districts[r["code"]] = District(r["code"], r["name"], r.get("short_name") or
                                                      district_short_name(r["name"]), parent, cities.get(parent, ""))
        for r in rows:
            if r["level"] == "town":
                district = self._districts[r.get("parent_code") or r["code"][:6]]
                self._towns[r["code"]] = Town(r["code"], r["name"], r.get("short_name") or town_short_name(r["name"]),
                                              r.get("kind") or town_kind(r["code"]), district.code, district.name)
        for r in rows:
            if r["level"] == "village":
                town = self._towns[r.get("parent_code") or r["code"][:9]]
                self._villages[r["code"]] = Village(r["code"], r["name"], r.get("short_name") or village_base_name(r["name"]),
                                                    r.get("kind") or village_kind(r["code"]), town.code, town.name)
        self._towns_of: dict[str, list[Town]] = {code: [] for code in self._districts}
        self._town_key: dict[tuple[str, str], Town] = {}
        for town in sorted(self._towns.values(), key=lambda t: t.code):
            self._towns_of[town.district_code].append(town)
            self._town_key[(town.district_code, town.name)] = town
        for town in self._towns.values():  # short names and variants never shadow a full name
            for key in [town.short_name] + [town.short_name + s for s in TOWN_VARIANT_SUFFIXES]:
                self._town_key.setdefault((town.district_code, key), town)
        self._villages_of: dict[str, list[Village]] = {code: [] for code in self._towns}
        self._village_key: dict[tuple[str, str], Village] = {}
        ordered = sorted(self._villages.values(), key=lambda v: v.code)
        for village in ordered:
            self._villages_of[village.town_code].append(village)
        # Exact names first, then base names, then variants: 北街 is 北街村民委员会 even when
        # 北街社区居民委员会 (variant 北街) comes first in code order.
        for keys_of in (lambda v: {clean(v.name)}, lambda v: {v.short_name}, lambda v: _village_keys(v.name)):
            for village in ordered:
                for key in keys_of(village):
                    self._village_key.setdefault((village.town_code, key), village)

    @classmethod
    def read(cls, reference_dir: Path) -> Places:
        """Every data/reference/divisions_*.csv (one per city)."""
        rows: list[dict[str, str]] = []
        for path in sorted(Path(reference_dir).glob("divisions_*.csv")):
            with path.open(encoding="utf-8", newline="") as handle:
                rows += list(csv.DictReader(handle))
        if not rows:
            raise FileNotFoundError(f"{reference_dir} 中没有区划代码表 divisions_*.csv")
        return cls(rows)

    # ------------------------------------------------------------ districts
    def districts(self) -> list[District]:
        return sorted(self._districts.values(), key=lambda d: d.code)

    def district(self, key: District | str) -> District:
        """A district by code (370114), full name (章丘区) or short name (章丘); ValueError if unknown."""
        if isinstance(key, District):
            return key
        key = clean(key)
        if key in self._districts:
            return self._districts[key]
        hits = [d for d in self._districts.values() if key in (d.name, d.short_name)]
        if len(hits) != 1:
            raise ValueError(f"未知或不唯一的区县：{key}（已知：{'、'.join(d.name for d in self.districts())}）")
        return hits[0]

    def district_of(self, text: str) -> District | None:
        """The district a document is from, by its issuer or title ('济南市某区人民政府' -> 某区).

        The earliest district named wins; a name right after another city's name (枣庄市市中区)
        is that city's district, not this one. None when no district of the reference is named.
        """
        text = clean(text)
        best: tuple[int, int, District] | None = None
        for district in self._districts.values():
            forms = {district.name}
            if district.short_name.endswith("区"):        # 济南高新区
                forms.add(district.short_name)
            elif district.short_name != district.name:    # 章丘区, 章丘市 (before 2016)
                forms |= {district.short_name + s for s in ("区", "县", "市")}
            for form in forms:
                for start in _occurrences(text, form):
                    before = text[:start]
                    if before.endswith("市") and not before.endswith(district.city_name):
                        continue
                    candidate = (start, -len(form), district)
                    if best is None or candidate[:2] < best[:2]:
                        best = candidate
        return best[2] if best else None

    # ------------------------------------------------------------ towns
    def towns(self, district: District | str) -> list[Town]:
        """The towns (乡级) of a district, in code order."""
        return list(self._towns_of[self.district(district).code])

    def town(self, district: District | str, name: str) -> Town | None:
        """A town of the district by full name, short name or a variant suffix; None if not one of its towns."""
        return self._town_key.get((self.district(district).code, clean(name)))

    def town_by_code(self, code: str) -> Town | None:
        return self._towns.get(clean(code))

    def full_name(self, district: District | str, name: str) -> str | None:
        """'曲堤' -> '曲堤街道' within 济阳区; None if the district has no such town."""
        town = self.town(district, name)
        return town.name if town else None

    def towns_in_text(self, text: str, district: District | str, *, short_names: bool = True) -> list[TownMention]:
        """The towns of `district` named in `text`, in text order (a town named twice is listed twice).

        Longest name first: 高官寨 is not read as 官庄 + …; overlapping matches keep the longer one.
        """
        district = self.district(district)
        forms: list[tuple[str, Town, bool]] = []
        for town in self._towns_of[district.code]:
            forms.append((town.name, town, True))
            if short_names and town.short_name != town.name and town.short_name != district.short_name:
                forms.append((town.short_name, town, False))
        candidates = []
        for form, town, full in forms:
            for start in _occurrences(text, form):
                end = start + len(form)
                if not full and text.startswith(NOT_A_TOWN_AFTER, end):
                    continue
                candidates.append((start, end, town))
        taken: list[tuple[int, int, Town]] = []
        for start, end, town in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
            if all(end <= s or start >= e for s, e, _ in taken):
                taken.append((start, end, town))
        return [TownMention(town, start, end, text[start:end]) for start, end, town in sorted(taken, key=lambda c: c[0])]

    def town_names_in_text(self, text: str, district: District | str, *, short_names: bool = True) -> list[str]:
        """Full names of the towns named in `text`, each once, in order of first mention."""
        return list(dict.fromkeys(m.town.name for m in self.towns_in_text(text, district, short_names=short_names)))

    # ------------------------------------------------------------ villages
    def _town(self, district: District | str, town: Town | str) -> Town:
        if isinstance(town, Town):
            return town
        found = self.town(district, town)
        if found is None:
            raise ValueError(f"{self.district(district).name}没有镇街：{town}")
        return found

    def villages(self, district: District | str, town: Town | str) -> list[Village]:
        """The villages and communities (村级) of a town, in code order."""
        return list(self._villages_of[self._town(district, town).code])

    def match_village(self, district: District | str, town: Town | str, name: str) -> VillageMatch | None:
        """The village of the town that `name` stands for, and how it was recognised.

        how = 'name': the code list's name or base name (景家村民委员会, 景家);
              'variant': the base name with or without 村 / 社区 (景家村);
              'abbreviation': the only village of the town whose base name holds the written
              characters in order, starting with the same one, with one or two more (江屯 for
              江家屯, 碱场 for 碱场官庄) — how documents shorten names; never chosen among two.
        """
        town = self._town(district, town)
        name = clean(name)
        exact = self._village_key.get((town.code, name))
        if exact is not None:
            how = "name" if name in (clean(exact.name), exact.short_name) else "variant"
            return VillageMatch(exact, how)
        written = village_base_name(name)
        for key in [written] + sorted(_village_keys(name) - {written}, key=len, reverse=True):
            if (town.code, key) in self._village_key:
                return VillageMatch(self._village_key[(town.code, key)], "variant")
        if written.endswith("村") and len(written) > 2:
            written = written[:-1]
        found = [v for v in self._villages_of[town.code]
                 if v.short_name[:1] == written[:1] and 1 <= len(v.short_name) - len(written) <= 2
                 and _in_order(written, v.short_name)]
        return VillageMatch(found[0], "abbreviation") if len(found) == 1 else None

    def village(self, district: District | str, town: Town | str, name: str, *,
                abbreviations: bool = False) -> Village | None:
        """'景家' / '景家村' / '景家村民委员会' under 曲堤街道 -> that village; None if the town has no such village.

        With abbreviations=True a unique abbreviation (江屯 for 江家屯) counts too.
        """
        match = self.match_village(district, town, name)
        if match is None or (match.how == "abbreviation" and not abbreviations):
            return None
        return match.village

    def has_village(self, district: District | str, town: Town | str, name: str, *,
                    abbreviations: bool = False) -> bool:
        return self.village(district, town, name, abbreviations=abbreviations) is not None


def _in_order(short: str, full: str) -> bool:
    """Every character of `short` appears in `full`, in the same order."""
    rest = iter(full)
    return all(char in rest for char in short)


def _occurrences(text: str, word: str) -> Iterable[int]:
    start = text.find(word)
    while start >= 0:
        yield start
        start = text.find(word, start + 1)
