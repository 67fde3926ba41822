"""Cue files of the classifiers (resources/<lang>/{measure,problem}_cues.yaml) and cue hits of a text."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import Sequence

import numpy as np

from pydantic import field_validator

from pipeline.classifiers.data import task_spec
from pipeline.errors import ResourceError
from pipeline.lexicon import LANGUAGES, ResourceModel, load_resource, resource_path
from pipeline.prefilter import LiteralIndex

# texts memoised per function: enough for training (folds repeat the ~1,000 labelled units),
# small enough that labelling a large batch keeps a bounded memory
TEXT_MEMO_SIZE = 4096
CUE_FILES = {"measures": "measure_cues", "problems": "problem_cues"}


class CueEntry(ResourceModel):
    """One category's cue patterns and an example sentence that must trigger it."""

    category: str
    cues: tuple[str, ...]
    example: str

    @field_validator("cues")
    @classmethod
    def _patterns_compile(cls, cues: tuple[str, ...]) -> tuple[str, ...]:
        if not cues:
            raise ValueError("no cues")
        for cue in cues:
            try:
                re.compile(cue)
            except re.error as exc:
                raise ValueError(f"cue {cue!r} is not a valid regular expression: {exc}") from exc
        return cues


class CueFile(ResourceModel):
    entries: tuple[CueEntry, ...]


def cue_entries(task: str, lang: str) -> tuple[CueEntry, ...]:
    """The validated cue entries of one task and language; unknown or repeated categories raise."""
    _files, vocabulary = task_spec(task)
    name = CUE_FILES[task]
    entries = load_resource(lang, name, CueFile).entries
    seen: set[str] = set()
    for position, entry in enumerate(entries):
        if entry.category not in vocabulary or entry.category in seen:
            raise ResourceError(f"entry entries.{position}: category {entry.category!r} is unknown or "
                                f"repeated; use each of {list(vocabulary)} once", resource_path(lang, name))
        seen.add(entry.category)
    return entries


@lru_cache(maxsize=None)
def compiled_cues(task: str) -> dict[str, tuple[re.Pattern[str], ...]]:
    """Category -> compiled patterns of every language (case-insensitive), in vocabulary order."""
    _files, vocabulary = task_spec(task)
    patterns: dict[str, list[re.Pattern[str]]] = {category: [] for category in vocabulary}
    for lang in LANGUAGES:
        for entry in cue_entries(task, lang):
            patterns[entry.category].extend(re.compile(cue, re.IGNORECASE) for cue in entry.cues)
    return {category: tuple(found) for category, found in patterns.items()}


def cues_hash() -> str:
    """SHA-256 over every cue file (the learned model uses cue shares as features)."""
    digest = hashlib.sha256()
    for task in sorted(CUE_FILES):
        for lang in LANGUAGES:
            path = resource_path(lang, CUE_FILES[task])
            digest.update(f"{lang}/{path.name}\0".encode("utf-8") + path.read_bytes() + b"\0")
    return digest.hexdigest()


def cue_hits(text: str, task: str) -> dict[str, int]:
    """Number of distinct cue patterns of each category that occur in the text."""
    return dict(zip(compiled_cues(task), _hit_counts(text, task)))


@lru_cache(maxsize=None)
def _indexed_cues(task: str) -> tuple[list[tuple[int, re.Pattern[str]]], LiteralIndex]:
    """Every cue as (category position, pattern), and the literal index that rules cues out."""
    cues = [(position, pattern) for position, patterns in enumerate(compiled_cues(task).values())
            for pattern in patterns]
    return cues, LiteralIndex((number, (pattern,)) for number, (_, pattern) in enumerate(cues))


def hit_matrix(texts: Sequence[str], task: str) -> np.ndarray:
    """cue_hits of every text as one texts x categories array, with one literal screen for the
    whole batch and only the surviving (text, cue) pairs searched."""
    cues, index = _indexed_cues(task)
    found = [(number, cues[cue][0]) for number, cue in index.candidate_pairs(texts)
             if cues[cue][1].search(texts[number])]
    counts = np.zeros((len(texts), len(compiled_cues(task))), dtype=np.int64)
    if found:
        rows, columns = zip(*found)
        np.add.at(counts, (np.array(rows, dtype=np.int64), np.array(columns, dtype=np.int64)), 1)
    return counts


@lru_cache(maxsize=TEXT_MEMO_SIZE)
def _hit_counts(text: str, task: str) -> tuple[int, ...]:
    cues, index = _indexed_cues(task)
    counts = [0] * len(compiled_cues(task))
    for number in index.candidates(text):
        position, pattern = cues[number]
        if pattern.search(text):
            counts[position] += 1
    return tuple(counts)
