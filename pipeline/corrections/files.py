"""Finding, reading and writing corrections files (YAML or CSV), every bad entry a coded error naming it."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path
from typing import Iterable

import yaml
from pydantic import TypeAdapter, ValidationError

from pipeline.atomic import write_text
from pipeline.corrections.locate import NAMES, configured_path, find_corrections  # noqa: F401  (re-exported)
from pipeline.corrections.model import CorrectionsFile, Entry
from pipeline.errors import CorrectionsError

CSV_COLUMNS = ("action", "file", "source", "part", "start", "end", "surface", "rule", "field", "value", "reason")
MAX_BYTES = 50 * 1024 * 1024
_ENTRY = TypeAdapter(Entry)


def _describe(error: ValidationError, action: str) -> str:
    first = error.errors()[0]
    loc = first["loc"][1:] if first["loc"][:1] == (action,) else first["loc"]  # the union's tag
    key = ".".join(str(part) for part in loc)
    message = first["msg"].removeprefix("Value error, ")
    if key == "file" and first["type"] == "string_pattern_mismatch":
        message = "expected the sha256 of the file's bytes (64 hex digits, `sha256sum FILE`)"
    return f"{key}: {message}" if key else message


def validate_entries(raw: Iterable, path: Path) -> CorrectionsFile:
    """Each raw entry validated on its own, so that an error names the entry."""
    entries = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            raise CorrectionsError(f"entry {index + 1}: expected a mapping, found {type(item).__name__}", path)
        try:
            entries.append(_ENTRY.validate_python(item))
        except ValidationError as error:
            action = item.get("action", "?")
            raise CorrectionsError(f"entry {index + 1} ({action}): {_describe(error, action)}; fix or delete the entry",
                                   path) from error
    return CorrectionsFile(entries=tuple(entries))


def _read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise CorrectionsError(f"is larger than {MAX_BYTES // 2**20} MB", path)
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError as error:
        raise CorrectionsError("no such corrections file; fix the path", path) from error
    except OSError as error:
        raise CorrectionsError(f"cannot be read ({error.strerror or error})", path) from error
    except UnicodeDecodeError as error:
        raise CorrectionsError("is not UTF-8 text; save it as UTF-8", path) from error


def _yaml_entries(text: str, path: Path) -> list:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise CorrectionsError(f"is not valid YAML ({str(error).splitlines()[0]})", path) from error
    if data is None:
        return []
    if not isinstance(data, dict) or set(data) - {"version", "entries"}:
        raise CorrectionsError("expected a mapping with the keys version (1) and entries (a list)", path)
    if data.get("version", 1) != 1:
        raise CorrectionsError(f"version {data.get('version')!r} is not known; this release reads version 1", path)
    entries = data.get("entries") or []
    if not isinstance(entries, list):
        raise CorrectionsError("entries: expected a list", path)
    return entries


def _csv_entries(text: str, path: Path) -> list[dict]:
    """CSV rows, one field each, grouped into entries: rows of one action, file, part, span and rule
    make one entry; `field`/`value` set a figure field (set_fact), a figure (add_fact), the categories
    of a measure or problem (set_unit: field measure|problem, value a;b) or a township/period field."""
    rows = list(csv.DictReader(io.StringIO(text)))
    if rows and (missing := [c for c in ("action", "file") if c not in rows[0]]):
        raise CorrectionsError(f"the CSV header lacks {', '.join(missing)}; columns: {','.join(CSV_COLUMNS)}", path)
    grouped: dict[tuple, dict] = {}
    for row in rows:
        row = {k: (v or "").strip() for k, v in row.items() if k}
        key = tuple(row.get(c, "") for c in ("action", "file", "part", "start", "end", "rule"))
        entry = grouped.setdefault(key, {k: row[k] for k in ("action", "file", "source", "part", "start", "end",
                                                              "surface", "rule", "reason") if row.get(k)})
        if "surface" in row and row["surface"]:
            entry["surface"] = row["surface"]  # a surface of spaces only is kept as written
        field, value = row.get("field", ""), row.get("value", "")
        if not field:
            continue
        if entry["action"] == "set_fact":
            entry.setdefault("set", {})[field] = value or None
        elif entry["action"] == "set_unit":
            entry.update(unit=field, categories=[c for c in value.split(";") if c])
        elif field.startswith("period."):
            entry.setdefault("period", {})[field.removeprefix("period.")] = value or None
        else:
            entry[field] = value or None
    return list(grouped.values())


def read_corrections(path: Path) -> CorrectionsFile:
    """A corrections file, YAML or CSV by its suffix."""
    text = _read_text(path)
    raw = _csv_entries(text, path) if path.suffix.lower() == ".csv" else _yaml_entries(text, path)
    return validate_entries(raw, path)


class _Dumper(yaml.SafeDumper):
    """Strings holding a character YAML reads as a line break (or any control character) are
    written double-quoted, where they are escaped, so that every surface reads back as written."""


def _string(dumper: yaml.SafeDumper, value: str):
    risky = any(ch in "\x85\u2028\u2029\r" or (ord(ch) < 32 and ch != "\n") for ch in value)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if risky else None)


_Dumper.add_representer(str, _string)


def dump_yaml(corrections: CorrectionsFile) -> str:
    data = {"version": 1, "entries": [_entry_dict(entry) for entry in corrections.entries]}
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)


def _entry_dict(entry) -> dict:
    data = entry.model_dump(mode="json", exclude_none=True)
    if entry.action == "set_fact":
        data["set"] = entry.set.model_dump(mode="json", include=entry.set.model_fields_set)
    return {"action": data.pop("action"), **data}


def write_corrections(corrections: CorrectionsFile, path: Path) -> None:
    """Written atomically as YAML (the CSV form is for hand editing in a spreadsheet)."""
    write_text(path, dump_yaml(corrections))


def load_corrections(paths: Iterable[Path], given: Path | None = None, cwd: Path | None = None) -> CorrectionsFile:
    """Every entry of the corrections files that apply, in order."""
    entries = []
    for path in find_corrections(list(paths), given, cwd):
        entries.extend(read_corrections(path).entries)
    return CorrectionsFile(entries=tuple(entries))


def corrections_digest(corrections: CorrectionsFile) -> str:
    """What stored records depend on: the entries' content."""
    return hashlib.sha256(dump_yaml(corrections).encode("utf-8")).hexdigest()
