"""第五批区级非物质文化遗产代表性项目名录 (济阳政发〔2020〕17号): values a reader can check."""
from tests.conftest import dq
from tests.snapshots import check, count, doc_id

DOC = doc_id("非物质文化遗产")


def test_seven_items_in_order(tables):
    items = tables["heritage_items"].sort_values("seq")
    assert len(items) == count("heritage_items", DOC)
    assert list(items.seq) == list(range(1, len(items) + 1))
    assert items.item_name.iloc[0] == "济阳唢呐吹奏"
    assert items.item_name.iloc[-1] == "水母奶奶的传说"
    assert (items.doc_id == DOC).all()


def test_categories_and_applicants(tables):
    items = tables["heritage_items"].set_index("item_name")
    counted = items.category.value_counts().to_dict()
    assert set(counted) == {"传统技艺（VIII）", "传统音乐（II）", "民俗（X）"}
    for category, n in counted.items():   # each category holds as many items as its heading states
        assert dq(tables, f"heritage.category_count.{category.split('（')[0]}").expected == str(n)
    assert items.loc["济阳唢呐吹奏", "category"] == "传统音乐（II）"
    assert items.loc["济阳大蒸碗", "applicant"] == "济阳老营幸福农家院"
    assert items.loc["济阳刻瓷", "applicant"] == "济南市济阳区文化馆"


def test_town_from_item_name(tables):
    items = tables["heritage_items"].set_index("item_name")
    assert items.loc["仁风九龙翻身大鼓", "town_name"] == "仁风镇"
    assert items.loc["曲堤金李熏鸡", "town_name"] == "曲堤街道"
    # 济阳 in 济阳唢呐吹奏 is the district, not 济阳街道
    assert items.loc[["济阳唢呐吹奏", "济阳大蒸碗", "水母奶奶的传说"], "town_name"].isna().all()


def test_stated_counts_add_up(tables):
    for check_id in ("heritage.category_count.传统音乐", "heritage.category_count.传统技艺",
                     "heritage.category_count.民俗", "heritage.total_listed", "heritage.total_categories"):
        assert dq(tables, check_id).severity == "ok", check_id
    assert dq(tables, "heritage.total_listed").expected == str(len(tables["heritage_items"]))


# ---------------------------------------------------------------- perturbations
def test_removed_item_while_count_stays(perturb):
    changed = perturb("jiyang", lambda t: t.replace("4\t济阳彩塑\t济南市济阳区文化馆\n", "", 1))
    assert len(changed["heritage_items"]) == count("heritage_items", DOC) - 1
    stated = check("heritage.category_count.传统技艺")["expected"]
    row = dq(changed, "heritage.category_count.传统技艺")
    assert row.severity == "warn" and (row.expected, row.actual) == (stated, str(int(stated) - 1))
    assert dq(changed, "heritage.total_listed").severity == "warn"
    assert dq(changed, "heritage.total_categories").severity == "ok"


def test_inserted_paragraph_before_list(perturb, tables):
    changed = perturb("jiyang", lambda t: t.replace("一、传统音乐", "（名录如下。）\n\n一、传统音乐", 1))
    before, after = tables["heritage_items"], changed["heritage_items"]
    assert after.drop(columns="line").equals(before.drop(columns="line"))
    assert ((after.line - before.line) == 2).all()
