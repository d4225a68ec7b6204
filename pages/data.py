"""数据：数据字典与整表下载、数据核对报告、只读 SQL 控制台。The tab bodies are in views/data/."""
from __future__ import annotations

from ui import library
from ui.i18n import N_, _
from ui.layout import page_header
from ui.tabs import url_tabs
from views.data.console import console
from views.data.dictionary import dictionary
from views.data.quality import quality

TABS = [N_("数据字典与下载"), N_("数据核对"), N_("SQL 控制台")]

page_header(_("数据"), _("看板使用的全部数据表：每个表、每一列的含义，整表下载（CSV、Excel、Parquet），"
                       "每一项数字核对的结果，以及一个只读的 SQL 查询窗口。"))
library.town_notice()
dictionary_tab, quality_tab, console_tab = url_tabs("tab", TABS)

if dictionary_tab.open:
    with dictionary_tab:
        dictionary()
if quality_tab.open:
    with quality_tab:
        quality()
if console_tab.open:
    with console_tab:
        console()
