"""The rule book (resources/common/rules.yaml): rule ids, severities, variants, rates and units, as data."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pipeline.errors import ResourceError
from pipeline.i18n_resources import LANGS, messages
from pipeline.lexicon import ResourceModel, load_resource, resource_path
from pipeline.schema import Severity


class RuleSpec(ResourceModel):
    family: str
    scope: Literal["record", "batch"]
    severity: Severity
    variants: tuple[str, ...] = ()  # special cases with their own message (<lang>/messages.yaml)


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


def _check_texts(book: RuleBook) -> None:
    """Every rule and variant has a title, a message and an explanation in every language, and
    no language has text for a rule or variant the book does not know."""
    for lang in LANGS:
        texts = messages(lang).rules
        where = resource_path(lang, "messages")
        for rule, spec in book.rules.items():
            if rule not in texts:
                raise ResourceError(f"entry rules.{rule}: missing (every rule of common/rules.yaml needs text)", where)
            if set(texts[rule].variants) != set(spec.variants):
                raise ResourceError(f"entry rules.{rule}.variants: {sorted(texts[rule].variants)} where "
                                    f"common/rules.yaml names {sorted(spec.variants)}", where)
        unknown = sorted(set(texts) - set(book.rules))
        if unknown:
            raise ResourceError(f"entry rules: {unknown} are not rules of common/rules.yaml", where)


@lru_cache(maxsize=1)
def rule_book() -> RuleBook:
    book = load_resource("common", "rules", RuleBook)
    _check_texts(book)
    return book


def rule_ids() -> tuple[str, ...]:
    """Every rule id, in the order of rules.yaml."""
    return tuple(rule_book().rules)
