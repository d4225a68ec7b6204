"""Department names: printed spellings -> canonical names (loaders/departments.py + the alias table)."""
import pandas as pd
import pytest

from loaders.base import Reference
from loaders.departments import alias_map, canonical, clean_unit, resolve, split_units
from tests.conftest import REFERENCE


@pytest.fixture(scope="module")
def aliases() -> pd.DataFrame:
    return Reference.read(REFERENCE).department_aliases


@pytest.mark.parametrize("printed", ["区住建局", "住建局", "区住房和城乡建设局", "住房和城乡建设局"])
def test_housing_bureau_spellings(aliases, printed):
    assert canonical(printed, aliases) == "区住房和城乡建设局"


@pytest.mark.parametrize("printed", ["区发改局", "发改局", "区发展和改革委员会", "区发展和改革局"])
def test_development_bureau_spellings(aliases, printed):
    assert canonical(printed, aliases) == "区发展和改革局"


@pytest.mark.parametrize("printed", ["各镇街", "各街镇", "各街道（镇）", "各街道(镇)", "各镇（街道）", "各 镇 街"])
def test_town_spellings(aliases, printed):
    assert canonical(printed, aliases) == "各镇街"


@pytest.mark.parametrize("printed, unit", [
    ("人社局", "区人力资源和社会保障局"),
    ("区人社局", "区人力资源和社会保障局"),
    ("交管大队", "区公安分局交通管理大队"),
    ("区公安分局交通管理大队", "区公安分局交通管理大队"),
    ("市公安局交通管理支队章丘区大队", "区公安分局交通管理大队"),
    ("区教体局", "区教育和体育局"),
    ("区市场监管局", "区市场监督管理局"),
    ("区水务局", "区城乡水务局"),
    ("工业信息化和科技局", "区工业和信息化局"),
])
def test_other_bureaus(aliases, printed, unit):
    assert canonical(printed, aliases) == unit


def test_bare_name_matches_its_district_prefixed_alias():
    mapping = {"区新设局": "区新设局"}
    assert resolve("新设局", mapping) == "区新设局"
    assert resolve("各新设局", mapping) is None      # 各… is a collective, never a district bureau


def test_unknown_spelling_is_returned_cleaned(aliases):
    assert canonical(" 区综合 行政执法局。", aliases) == "区综合行政执法局"
    assert clean_unit("**区财政局**") == "区财政局"


def test_alias_map_lists_canonical_names_as_their_own_aliases(aliases):
    mapping = alias_map(aliases)
    assert mapping["区住房和城乡建设局"] == "区住房和城乡建设局"
    assert mapping["各街道(镇)"] == "各镇街"          # full-width parentheses normalised
    assert set(mapping.values()) == set(aliases.unit)


def test_alias_table_has_no_conflicting_rows(aliases):
    cleaned = aliases.assign(alias=aliases.alias.map(clean_unit), unit=aliases.unit.map(clean_unit))
    per_alias = cleaned.groupby("alias").unit.nunique()
    assert (per_alias == 1).all(), per_alias[per_alias > 1]
    # every canonical name is listed as an alias of itself
    assert set(cleaned.unit) <= set(cleaned.alias)


def test_split_units_on_every_separator():
    assert split_units("区住建局、人社局、公安分局、各镇街") == ["区住建局", "人社局", "公安分局", "各镇街"]
    assert split_units("各街道（镇），区安委会各成员单位") == ["各街道(镇)", "区安委会各成员单位"]
    assert split_units("区应急管理局; 各街道(镇)") == ["区应急管理局", "各街道(镇)"]
    assert split_units("区民政局、妇联、残联等单位") == ["区民政局", "妇联", "残联"]


def test_split_units_on_ji_unless_the_joined_name_is_known(aliases):
    assert split_units("各镇街及相关部门") == ["各镇街", "相关部门"]
    known = {"甲及乙联合办公室": "甲及乙联合办公室"}
    assert split_units("甲及乙联合办公室、区财政局", known) == ["甲及乙联合办公室", "区财政局"]
    # 和 inside a name is never a separator
    assert split_units("各级行业主管部门和安全生产直接监管部门") == ["各级行业主管部门和安全生产直接监管部门"]
