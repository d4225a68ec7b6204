#!/usr/bin/env bash
# One command: install, build the curated database, start the dashboard on http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m loaders.build --raw data/raw --out data/build/gazette.duckdb
exec .venv/bin/python serve.py --server.headless true "$@"
