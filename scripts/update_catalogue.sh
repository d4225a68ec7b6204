#!/usr/bin/env bash
# Extract every message from the code and update the English catalogue.
#   scripts/update_catalogue.sh          # then translate the new empty msgstr in locale/en/LC_MESSAGES/messages.po
# New messages come in with an empty msgstr (tests/test_i18n.py fails until they have English);
# messages no code uses any more are dropped. See docs/TRANSLATING.md.
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL=${PYBABEL:-.venv/bin/pybabel}
POT=$(mktemp --suffix=.pot)
trap 'rm -f "$POT"' EXIT
# Keep this list in step with KEYWORDS in tests/test_i18n.py.
KEYWORDS=(-k _ -k ngettext:1,2 -k pgettext:1c,2 -k N_ -k NC_:1c,2 -k Msg -k NMsg:1,2)
DIRS=(dashboard.py pages ui hotline loaders store textkit)
[ -d views ] && DIRS+=(views)
"$PYBABEL" -q extract -F babel.cfg "${KEYWORDS[@]}" --no-location --sort-output \
    --project="公报看板" -o "$POT" "${DIRS[@]}"
"$PYBABEL" -q update -i "$POT" -d locale -D messages -l en --no-fuzzy-matching --ignore-obsolete --no-wrap
# A fixed creation date: the catalogue changes only when a message does (no merge conflict on the header).
sed -i -E "s/^\"POT-Creation-Date: [^\\\\]*\\\\n\"$/\"POT-Creation-Date: 2026-01-01 00:00+0000\\\\n\"/" locale/en/LC_MESSAGES/messages.po
.venv/bin/python - <<'PY'
from babel.messages.pofile import read_po
with open("locale/en/LC_MESSAGES/messages.po", "rb") as f:
    catalog = read_po(f, locale="en")
todo = [m for m in catalog if m.id and not all(m.string if isinstance(m.string, tuple) else [m.string])]
print(f"locale/en/LC_MESSAGES/messages.po: {len(catalog)} messages, {len(todo)} without English")
for m in todo:
    print("  ", (m.context + " | ") if m.context else "", m.id if isinstance(m.id, str) else m.id[0], sep="")
PY
