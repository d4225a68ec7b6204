"""Adding a bulletin (issue 16, point 3): the next issue of the gazette (tests/fixtures/editions.py)
uploaded as text, as Word (made with python-docx) and as a PDF printed by Chromium reads to the same
documents, tables and checks; what cannot be a bulletin is refused in Chinese and leaves the raw
folder exactly as it was; a Word or PDF original is kept byte for byte with its text beside it, and
both are verified at every build."""
from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pytest

from loaders import convert
from loaders.add import infer, preview, register, register_bytes, rehash, safe_name
from loaders.build import build
from loaders.errors import BuildError
from loaders.source import read_corpus, read_manifest
from tests.conftest import RAW, RAW_FILES, REFERENCE, ROOT, bulletin_id
from tests.fixtures.editions import NEW_VILLAGE, QUOTA_DELTA, next_issue
from tests.fixtures.printed import CHROMIUM, as_docx, as_pdf, image_only_pdf
from tests.snapshots import count, doc_ids

needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="the PDF is printed by the system Chromium")


@pytest.fixture(scope="module")
def variant():
    text, edits = next_issue((RAW / RAW_FILES["jiyang"]).read_text(encoding="utf-8"))
    return text, edits


@pytest.fixture(scope="module")
def printed_pdf(variant) -> bytes:
    """The next issue printed to PDF by Chromium, once for the module (printing takes seconds)."""
    return as_pdf(variant[0])


@pytest.fixture(scope="module")
def as_txt_preview(variant):
    return preview(variant[0].encode("utf-8"), "jiyang-gazette-2021-01.txt", {}, REFERENCE, RAW)


@pytest.fixture
def raw(tmp_path):
    folder = tmp_path / "raw"
    shutil.copytree(RAW, folder)
    return folder


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def counts(found) -> dict[str, int]:
    return dict(zip(found.tables["table"], found.tables["rows"]))


# ---- what the text says ------------------------------------------------------------------

def test_the_preview_of_the_text_names_the_edition_its_masthead_prints(as_txt_preview, variant):
    found, edits = as_txt_preview, variant[1]
    assert found.ok, found.refusals
    assert found.meta["title"] == f"济南市济阳区人民政府公报 {edits.year}年第1期（总第17期）"
    assert (found.meta["kind"], found.meta["district"], found.meta["district_code"]) == ("gazette", "济阳区", "370115")
    assert (found.meta["year"], found.meta["issue"], found.meta["published"]) == (str(edits.year), "1", f"{edits.year}-03-31")
    assert found.meta["bulletin_id"] == f"jiyang-gazette-{edits.year}-01"
    printed = len(doc_ids(bulletin_id("jiyang")))
    assert len(found.documents) == printed - 1, "the next issue has one document fewer than the first"
    assert counts(found)["road_villages"] == count("road_villages") + 1, "the village the next issue adds"
    assert counts(found)["insurance_quota"] == count("insurance_quota")
    # the declared edits are flagged where they are printed: a total that no longer adds up, with its line
    flags = found.flags
    quota = flags[flags.message.str.contains("居民医保征缴任务合计")].iloc[0]
    assert f"相差 {QUOTA_DELTA}人" in quota.message and quota.text.startswith("合计")
    assert found.text.split("\n")[int(quota.line) - 1].strip() == quota.text


def test_word_reads_to_the_same_tables_and_checks_as_the_text(as_txt_preview, variant):
    data = as_docx(variant[0])
    found = preview(data, "jiyang-gazette-2021-01.docx", {}, REFERENCE, RAW)
    assert found.ok, found.refusals
    assert found.source_kind == "docx"
    assert counts(found) == counts(as_txt_preview)
    assert list(found.documents.title) == list(as_txt_preview.documents.title)
    assert sorted(found.flags.message) == sorted(as_txt_preview.flags.message)
    row = next(line for line in found.text.split("\n") if NEW_VILLAGE in line)
    assert row.count("\t") == 3 and row.split("\t")[1] == variant[1].village_town, \
        "a Word table row is one line of tab-separated cells"


