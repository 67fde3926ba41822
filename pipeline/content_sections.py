"""Sections typed by content where no heading types them: the body of a headless summary or news item."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Sequence

from pipeline.schema import Section
from pipeline.section_cues import SectionCues

# Kinds a sentence's content may show, strongest first (a plan sentence that mentions results is a plan).
SENTENCE_KINDS = ("problems", "plans", "results")


def sentence_kind(text: str, cues: SectionCues) -> str | None:
    """The kind one sentence shows by its own words, or None when it shows none of them."""
    possible = cues.possible_kinds("sentence", text)
    for kind in SENTENCE_KINDS:
        pattern, veto = cues.sentence_kind.get(kind), cues.sentence_veto.get(kind)
        if pattern is not None and kind in possible and pattern.search(text) \
                and not (veto is not None and veto.search(text)):
            return kind
    return None


def _is_debris(text: str) -> bool:
    """A line with no word of text (an image mark, a table rule, a caption bar)."""
    return not re.search(r"[\w\u4e00-\u9fff]{2}", text)


def _is_body(text: str, cues: SectionCues) -> bool:
    """A paragraph of running text, not a title, caption, dateline or heading line."""
    return len(text.strip()) >= 12 and bool(cues.sentence_end.search(text))


def _is_cut_off(text: str) -> bool:
    """A paragraph of running text that the page cut off before its sentence ended (a saved copy
    stops mid-sentence): long enough and made of clauses, where a title has none."""
    return len(text.strip()) >= 24 and bool(re.search(r"[，,、；;]", text))


def _kinds_of_paragraphs(view: str, paragraphs: Sequence, sentences: Sequence, cues: SectionCues,
                         cued: dict[int, str | None], whole: bool = True) -> list[tuple[int, str, str | None]]:
    """(offset, kind, heading) where a kind begins: the first body paragraph is the overview, unless it opens
    an enumeration; a later paragraph is a measure unless it opens with a result, a problem or a
    plan; a result stated later in a paragraph (截至目前，共化解…) opens a results part there; a
    heading line (`cued`: paragraph index -> the kind its own cue names, or None) opens that kind,
    or measures when it names none and stands after the lead (a title above the lead opens none)."""
    starts: list[tuple[int, str, str | None]] = []
    by_paragraph: dict[int, list] = {}
    for sentence in sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence)
    seen_body = False
    # late: in the second half of a whole text (not of the opening of a summary with headings, whose
    # totals are its overview however far down the opening they stand)
    middle = (paragraphs[0].start + paragraphs[-1].end) / 2 if paragraphs and whole else float("inf")
    measures = cues.sentence_kind.get("measures")
    for index, paragraph in enumerate(paragraphs):
        text = view[paragraph.start : paragraph.end]
        if index in cued:
            kind = cued[index]
            if kind is None and not seen_body:
                continue  # a title line, a dateline or a subtitle above the lead
            if kind is None:  # a subheading after the lead (强化宣传，提高认识) names a measure
                kind = "measures"
            starts.append((paragraph.start, kind, text.strip()))
            continue
        last = index == len(paragraphs) - 1
        if _is_debris(text) or not (_is_body(text, cues) or last and _is_cut_off(text)):
            continue
        own = by_paragraph.get(index, [])
        kinds = [sentence_kind(view[s.start : s.end], cues) for s in own] or [sentence_kind(text, cues)]
        if not seen_body:  # the lead: its first sentence is the overview whatever it says
            seen_body = True
            opens_list = any(p.match(text) for p in cues.clauses)
            starts.append((paragraph.start, "measures" if opens_list else "overview", None))
        else:
            late = paragraph.start >= middle
            starts.append((paragraph.start, _next_kind(starts[-1][1], kinds[0], text, cues, late), None))
        for sentence, kind in zip(own[1:], kinds[1:]):
            # the lead's later sentence stating an action (…制定了接待日制度) opens the measures, and so
            # does one after a result stated in the same paragraph (…化解率96.5%。县司法局举办…)
            if kind is None and starts[-1][1] in ("overview", "results") and measures is not None \
                    and measures.search(view[sentence.start : sentence.end]):
                kind = "measures"
            if kind is not None and kind != starts[-1][1] \
                    and _may_follow(starts[-1][1], kind, sentence.start >= middle):
                starts.append((sentence.start, kind, None))
    return starts


def _may_follow(current: str, kind: str, late: bool) -> bool:
    """Results are what the measures achieved: totals early in the text, before any measure, belong
    to the overview (基本情况); late in a text without measures they are its results."""
    return kind != "results" or current in ("measures", "results") or late


def _next_kind(current: str, shown: str | None, text: str, cues: SectionCues, late: bool) -> str:
    """The kind of a paragraph after the lead: what its first sentence shows (results only after
    measures or late in the text); else a measure where it states an action, or where the measures
    have begun."""
    if shown is not None and _may_follow(current, shown, late):
        return shown
    if current == "overview":
        measures = cues.sentence_kind.get("measures")
        return "measures" if measures is not None and measures.search(text) else "overview"
    return current if current in ("problems", "plans", "measures") else "measures"


def _typed(view: str, start: int, end: int, level: int, paragraphs: Sequence, sentences: Sequence,
           cues: SectionCues, cued: dict[int, str | None], whole: bool = True) -> list[Section]:
    """The stretch [start, end) cut into sections at each change of kind its content shows."""
    starts = _kinds_of_paragraphs(view, paragraphs, sentences, cues, cued, whole)
    merged: list[tuple[int, str, str | None]] = []
    for at, kind, heading in starts:
        if not merged or kind != merged[-1][1] or heading is not None:
            merged.append((at, kind, heading))
    if not merged:
        return []
    if merged[0][2] is not None and merged[0][0] > start:
        merged.insert(0, (start, "other", None))  # lines before a first heading, with no text of their own
    merged[0] = (start, *merged[0][1:])
    sections = []
    for number, (at, kind, heading) in enumerate(merged):
        stop = merged[number + 1][0] if number + 1 < len(merged) else end
        if heading is not None:  # a heading line whose own cue names its kind keeps it, and its level
            sections.append(Section(kind=kind, heading=heading, level=max(level, 1), start=at, end=stop))
            continue
        by = "position" if number == 0 and kind in ("overview", "other") else "content"
        sections.append(Section(kind=kind, heading=None, level=level, start=at, end=stop, kind_by=by))
    return sections


def retype_by_content(view: str, start: int, end: int, sections: list[Section], paragraphs: Sequence,
                      sentences: Sequence, cues: SectionCues) -> list[Section]:
    """Sections typed by content where headings do not type them.

    A summary without numbered headings (a news item; its short lines are titles, captions and
    subtitles) is typed wholly by content, a heading line keeping the kind its own cue names
    (存在的问题). In a summary with numbered headings, the stretch before the first heading is cut
    the same way when it holds two paragraphs of text or more (one is the overview)."""
    if not cues.sentence_kind:
        return sections
    if all(p.style in (None, "bare") for p in paragraphs):
        cued = {i: (kind if kind in ("problems", "plans", "results") else None)
                for i, p in enumerate(paragraphs) if p.style == "bare"
                and not _is_debris(view[p.start : p.end])
                for kind in (cues.kind_of_heading(view[p.start : p.end]),)}
        typed = _typed(view, start, end, 0, paragraphs, sentences, cues, cued)
        return typed or sections
    result: list[Section] = []
    starts = [p.start for p in paragraphs]  # in offset order: a section's paragraphs by bisection
    headed = {s.kind for s in sections if s.kind_by == "heading"}  # kinds the summary's headings give
    for section in sections:
        inside = list(range(bisect_left(starts, section.start), bisect_left(starts, section.end)))
        bodies = [i for i in inside if _is_body(view[paragraphs[i].start : paragraphs[i].end], cues)]
        if section.kind == "measures":
            result += _within_measures(view, section, [paragraphs[i] for i in inside], sentences, cues, headed)
            continue
        if section.kind_by != "position" or section.kind != "overview" or len(bodies) < 2:
            result.append(section)
            continue
        own = [s for s in sentences if section.start <= s.start < section.end]
        shifted = [type(s)(s.start, s.end, s.paragraph - inside[0]) for s in own]
        result += _typed(view, section.start, section.end, section.level, [paragraphs[i] for i in inside],
                         shifted, cues, {}, whole=False) or [section]
    return result


def _within_measures(view: str, section: Section, paragraphs: Sequence, sentences: Sequence,
                     cues: SectionCues, headed: set[str]) -> list[Section]:
    """A measures section cut where its content turns: a result sentence (截至目前，共化解…) opens a
    results part up to the next paragraph, a paragraph opening with a plan or a problem (下一步，…)
    opens that part; the section keeps its heading on the first part. A kind that a heading of the
    summary gives (三、取得的成效) has its part there: its sentences inside a measure stay the measure's."""
    openings = {p.start for p in paragraphs}
    turns: list[tuple[int, str]] = []
    current = "measures"
    for sentence in sentences:
        if not section.start < sentence.start < section.end or view[sentence.start : sentence.end] == \
                (section.heading or None):
            continue
        kind = sentence_kind(view[sentence.start : sentence.end], cues)
        opens_paragraph = sentence.start in openings
        if kind in ("problems", "plans") and not opens_paragraph or kind in headed:
            kind = None
        if kind is None and opens_paragraph and current == "results":
            kind = "measures"  # the next paragraph goes back to the measures
        if kind is not None and kind != current:
            turns.append((sentence.start, kind))
            current = kind
    if not turns:
        return [section]
    cuts = [section.start] + [at for at, _ in turns] + [section.end]
    pieces = [section.model_copy(update={"end": cuts[1]})]
    for number, (at, kind) in enumerate(turns, start=1):
        pieces.append(Section(kind=kind, heading=None, level=section.level, start=at, end=cuts[number + 1],
                              kind_by="content"))
    return pieces
