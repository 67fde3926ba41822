"""Paragraphs of a Document: list markers, heading lines, run-in headings and sentence ends (offsets kept)."""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

from pipeline.ingest import Document, is_split_marker
from pipeline.section_cues import SectionCues

_WORD = re.compile(r"[A-Za-z0-9’'-]+")
_RUN_IN_GAP = re.compile(r"[ \t\u3000]+")
_COLON = re.compile(r"[：:]")


@dataclass(frozen=True)
class Paragraph:
    """One non-empty line; offsets into the file text."""

    start: int
    end: int
    style: str | None = None       # list-marker style, "bare" for an unnumbered heading line
    value: int | None = None       # the marker's number
    body_start: int = 0            # first character after the marker
    heading_end: int | None = None  # end of the heading part (whole line, or run-in sentence)
    heading_line: bool = False      # the whole paragraph is a heading


def text_length(text: str, cues: SectionCues) -> int:
    return len(_WORD.findall(text)) if cues.lang == "en" else len(text)


def limit(cues: SectionCues, chars: str, words: str) -> int:
    raw = cues.raw
    value = getattr(raw, words) if cues.lang == "en" else getattr(raw, chars)
    return value if value is not None else raw.heading_chars


def sentence_ends(text: str, cues: SectionCues) -> list[int]:
    """Offsets (relative to text) just after each sentence end."""
    ends = []
    for match in cues.sentence_end.finditer(text):
        if match.group().startswith(".") and not _full_stop(text, match.start(), match.end(), cues):
            continue
        ends.append(match.end())
    if not ends or ends[-1] < len(text.rstrip()):
        ends.append(len(text))
    return ends


def _last_words(text: str, end: int, count: int = 2) -> list[str]:
    """text[:end].split()[-count:], reading back only as far as those words go (a paragraph can
    be a whole summary: splitting all of it at every full stop would be quadratic)."""
    width = 64
    while True:
        start = max(0, end - width)
        words = text[start:end].split()
        if start == 0 or len(words) > count:  # the last words of the window are whole past its first
            return words[-count:]
        width *= 2


def _full_stop(text: str, dot: int, after: int, cues: SectionCues) -> bool:
    if after < len(text) and not text[after].isspace():
        return False
    before = _last_words(text, dot)
    if not before:
        return False
    last = before[-1].strip("(\"“")
    if last in cues.raw.abbreviations:
        return False
    if last.isdigit() and (len(before) == 1 or before[-2] in cues.raw.abbreviations):
        return False
    return True


def _classify(start: int, text: str, cues: SectionCues) -> Paragraph:
    for style, pattern in cues.markers:
        match = pattern.match(text)
        if not match:
            continue
        token = match.groupdict().get("n") or match.groupdict().get("w") or ""
        value = cues.numeral_value(token)
        if value is None:
            continue
        body = text[match.end():]
        if not body.strip():
            continue
        return _shape(start, text, match.end(), style, value, cues)
    return Paragraph(start, start + len(text), body_start=start)


def _shape(start: int, text: str, body_at: int, style: str, value: int, cues: SectionCues) -> Paragraph:
    body = text[body_at:]
    ends = sentence_ends(body, cues)
    single = len(ends) == 1 or all(e >= len(body.rstrip()) for e in ends[:-1])
    heading_limit = limit(cues, "heading_chars", "heading_words")
    end = start + len(text)
    if single and text_length(body, cues) <= heading_limit and len(body) <= cues.raw.heading_chars:
        return Paragraph(start, end, style, value, start + body_at, end, True)
    first = body[: ends[0]].rstrip(cues.raw.sentence_enders + " ")
    gap = _RUN_IN_GAP.search(first)
    if gap and cues.lang == "zh" and text_length(first[: gap.start()], cues) <= cues.raw.heading_chars:
        first = first[: gap.start()]  # 三、存在的问题 一是…: a heading run into its text after a space
    heading_end = None
    run_in = cues.raw.run_in_heading
    if text_length(first, cues) > limit(cues, "run_in_chars", "run_in_words") and run_in \
            and (stop := _run_in_heading(run_in).match(first)) is not None:
        first = first[: stop.end()]  # 3. The existing problems village level staff is weak…
    if text_length(first, cues) <= limit(cues, "run_in_chars", "run_in_words"):
        heading_end = start + body_at + len(first)
    return Paragraph(start, end, style, value, start + body_at, heading_end, False)


