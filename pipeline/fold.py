"""Folds traditional characters to simplified ones (one for one) so that cues match both scripts."""

from __future__ import annotations

from functools import lru_cache

from pipeline.lexicon import ResourceModel, load_resource


class FoldExample(ResourceModel):
    traditional: str
    simplified: str


class FoldTable(ResourceModel):
    pairs: str
    example: FoldExample


@lru_cache(maxsize=1)
def _table() -> dict[int, int]:
    pairs = "".join(load_resource("zh", "traditional", FoldTable).pairs.split())
    return {ord(pairs[i]): ord(pairs[i + 1]) for i in range(0, len(pairs) - 1, 2)}


def fold(text: str) -> str:
    """The matching view of a text: same length, traditional characters made simplified."""
    return text.translate(_table())
