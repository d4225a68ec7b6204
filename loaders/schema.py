"""Table definitions: the data contract between loaders, the DuckDB file and the app.

Each loader module declares the tables it fills as `TABLES = [Table(...)]`; the build
creates them from these definitions and `python -m loaders.datadict` writes
docs/DATA.md from the same objects, so the dictionary cannot drift from the schema.
"""
from __future__ import annotations

from dataclasses import dataclass, field

MONEY = "DECIMAL(18,6)"  # 万元, exact: sums must equal the printed totals


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    nullable: bool = True


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = field(default=())

    def ddl(self) -> str:
        cols = [f'"{c.name}" {c.type}{"" if c.nullable else " NOT NULL"}' for c in self.columns]
        if self.primary_key:
            cols.append(f"PRIMARY KEY ({', '.join(self.primary_key)})")
        return f"CREATE TABLE {self.name} (\n  " + ",\n  ".join(cols) + "\n)"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def C(name: str, type_: str, description: str, nullable: bool = True) -> Column:
    return Column(name, type_, description, nullable)


def provenance() -> tuple[Column, Column]:
    return (C("doc_id", "VARCHAR", "来源文件 ID（见 documents.doc_id）", False),
            C("line", "INTEGER", "数值在原始文本中所在行（从 1 开始）", False))


DOCUMENTS = Table("documents", "两份公报中的全部文件：济阳公报 11 件，章丘专项整治方案 16 件。", (
    C("doc_id", "VARCHAR", "文件 ID，如 jiyang-zz-2020-081、zhangqiu-2025-01", False),
    C("bulletin", "VARCHAR", "所属公报：jiyang 或 zhangqiu", False),
    C("district", "VARCHAR", "区：济阳区 / 章丘区", False),
    C("doc_no", "VARCHAR", "文号，按原文，如 济阳政字〔2020〕81号（章丘方案无文号）"),
    C("title", "VARCHAR", "文件标题（去掉排版空格）", False),
    C("issuer", "VARCHAR", "发文机关"),
    C("signed_on", "DATE", "成文日期"),
    C("first_line", "INTEGER", "文件在原始文本中的首行", False),
    C("last_line", "INTEGER", "文件在原始文本中的末行", False),
    C("start_page", "INTEGER", "公报目录中的起始页码"),
), ("doc_id",))

TOWNS = Table("towns", "济阳区十个镇街及其区划代码（参考数据，来自 data/reference/towns.csv）。", (
    C("town_code", "VARCHAR", "12 位以内的统计区划代码，如 370115008", False),
    C("town_name", "VARCHAR", "镇街全称，如 曲堤街道", False),
    C("short_name", "VARCHAR", "简称，如 曲堤"),
    C("district", "VARCHAR", "所属区", False),
    C("kind", "VARCHAR", "镇 / 街道", False),
), ("town_code",))

DATA_QUALITY = Table("data_quality", "每一项可核对的文件数字的核对结果：合计、占比、个数、增速。", (
    C("check_id", "VARCHAR", "检查 ID，稳定可引用", False),
    C("subject", "VARCHAR", "核对对象（中文）", False),
    C("severity", "VARCHAR", "ok / warn / error", False),
    C("expected", "VARCHAR", "文件写明的值"),
    C("actual", "VARCHAR", "按明细计算的值"),
    C("message", "VARCHAR", "给用户看的中文说明", False),
    C("doc_id", "VARCHAR", "来源文件 ID"),
    C("line", "INTEGER", "写明该数字的行"),
), ("check_id",))

BUILD_INFO = Table("build_info", "本数据库的构建信息与原始文件指纹。", (
    C("key", "VARCHAR", "键", False),
    C("value", "VARCHAR", "值"),
), ("key",))

CORE_TABLES = (DOCUMENTS, TOWNS, DATA_QUALITY, BUILD_INFO)
