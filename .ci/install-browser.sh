#!/usr/bin/env bash
# Installs the browser the UI end-to-end tests drive: Debian's chromium plus a CJK font
# (without it Chinese names render as boxes in screenshots). A no-op when chromium is present.
# Never `npx playwright install`: the tests use playwright-core with /usr/bin/chromium.
set -euo pipefail
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi 'wenquanyi'; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-browser: not root and no sudo; the UI end-to-end tests will be skipped" >&2
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium fonts-wqy-microhei
