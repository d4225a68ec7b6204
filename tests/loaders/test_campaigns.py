"""章丘区 2025 专项整治工作方案汇编: plans, phases, tasks, units — values a reader can check in the text."""
import re

import pandas as pd

from tests.conftest import bulletin_id, dq, raw_text
from tests.snapshots import check, count, doc_id, doc_ids, lines, value


def plan(tables, plan_no):
    return tables["campaign_plans"].set_index("plan_no").loc[plan_no]


def tasks_of(tables, plan_no):
    frame = tables["campaign_tasks"]
    return frame[frame.plan_no == plan_no]


def month_end(year: int, month: int) -> str:
    return (pd.Timestamp(year=year, month=month, day=1) + pd.offsets.MonthEnd(0)).strftime("%Y-%m-%d")


def units_of(tables, plan_no, task_id=None):
    frame = tables["campaign_task_units"]
    frame = frame[frame.plan_no == plan_no]
    return frame if task_id is None else frame[frame.task_id == task_id]


# ---------------------------------------------------------------- plans

def test_sixteen_plans_with_short_fields(tables):
    plans = tables["campaign_plans"]
    assert list(plans.plan_no) == list(range(1, len(doc_ids(bulletin_id("zhangqiu"))) + 1))
    assert list(plans.field) == ["12345热线", "城建", "命案防控", "道路交通安全", "社会治安", "就业", "安置房", "教育",
                                 "公共卫生", "养老", "道路交通", "供电供暖", "安全生产", "医保", "食品药品", "文旅"]
    assert list(plans.doc_id) == doc_ids(bulletin_id("zhangqiu")), "one plan per document of the compendium, in order"


def test_hotline_plan_contact_and_lead_unit(tables):
    hotline = plan(tables, 1)
    printed = raw_text("zhangqiu").split("\n")[hotline.contact_line - 1]
    assert re.fullmatch(r"0531-\d{8}", hotline.contact_phone) and hotline.contact_phone in printed
    assert hotline.contact_unit == "区政府办公室热线办"
    assert hotline.contact == f"（联系电话：区政府办公室热线办，{hotline.contact_phone}）"
    assert hotline.lead_unit == "区政府办公室"
    assert hotline.lead_unit_basis == "联系电话单位"


def test_contact_split_over_two_lines(tables):
    traffic = plan(tables, 4)   # "（联系电话：市公安局交通管理支队章丘区大队，  \n0531-…）"
    printed = raw_text("zhangqiu").split("\n")[traffic.contact_line - 1:traffic.contact_line + 1]
    assert "联系电话" in printed[0] and traffic.contact_phone not in printed[0] and traffic.contact_phone in printed[1]
    assert traffic.contact_line == value("campaign_plans", "contact_line", plan_no=4)
    assert traffic.lead_unit == "区公安分局交通管理大队"


def test_every_contact_is_printed_from_its_own_line(tables):
    # The cited line is the one that holds the contact, and the text starts there (not with the
    # attachment list's last item that a paragraph joined in front of it).
    plans = tables["campaign_plans"]
    documents = tables["documents"].set_index("doc_id")
    for plan_row in plans.itertuples():
        lines = raw_text(documents.loc[plan_row.doc_id, "bulletin"]).split("\n")
        assert plan_row.contact.startswith("（联系电话"), plan_row.contact
        assert "联系电话" in lines[plan_row.contact_line - 1], (plan_row.plan_no, plan_row.contact_line)


