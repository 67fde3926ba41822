"""The only place that builds spaCy objects and the word segmenter (rjieba with a domain dictionary)."""

from __future__ import annotations

from functools import lru_cache

from pipeline.lexicon import ResourceModel, load_resource


class UserWord(ResourceModel):
    word: str
    freq: int
    example: str


class UserDictionary(ResourceModel):
    words: tuple[UserWord, ...]


@lru_cache(maxsize=1)
def segmenter():
    """An rjieba segmenter (jieba's dictionary semantics) with the domain words added."""
    import rjieba

    jieba = rjieba.Jieba()
    for entry in load_resource("zh", "user_dict", UserDictionary).words:
        jieba.add_word(entry.word, entry.freq, None)
    return jieba


def cut(text: str) -> list[str]:
    """Chinese words of a text, whitespace tokens included (jieba's default mode, with HMM)."""
    return segmenter().cut(text, True)


class RJiebaTokenizer:
    """A spaCy tokenizer for Chinese backed by rjieba and the domain dictionary."""

    def __init__(self, vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str):
        from spacy.tokens import Doc
        from spacy.util import get_words_and_spaces

        words = [word for word in cut(text) if not word.isspace()]
        words, spaces = get_words_and_spaces(words, text)
        return Doc(self.vocab, words=words, spaces=spaces)

    def to_bytes(self, **_kwargs) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_kwargs) -> "RJiebaTokenizer":
        return self


@lru_cache(maxsize=None)
def get_nlp(lang: str):
    """A blank spaCy pipeline for 'zh' (rjieba tokenizer) or 'en'; built once per process."""
    import spacy

    if lang == "zh":
        nlp = spacy.blank("zh")
        nlp.tokenizer = RJiebaTokenizer(nlp.vocab)
        return nlp
    if lang == "en":
        return spacy.blank("en")
    raise ValueError(f"unsupported language {lang!r}; use 'zh' or 'en'")


def doc_with_boundaries(text: str, lang: str, cuts: set[int]):
    """A Doc of the language's blank pipeline whose tokens are also cut at each offset in `cuts`,
    so that every span starting or ending there is a token span (annotation export)."""
    from spacy.tokens import Doc

    words, spaces = [], []
    for token in get_nlp(lang).make_doc(text):
        start, end = token.idx, token.idx + len(token.text)
        inner = sorted(c for c in cuts if start < c < end)
        pieces = list(zip([start, *inner], [*inner, end]))
        for n, (a, b) in enumerate(pieces):
            words.append(text[a:b])
            spaces.append(bool(token.whitespace_) and n == len(pieces) - 1)
    if "".join(w + (" " if s else "") for w, s in zip(words, spaces)) != text:  # whitespace the tokenizer dropped
        from spacy.util import get_words_and_spaces

        words, spaces = get_words_and_spaces([w for w in words if not w.isspace()], text)
    return Doc(get_nlp(lang).vocab, words=words, spaces=spaces)
