"""Runs process_path over many files, in-process, on a local process pool or on Dask, in input order."""

from __future__ import annotations

import gc
import math
from collections import deque
from dataclasses import dataclass
from functools import partial
from multiprocessing import get_context
from pathlib import Path
from typing import Callable, Iterable, Iterator, Literal

from pipeline.errors import InputError, PetitionMinerError
from pipeline.limits import Limits, current_limits
from pipeline.process import ProcessedFile
from pipeline.reading import InputFile, display_name, iter_inputs, read_input, unique_bases
from pipeline.tasks import Job, Payload, content_hash, internal_error, process_chunk
from pipeline.workers import IsolatedPool

ENGINES = ("local", "dask")
MAX_CHUNK = 16  # files per task: few enough to keep every worker busy, enough to amortise a round trip
MIN_GUIDED = 3  # files: the smallest chunk guided scheduling sends
WINDOW_PER_WORKER = 2  # chunks in flight per worker; bounds memory on very large batches

Status = Literal["processed", "error", "skipped"]
# (source, sha256 of the file bytes, path, doc_id stem) -> the stored file (text + records, named
# as this batch names them) when unchanged, else None
SkipLookup = Callable[[str, str, Path, str], "ProcessedFile | None"]


@dataclass(frozen=True)
class FileResult:
    """What became of one input file: processed, unreadable (error), or skipped (stored records)."""

    path: Path
    source: str
    content_hash: str | None
    status: Status
    file: ProcessedFile | None = None
    error: PetitionMinerError | None = None

    @property
    def records(self):
        return self.file.records if self.file is not None else ()


def _result(path: Path, job: Job, digest: str, payload: Payload) -> FileResult:
    if payload[0] == "ok":
        return FileResult(path, job.source, digest, "processed", file=ProcessedFile(path, payload[1], payload[2]))
    error_class, message = payload[1], payload[2]
    return FileResult(path, job.source, digest, "error", error=error_class(message, job.source))


def _unread(path: Path, error: Exception) -> FileResult:
    """The coded error of a path whose bytes cannot be read (missing, a folder, a FIFO, too large)."""
    source = display_name(str(path))
    if not isinstance(error, PetitionMinerError):
        if isinstance(error, OSError):
            error = InputError(f"cannot read the file ({error.strerror or error.__class__.__name__})", source)
        else:
            error = internal_error(error, source)
    return FileResult(path, source, None, "error", error=error)


class _Chunk:
    """Jobs sent as one task; `handle` is a future (pool, Dask) or a deferred call (in-process)."""

    def __init__(self) -> None:
        self.jobs: list[Job] = []
        self.handle = None
        self._results: list[Payload] | None = None

    def result(self, index: int) -> Payload:
        if self._results is None:
            self._results = self.handle.result()
        return self._results[index]


class _Deferred:
    """An in-process 'future': the chunk runs when its first result is asked for."""

    def __init__(self, call: Callable[[], list[Payload]]) -> None:
        self._call = call

    def result(self) -> list[Payload]:
        return self._call()


Submit = Callable[[list[Job]], object]


def _ordered(inputs: list[InputFile], skip: SkipLookup | None, submit: Submit, chunk_size: int,
             window: int, workers: int = 1, limits: Limits | None = None) -> Iterator[FileResult]:
    """One FileResult per path in input order, with at most `window` chunks queued ahead.

    With several workers, chunks shrink towards the end of the batch (guided scheduling), so that
    the workers finish together instead of one waiting for the other's last large chunk."""
    queue: deque = deque()
    current = _Chunk()
    target = chunk_size

    def send(chunk: _Chunk) -> None:
        chunk.handle = submit(chunk.jobs)

    def pop() -> FileResult:
        entry = queue.popleft()
        if isinstance(entry, FileResult):
            return entry
        path, job, digest, chunk, index = entry
        if chunk.handle is None:
            send(chunk)
        return _result(path, job, digest, chunk.result(index))

    inputs = [item if isinstance(item, InputFile) else InputFile(item) for item in inputs]
    bases = unique_bases(inputs)
    for position, (item, base) in enumerate(zip(inputs, bases)):
        path = item.path
        if not current.jobs and workers > 1:
            target = guided_size(len(inputs) - position, workers, chunk_size)
        source = display_name(str(path))
        try:
            item.refuse()
            data = read_input(path, limits, source)
        except Exception as error:  # noqa: BLE001 - every path gets its row, whatever went wrong
            queue.append(_unread(path, error))
            continue
        digest = content_hash(data)
        stored = skip(source, digest, path, base) if skip is not None else None
        if stored is not None:
            queue.append(FileResult(path, source, digest, "skipped", file=stored))
            continue
        job = Job(source, data, base)
        if current.handle is not None:  # sent early because the queue ran ahead of it
            current = _Chunk()
        queue.append((path, job, digest, current, len(current.jobs)))
        current.jobs.append(job)
        if len(current.jobs) >= target:
            send(current)
            current = _Chunk()
        while len(queue) > window * chunk_size:
            yield pop()
    while queue:
        yield pop()


