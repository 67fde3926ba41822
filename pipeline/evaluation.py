"""Scores extraction against the corpus gold: figures, indicators, relations, scopes, sections, profile."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.checks.rulebook import rule_book
from pipeline.errors import InputError
from pipeline.gold import GoldDocument, GoldFact, load_gold
from pipeline.evaluation_formats import FormatTally, formats_table, score_formats
from pipeline.i18n import section_label, text
from pipeline.process import process_path
from pipeline.schema import Fact, Record

VALUE_TOLERANCE = 1e-6


@dataclass
class Tally:
    """Counts of one language (or of all documents)."""

    documents: int = 0
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    indicator_right: int = 0
    kind_right: int = 0
    relations: int = 0
    relations_right: int = 0
    scope_right: int = 0
    placeholders_gold: int = 0
    placeholders_found: int = 0
    placeholders_predicted: int = 0
    sections_gold: int = 0
    sections_predicted: int = 0
    sections_right: int = 0
    period_right: int = 0
    township_right: int = 0
    categories: dict[str, list[int]] = field(default_factory=lambda: {"measures": [0, 0, 0], "problems": [0, 0, 0]})
    arithmetic_gold: int = 0  # arithmetic errors the gold lists (planted or found in a real text)
    arithmetic_found: int = 0  # of those, flagged by a finding (error or warning) on the same facts
    certain_gold: int = 0  # the errors the gold calls certain
    certain_found: int = 0  # of those, flagged
    error_findings: int = 0  # error-severity arithmetic findings raised
    false_errors: int = 0  # of those, on arithmetic the gold says holds
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    wrong_indicator: list[str] = field(default_factory=list)
    finding_notes: list[str] = field(default_factory=list)

    def ratio(self, part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    @property
    def precision(self) -> float:
        return self.ratio(self.matched, self.predicted)

    @property
    def recall(self) -> float:
        return self.ratio(self.matched, self.gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _overlaps(fact: Fact, gold: GoldFact) -> bool:
    return fact.start < gold.end and gold.start < fact.end


def match_facts(facts: tuple[Fact, ...], gold: tuple[GoldFact, ...]) -> dict[str, str]:
    """Predicted fact id -> gold fact id: overlapping spans with equal values, one to one."""
    pairs: dict[str, str] = {}
    used: set[str] = set()
    for fact in facts:
        for candidate in gold:
            if candidate.id in used or not _overlaps(fact, candidate):
                continue
            if abs(float(fact.value) - float(candidate.value)) <= VALUE_TOLERANCE:
                pairs[fact.id] = candidate.id
                used.add(candidate.id)
                break
    return pairs


def score_document(record: Record, gold: GoldDocument, tally: Tally, name: str) -> None:
    tally.documents += 1
    tally.predicted += len(record.facts)
    tally.gold += len(gold.facts)
    pairs = match_facts(record.facts, gold.facts)
    tally.matched += len(pairs)
    gold_by_id = {fact.id: fact for fact in gold.facts}
    for fact in record.facts:
        if fact.id not in pairs:
            tally.spurious.append(f"{name}: {fact.surface!r} ({fact.value})")
            continue
        truth = gold_by_id[pairs[fact.id]]
        tally.indicator_right += fact.indicator == truth.indicator
        tally.kind_right += fact.kind == truth.kind
        tally.scope_right += fact.scope == truth.scope
        if fact.indicator != truth.indicator:
            tally.wrong_indicator.append(f"{name}: {fact.surface!r} {fact.indicator} != {truth.indicator}")
        _score_relations(fact, truth, pairs, tally)
    found = set(pairs.values())
    tally.misses.extend(f"{name}: {g.surface!r} ({g.value}, {g.indicator})" for g in gold.facts if g.id not in found)
    _score_extras(record, gold, tally)
    _score_findings(record, gold, pairs, tally, name)


def _score_findings(record: Record, gold: GoldDocument, pairs: dict[str, str], tally: Tally, name: str) -> None:
    """Arithmetic findings against the gold's errors: a finding and an error agree when they share a fact."""
    families = {rule: spec.family for rule, spec in rule_book().rules.items()}
    expected = [e for e in (*gold.planted_errors, *gold.arithmetic_errors) if families.get(e.rule) == "arithmetic"]
    raised = [f for f in record.findings if families.get(f.rule) == "arithmetic"]
    mapped = [(f, {pairs[i] for i in f.facts if i in pairs}) for f in raised]
    tally.arithmetic_gold += len(expected)
    for error in expected:
        tally.certain_gold += error.certain
        if any(set(error.facts) & facts for finding, facts in mapped if finding.severity != "info"):
            tally.arithmetic_found += 1
            tally.certain_found += error.certain
        else:
            tally.finding_notes.append(f"{name}: missed {error.rule} on {', '.join(error.facts)}")
    for finding, facts in mapped:
        if finding.severity != "error":
            continue
        tally.error_findings += 1
        if not any(set(error.facts) & facts for error in expected):
            tally.false_errors += 1
            tally.finding_notes.append(f"{name}: false error {finding.rule}: {finding.message}")


