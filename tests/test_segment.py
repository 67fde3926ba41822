"""Segmentation: section trees and kinds, sentences, clauses, and the offset invariants."""

from __future__ import annotations

import codecs
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import InputError
from pipeline.ingest import Document, load_source, normalise, split_summaries
from pipeline.language import detect_language
from pipeline.segment import Segmentation, segment


def documents(text: str) -> list[Document]:
    """Documents of a file text, as load_source builds them (without the file)."""
    return [
        Document(f"t#{part}", "t.txt", part, start, end, text, detect_language(text[start:end]), title)
        for part, (start, end, title) in enumerate(split_summaries(text), start=1)
    ]


def segmented(path: Path) -> list[tuple[Document, Segmentation]]:
    return [(doc, segment(doc)) for doc in load_source(path).documents]


def kinds(seg: Segmentation) -> list[str]:
    return [section.kind for section in seg.sections]


def outline(seg: Segmentation) -> list[tuple[str, str | None, int]]:
    return [(s.kind, s.heading, s.level) for s in seg.sections]


def assert_grounded(doc: Document, seg: Segmentation) -> None:
    """Every offset invariant of a segmentation."""
    text = doc.file_text
    sections = seg.sections
    assert sections, "a document has at least one section"
    assert sections[0].start == doc.start
    assert sections[-1].end == doc.end
    for this, following in zip(sections, sections[1:]):
        assert this.end == following.start
    for section in sections:
        assert doc.start <= section.start < section.end <= doc.end
        if section.heading is not None:
            assert section.heading
            assert text[section.start : section.start + len(section.heading)] == section.heading
    assert len(seg.paragraph_section) == len(seg.paragraphs)
    for index, paragraph in enumerate(seg.paragraphs):
        assert doc.start <= paragraph.start < paragraph.end <= doc.end
        assert text[paragraph.start : paragraph.end] == text[paragraph.start : paragraph.end].strip()
        owner = sections[seg.paragraph_section[index]]
        assert owner.start <= paragraph.start < owner.end
    for sentence in seg.sentences:
        paragraph = seg.paragraphs[sentence.paragraph]
        assert paragraph.start <= sentence.start < sentence.end <= paragraph.end
    for clause in seg.clauses:
        paragraph = seg.paragraphs[clause.paragraph]
        assert paragraph.start <= clause.start < clause.end <= paragraph.end


# --- the seed ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(seed_path: Path) -> list[tuple[Document, Segmentation]]:
    return segmented(seed_path)


def test_segment_seed_document_1_has_overview_measures_and_plans(seed) -> None:
    _doc, seg = seed[0]
    assert {"overview", "measures", "plans"} <= set(kinds(seg))
    assert seg.sections[0].kind == "overview"


def test_segment_seed_document_2_has_measures_results_problems_and_plans(seed) -> None:
    _doc, seg = seed[1]
    assert {"measures", "results", "problems", "plans"} <= set(kinds(seg))
    results = [s for s in seg.sections if s.kind == "results"]
    assert results[0].heading == "VI. Remarkable achievements in petition work"
    assert results[0].level == 1
    assert results[0].kind_by == "heading"


def test_segment_seed_kinds_close_with_problems_then_plans(seed) -> None:
    for _doc, seg in seed:
        assert kinds(seg)[-2:] == ["problems", "plans"]


@pytest.mark.parametrize("index", [0, 1], ids=["doc1", "doc2"])
def test_segment_seed_offsets_are_grounded(seed, index: int) -> None:
    assert_grounded(*seed[index])


def test_segment_seed_numbered_items_nest_under_numbered_headings(seed) -> None:
    doc, seg = seed[0]
    text = doc.file_text
    starts = {text[s.start : s.start + 12]: s for s in seg.sections}
    heading_1 = starts["1. Innovate "]
    item_1 = starts["1. The town "]
    item_2 = starts["2. Implement"]
    heading_2 = starts["2. Strengthe"]
    heading_3 = starts["3. Increase "]
    item_3_1 = starts["1. Adopt fle"]
    assert [heading_1.level, heading_2.level, heading_3.level] == [1, 1, 1]
    assert [item_1.level, item_2.level, item_3_1.level] == [2, 2, 2]
    assert heading_1.heading == "1. Innovate the leadership system and strengthen the leadership of petitions."
    order = list(seg.sections)
    assert order.index(heading_1) < order.index(item_1) < order.index(item_2) < order.index(heading_2)
    assert heading_1.end == item_1.start


