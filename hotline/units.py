"""The units the tracker knows, and the one alias step for unit names.

Known units come from the reference data the curated build also reads (GAZETTE_REFERENCE,
default data/reference/):
- `zhangqiu_units.csv`: 章丘区's 17 街道 and 1 镇 (with former names and short forms), and
  济南市's districts, counties and 功能区 (the peer group a district-level ranking lists);
- `department_aliases.csv`: the 章丘 departments named in the 2025 campaign plans and every
  spelling of them found there (区住建局 → 区住房和城乡建设局); collective names such as
  各镇街 or 相关部门 are not units.

`canonical()` is the only place a unit's name is changed: a 街道办事处/镇人民政府 suffix is
dropped when that leaves a known unit, then the alias tables apply. The preview names every
change; an unknown name is kept as written and the page asks before importing it.
"""
from __future__ import annotations

import csv
import functools
import os
from dataclasses import dataclass
from pathlib import Path

from hotline.names import name_key

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = ROOT / "data" / "reference"
_SUFFIXES = (("街道办事处", "街道"), ("办事处", "街道"), ("镇人民政府", "镇"), ("镇政府", "镇"),
             ("人民政府", ""), ("（街道）", ""), ("(街道)", ""))
_NOT_UNITS_PREFIX = ("各", "相关")
_NOT_UNITS_WORDS = ("成员单位", "承办责任部门", "生产经营单位", "各相关", "相关单位")


@dataclass(frozen=True)
class KnownUnits:
    aliases: dict[str, str]          # any known spelling -> canonical name
    groups: dict[str, str]           # canonical name -> 镇街 | 部门 | 区县

    def canonical(self, name: str) -> str:
        """The unit's one name: '明水街道办事处' -> '明水街道', '区住建局' -> '区住房和城乡建设局';
        an unknown name comes back as given (normalised)."""
        key = name_key(name)
        if key in self.aliases:
            return self.aliases[key]
        for suffix, replacement in _SUFFIXES:
            if key.endswith(suffix):
                shorter = key[: -len(suffix)] + replacement
                if shorter in self.aliases:
                    return self.aliases[shorter]
        return key

    def knows(self, name: str) -> bool:
        return name_key(name) in self.groups or self.canonical(name) in self.groups

    def group(self, name: str) -> str | None:
        return self.groups.get(self.canonical(name))


def _reference_dir() -> Path:
    return Path(os.environ.get("GAZETTE_REFERENCE") or DEFAULT_REFERENCE)


@functools.lru_cache(maxsize=4)
def _load(folder: str) -> KnownUnits:
    aliases: dict[str, str] = {}
    groups: dict[str, str] = {}
    path = Path(folder) / "zhangqiu_units.csv"
    if path.exists():
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                name = name_key(row["name"])
                groups[name] = row["group"]
                aliases[name] = name
                for alias in filter(None, (row.get("aliases") or "").split("|")):
                    aliases.setdefault(name_key(alias), name)
    path = Path(folder) / "department_aliases.csv"
    if path.exists():
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                unit = name_key(row["unit"])
                if unit.startswith(_NOT_UNITS_PREFIX) or any(w in unit for w in _NOT_UNITS_WORDS):
                    continue
                if groups.get(unit, "部门") != "部门":  # a town the plans also name (相公庄街道)
                    continue
                groups[unit] = "部门"
                aliases[unit] = unit
                aliases.setdefault(name_key(row["alias"]), unit)
    return KnownUnits(aliases, groups)


def known_units() -> KnownUnits:
    return _load(str(_reference_dir()))
