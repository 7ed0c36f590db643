"""Generated statements of notebook 05: quantitative targets, shared indicators, the extractor's
scores on an annotated sample, and concordances.

Each function takes the tables of :mod:`wpanalysis.targets` / :mod:`wpanalysis.kwic` and returns
Markdown; thresholds that choose a word ("more than half", "rough", "below") are parameters and
are named in the sentence.

>>> per_doc = pd.DataFrame({"doc_id": ["a"], "completeness": ["full"], "n_items": [4], "n_items_with_body": [4],
...                         "n_items_with_targets": [2], "n_targets": [3], "targets_per_10_items": [7.5]})
>>> targets_overview(per_doc)
'**3 targets** in the only plan; 2 of its 4 items state at least one.'
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..inference import loo_summary
from ..registry import full_text_ids
from ..targets.tables import plan_with_most_targets
from . import bullet_list, count, listing, share
from .design import NAMES, influence

__all__ = [
    "targets_overview",
    "section_statement",
    "domains_statement",
    "shared_statement",
    "evaluation_statement",
    "who_coded",
    "no_sample_statement",
    "measures_statement",
    "weighting_statement",
    "group_tests_statement",
    "rate_loo_statement",
    "headline_loo_statement",
    "reference_statement",
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
    body text, the 2 plans with body text range from 1.5 (b) to 9.0 (a); median 5.2.
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
    rates = per_doc[per_doc["doc_id"].isin(full_text_ids(per_doc))].dropna(subset=["targets_per_10_items"])
    if len(rates) > 1:
        lo, hi = rates.loc[rates["targets_per_10_items"].idxmin()], rates.loc[rates["targets_per_10_items"].idxmax()]
        parts.append(f"Per 10 items with body text, the {count(len(rates), 'plan')} with body text range from "
                     f"{lo['targets_per_10_items']:.1f} ({_name(labels, lo['doc_id'])}) to "
                     f"{hi['targets_per_10_items']:.1f} ({_name(labels, hi['doc_id'])}); median "
                     f"{rates['targets_per_10_items'].median():.1f}.")
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
                         min_gold: int = 30, coder: str | None = None) -> str:
    """Precision and recall on the annotated sample with its N, per split; the verdict against
    *threshold* (or "rough" under *min_gold* annotated targets); span and wording agreement; where to
    read who annotated.

    *table* is :func:`~wpanalysis.targets.evaluate.evaluation_table` of
    :func:`~wpanalysis.targets.evaluate.score_sample` (its last row is ``all``); *n_docs* the plans
    of the sample in this corpus, *n_left_out* those that are not; *coder* who coded the sample, by
    role, as the annotations README records it (:func:`~wpanalysis.targets.evaluate.coded_by`).

    >>> table = pd.DataFrame({"sample": ["all"], "n_items": [4], "n_gold": [10], "n_predicted": [10],
    ...     "n_matched": [10], "precision": [1.0], "recall": [1.0], "raw_equal": [1.0],
    ...     "indicator_equal": [0.8], "indicator_f1": [0.95]})
    >>> print(evaluation_statement(table, n_docs=2))  # doctest: +NORMALIZE_WHITESPACE
    The annotated sample (`data/annotations/targets_gold.csv`) lists 4 items of 2 plans, with 10 targets.
    Precision is 1.000 (10/10) and recall 1.000 (10/10). With fewer than 30 annotated targets these scores are
    rough. When a target is found, its span agrees exactly with the annotation in 100% of pairs and its
    indicator wording in 80% (character-overlap F1 0.95).
    <BLANKLINE>
    *Who annotated.* `data/annotations/README.md` does not record who coded this sample: record it, by role,
    before citing these scores. Scores on a sample that the rules' author annotated or wrote the rules on are an
    upper bound.
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
    return " ".join(parts) + "\n\n" + who_coded(coder, "heldout" in set(splits["sample"]))


