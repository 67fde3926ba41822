"""Runs every stage on one file and assembles the Records of the contract."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.ingest import Document, load_source
from pipeline.schema import Record
from pipeline.segment import Segmentation, segment


@dataclass(frozen=True)
class Analysis:
    """A document with its segmentation, the input every extractor takes."""

    doc: Document
    segmentation: Segmentation


def analyse(doc: Document) -> Analysis:
    return Analysis(doc, segment(doc))


def build_record(analysis: Analysis) -> Record:
    """Assemble the Record of one document from every stage that exists."""
    doc = analysis.doc
    return Record(
        doc_id=doc.doc_id,
        source=doc.source,
        part=doc.part,
        start=doc.start,
        end=doc.end,
        language=doc.language,
        title=doc.title,
        sections=analysis.segmentation.sections,
    )


def process_file(path: Path, source: str | None = None) -> list[Record]:
    """Records of every summary in one file; raises InputError on unreadable input."""
    loaded = load_source(path, source)
    return [build_record(analyse(doc)) for doc in loaded.documents]
