"""Shared fixtures: the seed corpus parsed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from wpanalysis import config
from wpanalysis.build import parse_file

RAW = config.RAW_DATA_DIR
SEED_FILES = sorted(p.name for p in RAW.glob("*.txt"))
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def seed_plans():
    """{file name: ParsedPlan} for the five seed files."""
    return {name: parse_file(RAW / name) for name in SEED_FILES}
