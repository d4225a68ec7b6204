"""12345 热线：章丘区热线专项整改方案的目标、机制与月度进展（排名、约谈、化解率、参评率、专项清零）。

The plan gives only targets; the monthly figures are recorded by the hotline office in the
writable store (store/hotline.py). Everything the page writes goes through that store, which
checks the editor role itself and audits every write. This file only routes; each part is a
function in views/hotline/.

A visitor sees what the district committed to and where it stands (or that no month has been
entered yet, and since when), and only the tabs that have something to show; a signed-in editor
sees every tab, with the import wizard and the write log.
"""
from __future__ import annotations

import datetime as dt

import streamlit as st

from ui.data import curated
from ui.filters import selected_bulletins, selected_town
from ui.i18n import N_, _
from ui.layout import page_header
from ui.tabs import url_tabs
from views.hotline import audit, import_wizard, progress, source, summons
from views.hotline import targets as plan_views
from views.hotline.sign_in import editor_tab_asked, sign_in

TAB_KEY = "hotline_tab"
EDITOR_TABS = [N_("导入与录入")]

# The plan of the chosen editions (its title and date as printed, read from the data).
plan_doc = curated.topic_doc("hotline.", selected_bulletins())
plan_info = (curated.document(plan_doc) or {}) if plan_doc else {}
page_header(_("12345 市民服务热线专项整改"),
            _("《{plan}》确定的排名目标、化解与参评比例、专项清零期限和约谈机制，"
              "以及热线办按月录入的实际数据。方案本身只有目标，没有月度数字；月度数字由热线办导入或录入。",
              plan=plan_info["title"]) if plan_info.get("title") else
            _("所选期次没有 12345 热线专项整治方案；下方为热线办按月录入的实际数据。"))
if selected_town():
    st.info(_("12345 热线的目标和月度数字均为全区口径，镇街筛选（{town}）不适用于本页。", town=selected_town()),
            icon=":material/info:")
actor = sign_in()
targets = plan_views.load_targets(plan_doc)
plan_views.targets_section(targets)

st.divider()
store, demo = source.choose_store(actor)
ranks, units, drives, scores = store.district(), store.units(), store.drives(), store.scores()
log = store.audit()
today = dt.date.today()
months = sorted({*ranks["month"], *units["month"], *drives["month"], *scores["month"]})
if not months and actor.can_write:
    st.info(_("还没有月度记录。开始使用：① 下载下方“导入与录入”中的模板；② 编辑在左侧栏登录；"
              "③ 上传热线办每月的排名通报（CSV 或 Excel）并确认写入。录入后，本页即显示是否按期达标和约谈名单。"),
            icon=":material/rocket_launch:")
if not months and not actor.can_write:
    progress.nothing_recorded(targets, plan_info)
else:
    progress.as_of(log, months)
    progress.overview(targets, ranks, units, drives, today, demo)

# Each tab: (shown to a visitor — only when it has something to show, view). Editors see all.
VIEWS = {
    N_("全市排名"): (not ranks.empty, lambda: progress.ranking_view(targets, ranks, demo)),
    N_("单位排名"): (not units.empty, lambda: progress.league_view(targets, units, demo)),
    N_("约谈名单"): (not units.empty, lambda: summons.summons_view(targets, units)),
    N_("化解率"): (not units.empty, lambda: progress.resolution_view(targets, units, demo)),
    N_("参评率"): (bool(progress.participation_months(units)), lambda: progress.participation_view(targets, units, demo)),
    N_("专项清零"): (not drives.empty, lambda: progress.drives_view(targets, drives, today, demo)),
    N_("考评得分"): (not scores.empty, lambda: progress.scores_view(scores)),
    N_("导入与录入"): (False, lambda: import_wizard.import_view(store, actor, demo)),
    N_("写入记录"): (not log.empty, lambda: audit.records_view(store)),
}
shown = {name: view for name, (public, view) in VIEWS.items() if public or actor.can_write}
# The open tab is kept across reruns (a write does not bounce the editor back to the first tab)
# and written to the URL (?hotline_tab=约谈名单), so a view is a link; only the open tab runs.
# Labels follow the language; a tab chosen or linked in the other language stays open.
asked = st.session_state.get(TAB_KEY, st.query_params.get(TAB_KEY))
editor_tab_asked(actor, asked, EDITOR_TABS + [_(name) for name in EDITOR_TABS])
if shown:  # a tab this visitor does not have opens the first one
    for tab, view in zip(url_tabs(TAB_KEY, list(shown)), shown.values()):
        if tab.open is not False:
            with tab:
                view()
