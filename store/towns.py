"""Queries for the town profiles (镇街画像): everything the bulletins in scope say about one town.

Towns are matched by their full name (曲堤街道), never by the short name alone: '济阳'
is also the district's name. Every query takes the scope (`bulletins`: the bulletin ids the page
reads; None: every edition).
"""
from __future__ import annotations

import pandas as pd

from store.curated import TOWNS_IN_SCOPE, Bulletins, scoped
from store.db import cacheable, query


@cacheable
def town_names(district: str | None = None) -> list[str]:
    """Towns of the loaded districts (of one district when given), in code order."""
    return query(f"SELECT town_name FROM {TOWNS_IN_SCOPE} WHERE ? IS NULL OR district = ? ORDER BY town_code",
                 [district, district]).town_name.tolist()


@cacheable
def town(name: str) -> dict | None:
    frame = query("SELECT * FROM towns WHERE town_name = ?", [name])
    return None if frame.empty else frame.iloc[0].to_dict()


@cacheable
def district_towns(name: str | None = None, bulletins: Bulletins = None) -> list[str]:
    """The towns of `name`'s district (the first six digits of the division code); when `name` is None
    or unknown, of the first district that has town-level data (a road or quota table), in code order."""
    where, params = scoped(bulletins)
    return query(f"""WITH s AS {TOWNS_IN_SCOPE},
                          with_data AS (SELECT town_code FROM s WHERE town_name IN
                                        (SELECT town_name FROM road_towns WHERE {where}
                                         UNION SELECT town_name FROM insurance_quota WHERE {where}))
                     SELECT town_name FROM s
                     WHERE left(town_code, 6) = coalesce((SELECT left(town_code, 6) FROM s WHERE town_name = ?),
                                                         (SELECT left(min(town_code), 6) FROM with_data),
                                                         (SELECT left(min(town_code), 6) FROM s))
                     ORDER BY town_code""", params + params + [name]).town_name.tolist()


@cacheable
def overview(name: str | None = None, bulletins: Bulletins = None) -> pd.DataFrame:
    """One row per town of `name`'s district (see district_towns): how much each dataset says about it
    (the comparison table)."""
    names = district_towns(name, bulletins)
    where, scope = scoped(bulletins)
    if not names:
        return query("SELECT town_code, town_name, kind FROM towns WHERE false")
    # Rosters and checks name a town inside free text: one contains() scan per town is fast, a join
    # towns × rows on contains() is a nested loop (seconds at 1000 editions).
    per_town_members = " UNION ALL ".join(
        [(f"SELECT ? AS town_name, count(DISTINCT person_name) AS members FROM rosters "
          f"WHERE {where} AND (contains(position, ?) OR unit = ?)")] * len(names))
    per_town_checks = " UNION ALL ".join(
        [("SELECT ? AS town_name, count(*) AS notes, count(*) FILTER (WHERE severity IN ('warn', 'error')) AS warnings "
          f"FROM data_quality WHERE {where} AND (contains(subject, ?) OR contains(message, ?))")] * len(names))
    params = ([names] + [v for _ in range(4) for v in (*scope, names)]
              + [v for n in names for v in (n, *scope, n, n)] * 2)
    return query(f"""
        -- road and quota rows are aggregated per town before the join: a town name recurs in every
        -- edition of its district, and joining the raw rows would multiply them (rows grow as N²).
        WITH t AS (SELECT * FROM {TOWNS_IN_SCOPE} WHERE list_contains(?, town_name)),
             q AS (SELECT town_name, quota_persons,
                          100.0 * quota_persons / sum(quota_persons) OVER () AS quota_share_pct
                   FROM (SELECT town_name, sum(quota_persons)::INTEGER AS quota_persons FROM insurance_quota
                         WHERE {where} AND list_contains(?, town_name) GROUP BY ALL)),
             r AS (SELECT town_name, sum(listed_count)::INTEGER AS listed_count, sum(stated_count)::INTEGER AS stated_count
                   FROM road_towns WHERE {where} AND list_contains(?, town_name) GROUP BY ALL),
             p AS (SELECT town_name, count(*) AS projects FROM fund_projects
                   WHERE {where} AND list_contains(?, town_name) GROUP BY ALL),
             h AS (SELECT town_name, count(*) AS heritage FROM heritage_items
                   WHERE {where} AND list_contains(?, town_name) GROUP BY ALL),
             m AS ({per_town_members}),
             d AS ({per_town_checks})
        SELECT t.town_code, t.town_name, t.kind,
               coalesce(r.listed_count, 0) AS road_villages, r.stated_count AS road_villages_stated,
               q.quota_persons, round(q.quota_share_pct, 2) AS quota_share_pct,
               coalesce(p.projects, 0) AS projects, coalesce(h.heritage, 0) AS heritage,
               coalesce(m.members, 0) AS members,
               coalesce(d.notes, 0) AS checks, coalesce(d.warnings, 0) AS warnings
        FROM t
        LEFT JOIN r USING (town_name) LEFT JOIN q USING (town_name)
        LEFT JOIN p USING (town_name) LEFT JOIN h USING (town_name)
        LEFT JOIN m USING (town_name) LEFT JOIN d USING (town_name)
        ORDER BY t.town_code""", params)


@cacheable
def road_summary(name: str, bulletins: Bulletins = None) -> pd.DataFrame:
    """The town's row of the road table (empty when the list does not cover it)."""
    where, params = scoped(bulletins)
    return query(f"SELECT * FROM road_towns WHERE {where} AND town_name = ?", params + [name])