def test_segment_seed_level_2_items_take_their_heading_kind(seed) -> None:
    _doc, seg = seed[0]
    current = None
    for section in seg.sections:
        if section.level == 1:
            current = section
        elif section.level == 2 and current is not None:
            assert section.kind == current.kind
            assert section.kind_by == "parent"


def test_segment_seed_ordinal_word_heading_opens_level_1(seed) -> None:
    doc, seg = seed[1]
    first = next(s for s in seg.sections if s.heading and s.heading.startswith("First, raise awareness"))
    second = next(s for s in seg.sections if s.heading and s.heading.startswith("2. Integrate forces"))
    assert first.level == second.level == 1


def test_segment_seed_clauses_of_the_first_is_the_second_is(seed) -> None:
    doc, seg = seed[0]
    text = doc.file_text
    by_paragraph: dict[int, list] = {}
    for clause in seg.clauses:
        by_paragraph.setdefault(clause.paragraph, []).append(clause)
    publicity = next(
        group for group in by_paragraph.values()
        if text[group[0].start :].startswith("The first is to convene")
    )
    assert [c.ordinal for c in publicity] == [1, 2, 3, 4, 5]
    assert text[publicity[1].start :].startswith("the second is to hold a mass meeting")
    assert text[publicity[4].start :].startswith("fifth, the township TV")
    for this, following in zip(publicity, publicity[1:]):
        assert this.end <= following.start


def test_segment_seed_sentence_not_split_at_highway_number(seed) -> None:
    doc, seg = seed[1]
    text = doc.file_text
    sentence = next(text[s.start : s.end] for s in seg.sentences if "Route 318" in text[s.start : s.end])
    assert "Route 318, Expressway, and Guolangzhi Power Station were promoted" in sentence


# --- sentences and clauses --------------------------------------------------------------------

SENTENCES = {
    "abbreviation-no": (
        "The town supported National Highway No. 318 and settled all disputes along it. Then it reported.",
        ["The town supported National Highway No. 318 and settled all disputes along it.", "Then it reported."],
    ),
    "decimal": (
        "The settlement rate reached 97.4 percent this year. Satisfaction rose to 92.5%.",
        ["The settlement rate reached 97.4 percent this year.", "Satisfaction rose to 92.5%."],
    ),
    "article-number": (
        "In line with Article 1. of the regulations, petitions were handled in time. All were settled.",
        ["In line with Article 1. of the regulations, petitions were handled in time.", "All were settled."],
    ),
    "number-ends-sentence": (
        "In the first half of the year the town received 31. Of these, 29 were settled.",
        ["In the first half of the year the town received 31.", "Of these, 29 were settled."],
    ),
    "chinese-decimal-and-enders": (
        "由于落实了各项措施，全年办结率达97.4%。信访总量同比下降6.2%；群众满意度明显提升！",
        ["由于落实了各项措施，全年办结率达97.4%。", "信访总量同比下降6.2%；", "群众满意度明显提升！"],
    ),
    "chinese-quote-after-ender": (
        "我镇提出“小事不出村。”全年无越级访。",
        ["我镇提出“小事不出村。”", "全年无越级访。"],
    ),
}


@pytest.mark.parametrize(("text", "expected"), SENTENCES.values(), ids=SENTENCES.keys())
def test_segment_splits_sentences_only_at_real_ends(text: str, expected: list[str]) -> None:
    (doc,) = documents(text)
    seg = segment(doc)
    assert [text[s.start : s.end] for s in seg.sentences] == expected


