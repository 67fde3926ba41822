"""The language of human output: finding messages, rule titles and every label, from resources/<lang>/.

Machine outputs (records.jsonl, findings.jsonl, facts.csv, `check --format json`) keep ids; the
terminal, the workbook and the report show what these functions return. `lang` is "zh" or "en".

    resolve_lang(option=None, configured=None, environ=None) -> str
        the --lang option, else petition-miner.toml's `lang`, else the locale (locale_lang)
    locale_lang(environ=None) -> str
        "zh" when LC_ALL, else LC_MESSAGES, else LANG starts with zh; else "en"
    finding_message(finding, lang) -> str        a Finding's message, facts named by label and surface
    render_message(rule, variant, args, lang) -> str   the same from its parts (pipeline.checks uses it)
    rule_title(rule_id, lang) -> str             "Rate over 100%" / "比率超过100%"
    rule_explanation(rule_id, lang) -> str       what `petition-miner rules` prints
    severity_label(severity, lang) -> str        error / 错误
    indicator_label(indicator_id, lang) -> str   settlement_rate -> settlement rate / 办结率
    category_label(category_id, lang) -> str     measure and problem categories
    column_label(column_id, lang) -> str         headers of table.xlsx, the report and the terminal
    section_label(kind, lang), kind_label(kind, lang), unit_label(unit, lang),
    qualifier_label(q, lang), scope_label(scope, lang), per_label(per, lang), flag_label(flag, lang),
    language_label(code, lang), boolean_label(value, lang), section_source_label(by, lang),
    sheet_label(sheet_id, lang)                  summaries, findings, facts: the workbook's sheets
    text(key, lang, n=None, **fields) -> str     a terminal text of cli.yaml (`n` picks a plural form)
    error_message(error, lang) -> str            a coded error as one line in `lang`
    join_labels(items, lang) -> str              items joined with the language's list separator

An id without a label comes back unchanged, so that a new id never hides a value.
"""

from __future__ import annotations

import os
from typing import Iterable, Mapping

from pipeline.errors import PetitionMinerError, ResourceError
from pipeline.i18n_resources import LANGS, Plural, columns, field_kinds, labels, messages, texts
from pipeline.lexicon import resource_path

__all__ = [
    "LANGS", "boolean_label", "period_kind_label", "category_label", "column_label", "error_message", "finding_message", "flag_label",
    "indicator_label", "join_labels", "kind_label", "language_label", "locale_lang", "per_label", "qualifier_label",
    "render_message", "resolve_lang", "rule_explanation", "rule_title", "scope_label", "section_label",
    "section_source_label", "severity_label", "sheet_label", "text", "unit_label",
]

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")  # POSIX precedence of the message locale
GENERIC_ERROR_CODES = ("E000", "E100", "E200", "E300", "E400", "E420", "E421", "E500")  # their details say what happened


def locale_lang(environ: Mapping[str, str] | None = None) -> str:
    """The language of the user's locale: the first of LC_ALL, LC_MESSAGES, LANG that is set."""
    environ = os.environ if environ is None else environ
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def resolve_lang(option: str | None = None, configured: str | None = None,
                 environ: Mapping[str, str] | None = None) -> str:
    """The language to use: the command-line option, else the configured one, else the locale's."""
    chosen = option or configured or locale_lang(environ)
    if chosen not in LANGS:
        raise ResourceError(f"unknown language {chosen!r}; use one of {', '.join(LANGS)}")
    return chosen


def _label(group: str, key: str | None, lang: str) -> str:
    if key is None:
        return ""
    return getattr(labels(lang), group).get(key, key)


def period_kind_label(kind: str, lang: str) -> str:
    return _label("period_kinds", kind, lang)


def severity_label(severity: str, lang: str) -> str:
    return _label("severity", severity, lang)


def indicator_label(indicator_id: str, lang: str) -> str:
    return _label("indicators", indicator_id, lang)


def category_label(category_id: str, lang: str) -> str:
    """The name of a measure or a problem category."""
    return _label("categories", category_id, lang)


def section_label(kind: str, lang: str) -> str:
    return _label("sections", kind, lang)


def section_source_label(kind_by: str, lang: str) -> str:
    """How a section got its kind: by heading or by content."""
    return _label("section_sources", kind_by, lang)


def kind_label(kind: str, lang: str) -> str:
    return _label("kinds", kind, lang)


def unit_label(unit: str | None, lang: str) -> str:
    return _label("units", unit, lang)


def qualifier_label(qualifier: str | None, lang: str) -> str:
    return _label("qualifiers", qualifier, lang)


