"""CPU of one script run after a language change, against a town change (issue 16: the language
change missed its 250 ms p95 while the town change met it). CPU time, not wall time, so that a busy
machine barely moves the figures.

    python -m bench.lang_switch_cpu [--page pages/funds.py] [--repeat 21] [--profile DIR]

dashboard.py (+ --page) runs in AppTest in this process, as a visitor opens it (Chinese). Then:
- first English run: the first run in English of this process (the catalogue, the English caches
  and figures are built here unless the warm-up already did — run once with ui.warmup.run() first
  with --warmup, as serve.py does);
- steady language changes: 中文 ↔ English alternating, --repeat runs each way;
- town changes: all towns ↔ the first town, --repeat runs (the same page, for comparison).
Each run is timed with time.process_time() (all threads of this process: the script runs in
AppTest's thread); medians are printed. --profile writes a pyinstrument profile of one steady
English run, the first English run and one town run to DIR.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed_run(at) -> float:
    start = time.process_time()
    at.run()
    if at.exception:
        raise RuntimeError([e.message for e in at.exception])
    return time.process_time() - start


_profile_to: list[Path] = []   # where the next script run's profile goes (set by profile_run)


def _install_profiler() -> None:
    """Profile inside the script thread (pyinstrument follows one thread; AppTest runs the script in its own)."""
    from pyinstrument import Profiler
    from streamlit.runtime.scriptrunner import script_runner

    original = script_runner.ScriptRunner._run_script

    def profiled(self, rerun_data):
        if not _profile_to:
            return original(self, rerun_data)
        out = _profile_to.pop()
        profiler = Profiler(interval=0.0005)
        profiler.start()
        try:
            return original(self, rerun_data)
        finally:
            profiler.stop()
            out.write_text(profiler.output_text(unicode=True, show_all=False), encoding="utf-8")

    script_runner.ScriptRunner._run_script = profiled  # type: ignore[method-assign]


def profile_run(at, out: Path) -> None:
    _profile_to.append(out)
    at.run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--page", default=None, help="e.g. pages/funds.py (default: the overview)")
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--warmup", action="store_true", help="run ui.warmup.run() first, as serve.py does")
    parser.add_argument("--profile", type=Path, default=None)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from streamlit.testing.v1 import AppTest

    from ui import i18n
    from ui.filters import ALL_TOWNS, TOWN_KEY

    if args.profile:
        _install_profiler()
    if args.warmup:
        from ui import warmup
        print("warm-up:", warmup.run(), flush=True)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    first_zh = timed_run(at)
    if args.page:
        at.switch_page(args.page)
        first_zh = timed_run(at)
    at.session_state[i18n.LANG_KEY] = "en"
    if args.profile:   # the profile of the first English run (its CPU figure then includes the profiler)
        args.profile.mkdir(parents=True, exist_ok=True)
        start = time.process_time()
        profile_run(at, args.profile / "first_en.txt")
        first_en = time.process_time() - start
    else:
        first_en = timed_run(at)
    at.session_state[i18n.LANG_KEY] = "zh"
    timed_run(at)
    to_en, to_zh = [], []
    for _ in range(args.repeat):
        at.session_state[i18n.LANG_KEY] = "en"
        to_en.append(timed_run(at))
        at.session_state[i18n.LANG_KEY] = "zh"
        to_zh.append(timed_run(at))
    from ui.data import curated

    town = curated.towns()["town_name"].iloc[0]
    towns = []
    for k in range(2 * args.repeat + 1):
        at.session_state[TOWN_KEY] = town if k % 2 == 0 else ALL_TOWNS
        elapsed = timed_run(at)
        if k:
            towns.append(elapsed)
    if args.profile:
        at.session_state[TOWN_KEY] = ALL_TOWNS
        at.run()
        at.session_state[i18n.LANG_KEY] = "en"
        profile_run(at, args.profile / "lang_en.txt")
        at.session_state[i18n.LANG_KEY] = "zh"
        profile_run(at, args.profile / "lang_zh.txt")
        at.session_state[TOWN_KEY] = town
        profile_run(at, args.profile / "town.txt")

    def med(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:.0f} ms"

    print(f"page {args.page or 'pages/overview.py'}: first run (zh) {first_zh * 1000:.0f} ms CPU, "
          f"first English run {first_en * 1000:.0f} ms")
    if not args.repeat:   # --repeat 0: the first English run only (one fresh process per figure)
        return 0
    print(f"  language change → English: median {med(to_en)} (n = {len(to_en)}), → 中文: median {med(to_zh)}; "
          f"both: {med(to_en + to_zh)}")
    print(f"  town change: median {med(towns)} (n = {len(towns)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
