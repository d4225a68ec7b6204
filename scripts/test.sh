#!/usr/bin/env bash
# One command: install everything (apt + pip), lint and type-check, build the data, run unit, app and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
# Lint and type check before anything is built (configuration in pyproject.toml); a finding fails the run.
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/python -m loaders.build --raw data/raw --out data/build/gazette.duckdb
# Two workers, a test file per worker (module fixtures such as a browser test's server stay in one process):
# 10 min instead of 18 on the 2-core machine, the browser tests being mostly waiting.
exec .venv/bin/python -m pytest -q -n 2 --dist loadfile --durations=30 "$@"
