"""pipeline/build_cache.py and its users: what a cached build gives equals a fresh build, fresh,
cached, damaged, of the wrong shape, or with the cache switched off or unwritable."""

from __future__ import annotations

import re

import pytest

from pipeline.build_cache import cached_build
from pipeline.regex_cache import CACHE_ENV


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    return tmp_path / "test"


def _counting(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


VALUES = [{"a": (1, 2.5, "办结"), "b": [None, True, frozenset({"x"})]}, ("x", b"\x00\x01", 3), [], "办结率"]


@pytest.mark.parametrize("value", VALUES)
def test_built_once_then_read_back_equal(value, cache_dir) -> None:
    build, calls = _counting(value)
    assert cached_build("test", ("id", 1), build, lambda v: True) == value
    assert cached_build("test", ("id", 1), build, lambda v: True) == value
    assert len(calls) == 1
    assert len(list(cache_dir.iterdir())) == 1


def test_each_identity_has_its_own_entry(cache_dir) -> None:
    first, first_calls = _counting("one")
    second, second_calls = _counting("two")
    assert cached_build("test", ("id", 1), first, lambda v: True) == "one"
    assert cached_build("test", ("id", 2), second, lambda v: True) == "two"
    assert cached_build("test", ("id", 1), second, lambda v: True) == "one"  # read back, not rebuilt
    assert (len(first_calls), len(second_calls)) == (1, 1)


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_a_damaged_entry_is_built_anew(damage: str, cache_dir) -> None:
    build, calls = _counting({"pairs": list(range(50))})
    cached_build("test", ("id",), build, lambda v: True)
    (entry,) = cache_dir.iterdir()
    data = entry.read_bytes()
    entry.write_bytes({"truncate": data[:-7], "flip": data[:-1] + bytes([data[-1] ^ 1]),
                       "garbage": b"\x00" * 40, "empty": b""}[damage])
    assert cached_build("test", ("id",), build, lambda v: True) == {"pairs": list(range(50))}
    assert len(calls) == 2


def test_a_stored_value_of_the_wrong_shape_is_built_anew(cache_dir) -> None:
    cached_build("test", ("id",), lambda: ["a list"], lambda v: True)
    build, calls = _counting(("a", "tuple"))
    assert cached_build("test", ("id",), build, lambda v: isinstance(v, tuple)) == ("a", "tuple")
    assert len(calls) == 1


def test_without_a_cache_or_with_an_unwritable_one_it_builds_every_time(monkeypatch, tmp_path) -> None:
    build, calls = _counting("value")
    monkeypatch.setenv(CACHE_ENV, "")
    assert cached_build("test", ("id",), build, lambda v: True) == "value"
    assert cached_build("test", ("id",), build, lambda v: True) == "value"
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv(CACHE_ENV, str(blocked))  # the folder cannot be made: no error, built again
    assert cached_build("test", ("id",), build, lambda v: True) == "value"
    assert len(calls) == 3


def test_a_value_marshal_cannot_write_is_returned_and_not_stored(cache_dir) -> None:
    value = {"when": re.compile("x")}
    assert cached_build("test", ("id",), lambda: value, lambda v: True) is value
    assert not cache_dir.exists() or not list(cache_dir.iterdir())


def test_a_failing_build_is_never_stored(cache_dir) -> None:
    def broken():
        raise ValueError("bad pattern")

    for _ in range(2):
        with pytest.raises(ValueError, match="bad pattern"):
            cached_build("test", ("id",), broken, lambda v: True)
    assert not cache_dir.exists() or not list(cache_dir.iterdir())


# ---- the users: a scanner's plan, the fold table, a resource's YAML ----------------------------

NUMBER_TEXTS = ["全年共受理信访事项128件，办结率98.5%，同比下降12.3个百分点。",
                "About 1,240 petitions were received, up 15% on 2022; 3 were settled within 30 days.",
                "来访二百三十五批次、一千二百人次，约占总数的三成。"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_number_scanner_from_the_cache_scans_as_one_built_fresh(lang: str, monkeypatch, tmp_path) -> None:
    from pipeline.numbers import NumberResource, _fragments, expand
    from pipeline.lexicon import load_resource
    from pipeline.scanner import PatternScanner, _cached_plan, _plan

    resource = load_resource(lang, "numbers", NumberResource)
    fragments = _fragments(resource)
    patterns = tuple(expand(entry.pattern, fragments) for entry in resource.patterns)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    fresh = _plan(patterns, resource.flags)
    assert _cached_plan(patterns, resource.flags) == fresh  # built and stored
    assert _cached_plan(patterns, resource.flags) == fresh  # read back
    cached = PatternScanner(patterns, resource.flags)
    monkeypatch.setenv(CACHE_ENV, "")
    uncached = PatternScanner(patterns, resource.flags)
    for text in NUMBER_TEXTS:
        assert list(cached.scan(text)) == list(uncached.scan(text))
    assert cached._trigger == uncached._trigger and cached._word_starts == uncached._word_starts


def test_a_bad_pattern_fails_with_and_without_the_cache(monkeypatch, tmp_path) -> None:
    from pipeline.scanner import PatternScanner

    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    for _ in range(2):
        with pytest.raises(ValueError, match="may start with any character"):
            PatternScanner([r".+件"])


def test_fold_table_from_the_cache_equals_one_built_fresh(monkeypatch, tmp_path) -> None:
    from pipeline.fold import _build_table, _table

    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    _table.cache_clear()
    try:
        built = _table()
        _table.cache_clear()
        assert _table() == built == _build_table()
        assert len(list((tmp_path / "fold").iterdir())) == 1
    finally:
        _table.cache_clear()


@pytest.mark.parametrize(("lang", "name"), [("zh", "numbers"), ("en", "indicators"), ("common", "rules")])
def test_resource_yaml_from_the_cache_equals_yaml_load(lang: str, name: str, monkeypatch, tmp_path) -> None:
    import yaml

    from pipeline.lexicon import YAML_LOADER, _parsed, resource_path

    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    text = resource_path(lang, name).read_text(encoding="utf-8")
    expected = yaml.load(text, Loader=YAML_LOADER)
    assert _parsed(text) == expected
    assert _parsed(text) == expected  # read back
    assert _parsed(text + "\nextra_key: 1\n") == {**expected, "extra_key": 1}  # other text, other entry


def test_kind_model_from_the_cache_scores_as_the_file_read_fresh(monkeypatch, tmp_path) -> None:
    from pipeline.classifiers.kinds import KIND_FILE, kind_scorer, load_kinds
    from pipeline.classifiers.models_dir import MODELS_DIR

    texts = NUMBER_TEXTS + ["群众反映的问题较多，矛盾化解难度大", "We set up a mediation desk in every village.", ""]
    fresh = load_kinds(MODELS_DIR / KIND_FILE)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    kind_scorer.cache_clear()
    try:
        built = kind_scorer()  # built and stored
        kind_scorer.cache_clear()
        cached = kind_scorer()  # read back, its trie included
        assert "index" in vars(cached) and len(list((tmp_path / "kinds").iterdir())) == 1
        for scorer in (built, cached):
            assert scorer.vocabulary == fresh.vocabulary and scorer.intercept == fresh.intercept
            assert scorer.problem_probability(texts).tobytes() == fresh.problem_probability(texts).tobytes()
        assert [k.tobytes() for k in cached.index.keys] == [k.tobytes() for k in fresh.index.keys]
    finally:
        kind_scorer.cache_clear()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_literal_screens_from_the_cache_equal_those_parsed_fresh(lang: str, monkeypatch, tmp_path) -> None:
    from pipeline.extractors.indicator_cues import indicator_cues
    from pipeline.prefilter import _screen, _screens

    patterns = [source for indicator in indicator_cues(lang).indicators for source in indicator.cues.sources]
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    fresh = [_screen(pattern) for pattern in patterns]
    assert _screens(patterns) == fresh  # screened and stored
    assert _screens(patterns) == fresh  # read back
    assert len(list((tmp_path / "screens").iterdir())) == 1
    assert _screens(patterns[:-1]) == fresh[:-1]  # other patterns, another entry
