"""Text features shared by the learned model and its exported scorer (no scikit-learn here)."""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from pipeline.classifiers.cues import TEXT_MEMO_SIZE
from pipeline.language import detect_language
from pipeline.nlp import cut

_ZH_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9]")
_EN_WORD = re.compile(r"[a-z][a-z0-9]*(?:'[a-z]+)?|\d+")


@lru_cache(maxsize=TEXT_MEMO_SIZE)
def language_of(text: str) -> str:
    """'zh' or 'en' for one unit (pipeline.language.detect_language, cached: CV folds repeat texts)."""
    return detect_language(text)


def zh_only(text: str) -> str:
    """The text if it is Chinese, else '' (feeds the Chinese character n-grams)."""
    return text if language_of(text) == "zh" else ""


def en_only(text: str) -> str:
    """The lower-cased text if it is English, else '' (feeds the English character n-grams)."""
    return text.lower() if language_of(text) == "en" else ""


def analyze_words(text: str) -> list[str]:
    """Word unigrams and bigrams: rjieba words for Chinese, non-stop-words by a regex for English
    (scikit-learn's English stop words: this is the analyzer the saved pipelines call)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return list(word_features(text, ENGLISH_STOP_WORDS))


@lru_cache(maxsize=TEXT_MEMO_SIZE)
def word_features(text: str, stop_words: frozenset[str]) -> tuple[str, ...]:
    """analyze_words with the English stop words given (the exported scorer carries its own)."""
    return words_in(text, language_of(text), stop_words)


def words_in(text: str, language: str, stop_words: frozenset[str]) -> tuple[str, ...]:
    """word_features of a text whose language is known (not memoised: batches score each text once)."""
    if language == "zh":
        words = [word for word in cut(text) if _ZH_WORD.search(word)]
    else:
        words = [word for word in _EN_WORD.findall(text.lower()) if word not in stop_words]
    return tuple(words + [f"{first} {second}" for first, second in zip(words, words[1:])])


def routed(text: str, language: str, route: str) -> str:
    """What zh_only (route 'zh') or en_only (route 'en') gives for a text whose language is known."""
    if language != route:
        return ""
    return text.lower() if route == "en" else text


def char_wb_ngrams(text: str, low: int, high: int) -> list[str]:
    """Character n-grams inside word boundaries, as scikit-learn's analyzer='char_wb' makes them:
    each whitespace-separated word padded with one space; a word no longer than n gives itself once
    and no longer n-grams."""
    grams: list[str] = []
    for word in text.split():
        padded = f" {word} "
        size = len(padded)
        for n in range(low, high + 1):
            if size <= n:
                grams.append(padded)
                break
            grams.extend([padded[i : i + n] for i in range(size - n + 1)])
    return grams


def decide(scores: np.ndarray, thresholds: np.ndarray, floor: float = 0.0) -> np.ndarray:
    """0/1 decisions: scores at or above their threshold, else the top category alone when it
    scores at least `floor` (a unit the model knows nothing about keeps no category)."""
    decisions = (scores >= thresholds[None, :]).astype(np.int64)
    empty = (decisions.sum(axis=1) == 0) & (scores.max(axis=1, initial=0.0) >= floor)
    decisions[np.flatnonzero(empty), np.argmax(scores[empty], axis=1)] = 1
    return decisions
