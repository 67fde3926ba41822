"""The rule book (resources/common/rules.yaml): rule ids, severities, messages, rates and units, as data."""

from __future__ import annotations

import string
from functools import lru_cache
from typing import Literal

from pydantic import model_validator

from pipeline.lexicon import ResourceModel, load_resource
from pipeline.schema import Severity


class RuleSpec(ResourceModel):
    family: str
    scope: Literal["record", "batch"]
    severity: Severity
    message: str
    variants: dict[str, str] = {}
    explanation: str

    def template(self, variant: str | None) -> str:
        return self.variants[variant] if variant else self.message

    def fields(self) -> dict[str | None, set[str]]:
        """The named fields of each template (None: the main message)."""
        names = lambda t: {f for _, f, _, _ in string.Formatter().parse(t) if f}  # noqa: E731
        return {None: names(self.message), **{k: names(v) for k, v in self.variants.items()}}


class RateSpec(ResourceModel):
    numerator: str
    denominators: tuple[tuple[str, ...], ...]
    alternatives: tuple[tuple[str, ...], ...] = ()
    bound: Literal["exact", "upper"] = "exact"


class RuleBook(ResourceModel):
    rules: dict[str, RuleSpec]
    unit_families: dict[str, tuple[str, ...]]
    case_indicators: tuple[str, ...]
    single_valued: tuple[str, ...]
    rates: dict[str, RateSpec]
    series_indicators: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _templates_parse(self) -> RuleBook:
        for rule, spec in self.rules.items():
            spec.fields()  # raises ValueError on a broken template
        return self


@lru_cache(maxsize=1)
def rule_book() -> RuleBook:
    return load_resource("common", "rules", RuleBook)


def rule_ids() -> tuple[str, ...]:
    """Every rule id, in the order of rules.yaml."""
    return tuple(rule_book().rules)
