"""Checks: Record (+ the batch, + the store's history) -> Findings. Rules are functions registered in rules.py."""

from __future__ import annotations

from typing import Sequence

from pipeline.checks.base import CheckContext
from pipeline.checks.config import CheckConfig, load_config
from pipeline.checks.history import History, history_hits
from pipeline.checks.views import BatchView
from pipeline.checks.rules import BATCH_RULES, RECORD_RULES, rule_ids, to_finding
from pipeline.schema import Finding, Record

RecordWithText = tuple[Record, str]  # or (batch_view(record), text): the batch rules read only that


def batch_view(record: Record) -> BatchView:
    """What the batch rules read of a record, small enough to keep for every summary of a large
    batch while the records themselves wait on disk; batch_findings takes it for the record."""
    return BatchView.of(record)


def _ordered(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.start, f.end, f.rule))


def run_checks(record: Record, text: str, config: CheckConfig | None = None) -> list[Finding]:
    """Findings of every enabled single-record rule; `text` is the file text the offsets index."""
    config = config or CheckConfig()
    ctx = CheckContext(record, text, config)
    findings = [to_finding(hit, config)
                for rule, find in RECORD_RULES.items() if config.enabled(rule)
                for hit in find(ctx)]
    return _ordered(findings)


def batch_findings(records_with_text: Sequence[RecordWithText], config: CheckConfig | None = None,
                   templates: Sequence[RecordWithText] | None = None,
                   history: History | None = None) -> list[list[Finding]]:
    """Cross-document findings, one list per input record in input order: template copies, and
    each township's series within the batch and against the store's earlier summaries (history)."""
    config = config or CheckConfig()
    out: list[list[Finding]] = [[] for _ in records_with_text]
    for rule, find in BATCH_RULES.items():
        if not config.enabled(rule):
            continue
        for index, hits in enumerate(find(records_with_text, config, templates or ())):
            out[index].extend(to_finding(hit, config) for hit in hits)
    for index, hits in enumerate(history_hits(records_with_text, config, history)):
        out[index].extend(to_finding(hit, config) for hit in hits)
    return [_ordered(findings) for findings in out]


def run_batch_checks(records_with_text: Sequence[RecordWithText], config: CheckConfig | None = None,
                     templates: Sequence[RecordWithText] | None = None,
                     history: History | None = None) -> dict[str, list[Finding]]:
    """Cross-document findings by doc_id (records sharing a doc_id share one list)."""
    by_doc: dict[str, list[Finding]] = {record.doc_id: [] for record, _ in records_with_text}
    for (record, _), findings in zip(records_with_text, batch_findings(records_with_text, config, templates, history)):
        by_doc[record.doc_id].extend(findings)
    return by_doc


__all__ = ["CheckConfig", "History", "batch_findings", "batch_view", "load_config", "rule_ids", "run_batch_checks", "run_checks"]
