"""The outputs of `run`, fed one finished file at a time: records, findings, facts, the table's rows and what the workbook and report need."""

from __future__ import annotations

import json
import pickle
import tempfile
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from typing import Callable, Iterator

from pipeline.atomic import atomic_path
from pipeline.engine import FileResult
from pipeline.schema import Record
from pipeline.table import CSV_ENCODING, FactsCsv, fact_rows, record_row

SPOOL_CHUNK = 2_000  # rows pickled at once into a RowSpool


class RowSpool:
    """Sheet rows parked in an unnamed temporary file until the workbook is written."""

    def __init__(self, folder: Path) -> None:
        self._disk = tempfile.TemporaryFile(prefix=".rows-", dir=folder)
        self._chunk: list[list] = []

    def add(self, rows) -> None:
        self._chunk.extend(rows)
        if len(self._chunk) >= SPOOL_CHUNK:
            self._flush()

    def _flush(self) -> None:
        if self._chunk:
            pickle.dump(self._chunk, self._disk, protocol=pickle.HIGHEST_PROTOCOL)
            self._chunk = []

    def __iter__(self) -> Iterator[list]:
        self._flush()
        self._disk.seek(0)
        while True:
            try:
                chunk = pickle.load(self._disk)
            except EOFError:
                return
            yield from chunk

    def close(self) -> None:
        self._disk.close()


class StreamedOutputs:
    """records.jsonl, findings.jsonl, facts.csv and facts.parquet written as files come, each replacing the old
    file only on commit (abort leaves the old ones); for the table, workbook and report written
    after, a table row and a short summary (a few KB) per summary kept in memory, the sheet rows on disk."""

    def __init__(self, out: Path, workbook: bool, report: bool, parquet: bool = False, lang: str = "en",
                 facts_first: bool = False) -> None:
        self._files, self._spools = ExitStack(), ExitStack()
        # facts.csv, facts.parquet and the Facts sheet's rows owe nothing to the batch findings: with
        # facts_first they are written by add_facts as each file arrives (while the workers run), not by add
        self.facts_first = facts_first
        self.rows: list[dict] = []  # record_row of each summary, in batch order
        self.positions: list[tuple[int, int]] = []  # (file index, record index) of each summary
        self.severity: Counter = Counter()
        self.summaries: list | None = [] if report else None  # DocumentSummary of each summary
        self.marks: dict[str, list] | None = {} if workbook else None  # doc_id -> its finding marks, if any
        self.finding_rows = self.fact_rows = None
        self.lang = lang  # of the workbook's finding rows and comments
        self._jsons: dict[int, tuple[Record, str]] = {}  # the JSON written of each record of the last file
        if report:  # pipeline.report is optional: imported only when its writers are there
            from pipeline.report.overview import DocumentSummary

            self._summarise = DocumentSummary.of
        if workbook:
            from pipeline.i18n import finding_message
            from pipeline.report.excel import finding_marks, finding_rows

            self._finding_marks, self._sheet_findings, self._message = finding_marks, finding_rows, finding_message
        try:
            self._records = self._open(out / "records.jsonl")
            self._findings = self._open(out / "findings.jsonl")
            self._facts = FactsCsv(self._open(out / "facts.csv", newline="", encoding=CSV_ENCODING))
            self._facts_parquet = self._open_parquet(out / "facts.parquet") if parquet else None
            if workbook:
                self.finding_rows = RowSpool(out)
                self._spools.callback(self.finding_rows.close)
                self.fact_rows = RowSpool(out)
                self._spools.callback(self.fact_rows.close)
        except BaseException as error:
            self.abort(error)
            raise

    def _open(self, path: Path, newline: str = "\n", encoding: str = "utf-8"):
        temporary = self._files.enter_context(atomic_path(path))
        return self._files.enter_context(temporary.open("w", encoding=encoding, newline=newline))

    def _open_parquet(self, path: Path):
        from pipeline.parquet import FactsParquet

        writer = FactsParquet(self._files.enter_context(atomic_path(path)))
        self._files.callback(writer.close)  # before the file is moved in (or thrown away)
        return writer

    def add(self, index: int, result: FileResult) -> FileResult:
        """Write the final records of the index-th file; returns the result (the store takes it next)."""
        records = result.records
        self._jsons = {}
        for number, record in enumerate(records):
            line = record.to_json()
            self._jsons[id(record)] = (record, line)
            self._records.write(line + "\n")
            for f in record.findings:
                self._findings.write(json.dumps({"doc_id": record.doc_id, "source": record.source, **f.model_dump()},
                                                ensure_ascii=False) + "\n")
                self.severity[f.severity] += 1
            row = record_row(record)
            self.rows.append(row)
            self.positions.append((index, number))
            if self.summaries is not None:
                self.summaries.append(self._summarise(record, row))
            if self.marks is not None:  # each message made once, for the marks' comments and the Findings sheet
                messages = [self._message(f, self.lang) for f in record.findings]
                marks = self._finding_marks(record, self.lang, messages)
                if marks:
                    self.marks[record.doc_id] = marks
                self.finding_rows.add(self._sheet_findings(record, self.lang, messages))
        if not self.facts_first:
            self.add_facts(records)
        return result

    def add_facts(self, records) -> None:
        """One file's facts into facts.csv, facts.parquet and the Facts sheet's rows, in batch order."""
        rows = list(fact_rows(records))  # made once for the three
        self._facts.add_rows(rows)
        if self._facts_parquet is not None:
            self._facts_parquet.add_rows(rows)
        if self.fact_rows is not None:
            self.fact_rows.add(rows)

    def json_of(self, record: Record) -> str:
        """The record's JSON: as written to records.jsonl when it is of the last file added, else made anew."""
        found = self._jsons.get(id(record))
        return found[1] if found is not None and found[0] is record else record.to_json()

    def commit(self) -> None:
        """The streamed files replace the old ones; the sheet rows stay until close()."""
        self._files.close()

    def abort(self, error: BaseException) -> None:
        """Nothing streamed replaces an old file; the sheet rows are gone."""
        self._files.__exit__(type(error), error, error.__traceback__)
        self.close()

    def close(self) -> None:
        self._spools.close()


class LateOutputs:
    """StreamedOutputs whose facts come first, opened (by `make`) with the first file's facts: after
    the worker processes are started and the models loaded, so that the workers do not inherit
    the writers' libraries nor the loading meet their address space."""

    def __init__(self, make: Callable[[], StreamedOutputs]) -> None:
        self._make = make
        self._outputs: StreamedOutputs | None = None

    def opened(self) -> StreamedOutputs:
        if self._outputs is None:
            self._outputs = self._make()
        return self._outputs

    def add_facts(self, records) -> None:
        self.opened().add_facts(records)

    def abort(self, error: BaseException) -> None:
        if self._outputs is not None:
            self._outputs.abort(error)
