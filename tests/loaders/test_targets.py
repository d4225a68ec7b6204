"""targets: the numeric commitments of both bulletins, and the 12345 plan's topics."""
import re

import pandas as pd
import pytest

from loaders.departments import split_units
from loaders.targets import HOTLINE_REQUIRED, attributions, time_marks
from tests import snapshots
from tests.conftest import dq, raw_text
from tests.snapshots import count, doc_id, rows, value

HOTLINE_DOC = doc_id("市民服务热线")
FUNDS, ELDERLY, ROADS = doc_id("涉农资金"), doc_id("养老服务发展"), doc_id("通户道路")
SCHOOL_FIRE, SMART, INSURANCE = doc_id("校园消防"), doc_id("智慧社区"), doc_id("基本医疗保险")
ROAD_VILLAGES = sum(row["stated_count"] for row in rows("road_towns", ROADS))  # the villages of the road plan
TITLE_LINE = "# 济南市章丘区市民服务热线 专项整治工作方案\n"


def topic(tables, key: str) -> pd.Series:
    rows = tables["targets"][tables["targets"].topic == key]
    assert len(rows) == 1, f"{key}: {len(rows)} rows"
    return rows.iloc[0]


def raw_line(bulletin: str, number: int) -> str:
    return raw_text(bulletin).split("\n")[number - 1]


# (topic, unit, comparator, text printed on the value's line); the value and deadline are the
# snapshot's, and every rate's figure is on its line (test_every_row_points_at_the_raw_line_of_its_number)
HOTLINE = [
    ("hotline.city_rank_exit_bottom3", "名", "退出后N位", "退出后三位"),
    ("hotline.city_rank_exit_bottom5", "名", "退出后N位", "退出后五位"),
    ("hotline.monthly_resolution", "%", ">=", "%以上"),
    ("hotline.yearly_resolution", "%", ">=", "%以上"),
    ("hotline.participation", "%", ">", "%"),
    ("hotline.clear.resettlement_housing", None, "清零", "动态清零"),
    ("hotline.clear.street_vending", None, "清零", "动态清零"),   # 9月中旬前: 中旬 ends on the 20th
    ("hotline.clear.water_supply", None, "清零", "动态清零"),
    ("hotline.summons", "名", "后N位", "后三位"),
]


@pytest.mark.parametrize("key, unit, comparator, printed", HOTLINE)
def test_hotline_topics_are_parsed_from_the_plan(tables, key, unit, comparator, printed):
    row = topic(tables, key)
    assert row.doc_id == HOTLINE_DOC
    stated = value("targets", "value", HOTLINE_DOC, topic=key)
    assert row.value == stated and (stated == 0) == (comparator == "清零")
    assert (row.unit if pd.notna(row.unit) else None) == unit
    assert row.comparator == comparator
    assert (row.deadline if pd.notna(row.deadline) else None) == value("targets", "deadline", HOTLINE_DOC, topic=key)
    assert printed in raw_line("zhangqiu", int(row.line)).replace(" ", "")


def test_hotline_subjects_deadline_texts_and_units(tables):
    monthly = topic(tables, "hotline.monthly_resolution")
    assert "不满意、未解决问题" in monthly.subject and monthly.deadline_text == "当月"
    assert monthly.responsible.startswith("区政府办公室")
    assert topic(tables, "hotline.yearly_resolution").deadline_text == "全年"
    assert "参与评价" in topic(tables, "hotline.participation").subject
    assert topic(tables, "hotline.city_rank_exit_bottom3").deadline_text == "9月底前"
    street = topic(tables, "hotline.clear.street_vending")
    assert "占道经营" in street.subject and street.deadline_text == "9月中旬前"
    assert street.lead == "区城市管理局", "printed “牵头单位：区城管局”, stored under its canonical name"
    summons = topic(tables, "hotline.summons")
    assert summons.months == 2 and "约谈" in summons.subject
    assert dq(tables, "targets.hotline_topics").severity == "ok"


