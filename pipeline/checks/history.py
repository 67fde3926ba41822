"""Cross-summary rules over each township's series: changes, restated figures, gaps and jumps."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator, Sequence

from pipeline.checks.base import EPSILON, Hit, compatible, fmt, half_unit
from pipeline.checks.basis import basis_target
from pipeline.checks.config import CheckConfig
from pipeline.checks.rulebook import rule_book
from pipeline.series import Series, SeriesFact as Fact, SeriesItem, Slot, build_series, series_item

MAX_MISSING = 4  # a gap names at most this many missing periods


@dataclass(frozen=True)
class History:
    """What a batch is checked against besides itself: the store's earlier summaries and the
    township alias table."""

    earlier: tuple[SeriesItem, ...] = ()
    aliases: dict[str, str] = field(default_factory=dict)


Found = Iterator[tuple[int, Hit]]  # (batch index, hit)
SeriesRule = Callable[[Series, CheckConfig, dict[int, str]], Found]


def _span(item_or_fact) -> str:
    return f"{item_or_fact.start}-{item_or_fact.end}"


def _both(item: SeriesItem, other: SeriesItem, fact: Fact | None, other_fact: Fact | None) -> dict:
    """The fields naming both summaries and both spans."""
    return {"this": item.name, "other": other.name, "period": other.slot.label(),
            "span": _span(fact or item), "other_span": _span(other_fact or other),
            "surface": fact.surface if fact else "", "other_surface": other_fact.surface if other_fact else ""}


def _target(item: SeriesItem, fact: Fact, texts: dict[int, str]) -> Slot | None:
    text = texts.get(item.batch_index)
    if text is None:
        return None
    return basis_target(text, fact.start, fact.end, item.slot, item.language, item.start, item.end)[0]


def earlier_summary(series: Series, item: SeriesItem, fact: Fact, texts: dict[int, str]) -> SeriesItem | None:
    target = _target(item, fact, texts)
    other = series.at(target) if target is not None else None
    return other if other is not None and other is not item else None


def current_of(item: SeriesItem, change: Fact) -> Fact | None:
    by_id = {f.id: f for f in item.facts}
    found = by_id.get(change.refers_to) if change.refers_to else item.current(change.indicator)
    if found is None or found.scope is not None or found.qualifier or found.value_max is not None:
        return None
    return found


def _exact(fact: Fact) -> bool:
    return not fact.qualifier and fact.value_max is None


def change_against_history(series: Series, config: CheckConfig, texts: dict[int, str]) -> Found:
    """A stated change recomputed from the current figure and the earlier summary's own figure."""
    for item in series.items:
        if item.batch_index is None:
            continue
        for change in item.facts:
            if change.kind != "change" or not _exact(change) or change.scope is not None:
                continue
            current = current_of(item, change)
            other = earlier_summary(series, item, change, texts) if current is not None else None
            previous = other.current(change.indicator) if other is not None else None
            if previous is None or previous.kind != current.kind or not compatible(previous.unit, current.unit):
                continue
            relative = change.unit == "percent"
            if relative and (current.kind == "rate" or not previous.value):
                continue  # 满意率提高2%: relative or points is unclear
            if not relative and change.unit not in (None, "pp") and not compatible(change.unit, current.unit):
                continue
            if change.unit is None and current.kind != "count":
                continue
            computed = (current.value - previous.value) / previous.value * 100 if relative \
                else current.value - previous.value
            if abs(computed - change.value) <= max(half_unit(change), config.change_tolerance) + EPSILON:
                continue
            unit = "%" if relative else (f" {change.unit}" if change.unit else "")
            formula = (f"({fmt(current.value)}-{fmt(previous.value)})/{fmt(previous.value)} = {computed:.2f}%"
                       if relative else f"{fmt(current.value)}-{fmt(previous.value)} = {fmt(round(computed, 6))}{unit}")
            yield item.batch_index, Hit(
                "series-change-mismatch", change.start, change.end,
                {**_both(item, other, change, previous), "stated": f"{fmt(change.value)}{unit}",
                 "previous": fmt(previous.value), "computation": formula},
                (change.id, current.id))


