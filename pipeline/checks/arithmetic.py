"""Arithmetic rules: rates within 100%, breakdowns that add up, shares, rates and changes that recompute."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from typing import Iterator

from pipeline.checks.base import (
    EPSILON,
    CheckContext,
    Hit,
    approximate,
    compatible,
    decimals,
    fmt,
    half_unit,
    rule_book,
    unit_family,
)
from pipeline.checks.bounds import highest, lowest, ranged
from pipeline.checks.table_rates import table_rate_facts, table_rate_mismatch
from pipeline.schema import Fact

RATIO_KINDS = ("rate", "share")
NOT_PARTS = ("rate", "share", "change", "frequency", "duration")
LOWER_BOUNDED = (None, "more_than", "at_least")  # the value is exact or a lower bound (a range: its lower end)
UPPER_BOUNDED = (None, "less_than")  # the value is exact or an upper bound (a range: value_max)
COMPLETE = "complete_breakdown"


def _what(fact: Fact) -> str:
    return fact.indicator or fact.subject or fact.kind


def rate_over_100(ctx: CheckContext) -> Iterator[Hit]:
    """A rate or share above 100%, or "more than 100%"."""
    for fact in ctx.record.facts:
        if fact.kind not in RATIO_KINDS or fact.unit not in ("percent", None):
            continue
        above = fact.value > 100 + EPSILON
        at_least = abs(fact.value - 100) <= EPSILON and fact.qualifier == "more_than"
        if above or at_least:
            yield Hit("rate-over-100", fact.start, fact.end,
                      {"what": _what(fact), "stated": fmt(fact.value), "surface": fact.surface}, (fact.id,),
                      variant="more_than" if fact.qualifier == "more_than" else None)


def percent_sign_missing(ctx: CheckContext) -> Iterator[Hit]:
    for fact in ctx.record.facts:
        if "percent_sign_missing" in fact.flags:
            yield Hit("percent-sign-missing", fact.start, fact.end,
                      {"surface": fact.surface, "value": fmt(fact.value)}, (fact.id,))


def certain(total: Fact) -> bool:
    """Whether a total is known well enough for an error: it counts a named indicator. A total
    the pipeline could not bind (全县28个乡镇…其中一个镇收到来信9200条) may be no total of the parts at
    all, so a finding on it is at most a warning."""
    return total.indicator is not None


def _breakdowns(ctx: CheckContext) -> Iterator[tuple[Fact, list[Fact]]]:
    """(total, parts) per breakdown: parts of one total, grouped by sentence, then by clause
    when a sentence holds several lists (按渠道…；按内容…)."""
    by_total: dict[str, list[Fact]] = defaultdict(list)
    for fact in ctx.record.facts:
        if fact.part_of and fact.kind not in NOT_PARTS:
            by_total[fact.part_of].append(fact)
    for total_id, parts in by_total.items():
        total = ctx.fact(total_id)
        if total is None or total.kind in NOT_PARTS:
            continue
        parts = [p for p in parts if compatible(p.unit, total.unit) and p.scope == total.scope]
        sentences: dict[int, list[Fact]] = defaultdict(list)
        for part in sorted(parts, key=lambda p: p.start):
            sentences[ctx.sentence_index(part.start)].append(part)
        for group in sentences.values():
            for clause_group in _clause_groups(ctx, group):
                yield total, clause_group


def _clause_groups(ctx: CheckContext, group: list[Fact]) -> list[list[Fact]]:
    """One sentence's parts of one total, split into the lists it holds: a breakdown cue after a
    list of two or more parts, or after a clause boundary, opens another breakdown of the same
    total (其中来信…；其中上级转办…), while one inside a list is a nested one (其中来信30件，包括网上
    来信5件，来访25件); a clause boundary alone splits when several clauses each list two or more
    parts (按渠道…；按内容…)."""
    lists = [[group[0]]]
    for previous, part in zip(group, group[1:]):
        between = (previous.end, part.start)
        if ctx.breakdown_cue.search(ctx.text, *between) and \
                (len(lists[-1]) >= 2 or ctx.lang.clause.search(ctx.text, *between)):
            lists.append([part])
        else:
            lists[-1].append(part)
    return [clause for parts in lists for clause in _clauses(ctx, parts)]


def _clauses(ctx: CheckContext, group: list[Fact]) -> list[list[Fact]]:
    start, end = ctx.sentence_span(group[0].start)
    cuts = [start + m.end() for m in ctx.lang.clause.finditer(ctx.text, start, end)]
    clauses: dict[int, list[Fact]] = defaultdict(list)
    for part in group:
        clauses[bisect_right(cuts, part.start)].append(part)  # the cuts at or before it
    if len(clauses) > 1 and sum(1 for c in clauses.values() if len(c) >= 2) >= 2:
        return list(clauses.values())
    return [group]


def _parts_text(parts: list[Fact]) -> str:
    return " + ".join(fmt(p.value) for p in parts)


def parts_exceed_total(ctx: CheckContext) -> Iterator[Hit]:
    """Parts of one breakdown whose (lower-bound) sum is above the total's (upper-bound) value."""
    for total, parts in _breakdowns(ctx):
        if total.qualifier not in UPPER_BOUNDED:
            continue
        counted = [p for p in parts if p.qualifier in LOWER_BOUNDED]
        low = sum(lowest(p) for p in counted)
        if not counted or low <= highest(total) + EPSILON:
            continue
        rough = approximate([total, *parts])
        yield Hit("parts-exceed-total", parts[0].start, parts[0].end,
                  {"parts": _parts_text(counted), "sum": fmt(low), "total": fmt(total.value),
                   "total_surface": total.surface},
                  tuple(p.id for p in parts) + (total.id,),
                  variant="approximate" if rough else None,
                  max_severity="warning" if rough or not certain(total) else None)


