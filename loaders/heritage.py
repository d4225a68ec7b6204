"""第五批区级非物质文化遗产代表性项目名录 (济阳政发〔2020〕17号)."""
from __future__ import annotations

from loaders.base import Context, LoadResult
from loaders.schema import C, Table, provenance

TABLES = [
    Table("heritage_items", "第五批区级非物质文化遗产代表性项目。", (
        C("seq", "INTEGER", "序号", False),
        C("category", "VARCHAR", "类别，如 传统音乐（II）", False),
        C("item_name", "VARCHAR", "项目名称", False),
        C("applicant", "VARCHAR", "申报单位/个人", False),
        C("town_name", "VARCHAR", "项目名称或申报单位中出现的镇街全称"),
        *provenance())),
]


def load(ctx: Context) -> LoadResult:
    return LoadResult()
