"""Relations between figures: breakdown parts (其中, of which), 分别/respectively lists, shares and changes."""

from __future__ import annotations

from pipeline.extractors.binding import bind_phrase
from pipeline.extractors.draft import Draft
from pipeline.extractors.indicator_cues import IndicatorCues
from pipeline.extractors.pairs import neighbour_pairs
from pipeline.extractors.respective import respective_changes, respective_rates
from pipeline.fold import fold

PARAGRAPH_LOOKBACK = 4  # sentences searched back for the figure a change or a previous count is about
SHARE_LOOKBACK = 1  # ...and for the count a share divides: its own sentence or the one before
PEOPLE = {"person", "person_time"}


def relate(text: str, drafts: list[Draft], sentences: list[tuple[int, int]], cues: IndicatorCues) -> None:
    """Set part_of, refers_to and inherited indicators in place."""
    by_sentence: dict[int, list[int]] = {}
    for index, draft in enumerate(drafts):
        by_sentence.setdefault(draft.sentence, []).append(index)
    earlier = {sentence: _earlier(by_sentence, sentence) for sentence in by_sentence}  # never changed below
    for sentence, members in sorted(by_sentence.items()):
        lo, hi = sentences[sentence]
        _breakdowns(text, drafts, members, earlier[sentence], lo, hi, cues)
        _respectively(text, drafts, members, earlier[sentence], lo, hi, cues,
                      _earlier(by_sentence, sentence, SUM_LOOKBACK))
        respective_rates(text, drafts, members, lo, hi, cues)
    _carried_over(text, drafts, by_sentence, sentences, cues)
    for members in by_sentence.values():
        _summed_runs(drafts, members)
    _glued(text, drafts, cues)
    neighbour_pairs(text, drafts, cues)
    _change_results(text, drafts, cues)
    for sentence, members in sorted(by_sentence.items()):
        respective_changes(text, drafts, members, *sentences[sentence], cues)
        _references(text, drafts, members, earlier[sentence], cues)


def _change_results(text: str, drafts: list[Draft], cues: IndicatorCues) -> None:
    """下降40%至9件, fell by 40% to 9 cases: the count after a change is the changed figure's new
    value, so it takes the change's indicator and the change is about it; so does the count after
    a previous period's (fell from 5 in 2020 to 2), and the percent after a change in points of a
    rate (提高3个百分点至97%, up 3 percentage points to 97%: the rate reached)."""
    for index in range(1, len(drafts)):
        change, count = drafts[index - 1], drafts[index]
        rate_reached = count.kind == "other" and change.kind == "change" and change.unit == "pp" \
            and change.named is not None and count.unit == "percent"
        if count.kind != "count" and not rate_reached or count.scope is not None or \
                change.sentence != count.sentence or \
                not cues.change_result.fullmatch(text, change.quantity.end, count.quantity.start):
            continue
        if rate_reached:
            count.kind, count.indicator = "rate", change.named
            change.indicator, change.refers_to = change.named, index
        elif change.kind == "change" and (change.named or change.about):
            named = change.named or change.about
            count.indicator, change.indicator, change.refers_to = named, named, index
        elif change.scope == "previous_period" and change.indicator:
            count.indicator = change.indicator


SHORT_ITEM = 8  # characters of an item's name in a list of parts
SUM_LOOKBACK = 8  # sentences searched back for a total that a list of parts adds up to exactly


def _earlier(by_sentence: dict[int, list[int]], sentence: int, back: int = 0) -> list[int]:
    back = back or PARAGRAPH_LOOKBACK
    return [i for s in range(sentence - back, sentence) for i in by_sentence.get(s, [])]


def _total_for(drafts: list[Draft], candidates: list[int], unit: str | None, same_sentence: bool) -> int | None:
    """The total a breakdown divides: the last current count (a profile figure only within its
    own sentence: 总人口17,936人，其中彝族13,118人), preferring the parts' unit."""
    kinds = ("count", "profile") if same_sentence else ("count",)
    totals = [i for i in candidates if drafts[i].kind in kinds and drafts[i].scope is None
              and drafts[i].part_of is None]
    if not totals:
        return None
    recent = totals[-2:]
    same = [i for i in recent if drafts[i].unit == unit]
    return (same or totals)[-1]


