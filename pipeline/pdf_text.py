"""The text layer of a PDF (pdfplumber): reading order, no running headers or page numbers, wrapped lines joined, ruled tables as tab-separated rows."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from statistics import median
from typing import Iterator, Sequence, Union

from pipeline.errors import (
    ConverterMissingError,
    CorruptPdfError,
    EmptyFileError,
    EncryptedPdfError,
    PdfTooLongError,
    ScannedPdfError,
)
from pipeline.lexicon import ResourceModel, load_resource
from pipeline.line_join import join_lines
from pipeline.limits import Limits, current_limits

_DIGITS = re.compile(r"\d+")
_ENCRYPTED = ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning")


class PagePattern(ResourceModel):
    pattern: str
    example: str


class PdfCues(ResourceModel):
    page_numbers: tuple[PagePattern, ...]
    edge_lines: int
    edge_gap: float
    repeat_share: float
    wrap_slack_chars: float
    indent_chars: float
    hyphens: str


@dataclass(frozen=True)
class Line:
    """One line of text on a page: its position (points from the page's top-left) and characters."""

    top: float
    x0: float
    x1: float
    text: str
    char_width: float


@dataclass(frozen=True)
class TableBlock:
    """A ruled table on a page: its top and its rows of cell texts ('' for a merged cell)."""

    top: float
    rows: tuple[tuple[str, ...], ...]


Item = Union[Line, TableBlock]


@dataclass(frozen=True)
class Page:
    items: tuple[Item, ...]  # in reading order: top to bottom


@lru_cache(maxsize=1)
def pdf_cues() -> tuple[PdfCues, re.Pattern[str]]:
    cues = load_resource("common", "pdf", PdfCues)
    return cues, re.compile("|".join(f"(?:{p.pattern})" for p in cues.page_numbers))


def _edge_key(line: Line) -> str:
    return _DIGITS.sub("#", line.text.strip())


def _pitch(lines: list[Line]) -> float:
    """The page's line pitch: the smallest distance between the tops of consecutive lines."""
    tops = sorted(line.top for line in lines)
    steps = [b - a for a, b in zip(tops, tops[1:]) if b - a > 0.5 * min(line.char_width for line in lines)]
    return min(steps) if steps else 0.0


def _edges(items: tuple[Item, ...], count: int, gap: float) -> list[int]:
    """Indices of the text lines at the top and at the bottom of a page, `count` of each, that stand
    apart from the body by more than `gap` line pitches (a last line of text is no footer)."""
    lines = [i for i, item in enumerate(items) if isinstance(item, Line)]
    if len(lines) < 2:
        return []
    pitch = _pitch([items[i] for i in lines])
    head = []
    for n, i in enumerate(lines[:count]):
        if any(isinstance(items[j], TableBlock) for j in range(i)) or \
                items[lines[n + 1]].top - items[i].top <= gap * pitch:
            break
        head.append(i)
    tail = []
    for n, i in enumerate(reversed(lines[-count:])):
        position = len(lines) - 1 - n
        if position == 0 or any(isinstance(items[j], TableBlock) for j in range(i + 1, len(items))) or \
                items[i].top - items[lines[position - 1]].top <= gap * pitch:
            break
        tail.append(i)
    return sorted(set(head + tail))


def drop_running_lines(pages: Sequence[Page]) -> list[Page]:
    """The pages without page numbers and without the headers and footers repeated at their edges."""
    cues, page_number = pdf_cues()
    edges = [_edges(page.items, cues.edge_lines, cues.edge_gap) for page in pages]
    seen: dict[str, int] = {}
    for page, indices in zip(pages, edges):
        for key in {_edge_key(page.items[i]) for i in indices}:
            seen[key] = seen.get(key, 0) + 1
    needed = max(2, cues.repeat_share * len(pages))
    kept = []
    for page, indices in zip(pages, edges):
        dropped = {i for i in indices if page_number.search(page.items[i].text.strip())
                   or seen[_edge_key(page.items[i])] >= needed}
        kept.append(Page(tuple(item for i, item in enumerate(page.items) if i not in dropped)))
    return kept


def _margins(page: Page) -> tuple[float, float]:
    lines = [item for item in page.items if isinstance(item, Line)]
    if not lines:
        return 0.0, 0.0
    return min(line.x0 for line in lines), max(line.x1 for line in lines)


def _runs_on(line: Line, right: float, following: Line, left: float, cues: PdfCues) -> bool:
    """Whether a line wraps into the next: it reaches the right edge and the next is not indented."""
    reaches = line.x1 >= right - cues.wrap_slack_chars * line.char_width
    indented = following.x0 >= left + cues.indent_chars * following.char_width
    return reaches and not indented


def compose(pages: Sequence[Page]) -> str:
    """The text of a document's pages: one line per paragraph, one per table row (cells joined by tabs)."""
    cues, _ = pdf_cues()
    pages = drop_running_lines(pages)
    out: list[str] = []
    paragraph: list[str] = []
    previous: tuple[Line, float] | None = None  # the last text line and its page's right edge
    for page in pages:
        left, right = _margins(page)
        for item in page.items:
            if isinstance(item, TableBlock):
                if paragraph:
                    out.append(join_lines(paragraph, cues.hyphens))
                paragraph, previous = [], None
                out.extend("\t".join(cell for cell in row) for row in item.rows)
                continue
            if paragraph and not (previous and _runs_on(previous[0], previous[1], item, left, cues)):
                out.append(join_lines(paragraph, cues.hyphens))
                paragraph = []
            paragraph.append(item.text)
            previous = (item, right)
    if paragraph:
        out.append(join_lines(paragraph, cues.hyphens))
    return "\n".join(line for line in out if line.strip())


# --- reading with pdfplumber -----------------------------------------------------------------


def _inside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _cell(text: str | None, hyphens: str) -> str:
    if not text:
        return ""
    return join_lines(text.replace("\t", " ").split("\n"), hyphens)


def _page_items(page, hyphens: str) -> tuple[Page, int]:
    """A pdfplumber page as Lines and TableBlocks in reading order, and its count of visible characters."""
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    visible = sum(1 for char in page.chars if char.get("text", "").strip())
    text_page = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes)) if boxes else page
    items: list[Item] = []
    for found in text_page.extract_text_lines(strip=True, return_chars=True):
        widths = [c["x1"] - c["x0"] for c in found["chars"] if c.get("text", "").strip()]
        if found["text"].strip():
            items.append(Line(found["top"], found["x0"], found["x1"], found["text"].replace("\t", " "),
                              median(widths) if widths else 1.0))
    for table in tables:
        rows = tuple(tuple(_cell(cell, hyphens) for cell in row) for row in table.extract())
        rows = tuple(row for row in rows if any(row))
        if rows:
            items.append(TableBlock(table.bbox[1], rows))
    items.sort(key=lambda item: (item.top, item.x0 if isinstance(item, Line) else 0.0))
    return Page(tuple(items)), visible


