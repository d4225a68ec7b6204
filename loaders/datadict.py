"""Write docs/DATA.md from the table definitions (so the dictionary cannot drift).

    python -m loaders.datadict            # rewrite docs/DATA.md
    python -m loaders.datadict --check    # exit 1 if docs/DATA.md is out of date
"""
from __future__ import annotations

import sys
from pathlib import Path

from loaders.build import ALL_TABLES
from loaders.labels import label_of

OUT = Path(__file__).resolve().parents[1] / "docs" / "DATA.md"


def _row(table: str, column) -> str:
    label = label_of(column.name, table)
    text, unit = (label.text, label.unit) if label else ("", "")
    return (f"| `{column.name}` | {text} | {unit} | {column.type} | {'是' if column.nullable else '否'} "
            f"| {column.description} |")


def render() -> str:
    parts = ["# 数据字典 · Data dictionary", "",
             ("由 `python -m loaders.datadict` 根据 `loaders/` 中的表定义生成，请勿手工编辑。"
              "金额单位为万元，类型 DECIMAL(18,6)，精确存储；每个事实表都带 `doc_id` 与 `line`（原文行号）。"
              "标签与单位来自 `loaders/labels.py`（界面表格与导出的列名）。"), ""]
    for table in ALL_TABLES:
        parts += [f"## `{table.name}`", "", table.description, "", "| 列 | 标签 | 单位 | 类型 | 可空 | 说明 |",
                  "|---|---|---|---|---|---|"]
        parts += [_row(table.name, c) for c in table.columns]
        if table.primary_key:
            parts += ["", f"主键：{', '.join(f'`{k}`' for k in table.primary_key)}"]
        parts.append("")
    return "\n".join(parts)


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print("docs/DATA.md 已过期：请运行 python -m loaders.datadict", file=sys.stderr)
            return 1
        return 0
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"已写入 {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