def _breakdowns(text, drafts, members, earlier, lo, hi, cues: IndicatorCues) -> None:
    for cue in cues.part_of.finditer(text, lo, hi):
        parts = _parts_after(text, drafts, members, cue, cues)
        if not parts:
            continue
        inside = [i for i in members if drafts[i].quantity.end <= cue.start() and not _restates(text, drafts, i, cues)]
        total = _total_for(drafts, inside, drafts[parts[0]].unit, True)
        total = total if total is not None else _total_for(drafts, earlier, drafts[parts[0]].unit, False)
        total = _summed_by(drafts, earlier + inside, parts, total)
        if total is None:
            continue
        for index in parts:
            draft = drafts[index]
            if draft.unit in PEOPLE and drafts[total].unit not in PEOPLE:
                continue  # 来访群众共计268人次 is not a part of 107件
            if draft.value > drafts[total].value and _measure_word(draft) != _measure_word(drafts[total]):
                continue  # 28个乡镇…其中一个镇收到来信9200条: larger, and counted in another word
            draft.part_of = total
            if draft.indicator == drafts[total].indicator or \
                    draft.indicator in cues.incompatible_parts.get(drafts[total].indicator or "", ()):
                draft.indicator = None


def _restates(text: str, drafts: list[Draft], index: int, cues: IndicatorCues) -> bool:
    """156件（258件次）: a figure in parentheses right after another restates it in another count."""
    return index > 0 and cues.restated.fullmatch(text, drafts[index - 1].quantity.end,
                                                 drafts[index].quantity.start) is not None


def _summed_by(drafts: list[Draft], candidates: list[int], parts: list[int], chosen: int | None) -> int | None:
    """The nearest earlier current count that the parts add up to exactly (排查327起，化解315起。其中
    婚姻家庭类88起…: 327, not the nearer 315), else the total chosen by position."""
    counted = [i for i in parts if drafts[i].unit not in PEOPLE] or parts  # 27批102人次: the batches
    whole = sum(drafts[i].value for i in counted)
    if len(counted) < 2 or (chosen is not None and drafts[chosen].value == whole):
        return chosen
    # of a unit of the parts (来访121批、来信38件) or none (214 petition matters); unitless parts
    # (12 were letters) also take the unit of the total chosen by position
    units = {drafts[i].unit for i in counted} | {None}
    if None in units and chosen is not None:
        units.add(drafts[chosen].unit)
    exact = [i for i in candidates if drafts[i].kind == "count" and drafts[i].scope is None
             and drafts[i].part_of is None and drafts[i].value == whole and i not in parts
             and drafts[i].unit in units]
    return exact[-1] if exact else chosen


def _parts_after(text, drafts, members, cue, cues: IndicatorCues) -> list[int]:
    """Figures after a 其中/of which cue until the breakdown ends; a nested (其中…) is skipped."""
    parts, depth, position = [], 0, cue.end()
    for index in (i for i in members if drafts[i].quantity.start >= cue.end()):
        draft = drafts[index]
        gap = text[position : draft.quantity.start]
        depth += sum(gap.count(c) for c in "（(") - sum(gap.count(c) for c in "）)")
        position = draft.quantity.end
        if any(ch in "；;" for ch in gap) or (depth <= 0 and cues.part_of.search(gap)):
            break
        if depth > 0:
            continue
        if parts and (draft.indicator in cues.breakdown_enders or _a_status(text, draft, gap, cues)):
            break
        if draft.current_count:
            parts.append(index)
    return parts


def _a_status(text: str, draft: Draft, gap: str, cues: IndicatorCues) -> bool:
    """The figure tells the state of the cases counted (目前5件已办结，1件正在处理), not another part."""
    return bool(cues.breakdown_status.search(gap) or cues.breakdown_status.match(text, draft.quantity.end, draft.after[1]))


