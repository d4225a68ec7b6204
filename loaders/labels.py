"""Column labels: the one place a column's Chinese label, unit and number format are declared.

Beside the schema (loaders/schema.py and each loader's TABLES): a column's description lives
there, how it is shown lives here. `python -m loaders.datadict` prints both in docs/DATA.md;
`ui.tables.show_table()` renders any frame with them and `ui.tables.labelled()` names export
columns with them. Loaders cannot import ui, so labels are marked with the no-op `N_()` (for
message extraction) and translated at display time with `ui.i18n._`.

    label_of("amount_wan")                    # Label('金额', unit='万元', kind='money')
    label_of("kind", "towns")                 # the table's own label wins over the common one
    heading(label_of("amount_wan"))           # '金额（万元）' (untranslated; ui.tables translates)

Kinds (how numbers are shown; every kind shows an empty cell as "—"):
    text   as is                      money  万元, thousands separators, 2 decimals: 32,742.01
    int    thousands separators: 59,028   pct    2 decimals: 43.68 (unit %)
    number thousands separators, as many decimals as stored (up to 4)
    id     a number that is a name (line, year, 序号): no separators: 2020, 165
    date   YYYY-MM-DD                 bool   是 / 否
"""
from __future__ import annotations

from dataclasses import dataclass

from textkit.msg import N_, NC_

TEXT, MONEY, INT, PCT, NUMBER, ID, DATE, BOOL = "text", "money", "int", "pct", "number", "id", "date", "bool"
KINDS = (TEXT, MONEY, INT, PCT, NUMBER, ID, DATE, BOOL)


@dataclass(frozen=True)
class Label:
    text: str            # Chinese label (the msgid), without the unit
    unit: str = ""       # 万元, 元, 人, 个, %, … ("" none)
    kind: str = TEXT     # one of KINDS
    context: str = ""    # i18n context where one Chinese word has two English meanings (单位)
    help: str = ""       # tooltip (msgid), optional

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown label kind {self.kind!r}")


def heading(label: Label) -> str:
    """Chinese column heading: '金额（万元）'."""
    return f"{label.text}（{label.unit}）" if label.unit else label.text


# Units (marked so the catalogue has them; translated with context "unit").
UNITS = (NC_("unit", "万元"), NC_("unit", "元"), NC_("unit", "人"), NC_("unit", "个"), NC_("unit", "条"),
         NC_("unit", "项"), NC_("unit", "次"), NC_("unit", "%"), NC_("unit", "行"))

