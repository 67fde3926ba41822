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


class ResourceError(PetitionMinerError):
    """A language resource file (YAML under pipeline/resources) is missing or invalid."""

    code = "E200"


class ModelError(PetitionMinerError):
    """A trained model is missing or corrupt; the fix is `petition-miner train`."""

    code = "E300"


class ConfigError(PetitionMinerError):
    """A configuration file or option is invalid."""

    code = "E400"
