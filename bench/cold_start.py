"""Cold start: process start → first full paint of `/` (every chart drawn) in headless Chromium,
for the dashboard and for bench/baseline_app.py, alternating in the same run.

    python -m bench.cold_start [--rounds 7]

One round = start the server process (the clock starts just before Popen), poll
/_stcore/health, open `/` in a fresh browser context, and stop the clock at the first moment
the page shows its title, all charts (3 on the overview, 1 on the baseline) have their SVG and
nothing is running (state then confirmed stable for 0.3 s). The order alternates each round
(app first, then baseline first) so drifts in machine load hit both alike; one warm-up round of
each is discarded (it loads the libraries into the OS page cache). Both apps read the same
freshly built DuckDB file, so the dashboard does not rebuild on start.
"""
from __future__ import annotations

import argparse
import statistics
import sys

from bench.common import BASELINE, DASHBOARD, ROOT, App, fresh_database, launch_browser, load_note, save, wait_drawn

APPS = {"dashboard": (DASHBOARD, 3), "baseline": (BASELINE, 1)}


def one_start(browser, name: str, db=None, env: dict[str, str] | None = None) -> dict:
    """One cold start of `name` on the database `db` (or on the corpus named by `env`)."""
    script, charts = APPS[name]
    app = App(script, env=env or {"GAZETTE_DB": str(db)})
    app.start()
    try:
        healthy = app.wait_healthy()
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        page = context.new_page()
        page.goto(app.url + "/", wait_until="commit")
        drawn_at, state = wait_drawn(page, min_charts=charts, timeout=90)
        context.close()
        return {"healthy_s": healthy, "first_paint_s": drawn_at - app.started_at, "charts": state["charts"],
                "error_box": state["error"]}
    finally:
        app.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    db = fresh_database()
    print(f"database {db}; {load_note()}")
    results: dict[str, list] = {name: [] for name in APPS}
    with sync_playwright() as pw:
        browser = launch_browser(pw)
        for name in APPS:                      # warm-up, discarded
            one_start(browser, name, db)
        for round_no in range(args.rounds):
            order = list(APPS) if round_no % 2 == 0 else list(reversed(APPS))
            for name in order:
                r = one_start(browser, name, db)
                results[name].append(r)
                print(f"  round {round_no + 1} {name:<9} health {r['healthy_s']:.2f} s, "
                      f"first full paint {r['first_paint_s']:.2f} s ({r['charts']} charts"
                      f"{', ERROR BOX' if r['error_box'] else ''})", flush=True)
        browser.close()
    med = {name: {k: statistics.median(r[k] for r in rs) for k in ("healthy_s", "first_paint_s")}
           for name, rs in results.items()}
    ratio = med["dashboard"]["first_paint_s"] / med["baseline"]["first_paint_s"]
    print(f"\n{load_note()}")
    print(f"median over {args.rounds} rounds:")
    for name, m in med.items():
        print(f"  {name:<9} server healthy {m['healthy_s']:.2f} s, first full paint {m['first_paint_s']:.2f} s")
    print(f"  ratio dashboard / baseline = {ratio:.2f}  (target ≤ 1.3)")
    path = save("cold_start", {"rounds": args.rounds, "runs": results, "median": med, "ratio": ratio,
                               "command": "python -m bench.cold_start " + " ".join(argv or sys.argv[1:])})
    print(f"written {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
