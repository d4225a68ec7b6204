"""Where first paint goes, in CPU seconds (robust on a busy machine, unlike wall time): the dashboard
against the bare app (bench/baseline_app.py), phase by phase.

    python -m bench.first_paint_cpu [--sizes 1 100] [--repeat 5] [--rounds 3] [--keep DIR] [--reuse]

1. Phases, each app's first-visit work done in a fresh child process and timed with
   time.process_time() (user + system CPU of that process), median of --repeat children:
     interpreter      Python start-up (process_time at the child's first line)
     streamlit        import streamlit and the server modules `streamlit run` loads
     libraries        duckdb, pandas, pyarrow, plotly (both apps import them)
     our_imports      the store and ui modules dashboard.py and pages/overview.py import (bare app: none)
     duckdb_open      the read-only connection
     queries          the first visit's queries (dashboard: needs_build, the sidebar's editions and towns,
                      the overview's eleven cached calls, citations; bare app: its two queries)
     charts           building the figures (dashboard: three bar_ranked; bare app: one go.Bar)
     serialisation    what st.plotly_chart does with each (plotly.io.to_json) and the alt text
2. Server, the real thing: each app started as its README says (the dashboard with `python serve.py`,
   with the warm-up and with GAZETTE_WARMUP=0; the bare app with `streamlit run`), / opened in headless
   Chromium, alternating, --rounds rounds: server CPU at /_stcore/health and at the first full paint,
   the CPU and wall time of the first script run (bench.serve_profiled), the CPU Chromium used from
   opening / to the paint (its processes under this one, from /proc), and the wall-clock first paint.

The corpus is the synthetic one of bench.synth built with `python -m loaders.build` (as in
bench.editions_bench), N editions per --sizes. Results go to bench/results/first_paint_cpu.json.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PHASES = ["interpreter", "streamlit", "libraries", "our_imports", "duckdb_open", "queries", "charts",
          "serialisation"]
VARIANTS = {"dashboard": ("dashboard", {}), "dashboard, no warm-up": ("dashboard", {"GAZETTE_WARMUP": "0"}),
            "baseline": ("baseline", {})}


# ---- 1. phases, in a child process ---------------------------------------------------------------

def child(app: str) -> dict:
    """One app's first-visit work in this fresh process; CPU seconds per phase."""
    laps: dict[str, float] = {}
    clock = time.process_time()
    laps["interpreter"] = clock

    def lap(name: str) -> None:
        nonlocal clock
        now = time.process_time()
        laps[name] = now - clock
        clock = now

    import streamlit
    import streamlit.web.bootstrap
    import streamlit.web.cli
    import streamlit.web.server.server  # noqa: F401
    lap("streamlit")
    import duckdb
    import pandas  # noqa: F401
    import plotly.express
    import plotly.graph_objects as go
    import plotly.io
    import pyarrow  # noqa: F401
    lap("libraries")
    if app == "dashboard":
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from store import db
        from ui import charts, memo, rebuild, warmup
        for name in warmup.MODULES:
            __import__(name)
        lap("our_imports")
        db.connection()
        lap("duckdb_open")
        rebuild.needs_build()
        frames = warmup.overview_queries()
        lap("queries")
        warmup.overview_figures(frames)
        figures = list(memo._figures.values())
        lap("charts")
        for fig in figures:
            plotly.io.to_json(fig, validate=False)
            charts.describe(fig, "zh")
        lap("serialisation")
    else:
        laps["our_imports"] = 0.0
        lap("our_imports")
        path = os.environ.get("GAZETTE_DB") or str(Path(__file__).resolve().parents[1] / "data/build/gazette.duckdb")
        connection = duckdb.connect(path, read_only=True)
        lap("duckdb_open")
        cursor = connection.cursor()
        cursor.execute("SELECT town_name FROM towns ORDER BY town_code").df()
        frame = cursor.execute("SELECT town_name, sum(listed_count) AS n FROM road_towns GROUP BY ALL ORDER BY n").df()
        lap("queries")
        fig = go.Figure(go.Bar(x=frame.n, y=frame.town_name, orientation="h"))
        lap("charts")
        plotly.io.to_json(fig, validate=False)
        lap("serialisation")
    laps["total"] = time.process_time()
    return laps


def phases(env: dict[str, str], repeat: int) -> dict:
    """Median CPU seconds per phase and app over `repeat` fresh children."""
    from bench.common import ROOT

    out = {}
    for app in ("dashboard", "baseline"):
        runs = []
        for _ in range(repeat):
            done = subprocess.run([sys.executable, "-m", "bench.first_paint_cpu", "--child", app], cwd=ROOT,
                                  env={**os.environ, **env, "STREAMLIT_LOGGER_LEVEL": "error"},
                                  capture_output=True, text=True, timeout=300, check=True)
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        out[app] = {k: statistics.median(r[k] for r in runs) for k in [*PHASES, "total"]}
    return out


def browser_cpu() -> float:
    """CPU seconds used so far by the Chromium processes this bench started (its descendants)."""
    from bench.common import cpu_seconds

    parent: dict[int, int] = {}
    names: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                text = (entry / "stat").read_text()
            except OSError:
                continue
            names[int(entry.name)] = text[text.index("(") + 1:text.rindex(")")]
            parent[int(entry.name)] = int(text.rsplit(")", 1)[1].split()[1])
    mine, total = {os.getpid()}, 0.0
    changed = True
    while changed:
        changed = False
        for pid, ppid in parent.items():
            if ppid in mine and pid not in mine:
                mine.add(pid)
                changed = True
    for pid in mine:
        if "chrom" in names.get(pid, "").lower():
            try:
                total += cpu_seconds(pid)
            except OSError:
                continue
    return total


