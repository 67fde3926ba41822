"""The report period (year, half, quarter) and the township a summary speaks of."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.lexicon import ResourceModel, load_resource
from pipeline.regex_cache import compile_cached
from pipeline.schema import Period, PeriodKind

OPENING_CHARS = 600


class PeriodPattern(ResourceModel):
    pattern: str
    example: str
    # searched in the whole text, not only its opening: a stated span of months names the period
    # wherever a news item gives it (Between January and August 2022, after a founding date)
    whole_text: bool = False
    # the period kind a match gives when its span names none (a span of months from January)
    kind: PeriodKind | None = None


class SpanValue(ResourceModel):
    half: int | None = None
    quarter: int | None = None
    kind: PeriodKind | None = None  # when neither half nor quarter says it: nine_months


class PeriodCues(ResourceModel):
    patterns: tuple[PeriodPattern, ...]
    placeholder_years: tuple[str, ...]
    spans: dict[str, SpanValue]
    digits: dict[str, int]
    range_dashes: str


class TownshipCues(ResourceModel):
    pattern: str
    example: str
    not_names: tuple[str, ...]
    strip_prefixes: tuple[str, ...]
    placeholder: str
    inner_prefixes: tuple[str, ...] = ()
    generic_endings: tuple[str, ...] = ()  # a word no name ends with (…乡镇 is townships in general)
    # words a text calls its own place by: a county's or district's (全区, 我县) and a township's (全镇, 该乡)
    higher_self: tuple[str, ...] = ()
    own_self: tuple[str, ...] = ()


class ProfileFile(ResourceModel):
    period: PeriodCues
    township: TownshipCues


@dataclass(frozen=True)
class ProfileCues:
    raw: ProfileFile
    periods: tuple[re.Pattern[str], ...]
    whole_text: tuple[bool, ...]
    kinds: tuple[PeriodKind | None, ...]
    township: re.Pattern[str]
    placeholder: re.Pattern[str]
    placeholder_year: re.Pattern[str]


@lru_cache(maxsize=None)
def profile_cues(lang: str) -> ProfileCues:
    raw = load_resource(lang, "profile", ProfileFile)
    flags = re.IGNORECASE if lang == "en" else 0
    return ProfileCues(
        raw,
        tuple(compile_cached(p.pattern, flags) for p in raw.period.patterns),
        tuple(p.whole_text for p in raw.period.patterns),
        tuple(p.kind for p in raw.period.patterns),
        compile_cached(raw.township.pattern),
        compile_cached(raw.township.placeholder),
        compile_cached("|".join(re.escape(y) for y in raw.period.placeholder_years)),
    )


def _year(token: str, cues: PeriodCues) -> int | None:
    if token.isdigit():
        return int(token)
    digits = [cues.digits.get(ch) for ch in token]
    if len(digits) == 4 and all(d is not None for d in digits):
        return int("".join(str(d) for d in digits))
    return None


def _span(token: str | None, cues: PeriodCues) -> SpanValue:
    if not token:
        return SpanValue()
    key = re.sub(f"[{re.escape(cues.range_dashes)}]", "-", token)
    for name, value in cues.spans.items():
        if name.lower() == key.lower() or name.lower() == token.lower():
            return value
    return SpanValue()


def _kind(span: SpanValue, pattern_kind: PeriodKind | None) -> PeriodKind:
    """The span's own kind, else half or quarter by its value, else the pattern's, else a year."""
    if span.kind:
        return span.kind
    if span.half:
        return "half"
    if span.quarter:
        return "quarter"
    return pattern_kind or "year"


def extract_period(title: str | None, opening: str, lang: str, header: str = "") -> Period:
    """Period from the title, else from the opening text, else from the page's lines above the
    document (a dateline over the headline); a placeholder year gives raw only."""
    cues = profile_cues(lang)
    for text in (title or "", opening[:OPENING_CHARS], header[-OPENING_CHARS:]):
        placeholder = cues.placeholder_year.search(text)
        for pattern, whole, kind in zip(cues.periods, cues.whole_text, cues.kinds):
            match = pattern.search(opening if whole and text is not title else text)
            if not match:
                continue
            groups = match.groupdict()
            year = _year(groups.get("year") or "", cues.raw.period) if groups.get("year") else None
            if placeholder and (year is None or placeholder.start() < match.start()):
                return Period(raw=placeholder.group())
            span = _span(groups.get("span"), cues.raw.period)
            if year is None and span.half is None and span.quarter is None:
                continue
            return Period(year=year, half=span.half, quarter=span.quarter, raw=match.group().strip(),
                          kind=_kind(span, kind))
        if placeholder:
            return Period(raw=placeholder.group())
    return Period()


def extract_township(title: str | None, opening: str, lang: str) -> str | None:
    """The township's name from the title, else the name the text repeats most (the first of equals);
    None when it is a placeholder. A name said once in passing loses to the one the summary is about."""
    cues = profile_cues(lang)
    raw = cues.raw.township
    for match in cues.township.finditer(title or ""):
        name = _clean(match.group("name"), raw, inner=False)
        if name is not None:
            return None if cues.placeholder.search(name) else name
    counts: dict[str, int] = {}
    for match in cues.township.finditer(opening):
        name = _clean(match.group("name"), raw)
        if name is None:
            continue
        # where a name begins is unsure (进一步改进祝楼乡): every ending of it votes, by character
        # in Chinese and by word in English ("Zishi Township", never "hi Township")
        pieces, joiner = (list(name), "") if lang == "zh" else (name.split(" "), " ")
        for cut in range(len(pieces) - 1):
            ending = joiner.join(pieces[cut:])
            counts[ending] = counts.get(ending, 0) + 1
    best = _most_repeated(counts, cues)
    if best is not None and counts.get(best, 0) == 1 and _about_a_higher_level(opening, raw):
        return None  # a district's item naming one town in passing is about no township
    return best


def _about_a_higher_level(text: str, raw: TownshipCues) -> bool:
    """The text calls its own place a county or district (全区, 我县) more often than a township."""
    higher = sum(text.count(word) for word in raw.higher_self)
    return higher >= 2 and higher > sum(text.count(word) for word in raw.own_self)


def _most_repeated(counts: dict[str, int], cues: ProfileCues) -> str | None:
    """The name said most often, in its longest form (祝楼乡 over 楼乡), the first of equals."""
    named = {name: count for name, count in counts.items()  # 街道 said alone names no street...
             if name not in cues.raw.township.not_names and len(name) >= 2}
    if named and max(named.values()) >= 2:  # ...when a name is said again; once in passing, it names none
        counts = named
    if not counts:
        return None
    most = max(counts.values())
    tied = [name for name, count in counts.items() if count == most]
    longest = [name for name in tied if not any(other != name and other.endswith(name) for other in tied)]
    best = longest[0]  # dicts keep first-seen order
    if best in cues.raw.township.not_names or len(best) < 2:
        return None
    return None if cues.placeholder.search(best) else best


def _clean(name: str, raw: TownshipCues, inner: bool = True) -> str | None:
    """The name without the words before it; None when it is no name (inner prefixes: outside a
    title only, where 东向镇 is trusted)."""
    for prefix in raw.strip_prefixes:
        if prefix in name:
            name = name.rsplit(prefix, 1)[-1]
    for prefix in raw.inner_prefixes if inner else ():
        at = name.rfind(prefix)
        if at >= 0 and name[at + len(prefix):] in raw.not_names:
            return None
    if name in raw.not_names or len(name) < 2 or name.endswith(raw.generic_endings):
        return None
    return name