def who_coded(coder: str | None, heldout: bool = False) -> str:
    """The paragraph on who coded an annotated sample, by role (*coder*: the README's words, or None).
    When the coder is the rules' author (the role names an author and no independent coder), it says
    that a check by the rules' author is not inter-coder reliability.

    >>> print(who_coded("the extractor's author alone"))  # doctest: +NORMALIZE_WHITESPACE
    *Who annotated.* `data/annotations/README.md` records: “the extractor's author alone”. The coder is the
    rules' author (the extractor's rules were written by the same person): a check by the rules' author is not
    inter-coder reliability, and the scores are an upper bound.
    """
    heldout_note = (" The held-out split, if it was scored once with the rules frozen, is the fairer figure."
                    if heldout else "")
    if not coder:
        return ("*Who annotated.* `data/annotations/README.md` does not record who coded this sample: record it, by "
                "role, before citing these scores. Scores on a sample that the rules' author annotated or wrote the "
                f"rules on are an upper bound.{heldout_note}")
    text = f"*Who annotated.* `data/annotations/README.md` records: “{coder}”."
    if "author" in coder.lower() and "independent" not in coder.lower():
        text += " The coder is the rules' author (the extractor's rules were written by the same person)"
        text += (", so the scores are an upper bound." if "not inter-coder reliability" in coder else
                 ": a check by the rules' author is not inter-coder reliability, and the scores are an upper bound.")
    return text + heldout_note



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


# --------------------------------------------------------------------------- measures and plans

_MEASURE_WORDS = {"level": "a level (达到95%)", "relative change": "a relative change (下降1%: a share of the "
                  "indicator's own value)", "absolute change": "an absolute change (提高2个百分点)",
                  "amount": "an amount (新增学位1200个)"}


def measures_statement(per_doc: pd.DataFrame, labels: Labels = None) -> str:
    """How many targets state each kind of quantity (:data:`wpanalysis.targets.measures.MEASURES`) and
    which plans state relative changes — which the tables and figures keep apart from levels.

    *per_doc* is :func:`~wpanalysis.targets.tables.targets_per_document` of a targets table with ``measure``.

    >>> per_doc = pd.DataFrame({"doc_id": ["a", "b"], "n_targets": [5, 3], "n_level": [2, 1],
    ...     "n_relative_change": [1, 0], "n_absolute_change": [0, 0], "n_amount": [2, 2]})
    >>> print(measures_statement(per_doc, {"a": "甲 2024"}))  # doctest: +NORMALIZE_WHITESPACE
    Of the 8 targets, 3 state a level (达到95%), 1 a relative change (下降1%: a share of the indicator's own value),
    0 an absolute change (提高2个百分点) and 4 an amount (新增学位1200个). The relative change is in 1 plan (甲 2024):
    it is in percent of the indicator's own value, not in percentage points, so no table or figure below puts it
    on one axis or in one sum with a level or a change in points.
    """
    total = int(per_doc["n_targets"].sum())
    if total == 0:
        return "No target, so there are no kinds of quantity to count."
    counts = {k: int(per_doc[f"n_{k.replace(' ', '_')}"].sum()) for k in _MEASURE_WORDS}
    words = [f"{n:,} {_MEASURE_WORDS[k]}" for k, n in counts.items()]
    first = words[0].replace(" a level", " state a level", 1)
    text = f"Of the {count(total, 'target')}, {first}, {listing(words[1:])}."
    relative = per_doc[per_doc["n_relative_change"] > 0]
    if counts["relative change"] == 0:
        return text + " No target states a relative change, so every percentage below is a level."
    one = counts["relative change"] == 1
    text += (f" The relative {'change is' if one else 'changes are'} in {count(len(relative), 'plan')} "
             f"({listing(_name(labels, d) for d in relative['doc_id'])}): {'it is' if one else 'they are'} in percent "
             "of the indicator's own value, not in percentage points, so no table or figure below puts "
             f"{'it' if one else 'them'} on one axis or in one sum with a level or a change in points.")
    return text


def _rate(value: float, digits: int = 1) -> str:
    return "—" if pd.isna(value) else f"{value:.{digits}f}"


