"""Inference stage: the plan as the unit — plan-level tables, permutation tests, corrections, influence.

A claim about bureaus is a claim about plans, so every test here takes **one value per
plan** (a rate per 10,000 tokens, a domain or topic share) and asks how unusual the observed
difference between two groups of plans is among all the ways the same plans could have been
split into groups of the same sizes (an exact permutation test). With few plans the number of
splits is small, so the smallest p a test can reach is large: 4 against 2 plans allow
C(6, 2) = 15 splits, so p ≥ 1/15 ≈ 0.067 and no difference can be significant at 0.05. Every
result carries that smallest attainable p and says when no test can reach ``alpha``.

The weighting rule (:data:`WEIGHTING`): **each plan weighs 1** — a group's value is the mean
of its plans' values. Pooled (item- or token-weighted) values, in which the longest plans
dominate, are shown beside it (:func:`weighted_means`), never instead of it. An item's text
is its title + body (``items["text"]``); the labelled fields (问题描述, 目标任务 …) are views
of the body and are never added to it (:func:`restated_fields` measures this), so a plan that
labels its paragraphs is counted once.

Functions: :func:`permutation_test` / :func:`permutation_tests` (many variables at once),
:func:`min_attainable_p`, :func:`can_reach`, :func:`min_group_size`, :func:`effect_size`
(a plan-resampling bootstrap interval only when each group has :data:`MIN_PLANS_INTERVAL`
plans, otherwise "descriptive only"), :func:`adjust` and :func:`corrections`
(Benjamini–Hochberg and Bonferroni side by side), :func:`plan_rate_matrix`,
:func:`plan_keyness` (G² beside the share of plans using the term and a plan-level
permutation test), :func:`plan_shares`, :func:`weighted_means`, :func:`group_tests`,
:func:`leave_one_plan_out`, :func:`loo_difference`, :func:`robustness_table`,
:func:`keyness_finding`, :func:`remit`, :func:`sample_frame`, :func:`frame_overlaps`,
:func:`minimum_group_sizes`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd
from scipy.stats import false_discovery_control

from . import compare, features, labels
from .registry import UNKNOWN, _order_groups, doc_labels, group_values
from .segment import remove_stopwords, tokenize_items

__all__ = [
    "ALPHA", "MAX_EXACT", "N_PERMUTATIONS", "MIN_PLANS_INTERVAL", "WEIGHTING", "FIELD_COLUMNS_PREFIX",
    "FRAME_COLUMNS", "PermutationResult", "n_assignments", "min_attainable_p", "can_reach", "min_group_size",
    "permutation_tests", "permutation_test", "effect_size", "adjust", "corrections", "plan_rate_matrix",
    "plan_keyness", "plan_shares", "weighted_means", "group_tests", "restated_fields", "leave_one_plan_out",
    "loo_difference", "loo_summary", "robustness_table", "keyness_finding", "remit", "sample_frame",
    "frame_overlaps", "minimum_group_sizes", "term_stats", "loo_term", "headline_term", "keyness_conventions",
    "declare_family", "loo_groups", "most_influential",
]

ALPHA = 0.05
"""Significance level of every test and correction unless a call says otherwise."""

MAX_EXACT = 50_000
"""Enumerate every split of the plans when there are at most this many; else Monte-Carlo."""

N_PERMUTATIONS = 9_999
"""Random splits of a Monte-Carlo permutation test (seeded); p = (1 + #as extreme) / (1 + this)."""

MIN_PLANS_INTERVAL = compare.MIN_PLANS_INTERVAL
"""Plans each group needs before a plan-resampling bootstrap interval is shown. A group of n plans
has C(2n − 1, n) distinct resamples: 3 for 2 plans, 10 for 3, 35 for 4, 126 for 5 — below 5 the
percentile interval is set by one or two extreme plans."""

WEIGHTING = "plan"
"""The declared weighting rule: a group's value is the unweighted mean of its plans' values."""

FIELD_COLUMNS_PREFIX = "field_"

FRAME_COLUMNS = ("region", "admin_level", "year", "remit", "completeness")
"""The registry attributes (plus the derived :func:`remit`) that make up the sample frame."""

_REL_TOL = 1e-9  # ties: a split's statistic counts as "as extreme" within this relative tolerance


# --------------------------------------------------------------------------- permutation tests


@dataclass(frozen=True)
class PermutationResult:
    """One permutation test: the observed difference of plan means (a − b), its two-sided p,
    whether every split was enumerated, how many splits exist, the smallest attainable p and
    whether that can reach ``alpha``."""

    statistic: float
    p: float
    exact: bool
    n_assignments: int
    n_permutations: int
    min_p: float
    can_reach: bool


def n_assignments(n_a: int, n_b: int) -> int:
    """Ways to split ``n_a + n_b`` plans into groups of ``n_a`` and ``n_b``.

    >>> n_assignments(4, 2)
    15
    """
    return math.comb(n_a + n_b, n_a)


def min_attainable_p(n_a: int, n_b: int, max_exact: int = MAX_EXACT, n_permutations: int = N_PERMUTATIONS) -> float:
    """The smallest two-sided p a permutation test of a difference of means can give.

    Exact: 1 / C(n, n_a) — or 2 / C(n, n_a) when the groups have the same size, since each
    split's mirror has the same absolute difference. Monte-Carlo (more splits than
    *max_exact*): no less than 1 / (n_permutations + 1).

    >>> round(min_attainable_p(4, 2), 4), round(min_attainable_p(2, 2), 4)
    (0.0667, 0.3333)
    """
    if n_a < 1 or n_b < 1:
        return 1.0
    total = n_assignments(n_a, n_b)
    exact = (2 if n_a == n_b else 1) / total
    return exact if total <= max_exact else max(exact, 1 / (n_permutations + 1))


def can_reach(n_a: int, n_b: int, alpha: float = ALPHA, m: int = 1) -> bool:
    """Whether any result of the test can be significant at *alpha* (Bonferroni over *m* tests).

    >>> can_reach(4, 2), can_reach(5, 2), can_reach(5, 2, m=10)
    (False, True, False)
    """
    return min_attainable_p(n_a, n_b) <= alpha / max(m, 1)


def min_group_size(alpha: float = ALPHA, m: int = 1, other: int | None = None, limit: int = 200) -> int | None:
    """The fewest plans a group needs for a permutation test to be able to reach *alpha*
    (Bonferroni over *m* tests): against a group of *other* plans, or of the same size when
    *other* is None. None when not reachable up to *limit* plans.

    >>> min_group_size(), min_group_size(other=2), min_group_size(other=1)
    (4, 5, 19)
    """
    for n in range(1, limit + 1):
        if can_reach(n, n if other is None else other, alpha, m):
            return n
    return None


def _splits(n: int, k: int, max_exact: int, n_permutations: int, seed: int) -> tuple[np.ndarray, bool]:
    """Rows of 0/1 membership in group a: every split (exact) or random ones (seeded)."""
    if n_assignments(k, n - k) <= max_exact:
        rows = np.zeros((n_assignments(k, n - k), n), dtype=np.float64)
        for i, chosen in enumerate(combinations(range(n), k)):
            rows[i, list(chosen)] = 1.0
        return rows, True
    rng = np.random.default_rng(seed)
    return (rng.random((n_permutations, n)).argsort(axis=1) < k).astype(np.float64), False


def permutation_tests(values: np.ndarray, in_a: Sequence[bool], max_exact: int = MAX_EXACT,
                      n_permutations: int = N_PERMUTATIONS, seed: int = 0, alpha: float = ALPHA,
                      chunk: int = 2_000) -> pd.DataFrame:
    """Two-sided permutation tests of the difference of plan means, for every column of *values*.

    *values* is plans × variables (one row per plan); *in_a* marks the plans of group a.
    The statistic is mean(a) − mean(b); p is the share of splits whose absolute difference
    is at least the observed one (exact), or (1 + that count) / (1 + n_permutations)
    (Monte-Carlo). Columns: ``diff``, ``p``, ``exact``, ``n_assignments``, ``min_p``,
    ``can_reach``; one row per column of *values*.

    >>> t = permutation_tests(np.array([[1.0], [2.0], [3.0], [4.0], [10.0], [11.0]]), [1, 1, 1, 1, 0, 0])
    >>> t[["diff", "p"]].round(4).values.tolist()
    [[-8.0, 0.0667]]
    """
    v = np.asarray(values, dtype=float)
    v = v.reshape(len(v), -1)
    a = np.asarray(in_a, dtype=bool)
    n, k = len(a), int(a.sum())
    if k == 0 or k == n:
        raise ValueError(f"both groups need plans: {k} in group a, {n - k} in group b")
    observed = v[a].mean(axis=0) - v[~a].mean(axis=0)
    rows, exact = _splits(n, k, max_exact, n_permutations, seed)
    total = v.sum(axis=0)
    bound = np.abs(observed) * (1 - _REL_TOL) - 1e-12
    extreme = np.zeros(v.shape[1])
    for start in range(0, len(rows), chunk):
        sum_a = rows[start:start + chunk] @ v
        diff = sum_a / k - (total - sum_a) / (n - k)
        extreme += (np.abs(diff) >= bound).sum(axis=0)
    p = extreme / len(rows) if exact else (extreme + 1) / (len(rows) + 1)
    min_p = min_attainable_p(k, n - k, max_exact, n_permutations)
    return pd.DataFrame({"diff": observed, "p": np.minimum(p, 1.0), "exact": exact,
                         "n_assignments": n_assignments(k, n - k), "min_p": min_p, "can_reach": min_p <= alpha})


def permutation_test(values: Sequence[float], in_a: Sequence[bool], max_exact: int = MAX_EXACT,
                     n_permutations: int = N_PERMUTATIONS, seed: int = 0, alpha: float = ALPHA) -> PermutationResult:
    """:func:`permutation_tests` for one variable.

    >>> r = permutation_test([1, 2, 3, 4, 10, 11], [1, 1, 1, 1, 0, 0])
    >>> r.n_assignments, round(r.p, 4), r.can_reach
    (15, 0.0667, False)
    """
    row = permutation_tests(np.asarray(values, dtype=float).reshape(-1, 1), in_a, max_exact, n_permutations,
                            seed, alpha).iloc[0]
    n_perm = int(row["n_assignments"]) if bool(row["exact"]) else n_permutations
    return PermutationResult(float(row["diff"]), float(row["p"]), bool(row["exact"]), int(row["n_assignments"]),
                             n_perm, float(row["min_p"]), bool(row["can_reach"]))


def effect_size(values: Sequence[float], in_a: Sequence[bool], min_plans: int = MIN_PLANS_INTERVAL,
                n_boot: int = 2000, seed: int = 0, level: float = 0.95) -> dict[str, object]:
    """The difference of plan means (a − b) with a percentile interval from resampling **plans**
    within each group — only when both groups have at least *min_plans* plans; otherwise the
    interval is NaN and ``status`` is ``"descriptive only"``.

    >>> e = effect_size([1, 2, 3, 4, 10, 11], [1, 1, 1, 1, 0, 0])
    >>> e["diff"], e["status"]
    (-8.0, 'descriptive only')
    """
    v = np.asarray(values, dtype=float)
    a = np.asarray(in_a, dtype=bool)
    diff = float(v[a].mean() - v[~a].mean())
    if min(a.sum(), (~a).sum()) < min_plans:
        return {"diff": diff, "ci_low": math.nan, "ci_high": math.nan, "status": "descriptive only"}
    rng = np.random.default_rng(seed)
    va, vb = v[a], v[~a]
    boot = (va[rng.integers(0, len(va), (n_boot, len(va)))].mean(axis=1)
            - vb[rng.integers(0, len(vb), (n_boot, len(vb)))].mean(axis=1))
    low, high = np.quantile(boot, [(1 - level) / 2, 1 - (1 - level) / 2])
    return {"diff": diff, "ci_low": float(low), "ci_high": float(high), "status": "interval"}


# --------------------------------------------------------------------------- corrections


def adjust(p: Sequence[float], method: str = "bh") -> np.ndarray:
    """Adjusted p-values over one family: ``"bh"`` (Benjamini–Hochberg, scipy's
    ``false_discovery_control``) or ``"bonferroni"`` (p × m, capped at 1). NaN stays NaN and is
    not counted in m.

    >>> adjust([0.01, 0.04, 0.03, 0.20]).round(4).tolist()
    [0.04, 0.0533, 0.0533, 0.2]
    >>> adjust([0.01, 0.04, 0.03, 0.20], "bonferroni").round(2).tolist()
    [0.04, 0.16, 0.12, 0.8]
    """
    values = np.asarray(p, dtype=float)
    out = np.full(len(values), np.nan)
    ok = ~np.isnan(values)
    if not ok.any():
        return out
    if method == "bh":
        out[ok] = false_discovery_control(values[ok], method="bh")
    elif method == "bonferroni":
        out[ok] = np.minimum(values[ok] * ok.sum(), 1.0)
    else:
        raise ValueError("method must be 'bh' or 'bonferroni'")
    return out


def corrections(table: pd.DataFrame, p: str = "p", alpha: float = ALPHA, prefix: str | None = None) -> pd.DataFrame:
    """*table* with Benjamini–Hochberg and Bonferroni over all its rows (the declared family):
    ``{prefix}_bh``, ``{prefix}_bonferroni``, ``significant_bh``, ``significant_bonferroni``
    (prefix defaults to the p column; the flags get ``_{suffix}`` when *p* is not ``"p"``).

    >>> corrections(pd.DataFrame({"p": [0.01, 0.04, 0.03, 0.20]}))["significant_bh"].tolist()
    [True, False, False, False]
    """
    prefix = prefix or p
    flag = "" if p == "p" else "_" + p.removeprefix("p_")
    out = table.copy()
    out[f"{prefix}_bh"] = adjust(out[p], "bh")
    out[f"{prefix}_bonferroni"] = adjust(out[p], "bonferroni")
    out[f"significant_bh{flag}"] = out[f"{prefix}_bh"] < alpha
    out[f"significant_bonferroni{flag}"] = out[f"{prefix}_bonferroni"] < alpha
    return out


# --------------------------------------------------------------------------- plan-level tables


def plan_rate_matrix(tokens: pd.DataFrame, terms: Sequence[str] | None = None) -> pd.DataFrame:
    """Rates per 10,000 tokens, one row per plan (sorted ``doc_id``), one column per term
    (all terms, or *terms* in that order; a term a plan lacks is 0). The denominator is the
    plan's token count in *tokens* (after whatever stopword removal made them).

    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "token": ["双减", "教师", "教师", "教师"]})
    >>> plan_rate_matrix(t).to_dict("list")
    {'双减': [5000.0, 0.0], '教师': [5000.0, 10000.0]}
    """
    dtm = features.document_term_matrix(tokens, "doc_id")
    totals = np.asarray(dtm.matrix.sum(axis=1)).ravel().astype(float)
    index = pd.Index(dtm.rows["doc_id"].to_numpy(), name="doc_id")
    if terms is None:
        counts, columns = dtm.matrix.toarray(), list(dtm.vocabulary)
    else:  # only the columns asked for are made dense (a plan × vocabulary array grows with the corpus)
        columns = list(terms)
        where = pd.Index(dtm.vocabulary).get_indexer(columns)
        counts = np.zeros((len(index), len(columns)))
        if (where >= 0).any():
            counts[:, where >= 0] = dtm.matrix[:, where[where >= 0]].toarray()
    return pd.DataFrame(counts / np.where(totals > 0, totals, 1.0)[:, None] * 10_000, index=index, columns=columns)


def plan_keyness(tokens: pd.DataFrame, documents: pd.DataFrame, column: str, target: object, reference: object,
                 min_count: int = 5, alpha: float = ALPHA, seed: int = 0, max_exact: int = MAX_EXACT,
                 n_permutations: int = N_PERMUTATIONS, correction: str = "williams") -> pd.DataFrame:
    """Keyness at two units side by side: pooled tokens (G², :func:`features.keyness_groups`)
    and plans (each plan's rate per 10,000 tokens, a permutation test of the difference of
    plan means). The family is every term tested.

    Columns: those of :func:`features.keyness_groups` plus ``p_bh`` / ``significant_bh``
    (BH on the G² p), ``share_target`` / ``share_reference`` (share of the group's plans
    using the term — the dispersion), ``mean_per_10k_target`` / ``mean_per_10k_reference``
    (plan-weighted), ``diff_plan``, ``p_plan``, ``p_plan_bh``, ``p_plan_bonferroni``,
    ``significant_bh_plan``, ``significant_bonferroni_plan``, ``min_p_plan``, ``exact``,
    ``can_reach``. Sorted as G².
    """
    members = features.group_members(tokens, documents, column, target, reference)
    table = features.keyness_groups(tokens, documents, column, target, reference, min_count=min_count, alpha=alpha,
                                    correction=correction)
    table = corrections(table, "p", alpha).drop(columns=["significant_bonferroni"])  # = "significant"
    n_t = int((members["group"] == "target").sum())
    n_r = int((members["group"] == "reference").sum())
    table["share_target"] = table["docs_target"] / n_t
    table["share_reference"] = table["docs_reference"] / n_r
    kept = tokens[tokens["doc_id"].isin(set(members["doc_id"]))]
    rates = plan_rate_matrix(kept, table["token"].tolist())
    in_t = rates.index.isin(set(members.loc[members["group"] == "target", "doc_id"]))
    table["mean_per_10k_target"] = rates[in_t].mean(axis=0).to_numpy()
    table["mean_per_10k_reference"] = rates[~in_t].mean(axis=0).to_numpy()
    tests = permutation_tests(rates.to_numpy(), in_t, max_exact, n_permutations, seed, alpha)
    table["diff_plan"] = tests["diff"].to_numpy()
    table["p_plan"] = tests["p"].to_numpy()
    table = corrections(table, "p_plan", alpha)
    table["min_p_plan"] = tests["min_p"].to_numpy() if len(tests) else min_attainable_p(n_t, n_r)
    table["exact"] = tests["exact"].to_numpy() if len(tests) else True
    table["can_reach"] = table["min_p_plan"] * max(len(table), 1) <= alpha
    return table


def plan_shares(item_values: pd.DataFrame, value: str = "share", key: str = "topic") -> pd.DataFrame:
    """Per-plan means of item-level values (e.g. topic shares of :func:`wpanalysis.topics.item_topics`):
    columns ``doc_id``, *key*, *value* (the plan's mean over its items), ``n_items``.

    >>> s = pd.DataFrame({"doc_id": ["a", "a", "b"], "item_seq": [1, 2, 1], "topic": [0, 0, 0],
    ...                   "share": [0.2, 0.6, 1.0]})
    >>> plan_shares(s).values.tolist()
    [['a', 0, 0.4, 2], ['b', 0, 1.0, 1]]
    """
    grouped = item_values.assign(doc_id=item_values["doc_id"].astype(object)).groupby(["doc_id", key], sort=True)
    out = grouped[value].agg(["mean", "size"]).reset_index()
    return out.rename(columns={"mean": value, "size": "n_items"})


def _memberships(grouped: pd.DataFrame, by: Sequence[str], doc_ids: Sequence[str]) -> pd.DataFrame:
    """Long table ``doc_id, grouping, group`` for the plans in *doc_ids* (group ``unknown`` dropped)."""
    docs = grouped[grouped["doc_id"].astype(object).isin(set(doc_ids))]
    frames = [pd.DataFrame({"doc_id": docs["doc_id"].astype(object).to_numpy(), "grouping": column,
                            "group": group_values(docs, column).to_numpy()}) for column in by]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["doc_id", "grouping", "group"])
    return out[~out["group"].isin([UNKNOWN, compare.LEFT_OUT])].reset_index(drop=True)


