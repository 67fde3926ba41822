"""Counts that restate how many items a list just gave (临江、高滩、普安三个场镇): numbers of the text, not figures."""

from __future__ import annotations

import re

from pipeline.extractors.indicator_cues import IndicatorCues
from pipeline.numbers import Quantity

_BRACKETED = re.compile(r"[（(][^（()）]*[）)]|[“\"][^“”\"]*[”\"]")  # asides and quotations
COUNTED_UNITS = {None, "item", "village"}
MOST_ITEMS = 12


def restates_list(text: str, quantity: Quantity, sentence_start: int, cues: IndicatorCues) -> bool:
    """Whether a small count stands right after a list of exactly that many items in its clause."""
    if cues.enumeration is None or quantity.unit not in COUNTED_UNITS or quantity.is_percent \
            or quantity.percent_points or quantity.value_high is not None:
        return False
    value = float(quantity.value)
    if not value.is_integer() or not 2 <= value <= MOST_ITEMS:
        return False
    before = _BRACKETED.sub("", text[sentence_start : quantity.start])  # (所办院队), “4”
    breaks = list(cues.breaks.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    clause = cues.enumeration_end.sub("", clause)
    if re.search(r"\d", clause) or not cues.enumeration.search(clause):
        return False
    items = [piece for piece in cues.enumeration.split(clause) if piece.strip()]
    last = cues.conjunctions.split(items[-1]) if items else []
    count = len(items) - 1 + len([piece for piece in last if piece.strip()])
    return count == int(value)
