"""What every loader receives and returns."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from loaders.checks import Check
from loaders.documents import DocumentIndex
from loaders.source import RawText


@dataclass(frozen=True)
class Reference:
    """Facts not printed in the bulletins (data/reference/)."""

    towns: pd.DataFrame           # town_code, town_name, short_name, district, kind
    department_aliases: pd.DataFrame  # alias, unit
    directory: Path | None = None

    @classmethod
    def read(cls, reference_dir: Path) -> "Reference":
        towns = pd.read_csv(reference_dir / "towns.csv", dtype=str)
        aliases_path = reference_dir / "department_aliases.csv"
        aliases = (pd.read_csv(aliases_path, dtype=str) if aliases_path.exists()
                   else pd.DataFrame(columns=["alias", "unit"]))
        return cls(towns=towns, department_aliases=aliases, directory=reference_dir)

    def table(self, name: str) -> pd.DataFrame:
        """Any other reference CSV (e.g. campaign_fields); empty when the file is absent."""
        path = self.directory / f"{name}.csv" if self.directory else None
        return pd.read_csv(path, dtype=str) if path and path.exists() else pd.DataFrame()

    def town_full_name(self, name: str) -> str | None:
        """'曲堤' or '曲堤街道' -> '曲堤街道'; None if not a 济阳 town."""
        name = name.strip()
        hit = self.towns[(self.towns.town_name == name) | (self.towns.short_name == name)]
        return None if hit.empty else hit.town_name.iloc[0]


@dataclass(frozen=True)
class Context:
    corpus: dict[str, RawText]
    docs: DocumentIndex
    ref: Reference


@dataclass
class LoadResult:
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)
