"""Reading a fitted topic model with the plan as the unit (notebook 03): labels checked against the
top terms by weight, stability over seeds *and* neighbouring k, and topic shares per plan with the
plan-weighted mean beside the item-weighted one.

The models come from :mod:`wpanalysis.topics`; this module only reads them::

    from wpanalysis import topic_reports as reports, topics
    runs = {k: topics.fit_seeds(dtm, k, seeds=range(5)) for k in (2, 3, 4)}
    reports.stability_over_k(runs)                       # k, jaccard mean / sd / min / max over pairs of runs
    reports.topic_stability_table(runs[3][0], runs)      # per topic: spread over refits, verdict, k ± 1
    topics.match_topic_labels("notebooks/topic_labels.yaml", "lda", runs[3][0])
    per_plan = reports.plan_topic_shares(runs[3][0])     # doc_id, topic, share, n_items
    reports.weighting_table(runs[3][0], per_plan)        # plan- and item-weighted share per topic

A notebook shows these tables (and the other tables of notebook 03) through :func:`shown`, which
in Chinese gives them Chinese headers and cell words; the tables themselves keep their codes.

Conventions: "top terms" are by weight, p(term | topic) (λ = 1), the terms the topic table's
``top_terms`` column shows and the coherence and stability measures use. The plan is the unit:
a topic's share of the corpus is the mean of the plans' shares (:data:`WEIGHTING`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from . import inference, labels
from .topics import TopicModel, cosine_matrix, item_topics, jaccard_matrix, top_terms

__all__ = ["WEIGHTING", "VERDICTS", "topic_overview",
           "stability_over_k", "topic_stability_table", "plan_topic_shares", "weighting_table", "plan_share_table",
           "neighbour_ks", "refits_of", "bounded_table", "on_matrix", "dmr_wide", "shown"]

WEIGHTING = "plan"
"""The declared weighting rule: each plan weighs 1 (a topic's share of the corpus is the mean of the plans' shares)."""

VERDICTS = ("stable", "borderline", "unstable")
"""Stability verdicts of :func:`topic_stability_table`, in order."""

_SEPARATORS = re.compile(r"[、·，,/；;\s]+|与|和|及")


def topic_overview(model: TopicModel, labels: Mapping[int, Mapping[str, str]] | None = None, n_terms: int = 10,
                   lam: float = 0.6) -> pd.DataFrame:
    """One row per topic: ``topic``, ``label`` (the hand label, or the top three terms by weight
    joined by ·), ``gloss``, ``labelled``, ``top_terms`` (top *n_terms* by weight, joined by 、),
    ``distinctive_terms`` (top *n_terms* by LDAvis relevance with λ = *lam*: terms specific to the
    topic), ``share_items`` (mean share over items, each item once) and ``n_items`` (items whose
    largest share is the topic)."""
    from .topics import topic_table

    table = topic_table(model, labels, n_terms=n_terms, lam=1.0).rename(columns={"share": "share_items"})
    table.insert(5, "distinctive_terms", ["、".join(t) for t in top_terms(model, n_terms, lam)])
    return table


# --------------------------------------------------------------------------- stability


def neighbour_ks(chosen_k: int, fitted: Sequence[int]) -> list[int]:
    """The chosen k and its neighbours k − 1, k + 1 among the *fitted* (swept) k, in order.

    >>> neighbour_ks(2, [2, 3, 4]), neighbour_ks(4, [2, 3, 4])
    ([2, 3], [3, 4])
    """
    return [k for k in (chosen_k - 1, chosen_k, chosen_k + 1) if k in set(int(f) for f in fitted)]


def _on_vocabulary(model: TopicModel, vocabulary: np.ndarray) -> np.ndarray:
    """*model*'s topic–term weights over *vocabulary* (terms it lacks weigh 0): refits on a sample of
    items drop the terms absent from it."""
    if len(model.vocabulary) == len(vocabulary) and (model.vocabulary == vocabulary).all():
        return model.topic_term
    index = {w: i for i, w in enumerate(model.vocabulary)}
    cols = np.array([index.get(w, -1) for w in vocabulary])
    out = np.where(cols >= 0, model.topic_term[:, np.maximum(cols, 0)], 0.0)
    return out


def _best(reference: TopicModel, other: TopicModel, terms_ref: list[list[str]], n_terms: int) -> tuple:
    """Each reference topic's best-match Jaccard (top terms by weight) and cosine in *other*."""
    jac = jaccard_matrix(terms_ref, top_terms(other, n_terms)).max(axis=1)
    cos = cosine_matrix(reference.topic_term, _on_vocabulary(other, reference.vocabulary)).max(axis=1)
    return jac, cos


