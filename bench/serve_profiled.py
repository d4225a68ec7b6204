"""Start Streamlit with a timing hook on every script run — without touching dashboard.py.

    GAZETTE_PROFILE_LOG=/tmp/runs.jsonl python -m bench.serve_profiled run dashboard.py [streamlit options]
    GAZETTE_PROFILE_LOG=/tmp/runs.jsonl python -m bench.serve_profiled serve [streamlit options]   (as serve.py)

Wraps ScriptRunner._run_script (one call = one full rerun of the main script, page included) and
appends one JSON line per run: {"start": epoch s, "seconds": duration, "cpu": CPU seconds of the
script thread, "session": id, "page": hash}.
Without GAZETTE_PROFILE_LOG it is plain `streamlit`. With GAZETTE_PROFILE_PYINSTRUMENT=<dir> as well,
every run is also profiled with pyinstrument (needs the .venv python) and written to <dir>/run-NNNN.txt
(one directory per server: each server numbers its runs from 0).
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
        start_epoch, start, cpu = time.time(), time.perf_counter(), time.thread_time()
        try:
            return original(self, rerun_data)
        finally:
            if profiler:
                profiler.stop()
                with open(os.path.join(profile_dir, f"run-{next(counter):04d}.txt"), "w", encoding="utf-8") as out:
                    out.write(profiler.output_text(unicode=True, show_all=False))
            record = {"start": start_epoch, "seconds": time.perf_counter() - start, "cpu": time.thread_time() - cpu,
                      "session": getattr(self, "_session_id", None),
                      "page": getattr(rerun_data, "page_script_hash", None)}
            with lock, open(log_path, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(record) + "\n")

    # Replacing the method is what this script is for (it times every rerun of the real server).
    script_runner.ScriptRunner._run_script = timed  # type: ignore[method-assign]


def main() -> None:
    log_path = os.environ.get("GAZETTE_PROFILE_LOG")
    if log_path:
        install(log_path)
    if sys.argv[1:2] == ["serve"]:          # the dashboard as serve.py starts it (warm-up included)
        import serve

        sys.argv = ["serve.py", *sys.argv[2:]]
        serve.main()
        return
    from streamlit.web import cli

    sys.argv = ["streamlit", *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
