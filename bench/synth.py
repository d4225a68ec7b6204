"""Scale benchmark: a synthetic corpus of N editions, its build time and DB size, and the time of
every page query at each N.

    python -m bench.synth --sizes 1 10 100 300 1000 [--reps 30] [--keep DIR] [--build-timeout 3600]
    python -m bench.synth generate --n 2 --out /tmp/corpus     # just write a corpus
    python -m bench.synth build --corpus /tmp/corpus --out /tmp/corpus/g.duckdb

What "N" means. One edition = one 济阳-style gazette + one 章丘-style compendium, i.e. today's
corpus (N = 1 is exactly data/raw, byte for byte). Edition k ≥ 1 is derived from the real bulletins
by systematic text substitution, so the real loaders parse it:
- towns: editions are grouped ten to a synthetic district (ten years of one district); district
  d ≥ 1 renames the ten 济阳 towns (full names, short names, '济阳' only in 济阳街道/济阳税务所) to
  two-character names unique in the corpus; the reference towns.csv lists every district's towns;
- villages and people: a rotation of fifteen common surnames (王→李→刘…), different per edition;
- amounts: every amount printed before 万元 and every town row of the 医保 quota table (and its
  合计) is multiplied by an integer 1–4, so stated totals and shares still add up exactly;
- plans: the sixteen plans of the compendium are rotated (edition k starts with plan k mod 16).

Why the bench has its own build driver. The loaders assume exactly one bulletin of each kind:
`DocumentIndex.by_title()` raises when two gazettes both contain a 涉农资金 document, campaigns
reads `ctx.corpus["zhangqiu"]`, targets tests `doc.bulletin == "jiyang"`, and doc_ids are
'jiyang-…'/'zhangqiu-2025-NN' whatever the bulletin. `loaders.build` therefore cannot build a
corpus of many editions (see docs/PERFORMANCE.md for the proposed change). `build_editions()`
runs the real loaders once per edition (a Context holding that edition's two bulletins under their
canonical ids and its district's towns), makes ids unique (doc_id/target_id prefixed with the
edition's bulletin id, check_id prefixed with the edition) and appends each edition's tables to ONE
DuckDB file as soon as they are parsed (`loaders.build.staged_database` / `append_tables`, the same
staged file and atomic rename as the real build), so peak memory is that of one edition at any N.
Parsing is thus exactly the project's code, once per edition.
"""
from __future__ import annotations

import argparse
import decimal
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Collection
from pathlib import Path
from typing import Any

import pandas as pd

from bench.common import ROOT, load_note, machine, ms, save, summary

RAW = ROOT / "data" / "raw"
REFERENCE = ROOT / "data" / "reference"
JIYANG_FILE = "jiyang-gazette-2020-04.txt"
ZHANGQIU_FILE = "zhangqiu-campaigns-2025.txt"
EDITIONS_PER_DISTRICT = 10
# Two-character synthetic town names are built from this pool (no character of a loader keyword).
NAME_POOL = "松柏桃梅竹兰菊荷桂杉槐枫榆楠樟椿杏梨枣桐橙柑棠萱蓉蔚茗芷蕙芸苓芙蓓莲菱藻蕾芃葵蔓"
# Surnames rotated per edition (none occurs in a keyword of the loaders; 孙 is left out: 孙耿).
SURNAMES = "王李刘杨赵吴宋郭韩冯邢贾苏曹潘"
PLAN_HEADING = re.compile(r"^#\s*济南市章丘区.*方案\s*$")
AMOUNT_WAN = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(\s*万元)")


# ---- generator --------------------------------------------------------------

def edition_ids(k: int, real: tuple[str, str] = ("jiyang-2020-04", "zhangqiu-2025")) -> tuple[str, str]:
    """Bulletin ids of edition k: the registered ids for k = 0, 'synth-0007-g'/'synth-0007-c' otherwise."""
    return real if k == 0 else (f"synth-{k:04d}-g", f"synth-{k:04d}-c")


