"""A baseline of accepted findings: written once, then only findings not in it are reported."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pipeline.atomic import write_text
from pipeline.errors import CorrectionsError
from pipeline.schema import Finding

CONTEXT = 16  # characters either side of a finding's span that locate it in an edited file


class BaselineEntry(BaseModel):
    """One accepted finding: the file's content hash, the rule, the span and its text with a little
    context (so that a finding is still known after the file was edited elsewhere)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: str = Field(pattern=r"^[0-9a-f]{64}$")
    source: str | None = None
    rule: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    surface: str
    before: str = ""
    after: str = ""

    def exact(self) -> tuple:
        return (self.file, self.rule, self.start, self.end)

    def loose(self) -> tuple[tuple, tuple]:
        """The rule and text with the context before, and with the context after."""
        return (self.rule, self.before, self.surface, ""), (self.rule, "", self.surface, self.after)


class Baseline(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int = 1
    findings: tuple[BaselineEntry, ...] = ()


def entry_of(finding: Finding, text: str, digest: str, source: str | None = None) -> BaselineEntry:
    return BaselineEntry(file=digest, source=source, rule=finding.rule, start=finding.start, end=finding.end,
                         surface=text[finding.start:finding.end],
                         before=text[max(0, finding.start - CONTEXT):finding.start],
                         after=text[finding.end:finding.end + CONTEXT])


def write_baseline(entries: Iterable[BaselineEntry], path: Path) -> int:
    """Write the baseline atomically (sorted, so that it diffs well); returns how many findings."""
    ordered = sorted(set(entries), key=lambda e: (e.source or "", e.file, e.start, e.end, e.rule))
    write_text(path, Baseline(findings=tuple(ordered)).model_dump_json(indent=1, exclude_none=True) + "\n")
    return len(ordered)


def read_baseline(path: Path) -> Baseline:
    try:
        return Baseline.model_validate_json(path.read_bytes())
    except FileNotFoundError as error:
        raise CorrectionsError("no such baseline file; write one with check --write-baseline", path) from error
    except OSError as error:
        raise CorrectionsError(f"cannot be read ({error.strerror or error})", path) from error
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        entry = f"entry {first['loc'][1] + 1}: " if len(first["loc"]) > 1 and first["loc"][0] == "findings" \
            and isinstance(first["loc"][1], int) else ""
        raise CorrectionsError(f"is no findings baseline ({entry}{where}: {first['msg']}); write one with "
                               "check --write-baseline", path) from error


class BaselineFilter:
    """Whether a finding is in the baseline: the same file, rule and span; or, in a file whose bytes
    the baseline does not know (it was edited), the same rule and text with the same context on one side."""

    def __init__(self, baseline: Baseline) -> None:
        self._exact = {entry.exact() for entry in baseline.findings}
        self._hashes = {entry.file for entry in baseline.findings}
        self._loose = {key for entry in baseline.findings for key in entry.loose()}

    def known(self, finding: Finding, text: str, digest: str) -> bool:
        entry = entry_of(finding, text, digest)
        if digest in self._hashes:
            return entry.exact() in self._exact
        return any(key in self._loose for key in entry.loose())
