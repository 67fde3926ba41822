"""Splits a decoded file into its summaries (Documents); website debris lines belong to none."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.lexicon import ResourceModel, load_resource
from pipeline.regex_cache import compile_cached

TITLE_MAX_CHARS = 120  # a title line is no longer than this
SUBSTANTIAL_CHARS = 300  # a body at least this long is a summary of its own


class LinePattern(ResourceModel):
    pattern: str
    example: str


class DocumentCues(ResourceModel):
    split_markers: tuple[LinePattern, ...]
    title_lines: tuple[LinePattern, ...]
    debris_lines: tuple[LinePattern, ...]
    site_suffix: LinePattern | None = None


@dataclass(frozen=True)
class Document:
    """One summary: its span in the file text, with the file text kept for slicing."""

    doc_id: str
    source: str
    part: int
    start: int
    end: int
    file_text: str
    language: str
    title: str | None
    file_view: str = ""  # file_text with traditional characters folded (same length), for matching

    @property
    def text(self) -> str:
        return self.file_text[self.start : self.end]

    @property
    def file_match(self) -> str:
        """The whole file's matching view (folded), same offsets as file_text."""
        return self.file_view or self.file_text

    @property
    def view(self) -> str:
        return self.file_match[self.start : self.end]


@dataclass(frozen=True)
class SourceText:
    """A decoded, normalised file and the summaries it holds."""

    source: str
    text: str
    encoding: str
    documents: tuple[Document, ...]


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    cues = load_resource("common", "documents", DocumentCues)
    join = lambda entries: compile_cached("|".join(f"(?:{e.pattern})" for e in entries))  # noqa: E731
    suffix = compile_cached(cues.site_suffix.pattern if cues.site_suffix else "(?!)")
    return join(cues.split_markers), join(cues.title_lines), join(cues.debris_lines), suffix


def is_split_marker(line: str) -> bool:
    """Whether a stripped line opens a new summary ("Article 1:", 篇二)."""
    return bool(_cues()[0].search(line))


def _lines(text: str) -> list[_Line]:
    lines, offset = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + raw.index(stripped[0])
            lines.append(_Line(start, start + len(stripped), stripped))
        offset += len(raw) + 1
    return lines


def _trim_debris(lines: list[_Line], debris: re.Pattern[str]) -> list[_Line]:
    begin, end = 0, len(lines)
    while begin < end and debris.search(lines[begin].text):
        begin += 1
    while end > begin and debris.search(lines[end - 1].text):
        end -= 1
    return lines[begin:end]


def _split_points(lines: list[_Line]) -> list[int]:
    """Indices of lines that open a summary: markers (篇一, Article 1:), and before the first
    marker the summaries that open with a title, or one plain summary when the text there is
    substantial (plain summaries followed by marked ones are all kept)."""
    marker = _cues()[0]
    markers = [i for i, line in enumerate(lines) if marker.search(line.text)]
    if not markers:
        return _title_points(lines)
    before = lines[: markers[0]]
    if _length(before) < SUBSTANTIAL_CHARS:
        return markers
    return (_title_points(before) or [0]) + markers


def _title_points(lines: list[_Line]) -> list[int]:
    """Summaries by their title lines: every title with a substantial body when there are two or
    more, else the first title, with the text before it as a summary of its own when substantial."""
    titles = [i for i, line in enumerate(lines) if _is_title(line.text)]
    bounds = titles + [len(lines)]
    substantial = [i for n, i in enumerate(titles) if _body_length(lines, i, bounds[n + 1]) >= SUBSTANTIAL_CHARS]
    if len(substantial) >= 2:
        return substantial
    points = titles[:1]
    if points and _length(lines[: points[0]]) >= SUBSTANTIAL_CHARS:
        return [0, *points]
    return points


def _length(lines: list[_Line]) -> int:
    return sum(len(line.text) for line in lines)


def _is_title(line: str) -> bool:
    return _title_of(line) is not None


def _title_of(line: str) -> str | None:
    """The title a line holds: the whole line, or the line without a website's suffix
    (青山乡2018年信访工作总结_工作总结_范文大全网); None when it is no title."""
    if len(line) > TITLE_MAX_CHARS:
        return None
    _, title, _, suffix = _cues()
    stripped = line.strip("【】[] ")
    for candidate in (suffix.sub("", stripped).strip("【】[] "), stripped):
        if candidate and title.search(candidate):
            return candidate
    return None


def _body_length(lines: list[_Line], index: int, stop: int) -> int:
    return _length(lines[index + 1 : stop])


def split_summaries(text: str) -> list[tuple[int, int, str | None]]:
    """(start, end, title) of each summary in a file text; debris lines belong to none."""
    debris = _cues()[2]
    lines = _trim_debris(_lines(text), debris)
    if not lines:
        return []
    points = _split_points(lines) or [0]
    spans = []
    for number, index in enumerate(points):
        last = points[number + 1] - 1 if number + 1 < len(points) else len(lines) - 1
        head = lines[index]
        title = _title_of(head.text)
        if title is None and is_split_marker(head.text) and index < last:
            title = _title_of(lines[index + 1].text)  # 篇一 / Article 1:, then the summary's title
        spans.append((head.start, lines[last].end, title))
    return spans


def _original(text: str, view: str, start: int, found: str | None) -> str | None:
    """A title found in the folded view, as written in the file."""
    if found is None:
        return None
    at = view.find(found, start)
    return text[at : at + len(found)] if at >= 0 else found


