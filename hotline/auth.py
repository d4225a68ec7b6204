"""Editor passwords: salted PBKDF2-SHA256 hashes as stored in Streamlit secrets.

    [editors]
    alice = "pbkdf2_sha256$600000$<salt hex>$<hash hex>"

Only hashes are ever stored; `python3 -m hotline.passwd alice` prints such a line.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

ALGORITHM = "pbkdf2_sha256"
DEFAULT_ITERATIONS = 600_000
EDITOR = "editor"
VIEWER = "viewer"
_USERNAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


@dataclass(frozen=True)
class Actor:
    """Who is acting: the store refuses writes unless role == EDITOR."""
    user: str
    role: str = VIEWER

    @property
    def can_write(self) -> bool:
        return self.role == EDITOR


ANONYMOUS = Actor("访客", VIEWER)


def valid_username(user: str) -> bool:
    return bool(_USERNAME.match(user or ""))


def hash_password(password: str, iterations: int = DEFAULT_ITERATIONS, salt: str | None = None) -> str:
    if not password:
        raise ValueError("密码不能为空")
    salt = salt or secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt.encode("ascii"), iterations)
    return f"{ALGORITHM}${iterations}${salt}${digest.hex()}"


def verify_password(password: str, encoded: str) -> bool:
    """Constant-time check of a password against one stored hash; malformed hashes never match."""
    try:
        algorithm, iterations, salt, expected = str(encoded).split("$")
        rounds = int(iterations)
    except ValueError:
        return False
    if algorithm != ALGORITHM or rounds < 1 or not password:
        return False
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt.encode("ascii"), rounds)
    return hmac.compare_digest(digest.hex(), expected)


def sign_in(editors: Mapping[str, str] | None, user: str, password: str) -> Actor | None:
    """The editor Actor when user/password match a stored hash, else None."""
    user = (user or "").strip()
    if not editors or not valid_username(user):
        return None
    stored = editors.get(user)
    if stored is None:
        # spend the same time as a real check so a wrong name is not told apart from a wrong password
        verify_password(password or "x", hash_password("x", iterations=DEFAULT_ITERATIONS, salt="0" * 32))
        return None
    return Actor(user, EDITOR) if verify_password(password, stored) else None
