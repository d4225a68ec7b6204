"""The briefing: one key figure or chart per slide, in the fixed order
总览 → 资金 → 道路 → 医保 → 热线 → 承诺, for the chosen town and language.

Each builder is a function (town, lang, bulletins) -> Slide reading only store queries, so the same
slides feed meeting mode on the projector and the printed PDF. No Streamlit calls here. `bulletins`
is the scope the pages read (ui.filters.selected_bulletins); None means the default scope, the latest
edition of each kind.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from ui import charts, glossary, palette
from ui import format as fmt
from ui.colours import colours_for
from ui.data import curated, editions, towns
from ui.i18n import _, ngettext
from ui.provenance import citation, line_text
from ui.town_charts import town_share_bar

SECTIONS = ("总览", "资金", "道路", "医保", "热线", "承诺")


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    note: str = ""


@dataclass(frozen=True, eq=False)
class Slide:
    key: str
    section: str
    title: str
    figures: tuple[KeyFigure, ...] = ()
    chart: go.Figure | None = None
    citation: str = ""
    scope: str = ""      # what the town filter does on this slide
    alt: str = field(default="")


def _join(parts: list[str], lang: str) -> str:
    return ("；" if lang == "zh" else "; ").join(p for p in parts if p)


def _lines(frame: pd.DataFrame) -> list[int]:
    return [int(v) for v in frame["line"]]


def _cite(parts: list[tuple[str, list[int]]], lang: str) -> str:
    """One citation per document: a second range in the same document is appended to the first
    (《…》，…，原文第 1443–1452 行、第 1314–1316 行) instead of repeating the title."""
    by_doc: dict[str, list[list[int]]] = {}
    for doc_id, lines in parts:
        by_doc.setdefault(doc_id, []).append(lines)
    texts = []
    for doc_id, groups in by_doc.items():
        text = citation(doc_id, groups[0], lang)
        for lines in groups[1:]:
            more = line_text(lines, lang)
            text += ("、" if lang == "zh" else ", ") + (more.removeprefix("原文") if lang == "zh" else more)
        texts.append(text)
    return _join(texts, lang)


def default_scope(bulletins: tuple[str, ...] | None) -> tuple[str, ...]:
    return editions.scope(editions.editions()) if bulletins is None else bulletins


def plan_scope(table: str, bulletins: tuple[str, ...]) -> tuple[tuple[str, ...], dict | None]:
    """The bulletin of the newest plan with rows in `table` in scope, as a scope of its own, and the plan
    (a slide shows one plan, as the pages do)."""
    plan = curated.plan_of(table, bulletins)
    return ((plan["bulletin"],) if plan else bulletins), plan


def quota_year(quota: pd.DataFrame) -> int | None:
    return int(quota.year.iloc[0]) if not quota.empty else None


def project_figure(town: str | None, lang: str, bulletins: tuple[str, ...] | None = None) -> KeyFigure:
    """重点项目 with one definition everywhere (overview, meeting slide, PDF, town profile): for a town,
    the projects located there plus those run in every town, the split stated in words."""
    n = towns.project_count(town, bulletins)
    if town is None:
        return KeyFigure(_("重点项目", lang), fmt.integer(n["total"], " 个", lang=lang), "")
    note = _("{own} 个本镇街项目 + {wide} 个全区项目", lang, own=n["own"], wide=n["wide"]) if n["wide"] \
        else _("均位于本镇街", lang)
    return KeyFigure(_("重点项目", lang), fmt.integer(n["total"], " 个", lang=lang), note)


# ---- 总览 -----------------------------------------------------------------------

def overview(town: str | None, lang: str, bulletins: tuple[str, ...] | None = None) -> Slide:
    bulletins = default_scope(bulletins)
    funds, fund_plan = plan_scope("fund_totals", bulletins)
    totals = curated.fund_totals(funds).set_index("measure")
    roads = curated.road_towns(town, plan_scope("road_towns", bulletins)[0])
    quota = curated.insurance_quota(town, plan_scope("insurance_quota", bulletins)[0])
    quality = curated.quality_counts(bulletins)
    figures = []
    cites = []
    if "统筹整合资金总额" in totals.index:
        total = totals.loc["统筹整合资金总额"]
        change = totals.loc["比上年增减", "value"] if "比上年增减" in totals.index else None
        prior = fund_plan["year"] - 1 if fund_plan and fund_plan["year"] else None
        figures.append(KeyFigure(_("统筹整合涉农资金", lang), fmt.money(total["value"], lang=lang),
                                 (_("{change:+.1f}% 比 {year} 年（全区）", lang, change=float(change), year=prior) if prior
                                  else _("{change:+.1f}% 比上年（全区）", lang, change=float(change)))
                                 if change is not None else _("全区口径", lang)))
        cites.append(citation(total["doc_id"], int(total["line"]), lang))
    figures.append(project_figure(town, lang, funds))
    figures.append(KeyFigure(_("待硬化道路的村", lang),
                             fmt.integer(roads["listed_count"].sum(), " 个", lang=lang) if not roads.empty else _("未涉及", lang)))
    if not roads.empty:
        cites.append(citation(roads.doc_id.iloc[0], _lines(roads), lang))
    figures.append(KeyFigure(_("{year} 年医保征缴任务", lang, year=quota_year(quota)) if not quota.empty
                             else _("医保征缴任务", lang), fmt.integer(quota["quota_persons"].sum(), " 人", lang=lang)
                             if not quota.empty else "—"))
    if not quota.empty:
        cites.append(citation(quota.doc_id.iloc[0], _lines(quota), lang))
    figures.append(KeyFigure(_("数据核对提示", lang), fmt.integer(quality.get("warn", 0) + quality.get("error", 0), " 项", lang=lang),
                             _("核对通过 {ok} 项", lang, ok=quality.get("ok", 0))))
    title = _("公报看板 · 总览", lang) + (f" · {town}" if town else "")
    scope = _("当前筛选：{town}。资金总额为全区口径。", lang, town=town) if town else _("全区口径。", lang)
    return Slide("overview", _("总览", lang), title, tuple(figures), None, _join(cites, lang), scope)


# ---- 资金 -----------------------------------------------------------------------

def fund_sources(town: str | None, lang: str, bulletins: tuple[str, ...] | None = None) -> Slide:
    funds, _plan = plan_scope("fund_by_source", default_scope(bulletins))
    sources = curated.fund_by_source(funds)
    totals = curated.fund_totals(funds).set_index("measure")
    chart = charts.bar_ranked(glossary.localise_frame(sources, lang), "source_name", "amount_wan",
                              _("涉农资金：按资金来源（万元）", lang),
                              _("金额（万元）", lang), text_format=",.2f")
    figures = []
    if "统筹整合资金总额" in totals.index:
        value = totals.loc["统筹整合资金总额", "value"]
        figures.append(KeyFigure(_("统筹整合资金总额", lang), fmt.money(value, lang=lang), _("原文：{v} 万元", lang, v=fmt.exact(value))))
    if not sources.empty:
        top = sources.iloc[0]
        figures.append(KeyFigure(_("最大来源", lang), glossary.term(top.source_name, lang),
                                 _join([fmt.wan(top.amount_wan, lang=lang), f"{float(top.share_pct_stated):.2f}%"], lang)))
    cite = citation(sources.doc_id.iloc[0], _lines(sources), lang) if not sources.empty else ""
    scope = _("资金来源为全区口径，不分镇街。", lang) if town else ""
    return Slide("fund_sources", _("资金", lang), _("涉农资金从哪里来", lang), tuple(figures), chart, cite, scope,
                 charts.describe(chart, lang))


def fund_sectors(town: str | None, lang: str, bulletins: tuple[str, ...] | None = None) -> Slide:
    funds, _plan = plan_scope("fund_by_sector", default_scope(bulletins))
    sectors = curated.fund_by_sector(funds)
    projects = curated.fund_projects(town=town, bulletins=funds)
    chart = charts.bar_ranked(glossary.localise_frame(sectors, lang), "sector_name", "amount_wan",
                              _("涉农资金：按任务领域（万元）", lang),
                              _("金额（万元）", lang), text_format=",.2f")
    figures = []
    if not sectors.empty:
        top = sectors.iloc[0]
        figures.append(KeyFigure(_("投入最多的领域", lang), glossary.term(top.sector_name, lang),
                                 _join([fmt.wan(top.amount_wan, lang=lang), f"{float(top.share_pct):.2f}%"], lang)))
    label = _("{town}的重点项目", lang, town=town) if town else _("重点项目", lang)
    count = project_figure(town, lang, funds)
    names = _("、", lang).join(projects.project_name.head(3)) + (("……" if lang == "zh" else " …") if len(projects) > 3 else "")
    figures.append(KeyFigure(label, count.value, _join([part for part in (count.note, names) if part], lang)))
    cites = [citation(sectors.doc_id.iloc[0], _lines(sectors), lang)] if not sectors.empty else []
    scope = _("领域金额为全区口径；重点项目按{town}筛选（含全区实施的项目）。", lang, town=town) if town else ""
    return Slide("fund_sectors", _("资金", lang), _("涉农资金用到哪里", lang), tuple(figures), chart,
                 _join(cites, lang), scope, charts.describe(chart, lang))


# ---- 道路 -----------------------------------------------------------------------

def roads(town: str | None, lang: str, bulletins: tuple[str, ...] | None = None) -> Slide:
    scope, _plan = plan_scope("road_towns", default_scope(bulletins))
    towns = curated.road_towns(bulletins=scope)
    uncovered = curated.towns_without_roads(scope)
    chart = charts.bar_ranked(towns, "town_name", "listed_count", _("各镇街待硬化道路的村数", lang), _("村数", lang),
                              highlight=town, unit=fmt.unit_suffix(" 个", lang=lang))
    figures = [KeyFigure(_("明细表列出的村", lang), fmt.integer(towns.listed_count.sum(), " 个", lang=lang)),
               KeyFigure(_("涉及镇街", lang), f"{len(towns)} / {len(towns) + len(uncovered)}{fmt.unit_suffix(' 个', lang=lang)}")]
    if town:
        mine = towns[towns.town_name == town]
        figures.insert(0, KeyFigure(town, fmt.integer(mine.listed_count.sum(), " 个", lang=lang) if not mine.empty
                                    else _("未列出", lang), _("待硬化道路的村", lang)))
    mismatch = towns[towns.stated_count != towns.listed_count]
    if not mismatch.empty:
        figures.append(KeyFigure(_("核对提示", lang), fmt.integer(len(mismatch), " 个", lang=lang),
                                 _("镇街的表中个数与村名单不符", lang)))
    cite = citation(towns.doc_id.iloc[0], _lines(towns), lang) if not towns.empty else ""
    note = _("{town}以斜线和粗体标出。", lang, town=town) if town and town in set(towns.town_name) else \
        (_("{town}不在道路硬化明细表中。", lang, town=town) if town else "")
    return Slide("roads", _("道路", lang), _("农村通户道路硬化：哪些镇街、多少个村", lang), tuple(figures), chart,
                 cite, note, charts.describe(chart, lang))


# ---- 医保 -----------------------------------------------------------------------

def insurance(town: str | None, lang: str, bulletins: tuple[str, ...] | None = None) -> Slide:
    scope, plan = plan_scope("insurance_quota", default_scope(bulletins))
    quota = curated.insurance_quota(bulletins=scope)
    year = quota_year(quota)
    # the page's chart: town colours, each town's share beside its quota
    chart = town_share_bar(quota, "quota_persons", _("{year} 年各镇街医保征缴任务（人）", lang, year=year) if year
                           else _("各镇街医保征缴任务（人）", lang), _("人数", lang),
                           colours=colours_for(quota.town_name, plan["district"] if plan else None), highlight=town,
                           unit=fmt.unit_suffix(" 人", lang=lang), lang=lang)
    mine = quota[quota.town_name == town] if town else quota
    figures = [KeyFigure(_("{town}征缴任务", lang, town=town) if town else _("全区征缴任务", lang),
                         fmt.integer(mine.quota_persons.sum(), " 人", lang=lang),
                         _("占全区 {share}", lang, share=fmt.pct(mine.share_pct.sum())) if town else "")]
    premiums = curated.insurance_premiums(scope)
    if not premiums.empty:
        figures.append(KeyFigure(_("个人缴费档次", lang), " / ".join(f"{int(v)}" for v in premiums.amount_yuan) + fmt.unit_suffix(" 元", lang=lang),
                                 _("元/人·年", lang)))
    parts = [(mine.doc_id.iloc[0], _lines(mine))] if not mine.empty else []
    if not premiums.empty:
        parts.append((premiums.doc_id.iloc[0], _lines(premiums)))
    note = _("{town}以斜线和粗体标出。", lang, town=town) if town else ""
    return Slide("insurance", _("医保", lang), _("{year} 年度居民医保征缴任务", lang, year=year) if year
                 else _("居民医保征缴任务", lang), tuple(figures), chart,
                 _cite(parts, lang), note, charts.describe(chart, lang))


# ---- 热线 -----------------------------------------------------------------------

def _target_value(row, lang: str = "zh") -> str:
    comparator, value, unit = row.comparator or "", row.value, row.unit or ""
    number = "" if pd.isna(value) else f"{value:g}"
    if comparator == "清零":
        return _("清零", lang)
    if comparator == "退出后N位":
        return _("退出后 {n} 位", lang, n=number)
    if "N" in comparator:  # 后N位 …, as printed
        return comparator.replace("N", f" {number} ")
    symbol = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": ""}.get(comparator, comparator)
    return f"{symbol}{number}{fmt.unit_suffix(unit, lang=lang) if unit and unit != '%' else unit}"


def hotline(town: str | None, lang: str, bulletins: tuple[str, ...] | None = None) -> Slide:
    bulletins = default_scope(bulletins)
    doc = curated.topic_doc("hotline", bulletins)  # the plan it cites
    targets = curated.targets("hotline", doc, bulletins)
    order = {"rank": 0, "rate": 1, "clearance": 2}  # ranking first, then rates, then problems to clear
    # 约谈 (summons) is a sanction rule, not a target to reach: it stays on the hotline page.
    ranked = (targets[targets.kind.isin(list(order)) & (targets.topic != "hotline.summons")].assign(_order=lambda d: d.kind.map(order))
              .sort_values(["_order", "line", "value"]))
    figures = []
    for row in ranked.itertuples():
        note = row.deadline_text if isinstance(row.deadline_text, str) else ""
        figures.append(KeyFigure(row.subject, _target_value(row, lang), note))
    cite = citation(targets.doc_id.iloc[0], _lines(targets), lang) if not targets.empty else ""
    district = (curated.document(doc) or {}).get("district") if doc else None
    scope = _("{district}方案中的目标，不分镇街；完成情况见“12345热线”页。", lang, district=district or "")
    return Slide("hotline", _("热线", lang), _("12345 热线专项整治：写明的目标", lang), tuple(figures[:8]), None,
                 cite, scope)


# ---- 承诺 -----------------------------------------------------------------------

def deadline_chart(months: pd.DataFrame, lang: str) -> go.Figure:
    """Commitments with a stated deadline, counted per month and district (curated.target_deadline_months);
    districts differ in hatching (shown in the legend) as well as colour, and the alt text names them.
    The months sit on a date axis, so 2022-12, 2025-08 and 2050-12 are as far apart as they are in time."""
    counts = months.assign(month=pd.to_datetime(months.month).dt.to_period("M").dt.to_timestamp()) \
        .sort_values("month", kind="stable")
    month_format = _("%Y年%m月", lang)
    span_days = (counts.month.max() - counts.month.min()).days if not counts.empty else 0
    # A bar is at least a month wide, wider when the axis spans decades (else it is a hairline).
    width_ms = max(28, span_days / 70) * 86_400_000
    fig = go.Figure()
    groups = list(counts.groupby("district", sort=True))
    for i, (district, rows) in enumerate(groups):
        colour = palette.OKABE_ITO[i % len(palette.OKABE_ITO)]
        fig.add_trace(go.Bar(
            name=district, x=rows.month.dt.strftime("%Y-%m"), y=rows.n, width=width_ms / max(len(groups), 1),
            marker={"color": colour, "pattern": {"shape": ["", "/", "."][i % 3], "fillmode": "overlay", "fgcolor": "#FFFFFF",
                                                 "solidity": 0.3}},
            text=[str(n) for n in rows.n], textposition="outside", cliponaxis=False,
            customdata=[m.strftime(month_format) for m in rows.month],
            hovertemplate=f"{district}<br>%{{customdata}}：%{{y}}<extra></extra>"))
    pad = pd.Timedelta(days=max(45, span_days / 50))  # the first and last bars are not cut in half
    fig.update_xaxes(type="date", title=None, tickformat="%Y",
                     **({"range": [(counts.month.min() - pad).strftime("%Y-%m-%d"),
                                   (counts.month.max() + pad).strftime("%Y-%m-%d")]} if not counts.empty else {}))
    # The axis title sits above the axis, clear of the tick labels at any font size.
    fig.update_yaxes(title=None, rangemode="tozero")
    fig.add_annotation(text=_("承诺条数", lang), xref="paper", yref="paper", x=0, y=1.02, xanchor="left",
                       yanchor="bottom", showarrow=False)
    fig.update_layout(barmode="group", legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1,
                                                "xanchor": "right"})
    return charts._style(fig, _("写明期限的承诺：按到期月份", lang), height=420)


def commitments(town: str | None, lang: str, bulletins: tuple[str, ...] | None = None) -> Slide:
    # Counted in SQL: the slide shows counts, not the 176,000 rows of 1000 editions.
    bulletins = default_scope(bulletins)
    counts = curated.target_counts(bulletins)
    chart = deadline_chart(curated.target_deadline_months(bulletins), lang)
    total = int(counts.targets.sum())
    figures = [KeyFigure(_("可核对的承诺", lang), fmt.integer(total, " 条", lang=lang), _("数量、比例、排名、清零、期限", lang)),
               KeyFigure(_("写明期限的", lang), fmt.integer(int(counts.dated.sum()), " 条", lang=lang))]
    for row in counts.itertuples():
        figures.append(KeyFigure(row.district, fmt.integer(int(row.targets), " 条", lang=lang),
                                 ngettext("涉及 {n} 件文件", "涉及 {n} 件文件", int(row.docs), lang)))
    titles = curated.bulletin_titles()
    cite = _("{sources}中写明数量、比例、排名或期限的 {n} 条承诺；每条的文件与行号见“专项整治与承诺”页。", lang,
             sources="、".join(f"《{titles.get(b, b)}》" for b in bulletins), n=total)
    scope = _("承诺不分镇街；镇街筛选不改变本页。", lang) if town else ""
    return Slide("commitments", _("承诺", lang), _("承诺与期限", lang), tuple(figures), chart, cite, scope,
                 charts.describe(chart, lang))


BUILDERS: tuple[Callable[[str | None, str, tuple[str, ...] | None], Slide], ...] = (
    overview, fund_sources, fund_sectors, roads, insurance, hotline, commitments)


def slide_count() -> int:
    return len(BUILDERS)


def slide(index: int, town: str | None = None, lang: str = "zh", bulletins: tuple[str, ...] | None = None) -> Slide:
    """One slide (0-based index, clamped), built on demand so a screen costs one slide's queries."""
    return BUILDERS[max(0, min(index, len(BUILDERS) - 1))](town, lang, bulletins)


def slides(town: str | None = None, lang: str = "zh", bulletins: tuple[str, ...] | None = None) -> list[Slide]:
    return [build(town, lang, bulletins) for build in BUILDERS]