def weighted_means(per_plan: pd.DataFrame, grouped: pd.DataFrame, by: Sequence[str], value: str = "share",
                   key: str = "domain", weight: str = "n_items") -> pd.DataFrame:
    """Each group's value two ways: ``plan_weighted`` (mean of its plans' values, the declared
    rule) and ``item_weighted`` (weighted by *weight*, i.e. pooled items: the longest plans
    dominate), with ``difference`` = item − plan weighted.

    *per_plan*: ``doc_id``, *key*, *value*, *weight*; *grouped*: documents with the group each
    plan is counted in (:func:`wpanalysis.compare.regroup`). Columns: ``grouping``, ``group``,
    *key*, ``n_plans``, ``n_items``, ``plan_weighted``, ``item_weighted``, ``difference``.

    >>> per_plan = pd.DataFrame({"doc_id": ["a", "b"], "domain": ["x", "x"], "share": [0.5, 0.1], "n_items": [10, 30]})
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "region": ["east", "east"]})
    >>> weighted_means(per_plan, docs, ["region"])[["plan_weighted", "item_weighted"]].round(3).values.tolist()
    [[0.3, 0.2]]
    """
    member = _memberships(grouped, by, per_plan["doc_id"].unique())
    data = member.merge(per_plan, on="doc_id")
    data["_wv"] = data[value] * data[weight]
    agg = data.groupby(["grouping", "group", key], sort=False).agg(
        n_plans=("doc_id", "nunique"), n_items=(weight, "sum"), plan_weighted=(value, "mean"), _wv=("_wv", "sum"))
    agg["item_weighted"] = agg["_wv"] / agg["n_items"].where(agg["n_items"] > 0)
    agg["difference"] = agg["item_weighted"] - agg["plan_weighted"]
    return agg.drop(columns="_wv").reset_index()


