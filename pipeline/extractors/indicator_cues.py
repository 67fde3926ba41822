"""Indicator and relation cues of one language (resources/<lang>/indicators.yaml), compiled once."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Literal

from pydantic import field_validator

from pipeline.lexicon import NEVER, ResourceModel, any_of, any_of_source, load_resource
from pipeline.prefilter import LiteralIndex, Source
from pipeline.regex_cache import compile_cached


class IndicatorEntry(ResourceModel):
    id: str
    kind: str
    cues: tuple[str, ...]
    example: str
    percent: bool = False
    units: tuple[str, ...] = ()
    context: str | None = None  # searched in the few characters before the figure, across figures
    refines: tuple[str, ...] = ()  # takes over these indicators when `sentence` matches
    sentence: str | None = None    # required in the figure's sentence (and, with refines, enough)
    exclude: str | None = None     # a sentence matching this speaks of another scope (热线工单, 积案)
    veto: str | None = None        # in the figure's context, this action means another count (包案化解)
    strict_units: bool = False     # the figure must carry one of `units` (an area needs 平方公里)
    refines_with_unit: bool = False  # takes over (`refines`) only a figure carrying one of `units`
    generic: bool = False          # its noun cues (cases, disputes) name no one count: never a head noun


class RelationCues(ResourceModel):
    subject_trim: str
    glue: str
    paired_glue: str = NEVER    # a gap that glues only figures of paired units (86 batches of 135 person-times)
    before_glue: str
    clause_breaks: str
    after_breaks: str
    neutral: tuple[str, ...]
    paired_units: tuple[tuple[str, str], ...]
    anaphora: str
    category_markers: str
    category_after: str
    part_of: tuple[str, ...]
    respectively: tuple[str, ...]
    list_separators: str
    list_conjunctions: str
    total_words: str
    item_trim: str
    share: tuple[str, ...]
    # right after a percent no rate word names: the group it is a share of (41% of the cases, 72%的问题)
    share_after: tuple[str, ...] = ()
    change_up: tuple[str, ...]
    change_down: tuple[str, ...]
    change_up_after: str
    change_down_after: str
    list_head_breaks: str
    incompatible_parts: dict[str, tuple[str, ...]]
    breakdown_enders: tuple[str, ...]
    # around a figure after a breakdown: the state of the cases (5件已办结，1件正在处理), no further part
    breakdown_status: str = NEVER
    grand_total: str
    stated_year: str
    previous_period: tuple[str, ...]
    target: tuple[str, ...] = ()  # before a figure: one the summary aims for (力争, strive to)
    previous_after: tuple[str, ...] = ()  # after a figure only: the period it counts (80 cases in 2019)
    stock: tuple[str, ...] = ()  # in a plans section, before a figure: it counts what is there now (剩余2件)
    stock_after: tuple[str, ...] = ()  # the same after it (the 4 cases that have not been concluded)
    # a short quoted name: a cue inside it names no count (“纠纷调解受理”窗口)
    quoted_name: str = NEVER
    aside: str = NEVER  # a parenthetical aside after a figure, skipped by its after window
    quoted_gap: str = r"\s"  # what may stand between such a name and the figure it names (共, 达)
    own_subject: str = NEVER  # in a figure's clause before its cue: the clause names its own subject
    per: dict[str, tuple[str, ...]]
    # What may stand between a figure and the noun that names what it counts (English: up to two
    # words, "12 [villages]", "3 repeated [petitions]"); None where the unit names it (Chinese).
    head_gap: str | None = None
    head_gap_after_unit: str = NEVER  # the same after a unit word ("56 batches [of] visits")
    # A noun right after a figure that counts something no indicator is about ("6 home visits",
    # "4 rounds of investigation"): the figure stays unbound.
    neutral_head: str = NEVER
    # A noun right after a figure that names units of administration ("three counties", "11
    # administrative village units"): a count of the area's make-up, kind profile, bound or not.
    profile_head: str = NEVER
    # A colon right before a figure ends a label that names it (来信：12件, Letters: 12): the
    # figure's context reaches back over the colon to the label.
    label_colon: str = NEVER
    # Between a change and the count it leads to (下降40%至9件, fell by 40% to 9 cases).
    change_result: str = NEVER
    from_marker: str = NEVER      # right before a figure: it is where a change started (由62%, from 78%)
    from_to: str = NEVER          # between that figure and the level reached (提升至, rose to / to)
    parallel_modifier: str = NEVER  # a level or a rest before a noun just counted (…村级矛盾纠纷78件，镇级矛盾纠纷37件)
    # Between two bare figures that share the verb before the first (resolved 54 and 33.), and the
    # end of the second's clause right after it: the second counts what the first counts.
    joined_item: str = NEVER
    joined_item_end: str = NEVER
    # Right before a percent figure: it is a rate even when its scope is no indicator's (热线工单
    #办结率98%, the satisfaction rate of hotline orders was 98.6%).
    rate_word: str = NEVER
    # The separator of an enumeration whose length a count may restate (临江、高滩、普安三个场镇),
    # and what may close the list before the count (…等四条线); None: no such check.
    enumeration: str | None = None
    enumeration_end: str = NEVER
    enumeration_kept: str = NEVER  # the first item: a verb of result takes the list (化解A、B积案2个)
    # Where the clause holding such a list starts (None: the clause breaks), and which lengths of the
    # list a count may restate: all its items, or the run at its end sharing the last item's head noun.
    enumeration_breaks: str | None = None
    enumeration_lengths: tuple[Literal["items", "same_head"], ...] = ("items", "same_head")
    next_item: str = NEVER  # after a figure, up to the next figure: the words naming that one
    # Between a figure and one in parentheses right after it, which restates it in another count
    # (156件（258件次）): the one in parentheses is no total of a breakdown.
    restated: str = NEVER

    @field_validator("stated_year")
    @classmethod
    def _names_the_year(cls, pattern: str) -> str:
        try:
            groups = compile_cached(pattern).groupindex
        except re.error as exc:
            raise ValueError(f"not a valid pattern ({exc})") from exc
        if "year" not in groups:
            raise ValueError("the pattern must hold a group named `year` (the year's digits)")
        return pattern


class IndicatorFile(ResourceModel):
    indicators: tuple[IndicatorEntry, ...]
    relations: RelationCues


class LazyCues(Sequence[re.Pattern[str]]):
    """An indicator's cues, each compiled (case-insensitive) on first use: a cold start compiles
    only those whose literal a text holds."""

    def __init__(self, sources: tuple[str, ...]) -> None:
        self.sources = tuple(Source(any_of_source((cue,)), re.IGNORECASE) for cue in sources)
        self._compiled: list[re.Pattern[str] | None] = [None] * len(sources)

    def __len__(self) -> int:
        return len(self.sources)

    def __getitem__(self, number):  # type: ignore[override]
        if isinstance(number, slice):
            return [self[n] for n in range(len(self))[number]]
        found = self._compiled[number]
        if found is None:
            source = self.sources[number]
            found = self._compiled[number] = compile_cached(source.pattern, source.flags)
        return found


@dataclass(frozen=True)
class CompiledIndicator:
    rank: int
    entry: IndicatorEntry
    cues: LazyCues                         # each cue alone, so that overlapping cues are all seen
    context: re.Pattern[str] | None
    sentence: re.Pattern[str] | None
    exclude: re.Pattern[str] | None
    veto: re.Pattern[str] | None

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """All cues at once, for short phrases (compiled on first use)."""
        return any_of(self.entry.cues)


@dataclass(frozen=True)
class IndicatorCues:
    indicators: tuple[CompiledIndicator, ...]
    subject_trim: str
    glue: re.Pattern[str]
    paired_glue: re.Pattern[str]
    before_glue: re.Pattern[str]
    breaks: re.Pattern[str]
    after_breaks: re.Pattern[str]
    neutral: re.Pattern[str]
    paired_units: frozenset[tuple[str, str]]
    anaphora: re.Pattern[str]
    category: re.Pattern[str]
    category_after: re.Pattern[str]
    part_of: re.Pattern[str]
    respectively: re.Pattern[str]
    separators: re.Pattern[str]
    conjunctions: re.Pattern[str]
    total_words: re.Pattern[str]
    item_trim: re.Pattern[str]
    share: re.Pattern[str]
    share_after: re.Pattern[str]
    change_up: re.Pattern[str]
    change_down: re.Pattern[str]
    change_up_after: re.Pattern[str]
    change_down_after: re.Pattern[str]
    list_head_breaks: re.Pattern[str]
    incompatible_parts: dict[str, tuple[str, ...]]
    breakdown_enders: frozenset[str]
    breakdown_status: re.Pattern[str]
    grand_total: str
    stated_year: re.Pattern[str]
    previous_period: re.Pattern[str]
    target: re.Pattern[str]
    previous_after: re.Pattern[str]
    stock: re.Pattern[str]
    stock_after: re.Pattern[str]
    quoted_name: re.Pattern[str]
    quoted_gap: re.Pattern[str]
    own_subject: re.Pattern[str]
    aside: re.Pattern[str]
    per: tuple[tuple[str, re.Pattern[str]], ...]
    head_gap: re.Pattern[str] | None
    head_gap_after_unit: re.Pattern[str]
    neutral_head: re.Pattern[str]
    profile_head: re.Pattern[str]
    label_colon: re.Pattern[str]
    label_mark: re.Pattern[str]
    change_result: re.Pattern[str]
    from_marker: re.Pattern[str]
    from_to: re.Pattern[str]
    parallel_modifier: re.Pattern[str]
    joined_item: re.Pattern[str]
    joined_item_end: re.Pattern[str]
    rate_word: re.Pattern[str]
    next_item: re.Pattern[str]
    restated: re.Pattern[str]
    enumeration: re.Pattern[str] | None
    enumeration_end: re.Pattern[str]
    enumeration_kept: re.Pattern[str]
    enumeration_breaks: re.Pattern[str]
    enumeration_lengths: tuple[str, ...]

    with_context: tuple[CompiledIndicator, ...] = ()  # the indicators with a `context` cue
    literals: LiteralIndex | None = None  # rules cues out of a window cheaply, keyed (rank, cue number)
    refiners: dict[str, tuple[CompiledIndicator, ...]] | None = None  # indicator id -> those refining it

    def __post_init__(self) -> None:
        object.__setattr__(self, "with_context", tuple(i for i in self.indicators if i.context is not None))
        object.__setattr__(self, "literals", LiteralIndex(
            ((i.rank, number), (cue,)) for i in self.indicators for number, cue in enumerate(i.cues.sources)))
        refiners: dict[str, list[CompiledIndicator]] = {}
        for other in self.indicators:
            for refined in dict.fromkeys(other.entry.refines):
                refiners.setdefault(refined, []).append(other)
        object.__setattr__(self, "refiners", {key: tuple(found) for key, found in refiners.items()})


@lru_cache(maxsize=None)
def indicator_cues(lang: str) -> IndicatorCues:
    raw = load_resource(lang, "indicators", IndicatorFile)
    rel = raw.relations
    return IndicatorCues(
        indicators=tuple(
            CompiledIndicator(
                rank, entry, LazyCues(entry.cues),
                compile_cached(entry.context) if entry.context else None,
                compile_cached(entry.sentence, re.IGNORECASE) if entry.sentence else None,
                compile_cached(entry.exclude, re.IGNORECASE) if entry.exclude else None,
                compile_cached(entry.veto, re.IGNORECASE) if entry.veto else None,
            )
            for rank, entry in enumerate(raw.indicators)
        ),
        subject_trim=rel.subject_trim,
        glue=compile_cached(rel.glue, re.IGNORECASE),
        paired_glue=compile_cached(rel.paired_glue, re.IGNORECASE),
        before_glue=compile_cached(rel.before_glue, re.IGNORECASE),
        breaks=compile_cached(rel.clause_breaks),
        after_breaks=compile_cached(f"{rel.clause_breaks}|{rel.after_breaks}", re.IGNORECASE),
        neutral=any_of(rel.neutral),
        paired_units=frozenset(tuple(pair) for pair in rel.paired_units),
        anaphora=compile_cached(rel.anaphora, re.IGNORECASE),
        category=compile_cached(rel.category_markers, re.IGNORECASE),
        category_after=compile_cached(rel.category_after, re.IGNORECASE),
        part_of=any_of(rel.part_of),
        respectively=any_of(rel.respectively),
        separators=compile_cached(rel.list_separators),
        conjunctions=compile_cached(rel.list_conjunctions, re.IGNORECASE),
        total_words=compile_cached(rel.total_words, re.IGNORECASE),
        item_trim=compile_cached(rel.item_trim, re.IGNORECASE),
        share=any_of(rel.share),
        share_after=any_of(rel.share_after),
        change_up=any_of(rel.change_up),
        change_down=any_of(rel.change_down),
        change_up_after=compile_cached(rel.change_up_after, re.IGNORECASE),
        change_down_after=compile_cached(rel.change_down_after, re.IGNORECASE),
        list_head_breaks=compile_cached(rel.list_head_breaks),
        incompatible_parts=dict(rel.incompatible_parts),
        breakdown_enders=frozenset(rel.breakdown_enders),
        breakdown_status=compile_cached(rel.breakdown_status, re.IGNORECASE),
        grand_total=rel.grand_total,
        stated_year=compile_cached(rel.stated_year, re.IGNORECASE),
        previous_period=any_of(rel.previous_period),
        target=any_of(rel.target),
        previous_after=any_of(rel.previous_after),
        stock=any_of(rel.stock),
        stock_after=any_of(rel.stock_after),
        quoted_name=compile_cached(rel.quoted_name),
        quoted_gap=compile_cached(rel.quoted_gap),
        own_subject=compile_cached(rel.own_subject, re.IGNORECASE),
        aside=compile_cached(rel.aside),
        per=tuple((period, any_of(cues)) for period, cues in rel.per.items()),
        head_gap=compile_cached(rel.head_gap, re.IGNORECASE) if rel.head_gap else None,
        head_gap_after_unit=compile_cached(rel.head_gap_after_unit, re.IGNORECASE),
        neutral_head=compile_cached(rel.neutral_head, re.IGNORECASE),
        profile_head=compile_cached(rel.profile_head, re.IGNORECASE),
        label_colon=compile_cached(rel.label_colon + r"\s*$"),
        label_mark=compile_cached(rel.label_colon),
        change_result=compile_cached(rel.change_result, re.IGNORECASE),
        from_marker=compile_cached(rel.from_marker, re.IGNORECASE),
        from_to=compile_cached(rel.from_to, re.IGNORECASE),
        parallel_modifier=compile_cached(rel.parallel_modifier, re.IGNORECASE),
        joined_item=compile_cached(rel.joined_item, re.IGNORECASE),
        joined_item_end=compile_cached(rel.joined_item_end, re.IGNORECASE),
        rate_word=compile_cached(rel.rate_word + r"\s*$", re.IGNORECASE),
        next_item=compile_cached(rel.next_item, re.IGNORECASE),
        restated=compile_cached(rel.restated),
        enumeration=compile_cached(rel.enumeration) if rel.enumeration else None,
        enumeration_end=compile_cached(rel.enumeration_end + r"\s*$"),
        enumeration_kept=compile_cached(rel.enumeration_kept),
        enumeration_breaks=compile_cached(rel.enumeration_breaks or rel.clause_breaks),
        enumeration_lengths=rel.enumeration_lengths,
    )