def test_lead_units_of_every_plan(tables):
    plans = tables["campaign_plans"].set_index("plan_no")
    assert plans.lead_unit.to_dict() == {
        1: "区政府办公室", 2: "区住房和城乡建设局", 3: "区公安分局", 4: "区公安分局交通管理大队", 5: "区公安分局",
        6: "区人力资源和社会保障局", 7: "区住房和城乡建设局", 8: "区教育和体育局", 9: "区卫生健康局", 10: "区民政局",
        11: "区城乡交通运输局", 12: "区发展和改革局", 13: "区应急管理局", 14: "区医疗保障局", 15: "区市场监督管理局",
        16: "区文化和旅游局"}
    # 就业: the contact is a centre under the bureau; "此次扩大就业专项整治活动由区人社局牵头"
    assert plans.loc[6, "lead_unit_basis"] == "方案牵头表述"
    # 安置房: no 牵头 anywhere; the first-listed 责任单位 of most tasks is 区住建局
    assert plans.loc[7, "lead_unit_basis"] == "任务责任单位"


# ---------------------------------------------------------------- phases

def test_phase_dates(tables):
    phases = tables["campaign_phases"]
    hotline = phases[phases.plan_no == 1]
    assert list(hotline.phase_name) == ["集中攻坚阶段", "深化整治阶段"]
    first, second = hotline.iloc[0], hotline.iloc[1]
    health = phases[phases.plan_no == 9].iloc[0]
    traffic = phases[phases.plan_no == 4].iloc[0]
    printed = raw_text("zhangqiu").split("\n")
    for phase in (first, second, health, traffic):   # the dates are read from the phrase printed on the line
        assert phase.when_text in printed[phase.line - 1].replace(" ", ""), phase.when_text
    year, month = map(int, re.fullmatch(r"即日起至(\d{4})年(\d+)月底前", first.when_text).groups())
    assert pd.isna(first.start_date) and first.end_date == month_end(year, month)
    year, start, end = map(int, re.fullmatch(r"(\d{4})年(\d+)月至(\d+)月底", second.when_text).groups())
    assert (second.start_date, second.end_date) == (f"{year}-{start:02d}-01", month_end(year, end))
    year, month = map(int, re.fullmatch(r"(\d{4})年(\d+)月", health.when_text).groups())
    assert (health.phase_name, health.start_date, health.end_date) == ("动员部署阶段", f"{year}-{month:02d}-01",
                                                                       month_end(year, month))
    month = int(re.fullmatch(r"即日起到(\d+)月中旬", traffic.when_text)[1])
    assert (traffic.phase_name, traffic.end_date) == ("全程", f"{year}-{month:02d}-20")    # 中旬 ends on the 20th
    power = phases[phases.plan_no == 12]
    assert list(power.phase_group.unique()) == ["电力保障供应专项提升行动", "供暖保障专项提升行动"]
    assert len(phases[phases.plan_no == 10]) == 0                            # 养老 prints no 时间安排


def test_stated_phase_counts_and_the_overlap_in_the_hotline_plan(tables):
    assert dq(tables, "campaigns.p02.phase_count").severity == "ok"
    assert dq(tables, "campaigns.p14.phase_count").expected == str(count("campaign_phases", plan_no=14))
    overlap = dq(tables, "campaigns.p01.phase_overlap.2")
    assert overlap.severity == "warn"           # ends 9月底, the next one starts in 9月
    second = value("campaign_phases", "line", plan_no=1, seq=2)
    assert "重叠" in overlap.message and overlap.line == second


# ---------------------------------------------------------------- tasks

def test_task_counts_per_plan(tables):
    counts = tables["campaign_tasks"].groupby("plan_no").size().to_dict()
    for plan_no in (1, 3, 6, 13, 16):
        assert counts[plan_no] == count("campaign_tasks", plan_no=plan_no)
    assert all(counts.get(n, 0) >= 1 for n in range(1, 17))
    ids = tables["campaign_tasks"][["plan_no", "task_id"]]
    assert not ids.duplicated().any()


def test_traffic_plan_numbers_tasks_across_sections(tables):
    traffic = tasks_of(tables, 4)
    second_level = traffic[traffic.level == 2]
    assert list(second_level.number) == [str(n) for n in range(1, 13)]
    four = traffic[traffic.task_id == "二.(二).4"].iloc[0]
    assert four.title == "抓好重点违法整治" and four.parent_id == "二.(二)"