def group_tests(per_plan: pd.DataFrame, grouped: pd.DataFrame, by: Sequence[str], value: str = "share",
                key: str = "domain", alpha: float = ALPHA, seed: int = 0, min_plans: int = 2,
                min_plans_interval: int = MIN_PLANS_INTERVAL, exclude: Sequence[object] = ()) -> pd.DataFrame:
    """Every pair of groups of every grouping, on every *key*, tested at plan level — the family.

    For each pair with at least *min_plans* plans a side: plan-weighted means, ``diff`` (a − b),
    the exact/Monte-Carlo permutation ``p``, ``min_p``, ``can_reach``, the effect interval
    (:func:`effect_size`: ``ci_low``, ``ci_high``, ``status``), then BH and Bonferroni over all
    rows. Keys in *exclude* (e.g. the pseudo-domain ``none``) are left out. Sorted by ``p``, then
    by the absolute difference.
    """
    member = _memberships(grouped, by, per_plan["doc_id"].unique())
    wide = per_plan.pivot_table(index="doc_id", columns=key, values=value, aggfunc="first", sort=True)
    wide = wide[[c for c in wide.columns if c not in set(exclude)]].fillna(0.0)
    rows = []
    for grouping, part in member.groupby("grouping", sort=False):
        counts = part.groupby("group", sort=False)["doc_id"].nunique()
        groups = [g for g in _order_groups(grouping, counts.index) if counts[g] >= min_plans]  # registry order
        for ga, gb in combinations(groups, 2):
            ids_a = part.loc[part["group"] == ga, "doc_id"].tolist()
            ids_b = part.loc[part["group"] == gb, "doc_id"].tolist()
            block = wide.loc[ids_a + ids_b]
            in_a = np.r_[np.ones(len(ids_a), bool), np.zeros(len(ids_b), bool)]
            tests = permutation_tests(block.to_numpy(), in_a, seed=seed, alpha=alpha)
            for j, k in enumerate(block.columns):
                eff = effect_size(block[k].to_numpy(), in_a, min_plans_interval, seed=seed)
                rows.append({"grouping": grouping, "group_a": ga, "group_b": gb, "n_plans_a": len(ids_a),
                             "n_plans_b": len(ids_b), key: k, "mean_a": float(block[k].to_numpy()[in_a].mean()),
                             "mean_b": float(block[k].to_numpy()[~in_a].mean()), "diff": float(tests["diff"].iat[j]),
                             "p": float(tests["p"].iat[j]), "min_p": float(tests["min_p"].iat[j]),
                             "can_reach": bool(tests["can_reach"].iat[j]), "ci_low": eff["ci_low"],
                             "ci_high": eff["ci_high"], "status": eff["status"]})
    columns = ["grouping", "group_a", "group_b", "n_plans_a", "n_plans_b", key, "mean_a", "mean_b", "diff", "p",
               "min_p", "can_reach", "ci_low", "ci_high", "status"]
    out = pd.DataFrame(rows, columns=columns)
    out = corrections(out, "p", alpha)
    out = out.assign(_abs=out["diff"].abs()).sort_values(["p", "_abs"], ascending=[True, False], kind="stable")
    return out.drop(columns="_abs").reset_index(drop=True)


