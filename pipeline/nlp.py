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
