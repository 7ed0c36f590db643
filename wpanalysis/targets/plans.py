"""Targets stage, plans: the plan as the unit for claims about bureaus.

A bureau writes one plan, so what the targets say about bureaus is said per plan. From
:func:`wpanalysis.targets.tables.targets_per_document` (one row per plan), :func:`plan_summary`
sets each plan-level figure two ways side by side: **plan-weighted** (the mean over plans,
each plan weighing 1 — the declared rule, :data:`WEIGHTING`) and **pooled** (all plans'
targets over all their items or characters, in which the longest plans dominate).
:func:`rates_long` gives the per-plan rates in the long form that
:func:`wpanalysis.inference.group_tests` tests between registry groups (a permutation test of
the difference of plan means, with the smallest attainable p). Only plans with body text count:
an outline-only plan has no text in which to write a target. Leave-one-plan-out:
:func:`loo_rate` (the plan-weighted mean and the median without each plan in turn) and, for the
headline difference of the family (:func:`headline_difference`, chosen by rule),
:func:`loo_difference` — the columns of :func:`wpanalysis.inference.leave_one_plan_out`, in closed
form so the cost grows linearly with the plans.

>>> per_doc = pd.DataFrame({"doc_id": ["a", "b"], "completeness": ["full", "full"], "n_targets": [2, 18],
...                         "n_items_with_body": [10, 30], "n_chars_with_body": [2000, 8000],
...                         "targets_per_10_items": [2.0, 6.0], "targets_per_10k_chars": [10.0, 22.5]})
>>> plan_summary(per_doc).loc[0, ["plan_weighted", "pooled"]].tolist()
[4.0, 5.0]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..registry import full_text_ids, group_values
from .measures import MEASURES

__all__ = ["WEIGHTING", "RATES", "HEADLINE_RATE", "LOO_COLUMNS", "plan_summary", "rates_long", "headline_difference",
           "loo_difference", "loo_rate"]

WEIGHTING = "each plan with body text weighs 1: a plan-weighted figure is the mean of the plans' figures"
"""The declared weighting rule of every plan-level figure of notebook 05."""

RATES: dict[str, tuple[str, str, int]] = {
    "targets per 10 items": ("targets_per_10_items", "n_items_with_body", 10),
    "targets per 10,000 characters": ("targets_per_10k_chars", "n_chars_with_body", 10_000),
}
"""Per-plan rates: name → (column of ``targets_per_document``, its denominator, the base)."""

HEADLINE_RATE = "targets per 10 items"
"""The rate of the corpus-wide headline figure and of the headline group difference."""

LOO_COLUMNS = ["left_out", "value", "change", "same_sign"]
"""The columns of a leave-one-plan-out table (as :func:`wpanalysis.inference.leave_one_plan_out`)."""

SUMMARY_COLUMNS = ["figure", "n_plans", "plan_weighted", "median", "pooled", "difference"]


def _body(per_doc: pd.DataFrame) -> pd.DataFrame:
    return per_doc[per_doc["doc_id"].isin(full_text_ids(per_doc)) & (per_doc["n_items_with_body"] > 0)]


def plan_summary(per_doc: pd.DataFrame) -> pd.DataFrame:
    """Each plan-level figure over the plans with body text, plan-weighted beside pooled.

    Rows: the :data:`RATES` (plan-weighted = mean of the plans' rates; pooled = all targets over
    all denominators × base) and, when *per_doc* has the measure counts, the share of targets of
    each measure (:data:`~wpanalysis.targets.measures.MEASURES`: plan-weighted = mean over the plans
    that state a target of their share; pooled = that measure's targets over all targets). Columns:
    ``figure``, ``n_plans``, ``plan_weighted``, ``median`` (over plans), ``pooled``, ``difference``
    (pooled − plan-weighted).

    >>> per_doc = pd.DataFrame({"doc_id": ["a", "b", "c"], "completeness": ["full", "full", "outline-only"],
    ...     "n_targets": [4, 1, 0], "n_items_with_body": [10, 10, 0], "n_chars_with_body": [1000, 1000, 0],
    ...     "targets_per_10_items": [4.0, 1.0, None], "targets_per_10k_chars": [40.0, 10.0, None],
    ...     "n_level": [1, 1, 0], "n_relative_change": [3, 0, 0], "n_absolute_change": [0] * 3, "n_amount": [0] * 3})
    >>> out = plan_summary(per_doc).set_index("figure")
    >>> level = out.loc["share of targets: level"]
    >>> int(level["n_plans"]), level[["plan_weighted", "pooled"]].tolist()
    (2, [0.625, 0.4])
    >>> out.loc["targets per 10 items", ["plan_weighted", "median", "pooled", "difference"]].tolist()
    [2.5, 2.5, 2.5, 0.0]
    """
    body = _body(per_doc)
    rows = []
    for name, (column, denominator, base) in RATES.items():
        rates = body[column].dropna()
        total = body[denominator].sum()
        rows.append({"figure": name, "n_plans": len(rates), "plan_weighted": rates.mean() if len(rates) else None,
                     "median": rates.median() if len(rates) else None,
                     "pooled": base * body["n_targets"].sum() / total if total else None})
    stating = body[body["n_targets"] > 0]
    for kind in MEASURES:
        column = "n_" + kind.replace(" ", "_")
        if column not in per_doc.columns:
            continue
        shares = stating[column] / stating["n_targets"]
        total = stating["n_targets"].sum()
        rows.append({"figure": f"share of targets: {kind}", "n_plans": len(stating),
                     "plan_weighted": shares.mean() if len(stating) else None,
                     "median": shares.median() if len(stating) else None,
                     "pooled": stating[column].sum() / total if total else None})
    out = pd.DataFrame(rows, columns=SUMMARY_COLUMNS[:-1])
    for column in ("plan_weighted", "median", "pooled"):
        out[column] = out[column].astype(float)
    out["difference"] = out["pooled"] - out["plan_weighted"]
    return out


def rates_long(per_doc: pd.DataFrame) -> pd.DataFrame:
    """The :data:`RATES` of each plan with body text in long form — ``doc_id``, ``rate``, ``value``,
    ``n_items`` — as :func:`wpanalysis.inference.group_tests` reads it (``key="rate"``).

    >>> per_doc = pd.DataFrame({"doc_id": ["a", "b"], "completeness": ["full", "outline-only"],
    ...     "n_items_with_body": [10, 0], "targets_per_10_items": [4.0, None], "targets_per_10k_chars": [40.0, None]})
    >>> rates_long(per_doc).values.tolist()
    [['a', 'targets per 10 items', 4.0, 10], ['a', 'targets per 10,000 characters', 40.0, 10]]
    """
    body = _body(per_doc)
    frames = [pd.DataFrame({"doc_id": body["doc_id"].astype(object).to_numpy(), "rate": name,
                            "value": body[column].astype(float).to_numpy(),
                            "n_items": body["n_items_with_body"].astype("int64").to_numpy()})
              for name, (column, _, _) in RATES.items()]
    out = pd.concat(frames, ignore_index=True).dropna(subset=["value"])
    order = {d: k for k, d in enumerate(body["doc_id"])}
    out = out.assign(_o=out["doc_id"].map(order)).sort_values(["_o"], kind="stable")
    return out.drop(columns="_o").reset_index(drop=True)


def headline_difference(tests: pd.DataFrame | None, rate: str = HEADLINE_RATE) -> pd.Series | None:
    """The headline difference of a family of plan-level tests of the rates (``group_tests`` of
    :func:`rates_long`), by rule: on *rate*, the pair of groups whose plan means differ most in
    absolute value (ties: the first in the family's order). ``None`` when no test is of *rate*.

    Only one rate competes, as the two rates are on different scales.

    >>> tests = pd.DataFrame({"grouping": ["year", "region", "region"], "group_a": ["2024", "east", "east"],
    ...     "group_b": ["2025", "west", "west"], "rate": ["targets per 10 items", "targets per 10 items",
    ...     "targets per 10,000 characters"], "diff": [2.0, -3.5, 40.0]})
    >>> top = headline_difference(tests)
    >>> top["grouping"], float(top["diff"])
    ('region', -3.5)
    """
    if tests is None or tests.empty or "rate" not in tests.columns:
        return None
    on = tests[tests["rate"] == rate]
    return None if on.empty else on.loc[on["diff"].abs().idxmax()]


def _loo_table(ids: np.ndarray, values: np.ndarray, full: float) -> pd.DataFrame:
    """A leave-one-plan-out table (:data:`LOO_COLUMNS`) from the values without each plan; NaN: not computable."""
    with np.errstate(invalid="ignore"):
        same = ~np.isnan(values) & (np.sign(values) == np.sign(full))
    table = pd.DataFrame({"left_out": pd.Series(ids, dtype=object), "value": values, "change": values - full,
                          "same_sign": same})
    table.attrs["full"] = float(full)
    return table


def loo_difference(rates: pd.DataFrame, documents: pd.DataFrame, headline: pd.Series) -> pd.DataFrame:
    """The *headline* difference of plan means (``group_a`` − ``group_b`` of ``grouping``, on its
    ``rate``: a row of ``group_tests`` of :func:`rates_long`) without each plan of the two groups in
    turn, in the registry's order: :data:`LOO_COLUMNS`, the value on all plans in ``attrs["full"]``.
    The same plans and values as :func:`wpanalysis.inference.loo_groups` (a plan with no value counts
    0, as the tests count it); leaving out a group's only plan gives NaN.

    >>> rates = pd.DataFrame({"doc_id": list("abcd"), "rate": ["r"] * 4, "value": [1.0, 3.0, 0.0, 1.0]})
    >>> docs = pd.DataFrame({"doc_id": list("abcd"), "region": ["east", "east", "west", "west"]})
    >>> head = pd.Series({"grouping": "region", "group_a": "east", "group_b": "west", "rate": "r"})
    >>> loo_difference(rates, docs, head)["value"].tolist()
    [2.5, 0.5, 1.0, 2.0]
    """
    groups = group_values(documents, str(headline["grouping"]))
    groups = groups[groups.index.isin(set(rates["doc_id"].astype(object)))]
    member = groups[groups.isin([headline["group_a"], headline["group_b"]])]
    on = rates[rates["rate"] == headline["rate"]].assign(doc_id=lambda t: t["doc_id"].astype(object))
    values = on.drop_duplicates("doc_id").set_index("doc_id")["value"].reindex(member.index).fillna(0.0)
    v, in_a = values.to_numpy(float), (member == headline["group_a"]).to_numpy()
    n_a, n_b = int(in_a.sum()), int((~in_a).sum())
    s_a, s_b = float(v[in_a].sum()), float(v[~in_a].sum())
    full = s_a / n_a - s_b / n_b if n_a and n_b else float("nan")
    # without plan i: its own group's sum and size drop by v_i and 1, the other group's stay
    den_a = np.where(in_a, n_a - 1, n_a).astype(float)
    den_b = np.where(in_a, n_b, n_b - 1).astype(float)
    den_a[den_a == 0], den_b[den_b == 0] = np.nan, np.nan
    without = (s_a - np.where(in_a, v, 0.0)) / den_a - (s_b - np.where(in_a, 0.0, v)) / den_b
    return _loo_table(member.index.to_numpy(object), without, full)


def loo_rate(per_doc: pd.DataFrame, rate: str = HEADLINE_RATE) -> pd.DataFrame:
    """The plan-weighted mean of *rate* (a :data:`RATES` name) over the plans with body text without
    each plan in turn: :data:`LOO_COLUMNS` plus ``median`` (the median without the plan); the values on
    all plans in ``attrs["full"]`` and ``attrs["full_median"]``. Plans in the order of *per_doc*.

    >>> per_doc = pd.DataFrame({"doc_id": list("abc"), "completeness": ["full"] * 3, "n_items_with_body": [10] * 3,
    ...                         "targets_per_10_items": [1.0, 2.0, 6.0]})
    >>> t = loo_rate(per_doc)
    >>> t["value"].tolist(), t["median"].tolist(), t.attrs["full"], t.attrs["full_median"]
    ([4.0, 3.5, 1.5], [4.0, 3.5, 1.5], 3.0, 2.0)
    """
    column = RATES[rate][0]
    body = _body(per_doc).dropna(subset=[column])
    v, n = body[column].to_numpy(float), len(body)
    without = (v.sum() - v) / (n - 1) if n > 1 else np.full(n, np.nan)
    table = _loo_table(body["doc_id"].astype(object).to_numpy(), without, float(v.mean()) if n else float("nan"))
    table["median"] = [float(np.median(np.delete(v, i))) for i in range(n)] if n > 1 else np.full(n, np.nan)
    table.attrs["full_median"] = float(np.median(v)) if n else float("nan")
    return table
