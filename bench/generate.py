"""A reproducible synthetic corpus of petition work summaries (Chinese and English).

Every document is composed from fragments written here (never copied from corpus/): random
townships, figures that add up (totals with 其中 / "among them" breakdowns, 分别 lists,
year-on-year changes, rates), headings 一、/（一）/1. and I./(1), 一是/二是 and First/Second clauses,
profile figures, problems and plans sections. Same (n, seed) -> the same bytes.
"""

from __future__ import annotations

import random
from pathlib import Path

MIN_BYTES, MAX_BYTES = 2048, 8192

SYLLABLES = [
    ("青", "Qing"), ("山", "shan"), ("白", "Bai"), ("沙", "sha"), ("石", "Shi"), ("桥", "qiao"),
    ("龙", "Long"), ("河", "he"), ("东", "Dong"), ("西", "Xi"), ("南", "Nan"), ("北", "Bei"),
    ("新", "Xin"), ("安", "An"), ("平", "ping"), ("柳", "Liu"), ("林", "lin"), ("湖", "hu"),
    ("云", "Yun"), ("松", "song"), ("金", "Jin"), ("马", "ma"), ("黄", "Huang"), ("水", "shui"),
    ("桃", "Tao"), ("源", "yuan"), ("凤", "Feng"), ("岭", "ling"), ("溪", "xi"), ("坪", "ping"),
]
ZH_NUMERALS = "一二三四五六七八九十"
ROMAN = ["I", "II", "III", "IV", "V", "VI"]
EN_ORDINALS = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth"]
DIRECTIONS = [("东部", "east"), ("西南", "southwest"), ("北郊", "northern suburbs"), ("南部", "south"),
              ("东北", "northeast"), ("西部", "west")]

# (zh, en) petition topics
TOPICS = [
    ("土地征收", "land acquisition"), ("劳动保障", "labor and social security"),
    ("环境保护", "environmental protection"), ("城乡建设", "urban and rural construction"),
    ("社会治安", "public security"), ("涉法涉诉", "law-related litigation"),
    ("民政救助", "civil affairs assistance"), ("村务管理", "village affairs management"),
]