@needs_chromium
def test_a_pdf_printed_by_chromium_reads_to_the_same_documents_tables_and_flags(as_txt_preview, printed_pdf):
    data = printed_pdf
    found = preview(data, "jiyang-gazette-2021-01.pdf", {}, REFERENCE, RAW)
    assert found.ok, found.refusals
    assert found.source_kind == "pdf" and found.pages > 10
    assert "人民政府" in found.text and "⼈" not in found.text, "CJK code points, not Kangxi radicals"
    assert list(found.documents.doc_no) == list(as_txt_preview.documents.doc_no)
    pdf, txt = counts(found), counts(as_txt_preview)
    for table in ("fund_by_source", "fund_by_sector", "fund_projects", "rural_indicators", "road_villages",
                  "road_towns", "insurance_quota", "insurance_contacts", "heritage_items", "rosters", "fund_allocations"):
        assert pdf[table] == txt[table], table
    assert sorted(found.flags.message) == sorted(as_txt_preview.flags.message)


def test_a_docx_table_keeps_merged_cells_as_empty_cells():
    import docx

    document = docx.Document()
    document.add_paragraph("济南市济阳区人民政府关于下达征缴任务的通知，各镇街按下表执行。")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([["镇街", "任务数", "备注"], ["济阳街道", "100", "按月"], ["", "200", ""]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(2, 0))          # 济阳街道 spans two rows
    buffer = io.BytesIO()
    document.save(buffer)
    lines = convert.to_text("t.docx", buffer.getvalue()).split("\n")
    assert lines[1:4] == ["镇街\t任务数\t备注", "济阳街道\t100\t按月", "\t200"]


# ---- what is refused, and that nothing changes ------------------------------------------

def refused_by_register(raw: Path, name: str, data: bytes | None = None, path: Path | None = None,
                        meta: dict | None = None) -> str:
    before = snapshot(raw)
    with pytest.raises(BuildError) as caught:
        if path is not None:
            register(path, raw, meta or {})
        else:
            assert data is not None, "give the bytes or a path"
            register_bytes(data, name, raw, meta or {})
    assert snapshot(raw) == before, "the raw folder is exactly as it was"
    return caught.value.message


def test_an_empty_file_is_refused(raw):
    message = refused_by_register(raw, "empty.txt", b"")
    assert "空文件" in message and "请确认" in message
    assert "空文件" in preview(b"", "empty.pdf", {}, REFERENCE, raw).refusals[0]


def test_random_bytes_are_refused_whatever_they_are_called(raw):
    noise = os.urandom(64 * 1024)
    assert "UTF-8" in refused_by_register(raw, "noise.txt", noise)
    assert "不是 PDF" in refused_by_register(raw, "noise.pdf", noise)
    assert "不是有效的 Word" in refused_by_register(raw, "noise.docx", noise)
    assert "不支持的文件类型" in refused_by_register(raw, "noise.bin", noise)
    broken = b"%PDF-1.7\n" + noise
    assert "无法作为 PDF 读取" in refused_by_register(raw, "broken.pdf", broken)


def test_text_without_a_chinese_sentence_is_refused(raw):
    message = refused_by_register(raw, "ascii.txt", b"col1\tcol2\n1\t2\n" * 50)
    assert "读不出中文正文" in message


def test_a_200_mb_file_is_refused_before_it_is_read(raw, tmp_path):
    big = tmp_path / "huge.pdf"
    with big.open("wb") as handle:          # sparse: 200 MB on paper, no disk used
        handle.truncate(200 * 2**20)
    message = refused_by_register(raw, big.name, path=big)
    assert "200 MB" in message and "20 MB" in message
    result = subprocess.run([sys.executable, "-m", "loaders.add", str(big), "--raw", str(raw)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1 and "超过 20 MB" in result.stderr and "原始目录未改动" in result.stderr


def test_a_pdf_without_a_text_layer_is_refused_with_ocr_advice(raw):
    message = refused_by_register(raw, "scan.pdf", image_only_pdf())
    assert "没有文字层" in message and "OCR" in message


def test_a_duplicate_is_refused_and_says_which_bulletin_it_repeats(raw):
    data = (RAW / RAW_FILES["jiyang"]).read_bytes()
    message = refused_by_register(raw, "copy-of-gazette.txt", data)
    assert "jiyang-gazette-2020-04.txt" in message and "sha256" in message and "不再重复登记" in message
    found = preview(data, "copy-of-gazette.txt", {}, REFERENCE, raw)
    assert not found.ok and found.documents.empty


def test_a_docx_that_inflates_past_the_limit_is_refused_unread(raw):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * 2**20
            for _ in range(convert.MAX_UNZIPPED_BYTES // 2**20 + 1):
                member.write(chunk)
    data = buffer.getvalue()
    assert len(data) < 2**20, "a small file on disk"
    assert "解压后" in refused_by_register(raw, "bomb.docx", data)


def test_a_taken_bulletin_id_is_refused_with_what_to_do(raw, variant):
    message = refused_by_register(raw, "next.txt", variant[0].encode("utf-8"), meta={"bulletin_id": bulletin_id("jiyang")})
    assert "已被使用" in message and "另指定" in message


# ---- kept byte for byte, verified at every build -----------------------------------------

def test_a_word_original_is_kept_with_its_text_and_both_are_verified(raw, variant):
    data = as_docx(variant[0])
    done = register_bytes(data, "济阳区政府公报2021年第1期.docx", raw, {}, reference_dir=REFERENCE)
    assert (raw / done.file).read_bytes() == data
    assert done.text_file == done.file + ".txt"
    row = next(r for r in read_manifest(raw) if r["file"] == done.file)
    assert row["sha256"] == hashlib.sha256(data).hexdigest()
    assert row["text_sha256"] == hashlib.sha256((raw / done.text_file).read_bytes()).hexdigest()
    assert done.bulletin_id == f"370115-gazette-{variant[1].year}-01", "a Chinese file name: the district code"
    corpus = read_corpus(raw)
    assert set(corpus) == {bulletin_id("jiyang"), bulletin_id("zhangqiu"), done.bulletin_id}, "the text beside it is not a bulletin"
    assert corpus[done.bulletin_id].path.name == done.file

    text = raw / done.text_file
    text.write_text(text.read_text(encoding="utf-8").replace("济阳街道", "济阳镇", 1), encoding="utf-8")
    with pytest.raises(BuildError, match="文字在登记后被改动过"):
        read_corpus(raw)
    rehash(raw / done.file)                  # a correction made on purpose is recorded
    assert "济阳镇" in "\n".join(read_corpus(raw)[done.bulletin_id].lines)
    text.unlink()
    with pytest.raises(BuildError, match="文字版"):
        read_corpus(raw)


@needs_chromium
def test_the_shell_registers_a_pdf_and_the_build_reads_it(raw, variant, printed_pdf, tmp_path):
    pdf = tmp_path / "jiyang-gazette-2021-01.pdf"
    pdf.write_bytes(printed_pdf)
    shown = subprocess.run([sys.executable, "-m", "loaders.add", str(pdf), "--raw", str(raw), "--preview"],
                           cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert shown.returncode == 0, shown.stderr
    documents = len(doc_ids(bulletin_id("jiyang"))) - 1  # the next issue drops the last document
    assert f"文件 {documents} 份" in shown.stdout and f"road_villages {count('road_villages') + 1} 行" in shown.stdout
    assert snapshot(raw) == snapshot(RAW), "a preview writes nothing"
    added = subprocess.run([sys.executable, "-m", "loaders.add", str(pdf), "--raw", str(raw)],
                           cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert added.returncode == 0, added.stderr
    assert (raw / pdf.name).read_bytes() == pdf.read_bytes()
    out = tmp_path / "gazette.duckdb"
    build(raw, out, REFERENCE)
    with duckdb.connect(str(out), read_only=True) as con:
        row = con.execute("SELECT file, sha256, edition, lines FROM bulletins WHERE bulletin_id = ?",
                          [f"jiyang-gazette-{variant[1].year}-01"]).fetchone()
        villages = con.execute("""SELECT count(*) FROM road_villages v JOIN documents d USING (doc_id)
                                  WHERE d.bulletin = ? AND v.village_name = ?""",
                               [f"jiyang-gazette-{variant[1].year}-01", NEW_VILLAGE]).fetchone()[0]
    assert row[0] == pdf.name and row[1] == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert row[2] == f"{variant[1].year}-01" and villages == 1


def test_file_names_are_made_safe():
    assert safe_name("../../etc/passwd.TXT") == "passwd.txt"
    assert safe_name("C:\\Users\\x\\济阳公报 2021（1）.pdf") == "济阳公报_2021（1）.pdf"
    assert safe_name(".hidden.docx") == "hidden.docx"


def test_infer_reads_a_compendium_and_its_district():
    text = (RAW / RAW_FILES["zhangqiu"]).read_text(encoding="utf-8")
    from loaders.base import Reference
    guess = infer(text, "z.txt", Reference.read(REFERENCE))
    assert guess["district"] == "章丘区" and guess["district_code"] == "370114"
