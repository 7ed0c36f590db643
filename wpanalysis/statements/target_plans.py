"""Generated statements of notebook 05 on the plan as the unit: the kinds of quantity the targets
state, plan-weighted beside pooled figures, the plan-level tests between registry groups and
leave-one-plan-out checks; and the Chinese names of the targets tables' values (:func:`table_view`).

Split from :mod:`wpanalysis.statements.targets`, which re-exports every function. Each takes
``language`` (``"en"`` or ``"zh"``).

>>> per_doc = pd.DataFrame({"doc_id": ["a"], "n_targets": [0]})
>>> measures_statement(per_doc), measures_statement(per_doc, language="zh")
('No target, so there are no kinds of quantity to count.', '没有量化目标，因此没有可统计的量的类型。')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping

import pandas as pd

from .. import labels as _labels
from ..inference import loo_summary
from . import count, design, listing, pick, share
from .design import NAMES, influence

__all__ = ["measures_statement", "weighting_statement", "conclusion_level", "group_tests_statement",
           "rate_loo_statement", "headline_loo_statement", "kind_text", "rate_name", "table_view", "spaced"]

Labels = Mapping[str, str] | pd.Series | None


def _name(labels: Labels, doc_id: str) -> str:
    return str(labels.get(doc_id, doc_id)) if labels is not None else str(doc_id)


def _verb(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


_HAN = "\u3400-\u9fff"
# 宁波 2024时 → 宁波 2024 时; 和county_b_2024 → 和 county_b_2024
_LABEL_AFTER = re.compile(rf"(\b[A-Za-z]\w*_\d{{4}}|(?<=\s)\d{{4}})(?=[{_HAN}])", re.ASCII)
_LABEL_BEFORE = re.compile(rf"(?<=[{_HAN}])(?=[A-Za-z]\w*_\d{{4}}\b)", re.ASCII)


def spaced(function: Callable[..., str]) -> Callable[..., str]:
    """*function* whose Chinese text (``language="zh"``) keeps a space between a plan label that ends
    in its year (宁波 2024, ``county_a_2024``) and the Chinese word after it: 宁波 2024 时, not 宁波 2024时."""

    @functools.wraps(function)
    def wrapper(*args: object, **kwargs: object) -> str:
        text = function(*args, **kwargs)
        if kwargs.get("language") != "zh":
            return text
        text = _LABEL_AFTER.sub(r"\1 ", text)
        return _LABEL_BEFORE.sub(" ", text)

    return wrapper


def _rate(value: float, digits: int = 1) -> str:
    return "—" if pd.isna(value) else f"{value:.{digits}f}"


def rate_name(rate: str, language: str = "en") -> str:
    """A rate of :data:`wpanalysis.targets.plans.RATES` as a sentence names it.

    >>> rate_name("targets per 10 items"), rate_name("targets per 10 items", "zh")
    ('targets per 10 items', '每 10 个有正文条目的目标数')
    """
    return rate if language == "en" else _labels.label("target_rate", rate, language, default=rate)


_KIND = re.compile(r"^(level|relative change|absolute change|amount)(?: \((.*)\))?$")


def kind_text(kind: str, language: str = "en") -> str:
    """A kind of quantity as :func:`wpanalysis.targets.measures.measure_label` or
    :func:`~wpanalysis.targets.measures.measure_table` write it, in *language*.

    >>> kind_text("absolute change (percentage points)", "zh"), kind_text("amount (个、所 … 7 units)", "zh")
    ('绝对变化（百分点）', '数量（个、所 等 7 种单位）')
    """
    m = _KIND.match(str(kind))
    if language == "en" or not m:
        return str(kind)
    name = _labels.label("measure", m.group(1), language, default=m.group(1))
    if m.group(2) is None:
        return name
    unit = m.group(2).replace("percentage points", "百分点").replace("number", "无单位")
    unit = re.sub(r" … (\d+) units$", r" 等 \1 种单位", unit)
    return f"{name}（{unit}）"


def _figure_name(figure: str, language: str) -> str:
    """A row name of :func:`wpanalysis.targets.plans.plan_summary` in *language*."""
    if language == "en":
        return figure
    if figure.startswith("share of targets: "):
        measure = figure.removeprefix("share of targets: ")
        return f"目标占比：{_labels.label('measure', measure, language, default=measure)}"
    return rate_name(figure, language)


def table_view(table: pd.DataFrame, language: str = "en") -> pd.DataFrame:
    """*table* (of :mod:`wpanalysis.targets`, :mod:`wpanalysis.inference` or :mod:`wpanalysis.kwic`) as
    notebook 05 shows it: in ``"en"`` unchanged; in ``"zh"`` its vocabularies (``kind``, ``measure``,
    ``comparator``, ``figure``, ``rate``, ``status``, ``sample``, ``grouping`` and the groups of
    ``group_a``/``group_b``) in Chinese and its headers by :func:`wpanalysis.labels.localised`; beside a
    ``zh`` name column, the ``domain`` id (its name then heads the column) and the ``en`` name are left out.

    >>> t = pd.DataFrame({"kind": ["level (%)"], "comparator": [">="], "n_targets": [3]})
    >>> table_view(t, "zh").values.tolist(), table_view(t, "zh").columns.tolist()
    ([['水平（%）', '不低于、以上', 3]], ['类型', '比较关系', '目标数'])
    """
    if language == "en" or table is None:
        return table
    dropped = [c for c in ("domain", "en") if c in table.columns] if "zh" in table.columns else []
    shown = table.drop(columns=dropped)  # a copy
    if "domain" in dropped:  # the domain's Chinese name stands for the domain
        shown = shown.rename(columns={"zh": "domain"})
    maps = {"kind": lambda v: kind_text(v, language),
            "measure": lambda v: _labels.label("measure", v, language, default=str(v)),
            "comparator": lambda v: _labels.label("comparator", v, language, default=str(v)),
            "figure": lambda v: _figure_name(v, language), "rate": lambda v: rate_name(v, language),
            "status": lambda v: _labels.label("effect_status", v, language, default=str(v)),
            "sample": lambda v: _labels.label("gold_split", v, language, default=str(v))}
    for column, fn in maps.items():
        if column in shown.columns:
            shown[column] = shown[column].map(lambda v, f=fn: f(v) if isinstance(v, str) else v)
    if "grouping" in shown.columns:
        for side in ("group_a", "group_b"):
            if side in shown.columns:
                shown[side] = [_labels.group_label(g, v, language, default=str(v))
                                for g, v in zip(shown["grouping"], shown[side])]
        shown["grouping"] = shown["grouping"].map(lambda g: _labels.column_label(g, language, default=g))
    for column in shown.columns:
        if shown[column].dtype == bool:
            shown[column] = shown[column].map({True: "是", False: "否"})
    # `can_reach`'s header names p < 0.05; the notebook's alpha is a parameter
    return _labels.localised(shown.rename(columns={"can_reach": "can_reach_alpha"}), language)


# --------------------------------------------------------------------------- measures and plans

_MEASURE_WORDS = {"level": "a level (达到95%)", "relative change": "a relative change (下降1%: a share of the "
                  "indicator's own value)", "absolute change": "an absolute change (提高2个百分点)",
                  "amount": "an amount (新增学位1200个)"}
_MEASURE_WORDS_ZH = {"level": "水平（达到95%）", "relative change": "相对变化（下降1%：指标自身数值的百分比）",
                     "absolute change": "绝对变化（提高2个百分点）", "amount": "数量（新增学位1200个）"}


@spaced
def measures_statement(per_doc: pd.DataFrame, labels: Labels = None, language: str = "en") -> str:
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
        return pick(language, "No target, so there are no kinds of quantity to count.",
                    "没有量化目标，因此没有可统计的量的类型。")
    counts = {k: int(per_doc[f"n_{k.replace(' ', '_')}"].sum()) for k in _MEASURE_WORDS}
    relative = per_doc[per_doc["n_relative_change"] > 0]
    one = counts["relative change"] == 1
    names = [_name(labels, d) for d in relative["doc_id"]]
    if language == "zh":
        words = [f"{n:,} 条表述{_MEASURE_WORDS_ZH[k]}" for k, n in counts.items()]
        text = f"在 {total:,} 条量化目标中，{'，'.join(words[:-1])}，{words[-1]}。"
        if counts["relative change"] == 0:
            return text + "没有目标表述相对变化，因此下面的百分比都是水平。"
        return text + (f"相对变化出现在 {len(relative):,} 份要点中（{listing(names, language='zh', unit='份')}）："
                       f"{'它' if one else '它们'}以指标自身数值的百分比计，而非百分点，因此下面没有任何表格或图形把"
                       f"{'它' if one else '它们'}与水平或以百分点计的变化放在同一坐标轴上，或相加成一个总数。")
    words = [f"{n:,} {_MEASURE_WORDS[k]}" for k, n in counts.items()]
    first = words[0].replace(" a level", " state a level", 1)
    text = f"Of the {count(total, 'target')}, {first}, {listing(words[1:])}."
    if counts["relative change"] == 0:
        return text + " No target states a relative change, so every percentage below is a level."
    text += (f" The relative {'change is' if one else 'changes are'} in {count(len(relative), 'plan')} "
             f"({listing(names)}): {'it is' if one else 'they are'} in percent "
             "of the indicator's own value, not in percentage points, so no table or figure below puts "
             f"{'it' if one else 'them'} on one axis or in one sum with a level or a change in points.")
    return text


def weighting_statement(summary: pd.DataFrame, min_shift: float = 0.05, language: str = "en") -> str:
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
    zh = language == "zh"
    pick(language, "", "")
    rows = summary.set_index("figure")
    n = int(rows["n_plans"].iloc[0]) if len(rows) else 0
    if n == 0:
        return pick(language, "No plan has body text, so there is no plan-level rate of targets.",
                    "没有要点有正文，因此没有要点层面的目标比率。")
    per10, per10k = rows.loc["targets per 10 items"], rows.loc["targets per 10,000 characters"]
    head = pick(language, "Each plan with body text weighs 1 (the declared rule); pooled figures, in which the longest "
                "plans weigh most, stand beside them. ",
                "每份有正文的要点权重为 1（事先声明的规则）；与之并列的是合并计算的数字，其中篇幅最长的要点权重最大。")
    w10, w10k = _rate(per10["plan_weighted"]), _rate(per10k["plan_weighted"])
    if n == 1:
        return head + pick(language, f"Only 1 plan has body text: it states {w10} targets per 10 items and "
                           f"{w10k} per 10,000 characters, and plan-weighted and pooled figures coincide.",
                           f"只有 1 份要点有正文：它每 10 个条目提出 {w10} 条目标，每万字 {w10k} 条，"
                           "等权与合并计算的数字相同。")
    m10, p10, m10k, p10k = (_rate(per10["median"]), _rate(per10["pooled"]), _rate(per10k["median"]),
                            _rate(per10k["pooled"]))
    text = head + pick(language, f"Over the {count(n, 'plan')} with body text, a plan states on average "
                       f"{w10} targets per 10 items with body text (median {m10}; pooled over all their items {p10}) "
                       f"and {w10k} per 10,000 characters (median {m10k}; pooled {p10k}).",
                       f"在 {n:,} 份有正文的要点中，平均每份要点每 10 个有正文的条目提出 {w10} 条目标（中位数 {m10}；"
                       f"合并全部条目计算为 {p10}），每万字提出 {w10k} 条（中位数 {m10k}；合并计算为 {p10k}）。")
    shares = summary[summary["figure"].str.startswith("share of targets: ")]
    shares = shares[(shares["plan_weighted"] > 0) | (shares["pooled"] > 0)]
    if len(shares):
        def kind_of(figure: str) -> str:
            kind = figure.removeprefix("share of targets: ")
            return _labels.label("measure", kind, language, default=kind) if zh else kind

        kinds = [f"{kind_of(f)} {share(w, 1)}{'（' if zh else ' ('}{share(p, 1)}{'）' if zh else ')'}"
                 for f, w, p in zip(shares["figure"], shares["plan_weighted"], shares["pooled"])]
        text += pick(language, f" Share of a plan's targets, plan-weighted (pooled): {listing(kinds)}.",
                     f"各类量占一份要点目标的比例，等权（合并计算）：{listing(kinds, language='zh')}。")
        top = shares.loc[shares["difference"].abs().idxmax()]
        if abs(top["difference"]) < min_shift:
            text += pick(language, f" No share moves by {100 * min_shift:g} points or more between the two weightings.",
                         f"两种加权方式之间，没有哪一比例的变动达到 {100 * min_shift:g} 个百分点。")
        else:
            kind = kind_of(top["figure"])
            w, p = share(top["plan_weighted"], 1), share(top["pooled"], 1)
            text += pick(language, f" The weighting moves a figure most for the {kind} share: {w} plan-weighted "
                         f"against {p} pooled.", f"加权方式对{kind}占比的影响最大：等权为 {w}，合并计算为 {p}。")
    return text


def conclusion_level(tests: pd.DataFrame | None, n_plans: int, alpha: float = 0.05, language: str = "en") -> str:
    """The level a conclusion about groups of plans can be stated at, from the family of *tests*
    (columns ``can_reach`` and ``significant_bh``): :func:`wpanalysis.statements.design.level`,
    said of these *n_plans* plans.

    >>> conclusion_level(None, 6), conclusion_level(pd.DataFrame({"can_reach": [True], "significant_bh": [True]}), 120)
    ('in these 6 plans, descriptive only', 'at plan level, over these 120 plans')
    >>> conclusion_level(None, 6, language="zh")
    '在这 6 份要点中，仅作描述'
    """
    empty = tests is None or tests.empty
    reachable = 0 if empty else int(tests["can_reach"].sum())
    significant = 0 if empty else int(tests["significant_bh"].sum())
    return design.level(n_plans, reachable, significant, language=language, these=True)


def group_tests_statement(tests: pd.DataFrame, n_plans: int, min_plans: int = 2, alpha: float = 0.05,
                          language: str = "en") -> str:
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
    level = conclusion_level(tests, n_plans, alpha, language=language)
    if tests is None or tests.empty:
        return pick(language, f"No grouping of the {count(n_plans, 'plan')} with body text has two groups of at least "
                    f"{min_plans} plans, so no plan-level comparison can be made: in these {count(n_plans, 'plan')}, "
                    "descriptive only.",
                    f"{n_plans:,} 份有正文的要点中，没有哪种分组有两个各含至少 {min_plans} 份要点的组，"
                    f"因此无法进行要点层面的比较：{level}。")
    m = len(tests)
    pairs = len(tests[["grouping", "group_a", "group_b"]].drop_duplicates())
    rates = tests["rate"].nunique()
    text = pick(language, f"The declared family holds {count(m, 'test')} ({count(pairs, 'group pair')} × "
                f"{count(rates, 'rate')}), each a permutation test of the difference of plan means (each plan weighs "
                "1), with Benjamini–Hochberg and Bonferroni over all of them.",
                f"事先声明的检验族包含 {m:,} 次检验（{pairs:,} 对组 × {rates:,} 个比率），每次都是对要点均值之差的"
                "置换检验（每份要点权重为 1），并在全部检验上进行 Benjamini–Hochberg 和 Bonferroni 校正。")
    reachable = int(tests["can_reach"].sum())
    if reachable == 0:
        best = tests.loc[tests["min_p"].idxmin()]
        a, b = int(best["n_plans_a"]), int(best["n_plans_b"])
        text += pick(language, f" With these group sizes none can reach p < {alpha:g} whatever the data (the smallest "
                     f"attainable p is {best['min_p']:.4f}, for {a} against {b} plans).",
                     f"以这样的组规模，无论数据如何，没有一次检验能达到 p < {alpha:g}（可达到的最小 p 值为 "
                     f"{best['min_p']:.4f}，对应 {a} 份对 {b} 份要点）。")
    else:
        n_bh, n_bonf = int(tests["significant_bh"].sum()), int(tests["significant_bonferroni"].sum())
        text += pick(language, f" {reachable:,} of them can reach p < {alpha:g} given their group sizes; {n_bh:,} "
                     f"{_verb(n_bh, 'is', 'are')} significant after Benjamini–Hochberg and {n_bonf:,} after "
                     "Bonferroni.",
                     f"其中 {reachable:,} 次检验在现有组规模下能达到 p < {alpha:g}；经 Benjamini–Hochberg 校正后显著的"
                     f"有 {n_bh:,} 次，经 Bonferroni 校正后显著的有 {n_bonf:,} 次。")
    top = tests.loc[tests["p"].idxmin()]
    if language == "zh":
        g = top["grouping"]
        a, b = (_labels.group_label(g, top[s], language, default=str(top[s])) for s in ("group_a", "group_b"))
        text += (f"最小的 p 值：{rate_name(top['rate'], language)}，{_labels.column_label(g, language, default=g)}中的"
                 f"“{a}”（{int(top['n_plans_a']):,} 份要点，均值 {_rate(top['mean_a'])}）对"
                 f"“{b}”（{int(top['n_plans_b']):,} 份要点，{_rate(top['mean_b'])}），p = {top['p']:.3f}"
                 f"（BH {top['p_bh']:.3f}，Bonferroni {top['p_bonferroni']:.3f}）。")
        return text + f"因此：{level}。"
    n_a, n_b = count(int(top["n_plans_a"]), "plan"), count(int(top["n_plans_b"]), "plan")
    text += (f" The smallest p: {top['rate']} in {top['grouping']} `{top['group_a']}` ({n_a}, mean "
             f"{_rate(top['mean_a'])}) against `{top['group_b']}` ({n_b}, {_rate(top['mean_b'])}), p = {top['p']:.3f} "
             f"(BH {top['p_bh']:.3f}, Bonferroni {top['p_bonferroni']:.3f}).")
    return text + f" So: {level}."


@spaced
def rate_loo_statement(loo: pd.DataFrame, rate: str = "targets per 10 items", labels: Labels = None,
                       language: str = "en") -> str:
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
    what = rate_name(rate, language)
    if n == 0:
        return pick(language, f"No plan has body text, so there is no plan-weighted mean of {rate} to leave plans out "
                    "of.",
                    f"没有要点有正文，因此没有可供逐一去掉要点的{what}等权平均。")
    if n == 1:
        return pick(language, f"Only 1 plan has body text: the plan-weighted mean of {rate} is that plan's own, and "
                    "leaving it out leaves no plan, so how much one plan moves it cannot be checked.",
                    f"只有 1 份要点有正文：{what}的等权平均就是该要点自身的数值，去掉它就不剩任何要点，"
                    "因此无法检验单份要点对它的影响。")
    full, median = loo.attrs.get("full", float("nan")), loo.attrs.get("full_median", float("nan"))
    worst = loo.loc[loo["change"].abs().idxmax()]
    lo, hi, mlo, mhi = (_rate(loo["value"].min()), _rate(loo["value"].max()), _rate(loo["median"].min()),
                        _rate(loo["median"].max()))
    name, moved = _name(labels, worst["left_out"]), share(abs(worst["change"]), full)
    if language == "zh":
        return (f"逐一去掉一份要点（{n:,} 份有正文的要点），{what}的等权平均在 {lo} 到 {hi} 之间变动（全部要点："
                f"{_rate(full)}），中位数在 {mlo} 到 {mhi} 之间变动（全部要点：{_rate(median)}）。去掉{name}时平均值"
                f"变动最大：变为 {_rate(worst['value'])}，变动 {worst['change']:+.1f}（为全部要点数值的 {moved}）。")
    return (f"Leaving out one plan at a time ({count(n, 'plan')} with body text), the plan-weighted mean of {rate} "
            f"ranges from {lo} to {hi} (all plans: {_rate(full)}) and the median from {mlo} to {mhi} (all plans: "
            f"{_rate(median)}). The mean moves most without {name}: to {_rate(worst['value'])}, by "
            f"{worst['change']:+.1f} ({moved} of its value on all plans).")


@spaced
def headline_loo_statement(headline: pd.Series | None, loo: pd.DataFrame | None, labels: Labels = None,
                           min_plans: int = 2, language: str = "en") -> str:
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
        return pick(language, f"No grouping has two groups of at least {count(min_plans, 'plan')} with body text, so "
                    "there is no group difference whose robustness to leaving out one plan could be checked.",
                    f"没有哪种分组有两个各含至少 {min_plans:,} 份有正文要点的组，因此没有可以检验"
                    "逐一去掉一份要点后是否稳健的组间差异。")
    h = headline
    if language == "zh":
        g = h["grouping"]
        a, b = (_labels.group_label(g, h[s], language, default=str(h[s])) for s in ("group_a", "group_b"))
        text = (f"主要差异（规则：两组要点均值在{rate_name(h['rate'], language)}上的最大差距）："
                f"{_labels.column_label(g, language, default=g)}“{a}”（{int(h['n_plans_a']):,} 份要点，均值 "
                f"{_rate(h['mean_a'])}）对“{b}”（{int(h['n_plans_b']):,} 份要点，"
                f"{_rate(h['mean_b'])}），差异为 {h['diff']:.2f}。")
    else:
        text = (f"The headline difference (the rule: the largest gap between two groups' plan means in {h['rate']}): "
                f"{NAMES.get(h['grouping'], h['grouping'])} `{h['group_a']}` ({count(int(h['n_plans_a']), 'plan')}, "
                f"mean {_rate(h['mean_a'])}) against `{h['group_b']}` ({count(int(h['n_plans_b']), 'plan')}, "
                f"{_rate(h['mean_b'])}), a difference of {h['diff']:.2f}.")
    if loo["value"].isna().all():
        return text + pick(language, " Each group has a single plan, so leaving one out leaves nothing to compare.",
                           "每组只有一份要点，因此去掉一份后就没有可比较的对象。")
    what = pick(language, "the difference", "该差异")
    return text + pick(language, " ", "") + influence(loo, loo_summary(loo), what, labels, digits=2, language=language)
