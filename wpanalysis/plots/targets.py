"""Figures of quantitative targets: shared indicators per plan, and targets per policy domain.

The tables come from :mod:`wpanalysis.targets`; each function returns a figure whose every text
comes from :mod:`wpanalysis.labels` in its ``language`` (``"en"`` or ``"zh"``; indicator, domain and
plan names are the corpus's own words in both) — save it with
:func:`wpanalysis.plots.style.save_figure`. Both figures colour plans the same way while there are
at most ``max_plans`` plans: one colour each (:func:`plan_colours`). Past that, the domain bars keep
a colour for the ``max_plans - 1`` plans with most targets and pool the rest in one grey "others"
entry, and the shared-indicator dots stop naming plans and show how many plans state each value —
so the palette stays readable at any corpus size. Titles end with the N they show; the canvas is
capped (:data:`MAX_HEIGHT`).

Example::

    from wpanalysis.plots.targets import plot_shared_indicators
    from wpanalysis.targets.indicators import shared_indicators
    fig = plot_shared_indicators(shared_indicators(found, documents), labels, language="zh")
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import pandas as pd

from .. import labels as _labels
from ..registry import full_text_ids
from ..targets.measures import measure_label
from .style import HOUSE_PALETTE, use_cjk_font

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["MAX_HEIGHT", "OTHERS_COLOUR", "plan_colours", "plot_shared_indicators", "plot_targets_by_domain",
           "plot_plan_rates"]

MAX_HEIGHT = 13.0
"""Largest figure height in inches (3,900 px at 300 dpi)."""

OTHERS_COLOUR = "#BBBBBB"
"""Colour of the plans pooled as "others"."""

_COMPARATOR_MARKERS = {"=": "o", ">=": ">", ">": ">", "<=": "<", "<": "<"}
_MARKER_COMPARATORS = {"o": "=", ">": ">=", "<": "<="}  # the comparator whose label names each marker

Labels = Mapping[str, str] | pd.Series | None


def plan_colours(doc_ids: Iterable[str], labels: Labels = None, max_plans: int = 8,
                 language: str = "en") -> tuple[dict[str, str], list[tuple[str, str]]]:
    """The colour of each plan in *doc_ids* and the legend entries ``(label, colour)``.

    While *labels* (registry order; plans missing from it follow in order of appearance) name at
    most *max_plans* plans, each keeps its place in the house palette, so a plan has the same
    colour in every figure. Else, while the plans present number at most *max_plans*, they are
    coloured in order. Past that, the ``max_plans - 1`` plans most frequent in *doc_ids* (ties in
    label order) get a colour and the rest share grey, labelled "N other plans" (zh: "其他 N 份").

    >>> colours, legend = plan_colours(["a", "b", "b", "c"], {"a": "甲", "b": "乙", "c": "丙"}, max_plans=2)
    >>> colours["b"] == HOUSE_PALETTE[0], colours["a"] == colours["c"] == OTHERS_COLOUR, legend[1][0]
    (True, True, '2 other plans')
    """
    ids = list(doc_ids)
    names = dict(labels) if labels is not None else {}
    order = list(names) + [d for d in dict.fromkeys(ids) if d not in names]
    here = set(ids)
    present = [d for d in order if d in here]
    max_plans = max(int(max_plans), 1)
    if len(order) <= max_plans:
        colours = {d: HOUSE_PALETTE[order.index(d) % len(HOUSE_PALETTE)] for d in present}
    elif len(present) <= max_plans:
        colours = {d: HOUSE_PALETTE[k % len(HOUSE_PALETTE)] for k, d in enumerate(present)}
    else:
        counts = pd.Series(ids).value_counts().to_dict()
        ranked = sorted(range(len(present)), key=lambda k: (-counts.get(present[k], 0), k))
        top = [present[k] for k in ranked[: max_plans - 1]]
        colours = dict.fromkeys(present, OTHERS_COLOUR) | {d: HOUSE_PALETTE[k] for k, d in enumerate(top)}
        legend = [(names.get(d, d), colours[d]) for d in top]
        others = _labels.figure_text("targets.others", language, n=len(present) - len(top))
        return colours, legend + [(others, OTHERS_COLOUR)]
    return colours, [(names.get(d, d), colours[d]) for d in present]


def _with_n(title: str | None, default: str, n_text: str, language: str) -> str:
    return _labels.figure_text("targets.title_n", language, title=title or _labels.figure_text(default, language),
                               n=n_text)


def _empty(title: str, language: str) -> Figure:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.0, 1.6))
    ax.axis("off")
    ax.text(0.5, 0.5, _labels.figure_text("nothing_to_show", language), ha="center", va="center")
    ax.set_title(title, loc="left")
    return fig


def plot_shared_indicators(table: pd.DataFrame, labels: Labels = None, title: str | None = None,
                           max_plans: int = 8, language: str = "en") -> Figure:
    """Dot plot of :func:`wpanalysis.targets.indicators.shared_indicators`: one row per indicator
    (its tick says how many plans state it).

    One panel per kind of quantity (``measure`` and unit, :func:`wpanalysis.targets.measures.measure_label`):
    levels in % share the first panel (0–100 %); a relative change in % (下降1%), an absolute change
    in percentage points and the amounts (counts, in 万 when large) each get a panel of their own,
    so values of different kinds never share an axis.
    Marker = comparator (● level, ▶ at least, ◀ at most). Up to *max_plans* plans, one
    dot per plan and value, colour = plan (:func:`plan_colours`), a stated target year written
    next to its dot. Past that, one dot per distinct value, its area the number of plans that
    state it (counts only: no plan colours). The title ends with the number of plans and indicators.

    Example::

        fig = plot_shared_indicators(shared_indicators(found, documents), doc_labels(documents))
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    use_cjk_font()
    n_docs, n_ind = table["doc_id"].nunique(), table["indicator_zh"].nunique()
    n_text = _labels.figure_text("targets.shared_n", language, plans=n_docs, indicators=n_ind)
    title = _with_n(title, "targets.shared_title", n_text, language)
    if table.empty:
        return _empty(title, language)
    compact = n_docs > max_plans
    colours, legend = plan_colours(table["doc_id"], labels, max_plans, language) if not compact else ({}, [])
    kinds = _kinds(table)
    order = sorted(dict.fromkeys(kinds), key=lambda k: (k != _LEVEL_PERCENT, k == "amount"))
    panels = [table[kinds == k] for k in order]
    heights = [max(p["indicator_zh"].nunique(), 1) + 0.6 for p in panels]
    fig, axes = plt.subplots(len(panels), 1, figsize=(7.6, min(0.5 * sum(heights) + 1.6, MAX_HEIGHT)),
                             squeeze=False, gridspec_kw={"height_ratios": heights})
    most = int(table.groupby(["indicator_zh", "value", "comparator"])["doc_id"].nunique().max())
    for ax, panel, kind in zip(axes[:, 0], panels, order):
        if compact:
            _value_counts_panel(ax, panel, most)
        else:
            _per_plan_panel(ax, panel, colours, language)
        _panel_axes(ax, panel, kind, language)
    handles = [Line2D([], [], marker="o", ls="", color=c, label=name) for name, c in legend]
    if compact:
        keys = sorted({1, max(most // 2, 1), most})
        handles += [Line2D([], [], marker="o", ls="", markersize=_area(k, most) ** 0.5, color=HOUSE_PALETTE[0],
                           alpha=0.75, label=_labels.figure_text("plans_count", language, n=k)) for k in keys]
    used = dict.fromkeys(_COMPARATOR_MARKERS.get(c, "o") for c in table["comparator"])
    handles += [Line2D([], [], marker=m, ls="", color="#555555",
                       label=_labels.label("comparator", _MARKER_COMPARATORS[m], language)) for m in used]
    axes[0, 0].legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                      labelspacing=1.0 if compact else 0.5)
    axes[0, 0].set_title(title, loc="left")
    fig.tight_layout()
    return fig


def _area(n: int, most: int) -> float:
    """Marker area for a value *n* plans state (the most stated value: *most*)."""
    return 20 + 180 * (n / max(most, 1)) ** 0.5


def _rows(panel: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(panel["indicator_zh"]))[::-1]


def _per_plan_panel(ax: Axes, panel: pd.DataFrame, colours: Mapping[str, str], language: str = "en") -> None:
    """One dot per plan and value, spread around its indicator's row, with the stated year."""
    names, scale = _rows(panel), _scale(panel)
    for name, sub in panel.groupby("indicator_zh", sort=False):
        n = len(sub)
        step = min(0.18, 0.7 / max(n - 1, 1))
        for k, row in enumerate(sub.itertuples(index=False)):
            y, x = names.index(name) + (k - (n - 1) / 2) * step, row.value / scale
            ax.scatter(x, y, s=55, color=colours[row.doc_id], marker=_COMPARATOR_MARKERS.get(row.comparator, "o"),
                       zorder=3, edgecolors="white", linewidths=0.5)
            if pd.notna(row.year):
                ax.annotate(_labels.figure_text("targets.year", language, year=int(row.year)), (x, y), xytext=(6, -3),
                            textcoords="offset points", fontsize=8, color="#555555")


def _value_counts_panel(ax: Axes, panel: pd.DataFrame, most: int) -> None:
    """One dot per distinct value and comparator, its area the number of plans stating it."""
    names, scale = _rows(panel), _scale(panel)
    counts = panel.groupby(["indicator_zh", "value", "comparator"], sort=False)["doc_id"].nunique().reset_index()
    for name, sub in counts.groupby("indicator_zh", sort=False):
        n = len(sub)
        step = min(0.12, 0.6 / max(n - 1, 1))
        for k, row in enumerate(sub.itertuples(index=False)):
            y, x = names.index(name) + (k - (n - 1) / 2) * step, row.value / scale
            ax.scatter(x, y, s=_area(row.doc_id, most), color=HOUSE_PALETTE[0], alpha=0.75, zorder=3,
                       marker=_COMPARATOR_MARKERS.get(row.comparator, "o"), edgecolors="white", linewidths=0.5)
            if n <= 5 and row.doc_id > 1:
                ax.annotate(f"{row.doc_id}", (x, y), xytext=(8, 2), textcoords="offset points", fontsize=7,
                            color="#555555")


def _scale(panel: pd.DataFrame) -> int:
    return 10_000 if (panel["unit"] != "%").any() and panel["value"].max() >= 10_000 else 1


_LEVEL_PERCENT = measure_label("level", "%")
_AXIS_LABELS = {_LEVEL_PERCENT: "targets.level_axis", measure_label("relative change", "%"): "targets.relative_axis",
                measure_label("absolute change", "百分点"): "targets.absolute_axis"}


def _kinds(table: pd.DataFrame) -> pd.Series:
    """The panel of each row: its measure and unit (:func:`measure_label`); every amount in one panel.
    Without a ``measure`` column (an old table), % is a level and the rest amounts."""
    if "measure" not in table.columns:
        return pd.Series([_LEVEL_PERCENT if u == "%" else "amount" for u in table["unit"]], index=table.index)
    labels = ["amount" if m == "amount" else measure_label(str(m), u) for m, u in zip(table["measure"], table["unit"])]
    return pd.Series(labels, index=table.index)


def _panel_axes(ax: Axes, panel: pd.DataFrame, kind: str, language: str = "en") -> None:
    """Ticks (indicator and its number of plans), limits and the x label of one panel (one kind of quantity)."""
    names, scale = _rows(panel), _scale(panel)
    n_docs = panel.groupby("indicator_zh")["doc_id"].nunique()
    ax.set_yticks(range(len(names)), [_labels.figure_text("targets.indicator_tick", language, name=name,
                                                          n=n_docs[name]) for name in names])
    ax.set_ylim(-0.6, len(names) - 0.4)
    if kind == _LEVEL_PERCENT:
        ax.set_xlim(-2, 104)
    else:
        top = max(panel["value"].max() / scale, 1e-9)
        ax.set_xlim(-0.03 * top, top * 1.12)
    unit = ("、" if language == "zh" else ", ").join(dict.fromkeys(panel["unit"]))
    unit = _labels.figure_text("targets.ten_thousand_unit", language, unit=unit) if scale > 1 else unit
    if kind in _AXIS_LABELS:
        ax.set_xlabel(_labels.figure_text(_AXIS_LABELS[kind], language))
        return
    from ..statements.target_plans import kind_text

    name = _labels.label("measure", "amount", language) if kind == "amount" else kind_text(kind, language)
    ax.set_xlabel(_labels.figure_text("targets.kind_axis", language, kind=name, unit=unit))


def plot_targets_by_domain(with_domains: pd.DataFrame, labels: Labels = None, title: str | None = None,
                           max_plans: int = 8, language: str = "en") -> Figure:
    """Horizontal stacked bars: targets per primary domain (``domain`` of
    :func:`wpanalysis.targets.tables.attach_domains`, named by the codebook in *language*; a table
    with ``domain_zh`` only keeps those names), split by plan (:func:`plan_colours`: past
    *max_plans* plans, the plans with most targets and one grey "others"). The title ends with the
    number of targets and plans.

    Example::

        fig = plot_targets_by_domain(attach_domains(found, items), language="zh")
    """
    import matplotlib.pyplot as plt

    use_cjk_font()
    n_text = _labels.figure_text("targets.by_domain_count", language, targets=len(with_domains),
                                 plans=with_domains["doc_id"].nunique())
    title = _with_n(title, "targets.by_domain_title", n_text, language)
    if with_domains.empty:
        return _empty(title, language)
    colours, legend = plan_colours(with_domains["doc_id"], labels, max_plans, language)
    names = dict(labels) if labels is not None else {}
    key = with_domains["doc_id"].map(lambda d: names.get(d, d) if colours[d] != OTHERS_COLOUR else legend[-1][0])
    domains = with_domains["domain_zh"]
    if "domain" in with_domains.columns:
        domains = pd.Series([_labels.label("domain", d, language, default=z)
                             for d, z in zip(with_domains["domain"], domains)], index=with_domains.index)
    counts = with_domains.assign(_key=key, _domain=domains).groupby(["_domain", "_key"], sort=False).size()
    counts = counts.unstack(fill_value=0)
    counts = counts.loc[counts.sum(axis=1).sort_values(kind="stable").index]
    fig, ax = plt.subplots(figsize=(7.2, min(0.32 * len(counts) + 1.4, MAX_HEIGHT)))
    left = pd.Series(0, index=counts.index)
    for name, colour in legend:
        ax.barh(counts.index, counts[name], left=left, color=colour, label=name, height=0.7)
        left = left + counts[name]
    ax.set_xlabel(_labels.figure_text("targets.by_domain_axis", language))
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right")
    ax.set_title(title, loc="left")
    fig.tight_layout()
    return fig


_RATE_PANELS = (("targets_per_10_items", "targets.per_10_axis"), ("targets_per_10k_chars", "targets.per_10k_axis"))


def plot_plan_rates(per_doc: pd.DataFrame, labels: Labels = None, title: str | None = None,
                    max_plans: int = 30, language: str = "en") -> Figure:
    """Each plan's targets per 10 items with body text and per 10,000 characters
    (:func:`wpanalysis.targets.tables.targets_per_document`; plans without body text left out), with
    the plan-weighted mean (solid line, each plan weighs 1) and the pooled rate (dashed). Up to
    *max_plans* plans: one labelled dot per plan, sorted. Past that: a histogram of the plans'
    rates, so the figure keeps its size at any N. The title ends with the number of plans.

    Example::

        fig = plot_plan_rates(targets_per_document(found, items, documents), doc_labels(documents))
    """
    import matplotlib.pyplot as plt

    use_cjk_font()
    body = per_doc[per_doc["doc_id"].isin(full_text_ids(per_doc))].dropna(subset=["targets_per_10_items"])
    n = len(body)
    title = _with_n(title, "targets.plan_rates_title", _labels.figure_text("targets.plan_rates_n", language, n=n),
                    language)
    if body.empty:
        return _empty(title, language)
    compact = n > max_plans
    height = 3.2 if compact else min(0.26 * n + 1.6, MAX_HEIGHT)
    fig, axes = plt.subplots(1, 2, figsize=(8.4, height), sharey=not compact)
    names = dict(labels) if labels is not None else {}
    order = body.sort_values("targets_per_10_items", kind="stable")
    pooled = {"targets_per_10_items": 10 * body["n_targets"].sum() / body["n_items_with_body"].sum(),
              "targets_per_10k_chars": 10_000 * body["n_targets"].sum() / max(body["n_chars_with_body"].sum(), 1)}
    for ax, (column, label) in zip(axes, _RATE_PANELS):
        values = order[column].astype(float)
        if compact:
            ax.hist(values.dropna(), bins=min(30, max(5, n // 4)), color=HOUSE_PALETTE[0], alpha=0.8)
            ax.set_ylabel(_labels.figure_text("targets.plans_axis", language))
        else:
            ax.scatter(values, range(n), color=HOUSE_PALETTE[0], s=30, zorder=3)
            ax.set_yticks(range(n), [str(names.get(d, d)) for d in order["doc_id"]])
        ax.axvline(values.mean(), color="#333333", lw=1.2,
                   label=_labels.figure_text("targets.plan_weighted_mean", language))
        ax.axvline(pooled[column], color="#333333", lw=1.2, ls="--",
                   label=_labels.figure_text("targets.pooled", language))
        ax.set_xlabel(_labels.figure_text(label, language))
    axes[1].legend(loc="lower right" if not compact else "upper right", fontsize=8)
    axes[0].set_title(title, loc="left")
    fig.tight_layout()
    return fig
