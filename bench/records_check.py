"""`python -m bench.records_check SNAPSHOT [--compare BASELINE]`: every record of a fixed set of inputs,
written as JSON lines, and compared byte for byte with an earlier snapshot (speed work keeps records identical).

The inputs: the corpus, N generated summaries (1,000 by default), the generated and corpus texts
re-encoded (UTF-8 with BOM, UTF-16, GB18030 for Chinese, cp1252 for English) and, when given
with --real, the real development texts. A file that fails is kept as its coded error."""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import time
from pathlib import Path

from bench.generate import generate

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_WORK = Path("/tmp/pm-records-check")
ENCODINGS = (("utf-8-sig", "u8bom"), ("utf-16", "u16"))
ENCODED_EVERY = 20  # one generated summary in this many is also written in other encodings


def _encoded_copies(sources: list[Path], out: Path) -> list[Path]:
    """Each text of sources re-encoded (BOM, UTF-16, and GB18030 or cp1252 by language) under out."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sources:
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:  # corpus files already in another encoding
            continue
        local = "cp1252" if path.stem.startswith("en") or path.stem.endswith("_en") or "_en_" in path.stem \
            else "gb18030"
        for encoding, tag in ENCODINGS + ((local, local),):
            try:
                data = text.encode(encoding)
            except UnicodeEncodeError:
                continue
            target = out / f"{path.stem}.{tag}.txt"
            target.write_bytes(data)
            written.append(target)
    return written


def inputs(work: Path, generated: int, seed: int, real: Path | None) -> list[Path]:
    """The same list of paths on every call with the same arguments (generated files rewritten)."""
    shutil.rmtree(work, ignore_errors=True)
    gen = generate(generated, seed, work / "generated")
    corpus_txt = sorted((ROOT / "corpus").glob("*.txt"))
    encoded = _encoded_copies(gen[::ENCODED_EVERY] + corpus_txt, work / "encoded")
    paths = [ROOT / "corpus", *gen, *encoded]
    if real is not None and real.is_dir():
        paths.append(real)
    return paths


def snapshot(paths: list[Path], out: Path, workers: int) -> dict:
    """Write one JSON line per input file (its text's hash, its records or its error); a summary."""
    from pipeline.engine import process_many

    files = records = errors = 0
    started = time.perf_counter()
    with out.open("w", encoding="utf-8") as handle:
        for result in process_many(paths, workers=workers):
            files += 1
            row: dict = {"source": result.source, "status": result.status}
            if result.file is not None:
                row["text_sha"] = hashlib.sha256(result.file.text.encode("utf-8", "surrogatepass")).hexdigest()
                row["records"] = [record.model_dump_json() for record in result.records]
                records += len(result.records)
            if result.error is not None:
                errors += 1
                row["error"] = f"{type(result.error).__name__}: {result.error.message}"
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return {"files": files, "records": records, "errors": errors, "seconds": round(time.perf_counter() - started, 1)}


def compare(current: Path, baseline: Path) -> list[str]:
    """The sources whose line differs between two snapshots (and a note when the file lists differ)."""
    now = current.read_text(encoding="utf-8").splitlines()
    before = baseline.read_text(encoding="utf-8").splitlines()
    differ = [json.loads(a)["source"] for a, b in zip(now, before) if a != b]
    if len(now) != len(before):
        differ.append(f"(line counts differ: {len(now)} now, {len(before)} before)")
    return differ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.records_check", description=__doc__)
    parser.add_argument("snapshot", type=Path, help="JSON lines to write")
    parser.add_argument("--compare", type=Path, default=None, help="an earlier snapshot: exit 1 on any difference")
    parser.add_argument("--generated", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--real", type=Path, default=None, help="a folder of real texts to include")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="scratch folder for generated inputs")
    args = parser.parse_args(argv)
    summary = snapshot(inputs(args.work, args.generated, args.seed, args.real), args.snapshot, args.workers)
    print(json.dumps(summary))
    if args.compare is None:
        return 0
    differ = compare(args.snapshot, args.compare)
    if differ:
        print(f"{len(differ)} file(s) differ from {args.compare}: " + ", ".join(differ[:20]), file=sys.stderr)
        return 1
    print(f"identical to {args.compare}: {summary['files']} files, {summary['records']} records")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