def restated_fields(items: pd.DataFrame) -> pd.DataFrame:
    """How much of each plan's labelled-field text (``field_问题描述`` …, responsible-unit fields
    left out) is found verbatim in its item bodies — text the package counts once, in ``text``.

    Columns: ``doc_id``, ``n_items_with_fields``, ``field_chars``, ``restated_chars`` (of those,
    found in the body), ``restated_share``; only plans with labelled fields.

    >>> items = pd.DataFrame({"doc_id": ["a", "a"], "body": ["问题。目标。", "做法"],
    ...                       "field_问题描述": ["问题。", None], "field_目标任务": ["目标。", "另一"]})
    >>> restated_fields(items).values.tolist()
    [['a', 2, 8, 6, 0.75]]
    """
    fields = [c for c in items.columns if c.startswith(FIELD_COLUMNS_PREFIX)
              and not any(w in c for w in ("责任", "牵头", "配合", "完成时限"))]
    rows = []
    for doc_id, part in items.groupby(items["doc_id"].astype(object), sort=True):
        n_with, total, found = 0, 0, 0
        for _, item in part.iterrows():
            texts = [str(item[c]) for c in fields if isinstance(item[c], str) and item[c].strip()]
            n_with += bool(texts)
            body = str(item.get("body") or "")
            total += sum(len(t) for t in texts)
            found += sum(len(t) for t in texts if t in body)
        if n_with:
            rows.append((doc_id, n_with, total, found, found / total if total else math.nan))
    return pd.DataFrame(rows, columns=["doc_id", "n_items_with_fields", "field_chars", "restated_chars",
                                       "restated_share"])


