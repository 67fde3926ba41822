"""Measure, problem and plan units: one measure (problem, plan) per unit, found by content in any section.

Each block (pipeline.extractors.unit_blocks) is cut into pieces, grouped under the short heading
pieces that open them. A piece is a unit of a kind by its section and its words: in a measures
section a piece that states an action (建立, 开展, set up…) and is no result total; in a problems
or plans section any piece but a lead-in; elsewhere a piece whose cue names a problem or a plan
(and, in a summary without a measures section, an action outside the opening paragraph). A run
holding one unit piece is one unit, from its heading to the piece (a heading fused with its one
measure, a purpose sentence before it); a run holding several gives each piece alone. The
opening paragraph (the overview's lead) holds no unit but the measures it lists (通过…、…等措施)."""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.extractors.unit_blocks import (Block, Run, Span, blocks, body_line, is_heading_piece, pieces, runs,
                                            trimmed)
from pipeline.fold import fold
from pipeline.ingest import Document
from pipeline.extractors.unit_kinds import (GENRE_SCORE, LEAD_IN, SECTION_UNIT, Place, UnitCues, is_result, piece_kind,
                                           problem_head, unit_cues)
from pipeline.section_cues import section_cues
from pipeline.paragraphs import limit, sentence_ends
from pipeline.segment import Segmentation

Unit = Span
WORDS = re.compile(r"\w\w")
KINDS = ("measure", "problem", "plan")
CLOSERS = "”’\"'」』）)"  # closing quotes and brackets after a sentence end
OPENING_QUOTES, CLOSING_QUOTES = "“‘「『", "”’」』"


def _opening(doc: Document, seg: Segmentation, cues: UnitCues) -> tuple[int, Span | None] | None:
    """The opening body paragraph of a text, when it stands in an overview or a section typed by
    position or content and is no numbered item and opens no enumeration (一是…): (its index, its lead sentence),
    the lead None when the paragraph continues a text cut off above it (并…)."""
    scues = section_cues(doc.language)
    text = doc.file_match
    for index, paragraph in enumerate(seg.paragraphs):
        line = text[paragraph.start : paragraph.end]
        if paragraph.heading_line or line == doc.title or not body_line(line, scues):
            continue
        section = seg.sections[seg.paragraph_section[index]]
        enumerates = any(p.match(line.strip()) for p in scues.clauses) or \
            any(paragraph.start <= c.start < paragraph.end for c in seg.clauses[:8])
        typed_here = section.kind == "overview" or section.kind_by in ("position", "content")
        if paragraph.style not in (None, "bare") or enumerates or not typed_here:
            return None
        if cues.not_lead.match(line.strip()):
            return index, None
        previous = 0
        for end in sentence_ends(line, scues):  # the first sentence with words (not a ??? of debris)
            if WORDS.search(line[previous:end]):
                return index, trimmed(text, paragraph.start + previous, paragraph.start + end)
            previous = end
        return index, None
    return None


def _run_units(run: Run, kinds: list[str | None], results: list[bool], structured: bool,
               continues: list[bool] | None = None) -> list[tuple[str, Span]]:
    """One unit for a run with one unit piece: from the run's heading (or first piece) to the piece
    and the pieces after it, never across a barrier (a result total, 共化解…起, or the lead) nor
    into a lead-in (现将…总结如下); else one unit per unit piece, each going on over the pieces right
    after it that refer back to it (`continues`: He also…, This means…). A problem in running text
    (not `structured`) stays its piece alone: the story around it is no part of it."""
    chosen = [(kind, span) for kind, span in zip(kinds, run.pieces) if kind not in (None, LEAD_IN)]
    if len(chosen) > 1 and continues is not None and any(continues):
        return _continued(run, kinds, results, continues)
    if len(chosen) != 1 or chosen[0][0] == "problem" and not structured:
        return chosen
    kind, span = chosen[0]
    at = run.pieces.index(span)
    first, last = span, span
    for number in range(at - 1, -1, -1):
        if results[number]:
            break
        first = run.pieces[number]
    else:
        first = run.heading or first
    for number in range(at + 1, len(run.pieces)):
        if results[number] or kinds[number] == LEAD_IN:
            break
        last = run.pieces[number]
    return [(kind, Span(first.start, last.end))]