def test_titles_deadlines_and_targets(tables):
    hotline = tasks_of(tables, 1).set_index("task_id")
    assert hotline.loc["二.(四)", "title"] == "开展占道经营问题整治提升行动"
    month = int(re.match(r"在(\d+)月中旬前", hotline.loc["二.(四)", "deadline_text"])[1])
    assert hotline.loc["二.(四)", "deadline"].endswith(f"-{month:02d}-20")      # 中旬 ends on the 20th
    assert "20%以上" in hotline.loc["二.(一)", "targets_text"]
    assert "60%" in hotline.loc["二.(一)", "targets_text"]
    homicide = tasks_of(tables, 3).set_index("task_id")
    assert homicide.loc["二.(五)", "deadline_text"] == "11月26日前完成并长期坚持"   # 整改时限
    roads = tasks_of(tables, 11).set_index("task_id")
    assert "坑槽修补率100%" in roads.loc["二.(一).1", "targets_text"]            # 预期效果 block


def test_expected_effects_and_problem_lists_are_not_tasks(tables):
    roads = tasks_of(tables, 11)
    assert not roads.title.str.contains("坑槽影响行车安全").any()                # 问题聚焦 item
    assert not roads.title.str.contains("坑槽修补率").any()                      # 预期效果 item
    assert set(roads[roads.parent_id == "二.(一).1"].title) == {"开展“坑槽清零”行动", "实施路面撒漏清洁"}


def test_inline_sub_item_and_attribution_of_the_whole_item(tables):
    security = tasks_of(tables, 5).set_index("task_id")
    # "(2)分级分类稳控。… 不失控。(3)开展特别管控。…（责任单位：…）" on one printed line
    assert security.loc["二.(一).1.(3)", "title"] == "开展特别管控"
    units = units_of(tables, 5)
    assert list(units[units.task_id == "二.(一).1"].unit) == [
        "区公安分局", "区司法局", "区信访局", "区卫生健康局", "各镇街"]
    assert units[units.task_id.str.startswith("二.(一).1.")].empty


# ---------------------------------------------------------------- units

def test_attribution_split_across_a_page_break(tables):
    # "(责任单位：区公\n\n安分局交通管理大队、交运局、城管局、各街镇)"
    units = units_of(tables, 4, "二.(一).1")
    assert list(units.unit_raw) == ["区公安分局交通管理大队", "交运局", "城管局", "各街镇"]
    assert list(units.unit) == ["区公安分局交通管理大队", "区城乡交通运输局", "区城市管理局", "各镇街"]
    assert set(units.role) == {"责任"}
    printed = raw_text("zhangqiu").split("\n")
    first = units.line.iloc[0]
    assert printed[first - 1].endswith("责任单位：区公") and printed[first + 1].startswith("安分局交通管理大队")
    assert list(units.line) == [first] + [first + 2] * 3, "the first unit on its printed line, the rest after the break"
    # "[牵头单位：区城乡交通运输局；责任单位：\n\n区教育和体育局、各街道（镇）]"
    water = units_of(tables, 13, "二.(二).11")
    assert list(zip(water.role, water.unit)) == [("牵头", "区城乡交通运输局"), ("责任", "区教育和体育局"),
                                                 ("责任", "各镇街")]


