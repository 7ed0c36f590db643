"""Topics stage: item-level document-term matrix → LDA / NMF topics, choosing k, stability, labels.

Each numbered **item** of a plan is one document for the model. Title-only items (the
outline-only plans keep nothing else) enter with their title or not at all — the choice
is the ``outline_items`` parameter of :func:`model_items`, never implicit.

The pipeline, each step a plain function on the previous step's output::

    from wpanalysis import build, segment, topics
    items = build.load_corpus().items
    tokens = segment.remove_stopwords(segment.tokenize_items(topics.model_items(items, "titles")))
    dtm = topics.topic_dtm(tokens, min_df=3, max_share=0.3, min_docs=2)
    sweep = topics.sweep_k(dtm, range(3, 11), seeds=(0, 1, 2))  # npmi, umass, diversity, perplexity per k
    model = topics.fit_topics(dtm, topics.choose_k(sweep), method="lda", seed=0)
    topics.topic_terms(model)                                   # topic, rank, token, weight, relevance
    topics.item_topics(model)                                   # doc_id, item_seq, topic, share
    topics.topic_stability(topics.fit_seeds(dtm, model.k, range(5)))
    topics.match_topic_labels("notebooks/topic_labels.yaml", "lda", model)  # labels that still fit
    topics.sweep_k(topics.sample_items(dtm, 1000), range(3, 11))            # a sweep whose cost is capped

Conventions:

* Topics are numbered from 1, in order of their share of the corpus (topic 1 the largest),
  so a table reads from the most to the least common topic. The numbering is fixed by
  the data, the settings and the seed: the same seed gives the same topics, numbers and
  proportions (a seeded, single-threaded engine: tomotopy by default, scikit-learn with
  ``engine="sklearn"``; see :mod:`wpanalysis.topic_engines`).
* ``weight`` is p(term | topic): the topic's row of the topic–term matrix scaled to sum
  to 1 (for NMF, the row of H scaled the same way). ``share`` is an item's topic
  proportion, summing to 1 over the topics of each item (for NMF, the row of W scaled the
  same way; an item NMF leaves all-zero gets 1/k for every topic).
* ``relevance`` is the LDAvis score of Sievert & Shirley (2014),
  ``λ·log p(w|t) + (1−λ)·log(p(w|t) / p(w))`` with p(w) the term's share of all tokens in
  the matrix; λ = 1 ranks by weight, smaller λ favours terms specific to the topic
  (their user study found λ ≈ 0.6 best for interpretation).
* Coherence is measured on the same items the model saw (co-occurrence within an item):
  NPMI (Bouma 2009; Röder et al. 2015) and UMass (Mimno et al. 2011), each the mean over
  the pairs of a topic's top terms *by weight*. Diversity is the share of distinct terms
  among all topics' top terms (Dieng et al. 2020).

Nothing is printed; the figures are in :mod:`wpanalysis.plots.topics`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import sparse

from . import topic_engines
from .features import ITEM_UNIT, DocumentTermMatrix, document_term_matrix
from .topic_engines import LDA_MAX_ITER, TopicModel  # noqa: F401 - LDA_MAX_ITER kept importable from here

__all__ = [
    "OUTLINE_CHOICES", "METHODS", "ITEM_TOPIC_COLUMNS", "TOPIC_TERM_COLUMNS", "model_items", "topic_dtm",
    "dtm_summary", "TopicModel", "fit_topics", "fit_seeds", "item_topics", "topic_terms", "top_terms",
    "npmi_coherence", "umass_coherence", "topic_diversity", "topic_coherence", "heldout_perplexity",
    "SWEEP_COLUMNS", "sweep_k", "usable_ks", "sample_items", "too_common_terms", "choose_k", "jaccard_matrix",
    "cosine_matrix", "Stability", "topic_stability", "match_topics", "model_summary", "representative_items",
    "LABEL_COLUMNS", "LabelMatch", "label_parts", "named_by_checks",
    "match_topic_labels", "load_topic_labels", "topic_names", "label_template",
    "topic_table", "document_topic_shares",
]

OUTLINE_CHOICES = ("titles", "exclude")
"""How :func:`model_items` treats title-only items: keep their title as the text, or leave them out."""

METHODS = ("lda", "nmf")

ITEM_TOPIC_COLUMNS = ["doc_id", "item_seq", "topic", "share"]
"""Columns of :func:`item_topics`."""

TOPIC_TERM_COLUMNS = ["topic", "rank", "token", "weight", "relevance"]
"""Columns of :func:`topic_terms`."""

DEFAULT_LAMBDA = 0.6
NMF_MAX_ITER = 1000
_TINY = 1e-300  # floor inside logs: NMF weights can be exactly zero


# --------------------------------------------------------------------------- the matrix


def model_items(items: pd.DataFrame, outline_items: Literal["titles", "exclude"] = "titles") -> pd.DataFrame:
    """The items the model sees, with the text it reads in ``text``.

    Items with a body keep ``text`` (title + body). **Title-only items** — ``has_body``
    False, which is every item of an outline-only plan — are kept with their title as the
    text (``outline_items="titles"``) or left out (``"exclude"``). The column
    ``model_text`` says which text each kept item contributes: ``title+body`` or ``title``.
    Rows keep the order of *items*.

    >>> items = pd.DataFrame({"doc_id": ["a", "b"], "item_seq": [1, 1], "item_number": [1, 1],
    ...                       "title": ["推进集团化办学", "强化体美劳教育"],
    ...                       "text": ["推进集团化办学。新建学校3所", "强化体美劳教育"], "has_body": [True, False]})
    >>> model_items(items)[["doc_id", "text", "model_text"]].values.tolist()
    [['a', '推进集团化办学。新建学校3所', 'title+body'], ['b', '强化体美劳教育', 'title']]
    >>> model_items(items, "exclude")["doc_id"].tolist()
    ['a']
    """
    if outline_items not in OUTLINE_CHOICES:
        raise ValueError(f"outline_items must be one of {OUTLINE_CHOICES}, got {outline_items!r}")
    has_body = items["has_body"].fillna(False).astype(bool)
    out = items if outline_items == "titles" else items[has_body]
    out = out.copy()
    body = has_body.loc[out.index]
    out["text"] = out["text"].where(body, out["title"])
    out["model_text"] = np.where(body, "title+body", "title")
    return out.reset_index(drop=True)


def topic_dtm(tokens: pd.DataFrame, min_df: int = 3, max_share: float = 0.3, min_docs: int = 2) -> DocumentTermMatrix:
    """The item-level document-term matrix (unit ``("doc_id", "item_seq")``) the models fit.

    Vocabulary pruning, documented so a reader can repeat it. A term is kept when it occurs

    * in at least ``min_df`` items — rarer terms cannot co-occur often enough to shape a topic;
    * in at most ``max_share`` of the items with content tokens — terms in nearly every item, such as 推进 or
      加强, describe the genre rather than a topic;
    * in at least ``min_docs`` plans (``doc_id``) — so no topic is built from one plan's own
      vocabulary: its place names (宁波, 河源市) or the phrasing of its labelled fields.

    Items left with no term after pruning are dropped, so every row has at least one count;
    rows are sorted by ``doc_id``, ``item_seq`` and columns by term (see
    :func:`wpanalysis.features.document_term_matrix`).

    >>> t = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "item_seq": [1, 1, 2, 1],
    ...                   "token": ["双减", "课后服务", "双减", "教师"]})
    >>> m = topic_dtm(t, min_df=2, max_share=1.0, min_docs=1)
    >>> m.shape, m.vocabulary.tolist(), m.rows["item_seq"].tolist()
    ((2, 1), ['双减'], [1, 2])
    """
    dtm = document_term_matrix(tokens, unit=ITEM_UNIT, min_df=min_df, max_share=max_share)
    rows = dtm.rows.copy()
    for col in rows.columns:
        if isinstance(rows[col].dtype, pd.CategoricalDtype):
            rows[col] = rows[col].astype(object)
    matrix, vocabulary = dtm.matrix, dtm.vocabulary
    if min_docs > 1:
        codes, uniques = pd.factorize(rows["doc_id"])
        owner = sparse.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))),
                                  shape=(len(uniques), len(codes)))
        n_docs = np.asarray(((owner @ (matrix > 0).astype(np.float64)) > 0).sum(axis=0)).ravel()
        keep_terms = n_docs >= min_docs
        matrix, vocabulary = matrix[:, keep_terms].tocsr(), vocabulary[keep_terms]
    keep = np.asarray(matrix.sum(axis=1)).ravel() > 0
    if keep.all():
        return DocumentTermMatrix(matrix, rows, vocabulary)
    return DocumentTermMatrix(matrix[keep].tocsr(), rows[keep].reset_index(drop=True), vocabulary)


def dtm_summary(tokens: pd.DataFrame, dtm: DocumentTermMatrix) -> pd.DataFrame:
    """What pruning kept: one row per measure, columns ``measure``, ``value``.

    Measures: items with content tokens, items in the model (at least one kept term),
    terms before and after pruning, tokens before and after pruning, the share of tokens
    kept, mean and median terms (distinct) per item, and the matrix density (share of
    non-zero cells). Values are rounded to 3 decimals.
    """
    n_items = len(tokens[list(ITEM_UNIT)].drop_duplicates())
    distinct = np.diff(dtm.matrix.indptr)
    kept_tokens = int(dtm.matrix.sum())
    cells = dtm.shape[0] * dtm.shape[1]
    rows = [
        ("items with content tokens", n_items),
        ("items in the model", dtm.shape[0]),
        ("terms before pruning", int(tokens["token"].nunique())),
        ("terms kept", dtm.shape[1]),
        ("tokens before pruning", len(tokens)),
        ("tokens kept", kept_tokens),
        ("share of tokens kept", round(kept_tokens / len(tokens), 3) if len(tokens) else 0.0),
        ("mean terms per item", round(float(distinct.mean()), 3) if len(distinct) else 0.0),
        ("median terms per item", float(np.median(distinct)) if len(distinct) else 0.0),
        ("density", round(dtm.matrix.nnz / cells, 3) if cells else 0.0),
    ]
    return pd.DataFrame({"measure": [m for m, _ in rows], "value": pd.Series([v for _, v in rows], dtype=object)})


# --------------------------------------------------------------------------- models


def _normalise_rows(m: np.ndarray) -> np.ndarray:
    sums = m.sum(axis=1, keepdims=True)
    out = np.divide(m, sums, out=np.full_like(m, 1.0 / m.shape[1], dtype=float), where=sums > 0)
    return out


def _fit(dtm: DocumentTermMatrix, k: int, method: str, seed: int, engine: str | None,
         options: dict[str, Any]) -> TopicModel:
    counts = dtm.matrix.astype(np.float64)
    if method == "lda":
        topic_term, item_topic, est, info = topic_engines.fit_lda(dtm, k, seed, engine, **options)
        engine = info["engine"]
    else:
        from sklearn.decomposition import NMF
        from sklearn.feature_extraction.text import TfidfTransformer

        weights = TfidfTransformer().fit_transform(counts)
        settings = {"init": "nndsvda", "max_iter": NMF_MAX_ITER, **options}
        est = NMF(n_components=k, random_state=seed, **settings)
        item_topic, topic_term = est.fit_transform(weights), est.components_
        engine, info = "sklearn", {"engine": "sklearn", "library": topic_engines._library_version("sklearn"),
                                   "inference": "NMF on TF-IDF (coordinate descent)", "iterations": int(est.n_iter_)}
    item_topic = _normalise_rows(np.asarray(item_topic, dtype=float))
    topic_term = _normalise_rows(np.asarray(topic_term, dtype=float))
    order = np.lexsort((np.arange(k), -item_topic.mean(axis=0)))  # largest share first, ties by index
    totals = np.asarray(counts.sum(axis=0)).ravel()
    return TopicModel(method=method, k=k, seed=seed, topic_term=topic_term[order], item_topic=item_topic[:, order],
                      rows=dtm.rows.reset_index(drop=True), vocabulary=np.asarray(dtm.vocabulary, dtype=object),
                      term_share=totals / totals.sum(), estimator=est, engine=engine, info=info)


def fit_topics(dtm: DocumentTermMatrix, k: int, method: Literal["lda", "nmf"] = "lda", seed: int = 0,
               engine: str | None = None, cache_dir: str | Path | None = None, **options: Any) -> TopicModel:
    """Fit ``k`` topics to the item counts of *dtm*.

    ``"lda"`` with ``engine`` (:data:`wpanalysis.topic_engines.ENGINES`; None = the default,
    ``"tomotopy"``): tomotopy's collapsed Gibbs sampler (200 iterations, priors 1/k, one worker,
    item shares folded in with the topics fixed) or ``"sklearn"``, scikit-learn's
    ``LatentDirichletAllocation`` (batch variational Bayes, ``max_iter=50``, priors 1/k, one
    thread); see :mod:`wpanalysis.topic_engines`. ``"nmf"``: ``NMF`` on the TF-IDF matrix (smooth
    idf, l2-normalised rows), ``init="nndsvda"``, ``max_iter=1000``; NNDSVD starts from an SVD, so
    different seeds give (nearly) the same NMF. ``options`` go to the engine (tomotopy:
    ``iterations``, ``alpha``, ``eta``; scikit-learn: its estimator's settings, e.g. ``max_iter``).
    The same *seed* gives the same topics and proportions. With *cache_dir* the fit is stored there,
    keyed by the matrix's SHA-256, the engine, its version and every setting, and read back by the
    next identical call (:func:`wpanalysis.topic_engines.cached`).

    >>> t = pd.DataFrame({"doc_id": list("aabbccdd"), "item_seq": [1] * 8,
    ...                   "token": ["双减", "作业", "双减", "作业", "教师", "编制", "教师", "编制"]})
    >>> m = fit_topics(topic_dtm(t, min_df=1, max_share=1.0), 2, seed=0)
    >>> m.engine, m.item_topic.shape, m.item_topic.sum(axis=1).round(6).tolist()
    ('tomotopy', (4, 2), [1.0, 1.0, 1.0, 1.0])
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    if not 1 <= k <= dtm.shape[1]:
        raise ValueError(f"k must be between 1 and the number of terms ({dtm.shape[1]}), got {k}")
    engine = (engine or topic_engines.DEFAULT_ENGINE) if method == "lda" else "sklearn"
    if cache_dir is None:
        return _fit(dtm, k, method, seed, engine, options)
    key = topic_engines.cache_key("fit", topic_engines.dtm_hash(dtm), engine, method=method, k=k, seed=seed,
                                  options=options)
    return topic_engines.cached(cache_dir, key, lambda: _fit(dtm, k, method, seed, engine, options))


def fit_seeds(dtm: DocumentTermMatrix, k: int, seeds: Iterable[int], method: Literal["lda", "nmf"] = "lda",
              n_jobs: int = 1, engine: str | None = None, cache_dir: str | Path | None = None,
              **options: Any) -> list[TopicModel]:
    """:func:`fit_topics` once per seed, in the order given; ``n_jobs`` fits run in parallel
    processes (each fit single-threaded, so the results do not depend on ``n_jobs``); with
    *cache_dir* each fit is cached as in :func:`fit_topics`."""
    seeds = list(seeds)
    if n_jobs == 1:
        return [fit_topics(dtm, k, method, s, engine, cache_dir, **options) for s in seeds]
    from joblib import Parallel, delayed

    return list(Parallel(n_jobs=n_jobs)(delayed(fit_topics)(dtm, k, method, s, engine, cache_dir, **options)
                                        for s in seeds))


def item_topics(model: TopicModel) -> pd.DataFrame:
    """Item–topic proportions, one row per item × topic (``share`` sums to 1 per item).

    Columns (:data:`ITEM_TOPIC_COLUMNS`): ``doc_id``, ``item_seq``, ``topic`` (1…k),
    ``share``; sorted by ``doc_id``, ``item_seq``, ``topic``.

    >>> t = pd.DataFrame({"doc_id": list("aabb"), "item_seq": [1] * 4, "token": ["双减", "作业", "教师", "编制"]})
    >>> shares = item_topics(fit_topics(topic_dtm(t, 1, 1.0, min_docs=1), 2))
    >>> shares.columns.tolist(), shares.groupby("doc_id")["share"].sum().round(6).tolist()
    (['doc_id', 'item_seq', 'topic', 'share'], [1.0, 1.0])
    """
    n, k = model.item_topic.shape
    out = pd.DataFrame({
        "doc_id": np.repeat(model.rows["doc_id"].to_numpy(), k),
        "item_seq": np.repeat(model.rows["item_seq"].to_numpy(), k),
        "topic": np.tile(np.arange(1, k + 1), n),
        "share": model.item_topic.ravel(),
    }, columns=ITEM_TOPIC_COLUMNS)
    return out


def _relevance(model: TopicModel, lam: float) -> np.ndarray:
    log_w = np.log(np.maximum(model.topic_term, _TINY))
    log_p = np.log(np.maximum(model.term_share, _TINY))
    return lam * log_w + (1 - lam) * (log_w - log_p)


def topic_terms(model: TopicModel, n: int = 10, lam: float = DEFAULT_LAMBDA) -> pd.DataFrame:
    """The top *n* terms of each topic by LDAvis relevance with weight ``lam`` (λ).

    Columns (:data:`TOPIC_TERM_COLUMNS`): ``topic`` (1…k), ``rank`` (1…n), ``token``,
    ``weight`` (p(term | topic)), ``relevance`` (the score ranked by; ties broken by
    term). λ = 1 ranks by weight alone.
    """
    if not 0.0 <= lam <= 1.0:
        raise ValueError(f"lam (λ) must be in [0, 1], got {lam}")
    rel = _relevance(model, lam)
    rows = []
    for t in range(model.k):
        order = np.lexsort((model.vocabulary, -rel[t]))[:n]
        for rank, j in enumerate(order, start=1):
            rows.append((t + 1, rank, model.vocabulary[j], float(model.topic_term[t, j]), float(rel[t, j])))
    return pd.DataFrame(rows, columns=TOPIC_TERM_COLUMNS)


def top_terms(model: TopicModel, n: int = 10, lam: float = 1.0) -> list[list[str]]:
    """Each topic's top *n* terms (by weight unless ``lam`` < 1), topic 1 first — the input
    of the coherence, diversity and stability measures."""
    table = topic_terms(model, n, lam)
    return [list(g["token"]) for _, g in table.groupby("topic", sort=True)]


# --------------------------------------------------------------------------- choosing k


def _presence(dtm: DocumentTermMatrix, terms: Sequence[str]) -> tuple[np.ndarray, int]:
    """Co-document counts of *terms* (diagonal = document frequencies) and the number of items."""
    index = {t: j for j, t in enumerate(dtm.vocabulary)}
    missing = [t for t in terms if t not in index]
    if missing:
        raise KeyError(f"terms not in the matrix's vocabulary: {missing}")
    cols = dtm.matrix[:, [index[t] for t in terms]]
    binary = (cols > 0).astype(np.int64)
    co = np.asarray((binary.T @ binary).todense())
    return co, dtm.shape[0]


def npmi_coherence(topic_terms_: Sequence[Sequence[str]], dtm: DocumentTermMatrix) -> np.ndarray:
    """NPMI coherence of each topic: the mean over pairs of its terms of
    ``log(p(a,b) / (p(a)·p(b))) / −log p(a,b)``, probabilities = shares of the DTM's items
    holding the terms. A pair that never co-occurs scores −1; a pair in every item 1.

    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "item_seq": [1, 1, 1, 1],
    ...                   "token": ["双减", "作业", "双减", "教师"]})
    >>> npmi_coherence([["双减", "作业"], ["作业", "教师"]], topic_dtm(t, 1, 1.0, min_docs=1)).round(4).tolist()
    [0.3691, -1.0]
    """
    out = []
    for terms in topic_terms_:
        co, n = _presence(dtm, terms)
        scores = []
        for a in range(len(terms)):
            for b in range(a + 1, len(terms)):
                n_ab = co[a, b]
                if n_ab == 0:
                    scores.append(-1.0)
                elif n_ab == n:
                    scores.append(1.0)
                else:
                    p_ab, p_a, p_b = n_ab / n, co[a, a] / n, co[b, b] / n
                    scores.append(math.log(p_ab / (p_a * p_b)) / -math.log(p_ab))
        out.append(float(np.mean(scores)) if scores else float("nan"))
    return np.array(out)


def umass_coherence(topic_terms_: Sequence[Sequence[str]], dtm: DocumentTermMatrix) -> np.ndarray:
    """UMass coherence of each topic (Mimno et al. 2011): for its terms in rank order, the
    mean over pairs (later term m, earlier term e) of ``log((D(m, e) + 1) / D(e))``, D = the
    number of items holding the term(s). At most 0 for a term list in frequency order;
    closer to 0 is more coherent. (Mimno sums the pairs; the mean does not grow with n.)

    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "item_seq": [1, 1, 1, 1],
    ...                   "token": ["双减", "作业", "双减", "教师"]})
    >>> umass_coherence([["双减", "作业"], ["双减", "教师"]], topic_dtm(t, 1, 1.0, min_docs=1)).round(4).tolist()
    [0.0, -0.6931]
    """
    out = []
    for terms in topic_terms_:
        co, _ = _presence(dtm, terms)
        scores = [math.log((co[m, e] + 1) / co[e, e]) for m in range(1, len(terms)) for e in range(m)]
        out.append(float(np.mean(scores)) if scores else float("nan"))
    return np.array(out)


def topic_diversity(topic_terms_: Sequence[Sequence[str]]) -> float:
    """Share of distinct terms among all topics' top terms (1 = no term shared by two topics).

    >>> topic_diversity([["双减", "作业"], ["双减", "教师"]])
    0.75
    """
    flat = [t for terms in topic_terms_ for t in terms]
    return len(set(flat)) / len(flat) if flat else float("nan")


def topic_coherence(model: TopicModel, dtm: DocumentTermMatrix, n_terms: int = 10) -> pd.DataFrame:
    """Per-topic coherence of the top ``n_terms`` by weight. Columns: ``topic``, ``npmi``, ``umass``."""
    terms = top_terms(model, n_terms)
    return pd.DataFrame({"topic": np.arange(1, model.k + 1), "npmi": npmi_coherence(terms, dtm),
                         "umass": umass_coherence(terms, dtm)})


def heldout_perplexity(dtm: DocumentTermMatrix, k: int, seed: int = 0, holdout: float = 0.2,
                       engine: str | None = None, **options: Any) -> float:
    """Held-out perplexity of LDA by document completion (Wallach et al. 2009); lower is better.

    A share ``holdout`` of the items (drawn with *seed*) is set aside and LDA is fitted on the
    rest with the settings of :func:`fit_topics`. Each held-out item's tokens are split at random
    into two halves: its topic proportions θ are folded in on the first half with the topics
    fixed, by the same procedure for every engine (:func:`wpanalysis.topic_engines.fold_in`), and
    the second half is scored, ``exp(−Σ n_w · log Σ_t θ_t φ_tw / Σ n_w)``. (scikit-learn's own
    ``perplexity`` adds the whole model's prior terms to the held-out likelihood, which on a small
    held-out set makes it grow with k whatever the fit.)
    """
    return topic_engines.heldout_fit(dtm, k, seed, holdout, engine, **options)["perplexity"]


def _sweep_one(dtm: DocumentTermMatrix, k: int, method: str, seed: int, n_terms: int, holdout: float,
               engine: str | None, options: dict[str, Any]) -> dict[str, float]:
    model = _fit(dtm, k, method, seed, engine, options)
    terms = top_terms(model, n_terms)
    perplexity = heldout_perplexity(dtm, k, seed, holdout, engine, **options) if holdout else float("nan")
    return {"k": k, "seed": seed, "npmi": float(npmi_coherence(terms, dtm).mean()),
            "umass": float(umass_coherence(terms, dtm).mean()), "diversity": topic_diversity(terms),
            "perplexity": perplexity}


def _sweep_task(dtm: DocumentTermMatrix, k: int, method: str, seed: int, n_terms: int, holdout: float,
                engine: str | None, options: dict[str, Any], cache_dir: str | Path | None,
                data_hash: str | None) -> dict[str, float]:
    if cache_dir is None or data_hash is None:
        return _sweep_one(dtm, k, method, seed, n_terms, holdout, engine, options)
    key = topic_engines.cache_key("sweep", data_hash, engine or "sklearn", method=method, k=k, seed=seed,
                                  n_terms=n_terms, holdout=holdout, options=options)
    return topic_engines.cached(cache_dir, key, lambda: _sweep_one(dtm, k, method, seed, n_terms, holdout, engine,
                                                                   options))


SWEEP_COLUMNS = ["k", "npmi", "npmi_sd", "umass", "diversity", "perplexity"]


def sweep_k(dtm: DocumentTermMatrix, ks: Iterable[int], method: Literal["lda", "nmf"] = "lda",
            seeds: Sequence[int] = (0,), n_terms: int = 10, holdout: float = 0.2, n_jobs: int = 1,
            engine: str | None = None, cache_dir: str | Path | None = None, **options: Any) -> pd.DataFrame:
    """Fit one model per k and seed and measure it; one row per k, measures averaged over *seeds*.

    Columns: ``k``; ``npmi`` and ``umass`` (mean over topics of
    :func:`npmi_coherence` / :func:`umass_coherence` on the top ``n_terms`` by weight,
    measured on all items); ``npmi_sd`` (standard deviation of ``npmi`` across seeds, 0
    for one seed); ``diversity`` (:func:`topic_diversity` of those terms); ``perplexity``
    (:func:`heldout_perplexity` with the first seed, LDA only, NaN for NMF). ``n_jobs`` fits run in
    parallel processes; every fit is single-threaded and seeded, so the table does not depend on
    ``n_jobs``. *engine* as in :func:`fit_topics`; with *cache_dir* each (k, seed) row is cached,
    keyed by the matrix's SHA-256, the engine, its version and the settings, so re-running an
    unchanged sweep reads it back.
    """
    seeds = list(seeds)
    engine = (engine or topic_engines.DEFAULT_ENGINE) if method == "lda" else "sklearn"
    data_hash = topic_engines.dtm_hash(dtm) if cache_dir is not None else None
    tasks = [(k, s, holdout if method == "lda" and s == seeds[0] else 0.0) for k in ks for s in seeds]
    if n_jobs == 1:
        runs = [_sweep_task(dtm, k, method, s, n_terms, h, engine, options, cache_dir, data_hash)
                for k, s, h in tasks]
    else:
        from joblib import Parallel, delayed

        runs = list(Parallel(n_jobs=n_jobs)(delayed(_sweep_task)(dtm, k, method, s, n_terms, h, engine, options,
                                                                 cache_dir, data_hash) for k, s, h in tasks))
    table = pd.DataFrame(runs)
    out = table.groupby("k", sort=True).agg(npmi=("npmi", "mean"), npmi_sd=("npmi", lambda x: x.std(ddof=0)),
                                            umass=("umass", "mean"), diversity=("diversity", "mean"),
                                            perplexity=("perplexity", "mean"))
    return out.reset_index()[SWEEP_COLUMNS]


def usable_ks(ks: Iterable[int], n_items: int, n_terms: int, min_items_per_topic: int = 10) -> list[int]:
    """The k of *ks* a matrix of *n_items* items and *n_terms* terms can support: at least 2,
    at most the number of terms, and at least ``min_items_per_topic`` items per topic on average.

    >>> usable_ks(range(2, 11), n_items=45, n_terms=200)
    [2, 3, 4]
    >>> usable_ks([3, 4], n_items=0, n_terms=0)
    []
    """
    return sorted(k for k in set(ks) if 2 <= k <= n_terms and n_items >= k * min_items_per_topic)


def sample_items(dtm: DocumentTermMatrix, max_items: int | None, seed: int = 0) -> DocumentTermMatrix:
    """*dtm* itself when it has at most ``max_items`` rows (or ``max_items`` is None); else a
    random sample of ``max_items`` of its items drawn with *seed* (rows in the matrix's order),
    without the terms the sample does not hold — what the k sweep fits on a large corpus.

    >>> t = pd.DataFrame({"doc_id": list("abcd"), "item_seq": [1] * 4, "token": ["双减", "作业", "双减", "教师"]})
    >>> dtm = topic_dtm(t, 1, 1.0, min_docs=1)
    >>> sample_items(dtm, 10) is dtm, sample_items(dtm, 2).shape[0]
    (True, 2)
    """
    if max_items is None or dtm.shape[0] <= max_items:
        return dtm
    rows = np.sort(np.random.default_rng(seed).choice(dtm.shape[0], size=max_items, replace=False))
    matrix = dtm.matrix[rows]
    held = np.asarray(matrix.sum(axis=0)).ravel() > 0
    return DocumentTermMatrix(matrix[:, held].tocsr(), dtm.rows.iloc[rows].reset_index(drop=True),
                              dtm.vocabulary[held])


def too_common_terms(tokens: pd.DataFrame, max_share: float = 0.3) -> pd.DataFrame:
    """The terms :func:`topic_dtm` drops for occurring in more than ``max_share`` of the items with
    content tokens: ``token``, ``n_items``, ``share``; the most common first (ties by term).

    >>> t = pd.DataFrame({"doc_id": list("aabc"), "item_seq": [1, 1, 1, 1], "token": ["推进", "双减", "推进", "教师"]})
    >>> too_common_terms(t, 0.5).values.tolist()
    [['推进', 2, 0.6666666666666666]]
    """
    pairs = tokens[[*ITEM_UNIT, "token"]].drop_duplicates()
    n_items = len(pairs[list(ITEM_UNIT)].drop_duplicates())
    counts = pairs.groupby("token", sort=True, observed=True).size().rename("n_items").reset_index()
    counts["share"] = counts["n_items"] / n_items if n_items else 0.0
    common = counts[counts["n_items"] > max_share * n_items]
    return common.sort_values(["n_items", "token"], ascending=[False, True]).reset_index(drop=True)


def choose_k(sweep: pd.DataFrame, min_diversity: float = 0.8, decimals: int = 3) -> int:
    """The rule: the k with the highest mean NPMI among those whose diversity is at least
    ``min_diversity``; NPMI is compared rounded to ``decimals`` and ties go to the smaller k.
    If no k reaches ``min_diversity``, all k compete.

    >>> sweep = pd.DataFrame({"k": [4, 6, 8], "npmi": [0.10, 0.12, 0.12], "diversity": [0.9, 0.85, 0.8]})
    >>> choose_k(sweep)
    6
    >>> choose_k(sweep, min_diversity=0.88)
    4
    """
    ok = sweep[sweep["diversity"] >= min_diversity - 1e-12]
    if ok.empty:
        ok = sweep
    ranked = ok.assign(_npmi=ok["npmi"].round(decimals)).sort_values(["_npmi", "k"], ascending=[False, True])
    return int(ranked["k"].iloc[0])


# --------------------------------------------------------------------------- stability


def jaccard_matrix(terms_a: Sequence[Sequence[str]], terms_b: Sequence[Sequence[str]]) -> np.ndarray:
    """Jaccard similarity of every topic of *a* (rows) with every topic of *b* (columns),
    on their sets of top terms.

    >>> jaccard_matrix([["a", "b", "c"], ["d", "e", "f"]], [["d", "e", "x"], ["a", "b", "c"]]).tolist()
    [[0.0, 1.0], [0.5, 0.0]]
    """
    sets_a, sets_b = [set(t) for t in terms_a], [set(t) for t in terms_b]
    return np.array([[len(a & b) / len(a | b) if a | b else 1.0 for b in sets_b] for a in sets_a])


def cosine_matrix(weights_a: np.ndarray, weights_b: np.ndarray) -> np.ndarray:
    """Cosine similarity of every row of *a* with every row of *b* (topic–term weights over
    the same vocabulary)."""
    a = weights_a / np.linalg.norm(weights_a, axis=1, keepdims=True)
    b = weights_b / np.linalg.norm(weights_b, axis=1, keepdims=True)
    return a @ b.T


@dataclass(frozen=True)
class Stability:
    """How well topics recur across refits with different seeds.

    ``pairs``: one row per pair of runs — ``seed_a``, ``seed_b``, ``jaccard`` and ``cosine``
    (mean best-match similarity, averaged over both directions). ``topics``: one row per
    topic of the reference run (the first) — ``topic``, ``jaccard_mean`` / ``jaccard_min``
    (its best-match Jaccard with each other run), ``cosine_mean``, ``stable``
    (``jaccard_mean`` ≥ the threshold).
    """

    pairs: pd.DataFrame
    topics: pd.DataFrame
    threshold: float

    @property
    def mean_jaccard(self) -> float:
        return float(self.pairs["jaccard"].mean())

    @property
    def mean_cosine(self) -> float:
        return float(self.pairs["cosine"].mean())

    @property
    def n_stable(self) -> int:
        return int(self.topics["stable"].sum())

    def summary(self, decimals: int = 3) -> pd.DataFrame:
        """The headline figures as ``measure``, ``value`` rows (values rounded to ``decimals``)."""
        seeds = sorted(set(self.pairs["seed_a"]) | set(self.pairs["seed_b"]))
        rows = [("runs (seeds)", f"{len(seeds)} ({', '.join(map(str, seeds))})"),
                ("mean best-match Jaccard", round(self.mean_jaccard, decimals)),
                ("mean best-match cosine", round(self.mean_cosine, decimals)),
                (f"stable topics (Jaccard ≥ {self.threshold:g})", f"{self.n_stable} of {len(self.topics)}")]
        return pd.DataFrame({"measure": [m for m, _ in rows], "value": pd.Series([v for _, v in rows], dtype=object)})


def topic_stability(models: Sequence[TopicModel], n_terms: int = 10, threshold: float = 0.5) -> Stability:
    """Compare refits of the same model (same data and k, different seeds; the first is the
    reference). Each topic is matched to its most similar topic in the other run (best
    match, not one-to-one), by Jaccard of the top ``n_terms`` terms by weight and by
    cosine of the full topic–term weights. With 10 terms, Jaccard ≥ 0.5 means at least 7
    shared top terms.
    """
    if len(models) < 2:
        raise ValueError("topic_stability needs at least two models")
    terms = [top_terms(m, n_terms) for m in models]
    pairs = []
    for i in range(len(models)):
        for j in range(i + 1, len(models)):
            jac = jaccard_matrix(terms[i], terms[j])
            cos = cosine_matrix(models[i].topic_term, models[j].topic_term)
            pairs.append({"seed_a": models[i].seed, "seed_b": models[j].seed,
                          "jaccard": (jac.max(axis=1).mean() + jac.max(axis=0).mean()) / 2,
                          "cosine": (cos.max(axis=1).mean() + cos.max(axis=0).mean()) / 2})
    ref = models[0]
    best_jac = np.array([jaccard_matrix(terms[0], t).max(axis=1) for t in terms[1:]])  # runs × topics
    best_cos = np.array([cosine_matrix(ref.topic_term, m.topic_term).max(axis=1) for m in models[1:]])
    per_topic = pd.DataFrame({
        "topic": np.arange(1, ref.k + 1),
        "jaccard_mean": best_jac.mean(axis=0),
        "jaccard_min": best_jac.min(axis=0),
        "cosine_mean": best_cos.mean(axis=0),
    })
    per_topic["stable"] = per_topic["jaccard_mean"] >= threshold
    return Stability(pd.DataFrame(pairs, columns=["seed_a", "seed_b", "jaccard", "cosine"]), per_topic, threshold)


def match_topics(model_a: TopicModel, model_b: TopicModel, n_terms: int = 10) -> pd.DataFrame:
    """Each topic of *a* with its best match in *b* (e.g. LDA against NMF on the same matrix).

    Columns: ``topic_a``, ``topic_b``, ``jaccard`` (top ``n_terms`` by weight), ``cosine``
    (full weights), ``shared`` (the shared top terms, in *a*'s order, joined by 、).
    """
    terms_a, terms_b = top_terms(model_a, n_terms), top_terms(model_b, n_terms)
    jac = jaccard_matrix(terms_a, terms_b)
    cos = cosine_matrix(model_a.topic_term, model_b.topic_term)
    rows = []
    for t in range(model_a.k):
        b = int(np.lexsort((np.arange(model_b.k), -cos[t], -jac[t]))[0])
        shared = [w for w in terms_a[t] if w in set(terms_b[b])]
        rows.append((t + 1, b + 1, float(jac[t, b]), float(cos[t, b]), "、".join(shared)))
    return pd.DataFrame(rows, columns=["topic_a", "topic_b", "jaccard", "cosine", "shared"])


def model_summary(models: Mapping[str, TopicModel], dtm: DocumentTermMatrix, n_terms: int = 10) -> pd.DataFrame:
    """One row per named model: ``model``, ``method``, ``k``, ``npmi``, ``umass``,
    ``diversity`` (top ``n_terms`` by weight) and ``mean_top_share`` (the mean over items
    of their largest topic share: 1 = every item in a single topic)."""
    rows = []
    for name, m in models.items():
        terms = top_terms(m, n_terms)
        rows.append({"model": name, "method": m.method, "k": m.k, "npmi": float(npmi_coherence(terms, dtm).mean()),
                     "umass": float(umass_coherence(terms, dtm).mean()), "diversity": topic_diversity(terms),
                     "mean_top_share": float(m.item_topic.max(axis=1).mean())})
    return pd.DataFrame(rows, columns=["model", "method", "k", "npmi", "umass", "diversity", "mean_top_share"])


# --------------------------------------------------------------------------- reading the topics


def _clip(text: str, max_chars: int | None) -> str:
    text = " / ".join(line.strip() for line in text.splitlines() if line.strip())
    if max_chars is None or len(text) <= max_chars:
        return text
    return text[:max_chars] + "…"


def representative_items(model: TopicModel, items: pd.DataFrame, n: int = 3, max_chars: int | None = 80,
                         doc_names: Mapping[str, str] | pd.Series | None = None) -> pd.DataFrame:
    """The *n* items with the highest share of each topic, with their text, for labelling.

    Columns: ``topic``, ``rank``, ``doc_id`` (or ``document``, the name from *doc_names*,
    e.g. :func:`wpanalysis.corpus.doc_labels`), ``item_seq``, ``share``, ``title``,
    ``text`` (its lines joined by " / ", cut to ``max_chars`` characters with …; None keeps
    it whole). Ties in share go to the earlier ``doc_id``, ``item_seq``.
    """
    shares = item_topics(model)
    shares = shares.sort_values(["topic", "share", "doc_id", "item_seq"], ascending=[True, False, True, True])
    top = shares.groupby("topic", sort=True).head(n).copy()
    top["rank"] = top.groupby("topic").cumcount() + 1
    info = items[["doc_id", "item_seq", "title", "text"]].astype({"doc_id": object})
    top = top.astype({"doc_id": object}).merge(info, on=["doc_id", "item_seq"], how="left", validate="many_to_one")
    top["text"] = [_clip(t, max_chars) if isinstance(t, str) else "" for t in top["text"]]
    columns = ["topic", "rank", "doc_id", "item_seq", "share", "title", "text"]
    if doc_names is not None:
        names = dict(doc_names)
        top["doc_id"] = [names.get(d, d) for d in top["doc_id"]]
        top = top.rename(columns={"doc_id": "document"})
        columns[2] = "document"
    return top[columns].reset_index(drop=True)


LABEL_COLUMNS = ["entry", "label", "topic", "shared", "check_found", "applied", "named_by_checks"]
"""Columns of :attr:`LabelMatch.table`."""


@dataclass(frozen=True)
class LabelMatch:
    """Which entries of a labels file name which topics of a fitted model.

    ``labels``: ``{topic: {"zh": …, "en": …}}`` for the topics a label applies to. ``table``:
    one row per entry of the file's block (:data:`LABEL_COLUMNS`): ``entry`` (its number in the
    file), ``label``, ``topic`` (the fitted topic it applies to, or the best candidate when it
    does not), ``shared`` (how many of its recorded terms are among that topic's top terms),
    ``check_found`` (how many of its check terms are), ``applied``, ``named_by_checks``
    (:func:`named_by_checks`). ``n_terms`` and
    ``min_shared`` are the rule's settings; ``found`` is False when the file or block is missing.
    """

    labels: dict[int, dict[str, str]]
    table: pd.DataFrame
    n_terms: int
    min_shared: float
    found: bool = True

    @property
    def n_applied(self) -> int:
        return int(self.table["applied"].sum()) if len(self.table) else 0


def _toy_model(topic_term: Sequence[Sequence[float]], vocabulary: Sequence[str]) -> TopicModel:
    """A hand-made model of one item (for examples): topic–term weights over *vocabulary*, flat p(w)."""
    k, v = len(topic_term), len(vocabulary)
    return TopicModel("lda", k, 0, np.asarray(topic_term, dtype=float), np.full((1, k), 1 / k),
                      pd.DataFrame({"doc_id": ["a"], "item_seq": [1]}), np.array(list(vocabulary), dtype=object),
                      np.full(v, 1 / v))


_SEPARATORS = re.compile(r"[、·，,/；;\s]+|与|和|及")


def label_parts(label: str) -> list[str]:
    """The words a label is made of: split at 、 · ， / ； and the connectives 与 和 及.

    >>> label_parts("党建、校园安全与整治")
    ['党建', '校园安全', '整治']
    """
    return [p for p in _SEPARATORS.split(str(label)) if p]


def named_by_checks(label: str, check: Sequence[str]) -> bool:
    """Whether *label* names only its check terms: every part (:func:`label_parts`) is a check term
    or part of one (校园 in 校园安全). A label naming anything else (师德 when the check terms are
    党组织, 校园, 整治) says more than the top terms show.

    >>> checks = ["党建", "校园安全"]
    >>> named_by_checks("党建与校园", checks), named_by_checks("党建、师德与校园安全", checks)
    (True, False)
    """
    checks = [str(c) for c in check]
    parts = label_parts(label)
    return bool(parts) and bool(checks) and all(any(p in c for c in checks) for p in parts)


def _label_entries(path: Path, key: str) -> tuple[list[tuple[int, dict[str, Any]]], bool]:
    import yaml

    if not path.is_file():
        return [], False
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    block = data.get(key) if isinstance(data, Mapping) else None
    if not isinstance(block, Mapping):
        return [], False
    entries = [(int(t), dict(e)) for t, e in (block.get("topics") or {}).items()
               if isinstance(e, Mapping) and e.get("zh")]
    return sorted(entries, key=lambda pair: pair[0]), True


def match_topic_labels(path: str | Path, key: str, model: TopicModel, n_terms: int = 10,
                       min_shared: float = 0.5) -> LabelMatch:
    """The labels of block *key* of the YAML file at *path* that apply to *model*'s topics.

    A label applies to a fitted topic only when (1) **every check term is among the topic's top
    *n_terms* terms by weight** (the table's ``top_terms``), (2) the label names only its check
    terms (:func:`named_by_checks`), and (3) at least *min_shared* of the terms recorded with it
    (``terms``: the topic's top terms by weight when the label was written) are among them — the
    topic is the one it was written for. Topic numbers, k and seed do not decide. Each topic gets
    at most one label, the best-sharing pairs first (ties: the lower entry, then the lower topic).
    The table (:data:`LABEL_COLUMNS`) gives, for a label that does not apply, its best candidate.

    >>> m = _toy_model([[.5, .4, .1, 0], [0, .1, .4, .5]], ["双减", "作业", "教师", "编制"])
    >>> path = getfixture("tmp_path") / "labels.yaml"
    >>> _ = path.write_text("lda:\\n  topics:\\n    1: {zh: 教师与编制, terms: [编制, 教师], check: [教师, 编制]}\\n"
    ...                     "    2: {zh: 双减与师德, terms: [双减, 作业], check: [双减]}\\n", encoding="utf-8")
    >>> found = match_topic_labels(path, "lda", m, n_terms=2)
    >>> found.labels, found.table["applied"].tolist()
    ({2: {'zh': '教师与编制', 'en': ''}}, [True, False])
    """
    entries, found = _label_entries(Path(path), key)
    current = top_terms(model, n_terms) if entries else []
    candidates = []
    for i, (_, entry) in enumerate(entries):
        recorded = [str(w) for w in (entry.get("terms") or [])][:n_terms]
        check = [str(w) for w in (entry.get("check") or [])]
        named = named_by_checks(entry["zh"], check)
        for t, terms in enumerate(current):
            top = set(terms)
            shared, hit = sum(w in top for w in recorded), sum(w in top for w in check)
            ok = named and hit == len(check) > 0 and shared >= min_shared * len(recorded)
            candidates.append((not ok, -shared, -hit, i, t, shared, hit, named))
    rows: dict[int, tuple] = {}
    used: set[int] = set()
    for bad, _, _, i, t, shared, hit, named in sorted(candidates):
        if i in rows or (not bad and t in used):
            continue
        rows[i] = (t + 1, shared, hit, not bad, named)
        used.update([t] if not bad else [])
    table = pd.DataFrame([(n, str(e["zh"]), *rows.get(i, (pd.NA, 0, 0, False, False)))
                          for i, (n, e) in enumerate(entries)], columns=LABEL_COLUMNS)
    labels = {int(r.topic): {"zh": r.label, "en": str(entries[i][1].get("en") or "")}
              for i, r in enumerate(table.itertuples()) if r.applied}
    return LabelMatch(dict(sorted(labels.items())), table, n_terms, min_shared, found)


def load_topic_labels(path: str | Path, key: str, model: TopicModel, n_terms: int = 10,
                      min_shared: float = 0.5) -> dict[int, dict[str, str]]:
    """The labels of :func:`match_topic_labels` that apply to *model*: ``{topic: {"zh": …, "en": …}}``
    (missing file, block or match → no label)."""
    return match_topic_labels(path, key, model, n_terms, min_shared).labels


def topic_names(model: TopicModel, labels: Mapping[int, Mapping[str, str]] | None = None, n_terms: int = 3,
                lam: float = 1.0) -> dict[int, str]:
    """A name for every topic: its label, or its top ``n_terms`` terms (by weight; by relevance λ = ``lam``
    if < 1) joined by · — what legends and tables show, so no topic is shown by its number alone.

    >>> m = _toy_model([[.5, .4, .1, 0], [0, .1, .4, .5]], "abcd")
    >>> topic_names(m, {2: {"zh": "乙"}}, n_terms=2)
    {1: 'a·b', 2: '乙'}
    """
    labels = labels or {}
    terms = top_terms(model, n_terms, lam)
    return {t: str(labels[t]["zh"]) if t in labels and labels[t].get("zh") else "·".join(terms[t - 1])
            for t in range(1, model.k + 1)}


def label_template(models: Mapping[str, TopicModel], n_terms: int = 10, lam: float = 1.0) -> str:
    """YAML to start a labels file from: one block per named model, one entry per topic with its
    recorded ``terms`` (top terms by weight, what :func:`match_topic_labels` compares) filled in and
    ``zh``, ``en`` and ``check`` left for you (an entry with an
    empty ``zh`` labels nothing).

    >>> print(label_template({"lda": _toy_model([[.6, .4]], ["双减", "作业"])}, n_terms=2))
    lda:
      k: 1
      seed: 0
      topics:
        1:
          zh: ""
          en: ""
          check: []
          terms: [双减, 作业]
    """
    lines = []
    for key, model in models.items():
        lines += [f"{key}:", f"  k: {model.k}", f"  seed: {model.seed}", "  topics:"]
        for t, terms in enumerate(top_terms(model, n_terms, lam), start=1):
            lines += [f"    {t}:", '      zh: ""', '      en: ""', "      check: []",
                      f"      terms: [{', '.join(terms)}]"]
    return "\n".join(lines)


def topic_table(model: TopicModel, labels: Mapping[int, Mapping[str, str]] | None = None, n_terms: int = 8,
                lam: float = DEFAULT_LAMBDA) -> pd.DataFrame:
    """One row per topic: ``topic``, ``label`` (the Chinese label, or the top three terms by weight
    joined by · when the topic has none: :func:`topic_names`), ``gloss`` (English gloss, empty if none),
    ``labelled``, ``top_terms`` (the top ``n_terms`` by relevance with λ = ``lam``, joined
    by 、), ``share`` (mean share over items: the topic's share of the corpus, items
    weighted equally; sums to 1) and ``n_items`` (items whose largest share is this topic)."""
    labels = labels or {}
    terms = top_terms(model, n_terms, lam)
    names = topic_names(model, labels, 3)
    dominant = np.bincount(model.item_topic.argmax(axis=1), minlength=model.k)
    rows = []
    for t in range(1, model.k + 1):
        lab = labels.get(t)
        rows.append({"topic": t, "label": names[t], "gloss": lab.get("en", "") if lab else "",
                     "labelled": lab is not None, "top_terms": "、".join(terms[t - 1]),
                     "share": float(model.item_topic[:, t - 1].mean()), "n_items": int(dominant[t - 1])})
    return pd.DataFrame(rows, columns=["topic", "label", "gloss", "labelled", "top_terms", "share", "n_items"])


def document_topic_shares(model: TopicModel) -> pd.DataFrame:
    """Topic shares per document: the mean of its items' proportions (each item weighted
    equally), one row per document × topic; ``share`` sums to 1 per document.
    Columns: ``doc_id``, ``topic``, ``share``, ``n_items`` (the document's items in the model)."""
    shares = item_topics(model).astype({"doc_id": object})
    out = shares.groupby(["doc_id", "topic"], sort=True).agg(share=("share", "mean"), n_items=("item_seq", "size"))
    return out.reset_index()