def parts_short_of_total(ctx: CheckContext) -> Iterator[Hit]:
    """A breakdown presented as complete (flag complete_breakdown) that sums below its total."""
    for total, parts in _breakdowns(ctx):
        if not any(COMPLETE in p.flags for p in parts) or len(parts) < 2:
            continue
        if total.qualifier not in LOWER_BOUNDED or any(p.qualifier not in UPPER_BOUNDED for p in parts):
            continue
        high = sum(highest(p) for p in parts)
        if high < lowest(total) - EPSILON:
            yield Hit("parts-short-of-total", parts[0].start, parts[0].end,
                      {"parts": _parts_text(parts), "sum": fmt(high), "total": fmt(total.value),
                       "total_surface": total.surface},
                      tuple(p.id for p in parts) + (total.id,))


def _shown(value: float, stated: Fact) -> str:
    return fmt(value, max(1, decimals(stated) + 1))


def share_mismatch(ctx: CheckContext) -> Iterator[Hit]:
    """A share recomputed as part / total of the breakdown its part belongs to."""
    floor = ctx.config.share_tolerance
    for share in ctx.record.facts:
        if share.kind != "share" or share.unit not in ("percent", None) or share.scope == "target":
            continue
        part = ctx.fact(share.refers_to)
        total = ctx.fact(part.part_of) if part else None
        total = total or ctx.fact(share.part_of)
        if part is None or total is None or not total.value or approximate([share, part, total]) \
                or ranged([share, part, total]):
            continue
        if not compatible(part.unit, total.unit):
            continue
        computed = part.value / total.value * 100
        if abs(computed - share.value) > max(half_unit(share), floor) + EPSILON:
            yield Hit("share-mismatch", share.start, share.end,
                      {"stated": fmt(share.value, decimals(share)), "part": fmt(part.value), "total": fmt(total.value),
                       "computed": _shown(computed, share)},
                      (share.id, part.id, total.id), max_severity=None if certain(total) else "warning")


