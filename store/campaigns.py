"""Queries for the campaign explorer and the cross-bulletin commitments ledger.

Departments are compared by their canonical name (campaign_task_units.unit); the raw
spellings printed in the plans (unit_raw) travel along so users see both. Every query that serves
the page takes the scope (`bulletins`: the bulletin ids the page reads; None: every edition).
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from store.curated import Bulletins, scoped
from store.db import cacheable, query

ROLES = ("牵头", "责任", "配合")
# Collective or unnamed units ("各镇街", "相关部门", "区安委会各成员单位"): they are real
# assignments but not one department, so the workload chart can leave them out.
GENERIC_UNIT_SQL = "(unit LIKE '各%' OR unit LIKE '%各%' OR unit LIKE '相关%' OR unit LIKE '其他%' OR unit LIKE '%有关%')"


@cacheable
def table_exists(name: str) -> bool:
    return not query("SELECT 1 FROM information_schema.tables WHERE table_name = ?", [name]).empty


@cacheable
def row_count(name: str) -> int:
    """Rows in a curated table (0 when it is missing or the loader has not filled it yet)."""
    if not table_exists(name):
        return 0
    return int(query(f'SELECT count(*) AS n FROM "{name}"').n.iloc[0])  # name: our own constant


def _columns(name: str) -> set[str]:
    return set(query("SELECT column_name FROM information_schema.columns WHERE table_name = ?", [name]).column_name)


# ---- plans and phases --------------------------------------------------------

@cacheable
def plans(bulletins: Bulletins = None) -> pd.DataFrame:
    """The plans with their fields and how much each contains."""
    where, params = scoped(bulletins, "c.doc_id")
    return query(f"""
        WITH t AS (SELECT doc_id, plan_no, count(*) AS tasks FROM campaign_tasks GROUP BY ALL),
             u AS (SELECT doc_id, plan_no, count(DISTINCT unit) AS units FROM campaign_task_units GROUP BY ALL),
             p AS (SELECT doc_id, plan_no, count(*) AS phases, min(start_date) AS first_start,
                          max(end_date) AS last_end
                   FROM campaign_phases GROUP BY ALL),
             g AS (SELECT doc_id, plan_no, count(*) AS targets FROM targets WHERE plan_no IS NOT NULL GROUP BY ALL)
        -- counted per plan document: plan_no alone repeats in every compendium
        SELECT c.*, coalesce(t.tasks, 0) AS tasks, coalesce(u.units, 0) AS units,
               coalesce(p.phases, 0) AS phases, p.first_start, p.last_end, coalesce(g.targets, 0) AS targets
        FROM campaign_plans c LEFT JOIN t USING (doc_id, plan_no) LEFT JOIN u USING (doc_id, plan_no)
        LEFT JOIN p USING (doc_id, plan_no) LEFT JOIN g USING (doc_id, plan_no)
        WHERE {where}
        ORDER BY c.plan_no, c.doc_id""", params)


@cacheable
def phases(plan_no: int | None = None, bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins, "p.doc_id")
    sql = f"""SELECT p.*, c.field, c.title AS plan_title
              FROM campaign_phases p JOIN campaign_plans c USING (doc_id, plan_no) WHERE {where}"""
    if plan_no is not None:
        return query(sql + " AND p.plan_no = ? ORDER BY p.doc_id, p.seq", params + [plan_no])
    return query(sql + " ORDER BY p.plan_no, p.doc_id, p.seq", params)


# ---- tasks and departments ---------------------------------------------------

def _task_filter(plan_nos: tuple[int, ...], unit: str | None, roles: tuple[str, ...],
                 bulletins: Bulletins = None) -> tuple[str, list]:
    where, params = scoped(bulletins, "t.doc_id")
    if plan_nos:
        where, params = where + " AND list_contains(?, t.plan_no)", params + [list(plan_nos)]
    if unit:
        where += """ AND EXISTS (SELECT 1 FROM campaign_task_units m
                                 WHERE m.doc_id = t.doc_id AND m.plan_no = t.plan_no AND m.task_id = t.task_id
                                   AND m.unit = ? AND list_contains(?, m.role))"""
        params += [unit, list(roles)]
    return where, params


@cacheable
def tasks(plan_nos: tuple[int, ...] = (), unit: str | None = None,
          roles: tuple[str, ...] = ROLES, limit: int | None = None, offset: int = 0,
          bulletins: Bulletins = None) -> pd.DataFrame:
    """Tasks, optionally of some plans and/or involving one unit in one of `roles`; `limit`/`offset`
    give one page of them (count: task_count).

    With a unit, the columns unit_roles (its roles in the task) and unit_spellings (how the
    plan printed it) are added.
    """
    where, params = _task_filter(plan_nos, unit, roles, bulletins)
    page = ""
    if limit is not None:
        page, params = " LIMIT ? OFFSET ?", params + [int(limit), int(offset)]
    mine = ""
    if unit:
        mine = """JOIN (SELECT doc_id, plan_no, task_id, string_agg(DISTINCT role, '、' ORDER BY role) AS unit_roles,
                               string_agg(DISTINCT unit_raw, '、' ORDER BY unit_raw) AS unit_spellings
                        FROM campaign_task_units SEMI JOIN t USING (doc_id, plan_no, task_id)
                        WHERE unit = ? AND list_contains(?, role) GROUP BY ALL) m USING (doc_id, plan_no, task_id)"""
        params += [unit, list(roles)]
    # The page of tasks is chosen first and units are aggregated for those tasks only. Join keys carry
    # doc_id (the plan's document): plan_no and task_id repeat in every compendium.
    return query(f"""
        WITH t AS (SELECT t.*, c.field FROM campaign_tasks t JOIN campaign_plans c USING (doc_id, plan_no)
                   WHERE {where} ORDER BY t.plan_no, t.doc_id, t.seq{page}),
             units AS (
                SELECT doc_id, plan_no, task_id,
                       string_agg(unit, '、' ORDER BY seq) FILTER (WHERE role = '牵头') AS lead_units,
                       string_agg(unit, '、' ORDER BY seq) FILTER (WHERE role = '责任') AS responsible_units,
                       string_agg(unit, '、' ORDER BY seq) FILTER (WHERE role = '配合') AS cooperating_units,
                       string_agg(DISTINCT unit_raw || '→' || unit, '；' ORDER BY unit_raw || '→' || unit)
                           FILTER (WHERE unit_raw <> unit) AS spellings
                FROM campaign_task_units SEMI JOIN t USING (doc_id, plan_no, task_id) GROUP BY ALL)
        SELECT t.plan_no, t.field, t.task_id, t.parent_id, t.level, t.seq, t.number, t.title,
               t.deadline_text, t.deadline, t.targets_text, t.text, t.doc_id, t.line,
               u.lead_units, u.responsible_units, u.cooperating_units, u.spellings
               {", m.unit_roles, m.unit_spellings" if unit else ""}
        FROM t LEFT JOIN units u USING (doc_id, plan_no, task_id) {mine}
        ORDER BY t.plan_no, t.doc_id, t.seq""", params)


@cacheable
def task_count(plan_nos: tuple[int, ...] = (), unit: str | None = None, roles: tuple[str, ...] = ROLES,
               bulletins: Bulletins = None) -> int:
    where, params = _task_filter(plan_nos, unit, roles, bulletins)
    return int(query(f"""SELECT count(*) AS n FROM campaign_tasks t JOIN campaign_plans c USING (doc_id, plan_no)
                         WHERE {where}""", params).n.iloc[0])


@cacheable
def workload(include_generic: bool = False, bulletins: Bulletins = None) -> pd.DataFrame:
    """Per canonical unit: distinct tasks it leads / is responsible for / cooperates on."""
    where, params = scoped(bulletins)
    where = f"WHERE {where}" + ("" if include_generic else f" AND NOT {GENERIC_UNIT_SQL}")
    # one row per (unit, task) first: four count(DISTINCT struct) over every row cost 130 ms at N = 1000
    return query(f"""
        WITH unit_rows AS (SELECT * FROM campaign_task_units {where}),
             per_task AS (SELECT unit, doc_id, plan_no, task_id, bool_or(role = '牵头') AS lead,
                                 bool_or(role = '责任') AS responsible, bool_or(role = '配合') AS cooperating
                          FROM unit_rows GROUP BY ALL),
             spellings AS (SELECT unit, string_agg(DISTINCT unit_raw, '、' ORDER BY unit_raw) AS spellings
                           FROM unit_rows GROUP BY unit)
        SELECT unit,
               count(*) FILTER (WHERE lead) AS lead,
               count(*) FILTER (WHERE responsible) AS responsible,
               count(*) FILTER (WHERE cooperating) AS cooperating,
               count(*) AS tasks,
               count(DISTINCT (doc_id, plan_no)) AS plans,
               any_value(spellings) AS spellings,
               min(doc_id) AS doc_id
        FROM per_task JOIN spellings USING (unit)
        GROUP BY unit ORDER BY tasks DESC, lead DESC, unit""", params)


@cacheable
def task_unit_sources(bulletins: Bulletins = None) -> pd.DataFrame:
    """Where each unit attribution is printed (doc_id, line), for citing the workload chart."""
    where, params = scoped(bulletins)
    return query(f"""SELECT doc_id, line FROM campaign_task_units WHERE {where} AND line IS NOT NULL
                     GROUP BY ALL ORDER BY doc_id, line""", params)


@cacheable
def generic_units(bulletins: Bulletins = None) -> pd.DataFrame:
    where, params = scoped(bulletins)
    return query(f"""SELECT unit, count(DISTINCT (doc_id, plan_no, task_id)) AS tasks FROM campaign_task_units
                     WHERE {where} AND {GENERIC_UNIT_SQL} GROUP BY unit ORDER BY tasks DESC""", params)


@cacheable
def unit_names(bulletins: Bulletins = None) -> list[str]:
    """Canonical units named in tasks, most tasks first."""
    where, params = scoped(bulletins)
    return query(f"""SELECT unit FROM campaign_task_units WHERE {where} GROUP BY unit
                     ORDER BY count(DISTINCT (doc_id, plan_no, task_id)) DESC, unit""", params).unit.tolist()


@cacheable
def unit_spellings(unit: str, bulletins: Bulletins = None) -> pd.DataFrame:
    """How the plans printed one canonical unit, with counts."""
    where, params = scoped(bulletins)
    return query(f"""SELECT unit_raw, count(*) AS mentions, count(DISTINCT (doc_id, plan_no)) AS plans
                     FROM campaign_task_units WHERE {where} AND unit = ? GROUP BY unit_raw ORDER BY mentions DESC""",
                 params + [unit])


@cacheable
def quality_notes(prefix: str, warnings_only: bool = True, bulletins: Bulletins = None) -> pd.DataFrame:
    """data_quality rows of one loader ('campaigns.', 'targets.', 'rosters.')."""
    # ids are scoped by document or bulletin ('zhangqiu-2025-01:campaigns.p01.x'): match after the scope;
    # a bulletin's own checks (no document) carry its id before the colon
    where, params = scoped(bulletins)
    if bulletins is not None:
        where = f"({where} OR (doc_id IS NULL AND list_contains(?::VARCHAR[], split_part(check_id, ':', 1))))"
        params = params + [list(bulletins)]
    sql = f"SELECT * FROM data_quality WHERE {where} AND starts_with(regexp_replace(check_id, '^.*:', ''), ?)"
    if warnings_only:
        sql += " AND severity IN ('warn', 'error')"
    return query(sql + " ORDER BY doc_id, line", params + [prefix])


# ---- targets (both bulletins) ------------------------------------------------

@cacheable
def plan_targets(plan_no: int, doc_id: str | None = None) -> pd.DataFrame:
    """The targets of one plan (of the plan's document: plan_no repeats in every compendium)."""
    return query("SELECT * FROM targets WHERE plan_no = ? AND (? IS NULL OR doc_id = ?) ORDER BY doc_id, line",
                 [plan_no, doc_id, doc_id])


@cacheable
def target_districts(bulletins: Bulletins = None) -> list[str]:
    where, params = scoped(bulletins)
    return query(f"SELECT DISTINCT district FROM targets WHERE {where} ORDER BY district", params).district.tolist()


@cacheable
def target_units(bulletins: Bulletins = None) -> list[str]:
    """Every unit named as responsible in a target, most targets first."""
    where, params = scoped(bulletins)
    return query(f"""SELECT u AS unit FROM (SELECT unnest(string_split(responsible, '、')) AS u FROM targets
                     WHERE {where} AND responsible IS NOT NULL) WHERE u <> '' GROUP BY u ORDER BY count(*) DESC, u""",
                 params).unit.tolist()


@cacheable
def target_date_range(bulletins: Bulletins = None) -> tuple[dt.date | None, dt.date | None]:
    where, params = scoped(bulletins)
    row = query(f"SELECT min(deadline) AS lo, max(deadline) AS hi FROM targets WHERE {where}", params).iloc[0]
    return _as_date(row.lo), _as_date(row.hi)


def _as_date(value) -> dt.date | None:
    return None if pd.isna(value) else pd.Timestamp(value).date()


def _ledger_filter(districts: tuple[str, ...], unit: str | None, start: dt.date | None, end: dt.date | None,
                   include_undated: bool, bulletins: Bulletins = None) -> tuple[str, list]:
    """WHERE clause on targets t shared by the ledger page, its count, month chart and sources: the
    ledger lists commitments (a result a text reports is not a promise)."""
    where, params = scoped(bulletins, "t.doc_id")
    where += " AND t.statement = 'commitment'"
    if districts:
        where, params = where + " AND list_contains(?, t.district)", params + [list(districts)]
    if unit:
        where += " AND list_contains(string_split(coalesce(t.responsible, ''), '、'), ?)"
        params.append(unit)
    window = []
    if start:
        window.append("t.deadline >= ?")
        params.append(start)
    if end:
        window.append("t.deadline <= ?")
        params.append(end)
    if window:
        dated = " AND ".join(window)
        where += f" AND (({dated})" + (" OR t.deadline IS NULL)" if include_undated else ")")
    elif not include_undated:
        where += " AND t.deadline IS NOT NULL"
    return where, params


@cacheable
def ledger(districts: tuple[str, ...] = (), unit: str | None = None, start: dt.date | None = None,
           end: dt.date | None = None, include_undated: bool = True, limit: int | None = None,
           offset: int = 0, bulletins: Bulletins = None) -> pd.DataFrame:
    """The commitments ledger, sorted by deadline (undated last), with the document title; `limit`/
    `offset` give one page of it (counts: ledger_summary)."""
    where, params = _ledger_filter(districts, unit, start, end, include_undated, bulletins)
    page = ""
    if limit is not None:
        page, params = " LIMIT ? OFFSET ?", params + [int(limit), int(offset)]
    # The page is chosen first; titles, plans and the town lookup are joined for its rows only.
    return query(f"""
        WITH t AS (SELECT * FROM targets t WHERE {where}
                   ORDER BY t.deadline NULLS LAST, t.district, t.doc_id, t.line, t.target_id{page})
        SELECT t.*, d.title AS doc_title, d.doc_no, c.field,
               -- the first town of its district the commitment names, for a link to its profile
               (SELECT w.town_name FROM towns w WHERE w.district = t.district
                                                    AND contains(t.subject || coalesce(t.quote, ''), w.town_name)
                ORDER BY w.town_code LIMIT 1) AS town_name
        FROM t LEFT JOIN documents d USING (doc_id)
        -- plan_no repeats in every compendium: the plan is the one of the target's own document
        LEFT JOIN campaign_plans c ON c.doc_id = t.doc_id AND c.plan_no = t.plan_no
        ORDER BY t.deadline NULLS LAST, t.district, t.doc_id, t.line, t.target_id""", params)


@cacheable
def ledger_summary(districts: tuple[str, ...] = (), unit: str | None = None, start: dt.date | None = None,
                   end: dt.date | None = None, include_undated: bool = True, bulletins: Bulletins = None,
                   today: dt.date | None = None) -> dict:
    """Matching commitments, those with a deadline, the earliest deadline and the next one due on or
    after `today` (each None when there is none; `next_deadline` is None without `today`)."""
    where, params = _ledger_filter(districts, unit, start, end, include_undated, bulletins)
    row = query(f"""SELECT count(*) AS targets, count(t.deadline) AS dated, min(t.deadline) AS first_deadline,
                           min(t.deadline) FILTER (WHERE t.deadline >= ?) AS next_deadline
                    FROM targets t WHERE {where}""", [today, *params]).iloc[0]
    day = lambda value: None if pd.isna(value) else pd.Timestamp(value).date()  # noqa: E731
    return {"targets": int(row.targets), "dated": int(row.dated), "first_deadline": day(row.first_deadline),
            "next_deadline": day(row.next_deadline)}


@cacheable
def ledger_months(districts: tuple[str, ...] = (), unit: str | None = None, start: dt.date | None = None,
                  end: dt.date | None = None, include_undated: bool = True,
                  bulletins: Bulletins = None) -> pd.DataFrame:
    """Matching commitments with a deadline per month (its first day) and district, for the chart."""
    where, params = _ledger_filter(districts, unit, start, end, include_undated, bulletins)
    return query(f"""SELECT date_trunc('month', t.deadline) AS month, t.district, count(*) AS n FROM targets t
                     WHERE {where} AND t.deadline IS NOT NULL GROUP BY ALL ORDER BY month, district""", params)


@cacheable
def ledger_sources(districts: tuple[str, ...] = (), unit: str | None = None, start: dt.date | None = None,
                   end: dt.date | None = None, include_undated: bool = True,
                   bulletins: Bulletins = None) -> pd.DataFrame:
    """Where the month chart's commitments are printed, one row per bulletin (in ledger order): its
    documents, one doc_id, first and last line — what a chart citation needs, without every row."""
    where, params = _ledger_filter(districts, unit, start, end, include_undated, bulletins)
    return query(f"""
        SELECT d.bulletin, count(DISTINCT t.doc_id) AS docs, min(t.doc_id) AS doc_id,
               min(t.line) AS first_line, max(t.line) AS last_line
        FROM targets t JOIN documents d USING (doc_id)
        WHERE {where} AND t.deadline IS NOT NULL
        GROUP BY d.bulletin
        -- bulletins in the order of their first row in the ledger (a struct compares field by field)
        ORDER BY min({{'deadline': t.deadline, 'district': t.district, 'doc_id': t.doc_id, 'line': t.line}})""",
                 params)


# ---- the 养老 plan's policy reference list (attachment 1) ----------------------

POLICY_TABLE = "elderly_policy_refs"


@cacheable
def policy_doc(plan_doc: str) -> str | None:
    """The document holding the policy reference list in the same bulletin as `plan_doc` (the page
    shows one compendium's list; every compendium has its own)."""
    if not table_exists(POLICY_TABLE):
        return None
    value = query(f"""SELECT min(doc_id) AS doc_id FROM {POLICY_TABLE}
                      WHERE doc_id IN (SELECT doc_id FROM documents
                                       WHERE bulletin = (SELECT bulletin FROM documents WHERE doc_id = ?))""",
                  [plan_doc]).doc_id.iloc[0]
    return None if pd.isna(value) else value


@cacheable
def has_policy_list(doc_id: str) -> bool:
    """Whether this document (a plan) carries a policy reference list of its own (the 养老 plan's 附件 1)."""
    if not table_exists(POLICY_TABLE):
        return False
    return bool(query(f"SELECT count(*) AS n FROM {POLICY_TABLE} WHERE doc_id = ?", [doc_id]).n.iloc[0])


@cacheable
def policy_refs(doc_id: str | None) -> pd.DataFrame:
    """The de-duplicated policy reference list of one document (one row per issue × legal basis), or
    an empty frame while the table is missing."""
    if not doc_id or not table_exists(POLICY_TABLE):
        return pd.DataFrame()
    return query(f"SELECT * FROM {POLICY_TABLE} WHERE doc_id = ? ORDER BY line", [doc_id])


@cacheable
def policy_issues(doc_id: str | None) -> pd.DataFrame:
    """One row per issue of one document's list: issue → how many legal bases → competent departments
    → measures.

    Keyed by (category, issue_no): the fragments print the 问题类型 heading with small
    variations (落实到位 / 落实不到位), which must not split one issue in two.
    """
    if not doc_id or not table_exists(POLICY_TABLE):
        return pd.DataFrame()
    return query(f"""
        SELECT category, first(issue_type ORDER BY line) AS issue_type, issue_no,
               first(issue ORDER BY line) AS issue,
               first(sub_issues ORDER BY line) FILTER (WHERE sub_issues IS NOT NULL) AS sub_issues,
               count(legal_basis) AS bases,
               string_agg(DISTINCT departments, '；') AS departments,
               first(measures ORDER BY line) FILTER (WHERE measures IS NOT NULL) AS measures,
               min(line) AS line, any_value(doc_id) AS doc_id
        FROM {POLICY_TABLE} WHERE doc_id = ? GROUP BY category, issue_no ORDER BY min(line)""", [doc_id])
