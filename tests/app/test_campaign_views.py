"""/campaigns: the 章丘 plans, tasks by department, the commitments ledger, groups and people.

Figures are counted independently from the parsed tables (the `tables` fixture) with
pandas and compared with what the store returns and what the page shows.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from store import campaigns, people
from tests.conftest import ROOT, open_app
from ui import campaign_charts as cc
from views.campaigns.common import CITATIONS_KEY

HOUSING = "区住房和城乡建设局"  # printed as 区住建局 / 住建局 / 区住房和城乡建设局


def app(tab: str | None = None) -> AppTest:
    return open_app("pages/campaigns.py", state={"tab": tab} if tab else None)  # the tabs are bound to ?tab=


def tasks_of(tables, unit: str, roles=("牵头", "责任", "配合")) -> set[tuple[int, str]]:
    units = tables["campaign_task_units"]
    hit = units[(units.unit == unit) & units.role.isin(roles)]
    return set(zip(hit.plan_no.astype(int), hit.task_id))


def frame_with(at: AppTest, column: str) -> pd.DataFrame:
    hits = [df.value for df in at.dataframe if column in df.value.columns]
    assert hits, f"no table with column {column}: {[list(df.value.columns) for df in at.dataframe]}"
    return hits[0]


# ---- plans ---------------------------------------------------------------------

def test_there_are_sixteen_zhangqiu_plans(database, tables):
    plans = campaigns.plans()
    assert len(plans) == len(tables["campaign_plans"])
    assert plans.plan_no.tolist() == list(range(1, len(plans) + 1))
    assert plans.set_index("plan_no").loc[1, "field"] == "12345热线"
    # every plan's task count is the number of its task rows
    per_plan = tables["campaign_tasks"].groupby("plan_no").size()
    assert dict(zip(plans.plan_no, plans.tasks)) == {int(k): int(v) for k, v in per_plan.items()}


def test_overview_tab_shows_sixteen_plans(database, tables):
    at = app()
    plan_count = len(tables["campaign_plans"])
    assert [m.value for m in at.metric if m.label == "专项整治方案"] == [f"{plan_count} 个"]
    assert len(frame_with(at, "牵头单位")) == plan_count


def test_gantt_draws_every_dated_phase_and_marks_undated_starts(database, tables):
    phases = campaigns.phases()
    fig = cc.phases_gantt(phases)
    bars = [t for t in fig.data if t.type == "bar"]
    assert sum(len(t.y) for t in bars) == phases.end_date.notna().sum()
    hatched = sum(shape == "/" for t in bars for shape in t.marker.pattern.shape)
    assert hatched == phases.start_date.isna().sum()
    # every phase name is printed in full on the axis (a short bar used to cut it to “集中攻…”)
    ticks = list(fig.layout.yaxis.ticktext)
    dated = phases.dropna(subset=["end_date"])
    for plan_no, names in dated.groupby("plan_no").phase_name:
        assert set(names) <= set(ticks), plan_no
    assert all(any(t.startswith(f"<b>{p}. ") for t in ticks) for p in dated.plan_no.unique()), "each plan heads its rows"


# ---- tasks and departments -----------------------------------------------------

def test_a_departments_task_count_matches_the_tables(database, tables):
    expected = tasks_of(tables, HOUSING)
    rows = campaigns.tasks(unit=HOUSING)
    assert set(zip(rows.plan_no.astype(int), rows.task_id)) == expected
    load = campaigns.workload().set_index("unit").loc[HOUSING]
    assert load.tasks == len(expected)
    assert load.lead == len(tasks_of(tables, HOUSING, ("牵头",)))
    assert load.responsible == len(tasks_of(tables, HOUSING, ("责任",)))
    # its printed spellings travel with it
    assert "区住建局" in set(campaigns.unit_spellings(HOUSING).unit_raw)


def test_choosing_a_department_in_the_page_lists_its_tasks(database, tables):
    expected = tasks_of(tables, HOUSING)
    at = app("任务与部门")
    at.selectbox(key="task_unit").set_value(HOUSING).run()
    assert not at.exception
    shown = frame_with(at, "本单位角色")
    assert len(shown) == len(expected)
    assert [m.value for m in at.metric if m.label == "参与的任务"] == [f"{len(expected)} 条"]
    assert any(md.value == f"##### {HOUSING}" for md in at.markdown)
    assert set(shown["本单位原文写法"]) <= set(tables["campaign_task_units"].query("unit == @HOUSING").unit_raw)


def test_lead_only_filter(database, tables):
    lead = tasks_of(tables, HOUSING, ("牵头",))
    rows = campaigns.tasks(unit=HOUSING, roles=("牵头",))
    assert len(rows) == len(lead) and set(rows.unit_roles) == {"牵头"}


def test_plan_filter_keeps_only_that_plans_tasks(database, tables):
    rows = campaigns.tasks((2,))
    assert set(rows.plan_no) == {2}
    assert len(rows) == (tables["campaign_tasks"].plan_no == 2).sum()


def test_workload_chart_bars_add_up_to_each_units_roles(database):
    load = campaigns.workload()
    fig = cc.workload_bars(load, top=10)
    by_role = {t.name: dict(zip(t.y, t.x)) for t in fig.data if t.type == "bar"}
    for row in load.head(10).itertuples():
        assert by_role["牵头"][row.unit] == row.lead
        assert by_role["责任"][row.unit] == row.responsible
        assert by_role["配合"][row.unit] == row.cooperating


def test_generic_units_are_left_out_of_the_chart_only_on_request(database):
    assert "各镇街" not in set(campaigns.workload().unit)
    assert "各镇街" in set(campaigns.workload(include_generic=True).unit)


# ---- commitments ledger --------------------------------------------------------

def test_jiyang_targets_due_by_end_of_2022(database, tables):
    targets = tables["targets"]
    deadline = pd.to_datetime(targets.deadline)
    expected = targets[(targets.district == "济阳区") & (deadline <= "2022-12-31")]
    rows = campaigns.ledger(("济阳区",), None, None, dt.date(2022, 12, 31), include_undated=False)
    assert len(rows) == len(expected) > 0
    assert set(rows.target_id) == set(expected.target_id)
    assert pd.to_datetime(rows.deadline).is_monotonic_increasing


def test_ledger_unit_filter_matches_responsible_units(database, tables):
    targets = tables["targets"]
    unit = "区民政局"
    expected = targets[targets.responsible.fillna("").map(lambda r: unit in r.split("、"))]
    rows = campaigns.ledger((), unit)
    assert set(rows.target_id) == set(expected.target_id) and len(rows) > 0


def test_ledger_tab_counts_every_target(database, tables):
    at = app("承诺与目标")
    assert [m.value for m in at.metric if m.label == "承诺"] == [f"{len(tables['targets'])} 项"]
    ledger = frame_with(at, "承诺对象")
    assert len(ledger) == len(tables["targets"])
    assert ledger["引用"].str.contains("原文第").all()


def test_month_chart_counts_every_dated_target(database, tables):
    ledger = campaigns.ledger()
    fig = cc.targets_by_month(ledger)
    total = sum(sum(t.y) for t in fig.data if t.type == "bar")
    assert total == tables["targets"].deadline.notna().sum()


@pytest.mark.parametrize("row, text", [
    ({"comparator": ">=", "value": 30.0, "unit": "%"}, "≥ 30%"),
    ({"comparator": ">", "value": 60.0, "unit": "%"}, "＞ 60%"),
    ({"comparator": "=", "value": 6600.0, "unit": "人次"}, "6,600人次"),
    ({"comparator": "≈", "value": 38.0, "unit": "万吨"}, "约 38万吨"),
    ({"comparator": "清零", "value": 0.0}, "清零"),
    ({"comparator": "退出后N位", "value": 5.0, "unit": "名"}, "退出后 5 位"),
    ({"comparator": "后N位", "value": 3.0, "months": 2}, "连续 2 个月后 3 位"),
    ({"comparator": "区间", "value": 2.0, "value_max": 4.0, "unit": "家"}, "2–4 家"),
    ({"comparator": None, "value": None, "deadline_text": "9月底前"}, "按期完成"),
])
def test_target_value_text(row, text):
    assert cc.target_value_text(row) == text


# ---- groups and people ---------------------------------------------------------

def test_eight_rosters_and_names_without_padding(database, tables):
    rosters = tables["rosters"]
    assert len(people.groups()) == len(rosters[["group_name", "subgroup"]].drop_duplicates()) > 1
    assert not any(" " in n for n in people.all_person_names())


def test_liu_bin_and_liu_bin_are_not_merged(database):
    several = people.people_on_several_groups(2).set_index("person_name")
    assert {"刘斌", "刘彬"} <= set(several.index)
    assert "区消防救援大队" in several.loc["刘彬", "positions"]
    assert "区消防救援大队" not in several.loc["刘斌", "positions"]
    pairs = people.similar_names(people.all_person_names())
    assert ((pairs.name_a == "刘彬") & (pairs.name_b == "刘斌")).any()


def test_people_on_several_groups_counted_from_the_table(database, tables):
    rosters = tables["rosters"].assign(label=lambda r: r.group_name + r.subgroup.fillna("").map(
        lambda s: "·" + s if s else ""))
    counts = rosters.groupby("person_name").label.nunique()
    several = people.people_on_several_groups(2)
    assert dict(zip(several.person_name, several.group_count)) == {k: v for k, v in counts.items() if v >= 2}


def test_people_tab_renders_the_grid(database):
    at = app("人员与小组")
    assert [m.value for m in at.metric if m.label.startswith("领导小组")] == [f"{len(people.groups())} 份"]
    assert len(frame_with(at, "名单（份）")) == len(people.people_on_several_groups(2))


# ---- 养老 policy reference list --------------------------------------------------

def test_policy_list_is_one_entry_per_issue(database, tables):
    refs = tables.get("elderly_policy_refs")
    assert refs is not None and len(refs) > 0, "the 养老 plan's policy list (附件 1) is parsed"
    issues = campaigns.policy_issues(refs.doc_id.iloc[0])
    assert len(issues) == len(refs[["category", "issue_no"]].drop_duplicates())
    assert not issues[["category", "issue_no"]].duplicated().any()
    # every legal basis of the list is reachable from its issue
    assert issues.bases.sum() == refs.legal_basis.notna().sum()


def test_the_policy_list_shows_only_under_the_plan_it_belongs_to(database, tables):
    """Issue 13.8: the 12345 plan showed “养老服务突出问题专项整治政策参考清单”."""
    plans = tables["campaign_plans"]
    own = int(plans.set_index("doc_id").loc[tables["elderly_policy_refs"].doc_id.iloc[0], "plan_no"])
    assert plans.set_index("plan_no").loc[own, "field"] == "养老"
    at = app()
    for plan_no in (1, 2, own, 14):
        at.selectbox(key="plan").set_value(plan_no).run()
        assert not at.exception, [e.message for e in at.exception]
        shown = "养老服务突出问题专项整治政策参考清单" in [h.value for h in at.subheader]
        assert shown == (plan_no == own), plan_no
    issues = campaigns.policy_issues(plans.set_index("plan_no").loc[own, "doc_id"])
    assert len([e for e in at.expander if e.label in set(issues.issue)]) == 0  # plan 14 shown last: no issue list
    at.selectbox(key="plan").set_value(own).run()
    first_category = issues.category.iloc[0]
    assert {e.label for e in at.expander} >= set(issues[issues.category == first_category].issue)


# ---- accessibility: text contrast, hatching, alt text, English labels ---------------------------

def test_text_on_marks_reaches_aa_contrast_and_roles_do_not_rely_on_colour(database):
    from ui import palette

    load = campaigns.workload()
    fig = cc.workload_bars(load, top=10, highlight=HOUSING)
    bars = [t for t in fig.data if t.type == "bar"]
    assert len({b.marker.pattern.shape for b in bars}) == 3, "牵头 / 责任 / 配合 differ by hatching too"
    for bar in bars:
        assert palette.contrast_ratio(bar.insidetextfont.color, bar.marker.color) >= 4.5, bar.name
    assert f"<b>▶ {HOUSING}</b>" in fig.layout.yaxis.ticktext, "the chosen unit is marked by more than colour"
    gantt = cc.phases_gantt(campaigns.phases())
    assert not any(bar.text for bar in gantt.data), "phase names are on the axis, not cut inside short bars"
    months = cc.targets_by_month(campaigns.ledger())
    assert len({b.marker.pattern.shape for b in months.data if b.type == "bar"}) == 2, "districts hatched apart"
    grid = cc.membership_grid(people.membership_matrix(tuple(people.people_on_several_groups(2).person_name)))
    for _, colour in grid.data[0].colorscale:
        assert palette.contrast_ratio(grid.data[0].textfont.color, colour) >= 4.5


def test_alt_text_names_each_unit_with_its_parts(database):
    load = campaigns.workload()
    fig = cc.workload_bars(load, "各单位承担的任务数", top=10, highlight=HOUSING)
    alt = cc.describe_stacked(fig)
    row = load.set_index("unit").loc[HOUSING]
    assert alt.startswith("堆积条形图：各单位承担的任务数。共 10 项：")
    assert f"{HOUSING} {row.tasks}（牵头 {row.lead}、责任 {row.responsible}" in alt
    assert alt.endswith(f"（高亮：{HOUSING}）")
    english = cc.describe_stacked(cc.workload_bars(load, "Tasks per unit", top=10, lang="en"), "en")
    assert f"{HOUSING} {row.tasks} (Lead {row.lead}, Responsible {row.responsible}" in english
    several = people.people_on_several_groups(2)
    grid = cc.membership_grid(people.membership_matrix(tuple(several.person_name)))
    count = several.set_index("person_name").group_count["刘斌"]
    assert f"刘斌（{count} 份：" in cc.describe_grid(grid), "each person with the number of rosters and roles"


def test_english_target_texts_keep_units_as_printed():
    assert cc.target_value_text({"comparator": "退出后N位", "value": 5.0}, "en") == "out of the bottom 5"
    assert cc.target_value_text({"comparator": "=", "value": 6600.0, "unit": "人次"}, "en") == "6,600人次"
    assert cc.target_value_text({"comparator": "清零", "value": 0.0}, "en") == "cleared to zero"


def english_app(tab: str | None = None) -> AppTest:
    return open_app("pages/campaigns.py", lang="en", state={"tab": tab} if tab else None)


def test_english_department_view_lists_the_same_tasks(database, tables):
    expected = tasks_of(tables, HOUSING)
    at = english_app("Tasks and units")
    at.selectbox(key="task_unit").set_value(HOUSING).run()
    assert not at.exception, [e.message for e in at.exception]
    assert [m.value for m in at.metric if m.label == "Tasks involved in"] == [f"{len(expected)}"]  # no Chinese measure word in English
    shown = frame_with(at, "This unit's role")
    assert len(shown) == len(expected)
    assert set(shown["This unit's role"]) == set(campaigns.tasks(unit=HOUSING).unit_roles), \
        "the roles in the table stay as printed"
    assert any(m.value.startswith(f"**{len(expected)}** tasks ({HOUSING}, roles: Lead, Responsible, Cooperating)")
               for m in at.markdown)


def test_english_charts_have_alt_text_and_export_buttons(database):
    import json

    expected = {"Plans": "Phases of each plan",
                "Tasks and units": "Tasks per unit (click a bar to list the unit's tasks)",
                "Commitments and targets": "Commitments due per month (by district)",
                "People and groups": "People on 2 or more rosters (each square names the role)"}
    for tab, title in expected.items():
        at = english_app(tab)
        charts = {json.loads(c.proto.spec)["layout"]["title"]["text"]: c.proto.alt for c in at.get("plotly_chart")}
        assert list(charts) == [title], tab
        assert charts[title].split(": ", 1)[1].startswith(title), charts[title]
        labels = [b.proto.label for b in at.get("download_button")]
        assert labels.count("PNG") == labels.count("SVG") == 1, tab


# ---- what a user checks: shared links, empty cells, the contact, deadlines (issue 15) ---------------

def linked_app(**params: str) -> AppTest:
    """The page opened from a shared link: ?key=value… on a fresh session."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.run()
    at.switch_page("pages/campaigns.py")
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_a_shared_link_reopens_the_chosen_plan(database, tables):
    plans = tables["campaign_plans"]
    last = int(plans.plan_no.max())
    at = linked_app(tab="方案总览", plan=str(last))
    assert at.selectbox(key="plan").value == last
    title = plans.set_index("plan_no").loc[last, "title"]
    assert f"#### {title}" in [m.value for m in at.markdown]
    # choosing another plan writes it to the URL, so the link a user copies reopens it
    first = int(plans.plan_no.min())
    at.selectbox(key="plan").set_value(first).run()
    assert at.query_params["plan"] == str(first)
    # a plan number that is not in scope falls back to the first plan, without an error
    assert linked_app(plan="999").selectbox(key="plan").value == first


