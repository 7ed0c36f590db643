"""Generated statements about the design and plan-level inference, shared by notebooks 02, 03, 04
and 05: the sample frame, what group sizes allow, plan-level tests beside pooled statistics, the
declared family with Benjamini–Hochberg and Bonferroni, leave-one-plan-out influence and robustness.

Each function takes the tables of :mod:`wpanalysis.inference` and returns Markdown, in English
(``language="en"``) or Chinese (``"zh"``). Conclusions are phrased at the level the design
supports: "in these N plans", "descriptive only", "no test can reach p < 0.05 with groups of 4 and
2 plans" (在这 N 份要点中、仅作描述、任何检验都不可能达到 p < 0.05). The plan (要点, counted 份)
is the unit of inference in both languages. The *what* a notebook passes ("the G² of 高校",
"the plan-weighted difference", "domain") is put into Chinese by :func:`subject`. Example::

    from wpanalysis import build, inference
    from wpanalysis.statements import design
    corpus = build.load_corpus()
    frame = inference.sample_frame(corpus.documents, corpus.items)
    design.frame(frame, inference.frame_overlaps(corpus.documents, corpus.items), language="zh")
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping

import pandas as pd

from .. import labels as _labels
from ..inference import ALPHA, can_reach, min_attainable_p, n_assignments
from . import count, listing, pick

__all__ = ["NAMES", "frame", "reach", "plan_keyness", "family", "influence", "robustness", "p_text", "level",
           "describe_weighting", "describe_headline_test", "subject"]

NAMES = {"region": "region", "admin_level": "admin level", "year": "year", "remit": "remit",
         "completeness": "completeness"}
"""How the frame's columns are named in English sentences (Chinese: their column labels)."""

_NAMED = 5

# The phrases notebooks pass as *what*, in Chinese; "{}" is the term or topic the phrase names.
_SUBJECTS = {
    "differences": "差异",
    "group × domain differences": "组 × 领域差异",
    "group × topic differences": "组 × 主题差异",
    "group × domain and group × topic differences": "组 × 领域与组 × 主题差异",
    "the difference": "该差异",
    "the gap": "该差距",
    "the plan-weighted difference": "按要点等权的差异",
    "share": "占比",
    "it": "该结果",
}
_SUBJECT_PATTERNS = ((re.compile(r"the G² of (.+)"), "“{}”的 G²"),
                     (re.compile(r"the plan-weighted gap in topic (.+)"), "主题 {} 按要点等权的差距"),
                     (re.compile(r"the plan-weighted difference in (.+)"), "{}按要点等权的差异"))
_HAN = re.compile(r"[\u3400-\u9fff]")


def subject(what: str, language: str = "en") -> str:
    """The *what* of a sentence in *language*: English as it is; in Chinese the known phrases
    translated, a column name as its label, Chinese as it is (anything else in backticks, as code).

    >>> subject("the G² of 高校", "zh"), subject("the plan-weighted difference", "zh"), subject("domain", "zh")
    ('“高校”的 G²', '按要点等权的差异', '政策领域')
    """
    if pick(language, "en", "zh") == "en":
        return what
    if what in _SUBJECTS:
        return _SUBJECTS[what]
    for pattern, zh in _SUBJECT_PATTERNS:
        found = pattern.fullmatch(what)
        if found:
            return zh.format(found.group(1))
    return _labels.column_label(what, language, default=what if _HAN.search(what) else f"`{what}`")


def _name(column: str, language: str = "en") -> str:
    if language == "en":
        return NAMES.get(column, column)
    return _labels.column_label(column, language, default=f"`{column}`")


def _group(grouping: str, value: object, language: str) -> str:
    """A group as a sentence shows it: English `code`, Chinese “标签”."""
    if language == "en":
        return f"`{value}`"
    found = _labels.group_label(grouping, value, language, default=None)
    return f"`{value}`" if found is None else f"“{found}”"


def _shown_group(name: str, language: str) -> str:
    """A group name a notebook passes as shown (``city``, `` `city` ``, 地级市): in Chinese, a group
    value of the label table (any grouping) becomes its label in “”; anything else is kept."""
    if language == "en":
        return name
    code = name.strip("`")
    table = _labels.load_labels()
    for values in table.groups.values():
        if code in values:
            return f"“{values[code][language]}”"
    return name


