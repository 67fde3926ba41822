"""Shared fixtures: the repository root, the seed file, a Chinese summary, the golden switch."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = Path(__file__).resolve().parent / "data"
# The user's sample sits beside the repository (../shared/seeds); a copy of it, unchanged, is
# kept in tests/data/seeds so that the seed tests run wherever the repository is cloned.
from seed_location import SEED_PATH  # noqa: E402


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files under tests/golden from the current output instead of comparing.",
    )


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands choose their language from the locale: the tests run in an English one unless a
    test sets another (or passes --lang)."""
    for variable in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA_DIR


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The sample file of two English summaries; tests that need it skip when it is absent."""
    if not SEED_PATH.is_file():
        pytest.skip(f"seed file not found at {SEED_PATH}")
    return SEED_PATH


@pytest.fixture(scope="session")
def zh_summary_path() -> Path:
    return DATA_DIR / "zh_levels.txt"


@pytest.fixture(scope="session")
def zh_summary_text(zh_summary_path: Path) -> str:
    """A Chinese summary written for these tests: 一、/（一）/1. levels, 一是/二是 clauses, five kinds."""
    return zh_summary_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when pytest runs with --update-golden: golden tests rewrite instead of compare."""
    return bool(request.config.getoption("--update-golden"))