L = Label
# ---- labels by column name, shared by every table that has the column ---------------------------
COMMON: dict[str, Label] = {
    # provenance
    "doc_id": L(N_("文件")), "line": L(N_("原文行"), kind=ID), "bulletin": L(N_("公报")),
    "bulletin_id": L(N_("公报 ID")), "first_line": L(N_("首行"), kind=ID), "last_line": L(N_("末行"), kind=ID),
    "lines": L(N_("行数"), kind=INT), "doc_title": L(N_("文件")), "doc_no": L(N_("文号")),
    "edition": L(N_("版次")), "district": L(N_("区县")), "district_code": L(N_("区划代码")),
    "issuer": L(N_("发文机关")), "title": L(N_("标题")), "year": L(N_("年份"), kind=ID),
    "issue": L(N_("期号"), kind=ID), "published": L(N_("出版日期")), "file": L(N_("文件名")),
    "sha256": L(N_("SHA-256")), "declared": L(N_("已登记"), kind=BOOL), "kind": L(N_("类型")),
    "signed_on": L(N_("成文日期"), kind=DATE), "start_page": L(N_("起始页码"), kind=ID),
    "seq": L(N_("序号"), kind=ID), "bulletin_kind": L(N_("公报类型")), "addressees": L(N_("主送机关")),
    "signed_by": L(N_("落款机关")), "attachments": L(N_("附件")), "structure": L(N_("拆分依据")),
    # towns, places
    "town_code": L(N_("区划代码")), "town_name": L(N_("镇街")), "short_name": L(N_("简称")),
    "town_raw": L(N_("原文写法")), "village_name": L(N_("村名")), "seq_in_town": L(N_("序号"), kind=ID),
    "town_seq": L(N_("序号"), kind=ID), "area": L(N_("实施区域")),
    # checks, build
    "check_id": L(N_("检查 ID")), "subject": L(N_("对象")), "severity": L(N_("结果")),
    "expected": L(N_("文件写明")), "actual": L(N_("按明细计算")), "message": L(N_("说明")),
    "key": L(N_("键")), "value": L(N_("数值"), kind=NUMBER), "text": L(N_("原文")), "note": L(N_("说明")),
    # funds
    "source_name": L(N_("资金来源")), "amount_wan": L(N_("金额"), "万元", MONEY),
    "share_pct_stated": L(N_("文件写明占比"), "%", PCT), "share_pct": L(N_("占比"), "%", PCT),
    "measure": L(N_("项目")), "unit": L(NC_("机构", "单位"), context="机构"), "derived": L(N_("推算值"), kind=BOOL),
    "sector_name": L(N_("领域")), "nature_name": L(N_("任务性质")), "project_no": L(N_("序号"), kind=ID),
    "project_name": L(N_("项目")), "content": L(N_("建设内容")), "total_wan": L(N_("总投资"), "万元", MONEY),
    "total_note": L(N_("总投资说明")), "total_stated": L(N_("总投资为原文写明"), kind=BOOL),
    "funding_text": L(N_("资金投入（原文）")), "funding_line": L(N_("资金投入所在行"), kind=ID),
    "start_month": L(N_("开始")), "end_month": L(N_("完成")), "schedule_text": L(N_("进度安排")),
    "target_text": L(N_("绩效目标")), "source_level": L(N_("资金层级")), "category": L(N_("类别")),
    "name": L(N_("指标")), "growth_text": L(N_("年均增速")), "growth_kind": L(N_("增速类型")),
    "growth_value": L(N_("增速数值"), kind=NUMBER), "attribute": L(N_("属性")), "role": L(N_("角色")),
    "value_text": L(N_("原文")), "operator": L(N_("比较符")), "group_no": L(N_("组"), kind=ID),
    "level": L(N_("层级")), "amount_text": L(N_("金额（原文）")),
    "stated_total_wan": L(N_("写明合计"), "万元", MONEY), "total_line": L(N_("合计所在行"), kind=ID),
    "amount": L(N_("金额")),
    # roads
    "stated_count": L(N_("写明村数"), "个", INT), "listed_count": L(N_("列出村数"), "个", INT),
    "duplicate_villages": L(N_("重复村名")), "step_no": L(N_("步骤"), kind=ID), "step_name": L(N_("名称")),
    "deadline": L(N_("期限"), kind=DATE), "village_count": L(N_("村数"), "个", INT), "item_no": L(N_("序号"), kind=ID),
    "item": L(N_("项目")), "party": L(N_("承担方")), "ratio_part": L(N_("分担份数"), kind=INT),
    "basis": L(N_("依据")),
    # insurance
    "quota_persons": L(N_("征缴任务"), "人", INT), "quota_share_pct": L(N_("占全区"), "%", PCT),
    "tier": L(N_("档次")), "amount_yuan": L(N_("金额"), "元", INT), "who": L(N_("适用人群")),
    "office": L(NC_("机构", "单位"), context="机构"), "phone": L(N_("电话")), "start_date": L(N_("开始"), kind=DATE),
    "end_date": L(N_("结束"), kind=DATE), "period": L(N_("期间")), "start": L(N_("开始")), "end": L(N_("结束")),
    # town tables, heritage
    "table_no": L(N_("表格"), kind=ID), "header": L(N_("表头")), "item_name": L(N_("项目名称")),
    "applicant": L(N_("申报单位")),
    # rosters
    "group_name": L(N_("领导小组")), "subgroup": L(N_("分组")), "seq_in_group": L(N_("序号"), kind=ID),
    "person_name": L(N_("姓名")), "person_name_raw": L(N_("原文写法")), "position": L(N_("职务")),
    "office_at": L(N_("办公室设在")), "group_label": L(N_("小组")),
    # campaigns
    "plan_no": L(N_("序号"), kind=ID), "field": L(N_("领域")), "lead_unit": L(N_("牵头单位")),
    "lead_unit_basis": L(N_("牵头单位依据")), "contact": L(N_("联系人")), "contact_unit": L(N_("联系单位")),
    "contact_phone": L(N_("联系电话")), "contact_line": L(N_("联系电话所在行"), kind=ID),
    "phase_group": L(N_("专项行动")), "phase_name": L(N_("阶段")), "when_text": L(N_("时间（原文）")),
    "task_id": L(N_("编号")), "parent_id": L(N_("上级编号")), "number": L(N_("编号（原文）")),
    "deadline_text": L(N_("期限（原文）")), "targets_text": L(N_("目标（原文）")), "unit_raw": L(N_("原文写法")),
    "form": L(N_("写法")), "alias": L(N_("原文写法")), "mentions": L(N_("出现次数"), "次", INT),
    "plans": L(N_("涉及方案"), "个", INT), "in_alias_table": L(N_("在别名表中"), kind=BOOL),
    "issue_type": L(N_("问题类型")), "issue_no": L(N_("编号")), "sub_issues": L(N_("具体问题")),
    "legal_basis": L(N_("文件依据")), "articles": L(N_("条款")), "departments": L(N_("主管部门")),
    "measures": L(N_("整治措施")), "fragments": L(N_("片段数"), kind=INT), "attachment": L(N_("附件"), kind=ID),
    "section": L(N_("栏目")),
    # targets
    "target_id": L(N_("承诺 ID")), "value_max": L(N_("上限"), kind=NUMBER), "comparator": L(N_("比较")),
    "months": L(N_("月数"), kind=INT), "lead": L(N_("牵头单位")), "responsible": L(N_("责任单位")),
    "topic": L(N_("专项")), "statement": L(N_("承诺")), "quote": L(N_("原文句子")),
    # search index
    "passage_id": L(N_("段落"), kind=ID), "starts": L(N_("各行起点")), "folded": L(N_("检索文本")),
    "heading": L(N_("标题段"), kind=BOOL), "length": L(N_("字数"), kind=INT), "term": L(N_("检索词")),
    "tf": L(N_("词频"), kind=INT),
    # counts shown on town and catalogue pages (not table columns)
    "rows": L(N_("行数"), kind=INT), "table_name": L(N_("表")), "comment": L(N_("说明")),
    "warnings": L(N_("核对提示"), "项", INT), "road_villages": L(N_("待硬化道路村"), "个", INT),
    "projects": L(N_("重点项目"), "个", INT), "heritage": L(N_("非遗项目"), "个", INT),
    "members": L(N_("领导小组成员"), "人", INT), "targets": L(N_("数字目标"), "项", INT),
    # two editions side by side (/changes)
    "nth": L(N_("第几处"), kind=ID), "table_key": L(N_("表格")), "old_role": L(N_("原角色")),
    "new_role": L(N_("新角色")), "old_position": L(N_("原职务")), "new_position": L(N_("新职务")),
    "old_deadline": L(N_("原期限")), "new_deadline": L(N_("新期限")),
}