# ---- 2. the real server --------------------------------------------------------------------------

def server_round(browser, variant: str, env: dict[str, str]) -> dict:
    from bench.common import BASELINE, DASHBOARD, App, cpu_seconds, wait_drawn

    app_name, extra = VARIANTS[variant]
    script, charts = (DASHBOARD, 3) if app_name == "dashboard" else (BASELINE, 1)
    log = Path(tempfile.mkdtemp(prefix="fp-cpu-")) / "runs.jsonl"
    app = App(script, env={**env, **extra}, profile_log=log)
    app.start()
    try:
        healthy = app.wait_healthy()
        cpu_healthy = cpu_seconds(app.pid)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        page = context.new_page()
        browser_before = browser_cpu()
        page.goto(app.url + "/", wait_until="commit")
        drawn_at, state = wait_drawn(page, min_charts=charts, timeout=120)
        cpu_paint = cpu_seconds(app.pid)
        browser_used = browser_cpu() - browser_before   # includes the 0.3 s settle window's polling
        context.close()
        runs = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
        first = runs[0] if runs else {}
        return {"healthy_s": healthy, "first_paint_s": drawn_at - app.started_at, "cpu_at_health": cpu_healthy,
                "cpu_at_paint": cpu_paint, "first_run_cpu": first.get("cpu", float("nan")),
                "first_run_s": first.get("seconds", float("nan")), "browser_cpu": browser_used,
                "error_box": state["error"]}
    finally:
        app.stop()


def server(browser, env: dict[str, str], rounds: int) -> dict:
    runs: dict[str, list[dict]] = {v: [] for v in VARIANTS}
    order = list(VARIANTS)
    for variant in order:                                   # warm-up of the page cache, discarded
        server_round(browser, variant, env)
    for round_no in range(rounds):
        for variant in (order if round_no % 2 == 0 else list(reversed(order))):
            runs[variant].append(server_round(browser, variant, env))
    keys = ["healthy_s", "first_paint_s", "cpu_at_health", "cpu_at_paint", "first_run_cpu", "first_run_s",
            "browser_cpu"]
    medians = {v: {k: statistics.median(r[k] for r in rs) for k in keys} for v, rs in runs.items()}
    return {"runs": runs, "median": medians}


# ---- report --------------------------------------------------------------------------------------

def print_phases(result: dict) -> None:
    d, b = result["dashboard"], result["baseline"]
    print(f"  {'phase (CPU s, median)':<22} {'dashboard':>10} {'bare app':>10} {'difference':>11}")
    for k in [*PHASES, "total"]:
        print(f"  {k:<22} {d[k]:>10.3f} {b[k]:>10.3f} {d[k] - b[k]:>+11.3f}")


def print_server(result: dict) -> None:
    print(f"  {'(median)':<24} {'health s':>9} {'CPU@health':>11} {'1st run CPU':>12} {'1st run s':>10} "
          f"{'CPU@paint':>10} {'browser CPU':>12} {'paint s':>8}")
    for variant, m in result["median"].items():
        print(f"  {variant:<24} {m['healthy_s']:>9.2f} {m['cpu_at_health']:>11.2f} {m['first_run_cpu']:>12.2f} "
              f"{m['first_run_s']:>10.2f} {m['cpu_at_paint']:>10.2f} {m['browser_cpu']:>12.2f} {m['first_paint_s']:>8.2f}")
    base = result["median"]["baseline"]
    for variant in ("dashboard", "dashboard, no warm-up"):
        m = result["median"][variant]
        print(f"  {variant}: first paint {m['first_paint_s'] / base['first_paint_s']:.2f} × the bare app (wall), "
              f"server CPU at paint {m['cpu_at_paint'] / base['cpu_at_paint']:.2f} ×")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", choices=["dashboard", "baseline"], help=argparse.SUPPRESS)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1])
    parser.add_argument("--repeat", type=int, default=5, help="children per app for the phases")
    parser.add_argument("--rounds", type=int, default=3, help="server starts per variant (0: phases only)")
    parser.add_argument("--keep", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "gazette-synth")
    parser.add_argument("--reuse", action="store_true", help="reuse corpora already built under --keep")
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child)))
        return 0
    from bench.common import ROOT, launch_browser, load_note, save
    from bench.editions_bench import corpus_env
    from bench.synth import built_corpus

    report = {}
    for n in args.sizes:
        built = built_corpus(n, args.keep, 3600, args.reuse)
        env = corpus_env(args.keep / f"n{n}")
        print(f"\nN = {n} editions (built in {built['build_s']:.1f} s); {load_note()}", flush=True)
        entry: dict[str, Any] = {"phases": phases(env, args.repeat), "load_phases": load_note()}
        print_phases(entry["phases"])
        if args.rounds:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as pw:
                browser = launch_browser(pw)
                entry["server"] = server(browser, env, args.rounds)
                browser.close()
            entry["load_server"] = load_note()
            print_server(entry["server"])
        report[str(n)] = entry
    path = save("first_paint_cpu", {"sizes": args.sizes, "repeat": args.repeat, "rounds": args.rounds,
                                     "report": report,
                                     "command": "python -m bench.first_paint_cpu " + " ".join(argv or sys.argv[1:])})
    print(f"\n{load_note()}\nwritten {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