@lru_cache(maxsize=4)
def _run_in_heading(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _is_bare_heading(text: str, following: str | None, cues: SectionCues) -> bool:
    if following is None or is_split_marker(text):
        return False
    most = limit(cues, "bare_heading_chars", "bare_heading_words")
    if text_length(text, cues) > most or text[-1] in cues.raw.bare_heading_endings:
        return False
    if any(ch in cues.raw.sentence_enders for ch in text):
        return False
    if cues.lang == "en" and not text[:1].isupper():
        return False
    return len(following) >= max(30, 2 * len(text))


def _run_in_cuts(text: str, cues: SectionCues) -> list[int]:
    """Where a heading starts inside a line, right after a sentence end (…下降12.5%。二、主要做法（一）…):
    web copies run a summary's paragraphs together."""
    cuts: list[int] = []
    if not cues.raw.run_in_styles:
        return cuts
    ends = sorted(set(sentence_ends(text, cues)) | {m.end() for m in _COLON.finditer(text)})
    for end in ends:
        at = end + len(text[end:]) - len(text[end:].lstrip(" \t\u3000"))
        if at >= len(text):
            continue
        for style, pattern in cues.markers:
            match = pattern.match(text, at) if style in cues.raw.run_in_styles else None
            if match and cues.numeral_value(match.groupdict().get("n") or "") is not None \
                    and text[match.end():].strip():
                cuts.append(at)
                break
    pieces = [0, *cuts, len(text)]
    inner = [a + cut for a, b in zip(pieces, pieces[1:]) for cut in _after_short_heading(text[a:b], cues)]
    return sorted(set(cuts) | set(inner))


def _after_short_heading(text: str, cues: SectionCues) -> list[int]:
    """The end of a heading that a sub-heading follows on the same line (二、主要做法（一）压实责任)."""
    match = next((m for style, p in cues.markers if style in cues.raw.run_in_styles
                  for m in [p.match(text)] if m), None)
    if match is None:
        return []
    rest = text[match.end() : match.end() + cues.raw.bare_heading_chars + 1]
    for style, pattern in cues.markers:
        if style not in cues.raw.run_in_styles:
            continue
        for inner in pattern.finditer(rest):
            if inner.start() > 1 and not any(ch in cues.raw.sentence_enders + "，," for ch in rest[: inner.start()]):
                return [match.end() + inner.start()]
    return []


def paragraphs_of(doc: Document, cues: SectionCues) -> list[Paragraph]:
    lines, offset = [], doc.start
    for raw in doc.view.split("\n"):
        stripped = raw.strip()
        if stripped:
            first = offset + raw.index(stripped[0])
            bounds = [0, *_run_in_cuts(stripped, cues), len(stripped)]
            lines += [(first + a, stripped[a:b].rstrip()) for a, b in zip(bounds, bounds[1:]) if stripped[a:b].strip()]
        offset += len(raw) + 1
    lines = _join_wrapped(lines, doc, cues)
    paragraphs = []
    for index, (start, text) in enumerate(lines):
        paragraph = _classify(start, text, cues)
        if paragraph.style is None and index > 0 and doc.file_text[start : start + len(text)] != doc.title:
            following = lines[index + 1][1] if index + 1 < len(lines) else None
            if _is_bare_heading(text, following, cues):
                end = start + len(text)
                paragraph = Paragraph(start, end, "bare", None, start, end, True)
        paragraphs.append(paragraph)
    return paragraphs


def _join_wrapped(lines: list[tuple[int, str]], doc: Document, cues: SectionCues) -> list[tuple[int, str]]:
    """English lines hard-wrapped inside a paragraph (a line that ends without a sentence end or a
    colon, followed by one that goes on in lower case) are one paragraph; its text spans the line
    breaks, so offsets stay the file's."""
    if cues.lang != "en":
        return lines
    joined: list[tuple[int, str]] = []
    for start, text in lines:
        if joined:
            first, before = joined[-1]
            if before[-1] not in cues.raw.sentence_enders + ":：" and text[:1].islower() \
                    and before[-1:].isalnum() and _classify(start, text, cues).style is None:
                joined[-1] = (first, doc.file_text[first : start + len(text)])
                continue
        joined.append((start, text))
    return joined
