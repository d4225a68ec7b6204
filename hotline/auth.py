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
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

ALGORITHM = "pbkdf2_sha256"
DEFAULT_ITERATIONS = 600_000
EDITOR = "editor"
VIEWER = "viewer"
_USERNAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
MAX_FAILURES = 5          # wrong passwords per user name …
LOCKOUT_SECONDS = 60      # … within this window lock that name out until the oldest ages out


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


class Throttle:
    """Failed sign-ins per user name, shared by every session of the server process: a page's
    own counter lives in one session, and a new browser tab would start it from zero."""

    def __init__(self, limit: int = MAX_FAILURES, window: float = LOCKOUT_SECONDS,
                 clock: Callable[[], float] = time.monotonic, max_names: int = 10_000):
        self.limit, self.window, self.clock, self.max_names = limit, window, clock, max_names
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, user: str, now: float) -> list[float]:
        return [t for t in self._failures.get(user, []) if now - t < self.window]

    def blocked_for(self, user: str) -> float:
        """Seconds until `user` may try again (0 when not locked out)."""
        with self._lock:
            now = self.clock()
            recent = self._recent(user, now)
            return self.window - (now - recent[0]) if len(recent) >= self.limit else 0.0

    def failed(self, user: str) -> None:
        with self._lock:
            now = self.clock()
            if len(self._failures) >= self.max_names:  # random names must not grow memory without bound
                self._failures = {u: r for u in self._failures if (r := self._recent(u, now))}
                if len(self._failures) >= self.max_names:  # still full: keep the most recently failing half
                    newest = sorted(self._failures, key=lambda u: self._failures[u][-1])[-(self.max_names // 2):]
                    self._failures = {u: self._failures[u] for u in newest}
            self._failures[user] = self._recent(user, now) + [now]

    def succeeded(self, user: str) -> None:
        with self._lock:
            self._failures.pop(user, None)

    def clear(self) -> None:
        with self._lock:
            self._failures.clear()


THROTTLE = Throttle()


def sign_in(editors: Mapping[str, str] | None, user: str, password: str,
            throttle: Throttle | None = THROTTLE) -> Actor | None:
    """The editor Actor when user/password match a stored hash, else None.

    After MAX_FAILURES wrong passwords for one name within LOCKOUT_SECONDS, that name gets
    None even with the right password until the window has passed (guessing stays slow)."""
    user = (user or "").strip()
    if not editors or not valid_username(user):
        return None
    if throttle is not None and throttle.blocked_for(user):
        return None
    stored = editors.get(user)
    if stored is None:
        # spend the same time as a real check so a wrong name is not told apart from a wrong password
        verify_password(password or "x", hash_password("x", iterations=DEFAULT_ITERATIONS, salt="0" * 32))
        ok = False
    else:
        ok = verify_password(password, stored)
    if throttle is not None:
        (throttle.succeeded if ok else throttle.failed)(user)
    return Actor(user, EDITOR) if ok else None
