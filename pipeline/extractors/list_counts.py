"""Numbers of the text, not figures: counts that restate how many items a list just gave (临江、高滩、
普安三个场镇) and number words inside a quoted name ("three visits and four talks")."""

from __future__ import annotations

import re

from pipeline.extractors.indicator_cues import IndicatorCues
from pipeline.numbers import Quantity

_QUOTED = re.compile(r"[“\"]([^“”\"\n]{1,80})[”\"]")
_WORDS = re.compile(r"[A-Za-z]+")
MOST_NAME_WORDS = 14  # a quoted name (a slogan, a method) is short; a longer quote is speech
_BRACKETED = re.compile(r"[（(][^（()）]*[）)]|[“\"][^“”\"]*[”\"]")  # asides and quotations
COUNTED_UNITS = {None, "item", "village"}
MOST_ITEMS = 12
HEAD_CHARS = 2  # the characters of a shared head noun (委员会, 中心, 调解室)


def restates_list(text: str, quantity: Quantity, sentence_start: int, cues: IndicatorCues) -> bool:
    """Whether a small count stands right after a list of exactly that many items in its clause."""
    if cues.enumeration is None or quantity.unit not in COUNTED_UNITS or quantity.is_percent \
            or quantity.percent_points or quantity.value_high is not None:
        return False
    value = float(quantity.value)
    if not value.is_integer() or not 2 <= value <= MOST_ITEMS:
        return False
    before = _BRACKETED.sub("", text[sentence_start : quantity.start])  # (所办院队), “4”
    breaks = list(cues.enumeration_breaks.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    clause = cues.enumeration_end.sub("", clause)
    if re.search(r"\d", clause) or not cues.enumeration.search(clause):
        return False
    items = [piece for piece in cues.enumeration.split(clause) if piece.strip()]
    if cues.enumeration_kept.search(items[0]):
        return False  # 化解王某、赵某反映的积案2个: a verb of result takes the list, the count is its result
    last = cues.conjunctions.split(items[-1]) if items else []
    pieces = items[:-1] + [piece for piece in last if piece.strip()]
    lengths = {"items": {len(pieces)}, "same_head": {_same_head_run(pieces), _same_head_run(items)}}
    return any(int(value) in lengths[kind] for kind in cues.enumeration_lengths)


def _same_head_run(pieces: list[str]) -> int:
    """How many items at the list's end share its last item's head noun (镇工会牵头成立劳动争议调解
    委员会、家事调解委员会3个: the clause's earlier items are other things): a Chinese head is the
    last characters, an English one the last word (labour disputes, land disputes, tenancy and
    family disputes five committees; the caller tries the items cut with and without conjunctions)."""
    last = pieces[-1].strip() if pieces else ""
    if len(last) >= HEAD_CHARS and all("\u4e00" <= char <= "\u9fff" for char in last[-HEAD_CHARS:]):
        head, run_over = last[-HEAD_CHARS:], [piece.strip() for piece in pieces]
    elif _WORDS.search(last):  # a whole last word, with the space before it
        head, run_over = " " + _WORDS.findall(last)[-1].lower(), [" " + piece.strip().lower() for piece in pieces]
    else:
        return 0
    run = 0
    for piece in reversed(run_over):
        if not piece.endswith(head):
            break
        run += 1
    return run


def in_quoted_name(text: str, quantity: Quantity, line_start: int, line_end: int) -> bool:
    """Whether a number written as a word stands inside a short quoted English name ("one window,
    three levels of agency", "three visits and four talks"): part of the name, not a count."""
    if not text[quantity.number_start : quantity.number_end].isalpha():
        return False  # digits in quotes ("12345") are another matter
    for match in _QUOTED.finditer(text, line_start, line_end):
        if match.start(1) <= quantity.start and quantity.end <= match.end(1):
            return len(_WORDS.findall(match.group(1))) <= MOST_NAME_WORDS
    return False
