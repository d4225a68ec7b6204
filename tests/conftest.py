"""Shared fixtures: tables parsed from the real bulletins, and perturbed copies."""
from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Before anything imports openpyxl: its own XML writer, as the committed reliability corpus was
# written (with lxml installed — python-docx brings it — openpyxl would serialise other bytes).
os.environ["OPENPYXL_LXML"] = "False"

import pandas as pd
import pytest

from loaders.build import collect

if TYPE_CHECKING:
    import duckdb

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
REFERENCE = ROOT / "data" / "reference"
RAW_FILES = {"jiyang": "jiyang-gazette-2020-04.txt", "zhangqiu": "zhangqiu-campaigns-2025.txt"}


def bulletin_id(nickname: str) -> str:
    """The bulletin id the manifest gives the file of a nickname ('jiyang' -> its registered id)."""
    from loaders.source import read_manifest
    return next(r["bulletin_id"] for r in read_manifest(RAW) if r["file"] == RAW_FILES[nickname])


@pytest.fixture(scope="session")
def tables() -> dict[str, pd.DataFrame]:
    """Every curated table as the loaders produce it from data/raw."""
    result, _info = collect(RAW, REFERENCE)
    return result


def raw_text(bulletin: str) -> str:
    """The raw text of a bulletin, by nickname ('jiyang') or by its registered id."""
    from loaders.source import read_manifest
    file = RAW_FILES.get(bulletin) or next(r["file"] for r in read_manifest(RAW) if r["bulletin_id"] == bulletin)
    return (RAW / file).read_text(encoding="utf-8")


@pytest.fixture
def perturb(tmp_path: Path) -> Callable[..., dict[str, pd.DataFrame]]:
    """perturb("jiyang", edit) -> tables built from a copy whose text is edit(text).

    The edited file is a new text: its manifest row gets the new sha256 (the build refuses a
    file whose hash does not match its registration).
    """
    def run(bulletin_id: str, edit: Callable[[str], str]) -> dict[str, pd.DataFrame]:
        raw_copy = tmp_path / "raw"
        shutil.copytree(RAW, raw_copy, dirs_exist_ok=True)
        path = raw_copy / RAW_FILES[bulletin_id]
        edited = edit(path.read_text(encoding="utf-8"))
        assert edited != path.read_text(encoding="utf-8"), "the perturbation changed nothing"
        path.write_text(edited, encoding="utf-8")
        reregister(raw_copy, path)
        result, _info = collect(raw_copy, REFERENCE)
        return result
    return run


def reregister(raw_dir: Path, path: Path) -> None:
    """Record the current sha256 of `path` in raw_dir's manifest (a test that edits a raw copy)."""
    from loaders.source import read_manifest, sha256_of, write_manifest
    rows = read_manifest(raw_dir)
    for row in rows:
        if row["file"] == path.name:
            row["sha256"] = sha256_of(path)
    write_manifest(raw_dir, rows)


def dq(tables: dict[str, pd.DataFrame], check_id: str) -> pd.Series:
    """The data_quality row with this check_id: the full id, or the part after the document or
    bulletin scope ('funds.sector_total' for 'jiyang-2020-04-02:funds.sector_total')."""
    frame = tables["data_quality"]
    hit = frame[(frame.check_id == check_id) | frame.check_id.str.endswith(":" + check_id)]
    assert len(hit) == 1, f"no single data_quality row {check_id}: {list(frame.check_id)}"
    return hit.iloc[0]


def served(path: Path) -> Iterator[Path]:
    """Point the app's store (store.db) at `path` until the generator ends (module fixtures)."""
    from store import db
    from ui import data

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GAZETTE_DB", str(path))
        db.reset()
        data.clear()
        yield path
    db.reset()
    data.clear()


@pytest.fixture(scope="session")
def built_database(tmp_path_factory) -> Path:
    """data/raw built once per test process; not to be opened for writing (`database` hands out copies)."""
    from loaders.build import build

    path = tmp_path_factory.mktemp("curated-session") / "gazette.duckdb"
    build(RAW, path, REFERENCE)
    return path


@pytest.fixture(scope="module")
def database(tmp_path_factory, built_database: Path) -> Iterator[Path]:
    """A private build (a copy of the session's, byte for byte what the build wrote); the app's store
    (store.curated) is pointed at it for this module only."""
    path = tmp_path_factory.mktemp("curated") / "gazette.duckdb"
    shutil.copyfile(built_database, path)
    yield from served(path)