def district_name(district: int, real: str) -> str:
    return real if district == 0 else f"合成{district}区"


def district_of(k: int, per_district: int = EDITIONS_PER_DISTRICT) -> int:
    return k // per_district


def synthetic_towns(real: pd.DataFrame, district: int) -> pd.DataFrame:
    """The ten towns of a synthetic district (district 0 = the real ones)."""
    towns = real.copy()
    if district == 0:
        return towns.assign(edition_group=0)
    names = []
    for t in range(len(real)):
        index = (district - 1) * len(real) + t
        a, b = divmod(index, len(NAME_POOL) - 1)
        b = b if b < a else b + 1          # two different characters
        if a >= len(NAME_POOL):
            raise ValueError("too many synthetic districts for the name pool")
        names.append(NAME_POOL[a] + NAME_POOL[b])
    towns["short_name"] = names
    towns["district"] = district_name(district, "")
    towns["town_name"] = [n + kind for n, kind in zip(names, real["kind"])]
    towns["town_code"] = [f"99{district:04d}{code[-3:]}" for code in real["town_code"]]
    return towns.assign(edition_group=district)


def _multiply(number: str, factor: int) -> str:
    return str(decimal.Decimal(number) * factor)


def synth_jiyang(text: str, k: int, real_towns: pd.DataFrame, towns: pd.DataFrame) -> str:
    if k == 0:
        return text
    factor = 1 + k % 4
    rotate = {s: SURNAMES[(i + k) % len(SURNAMES)] for i, s in enumerate(SURNAMES)}
    rename = {}
    for old, new in zip(real_towns.itertuples(), towns.itertuples()):
        rename[old.town_name] = new.town_name
        if old.short_name != "济阳":        # '济阳' is also the district: only 济阳街道/济阳税务所 are the town
            rename[old.short_name] = new.short_name
    rename["济阳税务所"] = towns.loc[real_towns.short_name == "济阳", "short_name"].iloc[0] + "税务所"
    # One pass: town names first (longest first), then single surnames.
    keys = sorted(rename, key=len, reverse=True) + list(rotate)
    pattern = re.compile("|".join(map(re.escape, keys)))
    table = {**rename, **rotate}
    text = pattern.sub(lambda m: table[m[0]], text)
    text = AMOUNT_WAN.sub(lambda m: _multiply(m[1], factor) + m[2], text)
    # 医保 quota rows: "<town>\t<persons>" and "合计\t<persons>" (two cells, an integer).
    town_names = "|".join(map(re.escape, towns.town_name))
    quota_row = re.compile(rf"^((?:{town_names}|合计)\t)(\d+)(\s*)$", re.MULTILINE)
    return quota_row.sub(lambda m: m[1] + str(int(m[2]) * factor) + m[3], text)


def synth_zhangqiu(text: str, k: int) -> str:
    if k == 0:
        return text
    lines = text.split("\n")
    heads = [i for i, line in enumerate(lines) if PLAN_HEADING.match(line.replace(" ", ""))]
    blocks = [lines[a:b] for a, b in zip(heads, heads[1:] + [len(lines)])]
    shift = k % len(blocks)
    rotated = blocks[shift:] + blocks[:shift]
    rotate = {s: SURNAMES[(i + k) % len(SURNAMES)] for i, s in enumerate(SURNAMES)}
    body = "\n".join(lines[:heads[0]] + [line for block in rotated for line in block])
    body = re.sub("|".join(SURNAMES), lambda m: rotate[m[0]], body)
    return AMOUNT_WAN.sub(lambda m: _multiply(m[1], 1 + k % 4), body)


