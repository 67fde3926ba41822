"""The measurements of `python -m bench`: extract throughput, `run` with 1 and 2 workers, peak RSS,
`check` cold start, rjieba and spaCy+jieba baselines, cost growth; a markdown table and a JSON line."""

from __future__ import annotations

import os
import platform
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Callable

from bench.common import SKIP_AFTER_S, _write_atomic
from bench.generate import generate
from bench.inprocess import (  # noqa: F401 - the measurements, importable from here as before
    CONTRACT_STAGES,
    STAGES,
    RecordsDigest,
    measure_batch_findings,
    measure_engine,
    measure_extract,
    measure_rjieba,
    measure_spacy_jieba,
    measure_stages,
)
from bench.long_summary import FULL_MB, QUICK_MB, measure_long_summaries
from bench.report import _table
from bench.subprocesses import measure_check_cold, measure_run, measure_scale_run, run_stages  # noqa: F401

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
QUICK_DOCS, FULL_DOCS = 240, 600
RUN_DOCS = 60  # summaries for the end-to-end `run` subprocesses
SCALE_RUN_DOCS = 10000  # full mode: `run --workers 2` over a batch this large, its stages timed
QUICK_BATCH_SIZES, FULL_BATCH_SIZES = (60, 120, 240), (1000, 2000, 4000, 10000)  # batch findings growth
QUICK_SIZES, FULL_SIZES = (100, 200), (1000, 10000, 50000)


# ---- the whole run ---------------------------------------------------------------------------


