"""涉农资金统筹整合实施方案 (济阳政字〔2020〕81号): values a reader can find in the bulletin.

Figures are checked against each other (parts add up to the printed total, shares are amounts over
the total) or looked up in the extraction snapshot (tests/snapshots/documents.json, `printed`),
never copied from the bulletin into this file."""
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest

from tests.conftest import dq, raw_text
from tests.snapshots import count, doc_id, rows, value

DOC = doc_id("涉农资金")
D = Decimal


def printed(table: str, column: str, **match):
    """The figure of this document as the snapshot holds it."""
    return value(table, column, DOC, **match)


def amounts(table: str, **match) -> list:
    return [row["amount_wan"] for row in rows(table, DOC, **match)]


def share(amount, total) -> Decimal:
    """amount / total in percent, rounded half up to two places (as the bulletin prints shares)."""
    return (D(amount) / D(total) * 100).quantize(D("0.01"), rounding=ROUND_HALF_UP)


def stated_total(tables) -> Decimal:
    return tables["fund_totals"].set_index("measure").loc["统筹整合资金总额", "value"]


def by(frame, column, value):
    hit = frame[frame[column] == value]
    assert len(hit) == 1, f"{column} = {value}: {len(hit)} rows"
    return hit.iloc[0]


# ---------------------------------------------------------------- totals and breakdowns

def test_five_sources_with_stated_and_computed_shares(tables):
    sources = tables["fund_by_source"]
    assert list(sources.source_name) == ["中央资金", "省级资金", "市级资金", "区级资金", "其他资金"]
    total = stated_total(tables)
    city = by(sources, "source_name", "市级资金")
    assert city.amount_wan == printed("fund_by_source", "amount_wan", source_name="市级资金")
    assert city.share_pct_stated == city.share_pct == share(city.amount_wan, total)
    other = by(sources, "source_name", "其他资金")
    assert other.amount_wan == printed("fund_by_source", "amount_wan", source_name="其他资金")
    assert other.share_pct == share(other.amount_wan, total), "computed from the amounts"
    assert other.share_pct_stated == printed("fund_by_source", "share_pct_stated", source_name="其他资金")
    assert other.share_pct_stated != other.share_pct, "the printed share is kept as printed"
    assert set(sources.doc_id) == {DOC}
    assert all(isinstance(a, Decimal) for a in sources.amount_wan)


def test_sums_are_exact_decimals(tables):
    sources, sectors, natures = tables["fund_by_source"], tables["fund_by_sector"], tables["fund_by_task_nature"]
    exact = sum(sources.amount_wan, D(0))
    assert exact.as_tuple().exponent < stated_total(tables).as_tuple().exponent, "more places than the printed total"
    assert exact.quantize(stated_total(tables)) == stated_total(tables), "the printed total is the sum, rounded"
    assert sum(sectors.amount_wan, D(0)) == exact
    assert sum(natures.amount_wan, D(0)) == exact


def test_stated_total_and_change_on_previous_year(tables):
    totals = tables["fund_totals"].set_index("measure")
    parts = sum(tables["fund_by_source"].amount_wan, D(0))
    assert totals.loc["统筹整合资金总额", "value"] == parts.quantize(printed("fund_totals", "value", measure="统筹整合资金总额"))
    assert totals.loc["统筹整合资金总额", "unit"] == "万元"
    change = totals.loc["比上年增减", "value"]
    assert change == printed("fund_totals", "value", measure="比上年增减") and change < 0  # 比2019年减少…%
    assert not totals.loc["统筹整合资金总额", "derived"] and not totals.loc["比上年增减", "derived"]
    derived = tables["fund_totals"][tables["fund_totals"].derived]
    assert len(derived) == 1 and "推算" in derived.measure.iloc[0] and "原文未写明" in derived.note.iloc[0]


def test_sector_and_nature_breakdowns(tables):
    sectors, natures = tables["fund_by_sector"], tables["fund_by_task_nature"]
    assert list(sectors.sector_name) == ["产业振兴", "人才振兴", "生态振兴", "文化振兴", "组织振兴", "脱贫攻坚"]
    assert by(sectors, "sector_name", "脱贫攻坚").amount_wan == printed("fund_by_sector", "amount_wan", sector_name="脱贫攻坚")
    assert list(natures.nature_name) == ["上级约束性任务", "省市统筹使用资金", "区级资金", "其他资金"]
    assert (by(natures, "nature_name", "上级约束性任务").amount_wan
            == printed("fund_by_task_nature", "amount_wan", nature_name="上级约束性任务"))


