"""A large batch in bounded memory: records wait on disk while the cross-document findings run on small views."""

from __future__ import annotations

import pickle
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator

from pipeline.checks import CheckConfig, batch_view
from pipeline.checks.copies import CopyView
from pipeline.checks.series_values import series_values
from pipeline.engine import FileResult
from pipeline.process import ProcessedFile, add_findings, batch_extras
from pipeline.schema import Finding, Record


@dataclass(frozen=True)
class _Entry:
    """One file of the batch as kept in memory: its result without records, where they lie on
    disk, their batch views and the file's text (which the batch findings and the report read)."""

    result: FileResult
    offset: int | None = None
    views: tuple[CopyView, ...] = ()
    text: str | None = None


class ParkedBatch:
    """The files of a run in input order. `add` parks each file's records in an unnamed temporary
    file (gone when closed, or when the process dies) and keeps its batch view (about 4 KB per
    summary) and the text; `finish` computes the batch findings; `results` gives each file back with
    its final records, one at a time."""

    def __init__(self, folder: Path | None = None) -> None:
        self._disk = tempfile.TemporaryFile(prefix=".records-", dir=folder)
        self._entries: list[_Entry] = []
        self._extras: list[list[list[Finding]]] | None = None
        self.series_rows: list[dict] = []  # per summary in batch order: the table's series columns

    def __enter__(self) -> ParkedBatch:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._disk.close()

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, result: FileResult) -> None:
        """Park one file's result; a batch takes no more files once finished."""
        if self._extras is not None:
            raise RuntimeError("the batch is finished: no file can be added")
        if result.file is None:
            self._entries.append(_Entry(result))
            return
        records = result.file.records
        self._disk.seek(0, 2)
        offset = self._disk.tell()
        pickle.dump(records, self._disk, protocol=pickle.HIGHEST_PROTOCOL)
        self._entries.append(_Entry(replace(result, file=None), offset, tuple(batch_view(r) for r in records),
                                    result.file.text))

    def finish(self, config: CheckConfig | None = None, history=None) -> None:
        """The cross-document findings of every readable file, over the views (history: the
        store's earlier summaries, pipeline.checks.History)."""
        readable = [entry for entry in self._entries if entry.offset is not None]
        found = iter(batch_extras([(entry.views, entry.text) for entry in readable], config, history=history))
        self.series_rows = series_values([(view, entry.text) for entry in readable for view in entry.views], history)
        self._extras = [next(found) if entry.offset is not None else [] for entry in self._entries]

    def document_counts(self) -> list[int]:
        """The number of documents of each file, in input order."""
        return [len(entry.views) for entry in self._entries]

    def statuses(self) -> Iterator[FileResult]:
        """Each file's result without its records (status, source, error), in input order."""
        return (entry.result for entry in self._entries)

    def result(self, index: int) -> FileResult:
        """The result of the index-th file with its final records (batch findings added)."""
        if self._extras is None:
            raise RuntimeError("the batch is not finished: call finish() first")
        entry = self._entries[index]
        if entry.offset is None:
            return entry.result
        self._disk.seek(entry.offset)
        records: tuple[Record, ...] = pickle.load(self._disk)
        final = tuple(add_findings(record, extra) for record, extra in zip(records, self._extras[index]))
        return replace(entry.result, file=ProcessedFile(entry.result.path, entry.text, final))

    def results(self) -> Iterator[FileResult]:
        """Every file's final result, in input order, one at a time."""
        for index in range(len(self._entries)):
            yield self.result(index)
