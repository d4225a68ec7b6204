"""A snapshot of the figures the loaders extract from each document of data/raw
(tests/snapshots/documents.json), so that tests look figures up instead of copying them from a
bulletin into the test file.

    python -m tests.snapshots            # compare a fresh extraction with the snapshot
    python -m tests.snapshots --update   # rewrite the snapshot (review its diff before committing)

tests/snapshots/test_documents_snapshot.py fails when the extraction and the snapshot differ.
Per document: its title, bulletin, 文号 and [first, last] raw line, and for every table with a doc_id the rows' numbers,
dates, flags and short labels (free text longer than LABEL_MAX characters is left out).

Lookups for tests: doc_id("涉农资金") — the one document whose title holds a keyword;
doc_ids(bulletin) — a bulletin's documents in order; rows()/value() — figures of a table.

tests/snapshots/build.json holds what is per build: every data-quality check (severity, stated and
computed value), every table's row count and the sums of its key columns — check(), checks(),
row_count(), total().
"""
from __future__ import annotations

import functools
import json
import math
from decimal import Decimal
from pathlib import Path

PATH = Path(__file__).resolve().parent / "documents.json"
HEADER = ("bulletin", "title", "doc_no", "lines")  # per document, besides its tables
LABEL_MAX = 40
# Whole-text tables (search index, raw lines) and the data-quality report (prose) are not figures.
SKIPPED = {"documents", "search_passages", "data_quality"}


