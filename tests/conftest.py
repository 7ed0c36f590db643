"""Shared fixtures: the seed corpus parsed once per session."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from wpanalysis import config
from wpanalysis.build import build_corpus, parse_file
from wpanalysis.targets import targets_table

RAW = config.RAW_DATA_DIR
SEED_FILES = sorted(p.name for p in RAW.glob("*.txt"))
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def seed_plans():
    """{file name: ParsedPlan} for the five seed files."""
    return {name: parse_file(RAW / name) for name in SEED_FILES}


@pytest.fixture(scope="module")
def items() -> pd.DataFrame:
    """The items table of the (frozen) seed corpus, built afresh."""
    return build_corpus().items


@pytest.fixture(scope="module")
def predicted(items) -> pd.DataFrame:
    """The targets the extractor finds in :func:`items`."""
    return targets_table(items)
