"""Annotations as a spaCy DocBin: one Doc per summary, figures and units as doc.spans groups, the record in user_data."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from pipeline.atomic import atomic_path
from pipeline.corrections.annotations import LAYERS, Annotation
from pipeline.errors import CorrectionsError
from pipeline.nlp import doc_with_boundaries

META_KEY = "petition_miner"


def to_doc(annotation: Annotation, lang: str):
    cuts = {offset for _, start, end, _ in annotation.spans for offset in (start, end)}
    doc = doc_with_boundaries(annotation.text, lang, cuts)
    for layer in LAYERS:
        spans = [doc.char_span(start, end, label=label) for name, start, end, label in annotation.spans
                 if name == layer]
        doc.spans[layer] = [span for span in spans if span is not None]
    doc.user_data[META_KEY] = annotation.meta
    return doc


def write_docbin(annotations: Iterable[tuple[Annotation, str]], path: Path) -> int:
    """(annotation, language) pairs into a DocBin file, written atomically; returns the Docs written."""
    from spacy.tokens import DocBin

    docs = DocBin(store_user_data=True)
    count = 0
    for annotation, lang in annotations:
        docs.add(to_doc(annotation, lang))
        count += 1
    with atomic_path(path) as temporary:
        docs.to_disk(temporary)
    return count


def read_docbin(path: Path) -> list[Annotation]:
    """The Docs of a DocBin (as corrected in an annotation tool) back as annotations."""
    from spacy.tokens import DocBin

    from pipeline.nlp import get_nlp

    try:
        docs = list(DocBin().from_disk(path).get_docs(get_nlp("en").vocab))
    except Exception as error:  # noqa: BLE001 - msgpack, zlib and spaCy each raise their own
        raise CorrectionsError(f"is no spaCy DocBin ({error.__class__.__name__}); export one with "
                               "`petition-miner export --format spacy`", path) from error
    return [Annotation(doc.text, tuple((layer, span.start_char, span.end_char, span.label_)
                                       for layer in LAYERS if layer in doc.spans for span in doc.spans[layer]),
                       dict(doc.user_data.get(META_KEY, {}))) for doc in docs]
