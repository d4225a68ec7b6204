"""Queries about people: the leading groups, task forces and joint meetings printed in the bulletins
in scope (rosters table).

A "group" is one printed list: a leading group, or one working subgroup of a task force
(group_name + subgroup). Names are compared exactly as normalised by the loader (layout
spaces removed): 刘斌 and 刘彬 stay two people. Every query takes the scope (`bulletins`: the
bulletin ids the page reads; None: every edition).
"""
from __future__ import annotations

import pandas as pd

from store.curated import Bulletins, scoped
from store.db import cacheable, query

# "济南市济阳区校园消防安全整治工作专班·综合协调组"
_GROUP_LABEL = "group_name || coalesce('·' || subgroup, '')"


def short_group(label: str) -> str:
    """Drop the 济南市/济阳区 prefix for charts: '校园消防安全整治工作专班·综合协调组'."""
    for prefix in ("济南市济阳区", "济阳区", "济南市"):
        if label.startswith(prefix):
            return label[len(prefix):]
    return label


@cacheable
def groups(bulletins: Bulletins = None) -> pd.DataFrame:
    """One row per printed roster, in the order of the bulletin."""
    where, params = scoped(bulletins)
    return query(f"""
        SELECT {_GROUP_LABEL} AS group_label, group_name, subgroup, doc_id,
               count(*) FILTER (WHERE seq_in_group IS NOT NULL) AS members,
               string_agg(person_name, '、' ORDER BY seq_in_group)
                   FILTER (WHERE role IN ('组长', '召集人')) AS leaders,
               any_value(office_at) FILTER (WHERE office_at IS NOT NULL) AS office_at,
               min(line) AS first_line, max(line) AS last_line
        FROM rosters WHERE {where} GROUP BY ALL ORDER BY doc_id, first_line""", params)


@cacheable
def members(group_label: str | None = None, bulletins: Bulletins = None) -> pd.DataFrame:
    """Roster rows; town_name is the town of the roster's district the post names ('仁风镇党委委员' -> 仁风镇), if any."""
    where, params = scoped(bulletins, "r.doc_id")
    sql = f"""SELECT {_GROUP_LABEL} AS group_label, r.*,
                     (SELECT min(t.town_name) FROM towns t JOIN documents d ON d.district = t.district
                      WHERE d.doc_id = r.doc_id AND contains(coalesce(r.position, ''), t.town_name)) AS town_name
              FROM rosters r WHERE {where}"""
    if group_label:
        return query(f"SELECT * FROM ({sql}) WHERE group_label = ? ORDER BY doc_id, line", params + [group_label])
    return query(sql + " ORDER BY r.doc_id, r.line", params)


@cacheable
def positions(person_names: tuple[str, ...], bulletins: Bulletins = None) -> dict[str, str]:
    """Every position printed for each of these people, in bulletin order, joined with '；'."""
    where, params = scoped(bulletins)
    frame = query(f"""SELECT person_name, string_agg(position, '；' ORDER BY first_line) AS positions
                      FROM (SELECT person_name, position, min(line) AS first_line FROM rosters
                            WHERE {where} AND list_contains(?, person_name) AND position IS NOT NULL GROUP BY ALL)
                      GROUP BY person_name""", params + [list(person_names)])
    return dict(zip(frame.person_name, frame.positions))


@cacheable
def people_on_several_groups(min_groups: int = 2, bulletins: Bulletins = None) -> pd.DataFrame:
    """People listed in at least `min_groups` rosters, with every position they are printed with."""
    where, params = scoped(bulletins)
    return query(f"""
        SELECT person_name,
               count(DISTINCT {_GROUP_LABEL}) AS group_count,
               string_agg(DISTINCT {_GROUP_LABEL}, '；' ORDER BY {_GROUP_LABEL}) AS groups,
               string_agg(DISTINCT role, '、') AS roles,
               string_agg(DISTINCT position, '；') AS positions,
               string_agg(DISTINCT person_name_raw, '、') AS raw_spellings,
               list(line ORDER BY line) AS lines,
               any_value(doc_id) AS doc_id
        FROM rosters WHERE {where} GROUP BY person_name HAVING count(DISTINCT {_GROUP_LABEL}) >= ?
        ORDER BY group_count DESC, min(line)""", params + [min_groups])


@cacheable
def membership_matrix(person_names: tuple[str, ...], bulletins: Bulletins = None) -> pd.DataFrame:
    """(person, group, role) rows for the given people, for a person × group chart."""
    where, params = scoped(bulletins)
    return query(f"""
        SELECT person_name, {_GROUP_LABEL} AS group_label, string_agg(DISTINCT role, '、') AS role,
               min(line) AS line, any_value(doc_id) AS doc_id
        FROM rosters WHERE {where} AND list_contains(?, person_name) GROUP BY ALL ORDER BY min(line)""",
                 params + [list(person_names)])


def similar_names(names: list[str]) -> pd.DataFrame:
    """Pairs of different names of equal length differing in one character (刘斌 / 刘彬).

    Shown to users so they can see the app did NOT merge them.
    """
    unique = sorted(set(names))
    rows = [(a, b) for i, a in enumerate(unique) for b in unique[i + 1:]
            if len(a) == len(b) and len(a) >= 2 and sum(x != y for x, y in zip(a, b)) == 1]
    return pd.DataFrame(rows, columns=["name_a", "name_b"])


@cacheable
def all_person_names(bulletins: Bulletins = None) -> list[str]:
    where, params = scoped(bulletins)
    return query(f"SELECT DISTINCT person_name FROM rosters WHERE {where} ORDER BY 1", params).person_name.tolist()


@cacheable
def person(name: str, bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins)
    return query(f"""SELECT {_GROUP_LABEL} AS group_label, * FROM rosters WHERE {where} AND person_name = ?
                     ORDER BY doc_id, line""", params + [name])


@cacheable
def town_members(town: str, bulletins: Bulletins = None) -> pd.DataFrame:
    """Group members whose post names the town ('仁风镇党委委员、副镇长') or belongs to it."""
    where, params = scoped(bulletins)
    return query(f"""
        SELECT {_GROUP_LABEL} AS group_label, * FROM rosters
        WHERE {where} AND (contains(coalesce(position, ''), ?) OR unit = ? OR office_at = ?)
        ORDER BY doc_id, line""", params + [town, town, town])
