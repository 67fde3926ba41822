"""Reads source files: decode, length-preserving normalisation, split into Documents."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from pipeline.fold import fold
from pipeline.errors import (
    BinaryFileError,
    CorruptDocxError,
    DecodeError,
    EmptyFileError,
    InputError,
    MissingPathError,
    UnsupportedFormatError,
)
from pipeline.language import detect_language
from pipeline.lexicon import ResourceModel, load_resource

TITLE_MAX_CHARS = 120  # a title line is no longer than this
SUPPORTED_SUFFIXES = (".txt", ".docx", ".text")
# Found in folders so that they are reported as unsupported rather than silently skipped.
REPORTED_SUFFIXES = (".doc", ".wps", ".pdf")
# Encodings a detector may propose for a summary that is neither UTF-8 nor GB18030; anything
# else (Korean for short GBK text, Cyrillic code pages for random bytes) is a misreading.
TRUSTED_GUESSES = ("big5", "big5hkscs", "cp950", "cp1252", "latin_1", "iso8859_1", "ascii",
                   "utf_16", "utf_16_le", "utf_16_be", "utf_32")
# Bytes that are at least this share ASCII, not UTF-8, are read as cp1252 before GB18030: a Chinese
# file is mostly multi-byte characters, an English translation mostly ASCII.
WESTERN_ASCII_SHARE = 0.8
_NORMALISE_TABLE = {
    **{0xFF10 + i: ord("0") + i for i in range(10)},
    **{0xFF21 + i: ord("A") + i for i in range(26)},
    **{0xFF41 + i: ord("a") + i for i in range(26)},
    0xFF05: ord("%"),
    0xFF0E: ord("."),
    0x000D: ord("\n"),
}


class LinePattern(ResourceModel):
    pattern: str
    example: str


class DocumentCues(ResourceModel):
    split_markers: tuple[LinePattern, ...]
    title_lines: tuple[LinePattern, ...]
    debris_lines: tuple[LinePattern, ...]
    site_suffix: LinePattern | None = None


@dataclass(frozen=True)
class Document:
    """One summary: its span in the file text, with the file text kept for slicing."""

    doc_id: str
    source: str
    part: int
    start: int
    end: int
    file_text: str
    language: str
    title: str | None
    file_view: str = ""  # file_text with traditional characters folded (same length), for matching

    @property
    def text(self) -> str:
        return self.file_text[self.start : self.end]

    @property
    def file_match(self) -> str:
        """The whole file's matching view (folded), same offsets as file_text."""
        return self.file_view or self.file_text

    @property
    def view(self) -> str:
        return self.file_match[self.start : self.end]


@dataclass(frozen=True)
class SourceText:
    """A decoded, normalised file and the summaries it holds."""

    source: str
    text: str
    encoding: str
    documents: tuple[Document, ...]


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str


