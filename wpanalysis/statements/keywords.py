"""Generated statements of the keyword notebook (02): which plans are counted, what the boilerplate
layer changes, the top terms, TF-IDF, keyness between two registry groups, the co-occurrence
network and lexicon discovery — plus the figure titles that carry the N of plans.

Each function takes the tables of :mod:`wpanalysis.features` (or the token table) and returns
Markdown. Example::

    from IPython.display import Markdown
    from wpanalysis import build, features, registry, segment
    from wpanalysis.statements import keywords as said
    corpus = build.load_corpus()
    tokens = segment.tokenize_items(corpus.items)
    counts = features.token_counts(tokens, corpus.documents, registry.doc_labels(corpus.documents))
    Markdown(said.plans_with_text(counts))   # "**6 of the 9 plans have body text** …"
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..compare import drop_place_names
from ..registry import COMPLETENESS_LABELS, FULL_TEXT
from . import bullet_list, count, listing

__all__ = [
    "STABLE_SHARE",
    "plans_with_text",
    "plans_shown",
    "clouds_shown",
    "boilerplate_change",
    "top_terms",
    "tfidf_raw",
    "tfidf_distinctive",
    "contrast_choice",
    "keyness_result",
    "plan_pair",
    "network",
    "discovery",
    "in_short",
    "group_label",
    "top_terms_title",
    "cloud_title",
    "clouds_title",
    "keyness_title",
    "network_title",
]

STABLE_SHARE = 0.1
"""At most this share of the top terms may leave the list when the boilerplate layer is removed
for :func:`boilerplate_change` to call the list stable."""

_NAMED = 5
"""How many plans or terms a sentence names before it says "and N others"."""

_GROUP_LABELS: dict[str, dict[str, str]] = {
    "admin_level": {"province": "省级", "city": "地级及以上市", "county-level city": "县级市", "county": "县",
                    "district": "区"},
    "region": {"east": "东部", "central": "中部", "west": "西部", "northeast": "东北"},
    "completeness": dict(COMPLETENESS_LABELS),
}


def _is(n: int) -> str:
    return "is" if n == 1 else "are"


def _has(n: int) -> str:
    return "has" if n == 1 else "have"


def _all(n: int, noun: str = "plans") -> str:
    """'both plans', 'all 6 plans'."""
    return f"both {noun}" if n == 2 else f"all {n:,} {noun}"


def _rank(n: int) -> str:
    return f"rank {n}"


def group_label(column: str, value: object) -> str:
    """The Chinese name of a registry group for figure titles (the value itself when none is known).

    >>> group_label("admin_level", "county-level city"), group_label("year", "2024")
    ('县级市', '2024')
    """
    return _GROUP_LABELS.get(column, {}).get(str(value), str(value))


# --------------------------------------------------------------------------- which plans


def _kinds(n_body: int, n_partial: int) -> str:
    """'full', 'all partial', '5 full, 1 partial' …"""
    if n_partial and n_partial < n_body:
        return f"{n_body - n_partial} full, {n_partial} partial"
    kind = "partial" if n_partial else "full"
    return f"all {kind}" if n_body > 1 else kind


def plans_with_text(counts: pd.DataFrame) -> str:
    """Which plans the frequency sections count, from :func:`wpanalysis.features.token_counts`.

    >>> counts = pd.DataFrame({"doc_id": ["a", "b"], "label": ["宁波 2024", "某县 2024"],
    ...     "completeness": ["full", "outline-only"], "n_tokens": [100, 10], "n_content": [60, 8]})
    >>> print(plans_with_text(counts))  # doctest: +NORMALIZE_WHITESPACE
    **1 of the 2 plans has body text** (full) and is counted below: 100 tokens, 60 of them content tokens
    (in no stopword layer). The outline-only plan (某县 2024) contributes item titles only, 10 tokens; it is
    left out of the frequency comparisons and takes part in lexicon discovery only.
    """
    n = len(counts)
    if n == 0:
        return "The corpus has no plans: there is nothing to count."
    body = counts[counts["completeness"].isin(FULL_TEXT)]
    outline = counts[counts["completeness"] == "outline-only"]
    other = counts[~counts["completeness"].isin([*FULL_TEXT, "outline-only"])]
    if body.empty:
        return (f"**None of the {count(n, 'plan')} has body text**: the frequency sections below have nothing to "
                "count and say so; only lexicon discovery (section 9) reads the item titles.")
    n_body, n_partial = len(body), int((body["completeness"] == "partial").sum())
    kinds = _kinds(n_body, n_partial)
    if n == 1:
        subject = "**The plan has body text**"
    elif n_body == n:
        subject = f"**{_all(n).capitalize()} have body text**"
    else:
        subject = f"**{n_body} of the {count(n, 'plan')} {_has(n_body)} body text**"
    text = (f"{subject} ({kinds}) and {_is(n_body)} counted below: {count(int(body['n_tokens'].sum()), 'token')}, "
            f"{int(body['n_content'].sum()):,} of them content tokens (in no stopword layer).")
    if n_partial:
        partial = body.loc[body["completeness"] == "partial", "label"]
        text += (f" The partial plan ({partial.iloc[0]}) counts" if n_partial == 1
                 else f" The {n_partial} partial plans ({listing(partial, _NAMED)}) count")
        text += " only the items that survive, not the whole plan." if n_partial == 1 else \
            " only the items that survive, not the whole plans."
    if len(outline):
        who = (f"The outline-only plan ({outline['label'].iloc[0]}) contributes" if len(outline) == 1
               else f"The {len(outline)} outline-only plans ({listing(outline['label'], _NAMED)}) contribute")
        text += (f" {who} item titles only, {count(int(outline['n_tokens'].sum()), 'token')}; "
                 f"{'it is' if len(outline) == 1 else 'they are'} left out of the frequency comparisons and "
                 f"take{'s' if len(outline) == 1 else ''} part in lexicon discovery only.")
    if len(other):
        text += (f" {count(len(other), 'plan')} with no completeness recorded {'is' if len(other) == 1 else 'are'} "
                 "treated as without body text.")
    return text


def plans_shown(n_shown: int, n_total: int, what: str = "plans with body text", by: str = "content tokens") -> str:
    """Says which plans a per-plan table or figure shows (:func:`wpanalysis.features.largest_documents`).

    >>> plans_shown(6, 6)
    'All 6 plans with body text are shown, in registry order.'
    >>> print(plans_shown(12, 120))  # doctest: +NORMALIZE_WHITESPACE
    The 12 largest of the 120 plans with body text (by content tokens) are shown, in registry order;
    108 are not shown.
    """
    if n_total == 0:
        return f"There are no {what} to show."
    if n_shown >= n_total:
        return f"The one {what.replace('plans', 'plan', 1)} is shown." if n_total == 1 else \
            f"{_all(n_total, what).capitalize()} are shown, in registry order."
    return (f"The {n_shown:,} largest of the {n_total:,} {what} (by {by}) are shown, in registry order; "
            f"{n_total - n_shown:,} {'is' if n_total - n_shown == 1 else 'are'} not shown.")


def clouds_shown(n_alone: int, n_total: int) -> str:
    """Which plans the per-plan word clouds draw (:func:`wpanalysis.features.cloud_panels`).

    >>> clouds_shown(6, 6)
    'One cloud per plan with body text (6 plans), in registry order.'
    >>> print(clouds_shown(11, 120))  # doctest: +NORMALIZE_WHITESPACE
    One cloud for each of the 11 largest of the 120 plans with body text (by content tokens), in registry
    order, and one for the other 109 plans pooled.
    """
    if n_total == 0:
        return "There are no plans with body text to draw."
    if n_alone >= n_total:
        return f"One cloud per plan with body text ({count(n_total, 'plan')}), in registry order."
    rest = n_total - n_alone
    return (f"One cloud for each of the {n_alone:,} largest of the {n_total:,} plans with body text (by content "
            f"tokens), in registry order, and one for the other {count(rest, 'plan')} pooled.")


# --------------------------------------------------------------------------- frequencies


def _totals(table: pd.DataFrame, side: str) -> int:
    """Tokens behind a rate column of :func:`top_terms_with_without` (count ÷ rate × 10,000)."""
    row = table.dropna(subset=[f"{side}_n"]).iloc[0]
    return round(float(row[f"{side}_n"]) / float(row[f"{side}_per_10k"]) * 10_000)


def boilerplate_change(with_without: pd.DataFrame, layer: str = "policy_boilerplate") -> str:
    """What removing *layer* changes in a :func:`wpanalysis.features.top_terms_with_without` table.

    The list is called stable when at most :data:`STABLE_SHARE` of its terms leave it.

    >>> t = pd.DataFrame({"rank": [1, 2], "kept_token": ["工作", "双减"], "kept_n": [3, 2],
    ...     "kept_per_10k": [5000.0, 3333.3], "kept_in_layer": [True, False], "removed_token": ["双减", "教师"],
    ...     "removed_n": [2, 1], "removed_per_10k": [6666.7, 3333.3], "removed_new": [False, True]})
    >>> print(boilerplate_change(t))  # doctest: +NORMALIZE_WHITESPACE
    Removing the `policy_boilerplate` layer takes 1 of the top 2 terms out of the list: 工作 (rank 1, 5000.0
    per 10,000 tokens); 教师 enters. Every remaining rate rises by 100.0%, because 3 tokens remain instead of
    6. With half of the list changed, the list is not stable under this choice (stable: at most 10% of the
    terms change).
    """
    n = len(with_without)
    if n == 0:
        return "There are no tokens to count."
    leave = with_without[with_without["kept_in_layer"]]
    enter = with_without.loc[with_without["removed_new"], "removed_token"].tolist()
    kept, removed = _totals(with_without, "kept"), _totals(with_without, "removed")
    rise = f"{100 * (kept / removed - 1):.1f}%" if removed else "—"
    if leave.empty:
        return (f"None of the top {n} terms belongs to the `{layer}` layer, so removing it leaves the list "
                f"unchanged; it only raises every rate by {rise} ({removed:,} tokens instead of {kept:,}).")
    gone = [f"{r.kept_token} ({_rank(r.rank)}, {r.kept_per_10k:.1f} per 10,000 tokens)" for r in leave.itertuples()]
    text = (f"Removing the `{layer}` layer takes {len(leave)} of the top {n} terms out of the list: "
            f"{listing(gone, _NAMED)}; {listing(enter, _NAMED)} {'enters' if len(enter) == 1 else 'enter'}. "
            f"Every remaining rate rises by {rise}, because {removed:,} tokens remain instead of {kept:,}.")
    share = len(leave) / n
    verdict = "stable" if share <= STABLE_SHARE else "not stable"
    amount = "half" if share == 0.5 else f"{100 * share:.0f}%"
    return text + (f" With {amount} of the list changed, the list is {verdict} under this choice "
                   f"(stable: at most {100 * STABLE_SHARE:.0f}% of the terms change).")


def top_terms(content: pd.DataFrame, n: int = 30, named: int = _NAMED) -> str:
    """The most frequent content terms, their share of the content tokens and how widely they occur.

    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "token": ["双减", "教师", "双减", "作业"]})
    >>> print(top_terms(t, n=2))  # doctest: +NORMALIZE_WHITESPACE
    Across the 2 plans with body text the most frequent content terms are 双减 (5000.0 per 10,000 content
    tokens) and 作业 (2500.0); the top 2 hold 75.0% of the 4 content tokens. 1 of the 2 occurs in every plan.
    """
    if content.empty:
        return "There are no content tokens to count."
    freq = content["token"].value_counts()
    freq = freq.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    top = freq.head(n)
    rates = top / len(content) * 10_000
    first = [f"{t} ({rates[t]:.1f} per 10,000 content tokens)" if i == 0 else f"{t} ({rates[t]:.1f})"
             for i, t in enumerate(top.index[:named])]
    n_plans = content["doc_id"].nunique()
    text = (f"Across the {count(n_plans, 'plan')} with body text the most frequent content terms are "
            f"{listing(first, named)}; the top {len(top)} hold {100 * top.sum() / len(content):.1f}% of the "
            f"{len(content):,} content tokens.")
    if n_plans > 1:
        spread = content[content["token"].isin(top.index)].groupby("token")["doc_id"].nunique()
        everywhere = int((spread == n_plans).sum())
        if everywhere == 0:
            text += f" None of the {len(top)} occurs in every plan."
        else:
            text += f" {everywhere} of the {len(top)} {'occurs' if everywhere == 1 else 'occur'} in every plan."
    return text


# --------------------------------------------------------------------------- TF-IDF


def tfidf_raw(raw: pd.DataFrame, content: pd.DataFrame) -> str:
    """Whether raw TF-IDF (:func:`wpanalysis.features.tfidf_distinctive` on all terms) just repeats
    the frequency list: in how many plans the first term occurs in every plan.

    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b"], "token": ["教育", "双减", "教育"]})
    >>> raw = pd.DataFrame({"doc_id": ["a", "b"], "rank": [1, 1], "token": ["双减", "教育"]})
    >>> print(tfidf_raw(raw, t))  # doctest: +NORMALIZE_WHITESPACE
    In 1 of the 2 plans the first raw TF-IDF term occurs in every plan (教育): its idf is at the floor of 1,
    so its count decides and the raw ranking repeats the frequency list.
    """
    n_plans = content["doc_id"].nunique()
    if n_plans < 2:
        what = "no plan" if n_plans == 0 else "one plan"
        return (f"TF-IDF compares plans; with {what} with body text every idf is the same and the ranking is the "
                "frequency list, so this step has nothing to add.")
    spread = content.groupby("token")["doc_id"].nunique()
    everywhere = set(spread[spread == n_plans].index)
    first = raw[raw["rank"] == 1]
    hits = first[first["token"].isin(everywhere)]
    if hits.empty:
        return (f"In none of the {n_plans:,} plans is the first raw TF-IDF term one that occurs in every plan: "
                "idf already separates the plans.")
    terms = listing(pd.unique(hits["token"]), _NAMED)
    return (f"In {len(hits):,} of the {n_plans:,} plans the first raw TF-IDF term occurs in every plan ({terms}): "
            "its idf is at the floor of 1, so its count decides and the raw ranking repeats the frequency list.")


def _place_terms(tokens: Sequence[str], documents: pd.DataFrame) -> list[str]:
    """The *tokens* that are, or begin with, a registry place name (:func:`wpanalysis.compare.drop_place_names`)."""
    unique = pd.DataFrame({"token": list(dict.fromkeys(tokens))})
    kept = set(drop_place_names(unique, documents)["token"])
    return [t for t in unique["token"] if t not in kept]


def tfidf_distinctive(content: pd.DataFrame, rest: pd.DataFrame, distinctive: pd.DataFrame,
                      documents: pd.DataFrame) -> str:
    """What :func:`wpanalysis.features.drop_ubiquitous` removed and how often registry place names
    are among a plan's distinctive terms.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "province": ["浙江省", "广东省"], "city": ["宁波市", "河源市"],
    ...                      "county": [None, None]})
    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "token": ["教育", "宁波", "教育", "双减"]})
    >>> d = pd.DataFrame({"doc_id": ["a", "b"], "rank": [1, 1], "token": ["宁波", "双减"]})
    >>> print(tfidf_distinctive(t, t[t.token != "教育"], d, docs))  # doctest: +NORMALIZE_WHITESPACE
    Terms found in both plans (1 of 3 terms) are dropped before ranking. A registry place name is among the
    top 1 terms of 1 of the 2 plans (宁波): place names mark a plan as its own; `compare.drop_place_names`
    removes them.
    """
    n_plans = content["doc_id"].nunique()
    if n_plans < 2:
        return "With fewer than two plans with body text there is nothing to set a plan apart from."
    n_vocab = content["token"].nunique()
    dropped = n_vocab - rest["token"].nunique()
    text = (f"Terms found in {_all(n_plans)} ({dropped:,} of {count(n_vocab, 'term')}) are dropped before "
            "ranking." if dropped else "No term occurs in every plan, so none is dropped before ranking.")
    places = set(_place_terms(distinctive["token"].tolist(), documents))
    hits = distinctive[distinctive["token"].isin(places)]
    top = int(distinctive["rank"].max()) if len(distinctive) else 0
    if hits.empty:
        return text + f" No registry place name is among the top {top} terms of any plan."
    n_hit = hits["doc_id"].nunique()
    return text + (f" A registry place name is among the top {top} terms of {n_hit:,} of the {n_plans:,} plans "
                   f"({listing(pd.unique(hits['token']), _NAMED)}): place names mark a plan as its own; "
                   "`compare.drop_place_names` removes them.")


# --------------------------------------------------------------------------- keyness


def contrast_choice(groups: pd.DataFrame, pair: tuple[str, str] | None, column: str, min_plans: int) -> str:
    """Which two groups of *column* the keyness test compares, and which are left out and why.

    *groups* is :func:`wpanalysis.compare.comparable_groups` over the plans with body text,
    *pair* :func:`wpanalysis.compare.contrast_groups` of the same.

    >>> g = pd.DataFrame({"group": ["city", "county", "unknown"], "n_docs": [4, 1, 1],
    ...                   "usable": [True, False, False], "reason": ["", "fewer than 2 plans", "value not recorded"]})
    >>> print(contrast_choice(g, None, "admin_level", 2))  # doctest: +NORMALIZE_WHITESPACE
    No two groups of `admin_level` have at least 2 plans with body text (city 4, county 1, unknown 1), so
    the keyness test between groups is skipped.
    """
    if groups.empty:
        return f"There are no plans with body text, so there are no groups of `{column}` to compare."
    sizes = ", ".join(f"{g} {n:,}" for g, n in zip(groups["group"], groups["n_docs"]))
    if pair is None:
        return (f"No two groups of `{column}` have at least {count(min_plans, 'plan')} with body text ({sizes}), "
                "so the keyness test between groups is skipped.")
    n = dict(zip(groups["group"], groups["n_docs"]))
    text = (f"Plans with body text by `{column}`: {sizes}. The two largest groups with at least "
            f"{count(min_plans, 'plan')} are compared: **{pair[0]}** ({count(n[pair[0]], 'plan')}, the target) "
            f"against **{pair[1]}** ({count(n[pair[1]], 'plan')}, the reference).")
    out = groups[~groups["group"].isin(pair)]
    if len(out):
        text += " Left out: " + "; ".join(f"{r.group} ({count(r.n_docs, 'plan')}: {r.reason})"
                                          for r in out.itertuples()) + "."
    return text


def _side(members: pd.DataFrame, group: str) -> tuple[int, int, list[str]]:
    part = members[members["group"] == group]
    return len(part), int(part["n_tokens"].sum()), part["label"].astype(str).tolist()


def _term_note(row: object, names: tuple[str, str], sizes: tuple[int, int]) -> str:
    return (f"{row.token} (G² = {abs(row.g2):.1f}, log ratio {row.log_ratio:+.2f}; in {row.docs_target} of "
            f"{sizes[0]} {names[0]} and {row.docs_reference} of {sizes[1]} {names[1]} plans)")


def _single_plan_terms(sig: pd.DataFrame, sizes: tuple[int, int]) -> list[str]:
    """Significant terms found in only one plan of the group they are key to (that group holding more)."""
    target = sig[(sig["g2"] > 0) & (sig["docs_target"] == 1)] if sizes[0] > 1 else sig.iloc[:0]
    reference = sig[(sig["g2"] < 0) & (sig["docs_reference"] == 1)] if sizes[1] > 1 else sig.iloc[:0]
    return [*target["token"], *reference["token"]]


def keyness_result(key: pd.DataFrame | None, members: pd.DataFrame | None, pair: tuple[str, str] | None,
                   alpha: float = 0.05, min_count: int = 5, n: int = 5) -> str:
    """The keyness test between two groups in words: who is compared, how many terms are
    significant after Bonferroni correction, the top *n* on each side with the number of plans
    they occur in, and what the test's unit (the token) allows one to say.

    *key* is :func:`wpanalysis.features.keyness_groups`, *members* :func:`wpanalysis.features.group_members`;
    all three are None when no two groups could be chosen.
    """
    if pair is None or key is None or members is None:
        return "The keyness test between groups is skipped (no two groups to compare, see above)."
    (n_t, tok_t, lab_t), (n_r, tok_r, lab_r) = _side(members, "target"), _side(members, "reference")
    text = (f"**{pair[0]}** ({count(n_t, 'plan')}, {count(tok_t, 'content token')}: {listing(lab_t, _NAMED)}) "
            f"against **{pair[1]}** ({count(n_r, 'plan')}, {count(tok_r, 'content token')}: "
            f"{listing(lab_r, _NAMED)}).")
    if key.empty:
        return text + f" No term occurs {min_count} times in the two groups together, so nothing is tested."
    sig = key[key["significant"]]
    text += (f" {count(len(key), 'term')} {'occurs' if len(key) == 1 else 'occur'} at least {min_count} times in the "
             f"two groups together and {_is(len(key))} tested; ")
    if sig.empty:
        strongest = key.loc[key["g2"].abs().idxmax()]
        text += (f"none is significant after Bonferroni correction (p × {len(key):,} < {alpha}); the strongest, "
                 f"{strongest['token']}, has G² = {abs(strongest['g2']):.1f} (corrected p = "
                 f"{strongest['p_bonferroni']:.2g}).")
    else:
        n_pos, n_neg = int((sig["g2"] > 0).sum()), int((sig["g2"] < 0).sum())
        text += (f"**{len(sig):,} {_is(len(sig))} significant** after Bonferroni correction (p × {len(key):,} < "
                 f"{alpha}): {n_pos:,} more frequent in the {pair[0]} plans, {n_neg:,} in the {pair[1]} plans.")
        lines = []
        for label, side in ((pair[0], sig[sig["g2"] > 0].head(n)),
                            (pair[1], sig[sig["g2"] < 0].sort_values("g2", kind="stable").head(n))):
            if len(side):
                notes = [_term_note(r, pair, (n_t, n_r)) for r in side.itertuples()]
                lines.append(f"more frequent in {label}: " + "; ".join(notes))
        text += "\n\n" + bullet_list(lines)
        single = _single_plan_terms(sig, (n_t, n_r))
        if single:
            whose = "that plan's word" if len(single) == 1 else "each is one plan's word"
            text += (f"\n\n{listing(single, _NAMED)} {_is(len(single))} key to a group of several plans but "
                     f"occur{'s' if len(single) == 1 else ''} in only one of them: {whose}, not the group's.")
    return text + "\n\n" + _token_unit(pair, n_t + n_r)


def _token_unit(pair: tuple[str, str], n_plans: int) -> str:
    return (f"The unit of this test is the token: the tokens of each group are pooled, so a plan that repeats a word "
            f"weighs as much as several plans that use it once. The result describes the wording of these "
            f"{count(n_plans, 'plan')}, not a difference between {pair[0]} and {pair[1]} bureaus; the plan-level "
            "test below asks that question.")


def plan_pair(key: pd.DataFrame | None, labels: tuple[str, str] | None, groups: tuple[str, str] | None,
              documents: pd.DataFrame) -> str:
    """The keyness test between two single plans (the largest of each group,
    :func:`wpanalysis.features.largest_of_each_group`) and how many of its significant terms are
    registry place names; *key* and *labels* are None when there is no such pair.

    >>> docs = pd.DataFrame({"province": ["浙江省"], "city": ["宁波市"], "county": [None]})
    >>> k = pd.DataFrame({"token": ["宁波", "双减", "教师"], "significant": [True, True, False]})
    >>> said = plan_pair(k, ("宁波 2024", "吉首 2023"), ("city", "county-level city"), docs)
    >>> print(said)  # doctest: +NORMALIZE_WHITESPACE
    The same test between two single plans, the largest of each group (by content tokens): 宁波 2024 (city)
    against 吉首 2023 (county-level city). 3 terms are tested; 2 are significant after Bonferroni correction,
    1 of them a registry place name (宁波). With one plan a side this compares two texts, not two kinds of
    bureaus: no test with the plan as its unit is possible.
    """
    if key is None or labels is None or groups is None:
        return "There is no pair of groups, so no pair of single plans either."
    return _plan_pair_result(key, labels, groups, documents) + (
        " With one plan a side this compares two texts, not two kinds of bureaus: no test with the plan as its "
        "unit is possible.")


def _plan_pair_result(key: pd.DataFrame, labels: tuple[str, str], groups: tuple[str, str],
                      documents: pd.DataFrame) -> str:
    text = (f"The same test between two single plans, the largest of each group (by content tokens): {labels[0]} "
            f"({groups[0]}) against {labels[1]} ({groups[1]}).")
    if key.empty:
        return text + " No term occurs often enough in the two plans to be tested."
    sig = key.loc[key["significant"], "token"].tolist()
    text += f" {count(len(key), 'term')} {_is(len(key))} tested; "
    if not sig:
        return text + "none is significant after Bonferroni correction."
    places = _place_terms(sig, documents)
    text += f"{len(sig):,} {_is(len(sig))} significant after Bonferroni correction"
    if not places:
        return text + ", none of them a registry place name."
    what = "a registry place name" if len(places) == 1 else "registry place names"
    return text + f", {len(places):,} of them {what} ({listing(places, _NAMED)})."


# --------------------------------------------------------------------------- network and discovery


def network(pairs: pd.DataFrame, strong: pd.DataFrame, n_terms: int, min_npmi: float, min_items: int,
            max_nodes: int | None = None) -> str:
    """The co-occurrence network in a sentence: nodes, edges and the strongest pairs.

    *pairs* is :func:`wpanalysis.features.cooccurrence` of the top *n_terms* terms, *strong*
    the pairs kept as edges (NPMI ≥ *min_npmi*, in ≥ *min_items* items).

    >>> s = pd.DataFrame({"term_a": ["体系"], "term_b": ["健全"], "n_units": [18], "npmi": [0.394]})
    >>> print(network(s, s, 40, 0.2, 5))
    Of the 40 most frequent content terms, 2 are linked by 1 pair with NPMI ≥ 0.2 in at least 5 items: 体系–健全 (0.39).
    """
    if pairs.empty:
        return "There are no pairs of terms to link."
    if strong.empty:
        return (f"No pair of the {n_terms} most frequent terms has NPMI ≥ {min_npmi} in at least {min_items} items: "
                "the network is empty.")
    nodes = len(set(strong["term_a"]) | set(strong["term_b"]))
    best = strong.sort_values(["npmi", "term_a", "term_b"], ascending=[False, True, True], kind="stable").head(3)
    named = [f"{r.term_a}–{r.term_b} ({r.npmi:.2f})" for r in best.itertuples()]
    text = (f"Of the {n_terms} most frequent content terms, {nodes} are linked by {count(len(strong), 'pair')} with "
            f"NPMI ≥ {min_npmi} in at least {min_items} items: {listing(named, 3)}.")
    if max_nodes is not None and nodes > max_nodes:
        text += f" The figure draws the {max_nodes} terms with most links."
    return text


def discovery(candidates: pd.DataFrame, n_plans: int, n_chars: int) -> str:
    """What lexicon discovery read and found.

    >>> print(discovery(pd.DataFrame({"term": ["全覆盖", "师德"]}), 9, 48_000))  # doctest: +NORMALIZE_WHITESPACE
    From the item texts of all 9 plans (48,000 characters), the 2 best-scoring candidates are listed below,
    全覆盖 first.
    """
    if n_chars == 0:
        return "There is no item text to read, so no candidates."
    if candidates.empty:
        return (f"No character sequence of the item texts of the {count(n_plans, 'plan')} ({n_chars:,} characters) "
                "passes the thresholds; lower `min_count` to see weaker candidates.")
    where = f"From the item texts of {_all(n_plans) if n_plans > 1 else 'the one plan'} ({n_chars:,} characters)"
    if len(candidates) == 1:
        return f"{where}, one candidate passes the thresholds: {candidates['term'].iloc[0]}."
    return (f"{where}, the {len(candidates):,} best-scoring candidates are listed below, "
            f"{candidates['term'].iloc[0]} first.")


def in_short(n_text: int, n_plans: int, with_without: pd.DataFrame, pair: tuple[str, str] | None,
             key: pd.DataFrame | None, members: pd.DataFrame | None, column: str) -> str:
    """The notebook's result in three sentences."""
    if n_text == 0:
        return (f"**In short.** None of the {count(n_plans, 'plan')} has body text, so there are no frequencies to "
                "report; lexicon discovery is the one step that reads the titles.")
    if n_text == n_plans:
        who = "The plan has" if n_plans == 1 else f"{_all(n_plans).capitalize()} have"
    else:
        who = f"{n_text:,} of the {count(n_plans, 'plan')} {_has(n_text)}"
    text = f"**In short.** {who} body text and {_is(n_text)} counted."
    if len(with_without):
        n_leave = int(with_without["kept_in_layer"].sum())
        text += (f" Removing the boilerplate layer changes {n_leave} of the top {len(with_without)} terms."
                 if n_leave else f" Removing the boilerplate layer changes none of the top {len(with_without)} terms.")
    if pair is None or key is None or members is None:
        return text + f" No two groups of `{column}` had enough plans to be compared."
    n_t, n_r = (int((members["group"] == g).sum()) for g in ("target", "reference"))
    n_sig = int(key["significant"].sum()) if len(key) else 0
    if "p_plan" in key.columns and len(key):
        return text + _in_short_plans(key, pair, n_t, n_r, n_sig)
    return text + (f" The {pair[0]} vs {pair[1]} contrast rests on {count(n_sig, 'significant term')} from "
                   f"{n_t:,} + {n_r:,} plans — a description of these plans' wording and a starting point for close "
                   "reading, not a finding about bureaus in general.")


