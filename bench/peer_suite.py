"""`python -m bench.peer_suite`: score the Chinese number grammar against a peer's test suite
(Microsoft Recognizers-Text, Specs/Number/Chinese) read at run time from a git-ignored folder.

Each case of the peer's NumberModel and PercentModel is put in one of two groups: forms that
government work reports use, and forms they do not (the reason is named). Each expected result
is scored as right, wrong value, or missed; each of our figures the peer does not list is extra.
Wrong values are what matters: a report form must never come out with a wrong value. A
Chinese numeral with no unit after it is not a figure by design (三十一 alone says nothing
countable), so those misses are counted apart.

The peer's files are not part of this repository. Put them at bench/peer/recognizers-text/
Specs/Number/Chinese/{NumberModel,PercentModel}.json (or pass --peer DIR): they are the files of
that path in github.com/microsoft/Recognizers-Text.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pipeline.ingest import normalise
from pipeline.lexicon import load_resource
from pipeline.numbers import NumberMention, NumberResource, _fragments, expand, find_numbers

PEER_DIR = Path(__file__).resolve().parent / "peer" / "recognizers-text" / "Specs" / "Number" / "Chinese"
MODELS = ("NumberModel", "PercentModel")
GROUPS = ("report forms", "other forms")
TOLERANCE = Decimal("1e-9")

# Forms government work reports do not use, each with the reason the report names. Checked in
# order on the case input (normalised); the first that matches puts the case in "other forms".
NOT_REPORT_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("counting words 打/双/对 (dozen, pair)", re.compile(r"[一二两兩三四五六七八九十百千壹]\s*[打双雙对對](?![象于於待话話])|[打对對]折")),
    ("兆 (10^12 or 10^6)", re.compile(r"兆")),
    ("financial numerals (壹贰叁…)", re.compile(r"[壹贰貳叁參肆伍陆陸柒捌玖拾佰仟倆]")),
    ("scientific notation and powers", re.compile(r"[0-9.][eE][-+－]?[0-9]|\^")),
    ("k/M suffixes", re.compile(r"[0-9]\s*[kKMＫ]\b|[0-9]\s*[kKMＫ](?=[个個%]|$)|[0-9]\s*[kKMＫ]$")),
    ("discounts (折)", re.compile(r"折")),
    ("signed numbers (负/-)", re.compile(r"[负負]|(?<![0-9])[-－][0-9.]|(?<![0-9])\.[0-9]")),
    ("mixed and slash fractions (又, 3/5)", re.compile(r"又|[0-9]\s*[/／]\s*[0-9]")),
    ("半 as a number (半百, 半成)", re.compile(r"半[百成折]|成半")),
    ("numerals spaced out character by character", re.compile(
        r"[零〇一二两兩三四五六七八九十百千万萬亿億点點]\s+[零〇一二两兩三四五六七八九十百千万萬亿億点點余餘几幾多个個]"
        r"|[0-9]\s+[万萬千百亿億个個成]|[百分]\s+[分之点點]")),
    ("the clause comma as a thousands separator (4，565): in reports ， separates figures", re.compile(
        r"[0-9]，[0-9]{3}(?![0-9])")),
    ("digits run together with separators (1, 234, 567; 2222.2222.222)", re.compile(
        r"[0-9],\s+[0-9]|[0-9]+\.[0-9]+\.[0-9]|^[.－-]{2,}")),
)


@dataclass
class Tally:
    right: int = 0
    wrong: int = 0
    missed: int = 0
    missed_bare: int = 0  # missed numerals with no unit after them: not figures by design
    missed_role: int = 0  # missed because they are years, dates or phone numbers to us: by design
    extra: int = 0
    cases: int = 0
    expected: int = 0
    wrong_items: list[str] = field(default_factory=list)
    missed_items: list[str] = field(default_factory=list)
    extra_items: list[str] = field(default_factory=list)


def group_of(text: str) -> tuple[str, str | None]:
    """("report forms", None) or ("other forms", the reason)."""
    for reason, pattern in NOT_REPORT_FORMS:
        if pattern.search(text):
            return "other forms", reason
    return "report forms", None


def _expected_value(raw: str, model: str) -> Decimal | None:
    try:
        return Decimal(raw.rstrip("%")) if model == "PercentModel" or not raw.endswith("%") else None
    except InvalidOperation:
        return None


def _our_value(mention: NumberMention, model: str) -> Decimal:
    quantity = mention.quantity
    assert quantity is not None
    value = Decimal(str(quantity.value))
    if model == "NumberModel" and (quantity.is_percent or quantity.percent_points):
        return value / 100  # 一百分之二 is 0.02 as a number
    return value


def _in_scope(mention: NumberMention, model: str) -> bool:
    """Figures of the model's kind: percentages for PercentModel, the others for NumberModel."""
    quantity = mention.quantity
    percent = quantity is not None and (quantity.is_percent or quantity.percent_points)
    return percent if model == "PercentModel" else not percent


