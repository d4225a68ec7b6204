"""A process for test_crash_safety.py to SIGKILL at a random moment.

    python crash_child.py import <store>                 writes hotline imports in a loop
    python crash_child.py build <raw> <reference> <out>  runs one curated build

Either prints "ready" once its imports are done, waits for "go" on stdin, then works.
The import loop is deterministic: write j (numbered on from the writes already in the
store) is `expected_write(j)`, so the parent can compute what the store must hold after
any number of committed writes.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

ROWS = 40
UNITS = [f"试验{i:02d}街道" for i in range(ROWS // 2)] + [f"区试验局{i:02d}" for i in range(ROWS // 2)]
REPLACED_MONTH = "2025-07"
FILE = "write-{}.csv"


def expected_write(j: int) -> tuple[str, float, bool]:
    """(month, satisfaction, replaces) of write j: even writes replace 2025-07 with a new
    version, odd writes add a new month."""
    if j % 2 == 0:
        return REPLACED_MONTH, 50.0 + j % 40, True
    return f"{2030 + j // 24}-{(j // 2) % 12 + 1:02d}", 10.0 + j % 40, False


def frame(month: str, value: float) -> pd.DataFrame:
    return pd.DataFrame([{"unit": u, "peer_group": "镇街" if u.endswith("街道") else "部门", "month": month,
                          "cut": "月末", "satisfaction_pct": value, "resolution_pct": value, "participation_pct": 60.0,
                          "backlog_start": 10, "new_count": 5, "resolved": 3} for u in UNITS])


def run_imports(path: str) -> None:
    from hotline import auth
    from store.hotline import HotlineStore

    store = HotlineStore(path)
    actor = auth.Actor("crash", auth.EDITOR)
    print("ready", flush=True)
    sys.stdin.readline()
    j = int(store.audit()["file_name"].str.startswith("write-").sum())
    while True:
        month, value, replaces = expected_write(j)
        store.write(actor, "units", frame(month, value), FILE.format(j), f"sha-{j}", replace=replaces)
        j += 1


def run_build(raw: str, reference: str, out: str) -> None:
    from loaders.build import build

    print("ready", flush=True)
    sys.stdin.readline()
    build(Path(raw), Path(out), Path(reference))
    print("built", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "import":
        run_imports(sys.argv[2])
    else:
        run_build(*sys.argv[2:5])
