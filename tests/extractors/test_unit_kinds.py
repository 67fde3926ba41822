"""The kind of one piece by its words and its place, and the cues of units.yaml (zh and en case tables)."""

from __future__ import annotations

import pytest

from pipeline.extractors.unit_kinds import (LEAD_IN, Place, is_measure, is_problem, is_result, opens_with_action,
                                           piece_kind, problem_head, unit_cues)

MEASURES = Place("measures", by_heading=True)
NEWS = Place("measures", by_heading=False)  # the running text of a news item, typed by content
ESSAY = Place("measures", by_heading=False, problems_first=True, score=0.9)

CASES = [
    # (lang, piece, place, expected)
    ("zh", "每月开展一次矛盾纠纷大排查", MEASURES, "measure"),
    ("zh", "截至目前，共化解矛盾纠纷26起", MEASURES, None),                      # a result total
    ("zh", "今年接待来访群众210人次，结案率达98%", MEASURES, None),              # counting cases
    ("zh", "镇党委召开信访专题会议3次，开展业务培训1次，化解率100%", MEASURES, "measure"),  # activities with counts
    ("zh", "镇党委充分认识到了信访维稳工作的紧迫性和重要性", MEASURES, None),       # an attitude
    ("zh", "充分认识到信访工作的重要性，进一步加大了对信访工作的领导", MEASURES, "measure"),
    ("zh", "当前信访工作任重而道远，我们坚信一定能做得更好", MEASURES, None),      # a closing of resolve
    ("zh", "下一步，我镇将继续完善信访工作网络", NEWS, "plan"),
    ("zh", "主要表现在", Place("problems", by_heading=True), LEAD_IN),
    ("zh", "信访干部力量不足，专职人员少", Place("problems", by_heading=True), "problem"),
    ("zh", "思想再重视，切实提高重视程度", Place("measures", by_heading=False, marker="一要"), "plan"),
    ("zh", "部分群众习惯于以闹访向政府施压", ESSAY, "problem"),
    ("zh", "部分群众习惯于以闹访向政府施压", Place("measures", by_heading=False, score=0.6), "problem"),  # cue, no action
    ("zh", "部分群众习惯于以闹访向政府施压", Place("measures", by_heading=True, score=0.6), None),
    ("zh", "当前，群众维权意识增强，但对信访渠道缺乏认知", Place("overview", False, lead=True, score=0.9), "problem"),
    ("zh", "今年以来，我镇坚持建立台账，全年共受理12件", Place("overview", False, lead=True, score=0.9), None),
    ("zh", "坚持和发展枫桥经验，将矛盾化解在基层", Place("results", False), "measure"),  # a measure among results
    ("zh", "信访总量同比下降12%", Place("results", False), None),
    # among results: an action after a short subject, a connective allowed before it; a longer opening is none
    ("zh", "同时，该乡实行矛盾纠纷月排查制度", Place("results", False), "measure"),
    ("zh", "镇纪委开展了两次专项督查", Place("results", False), "measure"),
    ("zh", "矛盾纠纷排查化解建档率100%", Place("results", False), None),
    ("zh", "同时，在县里支持下，该乡实行月排查制度", Place("results", False), None),
    # running text (no heading types the section): a piece with no action and a problem cue is a problem
    ("zh", "这个镇地处三县交界，矛盾多发，曾是有名的信访大户", Place("overview", False, score=0.5), "problem"),
    ("zh", "这个镇地处三县交界，矛盾多发，曾是有名的信访大户", Place("overview", True, score=0.5), None),
    ("zh", "这个镇地处三县交界，矛盾多发，曾是有名的信访大户", Place("overview", False, score=0.2), None),
    ("zh", "有的诉求一个部门无法解决，只能在几个窗口之间辗转", NEWS, "problem"),  # a negated action
    ("zh", "对无法当场解决的诉求，落实专人跟踪办理", NEWS, "measure"),
    ("en", "Some requests could not be resolved by one office, and funds for the work are insufficient", NEWS, "problem"),
    ("en", "Requests that could not be resolved on the spot were assigned to a cadre who followed them up", NEWS,
     "measure"),
    # a text that dwells on difficulties: the genre decides running text only, a heading decides its own pieces
    ("zh", "信访总量明显下降，群众满意度明显提高", Place("overview", False, problems_first=True, score=0.9), "problem"),
    ("zh", "信访总量明显下降，群众满意度明显提高", Place("results", True, problems_first=True, score=0.9), None),
    ("en", "Village liaison officers are few, and their funds are insufficient",
     Place("overview", False, problems_first=True, score=0.9), "problem"),
    ("en", "The number of petitions fell and satisfaction rose", Place("results", True, problems_first=True, score=0.9),
     None),
    ("en", "Since its opening this spring, the hall has accepted 212 cases of disputes",
     Place("overview", False, problems_first=True, score=0.9), None),  # a result total states no problem
    ("zh", "截至目前，共化解矛盾纠纷41起", Place("overview", False, problems_first=True, score=0.9), None),
    ("en", "The town set up a leading group headed by the party secretary", MEASURES, "measure"),
    ("en", "Next year, we will continue to improve the network", NEWS, "plan"),
    ("en", "In summary, there are still some shortcomings in our work", Place("problems", True), LEAD_IN),
    ("en", "We firmly believe the work will be done even better", MEASURES, None),
    # a problems part typed by content: a problem cue before any action keeps a piece a problem, even when the
    # kind model scores it low; an action with no problem cue before it is what will be done
    ("en", "The main problem is that the grid members lack training", Place("problems", False, score=0.2), "problem"),
    ("en", "Train the grid members twice a year", Place("problems", False, score=0.2), "plan"),
    ("zh", "网格员普遍缺乏业务培训", Place("problems", False, score=0.2), "problem"),
    ("zh", "每半年对网格员开展一次业务培训", Place("problems", False, score=0.2), "plan"),
    # a strong cue (a failure named outright) holds in running text whatever the kind model scores; a weak one does not
    ("zh", "村组一级的过滤防线基本失灵，小事也往镇里涌", Place("overview", False, score=0.05), "problem"),
    ("zh", "村组一级的过滤力量比较薄弱，小事也往镇里涌", Place("overview", False, score=0.05), None),
    ("zh", "村组一级的过滤防线基本失灵，小事也往镇里涌", Place("overview", True, score=0.05), None),
    # a future time and 将 in one clause make a plan wherever the sentence opens; 将 alone is no plan
    ("zh", "据了解，下半年培训班将在各村轮流举办", NEWS, "plan"),
    ("zh", "镇里开展集中排查，将矛盾化解在村组", NEWS, "measure"),
    # English: will before a verb is what is to be done, whoever does it; the will of people is a noun
    ("en", "Disputes over land will be handled by the land office and the police station", NEWS, "plan"),
    ("en", "The mediation centre will use several ways of mediation for each dispute", NEWS, "plan"),
    ("en", "Respecting the will of the villagers, the town set up a council of elders", NEWS, "measure"),
    # English: in a text that dwells on difficulties the kind model alone makes no problem; a cue must stand too
    ("en", "Willow County has many villagers working in the cities", ESSAY, None),
    ("en", "Willow County lacks funds for the mediation rooms of its villages", ESSAY, "problem"),
    ("zh", "柳县外出务工人员多，留守老人反映的诉求多", ESSAY, "problem"),  # Chinese: the model decides
    # held a meeting is an action; held hands is how a quarrel ended
    ("en", "The town held a meeting on petition work every month", NEWS, "measure"),
    ("en", "Finally the two families held hands again", NEWS, None),
    # a page's furniture states no measure, whatever verb it holds
    ("zh", "已有3人参与，点击查看更多精彩评论", NEWS, None),
    ("zh", "点击进入镇便民服务中心网上办事大厅", NEWS, None),
    ("zh", "镇便民服务中心开通网上办事大厅", NEWS, "measure"),
    # 结合 joins two ways of working (a measure); 结合部 is a place (城乡结合部): no action
    ("zh", "坚持领导接访与带案下访相结合", NEWS, "measure"),
    ("zh", "青石镇地处城乡结合部，外来人口多", NEWS, None),
    # a leader's demand after a colon is a plan, also when a clause of circumstance comes before its 要
    ("zh", "王书记要求：眼下正是防汛关键期，要加强巡查，压实各村责任", MEASURES, "plan"),
    ("zh", "李镇长强调：要把排查工作做细做实", NEWS, "plan"),
    ("zh", "镇里按照县里要求：每月开展一次排查", NEWS, "measure"),          # 要求 naming a rule, no 要 after it
    ("zh", "村民要求：尽快修好村道，镇里当天就派人上门察看", NEWS, "measure"),  # what people asked for
]


