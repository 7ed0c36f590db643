"""Generated statements about the design and plan-level inference, shared by notebooks 02 and 04:
the sample frame, what group sizes allow, plan-level tests beside pooled statistics, the declared
family with Benjamini–Hochberg and Bonferroni, leave-one-plan-out influence and robustness.

Each function takes the tables of :mod:`wpanalysis.inference` and returns Markdown. Conclusions
are phrased at the level the design supports: "in these N plans", "descriptive only", "no test
can reach p < 0.05 with groups of 4 and 2 plans". Example::

    from wpanalysis import build, inference
    from wpanalysis.statements import design
    corpus = build.load_corpus()
    frame = inference.sample_frame(corpus.documents, corpus.items)
    design.frame(frame, inference.frame_overlaps(corpus.documents, corpus.items))
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..inference import ALPHA, can_reach, min_attainable_p, n_assignments
from . import count, listing

__all__ = ["NAMES", "frame", "reach", "plan_keyness", "family", "influence", "robustness", "p_text", "level",
           "describe_weighting", "describe_headline_test"]

NAMES = {"region": "region", "admin_level": "admin level", "year": "year", "remit": "remit",
         "completeness": "completeness"}
"""How the frame's columns are named in sentences."""

_NAMED = 5


def _name(column: str) -> str:
    return NAMES.get(column, column)


def p_text(p: float) -> str:
    """A p-value as printed: three decimals, or "< 0.001".

    >>> p_text(0.0667), p_text(0.00001)
    ('0.067', '< 0.001')
    """
    return "< 0.001" if p < 0.001 else f"{p:.3f}"


def frame(frame_table: pd.DataFrame, overlaps: pd.DataFrame) -> str:
    """The sample frame in words: how many combinations of attributes the plans fall into, how many
    hold one plan, and which attributes travel together (:func:`wpanalysis.inference.frame_overlaps`).

    >>> f = pd.DataFrame({"n_plans": [3, 1, 1]})
    >>> o = pd.DataFrame({"first": ["year", "region"], "second": ["region", "year"], "determines": [True, False],
    ...                   "n_plans": [6, 6]})
    >>> print(frame(f, o))  # doctest: +NORMALIZE_WHITESPACE
    The 5 plans fall into 3 combinations of the frame's attributes, 2 of them a single plan; where both
    are recorded, knowing the year tells the region (6 plans): a difference by year is also a difference
    by region.
    """
    n_plans, n_rows = int(frame_table["n_plans"].sum()), len(frame_table)
    singles = int((frame_table["n_plans"] == 1).sum())
    text = (f"The {count(n_plans, 'plan')} fall into {count(n_rows, 'combination')} of the frame's attributes, "
            f"{singles:,} of them a single plan")
    det = overlaps[overlaps["determines"]] if len(overlaps) else overlaps
    if det.empty:
        return text + "; no attribute determines another where both are recorded."
    pairs = set(zip(det["first"], det["second"]))
    both = sorted({tuple(sorted(p)) for p in pairs if (p[1], p[0]) in pairs})
    one = [p for p in zip(det["first"], det["second"], det["n_plans"]) if (p[1], p[0]) not in pairs]
    parts = [f"{_name(a)} and {_name(b)} determine each other" for a, b in both]
    parts += [f"knowing the {_name(a)} tells the {_name(b)} ({count(int(n), 'plan')})" for a, b, n in one]
    consequence = ("attributes that determine each other cannot be told apart" if both else
                   f"a difference by {_name(one[0][0])} is also a difference by {_name(one[0][1])}")
    return text + f"; where both are recorded, {listing(parts, 6)}: {consequence}."


def reach(n_a: int, n_b: int, alpha: float = ALPHA, m: int = 1) -> str:
    """What a permutation test can say with groups of *n_a* and *n_b* plans (Bonferroni over *m*).

    >>> print(reach(4, 2))  # doctest: +NORMALIZE_WHITESPACE
    With groups of 4 and 2 plans there are 15 ways to split them; the smallest attainable p is 0.067, so no
    test can reach p < 0.05.
    >>> print(reach(5, 5, m=10))  # doctest: +NORMALIZE_WHITESPACE
    With groups of 5 and 5 plans there are 252 ways to split them; the smallest attainable p is 0.008, so a
    test can reach p < 0.05 but not p < 0.005, the Bonferroni threshold for 10 tests.
    """
    splits = n_assignments(n_a, n_b)
    ways = f"{splits:,} ways" if splits < 10**9 else "more than a billion ways"
    lead = (f"With groups of {n_a:,} and {n_b:,} plans there are {ways} to split them; the "
            f"smallest attainable p is {p_text(min_attainable_p(n_a, n_b))}, so ")
    if not can_reach(n_a, n_b, alpha):
        return lead + f"no test can reach p < {alpha:g}."
    if m > 1 and not can_reach(n_a, n_b, alpha, m):
        return (lead + f"a test can reach p < {alpha:g} but not p < {alpha / m:.3g}, the Bonferroni threshold for "
                f"{m:,} tests.")
    return lead + f"a test can reach p < {alpha:g}" + (f" even after Bonferroni over {m:,} tests." if m > 1 else ".")


