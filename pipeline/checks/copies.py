"""Template-copy: near-duplicate summaries in a batch or of template files, by MinHash LSH."""

from __future__ import annotations

import hashlib
import os
import re
import sys
from array import array
from collections import Counter, OrderedDict
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property, lru_cache
from typing import NamedTuple, Sequence, Union

from pipeline.checks.base import Hit, language_data
from pipeline.checks.config import CheckConfig
from pipeline.checks.lsh_bands import band_params
from pipeline.schema import Record

NUM_PERM = 128
LSH_MARGIN = 0.15  # candidates are taken below the threshold, then confirmed exactly
MAX_DIFFERENCES = 6
MAX_OTHERS = 5  # a summary copied by many others names only the closest ones
BUCKET_WINDOW = 8  # batch neighbours (input order) taken on either side in each LSH bucket
CONFIRMED = 24  # candidates per summary whose Jaccard is computed exactly, best estimated first
SHINGLE_CACHE = 256 * 2**20  # bytes of batch shingle sets kept at once (8 per shingle); a miss recomputes one
MIN_SHARED_SENTENCE = 12
_STRIP = re.compile(r"[\d\s]+")
_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_FIGURE_KINDS = ("count", "rate", "share", "change", "amount", "profile")
_BASE = 0x9E3779B97F4A7C15  # polynomial base of the shingle hash: odd, every bit used (wraps mod 2**64)


class FirstFact(NamedTuple):
    """The first fact of a record for one (indicator, kind, unit, scope)."""

    id: str
    value: float
    surface: str


@dataclass(frozen=True, slots=True)
class CopyView:
    """What template-copy reads of a record: its place and its first figures, about 4 KB where the
    record takes some 300 KB, so that a run keeps one for every summary of a large batch (its
    records wait on disk)."""

    source: str
    part: int
    start: int
    end: int
    language: str
    first_facts: dict[tuple, FirstFact]

    @classmethod
    def of(cls, record: Record) -> CopyView:
        first: dict[tuple, FirstFact] = {}
        for f in record.facts:
            if f.indicator and f.kind in _FIGURE_KINDS:
                key = (f.indicator, f.kind, f.unit, f.scope)
                if key not in first:
                    first[key] = FirstFact(f.id, f.value, f.surface)
        return cls(record.source, record.part, record.start, record.end, record.language, first)


RecordOrView = Union[Record, CopyView]


def _view(item: RecordOrView) -> CopyView:
    return item if isinstance(item, CopyView) else CopyView.of(item)


@dataclass
class Doc:
    """One summary of the batch or of the templates, with what the comparison needs."""

    record: CopyView
    text: str
    shingle_size: int

    @property
    def body(self) -> str:
        return self.text[self.record.start : self.record.end]

    def shingles(self):
        """Sorted distinct 64-bit hashes of the character k-shingles (digits and whitespace
        removed, lower case): a compact set that numpy intersects without building strings."""
        return shingle_hashes(self.body.lower(), self.shingle_size, skip=_digits_and_spaces())

    @cached_property
    def identity(self) -> tuple[str, int, int]:
        """Equal for the same summary reached twice (a template folder inside the batch)."""
        return os.path.abspath(self.record.source), self.record.start, self.record.end

    @property
    def first_facts(self) -> dict[tuple, FirstFact]:
        """The first fact of each (indicator, kind, unit, scope) the record states."""
        return self.record.first_facts

    @cached_property
    def outline(self) -> Outline:
        """The record's sentences and their skeletons, compactly."""
        ends = [self.record.start + m.end()
                for m in language_data(self.record.language).sentence.finditer(self.body)]
        spans, keys, lengths = array("q"), array("q"), array("q")
        start = self.record.start
        for end in [*ends, self.record.end]:
            piece = self.text[start:end]
            if piece.strip():
                first = start + len(piece) - len(piece.lstrip())
                skeleton = _SPACE.sub("", _NUMBER.sub("#", self.text[first:end]))
                spans.extend((first, end))
                keys.append(_skeleton_key(skeleton))
                lengths.append(len(skeleton))
            start = end
        return Outline(spans, keys, lengths)


