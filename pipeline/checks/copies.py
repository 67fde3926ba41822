"""Template-copy: near-duplicate summaries in a batch or of template files, by MinHash LSH."""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property
from typing import Sequence


from pipeline.checks.base import Hit, language_data
from pipeline.checks.config import CheckConfig
from pipeline.schema import Fact, Record

NUM_PERM = 128
LSH_MARGIN = 0.15  # candidates are taken below the threshold, then confirmed exactly
MAX_DIFFERENCES = 6
MAX_OTHERS = 5  # a summary copied by many others names only the closest ones
BUCKET_WINDOW = 8  # batch neighbours (input order) taken on either side in each LSH bucket
CONFIRMED = 24  # candidates per summary whose Jaccard is computed exactly, best estimated first
MIN_SHARED_SENTENCE = 12
_STRIP = re.compile(r"[\d\s]+")
_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_FIGURE_KINDS = ("count", "rate", "share", "change", "amount", "profile")


@dataclass
class Doc:
    """One summary of the batch or of the templates, with what the comparison needs."""

    record: Record
    text: str
    shingle_size: int

    @property
    def body(self) -> str:
        return self.text[self.record.start : self.record.end]

    @cached_property
    def shingles(self) -> frozenset[str]:
        flat = _STRIP.sub("", self.body).lower()
        k = self.shingle_size
        return frozenset(flat[i : i + k] for i in range(len(flat) - k + 1))

    @cached_property
    def minhash(self):
        from datasketch import MinHash  # imported on first use: it pulls numpy and scipy

        sketch = MinHash(num_perm=NUM_PERM, seed=1)
        sketch.update_batch([s.encode("utf-8") for s in self.shingles])
        return sketch

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """(start, end) of the record's sentences, offsets into the file text."""
        ends = [self.record.start + m.end()
                for m in language_data(self.record.language).sentence.finditer(self.body)]
        spans, start = [], self.record.start
        for end in [*ends, self.record.end]:
            piece = self.text[start:end]
            if piece.strip():
                spans.append((start + len(piece) - len(piece.lstrip()), end))
            start = end
        return spans

    @cached_property
    def skeletons(self) -> list[str]:
        """Sentences with numbers as # and no whitespace: equal when only figures differ."""
        return [_SPACE.sub("", _NUMBER.sub("#", self.text[s:e])) for s, e in self.sentences]

    def same_text_as(self, other: Doc) -> bool:
        """The same summary reached twice (a template folder inside the batch)."""
        return (os.path.abspath(self.record.source), self.record.start, self.record.end) == \
            (os.path.abspath(other.record.source), other.record.start, other.record.end)


def _name(doc: Doc, parts: Counter) -> str:
    source = doc.record.source
    return f"{source} (part {doc.record.part})" if parts[source] > 1 else source


def _fact_differences(a: Record, b: Record) -> tuple[list[str], tuple[str, ...]]:
    """Indicators both records state (same kind, unit, scope) with different first values."""
    def first(record: Record) -> dict[tuple, Fact]:
        out: dict[tuple, Fact] = {}
        for f in record.facts:
            if f.indicator and f.kind in _FIGURE_KINDS:
                out.setdefault((f.indicator, f.kind, f.unit, f.scope), f)
        return out

    mine, theirs = first(a), first(b)
    diffs, ids = [], []
    for key, fact in mine.items():
        other = theirs.get(key)
        if other is not None and other.value != fact.value:
            diffs.append(f"{key[0]} {fact.surface} vs {other.surface}")
            ids.append(fact.id)
    return diffs, tuple(ids)