def _dispersion(sig: pd.DataFrame) -> str:
    """How many of the pooled-significant terms every plan of their group uses, and how many one plan."""
    side_share = sig["share_target"].where(sig["g2"] > 0, sig["share_reference"])
    side_docs = sig["docs_target"].where(sig["g2"] > 0, sig["docs_reference"])
    every, single = int((side_share == 1).sum()), sig.loc[side_docs == 1, "token"].tolist()
    one = every == 1
    text = (f" Of these, {every:,} {'is' if one else 'are'} used by every plan of the group "
            f"{'it is' if one else 'they are'} key to")
    if single:
        verb = "occurs" if len(single) == 1 else "occur"
        text += f"; {listing(single, _NAMED)} {verb} in one plan of that group only"
    return text + "."


def plan_keyness(table: pd.DataFrame, names: tuple[str, str], n_plans: tuple[int, int], alpha: float = ALPHA) -> str:
    """Pooled G² beside the plan-level test, over the declared family (every term tested).

    *table* is :func:`wpanalysis.inference.plan_keyness`; *names* the two groups as shown;
    *n_plans* their sizes.
    """
    if table.empty:
        return "No term is frequent enough to be tested, so there is nothing to compare at either level."
    m = len(table)
    n_bonf, n_bh = int(table["significant"].sum()), int(table["significant_bh"].sum())
    n_a, n_b = n_plans
    how = "exact" if bool(table["exact"].iloc[0]) else "Monte-Carlo"
    text = (f"The family is the {count(m, 'term')} tested. **Pooled tokens (G²):** {n_bonf:,} significant after "
            f"Bonferroni, {n_bh:,} after Benjamini–Hochberg (at {alpha:g}).")
    if n_bh:
        text += _dispersion(table[table["significant_bh"]])
    text += (f"\n\n**Plans as the unit** ({how} permutation test of the difference between the plans' mean rates "
             f"per 10,000 tokens, {names[0]} against {names[1]}): " + reach(n_a, n_b, alpha, m))
    pb, pbh = int(table["significant_bonferroni_plan"].sum()), int(table["significant_bh_plan"].sum())
    smallest = table.loc[table["p_plan"].idxmin()]
    text += (f" {pbh:,} {'term is' if pbh == 1 else 'terms are'} significant after Benjamini–Hochberg and {pb:,} "
             f"after Bonferroni; the smallest plan-level p is {p_text(float(smallest['p_plan']))} "
             f"({smallest['token']}).")
    if pbh == 0:
        text += (f" In these {count(n_a + n_b, 'plan')} the key terms are a **description** of their wording, "
                 "not evidence of a difference between kinds of bureaus.")
    return text


def family(tests: pd.DataFrame, what: str, alpha: float = ALPHA, top: pd.Series | None = None) -> str:
    """A declared family of plan-level tests (:func:`wpanalysis.inference.group_tests` rows, possibly
    several analyses) in words: its size, how many tests could reach *alpha* at all, how many pass
    BH and Bonferroni, and how many effects got an interval.

    >>> t = pd.DataFrame({"p": [0.07, 0.4], "min_p": [0.067, 0.067], "can_reach": [False, False],
    ...                   "significant_bh": [False, False], "significant_bonferroni": [False, False],
    ...                   "status": ["descriptive only"] * 2})
    >>> print(family(t, "group × domain differences"))  # doctest: +NORMALIZE_WHITESPACE
    The declared family holds 2 group × domain differences, each tested at plan level: none of them can
    reach p < 0.05 whatever the data (the group sizes allow no smaller p), so none is significant —
    descriptive only. No group has enough plans for a plan-resampling interval.
    """
    m = len(tests)
    if m == 0:
        return f"No two groups have enough plans, so there are no {what} to test."
    reachable = int(tests["can_reach"].sum())
    text = f"The declared family holds {m:,} {what}, each tested at plan level: "
    if reachable == 0:
        text += (f"none of them can reach p < {alpha:g} whatever the data (the group sizes allow no smaller p), so "
                 "none is significant — descriptive only.")
    else:
        n_bh, n_bonf = int(tests["significant_bh"].sum()), int(tests["significant_bonferroni"].sum())
        text += (f"{reachable:,} of them could reach p < {alpha:g} given their group sizes; {n_bh:,} "
                 f"{'is' if n_bh == 1 else 'are'} significant after Benjamini–Hochberg and {n_bonf:,} after "
                 f"Bonferroni over all {m:,}.")
    n_int = int((tests["status"] == "interval").sum())
    text += (" No group has enough plans for a plan-resampling interval." if n_int == 0 else
             f" {n_int:,} of the differences {'has' if n_int == 1 else 'have'} groups large enough for a "
             "plan-resampling interval.")
    return text


