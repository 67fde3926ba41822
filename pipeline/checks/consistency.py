"""Consistency rules: one indicator with one value, no dates after the report period."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from itertools import accumulate
from typing import Iterator

from pipeline.checks.base import CheckContext, Hit, LanguageData, rule_book
from pipeline.schema import REMAINING, Fact, Period

NOT_COMPARED = ("change",)  # 同比 and 环比 changes of one indicator differ by design


def _ancestors(ctx: CheckContext, fact: Fact) -> set[str]:
    seen: set[str] = set()
    current = ctx.fact(fact.part_of)
    while current is not None and current.id not in seen:
        seen.add(current.id)
        current = ctx.fact(current.part_of)
    return seen


def conflicting_values(ctx: CheckContext) -> Iterator[Hit]:
    """Exact facts of one single-valued indicator, kind, unit, scope and frequency, different values."""
    single = rule_book().single_valued
    groups: dict[tuple, list[Fact]] = defaultdict(list)
    for fact in ctx.record.facts:
        if fact.indicator in single and fact.qualifier is None and fact.value_max is None \
                and fact.kind not in NOT_COMPARED \
                and REMAINING not in fact.flags:
            groups[(fact.indicator, fact.kind, fact.unit, fact.scope, fact.per)].append(fact)
    for (indicator, *_), facts in groups.items():
        involved = _conflicting(ctx, facts)
        if not involved:
            continue
        chosen = sorted((f for f in facts if f.id in involved), key=lambda f: f.start)
        yield Hit("conflicting-values", chosen[0].start, chosen[0].end,
                  {"indicator": indicator, "values": tuple(f.surface for f in chosen)}, tuple(f.id for f in chosen))


def _conflicting(ctx: CheckContext, facts: list[Fact]) -> set[str]:
    """Ids of the facts with another value in the group from a fact that is neither their part
    nor their total nor in their sentence; in one pass over the facts and their part_of chains."""
    by_value: dict[float, int] = defaultdict(int)
    for fact in facts:
        by_value[fact.value] += 1
    if len(by_value) < 2:
        return set()
    members = {fact.id: fact for fact in facts}
    related: dict[str, set[str]] = defaultdict(set)  # fact id -> its parts and totals in the group
    for fact in facts:
        for other in _ancestors(ctx, fact) & members.keys():
            if other != fact.id:
                related[fact.id].add(other)
                related[other].add(fact.id)
    # a sentence that gives one indicator two values lists its kinds (到市访7批，到省访1批; 村级纠纷78件，
    # 镇级纠纷37件): it does not contradict itself
    by_sentence: dict[int, list[str]] = defaultdict(list)
    for fact in facts:
        by_sentence[ctx.sentence_index(fact.start)].append(fact.id)
    for ids in by_sentence.values():
        for fact_id in ids:
            related[fact_id].update(other for other in ids if other != fact_id)
    involved = set()
    for fact in facts:
        others = len(facts) - by_value[fact.value]
        if others > sum(members[other].value != fact.value for other in related[fact.id]):
            involved.add(fact.id)
    return involved


def _overlaps(starts: list[int], reach: list[int], start: int, end: int) -> bool:
    """Whether a span of a list sorted by start (`reach`: the furthest end up to each) overlaps [start, end)."""
    last = bisect_left(starts, end) - 1  # the last span starting before `end`
    return last >= 0 and reach[last] > start


def _number(token: str | None, lang: LanguageData, table: dict[str, int]) -> int | None:
    if not token:
        return None
    key = token.strip().rstrip(".").lower()
    if key in table:
        return table[key]
    if key.isdigit():
        return int(key)
    digits = [lang.raw.digits.get(ch, int(ch) if ch.isdigit() else None) for ch in key]
    if not digits or None in digits:
        return None
    return int("".join(str(d) for d in digits))


def _period_end(period: Period) -> tuple[int, int] | None:
    if period.year is None:
        return None
    if period.quarter:
        return period.year, 3 * period.quarter
    return period.year, 6 if period.half == 1 else 12


def _plus_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _matches(ctx: CheckContext) -> Iterator[tuple[str, re.Match[str]]]:
    """Date and range matches in the record, earlier patterns first, no overlaps, no figures."""
    taken = sorted((f.start, f.end) for f in ctx.record.facts)
    taken_starts, taken_reach = [s for s, _ in taken], list(accumulate((e for _, e in taken), max))
    found: list[tuple[int, int]] = []  # the matches kept, sorted: they never overlap, so their ends rise too
    found_starts: list[int] = []
    found_ends: list[int] = []
    for kind, pattern in ctx.lang.patterns:
        for match in pattern.finditer(ctx.text, ctx.record.start, ctx.record.end):
            start, end = match.span()
            if _overlaps(taken_starts, taken_reach, start, end) or _overlaps(found_starts, found_ends, start, end):
                continue
            at = bisect_left(found, (start, end))
            found.insert(at, (start, end))
            found_starts.insert(at, start)
            found_ends.insert(at, end)
            yield kind, match


def _announces_future(ctx: CheckContext, pos: int) -> bool:
    start, end = ctx.sentence_span(pos)
    return ctx.in_plans(pos) or bool(ctx.lang.future.search(ctx.text, start, end))


def future_date(ctx: CheckContext) -> Iterator[Hit]:
    """Dates after the report period (plus a grace period), and year ranges in reverse order."""
    lang, period = ctx.lang, ctx.record.period
    end = _period_end(period)
    allowed = _plus_months(*end, ctx.config.future_grace_months) if end else None
    for kind, match in _matches(ctx):
        year = _number(match.group("year"), lang, {})
        if year is None or not 1900 <= year <= 2099:
            continue
        if kind == "range":
            last = _number(match.group("end_year"), lang, {})
            if last is not None and year > last:
                yield Hit("future-date", match.start(), match.end(),
                          {"surface": match.group(0), "first": year, "last": last}, variant="order")
                continue
        month = _number(match.groupdict().get("month"), lang, lang.raw.months)
        if allowed is None or not _after(year, month, allowed):
            continue
        if _announces_future(ctx, match.start()):
            continue
        yield Hit("future-date", match.start(), match.end(),
                  {"date": match.group(0).strip(), "period": period.raw or str(period.year),
                   "period_end": f"{end[0]}-{end[1]:02d}"})


def _after(year: int, month: int | None, allowed: tuple[int, int]) -> bool:
    if month is None or not 1 <= month <= 12:
        return year > allowed[0]
    return (year, month) > allowed