def weighting_statement(summary: pd.DataFrame, min_shift: float = 0.05) -> str:
    """The plan-level figures, plan-weighted (each plan with body text weighs 1, the declared rule)
    beside pooled, and the share the weighting moves most (named when it moves by *min_shift* or more).

    *summary* is :func:`wpanalysis.targets.plans.plan_summary`.

    >>> summary = pd.DataFrame({"figure": ["targets per 10 items", "targets per 10,000 characters",
    ...     "share of targets: level", "share of targets: amount"], "n_plans": [2, 2, 2, 2],
    ...     "plan_weighted": [2.5, 25.0, 0.625, 0.375], "median": [2.5, 25.0, 0.625, 0.375],
    ...     "pooled": [2.5, 25.0, 0.4, 0.6], "difference": [0.0, 0.0, -0.225, 0.225]})
    >>> print(weighting_statement(summary))  # doctest: +NORMALIZE_WHITESPACE
    Each plan with body text weighs 1 (the declared rule); pooled figures, in which the longest plans weigh most,
    stand beside them. Over the 2 plans with body text, a plan states on average 2.5 targets per 10 items with
    body text (median 2.5; pooled over all their items 2.5) and 25.0 per 10,000 characters (median 25.0; pooled
    25.0). Share of a plan's targets, plan-weighted (pooled): level 62% (40%) and amount 38% (60%). The weighting
    moves a figure most for the level share: 62% plan-weighted against 40% pooled.
    """
    rows = summary.set_index("figure")
    n = int(rows["n_plans"].iloc[0]) if len(rows) else 0
    if n == 0:
        return "No plan has body text, so there is no plan-level rate of targets."
    per10, per10k = rows.loc["targets per 10 items"], rows.loc["targets per 10,000 characters"]
    head = ("Each plan with body text weighs 1 (the declared rule); pooled figures, in which the longest plans "
            "weigh most, stand beside them. ")
    if n == 1:
        return head + (f"Only 1 plan has body text: it states {_rate(per10['plan_weighted'])} targets per 10 items and "
                       f"{_rate(per10k['plan_weighted'])} per 10,000 characters, and plan-weighted and pooled "
                       "figures coincide.")
    text = head + (f"Over the {count(n, 'plan')} with body text, a plan states on average "
                   f"{_rate(per10['plan_weighted'])} targets per 10 items with body text (median "
                   f"{_rate(per10['median'])}; pooled over all their items {_rate(per10['pooled'])}) and "
                   f"{_rate(per10k['plan_weighted'])} per 10,000 characters (median {_rate(per10k['median'])}; pooled "
                   f"{_rate(per10k['pooled'])}).")
    shares = summary[summary["figure"].str.startswith("share of targets: ")]
    shares = shares[(shares["plan_weighted"] > 0) | (shares["pooled"] > 0)]
    if len(shares):
        kinds = [f"{f.removeprefix('share of targets: ')} {share(w, 1)} ({share(p, 1)})"
                 for f, w, p in zip(shares["figure"], shares["plan_weighted"], shares["pooled"])]
        text += f" Share of a plan's targets, plan-weighted (pooled): {listing(kinds)}."
        top = shares.loc[shares["difference"].abs().idxmax()]
        if abs(top["difference"]) < min_shift:
            text += f" No share moves by {100 * min_shift:g} points or more between the two weightings."
        else:
            kind = top["figure"].removeprefix("share of targets: ")
            text += (f" The weighting moves a figure most for the {kind} share: "
                     f"{share(top['plan_weighted'], 1)} plan-weighted against {share(top['pooled'], 1)} pooled.")
    return text


def conclusion_level(tests: pd.DataFrame | None, n_plans: int, alpha: float = 0.05) -> str:
    """The level a conclusion about groups of plans can be stated at, from the family of tests.

    >>> conclusion_level(None, 6), conclusion_level(pd.DataFrame({"can_reach": [True], "significant_bh": [True]}), 120)
    ('in these 6 plans, descriptive only', 'at plan level, over these 120 plans')
    """
    if tests is None or tests.empty or not tests["can_reach"].any():
        return f"in these {count(n_plans, 'plan')}, descriptive only"
    if not tests["significant_bh"].any():
        return f"in these {count(n_plans, 'plan')}: no plan-level difference survives the correction"
    return f"at plan level, over these {count(n_plans, 'plan')}"


