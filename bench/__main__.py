"""`python -m bench [--quick] [--sizes 1000,10000,50000] [--scale-run N] [--long-mb 1,2,4,8] [--dask]`: run every benchmark, write bench/RESULTS.md,
print the table, and end stdout with one JSON line."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from bench.harness import RESULTS, run_benchmarks


def _sizes(value: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part) for part in value.split(",") if part.strip())
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"sizes are comma-separated integers: {value!r}") from error
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive")
    return sizes


def _megabytes(value: str) -> tuple[float, ...]:
    try:
        sizes = tuple(float(part) for part in value.split(",") if part.strip())
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"sizes are comma-separated megabytes: {value!r}") from error
    if not sizes or min(sizes) <= 0:
        raise argparse.ArgumentTypeError("sizes must be positive")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small corpus and sizes (under a minute)")
    parser.add_argument("--sizes", type=_sizes, default=None,
                        help="document counts for cost growth (default: 100,300 quick; 1000,10000,50000 full)")
    parser.add_argument("--docs", type=int, default=None, help="documents for the throughput runs")
    parser.add_argument("--scale-run", type=int, default=None, metavar="N",
                        help="summaries for the large `run --workers 2` (default: 10000 full, none quick; 0: skip)")
    parser.add_argument("--long-mb", type=_megabytes, default=None, metavar="MB,...",
                        help="sizes of the one long summary timed against its length (default: 0.25,0.5,1 quick; 1,2,4,8 full)")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--no-subprocess", action="store_true", help="skip `run` and `check` subprocesses")
    parser.add_argument("--results", type=Path, default=RESULTS, help="markdown table to write")
    parser.add_argument("--dask", action=argparse.BooleanOptionalAction, default=None,
                        help="time the Dask engine on a LocalCluster too (default: in full runs only)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    result = run_benchmarks(quick=args.quick, docs=args.docs, sizes=args.sizes, subprocesses=not args.no_subprocess,
                            seed=args.seed, results_path=args.results, dask=args.dask,
                            scale_docs=args.scale_run, long_mb=args.long_mb)
    print(result["table"])
    print(f"(written to {args.results}; {time.perf_counter() - started:.1f} s)")
    print(json.dumps(result["json"], ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
