"""`petition-miner run`: the batch job over folders of summaries, writing every output."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import time
from collections import Counter, deque
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Callable

import typer
from rich.markup import escape

from cli.common import (Engine, EXIT_ERROR, EXIT_OK, CorrectionsOption, Lang, TownshipsOption, VersionOption,
                        chosen_lang, err_console, refuse_unreadable_batch, report_error)
from cli.run_summary import Note, print_summary
from cli.outputs import LateOutputs, StreamedOutputs
from pipeline.corrections.batch import CorrectedBatch, CorrectedResults, corrected_settings
from pipeline.corrections.files import load_corrections
from pipeline.corrections.model import CorrectionsFile
from pipeline.atomic import write_lines
from pipeline.batch import ParkedBatch
from pipeline.table import write_table_csv
from pipeline.township_aliases import load_aliases
from pipeline.engine import FileResult, process_many
from pipeline.gc_pace import fewer_collections
from pipeline.errors import NoInputError, OutputError, PetitionMinerError
from pipeline.outfolder import OutputFolder, os_error_message
from pipeline.i18n import text
from pipeline.reading import InputFile, iter_inputs

REPORT_LIMIT = 500  # pipeline.report.html.DOCUMENT_VIEWS (that module is optional, so not imported here)


@dataclass
class Batch:
    """A finished batch: each file's result (its records written, not kept) and what the run wrote."""

    results: list[FileResult]  # without their records
    documents: list[int]  # documents of each file
    severity: Counter = field(default_factory=Counter)  # findings by severity
    elapsed: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)  # stage -> seconds, in the order run
    written: dict[str, Path] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)  # (text key of cli.yaml, its fields)
    failed: list[Note] = field(default_factory=list)  # outputs that could not be written

    @property
    def records(self) -> int:
        return sum(self.documents)

    @property
    def errors(self) -> list[FileResult]:
        return [result for result in self.results if result.status == "error"]

    def count(self, status: str) -> tuple[int, int]:
        """(files, documents) with a status."""
        chosen = [n for n, result in enumerate(self.results) if result.status == status]
        return len(chosen), sum(self.documents[n] for n in chosen)


class _Stopwatch:
    """Seconds spent in each stage of a run, for the closing summary."""

    def __init__(self) -> None:
        self.stages: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.stages[stage] = self.stages.get(stage, 0.0) + now - self._last
        self._last = now


def _usage(out: Path, db: Path | None, engine: Engine, scheduler: str | None) -> None:
    if out.exists() and not out.is_dir():
        raise typer.BadParameter(f"{out} is a file; pass a folder for the outputs", param_hint="--out")
    if db is not None and db.is_dir():
        raise typer.BadParameter(f"{db} is a folder; pass the DuckDB file to write", param_hint="--db")
    if scheduler and engine is not Engine.dask:
        raise typer.BadParameter("a scheduler address needs --engine dask", param_hint="--scheduler")


