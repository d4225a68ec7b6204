"""Build a corpus of two gazette editions plus the compendium into FOLDER (for trying the edition
filter and the comparison by hand): the real raw folder, and the next issue made from the real
gazette by the declared edits of tests/fixtures/editions.py, registered with loaders.add.

    .venv/bin/python scripts/two_editions.py /tmp/ed2
    GAZETTE_DB=/tmp/ed2/gazette.duckdb GAZETTE_RAW=/tmp/ed2/raw .venv/bin/streamlit run dashboard.py
"""
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import build_two_editions  # noqa: E402

out = Path(sys.argv[1])
shutil.rmtree(out, ignore_errors=True)
out.mkdir(parents=True)
_db, _raw, new, edits = build_two_editions(out)
print(new, edits)