def test_fund_checks_on_the_real_bulletin(tables):
    # The stated total is printed with 5 decimals; the parts add up to one more place.
    sources = tables["fund_by_source"].set_index("source_name")
    assert dq(tables, "funds.source_total").severity == "ok"
    assert dq(tables, "funds.source_total").actual == str(sum(sources.amount_wan, D(0)))
    assert dq(tables, "funds.sector_total").severity == "ok"
    assert dq(tables, "funds.nature_total").severity == "ok"
    assert dq(tables, "funds.source_share.市级资金").severity == "ok"
    # 其他资金 and 区级资金: the printed share is not the amount over the total, rounded.
    other = dq(tables, "funds.source_share.其他资金")
    assert other.severity == "warn"
    assert str(sources.share_pct_stated["其他资金"]) in other.message and str(sources.share_pct["其他资金"]) in other.message
    assert other.line == sources.line["其他资金"]
    assert dq(tables, "funds.source_share.区级资金").severity == "warn"
    assert dq(tables, "funds.source_share_sum").severity == "ok"
    upper = dq(tables, "funds.nature_vs_upper_sources")
    upper_sources = sum(sources.amount_wan[["中央资金", "省级资金", "市级资金"]], D(0))
    assert upper.severity == "ok" and upper.expected == upper.actual == str(upper_sources)


# ---------------------------------------------------------------- key projects

def test_six_key_projects(tables):
    projects = tables["fund_projects"]
    assert list(projects.project_no) == list(range(1, count("fund_projects", DOC) + 1))
    assert set(projects.sector_name) <= set(tables["fund_by_sector"].sector_name)
    river = by(projects, "project_name", "济阳区土马河治理工程")
    assert river.sector_name == "生态振兴" and river.town_name == "新市镇"
    assert river.total_wan == sum(amounts("fund_project_sources", project_no=river.project_no), D(0))
    assert river.total_stated
    assert (river.start_month, river.end_month) == (printed("fund_projects", "start_month", project_no=river.project_no),
                                                    printed("fund_projects", "end_month", project_no=river.project_no))
    assert river.start_month < river.end_month
    assert river.funding_line == printed("fund_projects", "funding_line", project_name="济阳区土马河治理工程")
    first = by(projects, "project_no", 1)
    assert (first.sector_name, first.town_name) == ("脱贫攻坚", "垛石街道")
    assert first.total_wan == printed("fund_projects", "total_wan", project_no=1)
    assert (first.start_month, first.end_month) == (printed("fund_projects", "start_month", project_no=1),
                                                    printed("fund_projects", "end_month", project_no=1))
    assert by(projects, "project_no", 2).town_name == "曲堤街道"
    assert projects[projects.project_no.isin([3, 4, 6])].town_name.isna().all()  # 各镇（街道）


def test_project_without_stated_total_is_not_summed(tables):
    training = by(tables["fund_projects"], "project_no", 3)
    assert pd.isna(training.total_wan)  # NULL, not the sum of its sources
    assert not training.total_stated
    sources = tables["fund_project_sources"]
    assert list(sources[sources.project_no == 3].amount_wan) == amounts("fund_project_sources", project_no=3)
    assert len(sources[sources.project_no == 3]) == 2
    assert "未写明总投资" in dq(tables, "funds.project_total.3").message


def test_project_sources(tables):
    sources = tables["fund_project_sources"]
    river = sources[sources.project_no == 5]
    assert list(river.source_name) == ["中央资金", "省级资金", "市级资金", "区级配套资金"]
    assert list(river.amount_wan) == amounts("fund_project_sources", project_no=5)
    assert sum(river.amount_wan, D(0)) == by(tables["fund_projects"], "project_no", 5).total_wan
    assert list(river.source_level) == ["中央资金", "省级资金", "市级资金", "区级资金"]
    culture = sources[sources.project_no == 4]
    assert list(culture.source_name) == ["公共文化服务体系专项资金", "省财政补助"]
    assert culture.amount_wan.isna().all()
    assert list(sources[sources.project_no == 2].amount_wan) == amounts("fund_project_sources", project_no=2)
    villages = sources[sources.project_no == 6]
    assert list(villages.amount_wan) == amounts("fund_project_sources", project_no=6) and len(villages) == 2


def test_project_checks(tables):
    assert dq(tables, "funds.project_total.5").severity == "ok"
    partial = dq(tables, "funds.project_total.2")
    unsourced = printed("fund_projects", "total_wan", project_no=2) - sum(amounts("fund_project_sources", project_no=2), D(0))
    assert partial.severity == "ok" and str(unsourced) in partial.message  # the total less the stated sources
    assert "未写金额" in dq(tables, "funds.project_total.4").message
    assert dq(tables, "funds.project_per_unit.6.中央财政扶持资金").severity == "ok"  # per unit × units = the stated amount
    assert dq(tables, "funds.project_per_unit_total.6").severity == "ok"  # the per-unit parts add up