def _carried_over(text: str, drafts: list[Draft], by_sentence: dict[int, list[int]],
                  sentences: list[tuple[int, int]], cues: IndicatorCues) -> None:
    """其中来信9件，占12.5%；来访31件，占43.1%；网上信访32件…: a breakdown of one part per clause whose
    clause ends in a semicolon goes on in the next clauses that open with a short name and a count of its
    unit."""
    for sentence in sorted(by_sentence):
        parts = [i for i in by_sentence[sentence] if drafts[i].part_of is not None and drafts[i].current_count]
        # one part per clause (其中来信9件，占12.5%；): a clause holding a whole list ends its breakdown
        if len(parts) != 1 or not text[slice(*sentences[sentence])].rstrip().endswith(("；", ";")):
            continue
        total, unit, following = drafts[parts[0]].part_of, drafts[parts[0]].unit, sentence + 1
        while following in by_sentence:
            first = by_sentence[following][0]
            lo, hi = sentences[following]
            name = text[lo : drafts[first].quantity.start].strip()
            draft = drafts[first]
            if len(name) > SHORT_ITEM or any(ch.isdigit() for ch in name) or draft.unit != unit \
                    or draft.part_of is not None or not draft.current_count \
                    or draft.indicator in cues.breakdown_enders:  # ；成功化解82起 is no part
                break
            draft.part_of = total
            if draft.indicator == drafts[total].indicator:
                draft.indicator = None
            if not text[lo:hi].rstrip().endswith(("；", ";")):
                break
            following += 1


def _summed_runs(drafts: list[Draft], members: list[int]) -> None:
    """共排查不稳定因素50个，已解决45个，正在解决5个: the counts right after a count of their unit that
    add up to it exactly, two or more, are its parts though no 其中 says so; another measure word
    counts other things (6个工地、2家超市、4所小学 are siblings that happen to add up)."""
    counts = [i for i in members if drafts[i].current_count]
    for position, total in enumerate(counts):
        if drafts[total].part_of is not None:
            continue
        run, whole = [], 0
        for index in counts[position + 1 :]:
            draft = drafts[index]
            if draft.part_of is not None or draft.unit != drafts[total].unit \
                    or _measure_word(draft) != _measure_word(drafts[total]):
                break
            run.append(index)
            whole += draft.value
            if whole >= drafts[total].value:
                break
        if len(run) >= 2 and whole == drafts[total].value:
            for index in run:
                drafts[index].part_of = total


def _measure_word(draft: Draft) -> str | None:
    """What a count counts in: the classifier itself among the generic ones (个, 家, 所, 条 name
    different things), else the unit (件 and 起 both count cases)."""
    if draft.unit == "item":
        return fold(draft.quantity.unit_surface or "")
    return draft.unit


def _respectively(text, drafts, members, earlier, lo, hi, cues: IndicatorCues, wider: list[int] = ()) -> None:
    for cue in cues.respectively.finditer(text, lo, hi):
        after = _leading_run(text, drafts, [i for i in members if drafts[i].quantity.start >= cue.end()
                                            and drafts[i].current_count], cue.end())
        before = [i for i in members if drafts[i].quantity.end <= cue.start() and drafts[i].current_count]
        if len(after) >= 2:  # 土地纠纷、婚姻家庭分别为15件、8件
            head_end, values = cue.start(), after
        else:  # letters, visits and online petitions were 23, 86 and 103 respectively
            values = _trailing_run(text, drafts, before)
            head_end = drafts[values[0]].quantity.start if values else cue.start()
        head_start = max([lo] + [m.end() for m in cues.list_head_breaks.finditer(text, lo, head_end)]
                         + [m.end() for m in cues.part_of.finditer(text, lo, head_end)]
                         + [drafts[i].quantity.end for i in before if drafts[i].quantity.end <= head_end])
        items = _items(text[head_start:head_end], len(values), cues)
        if len(values) >= 2 and len(items) == len(values):
            inside = [i for i in members if drafts[i].quantity.end <= head_start]
            total = _total_for(drafts, inside, drafts[values[0]].unit, True)
            total = total if total is not None else _total_for(drafts, earlier, drafts[values[0]].unit, False)
            total = _summed_by(drafts, list(wider or earlier) + inside, values, total)
            _assign_items(drafts, values, items, total, cues)