def _in_short_plans(key: pd.DataFrame, pair: tuple[str, str], n_t: int, n_r: int, n_sig: int) -> str:
    """The keyness sentence of :func:`in_short` when *key* carries the plan-level test
    (:func:`wpanalysis.inference.plan_keyness`)."""
    n_bh, n_plan = int(key["significant_bh"].sum()), int(key["significant_bh_plan"].sum())
    min_p = float(key["min_p_plan"].iloc[0])
    reach = (f"no test can reach p < 0.05 with groups of {n_t:,} and {n_r:,} plans (smallest attainable p "
             f"{min_p:.3f})" if min_p > 0.05 else
             f"{count(n_plan, 'term')} {_is(n_plan)} significant after Benjamini–Hochberg")
    level = ("a description of these plans' wording and a starting point for close reading, not a finding about "
             "bureaus in general" if n_plan == 0 else "a difference between these groups of plans, not yet between "
             "kinds of bureaus (the plans are not a sample drawn at random)")
    return (f" On pooled tokens the {pair[0]} vs {pair[1]} contrast has {count(n_sig, 'term')} significant after "
            f"Bonferroni ({n_bh:,} after Benjamini–Hochberg); with plans as the unit, {reach} — in these "
            f"{count(n_t + n_r, 'plan')}, {level}.")


