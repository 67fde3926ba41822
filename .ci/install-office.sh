#!/usr/bin/env bash
# Installs what reading .doc/.wps files and the PDF tests need: Debian's LibreOffice Writer without
# a GUI (soffice converts .doc and .wps to .docx, pipeline/office_convert.py) and a TrueType
# Chinese font (fonts-wqy-microhei: reportlab embeds it in the PDFs the tests write).
# Idempotent: does nothing when both are present. Tests that need soffice skip without it.
set -euo pipefail

FONT=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
if command -v soffice >/dev/null 2>&1 && [ -f "$FONT" ]; then
    echo "install-office: soffice and the CJK font present, nothing to do"
    exit 0
fi

# shellcheck source=apt-install.sh
source "$(dirname "$0")/apt-install.sh"
apt_install libreoffice-writer-nogui fonts-wqy-microhei
echo "install-office: $(soffice --version 2>/dev/null | head -n 1 || echo 'soffice installed')"
