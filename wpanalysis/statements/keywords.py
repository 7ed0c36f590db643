"""Generated statements of the keyword notebook (02): which plans are counted, what the boilerplate
layer changes, the top terms, TF-IDF, keyness between two registry groups, the co-occurrence
network and lexicon discovery — plus the figure titles that carry the N of plans.

Each function takes the tables of :mod:`wpanalysis.features` (or the token table) and returns
Markdown in *language* (``"en"``, the default, or ``"zh"``). Example::

    from IPython.display import Markdown
    from wpanalysis import build, features, registry, segment
    from wpanalysis.statements import keywords as said
    corpus = build.load_corpus()
    tokens = segment.tokenize_items(corpus.items)
    counts = features.token_counts(tokens, corpus.documents, registry.doc_labels(corpus.documents))
    Markdown(said.plans_with_text(counts))                 # "**6 of the 9 plans have body text** …"
    Markdown(said.plans_with_text(counts, language="zh"))  # "**9 份要点中有 6 份有正文** …"
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import pandas as pd

from .. import labels
from ..compare import drop_place_names
from ..registry import FULL_TEXT
from . import bullet_list, count, listing, pick
from .keywords_display import (
    cloud_title,
    clouds_title,
    frame_title,
    group_names,
    keyness_title,
    network_title,
    others_pooled,
    shown,
    top_terms_title,
)

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
    "headline_what",
    "no_headline_term",
    "nothing_to_repeat",
    "network",
    "discovery",
    "in_short",
    "top_terms_title",
    "cloud_title",
    "clouds_title",
    "keyness_title",
    "network_title",
    "frame_title",
    "others_pooled",
    "group_names",
    "shown",
]

STABLE_SHARE = 0.1
"""At most this share of the top terms may leave the list when the boilerplate layer is removed
for :func:`boilerplate_change` to call the list stable."""

_NAMED = 5
"""How many plans or terms a sentence names before it says "and N others"."""


def _is(n: int) -> str:
    return "is" if n == 1 else "are"


def _has(n: int) -> str:
    return "has" if n == 1 else "have"


def _all(n: int, noun: str = "plans") -> str:
    """'both plans', 'all 6 plans'."""
    return f"both {noun}" if n == 2 else f"all {n:,} {noun}"


def _all_zh(n: int, noun: str = "要点") -> str:
    """'两份要点', '全部 6 份要点'."""
    return f"两份{noun}" if n == 2 else f"全部 {n:,} 份{noun}"


def _quoted(terms: Iterable[object], language: str = "zh") -> list[str]:
    """Terms as a Chinese sentence names them, in “” (English: as they are)."""
    return [f"“{t}”" if language == "zh" else str(t) for t in terms]


def _rank(n: int) -> str:
    return f"rank {n}"


def _named(column: str, value: object, language: str) -> str:
    """A group as a sentence names it: the code in English (as the tables show it), the label in Chinese."""
    return str(value) if language == "en" else labels.group_label(column, value, language, default=str(value))


def _column(column: str, language: str) -> str:
    """A registry column in a sentence: `admin_level` in English, 行政层级 in Chinese."""
    return labels.column_label(column, "zh", default=f"`{column}`") if language == "zh" else f"`{column}`"


_ZH_WORDS = {"plans with body text": "有正文的要点", "plans": "要点", "content tokens": "实词词元数",
             "tokens": "词元数"}
"""The Chinese of the *what* and *by* words :func:`plans_shown` is called with."""

_REASONS_ZH = ((r"value not recorded", "取值未记录"), (r"left out", "已剔除"),
               (r"fewer than (\d[\d,]*) plans", r"少于 \1 份"),
               (r"not among the (\d[\d,]*) largest groups", r"不在最大的 \1 个组之中"))
"""The Chinese of the reasons :func:`wpanalysis.compare.comparable_groups` gives for leaving a group out."""


def _reason(reason: str, language: str) -> str:
    """
    >>> _reason("fewer than 2 plans", "zh"), _reason("value not recorded", "en")
    ('少于 2 份', 'value not recorded')
    """
    if language == "zh":
        for pattern, zh in _REASONS_ZH:
            if re.fullmatch(pattern, reason):
                return re.sub(pattern, zh, reason)
    return reason


# --------------------------------------------------------------------------- which plans


def _kinds(n_body: int, n_partial: int, language: str = "en") -> str:
    """'full', 'all partial', '5 full, 1 partial' …; '全文', '均为部分保留', '5 份全文、1 份部分保留' …"""
    if language == "zh":
        if n_partial and n_partial < n_body:
            return f"{n_body - n_partial} 份全文、{n_partial} 份部分保留"
        kind = "部分保留" if n_partial else "全文"
        return f"均为{kind}" if n_body > 1 else kind
    if n_partial and n_partial < n_body:
        return f"{n_body - n_partial} full, {n_partial} partial"
    kind = "partial" if n_partial else "full"
    return f"all {kind}" if n_body > 1 else kind


def plans_with_text(counts: pd.DataFrame, language: str = "en") -> str:
    """Which plans the frequency sections count, from :func:`wpanalysis.features.token_counts`.

    >>> counts = pd.DataFrame({"doc_id": ["a", "b"], "label": ["宁波 2024", "某县 2024"],
    ...     "completeness": ["full", "outline-only"], "n_tokens": [100, 10], "n_content": [60, 8]})
    >>> print(plans_with_text(counts))  # doctest: +NORMALIZE_WHITESPACE
    **1 of the 2 plans has body text** (full) and is counted below: 100 tokens, 60 of them content tokens
    (in no stopword layer). The outline-only plan (某县 2024) contributes item titles only, 10 tokens; it is
    left out of the frequency comparisons and takes part in lexicon discovery only.
    >>> print(plans_with_text(counts, language="zh"))  # doctest: +ELLIPSIS
    **2 份要点中有 1 份有正文**（全文），计入下文：共 100 个词元，其中 60 个是实词词元（不属于任何停用词层）。仅提...
    """
    zh = language == "zh"
    n = len(counts)
    if n == 0:
        return pick(language, "The corpus has no plans: there is nothing to count.", "语料中没有要点，无可计数。")
    body = counts[counts["completeness"].isin(FULL_TEXT)]
    outline = counts[counts["completeness"] == "outline-only"]
    other = counts[~counts["completeness"].isin([*FULL_TEXT, "outline-only"])]
    if body.empty:
        return pick(language, f"**None of the {count(n, 'plan')} has body text**: the frequency sections below have "
                    "nothing to count and say so; only lexicon discovery (section 9) reads the item titles.",
                    f"**{n:,} 份要点都没有正文**：下文各词频小节无可计数，并会加以说明；"
                    "只有新词发现（第 9 节）读取条目标题。")
    n_body, n_partial = len(body), int((body["completeness"] == "partial").sum())
    kinds = _kinds(n_body, n_partial, language)
    n_tokens, n_content = int(body["n_tokens"].sum()), int(body["n_content"].sum())
    if zh:
        subject = ("**该份要点有正文**" if n == 1 else f"**{_all_zh(n)}都有正文**" if n_body == n
                   else f"**{n:,} 份要点中有 {n_body:,} 份有正文**")
        text = (f"{subject}（{kinds}），计入下文：共 {n_tokens:,} 个词元，其中 {n_content:,} 个是实词词元"
                "（不属于任何停用词层）。")
    else:
        if n == 1:
            subject = "**The plan has body text**"
        elif n_body == n:
            subject = f"**{_all(n).capitalize()} have body text**"
        else:
            subject = f"**{n_body} of the {count(n, 'plan')} {_has(n_body)} body text**"
        text = (f"{subject} ({kinds}) and {_is(n_body)} counted below: {count(n_tokens, 'token')}, "
                f"{n_content:,} of them content tokens (in no stopword layer).")
    if n_partial:
        partial = body.loc[body["completeness"] == "partial", "label"]
        if zh:
            who = (f"部分保留的要点（{partial.iloc[0]}）" if n_partial == 1
                   else f"{n_partial} 份部分保留的要点（{listing(partial, _NAMED, language=language, unit='份')}）")
            text += f"{who}只计入保留下来的条目，而不是整份要点。"
        else:
            text += (f" The partial plan ({partial.iloc[0]}) counts" if n_partial == 1
                     else f" The {n_partial} partial plans ({listing(partial, _NAMED)}) count")
            text += " only the items that survive, not the whole plan." if n_partial == 1 else \
                " only the items that survive, not the whole plans."
    if len(outline):
        one, n_outline = len(outline) == 1, count(int(outline["n_tokens"].sum()), "token")
        if zh:
            who = (f"仅提纲的要点（{outline['label'].iloc[0]}）" if one else
                   f"{len(outline)} 份仅提纲的要点"
                   f"（{listing(outline['label'], _NAMED, language=language, unit='份')}）")
            text += (f"{who}只提供条目标题，共 {int(outline['n_tokens'].sum()):,} 个词元；{'它' if one else '它们'}"
                     "不参与词频比较，只参与新词发现。")
        else:
            who = (f"The outline-only plan ({outline['label'].iloc[0]}) contributes" if one
                   else f"The {len(outline)} outline-only plans ({listing(outline['label'], _NAMED)}) contribute")
            text += (f" {who} item titles only, {n_outline}; {'it is' if one else 'they are'} left out of the "
                     f"frequency comparisons and take{'s' if one else ''} part in lexicon discovery only.")
    if len(other):
        text += pick(language, f" {count(len(other), 'plan')} with no completeness recorded "
                     f"{'is' if len(other) == 1 else 'are'} treated as without body text.",
                     f"{len(other):,} 份要点未记录完整程度，按无正文处理。")
    return text


def plans_shown(n_shown: int, n_total: int, what: str = "plans with body text", by: str = "content tokens",
                language: str = "en") -> str:
    """Says which plans a per-plan table or figure shows (:func:`wpanalysis.features.largest_documents`).
    *what* and *by* are English words; in Chinese they are translated (``"plans"`` → 要点).

    >>> plans_shown(6, 6)
    'All 6 plans with body text are shown, in registry order.'
    >>> print(plans_shown(12, 120))  # doctest: +NORMALIZE_WHITESPACE
    The 12 largest of the 120 plans with body text (by content tokens) are shown, in registry order;
    108 are not shown.
    >>> plans_shown(12, 120, language="zh")
    '显示 120 份有正文的要点中最大的 12 份（按实词词元数），按登记表顺序排列；其余 108 份未显示。'
    """
    if language == "zh":
        what_zh, by_zh = _ZH_WORDS.get(what, what), _ZH_WORDS.get(by, by)
        if n_total == 0:
            return f"没有可显示的{what_zh}。"
        if n_shown >= n_total:
            return f"显示这一份{what_zh}。" if n_total == 1 else f"显示{_all_zh(n_total, what_zh)}，按登记表顺序排列。"
        return (f"显示 {n_total:,} 份{what_zh}中最大的 {n_shown:,} 份（按{by_zh}），按登记表顺序排列；"
                f"其余 {n_total - n_shown:,} 份未显示。")
    pick(language, "", "")
    if n_total == 0:
        return f"There are no {what} to show."
    if n_shown >= n_total:
        return f"The one {what.replace('plans', 'plan', 1)} is shown." if n_total == 1 else \
            f"{_all(n_total, what).capitalize()} are shown, in registry order."
    return (f"The {n_shown:,} largest of the {n_total:,} {what} (by {by}) are shown, in registry order; "
            f"{n_total - n_shown:,} {'is' if n_total - n_shown == 1 else 'are'} not shown.")


def clouds_shown(n_alone: int, n_total: int, language: str = "en") -> str:
    """Which plans the per-plan word clouds draw (:func:`wpanalysis.features.cloud_panels`).

    >>> clouds_shown(6, 6)
    'One cloud per plan with body text (6 plans), in registry order.'
    >>> print(clouds_shown(11, 120))  # doctest: +NORMALIZE_WHITESPACE
    One cloud for each of the 11 largest of the 120 plans with body text (by content tokens), in registry
    order, and one for the other 109 plans pooled.
    >>> clouds_shown(11, 120, language="zh")
    '120 份有正文的要点中最大的 11 份各画一幅词云（按实词词元数），按登记表顺序排列；其余 109 份合并为一幅。'
    """
    if n_total == 0:
        return pick(language, "There are no plans with body text to draw.", "没有可绘制的有正文的要点。")
    if n_alone >= n_total:
        return pick(language, f"One cloud per plan with body text ({count(n_total, 'plan')}), in registry order.",
                    f"每份有正文的要点各画一幅词云（共 {n_total:,} 份），按登记表顺序排列。")
    rest = n_total - n_alone
    return pick(language, f"One cloud for each of the {n_alone:,} largest of the {n_total:,} plans with body text "
                f"(by content tokens), in registry order, and one for the other {count(rest, 'plan')} pooled.",
                f"{n_total:,} 份有正文的要点中最大的 {n_alone:,} 份各画一幅词云（按实词词元数），按登记表顺序排列；"
                f"其余 {rest:,} 份合并为一幅。")


# --------------------------------------------------------------------------- frequencies


def _totals(table: pd.DataFrame, side: str) -> int:
    """Tokens behind a rate column of :func:`top_terms_with_without` (count ÷ rate × 10,000)."""
    row = table.dropna(subset=[f"{side}_n"]).iloc[0]
    return round(float(row[f"{side}_n"]) / float(row[f"{side}_per_10k"]) * 10_000)


def boilerplate_change(with_without: pd.DataFrame, layer: str = "policy_boilerplate", language: str = "en") -> str:
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
    >>> print(boilerplate_change(t, language="zh"))  # doctest: +ELLIPSIS
    删除“政策套话”停用词层后，前 2 个高频词中有 1 个移出列表：“工作”（第 1 位，每万词元 5000.0 次）；“教师”进入列表...
    """
    zh = language == "zh"
    n = len(with_without)
    if n == 0:
        return pick(language, "There are no tokens to count.", "没有可计数的词元。")
    name = f"“{labels.label('stop_layer', layer, 'zh')}”停用词层" if zh else ""
    leave = with_without[with_without["kept_in_layer"]]
    enter = with_without.loc[with_without["removed_new"], "removed_token"].tolist()
    kept, removed = _totals(with_without, "kept"), _totals(with_without, "removed")
    rise = f"{100 * (kept / removed - 1):.1f}%" if removed else "—"
    if leave.empty:
        return pick(language, f"None of the top {n} terms belongs to the `{layer}` layer, so removing it leaves the "
                    f"list unchanged; it only raises every rate by {rise} ({removed:,} tokens instead of {kept:,}).",
                    f"前 {n} 个高频词中没有一个属于{name}，因此删除这一层不改变列表，只使各词的频率都上升 {rise}"
                    f"（剩余 {removed:,} 个词元，而不是 {kept:,} 个）。")
    share = len(leave) / n
    verdict = share <= STABLE_SHARE
    if zh:
        gone = [f"“{r.kept_token}”（第 {r.rank} 位，每万词元 {r.kept_per_10k:.1f} 次）" for r in leave.itertuples()]
        amount = "一半" if share == 0.5 else f" {100 * share:.0f}% "
        return (f"删除{name}后，前 {n} 个高频词中有 {len(leave)} 个移出列表："
                f"{listing(gone, _NAMED, language=language)}；"
                f"{listing(_quoted(enter), _NAMED, language=language)}进入列表。其余各词的频率都上升 {rise}，因为剩余 "
                f"{removed:,} 个词元，而不是 {kept:,} 个。列表中{amount}的词发生了变化，因此在这一选择下列表"
                f"{'稳定' if verdict else '不稳定'}（稳定：至多 {100 * STABLE_SHARE:.0f}% 的词发生变化）。")
    gone = [f"{r.kept_token} ({_rank(r.rank)}, {r.kept_per_10k:.1f} per 10,000 tokens)" for r in leave.itertuples()]
    text = (f"Removing the `{layer}` layer takes {len(leave)} of the top {n} terms out of the list: "
            f"{listing(gone, _NAMED)}; {listing(enter, _NAMED)} {'enters' if len(enter) == 1 else 'enter'}. "
            f"Every remaining rate rises by {rise}, because {removed:,} tokens remain instead of {kept:,}.")
    amount = "half" if share == 0.5 else f"{100 * share:.0f}%"
    return text + (f" With {amount} of the list changed, the list is {'stable' if verdict else 'not stable'} under "
                   f"this choice (stable: at most {100 * STABLE_SHARE:.0f}% of the terms change).")