CLAUSES = {
    "english-the-first-is": (
        "The town improved the system. The first is to convene a meeting of cadres; the second is to "
        "hold a mass meeting; the third is to distribute brochures.",
        ["The first is to convene a meeting of cadres;", "the second is to hold a mass meeting;",
         "the third is to distribute brochures."],
        [1, 2, 3],
    ),
    "english-first-secondly": (
        "First, strengthen the leadership of the work. Secondly, hold a monthly meeting. Finally, "
        "strengthen supervision.",
        ["First, strengthen the leadership of the work.", "Secondly, hold a monthly meeting.",
         "Finally, strengthen supervision."],
        [1, 2, 99],
    ),
    "chinese-yi-shi-er-shi": (
        "我镇采取了三项措施：一是健全网络，二是强化督办；三是加强宣传。",
        ["一是健全网络，", "二是强化督办；", "三是加强宣传。"],
        [1, 2, 3],
    ),
    "chinese-di-yi": (
        "针对存在的问题，第一，压实责任；第二，加强培训。",
        ["第一，压实责任；", "第二，加强培训。"],
        [1, 2],
    ),
}


@pytest.mark.parametrize(("text", "expected", "ordinals"), CLAUSES.values(), ids=CLAUSES.keys())
def test_segment_cuts_enumeration_clauses(text: str, expected: list[str], ordinals: list[int]) -> None:
    (doc,) = documents(text)
    seg = segment(doc)
    assert [text[c.start : c.end] for c in seg.clauses] == expected
    assert [c.ordinal for c in seg.clauses] == ordinals


@pytest.mark.parametrize(
    "text",
    ["我镇共排查一是否存在隐患的村组。", "统一是前提，二是关键。", "The first meeting was held in May."],
    ids=["yi-shi-inside-word", "single-marker", "first-as-adjective"],
)
def test_segment_finds_no_clauses_without_an_enumeration(text: str) -> None:
    (doc,) = documents(text)
    assert segment(doc).clauses == ()


# --- the Chinese summary ----------------------------------------------------------------------

ZH_OUTLINE = [
    ("overview", None, 0),
    ("overview", "一、基本情况", 1),
    ("measures", "二、主要做法", 1),
    ("measures", "（一）加强组织领导，压实工作责任", 2),
    ("measures", "1.健全领导机制", 3),
    ("measures", "2.落实包案制度", 3),
    ("measures", "（二）强化矛盾纠纷排查化解", 2),
    ("measures", "1.坚持每月排查", 3),
    ("measures", "2.完善调处机制", 3),
    ("measures", "（三）畅通群众诉求渠道", 2),
    ("measures", "1.规范领导接访日制度", 3),
    ("measures", "2.推进网上信访", 3),
    ("measures", "（四）加大普法宣传力度", 2),
    ("results", "三、取得的成效", 1),
    ("problems", "四、存在的问题", 1),
    ("plans", "五、下一步工作打算", 1),
    ("plans", "（一）进一步夯实基层基础", 2),
    ("plans", "1.加强村级信访网络建设，配齐配强信息员和联络员。", 3),
    ("plans", "2.每半年组织一次信访干部业务培训，提升依法处理信访问题的能力。", 3),
    ("plans", "3.落实村级信访代理制度，让群众少跑腿、好办事。", 3),
    ("plans", "（二）进一步推进依法信访", 2),
]


@pytest.fixture(scope="module")
def zh_segmented(zh_summary_path: Path) -> tuple[Document, Segmentation]:
    (pair,) = segmented(zh_summary_path)
    return pair


def test_segment_chinese_summary_builds_three_level_tree(zh_segmented) -> None:
    _doc, seg = zh_segmented
    assert outline(seg) == ZH_OUTLINE


def test_segment_chinese_summary_kinds_by_heading_and_parent(zh_segmented) -> None:
    _doc, seg = zh_segmented
    by = {(s.heading or ""): s.kind_by for s in seg.sections}
    assert by["三、取得的成效"] == "heading"
    assert by["四、存在的问题"] == "heading"
    assert by["（一）加强组织领导，压实工作责任"] == "parent"
    assert by[""] == "position"


def test_segment_chinese_summary_offsets_are_grounded(zh_segmented) -> None:
    assert_grounded(*zh_segmented)


