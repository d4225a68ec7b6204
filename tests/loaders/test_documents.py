from tests import snapshots
from tests.conftest import bulletin_id, raw_text
from tests.snapshots import count, doc_id, doc_ids


def contents_page(doc_no: str) -> int:
    """The page the gazette's table of contents prints for a 文号: "title (文号)\t(81)"."""
    import re

    flat = (re.sub(r"\s", "", line) for line in raw_text("jiyang").split("\n"))  # the 文号 and its page are printed with spaces
    line = next(line for line in flat if f"({doc_no})" in line and re.search(r"\(\d+\)$", line))
    match = re.search(r"\((\d+)\)$", line)
    assert match, line
    return int(match.group(1))


def test_jiyang_has_eleven_documents_with_doc_numbers(tables):
    docs = tables["documents"]
    jiyang = docs[docs.bulletin == bulletin_id("jiyang")]
    assert len(jiyang) == len(doc_ids(bulletin_id("jiyang")))
    printed = snapshots.load()[doc_id("涉农资金")]
    funds = jiyang[jiyang.doc_no == printed["doc_no"]].iloc[0]
    assert funds.title == printed["title"] and funds.doc_id == doc_id("涉农资金")
    year, month, day = (int(part) for part in funds.signed_on.split("-"))
    body = "\n".join(raw_text("jiyang").split("\n")[funds.first_line - 1:funds.last_line])
    assert f"{year}年{month}月{day}日" in body.replace(" ", ""), "the signing date is printed in the document"
    assert funds.start_page == contents_page(funds.doc_no)
    assert funds.issuer == "济南市济阳区人民政府"
    insurance = jiyang[jiyang.doc_no == snapshots.load()[doc_id("基本医疗保险")]["doc_no"]].iloc[0]
    assert insurance.issuer == "济南市济阳区人民政府办公室"
    assert insurance.start_page == contents_page(insurance.doc_no)


def test_zhangqiu_has_sixteen_plans_in_order(tables):
    plans = tables["documents"][tables["documents"].bulletin == bulletin_id("zhangqiu")]
    assert len(plans) == count("campaign_plans")
    assert plans.iloc[0].title == "济南市章丘区市民服务热线专项整治工作方案"
    assert plans.iloc[-1].title == "济南市章丘区文化和旅游领域专项整治工作方案"
    spans = list(zip(plans.first_line, plans.last_line))
    assert all(a < b for a, b in spans)
    assert all(spans[i][1] + 1 == spans[i + 1][0] for i in range(len(spans) - 1))


def test_inserted_paragraph_shifts_document_lines(perturb, tables):
    before = tables["documents"].set_index("doc_id")
    changed = perturb("jiyang", lambda t: t.replace("目 录", "目 录\n\n（新增的一段说明）\n", 1))
    after = changed["documents"].set_index("doc_id")
    assert (after.first_line - before.first_line).loc[doc_id("涉农资金")] == 3
    assert len(after) == len(before)
