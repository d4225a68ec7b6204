#!/usr/bin/env bash
# One command: install everything (apt + pip), lint and type-check, build the data, run unit, app and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
# Lint and type check before anything is built (configuration in pyproject.toml); a finding fails the run.
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/python -m loaders.build --raw data/raw --out data/build/gazette.duckdb
# Three workers, a test file per worker (module fixtures such as a browser test's server stay in one process):
# the browser tests are mostly waiting, so a third worker fills idle CPU on the 2-core machine.
exec .venv/bin/python -m pytest -q -n 3 --dist loadfile --durations=30 "$@"
