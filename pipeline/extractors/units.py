"""Measure, problem and plan units: grounded spans taken from sections, items, clauses and cue sentences."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from pipeline.fold import fold
from pipeline.ingest import Document
from pipeline.section_cues import section_cues
from pipeline.lexicon import ResourceModel, any_of, load_resource
from pipeline.segment import Paragraph, Segmentation

TRIM = " \t\n，,。.；;：:、"


class ListPattern(ResourceModel):
    pattern: str
    example: str


class UnitCueFile(ResourceModel):
    measure_lists: tuple[ListPattern, ...]
    list_separators: str
    min_item_chars: int
    min_heading_size: int
    problem_cues: tuple[str, ...]
    plan_cues: tuple[str, ...]
    lead_ins: tuple[str, ...]
    measure_cues: tuple[str, ...]


@dataclass(frozen=True)
class UnitCues:
    measure_lists: tuple[re.Pattern[str], ...]
    separators: re.Pattern[str]
    min_item_chars: int
    min_heading_size: int
    problem: re.Pattern[str]
    plan: re.Pattern[str]
    lead_in: re.Pattern[str]
    measure: re.Pattern[str]


@lru_cache(maxsize=None)
def unit_cues(lang: str) -> UnitCues:
    raw = load_resource(lang, "units", UnitCueFile)
    return UnitCues(
        tuple(re.compile(p.pattern, re.IGNORECASE) for p in raw.measure_lists),
        re.compile(raw.list_separators, re.IGNORECASE),
        raw.min_item_chars,
        raw.min_heading_size,
        any_of(raw.problem_cues),
        any_of(raw.plan_cues),
        any_of(raw.lead_ins),
        any_of(raw.measure_cues),
    )


@dataclass(frozen=True)
class Unit:
    """A grounded span of the file text."""

    start: int
    end: int


@dataclass(frozen=True)
class _Index:
    """Sorted offsets of one segmentation (its sections, sentences and clauses are in offset
    order), so that the units of a section are found by bisection, not by a scan per section."""

    seg: Segmentation
    section_starts: list[int]
    sentence_starts: list[int]
    clause_starts: list[int]
    paragraph_at: dict[int, Paragraph]  # the first paragraph starting at an offset


_last_index: list[_Index] = []


def _index(seg: Segmentation) -> _Index:
    """The index of a segmentation, built once for the document being read."""
    if not _last_index or _last_index[0].seg is not seg:
        paragraphs: dict[int, Paragraph] = {}
        for paragraph in seg.paragraphs:
            paragraphs.setdefault(paragraph.start, paragraph)
        _last_index[:] = [_Index(seg, [s.start for s in seg.sections], [s.start for s in seg.sentences],
                                 [c.start for c in seg.clauses], paragraphs)]
    return _last_index[0]


def _within(items: tuple, starts: list[int], start: int, end: int) -> tuple:
    """The items (in offset order, `starts` their starts) that start in [start, end)."""
    return items[bisect_left(starts, start) : bisect_left(starts, end)]


def _trimmed(text: str, start: int, end: int) -> Unit | None:
    piece = text[start:end]
    stripped = piece.strip(TRIM)
    if not stripped:
        return None
    lead = piece.index(stripped[0])
    return Unit(start + lead, start + lead + len(stripped))


def _sections_of(seg: Segmentation, kinds: set[str]) -> list[int]:
    return [i for i, section in enumerate(seg.sections) if section.kind in kinds]


def _has_children(seg: Segmentation, index: int) -> bool:
    section = seg.sections[index]
    following = seg.sections[index + 1] if index + 1 < len(seg.sections) else None
    return following is not None and following.level > section.level and section.level > 0


def _is_label(doc: Document, seg: Segmentation, sentence) -> bool:
    """A heading line, or a short line with no sentence punctuation (a signature, a date)."""
    paragraph = seg.paragraphs[sentence.paragraph]
    if paragraph.heading_line:
        return True
    whole = paragraph.start == sentence.start and paragraph.end == sentence.end
    if not whole:
        return False
    line = doc.file_match[paragraph.start : paragraph.end]
    short = len(line.split()) < 6 if doc.language == "en" else len(line) < 20
    return whole and short and line[-1:] not in section_cues(doc.language).raw.sentence_enders


def _substantive(doc: Document, seg: Segmentation, section, cues: UnitCues) -> bool:
    """A numbered heading that states a measure (not a bare title such as 二、主要做法)."""
    paragraph = _index(seg).paragraph_at.get(section.start) or next(p for p in seg.paragraphs
                                                                     if p.start == section.start)
    title = doc.file_match[paragraph.body_start : paragraph.heading_end or paragraph.end]
    size = len(title.split()) if doc.language == "en" else len(title.strip(TRIM))
    return size >= cues.min_heading_size


def _leaf_item(seg: Segmentation, index: int, sentence) -> bool:
    """A one-line numbered item with nothing below it (1.进一步畅通信访渠道) is a unit itself."""
    section = seg.sections[index]
    paragraph = seg.paragraphs[sentence.paragraph]
    return section.level >= 2 and paragraph.style not in (None, "bare") and not _has_children(seg, index)


def _is_heading(seg: Segmentation, sentence) -> bool:
    return seg.paragraphs[sentence.paragraph].heading_line


def _section_units(doc: Document, seg: Segmentation, index: int, cues: UnitCues,
                   split_sentences: bool, filter_cue: re.Pattern[str] | None = None) -> list[Unit]:
    """Clauses of the section's paragraphs; else the item itself, or its sentences."""
    section = seg.sections[index]
    text = doc.file_match
    if _has_children(seg, index) and seg.sections[index].heading is not None:
        body_start = section.start + len(section.heading)
        if not text[body_start : section.end].strip():  # a heading whose items follow as sections
            heading = _trimmed(text, section.start, body_start)
            substantive = heading and _substantive(doc, seg, section, cues)
            return [heading] if substantive and not split_sentences else []
    index_ = _index(seg)
    clauses = _within(seg.clauses, index_.clause_starts, section.start, section.end)
    clause_starts = [c.start for c in clauses]
    clause_reach = list(accumulate((c.end for c in clauses), max))  # the furthest end up to each clause
    units = [u for c in clauses if (u := _trimmed(text, c.start, c.end))]
    rest, lead_ins, cued_paragraphs = [], [], set()
    for sentence in _within(seg.sentences, index_.sentence_starts, section.start, section.end):
        before = bisect_right(clause_starts, sentence.start) - 1  # the last clause starting at or before it
        if (before >= 0 and clause_reach[before] > sentence.start) or \
                (_is_label(doc, seg, sentence) and (split_sentences or not _is_heading(seg, sentence))
                 and not _leaf_item(seg, index, sentence)):
            continue
        if section.kind_by == "content" and filter_cue is not None:
            # a section typed by its content holds units from its first cue sentence on, per paragraph
            if filter_cue.search(text[sentence.start : sentence.end]):
                cued_paragraphs.add(sentence.paragraph)
            if sentence.paragraph not in cued_paragraphs:
                continue
        following = bisect_right(clause_starts, sentence.start)  # the first clause starting after it
        end = min(clause_starts[following], sentence.end) if following < len(clause_starts) else sentence.end
        found = lead_ins if cues.lead_in.search(text[sentence.start : end].strip()) else rest
        found.append((sentence.start, end, sentence.paragraph))
    # a lead-in introduces what follows it (later sentences, clauses, items below); alone, it is the content
    latest = max(clause_starts + [a for a, _, _ in rest], default=None)
    followed = _has_children(seg, index)
    rest = sorted(rest + [item for item in lead_ins if not followed and (latest is None or latest < item[1])])
    if split_sentences or section.level == 0:
        units += [u for a, b, _ in rest if (u := _trimmed(text, a, b))]
    else:  # one unit per paragraph; a heading line joins the paragraph after it
        groups: list[list[int]] = []
        for a, b, paragraph in rest:
            joined = groups and (groups[-1][2] == paragraph or seg.paragraphs[groups[-1][2]].heading_line)
            if joined:
                groups[-1][1:] = [b, paragraph]
            else:
                groups.append([a, b, paragraph])
        units += [u for a, b, _ in groups if (u := _trimmed(text, a, b))]
    return units


