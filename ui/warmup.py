"""Warm-up at server start: once the server is up, while the browser loads its JavaScript, a thread
does the work the first visit of the overview would otherwise do on the critical path.

serve.py starts it (GAZETTE_WARMUP=0 turns it off; `streamlit run dashboard.py` never starts it). It
1. imports the libraries and modules the first script run needs (pandas, Plotly, DuckDB, the store
   and ui modules: about half a second of CPU the bare app has too, but the app pays it later);
2. opens the served DuckDB file (store.db's process-wide connection) and runs the overview's queries
   through ui.data, so their answers are in st.cache_data when the page asks (the same calls with the
   same arguments as dashboard.py and pages/overview.py make on a first visit: latest editions, all
   districts, no town, Chinese);
3. builds the overview's three charts into ui.memo's figure cache (memo.prime);
4. then, for the first switch to English (the language change of issue 16): compiles the English
   catalogue (ui.i18n.translations: ~50 ms of CPU, once per process) and builds the overview's three
   charts again with the English labels, as a session speaking English asks for them. The queries'
   answers do not depend on the language, so they are not run again.

It never blocks or breaks a page: it holds no lock a page waits on longer than the page would take to
do the same work itself, every error is logged and swallowed, and it does nothing when the database is
missing or stale (the first page run builds it, as before). Nothing here is needed for correctness:
a page that runs before the warm-up has finished simply computes what it needs.
"""
from __future__ import annotations

import importlib
import logging
import os
import sys
import threading
import time

ENV = "GAZETTE_WARMUP"
THREAD_NAME = "gazette-warmup"
log = logging.getLogger(__name__)

# What the first run of dashboard.py + pages/overview.py imports (libraries first: they are the bulk).
MODULES = ("pandas", "pyarrow", "duckdb", "plotly.graph_objects", "plotly.express",
           "store.db", "store.curated", "store.editions", "ui.data", "ui.i18n", "ui.filters", "ui.charts",
           "ui.layout", "ui.provenance", "ui.format", "ui.theme", "ui.rebuild", "ui.meeting")

# Streamlit warns about a call outside a script run; from this thread that is the point, not a mistake.
QUIET_LOGGERS = ("streamlit.runtime.scriptrunner_utils.script_run_context",
                 "streamlit.runtime.state.session_state_proxy", "streamlit.runtime.caching.cache_data_api")
_last: dict = {}


class _NotFromWarmup(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != THREAD_NAME


def _quiet() -> None:
    for name in QUIET_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, _NotFromWarmup) for f in logger.filters):
            logger.addFilter(_NotFromWarmup())


def enabled() -> bool:
    return os.environ.get(ENV, "1").strip().lower() not in ("0", "false", "no", "off")


def start(runtime_wait: float = 30.0) -> threading.Thread | None:
    """Start the warm-up in a daemon thread (None when GAZETTE_WARMUP=0). Called before the server
    starts, it waits up to `runtime_wait` s for the server to be up before it begins (_wait_for_server)."""
    if not enabled():
        return None
    thread = threading.Thread(target=run, args=(runtime_wait,), name=THREAD_NAME, daemon=True)
    thread.start()
    return thread


def last_report() -> dict:
    """What the last run did: phase -> CPU seconds of the warm-up thread, plus 'skipped' / 'error'."""
    return dict(_last)


def run(runtime_wait: float = 0.0) -> dict:
    """Do the warm-up in this thread; returns (and keeps, see last_report) a report. Never raises."""
    report: dict = {}
    clock = time.thread_time()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.thread_time()
        report[name] = round(now - clock, 4)
        clock = now

    try:
        if runtime_wait:
            report["server_up"] = _wait_for_server(runtime_wait)
            clock = time.thread_time()
        _quiet()
        for name in MODULES:
            importlib.import_module(name)
        lap("imports")
        from store import db
        from ui import rebuild

        if not db.database_path().exists() or rebuild.needs_build():
            report["skipped"] = "database missing or older than its sources: the first page run builds it"
            return report
        db.connection()
        lap("duckdb_open")
        frames = overview_queries()
        lap("queries")
        report["figures_built"] = overview_figures(frames)
        lap("figures")
        from ui import i18n

        for code in i18n.LANGUAGES:
            i18n.translations(code)
        lap("catalogues")
        report["figures_built_other_languages"] = sum(
            overview_figures(frames, code) for code in i18n.LANGUAGES if code != i18n.DEFAULT)
        lap("figures_other_languages")
    except Exception as exc:
        report["error"] = f"{type(exc).__name__}: {exc}"
        log.warning("warm-up stopped: %s", report["error"], exc_info=True)  # with its traceback
    finally:
        _last.clear()
        _last.update(report)
    return report