def group_tests_statement(tests: pd.DataFrame, n_plans: int, min_plans: int = 2, alpha: float = 0.05) -> str:
    """The plan-level comparison of target rates between registry groups in words: the declared
    family (its size), how many tests can reach *alpha* at all given the group sizes, how many pass
    Benjamini–Hochberg and Bonferroni, the smallest p with its attainable minimum, and the level
    the conclusion can be stated at.

    *tests* is :func:`wpanalysis.inference.group_tests` of :func:`wpanalysis.targets.plans.rates_long`
    (``key="rate"``); *n_plans* the plans with body text.

    >>> t = pd.DataFrame({"grouping": ["admin_level"], "group_a": ["city"], "group_b": ["county"], "n_plans_a": [4],
    ...     "n_plans_b": [2], "rate": ["targets per 10 items"], "mean_a": [14.2], "mean_b": [5.1], "p": [0.133],
    ...     "min_p": [0.0667], "can_reach": [False], "p_bh": [0.133], "p_bonferroni": [0.133],
    ...     "significant_bh": [False], "significant_bonferroni": [False]})
    >>> print(group_tests_statement(t, 6))  # doctest: +NORMALIZE_WHITESPACE
    The declared family holds 1 test (1 group pair × 1 rate), each a permutation test of the difference of plan
    means (each plan weighs 1), with Benjamini–Hochberg and Bonferroni over all of them. With these group sizes
    none can reach p < 0.05 whatever the data (the smallest attainable p is 0.0667, for 4 against 2 plans). The
    smallest p: targets per 10 items in admin_level `city` (4 plans, mean 14.2) against `county` (2 plans, 5.1),
    p = 0.133 (BH 0.133, Bonferroni 0.133). So: in these 6 plans, descriptive only.
    """
    if tests is None or tests.empty:
        return (f"No grouping of the {count(n_plans, 'plan')} with body text has two groups of at least {min_plans} "
                f"plans, so no plan-level comparison can be made: in these {count(n_plans, 'plan')}, "
                "descriptive only.")
    m = len(tests)
    pairs = len(tests[["grouping", "group_a", "group_b"]].drop_duplicates())
    rates = tests["rate"].nunique()
    text = (f"The declared family holds {count(m, 'test')} ({count(pairs, 'group pair')} × {count(rates, 'rate')}), "
            "each a permutation test of the difference of plan means (each plan weighs 1), with Benjamini–Hochberg "
            "and Bonferroni over all of them.")
    reachable = int(tests["can_reach"].sum())
    if reachable == 0:
        best = tests.loc[tests["min_p"].idxmin()]
        text += (f" With these group sizes none can reach p < {alpha:g} whatever the data (the smallest attainable p "
                 f"is {best['min_p']:.4f}, for {int(best['n_plans_a'])} against {int(best['n_plans_b'])} plans).")
    else:
        n_bh, n_bonf = int(tests["significant_bh"].sum()), int(tests["significant_bonferroni"].sum())
        text += (f" {reachable:,} of them can reach p < {alpha:g} given their group sizes; {n_bh:,} "
                 f"{_verb(n_bh, 'is', 'are')} significant after Benjamini–Hochberg and {n_bonf:,} after Bonferroni.")
    top = tests.loc[tests["p"].idxmin()]
    n_a, n_b = count(int(top["n_plans_a"]), "plan"), count(int(top["n_plans_b"]), "plan")
    text += (f" The smallest p: {top['rate']} in {top['grouping']} `{top['group_a']}` ({n_a}, mean "
             f"{_rate(top['mean_a'])}) against `{top['group_b']}` ({n_b}, {_rate(top['mean_b'])}), p = {top['p']:.3f} "
             f"(BH {top['p_bh']:.3f}, Bonferroni {top['p_bonferroni']:.3f}).")
    return text + f" So: {conclusion_level(tests, n_plans, alpha)}."


