"""Completeness rules: required sections present, case figures stated, no template markers left."""

from __future__ import annotations

from typing import Iterator

from pipeline.checks.base import CheckContext, Hit, rule_book


def missing_section(ctx: CheckContext) -> Iterator[Hit]:
    """Required section kinds absent from the record: no section of the kind (by heading or by
    content), and for measures no measure found anywhere either (一是…二是… in a summary without
    headings; a problem or a plan can be one passing remark, a measure list is not)."""
    record = ctx.record
    present = {section.kind for section in record.sections} | ({"measures"} if record.measures else set())
    required = ctx.config.required_sections
    missing = [kind for kind in required if kind not in present]
    if missing:
        start, end = ctx.anchor()
        yield Hit("missing-section", start, end,
                  {"missing": tuple(missing), "required": tuple(required)})


def no_case_figures(ctx: CheckContext) -> Iterator[Hit]:
    """No fact of any case indicator (received, letters, visits, settled, assigned, ...)."""
    indicators = rule_book().case_indicators
    if not any(fact.indicator in indicators for fact in ctx.record.facts):
        start, end = ctx.anchor()
        yield Hit("no-case-figures", start, end, {"indicators": tuple(indicators)})


def placeholder(ctx: CheckContext) -> Iterator[Hit]:
    """One hit per unfilled template marker the extractor found."""
    for marker in ctx.record.placeholders:
        yield Hit("placeholder", marker.start, marker.end, {"surface": marker.surface})