def top_terms(content: pd.DataFrame, n: int = 30, named: int = _NAMED, language: str = "en") -> str:
    """The most frequent content terms, their share of the content tokens and how widely they occur.

    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "token": ["双减", "教师", "双减", "作业"]})
    >>> print(top_terms(t, n=2))  # doctest: +NORMALIZE_WHITESPACE
    Across the 2 plans with body text the most frequent content terms are 双减 (5000.0 per 10,000 content
    tokens) and 作业 (2500.0); the top 2 hold 75.0% of the 4 content tokens. 1 of the 2 occurs in every plan.
    >>> print(top_terms(t, n=2, language="zh"))  # doctest: +ELLIPSIS
    在 2 份有正文的要点中，最常见的实词是“双减”（每万实词词元 5000.0 次）和“作业”（2500.0）；前 2 个词占全部 4 个实...
    """
    zh = language == "zh"
    if content.empty:
        return pick(language, "There are no content tokens to count.", "没有可计数的实词词元。")
    freq = content["token"].value_counts()
    freq = freq.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    top = freq.head(n)
    rates = top / len(content) * 10_000
    first = []
    for i, t in enumerate(top.index[:named]):
        rate = f"{rates[t]:.1f}"
        if i == 0:
            first.append(f"“{t}”（每万实词词元 {rate} 次）" if zh else f"{t} ({rate} per 10,000 content tokens)")
        else:
            first.append(f"“{t}”（{rate}）" if zh else f"{t} ({rate})")
    n_plans = content["doc_id"].nunique()
    hold = f"{100 * top.sum() / len(content):.1f}%"
    text = pick(language, f"Across the {count(n_plans, 'plan')} with body text the most frequent content terms are "
                f"{listing(first, named)}; the top {len(top)} hold {hold} of the {len(content):,} content tokens.",
                f"在 {n_plans:,} 份有正文的要点中，最常见的实词是{listing(first, named, language=language)}；"
                f"前 {len(top)} 个词占全部 {len(content):,} 个实词词元的 {hold}。")
    if n_plans > 1:
        spread = content[content["token"].isin(top.index)].groupby("token")["doc_id"].nunique()
        everywhere = int((spread == n_plans).sum())
        if everywhere == 0:
            text += pick(language, f" None of the {len(top)} occurs in every plan.",
                         f"这 {len(top)} 个词中没有一个出现在每一份要点中。")
        else:
            text += pick(language, f" {everywhere} of the {len(top)} {'occurs' if everywhere == 1 else 'occur'} in "
                         "every plan.", f"其中 {everywhere} 个出现在每一份要点中。")
    return text


