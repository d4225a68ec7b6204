"""Shared helpers for the benchmarks: machine description, percentiles, RSS, app start/stop,
the headless-Chromium launch recipe and the "page fully drawn" wait.

Every bench is run from the repository root as `python -m bench.<name>`; results are printed
and also written as JSON to bench/results/ (git-ignored) so docs/PERFORMANCE.md can cite them.
"""
from __future__ import annotations

import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Self

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DASHBOARD = ROOT / "dashboard.py"
BASELINE = ROOT / "bench" / "baseline_app.py"


# ---- numbers ----------------------------------------------------------------

def percentile(values: list[float], p: float) -> float:
    """Linear-interpolated percentile (p in 0..100) of a non-empty list."""
    data = sorted(values)
    if not data:
        return float("nan")
    k = (len(data) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (k - lo)


def summary(values: list[float]) -> dict[str, float]:
    return {"n": len(values), "median": statistics.median(values) if values else float("nan"),
            "p50": percentile(values, 50), "p95": percentile(values, 95),
            "min": min(values) if values else float("nan"), "max": max(values) if values else float("nan")}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


# ---- machine ----------------------------------------------------------------

def _version(module: str) -> str:
    try:
        return __import__(module).__version__
    except Exception:  # noqa: BLE001 - a missing optional library is just reported
        return "—"


def machine() -> dict:
    mem = {}
    with open("/proc/meminfo", encoding="ascii") as handle:
        for line in handle:
            key, value = line.split(":", 1)
            if key in ("MemTotal", "MemAvailable"):
                mem[key] = f"{int(value.split()[0]) / 1024 / 1024:.1f} GiB"
    with open("/proc/cpuinfo", encoding="ascii") as cpuinfo:
        cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")),
                   platform.processor())
    return {"nproc": os.cpu_count(), "cpu": cpu, **mem, "python": platform.python_version(),
            "python_exe": sys.executable, "duckdb": _version("duckdb"), "streamlit": _version("streamlit"),
            "pandas": _version("pandas"), "plotly": _version("plotly"), "loadavg_1m": round(os.getloadavg()[0], 2)}


def load_note() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} / {five:.2f} (1 / 5 min) on {os.cpu_count()} cores"


