"""Runs every stage on one file and assembles the Records of the contract."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from pipeline.checks import CheckConfig, batch_findings, run_checks
from pipeline.checks.copies import CopyView
from pipeline.extractors.figures import extract_figures
from pipeline.extractors.table_figures import with_table_figures
from pipeline.extractors.placeholders import find_placeholders
from pipeline.extractors.profile import extract_period, extract_township
from pipeline.fold import fold
from pipeline.glosses import condense, restore
from pipeline.ingest import Document, documents_of, load_source
from pipeline.numbers import find_quantities
from pipeline.extractors.units import measure_units, plan_units, problem_units
from pipeline.section_units import sections_by_units
from pipeline.schema import Finding, Measure, Placeholder, Plan, Problem, Record
from pipeline.segment import Segmentation, segment
from pipeline.tables import find_tables


@dataclass(frozen=True)
class Analysis:
    """A document with its segmentation, the input every extractor takes."""

    doc: Document
    segmentation: Segmentation


def analyse(doc: Document) -> Analysis:
    return Analysis(doc, segment(doc))


def _placeholders(doc: Document) -> list[Placeholder]:
    text, offset = doc.text, doc.start
    return [Placeholder(start=offset + s, end=offset + e, surface=text[s:e]) for s, e in find_placeholders(doc.view)]


def _figures(analysis: Analysis, placeholders: list[Placeholder], year: int | None = None):
    """The figures of the prose and of the tables (read as tables: pipeline/extractors/table_figures.py),
    and the tables."""
    doc = analysis.doc
    view = doc.view
    tables = find_tables(doc.file_match, doc.start, doc.end)
    blocked = [(p.start - doc.start, p.end - doc.start) for p in placeholders] + \
        [(t.start - doc.start, t.end - doc.start) for t in tables]
    quantities = [
        q for q in find_quantities(view, doc.language)
        if not any(q.start < end and start < q.end for start, end in blocked)
    ]
    sentences = [(s.start - doc.start, s.end - doc.start) for s in analysis.segmentation.sentences]
    plans = [(s.start - doc.start, s.end - doc.start) for s in analysis.segmentation.sections if s.kind == "plans"]
    prose = extract_figures(view, quantities, sentences, doc.language, offset=doc.start, surface_text=doc.text,
                            year=year, plans=plans)
    return with_table_figures(prose, tables, doc.file_match, doc.file_text, doc.language, year)


def _township(doc: Document, opening: str) -> str | None:
    """The township from the folded view, returned as written in the file."""
    found = extract_township(doc.title and fold(doc.title), opening, doc.language)
    if found is None:
        return None
    at = opening.find(found)
    return doc.text[at : at + len(found)] if at >= 0 else found


def _units(analysis: Analysis) -> dict:
    """Measure, problem and plan units, not yet labelled (see pipeline.classifiers.apply)."""
    doc, seg = analysis.doc, analysis.segmentation
    text = doc.file_text
    return {
        "measures": tuple(Measure(id=f"m{n}", text=text[u.start : u.end], start=u.start, end=u.end)
                          for n, u in enumerate(measure_units(doc, seg), 1)),
        "problems": tuple(Problem(id=f"p{n}", text=text[u.start : u.end], start=u.start, end=u.end)
                          for n, u in enumerate(problem_units(doc, seg), 1)),
        "plans": tuple(Plan(id=f"n{n}", text=text[u.start : u.end], start=u.start, end=u.end)
                       for n, u in enumerate(plan_units(doc, seg), 1)),
    }


def build_record(analysis: Analysis) -> Record:
    """Assemble the Record of one document from every stage but the classifiers."""
    doc = analysis.doc
    placeholders = _placeholders(doc)
    opening = doc.view
    header = doc.file_match[: doc.start] if doc.part == 1 else ""  # a dateline above the headline
    period = extract_period(doc.title and fold(doc.title), opening, doc.language, header)
    facts, tables = _figures(analysis, placeholders, period.year)
    units = _units(analysis)
    sections = sections_by_units(analysis.segmentation.sections,
                                 {"measures": units["measures"], "problems": units["problems"],
                                  "plans": units["plans"]}, doc.language)
    return Record(
        doc_id=doc.doc_id,
        source=doc.source,
        part=doc.part,
        start=doc.start,
        end=doc.end,
        language=doc.language,
        title=doc.title,
        township=_township(doc, opening),
        period=period,
        sections=sections,
        facts=tuple(facts),
        placeholders=tuple(placeholders),
        tables=tuple(tables),
        **units,
    )


@dataclass(frozen=True)
class ProcessedFile:
    """One readable input file: its normalised text and its records (with their findings)."""

    path: Path
    text: str
    records: tuple[Record, ...]


def process_path(path: Path, source: str | None = None, config: CheckConfig | None = None,
                 classify: bool = True, data: bytes | None = None, doc_base: str | None = None,
                 limits=None) -> ProcessedFile:
    """Every stage on one file (or its bytes, already read), single-record checks included;
    raises InputError on bad input. doc_base names its documents (the file's stem unless given)."""
    loaded = load_source(path, source, data, doc_base, limits)
    condensed = condense(loaded.text)  # 鎮(zhèn): read without the glosses, offsets mapped back after
    work = loaded if condensed is None else documents_of(condensed.text, loaded.encoding, loaded.source,
                                                         doc_base, limits)
    records = []
    for doc in work.documents:
        record = build_record(analyse(doc))
        findings = run_checks(record, work.text, config)
        records.append(record.model_copy(update={"findings": tuple(findings)}))
    if classify:
        from pipeline.classifiers.apply import label_records

        records = label_records(records)
    if condensed is not None:
        records = [restore(record, condensed, loaded.text) for record in records]
    return ProcessedFile(path, loaded.text, tuple(records))


def batch_extras(files: Sequence[tuple[Sequence[Record | CopyView], str]], config: CheckConfig | None = None,
                 templates: Sequence[tuple[Sequence[Record | CopyView], str]] = (),
                 history=None) -> list[list[list[Finding]]]:
    """The cross-document findings (template-copy) of a batch, per file and per record in input
    order; each file is given as its records (or their batch views) and its text."""
    pairs = [(record, text) for records, text in files for record in records]
    template_pairs = [(record, text) for records, text in templates for record in records]
    extra = iter(batch_findings(pairs, config, template_pairs, history))
    return [[next(extra) for _ in records] for records, _ in files]


def add_findings(record: Record, extra: Sequence[Finding]) -> Record:
    """The record with cross-document findings added, every finding in offset order."""
    if not extra:
        return record
    findings = tuple(sorted(record.findings + tuple(extra), key=lambda f: (f.start, f.end, f.rule)))
    return record.model_copy(update={"findings": findings})


def with_batch_findings(files: list[ProcessedFile], config: CheckConfig | None = None,
                        templates: list[ProcessedFile] = (), history=None) -> list[ProcessedFile]:
    """Add the cross-document findings (template-copy) of a batch to its records."""
    extras = batch_extras([(item.records, item.text) for item in files], config,
                          [(item.records, item.text) for item in templates], history)
    return [ProcessedFile(item.path, item.text, tuple(add_findings(r, x) for r, x in zip(item.records, extra)))
            for item, extra in zip(files, extras)]


def process_file(path: Path, source: str | None = None) -> list[Record]:
    """Records of every summary in one file (single-record findings included)."""
    return list(process_path(path, source).records)


@lru_cache(maxsize=None)
def warm_up(classify: bool = True) -> None:
    """Load every language resource (and the classifiers) once, e.g. before forking workers,
    by processing the indicator examples of each language."""
    from pipeline.extractors.indicator_cues import indicator_cues

    for lang in ("zh", "en"):
        examples = "\n".join(c.entry.example for c in indicator_cues(lang).indicators)
        processed = process_path(Path(f"warm_{lang}.txt"), classify=classify, data=examples.encode("utf-8"))
        with_batch_findings([processed])
    if classify:  # the examples above hold few units: load the models and the segmenter for sure
        from pipeline.classifiers.apply import warm_up as warm_up_classifiers

        warm_up_classifiers()