def influence(loo: pd.DataFrame, summary: Mapping[str, object], what: str,
              labels: Mapping[str, str] | pd.Series | None = None, digits: int = 3) -> str:
    """Leave-one-plan-out in a sentence (:func:`wpanalysis.inference.leave_one_plan_out`,
    :func:`~wpanalysis.inference.loo_summary`).

    >>> loo = pd.DataFrame({"left_out": ["a", "b", "c"], "value": [0.2, 0.05, -0.01],
    ...                     "change": [0.1, -0.05, -0.11], "same_sign": [True, True, False]})
    >>> s = {"full": 0.1, "low": -0.01, "high": 0.2, "n_flips": 1, "most_influential": "c", "value": -0.01}
    >>> print(influence(loo, s, "the difference", {"c": "吉首 2023"}))  # doctest: +NORMALIZE_WHITESPACE
    Leaving out one plan at a time (3 plans), the difference ranges from -0.010 to 0.200 (all plans: 0.100);
    it changes most without 吉首 2023 (-0.010). Its sign flips or it cannot be computed when 1 plan is left
    out (吉首 2023): the finding rests on that plan.
    """
    name = (lambda d: str(labels.get(d, d))) if labels is not None else str
    flips = loo.loc[~loo["same_sign"], "left_out"].map(name).tolist()
    text = (f"Leaving out one plan at a time ({count(len(loo), 'plan')}), {what} ranges from "
            f"{summary['low']:.{digits}f} to {summary['high']:.{digits}f} (all plans: {summary['full']:.{digits}f}); "
            f"it changes most without {name(summary['most_influential'])} ({summary['value']:.{digits}f}).")
    if not flips:
        return text + " It keeps its sign whichever plan is left out."
    rests = "that plan" if len(flips) == 1 else "those plans"
    return text + (f" Its sign flips or it cannot be computed when {count(len(flips), 'plan')} "
                   f"{'is' if len(flips) == 1 else 'are'} left out ({listing(flips, _NAMED)}): the finding rests on "
                   f"{rests}.")


def robustness(table: pd.DataFrame, what: str, value: str = "g2", digits: int = 1) -> str:
    """A :func:`wpanalysis.inference.robustness_table` in words: under how many alternative settings
    the finding keeps its sign, and which settings flip or erase it.

    >>> t = pd.DataFrame({"switch": ["baseline", "basis", "lexicon"], "setting": ["", "title", "False"],
    ...                   "g2": [16.1, 0.0, 15.0], "same_sign": [True, False, True]})
    >>> print(robustness(t, "the G² of 高校"))  # doctest: +NORMALIZE_WHITESPACE
    Under 2 alternative settings (one switch at a time), the G² of 高校 (16.1 at baseline) keeps its sign
    under 1; it flips or vanishes under basis = title (0.0).
    """
    base = table.iloc[0]
    alt = table.iloc[1:]
    if alt.empty:
        return f"No alternative setting was run for {what}."
    kept = int(alt["same_sign"].sum())
    text = (f"Under {count(len(alt), 'alternative setting')} (one switch at a time), {what} "
            f"({base[value]:.{digits}f} at baseline) keeps its sign under {'all' if kept == len(alt) else kept}")
    lost = alt[~alt["same_sign"]]
    if lost.empty:
        return text + "."
    notes = [f"{r.switch} = {r.setting} ({getattr(r, value):.{digits}f})" for r in lost.itertuples()]
    return text + f"; it flips or vanishes under {listing(notes, _NAMED)}."


def level(n_plans: int, n_reachable: int, n_significant: int) -> str:
    """The level a conclusion can be stated at, from the design.

    >>> level(6, 0, 0)
    'in these 6 plans, descriptive only'
    """
    if n_reachable == 0:
        return f"in these {count(n_plans, 'plan')}, descriptive only"
    if n_significant == 0:
        return f"in these {count(n_plans, 'plan')}: no plan-level difference survives the correction"
    return f"at plan level, over {count(n_plans, 'plan')}"


def _num(value: float, digits: int = 3) -> str:
    return "—" if pd.isna(value) else f"{value:.{digits}f}"


def _plans(n: int) -> str:
    return "a single plan" if n == 1 else count(n, "plan")


def _g(grouping: str) -> str:
    return NAMES.get(grouping, grouping)


# --------------------------------------------------------------------------- plan-level inference


