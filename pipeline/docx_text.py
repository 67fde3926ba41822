"""The text of a .docx, streamed: sizes checked before anything expands, one body block in memory at a time."""

from __future__ import annotations

import io
import posixpath
import zipfile
from typing import IO, Iterator

from pipeline.docx_tables import is_data_table, table_rows
from pipeline.errors import CorruptDocxError, DocxBombError
from pipeline.limits import Limits, current_limits

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_DOCUMENT = "/officeDocument"
READ_CHUNK = 1 << 16
# what python-docx's Run.text makes of a run's children (w:br only for a line break)
_RUN_TEXT = {W + "tab": "\t", W + "ptab": "\t", W + "cr": "\n", W + "noBreakHyphen": "-"}


class _Bounded(io.RawIOBase):
    """A stream of a zip member that raises DocxBombError once more than `budget` bytes came out."""

    def __init__(self, raw: IO[bytes], budget: list[int], name: str, limit_mb: float) -> None:
        self._raw, self._budget, self._name, self._limit_mb = raw, budget, name, limit_mb

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._raw.read(min(len(buffer), READ_CHUNK))
        self._budget[0] -= len(data)
        if self._budget[0] < 0:
            raise DocxBombError(f"its XML expands past the limit of {self._limit_mb:g} MB (a zip bomb?); "
                                "raise max_docx_xml_mb if the document is genuine", self._name)
        buffer[: len(data)] = data
        return len(data)


def _check_archive(archive: zipfile.ZipFile, name: str, limits: Limits) -> None:
    """Refuse an archive by what its directory declares, before a byte is expanded (zipfile never
    returns more than the declared size of a member: a lie ends in a CRC error)."""
    members = archive.infolist()
    if len(members) > limits.max_docx_parts:
        raise DocxBombError(f"it holds {len(members):,} parts, more than the limit of {limits.max_docx_parts:,}", name)
    declared = sum(info.file_size for info in members if info.filename.endswith((".xml", ".rels")))
    if declared > limits.max_docx_xml_bytes:
        raise DocxBombError(f"its XML parts expand to {declared / 2**20:,.0f} MB, past the limit of "
                            f"{limits.max_docx_xml_mb:g} MB (a zip bomb?); raise max_docx_xml_mb if the document "
                            "is genuine", name)


def _main_part(archive: zipfile.ZipFile, name: str) -> str:
    """The main document part named by the package relationships (word/document.xml as a rule)."""
    from lxml import etree

    try:
        rels = etree.fromstring(archive.read("_rels/.rels"), etree.XMLParser(resolve_entities=False, no_network=True))
    except KeyError as error:
        raise CorruptDocxError("not a readable .docx (no package relationships)", name) from error
    for rel in rels.iter(REL + "Relationship"):
        if (rel.get("Type") or "").endswith(OFFICE_DOCUMENT):
            return posixpath.normpath(rel.get("Target", "").lstrip("/"))
    raise CorruptDocxError("not a readable .docx (no main document part)", name)


def _run_text(run) -> Iterator[str]:
    for child in run:
        tag = child.tag
        if tag == W + "t":
            yield child.text or ""
        elif tag == W + "br":
            yield "\n" if child.get(W + "type", "textWrapping") == "textWrapping" else ""
        elif tag in _RUN_TEXT:
            yield _RUN_TEXT[tag]


def paragraph_text(paragraph) -> str:
    """Runs and hyperlinked runs, as python-docx's Paragraph.text reads them."""
    parts: list[str] = []
    for child in paragraph:
        if child.tag == W + "r":
            parts.extend(_run_text(child))
        elif child.tag == W + "hyperlink":
            for run in child.iterchildren(W + "r"):
                parts.extend(_run_text(run))
    return "".join(parts)


def _table_lines(table) -> Iterator[str]:
    """A data table one row per line, its cells joined by tabs (pipeline/docx_tables.py); a table
    that only lays out prose, each cell's paragraphs once, in row order: a cell spanning columns is
    one element, and a vertically merged cell continues the one above it."""
    if is_data_table(table, paragraph_text):
        yield from table_rows(table, paragraph_text)
        return
    for row in table.iterchildren(W + "tr"):
        for cell in row.iterchildren(W + "tc"):
            merge = cell.find(f"{W}tcPr/{W}vMerge")
            if merge is not None and merge.get(W + "val", "continue") == "continue":
                continue
            yield from (paragraph_text(p) for p in cell.iterchildren(W + "p"))


def _body_lines(stream: IO[bytes], name: str) -> Iterator[str]:
    from lxml import etree

    events = etree.iterparse(stream, events=("start", "end"), resolve_entities=False, no_network=True,
                             load_dtd=False, huge_tree=False, remove_comments=True)
    depth = 0
    for event, element in events:
        if event == "start":
            if depth == 0 and element.getroottree().docinfo.internalDTD is not None:
                raise CorruptDocxError("not a readable .docx (its XML declares entities, which Word never writes)", name)
            depth += 1
            continue
        depth -= 1
        if depth != 2 or element.getparent() is None or element.getparent().tag != W + "body":
            continue
        if element.tag == W + "p":
            yield paragraph_text(element)
        elif element.tag == W + "tbl":
            yield from _table_lines(element)
        element.clear()
        while element.getprevious() is not None:  # the blocks read so far leave memory
            del element.getparent()[0]


def read_docx_text(data: bytes, name: str, limits: Limits | None = None) -> str:
    """Paragraphs and table cells of a .docx in document order, one per line, never expanding more
    than `max_docx_xml_mb` of XML; raises CorruptDocxError or DocxBombError."""
    return "\n".join(read_docx_paragraphs(data, name, limits))


def read_docx_paragraphs(data: bytes, name: str, limits: Limits | None = None) -> list[str]:
    """The paragraphs of a .docx as Word numbers them, body paragraphs and the paragraphs of table
    cells in document order (a paragraph may hold a line break); read_docx_text joins them."""
    from lxml import etree

    limits = limits or current_limits()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_archive(archive, name, limits)
            budget = [limits.max_docx_xml_bytes]
            part = _main_part(archive, name)
            with archive.open(part) as member:
                stream = io.BufferedReader(_Bounded(member, budget, name, limits.max_docx_xml_mb), READ_CHUNK)
                return list(_body_lines(stream, name))
    except CorruptDocxError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, OSError, EOFError,
            NotImplementedError, RuntimeError, etree.LxmlError) as error:
        raise CorruptDocxError(f"not a readable .docx ({error.__class__.__name__})", name) from error
