"""各道练习的参考答案共用的部分：``--root`` 参数、读取语料文件夹、计划简称。

Shared by the exercise solutions: the ``--root`` argument, loading a compendium, plan labels.
Every solution is run as ``python docs/teaching/solutions/exercise_NN.py [--root COMPENDIUM]``;
COMPENDIUM is a folder holding ``data/raw/`` and a built ``data/processed/`` (default: this
checkout, or ``$WPANALYSIS_ROOT``). Nothing here knows which plans are in the compendium.
"""

from __future__ import annotations

import argparse

import pandas as pd

from wpanalysis import config
from wpanalysis.build import Corpus, load_corpus
from wpanalysis.registry import doc_labels
from wpanalysis.segment import tokenize_items

pd.set_option("display.width", 160)
pd.set_option("display.max_columns", 20)
pd.set_option("display.unicode.east_asian_width", True)


def parser(description: str) -> argparse.ArgumentParser:
    """An argument parser with ``--root``."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--root", default=None,
                   help="compendium folder holding data/processed (default: this checkout or $WPANALYSIS_ROOT)")
    return p


def corpus(root: str | None) -> Corpus:
    """The built tables of the compendium at *root*."""
    return load_corpus(config.paths(root).processed)


def labels(documents: pd.DataFrame) -> dict[str, str]:
    """doc_id → short Chinese label (place and year, or the doc_id)."""
    return doc_labels(documents).to_dict()


def tokens(items: pd.DataFrame, text_column: str = "text") -> pd.DataFrame:
    """The token table of *items* (not cached: a solution never writes into the compendium, which may be read-only)."""
    return tokenize_items(items, text_column=text_column, cache=False)


def longest_plan(documents: pd.DataFrame) -> str:
    """The plan with the most characters of item text (first in registry order on a tie)."""
    return str(documents.loc[documents["n_chars"].idxmax(), "doc_id"])


def show(table: pd.DataFrame) -> None:
    """Print a table without its index (or a note when it is empty)."""
    print(table.to_string(index=False) if len(table) else "（无）")
