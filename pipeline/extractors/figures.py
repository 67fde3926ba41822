"""Binds every figure of a document to what it counts: indicator, kind, unit, qualifier, relations."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from itertools import accumulate
from typing import Sequence

from pipeline.extractors.binding import SPANS_OF_TIME, bind, windows
from pipeline.extractors.draft import Draft
from pipeline.extractors.indicator_cues import CompiledIndicator, IndicatorCues, indicator_cues
from pipeline.extractors.list_counts import in_quoted_name, restates_list
from pipeline.extractors.relations import relate
from pipeline.numbers import Quantity
from pipeline.prefilter import LiteralHits
from pipeline.schema import REMAINING, Fact

MONEY_UNITS = {"yuan", "wan_yuan"}
# the floor of a hall (260平方米) and a person's age (75岁的老上访户): kind other, no figure of the work
OTHER_UNITS = {"m2", "age"}
PLOT_UNITS = {"mu", "acre"}  # a plot's area (20户17亩承包地) is kind other unless it profiles the place
TERRITORY_UNITS = {"km2"}  # square kilometres (covering 156 km2) measure the place itself: a profile
TIME_UNITS = SPANS_OF_TIME | {None}  # 15日内 is a duration; 80件以内 a bounded count
_YEAR = re.compile(r"(?:19|20)\d\d")


def _classify(text: str, draft: Draft, scope: tuple[int, int], cues: IndicatorCues, lang: str,
              found: LiteralHits | None = None, year: int | None = None, planned: bool = False) -> None:
    """Indicator, kind, unit, value sign, scope and period of one figure (`year`: the summary's;
    `planned`: the figure lies in a plans section, so it is a target unless it counts what is
    left to do, which is flagged `remaining`)."""
    q = draft.quantity
    before = text[draft.before[0] : draft.before[1]]
    after = text[draft.after[0] : draft.after[1]]
    indicator = bind(text, draft, scope, cues, lang, found)
    draft.subject = _subject(before, after, lang, cues.subject_trim)
    if indicator is not None and not indicator.entry.percent and \
            (cues.category.search(before.strip()) or cues.category_after.search(after)):
        indicator = None  # 市政设施类356件, 164 about labor disputes: a category of a breakdown
    draft.indicator = indicator.entry.id if indicator else None
    previous = _previous(before, after, cues, lang, year)
    # what is left to do (剩余3件) matters in a plans section only
    stock = planned and (cues.stock.search(before) is not None or cues.stock_after.search(after) is not None)
    down, up = cues.change_down.search(before), cues.change_up.search(before)
    changed, down_after = (down or up) and (q.is_percent or q.percent_points or _right_before(before, down or up)), None
    if not changed:
        down_after = cues.change_down_after.search(after)
        changed = down_after or cues.change_up_after.search(after)
    if changed:
        draft.kind = "change"
        draft.named = draft.indicator if indicator is not None and indicator.entry.percent else None
        draft.about = draft.indicator if indicator is not None and not indicator.entry.percent else None
        if indicator is None and (q.is_percent or q.percent_points):  # repeat petitions fell by 40%
            counted = bind(text, replace(draft, quantity=replace(q, is_percent=False, percent_points=False, unit=None)),
                           scope, cues, lang, found)
            draft.about = counted.entry.id if counted is not None and not counted.entry.percent else None
            cue = down or up
            if cue is not None and cues.category.search(before[: cue.start()].strip(" \t，,；;")):
                draft.about, draft.category = None, True  # 邻里纠纷同比下降48.8%: one kind of dispute, a part
        draft.indicator = None
        falling = (_latest(down, up) is down) if (down or up) else bool(down_after)
        draft.value = -abs(q.value) if falling else abs(q.value)
        draft.unit = "pp" if q.percent_points else ("percent" if q.is_percent else q.unit)
    elif q.is_percent or q.percent_points:
        _classify_percent(draft, indicator, before, after, bool(previous), cues)
    elif indicator is not None and indicator.entry.percent:
        draft.kind, draft.unit = "rate", "percent"
        draft.flags.append("percent_sign_missing")
    else:
        if previous:
            draft.scope = "previous_period"
        # the period a count is per is named around the figure, never inside its unit (half a year)
        beyond = text[max(draft.after[0], q.end) : draft.after[1]]
        _classify_plain(draft, indicator, before + " " + beyond, cues, after)
    if draft.scope is None and not previous and (planned and not stock or cues.target.search(_own(before, cues))):
        draft.scope = "target"  # 力争化解率达到95%以上; a plans section's 全年培训不少于4次
    elif planned and stock and draft.scope is None and draft.kind == "count":
        draft.flags.append(REMAINING)  # 对剩余3件重复信访事项逐一复核: what is left to do


def _own(before: str, cues: IndicatorCues) -> str:
    """The clause before a figure from the last label colon on (来信：12件 names its own count)."""
    labelled = list(cues.label_mark.finditer(before))
    return before[labelled[-1].end():] if labelled else before


def _previous(before: str, after: str, cues: IndicatorCues, lang: str, year: int | None) -> bool:
    """Whether a figure counts a previous period. With the summary's year known, a year stated in
    the cue or in the clause before the figure decides: an earlier year is a previous period, the
    summary's own year is not (in 2020 the town received 64, in a 2020 summary)."""
    cue = cues.previous_period.search(before) or (cues.previous_period.search(after) if lang == "en" else None) \
        or cues.previous_after.search(after)
    if year is None:
        return cue is not None
    if cue is not None:
        named = _YEAR.search(cue.group())
        return named is None or int(named.group()) < year
    stated = [int(match.group("year")) for match in cues.stated_year.finditer(before)]
    return bool(stated) and stated[-1] < year


