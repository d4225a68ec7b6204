"""Store queries filter, count and page in SQL (issue #7): each test fails if a filter is dropped or a
join fans out. Expected values come from the loaders' tables, never from figures typed in here."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from store import campaigns, catalog, curated, people, towns
from tests.conftest import bulletin_id, served

TOWN = "曲堤街道"


def test_insurance_quota_of_a_town_is_that_row_with_its_district_share(database, tables):
    quota = tables["insurance_quota"]
    mine = curated.insurance_quota(TOWN)
    assert mine.town_name.tolist() == [TOWN]
    expected = quota.loc[quota.town_name == TOWN, "quota_persons"].iloc[0] / quota.quota_persons.sum() * 100
    assert mine.share_pct.iloc[0] == pytest.approx(round(expected, 2))


def test_indicators_are_filtered_by_category_and_document(database, tables):
    indicators = tables["rural_indicators"]
    doc = indicators.doc_id.iloc[0]
    categories = curated.rural_indicator_categories(doc)
    assert categories == list(dict.fromkeys(indicators.sort_values("seq").category))
    one = curated.rural_indicators((categories[0],), doc)
    assert set(one.category) == {categories[0]}
    assert len(one) == (indicators.category == categories[0]).sum()
    assert len(curated.rural_indicators((), doc)) == len(indicators)
    assert curated.rural_indicators((), "no-such-document").empty


def test_villages_elsewhere_leave_out_the_chosen_town(database, tables):
    villages = tables["road_villages"]
    # a one-character search that matches villages in the chosen town and in others
    needle = next(ch for ch in villages.loc[villages.town_name == TOWN, "village_name"].str[0]
                  if (villages[villages.village_name.str.contains(ch)].town_name != TOWN).any())
    others = curated.road_villages(None, needle, other_than=TOWN)
    assert not others.empty and TOWN not in set(others.town_name)
    expected = villages[villages.village_name.str.contains(needle) & (villages.town_name != TOWN)]
    assert len(others) == len(expected)


def test_insurance_contacts_are_the_towns_and_the_districts_of_one_document(database, tables):
    contacts = tables["insurance_contacts"]
    doc = tables["insurance_quota"].doc_id.iloc[0]
    shown = curated.insurance_contacts(TOWN, doc)
    assert set(shown.town_name.dropna()) == {TOWN}
    assert len(shown) == ((contacts.town_name == TOWN) | contacts.town_name.isna()).sum()
    assert (shown.doc_id == doc).all()
    assert curated.insurance_contacts(TOWN, "no-such-document").empty


def test_document_catalogue_filters_counts_and_pages_in_sql(database, tables):
    docs = tables["documents"]
    issuer = docs.issuer.dropna().value_counts().index[0]
    keyword = docs.title.iloc[0][:2]
    jiyang, zhangqiu = (bulletin_id("jiyang"),), (bulletin_id("zhangqiu"),)
    for chosen in ({}, {"bulletins": jiyang}, {"bulletins": ()}, {"issuer": issuer}, {"keyword": keyword},
                   {"bulletins": zhangqiu, "keyword": keyword}, {"bulletins": jiyang, "issuer": issuer}):
        expected = docs
        if "bulletins" in chosen:
            expected = expected[expected.bulletin.isin(chosen["bulletins"])]
        if "issuer" in chosen:
            expected = expected[expected.issuer == chosen["issuer"]]
        if "keyword" in chosen:
            expected = expected[expected.title.str.contains(keyword, regex=False)
                                | expected.doc_no.fillna("").str.contains(keyword, regex=False)]
        assert catalog.document_count(**chosen) == len(expected), chosen
        whole = catalog.document_catalog(**chosen)
        pages = [catalog.document_catalog(**chosen, limit=5, offset=o) for o in range(0, len(expected), 5)]
        paged = pd.concat(pages) if pages else whole
        assert paged.doc_id.tolist() == whole.doc_id.tolist()
        assert set(whole.doc_id) == set(expected.doc_id)
    # the page span and warnings of a filtered or paged row are those of the whole catalogue
    whole = catalog.document_catalog().set_index("doc_id")
    one = catalog.document_catalog(issuer=issuer, limit=1).set_index("doc_id")
    assert one.iloc[0].end_page == whole.loc[one.index[0]].end_page or pd.isna(one.iloc[0].end_page)
    assert one.iloc[0].warnings == whole.loc[one.index[0]].warnings
    assert catalog.document_issuers() == sorted(docs.issuer.dropna().unique())
    assert catalog.document_issuers(zhangqiu) == sorted(docs[docs.bulletin.isin(zhangqiu)].issuer.dropna().unique())


def test_search_hit_titles_are_those_of_the_hits(database, tables):
    docs = tables["documents"].head(2)
    assert curated.document_titles(tuple(docs.doc_id)) == dict(zip(docs.doc_id, docs.title))


def test_find_rows_counts_every_match_but_samples_few(database, tables):
    projects = tables["fund_projects"]
    needle = projects.project_name.iloc[0][-2:]
    expected = projects.astype(str).apply(lambda col: col.str.contains(needle, regex=False)).any(axis=1).sum()
    found = catalog.find_rows(needle, per_table=1).set_index("table_name")
    assert found.loc["fund_projects", "rows"] == expected


def test_quality_report_pages_add_up_to_the_whole_report(database, tables):
    severities = ("ok", "info", "warn", "error")
    whole = curated.data_quality(severities)
    assert len(whole) == len(tables["data_quality"])
    pages = pd.concat([curated.data_quality(severities, limit=40, offset=o) for o in range(0, len(whole), 40)])
    assert pages.check_id.tolist() == whole.check_id.tolist()
    modules = curated.quality_by_module(("warn",))
    warned = tables["data_quality"][tables["data_quality"].severity == "warn"]
    assert modules.n.sum() == len(warned)
    assert dict(zip(modules.module, modules.n)) == warned.check_id.str.replace(r"^.*:", "", regex=True).str.split(".").str[0].value_counts().to_dict()


def test_target_counts_are_the_ledger_counts(database, tables):
    targets = tables["targets"]
    counts = curated.target_counts().set_index("district")
    assert counts.targets.to_dict() == targets.district.value_counts().to_dict()
    assert counts.dated.sum() == targets.deadline.notna().sum()
    months = curated.target_deadline_months()
    assert months.n.sum() == targets.deadline.notna().sum()


def test_positions_of_similar_names_are_every_printed_position(database, tables):
    rosters = tables["rosters"]
    name = rosters.dropna(subset=["position"]).person_name.iloc[0]
    expected = "；".join(dict.fromkeys(rosters.sort_values("line").loc[lambda r: r.person_name == name]
                                      .position.dropna()))
    assert people.positions((name,)) == {name: expected}


def _expected_ledger(targets: pd.DataFrame, districts=(), unit=None, end=None, include_undated=True) -> pd.DataFrame:
    rows = targets
    if districts:
        rows = rows[rows.district.isin(districts)]
    if unit:
        rows = rows[rows.responsible.fillna("").map(lambda r: unit in r.split("、"))]
    if end is not None:
        due = pd.to_datetime(rows.deadline) <= pd.Timestamp(end)
        rows = rows[due | rows.deadline.isna()] if include_undated else rows[due]
    elif not include_undated:
        rows = rows[rows.deadline.notna()]
    return rows


def test_ledger_counts_months_and_pages_follow_every_filter(database, tables):
    targets = tables["targets"]
    unit = targets.responsible.dropna().str.split("、").explode().value_counts().index[0]
    district = targets.district.value_counts().index[-1]
    # a date inside the district's own deadlines, so that every combination below matches some rows
    end = pd.to_datetime(targets[targets.district == district].deadline).dropna().median().date()
    for chosen in ({}, {"districts": (district,)}, {"unit": unit}, {"end": end, "include_undated": False},
                   {"districts": (district,), "end": end}):
        expected = _expected_ledger(targets, **chosen)
        args = (chosen.get("districts", ()), chosen.get("unit"), None, chosen.get("end"),
                chosen.get("include_undated", True))
        summary = campaigns.ledger_summary(*args)
        assert summary["targets"] == len(expected) > 0, chosen
        assert summary["dated"] == expected.deadline.notna().sum(), chosen
        assert summary["first_deadline"] == (pd.to_datetime(expected.deadline).min().date()
                                             if expected.deadline.notna().any() else None)
        months = campaigns.ledger_months(*args)
        per_month = expected.dropna(subset=["deadline"]).groupby(
            [pd.to_datetime(expected.deadline.dropna()).dt.strftime("%Y-%m"), "district"]).size()
        assert dict(zip(zip(pd.to_datetime(months.month).dt.strftime("%Y-%m"), months.district), months.n)) == \
            per_month.to_dict(), chosen
        sources = campaigns.ledger_sources(*args)
        dated = expected.dropna(subset=["deadline"])
        assert sources.docs.sum() == dated.doc_id.nunique() and sources.last_line.max() == dated.line.max(), chosen
        whole = campaigns.ledger(*args)
        assert set(whole.target_id) == set(expected.target_id), chosen
        pages = pd.concat([campaigns.ledger(*args, limit=30, offset=o) for o in range(0, len(whole), 30)])
        assert pages.target_id.tolist() == whole.target_id.tolist(), chosen
        assert pages.town_name.fillna("").tolist() == whole.town_name.fillna("").tolist()


def test_month_chart_from_sql_counts_is_the_chart_from_rows(database):
    whole = campaigns.ledger()
    from ui import campaign_charts as cc

    assert cc.month_counts_chart(campaigns.ledger_months()).to_json() == cc.targets_by_month(whole).to_json()


# ---- two editions: keys that repeat in every edition must not fan out ------------------

@pytest.fixture(scope="module")
def two_editions(tmp_path_factory):
    from bench.synth import build_editions, generate

    folder = generate(tmp_path_factory.mktemp("two"), 2)  # ten editions a district: the same towns twice
    path = folder / "gazette.duckdb"
    build_editions(folder / "raw", folder / "reference", path)
    yield from served(path)


def test_tasks_ledger_and_plans_grow_linearly_with_editions(two_editions: Path, tables):
    assert len(campaigns.tasks()) == 2 * len(tables["campaign_tasks"])
    assert len(campaigns.ledger()) == 2 * len(tables["targets"])
    assert len(campaigns.phases()) == 2 * len(tables["campaign_phases"])
    plans = campaigns.plans()
    assert len(plans) == 2 * len(tables["campaign_plans"])
    assert plans.tasks.sum() == 2 * len(tables["campaign_tasks"])  # each plan counts its own tasks once
    unit = tables["campaign_task_units"].unit.value_counts().index[0]
    units = tables["campaign_task_units"]
    assert len(campaigns.tasks((), unit)) == 2 * units[units.unit == unit][["plan_no", "task_id"]].drop_duplicates().shape[0]


def test_workload_counts_the_tasks_of_every_edition(two_editions: Path, tables):
    units = tables["campaign_task_units"]
    units = units[units.unit == units.unit.value_counts().index[0]]
    row = campaigns.workload(True).set_index("unit").loc[units.unit.iloc[0]]
    assert row.tasks == 2 * len(units[["plan_no", "task_id"]].drop_duplicates())
    assert row.plans == 2 * units.plan_no.nunique()


def test_town_overview_is_one_row_per_town_of_the_district(two_editions: Path, tables):
    overview = towns.overview(TOWN)
    district = tables["towns"].set_index("town_name").district[TOWN]
    of_district = tables["towns"][tables["towns"].district == district]
    assert overview.town_name.tolist() == of_district.sort_values("town_code").town_name.tolist()
    # both editions' rows of the town, summed (not multiplied by each other)
    listed = tables["road_towns"].set_index("town_name").listed_count
    assert overview.set_index("town_name").road_villages[TOWN] == 2 * listed[TOWN]


def test_task_pages_add_up_to_the_task_list(database, tables):
    unit = tables["campaign_task_units"].unit.value_counts().index[0]
    for chosen in (((),), ((1,),), ((), unit)):
        whole = campaigns.tasks(*chosen)
        assert campaigns.task_count(*chosen) == len(whole)
        pages = pd.concat([campaigns.tasks(*chosen, limit=25, offset=o) for o in range(0, len(whole), 25)])
        assert pages.task_id.tolist() == whole.task_id.tolist()


def test_ledger_page_is_one_page_of_both_editions(two_editions: Path, tables):
    assert campaigns.ledger_summary()["targets"] == 2 * len(tables["targets"])
    page = campaigns.ledger(limit=25, offset=0)
    assert len(page) == 25 and page.target_id.is_unique  # the joins do not fan out across editions
    assert campaigns.ledger_months().n.sum() == 2 * tables["targets"].deadline.notna().sum()
    assert campaigns.ledger_sources().docs.sum() == 2 * tables["targets"].dropna(subset=["deadline"]).doc_id.nunique()
    # the chart citation names bulletins in the order the ledger meets them
    dated = campaigns.ledger().dropna(subset=["deadline"])
    of_doc = curated.document_bulletins(tuple(dated.doc_id.unique()))
    assert campaigns.ledger_sources().bulletin.tolist() == list(dict.fromkeys(dated.doc_id.map(of_doc)))


def test_policy_list_and_hotline_targets_are_those_of_one_plan(two_editions: Path, tables):
    refs, targets = tables["elderly_policy_refs"], tables["targets"]
    plan_doc = refs.doc_id.iloc[0]  # edition 0's 养老 plan; edition 1 has the same list under its own doc_id
    doc = campaigns.policy_doc(plan_doc)
    assert doc == plan_doc
    assert len(campaigns.policy_refs(doc)) == len(refs)
    assert len(campaigns.policy_issues(doc)) == len(refs[["category", "issue_no"]].drop_duplicates())
    assert campaigns.policy_issues(doc).bases.sum() == refs.legal_basis.notna().sum()
    hotline = targets[targets.topic.fillna("").str.startswith("hotline")]
    doc = curated.topic_doc("hotline")
    shown = curated.targets("hotline", doc)
    assert len(shown) == len(hotline) > 0 and set(shown.doc_id) == {doc}
    assert len(curated.targets("hotline")) == 2 * len(hotline)  # unscoped: both editions
