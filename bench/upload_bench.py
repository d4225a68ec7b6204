"""What adding a bulletin costs: converting the next issue of the gazette from .txt, .docx and a
Chromium-printed PDF (1× and --copies× its length), the full preview (convert, split, extract,
check), and the rebuild the page starts after publishing.

    python -m bench.upload_bench [--copies 5]

Prints seconds (median of 3 for the conversions) and the peak memory of this process.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def median_seconds(fn, reps: int = 3) -> float:
    runs = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    from loaders.add import preview, register_bytes
    from loaders.build import build
    from loaders.convert import convert
    from tests.fixtures.editions import next_issue
    from tests.fixtures.printed import as_docx, as_pdf

    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=5, help="the long PDF repeats the issue this many times")
    args = parser.parse_args(argv)
    raw_dir, reference = ROOT / "data" / "raw", ROOT / "data" / "reference"
    text, _edits = next_issue((raw_dir / "jiyang-gazette-2020-04.txt").read_text(encoding="utf-8"))
    files = {"txt": text.encode("utf-8"), "docx": as_docx(text), "pdf": as_pdf(text),
             f"pdf×{args.copies}": as_pdf("\n".join([text] * args.copies))}
    print(f"{'file':<10}{'bytes':>12}{'pages':>8}{'convert s':>11}{'preview s':>11}")
    for label, data in files.items():
        name = "bench." + label.split("×")[0]
        converted = convert(name, data)
        seconds = median_seconds(partial(convert, name, data))
        whole = median_seconds(partial(preview, data, name, {}, reference, raw_dir), reps=1)
        print(f"{label:<10}{len(data):>12,}{converted.pages or '':>8}{seconds:>11.2f}{whole:>11.2f}")
    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder) / "raw"
        shutil.copytree(raw_dir, raw)
        out = Path(folder) / "gazette.duckdb"
        start = time.perf_counter()
        build(raw, out, reference)
        before = time.perf_counter() - start
        register_bytes(files["pdf"], "bench.pdf", raw, {}, reference_dir=reference)
        start = time.perf_counter()
        build(raw, out, reference)
        after = time.perf_counter() - start
    print(f"build of the 2 bulletins: {before:.2f} s; after publishing the PDF (3 bulletins): {after:.2f} s")
    print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
