"""Time and memory of every upload in the import corpus and of the real ranking fixtures.

    python -m bench.import_corpus                    # every corpus file + tests/fixtures/real/rankings
    python -m bench.import_corpus --only bomb        # names containing 'bomb'
    python -m bench.import_corpus --code /work/main  # the same files through another checkout's code

Each file runs in a child forked from a warm parent (pandas, openpyxl and the hotline modules
already imported), through the page's preview path: read_table → guess_kind → auto_mapping →
check. The child resets its peak-RSS counter (/proc/self/clear_refs) before the file, so
"peak MB" is the most memory the file's processing added on top of the warm process, and
"wall s" / "cpu s" are the file's own. A child that passes --limit seconds is killed and
reported as such (for the old code's bombs). Results go to bench/results/import_corpus.json.

Target (issue 13): every file ends — refused or previewed — in under 2 s and 200 MB.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import select
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "reliability" / "corpus"
REAL = ROOT / "tests" / "fixtures" / "real" / "rankings"


def _status(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1])  # kB
    return 0


def _files(only: str | None) -> list[Path]:
    files = sorted(p for p in CORPUS.iterdir() if p.name != "expected.json")
    if REAL.exists():
        files += sorted(p for p in REAL.iterdir() if p.suffix in (".csv", ".xlsx"))
    return [p for p in files if not only or only in p.name]


def _child(path: Path, write_fd: int) -> None:
    from hotline.fields import auto_mapping
    from hotline.reader import ReadError, read_table
    from hotline.validate import check, guess_kind
    try:  # the file name may carry the month (older code has no FileContext)
        from hotline.validate import FileContext
        context: FileContext | None = FileContext(file_name=path.name)
    except ImportError:
        context = None

    data = path.read_bytes()
    with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
        handle.write("5")  # reset VmHWM to the current RSS
    base = _status("VmRSS")
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    wall0 = time.perf_counter()
    try:
        table = read_table(data, path.name)
        kind = guess_kind(table.headers)
        mapping = auto_mapping(kind, table.headers)
        checked = check(table, kind, mapping, context) if context is not None else check(table, kind, mapping)
        outcome = "refused" if not checked.ok else "asks" if getattr(checked, "unknown_units", None) else "preview"
        message = (checked.messages() or list(getattr(checked, "notes", [])) or [""])[0]
    except ReadError as exc:
        outcome, message = "refused", str(exc)
    except Exception as exc:  # noqa: BLE001 - reported, not hidden
        outcome, message = "crashed", f"{type(exc).__name__}: {exc}"
    wall = time.perf_counter() - wall0
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    peak = _status("VmHWM")
    result = {"file": path.name, "kb": round(len(data) / 1024, 1), "wall_s": round(wall, 3),
              "cpu_s": round(cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime, 3),
              "peak_mb": round((peak - base) / 1024, 1), "rss_mb": round(peak / 1024, 1),
              "outcome": outcome, "message": str(message)[:90]}
    os.write(write_fd, json.dumps(result, ensure_ascii=False).encode())
    os._exit(0)


def run(path: Path, limit: float) -> dict:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _child(path, write_fd)
    os.close(write_fd)
    started = time.perf_counter()
    chunks = []
    while True:
        left = limit - (time.perf_counter() - started)
        ready, _, _ = select.select([read_fd], [], [], max(left, 0))
        if not ready:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(read_fd)
            return {"file": path.name, "kb": round(path.stat().st_size / 1024, 1), "wall_s": None, "cpu_s": None,
                    "peak_mb": None, "rss_mb": None, "outcome": f"killed after {limit:g} s", "message": ""}
        chunk = os.read(read_fd, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.waitpid(pid, 0)
    os.close(read_fd)
    return json.loads(b"".join(chunks).decode())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="only files whose name contains this")
    parser.add_argument("--code", type=Path, help="import the hotline package from this checkout instead")
    parser.add_argument("--limit", type=float, default=120.0, help="kill a file's child after this many seconds")
    args = parser.parse_args()
    if args.code:
        sys.path.insert(0, str(args.code.resolve()))
    else:
        sys.path.insert(0, str(ROOT))
    import openpyxl  # noqa: F401
    import pandas  # noqa: F401

    import hotline.fields
    import hotline.reader
    import hotline.validate  # noqa: F401
    from bench.common import load_note, save

    print(f"# {load_note()}; code from {args.code or ROOT}")
    print(f"{'file':46} {'KB':>8} {'wall s':>7} {'cpu s':>7} {'peak MB':>8} {'RSS MB':>7}  outcome")
    results = []
    for path in _files(args.only):
        r = run(path, args.limit)
        results.append(r)
        fmt = (lambda x, f: "—" if x is None else format(x, f))  # noqa: E731
        print(f"{r['file'][:46]:46} {r['kb']:8.1f} {fmt(r['wall_s'], '7.3f'):>7} {fmt(r['cpu_s'], '7.3f'):>7} "
              f"{fmt(r['peak_mb'], '8.1f'):>8} {fmt(r['rss_mb'], '7.1f'):>7}  {r['outcome']}: {r['message'][:60]}")
    timed = [r for r in results if r["wall_s"] is not None]
    over = [r["file"] for r in timed if r["wall_s"] >= 2 or r["peak_mb"] >= 200]
    crashed = [r["file"] for r in results if r["outcome"] == "crashed"]
    killed = [r["file"] for r in results if r["wall_s"] is None]
    summary = {"files": len(results), "max_wall_s": max((r["wall_s"] for r in timed), default=None),
               "max_peak_mb": max((r["peak_mb"] for r in timed), default=None),
               "max_rss_mb": max((r["rss_mb"] for r in timed), default=None),
               "over_2s_or_200mb": over, "crashed": crashed, "killed": killed}
    print(json.dumps(summary, ensure_ascii=False))
    save("import_corpus" + ("_" + args.code.name if args.code else ""), {"load": load_note(), "results": results,
                                                                           "summary": summary})


if __name__ == "__main__":
    main()
