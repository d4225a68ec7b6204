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
           **(env_overrides or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.port", str(port),
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

    user_data = tempfile.mkdtemp(prefix="chromium-")
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM,
                                      args=[*CHROMIUM_ARGS, f"--user-data-dir={user_data}"])
        yield instance
        instance.close()
    shutil.rmtree(user_data, ignore_errors=True)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="zh-CN", accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


def wait_idle(page, timeout: float = 30) -> None:
    """Wait until Streamlit has finished the script run and drawn every Plotly chart."""
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout * 1000)
    deadline = time.time() + timeout
    quiet_since = None
    while time.time() < deadline:
        running = page.locator("[data-testid='stStatusWidget']").count() > 0
        pending = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')]
                                     .some(el => !el.querySelector('.main-svg'))""")
        if not running and not pending:
            quiet_since = quiet_since or time.time()
            if time.time() - quiet_since > 0.6:
                return
        else:
            quiet_since = None
        time.sleep(0.15)
    raise TimeoutError("Streamlit did not become idle")


def shoot(page, name: str, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
