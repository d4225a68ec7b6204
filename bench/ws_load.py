"""Server capacity without browsers: N protocol-level sessions clicking through the pages.

    python -m bench.ws_load [--sessions 25] [--seconds 60] [--think 1.0] [--app dashboard|baseline]

Why: in bench/concurrency.py the 25 Chromium renderers run on the same 2 cores as the server and
take most of the CPU, so the browser test measures the load generator as much as the app. Here
each session is a websocket client speaking Streamlit's own protocol (the BackMsg / ForwardMsg
protobufs of the installed Streamlit, on /_stcore/stream, loopback only): it asks for `/`, then
for the next page (rerun_script with that page's script hash, as the browser does on a sidebar
click), waits for script_finished, pauses `--think` s (± 50 %), and so on until time is up.
Latency = request sent → script_finished received: the whole server-side cost of a page view
(script run, queries, figure and table serialisation, the websocket writes), nothing of the
browser's rendering. An error = no script_finished within 30 s, an exception element in the
page, or a closed connection. The server's CPU seconds (utime + stime from /proc) over the run
give the CPU cost of one page view, hence the capacity of one process.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time

from bench.common import (
    BASELINE,
    DASHBOARD,
    ROOT,
    App,
    cpu_seconds,
    fresh_database,
    load_note,
    ms,
    rss_mb,
    save,
    summary,
)

PAGES = ["", "funds", "roads", "insurance", "hotline", "campaigns", "towns", "documents", "data"]


class Session:
    def __init__(self, url: str):
        self.url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.pages: dict[str, str] = {}    # url_pathname -> page_script_hash

    async def __aenter__(self):
        import websockets

        self.ws = await websockets.connect(self.url, subprotocols=["streamlit"], max_size=None,
                                           open_timeout=30)
        return self

    async def __aexit__(self, *exc):
        await self.ws.close()

    async def view(self, path: str, timeout: float = 30) -> tuple[float, bool]:
        """Request a page; (seconds until script_finished, whether an exception element was sent)."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = ""
        if path in self.pages:
            state.page_script_hash = self.pages[path]
        else:
            state.page_name = path
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        error = False
        deadline = started + timeout
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout=max(0.1, deadline - time.perf_counter()))
            forward = ForwardMsg()
            forward.ParseFromString(raw)
            kind = forward.WhichOneof("type")
            if kind == "navigation":
                for page in forward.navigation.app_pages:
                    self.pages[page.url_pathname] = page.page_script_hash
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                error = error or forward.delta.new_element.WhichOneof("type") == "exception"
            elif kind == "script_finished":
                return time.perf_counter() - started, error


async def client(app: App, number: int, pages: list[str], until: float, think: float, ramp: float,
                 out: dict) -> None:
    rng = random.Random(number)
    await asyncio.sleep(number * ramp)
    order = pages[:]
    rng.shuffle(order)
    try:
        async with Session(app.url) as session:
            seconds, error = await session.view("")
            out["first_s"].append(seconds)
            i = 0
            while time.perf_counter() < until:
                path = order[i % len(order)]
                i += 1
                try:
                    seconds, error = await session.view(path)
                    out["latency_s"].append(seconds)
                    out["pages"].append(path)
                    if error:
                        out["errors"].append(f"session {number}: exception element on /{path}")
                except Exception as exc:  # noqa: BLE001 - counted and reported
                    out["errors"].append(f"session {number}: /{path}: {type(exc).__name__}: {str(exc)[:120]}")
                    return
                await asyncio.sleep(think * rng.uniform(0.5, 1.5))
    except Exception as exc:  # noqa: BLE001
        out["errors"].append(f"session {number}: connect: {type(exc).__name__}: {str(exc)[:120]}")


async def run(app: App, sessions: int, seconds: float, think: float, ramp: float, pages: list[str]) -> dict:
    out: dict[str, list] = {"latency_s": [], "first_s": [], "pages": [], "errors": []}
    until = time.perf_counter() + seconds
    await asyncio.wait_for(asyncio.gather(*(client(app, n, pages, until, think, ramp, out)
                                            for n in range(sessions))), timeout=seconds + 120)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=25)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=1.0)
    parser.add_argument("--ramp", type=float, default=0.4)
    parser.add_argument("--app", choices=["dashboard", "baseline"], default="dashboard")
    parser.add_argument("--env", nargs="*", default=[], metavar="KEY=VALUE")
    args = parser.parse_args(argv)
    db = fresh_database()
    script, pages = (DASHBOARD, PAGES) if args.app == "dashboard" else (BASELINE, [""])
    env = {"GAZETTE_DB": str(db), **dict(e.split("=", 1) for e in args.env)}
    with App(script, env=env) as app:
        asyncio.run(run(app, 1, 0.1, 0, 0, pages))           # warm-up: one session, every page once
        warm = asyncio.run(_visit_all(app, pages))
        cpu0, wall0, rss0 = cpu_seconds(app.pid), time.perf_counter(), rss_mb(app.pid)
        print(f"{args.app}: {args.sessions} protocol sessions × {args.seconds:.0f} s, think {args.think} s; "
              f"one warm view of every page: {', '.join(f'/{p} {s * 1000:.0f} ms' for p, s in warm.items())}; "
              f"{load_note()}", flush=True)
        out = asyncio.run(run(app, args.sessions, args.seconds, args.think, args.ramp, pages))
        cpu, wall, rss1 = cpu_seconds(app.pid) - cpu0, time.perf_counter() - wall0, rss_mb(app.pid)
    lat, first = summary(out["latency_s"]), summary(out["first_s"])
    views = lat["n"] + first["n"]
    print(f"\n{load_note()}")
    print(f"page views {views} in {wall:.0f} s ({views / wall:.1f}/s), errors {len(out['errors'])}")
    print(f"server-side page latency p50 {ms(lat['p50'])}, p95 {ms(lat['p95'])}, max {ms(lat['max'])}")
    print(f"server CPU {cpu:.1f} s over {wall:.0f} s = {cpu / wall:.0%} of one core; "
          f"{cpu / max(views, 1) * 1000:.0f} ms CPU per page view; RSS {rss0:.0f} → {rss1:.0f} MiB")
    per_page = {p or "/": summary([s for s, q in zip(out["latency_s"], out["pages"]) if q == p]) for p in pages}
    for p, s in per_page.items():
        if s["n"]:
            print(f"  /{p.lstrip('/'):<11} n={s['n']:<4} p50 {ms(s['p50'])}, p95 {ms(s['p95'])}")
    for e in out["errors"][:10]:
        print("  error:", e)
    variant = "_".join(filter(None, [f"think{args.think:g}",
                                     *[e.split("=")[0].lower() for e in args.env]]))
    path = save(f"ws_load_{args.app}_{variant}", {
        "args": vars(args), "latency": lat, "first": first, "per_page": per_page, "errors": out["errors"],
        "views": views, "wall_s": wall, "server_cpu_s": cpu, "warm_view_s": warm, "raw": out,
        "command": "python -m bench.ws_load " + " ".join(argv or sys.argv[1:])})
    print(f"written {path.relative_to(ROOT)}")
    return 0


async def _visit_all(app: App, pages: list[str]) -> dict[str, float]:
    async with Session(app.url) as session:
        await session.view("")
        return {p: (await session.view(p))[0] for p in pages}


if __name__ == "__main__":
    sys.exit(main())
