"""Annotations as doccano JSONL (text, label: [start, end, "layer:label"], meta) and read back from doccano or Label Studio."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from pipeline.atomic import write_lines
from pipeline.corrections.annotations import LAYERS, Annotation
from pipeline.errors import CorrectionsError


def to_line(annotation: Annotation) -> str:
    labels = [[start, end, f"{layer}:{label}"] for layer, start, end, label in annotation.spans]
    return json.dumps({"text": annotation.text, "label": labels, "meta": annotation.meta}, ensure_ascii=False)


def write_jsonl(annotations: Iterable[Annotation], path: Path) -> int:
    lines = [to_line(annotation) for annotation in annotations]
    write_lines(path, lines)
    return len(lines)


def _span(start, end, name: str, where: str) -> tuple[str, int, int, str]:
    layer, _, label = str(name).partition(":")
    if layer not in LAYERS or not label or not isinstance(start, int) or not isinstance(end, int) or end <= start:
        raise ValueError(f"{where}: label {name!r} at {start}-{end} is not layer:label over a span "
                         f"(layers: {', '.join(LAYERS)})")
    return layer, start, end, label


def _from_task(task: dict, where: str) -> Annotation:
    """A doccano line ({text, label|labels, meta}) or a Label Studio task ({data: {text, meta},
    annotations: [{result: [{value: {start, end, labels}}]}]}, the last annotation counting)."""
    if "data" in task:
        data = task["data"]
        results = (task.get("annotations") or [{}])[-1].get("result", [])
        spans = [_span(r["value"]["start"], r["value"]["end"], name, where)
                 for r in results for name in r["value"].get("labels", [])]
        return Annotation(data["text"], tuple(spans), dict(data.get("meta", {})))
    labels = task.get("label", task.get("labels", []))
    return Annotation(task["text"], tuple(_span(s, e, name, where) for s, e, name in labels), dict(task.get("meta", {})))


def read_tasks(path: Path) -> list[Annotation]:
    """doccano JSONL, or Label Studio's JSON export (a list of tasks)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CorrectionsError(f"cannot be read ({error.__class__.__name__})", path) from error
    try:
        stripped = text.lstrip()
        tasks = json.loads(stripped) if stripped.startswith("[") else \
            [json.loads(line) for line in text.splitlines() if line.strip()]
    except json.JSONDecodeError as error:
        raise CorrectionsError(f"is neither JSONL nor a JSON list of tasks ({error})", path) from error
    annotations = []
    for number, task in enumerate(tasks, 1):
        try:
            annotations.append(_from_task(task, f"task {number}"))
        except (KeyError, TypeError, ValueError, IndexError) as error:
            raise CorrectionsError(f"task {number}: {error}", path) from error
    return annotations
