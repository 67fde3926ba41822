"""`petition-miner gold`: maintainer tools for the real development set (add, draft, validate, merge)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.common import EXIT_ERROR, EXIT_OK, VersionOption, report_error, write_stdout
from pipeline.errors import InputError, PetitionMinerError
from pipeline.ingest import read_file_text
from pipeline.gold import GoldDocument, GoldFact, GoldFile, GoldSpan
from pipeline.realset import DEFAULT_TEXTS, ManifestEntry, gold_problems, load_manifest, load_real_gold, merged_manifest, read_jsonl, split_of, text_sha256, QueryEntry

gold_app = typer.Typer(help="Maintainer tools for the real development set (corpus/real).",
                       no_args_is_help=True, add_completion=False)


@gold_app.callback()
def _gold_options(version: VersionOption = False) -> None:
    """Maintainer tools for the real development set (corpus/real)."""

GOLD_FACT_FIELDS = ("id", "surface", "start", "end", "value", "unit", "kind", "indicator", "qualifier",
                    "part_of", "refers_to", "per", "scope", "flags")


@gold_app.command("add")
def add_command(
    text: Annotated[Path, typer.Argument(help="The saved text, named <id>.txt.")],
    query: Annotated[str, typer.Option(help="The search query that found it.")],
    url: Annotated[str, typer.Option(help="The page's address.")],
    manifest: Annotated[Path, typer.Option(help="The JSONL manifest to append to.")],
    language: Annotated[str, typer.Option(help="zh or en.")] = "zh",
    kind: Annotated[str, typer.Option(help="summary, news, report, ...")] = "summary",
    note: Annotated[str, typer.Option(help="Anything a later reader should know.")] = "",
    version: VersionOption = False,
) -> None:
    """Append the manifest entry of a saved text (its sha256 and length computed here)."""
    body = text.read_text(encoding="utf-8")
    entry = ManifestEntry(id=text.stem, query=query, url=url, sha256=text_sha256(text), length=len(body),
                          language=language, split=split_of(url), gathered=date.today().isoformat(), kind=kind,
                          note=note)
    with manifest.open("a", encoding="utf-8") as handle:
        handle.write(entry.model_dump_json() + "\n")
    write_stdout(f"added {entry.id} ({entry.length} characters)")


def draft_gold(path: Path) -> GoldFile:
    """A gold file drafted from today's pipeline, to be corrected by a person who reads the text."""
    from pipeline.process import process_file

    documents = []
    for record in process_file(path):
        facts = tuple(GoldFact(**{name: getattr(fact, name) for name in GOLD_FACT_FIELDS})
                      for fact in record.facts)
        documents.append(GoldDocument(
            part=record.part, start=record.start, end=record.end, language=record.language,
            township=record.township, period=record.period,
            section_kinds=tuple(sorted({s.kind for s in record.sections} - {"other"})),
            facts=facts,
            placeholders=tuple(GoldSpan(surface=p.surface, start=p.start, end=p.end) for p in record.placeholders),
            measure_categories=tuple(sorted({c for m in record.measures for c in m.categories})),
            problem_categories=tuple(sorted({c for p in record.problems for c in p.categories})),
        ))
    return GoldFile(file=path.name, documents=tuple(documents))


@gold_app.command("draft")
def draft_command(text: Annotated[Path, typer.Argument(help="A saved text.")], version: VersionOption = False) -> None:
    """Print a gold draft of the text from today's pipeline (review every figure before keeping it)."""
    try:
        gold = draft_gold(text)
    except PetitionMinerError as error:
        report_error(error)
        raise typer.Exit(EXIT_ERROR)
    write_stdout(json.dumps(gold.model_dump(mode="json"), ensure_ascii=False, indent=1))


@gold_app.command("validate")
def validate_command(
    real: Annotated[Path, typer.Argument(help="The real-set folder.")] = Path("corpus/real"),
    texts: Annotated[Optional[Path], typer.Option(help="Folder of the saved texts (default: real-texts/).")] = None,
    manifest_file: Annotated[Optional[Path], typer.Option("--manifest", help="Another manifest file.")] = None,
    version: VersionOption = False,
) -> None:
    """Check every gold file against its text: offsets, surfaces, fact references."""
    texts = texts or DEFAULT_TEXTS
    try:
        manifest = read_jsonl(manifest_file, ManifestEntry) if manifest_file else load_manifest(real)
    except InputError as error:
        report_error(error)
        raise typer.Exit(EXIT_ERROR)
    bad = 0
    for entry in manifest:
        path = texts / f"{entry.id}.txt"
        gold = load_real_gold(real, entry.id)
        if gold is None:
            write_stdout(f"{entry.id}: no gold yet")
            continue
        if not path.is_file():
            write_stdout(f"{entry.id}: text missing, gold not checked")
            continue
        if text_sha256(path) != entry.sha256:
            write_stdout(f"{entry.id}: text differs from the manifest's sha256")
            bad += 1
            continue
        for problem in gold_problems(gold, read_file_text(path)[0]):
            write_stdout(f"{entry.id}: {problem}")
            bad += 1
    write_stdout(f"{len(manifest)} entries, {bad} problems")
    raise typer.Exit(EXIT_ERROR if bad else EXIT_OK)


@gold_app.command("merge")
def merge_command(
    real: Annotated[Path, typer.Argument(help="The real-set folder holding manifest.*.jsonl fragments.")] = Path("corpus/real"),
    version: VersionOption = False,
) -> None:
    """Merge manifest.*.jsonl and queries.*.jsonl fragments into manifest.jsonl and queries.jsonl
    (each text in the split its URL's hash gives: about a third in the untouched test split)."""
    fragments = sorted(real.glob("manifest.*.jsonl"))
    existing = [real / "manifest.jsonl"] if (real / "manifest.jsonl").is_file() else []
    entries = [entry for path in (*existing, *fragments) for entry in read_jsonl(path, ManifestEntry)]
    merged = merged_manifest(entries)
    write_jsonl(real / "manifest.jsonl", merged)
    query_fragments = sorted(real.glob("queries.*.jsonl"))
    query_files = ([real / "queries.jsonl"] if (real / "queries.jsonl").is_file() else []) + query_fragments
    queries = [q for path in query_files for q in read_jsonl(path, QueryEntry)]
    write_jsonl(real / "queries.jsonl", queries)
    for path in (*fragments, *query_fragments):
        path.unlink()
    tests = sum(entry.split == "test" for entry in merged)
    write_stdout(f"{len(merged)} texts ({tests} in the test split), {len(queries)} queries")


def write_jsonl(path: Path, items) -> None:
    path.write_text("".join(item.model_dump_json() + "\n" for item in items), encoding="utf-8")