def normalise(text: str) -> str:
    """Full-width digits, letters, ％ and ． to ASCII, CR to LF: one character for one."""
    return text.translate(_NORMALISE_TABLE)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text has its NUL bytes (from ASCII and line ends) all on one parity."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
    total = even_nuls + odd_nuls
    if total == 0:
        return None
    for count, encoding in ((odd_nuls, "utf-16-le"), (even_nuls, "utf-16-be")):
        if count / total >= 0.75:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return "\x00" in text or controls > max(2, len(text[:4096]) // 100)


def _detect(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    for match in from_bytes(data):
        encoding = codecs.lookup(match.encoding).name.replace("-", "_")
        if encoding in TRUSTED_GUESSES:
            return str(match), match.encoding
    return None


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Decode file bytes: BOM, UTF-16 without BOM, UTF-8, GB18030, then a guarded detector."""
    if not data.strip():
        raise EmptyFileError("file is empty", path)
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="strict"), encoding, path)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _checked(utf16, "utf-16", path)
    if b"\x00" in data:
        raise BinaryFileError("file is binary (NUL bytes), not a text summary", path)
    for encoding in ("utf-8", *(("cp1252",) if _western(data) else ()), "gb18030"):
        try:
            return _checked(data.decode(encoding), encoding, path)
        except UnicodeDecodeError:
            continue
    detected = _detect(data)
    if detected is None:
        raise DecodeError("bytes are not UTF-8, GB18030 or UTF-16 and no encoding fits them; "
                          "save the file as UTF-8", path)
    return _checked(*detected, path)


def _western(data: bytes) -> bool:
    """Mostly ASCII with a few other bytes and no GBK character among them: an English file saved
    by Windows (cp1252 curly quotes and dashes, 0x80-0x9F), which GB18030 would read as stray
    Chinese characters (town’s -> town抯). GBK writes its punctuation and characters as two bytes
    from 0xA1 up (“ is A1B0), which cp1252 text seldom has side by side."""
    if sum(byte < 0x80 for byte in data) < WESTERN_ASCII_SHARE * len(data):
        return False
    return not any(first >= 0xA1 and second >= 0xA1 for first, second in zip(data, data[1:]))


def _checked(text: str, encoding: str, path: str) -> tuple[str, str]:
    if _looks_binary(text):
        raise BinaryFileError("file is binary (control characters), not a text summary", path)
    if not text.strip():
        raise EmptyFileError("file holds no text", path)
    return text, encoding


def read_docx_text(path: Path | bytes, name: str | None = None) -> str:
    """Paragraphs and table cells of a .docx (a path or its bytes) in document order, one per line."""
    import io
    import zipfile

    name = name or str(path)

    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(path) if isinstance(path, bytes) else str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise CorruptDocxError(f"not a readable .docx ({exc.__class__.__name__})", name) from exc
    except Exception as exc:  # python-docx raises bare library errors on broken parts
        raise CorruptDocxError(f"not a readable .docx ({exc.__class__.__name__})", name) from exc
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            lines.extend(_table_lines(Table(block, document)))
    return "\n".join(lines)


def _table_lines(table) -> Iterator[str]:
    seen: list = []  # merged cells repeat the same XML element; keep the elements alive
    for row in table.rows:
        for cell in row.cells:
            if any(cell._tc is element for element in seen):
                continue
            seen.append(cell._tc)
            yield from (paragraph.text for paragraph in cell.paragraphs)


def read_file_text(path: Path) -> tuple[str, str]:
    """The normalised text of one file and how it was decoded."""
    name = str(path)
    if not path.exists():
        raise MissingPathError("no such file or directory", name)
    if path.is_dir():
        raise UnsupportedFormatError("is a directory; pass it to a batch command", name)
    _refuse_reported(path.suffix.lower(), name)
    return read_bytes_text(path.read_bytes(), name)


def _refuse_reported(suffix: str, name: str) -> None:
    if suffix in REPORTED_SUFFIXES:
        raise UnsupportedFormatError(f"{suffix} files are not supported; save the summary as .docx or .txt", name)


def read_bytes_text(data: bytes, name: str) -> tuple[str, str]:
    """The normalised text of one file's bytes (the format from the suffix of `name`) and how it was decoded."""
    suffix = Path(name).suffix.lower()
    _refuse_reported(suffix, name)
    if suffix == ".docx":
        text = read_docx_text(data, name)
        if not text.strip():
            raise EmptyFileError(".docx holds no text", name)
        return normalise(text), "docx"
    text, encoding = decode_bytes(data, name)
    return normalise(text), encoding


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    cues = load_resource("common", "documents", DocumentCues)
    join = lambda entries: re.compile("|".join(f"(?:{e.pattern})" for e in entries))  # noqa: E731
    suffix = re.compile(cues.site_suffix.pattern if cues.site_suffix else "(?!)")
    return join(cues.split_markers), join(cues.title_lines), join(cues.debris_lines), suffix


def is_split_marker(line: str) -> bool:
    """Whether a stripped line opens a new summary ("Article 1:", 篇二)."""
    return bool(_cues()[0].search(line))


def _lines(text: str) -> list[_Line]:
    lines, offset = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + raw.index(stripped[0])
            lines.append(_Line(start, start + len(stripped), stripped))
        offset += len(raw) + 1
    return lines


def _trim_debris(lines: list[_Line], debris: re.Pattern[str]) -> list[_Line]:
    begin, end = 0, len(lines)
    while begin < end and debris.search(lines[begin].text):
        begin += 1
    while end > begin and debris.search(lines[end - 1].text):
        end -= 1
    return lines[begin:end]


def _split_points(lines: list[_Line]) -> list[int]:
    """Indices of lines that open a summary."""
    marker, title, _, _ = _cues()
    markers = [i for i, line in enumerate(lines) if marker.search(line.text)]
    if markers:
        return markers
    titles = [i for i, line in enumerate(lines) if _is_title(line.text)]
    bounds = titles + [len(lines)]
    substantial = [i for n, i in enumerate(titles) if _body_length(lines, i, bounds[n + 1]) >= 300]
    if len(substantial) >= 2:
        return substantial
    return titles[:1] if titles else []


def _is_title(line: str) -> bool:
    return _title_of(line) is not None


def _title_of(line: str) -> str | None:
    """The title a line holds: the whole line, or the line without a website's suffix
    (青山乡2018年信访工作总结_工作总结_范文大全网); None when it is no title."""
    if len(line) > TITLE_MAX_CHARS:
        return None
    _, title, _, suffix = _cues()
    stripped = line.strip("【】[] ")
    for candidate in (suffix.sub("", stripped).strip("【】[] "), stripped):
        if candidate and title.search(candidate):
            return candidate
    return None


def _body_length(lines: list[_Line], index: int, stop: int) -> int:
    return sum(len(line.text) for line in lines[index + 1 : stop])


def split_summaries(text: str) -> list[tuple[int, int, str | None]]:
    """(start, end, title) of each summary in a file text; debris lines belong to none."""
    debris = _cues()[2]
    lines = _trim_debris(_lines(text), debris)
    if not lines:
        return []
    points = _split_points(lines)
    preamble = lines[: points[0]] if points else []
    if points and sum(len(line.text) for line in preamble) >= 300 and len(points) == 1:
        points = [0, *points]
    if not points:
        points = [0]
    spans = []
    for number, index in enumerate(points):
        last = points[number + 1] - 1 if number + 1 < len(points) else len(lines) - 1
        head = lines[index]
        title = _title_of(head.text)
        if title is None and is_split_marker(head.text) and index < last:
            title = _title_of(lines[index + 1].text)  # 篇一 / Article 1:, then the summary's title
        spans.append((head.start, lines[last].end, title))
    return spans


def _original(text: str, view: str, start: int, found: str | None) -> str | None:
    """A title found in the folded view, as written in the file."""
    if found is None:
        return None
    at = view.find(found, start)
    return text[at : at + len(found)] if at >= 0 else found


def load_source(path: Path, source: str | None = None, data: bytes | None = None) -> SourceText:
    """Read one file (or its bytes, already read) into its Documents (raises InputError subclasses on bad input)."""
    name = source or str(path)
    if data is None:
        text, encoding = read_file_text(path)
    else:
        text, encoding = read_bytes_text(data, name)
    view = fold(text)
    spans = split_summaries(view)
    if not spans:
        raise EmptyFileError("file holds no summary text", name)
    stem = Path(name).stem
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


def iter_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files under the given paths, directories recursively in sorted order; missing paths too."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES + REPORTED_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            yield path


__all__ = [
    "Document",
    "SourceText",
    "InputError",
    "decode_bytes",
    "iter_paths",
    "load_source",
    "normalise",
    "read_bytes_text",
    "read_file_text",
    "split_summaries",
]
