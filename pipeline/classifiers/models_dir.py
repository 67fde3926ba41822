"""Where the committed models live (models/ at the repository's root), apart from the code that reads them."""

from __future__ import annotations

from pathlib import Path

MODELS_DIR = Path(__file__).resolve().parents[2] / "models"
