"""Import fuzzing, part 2: property-based (hypothesis, bounded). Whatever the bytes or cells:
the import ends in a ReadError or a check result, never another exception; every message is
Chinese; a refused file leaves every table of the store unchanged; and what validation lets
through the store accepts (validation is at least as strict as the store's constraints)."""
from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from hotline.fields import FIELDS, KINDS, UNITS
from hotline.reader import ReadError, read_table
from hotline.templates import TEMPLATE_FIELDS
from hotline.values import MAX_COUNT, parse_count, parse_month, parse_rank, parse_rate
from store.hotline import HotlineStore, NeedsConfirmation
from tests.reliability import make_corpus
from tests.reliability.conftest import CJK, EDITOR, import_file, month_units, store_digest

BOUNDED = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SMALL = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Every example of the store test opens the DuckDB file five times (digests, audit, the write).
STORE = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ---- any bytes ----------------------------------------------------------------------------

@BOUNDED
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".csv", ".txt", ".xlsx"]))
def test_any_bytes_read_or_fail_in_chinese(data, suffix):
    try:
        read_table(data, "上传" + suffix)
    except ReadError as exc:
        assert CJK.search(str(exc))


XLSX = make_corpus.workbook(("热线", make_corpus.rows_of(make_corpus.units(*make_corpus.GOOD))))


@SMALL
@given(cut=st.integers(0, len(XLSX)), flips=st.lists(st.tuples(st.integers(0, len(XLSX) - 1), st.integers(0, 255)),
                                                    max_size=8))
def test_damaged_workbooks_read_or_fail_in_chinese(cut, flips):
    data = bytearray(XLSX[:cut] if cut > 4 else XLSX)
    for position, value in flips:
        if position < len(data):
            data[position] = value
    try:
        read_table(bytes(data), "通报.xlsx")
    except ReadError as exc:
        assert CJK.search(str(exc))


# ---- one cell at a time ---------------------------------------------------------------------

JUNK = ["", " ", "—", "#N/A", "#DIV/0!", "nan", "NaN", "inf", "-inf", "1e999999999", "-1e999999999", "1e-400",
        "九十五", "=1+2", "+5", "-3", "@x", "1,200", "１２", "９５．３％", "95..3", "0x10", "1_000", "½", "٣", "²",
        "\u200b", "\ufeff1", "True", "None", "2147483648", "2147483647", "100.00001", "100%", "0.999999", "1.0000001"]
numberish = st.one_of(st.sampled_from(JUNK), st.integers(-10**15, 10**15).map(str),
                      st.floats(allow_nan=True, allow_infinity=True).map(repr),
                      st.decimals(allow_nan=True, places=None).map(str), st.text(max_size=6))


@BOUNDED
@given(cell=st.one_of(numberish, st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**20, 10**20)))
def test_rates_are_percentages_or_a_chinese_error(cell):
    try:
        value = parse_rate(cell, "满意率")
    except ValueError as exc:
        assert CJK.search(str(exc)) and "满意率" in str(exc)
    else:
        assert value is None or 0 <= value <= 100


@BOUNDED
@given(cell=numberish)
def test_counts_fit_the_store_or_a_chinese_error(cell):
    try:
        value = parse_count(cell, "本月新增")
        rank = parse_rank(cell, "全市排名")
    except ValueError as exc:
        assert CJK.search(str(exc))
    else:
        assert value is None or 0 <= value <= MAX_COUNT
        assert rank is None or 1 <= rank <= MAX_COUNT


@BOUNDED
@given(cell=st.one_of(st.sampled_from(["2025-07", "2025/7", "2025年7月", "2025年七月", "202507", "2025.07", "7月",
                                       "2025-13", "1999-01", "2101-01", "2025年十三月", "２０２５年１２月份"]),
                      st.from_regex(r"\d{4}[-/.年]\d{1,2}月?", fullmatch=True), st.text(max_size=10)))
def test_months_are_valid_or_a_chinese_error(cell):
    try:
        month = parse_month(cell)
    except ValueError as exc:
        assert CJK.search(str(exc))
    else:
        assert re.fullmatch(r"20\d\d-(0[1-9]|1[0-2])|2100-(0[1-9]|1[0-2])", month)


# ---- whole files through the page's import path, into a real store ------------------------

LABELS = {kind: [next(f.label for f in FIELDS[kind] if f.name == n) for n in TEMPLATE_FIELDS[kind]] for kind in KINDS}
TEXT_CELLS = {"unit": st.one_of(st.sampled_from(["明水街道", "区住建局", "双山街道", "合计", "", "=HYPERLINK(\"x\")",
                                                 "明水 街道", "\u200b"]), st.text(max_size=8)),
              "topic": st.one_of(st.sampled_from(["安置房交房后质量问题", "占道经营", "城乡供水", ""]), st.text(max_size=8)),
              "peer_group": st.sampled_from(["部门", "镇街", "", "乡", "街道"]),
              "cut": st.sampled_from(["", "月中", "月末", "中", "月初"]),
              "month": st.sampled_from(["2025-08", "2025年9月", "2025/10", "2025-13", "7月", "", "202511"])}


