"""Reading text without pinyin glosses (鎮(zhèn)): a condensed copy, and offsets mapped back to the file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pydantic import model_validator

from pipeline.lexicon import ResourceModel, load_resource
from pipeline.regex_cache import compile_cached
from pipeline.schema import Record


class GlossPattern(ResourceModel):
    name: str
    pattern: str
    example: str

    @model_validator(mode="after")
    def _compiles(self) -> GlossPattern:
        try:
            found = re.search(self.pattern, self.example)
        except re.error as exc:
            raise ValueError(f"gloss pattern {self.name!r} is invalid: {exc}") from exc
        if found is None:
            raise ValueError(f"gloss pattern {self.name!r} does not match its example")
        return self


class GlossFile(ResourceModel):
    glosses: tuple[GlossPattern, ...]


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    entries = load_resource("common", "glosses", GlossFile).glosses
    return compile_cached("|".join(f"(?:{entry.pattern})" for entry in entries))


@dataclass(frozen=True)
class Condensed:
    """A text without its glosses; `origin[i]` is the file offset of its character i."""

    text: str
    origin: tuple[int, ...]
    file_length: int

    def start(self, offset: int) -> int:
        """File offset of a span that starts at `offset` of the condensed text."""
        return self.origin[offset] if offset < len(self.origin) else self.file_length

    def end(self, offset: int) -> int:
        """File offset of a span that ends (exclusive) at `offset` of the condensed text."""
        return self.origin[offset - 1] + 1 if offset > 0 else 0


def condense(text: str) -> Condensed | None:
    """The text without its glosses, or None when it has none."""
    spans = [match.span() for match in _pattern().finditer(text)]
    if not spans:
        return None
    pieces, origin, position = [], [], 0
    for start, end in spans:
        pieces.append(text[position:start])
        origin.extend(range(position, start))
        position = end
    pieces.append(text[position:])
    origin.extend(range(position, len(text)))
    return Condensed("".join(pieces), tuple(origin), len(text))


def without_glosses(text: str) -> str:
    """The text with its pinyin glosses removed (鎮(zhèn) -> 鎮), for reading it as words."""
    condensed = condense(text)
    return text if condensed is None else condensed.text


def restore(record: Record, condensed: Condensed, text: str) -> Record:
    """A record made on the condensed text with every offset (and every text sliced by one) of the file."""

    def span(item, extra):
        start = condensed.start(item.start)
        end = max(start, condensed.end(item.end))
        return item.model_copy(update={"start": start, "end": end, **extra(start, end)})

    def heading(section):
        if section.heading is None:
            return {}
        start = condensed.start(section.start)
        return {"heading": text[start : condensed.end(section.start + len(section.heading))]}

    sliced = {"surface": lambda a, b: {"surface": text[a:b]}, "text": lambda a, b: {"text": text[a:b]}}
    return record.model_copy(update={
        "start": condensed.start(record.start), "end": condensed.end(record.end),
        "sections": tuple(span(s, lambda a, b, s=s: heading(s)) for s in record.sections),
        "facts": tuple(span(f, sliced["surface"]) for f in record.facts),
        "placeholders": tuple(span(p, sliced["surface"]) for p in record.placeholders),
        "measures": tuple(span(m, sliced["text"]) for m in record.measures),
        "problems": tuple(span(p, sliced["text"]) for p in record.problems),
        "plans": tuple(span(p, sliced["text"]) for p in record.plans),
        "findings": tuple(span(f, lambda a, b: {}) for f in record.findings),
        "tables": tuple(span(t, lambda a, b, t=t: {"cells": tuple(span(c, sliced["text"]) for c in t.cells)})
                        for t in record.tables),
    })