def _plans_zh(n: int) -> str:
    return f"{n:,} 份要点"


_WIDE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’—]")


def _w(text: object) -> str:
    """*text* to sit between Chinese characters: a space on each side that is not itself Chinese
    (盘古之白, as the notebooks' Chinese prose writes 有 `min_plans` 份); :func:`_zh` drops the spaces
    that end up next to Chinese punctuation."""
    text = str(text)
    if not text:
        return text
    return (" " if not _WIDE.match(text[0]) else "") + text + (" " if not _WIDE.match(text[-1]) else "")


def _zh(text: str) -> str:
    """A Chinese sentence without the spaces :func:`_w` left next to Chinese punctuation."""
    text = re.sub(r"(?<=\S)  +", " ", text)
    return re.sub(r" +(?=[，。；：、（）“”—])|(?<=[，。；：、（）“”—]) +", "", text)


def _names_zh(names: list[str], unit: str, limit: int = _NAMED) -> str:
    """Names in a Chinese sentence: 甲、乙和丙, or past *limit* 甲、乙……等 N <unit>."""
    return listing(map(_w, names), limit, language="zh", unit=unit)


def _is(p: str) -> str:
    """A printed p-value after 最小 p 值: 为 0.067, or < 0.001."""
    return f" {p}" if p.startswith("<") else f"为 {p}"


def _join_zh(parts: list[str], limit: int = 6) -> str:
    """Clauses joined with ；, the first *limit* and how many more."""
    text = "；".join(parts[:limit])
    return text + (f"；另有 {len(parts) - limit:,} 项" if len(parts) > limit else "")


def p_text(p: float, language: str = "en") -> str:
    """A p-value as printed: three decimals, or "< 0.001" (the same in both languages).

    >>> p_text(0.0667), p_text(0.00001)
    ('0.067', '< 0.001')
    """
    pick(language, "", "")  # refuses an unknown language
    return "< 0.001" if p < 0.001 else f"{p:.3f}"


def frame(frame_table: pd.DataFrame, overlaps: pd.DataFrame, language: str = "en") -> str:
    """The sample frame in words: how many combinations of attributes the plans fall into, how many
    hold one plan, and which attributes travel together (:func:`wpanalysis.inference.frame_overlaps`).

    >>> f = pd.DataFrame({"n_plans": [3, 1, 1]})
    >>> o = pd.DataFrame({"first": ["year", "region"], "second": ["region", "year"], "determines": [True, False],
    ...                   "n_plans": [6, 6]})
    >>> print(frame(f, o))  # doctest: +NORMALIZE_WHITESPACE
    The 5 plans fall into 3 combinations of the frame's attributes, 2 of them a single plan; where both
    are recorded, knowing the year tells the region (6 plans): a difference by year is also a difference
    by region.
    """
    n_plans, n_rows = int(frame_table["n_plans"].sum()), len(frame_table)
    singles = int((frame_table["n_plans"] == 1).sum())
    text = pick(language,
                en=(f"The {count(n_plans, 'plan')} fall into {count(n_rows, 'combination')} of the frame's attributes, "
                    f"{singles:,} of them a single plan"),
                zh=(f"这 {_plans_zh(n_plans)}分属抽样框属性的 {n_rows:,} 种组合，"
                    f"其中 {singles:,} 种组合只有一份要点"))
    det = overlaps[overlaps["determines"]] if len(overlaps) else overlaps
    if det.empty:
        return text + pick(language, en="; no attribute determines another where both are recorded.",
                           zh="；在两项属性都有记录的要点中，没有哪项属性决定另一项。")
    pairs = set(zip(det["first"], det["second"]))
    both = sorted({tuple(sorted(p)) for p in pairs if (p[1], p[0]) in pairs})
    one = [p for p in zip(det["first"], det["second"], det["n_plans"]) if (p[1], p[0]) not in pairs]
    nm = lambda c: _name(c, language)  # noqa: E731
    if language == "zh":
        nm = lambda c: _w(_name(c, language))  # noqa: E731
        parts = [f"{nm(a)}和{nm(b)}相互决定" for a, b in both]
        parts += [f"知道{nm(a)}即可知道{nm(b)}（{_plans_zh(int(n))}）" for a, b, n in one]
        consequence = ("相互决定的属性无法区分" if both else
                       f"按{nm(one[0][0])}的差异同时也是按{nm(one[0][1])}的差异")
        return _zh(text + f"；在两项属性都有记录的要点中，{_join_zh(parts)}：{consequence}。")
    parts = [f"{nm(a)} and {nm(b)} determine each other" for a, b in both]
    parts += [f"knowing the {nm(a)} tells the {nm(b)} ({count(int(n), 'plan')})" for a, b, n in one]
    consequence = ("attributes that determine each other cannot be told apart" if both else
                   f"a difference by {nm(one[0][0])} is also a difference by {nm(one[0][1])}")
    return text + f"; where both are recorded, {listing(parts, 6)}: {consequence}."