def generate(out: Path, n: int, per_district: int = EDITIONS_PER_DISTRICT) -> Path:
    """Write out/raw (bulletins + MANIFEST.csv, every edition registered with its district, year and
    sha256) and out/reference (the real reference files, plus the towns of every synthetic district)."""
    from loaders.source import read_manifest, sha256_of, write_manifest

    raw_dir, ref_dir = out / "raw", out / "reference"
    raw_dir.mkdir(parents=True, exist_ok=True)
    ref_dir.mkdir(parents=True, exist_ok=True)
    every_town = pd.read_csv(REFERENCE / "towns.csv", dtype=str)
    manifest = {row["file"]: row for row in read_manifest(RAW)}
    gazette_row, compendium_row = manifest[JIYANG_FILE], manifest[ZHANGQIU_FILE]
    real_towns = every_town[every_town.district == gazette_row["district"]].reset_index(drop=True)
    jiyang = (RAW / JIYANG_FILE).read_text(encoding="utf-8")
    zhangqiu = (RAW / ZHANGQIU_FILE).read_text(encoding="utf-8")
    rows, all_towns = [], []
    for district in range(district_of(n - 1, per_district) + 1):
        all_towns.append(synthetic_towns(real_towns, district).assign(district=district_name(
            district, gazette_row["district"])))
    real_ids = (gazette_row["bulletin_id"], compendium_row["bulletin_id"])
    for k in range(n):
        d = district_of(k, per_district)
        towns = all_towns[d]
        j_id, z_id = edition_ids(k, real_ids)
        j_name = JIYANG_FILE if k == 0 else f"{j_id}.txt"
        z_name = ZHANGQIU_FILE if k == 0 else f"{z_id}.txt"
        (raw_dir / j_name).write_text(synth_jiyang(jiyang, k, real_towns, towns), encoding="utf-8")
        (raw_dir / z_name).write_text(synth_zhangqiu(zhangqiu, k), encoding="utf-8")
        for bid, name, real in ((j_id, j_name, gazette_row), (z_id, z_name, compendium_row)):
            row = dict(real, file=name, bulletin_id=bid, sha256=sha256_of(raw_dir / name))
            if k:
                row["title"] = f"{row['title']}（合成第 {k} 版）"
                row["year"] = str(int(real["year"]) + k % per_district)
                if real is gazette_row:
                    row["district"], row["district_code"] = district_name(d, real["district"]), ""
            rows.append(row)
    write_manifest(raw_dir, rows)
    towns_out = pd.concat([every_town[every_town.district != gazette_row["district"]],
                           *[t.drop(columns="edition_group") for t in all_towns]], ignore_index=True)
    towns_out.to_csv(ref_dir / "towns.csv", index=False)
    for extra in REFERENCE.iterdir():
        if extra.name != "towns.csv" and extra.is_file():
            shutil.copy(extra, ref_dir / extra.name)
    return out


# ---- build: the real build command ---------------------------------------------

def build_editions(raw_dir: Path, reference_dir: Path, out: Path, workers: int | None = None) -> dict:
    """The real build (loaders.build.build, what `python -m loaders.build` runs) of a synthetic
    corpus; returns timings (s), row count and DB size."""
    from loaders import build as b

    started, cpu = time.perf_counter(), time.process_time()
    built = b.build(raw_dir, out, reference_dir, workers)
    return {"build_s": time.perf_counter() - started, "cpu_s": time.process_time() - cpu,
            "rows": int(sum(built.rows.values())), "db_bytes": out.stat().st_size, "bulletins": built.bulletins}


# ---- page queries -----------------------------------------------------------

