"""The disk cache of compiled patterns: what it gives equals re.compile, fresh, cached, torn or switched off."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.numbers import _grammar
from pipeline.regex_cache import CACHE_ENV, cache_folder, compile_cached

CASES = [
    ("办结率|来(?:信|访)", 0),
    (r"(?P<num>[0-9]+(?:,[0-9]{3})*)\s*(?P<unit>件|起|批次)?", 0),
    (r"\bpetitions?\b(?: cases)?", re.IGNORECASE),
    (r"(?<![0-9A-Za-z])[0-9]+(?![A-Za-z])|(?i:ſettled)", re.MULTILINE),
    (r"^\s*(?:件|起)?\s*(?:未|尚未)(?:能)?(?:办结|结案)$", re.IGNORECASE | re.MULTILINE),
    ("[\u4e00-\u9fff]{2,4}(?=镇|乡)", 0),
    ("", 0),
]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    return tmp_path / "re"


def _same(found: re.Pattern[str], expected: re.Pattern[str]) -> None:
    assert found == expected  # re compares the pattern, the flags and the compiled code
    assert (found.groups, found.groupindex, found.flags) == (expected.groups, expected.groupindex, expected.flags)


@pytest.mark.parametrize(("source", "flags"), CASES)
def test_compile_cached_equals_re_compile_fresh_and_cached(source: str, flags: int, cache_dir) -> None:
    expected = re.compile(source, flags)
    _same(compile_cached(source, flags), expected)  # compiled and stored
    assert len(list(cache_dir.iterdir())) == 1
    _same(compile_cached(source, flags), expected)  # read back


def test_compile_cached_keeps_each_flag_apart(cache_dir) -> None:
    plain, folded = compile_cached("Cases"), compile_cached("Cases", re.IGNORECASE)
    assert plain.search("cases") is None and folded.search("cases") is not None
    assert len(list(cache_dir.iterdir())) == 2


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_compile_cached_compiles_anew_over_a_damaged_entry(damage: str, cache_dir) -> None:
    source = r"(?P<num>[0-9]+)\s*(?P<unit>件|起)"
    compile_cached(source)
    (entry,) = cache_dir.iterdir()
    data = entry.read_bytes()
    entry.write_bytes({"truncate": data[:-7], "flip": data[:-1] + bytes([data[-1] ^ 1]),
                       "garbage": b"\x00" * 40, "empty": b""}[damage])
    _same(compile_cached(source), re.compile(source))


def test_compile_cached_without_a_cache(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv(CACHE_ENV, "")
    assert cache_folder() is None
    _same(compile_cached("办结率"), re.compile("办结率"))
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv(CACHE_ENV, str(blocked))  # unwritable: compiled every time, no error
    _same(compile_cached("办结率"), re.compile("办结率"))


def test_cache_folder_defaults_to_the_user_cache(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_folder() == tmp_path / "petition-miner" / "re"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr("os.path.expanduser", lambda path: path)  # no home folder known
    assert cache_folder() is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_number_scanner_regexes_equal_re_compile(lang: str) -> None:
    scanner = _grammar(lang).scanner
    for regex in {id(found[0]): found[0] for found in scanner._dispatch.values()}.values():
        assert regex == re.compile(regex.pattern, regex.flags)
    assert scanner._trigger == re.compile(scanner._trigger.pattern, scanner._trigger.flags)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=st.from_regex(r"(?:[ab办结]|\((?:\?:)?[ab]\)|[ab]\*|\[ab\]|\\b|\(\?=a\)|\|){0,8}", fullmatch=True),
       flags=st.sampled_from([0, re.IGNORECASE, re.MULTILINE, re.IGNORECASE | re.DOTALL]))
def test_compile_cached_equals_re_compile_on_generated_patterns(source: str, flags: int, cache_dir) -> None:
    try:
        expected = re.compile(source, flags)
    except re.error:
        with pytest.raises(re.error):
            compile_cached(source, flags)
        return
    _same(compile_cached(source, flags), expected)
    _same(compile_cached(source, flags), expected)  # the second time from the cache


def test_cache_folder_follows_the_variables_as_they_change(monkeypatch, tmp_path) -> None:
    from pipeline.regex_cache import cache_folder

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "a"))
    assert cache_folder() == tmp_path / "a" / "re"
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "b"))  # worked out once per value, not once per process
    assert cache_folder() == tmp_path / "b" / "re"
    monkeypatch.setenv(CACHE_ENV, "")
    assert cache_folder() is None
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "petition-miner" / "re"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_folder() == tmp_path / "home" / ".cache" / "petition-miner" / "re"
