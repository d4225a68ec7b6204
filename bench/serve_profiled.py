"""Start Streamlit with a timing hook on every script run — without touching dashboard.py.

    GAZETTE_PROFILE_LOG=/tmp/runs.jsonl python -m bench.serve_profiled run dashboard.py [streamlit options]

Wraps ScriptRunner._run_script (one call = one full rerun of the main script, page included) and
appends one JSON line per run: {"start": epoch s, "seconds": duration, "session": id, "page": hash}.
Without GAZETTE_PROFILE_LOG it is plain `streamlit`. With GAZETTE_PROFILE_PYINSTRUMENT=<dir> as well,
every run is also profiled with pyinstrument (needs the .venv python) and written to <dir>/run-NNNN.txt.
GAZETTE_WHATIF=lazy_downloads,cached_figures applies proposed fixes as monkeypatches (see install_whatif).
"""
from __future__ import annotations

import json
import os
import sys
import threading
import time


def install(log_path: str) -> None:
    from streamlit.runtime.scriptrunner import script_runner

    original = script_runner.ScriptRunner._run_script
    lock = threading.Lock()

    profile_dir = os.environ.get("GAZETTE_PROFILE_PYINSTRUMENT")
    counter = iter(range(10**9))

    def timed(self, rerun_data):
        profiler = None
        if profile_dir:
            from pyinstrument import Profiler
            profiler = Profiler(interval=0.0005)
            profiler.start()
        start_epoch, start = time.time(), time.perf_counter()
        try:
            return original(self, rerun_data)
        finally:
            if profiler:
                profiler.stop()
                with open(os.path.join(profile_dir, f"run-{next(counter):04d}.txt"), "w", encoding="utf-8") as out:
                    out.write(profiler.output_text(unicode=True, show_all=False))
            record = {"start": start_epoch, "seconds": time.perf_counter() - start,
                      "session": getattr(self, "_session_id", None),
                      "page": getattr(rerun_data, "page_script_hash", None)}
            with lock, open(log_path, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(record) + "\n")

    script_runner.ScriptRunner._run_script = timed


def install_whatif(fixes: set[str]) -> None:
    """Proposed fixes in other people's files, applied as monkeypatches so their effect can be
    measured before anyone edits those files (GAZETTE_WHATIF=lazy_downloads,cached_figures)."""
    import streamlit as st

    if "lazy_downloads" in fixes:
        # ui/downloads.py builds the CSV and the Excel file of every table on every rerun; st.download_button
        # accepts a callable, which Streamlit runs only when the button is clicked.
        from ui import downloads

        def download_buttons(frame, stem, key=None):
            stem = downloads.safe_stem(stem)
            key = key or stem
            left, right = st.columns(2)
            left.download_button("下载 CSV", lambda: downloads.to_csv_bytes(frame), f"{stem}.csv", "text/csv",
                                 key=f"csv-{key}", icon=":material/download:")
            right.download_button("下载 Excel", lambda: downloads.to_excel_bytes(frame), f"{stem}.xlsx",
                                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                  key=f"xlsx-{key}", icon=":material/table:")

        downloads.download_buttons = download_buttons
        for name, module in list(sys.modules.items()):
            if name.startswith(("pages", "ui")) and getattr(module, "download_buttons", None) is not None:
                module.download_buttons = download_buttons
    if "cached_figures" in fixes:
        # ui/charts.py rebuilds every Plotly figure (plotly.express validation) on every rerun, even when
        # its data did not change: memoise the pure builders on their arguments.
        import plotly.graph_objects as go
        from ui import charts

        for name in dir(charts):
            fn = getattr(charts, name)
            if callable(fn) and getattr(fn, "__module__", "") == "ui.charts" and not name.startswith("_"):
                if fn.__annotations__.get("return") in ("go.Figure", go.Figure):
                    setattr(charts, name, st.cache_resource(max_entries=512, show_spinner=False)(fn))


def main() -> None:
    log_path = os.environ.get("GAZETTE_PROFILE_LOG")
    if log_path:
        install(log_path)
    whatif = set(filter(None, os.environ.get("GAZETTE_WHATIF", "").split(",")))
    if whatif:
        sys.path.insert(0, os.getcwd())
        install_whatif(whatif)
    from streamlit.web import cli

    sys.argv = ["streamlit", *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
