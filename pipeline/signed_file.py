"""Cache files that check themselves: a marshal payload after its SHA-256, written atomically."""

from __future__ import annotations

import hashlib
import marshal
from pathlib import Path

from pipeline.atomic import atomic_path

DIGEST_BYTES = 32  # the SHA-256 that opens each file and checks its payload


def read_signed(path: Path) -> object | None:
    """The value stored at `path`; None when it is missing, unreadable, torn or altered."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    payload = data[DIGEST_BYTES:]
    if hashlib.sha256(payload).digest() != data[:DIGEST_BYTES]:
        return None  # torn or altered: built anew
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None


def write_signed(path: Path, value: object) -> None:
    """Store `value` at `path`; a read-only or full disk, or a value marshal cannot write, stores
    nothing (the value is built again next time)."""
    try:
        payload = marshal.dumps(value)
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as temporary:
            temporary.write_bytes(hashlib.sha256(payload).digest() + payload)
    except (OSError, ValueError):
        pass