def test_a_shared_link_reopens_the_tab(database, tables):
    at = linked_app(tab="承诺与目标")
    assert [m.value for m in at.metric if m.label == "承诺"] == [f"{len(tables['targets'])} 项"]


@pytest.mark.parametrize("tab", ["方案总览", "任务与部门", "承诺与目标", "人员与小组"])
def test_no_cell_or_line_reads_none(database, tab):
    at = app(tab)
    cited = [e.key for e in at.expander if e.key and e.key.startswith(CITATIONS_KEY)]
    for key in cited:   # the citation lists are drawn when opened: open them all
        at.session_state[key] = True
    if cited:
        at.run()
        assert [c for c in at.caption if c.value.startswith("来源：")], "the opened lists cite their documents"
    for frame in at.dataframe:
        # a missing value (e.g. a roster member with no town link) is drawn as the table's placeholder
        assert frame.proto.placeholder == "—", (tab, list(frame.value.columns))
        text = frame.value.astype(str)
        text = text.where(frame.value.notna(), "—")
        for word in ("None", "nan", "NaN", "<NA>"):
            assert not (text == word).any().any(), (tab, word, list(frame.value.columns))
    for line in [m.value for m in at.markdown] + [c.value for c in at.caption]:
        assert "None" not in line and "nan" not in line.split(), (tab, line)


