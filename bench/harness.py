"""The measurements of `python -m bench`: extract throughput, `run` with 1 and 2 workers, peak RSS,
`check` cold start, rjieba and spaCy+jieba baselines, cost growth; a markdown table and a JSON line."""

from __future__ import annotations

import hashlib
import logging
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Callable

from bench.generate import generate

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
QUICK_DOCS, FULL_DOCS = 240, 600
RUN_DOCS = 60  # summaries for the end-to-end `run` subprocesses
SCALE_RUN_DOCS = 10000  # full mode: `run --workers 2` over a batch this large, its stages timed
QUICK_BATCH_SIZES, FULL_BATCH_SIZES = (60, 120, 240), (1000, 2000, 4000, 10000)  # batch findings growth
QUICK_SIZES, FULL_SIZES = (100, 200), (1000, 10000, 50000)
SKIP_AFTER_S = 25 * 60  # growth sizes estimated to take longer are skipped
SAMPLE_EVERY_S = 0.05

try:  # optional: per-process peak RSS of `run` workers
    import psutil
except ImportError:  # pragma: no cover - psutil is usually installed
    psutil = None


def _mb(n_bytes: float) -> float:
    return n_bytes / 1e6


def _self_peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _cli() -> str:
    local = Path(sys.executable).parent / "petition-miner"
    return str(local) if local.exists() else (shutil.which("petition-miner") or "petition-miner")


# ---- in-process measurements ---------------------------------------------------------------


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


# ---- subprocess measurements ---------------------------------------------------------------


def _vm_hwm_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        return None
    return None


def _sample_peaks(root: int, peaks: dict[int, float], include_root: bool) -> None:
    """Raise peaks[pid] to the peak RSS (VmHWM) of each descendant of `root` (and of root itself)."""
    pids = [root] if include_root else []
    if psutil is not None:
        try:
            pids += [child.pid for child in psutil.Process(root).children(recursive=True)]
        except psutil.Error:
            pass
    for pid in pids:
        hwm = _vm_hwm_mb(pid)
        if hwm is not None:
            peaks[pid] = max(peaks.get(pid, 0.0), hwm)


def _watched(cmd: list[str], log_dir: Path) -> dict:
    """Run cmd; wall time, exit code, and peak RSS (VmHWM) of the process and of each descendant."""
    peaks: dict[int, float] = {}
    with open(log_dir / "stdout.txt", "wb") as out, open(log_dir / "stderr.txt", "wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        while proc.poll() is None:
            _sample_peaks(proc.pid, peaks, include_root=True)
            time.sleep(SAMPLE_EVERY_S)
        wall = time.perf_counter() - started
    main = peaks.pop(proc.pid, None)
    children = sorted(peaks.values(), reverse=True)
    if psutil is None:  # fallback: the largest ru_maxrss over every child waited for so far
        children = [resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024]
    return {"wall_s": wall, "rc": proc.returncode, "main_rss_mb": main, "child_rss_mb": children,
            "stderr_tail": (log_dir / "stderr.txt").read_text(errors="replace")[-400:]}


def measure_run(corpus: Path, workers: int, scratch: Path) -> dict:
    """`petition-miner run` with a fresh --out and --db; docs counted in records.jsonl."""
    out = scratch / f"run_w{workers}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    cmd = [_cli(), "run", str(corpus), "--out", str(out / "out"), "--workers", str(workers),
           "--db", str(out / "petitions.duckdb")]
    result = _watched(cmd, out)
    records = out / "out" / "records.jsonl"
    docs = sum(1 for line in records.open(encoding="utf-8") if line.strip()) if records.exists() else 0
    result.update(workers=workers, docs=docs, docs_per_s=docs / result["wall_s"])
    return result


def run_stages(stderr: str) -> dict[str, float]:
    """Seconds per stage from the closing summary of `run` (elapsed 65.0s (processing 21.0s, ...))."""
    found = re.search(r"^elapsed\s+[\d.]+s \((.*)\)$", stderr, re.MULTILINE)
    if not found:
        return {}
    return {name: float(seconds.rstrip("s")) for name, seconds in
            (part.rsplit(" ", 1) for part in found.group(1).split(", "))}


def measure_scale_run(paths: list[Path], scratch: Path) -> dict:
    """`run --workers 2` over a large batch (every output), with the time of each stage."""
    corpus = scratch / "scale_corpus"
    corpus.mkdir(parents=True)
    for path in paths:
        (corpus / path.name).symlink_to(path.resolve())
    result = measure_run(corpus, 2, scratch / "scale")
    result["stages"] = run_stages((scratch / "scale" / "run_w2" / "stderr.txt").read_text(errors="replace"))
    return result


