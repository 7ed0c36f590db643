"""Generated statements of notebook 04 that compare the plans' words: the plan pair and the two groups
chosen for keyness, what keyness finds between them, and how alike the plans' vocabularies are
(cosine similarity). The rest of the comparison is in :mod:`wpanalysis.statements.comparison`.

Each function returns Markdown in *language* (``"en"`` or ``"zh"``). Example::

    from wpanalysis import compare
    from wpanalysis.statements import comparison_texts as texts
    pair = compare.plan_pair(documents, content, "region")
    texts.describe_pair_choice(pair, "region", words_per_plan, labels, language="zh")
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from . import count, listing, pick
from .comparison import _NAMED, _b, _g, _label, _plans, _zh_tidy, group_name

__all__ = ["SIMILAR", "describe_pair_choice", "describe_contrast_choice", "describe_keyness", "describe_similarity"]

SIMILAR = 0.02
"""Mean cosines closer than this are "about as alike"."""


def _words(sizes: Mapping[str, int], doc_id: str, language: str = "en") -> str:
    return pick(language, f"{int(sizes.get(doc_id, 0)):,} content words", f"{int(sizes.get(doc_id, 0)):,} 个实词")


@_zh_tidy
def describe_pair_choice(pair: tuple[str, str, bool] | None, by: str, sizes: Mapping[str, int] | pd.Series,
                         labels: Mapping[str, str] | pd.Series | None = None, language: str = "en") -> str:
    """The plan pair :func:`wpanalysis.compare.plan_pair` chose, and by which branch of its rule.

    >>> describe_pair_choice(("a", "b", False), "region", {"a": 3555, "b": 2736})
    'No two regions have plans with body text, so the pair is the two longest full-text plans: a (3,555 content \
words) and b (2,736 content words).'
    >>> describe_pair_choice(("a", "b", True), "region", {"a": 3555, "b": 2736}, language="zh")
    '按规则选出的要点对：记录了地区的最长全文要点 a（3,555 个实词），以及另一地区中最长的要点 b（2,736 个实词）。'
    """
    sizes = dict(sizes)
    if pair is None:
        return pick(language, "Fewer than two plans have body text, so there is no pair of plans to contrast.",
                    "有正文的要点不足两份，因此没有可对比的要点对。")
    a, b, across = pair
    named = [_b(_label(labels, d), _words(sizes, d, language), language) for d in (a, b)]
    g = _g(by, language)
    if across:
        return pick(language, f"The pair, by rule: the longest full-text plan whose {g} is recorded, {named[0]}, and "
                              f"the longest of another {g}, {named[1]}.",
                    f"按规则选出的要点对：记录了{g}的最长全文要点 {named[0]}，以及另一{g}中最长的要点 {named[1]}。")
    return pick(language, f"No two {g}s have plans with body text, so the pair is the two longest full-text plans: "
                          f"{named[0]} and {named[1]}.",
                f"没有两个{g}都有带正文的要点，因此要点对是最长的两份全文要点：{named[0]}和{named[1]}。")


@_zh_tidy
def describe_contrast_choice(contrast: tuple[str, str, str] | None, by: Sequence[str], members: pd.DataFrame | None,
                             min_plans: int, language: str = "en") -> str:
    """The two groups :func:`wpanalysis.compare.first_contrast` chose for keyness (*members*:
    :func:`wpanalysis.features.group_members` of them), or why there are none.

    >>> describe_contrast_choice(None, ["region", "year"], None, 2)
    'No grouping (of region and year) has two groups of at least 2 plans with body text, so there is no keyness \
between groups.'
    >>> describe_contrast_choice(None, ["region", "year"], None, 2, "zh")
    '地区和年份中没有哪个分组有两个各含至少 2 份带正文要点的组，因此不做组间关键性分析。'
    """
    groupings = listing([_g(c, language) for c in by], language=language)
    if contrast is None:
        return pick(language, f"No grouping (of {groupings}) has two groups of at least {_plans(min_plans)} with body "
                              "text, so there is no keyness between groups.",
                    f"{groupings}中没有哪个分组有两个各含至少 {min_plans} 份带正文要点的组，因此不做组间关键性分析。")
    column, a, b = contrast
    n = {g: int((members["group"] == g).sum()) for g in ("target", "reference")} if members is not None else {}
    va, vb = group_name(column, a, language), group_name(column, b, language)
    return pick(language,
                f"The groups, by rule: the first grouping (of {groupings}) with two groups of at least "
                f"{_plans(min_plans)} with body text is {_g(column)}; its two largest are {va} "
                f"({_plans(n.get('target', 0))}) and {vb} ({_plans(n.get('reference', 0))}).",
                f"按规则选出的组：{groupings}中第一个有两个各含至少 {min_plans} 份带正文要点的组的分组是"
                f"{_g(column, 'zh')}；其中最大的两个组是{va}（{_plans(n.get('target', 0), 'zh')}）和{vb}"
                f"（{_plans(n.get('reference', 0), 'zh')}）。")


@_zh_tidy
def describe_keyness(table: pd.DataFrame, members: pd.DataFrame, target: str, reference: str, n_terms: int = 10,
                     groups: bool = True, language: str = "en") -> str:
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
        if not groups:
            size = ""
        elif n == 1:
            size = pick(language, "a single plan, ", "仅 1 份要点，")
        else:
            size = pick(language, f"{_plans(n)}, ", f"{_plans(n, 'zh')}，")
        return _b(name, size + _words(words, g, language), language)

    side = {g: _side(g, name) for g, name in (("target", target), ("reference", reference))}
    sig = table[table["significant"]]
    text = pick(language, f"{side['target']} against {side['reference']}: {count(len(table), 'term')} tested, "
                          f"{len(sig):,} significant after the Bonferroni correction",
                f"{side['target']}对{side['reference']}：检验了 {len(table):,} 个词，经 Bonferroni 校正后显著的有 "
                f"{len(sig):,} 个")
    one = ("" if groups and min(int(plans.get("target", 0)), int(plans.get("reference", 0))) > 1 else
           pick(language, " With a single plan on a side this compares texts, not kinds of bureaus: no test with the "
                          "plan as its unit is possible.",
                "一方只有一份要点时，这比较的是文本，而不是各类教育局：无法做以要点为单位的检验。"))
    if sig.empty:
        return text + pick(language, ". None survives the correction: the most key terms are leads for close "
                                     "reading, not findings.",
                           "。没有词在校正后仍然显著：关键性最高的词只是细读的线索，而不是发现。") + one
    return _keyness_terms(text, sig, plans, target, reference, n_terms, language) + one


def _keyness_terms(text: str, sig: pd.DataFrame, plans: pd.Series, target: str, reference: str,
                   n_terms: int, language: str = "en") -> str:
    pos = sig[sig["g2"] > 0].sort_values("g2", ascending=False, kind="stable")
    neg = sig[sig["g2"] < 0].sort_values("g2", kind="stable")
    said = [f"{'、'.join(t['token'].head(n_terms))}" + pick(language, f" ({name}", f"（{name}")
            + (pick(language, f"; {len(t) - n_terms} more)", f"；另有 {len(t) - n_terms} 个）") if len(t) > n_terms
               else pick(language, ")", "）"))
            for t, name in ((pos, target), (neg, reference)) if len(t)]
    text += pick(language, ": " + "; ".join(said) + ".", "：" + "；".join(said) + "。")
    if len(sig) <= 3:
        text += pick(language, " Little survives the correction: the other key terms are leads for close reading, "
                               "not findings.",
                     "校正后留下的很少：其余关键词只是细读的线索，而不是发现。")
    lone = []
    for g, col, name in (("target", "docs_target", target), ("reference", "docs_reference", reference)):
        if plans.get(g, 0) > 1:
            part = (pos if g == "target" else neg)
            lone += [pick(language, f"{t} (in 1 of the {plans[g]} {name} plans)",
                          f"{t}（只见于{name}的 {plans[g]} 份要点中的 1 份）")
                     for t in part.loc[part[col] == 1, "token"]]
    if lone:
        text += pick(language, " Found in a single plan of its group — that plan's word more than the group's: "
                               + listing(lone, _NAMED) + ".",
                     "只见于本组一份要点的词——更像是那份要点的用词，而不是该组的用词："
                     + listing(lone, _NAMED, language="zh") + "。")
    return text


@_zh_tidy
def describe_similarity(summary: pd.DataFrame, pairs: pd.DataFrame, labels: Mapping[str, str] | pd.Series | None = None,
                        within: pd.DataFrame | None = None, by: str = "", language: str = "en") -> str:
    """The range of cosines, the plan most often another's nearest neighbour, the plan least like the
    others, and pairs within vs across the groups of *by* (*within*: :func:`wpanalysis.compare.group_similarity`).

    *summary* is :func:`wpanalysis.compare.similarity_summary` of *pairs*.
    """
    zh = language == "zh"
    n = len(summary)
    if n < 2:
        return pick(language, "Fewer than two plans have body text: there is no similarity to measure.",
                    "有正文的要点不足两份：没有可测量的相似度。")
    low, high = float(pairs["cosine"].min()), float(pairs["cosine"].max())
    if n == 2:
        text = pick(language, f"The cosine of the two full-text plans is {high:.2f}.",
                    f"两份全文要点的余弦相似度为 {high:.2f}。")
    elif zh:
        text = (f"在 {n} 份全文要点（{len(pairs):,} 对）之间，余弦相似度介于 {low:.2f} 与 {high:.2f} 之间"
                + ("——彼此相似程度大致相同，共享这一文体的词汇。" if high - low < 0.2 else "。"))
    else:
        text = (f"Between the {n} full-text plans ({count(len(pairs), 'pair')}) cosines range from {low:.2f} to "
                f"{high:.2f}")
        text += " — all about equally alike, sharing the genre's vocabulary." if high - low < 0.2 else "."
    if n > 2:
        most = summary["n_nearest_of"].max()
        hubs = listing([_label(labels, d) for d in summary.loc[summary["n_nearest_of"] == most, "doc_id"]], 3,
                       language=language, unit="份")
        last = summary.iloc[-1]
        text += pick(language,
                     f" Most often another plan's nearest neighbour: {hubs} (for {most} of the other {n - 1}).",
                     f"最常成为另一份要点最近邻的是{hubs}（在其余 {n - 1} 份中占 {most} 份）。")
        text += pick(language,
                     f" Least like the others on average: {_label(labels, last['doc_id'])} (mean cosine "
                     f"{last['mean']:.2f}).",
                     f"平均而言与其他要点最不相似的是{_label(labels, last['doc_id'])}"
                     f"（平均余弦相似度 {last['mean']:.2f}）。")
    if within is not None and len(within):
        g = _g(by, language)
        same = within[within["group_a"] == within["group_b"]]
        across = within[within["group_a"] != within["group_b"]]
        if len(same) and len(across):
            a = float((same["mean"] * same["n_pairs"]).sum() / same["n_pairs"].sum())
            b = float((across["mean"] * across["n_pairs"]).sum() / across["n_pairs"].sum())
            word = "about as alike" if abs(a - b) < SIMILAR else ("more alike" if a > b else "less alike")
            if zh:
                how = ("相似程度大致相同" if word.startswith("about") else
                       f"比跨{g}的要点{'更相似' if a > b else '更不相似'}")
                text += (f"同一{g}内的要点对平均为 {a:.2f}，跨{g}的要点对平均为 {b:.2f}："
                         + (f"{g}内与跨{g}的要点{how}。" if word.startswith("about") else f"{g}内的要点{how}。"))
            else:
                text += (f" Pairs within one {g} average {a:.2f}, pairs across {g}s {b:.2f}: plans are {word} "
                         f"within a {g} {'as' if word.startswith('about') else 'than'} across.")
        else:
            text += pick(language, f" Pairs within one {g} and pairs across {g}s are not both there (too few "
                                   "full-text plans in the groups kept), so they cannot be compared.",
                         f"同一{g}内的要点对和跨{g}的要点对没有同时出现（保留的组中全文要点太少），因此无法比较。")
    return text
