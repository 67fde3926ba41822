"""Corrections applied to a batch's results as they are read back, with the warnings of stale entries."""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePath
from typing import Callable, Iterator

from pipeline.checks import CheckConfig
from pipeline.corrections.apply import Outcome, correct_file
from pipeline.corrections.model import CorrectionsFile, entry_label
from pipeline.engine import FileResult
from pipeline.process import ProcessedFile


class CorrectedResults:
    """Each file's result with its corrections applied (pure, in the parent process, so whatever ran
    the extraction: one process, workers, Dask, or the store's unchanged records)."""

    def __init__(self, corrections: CorrectionsFile, config: CheckConfig | None = None) -> None:
        self.corrections = corrections
        self.config = config
        self.outcome = Outcome()
        self._hashes: set[str] = set()
        self._sources: set[str] = set()

    def correct(self, result: FileResult) -> FileResult:
        if result.file is None or not self.corrections.entries:
            return result
        return replace(result, file=self.correct_processed(result.file, result.content_hash, result.source))

    def correct_processed(self, processed: ProcessedFile, digest: str | None, source: str) -> ProcessedFile:
        """One processed file (its bytes' sha256 `digest`) with its entries applied."""
        if not self.corrections.entries:
            return processed
        self._hashes.add(digest or "")
        self._sources.add(PurePath(source).name)
        records = correct_file(processed.records, processed.text, digest, self.corrections, self.config,
                               self.outcome)
        return ProcessedFile(processed.path, processed.text, records)

    def warnings(self) -> list[str]:
        """One line per stale entry: its text changed, or what it named is gone; an entry whose file
        was seen under its old name (the same file name) but with other bytes is stale too."""
        stale = dict(self.outcome.stale)
        for index, entry in enumerate(self.corrections.entries):
            if entry.file not in self._hashes and entry.source and PurePath(entry.source).name in self._sources:
                stale[index] = f"{entry.source} has changed since the entry was written"
        return [f"stale correction {entry_label(index, self.corrections.entries[index])}: {why}; "
                "it was not applied, fix or delete it" for index, why in sorted(stale.items())]


class CorrectedBatch:
    """A finished ParkedBatch read back through the corrections (what `run` and `extract` write)."""

    def __init__(self, parked, corrected: CorrectedResults) -> None:
        self._parked, self._corrected = parked, corrected

    def statuses(self):
        return self._parked.statuses()

    def document_counts(self) -> list[int]:
        return self._parked.document_counts()

    @property
    def series_rows(self) -> list[dict]:
        """The table's series columns of each summary (pipeline.batch), as the batch found them."""
        return self._parked.series_rows

    def result(self, index: int) -> FileResult:
        return self._corrected.correct(self._parked.result(index))

    def results(self) -> Iterator[FileResult]:
        for index in range(len(self._parked)):
            yield self.result(index)


def corrected_settings(settings: str | None, corrections: CorrectionsFile) -> Callable[[str | None], str] | None:
    """The store's settings key of each file (a function of its content hash), holding the digest of
    the entries about that file: stored records are written corrected, so a file whose entries
    changed is processed again, and the others are reused."""
    if settings is None:
        return None
    from pipeline.corrections.files import corrections_digest

    by_file: dict[str, list] = {}
    for entry in corrections.entries:
        by_file.setdefault(entry.file, []).append(entry)

    def key(digest: str | None) -> str:
        entries = by_file.get(digest or "")
        return f"{settings}+corrections:{corrections_digest(CorrectionsFile(entries=tuple(entries)))}" \
            if entries else settings

    return key
