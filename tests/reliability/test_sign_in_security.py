"""Sign-in: wrong passwords are rate-limited across sessions; a viewer reaches no write path,
whatever widget state or URL it sends; secrets are in neither the repository, the server log
nor any message on screen."""
from __future__ import annotations

import re
import subprocess
import threading
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from hotline import auth
from hotline.auth import Throttle
from tests.conftest import ROOT, open_app

PASSWORD = "rl-correct-horse-7"
USER = "ratelimit"


@pytest.fixture(autouse=True)
def fresh_throttle():
    auth.THROTTLE.clear()
    yield
    auth.THROTTLE.clear()  # other tests sign in as the same names in this process


# ---- the throttle itself ------------------------------------------------------------------

class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_five_wrong_passwords_lock_the_name_even_for_the_right_one_until_the_window_passes():
    clock = Clock()
    throttle = Throttle(clock=clock)
    editors = {USER: auth.hash_password(PASSWORD, 1000), "other": auth.hash_password(PASSWORD, 1000)}
    for _ in range(auth.MAX_FAILURES):
        assert auth.sign_in(editors, USER, "wrong", throttle) is None
    assert throttle.blocked_for(USER) == pytest.approx(auth.LOCKOUT_SECONDS)
    assert auth.sign_in(editors, USER, PASSWORD, throttle) is None, "locked: the right password waits too"
    assert auth.sign_in(editors, "other", PASSWORD, throttle) is not None, "other names are not locked"
    clock.now += auth.LOCKOUT_SECONDS - 1
    assert auth.sign_in(editors, USER, PASSWORD, throttle) is None
    clock.now += 1.5
    assert auth.sign_in(editors, USER, PASSWORD, throttle) == auth.Actor(USER, auth.EDITOR)
    assert throttle.blocked_for(USER) == 0


def test_unknown_names_are_throttled_too_and_memory_stays_bounded():
    clock = Clock()
    throttle = Throttle(clock=clock, max_names=100)
    editors = {USER: auth.hash_password(PASSWORD, 1000)}
    for _ in range(auth.MAX_FAILURES):
        throttle.failed("nobody")
    assert auth.sign_in(editors, "nobody", "x", throttle) is None and throttle.blocked_for("nobody") > 0
    clock.now += auth.LOCKOUT_SECONDS + 1
    for i in range(1000):
        throttle.failed(f"random{i}")
        clock.now += 0.1
    assert len(throttle._failures) <= 101


# ---- equal work for known and unknown names; a client trying many names -------------------

@pytest.fixture
def hashes(monkeypatch):
    """The iteration count of every PBKDF2 run sign_in makes (no timing: machine load cannot change it)."""
    runs: list[int] = []
    real = auth.hashlib.pbkdf2_hmac

    def counted(name, password, salt, iterations, *args):
        runs.append(iterations)
        return real(name, password, salt, iterations, *args)

    monkeypatch.setattr(auth.hashlib, "pbkdf2_hmac", counted)
    return runs


def test_a_known_and_an_unknown_name_cost_the_same_single_hash(hashes):
    """Issue 13.5: an unknown name hashed twice (1.8x the time of a known one)."""
    editors = {USER: auth.hash_password(PASSWORD, 4321)}
    hashes.clear()
    outcomes = {}
    for name, password in (("known-wrong", (USER, "wrong")), ("known-right", (USER, PASSWORD)),
                           ("unknown", ("nobody", PASSWORD)), ("unknown-2", ("someone.else", "wrong"))):
        hashes.clear()
        outcomes[name] = (auth.sign_in(editors, *password, throttle=None), list(hashes))
    assert {name: runs for name, (_actor, runs) in outcomes.items()} == {
        "known-wrong": [4321], "known-right": [4321], "unknown": [4321], "unknown-2": [4321]}
    assert outcomes["known-right"][0] == auth.Actor(USER, auth.EDITOR)
    assert all(actor is None for name, (actor, _runs) in outcomes.items() if name != "known-right")