def restated_against_history(series: Series, config: CheckConfig, texts: dict[int, str]) -> Found:
    """A previous-period figure that differs from what the township reported for that period."""
    for item in series.items:
        if item.batch_index is None:
            continue
        for stated in item.facts:
            if stated.scope != "previous_period" or stated.kind not in ("count", "rate") or not _exact(stated):
                continue
            other = earlier_summary(series, item, stated, texts)
            own = other.current(stated.indicator) if other is not None else None
            if own is None or own.kind != stated.kind or not compatible(own.unit, stated.unit):
                continue
            if abs(own.value - stated.value) <= max(half_unit(stated), half_unit(own)) + EPSILON:
                continue
            yield item.batch_index, Hit(
                "series-restated", stated.start, stated.end,
                {**_both(item, other, stated, own), "indicator": stated.indicator, "stated": fmt(stated.value),
                 "previous": fmt(own.value),
                 "computation": f"{fmt(stated.value)} - {fmt(own.value)} = {fmt(round(stated.value - own.value, 6))}"},
                (stated.id,))


def gaps_in_series(series: Series, config: CheckConfig, texts: dict[int, str]) -> Found:
    """A year missing between two summaries of the same comparable period (H1 2019 and H1 2021
    without H1 2020; annual 2018 and 2021), the later one in the batch."""
    by_slot: dict[tuple[str, int], list[SeriesItem]] = {}
    for item in series.current():
        by_slot.setdefault((item.slot.kind, item.slot.index), []).append(item)
    for items in by_slot.values():
        for before, after in zip(items, items[1:]):
            if after.batch_index is None:
                continue
            missing = [Slot(after.slot.kind, year, after.slot.index).label()
                       for year in range(before.slot.year + 1, after.slot.year)]
            if not missing:
                continue
            shown = ", ".join(missing[:MAX_MISSING]) + (f" and {len(missing) - MAX_MISSING} more"
                                                         if len(missing) > MAX_MISSING else "")
            fields = _both(after, before, None, None)
            text = texts[after.batch_index]
            line_end = text.find("\n", after.start + 1, after.end)
            yield after.batch_index, Hit(
                "series-gap", after.start, line_end if line_end > after.start else min(after.end, after.start + 80),
                {**fields, "missing_period": shown, "township": after.township, "period": after.slot.label(),
                 "other_period": before.slot.label()})


def jumps_in_series(series: Series, config: CheckConfig, texts: dict[int, str]) -> Found:
    """A count that changes by more than the configured factor from the same period a year before."""
    for item in series.current():
        if item.batch_index is None:
            continue
        other = series.at(item.slot.shifted(years=1))
        if other is None:
            continue
        for indicator in rule_book().series_indicators:
            now, before = item.current(indicator), other.current(indicator)
            if now is None or before is None or now.kind != "count" or before.kind != "count" \
                    or not compatible(now.unit, before.unit):
                continue
            low, high = sorted((float(now.value), float(before.value)))
            if low < max(config.jump_floor, EPSILON) or high / low <= config.jump_factor:
                continue
            fields = _both(item, other, now, before)
            yield item.batch_index, Hit(
                "series-jump", now.start, now.end,
                {**fields, "indicator": indicator, "current": fmt(now.value), "previous": fmt(before.value),
                 "period": item.slot.label(), "other_period": other.slot.label(), "limit": fmt(config.jump_factor),
                 "computation": f"{fmt(now.value)}/{fmt(before.value)} = {now.value / before.value:.2f}"},
                (now.id,))


SERIES_RULES: dict[str, SeriesRule] = {
    "series-change-mismatch": change_against_history,
    "series-restated": restated_against_history,
    "series-gap": gaps_in_series,
    "series-jump": jumps_in_series,
}


def history_hits(batch: Sequence[tuple[object, str]], config: CheckConfig,
                 history: History | None = None) -> list[list[Hit]]:
    """The series rules' hits for each batch summary, in input order; the store's earlier
    summaries (history.earlier) take part in the series but get no findings."""
    history = history or History()
    first = len(history.earlier)
    items = [*history.earlier, *(series_item(record, text, first + index, batch_index=index)
                                 for index, (record, text) in enumerate(batch))]
    texts = {index: text for index, (_, text) in enumerate(batch)}
    out: list[list[Hit]] = [[] for _ in batch]
    for series in build_series(items, history.aliases):
        for rule, find in SERIES_RULES.items():
            if config.enabled(rule):
                for index, hit in find(series, config, texts):
                    out[index].append(hit)
    return out
