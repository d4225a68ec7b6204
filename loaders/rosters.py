"""Leading groups, task forces and joint meetings listed in both bulletins."""
from __future__ import annotations

from loaders.base import Context, LoadResult
from loaders.schema import C, Table, provenance

TABLES = [
    Table("rosters", "领导小组、工作专班、联席会议的组成人员。", (
        C("group_name", "VARCHAR", "小组名称", False),
        C("doc_id", "VARCHAR", "来源文件 ID", False),
        C("role", "VARCHAR", "组长 / 副组长 / 成员 / 召集人 等（原文）", False),
        C("person_name", "VARCHAR", "姓名（去掉排版空格，不合并不同的人）", False),
        C("person_name_raw", "VARCHAR", "姓名（原文）", False),
        C("position", "VARCHAR", "职务（原文）"),
        C("unit", "VARCHAR", "职务所属单位（规范名）"),
        C("line", "INTEGER", "所在行", False))),
]


def load(ctx: Context) -> LoadResult:
    return LoadResult()
