"""Decoding's byte and character tests, done with whole-buffer operations, say what their per-byte definitions say."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.decode import WESTERN_ASCII_SHARE, _looks_binary, _western, decode_bytes

# mostly ASCII, with the bytes cp1252 and GBK give their punctuation and characters
BYTES = st.lists(st.one_of(st.integers(0x20, 0x7E), st.integers(0x80, 0xFF), st.sampled_from([0x0A, 0xA1, 0xB0])),
                 max_size=60).map(bytes)


def _western_by_byte(data: bytes) -> bool:
    if sum(byte < 0x80 for byte in data) < WESTERN_ASCII_SHARE * len(data):
        return False
    return not any(first >= 0xA1 and second >= 0xA1 for first, second in zip(data, data[1:]))


def _binary_by_character(text: str) -> bool:
    head = text[:4096]
    controls = sum(1 for ch in head if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return "\x00" in text or controls > max(2, len(head) // 100)


@settings(max_examples=400, deadline=None)
@given(BYTES)
def test_decode_western_test_equals_its_per_byte_definition(data: bytes) -> None:
    assert _western(data) == _western_by_byte(data)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x3000), max_size=300))
def test_decode_binary_test_equals_its_per_character_definition(text: str) -> None:
    assert _looks_binary(text) == _binary_by_character(text)


@pytest.mark.parametrize(("data", "western"), [
    (b"The town\x92s summary \x96 31 cases", True),           # cp1252 apostrophe and dash
    (b"The town received 31 \xa1\xb0letters\xa1\xb1", False),  # GBK quotes: two bytes from 0xA1 up
    ("白鹭镇信访工作".encode("gbk"), False),                      # mostly not ASCII
    (b"", True),
])
def test_decode_western_cases(data: bytes, western: bool) -> None:
    assert _western(data) is western


def test_decode_utf8_file_is_read_as_utf8_without_the_western_test(monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.decode as decode

    def refuse(data: bytes) -> bool:
        raise AssertionError("the cp1252 test ran on bytes that are UTF-8")

    monkeypatch.setattr(decode, "_western", refuse)
    assert decode_bytes("The town\u2019s 31 cases, 信访".encode("utf-8"), "a.txt") == ("The town\u2019s 31 cases, 信访",
                                                                                   "utf-8")