def page_queries(town: str, doc_id: str, quota_doc: str | None = None, names: tuple[str, ...] = (),
                 plan_no: int = 1, unit: str = "区公安分局", plan_doc: str | None = None,
                 policy_doc: str | None = None, hotline_doc: str | None = None) -> list[tuple[str, str, tuple]]:
    """(module, function, args) for every store call a page (or the meeting briefing) makes, with the
    arguments the page passes (全区 and one town). doc_id is the 涉农资金 plan the funds page shows,
    quota_doc the 医保 plan of the insurance page, names people the 人员 tab looks up, plan_doc the plan
    shown in 方案详情, policy_doc its compendium's 养老 policy list, hotline_doc the 12345 plan."""
    page = (50, 0)  # pages/documents.py and pages/data.py show 50 rows a page (ui.paging.PAGE_SIZE)
    return [
        ("curated", "build_info", ()), ("curated", "bulletin_titles", ()), ("curated", "towns", ()),
        # pages/documents.py: catalogue (one page, filters in SQL), reader, search-hit titles
        ("curated", "document", (doc_id,)), ("curated", "document_titles", ((doc_id,),)),
        ("catalog", "document_counts", ()), ("catalog", "document_counts", (None, None, "医保")),
        ("catalog", "document_issuers", ()),
        ("catalog", "document_catalog", (None, None, "", *page)),
        ("catalog", "document_catalog", ((doc_id.rsplit("-", 1)[0],), None, "医保", *page)),
        ("catalog", "document_catalog", (None, None, "", None, 0, doc_id)),
        ("catalog", "find_rows", ("土马河",)),
        # pages/data.py: quality report (one page), counts, per-module table; dictionary
        ("curated", "quality_counts", ()), ("curated", "data_quality", (("error", "warn"), None, *page)),
        ("curated", "quality_by_module", (("error", "warn"),)), ("catalog", "tables", ()), ("catalog", "columns", ()),
        # pages/funds.py
        ("curated", "fund_totals", ()), ("curated", "fund_by_source", ()), ("curated", "fund_by_sector", ()),
        ("curated", "fund_by_task_nature", ()), ("curated", "fund_projects", ()),
        ("curated", "fund_projects", (None, town)), ("curated", "fund_project_sources", ((1, 2, 3),)),
        ("curated", "rural_indicator_categories", (doc_id,)), ("curated", "rural_indicators", ((), doc_id)),
        ("curated", "rural_indicators", (("产业兴旺",), doc_id)),
        ("curated", "data_quality", (("warn", "error"), doc_id)),
        # pages/roads.py
        ("curated", "road_towns", ()), ("curated", "road_towns", (town,)),
        ("curated", "road_villages", (town, "")), ("curated", "road_villages", (town, "董")),
        ("curated", "road_villages", (None, "董", town)), ("curated", "road_milestones", ()),
        ("curated", "road_standards", ()), ("curated", "road_funding", ()),
        ("curated", "towns_without_roads", ()), ("curated", "rural_indicator", ("户户通",)),
        # pages/insurance.py, pages/overview.py
        ("curated", "insurance_quota", ()), ("curated", "insurance_quota", (town,)),
        ("curated", "insurance_premiums", ()), ("curated", "insurance_premium_bounds", ()),
        ("curated", "insurance_premium_bounds", (town,)), ("curated", "insurance_contacts", (None, quota_doc)),
        ("curated", "insurance_contacts", (town, quota_doc)), ("curated", "insurance_schedule", ()),
        # pages/hotline.py and the meeting briefing (ui/briefing.py)
        ("curated", "topic_doc", ("hotline.",)), ("curated", "targets", ("hotline.", hotline_doc)),
        ("curated", "targets", ("hotline", hotline_doc)),
        ("curated", "target_counts", ()), ("curated", "target_deadline_months", ()),
        # pages/towns.py
        ("towns", "town_names", ()), ("towns", "district_towns", (town,)), ("towns", "overview", ()),
        ("towns", "overview", (town,)), ("towns", "town", (town,)), ("towns", "road_summary", (town,)),
        ("towns", "road_villages", (town,)), ("towns", "road_coverage", ()), ("towns", "insurance", (town,)),
        ("towns", "insurance_contacts", (town,)), ("towns", "district_contacts", ()), ("towns", "projects", (town,)),
        ("towns", "district_wide_projects", ()), ("towns", "heritage", (town,)), ("towns", "quality_notes", (town,)),
        ("towns", "road_rows", ()), ("towns", "quota_rows", ()), ("towns", "targets", (town,)),
        ("people", "town_members", (town,)),
        # pages/campaigns.py: plans, tasks and departments, commitments ledger, people
        ("campaigns", "row_count", ("campaign_plans",)), ("campaigns", "plans", ()), ("campaigns", "phases", ()),
        ("campaigns", "phases", (plan_no,)), ("campaigns", "plan_targets", (plan_no,)),
        ("campaigns", "unit_names", ()), ("campaigns", "workload", (False,)), ("campaigns", "workload", (True,)),
        ("campaigns", "task_unit_sources", ()), ("campaigns", "generic_units", ()),
        ("campaigns", "task_count", ((), None, ("牵头", "责任", "配合"))),
        ("campaigns", "tasks", ((), None, ("牵头", "责任", "配合"), 300, 0)),
        ("campaigns", "task_count", ((), unit, ("牵头", "责任", "配合"))),
        ("campaigns", "tasks", ((), unit, ("牵头", "责任", "配合"), 300, 0)),
        ("campaigns", "tasks", ((plan_no,), None, ("牵头", "责任", "配合"), 300, 0)),
        ("campaigns", "unit_spellings", (unit,)), ("campaigns", "quality_notes", ("campaigns.",)),
        ("campaigns", "quality_notes", ("campaigns.", False)), ("campaigns", "has_policy_list", (plan_doc,)),
        ("campaigns", "policy_doc", (plan_doc,)),
        ("campaigns", "policy_refs", (policy_doc,)), ("campaigns", "policy_issues", (policy_doc,)), ("campaigns", "target_date_range", ()),
        ("campaigns", "target_districts", ()), ("campaigns", "target_units", ()),
        # the ledger tab: counts, month chart and its citation in SQL, one page of 200 rows
        ("campaigns", "ledger_summary", ((), None, None, None, True)),
        ("campaigns", "ledger_months", ((), None, None, None, True)),
        ("campaigns", "ledger_sources", ((), None, None, None, True)),
        ("campaigns", "ledger", ((), None, None, None, True, 200, 0)),
        ("campaigns", "ledger_summary", (("章丘区",), unit, None, None, False)),
        ("campaigns", "ledger", (("章丘区",), unit, None, None, False, 200, 0)),
        ("people", "groups", ()), ("people", "people_on_several_groups", (2,)), ("people", "all_person_names", ()),
        ("people", "membership_matrix", (names,)), ("people", "positions", (names,)),
        ("people", "person", (names[0] if names else "",)),
    ]


