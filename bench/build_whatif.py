"""What would further build fixes save? Times the 1× build as is, then with each candidate fix
applied as a monkeypatch (the project files are NOT changed), in fresh child processes.

    python -m bench.build_whatif [--reps 5]

The three fixes first measured here (diagnosed with pyinstrument, see docs/PERFORMANCE.md) are now
in the code, so their variants are gone; "as is" measures them:
- the department alias map is built once per load (rosters passes alias_map() to canonical(),
  as targets and campaigns already did) instead of once per roster member;
- source.paragraphs()/campaigns.blocks() call ends_sentence(text, normalised=True) on the already
  normalised paragraph instead of re-normalising it for every printed line;
- loaders.build._comment() sends each table's COMMENT statements in one execute, and the whole
  file is written in one transaction.
Remaining candidate:
- norm_cache: a bounded lru_cache on loaders.text.norm() (a pure function of a str), which is
  still called more than once on some lines (documents.split_*, clean_line, compact …).
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, load_note, save

CHILD = r"""
import functools, json, sys, time
from pathlib import Path
fixes = set(filter(None, sys.argv[2].split(",")))
from loaders import build as b
import loaders
if "norm_cache" in fixes:
    from loaders import text
    cached = functools.lru_cache(maxsize=65536)(text.norm)
    for name, module in list(sys.modules.items()):
        if name.startswith(("loaders", "store")) and getattr(module, "norm", None) is text.norm:
            module.norm = cached
    text.norm = cached
raw, ref, out = Path("data/raw"), Path("data/reference"), Path(sys.argv[1])
w0, c0 = time.perf_counter(), time.process_time()
b.build(raw, out, ref)
first = (time.perf_counter() - w0, time.process_time() - c0)
w0 = time.perf_counter(); tables, info = b.collect(raw, ref); collect_s = time.perf_counter() - w0
w0 = time.perf_counter(); b.write_database(tables, info, out); write_s = time.perf_counter() - w0
print("RESULT " + json.dumps({"build_s": first[0], "cpu_s": first[1], "collect_s": collect_s, "write_s": write_s}))
"""

VARIANTS = ["", "norm_cache"]


def run(fixes: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run([sys.executable, "-c", CHILD, str(Path(tmp) / "g.duckdb"), fixes], cwd=ROOT,
                              capture_output=True, text=True, timeout=300, check=False)
    if done.returncode:
        raise RuntimeError(done.stderr[-2000:])
    return json.loads(next(out for out in done.stdout.splitlines() if out.startswith("RESULT "))[7:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args(argv)
    print(load_note())
    results: dict[str, list] = {v or "as is": [] for v in VARIANTS}
    for _ in range(args.reps):          # interleaved, so load changes hit every variant alike
        for variant in VARIANTS:
            results[variant or "as is"].append(run(variant))
    print(load_note())
    print(f"\n{'variant':<42}{'build wall':>12}{'build CPU':>12}{'warm parse':>12}{'warm write':>12}   (median of {args.reps})")
    medians = {}
    for name, runs in results.items():
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        medians[name] = med
        print(f"{name:<42}{med['build_s']:>11.3f}s{med['cpu_s']:>11.3f}s{med['collect_s']:>11.3f}s{med['write_s']:>11.3f}s")
    path = save("build_whatif", {"reps": args.reps, "runs": results, "median": medians,
                                 "command": "python -m bench.build_whatif " + " ".join(argv or sys.argv[1:])})
    print(f"\nwritten {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
