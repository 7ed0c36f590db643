"""Topic prevalence as a function of the registry's covariates: Dirichlet-multinomial regression.

The model-based companion of the plan bootstrap of :func:`wpanalysis.compare.topic_prevalence_by_group`.
tomotopy's ``DMRModel`` (Mimno & McCallum 2008) fits topics whose document–topic prior depends on
each item's plan: log α_t = λ_t0 + Σ_c λ_t,c=value over the covariates *columns* (region, level,
year…), one indicator per value, additive — so the prevalence of a region is estimated with the
other covariates held in the model, and a small group borrows strength from the whole corpus.

The prevalence of a topic for a covariate value is the model's expected topic share of a plan
with that value, α_t / Σ_s α_s at the plan's covariates, averaged over the plans that have the value
(each plan once, the unit of :mod:`wpanalysis.compare` too). Its interval comes from a **plan
bootstrap with a new seed for every replicate**: plans are drawn with replacement, the DMR is
refitted, its topics are matched one-to-one to the full fit's by cosine of their term weights
(Hungarian assignment), and the 2.5th and 97.5th percentiles of the replicates' prevalences are
the 95 % interval — so it covers both the sampling of plans and the Gibbs sampler's seed.

Nothing is printed; tomotopy is imported (with :data:`wpanalysis.topic_engines.TOMOTOPY_ISA`) when
a fit needs it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from . import topic_engines
from .features import DocumentTermMatrix
from .topic_engines import TopicModel

__all__ = ["DMR_COLUMNS", "DMRPrevalence", "dmr_prevalence", "fit_dmr"]

DMR_COLUMNS = ["covariate", "value", "n_plans", "n_items", "topic", "prevalence", "ci_low", "ci_high", "n_boot"]
"""Columns of :attr:`DMRPrevalence.table`."""


@dataclass(frozen=True)
class DMRPrevalence:
    """Topic prevalence by covariate value from a DMR fit.

    ``table`` (:data:`DMR_COLUMNS`): one row per covariate × value × topic — ``n_plans`` and
    ``n_items`` (the value's plans and their items in the matrix), ``prevalence`` (full fit),
    ``ci_low`` / ``ci_high`` (bootstrap percentile interval), ``n_boot`` (replicates that drew a
    plan with the value; the interval is NaN below 2). Prevalences sum to 1 over the topics of a
    value. ``topic_term``: the full fit's p(term | topic), topics in the table's numbering.
    ``match_cosine``: when a reference model numbered the topics, each topic's cosine with the
    reference topic it was matched to. ``facts``: engine, library, iterations, priors, σ, seed,
    replicates, interval level.
    """

    table: pd.DataFrame
    topic_term: np.ndarray
    vocabulary: np.ndarray
    match_cosine: np.ndarray | None
    facts: dict[str, Any] = field(default_factory=dict)


def _features(covariates: pd.DataFrame, columns: Sequence[str]) -> pd.Series:
    """Each plan's indicator names, e.g. ``["region=东部", "level=市", "year=2024"]``."""
    return pd.Series([[f"{c}={row[c]}" for c in columns if pd.notna(row[c])]
                      for _, row in covariates.iterrows()], index=covariates["doc_id"].astype(object))


def fit_dmr(dtm: DocumentTermMatrix, features: Sequence[Sequence[str]], k: int, seed: int = 0,
            iterations: int | None = None, sigma: float = 1.0) -> tuple[np.ndarray, Any]:
    """One DMR fit: ``(phi, model)`` — φ (k × terms over *dtm*'s whole vocabulary, the model's topic
    order) and the tomotopy model (for :meth:`get_topic_prior`). *features*: each row's indicator
    names. Priors as the LDA engine (α = η = 1/k to start; the λ are then optimised every 10
    iterations), one worker, seeded."""
    tp = topic_engines._import_tomotopy()
    iterations = iterations or topic_engines.TOMOTOPY_ITERATIONS
    eta = 1.0 / k
    mdl = tp.DMRModel(k=k, alpha=1.0 / k, eta=eta, sigma=sigma, seed=seed)
    phi = topic_engines.train_tomotopy(mdl, sparse.csr_matrix(dtm.matrix), list(dtm.vocabulary), iterations, eta,
                                       metadata=features)
    return phi, mdl


def _plan_priors(mdl: Any, plan_features: pd.Series) -> pd.DataFrame:
    """Each plan's expected topic shares α / Σα (plans × k, the model's topic order)."""
    known = set(mdl.multi_metadata_dict)
    rows = []
    for feats in plan_features:
        alpha = np.asarray(mdl.get_topic_prior("", [f for f in feats if f in known]), dtype=np.float64)
        rows.append(alpha / alpha.sum())
    return pd.DataFrame(np.array(rows), index=plan_features.index)


def _by_value(shares: pd.DataFrame, covariates: pd.DataFrame, columns: Sequence[str],
              weights: pd.Series | None = None) -> dict[tuple[str, str], np.ndarray]:
    """Mean plan shares per covariate value (plans weighted by *weights*, e.g. bootstrap draws)."""
    cov = covariates.set_index(covariates["doc_id"].astype(object))
    w = weights if weights is not None else pd.Series(1.0, index=shares.index)
    out = {}
    for c in columns:
        for value, plans in cov.loc[shares.index].groupby(c, sort=True).groups.items():
            ww = w.reindex(plans).fillna(0.0).to_numpy()
            if ww.sum() > 0:
                out[(c, str(value))] = (shares.loc[plans].to_numpy() * ww[:, None]).sum(axis=0) / ww.sum()
    return out


def _match(phi: np.ndarray, reference: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each reference topic, the index of its one-to-one best match in *phi* and their cosine."""
    from scipy.optimize import linear_sum_assignment

    a = reference / np.linalg.norm(reference, axis=1, keepdims=True)
    b = phi / np.linalg.norm(phi, axis=1, keepdims=True)
    cos = a @ b.T
    rows, cols = linear_sum_assignment(-cos)
    order = cols[np.argsort(rows)]
    return order, cos[np.arange(len(order)), order]


def _replicate(dtm: DocumentTermMatrix, item_features: list, plan_ids: np.ndarray, plan_features: pd.Series,
               k: int, seed: int, iterations: int | None, sigma: float, draw: np.ndarray | None):
    """One DMR fit, on all plans (*draw* None) or on the plans *draw* names (with repeats)."""
    if draw is None:
        rows = np.arange(dtm.shape[0])
    else:
        by_plan = pd.Series(np.arange(len(plan_ids))).groupby(plan_ids, sort=False).apply(list)
        rows = np.concatenate([by_plan[p] for p in draw])
    part = DocumentTermMatrix(dtm.matrix[rows], dtm.rows.iloc[rows].reset_index(drop=True), dtm.vocabulary)
    phi, mdl = fit_dmr(part, [item_features[i] for i in rows], k, seed, iterations, sigma)
    return phi, _plan_priors(mdl, plan_features)


def _cache_key(dtm: DocumentTermMatrix, covariates: pd.DataFrame, columns: Sequence[str], **settings: Any) -> str:
    cov = covariates[["doc_id", *columns]].astype(str).to_csv(index=False)
    data = topic_engines.dtm_hash(dtm) + hashlib.sha256(cov.encode("utf-8")).hexdigest()
    return topic_engines.cache_key("dmr", data, "tomotopy", columns=list(columns), **settings)


def dmr_prevalence(dtm: DocumentTermMatrix, covariates: pd.DataFrame, k: int,
                   columns: Sequence[str] = ("region", "level", "year"), seed: int = 0, n_boot: int = 20,
                   reference: TopicModel | None = None, iterations: int | None = None, sigma: float = 1.0,
                   level: float = 0.95, n_jobs: int = 1, cache_dir: str | Path | None = None) -> DMRPrevalence:
    """Topic prevalence per value of each covariate in *columns*, from a DMR of *dtm*'s items.

    *covariates*: one row per plan, ``doc_id`` and *columns* (e.g. the registry's documents
    table); every plan of *dtm* must have a row. A missing value leaves that covariate out of the
    plan's prior. *reference*: a fitted :class:`TopicModel` of the same matrix (e.g. the notebook's
    LDA) whose numbering the topics take (matched one-to-one by cosine); without it topics are
    numbered by their mean prevalence over plans, largest first. The interval: *n_boot* plan
    bootstrap refits, replicate b drawing plans with ``numpy.random.default_rng(seed + b + 1)`` and
    fitting with seed ``seed + b + 1``; percentiles ``(1 − level)/2`` and ``(1 + level)/2``.
    ``n_jobs`` replicates run in parallel processes (each single-threaded: the table does not
    depend on ``n_jobs``). With *cache_dir* the whole result is cached, keyed by the matrix, the
    covariates and every setting.
    """
    columns = list(columns)
    missing = sorted(set(dtm.rows["doc_id"].astype(object)) - set(covariates["doc_id"].astype(object)))
    if missing:
        raise ValueError(f"covariates has no row for plans {missing[:5]}{'…' if len(missing) > 5 else ''}: pass "
                         "the documents table of the registry the matrix was built from")
    settings = dict(k=k, seed=seed, n_boot=n_boot, iterations=iterations or topic_engines.TOMOTOPY_ITERATIONS,
                    sigma=sigma, level=level,
                    reference=None if reference is None else hashlib.sha256(reference.topic_term.tobytes()).hexdigest())
    if cache_dir is not None:
        key = _cache_key(dtm, covariates, columns, **settings)
        return topic_engines.cached(cache_dir, key, lambda: dmr_prevalence(
            dtm, covariates, k, columns, seed, n_boot, reference, iterations, sigma, level, n_jobs, None))
    return _prevalence(dtm, covariates, k, columns, seed, n_boot, reference, iterations, sigma, level, n_jobs)


def _prevalence(dtm: DocumentTermMatrix, covariates: pd.DataFrame, k: int, columns: list[str], seed: int,
                n_boot: int, reference: TopicModel | None, iterations: int | None, sigma: float, level: float,
                n_jobs: int) -> DMRPrevalence:
    plan_ids = dtm.rows["doc_id"].astype(object).to_numpy()
    plans = pd.unique(plan_ids)
    cov = covariates.assign(doc_id=covariates["doc_id"].astype(object))
    cov = cov[cov["doc_id"].isin(set(plans))].drop_duplicates("doc_id")
    plan_features = _features(cov.set_index("doc_id").loc[plans].reset_index(), columns)
    item_features = [plan_features[p] for p in plan_ids]
    draws = [np.random.default_rng(seed + b + 1).choice(plans, size=len(plans), replace=True) for b in range(n_boot)]
    tasks = [(seed, None)] + [(seed + b + 1, d) for b, d in enumerate(draws)]
    args = (dtm, item_features, plan_ids, plan_features, k)
    if n_jobs == 1:
        fits = [_replicate(*args, s, iterations, sigma, d) for s, d in tasks]
    else:
        from joblib import Parallel, delayed

        fits = list(Parallel(n_jobs=n_jobs)(delayed(_replicate)(*args, s, iterations, sigma, d) for s, d in tasks))
    phi, priors = fits[0]
    if reference is not None:
        order, match_cos = _match(phi, reference.topic_term)
    else:
        order, match_cos = np.lexsort((np.arange(k), -priors.to_numpy().mean(axis=0))), None
    phi, priors = phi[order], priors.iloc[:, order]
    estimate = _by_value(priors, cov, columns)
    boot: dict[tuple[str, str], list[np.ndarray]] = {key: [] for key in estimate}
    for (b_phi, b_priors), draw in zip(fits[1:], draws):
        b_order, _ = _match(b_phi, phi)
        weights = pd.Series(draw).value_counts().astype(float)
        for key, value in _by_value(b_priors.iloc[:, b_order], cov, columns, weights).items():
            boot[key].append(value)
    return DMRPrevalence(_table(estimate, boot, cov, plan_ids, columns, k, level), phi,
                         np.asarray(dtm.vocabulary, dtype=object), match_cos,
                         {"engine": "tomotopy DMRModel", "library": topic_engines._library_version("tomotopy"),
                          "inference": "collapsed Gibbs sampling, λ optimised every 10 iterations",
                          "iterations": iterations or topic_engines.TOMOTOPY_ITERATIONS, "alpha": 1.0 / k,
                          "eta": 1.0 / k, "sigma": sigma, "seed": seed, "n_boot": n_boot, "level": level,
                          "covariates": ", ".join(columns)})


def _table(estimate: dict, boot: dict, cov: pd.DataFrame, plan_ids: np.ndarray, columns: list[str], k: int,
           level: float) -> pd.DataFrame:
    items_per_plan = pd.Series(plan_ids).value_counts()
    lo_q, hi_q = (1 - level) / 2 * 100, (1 + level) / 2 * 100
    rows = []
    for (c, value), est in estimate.items():
        plans = cov.loc[cov[c].astype(str) == value, "doc_id"]
        reps = np.array(boot[(c, value)])
        lo = np.percentile(reps, lo_q, axis=0) if len(reps) >= 2 else np.full(k, np.nan)
        hi = np.percentile(reps, hi_q, axis=0) if len(reps) >= 2 else np.full(k, np.nan)
        for t in range(k):
            rows.append((c, value, len(plans), int(items_per_plan.reindex(plans).fillna(0).sum()), t + 1,
                         float(est[t]), float(lo[t]), float(hi[t]), len(reps)))
    table = pd.DataFrame(rows, columns=DMR_COLUMNS)
    table["_c"] = table["covariate"].map({c: i for i, c in enumerate(columns)})
    return table.sort_values(["_c", "value", "topic"], kind="stable").drop(columns="_c").reset_index(drop=True)