def reach(n_a: int, n_b: int, alpha: float = ALPHA, m: int = 1, language: str = "en") -> str:
    """What a permutation test can say with groups of *n_a* and *n_b* plans (Bonferroni over *m*).

    >>> print(reach(4, 2))  # doctest: +NORMALIZE_WHITESPACE
    With groups of 4 and 2 plans there are 15 ways to split them; the smallest attainable p is 0.067, so no
    test can reach p < 0.05.
    >>> print(reach(5, 5, m=10))  # doctest: +NORMALIZE_WHITESPACE
    With groups of 5 and 5 plans there are 252 ways to split them; the smallest attainable p is 0.008, so a
    test can reach p < 0.05 but not p < 0.005, the Bonferroni threshold for 10 tests.
    """
    splits = n_assignments(n_a, n_b)
    smallest = p_text(min_attainable_p(n_a, n_b))
    if language == "zh":
        ways = f"共有 {splits:,} 种方式" if splits < 10**9 else "有超过十亿种方式"
        lead = (f"两组分别有 {n_a:,} 份和 {n_b:,} 份要点时，把这些要点分成这样的两组{ways}；"
                f"可达到的最小 p 值{_is(smallest)}，因此")
        if not can_reach(n_a, n_b, alpha):
            return lead + f"任何检验都不可能达到 p < {alpha:g}。"
        if m > 1 and not can_reach(n_a, n_b, alpha, m):
            return lead + (f"检验可以达到 p < {alpha:g}，但达不到 p < {alpha / m:.3g}，"
                           f"即 {m:,} 项检验的 Bonferroni 阈值。")
        return lead + f"检验可以达到 p < {alpha:g}" + (
            f"，即使对 {m:,} 项检验做 Bonferroni 校正之后也是如此。" if m > 1 else "。")
    pick(language, "", "")
    ways = f"{splits:,} ways" if splits < 10**9 else "more than a billion ways"
    lead = (f"With groups of {n_a:,} and {n_b:,} plans there are {ways} to split them; the "
            f"smallest attainable p is {smallest}, so ")
    if not can_reach(n_a, n_b, alpha):
        return lead + f"no test can reach p < {alpha:g}."
    if m > 1 and not can_reach(n_a, n_b, alpha, m):
        return (lead + f"a test can reach p < {alpha:g} but not p < {alpha / m:.3g}, the Bonferroni threshold for "
                f"{m:,} tests.")
    return lead + f"a test can reach p < {alpha:g}" + (f" even after Bonferroni over {m:,} tests." if m > 1 else ".")


def _dispersion(sig: pd.DataFrame, language: str = "en") -> str:
    """How many of the pooled-significant terms every plan of their group uses, and how many one plan."""
    side_share = sig["share_target"].where(sig["g2"] > 0, sig["share_reference"])
    side_docs = sig["docs_target"].where(sig["g2"] > 0, sig["docs_reference"])
    every, single = int((side_share == 1).sum()), sig.loc[side_docs == 1, "token"].tolist()
    if language == "zh":
        text = f"其中 {every:,} 个词在其作为关键词的那一组中每份要点都使用"
        if single:
            text += f"；{_names_zh([f'“{t}”' for t in single], '个词')}只出现在该组的一份要点中"
        return text + "。"
    one = every == 1
    text = (f" Of these, {every:,} {'is' if one else 'are'} used by every plan of the group "
            f"{'it is' if one else 'they are'} key to")
    if single:
        verb = "occurs" if len(single) == 1 else "occur"
        text += f"; {listing(single, _NAMED)} {verb} in one plan of that group only"
    return text + "."


