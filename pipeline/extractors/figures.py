"""Binds every figure of a document to what it counts: indicator, kind, unit, qualifier, relations."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace

from pipeline.extractors.indicator_cues import CompiledIndicator, IndicatorCues, indicator_cues
from pipeline.numbers import Quantity
from pipeline.schema import Fact

AFTER_WINDOW = {"zh": 12, "en": 70}
BEFORE_WINDOW = {"zh": 40, "en": 120}
COUNTABLE = {"count", "profile", "frequency"}
PERCENT_UNITS = {"percent", "pp"}
GLUE = " 、,，"
MONEY_UNITS = {"yuan", "wan_yuan"}
# Once a breakdown is open, a figure of these indicators ends it (a new statement begins).
BREAKDOWN_ENDERS = {"cases_settled", "settlement_rate", "on_time_settlement_rate",
                    "resolution_rate", "satisfaction_rate", "disputes_resolved"}


@dataclass
class Draft:
    """A figure while its relations are being resolved (offsets local to the document)."""

    quantity: Quantity
    sentence: int
    before: tuple[int, int]
    after: tuple[int, int]
    indicator: str | None = None
    kind: str = "count"
    unit: str | None = None
    value: float | int = 0
    subject: str | None = None
    per: str | None = None
    scope: str | None = None
    flags: list[str] = field(default_factory=list)
    part_of: int | None = None
    refers_to: int | None = None

    @property
    def current_count(self) -> bool:
        return self.kind in COUNTABLE and self.scope is None


def _window(text: str, cues: IndicatorCues, lo: int, hi: int, towards_end: bool) -> tuple[int, int]:
    """Cut a window at the clause break nearest to the figure."""
    piece = text[lo:hi]
    breaks = [m.end() for m in cues.breaks.finditer(piece)] if towards_end else \
             [m.start() for m in cues.breaks.finditer(piece)]
    if not breaks:
        return lo, hi
    return (lo + breaks[-1], hi) if towards_end else (lo, lo + breaks[0])


def _cue_hits(text: str, window: tuple[int, int], before: bool, cues: IndicatorCues):
    """(indicator, distance to the figure, start, end) of every cue in a window, overlaps kept."""
    lo, hi = window
    piece = text[lo:hi]
    if not piece.strip():
        return []
    hits = []
    for indicator in cues.indicators:
        if not indicator.pattern.search(piece):
            continue
        for cue in indicator.cues:
            for match in cue.finditer(piece):
                if match.end() == match.start():
                    continue
                distance = (len(piece) - match.end()) if before else match.start()
                hits.append((indicator, distance, lo + match.start(), lo + match.end()))
    return [h for h in hits if not any(_inside(h, other) for other in hits)]


def _inside(hit, other) -> bool:
    return other is not hit and other[2] <= hit[2] and hit[3] <= other[3] and \
        (other[3] - other[2]) > (hit[3] - hit[2])


def _compatible(indicator: CompiledIndicator, quantity: Quantity, missing_sign: bool) -> bool:
    entry = indicator.entry
    if entry.percent:
        return quantity.is_percent or missing_sign
    if quantity.is_percent or quantity.percent_points:
        return False
    return not entry.units or quantity.unit is None or quantity.unit in entry.units


def _bind(text: str, draft: Draft, cues: IndicatorCues, lang: str) -> CompiledIndicator | None:
    """The indicator whose cue is nearest in rank (then distance) and fits the figure."""
    q = draft.quantity
    bare = q.unit is None and not q.is_percent and q.value <= 100
    before = _cue_hits(text, draft.before, True, cues)
    after = [(i, d + 0.5, s, e) for i, d, s, e in _cue_hits(text, draft.after, False, cues)]
    # A noun right after a Chinese classifier names what is counted (12个行政村).
    adjacent = [h for h in after if lang == "zh" and h[2] <= q.end]
    context = [(c, 0, q.start, q.start) for c in cues.indicators
               if c.context is not None and c.context.search(text, max(0, q.start - 4), q.start)]
    for group in (adjacent, context, before + after if lang == "en" or not before else before):
        for indicator, distance, _start, _end in sorted(group, key=lambda h: (h[0].rank, h[1])):
            missing_sign = bare and indicator.entry.percent and distance <= 6
            if _compatible(indicator, q, missing_sign):
                return indicator
    return None


def _draft(text: str, quantity: Quantity, sentence: int, bounds: tuple[int, int],
           neighbours: tuple[int, int], cues: IndicatorCues, lang: str) -> Draft:
    lo = max(bounds[0], neighbours[0], quantity.start - BEFORE_WINDOW[lang])
    hi = min(bounds[1], neighbours[1], quantity.end + AFTER_WINDOW[lang])
    before = _window(text, cues, lo, quantity.start, True)
    after = _window(text, cues, quantity.number_end, max(hi, quantity.number_end), False)
    return Draft(quantity, sentence, before, after, value=quantity.value, unit=quantity.unit)


def _classify(text: str, draft: Draft, cues: IndicatorCues, lang: str) -> None:
    q = draft.quantity
    before = text[draft.before[0] : draft.before[1]]
    around = before + " " + text[draft.after[0] : draft.after[1]]
    indicator = _bind(text, draft, cues, lang)
    draft.subject = _subject(text, draft, lang)
    if indicator is not None and not indicator.entry.percent and draft.subject and \
            cues.category.search(before.strip()):
        indicator = None  # 市政设施类356件: a category of a breakdown
    draft.indicator = indicator.entry.id if indicator else None
    down, up = cues.change_down.search(before), cues.change_up.search(before)
    if (down or up) and (q.is_percent or q.percent_points or _right_before(before, down or up)):
        draft.kind, draft.indicator = "change", None
        draft.value = -abs(q.value) if _latest(down, up) is down else abs(q.value)
        draft.unit = "pp" if q.percent_points else ("percent" if q.is_percent else q.unit)
    elif q.is_percent or q.percent_points:
        draft.unit = "pp" if q.percent_points else "percent"
        share = cues.share.search(around)
        draft.kind = "share" if share and not (indicator and indicator.entry.percent) else \
            ("rate" if indicator and indicator.entry.percent else "other")
        if draft.kind == "share":
            draft.indicator = None
    elif indicator is not None and indicator.entry.percent:
        draft.kind, draft.unit = "rate", "percent"
        draft.flags.append("percent_sign_missing")
    else:
        _classify_plain(draft, indicator, before, around, cues, lang)


def _classify_plain(draft: Draft, indicator, before: str, around: str, cues: IndicatorCues,
                    lang: str) -> None:
    q = draft.quantity
    previous = cues.previous_period.search(before if lang == "zh" else around)
    if previous:
        draft.scope = "previous_period"
    per = next((period for period, pattern in cues.per if pattern.search(around)), None)
    if q.qualifier == "within":
        draft.kind, draft.indicator = "duration", None
    elif q.unit in MONEY_UNITS:
        draft.kind, draft.indicator = "amount", None
    elif per is not None and draft.scope is None:
        draft.kind, draft.per = "frequency", per
    elif indicator is not None and indicator.entry.kind == "profile":
        draft.kind = "profile"
    else:
        draft.kind = "count"


def _right_before(before: str, match) -> bool:
    return match is not None and len(before) - match.end() <= 3


def _latest(down, up):
    if down is None or up is None:
        return down or up
    return down if down.start() >= up.start() else up


def _subject(text: str, draft: Draft, lang: str) -> str | None:
    before = text[draft.before[0] : draft.before[1]].strip(" ，,、：:的为是达共有了")
    after = text[draft.after[0] : draft.after[1]].strip(" ，,、")
    if lang == "en":
        words = after.split()
        phrase = " ".join(words[:8]) if words and words[0][:1].isalpha() else " ".join(before.split()[-6:])
    else:
        phrase = before[-20:] if before else after[:12]
    return phrase or None


def _relate(text: str, drafts: list[Draft], sentences: list[tuple[int, int]], cues: IndicatorCues) -> None:
    by_sentence: dict[int, list[int]] = {}
    for index, draft in enumerate(drafts):
        by_sentence.setdefault(draft.sentence, []).append(index)
    for sentence, members in sorted(by_sentence.items()):
        lo, hi = sentences[sentence]
        _breakdowns(text, drafts, members, lo, hi, cues)
        _respectively(text, drafts, members, lo, hi, cues)
        _references(drafts, members, by_sentence.get(sentence - 1, []))


def _breakdowns(text, drafts, members, lo, hi, cues: IndicatorCues) -> None:
    for cue in cues.part_of.finditer(text, lo, hi):
        totals = [i for i in members if drafts[i].quantity.end <= cue.start() and drafts[i].current_count]
        if not totals:
            continue
        total = totals[-1]
        for index in (i for i in members if drafts[i].quantity.start >= cue.end()):
            draft = drafts[index]
            if cues.part_of.search(text, cue.end(), draft.quantity.start) or \
                    any(ch in "；;" for ch in text[cue.end() : draft.quantity.start]):
                break
            if draft.indicator in BREAKDOWN_ENDERS and index != _first_after(drafts, members, cue.end()):
                break
            if draft.current_count:
                draft.part_of = total
                if draft.indicator == drafts[total].indicator:
                    draft.indicator = None


def _first_after(drafts, members, position: int) -> int | None:
    return next((i for i in members if drafts[i].quantity.start >= position), None)


def _respectively(text, drafts, members, lo, hi, cues: IndicatorCues) -> None:
    for cue in cues.respectively.finditer(text, lo, hi):
        values = [i for i in members if drafts[i].quantity.start >= cue.end() and drafts[i].current_count]
        head_start = max([lo] + [m.end() for m in cues.breaks.finditer(text, lo, cue.start())]
                         + [m.end() for m in cues.part_of.finditer(text, lo, cue.start())])
        items = [item.strip() for item in cues.separators.split(text[head_start : cue.start()]) if item.strip()]
        if len(values) < 2 or len(items) != len(values[: len(items)]) or len(items) > len(values):
            continue
        totals = [i for i in members if drafts[i].quantity.end <= head_start and drafts[i].current_count]
        for item, index in zip(items, values):
            draft = drafts[index]
            draft.subject = item
            draft.flags.append("complete_breakdown")
            rebound = _bind_phrase(item, cues, draft.quantity)
            draft.indicator = rebound
            if totals:
                draft.part_of = totals[-1]
                if draft.indicator == drafts[totals[-1]].indicator:
                    draft.indicator = None


def _bind_phrase(phrase: str, cues: IndicatorCues, quantity: Quantity) -> str | None:
    """Indicator of a listed item only when a cue covers most of it (来信, not 婚姻家庭纠纷)."""
    for indicator in cues.indicators:
        match = indicator.pattern.search(phrase)
        if match and len(match.group()) >= 0.6 * len(phrase) and _compatible(indicator, quantity, False):
            return indicator.entry.id
    return None


def _inherit(text: str, drafts: list[Draft], separators: str) -> None:
    """76批312人次, 48批次、165人次: a figure glued to the previous one counts the same thing."""
    for previous, draft in zip(drafts, drafts[1:]):
        gap = text[previous.quantity.end : draft.quantity.start]
        if draft.indicator is None and previous.indicator and draft.sentence == previous.sentence \
                and draft.kind == previous.kind == "count" and not gap.strip(separators) \
                and draft.unit != previous.unit:
            draft.indicator = previous.indicator
            draft.part_of = previous.part_of


def _references(drafts: list[Draft], members: list[int], previous: list[int]) -> None:
    for position, index in enumerate(members):
        draft = drafts[index]
        if draft.kind not in ("share", "change") and draft.scope is None:
            continue
        wanted = _is_rate if draft.unit == "pp" else (lambda d: d.current_count)
        earlier = [i for i in members[:position] if wanted(drafts[i])] or \
                  [i for i in previous if wanted(drafts[i])]
        if not earlier:
            continue
        target = earlier[-1] if draft.kind == "share" or draft.unit == "pp" else _change_target(drafts, earlier)
        if draft.kind in ("share", "change"):
            draft.refers_to = target
            if draft.kind == "change":
                draft.indicator = drafts[target].indicator
        elif draft.indicator is None:
            draft.indicator = drafts[target].indicator


def _is_rate(draft: Draft) -> bool:
    return draft.kind == "rate" and draft.scope is None


def _change_target(drafts: list[Draft], earlier: list[int]) -> int:
    totals = [i for i in earlier if drafts[i].part_of is None]
    return (totals or earlier)[-1]


def extract_figures(text: str, quantities: list[Quantity], sentences: list[tuple[int, int]],
                    lang: str, offset: int = 0, surface_text: str | None = None) -> list[Fact]:
    """Facts for the figures of one document.

    `text` is the document's matching view, `surface_text` the same span as written in the
    file (defaults to `text`), `offset` the document's start in the file.
    """
    cues = indicator_cues(lang)
    starts = [s for s, _ in sentences]
    drafts: list[Draft] = []
    for position, quantity in enumerate(quantities):
        sentence = max(0, bisect.bisect_right(starts, quantity.start) - 1)
        bounds = sentences[sentence] if sentences else (0, len(text))
        previous_end = quantities[position - 1].end if position else 0
        next_start = quantities[position + 1].start if position + 1 < len(quantities) else len(text)
        drafts.append(_draft(text, quantity, sentence, bounds, (previous_end, next_start), cues, lang))
    for draft in drafts:
        _classify(text, draft, cues, lang)
    _relate(text, drafts, sentences or [(0, len(text))], cues)
    _inherit(text, drafts, GLUE)
    return _facts(surface_text if surface_text is not None else text, drafts, offset)


def _facts(text: str, drafts: list[Draft], offset: int) -> list[Fact]:
    ids = [f"f{number}" for number in range(1, len(drafts) + 1)]
    facts = []
    for index, draft in enumerate(drafts):
        q = draft.quantity
        facts.append(Fact(
            id=ids[index], indicator=draft.indicator, subject=draft.subject, value=draft.value,
            unit=draft.unit, kind=draft.kind, qualifier=q.qualifier,
            part_of=ids[draft.part_of] if draft.part_of is not None else None,
            refers_to=ids[draft.refers_to] if draft.refers_to is not None else None,
            start=offset + q.start, end=offset + q.end, surface=text[q.start : q.end],
            per=draft.per, scope=draft.scope, flags=tuple(draft.flags),
        ))
    return facts


__all__ = ["extract_figures", "Draft", "replace"]
