"""`petition-miner check` and `petition-miner rules`: lint summaries, list the rules."""

from __future__ import annotations

import json
import re
import sys
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Iterable

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cli.common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, report_error
from pipeline.checks.rulebook import rule_book
from pipeline.checks.config import SEVERITY_RANK, CheckConfig, load_config, split_ids
from cli.review import ReviewOptions, review_checked
from pipeline.errors import ConfigError, InputError, PetitionMinerError
from pipeline.ingest import display_name, iter_paths
from pipeline.process import ProcessedFile, process_path, with_batch_findings
from pipeline.schema import Finding, Record

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


@dataclass
class Checked:
    """One readable input file: its text, its records and each record's findings."""

    path: Path
    text: str
    records: list[Record]
    findings: list[list[Finding]]


def _load(paths: Iterable[Path], config: CheckConfig) -> tuple[list[ProcessedFile], int]:
    """Each readable file processed (without classifiers), and how many files failed (reported)."""
    loaded, failed = [], 0
    for path in iter_paths(paths):
        try:
            loaded.append(process_path(path, config=config, classify=False))
        except PetitionMinerError as error:
            report_error(error)
            failed += 1
        except OSError as error:
            report_error(InputError(f"cannot read the file ({error.strerror or error.__class__.__name__})", path))
            failed += 1
        except Exception as error:  # an extractor bug must not hide the other files' findings
            report_error(PetitionMinerError(f"internal error while processing ({error.__class__.__name__}: "
                                            f"{error}); please report it", path))
            failed += 1
    return loaded, failed


def _check(loaded: list[ProcessedFile], templates: list[ProcessedFile], config: CheckConfig) -> list[Checked]:
    merged = with_batch_findings(loaded, config, templates)
    return [Checked(item.path, item.text, list(item.records), [list(r.findings) for r in item.records])
            for item in merged]


def line_starts(text: str) -> list[int]:
    """The offset of the first character of each line, in one pass."""
    return [0] + [match.end() for match in re.finditer("\n", text)]


def _position(text: str, offset: int, starts: list[int] | None = None) -> tuple[int, int]:
    """1-based line and column of a character offset (`starts`: the text's line_starts)."""
    starts = starts if starts is not None else line_starts(text)
    line = bisect_right(starts, offset)  # the lines starting at or before it: one per newline before it, and 1
    return line, offset - starts[line - 1] + 1


def _rows(checked: list[Checked]) -> Iterable[dict]:
    for item in checked:
        starts = line_starts(item.text)
        for record, findings in zip(item.records, item.findings):
            for finding in findings:
                line, col = _position(item.text, finding.start, starts)
                yield {"path": display_name(str(item.path)), "doc_id": record.doc_id, "line": line, "col": col,
                       "start": finding.start, "end": finding.end, "rule": finding.rule,
                       "severity": finding.severity, "message": finding.message,
                       "facts": list(finding.facts)}


def _print_text(checked: list[Checked], failed: int) -> None:
    console = Console(highlight=False, soft_wrap=True)
    counts: Counter[str] = Counter()
    for item in checked:
        rows = list(_rows([item]))
        for row in rows:
            counts[row["severity"]] += 1
            style = SEVERITY_STYLE[row["severity"]]
            console.print(f"[bold]{escape(row['path'])}[/bold]:{row['line']}:{row['col']}: "
                          f"[{style}]{row['severity']}[/{style}] [dim]{escape(row['rule'])}[/dim] "
                          f"{escape(row['message'])}")
        if rows:
            console.print()
    summaries = sum(len(item.records) for item in checked)
    tally = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}"
                      for s in ("error", "warning", "info"))
    unread = f"; {failed} file{'s' if failed != 1 else ''} could not be read" if failed else ""
    console.print(f"{tally} in {len(checked)} file{'s' if len(checked) != 1 else ''} "
                  f"({summaries} summar{'ies' if summaries != 1 else 'y'}){unread}")


def _config(config: Path | None, select: list[str] | None, ignore: list[str] | None) -> CheckConfig:
    return load_config(config, Path.cwd()).with_overrides(split_ids(select), split_ids(ignore))


def check_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of summaries.")],
    format: Annotated[OutputFormat, typer.Option("--format", help="text lines or a JSON list.")] = OutputFormat.text,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Lowest severity that makes the exit code 1.")] = FailOn.error,
    select: Annotated[list[str] | None, typer.Option("--select", help="Only these rule ids (comma separated or repeated).")] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="Skip these rule ids (comma separated or repeated).")] = None,
    templates: Annotated[Path | None, typer.Option("--templates", help="Folder of template summaries to compare against.")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="petition-miner.toml or pyproject.toml to read.")] = None,
    corrections: Annotated[Path | None, typer.Option("--corrections", help="Corrections file (default: corrections.yaml"
                                                     " or .csv beside the inputs, or petition-miner.toml's).")] = None,
    baseline: Annotated[Path | None, typer.Option("--baseline", help="Report only findings not in this baseline.")] = None,
    write_baseline: Annotated[Path | None, typer.Option("--write-baseline", help="Accept today's findings: write them "
                                                        "to this baseline file.")] = None,
) -> None:
    """Lint summaries: missing sections, impossible figures, unfilled templates, copied text."""
    try:
        settings = _config(config, select, ignore)
        if templates is not None and not templates.is_dir():
            raise ConfigError("--templates must name a folder of summaries", templates)
    except ConfigError as error:
        report_error(error)
        raise typer.Exit(EXIT_ERROR)
    loaded, failed = _load(paths, settings)
    template_files, template_failed = _load([templates], settings) if templates is not None else ([], 0)
    if not loaded and not failed:
        report_error(InputError("no summary files (.txt, .docx) found in the given paths"))
        raise typer.Exit(EXIT_ERROR)
    try:
        checked = _check(loaded, template_files, settings)
        review_checked(checked, ReviewOptions(paths, corrections, baseline, write_baseline, settings))
    except PetitionMinerError as error:
        report_error(error)
        raise typer.Exit(EXIT_ERROR)
    except Exception as error:  # exit 1 means findings; a crash must not look like one
        report_error(PetitionMinerError(f"internal error in the checks ({error.__class__.__name__}: {error}); "
                                        "please report it"))
        raise typer.Exit(EXIT_ERROR)
    if format is OutputFormat.json:
        sys.stdout.write(json.dumps(list(_rows(checked)), ensure_ascii=False, indent=2) + "\n")
    else:
        _print_text(checked, failed)
    if failed or template_failed:
        raise typer.Exit(EXIT_ERROR)
    threshold = SEVERITY_RANK[fail_on.value]
    failing = any(SEVERITY_RANK[f.severity] >= threshold
                  for item in checked for findings in item.findings for f in findings)
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_OK)


def rules_command() -> None:
    """List every check rule with its default severity and what it looks for."""
    table = Table(show_lines=True)
    table.add_column("rule", style="bold", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("explanation", overflow="fold")
    for rule, spec in rule_book().rules.items():
        style = SEVERITY_STYLE[spec.severity]
        table.add_row(rule, f"[{style}]{spec.severity}[/{style}]", escape(spec.explanation))
    Console(highlight=False).print(table)
    raise typer.Exit(EXIT_OK)
