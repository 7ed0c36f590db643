"""Targets stage, evaluation: the extractor's precision and recall on hand-annotated samples.

:func:`load_gold` reads an annotated sample (``data/annotations/targets_gold.csv`` and
``targets_gold_fixtures.csv``, see ``data/annotations/README.md``); :func:`precision_recall`
scores predicted targets against it (an :class:`Evaluation`), :func:`indicator_agreement`
compares indicator wordings and :func:`evaluation_table` puts several scores in one table.

>>> gold = pd.DataFrame({"doc_id": ["d"], "item_number": [1], "comparator": ["="], "value": [5.0], "unit": ["所"]})
>>> print(precision_recall(gold, gold))
precision 1.000 (1/1), recall 1.000 (1/1), F1 1.000
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import config

__all__ = [
    "GOLD_PATH",
    "FIXTURE_GOLD_PATH",
    "Evaluation",
    "load_gold",
    "precision_recall",
    "indicator_agreement",
    "evaluation_table",
]

GOLD_PATH = config.DATA_DIR / "annotations" / "targets_gold.csv"
"""The hand-annotated sample of the seed plans (see ``data/annotations/README.md``)."""

FIXTURE_GOLD_PATH = config.DATA_DIR / "annotations" / "targets_gold_fixtures.csv"
"""The blind annotation of the synthetic fixture plans (items numbered by position in their document)."""


def load_gold(path: str | Path = GOLD_PATH) -> pd.DataFrame:
    """The annotated sample: ``doc_id, item_number, raw, indicator, comparator, value, unit, year, notes``.

    >>> gold = load_gold()
    >>> str(gold["value"].dtype), str(gold["year"].dtype)
    ('float64', 'Int64')
    """
    gold = pd.read_csv(path, dtype={"doc_id": str, "raw": str, "indicator": str, "comparator": str,
                                    "unit": str, "notes": str}, keep_default_na=False, encoding="utf-8")
    gold["item_number"] = gold["item_number"].astype("int64")
    gold["value"] = gold["value"].astype(float)
    gold["year"] = pd.to_numeric(gold["year"].replace("", pd.NA)).astype("Int64")
    return gold


@dataclass
class Evaluation:
    """Scores of :func:`precision_recall` and the unmatched rows behind them."""

    precision: float
    recall: float
    f1: float
    n_predicted: int
    n_gold: int
    n_matched: int
    false_positives: pd.DataFrame
    false_negatives: pd.DataFrame
    matched: pd.DataFrame
    """Matched pairs: the key columns plus ``raw``/``indicator``/``year`` as ``gold_*`` and ``pred_*``."""

    @property
    def indicator_agreement(self) -> float:
        """Mean character-overlap F1 of the matched pairs' indicators (see :func:`indicator_agreement`)."""
        return indicator_agreement(list(self.matched["pred_indicator"]), list(self.matched["gold_indicator"]))

    def __str__(self) -> str:
        return (f"precision {self.precision:.3f} ({self.n_matched}/{self.n_predicted}), "
                f"recall {self.recall:.3f} ({self.n_matched}/{self.n_gold}), F1 {self.f1:.3f}")


def _key(df: pd.DataFrame) -> list[tuple]:
    return [(d, int(i), c, float(f"{v:.6g}"), u or "")
            for d, i, c, v, u in zip(df["doc_id"], df["item_number"], df["comparator"], df["value"], df["unit"])]


def precision_recall(
    predicted: pd.DataFrame, gold: pd.DataFrame, documents: Iterable[str] | None = None
) -> Evaluation:
    """Precision and recall of ``predicted`` targets against ``gold``.

    Matching rule: a predicted and a gold target match when they have the same ``doc_id``,
    ``item_number``, ``comparator``, ``unit`` and ``value`` (rounded to 6 significant digits);
    matching is one-to-one (multiset intersection), so a target stated twice in an item must
    be found twice. ``indicator`` and ``raw`` are not compared (see the annotation README for
    the indicator agreement). Only documents in ``documents`` (default: those in ``gold``,
    which is exhaustive for each of its documents) are scored.

    >>> g = pd.DataFrame({"doc_id": ["d", "d"], "item_number": [1, 1], "comparator": ["=", ">="],
    ...                   "value": [5.0, 90.0], "unit": ["所", "%"]})
    >>> p = pd.DataFrame({"doc_id": ["d"], "item_number": [1], "comparator": [">="], "value": [90.0],
    ...                   "unit": ["%"]})
    >>> e = precision_recall(p, g)
    >>> e.precision, e.recall
    (1.0, 0.5)
    """
    docs = set(gold["doc_id"]) if documents is None else set(documents)
    pred = predicted[predicted["doc_id"].isin(docs)].reset_index(drop=True)
    gold = gold[gold["doc_id"].isin(docs)].reset_index(drop=True)
    pk, gk = _key(pred), _key(gold)
    fp_left, fn_left = Counter(pk) - Counter(gk), Counter(gk) - Counter(pk)
    fp = pred[[_take(fp_left, k) for k in pk]]
    fn = gold[[_take(fn_left, k) for k in gk]]
    matched = _pairs(pred, pk, gold, gk)
    precision = len(matched) / len(pred) if len(pred) else 1.0
    recall = len(matched) / len(gold) if len(gold) else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Evaluation(precision, recall, f1, len(pred), len(gold), len(matched),
                      fp.reset_index(drop=True), fn.reset_index(drop=True), matched)


