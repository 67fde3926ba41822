"""In-process measurements: extract throughput and growth, each stage timed apart, the engine with workers, batch findings, rjieba and spaCy baselines."""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from pathlib import Path
from typing import Callable

from bench.common import SAMPLE_EVERY_S, _mb, _sample_peaks, _self_peak_rss_mb

def measure_extract(paths: list[Path], checkpoints: tuple[int, ...] = (), keep: bool = False) -> dict:
    """What `petition-miner extract` does in one process (the engine, chunks labelled at once)
    over paths, after the caller's warm-up; throughput at each checkpoint. With `keep`, also a
    digest of every record (computed after the clock stops) to compare engines."""
    from pipeline.classifiers.apply import forget_texts
    from pipeline.engine import process_many

    forget_texts()
    docs = nbytes = 0
    marks, points, digest, hashing = [], set(checkpoints), RecordsDigest(), 0.0
    started = time.perf_counter()
    for n, result in enumerate(process_many(paths, workers=1), 1):
        docs += len(result.records)
        nbytes += len(result.file.text.encode("utf-8")) if result.file is not None else 0
        if keep:  # hashed as they come (nothing kept in memory), the time spent on it taken out
            begun = time.perf_counter()
            digest.add(result.records)
            hashing += time.perf_counter() - begun
        if n in points:
            elapsed = time.perf_counter() - started - hashing
            marks.append({"size": n, "docs": docs, "seconds": elapsed, "docs_per_s": docs / elapsed,
                          "mb_per_s": _mb(nbytes) / elapsed, "peak_rss_mb": _self_peak_rss_mb()})
    elapsed = time.perf_counter() - started - hashing
    out = {"files": len(paths), "docs": docs, "bytes": nbytes, "seconds": elapsed, "docs_per_s": docs / elapsed,
           "mb_per_s": _mb(nbytes) / elapsed, "peak_rss_mb": _self_peak_rss_mb(), "checkpoints": marks}
    if keep:
        out["digest"] = digest.hexdigest()
    return out


STAGES = ("read, decode, split", "segment", "record (figures, units, profile)", "  of which the number scanner",
          "single-record checks", "labelling (one batch)")
# not part of extract, timed for scale: what the contract's models alone cost per finished record
CONTRACT_STAGES = ("validating a finished record (pydantic)", "writing a record's JSON")


def measure_stages(paths: list[Path]) -> dict:
    """Milliseconds per summary of each stage of extract, timed apart over the same files in this
    (warm) process, in the order process_path runs them; the number scanner is also timed alone
    (it is part of the record stage). For scale, and outside extract: validating a finished record
    from its fields with the contract's pydantic models, and writing its JSON."""
    from pipeline.checks import run_checks
    from pipeline.classifiers.apply import forget_texts, label_records
    from pipeline.ingest import load_source
    from pipeline.numbers import find_quantities
    from pipeline.process import analyse, build_record
    from pipeline.schema import Record

    forget_texts()
    spent = dict.fromkeys(STAGES + CONTRACT_STAGES, 0.0)
    clock = time.perf_counter
    records = []

    def timed(stage: str, call: Callable, *args):
        begun = clock()
        value = call(*args)
        spent[stage] += clock() - begun
        return value

    for path in paths:
        loaded = timed(STAGES[0], load_source, path, None, None)
        for doc in loaded.documents:
            analysis = timed(STAGES[1], analyse, doc)
            record = timed(STAGES[2], build_record, analysis)
            timed(STAGES[3], find_quantities, doc.view, doc.language)
            findings = timed(STAGES[4], run_checks, record, loaded.text, None)
            records.append(record.model_copy(update={"findings": tuple(findings)}))
    records = timed(STAGES[5], label_records, records)
    fields = [record.model_dump() for record in records]
    for record, dumped in zip(records, fields):
        timed(CONTRACT_STAGES[0], Record.model_validate, dumped)
        timed(CONTRACT_STAGES[1], record.model_dump_json)
    docs = max(len(records), 1)
    return {"docs": len(records), "ms": {stage: 1000 * seconds / docs for stage, seconds in spent.items()}}


