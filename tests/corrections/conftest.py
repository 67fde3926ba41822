"""Fixtures of the corrections tests: corpus summaries in zh and en, processed once."""

from __future__ import annotations

import pytest

from corrections_corpus import EN_FILE, ZH_FILE, sha
from pipeline.process import process_path


@pytest.fixture(scope="session")
def processed():
    """file name -> (ProcessedFile without classifiers, content hash)."""
    return {path.name: (process_path(path, classify=False), sha(path)) for path in (EN_FILE, ZH_FILE)}
