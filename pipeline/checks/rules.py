"""The rule registry: each rule id and the function that finds it; severities and messages are data."""

from __future__ import annotations

from typing import Callable, Iterable, Sequence

import pipeline.checks.arithmetic as arithmetic
import pipeline.checks.completeness as completeness
import pipeline.checks.consistency as consistency
import pipeline.checks.copies as copies
from pipeline.checks.history import SERIES_RULES
from pipeline.checks.base import CheckContext, Hit
from pipeline.checks.rulebook import rule_book, rule_ids  # noqa: F401  (rule_ids re-exported)
from pipeline.checks.config import SEVERITY_RANK, CheckConfig
from pipeline.i18n import render_message
from pipeline.schema import Finding, Record

RecordRule = Callable[[CheckContext], Iterable[Hit]]
# a batch rule reads records, or the small views of them (pipeline.checks.batch_view) a large run keeps
BatchInput = Sequence[tuple[Record | copies.CopyView, str]]
BatchRule = Callable[[BatchInput, CheckConfig, BatchInput], list[list[Hit]]]

RECORD_RULES: dict[str, RecordRule] = {
    "missing-section": completeness.missing_section,
    "no-case-figures": completeness.no_case_figures,
    "placeholder": completeness.placeholder,
    "rate-over-100": arithmetic.rate_over_100,
    "parts-exceed-total": arithmetic.parts_exceed_total,
    "parts-short-of-total": arithmetic.parts_short_of_total,
    "share-mismatch": arithmetic.share_mismatch,
    "rate-mismatch": arithmetic.rate_mismatch,
    "change-mismatch": arithmetic.change_mismatch,
    "settled-exceeds-received": arithmetic.settled_exceeds_received,
    "percent-sign-missing": arithmetic.percent_sign_missing,
    "conflicting-values": consistency.conflicting_values,
    "future-date": consistency.future_date,
}
BATCH_RULES: dict[str, BatchRule] = {
    "template-copy": copies.template_copies,
}
# rules over each township's series of summaries (pipeline/checks/history.py), also batch-scoped
CROSS_RULES: frozenset[str] = frozenset(BATCH_RULES) | frozenset(SERIES_RULES)


def to_finding(hit: Hit, config: CheckConfig) -> Finding:
    """The finding of a hit: severity from the config (capped by the hit), its fields kept as `args`
    and its English message from en/messages.yaml (other languages: pipeline.i18n)."""
    spec = rule_book().rules[hit.rule]
    severity = config.severity_of(hit.rule, spec.severity)
    if hit.max_severity and SEVERITY_RANK[severity] > SEVERITY_RANK[hit.max_severity]:
        severity = hit.max_severity
    args = {name: _arg(value) for name, value in hit.fields.items()}
    return Finding(rule=hit.rule, severity=severity, message=render_message(hit.rule, hit.variant, args, "en"),
                   start=hit.start, end=max(hit.end, hit.start), facts=hit.facts, variant=hit.variant, args=args)


def _arg(value: object) -> object:
    """A field as a finding keeps it: text, a number, or (nested) tuples of text."""
    if isinstance(value, (list, tuple)):
        return tuple(_arg(item) for item in value)
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)
