"""Lexicon discovery: propose multi-character terms from a user's own corpus.

Candidates are character n-grams inside runs of CJK ideographs, scored by

* **cohesion** — the smallest pointwise mutual information over the ways to
  split the n-gram in two (``min_pmi``, natural log): a real term's halves
  occur together far more often than chance;
* **freedom** — the entropy of the characters seen just before and just after
  it (``left_entropy``, ``right_entropy``; a run boundary counts as a new
  symbol each time): a real term appears in varied contexts, a fragment of a
  longer term does not.

Candidates with ``min_pmi >= min_pmi`` and both entropies ``>= min_entropy``
are ranked by ``score = min(left_entropy, right_entropy) * log(n)``.
Use the result to extend ``resources/lexicon/`` after reading it.

The counting is vectorised: the runs are joined into one array of character codes, every
n-gram gets an exact integer id (the id of its first n − 1 characters combined with its last
character), and counts, cohesion and context entropies are array operations — so the time
grows linearly with the characters, about a second per million.

>>> texts = ["推进县管校聘改革。", "深化县管校聘,落实县管校聘政策", "县管校聘工作"] * 3
>>> "县管校聘" in discover_terms(texts, min_count=3, min_pmi=0.5, min_entropy=0.5)["term"].tolist()
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from .lexicon import load_lexicon

__all__ = ["discover_terms", "jieba_vocabulary"]

_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


def _encode(texts: Iterable[str]) -> tuple[str, np.ndarray, int]:
    """The CJK runs of *texts* joined by a boundary (``\\x00``, also at both ends), its characters
    as dense codes (the boundary is 0), and the number of run characters."""
    runs = [m.group(0) for t in texts for m in _RUN.finditer(t)]
    joined = "\x00" + "\x00".join(runs) + "\x00"
    points = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    _, dense = np.unique(points, return_inverse=True)
    return joined, dense.astype(np.int64).ravel(), sum(len(r) for r in runs)


def _ngram_ids(dense: np.ndarray, max_len: int) -> list[np.ndarray]:
    """``ids[n][i]``: an exact id of the n-gram starting at position i (equal ids, equal n-grams);
    int32, as no id reaches the number of positions (half the memory of int64 on large corpora)."""
    base = int(dense.max()) + 1 if len(dense) else 1
    ids = [np.empty(0, dtype=np.int32), dense.astype(np.int32)]
    for n in range(2, max_len + 1):
        combined = ids[n - 1][: len(dense) - n + 1].astype(np.int64) * base + dense[n - 1:]
        ids.append(pd.factorize(combined)[0].astype(np.int32))
    return ids


def _side_entropy(gram: np.ndarray, context: np.ndarray, totals: np.ndarray) -> np.ndarray:
    """Entropy of the context characters of each gram id (index into the result); context 0 is a run
    boundary, counted as a new symbol each time. Uses H = log T − Σ c·log c / T."""
    base = int(context.max()) + 1 if len(context) else 1
    pairs, counts = np.unique(gram * base + context, return_counts=True)
    inside = (pairs % base) != 0
    weighted = np.bincount(pairs[inside] // base, weights=counts[inside] * np.log(counts[inside]),
                           minlength=len(totals))
    safe = np.maximum(totals, 1)
    entropy = np.log(safe) - weighted / safe
    return np.where(entropy < 1e-12, 0.0, entropy)  # one context only: 0, not a rounding residue


def _candidates(joined: str, dense: np.ndarray, ids: list[np.ndarray], n: int, n_chars: int,
                min_count: int) -> pd.DataFrame:
    """The n-grams of length *n* seen at least *min_count* times inside runs, with their cohesion
    (smallest PMI over the two-part splits) and context entropies."""
    length = len(dense) - n + 1
    boundaries = np.concatenate([[0], np.cumsum(dense == 0)])
    inside = boundaries[n:n + length] - boundaries[:length] == 0
    counts = [np.empty(0), *(np.bincount(ids[m])[ids[m]] for m in range(1, n + 1))]
    hit = inside & (counts[n] >= min_count)
    where = np.flatnonzero(hit)
    if not len(where):
        return pd.DataFrame(columns=["term", "n", "min_pmi", "left_entropy", "right_entropy"])
    grams, first = np.unique(ids[n][where], return_index=True)
    local = np.searchsorted(grams, ids[n][where])
    totals = np.bincount(local, minlength=len(grams)).astype(float)
    left = _side_entropy(local, dense[where - 1], totals)
    right = _side_entropy(local, dense[where + n], totals)
    at = where[first]
    p = counts[n][at] / n_chars
    pmi = np.min([np.log(p / ((counts[k][at] / n_chars) * (counts[n - k][at + k] / n_chars)))
                  for k in range(1, n)], axis=0)
    return pd.DataFrame({"term": [joined[i:i + n] for i in at], "n": counts[n][at].astype("int64"),
                         "min_pmi": pmi, "left_entropy": left, "right_entropy": right})


def jieba_vocabulary() -> frozenset[str]:
    """Words of jieba's default dictionary (to leave out of the candidates)."""
    import jieba

    with jieba.get_dict_file() as f:
        return frozenset(line.split(" ", 1)[0] for line in f.read().decode("utf-8").splitlines() if line)


def discover_terms(texts: Iterable[str], min_count: int = 5, min_len: int = 2, max_len: int = 6,
                   min_pmi: float = 1.0, min_entropy: float = 1.0, known: Iterable[str] = (),
                   top: int | None = 50) -> pd.DataFrame:
    """Rank candidate terms; columns ``term, n, min_pmi, left_entropy, right_entropy, score``.

    ``known`` terms (e.g. the current lexicon) are left out of the result.
    """
    columns = ["term", "n", "min_pmi", "left_entropy", "right_entropy", "score"]
    joined, dense, n_chars = _encode(texts)
    if n_chars == 0:
        return pd.DataFrame(columns=columns)
    max_len = min(max_len, len(dense) - 2)  # no n-gram is longer than the text between its two boundaries
    if max_len < max(min_len, 2):
        return pd.DataFrame(columns=columns)
    ids = _ngram_ids(dense, max_len)
    found = [_candidates(joined, dense, ids, n, n_chars, min_count) for n in range(max(min_len, 2), max_len + 1)]
    out = pd.concat([f for f in found if len(f)], ignore_index=True) if any(len(f) for f in found) else None
    if out is None:
        return pd.DataFrame(columns=columns)
    known_set = set(known)  # a membership test per term: pandas' isin would hash the whole (large) set
    fresh = np.array([term not in known_set for term in out["term"]], dtype=bool)
    out = out[fresh & (out["min_pmi"] >= min_pmi) & (out["left_entropy"] >= min_entropy)
              & (out["right_entropy"] >= min_entropy)]
    out = out.assign(score=np.minimum(out["left_entropy"], out["right_entropy"]) * np.log(out["n"].astype(float)))
    # equal scores computed along different paths may differ in the last bits: rank on a rounded copy
    out = out.assign(_rank=out["score"].round(9)).sort_values(["_rank", "term"], ascending=[False, True])
    out = out[columns].reset_index(drop=True)
    return out.head(top) if top else out


def known_terms() -> frozenset[str]:
    """The vocabulary segmentation already knows: jieba's default dictionary plus the shipped lexicon.

    Pass it as ``known=`` to :func:`wpanalysis.discover.discover_terms`, so that only new
    candidates are proposed.

    >>> {"教育", "县管校聘"} <= known_terms()
    True
    """
    return jieba_vocabulary() | {term for term, _ in load_lexicon()}
