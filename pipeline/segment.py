"""Segments a Document into typed sections, paragraphs, sentences and enumeration clauses."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.content_sections import retype_by_content
from pipeline.ingest import Document, is_split_marker
from pipeline.schema import Section
from pipeline.paragraphs import Paragraph, limit, paragraphs_of, sentence_ends, text_length
from pipeline.section_cues import SectionCues, section_cues

@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Clause:
    """One item of an enumeration inside a paragraph (一是…, The second is…)."""

    start: int
    end: int
    paragraph: int
    ordinal: int


@dataclass(frozen=True)
class Segmentation:
    sections: tuple[Section, ...]
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    clauses: tuple[Clause, ...]
    paragraph_section: tuple[int, ...]  # index of the section holding each paragraph


@dataclass
class _Level:
    styles: set[str]
    next_value: int
    heading_line: bool


@dataclass
class _Opening:
    paragraph: int
    level: int
    heading: str | None
    kind: str | None = None
    kind_by: str = "heading"
    start: int | None = None  # a section opened inside a paragraph, at a sentence


def _place(stack: list[_Level], paragraph: Paragraph) -> int:
    """Level index (0-based) of a marked paragraph; updates the stack."""
    style, value = paragraph.style, paragraph.value
    if style == "bare":
        if not stack:
            stack.append(_Level({"bare"}, 1, True))
        del stack[1:]
        stack[0].styles.add("bare")
        return 0
    continuing = [i for i, lv in enumerate(stack) if style in lv.styles and lv.next_value == value]
    by_value = [i for i, lv in enumerate(stack) if lv.next_value == value and value > 1]
    same_style = [i for i, lv in enumerate(stack) if style in lv.styles]
    chosen = _prefer(stack, continuing, paragraph) if continuing else None
    if chosen is None and value == 1:
        chosen = len(stack)
        stack.append(_Level({style}, 1, paragraph.heading_line))
    if chosen is None and by_value:
        chosen = _prefer(stack, by_value, paragraph)
    if chosen is None:
        chosen = same_style[-1] if same_style else len(stack)
        if chosen == len(stack):
            stack.append(_Level({style}, value, paragraph.heading_line))
    del stack[chosen + 1 :]
    level = stack[chosen]
    level.styles.add(style)
    level.next_value = value + 1
    level.heading_line = paragraph.heading_line
    return chosen


def _prefer(stack: list[_Level], candidates: list[int], paragraph: Paragraph) -> int:
    same_shape = [i for i in candidates if stack[i].heading_line == paragraph.heading_line]
    return (same_shape or candidates)[-1]


def _content_kind(text: str, cues: SectionCues) -> str | None:
    """The kind a paragraph's content shows: the earliest problems or plans cue, else results or measures."""
    found: dict[str, int] = {}
    possible = cues.possible_kinds("content", text)
    for kind, pattern in cues.content_kind:
        match = pattern.search(text) if kind in possible else None
        if match:
            found[kind] = match.start()
    strong = {k: v for k, v in found.items() if k in ("problems", "plans")}
    if strong:
        return min(strong, key=strong.get)
    return min(found, key=found.get) if found else None


def _openings(doc: Document, paragraphs: list[Paragraph], cues: SectionCues) -> list[_Opening]:
    text = doc.file_text
    stack: list[_Level] = []
    openings: list[_Opening] = []
    parents: dict[int, _Opening] = {}
    for index, paragraph in enumerate(paragraphs):
        if paragraph.style is not None:
            level = _place(stack, paragraph) + 1
            heading = text[paragraph.start : paragraph.heading_end] if paragraph.heading_end else None
            opening = _Opening(index, level, heading.strip() if heading else None)
            view = doc.file_match[paragraph.start : paragraph.heading_end] if paragraph.heading_end else None
            _assign_kind(opening, parents, cues, view)
        elif _opens_by_content(doc, paragraphs, index, openings, cues):
            kind = _content_kind(doc.file_match[paragraph.start : paragraph.end], cues)
            opening = _Opening(index, 1, None, kind, "content")
            del stack[1:]
        else:
            opening = None
        if opening is not None:
            openings.append(opening)
        plans = _plans_inside(doc, paragraph, openings[-1] if openings else None, cues)
        if plans is not None:
            opening = _Opening(index, 1, None, "plans", "content", plans)
            openings.append(opening)
        if opening is None:
            continue
        parents = {lv: o for lv, o in parents.items() if lv < opening.level}
        parents[opening.level] = opening
    return openings


