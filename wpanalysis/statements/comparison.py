"""Generated statements of the regional comparison (notebook 04): which groups there are and which
are pooled or left out, how far the codebook agrees with a reader, which domains and topics set
groups apart, what keyness and similarity find, whether titles tell the same story, and the limits.

Each function takes tables of :mod:`wpanalysis.compare` or :mod:`wpanalysis.coding` (small ones a
test can make by hand) and returns Markdown. Numbers are described, never tested: no sentence here
calls a difference significant (keyness reports the Bonferroni-corrected terms as the method
defines them). Example::

    from IPython.display import Markdown
    from wpanalysis import compare
    from wpanalysis.statements import comparison as said
    plan = compare.plan_groups(documents, ["region", "admin_level"], min_docs=2)
    Markdown(said.describe_groups(plan, documents, min_plans=2))
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

from ..coding.agreement import SEED_GOLD_CODERS, GoldStatus
from ..compare import OTHER
from ..registry import FULL_TEXT, GROUP_ORDER, UNKNOWN
from . import bullet_list, count, listing, share

__all__ = [
    "kappa_word",
    "describe_plans",
    "describe_groups",
    "describe_confounds",
    "describe_gold",
    "describe_agreement",
    "describe_plan_profiles",
    "describe_group_differences",
    "describe_rates",
    "describe_prevalence",
    "describe_pair_choice",
    "describe_contrast_choice",
    "describe_keyness",
    "describe_similarity",
    "describe_domain_robustness",
    "describe_topic_robustness",
    "describe_keyness_robustness",
    "describe_similarity_robustness",
    "describe_known_failure",
    "describe_limits",
    "describe_closing",
    "describe_rows",
    "gold_call",
]

_NAMED = 5
"""How many plans or groups a sentence names before it says "and N others"."""

SAME_SIZE = (0.67, 1.5)
"""A difference on another basis "keeps its size" when its ratio to the main one lies in this range."""

FIT_R = 0.7
"""Per-plan profiles read from titles and from full texts "agree" at a Pearson r of at least this."""

RHO_WORDS = ((0.8, "closely"), (0.5, "moderately"), (-1.01, "only weakly"))
"""Words for a Spearman ρ between two rankings, from the lowest ρ that earns them."""

SIMILAR = 0.02
"""Mean cosines closer than this are "about as alike"."""


def _g(grouping: str) -> str:
    return grouping.replace("_", " ")


def _num(value: float, digits: int = 3) -> str:
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.{digits}f}"


def _plans(n: int) -> str:
    return count(int(n), "plan")


def _label(labels: Mapping[str, str] | pd.Series | None, doc_id: object) -> str:
    return str(labels.get(doc_id, doc_id)) if labels is not None else str(doc_id)  # no copy: called per plan


def kappa_word(kappa: float) -> str:
    """Landis & Koch's (1977) word for a κ: poor (< 0), slight, fair, moderate, substantial, almost perfect.

    >>> kappa_word(0.939), kappa_word(0.5), kappa_word(float("nan"))
    ('almost perfect', 'moderate', 'undefined')
    """
    if kappa is None or math.isnan(kappa):
        return "undefined"
    for low, word in ((0.81, "almost perfect"), (0.61, "substantial"), (0.41, "moderate"), (0.21, "fair"),
                      (0.0, "slight")):
        if kappa >= low:
            return word
    return "poor"


# --------------------------------------------------------------------------- groups


def describe_plans(documents: pd.DataFrame, items: pd.DataFrame) -> str:
    """How many plans and items, and how many plans have body text.

    >>> docs = pd.DataFrame({"doc_id": list("abc"), "completeness": ["full", "partial", "outline-only"]})
    >>> describe_plans(docs, pd.DataFrame({"doc_id": list("aabc")}))
    '**3 plans** (4 items); 2 have body text (1 full, 1 partial); 1 is outline-only: its items are titles only.'
    """
    n = len(documents)
    values = documents["completeness"].fillna(UNKNOWN)
    body = int(values.isin(FULL_TEXT).sum())
    head = f"**{_plans(n)}** ({count(len(items), 'item')})"
    if n == 0:
        return "**No plans**: the corpus is empty, so there is nothing to compare."
    parts = [f"{int((values == v).sum())} {v}" for v in FULL_TEXT if (values == v).any()]
    if body == n:
        text = f"{head}; all have body text" if n > 1 else f"{head}; it has body text"
    elif body == 0:
        text = f"{head}; none has body text" if n > 1 else f"{head}; it has no body text"
    else:
        text = f"{head}; {body} {'has' if body == 1 else 'have'} body text ({', '.join(parts)})"
    rest = n - body
    if rest:
        outline = int((values == "outline-only").sum())
        other = rest - outline
        if outline:
            text += f"; {outline} {'is' if outline == 1 else 'are'} outline-only: " \
                    f"{'its' if outline == 1 else 'their'} items are titles only"
        if other:
            text += f"; {other} {'has' if other == 1 else 'have'} no completeness recorded"
    return text + "."


def _grouping_line(part: pd.DataFrame, labels: Mapping[str, str] | pd.Series | None, min_plans: int) -> str:
    kept = part[part["status"] == "kept"]
    pooled = part[part["status"] == "pooled"]
    left = part[part["status"] == "left out"]
    unknown = part[part["status"] == "unknown"]
    sizes = [f"`{g}` (a single plan: {_label(labels, ids[0])})" if n == 1 else f"`{g}` ({_plans(n)})"
             for g, n, ids in zip(kept["group"], kept["n_docs"], kept["doc_ids"])]
    line = f"**{_g(part['grouping'].iloc[0])}**: " + (listing(sizes, _NAMED) if sizes else "no group kept")
    if len(pooled):
        line += f"; pooled as `{OTHER}` ({_plans(pooled['n_docs'].sum())}), groups of fewer than " \
                f"{_plans(min_plans)}: " + listing([f"`{g}` ({n})" for g, n in zip(pooled["group"], pooled["n_docs"])],
                                                    _NAMED)
    if len(left):
        named = [f"`{g}` ({_plans(n)}{': ' + _label(labels, ids[0]) if n == 1 else ''})"
                 for g, n, ids in zip(left["group"], left["n_docs"], left["doc_ids"])]
        line += f"; left out, too few plans: {listing(named, _NAMED)}"
    if len(unknown):
        line += f"; not recorded for {_plans(unknown['n_docs'].sum())} (`{UNKNOWN}`: shown, never compared)"
    usable = len(kept) + (1 if len(pooled) else 0)
    if usable < 2:
        line += " — nothing to compare within this grouping"
    return line + "."


def describe_groups(plan: pd.DataFrame, min_plans: int, labels: Mapping[str, str] | pd.Series | None = None,
                    small: str = "pool") -> str:
    """Per grouping: the groups kept (with their sizes), pooled as ``other``, left out, and not recorded;
    the registry's known values no plan has. *plan* is :func:`wpanalysis.compare.plan_groups`.

    >>> plan = pd.DataFrame({"grouping": "region", "group": ["east", "central"], "n_docs": [5, 1],
    ...                      "doc_ids": [list("abcde"), ["f"]], "status": ["kept", "left out"]})
    >>> print(describe_groups(plan, 2, {"f": "吉首 2023"}))  # doctest: +NORMALIZE_WHITESPACE
    A group needs at least 2 plans; smaller groups are pooled as `other` when together they reach 2 plans, and
    are left out otherwise.
    - **region**: `east` (5 plans); left out, too few plans: `central` (1 plan: 吉首 2023) — nothing to compare
      within this grouping. No plan is `west` or `northeast`.
    """
    rule = (f"A group needs at least {_plans(min_plans)}; smaller groups are "
            + (f"pooled as `{OTHER}` when together they reach {_plans(min_plans)}, and are left out otherwise."
               if small == "pool" else "left out."))
    lines = []
    for grouping, part in plan.groupby("grouping", sort=False):
        line = _grouping_line(part, labels, min_plans)
        absent = [v for v in GROUP_ORDER.get(grouping, ()) if v not in set(part["group"])]
        if absent:
            line += f" No plan is {listing([f'`{v}`' for v in absent], conjunction='or')}."
        lines.append(line)
    return rule + "\n" + bullet_list(lines)


def describe_confounds(confounds: pd.DataFrame) -> str:
    """Which groups of different groupings hold the same plans, or sit inside another
    (:func:`wpanalysis.compare.confounded_groups`).

    >>> c = pd.DataFrame({"grouping_a": ["region"], "group_a": ["unknown"], "n_a": [3], "relation": ["same plans"],
    ...                   "grouping_b": ["completeness"], "group_b": ["outline-only"], "n_b": [3]})
    >>> describe_confounds(c)
    'The groupings are tangled, so their differences cannot be told apart:\\n- region `unknown` and \
completeness `outline-only` hold the same 3 plans.'
    """
    if confounds.empty:
        return ("No two groups of different groupings hold the same plans, and no group sits wholly inside a "
                "small group of another grouping.")
    lines = []
    for r in confounds.itertuples(index=False):
        if r.relation == "same plans":
            lines.append(f"{_g(r.grouping_a)} `{r.group_a}` and {_g(r.grouping_b)} `{r.group_b}` hold the same "
                         f"{_plans(r.n_a)}.")
        else:
            lines.append(f"all {_plans(r.n_a)} of {_g(r.grouping_a)} `{r.group_a}` are {_g(r.grouping_b)} "
                         f"`{r.group_b}` ({r.n_b} in all).")
    return "The groupings are tangled, so their differences cannot be told apart:\n" + bullet_list(lines)


# --------------------------------------------------------------------------- the codebook and its validation


def _provenance(status: GoldStatus) -> str:
    if status.seed_sample:
        return (f"It is the seed corpus's documented sample: {SEED_GOLD_CODERS}, coded every item "
                "(`data/annotations/README.md`), so the agreement below is a check by the codebook's author, "
                "not inter-coder reliability.")
    if len(status.coders) == 1:
        return (f"One coder ({status.coders[0]}) coded it: the agreement below is one reader's check of the "
                "codebook, not inter-coder reliability.")
    if status.coders:
        return (f"{len(status.coders)} coders ({listing(status.coders)}) coded it; the notebook compares the "
                "codebook with the coding in the file and does not measure agreement between the coders.")
    return ("The file does not name its coders (its `coder` column is missing or empty): read the agreement below "
            "as one reader's check, not inter-coder reliability.")


def describe_gold(status: GoldStatus, call: str) -> str:
    """What the hand-coded sample holds (or that there is none, with *call*, the Python that draws one).

    >>> describe_gold(GoldStatus("data/annotations/domains_gold.csv", False), "coding.write_gold_template(...)")
    'No hand-coded sample for this corpus (`data/annotations/domains_gold.csv` does not exist), so the \
codebook cannot be checked against hand coding here. To make one, draw a sample into a file, code its \
`domains` column by hand and run this notebook again:\\n\\n```python\\ncoding.write_gold_template(...)\\n```'
    """
    how = f"\n\n```python\n{call}\n```"
    if not status.exists:
        return (f"No hand-coded sample for this corpus (`{status.path}` does not exist), so the codebook cannot be "
                "checked against hand coding here. To make one, draw a sample into a file, code its `domains` column "
                "by hand and run this notebook again:" + how)
    if status.n_coded == 0:
        return (f"`{status.path}` holds {count(status.n_rows, 'row')}, none coded yet: fill in its `domains` "
                "column (codebook ids joined by `|`, the primary first) and run this notebook again.")
    if status.n_matched == 0:
        return (f"None of the {count(status.n_coded, 'coded item')} in `{status.path}` is an item of this corpus "
                "(same plan, position and title), so the codebook cannot be checked here. Draw a sample of this "
                "corpus to code:" + how)
    text = (f"**{count(status.n_matched, 'hand-coded item')}** from {_plans(status.n_docs)} (at most "
            f"{status.per_doc} per plan; {status.n_title_only} of them titles of outline-only plans).")
    if status.n_matched < status.n_coded:
        text += f" {count(status.n_coded - status.n_matched, 'coded row')} name no item of this corpus: left out."
    if status.n_coded < status.n_rows:
        text += f" {count(status.n_rows - status.n_coded, 'row')} are not coded yet."
    text += (" The file is exactly the seeded draw of the call below." if status.is_draw
             else " The file is not the seeded draw of the call below (drawn otherwise, or the corpus changed).")
    return text + " " + _provenance(status) + how


def describe_agreement(summary: pd.DataFrame, kappas: pd.DataFrame, variants: pd.DataFrame | None = None,
                       min_gold: int = 3) -> str:
    """The codebook against the hand coding: primary-domain κ (with Landis & Koch's word), per-domain κ,
    over- and under-assigned domains, rare domains, and the variants (e.g. titles only).

    *summary* is :func:`wpanalysis.coding.agreement_summary` (``all`` first), *kappas*
    :func:`~wpanalysis.coding.domain_kappas`, *variants* :func:`~wpanalysis.coding.agreement_variants`
    (its first row is the main coding and is not repeated). Domains with fewer than *min_gold*
    gold items are "rare".
    """
    rows = summary.set_index("subset")
    main = rows.loc["all"]
    n, hits = int(main["n_items"]), int(round(main["primary_agreement"] * main["n_items"]))
    text = (f"On the {count(n, 'item')} the codebook picks the hand-coded primary domain for {hits} "
            f"(primary κ = {_num(main['primary_kappa'])}, {kappa_word(main['primary_kappa'])} on Landis and "
            f"Koch's scale")
    halves = [f"{s} half {_num(rows.loc[s, 'primary_kappa'])}" for s in rows.index if s != "all"]
    text += (f"; {', '.join(halves)})" if halves else ")")
    text += (f"; the mean per-domain κ is {_num(main['mean_domain_kappa'])} over "
             f"{count(int(main['n_domains']), 'domain')}, and {share(main['exact_match'], 1)} of the items get "
             "exactly the hand-coded set of domains.")
    diff = kappas["n_codebook"] - kappas["n_gold"]
    more = kappas[(diff >= 2) & (kappas["n_gold"] >= min_gold)]
    fewer = kappas[(diff <= -2) & (kappas["n_gold"] >= min_gold)]
    said = [f"{word} items than the hand coding to " + listing([f"{z} ({c} against {g})" for z, c, g in
                                                        zip(t["zh"], t["n_codebook"], t["n_gold"])], _NAMED)
            for word, t in (("more", more), ("fewer", fewer)) if len(t)]
    if said:
        text += " The codebook assigns " + "; and ".join(said) + "."
    rare = kappas[(kappas["n_gold"] < min_gold) & ((kappas["n_gold"] > 0) | (kappas["n_codebook"] > 0))]
    if len(rare):
        text += (f" Rare in the sample (fewer than {min_gold} gold items), so their κ swings on one item: "
                 + listing([f"{z} ({g} gold, {c} codebook, κ = {_num(k)})" for z, g, c, k in
                            zip(rare["zh"], rare["n_gold"], rare["n_codebook"], rare["kappa"])], _NAMED) + ".")
    if variants is not None and len(variants) > 1:
        text += " Other readings: " + "; ".join(f"{name}, κ = {_num(v)}" for name, v in
                                                variants["primary_kappa"].iloc[1:].items()) + "."
    return text


def describe_plan_profiles(top: pd.DataFrame, assigned: pd.DataFrame, items: pd.DataFrame,
                           labels: Mapping[str, str] | pd.Series | None = None) -> str:
    """Which domains lead the plans' profiles, which plan spreads its items most evenly, and how many
    items fit no domain.

    *top* is :func:`wpanalysis.coding.top_domains` of the per-plan profile (``group`` = plan,
    ``rank``, ``zh``, ``share``); *assigned* :func:`~wpanalysis.coding.assign_domains` of *items*.
    """
    n = top["group"].nunique()
    if n == 0:
        return "No plan has items to code."
    often = top.groupby("zh", sort=False)["group"].nunique().sort_values(ascending=False, kind="stable")
    shown = often[often >= 2].head(3) if n > 1 else often.head(3)
    text = (f"Among {_plans(n)}, the domains most often among a plan's three largest: " if n > 1
            else "The plan's three largest domains: ")
    text += listing([f"{z} ({c} of {n})" if n > 1 else z for z, c in shown.items()], _NAMED) + "."
    first = top[top["rank"] == 1]
    if n > 1:
        leads = []
        for zh, part in sorted(first.groupby("zh"), key=lambda kv: (-len(kv[1]), -kv[1]["share"].max())):
            part = part.sort_values("share", ascending=False, kind="stable")
            leads.append(f"{zh} in " + listing([f"{_label(labels, g)} ({_num(v)})" for g, v in
                                                zip(part["group"], part["share"])], 3))
        text += " The largest domain of each plan: " + "; ".join(leads[:_NAMED])
        text += f"; and {count(len(leads) - _NAMED, 'other domain')}." if len(leads) > _NAMED else "."
        even = first.sort_values("share", kind="stable").iloc[0]
        text += (f" Most even: {_label(labels, even['group'])}, whose largest domain holds only "
                 f"{_num(even['share'])} of its items.")
    none = assigned[assigned["domain"] == "none"]
    if len(none):
        body = items.astype({"doc_id": object}).set_index(["doc_id", "item_seq"])["has_body"]
        titles = sum(not bool(body.get((d, s), True)) for d, s in zip(none["doc_id"], none["item_seq"]))
        what = "a title of an outline-only plan" if titles == 1 else "titles of outline-only plans"
        text += (f" {count(len(none), 'item')} ({share(len(none), len(items))}) fit no domain (`none`)"
                 + (f", {titles} of them {what}." if titles else "."))
    else:
        text += " Every item fits at least one domain."
    return text


def _sizes(row: pd.Series, side: str) -> str:
    return f"{_plans(row[f'n_docs_{side}'])}, {count(int(row[f'n_items_{side}']), 'item')}"


def describe_group_differences(diffs: pd.DataFrame, names: Mapping[str, str], sizes: pd.DataFrame | None = None
                               ) -> str:
    """The largest difference in domain shares between two groups, how many of the largest concern the
    same domain, and which groups are a single plan or titles only.

    *diffs* is :func:`wpanalysis.compare.largest_differences` of a domain profile; *names*
    maps domain ids to names; *sizes* is :func:`~wpanalysis.compare.group_sizes` (for the
    groups without body text).
    """
    if diffs.empty:
        return "No grouping has two groups to compare, so there are no group differences to show."
    top = diffs.iloc[0]
    text = (f"The largest difference: {names.get(top['domain'], top['domain'])} takes {_num(top['value_a'])} of "
            f"the items of {_g(top['grouping'])} `{top['group_a']}` ({_sizes(top, 'a')}) against "
            f"{_num(top['value_b'])} in `{top['group_b']}` ({_sizes(top, 'b')}).")
    common = diffs["domain"].value_counts()
    if len(diffs) > 1 and common.iloc[0] >= 2:
        many = f"All {len(diffs)}" if common.iloc[0] == len(diffs) else f"{common.iloc[0]} of the {len(diffs)}"
        text += (f" {many} largest differences concern "
                 f"{names.get(common.index[0], common.index[0])}: where groupings share plans, one contrast "
                 "shows up under several names.")
    single = sorted({(g, grp) for g, grp, n in [*zip(diffs["grouping"], diffs["group_a"], diffs["n_docs_a"]),
                                                 *zip(diffs["grouping"], diffs["group_b"], diffs["n_docs_b"])]
                     if n == 1})
    if single:
        text += (" A single plan: " + listing([f"{_g(g)} `{v}`" for g, v in single], _NAMED)
                 + " — a difference with it is a difference of that one plan.")
    if sizes is not None:
        shown = {(g, v) for g, a, b in zip(diffs["grouping"], diffs["group_a"], diffs["group_b"]) for v in (a, b)}
        titles = [f"{_g(g)} `{v}`" for g, v, nb in zip(sizes["grouping"], sizes["group"], sizes["n_items_with_body"])
                  if (g, v) in shown and nb == 0]
        if titles:
            text += f" Read from titles only (no body text): {listing(titles, _NAMED)}."
    return text


def describe_rates(rates: pd.DataFrame, top: pd.Series, names: Mapping[str, str],
                   title_only: Sequence[str] = ()) -> str:
    """Whether the largest difference (*top*, a row of :func:`~wpanalysis.compare.largest_differences`)
    holds per 10,000 words (*rates*: :func:`wpanalysis.coding.domain_rates` of its grouping); groups in
    *title_only* are flagged.

    >>> r = pd.DataFrame({"group": ["a", "b"], "domain": ["x", "x"], "per_10k": [253.1, 125.6]})
    >>> describe_rates(r, pd.Series({"group_a": "a", "group_b": "b", "domain": "x", "diff": 0.13}), {"x": "体育"})
    'Per 10,000 words the contrast holds: 253 matches of 体育 per 10,000 words in `a` against 126 in `b`.'
    """
    table = rates.set_index(["group", "domain"])["per_10k"]
    a, b = (table.get((top[f"group_{s}"], top["domain"])) for s in "ab")
    if a is None or b is None:
        return "Per 10,000 words the largest difference cannot be measured (a group has no words)."
    word = "holds" if (a - b) * top["diff"] > 0 else ("vanishes" if a == b else "reverses")
    text = (f"Per 10,000 words the contrast {word}: {a:,.0f} matches of {names.get(top['domain'], top['domain'])} "
            f"per 10,000 words in `{top['group_a']}` against {b:,.0f} in `{top['group_b']}`.")
    if title_only:
        text += (f" {listing([f'`{g}`' for g in title_only])} {'is' if len(title_only) == 1 else 'are'} read from "
                 "titles only, where policy words are dense: not comparable with the other rates.")
    return text


def _interval(row: pd.Series) -> str:
    return "" if pd.isna(row["ci_low"]) else f" [{_num(row['ci_low'])}, {_num(row['ci_high'])}]"


def _overlap(a: pd.Series, b: pd.Series) -> bool:
    return bool(a["ci_low"] <= b["ci_high"] and b["ci_low"] <= a["ci_high"])


def describe_prevalence(prevalence: pd.DataFrame, by_document: pd.DataFrame | None = None, few: int = 6) -> str:
    """Topic prevalence by group: the range of group means, the largest gap with its item intervals and
    whether they overlap, single-plan groups, and how resampling whole plans changes the intervals.

    *prevalence* is :func:`wpanalysis.compare.topic_prevalence_by_group` over items,
    *by_document* the same over documents (``unit="document"``); groups of fewer than *few*
    plans are flagged as having too few distinct resamples.
    """
    from ..compare import largest_differences

    if prevalence.empty:
        return "No group has items with topic shares: there is no prevalence to compare."
    text = ""
    gap = largest_differences(prevalence.rename(columns={"mean": "value"}), value="value", key="topic", n=1,
                              exclude=(UNKNOWN,))
    if len(gap):
        g = gap.iloc[0]
        rows = prevalence.set_index(["grouping", "group", "topic"])
        a, b = rows.loc[(g["grouping"], g["group_a"], g["topic"])], rows.loc[(g["grouping"], g["group_b"], g["topic"])]
        plan = "unit" in prevalence.columns and (prevalence["unit"] == "plan").any()
        what = "plan intervals" if plan else "item intervals"
        text += (f"The largest gap: topic {g['topic']} ({a['label']}) in {_g(g['grouping'])}, `{g['group_a']}` "
                 f"{_num(a['mean'])}{_interval(a)} ({_sizes(g, 'a')}) against "
                 f"`{g['group_b']}` {_num(b['mean'])}{_interval(b)} ({_sizes(g, 'b')}); ")
        if pd.isna(a["ci_low"]) or pd.isna(b["ci_low"]):
            text += "a group is too small for a plan-resampling interval: descriptive only."
        else:
            text += f"the {what} overlap." if _overlap(a, b) else f"the {what} do not overlap."
    else:
        text += "No grouping has two groups to set side by side."
    text += (f" Group means of the topics lie between {_num(prevalence['mean'].min())} and "
             f"{_num(prevalence['mean'].max())}.")
    single = prevalence[prevalence["n_docs"] == 1].drop_duplicates(["grouping", "group"])
    if len(single):
        text += (" A single plan: " + listing([f"{_g(g)} `{v}`" for g, v in zip(single["grouping"], single["group"])],
                                              _NAMED) + " — its mean describes that plan, not a kind of bureau.")
    if by_document is not None and len(by_document):
        keys = ["grouping", "group", "topic"]
        both = prevalence.merge(by_document[[*keys, "ci_low", "ci_high"]], on=keys, suffixes=("", "_doc"))
        w_item, w_doc = both["ci_high"] - both["ci_low"], both["ci_high_doc"] - both["ci_low_doc"]
        text += (f" Resampling whole plans instead of items widens the interval in {int((w_doc > w_item).sum())} of "
                 f"{len(both)} group × topic cells and narrows it in {int((w_doc < w_item).sum())}.")
        small = both[both["n_docs"] < few].drop_duplicates(["grouping", "group"])
        if len(small):
            text += (f" {count(len(small), 'group')} {'has' if len(small) == 1 else 'have'} fewer than "
                     f"{_plans(few)}: too few distinct resamples to say how much such plans vary.")
    return text


# --------------------------------------------------------------------------- keyness and similarity


def _words(sizes: Mapping[str, int], doc_id: str) -> str:
    return f"{int(sizes.get(doc_id, 0)):,} content words"


def describe_pair_choice(pair: tuple[str, str, bool] | None, by: str, sizes: Mapping[str, int] | pd.Series,
                         labels: Mapping[str, str] | pd.Series | None = None) -> str:
    """The plan pair :func:`wpanalysis.compare.plan_pair` chose, and by which branch of its rule.

    >>> describe_pair_choice(("a", "b", False), "region", {"a": 3555, "b": 2736})
    'No two regions have plans with body text, so the pair is the two longest full-text plans: a (3,555 content \
words) and b (2,736 content words).'
    """
    sizes = dict(sizes)
    if pair is None:
        return "Fewer than two plans have body text, so there is no pair of plans to contrast."
    a, b, across = pair
    named = [f"{_label(labels, d)} ({_words(sizes, d)})" for d in (a, b)]
    if across:
        return (f"The pair, by rule: the longest full-text plan whose {_g(by)} is recorded, {named[0]}, and the "
                f"longest of another {_g(by)}, {named[1]}.")
    return (f"No two {_g(by)}s have plans with body text, so the pair is the two longest full-text plans: "
            f"{named[0]} and {named[1]}.")


def describe_contrast_choice(contrast: tuple[str, str, str] | None, by: Sequence[str], members: pd.DataFrame | None,
                             min_plans: int) -> str:
    """The two groups :func:`wpanalysis.compare.first_contrast` chose for keyness (*members*:
    :func:`wpanalysis.features.group_members` of them), or why there are none.

    >>> describe_contrast_choice(None, ["region", "year"], None, 2)
    'No grouping (of region and year) has two groups of at least 2 plans with body text, so there is no keyness \
between groups.'
    """
    groupings = listing([_g(c) for c in by])
    if contrast is None:
        return (f"No grouping (of {groupings}) has two groups of at least {_plans(min_plans)} with body text, so "
                "there is no keyness between groups.")
    column, a, b = contrast
    n = {g: int((members["group"] == g).sum()) for g in ("target", "reference")} if members is not None else {}
    return (f"The groups, by rule: the first grouping (of {groupings}) with two groups of at least "
            f"{_plans(min_plans)} with body text is {_g(column)}; its two largest are `{a}` "
            f"({_plans(n.get('target', 0))}) and `{b}` ({_plans(n.get('reference', 0))}).")


def describe_keyness(table: pd.DataFrame, members: pd.DataFrame, target: str, reference: str, n_terms: int = 10,
                     groups: bool = True) -> str:
    """What keyness finds between *target* and *reference* (names to print): terms tested, terms that
    survive the Bonferroni correction (strongest first, up to *n_terms* a side), and the significant
    terms found in only one plan of a group of several. With *groups*, each side says how many
    plans it holds (``a single plan`` for one); for two plans (``groups=False``) it does not.

    *table* is :func:`wpanalysis.features.keyness_groups`, *members* its
    :func:`~wpanalysis.features.group_members`.
    """
    words = members.groupby("group")["n_tokens"].sum()
    plans = members.groupby("group").size()

    def _side(g: str, name: str) -> str:
        n = int(plans.get(g, 0))
        size = ("a single plan, " if n == 1 else f"{_plans(n)}, ") if groups else ""
        return f"{name} ({size}{int(words.get(g, 0)):,} content words)"

    side = {g: _side(g, name) for g, name in (("target", target), ("reference", reference))}
    sig = table[table["significant"]]
    text = (f"{side['target']} against {side['reference']}: {count(len(table), 'term')} tested, "
            f"{len(sig):,} significant after the Bonferroni correction")
    one = ("" if groups and min(int(plans.get("target", 0)), int(plans.get("reference", 0))) > 1 else
           " With a single plan on a side this compares texts, not kinds of bureaus: no test with the plan as its "
           "unit is possible.")
    if sig.empty:
        return text + (". None survives the correction: the most key terms are leads for close reading, not findings."
                       + one)
    return _keyness_terms(text, sig, plans, target, reference, n_terms) + one


def _keyness_terms(text: str, sig: pd.DataFrame, plans: pd.Series, target: str, reference: str,
                   n_terms: int) -> str:
    pos = sig[sig["g2"] > 0].sort_values("g2", ascending=False, kind="stable")
    neg = sig[sig["g2"] < 0].sort_values("g2", kind="stable")
    said = [f"{'、'.join(t['token'].head(n_terms))} ({name}" + (f"; {len(t) - n_terms} more)" if len(t) > n_terms
                                                                  else ")")
            for t, name in ((pos, target), (neg, reference)) if len(t)]
    text += ": " + "; ".join(said) + "."
    if len(sig) <= 3:
        text += " Little survives the correction: the other key terms are leads for close reading, not findings."
    lone = []
    for g, col, name in (("target", "docs_target", target), ("reference", "docs_reference", reference)):
        if plans.get(g, 0) > 1:
            part = (pos if g == "target" else neg)
            lone += [f"{t} (in 1 of the {plans[g]} {name} plans)" for t in part.loc[part[col] == 1, "token"]]
    if lone:
        text += (" Found in a single plan of its group — that plan's word more than the group's: "
                 + listing(lone, _NAMED) + ".")
    return text


def describe_similarity(summary: pd.DataFrame, pairs: pd.DataFrame, labels: Mapping[str, str] | pd.Series | None = None,
                        within: pd.DataFrame | None = None, by: str = "") -> str:
    """The range of cosines, the plan most often another's nearest neighbour, the plan least like the
    others, and pairs within vs across the groups of *by* (*within*: :func:`wpanalysis.compare.group_similarity`).

    *summary* is :func:`wpanalysis.compare.similarity_summary` of *pairs*.
    """
    n = len(summary)
    if n < 2:
        return "Fewer than two plans have body text: there is no similarity to measure."
    low, high = float(pairs["cosine"].min()), float(pairs["cosine"].max())
    if n == 2:
        text = f"The cosine of the two full-text plans is {high:.2f}."
    else:
        text = (f"Between the {n} full-text plans ({count(len(pairs), 'pair')}) cosines range from {low:.2f} to "
                f"{high:.2f}")
        text += " — all about equally alike, sharing the genre's vocabulary." if high - low < 0.2 else "."
    if n > 2:
        most = summary["n_nearest_of"].max()
        hubs = summary.loc[summary["n_nearest_of"] == most, "doc_id"]
        text += (f" Most often another plan's nearest neighbour: {listing([_label(labels, d) for d in hubs], 3)} "
                 f"(for {most} of the other {n - 1}).")
        last = summary.iloc[-1]
        text += f" Least like the others on average: {_label(labels, last['doc_id'])} (mean cosine {last['mean']:.2f})."
    if within is not None and len(within):
        same = within[within["group_a"] == within["group_b"]]
        across = within[within["group_a"] != within["group_b"]]
        if len(same) and len(across):
            a = float((same["mean"] * same["n_pairs"]).sum() / same["n_pairs"].sum())
            b = float((across["mean"] * across["n_pairs"]).sum() / across["n_pairs"].sum())
            word = "about as alike" if abs(a - b) < SIMILAR else ("more alike" if a > b else "less alike")
            text += (f" Pairs within one {_g(by)} average {a:.2f}, pairs across {_g(by)}s {b:.2f}: plans are {word} "
                     f"within a {_g(by)} {'as' if word.startswith('about') else 'than'} across.")
        else:
            text += (f" Pairs within one {_g(by)} and pairs across {_g(by)}s are not both there (too few full-text "
                     "plans in the groups kept), so they cannot be compared.")
    return text


# --------------------------------------------------------------------------- robustness


def _size_word(ratio: float) -> str:
    if math.isnan(ratio):
        return "cannot be sized"
    if ratio < SAME_SIZE[0]:
        return "shrinks"
    return "grows" if ratio > SAME_SIZE[1] else "keeps its size"


def _signs(diffs: pd.DataFrame, what: str) -> str:
    kept = int(diffs["same_sign"].sum())
    if kept == len(diffs):
        return (f"Each of the {len(diffs)} largest {what} keeps its sign on every basis where both groups exist"
                if len(diffs) > 1 else f"The largest {what[:-1] if what.endswith('s') else what} keeps its sign "
                                       "on every basis where both groups exist")
    verb = "keeps its sign" if kept == 1 else "keep their sign"
    return f"{kept} of the {len(diffs)} largest {what} {verb} on every basis where both groups exist"


def _ratio(diffs: pd.DataFrame, basis: str, main: str) -> float:
    both = diffs[[f"diff_{main}", f"diff_{basis}"]].dropna()
    both = both[both[f"diff_{main}"] != 0]
    return float((both[f"diff_{basis}"].abs() / both[f"diff_{main}"].abs()).median()) if len(both) else math.nan


def describe_domain_robustness(diffs: pd.DataFrame, fit: pd.DataFrame,
                               labels: Mapping[str, str] | pd.Series | None = None) -> str:
    """Do domain conclusions hold on titles only and on full texts only?

    *diffs* is :func:`wpanalysis.compare.differences_by_basis` (``diff_all``, ``diff_title``,
    ``diff_text``); *fit* is :func:`wpanalysis.coding.profile_agreement` of the full-text
    plans (``group`` = plan; ``r``, ``same_top``, ``none_title``).
    """
    if diffs.empty:
        return "No group differences to check on other bases."
    text = _signs(diffs, "differences") + "; on titles a difference typically "
    text += f"{_size_word(_ratio(diffs, 'title', 'all'))} (median ratio {_num(_ratio(diffs, 'title', 'all'), 2)})."
    only = int(diffs["diff_text"].isna().sum()) if "diff_text" in diffs else 0
    if only:
        text += (f" {'It' if len(diffs) == 1 else f'{only} of them'} cannot be measured on full texts: a group has no "
                 "plan with body text, so it exists only where titles count.")
    if len(fit):
        r = fit["r"].dropna()
        spread = (f"r = {_num(r.min(), 2)}" if len(r) == 1 else
                  f"r = {_num(r.min(), 2)}–{_num(r.max(), 2)} (median {_num(r.median(), 2)})")
        text += (f" Per plan, the profile read from titles correlates with the full-text profile at {spread}; the "
                 f"largest domain is the same in {int(fit['same_top'].sum())} of {len(fit)}.")
        weak = fit[fit["r"] < FIT_R].sort_values("r", kind="stable")
        if len(weak):
            text += (f" Below r = {FIT_R}: " + listing([f"{_label(labels, g)} ({_num(v, 2)})" for g, v in
                                                        zip(weak["group"], weak["r"])], _NAMED) + ".")
        low, high = share(fit["none_title"].min(), 1), share(fit["none_title"].max(), 1)
        text += f" Titles leave {low if low == high else f'{low}–{high}'} of a plan's items unplaced."
    return text


def describe_topic_robustness(diffs: pd.DataFrame) -> str:
    """Do the largest topic-prevalence differences keep their sign and size on titles only?

    >>> d = pd.DataFrame({"diff_all": [0.17, -0.1], "diff_title": [0.08, -0.06], "diff_text": [0.17, -0.1],
    ...                   "same_sign": [True, True]})
    >>> describe_topic_robustness(d)
    'Each of the 2 largest topic differences keeps its sign on every basis where both groups exist; on titles a \
difference typically shrinks (median ratio 0.54): the direction holds, the size does not.'
    """
    if diffs.empty:
        return "No topic differences between groups to check on other bases."
    ratio = _ratio(diffs, "title", "all")
    word = _size_word(ratio)
    text = _signs(diffs, "topic differences") + f"; on titles a difference typically {word} (median ratio " \
                                                 f"{_num(ratio, 2)})"
    if diffs["same_sign"].all():
        text += ": the direction holds, the size does not." if word != "keeps its size" else ": both hold."
    else:
        text += "."
    return text


def describe_keyness_robustness(table: pd.DataFrame) -> str:
    """How many comparisons find terms that survive the Bonferroni correction on each basis
    (:func:`wpanalysis.compare.keyness_comparisons`), and which exist on one basis only.

    >>> t = pd.DataFrame({"comparison": ["a", "a"], "basis": ["text", "title"], "possible": [True, True],
    ...                   "n_significant": [4, 0]})
    >>> describe_keyness_robustness(t)
    'On text, 1 of 1 comparison finds terms that survive the Bonferroni correction; on title, none of 1 comparison.'
    """
    said = []
    for basis, part in table.groupby("basis", sort=False):
        possible = part[part["possible"]]
        found = int((possible["n_significant"] > 0).sum())
        head = f"{'none' if found == 0 and said else found} of {count(len(possible), 'comparison')}"
        if said:
            said.append(f"on {basis}, {head}")
        else:
            said.append(f"On {basis}, {head} {'finds' if found == 1 else 'find'} terms that survive the Bonferroni "
                        "correction")
    text = "; ".join(said) + "."
    possible = table.pivot_table(index="comparison", columns="basis", values="possible", aggfunc="first", sort=False)
    only = [c for c, row in possible.iterrows() if row.sum() == 1]
    if only:
        text += f" Possible on one basis only (a group has no plan on the other): {listing(only, _NAMED)}."
    return text


def describe_similarity_robustness(rho: float, n_pairs: int) -> str:
    """How alike the ranking of pairs by cosine is on titles and on full texts (Spearman ρ).

    >>> print(describe_similarity_robustness(0.614, 15))  # doctest: +NORMALIZE_WHITESPACE
    Spearman ρ between the 15 pairs' cosines on titles and on full texts: 0.614 — titles rank the pairs
    moderately like full texts do.
    """
    if n_pairs < 3 or rho is None or math.isnan(rho):
        return "Too few pairs of full-text plans to compare their similarity on titles and on full texts."
    word = next(w for low, w in RHO_WORDS if rho >= low)
    return (f"Spearman ρ between the {n_pairs:,} pairs' cosines on titles and on full texts: {rho:.3f} — titles "
            f"rank the pairs {word} like full texts do.")


# --------------------------------------------------------------------------- limits


def describe_known_failure(assigned: pd.DataFrame, items: pd.DataFrame, domain: str, term: str,
                           inside: Sequence[str], names: Mapping[str, str]) -> str:
    """How much a codebook's known substring failure weighs here: *term* (a seed term of *domain*) also
    matches inside the longer words *inside*, which name no such thing.

    >>> a = pd.DataFrame({"domain": ["compulsory", "compulsory"], "terms": ["小学", "义务教育"]})
    >>> i = pd.DataFrame({"text": ["中小学和小学", "义务教育"]})
    >>> describe_known_failure(a, i, "compulsory", "小学", ["中小学"], {"compulsory": "义务教育"})
    'Of the 2 assignments to 义务教育, 1 rests on 小学 alone; of the 2 occurrences of 小学 in the item texts, \
1 is inside 中小学.'
    """
    rows = assigned[assigned["domain"] == domain]
    alone = int((rows["terms"] == term).sum())
    texts = items["text"].fillna("").astype(str)
    total = int(texts.str.count(term).sum())
    within = int(texts.str.count("|".join(sorted(inside, key=len, reverse=True))).sum()) if inside else 0
    return (f"Of the {count(len(rows), 'assignment')} to {names.get(domain, domain)}, {alone:,} "
            f"{'rests' if alone == 1 else 'rest'} on {term} alone; of the {count(total, 'occurrence')} of {term} in "
            f"the item texts, {within:,} {'is' if within == 1 else 'are'} inside {listing(inside, conjunction='or')}.")


def describe_limits(documents: pd.DataFrame, grouped_sizes: pd.DataFrame, plan: pd.DataFrame,
                    confounds: pd.DataFrame, words: Mapping[str, int] | pd.Series,
                    labels: Mapping[str, str] | pd.Series | None = None) -> str:
    """The limits of this comparison that depend on the corpus, as Markdown bullets: group sizes, plans
    without a place, partial and outline-only plans, tangled groupings, and the plan that weighs most
    in pooled counts.

    *grouped_sizes* is :func:`wpanalysis.compare.group_sizes` of the regrouped plans, *plan*
    :func:`~wpanalysis.compare.plan_groups`, *words* content words per full-text plan.
    """
    lines = []
    kept = grouped_sizes[grouped_sizes["group"] != UNKNOWN]
    n, body = len(documents), int(documents["completeness"].isin(FULL_TEXT).sum())
    usable = kept.groupby("grouping").size()
    if (usable >= 2).any():
        low, high = int(kept["n_docs"].min()), int(kept["n_docs"].max())
        word = "a handful of bureaus" if low < 10 else "groups of bureaus"
        held = low if low == high else f"{low}–{high}"
        lines.append(f"**Group sizes.** {_plans(n)}, {body} with body text; the groups kept hold {held} plans, so a "
                     f"group difference is a difference between {word}, not between kinds of place.")
    else:
        lines.append(f"**Group sizes.** {_plans(n)}, {body} with body text; no grouping has two groups with enough "
                     "plans, so nothing here compares groups.")
    left = plan[plan["status"] == "left out"]
    if len(left):
        lines.append("**Left out.** " + listing([f"{_g(g)} `{v}` ({_plans(k)})" for g, v, k in
                                                  zip(left["grouping"], left["group"], left["n_docs"])], _NAMED)
                     + ": too few plans to stand as a group.")
    nowhere = documents[documents["region"].isna()] if "region" in documents else documents.iloc[0:0]
    if len(nowhere):
        lines.append(f"**Unknown places.** {_plans(len(nowhere))} "
                     f"({listing([_label(labels, d) for d in nowhere['doc_id']], _NAMED)}) "
                     f"{'has' if len(nowhere) == 1 else 'have'} no recorded region: `unknown` in every table, "
                     "outside every regional contrast.")
    redacted = int((documents.get("n_redactions", pd.Series(0, index=documents.index)).fillna(0) > 0).sum())
    if redacted:
        lines.append(f"**Redactions.** {_plans(redacted)} {'carries' if redacted == 1 else 'carry'} redaction marks "
                     "(X, XX): names the publisher hid cannot be removed as place names.")
    for value, what in (("partial", "profile describes what survived, not the whole plan"),
                        ("outline-only", "domains and topics come from headings alone")):
        ids = documents.loc[documents["completeness"] == value, "doc_id"]
        if len(ids):
            lines.append(f"**{value.capitalize()} plans.** {_plans(len(ids))} "
                         f"({listing([_label(labels, d) for d in ids], _NAMED)}): "
                         f"{'its' if len(ids) == 1 else 'their'} {what}.")
    if len(confounds):
        same = int((confounds["relation"] == "same plans").sum())
        inside = len(confounds) - same
        lines.append(f"**Tangled groupings.** {count(same, 'pair')} of groups {'holds' if same == 1 else 'hold'} the "
                     f"same plans and {count(inside, 'group')} {'sits' if inside == 1 else 'sit'} inside another "
                     "(section 1): those differences cannot be told apart.")
    words = pd.Series(dict(words), dtype=float)
    if len(words) > 1:
        top = words.idxmax()
        lines.append(f"**Weight of long plans.** {_label(labels, top)} holds {share(words.max(), words.sum())} of the "
                     "full-text words: pooled counts (keyness, rates) weigh it most.")
    return bullet_list(lines)


def _first_sentence(text: str) -> str:
    head = text.split("\n", 1)[0]
    cut = head.find(". ")
    return head if cut < 0 else head[: cut + 1]


def describe_closing(headlines: Mapping[str, str]) -> str:
    """The closing note: the first sentence of each section's statement, under its name.

    >>> print(describe_closing({"Similarity": "Cosines range from 0.48 to 0.65. More follows."}))
    - **Similarity.** Cosines range from 0.48 to 0.65.
    """
    return bullet_list([f"**{name}.** {_first_sentence(text)}" for name, text in headlines.items() if text])


def gold_call(corpus_root: object, n_per_doc: int, seed: int, name: str = "domains_gold.csv") -> str:
    """The Python that draws a sample of the corpus at *corpus_root* into a file to code by hand
    (:func:`wpanalysis.coding.write_gold_template`).

    >>> print(gold_call(None, 8, 0))
    from wpanalysis import build, coding, config
    paths = config.paths()
    coding.write_gold_template(build.load_corpus(paths.processed).items, paths.annotations / "domains_gold.csv",
                               n_per_doc=8, seed=0)
    """
    root = "" if corpus_root is None else repr(str(corpus_root))
    return ("from wpanalysis import build, coding, config\n"
            f"paths = config.paths({root})\n"
            f'coding.write_gold_template(build.load_corpus(paths.processed).items, paths.annotations / "{name}",\n'
            f"                           n_per_doc={n_per_doc}, seed={seed})")


def describe_rows(shown: int, total: int, what: str = "plan", order: str = "registry order") -> str:
    """A note under a table cut to its first rows ("" when every row is shown).

    >>> describe_rows(30, 180), describe_rows(9, 9)
    ('The first 30 of 180 plans (registry order).', '')
    """
    return "" if shown >= total else f"The first {shown} of {count(total, what)} ({order})."
