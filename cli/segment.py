"""`petition-miner segment`: each document's section tree with line numbers and a legend, or records with sections as JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.tree import Tree

from cli.common import (EXIT_ERROR, EXIT_OK, LangOption, VersionOption, chosen_lang, iter_processed,
                        refuse_unreadable_batch, report_error, stdout_console, write_stdout)
from pipeline.errors import PetitionMinerError
from pipeline.i18n import join_labels, language_label, section_label, section_source_label, text
from pipeline.locations import Locator, file_locator
from pipeline.schema import Record

KIND_STYLE = {"overview": "cyan", "measures": "green", "results": "magenta",
              "problems": "red", "plans": "yellow", "other": "white"}
SOURCES = ("heading", "content", "position", "parent")
HEADING_CHARS = 90


def _where(locator: Locator, offset: int) -> str:
    number, _ = locator.position(offset)
    return ("¶" if locator.unit == "paragraph" else "") + str(number)


def section_tree(record: Record, locator: Locator, lang: str = "en") -> Tree:
    """The heading tree of one record: each section's line (¶paragraph in a .docx), kind, how the
    kind was found, and heading."""
    title = f"[bold]{escape(record.doc_id)}[/bold] ({escape(language_label(record.language, lang))})"
    root = Tree(f"{title} {escape(record.title or '')}")
    branches: dict[int, Tree] = {-1: root}
    for section in record.sections:
        parent = next(branches[lv] for lv in sorted(branches, reverse=True) if lv < section.level)
        label = section.heading or text("no_heading", lang)
        style = KIND_STYLE[section.kind]
        node = parent.add(f"[blue]{_where(locator, section.start)}[/blue] "
                          f"[{style}]{escape(section_label(section.kind, lang))}[/{style}] "
                          f"[dim]({escape(section_source_label(section.kind_by, lang))})[/dim] "
                          f"{escape(label[:HEADING_CHARS])}")
        branches = {lv: b for lv, b in branches.items() if lv < section.level}
        branches[section.level] = node
    return root


def legend(lang: str) -> list[str]:
    """What the numbers and tags of the tree mean."""
    kinds = join_labels((f"[{style}]{escape(section_label(kind, lang))}[/{style}]"
                         for kind, style in KIND_STYLE.items()), lang)
    sources = join_labels((f"({escape(section_source_label(by, lang))}) {escape(text(f'legend_{by}', lang))}"
                           for by in SOURCES), lang)
    return [f"[bold]{escape(text('legend', lang))}[/bold]", "  " + escape(text("legend_number", lang)),
            "  " + text("legend_kinds", lang, kinds=kinds), "  " + escape(text("legend_sources", lang)) + sources]


def _sections_only(record: Record) -> Record:
    """The contract with sections filled and empty lists for the later stages."""
    return record.model_copy(update={"facts": (), "placeholders": (), "measures": (), "problems": (),
                                     "plans": (), "findings": ()})


def segment_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of summaries.", metavar="PATH")],
    json: Annotated[bool, typer.Option("--json", help="One record per line (the contract).")] = False,
    lang: LangOption = None,
    version: VersionOption = False,
) -> None:
    """Print each summary's section tree with line numbers (or records as JSON with --json)."""
    language = chosen_lang(lang)
    refuse_unreadable_batch(paths, language)
    console = stdout_console()
    status, shown = EXIT_OK, False
    for path, result in iter_processed(paths, classify=False):
        if isinstance(result, PetitionMinerError):
            report_error(result, language)
            status = EXIT_ERROR
            continue
        locator = file_locator(path, result.text)
        for record in result.records:
            if json:
                write_stdout(_sections_only(record).to_json())
            else:
                console.print(section_tree(record, locator, language))
                shown = True
    if shown:
        console.print()
        for line in legend(language):
            console.print(line)
    raise typer.Exit(status)