def refits_of(reference: TopicModel, runs: Sequence[TopicModel]) -> list[TopicModel]:
    """The runs that are refits of *reference*: all but a run with its seed on the same items.

    >>> from dataclasses import replace
    >>> from wpanalysis.topics import _toy_model
    >>> a = _toy_model([[1.0, 0.0]], "ab")
    >>> [m.seed for m in refits_of(a, [a, replace(a, seed=1), replace(a, seed=2)])]
    [1, 2]
    """
    same = reference.rows[["doc_id", "item_seq"]].to_numpy().tolist()
    return [m for m in runs if not (m.seed == reference.seed and m.rows[["doc_id", "item_seq"]].to_numpy().tolist()
                                    == same)]


def stability_over_k(runs: Mapping[int, Sequence[TopicModel]], n_terms: int = 10,
                     threshold: float = 0.5) -> pd.DataFrame:
    """How well topics recur over refits, for each k in *runs* (``{k: [models with different seeds]}``).

    Every pair of runs of a k gives a mean best-match Jaccard (top *n_terms* by weight, averaged
    over both directions); columns: ``k``, ``n_runs``, ``n_pairs``, ``jaccard_mean``,
    ``jaccard_sd`` (sd over the pairs), ``jaccard_min``, ``jaccard_max``, ``cosine_mean``,
    ``n_topics``, ``n_stable`` (topics of the first run whose best match reaches *threshold* in
    every other run).
    """
    rows = []
    for k, models in sorted(runs.items()):
        models = list(models)
        terms = [top_terms(m, n_terms) for m in models]
        jac, cos = [], []
        for i in range(len(models)):
            for j in range(i + 1, len(models)):
                jm = jaccard_matrix(terms[i], terms[j])
                cm = cosine_matrix(models[i].topic_term, _on_vocabulary(models[j], models[i].vocabulary))
                jac.append((jm.max(axis=1).mean() + jm.max(axis=0).mean()) / 2)
                cos.append((cm.max(axis=1).mean() + cm.max(axis=0).mean()) / 2)
        best = np.array([_best(models[0], m, terms[0], n_terms)[0] for m in models[1:]]).reshape(-1, int(k))
        jac_a = np.array(jac, dtype=float)
        rows.append({"k": int(k), "n_runs": len(models), "n_pairs": len(jac),
                     "jaccard_mean": float(jac_a.mean()) if len(jac_a) else np.nan,
                     "jaccard_sd": float(jac_a.std(ddof=1)) if len(jac_a) > 1 else np.nan,
                     "jaccard_min": float(jac_a.min()) if len(jac_a) else np.nan,
                     "jaccard_max": float(jac_a.max()) if len(jac_a) else np.nan,
                     "cosine_mean": float(np.mean(cos)) if cos else np.nan, "n_topics": int(k),
                     "n_stable": int((best >= threshold - 1e-12).all(axis=0).sum()) if len(best) else 0})
    return pd.DataFrame(rows, columns=["k", "n_runs", "n_pairs", "jaccard_mean", "jaccard_sd", "jaccard_min",
                                       "jaccard_max", "cosine_mean", "n_topics", "n_stable"])