class Outline(NamedTuple):
    """Sentences of a summary as flat arrays (a batch keeps one per summary): spans holds start,
    end of each sentence (offsets into the file text); keys a stable 64-bit hash of its skeleton
    (the sentence with numbers as # and no whitespace: equal when only figures differ), lengths
    the skeleton's length."""

    spans: array
    keys: array
    lengths: array

    def span(self, n: int) -> tuple[int, int]:
        return self.spans[2 * n], self.spans[2 * n + 1]


def _skeleton_key(skeleton: str) -> int:
    """Equal skeletons, equal keys; different ones collide with a chance of 2**-64, in every run alike."""
    return int.from_bytes(hashlib.blake2b(skeleton.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


def shingle_hashes(flat: str, k: int, skip=None):
    """Sorted distinct hashes of every k-character substring of `flat` (after dropping the
    characters that `skip`, a boolean array indexed by code point, marks), computed with numpy:
    a polynomial hash over the code points, then a 64-bit mixer; empty when too short.
    Two different shingles can share a hash, as with any 64-bit hash; on natural text the odds
    are negligible (no difference from string shingles on 3,000 pairs of generated summaries)."""
    import numpy as np

    points = np.frombuffer(flat.encode("utf-32-le"), dtype=np.uint32)
    if skip is not None:
        points = points[~skip[points]]
    if len(points) < k:
        return np.empty(0, dtype=np.uint64)
    points = points.astype(np.uint64)
    count = len(points) - k + 1
    with np.errstate(over="ignore"):
        value = points[:count].copy()
        for offset in range(1, k):
            value = value * np.uint64(_BASE) + points[offset : offset + count]
        value = np.sort(_mix(value))
        return value[np.concatenate(([True], value[1:] != value[:-1]))]


@lru_cache(maxsize=1)
def _digits_and_spaces():
    """A boolean per code point: True for what the shingles leave out, the characters that
    re's \\d and \\s match (any decimal digit, any whitespace)."""
    import numpy as np

    every = np.arange(sys.maxunicode + 1, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    marked = np.zeros(sys.maxunicode + 1, dtype=bool)
    for found in _STRIP.finditer(every):
        marked[found.start() : found.end()] = True
    return marked


def _mix(x):
    """SplitMix64's finaliser: spreads the polynomial hash over all 64 bits (numpy wraps)."""
    import numpy as np

    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def signature(shingles):
    """MinHash signature by one-permutation hashing: the hash space is cut into NUM_PERM equal
    bins and each bin keeps the least shingle hash in it, so one sorted array gives every
    minimum by binary search. An empty bin takes the value of the next non-empty one (circularly)
    shifted by the distance, as in Shrivastava and Li's densified one-permutation hashing."""
    import numpy as np

    bits = NUM_PERM.bit_length() - 1  # NUM_PERM is a power of two
    shift = np.uint64(64 - bits)
    bins = np.arange(NUM_PERM, dtype=np.uint64)
    first = np.minimum(np.searchsorted(shingles, bins << shift), len(shingles) - 1)
    values = shingles[first]
    filled = (values >> shift) == bins
    if filled.all():
        return values
    taken = np.flatnonzero(filled)  # at least one: the shingles are not empty
    donor = taken[np.searchsorted(taken, np.arange(NUM_PERM)) % len(taken)]
    distance = (donor - np.arange(NUM_PERM)) % NUM_PERM
    with np.errstate(over="ignore"):
        return np.where(filled, values, values[donor] + distance.astype(np.uint64) * np.uint64(_BASE))


def overlap(a, b) -> int:
    """Shingles two sorted distinct hash arrays have in common."""
    import numpy as np

    if not len(a) or not len(b):
        return 0
    if len(a) > len(b):
        a, b = b, a
    at = np.minimum(np.searchsorted(b, a), len(b) - 1)
    return int(np.count_nonzero(b[at] == a))


class _ShingleCache:
    """Shingle sets of pool documents, computed on demand: the templates' are kept, the batch's
    up to SHINGLE_CACHE bytes, least recently used out first (a miss costs about 0.1 ms)."""

    def __init__(self, pool: list[Doc], batch_size: int) -> None:
        self.pool, self.batch_size = pool, batch_size
        self.templates: dict[int, object] = {}
        self.recent: OrderedDict[int, object] = OrderedDict()
        self.recent_bytes = 0

    def __call__(self, index: int):
        kept = self.templates if index >= self.batch_size else self.recent
        found = kept.get(index)
        if found is None:
            found = kept[index] = self.pool[index].shingles()
            if kept is self.recent:
                self.recent_bytes += found.nbytes
                while self.recent_bytes > SHINGLE_CACHE and len(self.recent) > 1:
                    self.recent_bytes -= self.recent.popitem(last=False)[1].nbytes
        elif kept is self.recent:
            self.recent.move_to_end(index)
        return found


def _name(doc: Doc, parts: Counter) -> tuple[str, int]:
    """The other summary's file and, when that file holds several summaries, its part (else 0)."""
    source = doc.record.source
    return source, doc.record.part if parts[source] > 1 else 0


Difference = tuple[str, str, str]  # (indicator, or "" for a number of aligned sentences; mine; theirs)


def _fact_differences(a: Doc, b: Doc) -> tuple[list[Difference], tuple[str, ...]]:
    """Indicators both records state (same kind, unit, scope) with different first values."""
    theirs = b.first_facts
    diffs, ids = [], []
    for key, fact in a.first_facts.items():
        other = theirs.get(key)
        if other is not None and other.value != fact.value:
            diffs.append((key[0], fact.surface, other.surface))
            ids.append(fact.id)
    return diffs, tuple(ids)


def _number_differences(a: Doc, b: Doc) -> list[Difference]:
    """Numbers that differ at aligned positions of sentences that otherwise match."""
    diffs: list[Difference] = []
    mine, theirs = a.outline, b.outline
    matcher = SequenceMatcher(None, mine.keys.tolist(), theirs.keys.tolist(), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag not in ("equal", "replace") or i2 - i1 != j2 - j1:
            continue
        for i, j in zip(range(i1, i2), range(j1, j2)):
            numbers = _NUMBER.findall(a.text[slice(*mine.span(i))])
            others = _NUMBER.findall(b.text[slice(*theirs.span(j))])
            if len(numbers) == len(others):
                diffs.extend(("", x, y) for x, y in zip(numbers, others) if x != y)
    return diffs


def _evidence(a: Doc, b: Doc) -> tuple[int, int]:
    """The first sentence of a that b holds too (digits aside), else a's opening line."""
    mine, shared = a.outline, set(b.outline.keys)
    for n, (key, length) in enumerate(zip(mine.keys, mine.lengths)):
        if length >= MIN_SHARED_SENTENCE and key in shared:
            return mine.span(n)
    start = a.record.start
    newline = a.text.find("\n", start, a.record.end)
    return start, newline if newline > start else min(a.record.end, start + 80)


def _hit(a: Doc, b: Doc, jaccard: float, containment: float, name: tuple[str, int]) -> Hit:
    diffs, ids = _fact_differences(a, b)
    if not diffs:
        diffs = _number_differences(a, b)
    start, end = _evidence(a, b)
    return Hit("template-copy", start, end,
               {"share": round(containment * 100), "jaccard": f"{jaccard:.2f}", "other": name[0], "other_part": name[1],
                "differences": tuple(diffs[:MAX_DIFFERENCES]), "more": max(0, len(diffs) - MAX_DIFFERENCES)},
               ids, variant=None if diffs else "same_figures")


def _band_params(threshold: float) -> tuple[int, int]:
    """(bands, rows per band) that datasketch's MinHashLSH picks for this threshold."""
    return band_params(max(0.05, threshold - LSH_MARGIN), NUM_PERM)


def _candidates(pool: list[Doc], batch_size: int, threshold: float,
                shingles: _ShingleCache | None = None) -> list[list[int]]:
    """For each batch document, the pool documents that share a MinHash band with it (LSH), at
    most BUCKET_WINDOW batch neighbours on either side in each band's bucket plus every template
    there, best estimated first and at most CONFIRMED of them. Bounded per document, so the cost
    stays linear even when thousands of summaries copy one template (one huge bucket)."""
    import numpy as np

    shingles = shingles or _ShingleCache(pool, batch_size)
    bands, rows = _band_params(threshold)
    signatures = np.zeros((len(pool), NUM_PERM), dtype=np.uint64)
    signed = []  # documents with shingles
    for index in range(len(pool)):
        found = shingles(index)
        if len(found):
            signatures[index] = signature(found)
            signed.append(index)
    identities: dict[tuple, int] = {}
    same = np.array([identities.setdefault(doc.identity, len(identities)) for doc in pool])
    # per band: band key -> (batch members in input order, template members)
    buckets: list[dict[bytes, tuple[list[int], list[int]]]] = [{} for _ in range(bands)]
    places: dict[int, list[int]] = {}
    for index in signed:
        places[index] = []
        for band, bucket in enumerate(buckets):
            key = signatures[index, band * rows : (band + 1) * rows].tobytes()
            members, references = bucket.setdefault(key, ([], []))
            places[index].append(len(members))
            (members if index < batch_size else references).append(index)
    found: list[list[int]] = [[] for _ in range(batch_size)]
    for index in places:
        if index >= batch_size:
            continue
        near: set[int] = set()
        for band, bucket in enumerate(buckets):
            members, references = bucket[signatures[index, band * rows : (band + 1) * rows].tobytes()]
            at = places[index][band]
            near.update(members[max(0, at - BUCKET_WINDOW) : at + BUCKET_WINDOW + 1])
            near.update(references)  # every template that shares the band
        ordered = np.array(sorted(near))
        ordered = ordered[same[ordered] != same[index]]  # not itself, nor the same text reached twice
        if not len(ordered):
            continue
        estimates = (signatures[ordered] == signatures[index]).mean(axis=1)
        ranked = sorted(zip(-estimates, ordered.tolist()))[:CONFIRMED]
        found[index] = [other for _, other in ranked]
    return found


def template_copies(batch: Sequence[tuple[RecordOrView, str]], config: CheckConfig,
                    templates: Sequence[tuple[RecordOrView, str]] = ()) -> list[list[Hit]]:
    """Hits per batch document: other batch documents or templates it nearly duplicates. Each
    document comes as its record, or its CopyView, with its file's text."""
    k, threshold = config.shingle_size, config.template_threshold
    docs = [Doc(_view(record), text, k) for record, text in batch]
    pool = docs + [Doc(_view(record), text, k) for record, text in templates]
    if len(pool) < 2:  # nothing to compare (`check` on one summary): no numpy, no datasketch
        return [[] for _ in docs]
    parts = Counter(doc.record.source for doc in pool)
    shingles = _ShingleCache(pool, len(docs))
    hits: list[list[Hit]] = [[] for _ in docs]
    found = _candidates(pool, len(docs), threshold, shingles)
    # (index, other) -> shingles in common, kept when other has index among its own candidates
    shared: dict[tuple[int, int], int] = {}
    for index, candidates in enumerate(found):
        doc, close = docs[index], []
        mine = shingles(index) if candidates else None
        for other_index in candidates:
            theirs = shingles(other_index)
            common = shared.pop((other_index, index), None)
            if common is None:
                common = overlap(mine, theirs)
                if index < other_index < len(found) and index in found[other_index]:
                    shared[(index, other_index)] = common
            jaccard = common / (len(mine) + len(theirs) - common)
            if jaccard >= threshold:
                close.append((-jaccard, other_index, common / len(mine)))
        for negative, other_index, containment in sorted(close)[:MAX_OTHERS]:
            other = pool[other_index]
            hits[index].append(_hit(doc, other, -negative, containment, _name(other, parts)))
    return hits
