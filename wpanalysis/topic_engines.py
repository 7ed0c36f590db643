"""Topic-model engines behind :func:`wpanalysis.topics.fit_topics`, the fixed-topic fold-in every
engine shares, and the on-disk cache of fits and sweeps.

Engines (``engine=``):

* ``"tomotopy"`` (the default): tomotopy's LDA, collapsed Gibbs sampling, ``iterations=200``
  sweeps, fixed symmetric priors α = η = 1/k (no hyperparameter optimisation), one worker,
  the SSE2 code path (see :data:`TOMOTOPY_ISA`). On the 100× benchmark corpus (27,396 items ×
  6,688 terms) a k = 10 fit takes a tenth of scikit-learn's time at equal NPMI and held-out fit
  (``python -m benchmarks.topic_models``; the table is in the README).
* ``"sklearn"``: scikit-learn's ``LatentDirichletAllocation``, batch variational Bayes,
  ``max_iter=50``, priors 1/k, one thread (the package's engine before tomotopy).

Both engines are seeded and single-threaded, so the same seed gives the same topics on every run
and on every machine of the same kind (tomotopy's SIMD path is pinned because its float sums,
hence its samples, differ between SSE2 and AVX2).

Item shares under tomotopy are not the last Gibbs sample but the **fold-in** of
:func:`fold_in`: each item's proportions θ inferred with the topics φ fixed, the same
deterministic procedure that projects new texts and scores held-out halves for every engine.

Nothing is printed; nothing is imported from tomotopy or scikit-learn until a fit needs it.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
import tempfile
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from .features import DocumentTermMatrix

__all__ = ["ENGINES", "DEFAULT_ENGINE", "TOMOTOPY_ISA", "TOMOTOPY_ITERATIONS", "LDA_MAX_ITER", "TopicModel",
           "FixedTopics", "fit_lda", "fold_in", "log_likelihood", "heldout_fit", "engine_facts", "dtm_hash",
           "cache_key", "cached", "CACHE_VERSION", "SweepPlan", "sweep_plan",
           "SWEEP_MAX_ITEMS", "split_items", "halve_tokens"]

ENGINES = ("tomotopy", "sklearn")
"""The LDA engines :func:`wpanalysis.topics.fit_topics` can use."""

DEFAULT_ENGINE = "tomotopy"
"""The engine used when none is named (chosen by ``python -m benchmarks.topic_models``)."""

TOMOTOPY_ISA = "sse2"
"""tomotopy's SIMD path, set in ``TOMOTOPY_ISA`` before tomotopy is first imported. SSE2 runs on
every x86-64 CPU, so a fit gives the same topics on any such machine; AVX2 gives other (equally
good) samples and was no faster on the benchmark (see the README)."""

TOMOTOPY_ITERATIONS = 200
"""Gibbs sweeps of a tomotopy fit: at 500 the log-likelihood per word, NPMI and held-out fit
barely move on the benchmark corpora (see the README), at 2.5× the time."""

LDA_MAX_ITER = 50
"""Iterations of a scikit-learn (batch variational Bayes) fit."""

FOLD_IN_ITER = 500
FOLD_IN_TOL = 1e-6
CACHE_VERSION = 1
"""Bumped when the cached objects change shape: older entries are then simply not found."""


@dataclass(frozen=True, eq=False)
class TopicModel:
    """A fitted topic model, topics numbered 1…k by corpus share (largest first).

    ``topic_term`` (k × terms): p(term | topic), rows sum to 1. ``item_topic``
    (items × k): topic proportions, rows sum to 1, rows in the order of ``rows`` (the
    DTM's ``doc_id``, ``item_seq``). ``term_share``: each term's share of all tokens,
    p(w) in the relevance score. ``estimator`` is the fitted engine object with scikit-learn's
    ``components_`` and ``transform`` (for tomotopy a :class:`FixedTopics`), its components in the
    engine's own topic order, not renumbered. ``engine`` names the engine (``"sklearn"`` for NMF)
    and ``info`` holds the facts :func:`engine_facts` reports (library, inference, iterations…).
    """

    method: str
    k: int
    seed: int
    topic_term: np.ndarray
    item_topic: np.ndarray
    rows: pd.DataFrame
    vocabulary: np.ndarray
    term_share: np.ndarray
    estimator: Any = field(default=None, repr=False)
    engine: str = "sklearn"
    info: Mapping[str, Any] = field(default_factory=dict, repr=False)


# --------------------------------------------------------------------------- fold-in


def fold_in(phi: np.ndarray, counts: sparse.spmatrix, alpha: float, max_iter: int = FOLD_IN_ITER,
            tol: float = FOLD_IN_TOL) -> np.ndarray:
    """Topic proportions θ of each row of *counts* with the topics *phi* (k × terms, rows sum to 1)
    fixed: the EM / CVB0 update θ_dt ∝ α + Σ_w n_dw · θ_dt φ_tw / Σ_s θ_ds φ_sw (Asuncion et al.
    2009), from θ = 1/k, until no share moves by more than *tol* (at most *max_iter* rounds).
    Deterministic: no sampling. A row without counts gets 1/k everywhere.

    >>> phi = np.array([[0.9, 0.1], [0.1, 0.9]])
    >>> fold_in(phi, sparse.csr_matrix([[4.0, 0.0], [0.0, 0.0]]), alpha=0.5).round(3).tolist()
    [[0.889, 0.111], [0.5, 0.5]]
    """
    counts = sparse.csr_matrix(counts, dtype=np.float64)
    counts.sum_duplicates()
    n, k = counts.shape[0], phi.shape[0]
    theta = np.full((n, k), 1.0 / k)
    active = np.flatnonzero(np.diff(counts.indptr) > 0)
    done_iter = 0
    while active.size and done_iter < max_iter:
        # rows converge at very different speeds: iterate on the unconverged rows only, in rounds of 10
        sub = counts[active]
        rows = np.repeat(np.arange(len(active)), np.diff(sub.indptr))
        phi_nz = np.ascontiguousarray(phi[:, sub.indices].T)  # nonzeros × k
        th, weights = theta[active], sub.copy()
        for _ in range(min(10, max_iter - done_iter)):
            weights.data = sub.data / np.einsum("ij,ij->i", th[rows], phi_nz)
            gamma = alpha + th * np.asarray(weights @ phi.T)
            new = gamma / gamma.sum(axis=1, keepdims=True)
            change = np.abs(new - th).max(axis=1)
            th = new
            done_iter += 1
        theta[active] = th
        active = active[change >= tol]
    return theta


def log_likelihood(theta: np.ndarray, phi: np.ndarray, counts: sparse.spmatrix) -> float:
    """Σ n_dw · log Σ_t θ_dt φ_tw over the cells of *counts*, divided by the number of tokens:
    the log-likelihood per token, computed the same way for every engine.

    >>> log_likelihood(np.array([[1.0]]), np.array([[0.5, 0.5]]), sparse.csr_matrix([[2.0, 2.0]]))
    -0.6931471805599453
    """
    coo = sparse.coo_matrix(counts)
    prob = np.einsum("nt,nt->n", theta[coo.row], phi[:, coo.col].T)
    return float((coo.data * np.log(prob)).sum() / coo.data.sum())


@dataclass(frozen=True, eq=False)
class FixedTopics:
    """The fitted topics of an engine without its own fold-in, as scikit-learn shows them:
    ``components_`` (k × terms, the engine's topic order) and ``transform(counts)`` (:func:`fold_in`
    with prior ``alpha``), so :func:`wpanalysis.compare.project_topics` works with any engine."""

    components_: np.ndarray
    alpha: float

    def transform(self, counts: sparse.spmatrix) -> np.ndarray:
        return fold_in(self.components_, counts, self.alpha)


# --------------------------------------------------------------------------- engines


def _import_tomotopy():
    """tomotopy, imported with :data:`TOMOTOPY_ISA` unless the caller chose another path first."""
    if "tomotopy" not in sys.modules:
        os.environ.setdefault("TOMOTOPY_ISA", TOMOTOPY_ISA)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its import-time notice about the SIMD path it picked
        import tomotopy

    return tomotopy


def _library_version(engine: str) -> str:
    if engine == "tomotopy":
        tp = _import_tomotopy()
        return f"tomotopy {tp.__version__} ({tp.isa})"
    import sklearn

    return f"scikit-learn {sklearn.__version__}"


def _check_options(engine: str, options: Mapping[str, Any]) -> None:
    allowed = {"tomotopy": {"iterations", "alpha", "eta"},
               "sklearn": {"max_iter", "learning_method", "doc_topic_prior", "topic_word_prior", "batch_size",
                           "learning_decay", "learning_offset", "evaluate_every", "total_samples",
                           "mean_change_tol", "max_doc_update_iter", "perp_tol"}}
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
    unknown = sorted(set(options) - allowed[engine])
    if unknown:
        raise ValueError(f"options {unknown} are not settings of the {engine!r} engine (it takes "
                         f"{sorted(allowed[engine])}); pass engine='sklearn' for scikit-learn's max_iter and "
                         "priors, engine='tomotopy' for iterations, alpha, eta")


def tomotopy_words(counts: sparse.csr_matrix, vocabulary: Sequence[str]) -> list[list[str]]:
    """Each row of *counts* as the list of its tokens (a term repeated by its count), tomotopy's input."""
    words = np.asarray(vocabulary, dtype=object)
    return [np.repeat(words[counts.indices[lo:hi]], counts.data[lo:hi].astype(np.int64)).tolist()
            for lo, hi in zip(counts.indptr[:-1], counts.indptr[1:])]


def train_tomotopy(mdl: Any, counts: sparse.csr_matrix, vocabulary: Sequence[str], iterations: int, eta: float,
                   metadata: Sequence[Sequence[str]] | None = None) -> np.ndarray:
    """Add *counts*' rows to the tomotopy model *mdl* (with each row's *metadata* indicators for a
    DMR model), train it on one worker, and return φ over the whole *vocabulary* (k × terms): the
    sampler's topic–word counts plus η, so a term absent from the rows gets the prior alone."""
    tp = _import_tomotopy()
    for i, doc in enumerate(tomotopy_words(counts, vocabulary)):
        if metadata is None:
            mdl.add_doc(doc, ignore_empty_words=True)
        else:
            mdl.add_doc(doc, metadata="", multi_metadata=list(metadata[i]), ignore_empty_words=True)
    mdl.train(iterations, workers=1, parallel=tp.ParallelScheme.NONE)
    index = {w: j for j, w in enumerate(vocabulary)}
    cols = np.array([index[w] for w in mdl.used_vocabs])
    k = mdl.k
    n_t = np.asarray(mdl.get_count_by_topics(), dtype=np.float64)
    used = np.array([mdl.get_topic_word_dist(t, normalize=True) for t in range(k)])
    n_tw = np.zeros((k, len(vocabulary)))
    n_tw[:, cols] = np.maximum(used * (n_t[:, None] + len(cols) * eta) - eta, 0.0)
    return (n_tw + eta) / (n_tw + eta).sum(axis=1, keepdims=True)


def _tomotopy_lda(counts: sparse.csr_matrix, vocabulary: np.ndarray, k: int, seed: int,
                  **options: Any) -> tuple[np.ndarray, Any, dict[str, Any]]:
    tp = _import_tomotopy()
    iterations = int(options.get("iterations", TOMOTOPY_ITERATIONS))
    alpha, eta = float(options.get("alpha", 1.0 / k)), float(options.get("eta", 1.0 / k))
    mdl = tp.LDAModel(k=k, alpha=alpha, eta=eta, seed=seed)
    mdl.optim_interval = 0  # keep the priors fixed, as scikit-learn does
    phi = train_tomotopy(mdl, counts, vocabulary, iterations, eta)
    info = {"iterations": iterations, "alpha": alpha, "eta": eta, "isa": tp.isa, "workers": 1,
            "inference": "collapsed Gibbs sampling", "engine_ll_per_word": float(mdl.ll_per_word)}
    return phi, FixedTopics(phi, alpha), info


def _sklearn_lda(counts: sparse.csr_matrix, k: int, seed: int, **options: Any) -> tuple[np.ndarray, Any, dict]:
    from sklearn.decomposition import LatentDirichletAllocation

    settings = {"learning_method": "batch", "max_iter": LDA_MAX_ITER, **options}
    est = LatentDirichletAllocation(n_components=k, random_state=seed, n_jobs=1, **settings)
    est.fit(counts)
    phi = est.components_ / est.components_.sum(axis=1, keepdims=True)
    info = {"iterations": int(est.n_iter_), "max_iter": settings["max_iter"],
            "alpha": float(est.doc_topic_prior_), "eta": float(est.topic_word_prior_), "workers": 1,
            "inference": f"{settings['learning_method']} variational Bayes"}
    return phi, est, info


def fit_lda(dtm: DocumentTermMatrix, k: int, seed: int = 0, engine: str | None = None,
            **options: Any) -> tuple[np.ndarray, np.ndarray, Any, dict[str, Any]]:
    """One LDA fit of *dtm*'s counts: ``(phi, theta, estimator, info)`` in the engine's own topic
    order — φ (k × terms, rows sum to 1, over the whole vocabulary), θ (items × k), the estimator
    (scikit-learn's, or :class:`FixedTopics`) and the facts :func:`engine_facts` reports.

    θ: scikit-learn's ``transform`` for ``"sklearn"``; :func:`fold_in` for ``"tomotopy"``.
    ``info["train_ll_per_word"]`` is :func:`log_likelihood` of the items under (θ, φ), the same
    measure for every engine.
    """
    engine = engine or DEFAULT_ENGINE
    _check_options(engine, options)
    counts = sparse.csr_matrix(dtm.matrix, dtype=np.float64)
    if engine == "tomotopy":
        phi, est, info = _tomotopy_lda(counts, dtm.vocabulary, k, seed, **options)
        theta = est.transform(counts)
        info["shares"] = "fold-in with the topics fixed"
    else:
        phi, est, info = _sklearn_lda(counts, k, seed, **options)
        theta = np.asarray(est.transform(counts), dtype=float)
        info["shares"] = "scikit-learn transform (variational E-step)"
    info = {"engine": engine, "library": _library_version(engine), **info,
            "train_ll_per_word": log_likelihood(theta, phi, counts)}
    return phi, theta, est, info


FACT_NAMES = {"engine": "engine", "library": "library and version", "inference": "inference",
              "iterations": "iterations", "alpha": "document–topic prior α", "eta": "topic–term prior η",
              "workers": "threads", "isa": "SIMD path", "shares": "item shares",
              "train_ll_per_word": "log-likelihood per token (all items, θ·φ)",
              "engine_ll_per_word": "engine's own log-likelihood per token"}


def engine_facts(model: TopicModel, decimals: int = 4) -> pd.DataFrame:
    """What fitted *model* and how: one row per fact (``measure``, ``value``) in a fixed order —
    engine, library and version, inference, iterations, priors, threads, SIMD path, how item shares
    were inferred, log-likelihood per token. Facts an engine does not have are left out.

    >>> m = TopicModel("lda", 2, 0, np.eye(2), np.eye(2), pd.DataFrame(), np.array(["a", "b"]), np.ones(2) / 2,
    ...                engine="tomotopy", info={"engine": "tomotopy", "iterations": 200})
    >>> engine_facts(m).values.tolist()
    [['engine', 'tomotopy'], ['iterations', 200]]
    """
    info = dict(model.info)
    rows = [(label, round(info[key], decimals) if isinstance(info[key], float) else info[key])
            for key, label in FACT_NAMES.items() if key in info]
    return pd.DataFrame({"measure": [m for m, _ in rows], "value": pd.Series([v for _, v in rows], dtype=object)})


# --------------------------------------------------------------------------- held-out fit


def split_items(n: int, holdout: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Row indices (train, test): a share *holdout* of *n* rows drawn with *seed*, both sorted."""
    order = np.random.default_rng(seed).permutation(n)
    n_test = max(1, round(holdout * n))
    return np.sort(order[n_test:]), np.sort(order[:n_test])


def halve_tokens(counts: sparse.spmatrix, seed: int) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """Split every row's tokens at random into two halves (observed, evaluated); the halves of a row
    differ by at most one token."""
    rng = np.random.default_rng(seed)
    coo = sparse.coo_matrix(counts)
    rows = np.repeat(coo.row, coo.data.astype(np.int64))
    cols = np.repeat(coo.col, coo.data.astype(np.int64))
    order = np.lexsort((rng.random(len(rows)), rows))  # a random order of the tokens within each row
    rank = np.empty(len(rows), dtype=np.int64)
    starts = np.searchsorted(rows[order], rows[order], side="left")
    rank[order] = np.arange(len(rows)) - starts
    to_eval = rank % 2 == 1
    shape = counts.shape

    def build(mask: np.ndarray) -> sparse.csr_matrix:
        m = sparse.csr_matrix((np.ones(mask.sum()), (rows[mask], cols[mask])), shape=shape)
        m.sum_duplicates()
        return m

    return build(~to_eval), build(to_eval)


def heldout_fit(dtm: DocumentTermMatrix, k: int, seed: int = 0, holdout: float = 0.2, engine: str | None = None,
                **options: Any) -> dict[str, float]:
    """Held-out fit by document completion (Wallach et al. 2009), the same for every engine.

    A share *holdout* of the items (drawn with *seed*) is set aside and LDA is fitted on the rest.
    Each held-out item's tokens are split at random into two halves; its θ is folded in on the
    first half with the fitted φ fixed (:func:`fold_in`, prior α of the fit), and the second half
    is scored: ``ll_per_token`` = Σ n_w · log Σ_t θ_t φ_tw / Σ n_w and ``perplexity`` =
    exp(−ll_per_token); lower perplexity is better.
    """
    train, test = split_items(dtm.shape[0], holdout, seed)
    counts = sparse.csr_matrix(dtm.matrix, dtype=np.float64)
    part = DocumentTermMatrix(counts[train], dtm.rows.iloc[train].reset_index(drop=True), dtm.vocabulary)
    phi, _, _, info = fit_lda(part, k, seed, engine, **options)
    observed, scored = halve_tokens(counts[test], seed)
    theta = fold_in(phi, observed, info["alpha"])
    ll = log_likelihood(theta, phi, scored)
    return {"ll_per_token": ll, "perplexity": float(np.exp(-ll))}


# --------------------------------------------------------------------------- cache


def dtm_hash(dtm: DocumentTermMatrix) -> str:
    """SHA-256 of a document-term matrix: its counts (shape, row pointers, columns, values), its
    vocabulary and its rows (``doc_id``, ``item_seq``). Two matrices with the same hash hold the
    same counts for the same items and terms, in the same order.

    >>> d = DocumentTermMatrix(sparse.csr_matrix([[1.0, 2.0]]), pd.DataFrame({"doc_id": ["a"], "item_seq": [1]}),
    ...                        np.array(["双减", "作业"], dtype=object))
    >>> len(dtm_hash(d)), dtm_hash(d) == dtm_hash(d)
    (64, True)
    """
    m = sparse.csr_matrix(dtm.matrix)
    m.sum_duplicates()
    m.sort_indices()
    h = hashlib.sha256()
    h.update(np.asarray(m.shape, dtype=np.int64).tobytes())
    for part in (m.indptr.astype(np.int64), m.indices.astype(np.int64), m.data.astype(np.float64)):
        h.update(part.tobytes())
    h.update("\x1f".join(map(str, dtm.vocabulary)).encode("utf-8"))
    for col in [c for c in ("doc_id", "item_seq") if c in dtm.rows.columns]:
        h.update(b"\x1e" + "\x1f".join(map(str, dtm.rows[col])).encode("utf-8"))
    return h.hexdigest()


def cache_key(kind: str, data_hash: str, engine: str, **settings: Any) -> str:
    """The cache file's name for one result: *kind*, the DTM's :func:`dtm_hash`, the engine with its
    library version and SIMD path, :data:`CACHE_VERSION` and every setting (sorted, as JSON).

    >>> cache_key("fit", "0" * 64, "sklearn", k=3, seed=0).startswith("fit-")
    True
    """
    parts = {"kind": kind, "dtm": data_hash, "engine": engine, "library": _library_version(engine),
             "cache_version": CACHE_VERSION, "settings": settings}
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode("utf-8")).hexdigest()
    return f"{kind}-{digest[:40]}"


def cached(cache_dir: str | Path | None, key: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, read from ``<cache_dir>/<key>.pkl`` when a previous call stored it there.

    No *cache_dir*: just ``compute()``. A new result is written atomically (a temporary file in the
    same folder, then renamed), so a crash never leaves half a file. An entry that cannot be read
    is reported with a ``RuntimeWarning`` naming the file, recomputed and overwritten.
    The folder holds only what this package wrote: entries are Python pickles.

    >>> folder = getfixture("tmp_path")
    >>> cached(folder, "fit-x", lambda: [1, 2]), cached(folder, "fit-x", lambda: "not called")
    ([1, 2], [1, 2])
    """
    if cache_dir is None:
        return compute()
    folder = Path(cache_dir)
    path = folder / f"{key}.pkl"
    if path.is_file():
        try:
            with path.open("rb") as fh:
                return pickle.load(fh)
        except Exception as err:  # noqa: BLE001 - any unreadable entry is refitted
            warnings.warn(f"{path}: unreadable topic-model cache entry ({type(err).__name__}); refitting and "
                          "overwriting it", RuntimeWarning, stacklevel=2)
    result = compute()
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{key}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return result


# --------------------------------------------------------------------------- the rule at large N

SWEEP_MAX_ITEMS = 5000
"""Above this many items the k sweep fits a seeded random sample of this size (see :func:`sweep_plan`)."""

STABILITY_FULL_SEEDS = 5
STABILITY_LARGE_SEEDS = 3
STABILITY_LARGE_ITEMS = 20000


@dataclass(frozen=True)
class SweepPlan:
    """What the k sweep and the stability refits fit at a given corpus size (:func:`sweep_plan`)."""

    n_items: int
    sweep_items: int
    ks: list[int]
    sweep_seeds: list[int]
    stability_seeds: list[int]

    @property
    def sampled(self) -> bool:
        return self.sweep_items < self.n_items

    @property
    def n_fits(self) -> int:
        """Fits the plan costs: k × seeds in the sweep, one held-out fit per k, the stability refits."""
        return len(self.ks) * (len(self.sweep_seeds) + 1) + len(self.stability_seeds)

    def table(self) -> pd.DataFrame:
        """The plan as ``measure``, ``value`` rows, for the notebook to show beside its sentence."""
        rows = [("items in the model", self.n_items), ("items the k sweep fits", self.sweep_items),
                ("k tried", ", ".join(map(str, self.ks))), ("seeds per k", ", ".join(map(str, self.sweep_seeds))),
                ("stability refits (seeds)", ", ".join(map(str, self.stability_seeds))), ("fits", self.n_fits)]
        return pd.DataFrame({"measure": [m for m, _ in rows], "value": pd.Series([v for _, v in rows], dtype=object)})


def sweep_plan(n_items: int, n_terms: int, ks: range | list[int] = range(3, 11), seeds: tuple[int, ...] = (0, 1, 2),
               first_seed: int = 0, max_items: int = SWEEP_MAX_ITEMS, min_items_per_topic: int = 10) -> SweepPlan:
    """The rule for the k sweep and the stability check at any number of items.

    * **Sample**: the sweep fits all items up to ``max_items`` (5,000), else a random sample of
      ``max_items`` (:func:`wpanalysis.topics.sample_items` with ``first_seed``): the choice of k
      rests on coherence and held-out fit, which a 5,000-item sample measures as well as the whole
      corpus, and the cost of the sweep then stops growing with the corpus.
    * **k**: those of *ks* the sampled matrix supports (at least 2, at most the terms, at least
      ``min_items_per_topic`` items per topic: :func:`wpanalysis.topics.usable_ks`).
    * **Seeds**: *seeds* for every k (held-out fit with the first), at every size.
    * **Stability**: 5 fits of the chosen k on the full matrix (``first_seed`` … ``first_seed`` + 4;
      the first is the reported model) up to 20,000 items, 3 above (each refit costs time in
      proportion to the items).

    >>> p = sweep_plan(27396, 6688)
    >>> p.sweep_items, p.ks, p.stability_seeds, p.n_fits
    (5000, [3, 4, 5, 6, 7, 8, 9, 10], [0, 1, 2], 35)
    >>> sweep_plan(45, 200).ks
    [3, 4]
    """
    sweep_items = min(n_items, max_items)
    usable = sorted(k for k in set(ks) if 2 <= k <= n_terms and sweep_items >= k * min_items_per_topic)
    n_stab = STABILITY_FULL_SEEDS if n_items <= STABILITY_LARGE_ITEMS else STABILITY_LARGE_SEEDS
    return SweepPlan(n_items, sweep_items, usable, list(seeds), list(range(first_seed, first_seed + n_stab)))