def topic_stability_table(reference: TopicModel, runs: Mapping[int, Sequence[TopicModel]], n_terms: int = 10,
                          threshold: float = 0.5) -> pd.DataFrame:
    """Each topic of the reported model *reference* against its refits (the runs at its k in *runs*,
    without itself: :func:`refits_of`) and against the runs at the neighbouring k.

    Columns: ``topic``; ``jaccard_mean``, ``jaccard_sd``, ``jaccard_min``, ``jaccard_max`` (its
    best-match Jaccard, top *n_terms* by weight, with each refit); ``n_refits``, ``n_reached``
    (refits where it reaches *threshold*); ``margin`` (mean − threshold); ``cosine_mean``;
    ``verdict``: ``stable`` when it reaches the threshold in every refit, ``borderline`` when its
    mean does but some refit does not, ``unstable`` when its mean does not; then ``jaccard_k{j}``
    for each other k in *runs* (its mean best-match Jaccard with the runs at k = j: does the theme
    survive one topic more or fewer?).
    """
    ref, terms = reference, top_terms(reference, n_terms)
    refits = refits_of(ref, runs.get(ref.k, []))
    best = [_best(ref, m, terms, n_terms) for m in refits]
    jac = np.array([b[0] for b in best]).reshape(-1, ref.k)
    cos = np.array([b[1] for b in best]).reshape(-1, ref.k)
    eps = 1e-12
    out = pd.DataFrame({"topic": np.arange(1, ref.k + 1)})
    if len(jac):
        out["jaccard_mean"] = jac.mean(axis=0)
        out["jaccard_sd"] = jac.std(axis=0, ddof=1) if len(jac) > 1 else np.nan
        out["jaccard_min"], out["jaccard_max"] = jac.min(axis=0), jac.max(axis=0)
        out["n_refits"], out["n_reached"] = len(jac), (jac >= threshold - eps).sum(axis=0)
        out["margin"], out["cosine_mean"] = out["jaccard_mean"] - threshold, cos.mean(axis=0)
        out["verdict"] = np.where(out["n_reached"] == len(jac), VERDICTS[0],
                                  np.where(out["jaccard_mean"] >= threshold - eps, VERDICTS[1], VERDICTS[2]))
    for k in sorted(runs):
        if k != ref.k and len(runs[k]):
            out[f"jaccard_k{k}"] = np.mean([_best(ref, m, terms, n_terms)[0] for m in runs[k]], axis=0)
    return out


# --------------------------------------------------------------------------- plans as the unit


def plan_topic_shares(model: TopicModel) -> pd.DataFrame:
    """Each plan's topic shares, the mean of its items' proportions (:func:`wpanalysis.inference.plan_shares`):
    ``doc_id``, ``topic``, ``share``, ``n_items``; a plan's shares sum to 1."""
    return inference.plan_shares(item_topics(model), value="share", key="topic")


def weighting_table(model: TopicModel, per_plan: pd.DataFrame) -> pd.DataFrame:
    """Per topic, its share of the corpus two ways: ``plan_weighted`` (the mean of the plans'
    shares: the declared rule, :data:`WEIGHTING`) and ``item_weighted`` (the mean over items, each
    item once: plans with more items weigh more), ``difference`` (item − plan), and how the plans'
    shares spread: ``n_plans``, ``plan_sd``, ``plan_min``, ``plan_median``, ``plan_max``."""
    grid = per_plan.pivot_table(index="doc_id", columns="topic", values="share", aggfunc="first", observed=True)
    out = pd.DataFrame({"topic": grid.columns.astype(int), "n_plans": grid.notna().sum().to_numpy(),
                        "plan_weighted": grid.mean().to_numpy(),
                        "item_weighted": model.item_topic.mean(axis=0)[grid.columns.astype(int) - 1]})
    out["difference"] = out["item_weighted"] - out["plan_weighted"]
    out["plan_sd"] = grid.std(ddof=1).to_numpy() if len(grid) > 1 else np.nan
    out["plan_min"], out["plan_median"], out["plan_max"] = grid.min().to_numpy(), grid.median().to_numpy(), \
        grid.max().to_numpy()
    return out.reset_index(drop=True)


