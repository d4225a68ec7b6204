"""Concurrency: 25 Playwright sessions (one headless Chromium, 25 contexts, async API) clicking
through the pages for 60 s against one server on loopback.

    python -m bench.concurrency [--sessions 25] [--seconds 60] [--think 1.0] [--app dashboard|baseline]

Sessions start `--ramp` seconds apart (0.4 s: all 25 within 10 s) and open `/` (first-load times are
reported apart); the measured `--seconds` window starts when every session has drawn its first page,
so all 25 are live in it (a first load is ~2 CPU-s of Chromium: 25 at once occupy both cores for
tens of seconds whatever the server does). Each session then repeatedly
clicks the sidebar link of the next page (its own random order of the nine pages; the one-page
baseline reloads `/` instead), waits `--think` seconds (± 50 %) after each page is drawn, and so on
until the time is up. Latency of one navigation = an in-page clock started just before the click
→ the new page's h1 is shown, every Plotly chart has its SVG and the script run is over (state
stable 0.3 s; its first sighting counted), checked inside the page every 50 ms so that 25 sessions
do not flood the browser with round trips. Errors = a page
not drawn within 30 s, a Streamlit exception box, or a Playwright error. Server RSS (VmRSS) is
sampled every 0.5 s. Bounded: the run stops at --seconds; in-flight navigations get 30 s more.
Note the browser's 25 renderers share the same 2 cores as the server: the latencies include
client-side rendering under that contention, as a real 25-tab test on this box would.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import time
from typing import Any

from bench.common import (
    ALL_PAGES,
    BASELINE,
    CHROMIUM,
    CHROMIUM_ARGS,
    DASHBOARD,
    ROOT,
    App,
    async_has_error,
    async_mark,
    async_wait_drawn,
    cpu_seconds,
    fresh_database,
    headings,
    load_note,
    machine_busy_seconds,
    ms,
    rss_mb,
    save,
    summary,
)


async def session(browser, app: App, number: int, pages: list[str], titles: dict[str, str], window: dict,
                  think: float, ramp: float, out: dict, loaded: AllArrived) -> None:
    rng = random.Random(number)
    context = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = await context.new_page()
    page.set_default_timeout(30_000)
    try:
        await asyncio.sleep(number * ramp)        # users arrive over the ramp-up, not all in the same ms
        await page.goto(app.url + "/", wait_until="commit", timeout=60_000)
        try:
            out["first_load_s"].append(await async_wait_drawn(page, titles["/"], timeout=120, since_navigation=True))
        finally:
            await loaded.wait()                   # the measured window starts when every session has its first page
        until = window["until"]
        has_nav = await page.locator("[data-testid='stSidebarNav'] a").count() > 0
        order = pages[:]
        rng.shuffle(order)
        i = 0
        while time.perf_counter() < until:
            path = order[i % len(order)]
            i += 1
            try:
                if has_nav:
                    await async_mark(page)
                    await page.locator(f"[data-testid='stSidebarNav'] a[href='{app.url}{path}']").click()
                    latency = await async_wait_drawn(page, titles[path], timeout=30)
                else:                                 # the baseline has one page: reload it
                    await page.goto(app.url + path, wait_until="commit")
                    latency = await async_wait_drawn(page, titles[path], timeout=30, since_navigation=True)
                out["latency_s"].append(latency)
                out["pages"].append(path)
                if await async_has_error(page):
                    out["errors"].append(f"session {number}: exception box on {path}")
            except Exception as exc:  # noqa: BLE001 - every failure is counted and reported
                out["errors"].append(f"session {number}: {path}: {type(exc).__name__}: {str(exc)[:160]}")
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))
    except Exception as exc:  # noqa: BLE001
        out["errors"].append(f"session {number}: start: {type(exc).__name__}: {str(exc)[:160]}")
    finally:
        await context.close()


class AllArrived:
    """Wait until `parties` sessions have arrived; the last to arrive runs `action` first."""

    def __init__(self, parties: int, action):
        self.left, self.action, self.event = parties, action, asyncio.Event()

    async def wait(self) -> None:
        self.left -= 1
        if self.left == 0:
            self.action()
            self.event.set()
        await self.event.wait()


async def sample_rss(pid: int, until: float, samples: list[float]) -> None:
    while time.perf_counter() < until:
        samples.append(rss_mb(pid))
        await asyncio.sleep(0.5)


async def run(app: App, sessions: int, seconds: float, think: float, ramp: float, pages: list[str],
              titles: dict) -> dict:
    from playwright.async_api import async_playwright

    out: dict[str, Any] = {"latency_s": [], "first_load_s": [], "pages": [], "errors": [], "rss_mb": []}
    window: dict = {}

    def open_window() -> None:  # runs once, when the last session has drawn its first page
        window["until"] = time.perf_counter() + seconds
        window["cpu"] = (cpu_seconds(app.pid), machine_busy_seconds(), time.perf_counter())
        out["window_start_load"] = os.getloadavg()[0]

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        loaded = AllArrived(sessions, open_window)
        tasks = [session(browser, app, n, pages, titles, window, think, ramp, out, loaded) for n in range(sessions)]
        sampler = asyncio.create_task(sample_rss(app.pid, time.perf_counter() + 150 + seconds + 30, out["rss_mb"]))
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=sessions * ramp + 120 + seconds + 60)
        sampler.cancel()
        if "cpu" in window:  # who used the CPU during the measured window: the server or the browsers
            server0, busy0, wall0 = window["cpu"]
            out["cpu"] = {"server_s": cpu_seconds(app.pid) - server0, "machine_busy_s": machine_busy_seconds() - busy0,
                          "wall_s": time.perf_counter() - wall0}
        await browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=25)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=1.0, help="mean pause after each drawn page (s)")
    parser.add_argument("--app", choices=["dashboard", "baseline"], default="dashboard")
    parser.add_argument("--ramp", type=float, default=0.4, help="seconds between session starts")
    parser.add_argument("--env", nargs="*", default=[], metavar="KEY=VALUE",
                        help="extra server environment, e.g. STREAMLIT_RUNNER_POST_SCRIPT_GC=true "
                             "(Streamlit's default; .streamlit/config.toml turns it off)")
    args = parser.parse_args(argv)
    db = fresh_database()
    script = DASHBOARD if args.app == "dashboard" else BASELINE
    pages = ALL_PAGES if args.app == "dashboard" else ["/"]
    env = {"GAZETTE_DB": str(db), **dict(e.split("=", 1) for e in args.env)}
    with App(script, env=env) as app:
        titles = headings(app.url, pages[1:])       # also warms the server up (every page once)
        rss_before = rss_mb(app.pid)
        print(f"{args.app}: {args.sessions} sessions × {args.seconds:.0f} s, think {args.think} s, "
              f"ramp-up {args.ramp} s apart; "
              f"RSS after one visit of every page {rss_before:.0f} MiB; {load_note()}", flush=True)
        out = asyncio.run(run(app, args.sessions, args.seconds, args.think, args.ramp, pages, titles))
        time.sleep(2)
        rss_after = rss_mb(app.pid)
    lat = summary(out["latency_s"])
    first = summary(out["first_load_s"])
    per_page = {p: summary([s for s, q in zip(out["latency_s"], out["pages"]) if q == p]) for p in pages}
    print(f"\n{load_note()}")
    print(f"navigations {lat['n']}, errors {len(out['errors'])}")
    print(f"page latency p50 {ms(lat['p50'])}, p95 {ms(lat['p95'])}, max {ms(lat['max'])}   (target p95 < 1.5 s, 0 errors)")
    print(f"first load of / p50 {ms(first['p50'])}, p95 {ms(first['p95'])}")
    for p, s in per_page.items():
        if s["n"]:
            print(f"  {p:<12} n={s['n']:<4} p50 {ms(s['p50'])}, p95 {ms(s['p95'])}")
    if out.get("cpu"):
        cpu = out["cpu"]
        print(f"CPU in the measured window ({cpu['wall_s']:.0f} s, 2 cores = {2 * cpu['wall_s']:.0f} CPU-s): machine busy "
              f"{cpu['machine_busy_s']:.0f} CPU-s, of which the server {cpu['server_s']:.1f} CPU-s "
              f"({100 * cpu['server_s'] / max(cpu['machine_busy_s'], 1e-9):.0f} %); the rest is Chromium and Playwright")
    print(f"server RSS: before {rss_before:.0f} MiB, peak during {max(out['rss_mb'] or [0]):.0f} MiB, "
          f"after {rss_after:.0f} MiB")
    for e in out["errors"][:20]:
        print("  error:", e)
    variant = "_".join(filter(None, [f"think{args.think:g}",
                                     *[e.split("=")[0].lower() for e in args.env]]))
    path = save(f"concurrency_{args.app}_{variant}", {"args": vars(args), "latency": lat, "first_load": first,
                                            "per_page": per_page, "errors": out["errors"],
                                            "rss_before_mb": rss_before, "rss_peak_mb": max(out["rss_mb"] or [0]),
                                            "rss_after_mb": rss_after, "raw": out,
                                            "command": "python -m bench.concurrency " + " ".join(argv or sys.argv[1:])})
    print(f"written {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
