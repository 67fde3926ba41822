"""Reads one source file into its Documents: read (reading.py), decode (decode.py), normalise, split (documents.py)."""

from __future__ import annotations

from pathlib import Path

from pipeline.decode import decode_bytes
from pipeline.documents import Document, DocumentCues, LinePattern, SourceText, is_split_marker, split_summaries
from pipeline.errors import EmptyFileError, InputError, SummaryTooLongError, TooLargeError
from pipeline.fold import fold
from pipeline.language import detect_language
from pipeline.office_convert import OFFICE_SUFFIXES, convert_to_docx
from pipeline.limits import Limits, current_limits
from pipeline.reading import (
    REPORTED_SUFFIXES,
    SUPPORTED_SUFFIXES,
    InputFile,
    display_name,
    iter_inputs,
    iter_paths,
    read_input,
    refuse_reported,
)

_NORMALISE_TABLE = {
    **{0xFF10 + i: ord("0") + i for i in range(10)},
    **{0xFF21 + i: ord("A") + i for i in range(26)},
    **{0xFF41 + i: ord("a") + i for i in range(26)},
    0xFF05: ord("%"),
    0xFF0E: ord("."),
    0x000D: ord("\n"),
}


def normalise(text: str) -> str:
    """Full-width digits, letters, ％ and ． to ASCII, CR to LF: one character for one."""
    return text.translate(_NORMALISE_TABLE)


def read_file_text(path: Path, limits: Limits | None = None) -> tuple[str, str]:
    """The normalised text of one file and how it was decoded."""
    name = display_name(str(path))
    return read_bytes_text(read_input(path, limits, name), name, limits)


def read_bytes_text(data: bytes, name: str, limits: Limits | None = None) -> tuple[str, str]:
    """The normalised text of one file's bytes (the format from the suffix of `name`) and how it was decoded."""
    limits = limits or current_limits()
    suffix = Path(name).suffix.lower()
    refuse_reported(suffix, name)
    if len(data) > limits.max_file_bytes:
        raise TooLargeError(f"{len(data) / 2**20:,.1f} MB is more than the limit of {limits.max_file_mb:g} MB "
                            "per file; split the file or raise max_file_mb", name)
    if suffix in OFFICE_SUFFIXES:  # .doc, .wps: LibreOffice saves them as .docx first
        data = convert_to_docx(data, name, limits)
    if suffix == ".docx" or suffix in OFFICE_SUFFIXES:
        from pipeline.docx_text import read_docx_text  # loaded for the formats that need it

        text = read_docx_text(data, name, limits)
        if not text.strip():
            raise EmptyFileError(f"{suffix} holds no text", name)
        return normalise(text), suffix.lstrip(".")
    if suffix == ".pdf":
        from pipeline.pdf_text import read_pdf_text

        return normalise(read_pdf_text(data, name, limits)), "pdf"
    text, encoding = decode_bytes(data, name)
    return normalise(text), encoding


def _original(text: str, view: str, start: int, found: str | None) -> str | None:
    """A title found in the folded view, as written in the file."""
    if found is None:
        return None
    at = view.find(found, start)
    return text[at : at + len(found)] if at >= 0 else found


def _check_lengths(spans: list[tuple[int, int, str | None]], limits: Limits, name: str) -> None:
    for part, (start, end, _) in enumerate(spans, start=1):
        if end - start > limits.max_summary_chars:
            raise SummaryTooLongError(f"summary {part} holds {end - start:,} characters, more than the limit of "
                                      f"{limits.max_summary_chars:,}; split it or raise max_summary_chars", name)


def load_source(path: Path, source: str | None = None, data: bytes | None = None,
                doc_base: str | None = None, limits: Limits | None = None) -> SourceText:
    """Read one file (or its bytes, already read) into its Documents (raises InputError subclasses
    on bad input); doc_ids are `doc_base#part`, doc_base the file's stem unless given."""
    limits = limits or current_limits()
    name = source or display_name(str(path))
    if data is None:
        text, encoding = read_file_text(path, limits)
    else:
        text, encoding = read_bytes_text(data, name, limits)
    return documents_of(text, encoding, name, doc_base, limits)


def documents_of(text: str, encoding: str, name: str, doc_base: str | None = None,
                 limits: Limits | None = None) -> SourceText:
    """The summaries of a decoded, normalised file text (raises EmptyFileError, SummaryTooLongError)."""
    limits = limits or current_limits()
    view = fold(text)
    spans = split_summaries(view)
    if not spans:
        raise EmptyFileError("file holds no summary text", name)
    _check_lengths(spans, limits, name)
    stem = doc_base or Path(name).stem
    documents = tuple(
        Document(
            doc_id=f"{stem}#{part}",
            source=name,
            part=part,
            start=start,
            end=end,
            file_text=text,
            language=detect_language(text[start:end]),
            title=_original(text, view, start, title),
            file_view=view,
        )
        for part, (start, end, title) in enumerate(spans, start=1)
    )
    return SourceText(name, text, encoding, documents)


__all__ = [
    "REPORTED_SUFFIXES",
    "SUPPORTED_SUFFIXES",
    "Document",
    "DocumentCues",
    "InputError",
    "InputFile",
    "LinePattern",
    "SourceText",
    "decode_bytes",
    "documents_of",
    "display_name",
    "is_split_marker",
    "iter_inputs",
    "iter_paths",
    "load_source",
    "normalise",
    "read_bytes_text",
    "read_file_text",
    "split_summaries",
]
