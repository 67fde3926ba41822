"""Runs process_path over many files, in-process, on a local process pool or on Dask, in input order."""

from __future__ import annotations

import gc
import hashlib
import math
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Callable, Iterable, Iterator, Literal

from pipeline.errors import InputError, PetitionMinerError
from pipeline.ingest import iter_paths
from pipeline.process import ProcessedFile, process_path

ENGINES = ("local", "dask")
MAX_CHUNK = 16  # files per task: few enough to keep every worker busy, enough to amortise a round trip
MIN_GUIDED = 3  # files: the smallest chunk guided scheduling sends
WINDOW_PER_WORKER = 2  # chunks in flight per worker; bounds memory on very large batches

Status = Literal["processed", "error", "skipped"]
# (source, sha256 of the file bytes) -> the stored file (text + records) when unchanged, else None
SkipLookup = Callable[[str, str], "ProcessedFile | None"]


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


@dataclass(frozen=True)
class Job:
    """One file to process, carried to a worker as bytes so that workers need no shared disk."""

    source: str
    data: bytes


# A worker's answer for one job: ("ok", text, records) or ("error", error class, message).
Payload = tuple


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _internal_error(error: Exception, source: str) -> PetitionMinerError:
    return PetitionMinerError(f"internal error while processing ({error.__class__.__name__}: {error}); "
                              "please report it", source)


def _process_job(job: Job, classify: bool, config) -> Payload:
    """Process one file's bytes under its own name; never raises."""
    try:
        done = process_path(Path(job.source), source=job.source, config=config, classify=classify, data=job.data)
    except PetitionMinerError as error:
        return ("error", type(error), error.message)
    except OSError as error:
        return ("error", InputError, f"cannot read the file ({error.strerror or error.__class__.__name__})")
    except Exception as error:  # an extractor bug must not cost the other files their records
        internal = _internal_error(error, job.source)
        return ("error", type(internal), internal.message)
    return ("ok", done.text, done.records)


def process_chunk(jobs: list[Job], classify: bool, config) -> list[Payload]:
    """The task every engine runs: one payload per job, in order (top level, so spawn can import it).
    The classifiers label the whole chunk at once, which costs far less than one call per file."""
    payloads = [_process_job(job, False, config) for job in jobs]
    if not classify:
        return payloads
    from pipeline.classifiers.apply import label_records

    done = [p for p in payloads if p[0] == "ok"]
    labelled = iter(label_records([record for p in done for record in p[2]]))
    return [("ok", p[1], tuple(next(labelled) for _ in p[2])) if p[0] == "ok" else p for p in payloads]


def _result(path: Path, job: Job, digest: str, payload: Payload) -> FileResult:
    if payload[0] == "ok":
        return FileResult(path, job.source, digest, "processed", file=ProcessedFile(path, payload[1], payload[2]))
    error_class, message = payload[1], payload[2]
    return FileResult(path, job.source, digest, "error", error=error_class(message, job.source))


def _unread(path: Path) -> FileResult:
    """The coded error of a path whose bytes cannot be read (missing, a folder, no permission)."""
    source = str(path)
    try:
        done = process_path(path, classify=False)
    except PetitionMinerError as error:
        return FileResult(path, source, None, "error", error=error)
    except OSError as error:
        error = InputError(f"cannot read the file ({error.strerror or error.__class__.__name__})", source)
        return FileResult(path, source, None, "error", error=error)
    except Exception as error:
        return FileResult(path, source, None, "error", error=_internal_error(error, source))
    # the file appeared between the two reads: say so rather than guess its records
    error = InputError(f"the file changed while it was read ({len(done.records)} summaries); run again", source)
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


def _ordered(paths: list[Path], skip: SkipLookup | None, submit: Submit, chunk_size: int,
             window: int, workers: int = 1) -> Iterator[FileResult]:
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

    for position, path in enumerate(paths):
        if not current.jobs and workers > 1:
            target = guided_size(len(paths) - position, workers, chunk_size)
        source = str(path)
        try:
            data = path.read_bytes()
        except OSError:
            queue.append(_unread(path))
            continue
        digest = content_hash(data)
        stored = skip(source, digest) if skip is not None else None
        if stored is not None:
            queue.append(FileResult(path, source, digest, "skipped", file=stored))
            continue
        job = Job(source, data)
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


def _local(paths: list[Path], workers: int, classify: bool, config,
           skip: SkipLookup | None) -> Iterator[FileResult]:
    if workers <= 1:
        submit = lambda jobs: _Deferred(lambda: process_chunk(jobs, classify, config))  # noqa: E731
        # chunks here too: the classifiers label a chunk in one call, far cheaper than per file
        yield from _ordered(paths, skip, submit, chunk_size_for(len(paths), 1), window=1)
        return
    try:
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context(classify))
    except BaseException:
        gc.unfreeze()
        raise

    def submit(jobs: list[Job]) -> Future:
        return pool.submit(process_chunk, jobs, classify, config)

    try:
        yield from _ordered(paths, skip, submit, chunk_size_for(len(paths), workers),
                            window=workers * WINDOW_PER_WORKER, workers=workers)
    finally:  # a consumer that stops early (Ctrl-C, an error) does not wait for queued chunks
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()


def process_many(paths: Iterable[Path], workers: int = 1, classify: bool = True, config=None,
                 skip: SkipLookup | None = None, engine: str = "local",
                 scheduler: str | None = None) -> Iterator[FileResult]:
    """One FileResult per input file (folders expanded as iter_paths does), in input order.

    `workers=1` runs in this process; more uses a spawn-safe process pool (engine "local") or a
    Dask cluster (engine "dask": `scheduler` is an address such as tcp://host:8786, or None for a
    LocalCluster of `workers` processes). `skip(source, content_hash)` returns the stored file of
    an unchanged input, which is then yielded as "skipped" instead of being processed."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    files = list(iter_paths(paths))
    if engine == "dask":
        from pipeline.dask_engine import dask_submitter

        with dask_submitter(workers, scheduler, classify, config) as (submit, slots):
            yield from _ordered(files, skip, submit, chunk_size_for(len(files), slots),
                                window=slots * WINDOW_PER_WORKER, workers=slots)
        return
    yield from _local(files, workers, classify, config, skip)