# --------------------------------------------------------------------------- TF-IDF


def tfidf_raw(raw: pd.DataFrame, content: pd.DataFrame, language: str = "en") -> str:
    """Whether raw TF-IDF (:func:`wpanalysis.features.tfidf_distinctive` on all terms) just repeats
    the frequency list: in how many plans the first term occurs in every plan.

    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b"], "token": ["教育", "双减", "教育"]})
    >>> raw = pd.DataFrame({"doc_id": ["a", "b"], "rank": [1, 1], "token": ["双减", "教育"]})
    >>> print(tfidf_raw(raw, t))  # doctest: +NORMALIZE_WHITESPACE
    In 1 of the 2 plans the first raw TF-IDF term occurs in every plan (教育): its idf is at the floor of 1,
    so its count decides and the raw ranking repeats the frequency list.
    >>> print(tfidf_raw(raw, t, language="zh"))  # doctest: +ELLIPSIS
    2 份要点中有 1 份的原始 TF-IDF 首位词出现在每一份要点中（“教育”）：它的 `idf` 处于下限 1，排序由频次决定，原...
    """
    n_plans = content["doc_id"].nunique()
    if n_plans < 2:
        what = pick(language, "no plan" if n_plans == 0 else "one plan",
                    "没有有正文的要点" if n_plans == 0 else "只有一份有正文的要点")
        return pick(language, f"TF-IDF compares plans; with {what} with body text every idf is the same and the "
                    "ranking is the frequency list, so this step has nothing to add.",
                    f"TF-IDF 比较的是要点之间的差异；{what}时，每个词的 `idf` 都相同，排序就是词频表，"
                    "因此这一步没有新的信息。")
    spread = content.groupby("token")["doc_id"].nunique()
    everywhere = set(spread[spread == n_plans].index)
    first = raw[raw["rank"] == 1]
    hits = first[first["token"].isin(everywhere)]
    if hits.empty:
        return pick(language, f"In none of the {n_plans:,} plans is the first raw TF-IDF term one that occurs in every "
                    "plan: idf already separates the plans.",
                    f"{n_plans:,} 份要点中，没有一份的原始 TF-IDF 首位词出现在每一份要点中："
                    "`idf` 已经把各份要点区分开来。")
    terms = listing(_quoted(pd.unique(hits["token"]), language), _NAMED, language=language)
    who = (f"{_all_zh(n_plans)}的原始 TF-IDF 首位词都" if len(hits) == n_plans
           else f"{n_plans:,} 份要点中有 {len(hits):,} 份的原始 TF-IDF 首位词")
    return pick(language, f"In {len(hits):,} of the {n_plans:,} plans the first raw TF-IDF term occurs in every plan "
                f"({terms}): its idf is at the floor of 1, so its count decides and the raw ranking repeats the "
                "frequency list.",
                f"{who}出现在每一份要点中（{terms}）：它的 `idf` "
                "处于下限 1，排序由频次决定，原始排序重复了词频表。")