def proposed_queries(town: str) -> list[tuple[str, str, tuple]]:
    """Proposed fixes, timed beside the real code: ("sql", label, (sql, params)). The doc_id joins of
    campaigns.tasks()/ledger() and the SQL town filter of insurance_quota(town) are now the code itself."""
    return []


QUERY_CHILD = r"""
import importlib, json, os, sys, time, logging, warnings
warnings.filterwarnings("ignore")
logging.disable(logging.WARNING)
os.environ["GAZETTE_DB"] = sys.argv[1]
reps, budget, skip = int(sys.argv[2]), float(sys.argv[3]), set(json.loads(sys.argv[4]))
import pandas as pd
from bench.synth import page_queries, proposed_queries
from store import curated
town = "曲堤街道"
# The documents the pages show, of edition 0 (the shortest ids: later editions prefix theirs), so the
# labels are the same at every N: the 涉农资金 plan (funds page), the 医保 plan (insurance page), people.
first = lambda table: curated.query(f"SELECT doc_id FROM {table} ORDER BY length(doc_id), doc_id LIMIT 1").doc_id.iloc[0]
doc_id, quota_doc = first("fund_by_source"), first("insurance_quota")
plan_doc = first("campaign_plans")
policy_doc = first("elderly_policy_refs") if curated.query("SELECT count(*) AS n FROM information_schema.tables "
                                                           "WHERE table_name = 'elderly_policy_refs'").n.iloc[0] else None
hotline_doc = curated.topic_doc("hotline.")
names = tuple(curated.query("SELECT person_name FROM rosters WHERE length(doc_id) = (SELECT min(length(doc_id)) "
                            "FROM rosters) GROUP BY person_name HAVING count(DISTINCT group_name) >= 2 "
                            "ORDER BY person_name LIMIT 20").person_name)
results = {}
for module, name, args in page_queries(town, doc_id, quota_doc, names, plan_doc=plan_doc, policy_doc=policy_doc,
                                          hotline_doc=hotline_doc) + proposed_queries(town):
    label = name if module == "sql" else f"{module}.{name}({', '.join(map(repr, args))})"
    if label in skip:
        results[label] = {"times": [], "rows": None, "error": None, "skipped": True}
        continue
    fn = ((lambda sql=args[0], params=args[1]: curated.query(sql, params)) if module == "sql"
          else (lambda fn=getattr(importlib.import_module(f"store.{module}"), name), args=args: fn(*args)))
    times, rows, error, spent = [], None, None, 0.0
    for _ in range(reps):
        t0 = time.perf_counter()   # cold every time: the store caches nothing (the app caches in ui/data.py)
        try:
            value = fn()
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"[:200]
            break
        times.append(time.perf_counter() - t0)
        rows = len(value) if isinstance(value, (pd.DataFrame, list, tuple, dict)) else None
        del value
        spent += times[-1]
        if spent > budget:
            break
    results[label] = {"times": times, "rows": rows, "error": error, "skipped": False}
print("RESULT " + json.dumps(results))
"""


