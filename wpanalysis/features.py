"""Features stage: token table → frequencies, keyness, TF-IDF, co-occurrence, DTM.

All functions take the token table of :mod:`wpanalysis.segment` (usually after
:func:`~wpanalysis.segment.remove_stopwords`) and return tidy DataFrames,
sorted deterministically (by the count or score, then by the term).

Keyness follows corpus-linguistics practice (quanteda's ``textstat_keyness``
with ``measure = "lr"``): the log-likelihood G² of a 2×2 table (term vs. all
other tokens × target vs. reference), signed by direction, with Williams'
correction by default, its p-value from χ²(1), a Bonferroni correction for
the number of terms tested, and the log ratio (Hardie 2014) as effect size.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.stats import chi2

__all__ = [
    "DocumentTermMatrix",
    "add_metadata",
    "term_frequency",
    "document_frequency",
    "tfidf_distinctive",
    "document_term_matrix",
    "g2",
    "keyness",
    "cooccurrence",
    "cooccurrence_graph",
    "item_dtm",
]

ITEM_UNIT = ("doc_id", "item_seq")


def add_metadata(tokens: pd.DataFrame, documents: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Join document metadata columns (e.g. ``region``, ``admin_level``) onto tokens or items."""
    meta = documents[["doc_id", *columns]].drop_duplicates("doc_id")
    return tokens.merge(meta, on="doc_id", how="left", validate="many_to_one")


