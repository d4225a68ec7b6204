"""公报看板 — entry point: navigation, the shared town filter, language, meeting mode, start-up build, footer."""
from __future__ import annotations

import streamlit as st

from ui import glossary, i18n, meeting, rebuild, theme
from ui.data import curated
from ui.data import editions as ed
from ui.filters import (
    ALL_DISTRICTS,
    DISTRICT_KEY,
    EDITION_KEY,
    LATEST,
    TOWN_KEY,
    edition_labels,
    edition_option_label,
    ordered_towns,
    selected_bulletins,
    selected_district,
    selected_town,
)
from ui.i18n import _
from ui.layout import footer

st.set_page_config(page_title="公报看板", page_icon=":material/account_balance:", layout="wide")

# Language: ?lang=en opens the English labels; the choice is kept in the URL on every page.
if i18n.LANG_KEY not in st.session_state:
    wanted = st.query_params.get(i18n.LANG_KEY, i18n.DEFAULT)
    st.session_state[i18n.LANG_KEY] = wanted if wanted in i18n.LANGUAGES else i18n.DEFAULT

if rebuild.needs_build():
    with st.spinner(_("正在从公报原文构建数据库……（首次启动或原文更新后需要几秒钟）")):
        build_problem = rebuild.build_now()
    if build_problem:  # the last good database is still served (the build never overwrites it with a broken one)
        if not curated.database_path().exists():
            st.error(i18n.t_msg(build_problem), icon=":material/error:")
            st.stop()
        st.warning(i18n.t_msg(build_problem), icon=":material/warning:")

PAGES = {
    _("核心数据"): [
        st.Page("pages/overview.py", title=_("总览"), icon=":material/dashboard:", url_path="", default=True),
        st.Page("pages/funds.py", title=_("涉农资金"), icon=":material/agriculture:", url_path="funds"),
        st.Page("pages/roads.py", title=_("通户道路"), icon=":material/add_road:", url_path="roads"),
        st.Page("pages/insurance.py", title=_("医保征缴"), icon=":material/health_and_safety:", url_path="insurance"),
    ],
    _("跟踪与问责"): [
        st.Page("pages/hotline.py", title=_("12345热线"), icon=":material/support_agent:", url_path="hotline"),
        st.Page("pages/campaigns.py", title=_("专项整治与承诺"), icon=":material/assignment:", url_path="campaigns"),
        st.Page("pages/towns.py", title=_("镇街画像"), icon=":material/location_city:", url_path="towns"),
    ],
    _("原文与数据"): [
        st.Page("pages/documents.py", title=_("文件库"), icon=":material/menu_book:", url_path="documents"),
        st.Page("pages/data.py", title=_("数据"), icon=":material/database:", url_path="data"),
        st.Page("pages/changes.py", title=_("历次变化"), icon=":material/compare_arrows:", url_path="changes"),
        st.Page("pages/add.py", title=_("添加公报"), icon=":material/upload_file:", url_path="add"),
    ],
}

in_meeting = meeting.active()
page = st.navigation(PAGES, position="hidden" if in_meeting else "sidebar")

loaded = ed.editions()
shown_lang = i18n.lang()  # the language of this run, for the option labels below
st.sidebar.selectbox(_("区县"), [ALL_DISTRICTS, *ed.districts(loaded)], key=DISTRICT_KEY, bind="query-params",
                     format_func=lambda value: _(value, shown_lang), help=_("只看一个区县的公报；链接中的 ?district= 记录了选择。"))
district = selected_district()
in_district = loaded[loaded.district == district] if district else loaded
edition_ids = [LATEST, *reversed(in_district.bulletin_id.tolist())]
# Not bound with bind="query-params": that would put the formatted label in the URL; ?edition= holds the bulletin id.
if st.session_state.get(EDITION_KEY) not in edition_ids:
    wanted_edition = st.query_params.get(EDITION_KEY)
    st.session_state[EDITION_KEY] = wanted_edition if wanted_edition in edition_ids else LATEST


def _keep_edition_in_url() -> None:
    chosen = st.session_state.get(EDITION_KEY, LATEST)
    if chosen == LATEST:
        if EDITION_KEY in st.query_params:
            del st.query_params[EDITION_KEY]
    elif st.query_params.get(EDITION_KEY) != chosen:
        st.query_params[EDITION_KEY] = chosen


edition_names = edition_labels(loaded, shown_lang)  # once per run: the list may hold hundreds of editions
st.sidebar.selectbox(_("期次"), edition_ids, key=EDITION_KEY, on_change=_keep_edition_in_url,
                     format_func=lambda value: edition_names.get(value) or edition_option_label(value, shown_lang),
                     help=_("默认显示每类公报的最新一期（选了区县则是该区县的）；选一期后各页面显示该期的数字，链接中的 ?edition= 记录了选择。"))
_keep_edition_in_url()
towns = curated.towns()
town_names = ordered_towns((towns[towns.district == district] if district else towns)["town_name"].tolist(),
                           curated.towns_with_figures(selected_bulletins()))
st.sidebar.selectbox(_("镇街筛选"), town_names, key=TOWN_KEY, bind="query-params",
                     format_func=lambda value: glossary.term(value, shown_lang),
                     help=_("选择一个镇街后，各页面只显示该镇街的数据；链接中的 ?town= 记录了选择，可直接分享。"))


def _keep_lang_in_url() -> None:
    if st.session_state.get(i18n.LANG_KEY) == i18n.DEFAULT:
        if i18n.LANG_KEY in st.query_params:
            del st.query_params[i18n.LANG_KEY]
    elif st.query_params.get(i18n.LANG_KEY) != st.session_state.get(i18n.LANG_KEY):
        st.query_params[i18n.LANG_KEY] = st.session_state[i18n.LANG_KEY]


def _language_changed() -> None:
    _keep_lang_in_url()
    # The browser keeps showing a select box's value in the label it was chosen in (sidebar filters,
    # plan, month, edition pickers …); a value the script sets is sent again, labelled in the new language.
    # Only option values (text, numbers, lists of them): buttons (bool) and uploads may not be set.
    for key in list(st.session_state.keys()):
        value = st.session_state[key]
        if key != i18n.LANG_KEY and _is_option_value(value):
            st.session_state[key] = value


def _is_option_value(value) -> bool:
    if isinstance(value, (list, tuple)):
        return bool(value) and all(_is_option_value(item) for item in value)
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


st.sidebar.segmented_control(_("语言 / Language"), list(i18n.LANGUAGES), format_func=i18n.LANGUAGES.__getitem__,
                             key=i18n.LANG_KEY, required=True, on_change=_language_changed, persist_state="session")
_keep_lang_in_url()

st.session_state[meeting.TOGGLE_KEY] = in_meeting
st.sidebar.toggle(_("会议模式"), key=meeting.TOGGLE_KEY, on_change=meeting.enter, args=(page.url_path,),
                  help=_("投影用：大字号、高对比度，每屏一个关键数字或图表，可用键盘 ← → 翻页。链接中的 ?mode=meeting 可直接打开。"))
meeting.pdf_button(selected_town(), i18n.lang(), st.sidebar, bulletins=selected_bulletins())
st.sidebar.html(theme.page_script(i18n.lang()), unsafe_allow_javascript=True)  # constant code: <html lang>, theme mark

if in_meeting:
    meeting.render(selected_town(), i18n.lang(), selected_bulletins())
else:
    page.run()
    footer()
