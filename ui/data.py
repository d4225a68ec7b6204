"""The store as the app calls it: the one place its answers are cached, and the one place that cache is cleared.

store/ is plain Python and caches nothing; a function marked @cacheable (store.db) depends only on its
arguments and the served database. Here each one is wrapped once with st.cache_data, and pages and ui
import the store modules from this module instead of from store/:

    from ui.data import curated, campaigns
    curated.towns()          # cached
    curated.database_path()  # not cacheable: the store's own function

A store module is imported when a page first uses it, and each function is wrapped when it is first
looked up (wrapping all of them up front cost ~0.1 s of CPU on the first visit, which mostly uses
store.curated and store.editions).

After the database is rebuilt, ui.rebuild calls clear().
"""
from __future__ import annotations

import importlib
import threading
from types import ModuleType
from typing import TypedDict

import streamlit as st

from store.db import is_cacheable


class CacheOptions(TypedDict):
    """st.cache_data's arguments for every store function (typed, so they can be passed as **CACHE)."""
    ttl: int
    max_entries: int
    show_spinner: bool


CACHE: CacheOptions = {"ttl": 600, "max_entries": 256, "show_spinner": False}


class CachedStore:
    """A store module whose cacheable functions answer from st.cache_data; any other name is looked up
    in the module itself (so constants, types and uncached functions are the store's own)."""

    def __init__(self, module_name: str):
        self.module_name = module_name
        self._module: ModuleType | None = None
        self._wrapped: dict = {}
        self._lock = threading.Lock()

    @property
    def module(self) -> ModuleType:
        if self._module is None:
            self._module = importlib.import_module(self.module_name)
        return self._module

    @property
    def cached(self) -> dict:
        """Every cacheable function of the module, wrapped (wraps the ones not looked up yet)."""
        for name, value in list(vars(self.module).items()):
            if self._own_cacheable(value):
                self._wrap(name, value)
        return dict(self._wrapped)

    def _own_cacheable(self, value) -> bool:
        # only the module's own functions: one it imported is wrapped where it is defined
        return is_cacheable(value) and getattr(value, "__module__", None) == self.module_name

    def _wrap(self, name: str, value):
        with self._lock:
            if name not in self._wrapped:
                self._wrapped[name] = st.cache_data(**CACHE)(value)
            return self._wrapped[name]

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        wrapped = self.__dict__["_wrapped"].get(name)
        if wrapped is not None:
            return wrapped
        value = getattr(self.module, name)
        return self._wrap(name, value) if self._own_cacheable(value) else value

    def __repr__(self) -> str:
        return f"<cached {self.module_name}: {len(self._wrapped)} functions wrapped so far>"


curated = CachedStore("store.curated")
campaigns = CachedStore("store.campaigns")
catalog = CachedStore("store.catalog")
compare = CachedStore("store.compare")
editions = CachedStore("store.editions")
people = CachedStore("store.people")
search = CachedStore("store.search")
towns = CachedStore("store.towns")
STORES = (curated, campaigns, catalog, compare, editions, people, search, towns)


def clear() -> None:
    """Forget every cached answer (the database file was replaced); only functions wrapped so far
    can hold any."""
    for cached in STORES:
        for function in list(cached._wrapped.values()):
            function.clear()
