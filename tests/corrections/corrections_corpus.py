"""The corpus summaries the corrections tests correct, in zh and en, and the content hash entries key them by."""

from __future__ import annotations

import hashlib
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
EN_FILE = CORPUS / "en_yanjing_2015_annual.txt"
ZH_FILE = CORPUS / "zh_shuikou_2020_h1.txt"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
