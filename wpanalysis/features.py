"""Features stage: token table → frequencies, keyness, TF-IDF, co-occurrence, DTM.

All functions take the token table of :mod:`wpanalysis.segment` (usually after
:func:`~wpanalysis.segment.remove_stopwords`) and return tidy DataFrames,
sorted deterministically (by the count or score, then by the term).

Keyness follows corpus-linguistics practice: the log-likelihood G² of a 2×2 table
(term vs. all other tokens × target vs. reference), signed by direction, with Williams'
correction applied to every term by default (``correction="williams"``), its p-value from
χ²(1), a Bonferroni correction for the number of terms tested, and the log ratio (Hardie
2014) as effect size. ``correction="quanteda"`` reproduces quanteda's
``textstat_keyness(x, measure = "lr", correction = "williams")`` exactly: Williams' correction
skipped for a term with a zero cell, and 1e-9 added inside each logarithm as quanteda does.

Keyword tables for reports: :func:`token_counts` (what segmentation produced, per
document), :func:`top_terms_with_without` (what the switchable ``policy_boilerplate``
layer changes), :func:`rank_table`, :func:`term_counts`, :func:`term_counts_by` (word-cloud
inputs), :func:`drop_ubiquitous`, which plans a per-plan table or figure shows at any corpus
size (:func:`largest_documents`, :func:`cloud_panels`), and keyness between two groups of the
registry (:func:`group_members`, :func:`keyness_groups`, :func:`key_terms`).

Example::

    from wpanalysis import build, features, registry, segment
    corpus = build.load_corpus()
    tokens = registry.keep_full_text(segment.tokenize_items(corpus.items), corpus.documents)
    features.top_terms_with_without(tokens, n=30)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.stats import chi2

from .lexicon import STOPWORD_LAYERS
from .registry import group_values
from .segment import remove_stopwords

__all__ = [
    "BASE_LAYERS",
    "DocumentTermMatrix",
    "term_frequency",
    "document_frequency",
    "tfidf_distinctive",
    "document_term_matrix",
    "g2",
    "keyness",
    "cooccurrence",
    "cooccurrence_graph",
    "item_dtm",
    "token_counts",
    "top_terms_with_without",
    "rank_table",
    "term_counts",
    "term_counts_by",
    "drop_ubiquitous",
    "largest_documents",
    "cloud_panels",
    "group_members",
    "keyness_groups",
    "largest_of_each_group",
    "key_terms",
]

ITEM_UNIT = ("doc_id", "item_seq")

CORRECTIONS = ("williams", "none", "quanteda")
"""The G² conventions :func:`keyness` offers (see its docstring)."""

_QUANTEDA_EPSILON = 1e-9  # quanteda's offset inside each log (src/keyness.cpp)


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

    Columns: ``[unit, rank, token, tfidf, n]``; units in sorted order, ties in a weight broken
    by the term; no rows for an empty token table.

    >>> t = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "token": ["双减", "双减", "教育", "教育"]})
    >>> tfidf_distinctive(t, top=1)[["doc_id", "token", "n"]].values.tolist()
    [['a', '双减', 2], ['b', '教育', 1]]
    """
    from sklearn.feature_extraction.text import TfidfTransformer

    columns = [unit, "rank", "token", "tfidf", "n"]
    dtm = document_term_matrix(tokens, unit)
    if dtm.matrix.shape[0] == 0 or dtm.matrix.shape[1] == 0:
        return pd.DataFrame(columns=columns)
    weights = TfidfTransformer().fit_transform(dtm.matrix).tocoo()
    cells = pd.DataFrame({"row": weights.row, "col": weights.col, "tfidf": weights.data.astype(float)})
    cells["token"] = dtm.vocabulary[cells["col"].to_numpy()]
    cells = cells.sort_values(["row", "tfidf", "token"], ascending=[True, False, True], kind="stable")
    cells = cells.groupby("row", sort=False).head(top)
    cells["rank"] = cells.groupby("row", sort=False).cumcount() + 1
    cells["n"] = np.asarray(dtm.matrix[cells["row"].to_numpy(), cells["col"].to_numpy()]).ravel().astype("int64")
    cells[unit] = dtm.rows[unit].to_numpy()[cells["row"].to_numpy()]
    return cells[columns].reset_index(drop=True)


