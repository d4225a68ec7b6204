"""公报看板 — entry point: navigation, the shared town filter, start-up build, footer."""
from __future__ import annotations

import streamlit as st

from store import curated
from ui.filters import ALL_TOWNS, TOWN_KEY
from ui.layout import footer

st.set_page_config(page_title="公报看板", page_icon=":material/account_balance:", layout="wide")

if curated.needs_build():
    with st.spinner("正在从公报原文构建数据库……（首次启动或原文更新后需要几秒钟）"):
        curated.build_now()

PAGES = {
    "核心数据": [
        st.Page("pages/overview.py", title="总览", icon=":material/dashboard:", url_path="", default=True),
        st.Page("pages/funds.py", title="涉农资金", icon=":material/agriculture:", url_path="funds"),
        st.Page("pages/roads.py", title="通户道路", icon=":material/add_road:", url_path="roads"),
        st.Page("pages/insurance.py", title="医保征缴", icon=":material/health_and_safety:", url_path="insurance"),
    ],
    "跟踪与问责": [
        st.Page("pages/hotline.py", title="12345热线", icon=":material/support_agent:", url_path="hotline"),
        st.Page("pages/campaigns.py", title="专项整治与承诺", icon=":material/assignment:", url_path="campaigns"),
        st.Page("pages/towns.py", title="镇街画像", icon=":material/location_city:", url_path="towns"),
    ],
    "原文与数据": [
        st.Page("pages/documents.py", title="文件库", icon=":material/menu_book:", url_path="documents"),
        st.Page("pages/data.py", title="数据", icon=":material/database:", url_path="data"),
    ],
}

town_names = [ALL_TOWNS, *curated.towns()["town_name"].tolist()]
st.sidebar.selectbox("镇街筛选", town_names, key=TOWN_KEY, bind="query-params",
                     help="选择一个镇街后，各页面只显示该镇街的数据；链接中的 ?town= 记录了选择，可直接分享。")

page = st.navigation(PAGES)
page.run()
footer()
