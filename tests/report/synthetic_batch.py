"""A large batch made directly as the report's summaries (no extraction): townships, periods, rates, units."""

from __future__ import annotations

import random

from pipeline.report.overview import DocumentSummary
from pipeline.schema import MEASURE_CATEGORIES, PROBLEM_CATEGORIES, Period
from pipeline.table import SECTION_FLAG_COLUMNS
from pipeline.townships import assign_township_keys

FIRST = "白青石河东西南北新安长清金龙凤云松柳桃杨高平永兴太华明光宝山水"
SECOND = "鹭沙桥口坪岭湾塘溪田坝庄湖林园城关台门镇堡铺集"
SUFFIXES = ("镇", "乡", "街道")
PERIODS = [Period(year=year, half=half, raw=f"{year}年{'上' if half == 1 else '下'}半年", kind="half")
           for year in range(2019, 2023) for half in (1, 2)]
RULES = (("rate-mismatch", "error"), ("conflicting-values", "warning"), ("missing-section", "warning"))


def township_names(count: int) -> list[str]:
    """`count` distinct Chinese township names (two characters and a suffix)."""
    names = [f"{a}{b}{s}" for s in SUFFIXES for a in FIRST for b in SECOND]
    return names[:count]


def synthetic_summaries(total: int = 10_000, townships: int = 1_250, seed: int = 17) -> list[DocumentSummary]:
    """`total` summaries of `townships` townships, each over the periods in turn; a few translated
    into English (Latin names) and a few whose recomputed rate departs from the stated one."""
    rng = random.Random(seed)
    names = township_names(townships)
    summaries = []
    for n in range(total):
        name, period = names[n % townships], PERIODS[(n // townships) % len(PERIODS)]
        received = rng.randint(8, 400)
        settled = received - rng.randint(0, max(1, received // 8))
        if n % 97 == 0:
            settled = received + rng.randint(1, 5)  # more settled than received
        recomputed = round(100 * settled / received, 1)
        stated = recomputed if n % 11 else round(min(100.0, recomputed + rng.uniform(1, 6)), 1)
        findings = tuple(RULES[k] for k in range(len(RULES)) if rng.random() < 0.08)
        measures = {c: rng.randint(0, 4) for c in MEASURE_CATEGORIES}
        problems = {c: rng.randint(0, 2) for c in PROBLEM_CATEGORIES}
        row = {"doc_id": f"s{n:05d}#1", "source": f"batch/s{n:05d}.txt", "part": 1, "township": name,
               "year": period.year, "half": period.half, "quarter": None, "period_kind": period.kind,
               "period": period.raw, "language": "zh",
               **{column: True for column in SECTION_FLAG_COLUMNS.values()},
               "petitions_total": received, "cases_settled": settled, "settlement_rate": stated,
               "settlement_rate_recomputed": recomputed, "satisfaction_rate": round(rng.uniform(90, 100), 1),
               **{f"measures_{c}": k for c, k in measures.items()}, **{f"problems_{c}": k for c, k in problems.items()},
               **{f"findings_{s}": sum(sev == s for _, sev in findings) for s in ("error", "warning", "info")}}
        summaries.append(DocumentSummary(row["doc_id"], row["source"], name, period, "zh", sum(measures.values()),
                                         findings, row, sum(problems.values())))
    assign_township_keys([s.row for s in summaries])
    return summaries
