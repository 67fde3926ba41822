"""The report fragment listing, per summary, each category it reports with the evidence of it."""

from __future__ import annotations

from pipeline.i18n import category_label
from pipeline.evidence import category_evidence
from pipeline.report.markup import esc
from pipeline.schema import MEASURE_CATEGORIES, PROBLEM_CATEGORIES, Record

QUOTE_CHARS = 60


def _quote(text: str, start: int, end: int) -> str:
    piece = " ".join(text[start:end].split())
    return piece if len(piece) <= QUOTE_CHARS else piece[:QUOTE_CHARS] + "…"


def evidence_list(record: Record, text: str, names: dict[str, str], title: str, lang: str = "en") -> str:
    """A definition list: each measure and problem category of the summary, then every unit that
    carries it, quoted with its offsets (`names` gives a category's short display name, else its
    label in `lang`)."""
    rows = []
    for units, vocabulary, kind in ((record.measures, MEASURE_CATEGORIES, "ms"),
                                    (record.problems, PROBLEM_CATEGORIES, "pb")):
        for category, spans in category_evidence(units, vocabulary).items():
            quotes = "".join(f'<li><q>{esc(_quote(text, a, b))}</q> <code>{a}-{b}</code></li>' for a, b in spans)
            name = names.get(category) or category_label(category, lang)
            rows.append(f'<dt class="{kind}">{esc(name)}</dt><dd><ul>{quotes}</ul></dd>')
    if not rows:
        return ""
    return f'<details class="evidence"><summary>{esc(title)}</summary><dl>{"".join(rows)}</dl></details>'
