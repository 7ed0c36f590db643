"""Generated statements of the policy-instrument analysis (notebook 06): the distribution of
instruments, their validation, the instrument structure of plans and the group comparison.

Every function takes tables of :mod:`wpanalysis.framework` or :mod:`wpanalysis.coding.validation`
and returns Markdown; the words that depend on the results are chosen here from the numbers.
"""

from __future__ import annotations

import math

import pandas as pd

from ..coding.codebook import NONE
from ..coding.instruments import TYPES, InstrumentCodebook, load_instrument_codebook
from . import count, listing, share
from .comparison import kappa_word

__all__ = ["describe_instrument_distribution", "describe_validation", "describe_disagreements",
           "describe_plan_structure", "describe_group_shares"]


def describe_instrument_distribution(coded: pd.DataFrame, book: InstrumentCodebook | None = None) -> str:
    """How the sentences spread over the types, the largest sub-instrument, and the sentences with none.

    >>> c = pd.DataFrame({"doc_id": ["a", "a", "b", "b"],
    ...                   "instrument_type": ["environment", "environment", "supply", "none"],
    ...                   "instrument": ["regulation", "regulation", "talent", "none"]})
    >>> describe_instrument_distribution(c)
    'Of the 4 sentences of 2 plans, 50% are coded environmental, 25% supply-side and 0% demand-side; \
25% name no act (`none`). The most frequent sub-instrument is regulation and control (2 sentences).'
    """
    book = book or load_instrument_codebook()
    n = len(coded)
    if not n:
        return "The corpus has no sentences to code."
    counts = coded["instrument_type"].value_counts()
    ordered = sorted(TYPES, key=lambda t: (-int(counts.get(t, 0)), TYPES.index(t)))
    parts = [f"{share(int(counts.get(t, 0)), n)} {book.type_names[t][1]}" for t in ordered]
    parts[0] = parts[0].replace("% ", "% are coded ", 1)
    named = coded[coded["instrument"] != NONE]["instrument"].value_counts()
    top = ""
    if len(named):
        best = named[named == named.iloc[0]].index.tolist()
        which = listing([book.by_id[i].en for i in best])
        top = (f" The most frequent sub-instrument{'s are' if len(best) > 1 else ' is'} {which} "
               f"({count(int(named.iloc[0]), 'sentence')}{' each' if len(best) > 1 else ''}).")
    return (f"Of the {count(n, 'sentence')} of {count(int(coded['doc_id'].nunique()), 'plan')}, "
            f"{listing(parts)}; {share(int(counts.get(NONE, 0)), n)} name no act (`none`).{top}")


def _k(value: float) -> str:
    return "undefined" if value is None or math.isnan(value) else f"{value:.2f}"


def describe_validation(summary: pd.DataFrame) -> str:
    """The headline of :func:`wpanalysis.coding.validation.validation_summary`: agreement between
    the coders and of the package with their consensus, on the type, all and held-out.

    >>> s = pd.DataFrame({"comparison": ["coders"] * 2 + ["package vs consensus"] * 2, "level": ["type"] * 4,
    ...                   "subset": ["all", "heldout"] * 2, "n": [150, 75, 150, 75], "agreement": [0.9, 0.9, 0.8, 0.7],
    ...                   "kappa": [0.85, 0.86, 0.65, 0.5], "alpha": [0.85, 0.86, 0.65, 0.5]})
    >>> describe_validation(s)
    "On 150 sentences the two coders agree on the instrument type with Cohen's κ = 0.85 (Krippendorff's α = 0.85; \
almost perfect agreement). The package agrees with their consensus with κ = 0.65 (substantial) on all sentences and \
κ = 0.50 (moderate) on the 75 held-out sentences its terms were not tuned on."
    """
    t = summary[summary["level"] == "type"].set_index(["comparison", "subset"])
    if ("coders", "all") not in t.index:
        return "No doubly coded sample exists for this corpus, so the instrument coding is not validated here."
    c = t.loc[("coders", "all")]
    out = (f"On {count(int(c['n']), 'sentence')} the two coders agree on the instrument type with Cohen's "
           f"κ = {_k(c['kappa'])} (Krippendorff's α = {_k(c['alpha'])}; {kappa_word(c['kappa'])} agreement).")
    if ("package vs consensus", "all") in t.index:
        p = t.loc[("package vs consensus", "all")]
        out += (f" The package agrees with their consensus with κ = {_k(p['kappa'])} ({kappa_word(p['kappa'])}) "
                "on all sentences")
        if ("package vs consensus", "heldout") in t.index:
            h = t.loc[("package vs consensus", "heldout")]
            out += (f" and κ = {_k(h['kappa'])} ({kappa_word(h['kappa'])}) on the {int(h['n'])} held-out sentences "
                    "its terms were not tuned on")
        out += "."
    return out


