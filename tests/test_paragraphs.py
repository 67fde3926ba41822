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


def _headings(tmp_path: Path, text: str) -> list[str | None]:
    path = tmp_path / "summary.txt"
    path.write_text(text, encoding="utf-8")
    (doc,) = load_source(path).documents
    return [doc.file_text[p.body_start : p.heading_end] if p.heading_end is not None else None
            for p in paragraphs_of(doc, section_cues("en")) if p.style is not None]


@pytest.mark.parametrize("line, heading", [
    # a web copy runs a numbered heading into its text with no stop: the heading phrase ends it, or a
    # capitalised sentence opener after a lower-case word
    ("3. The existing problems village level petition staff is weak, and four villages have no full-time "
     "liaison officer at all this year. Some cases are old.", "The existing problems"),
    ("2. Investigate disputes at the source The town screens the villages for quarrels every month and "
     "keeps a ledger of each case it hears. Nine were settled.", "Investigate disputes at the source"),
    # negatives: a long first sentence with neither stays without a heading
    ("2. the town screens the villages for quarrels every month and keeps a ledger of each case it hears "
     "from the village mediators. Nine were settled.", None),
])
def test_paragraphs_a_heading_run_into_its_text_without_a_stop(tmp_path: Path, line: str, heading: str | None) -> None:
    lead = "In the first half of the year, Hexi Town received 41 letters and visits from the masses."
    assert _headings(tmp_path, "\n".join([lead, "1. Basic situation", lead, line, ""]))[-1] == heading


def test_paragraphs_a_kept_enumeration_comma_numbers_an_english_heading(tmp_path: Path) -> None:
    lead = "In the first half of the year, Hexi Town received 41 letters and visits from the masses."
    line = ("2、Resolve at the source The town screens the villages for quarrels every month and keeps "
            "a ledger of each case it hears. Nine were settled.")
    assert _headings(tmp_path, "\n".join([lead, "1、Basic situation", lead, line, ""]))[-1] == "Resolve at the source"
    # negative: a number with a full stop and no enumeration comma inside a sentence numbers nothing
    assert _headings(tmp_path, "\n".join([lead, "The town held 2 meetings. Nine were settled.", ""])) == []