def _number_differences(a: Doc, b: Doc) -> list[str]:
    """Numbers that differ at aligned positions of sentences that otherwise match."""
    diffs: list[str] = []
    matcher = SequenceMatcher(None, a.skeletons, b.skeletons, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag not in ("equal", "replace") or i2 - i1 != j2 - j1:
            continue
        for i, j in zip(range(i1, i2), range(j1, j2)):
            mine = _NUMBER.findall(a.text[slice(*a.sentences[i])])
            theirs = _NUMBER.findall(b.text[slice(*b.sentences[j])])
            if len(mine) == len(theirs):
                diffs.extend(f"{x} vs {y}" for x, y in zip(mine, theirs) if x != y)
    return diffs


def _evidence(a: Doc, b: Doc) -> tuple[int, int]:
    """The first sentence of a that b holds too (digits aside), else a's opening line."""
    shared = set(b.skeletons)
    for (start, end), skeleton in zip(a.sentences, a.skeletons):
        if len(skeleton) >= MIN_SHARED_SENTENCE and skeleton in shared:
            return start, end
    start = a.record.start
    newline = a.text.find("\n", start, a.record.end)
    return start, newline if newline > start else min(a.record.end, start + 80)


def _hit(a: Doc, b: Doc, jaccard: float, name: str) -> Hit:
    containment = len(a.shingles & b.shingles) / len(a.shingles)
    diffs, ids = _fact_differences(a.record, b.record)
    if not diffs:
        diffs = _number_differences(a, b)
    shown = "; ".join(diffs[:MAX_DIFFERENCES])
    if len(diffs) > MAX_DIFFERENCES:
        shown += f"; and {len(diffs) - MAX_DIFFERENCES} more"
    start, end = _evidence(a, b)
    return Hit("template-copy", start, end,
               {"share": round(containment * 100), "jaccard": f"{jaccard:.2f}", "other": name,
                "differences": shown},
               ids, variant=None if diffs else "same_figures")


def _band_params(threshold: float) -> tuple[int, int]:
    """(bands, rows per band) that datasketch's MinHashLSH picks for this threshold."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=max(0.05, threshold - LSH_MARGIN), num_perm=NUM_PERM)
    return lsh.b, lsh.r


def _candidates(pool: list[Doc], batch_size: int, threshold: float) -> list[list[int]]:
    """For each batch document, the pool documents that share a MinHash band with it (LSH), at
    most BUCKET_WINDOW batch neighbours on either side in each band's bucket plus every template
    there, best estimated first and at most CONFIRMED of them. Bounded per document, so the cost
    stays linear even when thousands of summaries copy one template (one huge bucket)."""
    import numpy as np

    bands, rows = _band_params(threshold)
    signatures = {i: doc.minhash.hashvalues for i, doc in enumerate(pool) if doc.shingles}
    # per band: band key -> (batch members in input order, template members)
    buckets: list[dict[bytes, tuple[list[int], list[int]]]] = [{} for _ in range(bands)]
    places: dict[int, list[int]] = {}
    for index, values in signatures.items():
        places[index] = []
        for band, bucket in enumerate(buckets):
            members, references = bucket.setdefault(values[band * rows : (band + 1) * rows].tobytes(), ([], []))
            places[index].append(len(members))
            (members if index < batch_size else references).append(index)
    found: list[list[int]] = [[] for _ in range(batch_size)]
    for index in range(batch_size):
        if index not in signatures:
            continue
        near: set[int] = set()
        for band, bucket in enumerate(buckets):
            members, references = bucket[signatures[index][band * rows : (band + 1) * rows].tobytes()]
            at = places[index][band]
            near.update(members[max(0, at - BUCKET_WINDOW) : at + BUCKET_WINDOW + 1])
            near.update(references)  # every template that shares the band
        near = {other for other in near if other != index and not pool[index].same_text_as(pool[other])}
        if not near:
            continue
        ordered = sorted(near)
        estimates = (np.vstack([signatures[i] for i in ordered]) == signatures[index]).mean(axis=1)
        ranked = sorted(zip(-estimates, ordered))[:CONFIRMED]
        found[index] = [other for _, other in ranked]
    return found


def template_copies(batch: Sequence[tuple[Record, str]], config: CheckConfig,
                    templates: Sequence[tuple[Record, str]] = ()) -> list[list[Hit]]:
    """Hits per batch document: other batch documents or templates it nearly duplicates."""
    k, threshold = config.shingle_size, config.template_threshold
    docs = [Doc(record, text, k) for record, text in batch]
    refs = [Doc(record, text, k) for record, text in templates]
    pool = docs + refs
    parts = Counter(doc.record.source for doc in pool)
    hits: list[list[Hit]] = [[] for _ in docs]
    for index, candidates in enumerate(_candidates(pool, len(docs), threshold)):
        doc, close = docs[index], []
        for other_index in candidates:
            other = pool[other_index]
            if doc.same_text_as(other):
                continue
            jaccard = len(doc.shingles & other.shingles) / len(doc.shingles | other.shingles)
            if jaccard >= threshold:
                close.append((-jaccard, other_index))
        for negative, other_index in sorted(close)[:MAX_OTHERS]:
            other = pool[other_index]
            hits[index].append(_hit(doc, other, -negative, _name(other, parts)))
    return hits