def rate_loo_statement(loo: pd.DataFrame, rate: str = "targets per 10 items", labels: Labels = None) -> str:
    """How far the corpus-wide figure moves when one plan at a time is left out: the range of the
    plan-weighted mean and of the median of *rate*, and the plan whose removal moves the mean most.

    *loo* is :func:`wpanalysis.targets.plans.loo_rate` (values on all plans in ``attrs``).

    >>> loo = pd.DataFrame({"left_out": ["a", "b", "c"], "value": [4.0, 3.5, 1.5], "change": [1.0, 0.5, -1.5],
    ...                     "same_sign": [True] * 3, "median": [4.0, 3.5, 1.5]})
    >>> loo.attrs.update(full=3.0, full_median=2.0)
    >>> print(rate_loo_statement(loo, labels={"c": "丙区 2023"}))  # doctest: +NORMALIZE_WHITESPACE
    Leaving out one plan at a time (3 plans with body text), the plan-weighted mean of targets per 10 items
    ranges from 1.5 to 4.0 (all plans: 3.0) and the median from 1.5 to 4.0 (all plans: 2.0). The mean moves most
    without 丙区 2023: to 1.5, by -1.5 (50% of its value on all plans).
    """
    n = len(loo)
    if n == 0:
        return f"No plan has body text, so there is no plan-weighted mean of {rate} to leave plans out of."
    if n == 1:
        return (f"Only 1 plan has body text: the plan-weighted mean of {rate} is that plan's own, and leaving it out "
                "leaves no plan, so how much one plan moves it cannot be checked.")
    full, median = loo.attrs.get("full", float("nan")), loo.attrs.get("full_median", float("nan"))
    worst = loo.loc[loo["change"].abs().idxmax()]
    return (f"Leaving out one plan at a time ({count(n, 'plan')} with body text), the plan-weighted mean of {rate} "
            f"ranges from {_rate(loo['value'].min())} to {_rate(loo['value'].max())} (all plans: {_rate(full)}) and "
            f"the median from {_rate(loo['median'].min())} to {_rate(loo['median'].max())} (all plans: "
            f"{_rate(median)}). The mean moves most without {_name(labels, worst['left_out'])}: to "
            f"{_rate(worst['value'])}, by {worst['change']:+.1f} ({share(abs(worst['change']), full)} of its value on "
            "all plans).")


def headline_loo_statement(headline: pd.Series | None, loo: pd.DataFrame | None, labels: Labels = None,
                           min_plans: int = 2) -> str:
    """The headline group difference of the rates (:func:`wpanalysis.targets.plans.headline_difference`)
    and how far it moves, and whether its sign holds, when one plan at a time is left out (*loo*:
    :func:`wpanalysis.targets.plans.loo_difference`; the sentence of
    :func:`wpanalysis.statements.design.influence`).

    >>> head = pd.Series({"grouping": "admin_level", "group_a": "city", "group_b": "county", "n_plans_a": 2,
    ...     "n_plans_b": 2, "rate": "targets per 10 items", "mean_a": 2.0, "mean_b": 0.5, "diff": 1.5})
    >>> loo = pd.DataFrame({"left_out": list("abcd"), "value": [2.5, 0.5, 1.0, 2.0], "change": [1.0, -1.0, -0.5, 0.5],
    ...                     "same_sign": [True] * 4})
    >>> loo.attrs["full"] = 1.5
    >>> print(headline_loo_statement(head, loo, {"b": "乙县 2024"}))  # doctest: +NORMALIZE_WHITESPACE
    The headline difference (the rule: the largest gap between two groups' plan means in targets per 10 items):
    admin level `city` (2 plans, mean 2.0) against `county` (2 plans, 0.5), a difference of 1.50. Leaving out one
    plan at a time (4 plans), the difference ranges from 0.50 to 2.50 (all plans: 1.50); it changes most without
    a (2.50). It keeps its sign whichever plan is left out.
    """
    if headline is None or loo is None or loo.empty:
        return (f"No grouping has two groups of at least {count(min_plans, 'plan')} with body text, so there is no "
                "group difference whose robustness to leaving out one plan could be checked.")
    h = headline
    text = (f"The headline difference (the rule: the largest gap between two groups' plan means in {h['rate']}): "
            f"{NAMES.get(h['grouping'], h['grouping'])} `{h['group_a']}` ({count(int(h['n_plans_a']), 'plan')}, mean "
            f"{_rate(h['mean_a'])}) against `{h['group_b']}` ({count(int(h['n_plans_b']), 'plan')}, "
            f"{_rate(h['mean_b'])}), a difference of {h['diff']:.2f}.")
    if loo["value"].isna().all():
        return text + " Each group has a single plan, so leaving one out leaves nothing to compare."
    return text + " " + influence(loo, loo_summary(loo), "the difference", labels, digits=2)


