"""Generated statements of the policy-instrument analysis (notebook 06): the distribution of
instruments, their validation, the instrument structure of plans and the group comparison.

Every function takes tables of :mod:`wpanalysis.framework` or :mod:`wpanalysis.coding.validation`
and returns Markdown; the words that depend on the results are chosen here from the numbers. Each
takes ``language`` (``"en"`` or ``"zh"``): instrument names come from the instrument codebook in
that language, group values and fixed words from :mod:`wpanalysis.labels`.
"""

from __future__ import annotations

import math

import pandas as pd

from .. import labels
from ..coding.codebook import NONE
from ..coding.instruments import TYPES, InstrumentCodebook, load_instrument_codebook
from . import count, listing, pick, share
from .comparison import kappa_word

__all__ = ["describe_instrument_distribution", "describe_validation", "describe_disagreements",
           "describe_missing_sample", "describe_plan_structure", "describe_group_shares"]


def _group_name(grouping: str | None, value: object, language: str) -> str:
    """A group value as *language* shows it (as it is in English, or when it has no label)."""
    if language == "en" or grouping is None:
        return str(value)
    return labels.group_label(grouping, value, language, default=str(value))


def describe_instrument_distribution(coded: pd.DataFrame, book: InstrumentCodebook | None = None,
                                     language: str = "en") -> str:
    """How the sentences spread over the types, the largest sub-instrument, and the sentences with none.

    >>> c = pd.DataFrame({"doc_id": ["a", "a", "b", "b"],
    ...                   "instrument_type": ["environment", "environment", "supply", "none"],
    ...                   "instrument": ["regulation", "regulation", "talent", "none"]})
    >>> describe_instrument_distribution(c)
    'Of the 4 sentences of 2 plans, 50% are coded environmental, 25% supply-side and 0% demand-side; \
25% name no act (`none`). The most frequent sub-instrument is regulation and control (2 sentences).'
    >>> describe_instrument_distribution(c, language="zh")
    '在 2 份要点的 4 个句子中，50% 编码为环境型，25% 为供给型，0% 为需求型；25% 没有任何行为（`none`）。\
最常见的子工具是法规管制（2 句）。'
    """
    book = book or load_instrument_codebook()
    names = book.names(language)
    n = len(coded)
    if not n:
        return pick(language, "The corpus has no sentences to code.", "语料中没有可编码的句子。")
    counts = coded["instrument_type"].value_counts()
    ordered = sorted(TYPES, key=lambda t: (-int(counts.get(t, 0)), TYPES.index(t)))
    shares = [share(int(counts.get(t, 0)), n) for t in ordered]
    none = share(int(counts.get(NONE, 0)), n)
    named = coded[coded["instrument"] != NONE]["instrument"].value_counts()
    best = named[named == named.iloc[0]].index.tolist() if len(named) else []
    top_n = int(named.iloc[0]) if len(named) else 0
    plans = int(coded["doc_id"].nunique())
    if language == "zh":
        parts = [f"{s} {'编码' if k == 0 else ''}为{names[t]}" for k, (s, t) in enumerate(zip(shares, ordered))]
        top = ""
        if best:
            top = (f"最常见的子工具是{listing([names[i] for i in best], language='zh')}"
                   f"（{'各 ' if len(best) > 1 else ''}{top_n:,} 句）。")
        return f"在 {plans:,} 份要点的 {n:,} 个句子中，{'，'.join(parts)}；{none} 没有任何行为（`none`）。{top}"
    pick(language, "", "")  # refuses an unknown language
    parts = [f"{s} {names[t]}" for s, t in zip(shares, ordered)]
    parts[0] = parts[0].replace("% ", "% are coded ", 1)
    top = ""
    if best:
        which = listing([names[i] for i in best])
        top = (f" The most frequent sub-instrument{'s are' if len(best) > 1 else ' is'} {which} "
               f"({count(top_n, 'sentence')}{' each' if len(best) > 1 else ''}).")
    return (f"Of the {count(n, 'sentence')} of {count(plans, 'plan')}, "
            f"{listing(parts)}; {none} name no act (`none`).{top}")


def _k(value: float, language: str = "en") -> str:
    if value is None or math.isnan(value):
        return pick(language, "undefined", "无法计算")
    return f"{value:.2f}"