def plan_keyness(table: pd.DataFrame, names: tuple[str, str], n_plans: tuple[int, int], alpha: float = ALPHA,
                 language: str = "en") -> str:
    """Pooled G² beside the plan-level test, over the declared family (every term tested).

    *table* is :func:`wpanalysis.inference.plan_keyness`; *names* the two groups as shown (in
    Chinese a group value such as ``city`` or `` `city` `` is shown by its label); *n_plans* their sizes.

    >>> plan_keyness(pd.DataFrame(), ("a", "b"), (1, 1), language="zh")
    '没有哪个词的频次足以参加检验，因此在两个层面上都没有可比较的内容。'
    """
    if table.empty:
        return pick(language,
                    en="No term is frequent enough to be tested, so there is nothing to compare at either level.",
                    zh="没有哪个词的频次足以参加检验，因此在两个层面上都没有可比较的内容。")
    m = len(table)
    n_bonf, n_bh = int(table["significant"].sum()), int(table["significant_bh"].sum())
    n_a, n_b = n_plans
    exact = bool(table["exact"].iloc[0])
    pb, pbh = int(table["significant_bonferroni_plan"].sum()), int(table["significant_bh_plan"].sum())
    smallest = table.loc[table["p_plan"].idxmin()]
    p_min = p_text(float(smallest["p_plan"]))
    if language == "zh":
        text = (f"检验族为所检验的 {m:,} 个词。**合并计算所有词元（G²）：** Bonferroni 校正后 {n_bonf:,} 个词显著，"
                f"Benjamini–Hochberg 校正后 {n_bh:,} 个词显著（显著性水平 {alpha:g}）。")
        if n_bh:
            text += _dispersion(table[table["significant_bh"]], language)
        text += (f"\n\n**以要点为分析单位**（{'精确' if exact else '蒙特卡洛'}置换检验，"
                 f"检验两组要点每 10,000 词元平均频率之差，{_w(_shown_group(names[0], language))}对"
                 f"{_w(_shown_group(names[1], language))}）："
                 + reach(n_a, n_b, alpha, m, language))
        text += (f"Benjamini–Hochberg 校正后 {pbh:,} 个词显著，Bonferroni 校正后 {pb:,} 个词显著；"
                 f"要点层面的最小 p 值{_is(p_min)}（“{smallest['token']}”）。")
        if pbh == 0:
            text += (f"在这 {_plans_zh(n_a + n_b)}中，关键词是对其措辞的**描述**，"
                     "而不是不同类型教育局之间存在差异的证据。")
        return _zh(text)
    pick(language, "", "")
    how = "exact" if exact else "Monte-Carlo"
    text = (f"The family is the {count(m, 'term')} tested. **Pooled tokens (G²):** {n_bonf:,} significant after "
            f"Bonferroni, {n_bh:,} after Benjamini–Hochberg (at {alpha:g}).")
    if n_bh:
        text += _dispersion(table[table["significant_bh"]])
    text += (f"\n\n**Plans as the unit** ({how} permutation test of the difference between the plans' mean rates "
             f"per 10,000 tokens, {names[0]} against {names[1]}): " + reach(n_a, n_b, alpha, m))
    text += (f" {pbh:,} {'term is' if pbh == 1 else 'terms are'} significant after Benjamini–Hochberg and {pb:,} "
             f"after Bonferroni; the smallest plan-level p is {p_min} ({smallest['token']}).")
    if pbh == 0:
        text += (f" In these {count(n_a + n_b, 'plan')} the key terms are a **description** of their wording, "
                 "not evidence of a difference between kinds of bureaus.")
    return text