def test_segment_chinese_summary_clauses(zh_segmented) -> None:
    doc, seg = zh_segmented
    text = doc.file_text
    assert [c.ordinal for c in seg.clauses] == [1, 2, 3] * 3
    assert [text[c.start : c.start + 2] for c in seg.clauses] == ["一是", "二是", "三是"] * 3
    problems = next(s for s in seg.sections if s.kind == "problems")
    inside = [c for c in seg.clauses if problems.start <= c.start < problems.end]
    assert text[inside[0].start : inside[0].end] == "一是村级信息员队伍不稳定，业务能力有待提高；"


def test_segment_chinese_run_in_heading_is_a_sentence_of_its_own(zh_segmented) -> None:
    doc, seg = zh_segmented
    text = doc.file_text
    pieces = [text[s.start : s.end] for s in seg.sentences]
    index = pieces.index("1.健全领导机制。")
    assert pieces[index + 1].startswith("成立了以党委书记为组长")


def _reencoded(tmp_path: Path, text: str, how: str) -> Path:
    if how == "docx":
        import docx

        document = docx.Document()
        for line in text.rstrip("\n").split("\n"):
            document.add_paragraph(line)
        path = tmp_path / "summary.docx"
        document.save(str(path))
        return path
    data = {
        "gb18030": lambda: text.encode("gb18030"),
        "utf-16": lambda: text.encode("utf-16"),
        "utf-16-be-bom": lambda: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        "utf-8-bom": lambda: codecs.BOM_UTF8 + text.encode("utf-8"),
        "crlf": lambda: text.replace("\n", "\r\n").encode("utf-8"),
    }[how]()
    path = tmp_path / "summary.txt"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("how", ["gb18030", "utf-16", "utf-16-be-bom", "utf-8-bom", "docx", "crlf"])
def test_segment_same_outline_whatever_the_file_encoding(tmp_path: Path, zh_summary_text: str, how: str) -> None:
    (pair,) = segmented(_reencoded(tmp_path, zh_summary_text, how))
    assert outline(pair[1]) == ZH_OUTLINE
    assert_grounded(*pair)


# --- kinds by content -------------------------------------------------------------------------

ZH_BODY = [
    "今年以来，我镇认真贯彻落实《信访工作条例》，坚持把信访工作摆在重要位置，全年共受理群众来信来访45件，办结43件，办结率95.6%。",
    "我镇建立了镇村两级信访工作网络，每个村配备一名信息员，每月开展一次矛盾纠纷排查，做到小事不出村、大事不出镇。"
    "同时落实领导接访日制度，镇领导每周轮流接待来访群众，全年接待群众86人次。",
]
ZH_PROBLEMS = "但我镇信访工作仍存在一些不足：一是村级信息员业务能力不强；二是个别信访积案化解难度较大。"
ZH_PLANS = "下一步，我镇将进一步健全信访工作机制，加强信访干部培训，切实把矛盾纠纷化解在基层。"
EN_BODY = [
    "Since the beginning of this year, our town has accepted 45 letters and visits from the masses and "
    "settled 43 of them, with a settlement rate of 95.6%.",
    "The town has set up a two-level petition network of the town and the villages, with one information "
    "officer in each village, and conflicts and disputes are investigated once a month. Town leaders "
    "receive visitors in turn every week.",
]
EN_PROBLEMS = (
    "However, there are still some shortcomings in our petition work. The petition officers in the villages "
    "lack professional skills, and some long-standing cases are difficult to resolve."
)
EN_PLANS = (
    "Next year, we will further improve the petition work mechanism, strengthen the training of petition "
    "cadres and resolve conflicts at the grassroots level."
)
CONTENT_CASES = {
    "zh-one-closing-paragraph": ZH_BODY + [ZH_PROBLEMS + ZH_PLANS],
    "en-one-closing-paragraph": EN_BODY + [EN_PROBLEMS + " " + EN_PLANS],
    "zh-summing-up-paragraph": ZH_BODY + ["总之，我镇信访工作还存在一些薄弱环节。" + ZH_PLANS],
}


# content cues also type the measures of a headless summary (pipeline/content_sections.py)
EXPECTED_KINDS = {"zh": ["overview", "measures", "problems", "plans"], "en": ["overview", "measures", "problems", "plans"]}