@pytest.fixture(autouse=True)
def no_failed_sign_ins_from_other_tests():
    """The sign-in throttle is process-wide (per name and per client, and every AppTest session is the
    same local client): each test starts without the failures earlier tests recorded."""
    from hotline import auth

    auth.THROTTLE.clear()
    yield
    auth.THROTTLE.clear()


_TWO_EDITIONS: dict[str, Any] = {}


def build_two_editions(folder: Path):
    """The real raw folder plus the next issue of the gazette made from it (fixtures/editions.py),
    registered with loaders.add and built into folder/gazette.duckdb.
    Returns (database path, raw folder, the new bulletin id, the Edits record).
    Registered and built once per test process, in a folder no test sees; each caller gets its own copy."""
    from loaders.add import register
    from loaders.build import build
    from tests.fixtures.editions import next_issue

    if not _TWO_EDITIONS:
        import atexit
        import tempfile

        made = Path(tempfile.mkdtemp(prefix="two-editions-"))
        atexit.register(shutil.rmtree, made, ignore_errors=True)
        shutil.copytree(RAW, made / "raw")
        text, edits = next_issue((RAW / RAW_FILES["jiyang"]).read_text(encoding="utf-8"))
        upload = made / "jiyang-gazette-next.txt"
        upload.write_text(text, encoding="utf-8")
        new = register(upload, made / "raw", {"kind": "gazette", "district": "济阳区"}).bulletin_id
        build(made / "raw", made / "gazette.duckdb", REFERENCE)
        _TWO_EDITIONS.update(folder=made, new=new, edits=edits)
    made = _TWO_EDITIONS["folder"]
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(made / "raw", folder / "raw")
    for name in ("jiyang-gazette-next.txt", "gazette.duckdb"):
        shutil.copyfile(made / name, folder / name)
    return folder / "gazette.duckdb", folder / "raw", _TWO_EDITIONS["new"], _TWO_EDITIONS["edits"]


def open_app(page: str | None = None, *, lang: str | None = None, query: dict[str, str] | None = None,
             page_query: dict[str, str] | None = None, state: dict | None = None,
             secrets: dict | None = None, timeout: float = 90, check: bool = True):
    """The one AppTest factory: dashboard.py run as a visitor opens it, then `page` ('pages/roads.py').

    lang/query: the URL of the first visit (?lang=en&edition=…), which binds the sidebar's widgets;
    page_query: parameters of the page's own link, set after switching to it (?tab=…);
    state: session_state set afterwards, then one more run (the sidebar's widgets are bound to
    session keys, and AppTest does not expose them after switch_page); secrets: st.secrets entries
    (e.g. {"editors": {...}}). timeout is AppTest's per-run limit, not an assertion on speed.
    With check, the app must have raised no exception."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    if lang:
        at.query_params["lang"] = lang
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page)
        for key, value in (page_query or {}).items():
            at.query_params[key] = value
        at.run()
    if state:
        for key, value in state.items():
            at.session_state[key] = value
        at.run()
    if check:
        assert not at.exception, [e.message for e in at.exception]
    return at


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> Any:
    """The one value `sql` returns; the test fails (naming the query) if it returns no row."""
    row = con.execute(sql, params or []).fetchone()
    assert row is not None, sql
    return row[0]


def metric(at, label_start: str) -> str:
    """The value of the st.metric labelled label_start, else of the first whose label starts with it
    (one must exist)."""
    hits = [m.value for m in at.metric if m.label == label_start]
    hits += [m.value for m in at.metric if m.label.startswith(label_start)]
    assert hits, f"no metric starting {label_start}: {[m.label for m in at.metric]}"
    return hits[0]


LAYERS = ("loaders", "store", "hotline", "ui", "app", "bench", "browser", "reliability", "snapshots")


def pytest_collect_file(file_path: Path, parent):
    """Tests mirror the code (tests/README.md): only test_layering.py stays at the top of tests/."""
    here = Path(__file__).resolve().parent
    if (file_path.suffix == ".py" and file_path.name.startswith("test_") and file_path.parent.resolve() == here
            and file_path.name != "test_layering.py"):
        raise pytest.UsageError(f"tests/{file_path.name}: move it into tests/<{'|'.join(LAYERS)}>/ and import "
                                "helpers as 'from tests.conftest import …' (tests/README.md)")