def _place_terms(tokens: Sequence[str], documents: pd.DataFrame) -> list[str]:
    """The *tokens* that are, or begin with, a registry place name (:func:`wpanalysis.compare.drop_place_names`)."""
    unique = pd.DataFrame({"token": list(dict.fromkeys(tokens))})
    kept = set(drop_place_names(unique, documents)["token"])
    return [t for t in unique["token"] if t not in kept]


def tfidf_distinctive(content: pd.DataFrame, rest: pd.DataFrame, distinctive: pd.DataFrame,
                      documents: pd.DataFrame, language: str = "en") -> str:
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
    >>> print(tfidf_distinctive(t, t[t.token != "教育"], d, docs, language="zh"))  # doctest: +ELLIPSIS
    在两份要点中都出现的词（3 个词中的 1 个）在排序前删除。2 份要点中有 1 份的前 1 个特色词包含登记表中的地名（“宁...
    """
    zh = language == "zh"
    n_plans = content["doc_id"].nunique()
    if n_plans < 2:
        return pick(language, "With fewer than two plans with body text there is nothing to set a plan apart from.",
                    "有正文的要点少于两份，无从找出使一份要点区别于其他要点的词。")
    n_vocab = content["token"].nunique()
    dropped = n_vocab - rest["token"].nunique()
    if zh:
        text = (f"在{_all_zh(n_plans)}中都出现的词（{n_vocab:,} 个词中的 {dropped:,} 个）在排序前删除。" if dropped
                else "没有一个词出现在每一份要点中，因此排序前不删除任何词。")
    else:
        text = (f"Terms found in {_all(n_plans)} ({dropped:,} of {count(n_vocab, 'term')}) are dropped before "
                "ranking." if dropped else "No term occurs in every plan, so none is dropped before ranking.")
    places = set(_place_terms(distinctive["token"].tolist(), documents))
    hits = distinctive[distinctive["token"].isin(places)]
    top = int(distinctive["rank"].max()) if len(distinctive) else 0
    if hits.empty:
        return text + pick(language, f" No registry place name is among the top {top} terms of any plan.",
                           f"没有一份要点的前 {top} 个特色词包含登记表中的地名。")
    n_hit = hits["doc_id"].nunique()
    names = listing(_quoted(pd.unique(hits["token"]), language), _NAMED, language=language)
    return text + pick(language, f" A registry place name is among the top {top} terms of {n_hit:,} of the "
                       f"{n_plans:,} plans ({names}): place names mark a plan as its own; `compare.drop_place_names` "
                       "removes them.",
                       f"{n_plans:,} 份要点中有 {n_hit:,} 份的前 {top} 个特色词包含登记表中的地名（{names}）："
                       "地名把一份"
                       "要点标记为它自己的；`compare.drop_place_names` 可以删除它们。")


# --------------------------------------------------------------------------- keyness


def contrast_choice(groups: pd.DataFrame, pair: tuple[str, str] | None, column: str, min_plans: int,
                    language: str = "en") -> str:
    """Which two groups of *column* the keyness test compares, and which are left out and why.

    *groups* is :func:`wpanalysis.compare.comparable_groups` over the plans with body text,
    *pair* :func:`wpanalysis.compare.contrast_groups` of the same.

    >>> g = pd.DataFrame({"group": ["city", "county", "unknown"], "n_docs": [4, 1, 1],
    ...                   "usable": [True, False, False], "reason": ["", "fewer than 2 plans", "value not recorded"]})
    >>> print(contrast_choice(g, None, "admin_level", 2))  # doctest: +NORMALIZE_WHITESPACE
    No two groups of `admin_level` have at least 2 plans with body text (city 4, county 1, unknown 1), so
    the keyness test between groups is skipped.
    >>> print(contrast_choice(g, None, "admin_level", 2, language="zh"))  # doctest: +ELLIPSIS
    按行政层级分组，没有两个组各有至少 2 份有正文的要点（地级市 4 份、县 1 份、未记录 1 份），因此跳过组间关键性检...
    """
    zh = language == "zh"
    col = _column(column, language)
    if groups.empty:
        return pick(language, f"There are no plans with body text, so there are no groups of {col} to compare.",
                    f"没有有正文的要点，因此没有可比较的{col}分组。")
    names = [_named(column, g, language) for g in groups["group"]]
    sizes = ("、".join(f"{g} {n:,} 份" for g, n in zip(names, groups["n_docs"])) if zh
             else ", ".join(f"{g} {n:,}" for g, n in zip(names, groups["n_docs"])))
    if pair is None:
        return pick(language, f"No two groups of {col} have at least {count(min_plans, 'plan')} with body text "
                    f"({sizes}), so the keyness test between groups is skipped.",
                    f"按{col}分组，没有两个组各有至少 {min_plans:,} 份有正文的要点（{sizes}），"
                    "因此跳过组间关键性检验。")
    n = dict(zip(groups["group"], groups["n_docs"]))
    a, b = (_named(column, g, language) for g in pair)
    out = groups[~groups["group"].isin(pair)]
    if zh:
        text = (f"有正文的要点按{col}分组：{sizes}。比较其中至少有 {min_plans:,} 份要点的最大两组："
                f"**{a}**（{n[pair[0]]:,} "
                f"份，目标组）与 **{b}**（{n[pair[1]]:,} 份，参照组）。")
        if len(out):
            text += "未参与比较的组：" + "；".join(f"{_named(column, r.group, language)}（{r.n_docs:,} 份："
                                           f"{_reason(r.reason, language)}）" for r in out.itertuples()) + "。"
        return text
    text = (f"Plans with body text by {col}: {sizes}. The two largest groups with at least "
            f"{count(min_plans, 'plan')} are compared: **{a}** ({count(n[pair[0]], 'plan')}, the target) "
            f"against **{b}** ({count(n[pair[1]], 'plan')}, the reference).")
    if len(out):
        text += " Left out: " + "; ".join(f"{r.group} ({count(r.n_docs, 'plan')}: {r.reason})"
                                          for r in out.itertuples()) + "."
    return text


def _side(members: pd.DataFrame, group: str) -> tuple[int, int, list[str]]:
    part = members[members["group"] == group]
    return len(part), int(part["n_tokens"].sum()), part["label"].astype(str).tolist()


def _term_note(row: object, names: tuple[str, str], sizes: tuple[int, int], language: str = "en") -> str:
    if language == "zh":
        return (f"“{row.token}”（G² = {abs(row.g2):.1f}，对数比 {row.log_ratio:+.2f}；"
                f"出现在 {sizes[0]} 份{names[0]}要点中"
                f"的 {row.docs_target} 份、{sizes[1]} 份{names[1]}要点中的 {row.docs_reference} 份）")
    return (f"{row.token} (G² = {abs(row.g2):.1f}, log ratio {row.log_ratio:+.2f}; in {row.docs_target} of "
            f"{sizes[0]} {names[0]} and {row.docs_reference} of {sizes[1]} {names[1]} plans)")


def _single_plan_terms(sig: pd.DataFrame, sizes: tuple[int, int]) -> list[str]:
    """Significant terms found in only one plan of the group they are key to (that group holding more)."""
    target = sig[(sig["g2"] > 0) & (sig["docs_target"] == 1)] if sizes[0] > 1 else sig.iloc[:0]
    reference = sig[(sig["g2"] < 0) & (sig["docs_reference"] == 1)] if sizes[1] > 1 else sig.iloc[:0]
    return [*target["token"], *reference["token"]]


def keyness_result(key: pd.DataFrame | None, members: pd.DataFrame | None, pair: tuple[str, str] | None,
                   alpha: float = 0.05, min_count: int = 5, n: int = 5, column: str = "",
                   language: str = "en") -> str:
    """The keyness test between two groups in words: who is compared, how many terms are
    significant after Bonferroni correction, the top *n* on each side with the number of plans
    they occur in, and what the test's unit (the token) allows one to say.

    *key* is :func:`wpanalysis.features.keyness_groups`, *members* :func:`wpanalysis.features.group_members`;
    all three are None when no two groups could be chosen. *column* is the registry column of the
    groups: the Chinese sentence names them by their labels (地级市, 东部).
    """
    zh = language == "zh"
    if pair is None or key is None or members is None:
        return pick(language, "The keyness test between groups is skipped (no two groups to compare, see above).",
                    "跳过组间关键性检验（没有可比较的两组，见上文）。")
    names = (_named(column, pair[0], language), _named(column, pair[1], language))
    (n_t, tok_t, lab_t), (n_r, tok_r, lab_r) = _side(members, "target"), _side(members, "reference")
    if zh:
        text = (f"**{names[0]}**（{n_t:,} 份，{tok_t:,} 个实词词元："
                f"{listing(lab_t, _NAMED, language=language, unit='份')}）与 "
                f"**{names[1]}**（{n_r:,} 份，{tok_r:,} 个实词词元："
                f"{listing(lab_r, _NAMED, language=language, unit='份')}）。")
    else:
        text = (f"**{pair[0]}** ({count(n_t, 'plan')}, {count(tok_t, 'content token')}: {listing(lab_t, _NAMED)}) "
                f"against **{pair[1]}** ({count(n_r, 'plan')}, {count(tok_r, 'content token')}: "
                f"{listing(lab_r, _NAMED)}).")
    if key.empty:
        return text + pick(language, f" No term occurs {min_count} times in the two groups together, so nothing is "
                           "tested.", f"没有一个词在两组合计中出现 {min_count} 次，因此没有进行检验。")
    sig = key[key["significant"]]
    text += pick(language, f" {count(len(key), 'term')} {'occurs' if len(key) == 1 else 'occur'} at least "
                 f"{min_count} times in the two groups together and {_is(len(key))} tested; ",
                 f"两组合计至少出现 {min_count} 次的 {len(key):,} 个词参加检验；")
    if sig.empty:
        strongest = key.loc[key["g2"].abs().idxmax()]
        g2, p = f"{abs(strongest['g2']):.1f}", f"{strongest['p_bonferroni']:.2g}"
        text += pick(language, f"none is significant after Bonferroni correction (p × {len(key):,} < {alpha}); the "
                     f"strongest, {strongest['token']}, has G² = {g2} (corrected p = {p}).",
                     f"经 Bonferroni 校正（p × {len(key):,} < {alpha}）后没有显著的词；最强的是“{strongest['token']}”，"
                     f"G² = {g2}（校正后 p = {p}）。")
    else:
        n_pos, n_neg = int((sig["g2"] > 0).sum()), int((sig["g2"] < 0).sum())
        text += pick(language, f"**{len(sig):,} {_is(len(sig))} significant** after Bonferroni correction (p × "
                     f"{len(key):,} < {alpha}): {n_pos:,} more frequent in the {pair[0]} plans, {n_neg:,} in the "
                     f"{pair[1]} plans.",
                     f"经 Bonferroni 校正（p × {len(key):,} < {alpha}）后**有 {len(sig):,} 个显著**：{n_pos:,} 个在"
                     f"{names[0]}要点中更常见，{n_neg:,} 个在{names[1]}要点中更常见。")
        lines = []
        for label, side in ((names[0], sig[sig["g2"] > 0].head(n)),
                            (names[1], sig[sig["g2"] < 0].sort_values("g2", kind="stable").head(n))):
            if len(side):
                notes = [_term_note(r, names, (n_t, n_r), language) for r in side.itertuples()]
                lines.append(f"在{label}要点中更常见：" + "；".join(notes) if zh
                             else f"more frequent in {label}: " + "; ".join(notes))
        text += "\n\n" + bullet_list(lines)
        single = _single_plan_terms(sig, (n_t, n_r))
        if single:
            one = len(single) == 1
            if zh:
                whose = "它是那一份要点的词" if one else "每个词都只是一份要点的词"
                text += (f"\n\n{listing(_quoted(single), _NAMED, language=language)}是由多份要点组成的组的关键词，"
                         "但只出现在"
                         f"其中一份要点中：{whose}，而不是整组的词。")
            else:
                whose = "that plan's word" if one else "each is one plan's word"
                text += (f"\n\n{listing(single, _NAMED)} {_is(len(single))} key to a group of several plans but "
                         f"occur{'s' if one else ''} in only one of them: {whose}, not the group's.")
    return text + "\n\n" + _token_unit(names, n_t + n_r, language)


def _token_unit(names: tuple[str, str], n_plans: int, language: str = "en") -> str:
    return pick(language, "The unit of this test is the token: the tokens of each group are pooled, so a plan that "
                "repeats a word weighs as much as several plans that use it once. The result describes the wording "
                f"of these {count(n_plans, 'plan')}, not a difference between {names[0]} and {names[1]} bureaus; the "
                "plan-level test below asks that question.",
                "这一检验的单位是词元：每组的词元合并计算，因此一份反复使用某个词的要点，与几份各用一次的要点分量相同。"
                f"结果描述的是这 {n_plans:,} 份要点的措辞，而不是{names[0]}与{names[1]}教育局之间的差异；下文以要点为"
                "单位的检验回答这个问题。")


def plan_pair(key: pd.DataFrame | None, labels: tuple[str, str] | None, groups: tuple[str, str] | None,
              documents: pd.DataFrame, column: str = "", language: str = "en") -> str:
    """The keyness test between two single plans (the largest of each group,
    :func:`wpanalysis.features.largest_of_each_group`) and how many of its significant terms are
    registry place names; *key* and *labels* are None when there is no such pair. *column* is the
    registry column of *groups* (for their Chinese names).

    >>> docs = pd.DataFrame({"province": ["浙江省"], "city": ["宁波市"], "county": [None]})
    >>> k = pd.DataFrame({"token": ["宁波", "双减", "教师"], "significant": [True, True, False]})
    >>> said = plan_pair(k, ("宁波 2024", "吉首 2023"), ("city", "county-level city"), docs)
    >>> print(said)  # doctest: +NORMALIZE_WHITESPACE
    The same test between two single plans, the largest of each group (by content tokens): 宁波 2024 (city)
    against 吉首 2023 (county-level city). 3 terms are tested; 2 are significant after Bonferroni correction,
    1 of them a registry place name (宁波). With one plan a side this compares two texts, not two kinds of
    bureaus: no test with the plan as its unit is possible.
    >>> plan_pair(k, ("宁波 2024", "吉首 2023"), ("city", "county-level city"), docs, "admin_level", "zh")[37:82]
    '宁波 2024（地级市）与吉首 2023（县级市）。3 个词参加检验；经 Bonferro'
    """
    if key is None or labels is None or groups is None:
        return pick(language, "There is no pair of groups, so no pair of single plans either.",
                    "没有可比较的两组，因此也没有可比较的两份单独的要点。")
    return _plan_pair_result(key, labels, groups, documents, column, language) + pick(
        language, " With one plan a side this compares two texts, not two kinds of bureaus: no test with the plan as "
        "its unit is possible.", "每侧只有一份要点时，比较的是两篇文本，而不是两类教育局：无法进行以要点为单位的检验。")


def _plan_pair_result(key: pd.DataFrame, names: tuple[str, str], groups: tuple[str, str],
                      documents: pd.DataFrame, column: str, language: str) -> str:
    g = [_named(column, x, language) for x in groups]
    text = pick(language, "The same test between two single plans, the largest of each group (by content tokens): "
                f"{names[0]} ({g[0]}) against {names[1]} ({g[1]}).",
                f"在两份单独的要点之间做同样的检验，取两组中各自最大的一份（按实词词元数）：{names[0]}（{g[0]}）与"
                f"{names[1]}（{g[1]}）。")
    if key.empty:
        return text + pick(language, " No term occurs often enough in the two plans to be tested.",
                           "没有一个词在两份要点中出现得足够多，因此没有进行检验。")
    sig = key.loc[key["significant"], "token"].tolist()
    text += pick(language, f" {count(len(key), 'term')} {_is(len(key))} tested; ", f"{len(key):,} 个词参加检验；")
    if not sig:
        return text + pick(language, "none is significant after Bonferroni correction.",
                           "经 Bonferroni 校正后没有显著的词。")
    places = _place_terms(sig, documents)
    text += pick(language, f"{len(sig):,} {_is(len(sig))} significant after Bonferroni correction",
                 f"经 Bonferroni 校正后有 {len(sig):,} 个显著")
    if not places:
        return text + pick(language, ", none of them a registry place name.", "，其中没有登记表中的地名。")
    what = "a registry place name" if len(places) == 1 else "registry place names"
    return text + pick(language, f", {len(places):,} of them {what} ({listing(places, _NAMED)}).",
                       f"，其中 {len(places):,} 个是登记表中的地名"
                       f"（{listing(_quoted(places), _NAMED, language=language)}）。")


def headline_what(term: str, language: str = "en") -> str:
    """The headline term's statistic as :func:`wpanalysis.statements.design.influence` and
    :func:`~wpanalysis.statements.design.robustness` name it.

    >>> headline_what("高校"), headline_what("高校", "zh")
    ('the G² of 高校', '“高校”的 G²')
    """
    return pick(language, f"the G² of {term}", f"“{term}”的 G²")


def no_headline_term(language: str = "en") -> str:
    """What the leave-one-plan-out step says when no term is significant.

    >>> no_headline_term("zh")
    '没有可追踪的显著词（见上文）。'
    """
    return pick(language, "No significant term to follow (see above).", "没有可追踪的显著词（见上文）。")


def nothing_to_repeat(language: str = "en") -> str:
    """What the robustness step says when there is no headline term.

    >>> nothing_to_repeat("zh")
    '没有可在其他设定下重复的结果。'
    """
    return pick(language, "Nothing to repeat.", "没有可在其他设定下重复的结果。")


# --------------------------------------------------------------------------- network and discovery


def network(pairs: pd.DataFrame, strong: pd.DataFrame, n_terms: int, min_npmi: float, min_items: int,
            max_nodes: int | None = None, language: str = "en") -> str:
    """The co-occurrence network in a sentence: nodes, edges and the strongest pairs.

    *pairs* is :func:`wpanalysis.features.cooccurrence` of the top *n_terms* terms, *strong*
    the pairs kept as edges (NPMI ≥ *min_npmi*, in ≥ *min_items* items).

    >>> s = pd.DataFrame({"term_a": ["体系"], "term_b": ["健全"], "n_units": [18], "npmi": [0.394]})
    >>> print(network(s, s, 40, 0.2, 5))
    Of the 40 most frequent content terms, 2 are linked by 1 pair with NPMI ≥ 0.2 in at least 5 items: 体系–健全 (0.39).
    >>> print(network(s, s, 40, 0.2, 5, language="zh"))
    前 40 个高频实词中，有 2 个由 1 个词对相连（NPMI ≥ 0.2，且至少在 5 个条目中共现）：体系–健全（0.39）。
    """
    if pairs.empty:
        return pick(language, "There are no pairs of terms to link.", "没有可连接的词对。")
    if strong.empty:
        return pick(language, f"No pair of the {n_terms} most frequent terms has NPMI ≥ {min_npmi} in at least "
                    f"{min_items} items: the network is empty.",
                    f"前 {n_terms} 个高频词中，没有一对词的 NPMI ≥ {min_npmi} 且至少在 {min_items} 个条目中共现："
                    "网络为空。")
    nodes = len(set(strong["term_a"]) | set(strong["term_b"]))
    best = strong.sort_values(["npmi", "term_a", "term_b"], ascending=[False, True, True], kind="stable").head(3)
    if language == "zh":
        named = [f"{r.term_a}–{r.term_b}（{r.npmi:.2f}）" for r in best.itertuples()]
        text = (f"前 {n_terms} 个高频实词中，有 {nodes} 个由 {len(strong):,} 个词对相连（NPMI ≥ {min_npmi}，且至少在 "
                f"{min_items} 个条目中共现）：{listing(named, 3, language=language)}。")
    else:
        named = [f"{r.term_a}–{r.term_b} ({r.npmi:.2f})" for r in best.itertuples()]
        text = (f"Of the {n_terms} most frequent content terms, {nodes} are linked by {count(len(strong), 'pair')} "
                f"with NPMI ≥ {min_npmi} in at least {min_items} items: {listing(named, 3)}.")
    if max_nodes is not None and nodes > max_nodes:
        text += pick(language, f" The figure draws the {max_nodes} terms with most links.",
                     f"图中绘出连接最多的 {max_nodes} 个词。")
    return text


def discovery(candidates: pd.DataFrame, n_plans: int, n_chars: int, language: str = "en") -> str:
    """What lexicon discovery read and found.

    >>> print(discovery(pd.DataFrame({"term": ["全覆盖", "师德"]}), 9, 48_000))  # doctest: +NORMALIZE_WHITESPACE
    From the item texts of all 9 plans (48,000 characters), the 2 best-scoring candidates are listed below,
    全覆盖 first.
    >>> print(discovery(pd.DataFrame({"term": ["全覆盖", "师德"]}), 9, 48_000, language="zh"))
    从全部 9 份要点的条目文本（48,000 字）中，得分最高的 2 个候选词列于下表，首位是“全覆盖”。
    """
    if n_chars == 0:
        return pick(language, "There is no item text to read, so no candidates.",
                    "没有可读取的条目文本，因此没有候选词。")
    if candidates.empty:
        return pick(language, f"No character sequence of the item texts of the {count(n_plans, 'plan')} "
                    f"({n_chars:,} characters) passes the thresholds; lower `min_count` to see weaker candidates.",
                    f"{n_plans:,} 份要点的条目文本（{n_chars:,} 字）中，没有一个字符序列达到阈值；降低 `min_count` "
                    "可以看到较弱的候选词。")
    where = pick(language, f"From the item texts of {_all(n_plans) if n_plans > 1 else 'the one plan'} "
                 f"({n_chars:,} characters)",
                 f"从{_all_zh(n_plans) if n_plans > 1 else '这一份要点'}的条目文本（{n_chars:,} 字）中")
    first = candidates["term"].iloc[0]
    if len(candidates) == 1:
        return pick(language, f"{where}, one candidate passes the thresholds: {first}.",
                    f"{where}，只有一个候选词达到阈值：“{first}”。")
    return pick(language, f"{where}, the {len(candidates):,} best-scoring candidates are listed below, {first} first.",
                f"{where}，得分最高的 {len(candidates):,} 个候选词列于下表，首位是“{first}”。")


def in_short(n_text: int, n_plans: int, with_without: pd.DataFrame, pair: tuple[str, str] | None,
             key: pd.DataFrame | None, members: pd.DataFrame | None, column: str, language: str = "en") -> str:
    """The notebook's result in three sentences."""
    zh = language == "zh"
    if n_text == 0:
        return pick(language, f"**In short.** None of the {count(n_plans, 'plan')} has body text, so there are no "
                    "frequencies to report; lexicon discovery is the one step that reads the titles.",
                    f"**小结**。{n_plans:,} 份要点都没有正文，因此没有可报告的词频；新词发现是唯一读取标题的步骤。")
    if zh:
        who = ("该份要点有正文" if n_plans == 1 else f"{_all_zh(n_plans)}都有正文" if n_text == n_plans
               else f"{n_plans:,} 份要点中有 {n_text:,} 份有正文")
        text = f"**小结**。{who}，均已计入。"
    else:
        if n_text == n_plans:
            who = "The plan has" if n_plans == 1 else f"{_all(n_plans).capitalize()} have"
        else:
            who = f"{n_text:,} of the {count(n_plans, 'plan')} {_has(n_text)}"
        text = f"**In short.** {who} body text and {_is(n_text)} counted."
    if len(with_without):
        n_leave, n_top = int(with_without["kept_in_layer"].sum()), len(with_without)
        if zh:
            text += (f"删除政策套话层改变了前 {n_top} 个高频词中的 {n_leave} 个。" if n_leave
                     else f"删除政策套话层没有改变前 {n_top} 个高频词中的任何一个。")
        else:
            text += (f" Removing the boilerplate layer changes {n_leave} of the top {n_top} terms." if n_leave
                     else f" Removing the boilerplate layer changes none of the top {n_top} terms.")
    if pair is None or key is None or members is None:
        return text + pick(language, f" No two groups of `{column}` had enough plans to be compared.",
                           f"按{_column(column, language)}分组，没有两个组有足够的要点可供比较。")
    n_t, n_r = (int((members["group"] == g).sum()) for g in ("target", "reference"))
    n_sig = int(key["significant"].sum()) if len(key) else 0
    names = (_named(column, pair[0], language), _named(column, pair[1], language))
    if "p_plan" in key.columns and len(key):
        return text + _in_short_plans(key, names, n_t, n_r, n_sig, language)
    return text + pick(language, f" The {pair[0]} vs {pair[1]} contrast rests on {count(n_sig, 'significant term')} "
                       f"from {n_t:,} + {n_r:,} plans — a description of these plans' wording and a starting point for "
                       "close reading, not a finding about bureaus in general.",
                       f"{names[0]}与{names[1]}的对比依据的是来自 {n_t:,} + {n_r:,} 份要点的 {n_sig:,} 个显著词——"
                       "这是对这些要点措辞的描述，也是细读的起点，而不是关于教育局总体的发现。")


