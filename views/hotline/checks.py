"""What the import checks found, row by row, in the page's language (a file's or the edited table's)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from hotline.validate import NOTE, PROBLEM, Checked
from ui.i18n import _, lang, ngettext, t_msg
from ui.text import plain


def say(message: object) -> str:
    """An import message in the page's language, safe to pass to st.error/st.caption."""
    return plain(t_msg(message, lang()))


def _translated(checked: Checked, by_row: dict) -> pd.Series:
    """The preview's 说明 or 问题 column, each message in the page's language."""
    code = lang()
    return checked.preview["行号"].map(lambda r: _("；").join(t_msg(m, code) for m in by_row.get(r, [])))


def show_check(checked: Checked, source: str = "文件") -> None:
    """Problems of a file (source='文件') or of the edited table (source='表格'), row by row, and
    everything read differently from how it is written (the notes and the 说明 column)."""
    for note in checked.notes:
        st.caption(_("注：") + say(note))
    for message in checked.file_errors:
        text = say(message)
        st.error(text.replace(_("文件"), _("表格")) if source != "文件" else text)
    bad = checked.row_errors
    if not bad.empty:
        if source == "文件":
            st.error(ngettext("{n} 行有问题，整份文件未写入。请修改后重新上传（每行的问题见下表“问题”列）。",
                              "{n} 行有问题，整份文件未写入。请修改后重新上传（每行的问题见下表“问题”列）。", len(bad)))
        else:
            st.error(ngettext("{n} 行有问题，整份表格未写入。请在表格中修改后再保存（每行的问题见下表“问题”列）。",
                              "{n} 行有问题，整份表格未写入。请在表格中修改后再保存（每行的问题见下表“问题”列）。", len(bad)))
    preview = checked.preview.copy()
    if lang() != "zh":
        preview[NOTE] = _translated(checked, checked.row_notes)
        preview[PROBLEM] = _translated(checked, checked.row_problems)
    st.dataframe(preview.style.map(lambda v: "background-color: #fde2d8" if v else "", subset=[PROBLEM]),
                 hide_index=True, width="stretch",
                 column_config={PROBLEM: st.column_config.TextColumn(_(PROBLEM), width="large"),
                                NOTE: st.column_config.TextColumn(_(NOTE), width="medium")})
