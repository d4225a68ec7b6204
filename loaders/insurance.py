"""2021 年度居民基本医疗保险保费征缴工作实施方案 (济阳政办字〔2020〕11号)."""
from __future__ import annotations

from loaders.base import Context, LoadResult
from loaders.schema import C, Table, provenance

TABLES = [
    Table("insurance_quota", "2021 年各镇街居民医保征缴任务数（人）。", (
        C("town_name", "VARCHAR", "镇街全称", False),
        C("year", "INTEGER", "征缴年度", False),
        C("quota_persons", "INTEGER", "征缴任务数（人）", False),
        *provenance())),
    Table("insurance_premiums", "个人缴费档次。", (
        C("tier", "VARCHAR", "档次名称", False),
        C("amount_yuan", "INTEGER", "每人每年缴费（元）", False),
        C("who", "VARCHAR", "适用人群（原文）", False),
        *provenance())),
    Table("insurance_contacts", "咨询电话（医保经办机构与税务单位）。", (
        C("office", "VARCHAR", "单位", False),
        C("kind", "VARCHAR", "社保单位 / 税务单位", False),
        C("phone", "VARCHAR", "电话", False),
        C("town_name", "VARCHAR", "所在镇街全称（能从单位名判断时）"),
        *provenance())),
    Table("insurance_schedule", "征缴工作实施步骤与时间。", (
        C("step_no", "INTEGER", "步骤序号", False),
        C("step_name", "VARCHAR", "步骤名称", False),
        C("start_date", "DATE", "开始日期"),
        C("end_date", "DATE", "结束日期"),
        *provenance())),
]


def load(ctx: Context) -> LoadResult:
    return LoadResult()
