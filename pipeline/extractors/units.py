"""Measure, problem and plan units: one measure (problem, plan) per unit, found by content in any section.

Each block (pipeline.extractors.unit_blocks) is cut into pieces, grouped under the short heading
pieces that open them. A piece is a unit of a kind by its section and its words: in a measures
section a piece that states an action (建立, 开展, set up…) and is no result total; in a problems
or plans section any piece but a lead-in; elsewhere a piece whose cue names a problem or a plan
(and, in a summary without a measures section, an action outside the opening paragraph). A run
holding one unit piece is one unit, from its heading to the piece (a heading fused with its one
measure, a purpose sentence before it); a run holding several gives each piece alone. The
opening paragraph (the overview's lead) holds no unit but the measures it lists (通过…、…等措施)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from pipeline.extractors.unit_blocks import Block, PieceRules, Run, Span, blocks, body_line, is_heading_piece, pieces, runs, trimmed
from pipeline.fold import fold
from pipeline.ingest import Document
from pipeline.lexicon import ResourceModel, any_of, load_resource
from pipeline.section_cues import section_cues
from pipeline.paragraphs import limit, sentence_ends
from pipeline.segment import Segmentation

Unit = Span
KINDS = ("measure", "problem", "plan")
SECTION_UNIT = {"measures": "measure", "problems": "problem", "plans": "plan"}
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
    semicolon_continuations: tuple[str, ...] = ()
    join_parts_below: int = 0
    trailing_debris: tuple[str, ...] = ()
    result_cues: tuple[str, ...] = ()
    count_verbs: tuple[str, ...] = ()


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


@lru_cache(maxsize=None)
def unit_cues(lang: str) -> UnitCues:
    raw = load_resource(lang, "units", UnitCueFile)
    results = [section_cues(lang).raw.sentence_kinds.get("results", ()), raw.result_cues]
    return UnitCues(
        raw, tuple(re.compile(p.pattern, re.IGNORECASE) for p in raw.measure_lists),
        re.compile(raw.list_separators, re.IGNORECASE), any_of(raw.problem_cues), any_of(raw.plan_cues),
        any_of(raw.lead_ins), any_of(raw.measure_cues), any_of(raw.not_measures), any_of(raw.never_measures),
        any_of(raw.not_leads),
        PieceRules(any_of(raw.semicolon_continuations), raw.join_parts_below, any_of(raw.trailing_debris)),
        any_of([pattern for group in results for pattern in group]), any_of(raw.count_verbs),
    )


def _opening(doc: Document, seg: Segmentation, cues: UnitCues) -> tuple[int, Span | None] | None:
    """The opening body paragraph of a text, when it stands in an overview or a section typed by
    position or content and is no numbered item and opens no enumeration (一是…): (its index, its lead sentence),
    the lead None when the paragraph continues a text cut off above it (并…)."""
    scues = section_cues(doc.language)
    text = doc.file_match
    for index, paragraph in enumerate(seg.paragraphs):
        line = text[paragraph.start : paragraph.end]
        if paragraph.heading_line or line == doc.title or not body_line(line, scues):
            continue
        section = seg.sections[seg.paragraph_section[index]]
        enumerates = any(p.match(line.strip()) for p in scues.clauses) or \
            any(paragraph.start <= c.start < paragraph.end for c in seg.clauses[:8])
        typed_here = section.kind == "overview" or section.kind_by in ("position", "content")
        if paragraph.style not in (None, "bare") or enumerates or not typed_here:
            return None
        if cues.not_lead.match(line.strip()):
            return index, None
        return index, trimmed(text, paragraph.start, paragraph.start + sentence_ends(line, scues)[0])
    return None


def _is_result(piece: str, cues: UnitCues) -> bool:
    """A result total (截至目前，共化解…起; 今年接待来访群众210人次，结案率达98%): a result cue with
    no action before it, or only a verb that counts cases (接待, 化解…) before it."""
    found = cues.result.search(piece)
    if found is None:
        return False
    acts = cues.action.search(piece)
    return acts is None or acts.start() >= found.start() or cues.count_verb.fullmatch(acts.group()) is not None


def _is_measure(piece: str, cues: UnitCues) -> bool:
    """A piece that states an action and is neither a result total nor an attitude alone."""
    if cues.action.search(piece) is None or _is_result(piece, cues) or cues.never_measure.search(piece):
        return False
    stop = cues.not_measure.search(piece)
    return stop is None or cues.action.search(piece, stop.end()) is not None


def _piece_kind(piece: str, section_kind: str, by_content: bool, cues: UnitCues, measures_here: bool,
                closing: str = "") -> str | None:
    """The unit kind of one piece in a section of the given kind (None: no unit); `closing` is the
    punctuation after it (a lead-in ends with a colon). A plans section typed by content holds
    plans by their cue, and measures taken (…还联合开展了讲座) besides."""
    if cues.lead_in.search(piece + closing):
        return LEAD_IN
    own = SECTION_UNIT.get(section_kind)
    if own == "problem" or (own == "plan" and not by_content):
        return own
    if own == "plan" and (cues.plan.search(piece) or not _is_measure(piece, cues)):
        return own
    if own in ("measure", "plan") or measures_here:
        if _is_measure(piece, cues):
            return "measure"
        if own == "measure":
            return None
    elif section_kind == "results" and cues.action.match(piece) and _is_measure(piece, cues):
        return "measure"  # a measure stated among the results (坚持…，将矛盾化解在基层)
    if cues.problem.search(piece):
        return "problem"
    if cues.plan.search(piece):
        return "plan"
    return None


def _run_units(run: Run, kinds: list[str | None], results: list[bool]) -> list[tuple[str, Span]]:
    """One unit for a run with one unit piece: from the run's heading (or first piece) to the piece
    and the pieces after it, never across a result total (共化解…起); else one unit per unit piece."""
    chosen = [(kind, span) for kind, span in zip(kinds, run.pieces) if kind not in (None, LEAD_IN)]
    if len(chosen) != 1:
        return chosen
    kind, span = chosen[0]
    at = run.pieces.index(span)
    first, last = span, span
    for number in range(at - 1, -1, -1):
        if results[number]:
            break
        first = run.pieces[number]
    else:
        first = run.heading or first
    for number in range(at + 1, len(run.pieces)):
        if results[number]:
            break
        last = run.pieces[number]
    return [(kind, Span(first.start, last.end))]


def _leaf_heading(doc: Document, seg: Segmentation, index: int, cues: UnitCues) -> tuple[str, Span] | None:
    """A numbered heading line with no body and no items below it (1.进一步畅通信访渠道) is a unit."""
    paragraph = seg.paragraphs[index]
    section_index = seg.paragraph_section[index]
    section = seg.sections[section_index]
    kind = SECTION_UNIT.get(section.kind)
    if kind is None or paragraph.style in (None, "bare"):
        return None
    following = seg.paragraphs[index + 1] if index + 1 < len(seg.paragraphs) else None
    if following is not None and following.start < section.end and not following.heading_line:
        return None  # its body follows
    after = seg.sections[section_index + 1] if section_index + 1 < len(seg.sections) else None
    if after is not None and after.level > section.level:
        return None  # items follow below it
    span = trimmed(doc.file_match, paragraph.body_start, paragraph.end, cues.pieces.debris)
    if span is None:
        return None
    size = doc.file_match[span.start : span.end]
    if (len(size.split()) if doc.language == "en" else len(size)) < cues.raw.min_heading_size:
        return None
    return kind, span


def _block_units(doc: Document, seg: Segmentation, block: Block, cues: UnitCues, lead: tuple[int, Span | None] | None,
                 overview_measures: bool) -> list[tuple[str, Span]]:
    """The units (and lead-ins, kind LEAD_IN) of one block. In the opening paragraph the lead
    sentence holds none, and after it a news item's overview (typed by position, no heading) is
    read as measures are."""
    text = doc.file_match
    section = seg.sections[block.section]
    if block.as_measures:
        section = section.model_copy(update={"kind": "measures"})
    spans = pieces(doc, block, cues.pieces)
    measures_here = section.kind == "overview" and overview_measures
    if lead is not None and seg.paragraphs[lead[0]].start <= block.start < seg.paragraphs[lead[0]].end:
        spans = [span for span in spans if lead[1] is None or span.start >= lead[1].end]
        measures_here = measures_here or (section.kind == "overview" and section.heading is None)
    found = []
    if block.heads_clauses and len(spans) == 1 and is_heading_piece(text, spans[0], doc.language, limit(
            section_cues(doc.language), "run_in_chars", "run_in_words")):
        return []  # a heading run into the clauses it introduces (2. Strengthen screening. First, …)
    results = [_is_result(text[span.start : span.end], cues) for span in spans]
    flag = dict(zip(spans, results))
    for run in runs(text, spans, doc.language, cues.raw.heading_piece_size, results):
        kinds = [_piece_kind(text[span.start : span.end], section.kind, section.kind_by == "content", cues,
                             measures_here, text[span.end : span.end + 1]) for span in run.pieces]
        found += _run_units(run, kinds, [flag[span] for span in run.pieces])
        found += [(LEAD_IN, span) for kind, span in zip(kinds, run.pieces) if kind == LEAD_IN]
    return found


_last: list[tuple[Segmentation, dict[str, list[Unit]]]] = []


def all_units(doc: Document, seg: Segmentation) -> dict[str, list[Unit]]:
    """Units of every kind, in offset order (computed once for the segmentation being read)."""
    if _last and _last[0][0] is seg:
        return _last[0][1]
    cues = unit_cues(doc.language)
    lead = _opening(doc, seg, cues)
    overview_measures = not any(section.kind == "measures" for section in seg.sections)
    found: dict[str, list[Unit]] = {kind: [] for kind in (*KINDS, LEAD_IN)}
    planned = _planned_measures(doc, seg)
    for block in blocks(doc, seg):
        if block.section in planned:
            block = replace(block, as_measures=True)
        for kind, span in _block_units(doc, seg, block, cues, lead, overview_measures):
            found[kind].append(span)
    for span in found.pop(LEAD_IN):
        section = next(s for s in reversed(seg.sections) if s.start <= span.start)
        kind = SECTION_UNIT.get(section.kind)
        if kind in ("problem", "plan") and not any(span.end <= u.start < section.end for u in found[kind]):
            found[kind].append(span)
    for index, paragraph in enumerate(seg.paragraphs):
        if paragraph.heading_line and (leaf := _leaf_heading(doc, seg, index, cues)) is not None:
            found[leaf[0]].append(leaf[1])
    found["measure"] += _measure_list_units(doc, seg, cues)
    result = {kind: _dedupe(units) for kind, units in found.items()}
    _last[:] = [(seg, result)]
    return result


def _planned_measures(doc: Document, seg: Segmentation) -> set[int]:
    """Plans sections under a heading that also names measures ("Strengthen …, and make a work
    plan for the second half of the year"), with the sections below them: they hold measures."""
    measures_cue = dict(section_cues(doc.language).heading_kind).get("measures")
    chosen, level = set(), None
    for index, section in enumerate(seg.sections):
        if level is not None and section.level > level and section.kind == "plans":
            chosen.add(index)
            continue
        level = None
        if section.kind == "plans" and section.level <= 1 and section.heading and measures_cue is not None and \
                measures_cue.search(fold(section.heading)):
            chosen.add(index)
            level = section.level
    return chosen


def _measure_list_units(doc: Document, seg: Segmentation, cues: UnitCues) -> list[Unit]:
    """我镇通过健全网络、压实责任、强化督办等措施: each listed measure of a sentence outside problems and plans."""
    units: list[Unit] = []
    text = doc.file_match
    for section in seg.sections:
        if section.kind not in ("overview", "results", "measures", "other"):
            continue
        for pattern in cues.measure_lists:
            for match in pattern.finditer(text, section.start, section.end):
                lo, hi = match.span("list")
                if re.search("[“”\"「」《》]", text[lo:hi]):
                    continue  # a quoted slogan, not a list of measures
                items, position = [], lo
                for sep in cues.separators.finditer(text, lo, hi):
                    items.append((position, sep.start()))
                    position = sep.end()
                items.append((position, hi))
                if len(items) >= 2:
                    units += [u for a, b in items if (u := trimmed(text, a, b))
                              and u.end - u.start >= cues.raw.min_item_chars]
    return units


def _dedupe(units: list[Unit]) -> list[Unit]:
    """Units in offset order, without those inside an earlier one."""
    seen: list[Unit] = []
    furthest = -1
    for unit in sorted(units, key=lambda u: (u.start, -u.end)):
        if unit.end > furthest or not seen:
            seen.append(unit)
            furthest = max(furthest, unit.end)
    return seen


def measure_units(doc: Document, seg: Segmentation) -> list[Unit]:
    """One unit per measure: an item, a clause or a sentence stating an action, wherever it stands."""
    return all_units(doc, seg)["measure"]


def problem_units(doc: Document, seg: Segmentation) -> list[Unit]:
    """One unit per problem: pieces of problems sections, and problem cue pieces elsewhere."""
    return all_units(doc, seg)["problem"]


def plan_units(doc: Document, seg: Segmentation) -> list[Unit]:
    """One unit per plan: pieces of plans sections, and plan cue pieces elsewhere."""
    return all_units(doc, seg)["plan"]