class RecordsDigest:
    """SHA-256 over the JSON of every record, in input order: equal digests, equal records."""

    def __init__(self) -> None:
        self._sha = hashlib.sha256()

    def add(self, records) -> None:
        for record in records:
            self._sha.update(record.model_dump_json().encode("utf-8") + b"\n")

    def hexdigest(self) -> str:
        return self._sha.hexdigest()


class _ChildPeaks:
    """Samples the peak RSS (VmHWM) of this process's children while a block runs."""

    def __init__(self) -> None:
        self.peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            _sample_peaks(os.getpid(), self.peaks, include_root=False)
            self._stop.wait(SAMPLE_EVERY_S)

    def __enter__(self) -> "_ChildPeaks":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def measure_engine(paths: list[Path], workers: int, engine: str = "local") -> dict:
    """The engine's processing over paths with several workers, from this (warmed-up) process:
    the time from the first file read to the last result, pool (or cluster) start-up included,
    interpreter start-up and output writing excluded; and a digest of the records. The
    classifiers' per-text memos are cleared first, so that a pass does not profit from an earlier
    pass over the same texts."""
    from pipeline.classifiers.apply import forget_texts
    from pipeline.engine import process_many

    forget_texts()
    with _ChildPeaks() as children:
        started = time.perf_counter()
        kept = [result.records for result in process_many(paths, workers=workers, engine=engine)]
        elapsed = time.perf_counter() - started
    digest = RecordsDigest()  # after the clock: hashing here would take a CPU from the workers
    for records in kept:
        digest.add(records)
    docs = sum(len(records) for records in kept)
    return {"workers": workers, "engine": engine, "docs": docs, "seconds": elapsed, "docs_per_s": docs / elapsed,
            "worker_rss_mb": sorted(children.peaks.values(), reverse=True), "digest": digest.hexdigest()}


def measure_batch_findings(paths: list[Path], sizes: tuple[int, ...]) -> list[dict]:
    """The cross-document findings (template-copy over MinHash LSH) of growing batches: the files
    are processed once (2 workers), then each prefix's batch findings are timed."""
    from pipeline.engine import process_many
    from pipeline.process import with_batch_findings

    files = [result.file for result in process_many(paths[: max(sizes)], workers=2) if result.file is not None]
    with_batch_findings(files[:2])  # its imports (numpy, datasketch) and tables load once, untimed
    rows = []
    for size in sizes:
        batch = files[:size]
        started = time.perf_counter()
        merged = with_batch_findings(batch)
        elapsed = time.perf_counter() - started
        docs = sum(len(item.records) for item in batch)
        copies = sum(f.rule == "template-copy" for item in merged for r in item.records for f in r.findings)
        rows.append({"size": size, "docs": docs, "seconds": elapsed, "docs_per_s": docs / elapsed,
                     "template_copy_findings": copies})
    return rows


def _timed(texts: list[str], call: Callable[[str], object]) -> dict:
    call(texts[0])  # warm-up: dictionary loading is not throughput
    started = time.perf_counter()
    for text in texts:
        call(text)
    elapsed = time.perf_counter() - started
    nbytes = sum(len(text.encode("utf-8")) for text in texts)
    return {"docs": len(texts), "seconds": elapsed, "docs_per_s": len(texts) / elapsed,
            "mb_per_s": _mb(nbytes) / elapsed}


def measure_rjieba(texts: list[str]) -> dict:
    import rjieba

    return _timed(texts, lambda text: rjieba.cut(text))


def measure_spacy_jieba(texts: list[str]) -> dict:
    import jieba
    import spacy

    jieba.setLogLevel(logging.WARNING)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    return _timed(texts, nlp)
