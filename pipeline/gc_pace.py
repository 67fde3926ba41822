"""Fewer cyclic garbage collections while a run's main process builds its outputs from many long-lived objects."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

# Allocations between two young collections (Python's default: 700). A run's tail keeps a row,
# a summary and the marks of every summary alive while it loads and drops each parked file's
# records: with the default every few hundred records start a collection, and the full ones
# rescan everything kept (about 5 s of 30 s of CPU on 2,000 generated summaries, 1.3 s with this
# and the freeze of what is alive when a stage starts); memory is unchanged (hardly any of it is
# cyclic garbage; what is, is still collected).
YOUNG_THRESHOLD = 50_000


@contextmanager
def fewer_collections(young: int = YOUNG_THRESHOLD, freeze: bool = True) -> Iterator[None]:
    """Collect the youngest generation every `young` allocations (never more often than now) for
    the length of the block, and (`freeze`) leave the objects alive when it starts out of every
    collection until it ends (gc.freeze: the full collections then scan only what the block made);
    the previous thresholds come back after it, and every frozen object is collectable again
    (Python has one permanent generation: use it where nothing else holds objects frozen), however it ends."""
    previous = gc.get_threshold()
    gc.set_threshold(max(young, previous[0]), *previous[1:])
    if freeze:
        gc.freeze()
    try:
        yield
    finally:
        if freeze:
            gc.unfreeze()
        gc.set_threshold(*previous)