VALID = {"unit": st.sampled_from(["明水街道", "区住建局", "双山街道", "官庄镇", "区城管局"]),
         "topic": st.sampled_from(["安置房交房后质量问题", "占道经营", "城乡供水"]),
         "peer_group": st.sampled_from(["部门", "镇街", ""]),
         "cut": st.sampled_from(["", "月中", "月末"]),
         "month": st.sampled_from(["2025-08", "2025年9月", "2025/10", "202511", "2025年十二月"]),
         "rate": st.one_of(st.floats(0, 100).map(lambda x: f"{x:.1f}"), st.floats(0, 1).map(lambda x: f"{x:.3f}"),
                           st.floats(0, 100).map(lambda x: f"{x:.2f}%")),
         "count": st.integers(0, 30).map(str), "rank": st.integers(1, 12).map(str)}
RATES = {"satisfaction_pct", "resolution_pct", "participation_pct", "value_pct"}
RANKS = {"satisfaction_rank", "resolution_rank", "rank"}


def valid_cell(name: str):
    if name in VALID:
        return VALID[name]
    if name in RATES:
        return VALID["rate"]
    if name in RANKS:
        return VALID["rank"]
    if name == "ranked_units":
        return st.just("12")
    return VALID["count"]


@st.composite
def plausible_rows(draw, kind: str, keep: list[str]) -> list[list[str]]:
    """Rows a careful officer would type: distinct keys, counts that add up."""
    rows = []
    keys = draw(st.lists(st.sampled_from(["明水街道", "区住建局", "双山街道", "官庄镇", "区城管局"] if kind == UNITS else
                                         ["安置房交房后质量问题", "占道经营", "城乡供水"] if kind == "drives" else
                                         ["2025-09", "2025-10", "2025-11"]), min_size=1, max_size=3, unique=True))
    for key in keys:
        start, new = draw(st.integers(0, 30)), draw(st.integers(0, 30))
        done = draw(st.integers(0, start + new))
        fixed = {"unit": key, "topic": key, "month": key if kind == "district" else draw(VALID["month"]),
                 "backlog_start": str(start), "open_start": str(start), "new_count": str(new), "resolved": str(done),
                 "open_end": draw(st.sampled_from(["", str(start + new - done)]))}
        rows.append([fixed[n] if n in fixed else draw(valid_cell(n)) for n in keep])
    return rows


@st.composite
def upload(draw):
    """A CSV of one kind: half the time as a careful officer would fill it in (most are written),
    otherwise with columns dropped and any cell possibly junk."""
    kind = draw(st.sampled_from(KINDS))
    names = list(TEMPLATE_FIELDS[kind])
    if draw(st.booleans()):
        keep = names
        rows = draw(plausible_rows(kind, keep))
    else:
        keep = [n for n in names if draw(st.booleans()) or n in ("unit", "month", "topic")]
        rows = [[draw(valid_cell(n) if draw(st.booleans()) else TEXT_CELLS.get(n, numberish)) for n in keep]
                for _ in range(draw(st.integers(0, 4)))]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([LABELS[kind][names.index(n)] for n in keep])
    writer.writerows(rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
    return kind, out.getvalue().encode(encoding, errors="replace")


@pytest.fixture(scope="module")
def seeded_file():
    """A store holding 2025-08 already (so some uploads must ask first); each example gets a copy."""
    with tempfile.TemporaryDirectory() as folder:
        store = HotlineStore(Path(folder) / "seed.duckdb")
        store.write(EDITOR, UNITS, month_units("2025-08", 90.0, ["明水街道", "区住建局"]), "八月.csv", "s8")
        yield store.path


@STORE
@given(case=upload())
def test_any_upload_is_written_whole_or_refused_in_chinese_with_the_store_unchanged(seeded_file, case):
    _kind, data = case
    with tempfile.TemporaryDirectory() as folder:
        store = HotlineStore(Path(folder) / "hotline.duckdb")
        shutil.copy(seeded_file, store.path)
        before = store_digest(store.path)
        audit_before = len(store.audit())
        try:
            messages = import_file(store, data, "上传.csv")
        except NeedsConfirmation:  # the month is already stored: the page asks first, nothing is written
            event("asked before replacing")
            assert store_digest(store.path) == before
            return
        if messages:
            event("refused with a Chinese message")
            assert all(CJK.search(m) for m in messages), messages
            assert store_digest(store.path) == before
        else:  # accepted: exactly one audited write (a constraint failure would have raised above)
            event("written")
            audit = store.audit()
            assert len(audit) == audit_before + 1
            entry = audit.iloc[0]
            stored = sum(int((store.records(k)["import_id"] == entry.audit_id).sum()) for k in KINDS)
            assert entry.rows_written == stored > 0