# ---------------------------------------------------------------- indicator table

def test_indicator_table_has_32_rows_across_the_page_break(tables):
    indicators = tables["rural_indicators"]
    assert list(indicators.seq) == list(range(1, int(dq(tables, "funds.indicator_count").expected) + 1))
    snapshot = pd.Series([row["category"] for row in rows("rural_indicators", DOC)]).value_counts().to_dict()
    assert indicators.category.value_counts().to_dict() == snapshot
    assert list(snapshot) == ["产业兴旺", "生态宜居", "乡风文明", "治理有效", "生活富裕"]  # the five categories, largest first
    assert by(indicators, "seq", 16).category == "产业兴旺"  # forward fill across the repeated header
    assert set(indicators.attribute) == {"约束性", "预期性"}
    assert dq(tables, "funds.indicator_count").severity == "ok"


def values_of(tables, seq: int) -> list[tuple]:
    """(role, year, printed value, number, operator) of one indicator, in year order."""
    values = tables["rural_indicator_values"]
    rows = values[values.seq == seq].sort_values(["role", "year"], key=lambda c: c.map({"base": 0, "target": 1})
                                                 if c.name == "role" else c)
    return [(r.role, r.year, r.value_text, None if r.value != r.value else r.value, r.operator)
            for r in rows.itertuples()]


def test_indicator_values_are_long_form_by_the_years_the_header_prints(tables):
    values = tables["rural_indicator_values"]
    years = sorted({(r, y) for r, y in zip(values.role, values.year)}, key=lambda x: (x[0] != "base", x[1]))
    header = next(line for line in raw_text("jiyang").split("\n") if "指标名称" in line and "基期" in line)
    assert [y for _r, y in years] == [int(y) for y in __import__("re").findall(r"(\d{4})\s*年", header)]
    assert [r for r, _y in years] == ["base"] + ["target"] * (len(years) - 1)
    assert len(values) == len(tables["rural_indicators"]) * len(years)


def test_indicator_values_keep_operators_in_text(tables):
    indicators = tables["rural_indicators"]
    road = by(indicators, "seq", 22)
    assert road["name"] == "道路“户户通”村庄占比"
    road_values = [v[2] for v in values_of(tables, 22)]
    assert road_values[2] == ">" + road_values[1] and road.growth_text == f"[>{road.growth_value:g}]"
    assert road_values == [row["value_text"] for row in rows("rural_indicator_values", DOC, seq=22)]
    (_r, _y, _t, base, _o), *_, (_r2, _y2, _t2, target, operator) = values_of(tables, 22)
    assert (target, operator) == (float(road_values[1]), ">")
    assert (road.growth_kind, road.growth_value) == ("total", pytest.approx(target - base)), "the target less the base"
    assert road.attribute == "约束性" and road.line == printed("rural_indicators", "line", seq=22)
    brands = by(indicators, "seq", 2)
    (_r, first_year, _t, first, _o), *_, (_r2, last_year, _t2, last, _o2) = values_of(tables, 2)
    yearly = round(((last / first) ** (1 / (last_year - first_year)) - 1) * 100, 2)
    assert (brands.growth_kind, brands.growth_value) == ("rate", yearly), "growth per year from the base to the last target"
    quality = by(indicators, "seq", 3)
    text, number, operator = values_of(tables, 3)[0][2:]
    assert operator == "≥" and text == f"{operator}{number:g}" and quality.growth_kind == "none"
    last = by(indicators, "seq", len(indicators))
    assert last.growth_text == printed("rural_indicators", "growth_text", seq=len(indicators)) == f"[{last.growth_value:g}]"


def test_growth_checks(tables):
    assert dq(tables, "funds.indicator_growth.2").severity == "ok"  # compounded per year from the base to the last target
    assert dq(tables, "funds.indicator_growth.30").severity == "ok"
    assert dq(tables, "funds.indicator_growth.22").severity == "ok"  # the target less the base, with its operator
    garden = dq(tables, "funds.indicator_growth.12")  # 田园综合体 0 -> 4 but [2]
    (_r, _y, _t, base, _o), *_, (_r2, _y2, _t2, target, _o2) = values_of(tables, 12)
    assert garden.severity == "warn" and garden.actual == f"{target - base:g}" != garden.expected.strip("[]")
    assert dq(tables, "funds.indicator_growth.16").severity == "warn"  # the printed growth is not the target less the base


# ---------------------------------------------------------------- perturbations