def plan_share_table(per_plan: pd.DataFrame, names: Mapping[int, str] | None = None,
                     doc_names: Mapping[str, str] | pd.Series | None = None,
                     order: Sequence[str] | None = None) -> pd.DataFrame:
    """The per-plan table, one row per plan: ``doc_id``, ``plan`` (its name), ``n_items``, then one
    column per topic ("1 name") with the plan's share; rows in *order* (e.g. registry order), else by ``doc_id``.

    >>> pp = pd.DataFrame({"doc_id": ["a", "a"], "topic": [1, 2], "share": [0.25, 0.75], "n_items": [4, 4]})
    >>> plan_share_table(pp, {1: "双减"}, {"a": "甲市 2024"}).values.tolist()
    [['a', '甲市 2024', 4, 0.25, 0.75]]
    """
    names = dict(names or {})
    dnames = dict(doc_names) if doc_names is not None else {}
    grid = per_plan.pivot_table(index="doc_id", columns="topic", values="share", aggfunc="first", observed=True)
    grid.columns = [f"{int(t)} {names[t]}" if t in names else str(int(t)) for t in grid.columns]
    n_items = per_plan.groupby("doc_id", observed=True)["n_items"].first()
    ids = [d for d in (order or []) if d in grid.index] + sorted(d for d in grid.index if d not in set(order or []))
    out = grid.reindex(ids)
    out.insert(0, "n_items", n_items.reindex(ids).astype(int).to_numpy())
    out.insert(0, "plan", [str(dnames.get(d, d)) for d in ids])
    out.insert(0, "doc_id", ids)
    return out.reset_index(drop=True).rename_axis(columns=None)


def bounded_table(table: pd.DataFrame, max_rows: int, csv_path: str | Path) -> pd.DataFrame | None:
    """*table* itself when it has at most *max_rows* rows (to show); past that, it is written to
    *csv_path* (UTF-8 with BOM, for spreadsheets; folders created) and None is returned, so a
    notebook's output stays the same size at any number of plans.

    >>> t = pd.DataFrame({"doc_id": ["a", "b"]})
    >>> bounded_table(t, 5, "unused.csv") is t
    True
    >>> out = getfixture("tmp_path") / "t" / "plans.csv"
    >>> bounded_table(t, 1, out) is None, out.read_text(encoding="utf-8-sig").split()
    (True, ['doc_id', 'a', 'b'])
    """
    if len(table) <= max_rows:
        return table
    path = Path(csv_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False, encoding="utf-8-sig")
    return None


def on_matrix(model: TopicModel, vocabulary: Sequence[str]) -> TopicModel:
    """*model* with its topic–term weights restricted to *vocabulary* (e.g. a sample's matrix, which drops
    the terms absent from it) and renormalised, so a fit on a sample can be numbered like *model*.

    >>> from wpanalysis.topics import _toy_model
    >>> on_matrix(_toy_model([[.5, .25, .25]], "abc"), ["c", "a"]).topic_term.round(3).tolist()
    [[0.333, 0.667]]
    """
    from dataclasses import replace

    vocab = np.asarray(list(vocabulary), dtype=object)
    weights = _on_vocabulary(model, vocab)
    sums = weights.sum(axis=1, keepdims=True)
    weights = np.divide(weights, sums, out=np.full_like(weights, 1 / max(len(vocab), 1)), where=sums > 0)
    return replace(model, topic_term=weights, vocabulary=vocab)


