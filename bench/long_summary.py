"""One long summary for the linear-time case: a generated summary whose body repeats generated paragraphs up to a size."""

from __future__ import annotations

import random

from bench.generate import document

MB = 1_000_000
PROBLEMS_HEADING = {"zh": "三、存在的问题", "en": "III. Existing problems"}
SOURCE_DOCS = 40  # generated summaries whose paragraphs are repeated


def _paragraphs(rng: random.Random, language: str) -> list[str]:
    """Body paragraphs (no title or opening, no headings, no short lines) of SOURCE_DOCS generated
    summaries: a repeated title or opening would start another summary of the file."""
    found = []
    for _ in range(SOURCE_DOCS):
        for paragraph in document(rng, language).split("\n\n")[2:]:
            paragraph = paragraph.strip()
            if len(paragraph) >= 60 and "\n" not in paragraph:
                found.append(paragraph)
    return found


def long_summary(size_bytes: int, language: str = "zh", seed: int = 20240601) -> str:
    """A summary of about `size_bytes` (UTF-8): one generated summary whose measures section is
    lengthened with paragraphs of other generated summaries, repeated in a seeded order. Same
    arguments, same text."""
    rng = random.Random(seed)
    head = document(rng, language)
    marker = PROBLEMS_HEADING[language]
    cut = head.index(marker) if marker in head else len(head)
    before, after = head[:cut], head[cut:]
    pool = _paragraphs(rng, language)
    parts, size = [], len((before + after).encode("utf-8"))
    while size < size_bytes:
        paragraph = pool[len(parts) % len(pool)] + "\n\n"
        parts.append(paragraph)
        size += len(paragraph.encode("utf-8"))
    return before + "".join(parts) + after