def _plans_inside(doc: Document, paragraph: Paragraph, current: _Opening | None,
                  cues: SectionCues) -> int | None:
    """Start of the first plan sentence inside an unmarked paragraph of a problems section."""
    if current is None or current.kind != "problems" or paragraph.style is not None:
        return None
    if cues.plans_after_problems is None:
        return None
    body = doc.file_match[paragraph.start : paragraph.end]
    previous = 0
    for end in sentence_ends(body, cues):
        sentence = body[previous:end]
        if previous > 0 and cues.plans_after_problems.search(sentence):
            return paragraph.start + previous + (len(sentence) - len(sentence.lstrip()))
        previous = end
    return None


def _has_measures_heading(doc: Document, paragraphs: list[Paragraph], cues: SectionCues) -> bool:
    """Whether any heading of the summary is, by its cue or by default, a measures heading."""
    for paragraph in paragraphs:
        if paragraph.style is None or paragraph.heading_end is None:
            continue
        heading = doc.file_match[paragraph.start : paragraph.heading_end]
        if cues.kind_of_heading(heading) in ("measures", None):
            return True
    return False


def _opens_by_content(doc, paragraphs, index, openings, cues: SectionCues) -> bool:
    paragraph = paragraphs[index]
    body = doc.file_match[paragraph.start : paragraph.end]
    kind = _content_kind(body, cues)
    if kind is None or index == 0:
        return False
    current = openings[-1].kind if openings else "overview"
    if kind == current:
        return False
    if kind == "measures":  # only where no heading names the measures, after the opening
        first_of_section = bool(openings) and openings[-1].paragraph == index - 1
        return current == "overview" and index >= 2 and not first_of_section and \
            not _has_measures_heading(doc, paragraphs, cues)
    closing = bool(cues.closing.match(body))
    first_body = bool(openings) and openings[-1].paragraph == index - 1 and openings[-1].kind_by != "content" \
        and paragraphs[index - 1].heading_line
    second_half = paragraph.start - doc.start >= (doc.end - doc.start) / 2
    return closing or (second_half and not first_body)


def _assign_kind(opening: _Opening, parents: dict[int, _Opening], cues: SectionCues,
                 heading_view: str | None) -> None:
    """Kind of a numbered or bare heading: its own cue, else its parent's, else measures."""
    parent = next((parents[lv] for lv in sorted(parents, reverse=True) if lv < opening.level), None)
    cue = cues.kind_of_heading(heading_view) if heading_view else None
    # A child takes its parent's kind unless its own heading says problems or plans, or the parent
    # is a mere container (一、上半年工作开展情况 over （二）落实领导接访制度).
    container = parent is not None and parent.kind in ("overview", "other")
    if parent is not None and cue in ("problems", "plans") and not container and heading_view and \
            text_length(heading_view, cues) > limit(cues, "bare_heading_chars", "bare_heading_words"):
        cue = None  # an item that mentions problems ("1. … accept the problems of the masses") is no title
    if container and cue is None:
        opening.kind, opening.kind_by = "measures", "position"
    elif parent is not None and (cue is None or (cue not in ("problems", "plans") and not container)
                                 or cue == parent.kind):
        opening.kind, opening.kind_by = parent.kind, "parent"
    elif cue is not None:
        opening.kind, opening.kind_by = cue, "heading"
    else:
        opening.kind, opening.kind_by = "measures", "position"


def _retype_by_body(doc: Document, paragraphs: list[Paragraph], openings: list[_Opening],
                    cues: SectionCues) -> None:
    """A heading with no cue (五、保持定力，久久为功) takes the kind its first body paragraph shows."""
    for number, opening in enumerate(openings):
        body = opening.paragraph + 1
        if opening.kind_by != "position" or body >= len(paragraphs) or paragraphs[body].style is not None:
            continue
        kind = _content_kind(doc.file_match[paragraphs[body].start : paragraphs[body].end], cues)
        if kind is None or kind == opening.kind:
            continue
        opening.kind, opening.kind_by = kind, "content"
        for child in openings[number + 1 :]:
            if child.level <= opening.level:
                break
            if child.kind_by == "parent":
                child.kind = kind


