#!/usr/bin/env bash
# Installs Debian's Chromium and its driver for the browser test (tests/report/test_browser.py).
# Idempotent: does nothing when /usr/bin/chromium exists. Never runs `playwright install`.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    echo "install-browser: /usr/bin/chromium present, nothing to do"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# Fonts are only Recommends of chromium: Latin (Liberation) and Chinese (WenQuanYi) glyphs for screenshots.
$SUDO apt-get install -y -qq --no-install-recommends \
    chromium chromium-driver fonts-liberation fonts-wqy-microhei >/dev/null
echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium installed')"
