"""What `evaluate` scores per file format (.txt, .docx, .pdf, .doc): figures, table cells apart, and whether every offset is true."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.gold import GoldDocument, GoldFact
from pipeline.schema import Fact, Record

TABLES = "table cells"


@dataclass
class FormatTally:
    """Counts of the documents of one format (or of the table cells of every document)."""

    documents: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    indicator_right: int = 0
    kind_right: int = 0
    relations: int = 0
    relations_right: int = 0
    spans: int = 0  # every span of the records: facts, sections, units, placeholders, findings, table cells
    spans_true: int = 0
    wrong: list[str] = field(default_factory=list)

    @staticmethod
    def ratio(part: int, whole: int) -> float:
        return part / whole if whole else 1.0


def _spans(record: Record) -> list[tuple[str, int, int, str | None]]:
    """(what, start, end, text it must equal or None) of every span of a record."""
    spans = [("record", record.start, record.end, None)]
    spans += [(f"fact {f.id}", f.start, f.end, f.surface) for f in record.facts]
    spans += [(f"placeholder {p.surface!r}", p.start, p.end, p.surface) for p in record.placeholders]
    spans += [(f"section {s.kind}", s.start, s.end, None) for s in record.sections]
    spans += [(f"{unit.id}", unit.start, unit.end, unit.text)
              for unit in (*record.measures, *record.problems, *record.plans)]
    spans += [(f"finding {f.rule}", f.start, f.end, None) for f in record.findings]
    spans += [(f"table {t.id}", t.start, t.end, None) for t in record.tables]
    spans += [(f"table {t.id} cell {c.row},{c.column}", c.start, c.end, c.text) for t in record.tables for c in t.cells]
    return spans


def check_offsets(record: Record, text: str, tally: FormatTally, name: str) -> None:
    """Count the record's spans and those that hold: within the file and equal to their text."""
    for what, start, end, expected in _spans(record):
        tally.spans += 1
        holds = 0 <= start <= end <= len(text) and (expected is None or text[start:end] == expected)
        tally.spans_true += holds
        if not holds:
            tally.wrong.append(f"{name}: {what} [{start}, {end}) is not its text")


def in_tables(record: Record, start: int, end: int) -> bool:
    return any(t.start <= start and end <= t.end for t in record.tables)


def score_figures(facts: tuple[Fact, ...], gold: tuple[GoldFact, ...], tally: FormatTally) -> None:
    """Figures against the gold: matched by overlapping span and equal value (evaluation.match_facts)."""
    from pipeline.evaluation import match_facts

    pairs = match_facts(facts, gold)
    truth = {g.id: g for g in gold}
    tally.gold += len(gold)
    tally.predicted += len(facts)
    tally.matched += len(pairs)
    for fact in facts:
        expected = truth.get(pairs.get(fact.id, ""))
        if expected is None:
            continue
        tally.indicator_right += fact.indicator == expected.indicator
        tally.kind_right += fact.kind == expected.kind
        if fact.indicator != expected.indicator:
            tally.wrong.append(f"{fact.surface!r} {fact.indicator} != {expected.indicator}")
        for predicted, wanted in ((fact.part_of, expected.part_of), (fact.refers_to, expected.refers_to)):
            if predicted is None and wanted is None:
                continue
            tally.relations += 1
            tally.relations_right += predicted is not None and pairs.get(predicted) == wanted


def score_formats(record: Record, gold: GoldDocument, text: str, source: str, tallies: dict[str, FormatTally]) -> None:
    """Score one document into the tally of its format and, for its table cells, into TABLES."""
    name = f"{source}#{record.part}"
    kind = Path(source).suffix.lower().lstrip(".") or "txt"
    tally = tallies.setdefault(kind, FormatTally())
    tally.documents += 1
    score_figures(record.facts, gold.facts, tally)
    check_offsets(record, text, tally, name)
    if record.tables:
        cells = tallies.setdefault(TABLES, FormatTally())
        cells.documents += 1
        score_figures(tuple(f for f in record.facts if in_tables(record, f.start, f.end)),
                      tuple(g for g in gold.facts if in_tables(record, g.start, g.end)), cells)


def formats_table(tallies: dict[str, FormatTally]) -> list[str]:
    """One markdown row per format and one for the table cells."""
    lines = ["| format | docs | gold | predicted | precision | recall | indicator acc. | kind acc. | relation acc. | "
             "offsets true |", "|---|---|---|---|---|---|---|---|---|---|"]
    order = sorted(k for k in tallies if k != TABLES) + ([TABLES] if TABLES in tallies else [])
    for key in order:
        t = tallies[key]
        r = t.ratio
        spans = f"{t.spans_true}/{t.spans}" if key != TABLES else "(in their formats)"
        lines.append(f"| {key} | {t.documents} | {t.gold} | {t.predicted} | {r(t.matched, t.predicted):.3f} | "
                     f"{r(t.matched, t.gold):.3f} | {r(t.indicator_right, t.matched):.3f} | "
                     f"{r(t.kind_right, t.matched):.3f} | {r(t.relations_right, t.relations):.3f} | {spans} |")
    return lines