def _sections(doc: Document, paragraphs: list[Paragraph], openings: list[_Opening],
              cues: SectionCues) -> list[Section]:
    sections: list[Section] = []
    first = paragraphs[openings[0].paragraph].start if openings else doc.end
    if first > doc.start:
        kind = "overview" if _has_body(doc, paragraphs, first) else "other"
        sections.append(Section(kind=kind, heading=None, level=0, start=doc.start, end=first,
                                kind_by="position"))
    starts = [o.start if o.start is not None else paragraphs[o.paragraph].start for o in openings]
    for number, opening in enumerate(openings):
        start = starts[number]
        end = starts[number + 1] if number + 1 < len(openings) else doc.end
        kind = opening.kind or "other"
        sections.append(Section(kind=kind, heading=opening.heading, level=opening.level,
                                start=start, end=end, kind_by=opening.kind_by))
    return sections


def _has_body(doc: Document, paragraphs: list[Paragraph], first: int) -> bool:
    body = [p for p in paragraphs if p.start < first and doc.file_text[p.start:p.end] != doc.title
            and not is_split_marker(doc.file_text[p.start:p.end])]
    return bool(body)


def _sentences(doc: Document, paragraphs: list[Paragraph], cues: SectionCues) -> list[Sentence]:
    sentences = []
    for index, paragraph in enumerate(paragraphs):
        if paragraph.heading_line:
            sentences.append(Sentence(paragraph.start, paragraph.end, index))
            continue
        body = doc.file_match[paragraph.body_start : paragraph.end]
        previous = paragraph.start
        for end in sentence_ends(body, cues):
            stop = paragraph.body_start + end
            piece = doc.file_match[previous:stop]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                sentences.append(Sentence(previous + lead, previous + len(piece.rstrip()), index))
            previous = stop
    return sentences


def _clause_marks(text: str, cues: SectionCues, boundary: str):
    for pattern in cues.clauses:
        for match in pattern.finditer(text):
            before = match.start()  # the last character before it, spaces and tabs aside
            while before and text[before - 1] in " \t":
                before -= 1
            lost_stop = (found := cues.sentence_end.match(text, before)) is not None and found.end() == match.start()
            if before and text[before - 1] not in boundary and not lost_stop:  # (…committees Third, …: a lost stop)
                continue
            token = next((g for g in match.groups() if g), "")
            value = cues.numeral_value(token)
            if value is not None:
                yield match.start(), value


def _clauses(doc: Document, paragraphs: list[Paragraph], cues: SectionCues) -> list[Clause]:
    clauses = []
    boundary = cues.raw.clause_boundary
    for index, paragraph in enumerate(paragraphs):
        text = doc.file_match[paragraph.start : paragraph.end]
        marks = sorted(_clause_marks(text, cues, boundary))
        if len(marks) < 2:
            continue
        for number, (start, value) in enumerate(marks):
            stop = marks[number + 1][0] if number + 1 < len(marks) else len(text)
            piece = text[start:stop].rstrip()
            clauses.append(Clause(paragraph.start + start, paragraph.start + start + len(piece), index, value))
    return clauses


def segment(doc: Document) -> Segmentation:
    """Sections (tiling the document), paragraphs, sentences and clauses, all in file offsets."""
    cues = section_cues(doc.language)
    paragraphs = paragraphs_of(doc, cues)
    openings = _openings(doc, paragraphs, cues)
    _retype_by_body(doc, paragraphs, openings, cues)
    sentences = _sentences(doc, paragraphs, cues)
    sections = retype_by_content(doc.file_match, doc.start, doc.end, _sections(doc, paragraphs, openings, cues),
                                 paragraphs, sentences, cues)
    owner, current = [], 0
    for paragraph in paragraphs:
        while current + 1 < len(sections) and sections[current + 1].start <= paragraph.start:
            current += 1
        owner.append(current)
    return Segmentation(
        sections=tuple(sections),
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
        clauses=tuple(_clauses(doc, paragraphs, cues)),
        paragraph_section=tuple(owner),
    )