@cacheable
def road_villages(name: str, bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins)
    return query(f"SELECT * FROM road_villages WHERE {where} AND town_name = ? ORDER BY seq_in_town, doc_id",
                 params + [name])


@cacheable
def road_coverage(bulletins: Bulletins = None) -> pd.DataFrame:
    """Which towns the road list covers (covered true/false) — for 'x of 10 towns'."""
    where, params = scoped(bulletins, "r.doc_id")
    return query(f"""WITH r AS (SELECT DISTINCT r.town_name, d.district FROM road_towns r JOIN documents d USING (doc_id)
                                WHERE {where})
                     SELECT t.town_name, t.town_name IN (SELECT town_name FROM r) AS covered
                     FROM {TOWNS_IN_SCOPE} t WHERE t.district IN (SELECT district FROM r)
                     ORDER BY t.town_code""", params)


@cacheable
def insurance(name: str, bulletins: Bulletins = None) -> pd.DataFrame:
    """The town's quota with its share of the district and its rank (1 = largest)."""
    where, params = scoped(bulletins, "q.doc_id")
    return query(f"""
        SELECT * FROM (
            SELECT q.*, 100.0 * q.quota_persons / sum(q.quota_persons) OVER w AS share_pct,
                   rank() OVER (PARTITION BY q.doc_id ORDER BY q.quota_persons DESC) AS quota_rank,
                   count(*) OVER w AS towns_with_quota,
                   sum(q.quota_persons) OVER w AS district_total
            FROM insurance_quota q WHERE {where} WINDOW w AS (PARTITION BY q.doc_id))
        WHERE town_name = ? ORDER BY doc_id""", params + [name])


@cacheable
def insurance_contacts(name: str, bulletins: Bulletins = None) -> pd.DataFrame:
    """Phone numbers of the town's own offices (medical-insurance office, tax office)."""
    where, params = scoped(bulletins)
    return query(f"SELECT * FROM insurance_contacts WHERE {where} AND town_name = ? ORDER BY kind, line, doc_id",
                 params + [name])


@cacheable
def district_contacts(bulletins: Bulletins = None) -> pd.DataFrame:
    """Numbers that serve every town (区医疗保障局, hotlines)."""
    where, params = scoped(bulletins)
    return query(f"SELECT * FROM insurance_contacts WHERE {where} AND town_name IS NULL ORDER BY kind, line, doc_id",
                 params)


@cacheable
def projects(name: str, bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins)
    return query(f"SELECT * FROM fund_projects WHERE {where} AND town_name = ? ORDER BY project_no, doc_id",
                 params + [name])


@cacheable
def district_wide_projects(bulletins: Bulletins = None) -> pd.DataFrame:
    """Key projects run in every town (town_name empty): they concern each town too."""
    where, params = scoped(bulletins)
    return query(f"SELECT * FROM fund_projects WHERE {where} AND town_name IS NULL ORDER BY project_no, doc_id", params)


@cacheable
def heritage(name: str, bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins)
    return query(f"SELECT * FROM heritage_items WHERE {where} AND town_name = ? ORDER BY seq, doc_id", params + [name])


@cacheable
def quality_notes(name: str, bulletins: Bulletins = None) -> pd.DataFrame:
    """data_quality rows whose subject or message names the town (warnings first)."""
    where, params = scoped(bulletins)
    return query(f"""
        SELECT * FROM data_quality WHERE {where} AND (contains(subject, ?) OR contains(message, ?))
        ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warn' THEN 1 ELSE 2 END, doc_id, line""",
                 params + [name, name])


@cacheable
def road_rows(bulletins: Bulletins = None) -> pd.DataFrame:
    """The road table's per-town rows (for citing the comparison chart)."""
    where, params = scoped(bulletins)
    return query(f"SELECT town_name, listed_count, doc_id, line FROM road_towns WHERE {where} ORDER BY doc_id, line",
                 params)


@cacheable
def quota_rows(bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins)
    return query(f"""SELECT town_name, quota_persons, year, doc_id, line FROM insurance_quota WHERE {where}
                     ORDER BY doc_id, line""", params)


@cacheable
def targets(name: str, bulletins: Bulletins = None) -> pd.DataFrame:
    """Numeric commitments whose subject or sentence names the town."""
    where, params = scoped(bulletins, "t.doc_id")
    return query(f"""SELECT t.*, d.title AS doc_title FROM targets t LEFT JOIN documents d USING (doc_id)
                     WHERE {where} AND (contains(t.subject, ?) OR contains(t.quote, ?))
                     ORDER BY t.deadline NULLS LAST, t.doc_id, t.line""", params + [name, name])


@cacheable
def project_count(name: str | None, bulletins: Bulletins = None) -> dict[str, int]:
    """The one count of key projects every page gives for a town: those located in the town ('own')
    plus those run in every town ('wide', town_name empty), 'total' = own + wide. For the district
    (name None) 'own' is every project with a town named and 'wide' the rest."""
    where, params = scoped(bulletins)
    row = query(f"""SELECT count(*) FILTER (WHERE town_name IS NOT NULL AND (? IS NULL OR town_name = ?)) AS own,
                           count(*) FILTER (WHERE town_name IS NULL) AS wide
                    FROM fund_projects WHERE {where}""", [name, name] + params).iloc[0]
    return {"own": int(row.own), "wide": int(row.wide), "total": int(row.own) + int(row.wide)}