@pytest.mark.parametrize("lang, piece, place, expected", CASES, ids=[f"{c[0]}-{n}" for n, c in enumerate(CASES)])
def test_unit_kinds_piece_kind(lang: str, piece: str, place: Place, expected: str | None) -> None:
    assert piece_kind(piece, place, unit_cues(lang)) == expected


def test_unit_kinds_a_colon_after_a_piece_makes_it_a_lead_in() -> None:
    cues = unit_cues("en")
    place = Place("plans", by_heading=True)
    assert piece_kind("In the next step, we will focus on the following", place, cues, ":") == LEAD_IN
    assert piece_kind("In the next step, we will focus on the following", place, cues, ".") == "plan"


@pytest.mark.parametrize("lang, piece, result, measure, problem", [
    ("zh", "共排查化解信访各类纠纷38起", True, False, False),
    ("zh", "化解信访积案，逐案制定方案", False, True, False),   # an action on a problem: a measure
    ("zh", "信访干部力量薄弱，人员不足", False, False, True),
    ("en", "A total of 31 letters and visits were received", True, False, False),
    ("zh", "一些多年未解决的宅基地纠纷和征地补偿遗留问题得到了妥善处理", False, True, False),  # a problem solved
    ("zh", "一些征地补偿遗留问题至今没有处理", False, False, True),
    ("en", "The insufficient funds of the office were finally solved this year", False, False, False),
    ("en", "The funds of the office were insufficient this year", False, False, True),
    ("en", "Officials on duty are required to reach the house within an hour and solve the matter in two days", False,
     True, False),  # 要求…解决: the English verbs of the Chinese cues
    ("en", "Each night shift, two clerks team up with a deputy mayor at the hall", False, True, False),
    ("en", "The village paid to repair the broken bridge", False, True, False),
    ("en", "The quarrel between the two households was solved last spring", False, False, False),  # an outcome
    ("en", "The scheme has since been adopted by four other towns", False, False, False),  # an outcome, not an action
    # long unresolved, said at the end of its clause: a problem; said of what was then settled: none
    ("zh", "两家为一堵院墙争了十来年，这件事一直没能解决", False, False, True),
    ("zh", "一桩多年未解决的林地纠纷终于在春节前调解成功", False, True, False),
    ("zh", "群众反映的问题迟迟未能办结", False, False, True),
    ("zh", "部门之间推来推去的现象比较突出", False, False, True),
    ("zh", "各部门推行首问负责后，推来推去的现象不见了", False, True, False),
    # a verb inside a short quotation names a thing (“首问负责”): no action; a quoted speech keeps its verbs
    ("zh", "群众对“首问负责”的抱怨明显增多", False, False, True),
    ("zh", "他说：“今年我们每个月都开展一次矛盾纠纷排查”", False, True, False),
    # English problem cues that mirror the Chinese ones (设施老化, 满意度下降, 不高, 日益突出, 难度大)
    ("en", "With the ageing of the pipes in the old quarter, trust in the office has continued to decline", False,
     False, True),
    ("en", "The old clinic has outdated equipment and the waiting room leaks", False, False, True),
    ("en", "The village cadres work hard, but their legal knowledge is not so high", False, False, True),
    ("en", "Quarrels over parking have become increasingly prominent in the estate", False, False, True),
    ("en", "Boundary disputes between the two hamlets are hard to resolve", False, False, True),
    ("en", "The town carried out a renewal of the outdated equipment of its hall", False, True, False),  # an action on a problem
    ("en", "Trust in the office has grown steadily over the year", False, False, False),  # no decline
    # English action verbs: founded (成立), worked together (联合), went to the villages (下村), adhering (坚持);
    # 'buildings' and 'found that' state none
    ("en", "The street founded a party branch for the market traders", False, True, False),
    ("en", "The office worked together with the land bureau on the boundary of the plot", False, True, False),
    ("en", "Every Friday the deputy mayor goes down to the villages", False, True, False),
    ("en", "Adhering to the mass line, the cadres listen first", False, True, False),
    ("en", "The estate has many old buildings and many tenants", False, False, False),
    ("en", "A survey found that most tenants knew the rules", False, False, False),
], ids=["zh-result", "zh-measure-on-problem", "zh-problem", "en-result", "zh-solved", "zh-unsolved", "en-solved",
        "en-unsolved", "en-required-solve", "en-team-up", "en-paid-to", "en-was-solved", "en-been-adopted",
        "zh-never-solved", "zh-solved-at-last", "zh-still-open", "zh-phenomenon", "zh-phenomenon-gone",
        "zh-quoted-name", "zh-quoted-speech", "en-ageing-decline", "en-outdated", "en-not-so-high",
        "en-increasingly", "en-hard-to-resolve", "en-outdated-replaced", "en-trust-grown", "en-founded",
        "en-worked-together", "en-goes-to-villages", "en-adhering", "en-buildings", "en-found-that"])
