"""What every loader receives and returns, and how extractors run on each document."""
from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from loaders.checks import Check
from loaders.documents import Document, DocumentIndex
from loaders.errors import BuildError
from loaders.places import Places
from loaders.source import RawText
from textkit.msg import Msg

TOWN_COLUMNS = ["town_code", "town_name", "short_name", "district", "kind"]


@dataclass(frozen=True)
class Reference:
    """Facts not printed in the bulletins (data/reference/), scoped to one district by for_district()."""

    towns: pd.DataFrame           # town_code, town_name, short_name, district, kind
    department_aliases: pd.DataFrame  # alias, unit
    directory: Path | None = None
    all_towns: pd.DataFrame | None = None   # every district's towns (towns is one district's)
    places: Places | None = None            # the division-code list (data/reference/divisions_*.csv)

    @classmethod
    def read(cls, reference_dir: Path) -> Reference:
        towns = pd.read_csv(reference_dir / "towns.csv", dtype=str)
        aliases_path = reference_dir / "department_aliases.csv"
        aliases = (pd.read_csv(aliases_path, dtype=str) if aliases_path.exists()
                   else pd.DataFrame(columns=["alias", "unit"]))
        places = Places.read(reference_dir) if any(reference_dir.glob("divisions_*.csv")) else None
        return cls(towns=towns, department_aliases=aliases, directory=reference_dir, all_towns=towns, places=places)

    def for_district(self, district: str) -> Reference:
        """The same reference with `towns` narrowed to one district (a district not in the list has none)."""
        every = self.all_towns if self.all_towns is not None else self.towns
        return dataclasses.replace(self, towns=every[every.district == district].reset_index(drop=True))

    def table(self, name: str) -> pd.DataFrame:
        """Any other reference CSV (e.g. campaign_fields); empty when the file is absent."""
        path = self.directory / f"{name}.csv" if self.directory else None
        return pd.read_csv(path, dtype=str) if path and path.exists() else pd.DataFrame()

    @functools.cached_property
    def _full_names(self) -> dict[str, str]:
        """Short and full name -> full name, for this district (built once: loaders ask per cell)."""
        names: dict[str, str] = {}
        for full, short in zip(self.towns.town_name, self.towns.short_name):
            names.setdefault(full, full)
            if isinstance(short, str) and short:
                names.setdefault(short, full)
        return names

    def town_full_name(self, name: str) -> str | None:
        """'曲堤' or '曲堤街道' -> '曲堤街道'; None if not a town of this district."""
        return self._full_names.get(name.strip())


@dataclass(frozen=True)
class Context:
    """One bulletin (edition) being built: its text, its documents and the reference of its district."""

    raw: RawText
    docs: DocumentIndex
    ref: Reference

    @property
    def corpus(self) -> dict[str, RawText]:
        return {self.raw.bulletin_id: self.raw}

    @property
    def bulletin_id(self) -> str:
        return self.raw.bulletin_id


@dataclass
class LoadResult:
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)

    def extend(self, other: LoadResult) -> None:
        for name, frame in other.tables.items():
            if frame is None:
                continue
            mine = self.tables.get(name)
            self.tables[name] = frame if mine is None or mine.empty else (
                mine if frame.empty else pd.concat([mine, frame], ignore_index=True))
        self.checks.extend(other.checks)


def scoped(check: Check, scope: str) -> Check:
    """The check with its id made unique in the corpus: prefixed by its document (or bulletin) id."""
    if scope in check.check_id:      # already names its document (rosters.<doc_id>.r1.leader)
        return check
    return dataclasses.replace(check, check_id=f"{scope}:{check.check_id}")


def failure_check(scope: str, what: str, exc: BaseException, doc: Document | None) -> Check:
    """An extractor that tripped over a document: one data_quality error row, never a failed build."""
    line = exc.line if isinstance(exc, BuildError) else None
    detail = exc.message if isinstance(exc, BuildError) else f"{type(exc).__name__}: {exc}"
    message = (Msg("解析（{title}）时出错：{detail}。该文件仍在文件库和检索中；请检查原文该处的格式。",
                   title=doc.title, detail=detail) if doc else
               Msg("解析时出错：{detail}。该文件仍在文件库和检索中；请检查原文该处的格式。", detail=detail))
    return Check(f"{scope}:{what}.failed", Msg("{what} 解析失败", what=what), "error", "", "", message,
                 doc.doc_id if doc else None, line or (doc.first_line if doc else None))


def none_found(ctx: Context, what: str, label: str) -> Check:
    return Check(f"{ctx.bulletin_id}:{what}.none", Msg("{label}：本公报中未识别到", label=Msg(label)), "info", "", "0",
                 Msg("{title}中没有识别到{label}（这不是错误：并非每期公报都有）。", title=ctx.raw.title, label=Msg(label)),
                 None, None)


def each_document(ctx: Context, what: str, label: str, recognise: Callable[[RawText, Document], bool],
                  extract: Callable[[Context, Document], LoadResult]) -> LoadResult:
    """Run `extract` on every document `recognise` accepts (0..n per edition), each in isolation:
    a document that fails becomes an error row in data_quality and the others go on."""
    result = LoadResult()
    found = 0
    for doc in ctx.docs.documents:
        try:
            if not recognise(ctx.raw, doc):
                continue
        except Exception as exc:  # noqa: BLE001 - a recogniser must not stop the build either; recorded, not hidden
            result.checks.append(failure_check(doc.doc_id, what, exc, doc))
            continue
        found += 1
        try:
            part = extract(ctx, doc)
        except Exception as exc:  # noqa: BLE001 - any failure of one document is recorded, not raised
            result.checks.append(failure_check(doc.doc_id, what, exc, doc))
            continue
        part.checks = [scoped(c, doc.doc_id) for c in part.checks]
        result.extend(part)
    if not found:
        result.checks.append(none_found(ctx, what, label))
    return result
