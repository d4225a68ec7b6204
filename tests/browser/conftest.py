"""Browser tests: start the real app on a free loopback port and drive it in the system Chromium.

Fixtures: `app_server` (base URL), `browser`, `page` (fresh context, 1280×720), and
`shoot(page, name)` saving screenshots under tests/artifacts/ for people to look at.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(env_overrides: dict[str, str] | None = None, cwd: Path = ROOT):
    """Start `streamlit run dashboard.py` on loopback; returns (process, base_url, log path)."""
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="streamlit-", suffix=".log")[1])
    env = {**os.environ, "GAZETTE_USER_DB": str(Path(tempfile.mkdtemp()) / "hotline.duckdb"),
           "GAZETTE_DEMO_DB": str(Path(tempfile.mkdtemp()) / "hotline_demo.duckdb"),
           # No "file changed, rerun?" prompt while someone edits the tree during a test run.
           "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
           **(env_overrides or {})}
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "serve.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=cwd, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return process, url, log
        except OSError:
            time.sleep(0.3)
        if process.poll() is not None:
            break
    process.kill()
    raise RuntimeError(f"Streamlit did not start:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def app_server():
    process, url, _log = start_app()
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright gives every launch a fresh temporary profile (the guide's --user-data-dir).
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="zh-CN", accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


def expect_query(page, timeout_ms: int = 15_000, **wanted: str | None) -> None:
    """Wait until the address bar's query has each wanted value (None: the parameter is absent).
    Streamlit writes the URL after the run, so a one-off read could race it."""
    from urllib.parse import parse_qs, urlparse

    def matches(url: str) -> bool:
        query = parse_qs(urlparse(url).query)
        return all(query.get(name, [None])[0] == value for name, value in wanted.items())

    page.wait_for_url(matches, timeout=timeout_ms)


def wait_idle(page, timeout: float = 30) -> None:
    """Wait until the page has drawn: a title is shown, every Plotly chart has its SVG,
    no run indicator is visible, and the main area's text has stopped changing."""
    page.wait_for_selector("[data-testid='stMain'] h1", timeout=timeout * 1000)
    deadline = time.time() + timeout
    last, stable_since = None, None
    while time.time() < deadline:
        state = page.evaluate("""() => {
            const main = document.querySelector('[data-testid="stMain"]');
            const pending = [...document.querySelectorAll('.js-plotly-plot')].some(el => !el.querySelector('.main-svg'));
            const running = !!document.querySelector('[data-testid="stStatusWidget"] button, [data-testid="stSpinner"]');
            return [main ? main.innerText.length : 0, pending, running];
        }""")
        if state[0] == last and not state[1] and not state[2]:
            stable_since = stable_since or time.time()
            if time.time() - stable_since > 0.8:
                return
        else:
            last, stable_since = state[0], None
        time.sleep(0.15)
    raise TimeoutError("Streamlit did not become idle")


def shoot(page, name: str, full_page: bool = True) -> Path:
    """Screenshot; full_page grows the viewport to the app's scroll height (Streamlit scrolls
    inside its own container, so Playwright's full_page alone shows only the first screen)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    size = page.viewport_size
    if full_page and size:
        height = page.evaluate("""() => Math.max(...[...document.querySelectorAll('[data-testid="stMain"], section.main, [data-testid="stAppViewContainer"]')]
                                  .map(el => el.scrollHeight), document.body.scrollHeight)""")
        page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 8000)})
        wait_idle(page)
    page.screenshot(path=str(path), full_page=full_page)
    if full_page and size:
        page.set_viewport_size(size)
    return path


@pytest.fixture(scope="module")
def warm(app_server, browser):
    """Visit the entry page once: Streamlit learns the st.navigation pages on the first run of dashboard.py."""
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(app_server + "/")
    wait_idle(tab, 60)
    context.close()
    return app_server


def open_entry_page(browser, url: str) -> None:
    """Run dashboard.py once in a throwaway tab, for a server a module started itself: a fresh server
    learns the st.navigation pages on its first run and until then answers a deep link (/hotline) from
    the pages/ folder. After this, every test can open its page directly."""
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(url + "/")
    wait_idle(tab, 60)
    context.close()
