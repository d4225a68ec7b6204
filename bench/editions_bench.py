"""Editions on screen (issue 16): first paint and filter changes with 1 and with N editions loaded,
beside the bare app, in one run.

    python -m bench.editions_bench [--sizes 1 100] [--rounds 5] [--changes 11] [--keep DIR] [--reuse]

For each N the synthetic corpus of bench.synth (generated, then built with the real
`python -m loaders.build`) is served to both apps (GAZETTE_DB / GAZETTE_RAW / GAZETTE_REFERENCE):
- first full paint of `/` from process start, dashboard and bench/baseline_app.py alternating
  (bench.cold_start.one_start), median of --rounds after one discarded warm-up of each;
- in the browser, --changes changes each of the edition (期次), the town (镇街筛选: five towns of the
  newest gazette, see towns_with_data) and the
  language on every page of --pages: the time from the click (its pointerdown, by the page's clock)
  to the page drawn again and changed (bench.interaction.seconds_since_click), p50 / p95.
Targets: first paint ≤ 1.15 × the bare app; every change p95 ≤ 250 ms.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

from bench.cold_start import APPS, one_start
from bench.common import DASHBOARD, ROOT, App, launch_browser, load_note, ms, save, summary, wait_drawn
from bench.interaction import install_click_clock, prime_server, seconds_since_click, signature
from bench.synth import built_corpus

PAGES = ["/", "/funds", "/roads", "/insurance"]
SIDEBAR_SELECT = "[data-testid='stSidebar'] [data-testid='stSelectbox']"


def corpus_env(folder: Path) -> dict[str, str]:
    return {"GAZETTE_DB": str(folder / "gazette.duckdb"), "GAZETTE_RAW": str(folder / "raw"),
            "GAZETTE_REFERENCE": str(folder / "reference")}


def first_paints(browser, env: dict[str, str], rounds: int) -> dict:
    runs: dict[str, list] = {name: [] for name in APPS}
    for name in APPS:                                   # warm-up, discarded
        one_start(browser, name, env=env)
    for round_no in range(rounds):
        for name in (list(APPS) if round_no % 2 == 0 else list(reversed(APPS))):
            runs[name].append(one_start(browser, name, env=env)["first_paint_s"])
    medians = {name: statistics.median(values) for name, values in runs.items()}
    return {"runs": runs, "median_s": medians, "ratio": medians["dashboard"] / medians["baseline"]}


def option_labels(page, label: str, limit: int) -> list[str]:
    """The first `limit` options of the sidebar select box labelled `label` (as the list shows them)."""
    page.locator(f"{SIDEBAR_SELECT} input[aria-label='{label}']").click()
    options = page.get_by_role("option")
    options.first.wait_for(state="visible", timeout=10_000)
    names = [options.nth(i).inner_text().strip() for i in range(min(options.count(), limit))]
    page.keyboard.press("Escape")
    return names


def choose(page, label: str, option: str) -> None:
    page.locator(f"{SIDEBAR_SELECT} input[aria-label='{label}']").click()
    choice = page.get_by_role("option", name=option, exact=True)
    if choice.count() == 0:                             # a long, virtualised list: type to narrow it
        page.keyboard.type(option)
        choice = page.get_by_role("option", name=option, exact=True)
    choice.wait_for(state="visible", timeout=10_000)
    choice.click()


def switch_language(page, option: str) -> None:
    page.locator("[data-testid='stSidebar'] [data-testid='stButtonGroup']").get_by_text(option, exact=True).click()


def towns_with_data(db: Path, limit: int = 5) -> list[str]:
    """Towns of the newest gazette's 医保 quota table: the town list starts with other districts' towns
    (章丘's, whose compendium has no town tables), and choosing those would leave the page as it was."""
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("""
            WITH newest AS (SELECT bulletin_id FROM bulletins WHERE kind = 'gazette'
                            ORDER BY year DESC NULLS LAST, issue DESC NULLS LAST, published DESC NULLS LAST,
                                     district DESC, bulletin_id DESC LIMIT 1)
            SELECT q.town_name FROM insurance_quota q JOIN documents d USING (doc_id)
            WHERE d.bulletin IN (SELECT bulletin_id FROM newest) ORDER BY q.town_name LIMIT ?""", [limit]).fetchall()
    return [town for (town,) in rows]


def changes_on(browser, url: str, path: str, control: str, changes: int,
               towns: list[str] | None = None) -> tuple[list[float], int]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url + path)
    wait_drawn(page, timeout=90)
    if control == "language":
        cycle, act = ["English", "中文"], switch_language
    elif control == "town" and towns:
        cycle = list(towns)
        def act(p, option):
            return choose(p, "镇街筛选", option)
    else:
        label = {"edition": "期次", "town": "镇街筛选"}[control]
        cycle = option_labels(page, label, 6)
        cycle = cycle[1:] + cycle[:1]                   # start away from the option already chosen
        def act(p, option, label=label):
            return choose(p, label, option)
    install_click_clock(page)
    times, unchanged = [], 0
    for k in range(changes + 1):                        # the first change is a warm-up
        before = signature(page)
        act(page, cycle[k % len(cycle)])
        try:
            elapsed = seconds_since_click(page, before, timeout=15)
        except TimeoutError:                            # the choice shows the same figures (e.g. the latest edition)
            unchanged += 1
            if unchanged == k + 1 == 3:                 # three in a row from the start: no choice changes this page
                break
            continue
        if k:
            times.append(elapsed)
    context.close()
    return times, unchanged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 100])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--changes", type=int, default=11)
    parser.add_argument("--pages", nargs="+", default=PAGES)
    parser.add_argument("--keep", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "gazette-synth")
    parser.add_argument("--reuse", action="store_true", help="reuse corpora already built under --keep")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    report: dict = {}
    with sync_playwright() as pw:
        browser = launch_browser(pw)
        for n in args.sizes:
            built = built_corpus(n, args.keep, 3600, args.reuse)
            env = corpus_env(args.keep / f"n{n}")
            print(f"\nN = {n} editions: built in {built['build_s']:.1f} s; {load_note()}", flush=True)
            paint = first_paints(browser, env, args.rounds)
            print(f"  first full paint of / : dashboard {paint['median_s']['dashboard']:.2f} s, bare app "
                  f"{paint['median_s']['baseline']:.2f} s, ratio {paint['ratio']:.2f} (target ≤ 1.15)", flush=True)
            changes = {}
            with App(DASHBOARD, env=env) as app:
                prime_server(browser, app)   # a deep link on a fresh server runs the page without dashboard.py
                for path in args.pages:
                    for control in ("edition", "town", "language"):
                        times, unchanged = changes_on(browser, app.url, path, control, args.changes,
                                                      towns_with_data(args.keep / f"n{n}" / "gazette.duckdb"))
                        if not times:
                            print(f"  {path:<11} {control:<9} no choice changed the page ({unchanged} tried)")
                            continue
                        s = changes[f"{path} {control}"] = {**summary(times), "unchanged": unchanged}
                        print(f"  {path:<11} {control:<9} p50 {ms(s['p50'])}, p95 {ms(s['p95'])} "
                              f"({s['n']} changes, {unchanged} left the page as it was; target p95 ≤ 250 ms)",
                              flush=True)
            report[str(n)] = {"build": built, "first_paint": paint, "changes": changes, "load": load_note()}
        browser.close()
    path = save("editions", {"sizes": args.sizes, "rounds": args.rounds, "changes": args.changes, "report": report,
                             "command": "python -m bench.editions_bench " + " ".join(argv or sys.argv[1:])})
    print(f"\n{load_note()}\nwritten {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
