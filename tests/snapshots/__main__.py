"""python -m tests.snapshots [--update]: compare (or rewrite) tests/snapshots/documents.json."""
from __future__ import annotations

import argparse
import sys

from tests.snapshots import PATH, dumps, fresh


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--update", action="store_true", help="rewrite the snapshot from data/raw")
    args = parser.parse_args(argv)
    text = dumps(fresh())
    if args.update:
        PATH.write_text(text, encoding="utf-8")
        print(f"wrote {PATH} ({len(text.encode()):,} bytes)")
        return 0
    same = PATH.exists() and PATH.read_text(encoding="utf-8") == text
    print("snapshot up to date" if same else f"{PATH} differs from the extraction: run with --update and review the diff")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
