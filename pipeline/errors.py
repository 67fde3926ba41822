"""Coded errors of Petition Miner: every message names the file and says what to do."""

from __future__ import annotations

from pathlib import Path


class PetitionMinerError(Exception):
    """Base class; `code` is stable, `str()` is the one-line message shown to users."""

    code = "E000"

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.message = message
        super().__init__(self.format())

    def format(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.message} [{self.code}]"


class InputError(PetitionMinerError):
    """A source file cannot be read as a summary (missing, empty, binary, undecodable)."""

    code = "E100"


class MissingPathError(InputError):
    code = "E101"


class EmptyFileError(InputError):
    code = "E102"


class BinaryFileError(InputError):
    code = "E103"


class DecodeError(InputError):
    code = "E104"


class UnsupportedFormatError(InputError):
    code = "E105"


class CorruptDocxError(InputError):
    code = "E106"


class NotRegularFileError(InputError):
    """A FIFO, a device, a socket or a symbolic link loop: only regular files are read."""

    code = "E107"


class TooLargeError(InputError):
    """A file past the input size limit (`max_file_mb`)."""

    code = "E108"


class DocxBombError(CorruptDocxError):
    """A .docx whose parts expand past `max_docx_xml_mb` (a zip bomb) or hold too many parts."""

    code = "E109"


class SummaryTooLongError(InputError):
    """A summary longer than `max_summary_chars`."""

    code = "E110"


class MojibakeError(DecodeError):
    """The bytes decode, but into characters no summary holds: the encoding was guessed wrong."""

    code = "E111"


class WorkerDiedError(InputError):
    """The worker process that held the file died (a signal, the kernel's out-of-memory killer)."""

    code = "E112"


class OutOfMemoryError(InputError):
    """The file needed more memory than the worker's ceiling (`worker_memory_mb`)."""

    code = "E113"


class CorruptPdfError(InputError):
    """Not a readable PDF: truncated, malformed, or a structure the PDF reader cannot follow."""

    code = "E114"


class ScannedPdfError(InputError):
    """A PDF without a text layer (a scan): its pages hold pictures of text, which only OCR reads."""

    code = "E115"


class EncryptedPdfError(InputError):
    """A PDF that needs a password to open."""

    code = "E116"


class PdfTooLongError(InputError):
    """A PDF with more pages than `max_pdf_pages`."""

    code = "E117"


class ConverterMissingError(InputError):
    """What a format needs is not installed: LibreOffice (`soffice`) for .doc and .wps, pdfplumber for PDF."""

    code = "E118"


class ConversionError(InputError):
    """LibreOffice could not convert a .doc or .wps file (corrupt, or past `office_timeout_s`)."""

    code = "E119"


class ResourceError(PetitionMinerError):
    """A language resource file (YAML under pipeline/resources) is missing or invalid."""

    code = "E200"


class ModelError(PetitionMinerError):
    """A trained model is missing or corrupt; the fix is `petition-miner train`."""

    code = "E300"


class ConfigError(PetitionMinerError):
    """A configuration file or option is invalid."""

    code = "E400"


class NoInputError(ConfigError):
    """None of the paths given to a batch exists or holds a summary file: nothing is touched."""

    code = "E401"


class AliasTableError(ConfigError):
    """The township alias table (townships.csv, --townships) cannot be read: no such file, not
    CSV with the columns name and alias, an empty cell."""

    code = "E410"


class HistoryStoreError(ConfigError):
    """The store given as a township's history (check --history) cannot be read: no such file, not a
    DuckDB file, not a Petition Miner store."""

    code = "E420"


class CorrectionsError(ConfigError):
    """A corrections file (corrections.yaml / .csv, a baseline, an imported annotation file)
    cannot be read or holds an invalid entry; the message names the file and the entry."""

    code = "E421"


class OutputError(PetitionMinerError):
    """An output could not be written (disk full, no permission, ...); the old outputs stay."""

    code = "E500"


class OutputLockedError(OutputError):
    """Another run is writing to the same output folder."""

    code = "E501"


class StoreError(OutputError):
    """The DuckDB store could not be written; it keeps its previous content."""

    code = "E502"