def chunk_size_for(files: int, workers: int) -> int:
    """About four chunks per worker, at most MAX_CHUNK files each."""
    return max(1, min(MAX_CHUNK, math.ceil(files / (max(1, workers) * 4))))


def guided_size(remaining: int, workers: int, largest: int) -> int:
    """The next chunk's size: an even share of what remains over twice the workers, at least
    MIN_GUIDED files (labelling costs a little per call) and at most `largest`."""
    return max(1, min(largest, max(MIN_GUIDED, math.ceil(remaining / (2 * workers)))))


def _pool_context(classify: bool):
    """fork where the platform has it, after loading every resource and model in this process,
    so that workers start ready instead of each loading them again (seconds per worker); spawn
    elsewhere."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return get_context("spawn")
    from pipeline.process import warm_up

    warm_up(classify)
    gc.freeze()  # the warmed-up objects stay out of the workers' collections: fewer pages copied
    return get_context("fork")


def _local(inputs: list[InputFile], workers: int, classify: bool, config, skip: SkipLookup | None,
           limits: Limits) -> Iterator[FileResult]:
    task = partial(process_chunk, classify=classify, config=config, limits=limits)
    if workers <= 1:
        submit = lambda jobs: _Deferred(lambda: task(jobs))  # noqa: E731
        gc.freeze()  # what is loaded by now (resources, models) stays out of the collections, as in workers
        try:  # chunks here too: the classifiers label a chunk in one call, far cheaper than per file
            yield from _ordered(inputs, skip, submit, chunk_size_for(len(inputs), 1), window=1, limits=limits)
        finally:
            gc.unfreeze()
        return
    try:
        pool = IsolatedPool(workers, _pool_context(classify), task, limits.worker_memory_mb)
    except BaseException:
        gc.unfreeze()
        raise
    finished = False
    try:
        yield from _ordered(inputs, skip, pool.submit, chunk_size_for(len(inputs), workers),
                            window=workers * WINDOW_PER_WORKER, workers=workers, limits=limits)
        finished = True
    finally:  # a consumer that stops early (Ctrl-C, an error) does not wait for queued chunks
        pool.shutdown(wait_for_workers=finished)
        gc.unfreeze()


def process_many(paths: Iterable[Path | InputFile], workers: int = 1, classify: bool = True, config=None,
                 skip: SkipLookup | None = None, engine: str = "local",
                 scheduler: str | None = None, limits: Limits | None = None) -> Iterator[FileResult]:
    """One FileResult per input file (folders expanded as iter_paths does), in input order.

    `workers=1` runs in this process; more uses isolated worker processes (engine "local") or a
    Dask cluster (engine "dask": `scheduler` is an address such as tcp://host:8786, or None for a
    LocalCluster of `workers` processes). `skip(source, content_hash, path, base)` returns the stored file of
    an unchanged input, which is then yielded as "skipped" instead of being processed."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    limits = limits or current_limits()
    files = list(iter_inputs(paths))
    if engine == "dask":
        from pipeline.dask_engine import dask_submitter

        with dask_submitter(workers, scheduler, classify, config, limits=limits) as (submit, slots):
            yield from _ordered(files, skip, submit, chunk_size_for(len(files), slots),
                                window=slots * WINDOW_PER_WORKER, workers=slots, limits=limits)
        return
    yield from _local(files, workers, classify, config, skip, limits)