def _continued(run: Run, kinds: list[str | None], results: list[bool], continues: list[bool]) -> list[tuple[str, Span]]:
    """One unit per unit piece of a run, each stretched over the pieces right after it that refer
    back to it (a unit piece of the same kind or no unit; never a result total nor a lead-in)."""
    found: list[tuple[str, Span]] = []
    open_unit = False  # the piece before belongs to the last unit found
    for kind, span, result, refers in zip(kinds, run.pieces, results, continues):
        if open_unit and refers and not result and kind in (None, found[-1][0]):
            found[-1] = (found[-1][0], Span(found[-1][1].start, span.end))
            continue
        open_unit = kind not in (None, LEAD_IN)
        if open_unit:
            found.append((kind, span))
    return found


def _leaf_heading(doc: Document, seg: Segmentation, index: int, cues: UnitCues) -> tuple[str, Span] | None:
    """A numbered heading line with no body and no items below it (1.进一步畅通信访渠道) is a unit."""
    paragraph = seg.paragraphs[index]
    section_index = seg.paragraph_section[index]
    section = seg.sections[section_index]
    kind = SECTION_UNIT.get(section.kind)
    if kind is None or paragraph.style in (None, "bare"):
        return None
    following = seg.paragraphs[index + 1] if index + 1 < len(seg.paragraphs) else None
    if following is not None and following.start < section.end and not following.heading_line:
        return None  # its body follows
    after = seg.sections[section_index + 1] if section_index + 1 < len(seg.sections) else None
    if after is not None and after.level > section.level:
        return None  # items follow below it
    span = trimmed(doc.file_match, paragraph.body_start, paragraph.end, cues.pieces.debris)
    if span is None:
        return None
    size = doc.file_match[span.start : span.end]
    if (len(size.split()) if doc.language == "en" else len(size)) < cues.raw.min_heading_size:
        return None
    return kind, span


def _block_units(doc: Document, seg: Segmentation, block: Block, cues: UnitCues,
                 lead: tuple[int, Span | None] | None, overview_measures: bool,
                 problems_first: bool, scores: dict[Span, float], spans: list[Span]) -> list[tuple[str, Span]]:
    """The units (and lead-ins, kind LEAD_IN) of one block, cut into `spans` (its pieces). In the
    opening paragraph the lead sentence holds a problem at most, and after it a news item's
    overview (typed by position, no heading) is read as measures are."""
    text = doc.file_match
    section = seg.sections[block.section]
    kind = block.as_kind or section.kind
    measures_here = section.kind == "overview" and overview_measures
    lead_end = -1
    if lead is not None and seg.paragraphs[lead[0]].start <= block.start < seg.paragraphs[lead[0]].end:
        lead_end = lead[1].end if lead[1] is not None else -1
        measures_here = measures_here or (section.kind == "overview" and section.heading is None)
    elif section.kind == "overview" and section.heading is None and _after_prose_lead(doc, seg, lead, block):
        measures_here = True  # a news item's story after its lead: what was done, told as it happened
    if block.heads_clauses and len(spans) == 1 and is_heading_piece(text, spans[0], doc.language, limit(
            section_cues(doc.language), "run_in_chars", "run_in_words")):
        return []  # a heading run into the clauses it introduces (2. Strengthen screening. First, …)
    spans, heads = _problem_heads(text, spans, cues, lead_end)
    results = [is_result(text[span.start : span.end], cues) for span in spans]
    flag = dict(zip(spans, results))
    # under a heading, not typed by content (or read as a kind by its place: plans after the problems)
    structured = section.heading is not None or section.kind_by == "parent" or block.as_kind is not None
    found = []
    for run in runs(text, spans, doc.language, cues.raw.heading_piece_size, results):
        kinds = [piece_kind(text[span.start : span.end], Place(kind, structured, span.end <= lead_end, measures_here,
                                                               block.marker, problems_first, scores.get(span)),
                            cues, text[span.end : span.end + 1]) for span in run.pieces]
        continues = [cues.continuation is not None and cues.continuation.match(text, span.start, span.end) is not None
                     for span in run.pieces]
        found += _run_units(run, kinds, [flag[span] or span.end <= lead_end for span in run.pieces], structured,
                            continues)
        found += [(LEAD_IN, span) for kind, span in zip(kinds, run.pieces) if kind == LEAD_IN]
    return found + [("problem", head) for head in heads]


def _after_prose_lead(doc: Document, seg: Segmentation, lead: tuple[int, Span | None] | None, block: Block) -> bool:
    """Whether a block stands after the opening paragraph of a text with no measures heading (a news
    item's story) and that paragraph is prose (it ends with a sentence end: a news lead, not a site's
    header line or a link that only looks like a sentence)."""
    if lead is None or lead[1] is None or any(s.kind_by == "heading" and s.kind == "measures" for s in seg.sections):
        return False  # a summary's headed parts hold its measures: its overview's later paragraphs are totals
    paragraph = seg.paragraphs[lead[0]]
    line = doc.file_match[paragraph.start : paragraph.end].rstrip().rstrip(CLOSERS)
    return block.start >= paragraph.end and line[-1:] in section_cues(doc.language).raw.sentence_enders