# ---- a table's own label where its column means something else than the common one ------------
TABLES: dict[str, dict[str, Label]] = {
    "bulletins": {"kind": L(N_("公报类型")), "lines": L(N_("行数"), "行", INT), "title": L(N_("公报名称"))},
    "documents": {"seq": L(N_("在公报中的序号"), kind=ID), "district": L(N_("区县"))},
    "towns": {"kind": L(N_("镇 / 街道")), "district": L(N_("所属区"))},
    "data_quality": {"subject": L(N_("核对项")), "subject_msgid": L(N_("核对项模板")),
                     "subject_values": L(N_("核对项模板取值")), "message_msgid": L(N_("说明模板")),
                     "message_values": L(N_("说明模板取值"))},
    "build_info": {"value": L(N_("值"))},
    "bulletin_lines": {"line": L(N_("行号"), kind=ID)},
    "fund_by_source": {"source_name": L(N_("来源")), "share_pct": L(N_("按金额计算占比"), "%", PCT)},
    "fund_totals": {"value": L(N_("数值"), kind=NUMBER), "unit": L(NC_("计量", "单位"), context="计量")},
    "fund_project_sources": {"source_name": L(N_("资金来源（原文）"))},
    "fund_allocations": {"level": L(N_("资金层级")), "seq": L(N_("组内序号"), kind=ID)},
    "rural_indicators": {"unit": L(NC_("计量", "单位"), context="计量")},
    "rural_indicator_values": {"seq": L(N_("指标序号"), kind=ID), "value": L(N_("数值"), kind=NUMBER)},
    "road_milestones": {"text": L(N_("原文"))},
    "road_standards": {"item": L(N_("道路类别"))},
    "road_funding": {"share_pct": L(N_("分担比例"), "%", PCT)},
    "insurance_contacts": {"kind": L(N_("类别"))},
    "town_values": {"unit": L(NC_("计量", "单位"), context="计量"), "value": L(N_("数值"), kind=NUMBER)},
    "heritage_items": {"category": L(N_("类别"))},
    "rosters": {"role": L(N_("小组职务")), "unit": L(N_("所属单位"))},
    "campaign_plans": {"title": L(N_("方案")), "tasks": L(N_("任务（条）"), kind=INT),
                       "phases": L(N_("阶段（个）"), kind=INT), "targets": L(N_("数字目标（项）"), kind=INT)},
    "campaign_phases": {"seq": L(N_("阶段序号"), kind=ID)},
    "campaign_tasks": {"level": L(N_("层级"), kind=ID), "title": L(N_("任务"))},
    "campaign_task_units": {"role": L(N_("角色")), "unit": L(N_("单位（规范名）"))},
    "departments": {"unit": L(N_("单位（规范名）"))},
    "elderly_policy_refs": {"category": L(N_("突出问题")), "issue": L(N_("问题表现"))},
    "elderly_issue_catalog": {"item": L(N_("问题"))},
    "elderly_form_fields": {"form": L(N_("表格")), "field": L(N_("栏目名称"))},
    "targets": {"kind": L(N_("类型")), "subject": L(N_("承诺对象")), "value": L(N_("目标值"), kind=NUMBER),
                "unit": L(NC_("计量", "单位"), context="计量")},
    "search_passages": {"text": L(N_("段落原文")), "lines": L(N_("各行行号"))},
    # the 12345 hotline's figures (hotline/ store; shown by views/hotline/)
    "hotline": {
        "unit": L(N_("单位")), "peer_group": L(N_("分组")), "month": L(N_("月份")),
        "cut": L(N_("口径")), "satisfaction_pct": L(N_("满意率"), "%", PCT), "resolution_pct": L(N_("解决率"), "%", PCT),
        "participation_pct": L(N_("参评率"), "%", PCT), "backlog_start": L(N_("期初未化解"), kind=INT),
        "new_count": L(N_("本月新增"), kind=INT), "resolved": L(N_("本月化解"), kind=INT), "indicator": L(N_("指标")),
        "value_pct": L(N_("指标值"), "%", PCT), "rank": L(N_("全市排名"), kind=ID),
        "ranked_units": L(N_("参与排名单位数"), kind=INT), "topic": L(N_("专项")), "topic_key": L(N_("对应目标")),
        "open_start": L(N_("期初未办结"), kind=INT), "open_end": L(N_("期末未办结"), kind=INT),
        "import_id": L(N_("导入批次"), kind=ID), "monthly_pct": L(N_("当月化解率"), "%", PCT),
        "ytd_pct": L(N_("全年累计化解率"), "%", PCT), "monthly_ok": L(N_("当月达标")), "ytd_ok": L(N_("全年达标")),
        "ok": L(N_("达标")), "bottom_pos": L(N_("倒数名次"), kind=ID), "group_size": L(N_("组内单位数"), kind=INT),
        "in_bottom": L(N_("后N位")), "first_month": L(N_("起始月份")), "last_month": L(N_("最近月份")),
        "months": L(N_("连续月数"), kind=INT), "detail": L(N_("各月情况")), "status": L(N_("状态")),
        "text": L(N_("说明")), "latest_month": L(N_("最新月份")), "target_n": L(N_("目标：退出后N位")),
        "deadline": L(N_("期限")), "subject": L(N_("目标")), "deadline_text": L(N_("期限（原文）")),
        "open_at_deadline": L(N_("期限当月末未办结"), kind=INT), "logged_at": L(N_("时间")), "who": L(N_("操作人")),
        "role": L(N_("角色")), "action": L(N_("操作")), "kind": L(N_("数据类型")), "what": L(N_("内容")),
        "file_name": L(N_("文件名")), "sha256": L(N_("SHA-256")), "rows_written": L(N_("写入行数"), kind=INT),
        "rows_replaced": L(N_("替换行数"), kind=INT), "replaced_at": L(N_("替换时间")), "replaced_by": L(N_("替换人")),
        "replaced_by_import": L(N_("替换批次"), kind=ID), "table_name": L(N_("表")),
        "original_import": L(N_("原导入批次"), kind=ID), "audit_id": L(N_("批次"), kind=ID),
        "period_start": L(N_("起始月份")), "metric": L(N_("考评指标")), "score": L(N_("得分"), kind=NUMBER),
        "scale": L(N_("满分"), kind=NUMBER), "tickets": L(N_("工单数"), kind=INT), "period": L(N_("期间")),
        "score_text": L(N_("得分（满分）")), "score_pct": L(N_("得分率（%）"), kind=PCT), "group_rank": L(N_("组内排名"), kind=ID),
    },
    # not tables of the database: views a page shows under this name
    "changes": {"subject": L(N_("目标")), "unit": L(NC_("计量", "单位"), context="计量"), "village_name": L(N_("村"))},
    # /campaigns: rosters and their members, the ledger of commitments, the task list
    "campaign_people": {"group_label": L(N_("名单")), "members": L(N_("成员（人）"), kind=INT),
                        "leaders": L(N_("组长 / 召集人")), "role": L(N_("小组职务")), "unit": L(N_("所属单位"))},
    "commitments": {"district": L(N_("区")), "subject": L(N_("承诺对象"))},
    "campaign_task_list": {
        "unit_roles": L(N_("本单位角色")), "unit_spellings": L(N_("本单位原文写法")), "lead_units": L(N_("牵头单位")),
        "responsible_units": L(N_("责任单位")), "cooperating_units": L(N_("配合单位")),
        "spellings": L(N_("写法对照（原文→规范名）")), "deadline_text": L(N_("时限（原文）"))},
    # /data's table catalogue, and the tables a search matches (/documents)
    "catalog": {"column_count": L(N_("列数"), kind=INT)},
    "catalog_matches": {"rows": L(N_("匹配行数"), kind=INT), "sample": L(N_("示例"))},
}
del L


def label_of(column: str, table: str | None = None) -> Label | None:
    """The label of `column` (of `table` when given): the table's own, else the common one."""
    own = TABLES.get(table or "", {}).get(column)
    return own or COMMON.get(column)
