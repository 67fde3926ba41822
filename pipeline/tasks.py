"""The task every engine runs: a chunk of files (their bytes) in, one payload per file out, never raising."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import InputError, OutOfMemoryError, PetitionMinerError
from pipeline.process import process_path


@dataclass(frozen=True)
class Job:
    """One file to process, carried to a worker as bytes so that workers need no shared disk."""

    source: str
    data: bytes
    doc_base: str | None = None  # the doc_id stem, unique within the batch


# A worker's answer for one job: ("ok", text, records) or ("error", error class, message).
Payload = tuple


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def internal_error(error: BaseException, source: str | None) -> PetitionMinerError:
    return PetitionMinerError(f"internal error while processing ({error.__class__.__name__}: {error}); "
                              "please report it", source)


def _process_job(job: Job, classify: bool, config, limits) -> Payload:
    """Process one file's bytes under its own name; never raises."""
    try:
        done = process_path(Path(job.source), source=job.source, config=config, classify=classify, data=job.data,
                            doc_base=job.doc_base, limits=limits)
    except PetitionMinerError as error:
        return ("error", type(error), error.message)
    except MemoryError:
        return ("error", OutOfMemoryError, "it needs more memory than the worker's ceiling allows; split the file "
                                           "or raise worker_memory_mb")
    except RecursionError:
        return ("error", InputError, "its structure is nested too deeply to be read")
    except OSError as error:
        return ("error", InputError, f"cannot read the file ({error.strerror or error.__class__.__name__})")
    except Exception as error:  # an extractor bug must not cost the other files their records
        internal = internal_error(error, job.source)
        return ("error", type(internal), internal.message)
    return ("ok", done.text, done.records)


def process_chunk(jobs: list[Job], classify: bool, config, limits=None) -> list[Payload]:
    """One payload per job, in order (top level, so spawn can import it). The classifiers label
    the whole chunk at once, which costs far less than one call per file."""
    payloads = [_process_job(job, False, config, limits) for job in jobs]
    if not classify:
        return payloads
    from pipeline.classifiers.apply import label_records

    done = [p for p in payloads if p[0] == "ok"]
    labelled = iter(label_records([record for p in done for record in p[2]]))
    return [("ok", p[1], tuple(next(labelled) for _ in p[2])) if p[0] == "ok" else p for p in payloads]
