"""Unit cues of one language (resources/<lang>/units.yaml) and the kind one piece of text is.

A piece is a measure when it states an action (建立, 开展, set up…) that is no result total and no
attitude alone; a problem when a problem cue stands in it before any action (a measure acting on
a problem, 化解积案, stays a measure); a plan by its cue (下一步, 将继续, 一要…). Which of these a piece
may be depends on where it stands (`Place`): under a problems or plans heading every piece is of
that kind; in the lead only a problem; under a measures heading, and in a text that reports
what was done (a news item), the measure comes first; in a text that dwells on difficulties (an
essay, a commentary) the problem does. In running text (no heading types the section) a piece
with no action (无法…解决 denies one) and a problem cue is a problem unless the kind model denies it
(a strong cue, 失灵 or 推诿, it cannot deny);
a problem that opens a piece (a concession, the lead's clauses before its first action) is cut
off as a unit of its own (`problem_head`), and a problem already solved is none."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pydantic import field_validator

from pipeline.extractors.piece_memo import remembered
from pipeline.extractors.unit_blocks import PieceRules
from pipeline.lexicon import ResourceModel, any_of, any_of_source, load_resource
from pipeline.regex_cache import compile_cached
from pipeline.section_cues import section_cues

SECTION_UNIT = {"measures": "measure", "problems": "problem", "plans": "plan"}
PROBLEM_SCORE = 0.5  # the kind model's P(problem) from which a piece states a problem
STRONG_PROBLEM_SCORE = 0.8  # … and from which it outranks an action verb in it
NEGATION_REACH = 16  # characters before an action verb in which a negation denies it
CUE_PROBLEM_SCORE = 0.35  # the P(problem) from which a piece with a problem cue and no action states a problem
GENRE_SCORE = 0.5  # the mean P(problem) of a text's loose pieces from which it dwells on difficulties
LEAD_IN = "lead-in"  # a piece that announces what follows (主要表现在：); alone in its section, it is the content


class ListPattern(ResourceModel):
    pattern: str
    example: str


class UnitCueFile(ResourceModel):
    measure_lists: tuple[ListPattern, ...]
    list_separators: str
    min_item_chars: int
    min_heading_size: int
    heading_piece_size: int
    problem_cues: tuple[str, ...]
    plan_cues: tuple[str, ...]
    lead_ins: tuple[str, ...]
    measure_cues: tuple[str, ...]
    not_measures: tuple[str, ...] = ()
    never_measures: tuple[str, ...] = ()
    not_leads: tuple[str, ...] = ()
    # a sentence that opens by referring back to the one before (He also…, This means…) goes on with its unit
    continuations: tuple[str, ...] = ()
    semicolon_continuations: tuple[str, ...] = ()
    join_parts_below: int = 0
    trailing_debris: tuple[str, ...] = ()
    result_cues: tuple[str, ...] = ()
    count_verbs: tuple[str, ...] = ()
    plan_starts: tuple[str, ...] = ()
    plan_markers: tuple[str, ...] = ()
    negations: tuple[str, ...] = ()  # just before an action verb (NEGATION_REACH) they deny it
    concession: str = ""  # a concessive opening; its group "head" is the problem conceded
    aims: tuple[str, ...] = ()  # a problem head naming what a measure aims at (针对…的情况) is none
    resolved: tuple[str, ...] = ()  # right after a problem cue: the problem was solved (得到了妥善处理)
    strong_problem_cues: tuple[str, ...] = ()  # a problem whatever the kind model says (失灵, 推诿)
    bullets: str = ""  # a list item's bullet at the start of a line (• to coordinate …)
    names: str = ""  # a short quoted stretch names a thing (“首问负责”): a verb inside it is no action
    # the words a subject may take before the action that opens a piece (We carried out…; 0 in Chinese,
    # where the action opens it): in a results part only such a piece is a measure
    subject_words: int = 0
    subject_chars: int = 0  # … counted in characters where words are not spaced (Chinese; 0: by words)
    connectives: str = ""  # a connective that may open such a piece before its subject (同时，该乡实行…)
    not_subjects: str = ""  # words that make the stretch before the action no subject (全年共受理: a total)
    # in a text that dwells on difficulties, a piece the kind model calls a problem needs a problem cue too
    # (where the model, trained to tell measures from problems, scores plain narrative high)
    genre_problems_need_cue: bool = False

    @field_validator("concession")
    @classmethod
    def _has_head(cls, value: str) -> str:
        if value and "head" not in compile_cached(value).groupindex:
            raise ValueError("the concession pattern needs a group named 'head'")
        return value


@dataclass(frozen=True)
class UnitCues:
    raw: UnitCueFile
    measure_lists: tuple[re.Pattern[str], ...]
    separators: re.Pattern[str]
    problem: re.Pattern[str]
    plan: re.Pattern[str]
    lead_in: re.Pattern[str]
    action: re.Pattern[str]
    not_measure: re.Pattern[str]
    never_measure: re.Pattern[str]
    not_lead: re.Pattern[str]
    pieces: PieceRules
    result: re.Pattern[str]
    count_verb: re.Pattern[str]
    plan_start: re.Pattern[str]
    plan_marker: re.Pattern[str]
    negation: re.Pattern[str] | None
    concession: re.Pattern[str] | None
    aim: re.Pattern[str]
    resolved: re.Pattern[str]
    names: re.Pattern[str] | None = None
    bullet: re.Pattern[str] | None = None
    strong_problem: re.Pattern[str] | None = None
    connective: re.Pattern[str] | None = None
    continuation: re.Pattern[str] | None = None


@lru_cache(maxsize=None)
def unit_cues(lang: str) -> UnitCues:
    raw = load_resource(lang, "units", UnitCueFile)
    results = [section_cues(lang).raw.sentence_kinds.get("results", ()), raw.result_cues]
    return UnitCues(
        raw, tuple(compile_cached(p.pattern, re.IGNORECASE) for p in raw.measure_lists),
        compile_cached(raw.list_separators, re.IGNORECASE), any_of(raw.problem_cues), any_of(raw.plan_cues),
        any_of(raw.lead_ins), any_of(raw.measure_cues), any_of(raw.not_measures), any_of(raw.never_measures),
        any_of(raw.not_leads),
        PieceRules(any_of(raw.semicolon_continuations), raw.join_parts_below, any_of(raw.trailing_debris)),
        any_of([pattern for group in results for pattern in group]), any_of(raw.count_verbs),
        any_of(raw.plan_starts), any_of(raw.plan_markers),
        compile_cached(f"(?:{any_of_source(raw.negations)})$", re.IGNORECASE) if raw.negations else None,
        compile_cached(raw.concession, re.IGNORECASE) if raw.concession else None, any_of(raw.aims),
        any_of(raw.resolved), compile_cached(raw.names) if raw.names else None,
        compile_cached(raw.bullets) if raw.bullets else None,
        any_of(raw.strong_problem_cues) if raw.strong_problem_cues else None,
        compile_cached(raw.connectives) if raw.connectives else None,
        any_of(raw.continuations) if raw.continuations else None,
    )


@remembered
def action(piece: str, cues: UnitCues, position: int = 0) -> re.Match[str] | None:
    """The first action verb of a piece from `position` that no negation just before it denies
    (无法由一个单位解决 reports no action) and that no short quotation holds (“首问负责” names a system)."""
    named = [match.span() for match in cues.names.finditer(piece)] if cues.names is not None else []
    found = cues.action.search(piece, position)
    while found is not None and (cues.negation is not None and cues.negation.search(
            piece, max(0, found.start() - NEGATION_REACH), found.start()) or
            any(start < found.start() < end for start, end in named)):
        found = cues.action.search(piece, found.start() + 1)
    return found


def opens_with_action(piece: str, cues: UnitCues) -> bool:
    """An action opens the piece, after at most a short subject with no comma, and in Chinese a
    connective before it (坚持…; 同时，该乡实行…; We carried out…)."""
    found = cues.action.search(piece)
    if found is None:
        return False
    before = piece[: found.start()]
    if cues.connective is not None:
        before = before[m.end():] if (m := cues.connective.match(before)) else before
    size = len(before.strip()) <= cues.raw.subject_chars and not (cues.raw.not_subjects and re.search(
        cues.raw.not_subjects, before)) if cues.raw.subject_chars else len(before.split()) <= cues.raw.subject_words
    return not before.strip() or ("," not in before and "，" not in before and size)


@remembered
def is_result(piece: str, cues: UnitCues) -> bool:
    """A result total (截至目前，共化解…起; 今年接待来访群众210人次，结案率达98%): a result cue with
    no action before it, or only a verb that counts cases (接待, 化解…) before it."""
    found = cues.result.search(piece)
    if found is None:
        return False
    acts = action(piece, cues)
    return acts is None or acts.start() >= found.start() or cues.count_verb.fullmatch(acts.group()) is not None


@remembered
def is_measure(piece: str, cues: UnitCues) -> bool:
    """A piece that states an action and is neither a result total nor an attitude alone."""
    if action(piece, cues) is None or is_result(piece, cues) or cues.never_measure.search(piece):
        return False
    stop = cues.not_measure.search(piece)
    return stop is None or action(piece, cues, stop.end()) is not None


@remembered
def is_problem(piece: str, cues: UnitCues) -> bool:
    """A problem cue that no action precedes (化解积案 acts on a problem: a measure) and that no
    resolution follows (遗留问题得到了妥善处理 is an outcome)."""
    found = cues.problem.search(piece)
    while found is not None and cues.resolved.match(piece, found.end()):
        found = cues.problem.search(piece, found.end())
    if found is None:
        return False
    acts = action(piece, cues)
    return acts is None or acts.start() >= found.start() or not is_measure(piece, cues)


def states_problem(piece: str, score: float | None, cues: UnitCues) -> bool:
    """Whether a piece states a problem: by the kind model's score when there is one, else by cue."""
    return score >= PROBLEM_SCORE if score is not None else is_problem(piece, cues)


