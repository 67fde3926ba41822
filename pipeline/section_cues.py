"""Section cues of one language (resources/<lang>/sections.yaml), validated and compiled once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from pipeline.lexicon import NEVER, ResourceModel, any_of, load_resource
from pipeline.prefilter import LiteralIndex
from pipeline.regex_cache import compile_cached



class MarkerEntry(ResourceModel):
    style: str
    pattern: str
    example: str


class ClauseEntry(ResourceModel):
    pattern: str
    example: str


class KindCues(ResourceModel):
    heading: tuple[str, ...] = ()
    content: tuple[str, ...] = ()


class UnitsConsensus(ResourceModel):
    min_units: int
    ratio: float
    kinds: tuple[str, ...]              # the kinds a section may take from its units
    from_kinds: tuple[str, ...]         # the kinds a section may lose to them


class SectionCueFile(ResourceModel):
    markers: tuple[MarkerEntry, ...]
    numerals: dict[str, int]
    heading_chars: int
    heading_words: int | None = None
    run_in_chars: int | None = None
    run_in_words: int | None = None
    bare_heading_chars: int | None = None
    bare_heading_words: int | None = None
    bare_heading_endings: str
    sentence_enders: str
    abbreviations: tuple[str, ...] = ()
    # a sentence end written as something else (a web copy's ",Since" where ". Since" was meant)
    joined_sentence: str | None = None
    # where a numbered heading run into its text with no stop ends (3. The existing problems village
    # level staff is weak…): a match at the start of the body, its end the heading's end
    run_in_heading: str | None = None
    clause_markers: tuple[ClauseEntry, ...]
    clause_words: dict[str, int]
    clause_boundary: str
    kinds: dict[str, KindCues]
    kind_priority: tuple[str, ...]
    closing_cues: tuple[str, ...]
    plans_after_problems: tuple[str, ...] = ()
    sentence_kinds: dict[str, tuple[str, ...]] = {}
    sentence_vetoes: dict[str, tuple[str, ...]] = {}  # a sentence matching one shows no such kind
    run_in_styles: tuple[str, ...] = ()  # marker styles that open a heading inside a line, after a sentence end
    # a section not named by a heading whose units are nearly all problems (or plans) is of that kind:
    # at least `min_units` of them, `ratio` times the units of the other kinds
    units_consensus: "UnitsConsensus | None" = None
    # a heading that opens with a verb of action (聚焦难点问题, Focus on the real difficulties) names
    # measures, whatever trouble it names after the verb
    action_heading: str = NEVER


@dataclass(frozen=True)
class SectionCues:
    """Compiled cues: what segment.py needs, and nothing language-specific in code."""

    lang: str
    raw: SectionCueFile
    markers: tuple[tuple[str, re.Pattern[str]], ...]
    clauses: tuple[re.Pattern[str], ...]
    heading_kind: tuple[tuple[str, re.Pattern[str]], ...]
    content_kind: tuple[tuple[str, re.Pattern[str]], ...]
    closing: re.Pattern[str]
    sentence_end: re.Pattern[str]
    plans_after_problems: re.Pattern[str] | None
    sentence_kind: dict[str, re.Pattern[str]]
    sentence_veto: dict[str, re.Pattern[str]]

    @cached_property
    def _action_heading(self) -> re.Pattern[str]:
        return compile_cached(self.raw.action_heading, re.IGNORECASE)

    @cached_property
    def _screens(self) -> dict[str, LiteralIndex]:
        """Literal screens of the kind cues (built on first use), by family: a kind whose literals a
        text lacks cannot match there, so its pattern is not run."""
        return {"heading": LiteralIndex((kind, (pattern,)) for kind, pattern in self.heading_kind),
                "content": LiteralIndex((kind, (pattern,)) for kind, pattern in self.content_kind),
                "sentence": LiteralIndex((kind, (pattern,)) for kind, pattern in self.sentence_kind.items())}

    def possible_kinds(self, family: str, text: str) -> set[str]:
        """The kinds whose `family` cues ("heading", "content" or "sentence") may match in `text`;
        the others certainly do not."""
        return self._screens[family].candidates(text)

    def kind_of_heading(self, heading: str) -> str | None:
        """The section kind a heading's own words name, the first of `kind_priority`; None for none."""
        if self._action_heading.match(heading):
            return "measures"
        possible = self.possible_kinds("heading", heading)
        for kind, pattern in self.heading_kind:
            if kind in possible and pattern.search(heading):
                return kind
        return None

    def numeral_value(self, token: str) -> int | None:
        """Value of a marker numeral: digits, table numerals, Roman numerals, ordinal words."""
        return numeral_value(token, self.raw.numerals, self.raw.clause_words)


def _alternation(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    return any_of(patterns) if patterns else None


def _roman(token: str) -> int | None:
    values = {"I": 1, "V": 5, "X": 10}
    if not token or any(ch not in values for ch in token):
        return None
    total = 0
    for ch, nxt in zip(token, token[1:] + " "):
        value = values[ch]
        total += -value if nxt in values and values[nxt] > value else value
    return total


def numeral_value(token: str, numerals: dict[str, int], words: dict[str, int]) -> int | None:
    """Value of a list-marker numeral in any of the supported forms."""
    if token.isascii() and token.isdigit():
        return int(token)
    if token.lower() in words:
        return words[token.lower()]
    if token in numerals:
        return numerals[token]
    if len(token) == 1 and token.isnumeric():  # circled digits
        import unicodedata

        return int(unicodedata.numeric(token))
    if all(ch in numerals for ch in token) and len(token) <= 3:
        return _composite(token, numerals)
    return _roman(token)


def _composite(token: str, numerals: dict[str, int]) -> int | None:
    ten = next((ch for ch, value in numerals.items() if value == 10), None)
    if ten is None or ten not in token:
        return None
    head, _, tail = token.partition(ten)
    return (numerals.get(head, 1) if head else 1) * 10 + (numerals.get(tail, 0) if tail else 0)


@lru_cache(maxsize=None)
def section_cues(lang: str) -> SectionCues:
    raw = load_resource(lang, "sections", SectionCueFile)
    markers = tuple((m.style, compile_cached(m.pattern)) for m in raw.markers)
    clauses = tuple(compile_cached(c.pattern) for c in raw.clause_markers)
    heading_kind = tuple(
        (kind, pattern) for kind in raw.kind_priority
        if (pattern := _alternation(raw.kinds.get(kind, KindCues()).heading)) is not None
    )
    content_kind = tuple(
        (kind, pattern) for kind in raw.kind_priority
        if (pattern := _alternation(raw.kinds.get(kind, KindCues()).content)) is not None
    )
    closing = re.compile("^(?:" + "|".join(re.escape(c) for c in raw.closing_cues) + ")")
    sentence_end = re.compile(f"[{re.escape(raw.sentence_enders)}]+[”’\"'）)]*"
                              + (f"|(?:{raw.joined_sentence})" if raw.joined_sentence else ""))
    follow = _alternation(raw.plans_after_problems)
    # a sentence shows a kind by its own cues, or by the content cues a paragraph shows it with
    sentence_kind = {kind: pattern for kind, patterns in raw.sentence_kinds.items()
                     if (pattern := _alternation(patterns + raw.kinds.get(kind, KindCues()).content)) is not None}
    sentence_veto = {kind: pattern for kind, patterns in raw.sentence_vetoes.items()
                     if (pattern := _alternation(patterns)) is not None}
    return SectionCues(lang, raw, markers, clauses, heading_kind, content_kind, closing, sentence_end, follow,
                       sentence_kind, sentence_veto)
