"""Memoised figure builders: a Plotly figure is rebuilt only when its data, its arguments or the
language change, not on every rerun (building through plotly.express took 25–110 ms a chart).

The key is the builder, its arguments and the session's language. A DataFrame counts by its
content (a digest of its pickle: ~0.06 ms for a page's table, where pandas' row hashes took
~1 ms and Streamlit's cache hashing ~5 ms), so new data after a rebuild, another town or
another language makes a new figure. Builders do not read the Streamlit theme: st.plotly_chart
applies it in the browser.

The figure returned is SHARED between reruns and sessions. Only read it (st.plotly_chart and
the alt text do); copy it first (`go.Figure(fig)`, as ui/theme.py does) to change anything.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

import pandas as pd

MAX_ENTRIES = 256   # a few charts per page × 11 town choices × 2 languages, with room to spare
F = TypeVar("F", bound=Callable)

_figures: OrderedDict[tuple, object] = OrderedDict()
_lock = threading.Lock()
_SCALARS = (str, int, float, bool, type(None), Decimal, dt.date, dt.datetime, pd.Timestamp)


class _Unkeyable(Exception):
    """An argument this module cannot fingerprint: the builder then simply runs."""


def _frame_bytes(value: pd.DataFrame | pd.Series) -> bytes:
    """Values, dtypes, columns and index, independent of the memory layout: a frame fresh from a
    query and the same frame out of st.cache_data (consolidated blocks) pickle differently."""
    columns = list(value.columns) if isinstance(value, pd.DataFrame) else [value.name]
    dtypes = [str(t) for t in (value.dtypes if isinstance(value, pd.DataFrame) else [value.dtype])]
    try:
        cells = pd.util.hash_pandas_object(value, index=True).to_numpy().tobytes()
    except TypeError:  # unhashable cells (lists): the pickle, layout and all
        try:
            cells = pickle.dumps(value, protocol=5)
        except Exception as exc:
            raise _Unkeyable from exc
    return pickle.dumps((columns, dtypes, cells), protocol=5)


def fingerprint(value) -> object:
    """A hashable stand-in for an argument: equal keys mean equal content (the reverse need
    not hold; a frame laid out differently in memory only costs a rebuild)."""
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return (type(value).__name__, hashlib.blake2b(_frame_bytes(value), digest_size=16).digest())
    if isinstance(value, _SCALARS):
        return (type(value).__name__, value)
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(fingerprint(v) for v in value))
    if isinstance(value, dict):
        return ("dict", tuple((fingerprint(k), fingerprint(v)) for k, v in value.items()))
    try:   # frozen dataclasses (hotline Target) and other hashable values
        hash(value)
    except TypeError as exc:
        raise _Unkeyable from exc
    return (type(value).__module__, type(value).__qualname__, value)


def _key(name: str, args: tuple, kwargs: dict) -> tuple:
    from ui.i18n import lang  # builders may translate with the session's language

    return (name, lang(), fingerprint(args), fingerprint(sorted(kwargs.items())))


def figure(builder: F) -> F:
    """Decorator for a pure `… -> go.Figure` builder; see the module docstring."""
    name = f"{builder.__module__}.{builder.__qualname__}"

    @functools.wraps(builder)
    def cached(*args, **kwargs):
        try:
            key = _key(name, args, kwargs)
        except _Unkeyable:
            return builder(*args, **kwargs)
        with _lock:
            fig = _figures.get(key)
            if fig is not None:
                _figures.move_to_end(key)
                return fig
        fig = builder(*args, **kwargs)   # outside the lock: two sessions may build the same figure once each
        with _lock:
            _figures[key] = fig
            while len(_figures) > MAX_ENTRIES:
                _figures.popitem(last=False)
        return fig

    cached.__dict__.update(uncached=builder, memo_name=name)  # function attributes; wraps() types have no slot
    return cached  # type: ignore[return-value]


def clear() -> None:
    with _lock:
        _figures.clear()


def prime(builder: Callable, *args, **kwargs) -> bool:
    """Build and keep the figure `builder(*args, **kwargs)` before a page asks for it (ui.warmup, at
    server start). `builder` is a @figure builder, called with exactly the arguments the page passes
    (positional and keyword alike), so the page finds it under the same key. Outside a script run the
    language is the default one, as on a first visit, unless the caller sets another with
    ui.i18n.speaking(code) (the warm-up's English charts). True when the figure was built now."""
    name = getattr(builder, "memo_name", None)
    if name is None:
        raise TypeError(f"{builder!r} is not a @memo.figure builder")
    try:
        key = _key(name, args, kwargs)
    except _Unkeyable:
        return False
    with _lock:
        if key in _figures:
            return False
    builder(*args, **kwargs)
    return True