def _module_ready(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def _open_store(path: Path, lang: str = "en"):
    """The DuckDB store, or None (with a warning) when duckdb is not installed."""
    if not _module_ready("duckdb"):
        err_console.print(escape(text("warning_prefix", lang) + text("warn_no_duckdb", lang)), highlight=False)
        return None
    from pipeline.store import Store

    return Store(path)


def _progress(total: int, lang: str = "en"):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    def column(key: str, field: str = "", style: str = "") -> TextColumn:
        shown = text(key, lang, value="{task.fields[%s]}" % field if field else "")  # texts hold no markup
        if field == "rate":
            shown = shown.replace("{task.fields[rate]}", "{task.fields[rate]:.1f}")
        return TextColumn(f"[{style}]{shown}[/{style}]" if style else shown)

    return Progress(
        column("progress_processing", style="bold"), BarColumn(), MofNCompleteColumn(), column("progress_files"),
        column("progress_documents", "docs"), column("progress_rate", "rate"),
        column("progress_errors", "errors"), TimeElapsedColumn(),
        console=err_console, transient=True, disable=not err_console.is_terminal,
    )


def _collect(results, total: int, batch: ParkedBatch, lang: str = "en", facts: Callable | None = None) -> None:
    """Park every result, with a progress bar on stderr when it is a terminal; `facts` takes each
    file's records first (StreamedOutputs.add_facts, while they are in memory)."""
    docs, errors, started = 0, 0, time.perf_counter()
    with _progress(total, lang) as progress, ExitStack() as paced:
        task = progress.add_task("run", total=total, docs=0, rate=0.0, errors=0)
        for n, result in enumerate(results):
            if n == 0:  # fewer collections from the first result on: the workers are forked by then
                paced.enter_context(fewer_collections(freeze=False))  # (the engine freezes what it loaded)
            docs += len(result.records)
            errors += result.status == "error"
            if facts is not None:
                facts(result.records)
            batch.add(result)
            rate = docs / max(time.perf_counter() - started, 1e-9)
            progress.update(task, advance=1, docs=docs, rate=rate, errors=errors)


def _table(rows: list[dict], aliases: dict[str, str]):
    """The comparison table, its columns ids whatever the labels (the workbook and the report show
    labels), its township keys set from the batch's names and the alias table."""
    from pipeline.table import table_of_rows
    from pipeline.townships import assign_township_keys

    assign_township_keys(rows, aliases)
    return table_of_rows(rows)


def _write_parquet_table(batch: "Batch", table, out: Path) -> None:
    """table.parquet beside table.csv, or a note saying how to get it."""
    from pipeline.parquet import parquet_ready, write_table_parquet

    if not parquet_ready():
        batch.notes.append(("note_parquet_missing", {}))
        return
    write_table_parquet(table, out / "table.parquet")
    batch.written["parquet"] = out / "table.parquet"


def _outputs(out: Path, lang: str, facts_first: bool) -> StreamedOutputs:
    """The streamed outputs of a run, in its staging folder."""
    return StreamedOutputs(out, workbook=_module_ready("pipeline.report.excel"),
                           report=_module_ready("pipeline.report.html"), parquet=_module_ready("pyarrow"),
                           lang=lang, facts_first=facts_first)


def _write_all(parked: ParkedBatch, out: Path, lang: str, store, settings: Callable | None, clock: _Stopwatch,
               report_limit: int, prune: list[Path] | None = None, aliases: dict[str, str] | None = None,
               outputs: StreamedOutputs | None = None) -> Batch:
    """One pass over the finished batch feeds records.jsonl, findings.jsonl, facts.csv (unless the
    facts came first) and the store; then the table, workbook and report from what the pass kept."""
    batch = Batch(list(parked.statuses()), parked.document_counts())
    outputs = outputs if outputs is not None else _outputs(out, lang, facts_first=False)
    try:
        try:
            stream = (outputs.add(index, result) for index, result in enumerate(parked.results()))
            if store is not None:
                saved = store.save(stream, settings, commit=False, to_json=outputs.json_of)
                batch.notes += [("note_store", {"text": note}) for note in store.notes] + _store_notes(saved, store.prune(prune) if prune is not None else None)
            else:
                deque(stream, maxlen=0)
        except BaseException as error:
            outputs.abort(error)
            raise
        outputs.commit()
        batch.severity = outputs.severity
        write_lines(out / "errors.jsonl", (
            json.dumps({"source": e.source, "code": e.error.code, "message": e.error.message}, ensure_ascii=False)
            for e in batch.errors
        ))
        for row, extra in zip(outputs.rows, parked.series_rows):
            row.update(extra)  # each stated change beside the previous period's own reported value
        table = _table(outputs.rows, aliases or {})
        write_table_csv(table, out / "table.csv")
        _write_parquet_table(batch, table, out)
        batch.written.update(table=out / "table.csv", records=out / "records.jsonl")
        if store is not None:
            store.set_township_keys(aliases or {})
            batch.written["store"] = store.path
        clock.lap("outputs")
        _write_reports(batch, parked, outputs, out, lang, table, clock, report_limit)
    finally:
        outputs.close()
    return batch


def _store_notes(saved, pruned: int | None) -> list[Note]:
    """What the store did besides adding the batch: renamed files followed, deleted files pruned."""
    notes: list[Note] = [("note_moved", {"n": saved.moved})] if saved.moved else []
    if pruned is not None:
        notes.append(("note_pruned", {"n": pruned}))
    return notes


def _write_optional(batch: Batch, key: str, path: Path, module: str, write: Callable[[Path], None]) -> None:
    """One output whose writer lives in pipeline.report: skipped with a note while it is absent."""
    if not _module_ready(module):
        batch.notes.append(("note_not_installed", {"name": path.name, "module": module}))
        return
    try:
        write(path)  # the pipeline.report writers write atomically themselves
    except Exception as error:  # the other outputs are written; report the failure and exit 2
        batch.failed.append(("failed_write", {"name": path.name, "error": f"{error.__class__.__name__}: {error}"}))
        return
    batch.written[key] = path


def _write_reports(batch: Batch, parked: ParkedBatch, outputs: StreamedOutputs, out: Path, lang: str, table,
                   clock: _Stopwatch, report_limit: int = REPORT_LIMIT) -> None:
    """table.xlsx and report.html."""

    def excel(path: Path) -> None:
        from pipeline.report.excel import write_workbook

        write_workbook(table, outputs.marks, outputs.finding_rows, outputs.fact_rows, path, labels=lang)

    def report(path: Path) -> None:
        from pipeline.report.html import shown_documents, write_summaries_report

        documents, loaded, hashes = {}, {}, {}
        for n in sorted(shown_documents(outputs.summaries, report_limit)):
            file_index, record_index = outputs.positions[n - 1]
            if file_index not in loaded:
                loaded = {file_index: parked.result(file_index)}  # the shown come in batch order
            result = loaded[file_index]
            documents[n] = (result.records[record_index], result.file.text)
            hashes[result.source] = result.content_hash  # the review controls key corrections by it
        write_summaries_report(outputs.summaries, documents, path, labels=lang, hashes=hashes)

    _write_optional(batch, "xlsx", out / "table.xlsx", "pipeline.report.excel", excel)
    clock.lap("workbook")
    _write_optional(batch, "report", out / "report.html", "pipeline.report.html", report)
    clock.lap("report")


def run_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of summaries.", metavar="PATH")],
    out: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("out"),
    workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes (1: in this process).")] = 1,
    db: Annotated[Path | None, typer.Option("--db", help="DuckDB store (default: OUT/petitions.duckdb).")] = None,
    lang: Annotated[Lang | None, typer.Option(
        "--lang", "--labels", case_sensitive=False,
        help="Language of the summary, the workbook and the report (default: `lang` of petition-miner.toml, "
             "else the locale); --labels is the same option.")] = None,
    engine: Annotated[Engine, typer.Option("--engine", help="local process pool or a Dask cluster.")] = Engine.local,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786 "
                                                  "(default: a LocalCluster of --workers processes).")] = None,
    report_limit: Annotated[int, typer.Option("--report-limit", min=0, help="Summaries shown in full in report.html, "
                                              "those with the most serious findings first (0: every one).")] = REPORT_LIMIT,
    prune: Annotated[bool, typer.Option("--prune", help="Remove from the store the files under PATHs that no longer "
                                        "exist (kept by default).")] = False,
    townships: TownshipsOption = None,
    corrections: CorrectionsOption = None,
    version: VersionOption = False,
) -> None:
    """Run every stage on every summary; write records, facts, the table, findings, errors, the report and the store."""
    started = time.perf_counter()
    language = chosen_lang(lang)
    _usage(out, db, engine, scheduler)
    refuse_unreadable_batch(paths, language)
    previous = _exit_on_sigterm()
    try:
        aliases = load_aliases(paths, townships)
        fixes = load_corrections(paths, corrections)
        batch = _run(paths, out, workers, db, language, engine, scheduler, started, report_limit, prune, aliases, fixes)
    except PetitionMinerError as error:
        report_error(error, language)
        raise typer.Exit(EXIT_ERROR)
    except OSError as error:  # a full disk while parking or writing: the old outputs stay
        report_error(OutputError(f"cannot write the outputs ({os_error_message(error)}); the previous outputs are "
                                 "kept", error.filename if isinstance(error.filename, str) else out), language)
        raise typer.Exit(EXIT_ERROR)
    finally:
        _restore_sigterm(previous)
    print_summary(batch, language)
    raise typer.Exit(EXIT_ERROR if batch.failed else EXIT_OK)


