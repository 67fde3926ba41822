"""template-copy: near-duplicates in a batch or of template files, never unrelated summaries."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.checks import CheckConfig, batch_findings, run_batch_checks
from pipeline.ingest import load_source
from pipeline.schema import Record

ZH_TEMPLATE = (
    "{town}{year}年信访工作总结\n\n"
    "{year}年，{town}党委、政府坚持以人民为中心的发展思想，认真贯彻落实《信访工作条例》，紧紧围绕“小事不出村、"
    "大事不出镇、矛盾不上交”的目标，扎实做好信访维稳各项工作，全镇信访形势总体平稳。\n\n"
    "一、基本情况\n\n全年共受理群众来信来访[[f1:{total}件]]，其中来信[[f2:{letters}件]]，来访[[f3:{visits}批]]。"
    "全年办结[[f4:{settled}件]]，办结率[[f5:{rate}%]]。\n\n"
    "二、主要做法\n\n（一）强化组织领导，压实信访工作责任。调整充实了以镇党委书记为组长的信访维稳工作领导小组，"
    "严格落实“一岗双责”要求，对重点信访案件实行“三包”责任制，由班子成员包案化解。\n\n"
    "（二）坚持领导接访，畅通群众诉求渠道。严格执行领导干部接访下访制度，镇党政领导轮流坐班接待来访群众，"
    "对年老体弱、行动不便的群众，由包村领导带案下访、上门服务，让群众少跑路。\n\n"
    "三、存在的问题\n\n信访工作力量薄弱，镇信访干部多为兼职，人员流动较大；少数群众法治意识淡薄，信访不信法。\n\n"
    "四、下一步打算\n\n继续落实领导接访下访制度，推动信访问题就地化解，为全镇经济社会发展营造和谐稳定的社会环境。"
)
ZH_OTHER = (
    "石门坎乡信访工作总结\n\n今年以来，我乡以化解矛盾纠纷为主线，把群众反映强烈的征地拆迁、惠民资金发放和"
    "劳资纠纷作为重点，组织乡村两级干部逐户走访，建立问题清单和责任清单。乡综治中心设立了人民调解室，聘请两名法律"
    "顾问每周坐班，为群众提供免费法律咨询。对排查出的隐患实行挂牌督办，限期化解。全年未发生群体性事件。下一步，"
    "我乡将把信访工作与乡村振兴结合起来，推进网格化管理，做到小事不出组、大事不出村。"
)
EN_TEMPLATE = (
    "Work Summary of Letters and Visits of {town} in {year}\n\n"
    "In {year}, under the correct leadership of the county party committee and the county government, {town} "
    "earnestly implemented the Regulations on Letters and Visits and took the maintenance of social stability as "
    "its primary task. The town accepted a total of [[f1:{total}]] letters and visits, of which [[f2:{letters}]] "
    "were letters and [[f3:{visits}]] were visits. In the whole year [[f4:{settled}]] cases were settled, and the "
    "settlement rate was [[f5:{rate}%]].\n\n1. Strengthen leadership and implement responsibilities. The town "
    "adjusted the leading group for petition work, with the party secretary as team leader, and implemented the "
    "system of leaders taking charge of cases until they are resolved.\n\n2. Problems. The petition staff are "
    "mostly part-time and some villagers still believe in petitions rather than the law.\n\n3. Plans. We will "
    "continue to improve the reception day system and resolve disputes at the grassroots."
)
EN_OTHER = (
    "Petition Work Summary of Cuiping Street\n\nSince the beginning of the year, the street has focused on the "
    "demolition and resettlement of the old city, property management disputes and unpaid wages of migrant workers. "
    "Community grid workers visited every household, recorded problems in a ledger and reported them to the street "
    "office every week. A mediation room staffed by two lawyers was opened in the street service centre. In the "
    "coming months the street will extend grid management to the new residential districts."
)


def unmark(marked: str) -> str:
    """The text without fact markers: a record with no facts."""
    return re.sub(r"\[\[[^:\]]+:([^\]]+)\]\]", r"\1", marked)


def _facts(total, letters, visits, settled, rate):
    return {"f1": dict(value=total, unit="case", kind="count", indicator="petitions_total"),
            "f2": dict(value=letters, unit="case", kind="count", indicator="letters", part_of="f1"),
            "f3": dict(value=visits, unit="batch", kind="count", indicator="visits", part_of="f1"),
            "f4": dict(value=settled, unit="case", kind="count", indicator="cases_settled"),
            "f5": dict(value=rate, unit="percent", kind="rate", indicator="settlement_rate")}


def _zh(build, town, source, figures, with_facts=True):
    total, letters, visits, settled, rate = figures
    marked = ZH_TEMPLATE.format(town=town, year=2021, total=total, letters=letters, visits=visits,
                                settled=settled, rate=rate)
    if not with_facts:
        return build(unmark(marked), source=source, year=2021)
    return build(marked, _facts(*figures), source=source, year=2021)


def _en(build, town, source, figures):
    total, letters, visits, settled, rate = figures
    marked = EN_TEMPLATE.format(town=town, year=2021, total=total, letters=letters, visits=visits,
                                settled=settled, rate=rate)
    return build(marked, _facts(*figures), source=source, lang="en", year=2021)


def test_template_copy_flags_both_copies_and_names_the_other_file_zh(build) -> None:
    a = _zh(build, "白鹭镇", "zh_bailu.txt", (126, 18, 108, 121, 96.0))
    b = _zh(build, "青水镇", "zh_qingshui.txt", (98, 20, 78, 95, 96.9))
    first, second = batch_findings([a, b], CheckConfig())
    [finding] = first
    assert finding.rule == "template-copy" and finding.severity == "warning"
    assert "zh_qingshui.txt" in finding.message
    assert "petitions received 126件 vs 98件" in finding.message and "settlement rate 96.0% vs 96.9%" in finding.message
    assert ("petitions_total", "126件", "98件") in finding.args["differences"]
    assert "f1" in finding.facts
    assert "zh_bailu.txt" in second[0].message
    record, text = a
    assert record.start <= finding.start < finding.end <= record.end


def test_template_copy_aligns_numbers_when_records_have_no_facts_zh(build) -> None:
    a = _zh(build, "白鹭镇", "zh_bailu.txt", (126, 18, 108, 121, 96.0), with_facts=False)
    b = _zh(build, "青水镇", "zh_qingshui.txt", (98, 20, 78, 95, 96.9), with_facts=False)
    [finding] = batch_findings([a, b], CheckConfig())[0]
    assert "126 vs 98" in finding.message and "121 vs 95" in finding.message
    assert "2021 vs" not in finding.message


def test_template_copy_silent_on_unrelated_summaries_zh(build) -> None:
    a = _zh(build, "白鹭镇", "zh_bailu.txt", (126, 18, 108, 121, 96.0))
    b = build(ZH_OTHER, source="zh_shimenkan.txt")
    assert batch_findings([a, b], CheckConfig()) == [[], []]


def test_template_copy_reports_identical_figures_zh(build) -> None:
    a = _zh(build, "白鹭镇", "zh_bailu.txt", (126, 18, 108, 121, 96.0))
    b = _zh(build, "白鹭镇", "copy/zh_bailu.txt", (126, 18, 108, 121, 96.0))
    [finding] = batch_findings([a, b], CheckConfig())[0]
    assert finding.message.endswith("no differing figures found")
    assert "100% of this summary's text is also in copy/zh_bailu.txt" in finding.message


def test_template_copy_flags_copies_and_names_the_other_file_en(build) -> None:
    a = _en(build, "Bailu Town", "en_bailu.txt", (126, 18, 108, 121, 96.0))
    b = _en(build, "Qingshui Town", "en_qingshui.txt", (98, 20, 78, 95, 96.9))
    findings = run_batch_checks([a, b], CheckConfig())
    assert [f.rule for f in findings["en_bailu#1"]] == ["template-copy"]
    assert "en_bailu.txt" in findings["en_qingshui#1"][0].message


def test_template_copy_silent_on_unrelated_summaries_en(build) -> None:
    a = _en(build, "Bailu Town", "en_bailu.txt", (126, 18, 108, 121, 96.0))
    b = build(EN_OTHER, source="en_cuiping.txt", lang="en")
    assert batch_findings([a, b], CheckConfig()) == [[], []]


def test_template_copy_compares_with_template_files_en(build) -> None:
    a = _en(build, "Bailu Town", "en_bailu.txt", (126, 18, 108, 121, 96.0))
    template = _en(build, "XX Town", "templates/en_template.txt", (0, 0, 0, 0, 0))
    other = build(EN_OTHER, source="en_cuiping.txt", lang="en")
    first, second = batch_findings([a, other], CheckConfig(), templates=[template])
    assert len(first) == 1 and "templates/en_template.txt" in first[0].message
    assert second == []


def test_template_copy_threshold_is_configurable_zh(build) -> None:
    a = _zh(build, "白鹭镇", "zh_bailu.txt", (126, 18, 108, 121, 96.0))
    b = _zh(build, "青水镇", "zh_qingshui.txt", (98, 20, 78, 95, 96.9))
    assert batch_findings([a, b], CheckConfig(template_threshold=0.999)) == [[], []]
    assert batch_findings([a, b], CheckConfig(ignore=("template-copy",))) == [[], []]


def test_template_copy_compares_two_documents_of_one_file_zh(build) -> None:
    body_a = ZH_TEMPLATE.format(town="新寨镇", year=2017, total=52, letters=12, visits=40, settled=50, rate=96.2)
    body_b = ZH_TEMPLATE.format(town="新寨镇", year=2016, total=47, letters=10, visits=37, settled=45, rate=95.7)
    marked = body_a + "\n\n" + body_b
    record, text = build(unmark(marked), source="zh_xinzhai.txt")
    split = text.index("新寨镇2016年")
    first = record.model_copy(update={"end": split - 2})
    second = record.model_copy(update={"start": split, "part": 2, "doc_id": "zh_xinzhai#2"})
    findings = batch_findings([(first, text), (second, text)], CheckConfig())
    assert [len(f) for f in findings] == [1, 1]
    assert "zh_xinzhai.txt (part 2)" in findings[0][0].message


def _seed_records(path: Path) -> list[tuple[Record, str]]:
    loaded = load_source(path)
    return [(Record(doc_id=d.doc_id, source=d.source, part=d.part, start=d.start, end=d.end,
                    language=d.language), d.file_text) for d in loaded.documents]


def test_template_copy_does_not_flag_the_two_documents_of_the_seed_en(seed_path: Path) -> None:
    records = _seed_records(seed_path)
    assert len(records) == 2
    assert batch_findings(records, CheckConfig()) == [[], []]


def test_template_copy_names_at_most_five_closest_others_zh(build) -> None:
    batch = [_zh(build, f"镇{n}", f"zh_{n}.txt", (100 + n, 10, 90 + n, 95, 95.0)) for n in range(8)]
    findings = batch_findings(batch, CheckConfig())
    assert all(len(f) == 5 for f in findings)


def test_template_copy_skips_the_same_file_reached_as_a_template_zh(build) -> None:
    a = _zh(build, "白鹭镇", "zh_bailu.txt", (126, 18, 108, 121, 96.0))
    again = (a[0].model_copy(update={"source": "./zh_bailu.txt"}), a[1])
    assert batch_findings([a], CheckConfig(), templates=[again]) == [[]]


def test_template_copy_work_per_summary_is_bounded_in_a_batch_of_copies_zh(build, monkeypatch) -> None:
    from pipeline.checks import copies

    batch = [_zh(build, f"镇{n}", f"zh_{n}.txt", (100 + n, 10, 90 + n, 95, 95.0)) for n in range(60)]
    exact = []
    original = copies._hit
    monkeypatch.setattr(copies, "_hit", lambda *args: exact.append(1) or original(*args))
    docs = [copies.Doc(record, text, 5) for record, text in batch]
    candidates = copies._candidates(docs, len(docs), 0.6)
    # every summary of one big LSH bucket looks at a window of its neighbours, not at all 59 others,
    # and that window does not grow with the batch
    assert all(0 < len(found) <= 2 * copies.BUCKET_WINDOW for found in candidates)
    half = copies._candidates(docs[:30], 30, 0.6)
    assert max(map(len, candidates)) == max(map(len, half)) < 30
    findings = batch_findings(batch, CheckConfig())
    assert all(len(f) == copies.MAX_OTHERS for f in findings)
    assert len(exact) == len(batch) * copies.MAX_OTHERS


def test_template_copy_compares_every_summary_with_every_template_in_its_bucket_zh(build) -> None:
    from pipeline.checks import copies

    batch = [_zh(build, f"镇{n}", f"zh_{n}.txt", (100 + n, 10, 90 + n, 95, 95.0)) for n in range(40)]
    template = _zh(build, "某某镇", "templates/model.txt", (1, 1, 1, 1, 1.0))
    docs = [copies.Doc(record, text, 5) for record, text in [*batch, template]]
    candidates = copies._candidates(docs, len(batch), 0.6)
    # the template is a candidate of the last summary too, far from it in input order
    assert all(len(batch) in found for found in candidates)
    alone = batch_findings(batch[-1:], CheckConfig(), templates=[template])
    assert any("templates/model.txt" in f.message for f in alone[0])


def test_template_copy_counts_the_shingles_of_a_pair_once_zh(build, monkeypatch) -> None:
    from pipeline.checks import copies

    batch = [_zh(build, f"镇{n}", f"zh_{n}.txt", (100 + n, 10, 90 + n, 95, 95.0)) for n in range(24)]
    batch.append(_zh(build, "石门镇", "zh_other.txt", (7, 1, 6, 7, 100.0), with_facts=False))
    before = batch_findings(batch, CheckConfig())
    pairs, original = [], copies.overlap

    def counted(a, b):
        pairs.append(frozenset((id(a), id(b))))  # each summary's shingle set is one array (roomy cache)
        return original(a, b)

    monkeypatch.setattr(copies, "overlap", counted)
    assert batch_findings(batch, CheckConfig()) == before and any(before)
    docs = [copies.Doc(record, text, 5) for record, text in batch]
    candidates = copies._candidates(docs, len(docs), CheckConfig().template_threshold)
    unordered = {frozenset((n, other)) for n, found in enumerate(candidates) for other in found}
    # (a, b) and (b, a) are counted once: as many counts as unordered pairs, fewer than candidates
    assert len(pairs) == len(set(pairs)) == len(unordered) < sum(map(len, candidates))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("信访件办结率abcAB ，。xyz"), max_size=60),
       st.text(alphabet=st.sampled_from("信访件办结率abcAB ，。xyz"), max_size=60), st.integers(2, 6))
def test_shingle_hashes_count_and_overlap_as_the_string_shingles_do(a: str, b: str, k: int) -> None:
    from pipeline.checks.copies import overlap, shingle_hashes

    def strings(text: str) -> set[str]:
        return {text[i : i + k] for i in range(len(text) - k + 1)}

    mine, theirs = shingle_hashes(a, k), shingle_hashes(b, k)
    assert list(mine) == sorted(set(mine.tolist()))  # sorted, distinct
    assert len(mine) == len(strings(a)) and len(theirs) == len(strings(b))
    assert overlap(mine, theirs) == len(strings(a) & strings(b))


def test_template_copy_findings_do_not_depend_on_the_shingle_cache_size_zh(build, monkeypatch) -> None:
    from pipeline.checks import copies

    batch = [_zh(build, f"镇{n}", f"zh_{n}.txt", (100 + n, 10, 90 + n, 95, 95.0)) for n in range(12)]
    batch.append(_zh(build, "石门镇", "zh_other.txt", (7, 1, 6, 7, 100.0), with_facts=False))
    roomy = batch_findings(batch, CheckConfig())
    computed = []
    original = copies.Doc.shingles
    monkeypatch.setattr(copies, "SHINGLE_CACHE", 1)  # bytes: one shingle set at a time
    monkeypatch.setattr(copies.Doc, "shingles", lambda doc: computed.append(1) or original(doc))
    assert batch_findings(batch, CheckConfig()) == roomy
    assert len(computed) > len(batch)  # the small cache made it recompute some


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_outline_holds_each_sentence_and_a_key_equal_only_for_equal_skeletons(build, lang: str) -> None:
    """The outline of a summary: spans of its non-blank sentences, and skeleton keys that match
    exactly when the sentences differ only in figures and whitespace."""
    from pipeline.checks import batch_view
    from pipeline.checks.copies import Doc

    make = _zh if lang == "zh" else _en
    (a, a_text), (b, b_text) = (make(build, "Town", f"{lang}_{n}.txt", figures)
                                for n, figures in enumerate([(126, 18, 108, 121, 96.0), (98, 20, 78, 95, 96.9)]))
    first, second = Doc(batch_view(a), a_text, 5).outline, Doc(batch_view(b), b_text, 5).outline
    spans = [first.span(n) for n in range(len(first.keys))]
    assert len(spans) > 5 and all(a.start <= s < e <= a.end and a_text[s:e].strip() for s, e in spans)
    assert all(not a_text[s].isspace() for s, _ in spans)
    skeletons = [re.sub(r"\s+", "", re.sub(r"\d+(?:[.,]\d+)*", "#", a_text[s:e])) for s, e in spans]
    assert list(first.lengths) == [len(skeleton) for skeleton in skeletons]
    key_of = dict(zip(skeletons, first.keys))
    assert len(key_of) == len(set(first.keys))  # one key per distinct skeleton, none shared
    assert list(first.keys) == [key_of[skeleton] for skeleton in skeletons]
    assert list(first.keys) == list(second.keys)  # the two summaries differ only in their figures


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("信访件Ab İ1２٣\u3000\u00a0\t\n。x"), max_size=50), st.integers(2, 6))
def test_shingles_drop_digits_and_whitespace_as_the_regex_does(body: str, k: int) -> None:
    from pipeline.checks import copies
    from pipeline.schema import Period

    record = Record(doc_id="a#1", source="a.txt", part=1, start=0, end=len(body), language="zh", period=Period())
    flat = copies._STRIP.sub("", body).lower()
    expected = {flat[i : i + k] for i in range(len(flat) - k + 1)}
    found = copies.Doc(record, body, k).shingles()
    assert len(found) == len(expected)
    assert copies.overlap(found, copies.shingle_hashes(flat, k)) == len(expected)


@pytest.mark.parametrize("size, shared", [(2000, 0.8), (2000, 0.5), (300, 0.6), (40, 0.7)])
def test_signature_estimates_the_jaccard_of_two_hash_sets(size: int, shared: float) -> None:
    """One-permutation MinHash, densified: the share of equal bins is near the exact Jaccard,
    also when a set is too small to fill every bin."""
    import numpy as np

    from pipeline.checks.copies import NUM_PERM, overlap, signature

    rng = np.random.default_rng(size)
    pool = rng.permutation(np.unique(rng.integers(0, 2**64 - 1, size=3 * size, dtype=np.uint64, endpoint=True)))
    common = int(size * shared)
    a = np.sort(pool[:size])
    b = np.sort(np.concatenate([pool[:common], pool[size : 2 * size - common]]))
    exact = overlap(a, b) / (len(a) + len(b) - overlap(a, b))
    estimate = float((signature(a) == signature(b)).mean())
    assert len(signature(a)) == NUM_PERM and (signature(a) == signature(a.copy())).all()
    assert abs(estimate - exact) < (0.2 if size >= 100 else 0.3), (estimate, exact)  # about 4 standard errors
    assert float((signature(a) == signature(np.sort(pool[2 * size : 3 * size]))).mean()) < 0.1  # disjoint


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_template_copy_over_batch_views_finds_what_it_finds_over_records(build, lang: str) -> None:
    """A run keeps only batch_view(record) of each summary: the findings must not change."""
    from pipeline.checks import batch_view

    make = _zh if lang == "zh" else _en
    pairs = [make(build, "白鹭镇" if lang == "zh" else "Bailu Town", f"{lang}_bailu.txt", (126, 18, 108, 121, 96.0)),
             make(build, "青水镇" if lang == "zh" else "Qingshui Town", f"{lang}_qingshui.txt", (98, 20, 78, 95, 96.9)),
             make(build, "白鹭镇" if lang == "zh" else "Bailu Town", f"copy/{lang}_bailu.txt", (126, 18, 108, 121, 96.0))]
    other = build(ZH_OTHER if lang == "zh" else EN_OTHER, source=f"{lang}_other.txt", lang=lang)
    batch = [*pairs, other]
    views = [(batch_view(record), text) for record, text in batch]
    expected = batch_findings(batch, CheckConfig())
    assert batch_findings(views, CheckConfig()) == expected
    assert batch_findings(views[:2], CheckConfig(), templates=views[2:]) == batch_findings(batch[:2], CheckConfig(),
                                                                                          templates=batch[2:])
    assert all(expected[:3]) and expected[3] == []


def test_batch_view_keeps_the_first_fact_of_each_figure_only(build) -> None:
    from pipeline.checks import batch_view

    record, _ = _zh(build, "白鹭镇", "zh_bailu.txt", (126, 18, 108, 121, 96.0))
    doubled = record.model_copy(update={"facts": record.facts + tuple(
        f.model_copy(update={"id": f"{f.id}b", "value": f.value + 1}) for f in record.facts)})
    view = batch_view(doubled)
    assert [fact.id for fact in view.first_facts.values()] == [f.id for f in record.facts]
    assert (view.source, view.part, view.start, view.end, view.language) == \
        (record.source, record.part, record.start, record.end, record.language)
    unbound = record.model_copy(update={"facts": tuple(f.model_copy(update={"indicator": None}) for f in record.facts)})
    assert batch_view(unbound).first_facts == {}
