"""Editor passwords: salted PBKDF2 hashes, the CLI that prints the secrets line."""
from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from hotline import auth

ROOT = Path(__file__).resolve().parents[2]


def test_hash_is_salted_and_verifies():
    one, two = auth.hash_password("s3cret-pass", 1000), auth.hash_password("s3cret-pass", 1000)
    assert one != two and one.startswith("pbkdf2_sha256$1000$")
    assert auth.verify_password("s3cret-pass", one) and auth.verify_password("s3cret-pass", two)
    assert not auth.verify_password("s3cret-pasS", one)
    assert "s3cret-pass" not in one


def test_malformed_or_foreign_hashes_never_match():
    for stored in ["", "plain-text", "md5$1$a$b", "pbkdf2_sha256$x$salt$hash", "pbkdf2_sha256$0$s$h"]:
        assert not auth.verify_password("anything", stored)


def test_sign_in_gives_an_editor_only_for_the_right_password():
    editors = {"alice": auth.hash_password("correct horse", 1000)}
    actor = auth.sign_in(editors, "alice", "correct horse")
    assert actor == auth.Actor("alice", auth.EDITOR) and actor.can_write
    assert auth.sign_in(editors, "alice", "wrong") is None
    assert auth.sign_in(editors, "bob", "correct horse") is None
    assert auth.sign_in({}, "alice", "correct horse") is None
    assert auth.sign_in(editors, "alice'; --", "x") is None
    assert not auth.ANONYMOUS.can_write


def test_passwd_cli_prints_a_line_that_parses_and_verifies():
    out = subprocess.run([sys.executable, "-m", "hotline.passwd", "alice", "--stdin", "--iterations", "1000"],
                         input="long enough pw\n", capture_output=True, text=True, cwd=ROOT, check=True).stdout
    parsed = tomllib.loads("[editors]\n" + out)
    assert auth.sign_in(parsed["editors"], "alice", "long enough pw") is not None


def test_passwd_cli_rejects_short_passwords_and_bad_names():
    short = subprocess.run([sys.executable, "-m", "hotline.passwd", "alice", "--stdin"], input="short\n",
                           capture_output=True, text=True, cwd=ROOT, check=False)
    assert short.returncode == 1 and "至少 8 个字符" in short.stderr
    bad = subprocess.run([sys.executable, "-m", "hotline.passwd", "a b", "--stdin"], input="long enough pw\n",
                         capture_output=True, text=True, cwd=ROOT, check=False)
    assert bad.returncode == 2


def test_no_secrets_file_is_tracked():
    tracked = subprocess.run(["git", "ls-files", ".streamlit"], capture_output=True, text=True, cwd=ROOT,
                             check=True).stdout
    assert "secrets.toml" not in tracked
    assert ".streamlit/secrets.toml" in (ROOT / ".gitignore").read_text()


# ---- one sign-in attempt (hotline.auth.attempt): what the sidebar box shows, without Streamlit ----

class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_an_attempt_signs_in_only_with_the_right_password_and_says_why_not():
    editors = {"alice": auth.hash_password("correct horse", 1000)}
    throttle = auth.Throttle(clock=Clock())
    ok = auth.attempt(editors, " alice ", "correct horse", throttle=throttle, now=0)
    assert ok.outcome == auth.SIGNED_IN and ok.actor == auth.Actor("alice", auth.EDITOR) and ok.failures == ()
    wrong = auth.attempt(editors, "alice", "nope", throttle=throttle, now=5)
    assert (wrong.outcome, wrong.actor, wrong.failures) == (auth.WRONG, None, (5,))
    assert auth.attempt({}, "alice", "correct horse", throttle=throttle).outcome == auth.CLOSED


def test_a_session_that_failed_too_often_is_locked_until_its_oldest_failure_ages_out():
    editors = {"alice": auth.hash_password("correct horse", 1000)}
    throttle = auth.Throttle(clock=Clock(), limit=100, client_limit=100)  # only the session's own count here
    failures: tuple[float, ...] = ()
    for second in range(auth.MAX_FAILURES):
        failures = auth.attempt(editors, "alice", "nope", session_failures=failures, now=second,
                                throttle=throttle).failures
    locked = auth.attempt(editors, "alice", "correct horse", session_failures=failures, now=10, throttle=throttle)
    assert (locked.outcome, locked.actor) == (auth.SESSION_LOCKED, None)
    assert locked.wait == auth.LOCKOUT_SECONDS - 10
    later = auth.attempt(editors, "alice", "correct horse", session_failures=failures,
                         now=auth.LOCKOUT_SECONDS + 1, throttle=throttle)
    assert later.outcome == auth.SIGNED_IN


def test_a_name_locked_by_other_sessions_is_locked_here_even_with_the_right_password():
    editors = {"alice": auth.hash_password("correct horse", 1000)}
    clock = Clock()
    throttle = auth.Throttle(clock=clock)
    for _ in range(auth.MAX_FAILURES):  # wrong passwords typed in other sessions
        throttle.failed("alice")
    locked = auth.attempt(editors, "alice", "correct horse", throttle=throttle)
    assert (locked.outcome, locked.actor, locked.wait) == (auth.LOCKED, None, auth.LOCKOUT_SECONDS)
    assert auth.attempt(editors, "bob", "x", throttle=throttle).outcome == auth.WRONG, "another name is not locked"
    clock.now += auth.LOCKOUT_SECONDS
    assert auth.attempt(editors, "alice", "correct horse", throttle=throttle).outcome == auth.SIGNED_IN


def test_one_client_trying_many_names_is_locked():
    editors = {"alice": auth.hash_password("correct horse", 1000)}
    throttle = auth.Throttle(clock=Clock())
    for n in range(auth.MAX_CLIENT_FAILURES):
        assert auth.attempt(editors, f"user{n}", "x", client="10.0.0.9", throttle=throttle).outcome == auth.WRONG
    assert auth.attempt(editors, "alice", "correct horse", client="10.0.0.9", throttle=throttle).outcome == auth.LOCKED
    assert auth.attempt(editors, "alice", "correct horse", client="10.0.0.8", throttle=throttle).outcome == auth.SIGNED_IN
