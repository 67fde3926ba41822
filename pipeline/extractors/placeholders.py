"""Finds unfilled template markers (XX, 20XX, x.x%, ***, ??) with patterns from resources/common/placeholders.yaml."""

from __future__ import annotations

import re
from functools import lru_cache

from pydantic import model_validator

from pipeline.lexicon import ResourceModel, load_resource
from pipeline.scanner import PatternScanner, scanner_for


class PlaceholderPattern(ResourceModel):
    """One marker shape; `placeholder: false` marks a look-alike that is skipped (a Roman heading "X.")."""

    name: str
    pattern: str
    example: str
    placeholder: bool = True


class PlaceholderResource(ResourceModel):
    """The whole placeholders.yaml; every pattern must compile and start definitely."""

    patterns: list[PlaceholderPattern]

    @model_validator(mode="after")
    def _patterns_compile(self) -> PlaceholderResource:
        try:  # the scanner of every pattern, which _scanner then takes from the cache
            scanner_for(tuple(entry.pattern for entry in self.patterns))
        except (re.error, ValueError):
            for entry in self.patterns:  # one at a time, to name the first that fails
                try:
                    PatternScanner([entry.pattern])
                except (re.error, ValueError) as exc:
                    raise ValueError(f"pattern {entry.name!r} is invalid: {exc}") from exc
            raise
        return self


@lru_cache(maxsize=1)
def _scanner() -> tuple[PatternScanner, tuple[bool, ...]]:
    resource = load_resource("common", "placeholders", PlaceholderResource)
    return scanner_for(tuple(e.pattern for e in resource.patterns)), tuple(e.placeholder for e in resource.patterns)


def find_placeholders(text: str) -> list[tuple[int, int]]:
    """Spans of unfilled template markers in `text`: sorted, non-overlapping, half-open."""
    scanner, reported = _scanner()
    return [(start, end) for index, start, end, _ in scanner.scan(text) if reported[index]]
