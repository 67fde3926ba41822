"""Corpus acceptance: the gold is well-formed, and the real pipeline meets it (figures, bilingual
pairs, planted errors, grounding, measure categories). The corpus is processed once per session."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from pipeline.evaluation import Evaluation, evaluate_corpus, match_facts
from pipeline.gold import GoldDocument, GoldFile, load_gold
from pipeline.ingest import SUPPORTED_SUFFIXES, load_source, read_file_text
from pipeline.office_convert import OFFICE_SUFFIXES, find_soffice
from pipeline.process import ProcessedFile, process_path, with_batch_findings
from pipeline.schema import Record

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = REPO_ROOT / "corpus"
# .doc and .wps files are read through LibreOffice: without it they are left out here (and
# test_corpus_office_files_are_read says why it skips); CI installs it (.ci/install-office.sh).
HAS_OFFICE = find_soffice() is not None


def _readable(path: Path) -> bool:
    return HAS_OFFICE or path.suffix.lower() not in OFFICE_SUFFIXES


GOLD = [(source, gold) for source, gold in load_gold(CORPUS) if _readable(source)]
GOLD_IDS = [gold.file for _, gold in GOLD]
LANGUAGES = ("zh", "en")
MIN_PRECISION, MIN_RECALL, MIN_INDICATOR_ACCURACY = 0.97, 0.95, 0.90
MIN_MEASURE_CATEGORY_F1 = 0.85
MIN_SCOPE_ACCURACY = 1.0  # every previous-period figure and target of the gold
FLAGGING = ("error", "warning")
BATCH_RULES = {"template-copy"}


def corpus_paths(every: bool = False) -> list[Path]:
    """Every summary file at the top of corpus/ (.txt, .docx, .pdf, and .doc where LibreOffice is
    installed, or `every` one), sorted."""
    return sorted(p for p in CORPUS.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                  and (every or _readable(p)))


def test_corpus_office_files_are_read() -> None:
    """The corpus's .doc files count only where LibreOffice converts them."""
    office = [p.name for p in corpus_paths(every=True) if p.suffix.lower() in OFFICE_SUFFIXES]
    if not HAS_OFFICE:
        pytest.skip(f"LibreOffice (soffice) is not installed: {', '.join(office)} left out; run .ci/install-office.sh")
    assert office and set(office) <= {item.path.name for item in processed_corpus()}


@lru_cache(maxsize=1)
def processed_corpus() -> tuple[ProcessedFile, ...]:
    """Every corpus file through process_path (source = the file name) plus the batch findings.

    Cached so that the golden tests (tests/test_golden.py) reuse the same run."""
    files = [process_path(path, path.name) for path in corpus_paths()]
    return tuple(with_batch_findings(files))


@pytest.fixture(scope="session")
def evaluation() -> Evaluation:
    return evaluate_corpus(CORPUS)


@pytest.fixture(scope="session")
def processed() -> dict[str, ProcessedFile]:
    """file name -> processed file (records with single-record and batch findings)."""
    return {item.path.name: item for item in processed_corpus()}


def _gold_documents() -> list[tuple[GoldFile, GoldDocument]]:
    return [(gold, document) for _, gold in GOLD for document in gold.documents]


def _record(processed: dict[str, ProcessedFile], gold: GoldFile, document: GoldDocument) -> Record:
    records = {record.part: record for record in processed[gold.file].records}
    assert document.part in records, f"{gold.file}: part {document.part} not found"
    return records[document.part]


def test_corpus_has_gold_for_every_file_and_both_languages() -> None:
    assert len(GOLD) >= 40
    assert {path.name for path in corpus_paths()} == {gold.file for _, gold in GOLD}
    assert {document.language for _, document in _gold_documents()} == set(LANGUAGES)


# --- the gold itself -----------------------------------------------------------------------------

@pytest.mark.parametrize("source, gold", GOLD, ids=GOLD_IDS)
def test_corpus_gold_spans_match_the_file_text(source: Path, gold: GoldFile) -> None:
    text = read_file_text(source)[0]
    for document in gold.documents:
        for item in (*document.facts, *document.placeholders):
            assert text[item.start : item.end] == item.surface, (document.part, item.start, item.surface)