def _problem_heads(text: str, spans: list[Span], cues: UnitCues, lead_end: int) -> tuple[list[Span], list[Span]]:
    """The pieces without the problem that opens some of them (a concession, the lead's clauses
    before its first action), and those problems: each a problem unit, the rest read as usual."""
    kept, heads = [], []
    for span in spans:
        end = problem_head(text[span.start : span.end], span.end <= lead_end, cues)
        head = trimmed(text, span.start, span.start + end) if end is not None else None
        rest = trimmed(text, span.start + end, span.end) if end is not None else None
        if head is None or rest is None:
            kept.append(span)
            continue
        heads.append(head)
        kept.append(rest)
    return kept, heads


def _kind_scores(doc: Document, seg: Segmentation, found: list[Block],
                 cut: dict[tuple[int, int], list[Span]]) -> tuple[dict[Span, float], bool]:
    """The kind model's P(problem) of every piece, and whether the pieces outside headed sections
    (the running text of a news item or an essay) state problems on average: a text that dwells on
    difficulties. Without the model: no scores, and a text never dwells on difficulties."""
    from pipeline.classifiers.kinds import kind_scorer

    scorer = kind_scorer()
    if scorer is None:
        return {}, False
    spans = [(block, span) for block in found for span in cut[block.start, block.end]]
    values = scorer.problem_probability([doc.file_match[span.start : span.end] for _, span in spans])
    loose = [value for (block, _), value in zip(spans, values)
             if seg.sections[block.section].heading is None and seg.sections[block.section].kind_by != "parent"]
    return {span: float(value) for (_, span), value in zip(spans, values)}, \
        bool(loose) and float(sum(loose) / len(loose)) >= GENRE_SCORE


_last: list[tuple[Segmentation, dict[str, list[Unit]]]] = []


def all_units(doc: Document, seg: Segmentation) -> dict[str, list[Unit]]:
    """Units of every kind, in offset order (computed once for the segmentation being read)."""
    if _last and _last[0][0] is seg:
        return _last[0][1]
    cues = unit_cues(doc.language)
    lead = _opening(doc, seg, cues)
    overview_measures = not any(section.kind == "measures" for section in seg.sections)
    found: dict[str, list[Unit]] = {kind: [] for kind in (*KINDS, LEAD_IN)}
    planned = _planned_measures(doc, seg)
    found_blocks = blocks(doc, seg, cues.bullet)
    # a block's pieces depend on its stretch alone: cut once, read by the model and the cues
    cut = {(block.start, block.end): pieces(doc, block, cues.pieces) for block in found_blocks}
    scores, problems_first = _kind_scores(doc, seg, found_blocks, cut)
    for block in _relisted(doc, seg, found_blocks):
        if block.section in planned:
            block = replace(block, as_kind="measures")
        for kind, span in _block_units(doc, seg, block, cues, lead, overview_measures, problems_first, scores,
                                       list(cut[block.start, block.end])):
            found[kind].append(span)
    for span in found.pop(LEAD_IN):
        section = next(s for s in reversed(seg.sections) if s.start <= span.start)
        kind = SECTION_UNIT.get(section.kind)
        if kind in ("problem", "plan") and not any(span.end <= u.start < section.end for u in found[kind]):
            found[kind].append(span)
    for index, paragraph in enumerate(seg.paragraphs):
        if paragraph.heading_line and (leaf := _leaf_heading(doc, seg, index, cues)) is not None:
            found[leaf[0]].append(leaf[1])
    found["measure"] += _measure_list_units(doc, seg, cues)
    # a piece shorter than an item may be is debris (the 'ais' of a mangled Fran?ais): no unit
    headline = _headline(doc)
    result = {kind: _dedupe([u for unit in units if (u := _unquoted(doc.file_match, unit)) is not None
                             and u.end - u.start >= cues.raw.min_item_chars and not headline[0] <= u.start < headline[1]])
              for kind, units in found.items()}
    _last[:] = [(seg, result)]
    return result


