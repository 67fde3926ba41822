"""`petition-miner check` and `petition-miner rules`: lint summaries, list the rules."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Iterable

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cli.check_text import SEVERITY_STYLE, locate, print_findings, print_statistics, statistics, tally
from cli.common import (EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, CorrectionsOption, LangOption, TownshipsOption,
                        VersionOption, chosen_lang, refuse_unreadable_batch, report_error)
from pipeline.checks.config import SEVERITY_RANK, CheckConfig, load_config, split_ids
from cli.review import ReviewOptions, review_checked
from pipeline.checks.rulebook import rule_book
from pipeline.checks.history import History
from pipeline.errors import ConfigError, InputError, PetitionMinerError
from pipeline.i18n import finding_message, rule_explanation, rule_title, severity_label, text
from pipeline.ingest import iter_paths
from pipeline.locations import file_locator, text_locator
from pipeline.process import ProcessedFile, process_path, with_batch_findings
from pipeline.schema import Finding, Record


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


def _load(paths: Iterable[Path], config: CheckConfig, lang: str) -> tuple[list[ProcessedFile], int]:
    """Each readable file processed (without classifiers), and how many files failed (reported)."""
    loaded, failed = [], 0
    for path in iter_paths(paths):
        try:
            loaded.append(process_path(path, config=config, classify=False))
        except PetitionMinerError as error:
            report_error(error, lang)
            failed += 1
        except OSError as error:
            report_error(InputError(f"cannot read the file ({error.strerror or error.__class__.__name__})", path),
                         lang)
            failed += 1
        except Exception as error:  # an extractor bug must not hide the other files' findings
            report_error(PetitionMinerError(f"internal error while processing ({error.__class__.__name__}: "
                                            f"{error}); please report it", path), lang)
            failed += 1
    return loaded, failed


def _check(loaded: list[ProcessedFile], templates: list[ProcessedFile], config: CheckConfig,
           history: History | None = None) -> list[Checked]:
    merged = with_batch_findings(loaded, config, templates, history)
    return [Checked(item.path, item.text, list(item.records), [list(r.findings) for r in item.records])
            for item in merged]


def _rows(checked: list[Checked], lang: str) -> Iterable[dict]:
    """One JSON object per finding: ids and offsets; line and col of the text; paragraph and char
    of a .docx; the message in the chosen language."""
    for item in checked:
        lines, places = text_locator(item.text), file_locator(item.path, item.text)
        for where in locate(item, lines):
            finding = where.finding
            row = {"path": where.path, "doc_id": where.doc_id, "line": where.number, "col": where.char,
                   "start": finding.start, "end": finding.end, "rule": finding.rule,
                   "severity": finding.severity, "message": finding_message(finding, lang),
                   "facts": list(finding.facts)}
            if places.unit == "paragraph":
                row["paragraph"], row["char"] = places.position(finding.start)
            yield row


def _config(config: Path | None, select: list[str] | None, ignore: list[str] | None) -> CheckConfig:
    return load_config(config, Path.cwd()).with_overrides(split_ids(select), split_ids(ignore))


def _stats_json(checked: list[Checked], lang: str) -> list[dict]:
    return [{"rule": rule, "severity": severity, "count": n, "title": rule_title(rule, lang)}
            for rule, severity, n in statistics(checked)]


def _output(checked: list[Checked], failed: int, format: OutputFormat, stats: bool, group: bool, lang: str) -> None:
    if format is OutputFormat.json:
        rows = _stats_json(checked, lang) if stats else list(_rows(checked, lang))
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    console = Console(highlight=False, soft_wrap=True)
    if stats:
        print_statistics(console, checked, lang)
    else:
        print_findings(console, checked, lang, group)
    console.print(escape(tally(checked, failed, lang)))


def _history(store: Path | None, paths: list[Path], townships: Path | None) -> History:
    """The store's earlier summaries (none without --history) and the township alias table."""
    from pipeline.township_aliases import load_aliases

    aliases = load_aliases(paths, townships)
    if store is None:
        return History(aliases=aliases)
    from pipeline.store_history import load_history

    return History(load_history(store), aliases)


