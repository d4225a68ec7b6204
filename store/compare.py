"""Two editions of one district and kind side by side (issue 16 point 2): every SQL query of the
"历次变化" view.

Rows are matched across editions by what they are about — source, sector, town, village in its
town, person in their group, target subject — never by position. Two guards keep matches honest:
- documents: when an edition carries a table in several documents, rows pair only within documents
  of the same title once its digits are removed ("2020年度…方案" pairs with "2021年度…方案"); when
  each edition has the table in one document, those two documents pair whatever their titles;
- repeated keys (a source listed in several paragraphs, a village name printed twice in a town)
  pair by their order of appearance among rows of the same key (`nth`).

Every frame carries the doc_id and line of both editions (old_doc_id/old_line, new_doc_id/new_line)
so each compared figure can cite both. `direction` is one of up/down/same/added/removed (rosters:
changed instead of up/down; targets: see target_changes).
"""
from __future__ import annotations

import pandas as pd

from store import editions as ed
from store.db import cacheable, query

# Matching documents by title: digits (years, numbers) differ from one edition to the next.
_TITLE_KEY = "regexp_replace(d.title, '[0-9０-９]+', '', 'g')"


def kind_editions(frame: pd.DataFrame, district: str, kind: str) -> pd.DataFrame:
    """The editions of one district and kind, oldest first (frame: store.editions.editions())."""
    return ed._ordered(frame[(frame.district == district) & (frame.kind == kind)]).reset_index(drop=True)


def comparable_kinds(frame: pd.DataFrame, district: str) -> list[str]:
    """Kinds of which `district` has two or more editions, the gazette first."""
    counts = frame[frame.district == district].groupby("kind").size()
    kinds = counts[counts >= 2].index.tolist()
    return sorted(kinds, key=lambda k: (k != "gazette", k))


def default_pair(frame: pd.DataFrame, district: str, kind: str) -> tuple[str, str] | None:
    """(older, newer): the two latest editions of a district and kind, None when there are fewer."""
    ids = kind_editions(frame, district, kind).bulletin_id.tolist()
    return (ids[-2], ids[-1]) if len(ids) >= 2 else None


def valid_pair(frame: pd.DataFrame, older: str | None, newer: str | None) -> bool:
    """Two different loaded editions of the same district and kind (a pasted link may hold anything)."""
    rows = frame[frame.bulletin_id.isin([older, newer])]
    return older != newer and len(rows) == 2 and rows.district.nunique() == 1 and rows.kind.nunique() == 1