def _strength(kappa: float, language: str = "en") -> str:
    """Landis & Koch's word for *kappa* (:func:`~wpanalysis.statements.comparison.kappa_word`) in *language*.

    >>> _strength(0.9), _strength(0.5, "zh")
    ('almost perfect', '中等一致')
    """
    word = kappa_word(kappa)
    return word if language == "en" else labels.label("instruments_kappa_word", word, language)


def describe_validation(summary: pd.DataFrame, language: str = "en") -> str:
    """The headline of :func:`wpanalysis.coding.validation.validation_summary`: agreement between
    the coders and of the package with their consensus, on the type, all and held-out.

    >>> s = pd.DataFrame({"comparison": ["coders"] * 2 + ["package vs consensus"] * 2, "level": ["type"] * 4,
    ...                   "subset": ["all", "heldout"] * 2, "n": [150, 75, 150, 75], "agreement": [0.9, 0.9, 0.8, 0.7],
    ...                   "kappa": [0.85, 0.86, 0.65, 0.5], "alpha": [0.85, 0.86, 0.65, 0.5]})
    >>> describe_validation(s)
    "On 150 sentences the two coders agree on the instrument type with Cohen's κ = 0.85 (Krippendorff's α = 0.85; \
almost perfect agreement). The package agrees with their consensus with κ = 0.65 (substantial) on all sentences and \
κ = 0.50 (moderate) on the 75 held-out sentences its terms were not tuned on."
    >>> describe_validation(s, language="zh")
    "在 150 个句子上，两位编码员对工具类型的编码一致性为 Cohen's κ = 0.85（Krippendorff's α = 0.85；几乎完全一致）。\
程序编码与两人的共识编码相比，在全部句子上 κ = 0.65（高度一致），\
在编码表词语未据以调整的 75 个留出句子上 κ = 0.50（中等一致）。"
    """
    t = summary[summary["level"] == "type"].set_index(["comparison", "subset"])
    if ("coders", "all") not in t.index:
        return pick(language,
                    "No doubly coded sample exists for this corpus, so the instrument coding is not validated here.",
                    "该语料没有经两人分别编码的样本，因此这里没有对政策工具编码进行验证。")
    c = t.loc[("coders", "all")]
    k, a, w = _k(c["kappa"], language), _k(c["alpha"], language), _strength(c["kappa"], language)
    out = pick(language,
               f"On {count(int(c['n']), 'sentence')} the two coders agree on the instrument type with Cohen's "
               f"κ = {k} (Krippendorff's α = {a}; {w} agreement).",
               f"在 {int(c['n']):,} 个句子上，两位编码员对工具类型的编码一致性为 Cohen's κ = {k}"
               f"（Krippendorff's α = {a}；{w}）。")
    if ("package vs consensus", "all") in t.index:
        p = t.loc[("package vs consensus", "all")]
        k, w = _k(p["kappa"], language), _strength(p["kappa"], language)
        out += pick(language, f" The package agrees with their consensus with κ = {k} ({w}) on all sentences",
                    f"程序编码与两人的共识编码相比，在全部句子上 κ = {k}（{w}）")
        if ("package vs consensus", "heldout") in t.index:
            h = t.loc[("package vs consensus", "heldout")]
            k, w = _k(h["kappa"], language), _strength(h["kappa"], language)
            out += pick(language, f" and κ = {k} ({w}) on the {int(h['n'])} held-out sentences its terms were not "
                        "tuned on", f"，在编码表词语未据以调整的 {int(h['n']):,} 个留出句子上 κ = {k}（{w}）")
        out += pick(language, ".", "。")
    return out


def describe_missing_sample(language: str = "en") -> str:
    """What to do when the corpus has no instrument validation sample (`data/annotations/`).

    >>> describe_missing_sample("zh").startswith("该语料在 `data/annotations/` 中没有")
    True
    """
    return pick(language,
                "This corpus has no instrument validation sample in `data/annotations/`. Draw one with "
                "`validation.write_instrument_sample(coded, paths.annotations)`, give "
                "`instruments_sample.csv` and `docs/codebooks/instruments.md` to an independent coder, "
                "code it yourself as well, and save the three files that `validation.CODER_FILES` names.",
                "该语料在 `data/annotations/` 中没有政策工具的验证样本。请用 "
                "`validation.write_instrument_sample(coded, paths.annotations)` 抽取样本，把 "
                "`instruments_sample.csv` 和 `docs/codebooks/instruments.md` 交给一位独立编码员编码，"
                "你自己也编码一遍，然后保存 `validation.CODER_FILES` 列出的三个文件。")


