"""Editor passwords: salted PBKDF2-SHA256 hashes as stored in Streamlit secrets.

    [editors]
    alice = "pbkdf2_sha256$600000$<salt hex>$<hash hex>"

Only hashes are ever stored; `python3 -m hotline.passwd alice` prints such a line.
"""
from __future__ import annotations

import hashlib
import hmac
import math
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
MAX_CLIENT_FAILURES = 10  # failed sign-ins (any names) from one client within the window lock that client out


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
    """Failed sign-ins per user name and per client (an IP address), shared by every session of
    the server process: a page's own counter lives in one session, a new browser tab would start
    it from zero, and a per-name counter alone lets one client try a new name each time."""

    def __init__(self, limit: int = MAX_FAILURES, window: float = LOCKOUT_SECONDS,
                 clock: Callable[[], float] = time.monotonic, max_names: int = 10_000,
                 client_limit: int = MAX_CLIENT_FAILURES):
        self.limit, self.window, self.clock, self.max_names = limit, window, clock, max_names
        self.client_limit = client_limit
        self._failures: dict[tuple[str, str], list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> list[float]:
        return [t for t in self._failures.get(key, []) if now - t < self.window]

    def _wait(self, key: tuple[str, str], limit: int, now: float) -> float:
        recent = self._recent(key, now)
        return self.window - (now - recent[-limit]) if len(recent) >= limit else 0.0

    def blocked_for(self, user: str | None, client: str | None = None) -> float:
        """Seconds until `user` from `client` may try again (0 when neither is locked out)."""
        with self._lock:
            now = self.clock()
            waits = [self._wait(("name", user), self.limit, now)] if user else []
            if client:
                waits.append(self._wait(("client", client), self.client_limit, now))
            return max(waits, default=0.0)

    def failed(self, user: str | None, client: str | None = None) -> None:
        with self._lock:
            now = self.clock()
            if len(self._failures) >= self.max_names:  # random names must not grow memory without bound
                self._failures = {k: r for k in self._failures if (r := self._recent(k, now))}
                if len(self._failures) >= self.max_names:  # still full: keep the most recently failing half
                    newest = sorted(self._failures, key=lambda k: self._failures[k][-1])[-(self.max_names // 2):]
                    self._failures = {k: self._failures[k] for k in newest}
            for key in ([("name", user)] if user else []) + ([("client", client)] if client else []):
                self._failures[key] = self._recent(key, now) + [now]

    def succeeded(self, user: str) -> None:
        """The right password: that name's failures are forgotten (a client's age out on their own)."""
        with self._lock:
            self._failures.pop(("name", user), None)

    def clear(self) -> None:
        with self._lock:
            self._failures.clear()


THROTTLE = Throttle()


def _iterations(encoded: str) -> int | None:
    try:
        algorithm, iterations, _salt, _hash = str(encoded).split("$")
        return int(iterations) if algorithm == ALGORITHM and int(iterations) > 0 else None
    except ValueError:
        return None


def _stand_in_hash(editors: Mapping[str, str]) -> str:
    """A well-formed hash that no password matches, with the iteration count of a stored one, so an
    unknown name costs one PBKDF2 run like a known name (hashing a fresh password too cost two)."""
    rounds = next((r for r in map(_iterations, editors.values()) if r), DEFAULT_ITERATIONS)
    return f"{ALGORITHM}${rounds}${'0' * 32}${'0' * 64}"


def client_key(ip_address: str | None, headers: Mapping[str, str] | None = None) -> str:
    """Who is signing in, for the throttle: the connection's address; behind a proxy on this machine
    (the connection comes from loopback, so Streamlit gives no address) the address that proxy
    appended last to X-Forwarded-For, or its X-Real-IP; "localhost" otherwise. Headers are believed
    only from loopback: a client connecting directly cannot pick its own key."""
    if isinstance(ip_address, str) and ip_address.strip():
        return ip_address.strip()
    headers = {str(k).lower(): str(v) for k, v in (headers or {}).items() if isinstance(v, str)}
    forwarded = [part.strip() for part in headers.get("x-forwarded-for", "").split(",") if part.strip()]
    return forwarded[-1] if forwarded else headers.get("x-real-ip", "").strip() or "localhost"


def sign_in(editors: Mapping[str, str] | None, user: str, password: str,
            throttle: Throttle | None = THROTTLE, client: str | None = None) -> Actor | None:
    """The editor Actor when user/password match a stored hash, else None.

    Exactly one PBKDF2 run for a known and an unknown name alike. After MAX_FAILURES wrong
    passwords for one name, or MAX_CLIENT_FAILURES failed sign-ins from one client (any names),
    within LOCKOUT_SECONDS, that name or client gets None even with the right password until the
    window has passed (guessing stays slow)."""
    user = (user or "").strip()
    if not editors:
        return None
    valid = valid_username(user)
    if throttle is not None and throttle.blocked_for(user if valid else None, client):
        return None
    if not valid:  # no name to check: it costs no hash, but it counts against the client
        if throttle is not None:
            throttle.failed(None, client)
        return None
    stored = editors.get(user)
    # an unknown name is checked against a stand-in hash: the same single PBKDF2 run as a known name
    ok = verify_password(password or "", stored if stored is not None else _stand_in_hash(editors)) \
        and stored is not None
    if throttle is not None:
        if ok:
            throttle.succeeded(user)
        else:
            throttle.failed(user, client)
    return Actor(user, EDITOR) if ok else None


# ---- one sign-in attempt, as the sign-in box makes it (no web framework: testable) -------------

SIGNED_IN, WRONG, LOCKED, SESSION_LOCKED, CLOSED = "signed_in", "wrong", "locked", "session_locked", "closed"


@dataclass(frozen=True)
class Attempt:
    """What one press of 登录 gives: the editor Actor (outcome SIGNED_IN) or None, how long to wait
    when locked out, and this session's recent failures to keep for the next attempt."""
    outcome: str
    actor: Actor | None = None
    wait: int = 0
    failures: tuple[float, ...] = ()


def attempt(editors: Mapping[str, str] | None, user: str, password: str, *, client: str | None = None,
            session_failures: tuple[float, ...] | list[float] = (), now: float | None = None,
            throttle: Throttle | None = THROTTLE, session_limit: int = MAX_FAILURES,
            window: float = LOCKOUT_SECONDS) -> Attempt:
    """One sign-in attempt. Locked before any password is checked: a session that failed
    `session_limit` times within `window` (SESSION_LOCKED), or a name or client the process-wide
    throttle holds (LOCKED, failures of every session count). `now` is wall-clock seconds
    (time.time()) for the session's own failures."""
    now = time.time() if now is None else now
    recent = tuple(t for t in session_failures if now - t < window)
    if not editors:
        return Attempt(CLOSED, failures=recent)
    if len(recent) >= session_limit:
        return Attempt(SESSION_LOCKED, wait=math.ceil(window - (now - recent[-session_limit])), failures=recent)
    name = (user or "").strip()
    locked_for = throttle.blocked_for(name or None, client) if throttle is not None else 0.0
    if locked_for:
        return Attempt(LOCKED, wait=math.ceil(locked_for), failures=recent)
    signed = sign_in(editors, name, password, throttle=throttle, client=client)
    if signed is not None:
        return Attempt(SIGNED_IN, actor=signed)
    return Attempt(WRONG, failures=recent + (now,))
