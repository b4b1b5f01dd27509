#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian/Ubuntu machine, then run them.
# Used by the README's test command and by CI (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-calc-nogui)
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
# Metric-compatible fonts for the call sheet template's Arial and Calibri, so that a PDF
# has the same line breaks on every machine (a fresh one has only DejaVu).
[ -e /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf ] || need_apt+=(fonts-liberation2)
[ -e /usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf ] || need_apt+=(fonts-crosextra-carlito)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e '.[dev]'
.venv/bin/ruff check .
exec .venv/bin/python -m pytest "$@"
