"""Convert the English dictionary `EN` of an old-style ui/i18n.py into locale/en/LC_MESSAGES/messages.po.

    python scripts/dict_to_po.py OLD_I18N_PY                # every entry of EN (the one-off conversion)
    python scripts/dict_to_po.py OLD_I18N_PY --added-only   # only the blocks headed "# --- added by NAME ---"

A branch written before gettext landed adds its English as a block at the end of the EN dict,
headed by `# --- added by NAME ---`. To merge it: `git show BRANCH:ui/i18n.py > /tmp/old.py`,
run this script with --added-only, and keep the gettext ui/i18n.py. Entries are added, or their
English updated when the msgid is already in the catalogue; nothing is removed. A key
"context|msgid" (context: a short word with no spaces, e.g. 机构|单位) becomes msgctxt + msgid.
A value that is a tuple/list of two strings, or a dict {"one": …, "other": …}, becomes a plural entry
whose Chinese plural is the same text as its singular.
"""
from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "messages.po"
MARK = re.compile(r"^\s*#\s*---\s*added by\s+(.+?)\s*---\s*$")
CONTEXT = re.compile(r"^([^\s|{}]{1,12})\|(.+)$", re.DOTALL)


def split_context(key: str) -> tuple[str | None, str]:
    found = CONTEXT.match(key)
    return (found.group(1), found.group(2)) if found else (None, key)


def entries(source: str, added_only: bool) -> list[tuple[str | None, str, object, str | None]]:
    """(context, msgid, english, block name) of the EN dict, in order."""
    tree = ast.parse(source)
    table = next(node.value for node in ast.walk(tree)
                 if isinstance(node, (ast.AnnAssign, ast.Assign)) and isinstance(node.value, ast.Dict)
                 and any(getattr(t, "id", "") == "EN" for t in ([node.target] if isinstance(node, ast.AnnAssign)
                                                               else node.targets)))
    lines = source.splitlines()
    end = table.end_lineno or len(lines)
    marks = [(number, match.group(1)) for number, line in enumerate(lines, 1)
             if table.lineno <= number <= end and (match := MARK.match(line))]
    found = []
    for key, value in zip(table.keys, table.values):
        assert key is not None, "no ** entries in EN"
        block = None
        for number, name in marks:
            if number < key.lineno:
                block = name
        if added_only and block is None:
            continue
        english = ast.literal_eval(value)
        context, msgid = split_context(ast.literal_eval(key))
        found.append((context, msgid, english, block))
    return found


def load(path: Path) -> Catalog:
    if path.exists():
        with path.open("rb") as f:
            return read_po(f, locale="en")
    return Catalog(locale="en", project="公报看板", charset="utf-8", fuzzy=False)


def merge(catalog: Catalog, found) -> tuple[int, int]:
    added = updated = 0
    for context, msgid, english, block in found:
        if isinstance(english, dict):
            english = (english["one"], english["other"])
        key = (msgid, msgid) if isinstance(english, (tuple, list)) else msgid
        string = tuple(english) if isinstance(english, (tuple, list)) else english
        old = catalog.get(msgid, context=context)
        if old is None:
            catalog.add(key, string, context=context, auto_comments=[f"added by {block}"] if block else ())
            added += 1
        elif old.string != string:
            old.string = string
            updated += 1
    return added, updated


def save(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog, width=0, omit_header=False, include_previous=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old_i18n", type=Path, help="an old-style ui/i18n.py that holds EN = {…}")
    parser.add_argument("--added-only", action="store_true", help="only the '# --- added by NAME ---' blocks")
    parser.add_argument("--po", type=Path, default=PO)
    args = parser.parse_args(argv)
    found = entries(args.old_i18n.read_text(encoding="utf-8"), args.added_only)
    catalog = load(args.po)
    added, updated = merge(catalog, found)
    save(catalog, args.po)
    blocks = sorted({b for *_, b in found if b})
    print(f"{args.po}: {added} added, {updated} updated, {len(found)} read"
          + (f" (blocks: {', '.join(blocks)})" if blocks else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
