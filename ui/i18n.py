"""Language switch: 中文 (default) and English.

`t(msgid)` returns the text in the current language. The msgid *is* the Chinese text, so
pages stay readable and the default language needs no table; EN maps it to English.
Placeholders use str.format: t("{town}征缴任务", town=town).

Data values — town, village, department names, document titles, 文号, amounts and units
as printed — are never translated: they are what a reader checks against the bulletin.
"""
from __future__ import annotations

LANG_KEY = "lang"
DEFAULT = "zh"
LANGUAGES = {"zh": "中文", "en": "English"}


def lang() -> str:
    """The current session's language code ('zh' outside a Streamlit run)."""
    try:
        import streamlit as st

        value = st.session_state.get(LANG_KEY, DEFAULT)
    except Exception:  # no script run context (unit tests, exports from a thread)
        return DEFAULT
    return value if value in LANGUAGES else DEFAULT


def t(msgid: str, lang_code: str | None = None, *, context: str = "", **values) -> str:
    """Text of `msgid` in the language; `context` tells apart one Chinese word with two English
    meanings (单位: a unit of measure, or an office) and is looked up as "context|msgid"."""
    code = lang_code or lang()
    text = msgid
    if code == "en":
        text = EN.get(f"{context}|{msgid}", EN.get(msgid, msgid)) if context else EN.get(msgid, msgid)
    return text.format(**values) if values else text


def has_translation(msgid: str, context: str = "") -> bool:
    return (f"{context}|{msgid}" if context else msgid) in EN


