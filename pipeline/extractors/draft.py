"""The mutable working form of a figure while its indicator, kind and relations are resolved."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.numbers import Quantity

COUNTABLE = {"count", "profile", "frequency"}


@dataclass
class Draft:
    """A figure in progress (offsets local to the document text)."""

    quantity: Quantity
    sentence: int
    before: tuple[int, int]
    after: tuple[int, int]
    indicator: str | None = None
    kind: str = "count"
    unit: str | None = None
    value: float | int = 0
    subject: str | None = None
    per: str | None = None
    scope: str | None = None
    flags: list[str] = field(default_factory=list)
    part_of: int | None = None
    refers_to: int | None = None
    named: str | None = None  # for a change: the rate its sentence names (满意率同比提高2.5个百分点)
    about: str | None = None  # for a change: the count its clause names (来信来访总量…下降11.1%)
    category: bool = False  # a change of one category of a breakdown (邻里纠纷同比下降48.8%): about no total
    counterpart: int | None = None  # for a previous-period figure: the current figure it compares with
    # where the topic of the figure's chain begins: the context of the first figure of its sentence
    # (重复信访事项19件…化解17件，化解率89.5%: the repeat petitions are the topic of all three)
    reach: int = -1

    @property
    def current_count(self) -> bool:
        return self.kind in COUNTABLE and self.scope is None

    @property
    def current_rate(self) -> bool:
        return self.kind == "rate" and self.scope is None
