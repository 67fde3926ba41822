"""What researchers load: table.csv, facts.csv and their Parquet twins in pandas and DuckDB, the same
ids whatever the labels, a BOM for Excel, fact_flags, township keys (alias table) and the store's view."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from cli.run import _module_ready

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
FILES = ("en_bailu_2021_annual.txt", "zh_bailu_2021_annual.txt", "zh_fengtai_2018_annual.txt",
         "en_gaopo_2018_annual.txt", "zh_xinzhai_2017_annual.txt")
ALIASES = "name,alias\n高坡乡,Gaopo Township\n"
needs = pytest.mark.skipif(not (_module_ready("duckdb") and _module_ready("pyarrow")),
                           reason="needs the store and parquet extras (duckdb, pyarrow)")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("machine")
    inputs = folder / "in"
    inputs.mkdir()
    for name in FILES:
        shutil.copy(CORPUS / name, inputs / name)
    (inputs / "townships.csv").write_text(ALIASES, encoding="utf-8")
    outs = {}
    for labels in ("en", "zh"):
        out = folder / labels
        result = CliRunner().invoke(app, ["run", str(inputs), "--out", str(out), "--labels", labels])
        assert result.exit_code == 0, result.output
        outs[labels] = out
    return outs


@needs
@pytest.mark.parametrize("name", ["table", "facts"])
def test_machine_outputs_load_alike_in_pandas_and_duckdb(outputs, name: str) -> None:
    import duckdb
    import pandas as pd

    out = outputs["zh"]
    csv, parquet = pd.read_csv(out / f"{name}.csv"), pd.read_parquet(out / f"{name}.parquet")
    assert list(csv.columns) == list(parquet.columns) and csv.columns[0] == "doc_id"
    assert list(csv["doc_id"]) == list(parquet["doc_id"]) and len(csv) > 4
    for source in (f"read_csv('{out / name}.csv')", f"'{out / name}.parquet'"):
        columns = [row[0] for row in duckdb.sql(f"DESCRIBE SELECT * FROM {source}").fetchall()]
        assert columns == list(csv.columns)
        assert duckdb.sql(f"SELECT count(*) FROM {source}").fetchall() == [(len(csv),)]


@needs
def test_machine_outputs_keep_ids_whatever_the_labels(outputs) -> None:
    for name in ("table.csv", "facts.csv", "table.parquet", "facts.parquet", "records.jsonl"):
        assert (outputs["en"] / name).read_bytes() == (outputs["zh"] / name).read_bytes(), name


@needs
def test_machine_csvs_start_with_a_bom_for_excel(outputs) -> None:
    for name in ("table.csv", "facts.csv"):
        data = (outputs["zh"] / name).read_bytes()
        assert data.startswith(b"\xef\xbb\xbfdoc_id,") and "镇".encode() in data
        assert data.count(b"\xef\xbb\xbf") == 1


@needs
def test_facts_flags_column_is_not_shadowed_by_pandas(outputs) -> None:
    import pandas as pd

    for facts in (pd.read_csv(outputs["zh"] / "facts.csv"), pd.read_parquet(outputs["zh"] / "facts.parquet")):
        assert "flags" not in facts.columns and "fact_flags" in facts.columns
        assert len(facts.fact_flags) == len(facts)  # an attribute that is the column, not DataFrame.flags
    assert list(pd.read_parquet(outputs["zh"] / "facts.parquet")["fact_flags"].iloc[0]) == []


@needs
def test_table_parquet_types_are_the_same_in_every_batch(outputs) -> None:
    import pyarrow.parquet as pq

    schema = pq.read_schema(outputs["zh"] / "table.parquet")
    assert str(schema.field("year").type) == "int64" and str(schema.field("quarter").type) == "int64"
    assert str(schema.field("petitions_total").type) == "double"
    assert str(schema.field("period_kind").type) == "string" and str(schema.field("has_plans").type) == "bool"


@needs
def test_township_keys_group_translations_traditional_and_aliases(outputs) -> None:
    import pandas as pd

    table = pd.read_csv(outputs["zh"] / "table.csv").set_index("township")
    assert table.loc["Bailu Town", "township_key"] == table.loc["白鹭镇", "township_key"] == "白鹭"
    assert table.loc["鳳台鎮", "township_key"] == "凤台"
    assert table.loc["Gaopo Township", "township_key"] == "高坡"  # from townships.csv
    assert set(table["period_kind"]) <= {"year", "half", "quarter", "nine_months", "months"}


@needs
def test_store_summaries_view_has_the_same_keys_as_the_table(outputs) -> None:
    import duckdb
    import pandas as pd

    table = pd.read_csv(outputs["zh"] / "table.csv")
    with duckdb.connect(str(outputs["zh"] / "petitions.duckdb"), read_only=True) as con:
        stored = dict(con.execute("SELECT doc_id, township_key FROM summaries").fetchall())
        kinds = dict(con.execute("SELECT doc_id, period_kind FROM summaries").fetchall())
    assert stored == dict(zip(table["doc_id"], table["township_key"]))
    assert kinds == dict(zip(table["doc_id"], table["period_kind"]))


def test_run_refuses_a_bad_alias_table_with_exit_2(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(CORPUS / FILES[0], inputs / FILES[0])
    (inputs / "townships.csv").write_text("township;other\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(inputs), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "E410" in result.output and "townships.csv" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()