def _exit_on_sigterm():
    """SIGTERM ends the run like Ctrl-C: the clean-up (workers, temporary files, the lock) runs."""
    def stop(signum, _frame):
        raise SystemExit(128 + signum)

    try:
        return signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread
        return None


def _restore_sigterm(previous) -> None:
    if previous is not None:
        signal.signal(signal.SIGTERM, previous)


def _inputs(paths: list[Path], out: Path | None = None, db: Path | None = None) -> list[InputFile]:
    """The batch's files, with the files of other suffixes in its folders (each gets a row saying it
    is skipped) except the outputs of the run (its folder, the store); a batch with no input at all
    is a usage error, said before anything is touched."""
    if not any(path.exists() or path.is_symlink() for path in paths):
        names = ", ".join(escape(str(path)) for path in paths[:3]) + (", ..." if len(paths) > 3 else "")
        raise NoInputError(f"none of the inputs exists ({names}); check the paths. Nothing was written")
    outputs = Path(os.path.realpath(out)) if out is not None else None
    store = os.path.realpath(db) if db is not None else None

    def ours(item: InputFile) -> bool:
        real = os.path.realpath(item.path)
        return (outputs is not None and outputs in Path(real).parents) or \
            (store is not None and real in (store, store + ".wal"))

    return [item for item in iter_inputs(paths, unsupported=True) if not (item.unsupported and ours(item))]