@pytest.mark.parametrize("paragraphs", CONTENT_CASES.values(), ids=CONTENT_CASES.keys())
def test_segment_unheaded_summary_gets_problems_and_plans_by_content(paragraphs: list[str]) -> None:
    text = "\n\n".join(paragraphs) + "\n"
    (doc,) = documents(text)
    seg = segment(doc)
    expected = EXPECTED_KINDS[doc.language]
    assert kinds(seg) == expected
    assert [s.kind_by for s in seg.sections[1:]] == ["content"] * (len(expected) - 1)
    assert_grounded(doc, seg)
    plans = seg.sections[-1]
    assert text[plans.start :].startswith(("下一步", "Next year"))


@pytest.mark.parametrize(
    "paragraphs",
    [ZH_BODY + [ZH_PROBLEMS, ZH_PLANS], EN_BODY + [EN_PROBLEMS, EN_PLANS]],
    ids=["zh", "en"],
)
def test_segment_separate_closing_plans_paragraph_opens_plans_by_content(paragraphs: list[str]) -> None:
    text = "\n\n".join(paragraphs) + "\n"
    (doc,) = documents(text)
    assert kinds(segment(doc)) == EXPECTED_KINDS[doc.language]


def test_segment_unheaded_summary_without_closing_cues_is_its_overview_then_its_measures() -> None:
    text = "\n\n".join(ZH_BODY)
    (doc,) = documents(text)
    seg = segment(doc)
    second = text.index(ZH_BODY[1])
    assert [(s.kind, s.level, s.start, s.end) for s in seg.sections] == [
        ("overview", 0, 0, second), ("measures", 0, second, len(text))]


def test_segment_reads_circled_number_items() -> None:
    text = "\n".join([ZH_BODY[0], "①建立台账，每月更新一次。", "②实行销号管理，办结一件销号一件。"])
    (doc,) = documents(text)
    seg = segment(doc)
    circled = [p for p in seg.paragraphs if p.style == "circled"]
    assert [p.value for p in circled] == [1, 2]
    assert_grounded(doc, seg)


def test_segment_bare_heading_line_opens_section() -> None:
    text = "\n".join([*ZH_BODY, "存在的问题", ZH_PROBLEMS.replace("但", ""), "下一步打算", ZH_PLANS])
    (doc,) = documents(text)
    seg = segment(doc)
    assert outline(seg)[-2:] == [("problems", "存在的问题", 1), ("plans", "下一步打算", 1)]
    assert [s.kind for s in seg.sections[:-2]] == ["overview", "measures"]  # the second paragraph by content
    assert_grounded(doc, seg)


# --- invariants on arbitrary text -------------------------------------------------------------

# "①" is left out: it crashes segment() (see test_segment_reads_circled_number_items).
PIECES = st.one_of(
    st.text(alphabet="信访工作总结我镇受理群众来访件办率存在问题下一步打算基本情况主要做法成效", min_size=1, max_size=30),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=40),
    st.text(alphabet="0123456789.%", min_size=1, max_size=6),
    st.sampled_from([
        "一、", "二、", "十一、", "（一）", "(二)", "1.", "2.", "12.", "1、", "(1)", "（3）", "第一部分",
        "一是", "二是", "第一，", "First, ", "The second is ", "Finally, ", "I. ", "VI. ", "(II) ", "(IV) ", "Part 2: ",
        "。", "；", "，", ". ", "? ", "! ", "：", "No. ", "Article 1:", "篇一", "篇二：", "【工作总结】",
        "信访工作总结", "存在的问题", "下一步", "Next year, we will ", "there are still some shortcomings",
        "总之，", "In short, ", "首页 > ", "阅读：12", "“", "”", "XX", "20XX年",
    ]),
    st.sampled_from(["\n", "\n\n", " ", "\t", "  \n", "\n  "]),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, min_size=1, max_size=40).map("".join))
def test_segment_offsets_tile_and_ground_for_arbitrary_text(text: str) -> None:
    text = normalise(text)
    for doc in documents(text):
        assert 0 <= doc.start < doc.end <= len(text)
        assert_grounded(doc, segment(doc))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, min_size=3, max_size=30).map("".join))
