"""Ingest: decoding, length-preserving normalisation, .docx, directories, input errors, splitting."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import (
    BinaryFileError,
    ConversionError,
    CorruptDocxError,
    CorruptPdfError,
    DecodeError,
    EmptyFileError,
    InputError,
    MissingPathError,
    UnsupportedFormatError,
)
from pipeline.ingest import (
    decode_bytes,
    iter_paths,
    load_source,
    normalise,
    read_file_text,
    split_summaries,
)
from pipeline.language import detect_language

ZH_TEXT = (
    "一、基本情况\n今年以来，我镇共受理群众来信来访31件，办结31件，办结率100%。\n"
    "二、主要做法\n一是加强组织领导，二是健全信访网络。\n"
)
EN_TEXT = (
    "1. Basic situation\nSince the beginning of this year, the town has accepted 31 letters "
    "and visits from the masses, and all of them were settled.\n"
)

P1 = "今年以来，我镇认真贯彻落实《信访工作条例》，坚持把信访工作摆在重要位置，全年共受理群众来信来访45件，办结43件，办结率95.6%。"
P2 = (
    "我镇建立了镇村两级信访工作网络，每个村配备一名信息员，每月开展一次矛盾纠纷排查，做到小事不出村、"
    "大事不出镇。同时落实领导接访日制度，镇领导每周轮流接待来访群众，全年接待群众86人次。"
)
P3 = "但我镇信访工作仍存在一些不足：一是村级信息员业务能力不强；二是个别信访积案化解难度较大。"
P4 = "下一步，我镇将进一步健全信访工作机制，加强信访干部培训，切实把矛盾纠纷化解在基层。"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# --- decoding ---------------------------------------------------------------------------------

ENCODED = {
    "utf8-zh": ZH_TEXT.encode("utf-8"),
    "utf8-en": EN_TEXT.encode("utf-8"),
    "utf8-bom-zh": codecs.BOM_UTF8 + ZH_TEXT.encode("utf-8"),
    "gb18030-zh": ZH_TEXT.encode("gb18030"),
    "gbk-zh": ZH_TEXT.encode("gbk"),
    "utf16le-bom-zh": codecs.BOM_UTF16_LE + ZH_TEXT.encode("utf-16-le"),
    "utf16be-bom-zh": codecs.BOM_UTF16_BE + ZH_TEXT.encode("utf-16-be"),
    "utf16le-bom-en": codecs.BOM_UTF16_LE + EN_TEXT.encode("utf-16-le"),
    "utf16le-nobom-en": EN_TEXT.encode("utf-16-le"),
    "utf16be-nobom-en": EN_TEXT.encode("utf-16-be"),
}


@pytest.mark.parametrize("data", ENCODED.values(), ids=ENCODED.keys())
def test_ingest_decodes_every_supported_encoding(data: bytes) -> None:
    text, _encoding = decode_bytes(data, "summary.txt")
    expected = ZH_TEXT if "信访" in text else EN_TEXT
    assert text == expected


def test_ingest_decodes_utf8_with_bom_without_the_bom() -> None:
    text, encoding = decode_bytes(codecs.BOM_UTF8 + ZH_TEXT.encode("utf-8"), "a.txt")
    assert not text.startswith("\ufeff")
    assert encoding == "utf-8-sig"


def test_ingest_decodes_utf16_without_bom() -> None:
    text, encoding = decode_bytes(EN_TEXT.encode("utf-16-le"), "a.txt")
    assert text == EN_TEXT
    assert encoding.startswith("utf-16")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_ingest_decodes_chinese_utf16_without_bom(encoding: str) -> None:
    text, _ = decode_bytes(ZH_TEXT.encode(encoding), "zh.txt")
    assert text == ZH_TEXT


@pytest.mark.parametrize("chinese", ["信访工作总结", "受理来信", "群众来访", "工作总结"])
def test_ingest_decodes_short_gbk_as_chinese_not_korean(chinese: str) -> None:
    # charset-normalizer's first guess for these bytes is cp949 (Korean).
    text, encoding = decode_bytes(chinese.encode("gbk"), "short.txt")
    assert text == chinese
    assert encoding == "gb18030"


def test_ingest_read_file_text_normalises_decoded_file(tmp_path: Path) -> None:
    path = write(tmp_path, "fw.txt", "办结率达９８．５％，共３１件\r\n".encode("gb18030"))
    text, encoding = read_file_text(path)
    assert text == "办结率达98.5%，共31件\n\n"  # CR becomes LF: one character for one
    assert encoding == "gb18030"


# --- normalisation ----------------------------------------------------------------------------

NORMALISED = {
    "fullwidth-digits": ("１２３４５６７８９０", "1234567890"),
    "fullwidth-upper": ("ＡＢＣＸＹＺ", "ABCXYZ"),
    "fullwidth-lower": ("ａｂｃｘｙｚ", "abcxyz"),
    "fullwidth-percent-dot": ("办结率９５．６％", "办结率95.6%"),
    "placeholder-xx": ("ＸＸ镇", "XX镇"),
    "crlf": ("一、基本情况\r\n正文", "一、基本情况\n\n正文"),
    "chinese-punctuation-kept": ("一、（一）。，；：", "一、（一）。，；："),
}


@pytest.mark.parametrize(("raw", "expected"), NORMALISED.values(), ids=NORMALISED.keys())
def test_ingest_normalise_maps_fullwidth_to_ascii_one_for_one(raw: str, expected: str) -> None:
    assert normalise(raw) == expected
    assert len(normalise(raw)) == len(raw)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_ingest_normalise_preserves_length(text: str) -> None:
    assert len(normalise(text)) == len(text)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_ingest_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


# --- .docx ------------------------------------------------------------------------------------


def make_docx(path: Path, blocks: list) -> Path:
    """Write a .docx from blocks: a str is a paragraph, a list of rows is a table."""
    import docx

    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
        else:
            table = document.add_table(rows=len(block), cols=len(block[0]))
            for r, row in enumerate(block):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
    document.save(str(path))
    return path


DOCX_TABLE = [[f"第{r}行第{c}列" for c in range(1, 4)] for r in range(1, 5)]
DOCX_BLOCKS = ["2023年清河镇信访工作总结", "一、基本情况", DOCX_TABLE, "二、主要做法", "一是加强领导，二是健全网络。"]


def test_ingest_docx_reads_paragraphs_in_document_order_around_table(tmp_path: Path) -> None:
    text, encoding = read_file_text(make_docx(tmp_path / "summary.docx", DOCX_BLOCKS))
    lines = text.split("\n")
    assert encoding == "docx"
    assert lines[:3] == ["2023年清河镇信访工作总结", "一、基本情况", "第1行第1列\t第1行第2列\t第1行第3列"]
    assert lines[-2:] == ["二、主要做法", "一是加强领导，二是健全网络。"]


def test_ingest_docx_normalises_fullwidth_digits_in_table_cells(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "fw.docx", ["受理情况", [["来信１２件"]], "办结率９５．６％"])
    text, _ = read_file_text(path)
    assert text.split("\n") == ["受理情况", "来信12件", "办结率95.6%"]


def test_ingest_docx_reads_a_data_table_one_row_per_line_cells_joined_by_tabs(tmp_path: Path) -> None:
    text, _ = read_file_text(make_docx(tmp_path / "summary.docx", DOCX_BLOCKS))
    rows = ["\t".join(row) for row in DOCX_TABLE]
    assert text.split("\n") == [*DOCX_BLOCKS[:2], *rows, *DOCX_BLOCKS[3:]]


def test_ingest_docx_reads_a_layout_table_as_its_paragraphs(tmp_path: Path) -> None:
    """A table that only lays out prose (a cell of a whole paragraph) is no data table: its cells'
    paragraphs come one per line, as before tables were read as tables."""
    prose = ("今年以来，我镇坚持把信访工作摆在突出位置，主动排查各类矛盾纠纷，全年共受理群众来信来访31件，"
             "已全部办结，群众满意率明显提高，没有发生越级上访和群体性事件，为全镇经济社会发展营造了和谐稳定的环境。")
    text, _ = read_file_text(make_docx(tmp_path / "layout.docx", [[["一、基本情况", prose], ["二、主要做法", "略"]]]))
    assert text.split("\n") == ["一、基本情况", prose, "二、主要做法", "略"]


def test_ingest_docx_reads_merged_table_cell_once(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "合计"
    table.cell(1, 0).text = "来信"
    path = tmp_path / "merged.docx"
    document.save(str(path))
    text, _ = read_file_text(path)
    assert text.split("\n") == ["合计\t", "来信\t"]  # the merged cell once, its other column blank
    assert text.count("合计") == 1


def test_ingest_docx_loads_as_a_document(tmp_path: Path, zh_summary_text: str) -> None:
    path = make_docx(tmp_path / "zh.docx", zh_summary_text.rstrip("\n").split("\n"))
    source = load_source(path)
    assert source.text == zh_summary_text.rstrip("\n")
    assert [d.language for d in source.documents] == ["zh"]


# --- directories ------------------------------------------------------------------------------


def test_ingest_iter_paths_walks_directories_recursively_in_sorted_order(tmp_path: Path) -> None:
    root = tmp_path / "in"
    for name in ["b/2.txt", "a/1.txt", "a/sub/3.docx", "c.TXT", "d.text",
                 ".hidden/x.txt", "a/.cache/y.txt", "notes.md", "image.png"]:
        write(root, name, b"x")
    listed = [p.relative_to(root).as_posix() for p in iter_paths([root])]
    assert listed == ["a/1.txt", "a/sub/3.docx", "b/2.txt", "c.TXT", "d.text"]


def test_ingest_iter_paths_keeps_files_and_missing_paths_in_argument_order(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    write(folder, "z.txt", b"x")
    single = write(tmp_path, "single.txt", b"x")
    missing = tmp_path / "missing.txt"
    assert list(iter_paths([single, missing, folder])) == [single, missing, folder / "z.txt"]


# --- errors -----------------------------------------------------------------------------------

BAD_FILES = {
    "empty": ("empty.txt", b"", EmptyFileError),
    "whitespace-only": ("blank.txt", b"  \n\t\r\n   \n", EmptyFileError),
    "binary-nul-bytes": ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 8,
                         BinaryFileError),
    "binary-all-bytes": ("blob.txt", bytes(range(256)) * 4, BinaryFileError),
    "undecodable-high-bytes": ("garbage.txt", bytes(range(0x80, 0x100)) * 2, DecodeError),
    "corrupt-docx": ("broken.docx", b"PK\x03\x04 this is not really a zip archive " * 10,
                     CorruptDocxError),
    "random-bytes-docx": ("random.docx", bytes(range(0, 256, 7)) * 20, CorruptDocxError),
    "text-named-doc": ("old.doc", "今年共受理群众来信来访31件。".encode("utf-8"), ConversionError),
    "corrupt-pdf": ("scan.pdf", b"%PDF-1.4\n", CorruptPdfError),
}


@pytest.mark.parametrize(("name", "data", "error"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_ingest_rejects_bad_file_with_coded_error_naming_it(
    tmp_path: Path, name: str, data: bytes, error: type[InputError]
) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(error) as caught:
        load_source(path)
    assert caught.type is error
    assert caught.value.path == str(path)
    assert str(path) in str(caught.value)
    assert caught.value.code in str(caught.value)


def test_ingest_rejects_missing_path_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "summary.txt"
    with pytest.raises(MissingPathError) as caught:
        load_source(path)
    assert str(path) in str(caught.value)


def test_ingest_rejects_directory_given_as_file(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormatError, match="directory"):
        read_file_text(tmp_path)


def test_ingest_rejects_docx_without_text(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "blank.docx", ["", "   "])
    with pytest.raises(EmptyFileError) as caught:
        load_source(path)
    assert str(path) in str(caught.value)


def test_ingest_doc_that_is_no_word_file_says_so(tmp_path: Path) -> None:
    path = write(tmp_path, "old.doc", b"anything")
    with pytest.raises(ConversionError, match="not a Word or WPS document"):
        load_source(path)


@pytest.mark.parametrize("text", [
    "The town\u2019s petition work in 2021 \u2013 a summary.\r\nThe town received 64 \u201cletters and visits\u201d.\r\n",
    "Qinghe Town\u2019s summary: 31 cases were settled.\n",
    "The town\u2019s leaders said \u201cwe will do better\u2026\u201d and the work\u2014\u201cthree no\u2019s\u201d.\n",
], ids=["crlf_quotes_and_dash", "one_apostrophe", "adjacent_marks"])
def test_ingest_decodes_a_windows_english_file_as_cp1252_not_chinese(text: str) -> None:
    decoded, encoding = decode_bytes(text.encode("cp1252"), "en.txt")
    assert decoded == text and encoding == "cp1252"


def test_ingest_reads_an_english_file_saved_as_gbk_as_gb18030_not_cp1252() -> None:
    text = "The town received 31 \u201cletters and visits\u201d and settled 30 of them \u2014 a rate of 96.8%.\n"
    decoded, encoding = decode_bytes(text.encode("gbk"), "en_gbk.txt")
    assert decoded == text and encoding == "gb18030"


def test_ingest_still_reads_chinese_gbk_with_english_words_as_gb18030() -> None:
    text = "白鹭镇2021年信访工作总结（Bailu Town）：全年受理来信来访126件，办结率98.5%。"
    decoded, encoding = decode_bytes(text.encode("gbk"), "zh.txt")
    assert decoded == text and encoding == "gb18030"


def test_ingest_rejects_bytes_invalid_in_utf8_and_gb18030() -> None:
    data = b"\x80\x81\xff" * 20
    for encoding in ("utf-8", "gb18030"):
        with pytest.raises(UnicodeDecodeError):
            data.decode(encoding)
    with pytest.raises(DecodeError) as caught:
        decode_bytes(data, "garbage.txt")
    assert "garbage.txt" in str(caught.value) and "save the file as UTF-8" in str(caught.value)


# --- splitting --------------------------------------------------------------------------------


def test_ingest_splits_seed_into_two_english_documents(seed_path: Path) -> None:
    source = load_source(seed_path)
    assert [d.part for d in source.documents] == [1, 2]
    assert [d.language for d in source.documents] == ["en", "en"]
    assert [d.doc_id for d in source.documents] == ["000_e0e5e41776e59551#1", "000_e0e5e41776e59551#2"]
    assert source.documents[0].text.startswith("Article 1:")
    assert source.documents[1].text.startswith("Chapter 2:")
    assert source.documents[1].text.endswith("smooth progress of the petition work.")


def test_ingest_seed_website_lines_belong_to_no_document(seed_path: Path) -> None:
    source = load_source(seed_path)
    site = "Joke Collection Website - Bulletin headlines - Personal summary template for township petition work"
    template = "Personal summary template for township petition work"
    site_at = source.text.index(site)
    template_at = source.text.index(template, site_at + len(site))
    for doc in source.documents:
        assert not doc.start <= site_at < doc.end
        assert not doc.start <= template_at < doc.end
        assert site not in doc.text and template not in doc.text


def test_ingest_documents_are_ordered_and_disjoint(seed_path: Path) -> None:
    docs = load_source(seed_path).documents
    assert all(0 <= d.start < d.end <= len(d.file_text) for d in docs)
    assert all(a.end <= b.start for a, b in zip(docs, docs[1:]))


def docs_of(tmp_path: Path, text: str, name: str = "file.txt"):
    return load_source(write(tmp_path, name, text.encode("utf-8"))).documents


def test_ingest_splits_chinese_file_at_pian_markers(tmp_path: Path) -> None:
    text = "\n".join([
        "乡镇信访工作总结范文（精选2篇）",
        "篇一：2019年安宁镇信访工作总结", P1, P2, P3,
        "篇二：2020年青山乡信访工作总结", P2, P4,
    ])
    docs = docs_of(tmp_path, text)
    assert len(docs) == 2
    assert [d.language for d in docs] == ["zh", "zh"]
    assert docs[0].text.startswith("篇一") and docs[0].text.endswith(P3)
    assert docs[1].text.startswith("篇二") and docs[1].text.endswith(P4)
    assert all("精选2篇" not in d.text for d in docs)


def test_ingest_splits_file_at_bracketed_titles(tmp_path: Path) -> None:
    text = "\n".join(["【安宁镇2019年信访工作总结】", P1, P2, P3, "【青山乡2020年信访工作总结】", P2, P4])
    docs = docs_of(tmp_path, text)
    assert len(docs) == 2
    assert docs[0].text.startswith("【安宁镇") and docs[0].text.endswith(P3)
    assert docs[1].text.startswith("【青山乡") and docs[1].text.endswith(P4)


def test_ingest_bracketed_caption_splits_nothing_and_loses_nothing(tmp_path: Path) -> None:
    text = "\n".join([P1, "【资料图】", P2, P3])
    docs = docs_of(tmp_path, text)
    assert len(docs) == 1
    assert docs[0].text.startswith(P1[:10]) and docs[0].text.endswith(P3)


def test_ingest_bracketed_line_is_the_document_title(tmp_path: Path) -> None:
    text = "\n".join(["【安宁镇2019年信访工作总结】", P1, P2, P3, "【青山乡2020年信访工作总结】", P2, P4])
    docs = docs_of(tmp_path, text)
    assert docs[0].title is not None
    assert "安宁镇2019年信访工作总结" in docs[0].title


@pytest.mark.parametrize("line, title", [
    ("青山乡2018年信访工作总结_工作总结_范文大全网", "青山乡2018年信访工作总结"),
    ("Summary of the petition work of Qinghe Town in 2020 | Model Essays", "Summary of the petition work of Qinghe Town in 2020"),
    ("青山乡2018年信访工作总结", "青山乡2018年信访工作总结"),
    ("信访工作总结_白鹭镇2021年", None),  # not cut down to 信访工作总结 (and no title line as a whole)
    ("Petition Work Summary | Qinghe Town", "Petition Work Summary | Qinghe Town"),
    ("青山乡2018年信访工作总结_工作总结_范文_乡镇工作总结_范文大全网", "青山乡2018年信访工作总结"),
    ("松林乡2022年信访工作总结及2023年工作计划", "松林乡2022年信访工作总结及2023年工作计划"),
    ("Baishui Town Petition Work Report for 2021", "Baishui Town Petition Work Report for 2021"),
    ("Dongping Township: Summary for the First Half of 2022", "Dongping Township: Summary for the First Half of 2022"),
], ids=["en_half_year_summary", "zh_site_suffix", "en_site_suffix", "plain", "zh_place_and_year_stay", "en_town_stays", "zh_long_suffix",
        "zh_summary_and_plan", "en_work_report"])
def test_ingest_title_line_loses_a_website_suffix(tmp_path: Path, line: str, title: str | None) -> None:
    body = "今年以来，我乡共受理群众来信来访31件，办结30件。" if "乡" in line else \
        "The town received 31 letters and visits and settled 30 of them."
    path = write(tmp_path, "t.txt", f"{line}\n\n{body}\n".encode("utf-8"))
    [doc] = load_source(path).documents
    assert doc.title == title
    assert doc.file_text[doc.start : doc.start + len(line)] == line


def test_ingest_a_line_with_underscores_but_no_title_is_no_title(tmp_path: Path) -> None:
    path = write(tmp_path, "t.txt", "发布时间_2018_来源_本站\n\n今年以来，我乡共受理群众来信来访31件。\n".encode("utf-8"))
    assert [doc.title for doc in load_source(path).documents] == [None]


def test_ingest_splits_file_at_repeated_title_lines(tmp_path: Path) -> None:
    body = [P1, P2 + P2, P3, P4]  # more than 300 characters in the lines under each title
    text = "\n".join(["2019年安宁镇信访工作总结", *body, "2020年青山乡信访工作总结", *body])
    docs = docs_of(tmp_path, text)
    assert [d.title for d in docs] == ["2019年安宁镇信访工作总结", "2020年青山乡信访工作总结"]
    assert docs[0].text.endswith(P4) and docs[1].text.startswith("2020年青山乡")


def test_ingest_splits_two_full_summaries_with_short_heading_lines(
    tmp_path: Path, zh_summary_text: str
) -> None:
    second = zh_summary_text.replace("清河镇", "石门镇")
    docs = docs_of(tmp_path, zh_summary_text + "\n" + second)
    assert [d.title for d in docs] == ["2023年清河镇信访工作总结", "2023年石门镇信访工作总结"]


def test_ingest_single_summary_with_title_is_one_document(tmp_path: Path, zh_summary_text: str) -> None:
    docs = docs_of(tmp_path, zh_summary_text)
    assert len(docs) == 1
    assert docs[0].title == "2023年清河镇信访工作总结"
    assert docs[0].start == 0 and docs[0].end == len(zh_summary_text.rstrip("\n"))


def test_ingest_excludes_breadcrumb_and_hit_counter(tmp_path: Path) -> None:
    text = "\n".join(["首页 > 范文 > 工作总结", "2021年白鹭镇信访工作总结", P1, P2, P3, P4, "阅读：1528 次", ""])
    docs = docs_of(tmp_path, text)
    assert len(docs) == 1
    doc = docs[0]
    assert doc.title == "2021年白鹭镇信访工作总结"
    assert doc.text.startswith("2021年白鹭镇") and doc.text.endswith(P4)
    assert "首页" not in doc.text and "阅读" not in doc.text


def test_ingest_excludes_an_article_label_bar_with_empty_values(tmp_path: Path) -> None:
    text = "\n".join(["日期:", "来源:青水融媒 编辑:青水融媒", P1, P2, P3, P4, ""])
    docs = docs_of(tmp_path, text)
    assert len(docs) == 1 and docs[0].text.startswith(P1[:10])


@pytest.mark.parametrize("footer", [
    "版权所有：白鹭镇人民政府 备案号：蜀ICP备12345678号-1",
    "主办单位：白鹭镇人民政府 川公网安备51010402000123号",
    "Copyright 2021 Bailu Town. All Rights Reserved. ICP No. 12345678-1",
    "© 2021 Bailu Town People's Government",
])
def test_ingest_excludes_a_site_footer(tmp_path: Path, footer: str) -> None:
    docs = docs_of(tmp_path, "\n".join(["2021年白鹭镇信访工作总结", P1, P2, P3, P4, footer, ""]))
    assert len(docs) == 1 and docs[0].text.endswith(P4)


@pytest.mark.parametrize("last_line", [
    # negatives: a summary's own closing sentence about copyright cases stays in it
    "全年调处著作权纠纷2件，均已结案。",
    "The town also mediated 2 copyright disputes between neighbouring workshops.",
])
def test_ingest_keeps_a_closing_sentence_that_only_mentions_copyright(tmp_path: Path, last_line: str) -> None:
    docs = docs_of(tmp_path, "\n".join(["2021年白鹭镇信访工作总结", P1, P2, P3, P4, last_line, ""]))
    assert len(docs) == 1 and docs[0].text.endswith(last_line)


def test_ingest_file_of_only_debris_holds_no_summary(tmp_path: Path) -> None:
    path = write(tmp_path, "debris.txt", "首页 > 范文 > 工作总结\n阅读：1528 次\n".encode("utf-8"))
    with pytest.raises(EmptyFileError) as caught:
        load_source(path)
    assert str(path) in str(caught.value)


def test_ingest_split_spans_slice_to_stripped_lines() -> None:
    text = "  \n  2019年安宁镇信访工作总结  \n" + P1 + "\n\n"
    spans = split_summaries(text)
    assert len(spans) == 1
    start, end, title = spans[0]
    assert text[start:end] == "2019年安宁镇信访工作总结  \n" + P1
    assert title == "2019年安宁镇信访工作总结"


# --- language ---------------------------------------------------------------------------------

LANGUAGES = {
    "chinese": (P1 + P2, "zh"),
    "english": (EN_TEXT, "en"),
    "chinese-with-english-terms": ("我镇开通12345 hotline和WeChat公众号，网上信访APP受理诉求22件，办结率100%。", "zh"),
    "chinese-with-placeholders": ("XX镇位于XX县西南部，距县城XX公里，辖XX个村。", "zh"),
    "english-with-a-chinese-term": (
        "The town publicised the Regulations on Letters and Calls (信访条例) in every village, "
        "held meetings of cadres and distributed brochures to the masses.", "en"),
    "seed-style-english": ("xx town is located in the southwest of xx county, XX kilometers away.", "en"),
    # the counts are of characters, whether in runs or alone: one Han character weighs ten letters
    "ten-letters-to-one-han": ("镇abcde fghij", "zh"), "eleven-letters-to-one-han": ("镇ab cde fghijk", "en"),
    "runs-of-han": ("白鹭镇 " + "abcdefghij " * 3, "zh"), "runs-of-han-outweighed": ("白鹭镇 " + "abcdefghij " * 3 + "k", "en"),
}


@pytest.mark.parametrize(("text", "expected"), LANGUAGES.values(), ids=LANGUAGES.keys())
def test_ingest_detects_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_ingest_documents_carry_detected_language(tmp_path: Path, zh_summary_text: str) -> None:
    assert [d.language for d in docs_of(tmp_path, zh_summary_text)] == ["zh"]


@pytest.mark.parametrize("first, second", [
    ("Township letters and visits work summary 1", "Township letters and visits work summary 2"),
    ("乡镇信访工作总结1", "乡镇信访工作总结2"),
    ("Part 1: Township letters and visits work summary", "Part 2: Township letters and visits work summary"),
], ids=["en", "zh", "en-marker-with-title"])
def test_ingest_splits_a_template_sites_numbered_copies(tmp_path: Path, first: str, second: str) -> None:
    body = EN_TEXT if first.isascii() else P1 + "\n" + P4
    docs = docs_of(tmp_path, "\n".join([first, body, second, body, ""]))
    assert [d.title for d in docs] == [first, second]


def test_ingest_a_closing_line_about_a_summary_is_no_copy_marker(tmp_path: Path) -> None:
    text = "\n".join(["2021年白鹭镇信访工作总结", P1, P2, "以上是我镇上半年工作的总结", ""])
    assert len(docs_of(tmp_path, text)) == 1


def test_ingest_excludes_a_news_sites_ticker_weather_and_breadcrumb(tmp_path: Path) -> None:
    top = ["Latest News:", "Beijing   Cloudy/Sunny    9 / 0   City Forecast", "", "Daily Online>>Society", ""]
    docs = docs_of(tmp_path, "\n".join([*top, EN_TEXT]))
    assert len(docs) == 1 and docs[0].text.startswith("1. Basic situation")


def test_ingest_excludes_a_blogs_comment_form_under_the_article(tmp_path: Path) -> None:
    for tail in (["Leave a Reply", "", "Your email address will not be published."], ["Leave a"]):
        docs = docs_of(tmp_path, "\n".join([EN_TEXT.rstrip("\n"), "", *tail, ""]))
        assert len(docs) == 1 and "Leave a" not in docs[0].text


@pytest.mark.parametrize("tail", [
    ["Related articles:", "1. Qinghe Town carries out 3 rounds of dispute screening (2023-06-02)",
     "2. 5 measures to improve the petition environment (2023-05-18)", "Share to: WeChat Weibo QQ Space",
     "Scan the QR code to follow us", "[Print this page] [Close window]"],
    ["Tel: 0551-62345678   Fax: 0551-62345679", "Address: No. 18 Renmin Road, Qinghe Town", "Tags: petition, Fengqiao",
     "This article was downloaded 12 times. Download price: 5 points. VIP members free."],
    ["相关新闻", "1. 青河镇开展3轮矛盾纠纷排查（2023-06-02）", "分享到：微信 微博", "【打印】【关闭】", "地址：青河镇人民路18号"],
    ["[Next page] Personal work summary of township cadres | 5 articles of party building work summary",
     "Recommended: 10 selected township work summaries"],
], ids=["en-links-and-tools", "en-contacts-and-download-terms", "zh-links-and-tools", "en-next-page-and-recommended"])
def test_ingest_excludes_a_pages_tool_bar_links_and_contacts_under_the_article(tmp_path: Path, tail: list[str]) -> None:
    docs = docs_of(tmp_path, "\n".join([EN_TEXT.rstrip("\n"), "", *tail, ""]))
    assert len(docs) == 1 and docs[0].text.rstrip().endswith(EN_TEXT.rstrip().splitlines()[-1])


@pytest.mark.parametrize("last", [
    "Share the burden: the 12 villages took turns at the reception desk.",
    "1. The town held 3 rounds of dispute screening in May.",
    "Address the 4 backlog cases before the end of the year, the secretary said.",
    "Part 3: the mediation of land disputes took most of the year.",
], ids=["share-as-a-verb", "numbered-item-without-a-date", "address-as-a-verb", "part-without-a-summary-title"])
def test_ingest_keeps_last_lines_that_only_look_like_a_pages_tools(tmp_path: Path, last: str) -> None:
    docs = docs_of(tmp_path, "\n".join([EN_TEXT.rstrip("\n"), last, ""]))
    assert docs[0].text.rstrip().endswith(last)


def test_ingest_keeps_a_sentence_that_asks_to_leave_a_reply(tmp_path: Path) -> None:
    last = "Villagers may leave a reply card at the reception desk of the petition office."
    docs = docs_of(tmp_path, "\n".join([EN_TEXT.rstrip("\n"), last, ""]))
    assert docs[0].text.rstrip().endswith(last)


def test_ingest_keeps_a_first_line_that_only_mentions_news(tmp_path: Path) -> None:
    first = "Latest news from the town: the petition office received 12 letters in May."
    docs = docs_of(tmp_path, "\n".join([first, EN_TEXT]))
    assert docs[0].text.startswith(first)
