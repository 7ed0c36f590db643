"""Generated statements of notebook 04 that check the comparison: whether the domain, topic, keyness
and similarity results hold on titles only and on full texts only, how much a known failure of the
codebook weighs, the limits of the comparison and the closing note. The comparison itself is in
:mod:`wpanalysis.statements.comparison` and :mod:`wpanalysis.statements.comparison_texts`.

Each function returns Markdown in *language* (``"en"`` or ``"zh"``). Example::

    from wpanalysis.statements import comparison_robustness as robust
    robust.describe_similarity_robustness(0.614, 15, language="zh")
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

from .. import labels as lab
from ..registry import FULL_TEXT, UNKNOWN
from . import bullet_list, count, listing, pick, share
from .comparison import _NAMED, _b, _g, _gv, _label, _num, _plans, _zh_tidy, group_name

__all__ = [
    "SAME_SIZE",
    "FIT_R",
    "RHO_WORDS",
    "basis_name",
    "name_comparisons",
    "describe_domain_robustness",
    "describe_topic_robustness",
    "describe_keyness_robustness",
    "describe_similarity_robustness",
    "describe_known_failure",
    "describe_limits",
    "describe_closing",
]

SAME_SIZE = (0.67, 1.5)
"""A difference on another basis "keeps its size" when its ratio to the main one lies in this range."""

FIT_R = 0.7
"""Per-plan profiles read from titles and from full texts "agree" at a Pearson r of at least this."""

RHO_WORDS = ((0.8, "closely"), (0.5, "moderately"), (-1.01, "only weakly"))
"""Words for a Spearman ρ between two rankings, from the lowest ρ that earns them."""

_RHO_ZH = {"closely": "高度一致", "moderately": "中等程度地一致", "only weakly": "仅微弱地一致"}
_BASIS_ZH = {"all": "全部条目", "text": "全文", "title": "标题"}
_SIZE_ZH = {"cannot be sized": "无法衡量", "shrinks": "缩小", "grows": "变大", "keeps its size": "保持不变"}


def basis_name(basis: str, language: str = "en") -> str:
    """How a sentence names a basis of the robustness checks (``all``, ``text``, ``title``): the code in
    English, its label (``comparison_basis``) in Chinese.

    >>> basis_name("title"), basis_name("title", "zh")
    ('title', '仅标题')
    """
    if language == "en":
        return basis
    return lab.label("comparison_basis", basis, language, default=basis)


def name_comparisons(comparisons: Sequence[tuple[str, str, str, str]], labels: Mapping[str, str] | pd.Series | None,
                     language: str = "en") -> list[tuple[str, str, str, str]]:
    """:func:`wpanalysis.compare.rule_comparisons` with their names in *language* (English: as they are).

    >>> c = [("a vs c", "doc_id", "a", "c"), ("region: east vs west", "region", "east", "west")]
    >>> [n for n, *_ in name_comparisons(c, {"a": "宁波 2024", "c": "吉首 2023"}, "zh")]
    ['宁波 2024 对 吉首 2023', '地区：东部 对 西部']
    """
    if language == "en":
        return list(comparisons)
    out = []
    for _name, column, a, b in comparisons:
        if column == "doc_id":
            shown = f"{_label(labels, a)} 对 {_label(labels, b)}"
        else:
            shown = (f"{_g(column, language)}：{group_name(column, a, language).strip('“”')} 对 "
                     f"{group_name(column, b, language).strip('“”')}")
        out.append((shown, column, a, b))
    return out


def _size_word(ratio: float, language: str = "en") -> str:
    if math.isnan(ratio):
        word = "cannot be sized"
    elif ratio < SAME_SIZE[0]:
        word = "shrinks"
    else:
        word = "grows" if ratio > SAME_SIZE[1] else "keeps its size"
    return word if language == "en" else _SIZE_ZH[word]


def _signs(diffs: pd.DataFrame, what: str, language: str = "en", what_zh: str = "差异") -> str:
    kept = int(diffs["same_sign"].sum())
    if language == "zh":
        where = "在两组都存在的每种依据上"
        if kept == len(diffs):
            return (f"最大的 {len(diffs)} 个{what_zh}{where}都保持方向" if len(diffs) > 1
                    else f"最大的{what_zh}{where}保持方向")
        return f"最大的 {len(diffs)} 个{what_zh}中有 {kept} 个{where}保持方向"
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


@_zh_tidy
def describe_domain_robustness(diffs: pd.DataFrame, fit: pd.DataFrame,
                               labels: Mapping[str, str] | pd.Series | None = None, language: str = "en") -> str:
    """Do domain conclusions hold on titles only and on full texts only?

    *diffs* is :func:`wpanalysis.compare.differences_by_basis` (``diff_all``, ``diff_title``,
    ``diff_text``); *fit* is :func:`wpanalysis.coding.profile_agreement` of the full-text
    plans (``group`` = plan; ``r``, ``same_top``, ``none_title``).
    """
    zh = language == "zh"
    if diffs.empty:
        return pick(language, "No group differences to check on other bases.", "没有可在其他依据上检验的组间差异。")
    ratio = _ratio(diffs, "title", "all")
    text = _signs(diffs, "differences", language) + pick(
        language, f"; on titles a difference typically {_size_word(ratio)} (median ratio {_num(ratio, 2)}).",
        f"；只看标题时，差异的大小通常{_size_word(ratio, 'zh')}（比值中位数 {_num(ratio, 2)}）。")
    only = int(diffs["diff_text"].isna().sum()) if "diff_text" in diffs else 0
    if only:
        text += pick(language,
                     f" {'It' if len(diffs) == 1 else f'{only} of them'} cannot be measured on full texts: a group "
                     "has no plan with body text, so it exists only where titles count.",
                     f"{'它' if len(diffs) == 1 else f'其中 {only} 个'}无法在全文上测量：有组没有带正文的要点，"
                     "因此只在计入标题时才存在。")
    if len(fit):
        r = fit["r"].dropna()
        spread = (f"r = {_num(r.min(), 2)}" if len(r) == 1 else
                  f"r = {_num(r.min(), 2)}–{_num(r.max(), 2)}" + pick(language, f" (median {_num(r.median(), 2)})",
                                                                      f"（中位数 {_num(r.median(), 2)}）"))
        same = int(fit["same_top"].sum())
        text += pick(language, f" Per plan, the profile read from titles correlates with the full-text profile at "
                               f"{spread}; the largest domain is the same in {same} of {len(fit)}.",
                     f"按要点看，从标题读出的领域构成与全文构成的相关为 {spread}；{len(fit)} 份中有 {same} 份的最大"
                     "领域相同。")
        weak = fit[fit["r"] < FIT_R].sort_values("r", kind="stable")
        if len(weak):
            named = listing([_b(_label(labels, g), _num(v, 2), language) for g, v in zip(weak["group"], weak["r"])],
                            _NAMED, language=language)
            text += pick(language, f" Below r = {FIT_R}: {named}.", f"r 低于 {FIT_R} 的要点：{named}。")
        low, high = share(fit["none_title"].min(), 1), share(fit["none_title"].max(), 1)
        spread = low if low == high else f"{low}–{high}"
        text += (f"只看标题时，每份要点有 {spread} 的条目无法归入任何领域。" if zh
                 else f" Titles leave {spread} of a plan's items unplaced.")
    return text


@_zh_tidy
def describe_topic_robustness(diffs: pd.DataFrame, language: str = "en") -> str:
    """Do the largest topic-prevalence differences keep their sign and size on titles only?

    >>> d = pd.DataFrame({"diff_all": [0.17, -0.1], "diff_title": [0.08, -0.06], "diff_text": [0.17, -0.1],
    ...                   "same_sign": [True, True]})
    >>> describe_topic_robustness(d)
    'Each of the 2 largest topic differences keeps its sign on every basis where both groups exist; on titles a \
difference typically shrinks (median ratio 0.54): the direction holds, the size does not.'
    >>> describe_topic_robustness(d, "zh")
    '最大的 2 个主题差异在两组都存在的每种依据上都保持方向；只看标题时，差异的大小通常缩小（比值中位数 0.54）：\
方向成立，大小不成立。'
    """
    if diffs.empty:
        return pick(language, "No topic differences between groups to check on other bases.",
                    "没有可在其他依据上检验的组间主题差异。")
    ratio = _ratio(diffs, "title", "all")
    word = _size_word(ratio)
    text = _signs(diffs, "topic differences", language, "主题差异") + pick(
        language, f"; on titles a difference typically {word} (median ratio {_num(ratio, 2)})",
        f"；只看标题时，差异的大小通常{_size_word(ratio, 'zh')}（比值中位数 {_num(ratio, 2)}）")
    if diffs["same_sign"].all():
        text += (pick(language, ": the direction holds, the size does not.", "：方向成立，大小不成立。")
                 if word != "keeps its size" else pick(language, ": both hold.", "：方向和大小都成立。"))
    else:
        text += pick(language, ".", "。")
    return text


@_zh_tidy
def describe_keyness_robustness(table: pd.DataFrame, language: str = "en") -> str:
    """How many comparisons find terms that survive the Bonferroni correction on each basis
    (:func:`wpanalysis.compare.keyness_comparisons`), and which exist on one basis only.

    >>> t = pd.DataFrame({"comparison": ["a", "a"], "basis": ["text", "title"], "possible": [True, True],
    ...                   "n_significant": [4, 0]})
    >>> describe_keyness_robustness(t)
    'On text, 1 of 1 comparison finds terms that survive the Bonferroni correction; on title, none of 1 comparison.'
    >>> describe_keyness_robustness(t, "zh")
    '在全文上，1 个比较中有 1 个找到经 Bonferroni 校正后仍显著的词；在标题上，1 个比较中没有一个。'
    """
    said = []
    for basis, part in table.groupby("basis", sort=False):
        possible = part[part["possible"]]
        found = int((possible["n_significant"] > 0).sum())
        if language == "zh":
            which = "没有一个" if found == 0 else f"有 {found} 个"
            head = f"在{_BASIS_ZH.get(basis, basis)}上，{len(possible)} 个比较中{which}"
            said.append(head if said else head + "找到经 Bonferroni 校正后仍显著的词")
            continue
        head = f"{'none' if found == 0 and said else found} of {count(len(possible), 'comparison')}"
        if said:
            said.append(f"on {basis}, {head}")
        else:
            said.append(f"On {basis}, {head} {'finds' if found == 1 else 'find'} terms that survive the Bonferroni "
                        "correction")
    text = pick(language, "; ".join(said) + ".", "；".join(said) + "。")
    possible = table.pivot_table(index="comparison", columns="basis", values="possible", aggfunc="first", sort=False)
    only = [c for c, row in possible.iterrows() if row.sum() == 1]
    if only:
        text += pick(language, f" Possible on one basis only (a group has no plan on the other): "
                               f"{listing(only, _NAMED)}.",
                     f"只在一种依据上可行（有组在另一依据上没有要点）：{listing(only, _NAMED, language='zh')}。")
    return text


@_zh_tidy
def describe_similarity_robustness(rho: float, n_pairs: int, language: str = "en") -> str:
    """How alike the ranking of pairs by cosine is on titles and on full texts (Spearman ρ).

    >>> print(describe_similarity_robustness(0.614, 15))  # doctest: +NORMALIZE_WHITESPACE
    Spearman ρ between the 15 pairs' cosines on titles and on full texts: 0.614 — titles rank the pairs
    moderately like full texts do.
    >>> describe_similarity_robustness(0.614, 15, "zh")[-20:]
    '的要点对排序与全文的排序中等程度地一致。'
    """
    if n_pairs < 3 or rho is None or math.isnan(rho):
        return pick(language, "Too few pairs of full-text plans to compare their similarity on titles and on full "
                              "texts.", "全文要点对太少，无法比较标题上与全文上的相似度。")
    word = next(w for low, w in RHO_WORDS if rho >= low)
    return pick(language, f"Spearman ρ between the {n_pairs:,} pairs' cosines on titles and on full texts: {rho:.3f} "
                          f"— titles rank the pairs {word} like full texts do.",
                f"{n_pairs:,} 个要点对在标题上与在全文上的余弦相似度之间的 Spearman ρ 为 {rho:.3f}——标题给出的"
                f"要点对排序与全文的排序{_RHO_ZH[word]}。")


# --------------------------------------------------------------------------- limits


@_zh_tidy
def describe_known_failure(assigned: pd.DataFrame, items: pd.DataFrame, domain: str, term: str,
                           inside: Sequence[str], names: Mapping[str, str], language: str = "en") -> str:
    """How much a codebook's known substring failure weighs here: *term* (a seed term of *domain*) also
    matches inside the longer words *inside*, which name no such thing.

    >>> a = pd.DataFrame({"domain": ["compulsory", "compulsory"], "terms": ["小学", "义务教育"]})
    >>> i = pd.DataFrame({"text": ["中小学和小学", "义务教育"]})
    >>> describe_known_failure(a, i, "compulsory", "小学", ["中小学"], {"compulsory": "义务教育"})
    'Of the 2 assignments to 义务教育, 1 rests on 小学 alone; of the 2 occurrences of 小学 in the item texts, \
1 is inside 中小学.'
    >>> describe_known_failure(a, i, "compulsory", "小学", ["中小学"], {"compulsory": "义务教育"}, "zh")
    '在分配到义务教育的 2 个条目中，有 1 个仅依据“小学”；条目文本中“小学”出现的 2 次里，有 1 次位于“中小学”之内。'
    """
    rows = assigned[assigned["domain"] == domain]
    alone = int((rows["terms"] == term).sum())
    texts = items["text"].fillna("").astype(str)
    total = int(texts.str.count(term).sum())
    within = int(texts.str.count("|".join(sorted(inside, key=len, reverse=True))).sum()) if inside else 0
    name = names.get(domain, domain)
    if language == "zh":
        words = listing([f"“{w}”" for w in inside], conjunction="or", language="zh")
        return (f"在分配到{name}的 {len(rows):,} 个条目中，有 {alone:,} 个仅依据“{term}”；条目文本中“{term}”出现的 "
                f"{total:,} 次里，有 {within:,} 次位于{words}之内。")
    pick(language, "", "")
    return (f"Of the {count(len(rows), 'assignment')} to {name}, {alone:,} "
            f"{'rests' if alone == 1 else 'rest'} on {term} alone; of the {count(total, 'occurrence')} of {term} in "
            f"the item texts, {within:,} {'is' if within == 1 else 'are'} inside {listing(inside, conjunction='or')}.")


@_zh_tidy
def _group_sizes_limit(documents: pd.DataFrame, grouped_sizes: pd.DataFrame, language: str) -> str:
    """The first limit of :func:`describe_limits`: how many plans the groups kept hold."""
    zh = language == "zh"
    kept = grouped_sizes[grouped_sizes["group"] != UNKNOWN]
    n, body = len(documents), int(documents["completeness"].isin(FULL_TEXT).sum())
    usable = kept.groupby("grouping").size()
    head = pick(language, f"**Group sizes.** {_plans(n)}, {body} with body text; ",
                f"**组规模**：{_plans(n, 'zh')}，其中 {body} 份有正文；")
    if not (usable >= 2).any():
        return head + pick(language, "no grouping has two groups with enough plans, so nothing here compares "
                                     "groups.", "没有分组有两个要点足够的组，因此这里没有组间比较。")
    low, high = int(kept["n_docs"].min()), int(kept["n_docs"].max())
    held = low if low == high else f"{low}–{high}"
    if zh:
        word = "少数几个教育局" if low < 10 else "若干教育局组成的组"
        return head + f"保留的组各有 {held} 份要点，因此组间差异是{word}之间的差异，而不是不同类型地方之间的差异。"
    word = "a handful of bureaus" if low < 10 else "groups of bureaus"
    return head + (f"the groups kept hold {held} plans, so a group difference is a difference between "
                   f"{word}, not between kinds of place.")


def describe_limits(documents: pd.DataFrame, grouped_sizes: pd.DataFrame, plan: pd.DataFrame,
                    confounds: pd.DataFrame, words: Mapping[str, int] | pd.Series,
                    labels: Mapping[str, str] | pd.Series | None = None, language: str = "en") -> str:
    """The limits of this comparison that depend on the corpus, as Markdown bullets: group sizes, plans
    without a place, partial and outline-only plans, tangled groupings, and the plan that weighs most
    in pooled counts.

    *grouped_sizes* is :func:`wpanalysis.compare.group_sizes` of the regrouped plans, *plan*
    :func:`~wpanalysis.compare.plan_groups`, *words* content words per full-text plan.
    """
    lines = [_group_sizes_limit(documents, grouped_sizes, language)]
    left = plan[plan["status"] == "left out"]
    if len(left):
        named = listing([_b(_gv(g, v, language), _plans(k, language), language) for g, v, k in
                         zip(left["grouping"], left["group"], left["n_docs"])], _NAMED, language=language)
        lines.append(pick(language, f"**Left out.** {named}: too few plans to stand as a group.",
                          f"**被排除的组**：{named}：要点太少，不能单独成组。"))
    nowhere = documents[documents["region"].isna()] if "region" in documents else documents.iloc[0:0]
    if len(nowhere):
        named = listing([_label(labels, d) for d in nowhere["doc_id"]], _NAMED, language=language, unit="份")
        lines.append(pick(language,
                          f"**Unknown places.** {_plans(len(nowhere))} ({named}) "
                          f"{'has' if len(nowhere) == 1 else 'have'} no recorded region: `unknown` in every table, "
                          "outside every regional contrast.",
                          f"**地点未知**：{_plans(len(nowhere), 'zh')}（{named}）没有记录地区：在每张表中都是"
                          f"{group_name('region', UNKNOWN, 'zh')}，不参与任何地区对比。"))
    redacted = int((documents.get("n_redactions", pd.Series(0, index=documents.index)).fillna(0) > 0).sum())
    if redacted:
        lines.append(pick(language,
                          f"**Redactions.** {_plans(redacted)} {'carries' if redacted == 1 else 'carry'} redaction "
                          "marks (X, XX): names the publisher hid cannot be removed as place names.",
                          f"**隐去处理**：{_plans(redacted, 'zh')}带有隐去标记（X、XX），"
                          "发布者隐去的名称无法作为地名删除。"))
    for value, what, what_zh, title_zh in (
            ("partial", "profile describes what survived, not the whole plan",
             "领域构成描述的是保存下来的部分，而不是整份要点", "部分保存的要点"),
            ("outline-only", "domains and topics come from headings alone", "领域和主题只来自标题", "仅有提纲的要点")):
        ids = documents.loc[documents["completeness"] == value, "doc_id"]
        if len(ids):
            named = listing([_label(labels, d) for d in ids], _NAMED, language=language, unit="份")
            lines.append(pick(language, f"**{value.capitalize()} plans.** {_plans(len(ids))} ({named}): "
                                        f"{'its' if len(ids) == 1 else 'their'} {what}.",
                              f"**{title_zh}**：{_plans(len(ids), 'zh')}（{named}）：其{what_zh}。"))
    if len(confounds):
        same = int((confounds["relation"] == "same plans").sum())
        inside = len(confounds) - same
        lines.append(pick(language,
                          f"**Tangled groupings.** {count(same, 'pair')} of groups {'holds' if same == 1 else 'hold'} "
                          f"the same plans and {count(inside, 'group')} {'sits' if inside == 1 else 'sit'} inside "
                          "another (section 1): those differences cannot be told apart.",
                          f"**相互纠缠的分组**：{same} 对组包含相同的要点，{inside} 个组完全落在另一个组之内"
                          "（第 1 节）："
                          "这些差异无法区分。"))
    words = pd.Series(dict(words), dtype=float)
    if len(words) > 1:
        top = words.idxmax()
        part = share(words.max(), words.sum())
        lines.append(pick(language, f"**Weight of long plans.** {_label(labels, top)} holds {part} of the full-text "
                                    "words: pooled counts (keyness, rates) weigh it most.",
                          f"**长要点的权重**：{_label(labels, top)}占全文词语的 {part}：在合并计数（关键性分析、比率）"
                          "中它的权重最大。"))
    return bullet_list(lines)


def _first_sentence(text: str, language: str = "en") -> str:
    head = text.split("\n", 1)[0]
    if language == "zh":
        cut = head.find("。")
        return head if cut < 0 else head[: cut + 1]
    cut = head.find(". ")
    return head if cut < 0 else head[: cut + 1]


@_zh_tidy
def describe_closing(headlines: Mapping[str, str], language: str = "en") -> str:
    """The closing note: the first sentence of each section's statement, under its name.

    >>> print(describe_closing({"Similarity": "Cosines range from 0.48 to 0.65. More follows."}))
    - **Similarity.** Cosines range from 0.48 to 0.65.
    >>> print(describe_closing({"相似度": "余弦相似度介于 0.48 与 0.65 之间。其余从略。"}, "zh"))
    - **相似度**：余弦相似度介于 0.48 与 0.65 之间。
    """
    return bullet_list([pick(language, f"**{name}.** ", f"**{name}**：") + _first_sentence(text, language)
                        for name, text in headlines.items() if text])