def describe_disagreements(consensus: pd.DataFrame, n: int = 3, book: InstrumentCodebook | None = None,
                           language: str = "en") -> str:
    """What the two coders disagreed on most: the most frequent pairs of codes (either order).

    >>> c = pd.DataFrame({"coder_a": ["talent", "regulation", "talent", "funding"],
    ...                   "coder_b": ["strategic_measures", "strategic_measures", "strategic_measures", "funding"]})
    >>> describe_disagreements(c)
    'The coders disagree on 3 of 4 sentences; most often strategic measures vs talent and teacher development (2), \
regulation and control vs strategic measures (1).'
    >>> describe_disagreements(c, language="zh")
    '两位编码员在 4 个句子中有 3 个编码不同；最常见的是“策略性措施”与“人才培养与队伍建设”（2 句）、\
“法规管制”与“策略性措施”（1 句）。'
    """
    book = book or load_instrument_codebook()
    english, names = book.names("en"), book.names(language)
    differ = consensus[consensus["coder_a"] != consensus["coder_b"]]
    if not len(differ):
        return pick(language, f"The coders agree on all {count(len(consensus), 'sentence')}.",
                    f"两位编码员对全部 {len(consensus):,} 个句子的编码都相同。")
    # pairs are ranked by their English names in both languages, so both editions name the same pairs
    ids = {" vs ".join(sorted((english[a], english[b]))): tuple(sorted((a, b), key=english.get))
           for a, b in zip(differ["coder_a"], differ["coder_b"])}
    pairs = pd.Series([" vs ".join(sorted((english[a], english[b])))
                       for a, b in zip(differ["coder_a"], differ["coder_b"])])
    top = pairs.value_counts().sort_index().sort_values(ascending=False, kind="stable").head(n)
    if language == "zh":
        return (f"两位编码员在 {len(consensus):,} 个句子中有 {len(differ):,} 个编码不同；最常见的是"
                + "、".join(f"“{names[ids[p][0]]}”与“{names[ids[p][1]]}”（{k:,} 句）" for p, k in top.items()) + "。")
    pick(language, "", "")
    return (f"The coders disagree on {len(differ)} of {count(len(consensus), 'sentence')}; most often "
            + ", ".join(f"{pair} ({k})" for pair, k in top.items()) + ".")


def describe_plan_structure(structure: pd.DataFrame, language: str = "en") -> str:
    """Which type is largest in how many plans, and the range of the supply-side share over plans.

    >>> s = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "instrument": ["supply", "environment"] * 2,
    ...                   "n_sentences": [4, 4, 5, 5], "share": [0.25, 0.75, 0.6, 0.4]})
    >>> describe_plan_structure(s)
    'Environmental instruments are the largest type in 1 of 2 plans (ties counted for each type); \
the share of supply-side instruments ranges from 25% to 60% over the plans.'
    >>> describe_plan_structure(s, language="zh")
    '在 2 份要点中，有 1 份以环境型工具为占比最大的类型（并列时各类型都计入）；\
供给型工具所占的比例在各份要点之间从 25% 到 60% 不等。'
    """
    shown = structure[structure["n_sentences"] > 0]
    plans = shown["doc_id"].nunique()
    if not plans:
        return pick(language, "No plan has sentences to code.", "没有任何一份要点含有可编码的句子。")
    names = {"supply": "supply-side", "environment": "environmental", "demand": "demand-side"}
    typed = shown[shown["instrument"].isin(TYPES)]
    best = typed[typed["share"] == typed.groupby("doc_id")["share"].transform("max")]
    wins = best["instrument"].value_counts()
    lead = wins.index[0] if len(wins) else "environment"
    supply = typed[typed["instrument"] == "supply"]["share"]
    every = int(wins.iloc[0]) == plans
    if language == "zh":
        name = labels.label("instrument", lead, language, default=lead)
        head = ((f"在全部 {plans:,} 份要点中，{name}工具都是占比最大的类型" if every else
                 f"在 {plans:,} 份要点中，有 {int(wins.iloc[0]):,} 份以{name}工具为占比最大的类型")
                + "（并列时各类型都计入）")
        if plans == 1:
            return head + "。"
        supply_name = labels.label("instrument", "supply", language, default="supply")
        return (head + f"；{supply_name}工具所占的比例在各份要点之间从 {supply.min():.0%} 到 "
                f"{supply.max():.0%} 不等。")
    pick(language, "", "")
    head = (f"{names[lead].capitalize()} instruments are the largest type in "
            + (f"every plan ({plans})" if every else f"{int(wins.iloc[0])} of {count(plans, 'plan')}")
            + " (ties counted for each type)")
    if plans == 1:
        return head + "."
    return (head + f"; the share of supply-side instruments ranges from {supply.min():.0%} to {supply.max():.0%} "
            "over the plans.")


