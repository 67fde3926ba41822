"""`python -m bench.tail_replay capture PATH DUMP [--workers N]` then `python -m bench.tail_replay run DUMP -- RUN-ARGS`: `run`'s main process timed alone, on worker results captured once.

capture: every file's result as the workers give it (process_many), pickled one after another into
DUMP. run: `petition-miner run RUN-ARGS` with those results fed back instead of processing (no
workers), printing each stage's wall and CPU seconds, the process's memory after it (VmRSS, VmHWM)
and the seconds spent in garbage collections: the same input for the main process's stages on
every code version, so two versions can be compared stage by stage (and their outputs with
bench.outputs_check)."""

from __future__ import annotations

import argparse
import gc
import pickle
import sys
import time
from pathlib import Path


def capture(paths: list[Path], dump: Path, workers: int = 2) -> int:
    """Process the files and pickle each FileResult into `dump`; the number of results."""
    from pipeline.engine import process_many
    from pipeline.reading import iter_inputs

    files = list(iter_inputs(paths, unsupported=True))
    count = 0
    with open(dump, "wb") as handle:
        for result in process_many(files, workers=workers):
            pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
            count += 1
    return count


def _results(dump: Path):
    with open(dump, "rb") as handle:
        while True:
            try:
                yield pickle.load(handle)
            except EOFError:
                return


def _memory() -> str:
    try:
        status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    except OSError:
        return ""
    return f" rss {status['VmRSS'].strip()} hwm {status['VmHWM'].strip()}"


def replay(dump: Path, run_args: list[str]) -> int:
    """`run` with the captured results; its exit code."""
    import cli.run
    from cli.main import main as petition_miner

    collecting = {"since": 0.0, "total": 0.0}

    def watch(phase: str, _info: dict) -> None:
        if phase == "start":
            collecting["since"] = time.process_time()
        else:
            collecting["total"] += time.process_time() - collecting["since"]

    lap, cpu = cli.run._Stopwatch.lap, [time.process_time()]

    def reporting_lap(self, stage: str) -> None:
        lap(self, stage)
        now = time.process_time()
        print(f"stage {stage}: wall {self.stages[stage]:.2f} s, cpu {now - cpu[0]:.2f} s,{_memory()}, "
              f"collections so far {collecting['total']:.2f} s", file=sys.stderr)
        cpu[0] = now

    process_many, argv = cli.run.process_many, sys.argv
    cli.run.process_many = lambda files, **_options: _results(dump)
    cli.run._Stopwatch.lap = reporting_lap
    gc.callbacks.append(watch)
    sys.argv = ["petition-miner", "run", *run_args]
    try:
        petition_miner()
    except SystemExit as end:
        return int(end.code or 0)
    finally:  # (the run's module as it was: a test replays in its own process)
        gc.callbacks.remove(watch)
        cli.run.process_many, cli.run._Stopwatch.lap, sys.argv = process_many, lap, argv
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.tail_replay", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    take = commands.add_parser("capture")
    take.add_argument("paths", type=Path, nargs="+")
    take.add_argument("dump", type=Path)
    take.add_argument("--workers", type=int, default=2)
    again = commands.add_parser("run")
    again.add_argument("dump", type=Path)
    again.add_argument("run_args", nargs=argparse.REMAINDER, help="the arguments of `run` (after --)")
    args = parser.parse_args(argv)
    if args.command == "capture":
        print(f"{capture(args.paths, args.dump, args.workers)} results in {args.dump}")
        return 0
    return replay(args.dump, args.run_args[1:] if args.run_args[:1] == ["--"] else args.run_args)


if __name__ == "__main__":
    sys.exit(main())
