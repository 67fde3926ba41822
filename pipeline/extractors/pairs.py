"""Relations of two neighbouring figures in one sentence: a change shared through a conjunction, a
change restated in percent, a level before and the level reached, a parallel item that shares the
verb of the one before, a bare figure joined to one (resolved 54 and 33)."""

from __future__ import annotations

import re

from pipeline.extractors.draft import Draft
from pipeline.extractors.indicator_cues import IndicatorCues


def neighbour_pairs(text: str, drafts: list[Draft], cues: IndicatorCues) -> None:
    """Apply the pair rules below in place, in order."""
    shared_unit(text, drafts, cues)
    shared_change(text, drafts, cues)
    restated_change(text, drafts)
    from_to(text, drafts, cues)
    parallel_items(text, drafts, cues)
    joined_items(text, drafts, cues)


def shared_unit(text: str, drafts: list[Draft], cues: IndicatorCues) -> None:
    """提高9.9和4.4个百分点, rose by 9.97 and 4.45 percentage points: a bare change joined to the next
    figure by a conjunction or a list mark alone is in that figure's percent or points."""
    for previous, draft in zip(drafts, drafts[1:]):
        if previous.sentence != draft.sentence or previous.kind != "change" or previous.unit is not None \
                or draft.unit not in ("percent", "pp"):
            continue
        gap = text[previous.quantity.end : draft.quantity.start].strip()
        if cues.conjunctions.fullmatch(gap) or cues.separators.fullmatch(gap):
            previous.unit = draft.unit


def shared_change(text: str, drafts: list[Draft], cues: IndicatorCues) -> None:
    """分别下降3%与7%, fell by 3% and 7% respectively: a figure joined to a change by a conjunction
    alone is a change the same way (its sign and kind)."""
    for previous, draft in zip(drafts, drafts[1:]):
        if previous.kind != "change" or draft.kind == "change" or draft.sentence != previous.sentence \
                or draft.unit != previous.unit or draft.scope is not None:
            continue
        raw = text[previous.quantity.end : draft.quantity.start]
        gap = raw.strip(" \t,，、")
        if gap and not cues.conjunctions.fullmatch(gap):
            continue
        if gap and "," in raw and previous.unit not in ("percent", "pp"):
            continue  # fell by 4, and 30 disputes were resolved: a comma and a conjunction open a new clause
        draft.kind = "change"
        draft.value = -abs(draft.value) if previous.value < 0 else abs(draft.value)


FROM_REACH = 12  # characters before a figure searched for the mark of a level before (由, 从2022年最高)

# a comma, then a few words with no figure and no clause end (，下降 / , down / , a drop of)
RESTATING_GAP = re.compile(r"\s*[,，]\s*[^\d,，。;；.:：]{0,16}")


def restated_change(text: str, drafts: list[Draft]) -> None:
    """信访总量减少26件，下降19.7% (decreased by 26 cases, down 19.7%): a change in percent right after
    a change in counts says the same change again, so it is about what that one is about."""
    for before, after in zip(drafts, drafts[1:]):
        if before.sentence != after.sentence or before.kind != "change" or after.kind != "change" \
                or before.unit in ("percent", "pp") or after.unit != "percent" \
                or not (before.indicator or before.about) or after.named or after.about \
                or not RESTATING_GAP.fullmatch(text, before.quantity.end, after.quantity.start):
            continue
        after.about = before.indicator or before.about
        if before.refers_to is not None:
            after.refers_to = before.refers_to


def from_to(text: str, drafts: list[Draft], cues: IndicatorCues) -> None:
    """满意率由78%提升至92%, rose from 78% to 92%: the first is the level before (previous period),
    the second the level reached, of the same indicator and kind."""
    for position, (before, after) in enumerate(zip(drafts, drafts[1:])):
        if before.sentence != after.sentence or before.unit != after.unit or after.kind == "change" \
                or not cues.from_marker.search(text, max(0, before.quantity.start - FROM_REACH), before.quantity.start) \
                or not cues.from_to.fullmatch(text, before.quantity.end, after.quantity.start):
            continue
        before.scope, before.counterpart = "previous_period", position + 1  # compared with the level reached
        after.kind = before.kind if before.kind in ("rate", "share", "count") else after.kind
        after.indicator = after.indicator or before.indicator


def parallel_items(text: str, drafts: list[Draft], cues: IndicatorCues) -> None:
    """化解社区邻里纠纷52件，其他纠纷9件: a clause that only puts another level (or the rest)
    before the noun the previous figure counted shares that figure's verb, so its indicator."""
    for before, after in zip(drafts, drafts[1:]):
        if before.sentence != after.sentence or before.indicator is None or before.unit != after.unit \
                or after.part_of is not None:
            continue
        clause = text[before.quantity.end : after.quantity.start].strip(" \t,，、;；")
        noun = text[before.before[0] : before.quantity.start]
        modifier = cues.parallel_modifier.match(clause)
        if modifier is None or len(clause) - modifier.end() < 2 or not noun.endswith(clause[modifier.end() :]):
            continue
        after.indicator = before.indicator


def joined_items(text: str, drafts: list[Draft], cues: IndicatorCues) -> None:
    """resolved 54 and 33: a bare count joined to the figure before by a conjunction alone, with its
    clause ending right after it, counts what that figure counts (the verb before the first binds both)."""
    for before, after in zip(drafts, drafts[1:]):
        if before.sentence != after.sentence or before.indicator is None or after.indicator is not None \
                or before.unit != after.unit or before.kind != "count" or after.kind != "count" \
                or after.part_of is not None or before.part_of is not None:
            continue
        if cues.joined_item.fullmatch(text, before.quantity.end, after.quantity.start) \
                and cues.joined_item_end.match(text, after.quantity.end):
            after.indicator = before.indicator
