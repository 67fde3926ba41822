"""Context windows around a figure and the indicator cue that binds it."""

from __future__ import annotations

import re

from pipeline.extractors.draft import Draft
from pipeline.extractors.indicator_cues import CompiledIndicator, IndicatorCues
from pipeline.numbers import Quantity
from pipeline.prefilter import LiteralHits

# Units that measure a span of time: a figure in them (24 hours, 3 days, 两年) counts no cases, so
# it binds only to an indicator that names its unit (reception days).
SPANS_OF_TIME = frozenset({"day", "hour", "minute", "week", "month", "year"})

AFTER_WINDOW = {"zh": 16, "en": 70}
BEFORE_WINDOW = {"zh": 40, "en": 120}
# 办结率为96, "the resolution rate of disputes reached 98": a rate cue this near a bare number
MISSING_SIGN_DISTANCE = {"zh": 6, "en": 25}
AFTER_ASIDE_REACH = 40  # characters after a figure searched for an aside that the after window skips
QUOTED_NAME_REACH = 24  # characters searched either side of a cue for the quoted name around it


def _cut(text: str, pattern: re.Pattern[str], lo: int, hi: int, towards_end: bool) -> tuple[int, int]:
    """Shrink [lo, hi) to the part beside the figure, up to the nearest break."""
    if not towards_end:  # the first match finditer would give
        first = pattern.search(text, lo, hi)
        return (lo, hi) if first is None else (lo, first.start())
    last = None
    for last in pattern.finditer(text, lo, hi):
        pass
    return (lo, hi) if last is None else (last.end(), hi)