def scope_label(scope: str | None, lang: str) -> str:
    return _label("scopes", scope, lang)


def per_label(per: str | None, lang: str) -> str:
    return _label("per", per, lang)


def flag_label(flag: str, lang: str) -> str:
    return _label("flags", flag, lang)


def language_label(code: str, lang: str) -> str:
    """The name of a summary's language (zh, en) in `lang`."""
    return _label("languages", code, lang)


def boolean_label(value: bool, lang: str) -> str:
    return _label("booleans", "yes" if value else "no", lang)


def sheet_label(sheet_id: str, lang: str) -> str:
    """The name of a workbook sheet (summaries, findings, facts)."""
    return _label("sheets", sheet_id, lang)


def column_label(column_id: str, lang: str) -> str:
    return columns(lang).get(column_id, column_id)


def join_labels(items: Iterable[str], lang: str) -> str:
    return messages(lang).values.separator.join(items)


def rule_title(rule_id: str, lang: str) -> str:
    found = messages(lang).rules.get(rule_id)
    return found.title if found else rule_id


def rule_explanation(rule_id: str, lang: str) -> str:
    found = messages(lang).rules.get(rule_id)
    return found.explanation if found else ""


def _difference(triple, lang: str) -> str:
    values = messages(lang).values
    indicator, mine, theirs = (list(triple) + ["", "", ""])[:3]
    if indicator:
        return values.difference.format(indicator=indicator_label(indicator, lang), mine=mine, theirs=theirs)
    return values.difference_unbound.format(mine=mine, theirs=theirs)


def _term(value: str, lang: str) -> str:
    """An indicator or fact kind by its label, other text (a subject phrase) as it is."""
    found = labels(lang)
    return found.indicators.get(value) or found.kinds.get(value) or value


def _shown(name: str, value, lang: str) -> str:
    """One message field as the language shows it (common/message_fields.yaml says how)."""
    kind, values = field_kinds().get(name), messages(lang).values
    items = list(value) if isinstance(value, (list, tuple)) else [value]
    if kind == "indicator":
        return indicator_label(str(value), lang)
    if kind == "indicators":
        return join_labels((indicator_label(item, lang) for item in items), lang)
    if kind == "sections":
        return join_labels((section_label(item, lang) for item in items), lang)
    if kind == "term":
        return _term(str(value), lang)
    if kind == "unit":
        return unit_label(str(value), lang) if value else ""
    if kind == "surfaces":
        return join_labels((str(item) for item in items), lang)
    if kind == "differences":
        return values.difference_separator.join(_difference(item, lang) for item in items)
    if kind in ("more", "part"):
        template = values.more if kind == "more" else values.part
        return template.format(n=value) if value else ""
    return str(value)


def render_message(rule: str, variant: str | None, args: Mapping[str, object], lang: str) -> str:
    """The message of a rule's finding from its fields; a rule or variant without text raises ResourceError."""
    found = messages(lang).rules.get(rule)
    if found is None or (variant and variant not in found.variants):
        what = f"rules.{rule}" + (f".variants.{variant}" if variant else "")
        raise ResourceError(f"entry {what}: no message for it", resource_path(lang, "messages"))
    return found.template(variant).format_map({name: _shown(name, value, lang) for name, value in args.items()})


def finding_message(finding, lang: str) -> str:
    """A Finding's message in `lang`. A finding stored before findings kept their fields (no
    `args`) shows its stored English message in English and its rule's title otherwise."""
    try:
        return render_message(finding.rule, finding.variant, finding.args, lang)
    except (KeyError, IndexError, ResourceError):
        return finding.message if lang == "en" else rule_title(finding.rule, lang)


def text(key: str, lang: str, n: int | None = None, **fields) -> str:
    """A terminal text of cli.yaml filled with `fields` (and `n`, which also picks a plural form)."""
    found = texts(lang).texts.get(key)
    if found is None:
        raise ResourceError(f"entry texts.{key}: missing", resource_path(lang, "cli"))
    template = found.pick(n if n is not None else 0) if isinstance(found, Plural) else found
    return template.format(n=n, **fields)


def error_message(error: PetitionMinerError, lang: str) -> str:
    """One line naming the file, what is wrong and the code. English keeps the error's own words;
    another language describes the code, with the details of a generic code after it."""
    if lang == "en":
        return error.format()
    described = texts(lang).errors.get(error.code)
    if described is None:
        return error.format()
    detail = text("error_detail", lang, detail=error.message) if error.code in GENERIC_ERROR_CODES else ""
    where = text("error_where", lang, path=error.path) if error.path else ""
    return f"{where}{described}{detail} [{error.code}]"
