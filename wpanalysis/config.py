"""Project paths. Every stage takes these as defaults; nothing else lives here.

:func:`paths` gives the same folders for another compendium root (notebook parameter).

The root is the repository checkout (the folder holding ``data/``); set
``WPANALYSIS_ROOT`` to point the package at another compendium.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
RESOURCES_DIR = PACKAGE_DIR / "resources"
PROJECT_ROOT = Path(os.environ.get("WPANALYSIS_ROOT", PACKAGE_DIR.parent)).resolve()
DATA_DIR = PROJECT_ROOT / "data"
RAW_DATA_DIR = DATA_DIR / "raw"
PROCESSED_DATA_DIR = DATA_DIR / "processed"
REGISTRY_PATH = RAW_DATA_DIR / "documents.csv"
FIGURES_DIR = PROJECT_ROOT / "figures"
TABLES_DIR = PROJECT_ROOT / "tables"  # analysis tables the notebooks write (CSV, GraphML), beside figures/
NOTEBOOKS_DIR = PACKAGE_DIR.parent / "notebooks"  # the analyses live with the code, whatever the corpus


@dataclass(frozen=True)
class Paths:
    """The folders of one compendium (a folder holding ``data/``): what a notebook reads and writes."""

    root: Path
    raw: Path
    registry: Path
    processed: Path
    annotations: Path
    figures: Path
    tables: Path


def paths(root: str | os.PathLike[str] | None = None) -> Paths:
    """The folders of the compendium at *root* (default: :data:`PROJECT_ROOT`, i.e. this checkout
    or ``$WPANALYSIS_ROOT``). Notebooks take *root* as a parameter and read every path from here.

    >>> paths("/tmp/my_plans").processed.as_posix()
    '/tmp/my_plans/data/processed'
    """
    base = Path(root).expanduser().resolve() if root else PROJECT_ROOT
    data = base / "data"
    return Paths(root=base, raw=data / "raw", registry=data / "raw" / "documents.csv", processed=data / "processed",
                 annotations=data / "annotations", figures=base / "figures", tables=base / "tables")
