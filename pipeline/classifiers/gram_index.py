"""Term counts of a batch of texts against a fixed vocabulary, with numpy: char_wb n-grams and word features."""

from __future__ import annotations

from itertools import chain, repeat
from typing import Sequence

import numpy as np

BASE = 0x110000  # one more than the largest code point: a key packs (prefix node, code point)
SPACE = 32
DENSE_LIMIT = 0x30000  # a vocabulary's single characters below this: level 0 read from a dense table


def code_points(text: str) -> np.ndarray:
    """The code points of a text as int64 (lone surrogates kept as themselves)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.int64)


class GramIndex:
    """A vocabulary of strings as a trie of code points, one level per length: level k holds the
    sorted keys (node of the prefix of length k-1 * BASE + k-th code point) of every prefix of
    length k of a term, and the column of the term each such prefix is (-1 when it is none)."""

    def __init__(self, vocabulary: dict[str, int]) -> None:
        terms = [term for term in vocabulary if term]
        columns = np.fromiter((vocabulary[term] for term in terms), np.int64, len(terms))
        lengths = np.fromiter(map(len, terms), np.int64, len(terms))
        flat = code_points("".join(terms))
        longest = int(lengths.max()) if terms else 0
        codes = np.zeros((len(terms), longest), dtype=np.int64)
        row_of = np.repeat(np.arange(len(terms)), lengths)
        offsets = np.concatenate(([0], np.cumsum(lengths)[:-1])) if terms else np.zeros(0, np.int64)
        codes[row_of, np.arange(len(flat)) - offsets[row_of]] = flat
        self.keys: list[np.ndarray] = []
        self.columns: list[np.ndarray] = []
        parent = np.zeros(len(terms), dtype=np.int64)
        for k in range(longest):
            alive = np.flatnonzero(lengths > k)
            keys, nodes = np.unique(parent[alive] * BASE + codes[alive, k], return_inverse=True)
            column = np.full(len(keys), -1, dtype=np.int64)
            ending = lengths[alive] == k + 1
            column[nodes[ending]] = columns[alive[ending]]
            parent[alive] = nodes
            self.keys.append(keys)
            self.columns.append(column)
        self.first = self._dense_first()

    def _dense_first(self) -> np.ndarray | None:
        """Level 0 holds single code points: a dense table answers them without a binary search."""
        top = int(self.keys[0][-1]) if self.keys and len(self.keys[0]) else -1
        if not 0 <= top < DENSE_LIMIT:
            return None
        first = np.full(top + 2, -1, dtype=np.int64)  # the last slot: any code point above top
        first[self.keys[0]] = np.arange(len(self.keys[0]), dtype=np.int64)
        return first

    @classmethod
    def from_levels(cls, keys: list[np.ndarray], columns: list[np.ndarray]) -> GramIndex:
        """An index of the keys and columns per level that an index built from a vocabulary holds."""
        index = cls.__new__(cls)
        index.keys, index.columns = keys, columns
        index.first = index._dense_first()
        return index

    def step(self, level: int, parents: np.ndarray | None, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(found, node) of each prefix extended by one code point at `level` (0-based); parents is
        None at level 0. The node of a prefix not found means nothing."""
        if parents is None and self.first is not None:
            slot = self.first[np.minimum(codes, len(self.first) - 1)]
            return slot >= 0, slot
        table = self.keys[level]
        keys = codes if parents is None else parents * BASE + codes
        if not len(table):
            return np.zeros(len(keys), dtype=bool), np.zeros(len(keys), dtype=np.int64)
        slot = np.minimum(np.searchsorted(table, keys), len(table) - 1)
        return table[slot] == keys, slot


def count_matrix(rows: np.ndarray, columns: np.ndarray, shape: tuple[int, int]):
    """Occurrences of (row, column) pairs as a CSR matrix of float64 counts, indices sorted."""
    from scipy import sparse

    ones = np.ones(len(rows), dtype=np.float64)
    counts = sparse.coo_matrix((ones, (rows, columns)), shape=shape).tocsr()
    counts.sum_duplicates()
    counts.sort_indices()
    return counts


