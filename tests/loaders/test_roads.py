"""农村通户道路硬化工程实施方案 (济阳政办发〔2020〕22号): values a reader can check in the bulletin.
Counts come from the extraction snapshot (tests/snapshots/documents.json) or from each other."""
import re
from decimal import Decimal

import pandas as pd

from tests.conftest import dq
from tests.snapshots import count, doc_id, rows, value

DOC = doc_id("通户道路")


def stated(town: str) -> int:
    return value("road_towns", "stated_count", DOC, town_name=town)


TOTAL = sum(row["stated_count"] for row in rows("road_towns", DOC))  # the 合计 row agrees (roads.total_vs_stated_counts)
QUDI_ROW = f"1\t曲堤街道\t{stated('曲堤街道')}\t安家、北街、草寺"


def test_seven_towns_and_their_villages(tables):
    towns = tables["road_towns"].set_index("town_name")
    assert len(towns) == count("road_towns", DOC)
    assert towns.stated_count.sum() == TOTAL == int(dq(tables, "roads.total_vs_listed").expected)
    assert len(tables["road_villages"]) == TOTAL
    assert (towns.stated_count == towns.listed_count).all()
    assert towns.stated_count.idxmax() == "曲堤街道"
    assert towns.loc["曲堤街道", "stated_count"] == stated("曲堤街道")
    assert towns.loc["济北街道", "stated_count"] == stated("济北街道")
    assert set(towns.index) <= set(tables["towns"].town_name)
    assert (tables["road_villages"].doc_id == DOC).all()


def test_villages_keyed_by_town(tables):
    villages = tables["road_villages"]
    qudi = villages[villages.town_name == "曲堤街道"].sort_values("seq_in_town")
    printed = [row["village_name"] for row in sorted(rows("road_villages", DOC, town_name="曲堤街道"), key=lambda r: r["seq_in_town"])]
    assert QUDI_ROW.endswith(printed[0] + "、" + "、".join(printed[1:3]))
    assert list(qudi.village_name) == printed
    assert list(qudi.seq_in_town) == list(range(1, stated("曲堤街道") + 1))
    # the same name in different towns is kept once per town, never merged
    dongjia = {row["town_name"] for row in rows("road_villages", DOC, village_name="董家")}
    assert set(villages[villages.village_name == "董家"].town_name) == dongjia and len(dongjia) > 1
    assert not villages.duplicated(["town_name", "village_name"]).any()
    jibei = {row["village_name"] for row in rows("road_villages", DOC, town_name="济北街道")}
    assert set(villages[villages.town_name == "济北街道"].village_name) == jibei and len(jibei) == stated("济北街道")


def test_counts_add_up_in_the_bulletin(tables):
    for check_id in ("roads.total_vs_stated_counts", "roads.total_vs_listed", "roads.overall_villages",
                     "roads.town_count.曲堤街道", "roads.duplicate_villages.曲堤街道", "roads.milestone_villages.4"):
        assert dq(tables, check_id).severity == "ok", check_id
    assert dq(tables, "roads.total_vs_listed").expected == str(len(tables["road_villages"]))


def test_milestones(tables):
    steps = tables["road_milestones"].set_index("step_no")
    assert list(steps.step_name) == ["前期准备", "招投标及拆迁清障", "主体施工", "工程验收"]
    assert list(steps.deadline) == [row["deadline"] for row in rows("road_milestones", DOC)]
    assert steps.deadline.is_monotonic_increasing
    assert (steps.village_count == TOTAL).all()
    year, month, day = (int(part) for part in steps.loc[1, "deadline"].split("-"))
    assert steps.loc[1, "text"].startswith(f"（一）前期准备。{year}年{month}月{day}日前，"), "the deadline as printed"


def test_standards(tables):
    standards = tables["road_standards"]
    numbered = standards.dropna(subset=["item_no"]).set_index("item_no")
    assert list(numbered.item) == [row["item"] for row in rows("road_standards", DOC) if row.get("item_no")]
    wide, narrow = numbered.item.iloc[1:3]   # 大于等于 / 小于 the same width
    assert wide.replace("大于等于", "小于") == narrow
    assert re.search(r"\d+厘米（c\d+）水泥混凝土", numbered.loc[2, "text"])
    # a standard split by a page break is joined into one text
    assert "原路为旧水泥混凝土路面的" in numbered.loc[1, "text"]
    assert standards.item.iloc[-1] == "以上建设标准为最低实施标准"


