"""Table definitions: the data contract between loaders, the DuckDB file and the app.

Each loader module declares the tables it fills as `TABLES = [Table(...)]`; the build
creates them from these definitions and `python -m loaders.datadict` writes
docs/DATA.md from the same objects, so the dictionary cannot drift from the schema.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from textkit.msg import N_

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
    return (C("doc_id", "VARCHAR", N_("来源文件 ID（见 documents.doc_id）"), False),
            C("line", "INTEGER", N_("数值在原始文本中所在行（从 1 开始）"), False))


BULLETINS = Table("bulletins", N_("每份原始公报（一个版次）：来自 data/raw/MANIFEST.csv 的登记信息与文件指纹。"), (
    C("bulletin_id", "VARCHAR", N_("公报 ID（清单中登记），如 jiyang-2020-04"), False),
    C("kind", "VARCHAR", N_("类型：gazette 区政府公报 / compendium 方案汇编 / document 单个文件"), False),
    C("district", "VARCHAR", N_("所属区县（清单登记；未登记的文件为空）")),
    C("district_code", "VARCHAR", N_("区县统计区划代码，如 370115")),
    C("issuer", "VARCHAR", N_("主办或发布机关")),
    C("title", "VARCHAR", N_("公报名称"), False),
    C("year", "INTEGER", N_("年份")),
    C("issue", "INTEGER", N_("期号（年度汇编为空）")),
    C("edition", "VARCHAR", N_("版次标签：年-期（2020-04）或年份（2025）；未登记为空")),
    C("published", "VARCHAR", N_("出版日期，按清单（YYYY、YYYY-MM 或 YYYY-MM-DD）")),
    C("file", "VARCHAR", N_("data/raw 下的文件名"), False),
    C("sha256", "VARCHAR", N_("文件的 sha256"), False),
    C("declared", "BOOLEAN", N_("是否在清单中登记（false：文件未登记，按单个文件读入）"), False),
    C("lines", "INTEGER", N_("文件行数"), False),
), ("bulletin_id",))

DOCUMENTS = Table("documents", N_("各公报中的全部文件（按公文结构拆分：发文机关、文号、标题、主送、落款、附件；方案汇编按一级标题）。"), (
    C("doc_id", "VARCHAR", N_("文件 ID：公报 ID + 在公报中的序号，如 jiyang-2020-04-02、zhangqiu-2025-01"), False),
    C("bulletin", "VARCHAR", N_("所属公报 ID（见 bulletins）"), False),
    C("district", "VARCHAR", N_("区县"), False),
    C("doc_no", "VARCHAR", N_("文号，按原文，如 济阳政字〔2020〕81号（无文号为空）")),
    C("title", "VARCHAR", N_("文件标题（去掉排版空格）"), False),
    C("issuer", "VARCHAR", N_("发文机关")),
    C("signed_on", "DATE", N_("成文日期")),
    C("first_line", "INTEGER", N_("文件在原始文本中的首行"), False),
    C("last_line", "INTEGER", N_("文件在原始文本中的末行"), False),
    C("start_page", "INTEGER", N_("公报目录中的起始页码")),
    C("seq", "INTEGER", N_("在公报中的序号（从 1 开始）"), False),
    C("edition", "VARCHAR", N_("版次标签（见 bulletins.edition）")),
    C("bulletin_kind", "VARCHAR", N_("公报类型（见 bulletins.kind）"), False),
    C("addressees", "VARCHAR", N_("主送机关，按原文")),
    C("signed_by", "VARCHAR", N_("落款机关")),
    C("attachments", "VARCHAR", N_("附件说明，按原文（多条以“；”分隔）")),
    C("structure", "VARCHAR", N_("拆分依据：doc_no 文号 / heading 一级标题 / whole 整个文件"), False),
), ("doc_id",))

TOWNS = Table("towns", N_("镇街及其统计区划代码（参考数据，来自 data/reference/towns.csv）。"), (
    C("town_code", "VARCHAR", N_("12 位以内的统计区划代码，如 370115008"), False),
    C("town_name", "VARCHAR", N_("镇街全称，如 曲堤街道"), False),
    C("short_name", "VARCHAR", N_("简称，如 曲堤")),
    C("district", "VARCHAR", N_("所属区"), False),
    C("kind", "VARCHAR", N_("镇 / 街道"), False),
), ("town_code",))

DATA_QUALITY = Table("data_quality", N_("每一项可核对的文件数字的核对结果：合计、占比、个数、增速。"), (
    C("check_id", "VARCHAR", N_("检查 ID，稳定可引用"), False),
    C("subject", "VARCHAR", N_("核对对象（中文）"), False),
    C("severity", "VARCHAR", N_("ok / info / warn / error"), False),
    C("expected", "VARCHAR", N_("文件写明的值")),
    C("actual", "VARCHAR", N_("按明细计算的值")),
    C("message", "VARCHAR", N_("给用户看的中文说明"), False),
    C("doc_id", "VARCHAR", N_("来源文件 ID")),
    C("line", "INTEGER", N_("写明该数字的行")),
    C("subject_msgid", "VARCHAR", N_("核对对象的消息模板（含占位符，界面据此翻译；旧数据库为空）")),
    C("subject_values", "VARCHAR", N_("核对对象模板的占位符取值（JSON）")),
    C("message_msgid", "VARCHAR", N_("说明的消息模板（含占位符，界面据此翻译；旧数据库为空）")),
    C("message_values", "VARCHAR", N_("说明模板的占位符取值（JSON）")),
), ("check_id",))

BUILD_INFO = Table("build_info", N_("本数据库的构建信息与原始文件指纹。"), (
    C("key", "VARCHAR", N_("键"), False),
    C("value", "VARCHAR", N_("值")),
), ("key",))

BULLETIN_LINES = Table("bulletin_lines", N_("原始公报的逐行文本（按文件原样，行号从 1 开始）：文件库阅读与引用原文用。"), (
    C("bulletin", "VARCHAR", N_("公报 ID"), False),
    C("line", "INTEGER", N_("行号（从 1 开始）"), False),
    C("text", "VARCHAR", N_("该行原文"), False),
), ("bulletin", "line"))

CORE_TABLES = (BULLETINS, DOCUMENTS, TOWNS, DATA_QUALITY, BUILD_INFO)
