"""Generated statements of notebook 05: quantitative targets, shared indicators, the extractor's
scores on an annotated sample, and concordances.

Each function takes the tables of :mod:`wpanalysis.targets` / :mod:`wpanalysis.kwic` and returns
Markdown; thresholds that choose a word ("more than half", "rough", "below") are parameters and
are named in the sentence. Each takes ``language`` (``"en"``, the default, or ``"zh"``). The
statements on the plan as the unit live in :mod:`wpanalysis.statements.target_plans` and those on
the extractor's scores in :mod:`wpanalysis.statements.target_evaluation`; this module re-exports them.

>>> per_doc = pd.DataFrame({"doc_id": ["a"], "completeness": ["full"], "n_items": [4], "n_items_with_body": [4],
...                         "n_items_with_targets": [2], "n_targets": [3], "targets_per_10_items": [7.5]})
>>> targets_overview(per_doc)
'**3 targets** in the only plan; 2 of its 4 items state at least one.'
>>> targets_overview(per_doc, language="zh")
'唯一的一份要点中共有 **3 条量化目标**；其 4 个条目中有 2 个至少提出一条。'
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..kwic import format_concordance
from ..registry import full_text_ids
from ..targets.tables import plan_with_most_targets
from . import bullet_list, count, listing, pick, share
from .target_evaluation import evaluation_statement, is_author, no_sample_statement, scores_text, who_coded
from .target_plans import (
    Labels,
    _name,
    _verb,
    conclusion_level,
    group_tests_statement,
    headline_loo_statement,
    kind_text,
    measures_statement,
    rate_loo_statement,
    spaced,
    table_view,
    weighting_statement,
)

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
    "conclusion_level",
    "group_tests_statement",
    "rate_loo_statement",
    "headline_loo_statement",
    "reference_statement",
    "concordance_statement",
    "lines_statement",
    "concordance_lines",
    "closing_statement",
    "table_view",
]


# --------------------------------------------------------------------------- targets per plan


@spaced
def targets_overview(per_doc: pd.DataFrame, labels: Labels = None, language: str = "en") -> str:
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
    zh = language == "zh"
    n = len(per_doc)
    if n == 0:
        return pick(language, "No plan is registered, so there are no targets to count.",
                    "没有登记任何要点，因此没有可统计的量化目标。")
    total = int(per_doc["n_targets"].sum())
    if total == 0:
        return pick(language, f"No quantitative target was found in any of the {count(n, 'plan')}.",
                    f"{n:,} 份要点中都没有找到量化目标。")
    has = per_doc[per_doc["n_targets"] > 0]
    with_targets = int(per_doc["n_items_with_targets"].sum())
    n_items = int(per_doc["n_items"].sum())
    if zh:
        scope = "唯一的一份要点中" if n == 1 else (f"全部 {n:,} 份要点中" if len(has) == n else
                                             f"{n:,} 份要点中的 {len(has):,} 份")
        own = "其" if n == 1 else "这些要点的"
        parts = [f"{scope}共有 **{total:,} 条量化目标**；{own} {n_items:,} 个条目中有 {with_targets:,} 个"
                 "至少提出一条。"]
    else:
        scope = "the only plan" if n == 1 else (f"all {count(n, 'plan')}" if len(has) == n else
                                                f"{len(has)} of {count(n, 'plan')}")
        own = "its" if n == 1 else "their"
        parts = [f"**{count(total, 'target')}** in {scope}; {with_targets:,} of {own} "
                 f"{count(n_items, 'item')} {_verb(with_targets, 'states', 'state')} at least one."]
    parts += [_zeros(per_doc[per_doc["n_targets"] == 0], labels, language)] if len(has) < n else []
    if len(has) > 1:
        ranked = per_doc.sort_values("n_targets", ascending=False, kind="stable")
        first, second = ranked.iloc[0], ranked.iloc[1]
        both = int(first["n_targets"] + second["n_targets"])
        name1, name2 = _name(labels, first["doc_id"]), _name(labels, second["doc_id"])
        n1, s1, s2 = int(first["n_targets"]), share(first["n_targets"], total), share(both, total)
        if zh:
            text = f"目标最多的要点是{name1}，提出 {n1:,} 条（{s1}）"
            nxt = f"；加上第二多的{name2}，共 {both:,} 条（{s2}）。"
        else:
            text = f"The plan with most targets, {name1}, states {n1:,} ({s1})"
            nxt = f"; together with the next, {name2}, {both:,} ({s2})."
        parts.append(text + (nxt if len(has) > 2 else pick(language, ".", "。")))
    rates = per_doc[per_doc["doc_id"].isin(full_text_ids(per_doc))].dropna(subset=["targets_per_10_items"])
    if len(rates) > 1:
        lo, hi = rates.loc[rates["targets_per_10_items"].idxmin()], rates.loc[rates["targets_per_10_items"].idxmax()]
        low, high = f"{lo['targets_per_10_items']:.1f}", f"{hi['targets_per_10_items']:.1f}"
        median = f"{rates['targets_per_10_items'].median():.1f}"
        lo_name, hi_name = _name(labels, lo["doc_id"]), _name(labels, hi["doc_id"])
        parts.append(pick(language, f"Per 10 items with body text, the {count(len(rates), 'plan')} with body text "
                          f"range from {low} ({lo_name}) to {high} ({hi_name}); median {median}.",
                          f"按每 10 个有正文的条目计，{len(rates):,} 份有正文的要点从 {low}（{lo_name}）"
                          f"到 {high}（{hi_name}）不等；中位数 {median}。"))
    return ("" if zh else " ").join(parts)


def _zeros(zeros: pd.DataFrame, labels: Labels, language: str = "en") -> str:
    """The sentence on the plans that state no target."""
    k = len(zeros)
    bodiless = k - len(full_text_ids(zeros))
    names = listing((_name(labels, d) for d in zeros["doc_id"]), language=language, unit="份")
    if language == "zh":
        text = f"{names}没有提出量化目标"
        if bodiless == k:
            why = ("它没有正文，因此其零值不说明该教育局的任何情况" if k == 1 else
                   "它们都没有正文，因此其零值不说明这些教育局的任何情况")
            return f"{text}；{why}。"
        if bodiless:
            return f"{text}（其中 {bodiless:,} 份没有正文）。"
        return f"{text}，尽管{'它' if k == 1 else '它们'}有正文。"
    text = f"{names} {_verb(k, 'states', 'state')} none"
    if bodiless == k:
        why = ("it has no body text, so its zero says nothing about the bureau" if k == 1 else
               f"{'neither' if k == 2 else 'none of them'} has body text, so their zeros say nothing about the bureaus")
        return f"{text}; {why}."
    if bodiless:
        return f"{text} ({bodiless} of them without body text)."
    return f"{text}, although {_verb(k, 'it has', 'they have')} body text."


@spaced
def section_statement(per_doc: pd.DataFrame, per_section: pd.DataFrame | None, labels: Labels = None,
                      language: str = "en") -> str:
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
        return pick(language, "No plan states a target, so there is no plan to break down by section.",
                    "没有要点提出量化目标，因此没有可按部分细分的要点。")
    total = int(per_doc.loc[per_doc["doc_id"] == doc_id, "n_targets"].iloc[0])
    name = _name(labels, doc_id)
    text = pick(language, f"By section, for the plan with the most targets: {name} ({count(total, 'target')}).",
                f"按部分统计目标最多的要点：{name}（{total:,} 条目标）。")
    sections = per_section.dropna(subset=["section"]) if per_section is not None else pd.DataFrame()
    if sections.empty:
        return text + pick(language, " It has no numbered sections, so its items form one row.",
                           "它没有编号的部分，因此其条目合为一行。")
    top = sections.loc[sections["n_targets"].idxmax()]
    number, title, n, part = int(top["section"]), top["section_title"], int(top["n_targets"]), share(top["n_targets"],
                                                                                                      total)
    return text + pick(language, f" Its section with most targets is {number} {title} ({n}, {part}).",
                       f"其中目标最多的是第 {number} 部分“{title}”（{n:,} 条，{part}）。")


# --------------------------------------------------------------------------- domains


@spaced
def domains_statement(per_domain: pd.DataFrame, with_domains: pd.DataFrame, labels: Labels = None, top: int = 3,
                      dominance: float = 0.5, min_targets: int = 3, language: str = "en") -> str:
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
    zh = language == "zh"
    if per_domain.empty:
        return pick(language, "No targets, so no domain counts.", "没有量化目标，因此没有按领域的统计。")
    head = per_domain.head(top)
    if len(per_domain) == 1:
        n, domain = int(head["n_targets"].iloc[0]), head["zh"].iloc[0]
        parts = [pick(language, f"The only target sits in {domain}." if n == 1 else
                      f"All {count(n, 'target')} sit in {domain}.",
                      f"唯一的一条目标属于{domain}。" if n == 1 else f"全部 {n:,} 条目标都属于{domain}。")]
    else:
        pairs = list(zip(head["zh"], head["n_targets"]))
        parts = [pick(language, f"Most targets sit in {listing(f'{z} ({n:,})' for z, n in pairs)}.",
                      f"量化目标最多的领域是{listing((f'{z}（{n:,}）' for z, n in pairs), language='zh')}。")]
    parts.append(_dominance(with_domains[with_domains["domain_zh"].isin(head["zh"])], labels, dominance,
                            "them" if len(head) == 1 else "these", min_targets, language))
    parts = [p for p in parts if p]
    widest = per_domain[per_domain["n_docs"] == per_domain["n_docs"].max()]
    if with_domains["doc_id"].nunique() > 1 and per_domain["n_docs"].max() > 1:
        k = int(widest["n_docs"].iloc[0])
        if zh:
            parts.append(f"在最多要点中设有量化目标的领域是{widest['zh'].iloc[0]}（{k:,} 份要点）。"
                         if len(widest) == 1 else
                         f"在最多要点中设有量化目标的领域（各 {k:,} 份要点）是{listing(widest['zh'], language='zh')}。")
        else:
            parts.append(f"The domain quantified in most plans is {widest['zh'].iloc[0]} ({count(k, 'plan')})."
                         if len(widest) == 1 else
                         f"The domains quantified in most plans ({count(k, 'plan')} each) are {listing(widest['zh'])}.")
    return ("" if zh else " ").join(parts)


def _dominance(with_domains: pd.DataFrame, labels: Labels, dominance: float, these: str, min_targets: int,
               language: str = "en") -> str:
    """Which of the domains in *with_domains* (with *min_targets* or more) owe more than *dominance*
    of their targets to one plan / one item."""
    zh = language == "zh"
    several = with_domains["doc_id"].nunique() > 1
    by_plan, by_item, checked, skipped = [], [], 0, 0
    for domain, sub in with_domains.groupby("domain_zh", sort=False):
        if len(sub) < min_targets:
            skipped += 1
            continue
        checked += 1
        plan = sub["doc_id"].value_counts(sort=False).sort_values(ascending=False, kind="stable")
        item = sub.groupby(["doc_id", "item_number"], sort=False).size().sort_values(ascending=False, kind="stable")
        if several and plan.iloc[0] > dominance * len(sub):
            by_plan.append(f"{domain}（{_name(labels, plan.index[0])}，{len(sub)} 条中的 {plan.iloc[0]} 条）" if zh else
                           f"{domain} ({_name(labels, plan.index[0])}, {plan.iloc[0]} of {len(sub)})")
        if item.iloc[0] > dominance * len(sub):
            doc_id, number = item.index[0]
            by_item.append(f"{domain}（{_name(labels, doc_id)} 第 {number} 条，{len(sub)} 条中的 {item.iloc[0]} 条）"
                           if zh else f"{domain} ({_name(labels, doc_id)} item {number}, {item.iloc[0]} of {len(sub)})")
    if not checked:
        return ""
    if zh:
        what = "一半以上" if dominance == 0.5 else f"{share(dominance, 1)}以上"
        where = "这些领域" if these == "these" else "该领域"
        if not by_plan and not by_item:
            scope = f"（只看有 {min_targets} 条及以上目标的领域）" if skipped else ""
            return (f"在{where}中{scope}，没有哪一个有{what}的目标来自同一份要点或同一个条目。" if these == "these"
                    else f"没有哪份要点或哪个条目提出了其中{what}的目标。")
        clauses = [f"一份要点就提出了{listing(by_plan, language='zh')}{what}的目标"] if by_plan else []
        clauses += [f"一个条目就提出了{listing(by_item, language='zh')}{what}的目标"] if by_item else []
        return f"在{where}中，{'；'.join(clauses)}。"
    what = "more than half" if dominance == 0.5 else f"more than {share(dominance, 1)}"
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


def shared_statement(coverage: pd.DataFrame, shared: pd.DataFrame, n_body_plans: int, min_docs: int = 2,
                     language: str = "en") -> str:
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
    zh = language == "zh"
    listed = len(coverage)
    shared_cov = coverage[coverage["n_docs"] >= min_docs].sort_values("n_docs", ascending=False, kind="stable")
    if shared_cov.empty:
        text = pick(language, f"None of the {count(listed, 'listed indicator')} is stated by {min_docs} plans or more, "
                    "so there are no values to set side by side",
                    f"{listed:,} 项列出的指标中，没有一项由 {min_docs} 份或更多要点提出，因此没有可并列的数值")
        if n_body_plans < min_docs:
            text += pick(language, f" (the corpus has {count(n_body_plans, 'plan')} with body text)",
                         f"（语料中有正文的要点只有 {n_body_plans:,} 份）")
        return text + pick(language, ".", "。")
    if zh:
        named = [f"{z}（{n:,} 份要点）" if k == 0 else f"{z}（{n:,}）"
                 for k, (z, n) in enumerate(zip(shared_cov["zh"], shared_cov["n_docs"]))]
        parts = [f"{listed:,} 项列出的指标中，有 {len(shared_cov):,} 项至少由 {min_docs} 份要点提出："
                 f"{listing(named, language='zh')}。"]
    else:
        named = [f"{z} ({count(n, 'plan')})" if k == 0 else f"{z} ({n})"
                 for k, (z, n) in enumerate(zip(shared_cov["zh"], shared_cov["n_docs"]))]
        verb = _verb(len(shared_cov), "is", "are")
        parts = [f"{len(shared_cov)} of the {count(listed, 'listed indicator')} {verb} stated by at least "
                 f"{min_docs} plans: {listing(named)}."]
    most = int(shared_cov["n_docs"].iloc[0])
    every = shared_cov[shared_cov["n_docs"] == most]["zh"]
    if most < n_body_plans:
        text = pick(language, f"None is stated by more than {most} of the {count(n_body_plans, 'plan')} with body text",
                    f"没有哪项指标由 {n_body_plans:,} 份有正文的要点中超过 {most:,} 份提出")
    else:
        text = pick(language, f"{listing(every)} {_verb(len(every), 'is', 'are')} stated by every plan with body text",
                    f"{listing(every, language='zh')}由每份有正文的要点提出")
    unstated = int((coverage["n_docs"] == 0).sum())
    if unstated:
        text += pick(language, f"; {count(unstated, 'listed indicator')} {_verb(unstated, 'is', 'are')} stated by no "
                     "plan.", f"；{unstated:,} 项列出的指标没有任何要点提出。")
    else:
        text += pick(language, ".", "。")
    parts.append(text)
    with_year, n_values = int(shared["year"].notna().sum()), len(shared)
    if zh:
        parts.append(f"{n_values:,} 个共有数值都没有注明目标年份：每个都针对要点本身的年份。" if with_year == 0 else
                     f"{n_values:,} 个共有数值中有 {with_year:,} 个注明了目标年份；其余针对要点本身的年份。")
    else:
        parts.append(f"None of the {count(n_values, 'shared value')} states a target year: each is for the plan's own "
                     "year." if with_year == 0 else
                     f"{with_year} of the {count(n_values, 'shared value')} {_verb(with_year, 'states', 'state')} a "
                     "target year; the others are for the plan's own year.")
    return ("" if zh else " ").join(parts)


def reference_statement(values: pd.DataFrame, refs: pd.DataFrame, language: str = "en") -> str:
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

    zh = language == "zh"
    lines = []
    for ref in refs.itertuples(index=False):
        sub = values[values["indicator_id"] == ref.indicator_id]
        if sub.empty:
            continue
        kinds = pd.Series([measure_label(str(m), u) for m, u in zip(sub["measure"], sub["unit"])], index=sub.index)
        same = kinds == ref.kind
        sign = {">=": "≥", "<=": "≤"}.get(ref.comparator, ref.comparator)
        n, plans = len(sub), sub["doc_id"].nunique()
        if zh:
            head = (f"**{ref.indicator_zh}**：国家参照值（{sign} {ref.value:g} {ref.unit}，{ref.year} 年）属于"
                    f"{kind_text(ref.kind, language)}")
        else:
            article = "a" if ref.measure == "level" else "an"
            head = (f"**{ref.indicator_zh}**: the national reference ({sign} {ref.value:g} {ref.unit} by {ref.year}) "
                    f"is {article} {ref.kind}")
        if same.all():
            lines.append(f"{head}；{n:,} 个要点数值（{plans:,} 份要点）属于同一类型，可以与之对照。" if zh else
                         f"{head}; the {count(n, 'plan value')} ({count(plans, 'plan')}) {_verb(n, 'is', 'are')} of "
                         "the same kind and can be read against it.")
            continue
        other_kinds = list(dict.fromkeys(kinds[~same]))
        k = int((~same).sum())
        relative = ref.measure == "absolute change" and kinds[~same].str.startswith("relative").any()
        if zh:
            why = ("指标自身数值 1% 的变化不等于 1 个百分点的变化" if relative else
                   "另一类量的数值与参照值不在同一尺度上")
            which = "全部" if k == n else f"有 {k:,} 个"
            other = listing((kind_text(o, language) for o in other_kinds), language="zh")
            lines.append(f"{head}；{n:,} 个要点数值（{plans:,} 份要点）中{which}属于另一类型，即{other}：{why}，"
                         "因此不与之对照。")
            continue
        why = ("a change of 1% of the rate itself is not a change of 1 percentage point" if relative else
               "values of another kind of quantity are not on the reference's scale")
        lines.append(f"{head}; {'the' if k == n else f'{k} of the'} {count(n, 'plan value')} ({count(plans, 'plan')}) "
                     f"{_verb(k, 'is', 'are')} of another kind, {listing(other_kinds)}: {why}, so "
                     f"{_verb(k, 'it is', 'they are')} not read against it.")
    if not lines:
        return pick(language, "No plan states a value for an indicator the list gives a national reference for.",
                    "没有要点为清单中给出国家参照值的指标提出数值。")
    return bullet_list(lines)


# --------------------------------------------------------------------------- concordances


def _words(counts: pd.Series | None, top: int, language: str = "en") -> str:
    if counts is None or counts.empty:
        return pick(language, "none", "无")
    return listing(((f"{w} ×{n}" if n > 1 else str(w)) for w, n in counts.head(top).items()), language=language)


def concordance_statement(summary: pd.DataFrame, before: Mapping[str, pd.Series] | None = None,
                          after: Mapping[str, pd.Series] | None = None, top: int = 4, language: str = "en") -> str:
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
    zh = language == "zh"
    lines = []
    for row in summary.itertuples(index=False):
        if row.n_hits == 0:
            lines.append(pick(language, f"**{row.term}**: no hit in this corpus.",
                              f"**{row.term}**：本语料中没有出现。"))
            continue
        text = (f"**{row.term}**：在 {row.n_docs:,} 份要点的 {row.n_items:,} 个条目中出现 {row.n_hits:,} 次" if zh else
                f"**{row.term}**: {count(row.n_hits, 'hit')} in {count(row.n_items, 'item')} of "
                f"{count(row.n_docs, 'plan')}")
        if "n_targets" in summary.columns:
            if zh:
                text += (f"；这些条目提出 {row.n_targets:,} 条目标，分布在 {row.n_docs_with_targets:,} 份要点中"
                         if row.n_targets else "；这些条目都没有提出目标")
            else:
                text += (f"; those items state {count(row.n_targets, 'target')}, in "
                         f"{count(row.n_docs_with_targets, 'plan')}" if row.n_targets else
                         "; none of those items states a target")
        if before is not None or after is not None:
            left = _words((before or {}).get(row.term), top, language)
            right = _words((after or {}).get(row.term), top, language)
            text += pick(language, f". Written right before it: {left}; right after it: {right}",
                         f"。紧挨在它前面的词：{left}；紧跟在它后面的词：{right}")
        lines.append(text + pick(language, ".", "。"))
    return bullet_list(lines)


def lines_statement(term: str, n_shown: int, n_hits: int, language: str = "en") -> str:
    """The line above a concordance: all hits, or how many are shown and how they were chosen.

    >>> lines_statement("双减", 2, 2), lines_statement("双减", 0, 0)
    ('**双减** — all 2 hits:', '**双减** — no hit.')
    >>> lines_statement("双减", 30, 460)
    "**双减** — 30 of 460 hits, spread over the plans (each plan's first hit, then its second, …):"
    """
    if n_hits == 0:
        return pick(language, f"**{term}** — no hit.", f"**{term}**：没有出现。")
    if n_shown >= n_hits:
        if n_hits == 1:
            return pick(language, f"**{term}** — the only hit:", f"**{term}**：唯一的一处：")
        return pick(language, f"**{term}** — all {count(n_hits, 'hit')}:", f"**{term}**：全部 {n_hits:,} 处：")
    return pick(language, f"**{term}** — {n_shown} of {count(n_hits, 'hit')}, spread over the plans (each plan's first "
                "hit, then its second, …):",
                f"**{term}**：{n_hits:,} 处中的 {n_shown:,} 处，分散取自各份要点"
                "（先取每份要点的第一处，再取第二处……）：")


def concordance_lines(term: str, shown: pd.DataFrame, n_hits: int, labels: Labels = None,
                      language: str = "en") -> str:
    """:func:`lines_statement` and, below it, the aligned concordance of the hits *shown*
    (:func:`wpanalysis.kwic.format_concordance`, each line led by the plan's label and item number)
    as a fenced block, so it keeps its alignment.

    >>> hits = pd.DataFrame({"doc_id": ["a"], "item_number": [3], "left": ["落实"], "match": ["双减"],
    ...                      "right": ["政策"], "responsible_units": [""]})
    >>> print(concordance_lines("双减", hits, 1, {"a": "甲 2024"}, language="zh"))
    **双减**：唯一的一处：
    <BLANKLINE>
    ```text
    甲 2024:3  落实 双减 政策
    ```
    """
    text = lines_statement(term, len(shown), n_hits, language)
    if not len(shown):
        return text
    named = shown.assign(doc_id=[_name(labels, d) for d in shown["doc_id"]])
    return f"{text}\n\n```text\n{format_concordance(named)}\n```"


# --------------------------------------------------------------------------- closing


@spaced
def closing_statement(per_doc: pd.DataFrame, coverage: pd.DataFrame, evaluation: pd.DataFrame | None = None,
                      min_docs: int = 2, small_n: int = 30, coder: str | None = None,
                      tests: pd.DataFrame | None = None, alpha: float = 0.05, language: str = "en") -> str:
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
    zh = language == "zh"
    total, n = int(per_doc["n_targets"].sum()), len(per_doc)
    body = per_doc[per_doc["doc_id"].isin(full_text_ids(per_doc))]
    in_body, b = int(body["n_targets"].sum()), len(body)
    if zh:
        where = "全部" if in_body == total else f" {in_body:,} 条"
        lines = ([f"{n:,} 份要点中没有量化目标。"] if not total else
                 [f"{n:,} 份要点中共有 **{total:,} 条量化目标**，这些要点都没有正文。"] if body.empty else
                 [f"{n:,} 份要点中共有 **{total:,} 条量化目标**；其中{where}见于 {b:,} 份有正文的要点。"])
    else:
        where = "all of them" if in_body == total else f"{in_body:,} of them"
        lines = ([f"No target in the {count(n, 'plan')}."] if not total else
                 [f"**{count(total, 'target')}** in the {count(n, 'plan')}, none of which has body text."] if body.empty
                 else [f"**{count(total, 'target')}** in the {count(n, 'plan')}; {where} in the "
                       f"{count(b, 'plan')} with body text."])
    shared = coverage[coverage["n_docs"] >= min_docs]
    widest = int(shared["n_docs"].max()) if len(shared) else 0
    if zh:
        lines.append(f"共有指标 {len(shared):,} 项（由 {min_docs} 份或更多要点提出），提出最广的一项见于 "
                     f"{widest:,} 份要点。" if len(shared) else f"清单中没有哪项指标由 {min_docs} 份或更多要点提出。")
    else:
        lines.append(f"{count(len(shared), 'shared indicator')} (stated by {min_docs} plans or more), the most widely "
                     f"by {widest} plans." if len(shared) else
                     f"No indicator of the list is stated by {min_docs} plans or more.")
    if evaluation is not None and len(evaluation) and int(evaluation.iloc[-1]["n_gold"] or 0):
        if zh:
            who = ("由规则作者编码：这是一项核查，不是编码者间信度" if is_author(coder) else
                   f"编码者：`{coder}`" if coder else "其 README 没有说明由谁编码")
            lines.append("抽取器：在人工标注样本上" + scores_text(evaluation.iloc[-1], "精确率", "，召回率",
                                                        language)[:-1] + f"；{who}。")
        else:
            who = ("coded by the rules' author: a check, not inter-coder reliability" if is_author(coder) else
                   f"coded by {coder}" if coder else "its README does not say who coded it")
            lines.append("Extractor: " + scores_text(evaluation.iloc[-1], "precision", "and recall")[:-1]
                         + f" on the annotated sample ({who}).")
    else:
        lines.append(pick(language, "Extractor: not measured on this corpus (no annotated sample).",
                          "抽取器：未在本语料上测量（没有人工标注样本）。"))
    if tests is not None:
        level = conclusion_level(tests, b, alpha, language=language)
        lines.append(pick(language, f"**Groups of plans.** Target rates compared between registry groups: {level}.",
                          f"**要点分组。** 在登记表分组之间比较目标比率：{level}。"))
    if zh:
        fmt = "目标多的要点可能只是采用了容易写出数字的格式（带标签的字段、汇总条目）。"
        lines.append(f"**样本量小。** 有正文的要点 {b:,} 份（少于 {small_n} 份）：请把这些表格读作对这几份要点的描述，"
                     f"而不是对教育局总体的描述。{fmt}" if b < small_n else
                     f"有正文的要点 {b:,} 份：足以描述本语料；至于它对教育局总体能说明什么，"
                     f"取决于要点是如何收集的。{fmt}")
    else:
        fmt = "A plan with many targets may simply use a format (labelled fields, a summary item) that invites numbers."
        lines.append(f"**Small N.** {count(b, 'plan')} with body text (fewer than {small_n}): read the tables as a "
                     f"description of these plans, not of bureaus in general. {fmt}" if b < small_n else
                     f"{count(b, 'plan')} with body text: enough to describe the corpus; what it says about bureaus "
                     f"in general depends on how the plans were collected. {fmt}")
    return bullet_list(lines)