def _items(head: str, wanted: int, cues: IndicatorCues) -> list[str]:
    """Listed items; the last two may be joined by a conjunction (婚姻家庭和其他问题)."""
    items = [item.strip() for item in cues.separators.split(head) if item.strip()]
    if len(items) == wanted - 1 and items:
        joined = list(cues.conjunctions.finditer(items[-1]))
        if joined:
            last = items.pop()
            items += [last[: joined[-1].start()].strip(), last[joined[-1].end() :].strip()]
    return [item for item in items if item]


def _leading_run(text: str, drafts: list[Draft], after: list[int], start: int) -> list[int]:
    """The figures right after 分别为, joined only by list punctuation (15件、8件和6件); none when
    another figure stands between the cue and the first (分别上升12.5%、8.3%，其中集访40批: those
    counts are no values of the list)."""
    run: list[int] = []
    position = start
    if after and any(start <= d.quantity.start < drafts[after[0]].quantity.start for d in drafts):
        return run
    for index in after:
        gap = text[position : drafts[index].quantity.start].strip(" 、，,和及与and")
        if run and gap:
            break
        run.append(index)
        position = drafts[index].quantity.end
    return run


def _trailing_run(text: str, drafts: list[Draft], before: list[int]) -> list[int]:
    """The figures just before 'respectively', joined by commas and 'and'."""
    run: list[int] = []
    for index in reversed(before):
        if run and text[drafts[index].quantity.end : drafts[run[0]].quantity.start].strip(" ,and") != "":
            break
        run.insert(0, index)
    return run


def _assign_items(drafts, values, items, total: int | None, cues: IndicatorCues) -> None:
    for item, index in zip(items, values):
        draft = drafts[index]
        draft.subject = item
        draft.flags.append("complete_breakdown")
        draft.indicator = bind_phrase(cues.item_trim.sub("", item).strip(), cues, draft.quantity)
        if total is not None:
            draft.part_of = total
            if draft.indicator == drafts[total].indicator:
                draft.indicator = None


def _glued(text: str, drafts: list[Draft], cues: IndicatorCues) -> None:
    """76批312人次, 48 batches and 165 person-times: the second counts the same thing."""
    for previous, draft in zip(drafts, drafts[1:]):
        paired = (previous.unit, draft.unit) in cues.paired_units
        glued = cues.glue.fullmatch(text, previous.quantity.end, draft.quantity.start) or \
            paired and cues.paired_glue.fullmatch(text, previous.quantity.end, draft.quantity.start)
        if draft.sentence != previous.sentence or not glued or \
                not (previous.indicator or draft.indicator):
            continue
        if paired and previous.indicator is None and draft.indicator:  # 5 batches and 83 person-times were ...
            previous.indicator = draft.indicator
        elif paired or (draft.indicator is None and draft.kind == previous.kind == "count"
                        and draft.unit != previous.unit):
            draft.indicator, draft.scope = previous.indicator, previous.scope


