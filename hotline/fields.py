"""The four kinds of hotline record, their canonical columns and the Chinese headers
that spreadsheets use for them.

A header is matched after `header_key()` (one Unicode normalisation, no spaces, no
trailing unit such as "（%）" or "（满分150分）"), so "满意率（%）", "满意率 %" and "满意率"
are one header.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from hotline.names import strip_invisible
from textkit.msg import N_, NC_

UNITS = "units"          # per-unit monthly figures (部门 / 镇街)
DISTRICT = "district"    # the district's monthly city ranking per indicator
DRIVES = "drives"        # field-drive backlogs (安置房, 占道经营, 供水 …)
SCORES = "scores"        # composite scores (考评得分, 满分 100/150 …) and ranks within a peer group, any period
KINDS = (UNITS, DISTRICT, DRIVES, SCORES)
KIND_LABELS = {UNITS: N_("各单位月度数据"), DISTRICT: N_("全区在全市的月度排名"), DRIVES: N_("专项问题清零台账"),
               SCORES: N_("考评得分与排名")}

SATISFACTION = N_("满意率")
RESOLUTION = N_("解决率")
INDICATORS = (SATISFACTION, RESOLUTION)

DEPARTMENT = NC_("分组", "部门")
TOWN = NC_("分组", "镇街")
PEER_GROUPS = (DEPARTMENT, TOWN)

MID = N_("月中")
END = N_("月末")
CUTS = (MID, END)


@dataclass(frozen=True)
class Field:
    name: str            # canonical column name in the store
    label: str           # Chinese label shown in previews, templates and messages
    type: str            # text | month | period | rate | count | rank | group | freegroup | cut | indicator | score | scale
    aliases: tuple[str, ...]
    required: bool = False


_MONTH = Field("month", "月份", "month", ("月份", "时间", "月", "年月", "统计月份", "日期", "期间", "考核月份", "通报月份"), True)
_CUT = Field("cut", "口径", "cut", ("口径", "通报", "批次", "通报批次", "通报口径", "月中月末"))

FIELDS: dict[str, tuple[Field, ...]] = {
    UNITS: (
        Field("unit", "单位", "text", ("单位", "责任单位", "承办单位", "单位名称", "镇街", "街镇", "部门",
                                      "镇街部门", "部门镇街", "单位镇街", "镇街单位", "名称", "單位", "單位名稱", "承辦單位",
                                      "責任單位"), True),
        Field("peer_group", "分组", "group", ("分组", "类别", "单位类别", "单位类型", "类型", "组别", "序列")),
        _MONTH,
        Field("satisfaction_pct", "满意率", "rate", ("满意率", "群众满意率", "回访满意率", "满意度", "滿意率")),
        Field("resolution_pct", "解决率", "rate", ("解决率", "问题解决率", "回访解决率", "解決率")),
        Field("participation_pct", "参评率", "rate", ("参评率", "参与评价率", "回访参评率", "评价率", "参评比例", "参与率",
                                                     "參評率")),
        Field("backlog_start", N_("期初未化解"), "count", ("期初未化解", "期初积压", "上月未化解", "存量", "积压", "期初",
                                                   "月初积压", "期初存量", "上期结转", "期初不满意未解决")),
        Field("new_count", N_("本月新增"), "count", ("本月新增", "新增", "当月新增", "新增不满意未解决", "新增工单")),
        Field("resolved", N_("本月化解"), "count", ("本月化解", "化解", "化解量", "已化解", "当月化解", "化解数")),
        _CUT,
    ),
    DISTRICT: (
        _MONTH,
        Field("indicator", "指标", "indicator", ("指标", "考核指标", "项目", "指标名称")),
        # not 得分: a composite score is not a percentage (it is the 考评得分与排名 kind)
        Field("value_pct", N_("指标值"), "rate", ("指标值", "数值", "比率", "率值", "数据")),
        Field("rank", N_("全市排名"), "rank", ("全市排名", "排名", "名次", "位次")),
        # wide layout: one row per month, both indicators side by side
        Field("satisfaction_pct", "满意率", "rate", ("满意率", "群众满意率", "回访满意率")),
        Field("satisfaction_rank", N_("满意率排名"), "rank", ("满意率排名", "满意率名次", "满意率全市排名")),
        Field("resolution_pct", "解决率", "rate", ("解决率", "问题解决率", "回访解决率")),
        Field("resolution_rank", N_("解决率排名"), "rank", ("解决率排名", "解决率名次", "解决率全市排名")),
        Field("ranked_units", N_("参与排名单位数"), "count", ("参与排名单位数", "排名单位数", "参排单位数", "区县数",
                                                     "参评区县数", "参与排名区县数", "全市区县数", "总数", "单位总数"), True),
        _CUT,
    ),
    DRIVES: (
        Field("topic", N_("专项"), "text", ("专项", "领域", "专项行动", "问题类型", "主题", "事项", "专项名称"), True),
        _MONTH,
        Field("open_start", N_("期初未办结"), "count", ("期初未办结", "期初", "期初积压", "上月结转", "期初未化解", "期初数"), True),
        Field("new_count", "本月新增", "count", ("本月新增", "新增", "当月新增"), True),
        Field("resolved", N_("本月办结"), "count", ("本月办结", "办结", "化解", "已办结", "已化解", "本月化解"), True),
        Field("open_end", N_("期末未办结"), "count", ("期末未办结", "期末", "剩余", "未办结", "期末积压", "期末未化解", "期末数")),
    ),
    SCORES: (
        Field("unit", "单位", "text", ("单位", "受理单位", "承办单位", "责任单位", "单位名称", "被考核单位", "考核单位",
                                      "考评单位", "县区", "区县", "县市区", "县(市、区)", "地区", "名称", "镇街", "部门",
                                      "镇街部门", "部门镇街", "單位", "受理單位", "承辦單位", "單位名稱"), True),
        Field("peer_group", "分组", "freegroup", ("分组", "类别", "组别", "序列", "单位类别", "单位类型", "考核分组",
                                                 "考评分组", "类型")),
        Field("month", "月份", "period", _MONTH.aliases + ("考核期间", "统计期间", "考评期间", "考评月份", "统计时段"), True),
        Field("score", "得分", "score", ("得分", "考评得分", "综合得分", "评分", "考核得分", "综合考评得分", "总分",
                                        "考评成绩", "综合成绩", "分数", "成绩", "综合评分", "绩效得分", "考核成绩", "評分",
                                        "考評得分", "綜合得分"), True),
        Field("scale", "满分", "scale", ("满分", "满分值", "总分值", "分值", "满分分值")),
        Field("rank", "排名", "rank", ("排名", "名次", "位次", "组内排名", "考评排名", "得分排名", "排序")),
        Field("tickets", N_("工单数"), "count", ("总工单数", "工单数", "工单量", "交办总量", "交办量", "受理量", "办件量",
                                          "派遣案件总数", "工单总数", "承办工单数", "诉求量", "總工單數", "交辦總量")),
        _CUT,
    ),
}

# The rows of the store that one imported row replaces: a re-imported month replaces the
# whole league table of that month, but a ranking file with one indicator leaves the other.
REPLACE_SCOPE = {UNITS: ("month", "cut"), DISTRICT: ("month", "indicator", "cut"), DRIVES: ("topic", "month"),
                 SCORES: ("period_start", "month", "peer_group", "cut")}
KEYS = {UNITS: ("unit", "month", "cut"), DISTRICT: ("month", "indicator", "cut"), DRIVES: ("topic", "month"),
        SCORES: ("unit", "peer_group", "period_start", "month", "cut")}

# Field-drive topics of the plan: words in a topic label -> the curated targets topic key.
DRIVE_TOPICS = {
    "hotline.clear.resettlement_housing": ("安置房",),
    "hotline.clear.street_vending": ("占道", "摆摊", "马路摊点"),
    "hotline.clear.water_supply": ("供水", "停水", "饮水"),
}
DRIVE_LABELS = {
    "hotline.clear.resettlement_housing": N_("安置房交房后质量问题"),
    "hotline.clear.street_vending": N_("占道经营问题"),
    "hotline.clear.water_supply": N_("城乡供水问题"),
}

_TRAILING_UNIT = re.compile(r"[(\[（【]?\s*(%|％|个|件|名|位|次|户|‰)\s*[)\]）】]?$")
_TRAILING_SCALE = re.compile(r"[(\[（【]?\s*(?:满分(?:为|值)?\s*)?\d+(?:\.\d+)?\s*分\s*(?:制)?[)\]）】]?$")
_NOISE = re.compile(r"[\s_/\\、\-—:：()（）\[\]【】]")
_SCALE_IN_HEADER = re.compile(r"满分(?:为|值)?\s*(\d+(?:\.\d+)?)|[(（](\d+(?:\.\d+)?)\s*分[)）]")


def header_key(text: object) -> str:
    """'满意率（%）' / ' 满意率% ' / '满意率' -> '满意率'; '镇街/部门' -> '镇街部门';
    '得分（满分150分）' -> '得分'."""
    key = strip_invisible(text or "").strip()
    key = _TRAILING_UNIT.sub("", key)
    if not re.fullmatch(r"[(\[（【]?\s*(?:满分(?:为|值)?\s*)?\d+(?:\.\d+)?\s*分\s*(?:制)?[)\]）】]?", key):
        key = _TRAILING_SCALE.sub("", key)
    return _NOISE.sub("", key).lower()


def scale_in_header(text: object) -> str | None:
    """'得分（满分150分）' / '考评得分(150分)' -> '150'; None when the header names no full mark."""
    match = _SCALE_IN_HEADER.search(strip_invisible(text or ""))
    return (match.group(1) or match.group(2)) if match else None


def field(kind: str, name: str) -> Field:
    return next(f for f in FIELDS[kind] if f.name == name)


def alias_index(kind: str) -> dict[str, str]:
    """Normalised header -> canonical field name for one kind."""
    index: dict[str, str] = {}
    for f in FIELDS[kind]:
        for alias in (f.label, *f.aliases):
            index.setdefault(header_key(alias), f.name)
    return index


def auto_mapping(kind: str, headers: list[str]) -> dict[str, str | None]:
    """Raw header -> canonical field (None when the header is not recognised).

    The first header that matches a field wins; a later duplicate stays unmapped so the
    user decides in the mapping step.
    """
    index = alias_index(kind)
    taken: set[str] = set()
    mapping: dict[str, str | None] = {}
    for header in headers:
        name = index.get(header_key(header))
        if name and name not in taken:
            mapping[header] = name
            taken.add(name)
        else:
            mapping[header] = None
    return mapping


def drive_topic_key(label: str) -> str | None:
    """'安置房交房后质量问题' -> 'hotline.clear.resettlement_housing' (None if no plan topic fits)."""
    text = unicodedata.normalize("NFKC", str(label))
    for key, words in DRIVE_TOPICS.items():
        if any(w in text for w in words):
            return key
    return None


def unit_group(unit: str) -> str:
    """Peer group implied by a unit's name: a 街道 or 镇 is a 镇街, anything else a 部门."""
    name = unicodedata.normalize("NFKC", str(unit)).strip()
    return TOWN if name.endswith(("街道", "镇", "街道办事处", "镇人民政府")) else DEPARTMENT
