"""The real development set: its manifest, the texts it names (kept outside git) and their gold."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from pipeline.errors import InputError
from pipeline.gold import GoldFile, load_gold_file

Split = Literal["dev", "test"]
# Where the gathered texts live: outside corpus/ (whose files `make demo` runs) and outside git.
DEFAULT_TEXTS = Path("real-texts")


class ManifestEntry(BaseModel):
    """One gathered page: where it came from and the fingerprint of the text as saved."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    query: str
    url: str
    sha256: str
    length: int
    language: Literal["zh", "en"]
    split: Split
    gathered: str
    kind: str = "summary"
    note: str = ""

    @property
    def of_the_genre(self) -> bool:
        """A work summary or a news item reporting one (the set's measure); the other pages (essays,
        commentaries, speeches, ...) were kept for their problem statements and are scored apart."""
        return self.kind in GENRE_KINDS


GENRE_KINDS = frozenset({"summary", "news", "template-collection"})


class QueryEntry(BaseModel):
    """One query tried while gathering, and what it gave."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    query: str
    results: int
    kept: tuple[str, ...] = ()
    guard_dropped: int = 0
    note: str = ""


def read_jsonl(path: Path, model: type[BaseModel]) -> list:
    """Every line of a JSONL file validated into `model`; a bad line names the file and line."""
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            items.append(model.model_validate(json.loads(line)))
        except (ValueError, ValidationError) as exc:
            raise InputError(f"line {number}: invalid entry ({str(exc)[:200]})", path) from exc
    return items


def load_manifest(real: Path) -> list[ManifestEntry]:
    path = real / "manifest.jsonl"
    if not path.is_file():
        raise InputError("no manifest.jsonl here; pass the real-set folder (corpus/real)", real)
    return read_jsonl(path, ManifestEntry)


def text_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class TextStatus:
    """Whether the text a manifest entry names is present and unchanged."""

    entry: ManifestEntry
    path: Path
    state: Literal["ok", "missing", "changed"]


def check_texts(manifest: list[ManifestEntry], texts: Path) -> list[TextStatus]:
    """The state of every manifest text under `texts` (by sha256 of the bytes as saved)."""
    statuses = []
    for entry in manifest:
        path = texts / f"{entry.id}.txt"
        if not path.is_file():
            state = "missing"
        else:
            state = "ok" if text_sha256(path) == entry.sha256 else "changed"
        statuses.append(TextStatus(entry, path, state))
    return statuses


def load_real_gold(real: Path, entry_id: str) -> GoldFile | None:
    path = real / "gold" / f"{entry_id}.json"
    return load_gold_file(path) if path.is_file() else None


def gold_problems(gold: GoldFile, text: str) -> list[str]:
    """Every way a gold file disagrees with its text or with itself (empty when it is sound)."""
    problems = []
    for number, document in enumerate(gold.documents, 1):
        ids = [fact.id for fact in document.facts]
        if len(ids) != len(set(ids)):
            problems.append(f"document {number}: duplicate fact ids")
        known = set(ids)
        for fact in document.facts:
            if text[fact.start:fact.end] != fact.surface:
                problems.append(f"{fact.id}: text[{fact.start}:{fact.end}] is "
                                f"{text[fact.start:fact.end]!r}, not {fact.surface!r}")
            for relation in (fact.part_of, fact.refers_to):
                if relation is not None and relation not in known:
                    problems.append(f"{fact.id}: names unknown fact {relation}")
        for span in document.placeholders:
            if text[span.start:span.end] != span.surface:
                problems.append(f"span {span.start}-{span.end}: text there is not {span.surface!r}")
        for error in document.arithmetic_errors:
            for fact_id in error.facts:
                if fact_id not in known:
                    problems.append(f"arithmetic error {error.rule}: names unknown fact {fact_id}")
    return problems


TEST_SHARE = 0.35


def split_of(url: str) -> Split:
    """The split of a page, decided by a hash of its URL alone, so that a text's split is known the
    moment it is gathered (before anyone reads it) and never changes when the set grows."""
    digest = int.from_bytes(hashlib.blake2b(url.encode("utf-8"), digest_size=8).digest(), "big")
    return "test" if digest / 2**64 < TEST_SHARE else "dev"


def merged_manifest(entries: list[ManifestEntry]) -> list[ManifestEntry]:
    """Fragments merged into one manifest: one entry per URL, each in the split its URL gives."""
    unique: dict[str, ManifestEntry] = {}
    for entry in entries:
        unique.setdefault(entry.url, entry)
    return sorted((e.model_copy(update={"split": split_of(e.url)}) for e in unique.values()), key=lambda e: e.id)