def _references(text: str, drafts: list[Draft], members: list[int], earlier: list[int],
                cues: IndicatorCues) -> None:
    """What a share, a change or a previous-period figure is about."""
    for position, index in enumerate(members):
        draft = drafts[index]
        relates = draft.kind in ("share", "change") or draft.scope == "previous_period"
        if not relates or draft.refers_to is not None or draft.counterpart is not None or draft.category:
            continue  # already set: a change about the count it leads to (fell by 40% to 9), a level
            # before and the level reached (由78%提升至92%)
        rate = draft.unit == "pp" or (draft.scope == "previous_period" and draft.kind == "rate")
        wanted = (lambda d: d.current_rate) if rate else \
            ((lambda d: d.current_count) if draft.kind == "share" else (lambda d: d.kind == "count" and d.scope is None))
        here = [i for i in members[:position] if wanted(drafts[i])]
        # a share, or a change that names nothing, is about a count of its sentence or the one before
        near_only = draft.kind == "share" or draft.kind == "change" and draft.about is None and draft.named is None
        back = [i for i in earlier if wanted(drafts[i])
                and (not near_only or drafts[i].sentence >= draft.sentence - SHARE_LOOKBACK)]
        target = _target(text, drafts, draft, here or back, cues)
        if draft.kind == "change":
            target = _compared(drafts, members[:position], target)
            if draft.named:  # 群众满意率同比提高2.5个百分点: the change of the rate it names
                named = [i for i in here + earlier if drafts[i].indicator == draft.named and drafts[i].scope is None]
                target = named[-1] if named else None
                draft.indicator = draft.named
            elif draft.about and (target is None or drafts[target].indicator != draft.about):
                # repeat petitions fell by 40% (to 9): the change of the count it names, or of none stated before
                named = [i for i in here + earlier if drafts[i].indicator == draft.about and wanted(drafts[i])]
                target = named[-1] if named else None
                draft.indicator = draft.about
        if target is None:
            continue
        if draft.kind in ("share", "change"):
            draft.refers_to = target
            if draft.kind == "change":
                draft.indicator = drafts[target].indicator
            elif drafts[target].part_of is None:
                drafts[target].part_of = _named_total(text, drafts, draft, earlier + members[:position],
                                                      target, cues)
        else:
            draft.counterpart = target
            draft.indicator = draft.indicator or drafts[target].indicator


def _named_total(text: str, drafts: list[Draft], share: Draft, candidates: list[int], part: int,
                 cues: IndicatorCues) -> int | None:
    """占来访总量的31.9%: the total a share names, by its indicator word or as the grand total."""
    total = cues.total_words.search(text, *share.before)
    if total is None:
        return None
    named = next((found for size in (2, 3, 4, 8, 16)
                  if (found := bind_phrase(text[max(share.before[0], total.start() - size) : total.start()],
                                           cues, drafts[part].quantity))), None)
    wanted = named or cues.grand_total
    found = [i for i in candidates if drafts[i].indicator == wanted and drafts[i].current_count and i != part]
    return found[-1] if found else None


def _compared(drafts: list[Draft], before: list[int], target: int | None) -> int | None:
    """与去年同期的31件相比，下降19.4%: the change is about the current figure of that comparison."""
    previous = [i for i in before if drafts[i].scope == "previous_period" and drafts[i].counterpart is not None]
    return drafts[previous[-1]].counterpart if previous else target


def _target(text: str, drafts: list[Draft], draft: Draft, candidates: list[int],
            cues: IndicatorCues) -> int | None:
    """A share is about the figure it names; a change or a previous count about a total."""
    if not candidates:
        return None
    if draft.kind == "share":
        return _named(text, drafts, draft, candidates, cues) or candidates[-1]
    if draft.unit == "pp" or draft.kind == "rate":
        return candidates[-1]
    whole = [i for i in candidates if drafts[i].part_of is None]
    own = draft.about if draft.kind == "change" else draft.indicator
    named = [i for i in whole if own is not None and drafts[i].indicator == own]
    if named:  # 来信来访总量较2019年的90件下降11.1%: the count its own clause names
        return named[-1]
    same_unit = [i for i in whole if draft.unit is not None and drafts[i].unit == draft.unit]
    grand = [i for i in whole if drafts[i].indicator == cues.grand_total]
    totals = [i for i in whole if drafts[i].indicator]
    return (same_unit or grand or totals or candidates)[-1]


def _named(text: str, drafts: list[Draft], draft: Draft, candidates: list[int],
           cues: IndicatorCues) -> int | None:
    """土地类问题占35.9%: the listed item whose subject shares the most words with the share's."""
    context = text[draft.before[0] : draft.before[1]]
    cue = cues.share.search(context)
    context = context[: cue.start()] if cue else context
    best, best_score = None, 1
    for index in candidates:
        subject = drafts[index].subject or ""
        score = max((n for n in range(2, min(len(subject), 8) + 1)
                     if any(subject[i : i + n] in context for i in range(len(subject) - n + 1))), default=0)
        if score > best_score:
            best, best_score = index, score
    return best
