"""Figures of the corpus overview: document sizes and items per section, at any number of plans.

Up to *max_plans* plans each figure draws one row per plan (bars, a heatmap); past it, the same
measures as distributions (points and boxes by completeness; plans counted per section and
number of items), so the canvas stays under :data:`MAX_INCHES` a side (3,750 px at 300 dpi)
whatever the corpus. Titles carry the number of plans drawn.

Every text a reader sees comes from :mod:`wpanalysis.labels` in the figure's *language*
(``"en"`` or ``"zh"``); plan labels (宁波 2024) and the plans' own section numerals (一, 二 …)
are data and stay as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..labels import figure_text, group_label
from ..overview import section_label
from ..registry import GROUP_ORDER, UNKNOWN
from .style import HOUSE_PALETTE, use_cjk_font

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["MAX_INCHES", "MAX_PLANS", "MAX_SECTIONS", "plot_document_sizes", "plot_items_per_section"]

MAX_INCHES = 12.5
"""The longest side of a figure, in inches (3,750 px in the 300-dpi PNG)."""

MAX_PLANS = 30
"""Default number of plans past which per-plan figures become distributions."""

MAX_SECTIONS = 15
"""Default number of section columns; items of later sections are pooled in one column (十六+)."""

_LABEL_WIDTH = 24  # characters of a plan's label before it is cut with …

_COMPLETENESS_COLOURS: dict[str, str] = {
    "full": HOUSE_PALETTE[0],  # blue
    "partial": HOUSE_PALETTE[4],  # orange
    "outline-only": HOUSE_PALETTE[1],  # vermillion
}
_UNKNOWN_COLOUR = "#999999"


def _short(label: object) -> str:
    text = str(label)
    return text if len(text) <= _LABEL_WIDTH else text[: _LABEL_WIDTH - 1] + "…"


def _completeness(values: pd.Series) -> list[str]:
    """Completeness values, an empty or unexpected one as ``unknown``."""
    return [v if v in _COMPLETENESS_COLOURS else UNKNOWN for v in values]


def _legend_name(value: str, language: str) -> str:
    """全文 / full text …; an unexpected value as the label of ``unknown``."""
    return group_label("completeness", value if value in _COMPLETENESS_COLOURS else UNKNOWN, language)


def _colour(value: str) -> str:
    return _COMPLETENESS_COLOURS.get(value, _UNKNOWN_COLOUR)


# --------------------------------------------------------------------------- document sizes


def plot_document_sizes(sizes: pd.DataFrame, max_plans: int = MAX_PLANS, language: str = "en") -> Figure:
    """Items (left) and characters (right) per document, coloured by completeness.

    *sizes* is :func:`wpanalysis.overview.document_sizes`'s table. Up to *max_plans* plans:
    one bar per plan, in the table's order, labelled by its ``label`` column (or ``doc_id``).
    More: each completeness group as points (one per plan) over a box (quartiles, whiskers at
    1.5 IQR), the largest plan of each panel named.

    >>> import matplotlib.pyplot as plt
    >>> from wpanalysis.build import load_corpus
    >>> from wpanalysis.overview import document_sizes
    >>> corpus = load_corpus()
    >>> fig = plot_document_sizes(document_sizes(corpus.documents, corpus.items))
    >>> [ax.get_title() for ax in fig.axes], fig.get_suptitle()
    (['items', 'characters (item text)'], 'Length of each work plan (N = 9 plans)')
    >>> fig = plot_document_sizes(document_sizes(corpus.documents, corpus.items), language="zh")
    >>> [ax.get_title() for ax in fig.axes], fig.get_suptitle()
    (['条目数', '字数（条目文本）'], '各份工作要点的篇幅（N = 9 份）')
    >>> plt.close("all")
    """
    figure_text("corpus.items_axis", language)  # refuses an unknown language before drawing
    use_cjk_font()
    sizes = sizes.assign(label=[_short(v) for v in (sizes["label"] if "label" in sizes else sizes["doc_id"])],
                         completeness=_completeness(sizes["completeness"]))
    if len(sizes) <= max_plans:
        return _size_bars(sizes, language)
    return _size_distribution(sizes, language)


def _size_panels(language: str) -> tuple[tuple[str, str], ...]:
    """The two panels of the sizes figure: (column, title)."""
    return (("n_items", figure_text("corpus.items_axis", language)),
            ("n_chars", figure_text("corpus.chars_axis", language)))


def _size_bars(sizes: pd.DataFrame, language: str) -> Figure:
    import matplotlib.pyplot as plt
    from matplotlib.ticker import StrMethodFormatter

    n = len(sizes)
    row = min(0.38, (MAX_INCHES - 2.0) / max(n, 1))
    y = np.arange(n)
    colours = [_colour(c) for c in sizes["completeness"]]
    height = row * n + 2.0
    fig, axes = plt.subplots(1, 2, figsize=(8.0, height), sharey=True)
    for ax, (column, title) in zip(axes, _size_panels(language)):
        bars = ax.barh(y, sizes[column].to_numpy(), color=colours, height=0.7)
        ax.bar_label(bars, labels=[f"{v:,}" for v in sizes[column]], padding=3, fontsize=9)
        ax.set_title(title)
        ax.grid(axis="y", visible=False)
        ax.margins(x=0.18)
        ax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    axes[0].set_yticks(y, labels=list(sizes["label"]))
    axes[0].invert_yaxis()
    _completeness_legend(fig, sizes["completeness"], language)
    fig.suptitle(figure_text("corpus.sizes_title", language, n=n))
    fig.tight_layout(rect=(0, min(0.55 / height, 0.35), 1, 1))  # room for the legend: 0.55 in
    return fig


def _completeness_legend(fig: Figure, values: pd.Series, language: str) -> None:
    from matplotlib.patches import Patch

    present = _groups(values)
    handles = [Patch(color=_colour(c), label=_legend_name(c, language)) for c in present]
    if handles:
        fig.legend(handles=handles, title=figure_text("corpus.completeness_legend", language), loc="lower center",
                   ncol=len(handles), bbox_to_anchor=(0.5, -0.02))


def _groups(values: pd.Series) -> list[str]:
    present = set(values)
    return [c for c in GROUP_ORDER["completeness"] if c in present] + ([UNKNOWN] if UNKNOWN in present else [])


def _size_distribution(sizes: pd.DataFrame, language: str) -> Figure:
    import matplotlib.pyplot as plt
    from matplotlib.ticker import StrMethodFormatter

    groups = _groups(sizes["completeness"])
    fig, axes = plt.subplots(1, 2, figsize=(8.0, 1.0 * len(groups) + 2.0), sharey=True)
    rng = np.random.default_rng(0)  # the same jitter on every run
    for ax, (column, title) in zip(axes, _size_panels(language)):
        for k, group in enumerate(groups):
            values = sizes.loc[sizes["completeness"] == group, column].to_numpy()
            _points_over_box(ax, k, values, _colour(group), rng)
        top = sizes.loc[sizes[column].idxmax()]
        above = groups.index(top["completeness"]) - 0.25  # over the jittered points (the y axis runs down)
        ax.annotate(f"{top['label']}\n{top[column]:,}", (top[column], above),
                    xytext=(0, 2), textcoords="offset points", ha="center", va="bottom", fontsize=8)
        ax.set_title(title)
        ax.grid(axis="y", visible=False)
        ax.margins(x=0.12, y=0.25)
        ax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    counts = sizes["completeness"].value_counts()
    axes[0].set_yticks(range(len(groups)), labels=[f"{_legend_name(g, language)}\n"
                                                   + figure_text("plans_count", language, n=counts[g]) for g in groups])
    axes[0].invert_yaxis()
    fig.suptitle(figure_text("corpus.sizes_distribution_title", language, n=len(sizes)))
    fig.tight_layout()
    return fig


def _points_over_box(ax: Axes, k: int, values: np.ndarray, colour: str, rng: np.random.Generator) -> None:
    """One completeness group at height *k*: a box of its values and one jittered point per plan."""
    if len(values) == 0:
        return
    ax.boxplot(values, positions=[k], orientation="horizontal", widths=0.5, showfliers=False, patch_artist=True,
               boxprops={"facecolor": "none", "edgecolor": "#333333"}, medianprops={"color": "#333333"},
               whiskerprops={"color": "#333333"}, capprops={"color": "#333333"})
    alpha = float(np.clip(40 / len(values), 0.15, 0.8))
    ax.scatter(values, k + rng.uniform(-0.18, 0.18, len(values)), s=12, color=colour, alpha=alpha,
               linewidths=0, zorder=3)


# --------------------------------------------------------------------------- items per section


def _section_grid(per_section: pd.DataFrame, max_sections: int) -> pd.DataFrame:
    """Items per document (rows, table order) × section column (0 = no section; later sections pooled)."""
    column = per_section["section"].fillna(0).astype(int).clip(upper=max_sections + 1)
    doc_order = list(pd.unique(per_section["doc_id"]))
    grid = (per_section.assign(column=column)
            .pivot_table(index="doc_id", columns="column", values="n_items", aggfunc="sum")
            .reindex(index=doc_order))
    return grid.reindex(columns=sorted(grid.columns))


def _column_labels(columns: list[int], max_sections: int, language: str) -> list[str]:
    """The plans' own section numerals (data); the column of items outside any section named in *language*."""
    none = figure_text("corpus.no_section", language)
    return [none if c == 0 else section_label(c) + ("+" if c > max_sections else "") for c in columns]