def test_every_printed_attribution_form(tables):
    # （牵头单位：A，责任单位：B）
    assert list(units_of(tables, 16, "二.(一)").role) == ["牵头"] + ["责任"] * 4
    # [牵头单位：A；责任单位：B]
    power = units_of(tables, 12, "二.(一).3")
    assert list(zip(power.role, power.unit)) == [("牵头", "区发展和改革局"), ("责任", "各镇街"), ("责任", "区供电公司")]
    # （牵头单位：A；配合单位：B）
    school = units_of(tables, 8, "二.(一).1")
    assert list(zip(school.role, school.unit)) == [("牵头", "区教育和体育局"), ("配合", "区财政局")]
    # 牵头单位: [A; 责任单位: B]  (bracket after the label)
    chem = units_of(tables, 13, "二.(二).1")
    assert list(zip(chem.role, chem.unit)) == [("牵头", "区应急管理局"), ("责任", "各镇街")]
    # "区公安分局牵头，各街镇配合" inside the text
    people = units_of(tables, 3, "二.(三)")
    assert ("配合", "各镇街", "句式") in set(zip(people.role, people.unit, people.form))
    # "由区卫生健康局牵头开展专项督导" is the only attribution of the 公共卫生 plan
    health = units_of(tables, 9)
    assert list(zip(health.task_id, health.role, health.unit)) == [("二.(二)", "牵头", "区卫生健康局")]


def test_housing_bureau_named_in_thirty_three_tasks(tables):
    """区住建局 / 住建局 / 区住房和城乡建设局, any role: counted by reading the plans.

    热线 (二)(三) 2; 城建 16 (every sub-item); 命案防控 (六) 1; 社会治安 6 1; 安置房 (二)-(五) 4;
    供电供暖 (一)2 (一)4 (二)1-3 5; 安全生产 城镇燃气、建筑施工 2; 文旅 (二)(四) 2.
    """
    units = tables["campaign_task_units"]
    named = units[units.unit == "区住房和城乡建设局"].drop_duplicates(["plan_no", "task_id"])
    assert named.groupby("plan_no").size().to_dict() == {1: 2, 2: 16, 3: 1, 5: 1, 7: 4, 12: 5, 13: 2, 16: 2}
    assert len(named) == sum(named.groupby("plan_no").size())
    assert set(units[units.unit == "区住房和城乡建设局"].unit_raw) == {"区住建局", "住建局", "区住房和城乡建设局"}


def test_town_variants_collapse_to_one_name(tables):
    units = tables["campaign_task_units"]
    towns = units[units.unit == "各镇街"]
    assert set(towns.unit_raw) == {"各镇街", "各街镇", "各街道(镇)"}
    assert not units.unit.isin(["各街镇", "各街道(镇)", "各街道（镇）"]).any()


def test_plans_without_attributions_are_reported(tables):
    for plan_no in (10, 14):
        row = dq(tables, f"campaigns.p{plan_no:02d}.has_units")
        assert row.severity == "warn" and row.actual == "0"
        assert units_of(tables, plan_no).empty
    assert dq(tables, "campaigns.p04.has_units").severity == "ok"


def test_departments_table_lists_seen_spellings(tables):
    departments = tables["departments"]
    pairs = set(zip(departments.unit, departments.alias))
    assert ("区住房和城乡建设局", "区住建局") in pairs
    assert ("区发展和改革局", "区发展和改革委员会") in pairs and ("区发展和改革局", "区发改局") in pairs
    assert ("区人力资源和社会保障局", "人社局") in pairs
    assert ("区公安分局交通管理大队", "交管大队") in pairs
    assert departments.in_alias_table.all()
    assert dq(tables, "campaigns.unknown_aliases").severity == "ok"


# ---------------------------------------------------------------- stated counts

def test_stated_counts_add_up(tables):
    # “五个 100%”, “七大行动”, “N处，其中紧急隐患A处，一般隐患B处”, “N个，其中…个、…个”: each stated
    # count equals what the plan lists, as the build snapshot has it; Arabic ones are printed on the cited line.
    printed = raw_text("zhangqiu").split("\n")
    for check_id in ("campaigns.p13.items.共性事项", "campaigns.p13.items.行业领域重点事项", "campaigns.p01.mechanisms",
                     "campaigns.p05.rates.1", "campaigns.p12.parts.1", "campaigns.p06.parts.1",
                     "campaigns.p08.top_task_count", "campaigns.p13.layers"):
        row = dq(tables, check_id)
        assert row.severity == "ok" and row.expected == row.actual, check_id
        assert {"severity": row.severity, "expected": row.expected, "actual": row.actual} == check(check_id)
        if ".parts." in check_id or ".items." in check_id:
            assert re.search(rf"(?<!\d){row.expected}\s*[个处项]", printed[int(row.line) - 1]), check_id


