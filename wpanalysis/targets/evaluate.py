"""Targets stage, evaluation: the extractor's precision and recall on hand-annotated samples.

:func:`load_gold` reads an annotated sample (``data/annotations/targets_gold.csv`` and
``targets_gold_fixtures.csv``, see ``data/annotations/README.md``); :func:`precision_recall`
scores predicted targets against it (an :class:`Evaluation`), :func:`score_sample` scores a
sample split by split on the items it lists, :func:`indicator_agreement` compares indicator
wordings and :func:`evaluation_table` puts several scores in one table. :func:`draw_sample`
draws the items of a new sample into a CSV to fill in.

>>> gold = pd.DataFrame({"doc_id": ["d"], "item_number": [1], "comparator": ["="], "value": [5.0], "unit": ["所"]})
>>> print(precision_recall(gold, gold))
precision 1.000 (1/1), recall 1.000 (1/1), F1 1.000
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .. import config

__all__ = [
    "GOLD_PATH",
    "FIXTURE_GOLD_PATH",
    "GOLD_COLUMNS",
    "SAMPLE_COLUMNS",
    "Evaluation",
    "load_gold",
    "precision_recall",
    "score_sample",
    "sample_plans",
    "coded_by",
    "draw_sample",
    "indicator_agreement",
    "evaluation_table",
]

GOLD_PATH = config.DATA_DIR / "annotations" / "targets_gold.csv"
"""The hand-annotated sample of the seed plans (see ``data/annotations/README.md``)."""

FIXTURE_GOLD_PATH = config.DATA_DIR / "annotations" / "targets_gold_fixtures.csv"
"""The blind annotation of the synthetic fixture plans (items numbered by position in their document)."""

GOLD_COLUMNS = ["doc_id", "item_number", "raw", "indicator", "comparator", "value", "unit", "year", "notes", "split"]
"""Columns :func:`load_gold` always returns (``split`` is empty when the file has none)."""

SAMPLE_COLUMNS = ["doc_id", "item_seq", "item_number", "split", "text", "raw", "indicator", "comparator", "value",
                  "unit", "year", "notes"]
"""Columns of the CSV :func:`draw_sample` writes: the item and its text, then the target columns to fill in."""


def load_gold(path: str | Path = GOLD_PATH) -> pd.DataFrame:
    """An annotated sample: :data:`GOLD_COLUMNS`, then any other column the file has (``item_seq``, ``text`` …).

    One row per target; a row with no ``value`` records an item that was read and holds no
    target. ``value`` is float, ``year`` Int64, ``item_number`` (and ``item_seq`` when present) int.

    >>> gold = load_gold()
    >>> str(gold["value"].dtype), str(gold["year"].dtype), sorted(gold["split"].unique())
    ('float64', 'Int64', ['dev', 'heldout'])
    """
    gold = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    for col in GOLD_COLUMNS:
        if col not in gold.columns:
            gold[col] = ""
    gold["item_number"] = gold["item_number"].astype("int64")
    if "item_seq" in gold.columns:
        gold["item_seq"] = gold["item_seq"].astype("int64")
    gold["value"] = pd.to_numeric(gold["value"].replace("", np.nan)).astype(float)
    gold["year"] = pd.to_numeric(gold["year"].replace("", np.nan)).astype("Int64")
    return gold[GOLD_COLUMNS + [c for c in gold.columns if c not in GOLD_COLUMNS]]


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
    n_items: int | None = None
    """Items scored, when the sample is scored item by item (:func:`score_sample`)."""

    @property
    def indicator_agreement(self) -> float:
        """Mean character-overlap F1 of the matched pairs' indicators (see :func:`indicator_agreement`)."""
        return indicator_agreement(list(self.matched["pred_indicator"]), list(self.matched["gold_indicator"]))

    def __str__(self) -> str:
        return (f"precision {self.precision:.3f} ({self.n_matched}/{self.n_predicted}), "
                f"recall {self.recall:.3f} ({self.n_matched}/{self.n_gold}), F1 {self.f1:.3f}")


def _key(df: pd.DataFrame, item_column: str = "item_number") -> list[tuple]:
    return [(d, int(i), c, float(f"{v:.6g}"), u or "")
            for d, i, c, v, u in zip(df["doc_id"], df[item_column], df["comparator"], df["value"], df["unit"])]


def _in_scope(df: pd.DataFrame, scope: set[tuple[str, int]], item_column: str) -> pd.DataFrame:
    keep = np.array([(d, int(i)) in scope for d, i in zip(df["doc_id"], df[item_column])], dtype=bool)
    return df[keep].reset_index(drop=True)