def _in_short_plans(key: pd.DataFrame, names: tuple[str, str], n_t: int, n_r: int, n_sig: int,
                    language: str = "en") -> str:
    """The keyness sentence of :func:`in_short` when *key* carries the plan-level test
    (:func:`wpanalysis.inference.plan_keyness`)."""
    n_bh, n_plan = int(key["significant_bh"].sum()), int(key["significant_bh_plan"].sum())
    min_p = float(key["min_p_plan"].iloc[0])
    if language == "zh":
        reach = (f"组的大小为 {n_t:,} 份和 {n_r:,} 份时，任何检验都无法达到 p < 0.05（可达到的最小 p 值为 {min_p:.3f}）"
                 if min_p > 0.05 else f"经 Benjamini–Hochberg 校正后有 {n_plan:,} 个词显著")
        level = ("这是对这些要点措辞的描述，也是细读的起点，而不是关于教育局总体的发现" if n_plan == 0 else
                 "这是这两组要点之间的差异，还不是两类教育局之间的差异（这些要点不是随机抽取的样本）")
        return (f"以合并的词元计算，{names[0]}与{names[1]}的对比经 Bonferroni 校正后有 {n_sig:,} 个显著词（经 "
                f"Benjamini–Hochberg 校正后 {n_bh:,} 个）；以要点为单位，{reach}——"
                f"在这 {n_t + n_r:,} 份要点中，{level}。")
    reach = (f"no test can reach p < 0.05 with groups of {n_t:,} and {n_r:,} plans (smallest attainable p "
             f"{min_p:.3f})" if min_p > 0.05 else
             f"{count(n_plan, 'term')} {_is(n_plan)} significant after Benjamini–Hochberg")
    level = ("a description of these plans' wording and a starting point for close reading, not a finding about "
             "bureaus in general" if n_plan == 0 else "a difference between these groups of plans, not yet between "
             "kinds of bureaus (the plans are not a sample drawn at random)")
    return (f" On pooled tokens the {names[0]} vs {names[1]} contrast has {count(n_sig, 'term')} significant after "
            f"Bonferroni ({n_bh:,} after Benjamini–Hochberg); with plans as the unit, {reach} — in these "
            f"{count(n_t + n_r, 'plan')}, {level}.")