def _wait_for_server(timeout: float) -> bool:
    """Until Streamlit's runtime has started (the server is listening), at most `timeout` s.

    Started before the server, the warm-up would share the interpreter with Streamlit's own start-up
    and delay the moment a browser can connect; from then on the server is idle while the browser
    loads and runs its JavaScript, which is when the warm-up runs. It also means st.cache_data keeps
    the answers in the running server's cache. Only sys.modules is read here: importing Streamlit from
    this thread while the main thread imports it is avoided. In a process without a server (tests)
    `timeout` is 0."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        module = sys.modules.get("streamlit.runtime.runtime")
        instance = getattr(getattr(module, "Runtime", None), "_instance", None)
        state = getattr(getattr(instance, "state", None), "value", "INITIAL")
        if state != "INITIAL":
            return True
        time.sleep(0.02)
    return False


def overview_queries() -> dict:
    """The cached queries of a first visit of `/` (dashboard.py's sidebar, the overview, the footer),
    called as those scripts call them."""
    import pandas as pd

    from ui.data import curated, towns
    from ui.data import editions as ed
    from ui.provenance import citation

    loaded = ed.editions()
    ed.districts(loaded)
    curated.towns()
    curated.bulletin_titles()
    scope = ed.scope(ed.editions(), None, None)
    curated.towns_with_figures(scope)
    fund_plan = curated.plan_of("fund_totals", scope)
    totals = curated.fund_totals(scope)
    if fund_plan:
        totals = totals[totals.doc_id == fund_plan["doc_id"]]
    sources = curated.fund_by_source(scope)
    curated.fund_projects(town=None, bulletins=scope)
    towns.project_count(None, scope)
    curated.road_towns(None, scope)
    curated.insurance_quota(None, scope)
    curated.quality_counts(scope)
    all_roads = curated.road_towns(bulletins=scope)
    all_quota = curated.insurance_quota(bulletins=scope)
    total = totals[totals.measure == "统筹整合资金总额"]
    if not total.empty:
        citation(total.doc_id.iloc[0], int(total.line.iloc[0]), "zh")
    for frame in (sources, all_roads, all_quota):
        if not frame.empty:
            citation(frame.doc_id.iloc[0], frame.line, "zh")
    if not all_roads.empty:  # as pages/overview.py draws it: towns with no village listed shown with 0
        none_listed = curated.towns_without_roads(scope)[["town_name"]].assign(listed_count=0)
        all_roads = pd.concat([all_roads[["town_name", "listed_count"]], none_listed], ignore_index=True)
    return {"sources": sources, "roads": all_roads, "quota": all_quota}


def overview_figures(frames: dict, code: str = "zh") -> int:
    """The overview's three charts (pages/overview.py, no town chosen, in language `code`) into ui.memo,
    under the key a session in that language looks them up with (i18n.speaking)."""
    from ui import charts, glossary, i18n, memo
    from ui import format as fmt
    from ui.i18n import _

    built = 0
    with i18n.speaking(code):
        if not frames["sources"].empty:
            built += memo.prime(charts.bar_ranked, glossary.localise_frame(frames["sources"], code), "source_name", "amount_wan",
                                _("资金来源（万元）", code), _("金额（万元）", code), text_format=",.2f")
        if not frames["roads"].empty:
            built += memo.prime(charts.bar_ranked, frames["roads"], "town_name", "listed_count",
                                _("各镇街待硬化村数", code), _("村数", code), highlight=None,
                                unit=fmt.unit_suffix(" 个", lang=code))
        if not frames["quota"].empty:
            built += memo.prime(charts.bar_ranked, frames["quota"], "town_name", "quota_persons",
                                _("各镇街医保征缴任务（人）", code), _("人数", code), highlight=None,
                                unit=fmt.unit_suffix(" 人", lang=code))
    return built