def g2(a: float, b: float, c: float, d: float, correction: str = "none") -> float:
    """Log-likelihood G² of the 2×2 table [[a, b], [c, d]] (rows: term / other tokens;
    columns: target / reference). ``correction``: 'none', 'williams' or 'quanteda' (see :func:`keyness`).

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
    if correction not in CORRECTIONS:
        raise ValueError(f"correction must be one of {CORRECTIONS}, got {correction!r}")
    if correction == "quanteda":
        return float(_g2_vector(*(np.array([float(x)]) for x in (a, b, c, d)), correction)[0])
    if correction == "williams":
        q = 1 + (n / rows[0] + n / rows[1] - 1) * (n / cols[0] + n / cols[1] - 1) / (6 * n)
        value /= q
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
    Computed for all terms at once (the same values as :func:`g2` term by term).

    ``correction``: ``"williams"`` (every term), ``"none"``, or ``"quanteda"`` — the G² and p of
    quanteda's ``textstat_keyness(measure = "lr", correction = "williams")``: no correction for a
    term with a zero cell (it then has a larger G² than with ``"williams"``), 1e-9 inside each
    log, and the sign + only when the target count exceeds its expected value.

    >>> t = pd.DataFrame({"token": ["双减"] * 30 + ["其他"] * 70})
    >>> r = pd.DataFrame({"token": ["双减"] * 5 + ["其他"] * 95})
    >>> keyness(t, r)[["token", "significant"]].values.tolist()
    [['双减', True], ['其他', True]]
    """
    if correction not in CORRECTIONS:
        raise ValueError(f"correction must be one of {CORRECTIONS}, got {correction!r}")
    counts = pd.concat([target["token"].value_counts().rename("a"), reference["token"].value_counts().rename("b")],
                       axis=1).fillna(0)
    t_total, r_total = float(counts["a"].sum()), float(counts["b"].sum())
    counts = counts[counts["a"] + counts["b"] >= min_count]
    counts = counts.loc[sorted(counts.index)]
    a, b = counts["a"].to_numpy(float), counts["b"].to_numpy(float)
    value = _g2_vector(a, b, t_total - a, r_total - b, correction)
    with np.errstate(divide="ignore", invalid="ignore"):
        rel_t, rel_r = a / t_total, b / r_total
        sign = np.where(rel_t >= rel_r, 1.0, -1.0)
        if correction == "quanteda":  # quanteda signs by a > E, so a tie is negative
            sign = np.where(a > (a + b) * t_total / (t_total + r_total), 1.0, -1.0)
        log_ratio = np.log2((np.where(a > 0, a, 0.5) / t_total) / (np.where(b > 0, b, 0.5) / r_total))
    out = pd.DataFrame({"token": counts.index.to_numpy(dtype=object), "n_target": a.astype("int64"),
                        "n_reference": b.astype("int64"), "per_10k_target": rel_t * 10_000,
                        "per_10k_reference": rel_r * 10_000, "g2": sign * value, "p": chi2.sf(value, 1)})
    out["p_bonferroni"] = (out["p"] * len(out)).clip(upper=1.0)
    out["significant"] = out["p_bonferroni"] < alpha
    out["log_ratio"] = log_ratio
    return out.sort_values(["g2", "token"], ascending=[False, True]).reset_index(drop=True)


def _g2_vector(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray, correction: str) -> np.ndarray:
    """:func:`g2` of many 2×2 tables at once (cells in the same order, so the same sums)."""
    n = a + b + c + d
    rows, cols = (a + b, c + d), (a + c, b + d)
    total = np.zeros_like(a)
    eps = _QUANTEDA_EPSILON if correction == "quanteda" else 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        for i, j, o in ((0, 0, a), (0, 1, b), (1, 0, c), (1, 1, d)):
            total = total + np.where(o > 0, o * np.log(o / (rows[i] * cols[j] / n) + eps), 0.0)
        value = 2 * total
        q = 1 + (n / rows[0] + n / rows[1] - 1) * (n / cols[0] + n / cols[1] - 1) / (6 * n)
        if correction == "williams":
            value = value / q
        elif correction == "quanteda":  # quanteda skips Williams' correction when a cell is zero
            value = np.where(a * b * c * d == 0, value, value / q)
    return value