def _classify_percent(draft: Draft, indicator: CompiledIndicator | None, before: str, after: str,
                      previous: bool, cues: IndicatorCues) -> None:
    draft.unit = "pp" if draft.quantity.percent_points else "percent"
    is_rate = indicator is not None and indicator.entry.percent
    if previous and not is_rate:  # 比去年同期的95.4%: last period's rate
        draft.kind, draft.scope = "rate", "previous_period"
    elif (cues.share.search(before + " " + after) or cues.share_after.search(after)) and not is_rate:
        draft.kind, draft.indicator = "share", None
    else:
        draft.kind = "rate" if is_rate or cues.rate_word.search(before) else "other"


def _classify_plain(draft: Draft, indicator: CompiledIndicator | None, around: str, cues: IndicatorCues,
                    after: str = "") -> None:
    q = draft.quantity
    screen = _any_of(cues.per)  # most figures name no period: one search says so
    per = None if screen is not None and screen.search(around) is None else \
        next((period for period, pattern in cues.per if pattern.search(around)), None)
    if q.qualifier == "within" and q.unit in TIME_UNITS:
        draft.kind, draft.indicator = "duration", None
    elif q.unit in SPANS_OF_TIME and indicator is None and per is None:
        draft.kind = "duration"  # 为期三个月, 24小时值班, 两年间: a span of time, not a count
    elif q.unit in MONEY_UNITS:
        draft.kind, draft.indicator = "amount", None
    elif q.unit in OTHER_UNITS or q.unit in PLOT_UNITS and (indicator is None or indicator.entry.kind != "profile"):
        draft.kind, draft.indicator = "other", None
    elif per is not None and draft.scope is None:
        draft.kind, draft.per = "frequency", per
    elif indicator is not None and indicator.entry.kind == "profile" or indicator is None and \
            (q.unit in TERRITORY_UNITS or cues.profile_head.match(after)):  # three counties, four communities
        draft.kind = "profile"
    else:
        draft.kind = "count"
    if draft.kind == "duration" and draft.scope == "previous_period":
        draft.scope = None  # over four years, fallen from 410 to 170: a span is of no period


_screens: dict[int, tuple[tuple, re.Pattern[str] | None]] = {}


def _any_of(named: tuple[tuple[str, re.Pattern[str]], ...]) -> re.Pattern[str] | None:
    """One alternation of the named patterns, which matches somewhere exactly when one of them does;
    None when they cannot be joined so (groups, flags that differ). Built once per tuple of patterns."""
    kept = _screens.get(id(named))
    if kept is not None and kept[0] is named:
        return kept[1]
    patterns = [pattern for _, pattern in named]
    joined = None
    if patterns and not any(p.groups for p in patterns) and len({p.flags for p in patterns}) == 1:
        try:
            joined = re.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags)
        except re.error:
            joined = None
    if len(_screens) >= 16:  # cues are built once per language: only tests make more
        _screens.clear()
    _screens[id(named)] = (named, joined)
    return joined


def _right_before(before: str, match) -> bool:
    return match is not None and len(before) - match.end() <= 3


def _latest(down, up):
    if down is None or up is None:
        return down or up
    return down if down.start() >= up.start() else up


def _subject(before: str, after: str, lang: str, trim: str) -> str | None:
    before, after = before.strip(trim), after.strip(trim)
    if lang == "en":
        words = after.split()
        phrase = " ".join(words[:8]) if words and words[0][:1].isalpha() else " ".join(before.split()[-6:])
    else:
        phrase = before[-20:] if before else after[:12]
    return phrase or None


