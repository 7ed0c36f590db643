"""Project paths. Every stage takes these as defaults; nothing else lives here.

The root is the repository checkout (the folder holding ``data/``); set
``WPANALYSIS_ROOT`` to point the package at another compendium.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
RESOURCES_DIR = PACKAGE_DIR / "resources"
PROJECT_ROOT = Path(os.environ.get("WPANALYSIS_ROOT", PACKAGE_DIR.parent)).resolve()
DATA_DIR = PROJECT_ROOT / "data"
RAW_DATA_DIR = DATA_DIR / "raw"
PROCESSED_DATA_DIR = DATA_DIR / "processed"
REGISTRY_PATH = RAW_DATA_DIR / "documents.csv"
FIGURES_DIR = PROJECT_ROOT / "figures"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
