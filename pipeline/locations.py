"""Where an offset is, as people look for it: line:column of a text, paragraph:character of a .docx, and the source window under a caret."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Sequence

from rich.cells import get_character_cell_size

ELLIPSIS = "…"
_BLANKED = re.compile(r"[\t\r\x0b\x0c\x00-\x08\x0e-\x1f\x7f]")  # one cell each, shown as a space


def line_starts(text: str) -> list[int]:
    """The offset of the first character of each line, in one pass."""
    return [0] + [match.end() for match in re.finditer("\n", text)]


@dataclass(frozen=True)
class Locator:
    """Offsets -> 1-based (number, character) of the line or .docx paragraph holding them."""

    starts: list[int]  # offset of the first character of each line or paragraph, ascending
    unit: Literal["line", "paragraph"] = "line"

    def position(self, offset: int) -> tuple[int, int]:
        number = bisect_right(self.starts, offset)  # the units starting at or before it
        return number, offset - self.starts[number - 1] + 1


def text_locator(text: str) -> Locator:
    return Locator(line_starts(text), "line")


def paragraph_locator(paragraphs: Sequence[str], text: str) -> Locator:
    """Paragraph numbers of a .docx whose paragraphs, joined by newlines, are `text`; the line
    locator when they are not (a reader that changed the text)."""
    starts, at = [], 0
    for paragraph in paragraphs:
        starts.append(at)
        at += len(paragraph) + 1
    if not starts or at - 1 != len(text):
        return text_locator(text)
    return Locator(starts, "paragraph")


def file_locator(path: Path, text: str) -> Locator:
    """Paragraphs for a .docx (read again from the file), lines for anything else."""
    if path.suffix.lower() != ".docx":
        return text_locator(text)
    from pipeline.docx_text import read_docx_paragraphs
    from pipeline.errors import PetitionMinerError

    try:
        return paragraph_locator(read_docx_paragraphs(path.read_bytes(), str(path)), text)
    except (OSError, PetitionMinerError):  # changed or gone since it was read: lines still point right
        return text_locator(text)


@dataclass(frozen=True)
class Snippet:
    """One source line (or a window of it) and the caret line under a span of it."""

    source: str
    carets: str


def _cells(text: str) -> int:
    return sum(get_character_cell_size(ch) for ch in text)


def _window(line: str, start: int, width: int) -> tuple[int, int]:
    """(first, end) characters of `line` to show, within `width` cells, the span start a third in."""
    if _cells(line) <= width:
        return 0, len(line)
    first, room = start, width // 3
    while first > 0 and room - get_character_cell_size(line[first - 1]) >= 0:
        first -= 1
        room -= get_character_cell_size(line[first])
    end, room = first, width - (1 if first else 0) - 1
    while end < len(line) and room - get_character_cell_size(line[end]) >= 0:
        room -= get_character_cell_size(line[end])
        end += 1
    if end == len(line):  # the window reaches the end: spend what is left before it
        room += 1
        while first > 0 and room - get_character_cell_size(line[first - 1]) >= 0:
            first -= 1
            room -= get_character_cell_size(line[first])
    return first, end


def snippet(text: str, start: int, end: int, width: int = 100) -> Snippet:
    """The line holding `start` (a window of at most `width` cells around the span when it is
    longer, cut ends shown as …) with carets under the span's part on that line (at least one)."""
    line_start = text.rfind("\n", 0, start) + 1
    newline = text.find("\n", start)
    line = _BLANKED.sub(" ", text[line_start: len(text) if newline < 0 else newline])
    first, last = _window(line, start - line_start, max(width, 8))
    shown = line[first:last]
    lead = ELLIPSIS if first else ""
    tail = ELLIPSIS if last < len(line) else ""
    span_from = start - line_start - first
    span_to = min(end - line_start, last) - first
    pad = _cells(lead) + _cells(shown[:span_from])
    carets = "^" * max(1, _cells(shown[span_from:span_to]))
    return Snippet(lead + shown + tail, " " * pad + carets)
