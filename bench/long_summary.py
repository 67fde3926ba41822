"""The linear-time case: one generated summary lengthened to 1-8 MB by repeating generated paragraphs, timed through extraction."""

from __future__ import annotations

import random
import time
from pathlib import Path

from bench.generate import document

MB = 1_000_000
QUICK_MB, FULL_MB = (0.25, 0.5, 1.0), (1.0, 2.0, 4.0, 8.0)
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


def measure_long_summaries(sizes_mb: tuple[float, ...], language: str = "zh", seed: int = 20240601) -> list[dict]:
    """Each size's summary through extraction (every stage but labelling, as process_path runs
    it, in this warm process): seconds and MB/s; a constant MB/s shows time linear in length. The
    limits are raised for the case (an 8 MB Chinese summary holds 2.8 million characters)."""
    from pipeline.limits import Limits
    from pipeline.process import process_path

    rows = []
    for mb in sizes_mb:
        data = long_summary(int(mb * MB), language, seed).encode("utf-8")
        limits = Limits(max_file_mb=len(data) / 2**20 + 1, max_summary_chars=len(data))  # chars <= bytes
        started = time.perf_counter()
        records = process_path(Path(f"long_{mb:g}mb.txt"), data=data, classify=False, limits=limits).records
        seconds = time.perf_counter() - started
        rows.append({"mb": mb, "bytes": len(data), "seconds": seconds, "mb_per_s": len(data) / MB / seconds,
                     "records": len(records), "facts": sum(len(r.facts) for r in records)})
    return rows
