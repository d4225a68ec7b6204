"""Language switch: 中文 (default) and English.

`_(msgid)` returns the text in the current language. The msgid *is* the Chinese text, so
pages stay readable and the default language needs no table; EN maps it to English.
Placeholders use str.format: _("{town}征缴任务", town=town).

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


def _(msgid: str, lang_code: str | None = None, *, context: str = "", **values) -> str:
    """Text of `msgid` in the language; `context` tells apart one Chinese word with two English
    meanings (单位: a unit of measure, or an office) and is looked up as "context|msgid"."""
    code = lang_code or lang()
    text = msgid
    if code == "en":
        text = EN.get(f"{context}|{msgid}", EN.get(msgid, msgid)) if context else EN.get(msgid, msgid)
    return text.format(**values) if values else text


def t_msg(message: object, lang_code: str | None = None) -> str:
    """A message built by the hotline import (hotline.msg.Msg: Chinese text carrying its msgid and
    values) in the current language; values that are messages themselves are translated too. Any
    other text is returned as it is (it was written in Chinese and has no msgid)."""
    msgid = getattr(message, "msgid", None)
    if msgid is None:
        return str(message)
    values = {k: (t_msg(v, lang_code) if hasattr(v, "msgid") else v) for k, v in message.values.items()}
    return _(msgid, lang_code, **values)


def has_translation(msgid: str, context: str = "") -> bool:
    return (f"{context}|{msgid}" if context else msgid) in EN


def localise_choice(key: str, msgids: list[str]) -> list[str]:
    """Labels, in the current language, of a widget whose value is its label (st.tabs bound to
    ?key=…). A choice made in the other language — in this session, or in a pasted link such
    as ?tab=任务与部门 — is carried over, so switching language keeps the same tab open."""
    import streamlit as st

    code = lang()
    labels = [_(m, code) for m in msgids]
    current = st.session_state.get(key)
    if current is None:
        current = st.query_params.get(key)
    if current is not None and current not in labels:
        for msgid, label in zip(msgids, labels):
            if current in (msgid, EN.get(msgid)):
                st.session_state[key] = label
                break
    return labels


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
    "{scope}中的关键数字。": "Key figures from {scope}. ",
    "与": " and ",
    "（没有公报）": "(no bulletin)",
    "所选期次（{scope}）没有{what}。": "The chosen editions ({scope}) have no {what}. ",
    "有此内容的期次：": "Editions that have it: ",
    "所选期次没有涉农资金方案。": "The chosen editions have no agricultural fund plan.",
    "所选期次没有通户道路硬化明细。": "The chosen editions have no village road list.",
    "所选期次没有医保征缴任务表。": "The chosen editions have no enrolment quota table.",
    "{year} 年医保征缴任务（人）": "{year} enrolment quota",
    "医保征缴任务（人）": "Enrolment quota",
    "{change:+.1f}% 比上年": "{change:+.1f}% vs the year before",
    "当前筛选：**{town}**。": "Current filter: **{town}**.",
    "统筹整合涉农资金": "Integrated agri funds",
    "{change:+.1f}% 比 {year} 年": "{change:+.1f}% vs {year}",
    "全区口径；文件写明的总额与同比变化。": "Whole district; the total and the change as stated in the document.",
    "重点项目": "Key projects",
    "涉农资金方案列出的重点项目": "Key projects listed in the agricultural funds plan",
    "（含在该镇街或全区各镇街实施的）": " (in this town or in every town of the district)",
    "待硬化道路的村": "Villages to pave",
    "未涉及": "Not covered",
    "通户道路硬化工程明细表中列出的村": "Villages listed in the road paving project's detail table",
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
    "各镇街医保征缴任务（人）": "Enrolment quota by town",
    "人数": "Persons",
    "查看医保征缴详情": "Health insurance in detail",
    # ---- pages/funds.py -------------------------------------------------------
    "涉农资金统筹整合": "Integrated agricultural funds",
    "{year} 年度{district}纳入统筹整合的涉农资金：从哪里来（来源）、用到哪里（领域、任务性质），以及 {n} 个重点项目。资金总额为全区口径":
        "{district}'s integrated agricultural funds for {year}: where the money comes from (sources), where it goes "
        "(sectors, task nature), and {n} key projects. The total covers the whole district",
    "涉农资金统筹整合方案": "integrated agricultural fund plan",
    "比 {year} 年": "vs {year}",
    "比上年": "vs the year before",
    "；镇街筛选（{town}）作用于重点项目。": "; the town filter ({town}) applies to the key projects.",
    "。": ".",
    "；": "; ",
    "统筹整合资金总额": "Integrated funds total",
    "原文：{v} 万元": "As printed: {v} 万元",
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
    "{year} 年基期值": "{year} baseline",
    "{year} 年目标": "{year} target",
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
    "{district}农村通户道路硬化工程：哪些镇街、哪些村，什么时候完成，按什么标准，钱由谁出。":
        "{district}'s village road paving project: which towns and villages, by when, to what standard, and who pays.",
    "农村通户道路硬化明细": "village road paving list",
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
    "{name}（{year} 年）": "{name} ({year})",
    "年均增速列：{growth}": "Annual growth column: {growth}",
    "（乡村振兴指标体系）": "(rural revitalisation indicators)",
    # ---- pages/insurance.py ---------------------------------------------------
    "{year} 年度居民医保征缴": "{year} residents' health insurance enrolment",
    "2021 年度居民医保征缴": "2021 residents' health insurance enrolment",
    "2021 年医保征缴任务（人）": "2021 enrolment quota",
    "居民医保征缴": "Residents' health insurance enrolment",
    "居民医保征缴任务表": "health insurance enrolment quota table",
    "{district}各镇街的征缴任务（人）、个人缴费档次、时间安排和咨询电话。":
        "{district}: enrolment quota per town (persons), personal premium tiers, schedule and help-line numbers.",
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
    # ---- shared by the tracking pages (hotline, campaigns, towns, documents, data) ----
    "：": ": ",
    "是": "yes",
    "否": "no",
    "注：": "Note: ",
    "无。": "None.",
    "引用": "Citation",
    "目标": "Target",
    "期限": "Deadline",
    "期限（原文）": "Deadline (as printed)",
    "责任单位": "Responsible units",
    "月份": "Month",
    "显示": "Show",
    "数据类型": "Kind of data",
    # ---- pages/hotline.py ------------------------------------------------------------
    "12345 市民服务热线专项整改": "12345 citizen service hotline campaign",
    "《济南市章丘区市民服务热线专项整治工作方案》确定的排名目标、化解与参评比例、专项清零期限和约谈机制，"
    "以及热线办按月录入的实际数据。方案本身只有目标，没有月度数字；月度数字由热线办导入或录入。":
        "The ranking targets, resolution and participation rates, clear-up deadlines and summons rule set by "
        "《济南市章丘区市民服务热线专项整治工作方案》, and the actual monthly figures recorded by the hotline office. "
        "The plan itself gives only targets, no monthly figures; those are imported or entered by the hotline office.",
    "**12345热线 · 编辑登录**": "**12345 hotline · editor sign-in**",
    "已登录：{user}（编辑，可导入和修改）": "Signed in: {user} (editor, may import and edit)",
    "退出登录": "Sign out",
    "未配置编辑账号：所有人只读。管理员可用 `python3 -m hotline.passwd 用户名` 生成密码哈希，"
    "写入 .streamlit/secrets.toml 的 [editors] 段。":
        "No editor accounts configured: everyone reads only. An administrator creates a password hash with "
        "`python3 -m hotline.passwd USERNAME` and puts it in the [editors] section of .streamlit/secrets.toml.",
    "用户名": "User name",
    "密码": "Password",
    "登录": "Sign in",
    "登录失败次数过多，请 {seconds} 秒后再试": "Too many failed sign-ins; try again in {seconds} seconds",
    "该用户名或本机登录失败次数过多，已暂时锁定，请 {seconds} 秒后再试":
        "Too many failed sign-ins for this user name or from this computer; locked for now, try again in {seconds} seconds",
    "用户名或密码不正确": "Wrong user name or password",
    "访客无需登录即可查看全部内容；导入和修改需要编辑账号。":
        "Visitors see everything without signing in; importing and editing need an editor account.",
    "无法读取目标表 targets：{error}": "Cannot read the targets table: {error}",
    "动态清零并长期保持": "Clear to zero and keep it there",
    "满意率、解决率全市排名退出后{n}位": "Satisfaction and resolution rates out of the city's bottom {n}",
    "连续{months}个月单项指标后{n}位的部门、镇街被约谈":
        "Departments and towns in the bottom {n} on one indicator for {months} months in a row are summoned",
    "单项指标后{n}位": "Bottom {n} on one indicator",
    "方案确定的目标、期限和机制": "Targets, deadlines and rules set by the plan",
    "数据库中缺少以下目标（targets 表没有对应行）：{names}。相关判断暂不显示；"
    "请重新构建数据：`python3 -m loaders.build`。":
        "The database lacks these targets (no row in the targets table): {names}. The judgements that need them "
        "are not shown; rebuild the data: `python3 -m loaders.build`.",
    "要求": "Requirement",
    "长期坚持": "ongoing",
    "12345热线_目标与机制": "hotline_targets_and_rules",
    "正式数据": "Recorded data",
    "演示数据": "Demo data",
    "演示数据是随机生成的，只用于试用看板，存放在单独的演示库中。":
        "Demo data is randomly generated, only for trying the dashboard, and kept in a separate demo database.",
    "生成演示数据（写入演示库）": "Generate demo data (into the demo database)",
    "演示数据需由编辑生成。": "Demo data has to be generated by an editor.",
    "⚠ 当前显示的是{banner}。单位名称和数字均为随机生成。":
        "⚠ Showing {banner}. Unit names and figures are randomly generated.",
    "演示数据，非真实数据": "demo data, not real",
    "演示数据（随机生成，非真实数据）": "demo data (randomly generated, not real)",
    "12345 热线办按月导入或录入的记录": "monthly records imported or entered by the 12345 hotline office",
    "月度数字：{records}；目标：{targets}": "Monthly figures: {records}; targets: {targets}",
    "是否按期达标": "On track for the deadlines?",
    "（演示数据）": " (demo data)",
    "目标表中缺少该行，无法判断。": "The targets table lacks this row; no judgement possible.",
    "**{due}前退出后{n}位**": "**Out of the bottom {n} by {due}**",
    "约谈名单（最新月份）": "Summons list (latest month)",
    "{n} 个单位": "{n} units",
    "同一指标连续{months}个月处于本组后{n}位；详见“约谈名单”。":
        "In their group's bottom {n} on one indicator for {months} months in a row; see “Summons list”.",
    "目标表中缺少": "missing from the targets table",
    "全区当月化解率": "District resolution, month",
    "{month}；目标：{target}": "{month}; target: {target}",
    "全区全年累计化解率": "District resolution, YTD",
    "目标：{target}": "Target: {target}",
    "截至{month}": "as of {month}",
    "专项问题最新已清零": "Drives cleared (latest)",
    "{zero}/{n} 项": "{zero}/{n}",
    "各专项最新月末未办结为 0 的项数；详见“专项清零”。":
        "Field drives with no open tickets at the end of the latest month; see “Clear-ups”.",
    "全市排名": "City ranking",
    "单位排名": "Unit ranking",
    "约谈名单": "Summons list",
    "化解率": "Resolution",
    "参评率": "Participation",
    "专项清零": "Clear-ups",
    "导入与录入": "Import and entry",
    "写入记录": "Write log",
    "排名 1 为全市第一；虚线为退出后 N 位须达到的名次（参与排名单位数 − N），竖线为期限。":
        "Rank 1 is first in the city; a dashed line is the rank needed to be out of the bottom N (ranked units − N); "
        "a vertical line is a deadline.",
    "12345热线_全区全市排名": "hotline_district_city_rank",
    "目标表中缺少约谈机制（hotline.summons），无法标出后几位。":
        "The targets table lacks the summons rule (hotline.summons); the bottom units cannot be marked.",
    "尚无各单位月度数据。": "No monthly figures per unit yet.",
    "后N位": "Bottom N",
    "后{n}位": "Bottom {n}",
    "12345热线_{month}_{indicator}_单位排名": "hotline_{month}_{indicator}_unit_ranking",
    "目标表中缺少约谈机制（hotline.summons 的名次或月数），无法生成约谈名单。":
        "The targets table lacks the summons rule (the rank or months of hotline.summons); no summons list.",
    "**规则（方案原文）**：{quote}": "**Rule (as printed in the plan)**: {quote}",
    "判定方法：按{cut}口径，在部门、镇街各自组内按满意率、解决率分别从低到高排位；同一指标连续"
    "{months}个自然月处于后{n}位即列入约谈名单。名次从前往后排，并列按较前名次计（与公布名次的方式一致）；"
    "缺月（该单位或全区未录入）不算连续；组内有数据的单位不超过{n}个时不判定。"
    "原文中“日常工作进度缓慢”的单位由热线办另行认定，本页不计算。":
        "Method: on the {cut} figures, departments and towns are each ranked within their group from lowest to highest "
        "satisfaction and resolution rate; a unit in the bottom {n} on the same indicator for {months} calendar months "
        "in a row is on the summons list. Ties take the better position (as in the published rankings); a missing month "
        "(the unit or the district not recorded) breaks the run; a group with {n} or fewer units with data is not judged. "
        "Units with “slow day-to-day progress”, which the plan also names, are decided by the hotline office and not "
        "computed here.",
    "##### 约谈名单（{n} 项）": "##### Summons list ({n})",
    "目前没有单位符合约谈条件。": "No unit meets the summons condition at present.",
    "各月情况": "Month by month",
    "12345热线_约谈名单": "hotline_summons_list",
    "##### 预警：最新月份处于后几位、再连续即达到约谈条件":
        "##### Watch list: in the bottom positions in the latest month, one step from a summons",
    "目标表中缺少当月或全年化解目标，下图不画目标线。":
        "The targets table lacks the monthly or yearly resolution target; the chart draws no target line.",
    "当月化解率 = 本月化解 ÷（期初未化解 + 本月新增）；全年累计化解率 = 今年累计化解 ÷"
    "（今年首个录入月的期初未化解 + 今年累计新增）。":
        "Monthly resolution = resolved this month ÷ (open at start + new this month); year-to-date resolution = "
        "resolved this year ÷ (open at the start of this year's first recorded month + new this year).",
    "尚无各单位的期初、新增、化解数。": "No opening, new and resolved counts per unit yet.",
    "12345热线_{month}_化解率": "hotline_{month}_resolution",
    "目标表中缺少参评率目标，下图不画目标线。":
        "The targets table lacks the participation target; the chart draws no target line.",
    "尚无参评率数据。": "No participation figures yet.",
    "{month}：{met}/{n} 个单位参评率{target}。": "{month}: {met} of {n} units have participation {target}.",
    "12345热线_{month}_参评率": "hotline_{month}_participation",
    "目标表中缺少专项清零目标（hotline.clear.*）。": "The targets table lacks the clear-up targets (hotline.clear.*).",
    "12345热线_专项清零台账": "hotline_clear_up_ledger",
    "##### 写入记录（只增不改）": "##### Write log (append-only)",
    "尚无写入记录。": "Nothing written yet.",
    "12345热线_写入记录": "hotline_write_log",
    "##### 被替换的历史记录": "##### Replaced records (history)",
    "尚无被替换的记录。": "No replaced records.",
    "12345热线_替换历史": "hotline_replaced_history",
    "**导入模板**（第一行为列名；列名可用常见中文叫法，如 单位/责任单位/镇街、月份/时间）":
        "**Import templates** (the first row holds the column names; the usual Chinese names work, e.g. "
        "单位/责任单位/镇街, 月份/时间)",
    "CSV 模板": "CSV template",
    "Excel 模板": "Excel template",
    "写入失败，未写入任何数据：{error}": "Write failed; nothing was written: {error}",
    "下载 CSV": "Download CSV",
    "下载 Excel": "Download Excel",
    "未保存：{error}。请刷新后在最新数据上重新修改。": "Not saved: {error}. Reload and redo the change on the latest data.",
    "已保存（批次 {audit_id}，{who}，{when}）：{what}": "Saved (batch {audit_id}, {who}, {when}): {what}",
    "。替换后，原记录移入“被替换的历史记录”，可随时查看。":
        ". Replaced rows move to “Replaced records”, where they can be seen at any time.",
    "确认替换": "Confirm replacement",
    "取消，不写入": "Cancel, write nothing",
    "{n} 行有问题，整份文件未写入。请修改后重新上传（每行的问题见下表“问题”列）。":
        "{n} rows have problems; nothing from the file was written. Correct them and upload again (each row's problem "
        "is in the “Problem” column below).",
    "{n} 行有问题，整份表格未写入。请在表格中修改后再保存（每行的问题见下表“问题”列）。":
        "{n} rows have problems; nothing from the table was written. Correct them in the table and save again (each "
        "row's problem is in the “Problem” column below).",
    "问题": "Problem",
    "当前显示演示数据。导入和录入只写入正式库：请先在上方切换到“正式数据”。":
        "Demo data is shown. Imports and entries go to the recorded data only: switch to “Recorded data” above first.",
    "导入和录入需要编辑登录（见左侧栏）。访客可查看全部内容和下载数据。":
        "Importing and entering need an editor sign-in (see the sidebar). Visitors can see everything and download the data.",
    "##### 导入文件": "##### Import a file",
    "上传 CSV 或 Excel（.xlsx）文件": "Upload a CSV or Excel (.xlsx) file",
    "支持 UTF-8、带 BOM 的 UTF-8、GBK、GB18030 编码；比率可写 95.3%、95.3 或 0.953。":
        "UTF-8, UTF-8 with BOM, GBK and GB18030 are read; a rate may be written 95.3%, 95.3 or 0.953.",
    "将写入 {n} 行：": "{n} rows will be written:",
    "写入数据库": "Write to the database",
    "##### 手工录入或更正一个月": "##### Enter or correct one month by hand",
    "列对应（{n} 列未识别）": "Column mapping ({n} columns not recognised)",
    "列对应（已全部识别）": "Column mapping (all recognised)",
    "左边是文件里的列名，右边选择它对应的数据项；选“忽略”则不导入该列。":
        "Left: the file's column name; right: the field it holds. “Ignore” leaves the column out.",
    "（忽略）": "(ignore)",
    "月份（如 2025-07）": "Month (e.g. 2025-07)",
    "{month}现有 {n} 行。直接在表中修改、添加或删除行，保存前按导入规则逐行检查。":
        "{month} has {n} rows. Edit, add or delete rows in the table; each row is checked by the import rules "
        "before saving.",
    "检查并保存本月数据": "Check and save this month",
    "表中有不属于{month}的行（{others}），请只录入本月数据。":
        "The table has rows outside {month} ({others}); enter this month only.",
    "还没有月度记录。开始使用：① 下载下方“导入与录入”中的模板；② 编辑在左侧栏登录；"
    "③ 上传热线办每月的排名通报（CSV 或 Excel）并确认写入。录入后，本页即显示是否按期达标和约谈名单。":
        "No monthly records yet. To start: ① download a template under “Import and entry” below; ② an editor signs "
        "in in the sidebar; ③ upload the hotline office's monthly ranking report (CSV or Excel) and confirm. The page "
        "then shows whether the deadlines are met and who is summoned.",
    # hotline record fields, kinds, indicators, groups and statuses (hotline/fields.py, hotline/progress.py)
    "各单位月度数据": "Monthly figures per unit",
    "全区在全市的月度排名": "District's monthly city ranking",
    "专项问题清零台账": "Field-drive clear-up ledger",
    "满意率": "Satisfaction",
    "解决率": "Resolution",
    "部门": "Departments",
    "分组|部门": "Departments",
    "分组|镇街": "Towns",
    "批次": "Batch",
    "月中": "mid-month",
    "月末": "month-end",
    "分组": "Group",
    "满意率（%）": "Satisfaction (%)",
    "解决率（%）": "Resolution (%)",
    "参评率（%）": "Participation (%)",
    "期初未化解": "Open at start",
    "本月新增": "New this month",
    "本月化解": "Resolved this month",
    "本月办结": "Closed this month",
    "指标值": "Value",
    "指标值（%）": "Value (%)",
    "参与排名单位数": "Ranked units",
    "满意率排名": "Satisfaction rank",
    "解决率排名": "Resolution rank",
    "专项": "Drive",
    "对应目标": "Plan target",
    "期初未办结": "Open at start",
    "期末未办结": "Open at end",
    "导入批次": "Import batch",
    "当月化解率（%）": "Monthly resolution (%)",
    "全年累计化解率（%）": "Year-to-date resolution (%)",
    "当月达标": "Month met",
    "全年达标": "Year met",
    "达标": "Met",
    "倒数名次": "Position from bottom",
    "组内单位数": "Units in group",
    "起始月份": "First month",
    "最近月份": "Last month",
    "连续月数": "Months in a row",
    "状态": "Status",
    "说明": "Note",
    "最新月份": "Latest month",
    "目标：退出后N位": "Target: out of bottom N",
    "期限当月末未办结": "Open at the deadline month's end",
    "时间": "Time",
    "操作人": "By",
    "角色": "Role",
    "操作": "Action",
    "内容": "What",
    "文件名": "File name",
    "写入行数": "Rows written",
    "替换行数": "Rows replaced",
    "替换时间": "Replaced at",
    "替换人": "Replaced by",
    "替换批次": "Replacing batch",
    "表": "Table",
    "原导入批次": "Original batch",
    "进行中": "in progress",
    "已达成": "met",
    "未达成": "missed",
    "待数据": "awaiting data",
    "无数据": "no data",
    "满意率、解决率全市排名退出后若干位（第一阶段）": "Satisfaction and resolution out of the city's bottom N (first stage)",
    "满意率、解决率全市排名退出后若干位（年底）": "Satisfaction and resolution out of the city's bottom N (year end)",
    "不满意、未解决问题当月化解比例": "Share of unsatisfied/unresolved cases resolved in the month",
    "不满意、未解决问题全年化解比例": "Share of unsatisfied/unresolved cases resolved in the year",
    "市民参与回访评价比例": "Share of citizens taking part in follow-up ratings",
    "约谈机制（连续若干月单项指标后若干位）": "Summons rule (bottom N on one indicator for M months in a row)",
    "安置房交房后质量问题动态清零": "Resettlement-housing quality problems cleared to zero",
    "占道经营问题动态清零": "Street-vending problems cleared to zero",
    "城乡供水问题动态清零": "Water-supply problems cleared to zero",
    "安置房交房后质量问题": "Resettlement-housing quality",
    "占道经营问题": "Street vending",
    "城乡供水问题": "Water supply",
    # ---- ui/hotline_charts.py --------------------------------------------------------
    "尚无全市排名记录": "No city ranking recorded yet",
    "第一阶段": "first stage",
    "年底": "year end",
    "退出后{n}位线（{stage}，期限{due}）": "Out-of-bottom-{n} line ({stage}, due {due})",
    "排在第%{{y}}名或更前即退出后{n}位": "Rank %{{y}} or better is out of the bottom {n}",
    "期限：退出后{n}位": "Deadline: out of bottom {n}",
    "全区{indicator}排名": "District {indicator} rank",
    "%{{customdata[0]}} {indicator}：第%{{y}}名（共%{{customdata[1]}}个）":
        "%{{customdata[0]}} {indicator}: rank %{{y}} (of %{{customdata[1]}})",
    "全市排名（1 为第一）": "City rank (1 = first)",
    "全区满意率、解决率在全市的月度排名": "District's monthly city rank on satisfaction and resolution",
    "{group}没有{indicator}数据": "No {indicator} figures for {group}",
    " 倒数第{p}": " bottom #{p}",
    "{indicator}（%）": "{indicator} (%)",
    "{group}{indicator}排名": "{group}: {indicator} ranking",
    "（斜纹条为后{n}位）": " (hatched bars: bottom {n})",
    "{month}没有期初、新增、化解数": "No opening, new and resolved counts for {month}",
    "当月目标": "Monthly target",
    "当月化解率": "Monthly resolution",
    "全年累计化解率": "Year-to-date resolution",
    "全年目标": "Yearly target",
    "化解率（%）": "Resolution (%)",
    "{month}各单位不满意、未解决问题化解率": "{month}: resolution of unsatisfied/unresolved cases per unit",
    "尚无期初、新增、化解数": "No opening, new and resolved counts yet",
    "全区不满意、未解决问题化解率（各单位合计）": "District resolution of unsatisfied/unresolved cases (all units)",
    "{month}没有参评率数据": "No participation figures for {month}",
    "  未达标": "  below target",
    "目标 {value}": "Target {value}",
    "参与回访评价的比例（%）": "Share taking part in follow-up ratings (%)",
    "{month}各单位群众参评率": "{month}: citizen participation per unit",
    "尚无专项清零台账": "No clear-up ledger yet",
    "{name}清零期限": "{name}: clear-up deadline",
    "目标：动态清零（0 件）": "Target: cleared (0 open)",
    "月末未办结（件）": "Open at month end (tickets)",
    "专项问题月末未办结件数与清零期限": "Open field-drive tickets at month end, and clear-up deadlines",
    # ---- pages/campaigns.py and ui/campaign_charts.py ---------------------------------
    "谁负责什么、什么时候完成：章丘区 2025 年 16 个专项整治（行动）方案的阶段、任务和牵头 / 责任 / "
    "配合单位；两份公报中所有带数字的承诺；济阳区各领导小组、工作专班和联席会议的成员。":
        "Who is responsible for what, and by when: the phases, tasks and lead / responsible / cooperating units of "
        "章丘区's 16 campaign (action) plans for 2025; every commitment with a figure in the two bulletins; the members "
        "of 济阳区's leading groups, task forces and joint meetings.",
    "方案总览": "Plans",
    "任务与部门": "Tasks and units",
    "承诺与目标": "Commitments and targets",
    "人员与小组": "People and groups",
    "{what}尚未解析入库（数据表为空）。请稍后重新构建数据：python -m loaders.build":
        "{what}: not parsed into the database yet (the table is empty). Rebuild the data later: python -m loaders.build",
    "来源：{n} 份文件（逐一列出，可复制引用）": "Sources: {n} documents (each listed, citations can be copied)",
    "《{bulletin}》{n} 份文件，{lines}": "《{bulletin}》, {n} documents, {lines}",
    "{what}的数据核对：{checked} 项，其中提示 {n} 项": "Data checks of {what}: {checked}, of which {n} flagged",
    "全部核对通过。": "All checks passed.",
    "养老服务突出问题专项整治政策参考清单": "Elderly-care campaign: policy reference list",
    "养老方案附件 1“政策参考清单”": "the elderly-care plan's attachment 1 (policy reference list)",
    "养老服务领域专项整治方案附件 1。原文表格被分页拆成多段且相互重叠；去重后共 {issues} 个问题、"
    "{bases} 份不同的文件依据（问题 × 依据 {pairs} 条）。":
        "Attachment 1 of the elderly-care campaign plan. The printed table is split by page breaks into overlapping "
        "fragments; de-duplicated, it holds {issues} issues and {bases} distinct legal bases ({pairs} issue × basis pairs).",
    "突出问题": "Issue area",
    "**问题表现**：": "**What the problem looks like**: ",
    "**文件依据**（{n} 份）：": "**Legal basis** ({n}):",
    "所引条文：": "Articles cited: ",
    "**主管部门**：": "**Competent departments**: ",
    "**整治措施**：": "**Measures**: ",
    "原文未写明": "not stated in the text",
    "编号": "No.",
    "问题表现": "Problem",
    "文件依据": "Legal basis",
    "主管部门": "Competent departments",
    "整治措施": "Measures",
    "完整清单表格（{n} 行：每个问题 × 每份文件依据）": "Full list as a table ({n} rows: each issue × each legal basis)",
    "养老政策参考清单": "elderly_care_policy_list",
    "章丘专项整治方案": "The 章丘 campaign plans",
    "专项整治方案": "Campaign plans",
    "工作任务": "Tasks",
    "含各级子任务": "including sub-tasks at every level",
    "涉及单位": "Units involved",
    "按规范名计，含“各镇街”等泛指": "counted by canonical name, including collective terms such as “各镇街”",
    "数字化目标": "Numeric targets",
    "联系电话": "Contact",
    "即日起": "from now on",
    "方案": "Plan",
    "牵头单位": "Lead unit",
    "任务（条）": "Tasks",
    "阶段（个）": "Phases",
    "数字目标（项）": "Numeric targets",
    "牵头单位：方案写明的牵头单位；未写明时取联系电话所列单位（依据见下方方案详情）。":
        "Lead unit: as stated in the plan; where none is stated, the unit listed with the contact phone "
        "(the basis is shown in the plan details below).",
    "章丘专项整治方案一览": "zhangqiu_campaign_plans",
    "阶段安排": "Phases",
    "方案阶段": "The plans' phases",
    "各方案阶段安排": "Phases of each plan",
    "以下方案没有写明阶段与时间：": "These plans state no phases or dates: ",
    "斜线条纹：原文没有写开始日期的阶段（“即日起”或只写了完成时限）；图中从最早的写明日期或上一阶段结束时画起，"
    "悬停可看原文时间。":
        "Hatched: a phase without a printed start date (“即日起”, or only a deadline); it is drawn from the earliest "
        "printed date or from the end of the previous phase. Hover to see the dates as printed.",
    "专项行动": "Action",
    "阶段": "Phase",
    "时间（原文）": "Dates (as printed)",
    "阶段明细表（{n} 个阶段）": "Phase table ({n} phases)",
    "章丘专项整治阶段": "zhangqiu_campaign_phases",
    "方案详情": "Plan details",
    "选择方案": "Choose a plan",
    "**领域**：{field}": "**Field**: {field}",
    "**牵头单位**：{unit}": "**Lead unit**: {unit}",
    "（依据：{basis}）": " (basis: {basis})",
    "**任务**：{tasks} 条，涉及 {units} 个单位": "**Tasks**: {tasks}, involving {units} units",
    "**联系电话**：{contact}": "**Contact**: {contact}",
    "**时间**：{when}": "**Dates**: {when}",
    "（联系电话）": "(contact)",
    "查看本方案的任务": "Tasks of this plan",
    "**本方案的数字化目标**（{n} 项）": "**Numeric targets of this plan** ({n})",
    "本方案没有带数字的目标。": "This plan has no targets with a figure.",
    "承诺对象": "Commitment",
    "方案{no}_数字目标": "plan{no}_numeric_targets",
    "**阶段**": "**Phases**",
    "章丘专项整治任务": "The 章丘 campaign tasks",
    "各单位承担的任务": "Tasks carried by each unit",
    "包括“各镇街”“相关部门”等泛指单位": "Include collective terms such as “各镇街” and “相关部门”",
    "显示前": "Show the top",
    "各单位承担的任务数（点击条形查看该单位的任务）": "Tasks per unit (click a bar to list the unit's tasks)",
    "各单位承担的任务数": "Tasks per unit",
    "按规范名统计每个单位作为牵头、责任、配合单位出现的任务条数（同一任务只计一次）；"
    "一个单位在方案中的不同写法（如 区住建局 / 住建局）已合并，写法见下表。":
        "Tasks in which each unit (by canonical name) appears as lead, responsible or cooperating unit, each task "
        "counted once; the different spellings of one unit in the plans (e.g. 区住建局 / 住建局) are merged, see the "
        "table below.",
    "未计入图中的泛指单位：": "Collective terms left out of the chart: ",
    "{n} 条": "{n} tasks",
    "单位（规范名）": "Unit (canonical)",
    "牵头（条）": "Lead",
    "责任（条）": "Responsible",
    "配合（条）": "Cooperating",
    "合计（条）": "Total",
    "涉及方案（个）": "Plans",
    "原文写法": "As printed",
    "工作量明细表": "Workload table",
    "章丘专项整治_单位工作量": "zhangqiu_campaign_unit_workload",
    "（工作任务中的牵头、责任、配合单位）": "(lead, responsible and cooperating units of the tasks)",
    "任务清单": "Task list",
    "全部方案": "All plans",
    "全部单位": "All units",
    "单位（规范名；也可点击上图条形）": "Unit (canonical name; or click a bar in the chart above)",
    "角色|牵头": "Lead",
    "角色|责任": "Responsible",
    "角色|配合": "Cooperating",
    "参与的任务": "Tasks involved in",
    "{unit}作为牵头、责任或配合单位的任务": "Tasks with {unit} as lead, responsible or cooperating unit",
    "原文写法：": "As printed: ",
    "{raw}（{mentions} 处，{plans} 个方案）": "{raw} ({mentions} mentions, {plans} plans)",
    "共 **{n}** 条任务": "**{n}** tasks",
    "（{unit}，角色：{roles}）": " ({unit}, roles: {roles})",
    "，方案：{plans}": ", plans: {plans}",
    "任务": "Task",
    "本单位角色": "This unit's role",
    "本单位原文写法": "This unit as printed",
    "配合单位": "Cooperating units",
    "写法对照（原文→规范名）": "Spellings (printed → canonical)",
    "时限（原文）": "Deadline (as printed)",
    "目标（原文）": "Target (as printed)",
    "章丘专项整治任务_{unit}": "zhangqiu_campaign_tasks_{unit}",
    "数字化承诺": "The numeric commitments",
    "两份公报中所有带数字的承诺（比例、数量、金额、名次、清零、日期），按期限排序。":
        "Every commitment with a figure in the two bulletins (rates, counts, amounts, ranks, clear-ups, dates), "
        "sorted by deadline.",
    "区": "District",
    "责任单位（规范名）": "Responsible unit (canonical)",
    "期限范围": "Deadline range",
    "只看在这段时间内到期的承诺；例如把结束日期设为 2022/12/31":
        "Only commitments due in this period; e.g. set the end date to 2022/12/31",
    "包括没有具体期限的承诺（如“当月”“长期”）": "Include commitments without a specific deadline (e.g. “当月”, “长期”)",
    "有具体期限": "With a deadline",
    "最近的期限": "Earliest deadline",
    "没有符合筛选条件的承诺。": "No commitment matches the filters.",
    "各月到期的承诺数（按区）": "Commitments due per month (by district)",
    "只统计写明期限的承诺；“到2020年”“年底前”等按该年 12 月 31 日计，“9月中旬”按 15 日计。":
        "Only commitments with a stated deadline; “到2020年”, “年底前” etc. count as 31 December of that year, "
        "“9月中旬” as the 15th.",
    "文件": "Document",
    "原文句子": "Sentence as printed",
    "承诺写到的济阳镇街，点击打开该镇街的画像": "The 济阳 town the commitment names; click to open its profile",
    "承诺台账": "commitments_ledger",
    "领导小组名单": "The leading-group rosters",
    "领导小组、专班与联席会议名单": "Leading groups, task forces and joint meetings",
    "校园消防安全整治工作专班及其下设的三个工作小组各算一份":
        "The campus fire-safety task force and each of its three working groups count as one roster each",
    "列名人员": "People listed",
    "按姓名计；姓名不同即按不同人员统计": "counted by name; different names count as different people",
    "在两个及以上名单中": "On two or more rosters",
    "名单": "Roster",
    "成员（人）": "Members",
    "组长 / 召集人": "Head / convener",
    "办公室设在": "Office at",
    "济阳领导小组名单一览": "jiyang_leading_groups",
    "名单成员": "Roster members",
    "选择名单": "Choose a roster",
    "小组职务": "Role in the group",
    "姓名": "Name",
    "职务": "Position",
    "所属单位": "Unit",
    "名单_{group}": "roster_{group}",
    "谁在多个名单中": "Who sits on several rosters",
    "至少在几份名单中": "On at least",
    "≥ {n} 份": "≥ {n} rosters",
    "没有人同时出现在这么多份名单中。": "Nobody is on that many rosters.",
    "在 {n} 份及以上名单中的人员（方块内为小组职务）": "People on {n} or more rosters (each square names the role)",
    "名单（份）": "Rosters",
    "职务（原文）": "Position (as printed)",
    "多名单人员_{n}份以上": "people_on_{n}_or_more_rosters",
    "姓名仅一字之差的 {n} 对人员：按不同的人分别统计，未合并":
        "{n} pairs of names differing by one character: counted as different people, not merged",
    "名单排版时两字姓名中间加了空格（如“刘 斌”），去掉空格后按原字比较；"
    "字不同的姓名（如 刘斌 与 刘彬）始终视为不同的人。":
        "The rosters pad two-character names with a space (“刘 斌”); names are compared without it, and names "
        "with different characters (刘斌 and 刘彬) always stay different people.",
    "按姓名查找": "Look up a name",
    "输入或选择姓名": "Type or choose a name",
    "人员_{name}": "person_{name}",
    "说明：本页内容不按镇街筛选（章丘方案不涉及济阳镇街）。{town}的全部内容见 [镇街画像]({url})。":
        "Note: this page is not filtered by town (the 章丘 plans do not concern 济阳's towns). Everything about {town} "
        "is on its [town profile]({url}).",
    "清零": "cleared to zero",
    "退出后 {n} 位": "out of the bottom {n}",
    "连续 {months} 个月": "{months} months in a row ",
    "后 {n} 位": "in the bottom {n}",
    "按期完成": "done by the deadline",
    "未写明开始日期，图中接续上一阶段": "no start date printed; drawn from the end of the previous phase",
    "原文为“即日起”，图中从最早的写明日期画起": "printed as “即日起” (from now on); drawn from the earliest printed date",
    "第 {n} 阶段": "Phase {n}",
    "%{{x}} 条任务": "%{{x}} tasks",
    "任务数（条）": "Tasks",
    "%{{y}} 项": "%{{y}}",
    "期限所在月份": "Month due",
    "承诺数（项）": "Commitments",
    "{name}（{n} 份：{roles}）": "{name} ({n}: {roles})",
    "堆积条形图": "Stacked bar chart",
    "（{parts}）": " ({parts})",
    "人员与名单网格：{title}。{people} 人 × {groups} 份名单：{items}{more}。":
        "Grid of people and rosters: {title}. {people} people × {groups} rosters: {items}{more}.",
    # ---- pages/towns.py -------------------------------------------------------------
    "济阳区每个镇街在公报中出现的全部内容：通户道路硬化的村、2021 年医保征缴任务与咨询电话、"
    "涉农资金重点项目、非物质文化遗产、在各领导小组中的成员，以及与该镇街有关的数据核对结果。":
        "Everything the bulletins say about each town of 济阳区: the villages whose roads are paved, the 2021 health "
        "insurance enrolment quota and help lines, the key projects of the agricultural funds, intangible cultural "
        "heritage, its members of the leading groups, and the data checks that concern it.",
    "选择镇街（与左侧“镇街筛选”同步）": "Choose a town (kept in step with the sidebar's town filter)",
    "全区：各镇街对比": "Whole district: compare the towns",
    "数据库中没有镇街数据。请重新构建数据：python -m loaders.build":
        "The database has no town data. Rebuild the data: python -m loaders.build",
    "各镇街一览": "All towns at a glance",
    "点击镇街名称打开该镇街的画像；也可在上方或左侧选择。":
        "Click a town's name to open its profile, or choose one above or in the sidebar.",
    "画像": "Profile",
    "类型": "Kind",
    "待硬化道路村（个）": "Villages to pave",
    "占全区（%）": "Share of district (%)",
    "重点项目（个）": "Key projects",
    "非遗项目（个）": "Heritage items",
    "领导小组成员（人）": "Leading-group members",
    "核对提示（项）": "Checks flagged",
    "镇街一览": "towns_at_a_glance",
    "道路村数来自《济南市济阳区农村通户道路硬化工程实施方案》明细表；征缴任务来自 2021 年度居民医保征缴方案；"
    "重点项目、非遗项目按文件中写明的实施地点或申报地点计入镇街；领导小组成员按职务中写明的镇街计入。":
        "Village counts come from the detail table of 《济南市济阳区农村通户道路硬化工程实施方案》; quotas from the 2021 "
        "residents' health insurance enrolment plan; key projects and heritage items count for a town where the "
        "document names it as the place of work or of the application; leading-group members where their position "
        "names the town.",
    "各镇街待硬化道路村数": "Villages with roads to pave, by town",
    "明细表未列出：{towns}（图中为 0）。": "Not in the detail table: {towns} (0 in the chart).",
    "2021 年各镇街医保征缴任务": "2021 enrolment quota by town",
    "{district}{kind}，统计用区划代码 {code}。": "{district} {kind}, statistical division code {code}.",
    "未列入": "Not listed",
    "通户道路硬化工程明细表中列出的该镇街村数": "Villages of this town listed in the road paving project's detail table",
    "占全区 {share}，在 {n} 个镇街中居第 {rank} 位": "{share} of the district; rank {rank} of {n} towns",
    "占全区征缴任务": "Share of district quota",
    "全区合计 {total}": "District total {total}",
    "位于本镇街的重点项目": "Key projects in this town",
    "非遗项目": "Heritage items",
    "领导小组中的本镇街成员": "Leading-group members from this town",
    "通户道路硬化": "Village road paving",
    "{town}没有列入通户道路硬化的村：工程明细表只列出了 {n} 个镇街中的 {covered} 个（{towns}）。":
        "{town} has no village in the road paving project: the detail table lists only {covered} of the {n} towns "
        "({towns}).",
    "查看全区通户道路硬化明细": "Road paving for the whole district",
    "明细表列出 **{town}** 的 **{n} 个村**": "The detail table lists **{n} villages** in **{town}**",
    "，与表中“个数”一致。": ", as the table's “count” says.",
    "，但表中“个数”写为 {stated} 个。": ", but the table's “count” says {stated}.",
    "名单内重复出现的村名：{names}": "Village names listed twice: {names}",
    "表格（{n} 个村，可下载）": "Table ({n} villages, downloadable)",
    "医保征缴方案没有给出{town}的任务数。": "The enrolment plan gives no quota for {town}.",
    "征缴任务 **{quota}**，占全区 {total} 的 **{share}**，在 {n} 个镇街中居第 {rank} 位。":
        "Enrolment quota **{quota}**, **{share}** of the district's {total}; rank {rank} of {n} towns.",
    "各镇街征缴任务（本镇街高亮）": "Enrolment quota by town (this town highlighted)",
    "各镇街医保征缴任务": "insurance_quota_by_town",
    "**本镇街咨询电话**": "**Help lines in this town**",
    "电话表中没有该镇街自己的单位。": "The phone list has no office of this town itself.",
    "全区通用电话": "District-wide help lines",
    "涉农资金重点项目": "Key projects of the agricultural funds",
    "2020 年度涉农资金重点项目中，没有实施地点写明在{town}的项目。":
        "No key project of the 2020 agricultural funds names {town} as its place of work.",
    "**建设内容**：": "**Works**: ",
    "**资金投入**：": "**Funding**: ",
    "**绩效目标**：": "**Performance targets**: ",
    "重点项目_{town}": "key_projects_{town}",
    "另有 {n} 个项目在各镇（街道）实施，也涉及{town}：": "{n} more projects are carried out in every town, {town} included: ",
    "非物质文化遗产（第五批区级名录）": "Intangible cultural heritage (fifth district list)",
    "第五批区级非遗名录中，项目名称和申报单位都没有写到{town}。":
        "No item of the fifth district heritage list names {town} in its title or applicant.",
    "项目名称": "Item",
    "申报单位": "Applicant",
    "非遗项目_{town}": "heritage_{town}",
    "各领导小组、专班和联席会议名单中，没有职务写明{town}的成员。":
        "No member of the leading groups, task forces or joint meetings has a position naming {town}.",
    "小组": "Group",
    "小组成员_{town}": "group_members_{town}",
    "查看全部领导小组名单（专项整治与承诺 → 人员与小组）":
        "All leading-group rosters (Campaigns and commitments → People and groups)",
    "写到本镇街的承诺与目标": "Commitments and targets naming this town",
    "两份公报的数字化承诺中，没有写到{town}的。": "No numeric commitment of the two bulletins names {town}.",
    "承诺_{town}": "commitments_{town}",
    "查看全部承诺（专项整治与承诺 → 承诺与目标）": "All commitments (Campaigns and commitments → Commitments and targets)",
    "与本镇街有关的数据核对": "Data checks concerning this town",
    "没有写到{town}的核对项。": "No data check names {town}.",
    "共 {n} 项核对写到{town}：通过 {ok} 项，": "{n} checks name {town}: {ok} passed, ",
    "不一致 {n} 项。": "{n} do not add up.",
    "没有不一致。": "none inconsistent.",
    "结果": "Result",
    "核对项": "Checked item",
    "数据核对_{town}": "data_checks_{town}",
    "[在两份公报全文中搜索“{town}”]({search})　·　[查看{town}的通户道路村名单]({roads})　·　"
    "[查看{town}的医保征缴]({insurance})":
        "[Search both bulletins for “{town}”]({search})　·　[{town}'s road paving villages]({roads})　·　"
        "[{town}'s health insurance enrolment]({insurance})",
    "文件未写明": "not stated in the document",
    # ---- pages/documents.py ---------------------------------------------------------
    "找不到文件“{doc_id}”。请从下方的文件目录中选择。": "No document “{doc_id}”. Choose one from the catalogue below.",
    "文件目录": "Catalogue",
    "输入词语或短语，如 土马河、12345、养老服务 补贴（空格分隔多个词）":
        "Words or a phrase, e.g. 土马河, 12345, 养老服务 补贴 (spaces between several words)",
    "索引覆盖 {documents} 份文件、{passages:,} 个段落、{characters:,} 字；"
    "按相邻两字和单字检索，结果按相关度（BM25）排序。":
        "The index covers {documents} documents, {passages:,} passages and {characters:,} characters; it matches "
        "pairs of adjacent characters and single characters, and ranks results by relevance (BM25).",
    "没有找到“{query}”。可以换一个说法，或只输入其中两三个字。":
        "Nothing found for “{query}”. Try other words, or just two or three of its characters.",
    "找到 **{hits}** 个相关段落，分布在 **{docs}** 份文件中": "**{hits}** matching passages in **{docs}** documents",
    "（只显示最相关的前 {n} 个）": " (only the {n} most relevant are shown)",
    "数据表中也有“{query}”（{n} 个表）": "“{query}” also appears in the data tables ({n} tables)",
    "匹配行数": "Matching rows",
    "示例": "Example",
    "在“数据”页可以查看表结构、下载整表，或用 SQL 控制台查询这些行。":
        "The Data page shows the tables' structure, downloads whole tables, and queries these rows in the SQL console.",
    "第 {line} 行 · 相关度 {score:.1f}": "line {line} · relevance {score:.1f}",
    "全部": "All",
    "发文机关": "Issuer",
    "标题或文号包含": "Title or 文号 contains",
    "如 医保、政办字": "e.g. 医保, 政办字",
    "文号": "文号 (document no.)",
    "标题": "Title",
    "成文日期": "Signed on",
    "页码": "Pages",
    "核对警告": "Check warnings",
    "阅读": "Read",
    "打开原文": "Open text",
    "该文件中数字核对不一致的项数（见“数据”页）": "Checks of this document's figures that do not add up (see the Data page)",
    "返回文件库": "Back to the library",
    "全部 {editions} 期公报的 {documents} 份文件：目录、全文检索和按行号引用的原文。应用中每一处“查看原文”都链接到这里的具体行。":
        "All {documents} documents of the {editions} editions loaded: a catalogue, full-text search, and the text "
        "itself, cited by line. Every “View source text” link in the app opens the exact line here.",
    "全文检索": "Full-text search",
    "检索范围：{scope}。": " Searched: {scope}.",
    "全部 {n} 期": "all {n} editions",
    "{n} 期：{names}": "{n} edition(s): {names}",
    "各期段落数：{counts}": "Passages per edition: {counts}",
    "没有符合筛选的期次": "no edition matches the filters",
    "、**{editions}** 期公报": " of **{editions}** edition(s)",
    "{edition}：{n} 个段落": "{edition}: {n} passages",
    "结果排列": "Arrange results",
    "按相关度": "By relevance",
    "按期次分组": "Grouped by edition",
    "区县 · 期次": "District · edition",
    "全部类型": "All kinds",
    "全部期次": "All editions",
    "全部年份": "All years",
    "{year}年": "{year}",
    "共 {n} 份文件（全部 {total} 份），来自 {editions} 期。点击“阅读”打开原文。":
        "{n} documents (of {total}) from {editions} edition(s). Click “Read” to open the text.",
    "没有符合这些筛选的文件。清除一个筛选条件再试。": "No document matches these filters. Clear one of them and try again.",
    # ---- ui/paging.py -------------------------------------------------------------
    "页码（共 {pages} 页）": "Page (of {pages})",
    "第 {first}–{last} 条，共 {total} 条": "Rows {first}–{last} of {total}",
    "下载 CSV（全部匹配行）": "Download CSV (all matching rows)",
    "下载 Excel（全部匹配行）": "Download Excel (all matching rows)",
    "（无文号）": "(no 文号)",
    "公报页码": "Bulletin pages",
    "第 {n} 页": "p. {n}",
    "第 {first}–{last} 页": "pp. {first}–{last}",
    "第 {n} 行": "line {n}",
    "第 {first}–{last} 行": "lines {first}–{last}",
    "{bulletin} · 文件 ID：{doc_id}": "{bulletin} · document ID: {doc_id}",
    " · 数据核对 {checks} 项，其中警告 {warnings} 项": " · {checks} data checks, {warnings} warnings",
    "第 {line} 行不在本文件内（本文件为原文第 {first}–{last} 行），已显示全文。":
        "Line {line} is not in this document (it spans source lines {first}–{last}); the whole text is shown.",
    "**第 {line} 行**（已在下方原文中标出）": "**Line {line}** (marked in the text below)",
    "**引用**（右上角按钮可复制）": "**Citation** (copy with the button at the top right)",
    "在本文件中查找": "Find in this document",
    "如 资金、责任单位、2020年12月": "e.g. 资金, 责任单位, 2020年12月",
    "本文件中有 {n} 处相关段落。": "{n} matching passages in this document.",
    "本文件中没有找到。": "Not found in this document.",
    "原文按行显示：行号即原始文本的行号（空行与分页处略去，行号照常连续计数）；"
    "Markdown 标记已去掉，表格单元格以“│”分隔。":
        "The text line by line: the numbers are the raw text's line numbers (blank lines and page breaks are left "
        "out, the numbering keeps counting); Markdown marks are removed, table cells are separated by “│”.",
    # ---- pages/data.py --------------------------------------------------------------
    "看板使用的全部数据表：每个表、每一列的含义，整表下载（CSV、Excel、Parquet），"
    "每一项数字核对的结果，以及一个只读的 SQL 查询窗口。":
        "Every table behind the dashboard: what each table and column means, whole-table downloads (CSV, Excel, "
        "Parquet), the result of every check of the documents' figures, and a read-only SQL console.",
    "数据字典与下载": "Dictionary and downloads",
    "数据核对": "Data checks",
    "SQL 控制台": "SQL console",
    "数据库共 **{tables}** 个表、**{rows:,}** 行，构建于 {built}。金额为万元，DECIMAL(18,6) 精确存储；"
    "事实表都带 `doc_id` 与 `line`，指向原文的文件与行。":
        "The database holds **{tables}** tables and **{rows:,}** rows, built {built}. Amounts are in 万元, stored "
        "exactly as DECIMAL(18,6); every fact table carries `doc_id` and `line`, pointing to the document and line "
        "of the source text.",
    "行数": "Rows",
    "列数": "Columns",
    "下载说明：CSV 为 UTF-8（带 BOM，Excel 可直接打开中文）；CSV/Excel 中以 = + - @ 开头的文字前加了单引号，"
    "防止被当作公式执行；Parquet 保留原始类型（金额为精确小数）。":
        "Downloads: CSV is UTF-8 with a BOM (Excel opens the Chinese text directly); in CSV and Excel, text starting "
        "with = + - @ gets a leading apostrophe so it is never run as a formula; Parquet keeps the original types "
        "(amounts as exact decimals).",
    "（{rows:,} 行，{columns} 列）": " ({rows:,} rows, {columns} columns)",
    "列": "Column",
    "可空": "Nullable",
    "错误": "Error",
    "警告": "Warning",
    "通过": "Passed",
    "{n:,} 项": "{n:,}",
    "警告（数字对不上）": "Warnings (figures do not add up)",
    "文件中写明的合计、占比、个数和增速，都按明细重新计算并核对。**警告**表示文件自身的数字对不上"
    "（看板如实显示，不做更正）；**错误**表示无法读取。":
        "Every total, share, count and growth rate stated in the documents is recomputed from the details and "
        "checked. A **warning** means the document's own figures do not add up (shown as printed, not corrected); "
        "an **error** means the figure could not be read.",
    "所选类别中没有核对项。": "No checks in the chosen categories.",
    "核对对象": "Subject",
    "计算结果": "Computed",
    "模块": "Module",
    "检查 ID": "Check ID",
    "数据核对报告": "data_quality_report",
    "按模块统计": "Counts by module",
    "在只读数据库上运行一条 **SELECT**（可用 WITH）。只能查询看板的数据表，使用常用的计算、文本、日期、"
    "列表和聚合函数；超过 **{seconds:g} 秒**自动中止，最多显示 **{rows:,} 行**、**{mb} MB**，"
    "每个单元格最多 **{chars:,}** 个字符。表名和列名见“数据字典与下载”。":
        "Run one **SELECT** (WITH allowed) on the read-only database. Only the dashboard's tables and ordinary "
        "arithmetic, text, date, list and aggregate functions can be used; a query is stopped after "
        "**{seconds:g} seconds**, and at most **{rows:,} rows** and **{mb} MB** are shown, **{chars:,}** "
        "characters per cell. Table and column names are under “Dictionary and downloads”.",
    "示例查询": "Example query",
    "（自己编写）": "(write your own)",
    "涉农资金：各来源金额与占比（市级资金占多少）": "Agricultural funds: amount and share of each source (how much is city money)",
    "通户道路：各镇街列出的村数": "Village roads: villages listed per town",
    "专项整治：各部门牵头 / 责任 / 配合的任务数": "Campaigns: tasks each unit leads / is responsible for / cooperates on",
    "文件：每份公报的文件数与原文行数": "Documents: documents and source lines per bulletin",
    "数据核对：按严重程度与模块计数": "Data checks: counts by severity and module",
    "只读查询，例如：SELECT town_name, quota_persons …": "A read-only query, e.g. SELECT town_name, quota_persons …",
    "运行查询": "Run query",
    "数据库返回的信息：{detail}": "The database said: {detail}",
    "查询结果": "query_result",
    # ---- SQL console messages (store/sql_console.py; msgids are the Chinese text) ----------
    "结果已过期，请重新运行查询": "Result expired, run the query again",
    "这次查询的结果已不在内存中（服务器只保留最近的几次结果），请再运行一次。":
        "This query's result is no longer held (the server keeps only the latest few results); run it again.",
    "结果超过 {mb} MB，只显示前 {rows:,} 行（{seconds:.2f} 秒）。请少选几列、加上 WHERE 条件或聚合。":
        "The result is over {mb} MB; only the first {rows:,} rows are shown ({seconds:.2f} s). Select fewer "
        "columns, add a WHERE condition or aggregate.",
    "结果超过 {cap:,} 行，只显示前 {cap:,} 行（{seconds:.2f} 秒）。请加上 WHERE 条件或聚合。":
        "The result has more than {cap:,} rows; only the first {cap:,} are shown ({seconds:.2f} s). Add a WHERE "
        "condition or aggregate.",
    "{rows:,} 行，用时 {seconds:.2f} 秒": "{rows:,} rows in {seconds:.2f} s",
    "{n:,} 个单元格超过 {chars:,} 个字符，只显示前 {chars:,} 个字符。":
        "{n:,} cells are longer than {chars:,} characters; only their first {chars:,} characters are shown.",
    "结果的第一行就超过 {mb} MB（例如很长的列表），无法显示。请少选几列或先聚合。":
        "The first row alone is over {mb} MB (a very long list, say) and cannot be shown. Select fewer columns or "
        "aggregate first.",
    "只读控制台不能写入数据（INSERT）。": "The read-only console cannot write data (INSERT).",
    "只读控制台不能修改数据（UPDATE）。": "The read-only console cannot change data (UPDATE).",
    "只读控制台不能删除数据（DELETE）。": "The read-only console cannot delete data (DELETE).",
    "只读控制台不能建表、建视图或建函数（CREATE 等 DDL 语句）。":
        "The read-only console cannot create tables, views or functions (CREATE and other DDL).",
    "只读控制台不能删除表或其他对象（DROP 等 DDL 语句）。":
        "The read-only console cannot drop tables or other objects (DROP and other DDL).",
    "只读控制台不能修改表结构（ALTER 等 DDL 语句）。": "The read-only console cannot change a table's structure (ALTER and other DDL).",
    "控制台不能挂载其他数据库（ATTACH）。": "The console cannot attach other databases (ATTACH).",
    "控制台不能卸载数据库（DETACH）。": "The console cannot detach databases (DETACH).",
    "控制台不能导入或导出文件（COPY）。请用“数据表下载”获取 CSV、Excel 或 Parquet。":
        "The console cannot import or export files (COPY). Use the table downloads for CSV, Excel or Parquet.",
    "控制台不能导出数据库（EXPORT）。请用“数据表下载”。": "The console cannot export the database (EXPORT). Use the table downloads.",
    "控制台不能安装或加载扩展（INSTALL / LOAD）。": "The console cannot install or load extensions (INSTALL / LOAD).",
    "控制台不能执行 PRAGMA 语句。表结构请看上方的数据字典，或用 DESCRIBE 表名。":
        "The console cannot run PRAGMA statements. See the data dictionary above for table structures, or use "
        "DESCRIBE table.",
    "控制台不能修改设置（SET / RESET / USE）。": "The console cannot change settings (SET / RESET / USE).",
    "控制台不能执行 CALL 语句。": "The console cannot run CALL statements.",
    "控制台不需要事务语句（BEGIN / COMMIT / ROLLBACK）。": "The console needs no transaction statements (BEGIN / COMMIT / ROLLBACK).",
    "只读控制台不能执行 VACUUM / CHECKPOINT。": "The read-only console cannot run VACUUM / CHECKPOINT.",
    "只读控制台不能执行 ANALYZE。": "The read-only console cannot run ANALYZE.",
    "只允许一条 SELECT（或 WITH … SELECT）查询，收到的是 {kind} 语句。":
        "Only one SELECT (or WITH … SELECT) query is allowed; this is a {kind} statement.",
    "查询超过 {seconds:g} 秒，已中止。请缩小范围：加上 WHERE 条件、避免没有连接条件的多表连接。":
        "The query ran over {seconds:g} seconds and was stopped. Narrow it down: add a WHERE condition and avoid "
        "joining tables without a join condition.",
    "查询所需内存或计算量超过上限，已中止。请缩小范围。":
        "The query needed more memory or computation than allowed and was stopped. Narrow it down.",
    "请输入一条 SELECT 查询。": "Enter one SELECT query.",
    "查询太长（{chars:,} 个字符，上限 {limit:,}）。": "The query is too long ({chars:,} characters; the limit is {limit:,}).",
    "SQL 语法错误，请检查拼写、括号和引号。": "SQL syntax error: check spelling, brackets and quotes.",
    "没有可执行的语句（只有注释？）。": "There is no statement to run (only comments?).",
    "一次只能运行一条查询，这里有 {n} 条（用分号隔开）。":
        "Only one query can run at a time; there are {n} here (separated by semicolons).",
    "控制台不支持这种写法（{what}）。只能运行一条普通的 SELECT 查询。":
        "The console does not support this construct ({what}). Only one plain SELECT query can run.",
    "查询嵌套层数太多，请简化。": "The query is nested too deeply; simplify it.",
    "不允许调用 {name}()：控制台只能使用常用的计算、文本、日期、列表和聚合函数，不能调用读取文件、查看服务器配置或执行其他 SQL 的函数。":
        "{name}() is not allowed: the console offers ordinary arithmetic, text, date, list and aggregate functions, "
        "not functions that read files, show the server's configuration or run other SQL.",
    "不允许带库名或模式名调用函数（{name}）。直接写函数名即可。":
        "Functions cannot be called with a catalog or schema name ({name}). Write the function name alone.",
    "不能列出数据库或表清单（SHOW …）。表名和列名请看“数据字典与下载”。":
        "The console cannot list databases or tables (SHOW …). Table and column names are under “Dictionary and "
        "downloads”.",
    "不能查询“{name}”：控制台只能查询看板的数据表（表名见“数据字典与下载”）。":
        "“{name}” cannot be queried: the console queries only the dashboard's tables (their names are under "
        "“Dictionary and downloads”).",
    "不允许在 FROM 中调用 {name}()：控制台只能查询看板的数据表（另可用 range、generate_series、unnest 生成行）。":
        "{name}() cannot be called in FROM: the console queries only the dashboard's tables (range, "
        "generate_series and unnest can make rows).",
    "控制台正忙：已有 {n} 条查询在运行，请稍后再试。": "The console is busy: {n} queries are running. Try again shortly.",
    "控制台禁止访问外部文件、网络和扩展。只能查询数据库中的表。":
        "The console has no access to files, the network or extensions. Only the database's tables can be queried.",
    "找不到这个表、列或函数。表名和列名请看上方的数据字典。":
        "No such table, column or function. Table and column names are in the data dictionary above.",
    "列名或表达式有误（例如列名拼错、聚合缺少 GROUP BY）。":
        "A column name or expression is wrong (a misspelt column, say, or an aggregate without GROUP BY).",
    "查询所需内存超过上限（{limit}），已中止。请缩小范围。":
        "The query needed more memory than allowed ({limit}) and was stopped. Narrow it down.",
    "数据类型转换或输入有误。": "A type conversion or an input value is wrong.",
    "查询失败。": "The query failed.",
    "查询失败（程序错误）。": "The query failed (a program error).",

    # ---- hotline import: messages of hotline/reader.py, xlsx_guard.py, values.py, validate.py (hotline.msg.Msg)
    # and the import/scores parts of pages/hotline.py (issue 13, points 3 and 4)
    "考评得分与排名": "Composite scores and ranks",
    "考评得分": "Composite scores",
    "考评指标": "Scored as",
    "得分": "Score",
    "满分": "Full mark",
    "工单数": "Tickets",
    "期间": "Period",
    "得分（满分）": "Score (of full mark)",
    "得分率（%）": "Score as % of full mark",
    "组内排名": "Rank in group",
    "行号": "Row",
    "列名": "the column name",
    "填写": "what was typed",
    "表格标题": "the table title",
    "同一单位同一月份": "same unit, same month",
    "同一月份同一指标": "same month, same indicator",
    "同一专项同一月份": "same drive, same month",
    "同一单位同一期间同一分组": "same unit, period and group",
    "表格": "table",
    "{first}至{last}累计": "{first} to {last}, cumulative",
    "上级通报的考评得分：每个分组单独排名，满分按通报（如 100 分、150 分）；期间可以是单月，也可以是累计"
    "（如 1—4月）。得分率 = 得分 ÷ 满分，只用于比较不同满分的表。":
        "Composite scores as published: each group is ranked on its own, on the published full mark (e.g. 100 or "
        "150 points); a period is a month or cumulative (e.g. Jan–Apr). Score % = score ÷ full mark, only to compare "
        "tables with different full marks.",
    "12345热线_{period}_考评得分": "hotline_{period}_composite_scores",
    "尚无考评得分。在“导入与录入”中导入通报的考评得分与排名后在此显示。":
        "No composite scores yet. Import a published ranking under “Import and entry” and it shows here.",
    "不分组": "Not grouped",
    "工作表": "Worksheet",
    "本文件有多个工作表像热线数据：一次导入一个。": "Several worksheets of this file look like hotline data: import one at a time.",
    "确认导入这 {n} 个单位": "Yes, import these {n} units",
    "本文件的月份或期间": "Month or period of this file",
    "如 2025年7月；累计如 2025年1—4月": "e.g. 2025年7月; cumulative e.g. 2025年1—4月",
    "文件没有“月份”列。不填时取表格标题或文件名中的月份（预览中会注明）。":
        "The file has no 月份 (month) column. If left empty, the month in the table title or file name is used "
        "(the preview says so).",
    "如 100 或 150": "e.g. 100 or 150",
    "考评得分的满分。不填时取列名或标题中的“满分”，都没有则按 100 分（预览中会注明）。":
        "Full mark of the composite score. If left empty, a 满分 in a column name or the title is used, else 100 "
        "(the preview says so).",
    "如 县、区/功能区；不填为不分组": "e.g. 县 (counties), 区/功能区 (districts); empty: not grouped",
    "排名所在的组（名次只在组内比较）。": "The peer group the ranks belong to (ranks compare only within a group).",
    # reader / guard
    "无法识别文件编码：请另存为 UTF-8 或 GBK 编码的 CSV，或直接上传 Excel（.xlsx）文件":
        "The file's encoding is not recognised: save it as a UTF-8 or GBK CSV, or upload the Excel (.xlsx) file.",
    "文件行数过多（超过 {limit:,} 行）：每次只导入一个或几个月的数据":
        "Too many rows (more than {limit:,}): import one or a few months at a time.",
    "本文件有 {n} 个工作表，只导入了「{sheet}」；其余 {skipped} 个未导入：{names}":
        "This file has {n} worksheets; only 「{sheet}」 is imported, the other {skipped} are not: {names}",
    "文件是 UTF-32 编码（表格软件很少这样导出）：请另存为 UTF-8 CSV 或 .xlsx 文件":
        "The file is UTF-32 encoded (spreadsheets rarely export that): save it as a UTF-8 CSV or an .xlsx file.",
    "这是旧版 .xls 文件或加了密码的 Excel 文件：请在 Excel 中另存为不加密的 .xlsx 或 CSV 后上传":
        "This is an old .xls file or a password-protected Excel file: save it in Excel as an unencrypted .xlsx or "
        "CSV, then upload that.",
    "Excel 文件里没有工作表": "The Excel file has no worksheet.",
    "文件为空": "The file is empty.",
    "文件过大（{size:.1f} MB，上限 {limit} MB）：月度热线数据通常只有几十 KB，请确认选对了文件":
        "The file is too large ({size:.1f} MB, limit {limit} MB): a month of hotline figures is usually a few tens "
        "of KB. Check that this is the right file.",
    "文件列数过多（{width} 列，上限 {limit} 列）：请只保留需要导入的列":
        "Too many columns ({width}, limit {limit}): keep only the columns to import.",
    "第{first}—{last}行是两行表头（合并单元格），已合并读取为：{names}":
        "Rows {first}–{last} are a two-row header (merged cells), read together as: {names}",
    "表格左右并排了 {k} 组相同的列（{names}），已拆开按一组一行读取；行号后注明是哪一组，如「{example}」":
        "The table prints {k} identical groups of columns side by side ({names}); they are read one group per row, "
        "and each row number says which group, e.g. 「{example}」.",
    "CSV 格式有误（第{line}行附近）：多半是某个单元格的引号没有配对。请在表格软件中检查该行后重新导出":
        "The CSV is malformed (near line {line}): most likely a cell's quote is not closed. Check that line in your "
        "spreadsheet and export again.",
    "无法读取 Excel 文件（{error}）：请确认是 .xlsx 格式且未加密":
        "The Excel file cannot be read ({error}): check that it is an unencrypted .xlsx file.",
    "工作表「{sheet}」中有 {n} 个公式单元格没有保存计算结果，例如 {cells}：请用 Excel 打开并保存后再上传，或把公式改成数值":
        "Worksheet 「{sheet}」 has {n} formula cells without a stored result, e.g. {cells}: open and save it in Excel "
        "before uploading, or replace the formulas by values.",
    "不支持旧版 .xls 文件：请在 Excel 中另存为 .xlsx 或 CSV": "Old .xls files are not supported: save as .xlsx or CSV in Excel.",
    "文件标记为 UTF-16 编码，但内容不完整或已损坏：请重新导出为 UTF-8 CSV 或 .xlsx 文件":
        "The file is marked UTF-16 but is incomplete or damaged: export it again as a UTF-8 CSV or an .xlsx file.",
    "文件开头标记为 UTF-8，但内容不是 UTF-8（可能是 GBK）：请整份另存为 UTF-8 CSV 或 .xlsx":
        "The file starts with a UTF-8 mark but is not UTF-8 (perhaps GBK): save the whole file as a UTF-8 CSV or "
        ".xlsx.",
    "CSV 第{line}行附近有一个单元格超过 {limit:,} 个字符，不像热线数据：请检查该行":
        "A cell near line {line} of the CSV is longer than {limit:,} characters, which is not hotline data: check "
        "that line.",
    "工作表「{sheet}」不存在或无法读取": "Worksheet 「{sheet}」 does not exist or cannot be read.",
    "无法读取 Excel 文件（文件已损坏或不完整）：请确认是 .xlsx 格式且未加密":
        "The Excel file cannot be read (damaged or incomplete): check that it is an unencrypted .xlsx file.",
    "Excel 文件内含 DTD 或实体声明（正常的 Excel 文件没有）：为安全起见不读取。请在 Excel 中另存为新的 .xlsx 后上传":
        "The Excel file contains a DTD or entity declaration (real Excel files have none): it is not read, for "
        "safety. Save it in Excel as a new .xlsx and upload that.",
    "无法读取 Excel 文件（文件里没有工作簿）：请确认是 .xlsx 格式且未加密":
        "The Excel file cannot be read (it holds no workbook): check that it is an unencrypted .xlsx file.",
    "Excel 文件的 {part} 部分格式有误（{error}）：文件已损坏，请在 Excel 中重新保存后上传":
        "Part {part} of the Excel file is malformed ({error}): the file is damaged; save it again in Excel and "
        "upload that.",
    "工作表「{sheet}」有数据的行超过 {limit:,} 行：文件行数过多，每次只导入一个或几个月的数据":
        "Worksheet 「{sheet}」 has more than {limit:,} rows with data: too many rows; import one or a few months at "
        "a time.",
    "Excel 文件中的不同文本超过 {limit:,} 个，不像月度热线数据：请只保留需要导入的工作表":
        "The Excel file holds more than {limit:,} different texts, which is not a month of hotline data: keep only "
        "the worksheets to import.",
    "Excel 文件中有一段文本超过 {limit:,} 个字符（Excel 单元格的上限）：不像热线数据，请检查是否有单元格粘贴了大段内容":
        "A text in the Excel file is longer than {limit:,} characters (Excel's limit for a cell), which is not "
        "hotline data: check for a cell with a large paste.",
    "Excel 文件内部的部件超过 {limit:,} 个，不像月度热线数据":
        "The Excel file has more than {limit:,} internal parts, which is not a month of hotline data.",
    "Excel 文件解压后超过 {mb} MB（其中「{part}」{size:.0f} MB），不像月度热线数据：请只保留需要导入的工作表":
        "Unzipped, the Excel file exceeds {mb} MB (「{part}」 alone is {size:.0f} MB), which is not a month of "
        "hotline data: keep only the worksheets to import.",
    "Excel 文件有 {n} 个以上工作表（上限 {limit} 个）：请只保留需要导入的工作表":
        "The Excel file has more than {n} worksheets (limit {limit}): keep only the worksheets to import.",
    "工作表「{sheet}」的单元格 {ref} 在第 {col:,} 列：文件列数过多（上限 {limit} 列），请删除该单元格或多余的列后重新上传":
        "Cell {ref} of worksheet 「{sheet}」 is in column {col:,}: too many columns (limit {limit}); delete that cell "
        "or the extra columns and upload again.",
    "工作表「{sheet}」的单元格 {ref} 在第 {row:,} 行，远在数据下方（上限第 {limit:,} 行）：请删除该单元格（或整行）后重新上传":
        "Cell {ref} of worksheet 「{sheet}」 is in row {row:,}, far below the data (limit: row {limit:,}): delete "
        "that cell (or row) and upload again.",
    "Excel 文件中有内容的单元格超过 {limit:,} 个，不像月度热线数据：请只保留需要导入的工作表和列":
        "The Excel file has more than {limit:,} filled cells, which is not a month of hotline data: keep only the "
        "worksheets and columns to import.",
    "工作表「{sheet}」的单元格 {ref} 超过 {limit:,} 个字符（Excel 单元格的上限）：不像热线数据，请检查该单元格":
        "Cell {ref} of worksheet 「{sheet}」 is longer than {limit:,} characters (Excel's limit for a cell), which is "
        "not hotline data: check that cell.",
    "Excel 文件的行数（含带格式的空行）超过 {limit:,} 行：请删除多余的行或只保留需要导入的工作表":
        "The Excel file has more than {limit:,} rows (formatted empty rows included): delete the extra rows or keep "
        "only the worksheets to import.",
    # validate
    "以下 {n} 个单位不在已知的{scope}名单中：{names}。请确认它们确实是要记录的单位（而不是写错的名称或其他地方的表格），确认后才能写入":
        "These {n} units are not in the known list of {scope}: {names}. Confirm that they are units to record (not "
        "misspellings, nor another place's table); only then can the file be written.",
    "章丘区镇街、部门或济南市区县": "章丘 towns and departments or 济南 districts and counties",
    "章丘区镇街和部门": "章丘 towns and departments",
    "（可在“列对应”中指定）": " (can be set under “Column mapping”)",
    "文件中没有写明满分，按满分 100 分记录（若不是，请在“满分”中填写）":
        "The file states no full mark: scores are recorded out of 100 (if not, enter the full mark under 满分).",
    "第{row}行：{problem}": "Row {row}: {problem}",
    "文件没有“月份”列，按填写的期间 {label} 读取": "The file has no month column: read as the period typed, {label}.",
    "文件没有“月份”列，期间取自文件名「{name}」：{label}": "The file has no month column: the period comes from the file name 「{name}」: {label}.",
    "（可在“列对应”中指定；文件中没有月份时，也可在标题或文件名中写明，或在“本文件的月份”中填写，如 2025年7月）":
        " (can be set under “Column mapping”; without a month column, the month may also be written in the title or "
        "file name, or typed under “Month or period of this file”, e.g. 2025年7月)",
    "缺少必需的列：{missing}{hint}": "Required columns missing: {missing}{hint}",
    "文件只有表头，没有数据行": "The file has a header but no data rows.",
    "以下 {n} 行是合计/平均行，未作为单位导入：{rows}": "These {n} rows are totals or averages and are not imported as units: {rows}",
    "单位名称统一为一种写法：{pairs}": "Unit names put into their one spelling: {pairs}",
    "{n}行没有填写分组，已按单位名称判断（已知单位按名单，其余以“街道”“镇”结尾为镇街，其余为部门）":
        "{n} rows have no group: it is taken from the unit (known units from the list; other names ending in 街道 or "
        "镇 are towns, the rest departments).",
    "以下列未导入：{columns}": "These columns are not imported: {columns}",
    "文件没有可导入的数据行": "The file has no row that can be imported.",
    "得分最高 {top}，超过 100，文件中没有写明满分：请在“满分”中填写（如 150），或在文件中加一列“满分”":
        "The highest score is {top}, above 100, and the file states no full mark: enter it under 满分 (e.g. 150), "
        "or add a 满分 column to the file.",
    "文件没有“月份”列，期间取自表格标题「{title}」：{label}": "The file has no month column: the period comes from the table title 「{title}」: {label}.",
    "满意率和解决率都为空": "Both satisfaction and resolution are empty.",
    "本月化解 {done} 大于 期初未化解+本月新增 {open}": "Resolved this month {done} exceeds open at start + new {open}.",
    "列「{header}」对应的字段「{name}」不属于{kind}": "Column 「{header}」 is mapped to 「{name}」, which does not belong to {kind}.",
    "列「{headers}」都对应「{label}」，请只保留一列": "Columns 「{headers}」 are all mapped to 「{label}」: keep only one.",
    "合计/平均行，不作为单位导入": "a total or average row, not imported as a unit",
    "得分的满分为 {scale} 分（取自{source}）": "Scores are out of {scale} (from {source}).",
    "期间按 {label} 记录（{first}至{last}的累计数据，不是单月）":
        "The period is recorded as {label} (cumulative from {first} to {last}, not one month).",
    "{label}：第{rows}行的数值不大于1，已按比例读作百分数（如 0.953 → 95.3%）":
        "{label}: the values in rows {rows} are not above 1 and are read as ratios (e.g. 0.953 → 95.3%).",
    "{label}：第{rows}行的逗号按小数点读取（如 95,3% → 95.3%）":
        "{label}: in rows {rows} the comma is read as a decimal point (e.g. 95,3% → 95.3%).",
    "列「{first}」和「{header}」都像是「{label}」，但内容不同：请删除多余的一列后重新上传":
        "Columns 「{first}」 and 「{header}」 both look like 「{label}」 but differ: delete the extra one and upload again.",
    "没有排名数据": "No ranking figures.",
    "参与排名单位数为0": "The number of ranked units is 0.",
    "期间 {label} 是累计数据，不是单月：本类数据按月记录，请填写单月；累计的考评得分与排名请选数据类型“考评得分与排名”导入":
        "The period {label} is cumulative, not one month: this kind is recorded month by month, enter one month; "
        "import cumulative scores and ranks as the kind “Composite scores and ranks”.",
    "单位「{old}」记为「{new}」": "unit 「{old}」 recorded as 「{new}」",
    "得分 {score} 超过满分 {scale}": "Score {score} exceeds the full mark {scale}.",
    "与第{others}行重复（{what}）": "Duplicates row {others} ({what}).",
    "{indicator}的全市排名为空": "The city rank of {indicator} is empty.",
    "{label}为空": "{label} is empty.",
    "{indicator}排名 {rank} 大于参与排名单位数 {n}": "{indicator} rank {rank} exceeds the number ranked, {n}.",
    "本月办结 {done} 大于 期初未办结+本月新增 {open}": "Closed this month {done} exceeds open at start + new {open}.",
    "期末未办结 {end} 与 期初+新增−办结 = {expected} 不符": "Open at end {end} differs from start + new − closed = {expected}.",
    # values
    "{label}「{raw}」不大于1，按比例读作 {value}%": "{label} 「{raw}」 is not above 1 and is read as a ratio: {value}%",
    "{label}「{raw}」中的逗号按小数点读取：{value}": "In {label} 「{raw}」 the comma is read as a decimal point: {value}",
    "{label}「{raw}」中的逗号按小数点读取：{value}%": "In {label} 「{raw}」 the comma is read as a decimal point: {value}%",
    "分组「{text}」只能是{a}或{b}": "Group 「{text}」 must be {a} or {b}.",
    "口径「{text}」只能是{a}或{b}": "Basis 「{text}」 must be {a} or {b}.",
    "指标「{text}」只能是{choices}": "Indicator 「{text}」 must be {choices}.",
    "{label}「{text}」不是数字": "{label} 「{text}」 is not a number.",
    "{label}「{text}」过大，不像实际数字": "{label} 「{text}」 is too large to be a real figure.",
    "{label}「{raw}」为负数": "{label} 「{raw}」 is negative.",
    "{label}「{raw}」超过100%": "{label} 「{raw}」 is above 100%.",
    "{label}「{raw}」过大，不像考评得分": "{label} 「{raw}」 is too large for a composite score.",
    "{label}「{raw}」不是分数（应写成 100 或 150）": "{label} 「{raw}」 is not a mark (write 100 or 150).",
    "{label}「{raw}」不在 1 到 {limit} 之间": "{label} 「{raw}」 is not between 1 and {limit}.",
    "{label}「{raw}」不是整数": "{label} 「{raw}」 is not a whole number.",
    "{label}「{raw}」过大，不像实际数量": "{label} 「{raw}」 is too large to be a real count.",
    "{label}「{raw}」应从1开始": "{label} 「{raw}」 must start at 1.",
    "月份「{text}」不存在": "Month 「{text}」 does not exist.",
    "月份为空": "The month is empty.",
    "月份「{text}」无法识别，请写成 2025年7月 或 2025-07": "Month 「{text}」 is not recognised: write 2025年7月 or 2025-07.",
    "月份「{text}」是{label}的数据，不是单月：本类数据按月记录，请写单月（如 {example}）；累计的考评得分与排名请选数据类型“考评得分与排名”导入":
        "Month 「{text}」 is {label}, not one month: this kind is recorded month by month, write one month (e.g. "
        "{example}); import cumulative scores and ranks as the kind “Composite scores and ranks”.",
    "{label}过长（{n:,} 个字，上限 {limit} 个）：不像{label}，请检查该单元格":
        "{label} is too long ({n:,} characters, limit {limit}): not a real {label}; check that cell.",
    "分组过长（{n:,} 个字）：请检查该单元格": "The group is too long ({n:,} characters): check that cell.",
    "{label}「{raw}」读作 {value}，超过100%（逗号按千位分隔符读取；如果逗号是小数点，请改成 {hint}）":
        "{label} 「{raw}」 reads as {value}, above 100% (the comma is read as a thousands separator; if it is a "
        "decimal point, write {hint}).",
    "{label}「{raw}」不是整数（逗号按小数点读取；千位分隔请每三位一个逗号，如 1,200）":
        "{label} 「{raw}」 is not a whole number (the comma is read as a decimal point; a thousands separator comes "
        "every three digits, e.g. 1,200).",
    "期间「{text}」的结束月份早于开始月份": "Period 「{text}」 ends before it starts.",
    "月份「{text}」缺少年份，请写成 2025年7月 或 2025-07": "Month 「{text}」 has no year: write 2025年7月 or 2025-07.",
    "「{text}」可能是日期（{year}年{start}月{end}日），也可能是 {year}年{start}—{end}月：请写成 {year}年{start}月 或 {year}年{start}—{end}月":
        "「{text}」 could be a date ({year}-{start}-{end}) or the months {start} to {end} of {year}: write "
        "{year}年{start}月 or {year}年{start}—{end}月.",
    # ---- 添加公报 (pages/add.py)
    "添加公报": "Add a bulletin",
    "编辑上传新一期公报（.txt、.docx 或带文字层的 .pdf）：先预览读出的文件、数据表和逐行核对结果，确认后发布。原文件原样保存在原始目录并登记；数据库在后台重建，完成前各页面照常显示原有数据。":
        "An editor uploads a new bulletin (.txt, .docx or a .pdf with a text layer), previews the documents, tables "
        "and line-by-line checks read from it, then publishes. The file is kept unchanged in the raw folder and "
        "registered; the database is rebuilt in the background and every page shows the current data until it is ready.",
    "**添加公报 · 编辑登录**": "**Add a bulletin · editor sign-in**",
    "区县": "District",
    "区划代码": "Division code",
    "年份": "Year",
    "期号": "Issue",
    "出版日期": "Published",
    "公报 ID": "Bulletin ID",
    "预览：{title}": "Preview: {title}",
    "读出的文件": "Documents found",
    "{n} 份": "{n}",
    "数据表": "Tables",
    "{n} 张": "{n}",
    "核对通过": "Checks passed",
    "{n} 项": "{n}",
    "提示、警告与错误": "Notes, warnings and errors",
    "，{n} 页": ", {n} pages",
    "{name}：{size} 字节{pages}，读出 {lines} 行文字；sha256 {sha}": "{name}: {size} bytes{pages}, {lines} lines of text read; sha256 {sha}",
    "**读出的文件**": "**Documents found**",
    "**提取的数据表**": "**Tables extracted**",
    "**核对结果：每一条提示、警告与错误及其行号**": "**Checks: every note, warning and error with its line**",
    "原始目录和数据库都没有改动。": "Nothing was changed: neither the raw folder nor the database.",
    "公报文件（.txt、.docx 或 .pdf，不超过 {mb} MB）": "Bulletin file (.txt, .docx or .pdf, at most {mb} MB)",
    "单个文件不超过 {mb} MB。扫描版 PDF 没有文字层，请先做文字识别（OCR）再上传。":
        "One file of at most {mb} MB. A scanned PDF has no text layer: run text recognition (OCR) on it first.",
    "发布这一期": "Publish this edition",
    "添加公报需要编辑登录（见左侧栏）。访客可以浏览和下载全部已发布的公报。":
        "Adding a bulletin needs an editor sign-in (see the sidebar). Visitors can read and download every published bulletin.",
    "正在读取 {name}：转换文字、拆分文件、提取数据表并核对……":
        "Reading {name}: converting to text, splitting documents, extracting tables and checking…",
    "**登记信息**（已按原文预填，可修改）": "**Registration** (prefilled from the text; may be changed)",
    "按以上信息重新预览": "Preview again with these details",
    "共 {rows} 行": "{rows} rows in all",
    "没有提示或警告：{n} 项核对全部通过。": "No notes or warnings: all {n} checks passed.",
    "原文件 {file} 已原样保存（sha256 {sha}…）": "The original {file} is kept unchanged (sha256 {sha}…)",
    "文本文件请用 UTF-8 编码；Word 请用 .docx；PDF 须带文字层。":
        "Text files in UTF-8; Word as .docx; PDFs need a text layer.",
    "原样保存文件并登记，然后在后台重建数据库": "Keep the file unchanged and register it, then rebuild the database in the background",
    "浏览文件库": "Browse the document library",
    "区政府公报": "District gazette",
    "方案汇编": "Compendium of plans",
    "单个文件": "Single document",
    "方案汇编等按年编印的留空": "Leave empty for yearly publications such as a compendium",
    "小写字母、数字和连字符，如 jiyang-2021-01；页面链接和引用使用它":
        "Lower-case letters, digits and hyphens, e.g. jiyang-2021-01; links and citations use it",
    "文件 ID": "Document ID",
    "已登记 {file}（{id}）。正在后台重建数据库，已用 {s} 秒……其间各页面照常显示原有数据，完成后自动换用新库。":
        "{file} ({id}) is registered. Rebuilding the database in the background, {s} s so far… Every page keeps "
        "showing the current data and switches to the new database when it is ready.",
    "已发布《{title}》（{id}）：数据库已重建（{n} 份公报，用时 {s} 秒），各页面已显示这一期。":
        "Published “{title}” ({id}): the database was rebuilt ({n} bulletins, {s} s) and every page shows this edition.",
    "，读出的文字保存为 {text}": ", the text read from it as {text}",
    "{file} 已登记，但重建数据库失败：{reason}\u3000各页面继续显示原有数据。":
        "{file} is registered, but rebuilding the database failed: {reason} Every page keeps showing the current data.",
    "级别": "Severity",
    "行": "Line",
    "整份文件": "whole file",
    "，登记在 MANIFEST.csv。": ", registered in MANIFEST.csv.",
    "在文件库中查看": "See it in the document library",
    "回到总览": "Back to the overview",
    # ---- editions (ui/filters.py, dashboard.py) ----------------------------
    "全部区县": "All districts",
    "期次": "Edition",
    "各类最新一期": "Latest of each kind",
    "只看一个区县的公报；链接中的 ?district= 记录了选择。":
        "Show one district's bulletins only; ?district= in the link keeps the choice.",
    "默认显示每个区县每类公报的最新一期；选一期后各页面显示该期的数字，链接中的 ?edition= 记录了选择。":
        "By default the latest edition of each kind of each district is shown; choose an edition and every page "
        "shows its figures. ?edition= in the link keeps the choice.",
    # ---- changes between editions (pages/changes.py, ui/compare.py) -------
    "历次变化": "Changes between editions",
    "同一区县同一类公报的两期并排：资金、镇街任务、村名单、领导小组名单和目标的变化，每个数字都注明两期的出处。":
        "Two editions of one district's bulletin side by side: funds, town quotas, village lists, leading-group "
        "rosters and targets, every figure cited to both editions.",
    "比较 **{older}** → **{newer}**": "Comparing **{older}** → **{newer}**",
    "涉农资金来源": "Agricultural funds by source",
    "通户道路村名单": "Villages on the road-paving list",
    "目标与承诺": "Targets and commitments",
    "这两期都没有{what}。": "Neither edition has {what}.",
    "按来源列出的涉农资金": "agricultural funds listed by source",
    "资金来源_两期比较": "fund_sources_two_editions",
    "分镇街的医保征缴任务": "health-insurance quotas per town",
    "医保征缴任务_两期比较": "insurance_quota_two_editions",
    "新增 **{added}** 人次、删除 **{removed}** 人次、角色或职务变动 **{changed}** 人次；{same} 人次未变。":
        "**{added}** places added, **{removed}** removed, **{changed}** with another role or position; "
        "{same} unchanged.",
    "可比较的目标": "targets to compare",
    "按目标内容（指标名与单位）配对：数值或期限不同为“调整”，只在较早一期为“取消”，较新一期报告已达到为“已达成”。":
        "Targets are paired by what they measure (name and unit): another value or deadline is “moved”, one in the "
        "older edition only is “dropped”, one the newer edition reports as reached is “met”.",
    "各来源金额两期相同。": "Every source has the same amount in both editions.",
    "资金领域、合计与文件中每一处资金列举（{n} 项有变化）":
        "Sectors, totals and every listing of funds in the documents ({n} changed)",
    "各镇街任务数两期相同。": "Every town has the same quota in both editions.",
    "文件中的全部分镇街表格（{n} 个镇街数字有变化）": "Every per-town table in the documents ({n} town figures changed)",
    "分镇街表格_两期比较": "town_tables_two_editions",
    "{town}列出的村": "Villages listed in {town}",
    "两期的村名单相同（共 {n} 个村）。": "Both editions list the same villages ({n}).",
    "新增 **{added}** 个村、删除 **{removed}** 个村；其余 {same} 个村两期都在名单上。":
        "**{added}** villages added, **{removed}** removed; the other {same} are on both lists.",
    "村名单变化": "village_list_changes",
    "各镇街列出的村数": "Villages listed per town",
    "各镇街村数_两期比较": "villages_per_town_two_editions",
    "名单变化": "roster_changes",
    "两期的 {n} 项目标没有变化。": "None of the {n} targets changed between the editions.",
    "目标变化": "target_changes",
    "资金合计_两期比较": "fund_totals_two_editions",
    "资金领域_两期比较": "fund_sectors_two_editions",
    "资金列举_两期比较": "fund_listings_two_editions",
    "村": "Village",
    "领导小组": "Leading group",
    "资金领域": "Sector",
    "第几处": "Listing no.",
    "原角色": "Old role",
    "新角色": "New role",
    "原职务": "Old position",
    "新职务": "New position",
    "原期限": "Old deadline",
    "新期限": "New deadline",
    "公报类型": "Kind of bulletin",
    "较早一期": "Older edition",
    "较新一期": "Newer edition",
    "变化": "Change",
    "较早一期出处": "Source in the older edition",
    "较新一期出处": "Source in the newer edition",
    "各来源资金历次金额（万元）": "Funds by source in every edition (10k yuan)",
    "还没有载入任何公报。": "No bulletin is loaded yet.",
    "侧栏选了区县时按侧栏；否则在这里选。": "Follows the district chosen in the sidebar; choose here when none is.",
    "{district}的{kind}目前只有 {n} 期，至少要两期才能比较。":
        "{district} has {n} edition(s) of this kind ({kind}); comparing needs two.",
    "请选择两期不同的公报。": "Choose two different editions.",
    "[添加一期公报]({url})：编辑登录后上传新一期（.txt、.docx 或 .pdf），发布后即可在这里比较。":
        "[Add a bulletin]({url}): a signed-in editor uploads the next edition (.txt, .docx or .pdf); once published "
        "it can be compared here.",
    "差额": "Difference",
    "{n} 人": "{n} persons",
    "{n} 个": "{n}",
    "较早一期：{old}；较新一期：{new}": "Older edition: {old}; newer edition: {new}",
    "增加": "up",
    "减少": "down",
    "不变": "unchanged",
    "新增": "added",
    "删除": "removed",
    "有变动": "changed",
    "调整": "moved",
    "取消": "dropped",
    # ---- headings read from the editions in scope (issue 16) ----------------------------------
    "谁负责什么、什么时候完成：{plans}的阶段、任务和牵头 / 责任 / 配合单位；{scope}中所有带数字的承诺；{rosters}。": "Who is responsible for what, and by when: the phases, tasks and lead / responsible / cooperating units of {plans}; every commitment with a figure in {scope}; {rosters}.",
    "{n} 个专项整治（行动）方案": "{n} campaign (action) plans",
    "{district}各领导小组、工作专班和联席会议的成员": "the members of {district}'s leading groups, task forces and joint meetings",
    "各领导小组、工作专班和联席会议的成员": "the members of the leading groups, task forces and joint meetings",
    "说明：本页内容不按镇街筛选。{town}的全部内容见 [镇街画像]({url})。": "Note: this page is not filtered by town. Everything about {town} is on its [town profile]({url}).",
    "专项整治任务_{unit}": "campaign_tasks_{unit}",
    "专项整治方案一览": "campaign_plans",
    "专项整治任务": "The campaign tasks",
    "专项整治_单位工作量": "campaign_unit_workload",
    "领导小组名单一览": "leading_groups",
    "专项整治阶段": "campaign_phases",
    "{scope}中所有带数字的承诺（比例、数量、金额、名次、清零、日期），按期限排序。": "Every commitment with a figure in {scope} (rates, counts, amounts, ranks, clear-ups, dates), sorted by deadline.",
    "承诺写到的镇街，点击打开该镇街的画像": "The town the commitment names; click to open its profile",
    "{year} 年医保征缴任务": "{year} enrolment quota",
    "医保征缴任务": "Enrolment quota",
    "每个镇街在{scope}中出现的全部内容：通户道路硬化的村、医保征缴任务与咨询电话、涉农资金重点项目、非物质文化遗产、在各领导小组中的成员，以及与该镇街有关的数据核对结果。": "Everything {scope} say about each town: the villages whose roads are paved, the health insurance enrolment quota and help lines, the key projects of the agricultural funds, intangible cultural heritage, its members of the leading groups, and the data checks that concern it.",
    "[在公报全文中搜索“{town}”]({search})　·　[查看{town}的通户道路村名单]({roads})　·　[查看{town}的医保征缴]({insurance})": "[Search the bulletins for “{town}”]({search})　·　[{town}'s road paving villages]({roads})　·　[{town}'s health insurance enrolment]({insurance})",
    "道路村数来自{roads}的明细表；征缴任务来自{quota}；重点项目、非遗项目按文件中写明的实施地点或申报地点计入镇街；领导小组成员按职务中写明的镇街计入。": "Village counts come from the detail table of {roads}; quotas from {quota}; key projects and heritage items count for a town where the document names it as the place of work or of the application; leading-group members where their position names the town.",
    "涉农资金重点项目中，没有实施地点写明在{town}的项目。": "No key project of the agricultural funds names {town} as its place of work.",
    "所选期次的数字化承诺中，没有写到{town}的。": "No numeric commitment of the chosen editions names {town}.",
    "（人）": " (persons)",
    "各镇街{label}": "{label} by town",
    "{district}方案中的目标，不分镇街；完成情况见“12345热线”页。": "Targets of the {district} plan, not split by town; progress is on the “12345 hotline” page.",
    "{year} 年各镇街医保征缴任务（人）": "{year} enrolment quota by town",
    "{year} 年度居民医保征缴任务": "{year} residents' health insurance enrolment quota",
    "居民医保征缴任务": "Residents' health insurance enrolment quota",
    "{change:+.1f}% 比 {year} 年（全区）": "{change:+.1f}% vs {year} (whole district)",
    "{change:+.1f}% 比上年（全区）": "{change:+.1f}% vs the year before (whole district)",
    "《{plan}》确定的排名目标、化解与参评比例、专项清零期限和约谈机制，以及热线办按月录入的实际数据。方案本身只有目标，没有月度数字；月度数字由热线办导入或录入。": "The ranking targets, resolution and participation rates, clear-up deadlines and summons rules set by 《{plan}》, and the actual figures the hotline office enters each month. The plan has only targets, no monthly figures; those are imported or entered by the hotline office.",
    "所选期次没有 12345 热线专项整治方案；下方为热线办按月录入的实际数据。": "The chosen editions have no 12345 hotline campaign plan; below are the figures the hotline office enters each month.",
    # --- added by hotline-views ---
    "本站未开放编辑登录：所有人只读。": "Editor sign-in is not open on this site: everyone has read-only access.",
    "尚未录入任何月度数据：方案自{since}印发以来，本站还没有热线办的月度排名或台账，因此暂不能判断是否达标。":
        "No monthly figures have been entered yet: since the plan was issued ({since}), this site has received no "
        "monthly rankings or records from the hotline office, so whether the targets are met cannot be judged yet.",
    "尚未录入任何月度数据：本站还没有热线办的月度排名或台账，因此暂不能判断是否达标。":
        "No monthly figures have been entered yet: this site has received no monthly rankings or records from the "
        "hotline office, so whether the targets are met cannot be judged yet.",
    "下一个期限：{due}，{what}（{requirement}）。": "Next deadline: {due}, {what} ({requirement}).",
    "方案的期限已于{due}全部届满。": "All of the plan's deadlines have passed (the last on {due}).",
    "月度数据截至{month}，最近一次更新于{when}。": "Monthly figures up to {month}, last updated on {when}.",
    "月度数据截至{month}。": "Monthly figures up to {month}.",
    "12345 热线的目标和月度数字均为全区口径，镇街筛选（{town}）不适用于本页。":
        "The 12345 hotline targets and monthly figures are district-wide: the town filter ({town}) does not apply "
        "to this page.",
}