def term_frequency(tokens: pd.DataFrame, by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Counts per term (per group when ``by`` is given), with the rate per 10,000 tokens.

    Columns: ``[*by, token, n, total, per_10k]`` — ``total`` is the group's token count.

    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b"], "token": ["双减", "课后服务", "双减"]})
    >>> term_frequency(t)[["token", "n"]].values.tolist()
    [['双减', 2], ['课后服务', 1]]
    >>> term_frequency(t, by="doc_id")["per_10k"].round(1).tolist()
    [5000.0, 5000.0, 10000.0]
    """
    keys = [] if by is None else [by] if isinstance(by, str) else list(by)
    counts = tokens.groupby([*keys, "token"], sort=False, observed=True).size().rename("n").reset_index()
    if keys:
        totals = tokens.groupby(keys, sort=False, observed=True).size().rename("total").reset_index()
        counts = counts.merge(totals, on=keys)
    else:
        counts["total"] = len(tokens)
    counts["per_10k"] = counts["n"] / counts["total"] * 10_000
    counts = counts.sort_values([*keys, "n", "token"], ascending=[True] * len(keys) + [False, True])
    return counts.reset_index(drop=True)


def document_frequency(tokens: pd.DataFrame, unit: str | Sequence[str] = "doc_id") -> pd.DataFrame:
    """In how many units (documents by default, or items with ``unit=("doc_id", "item_seq")``)
    each term occurs. Columns: ``token, df, share``."""
    keys = [unit] if isinstance(unit, str) else list(unit)
    n_units = len(tokens[keys].drop_duplicates())
    df = tokens[[*keys, "token"]].drop_duplicates().groupby("token").size().rename("df").reset_index()
    df["share"] = df["df"] / n_units if n_units else 0.0
    return df.sort_values(["df", "token"], ascending=[False, True]).reset_index(drop=True)


@dataclass(frozen=True)
class DocumentTermMatrix:
    """A sparse document-term matrix.

    ``matrix`` is a ``scipy.sparse.csr_matrix`` of shape (len(rows), len(vocabulary))
    holding counts; ``rows`` is a DataFrame of the unit keys in sorted order;
    ``vocabulary`` the sorted terms. Memory is O(non-zero cells), never dense.
    """

    matrix: sparse.csr_matrix
    rows: pd.DataFrame
    vocabulary: np.ndarray

    @property
    def shape(self) -> tuple[int, int]:
        return self.matrix.shape


def document_term_matrix(tokens: pd.DataFrame, unit: str | Sequence[str] = "doc_id",
                         min_df: int = 1, max_share: float = 1.0) -> DocumentTermMatrix:
    """Count matrix, one row per unit (sorted) and one column per term (sorted).

    Terms in fewer than ``min_df`` units or in more than ``max_share`` of them are pruned.
    Row sums equal the units' token counts when nothing is pruned.
    """
    keys = [unit] if isinstance(unit, str) else list(unit)
    rows = tokens[keys].drop_duplicates().sort_values(keys).reset_index(drop=True)
    row_index = pd.MultiIndex.from_frame(rows) if len(keys) > 1 else pd.Index(rows[keys[0]])
    vocab = np.array(sorted(tokens["token"].unique()), dtype=object)
    r = row_index.get_indexer(pd.MultiIndex.from_frame(tokens[keys]) if len(keys) > 1 else tokens[keys[0]])
    c = np.searchsorted(vocab, tokens["token"].to_numpy())
    m = sparse.csr_matrix((np.ones(len(tokens), dtype=np.int64), (r, c)), shape=(len(rows), len(vocab)))
    m.sum_duplicates()
    if min_df > 1 or max_share < 1.0:
        dfreq = np.asarray((m > 0).sum(axis=0)).ravel()
        keep = (dfreq >= min_df) & (dfreq <= max_share * len(rows))
        m, vocab = m[:, keep], vocab[keep]
    return DocumentTermMatrix(m.tocsr(), rows, vocab)


def tfidf_distinctive(tokens: pd.DataFrame, top: int = 10, unit: str = "doc_id") -> pd.DataFrame:
    """The ``top`` terms per unit by TF-IDF (scikit-learn's smooth idf, l2 norm).

    Columns: ``[unit, rank, token, tfidf, n]``.
    """
    from sklearn.feature_extraction.text import TfidfTransformer

    dtm = document_term_matrix(tokens, unit)
    weights = TfidfTransformer().fit_transform(dtm.matrix).tocsr()
    out = []
    for i, label in enumerate(dtm.rows[unit]):
        row = weights.getrow(i)
        counts = dtm.matrix.getrow(i)
        pairs = sorted(zip(row.indices, row.data), key=lambda p: (-p[1], dtm.vocabulary[p[0]]))[:top]
        cdict = dict(zip(counts.indices, counts.data))
        for rank, (j, w) in enumerate(pairs, start=1):
            out.append({unit: label, "rank": rank, "token": dtm.vocabulary[j], "tfidf": float(w),
                        "n": int(cdict[j])})
    return pd.DataFrame(out, columns=[unit, "rank", "token", "tfidf", "n"])


def g2(a: float, b: float, c: float, d: float, correction: str = "none") -> float:
    """Log-likelihood G² of the 2×2 table [[a, b], [c, d]] (rows: term / other tokens;
    columns: target / reference). ``correction``: 'none' or 'williams'.

    >>> round(g2(10, 5, 990, 1995), 4)
    6.9692
    """
    n = a + b + c + d
    rows, cols = (a + b, c + d), (a + c, b + d)
    obs = ((a, b), (c, d))
    total = 0.0
    for i in range(2):
        for j in range(2):
            o = obs[i][j]
            if o > 0:
                total += o * math.log(o / (rows[i] * cols[j] / n))
    value = 2 * total
    if correction == "williams":
        q = 1 + (n / rows[0] + n / rows[1] - 1) * (n / cols[0] + n / cols[1] - 1) / (6 * n)
        value /= q
    elif correction != "none":
        raise ValueError("correction must be 'none' or 'williams'")
    return value


def keyness(target: pd.DataFrame, reference: pd.DataFrame, min_count: int = 5, alpha: float = 0.05,
            correction: str = "williams") -> pd.DataFrame:
    """Keyness of every term in ``target`` tokens against ``reference`` tokens.

    Terms with fewer than ``min_count`` occurrences in both groups together are
    not tested. Columns: ``token, n_target, n_reference, per_10k_target,
    per_10k_reference, g2`` (signed: positive = over-represented in the
    target), ``p``, ``p_bonferroni`` (× number of terms tested, capped at 1),
    ``significant`` (p_bonferroni < alpha), ``log_ratio`` (log2 of the ratio of
    relative frequencies, 0.5 added to zero counts). Sorted by g2, descending.
    """
    ct = target["token"].value_counts()
    cr = reference["token"].value_counts()
    t_total, r_total = int(ct.sum()), int(cr.sum())
    vocab = sorted(set(ct.index) | set(cr.index))
    rows = []
    for tok in vocab:
        a, b = int(ct.get(tok, 0)), int(cr.get(tok, 0))
        if a + b < min_count:
            continue
        value = g2(a, b, t_total - a, r_total - b, correction)
        rel_t, rel_r = (a or 0.5) / t_total, (b or 0.5) / r_total
        sign = 1.0 if a / t_total >= b / r_total else -1.0
        rows.append((tok, a, b, a / t_total * 10_000, b / r_total * 10_000, sign * value,
                     float(chi2.sf(value, 1)), math.log2(rel_t / rel_r)))
    out = pd.DataFrame(rows, columns=["token", "n_target", "n_reference", "per_10k_target",
                                      "per_10k_reference", "g2", "p", "log_ratio"])
    out["p_bonferroni"] = (out["p"] * len(out)).clip(upper=1.0)
    out["significant"] = out["p_bonferroni"] < alpha
    out = out[["token", "n_target", "n_reference", "per_10k_target", "per_10k_reference", "g2", "p",
               "p_bonferroni", "significant", "log_ratio"]]
    return out.sort_values(["g2", "token"], ascending=[False, True]).reset_index(drop=True)


def cooccurrence(tokens: pd.DataFrame, unit: Sequence[str] = ITEM_UNIT, min_count: int = 3,
                 vocabulary: Sequence[str] | None = None) -> pd.DataFrame:
    """Pairs of terms that occur in the same unit (item by default).

    Only terms present in at least ``min_count`` units (or those in
    ``vocabulary``) are paired. Columns: ``term_a, term_b`` (term_a < term_b),
    ``n_units`` (units holding both), ``n_a, n_b`` (units holding each),
    ``npmi`` (normalised PMI over units, in [-1, 1]), ``jaccard``.
    Sorted by ``n_units`` then ``npmi``, descending.
    """
    keys = list(unit)
    pres = tokens[[*keys, "token"]].drop_duplicates()
    n_units = len(pres[keys].drop_duplicates())
    df = pres.groupby("token").size()
    keep = set(vocabulary) if vocabulary is not None else set(df[df >= min_count].index)
    pres = pres[pres["token"].isin(keep)]
    pair_counts: dict[tuple[str, str], int] = {}
    for _, group in pres.groupby(keys, sort=True):
        terms = sorted(group["token"])
        for pair in combinations(terms, 2):
            pair_counts[pair] = pair_counts.get(pair, 0) + 1
    rows = []
    for (a, b), n_ab in pair_counts.items():
        n_a, n_b = int(df[a]), int(df[b])
        p_ab, p_a, p_b = n_ab / n_units, n_a / n_units, n_b / n_units
        npmi = 1.0 if p_ab == 1 else math.log(p_ab / (p_a * p_b)) / -math.log(p_ab)
        rows.append((a, b, n_ab, n_a, n_b, npmi, n_ab / (n_a + n_b - n_ab)))
    out = pd.DataFrame(rows, columns=["term_a", "term_b", "n_units", "n_a", "n_b", "npmi", "jaccard"])
    return out.sort_values(["n_units", "npmi", "term_a", "term_b"],
                           ascending=[False, False, True, True]).reset_index(drop=True)


def cooccurrence_graph(pairs: pd.DataFrame, min_units: int = 2, weight: str = "npmi"):
    """A networkx Graph of co-occurring terms: edges with ``n_units >= min_units``,
    edge attributes ``n_units``, ``npmi``, ``jaccard`` and ``weight`` (= the chosen column)."""
    import networkx as nx

    g = nx.Graph()
    for row in pairs[pairs["n_units"] >= min_units].itertuples(index=False):
        g.add_edge(row.term_a, row.term_b, n_units=int(row.n_units), npmi=float(row.npmi),
                   jaccard=float(row.jaccard), weight=float(getattr(row, weight)))
    return g


def item_dtm(items: pd.DataFrame, stopwords: str | Sequence[str] = "default", chunk_size: int = 50_000,
             **segment_kwargs) -> DocumentTermMatrix:
    """Items → sparse item × term count matrix without materialising the token table:
    items are segmented a chunk at a time and only counts are kept, so memory stays
    O(non-zero cells).

    Rows are ``(doc_id, item_seq)`` in sorted order, columns the sorted vocabulary, as in
    :func:`document_term_matrix`; ``segment_kwargs`` go to
    :func:`wpanalysis.segment.token_counts_matrix` (backend, workers, cache …).
    """
    from .segment import token_counts_matrix

    ordered = items.sort_values(["doc_id", "item_seq"]).reset_index(drop=True)
    blocks, vocabs = [], []
    for lo in range(0, len(ordered), chunk_size):
        counts, vocab = token_counts_matrix(ordered.iloc[lo:lo + chunk_size], stopwords, **segment_kwargs)
        blocks.append(counts)
        vocabs.append(vocab)
    if len(blocks) == 1:  # one chunk: its vocabulary is already the sorted joint one
        return DocumentTermMatrix(blocks[0], ordered[["doc_id", "item_seq"]], vocabs[0])
    vocabulary = np.array(sorted(set().union(*vocabs)), dtype=object) if vocabs else np.array([], dtype=object)
    mats = []
    for counts, vocab in zip(blocks, vocabs):
        cols = np.searchsorted(vocabulary, vocab)  # this chunk's columns in the joint vocabulary
        coo = counts.tocoo()
        mats.append(sparse.csr_matrix((coo.data, (coo.row, cols[coo.col])), shape=(counts.shape[0], len(vocabulary))))
    m = sparse.vstack(mats, format="csr") if mats else sparse.csr_matrix((0, 0), dtype=np.int64)
    return DocumentTermMatrix(m, ordered[["doc_id", "item_seq"]], vocabulary)
