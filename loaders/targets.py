"""Numeric commitments of both bulletins: rates, counts and dates with deadlines."""
from __future__ import annotations

from loaders.base import Context, LoadResult
from loaders.schema import C, Table, provenance

TABLES = [
    Table("targets", "两份公报中的数字化承诺（比例、数量、日期）。", (
        C("target_id", "VARCHAR", "承诺 ID（稳定）", False),
        C("doc_id", "VARCHAR", "来源文件 ID", False),
        C("district", "VARCHAR", "区", False),
        C("subject", "VARCHAR", "承诺对象（中文短语）", False),
        C("value", "DOUBLE", "数值"),
        C("unit", "VARCHAR", "单位（%、个、万亩、名次 等）"),
        C("comparator", "VARCHAR", ">= / > / <= / < / = / 清零"),
        C("deadline", "DATE", "期限"),
        C("deadline_text", "VARCHAR", "期限（原文）"),
        C("responsible", "VARCHAR", "责任单位（规范名，多个用、分隔）"),
        C("topic", "VARCHAR", "机器可读的主题键，如 hotline.monthly_resolution"),
        C("quote", "VARCHAR", "原文句子", False),
        C("line", "INTEGER", "所在行", False))),
]


def load(ctx: Context) -> LoadResult:
    return LoadResult()