# --------------------------------------------------------------------------- influence and robustness


def leave_one_plan_out(statistic: Callable[[list[str]], float], doc_ids: Sequence[str]) -> pd.DataFrame:
    """A finding recomputed without each plan in turn: *statistic* takes the kept ``doc_id`` list.

    Columns: ``left_out`` (``doc_id``), ``value``, ``change`` (value − the value on all plans),
    ``same_sign``; plans in the order given. A value that cannot be computed (a group emptied)
    is NaN.

    >>> values = {"a": 1.0, "b": 2.0, "c": 6.0}
    >>> t = leave_one_plan_out(lambda ids: sum(values[i] for i in ids) / len(ids), ["a", "b", "c"])
    >>> t["value"].tolist()
    [4.0, 3.5, 1.5]
    """
    ids = list(doc_ids)
    full = statistic(ids)
    rows = []
    for doc_id in ids:
        kept = [d for d in ids if d != doc_id]
        try:
            value = float(statistic(kept))
        except (ValueError, ZeroDivisionError):
            value = math.nan
        rows.append((doc_id, value, value - full, bool(np.sign(value) == np.sign(full)) if not math.isnan(value)
                     else False))
    table = pd.DataFrame(rows, columns=["left_out", "value", "change", "same_sign"])
    table.attrs["full"] = float(full)  # the value on all plans, for loo_summary
    return table


def loo_difference(values: pd.Series, in_a: pd.Series) -> pd.DataFrame:
    """:func:`leave_one_plan_out` for a difference of plan means (a − b): *values* and *in_a*
    are indexed by ``doc_id``. Leaving out the only plan of a group gives NaN.

    >>> v = pd.Series({"a": 1.0, "b": 3.0, "c": 0.0, "d": 1.0})
    >>> g = pd.Series({"a": True, "b": True, "c": False, "d": False})
    >>> loo_difference(v, g)["value"].tolist()
    [2.5, 0.5, 1.0, 2.0]
    """
    v, a = values.to_numpy(dtype=float), in_a.reindex(values.index).to_numpy(dtype=bool)
    position = {doc_id: k for k, doc_id in enumerate(values.index)}

    def diff(ids: list[str]) -> float:  # numpy on a mask: the loop over plans stays linear in pandas calls
        keep = np.zeros(len(v), dtype=bool)
        keep[[position[i] for i in ids]] = True
        if not (keep & a).any() or not (keep & ~a).any():
            return math.nan
        return float(v[keep & a].mean() - v[keep & ~a].mean())

    return leave_one_plan_out(diff, list(values.index))


def most_influential(table: pd.DataFrame, n: int = 12) -> pd.DataFrame:
    """The *n* rows of a leave-one-plan-out table with the largest absolute change (ties in the
    given order) — what a notebook shows past a few plans.

    >>> t = pd.DataFrame({"left_out": list("abc"), "change": [0.1, -0.5, 0.2]})
    >>> most_influential(t, 2)["left_out"].tolist()
    ['b', 'c']
    """
    order = table["change"].abs().sort_values(ascending=False, kind="stable").index
    return table.loc[order].head(n)


def loo_summary(table: pd.DataFrame, full: float | None = None) -> dict[str, object]:
    """The range of a :func:`leave_one_plan_out` table and its most influential plan:
    ``full`` (given, or the value on all plans that :func:`leave_one_plan_out` recorded), ``low``, ``high``,
    ``n_flips`` (plans whose removal flips or erases the sign),
    ``most_influential`` (``doc_id`` with the largest absolute change) and its ``value``.

    >>> t = pd.DataFrame({"left_out": ["a", "b"], "value": [0.5, -0.1], "change": [0.1, -0.5],
    ...                   "same_sign": [True, False]})
    >>> loo_summary(t, 0.4)["n_flips"], loo_summary(t, 0.4)["most_influential"]
    (1, 'b')
    """
    full = table.attrs.get("full", math.nan) if full is None else full
    values = table["value"].dropna()
    if values.empty:
        return {"full": full, "low": math.nan, "high": math.nan, "n_flips": 0, "most_influential": None,
                "value": math.nan}
    worst = table.loc[table["change"].abs().fillna(-1).idxmax()]
    return {"full": full, "low": float(values.min()), "high": float(values.max()),
            "n_flips": int((~table["same_sign"]).sum()), "most_influential": worst["left_out"],
            "value": float(worst["value"])}


def robustness_table(finding: Callable[..., Mapping[str, float]], switches: Mapping[str, Sequence[object]],
                     baseline: Mapping[str, object], headline: str | None = None) -> pd.DataFrame:
    """One finding under every switch, one switch at a time from *baseline*.

    *finding* takes the settings as keyword arguments and returns named numbers (e.g.
    ``{"g2": …, "diff_plan": …, "p_plan": …}``); *headline* (default: its first number) is the
    one whose sign is compared. Columns: ``switch``, ``setting``, ``baseline`` (True on the
    first row), then the finding's numbers, ``same_sign`` and ``ratio`` (headline / baseline).

    >>> f = lambda scale=1, shift=0: {"diff": 2.0 * scale + shift}
    >>> robustness_table(f, {"scale": [1, -1], "shift": [0, 1]}, {"scale": 1, "shift": 0})[
    ...     ["switch", "setting", "diff", "same_sign"]].values.tolist()
    [['baseline', '', 2.0, True], ['scale', '-1', -2.0, False], ['shift', '1', 3.0, True]]
    """
    base = dict(finding(**baseline))
    key = headline or next(iter(base))
    rows = [{"switch": "baseline", "setting": "", "baseline": True, **base}]
    for switch, settings in switches.items():
        for setting in settings:
            if setting == baseline.get(switch):
                continue
            values = dict(finding(**{**baseline, switch: setting}))
            rows.append({"switch": switch, "setting": str(setting), "baseline": False, **values})
    out = pd.DataFrame(rows)
    ref = base[key]
    out["same_sign"] = np.sign(out[key].astype(float)) == np.sign(ref)
    out["ratio"] = out[key].astype(float) / ref if ref else math.nan
    return out