def _sentence_scope(text: str, sentences: list[tuple[int, int]], index: int,
                    cues: IndicatorCues) -> tuple[int, int]:
    """The sentence of a figure, with the one before it when it refers back (17 of them were …)."""
    lo, hi = sentences[index]
    if index and cues.anaphora.search(text[lo:hi].strip()):
        lo = sentences[index - 1][0]
    return lo, hi


def extract_figures(text: str, quantities: list[Quantity], sentences: list[tuple[int, int]],
                    lang: str, offset: int = 0, surface_text: str | None = None,
                    year: int | None = None, plans: Sequence[tuple[int, int]] = ()) -> list[Fact]:
    """Facts for the figures of one document.

    `text` is the document's matching view, `surface_text` the same span as written in the
    file (defaults to `text`), `offset` the document's start in the file, `year` the year the
    summary reports on (when known: it tells a previous year's figure from a current one),
    `plans` the spans of its plans sections (their figures are targets, or counts of what is left).
    """
    cues = indicator_cues(lang)
    sentences = sentences or [(0, len(text))]
    starts = [s for s, _ in sentences]
    quantities = [q for q in quantities if not restates_list(
        text, q, sentences[max(0, bisect.bisect_right(starts, q.start) - 1)][0], cues)
        and not (lang == "en" and in_quoted_name(text, q, *sentences[max(0, bisect.bisect_right(starts, q.start) - 1)]))]
    drafts: list[Draft] = []
    found = cues.literals.scan(text)  # where each cue's literal occurs, for every window below
    scopes: dict[int, tuple[int, int]] = {}
    plans = sorted(plans)  # bisected below: the furthest end of the plans starting up to each
    plan_starts, plan_reach = [lo for lo, _ in plans], list(accumulate((hi for _, hi in plans), max))
    for position, quantity in enumerate(quantities):
        sentence = max(0, bisect.bisect_right(starts, quantity.start) - 1)
        previous_end = quantities[position - 1].end if position else 0
        next_start = quantities[position + 1].start if position + 1 < len(quantities) else len(text)
        before, after = windows(text, quantity, sentences[sentence], (previous_end, next_start), cues, lang)
        draft = Draft(quantity, sentence, before, after, value=quantity.value, unit=quantity.unit)
        chained = drafts and drafts[-1].sentence == sentence
        # the exclusion stretch reaches back over figures that bound nothing (信访积案15件，已化解12件),
        # not over one that named its own count (热线27件，…来访79次，…办结率100%)
        draft.reach = (drafts[-1].reach if drafts[-1].indicator is None else drafts[-1].before[0]) if chained else before[0]
        last_plan = bisect.bisect_right(plan_starts, quantity.start) - 1
        planned = last_plan >= 0 and plan_reach[last_plan] > quantity.start
        if sentence not in scopes:  # the figures of one sentence share it
            scopes[sentence] = _sentence_scope(text, sentences, sentence, cues)
        scope = scopes[sentence]
        if scope[0] < sentences[sentence][0]:  # 17 of them were resolved: the topic of the sentence before
            draft.reach = scope[0]
        _classify(text, draft, scope, cues, lang, found, year, planned)
        drafts.append(draft)
    relate(text, drafts, sentences, cues)
    return _facts(surface_text if surface_text is not None else text, drafts, offset)


def _ends(draft: Draft) -> tuple[float | int, float | int | None]:
    """(value, value_max): a falling range (下降2至3个百分点) runs from -3 to -2."""
    high = draft.quantity.value_high
    if high is None:
        return draft.value, None
    return (-high, draft.value) if draft.value < 0 else (draft.value, high)


def _facts(text: str, drafts: list[Draft], offset: int) -> list[Fact]:
    ids = [f"f{number}" for number in range(1, len(drafts) + 1)]
    return [
        Fact(
            id=ids[index], indicator=draft.indicator, subject=draft.subject,
            value=_ends(draft)[0], value_max=_ends(draft)[1],
            unit=draft.unit, kind=draft.kind, qualifier=draft.quantity.qualifier,
            part_of=ids[draft.part_of] if draft.part_of is not None else None,
            refers_to=ids[draft.refers_to] if draft.refers_to is not None else None,
            start=offset + draft.quantity.start, end=offset + draft.quantity.end,
            surface=text[draft.quantity.start : draft.quantity.end],
            per=draft.per, scope=draft.scope, flags=tuple(draft.flags),
        )
        for index, draft in enumerate(drafts)
    ]
