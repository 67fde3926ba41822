"""A summary twice as long costs about twice the time: no stage scans the whole summary per item."""

from __future__ import annotations

import gc
import time
from pathlib import Path

from bench.long_summary import long_summary
from pipeline.limits import Limits
from pipeline.process import process_path

LIMITS = Limits(max_file_mb=100, max_summary_chars=50_000_000)


def _seconds(text: str) -> float:
    """CPU seconds of this process (not wall time: other processes on a loaded machine do not count),
    the best of three runs, with the garbage collector paused."""
    best = float("inf")
    for _ in range(3):
        gc.collect()
        gc.disable()
        try:
            started = time.process_time()
            process_path(Path("long.txt"), data=text.encode("utf-8"), classify=False, limits=LIMITS)
            best = min(best, time.process_time() - started)
        finally:
            gc.enable()
    return best


def test_time_grows_linearly_with_the_length_of_a_summary() -> None:
    """Eight times the text may take at most about eleven times as long (the quadratic scans
    this guards against gave 15-25x)."""
    for language, oneline in (("zh", False), ("en", False), ("en", True)):
        texts = []
        for size in (50_000, 400_000):
            text = long_summary(size, language)
            if oneline:  # web copies merge the paragraphs into one line
                head, _, rest = text.partition("\n\n")
                text = head + "\n\n" + rest.replace("\n", "")
            texts.append(text)
        process_path(Path("warm.txt"), data=texts[0].encode("utf-8"), classify=False, limits=LIMITS)
        small, large = _seconds(texts[0]), _seconds(texts[1])
        assert large < 11 * small, (language, oneline, small, large)


def test_long_summary_is_one_summary_of_the_size_asked() -> None:
    for language in ("zh", "en"):
        text = long_summary(100_000, language)
        assert 100_000 <= len(text.encode("utf-8")) < 104_000
        assert long_summary(100_000, language) == text
        records = process_path(Path("long.txt"), data=text.encode("utf-8"), classify=False, limits=LIMITS).records
        assert len(records) == 1 and records[0].language == language
