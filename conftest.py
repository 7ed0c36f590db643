"""Test-session set-up: every test, doctest and notebook run reads a frozen copy of the seed corpus.

``tests/seed_corpus/`` is a compendium (``data/raw``, ``data/annotations``) frozen from
the nine seed plans. At the start of a session
it is copied to a temporary folder, built there, and ``WPANALYSIS_ROOT`` points the package
at it — before anything imports :mod:`wpanalysis.config`. So tests that pin the seeds' values
never read ``data/raw/``: a researcher can add, remove or re-encode plans there and
``make test`` stays green.

The committed notebooks are compared output by output (nbval) only while ``data/raw/`` *is*
the seed corpus, because only then are their outputs the seed run; with any other corpus
the notebooks are still executed end to end against the seeds (``--nbval-lax``) and a note
says why their outputs are not compared.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent
SEED_CORPUS = REPO / "tests" / "seed_corpus"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()} if folder.is_dir() else {}


def raw_is_seed_corpus(raw_dir: Path = REPO / "data" / "raw") -> bool:
    """True when *raw_dir* holds exactly the frozen seed corpus (same files, same bytes)."""
    return _files(raw_dir) == _files(SEED_CORPUS / "data" / "raw")


# Set before any conftest or test module imports wpanalysis.config (pytest loads this file first).
_SESSION_ROOT = Path(tempfile.mkdtemp(prefix="wpanalysis-seeds-")).resolve()
shutil.copytree(SEED_CORPUS, _SESSION_ROOT, dirs_exist_ok=True)
os.environ["WPANALYSIS_ROOT"] = str(_SESSION_ROOT)
# nbval compares outputs byte for byte: no progress bars in the kernels it starts.
os.environ["WPANALYSIS_PROGRESS"] = "0"


def pytest_configure(config: pytest.Config) -> None:
    root = _SESSION_ROOT
    config.stash[_ROOT] = root

    from wpanalysis import config as paths
    from wpanalysis.build import build_corpus, write_corpus

    assert paths.PROJECT_ROOT == root, "wpanalysis.config was imported before the test session set its root"
    write_corpus(build_corpus(paths.REGISTRY_PATH, paths.RAW_DATA_DIR), paths.PROCESSED_DATA_DIR)
    if getattr(config.option, "nbval", False) and not raw_is_seed_corpus():
        config.option.nbval, config.option.nbval_lax = False, True
        config.stash[_NOTE] = ("data/raw/ is not the seed corpus, so the committed notebooks hold the outputs "
                               "of your corpus (after make run) or stale ones: they were executed against the "
                               "seeds but their outputs not compared (nbval-lax).")


def pytest_report_header(config: pytest.Config) -> list[str]:
    lines = [f"seed corpus: frozen copy built in {config.stash.get(_ROOT, '?')}"]
    if _NOTE in config.stash:
        lines.append(config.stash[_NOTE])
    return lines


def pytest_unconfigure(config: pytest.Config) -> None:
    root = config.stash.get(_ROOT, None)
    if root is not None:
        shutil.rmtree(root, ignore_errors=True)


_ROOT = pytest.StashKey[Path]()
_NOTE = pytest.StashKey[str]()