def measure_check_cold(path: Path, scratch: Path, repeats: int = 3) -> dict:
    runs = []
    for n in range(repeats):
        log = scratch / f"check_{n}"
        log.mkdir(parents=True, exist_ok=True)
        runs.append(_watched([_cli(), "check", str(path)], log))
    walls = [run["wall_s"] for run in runs]
    return {"best_s": min(walls), "walls_s": walls, "rc": [run["rc"] for run in runs],
            "main_rss_mb": max((run["main_rss_mb"] or 0) for run in runs)}


# ---- report ----------------------------------------------------------------------------------


def _f(value, spec: str = ".1f", none: str = "n/a") -> str:
    return none if value is None else format(value, spec)


def _table(r: dict) -> str:
    ex, rj, sp = r["extract"], r["rjieba"], r["spacy_jieba"]
    lines = [
        f"# Petition Miner benchmark — {r['date']}",
        "",
        f"Mode: {'quick' if r['quick'] else 'full'}; corpus: {ex['files']} generated summaries (seed {r['seed']}, "
        f"half zh / half en, {_mb(ex['bytes']):.2f} MB); host: {r['host']}; total bench wall time {r['wall_s']:.1f} s.",
        "",
        "| measurement | docs/s | MB/s | peak RSS (MB) | notes |",
        "|---|---:|---:|---:|---|",
        f"| extract (the engine in one process, classifiers on) | {ex['docs_per_s']:.1f} | {ex['mb_per_s']:.3f} | "
        f"{ex['peak_rss_mb']:.0f} | {ex['docs']} docs in {ex['seconds']:.2f} s after {r['warmup_files']} warm-up "
        f"file(s), one per language, and the engine's warm-up ({r['warmup_s']:.2f} s) |",
        f"| baseline: bare rjieba.cut | {rj['docs_per_s']:.1f} | {rj['mb_per_s']:.3f} | | same texts |",
        f"| baseline: spaCy blank('zh') + jieba segmenter | {sp['docs_per_s']:.1f} | {sp['mb_per_s']:.3f} | | same texts |",
    ]
    for workers, eng in sorted(r["engine"].items()):
        peaks = eng["worker_rss_mb"]
        note = f"{eng['docs']} docs in {eng['seconds']:.2f} s" + (
            ", pool start-up included" if workers > 1 else " (the extract pass above)")
        if workers > 1:
            note += "; records equal to 1 worker's" if eng["digest"] == r["engine"][1]["digest"] \
                else "; RECORDS DIFFER from 1 worker's"
        if peaks:
            note += f"; worker peaks {', '.join(f'{p:.0f}' for p in peaks)} MB"
        lines.append(f"| engine, {workers} worker{'s' if workers > 1 else ''} (warm process) | "
                     f"{eng['docs_per_s']:.1f} | | | {note} |")
    if "dask" in r:
        d = r["dask"]
        same = "the same records as the local engine" if d["digest"] == r["engine"][1]["digest"] else \
            "RECORDS DIFFER from the local engine"
        lines.append(f"| engine, Dask LocalCluster of 2 processes | {d['docs_per_s']:.1f} | | | "
                     f"{d['docs']} docs in {d['seconds']:.2f} s, cluster start-up included; {same} |")
    runs = r.get("runs") or {}
    for workers in (1, 2):
        run = runs.get(workers)
        if run is None:
            lines.append(f"| run --workers {workers} | n/a | | | skipped |")
            continue
        children = run["child_rss_mb"]
        rss = _f(run["main_rss_mb"], ".0f")
        note = f"wall {run['wall_s']:.2f} s incl. start-up, {run['docs']} docs, exit {run['rc']}"
        if workers > 1 and children:
            note += f"; descendant peaks {', '.join(f'{c:.0f}' for c in children)} MB (workers + resource tracker)"
        lines.append(f"| run --workers {workers} (subprocess) | {run['docs_per_s']:.1f} | | {rss} | {note} |")
    check = r.get("check")
    if check is not None:
        lines.append(f"| check, cold start, 1 file (best of 3) | | | {check['main_rss_mb']:.0f} | "
                     f"{check['best_s']:.2f} s (runs {', '.join(f'{w:.2f}' for w in check['walls_s'])} s; exit {check['rc'][0]}) |")
    else:
        lines.append("| check, cold start | | | | skipped |")
    j = r["json"]
    lines += [
        "",
        "| ratio | value | meaning |",
        "|---|---:|---|",
        f"| extract vs rjieba | {_f(j['extract_vs_rjieba'], '.4f')} | extract docs/s ÷ bare rjieba docs/s "
        f"(rjieba is {_f(j['rjieba_docs_per_s'] / j['extract_docs_per_s'], '.0f')}× faster) |",
        f"| extract vs spaCy+jieba | {_f(j['extract_vs_spacy_jieba'], '.4f')} | extract docs/s ÷ spaCy+jieba docs/s "
        f"(spaCy+jieba is {_f(j['spacy_jieba_docs_per_s'] / j['extract_docs_per_s'], '.0f')}× faster) |",
        f"| workers2 speedup | {_f(j['workers2_speedup'], '.2f')} | engine time with 1 worker ÷ with 2 workers "
        f"({os.cpu_count()} CPUs) |",
        f"| run speedup, end to end | {_f(j['run_workers2_speedup'], '.2f')} | `run` wall time with 1 worker ÷ with 2 |",
        "",
        "`run` docs/s is end-to-end wall time (interpreter start-up, loading the classifiers, batch "
        "findings, every output written), so on a small corpus it is dominated by fixed costs that a "
        "second worker cannot share; the engine rows time the processing alone.",
        "",
        "Cost growth (in-process extract over one pass of the generated corpus, before the baselines load; "
        "each size is a prefix, so its throughput includes every document before it):",
        "",
        "| docs | docs/s | MB/s | seconds | peak RSS (MB) | status |",
        "|---:|---:|---:|---:|---:|---|",
    ]
    for row in r["growth"]:
        if row.get("skipped"):
            lines.append(f"| {row['size']} | | | | | skipped: estimated {row['estimate_s'] / 60:.0f} min "
                         f"> {SKIP_AFTER_S // 60} min |")
        else:
            lines.append(f"| {row['size']} | {row['docs_per_s']:.1f} | {row['mb_per_s']:.3f} | {row['seconds']:.1f} | "
                         f"{row['peak_rss_mb']:.0f} | measured |")
    lines += [
        "",
        "Batch findings (template-copy: MinHash LSH, a bounded window of neighbours per bucket, exact "
        "Jaccard on the best candidates) on growing batches of the generated corpus, whose summaries all "
        "come from one generator and so nearly copy each other:",
        "",
        "| docs | docs/s | seconds | template-copy findings |",
        "|---:|---:|---:|---:|",
        *(f"| {row['docs']} | {row['docs_per_s']:.1f} | {row['seconds']:.1f} | {row['template_copy_findings']} |"
          for row in r["batch"]),
    ]
    lines += _stage_lines(r)
    scale = r.get("scale_run")
    if scale is not None:
        workers = ", ".join(f"{c:.0f}" for c in scale["child_rss_mb"])
        lines += [
            "",
            f"`run --workers 2` over {scale['docs']} generated summaries, every output written (exit {scale['rc']}): "
            f"wall {scale['wall_s']:.1f} s, {scale['docs_per_s']:.1f} docs/s end to end; peak RSS "
            f"{_f(scale['main_rss_mb'], '.0f')} MB in the main process (descendants {workers or 'n/a'} MB). "
            "Stages as the run reports them:",
            "",
            "| stage | seconds |",
            "|---|---:|",
            *(f"| {stage} | {seconds:.1f} |" for stage, seconds in scale["stages"].items()),
        ]
    return "\n".join(lines) + "\n"


