"""The checks on the corpus gold: every planted error is found, and a consistent summary raises
no arithmetic or consistency finding (false alarms are costly)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.checks import CheckConfig, batch_findings, run_checks
from pipeline.ingest import load_source
from pipeline.schema import Fact, Period, Placeholder, Record

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
GOLD = sorted((CORPUS / "gold").glob("*.json"))
# Rules whose outcome depends on the segmenter, not on the gold facts.
NOT_JUDGED = {"missing-section"}
# The extractor flags the parts of a 分别/respectively list; the gold has no such flag yet.
COMPLETE_CUE = re.compile(r"分别|respectively")


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(mark, 0, start) for mark in ("。", "\n", ". "))
    rights = [i for i in (text.find("。", end), text.find("\n", end)) if i >= 0]
    return text[left + 1 : min(rights) if rights else len(text)]


def _fact(raw: dict, text: str) -> Fact:
    flags = list(raw["flags"])
    if raw["part_of"] and COMPLETE_CUE.search(_sentence(text, raw["start"], raw["end"])):
        flags.append("complete_breakdown")
    return Fact(**{**raw, "flags": tuple(flags)})


def _records(gold: Path) -> list[tuple[Record, str, set[str]]]:
    """(record, file text, planted rules) per gold document; spans come from ingest."""
    data = json.loads(gold.read_text(encoding="utf-8"))
    source = CORPUS / data["file"]
    if not source.is_file():
        pytest.skip(f"{source.name} is not in the corpus")
    loaded = load_source(source)
    spans = {doc.part: doc for doc in loaded.documents}
    out = []
    for doc in data["documents"]:
        span = spans[doc["part"]]
        record = Record(doc_id=span.doc_id, source=str(source), part=doc["part"], start=span.start, end=span.end,
                        language=doc["language"], period=Period(**doc["period"]),
                        facts=tuple(_fact(raw, loaded.text) for raw in doc["facts"]),
                        placeholders=tuple(Placeholder(**p) for p in doc["placeholders"]))
        out.append((record, loaded.text, {e["rule"] for e in doc["planted_errors"]}))
    return out


@pytest.mark.parametrize("gold", GOLD, ids=[g.stem for g in GOLD])
def test_gold_planted_errors_are_found_and_nothing_else(gold: Path) -> None:
    for record, text, planted in _records(gold):
        found = {f.rule for f in run_checks(record, text, CheckConfig())} - NOT_JUDGED
        planted_here = planted - {"template-copy"} - NOT_JUDGED
        assert planted_here <= found, f"{record.doc_id}: missed {planted_here - found}"
        assert found <= planted_here | {"placeholder"}, f"{record.doc_id}: false alarm {found - planted_here}"


def test_gold_template_copies_are_found_and_translations_are_not() -> None:
    items, expected = [], {}
    for gold in GOLD:
        data = json.loads(gold.read_text(encoding="utf-8"))
        if not (CORPUS / data["file"]).is_file():
            continue
        for (record, text, _), doc in zip(_records(gold), data["documents"]):
            items.append((record, text))
            expected[record.doc_id] = doc.get("template_of")
    flagged = {record.doc_id: findings for (record, _), findings in zip(items, batch_findings(items, CheckConfig()))}
    for doc_id, template in expected.items():
        if template:
            assert any(f"{template}." in f.message for f in flagged[doc_id]), doc_id
    copied = {doc_id for doc_id, template in expected.items() if template}
    copied |= {f"{t}#1" for t in expected.values() if t}
    assert {doc_id for doc_id, findings in flagged.items() if findings} <= copied
