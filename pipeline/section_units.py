"""Section kinds from the units inside them: a section no heading names whose units nearly all agree, and
a news item read whole as its overview whose story holds measures."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from pipeline.schema import Section
from pipeline.section_cues import UnitsConsensus, section_cues


def _inside(section: Section, starts: Sequence[int]) -> int:
    """How many of the sorted unit starts lie in the section."""
    return bisect_left(starts, section.end) - bisect_left(starts, section.start)


def _starts(units_by_kind: dict[str, Sequence]) -> dict[str, list[int]]:
    return {kind: sorted(unit.start for unit in units) for kind, units in units_by_kind.items()}


def kind_by_units(section: Section, units_by_kind: dict[str, Sequence], consensus: UnitsConsensus,
                  starts: dict[str, list[int]] | None = None) -> str | None:
    """The kind the units of a section give it, or None when they do not agree enough (`starts`: the
    units' sorted starts per kind, computed once per document by the caller)."""
    if section.kind_by == "heading" or section.kind not in consensus.from_kinds:
        return None
    starts = starts if starts is not None else _starts(units_by_kind)
    counts = {kind: _inside(section, found) for kind, found in starts.items()}
    for kind in consensus.kinds:
        mine, others = counts.get(kind, 0), sum(n for k, n in counts.items() if k != kind)
        if mine >= consensus.min_units and mine >= consensus.ratio * others:
            return kind
    return None


def sections_by_units(sections: Sequence[Section], units_by_kind: dict[str, Sequence],
                      lang: str) -> tuple[Section, ...]:
    """The sections, each relabelled where its units agree on another kind (kind_by `content`)."""
    consensus = section_cues(lang).raw.units_consensus
    if consensus is None:
        return tuple(sections)
    out, starts = [], _starts(units_by_kind)
    for section in sections:
        kind = kind_by_units(section, units_by_kind, consensus, starts)
        out.append(section if kind is None else section.model_copy(update={"kind": kind, "kind_by": "content"}))
    return tuple(_story_measures(out, starts.get("measures", [])))


def _story_measures(sections: list[Section], measure_starts: Sequence[int]) -> list[Section]:
    """A summary read whole as one overview (a one-paragraph news item) whose story holds measure
    units: the overview ends where the first of them begins, and the rest is its measures."""
    if len(sections) != 1 or sections[0].kind != "overview" or sections[0].kind_by != "position":
        return sections
    section = sections[0]
    inside = [start for start in measure_starts if section.start < start < section.end]
    if not inside:
        return sections
    return [section.model_copy(update={"end": inside[0]}),
            section.model_copy(update={"kind": "measures", "kind_by": "content", "start": inside[0]})]