def family(tests: pd.DataFrame, what: str, alpha: float = ALPHA, top: pd.Series | None = None,
           language: str = "en") -> str:
    """A declared family of plan-level tests (:func:`wpanalysis.inference.group_tests` rows, possibly
    several analyses) in words: its size, how many tests could reach *alpha* at all, how many pass
    BH and Bonferroni, and how many effects got an interval.

    >>> t = pd.DataFrame({"p": [0.07, 0.4], "min_p": [0.067, 0.067], "can_reach": [False, False],
    ...                   "significant_bh": [False, False], "significant_bonferroni": [False, False],
    ...                   "status": ["descriptive only"] * 2})
    >>> print(family(t, "group × domain differences"))  # doctest: +NORMALIZE_WHITESPACE
    The declared family holds 2 group × domain differences, each tested at plan level: none of them can
    reach p < 0.05 whatever the data (the group sizes allow no smaller p), so none is significant —
    descriptive only. No group has enough plans for a plan-resampling interval.
    """
    m = len(tests)
    thing = _w(subject(what, language))
    if m == 0:
        return pick(language, en=f"No two groups have enough plans, so there are no {what} to test.",
                    zh=_zh(f"没有两个组有足够的要点，因此没有可检验的{thing}。"))
    reachable = int(tests["can_reach"].sum())
    n_bh, n_bonf = int(tests["significant_bh"].sum()), int(tests["significant_bonferroni"].sum())
    n_int = int((tests["status"] == "interval").sum())
    if language == "zh":
        text = f"事先声明的检验族包含 {m:,} 项{thing}，每项都在要点层面检验："
        if reachable == 0:
            text += (f"无论数据如何，其中没有一项能达到 p < {alpha:g}（组规模不允许更小的 p 值），"
                     "因此没有一项显著——仅作描述。")
        else:
            text += (f"按其组规模，其中 {reachable:,} 项可能达到 p < {alpha:g}；在全部 {m:,} 项上校正，"
                     f"Benjamini–Hochberg 校正后 {n_bh:,} 项显著，Bonferroni 校正后 {n_bonf:,} 项显著。")
        return _zh(text + ("没有哪个组的要点多到足以给出对要点重抽样的区间。" if n_int == 0 else
                           f"其中 {n_int:,} 项差异的两组规模足以给出对要点重抽样的区间。"))
    pick(language, "", "")
    text = f"The declared family holds {m:,} {what}, each tested at plan level: "
    if reachable == 0:
        text += (f"none of them can reach p < {alpha:g} whatever the data (the group sizes allow no smaller p), so "
                 "none is significant — descriptive only.")
    else:
        text += (f"{reachable:,} of them could reach p < {alpha:g} given their group sizes; {n_bh:,} "
                 f"{'is' if n_bh == 1 else 'are'} significant after Benjamini–Hochberg and {n_bonf:,} after "
                 f"Bonferroni over all {m:,}.")
    text += (" No group has enough plans for a plan-resampling interval." if n_int == 0 else
             f" {n_int:,} of the differences {'has' if n_int == 1 else 'have'} groups large enough for a "
             "plan-resampling interval.")
    return text


def influence(loo: pd.DataFrame, summary: Mapping[str, object], what: str,
              labels: Mapping[str, str] | pd.Series | None = None, digits: int = 3, language: str = "en") -> str:
    """Leave-one-plan-out in a sentence (:func:`wpanalysis.inference.leave_one_plan_out`,
    :func:`~wpanalysis.inference.loo_summary`).

    >>> loo = pd.DataFrame({"left_out": ["a", "b", "c"], "value": [0.2, 0.05, -0.01],
    ...                     "change": [0.1, -0.05, -0.11], "same_sign": [True, True, False]})
    >>> s = {"full": 0.1, "low": -0.01, "high": 0.2, "n_flips": 1, "most_influential": "c", "value": -0.01}
    >>> print(influence(loo, s, "the difference", {"c": "吉首 2023"}))  # doctest: +NORMALIZE_WHITESPACE
    Leaving out one plan at a time (3 plans), the difference ranges from -0.010 to 0.200 (all plans: 0.100);
    it changes most without 吉首 2023 (-0.010). Its sign flips or it cannot be computed when 1 plan is left
    out (吉首 2023): the finding rests on that plan.
    """
    name = (lambda d: str(labels.get(d, d))) if labels is not None else str
    flips = loo.loc[~loo["same_sign"], "left_out"].map(name).tolist()
    low, high, full = (f"{summary[k]:.{digits}f}" for k in ("low", "high", "full"))
    most, value = name(summary["most_influential"]), f"{summary['value']:.{digits}f}"
    if language == "zh":
        text = (f"逐一去掉一份要点（共 {_plans_zh(len(loo))}）时，{_w(subject(what, language))}在 {low} 到 {high} "
                f"之间变动（全部要点：{full}）；去掉{_w(most)}时变化最大（{value}）。")
        if not flips:
            return _zh(text + "无论去掉哪一份要点，其符号都不变。")
        rests = "这份要点" if len(flips) == 1 else "这些要点"
        return _zh(text + (f"去掉其中 {_plans_zh(len(flips))}（{_names_zh(flips, '份')}）时，"
                           f"其符号反转或无法计算：这一发现依赖于{rests}。"))
    pick(language, "", "")
    text = (f"Leaving out one plan at a time ({count(len(loo), 'plan')}), {what} ranges from "
            f"{low} to {high} (all plans: {full}); it changes most without {most} ({value}).")
    if not flips:
        return text + " It keeps its sign whichever plan is left out."
    rests = "that plan" if len(flips) == 1 else "those plans"
    return text + (f" Its sign flips or it cannot be computed when {count(len(flips), 'plan')} "
                   f"{'is' if len(flips) == 1 else 'are'} left out ({listing(flips, _NAMED)}): the finding rests on "
                   f"{rests}.")


