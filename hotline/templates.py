"""Empty import templates (header row only) and a plain description of each column."""
from __future__ import annotations

import io

import pandas as pd

from hotline.fields import DISTRICT, DRIVES, FIELDS, KIND_LABELS, SCORES, UNITS

# The layout a template offers (district ranks: the wide layout, one row per month).
TEMPLATE_FIELDS = {
    UNITS: ("unit", "peer_group", "month", "satisfaction_pct", "resolution_pct", "participation_pct",
            "backlog_start", "new_count", "resolved", "cut"),
    DISTRICT: ("month", "satisfaction_pct", "satisfaction_rank", "resolution_pct", "resolution_rank",
               "ranked_units", "cut"),
    DRIVES: ("topic", "month", "open_start", "new_count", "resolved", "open_end"),
    SCORES: ("unit", "peer_group", "month", "score", "scale", "rank", "tickets", "cut"),
}

HELP = {
    "unit": "单位名称，如 某某街道、区某某局", "peer_group": "部门 或 镇街（不填则按名称判断）",
    "month": "2025年7月 或 2025-07", "satisfaction_pct": "95.3% 或 95.3 或 0.953",
    "resolution_pct": "同上", "participation_pct": "参与回访评价的比例，同上",
    "backlog_start": "月初尚未化解的不满意、未解决工单数", "new_count": "本月新增工单数",
    "resolved": "本月化解（办结）工单数", "cut": "月中 或 月末（不填为月末）",
    "satisfaction_rank": "全区满意率在全市的名次（1 为第一）", "resolution_rank": "全区解决率在全市的名次",
    "ranked_units": "参与全市排名的区县（单位）总数", "topic": "专项名称，如 安置房交房后质量问题",
    "open_start": "月初未办结件数", "open_end": "月末未办结件数（可不填，自动计算）",
    "score": "考评得分，如 145.76", "scale": "满分，如 100 或 150（不填则按列名、标题或页面填写的满分）",
    "rank": "在本分组内的名次（1 为第一）", "tickets": "工单数（可不填）",
}
# the scores template's 月份 also takes a cumulative period, and its 分组 any peer group
SCORE_HELP = {"month": "2025年7月，或累计期间如 2025年1—4月", "peer_group": "如 县、区/功能区、部门、镇街（不填为不分组）",
              "unit": "被考评单位，如 章丘区、明水街道"}


def template_frame(kind: str) -> pd.DataFrame:
    labels = {f.name: f.label for f in FIELDS[kind]}
    return pd.DataFrame(columns=[labels[n] for n in TEMPLATE_FIELDS[kind]])


def help_frame(kind: str) -> pd.DataFrame:
    labels = {f.name: f.label for f in FIELDS[kind]}
    help_text = HELP | (SCORE_HELP if kind == SCORES else {})
    return pd.DataFrame({"列名": [labels[n] for n in TEMPLATE_FIELDS[kind]],
                         "填写说明": [help_text[n] for n in TEMPLATE_FIELDS[kind]]})


def template_csv(kind: str) -> bytes:
    """UTF-8 with BOM so Excel on Chinese Windows opens it without garbling."""
    return template_frame(kind).to_csv(index=False).encode("utf-8-sig")


def template_xlsx(kind: str) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
        template_frame(kind).to_excel(writer, sheet_name=KIND_LABELS[kind][:31], index=False)
        help_frame(kind).to_excel(writer, sheet_name="填写说明", index=False)
    return buffer.getvalue()
