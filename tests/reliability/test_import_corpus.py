"""Import fuzzing, part 1: the committed bad-file corpus (tests/reliability/corpus, written by
make_corpus.py) plus a 50 MB file made at test time. Every file must end in its Chinese
message — or, for a file the import reads differently from how it is written, in a preview
that names the reinterpretation — with nothing written: the digest of every table of the
store is the same after. (How long each takes and how much memory: bench/import_corpus.py.)"""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from hotline.fields import UNITS
from hotline.reader import MAX_BYTES, ReadError, read_table
from store.hotline import HotlineStore
from tests.conftest import open_app
from tests.reliability import make_corpus
from tests.reliability.conftest import CJK, import_file, preview_file, shown_in_preview, store_digest

CORPUS = Path(__file__).resolve().parent / "corpus"
EXPECTED: dict[str, str | dict] = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
REFUSED = sorted(n for n, e in EXPECTED.items() if isinstance(e, str))
PREVIEWED = sorted(n for n, e in EXPECTED.items() if isinstance(e, dict))


def test_the_corpus_is_large_and_every_file_has_an_expectation():
    files = {p.name for p in CORPUS.iterdir() if p.name != "expected.json"}
    assert files == set(EXPECTED)
    assert len(files) >= 120
    families = {name.split("-")[0] for name in files}
    assert families >= {"enc", "bom", "struct", "col", "val", "dup", "xlsx", "xls", "period", "sum", "name", "unit",
                        "scores"}
    assert len(PREVIEWED) >= 12


def test_the_committed_corpus_is_what_the_script_writes(tmp_path):
    """make_corpus.py and its committed output agree byte for byte (the script is reproducible)."""
    written = make_corpus.write(tmp_path)
    assert written == EXPECTED
    for name in EXPECTED:
        assert (tmp_path / name).read_bytes() == (CORPUS / name).read_bytes(), name


@pytest.mark.parametrize("name", REFUSED)
def test_bad_file_ends_in_its_chinese_message_and_changes_nothing(seeded_store, name):
    before = store_digest(seeded_store.path)
    messages = import_file(seeded_store, (CORPUS / name).read_bytes(), name)
    assert messages, f"{name} was written to the store"
    assert any(EXPECTED[name] in m for m in messages), messages
    assert all(CJK.search(m) for m in messages), messages
    assert store_digest(seeded_store.path) == before


@pytest.mark.parametrize("name", PREVIEWED)
def test_a_file_read_differently_names_it_in_the_preview_and_changes_nothing(seeded_store, name):
    """Ranges, 合计 rows, unknown units, aliases, ratios, decimal commas, two-row headers, many sheets:
    the preview says how the file was read before anything can be written."""
    before = store_digest(seeded_store.path)
    shown = shown_in_preview(preview_file((CORPUS / name).read_bytes(), name))
    assert any(EXPECTED[name]["preview"] in m for m in shown), shown
    assert all(CJK.search(m) for m in shown), shown
    assert store_digest(seeded_store.path) == before


def test_a_50_mb_file_is_refused_before_it_is_parsed(seeded_store, tmp_path):
    big = make_corpus.big_csv(tmp_path / "全年热线.csv", megabytes=50)
    data = big.read_bytes()
    assert len(data) >= 50 * 1024 * 1024 > MAX_BYTES
    before = store_digest(seeded_store.path)
    started = time.perf_counter()
    messages = import_file(seeded_store, data, big.name)
    seconds = time.perf_counter() - started
    print(f"50 MB file refused in {seconds:.3f} s: {messages}")
    assert messages and "文件过大（50.0 MB" in messages[0]
    assert seconds < 30, "a hang guard, not a benchmark"
    assert store_digest(seeded_store.path) == before