def keyness_finding(items: pd.DataFrame, documents: pd.DataFrame, column: str, target: object, reference: object,
                    term: str, cache: object = True, seed: int = 0) -> Callable[..., dict[str, float]]:
    """A finding for :func:`robustness_table`: how key *term* is to the target group, under the
    switches ``basis`` (``"all"``/``"text"``/``"title"``, :func:`wpanalysis.compare.basis_items`),
    ``backend`` (segmenter), ``hmm`` (the segmenter's guess at unknown words), ``lexicon`` (the project
    lexicon on/off), ``stopwords`` (layers removed) and ``mask_places``
    (:func:`wpanalysis.compare.drop_place_names`).

    Returns :func:`term_stats`: ``g2`` (signed, Williams; the headline), ``diff_plan`` (difference of
    plan-mean rates per 10,000 tokens), ``p_plan``, the plans and counts of each group and
    ``share_target`` / ``share_reference``; G² = 0 when the settings do not produce the term.
    """
    compared = documents[features._in_group(documents, column, target) | features._in_group(documents, column,
                                                                                             reference)]
    own = items[items["doc_id"].astype(object).isin(set(compared["doc_id"].astype(object)))]  # only these are cut

    def finding(basis: str = "text", backend: str = "rjieba", hmm: bool = True, lexicon: bool = True,
                stopwords: str | Sequence[str] = "all", mask_places: bool = True) -> dict[str, float]:
        chosen = compare.basis_items(own, documents, basis)
        usual = backend == "rjieba" and lexicon is True and hmm  # only the notebooks' own setting is cached
        tokens = remove_stopwords(tokenize_items(chosen, backend=backend, lexicon=lexicon, hmm=hmm,
                                                 cache=cache if usual else False), stopwords)
        if mask_places:
            tokens = compare.drop_place_names(tokens, documents)
        members = features.group_members(tokens, documents, column, target, reference)
        stats = term_stats(tokens, members, term, seed=seed)
        return {k: stats[k] for k in ("g2", "diff_plan", "p_plan", "n_plans_target", "n_plans_reference",
                                      "n_target", "n_reference", "share_target", "share_reference")}

    return finding


def _term_counts(tokens: pd.DataFrame, members: pd.DataFrame, term: str) -> pd.DataFrame:
    """Per plan of *members*: the term's count, the plan's token count, and whether it is a target plan."""
    ids = members["doc_id"].astype(object).tolist()
    kept = tokens[tokens["doc_id"].astype(object).isin(set(ids))]
    doc = kept["doc_id"].astype(object)
    out = pd.DataFrame({"n": kept[kept["token"] == term].groupby(doc[kept["token"] == term]).size(),
                        "total": kept.groupby(doc).size()}).reindex(ids).fillna(0)
    out["target"] = (members.set_index("doc_id")["group"] == "target").reindex(ids).to_numpy()
    return out


def _stats_from_counts(counts: pd.DataFrame, seed: int = 0, test: bool = True) -> dict[str, float]:
    t, r = counts[counts["target"]], counts[~counts["target"]]
    if t.empty or r.empty:
        return {"g2": math.nan, "diff_plan": math.nan, "p_plan": math.nan}
    a, b = float(t["n"].sum()), float(r["n"].sum())
    c, d = float(t["total"].sum()) - a, float(r["total"].sum()) - b
    sign = 1.0 if a / max(a + c, 1) >= b / max(b + d, 1) else -1.0
    g2 = sign * features.g2(a, b, c, d, "williams") if a + b > 0 else 0.0
    rates = (counts["n"] / counts["total"].where(counts["total"] > 0) * 10_000).fillna(0.0)
    if not test:  # leave-one-out needs the difference only
        in_t = counts["target"].to_numpy(dtype=bool)
        return {"g2": g2, "diff_plan": float(rates[in_t].mean() - rates[~in_t].mean())}
    result = permutation_test(rates.to_numpy(), counts["target"].to_numpy(), seed=seed)
    return {"g2": g2, "diff_plan": result.statistic, "p_plan": result.p, "min_p_plan": result.min_p}


def term_stats(tokens: pd.DataFrame, members: pd.DataFrame, term: str, seed: int = 0) -> dict[str, float]:
    """One term between the two groups of *members* (:func:`wpanalysis.features.group_members`):
    pooled counts and signed G² (Williams), the plan-level difference of mean rates per 10,000
    tokens with its permutation p, and the share of each group's plans that use the term.

    >>> m = pd.DataFrame({"group": ["target", "target", "reference"], "doc_id": ["a", "b", "c"]})
    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b", "c", "c"], "token": ["高校", "教育", "教育", "教育", "教育"]})
    >>> s = term_stats(t, m, "高校")
    >>> s["n_target"], s["share_target"], s["diff_plan"]
    (1, 0.5, 2500.0)
    """
    counts = _term_counts(tokens, members, term)
    out = {"n_plans_target": int(counts["target"].sum()), "n_plans_reference": int((~counts["target"]).sum()),
           "n_target": int(counts.loc[counts["target"], "n"].sum()),
           "n_reference": int(counts.loc[~counts["target"], "n"].sum()),
           "share_target": float((counts.loc[counts["target"], "n"] > 0).mean()) if counts["target"].any()
           else math.nan,
           "share_reference": float((counts.loc[~counts["target"], "n"] > 0).mean()) if (~counts["target"]).any()
           else math.nan}
    return {**out, **_stats_from_counts(counts, seed)}


def loo_term(tokens: pd.DataFrame, members: pd.DataFrame, term: str) -> pd.DataFrame:
    """Leave-one-plan-out for one key term: the pooled signed G² (``value``) and the plan-level
    difference of mean rates (``diff_plan``) without each plan of *members* in turn. A group
    emptied gives NaN. The per-plan counts are taken once, so the cost grows with the plans, not
    with plans × tokens.

    >>> m = pd.DataFrame({"group": ["target", "target", "reference"], "doc_id": ["a", "b", "c"]})
    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b", "c", "c"], "token": ["高校", "教育", "教育", "教育", "教育"]})
    >>> loo_term(t, m, "高校")["diff_plan"].tolist()
    [0.0, 5000.0, nan]
    """
    counts = _term_counts(tokens, members, term)
    n, total = counts["n"].to_numpy(dtype=float), counts["total"].to_numpy(dtype=float)
    target = counts["target"].to_numpy(dtype=bool)
    rates = (counts["n"] / counts["total"].where(counts["total"] > 0) * 10_000).fillna(0.0).to_numpy()

    def stat(keep: np.ndarray) -> tuple[float, float]:
        t, r = keep & target, keep & ~target
        if not t.any() or not r.any():
            return math.nan, math.nan
        a, b = float(n[t].sum()), float(n[r].sum())
        c, d = float(total[t].sum()) - a, float(total[r].sum()) - b
        sign = 1.0 if a / max(a + c, 1) >= b / max(b + d, 1) else -1.0
        g2 = sign * features.g2(a, b, c, d, "williams") if a + b > 0 else 0.0
        return g2, float(rates[t].mean() - rates[r].mean())

    every = np.ones(len(counts), dtype=bool)
    full = stat(every)[0]
    rows = []
    for k, doc_id in enumerate(counts.index):
        every[k] = False
        g2, diff = stat(every)
        every[k] = True
        rows.append((doc_id, g2, g2 - full, bool(np.sign(g2) == np.sign(full)) if not math.isnan(g2) else False, diff))
    table = pd.DataFrame(rows, columns=["left_out", "value", "change", "same_sign", "diff_plan"])
    table.attrs["full"] = float(full)
    return table