def reference_statement(values: pd.DataFrame, refs: pd.DataFrame) -> str:
    """For each national reference (:func:`wpanalysis.targets.indicators.references`) that plans state a
    value for (*values*: :func:`~wpanalysis.targets.indicators.indicator_targets`): whether the plans'
    values are of the reference's kind (measure and unit) and so can be read against it, or not.

    >>> refs = pd.DataFrame({"indicator_id": ["m"], "indicator_zh": ["近视率年降幅"], "comparator": [">="],
    ...     "value": [0.5], "unit": ["百分点"], "measure": ["absolute change"], "year": [2023], "source": ["方案"],
    ...     "kind": ["absolute change (percentage points)"]})
    >>> values = pd.DataFrame({"indicator_id": ["m", "m"], "doc_id": ["a", "b"], "unit": ["%", "%"],
    ...                        "measure": ["relative change"] * 2})
    >>> print(reference_statement(values, refs))  # doctest: +NORMALIZE_WHITESPACE
    - **近视率年降幅**: the national reference (≥ 0.5 百分点 by 2023) is an absolute change (percentage points);
    the 2 plan values (2 plans) are of another kind, relative change (%): a change of 1% of the rate itself is not a
    change of 1 percentage point, so they are not read against it.
    """
    from ..targets.measures import measure_label

    lines = []
    for ref in refs.itertuples(index=False):
        sub = values[values["indicator_id"] == ref.indicator_id]
        if sub.empty:
            continue
        kinds = pd.Series([measure_label(str(m), u) for m, u in zip(sub["measure"], sub["unit"])], index=sub.index)
        same = kinds == ref.kind
        sign = {">=": "≥", "<=": "≤"}.get(ref.comparator, ref.comparator)
        article = "a" if ref.measure == "level" else "an"
        head = (f"**{ref.indicator_zh}**: the national reference ({sign} {ref.value:g} {ref.unit} by {ref.year}) is "
                f"{article} {ref.kind}")
        n, plans = len(sub), sub["doc_id"].nunique()
        if same.all():
            lines.append(f"{head}; the {count(n, 'plan value')} ({count(plans, 'plan')}) {_verb(n, 'is', 'are')} of "
                         "the same kind and can be read against it.")
            continue
        other = listing(dict.fromkeys(kinds[~same]))
        k = int((~same).sum())
        why = ("a change of 1% of the rate itself is not a change of 1 percentage point"
               if ref.measure == "absolute change" and kinds[~same].str.startswith("relative").any() else
               "values of another kind of quantity are not on the reference's scale")
        lines.append(f"{head}; {'the' if k == n else f'{k} of the'} {count(n, 'plan value')} ({count(plans, 'plan')}) "
                     f"{_verb(k, 'is', 'are')} of another kind, {other}: {why}, so "
                     f"{_verb(k, 'it is', 'they are')} not read against it.")
    if not lines:
        return "No plan states a value for an indicator the list gives a national reference for."
    return bullet_list(lines)


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
                      min_docs: int = 2, small_n: int = 30, coder: str | None = None,
                      tests: pd.DataFrame | None = None, alpha: float = 0.05) -> str:
    """The closing bullets: targets and where they are, shared indicators, the extractor's score (or
    that it is unmeasured) and who coded its sample (*coder*, by role), the level a comparison of
    groups supports (*tests*: :func:`group_tests_statement`'s table; left out when None), and what
    the number of plans with body text allows (*small_n*).

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
        author = coder and "author" in coder.lower() and "independent" not in coder.lower()
        who = ("coded by the rules' author: a check, not inter-coder reliability" if author else
               f"coded by {coder}" if coder else "its README does not say who coded it")
        lines.append("Extractor: " + _scores(evaluation.iloc[-1], "precision", "and recall")[:-1]
                     + f" on the annotated sample ({who}).")
    else:
        lines.append("Extractor: not measured on this corpus (no annotated sample).")
    b = len(body)
    if tests is not None:
        lines.append(f"**Groups of plans.** Target rates compared between registry groups: "
                     f"{conclusion_level(tests, b, alpha)}.")
    fmt = ("A plan with many targets may simply use a format (labelled fields, a summary item) that invites numbers.")
    lines.append(f"**Small N.** {count(b, 'plan')} with body text (fewer than {small_n}): read the tables as a "
                 f"description of these plans, not of bureaus in general. {fmt}" if b < small_n else
                 f"{count(b, 'plan')} with body text: enough to describe the corpus; what it says about bureaus "
                 f"in general depends on how the plans were collected. {fmt}")
    return bullet_list(lines)
