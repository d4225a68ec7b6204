"""Helpers shared by the town-profile sections."""
from __future__ import annotations

import pandas as pd

from ui.data import curated
from ui.i18n import _

NO_BAR = {"displayModeBar": False}


def quota_year(quota_rows: pd.DataFrame) -> int | None:
    """The year of the quota table in scope ("2021 年度"), read from the data; None when the scope has none."""
    return int(quota_rows.year.iloc[0]) if not quota_rows.empty else None


def quota_label(quota_rows: pd.DataFrame) -> str:
    year = quota_year(quota_rows)
    return _("{year} 年医保征缴任务", year=year) if year else _("医保征缴任务")


def document_title(rows: pd.DataFrame) -> str:
    """《title》 of the document the rows come from (the first one), or a dash."""
    if rows.empty:
        return "—"
    doc = curated.document(rows.doc_id.iloc[0]) or {}
    return f"《{doc.get('title', rows.doc_id.iloc[0])}》"


def printed(value) -> str:
    """A text field as printed, or a dash when the document has none."""
    return value if isinstance(value, str) and value else "—"