def char_wb_counts(texts: Sequence[str], index: GramIndex, low: int, high: int, size: int):
    """Counts of the vocabulary's char_wb n-grams (features.char_wb_ngrams) in each text: every
    whitespace-separated word padded with one space, its n-grams for n in [low, high], and a padded
    word shorter than `low` once as itself. Texts x size. Each distinct word of the batch is cut
    into n-grams once: the counts are (texts x words) @ (words x n-grams)."""
    from scipy import sparse

    words = [text.split() for text in texts]
    flat = list(chain.from_iterable(words))
    distinct = list(dict.fromkeys(flat))
    number = {word: n for n, word in enumerate(distinct)}
    indptr = np.concatenate(([0], np.cumsum(np.fromiter(map(len, words), np.int64, len(words)))))
    columns = np.fromiter(map(number.__getitem__, flat), np.int64, len(flat))
    uses = sparse.csr_matrix((np.ones(len(flat)), columns, indptr), shape=(len(texts), len(distinct)))
    uses.sum_duplicates()
    counts = (uses @ _word_counts(distinct, index, low, high, size)).tocsr()
    counts.sort_indices()
    return counts


def _word_counts(texts: Sequence[str], index: GramIndex, low: int, high: int, size: int):
    """char_wb_counts by walking the trie along every position of the batch (texts x size)."""
    return count_matrix(*char_wb_occurrences(texts, index, low, high), (len(texts), size))


def char_wb_occurrences(texts: Sequence[str], index: GramIndex, low: int, high: int) -> tuple[np.ndarray, np.ndarray]:
    """(text, column) of every occurrence of a vocabulary char_wb n-gram in the batch, with numpy
    alone (no scipy: a cold start that scores a few pieces pays no sparse import)."""
    segments = [f" {'  '.join(words)} " if (words := text.split()) else "" for text in texts]
    codes = code_points("".join(segments))
    space = codes == SPACE
    starts = np.flatnonzero(space[:-1] & ~space[1:])  # the opening space of each padded word
    ends = np.flatnonzero(~space[:-1] & space[1:]) + 2  # one past its closing space
    widths = ends - starts
    bounds = np.cumsum(np.fromiter(map(len, segments), np.int64, len(segments)))
    text_of = np.repeat(np.searchsorted(bounds, starts, side="right"), widths)
    word_start, word_end = np.repeat(starts, widths), np.repeat(ends, widths)
    positions, nodes = np.arange(len(codes), dtype=np.int64), None
    rows, columns = [], []
    for level in range(min(high, len(index.keys))):
        inside = positions + level < word_end[positions]
        positions = positions[inside]
        found, slots = index.step(level, None if nodes is None else nodes[inside], codes[positions + level])
        positions, nodes = positions[found], slots[found]
        column = index.columns[level][nodes]
        emit = column >= 0
        if level + 1 < low:  # a padded word of this length, shorter than low: itself once
            emit &= (positions == word_start[positions]) & (word_end[positions] - positions == level + 1)
        rows.append(text_of[positions[emit]])
        columns.append(column[emit])
    flat_rows = np.concatenate(rows) if rows else np.zeros(0, np.int64)
    flat_columns = np.concatenate(columns) if columns else np.zeros(0, np.int64)
    return flat_rows, flat_columns


def term_counts(terms: Sequence[Sequence[str]], vocabulary: dict[str, int], size: int):
    """Counts of the vocabulary's terms in each text's list of terms (texts x size): one dictionary
    lookup per term of the batch, no per-text counters."""
    lengths = np.fromiter(map(len, terms), np.int64, len(terms))
    flat = list(chain.from_iterable(terms))
    columns = np.fromiter(map(vocabulary.get, flat, repeat(-1)), np.int64, len(flat))
    rows = np.repeat(np.arange(len(terms), dtype=np.int64), lengths)
    known = columns >= 0
    return count_matrix(rows[known], columns[known], (len(terms), size))