# (heading, [clauses]) in both languages; clauses are short measures
ZH_MEASURES = [
    ("强化组织领导，压实工作责任", [
        "成立以党委书记为组长的信访工作领导小组，定期研究信访形势",
        "将信访工作纳入村（社区）年度目标考核，实行一票否决",
        "落实领导干部包案制度，做到责任到人、限时办结",
        "建立镇村两级信访工作台账，实行周调度、月通报"]),
    ("畅通信访渠道，规范办理程序", [
        "坚持领导干部每周接访日制度，全年班子成员接访{n}批次",
        "推行网上信访和电话预约接访，让群众少跑腿",
        "严格执行登记、受理、交办、督办、回访五个环节",
        "对初信初访实行首办负责制，按期答复率保持较高水平"]),
    ("深化矛盾排查，推动源头化解", [
        "每月开展一次矛盾纠纷拉网式排查，排查各类矛盾{n}起",
        "发挥村级调解委员会作用，把矛盾化解在萌芽状态",
        "对重点信访人员落实“一人一策”稳控措施",
        "聚焦征地拆迁、劳资纠纷等领域开展专项治理"]),
    ("加强队伍建设，提升履职能力", [
        "组织信访干部参加业务培训{n}次，提升依法办事能力",
        "选优配强村级信访信息员，实现网格全覆盖",
        "开展信访法治宣传进村入户活动，发放宣传资料{n}份",
        "落实信访工作经费保障，改善接待场所条件"]),
    ("化解信访积案，维护社会稳定", [
        "对排查出的信访积案逐案制定化解方案，明确包案领导",
        "综合运用法律、政策、经济等手段推动案结事了",
        "做好重要节点和敏感时期的信访维稳工作",
        "落实属地管理责任，杜绝越级上访和群体性事件"]),
]
EN_MEASURES = [
    ("Strengthening leadership and consolidating responsibility", [
        "a leading group headed by the Party secretary was set up to study the petition situation regularly",
        "petition work was included in the annual target assessment of villages and communities",
        "the leadership case-package system was implemented so that every case had a responsible leader",
        "a two-level ledger of petition matters was kept at town and village level"]),
    ("Keeping petition channels open and standardizing handling", [
        "leaders received visitors on a fixed day every week, receiving {n} batches in total",
        "online petitions and telephone appointments were promoted so that people made fewer trips",
        "the five steps of registration, acceptance, assignment, supervision and return visit were strictly followed",
        "first-time petitions were handled under the first-handler responsibility system"]),
    ("Investigating disputes and resolving them at the source", [
        "a thorough investigation of conflicts was carried out every month, finding {n} disputes",
        "village mediation committees resolved conflicts at an early stage",
        "a one-person-one-plan approach was applied to key petitioners",
        "special campaigns targeted land acquisition and wage arrears disputes"]),
    ("Building the team and improving capacity", [
        "petition staff attended {n} training sessions on handling matters according to law",
        "village petition information officers were selected to cover every grid",
        "legal publicity on petitions reached every village, with {n} leaflets distributed",
        "funding for petition work was guaranteed and reception rooms were improved"]),
]
ZH_PROBLEMS = [
    "部分村干部对信访工作重视不够，主动排查矛盾的意识不强",
    "个别信访事项涉及历史遗留问题，政策界限不清，化解难度较大",
    "网上信访办理质量有待提高，群众满意率仍有提升空间",
    "信访干部业务能力参差不齐，依法分类处理诉求的水平不高",
    "少数信访人诉求过高，反复上访现象仍然存在",
]
EN_PROBLEMS = [
    "some village cadres did not attach enough importance to petition work",
    "a few cases involved problems left over from history and were hard to resolve",
    "the quality of online petition handling still needs to improve",
    "the professional ability of petition staff is uneven",
    "a small number of petitioners made excessive demands and petitioned repeatedly",
]
ZH_PLANS = [
    ("持续抓好矛盾纠纷排查化解", "坚持和发展新时代“枫桥经验”，做到小事不出村、大事不出镇"),
    ("进一步规范信访事项办理", "严格落实信访工作条例，提高按期办结率和群众满意率"),
    ("加大信访积案化解力度", "对剩余积案实行挂牌督办，力争年内全部化解"),
    ("加强信访干部队伍建设", "定期开展业务培训，提升依法处理信访问题的能力"),
]
EN_PLANS = [
    ("Continue to investigate and resolve disputes", "small matters shall not leave the village and big matters shall not leave the town"),
    ("Further standardize petition handling", "the regulations shall be strictly implemented to raise the on-time completion rate"),
    ("Intensify the resolution of backlog cases", "the remaining backlog cases will be supervised one by one"),
    ("Strengthen the petition workforce", "regular training will improve the handling of petitions according to law"),
]


def _township(rng: random.Random) -> tuple[str, str]:
    (a, pa), (b, pb) = rng.sample(SYLLABLES, 2)
    kind = rng.choice([("镇", "Town"), ("乡", "Township")])
    return a + b + kind[0], f"{pa.capitalize()}{pb.lower()} {kind[1]}"


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """`parts` positive integers that add up to `total`."""
    cuts = sorted(rng.sample(range(1, total), parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total])]


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}"


