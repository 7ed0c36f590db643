"""Generated statements of notebook 07 (responsible units): which plans list units, how many items
need several units, the most central units, lead-unit load, and names the alias table lacks.

Each function takes the tables of :mod:`wpanalysis.units` / :mod:`wpanalysis.network` and returns
Markdown. Past *max_plans* plans, per-plan sentences give way to one about the pooled network.

>>> summary = pd.DataFrame({"doc_id": ["a", "b"], "n_items": [4, 3], "n_items_with_units": [4, 0],
...                         "n_multi": [3, 0], "n_multi_named": [2, 0], "has_units": [True, False]})
>>> print(units_overview(summary))  # doctest: +NORMALIZE_WHITESPACE
1 of 2 plans lists responsible units (a); 1 plan lists none (b). In the plan that lists units, 3 of 4 items
with units (75%) name more than one unit (2 more than one named unit, collective names such as 各学校 left out).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..network import POOLED
from . import bullet_list, count, listing, share

__all__ = ["central_units_statement", "lead_load_statement", "unknown_units_statement", "units_overview"]

Labels = Mapping[str, str] | pd.Series | None


def _name(labels: Labels, doc_id: str) -> str:
    if doc_id == POOLED:
        return "all plans pooled"
    return str(labels.get(doc_id, doc_id)) if labels is not None else str(doc_id)


def units_overview(summary: pd.DataFrame, labels: Labels = None) -> str:
    """Which plans list units and which none; the share of items naming several units.

    *summary* is :func:`wpanalysis.units.plan_unit_summary`.

    >>> units_overview(pd.DataFrame({"doc_id": ["a"], "n_items": [3], "n_items_with_units": [0],
    ...                              "n_multi": [0], "n_multi_named": [0], "has_units": [False]}))
    'No plan lists responsible units (1 plan read): there is no unit network to draw for this corpus.'
    """
    n = len(summary)
    with_units = summary[summary["has_units"]]
    none = [_name(labels, d) for d in summary.loc[~summary["has_units"], "doc_id"]]
    if with_units.empty:
        return (f"No plan lists responsible units ({count(n, 'plan')} read): there is no unit network to draw "
                "for this corpus.")
    k = len(with_units)
    verb = "lists" if k == 1 else "list"
    names = listing([_name(labels, d) for d in with_units["doc_id"]])
    head = ("The only plan lists responsible units." if n == 1 else
            f"All {count(n, 'plan')} list responsible units ({names})." if not none else
            f"{k:,} of {count(n, 'plan')} {verb} responsible units ({names}); {count(len(none), 'plan')} "
            f"{'lists' if len(none) == 1 else 'list'} none ({listing(none)}).")
    items, multi, named = (int(with_units[c].sum()) for c in ("n_items_with_units", "n_multi", "n_multi_named"))
    where = "the plan that lists units" if k == 1 else "the plans that list units"
    return (f"{head} In {where}, {multi:,} of {count(items, 'item')} with units ({share(multi, items)}) name more "
            f"than one unit ({named:,} more than one named unit, collective names such as 各学校 left out).")


def _ranked(part: pd.DataFrame, column: str, top: int, digits: int = 0) -> str:
    """'甲 (25), 乙 (19) and 丙 (13)' — the *top* units by *column*, ties at the cut included."""
    t = part.sort_values([column, "Id"], ascending=[False, True])
    if t.empty or t[column].iloc[0] <= 0:
        return ""
    cut = t[column].iloc[min(top, len(t)) - 1]
    shown = t[(t[column] >= cut) & (t[column] > 0)]
    fmt = (lambda v: f"{v:.{digits}f}") if digits else (lambda v: f"{int(v):,}")
    return listing([f"{u} ({fmt(v)})" for u, v in zip(shown["Id"], shown[column], strict=True)], limit=top + 3)


def central_units_statement(nodes: pd.DataFrame, top: int = 3, max_plans: int = 6, labels: Labels = None) -> str:
    """The most central units of each plan's network (up to *max_plans* plans, else of the pooled
    network): by items shared with other units (weighted degree) and by betweenness.

    *nodes* is the node table of :func:`wpanalysis.network.network_tables` (``network`` column).

    >>> nodes = pd.DataFrame({"network": ["a"] * 3, "Id": ["甲", "乙", "丙"], "weighted_degree": [5, 3, 3],
    ...                       "betweenness": [1.0, 0.0, 0.0]})
    >>> print(central_units_statement(nodes, top=1))
    - a (3 units): sharing most items with other units: 甲 (5); brokering most (betweenness): 甲 (1.00).
    """
    keys = [k for k in dict.fromkeys(nodes["network"]) if k != POOLED]
    if not keys:
        return "No plan lists responsible units, so no unit is central."
    if len(keys) > max_plans:
        keys = [POOLED]
    lines = []
    for key in keys:
        part = nodes[nodes["network"] == key]
        if part.empty:
            continue
        strength = _ranked(part, "weighted_degree", top)
        broker = _ranked(part, "betweenness", top, digits=2)
        what = (f"sharing most items with other units: {strength}" if strength
                else "no two units share an item")
        what += f"; brokering most (betweenness): {broker}" if broker else "; no unit lies between two others"
        lines.append(f"{_name(labels, key)} ({count(len(part), 'unit')}): {what}.")
    note = "" if keys != [POOLED] else (f"{count(len(nodes['network'].unique()) - 1, 'plan')} list units, more "
                                        f"than the {max_plans} described one by one: the pooled network.\n\n")
    return note + bullet_list(lines)


def lead_load_statement(load: pd.DataFrame, summary: pd.DataFrame, top: int = 3, max_plans: int = 6,
                        labels: Labels = None) -> str:
    """Which units lead most items, per plan up to *max_plans* plans, else summed over plans.

    *load* is :func:`wpanalysis.units.lead_load`, *summary* :func:`wpanalysis.units.plan_unit_summary`.

    >>> load = pd.DataFrame({"doc_id": ["a"] * 3, "unit": ["甲", "乙", "丙"], "n_led": [2, 2, 1]})
    >>> summary = pd.DataFrame({"doc_id": ["a"], "n_items_with_units": [5]})
    >>> print(lead_load_statement(load, summary, top=1))
    - a: 乙 and 甲 lead most items (2 of 5 items with units each, 40%).
    """
    if load.empty:
        return "No plan lists responsible units, so no unit leads an item."
    plans = list(dict.fromkeys(load["doc_id"]))
    items = summary.set_index("doc_id")["n_items_with_units"]
    pooled = len(plans) > max_plans
    groups = [(POOLED, load.groupby("unit", as_index=False)["n_led"].sum())] if pooled else [
        (d, load[load["doc_id"] == d]) for d in plans]
    lines = []
    for key, part in groups:
        total = int(items.sum()) if pooled else int(items.get(key, 0))
        ranked = part.sort_values(["n_led", "unit"], ascending=[False, True])
        cut = ranked["n_led"].iloc[min(top, len(ranked)) - 1]
        leaders = ranked[ranked["n_led"] >= max(cut, 1)]
        if leaders.empty:
            lines.append(f"{_name(labels, key)}: no unit is named as lead.")
            continue
        n = int(leaders["n_led"].iloc[0])
        if leaders["n_led"].nunique() == 1:
            who = listing(leaders["unit"], limit=top + 3)
            verb = "leads" if len(leaders) == 1 else "lead"
            each = "" if len(leaders) == 1 else " each"
            lines.append(f"{_name(labels, key)}: {who} {verb} most items ({n:,} of {count(total, 'item')} "
                         f"with units{each}, {share(n, total)}).")
        else:
            parts = [f"{u} ({int(v):,})" for u, v in zip(leaders["unit"], leaders["n_led"], strict=True)]
            lines.append(f"{_name(labels, key)}: items led, of {count(total, 'item')} with units: "
                         f"{listing(parts, limit=top + 3)}.")
    return bullet_list(lines)


def unknown_units_statement(unknown: pd.DataFrame, n_listed: int | None = None, limit: int = 8) -> str:
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
    """
    if unknown.empty and n_listed == 0:
        return "No plan lists units, so no name needed the alias table."
    if unknown.empty:
        return "Every unit name the plans print is in the alias table (wpanalysis/resources/unit_aliases.yaml)."
    n = len(unknown)
    names = listing([f"{s} ({count(int(k), 'item')})" for s, k in zip(unknown["spelling"], unknown["n_items"],
                                                                       strict=True)], limit=limit)
    verb, it = ("is", "it names a known unit") if n == 1 else ("are", "they name known units")
    return (f"{count(n, 'unit spelling')} {verb} not in the alias table and {verb} kept as printed: {names}. "
            f"Add {'it' if n == 1 else 'them'} to wpanalysis/resources/unit_aliases.yaml if {it}.")
