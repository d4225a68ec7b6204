"""Curated build at 1× (today's two bulletins): time and peak memory, several repetitions.

    python -m bench.build_bench [--reps 7] [--raw data/raw]

Each repetition runs in a fresh child process (so imports, caches and memory start cold):
- import_s: importing loaders.build (pandas, duckdb, jieba-free loaders …);
- build_s: wall time of loaders.build.build() (parse + write the DuckDB file), cpu_s its CPU time
  (robust against other processes competing for the 2 cores);
- collect_s / write_s: the parse step and the DuckDB write step separately (second build in the
  same child, warm);
- maxrss_mb: ru_maxrss of the child (peak RSS of the whole process, imports included);
- tracemalloc_peak_mb: peak Python-heap allocation during build() (separate child, since
  tracemalloc slows the run down).
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, load_note, machine, save

CHILD = r"""
import json, resource, sys, time, tracemalloc
from pathlib import Path
t0 = time.perf_counter()
from loaders import build as b
import_s = time.perf_counter() - t0
raw, ref, out, trace = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4] == "1"
if trace:
    tracemalloc.start()
w0, c0 = time.perf_counter(), time.process_time()
b.build(raw, out, ref)
build_s, cpu_s = time.perf_counter() - w0, time.process_time() - c0
result = {"import_s": import_s, "build_s": build_s, "cpu_s": cpu_s,
          "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
          "db_bytes": out.stat().st_size}
if trace:
    result["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
else:
    w0 = time.perf_counter(); tables, info = b.collect(raw, ref); result["collect_s"] = time.perf_counter() - w0
    w0 = time.perf_counter(); b.write_database(tables, info, out); result["write_s"] = time.perf_counter() - w0
print("RESULT " + json.dumps(result))
"""


def run_child(raw: Path, reference: Path, trace: bool, python: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        done = subprocess.run([python, "-c", CHILD, str(raw), str(reference), str(Path(tmp) / "g.duckdb"),
                               "1" if trace else "0"], cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    line = next(out for out in done.stdout.splitlines() if out.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--raw", type=Path, default=ROOT / "data" / "raw")
    parser.add_argument("--reference", type=Path, default=ROOT / "data" / "reference")
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args(argv)

    print(f"machine: {machine()}")
    print(f"before: {load_note()}")
    runs = []
    for rep in range(args.reps):
        runs.append(run_child(args.raw, args.reference, False, args.python))
        r = runs[-1]
        print(f"  rep {rep + 1}: build {r['build_s']:.3f} s (cpu {r['cpu_s']:.3f} s), import {r['import_s']:.3f} s, "
              f"warm collect {r['collect_s']:.3f} s + write {r['write_s']:.3f} s, maxrss {r['maxrss_mb']:.0f} MiB")
    traced = [run_child(args.raw, args.reference, True, args.python) for _ in range(max(1, args.reps // 3))]
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    med["tracemalloc_peak_mb"] = statistics.median(r["tracemalloc_peak_mb"] for r in traced)
    print(f"after: {load_note()}")
    print(f"\nBuild at 1× ({args.reps} cold child processes, median):")
    print(f"  build() wall      {med['build_s']:.3f} s   (target < 1 s)")
    print(f"  build() CPU       {med['cpu_s']:.3f} s")
    print(f"  warm collect      {med['collect_s']:.3f} s   (parsing only)")
    print(f"  warm write        {med['write_s']:.3f} s   (DuckDB file)")
    print(f"  import loaders    {med['import_s']:.3f} s")
    print(f"  peak RSS          {med['maxrss_mb']:.0f} MiB (ru_maxrss, whole process)")
    print(f"  tracemalloc peak  {med['tracemalloc_peak_mb']:.1f} MiB (Python heap during build)")
    print(f"  DB size           {med['db_bytes'] / 1024:.0f} KiB")
    path = save("build_bench", {"reps": args.reps, "runs": runs, "traced": traced, "median": med,
                                "command": "python -m bench.build_bench " + " ".join(argv or sys.argv[1:])})
    print(f"\nwritten {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