@pytest.mark.parametrize("source, gold", GOLD, ids=GOLD_IDS)
def test_corpus_gold_ids_are_unique_and_relations_resolve(source: Path, gold: GoldFile) -> None:
    for document in gold.documents:
        ids = [fact.id for fact in document.facts]
        assert len(ids) == len(set(ids)), f"part {document.part}: duplicate fact ids"
        for fact in document.facts:
            for target in (fact.part_of, fact.refers_to):
                assert target is None or (target in ids and target != fact.id), (fact.id, target)
        for error in document.planted_errors:
            assert set(error.facts) <= set(ids), (error.rule, error.facts)


@pytest.mark.parametrize("source, gold", GOLD, ids=GOLD_IDS)
def test_corpus_gold_documents_are_found_in_the_file(source: Path, gold: GoldFile) -> None:
    loaded = load_source(source, gold.file)
    spans = {document.part: document for document in loaded.documents}
    parts = [document.part for document in gold.documents]
    assert len(parts) == len(set(parts))
    assert set(parts) == set(spans), f"gold parts {parts}, found {sorted(spans)}"
    for document in gold.documents:
        span = spans[document.part]
        assert span.language == document.language
        for item in (*document.facts, *document.placeholders):
            assert span.start <= item.start and item.end <= span.end, (document.part, item.surface)


# --- figures against the gold --------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_corpus_figures_precision_recall_and_indicator_accuracy(evaluation: Evaluation, language: str) -> None:
    tally = evaluation.tallies[language]
    assert tally.documents > 0 and tally.gold > 0
    assert tally.precision >= MIN_PRECISION, f"precision {tally.precision:.3f}; spurious: {tally.spurious[:10]}"
    assert tally.recall >= MIN_RECALL, f"recall {tally.recall:.3f}; missed: {tally.misses[:10]}"
    accuracy = tally.ratio(tally.indicator_right, tally.matched)
    assert accuracy >= MIN_INDICATOR_ACCURACY, f"indicator accuracy {accuracy:.3f}: {tally.wrong_indicator[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_corpus_scopes_match_the_gold(evaluation: Evaluation, language: str) -> None:
    """Previous-period figures and targets are told from the period's own (gold `scope`)."""
    tally = evaluation.tallies[language]
    assert tally.ratio(tally.scope_right, tally.matched) >= MIN_SCOPE_ACCURACY


def test_corpus_every_gold_document_is_evaluated(evaluation: Evaluation) -> None:
    assert evaluation.tallies["all"].documents == len(_gold_documents())
    assert not [m for t in evaluation.tallies.values() for m in t.misses if "document not found" in m]


def _value_multiset(record: Record) -> Counter:
    return Counter((fact.indicator, float(fact.value)) for fact in record.facts)


def test_corpus_bilingual_pairs_give_the_same_indicator_values(processed, evaluation: Evaluation) -> None:
    pairs = [(gold, document) for gold, document in _gold_documents() if document.translation_of]
    assert len(pairs) == 6
    for gold, document in pairs:
        original = next(item for name, item in processed.items() if Path(name).stem == document.translation_of)
        [zh_record] = original.records
        en_record = _record(processed, gold, document)
        zh_values, en_values = _value_multiset(zh_record), _value_multiset(en_record)
        assert zh_values == en_values, (f"{gold.file}: zh only {sorted((zh_values - en_values).elements(), key=str)}, "
                                        f"en only {sorted((en_values - zh_values).elements(), key=str)}")
    assert len(evaluation.bilingual) == 6 and all(same for _, same, _ in evaluation.bilingual)


# --- findings: planted errors, no false alarms, template copies ----------------------------------

def _flagged_rules(record: Record) -> set[str]:
    return {finding.rule for finding in record.findings if finding.severity in FLAGGING}


def _planted(document: GoldDocument) -> set[str]:
    return {error.rule for error in document.planted_errors} | ({"placeholder"} if document.placeholders else set())


@pytest.mark.parametrize("gold, document", [(g, d) for g, d in _gold_documents() if _planted(d)],
                         ids=[f"{g.file}#{d.part}" for g, d in _gold_documents() if _planted(d)])
def test_corpus_planted_errors_are_found(processed, gold: GoldFile, document: GoldDocument) -> None:
    record = _record(processed, gold, document)
    missed = _planted(document) - _flagged_rules(record)
    assert not missed, f"{record.doc_id}: planted {sorted(missed)} not found; found {sorted(_flagged_rules(record))}"


