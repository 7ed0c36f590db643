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

>>> texts = ["推进县管校聘改革。", "深化县管校聘,落实县管校聘政策", "县管校聘工作"] * 3
>>> "县管校聘" in discover_terms(texts, min_count=3, min_pmi=0.5, min_entropy=0.5)["term"].tolist()
True
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

import pandas as pd

from .lexicon import load_lexicon

__all__ = ["discover_terms", "jieba_vocabulary"]

_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


def _entropy(counter: Counter) -> float:
    total = sum(counter.values())
    return -sum(c / total * math.log(c / total) for c in counter.values()) if total else 0.0


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
    runs = [m.group(0) for t in texts for m in _RUN.finditer(t)]
    counts: Counter[str] = Counter()
    for run in runs:
        for n in range(1, max_len + 1):
            for i in range(len(run) - n + 1):
                counts[run[i:i + n]] += 1
    n_chars = sum(len(r) for r in runs) or 1
    left: dict[str, Counter] = defaultdict(Counter)
    right: dict[str, Counter] = defaultdict(Counter)
    boundary = 0
    candidates = {g for g, c in counts.items() if min_len <= len(g) <= max_len and c >= min_count}
    for run in runs:
        for n in range(min_len, max_len + 1):
            for i in range(len(run) - n + 1):
                g = run[i:i + n]
                if g not in candidates:
                    continue
                if i > 0:
                    left[g][run[i - 1]] += 1
                else:
                    boundary += 1
                    left[g][f"<{boundary}>"] += 1
                if i + n < len(run):
                    right[g][run[i + n]] += 1
                else:
                    boundary += 1
                    right[g][f"<{boundary}>"] += 1
    known_set = set(known)
    rows = []
    for g in candidates:
        if g in known_set:
            continue
        p = counts[g] / n_chars
        pmi = min(math.log(p / ((counts[g[:k]] / n_chars) * (counts[g[k:]] / n_chars)))
                  for k in range(1, len(g)))
        le, re_ = _entropy(left[g]), _entropy(right[g])
        if pmi >= min_pmi and le >= min_entropy and re_ >= min_entropy:
            rows.append((g, counts[g], pmi, le, re_, min(le, re_) * math.log(counts[g])))
    out = pd.DataFrame(rows, columns=["term", "n", "min_pmi", "left_entropy", "right_entropy", "score"])
    out = out.sort_values(["score", "term"], ascending=[False, True]).reset_index(drop=True)
    return out.head(top) if top else out


def known_terms() -> frozenset[str]:
    """The vocabulary segmentation already knows: jieba's default dictionary plus the shipped lexicon.

    Pass it as ``known=`` to :func:`wpanalysis.discover.discover_terms`, so that only new
    candidates are proposed.

    >>> {"教育", "县管校聘"} <= known_terms()
    True
    """
    return jieba_vocabulary() | {term for term, _ in load_lexicon()}