def windows(text: str, quantity: Quantity, bounds: tuple[int, int], neighbours: tuple[int, int],
            cues: IndicatorCues, lang: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """The clause text before a figure and the text after its numeral."""
    lo = max(bounds[0], quantity.start - BEFORE_WINDOW[lang])
    before = _cut(text, cues.breaks, lo, quantity.start, True)
    label = cues.label_colon.search(text, lo, before[0])
    if label is not None and label.end() == before[0] and not text[before[0] : quantity.start].strip():
        # "来信：12件", "Letters: 12": the label before the colon names the figure
        before = _cut(text, cues.breaks, lo, label.start(), True)
        before = (before[0], quantity.start)
    if neighbours[0] > before[0]:
        # "42,000 mu of cultivated land and [96,000 mu]": skip the previous figure's noun
        before = _cut(text, cues.before_glue, neighbours[0], quantity.start, True)
    hi = min(bounds[1], neighbours[1], quantity.end + AFTER_WINDOW[lang] + _asides(text, quantity.end, cues))
    after = _cut(text, cues.after_breaks, quantity.number_end, max(hi, quantity.number_end), False)
    if after[1] < hi and (aside := cues.aside.match(text, after[1], hi)) is not None:
        after = (after[0], _cut(text, cues.after_breaks, aside.end(), hi, False)[1])  # over the aside
    if hi == neighbours[1] and (item := cues.next_item.search(text, quantity.end, hi)) is not None:
        after = (after[0], max(after[0], min(after[1], item.start())))  # 152 and repeat petitions 18
    return before, after


def _asides(text: str, start: int, cues: IndicatorCues) -> int:
    """Characters of a parenthetical aside right inside the after window (2期网格员（含兼职网格员）
    业务培训): the noun counted lies beyond it, so the window reaches that much further."""
    aside = cues.aside.search(text, start, start + AFTER_ASIDE_REACH)
    return 0 if aside is None else aside.end() - aside.start()


def cue_hits(text: str, window: tuple[int, int], before: bool, cues: IndicatorCues, found: LiteralHits):
    """(indicator, distance to the figure, start, end) of every cue in a window, overlaps kept; only
    the cues whose literal occurs inside the window (`found`, the document's literals) are run."""
    lo, hi = window
    piece = text[lo:hi]
    if not piece.strip():
        return []
    hits = []
    indicators = cues.indicators
    keys, spans = found.window(lo, hi)
    for key in sorted(keys):  # indicator order, then cue order
        indicator = indicators[key[0]]
        pattern = indicator.cues[key[1]]
        # a cue that is one literal: its matches are the literal's occurrences found for the document
        plain = found.plain_matches(key, spans, pattern)
        if plain is None:
            plain = [(lo + match.start(), lo + match.end()) for match in pattern.finditer(piece)
                     if match.end() > match.start()]
        for start, end in plain:
            hits.append((indicator, (hi - end) if before else (start - lo), start, end))
    hits = [h for h in hits if not _quoted(text, h[2], h[3], window, before, cues)]
    if len(hits) < 2:
        return hits
    return [h for h in hits if not any(_inside(h, other) for other in hits)]


def _quoted(text: str, start: int, end: int, window: tuple[int, int], before: bool, cues: IndicatorCues) -> bool:
    """A cue inside a short quoted name that only describes something else (两个挂着“纠纷调解受理”牌子的
    窗口) names no count; a quoted name right beside the figure is what it counts (选聘“信访代理员”38名)."""
    reach = QUOTED_NAME_REACH
    for m in cues.quoted_name.finditer(text, max(0, start - reach), end + reach):
        if m.start() < start and end < m.end():
            beside = text[m.end() : window[1]] if before else text[window[0] : m.start()]
            return bool(cues.quoted_gap.sub("", beside))
    return False


def _inside(hit, other) -> bool:
    return other is not hit and other[2] <= hit[2] and hit[3] <= other[3] and \
        (other[3] - other[2]) > (hit[3] - hit[2])


def compatible(indicator: CompiledIndicator, quantity: Quantity, missing_sign: bool) -> bool:
    entry = indicator.entry
    if entry.percent:
        return quantity.is_percent or quantity.percent_points or missing_sign
    if quantity.is_percent or quantity.percent_points:
        return False
    if entry.strict_units or quantity.unit in SPANS_OF_TIME:
        return quantity.unit in entry.units
    return not entry.units or quantity.unit is None or quantity.unit in entry.units


def _neutralised(text: str, draft: Draft, distance: float, cues: IndicatorCues) -> bool:
    """A neutral verb nearer to the figure than the cue (回访160件) leaves it unbound."""
    lo, hi = draft.before
    return any(hi - match.end() <= distance for match in cues.neutral.finditer(text, lo, hi))


def bind(text: str, draft: Draft, scope: tuple[int, int], cues: IndicatorCues, lang: str,
         found: LiteralHits | None = None) -> CompiledIndicator | None:
    """The indicator whose cue ranks first (then is nearest) and fits the figure and its sentence."""
    q = draft.quantity
    if cues.neutral_head.match(text, q.end) or cues.neutral_head.match(text, q.number_end):
        return None  # "a further 6 home visits", "4 rounds of investigation", "300 cadres" (a unit word)
    sentence = text[scope[0] : scope[1]]
    start = min(q.start - BEFORE_WINDOW[lang], draft.reach) if draft.reach >= 0 else q.start - BEFORE_WINDOW[lang]
    # up to the end of the figure's own clause after it: a later clause's topic (…化解17个信访矛盾，
    # 化解信访积案6件) scopes nothing before it
    near_span = (max(scope[0], start), min(scope[1], q.end + AFTER_WINDOW[lang], max(q.end, draft.after[1])))
    bare = q.unit is None and not q.is_percent and q.value <= 100
    found = found or cues.literals.scan(text)  # the caller passes the document's, found once
    before = cue_hits(text, draft.before, True, cues, found)
    after = [(i, d + 0.5, s, e) for i, d, s, e in cue_hits(text, draft.after, False, cues, found)]
    head = _head_nouns(text, q, after, cues)
    if head:  # "appointed in all 12 [villages]": the noun after the figure says what it counts
        fitting = [hit for hit in ((_refined(h[0], draft, text, scope[0], cues), *h[1:])
                                   for h in sorted(head, key=lambda h: (h[0].rank, h[1])))
                   if compatible(hit[0], q, False)
                   and _fits_sentence(hit[0], sentence, _scoped(text, draft, hit[2], near_span, cues))
                   and not _vetoed(text, draft, hit[0])]
        negated = fitting and (_neutralised(text, draft, fitting[0][1], cues)
                               or cues.neutral.search(text, q.end, fitting[0][2]))
        if not fitting or negated:
            return None  # "the remaining 4 are being handled", "the 5 unresolved disputes": no such count
        return _refined(fitting[0][0], draft, text, scope[0], cues)
    # A noun right after a Chinese classifier names what is counted (12个[行政村]) unless the
    # clause before the figure already names something (县信访局交办的6件[信访事项]).
    adjacent = [h for h in after if lang == "zh" and h[2] <= q.end
                and (not before or h[0].entry.kind == "profile")]
    context = [(c, 0, q.start, q.start) for c in cues.with_context
               if c.context and c.context.search(text, max(0, q.start - 4), q.start)]
    nearby = before + after if lang == "en" or not before else before
    for group in (adjacent, context, nearby):
        for hit in sorted(group, key=lambda h: (h[0].rank, h[1])):
            indicator, distance = hit[0], hit[1]
            missing_sign = bare and indicator.entry.percent and hit in before and \
                distance <= MISSING_SIGN_DISTANCE[lang]
            if not compatible(indicator, q, missing_sign):
                indicator = _refined(indicator, draft, text, scope[0], cues)  # reception days, not visits
                if not compatible(indicator, q, missing_sign):
                    continue
            if not _fits_sentence(indicator, sentence, _scoped(text, draft, hit[2], near_span, cues)) \
                    or _vetoed(text, draft, indicator):
                continue
            if (group is adjacent or distance > 0) and _neutralised(text, draft, distance, cues):
                return None
            return _refined(indicator, draft, text, scope[0], cues)
    return None


def _head_nouns(text: str, q: Quantity, after: list, cues: IndicatorCues) -> list:
    """Cue hits of indicators that name a particular count on the noun a figure counts: its unit
    word ("2 [trainings]"), else the noun within the language's head gap after the numeral ("12
    administrative [villages]") or after "of" behind a unit ("56 batches of [visitors]")."""
    if cues.head_gap is None:
        return []
    gap = cues.head_gap if q.unit is None or q.end <= q.number_end else cues.head_gap_after_unit
    head = [h for h in after if not h[0].entry.generic and h[2] >= q.number_end
            and (h[2] < q.end or gap.fullmatch(text, q.end, h[2]))]
    # a cue overlapping a head cue competes with it by rank ("were [settled] on time")
    return head + [h for h in after if h not in head and not h[0].entry.generic
                   and any(h[2] < other[3] and other[2] < h[3] for other in head)]


def _scoped(text: str, draft: Draft, cue_start: int, near: tuple[int, int], cues: IndicatorCues) -> str:
    """Where a figure's cue is checked for another scope (`exclude`): the stretch near the figure,
    earlier clauses included (重复信访事项19件，化解17件: the topic carries on); only its own clause
    when that clause names its own subject before the cue (重复信访率下降4.98%，信访途径一次性化解率
    达100%: a new subject, the repeat petitions' clause is behind it)."""
    lo = draft.before[0]
    if lo <= cue_start and cues.own_subject.search(text, lo, cue_start):
        return text[max(lo, near[0]) : near[1]]
    return text[near[0] : near[1]]


def _vetoed(text: str, draft: Draft, indicator: CompiledIndicator) -> bool:
    if indicator.veto is None:
        return False
    return any(indicator.veto.search(text[lo:hi]) for lo, hi in (draft.before, draft.after))


def _fits_sentence(indicator: CompiledIndicator, sentence: str, near: str | None = None) -> bool:
    """The sentence names what the indicator needs (`sentence`), and the stretch near the figure names
    no other scope (`exclude`: 信访积案15件，已化解12件; not a backlog named far back in a long sentence)."""
    if indicator.sentence is not None and not indicator.sentence.search(sentence):
        return False
    return indicator.exclude is None or not indicator.exclude.search(sentence if near is None else near)


def _refined(indicator: CompiledIndicator, draft: Draft, text: str, sentence_start: int,
             cues: IndicatorCues) -> CompiledIndicator:
    """A more specific indicator whose cue opens the figure's sentence (visits -> leader_receptions)."""
    opening = text[sentence_start : draft.quantity.start]
    for other in cues.refiners.get(indicator.entry.id, ()):
        if other.entry.refines_with_unit and draft.quantity.unit not in other.entry.units:
            continue  # the complaints received numbered 12: no reception days
        if other.sentence and _fits_sentence(other, opening) \
                and compatible(other, draft.quantity, False) and not _vetoed(text, draft, other):
            return other
    return indicator


def bind_phrase(phrase: str, cues: IndicatorCues, quantity: Quantity) -> str | None:
    """Indicator of a listed item only when a cue covers most of it (来信, not 婚姻家庭纠纷)."""
    possible = {rank for rank, _ in cues.literals.candidates(phrase)}  # the others cannot match
    for indicator in cues.indicators:
        if indicator.rank not in possible:
            continue
        match = indicator.pattern.search(phrase)
        if match and len(match.group()) >= 0.6 * len(phrase.strip()) and compatible(indicator, quantity, False):
            return indicator.entry.id
    return None


def bind_label(label: str, context: str, cues: IndicatorCues, quantity: Quantity) -> str | None:
    """The indicator a label names (a table's row or column header): the cue of the first rank in
    it that fits the quantity, whose indicator's sentence cue `context` (the label with the
    caption and the other header) satisfies; a neutral word over the cue (未办结) or a veto in the
    label binds none."""
    neutral = [match.span() for match in cues.neutral.finditer(label)]
    for indicator, _, start, end in sorted(cue_hits(label, (0, len(label)), False, cues, cues.literals.scan(label)),
                                           key=lambda hit: (hit[0].rank, hit[2])):
        if any(lo < end and start < hi for lo, hi in neutral):
            continue
        if indicator.veto is not None and indicator.veto.search(label):
            continue
        if compatible(indicator, quantity, False) and _fits_sentence(indicator, context or label):
            return indicator.entry.id
    return None