def _base(ctx: CheckContext, indicators, scope, family) -> tuple[float, tuple[Fact, ...]] | None | bool:
    """(sum, facts) of a base; None when a count is missing; False when one is ambiguous."""
    facts = []
    for indicator in indicators:
        if not ctx.counts(indicator, scope, family):
            return None
        fact = ctx.unique_count(indicator, scope, family)
        if fact is None or fact.qualifier or fact.value_max is not None:
            return False
        facts.append(fact)
    total = sum(f.value for f in facts)
    return (total, tuple(facts)) if total else None


def _bases(ctx: CheckContext, spec, scope, family) -> list[tuple[float, tuple[Fact, ...]]]:
    """The base a finding would name first, then every other base that may silence it."""
    primary = None
    for indicators in spec.denominators:
        primary = _base(ctx, indicators, scope, family)
        if primary is False:
            return []
        if primary:
            break
    if not primary:
        return []
    others = [_base(ctx, i, scope, family) for i in (*spec.denominators, *spec.alternatives)]
    return [primary, *(b for b in others if b and b != primary)]


def _beside(ctx: CheckContext, rate: Fact, numerator: Fact) -> list[tuple[float, tuple[Fact, ...]]]:
    """调解45件，调解成功42件，调解成功率93.3%: where the summary states no count of the rate's base, the
    count right before the numerator, the rate right after it, all in one sentence, is the base (the
    relation is stated by the order, as a reader takes it)."""
    facts = ctx.record.facts
    at = next((i for i, f in enumerate(facts) if f.id == numerator.id), None)
    if at is None or at == 0 or at + 1 >= len(facts) or facts[at + 1].id != rate.id:
        return []
    base = facts[at - 1]
    if base.kind != "count" or base.indicator == numerator.indicator or base.part_of is not None or base.scope != rate.scope \
            or base.qualifier or base.value_max is not None or not base.value \
            or unit_family(base.unit) != unit_family(numerator.unit) \
            or any(ch in "。；;!?！？\n" for ch in ctx.text[base.end : rate.start]):
        return []
    return [(base.value, (base,))]


def rate_mismatch(ctx: CheckContext) -> Iterator[Hit]:
    """A settlement or resolution rate recomputed from its counts in the same record and scope."""
    floor = ctx.config.rate_tolerance
    rates = rule_book().rates
    in_tables = table_rate_facts(ctx)  # a table's rate is checked against its own row (table_rates.py)
    yield from table_rate_mismatch(ctx)
    for rate in ctx.record.facts:
        spec = rates.get(rate.indicator or "")
        if spec is None or rate.kind != "rate" or rate.qualifier or rate.unit not in ("percent", None) \
                or rate.value_max is not None or rate.id in in_tables:
            continue
        same = ctx.once(("rate values", rate.indicator, rate.scope), lambda: {
            f.value for f in ctx.facts_by_indicator.get(rate.indicator, ())
            if f.indicator == rate.indicator and f.kind == "rate" and f.scope == rate.scope})
        numerator = ctx.unique_count(spec.numerator, rate.scope)
        if len(same) != 1 or numerator is None or numerator.qualifier or numerator.value_max is not None:
            continue
        bases = _bases(ctx, spec, rate.scope, unit_family(numerator.unit)) or _beside(ctx, rate, numerator)
        if not bases:
            continue
        tolerance = max(half_unit(rate), floor) + EPSILON
        computed = [numerator.value / value * 100 for value, _ in bases]
        if computed[0] > 100 + tolerance:
            continue  # the counts contradict each other (settled-exceeds-received), not the rate
        if spec.bound == "upper":
            fits = any(rate.value <= c + tolerance for c in computed)
        else:
            fits = any(abs(rate.value - c) <= tolerance for c in computed)
        if fits:
            continue
        value, base = bases[0]
        yield Hit("rate-mismatch", rate.start, rate.end,
                  {"indicator": rate.indicator, "stated": fmt(rate.value, decimals(rate)), "numerator": fmt(numerator.value),
                   "denominator": "+".join(fmt(f.value) for f in base) if len(base) > 1 else fmt(value),
                   "computed": _shown(computed[0], rate)},
                  (rate.id, numerator.id, *(f.id for f in base)),
                  variant="upper" if spec.bound == "upper" else None)


