#!/usr/bin/env bash
# Installs what the app (and, with --dev, the tests) need into .venv; idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
want_dev=${1:-}
if [ "$want_dev" = "--dev" ]; then
  # Browser tests drive the system Chromium; CJK fonts so screenshots and PDF exports show Chinese.
  if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || ! command -v pdftotext >/dev/null; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk fonts-noto-color-emoji poppler-utils >/dev/null
  fi
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
[ "$want_dev" = "--dev" ] && .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
exit 0
