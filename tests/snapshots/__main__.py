"""python -m tests.snapshots [--update]: compare (or rewrite) tests/snapshots/documents.json and build.json."""
from __future__ import annotations

import argparse
import sys

from loaders.build import collect
from tests.conftest import RAW, REFERENCE
from tests.snapshots import BUILD_PATH, PATH, dumps, dumps_build, extract, extract_build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--update", action="store_true", help="rewrite the snapshot from data/raw")
    args = parser.parse_args(argv)
    tables = collect(RAW, REFERENCE)[0]
    texts = {PATH: dumps(extract(tables)), BUILD_PATH: dumps_build(extract_build(tables))}
    if args.update:
        for path, text in texts.items():
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path} ({len(text.encode()):,} bytes)")
        return 0
    stale = [path for path, text in texts.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    for path in stale:
        print(f"{path} differs from the extraction: run with --update and review the diff")
    if not stale:
        print("snapshot up to date")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
