"""Interaction: town-filter change → updated page drawn in the browser, and the server-side script
run time of every rerun.

    python -m bench.interaction [--changes 31] [--pages / /funds /roads /insurance] [--baseline]

For each page: open it, then change the sidebar 镇街筛选 `--changes` times, cycling through the ten
towns and 全区. One change: open the select box, click the option, and time — with the page's own
clock — from the click's pointerdown event (not from the moment Playwright is asked to click: its
actionability checks wait for the list to stop moving, up to ~1 s, before the click happens) until
the page is drawn again (title present, every Plotly chart has its SVG, nothing running)
AND its signature (main-area text plus the data of every chart: bar colours, values, pulls) differs
from before the change; the state must then hold still for 0.3 s, and the time reported is its
first sighting. The server is started through bench.serve_profiled, which logs the duration of
every script run (ScriptRunner._run_script) — the server-side cost of each rerun, without a hook
in dashboard.py. --baseline measures the same on bench/baseline_app.py (one chart) for scale.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

from bench.common import (
    BASELINE,
    DASHBOARD,
    DRAWN_JS,
    ROOT,
    App,
    fresh_database,
    launch_browser,
    load_note,
    ms,
    save,
    summary,
    wait_drawn,
)

SIGNATURE_JS = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const charts = [...document.querySelectorAll('.js-plotly-plot')].map(gd => {
        try {
            return JSON.stringify((gd.data || []).map(t => [t.marker && t.marker.color, t.x, t.y, t.values, t.pull,
                                                             t.marker && t.marker.colors]));
        } catch (e) { return 'x'; }
    });
    const text = (main ? main.innerText : '') + '|' + charts.join('|');
    let h = 0;
    for (let i = 0; i < text.length; i++) { h = (h * 31 + text.charCodeAt(i)) | 0; }
    return text.length + ':' + h;
}"""


def signature(page) -> str:
    return page.evaluate(SIGNATURE_JS)


# The reader's click, by the page's clock: the last pointerdown (capture phase, so no widget can hide
# it). Installed again after every page load (page.goto), kept across Streamlit's in-app navigation.
CLICK_CLOCK_JS = """() => {
    if (window.__benchClockOn) return;
    window.__benchClockOn = true;
    document.addEventListener('pointerdown', e => { window.__benchClick = e.timeStamp; }, true);
}"""


def install_click_clock(page) -> None:
    page.evaluate(CLICK_CLOCK_JS)


def seconds_since_click(page, before: str, timeout: float = 30, settle: float = 0.3) -> float:
    """From the last click's pointerdown to the first sighting of the changed, drawn page (both by the
    page's clock, performance.now()); see wait_changed."""
    drawn_at = wait_changed(page, before, timeout=timeout, settle=settle)
    clicked_at = page.evaluate("() => window.__benchClick")
    if clicked_at is None:
        raise RuntimeError("no click seen: install_click_clock(page) after loading the page")
    return drawn_at - clicked_at / 1000


def choose_town(page, town: str) -> None:
    """Open the sidebar select box and pick `town`."""
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text="镇街筛选").click()
    option = page.get_by_role("option", name=town, exact=True)
    if option.count() == 0:                       # virtualised list: filter by typing
        page.keyboard.type(town)
        option = page.get_by_role("option", name=town, exact=True)
    option.wait_for(state="visible", timeout=10_000)
    option.click()


def wait_changed(page, before: str, timeout: float = 30, settle: float = 0.3) -> float:
    """The page's time (performance.now(), in seconds) at which the final state (drawn, signature !=
    before) was first seen; the state must then hold still for `settle` seconds (later deltas of the
    same rerun restart it)."""
    deadline = time.perf_counter() + timeout
    first_seen: float | None = None
    last = None
    while time.perf_counter() < deadline:
        drawn, sig, page_ms = page.evaluate(f"() => [({DRAWN_JS})(), ({SIGNATURE_JS})(), performance.now()]")
        now = page_ms / 1000
        state = [drawn, sig]
        done = bool(drawn) and not drawn["pending"] and not drawn["running"] and sig != before
        if done and state == last and first_seen is not None:
            if now - first_seen >= settle:
                return first_seen
        elif done:
            first_seen = now
        else:
            first_seen = None
        last = state
        time.sleep(0.01)
    raise TimeoutError("page did not change after the filter change")


def read_runs(log: Path, since_epoch: float) -> list[dict]:
    if not log.exists():
        return []
    runs = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    return [r for r in runs if r["start"] >= since_epoch]


