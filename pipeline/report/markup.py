"""Escaped HTML of a text with highlighted spans, nested from sorted boundary events."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class Mark:
    """A span to highlight: file offsets, CSS classes, a tooltip and an optional anchor id.

    `rank` orders marks over the same range (lower is outer). A mark that crosses another is
    split into fragments; only the first fragment carries the anchor as its id, every fragment
    carries it as data-ev so that all of them can be flashed together.
    """

    start: int
    end: int
    rank: int
    classes: str
    title: str | None = None
    anchor: str | None = None


def esc(value: object) -> str:
    """HTML-escaped text of any value; None is empty."""
    return "" if value is None else html.escape(str(value))


def attr(value: object) -> str:
    """An escaped attribute value; line breaks survive as character references (tooltips)."""
    return esc(value).replace("\r", "").replace("\n", "&#10;")


def open_tag(mark: Mark, first: bool) -> str:
    parts = [f'<span class="{attr(mark.classes)}"']
    if mark.anchor:
        if first:
            parts.append(f' id="{attr(mark.anchor)}"')
        parts.append(f' data-ev="{attr(mark.anchor)}"')
    if mark.title:
        parts.append(f' title="{attr(mark.title)}"')
    return "".join(parts) + ">"


CLOSE = "</span>"


def _clip(marks: Iterable[Mark], lo: int, hi: int) -> list[Mark]:
    """Marks inside [lo, hi], clipped; marks wholly outside or reversed are dropped."""
    kept = []
    for mark in marks:
        start, end = max(mark.start, lo), min(mark.end, hi)
        if start > end or mark.end < mark.start or mark.start > hi or mark.end < lo:
            continue
        if (start, end) != (mark.start, mark.end):
            mark = Mark(start, end, mark.rank, mark.classes, mark.title, mark.anchor)
        kept.append(mark)
    return kept


def _order(mark: Mark, index: dict[int, int]) -> tuple:
    """Outer first: the mark that ends last, then the lower rank, then input order."""
    return (-mark.end, mark.rank, index[id(mark)])


def render(text: str, marks: Iterable[Mark], offset: int = 0) -> str:
    """`text` (which starts at file offset `offset`) as escaped HTML with every mark as a span."""
    kept = _clip(marks, offset, offset + len(text))
    index = {id(mark): n for n, mark in enumerate(kept)}
    starts: dict[int, list[Mark]] = {}
    empties: dict[int, list[Mark]] = {}
    for mark in kept:
        (empties if mark.start == mark.end else starts).setdefault(mark.start, []).append(mark)
    bounds = sorted({m.start for m in kept} | {m.end for m in kept} | {offset + len(text)})
    out: list[str] = []
    stack: list[Mark] = []
    cursor = offset
    for pos in bounds:
        out.append(esc(text[cursor - offset : pos - offset]))
        cursor = pos
        reopen = _close_at(pos, stack, out)
        for mark in sorted(empties.get(pos, ()), key=lambda m: _order(m, index)):
            out.append(open_tag(mark, True) + CLOSE)
        again = {id(mark) for mark in reopen}
        for mark in sorted(reopen + starts.get(pos, []), key=lambda m: _order(m, index)):
            out.append(open_tag(mark, id(mark) not in again))
            stack.append(mark)
    out.extend(CLOSE for _ in stack)
    return "".join(out)


def _close_at(pos: int, stack: list[Mark], out: list[str]) -> list[Mark]:
    """Close every mark ending at `pos`; marks opened inside them are closed too and returned."""
    ending = [n for n, mark in enumerate(stack) if mark.end == pos]
    if not ending:
        return []
    popped = stack[ending[0]:]
    del stack[ending[0]:]
    out.extend(CLOSE for _ in popped)
    return [mark for mark in popped if mark.end != pos]
