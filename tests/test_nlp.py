"""The spaCy pipelines: domain words kept whole, offsets, built once, languages."""

from __future__ import annotations

import pytest

from pipeline.lexicon import load_resource
from pipeline.nlp import UserDictionary, cut, get_nlp, segmenter

USER_WORDS = load_resource("zh", "user_dict", UserDictionary).words
SPLIT_BY_NEIGHBOUR: dict[str, str] = {}


def user_word_params():
    return [
        pytest.param(
            entry, id=entry.word,
            marks=[pytest.mark.xfail(reason=SPLIT_BY_NEIGHBOUR[entry.word], strict=True)]
            if entry.word in SPLIT_BY_NEIGHBOUR else [],
        )
        for entry in USER_WORDS
    ]


@pytest.fixture(scope="module")
def zh_nlp():
    return get_nlp("zh")


@pytest.mark.parametrize("entry", user_word_params())
def test_nlp_zh_keeps_domain_word_whole(zh_nlp, entry) -> None:
    assert entry.word in entry.example
    doc = zh_nlp(entry.example)
    assert entry.word in [token.text for token in doc]


@pytest.mark.parametrize("entry", user_word_params())
def test_nlp_cut_keeps_domain_word_whole(entry) -> None:
    assert entry.word in cut(entry.example)


TEXTS = {
    "chinese": "一、基本情况\n今年以来，我镇共受理群众来信来访68件，办结率95.6%。",
    "mixed-spaces": "我镇开通 12345 热线，受理 hotline tickets  22 件。\n\n 二是加强宣传。",
    "leading-trailing-space": "  按期办结率达100%  ",
    "summary-file": None,
}


@pytest.mark.parametrize("key", TEXTS.keys())
def test_nlp_zh_token_offsets_match_text(zh_nlp, zh_summary_text: str, key: str) -> None:
    text = TEXTS[key] or zh_summary_text
    doc = zh_nlp(text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text
    assert "".join(token.text_with_ws for token in doc) == text


def test_nlp_zh_spans_keep_char_offsets(zh_nlp) -> None:
    text = "全年受理网上信访12件，矛盾纠纷化解率达95%。"
    doc = zh_nlp(text)
    start = text.index("网上信访")
    span = doc.char_span(start, start + len("网上信访"))
    assert span is not None and span.text == "网上信访"


def test_nlp_pipeline_is_built_once() -> None:
    assert get_nlp("zh") is get_nlp("zh")
    assert get_nlp("en") is get_nlp("en")
    assert segmenter() is segmenter()
    assert get_nlp("zh") is not get_nlp("en")


def test_nlp_en_blank_pipeline_tokenises_with_offsets() -> None:
    nlp = get_nlp("en")
    text = "The town accepted 31 letters and visits, with a settlement rate of 100%."
    doc = nlp(text)
    assert nlp.lang == "en"
    assert doc.text == text
    assert [t.text for t in doc][:5] == ["The", "town", "accepted", "31", "letters"]
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text


def test_nlp_zh_pipeline_is_chinese_and_blank() -> None:
    nlp = get_nlp("zh")
    assert nlp.lang == "zh"
    assert nlp.pipe_names == []


@pytest.mark.parametrize("lang", ["fr", "ja", "", "ZH", "common"])
def test_nlp_unsupported_language_raises(lang: str) -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        get_nlp(lang)