def test_changed_source_amount_changes_row_and_warns(perturb):
    before = printed("fund_by_source", "amount_wan", source_name="中央资金")
    changed = perturb("jiyang", lambda t: t.replace(f"中央资金{before}万元", f"中央资金{before + 100}万元", 1))
    central = by(changed["fund_by_source"], "source_name", "中央资金")
    assert central.amount_wan == before + 100
    check = dq(changed, "funds.source_total")
    assert check.severity == "warn" and check.actual == str(sum(amounts("fund_by_source"), D(0)) + 100)
    assert dq(changed, "funds.source_share.中央资金").severity == "warn"  # its share moved, the printed one did not
    assert dq(changed, "funds.nature_vs_upper_sources").severity == "warn"


def test_inserted_paragraph_shifts_indicator_lines(perturb, tables):
    changed = perturb("jiyang", lambda t: t.replace("乡村振兴指标体系\n", "说明：下表为规划指标。\n\n乡村振兴指标体系\n", 1))
    before, after = tables["rural_indicators"], changed["rural_indicators"]
    assert len(after) == len(before)
    assert list(after.line - before.line) == [2] * len(before)
    assert after.drop(columns="line").equals(before.drop(columns="line"))


def test_deleted_indicator_row_warns_about_count(perturb, tables):
    def drop_row(text):
        row = next(line for line in text.split("\n") if line.startswith("\t12\t田园综合体"))
        return text.replace(row + "\n", "", 1)
    changed = perturb("jiyang", drop_row)
    indicators = changed["rural_indicators"]
    listed = len(tables["rural_indicators"])
    assert len(indicators) == listed - 1 and 12 not in set(indicators.seq)
    check = dq(changed, "funds.indicator_count")
    assert check.severity == "warn" and "12" in check.message
    assert (check.expected, check.actual) == (str(listed), str(listed - 1))


def test_page_break_inside_the_source_sentence(perturb, tables):
    """A page break (blank lines) in the middle of the sentence: same amounts, the later ones one page on."""
    city = printed("fund_by_source", "amount_wan", source_name="市级资金")
    changed = perturb("jiyang", lambda t: t.replace(f"市级资金{city}万元，", f"市级资金\n\n\n{city}万元，", 1))
    before, after = tables["fund_by_source"], changed["fund_by_source"]
    assert list(after.amount_wan) == list(before.amount_wan)
    assert list(after.line - before.line) == [0, 0, 3, 3, 3]
    assert dq(changed, "funds.source_total").severity == "ok"


def test_page_breaks_after_semicolon_and_inside_project_funding(perturb, tables):
    province = printed("fund_by_source", "share_pct_stated", source_name="省级资金")
    central = printed("fund_project_sources", "amount_wan", project_no=5, source_name="中央资金")

    def edit(text):
        text = text.replace(f"占整合资金的{province}%；", f"占整合资金的{province}%；\n\n", 1)
        return text.replace(f"其中：中央资金 {central} 万元", f"其中：中央资金\n\n{central} 万元", 1)
    changed = perturb("jiyang", edit)
    assert list(changed["fund_by_source"].amount_wan) == list(tables["fund_by_source"].amount_wan)
    river = changed["fund_project_sources"][changed["fund_project_sources"].project_no == 5]
    assert list(river.amount_wan) == amounts("fund_project_sources", project_no=5)
    assert dq(changed, "funds.project_total.5").severity == "ok"


def test_project_source_change_warns_on_project_total(perturb):
    province = printed("fund_project_sources", "amount_wan", project_no=5, source_name="省级资金")
    changed = perturb("jiyang", lambda t: t.replace(f"省级资金 {province} 万元", f"省级资金 {province + 100} 万元", 1))
    river = changed["fund_project_sources"]
    assert province + 100 in set(river[river.project_no == 5].amount_wan)
    assert dq(changed, "funds.project_total.5").severity == "warn"


def test_halfwidth_page_variant_parses_the_same(perturb, tables):
    """The same paragraph printed with half-width punctuation and spaces on another page."""
    amount = printed("fund_by_source", "amount_wan", source_name="省级资金")
    stated = printed("fund_by_source", "share_pct_stated", source_name="省级资金")
    changed = perturb("jiyang", lambda t: t.replace(
        f"省级资金{amount}万元，占整合资金的{stated}%；", f"省级资金 {amount} 万元, 占整合资金的 {stated}%; ", 1))
    assert changed["fund_by_source"].drop(columns="line").equals(tables["fund_by_source"].drop(columns="line"))


def test_category_forward_fill(tables):
    indicators = tables["rural_indicators"].sort_values("seq")
    assert indicators.category.notna().all()
    runs = indicators.category[indicators.category != indicators.category.shift()]
    assert runs.is_unique, "each category is one block of rows, filled down from its first row"
    assert list(indicators.category) == [row["category"] for row in rows("rural_indicators", DOC)]