def cooccurrence(tokens: pd.DataFrame, unit: Sequence[str] = ITEM_UNIT, min_count: int = 3,
                 vocabulary: Sequence[str] | None = None) -> pd.DataFrame:
    """Pairs of terms that occur in the same unit (item by default).

    Only terms present in at least ``min_count`` units (or those in
    ``vocabulary``) are paired. Columns: ``term_a, term_b`` (term_a < term_b),
    ``n_units`` (units holding both), ``n_a, n_b`` (units holding each),
    ``npmi`` (normalised PMI over units, in [-1, 1]), ``jaccard``.
    Sorted by ``n_units`` then ``npmi``, descending. Pairs are counted with one sparse
    product (unit × term presence), so the cost grows with the units, not with their square.

    >>> t = pd.DataFrame({"doc_id": ["a"] * 4, "item_seq": [1, 1, 2, 2], "token": ["双减", "作业", "双减", "作业"]})
    >>> cooccurrence(t, min_count=1)[["term_a", "term_b", "n_units", "npmi"]].values.tolist()
    [['作业', '双减', 2, 1.0]]
    """
    keys = list(unit)
    columns = ["term_a", "term_b", "n_units", "n_a", "n_b", "npmi", "jaccard"]
    pres = tokens[[*keys, "token"]].drop_duplicates()
    if pres.empty:
        return pd.DataFrame(columns=columns)
    unit_ids = pres.groupby(keys, sort=True).ngroup().to_numpy()
    n_units = int(unit_ids.max()) + 1
    df = pres.groupby("token").size()
    keep = set(vocabulary) if vocabulary is not None else set(df[df >= min_count].index)
    chosen = pres["token"].isin(keep).to_numpy()
    terms = np.array(sorted(set(pres["token"][chosen])), dtype=object)
    cols = np.searchsorted(terms, pres["token"].to_numpy()[chosen]) if len(terms) else np.array([], dtype=int)
    presence = sparse.csr_matrix((np.ones(len(cols), dtype=np.int64), (unit_ids[chosen], cols)),
                                 shape=(n_units, len(terms)))
    both = sparse.triu(presence.T @ presence, k=1).tocoo()
    n_ab = both.data.astype(float)
    n_a = df.reindex(terms[both.row]).to_numpy(float)
    n_b = df.reindex(terms[both.col]).to_numpy(float)
    p_ab, p_a, p_b = n_ab / n_units, n_a / n_units, n_b / n_units
    with np.errstate(divide="ignore", invalid="ignore"):
        npmi = np.where(p_ab == 1, 1.0, np.log(p_ab / (p_a * p_b)) / -np.log(p_ab))
    out = pd.DataFrame({"term_a": terms[both.row], "term_b": terms[both.col], "n_units": both.data.astype("int64"),
                        "n_a": n_a.astype("int64"), "n_b": n_b.astype("int64"), "npmi": npmi,
                        "jaccard": n_ab / (n_a + n_b - n_ab)}, columns=columns)
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


# --------------------------------------------------------------------------- keyword tables


BASE_LAYERS: tuple[str, ...] = ("function_words", "punctuation_numbers")
"""Stopword layers removed in every bag-of-words analysis; ``policy_boilerplate`` is the switchable one."""


# --------------------------------------------------------------------------- documents