def describe_weighting(means: pd.DataFrame, key: str, names: Mapping[str, str] | None = None,
                       what: str = "share") -> str:
    """How much the weighting rule matters: the largest gap between a group's plan-weighted and
    item-weighted (pooled) value (*means*: :func:`wpanalysis.inference.weighted_means`).

    >>> m = pd.DataFrame({"grouping": ["region"], "group": ["east"], "domain": ["x"], "n_plans": [5],
    ...                   "plan_weighted": [0.10], "item_weighted": [0.14], "difference": [0.04]})
    >>> print(describe_weighting(m, "domain", {"x": "体育"}))  # doctest: +NORMALIZE_WHITESPACE
    Weighting each plan equally instead of pooling items moves a group's share by up to 0.040 (体育 in region
    `east`, 5 plans: 0.100 plan-weighted against 0.140 pooled). The plan-weighted value is the declared rule.
    """
    known = means.dropna(subset=["difference"])
    if known.empty:
        return "No group has plans to weigh."
    top = known.loc[known["difference"].abs().idxmax()]
    name = (names or {}).get(top[key], top[key])
    return (f"Weighting each plan equally instead of pooling items moves a group's {what} by up to "
            f"{_num(abs(top['difference']))} ({name} in {_g(top['grouping'])} `{top['group']}`, "
            f"{_plans(int(top['n_plans']))}: {_num(top['plan_weighted'])} plan-weighted against "
            f"{_num(top['item_weighted'])} pooled). The plan-weighted value is the declared rule.")


def describe_headline_test(top: pd.Series | None, tests: pd.DataFrame, what: str,
                           names: Mapping[str, str] | None = None, alpha: float = 0.05) -> str:
    """The headline pooled difference (*top*, a row of :func:`wpanalysis.compare.largest_differences`)
    beside its plan-level test (the matching row of *tests*, a :func:`wpanalysis.inference.declare_family`
    or :func:`~wpanalysis.inference.group_tests` table), phrased at the level the design supports.

    >>> top = pd.Series({"grouping": "admin_level", "group_a": "a", "group_b": "b", "domain": "x"})
    >>> t = pd.DataFrame({"grouping": ["admin_level"], "group_a": ["a"], "group_b": ["b"], "what": ["x"],
    ...                   "n_plans_a": [2], "n_plans_b": [2], "mean_a": [0.2], "mean_b": [0.05], "p": [0.333],
    ...                   "min_p": [0.333], "can_reach": [False], "p_bh": [0.9], "status": ["descriptive only"]})
    >>> print(describe_headline_test(top, t, "domain", {"x": "体育"}))  # doctest: +NORMALIZE_WHITESPACE
    At plan level (each plan weighs 1), 体育 averages 0.200 in `a` (2 plans) against 0.050 in `b` (2 plans):
    permutation p = 0.333, the smallest attainable with groups of 2 and 2 plans is 0.333, so no test can reach
    p < 0.05 — in these 4 plans a description, not a finding about bureaus.
    """
    if top is None or tests.empty:
        return f"No {what} difference to test at plan level."
    key = what if what in tests.columns else "what"
    same = (tests["grouping"] == top["grouping"]) & (tests[key].astype(str) == str(top[what]))
    match = tests[same & (tests["group_a"] == top["group_a"]) & (tests["group_b"] == top["group_b"])]
    if match.empty:  # the same pair tested the other way round
        swapped = tests[same & (tests["group_a"] == top["group_b"]) & (tests["group_b"] == top["group_a"])]
        match = swapped.rename(columns={"group_a": "group_b", "group_b": "group_a", "n_plans_a": "n_plans_b",
                                        "n_plans_b": "n_plans_a", "mean_a": "mean_b", "mean_b": "mean_a"})
    if match.empty:
        return (f"The groups of the largest {what} difference do not both have enough plans for a plan-level test: "
                "descriptive only.")
    r = match.iloc[0]
    n_a, n_b = int(r["n_plans_a"]), int(r["n_plans_b"])
    name = (names or {}).get(top[what], top[what])
    text = (f"At plan level (each plan weighs 1), {name} averages {_num(r['mean_a'])} in `{r['group_a']}` "
            f"({_plans(n_a)}) against {_num(r['mean_b'])} in `{r['group_b']}` ({_plans(n_b)}): permutation "
            f"p = {_num(r['p'])}, the smallest attainable with groups of {n_a} and {n_b} plans is {_num(r['min_p'])}")
    if not r["can_reach"]:
        return text + (f", so no test can reach p < {alpha:g} — in these {_plans(n_a + n_b)} a description, not a "
                       "finding about bureaus.")
    verdict = "significant" if r["p_bh"] < alpha else "not significant"
    return text + (f"; after Benjamini–Hochberg over the declared family (p = {_num(r['p_bh'])}) the difference is "
                   f"{verdict} in these {_plans(n_a + n_b)}.")