# --------------------------------------------------------------------------- figure titles


def top_terms_title(n_terms: int, n_plans: int) -> str:
    """Title of the top-terms bar chart.

    >>> top_terms_title(30, 6)
    '前 30 个词（N = 6 份有正文的要点）'
    """
    return f"前 {n_terms} 个词（N = {n_plans:,} 份有正文的要点）"


def cloud_title(n_plans: int) -> str:
    """Title of the overall word cloud.

    >>> cloud_title(180)
    '全部有正文的要点（N = 180 份）'
    """
    return f"全部有正文的要点（N = {n_plans:,} 份）"


def clouds_title(n_shown: int, n_plans: int, n_words: int) -> str:
    """Title of the per-plan word clouds: every plan, or the largest and the others pooled.

    >>> clouds_title(6, 6, 100), clouds_title(11, 120, 100)
    ('每份要点的前 100 个词（N = 6 份）', '最大的 11 份要点与其余要点合并的前 100 个词（N = 120 份）')
    """
    if n_shown >= n_plans:
        return f"每份要点的前 {n_words} 个词（N = {n_plans:,} 份）"
    return f"最大的 {n_shown:,} 份要点与其余要点合并的前 {n_words} 个词（N = {n_plans:,} 份）"


def keyness_title(column: str, pair: tuple[str, str], members: pd.DataFrame) -> str:
    """Title of the keyness figure, with the groups' Chinese names and their plans
    (*members*: :func:`wpanalysis.features.group_members`).

    >>> m = pd.DataFrame({"group": ["target"] * 4 + ["reference"] * 2})
    >>> keyness_title("admin_level", ("city", "county-level city"), m)
    '地级及以上市（4 份）与县级市（2 份）：校正后显著的关键词'
    """
    a, b = (group_label(column, g) for g in pair)
    n_a, n_b = (int((members["group"] == g).sum()) for g in ("target", "reference"))
    return f"{a}（{n_a:,} 份）与{b}（{n_b:,} 份）：校正后显著的关键词"


def network_title(n_terms: int, n_plans: int, min_npmi: float) -> str:
    """Title of the co-occurrence network.

    >>> network_title(40, 6, 0.2)
    '前 40 个高频词的共现网络（同一条目，NPMI ≥ 0.2；N = 6 份）'
    """
    return f"前 {n_terms} 个高频词的共现网络（同一条目，NPMI ≥ {min_npmi}；N = {n_plans:,} 份）"
