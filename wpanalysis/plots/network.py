"""Figures of responsible units: the co-responsibility network (one panel per plan up to a stated
number of plans, else the pooled network) and the lead-unit load.

Both figures keep their size whatever the corpus: at most :data:`MAX_PANELS` panels of fixed size,
at most *top_n* units per panel (the units sharing most items), colours by kind of unit (≤ 6).
Every text comes from :mod:`wpanalysis.labels` in *language* (``"en"`` or ``"zh"``); unit names and
plan labels are data and stay as they are.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from .. import labels as lab
from ..network import POOLED, plan_network, pooled_network
from ..units import KINDS
from .style import HOUSE_PALETTE, use_cjk_font

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["KIND_COLOURS", "KIND_LABELS", "MAX_PANELS", "plot_lead_load", "plot_unit_networks"]

#: Never more panels than this, whatever *max_panels* asks (3 × 3 panels in 11.4 in ≈ 3,400 px).
MAX_PANELS = 9
_FIGURE_INCHES = 11.4  # 3,420 px at 300 dpi: the widest a figure gets
_MAX_PANEL_INCHES = 5.6
#: The Chinese names of the kinds of unit (the ``unit_kind`` vocabulary of labels.yaml; figures take
#: their language's with :func:`wpanalysis.labels.label`).
KIND_LABELS = {k: lab.label("unit_kind", k, "zh") for k in KINDS}
KIND_COLOURS = dict(zip(KINDS, HOUSE_PALETTE[:5] + ("#999999",), strict=True))


def _plan_label(labels: Mapping[str, str] | None, doc_id: str) -> str:
    return str(labels.get(doc_id, doc_id)) if labels is not None else doc_id


def _top(g: nx.Graph, top_n: int) -> nx.Graph:
    """The *top_n* nodes sharing most items (ties by name)."""
    if g.number_of_nodes() <= top_n:
        return g
    keep = sorted(g.degree(weight="weight"), key=lambda kv: (-kv[1], kv[0]))[:top_n]
    return g.subgraph([k for k, _ in keep]).copy()


def _draw(ax: Axes, g: nx.Graph, title: str, seed: int, font_size: float, language: str = "en") -> None:
    import networkx as nx

    ax.axis("off")
    ax.set_title(title, fontsize=10)
    if g.number_of_nodes() == 0:
        ax.text(0.5, 0.5, lab.figure_text("network.no_units", language), ha="center", va="center",
                transform=ax.transAxes, color="#555555")
        return
    # Kamada–Kawai on hops spreads a small dense network more evenly than a spring layout (and is
    # deterministic); the seeded spring layout lays out the pieces of a disconnected one
    connected = nx.is_connected(g)
    pos = (nx.kamada_kawai_layout(g, weight=None) if connected and g.number_of_nodes() > 2
           else nx.spring_layout(g, seed=seed, weight="weight", k=1.6 / math.sqrt(g.number_of_nodes())))
    weights = [d.get("weight", 1) for _, _, d in g.edges(data=True)]
    top = max(weights, default=1)
    nx.draw_networkx_edges(g, pos, ax=ax, width=[0.4 + 3.2 * w / top for w in weights], edge_color="#BBBBBB")
    most = max((g.nodes[n].get("n_items", 1) for n in g.nodes), default=1) or 1
    sizes = [80 + 620 * math.sqrt(g.nodes[n].get("n_items", 1) / most) for n in g.nodes]  # area ~ items
    colours = [KIND_COLOURS.get(g.nodes[n].get("kind", "unknown"), "#999999") for n in g.nodes]
    nx.draw_networkx_nodes(g, pos, ax=ax, node_size=sizes, node_color=colours, alpha=0.85, linewidths=0)
    nx.draw_networkx_labels(g, pos, ax=ax, font_size=font_size, font_family=use_cjk_font())
    ax.margins(0.12)


def _legend(fig: Figure, kinds: list[str], language: str = "en") -> None:
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], marker="o", linestyle="", markersize=8, color=KIND_COLOURS[k],
                      label=lab.label("unit_kind", k, language))
               for k in KINDS if k in kinds]
    fig.legend(handles=handles, loc="lower center", ncol=len(handles), frameon=False, fontsize=9)


def _panels(doc_ids: pd.Series, max_panels: int) -> tuple[list[str], bool, list[str], int, int]:
    """The plans in *doc_ids* (first-seen order), whether each gets its own panel (at most
    *max_panels*, never more than :data:`MAX_PANELS`), the panel keys (the plans, or
    :data:`POOLED`) and the grid's rows and columns (at most 3 columns)."""
    plans = list(dict.fromkeys(doc_ids))
    per_plan = 0 < len(plans) <= min(max_panels, MAX_PANELS)
    keys = plans if per_plan else [POOLED]
    ncols = min(3, len(keys))
    return plans, per_plan, keys, math.ceil(len(keys) / ncols), ncols