def _stage_lines(r: dict) -> list[str]:
    """Each stage's milliseconds per summary beside what the two throughput targets leave for all of them."""
    stages = r.get("stages")
    if not stages:
        return []
    extract_ms = 1000 / r["extract"]["docs_per_s"]
    rjieba_ms, spacy_ms = 1000 / r["rjieba"]["docs_per_s"], 1000 / r["spacy_jieba"]["docs_per_s"]
    lines = [
        "",
        f"Where extract's time goes ({stages['docs']} summaries, each stage timed apart in one warm process; "
        f"extract itself takes {extract_ms:.2f} ms per summary). The targets leave, for every stage together, "
        f"{3 * rjieba_ms:.2f} ms per summary (at least 1/3 of bare rjieba, {rjieba_ms:.2f} ms) and "
        f"{spacy_ms / 10:.2f} ms (at least 10x spaCy+jieba, {spacy_ms:.2f} ms):",
        "",
        "| stage | ms per summary | × the 1/3-rjieba budget |",
        "|---|---:|---:|",
    ]
    for stage, ms in stages["ms"].items():
        note = " (inside the record stage)" if stage.startswith(" ") else \
            " (not part of extract; for scale)" if stage in CONTRACT_STAGES else ""
        lines.append(f"| {stage.strip()}{note} | {ms:.3f} | {ms / (3 * rjieba_ms):.1f} |")
    return lines


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# ---- the whole run ---------------------------------------------------------------------------


def run_benchmarks(quick: bool = True, docs: int | None = None, sizes: tuple[int, ...] | None = None,
                   subprocesses: bool = True, seed: int = 20240601, results_path: Path | None = RESULTS,
                   dask: bool | None = None, batch_sizes: tuple[int, ...] | None = None,
                   scale_docs: int | None = None,
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
        "wall_s": round(result["wall_s"], 2),
    }
    result["table"] = _table(result)
    if results_path is not None:
        _write_atomic(Path(results_path), result["table"])
    return result
