"""Export a clean copy of a commit (default HEAD) to run the benchmarks on.

    cd "$(python -m bench.snapshot)" && python -m bench.cold_start

The shared checkout is edited by several people at once; a half-edited loader or a reference
file touched after the database was built (the app then rebuilds on start) would distort or
break a run. `git archive` exports exactly the committed tree (no change to the repository);
every result file records the commit it was measured on.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def export(commit: str = "HEAD", base: Path = Path("/tmp")) -> Path:
    sha = subprocess.run(["git", "rev-parse", "--short", commit], cwd=ROOT, check=True, capture_output=True,
                         text=True).stdout.strip()
    target = base / f"gazette-bench-{sha}"
    if not (target / "dashboard.py").exists():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", commit], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
        (target / "COMMIT").write_text(sha + "\n")
    return target


if __name__ == "__main__":
    print(export(sys.argv[1] if len(sys.argv) > 1 else "HEAD"))