def _failure(error: BaseException) -> str:
    """The names of an exception and of those it was raised from."""
    names = []
    while error is not None and len(names) < 8:
        names.append(error.__class__.__name__)
        error = error.__cause__ or error.__context__
    return " ".join(names)


def _pages(data: bytes, name: str, limits: Limits) -> Iterator[tuple[Page, int, int]]:
    """(page, visible characters, images) of every page; raises the coded errors of a bad PDF."""
    try:
        import pdfplumber
    except ImportError as error:
        raise ConverterMissingError("reading a PDF needs pdfplumber, which is not installed; "
                                    "pip install 'petition-miner[pdf]'", name) from error
    cues, _ = pdf_cues()
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
            if count > limits.max_pdf_pages:
                raise PdfTooLongError(f"{count:,} pages, more than the limit of {limits.max_pdf_pages:,}; "
                                      "split the PDF or raise max_pdf_pages", name)
            for page in pdf.pages:
                items, visible = _page_items(page, cues.hyphens)
                yield items, visible, len(page.images)
                page.close()
    except (PdfTooLongError, MemoryError):
        raise
    except Exception as error:  # noqa: BLE001  pdfminer raises many kinds on malformed input
        chain = _failure(error)
        if any(marker in chain for marker in _ENCRYPTED):
            raise EncryptedPdfError("the PDF is encrypted with a password; save an unprotected copy", name) from error
        raise CorruptPdfError(f"not a readable PDF ({error.__class__.__name__}); open and export it again, "
                              "or pass the .docx it was made from", name) from error


def read_pdf_text(data: bytes, name: str, limits: Limits | None = None) -> str:
    """The text of a PDF's text layer as described above; raises CorruptPdfError, EncryptedPdfError,
    PdfTooLongError, ScannedPdfError (pages of pictures: OCR needed) or EmptyFileError."""
    limits = limits or current_limits()
    pages, visible, images = [], 0, 0
    for page, chars, pictures in _pages(data, name, limits):
        pages.append(page)
        visible += chars
        images += pictures
    if not visible:
        if images:
            raise ScannedPdfError("the PDF has no text layer (a scan: its pages are pictures of text); it needs "
                                  "OCR, which Petition Miner does not do: run OCR on it first, or pass the "
                                  "original .docx", name)
        raise EmptyFileError("the PDF holds no text", name)
    text = compose(pages)
    if not text.strip():
        raise EmptyFileError("the PDF holds only page numbers or running headers", name)
    return text