def plot_items_per_section(per_section: pd.DataFrame, labels: pd.Series | None = None,
                           max_plans: int = MAX_PLANS, max_sections: int = MAX_SECTIONS,
                           language: str = "en") -> Figure:
    """Items per section number, per document (up to *max_plans* plans) or as a distribution.

    *per_section* is :func:`wpanalysis.overview.items_per_section`'s table; *labels* maps
    ``doc_id`` to a row label (e.g. :func:`wpanalysis.registry.doc_labels`), the ``doc_id``
    itself by default. Columns are the documents' own section numbers (一, 二, …; none / 无 = items
    outside any section; sections after *max_sections* pooled in one column), so a column
    compares positions, not topics. Up to *max_plans* plans: a heatmap of documents × sections
    with the items in each cell. More: a heatmap of how many plans have a given number of items
    (rows: 1 … 5, then wider bins) in each section column.

    >>> import matplotlib.pyplot as plt
    >>> from wpanalysis.build import load_corpus
    >>> from wpanalysis.overview import items_per_section
    >>> from wpanalysis.registry import doc_labels
    >>> corpus = load_corpus()
    >>> documents, items = corpus.documents, corpus.items
    >>> fig = plot_items_per_section(items_per_section(items), doc_labels(documents))
    >>> fig.axes[0].get_title(), fig.axes[0].get_yticklabels()[-2].get_text()
    ('Items per section (N = 9 plans)', '宁波 2024')
    >>> fig = plot_items_per_section(items_per_section(items), doc_labels(documents), language="zh")
    >>> fig.axes[0].get_title(), fig.axes[0].get_xticklabels()[0].get_text()
    ('各部分的条目数（N = 9 份）', '无')
    >>> plt.close("all")
    """
    figure_text("corpus.items_axis", language)  # refuses an unknown language before drawing
    use_cjk_font()
    grid = _section_grid(per_section, max_sections)
    if grid.empty:
        return _no_items(language)
    names = _column_labels(list(grid.columns), max_sections, language)
    if len(grid) <= max_plans:
        grid.index = [_short(labels.get(d, d) if labels is not None else d) for d in grid.index]
        return _section_heatmap(grid.set_axis(names, axis=1), language)
    return _section_distribution(grid, names, language)


