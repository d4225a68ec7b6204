"""The build command: atomic write, clear failure naming document and line, summary, dictionary."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from loaders import datadict
from loaders.build import ALL_TABLES, build, collect
from tests import snapshots
from tests.conftest import RAW, REFERENCE, ROOT, bulletin_id, reregister


def run_build(raw: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "loaders.build", "--raw", str(raw), "--out", str(out),
                           "--reference", str(REFERENCE)], cwd=ROOT, capture_output=True, text=True, check=False)


def test_build_writes_every_contract_table_and_prints_a_summary(tmp_path):
    out = tmp_path / "gazette.duckdb"
    result = run_build(RAW, out)
    assert result.returncode == 0, result.stderr
    assert "构建完成" in result.stdout and "数据核对：通过" in result.stdout
    con = duckdb.connect(str(out), read_only=True)
    names = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert {t.name for t in ALL_TABLES} <= names
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == len(snapshots.load())
    # money stays exact: the five sources add up to the parts printed, no float noise
    total = con.execute("SELECT sum(amount_wan)::VARCHAR FROM fund_by_source").fetchone()[0]
    assert total == "74951.917934"


def test_failed_build_keeps_the_previous_database_and_names_the_file(tmp_path):
    out = tmp_path / "gazette.duckdb"
    build(RAW, out, REFERENCE)
    before = out.read_bytes()
    broken = tmp_path / "raw"
    shutil.copytree(RAW, broken)
    path = broken / "jiyang-gazette-2020-04.txt"
    # Changed after registration: the manifest's sha256 no longer matches, the build refuses it.
    path.write_text(path.read_text(encoding="utf-8").replace("目 录", "目  录", 1), encoding="utf-8")
    result = run_build(broken, out)
    assert result.returncode == 1
    assert "构建失败" in result.stderr and "jiyang-gazette-2020-04.txt" in result.stderr
    assert "sha256" in result.stderr and "loaders.add" in result.stderr, "the message says what to do"
    assert out.read_bytes() == before, "previous database untouched"
    assert not list(tmp_path.glob(".gazette.duckdb.*")), "no temp file left behind"


def test_a_file_that_is_not_utf8_is_refused_by_name(tmp_path):
    broken = tmp_path / "raw"
    shutil.copytree(RAW, broken)
    (broken / "stray.txt").write_bytes("济阳".encode("gbk"))
    result = run_build(broken, tmp_path / "x.duckdb")
    assert result.returncode == 1
    assert "stray.txt" in result.stderr and "UTF-8" in result.stderr


def test_a_missing_issuer_line_still_yields_the_document_by_its_title(tmp_path):
    broken = tmp_path / "raw"
    shutil.copytree(RAW, broken)
    path = broken / "jiyang-gazette-2020-04.txt"
    text = path.read_text(encoding="utf-8").replace("济南市济阳区人民政府办公室\n\n关于加快推进养老服务发展的实施意见",
                                                    "（此处缺页）\n\n关于加快推进养老服务发展的实施意见")
    path.write_text(text, encoding="utf-8")
    reregister(broken, path)
    tables, _info = collect(broken, REFERENCE)
    docs = tables["documents"]
    hit = docs[docs.doc_no == snapshots.load()[snapshots.doc_id("养老服务发展")]["doc_no"]]
    assert hit.title.tolist() == ["关于加快推进养老服务发展的实施意见"]
    assert hit.issuer.isna().all(), "no issuer line printed: none is invented"
    assert len(docs[docs.bulletin == bulletin_id("jiyang")]) == len(
        collect(RAW, REFERENCE)[0]["documents"].pipe(lambda d: d[d.bulletin == bulletin_id("jiyang")]))


def test_missing_raw_file_is_a_clear_error(tmp_path):
    broken = tmp_path / "raw"
    shutil.copytree(RAW, broken)
    (broken / "zhangqiu-campaigns-2025.txt").unlink()
    result = run_build(broken, tmp_path / "x.duckdb")
    assert result.returncode == 1
    assert "清单中列出的文件不存在" in result.stderr


def test_data_dictionary_is_generated_from_the_schema_and_up_to_date():
    text = datadict.render()
    for table in ALL_TABLES:
        assert f"## `{table.name}`" in text
    assert (ROOT / "docs" / "DATA.md").read_text(encoding="utf-8") == text, \
        "docs/DATA.md is stale: run python -m loaders.datadict"
