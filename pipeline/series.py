"""Series: the summaries of one township ordered by period, revisions kept, comparable periods named."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Iterable, NamedTuple

from pipeline.schema import REMAINING, Fact, Period
from pipeline.townships import township_keys

# period kinds a series compares; "months" (January to October) has no comparable counterpart
SERIES_KINDS = ("year", "half", "quarter", "nine_months")
_KIND_RANK = {"quarter": 0, "half": 1, "nine_months": 2, "year": 3}
_FIGURE_KINDS = ("count", "rate", "change")


class Slot(NamedTuple):
    """A comparable period: its kind, year and which half or quarter (0 for a year or nine months)."""

    kind: str
    year: int
    index: int

    @property
    def end_month(self) -> int:
        return {"year": 12, "half": 6 * self.index, "quarter": 3 * self.index, "nine_months": 9}[self.kind]

    def order(self) -> tuple[int, int, int, int]:
        return self.year, self.end_month, _KIND_RANK[self.kind], self.index

    def label(self) -> str:
        suffix = {"year": "", "half": f" H{self.index}", "quarter": f" Q{self.index}", "nine_months": " Q1-Q3"}
        return f"{self.year}{suffix[self.kind]}"

    def shifted(self, years: int = 0, steps: int = 0) -> Slot:
        """The slot `years` years and `steps` periods of its own kind earlier (steps: halves, quarters)."""
        per_year = {"half": 2, "quarter": 4}.get(self.kind, 1)
        position = (self.year - years) * per_year + (max(self.index, 1) - 1) - steps
        year, index = divmod(position, per_year)
        return Slot(self.kind, year, index + 1 if per_year > 1 else 0)


def slot_of(period: Period | None) -> Slot | None:
    """The comparable slot of a period; None when its year or kind is unknown or not comparable."""
    if period is None or period.year is None or period.kind not in SERIES_KINDS:
        return None
    if period.kind == "half":
        return Slot("half", period.year, period.half) if period.half else None
    if period.kind == "quarter":
        return Slot("quarter", period.year, period.quarter) if period.quarter else None
    return Slot(period.kind, period.year, 0)


class SeriesFact(NamedTuple):
    """What a series reads of a Fact: a few fields, small enough to keep for every summary of a batch."""

    id: str
    indicator: str
    kind: str
    value: float | int
    value_max: float | int | None
    unit: str | None
    qualifier: str | None
    scope: str | None
    refers_to: str | None
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class SeriesItem:
    """One summary as a series reads it: where it is, its township and period, its figures."""

    order: int  # later is larger: the store's earlier runs first, then the batch in input order
    doc_id: str
    source: str
    part: int
    start: int
    end: int
    language: str
    township: str | None
    slot: Slot | None
    facts: tuple[SeriesFact, ...]
    body_hash: str
    earlier: bool = False  # from the store's earlier runs (never given findings here)
    batch_index: int | None = None  # its place in the batch input

    @property
    def name(self) -> str:
        return f"{self.source} (part {self.part})" if self.part > 1 else self.source

    def current(self, indicator: str) -> SeriesFact | None:
        """The one exact current-period value of an indicator (None when absent, approximate or
        stated with different values)."""
        found = [f for f in self.facts if f.indicator == indicator and f.kind in ("count", "rate")
                 and f.scope is None and f.value_max is None]
        values = {float(f.value) for f in found}
        if len(values) != 1 or any(f.qualifier and f.qualifier != "within" for f in found):
            return None
        return found[0]


def body_hash(text: str) -> str:
    """Equal for the same summary text wherever it was read (dedupes the store against the batch)."""
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def series_facts_of_dicts(facts: Iterable[dict]) -> tuple[SeriesFact, ...]:
    """series_facts of facts as the record JSON holds them (the store's earlier summaries)."""
    return tuple(SeriesFact(f["id"], f["indicator"], f["kind"], f["value"], f.get("value_max"), f.get("unit"),
                            f.get("qualifier"), f.get("scope"), f.get("refers_to"), f["start"], f["end"], f["surface"])
                 for f in facts if f.get("indicator") and f.get("kind") in _FIGURE_KINDS
                 and f.get("scope") != "target" and REMAINING not in (f.get("flags") or ()) and f.get("per") is None)


def series_facts(facts: Iterable[Fact]) -> tuple[SeriesFact, ...]:
    """The facts a series compares: counts, rates and changes of an indicator, no targets or remainders."""
    return tuple(SeriesFact(f.id, f.indicator, f.kind, f.value, f.value_max, f.unit, f.qualifier, f.scope,
                            f.refers_to, f.start, f.end, f.surface)
                 for f in facts if f.indicator and f.kind in _FIGURE_KINDS and f.scope != "target"
                 and REMAINING not in f.flags and f.per is None)


def series_item(record, text: str | None, order: int, earlier: bool = False,
                batch_index: int | None = None, digest: str | None = None) -> SeriesItem:
    """The item of a Record (or of its batch view, which carries `slot` and `series_facts`)."""
    slot = record.slot if hasattr(record, "slot") else slot_of(record.period)
    facts = getattr(record, "series_facts", None)
    facts = series_facts(record.facts) if facts is None else facts
    if digest is None:
        digest = body_hash(text[record.start : record.end]) if text is not None else f"{record.source}#{record.part}"
    return SeriesItem(order, record.doc_id, record.source, record.part, record.start, record.end, record.language,
                      record.township, slot, tuple(facts), digest, earlier, batch_index)


@dataclass(frozen=True)
class Series:
    """One township's summaries in period order; a slot reported twice keeps both, the later current."""

    key: str
    items: tuple[SeriesItem, ...]
    language: str = "zh"

    def current(self) -> tuple[SeriesItem, ...]:
        """The current summary of each slot, in period order."""
        latest: dict[Slot, SeriesItem] = {}
        for item in self.items:
            if item.slot is not None:
                latest[item.slot] = item  # items are in period order, then order: the later wins
        return tuple(sorted(latest.values(), key=lambda i: i.slot.order()))

    def at(self, slot: Slot) -> SeriesItem | None:
        """The current summary of a slot."""
        found = [item for item in self.items if item.slot == slot]
        return found[-1] if found else None

    def revisions(self) -> list[tuple[SeriesItem, SeriesItem]]:
        """(superseded, current) pairs: the same slot reported twice."""
        out, seen = [], {}
        for item in self.items:
            if item.slot in seen:
                out.append((seen[item.slot], self.at(item.slot)))
            seen.setdefault(item.slot, item)
        return out


def _dedupe(items: Iterable[SeriesItem]) -> list[SeriesItem]:
    """The batch's summaries, and the store's only where the batch does not hold the same text."""
    items = list(items)
    in_batch = {item.body_hash for item in items if not item.earlier}
    seen: set[str] = set()
    out = []
    for item in items:
        if item.earlier and (item.body_hash in in_batch or item.body_hash in seen):
            continue
        seen.add(item.body_hash)
        out.append(item)
    return out


def build_series(items: Iterable[SeriesItem], aliases: dict[str, str] | None = None) -> list[Series]:
    """Every township's series (by township key and the alias table) in each language, summaries
    without a township or a comparable period left out; ordered by key. Languages stay apart: an
    English summary of a period is usually the translation of the Chinese one, not its revision."""
    kept = [item for item in _dedupe(items) if item.township and item.slot is not None]
    keys = township_keys((item.township for item in kept), aliases)
    grouped: dict[tuple[str, str], list[SeriesItem]] = {}
    for item in kept:
        key = keys.get(item.township)
        if key:
            grouped.setdefault((key, item.language), []).append(item)
    return [Series(key, tuple(sorted(found, key=lambda i: (i.slot.order(), i.order))), language)
            for (key, language), found in sorted(grouped.items())]
