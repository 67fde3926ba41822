"""Paragraphs of a summary (pipeline/paragraphs.py): hard-wrapped English lines join into one
paragraph whose span keeps the file's offsets; texts written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import load_source
from pipeline.paragraphs import paragraphs_of
from pipeline.section_cues import section_cues


def _paragraphs(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "item.txt"
    path.write_text(text, encoding="utf-8")
    (doc,) = load_source(path).documents
    cues = section_cues(doc.language)
    return [doc.file_text[p.start : p.end] for p in paragraphs_of(doc, cues)]


def test_paragraphs_join_hard_wrapped_english_lines(tmp_path: Path) -> None:
    text = ("The number of letters and visits received by the town\n"
            "fell by nine percent last year, the petition office said.\n"
            "Officials credited the new reception rules.\n")
    assert _paragraphs(tmp_path, text) == [
        "The number of letters and visits received by the town\nfell by nine percent last year, the petition office said.",
        "Officials credited the new reception rules.",
    ]


@pytest.mark.parametrize("text", [
    # negatives: a line that ends a sentence, or a continuation that opens in upper case, stays apart
    "The office received 41 letters.\nmost of them were about land.\n",
    "The office received 41 letters and visits\nMost of them were about land.\n",
])
def test_paragraphs_keep_lines_that_are_not_wrapped(tmp_path: Path, text: str) -> None:
    assert len(_paragraphs(tmp_path, text)) == 2


def test_paragraphs_never_join_chinese_lines(tmp_path: Path) -> None:
    assert len(_paragraphs(tmp_path, "全镇共受理信访事项41件\n办结39件，办结率95.1%。\n")) == 2
