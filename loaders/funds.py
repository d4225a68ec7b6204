"""涉农资金统筹整合实施方案 (济阳政字〔2020〕81号): fund totals, key projects, 乡村振兴指标体系."""
from __future__ import annotations

from loaders.base import Context, LoadResult
from loaders.schema import MONEY, C, Table, provenance

TABLES = [
    Table("fund_by_source", "2020 年统筹整合涉农资金按来源分（中央/省级/市级/区级/其他）。", (
        C("source_name", "VARCHAR", "资金来源，如 中央资金", False),
        C("amount_wan", MONEY, "金额（万元）", False),
        C("share_pct_stated", "DECIMAL(9,4)", "文件写明的占比（%）"),
        C("share_pct", "DECIMAL(9,4)", "按金额计算的占比（%，保留两位）"),
        *provenance())),
    Table("fund_by_sector", "按任务领域分（产业振兴、人才振兴……脱贫攻坚）。", (
        C("sector_name", "VARCHAR", "任务领域", False),
        C("amount_wan", MONEY, "金额（万元）", False),
        C("share_pct", "DECIMAL(9,4)", "按金额计算的占比（%）"),
        *provenance())),
    Table("fund_by_task_nature", "按任务性质分（上级约束性任务、省市统筹使用资金、区级资金、其他资金）。", (
        C("nature_name", "VARCHAR", "任务性质", False),
        C("amount_wan", MONEY, "金额（万元）", False),
        C("share_pct", "DECIMAL(9,4)", "按金额计算的占比（%）"),
        *provenance())),
    Table("fund_projects", "重点项目及建设内容（六个重点项目）。", (
        C("project_no", "INTEGER", "项目序号", False),
        C("sector_name", "VARCHAR", "所属领域（与 fund_by_sector.sector_name 一致）", False),
        C("project_name", "VARCHAR", "项目名称", False),
        C("area", "VARCHAR", "实施区域（原文）"),
        C("town_name", "VARCHAR", "实施区域所在镇街全称；涉及各镇街时为空"),
        C("content", "VARCHAR", "建设内容（原文）"),
        C("total_wan", MONEY, "总投资（万元）；原文未写明时为空"),
        C("total_stated", "BOOLEAN", "总投资是否为原文写明", False),
        C("start_month", "VARCHAR", "开始月份 YYYY-MM"),
        C("end_month", "VARCHAR", "完成月份 YYYY-MM"),
        C("schedule_text", "VARCHAR", "进度安排（原文）"),
        C("target_text", "VARCHAR", "绩效目标（原文）"),
        *provenance())),
    Table("fund_project_sources", "重点项目的资金来源明细。", (
        C("project_no", "INTEGER", "项目序号", False),
        C("source_name", "VARCHAR", "资金来源（原文措辞）", False),
        C("amount_wan", MONEY, "金额（万元）；原文未写金额时为空"),
        *provenance())),
    Table("rural_indicators", "乡村振兴指标体系（32 项）。", (
        C("seq", "INTEGER", "序号", False),
        C("category", "VARCHAR", "类别（产业兴旺、生态宜居、乡风文明、治理有效、生活富裕）", False),
        C("name", "VARCHAR", "指标名称", False),
        C("unit", "VARCHAR", "单位"),
        C("base_2017", "DOUBLE", "2017 年基期值（数值部分）"),
        C("target_2020", "DOUBLE", "2020 年目标值（数值部分）"),
        C("target_2022", "DOUBLE", "2022 年目标值（数值部分）"),
        C("base_2017_text", "VARCHAR", "2017 年基期值（原文，含 ≥、—）"),
        C("target_2020_text", "VARCHAR", "2020 年目标值（原文）"),
        C("target_2022_text", "VARCHAR", "2022 年目标值（原文）"),
        C("growth_text", "VARCHAR", "年均增速（原文，如 51.57、[2]、[>80.4]）"),
        C("growth_kind", "VARCHAR", "rate = 年均增速（%）；total = 方括号内为累计变化；none = —"),
        C("attribute", "VARCHAR", "约束性 / 预期性", False),
        *provenance())),
]


def load(ctx: Context) -> LoadResult:
    return LoadResult()