def _score_relations(fact: Fact, truth: GoldFact, pairs: dict[str, str], tally: Tally) -> None:
    for predicted, expected in ((fact.part_of, truth.part_of), (fact.refers_to, truth.refers_to)):
        if predicted is None and expected is None:
            continue
        tally.relations += 1
        tally.relations_right += predicted is not None and pairs.get(predicted) == expected


def _score_extras(record: Record, gold: GoldDocument, tally: Tally) -> None:
    spans = {(p.start, p.end) for p in record.placeholders}
    tally.placeholders_gold += len(gold.placeholders)
    tally.placeholders_predicted += len(spans)
    tally.placeholders_found += sum(
        any(s < g.end and g.start < e for s, e in spans) for g in gold.placeholders
    )
    predicted_kinds = {section.kind for section in record.sections} - {"other"}
    expected = set(gold.section_kinds)
    tally.sections_gold += len(expected)
    tally.sections_predicted += len(predicted_kinds)
    tally.sections_right += len(expected & predicted_kinds)
    tally.period_right += (record.period.year, record.period.half) == (gold.period.year, gold.period.half)
    for task, units, expected in (("measures", record.measures, gold.measure_categories),
                                  ("problems", record.problems, gold.problem_categories)):
        found = {c for unit in units for c in unit.categories}
        counts = tally.categories[task]
        counts[0] += len(found & set(expected))
        counts[1] += len(found - set(expected))
        counts[2] += len(set(expected) - found)
    tally.township_right += record.township == gold.township


@dataclass
class Evaluation:
    tallies: dict[str, Tally]
    bilingual: list[tuple[str, bool, str]]
    formats: dict[str, FormatTally] = field(default_factory=dict)  # per file format, and the table cells


