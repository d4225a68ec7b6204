"""Which bulletins the pages read: the latest of each kind (within the chosen district), or the edition chosen."""
import pandas as pd

from store import editions as ed


def frame() -> pd.DataFrame:
    rows = [("a-2020-04", "gazette", "甲区", 2020, 4), ("a-2021-01", "gazette", "甲区", 2021, 1),
            ("a-2021", "compendium", "甲区", 2021, None), ("b-2025", "compendium", "乙区", 2025, None),
            ("b-2024", "compendium", "乙区", 2024, None)]
    data = pd.DataFrame(rows, columns=["bulletin_id", "kind", "district", "year", "issue"])
    return data.assign(issue=data.issue.astype("Int64"), published=None, edition=None, title="")


def test_default_is_the_latest_of_each_kind_so_no_two_districts_are_added_up():
    assert ed.scope(frame()) == ("a-2021-01", "b-2025")
    assert ed.scope(frame(), district="甲区") == ("a-2021", "a-2021-01")


def test_a_chosen_edition_replaces_the_latest_of_its_kind_only():
    assert ed.scope(frame(), edition="a-2020-04") == ("a-2020-04", "b-2025")
    assert ed.scope(frame(), edition="b-2024") == ("a-2021-01", "b-2024")
    assert ed.scope(frame(), edition="a-2021") == ("a-2021", "a-2021-01")


def test_a_district_keeps_only_its_bulletins():
    assert ed.scope(frame(), district="乙区") == ("b-2025",)
    assert ed.scope(frame(), district="乙区", edition="b-2024") == ("b-2024",)


def test_an_unknown_or_other_district_edition_falls_back_to_the_latest():
    assert ed.scope(frame(), edition="gone-1999") == ed.scope(frame())
    assert ed.scope(frame(), district="乙区", edition="a-2020-04") == ("b-2025",)


def test_labels_read_year_and_issue():
    rows = frame().set_index("bulletin_id")
    assert ed.edition_label(rows.loc["a-2020-04"].rename("a-2020-04")) == "2020年第4期"
    assert ed.edition_label(rows.loc["b-2025"].rename("b-2025")) == "2025年"