@dataclass(frozen=True)
class Place:
    """Where a piece stands: its section's kind and how it was typed, whether it is the lead
    sentence, whether the overview around it is read for measures, the clause marker before it,
    whether the text dwells on difficulties, and the kind model's P(problem) of the piece."""

    section: str
    by_heading: bool
    lead: bool = False
    measures_here: bool = False
    marker: str = ""
    problems_first: bool = False
    score: float | None = None


def piece_kind(piece: str, place: Place, cues: UnitCues, closing: str = "") -> str | None:
    """The unit kind of one piece (None: no unit, LEAD_IN: a lead-in); `closing` is the punctuation
    after it (a lead-in ends with a colon)."""
    if cues.lead_in.search(piece + closing):
        return LEAD_IN
    own = SECTION_UNIT.get(place.section)
    problem = states_problem(piece, place.score, cues)
    if place.lead:  # an essay may open with a difficulty; a lead that acts or counts is the overview
        pure = action(piece, cues) is None and not re.search(r"[0-9]", piece)
        return "problem" if pure and problem and is_problem(piece, cues) else None
    if own in ("problem", "plan") and place.by_heading:
        return own
    if place.marker and cues.plan_marker.fullmatch(place.marker):
        return "plan"  # 一要…二要…: the directives of a meeting
    if cues.plan_start.search(piece) or (own != "measure" or not place.by_heading) and cues.plan.search(piece):
        return "plan"
    measure = is_measure(piece, cues)
    if own == "problem":  # typed by content: what acts after the problems is what will be done
        cued = is_problem(piece, cues)  # a problem cue before any action: a problem whatever the model says
        return "plan" if measure and not problem and not cued else ("problem" if problem or cued else None)
    may_measure = own == "measure" or place.measures_here or \
        place.section == "results" and opens_with_action(piece, cues)
    # in a text that dwells on difficulties the model decides running text (a heading its own pieces),
    # but a result total (accepted 374 cases so far) states no problem
    if place.problems_first and problem and not place.by_heading and not is_result(piece, cues) and \
            (not cues.raw.genre_problems_need_cue or is_problem(piece, cues)):
        return "problem"
    strong = place.score is not None and place.score >= STRONG_PROBLEM_SCORE
    if may_measure and measure and not strong:
        return "measure"
    if strong and is_problem(piece, cues):  # in a text that reports what was done, a problem needs both signs
        return "problem"
    if may_measure and measure:
        return "measure"
    if not place.by_heading and not measure and is_problem(piece, cues) and \
            (place.score is None or place.score >= CUE_PROBLEM_SCORE or
             cues.strong_problem is not None and cues.strong_problem.search(piece)):
        return "problem"  # running text: no action, and a problem in the cues' words that the model does not deny
    return None


