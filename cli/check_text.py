"""The text output of `petition-miner check`: each finding with its source line and a caret, repeats grouped, statistics, the tally."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Protocol, Sequence

from rich.console import Console
from rich.markup import escape
from rich.cells import cell_len

from pipeline.i18n import finding_message, join_labels, rule_title, severity_label, text
from pipeline.locations import Locator, file_locator, snippet
from pipeline.reading import display_name
from pipeline.schema import Finding, Record

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
SEVERITIES = ("error", "warning", "info")
GROUP_MIN = 4  # a rule found this often in one file is shown once, with its count and locations
GROUP_LOCATIONS = 5  # the locations a group lists before "and N more"
SNIPPET_WIDTH = 120  # cells of source shown when the output is no terminal


class CheckedFile(Protocol):
    path: Path
    text: str
    records: list[Record]
    findings: list[list[Finding]]


@dataclass(frozen=True)
class Located:
    """One finding where a reader finds it: line (or .docx paragraph) and character."""

    path: str
    doc_id: str
    number: int
    char: int
    finding: Finding


def locate(item: CheckedFile, locator: Locator | None = None) -> list[Located]:
    """The findings of one file in reading order, with their positions."""
    locator = locator or file_locator(item.path, item.text)
    name = display_name(str(item.path))
    found = [Located(name, record.doc_id, *locator.position(finding.start), finding)
             for record, findings in zip(item.records, item.findings) for finding in findings]
    return sorted(found, key=lambda f: (f.finding.start, f.finding.end, f.finding.rule))


def _header(where: Located, lang: str, count: int = 1) -> str:
    f = where.finding
    style = SEVERITY_STYLE[f.severity]
    message = finding_message(f, lang)
    if count > 1:
        message += text("group_count", lang, n=count)
    return (f"[bold]{escape(where.path)}[/bold]:{where.number}:{where.char}: "
            f"[{style}]{escape(severity_label(f.severity, lang))}[/{style}] [dim]{escape(f.rule)}[/dim] "
            f"{escape(message)}")


def _source(item: CheckedFile, where: Located, unit: str, width: int) -> list[str]:
    """The source line under the header: a gutter with the line or paragraph number, the text, carets."""
    shown = snippet(item.text, where.finding.start, where.finding.end, width)
    number = ("¶" if unit == "paragraph" else "") + str(where.number)
    pad = " " * len(number)
    return [f"[blue]{pad} |[/blue]", f"[blue]{number} |[/blue] {escape(shown.source)}",
            f"[blue]{pad} |[/blue] [bold red]{shown.carets}[/bold red]"]


def _grouped(found: list[Located], group: bool) -> Iterator[list[Located]]:
    """Findings one by one; with `group`, a rule found GROUP_MIN times or more comes once, as the
    list of all its findings, where its first one is."""
    counts = Counter(f.finding.rule for f in found)
    emitted: set[str] = set()
    for where in found:
        rule = where.finding.rule
        if group and counts[rule] >= GROUP_MIN:
            if rule not in emitted:
                emitted.add(rule)
                yield [f for f in found if f.finding.rule == rule]
        else:
            yield [where]


def _more(members: list[Located], lang: str) -> str:
    rest = members[1:]
    places = join_labels((f"{f.number}:{f.char}" for f in rest[:GROUP_LOCATIONS]), lang)
    beyond = len(rest) - GROUP_LOCATIONS
    tail = text("group_beyond", lang, n=beyond) if beyond > 0 else ""
    return text("group_more", lang, n=len(rest), places=places, beyond=tail)


def print_findings(console: Console, checked: Sequence[CheckedFile], lang: str, group: bool = True) -> None:
    """Every finding (or group) with its source line; a blank line after each file with findings."""
    width = max(40, console.width - 12) if console.is_terminal else SNIPPET_WIDTH
    for item in checked:
        locator = file_locator(item.path, item.text)
        found = locate(item, locator)
        for members in _grouped(found, group):
            first = members[0]
            console.print(_header(first, lang, len(members)))
            for line in _source(item, first, locator.unit, width):
                console.print(line)
            if len(members) > 1:
                pad = " " * (len(str(first.number)) + (locator.unit == "paragraph"))
                console.print(f"[blue]{pad} =[/blue] {escape(_more(members, lang))}")
        if found:
            console.print()


def statistics(checked: Iterable[CheckedFile]) -> list[tuple[str, str, int]]:
    """(rule, severity, count) of every finding, most frequent first."""
    counts = Counter((f.rule, f.severity) for item in checked for findings in item.findings for f in findings)
    return [(rule, severity, n) for (rule, severity), n in
            sorted(counts.items(), key=lambda kv: (-kv[1], SEVERITIES.index(kv[0][1]), kv[0][0]))]


def _padded(cells: list[str], widths: list[int]) -> list[str]:
    """Cells padded to their column's width (wide characters count twice); the count right-aligned."""
    return [" " * (w - cell_len(c)) + c if n == 0 else c + " " * (w - cell_len(c))
            for n, (c, w) in enumerate(zip(cells, widths))]


def print_statistics(console: Console, checked: Sequence[CheckedFile], lang: str) -> None:
    """One line per (rule, severity): count, severity, rule id and title, most frequent first."""
    rows = [[str(n), severity_label(severity, lang), rule, rule_title(rule, lang)]
            for rule, severity, n in statistics(checked)]
    if not rows:
        return
    head = [text(f"stat_{key}", lang) for key in ("count", "severity", "rule", "title")]
    widths = [max(cell_len(row[n]) for row in [head, *rows]) for n in range(3)] + [0]
    console.print("[bold]" + escape("  ".join(_padded(head, widths)).rstrip()) + "[/bold]")
    for (rule, severity, _), row in zip(statistics(checked), rows):
        style = SEVERITY_STYLE[severity]
        count, shown, rule_id, title = _padded(row, widths)
        console.print(f"{count}  [{style}]{escape(shown)}[/{style}]  {escape(rule_id)}  {escape(title)}".rstrip())
    console.print()


def tally(checked: Sequence[CheckedFile], failed: int, lang: str) -> str:
    """'2 errors, 0 warnings, 0 info in 1 file (1 summary)' and the files that could not be read."""
    counts = Counter(f.severity for item in checked for findings in item.findings for f in findings)
    summaries = sum(len(item.records) for item in checked)
    line = text("check_tally", lang, errors=text("count_error", lang, n=counts["error"]),
                warnings=text("count_warning", lang, n=counts["warning"]),
                infos=text("count_info", lang, n=counts["info"]),
                files=text("count_file", lang, n=len(checked)), summaries=text("count_summary", lang, n=summaries))
    return line + (text("check_unread", lang, n=failed) if failed else "")
