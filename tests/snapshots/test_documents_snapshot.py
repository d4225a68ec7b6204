"""The snapshot tests look figures up in (tests/snapshots/documents.json) is what the loaders extract
today. When a loader change alters a figure on purpose: `python -m tests.snapshots --update`, then
read the diff of documents.json — every changed line is a changed figure."""
from __future__ import annotations

from tests import snapshots


def test_the_snapshot_is_what_the_loaders_extract(tables):
    fresh, stored = snapshots.extract(tables), snapshots.load()
    assert list(fresh) == list(stored), "documents added, removed or reordered"
    for doc, document in fresh.items():
        for key in snapshots.HEADER:
            assert document[key] == stored[doc][key], (doc, key)
        assert list(document["tables"]) == list(stored[doc]["tables"]), doc
        for name, part in document["tables"].items():
            assert part == stored[doc]["tables"][name], f"{doc} {name}: run python -m tests.snapshots --update"


def test_the_build_snapshot_is_what_the_loaders_build(tables):
    """Every data-quality check (severity, stated and computed value), every table's row count and
    key totals as committed in tests/snapshots/build.json."""
    fresh, stored = snapshots.extract_build(tables), snapshots.load_build()
    assert list(fresh) == list(stored)
    for section, entries in fresh.items():
        assert sorted(set(entries) ^ set(stored[section])) == [], f"{section}: entries added or removed"
        changed = {k: (stored[section][k], v) for k, v in entries.items() if stored[section][k] != v}
        assert not changed, f"{section} (snapshot, build): {changed}; run python -m tests.snapshots --update"


def test_every_document_is_found_by_a_word_of_its_title():
    for doc, document in snapshots.load().items():
        assert snapshots.doc_id(document["title"], document["bulletin"]) == doc