def test_ledger_covers_both_districts_with_jiyang_commitments(tables):
    t = tables["targets"]
    assert set(t.district) == {"济阳区", "章丘区"}
    assert t.target_id.is_unique
    jiyang = t[t.district == "济阳区"]

    def one(doc_id, subject_part, value):
        rows = jiyang[(jiyang.doc_id == doc_id) & jiyang.subject.str.contains(subject_part, regex=False)
                      & (jiyang.value == value)]
        assert len(rows) >= 1, f"{doc_id} {subject_part} {value}"
        return rows.iloc[0]

    def stated(doc_id, subject):   # the commitment as the snapshot holds it (its figure is on its line: below)
        return next(r for r in rows("targets", doc_id) if subject in r["subject"])

    farmland = one(FUNDS, "建成高标准农田", stated(FUNDS, "建成高标准农田")["value"])
    assert (farmland.unit, farmland.deadline) == ("万亩", stated(FUNDS, "建成高标准农田")["deadline"])
    assert farmland.deadline.endswith("-12-31")
    income = one(FUNDS, "农民人均可支配收入", stated(FUNDS, "农民人均可支配收入")["value"])
    assert (income.unit, income.comparator, income.kind) == ("万元", ">=", "amount")
    assert one(FUNDS, "移风易俗满意率", stated(FUNDS, "移风易俗满意率")["value"]).comparator == ">="
    assert one(ELDERLY, "老年病科比例", stated(ELDERLY, "老年病科比例")["value"]).comparator == ">="
    for subject in ("社区建成智慧社区", "建成智慧社区"):
        smart = stated(SMART, subject)
        assert one(SMART, subject, smart["value"]).deadline == smart["deadline"]
    roads = jiyang[(jiyang.doc_id == ROADS) & (jiyang.value == ROAD_VILLAGES)]
    assert list(roads.deadline) == list(tables["road_milestones"].deadline), "the road plan's four steps"
    insurance = jiyang[(jiyang.doc_id == INSURANCE) & (jiyang.kind == "date")].iloc[0]
    paying = tables["insurance_periods"].set_index("period").loc["缴费期", "end_date"]
    assert insurance.deadline == paying and "缴费任务" in insurance.subject, "the task ends with the paying period"
    phases = jiyang[(jiyang.doc_id == SCHOOL_FIRE) & jiyang.subject.str.endswith("阶段")]
    assert list(phases.deadline) == [r["deadline"] for r in rows("targets", SCHOOL_FIRE) if r["subject"].endswith("阶段")]
    assert phases.deadline.is_monotonic_increasing and len(phases) > 1


def test_no_year_phone_number_or_budget_fact_becomes_a_target(tables):
    t = tables["targets"]
    values = t.value.dropna()
    assert not ((values >= 1990) & (values <= 2060)).any()          # years
    assert values.max() < 100_000                                   # phone numbers, 文号 digits
    assert not t.subject.str.contains("投资").any()                  # budget facts
    budget = [-value("fund_totals", "value", FUNDS, measure="比上年增减"),
              value("fund_by_source", "share_pct_stated", FUNDS, source_name="中央资金"),
              value("fund_totals", "value", FUNDS, measure="统筹整合资金总额")]
    assert not ((t.doc_id == FUNDS) & (t.value.isin([float(v) for v in budget]))).any()
    assert not t.unit.isin(["年", "日", "号"]).any()


def test_every_row_points_at_the_raw_line_of_its_number(tables):
    t = tables["targets"]
    bulletin = dict(zip(tables["documents"].doc_id, tables["documents"].bulletin))
    for row in t[t.kind.isin(["rate", "count", "amount"])].itertuples():
        printed = format(row.value, "g")
        line = raw_line(bulletin[row.doc_id], int(row.line)).replace(" ", "")
        assert printed in line, (row.target_id, printed, line)


def test_checks_of_listed_rates_and_road_milestones(tables):
    checks = tables["data_quality"]
    mine = checks[checks.check_id.str.startswith("targets.")]
    assert (mine.severity == "ok").all()
    assert len(mine[mine.check_id.str.startswith("targets.n_times_100pct.")]) == len(snapshots.checks("campaigns.p05.rates."))
    assert len(mine[mine.check_id.str.startswith("targets.road_milestone.")]) == count("road_milestones", ROADS)


def test_changed_figure_changes_the_hotline_target(perturb, tables):
    monthly = int(topic(tables, "hotline.monthly_resolution").value)
    changed = perturb("zhangqiu", lambda text: text.replace(f"{monthly}%以上", f"{monthly + 5}%以上", 1))
    assert topic(changed, "hotline.monthly_resolution").value == monthly + 5
    assert topic(changed, "hotline.yearly_resolution").value == topic(tables, "hotline.yearly_resolution").value


def test_inserted_paragraph_shifts_lines_but_keeps_ids(perturb, tables):
    before = tables["targets"]
    changed = perturb("zhangqiu", lambda text: text.replace(TITLE_LINE, TITLE_LINE + "\n新增的一段说明。\n", 1))
    after = changed["targets"]
    for key, *_ in HOTLINE:
        assert topic(changed, key).line == topic(tables, key).line + 2
        assert topic(changed, key).target_id == topic(tables, key).target_id
    assert len(after) == len(before)


def test_missing_hotline_target_is_an_error(perturb):
    changed = perturb("zhangqiu", lambda text: text.replace("、年底退出后五位", "", 1))
    check = dq(changed, "targets.hotline_topics")
    assert check.severity == "error"
    assert "hotline.city_rank_exit_bottom5" in check.message
    assert "hotline.city_rank_exit_bottom3" not in check.message


