"""Scores extraction on the real development set: texts outside git, gold as offsets, dev and test splits."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.evaluation import Tally, score_document, categories_table, checks_table, figures_table
from pipeline.i18n import text
from pipeline.gold import GoldDocument, GoldFile
from pipeline.process import process_file
from pipeline.realset import TextStatus, check_texts, load_manifest, load_real_gold
from pipeline.schema import Record


@dataclass
class RealEvaluation:
    """Tallies per split ("dev", "test", "all"), by language too, and the texts that could not be scored."""

    tallies: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    unavailable: list[TextStatus] = field(default_factory=list)
    without_gold: list[str] = field(default_factory=list)
    manifest_size: int = 0


def _overlap(record: Record, document: GoldDocument) -> int:
    if document.start is None or document.end is None:
        return 1 if record.part == document.part else 0
    return max(0, min(record.end, document.end) - max(record.start, document.start))


def records_per_document(records: list[Record], gold: GoldFile) -> list[list[Record]]:
    """The records of each gold document: every record goes to the document it overlaps most
    (a record overlapping none, e.g. website debris split off as a summary, to the nearest)."""
    groups: list[list[Record]] = [[] for _ in gold.documents]
    for record in records:
        overlaps = [_overlap(record, document) for document in gold.documents]
        if max(overlaps) > 0:
            best = overlaps.index(max(overlaps))
        else:
            best = min(range(len(gold.documents)),
                       key=lambda i: abs((gold.documents[i].start or 0) - record.start))
        groups[best].append(record)
    return groups


def merge_records(records: list[Record]) -> Record | None:
    """One record holding the items of several (ids prefixed by part where there are several)."""
    if not records:
        return None
    if len(records) == 1:
        return records[0]
    main = max(records, key=lambda r: r.end - r.start)

    def rename(record: Record, fact_id: str | None) -> str | None:
        return None if fact_id is None else f"p{record.part}.{fact_id}"

    facts, findings = [], []
    for record in records:
        facts += [f.model_copy(update={"id": rename(record, f.id), "part_of": rename(record, f.part_of),
                                       "refers_to": rename(record, f.refers_to)}) for f in record.facts]
        findings += [f.model_copy(update={"facts": tuple(rename(record, i) for i in f.facts)})
                     for f in record.findings]
    return main.model_copy(update={
        "facts": tuple(facts), "findings": tuple(findings),
        "sections": tuple(s for r in records for s in r.sections),
        "placeholders": tuple(p for r in records for p in r.placeholders),
        "measures": tuple(m for r in records for m in r.measures),
        "problems": tuple(p for r in records for p in r.problems),
        "plans": tuple(p for r in records for p in r.plans),
    })


def evaluate_real(real: Path, texts: Path) -> RealEvaluation:
    """Run the pipeline on every available real text and score it per split and language."""
    manifest = load_manifest(real)
    result = RealEvaluation(manifest_size=len(manifest))
    for status in check_texts(manifest, texts):
        if status.state != "ok":
            result.unavailable.append(status)
            continue
        gold = load_real_gold(real, status.entry.id)
        if gold is None:
            result.without_gold.append(status.entry.id)
            continue
        records = process_file(status.path, status.path.name)
        for document, group in zip(gold.documents, records_per_document(records, gold)):
            record = merge_records(group)
            name = f"{status.entry.id}#{document.part}"
            if record is None:
                result.tallies[status.entry.split].misses.append(f"{name}: document not found")
                continue
            keys = (status.entry.split, f"{status.entry.split} {document.language}", "all") \
                if status.entry.of_the_genre else (f"other pages ({status.entry.split})",)
            for key in keys:
                score_document(record, document, result.tallies[key], name)
    return result


SPLIT_ROWS = ("dev", "dev zh", "dev en", "test", "test zh", "test en", "all",
              "other pages (dev)", "other pages (test)")


def real_report(evaluation: RealEvaluation, lang: str = "en") -> str:
    """Markdown: availability, then figures, checks and categories per split."""
    lines = [text("eval_real_set", lang, texts=evaluation.manifest_size, unavailable=len(evaluation.unavailable),
                  without_gold=len(evaluation.without_gold))]
    for status in evaluation.unavailable:
        lines.append(text("eval_unavailable", lang, id=status.entry.id, state=status.state, path=status.path,
                          query=repr(status.entry.query), url=status.entry.url))
    rows = [(label, evaluation.tallies[label]) for label in SPLIT_ROWS if label in evaluation.tallies]
    if not rows:
        lines.append("\n" + text("eval_nothing_scored", lang))
        return "\n".join(lines)
    lines += ["", *figures_table(rows, lang), "", text("eval_checks", lang), "", *checks_table(rows, lang),
              "", text("eval_categories", lang), "", *categories_table(rows, lang)]
    return "\n".join(lines)