def test_one_client_trying_many_names_is_locked_out_and_costs_no_hash_meanwhile(hashes):
    clock = Clock()
    throttle = Throttle(clock=clock)
    editors = {USER: auth.hash_password(PASSWORD, 1000)}
    attacker, editor = "203.0.113.7", "198.51.100.20"
    for i in range(auth.MAX_CLIENT_FAILURES):  # a new name each time: the per-name counter never reaches 5
        assert auth.sign_in(editors, f"random{i}", "guess", throttle, client=attacker) is None
    assert throttle.blocked_for(None, attacker) == pytest.approx(auth.LOCKOUT_SECONDS)
    hashes.clear()
    assert auth.sign_in(editors, "random-next", "guess", throttle, client=attacker) is None
    assert auth.sign_in(editors, USER, PASSWORD, throttle, client=attacker) is None, "locked: even the right password"
    assert auth.sign_in(editors, "bad name!", "x", throttle, client=attacker) is None
    assert hashes == [], "a locked-out client is refused before any hashing"
    assert auth.sign_in(editors, USER, PASSWORD, throttle, client=editor) == auth.Actor(USER, auth.EDITOR)
    clock.now += auth.LOCKOUT_SECONDS + 1
    assert auth.sign_in(editors, USER, PASSWORD, throttle, client=attacker) == auth.Actor(USER, auth.EDITOR)


def test_malformed_names_count_against_the_client_too():
    throttle = Throttle(clock=Clock())
    editors = {USER: auth.hash_password(PASSWORD, 1000)}
    for i in range(auth.MAX_CLIENT_FAILURES):
        assert auth.sign_in(editors, f"bad name {i}", "x", throttle, client="192.0.2.1") is None
    assert throttle.blocked_for(USER, "192.0.2.1") > 0 and throttle.blocked_for(USER, "192.0.2.2") == 0


def test_the_client_key_is_the_connection_or_what_a_local_proxy_appended():
    assert auth.client_key("203.0.113.7", {"X-Forwarded-For": "1.1.1.1"}) == "203.0.113.7", "headers of a remote peer are ignored"
    assert auth.client_key(None, {"X-Forwarded-For": "9.9.9.9, 203.0.113.7"}) == "203.0.113.7", "the proxy's entry"
    assert auth.client_key(None, {"X-Real-IP": "198.51.100.3"}) == "198.51.100.3"
    assert auth.client_key(None, {}) == auth.client_key(None) == "localhost"