def test_every_plans_contact_is_printed_once(database, tables):
    plans = tables["campaign_plans"]
    at = app()
    for plan in plans.itertuples():
        at.selectbox(key="plan").set_value(int(plan.plan_no)).run()
        detail = [m.value for m in at.markdown if "**联系电话**" in m.value]
        assert len(detail) == 1 and detail[0].count("联系电话") == 1, detail
        if isinstance(plan.contact_phone, str):
            assert plan.contact_phone in detail[0]


def test_the_next_deadline_is_the_nearest_upcoming_one(database, tables):
    from ui import format as fmt

    deadlines = pd.to_datetime(tables["targets"].deadline).dropna().dt.date
    upcoming = deadlines[deadlines >= dt.date.today()]
    at = app("承诺与目标")
    shown = {m.label: m.value for m in at.metric}
    assert shown["最早的期限"] == fmt.cn_date(deadlines.min())
    assert shown["下一个到期"] == (fmt.cn_date(upcoming.min()) if len(upcoming) else "—")


def test_the_town_note_is_one_line_above_the_tabs(database):
    from store import towns

    town = towns.town_names()[0]
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.run()
    at.switch_page("pages/campaigns.py")
    at.session_state["town"] = town
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    notes = [c for c in at.caption if "本页内容不按镇街筛选" in c.value]
    assert len(notes) == 1 and town in notes[0].value
    main = list(at.main)
    tabs_at = next(i for i, block in enumerate(main) if block.type == "tab_container")
    assert any("本页内容不按镇街筛选" in getattr(e, "value", "") for e in main[:tabs_at]
               if isinstance(getattr(e, "value", ""), str)), "the note is above the tabs"