def _change_pair(ctx: CheckContext, change: Fact) -> tuple[Fact, Fact] | None:
    """(current, previous) figures a change compares: its refers_to, else the one stated count."""
    current = ctx.fact(change.refers_to)
    if current is None and change.indicator:
        kind = "rate" if change.unit == "pp" else "count"
        current = ctx.once(("stated once", change.indicator, kind), lambda: _stated_once(
            [f for f in ctx.facts_by_indicator.get(change.indicator, ())
             if f.indicator == change.indicator and f.kind == kind and f.scope is None]))
    if current is None or current.scope is not None or not current.indicator:
        return None
    previous = ctx.once(("previous", current.indicator, current.kind, current.unit), lambda: _stated_once(
        [f for f in ctx.facts_by_indicator.get(current.indicator, ())
         if f.scope == "previous_period" and f.indicator == current.indicator
         and f.kind == current.kind and compatible(f.unit, current.unit)]))
    if previous is None:
        return None
    return current, previous


def _stated_once(facts: list[Fact]) -> Fact | None:
    """The first of facts that all state one value in one unit, else None."""
    return facts[0] if len({(f.value, f.unit) for f in facts}) == 1 else None


def change_mismatch(ctx: CheckContext) -> Iterator[Hit]:
    """A change over the previous period recomputed from the two figures it compares."""
    floor = ctx.config.change_tolerance
    for change in ctx.record.facts:
        if change.kind != "change" or change.qualifier or change.scope == "target" or change.value_max is not None:
            continue
        pair = _change_pair(ctx, change)
        if pair is None or approximate(pair) or ranged(pair):
            continue
        current, previous = pair
        relative = change.unit == "percent"
        if change.unit is None or (relative and (current.kind == "rate" or not previous.value)):
            continue  # a bare change, or 满意率提高2%: relative or points is unclear
        if not relative and change.unit != "pp" and not compatible(change.unit, current.unit):
            continue
        computed = (current.value - previous.value) / previous.value * 100 if relative \
            else current.value - previous.value
        if abs(computed - change.value) <= max(half_unit(change), floor) + EPSILON:
            continue
        yield Hit("change-mismatch", change.start, change.end,
                  {"stated": fmt(change.value, decimals(change)), "current": fmt(current.value),
                   "previous": fmt(previous.value), "unit": change.unit or "",
                   "computed": _shown(computed, change) if relative or decimals(change)
                   else fmt(round(computed, 6))},
                  (change.id, current.id, previous.id),
                  variant=None if relative else "difference")


def settled_exceeds_received(ctx: CheckContext) -> Iterator[Hit]:
    """More cases settled than received (plus assigned cases not counted in the total); a range
    fails only when its lower end is above the highest value the received figures allow."""
    for scope in (None, "previous_period"):
        settled = ctx.unique_count("cases_settled", scope)
        if settled is None:
            continue
        family = unit_family(settled.unit)
        received = ctx.unique_count("petitions_total", scope, family)
        if received is None or settled.qualifier or received.qualifier:
            continue
        ceiling = highest(received)
        assigned = ctx.unique_count("cases_assigned", scope, family)
        if assigned is not None and assigned.part_of != received.id and not assigned.qualifier:
            ceiling += highest(assigned)
        if lowest(settled) > ceiling + EPSILON:
            yield Hit("settled-exceeds-received", settled.start, settled.end,
                      {"settled": fmt(settled.value), "settled_surface": settled.surface,
                       "received": fmt(received.value), "received_surface": received.surface},
                      (settled.id, received.id))