def _figures(rng: random.Random) -> dict:
    total = rng.randint(40, 400)
    letters, visits, online = _split(rng, total, 3)
    prev = max(10, round(total * rng.uniform(0.7, 1.3)))
    done = rng.randint(int(total * 0.85), total)
    ontime = rng.randint(int(done * 0.9), done)
    topics = rng.sample(range(len(TOPICS)), 3)
    topic_counts = _split(rng, rng.randint(max(3, total // 3), max(4, total * 2 // 3)), 3)
    return dict(total=total, letters=letters, visits=visits, online=online, prev=prev, done=done,
                ontime=ontime, topics=topics, topic_counts=topic_counts,
                area=round(rng.uniform(30, 220), 1), villages=rng.randint(5, 30),
                communities=rng.randint(1, 6), households=rng.randint(3000, 20000),
                collective=rng.randint(1, 12), backlog=rng.randint(2, 15))


def _village(rng: random.Random) -> tuple[str, str]:
    (a, pa), (b, pb) = rng.sample(SYLLABLES, 2)
    return a + b + "村", f"{pa.capitalize()}{pb.lower()} Village"


EXTRA_KINDS = 8  # narrative paragraph templates per language in _extra

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def _extra(rng: random.Random, language: str, which: int) -> str:
    """One more narrative paragraph of a practices section, with figures that add up."""
    a = rng.randint(20, 300)
    b = rng.randint(a // 2, a)
    c = a - b
    n, d, h, s = rng.randint(3, 40), rng.randint(2, 30), rng.randint(50, 900), rng.randint(10, 200)
    month = rng.randint(1, 12)
    zh_village, en_village = _village(rng)
    zh_topic, en_topic = rng.choice(TOPICS)
    if language == "zh":
        return ([
            f"全年共排查化解矛盾纠纷{a}起，其中调解成功{b}起，调解成功率{_pct(b, a)}%。",
            f"{month}月份，{zh_village}因{zh_topic}问题引发{n}名群众集体上访，党委第一时间组织工作组进村入户，"
            f"经过{d}天的耐心工作，问题得到妥善解决，群众表示满意。",
            f"通过“信访代理”机制，村级代理员共代办群众诉求{a}件，办结{b}件，代办满意率{_pct(b, a)}%。",
            f"针对{zh_topic}领域信访问题较为集中的情况，抽调{n}名干部组成工作专班，逐户走访{h}户，"
            f"收集意见建议{s}条，全部进行了梳理答复。",
            f"深入开展“干部大下访”活动，镇村干部下访{a}人次，走访群众{h}户，就地解决问题{b}个。",
            f"排查出信访积案{a}件，已化解{b}件，化解率{_pct(b, a)}%，剩余{c}件正在推进。",
            f"召开信访工作专题会议{n}次、信访听证会{d}场，邀请人大代表、政协委员、律师等参与评议{s}人次。",
            f"信访事项群众满意率达到{_pct(b, a)}%，同比提高{rng.randint(1, 9)}.{rng.randint(0, 9)}个百分点。",
        ])[which % EXTRA_KINDS]
    return ([
        f"A total of {a} disputes were investigated, among them {b} were mediated successfully, a success rate of {_pct(b, a)}%.",
        f"In {MONTHS[month - 1]}, {n} villagers of {en_village} made a collective visit over {en_topic}; a work team went to the "
        f"village at once and, after {d} days of patient work, the problem was properly solved.",
        f"Through the petition agency mechanism, village agents handled {a} requests on behalf of the people, "
        f"concluding {b}, a satisfaction rate of {_pct(b, a)}%.",
        f"As petitions on {en_topic} were concentrated, {n} cadres formed a special team, visited {h} households "
        f"and collected {s} suggestions, all of which were answered.",
        f"Town and village cadres made {a} visits to the grassroots, called on {h} households and solved {b} problems on the spot.",
        f"Of {a} backlog cases, {b} were resolved, a resolution rate of {_pct(b, a)}%, and the remaining {c} are being advanced.",
        f"{n} special meetings on petition work and {d} hearings were held, with deputies, committee members and lawyers "
        f"taking part {s} times.",
        f"Public satisfaction with petition handling reached {_pct(b, a)}%, up {rng.randint(1, 9)}.{rng.randint(0, 9)} "
        f"percentage points year-on-year.",
    ])[which % EXTRA_KINDS]


def _zh_document(rng: random.Random) -> str:
    town, _ = _township(rng)
    year = rng.randint(2014, 2024)
    half = rng.random() < 0.4
    period = "上半年" if half else "全年"
    f = _figures(rng)
    people = f["households"] * rng.randint(3, 4)
    change = "上升" if f["total"] >= f["prev"] else "下降"
    out = [f"{town}{year}年{'上半年' if half else ''}信访工作总结", ""]
    out.append(f"{year}年{'上半年' if half else ''}，{town}党委、政府坚持以人民为中心的发展思想，认真贯彻落实《信访工作条例》，"
               f"扎实做好信访维稳各项工作，全{town[-1]}信访形势总体平稳。现将{period}工作总结如下：")
    out += ["", "一、基本情况", ""]
    out.append(f"{town}位于县城{rng.choice(DIRECTIONS)[0]}，总面积{f['area']}平方公里，辖{f['villages']}个行政村、"
               f"{f['communities']}个社区，共{f['households']:,}户{people:,}人。")
    out.append(f"{period}，全{town[-1]}共受理各类信访事项{f['total']}件次，其中来信{f['letters']}件次，来访{f['visits']}件次，"
               f"网上信访{f['online']}件次。信访总量较去年同期的{f['prev']}件次{change}"
               f"{_pct(abs(f['total'] - f['prev']), f['prev'])}%。")
    names = [TOPICS[i][0] for i in f["topics"]]
    counts = f["topic_counts"]
    out.append(f"从反映的内容看，涉及{names[0]}、{names[1]}、{names[2]}的分别为{counts[0]}件次、{counts[1]}件次、"
               f"{counts[2]}件次，分别占{_pct(counts[0], f['total'])}%、{_pct(counts[1], f['total'])}%、"
               f"{_pct(counts[2], f['total'])}%。集体访{f['collective']}批次。")
    out.append(f"已办结{f['done']}件次，办结率{_pct(f['done'], f['total'])}%；其中按期办结{f['ontime']}件次，"
               f"按期办结率{_pct(f['ontime'], f['done'])}%。")
    out += ["", "二、主要做法", ""]
    style = rng.choice(["paren", "digit"])
    practices = []
    for k, (heading, clauses) in enumerate(rng.sample(ZH_MEASURES, rng.randint(2, len(ZH_MEASURES))), 1):
        label = f"（{ZH_NUMERALS[k - 1]}）" if style == "paren" else f"{k}."
        chosen = rng.sample(clauses, rng.randint(2, len(clauses)))
        body = "；".join(f"{ZH_NUMERALS[i]}是{c.format(n=rng.randint(3, 120))}" for i, c in enumerate(chosen))
        practices.append([f"{label}{heading}", body + "。"])
    out.append(PRACTICES)
    out += ["三、存在的问题", ""]
    problems = rng.sample(ZH_PROBLEMS, rng.randint(2, 4))
    out.append("一年来，我们的信访工作虽然取得了一定成效，但也存在一些不足：" +
               "；".join(f"{ZH_NUMERALS[i]}是{p}" for i, p in enumerate(problems)) + "。")
    out += ["", f"四、{'下半年' if half else '下一步'}工作打算", ""]
    for k, (heading, body) in enumerate(rng.sample(ZH_PLANS, rng.randint(2, len(ZH_PLANS))), 1):
        out += [f"（{ZH_NUMERALS[k - 1]}）{heading}。{body}。", ""]
    out.append(f"{town}人民政府")
    out.append(f"{year + (0 if half else 1)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日")
    return _fill(rng, out, practices, "zh")


def _en_document(rng: random.Random) -> str:
    _, town = _township(rng)
    year = rng.randint(2014, 2024)
    half = rng.random() < 0.4
    period = "the first half of the year" if half else "the year"
    f = _figures(rng)
    people = f["households"] * rng.randint(3, 4)
    change = "an increase" if f["total"] >= f["prev"] else "a decrease"
    title = f"Summary of Letters and Visits Work of {town} in {'the First Half of ' if half else ''}{year}"
    out = [title, ""]
    out.append(f"In {'the first half of ' if half else ''}{year}, the Party Committee and Government of {town} adhered to "
               f"the people-centered development thought, implemented the Regulations on Letters and Visits Work and "
               f"carried out all petition and stability work. The petition situation was generally stable. "
               f"The work of {period} is summarized as follows:")
    out += ["", "I. Basic situation", ""]
    out.append(f"{town} is located in the {rng.choice(DIRECTIONS)[1]} of the county, covering {f['area']} square kilometers, "
               f"with {f['villages']} administrative villages and {f['communities']} communities, "
               f"{f['households']:,} households and {people:,} people.")
    out.append(f"During {period}, the town accepted a total of {f['total']} letters and visits, among them "
               f"{f['letters']} letters, {f['visits']} visits and {f['online']} online petitions, {change} of "
               f"{_pct(abs(f['total'] - f['prev']), f['prev'])}% year-on-year compared with {f['prev']}.")
    names = [TOPICS[i][1] for i in f["topics"]]
    counts = f["topic_counts"]
    out.append(f"By content, {counts[0]}, {counts[1]} and {counts[2]} cases involved {names[0]}, {names[1]} and "
               f"{names[2]} respectively, accounting for {_pct(counts[0], f['total'])}%, "
               f"{_pct(counts[1], f['total'])}% and {_pct(counts[2], f['total'])}%. There were {f['collective']} collective visits.")
    out.append(f"{f['done']} cases were concluded, a completion rate of {_pct(f['done'], f['total'])}%, of which "
               f"{f['ontime']} were concluded on time, an on-time rate of {_pct(f['ontime'], f['done'])}%.")
    out += ["", "II. Main practices", ""]
    practices = []
    for k, (heading, clauses) in enumerate(rng.sample(EN_MEASURES, rng.randint(2, len(EN_MEASURES))), 1):
        chosen = rng.sample(clauses, rng.randint(2, len(clauses)))
        body = " ".join(f"{EN_ORDINALS[i]}, {c.format(n=rng.randint(3, 120))}." for i, c in enumerate(chosen))
        practices.append([f"({k}) {heading}", body])
    out.append(PRACTICES)
    out += ["III. Existing problems", ""]
    problems = rng.sample(EN_PROBLEMS, rng.randint(2, 4))
    out.append("Although progress was made, some problems remain. " +
               " ".join(f"{EN_ORDINALS[i]}, {p}." for i, p in enumerate(problems)))
    out += ["", f"IV. Work plan for {'the second half of the year' if half else 'next year'}", ""]
    for k, (heading, body) in enumerate(rng.sample(EN_PLANS, rng.randint(2, len(EN_PLANS))), 1):
        out += [f"{k}. {heading}. {body.capitalize()}.", ""]
    out.append(f"People's Government of {town}")
    return _fill(rng, out, practices, "en")


PRACTICES = object()  # where the practices section goes in a document's lines


def _render(lines: list, practices: list[list[str]]) -> str:
    body = "\n\n".join("\n\n".join(section) for section in practices) + "\n"
    return "\n".join(body if line is PRACTICES else line for line in lines) + "\n"


def _fill(rng: random.Random, lines: list, practices: list[list[str]], language: str) -> str:
    """Add narrative paragraphs to the practices until a random target size of 2-8 KB is reached."""
    target = rng.randint(MIN_BYTES + 200, MAX_BYTES - 600)
    text = _render(lines, practices)
    order: list[int] = []
    while len(text.encode("utf-8")) < target:
        if not order:  # every template once before any repeats
            order = rng.sample(range(EXTRA_KINDS), EXTRA_KINDS)
        paragraph = _extra(rng, language, order.pop())
        if len(text.encode("utf-8")) + len(paragraph.encode("utf-8")) + 2 > MAX_BYTES:
            break
        rng.choice(practices).append(paragraph)
        text = _render(lines, practices)
    return text


def document(rng: random.Random, language: str) -> str:
    """One summary of 2-8 KB (UTF-8) in `language` ('zh' or 'en')."""
    make = _zh_document if language == "zh" else _en_document
    for _ in range(50):
        text = make(rng)
        size = len(text.encode("utf-8"))
        if MIN_BYTES <= size <= MAX_BYTES:
            return text
    raise RuntimeError("could not compose a document within 2-8 KB")  # pragma: no cover


def generate(n: int, seed: int, out_dir: Path) -> list[Path]:
    """Write `n` summaries (alternating zh/en, seeded) into out_dir; return their paths in order."""
    rng = random.Random(seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        language = "zh" if i % 2 == 0 else "en"
        path = out_dir / f"{i:06d}_{language}.txt"
        path.write_text(document(rng, language), encoding="utf-8")
        paths.append(path)
    return paths