# ---- charts keyed by the data (issue 16), numbers that do not collide (issue 15) ----------------

def test_a_districts_look_does_not_change_with_the_filter(database):
    known = tuple(campaigns.target_districts(None))
    months = campaigns.ledger_months()
    assert len(known) >= 2 and set(months.district) <= set(known)
    looks = lambda fig: {t.name: (t.marker.color, t.marker.pattern.shape) for t in fig.data if t.type == "bar"}  # noqa: E731
    together = looks(cc.month_counts_chart(months, districts=known))
    assert len(set(together.values())) == len(together), "districts in one chart look different"
    for district in known:
        alone = looks(cc.month_counts_chart(months[months.district == district], districts=known))
        assert alone == {district: together[district]}


def test_workload_numbers_are_printed_only_where_they_fit(database):
    load = campaigns.workload()
    fig = cc.workload_bars(load, top=20)
    bars = [t for t in fig.data if t.type == "bar"]
    longest = max(sum(values) for values in zip(*(t.x for t in bars)))
    for bar in bars:
        for value, text in zip(bar.x, bar.text):
            wide = value and value >= longest * cc.NARROW_SEGMENT
            assert text == (str(value) if wide else ""), (bar.name, value, text)
    assert any(t for bar in bars for t in bar.text), "wide segments keep their numbers"


def test_roster_titles_lose_the_issuers_place_only():
    from ui import campaign_charts as charts

    assert charts.short_group_label("某某市某某县防汛抗旱指挥部", width=50) == "防汛抗旱指挥部"
    assert charts.short_group_label("社区工作领导小组", width=50) == "社区工作领导小组"
