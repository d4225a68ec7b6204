"""农村通户道路硬化工程实施方案 (济阳政办发〔2020〕22号): villages per town, milestones."""
from __future__ import annotations

from loaders.base import Context, LoadResult
from loaders.schema import C, Table, provenance

TABLES = [
    Table("road_villages", "通户道路硬化村庄明细（按镇街）。村名在不同镇街间会重复，以（镇街, 村）为键。", (
        C("town_name", "VARCHAR", "镇街全称", False),
        C("village_name", "VARCHAR", "村名（原文）", False),
        C("seq_in_town", "INTEGER", "在该镇街名单中的顺序（从 1 开始）", False),
        *provenance())),
    Table("road_towns", "每个镇街写明的村数与名单实际列出的村数。", (
        C("town_seq", "INTEGER", "明细表序号"),
        C("town_name", "VARCHAR", "镇街全称", False),
        C("stated_count", "INTEGER", "表中“个数”列", False),
        C("listed_count", "INTEGER", "村名列实际列出的个数", False),
        *provenance())),
    Table("road_milestones", "实施步骤的节点（前期准备、招投标、主体施工、工程验收）。", (
        C("step_no", "INTEGER", "步骤序号", False),
        C("step_name", "VARCHAR", "步骤名称", False),
        C("deadline", "DATE", "完成时限"),
        C("text", "VARCHAR", "原文", False),
        *provenance())),
]


def load(ctx: Context) -> LoadResult:
    return LoadResult()