def check_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of summaries.", metavar="PATH")],
    format: Annotated[OutputFormat, typer.Option("--format", help="text lines or a JSON list.")] = OutputFormat.text,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Lowest severity that makes the exit code 1.")] = FailOn.error,
    select: Annotated[list[str] | None, typer.Option("--select", help="Only these rule ids (comma separated or repeated).")] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="Skip these rule ids (comma separated or repeated).")] = None,
    templates: Annotated[Path | None, typer.Option("--templates", help="Folder of template summaries to compare against.")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="petition-miner.toml or pyproject.toml to read.")] = None,
    corrections: CorrectionsOption = None,
    baseline: Annotated[Path | None, typer.Option("--baseline", help="Report only findings not in this baseline.")] = None,
    write_baseline: Annotated[Path | None, typer.Option("--write-baseline", help="Accept today's findings: write them "
                                                        "to this baseline file.")] = None,
    statistics: Annotated[bool, typer.Option("--statistics", help="Counts per rule instead of each finding.")] = False,
    group: Annotated[bool, typer.Option("--group/--no-group", help="Show a rule found 4 or more times in one "
                                        "file once, with its count and first locations.")] = True,
    history: Annotated[Path | None, typer.Option("--history", help="DuckDB store of earlier runs: check each "
                                                 "township's figures against its own earlier summaries.")] = None,
    townships: TownshipsOption = None,
    lang: LangOption = None,
    version: VersionOption = False,
) -> None:
    """Lint summaries: missing sections, impossible figures, unfilled templates, copied text, figures
    against the township's own earlier summaries.

    Each finding: path:line:col, severity, rule, message, the source line with a caret under it.

    In a .docx the location is paragraph:character (¶ marks the paragraph number)."""
    language = chosen_lang(lang, config)
    try:
        settings = _config(config, select, ignore)
        if templates is not None and not templates.is_dir():
            raise ConfigError("--templates must name a folder of summaries", templates)
        earlier = _history(history, paths, townships)
    except ConfigError as error:
        report_error(error, language)
        raise typer.Exit(EXIT_ERROR)
    refuse_unreadable_batch(paths, language)
    loaded, failed = _load(paths, settings, language)
    template_files, template_failed = _load([templates], settings, language) if templates is not None else ([], 0)
    try:
        checked = _check(loaded, template_files, settings, earlier)
        review_checked(checked, ReviewOptions(paths, corrections, baseline, write_baseline, settings))
    except PetitionMinerError as error:
        report_error(error, language)
        raise typer.Exit(EXIT_ERROR)
    except Exception as error:  # exit 1 means findings; a crash must not look like one
        report_error(PetitionMinerError(f"internal error in the checks ({error.__class__.__name__}: {error}); "
                                        "please report it"), language)
        raise typer.Exit(EXIT_ERROR)
    _output(checked, failed, format, statistics, group, language)
    if failed or template_failed:
        raise typer.Exit(EXIT_ERROR)
    threshold = SEVERITY_RANK[fail_on.value]
    failing = any(SEVERITY_RANK[f.severity] >= threshold
                  for item in checked for findings in item.findings for f in findings)
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_OK)


def rules_command(lang: LangOption = None, version: VersionOption = False) -> None:
    """List every check rule with its default severity and what it looks for."""
    language = chosen_lang(lang)
    table = Table(show_lines=True)
    table.add_column(text("rules_rule", language), style="bold", no_wrap=True)
    table.add_column(text("rules_title", language), overflow="fold")
    table.add_column(text("rules_severity", language), no_wrap=True)
    table.add_column(text("rules_explanation", language), overflow="fold")
    for rule, spec in rule_book().rules.items():
        style = SEVERITY_STYLE[spec.severity]
        table.add_row(rule, escape(rule_title(rule, language)),
                      f"[{style}]{escape(severity_label(spec.severity, language))}[/{style}]",
                      escape(rule_explanation(rule, language)))
    Console(highlight=False).print(table)
    raise typer.Exit(EXIT_OK)
