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
                           capture_output=True, text=True, cwd=ROOT)
    assert short.returncode == 1 and "至少 8 个字符" in short.stderr
    bad = subprocess.run([sys.executable, "-m", "hotline.passwd", "a b", "--stdin"], input="long enough pw\n",
                         capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2


def test_no_secrets_file_is_tracked():
    tracked = subprocess.run(["git", "ls-files", ".streamlit"], capture_output=True, text=True, cwd=ROOT).stdout
    assert "secrets.toml" not in tracked
    assert ".streamlit/secrets.toml" in (ROOT / ".gitignore").read_text()