EN: dict[str, str] = {
    # ---- navigation and shell (dashboard.py) --------------------------------
    "公报看板": "Gazette Dashboard",
    "核心数据": "Core data",
    "跟踪与问责": "Tracking and accountability",
    "原文与数据": "Sources and data",
    "总览": "Overview",
    "涉农资金": "Agricultural funds",
    "通户道路": "Village roads",
    "医保征缴": "Health insurance",
    "12345热线": "12345 hotline",
    "专项整治与承诺": "Campaigns and commitments",
    "镇街画像": "Town profiles",
    "文件库": "Document library",
    "数据": "Data",
    "镇街筛选": "Town filter",
    "选择一个镇街后，各页面只显示该镇街的数据；链接中的 ?town= 记录了选择，可直接分享。":
        "Pick a town and every page shows that town's figures; ?town= in the link records the choice, "
        "so the link can be shared.",
    "语言 / Language": "语言 / Language",
    "会议模式": "Meeting mode",
    "投影用：大字号、高对比度，每屏一个关键数字或图表，可用键盘 ← → 翻页。链接中的 ?mode=meeting 可直接打开。":
        "For the projector: large type, high contrast, one key figure or chart per screen, ← → keys turn "
        "the page. Open directly with ?mode=meeting in the link.",
    "下载简报 PDF": "Download briefing PDF",
    "简报 PDF：封面（日期与筛选）加每页一个图表及出处，按当前镇街筛选与语言生成。":
        "Briefing PDF: a title page (date and filter) and one chart per page with its citation, for the "
        "current town filter and language.",
    "正在从公报原文构建数据库……（首次启动或原文更新后需要几秒钟）":
        "Building the database from the bulletin text… (a few seconds on first start or after the text changed)",
    # ---- layout, provenance -------------------------------------------------
    "数据来源：": "Sources: ",
    "。所有数字均由程序从公报原文解析，并逐项核对合计、占比与个数。":
        ". Every figure is parsed from the bulletin text, and every stated total, share and count is checked.",
    "来源：": "Source: ",
    "查看原文": "View source text",
    "复制引用": "Copy citation",
    "原文第 {line} 行": "source line {line}",
    "原文第 {first}–{last} 行": "source lines {first}–{last}",
    "{what}未涉及{town}：文件中没有该镇街的条目。": "{what} does not cover {town}: the document lists no entry for it.",
    "本数据": "This dataset",
    "导出图表": "Export chart",
    "下载 PNG": "PNG",
    "下载 SVG": "SVG",
    "下载 PNG 图片（含中文标题与出处）": "Download as PNG image (with title and citation)",
    "下载 SVG 矢量图（含中文标题与出处）": "Download as SVG vector image (with title and citation)",
    # ---- chart internals (ui/charts.py) -------------------------------------
    "统筹整合资金": "Integrated funds",
    "占总额": "share of total",
    "口径": "Basis",
    "占比": "Share",
    "文件写明": "As stated",
    "按金额计算": "Computed from amounts",
    "占比（%）": "Share (%)",
    "各来源占比：文件写明 vs 按金额计算": "Share by source: as stated vs computed from amounts",
    "上级资金合计": "Higher-level funds total",
    "上级资金：按来源 → 按任务性质（文件给出的两种口径）":
        "Higher-level funds: by source → by task nature (the two breakdowns the document gives)",
    "%Y年%m月": "%b %Y",
    "%m月%d日": "%d %b",
    "%Y年%m月%d日": "%Y-%m-%d",
    "当前选择": "selected",
    # ---- alt text (ui/charts.describe) ---------------------------------------
    "条形图": "Bar chart",
    "时间轴": "Timeline",
    "环形图": "Donut chart",
    "矩形树图": "Treemap",
    "流向图": "Flow (Sankey) diagram",
    "散点与时间节点图": "Milestone chart",
    "图表": "Chart",
    "{kind}：{title}。共 {n} 项：{items}{more}。": "{kind}: {title}. {n} items: {items}{more}.",
    "、": ", ",
    "等": " and more",
    "（高亮：{name}）": " (highlighted: {name})",
    # ---- pages/overview.py ----------------------------------------------------
    "公报看板 · 总览": "Gazette Dashboard · Overview",
    "济阳区 2020 年第 4 期政府公报与章丘区 2025 年专项整治方案中的关键数字。":
        "Key figures from the 济阳区 government bulletin 2020 no. 4 and the 章丘区 2025 campaign plans. ",
    "当前筛选：**{town}**。": "Current filter: **{town}**.",
    "统筹整合涉农资金": "Integrated agri funds",
    "{change:+.1f}% 比 2019 年": "{change:+.1f}% vs 2019",
    "全区口径；文件写明的总额与同比变化。": "Whole district; the total and the change as stated in the document.",
    "重点项目": "Key projects",
    "涉农资金方案列出的重点项目": "Key projects listed in the agricultural funds plan",
    "（含在该镇街或全区各镇街实施的）": " (in this town or in every town of the district)",
    "待硬化道路的村": "Villages to pave",
    "未涉及": "Not covered",
    "通户道路硬化工程明细表中列出的村": "Villages listed in the road paving project's detail table",
    "2021 年医保征缴任务（人）": "2021 enrolment quota",
    "数据核对提示": "Data checks flagged",
    "文件数字核对：通过 {ok} 项；不一致或缺失的在“数据”页逐项列出。":
        "Checks of the documents' figures: {ok} passed; mismatches and gaps are listed on the Data page.",
    "（总额与同比）": "(total and year-on-year change)",
    "资金来源（万元）": "Funds by source (万元)",
    "金额（万元）": "Amount (10k yuan, 万元)",
    "查看涉农资金详情": "Agricultural funds in detail",
    "各镇街待硬化村数": "Villages to pave, by town",
    "村数": "Villages",
    "道路硬化明细表未列出{town}的村。": "The road paving table lists no village in {town}.",
    "查看通户道路详情": "Village roads in detail",
    "2021 年各镇街医保征缴任务（人）": "2021 enrolment quota by town",
    "人数": "Persons",
    "查看医保征缴详情": "Health insurance in detail",
    # ---- pages/funds.py -------------------------------------------------------
    "涉农资金统筹整合": "Integrated agricultural funds",
    "2020 年度济阳区纳入统筹整合的涉农资金：从哪里来（来源）、用到哪里（领域、任务性质），以及六个重点项目。资金总额为全区口径":
        "济阳区's integrated agricultural funds for 2020: where the money comes from (sources), where it goes "
        "(sectors, task nature), and six key projects. The total covers the whole district",
    "；镇街筛选（{town}）作用于重点项目。": "; the town filter ({town}) applies to the key projects.",
    "。": ".",
    "；": "; ",
    "统筹整合资金总额": "Integrated funds total",
    "原文：{v} 万元": "As printed: {v} 万元",
    "比 2019 年": "vs 2019",
    "来源 / 领域 / 任务性质": "Sources / sectors / task natures",
    "类": "kinds",
    "按资金来源": "By source",
    "按任务领域": "By sector",
    "按任务性质": "By task nature",
    "资金流向": "Flow of funds",
    "按资金来源分（万元）": "By source (10k yuan, 万元)",
    "来源": "Source",
    "文件写明占比（%）": "Stated share (%)",
    "按金额计算占比（%）": "Computed share (%)",
    "原文行": "Source line",
    "以下来源的文件写明占比与按金额计算的不一致（未作修改，按原文展示）：":
        "For these sources the stated share differs from the share computed from the amounts (shown as printed, "
        "not corrected): ",
    "{name} 写明 {stated:.2f}%，计算 {computed:.2f}%": "{name} stated {stated:.2f}%, computed {computed:.2f}%",
    "涉农资金_按来源": "agricultural_funds_by_source",
    "按任务领域分（点击条形查看重点项目）": "By sector (click a bar to see its key projects)",
    "领域": "Sector",
    "涉农资金_按领域": "agricultural_funds_by_sector",
    "按任务性质分（万元）": "By task nature (10k yuan, 万元)",
    "任务性质": "Task nature",
    "涉农资金_按任务性质": "agricultural_funds_by_task_nature",
    "中央、省级、市级资金合计 **{up} 万元**；上级约束性任务与省市统筹使用资金合计 **{down} 万元**":
        "Central, provincial and city funds add up to **{up} 万元**; binding higher-level tasks plus "
        "province/city pooled use add up to **{down} 万元**",
    "，两者一致。": ": the two agree.",
    "，相差 {diff} 万元。": ": they differ by {diff} 万元.",
    "文件只给出两种口径的合计，没有给出来源与任务性质的交叉明细，因此图中经“上级资金合计”汇总，不作拆分。":
        "The document gives only the totals of the two breakdowns, not how each source splits across task "
        "natures, so the chart passes through one “higher-level funds total” node instead of inventing a split.",
    "全部领域": "All sectors",
    "领域（也可点击上方“按任务领域”图中的条形）": "Sector (or click a bar in the “By sector” chart above)",
    "{sector}没有列出重点项目": "No key projects listed {sector}",
    "（在{town}或全区实施的）。": " (in {town} or district-wide).",
    "序号": "No.",
    "项目": "Project",
    "实施区域": "Area",
    "总投资（万元）": "Total investment (万元)",
    "开始": "Start",
    "完成": "Finish",
    "未写明": "not stated",
    "重点项目_{sector}": "key_projects_{sector}",
    "进度安排": "Schedule",
    "总投资": "Total investment",
    "文件未写明总投资": "the document states no total investment",
    "绩效目标": "Performance targets",
    "文件未写金额": "no amount in the document",
    "资金来源": "Funding source",
    "金额": "Amount",
    "乡村振兴指标体系": "Rural revitalisation indicators",
    "类别": "Category",
    "全部类别": "All categories",
    "指标": "Indicator",
    "单位": "Unit",
    "2017 年基期值": "2017 baseline",
    "2020 年目标": "2020 target",
    "2022 年目标": "2022 target",
    "年均增速": "Annual growth",
    "属性": "Type",
    "年均增速列中方括号内的数字为累计变化（百分点或个数），不是增长率；“—”表示文件未给出。":
        "Bracketed numbers in the annual growth column are cumulative changes (percentage points or counts), "
        "not growth rates; “—” means the document gives none.",
    "乡村振兴指标": "rural_revitalisation_indicators",
    "本文件的数据核对提示（{n} 项）": "Data checks flagged in this document ({n})",
    "- **{subject}**：{message}（原文第 {line} 行）": "- **{subject}**: {message} (source line {line})",
    # ---- pages/roads.py -------------------------------------------------------
    "农村通户道路硬化": "Paving village roads",
    "济阳区农村通户道路硬化工程：哪些镇街、哪些村，什么时候完成，按什么标准，钱由谁出。":
        "济阳区's village road paving project: which towns and villages, by when, to what standard, and who pays.",
    "数据库中没有道路硬化明细。请重新构建数据：python -m loaders.build":
        "The database has no road paving details. Rebuild the data: python -m loaders.build",
    "涉及镇街": "Towns covered",
    "明细表列出的村": "Villages listed",
    "表中“个数”合计": "Sum of the table's “count” column",
    "明细表未列出以下镇街：{towns}。": "The detail table lists no village in: {towns}.",
    "{town}不在道路硬化明细表中：该工程没有列出{town}的村。":
        "{town} is not in the road paving table: the project lists no village in {town}.",
    "各镇街待硬化村数（点击条形查看村名单）": "Villages with roads to pave, by town (click a bar for the list)",
    "{town}：表中“个数”为 {stated}，村名列实际列出 {listed} 个。":
        "{town}: the table's count says {stated}, the village column lists {listed}.",
    "村名单": "Village list",
    "镇街": "Town",
    "搜索村名": "Search village names",
    "输入村名的一部分，如 董家": "Part of a village name, e.g. 董家",
    "村名": "Village",
    "**{town}** 共列出 {n} 个村": "**{town}**: {n} villages listed",
    "，其中名称含“{search}”的 {k} 个": ", {k} of them with “{search}” in the name",
    "其他镇街也有同名或相近的村：": "Other towns have villages with the same or a similar name: ",
    "通户道路村名单_{town}": "road_villages_{town}",
    "时间节点": "Milestones",
    "实施步骤与完成时限": "Steps and deadlines",
    "步骤": "Step",
    "名称": "Name",
    "完成时限": "Deadline",
    "原文": "Source text",
    "建设标准": "Construction standard",
    "资金分担": "Who pays",
    "建设资金分担比例": "Shares of the construction cost",
    "相关指标": "Related indicator",
    "{name}（2017 年）": "{name} (2017)",
    "年均增速列：{growth}": "Annual growth column: {growth}",
    "（乡村振兴指标体系）": "(rural revitalisation indicators)",
    # ---- pages/insurance.py ---------------------------------------------------
    "2021 年度居民医保征缴": "2021 residents' health insurance enrolment",
    "各镇街的征缴任务（人）、个人缴费档次、时间安排和咨询电话。":
        "Enrolment quota per town (persons), personal premium tiers, schedule and help-line numbers.",
    "数据库中没有医保征缴任务数。请重新构建数据：python -m loaders.build":
        "The database has no enrolment quotas. Rebuild the data: python -m loaders.build",
    "{town}征缴任务": "{town} enrolment quota",
    "全区征缴任务": "District enrolment quota",
    "占全区": "Share of district",
    "镇街数": "Towns",
    "各镇街征缴任务（人）": "Enrolment quota by town (persons)",
    "各镇街占全区任务的比例": "Each town's share of the district quota",
    "征缴任务（人）": "Quota (persons)",
    "医保征缴任务_{town}": "insurance_quota_{town}",
    "全区": "Whole district",
    "个人缴费档次与保费区间": "Personal premium tiers and premium range",
    "**任务人数对应的个人缴费区间（估算边界）**": "**Premium income implied by the quota (estimated bounds)**",
    "下限（全部按 {low} 元）：**{low_wan}**  \n上限（全部按 {high} 元）：**{high_wan}**":
        "Lower bound (everyone at {low} 元): **{low_wan}**  \nUpper bound (everyone at {high} 元): **{high_wan}**",
    "非文件数字：{persons} 人 × 每人 {low}–{high} 元。实际收入介于两者之间，免缴人员不计。":
        "Not a figure of the document: {persons} persons × {low}–{high} 元 each. Actual income lies between the "
        "two; people exempt from paying are not counted.",
    "征缴时间安排": "Enrolment schedule",
    "征缴工作实施步骤": "Enrolment steps",
    "结束": "End",
    "咨询电话": "Help lines",
    "（{town}及全区）": " ({town} and district-wide)",
    "机构|单位": "Office",
    "电话": "Phone",
    "医保咨询电话_{town}": "insurance_help_lines_{town}",
    # ---- briefing and meeting mode (ui/briefing.py, ui/meeting.py, ui/export.py) --
    "会议简报": "Meeting briefing",
    "生成日期：{date}": "Generated: {date}",
    "镇街筛选：{town}": "Town filter: {town}",
    "资金": "Funds",
    "道路": "Roads",
    "医保": "Insurance",
    "热线": "Hotline",
    "承诺": "Commitments",
    "当前筛选：{town}。资金总额为全区口径。": "Filter: {town}. The fund total covers the whole district.",
    "全区口径。": "Whole district.",
    "全区口径": "whole district",
    "{change:+.1f}% 比 2019 年（全区）": "{change:+.1f}% vs 2019 (whole district)",
    "2021 年医保征缴任务": "2021 enrolment quota",
    "核对通过 {ok} 项": "{ok} checks passed",
    "涉农资金：按资金来源（万元）": "Agricultural funds by source (10k yuan, 万元)",
    "涉农资金从哪里来": "Where the agricultural funds come from",
    "最大来源": "Largest source",
    "资金来源为全区口径，不分镇街。": "Funding sources cover the whole district; they are not split by town.",
    "涉农资金：按任务领域（万元）": "Agricultural funds by sector (10k yuan, 万元)",
    "涉农资金用到哪里": "Where the agricultural funds go",
    "投入最多的领域": "Largest sector",
    "{town}的重点项目": "Key projects in {town}",
    "领域金额为全区口径；重点项目按{town}筛选（含全区实施的项目）。":
        "Sector amounts cover the whole district; key projects are filtered to {town} (including district-wide ones).",
    "各镇街待硬化道路的村数": "Villages with roads to pave, by town",
    "农村通户道路硬化：哪些镇街、多少个村": "Village road paving: which towns, how many villages",
    "未列出": "not listed",
    "核对提示": "Check flagged",
    "镇街的表中个数与村名单不符": "towns whose stated count differs from the village list",
    "{town}以斜线和粗体标出。": "{town} is hatched and in bold.",
    "{town}不在道路硬化明细表中。": "{town} is not in the road paving table.",
    "2021 年度居民医保征缴任务": "2021 residents' health insurance enrolment quota",
    "占全区 {share}": "{share} of the district",
    "个人缴费档次": "Personal premium tiers",
    "元/人·年": "元 per person per year",
    "12345 热线专项整治：写明的目标": "12345 hotline campaign: the stated targets",
    "章丘区方案中的目标，不分济阳镇街；完成情况见“12345热线”页。":
        "Targets of the 章丘区 plan, not split by 济阳 town; progress is on the “12345 hotline” page.",
    "写明期限的承诺：按到期月份": "Commitments with a stated deadline, by month due",
    "承诺条数": "Commitments",
    "承诺与期限": "Commitments and deadlines",
    "可核对的承诺": "Checkable commitments",
    "数量、比例、排名、清零、期限": "counts, rates, ranks, clear-ups, dates",
    "写明期限的": "With a stated deadline",
    "涉及 {n} 件文件": "in {n} documents",
    "{sources}中写明数量、比例、排名或期限的 {n} 条承诺；每条的文件与行号见“专项整治与承诺”页。":
        "{n} commitments stating a count, rate, rank or deadline in {sources}; the document and line of each "
        "are on the “Campaigns and commitments” page.",
    "承诺不分镇街；镇街筛选不改变本页。": "Commitments are not split by town; the town filter does not change this slide.",
    "上一页": "Previous",
    "下一页": "Next",
    "键盘 ← 或 PageUp": "Keyboard ← or PageUp",
    "键盘 → 或 PageDown": "Keyboard → or PageDown",
    "退出会议模式": "Leave meeting mode",
}