def precision_recall(
    predicted: pd.DataFrame, gold: pd.DataFrame, documents: Iterable[str] | None = None,
    items: Iterable[tuple[str, int]] | None = None, item_column: str = "item_number",
) -> Evaluation:
    """Precision and recall of ``predicted`` targets against ``gold``.

    Matching rule: a predicted and a gold target match when they have the same ``doc_id``,
    item (*item_column*: ``item_number``, or ``item_seq`` for a sample that records it),
    ``comparator``, ``unit`` and ``value`` (rounded to 6 significant digits);
    matching is one-to-one (multiset intersection), so a target stated twice in an item must
    be found twice. ``indicator`` and ``raw`` are not compared (see the annotation README for
    the indicator agreement). Only the (``doc_id``, item) pairs in *items* are scored when it is
    given; else only documents in ``documents`` (default: those in ``gold``, which is then
    exhaustive for each of its documents).

    >>> g = pd.DataFrame({"doc_id": ["d", "d"], "item_number": [1, 1], "comparator": ["=", ">="],
    ...                   "value": [5.0, 90.0], "unit": ["所", "%"]})
    >>> p = pd.DataFrame({"doc_id": ["d"], "item_number": [1], "comparator": [">="], "value": [90.0],
    ...                   "unit": ["%"]})
    >>> e = precision_recall(p, g)
    >>> e.precision, e.recall
    (1.0, 0.5)
    """
    if items is not None:
        scope = {(str(d), int(i)) for d, i in items}
        pred, gold = _in_scope(predicted, scope, item_column), _in_scope(gold, scope, item_column)
    else:
        docs = set(gold["doc_id"]) if documents is None else set(documents)
        pred = predicted[predicted["doc_id"].isin(docs)].reset_index(drop=True)
        gold = gold[gold["doc_id"].isin(docs)].reset_index(drop=True)
    pk, gk = _key(pred, item_column), _key(gold, item_column)
    fp_left, fn_left = Counter(pk) - Counter(gk), Counter(gk) - Counter(pk)
    fp = pred[np.array([_take(fp_left, k) for k in pk], dtype=bool)]
    fn = gold[np.array([_take(fn_left, k) for k in gk], dtype=bool)]
    matched = _pairs(pred, pk, gold, gk, item_column)
    precision = len(matched) / len(pred) if len(pred) else 1.0
    recall = len(matched) / len(gold) if len(gold) else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Evaluation(precision, recall, f1, len(pred), len(gold), len(matched),
                      fp.reset_index(drop=True), fn.reset_index(drop=True), matched,
                      n_items=len(scope) if items is not None else None)


def score_sample(predicted: pd.DataFrame, gold: pd.DataFrame,
                 doc_ids: Iterable[str] | None = None) -> dict[str, Evaluation]:
    """Precision and recall on an annotated sample (:func:`load_gold`), per ``split`` and on all of it.

    The sample is exhaustive for each item it lists: only those items are scored (a row with
    no ``value`` lists an item with no target). Items are keyed by ``item_seq`` when the
    sample records it, else by ``item_number``. Rows of plans not in *doc_ids* (the corpus's
    plans; default: all) are left out. Keys: each split (when there are two or more: ``dev``,
    ``heldout``, then others in file order), then ``"all"``.

    >>> gold = pd.DataFrame({"doc_id": ["d", "d"], "item_number": [1, 2], "comparator": ["=", ""],
    ...                      "value": [5.0, float("nan")], "unit": ["所", ""], "split": ["dev", "heldout"]})
    >>> pred = pd.DataFrame({"doc_id": ["d", "d", "d"], "item_number": [1, 2, 3], "comparator": ["="] * 3,
    ...                      "value": [5.0, 7.0, 9.0], "unit": ["所"] * 3})
    >>> {name: (e.precision, e.recall) for name, e in score_sample(pred, gold).items()}
    {'dev': (1.0, 1.0), 'heldout': (0.0, 1.0), 'all': (0.5, 1.0)}
    """
    if doc_ids is not None:
        gold = gold[gold["doc_id"].isin(set(doc_ids))]
    item_column = "item_seq" if "item_seq" in gold.columns and "item_seq" in predicted.columns else "item_number"
    found = [s for s in dict.fromkeys(gold["split"]) if s] if "split" in gold.columns else []
    splits = [s for s in ("dev", "heldout") if s in found] + [s for s in found if s not in ("dev", "heldout")]
    parts = [(s, gold[gold["split"] == s]) for s in splits] if len(splits) > 1 else []
    results = {}
    for name, part in [*parts, ("all", gold)]:
        scope = set(zip(part["doc_id"], part[item_column].astype(int)))
        results[name] = precision_recall(predicted, part[part["value"].notna()], items=scope, item_column=item_column)
    return results


def sample_plans(gold: pd.DataFrame, doc_ids: Iterable[str]) -> tuple[int, int]:
    """How many plans of the sample *gold* are in the corpus (*doc_ids*), and how many are not.

    >>> sample_plans(pd.DataFrame({"doc_id": ["a", "a", "b", "c"]}), ["a", "c", "d"])
    (2, 1)
    """
    listed, known = set(gold["doc_id"]), set(doc_ids)
    return len(listed & known), len(listed - known)