def _setting_zh(switch: str, setting: str) -> str:
    """One alternative setting of :func:`wpanalysis.inference.robustness_table` as a Chinese phrase
    (``values: robustness_setting`` of the label table; a list of stopword layers by their labels)."""
    found = _labels.label("robustness_setting", f"{switch}={setting}", "zh", default=None)
    if found is not None:
        return found
    if switch == "stopwords" and setting.startswith("["):
        try:
            layers = [_labels.label("stop_layer", layer, "zh") for layer in ast.literal_eval(setting)]
            return "只删除" + "".join(f"“{layer}”" for layer in layers) + "停用词层"
        except (ValueError, SyntaxError, _labels.LabelError):
            pass
    return f"`{switch} = {setting}`"


def robustness(table: pd.DataFrame, what: str, value: str = "g2", digits: int = 1, language: str = "en") -> str:
    """A :func:`wpanalysis.inference.robustness_table` in words: under how many alternative settings
    the finding keeps its sign, and which settings flip or erase it.

    >>> t = pd.DataFrame({"switch": ["baseline", "basis", "lexicon"], "setting": ["", "title", "False"],
    ...                   "g2": [16.1, 0.0, 15.0], "same_sign": [True, False, True]})
    >>> print(robustness(t, "the G² of 高校"))  # doctest: +NORMALIZE_WHITESPACE
    Under 2 alternative settings (one switch at a time), the G² of 高校 (16.1 at baseline) keeps its sign
    under 1; it flips or vanishes under basis = title (0.0).
    """
    base = table.iloc[0]
    alt = table.iloc[1:]
    if alt.empty:
        return pick(language, en=f"No alternative setting was run for {what}.",
                    zh=_zh(f"没有对{_w(subject(what, language))}运行任何替代设置。"))
    kept = int(alt["same_sign"].sum())
    lost = alt[~alt["same_sign"]]
    base_value = f"{base[value]:.{digits}f}"
    if language == "zh":
        under = "全部设置下都" if kept == len(alt) else f"其中 {kept:,} 种下"
        text = (f"在 {len(alt):,} 种替代设置下（每次只改变一项），{_w(subject(what, language))}"
                f"（基准设置下为 {base_value}）在{under}保持符号不变")
        if lost.empty:
            return _zh(text + "。")
        notes = [f"{_setting_zh(str(r.switch), str(r.setting))}（{getattr(r, value):.{digits}f}）"
                 for r in lost.itertuples()]
        return _zh(text + f"；当{_w(listing(notes, _NAMED, 'or', language='zh'))}时，其符号反转或消失。")
    pick(language, "", "")
    text = (f"Under {count(len(alt), 'alternative setting')} (one switch at a time), {what} "
            f"({base_value} at baseline) keeps its sign under {'all' if kept == len(alt) else kept}")
    if lost.empty:
        return text + "."
    notes = [f"{r.switch} = {r.setting} ({getattr(r, value):.{digits}f})" for r in lost.itertuples()]
    return text + f"; it flips or vanishes under {listing(notes, _NAMED)}."


