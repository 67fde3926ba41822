"""Joins the lines of a wrapped paragraph or table cell into one line: nothing between Chinese, a space between Latin words."""

from __future__ import annotations

from typing import Sequence


def joiner(left: str, right: str, hyphens: str = "-") -> tuple[str, str]:
    """How a wrapped line joins the next: (left without a split hyphen, separator). Chinese lines
    join with nothing; Latin words with a space; hyphen-/ation with neither."""
    if not left or not right:
        return left, ""
    if len(left) > 1 and left[-1] in hyphens and left[-2].isalpha() and left[-2].isascii() and right[0].islower():
        return left[:-1], ""
    if left[-1].isascii() and not left[-1].isspace() and left[-1] not in hyphens + "/" \
            and right[0].isascii() and (right[0].isalnum() or right[0] in "(\"'"):
        return left, " "
    return left, ""


def join_lines(lines: Sequence[str], hyphens: str = "-") -> str:
    """Lines of one paragraph (or one table cell) as one line."""
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        text, gap = joiner(text, line, hyphens)
        text = f"{text}{gap}{line}"
    return text