def _no_items(language: str) -> Figure:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.4, 2.0))
    ax.text(0.5, 0.5, figure_text("corpus.no_items", language), ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    ax.set_title(figure_text("corpus.sections_title", language, n=0))
    return fig


def _style_heatmap(ax: Axes, language: str) -> None:
    ax.set_xlabel(figure_text("corpus.sections_axis", language))
    ax.grid(False)
    ax.tick_params(axis="both", length=0)
    ax.tick_params(axis="x", rotation=0)
    ax.tick_params(axis="y", rotation=0)


def _section_heatmap(grid: pd.DataFrame, language: str) -> Figure:
    import matplotlib.pyplot as plt
    import seaborn as sns
    from matplotlib.ticker import MaxNLocator

    n = len(grid)
    row = min(0.42, (MAX_INCHES - 1.4) / n)
    fig, ax = plt.subplots(figsize=(min(0.55 * grid.shape[1] + 3.2, MAX_INCHES), row * n + 1.4))
    values = grid.to_numpy(dtype=float)
    several = len(np.unique(values[~np.isnan(values)])) > 1  # one value needs no colour bar
    sns.heatmap(grid.astype(float), annot=True, fmt=".0f", cmap="viridis", linewidths=0.5, linecolor="white",
                cbar=several, cbar_kws={"label": figure_text("corpus.items_axis", language),
                                        "ticks": MaxNLocator(nbins=6, integer=True)},
                annot_kws={"fontsize": 10 if row >= 0.38 else 8}, ax=ax)
    ax.set_ylabel("")
    ax.set_title(figure_text("corpus.sections_title", language, n=n))
    _style_heatmap(ax, language)
    fig.tight_layout()
    return fig


# Rows of the distribution heatmap: items in a section, one row each up to 5, then wider bins.
_ITEM_BINS: tuple[tuple[int, int], ...] = ((1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 7), (8, 10), (11, 15),
                                           (16, 20), (21, 30), (31, 50))


def _item_bins(grid: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Each cell of *grid* (items in a section) as its bin's position, and the bins' names up to the largest."""
    largest = int(np.nanmax(grid.to_numpy()))
    bins = [b for b in _ITEM_BINS if b[0] <= largest]
    if largest > bins[-1][1]:
        bins.append((bins[-1][1] + 1, largest))
    names = [str(lo) if lo == hi else f"{lo}–{hi}" for lo, hi in bins]
    if bins[-1] not in _ITEM_BINS:
        names[-1] = f"{bins[-1][0]}+"
    lows = np.array([lo for lo, _ in bins])
    positions = grid.apply(lambda col: pd.Series(np.searchsorted(lows, col, side="right") - 1, index=col.index)
                           .where(col.notna()))
    return positions, names


def _section_distribution(grid: pd.DataFrame, names: list[str], language: str) -> Figure:
    import matplotlib.pyplot as plt
    import seaborn as sns
    from matplotlib.ticker import MaxNLocator

    positions, bins = _item_bins(grid)
    rows = list(range(len(bins)))[::-1]  # most items at the top
    plans = pd.DataFrame({c: positions[c].value_counts() for c in grid.columns}).reindex(index=rows).fillna(0)
    plans.columns, plans.index = names, [bins[r] for r in rows]
    fig, ax = plt.subplots(figsize=(min(0.55 * plans.shape[1] + 3.2, MAX_INCHES), 0.36 * len(rows) + 1.8))
    sns.heatmap(plans.where(plans > 0), annot=True, fmt=".0f", cmap="viridis", linewidths=0.5,
                linecolor="white", cbar_kws={"label": figure_text("corpus.plans_axis", language),
                                             "ticks": MaxNLocator(nbins=6, integer=True)},
                annot_kws={"fontsize": 8}, ax=ax)
    ax.set_ylabel(figure_text("corpus.items_in_section_axis", language))
    ax.set_title(figure_text("corpus.sections_distribution_title", language, n=len(grid)))
    _style_heatmap(ax, language)
    fig.tight_layout()
    return fig