def level(n_plans: int, n_reachable: int, n_significant: int, language: str = "en", these: bool = False) -> str:
    """The level a conclusion can be stated at, from the design: *n_reachable* tests of the family
    can reach the threshold at all, *n_significant* pass the correction. With *these*, a conclusion
    that holds is said to be over *these* plans (the ones at hand) rather than over a number of plans.

    >>> level(6, 0, 0), level(6, 0, 0, language="zh")
    ('in these 6 plans, descriptive only', '在这 6 份要点中，仅作描述')
    >>> level(120, 4, 1), level(120, 4, 1, these=True), level(120, 4, 1, language="zh", these=True)
    ('at plan level, over 120 plans', 'at plan level, over these 120 plans', '在要点层面，基于这 120 份要点')
    """
    if n_reachable == 0:
        return pick(language, en=f"in these {count(n_plans, 'plan')}, descriptive only",
                    zh=f"在这 {_plans_zh(n_plans)}中，仅作描述")
    if n_significant == 0:
        return pick(language,
                    en=f"in these {count(n_plans, 'plan')}: no plan-level difference survives the correction",
                    zh=f"在这 {_plans_zh(n_plans)}中：没有一项要点层面的差异在校正后仍然显著")
    return pick(language, en=f"at plan level, over {'these ' if these else ''}{count(n_plans, 'plan')}",
                zh=f"在要点层面，基于{'这' if these else ''} {_plans_zh(n_plans)}")


def _num(value: float, digits: int = 3) -> str:
    return "—" if pd.isna(value) else f"{value:.{digits}f}"


def _plans(n: int, language: str = "en") -> str:
    if language == "zh":
        return "仅一份要点" if n == 1 else _plans_zh(n)
    return "a single plan" if n == 1 else count(n, "plan")


def _g(grouping: str) -> str:
    return NAMES.get(grouping, grouping)


def _item_name(kind: str, value: object, names: Mapping[str, str] | None, language: str) -> str:
    """A domain (topic …) as a sentence names it: from *names*, else from the codebook of *kind*."""
    if names or language == "en":
        return str((names or {}).get(value, value))  # type: ignore[call-overload]
    return _labels.label(kind, value, language, default=str(value))


# --------------------------------------------------------------------------- plan-level inference


def describe_weighting(means: pd.DataFrame, key: str, names: Mapping[str, str] | None = None,
                       what: str = "share", language: str = "en") -> str:
    """How much the weighting rule matters: the largest gap between a group's plan-weighted and
    item-weighted (pooled) value (*means*: :func:`wpanalysis.inference.weighted_means`).

    >>> m = pd.DataFrame({"grouping": ["region"], "group": ["east"], "domain": ["x"], "n_plans": [5],
    ...                   "plan_weighted": [0.10], "item_weighted": [0.14], "difference": [0.04]})
    >>> print(describe_weighting(m, "domain", {"x": "体育"}))  # doctest: +NORMALIZE_WHITESPACE
    Weighting each plan equally instead of pooling items moves a group's share by up to 0.040 (体育 in region
    `east`, 5 plans: 0.100 plan-weighted against 0.140 pooled). The plan-weighted value is the declared rule.
    """
    known = means.dropna(subset=["difference"])
    if known.empty:
        return pick(language, en="No group has plans to weigh.", zh="没有哪个组有可加权的要点。")
    top = known.loc[known["difference"].abs().idxmax()]
    name = _item_name(key, top[key], names, language)
    gap, pw, iw = _num(abs(top["difference"])), _num(top["plan_weighted"]), _num(top["item_weighted"])
    if language == "zh":
        grouping = str(top["grouping"])
        return _zh(f"每份要点等权（而不是合并条目）时，一个组的{_w(subject(what, language))}最多变动 {gap}"
                   f"（{_w(_name(grouping, language))}{_w(_group(grouping, top['group'], language))}组中的{_w(name)}，"
                   f"{_plans(int(top['n_plans']), language)}：按要点等权为 {pw}，合并条目为 {iw}）。"
                   "事先声明的规则是按要点等权的值。")
    pick(language, "", "")
    return (f"Weighting each plan equally instead of pooling items moves a group's {what} by up to "
            f"{gap} ({name} in {_g(top['grouping'])} `{top['group']}`, "
            f"{_plans(int(top['n_plans']))}: {pw} plan-weighted against "
            f"{iw} pooled). The plan-weighted value is the declared rule.")


