#!/usr/bin/env bash
# Move a test file written for the old flat tests/ into its layer folder and fix what the move breaks:
#   scripts/move_test.sh tests/test_warmup.py ui        # → tests/ui/test_warmup.py
# (tests/ is a package and not on sys.path: 'from conftest import' → 'from tests.conftest import', etc.;
# a file one folder deeper reaches the repository root with parents[2].) Also fixes a file already in
# tests/browser or tests/reliability when given "-" as the layer (imports only).
set -euo pipefail
cd "$(dirname "$0")/.."
src=$1 layer=$2
if [ "$layer" = "-" ]; then
    dst=$src
else
    dst="tests/$layer/$(basename "$src")"
    git mv "$src" "$dst"
    sed -i -E 's/Path\(__file__\)\.resolve\(\)\.parents\[1\]/Path(__file__).resolve().parents[2]/g;
               s/Path\(__file__\)\.parent \/ "fixtures"/Path(__file__).parents[1] \/ "fixtures"/g' "$dst"
fi
sed -i -E 's/^(\s*)from conftest import/\1from tests.conftest import/;
           s/^(\s*)from fixtures\.(\w+) import/\1from tests.fixtures.\2 import/;
           s/^(\s*)from (browser|reliability)\.conftest import/\1from tests.\2.conftest import/;
           s/^(\s*)from reliability import/\1from tests.reliability import/;
           s/^(\s*)from hotline_rows import/\1from tests.hotline.hotline_rows import/' "$dst"
.venv/bin/ruff check --select I --fix -q "$dst" || true
echo "$dst"
