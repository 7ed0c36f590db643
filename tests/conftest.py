"""Shared fixtures: the seed corpus parsed once per session."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.seeds import SEED_PROCESSED, SEED_RAW, SEED_REGISTRY
from wpanalysis.build import build_corpus, load_corpus, parse_file
from wpanalysis.targets import targets_table

RAW = SEED_RAW
SEED_FILES = sorted(p.name for p in RAW.glob("*.txt"))
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def seed_plans():
    """{file name: ParsedPlan} for the five seed files."""
    return {name: parse_file(RAW / name) for name in SEED_FILES}


@pytest.fixture(scope="module")
def items() -> pd.DataFrame:
    """The items table of the (frozen) seed corpus, built afresh."""
    return build_corpus(SEED_REGISTRY, SEED_RAW).items


@pytest.fixture(scope="module")
def predicted(items) -> pd.DataFrame:
    """The targets the extractor finds in :func:`items`."""
    return targets_table(items)


@pytest.fixture(scope="module")
def seed_targets() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(documents, items, targets found in the items) of the frozen seed corpus."""
    built = load_corpus(SEED_PROCESSED)
    return built.documents, built.items, targets_table(built.items)