def describe_headline_test(top: pd.Series | None, tests: pd.DataFrame, what: str,
                           names: Mapping[str, str] | None = None, alpha: float = 0.05, language: str = "en") -> str:
    """The headline pooled difference (*top*, a row of :func:`wpanalysis.compare.largest_differences`)
    beside its plan-level test (the matching row of *tests*, a :func:`wpanalysis.inference.declare_family`
    or :func:`~wpanalysis.inference.group_tests` table), phrased at the level the design supports.

    >>> top = pd.Series({"grouping": "admin_level", "group_a": "city", "group_b": "county", "domain": "x"})
    >>> t = pd.DataFrame({"grouping": ["admin_level"], "group_a": ["city"], "group_b": ["county"], "what": ["x"],
    ...                   "n_plans_a": [2], "n_plans_b": [2], "mean_a": [0.2], "mean_b": [0.05], "p": [0.333],
    ...                   "min_p": [0.333], "can_reach": [False], "p_bh": [0.9], "status": ["descriptive only"]})
    >>> print(describe_headline_test(top, t, "domain", {"x": "体育"}))  # doctest: +NORMALIZE_WHITESPACE
    At plan level (each plan weighs 1), 体育 averages 0.200 in `city` (2 plans) against 0.050 in `county` (2 plans):
    permutation p = 0.333, the smallest attainable with groups of 2 and 2 plans is 0.333, so no test can reach
    p < 0.05 — in these 4 plans a description, not a finding about bureaus.
    """
    thing = _w(subject(what, language))
    if top is None or tests.empty:
        return pick(language, en=f"No {what} difference to test at plan level.",
                    zh=_zh(f"没有可在要点层面检验的{thing}差异。"))
    key = what if what in tests.columns else "what"
    same = (tests["grouping"] == top["grouping"]) & (tests[key].astype(str) == str(top[what]))
    match = tests[same & (tests["group_a"] == top["group_a"]) & (tests["group_b"] == top["group_b"])]
    if match.empty:  # the same pair tested the other way round
        swapped = tests[same & (tests["group_a"] == top["group_b"]) & (tests["group_b"] == top["group_a"])]
        match = swapped.rename(columns={"group_a": "group_b", "group_b": "group_a", "n_plans_a": "n_plans_b",
                                        "n_plans_b": "n_plans_a", "mean_a": "mean_b", "mean_b": "mean_a"})
    if match.empty:
        return pick(language,
                    en=(f"The groups of the largest {what} difference do not both have enough plans for a plan-level "
                        "test: descriptive only."),
                    zh=_zh(f"最大{thing}差异所在的两组并非都有足够的要点进行要点层面的检验：仅作描述。"))
    r = match.iloc[0]
    n_a, n_b = int(r["n_plans_a"]), int(r["n_plans_b"])
    name = _item_name(what, top[what], names, language)
    if language == "zh":
        grouping = str(top["grouping"])
        group_a, group_b = (_w(_group(grouping, r[g], language)) for g in ("group_a", "group_b"))
        text = (f"在要点层面（每份要点权重为 1），{_w(name)}在{group_a}组（{_plans(n_a, language)}）中平均为 "
                f"{_num(r['mean_a'])}，在{group_b}组（{_plans(n_b, language)}）中为 {_num(r['mean_b'])}："
                f"置换检验 p = {_num(r['p'])}，两组分别有 {n_a} 份和 {n_b} 份要点时可达到的最小 p 值为 "
                f"{_num(r['min_p'])}")
        if not r["can_reach"]:
            return _zh(text + (f"，因此任何检验都不可能达到 p < {alpha:g}——在这 {_plans_zh(n_a + n_b)}中，"
                               "这是一种描述，而不是关于教育局的发现。"))
        verdict = "显著" if r["p_bh"] < alpha else "不显著"
        return _zh(text + (f"；在事先声明的检验族上做 Benjamini–Hochberg 校正后（p = {_num(r['p_bh'])}），"
                           f"这一差异在这 {_plans_zh(n_a + n_b)}中{verdict}。"))
    pick(language, "", "")
    text = (f"At plan level (each plan weighs 1), {name} averages {_num(r['mean_a'])} in `{r['group_a']}` "
            f"({_plans(n_a)}) against {_num(r['mean_b'])} in `{r['group_b']}` ({_plans(n_b)}): permutation "
            f"p = {_num(r['p'])}, the smallest attainable with groups of {n_a} and {n_b} plans is {_num(r['min_p'])}")
    if not r["can_reach"]:
        return text + (f", so no test can reach p < {alpha:g} — in these {_plans(n_a + n_b)} a description, not a "
                       "finding about bureaus.")
    verdict = "significant" if r["p_bh"] < alpha else "not significant"
    return text + (f"; after Benjamini–Hochberg over the declared family (p = {_num(r['p_bh'])}) the difference is "
                   f"{verdict} in these {_plans(n_a + n_b)}.")
