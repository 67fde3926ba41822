"""PDF text layer: reading order, running headers and page numbers dropped, wrapped lines joined, tables as tab rows, coded errors."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.docmaker import Source, cjk_font, write_docx, write_pdf
from pipeline.errors import CorruptPdfError, EmptyFileError, EncryptedPdfError, InputError, PdfTooLongError, ScannedPdfError
from pipeline.ingest import load_source, read_bytes_text, read_file_text
from pipeline.limits import Limits
from pipeline.line_join import join_lines
from pipeline.pdf_text import Line, Page, TableBlock, compose, drop_running_lines, pdf_cues
from pipeline.process import process_path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
needs_font = pytest.mark.skipif(cjk_font() is None, reason="no TrueType CJK font: run .ci/install-office.sh "
                                                           "(Debian fonts-wqy-microhei)")
LONG_ZH = ("全年共受理群众信访事项86件，已办结84件，办结率97.7%。全镇坚持每月开展矛盾纠纷拉网式排查，对排查出的土地承包、"
           "邻里纠纷等问题明确责任人和化解时限，逐一跟踪销号，把矛盾纠纷解决在萌芽状态，全年没有发生越级上访和群体性事件。")
LONG_EN = ("In the whole year the town accepted 86 petition matters from the masses and concluded 84 of them, a "
           "settlement rate of 97.7%, and it investigated 112 disputes of all kinds and resolved 105 of them, so "
           "that the petition order of the town remained stable on the whole throughout the year.")


def _line(top: float, x0: float, x1: float, text: str, width: float = 12.0) -> Line:
    return Line(top, x0, x1, text, width)


# --- composing pages (pure) -------------------------------------------------------------------


def test_pdf_text_joins_wrapped_chinese_lines_without_space_and_keeps_indented_paragraphs_apart() -> None:
    page = Page((_line(100, 104, 500, "全年共受理群众信访事项86件，已办结"),  # indented first line, reaches the edge
                 _line(120, 80, 500, "84件，办结率97.7%。全镇信访形势平稳，没有发"),
                 _line(140, 80, 200, "生重大事件。"),
                 _line(160, 104, 500, "二是畅通渠道。")))
    assert compose([page]) == "全年共受理群众信访事项86件，已办结84件，办结率97.7%。全镇信访形势平稳，没有发生重大事件。\n二是畅通渠道。"


def test_pdf_text_a_short_line_ends_its_paragraph() -> None:
    page = Page((_line(100, 80, 220, "一、基本情况"), _line(120, 80, 500, "全年共受理群众信访事项86件。")))
    assert compose([page]) == "一、基本情况\n全年共受理群众信访事项86件。"


@pytest.mark.parametrize(("left", "right", "joined"), [
    ("received 86 petition", "matters", "received 86 petition matters"),
    ("the settle-", "ment rate", "the settlement rate"),
    ("the follow-", "Up", "the follow-Up"),  # no lower case after it: the hyphen stays
    ("已办结", "84件", "已办结84件"),
    ("受理", "(件)", "受理(件)"),
    ("accepted 86", "件", "accepted 86件"),
], ids=["en-space", "en-hyphenation", "en-hyphen-kept", "zh", "zh-paren", "mixed"])
def test_pdf_text_joiner_undoes_line_wraps(left: str, right: str, joined: str) -> None:
    assert join_lines([left, right]) == joined


@given(st.lists(st.text(alphabet="信访件ab1- ，。", min_size=1, max_size=12), min_size=1, max_size=6))
@settings(max_examples=200, deadline=None)
def test_pdf_text_join_lines_keeps_every_non_space_character_but_split_hyphens(lines: list[str]) -> None:
    joined = join_lines(lines, hyphens="")
    assert joined.replace(" ", "") == "".join(line.strip() for line in lines).replace(" ", "")
    assert "\n" not in joined


def test_pdf_text_drops_repeated_headers_and_page_numbers_but_keeps_a_title_once() -> None:
    body = [_line(90 + 20 * k, 80, 500, text) for k, text in enumerate(("第一行正文。", "第二行正文。", "- 7 -"))]
    pages = [Page((_line(40, 250, 330, "桥边镇人民政府"), *body, _line(800, 280, 300, f"- {n} -"))) for n in (1, 2, 3)]
    kept = drop_running_lines(pages)
    # the header and the page numbers stand apart from the body; a body line looking like one stays
    assert [[item.text for item in page.items] for page in kept] == [[line.text for line in body]] * 3


def test_pdf_text_a_paragraph_ending_at_the_foot_of_every_page_is_kept() -> None:
    pages = [Page(tuple(_line(90 + 20 * k, 80, 500, f"第{k}行") for k in range(5)) + (_line(170, 80, 300, "和群体性事件。"),))
             for _ in range(3)]
    assert drop_running_lines(pages) == pages


@pytest.mark.parametrize("footer", ["第2页 共5页", "Page 2 of 5", "2/5", "- 2 -", "— 12 —"])
def test_pdf_text_page_number_patterns_match_their_forms(footer: str) -> None:
    _, page_number = pdf_cues()
    assert page_number.search(footer)


@pytest.mark.parametrize("line", ["全年共受理86件", "86件", "Table 2", "2023年"])
def test_pdf_text_page_number_patterns_leave_text_alone(line: str) -> None:
    _, page_number = pdf_cues()
    assert not page_number.search(line)


def test_pdf_text_resource_examples_match_their_patterns() -> None:
    import re

    cues, _ = pdf_cues()
    for entry in cues.page_numbers:
        assert re.search(entry.pattern, entry.example), entry


def test_pdf_text_table_rows_come_as_tab_lines_between_paragraphs() -> None:
    page = Page((_line(100, 80, 300, "表1 信访情况"), TableBlock(120, (("渠道", "件数"), ("来信", "14"))),
                 _line(200, 104, 400, "与上年相比有所下降。")))
    assert compose([page]) == "表1 信访情况\n渠道\t件数\n来信\t14\n与上年相比有所下降。"


# --- real PDFs written with reportlab -----------------------------------------------------------


def _source(blocks, language="zh", header="清河镇人民政府") -> Source:
    return Source("清河", language, tuple(blocks), header)


@needs_font
@pytest.mark.parametrize(("language", "paragraph"), [("zh", LONG_ZH), ("en", LONG_EN)])
def test_pdf_text_reads_a_written_pdf_as_its_source_text(tmp_path: Path, language: str, paragraph: str) -> None:
    """One page: its page number goes (a header cannot be told from a title on one page: none here)."""
    source = _source(["2023年信访工作总结", paragraph, paragraph, ((("渠道", "件数"), ("来信", "14")))], language, None)
    text, encoding = read_file_text(write_pdf(source, tmp_path / "summary.pdf"))
    assert encoding == "pdf"
    assert text == source.text()  # the page number is gone, every paragraph one line, the table as tab rows


@needs_font
def test_pdf_text_a_paragraph_running_over_a_page_break_is_one_line(tmp_path: Path) -> None:
    blocks = ["2023年信访工作总结"] + [LONG_ZH] * 9  # three pages, each with the running header 清河镇人民政府
    source = _source(blocks)
    text, _ = read_file_text(write_pdf(source, tmp_path / "long.pdf"))
    assert text == source.text() and "人民政府" not in text


def test_pdf_text_corpus_pdf_and_docx_of_one_summary_give_the_same_figures() -> None:
    """The same summary as .docx and as PDF: the same text, so the same (indicator, value) set."""
    def figures(name: str) -> Counter:
        (record,) = process_path(CORPUS / name, classify=False).records
        return Counter((f.indicator, f.value) for f in record.facts)

    docx, pdf = figures("zh_qiaobian_2023_annual.docx"), figures("zh_qiaobian_2023_annual_pdf.pdf")
    assert docx == pdf and sum(docx.values()) >= 30
    assert read_file_text(CORPUS / "zh_qiaobian_2023_annual_pdf.pdf")[0] == \
        read_file_text(CORPUS / "zh_qiaobian_2023_annual.docx")[0]


@needs_font
def test_pdf_text_corpus_files_are_what_their_sources_write(tmp_path: Path) -> None:
    """corpus/formats/*.yaml write the corpus's .docx and PDF: each committed file reads as its source."""
    from bench.docmaker import corpus_sources

    for source in corpus_sources():
        for kind in set(source.formats) & {"docx", "pdf"}:
            assert read_file_text(CORPUS / source.file_name(kind))[0] == source.text(), (source.stem, kind)
        fresh = write_docx(source, tmp_path / f"{source.stem}.docx")
        assert read_file_text(fresh)[0] == source.text()


# --- coded errors -------------------------------------------------------------------------------


def test_pdf_text_scanned_pdf_is_a_coded_error_naming_ocr(tmp_path: Path) -> None:
    path = write_pdf(_source([]), tmp_path / "scan.pdf", scanned=True)
    with pytest.raises(ScannedPdfError) as caught:
        load_source(path)
    assert caught.value.code == "E115" and "OCR" in str(caught.value) and str(path) in str(caught.value)


@pytest.mark.parametrize("data", [b"%PDF-1.4\n", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF",
                                  b"not a pdf at all" * 20, b""], ids=["header-only", "no-pages", "text", "empty"])
def test_pdf_text_malformed_pdf_is_a_coded_error(data: bytes) -> None:
    with pytest.raises((CorruptPdfError, EmptyFileError)) as caught:
        read_bytes_text(data, "bad.pdf")
    assert "bad.pdf" in str(caught.value) and caught.value.code in ("E114", "E102")


@given(st.binary(max_size=600))
@settings(max_examples=60, deadline=None)
def test_pdf_text_any_bytes_give_text_or_a_coded_error(data: bytes) -> None:
    try:
        text, _ = read_bytes_text(b"%PDF-1.4\n" + data, "fuzz.pdf")
        assert isinstance(text, str)
    except InputError as error:
        assert error.code.startswith("E1")


@needs_font
def test_pdf_text_encrypted_pdf_is_a_coded_error(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    plain = write_pdf(_source(["2023年信访工作总结", LONG_ZH]), tmp_path / "plain.pdf")
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt("secret", algorithm="AES-128")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(EncryptedPdfError) as caught:
        load_source(locked)
    assert caught.value.code == "E116"


@needs_font
def test_pdf_text_more_pages_than_the_limit_is_a_coded_error(tmp_path: Path) -> None:
    path = write_pdf(_source(["2023年信访工作总结"] + [LONG_ZH] * 9), tmp_path / "long.pdf")
    with pytest.raises(PdfTooLongError, match="max_pdf_pages") as caught:
        read_bytes_text(path.read_bytes(), "long.pdf", Limits(max_pdf_pages=1))
    assert caught.value.code == "E117"