def _pairs(pred: pd.DataFrame, pk: list[tuple], gold: pd.DataFrame, gk: list[tuple]) -> pd.DataFrame:
    """Matched gold/predicted rows, paired in order of appearance within each key."""
    waiting: dict[tuple, list[int]] = {}
    for n, k in enumerate(pk):
        waiting.setdefault(k, []).append(n)
    rows = []
    for n, k in enumerate(gk):
        if waiting.get(k):
            m = waiting[k].pop(0)
            row = dict(zip(("doc_id", "item_number", "comparator", "value", "unit"), k))
            for col in ("raw", "indicator", "year"):
                row[f"gold_{col}"] = gold[col].iloc[n] if col in gold.columns else None
                row[f"pred_{col}"] = pred[col].iloc[m] if col in pred.columns else None
            rows.append(row)
    cols = ["doc_id", "item_number", "comparator", "value", "unit", "gold_raw", "pred_raw",
            "gold_indicator", "pred_indicator", "gold_year", "pred_year"]
    return pd.DataFrame(rows, columns=cols)


def _take(left: Counter, key: tuple) -> bool:
    """True (and count it off) while unmatched copies of ``key`` remain."""
    if left[key] > 0:
        left[key] -= 1
        return True
    return False


def indicator_agreement(predicted: Sequence[str], gold: Sequence[str]) -> float:
    """Mean character-overlap F1 between paired indicators (1.0 = the same characters).

    >>> round(indicator_agreement(["新增学位"], ["新增中小学位"]), 3)
    0.8
    """
    scores = []
    for p, g in zip(predicted, gold):
        common = sum((Counter(p) & Counter(g)).values())
        scores.append(2 * common / (len(p) + len(g)) if p or g else 1.0)
    return sum(scores) / len(scores) if scores else 1.0


def _share_equal(matched: pd.DataFrame, a: str, b: str) -> float:
    return float((matched[a] == matched[b]).mean()) if len(matched) else float("nan")


def evaluation_table(results: Mapping[str, Evaluation], notes: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per sample: ``sample``, ``n_gold``, ``n_predicted``, ``n_matched``, ``precision``,
    ``recall``, ``f1``, ``raw_equal`` and ``indicator_equal`` (shares of matched pairs whose
    ``raw`` / ``indicator`` are the same string), ``indicator_f1`` (character-overlap F1), ``note``.

    >>> gold = pd.DataFrame({"doc_id": ["d"], "item_number": [1], "comparator": ["="], "value": [5.0],
    ...                      "unit": ["所"], "raw": ["5所"], "indicator": ["新建学校"]})
    >>> table = evaluation_table({"toy": precision_recall(gold, gold)}, {"toy": "same table"})
    >>> table[["sample", "f1", "note"]].values.tolist()
    [['toy', 1.0, 'same table']]
    """
    notes = notes or {}
    rows = []
    for name, e in results.items():
        m = e.matched
        rows.append({"sample": name, "n_gold": e.n_gold, "n_predicted": e.n_predicted, "n_matched": e.n_matched,
                     "precision": e.precision, "recall": e.recall, "f1": e.f1,
                     "raw_equal": _share_equal(m, "gold_raw", "pred_raw"),
                     "indicator_equal": _share_equal(m, "gold_indicator", "pred_indicator"),
                     "indicator_f1": e.indicator_agreement, "note": notes.get(name, "")})
    return pd.DataFrame(rows)
