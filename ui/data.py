"""The store as the app calls it: the one place its answers are cached, and the one place that cache is cleared.

store/ is plain Python and caches nothing; a function marked @cacheable (store.db) depends only on its
arguments and the served database. Here each one is wrapped once with st.cache_data, and pages and ui
import the store modules from this module instead of from store/:

    from ui.data import curated, campaigns
    curated.towns()          # cached
    curated.database_path()  # not cacheable: the store's own function

After the database is rebuilt, ui.rebuild calls clear().
"""
from __future__ import annotations

from types import ModuleType

import streamlit as st

import store.campaigns
import store.catalog
import store.compare
import store.curated
import store.editions
import store.people
import store.search
import store.towns
from store.db import is_cacheable

CACHE = {"ttl": 600, "max_entries": 256, "show_spinner": False}


class CachedStore:
    """A store module whose cacheable functions answer from st.cache_data; any other name is looked up
    in the module itself (so constants, types and uncached functions are the store's own)."""

    def __init__(self, module: ModuleType):
        self.module = module
        # only the module's own functions: one it imported is wrapped where it is defined
        self.cached = {name: st.cache_data(**CACHE)(value) for name, value in vars(module).items()
                       if is_cacheable(value) and getattr(value, "__module__", None) == module.__name__}

    def __getattr__(self, name: str):
        cached = self.__dict__.get("cached", {})
        return cached[name] if name in cached else getattr(self.module, name)

    def __repr__(self) -> str:
        return f"<cached {self.module.__name__}: {len(self.cached)} functions>"


curated = CachedStore(store.curated)
campaigns = CachedStore(store.campaigns)
catalog = CachedStore(store.catalog)
compare = CachedStore(store.compare)
editions = CachedStore(store.editions)
people = CachedStore(store.people)
search = CachedStore(store.search)
towns = CachedStore(store.towns)
STORES = (curated, campaigns, catalog, compare, editions, people, search, towns)


def clear() -> None:
    """Forget every cached answer (the database file was replaced)."""
    for cached in STORES:
        for function in cached.cached.values():
            function.clear()
