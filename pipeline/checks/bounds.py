"""What a fact's value allows: the lowest and highest values its range and qualifier leave open."""

from __future__ import annotations

import math

from pipeline.schema import Fact

OPEN_ABOVE = ("more_than", "at_least")
OPEN_BELOW = ("less_than", "within")


def ranged(facts) -> bool:
    """Whether any fact is a range (10-20件): it never fails an equality check."""
    return any(f.value_max is not None for f in facts)


def lowest(fact: Fact) -> float:
    """The smallest value the fact allows (a range's lower end; -inf below a 'less than')."""
    return -math.inf if fact.qualifier in OPEN_BELOW else fact.value


def highest(fact: Fact) -> float:
    """The largest value the fact allows (a range's upper end; inf above a 'more than')."""
    if fact.qualifier in OPEN_ABOVE:
        return math.inf
    return fact.value_max if fact.value_max is not None else fact.value