# ---------------------------------------------------------------- perturbations

NEW_TASK = ("（七）开展河道垃圾整治提升行动。\n\n整治内容及目标：清理河道沿岸垃圾，在10月底前动态清零。"
            "（牵头单位：区水务局，责任单位：各街镇）\n\n")


def test_new_task_gives_a_task_row_and_two_unit_rows(perturb, tables):
    changed = perturb("zhangqiu", lambda t: t.replace("### 三、时间安排", NEW_TASK + "### 三、时间安排", 1))
    hotline = tasks_of(changed, 1)
    assert len(hotline) == count("campaign_tasks", plan_no=1) + 1
    new = hotline[hotline.task_id == "二.(七)"].iloc[0]
    year = tasks_of(tables, 1).deadline.dropna().iloc[0][:4]   # the plan's year
    assert new.title == "开展河道垃圾整治提升行动" and new.deadline == f"{year}-10-31"  # 在10月底前
    units = units_of(changed, 1, "二.(七)")
    assert list(zip(units.role, units.unit_raw, units.unit)) == [
        ("牵头", "区水务局", "区城乡水务局"), ("责任", "各街镇", "各镇街")]
    # everything below moved down by the four inserted lines
    assert plan(changed, 2).first_line == plan(tables, 2).first_line + NEW_TASK.count("\n")


def test_alias_spelling_change_keeps_the_canonical_name(perturb, tables):
    changed = perturb("zhangqiu", lambda t: t.replace("牵头单位：区人社局、区住建局", "牵头单位：人社局、区住房和城乡建设局", 1))
    before, after = units_of(tables, 1, "二.(二)"), units_of(changed, 1, "二.(二)")
    assert list(before.unit) == list(after.unit)
    assert list(after.unit_raw[:2]) == ["人社局", "区住房和城乡建设局"]


def test_unknown_spelling_is_kept_and_reported(perturb):
    changed = perturb("zhangqiu", lambda t: t.replace("（牵头单位：区城管局，", "（牵头单位：区综合行政执法局，", 1))
    unit = units_of(changed, 1, "二.(四)").iloc[0]
    assert (unit.unit_raw, unit.unit) == ("区综合行政执法局", "区综合行政执法局")
    row = dq(changed, "campaigns.unknown_aliases")
    assert row.severity == "warn" and "区综合行政执法局" in row.message


def test_half_width_attribution_parses_the_same(perturb, tables):
    printed = "（牵头单位：区文化和旅游局，责任单位：区自然资源局、区住房和城乡建设局、区公安分局、区龙山文化传承保护中心、各街镇）"
    half = printed.replace("（", "(").replace("）", ")").replace("：", ":").replace("，", ",")
    changed = perturb("zhangqiu", lambda t: t.replace(printed, half, 1))
    cols = ["role", "unit_raw", "unit"]
    assert units_of(changed, 16, "二.(四)")[cols].values.tolist() == units_of(tables, 16, "二.(四)")[cols].values.tolist()


def test_removed_item_while_the_stated_count_stays(perturb):
    changed = perturb("zhangqiu", lambda t: re.sub(r"\*\*13\. 防汛方面。\*\*[^\n]*\n", "", t, count=1))
    assert "二.(二).13" not in set(tasks_of(changed, 13).task_id)
    row = dq(changed, "campaigns.p13.items.行业领域重点事项")
    stated = check("campaigns.p13.items.行业领域重点事项")["expected"]
    assert (row.severity, row.expected, row.actual) == ("warn", stated, str(int(stated) - 1))


