"""English display names of the fixed vocabulary the loaders recognise: fund sources and levels
(中央资金, 省级资金 …, see loaders/funds.py and loaders/fund_sources.py), task natures, the six
sectors (产业振兴 …), the kinds of town (街道, 镇, 乡), the kinds of help line (社保单位, 税务单位), and 全区 (the whole district, the town filter's first option).

These are category names, not text a reader checks against a bulletin, so English mode names them
in English; the data keep the Chinese value (the SQL, exports and citations still match the bulletin).
Exports keep the Chinese value (their headers follow the language), so a download still matches the
bulletin and the database.

    term("中央资金")              # 'Central funds' in English, '中央资金' in Chinese
    term("曲堤街道")              # any other value is returned as it is
    localise(frame.source_name)  # a Series, for chart labels
"""
from __future__ import annotations

import pandas as pd

from ui.i18n import NC_, lang, pgettext

SOURCE = "fund source"
SECTOR = "fund sector"
SCOPE = "scope"
TOWN_KIND = "town kind"
CONTACT_KIND = "contact kind"

# Marked with their context (pybabel extracts them); one context per vocabulary, so the same
# Chinese word keeps one English name everywhere.
FUND_SOURCES = (
    NC_("fund source", "中央资金"), NC_("fund source", "省级资金"), NC_("fund source", "市级资金"),
    NC_("fund source", "区级资金"), NC_("fund source", "其他资金"), NC_("fund source", "自筹资金"),
    NC_("fund source", "省市统筹使用资金"), NC_("fund source", "上级约束性任务"),
    NC_("fund source", "上级资金"), NC_("fund source", "区级配套资金"),
    NC_("fund source", "中央"), NC_("fund source", "省级"), NC_("fund source", "省"),
    NC_("fund source", "市级"), NC_("fund source", "区级"), NC_("fund source", "其他"),
    NC_("fund source", "自筹"))
FUND_SECTORS = (
    NC_("fund sector", "产业振兴"), NC_("fund sector", "人才振兴"), NC_("fund sector", "文化振兴"),
    NC_("fund sector", "生态振兴"), NC_("fund sector", "组织振兴"), NC_("fund sector", "脱贫攻坚"))
TOWN_KINDS = (NC_("town kind", "街道"), NC_("town kind", "镇"), NC_("town kind", "乡"))
# The two columns of the medical-insurance plan's 咨询电话 table (insurance_contacts.kind).
CONTACT_KINDS = (NC_("contact kind", "社保单位"), NC_("contact kind", "税务单位"))
VOCABULARY: dict[str, str] = {**dict.fromkeys(FUND_SOURCES, SOURCE), **dict.fromkeys(FUND_SECTORS, SECTOR),
                              **dict.fromkeys(TOWN_KINDS, TOWN_KIND), **dict.fromkeys(CONTACT_KINDS, CONTACT_KIND), NC_("scope", "全区"): SCOPE}


def terms() -> set[str]:
    """Every Chinese term this glossary names in English."""
    return set(VOCABULARY)


def term(value, lang_code: str | None = None):
    """The display name of a vocabulary term in the language; any other value as it is."""
    if isinstance(value, str) and value in VOCABULARY:
        return pgettext(VOCABULARY[value], value, lang_code)
    return value


def localise(values: pd.Series, lang_code: str | None = None) -> pd.Series:
    """A Series of values with vocabulary terms in the language (unchanged in Chinese)."""
    code = lang_code or lang()
    return values if code == "zh" else values.map(lambda v: term(v, code))



COLUMNS = ("source_name", "sector_name", "nature_name", "source_level", "level", "kind")


def localise_frame(frame: pd.DataFrame, lang_code: str | None = None) -> pd.DataFrame:
    """A copy for display whose vocabulary columns (fund source, sector, nature) are in the language."""
    code = lang_code or lang()
    present = [c for c in COLUMNS if c in frame.columns]
    if code == "zh" or not present:
        return frame
    return frame.assign(**{c: localise(frame[c], code) for c in present})


def canonical(shown: str, lang_code: str | None = None) -> str:
    """The vocabulary term (Chinese) a display name stands for: a clicked English bar label back to its value."""
    code = lang_code or lang()
    return next((name for name in VOCABULARY if term(name, code) == shown), shown)
