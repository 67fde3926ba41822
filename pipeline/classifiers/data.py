"""Loads the labelled measure and problem units (corpus/labels/*.jsonl) into validated models."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from pipeline.errors import InputError
from pipeline.schema import MEASURE_CATEGORIES, PROBLEM_CATEGORIES, Language

MEASURE_FILES = ("measures_zh.jsonl", "measures_en.jsonl", "measures_zh_web.jsonl", "measures_en_web.jsonl",
                 "measures_zh_real.jsonl", "measures_en_real.jsonl")
PROBLEM_FILES = ("problems.jsonl", "problems_web.jsonl", "problems_real.jsonl")
TASKS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "measures": (MEASURE_FILES, MEASURE_CATEGORIES),
    "problems": (PROBLEM_FILES, PROBLEM_CATEGORIES),
}


class LabelledUnit(BaseModel):
    """One labelled measure or problem: a short text and its categories (at least one)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    lang: Language
    text: str
    categories: tuple[str, ...]

    @field_validator("text")
    @classmethod
    def _text_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is empty")
        return value

    @field_validator("categories")
    @classmethod
    def _some_categories(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value:
            raise ValueError("no categories")
        return value


def _parse_line(path: Path, number: int, line: str, vocabulary: tuple[str, ...]) -> LabelledUnit:
    try:
        unit = LabelledUnit.model_validate(json.loads(line))
    except (json.JSONDecodeError, ValidationError) as exc:
        raise InputError(f"line {number}: not a valid label unit ({exc.__class__.__name__}); "
                         "fix the line", path) from exc
    unknown = sorted(set(unit.categories) - set(vocabulary))
    if unknown:
        raise InputError(f"line {number} ({unit.id}): unknown categories {unknown}; "
                         f"use one of {list(vocabulary)}", path)
    return unit


def load_label_file(path: Path, vocabulary: tuple[str, ...]) -> list[LabelledUnit]:
    """Every unit of one JSONL label file, in file order; a bad line raises InputError."""
    if not path.is_file():
        raise InputError("label file is missing", path)
    units: list[LabelledUnit] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            units.append(_parse_line(path, number, line, vocabulary))
    return units


def load_units(labels_dir: Path, task: str) -> list[LabelledUnit]:
    """The units of one task: 'measures' (zh then en files merged) or 'problems'."""
    files, vocabulary = task_spec(task)
    units = [unit for name in files for unit in load_label_file(Path(labels_dir) / name, vocabulary)]
    seen: set[str] = set()
    for unit in units:
        if unit.id in seen:
            raise InputError(f"duplicate unit id {unit.id!r}; ids must be unique", labels_dir)
        seen.add(unit.id)
    return units


def task_spec(task: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(label file names, category vocabulary) of a task."""
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}; use one of {sorted(TASKS)}")
    return TASKS[task]


def label_matrix(units: list[LabelledUnit], categories: tuple[str, ...]) -> np.ndarray:
    """A 0/1 indicator matrix (units x categories)."""
    index = {category: column for column, category in enumerate(categories)}
    matrix = np.zeros((len(units), len(categories)), dtype=np.int64)
    for row, unit in enumerate(units):
        for category in unit.categories:
            matrix[row, index[category]] = 1
    return matrix


def labels_hash(labels_dir: Path) -> str:
    """SHA-256 over the names and bytes of every label file (stable across machines)."""
    digest = hashlib.sha256()
    for name in sorted({*MEASURE_FILES, *PROBLEM_FILES}):
        path = Path(labels_dir) / name
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
        digest.update(b"\0")
    return digest.hexdigest()


def language_counts(units: list[LabelledUnit]) -> dict[str, int]:
    """Units per language, zh then en."""
    return {lang: sum(unit.lang == lang for unit in units) for lang in ("zh", "en")}