def test_the_largest_accepted_file_still_reads(tmp_path):
    """The bounds sit above real files: 10,000 rows (a year of ~800 units) read and validate."""
    rows = [f"单位{i},镇街,2025-{1 + i % 12:02d},90,90,60,1,1,1" for i in range(10_000)]
    table = read_table(make_corpus.csv_text(make_corpus.UNITS_HEAD, rows).encode("gbk"), "全年.csv")
    assert len(table.rows) == 10_000


def test_formula_with_a_stored_result_imports_and_its_twin_without_one_is_refused(tmp_path):
    """Contrast for xlsx-formula-no-cached-value: as Excel saves it, the formula's value is used."""
    store = HotlineStore(tmp_path / "hotline.duckdb")
    messages = import_file(store, make_corpus.formula_xlsx(cached=True), "公式.xlsx", kind=UNITS)
    assert messages == []
    stored = store.units().set_index("unit")
    assert stored.loc["明水街道", "satisfaction_pct"] == 95.0
    with pytest.raises(ReadError, match="公式单元格没有保存计算结果"):
        read_table(make_corpus.formula_xlsx(cached=False), "公式.xlsx")


def test_percent_cells_keep_what_the_user_sees(tmp_path):
    store = HotlineStore(tmp_path / "hotline.duckdb")
    assert import_file(store, make_corpus.percent_xlsx(0.953), "百分比.xlsx", kind=UNITS) == []
    assert store.units().set_index("unit").loc["明水街道", "satisfaction_pct"] == 95.3


# ---- the page itself, one file per family (AppTest; the rest use the same functions) ----------
# (.xls files never reach it: the uploader accepts only csv, txt and xlsx.)

PAGE_SAMPLE = ["enc-utf16-truncated.csv", "enc-bom-utf8-body-gbk.csv", "struct-unclosed-quote.csv",
               "struct-10001-rows.csv", "col-duplicated-rate.csv", "val-count-exponent-bomb.csv",
               "dup-unit-month-spellings.csv", "xlsx-formula-no-cached-value.xlsx", "xlsx-zip-bomb.xlsx",
               "xlsx-percent-over-100.xlsx", "xlsx-encrypted-ole.xlsx", "val-count-int32-overflow.csv",
               "xlsx-declared-dimension-bomb.xlsx", "xlsx-shared-string-150mb.xlsx", "xlsx-entity-bomb.xlsx",
               "period-range-dot.csv", "scores-over-100-no-scale.csv"]


@pytest.mark.slow
def test_the_page_shows_each_family_as_an_error_and_writes_nothing(tmp_path, monkeypatch):

    from hotline import auth
    from ui.text import displayed

    monkeypatch.setenv("GAZETTE_USER_DB", str(tmp_path / "user.duckdb"))
    monkeypatch.setenv("GAZETTE_DEMO_DB", str(tmp_path / "demo.duckdb"))
    at = open_app("pages/hotline.py", secrets={"editors": {"corpus": auth.hash_password("corpus pass 1", 1000)}},
                  timeout=120, check=False)
    at.text_input(key="hotline_user").input("corpus")
    at.text_input(key="hotline_password").input("corpus pass 1")
    next(b for b in at.button if b.label == "登录").click()
    at.run()
    at.session_state["hotline_tab"] = "导入与录入"
    at.run()
    for name in PAGE_SAMPLE:
        mime = "text/csv" if name.endswith(".csv") else "application/octet-stream"
        at.file_uploader(key="hotline_upload_0").upload(name, (CORPUS / name).read_bytes(), mime).run()
        assert not at.exception, (name, [e.message for e in at.exception])
        problems = [str(df.value["问题"].tolist()) for df in at.dataframe if "问题" in getattr(df.value, "columns", [])]
        shown = " ".join([displayed(e.value) for e in at.error] + problems)  # as read on screen
        assert EXPECTED[name] in shown, (name, shown[:300])
        assert "写入数据库" not in {b.label for b in at.button}, name
    assert not (tmp_path / "user.duckdb").exists(), "no file was created, let alone written"
