"""Memory: server RSS of the dashboard vs the baseline app — idle, after visiting every page once,
and after 25 concurrent sessions.

    python -m bench.memory [--rounds 3] [--sessions 25]

RSS is VmRSS of the Streamlit server process from /proc (psutil is not installed here). One round
per app: start a fresh server; RSS when healthy (no session yet); one browser session visits every
page once (the dashboard's nine pages; the baseline's only page), RSS 2 s after it closed; then 25
sessions at once, each viewing every page once and staying connected until all are done: peak RSS
while they are open (sampled every 0.25 s) and RSS 5 s after they closed. The 25 sessions are
protocol-level clients by default (bench/ws_load.py: the same server-side session state as a
tab); `--clients browser` uses 25 Chromium contexts, which on 2 cores mostly time out (see §6 of
docs/PERFORMANCE.md) but leave the same sessions on the server.
Median over the rounds; ratios dashboard / baseline.
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time

from bench.common import (
    ALL_PAGES,
    BASELINE,
    CHROMIUM,
    CHROMIUM_ARGS,
    DASHBOARD,
    ROOT,
    App,
    async_wait_drawn,
    fresh_database,
    headings,
    load_note,
    rss_mb,
    save,
)


async def many_sessions(app: App, sessions: int, pages: list[str], titles: dict) -> tuple[float, list[str]]:
    from playwright.async_api import async_playwright

    peak, errors, done = [rss_mb(app.pid)], [], asyncio.Event()

    async def sample():
        while not done.is_set():
            peak.append(rss_mb(app.pid))
            await asyncio.sleep(0.25)

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        contexts = [await browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(sessions)]

        async def visit(context):
            page = await context.new_page()
            path = "/"
            try:
                for path in ["/", *pages[1:]]:
                    await page.goto(app.url + path, timeout=120_000, wait_until="commit")
                    await async_wait_drawn(page, titles[path], timeout=120, since_navigation=True)
            except Exception as exc:  # noqa: BLE001 - counted and reported
                errors.append(f"{path}: {type(exc).__name__}: {str(exc)[:160]}")

        sampler = asyncio.create_task(sample())
        await asyncio.wait_for(asyncio.gather(*(visit(c) for c in contexts)), timeout=600)
        peak.append(rss_mb(app.pid))            # all sessions still open here
        done.set()
        await sampler
        for context in contexts:
            await context.close()
        await browser.close()
    return max(peak), errors


async def many_ws_sessions(app: App, sessions: int, pages: list[str]) -> tuple[float, list[str]]:
    """25 protocol-level sessions (bench.ws_load.Session), each viewing every page once; all stay
    connected until every one is done. Same server-side session state as a browser tab, none of
    the client CPU."""
    from bench.ws_load import Session

    peak, errors, done = [rss_mb(app.pid)], [], asyncio.Event()
    paths = [p.strip("/") for p in pages]

    async def sample():
        while not done.is_set():
            peak.append(rss_mb(app.pid))
            await asyncio.sleep(0.25)

    sampler = asyncio.create_task(sample())
    opened = [Session(app.url) for _ in range(sessions)]
    try:
        for session in opened:
            await session.__aenter__()

        async def visit(session):
            try:
                for path in paths:
                    _seconds, error = await session.view(path, timeout=120)
                    if error:
                        errors.append(f"/{path}: exception element")
            except Exception as exc:  # noqa: BLE001 - counted and reported
                errors.append(f"{type(exc).__name__}: {str(exc)[:160]}")

        await asyncio.wait_for(asyncio.gather(*(visit(s) for s in opened)), timeout=600)
        peak.append(rss_mb(app.pid))            # all sessions still connected here
    finally:
        done.set()
        await sampler
        for session in opened:
            await session.__aexit__(None, None, None)
    return max(peak), errors


def one_round(name: str, db, sessions: int, clients: str = "ws") -> dict:
    script, pages = (DASHBOARD, ALL_PAGES) if name == "dashboard" else (BASELINE, ["/"])
    with App(script, env={"GAZETTE_DB": str(db)}) as app:
        time.sleep(1)
        idle = rss_mb(app.pid)
        titles = headings(app.url, pages[1:])    # one session, every page once
        time.sleep(2)
        after_pages = rss_mb(app.pid)
        peak, errors = (asyncio.run(many_ws_sessions(app, sessions, pages)) if clients == "ws"
                        else asyncio.run(many_sessions(app, sessions, pages, titles)))
        time.sleep(5)
        after_sessions = rss_mb(app.pid)
    return {"idle_mb": idle, "after_pages_mb": after_pages, "peak_sessions_mb": peak,
            "after_sessions_mb": after_sessions, "session_errors": len(errors), "error_messages": errors,
            "load_after": load_note()}


def per_page(db) -> list[tuple[str, float]]:
    """RSS after each page's first visit, in order (which page brings in what)."""
    from playwright.sync_api import sync_playwright

    from bench.common import launch_browser, wait_drawn

    steps = []
    with App(DASHBOARD, env={"GAZETTE_DB": str(db)}) as app, sync_playwright() as pw:
        time.sleep(1)
        steps.append(("(idle)", rss_mb(app.pid)))
        browser = launch_browser(pw)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for path in ALL_PAGES:
            page.goto(app.url + path)
            wait_drawn(page, timeout=120)
            time.sleep(1.5)
            steps.append((path, rss_mb(app.pid)))
        browser.close()
    return steps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-page", action="store_true", help="only: RSS after each page's first visit")
    parser.add_argument("--clients", choices=["ws", "browser"], default="ws",
                        help="the 25 sessions: protocol-level clients (default) or Chromium contexts")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=25)
    args = parser.parse_args(argv)
    db = fresh_database()
    print(load_note())
    if args.per_page:
        steps = per_page(db)
        previous = None
        for path, mb in steps:
            print(f"  {path:<12}{mb:>7.0f} MiB" + (f"  (+{mb - previous:.0f})" if previous else ""))
            previous = mb
        save("memory_per_page", {"steps": steps, "command": "python -m bench.memory --per-page"})
        return 0
    runs: dict[str, list] = {"dashboard": [], "baseline": []}
    for round_no in range(args.rounds):
        for name in (["dashboard", "baseline"] if round_no % 2 == 0 else ["baseline", "dashboard"]):
            r = one_round(name, db, args.sessions, args.clients)
            runs[name].append(r)
            print(f"  round {round_no + 1} {name:<9} idle {r['idle_mb']:.0f} MiB, after all pages "
                  f"{r['after_pages_mb']:.0f} MiB, {args.sessions} sessions peak {r['peak_sessions_mb']:.0f} MiB, "
                  f"after they closed {r['after_sessions_mb']:.0f} MiB, errors {r['session_errors']} "
                  f"({load_note()})", flush=True)
            for message in r["error_messages"][:5]:
                print(f"    error: {message}")
    numeric = ("idle_mb", "after_pages_mb", "peak_sessions_mb", "after_sessions_mb", "session_errors")
    med = {name: {k: statistics.median(r[k] for r in rs) for k in numeric} for name, rs in runs.items()}
    print(f"\n{load_note()}\nmedian of {args.rounds} rounds (MiB):")
    print(f"{'':<22}{'dashboard':>11}{'baseline':>10}{'ratio':>8}")
    for key, label in (("idle_mb", "idle"), ("after_pages_mb", "after all pages"),
                       ("peak_sessions_mb", f"{args.sessions} sessions (peak)"),
                       ("after_sessions_mb", f"after {args.sessions} sessions")):
        d, b = med["dashboard"][key], med["baseline"][key]
        print(f"{label:<22}{d:>11.0f}{b:>10.0f}{d / b:>8.2f}")
    print("target: after all pages ≤ 1.3 × baseline")
    written = save("memory", {"rounds": args.rounds, "sessions": args.sessions, "runs": runs, "median": med,
                              "command": "python -m bench.memory " + " ".join(argv or sys.argv[1:])})
    print(f"written {written.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