def test_unit_kinds_predicates(lang, piece, result, measure, problem) -> None:
    cues = unit_cues(lang)
    assert (is_result(piece, cues), is_measure(piece, cues), is_problem(piece, cues)) == (result, measure, problem)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_unit_kinds_measure_list_examples_match_their_patterns(lang: str) -> None:
    cues = unit_cues(lang)
    for entry, pattern in zip(cues.raw.measure_lists, cues.measure_lists):
        assert pattern.search(entry.example), entry.example


@pytest.mark.parametrize("lang, piece, lead, head", [
    ("zh", "尽管历史遗留问题较多，但全镇干部有信心打好这场攻坚战", False, "尽管历史遗留问题较多"),
    ("zh", "尽管天气炎热，但干部仍坚持入户走访", False, None),  # a concession stating no problem
    ("zh", "近年来，随着经济快速发展，矛盾纠纷日益增多，我镇坚持每月开展排查", True, "近年来，随着经济快速发展，矛盾纠纷日益增多"),
    ("zh", "近年来，随着经济快速发展，矛盾纠纷日益增多，我镇坚持每月开展排查", False, None),  # only the lead
    ("zh", "针对矛盾纠纷日益增多的情况，我镇坚持每月开展排查", True, None),  # what a measure aims at
    # the head ends with the clause that states the problem, not at the last comma before the first action
    ("zh", "近几年，随着城镇扩张，信访问题日益突出，我镇在县委的关心支持下，坚持每周开展排查", True,
     "近几年，随着城镇扩张，信访问题日益突出"),
    ("zh", "近几年，随着城镇扩张，我镇在县委的关心支持下，坚持每周开展排查", True, None),  # no problem stated
    ("en", "Although funds for petition work are insufficient, the town still received every visitor in person", False,
     "Although funds for petition work are insufficient"),
    ("en", "Although it rained all week, the cadres still visited every household", False, None),
    ("en", "In recent years the staff of the petition office has been insufficient, and the town hired two liaison "
           "officers", True, "In recent years the staff of the petition office has been insufficient"),
    ("en", "In response to insufficient staff, the town hired two liaison officers", True, None),
], ids=["zh-concession", "zh-concession-no-problem", "zh-lead", "zh-not-lead", "zh-aim", "zh-lead-clauses",
         "zh-lead-no-problem", "en-concession",
        "en-concession-no-problem", "en-lead", "en-aim"])
