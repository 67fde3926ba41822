"""Hand-built Records for the check tests: facts marked inline in the text they point into."""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable

import pytest

from pipeline.checks import CheckConfig, run_checks
from pipeline.schema import Fact, Finding, Period, Placeholder, Record, Section

ALL_KINDS = ("overview", "measures", "problems", "plans")
_MARK = re.compile(r"\[\[(?P<id>[^:\]]+):(?P<surface>[^\]]+)\]\]|\{\{(?P<ph>[^}]+)\}\}")


def build_record(
    marked: str,
    facts: dict[str, dict[str, Any]] | None = None,
    *,
    lang: str = "zh",
    prefix: str = "",
    sections: Iterable[str | tuple[str, str]] = ALL_KINDS,
    year: int | None = None,
    half: int | None = None,
    quarter: int | None = None,
    raw: str | None = None,
    source: str = "township.txt",
    part: int = 1,
) -> tuple[Record, str]:
    """(record, file text) from text with facts marked [[f1:126件]] and placeholders {{XX}}.

    `facts` gives each marked fact's attributes (value, unit, kind, indicator, ...). A section is
    a kind (an empty section at the start) or (kind, anchor): the section runs from the anchor's
    first occurrence to the next section. `prefix` is file text before the summary (debris)."""
    facts = facts or {}
    pieces, spans, holes, cursor, out_len = [], {}, [], 0, len(prefix)
    for match in _MARK.finditer(marked):
        pieces.append(marked[cursor : match.start()])
        out_len += match.start() - cursor
        surface = match.group("surface") or match.group("ph")
        if match.group("id"):
            spans[match.group("id")] = (out_len, out_len + len(surface), surface)
        else:
            holes.append((out_len, out_len + len(surface), surface))
        pieces.append(surface)
        out_len += len(surface)
        cursor = match.end()
    pieces.append(marked[cursor:])
    body = "".join(pieces)
    text = prefix + body
    start, end = len(prefix), len(text)
    built = []
    for fact_id, (s, e, surface) in spans.items():
        attrs = facts.get(fact_id, {})
        built.append(Fact(id=fact_id, start=s, end=e, surface=surface, **attrs))
    for fact in built:
        assert text[fact.start : fact.end] == fact.surface
    record = Record(
        doc_id=f"{source.rsplit('.', 1)[0]}#{part}", source=source, part=part, start=start, end=end,
        language=lang, period=Period(year=year, half=half, quarter=quarter, raw=raw),
        sections=_sections(text, start, end, sections), facts=tuple(built),
        placeholders=tuple(Placeholder(start=s, end=e, surface=x) for s, e, x in holes),
    )
    for placeholder in record.placeholders:
        assert text[placeholder.start : placeholder.end] == placeholder.surface
    return record, text


def _sections(text: str, start: int, end: int, sections) -> tuple[Section, ...]:
    opened = []  # (kind, at, anchored): unanchored sections are empty, at the start
    for item in sections:
        if isinstance(item, str):
            opened.append((item, start, False))
        else:
            opened.append((item[0], text.index(item[1], start), True))
    opened.sort(key=lambda entry: entry[1])
    anchored_starts = sorted(at for _, at, anchored in opened if anchored) + [end]
    out = []
    for kind, at, anchored in opened:
        stop = next(s for s in anchored_starts if s > at) if anchored else at
        out.append(Section(kind=kind, level=1, start=at, end=stop))
    return tuple(out)


def findings_of(record: Record, text: str, rule: str, **config: Any) -> list[Finding]:
    """Findings of one rule only."""
    return run_checks(record, text, CheckConfig(select=(rule,), **config))


@pytest.fixture
def build() -> Callable[..., tuple[Record, str]]:
    return build_record


@pytest.fixture
def check() -> Callable[..., list[Finding]]:
    return findings_of