def coded_by(readme: str | Path, name: str) -> str | None:
    r"""Who coded the sample file *name*, by role, as the annotations README records it: the second
    cell of the row of its "| sample | coded by |" table that names the file (in backticks); None
    when the README or the row is missing.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "README.md"
    >>> _ = path.write_text("| sample | coded by |\n|---|---|\n| `targets_gold.csv`, `x.csv` | the extractor's "
    ...                     "author alone |\n", encoding="utf-8")
    >>> coded_by(path, "targets_gold.csv"), coded_by(path, "domains_gold.csv")
    ("the extractor's author alone", None)
    """
    path = Path(readme)
    if not path.is_file():
        return None
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and f"`{name}`" in cells[0]:
            return cells[1] or None
    return None


def draw_sample(items: pd.DataFrame, n_items: int = 60, seed: int = 0,
                path: str | Path | None = None) -> pd.DataFrame:
    """A seeded random sample of items to annotate for targets (columns :data:`SAMPLE_COLUMNS`).

    *n_items* items with text (all, if fewer) are drawn without replacement by
    ``numpy.random.default_rng(seed)`` from the items sorted by ``doc_id`` and ``item_seq``;
    the first half of the draws is the ``dev`` split, the rest ``heldout``. The target columns
    are empty, to be filled in as ``data/annotations/README.md`` says (one row per target; leave
    an item's row empty when it has none). With *path*, the sample is also written there as
    UTF-8 CSV; an existing file is never overwritten (:class:`FileExistsError`).

    >>> items = pd.DataFrame({"doc_id": ["a"] * 4, "item_seq": [1, 2, 3, 4], "item_number": [1, 2, 3, 4],
    ...                       "text": ["新建学校5所", "", "覆盖率达到95%", "加强党建"]})
    >>> draw_sample(items, n_items=2)[["item_seq", "split", "raw"]].values.tolist()
    [[3, 'dev', ''], [4, 'heldout', '']]
    """
    pool = items[items["text"].fillna("").astype(str).str.len() > 0]
    pool = pool.assign(doc_id=pool["doc_id"].astype(str)).sort_values(["doc_id", "item_seq"]).reset_index(drop=True)
    size = min(int(n_items), len(pool))
    picks = np.random.default_rng(seed).choice(len(pool), size=size, replace=False)
    split = {int(p): "dev" if k < (size + 1) // 2 else "heldout" for k, p in enumerate(picks)}
    out = pool.iloc[sorted(split)][["doc_id", "item_seq", "item_number", "text"]].copy()
    out["split"] = [split[int(p)] for p in sorted(split)]
    for col in SAMPLE_COLUMNS:
        if col not in out.columns:
            out[col] = ""
    out = out[SAMPLE_COLUMNS].reset_index(drop=True)
    if path is not None:
        path = Path(path)
        if path.exists():
            raise FileExistsError(f"{path} exists; annotations are never overwritten — choose another path")
        path.parent.mkdir(parents=True, exist_ok=True)
        out.to_csv(path, index=False, encoding="utf-8")
    return out


def _pairs(pred: pd.DataFrame, pk: list[tuple], gold: pd.DataFrame, gk: list[tuple],
           item_column: str = "item_number") -> pd.DataFrame:
    """Matched gold/predicted rows, paired in order of appearance within each key."""
    waiting: dict[tuple, list[int]] = {}
    for n, k in enumerate(pk):
        waiting.setdefault(k, []).append(n)
    rows = []
    for n, k in enumerate(gk):
        if waiting.get(k):
            m = waiting[k].pop(0)
            row = dict(zip(("doc_id", item_column, "comparator", "value", "unit"), k))
            for col in ("raw", "indicator", "year"):
                row[f"gold_{col}"] = gold[col].iloc[n] if col in gold.columns else None
                row[f"pred_{col}"] = pred[col].iloc[m] if col in pred.columns else None
            rows.append(row)
    cols = ["doc_id", item_column, "comparator", "value", "unit", "gold_raw", "pred_raw",
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
    """One row per sample: ``sample``, ``n_items`` (items scored, when known), ``n_gold``, ``n_predicted``,
    ``n_matched``, ``precision``, ``recall``, ``f1``, ``raw_equal`` and ``indicator_equal`` (shares of
    matched pairs whose ``raw`` / ``indicator`` are the same string), ``indicator_f1`` (character-overlap
    F1), ``note``.

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
        rows.append({"sample": name, "n_items": e.n_items, "n_gold": e.n_gold, "n_predicted": e.n_predicted,
                     "n_matched": e.n_matched, "precision": e.precision, "recall": e.recall, "f1": e.f1,
                     "raw_equal": _share_equal(m, "gold_raw", "pred_raw"),
                     "indicator_equal": _share_equal(m, "gold_indicator", "pred_indicator"),
                     "indicator_f1": e.indicator_agreement, "note": notes.get(name, "")})
    out = pd.DataFrame(rows)
    out["n_items"] = out["n_items"].astype("Int64")
    return out
