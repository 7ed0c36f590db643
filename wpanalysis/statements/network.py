"""Generated statements of notebook 07 (responsible units): which plans list units, how many items
need several units, the most central units, lead-unit load, and names the alias table lacks.

Each function takes the tables of :mod:`wpanalysis.units` / :mod:`wpanalysis.network` and returns
Markdown in *language* (``"en"`` or ``"zh"``). Past *max_plans* plans, per-plan sentences give way
to one about the pooled network.

>>> summary = pd.DataFrame({"doc_id": ["a", "b"], "n_items": [4, 3], "n_items_with_units": [4, 0],
...                         "n_multi": [3, 0], "n_multi_named": [2, 0], "has_units": [True, False]})
>>> print(units_overview(summary))  # doctest: +NORMALIZE_WHITESPACE
1 of 2 plans lists responsible units (a); 1 plan lists none (b). In the plan that lists units, 3 of 4 items
with units (75%) name more than one unit (2 more than one named unit, collective names such as 各学校 left out).
>>> print(units_overview(summary, language="zh"))  # doctest: +NORMALIZE_WHITESPACE
2 份要点中有 1 份列出了责任单位（a）；1 份没有列出（b）。在列出单位的这份要点中，有单位的 4
条条目里有 3 条（75%）列出了不止一个单位（其中 2 条列出了不止一个具名单位，不计“各学校”之类的集合名称）。
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..network import POOLED
from . import bullet_list, count, listing, pick, share

__all__ = ["central_units_statement", "lead_load_statement", "unknown_units_statement", "units_overview"]

Labels = Mapping[str, str] | pd.Series | None

_ALIASES = "wpanalysis/resources/unit_aliases.yaml"


def _name(labels: Labels, doc_id: str, language: str = "en") -> str:
    if doc_id == POOLED:
        return pick(language, "all plans pooled", "全部要点合并")
    return str(labels.get(doc_id, doc_id)) if labels is not None else str(doc_id)


def units_overview(summary: pd.DataFrame, labels: Labels = None, language: str = "en") -> str:
    """Which plans list units and which none; the share of items naming several units.

    *summary* is :func:`wpanalysis.units.plan_unit_summary`.

    >>> units_overview(pd.DataFrame({"doc_id": ["a"], "n_items": [3], "n_items_with_units": [0],
    ...                              "n_multi": [0], "n_multi_named": [0], "has_units": [False]}))
    'No plan lists responsible units (1 plan read): there is no unit network to draw for this corpus.'
    """
    zh = pick(language, "", "zh") == "zh"
    n = len(summary)
    with_units = summary[summary["has_units"]]
    none = [_name(labels, d, language) for d in summary.loc[~summary["has_units"], "doc_id"]]
    if with_units.empty:
        return pick(language, f"No plan lists responsible units ({count(n, 'plan')} read): there is no unit "
                    "network to draw for this corpus.",
                    f"没有一份要点列出责任单位（共读取 {n:,} 份要点）：本语料没有可绘制的单位网络。")
    k = len(with_units)
    names = listing([_name(labels, d, language) for d in with_units["doc_id"]], language=language, unit="份")
    items, multi, named = (int(with_units[c].sum()) for c in ("n_items_with_units", "n_multi", "n_multi_named"))
    if zh:
        head = ("唯一的一份要点列出了责任单位。" if n == 1 else
                f"全部 {n:,} 份要点都列出了责任单位（{names}）。" if not none else
                f"{n:,} 份要点中有 {k:,} 份列出了责任单位（{names}）；{len(none):,} 份没有列出"
                f"（{listing(none, language=language, unit='份')}）。")
        where = "列出单位的这份要点" if k == 1 else "列出单位的要点"
        return (f"{head}在{where}中，有单位的 {items:,} 条条目里有 {multi:,} 条（{share(multi, items)}）列出了"
                f"不止一个单位（其中 {named:,} 条列出了不止一个具名单位，不计“各学校”之类的集合名称）。")
    verb = "lists" if k == 1 else "list"
    head = ("The only plan lists responsible units." if n == 1 else
            f"All {count(n, 'plan')} list responsible units ({names})." if not none else
            f"{k:,} of {count(n, 'plan')} {verb} responsible units ({names}); {count(len(none), 'plan')} "
            f"{'lists' if len(none) == 1 else 'list'} none ({listing(none)}).")
    where = "the plan that lists units" if k == 1 else "the plans that list units"
    return (f"{head} In {where}, {multi:,} of {count(items, 'item')} with units ({share(multi, items)}) name more "
            f"than one unit ({named:,} more than one named unit, collective names such as 各学校 left out).")


def _ranked(part: pd.DataFrame, column: str, top: int, digits: int = 0, language: str = "en") -> str:
    """'甲 (25), 乙 (19) and 丙 (13)' — the *top* units by *column*, ties at the cut included
    (in Chinese '甲（25）、乙（19）和丙（13）')."""
    t = part.sort_values([column, "Id"], ascending=[False, True])
    if t.empty or t[column].iloc[0] <= 0:
        return ""
    cut = t[column].iloc[min(top, len(t)) - 1]
    shown = t[(t[column] >= cut) & (t[column] > 0)]
    fmt = (lambda v: f"{v:.{digits}f}") if digits else (lambda v: f"{int(v):,}")
    one = pick(language, "{unit} ({value})", "{unit}（{value}）")
    return listing([one.format(unit=u, value=fmt(v)) for u, v in zip(shown["Id"], shown[column], strict=True)],
                   limit=top + 3, language=language)


def central_units_statement(nodes: pd.DataFrame, top: int = 3, max_plans: int = 6, labels: Labels = None,
                            language: str = "en") -> str:
    """The most central units of each plan's network (up to *max_plans* plans, else of the pooled
    network): by items shared with other units (weighted degree) and by betweenness.

    *nodes* is the node table of :func:`wpanalysis.network.network_tables` (``network`` column).

    >>> nodes = pd.DataFrame({"network": ["a"] * 3, "Id": ["甲", "乙", "丙"], "weighted_degree": [5, 3, 3],
    ...                       "betweenness": [1.0, 0.0, 0.0]})
    >>> print(central_units_statement(nodes, top=1))
    - a (3 units): sharing most items with other units: 甲 (5); brokering most (betweenness): 甲 (1.00).
    >>> print(central_units_statement(nodes, top=1, language="zh"))
    - a（3 个单位）：与其他单位共同承担条目最多的是甲（5）；中介作用最强的（中介中心性）是甲（1.00）。
    """
    keys = [k for k in dict.fromkeys(nodes["network"]) if k != POOLED]
    if not keys:
        return pick(language, "No plan lists responsible units, so no unit is central.",
                    "没有一份要点列出责任单位，因此没有处于中心的单位。")
    if len(keys) > max_plans:
        keys = [POOLED]
    sharing = pick(language, "sharing most items with other units: {}", "与其他单位共同承担条目最多的是{}")
    no_sharing = pick(language, "no two units share an item", "没有两个单位共同承担同一条目")
    brokering = pick(language, "; brokering most (betweenness): {}", "；中介作用最强的（中介中心性）是{}")
    no_broker = pick(language, "; no unit lies between two others", "；没有单位处于另外两个单位之间")
    line = pick(language, "{name} ({units}): {what}.", "{name}（{n:,} 个单位）：{what}。")
    lines = []
    for key in keys:
        part = nodes[nodes["network"] == key]
        if part.empty:
            continue
        strength = _ranked(part, "weighted_degree", top, language=language)
        broker = _ranked(part, "betweenness", top, digits=2, language=language)
        what = (sharing.format(strength) if strength else no_sharing) + (
            brokering.format(broker) if broker else no_broker)
        lines.append(line.format(name=_name(labels, key, language), units=count(len(part), "unit"), n=len(part),
                                 what=what))
    n_listed = len(nodes["network"].unique()) - 1
    note = "" if keys != [POOLED] else pick(
        language, f"{count(n_listed, 'plan')} list units, more than the {max_plans} described one by one: the pooled "
        "network.\n\n", f"{n_listed:,} 份要点列出了单位，多于逐份描述的上限 {max_plans} 份：以下为合并网络。\n\n")
    return note + bullet_list(lines)


def lead_load_statement(load: pd.DataFrame, summary: pd.DataFrame, top: int = 3, max_plans: int = 6,
                        labels: Labels = None, language: str = "en") -> str:
    """Which units lead most items, per plan up to *max_plans* plans, else summed over plans.

    *load* is :func:`wpanalysis.units.lead_load`, *summary* :func:`wpanalysis.units.plan_unit_summary`.

    >>> load = pd.DataFrame({"doc_id": ["a"] * 3, "unit": ["甲", "乙", "丙"], "n_led": [2, 2, 1]})
    >>> summary = pd.DataFrame({"doc_id": ["a"], "n_items_with_units": [5]})
    >>> print(lead_load_statement(load, summary, top=1))
    - a: 乙 and 甲 lead most items (2 of 5 items with units each, 40%).
    >>> print(lead_load_statement(load, summary, top=1, language="zh"))
    - a：乙和甲牵头的条目最多（在有单位的 5 条条目中各牵头 2 条，40%）。
    """
    zh = pick(language, "", "zh") == "zh"
    if load.empty:
        return pick(language, "No plan lists responsible units, so no unit leads an item.",
                    "没有一份要点列出责任单位，因此没有单位牵头任何条目。")
    plans = list(dict.fromkeys(load["doc_id"]))
    items = summary.set_index("doc_id")["n_items_with_units"]
    pooled = len(plans) > max_plans
    groups = [(POOLED, load.groupby("unit", as_index=False)["n_led"].sum())] if pooled else [
        (d, load[load["doc_id"] == d]) for d in plans]
    lines = []
    for key, part in groups:
        name = _name(labels, key, language)
        total = int(items.sum()) if pooled else int(items.get(key, 0))
        ranked = part.sort_values(["n_led", "unit"], ascending=[False, True])
        cut = ranked["n_led"].iloc[min(top, len(ranked)) - 1]
        leaders = ranked[ranked["n_led"] >= max(cut, 1)]
        if leaders.empty:
            lines.append(pick(language, f"{name}: no unit is named as lead.", f"{name}：没有单位被列为牵头单位。"))
            continue
        n = int(leaders["n_led"].iloc[0])
        if leaders["n_led"].nunique() == 1:
            who = listing(leaders["unit"], limit=top + 3, language=language)
            if zh:
                each = "" if len(leaders) == 1 else "各"
                lines.append(f"{name}：{who}牵头的条目最多（在有单位的 {total:,} 条条目中{each}牵头 {n:,} 条，"
                             f"{share(n, total)}）。")
                continue
            verb = "leads" if len(leaders) == 1 else "lead"
            each = "" if len(leaders) == 1 else " each"
            lines.append(f"{name}: {who} {verb} most items ({n:,} of {count(total, 'item')} "
                         f"with units{each}, {share(n, total)}).")
        else:
            one = pick(language, "{unit} ({n:,})", "{unit}（{n:,}）")
            parts = listing([one.format(unit=u, n=int(v)) for u, v in zip(leaders["unit"], leaders["n_led"],
                                                                          strict=True)],
                            limit=top + 3, language=language)
            lines.append(pick(language, f"{name}: items led, of {count(total, 'item')} with units: {parts}.",
                              f"{name}：在有单位的 {total:,} 条条目中，各单位牵头的条目数：{parts}。"))
    return bullet_list(lines)


def unknown_units_statement(unknown: pd.DataFrame, n_listed: int | None = None, limit: int = 8,
                            language: str = "en") -> str:
    """Spellings the alias table lacks (kept verbatim), most frequent first, and what to do.
    *n_listed* (units listed in all, e.g. ``len(unit_table)``) of 0 says there is nothing to check.

    >>> unknown_units_statement(pd.DataFrame({"spelling": [], "n_items": []}), n_listed=0)
    'No plan lists units, so no name needed the alias table.'
    >>> unknown_units_statement(pd.DataFrame({"spelling": [], "n_items": []}))
    'Every unit name the plans print is in the alias table (wpanalysis/resources/unit_aliases.yaml).'
    >>> print(unknown_units_statement(pd.DataFrame({"spelling": ["某办"], "n_items": [2]})))
    ... # doctest: +NORMALIZE_WHITESPACE
    1 unit spelling is not in the alias table and is kept as printed: 某办 (2 items).
    Add it to wpanalysis/resources/unit_aliases.yaml if it names a known unit.
    >>> print(unknown_units_statement(pd.DataFrame({"spelling": ["某办"], "n_items": [2]}), language="zh"))
    ... # doctest: +NORMALIZE_WHITESPACE
    有 1 种单位写法未收录在别名表中，按原样保留：某办（2 条）。如果它指的是已知单位，请把它添加到
    `wpanalysis/resources/unit_aliases.yaml`。
    """
    if unknown.empty and n_listed == 0:
        return pick(language, "No plan lists units, so no name needed the alias table.",
                    "没有一份要点列出单位，因此没有名称需要查别名表。")
    if unknown.empty:
        return pick(language, f"Every unit name the plans print is in the alias table ({_ALIASES}).",
                    f"要点中出现的每个单位名称都已收录在别名表（`{_ALIASES}`）中。")
    n = len(unknown)
    one = pick(language, "{spelling} ({items})", "{spelling}（{items}）")
    names = listing([one.format(spelling=s, items=pick(language, count(int(k), "item"), f"{int(k):,} 条"))
                     for s, k in zip(unknown["spelling"], unknown["n_items"], strict=True)], limit=limit,
                    language=language)
    if language == "zh":
        it = "它" if n == 1 else "它们"
        return (f"有 {n:,} 种单位写法未收录在别名表中，按原样保留：{names}。如果{it}指的是已知单位，"
                f"请把{it}添加到 `{_ALIASES}`。")
    verb, it = ("is", "it names a known unit") if n == 1 else ("are", "they name known units")
    return (f"{count(n, 'unit spelling')} {verb} not in the alias table and {verb} kept as printed: {names}. "
            f"Add {'it' if n == 1 else 'them'} to {_ALIASES} if {it}.")
