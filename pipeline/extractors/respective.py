"""Values listed with 分别 / respectively map, in order, onto what is listed before them: changes onto counts (or rates), percents onto the rates named."""

from __future__ import annotations

import re

from pipeline.extractors.draft import Draft
from pipeline.extractors.indicator_cues import IndicatorCues

CHANGE_GAP = 24  # characters between two listed changes at most (、 和上升, and up; ", which increased by")
CUE_GAP = 3  # characters between the last change and a trailing "respectively"
_ENDS_CLAUSE = re.compile(r"[。；;!?！？]")


def respective_changes(text: str, drafts: list[Draft], members: list[int], lo: int, hi: int,
                       cues: IndicatorCues) -> None:
    """来访90件、来信40件、网上信访30件，同比分别下降10%、6%和上升20% (visits, letters and online
    petitions were down 10%, 6% and up 20% respectively): each change is about the count in the
    same place of the list before it and takes its indicator. Set in place; a change already
    bound to a count (fell by 40% to 9) keeps it."""
    for cue in cues.respectively.finditer(text, lo, hi):
        changes = _changes_after(text, drafts, members, cue.end()) or _changes_before(text, drafts, members, cue.start())
        if len(changes) < 2:
            continue
        first = drafts[changes[0]].quantity.start
        in_points = drafts[changes[0]].unit == "pp"  # 分别提高9.9和4.4个百分点: changes of the rates listed
        counts = [i for i in members if drafts[i].quantity.end <= first
                  and (drafts[i].current_rate if in_points else drafts[i].current_count)]
        listed = _listed(text, drafts, counts, len(changes), cues)
        if listed is None:
            continue
        for change, count in zip(changes, listed):
            if drafts[change].refers_to is None:
                drafts[change].refers_to = count
                drafts[change].indicator = drafts[count].indicator


def respective_rates(text: str, drafts: list[Draft], members: list[int], lo: int, hi: int,
                     cues: IndicatorCues) -> None:
    """化解率、满意率分别为96.2%和95.9% (the resolution and satisfaction rates were 96.2% and 95.9%
    respectively): each percent is the rate named in the same place of the list before it."""
    for cue in cues.respectively.finditer(text, lo, hi):
        percents = [i for i in members if drafts[i].quantity.is_percent and drafts[i].kind != "change"]
        values = _joined_run(text, drafts, [i for i in percents if drafts[i].quantity.start >= cue.end()], cue.end()) \
            or _joined_run(text, drafts, [i for i in reversed(percents) if drafts[i].quantity.end <= cue.start()],
                           cue.start(), backwards=True)
        if len(values) < 2:
            continue
        head_end = min(cue.start(), drafts[values[0]].quantity.start)
        head_start = max([lo] + [m.end() for m in cues.list_head_breaks.finditer(text, lo, head_end)]
                         + [drafts[i].quantity.end for i in members if drafts[i].quantity.end <= head_end])
        rates = _named_rates(text[head_start:head_end], cues)
        if len(rates) == len(values):
            for index, rate in zip(values, rates):
                drafts[index].indicator, drafts[index].kind = rate, "rate"


def _joined_run(text: str, drafts: list[Draft], ordered: list[int], edge: int, backwards: bool = False) -> list[int]:
    """The figures next to the cue (after it, or before it going back), joined only by list marks."""
    run: list[int] = []
    for index in ordered:
        q = drafts[index].quantity
        gap = text[q.end : edge] if backwards else text[edge : q.start]
        if len(gap.strip(" ,，、和及与and")) > (CUE_GAP if not run and backwards else 0) or _ENDS_CLAUSE.search(gap):
            break
        run.append(index)
        edge = q.start if backwards else q.end
    return run[::-1] if backwards else run


def _named_rates(head: str, cues: IndicatorCues) -> list[str]:
    """The rates a list names, in order (化解率、群众满意率: resolution_rate, satisfaction_rate)."""
    hits = sorted((match.start(), -match.end(), indicator.entry.id) for indicator in cues.indicators
                  if indicator.entry.percent for match in indicator.pattern.finditer(head))
    named, reach = [], -1
    for start, negative_end, rate in hits:
        if start >= reach:  # a cue inside a longer one (成功率 in 调解成功率) is the same name
            named.append(rate)
            reach = -negative_end
    return named


def _changes_after(text: str, drafts: list[Draft], members: list[int], start: int) -> list[int]:
    """The changes right after the cue, each close to the one before (no other figure between)."""
    run: list[int] = []
    position = start
    for index in (i for i in members if drafts[i].quantity.start >= start):
        gap = text[position : drafts[index].quantity.start]
        if drafts[index].kind != "change" or len(gap) > CHANGE_GAP or _ENDS_CLAUSE.search(gap):
            break
        run.append(index)
        position = drafts[index].quantity.end
    return run


def _changes_before(text: str, drafts: list[Draft], members: list[int], end: int) -> list[int]:
    """The changes just before a trailing cue (down 10%, 6% and 20% respectively)."""
    before = [i for i in members if drafts[i].quantity.end <= end]
    if not before or len(text[drafts[before[-1]].quantity.end : end].strip()) > CUE_GAP:
        return []
    run: list[int] = []
    for index in reversed(before):
        if drafts[index].kind != "change":
            break
        if run:
            gap = text[drafts[index].quantity.end : drafts[run[0]].quantity.start]
            if len(gap) > CHANGE_GAP or _ENDS_CLAUSE.search(gap):
                break
        run.insert(0, index)
    return run


def _listed(text: str, drafts: list[Draft], counts: list[int], wanted: int,
            cues: IndicatorCues) -> list[int] | None:
    """The last `wanted` counts; a window that would open on the second figure of a pair (121批305
    人次: one count said twice) skips the pairs' second figures instead."""
    if len(counts) < wanted:
        return None
    window = counts[-wanted:]
    if not _pair_second(text, drafts, window[0], cues):
        return window
    firsts = [i for i in counts if not _pair_second(text, drafts, i, cues)]
    return firsts[-wanted:] if len(firsts) >= wanted else None


def _pair_second(text: str, drafts: list[Draft], index: int, cues: IndicatorCues) -> bool:
    """Whether the figure is the second of a pair of units glued to the one before (86批1203人次)."""
    if index == 0:
        return False
    previous, draft = drafts[index - 1], drafts[index]
    return previous.sentence == draft.sentence and (previous.unit, draft.unit) in cues.paired_units and \
        bool(cues.glue.fullmatch(text, previous.quantity.end, draft.quantity.start)
             or cues.paired_glue.fullmatch(text, previous.quantity.end, draft.quantity.start))
