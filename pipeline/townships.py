"""Township names as keys: folded, without kind suffixes, aliased by the user, matched through pinyin."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, MutableMapping

from pipeline.fold import fold
from pipeline.lexicon import ResourceModel, load_resource

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN_JOINERS = re.compile(r"[\s\-'’‘`.]+")
ALIAS_HOPS = 8  # an alias of an alias of ... is followed this far (a cycle stops there)


class KeyExample(ResourceModel):
    name: str
    key: str


class TownshipSuffixes(ResourceModel):
    """pipeline/resources/<lang>/townships.yaml."""

    suffixes: tuple[str, ...]
    examples: tuple[KeyExample, ...] = ()


@lru_cache(maxsize=None)
def _suffixes(lang: str) -> tuple[str, ...]:
    return tuple(sorted(load_resource(lang, "townships", TownshipSuffixes).suffixes, key=len, reverse=True))


def _strip_zh(name: str) -> str:
    for suffix in _suffixes("zh"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def _strip_en(name: str) -> str:
    for suffix in _suffixes("en"):
        match = re.search(rf"(?i)(?:^|\s){re.escape(suffix)}$", name)
        if match and match.start() > 0:
            return name[: match.start()]
    return name


def township_stem(name: str | None) -> str | None:
    """The key of one name by itself: traditional characters folded, surrounding space and a kind
    suffix (镇, 乡, 街道, Town, Township, Street, Subdistrict) removed; a Latin name in lower case
    without spaces, hyphens and apostrophes. None for no name."""
    if name is None or not name.strip():
        return None
    text = " ".join(fold(name).split())
    if HAN.search(text):
        return _strip_zh(text.replace(" ", ""))
    return LATIN_JOINERS.sub("", _strip_en(text)).lower() or text.lower()


def pinyin_of(stem: str) -> str | None:
    """The toneless pinyin of a Chinese stem, run together in lower case (白鹭 -> bailu; ü as u);
    None for a stem that is not all Han characters, or when pypinyin is not installed."""
    if not stem or not all(HAN.match(ch) for ch in stem):
        return None
    try:
        from pypinyin import Style, lazy_pinyin
    except ImportError:
        return None
    return "".join(lazy_pinyin(stem, style=Style.NORMAL)).lower().replace("ü", "u").replace("v", "u")


def _latin_form(stem: str) -> str:
    return stem.replace("ü", "u").replace("v", "u")


def _canonical(stem: str, aliases: dict[str, str]) -> str:
    """Follow the alias table from a stem to the stem of the name it stands for."""
    for _ in range(ALIAS_HOPS):
        target = aliases.get(stem)
        if target is None or target == stem:
            return stem
        stem = target
    return stem


def township_keys(names: Iterable[str | None], aliases: dict[str, str] | None = None) -> dict[str, str]:
    """name -> key for every name given. A name's key is its stem, or the stem of the name the alias
    table (alias stem -> name stem, see alias_stems) gives for it; then a Latin key that spells the
    pinyin of exactly one Chinese key of the batch or the table (Bailu -> 白鹭) takes that key."""
    aliases = aliases or {}
    keys = {name: _canonical(township_stem(name), aliases) for name in set(names) if township_stem(name)}
    latin = [name for name, key in keys.items() if not HAN.search(key)]
    if not latin:  # no Latin key to match: the pinyin (and loading pypinyin) is not needed
        return keys
    chinese = {key for key in keys.values() if HAN.search(key)} | {v for v in aliases.values() if HAN.search(v)}
    spelled: dict[str, set[str]] = {}
    for key in chinese:
        pinyin = pinyin_of(key)
        if pinyin:
            spelled.setdefault(pinyin, set()).add(key)
    for name in latin:
        key = keys[name]
        matches = spelled.get(_latin_form(key), set())
        if len(matches) == 1:
            keys[name] = next(iter(matches))
    return keys


def alias_stems(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The alias table as stems: (name, alias) rows -> {alias stem: name stem}."""
    table: dict[str, str] = {}
    for name, alias in pairs:
        name_stem, alias_stem = township_stem(name), township_stem(alias)
        if name_stem and alias_stem and alias_stem != name_stem:
            table[alias_stem] = name_stem
    return table


def assign_township_keys(rows: Iterable[MutableMapping], aliases: dict[str, str] | None = None) -> None:
    """Set each table row's township_key from the batch's names and the alias table (in place: the
    rows are shared by the table, the workbook and the report of one run)."""
    rows = list(rows)
    keys = township_keys((row.get("township") for row in rows), aliases)
    for row in rows:
        row["township_key"] = keys.get(row.get("township"))