def prime_server(browser, app: App) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(app.url + "/")
    wait_drawn(page, timeout=90)
    context.close()


def measure_page(browser, app: App, path: str, towns: list[str], changes: int, charts: int) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(app.url + path)
    wait_drawn(page, min_charts=charts, timeout=60)
    sequence = [t for _ in range(changes) for t in towns][:changes]
    browser_s, epochs = [], []
    install_click_clock(page)
    for town in sequence:
        before = signature(page)
        epochs.append(time.time())
        choose_town(page, town)
        browser_s.append(seconds_since_click(page, before))
    time.sleep(1.0)                                # let the last run's log line land
    epochs.append(time.time())
    assert app.profile_log is not None, "measure_page needs an App started with a profile log"
    runs = read_runs(app.profile_log, epochs[0] - 0.05)
    per_change = [[r for r in runs if lo - 0.05 <= r["start"] < hi - 0.05] for lo, hi in pairwise(epochs)]
    server_s = [r["seconds"] for bucket in per_change for r in bucket]
    runs_per_change = [len(bucket) for bucket in per_change]
    context.close()
    return {"browser_s": browser_s, "server_s": server_s, "runs_per_change": runs_per_change}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=31)
    parser.add_argument("--pages", nargs="+", default=["/", "/funds", "/roads", "/insurance"])
    parser.add_argument("--baseline", action="store_true", help="also measure bench/baseline_app.py")
    parser.add_argument("--env", nargs="*", default=[], metavar="KEY=VALUE",
                        help="extra environment for both servers, e.g. STREAMLIT_RUNNER_POST_SCRIPT_GC=true "
                             "(Streamlit's default; .streamlit/config.toml turns it off)")
    args = parser.parse_args(argv)
    import duckdb
    from playwright.sync_api import sync_playwright
    db = fresh_database()
    with duckdb.connect(str(db), read_only=True) as con:
        town_names = [r[0] for r in con.execute("SELECT town_name FROM towns ORDER BY town_code").fetchall()]
    towns = [*town_names, "全区"]
    targets = [("dashboard", DASHBOARD, p, 3 if p == "/" else 1) for p in args.pages]
    if args.baseline:
        targets.append(("baseline", BASELINE, "/", 1))
    print(f"{load_note()}; {args.changes} changes per page, towns cycled: {'、'.join(towns)}; "
          f"env: {args.env or 'none'}")
    results = {}
    with sync_playwright() as pw:
        browser = launch_browser(pw)
        for name, script, path, charts in targets:
            log = Path(tempfile.mkdtemp(prefix="bench-runs-")) / "runs.jsonl"
            env = {"GAZETTE_DB": str(db), **dict(e.split("=", 1) for e in args.env)}
            with App(script, env=env, profile_log=log) as app:
                # Visit / first: on a fresh server a deep link (/funds) runs pages/funds.py on its own
                # (Streamlit's legacy pages/ folder) until dashboard.py has run once — see PERFORMANCE.md.
                prime_server(browser, app)
                # one warm-up visit so the first measured change does not pay for imports/caches
                measure_page(browser, app, path, towns, 2, charts)
                r = measure_page(browser, app, path, towns, args.changes, charts)
            key = f"{name} {path}"
            results[key] = r
            b, s = summary(r["browser_s"]), summary(r["server_s"])
            print(f"  {key:<22} browser p50 {ms(b['p50'])}, p95 {ms(b['p95'])} | server run p50 {ms(s['p50'])}, "
                  f"p95 {ms(s['p95'])} ({s['n']} runs for {b['n']} changes)", flush=True)
        browser.close()
    print(f"\n{load_note()}")
    print(f"{'page':<22}{'browser p50':>13}{'browser p95':>13}{'server p50':>12}{'server p95':>12}   targets: 300 ms / 50 ms")
    table = {}
    for key, r in results.items():
        b, s = summary(r["browser_s"]), summary(r["server_s"])
        table[key] = {"browser": b, "server": s}
        print(f"{key:<22}{b['p50'] * 1000:>11.0f}ms{b['p95'] * 1000:>11.0f}ms{s['p50'] * 1000:>10.0f}ms{s['p95'] * 1000:>10.0f}ms")
    variant = "_".join(e.split("=")[0].lower() for e in args.env)
    path = save("interaction" + (f"_{variant}" if variant else ""), {"changes": args.changes,
                                "env": args.env, "results": results, "summary": table,
                                "command": "python -m bench.interaction " + " ".join(argv or sys.argv[1:])})
    print(f"written {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