def test_changed_part_breaks_the_stated_total(perturb):
    urgent = int(re.search(r"紧急隐患(\d+)处", raw_text("zhangqiu"))[1])
    changed = perturb("zhangqiu", lambda t: t.replace(f"紧急隐患{urgent}处", f"紧急隐患{urgent + 1}处", 1))
    row = dq(changed, "campaigns.p12.parts.1")
    stated = check("campaigns.p12.parts.1")["expected"]
    assert (row.severity, row.expected, row.actual) == ("warn", stated, str(int(stated) + 1))


def test_phase_removed_while_three_stay_stated(perturb):
    changed = perturb("zhangqiu", lambda t: t.replace(
        "(三) 巩固提升阶段(12月1日至12月31日)。", "巩固提升(12月1日至12月31日)。", 1))
    assert len(changed["campaign_phases"].query("plan_no == 2")) == 2
    assert dq(changed, "campaigns.p02.phase_count").severity == "warn"


# ---------------------------------------------------------------- 养老 attachments

def test_policy_table_is_deduplicated(tables):
    refs = tables["elderly_policy_refs"]
    keys = refs.issue_no + "|" + refs.legal_basis.fillna("").str.replace(r"\W", "", regex=True)
    assert not keys.duplicated().any()
    assert set(refs.category.str[:3]) == {"(一)", "(二)", "(三)", "(四)"}
    allowance = refs[refs.issue_no == "(一)(2)"]
    assert "《中华人民共和国老年人权益保障法》" in set(allowance.legal_basis)
    sub_issues = allowance.sub_issues.iloc[0]
    assert sub_issues.count("高龄津贴") == sum(map(sub_issues.count, "①②③④⑤⑥⑦⑧⑨⑩")) > 1   # one per ①…
    assert set(allowance.departments) == {"民政、财政"}
    # a fragment prints ②③ of issue (1) as "(2)" "(3)": their bases stay with issue (1)
    first = refs[refs.issue_no == "(一)(1)"]
    assert first.legal_basis.str.contains("济民发〔2021〕53号").any()
    assert not refs[refs.issue_no == "(一)(2)"].legal_basis.str.contains("济民发〔2021〕53号").any()
    # the same issue printed in several fragments: departments filled from the fragment that prints them
    assert refs[refs.issue_no == "(二)(5)"].departments.iloc[0] == "民政、市场监管"
    assert refs.line.between(*lines(doc_id("养老服务领域"))).all()


def test_policy_numbering_and_result_form_agree(tables):
    for cat in ("(一)", "(二)", "(三)"):
        assert dq(tables, f"campaigns.elderly.issue_numbers.{cat}").severity == "ok"
        assert dq(tables, f"campaigns.elderly.catalog.{cat}").severity == "ok"
    catalog = tables["elderly_issue_catalog"]
    listed = catalog[catalog.category.str.startswith("(二)") & catalog.item.notna()]
    assert dq(tables, "campaigns.elderly.catalog.(二)").expected == str(len(listed))
    attachments = dq(tables, "campaigns.elderly.attachments")
    assert attachments.expected == attachments.actual == check("campaigns.elderly.attachments")["actual"]


def test_ledger_and_result_form_fields(tables):
    fields = tables["elderly_form_fields"]
    ledger = fields[fields.attachment == 2]
    assert list(ledger.field[:3]) == ["序号", "街镇名称", "养老服务机构名称"]
    revise = ledger[ledger.field == "修订"].iloc[0]
    assert revise.section == "成果清单/建立和完善制度情况"
    result = fields[fields.attachment == 3]
    assert set(result.section) == {"发现渠道", "整治情况"}
    assert "给予党纪处分人数" in set(result.field)
    catalog = tables["elderly_issue_catalog"]
    listed = catalog[catalog.category.str.startswith("(三)") & catalog.item.notna()]
    assert len(listed) == int(dq(tables, "campaigns.elderly.catalog.(三)").expected)
