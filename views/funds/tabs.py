"""The four breakdown tabs: by source, by sector (click a bar to pick it), by task nature, the flow."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import charts, glossary
from ui import format as fmt
from ui.downloads import download_buttons
from ui.i18n import _, lang
from ui.layout import chart
from ui.provenance import citation, source_caption
from ui.selection import click_sets
from ui.tables import labelled, show_table
from views.funds.common import NO_TOOLBAR
from views.funds.projects import chosen_feedback

UPPER_SOURCES = ("中央资金", "省级资金", "市级资金")


def _cite(frame: pd.DataFrame) -> str | None:
    return citation(frame.doc_id.iloc[0], frame.line) if not frame.empty else None


def _sources_of(frame: pd.DataFrame):
    return [(frame.doc_id.iloc[0], frame.line)] if not frame.empty else None


def by_source(sources: pd.DataFrame) -> None:
    code = lang()
    named = glossary.localise_frame(sources, code)
    chart(charts.funds_treemap(named, "source_name", _("按资金来源分（万元）"), lang=code), "fund-src-tree",
          source=_cite(sources), config=NO_TOOLBAR)
    shown = sources[["source_name", "amount_wan", "share_pct_stated", "share_pct", "line"]]
    show_table(shown, "fund_by_source")
    differs = sources[(sources.share_pct_stated - sources.share_pct).abs() > 0.005]
    if not differs.empty:
        st.warning(_("以下来源的文件写明占比与按金额计算的不一致（未作修改，按原文展示）：")
                   + _("；").join(_("{name} 写明 {stated:.2f}%，计算 {computed:.2f}%", name=glossary.term(r.source_name),
                                    stated=r.share_pct_stated, computed=r.share_pct) for r in differs.itertuples()),
                   icon=":material/rule:")
        chart(charts.share_comparison(named, "source_name", lang=code), "fund-src-share", source=_cite(sources),
              config=NO_TOOLBAR)
    if not sources.empty:
        source_caption(sources.doc_id.iloc[0], sources.line)
    download_buttons(labelled(shown, "fund_by_source"), _("涉农资金_按来源"), key="src", sources=_sources_of(sources))


def by_sector(sectors: pd.DataFrame, amount: str, chosen: str, count: int) -> None:
    """The sector bars; a click picks the sector, named right under the chart with its project count."""
    sector_names = sectors.sector_name.tolist()
    chart(charts.bar_ranked(glossary.localise_frame(sectors), "sector_name", "amount_wan",
                            _("按任务领域分（点击条形查看重点项目）"), amount, text_format=",.2f",
                            highlight=glossary.term(chosen) if chosen in sector_names else None),
          "fund-sector-chart", on_select=click_sets("fund_sector", "fund-sector-chart", allowed=sector_names,
                                                    to_value=glossary.canonical),
          selection_mode="points", source=_cite(sectors), config=NO_TOOLBAR)
    chosen_feedback(chosen, count)
    shown = sectors[["sector_name", "amount_wan", "share_pct", "line"]]
    show_table(shown, "fund_by_sector")
    if not sectors.empty:
        source_caption(sectors.doc_id.iloc[0], sectors.line)
    download_buttons(labelled(shown, "fund_by_sector"), _("涉农资金_按领域"), key="sector", sources=_sources_of(sectors))


def by_nature(natures: pd.DataFrame, amount: str) -> None:
    chart(charts.bar_ranked(glossary.localise_frame(natures), "nature_name", "amount_wan", _("按任务性质分（万元）"), amount,
                            text_format=",.2f"), "fund-nature-chart", source=_cite(natures), config=NO_TOOLBAR)
    shown = natures[["nature_name", "amount_wan", "share_pct", "line"]]
    show_table(shown, "fund_by_task_nature")
    if not natures.empty:
        source_caption(natures.doc_id.iloc[0], natures.line)
    download_buttons(labelled(shown, "fund_by_task_nature"), _("涉农资金_按任务性质"), key="nature",
                     sources=_sources_of(natures))


def flow(sources: pd.DataFrame, natures: pd.DataFrame) -> None:
    if natures.empty or sources.empty:
        return
    upper_sources = [s for s in sources.source_name if s in UPPER_SOURCES]
    upper_natures = [n for n in natures.nature_name if n.startswith("上级") or "省市" in n]
    flow_lines = [*sources.line, *natures.line]
    chart(charts.flow_sankey(sources, natures, upper_sources, upper_natures, lang=lang()), "fund-flow",
          source=citation(natures.doc_id.iloc[0], flow_lines), config=NO_TOOLBAR)
    # amounts come back as floats: round off the float noise of the sum (the document prints ≤ 6 decimals)
    up_sum = round(float(sources[sources.source_name.isin(upper_sources)].amount_wan.sum()), 6)
    down_sum = round(float(natures[natures.nature_name.isin(upper_natures)].amount_wan.sum()), 6)
    st.markdown(_("中央、省级、市级资金合计 **{up} 万元**；上级约束性任务与省市统筹使用资金合计 **{down} 万元**",
                  up=fmt.exact(up_sum), down=fmt.exact(down_sum))
                + (_("，两者一致。") if abs(up_sum - down_sum) < 1e-6 else
                   _("，相差 {diff} 万元。", diff=fmt.exact(round(up_sum - down_sum, 6)))))
    st.caption(_("区级资金与其他资金在两种口径下金额相同，图中直接相连；中央、省级、市级资金在文件中只给出合计去向，"
                 "没有交叉明细，因此经“上级资金合计”汇总，不作拆分。"))
    source_caption(natures.doc_id.iloc[0], flow_lines)