def test_funding_split_eight_to_two(tables):
    funding = tables["road_funding"]
    shared = funding[funding.basis == "按比例"].set_index("party")
    assert list(shared.ratio_part) == [row["ratio_part"] for row in rows("road_funding", DOC, basis="按比例")]
    for party in ("区（含上级资金）", "镇（街道）"):  # 8:2 printed, the shares are the parts over their sum
        assert shared.loc[party, "share_pct"] == Decimal(100) * shared.ratio_part[party] / shared.ratio_part.sum()
    rest = funding[funding.basis == "剩余不足部分"].iloc[0]
    assert rest.party == "各镇（街道）或村（居）委会" and pd.isna(rest.share_pct)
    assert dq(tables, "roads.funding_ratio_total").severity == "ok"


# ---------------------------------------------------------------- perturbations
def test_removed_village_while_count_stays(perturb):
    qudi = stated("曲堤街道")
    changed = perturb("jiyang", lambda t: t.replace(QUDI_ROW, QUDI_ROW.replace("安家、", ""), 1))
    towns = changed["road_towns"].set_index("town_name")
    assert towns.loc["曲堤街道", "stated_count"] == qudi
    assert towns.loc["曲堤街道", "listed_count"] == qudi - 1
    villages = changed["road_villages"]
    assert "安家" not in set(villages[villages.town_name == "曲堤街道"].village_name)
    check = dq(changed, "roads.town_count.曲堤街道")
    assert check.severity == "warn" and "曲堤街道" in check.message
    assert (check.expected, check.actual) == (str(qudi), str(qudi - 1))
    assert dq(changed, "roads.total_vs_listed").severity == "warn"
    assert dq(changed, "roads.total_vs_stated_counts").severity == "ok"


def test_duplicate_village_within_a_town_is_reported(perturb):
    changed = perturb("jiyang", lambda t: t.replace("刘家、王辛、温店", "刘家、王辛、苏家", 1))
    check = dq(changed, "roads.duplicate_villages.济北街道")
    assert check.severity == "warn" and "苏家" in check.message
    assert changed["road_towns"].set_index("town_name").loc["济北街道", "duplicate_villages"] == "苏家"


def test_inserted_paragraph_shifts_lines_only(perturb, tables):
    changed = perturb("jiyang", lambda t: t.replace(
        "附件\n\n济南市济阳区农村通户道路硬化工程明细表",
        "附件\n\n（新增的一段说明文字。）\n\n济南市济阳区农村通户道路硬化工程明细表", 1))
    for name in ("road_villages", "road_towns"):
        before, after = tables[name], changed[name]
        assert after.drop(columns="line").equals(before.drop(columns="line"))
        assert ((after.line - before.line) == 2).all()
    assert changed["road_milestones"].equals(tables["road_milestones"])


def test_extra_town_row(perturb):
    changed = perturb("jiyang", lambda t: t.replace(f"合计\t\t{TOTAL}\t", f"8\t孙耿\t2\t董家、赵家\n合计\t\t{TOTAL}\t", 1))
    towns = changed["road_towns"].set_index("town_name")
    assert len(towns) == count("road_towns", DOC) + 1
    assert towns.loc["孙耿街道", "listed_count"] == 2  # short name printed, full name stored
    assert len(changed["road_villages"]) == TOTAL + 2
    assert dq(changed, "roads.town_count.孙耿街道").severity == "ok"
    total = dq(changed, "roads.total_vs_stated_counts")
    assert total.severity == "warn" and (total.expected, total.actual) == (str(TOTAL), str(TOTAL + 2))


def test_changed_step_figure_warns(perturb):
    changed = perturb("jiyang", lambda t: t.replace(f"完成{TOTAL}个村主体工程", f"完成{TOTAL - 4}个村主体工程", 1))
    assert changed["road_milestones"].set_index("step_no").loc[3, "village_count"] == TOTAL - 4
    check = dq(changed, "roads.milestone_villages.3")
    assert check.severity == "warn" and str(TOTAL - 4) in check.message and str(TOTAL) in check.message
