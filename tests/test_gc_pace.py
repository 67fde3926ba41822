"""The run's tail collects garbage less often, and the thresholds come back after it however it ends."""

from __future__ import annotations

import gc
import weakref

import pytest

from pipeline.gc_pace import YOUNG_THRESHOLD, fewer_collections


@pytest.fixture
def thresholds():
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


@pytest.mark.parametrize("young, expected", [(None, YOUNG_THRESHOLD), (2_000, 2_000), (100, 700)])
def test_the_young_threshold_is_raised_and_never_lowered(thresholds, young, expected) -> None:
    with fewer_collections(*(() if young is None else (young,))):
        assert gc.get_threshold() == (expected, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_the_thresholds_come_back_after_an_error(thresholds) -> None:
    with pytest.raises(KeyError):
        with fewer_collections():
            raise KeyError("boom")
    assert gc.get_threshold() == (700, 10, 10)


def test_cyclic_garbage_is_still_collected(thresholds) -> None:
    class Node:
        pass

    with fewer_collections(1_000):
        early = []
        for n in range(5_000):  # some 20,000 tracked allocations: young collections run
            a, b = Node(), Node()
            a.other, b.other = b, a
            if n < 50:
                early.append(weakref.ref(a))
        assert all(ref() is None for ref in early)


def test_what_is_alive_at_the_start_is_frozen_for_the_block_only(thresholds) -> None:
    kept = [[n] for n in range(10)]  # containers alive when the block starts
    outside = gc.get_freeze_count()
    with fewer_collections():
        assert gc.get_freeze_count() > outside
    assert gc.get_freeze_count() == 0
    with fewer_collections(freeze=False):
        assert gc.get_freeze_count() == 0
    assert len(kept) == 10