def save(name: str, payload: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    commit = (ROOT / "COMMIT").read_text().strip() if (ROOT / "COMMIT").exists() else "working tree"
    payload = {"bench": name, "when": time.strftime("%Y-%m-%d %H:%M:%S"), "commit": commit, "root": str(ROOT),
               "machine": machine(), **payload}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    return path


# ---- processes --------------------------------------------------------------

def cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU seconds all cores have spent not idle since boot (/proc/stat), to share out a window's CPU."""
    with open("/proc/stat", encoding="ascii") as handle:
        ticks = [int(v) for v in handle.readline().split()[1:]]
    idle = ticks[3] + ticks[4]  # idle + iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """Resident set size of one process (VmRSS from /proc), in MiB."""
    with open(f"/proc/{pid}/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class App:
    """A Streamlit app on a free loopback port (started by us, stopped by pid)."""

    def __init__(self, script: Path, env: dict[str, str] | None = None, python: str = sys.executable,
                 profile_log: Path | None = None):
        """profile_log: start through bench.serve_profiled, logging every script run's duration there."""
        self.script, self.python, self.profile_log = script, python, profile_log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        scratch = Path(tempfile.mkdtemp(prefix="bench-app-"))
        self.log = scratch / "streamlit.log"
        self.env = {**os.environ, "GAZETTE_USER_DB": str(scratch / "hotline.duckdb"),
                    "GAZETTE_DEMO_DB": str(scratch / "hotline_demo.duckdb"), **(env or {})}
        if profile_log:
            self.env["GAZETTE_PROFILE_LOG"] = str(profile_log)
        self.process: subprocess.Popen | None = None
        self.started_at = 0.0

    def launcher(self) -> list[str]:
        """The command before the Streamlit options: the dashboard starts exactly as the README says
        (`python serve.py`, which also starts the warm-up, see ui/warmup.py); any other script with
        `streamlit run`. With a profile log, through bench.serve_profiled (`serve` = serve.py's main)."""
        if self.script.resolve() == DASHBOARD.resolve():
            return ["-m", "bench.serve_profiled", "serve"] if self.profile_log else [str(ROOT / "serve.py")]
        return ["-m", "bench.serve_profiled" if self.profile_log else "streamlit", "run", str(self.script)]

    def start(self) -> App:
        self.started_at = time.perf_counter()
        self.process = subprocess.Popen(
            [self.python, *self.launcher(), "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=ROOT, env=self.env, stdout=self.log.open("w"), stderr=subprocess.STDOUT)
        return self

    def wait_healthy(self, timeout: float = 90) -> float:
        """Seconds from start() until /_stcore/health answers."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        return time.perf_counter() - self.started_at
            except OSError:
                time.sleep(0.05)
            if self.process is None or self.process.poll() is not None:
                break
        self.stop()
        raise RuntimeError(f"{self.script.name} did not start:\n{self.log.read_text()[-3000:]}")

    @property
    def pid(self) -> int:
        assert self.process is not None, "App.start() first"
        return self.process.pid

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def __enter__(self) -> Self:
        self.start()
        self.wait_healthy()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


# ---- browser ----------------------------------------------------------------

# True when the main area shows a title, every Plotly chart has drawn its SVG, the script run is
# over (stApp's data-test-script-state is "notRunning": the browser has received script_finished)
# and no spinner / skeleton is shown; `error` reports an exception box.
DRAWN_JS = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    if (!main || !main.querySelector('h1')) return null;
    const app = document.querySelector('[data-testid="stApp"]');
    const script = app ? app.getAttribute('data-test-script-state') : null;
    const charts = [...document.querySelectorAll('.js-plotly-plot')];
    const pending = charts.some(el => !el.querySelector('.main-svg'));
    const running = script !== 'notRunning' || !!document.querySelector('[data-testid="stSpinner"], [data-testid="stSkeleton"]');
    const error = !!document.querySelector('[data-testid="stException"]');
    return {text: main.innerText.length, charts: charts.length, pending, running, error};
}"""


def launch_browser(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def wait_drawn(page, min_charts: int = 0, timeout: float = 60, settle: float = 0.3) -> tuple[float, dict]:
    """Poll until the page is fully drawn; returns (perf_counter time the drawn state was FIRST seen,
    state). The state must then stay unchanged for `settle` seconds (so a half-drawn page whose
    text is still growing is not taken for the end); the returned time is the first sighting,
    not the end of the settle window."""
    deadline = time.perf_counter() + timeout
    first_seen: float | None = None
    last = None
    while time.perf_counter() < deadline:
        state = page.evaluate(DRAWN_JS)
        now = time.perf_counter()
        done = bool(state) and not state["pending"] and not state["running"] and state["charts"] >= min_charts
        if done and state == last and first_seen is not None:
            if now - first_seen >= settle:
                return first_seen, state
        elif done:
            first_seen = now
        else:
            first_seen = None
        last = state
        time.sleep(0.02)
    raise TimeoutError(f"page not drawn within {timeout:.0f} s (last state {last})")


def fresh_database(folder: Path | None = None) -> Path:
    """Build the curated DB from data/raw into a scratch folder (newer than every raw file, so the
    app does not rebuild it on start); returns its path."""
    folder = folder or Path(tempfile.mkdtemp(prefix="bench-db-"))
    out = folder / "gazette.duckdb"
    subprocess.run([sys.executable, "-m", "loaders.build", "--out", str(out)], cwd=ROOT, check=True,
                   capture_output=True, timeout=300)
    return out


# ---- async browser (many sessions in one browser) ---------------------------

ALL_PAGES = ["/", "/funds", "/roads", "/insurance", "/hotline", "/campaigns", "/towns", "/documents", "/data"]
HEADING_JS = """() => { const h = document.querySelector('[data-testid="stMain"] h1'); return h ? h.innerText : null; }"""


DRAWN_PREDICATE_JS = """([heading, settle]) => {
    const state = (DRAWN_JS)();
    const h1 = (HEADING_JS)();
    const done = !!state && !state.pending && !state.running && (heading === null || h1 === heading);
    const now = performance.now();
    if (!done) { window.__benchDrawn = null; return false; }
    const key = JSON.stringify([state, h1]);
    if (!window.__benchDrawn || window.__benchDrawn.key !== key) { window.__benchDrawn = {key, first: now}; return false; }
    return now - window.__benchDrawn.first >= settle * 1000 ? window.__benchDrawn.first : false;
}""".replace("DRAWN_JS", DRAWN_JS).replace("HEADING_JS", HEADING_JS)


async def async_mark(page) -> None:
    """Start an in-page clock just before a click (the page keeps running across Streamlit's in-app
    navigation, so performance.now() is one clock)."""
    await page.evaluate("() => { window.__benchDrawn = null; window.__benchT0 = performance.now(); }")


async def async_wait_drawn(page, heading: str | None = None, timeout: float = 30, settle: float = 0.3,
                           since_navigation: bool = False) -> float:
    """Seconds from the mark (async_mark) — or from the navigation start of the document when
    `since_navigation` — until the page was first seen fully drawn (with `heading` as its h1), the
    state then holding for `settle` s. Evaluated inside the page every 50 ms (wait_for_function), so
    25 sessions do not flood the browser with round trips."""
    handle = await page.wait_for_function(DRAWN_PREDICATE_JS, arg=[heading, settle], polling=50,
                                          timeout=timeout * 1000)
    first = await handle.json_value()
    start = 0.0 if since_navigation else await page.evaluate("() => window.__benchT0 || 0")
    return (first - start) / 1000


async def async_has_error(page) -> bool:
    return await page.evaluate("() => !!document.querySelector('[data-testid=\"stException\"]')")


def headings(browser_url: str, paths: list[str]) -> dict[str, str]:
    """The h1 of every page (sync), visiting / first so deep links resolve through st.navigation."""
    from playwright.sync_api import sync_playwright

    found = {}
    with sync_playwright() as pw:
        browser = launch_browser(pw)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for path in ["/", *paths]:
            page.goto(browser_url + path)
            wait_drawn(page, timeout=90)
            found[path] = page.evaluate(HEADING_JS)
        browser.close()
    return found
