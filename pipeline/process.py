"""Runs every stage on one file and assembles the Records of the contract."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.extractors.figures import extract_figures
from pipeline.extractors.placeholders import find_placeholders
from pipeline.extractors.profile import extract_period, extract_township
from pipeline.fold import fold
from pipeline.ingest import Document, load_source
from pipeline.numbers import find_quantities
from pipeline.schema import Placeholder, Record
from pipeline.segment import Segmentation, segment


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


def _figures(analysis: Analysis, placeholders: list[Placeholder]):
    doc = analysis.doc
    view = doc.view
    blocked = [(p.start - doc.start, p.end - doc.start) for p in placeholders]
    quantities = [
        q for q in find_quantities(view, doc.language)
        if not any(q.start < end and start < q.end for start, end in blocked)
    ]
    sentences = [(s.start - doc.start, s.end - doc.start) for s in analysis.segmentation.sentences]
    return extract_figures(view, quantities, sentences, doc.language, offset=doc.start, surface_text=doc.text)


def _township(doc: Document, opening: str) -> str | None:
    """The township from the folded view, returned as written in the file."""
    found = extract_township(doc.title and fold(doc.title), opening, doc.language)
    if found is None:
        return None
    at = opening.find(found)
    return doc.text[at : at + len(found)] if at >= 0 else found


def build_record(analysis: Analysis) -> Record:
    """Assemble the Record of one document from every stage that exists."""
    doc = analysis.doc
    placeholders = _placeholders(doc)
    opening = doc.view
    return Record(
        doc_id=doc.doc_id,
        source=doc.source,
        part=doc.part,
        start=doc.start,
        end=doc.end,
        language=doc.language,
        title=doc.title,
        township=_township(doc, opening),
        period=extract_period(doc.title and fold(doc.title), opening, doc.language),
        sections=analysis.segmentation.sections,
        facts=tuple(_figures(analysis, placeholders)),
        placeholders=tuple(placeholders),
    )


def process_file(path: Path, source: str | None = None) -> list[Record]:
    """Records of every summary in one file; raises InputError on unreadable input."""
    loaded = load_source(path, source)
    return [build_record(analyse(doc)) for doc in loaded.documents]