def _headline(doc: Document) -> tuple[int, int]:
    """The first line of a summary with no title of its own when it ends in no sentence stop (a news
    item's headline): it names the story and is no unit. (0, 0) when there is none."""
    text = doc.file_match
    start = doc.start + len(text[doc.start : doc.end]) - len(text[doc.start : doc.end].lstrip())
    end = text.find("\n", start, doc.end)
    end = doc.end if end < 0 else end
    line = text[start:end].rstrip()
    if doc.title is not None or not line or line[-1] in "。！？.!?；;…" or end >= doc.end:
        return 0, 0
    return start, end


def _unquoted(text: str, unit: Unit) -> Unit | None:
    """The unit without a quote mark left unbalanced at either end (“李某说…, …财力。”, a page cut
    after 推行“), trimmed again; None when nothing is left."""
    piece = text[unit.start : unit.end]
    opened = sum(piece.count(q) for q in OPENING_QUOTES) - sum(piece.count(q) for q in CLOSING_QUOTES)
    start, end = unit.start, unit.end
    if piece[-1:] in OPENING_QUOTES or piece[-1:] in CLOSING_QUOTES and opened < 0:
        end -= 1
    elif piece[:1] in OPENING_QUOTES and opened > 0:
        start += 1
    return unit if (start, end) == (unit.start, unit.end) else trimmed(text, start, end)


def _relisted(doc: Document, seg: Segmentation, found: list[Block]) -> list[Block]:
    """The blocks, those of a problems section typed by content read as plans from where its
    enumeration starts again (一是…二是… the problems, then 一是… what will be done)."""
    scues = section_cues(doc.language)
    listed: set[int] = set()
    restarted: set[int] = set()
    result = []
    for block in found:
        section = seg.sections[block.section]
        if block.marker and section.kind == "problems" and section.kind_by == "content":
            value = next((scues.numeral_value(next((g for g in m.groups() if g), ""))
                          for p in scues.clauses if (m := p.match(block.marker))), None)
            if value == 1 and block.section in listed:
                restarted.add(block.section)
            listed.add(block.section)
        result.append(replace(block, as_kind="plans") if block.section in restarted else block)
    return result


def _planned_measures(doc: Document, seg: Segmentation) -> set[int]:
    """Plans sections under a heading that also names measures ("Strengthen …, and make a work
    plan for the second half of the year"), with the sections below them: they hold measures."""
    measures_cue = dict(section_cues(doc.language).heading_kind).get("measures")
    chosen, level = set(), None
    for index, section in enumerate(seg.sections):
        if level is not None and section.level > level and section.kind == "plans":
            chosen.add(index)
            continue
        level = None
        if section.kind == "plans" and section.level <= 1 and section.heading and measures_cue is not None and \
                measures_cue.search(fold(section.heading)):
            chosen.add(index)
            level = section.level
    return chosen


def _measure_list_units(doc: Document, seg: Segmentation, cues: UnitCues) -> list[Unit]:
    """我镇通过健全网络、压实责任、强化督办等措施: each listed measure of a sentence outside problems and plans."""
    units: list[Unit] = []
    text = doc.file_match
    for section in seg.sections:
        if section.kind not in ("overview", "results", "measures", "other"):
            continue
        for pattern in cues.measure_lists:
            for match in pattern.finditer(text, section.start, section.end):
                lo, hi = match.span("list")
                if re.search("[“”\"「」《》]", text[lo:hi]):
                    continue  # a quoted slogan, not a list of measures
                items, position = [], lo
                for sep in cues.separators.finditer(text, lo, hi):
                    items.append((position, sep.start()))
                    position = sep.end()
                items.append((position, hi))
                if len(items) >= 2:
                    units += [u for a, b in items if (u := trimmed(text, a, b))
                              and u.end - u.start >= cues.raw.min_item_chars]
    return units


def _dedupe(units: list[Unit]) -> list[Unit]:
    """Units in offset order, without those inside an earlier one."""
    seen: list[Unit] = []
    furthest = -1
    for unit in sorted(units, key=lambda u: (u.start, -u.end)):
        if unit.end > furthest or not seen:
            seen.append(unit)
            furthest = max(furthest, unit.end)
    return seen


def measure_units(doc: Document, seg: Segmentation) -> list[Unit]:
    """One unit per measure: an item, a clause or a sentence stating an action, wherever it stands."""
    return all_units(doc, seg)["measure"]


def problem_units(doc: Document, seg: Segmentation) -> list[Unit]:
    """One unit per problem: pieces of problems sections, and problem cue pieces elsewhere."""
    return all_units(doc, seg)["problem"]


def plan_units(doc: Document, seg: Segmentation) -> list[Unit]:
    """One unit per plan: pieces of plans sections, and plan cue pieces elsewhere."""
    return all_units(doc, seg)["plan"]
