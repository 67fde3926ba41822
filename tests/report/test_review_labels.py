"""The review controls' labels are data in zh and en, and the review block never closes its script element."""

from __future__ import annotations

import pytest

from pipeline.lexicon import load_resource
from pipeline.report.review import ReviewLabels, review_block
from pipeline.schema import Finding, Record


@pytest.mark.parametrize("lang, word", [("en", "Download"), ("zh", "下载")])
def test_review_labels_load_in_each_language(lang: str, word: str) -> None:
    labels = load_resource(lang, "review", ReviewLabels)
    assert word in labels.download and labels.dismiss and labels.corrected


def test_review_block_escapes_markup_and_needs_hashes() -> None:
    text = "</script><b>XX</b>"
    record = Record(doc_id="a#1", source="a.txt", part=1, start=0, end=len(text), language="en",
                    findings=(Finding(rule="placeholder", severity="error", message="m", start=0, end=14),))
    assert review_block({1: (record, text)}, None, "en") == ""
    block = review_block({1: (record, text)}, {"a.txt": "0" * 64}, "en")
    assert block.count("</script>") == 1 and block.endswith("</script>") and "\\u003c/script\\u003e" in block
    assert "\\u003cb\\u003eXX" in block