def token_counts(tokens: pd.DataFrame, documents: pd.DataFrame, labels: pd.Series | None = None) -> pd.DataFrame:
    """Tokens per document and how many fall in each stopword layer; one row per document.

    Columns: ``doc_id``, ``label`` (from *labels*, a Series indexed by ``doc_id``; the
    ``doc_id`` itself by default), ``completeness``, ``n_items`` (items with at least one
    token), ``n_tokens`` (all non-space tokens), ``function_words``, ``punctuation_numbers``,
    ``policy_boilerplate`` (tokens in each layer) and ``n_content`` (tokens in no layer).
    Rows follow *documents*; a document without tokens gets zeros.

    >>> docs = pd.DataFrame({"doc_id": ["a"], "completeness": ["full"]})
    >>> t = pd.DataFrame({"doc_id": ["a"] * 3, "item_seq": [1, 1, 2], "token": ["的", "双减", "工作"],
    ...                   "stop_layer": ["function_words", "", "policy_boilerplate"]})
    >>> token_counts(t, docs).iloc[0].to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'doc_id': 'a', 'label': 'a', 'completeness': 'full', 'n_items': 2, 'n_tokens': 3, 'function_words': 1,
     'punctuation_numbers': 0, 'policy_boilerplate': 1, 'n_content': 1}
    """
    layer_counts = (
        tokens.groupby(["doc_id", "stop_layer"]).size().unstack(fill_value=0)
        .reindex(columns=[*STOPWORD_LAYERS, ""], fill_value=0)
    )
    out = pd.DataFrame({"doc_id": documents["doc_id"].to_numpy()})
    out["label"] = out["doc_id"] if labels is None else out["doc_id"].map(labels).fillna(out["doc_id"])
    out["completeness"] = documents["completeness"].to_numpy()
    n_items = tokens[["doc_id", "item_seq"]].drop_duplicates().groupby("doc_id").size()
    out["n_items"] = out["doc_id"].map(n_items).fillna(0).astype("int64")
    out["n_tokens"] = out["doc_id"].map(tokens.groupby("doc_id").size()).fillna(0).astype("int64")
    for layer in STOPWORD_LAYERS:
        out[layer] = out["doc_id"].map(layer_counts[layer]).fillna(0).astype("int64")
    out["n_content"] = out["doc_id"].map(layer_counts[""]).fillna(0).astype("int64")
    return out


# --------------------------------------------------------------------------- frequencies


def top_terms_with_without(tokens: pd.DataFrame, layer: str = "policy_boilerplate", n: int = 30,
                           stopwords: Sequence[str] = BASE_LAYERS) -> pd.DataFrame:
    """The top *n* terms side by side: with *layer* kept and with it removed (the *stopwords* layers always removed).

    Rates are per 10,000 tokens left after removal, so removing a layer raises every
    remaining term's rate a little. Columns: ``rank``; ``kept_token``, ``kept_n``,
    ``kept_per_10k``, ``kept_in_layer`` (True when the term belongs to *layer*, i.e. it
    disappears once the layer is removed); ``removed_token``, ``removed_n``,
    ``removed_per_10k``, ``removed_new`` (True when the term is not in the top *n* with the
    layer kept). Ties in a count are broken by the term (code-point order).

    >>> t = pd.DataFrame({"token": ["工作", "工作", "工作", "双减", "双减", "教师"],
    ...                   "stop_layer": ["policy_boilerplate"] * 3 + ["", "", ""]})
    >>> top_terms_with_without(t, n=2)[["kept_token", "kept_in_layer", "removed_token", "removed_new"]].values.tolist()
    [['工作', True, '双减', False], ['双减', False, '教师', True]]
    """
    if layer not in STOPWORD_LAYERS:
        raise ValueError(f"unknown stopword layer {layer!r}; layers: {STOPWORD_LAYERS}")
    base = [b for b in stopwords if b != layer]
    kept = term_frequency(remove_stopwords(tokens, base) if base else tokens).head(n).reset_index(drop=True)
    removed = term_frequency(remove_stopwords(tokens, [*base, layer])).head(n).reset_index(drop=True)
    in_layer = set(tokens.loc[tokens["stop_layer"] == layer, "token"])
    out = pd.DataFrame({"rank": range(1, max(len(kept), len(removed)) + 1)})
    for side, table in (("kept", kept), ("removed", removed)):
        out[f"{side}_token"] = table["token"]
        out[f"{side}_n"] = table["n"].astype("Int64")
        out[f"{side}_per_10k"] = table["per_10k"]
    out["kept_in_layer"] = out["kept_token"].isin(in_layer)
    out["removed_new"] = ~out["removed_token"].isin(set(kept["token"]))
    columns = ["rank", "kept_token", "kept_n", "kept_per_10k", "kept_in_layer",
               "removed_token", "removed_n", "removed_per_10k", "removed_new"]
    return out[columns]


