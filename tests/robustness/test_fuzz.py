"""Hypothesis fuzzing of ingest and of the whole pipeline: bad bytes give a coded InputError, never anything else."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile import ZH, docx_bytes, paragraphs_xml
from pipeline.errors import InputError
from pipeline.ingest import load_source
from pipeline.process import process_path

FRAGMENTS = st.sampled_from([line for line in ZH.splitlines() if line.strip()] +
                            ["篇一", "Article 1:", "\x00", "\ufeff", "[/red]", "=SUM(A1)", "XX", "一、", "20XX年"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".docx", ".text"]))
def test_fuzz_ingest_of_any_bytes_gives_documents_or_a_coded_error(data: bytes, suffix: str) -> None:
    try:
        source = load_source(Path("fuzz" + suffix), data=data)
    except InputError as error:
        assert error.code.startswith("E1") and error.message
        return
    for doc in source.documents:
        assert source.text[doc.start : doc.end] == doc.text and doc.start < doc.end


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(FRAGMENTS, max_size=40), encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]),
       as_docx=st.booleans())
def test_fuzz_the_pipeline_on_damaged_summaries_gives_grounded_records_or_a_coded_error(
        pieces: list[str], encoding: str, as_docx: bool) -> None:
    text = "\n".join(pieces)
    if as_docx:
        data, name = docx_bytes(paragraphs_xml([p.replace("\x00", "") for p in pieces
                                                if "<" not in p and "&" not in p])), "fuzz.docx"
    else:
        data, name = text.encode(encoding, errors="replace"), "fuzz.txt"
    try:
        done = process_path(Path(name), data=data, classify=False)
    except InputError as error:
        assert error.code.startswith("E1")
        return
    for record in done.records:
        for fact in record.facts:
            assert done.text[fact.start : fact.end] == fact.surface
