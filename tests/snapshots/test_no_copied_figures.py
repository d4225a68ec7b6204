"""No test file copies a stated figure out of the bulletins (issue 14, point 5): expected values come
from invariants, from the independent fixtures (tests/fixtures/), or from the snapshot (tests.snapshots).

A "stated figure" is a number printed in a bulletin of data/raw that is specific enough to be one:
a decimal with three or more significant digits (an amount, a share in percent), or a whole number
of three or more digits that is not round (a count of villages, a quota) and not a year. Small counts (7, 11) and round
numbers (100, 5000) are everywhere in code and cannot be told apart from generic ones here; the
snapshot (build.json: data-quality checks, row counts) is where tests look those up.
Every number in a test file is checked: numeric literals, numbers inside strings (f-strings and
docstrings too) and comments, since a comment that quotes a figure goes stale with it."""
from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

from tests.conftest import RAW, RAW_FILES, ROOT

NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
TESTS = ROOT / "tests"
# Not test code: the independent fixtures (other districts' real texts, made-up editions).
# This file names the numbers it allows.
SKIPPED = {TESTS / "fixtures", Path(__file__).resolve()}
# number -> why it may appear in a test file although a bulletin prints it too
ALLOWED = {
    "12345": "the name of the citizens' hotline (12345 热线), not a figure",
    "0531": "济南's telephone area code, in the pattern a contact phone is read against",
    "28181": "the number of a standard (GB/T 28181) in a text-normalisation input",
}
ALLOWED_IN = {  # (file, number) -> why
    ("tests/reliability/make_corpus.py", "151"): "a made-up score just over a 150-point scale",
}


def plain(token: str) -> str:
    """The number as a bulletin would print it: 43.680 and 43.68 are one figure."""
    return token.rstrip("0").rstrip(".") if "." in token else token


def is_figure(token: str) -> bool:
    """Specific enough to be a stated figure (see the module docstring)."""
    if "." in token:
        return len(token.replace(".", "").strip("0")) >= 3
    digits = token.lstrip("0")
    if len(digits) < 3 or int(digits) % 10 == 0:
        return False
    return not (len(token) == 4 and 1990 <= int(token) <= 2099)


def bulletin_figures() -> set[str]:
    text = "\n".join((RAW / name).read_text(encoding="utf-8") for name in RAW_FILES.values())
    return {plain(token) for token in NUMBER.findall(text) if is_figure(token)}


def numbers_in(source: str) -> list[tuple[int, str]]:
    """(line, number) of every number in Python source: literals, inside strings, in comments."""
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.NUMBER:
            found.append((token.start[0], token.string.replace("_", "")))
        elif token.type in (tokenize.STRING, tokenize.COMMENT):
            found.extend((token.start[0], n) for n in NUMBER.findall(token.string))
    return found


def copied(source: str, figures: set[str], file: str = "") -> list[tuple[int, str]]:
    return [(line, plain(n)) for line, n in numbers_in(source)
            if plain(n) in figures and plain(n) not in ALLOWED and (file, plain(n)) not in ALLOWED_IN]


def test_no_test_file_copies_a_stated_figure_from_the_bulletins():
    figures = bulletin_figures()
    hits = []
    for path in sorted(TESTS.rglob("*.py")):
        if path.resolve() in SKIPPED or any(skip in path.parents for skip in SKIPPED):
            continue
        file = path.relative_to(ROOT).as_posix()
        hits += [f"{file}:{line}: {n}" for line, n in copied(path.read_text(encoding="utf-8"), figures, file)]
    assert not hits, ("figures copied from a bulletin — look them up in tests.snapshots or derive them "
                      "from an invariant:\n" + "\n".join(hits))


def test_the_guard_sees_a_copied_figure_in_code_strings_and_comments():
    figures = bulletin_figures() - set(ALLOWED)
    amount = next(f for f in sorted(figures) if "." in f)
    count = next(f for f in sorted(figures) if "." not in f)
    source = f"assert total == {amount}\nassert '共 {count} 个' in text  # {count}\nx = {amount}00 + 2020 + 100 + 1{amount}\n"
    assert copied(source, figures) == [(1, amount), (2, count), (2, count), (3, amount)]


def test_generic_numbers_are_not_figures():
    assert not any(is_figure(n) for n in ("7", "11", "100", "5000", "2020", "2025", "1.5", "0.3", "50"))
    assert all(is_figure(n) for n in ("253", "757", "443091", "43.61", "74951.9179", "0532"))


def test_the_allow_list_only_holds_figures_the_bulletins_print():
    figures = bulletin_figures()
    assert set(ALLOWED) <= figures and {n for _f, n in ALLOWED_IN} <= figures, "drop entries no longer needed"
    assert all((ROOT / f).exists() for f, _n in ALLOWED_IN)


def test_the_scan_covers_every_layer():
    layers = {p.relative_to(TESTS).parts[0] for p in TESTS.rglob("*.py") if len(p.relative_to(TESTS).parts) > 1}
    assert {"loaders", "store", "hotline", "ui", "app", "browser", "reliability", "snapshots"} <= layers
    assert Path(__file__).resolve().is_relative_to(TESTS)