def rank_table(table: pd.DataFrame, by: str = "doc_id", value: str = "per_10k", n: int = 30,
               labels: Mapping[str, str] | pd.Series | None = None, decimals: int = 1,
               order: Sequence[str] | None = None) -> pd.DataFrame:
    """A display table of the top *n* terms per group: one row per rank, one column per group.

    *table* is a long table with ``by``, ``token`` and *value* columns whose rows are already
    in rank order inside each group (as :func:`~wpanalysis.features.term_frequency` and
    :func:`~wpanalysis.features.tfidf_distinctive` return them). Each cell reads
    ``"term value"`` (value rounded to *decimals*); the index is ``rank`` (1-based); the
    columns are the groups in *order* (e.g. :func:`full_text_ids`, registry order; by
    default the order of first appearance), renamed by *labels*. A group with fewer than *n*
    terms has empty cells (``""``).

    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b"], "token": ["双减", "教师", "课后服务"], "per_10k": [60.0, 40, 100]})
    >>> rank_table(t, n=2, labels={"a": "宁波 2024"}).to_dict("list")
    {'宁波 2024': ['双减 60.0', '教师 40.0'], 'b': ['课后服务 100.0', '']}
    >>> list(rank_table(t, order=["b", "a"]).columns)
    ['b', 'a']
    """
    top = table.assign(rank=table.groupby(by, sort=False).cumcount() + 1)
    top = top[top["rank"] <= n]
    if top.empty:
        return pd.DataFrame(index=pd.RangeIndex(1, 1, name="rank"), columns=list(order or []), dtype=object)
    cells = top["token"].astype(str) + " " + top[value].map(lambda v: f"{v:.{decimals}f}")
    wide = (
        pd.DataFrame({by: top[by], "rank": top["rank"], "cell": cells})
        .pivot(index="rank", columns=by, values="cell")
        .reindex(columns=list(order) if order is not None else list(pd.unique(top[by])))
        .fillna("")
    )
    if labels is not None:
        wide.columns = [labels.get(c, c) for c in wide.columns]
    wide.columns.name = None
    return wide


def term_counts(tokens: pd.DataFrame, n: int | None = 100) -> dict[str, int]:
    """The *n* most frequent terms as ``{term: count}`` (all terms when *n* is None), for a word cloud.

    >>> term_counts(pd.DataFrame({"token": ["双减", "教师", "双减"]}))
    {'双减': 2, '教师': 1}
    """
    freq = term_frequency(tokens)
    if n is not None:
        freq = freq.head(n)
    return {str(t): int(c) for t, c in zip(freq["token"], freq["n"])}


def term_counts_by(tokens: pd.DataFrame, by: str = "doc_id", labels: Mapping[str, str] | pd.Series | None = None,
                   n: int | None = 100) -> dict[str, dict[str, int]]:
    """:func:`term_counts` per group, keyed by the group's label (groups in order of first appearance).

    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b"], "token": ["双减", "教师", "课后服务"]})
    >>> term_counts_by(t, labels={"a": "宁波 2024", "b": "河源 2025"}, n=1)
    {'宁波 2024': {'双减': 1}, '河源 2025': {'课后服务': 1}}
    """
    out: dict[str, dict[str, int]] = {}
    for key, group in tokens.groupby(by, sort=False):
        name = labels.get(key, key) if labels is not None else key
        out[str(name)] = term_counts(group, n)
    return out


def drop_ubiquitous(tokens: pd.DataFrame, unit: str = "doc_id") -> pd.DataFrame:
    """*tokens* without the terms that occur in every unit (every document by default).

    With scikit-learn's smooth idf such a term has idf = 1, the lowest there is: it cannot
    tell documents apart, yet in a small corpus its high count still puts it at the top of
    a TF-IDF ranking. A corpus of one unit is returned unchanged.

    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b"], "token": ["教育", "双减", "教育"]})
    >>> drop_ubiquitous(t)["token"].tolist()
    ['双减']
    """
    n_units = tokens[unit].nunique()
    if n_units < 2:
        return tokens
    spread = tokens.groupby("token")[unit].nunique()
    everywhere = set(spread[spread == n_units].index)
    return tokens[~tokens["token"].isin(everywhere)].reset_index(drop=True)


