"""章丘区 2025 专项整治工作方案: plans, phases, tasks and the units responsible."""
from __future__ import annotations

from loaders.base import Context, LoadResult
from loaders.schema import C, Table

TABLES = [
    Table("campaign_plans", "章丘区 16 个专项整治（行动）工作方案。", (
        C("plan_no", "INTEGER", "方案序号（在汇编中的顺序）", False),
        C("title", "VARCHAR", "方案标题", False),
        C("field", "VARCHAR", "领域简称，如 12345热线、城建", False),
        C("lead_unit", "VARCHAR", "牵头单位（规范名）"),
        C("contact", "VARCHAR", "联系电话行（原文）"),
        C("doc_id", "VARCHAR", "来源文件 ID", False),
        C("first_line", "INTEGER", "首行", False),
        C("last_line", "INTEGER", "末行", False))),
    Table("campaign_phases", "各方案的阶段与时间。", (
        C("plan_no", "INTEGER", "方案序号", False),
        C("phase_name", "VARCHAR", "阶段名称", False),
        C("start_date", "DATE", "开始日期（“即日起”按方案时间推定时为空）"),
        C("end_date", "DATE", "结束日期"),
        C("text", "VARCHAR", "原文", False),
        C("line", "INTEGER", "所在行", False))),
    Table("campaign_tasks", "各方案的工作任务。", (
        C("plan_no", "INTEGER", "方案序号", False),
        C("task_id", "VARCHAR", "任务编号（方案内唯一，如 2.1 或 2.(三).4）", False),
        C("title", "VARCHAR", "任务标题", False),
        C("deadline_text", "VARCHAR", "时限（原文）"),
        C("targets_text", "VARCHAR", "目标（原文）"),
        C("line", "INTEGER", "所在行", False))),
    Table("campaign_task_units", "任务的牵头 / 责任 / 配合单位。", (
        C("plan_no", "INTEGER", "方案序号", False),
        C("task_id", "VARCHAR", "任务编号", False),
        C("role", "VARCHAR", "牵头 / 责任 / 配合", False),
        C("unit_raw", "VARCHAR", "单位（原文写法）", False),
        C("unit", "VARCHAR", "单位（规范名）", False),
        C("line", "INTEGER", "所在行"))),
    Table("departments", "单位别名表：原文写法 → 规范名。", (
        C("unit", "VARCHAR", "规范名", False),
        C("alias", "VARCHAR", "原文写法", False))),
]


def load(ctx: Context) -> LoadResult:
    return LoadResult()
