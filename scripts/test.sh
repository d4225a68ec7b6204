#!/usr/bin/env bash
# One command: install everything (apt + pip), build the data, run unit, app and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
.venv/bin/python -m loaders.build --raw data/raw --out data/build/gazette.duckdb
exec .venv/bin/python -m pytest -q "$@"