def test_concurrent_failures_are_all_counted():
    throttle = Throttle(limit=1000)
    threads = [threading.Thread(target=lambda: [throttle.failed(USER) for _ in range(50)]) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(throttle._failures[("name", USER)]) == 400


# ---- in the app: a new session does not reset the count ------------------------------------

def hotline_page(tmp_path, monkeypatch, query: dict | None = None) -> AppTest:
    monkeypatch.setenv("GAZETTE_USER_DB", str(tmp_path / "user.duckdb"))
    monkeypatch.setenv("GAZETTE_DEMO_DB", str(tmp_path / "demo.duckdb"))
    return open_app("pages/hotline.py", page_query=query, secrets={"editors": {USER: auth.hash_password(PASSWORD, 1000)}},
                    timeout=120)


def try_sign_in(at: AppTest, password: str) -> AppTest:
    at.text_input(key="hotline_user").input(USER)
    at.text_input(key="hotline_password").input(password)
    next(b for b in at.button if b.label == "登录").click()
    at.run()
    return at


def everything_shown(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    parts += [w.value for w in at.warning] + [e.value for e in at.error] + [s.value for s in at.success]
    parts += [e.message for e in at.exception] + [t.value for t in at.title]
    return "\n".join(str(p) for p in parts)


@pytest.mark.slow
def test_wrong_passwords_lock_the_name_across_sessions(tmp_path, monkeypatch):
    guesser = hotline_page(tmp_path, monkeypatch)
    for i in range(auth.MAX_FAILURES):
        try_sign_in(guesser, f"guess-{i}")
        assert "用户名或密码不正确" in everything_shown(guesser)
    try_sign_in(guesser, PASSWORD)
    assert "登录失败次数过多" in everything_shown(guesser)
    fresh = hotline_page(tmp_path, monkeypatch)  # a new tab: a new session with an empty page counter
    try_sign_in(fresh, PASSWORD)
    assert "已登录" not in everything_shown(fresh), "the name stays locked in every session"
    for at, typed in ((guesser, "guess-0"), (fresh, PASSWORD)):
        shown = everything_shown(at)
        for secret in (typed, PASSWORD, at.secrets["editors"][USER], at.secrets["editors"][USER].split("$")[2]):
            assert secret not in shown, "no password, hash or salt on screen"


@pytest.mark.slow
def test_random_names_from_one_client_lock_it_out_across_sessions(tmp_path, monkeypatch):
    """Every AppTest session comes from the same (local) client: ten failed names from new sessions,
    then the right password for the real name in yet another session stays signed out."""
    for i in range(auth.MAX_CLIENT_FAILURES):
        at = hotline_page(tmp_path, monkeypatch)
        at.text_input(key="hotline_user").input(f"random{i}")
        at.text_input(key="hotline_password").input("guess")
        next(b for b in at.button if b.label == "登录").click()
        at.run()
        assert "用户名或密码不正确" in everything_shown(at)
    fresh = try_sign_in(hotline_page(tmp_path, monkeypatch), PASSWORD)
    shown = everything_shown(fresh)
    assert "已登录" not in shown and "登录失败次数过多" in shown


# ---- a viewer reaches no write path -------------------------------------------------------

WRITE_BUTTONS = {"写入数据库", "确认替换", "检查并保存本月数据", "生成演示数据（写入演示库）", "退出登录"}


def assert_no_write_path(at: AppTest, tmp_path: Path) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not WRITE_BUTTONS & {b.label for b in at.button}
    assert not at.get("file_uploader"), "no upload widget"
    assert not (tmp_path / "user.duckdb").exists() and not (tmp_path / "demo.duckdb").exists()


@pytest.mark.slow
def test_a_viewer_reaches_no_write_path_by_url(tmp_path, monkeypatch):
    for query in ({"hotline_tab": "导入与录入"}, {"hotline_tab": "导入与录入", "hotline_source": "演示数据"},
                  {"hotline_tab": "写入记录", "hotline_actor": "editor", "role": "editor", "user": USER},
                  {"hotline_tab": "导入与录入", "hotline_pending": "1", "hotline_confirm_replace": "true"}):
        at = hotline_page(tmp_path, monkeypatch, query)
        at.session_state["hotline_tab"] = query["hotline_tab"]
        at.run()
        assert_no_write_path(at, tmp_path)
        if query["hotline_tab"] == "导入与录入":
            assert "导入和录入需要编辑登录" in everything_shown(at)


@pytest.mark.slow
def test_a_viewer_reaches_no_write_path_by_crafted_widget_state(tmp_path, monkeypatch):
    """A browser can only send values for widgets the run drew; a viewer's run draws no write
    widget, so values for their keys are ignored. Even a pending replacement planted in the
    session (which no client can do) is not written: the page and the store check the role."""
    import pandas as pd

    at = hotline_page(tmp_path, monkeypatch, {"hotline_tab": "导入与录入"})
    at.session_state["hotline_tab"] = "导入与录入"
    for key in ("hotline_make_demo", "hotline_confirm_replace", "hotline_write_0123456789ab",
                "hotline_manual_save_units_2025-07", "hotline_goto_demo"):
        at.session_state[key] = True
    at.session_state["hotline_pending"] = {
        "kind": "units", "file_name": "x.csv", "sha256": "s", "action": "导入", "message": "确认后才会替换",
        "records": pd.DataFrame([{"unit": "明水街道", "peer_group": "镇街", "month": "2025-07", "cut": "月末",
                                  "satisfaction_pct": 1.0, "resolution_pct": 1.0, "participation_pct": 1.0,
                                  "backlog_start": 1, "new_count": 1, "resolved": 1}])}
    at.session_state["hotline_manual_kind"] = "units"
    at.session_state["hotline_manual_month"] = "2025-07"
    at.run()
    assert_no_write_path(at, tmp_path)
    at.session_state["hotline_actor"] = auth.Actor("mallory", auth.VIEWER)  # a viewer Actor is still a viewer
    at.run()
    assert_no_write_path(at, tmp_path)


# ---- secrets: not in the repository, the log, or a message ---------------------------------

SECRET_PATTERNS = {
    "password hash": re.compile(r"pbkdf2_sha256\$\d+\$[0-9a-f]{16,}\$[0-9a-f]{32,}"),
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "AWS key": re.compile(r"AKIA[0-9A-Z]{16}"),
    "GitHub token": re.compile(r"gh[pousr]_[A-Za-z0-9]{36}"),
    "Slack token": re.compile(r"xox[baprs]-[A-Za-z0-9-]{10,}"),
    "editors section": re.compile(r"^\s*\[editors\]\s*$", re.MULTILINE),
}
CONFIG_PASSWORD = re.compile(r"(?im)^\s*(password|passwd|secret|token|api_key)\s*=\s*[\"'][^\"']{6,}[\"']")


def test_no_secret_is_tracked_in_git():
    tracked = subprocess.run(["git", "ls-files", "-z"], capture_output=True, cwd=ROOT, check=True).stdout.split(b"\0")
    scanned, found = 0, []
    for name in filter(None, (t.decode() for t in tracked)):
        path = ROOT / name
        if not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        data = path.read_bytes()
        if b"\0" in data[:4096]:
            continue  # binary (images, workbooks)
        text = data.decode("utf-8", "replace")
        scanned += 1
        for what, pattern in SECRET_PATTERNS.items():
            if what == "editors section" and name.endswith((".md", ".py")):
                continue  # documentation and code explain the section; only config files may not hold one
            if pattern.search(text):
                found.append((name, what))
        if name.endswith((".toml", ".cfg", ".ini", ".env", ".yaml", ".yml", ".json")) and CONFIG_PASSWORD.search(text):
            found.append((name, "password in a config file"))
    assert scanned > 100
    assert found == []
    assert not any(n.endswith("secrets.toml") for n in filter(None, (t.decode() for t in tracked)))


@pytest.mark.slow
@pytest.mark.browser
def test_signing_in_leaves_no_secret_in_the_server_log(tmp_path):
    from tests.reliability.conftest import browse, start_app

    stored = auth.hash_password(PASSWORD, 1000)
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'[editors]\n{USER} = "{stored}"\n', encoding="utf-8")
    process, url, log = start_app({"STREAMLIT_SECRETS_FILES": str(secrets), "STREAMLIT_LOGGER_LEVEL": "debug",
                                   "GAZETTE_USER_DB": str(tmp_path / "user.duckdb"),
                                   "GAZETTE_DEMO_DB": str(tmp_path / "demo.duckdb")})
    steps = [{"goto": "/"}, {"goto": "/hotline"}]
    for password in ("wrong-guess-xyz", PASSWORD):
        steps += [{"fill": "用户名", "value": USER}, {"fill": "密码", "value": password, "exact": True},
                  {"click_button": "登录"}]
    steps.append({"wait_text": f"已登录：{USER}"})
    try:
        seen = browse(url, steps)
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert "用户名或密码不正确" in seen[2]["body"] and f"已登录：{USER}" in seen[-1]["body"]
    text = log.read_text(encoding="utf-8", errors="replace")
    assert len(text) > 1000, "debug logging was on"
    shown = " ".join(r["body"] for r in seen)
    for secret in ("wrong-guess-xyz", PASSWORD, stored, stored.split("$")[2], stored.split("$")[3]):
        assert secret not in text, "secret in the server log"
        assert secret not in shown, "secret on screen"
    assert "Traceback" not in text