def largest_documents(tokens: pd.DataFrame, n: int | None = None, order: Sequence[str] | None = None) -> list[str]:
    """The ``doc_id`` of the *n* documents with the most tokens (all when *n* is None).

    Returned most tokens first (ties by ``doc_id``), or in *order* (e.g.
    :func:`wpanalysis.registry.full_text_ids`, registry order) when given; documents not in
    *order* are then left out. The rule per-plan tables follow past a given number of plans.

    >>> t = pd.DataFrame({"doc_id": ["a", "b", "b", "c", "c", "c"], "token": list("xyzxyz")})
    >>> largest_documents(t, 2), largest_documents(t, 2, order=["a", "b", "c"])
    (['c', 'b'], ['b', 'c'])
    """
    sizes = tokens.groupby("doc_id", sort=False).size()
    ranked = sorted(sizes.index, key=lambda d: (-int(sizes[d]), str(d)))
    chosen = ranked if n is None else ranked[:n]
    if order is None:
        return chosen
    keep = set(chosen)
    return [d for d in order if d in keep]


def cloud_panels(tokens: pd.DataFrame, labels: Mapping[str, str] | pd.Series | None = None, max_panels: int = 12,
                 n: int | None = 100, order: Sequence[str] | None = None,
                 others: str = "其他 {n} 份") -> dict[str, dict[str, int]]:
    """Word-cloud inputs for at most *max_panels* panels, whatever the number of documents.

    Up to *max_panels* documents: one panel per document (``{label: {term: count}}``, in
    *order*). Beyond: the ``max_panels - 1`` documents with the most tokens, one panel each,
    and one panel pooling all the others, titled *others* with ``{n}`` their number.

    >>> t = pd.DataFrame({"doc_id": ["a", "b", "b", "c", "c", "c"], "token": ["双减"] * 6})
    >>> cloud_panels(t, max_panels=2)
    {'c': {'双减': 3}, '其他 2 份': {'双减': 3}}
    """
    n_docs = tokens["doc_id"].nunique()
    shown = largest_documents(tokens, None if n_docs <= max_panels else max(max_panels - 1, 0), order)
    chosen = tokens[tokens["doc_id"].isin(shown)]
    panels = term_counts_by(chosen, labels=labels, n=n)
    names = [str(labels.get(d, d)) if labels is not None else str(d) for d in shown]
    panels = {name: panels[name] for name in names if name in panels}
    rest = tokens[~tokens["doc_id"].isin(shown)]
    if len(rest):
        panels[others.format(n=rest["doc_id"].nunique())] = term_counts(rest, n)
    return panels


# --------------------------------------------------------------------------- keyness


def _as_list(values: object) -> list:
    if isinstance(values, str) or not isinstance(values, Iterable):
        return [values]
    return list(values)


def _in_group(documents: pd.DataFrame, column: str, values: object) -> np.ndarray:
    """Rows of *documents* whose *column* holds one of *values*, as stored or as its group name
    (:func:`wpanalysis.registry.group_values`: ``"2024"`` for the year 2024, ``"unknown"`` for empty)."""
    wanted = _as_list(values)
    names = {str(v) for v in wanted}
    by_name = group_values(documents, column).isin(names).to_numpy()
    return documents[column].isin(wanted).to_numpy() | by_name


def group_members(tokens: pd.DataFrame, documents: pd.DataFrame, column: str, target: object, reference: object,
                  labels: Mapping[str, str] | pd.Series | None = None) -> pd.DataFrame:
    """Which documents of *tokens* form the target and the reference group of a comparison.

    A document is in the target group when its registry *column* (``admin_level``,
    ``region``, ``doc_id`` …) has one of the *target* values (a value or a list; the group
    names :func:`wpanalysis.compare.contrast_groups` returns work too), in the reference
    group for *reference*; documents in neither, or absent from *tokens*, are left out.
    Columns: ``group`` (``target`` / ``reference``), ``doc_id``, ``label``, *column*,
    ``n_tokens``; target rows first, each group in registry order.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "admin_level": ["city", "county", "city"]})
    >>> t = pd.DataFrame({"doc_id": ["a", "b", "b"], "token": ["双减", "教师", "双减"]})
    >>> group_members(t, docs, "admin_level", "city", "county")[["group", "doc_id", "n_tokens"]].values.tolist()
    [['target', 'a', 1], ['reference', 'b', 2]]
    """
    sizes = tokens.groupby("doc_id").size()
    present = documents[documents["doc_id"].isin(sizes.index)]
    rows = []
    for group, values in (("target", target), ("reference", reference)):
        for _, doc in present[_in_group(present, column, values)].iterrows():
            label = labels.get(doc["doc_id"], doc["doc_id"]) if labels is not None else doc["doc_id"]
            rows.append({"group": group, "doc_id": doc["doc_id"], "label": label, column: doc[column],
                         "n_tokens": int(sizes[doc["doc_id"]])})
    columns = ["group", "doc_id", "label", column, "n_tokens"]
    return pd.DataFrame(rows, columns=list(dict.fromkeys(columns)))