def describe_group_shares(table: pd.DataFrame, min_plans: int, language: str = "en") -> str:
    """Which groups are compared with a bootstrap over plans and which are descriptive only. Group
    values are labelled in *language* by the table's ``grouping`` column (as they are without it).

    >>> t = pd.DataFrame({"grouping": "region", "group": ["east", "west"], "n_plans": [5, 1],
    ...                   "basis": ["bootstrap over plans", "descriptive only"]})
    >>> describe_group_shares(t, 3)
    'Groups with at least 3 plans get a 95% bootstrap interval over their plans: east (5 plans). \
Descriptive only (fewer than 3 plans): west (1 plan). With one such group there is nothing to compare it with.'
    >>> describe_group_shares(t, 3, language="zh")
    '至少有 3 份要点的组给出按要点重抽样的 95% 自助法区间：东部（5 份）。只作描述（不足 3 份要点）：西部（1 份）。\
只有一个这样的组，无从比较。'
    """
    grouping = str(table["grouping"].iloc[0]) if "grouping" in table and len(table) else None
    groups = table.drop_duplicates("group")
    boot = groups[groups["basis"] == "bootstrap over plans"]
    desc = groups[groups["basis"] != "bootstrap over plans"]
    fmt = lambda part: listing([pick(language, f"{g} ({count(int(k), 'plan')})",  # noqa: E731
                                     f"{_group_name(grouping, g, language)}（{int(k):,} 份）")
                                for g, k in zip(part["group"], part["n_plans"])], language=language)
    if not len(boot):
        return pick(language, f"No group has {min_plans} or more plans, so the group shares are descriptive only: "
                    f"{fmt(desc)}.", f"没有任何组拥有 {min_plans} 份或更多要点，因此各组的比例只作描述：{fmt(desc)}。")
    out = pick(language, f"Groups with at least {min_plans} plans get a 95% bootstrap interval over their plans: "
               f"{fmt(boot)}.", f"至少有 {min_plans} 份要点的组给出按要点重抽样的 95% 自助法区间：{fmt(boot)}。")
    if len(desc):
        out += pick(language, f" Descriptive only (fewer than {min_plans} plans): {fmt(desc)}.",
                    f"只作描述（不足 {min_plans} 份要点）：{fmt(desc)}。")
    if len(boot) == 1:
        out += pick(language, " With one such group there is nothing to compare it with.",
                    "只有一个这样的组，无从比较。")
    elif {"instrument", "ci_low", "ci_high"} <= set(table.columns):
        out += pick(language, " ", "") + _overlaps(table[table["basis"] == "bootstrap over plans"], grouping, language)
    return out


def _overlaps(table: pd.DataFrame, grouping: str | None = None, language: str = "en") -> str:
    """Which types' intervals separate two groups (no overlap), or that none do."""
    apart = []
    for inst, part in table.groupby("instrument", sort=False):
        rows = list(part.itertuples(index=False))
        pairs = [(a, b) for k, a in enumerate(rows) for b in rows[k + 1:]
                 if a.ci_high < b.ci_low or b.ci_high < a.ci_low]
        name = inst if language == "en" else labels.label("instrument", str(inst), language, default=str(inst))
        apart += [pick(language, f"{inst} ({a.group} {a.mean_share:.0%} vs {b.group} {b.mean_share:.0%})",
                       f"{name}（{_group_name(grouping, a.group, language)} {a.mean_share:.0%}，"
                       f"{_group_name(grouping, b.group, language)} {b.mean_share:.0%}）") for a, b in pairs]
    if not apart:
        return pick(language, "For every type the groups' intervals overlap: at this number of plans the data cannot "
                    "tell the groups apart.",
                    "每一类型中各组的区间都相互重叠：在目前的要点数量下，数据无法区分这些组。")
    return pick(language, "Intervals that do not overlap: " + listing(apart) + "; all other intervals overlap.",
                "区间不重叠的有：" + listing(apart, language="zh") + "；其余区间都相互重叠。")