def evaluate_corpus(corpus: Path) -> Evaluation:
    """Run the pipeline on every gold file of a corpus and score it."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    value_sets: dict[str, Counter] = {}
    translations: list[tuple[str, str]] = []
    formats: dict[str, FormatTally] = {}
    for source, gold in load_gold(corpus):
        try:
            processed = process_path(source, gold.file)
        except InputError as error:  # a .doc without LibreOffice: named, never a traceback
            for document in gold.documents:
                tallies[document.language].misses.append(f"{gold.file}#{document.part}: not read: {error}")
            continue
        records = {record.part: record for record in processed.records}
        for document in gold.documents:
            record = records.get(document.part)
            if record is None:
                tallies[document.language].misses.append(f"{gold.file}#{document.part}: document not found")
                continue
            name = f"{gold.file}#{document.part}"
            for key in (document.language, "all"):
                score_document(record, document, tallies[key], name)
            score_formats(record, document, processed.text, gold.file, formats)
            stem = Path(gold.file).stem
            value_sets[stem] = Counter((f.indicator, float(f.value)) for f in record.facts)
            if document.translation_of:
                translations.append((document.translation_of, stem))
    bilingual = [
        (f"{zh} / {en}", value_sets.get(zh) == value_sets.get(en),
         _difference(value_sets.get(zh, Counter()), value_sets.get(en, Counter())))
        for zh, en in translations
    ]
    return Evaluation(dict(tallies), bilingual, formats)


def _difference(left: Counter, right: Counter) -> str:
    only_left, only_right = left - right, right - left
    if not only_left and not only_right:
        return ""
    key = lambda pair: (pair[0] or "", pair[1])  # noqa: E731
    return f"zh only {sorted(only_left.elements(), key=key)[:4]}; en only {sorted(only_right.elements(), key=key)[:4]}"


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _header(key: str, lang: str) -> list[str]:
    """A markdown table's header row (cli.yaml's eval_<key>: the column names, `|` between them)."""
    names = [name.strip() for name in text(f"eval_{key}", lang).split("|")]
    return ["| " + " | ".join(names) + " |", "|" + "---|" * len(names)]


def figures_table(rows: list[tuple[str, Tally]], lang: str = "en") -> list[str]:
    """One markdown row per labelled tally: figures, relations, placeholders, sections, profile."""
    lines = _header("figures_columns", lang)
    for label, t in rows:
        section_f1 = _f1(t.ratio(t.sections_right, t.sections_predicted), t.ratio(t.sections_right, t.sections_gold))
        lines.append(
            f"| {label} | {t.documents} | {t.gold} | {t.predicted} | {t.precision:.3f} | {t.recall:.3f} | "
            f"{t.f1:.3f} | {t.ratio(t.indicator_right, t.matched):.3f} | {t.ratio(t.kind_right, t.matched):.3f} | "
            f"{t.ratio(t.relations_right, t.relations):.3f} | {t.ratio(t.scope_right, t.matched):.3f} | "
            f"{t.placeholders_found}/{t.placeholders_gold} | {max(0, t.placeholders_predicted - t.placeholders_found)} | "
            f"{section_f1:.3f} | {t.ratio(t.period_right, t.documents):.3f} | {t.ratio(t.township_right, t.documents):.3f} |"
        )
    return lines


def checks_table(rows: list[tuple[str, Tally]], lang: str = "en") -> list[str]:
    """Arithmetic errors the gold lists that a finding flags, and error findings on sound arithmetic."""
    lines = _header("checks_columns", lang)
    lines += [f"| {label} | {t.arithmetic_gold} | {t.arithmetic_found} | {t.certain_gold} | {t.certain_found} | "
              f"{t.error_findings} | {t.false_errors} |" for label, t in rows]
    return lines


def categories_table(rows: list[tuple[str, Tally]], lang: str = "en") -> list[str]:
    """Document-level measure and problem categories, precision/recall/F1."""
    lines = _header("categories_columns", lang)
    for label, t in rows:
        for task, (tp, fp, fn) in t.categories.items():
            p, r = t.ratio(tp, tp + fp), t.ratio(tp, tp + fn)
            lines.append(f"| {label} | {section_label(task, lang)} | {p:.3f} | {r:.3f} | {_f1(p, r):.3f} |")
    return lines


def markdown_report(evaluation: Evaluation, lang: str = "en") -> str:
    """The figures table (per language) plus checks, categories and bilingual agreement."""
    rows = [(language, evaluation.tallies[language]) for language in ("zh", "en", "all")
            if language in evaluation.tallies]
    lines = figures_table(rows, lang)
    lines += ["", text("eval_checks", lang), "", *checks_table(rows, lang)]
    lines += ["", text("eval_categories_gold", lang), "", *categories_table(rows, lang)]
    if evaluation.formats:
        lines += ["", text("eval_formats", lang), "", *formats_table(evaluation.formats)]
    agreeing = sum(1 for _, same, _ in evaluation.bilingual if same)
    lines.append("")
    lines.append(text("eval_bilingual", lang, agreeing=agreeing, pairs=len(evaluation.bilingual)))
    for name, same, difference in evaluation.bilingual:
        if not same:
            lines.append(f"- {name}: {difference}")
    return "\n".join(lines)