def time_queries(db: Path, reps: int, budget: float = 15.0, skip: Collection[str] = frozenset(),
                 python: str = sys.executable) -> dict:
    """Every page query against `db` in a fresh process: `reps` cold calls each (fewer when one
    query has used up `budget` seconds); labels in `skip` are not run."""
    done = subprocess.run([python, "-c", QUERY_CHILD, str(db), str(reps), str(budget), json.dumps(sorted(skip))],
                          cwd=ROOT, capture_output=True, text=True, timeout=3600, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"query child exited with {done.returncode}: {done.stderr[-3000:]}")
    line = next(out for out in done.stdout.splitlines() if out.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


# ---- CLI --------------------------------------------------------------------

def run_build_command(folder: Path, timeout: float, workers: int | None = None) -> dict:
    """`python -m loaders.build` (the real command, with its process pool) on a generated corpus:
    wall and CPU seconds of the command and all its processes, peak RSS of the largest one."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    command = [sys.executable, "-m", "loaders.build", "--raw", str(folder / "raw"), "--reference",
               str(folder / "reference"), "--out", str(folder / "gazette.duckdb")]
    if workers:
        command += ["--workers", str(workers)]
    child = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if child.returncode != 0:
        raise RuntimeError(child.stderr[-3000:])
    rows = sum(int(m[1]) for m in re.finditer(r"^\w+\s+(\d+)$", child.stdout, re.MULTILINE))
    split = re.search(r"本进程 ([\d.]+) 秒.*?解析子进程 ([\d.]+) 秒", child.stdout)
    return {"build_s": wall, "cpu_s": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
            "writer_cpu_s": float(split[1]) if split else None, "parser_cpu_s": float(split[2]) if split else None,
            "rows": rows, "db_bytes": (folder / "gazette.duckdb").stat().st_size,
            "maxrss_mb": after.ru_maxrss / 1024}


def built_corpus(n: int, keep: Path, build_timeout: float, reuse: bool) -> dict:
    """Generate + build the N-edition corpus under keep/n<N> (or reuse a previous build)."""
    folder = keep / f"n{n}"
    marker = folder / "build.json"
    if reuse and marker.exists() and (folder / "gazette.duckdb").exists():
        built = json.loads(marker.read_text())
        print(f"\nN = {n}: reusing the build of {built.get('when', '?')}", flush=True)
        return built
    shutil.rmtree(folder, ignore_errors=True)
    t0 = time.perf_counter()
    generate(folder, n)
    gen_s = time.perf_counter() - t0
    print(f"\nN = {n}: generated in {gen_s:.1f} s ({load_note()}); building …", flush=True)
    built = {**run_build_command(folder, build_timeout), "generate_s": gen_s,
             "when": time.strftime("%Y-%m-%d %H:%M:%S"), "load_after": load_note()}
    marker.write_text(json.dumps(built))
    return built


def run_sizes(sizes: list[int], reps: int, keep: Path, build_timeout: float, reuse: bool,
              budget: float, slow_limit: float) -> dict:
    report: dict = {"sizes": {}}
    skip: dict[str, str] = {}          # label -> why it is not run at larger N
    previous: dict[str, tuple[int, int]] = {}   # label -> (N, rows) of the last size it ran at
    for n in sizes:
        built = built_corpus(n, keep, build_timeout, reuse)
        print(f"  build {built['build_s']:.2f} s (`python -m loaders.build`; "
              f"CPU {built['cpu_s']:.2f} s; per edition {built['build_s'] / n * 1000:.0f} ms wall, "
              f"{built['cpu_s'] / n * 1000:.0f} ms CPU), {built['rows']:,} rows, "
              f"DB {built['db_bytes'] / 2**20:.1f} MiB, peak RSS {built['maxrss_mb']:.0f} MiB", flush=True)
        queries = time_queries(keep / f"n{n}" / "gazette.duckdb", reps, budget, set(skip))
        stats: dict[str, dict[str, Any]] = {}
        for label, result in queries.items():
            if result.get("skipped"):
                stats[label] = {"skipped": skip[label]}
            elif result["error"]:
                stats[label] = {"error": result["error"]}
                print(f"  {label:<60} ERROR {result['error']}")
            else:
                stats[label] = {**summary(result["times"]), "rows": result["rows"]}
                if stats[label]["p50"] > slow_limit:
                    skip[label] = f"p50 {stats[label]['p50']:.1f} s at N = {n} ({result['rows']:,} rows)"
                before = previous.get(label)
                if before and before[1] and result["rows"] and n > before[0] * 2 \
                        and result["rows"] / before[1] > 2 * n / before[0]:
                    # rows grow faster than N (a join fanning out): at the next N it would not fit in memory
                    skip[label] = (f"rows grow faster than N: {before[1]:,} at N = {before[0]} → "
                                   f"{result['rows']:,} at N = {n}")
                previous[label] = (n, result["rows"])
        worst = sorted(((v["p95"], k) for k, v in stats.items() if "p95" in v), reverse=True)
        print(f"  page queries (up to {reps} cold calls each): slowest p95 — "
              + "; ".join(f"{k} {ms(p)}" for p, k in worst[:5]), flush=True)
        report["sizes"][n] = {**built, "queries": stats, "load_after_queries": load_note()}
    return report


def print_report(report: dict) -> None:
    sizes = list(report["sizes"])
    print("\nBuild per N (wall / CPU seconds; the CPU figure is robust to other load on the machine):")
    print(f"{'N':>6}{'bulletins':>10}{'rows':>12}{'build wall':>12}{'wall/edition':>14}{'build CPU':>11}"
          f"{'CPU/edition':>13}{'DB MiB':>9}{'peak RSS':>10}")
    for n, b in report["sizes"].items():
        print(f"{n:>6}{2 * n:>10}{b['rows']:>12,}{b['build_s']:>11.1f}s{b['build_s'] / n * 1000:>12.0f}ms"
              f"{b['cpu_s']:>10.1f}s{b['cpu_s'] / n * 1000:>11.0f}ms{b['db_bytes'] / 2**20:>9.1f}{b['maxrss_mb']:>9.0f}M")
    labels = list(next(iter(report["sizes"].values()))["queries"])
    print("\np50 / p95 (ms) per page query, cold (the store is called directly, uncached), rows returned:")
    print(f"{'query':<66}" + "".join(f"{'N=' + str(n):>26}" for n in sizes))
    for label in labels:
        cells = []
        for n in sizes:
            q = report["sizes"][n]["queries"].get(label, {})
            if "skipped" in q:
                cells.append("skipped")
            elif not q:
                cells.append("not run")
            elif "error" in q:
                cells.append("error")
            else:
                rows = "-" if q["rows"] is None else f"{q['rows']:,}"  # a count or a dict has no row count
                cells.append(f"{q['p50'] * 1000:.1f}/{q['p95'] * 1000:.1f} ({rows})")
        print(f"{label[:65]:<66}" + "".join(f"{c:>26}" for c in cells))
    for label, q in report["sizes"][sizes[-1]]["queries"].items():
        if "skipped" in q:
            print(f"  skipped at larger N: {label} — {q['skipped']}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "generate":
        p = argparse.ArgumentParser()
        p.add_argument("--n", type=int, required=True)
        p.add_argument("--out", type=Path, required=True)
        p.add_argument("--per-district", type=int, default=EDITIONS_PER_DISTRICT)
        a = p.parse_args(argv[1:])
        generate(a.out, a.n, a.per_district)
        print(f"wrote {a.n} editions ({2 * a.n} bulletins) to {a.out}")
        return 0
    if argv and argv[0] == "build-only":
        p = argparse.ArgumentParser()
        p.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100, 1000])
        p.add_argument("--keep", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "gazette-synth")
        p.add_argument("--workers", type=int, nargs="+", default=[1, 2])
        a = p.parse_args(argv[1:])
        print(f"{'N':>6}{'workers':>8}{'wall':>9}{'wall/ed.':>10}{'CPU':>9}{'CPU/ed.':>9}{'writer':>9}{'parsers':>9}"
              f"{'peak RSS':>10}{'DB MiB':>9}{'load':>7}")
        for n in a.sizes:
            folder = a.keep / f"b{n}"
            shutil.rmtree(folder, ignore_errors=True)
            generate(folder, n)
            for w in a.workers:
                r = run_build_command(folder, 7200, w)
                print(f"{n:>6}{w:>8}{r['build_s']:>8.1f}s{r['build_s'] / n * 1000:>8.0f}ms{r['cpu_s']:>8.1f}s"
                      f"{r['cpu_s'] / n * 1000:>7.0f}ms{r['writer_cpu_s'] or 0:>8.1f}s{r['parser_cpu_s'] or 0:>8.1f}s"
                      f"{r['maxrss_mb']:>9.0f}M{r['db_bytes'] / 2**20:>9.1f}{os.getloadavg()[0]:>7.1f}", flush=True)
            shutil.rmtree(folder, ignore_errors=True)
        return 0
    p = argparse.ArgumentParser(description="synthetic-corpus scale benchmark")
    p.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100])
    p.add_argument("--reps", type=int, default=30)
    p.add_argument("--keep", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "gazette-synth")
    p.add_argument("--build-timeout", type=float, default=3600)
    p.add_argument("--reuse", action="store_true", help="reuse corpora already built under --keep")
    p.add_argument("--budget", type=float, default=15.0, help="max seconds of calls per query and N")
    p.add_argument("--slow-limit", type=float, default=2.0,
                   help="a query whose p50 exceeds this (s) is not run at larger N")
    a = p.parse_args(argv)
    print(f"machine: {machine()}")
    report = run_sizes(a.sizes, a.reps, a.keep, a.build_timeout, a.reuse, a.budget, a.slow_limit)
    path = save("synth_" + "_".join(map(str, a.sizes)), {**report, "reps": a.reps,
                                                         "command": "python -m bench.synth " + " ".join(argv)})
    print_report(report)
    print(f"\nwritten {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