def _run(paths, out, workers, db, lang, engine, scheduler, started, report_limit: int = REPORT_LIMIT,
         prune: bool = False, aliases: dict[str, str] | None = None, corrections=None) -> Batch:
    from pipeline.store import default_path, settings_key

    files = _inputs(paths, out, db or default_path(out))
    # one run per output folder; everything is staged inside it and moved in when the run succeeded
    with OutputFolder(out) as folder, ParkedBatch(folder.staging) as parked:
        store = _open_store(db or default_path(out), lang)
        clock = _Stopwatch()
        try:
            fixer = CorrectedResults(corrections or CorrectionsFile())
            settings = corrected_settings(settings_key(classify=True) if store else None, fixer.corrections)
            # each file's key: the settings and the digest of the corrections about it
            skip = (lambda source, digest, path, base: store.stored(source, digest, settings(digest), path, base)) \
                if store else None
            # a corrections file may change facts: then they wait for the corrected records
            outputs = LateOutputs(lambda: _outputs(folder.staging, lang, facts_first=True)) \
                if not fixer.corrections.entries else None
            try:  # (_write_all commits or aborts them from here on)
                _collect(process_many(files, workers=workers, skip=skip, engine=engine.value, scheduler=scheduler),
                         len(files), parked, lang, outputs.add_facts if outputs is not None else None)
                clock.lap("processing")
                with fewer_collections():
                    parked.finish(history=_history(store, aliases))
                clock.lap("batch findings")
            except BaseException as error:
                if outputs is not None:
                    outputs.abort(error)
                raise
            outputs = outputs.opened() if outputs is not None else None
            with fewer_collections():
                batch = _write_all(CorrectedBatch(parked, fixer), folder.staging, lang, store, settings, clock,
                                   report_limit, list(paths) if prune else None, aliases, outputs)
            batch.notes += [("note_correction", {"text": warning}) for warning in fixer.warnings()]
            _finish(batch, folder, store)
        finally:
            if store is not None:
                store.close()
    batch.elapsed = time.perf_counter() - started
    batch.stages = clock.stages
    return batch


def _history(store, aliases: dict[str, str] | None):
    """What the batch's township series are checked against: the store's earlier summaries."""
    from pipeline.checks.history import History
    from pipeline.store_history import history_items

    return History(history_items(store.con) if store is not None else (), aliases or {})


def _finish(batch: Batch, folder: OutputFolder, store) -> None:
    """Commit the store and move the outputs in, or neither when an output failed."""
    if batch.failed:
        if store is not None:
            store.rollback()
        batch.failed.append(("failed_kept", {"out": str(folder.out)}))
        batch.written = {}
        return
    if store is not None:
        store.commit()
    folder.commit()
    batch.written = {key: folder.out / path.name if path.parent == folder.staging else path
                     for key, path in batch.written.items()}