def test_corpus_planted_errors_point_at_their_facts(processed) -> None:
    """A finding of a planted rule that names facts names at least one of the planted facts."""
    for gold, document in _gold_documents():
        record = _record(processed, gold, document)
        to_gold = match_facts(record.facts, document.facts)
        for error in document.planted_errors:
            findings = [f for f in record.findings if f.rule == error.rule and f.facts]
            if not error.facts or not findings:
                continue
            named = {to_gold.get(fact_id) for finding in findings for fact_id in finding.facts}
            assert named & set(error.facts), f"{record.doc_id}: {error.rule} names {named}, gold {error.facts}"


@pytest.mark.parametrize("gold, document", [(g, d) for g, d in _gold_documents() if not d.planted_errors],
                         ids=[f"{g.file}#{d.part}" for g, d in _gold_documents() if not d.planted_errors])
def test_corpus_documents_without_planted_errors_raise_no_alarm(processed, gold: GoldFile,
                                                                 document: GoldDocument) -> None:
    record = _record(processed, gold, document)
    alarms = _flagged_rules(record) - BATCH_RULES - _planted(document)
    assert not alarms, [f"{f.rule}: {f.message}" for f in record.findings if f.rule in alarms]


def test_corpus_documents_with_planted_errors_raise_nothing_else(processed) -> None:
    for gold, document in _gold_documents():
        record = _record(processed, gold, document)
        extra = _flagged_rules(record) - BATCH_RULES - _planted(document)
        assert not extra, f"{record.doc_id}: unplanted {sorted(extra)}"


def test_corpus_template_copy_marks_exactly_both_members_of_each_gold_pair(processed) -> None:
    expected = set()
    for gold, document in _gold_documents():
        if document.template_of:
            expected |= {f"{Path(gold.file).stem}#{document.part}", f"{document.template_of}#1"}
    assert len(expected) == 6  # two template pairs, and one summary as .docx and as PDF
    flagged = {record.doc_id for item in processed.values() for record in item.records
               if any(f.rule == "template-copy" for f in record.findings)}
    assert flagged == expected
    for item in processed.values():
        for record in item.records:
            for finding in record.findings:
                if finding.rule == "template-copy":
                    assert finding.severity in FLAGGING
                    partner = re.search(r"(\w+)\.(?:txt|docx|pdf|doc)\b", finding.message)
                    assert partner and f"{partner.group(1)}#1" in expected - {record.doc_id}, finding.message


# --- grounding of every span of every record -----------------------------------------------------

def _spans(record: Record):
    """(what, start, end, expected text or None) of every span a record carries."""
    for section in record.sections:
        yield "section", section.start, section.end, None
    for fact in record.facts:
        yield f"fact {fact.id}", fact.start, fact.end, fact.surface
    for placeholder in record.placeholders:
        yield "placeholder", placeholder.start, placeholder.end, placeholder.surface
    for unit in (*record.measures, *record.problems, *record.plans):
        yield f"unit {unit.id}", unit.start, unit.end, unit.text
    for finding in record.findings:
        yield f"finding {finding.rule}", finding.start, finding.end, None


@pytest.mark.parametrize("name", [path.name for path in corpus_paths()])
def test_corpus_every_record_span_is_grounded_inside_its_record(processed, name: str) -> None:
    item = processed[name]
    assert item.records
    for record in item.records:
        assert 0 <= record.start < record.end <= len(item.text)
        fact_ids = {fact.id for fact in record.facts}
        for what, start, end, expected in _spans(record):
            assert record.start <= start <= end <= record.end, f"{record.doc_id} {what} [{start}, {end})"
            if expected is not None:
                assert item.text[start:end] == expected, f"{record.doc_id} {what}"
        for fact in record.facts:
            assert {fact.part_of, fact.refers_to} - {None} <= fact_ids
        for finding in record.findings:
            assert set(finding.facts) <= fact_ids, (finding.rule, finding.facts)


# --- measure categories --------------------------------------------------------------------------

def test_corpus_measure_category_f1(evaluation: Evaluation) -> None:
    tp, fp, fn = evaluation.tallies["all"].categories["measures"]
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    assert f1 >= MIN_MEASURE_CATEGORY_F1, f"measure category F1 {f1:.3f} (tp {tp}, fp {fp}, fn {fn})"
