"""Fixtures of the corrections tests: corpus summaries in zh and en, processed once."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pipeline.process import process_path

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
EN_FILE = CORPUS / "en_yanjing_2015_annual.txt"
ZH_FILE = CORPUS / "zh_shuikou_2020_h1.txt"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def processed():
    """file name -> (ProcessedFile without classifiers, content hash)."""
    return {path.name: (process_path(path, classify=False), sha(path)) for path in (EN_FILE, ZH_FILE)}