def test_listed_rates_that_do_not_match_their_stated_count_warn(perturb):
    changed = perturb("zhangqiu", lambda text: text.replace("“五个 100%”", "“六个 100%”", 1))
    checks = changed["data_quality"]
    check = checks[checks.check_id.str.startswith("targets.n_times_100pct.")
                   & checks.subject.str.contains("六个")].iloc[0]
    assert (check.severity, check.expected, check.actual) == ("warn", "6", snapshots.check("campaigns.p05.rates.1")["actual"])


def test_road_milestone_off_the_stated_village_count_warns(perturb):
    fewer = ROAD_VILLAGES - 4
    changed = perturb("jiyang", lambda text: text.replace(f"完成{ROAD_VILLAGES}个村主体工程", f"完成{fewer}个村主体工程", 1))
    checks = changed["data_quality"]
    road = checks[checks.check_id.str.startswith("targets.road_milestone.")]
    off = road[road.severity == "warn"]
    assert len(off) == 1 and str(ROAD_VILLAGES) in off.iloc[0].message and str(fewer) in off.iloc[0].message
    targets = changed["targets"]
    main_works = value("road_milestones", "deadline", ROADS, step_name="主体施工")
    assert targets[(targets.doc_id == ROADS) & (targets.value == fewer)].deadline.tolist() == [main_works]


@pytest.mark.parametrize("text, iso", [
    ("在9月底前,对", "2025-09-30"), ("在9月中旬前,对", "2025-09-20"), ("年底退出", "2025-12-31"),
    ("2020年底集体收入", "2020-12-31"), ("到2022年,社区", "2022-12-31"),
    ("2020年12月31日前,完成", "2020-12-31"), ("2021年8月底前,智慧社区", "2021-08-31"),
])
def test_deadline_phrases(text, iso):
    marks = [m for m in time_marks(text, 2025) if not m.recurring]
    assert marks[-1].iso == iso


def test_recurring_markers_and_start_dates_are_not_deadlines():
    assert [m.recurring for m in time_marks("当月化解量达到当月总数的20%以上", 2025)] == [True, True]
    (year,) = time_marks("全年达到全年总数的30%以上", 2025)
    assert (year.recurring, year.iso) == (False, "2025-12-31")
    assert time_marks("2025年3月以来整治问题", 2025) == []


def test_attribution_roles_and_nested_brackets():
    text = "并长效坚持。(牵头单位:区人社局、区住建局;责任单位:各街道(镇)及相关部门)"
    (found,) = attributions(text, {})
    assert found.lead == ("区人社局", "区住建局")
    assert found.responsible == ("区人社局", "区住建局", *split_units("各街道(镇)及相关部门"))
    assert "各街道(镇)" in found.responsible
    assert text[found.end - 1] == ")" and found.end == len(text)


def test_required_topics_are_only_keys():
    assert all(re.fullmatch(r"hotline\.[a-z_.0-9]+", key) for key in HOTLINE_REQUIRED)


def test_page_break_inside_a_sentence_keeps_the_target(perturb, tables):
    changed = perturb("zhangqiu", lambda text: text.replace("当月化解量达到当月总数的",
                                                           "当月化解量达到\n\n当月总数的", 1))
    monthly = topic(changed, "hotline.monthly_resolution")
    assert monthly.value == topic(tables, "hotline.monthly_resolution").value and monthly.comparator == ">="
    assert monthly.line == topic(tables, "hotline.monthly_resolution").line + 2


# ---- commitments and reported results (given a sentence written for the test, expect its reading) ----

@pytest.mark.parametrize("sentence, number, deadline, comparator, plan, expected", [
    ("本周受理量比上周增长20.48%", "20.48", False, "=", False, "reported"),
    ("全区群众满意率为98.5%", "98.5", False, "=", False, "reported"),
    ("本月共受理诉求300件,办结率100%", "100", False, "=", False, "reported"),
    ("按时办结率96%,回访满意率93%", "93", False, "=", False, "reported"),
    ("到2022年,无害化卫生厕所普及率达到95%", "95", True, ">=", True, "commitment"),
    ("确保群众满意率不低于90%", "90", False, ">=", True, "commitment"),
    ("计划培训农民300人", "300", False, "=", True, "commitment"),
    ("比上年增长10%以上,确保年底前完成", "10", True, ">=", True, "commitment"),
])
def test_a_commitment_is_told_from_a_reported_result(sentence, number, deadline, comparator, plan, expected):
    from loaders.targets import statement_of

    start = sentence.index(number)
    assert statement_of(sentence, start, start + len(number), deadline, comparator, plan) == expected


@pytest.mark.parametrize("before, bound", [("群众满意率低于市上最低标准", ">="), ("费用不超过", "<="),
                                           ("覆盖率不低于", ">="), ("支出最高标准", "<=")])
def test_bounds_are_read_as_stated(before, bound):
    from loaders.targets import comparator_of

    assert comparator_of(before, None) == bound
