"""Blocks and pieces of a document: the stretches (clauses, paragraphs, headed runs) units are cut from.

A block is an enumeration clause (its marker dropped), or the body of a paragraph, cut at the
start of every section, so that no block spans two sections. A piece is a sentence of a block, or
a part of it between semicolons (a part that opens with a condition, 需…配合解决的，…, stays with
the one before). A short piece followed by more text is a heading (强化责任机制。做到…): it opens a
run of its own inside the block."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from pipeline.ingest import Document
from pipeline.paragraphs import limit, sentence_ends, text_length
from pipeline.section_cues import section_cues
from pipeline.segment import Segmentation

TRIM = " \t\n\u3000，,。.；;：:、"
CUT_MARKS = "，,、"  # a line holding one goes on as a sentence: a title holds none


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Block:
    """A stretch of one section: `section` is its index in the segmentation."""

    start: int
    end: int
    section: int
    heads_clauses: bool = False  # the stretch of a paragraph before its first enumeration clause
    as_kind: str | None = None  # read as this section kind (plans under a heading naming measures: measures)
    marker: str = ""  # the enumeration marker before a clause (一是, 一要, First,)


@dataclass(frozen=True)
class Run:
    """A heading piece (or none) and the pieces after it, up to the next heading piece."""

    heading: Span | None
    pieces: tuple[Span, ...]


def trimmed(text: str, start: int, end: int, debris: re.Pattern[str] | None = None) -> Span | None:
    """The span without surrounding spaces and punctuation (and trailing debris such as a credit
    line); None when nothing is left."""
    piece = text[start:end]
    if debris is not None:
        match = debris.search(piece)
        if match:  # a credit line alone leaves nothing
            piece = piece[: match.start()]
    stripped = piece.strip(TRIM)
    if not stripped:
        return None
    lead = piece.index(stripped[0])
    return Span(start + lead, start + lead + len(stripped))


def _clause_body(text: str, start: int, end: int, clause_patterns) -> int:
    """The first offset after an enumeration marker (一是, 第一，, First,) at `start`."""
    for pattern in clause_patterns:
        match = pattern.match(text, start, end)
        if match:
            return match.end()
    return start


def title_like(line: str, cues) -> bool:
    """A short line without a sentence end: a title, a dateline, a caption (no unit)."""
    return not cues.sentence_end.search(line) and text_length(line, cues) <= limit(cues, "heading_chars", "heading_words")


def body_line(line: str, cues) -> bool:
    """A line of running text: with a sentence end, or without one but longer than two headings
    (a lead cut off mid-sentence); not a title, dateline or caption."""
    return bool(line.strip()) and (bool(cues.sentence_end.search(line)) or
                                   text_length(line, cues) > 2 * limit(cues, "heading_chars", "heading_words"))


def _cut_off(doc: Document, paragraph, cues) -> bool:
    """The last line of a file that stops mid-sentence after a comma (a page saved up to a length):
    running text cut off, not a title, however short it is."""
    line = doc.file_text[paragraph.start : paragraph.end]
    return doc.end == len(doc.file_text) and not doc.file_text[paragraph.end :].strip() and \
        any(mark in line for mark in CUT_MARKS)


def blocks(doc: Document, seg: Segmentation, bullet: re.Pattern[str] | None = None) -> list[Block]:
    """Clauses and paragraph bodies (heading lines aside), cut at section starts, in offset order. A
    line opening with a `bullet` (• to coordinate …) is a list item, never a title: its body is a block."""
    text = doc.file_match
    cues = section_cues(doc.language)
    section_starts = [s.start for s in seg.sections]
    clause_starts = [c.start for c in seg.clauses]
    found: list[Block] = []
    for paragraph in seg.paragraphs:
        item = bullet.match(text, paragraph.start, paragraph.end) if bullet is not None and \
            paragraph.style is None else None
        if paragraph.heading_line or item is None and title_like(text[paragraph.start : paragraph.end], cues) \
                and not _cut_off(doc, paragraph, cues):
            continue
        start = paragraph.body_start if paragraph.style not in (None, "bare") else \
            item.end() if item is not None else paragraph.start
        inner = seg.clauses[bisect_left(clause_starts, paragraph.start) : bisect_left(clause_starts, paragraph.end)]
        cuts = sorted({start, *(c.start for c in inner if c.start > start)})
        ranges = [(a, b) for a, b in zip(cuts, [*cuts[1:], paragraph.end])]
        for a, b in ranges:
            # a clause's marker, or one opening the paragraph alone (一是… on a line of its own)
            body = _clause_body(text, a, b, cues.clauses) if any(c.start == a for c in inner) or a == start else a
            marker = text[a:body].strip(TRIM)
            inside = section_starts[bisect_right(section_starts, body) : bisect_left(section_starts, b)]
            heads = bool(inner) and b == inner[0].start
            for lo, hi in zip([body, *inside], [*inside, b]):
                owner = bisect_right(section_starts, lo) - 1
                if hi > lo and owner >= 0:
                    found.append(Block(lo, hi, owner, heads and hi == b, marker=marker if lo == body else ""))
    return found


@dataclass(frozen=True)
class PieceRules:
    """How a block is cut into pieces: a condition that keeps a part after a semicolon with the one
    before, the size below which a part between semicolons joins the one before, trailing debris."""

    continuation: re.Pattern[str]
    join_below: int
    debris: re.Pattern[str] | None = None


def pieces(doc: Document, block: Block, rules: PieceRules) -> list[Span]:
    """The sentences of a block, split at semicolons too, unless the part after one opens with a
    condition or is short (and ends at a semicolon or the block's end)."""
    text = doc.file_match
    cues = section_cues(doc.language)
    body = text[block.start : block.end]
    spans: list[Span] = []
    previous = 0
    ends = sentence_ends(body, cues)
    for number, end in enumerate(ends):
        part = body[previous:end]
        after_semicolon = previous > 0 and body[:previous].rstrip()[-1:] in ";；"
        short = text_length(part.strip(TRIM), cues) < rules.join_below and \
            (part.rstrip()[-1:] in ";；" or number == len(ends) - 1)
        joined = spans and after_semicolon and (short or rules.continuation.match(part.lstrip()))
        span = trimmed(text, block.start + previous, block.start + end, rules.debris)
        previous = end
        if span is None or not re.search(r"\w", text[span.start : span.end]):
            continue  # no words: debris such as ??? or a bullet
        if joined:
            spans[-1] = Span(spans[-1].start, span.end)
        else:
            spans.append(span)
    return spans


def is_heading_piece(text: str, span: Span, language: str, limit: int) -> bool:
    """A short piece (至多 `limit` characters, or words in English) that may title what follows it."""
    return text_length(text[span.start : span.end], section_cues(language)) <= limit


def runs(text: str, spans: list[Span], language: str, limit: int, results: list[bool] | None = None) -> list[Run]:
    """The pieces grouped under the heading pieces that open them (a heading as the last piece, or a
    result total (`results`), is no heading)."""
    grouped: list[Run] = []
    heading: Span | None = None
    current: list[Span] = []
    for number, span in enumerate(spans):
        last = number == len(spans) - 1
        if not last and not (results and results[number]) and is_heading_piece(text, span, language, limit) and \
                not is_heading_piece(text, spans[number + 1], language, limit):
            if heading is not None or current:
                grouped.append(Run(heading, tuple(current)))
            heading, current = span, []
            continue
        current.append(span)
    if heading is not None or current:
        grouped.append(Run(heading, tuple(current)))
    return grouped