def _side_by_side(table: str, keys: list[str], value: str | None, old: str, new: str,
                  where: str = "TRUE", extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """Full outer join of `table`'s rows in edition `old` and edition `new` on document title and `keys`.

    `keys` and `extra` are SQL expressions over alias t, each given a name with AS; `value` (a numeric
    expression, or None for presence only) becomes old_value/new_value/difference."""
    names = [k.rsplit(" AS ", 1)[1] for k in keys]
    extra_names = [k.rsplit(" AS ", 1)[1] for k in extra]
    value_sql = f"{value} AS value" if value else "NULL::INTEGER AS value"
    selected = ", ".join([*keys, value_sql, *extra])
    on = " AND ".join(["o.doc_key = n.doc_key", "o.nth = n.nth"] + [f"o.{k} IS NOT DISTINCT FROM n.{k}" for k in names])
    sql = f"""
        WITH r AS (SELECT d.bulletin, t.doc_id, t.line, {_TITLE_KEY} AS title_key, {selected}
                   FROM {table} t JOIN documents d USING (doc_id)
                   WHERE d.bulletin IN (?, ?) AND ({where})),
             per AS (SELECT bulletin, count(DISTINCT doc_id) AS docs FROM r GROUP BY bulletin),
             k AS (SELECT r.*, CASE WHEN (SELECT max(docs) FROM per) = 1 THEN '' ELSE title_key END AS doc_key
                   FROM r),
             e AS (SELECT k.*, row_number() OVER (PARTITION BY bulletin, doc_key, {', '.join(names)}
                                                 ORDER BY line, doc_id) AS nth FROM k),
             o AS (SELECT * FROM e WHERE bulletin = ?),
             n AS (SELECT * FROM e WHERE bulletin = ?)
        SELECT {', '.join(f'coalesce(n.{k}, o.{k}) AS {k}' for k in names)},
               o.value AS old_value, n.value AS new_value, n.value - o.value AS difference,
               CASE WHEN o.doc_id IS NULL THEN 'added' WHEN n.doc_id IS NULL THEN 'removed'
                    WHEN n.value > o.value THEN 'up' WHEN n.value < o.value THEN 'down' ELSE 'same' END AS direction,
               {''.join(f'o.{x} AS old_{x}, n.{x} AS new_{x}, ' for x in extra_names)}
               o.doc_id AS old_doc_id, o.line AS old_line, n.doc_id AS new_doc_id, n.line AS new_line,
               coalesce(n.nth, o.nth) AS nth
        FROM o FULL JOIN n ON {on}
        ORDER BY coalesce(n.line, o.line), coalesce(n.doc_id, o.doc_id), coalesce(n.value, o.value) DESC, nth"""
    return query(sql, [old, new, old, new])


# ---- amounts ------------------------------------------------------------------------------

@cacheable
def fund_sources(old: str, new: str) -> pd.DataFrame:
    """Integrated funds by source (中央/省级/市级/区级/其他资金), 万元."""
    return _side_by_side("fund_by_source", ["t.source_name AS source_name"], "t.amount_wan", old, new)


@cacheable
def fund_sectors(old: str, new: str) -> pd.DataFrame:
    """Integrated funds by sector (产业振兴 …), 万元."""
    return _side_by_side("fund_by_sector", ["t.sector_name AS sector_name"], "t.amount_wan", old, new)


@cacheable
def fund_totals(old: str, new: str) -> pd.DataFrame:
    """The totals each plan prints (derived, unprinted figures left out)."""
    return _side_by_side("fund_totals", ["t.measure AS measure", "t.unit AS unit"], "t.value", old, new,
                         where="NOT t.derived")


@cacheable
def fund_allocations(old: str, new: str) -> pd.DataFrame:
    """Every listing of funds by source in any document (a source listed in several paragraphs pairs
    by its order among listings of that source: nth)."""
    return _side_by_side("fund_allocations", ["t.source_name AS source_name"], "t.amount_wan", old, new)


# ---- per town -----------------------------------------------------------------------------

@cacheable
def quotas(old: str, new: str) -> pd.DataFrame:
    """医保 enrolment quota per town (persons)."""
    return _side_by_side("insurance_quota", ["t.town_name AS town_name"], "t.quota_persons", old, new)


@cacheable
def town_tables(old: str, new: str) -> pd.DataFrame:
    """Every generic per-town table, matched by its header without digits ("2021年…任务数" pairs with
    "2022年…任务数") and the town."""
    return _side_by_side("town_values", ["regexp_replace(t.header, '[0-9０-９]+', '', 'g') AS table_key",
                                         "t.town_name AS town_name"], "t.value", old, new,
                         extra=("t.header AS header", "t.unit AS unit"))


@cacheable
def road_towns(old: str, new: str) -> pd.DataFrame:
    """Villages listed per town in the road plan (count of listed villages)."""
    return _side_by_side("road_towns", ["t.town_name AS town_name"], "t.listed_count", old, new)


@cacheable
def villages(old: str, new: str) -> pd.DataFrame:
    """Road-plan villages keyed by (town, village): added, removed or same."""
    return _side_by_side("road_villages", ["t.town_name AS town_name", "t.village_name AS village_name"], None,
                         old, new)


# ---- people and targets --------------------------------------------------------------------

def _differs(old: pd.Series, new: pd.Series) -> pd.Series:
    """Element-wise "not the same value", two missing values being the same."""
    same = (old == new).fillna(False).astype(bool) | (old.isna() & new.isna())
    return ~same


@cacheable
def rosters(old: str, new: str) -> pd.DataFrame:
    """Members of every leading group keyed by (group, subgroup, person): added, removed, changed
    (role or position differs) or same."""
    frame = _side_by_side("rosters", ["t.group_name AS group_name", "coalesce(t.subgroup, '') AS subgroup",
                                      "t.person_name AS person_name"], None, old, new,
                          extra=("t.role AS role", "t.position AS position"))
    changed = (frame.direction == "same") & (_differs(frame.old_role, frame.new_role)
                                              | _differs(frame.old_position, frame.new_position))
    return frame.assign(direction=frame.direction.mask(changed, "changed"))


@cacheable
def target_changes(old: str, new: str) -> pd.DataFrame:
    """Commitments keyed by subject (and unit). direction:
    met      — a commitment of the old edition that the new one reports as reached (statement
               'reported', value at or past the committed one);
    moved    — committed in both, with another deadline, value or comparator;
    dropped  — committed in the old edition only;
    added    — committed in the new edition only;
    same     — unchanged."""
    frame = _side_by_side("targets", ["t.subject AS subject", "coalesce(t.unit, '') AS unit"], "t.value", old, new,
                          extra=("t.deadline AS deadline", "t.deadline_text AS deadline_text",
                                 "t.comparator AS comparator", "t.statement AS statement", "t.quote AS quote"))
    old_committed = frame.old_statement.eq("commitment")
    reported = frame.new_statement.eq("reported")
    # an upper bound (<, <=: "不超过 5 起") is met from below, any other commitment from above
    below = frame.old_comparator.fillna("").str.contains("[<≤]")
    reached = ((frame.new_value <= frame.old_value).where(below, frame.new_value >= frame.old_value)
               .fillna(False).astype(bool))
    met = old_committed & reported & (reached | frame.old_value.isna())
    moved = (frame.direction.isin(["up", "down", "same"]) & ~met
             & (_differs(frame.old_value, frame.new_value) | _differs(frame.old_deadline, frame.new_deadline)
                | _differs(frame.old_comparator, frame.new_comparator)))
    status = frame.direction.replace({"removed": "dropped", "up": "same", "down": "same"})
    status = status.mask(moved, "moved").mask(met, "met")
    return frame.assign(direction=status)


# ---- over all editions ----------------------------------------------------------------------

@cacheable
def fund_sources_over_editions(bulletin_ids: tuple[str, ...]) -> pd.DataFrame:
    """Fund by source in each of the given editions (one row per edition and source), for the chart."""
    return query("""SELECT d.bulletin, s.source_name, sum(s.amount_wan) AS amount_wan,
                           min(s.doc_id) AS doc_id, min(s.line) AS line
                    FROM fund_by_source s JOIN documents d USING (doc_id)
                    WHERE list_contains(?, d.bulletin) GROUP BY ALL ORDER BY d.bulletin, s.source_name""",
                 [list(bulletin_ids)])
