"""Where the user's sample is: beside the repository (../shared/seeds) or its copy in tests/data."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SEED_NAME = "000_e0e5e41776e59551.txt"
SEED_PATH = next((p for p in (REPO_ROOT.parent / "shared" / "seeds" / SEED_NAME,
                              REPO_ROOT / "tests" / "data" / "seeds" / SEED_NAME) if p.is_file()),
                 REPO_ROOT / "tests" / "data" / "seeds" / SEED_NAME)