def _problem_clauses_end(piece: str, before: int, cues: UnitCues) -> int:
    """The comma before `before` that closes the first run of clauses stating a problem (近年来，随着
    经济发展，信访问题越来越突出，我镇在…下，坚持…: after 越来越突出); the last comma before it when
    no earlier run states one, -1 when there is no comma."""
    commas = [at for at, char in enumerate(piece[:before]) if char in "，,"]
    return next((at for at in commas if is_problem(piece[:at], cues)), commas[-1] if commas else -1)


def problem_head(piece: str, lead: bool, cues: UnitCues) -> int | None:
    """Where a problem that opens a piece ends, when the piece goes on with something else: a
    concession (尽管历史遗留问题较多，但…) or, in the lead, the clauses before its first action
    (近年来，信访问题越来越突出，我镇…开展…). None when the piece opens with no problem."""
    if cues.concession is not None and (match := cues.concession.match(piece)) is not None:
        end = match.end("head")
    elif lead and (acts := action(piece, cues)) is not None:
        end = _problem_clauses_end(piece, acts.start(), cues)
    else:
        return None
    head = piece[:end]
    if end <= 0 or action(head, cues) is not None or re.search(r"[0-9]", head) or cues.aim.search(head) or \
            not is_problem(head, cues):
        return None
    return end
