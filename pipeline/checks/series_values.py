"""The table's series columns: each stated change beside the previous period's own reported value."""

from __future__ import annotations

from typing import Sequence

from pipeline.checks.history import History, current_of, earlier_summary
from pipeline.series import build_series, series_item


def change_column(indicator: str) -> str:
    return f"{indicator}_change"


def reported_column(indicator: str) -> str:
    return f"{indicator}_previous_reported"


def series_values(batch: Sequence[tuple[object, str]], history: History | None = None) -> list[dict]:
    """For each batch summary (in input order), the first stated change of each indicator and the
    value the township's own summary of the period the text compares with reported (None when the
    basis is unclear or that summary is not in the batch or the store)."""
    history = history or History()
    first = len(history.earlier)
    items = [*history.earlier, *(series_item(record, text, first + index, batch_index=index)
                                 for index, (record, text) in enumerate(batch))]
    texts = {index: text for index, (_, text) in enumerate(batch)}
    out: list[dict] = [{} for _ in batch]
    by_index = {item.batch_index: item for item in items if item.batch_index is not None}
    for index, item in by_index.items():  # the stated changes, whether or not a series holds the summary
        for change in item.facts:
            if change.kind == "change" and change.scope is None and change_column(change.indicator) not in out[index]:
                out[index][change_column(change.indicator)] = change.value
                out[index][reported_column(change.indicator)] = None
    for series in build_series(items, history.aliases):
        for item in series.items:
            if item.batch_index is None:
                continue
            row, seen = out[item.batch_index], set()
            for change in item.facts:
                if change.kind != "change" or change.scope is not None or change.indicator in seen:
                    continue
                seen.add(change.indicator)
                other = earlier_summary(series, item, change, texts) if current_of(item, change) else None
                previous = other.current(change.indicator) if other is not None else None
                if previous is not None:
                    row[reported_column(change.indicator)] = previous.value
    return out
