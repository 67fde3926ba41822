"""Decides whether a summary is Chinese or English from its script mix."""

from __future__ import annotations

import re

# runs, not single characters: far fewer strings to build; their lengths add up to the count
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile(r"[A-Za-z]+")


def detect_language(text: str) -> str:
    """'zh' when Han characters make up at least a tenth of the letters, else 'en'."""
    sample = text[:20000]
    han = sum(map(len, _HAN.findall(sample)))
    latin = sum(map(len, _LATIN.findall(sample)))
    if han == 0 and latin == 0:
        return "zh"
    # One Han character carries about as much as four Latin letters.
    return "zh" if han * 4 >= latin * 0.4 else "en"