def _measure_list_units(doc: Document, seg: Segmentation, cues: UnitCues) -> list[Unit]:
    """我镇通过健全网络、压实责任、强化督办: each listed measure of a sentence outside problems and plans."""
    units: list[Unit] = []
    text = doc.file_match
    for index in _sections_of(seg, {"overview", "results", "measures", "other"}):
        section = seg.sections[index]
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
                    units += [u for a, b in items if (u := _trimmed(text, a, b))
                              and u.end - u.start >= cues.min_item_chars]
    return units


def _dedupe(units: list[Unit]) -> list[Unit]:
    """Units in offset order, without those inside an earlier one (every unit kept before starts
    at or before this one, so it is inside one of them when the furthest end reaches its end)."""
    seen: list[Unit] = []
    furthest = -1
    for unit in sorted(units, key=lambda u: (u.start, -u.end)):
        if unit.end > furthest or not seen:
            seen.append(unit)
            furthest = max(furthest, unit.end)
    return seen


def measure_units(doc: Document, seg: Segmentation) -> list[Unit]:
    """Items and clauses of measures sections, and measures listed in overview sentences."""
    cues = unit_cues(doc.language)
    sections = sorted(_sections_of(seg, {"measures"}) + _planned_measures(doc, seg) + _results_in_measures(seg))
    # a measures section typed by its content holds units from the first sentence that acts (建立, 开展…)
    units = [u for i in sections for u in _section_units(doc, seg, i, cues, False, cues.measure)]
    return _dedupe(units + _measure_list_units(doc, seg, cues) + _overview_measures(doc, seg, cues))


