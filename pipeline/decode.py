"""Decodes a text file's bytes (BOM, UTF-16, UTF-8, cp1252, GB18030, a guarded detector) without silent corruption."""

from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from collections import Counter

from pipeline.errors import BinaryFileError, DecodeError, EmptyFileError, MojibakeError

# Encodings a detector may propose for a summary that is neither UTF-8 nor GB18030; anything
# else (Korean for short GBK text, Cyrillic code pages for random bytes) is a misreading.
TRUSTED_GUESSES = ("big5", "big5hkscs", "cp950", "cp1252", "latin_1", "iso8859_1", "ascii",
                   "utf_16", "utf_16_le", "utf_16_be", "utf_32")
# Bytes that are at least this share ASCII, not UTF-8, are read as cp1252 before GB18030: a Chinese
# file is mostly multi-byte characters, an English translation mostly ASCII.
WESTERN_ASCII_SHARE = 0.8
# UTF-16 without a BOM: its NUL bytes (from ASCII, digits, line ends) mostly on one parity, and
# at least this share of its code units holding one, over the whole file.
UTF16_NUL_PARITY = 0.75
UTF16_MIN_NUL_UNITS = 0.01
# Bytes that are also valid UTF-8 are UTF-16 only when nearly every code unit holds a NUL (ASCII text).
UTF16_ASCII_UNITS = 0.9
# A UTF-8 file may hold a few stray NUL bytes (read as spaces); more than this share is binary.
STRAY_NUL_SHARE = 0.001
# A guessed decoding whose characters fall outside what summaries hold more often than this is
# mojibake (UTF-8 read as UTF-16 gives Hangul, rare CJK and private-use characters).
MOJIBAKE_SHARE = 0.02
# Code point ranges a Chinese or English summary holds (start, end inclusive), sorted.
_PLAUSIBLE = (
    (0x09, 0x0A), (0x0C, 0x0D), (0x20, 0x7E), (0xA0, 0x24F), (0x2B0, 0x36F), (0x370, 0x4FF),
    (0x2000, 0x206F), (0x2070, 0x20CF), (0x2100, 0x23FF), (0x2460, 0x27BF), (0x2E80, 0x2FDF),
    (0x3000, 0x303F), (0x3040, 0x30FF), (0x3100, 0x312F), (0x3190, 0x31BF), (0x3200, 0x33FF),
    (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFE10, 0xFE1F), (0xFE30, 0xFE6F), (0xFEFF, 0xFEFF),
    (0xFF00, 0xFFEF),
)
_STARTS = [start for start, _ in _PLAUSIBLE]


def _plausible(code: int) -> bool:
    at = bisect_right(_STARTS, code) - 1
    return at >= 0 and code <= _PLAUSIBLE[at][1]


def implausible_share(text: str) -> float:
    """The share of characters no summary holds."""
    if not text:
        return 0.0
    counts = Counter(text)
    bad = sum(n for ch, n in counts.items() if not _plausible(ord(ch)))
    return bad / len(text)


# control characters other than \t \n \v \f \r: a text file holds almost none
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")


def _looks_binary(text: str) -> bool:
    head = text[:4096]
    controls = len(_CONTROLS.findall(head))
    return "\x00" in text or controls > max(2, len(head) // 100)


def _utf16_without_bom(data: bytes) -> str | None:
    """The text when the bytes are UTF-16 across the whole file: even length, the NULs on one
    parity and frequent, a strict decoding, and characters a summary holds."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
    total = even_nuls + odd_nuls
    if total < max(2, UTF16_MIN_NUL_UNITS * len(data) / 2):
        return None
    for count, encoding in ((odd_nuls, "utf-16-le"), (even_nuls, "utf-16-be")):
        if count / total >= UTF16_NUL_PARITY:
            if count < UTF16_ASCII_UNITS * len(data) / 2 and _valid_utf8(data):
                return None  # Chinese UTF-16 is never valid UTF-8; ASCII UTF-16 has a NUL in nearly every unit
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return text if implausible_share(text) <= MOJIBAKE_SHARE and "\x00" not in text else None
    return None


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def _utf8_with_stray_nuls(data: bytes) -> str | None:
    """UTF-8 holding a few NUL bytes (a damaged save): the NULs become spaces, one for one."""
    nuls = data.count(0)
    if not nuls or nuls > max(1, STRAY_NUL_SHARE * len(data)):
        return None
    try:
        return data.decode("utf-8").replace("\x00", " ")
    except UnicodeDecodeError:
        return None


_ASCII = bytes(range(0x80))
_GBK_PAIR = re.compile(rb"[\xa1-\xff]{2}")  # two bytes side by side from 0xA1 up


def _western(data: bytes) -> bool:
    """Mostly ASCII with a few other bytes and no GBK character among them: an English file saved
    by Windows (cp1252 curly quotes and dashes, 0x80-0x9F), which GB18030 would read as stray
    Chinese characters (town’s -> town抯). GBK writes its punctuation and characters as two bytes
    from 0xA1 up (“ is A1B0), which cp1252 text seldom has side by side."""
    if len(data) - len(data.translate(None, _ASCII)) < WESTERN_ASCII_SHARE * len(data):
        return False
    return _GBK_PAIR.search(data) is None


def _detect(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    for match in from_bytes(data):
        encoding = codecs.lookup(match.encoding).name.replace("-", "_")
        if encoding in TRUSTED_GUESSES:
            return str(match), match.encoding
    return None


def _checked(text: str, encoding: str, path: str, guessed: bool = False) -> tuple[str, str]:
    if _looks_binary(text):
        raise BinaryFileError("file is binary (control characters), not a text summary", path)
    if not text.strip():
        raise EmptyFileError("file holds no text", path)
    if guessed and implausible_share(text) > MOJIBAKE_SHARE:
        raise MojibakeError(f"read as {encoding}, it gives characters no summary holds (mojibake); "
                            "save the file as UTF-8", path)
    return text, encoding


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Decode file bytes: BOM, UTF-16 without BOM, UTF-8 (a few stray NULs as spaces), cp1252 for
    Western files, GB18030, then a guarded detector; a guess that gives mojibake is an error."""
    if not data.strip():
        raise EmptyFileError("file is empty", path)
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding, errors="strict"), encoding, path)
            except UnicodeDecodeError as error:
                raise DecodeError(f"the file starts with a {encoding} byte order mark but is not {encoding} "
                                  f"(byte {error.start}); save the file as UTF-8", path) from error
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _checked(utf16, "utf-16", path)
    if b"\x00" in data:
        stray = _utf8_with_stray_nuls(data)
        if stray is None:
            raise BinaryFileError("file is binary (NUL bytes), not a text summary", path)
        return _checked(stray, "utf-8", path)
    for encoding in ("utf-8", "cp1252", "gb18030"):
        if encoding == "cp1252" and not _western(data):  # asked only of bytes that are not UTF-8
            continue
        try:
            return _checked(data.decode(encoding), encoding, path, guessed=encoding == "gb18030")
        except UnicodeDecodeError:
            continue
    detected = _detect(data)
    if detected is None:
        raise DecodeError("bytes are not UTF-8, GB18030 or UTF-16 and no encoding fits them; "
                          "save the file as UTF-8", path)
    return _checked(*detected, path, guessed=True)
