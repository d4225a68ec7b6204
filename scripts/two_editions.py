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
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from conftest import RAW, RAW_FILES, REFERENCE  # noqa: E402
from fixtures.editions import next_issue  # noqa: E402
from loaders.add import register  # noqa: E402
from loaders.build import build  # noqa: E402

out = Path(sys.argv[1])
shutil.rmtree(out, ignore_errors=True)
out.mkdir(parents=True)
raw = out / "raw"
shutil.copytree(RAW, raw)
text, edits = next_issue((RAW / RAW_FILES["jiyang"]).read_text(encoding="utf-8"))
upload = out / "jiyang-gazette-next.txt"
upload.write_text(text, encoding="utf-8")
print(register(upload, raw, {"kind": "gazette", "district": "济阳区"}).bulletin_id, edits)
build(raw, out / "gazette.duckdb", REFERENCE)