def _results_in_measures(seg: Segmentation) -> list[int]:
    """Results parts cut out of a measures section by their content (…，全年排查纠纷318起，化解309起):
    the action stated with its outcome is still a measure."""
    return [index for index, section in enumerate(seg.sections) if index and section.kind == "results"
            and section.kind_by == "content" and seg.sections[index - 1].kind in ("measures", "results")
            and any(s.kind == "measures" for s in seg.sections[:index])]


def _planned_measures(doc: Document, seg: Segmentation) -> list[int]:
    """Plans sections under a heading that also names measures ("Strengthen …, and make a work
    plan for the second half of the year"), with the sections below them."""
    measures_cue = dict(section_cues(doc.language).heading_kind).get("measures")
    chosen, level = [], None
    for index, section in enumerate(seg.sections):
        if level is not None and section.level > level and section.kind == "plans":
            chosen.append(index)
            continue
        level = None
        if section.kind == "plans" and section.level <= 1 and section.heading and measures_cue is not None and \
                measures_cue.search(fold(section.heading)):
            chosen.append(index)
            level = section.level
    return chosen


def _overview_measures(doc: Document, seg: Segmentation, cues: UnitCues) -> list[Unit]:
    """In a summary with no measures section, enumerated clauses and measure sentences of its body."""
    if any(section.kind == "measures" for section in seg.sections):
        return []
    overview = [s for s in seg.sections if s.kind == "overview"]
    first_body = next((p.start for p in seg.paragraphs if not p.heading_line and
                       doc.file_match[p.start:p.end] != doc.title), None)
    units = []
    for section in overview:
        for clause in _within(seg.clauses, _index(seg).clause_starts, section.start, section.end):
            if (u := _trimmed(doc.file_match, clause.start, clause.end)):
                units.append(u)
        for sentence in _within(seg.sentences, _index(seg).sentence_starts, section.start, section.end):
            paragraph = seg.paragraphs[sentence.paragraph]
            piece = doc.file_match[sentence.start : sentence.end]
            if paragraph.start != first_body and cues.measure.search(piece) and not _is_label(doc, seg, sentence):
                if (u := _trimmed(doc.file_match, sentence.start, sentence.end)):
                    units.append(u)
    return units


def _cue_sentences(doc: Document, seg: Segmentation, pattern: re.Pattern[str], skip: set[str]) -> list[Unit]:
    text = doc.file_match
    units = []
    for sentence in seg.sentences:
        last = bisect_right(_index(seg).section_starts, sentence.start) - 1  # the last section starting before
        owner = seg.sections[last] if last >= 0 else None
        if owner is None or owner.kind in skip:
            continue
        if pattern.search(text[sentence.start : sentence.end].strip()):
            if (u := _trimmed(text, sentence.start, sentence.end)):
                units.append(u)
    return units


def problem_units(doc: Document, seg: Segmentation) -> list[Unit]:
    """Single problems: clauses or sentences of problems sections, and problem cue sentences."""
    cues = unit_cues(doc.language)
    units = [u for i in _sections_of(seg, {"problems"}) for u in _section_units(doc, seg, i, cues, True, cues.problem)]
    units += _cue_sentences(doc, seg, cues.problem, {"problems", "plans", "measures"})
    return _dedupe([u for u in units if not _is_lead_in(doc, u, cues)])


def plan_units(doc: Document, seg: Segmentation) -> list[Unit]:
    """Plans: clauses or sentences of plans sections, and plan cue sentences elsewhere."""
    cues = unit_cues(doc.language)
    units = [u for i in _sections_of(seg, {"plans"}) for u in _section_units(doc, seg, i, cues, True, cues.plan)]
    units += _cue_sentences(doc, seg, cues.plan, {"plans", "measures"})
    return _dedupe([u for u in units if not _is_lead_in(doc, u, cues)])


def _is_lead_in(doc: Document, unit: Unit, cues: UnitCues) -> bool:
    text = doc.file_match[unit.start : unit.end]
    return bool(cues.lead_in.search(text)) and len(text) < 60
