"""The evidence of each category a summary reports: the spans of the units labelled with it."""

from __future__ import annotations

from typing import Iterable, Protocol, Sequence


class LabelledUnit(Protocol):
    start: int
    end: int
    categories: tuple[str, ...]


def category_evidence(units: Iterable[LabelledUnit], vocabulary: Sequence[str]) -> dict[str, list[tuple[int, int]]]:
    """Category -> the (start, end) spans of the units labelled with it, categories in vocabulary
    order, spans in offset order; categories no unit carries are left out."""
    found: dict[str, list[tuple[int, int]]] = {}
    for unit in sorted(units, key=lambda u: (u.start, u.end)):
        for category in unit.categories:
            found.setdefault(category, []).append((unit.start, unit.end))
    return {category: found[category] for category in vocabulary if category in found}


def evidence_cell(units: Iterable[LabelledUnit], vocabulary: Sequence[str]) -> str:
    """One table cell: `category@start-end,start-end;category@…` (offsets into the file text)."""
    return ";".join(f"{category}@" + ",".join(f"{a}-{b}" for a, b in spans)
                    for category, spans in category_evidence(units, vocabulary).items())