def test_unit_kinds_problem_head(lang: str, piece: str, lead: bool, head: str | None) -> None:
    end = problem_head(piece, lead, unit_cues(lang))
    assert (piece[:end] if end is not None else None) == head


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_unit_kinds_every_strong_problem_cue_is_a_problem_cue(lang: str) -> None:
    """A strong cue only lifts the kind model's veto: the piece must state a problem by the cues as well."""
    cues = unit_cues(lang)
    for cue in cues.raw.strong_problem_cues:
        assert cue in cues.raw.problem_cues, cue


@pytest.mark.parametrize("lang, piece, expected", [
    ("en", "We carried out 4 centralized checks and resolved 127 disputes", True),
    ("en", "The centre set up a hotline, and 98% of callers were satisfied", True),
    ("en", "Under the new rules, we carried out 4 checks", False),  # a clause before the subject
    ("en", "In the year the town received 86 letters and visits", False),  # no action: a total
    ("en", "Of the 132 disputes found by the village teams in spring, 127 were carried out", False),
    ("zh", "开展集中排查4次，化解纠纷127起", True),
    ("zh", "全年共受理信访事项86件，办结率98%", False),
    ("zh", "镇里开展集中排查4次", True),  # a short subject before the action, as in English
    ("zh", "同时，该乡实行矛盾纠纷月排查制度", True),  # a connective before the subject
    ("zh", "矛盾纠纷排查化解建档率100%", False),  # a subject longer than a short one: no action opens it
    ("zh", "全年累计开展排查4次", False),  # a time and a total before the verb: no subject
])
def test_unit_kinds_opens_with_action(lang: str, piece: str, expected: bool) -> None:
    """In a results part only a piece that an action opens (after a short English subject) is a measure."""
    assert opens_with_action(piece, unit_cues(lang)) is expected