def dmr_wide(table: pd.DataFrame, names: Mapping[int, str] | None = None, digits: int = 2) -> pd.DataFrame:
    """A DMR prevalence table (:attr:`wpanalysis.topic_dmr.DMRPrevalence.table`) one row per covariate value:
    ``covariate``, ``value``, ``n_plans``, then one column per topic with "share [low–high]".

    >>> t = pd.DataFrame({"covariate": ["year"] * 2, "value": ["2024"] * 2, "n_plans": [3, 3], "topic": [1, 2],
    ...                   "prevalence": [0.6, 0.4], "ci_low": [0.5, 0.3], "ci_high": [0.7, 0.5]})
    >>> dmr_wide(t, {1: "双减"}).values.tolist()
    [['year', '2024', 3, '0.60 [0.50–0.70]', '0.40 [0.30–0.50]']]
    """
    names = dict(names or {})
    cell = table.assign(cell=[f"{p:.{digits}f} [{lo:.{digits}f}–{hi:.{digits}f}]"
                              for p, lo, hi in zip(table["prevalence"], table["ci_low"], table["ci_high"])])
    wide = cell.pivot_table(index=["covariate", "value", "n_plans"], columns="topic", values="cell", aggfunc="first",
                            sort=False)
    wide.columns = [f"{int(t)} {names[t]}" if t in names else str(int(t)) for t in wide.columns]
    return wide.reset_index().rename_axis(columns=None)


# --------------------------------------------------------------------------- the tables as shown

_VOCABULARIES = {"verdict": "topic_verdict", "labelled": "topic_yes_no", "measure": "topic_measure"}
"""Columns whose cells are the package's fixed words, and the ``values:`` vocabulary of labels.yaml they come from."""

_DROPPED = ("gloss",)
"""Columns a Chinese reader is not shown: the labels file's English glosses (the Chinese name is the label)."""


def _word(vocabulary: str, value: object, language: str) -> object:
    """*value* in *language* from a ``values:`` vocabulary (booleans as ``true``/``false``); others as they are."""
    key = str(value).lower() if isinstance(value, (bool, np.bool_)) else value
    return labels.label(vocabulary, key, language, default=value) if isinstance(key, str) else value


def shown(table: pd.DataFrame, language: str = "en") -> pd.DataFrame:
    """A table of notebook 03 as a reader of *language* sees it: in ``"en"`` *table* itself; in
    ``"zh"`` a copy with Chinese headers (the columns' ``topics.<name>`` labels first, then
    :func:`wpanalysis.labels.localised`), Chinese verdicts, yes/no, measures and engine facts,
    covariates and their values by their Chinese names, and without the English ``gloss``.

    >>> t = pd.DataFrame({"topic": [1], "label": ["双减"], "gloss": ["homework"], "verdict": ["borderline"],
    ...                   "jaccard_k3": [0.5]})
    >>> shown(t) is t
    True
    >>> shown(t, "zh").columns.tolist(), shown(t, "zh")["判定"].tolist()
    (['主题', '名称', '判定', 'k = 3 时的 Jaccard 系数'], ['临界'])
    """
    if language == "en":
        return table
    known = labels.load_labels()
    out = table.drop(columns=[c for c in _DROPPED if c in table.columns])
    out = out.copy()
    def column_name(c: object) -> object:
        return known.columns[str(c)][language] if str(c) in known.columns else c

    def cells(values: list) -> pd.Series:
        return pd.Series(values, index=out.index, dtype=object)

    for column, vocabulary in _VOCABULARIES.items():
        if column in out.columns:
            out[column] = cells([_word(vocabulary, v, language) for v in out[column]])
    if "measure" in table.columns and "value" in out.columns:
        out["value"] = cells(["、".join(str(column_name(c)) for c in str(v).split(", ")) if m == "covariates"
                              else _word("topic_fact", v, language) for m, v in zip(table["measure"], out["value"])])
    if "covariate" in out.columns:
        if "value" in out.columns:
            out["value"] = cells([labels.group_label(str(c), v, language, default=v)
                                  for c, v in zip(out["covariate"], out["value"])])
            out = out.rename(columns={"value": "covariate_value"})
        out["covariate"] = cells([column_name(c) for c in out["covariate"]])
    if "method" in out.columns:
        out["method"] = [str(m).upper() for m in out["method"]]
    headers = {}
    for column in out.columns:
        key = f"topics.{column}"
        near = re.fullmatch(r"jaccard_k(\d+)", str(column))
        if key in known.columns:
            headers[column] = known.columns[key][language]
        elif near:
            headers[column] = known.columns["topics.jaccard_at_k"][language].format(k=near.group(1))
    return labels.localised(out.rename(columns=headers), language)