def headline_term(table: pd.DataFrame, documents: pd.DataFrame) -> str | None:
    """The rule that picks a keyness comparison's headline term: the significant term (Bonferroni on
    G²) with the largest |G²| that has at least two characters and is not a registry place name;
    None when there is none.

    >>> k = pd.DataFrame({"token": ["市", "宁波", "高校"], "g2": [20.8, 19.1, 16.1], "significant": [True] * 3})
    >>> headline_term(k, pd.DataFrame({"province": ["浙江省"], "city": ["宁波市"], "county": [None]}))
    '高校'
    """
    places = compare.drop_place_names(table[["token"]], documents)["token"]
    ok = table[table["significant"] & table["token"].isin(set(places)) & (table["token"].str.len() >= 2)]
    if ok.empty:
        return None
    return str(ok.loc[ok["g2"].abs().sort_values(ascending=False, kind="stable").index[0], "token"])


def keyness_conventions(tokens: pd.DataFrame, documents: pd.DataFrame, column: str, target: object,
                        reference: object, min_count: int = 5, alpha: float = ALPHA) -> pd.DataFrame:
    """How many terms each G² convention (:data:`wpanalysis.features.CORRECTIONS`) finds significant,
    after Bonferroni and after Benjamini–Hochberg. Columns: ``correction``, ``n_tested``,
    ``n_bonferroni``, ``n_bh``."""
    rows = []
    for correction in features.CORRECTIONS:
        table = features.keyness_groups(tokens, documents, column, target, reference, min_count=min_count,
                                        alpha=alpha, correction=correction)
        rows.append((correction, len(table), int(table["significant"].sum()),
                     int((adjust(table["p"], "bh") < alpha).sum())))
    return pd.DataFrame(rows, columns=["correction", "n_tested", "n_bonferroni", "n_bh"])


# --------------------------------------------------------------------------- the sample frame

_SPORT = ("体育", "教体")  # a bureau that also runs sport: 教育和体育局, 教体局
_EDUCATION_ONLY = ("教育局", "教育厅", "教育委员会", "教委")


def remit(documents: pd.DataFrame, items: pd.DataFrame | None = None) -> pd.Series:
    """What the issuing bureau runs, from the registry's ``issuer``, ``title`` and ``source_title``:
    ``"education and sports"`` (教育和体育局, 教体局), ``"education"`` (教育局 and the like) or
    ``"unknown"``; when the registry says nothing and *items* are given, a plan whose items name a
    教体局 / 教育和体育局 / 教体系统 counts as ``"education and sports"``. Indexed like *documents*.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "issuer": ["吉首市教育和体育局", None, None],
    ...                      "title": [None, "市教育局2024年工作要点", None]})
    >>> remit(docs).tolist()
    ['education and sports', 'education', 'unknown']
    """
    columns = [c for c in ("issuer", "title", "source_title", "parsed_title") if c in documents.columns]
    said = documents[columns].astype("string").fillna("").agg(" ".join, axis=1) if columns else \
        pd.Series("", index=documents.index)
    out = pd.Series(UNKNOWN, index=documents.index, dtype=object)
    out[said.str.contains("|".join(_EDUCATION_ONLY))] = "education"
    out[said.str.contains("|".join(_SPORT))] = "education and sports"
    if items is not None:
        says = items["text"].astype(str).str.contains("教体局|教育和体育局|教体系统")
        named = items.loc[says, "doc_id"].astype(object)
        unknown = (out == UNKNOWN) & documents["doc_id"].astype(object).isin(set(named))
        out[unknown] = "education and sports"
    return out


def sample_frame(documents: pd.DataFrame, items: pd.DataFrame | None = None,
                 columns: Sequence[str] = FRAME_COLUMNS, max_names: int = 4) -> pd.DataFrame:
    """The design: one row per combination of *columns* that occurs, with ``n_plans`` and the
    plans' labels (at most *max_names*, then "… and N more"); most plans first, then in the
    registry's order of values. Empty registry values are ``unknown``.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "region": ["east", "east", "central"],
    ...                      "admin_level": ["city", "city", "county"], "year": [2024, 2024, 2023],
    ...                      "completeness": ["full", "full", "full"]})
    >>> sample_frame(docs)[["region", "n_plans"]].values.tolist()
    [['east', 2], ['central', 1]]
    """
    frame = pd.DataFrame({"doc_id": documents["doc_id"].astype(object).to_numpy(),
                          "label": doc_labels(documents).to_numpy()})
    for column in columns:
        frame[column] = (remit(documents, items) if column == "remit" else group_values(documents, column)).to_numpy()
    grouped = frame.groupby(list(columns), sort=False, dropna=False)
    out = grouped.agg(n_plans=("doc_id", "size"), plans=("label", list)).reset_index()

    def names(labels: list[str]) -> str:
        shown = ", ".join(map(str, labels[:max_names]))
        return shown + (f" … and {len(labels) - max_names} more" if len(labels) > max_names else "")

    out["plans"] = out["plans"].map(names)
    out["_order"] = range(len(out))
    return out.sort_values(["n_plans", "_order"], ascending=[False, True], kind="stable").drop(
        columns="_order").reset_index(drop=True)


def frame_overlaps(documents: pd.DataFrame, items: pd.DataFrame | None = None,
                   columns: Sequence[str] = FRAME_COLUMNS) -> pd.DataFrame:
    """Which attributes of the frame travel together: for every pair of columns, the number of
    distinct known values of each, the combinations that occur, and ``determines`` — whether
    knowing the first tells the second (every known value of the first occurs with one value of
    the second). A pair that determines each other cannot be told apart in any comparison.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "region": ["east", "east", "central"],
    ...                      "year": [2024, 2024, 2023]})
    >>> frame_overlaps(docs, columns=["region", "year"])[["first", "second", "determines"]].values.tolist()
    [['region', 'year', True], ['year', 'region', True]]
    """
    values = {c: (remit(documents, items) if c == "remit" else group_values(documents, c)).to_numpy()
              for c in columns}
    rows = []
    for first in columns:
        for second in columns:
            if first == second:
                continue
            pairs = pd.DataFrame({"a": values[first], "b": values[second]})
            known = pairs[(pairs["a"] != UNKNOWN) & (pairs["b"] != UNKNOWN)]
            if known.empty:
                continue
            spread = known.groupby("a")["b"].nunique()
            rows.append((first, second, int(known["a"].nunique()), int(known["b"].nunique()),
                         int(len(known.drop_duplicates())), len(known), bool((spread == 1).all())))
    return pd.DataFrame(rows, columns=["first", "second", "n_first", "n_second", "n_combinations", "n_plans",
                                       "determines"])


