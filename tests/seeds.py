"""Where the tests find the seed corpus: the frozen copy in ``tests/seed_corpus/``, copied to a
temporary folder and built there by the root ``conftest.py`` at the start of each session.

Tests name these paths instead of the package defaults, so it is plain in every test that it reads
the frozen seeds and never a researcher's ``data/raw/``.
"""

from __future__ import annotations

from pathlib import Path

from wpanalysis import config

SEED_ROOT: Path = config.PROJECT_ROOT
"""The session's built copy of ``tests/seed_corpus/`` (``WPANALYSIS_ROOT``, set by conftest.py)."""
if SEED_ROOT == config.PACKAGE_DIR.parent:
    raise RuntimeError("the test session must run on the frozen seed corpus: run pytest from the repository root")

SEED_RAW = SEED_ROOT / "data" / "raw"
SEED_REGISTRY = SEED_RAW / "documents.csv"
SEED_PROCESSED = SEED_ROOT / "data" / "processed"
SEED_ANNOTATIONS = SEED_ROOT / "data" / "annotations"
