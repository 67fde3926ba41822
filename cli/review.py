"""What `check` does with a reviewer's decisions: the corrections applied, then a findings baseline read or written."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from cli.common import err_console
from pipeline.corrections.locate import find_corrections
from pipeline.ingest import display_name
from pipeline.process import ProcessedFile


@dataclass(frozen=True)
class ReviewOptions:
    paths: list[Path]
    corrections: Path | None = None
    baseline: Path | None = None
    write_baseline: Path | None = None
    config: object = None


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def review_checked(checked: list, options: ReviewOptions) -> None:
    """Each checked file (cli.check.Checked) corrected in place; with --write-baseline its findings
    written as accepted (and none reported); with --baseline only the findings not in it kept.
    Without a corrections file that applies and without a baseline the findings stand as checked
    (and the corrections code is not loaded)."""
    if options.baseline is None and options.write_baseline is None and \
            not find_corrections(list(options.paths), options.corrections):
        return
    from pipeline.corrections.baseline import BaselineFilter, entry_of, read_baseline, write_baseline
    from pipeline.corrections.batch import CorrectedResults
    from pipeline.corrections.files import load_corrections

    fixer = CorrectedResults(load_corrections(options.paths, options.corrections), options.config)
    accepted = BaselineFilter(read_baseline(options.baseline)) if options.baseline is not None else None
    written = []
    for item in checked:
        digest = _digest(item.path)
        source = display_name(str(item.path))
        fixed = fixer.correct_processed(ProcessedFile(item.path, item.text, tuple(item.records)), digest, source)
        item.records = list(fixed.records)
        item.findings = [list(record.findings) for record in fixed.records]
        if options.write_baseline is not None:
            written += [entry_of(f, item.text, digest, source) for findings in item.findings for f in findings]
            item.findings = [[] for _ in item.findings]
        elif accepted is not None:
            item.findings = [[f for f in findings if not accepted.known(f, item.text, digest)]
                             for findings in item.findings]
    for warning in fixer.warnings():
        err_console.print(f"warning: {warning}", markup=False, highlight=False, soft_wrap=True)
    if options.write_baseline is not None:
        count = write_baseline(written, options.write_baseline)
        err_console.print(f"baseline: {count} findings accepted in {options.write_baseline}", markup=False,
                          highlight=False, soft_wrap=True)