def describe_disagreements(consensus: pd.DataFrame, n: int = 3, book: InstrumentCodebook | None = None) -> str:
    """What the two coders disagreed on most: the most frequent pairs of codes (either order).

    >>> c = pd.DataFrame({"coder_a": ["talent", "regulation", "talent", "funding"],
    ...                   "coder_b": ["strategic_measures", "strategic_measures", "strategic_measures", "funding"]})
    >>> describe_disagreements(c)
    'The coders disagree on 3 of 4 sentences; most often strategic measures vs talent and teacher development (2), \
regulation and control vs strategic measures (1).'
    """
    book = book or load_instrument_codebook()
    names = {**{i.id: i.en for i in book.instruments}, NONE: "none"}
    differ = consensus[consensus["coder_a"] != consensus["coder_b"]]
    if not len(differ):
        return f"The coders agree on all {count(len(consensus), 'sentence')}."
    pairs = pd.Series([" vs ".join(sorted((names[a], names[b]))) for a, b in zip(differ["coder_a"], differ["coder_b"])])
    top = pairs.value_counts().sort_index().sort_values(ascending=False, kind="stable").head(n)
    return (f"The coders disagree on {len(differ)} of {count(len(consensus), 'sentence')}; most often "
            + ", ".join(f"{pair} ({k})" for pair, k in top.items()) + ".")


def describe_plan_structure(structure: pd.DataFrame) -> str:
    """Which type is largest in how many plans, and the range of the supply-side share over plans.

    >>> s = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "instrument": ["supply", "environment"] * 2,
    ...                   "n_sentences": [4, 4, 5, 5], "share": [0.25, 0.75, 0.6, 0.4]})
    >>> describe_plan_structure(s)
    'Environmental instruments are the largest type in 1 of 2 plans (ties counted for each type); \
the share of supply-side instruments ranges from 25% to 60% over the plans.'
    """
    shown = structure[structure["n_sentences"] > 0]
    plans = shown["doc_id"].nunique()
    if not plans:
        return "No plan has sentences to code."
    names = {"supply": "supply-side", "environment": "environmental", "demand": "demand-side"}
    typed = shown[shown["instrument"].isin(TYPES)]
    best = typed[typed["share"] == typed.groupby("doc_id")["share"].transform("max")]
    wins = best["instrument"].value_counts()
    lead = wins.index[0] if len(wins) else "environment"
    supply = typed[typed["instrument"] == "supply"]["share"]
    every = int(wins.iloc[0]) == plans
    head = (f"{names[lead].capitalize()} instruments are the largest type in "
            + (f"every plan ({plans})" if every else f"{int(wins.iloc[0])} of {count(plans, 'plan')}")
            + " (ties counted for each type)")
    if plans == 1:
        return head + "."
    return (head + f"; the share of supply-side instruments ranges from {supply.min():.0%} to {supply.max():.0%} "
            "over the plans.")


def describe_group_shares(table: pd.DataFrame, min_plans: int) -> str:
    """Which groups are compared with a bootstrap over plans and which are descriptive only.

    >>> t = pd.DataFrame({"group": ["east", "west"], "n_plans": [5, 1],
    ...                   "basis": ["bootstrap over plans", "descriptive only"]})
    >>> describe_group_shares(t, 3)
    'Groups with at least 3 plans get a 95% bootstrap interval over their plans: east (5 plans). \
Descriptive only (fewer than 3 plans): west (1 plan). With one such group there is nothing to compare it with.'
    """
    groups = table.drop_duplicates("group")
    boot = groups[groups["basis"] == "bootstrap over plans"]
    desc = groups[groups["basis"] != "bootstrap over plans"]
    fmt = lambda part: listing([f"{g} ({count(int(k), 'plan')})" for g, k in zip(part["group"], part["n_plans"])])  # noqa: E731
    if not len(boot):
        return (f"No group has {min_plans} or more plans, so the group shares are descriptive only: "
                f"{fmt(desc)}.")
    out = f"Groups with at least {min_plans} plans get a 95% bootstrap interval over their plans: {fmt(boot)}."
    if len(desc):
        out += f" Descriptive only (fewer than {min_plans} plans): {fmt(desc)}."
    if len(boot) == 1:
        out += " With one such group there is nothing to compare it with."
    elif {"instrument", "ci_low", "ci_high"} <= set(table.columns):
        out += " " + _overlaps(table[table["basis"] == "bootstrap over plans"])
    return out


def _overlaps(table: pd.DataFrame) -> str:
    """Which types' intervals separate two groups (no overlap), or that none do."""
    apart = []
    for inst, part in table.groupby("instrument", sort=False):
        rows = list(part.itertuples(index=False))
        pairs = [(a, b) for k, a in enumerate(rows) for b in rows[k + 1:]
                 if a.ci_high < b.ci_low or b.ci_high < a.ci_low]
        apart += [f"{inst} ({a.group} {a.mean_share:.0%} vs {b.group} {b.mean_share:.0%})" for a, b in pairs]
    if not apart:
        return ("For every type the groups' intervals overlap: at this number of plans the data cannot tell "
                "the groups apart.")
    return "Intervals that do not overlap: " + listing(apart) + "; all other intervals overlap."