def run_benchmarks(quick: bool = True, docs: int | None = None, sizes: tuple[int, ...] | None = None,
                   subprocesses: bool = True, seed: int = 20240601, results_path: Path | None = RESULTS,
                   dask: bool | None = None, batch_sizes: tuple[int, ...] | None = None,
                   scale_docs: int | None = None, long_mb: tuple[float, ...] | None = None,
                   log: Callable[[str], None] = lambda message: print(message, file=sys.stderr, flush=True)) -> dict:
    """Every measurement on one generated corpus; returns {"table": markdown, "json": summary, ...}."""
    from pipeline.process import process_path, warm_up

    begun = time.perf_counter()
    docs = docs or (QUICK_DOCS if quick else FULL_DOCS)
    dask = (not quick) if dask is None else dask
    scale_docs = (0 if quick else SCALE_RUN_DOCS) if scale_docs is None else scale_docs
    sizes = tuple(sorted(sizes or (QUICK_SIZES if quick else FULL_SIZES)))
    result: dict = {"quick": quick, "seed": seed, "date": datetime.now().astimezone().isoformat(timespec="seconds"),
                    "host": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"}
    with tempfile.TemporaryDirectory(prefix="pm-bench-") as scratch_name:
        scratch = Path(scratch_name)
        corpus = scratch / "corpus"
        log(f"generating {docs} summaries (seed {seed})")
        paths = generate(docs, seed, corpus)
        texts = [path.read_text(encoding="utf-8") for path in paths]

        # One warm-up file per language: each language loads its own resources and classifier on
        # first use (about 3.5 s for the first zh file and 0.9 s for the first en file).
        warmups = [next(path for path in paths if path.stem.endswith(f"_{lang}")) for lang in ("zh", "en")
                   if any(path.stem.endswith(f"_{lang}") for path in paths)]
        log(f"extract: warm-up on {len(warmups)} file(s), one per language")
        started = time.perf_counter()
        for path in warmups:
            process_path(path, classify=True)
        warm_up(classify=True)  # what the engine does before it forks workers, done here once
        result["warmup_s"], result["warmup_files"] = time.perf_counter() - started, len(warmups)
        inside = tuple(size for size in sizes if size <= len(paths))
        log("extract: in-process throughput (the engine with 1 worker)")
        result["extract"] = extract = measure_extract(paths, inside, keep=True)
        result["engine"] = {1: {"workers": 1, "engine": "local", "docs": extract["docs"],
                                "seconds": extract["seconds"], "docs_per_s": extract["docs_per_s"],
                                "worker_rss_mb": [], "digest": extract["digest"]}}
        log("engine: 2 workers")
        result["engine"][2] = measure_engine(paths, 2)

        growth, feasible = list(extract["checkpoints"]), []
        for size in sizes:
            if size in inside:
                continue
            estimate = size / extract["docs_per_s"]
            if estimate > SKIP_AFTER_S:
                growth.append({"size": size, "skipped": True, "estimate_s": estimate})
            else:
                feasible.append(size)
        if feasible:
            log(f"growth: one pass over {feasible[-1]} summaries, checkpoints {feasible}")
            big = generate(feasible[-1], seed, scratch / "growth")  # same seed: the corpus above is its prefix
            growth += measure_extract(big, tuple(feasible))["checkpoints"]
            shutil.rmtree(scratch / "growth", ignore_errors=True)
        result["growth"] = sorted(growth, key=lambda row: row["size"])
        if dask:  # after the growth pass: the cluster's imports would count in its peak RSS
            log("engine: Dask, a LocalCluster of 2 processes")
            result["dask"] = measure_engine(paths, 2, engine="dask")

        batch_sizes = tuple(sorted(batch_sizes or (QUICK_BATCH_SIZES if quick else FULL_BATCH_SIZES)))
        log(f"batch findings (template-copy) on {', '.join(map(str, batch_sizes))} summaries")
        batch_paths = paths if max(batch_sizes) <= len(paths) else generate(max(batch_sizes), seed, scratch / "batch")
        result["batch"] = measure_batch_findings(batch_paths, batch_sizes)

        log("baselines: rjieba, spaCy+jieba")
        result["rjieba"] = measure_rjieba(texts)
        result["spacy_jieba"] = measure_spacy_jieba(texts)
        log("extract: each stage timed apart")
        result["stages"] = measure_stages(paths)
        long_mb = tuple(long_mb if long_mb is not None else (QUICK_MB if quick else FULL_MB))
        log(f"one long summary of {', '.join(f'{mb:g}' for mb in long_mb)} MB (time against length)")
        result["long"] = measure_long_summaries(long_mb, seed=seed)

        result["runs"], result["check"] = {}, None
        if subprocesses:
            run_corpus = scratch / "run_corpus"  # a prefix: `run` is timed end to end, start-up included
            run_corpus.mkdir()
            for path in paths[:RUN_DOCS]:
                shutil.copy2(path, run_corpus / path.name)
            for workers in (1, 2):
                log(f"run --workers {workers} on {min(RUN_DOCS, len(paths))} summaries")
                result["runs"][workers] = measure_run(run_corpus, workers, scratch)
            log("check: cold start x3")
            result["check"] = measure_check_cold(paths[0], scratch)
            if scale_docs:
                log(f"run --workers 2 on {scale_docs} summaries, every output")
                scale_paths = generate(scale_docs, seed, scratch / "batch") if scale_docs > len(batch_paths) \
                    else batch_paths[:scale_docs]
                result["scale_run"] = measure_scale_run(scale_paths, scratch)


    runs, engine = result["runs"], result["engine"]
    run_speedup = runs[1]["wall_s"] / runs[2]["wall_s"] if 1 in runs and 2 in runs else None
    speedup = engine[1]["seconds"] / engine[2]["seconds"]
    child_peaks = [peak for run in runs.values() for peak in run["child_rss_mb"]]
    worker_peaks = engine[2]["worker_rss_mb"]
    result["wall_s"] = time.perf_counter() - begun
    result["json"] = {
        "date": result["date"], "quick": quick, "seed": seed, "docs": extract["docs"],
        "extract_docs_per_s": round(extract["docs_per_s"], 3),
        "extract_mb_per_s": round(extract["mb_per_s"], 4),
        "rjieba_docs_per_s": round(result["rjieba"]["docs_per_s"], 3),
        "spacy_jieba_docs_per_s": round(result["spacy_jieba"]["docs_per_s"], 3),
        "extract_vs_rjieba": round(extract["docs_per_s"] / result["rjieba"]["docs_per_s"], 6),
        "extract_vs_spacy_jieba": round(extract["docs_per_s"] / result["spacy_jieba"]["docs_per_s"], 6),
        "run1_docs_per_s": round(runs[1]["docs_per_s"], 3) if 1 in runs else None,
        "run2_docs_per_s": round(runs[2]["docs_per_s"], 3) if 2 in runs else None,
        "workers2_records_equal": engine[2]["digest"] == engine[1]["digest"],
        "dask_docs_per_s": round(result["dask"]["docs_per_s"], 3) if "dask" in result else None,
        "dask_records_equal": (result["dask"]["digest"] == engine[1]["digest"]) if "dask" in result else None,
        "engine1_docs_per_s": round(engine[1]["docs_per_s"], 3),
        "engine2_docs_per_s": round(engine[2]["docs_per_s"], 3),
        "workers2_speedup": round(speedup, 3),
        "run_workers2_speedup": round(run_speedup, 3) if run_speedup else None,
        "peak_rss_mb": round(max([extract["peak_rss_mb"], *worker_peaks]), 1),
        "extract_peak_rss_mb": round(extract["peak_rss_mb"], 1),
        "engine2_worker_peak_rss_mb": round(max(worker_peaks), 1) if worker_peaks else None,
        "run1_peak_rss_mb": round(runs[1]["main_rss_mb"], 1) if 1 in runs and runs[1]["main_rss_mb"] else None,
        "run2_worker_peak_rss_mb": round(max(child_peaks), 1) if child_peaks else None,
        "check_cold_s": round(result["check"]["best_s"], 3) if result["check"] else None,
        "growth_docs_per_s": {str(row["size"]): (None if row.get("skipped") else round(row["docs_per_s"], 3))
                              for row in result["growth"]},
        "batch_findings_docs_per_s": {str(row["size"]): round(row["docs_per_s"], 3) for row in result["batch"]},
        "scale_run_docs": result["scale_run"]["docs"] if "scale_run" in result else None,
        "scale_run_docs_per_s": round(result["scale_run"]["docs_per_s"], 3) if "scale_run" in result else None,
        "scale_run_peak_rss_mb": round(result["scale_run"]["main_rss_mb"], 1)
        if result.get("scale_run", {}).get("main_rss_mb") else None,
        "stage_ms_per_summary": {stage.strip(): round(ms, 4) for stage, ms in result["stages"]["ms"].items()},
        "long_summary_mb_per_s": {f"{row['mb']:g}": round(row["mb_per_s"], 4) for row in result["long"]},
        "wall_s": round(result["wall_s"], 2),
    }
    result["table"] = _table(result)
    if results_path is not None:
        _write_atomic(Path(results_path), result["table"])
    return result
