#!/usr/bin/env bash
# Installs Debian's Chromium and its driver for the browser tests (tests/report/test_browser*.py) and
# the fonts their screenshots need: Latin (Liberation) and Chinese (WenQuanYi Micro Hei), which are
# only Recommends of chromium. Idempotent: installs only what is missing, so a machine that already has
# chromium still gets the fonts. Never runs `playwright install`.
set -euo pipefail

PACKAGES=(chromium chromium-driver fonts-liberation fonts-wqy-microhei)
missing=()
for package in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if [ ! -x /usr/bin/chromium ] && [[ ! " ${missing[*]} " == *" chromium "* ]]; then
    missing+=(chromium)
fi

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-browser: chromium and the fonts are present, nothing to do"
    exit 0
fi

# shellcheck source=apt-install.sh
source "$(dirname "$0")/apt-install.sh"
apt_install "${missing[@]}"
if command -v fc-cache >/dev/null; then
    fc-cache -f >/dev/null 2>&1 || true
fi
echo "install-browser: installed ${missing[*]}; $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium')"
