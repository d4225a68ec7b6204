"""One-way layering, read from the imports themselves (every import statement, also those inside
functions): loaders/ → built DuckDB → store/ → pages/ + ui/. The store is plain Python that neither
builds nor knows the web framework; the loaders and the hotline toolkit know neither the store nor the
app; textkit (text functions both sides share) imports none of them. views/ (what pages show, one
function per tab or wizard) is held to the pages' rules: no SQL, no parsing, no database driver.
Caching is applied in one place."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APP = ("streamlit", "ui", "pages", "views", "dashboard")

FORBIDDEN = {
    "store": ("streamlit", "loaders", "ui", "pages", "dashboard"),
    "loaders": ("store", *APP),
    "hotline": ("store", "loaders", *APP),
    "textkit": ("store", "loaders", "hotline", *APP),
    "views": ("loaders", "duckdb", "sqlite3", "pages", "dashboard"),
    "ui": ("pages", "views"),
}
# The upload wizard hands the uploaded file to the loaders (their preview and registration entry points,
# their error type) and shows what they found; it parses nothing itself.
ALLOWED = {"views/add/": ("loaders.add", "loaders.convert", "loaders.errors", "loaders.source")}


def imported_modules(path: Path, root: Path = ROOT) -> set[str]:
    """Every module an import statement of `path` names (relative imports resolved against its package)."""
    package = path.relative_to(root).with_suffix("").parts[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[:len(package) - node.level + 1]) if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def offending_imports(package: str, forbidden: tuple[str, ...], root: Path = ROOT) -> list[str]:
    files = sorted((root / package).rglob("*.py"))
    assert files, f"no Python files under {package}/"
    return [f"{path.relative_to(root).as_posix()} imports {module}"
            for path in files for module in sorted(imported_modules(path, root))
            if module.split(".")[0] in forbidden and not _allowed(path.relative_to(root).as_posix(), module)]


def _allowed(path: str, module: str) -> bool:
    return any(path.startswith(prefix) and (module in entry_points or module.rsplit(".", 1)[0] in entry_points)
               for prefix, entry_points in ALLOWED.items())


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(package):
    assert offending_imports(package, FORBIDDEN[package]) == []


def test_views_hold_no_sql():
    """A view asks the store for frames; no SQL text is written in views/ (as in pages/)."""
    import re

    sql = re.compile(r"\b(SELECT\b[\s\S]*\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE)\b",
                     re.IGNORECASE)
    found = [f"{path.relative_to(ROOT).as_posix()}:{node.lineno}"
             for path in sorted((ROOT / "views").rglob("*.py"))
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Constant) and isinstance(node.value, str) and sql.search(node.value)]
    assert found == []


def test_the_check_sees_imports_inside_functions_and_relative_ones(tmp_path):
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "probe.py").write_text(
        "def later():\n    import streamlit as st\n    from ..loaders import build\n", encoding="utf-8")
    assert offending_imports("store", FORBIDDEN["store"], tmp_path) == [
        "store/probe.py imports loaders", "store/probe.py imports loaders.build", "store/probe.py imports streamlit"]


def test_importing_the_store_and_the_build_loads_no_streamlit():
    code = ("import sys, importlib, pkgutil, store, loaders.build, hotline\n"
            "for m in pkgutil.iter_modules(store.__path__): importlib.import_module('store.' + m.name)\n"
            "print(sorted(n for n in sys.modules if n.split('.')[0] in ('streamlit', 'ui', 'pages')))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_only_ui_data_applies_streamlit_caching():
    """The store's answers are cached (and that cache cleared) in one adapter, nowhere else in the app."""
    naming = {str(path.relative_to(ROOT))
              for path in [ROOT / "dashboard.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "views").rglob("*.py"),
                           *(ROOT / "ui").glob("*.py"),
                           *(ROOT / "store").glob("*.py")]
              for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
              if isinstance(node, ast.Attribute) and node.attr in ("cache_data", "cache_resource")}
    assert naming == {"ui/data.py"}


def test_every_store_module_with_cacheable_functions_is_cached_by_ui_data():
    import importlib
    import pkgutil

    import store
    from store.db import is_cacheable
    from ui import data

    wrapped = {cached.module.__name__ for cached in data.STORES}
    for info in pkgutil.iter_modules(store.__path__):
        module = importlib.import_module(f"store.{info.name}")
        own = [name for name, value in vars(module).items()
               if is_cacheable(value) and value.__module__ == module.__name__]
        assert not own or module.__name__ in wrapped, f"{module.__name__}: {own} are cached nowhere"
    assert data.curated.towns is not store.curated.towns and data.curated.towns.clear
    assert data.curated.database_path is store.curated.database_path
