"""2021 年度居民医保征缴方案 (济阳政办字〔2020〕11号): values a reader can check in the bulletin.
Figures come from the extraction snapshot (tests/snapshots/documents.json) or from each other."""
from tests.conftest import dq
from tests.snapshots import count, doc_id, rows, value

DOC = doc_id("基本医疗保险")


def quota_of(town: str) -> int:
    return value("insurance_quota", "quota_persons", DOC, town_name=town)


def printed_total(tables) -> int:
    """The 合计 row of the quota table (the check's expected value)."""
    return int(dq(tables, "insurance.quota_total").expected)


def phone(office: str) -> str:
    return value("insurance_contacts", "phone", DOC, office=office)


def test_quota_per_town(tables):
    quota = tables["insurance_quota"].set_index("town_name")
    assert len(quota) == count("insurance_quota", DOC)
    towns = tables["towns"]
    district = tables["documents"].set_index("doc_id").district[quota.doc_id.iloc[0]]
    assert set(quota.index) == set(towns[towns.district == district].town_name)  # the district's full names
    for town in ("孙耿街道", "垛石街道", "新市镇"):
        assert quota.loc[town, "quota_persons"] == quota_of(town)
    assert quota.quota_persons.sum() == printed_total(tables)
    benefit_year = tables["insurance_periods"].set_index("period").loc["待遇享受期", "start_date"][:4]
    assert (quota.year == int(benefit_year)).all(), "the quota is for the year the cover runs"
    assert (quota.doc_id == DOC).all()


def test_quota_total_adds_up(tables):
    check = dq(tables, "insurance.quota_total")
    assert check.severity == "ok"
    assert check.expected == check.actual == str(tables["insurance_quota"].quota_persons.sum())
    assert dq(tables, "insurance.quota_coverage").severity == "ok"


def test_premium_tiers(tables):
    premiums = tables["insurance_premiums"].set_index("amount_yuan")
    assert list(premiums.index) == [row["amount_yuan"] for row in rows("insurance_premiums", DOC)]
    children, adults = premiums.index
    assert children < adults
    assert premiums.loc[children, "who"] == "少年儿童（18周岁以下）、在校学生、在园儿童"
    assert premiums.loc[adults, "who"] == "成年居民"
    for check_id in ("insurance.premium_tier_count", "insurance.premium_amounts",
                     "insurance.premium_guide.tier1", "insurance.premium_guide.tier2"):
        assert dq(tables, check_id).severity == "ok", check_id


def test_periods_agree_with_guide(tables):
    periods = tables["insurance_periods"].set_index("period")
    schedule = tables["insurance_schedule"].sort_values("step_no")
    paying = tuple(periods.loc["缴费期", ["start_date", "end_date"]])
    assert paying == (schedule.start_date.iloc[0], schedule.end_date.iloc[-1]), "the schedule fills the paying period"
    cover_year = int(paying[1][:4]) + 1
    assert tuple(periods.loc["待遇享受期", ["start_date", "end_date"]]) == (f"{cover_year}-01-01", f"{cover_year}-12-31")
    assert dq(tables, "insurance.period_guide.缴费期").severity == "ok"
    assert dq(tables, "insurance.period_guide.待遇享受期").severity == "ok"


def test_schedule(tables):
    schedule = tables["insurance_schedule"].set_index("step_no")
    assert list(schedule.step_name) == ["宣传发动", "参保登记审核", "集中缴费", "缴费公示", "扫尾工作"]
    for step in rows("insurance_schedule", DOC):
        assert tuple(schedule.loc[step["step_no"], ["start_date", "end_date"]]) == (step["start_date"], step["end_date"])
    assert (schedule.start_date <= schedule.end_date).all()
    assert (schedule.start_date.iloc[1:].to_numpy() > schedule.end_date.iloc[:-1].to_numpy()).all(), "steps follow each other"
    assert schedule.loc[1, "text"].startswith("召开全区居民基本医疗保险工作会议。")
    assert dq(tables, "insurance.schedule_span").severity == "ok"
    assert dq(tables, "insurance.publicity_days.4").severity == "ok"


def test_contacts(tables):
    contacts = tables["insurance_contacts"].set_index("office")
    assert len(contacts) == count("insurance_contacts", DOC)  # 社保 rows + 税务 cells (two rows end in empty cells)
    assert contacts.loc["济阳街道医保经办机构", "phone"] == phone("济阳街道医保经办机构")
    assert contacts.loc["区医疗保障局", "kind"] == "社保单位"
    assert contacts.loc["纳税服务热线", ["kind", "phone"]].tolist() == ["税务单位", phone("纳税服务热线")]
    assert contacts.loc["仁风镇医保经办机构", "town_name"] == "仁风镇"
    assert contacts.loc["孙耿税务所", "town_name"] == "孙耿街道"
    assert contacts.loc["崔寨街道医保经办机构", "phone"] == phone("崔寨街道医保经办机构")
    assert contacts.phone.str.fullmatch(r"\d+").all()
    # ambiguous office names are not guessed
    assert contacts.loc[["济北开发区税务所", "济阳税务所", "区税务局"], "town_name"].isna().all()


# ---------------------------------------------------------------- perturbations
def test_changed_quota_warns_on_total(perturb, tables):
    before, total = quota_of("孙耿街道"), printed_total(tables)
    changed = perturb("jiyang", lambda t: t.replace(f"孙耿街道\t{before}", f"孙耿街道\t{before + 100}", 1))
    quota = changed["insurance_quota"].set_index("town_name")
    assert quota.loc["孙耿街道", "quota_persons"] == before + 100
    check = dq(changed, "insurance.quota_total")
    assert check.severity == "warn"
    assert (check.expected, check.actual) == (str(total), str(total + 100))
    assert str(total) in check.message and str(total + 100) in check.message


def test_premium_disagreement_with_guide_warns(perturb, tables):
    adults = tables["insurance_premiums"].amount_yuan.max()
    changed = perturb("jiyang", lambda t: t.replace(f"成年居民个人缴费标准每人每年 {adults} 元",
                                                   f"成年居民个人缴费标准每人每年 {adults + 10} 元", 1))
    assert changed["insurance_premiums"].equals(tables["insurance_premiums"])  # the main text is unchanged
    assert dq(changed, "insurance.premium_guide.tier2").severity == "warn"
    assert dq(changed, "insurance.premium_guide_extra").severity == "warn"


def test_period_disagreement_with_guide_warns(perturb):
    changed = perturb("jiyang", lambda t: t.replace("2020 年 11 月 1 日至 12 月 31 日为缴费期",
                                                   "2020 年 11 月 1 日至 12 月 25 日为缴费期", 1))
    assert changed["insurance_periods"].set_index("period").loc["缴费期", "end_date"] == "2020-12-25"
    check = dq(changed, "insurance.period_guide.缴费期")
    assert check.severity == "warn" and "2020-12-25" in check.message
    assert dq(changed, "insurance.schedule_span").severity == "warn"


def test_inserted_paragraph_before_quota_table(perturb, tables):
    changed = perturb("jiyang", lambda t: t.replace("单位\t2021 年征缴任务数（人）",
                                                   "（以下为各镇街任务数。）\n\n单位\t2021 年征缴任务数（人）", 1))
    before, after = tables["insurance_quota"], changed["insurance_quota"]
    assert after.drop(columns="line").equals(before.drop(columns="line"))
    assert ((after.line - before.line) == 2).all()