def minimum_group_sizes(alpha: float = ALPHA, family: int = 1, min_plans: int = 2,
                        min_plans_interval: int = MIN_PLANS_INTERVAL, language: str = "en") -> pd.DataFrame:
    """The fewest plans per group each analysis needs, and why.

    Rows: a group taking part at all (*min_plans*, the notebooks' parameter); a permutation test
    that can reach *alpha* with two equal groups, and against a group of 2; the same after a
    Bonferroni correction over *family* tests (rows left out when *family* is 1); a plan-resampling
    interval. The ``analysis`` and ``rule`` words are in *language* (``"zh"``: the vocabularies
    ``group_size_analysis`` and ``group_size_rule`` of labels.yaml); the formulas read the same in both.

    >>> minimum_group_sizes(family=10)["min_plans"].tolist()
    [2, 4, 5, 6, 19, 5]
    >>> minimum_group_sizes(language="zh")[["analysis", "rule"]].values.tolist()[:2]
    [['参与比较的组', '笔记本的 `min_plans` 参数'], ['置换检验能达到 p < α（两组等大）', '2 / C(2n, n) ≤ 0.05']]
    """
    def said(vocabulary: str, text: str, **fields: object) -> str:  # English as written, else the label table's
        template = text if language == "en" else labels.label(vocabulary, text, language)
        return template.format(**fields)

    def analysis(text: str) -> str:
        return said("group_size_analysis", text, family=f"{family:,}")

    rows = [(analysis("group shown in a comparison"), min_plans,
             said("group_size_rule", "the notebooks' `min_plans` parameter")),
            (analysis("permutation test can reach p < alpha (equal groups)"), min_group_size(alpha),
             f"2 / C(2n, n) ≤ {alpha:g}"),
            (analysis("permutation test can reach p < alpha (against 2 plans)"), min_group_size(alpha, other=2),
             f"1 / C(n + 2, 2) ≤ {alpha:g}"),
            (analysis("… after Bonferroni over {family} tests (equal groups)"), min_group_size(alpha, family),
             f"2 / C(2n, n) ≤ {alpha:g} / {family:,}"),
            (analysis("… after Bonferroni over {family} tests (against 2 plans)"),
             min_group_size(alpha, family, other=2), f"1 / C(n + 2, 2) ≤ {alpha:g} / {family:,}"),
            (analysis("plan-resampling bootstrap interval"), min_plans_interval,
             said("group_size_rule", "C(2n − 1, n) distinct resamples: 126 at n = 5"))]
    if family <= 1:
        del rows[3:5]
    out = pd.DataFrame(rows, columns=["analysis", "min_plans", "rule"])
    out["min_plans"] = out["min_plans"].astype("Int64")  # <NA>: not reachable within the limit
    return out


def declare_family(parts: Mapping[str, pd.DataFrame], alpha: float = ALPHA) -> pd.DataFrame:
    """Several :func:`group_tests` tables as one declared family: their rows stacked with ``analysis``
    (the name in *parts*) and ``what`` (the tested key as text), Benjamini–Hochberg and Bonferroni
    recomputed over all rows, sorted by p then |diff|.

    >>> t = pd.DataFrame({"grouping": ["region"], "group_a": ["a"], "group_b": ["b"], "domain": ["x"],
    ...                   "diff": [0.1], "p": [0.02]})
    >>> declare_family({"domains": t, "topics": t.rename(columns={"domain": "topic"})})["p_bonferroni"].tolist()
    [0.04, 0.04]
    """
    frames = []
    for name, table in parts.items():
        if table is None or table.empty:
            continue
        key = next(c for c in ("domain", "topic", "token", "what") if c in table.columns)
        frames.append(table.drop(columns=[c for c in table.columns if c.startswith(("p_bh", "p_bonferroni",
                                                                                      "significant_"))])
                      .rename(columns={key: "what"}).assign(analysis=name, what=lambda t: t["what"].astype(str)))
    if not frames:
        return pd.DataFrame(columns=["analysis", "grouping", "group_a", "group_b", "what", "n_plans_a", "n_plans_b",
                                     "mean_a", "mean_b", "diff", "p", "min_p", "can_reach", "ci_low", "ci_high",
                                     "status", "p_bh", "p_bonferroni", "significant_bh", "significant_bonferroni"])
    out = corrections(pd.concat(frames, ignore_index=True), "p", alpha)
    out = out.assign(_abs=out["diff"].abs()).sort_values(["p", "_abs"], ascending=[True, False], kind="stable")
    first = ["analysis", "grouping", "group_a", "group_b", "what"]
    return out[[*[c for c in first if c in out], *[c for c in out if c not in first and c != "_abs"]]].reset_index(
        drop=True)


def loo_groups(per_plan: pd.DataFrame, grouped: pd.DataFrame, grouping: str, group_a: object, group_b: object,
               key_value: object, value: str = "share", key: str = "domain") -> pd.DataFrame:
    """:func:`loo_difference` for one group difference of a per-plan table (``doc_id``, *key*, *value*):
    the plans of *group_a* and *group_b* of *grouping* (as :func:`wpanalysis.compare.regroup` counts
    them), on *key_value*.

    >>> per_plan = pd.DataFrame({"doc_id": list("abc"), "domain": ["x"] * 3, "share": [0.4, 0.2, 0.1]})
    >>> docs = pd.DataFrame({"doc_id": list("abc"), "region": ["east", "east", "central"]})
    >>> loo_groups(per_plan, docs, "region", "east", "central", "x")["value"].round(2).tolist()
    [0.1, 0.3, nan]
    """
    member = _memberships(grouped, [grouping], per_plan["doc_id"].unique())
    member = member[member["group"].isin([group_a, group_b])]
    values = per_plan[per_plan[key] == key_value].set_index("doc_id")[value].reindex(member["doc_id"]).fillna(0.0)
    in_a = pd.Series((member["group"] == group_a).to_numpy(), index=member["doc_id"].to_numpy())
    return loo_difference(values, in_a)