def _plain(value):
    """(json value, type name) of one cell; None for an empty cell or one left out."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None, None
    if isinstance(value, bool):
        return value, "bool"
    if isinstance(value, Decimal):
        return str(value), "decimal"
    if hasattr(value, "item") and not isinstance(value, (list, tuple, str)):  # numpy scalars
        return _plain(value.item())
    if isinstance(value, int):
        return value, "int"
    if isinstance(value, float):
        return value, "float"
    if hasattr(value, "isoformat"):
        return value.isoformat(), "date"
    if isinstance(value, str):
        return (value, "str") if len(value) <= LABEL_MAX else (None, None)
    return None, None


def extract(tables) -> dict:
    """The snapshot of collected tables ({name: DataFrame}, as loaders.build.collect returns)."""
    documents = tables["documents"].sort_values(["bulletin", "seq"])
    result = {}
    for doc in documents.itertuples():
        result[doc.doc_id] = {"bulletin": doc.bulletin, "title": doc.title,
                              "doc_no": None if doc.doc_no is None or doc.doc_no != doc.doc_no else doc.doc_no,
                              "lines": [int(doc.first_line), int(doc.last_line)], "tables": {}}
    for name in sorted(tables):
        frame = tables[name]
        if name in SKIPPED or "doc_id" not in frame.columns or frame.empty:
            continue
        for doc_id, part in frame.groupby("doc_id", sort=False):
            rows, types = [], {}
            for record in part.drop(columns=["doc_id"]).to_dict("records"):
                row = {}
                for column, cell in record.items():
                    value, kind = _plain(cell)
                    if kind:
                        row[column] = value
                        types[column] = kind
                rows.append(row)
            result[doc_id]["tables"][name] = {"types": dict(sorted(types.items())), "rows": rows}
    return result


def fresh() -> dict:
    from loaders.build import collect
    from tests.conftest import RAW, REFERENCE

    return extract(collect(RAW, REFERENCE)[0])


def dumps(snapshot: dict) -> str:
    """JSON with one row per line, so that a regenerated snapshot's diff shows the rows that changed."""
    def one(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    out = ["{"]
    for i, (doc, document) in enumerate(snapshot.items()):
        out.append(f" {one(doc)}: {{")
        out.extend(f"  {one(key)}: {one(document[key])}," for key in HEADER)
        out.append('  "tables": {')
        for j, (name, part) in enumerate(document["tables"].items()):
            out.append(f"   {one(name)}: {{")
            out.append(f'    "types": {one(part["types"])},')
            out.append('    "rows": [')
            out.extend(f"     {one(row)}" + ("," if k < len(part["rows"]) - 1 else "") for k, row in enumerate(part["rows"]))
            out.append("    ]")
            out.append("   }" + ("," if j < len(document["tables"]) - 1 else ""))
        out.append("  }")
        out.append(" }" + ("," if i < len(snapshot) - 1 else ""))
    out.append("}")
    return "\n".join(out) + "\n"


@functools.cache
def load() -> dict:
    return json.loads(PATH.read_text(encoding="utf-8"))


# ---- lookups ------------------------------------------------------------------------------

def doc_id(keyword: str, bulletin: str | None = None) -> str:
    """The id of the one document whose title contains keyword (optionally within one bulletin)."""
    hits = [d for d, doc in load().items() if keyword in doc["title"] and bulletin in (None, doc["bulletin"])]
    assert len(hits) == 1, f"documents titled with {keyword!r}: {hits}"
    return hits[0]


def lines(doc: str) -> tuple[int, int]:
    """The first and last raw line of a document."""
    first, last = load()[doc]["lines"]
    return first, last


def doc_ids(bulletin: str) -> list[str]:
    """A bulletin's documents in printed order."""
    return [d for d, doc in load().items() if doc["bulletin"] == bulletin]


def _typed(value, kind: str):
    if value is None:
        return None
    return Decimal(value) if kind == "decimal" else value


def rows(table: str, doc: str | None = None, **match) -> list[dict]:
    """Rows of a table (of one document, or of all), with Decimals restored, matching every key=value."""
    found = []
    for d, document in load().items():
        if doc not in (None, d) or table not in document["tables"]:
            continue
        part = document["tables"][table]
        for row in part["rows"]:
            typed = {column: _typed(value, part["types"][column]) for column, value in row.items()}
            if all(typed.get(key) == want for key, want in match.items()):
                found.append({"doc_id": d, **typed})
    return found


def value(table: str, column: str, doc: str | None = None, **match):
    """The column's value in the one row that matches."""
    hits = rows(table, doc, **match)
    assert len(hits) == 1, f"{table} rows matching {match}: {len(hits)}"
    return hits[0].get(column)


def count(table: str, doc: str | None = None, **match) -> int:
    """How many rows of a table (of one document, or of all) match."""
    return len(rows(table, doc, **match))


# ---- the build snapshot (tests/snapshots/build.json) ------------------------------------------
# Per build, not per document: every data-quality check (id -> severity, stated value, computed
# value) and every table's row count and key totals, so that a loader regression shows as a diff.

BUILD_PATH = Path(__file__).resolve().parent / "build.json"
TOTALED = ("_wan", "_yuan", "_persons", "_count")  # columns whose sum is a key total of a table


def extract_build(tables) -> dict:
    """The build snapshot of collected tables: data_quality checks, row counts, column totals."""
    checks = tables["data_quality"].sort_values("check_id")
    result: dict = {"data_quality": {}, "row_counts": {}, "totals": {}}
    for row in checks.itertuples():
        result["data_quality"][row.check_id] = [_plain(getattr(row, c))[0] for c in ("severity", "expected", "actual")]
    for name in sorted(tables):
        frame = tables[name]
        result["row_counts"][name] = len(frame)
        for column in sorted(c for c in frame.columns if c.endswith(TOTALED)):
            values = frame[column].dropna()
            total = sum((Decimal(str(v)) for v in values), Decimal(0))
            result["totals"][f"{name}.{column}"] = format(total.normalize(), "f") if total else "0"
    return result


def dumps_build(snapshot: dict) -> str:
    """JSON with one entry per line (a changed check or count is one changed line)."""
    def one(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    out = ["{"]
    sections = list(snapshot.items())
    for i, (section, entries) in enumerate(sections):
        out.append(f" {one(section)}: {{")
        items = list(entries.items())
        out.extend(f"  {one(k)}: {one(v)}" + ("," if j < len(items) - 1 else "") for j, (k, v) in enumerate(items))
        out.append(" }" + ("," if i < len(sections) - 1 else ""))
    out.append("}")
    return "\n".join(out) + "\n"


def fresh_build() -> dict:
    from loaders.build import collect
    from tests.conftest import RAW, REFERENCE

    return extract_build(collect(RAW, REFERENCE)[0])


@functools.cache
def load_build() -> dict:
    return json.loads(BUILD_PATH.read_text(encoding="utf-8"))


def check(check_id: str) -> dict:
    """The data-quality check as built: {"severity", "expected", "actual"}; check_id is the full id
    or the part after its document / bulletin scope (as tests.conftest.dq takes it)."""
    checks = load_build()["data_quality"]
    hits = [k for k in checks if k == check_id or k.endswith(":" + check_id)]
    assert len(hits) == 1, f"data_quality checks matching {check_id!r}: {hits}"
    return dict(zip(("severity", "expected", "actual"), checks[hits[0]]))


def checks(prefix: str) -> dict[str, dict]:
    """Every check whose id (after its scope) starts with prefix, by full id."""
    return {k: dict(zip(("severity", "expected", "actual"), v)) for k, v in load_build()["data_quality"].items()
            if k.split(":")[-1].startswith(prefix)}


def row_count(table: str) -> int:
    """How many rows the table has in the build."""
    return load_build()["row_counts"][table]


def total(table: str, column: str) -> Decimal:
    """The sum of a key column of a table in the build."""
    return Decimal(load_build()["totals"][f"{table}.{column}"])
