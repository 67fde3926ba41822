"""Every SQL block of README.md and docs/*.md, run against the store of a run on the corpus, answers
what the outputs say: each statement is named by its first comment line, and each name has a check."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from cli.run import _module_ready

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"```sql\n(.*?)```", re.S)
pytestmark = pytest.mark.skipif(not (_module_ready("duckdb") and _module_ready("pyarrow")),
                                reason="needs the store and parquet extras")


def statements() -> list[tuple[str, str, str]]:
    """(document, name, SQL) of every statement of every SQL block; the name is its first comment."""
    found = []
    for doc in DOCS:
        for block in BLOCK.findall(doc.read_text(encoding="utf-8")):
            for sql in (part.strip() for part in re.split(r";\s*\n", block + "\n")):
                if not sql:
                    continue
                first = sql.splitlines()[0]
                name = first[2:].strip() if first.startswith("--") else ""
                found.append((doc.name, name, sql))
    return found


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """The folder holding out/, the outputs of `run corpus/` (the demo store included)."""
    folder = tmp_path_factory.mktemp("docs-sql")
    result = CliRunner().invoke(app, ["run", str(ROOT / "corpus"), "--out", str(folder / "out")])
    assert result.exit_code == 0, result.output
    return folder


def _same(left, right) -> bool:
    missing = lambda v: v is None or (isinstance(v, float) and math.isnan(v))  # noqa: E731
    return (missing(left) and missing(right)) or (not missing(left) and not missing(right)
                                                  and abs(float(left) - float(right)) < 1e-9)


def check_rates(result, out: Path, con) -> None:
    import pandas as pd

    table = pd.read_csv(out / "table.csv").set_index("doc_id")
    assert len(result) == len(table)
    for row in result.itertuples():
        assert _same(row.reported_rate, table.loc[row.doc_id, "settlement_rate"]), row
        assert _same(row.recomputed_rate, table.loc[row.doc_id, "settlement_rate_recomputed"]), row
    # the known trap: max over every figure gives another rate for a summary stating two totals
    maxed = dict(con.execute("""
        SELECT doc_id, round(100 * max(value) FILTER (WHERE indicator = 'cases_settled')
               / nullif(max(value) FILTER (WHERE indicator = 'petitions_total'), 0), 1)
        FROM facts WHERE scope IS NULL AND kind IN ('count', 'rate') GROUP BY doc_id""").fetchall())
    assert any(not _same(maxed.get(row.doc_id), row.recomputed_rate) for row in result.itertuples())


def check_measures_by_year(result, out: Path, con) -> None:
    counts: Counter = Counter()
    for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for measure in record["measures"]:
            counts.update((record["period"]["year"], c) for c in measure["categories"])
    import pandas as pd

    got = {(None if pd.isna(row.year) else int(row.year), row.category): row.measures for row in result.itertuples()}
    assert got == dict(counts)


def check_keys_by_kind(result, out: Path, con) -> None:
    import pandas as pd

    table = pd.read_parquet(out / "table.parquet")
    expected = table.groupby(["township_key", "period_kind"], dropna=False).size()
    assert result["summaries"].sum() == len(table)
    assert sorted(result["summaries"]) == sorted(expected)


CHECKS = {
    "settlement rate by township and period": check_rates,
    "measure categories by year": check_measures_by_year,
    "summaries per township key and period kind": check_keys_by_kind,
}


def test_docs_sql_every_statement_is_named_and_checked() -> None:
    found = statements()
    assert {doc for doc, _, _ in found} >= {"README.md", "run.md"}
    unchecked = [(doc, name or sql.splitlines()[0]) for doc, name, sql in found
                 if not any(name.startswith(key) for key in CHECKS)]
    assert unchecked == [], "name each SQL statement with a first comment line that tests/test_docs_sql.py checks"


@pytest.mark.parametrize("doc, name, sql", statements(), ids=[f"{d}:{n[:40]}" for d, n, _ in statements()])
def test_docs_sql_statement_gives_the_known_answer(demo: Path, monkeypatch, doc: str, name: str, sql: str) -> None:
    import duckdb

    monkeypatch.chdir(demo)  # the docs name files as out/...
    check = next(check for key, check in CHECKS.items() if name.startswith(key))
    with duckdb.connect(str(demo / "out" / "petitions.duckdb"), read_only=True) as con:
        result = con.execute(sql).df()
        assert len(result) > 0
        check(result, demo / "out", con)