def plot_unit_networks(units: pd.DataFrame, n_plans: int, max_panels: int = 6, top_n: int = 20,
                       include_collective: bool = False, labels: Mapping[str, str] | None = None,
                       seed: int = 0, language: str = "en") -> Figure:
    """The co-responsibility networks: one panel per plan that lists units when there are at most
    *max_panels* of them (never more than :data:`MAX_PANELS`), else one pooled network. Node size:
    items the unit takes part in; edge width: items shared; colour: kind of unit. *n_plans* (all
    plans of the corpus) goes into the title with the number of plans that list units; *labels*
    (``registry.doc_labels``) name the panels.
    """
    import matplotlib.pyplot as plt

    use_cjk_font()
    plans, per_plan, keys, nrows, ncols = _panels(units["doc_id"], max_panels)
    side = min(_MAX_PANEL_INCHES, _FIGURE_INCHES / max(ncols, nrows))  # one or two panels get more room
    fig, axes = plt.subplots(nrows, ncols, figsize=(side * ncols, side * nrows + 0.8), squeeze=False)
    kinds: set[str] = set()
    for ax, key in zip(axes.flat, keys, strict=False):
        g = plan_network(units, key, include_collective) if per_plan else pooled_network(
            units, include_collective=include_collective)
        shown = _top(g, top_n)
        kinds.update(d.get("kind", "unknown") for _, d in shown.nodes(data=True))
        label = _plan_label(labels, key) if per_plan else lab.figure_text("network.pooled", language)
        more = (lab.figure_text("network.top_shown", language, n=shown.number_of_nodes())
                if shown.number_of_nodes() < g.number_of_nodes() else "")
        title = lab.figure_text("network.units_shown", language, label=label, n=g.number_of_nodes(), more=more)
        _draw(ax, shown, title, seed, 8 if per_plan else 9, language)
    for ax in list(axes.flat)[len(keys):]:
        ax.axis("off")
    how = lab.figure_text("network.per_plan" if per_plan else "network.merged", language)
    fig.suptitle(lab.figure_text("network.title", language, how=how, plans=len(plans), n_plans=n_plans),
                 fontsize=12)
    _legend(fig, sorted(kinds), language)
    fig.tight_layout(rect=(0, 0.06, 1, 0.95))
    return fig


def _load_panel(ax: Axes, load: pd.DataFrame, title: str, top_n: int, language: str = "en") -> None:
    t = load.groupby(["unit", "kind"], as_index=False)[["n_led", "n_items"]].sum()
    t = t.sort_values(["n_led", "n_items", "unit"], ascending=[False, False, True]).head(top_n).iloc[::-1]
    ax.barh(t["unit"], t["n_led"], color=[KIND_COLOURS.get(k, "#999999") for k in t["kind"]],
            label=lab.figure_text("network.lead", language))
    ax.barh(t["unit"], t["n_items"] - t["n_led"], left=t["n_led"], color="#DDDDDD",
            label=lab.figure_text("network.support", language))
    ax.set_title(title, fontsize=10)
    ax.set_xlabel(lab.figure_text("network.items_axis", language))
    ax.tick_params(axis="y", labelsize=8)


def plot_lead_load(load: pd.DataFrame, n_plans: int, max_panels: int = 6, top_n: int = 15,
                   labels: Mapping[str, str] | None = None, language: str = "en") -> Figure:
    """Items each unit leads (coloured by kind) and supports (grey): one panel per plan up to
    *max_panels* plans (never more than :data:`MAX_PANELS`), else summed over plans; *top_n*
    units per panel, most items led first.
    """
    import matplotlib.pyplot as plt

    use_cjk_font()
    plans, per_plan, keys, nrows, ncols = _panels(load["doc_id"], max_panels)
    height = max(2.5, 0.24 * top_n + 0.8)
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.2 * ncols, height * nrows + 0.6), squeeze=False)
    for ax, key in zip(axes.flat, keys, strict=False):
        part = load[load["doc_id"] == key] if per_plan else load
        title = _plan_label(labels, key) if per_plan else lab.figure_text("network.all_plans", language)
        _load_panel(ax, part, title, top_n, language)
    for ax in list(axes.flat)[len(keys):]:
        ax.axis("off")
    axes.flat[0].legend(loc="lower right", fontsize=8)
    fig.suptitle(lab.figure_text("network.load_title", language, plans=len(plans), n_plans=n_plans), fontsize=12)
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    return fig