def _spans(text: str, results: list[dict]) -> list[tuple[int, int, dict]]:
    """Where each expected result sits in the input: the next occurrence of its text."""
    spans, pos = [], 0
    for result in results:
        wanted = normalise(result["Text"])
        found = text.find(wanted, pos)
        if found < 0:
            found = text.find(wanted)
        start = max(found, 0)
        spans.append((start, start + len(wanted), result))
        pos = start + len(wanted)
    return spans


@lru_cache(maxsize=1)
def _unit_after() -> re.Pattern[str]:
    resource = load_resource("zh", "numbers", NumberResource)
    return re.compile(r"\s*(?:" + expand("{units}|{points}|%", _fragments(resource)) + ")")


def _bare(text: str, end: int, surface: str) -> bool:
    """A numeral in words with no unit of ours after it: not a figure by design."""
    return not re.search(r"[0-9]", normalise(surface)) and not _unit_after().match(text, end)


def score_case(case: dict, model: str, tally: Tally) -> None:
    text = normalise(case["Input"])
    mentions = find_numbers(text, "zh")
    figures = [m for m in mentions if m.role == "figure"]
    others = [m for m in mentions if m.role in ("year", "date", "phone")]
    used: set[int] = set()
    tally.cases += 1
    for start, end, result in _spans(text, case.get("Results", [])):
        tally.expected += 1
        expected = _expected_value(result["Resolution"]["value"], model)
        hits = [i for i, m in enumerate(figures) if m.quantity and m.quantity.number_start < end
                and start < m.quantity.number_end]
        if not hits:
            if any(m.start < end and start < m.end for m in others):
                tally.missed_role += 1
            elif _bare(text, end, result["Text"]):
                tally.missed_bare += 1
            else:
                tally.missed += 1
                tally.missed_items.append(f"{case['Input']!r}: {result['Text']} = {result['Resolution']['value']}")
            continue
        used.update(hits)
        mention = figures[hits[0]]
        ours = _our_value(mention, model)
        quantity = mention.quantity
        assert quantity is not None
        high = Decimal(str(quantity.value_high)) if quantity.value_high is not None else ours
        if expected is not None and (abs(ours - expected) <= TOLERANCE * max(1, abs(expected))
                                     or ours <= expected <= high):
            tally.right += 1
        else:
            tally.wrong += 1
            tally.wrong_items.append(f"{case['Input']!r}: expected {result['Text']} = "
                                     f"{result['Resolution']['value']}, got {mention.surface} = {quantity.value}")
    for i, mention in enumerate(figures):
        if i not in used and _in_scope(mention, model):
            tally.extra += 1
            tally.extra_items.append(f"{case['Input']!r}: {mention.surface} = {mention.quantity.value}")  # type: ignore[union-attr]


def run(peer: Path) -> tuple[dict[tuple[str, str], Tally], Counter]:
    tallies = {(model, group): Tally() for model in MODELS for group in GROUPS}
    reasons: Counter = Counter()
    for model in MODELS:
        cases = json.loads((peer / f"{model}.json").read_text(encoding="utf-8"))
        for case in cases:
            group, reason = group_of(normalise(case["Input"]))
            if reason:
                reasons[(model, reason)] += 1
            score_case(case, model, tallies[(model, group)])
    return tallies, reasons


def report(tallies: dict[tuple[str, str], Tally], reasons: Counter, details: bool) -> str:
    lines = [f"## Peer suite: Recognizers-Text Chinese NumberModel and PercentModel ({datetime.date.today()})", "",
             "| model | group | cases | expected | right | wrong value | missed | missed, no unit (by design) "
             "| missed, a year/date/phone (by design) | extra |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for (model, group), t in tallies.items():
        lines.append(f"| {model} | {group} | {t.cases} | {t.expected} | {t.right} | {t.wrong} | {t.missed} | "
                     f"{t.missed_bare} | {t.missed_role} | {t.extra} |")
    lines += ["", "Cases put in 'other forms', by reason:", ""]
    lines += [f"- {model}: {reason}: {count}" for (model, reason), count in sorted(reasons.items())]
    for (model, group), t in tallies.items():
        sections = [("wrong values", t.wrong_items)]
        if details:
            sections += [("missed", t.missed_items), ("extra", t.extra_items)]
        for name, items in sections:
            if items:
                lines += ["", f"{model}, {group}, {name}:"] + [f"- {item}" for item in items]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.peer_suite", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--peer", type=Path, default=PEER_DIR, help=f"folder of the peer's JSON files ({PEER_DIR})")
    parser.add_argument("--details", action="store_true", help="list the missed and extra results too")
    args = parser.parse_args(argv)
    missing = [name for name in MODELS if not (args.peer / f"{name}.json").is_file()]
    if missing:
        print(f"peer suite not found: {', '.join(f'{m}.json' for m in missing)} missing in {args.peer}.\n"
              "Copy Specs/Number/Chinese/NumberModel.json and PercentModel.json of "
              "github.com/microsoft/Recognizers-Text into that folder (git-ignored), or pass --peer DIR.",
              file=sys.stderr)
        return 2
    tallies, reasons = run(args.peer)
    print(report(tallies, reasons, args.details))
    return 1 if tallies[("NumberModel", GROUPS[0])].wrong or tallies[("PercentModel", GROUPS[0])].wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