def keyness_groups(tokens: pd.DataFrame, documents: pd.DataFrame, column: str, target: object, reference: object,
                   min_count: int = 5, alpha: float = 0.05, correction: str = "williams") -> pd.DataFrame:
    """Keyness (:func:`wpanalysis.features.keyness`) of the target group's tokens against the reference group's.

    Groups are chosen as in :func:`group_members`. The columns of
    :func:`~wpanalysis.features.keyness` (``token``, ``n_target``, ``n_reference``,
    ``per_10k_target``, ``per_10k_reference``, ``g2`` signed, ``p``, ``p_bonferroni``,
    ``significant``, ``log_ratio``) plus ``docs_target`` and ``docs_reference``: in how
    many documents of each group the term occurs. A term key to a group but found in only
    one of its documents is that document's word, not the group's. Sorted by ``g2``,
    descending. Raises ``ValueError`` when a group has no documents.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "admin_level": ["city", "county"]})
    >>> t = pd.DataFrame({"doc_id": ["a"] * 40 + ["b"] * 40, "token": ["高校"] * 20 + ["教育"] * 20 + ["教育"] * 40})
    >>> k = keyness_groups(t, docs, "admin_level", "city", "county")
    >>> k[["token", "significant", "docs_target", "docs_reference"]].values.tolist()
    [['高校', True, 1, 0], ['教育', True, 1, 1]]
    """
    members = group_members(tokens, documents, column, target, reference)
    ids = {g: members.loc[members["group"] == g, "doc_id"].tolist() for g in ("target", "reference")}
    for group, doc_ids in ids.items():
        if not doc_ids:
            values = target if group == "target" else reference
            raise ValueError(f"no documents in the {group} group ({column} = {values!r})")
    parts = {g: tokens[tokens["doc_id"].isin(doc_ids)] for g, doc_ids in ids.items()}
    table = keyness(parts["target"], parts["reference"], min_count=min_count, alpha=alpha, correction=correction)
    for group, part in parts.items():
        spread = part.groupby("token")["doc_id"].nunique()
        table[f"docs_{group}"] = table["token"].map(spread).fillna(0).astype("int64")
    return table


def largest_of_each_group(members: pd.DataFrame) -> tuple[str, str] | None:
    """The ``doc_id`` of the largest document (most tokens; the first in registry order on a tie)
    of the target and of the reference group of a :func:`group_members` table, or None when a
    group is empty — the rule that picks two single plans to compare.

    >>> m = pd.DataFrame({"group": ["target", "target", "reference"], "doc_id": ["a", "b", "c"],
    ...                   "n_tokens": [5, 9, 2]})
    >>> largest_of_each_group(m)
    ('b', 'c')
    """
    largest = members.sort_values("n_tokens", ascending=False, kind="stable").drop_duplicates("group")
    ids = dict(zip(largest["group"], largest["doc_id"]))
    return (ids["target"], ids["reference"]) if {"target", "reference"} <= set(ids) else None


def key_terms(table: pd.DataFrame, n: int = 15, significant_only: bool = True) -> pd.DataFrame:
    """The *n* most key terms on each side of a :func:`keyness` table: the largest positive
    ``g2`` (key to the target) and the most negative (key to the reference), strongest first,
    target side first; only significant terms unless *significant_only* is False.

    >>> k = pd.DataFrame({"token": list("abcd"), "g2": [9.0, 4.0, -2.0, -8.0],
    ...                   "significant": [True, True, False, True]})
    >>> key_terms(k, n=1)["token"].tolist(), key_terms(k, n=2)["token"].tolist()
    (['a', 'd'], ['a', 'b', 'd'])
    """
    data = table[table["significant"]] if significant_only else table
    top = data[data["g2"] > 0].sort_values(["g2", "token"], ascending=[False, True], kind="stable").head(n)
    bottom = data[data["g2"] < 0].sort_values(["g2", "token"], ascending=[True, True], kind="stable").head(n)
    return pd.concat([top, bottom]).reset_index(drop=True)
