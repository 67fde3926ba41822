"""The resource files of human text per language (messages, labels, terminal texts, columns) as validated models."""

from __future__ import annotations

import string
from functools import lru_cache
from typing import Literal, get_args

from pydantic import field_validator, model_validator

from pipeline.errors import ResourceError
from pipeline.lexicon import ResourceModel, load_resource, resource_path
from pipeline.schema import MEASURE_CATEGORIES, PROBLEM_CATEGORIES, FactKind, PeriodKind, SectionKind, Severity

LANGS: tuple[str, ...] = ("zh", "en")
FieldKind = Literal["indicator", "indicators", "sections", "term", "unit", "surfaces", "differences", "more", "part"]


def template_fields(template: str) -> frozenset[str]:
    """The named fields of a format template; a broken template raises ValueError."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


class RuleText(ResourceModel):
    """One rule in one language: its title, message templates and explanation."""

    title: str
    message: str
    variants: dict[str, str] = {}
    explanation: str

    @model_validator(mode="after")
    def _templates_parse(self) -> RuleText:
        for template in (self.message, *self.variants.values()):
            template_fields(template)
        return self

    def template(self, variant: str | None) -> str:
        return self.variants[variant] if variant else self.message


class ValueText(ResourceModel):
    """The words that message fields are built from (list separators, "and 3 more", "part 2")."""

    separator: str
    difference: str
    difference_unbound: str
    difference_separator: str
    more: str
    part: str


class Messages(ResourceModel):
    """pipeline/resources/<lang>/messages.yaml."""

    rules: dict[str, RuleText]
    values: ValueText


class Labels(ResourceModel):
    """pipeline/resources/<lang>/labels.yaml: the name of every id people read."""

    languages: dict[str, str]
    severity: dict[str, str]
    booleans: dict[str, str]
    indicators: dict[str, str]
    categories: dict[str, str]
    sections: dict[str, str]
    section_sources: dict[str, str]
    kinds: dict[str, str]
    units: dict[str, str]
    qualifiers: dict[str, str]
    scopes: dict[str, str]
    per: dict[str, str]
    flags: dict[str, str]
    sheets: dict[str, str]
    period_kinds: dict[str, str]

    @field_validator("languages", "severity", "booleans", "categories", "sections", "kinds", "sheets",
                     "period_kinds")
    @classmethod
    def _every_id_named(cls, value: dict[str, str], info) -> dict[str, str]:
        wanted = {
            "languages": LANGS, "severity": get_args(Severity), "booleans": ("yes", "no"),
            "categories": MEASURE_CATEGORIES + PROBLEM_CATEGORIES, "sections": get_args(SectionKind),
            "kinds": get_args(FactKind), "sheets": ("summaries", "findings", "facts"),
            "period_kinds": get_args(PeriodKind),
        }[info.field_name]
        missing = [key for key in wanted if key not in value]
        if missing:
            raise ValueError(f"add names for the {info.field_name} {missing}")
        return value


class Plural(ResourceModel):
    """A text with a count: `one` for 1 (languages that have the form), `other` for the rest."""

    one: str | None = None
    other: str

    def pick(self, n: int) -> str:
        return self.one if n == 1 and self.one is not None else self.other


class Texts(ResourceModel):
    """pipeline/resources/<lang>/cli.yaml: the terminal's texts and the error descriptions by code."""

    texts: dict[str, str | Plural]
    errors: dict[str, str]


class ColumnFile(ResourceModel):
    """pipeline/resources/<lang>/columns.yaml: column id -> header."""

    columns: dict[str, str]


class FieldKinds(ResourceModel):
    """pipeline/resources/common/message_fields.yaml: how each message field is shown."""

    fields: dict[str, FieldKind]


def _same_keys(lang: str, name: str, keys: dict[str, set[str]]) -> None:
    """Every language names the same ids as English; the first difference raises ResourceError."""
    if lang == "en":
        return
    reference = _KEYS[name]("en")
    for group, wanted in reference.items():
        have = keys.get(group, set())
        missing, extra = sorted(wanted - have), sorted(have - wanted)
        if missing or extra:
            detail = f"missing {missing}" if missing else f"not in en/{name}.yaml: {extra}"
            raise ResourceError(f"entry {group}: {detail}", resource_path(lang, name))


def _message_keys(lang: str) -> dict[str, set[str]]:
    found = load_resource(lang, "messages", Messages)
    keys = {"rules": set(found.rules)}
    for rule, text in found.rules.items():
        keys[f"rules.{rule}.variants"] = set(text.variants)
        for variant in (None, *text.variants):
            keys[f"rules.{rule}.{variant or 'message'} fields"] = set(template_fields(text.template(variant)))
    return keys


def _label_keys(lang: str) -> dict[str, set[str]]:
    found = load_resource(lang, "labels", Labels)
    return {group: set(getattr(found, group)) for group in Labels.model_fields}


def _text_keys(lang: str) -> dict[str, set[str]]:
    found = load_resource(lang, "cli", Texts)
    return {"texts": set(found.texts), "errors": set(found.errors)}


_KEYS = {"messages": _message_keys, "labels": _label_keys, "cli": _text_keys}


def _checked_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ResourceError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    return lang


@lru_cache(maxsize=None)
def messages(lang: str) -> Messages:
    """The rule titles, message templates and explanations of `lang`, checked against English."""
    _same_keys(_checked_lang(lang), "messages", _message_keys(lang))
    return load_resource(lang, "messages", Messages)


@lru_cache(maxsize=None)
def labels(lang: str) -> Labels:
    """The labels of `lang`, naming the same ids as English."""
    _same_keys(_checked_lang(lang), "labels", _label_keys(lang))
    return load_resource(lang, "labels", Labels)


@lru_cache(maxsize=None)
def texts(lang: str) -> Texts:
    """The terminal texts of `lang`, with the same keys as English."""
    _same_keys(_checked_lang(lang), "cli", _text_keys(lang))
    return load_resource(lang, "cli", Texts)


def columns(lang: str) -> dict[str, str]:
    return load_resource(_checked_lang(lang), "columns", ColumnFile).columns


def field_kinds() -> dict[str, str]:
    return load_resource("common", "message_fields", FieldKinds).fields