def test_segment_offsets_hold_through_load_source(text: str) -> None:
    if not text.strip():
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.txt"
        path.write_bytes(text.encode("utf-8"))
        try:
            source = load_source(path)
        except InputError:  # nothing but website debris and blanks
            return
    assert source.text == normalise(text)
    for doc in source.documents:
        assert_grounded(doc, segment(doc))


MEASURES_IN_OVERVIEW = {
    "zh": "桃花乡2022年信访工作总结\n\n第一部分 工作开展情况\n\n全年受理信访事项46件，办结46件。\n\n"
          "我乡坚持“一岗双责”，落实领导接访日制度，每月排查一次矛盾纠纷。\n\n"
          "第二部分 存在的不足\n\n乡村两级信访工作力量仍然薄弱。\n\n第三部分 下一步打算\n\n我乡将继续深化矛盾纠纷排查化解。\n",
    "en": "Summary of the petition work of Taohua Township in 2022\n\nI. Work carried out\n\n"
          "The township accepted 46 petitions and settled all of them.\n\n"
          "We adhered to the leaders' reception day system and screened disputes every month.\n\n"
          "II. Shortcomings\n\nThe petition staff are still weak.\n\nIII. Next steps\n\n"
          "Next year we will continue to screen disputes.\n",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_segment_measures_paragraph_under_an_overview_heading_opens_measures(tmp_path, lang: str) -> None:
    path = tmp_path / f"{lang}.txt"
    path.write_text(MEASURES_IN_OVERVIEW[lang], encoding="utf-8")
    doc = load_source(path).documents[0]
    kinds = [section.kind for section in segment(doc).sections]
    assert "measures" in kinds and kinds.index("measures") < kinds.index("problems")


def test_segment_measures_heading_keeps_its_paragraphs(tmp_path) -> None:
    text = MEASURES_IN_OVERVIEW["zh"].replace("第一部分 工作开展情况", "第一部分 主要做法")
    path = tmp_path / "zh.txt"
    path.write_text(text, encoding="utf-8")
    sections = segment(load_source(path).documents[0]).sections
    assert [s.kind_by for s in sections if s.kind == "measures"] == ["heading"]


@pytest.mark.parametrize("text, heading, kind", [
    ("一、基本情况\n全年受理信访事项45件。\n四、存在不足\n部分村干部化解矛盾能力不强。\n", "四、存在不足", "problems"),
    ("I. Basic situation\nThe town received 45 petitions.\nIII. Targets for 2022\nKeep the settlement rate above 97%.\n",
     "III. Targets for 2022", "plans"),
    ("I. Basic situation\nThe town received 45 petitions.\nII. Work results: all targets achieved\nThe rate reached 98%.\n",
     "II. Work results: all targets achieved", "results"),
    ("I. Basic situation\nThe town received 45 petitions.\nII. Strengthen target responsibility and accountability\n"
     "The town held 6 meetings.\n", "II. Strengthen target responsibility and accountability", "measures"),
], ids=["zh_cunzai_buzu", "en_targets", "en_targets_achieved_are_results", "en_target_responsibility_is_a_measure"])
def test_segment_heading_words_give_the_kind(text: str, heading: str, kind: str) -> None:
    (doc,) = documents(text)
    seg = segment(doc)
    assert (kind, heading, 1) in outline(seg)


@given(st.text(alphabet=" a.\n\t(b“", max_size=300), st.data())
@settings(max_examples=300, deadline=None)
def test_segment_last_words_read_back_as_split_does(text: str, data) -> None:
    from pipeline.paragraphs import _last_words

    end = data.draw(st.integers(0, len(text)))
    assert _last_words(text, end) == text[:end].split()[-2:]


def test_segment_offsets_are_in_order_for_bisection() -> None:
    """units.py and content_sections.py bisect sections, paragraphs, sentences and clauses by their
    starts: they come in offset order."""
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    for path in sorted(corpus.glob("*.txt"))[:12]:
        for doc in load_source(path).documents:
            seg = segment(doc)
            for items in (seg.sections, seg.paragraphs, seg.sentences, seg.clauses):
                starts = [item.start for item in items]
                assert starts == sorted(starts), path.name
