"""Section cues' literal screens: a kind is never ruled out where its pattern matches, and often is where it does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import load_source
from pipeline.section_cues import section_cues

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _lines(lang: str) -> list[str]:
    lines = []
    for path in sorted(CORPUS.glob("*.txt")):
        try:
            loaded = load_source(path)
        except Exception:  # noqa: BLE001 - unreadable inputs are tested in test_ingest
            continue
        if any(doc.language == lang for doc in loaded.documents):
            lines += [line for line in loaded.text.splitlines() if line.strip()]
    return lines


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_kind_screens_keep_every_kind_whose_cue_matches_a_corpus_line(lang: str) -> None:
    cues = section_cues(lang)
    families = {"heading": cues.heading_kind, "content": cues.content_kind,
                "sentence": tuple(cues.sentence_kind.items())}
    lines = _lines(lang)
    assert len(lines) > 100
    ruled_out = 0
    for line in lines:
        for family, patterns in families.items():
            possible = cues.possible_kinds(family, line)
            assert {kind for kind, pattern in patterns if pattern.search(line)} <= possible, (family, line)
            ruled_out += len({kind for kind, _ in patterns} - possible)
    assert ruled_out > len(lines)  # the screens do rule kinds out


@pytest.mark.parametrize(("lang", "heading", "kind"), [
    ("zh", "二、主要做法", "measures"), ("zh", "三、存在的问题", "problems"), ("zh", "四、下一步工作打算", "plans"),
    ("en", "II. Main Practices", "measures"), ("en", "III. Existing Problems", "problems"),
    ("en", "IV. Work Plans for Next Year", "plans"),
    ("zh", "2021年1月5日", None), ("en", "January 5, 2021", None),  # negatives: no kind named
    # a heading opening with a verb of action names measures, whatever trouble it names after it
    ("zh", "三、直面突出问题，压实包案责任", "measures"), ("zh", "（二）破解化解难题", "measures"),
    ("en", "Tackle the Hard Cases of the Masses", "measures"), ("en", "2. Focus on the difficulties of residents", "measures"),
    ("zh", "四、查摆出的问题", "problems"), ("en", "Difficulties and shortcomings", "problems"),
])
def test_kind_of_heading_through_the_screen(lang: str, heading: str, kind: str | None) -> None:
    assert section_cues(lang).kind_of_heading(heading) == kind
