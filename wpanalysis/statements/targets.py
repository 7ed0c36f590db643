"""Generated statements of notebook 05: quantitative targets, shared indicators, the extractor's
scores on an annotated sample, and concordances.

Each function takes the tables of :mod:`wpanalysis.targets` / :mod:`wpanalysis.kwic` and returns
Markdown; thresholds that choose a word ("more than half", "rough", "below") are parameters and
are named in the sentence.

>>> per_doc = pd.DataFrame({"doc_id": ["a"], "n_items": [4], "n_items_with_body": [4],
...                         "n_items_with_targets": [2], "n_targets": [3], "targets_per_10_items": [7.5]})
>>> targets_overview(per_doc)
'**3 targets** in the only plan; 2 of its 4 items state at least one.'
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..registry import full_text_ids
from ..targets.tables import plan_with_most_targets
from . import bullet_list, count, listing, share

__all__ = [
    "targets_overview",
    "section_statement",
    "domains_statement",
    "shared_statement",
    "evaluation_statement",
    "no_sample_statement",
    "concordance_statement",
    "lines_statement",
    "closing_statement",
]

Labels = Mapping[str, str] | pd.Series | None


def _name(labels: Labels, doc_id: str) -> str:
    return str(labels.get(doc_id, doc_id)) if labels is not None else str(doc_id)


def _verb(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


# --------------------------------------------------------------------------- targets per plan


def targets_overview(per_doc: pd.DataFrame, labels: Labels = None) -> str:
    """How many targets, in how many plans; which plans state none (and whether they have body
    text: :func:`wpanalysis.registry.full_text_ids`); the plan with most; the range of targets per
    10 items with body text.

    *per_doc* is :func:`wpanalysis.targets.tables.targets_per_document`.

    >>> per_doc = pd.DataFrame({"doc_id": ["a", "b", "c"], "completeness": ["full", "full", "outline-only"],
    ...     "n_items": [10, 20, 5],
    ...     "n_items_with_body": [10, 20, 0], "n_items_with_targets": [4, 2, 0], "n_targets": [9, 3, 0],
    ...     "targets_per_10_items": [9.0, 1.5, None]})
    >>> print(targets_overview(per_doc))  # doctest: +NORMALIZE_WHITESPACE
    **12 targets** in 2 of 3 plans; 6 of their 35 items state at least one. c states none; it has no body text,
    so its zero says nothing about the bureau. The plan with most targets, a, states 9 (75%). Per 10 items with
    body text, plans range from 1.5 (b) to 9.0 (a); median 5.2.
    """
    n = len(per_doc)
    if n == 0:
        return "No plan is registered, so there are no targets to count."
    total = int(per_doc["n_targets"].sum())
    if total == 0:
        return f"No quantitative target was found in any of the {count(n, 'plan')}."
    has = per_doc[per_doc["n_targets"] > 0]
    scope = "the only plan" if n == 1 else (f"all {count(n, 'plan')}" if len(has) == n else
                                            f"{len(has)} of {count(n, 'plan')}")
    own = "its" if n == 1 else "their"
    with_targets = int(per_doc["n_items_with_targets"].sum())
    parts = [f"**{count(total, 'target')}** in {scope}; {with_targets:,} of {own} "
             f"{count(int(per_doc['n_items'].sum()), 'item')} {_verb(with_targets, 'states', 'state')} at least one."]
    parts += [_zeros(per_doc[per_doc["n_targets"] == 0], labels)] if len(has) < n else []
    if len(has) > 1:
        ranked = per_doc.sort_values("n_targets", ascending=False, kind="stable")
        first, second = ranked.iloc[0], ranked.iloc[1]
        text = (f"The plan with most targets, {_name(labels, first['doc_id'])}, states {int(first['n_targets']):,} "
                f"({share(first['n_targets'], total)})")
        both = int(first["n_targets"] + second["n_targets"])
        nxt = f"; together with the next, {_name(labels, second['doc_id'])}, {both:,} ({share(both, total)})."
        parts.append(text + (nxt if len(has) > 2 else "."))
    rates = per_doc.dropna(subset=["targets_per_10_items"])
    if len(rates) > 1:
        lo, hi = rates.loc[rates["targets_per_10_items"].idxmin()], rates.loc[rates["targets_per_10_items"].idxmax()]
        parts.append(f"Per 10 items with body text, plans range from {lo['targets_per_10_items']:.1f} "
                     f"({_name(labels, lo['doc_id'])}) to {hi['targets_per_10_items']:.1f} "
                     f"({_name(labels, hi['doc_id'])}); median {rates['targets_per_10_items'].median():.1f}.")
    return " ".join(parts)


def _zeros(zeros: pd.DataFrame, labels: Labels) -> str:
    """The sentence on the plans that state no target."""
    k = len(zeros)
    bodiless = k - len(full_text_ids(zeros))
    text = f"{listing(_name(labels, d) for d in zeros['doc_id'])} {_verb(k, 'states', 'state')} none"
    if bodiless == k:
        why = ("it has no body text, so its zero says nothing about the bureau" if k == 1 else
               f"{'neither' if k == 2 else 'none of them'} has body text, so their zeros say nothing about the bureaus")
        return f"{text}; {why}."
    if bodiless:
        return f"{text} ({bodiless} of them without body text)."
    return f"{text}, although {_verb(k, 'it has', 'they have')} body text."


def section_statement(per_doc: pd.DataFrame, per_section: pd.DataFrame | None, labels: Labels = None) -> str:
    """Which plan the section table shows (the rule: the plan with most targets) and its busiest section.

    >>> per_doc = pd.DataFrame({"doc_id": ["a", "b"], "n_targets": [2, 8]})
    >>> per_section = pd.DataFrame({"section": [1, 2], "section_title": ["学前", "义教"], "n_items": [2, 3],
    ...                             "n_targets": [2, 6]})
    >>> section_statement(per_doc, per_section, {"b": "乙 2024"})  # doctest: +NORMALIZE_WHITESPACE
    'By section, for the plan with the most targets: 乙 2024 (8 targets). Its section with most targets is 2 义教
    (6, 75%).'
    """
    doc_id = plan_with_most_targets(per_doc)
    if doc_id is None:
        return "No plan states a target, so there is no plan to break down by section."
    total = int(per_doc.loc[per_doc["doc_id"] == doc_id, "n_targets"].iloc[0])
    text = f"By section, for the plan with the most targets: {_name(labels, doc_id)} ({count(total, 'target')})."
    sections = per_section.dropna(subset=["section"]) if per_section is not None else pd.DataFrame()
    if sections.empty:
        return f"{text} It has no numbered sections, so its items form one row."
    top = sections.loc[sections["n_targets"].idxmax()]
    return (f"{text} Its section with most targets is {int(top['section'])} {top['section_title']} "
            f"({int(top['n_targets'])}, {share(top['n_targets'], total)}).")


# --------------------------------------------------------------------------- domains


def domains_statement(per_domain: pd.DataFrame, with_domains: pd.DataFrame, labels: Labels = None, top: int = 3,
                      dominance: float = 0.5, min_targets: int = 3) -> str:
    """The *top* domains by targets, whether one plan or one item states more than *dominance* of
    any of them with at least *min_targets* targets (a bar that is one plan's format, not a corpus
    pattern), and the domain quantified in most plans.

    *per_domain* is :func:`~wpanalysis.targets.tables.targets_per_domain`, *with_domains*
    :func:`~wpanalysis.targets.tables.attach_domains`.

    >>> wd = pd.DataFrame({"doc_id": ["a"] * 6 + ["b", "b"], "item_number": [1, 1, 1, 1, 2, 3, 1, 1],
    ...                    "domain_zh": ["学前"] * 6 + ["义教", "学前"]})
    >>> pdm = pd.DataFrame({"zh": ["学前", "义教"], "n_targets": [7, 1], "n_docs": [2, 1]})
    >>> print(domains_statement(pdm, wd))  # doctest: +NORMALIZE_WHITESPACE
    Most targets sit in 学前 (7) and 义教 (1). Of these, one plan states more than half in 学前 (a, 6 of 7); one
    item does in 学前 (a item 1, 4 of 7). The domain quantified in most plans is 学前 (2 plans).
    """
    if per_domain.empty:
        return "No targets, so no domain counts."
    head = per_domain.head(top)
    if len(per_domain) == 1:
        n = int(head["n_targets"].iloc[0])
        parts = [f"The only target sits in {head['zh'].iloc[0]}." if n == 1 else
                 f"All {count(n, 'target')} sit in {head['zh'].iloc[0]}."]
    else:
        parts = [f"Most targets sit in {listing(f'{z} ({n:,})' for z, n in zip(head['zh'], head['n_targets']))}."]
    parts.append(_dominance(with_domains[with_domains["domain_zh"].isin(head["zh"])], labels, dominance,
                            "them" if len(head) == 1 else "these", min_targets))
    parts = [p for p in parts if p]
    widest = per_domain[per_domain["n_docs"] == per_domain["n_docs"].max()]
    if with_domains["doc_id"].nunique() > 1 and per_domain["n_docs"].max() > 1:
        k = int(widest["n_docs"].iloc[0])
        parts.append(f"The domain quantified in most plans is {widest['zh'].iloc[0]} ({count(k, 'plan')})."
                     if len(widest) == 1 else
                     f"The domains quantified in most plans ({count(k, 'plan')} each) are {listing(widest['zh'])}.")
    return " ".join(parts)


def _dominance(with_domains: pd.DataFrame, labels: Labels, dominance: float, these: str, min_targets: int) -> str:
    """Which of the domains in *with_domains* (with *min_targets* or more) owe more than *dominance*
    of their targets to one plan / one item."""
    several = with_domains["doc_id"].nunique() > 1
    by_plan, by_item, checked, skipped = [], [], 0, 0
    for zh, sub in with_domains.groupby("domain_zh", sort=False):
        if len(sub) < min_targets:
            skipped += 1
            continue
        checked += 1
        plan = sub["doc_id"].value_counts(sort=False).sort_values(ascending=False, kind="stable")
        item = sub.groupby(["doc_id", "item_number"], sort=False).size().sort_values(ascending=False, kind="stable")
        if several and plan.iloc[0] > dominance * len(sub):
            by_plan.append(f"{zh} ({_name(labels, plan.index[0])}, {plan.iloc[0]} of {len(sub)})")
        if item.iloc[0] > dominance * len(sub):
            doc_id, number = item.index[0]
            by_item.append(f"{zh} ({_name(labels, doc_id)} item {number}, {item.iloc[0]} of {len(sub)})")
    what = "more than half" if dominance == 0.5 else f"more than {share(dominance, 1)}"
    if not checked:
        return ""
    if not by_plan and not by_item:
        scope = f" with {min_targets} targets or more" if skipped else ""
        return (f"None of {these}{scope} owes {what} of its targets to one plan or one item." if these == "these"
                else f"No plan or item states {what} of them.")
    clauses = [f"one plan states {what} in {listing(by_plan)}"] if by_plan else []
    if by_item:
        clauses.append(f"one item does in {listing(by_item)}" if by_plan else
                       f"one item states {what} in {listing(by_item)}")
    return f"Of {these}, {'; '.join(clauses)}."


# --------------------------------------------------------------------------- shared indicators


def shared_statement(coverage: pd.DataFrame, shared: pd.DataFrame, n_body_plans: int, min_docs: int = 2) -> str:
    """How many listed indicators at least *min_docs* plans share, and by how many plans each;
    how many shared values state a target year.

    *coverage* is :func:`~wpanalysis.targets.indicators.indicator_coverage`, *shared*
    :func:`~wpanalysis.targets.indicators.shared_indicators` with the same *min_docs*.

    >>> cov = pd.DataFrame({"zh": ["毛入园率", "新增学位", "近视率"], "n_docs": [2, 3, 0]})
    >>> shared = pd.DataFrame({"year": [pd.NA, 2025, pd.NA, pd.NA, pd.NA]})
    >>> print(shared_statement(cov, shared, n_body_plans=4))  # doctest: +NORMALIZE_WHITESPACE
    2 of the 3 listed indicators are stated by at least 2 plans: 新增学位 (3 plans) and 毛入园率 (2). None is stated by
    more than 3 of the 4 plans with body text; 1 listed indicator is stated by no plan. 1 of the 5 shared values
    states a target year; the others are for the plan's own year.
    """
    listed = len(coverage)
    shared_cov = coverage[coverage["n_docs"] >= min_docs].sort_values("n_docs", ascending=False, kind="stable")
    if shared_cov.empty:
        text = (f"None of the {count(listed, 'listed indicator')} is stated by {min_docs} plans or more, "
                "so there are no values to set side by side")
        if n_body_plans < min_docs:
            text += f" (the corpus has {count(n_body_plans, 'plan')} with body text)"
        return text + "."
    named = [f"{z} ({count(n, 'plan')})" if k == 0 else f"{z} ({n})"
             for k, (z, n) in enumerate(zip(shared_cov["zh"], shared_cov["n_docs"]))]
    verb = _verb(len(shared_cov), "is", "are")
    parts = [f"{len(shared_cov)} of the {count(listed, 'listed indicator')} {verb} stated by at least "
             f"{min_docs} plans: {listing(named)}."]
    most = int(shared_cov["n_docs"].iloc[0])
    if most < n_body_plans:
        text = f"None is stated by more than {most} of the {count(n_body_plans, 'plan')} with body text"
    else:
        every = shared_cov[shared_cov["n_docs"] == most]["zh"]
        text = f"{listing(every)} {_verb(len(every), 'is', 'are')} stated by every plan with body text"
    unstated = int((coverage["n_docs"] == 0).sum())
    parts.append(text + (f"; {count(unstated, 'listed indicator')} {_verb(unstated, 'is', 'are')} stated by no plan."
                         if unstated else "."))
    with_year, n_values = int(shared["year"].notna().sum()), len(shared)
    parts.append(f"None of the {count(n_values, 'shared value')} states a target year: each is for the plan's own year."
                 if with_year == 0 else
                 f"{with_year} of the {count(n_values, 'shared value')} {_verb(with_year, 'states', 'state')} a target "
                 "year; the others are for the plan's own year.")
    return " ".join(parts)


# --------------------------------------------------------------------------- evaluation


def evaluation_statement(table: pd.DataFrame, n_docs: int, n_left_out: int = 0,
                         name: str = "data/annotations/targets_gold.csv", threshold: float = 0.9,
                         min_gold: int = 30) -> str:
    """Precision and recall on the annotated sample with its N, per split; the verdict against
    *threshold* (or "rough" under *min_gold* annotated targets); span and wording agreement; where to
    read who annotated.

    *table* is :func:`~wpanalysis.targets.evaluate.evaluation_table` of
    :func:`~wpanalysis.targets.evaluate.score_sample` (its last row is ``all``); *n_docs* the plans
    of the sample in this corpus, *n_left_out* those that are not.

    >>> table = pd.DataFrame({"sample": ["all"], "n_items": [4], "n_gold": [10], "n_predicted": [10],
    ...     "n_matched": [10], "precision": [1.0], "recall": [1.0], "raw_equal": [1.0],
    ...     "indicator_equal": [0.8], "indicator_f1": [0.95]})
    >>> print(evaluation_statement(table, n_docs=2))  # doctest: +NORMALIZE_WHITESPACE
    The annotated sample (`data/annotations/targets_gold.csv`) lists 4 items of 2 plans, with 10 targets.
    Precision is 1.000 (10/10) and recall 1.000 (10/10). With fewer than 30 annotated targets these scores are
    rough. When a target is found, its span agrees exactly with the annotation in 100% of pairs and its
    indicator wording in 80% (character-overlap F1 0.95).
    <BLANKLINE>
    *Who annotated.* The sample was annotated by hand; `data/annotations/README.md` records who annotated it, in
    what order, and how blind the annotation was to the extractor's rules. Scores on a sample that the rules'
    author annotated or wrote the rules on are an upper bound.
    """
    scope = f"The annotated sample (`{name}`)"
    left = (f" ({count(n_left_out, 'plan')} of the sample {_verb(n_left_out, 'is', 'are')} not in this corpus "
            "and left out)") if n_left_out else ""
    total = table.iloc[-1]
    if int(total["n_items"] or 0) == 0:
        return f"{scope} lists no item of this corpus{left}, so the extractor's precision and recall on it are unknown."
    parts = [f"{scope} lists {count(int(total['n_items']), 'item')} of {count(n_docs, 'plan')}{left}, with "
             f"{count(int(total['n_gold']), 'target')}.", _scores(total, "Precision is", "and recall")]
    splits = table.iloc[:-1]
    if len(splits):
        parts.append("By split: " + "; ".join(
            f"{row['sample']}, precision {row['precision']:.3f} and recall {row['recall']:.3f} "
            f"({count(int(row['n_gold']), 'target')} in {count(int(row['n_items']), 'item')})"
            for _, row in splits.iterrows()) + ".")
    parts.append(_verdict(total, threshold, min_gold))
    if int(total["n_matched"]):
        parts.append(f"When a target is found, its span agrees exactly with the annotation in "
                     f"{share(total['raw_equal'], 1)} of pairs and its indicator wording in "
                     f"{share(total['indicator_equal'], 1)} (character-overlap F1 {total['indicator_f1']:.2f}).")
    heldout = " The held-out split, if it was scored once with the rules frozen, is the fairer figure." \
        if "heldout" in set(splits["sample"]) else ""
    who = ("*Who annotated.* The sample was annotated by hand; `data/annotations/README.md` records who annotated "
           "it, in what order, and how blind the annotation was to the extractor's rules. Scores on a sample that "
           f"the rules' author annotated or wrote the rules on are an upper bound.{heldout}")
    return " ".join(parts) + "\n\n" + who


def _scores(row: pd.Series, first: str, second: str) -> str:
    m = int(row["n_matched"])
    return (f"{first} {row['precision']:.3f} ({m}/{int(row['n_predicted'])}) {second} {row['recall']:.3f} "
            f"({m}/{int(row['n_gold'])}).")


def _verdict(row: pd.Series, threshold: float, min_gold: int) -> str:
    if int(row["n_gold"]) < min_gold:
        return f"With fewer than {min_gold} annotated targets these scores are rough."
    low = [w for w, v in (("precision", row["precision"]), ("recall", row["recall"])) if v < threshold]
    if not low:
        return (f"Both are at least {threshold}: on plans like these, the counts above can be read as the plans' "
                "targets.")
    what = "both" if len(low) == 2 else low[0]
    return (f"{what.capitalize()} {_verb(len(low), 'is', 'are')} below {threshold}: read the false positives and "
            "negatives (`score_sample(...)[\"all\"]`) before relying on the counts above.")


def no_sample_statement(name: str = "data/annotations/targets_gold.csv", n_items: int = 60, seed: int = 0,
                        sample_name: str = "targets_sample.csv") -> str:
    """What to do when the corpus has no annotated sample: the exact call that draws one.

    >>> print(no_sample_statement(n_items=40).splitlines()[-2])
    evaluate.draw_sample(corpus.items, n_items=40, seed=0, path=paths.annotations / "targets_sample.csv")
    """
    call = (f"evaluate.draw_sample(corpus.items, n_items={n_items}, seed={seed}, "
            f"path=paths.annotations / \"{sample_name}\")")
    return (f"No annotated sample for this corpus (`{name}` does not exist), so the extractor's precision and "
            "recall on these plans are unknown. To measure them, draw a sample of items into a CSV, write every "
            "target of each item into it as `data/annotations/README.md` describes (one row per target; an item "
            f"with none keeps its empty row), say in the README who annotated, and save the file as `{name}`:"
            f"\n\n```python\n{call}\n```")


# --------------------------------------------------------------------------- concordances


def _words(counts: pd.Series | None, top: int) -> str:
    if counts is None or counts.empty:
        return "none"
    return listing((f"{w} ×{n}" if n > 1 else str(w)) for w, n in counts.head(top).items())


def concordance_statement(summary: pd.DataFrame, before: Mapping[str, pd.Series] | None = None,
                          after: Mapping[str, pd.Series] | None = None, top: int = 4) -> str:
    """One bullet per term: hits, items and plans (or that it has none), the targets those items
    state, and the words written right before and after it.

    *summary* is :func:`wpanalysis.kwic.term_summary`; *before* / *after* map a term to
    :func:`wpanalysis.kwic.neighbours`.

    >>> summary = pd.DataFrame({"term": ["双减", "县管校聘"], "n_docs": [2, 0], "n_hits": [4, 0], "n_items": [3, 0],
    ...                         "n_targets": [2, 0], "n_docs_with_targets": [1, 0]})
    >>> before = {"双减": pd.Series({"落实": 2, "巩固": 1})}
    >>> print(concordance_statement(summary, before))  # doctest: +NORMALIZE_WHITESPACE
    - **双减**: 4 hits in 3 items of 2 plans; those items state 2 targets, in 1 plan. Written right before it: 落实
    ×2 and 巩固; right after it: none.
    - **县管校聘**: no hit in this corpus.
    """
    lines = []
    for row in summary.itertuples(index=False):
        if row.n_hits == 0:
            lines.append(f"**{row.term}**: no hit in this corpus.")
            continue
        text = (f"**{row.term}**: {count(row.n_hits, 'hit')} in {count(row.n_items, 'item')} of "
                f"{count(row.n_docs, 'plan')}")
        if "n_targets" in summary.columns:
            text += (f"; those items state {count(row.n_targets, 'target')}, in "
                     f"{count(row.n_docs_with_targets, 'plan')}" if row.n_targets else
                     "; none of those items states a target")
        if before is not None or after is not None:
            text += (f". Written right before it: {_words((before or {}).get(row.term), top)}; "
                     f"right after it: {_words((after or {}).get(row.term), top)}")
        lines.append(text + ".")
    return bullet_list(lines)


def lines_statement(term: str, n_shown: int, n_hits: int) -> str:
    """The line above a concordance: all hits, or how many are shown and how they were chosen.

    >>> lines_statement("双减", 2, 2), lines_statement("双减", 0, 0)
    ('**双减** — all 2 hits:', '**双减** — no hit.')
    >>> lines_statement("双减", 30, 460)
    "**双减** — 30 of 460 hits, spread over the plans (each plan's first hit, then its second, …):"
    """
    if n_hits == 0:
        return f"**{term}** — no hit."
    if n_shown >= n_hits:
        return f"**{term}** — the only hit:" if n_hits == 1 else f"**{term}** — all {count(n_hits, 'hit')}:"
    return (f"**{term}** — {n_shown} of {count(n_hits, 'hit')}, spread over the plans (each plan's first hit, "
            "then its second, …):")


# --------------------------------------------------------------------------- closing


def closing_statement(per_doc: pd.DataFrame, coverage: pd.DataFrame, evaluation: pd.DataFrame | None = None,
                      min_docs: int = 2, small_n: int = 30) -> str:
    """The closing bullets: targets and where they are, shared indicators, the extractor's score (or
    that it is unmeasured), and what the number of plans with body text allows (*small_n*).

    >>> per_doc = pd.DataFrame({"doc_id": ["a", "b"], "completeness": ["full", "outline-only"], "n_targets": [4, 0]})
    >>> cov = pd.DataFrame({"zh": ["毛入园率"], "n_docs": [1]})
    >>> print(closing_statement(per_doc, cov))  # doctest: +NORMALIZE_WHITESPACE
    - **4 targets** in the 2 plans; all of them in the 1 plan with body text.
    - No indicator of the list is stated by 2 plans or more.
    - Extractor: not measured on this corpus (no annotated sample).
    - **Small N.** 1 plan with body text (fewer than 30): read the tables as a description of these plans, not
    of bureaus in general. A plan with many targets may simply use a format (labelled fields, a summary item)
    that invites numbers.
    """
    total, n = int(per_doc["n_targets"].sum()), len(per_doc)
    body = per_doc[per_doc["doc_id"].isin(full_text_ids(per_doc))]
    in_body = int(body["n_targets"].sum())
    where = "all of them" if in_body == total else f"{in_body:,} of them"
    if not total:
        lines = [f"No target in the {count(n, 'plan')}."]
    elif body.empty:
        lines = [f"**{count(total, 'target')}** in the {count(n, 'plan')}, none of which has body text."]
    else:
        lines = [f"**{count(total, 'target')}** in the {count(n, 'plan')}; {where} in the "
                 f"{count(len(body), 'plan')} with body text."]
    shared = coverage[coverage["n_docs"] >= min_docs]
    lines.append(f"{count(len(shared), 'shared indicator')} (stated by {min_docs} plans or more), the most widely "
                 f"by {int(shared['n_docs'].max())} plans." if len(shared) else
                 f"No indicator of the list is stated by {min_docs} plans or more.")
    if evaluation is not None and len(evaluation) and int(evaluation.iloc[-1]["n_gold"] or 0):
        lines.append("Extractor: " + _scores(evaluation.iloc[-1], "precision", "and recall")[:-1]
                     + " on the annotated sample (see its README for who annotated it).")
    else:
        lines.append("Extractor: not measured on this corpus (no annotated sample).")
    b = len(body)
    fmt = ("A plan with many targets may simply use a format (labelled fields, a summary item) that invites numbers.")
    lines.append(f"**Small N.** {count(b, 'plan')} with body text (fewer than {small_n}): read the tables as a "
                 f"description of these plans, not of bureaus in general. {fmt}" if b < small_n else
                 f"{count(b, 'plan')} with body text: enough to describe the corpus; what it says about bureaus "
                 f"in general depends on how the plans were collected. {fmt}")
    return bullet_list(lines)
