"""`petition-miner evaluate PATH --corrections FILE`: the pipeline against a batch's corrected records (a user's own gold)."""

from __future__ import annotations

from pathlib import Path

from cli.common import report_error
from pipeline.checks import CheckConfig
from pipeline.corrections.apply import correct_file
from pipeline.corrections.files import read_corrections
from pipeline.corrections.scoring import CorrectionScore, markdown_score, score_pairs
from pipeline.engine import process_many
from pipeline.process import with_batch_findings


def correction_report(paths: list[Path], corrections: Path) -> tuple[str, int]:
    """The markdown score over the files the corrections name, and how many files failed."""
    fixes = read_corrections(corrections)
    reviewed = {entry.file for entry in fixes.entries}
    results, failed = [], 0
    for result in process_many(paths):
        if result.error is not None:
            report_error(result.error)
            failed += 1
        elif result.content_hash in reviewed:
            results.append(result)
    files = with_batch_findings([result.file for result in results])
    pairs = []
    for result, file in zip(results, files):
        corrected = correct_file(file.records, file.text, result.content_hash, fixes, CheckConfig())
        pairs += zip(file.records, corrected)
    score: CorrectionScore = score_pairs(pairs)
    title = f"## The pipeline against the corrections of {corrections} ({len(results)} files reviewed)\n"
    return title + "\n" + markdown_score(score), failed
