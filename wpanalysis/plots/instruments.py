"""Figures of policy instruments: the instrument × domain heat map, the sub-instrument
distribution, and the instrument structure per plan (stacked bars, or a distribution past a
number of plans).

Every figure stays under about 4,000 pixels a side at the 300-dpi save whatever the number of
plans, uses four type colours (three types and ``none``), and its title carries the number of
plans and sentences it shows. Every function takes ``language`` (``"en"`` or ``"zh"``): all its
text comes from :mod:`wpanalysis.labels` and the codebooks in that language (plan ids stay as they are).
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import pandas as pd

from .. import labels as _labels  # `labels` is plot_plan_structure's argument
from ..coding.codebook import NONE, Codebook, load_codebook
from ..coding.instruments import InstrumentCodebook, load_instrument_codebook
from .domains import MAX_INCHES
from .style import use_cjk_font

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["TYPE_COLOURS", "plot_instrument_domain_heatmap", "plot_instrument_distribution",
           "plot_plan_structure"]

TYPE_COLOURS: dict[str, str] = {"supply": "#1B9E77", "environment": "#7570B3", "demand": "#D95F02", NONE: "#BDBDBD"}
"""One colour per instrument type (colour-blind safe Dark2 hues) and grey for ``none``."""


_EXTRA_COLOURS = ("#1B9E77", "#7570B3", "#D95F02", "#E7298A", "#66A61E", "#E6AB02", "#A6761D")


def _colours(types: list[str]) -> dict[str, str]:
    """The type colours: the fixed ones of the default codebook, else Dark2 by position (≤ 7 types)."""
    if set(types) <= set(TYPE_COLOURS):
        return TYPE_COLOURS
    named = [t for t in types if t != NONE]
    return {**{t: _EXTRA_COLOURS[k % len(_EXTRA_COLOURS)] for k, t in enumerate(named)}, NONE: TYPE_COLOURS[NONE]}


def _clip(value: float) -> float:
    return float(min(value, MAX_INCHES))


def _titled(title: str | None, count: str, language: str) -> str:
    """*title* with its count in brackets of *language*, or the count alone.

    >>> _titled("政策工具分布", "N = 9 份", "zh"), _titled("Structure", "N = 9 plans", "en")
    ('政策工具分布（N = 9 份）', 'Structure (N = 9 plans)')
    >>> _titled(None, "N = 1", "en")
    'N = 1'
    """
    return _labels.figure_text("instruments.titled", language, title=title, count=count) if title else count


def _wrapped(name: str, language: str, zh_width: int, en_width: int) -> str:
    """*name* on lines of at most *zh_width* characters (Chinese) or *en_width* (English, whole words)."""
    width = zh_width if language == "zh" else en_width
    return "\n".join(textwrap.wrap(name, width, break_long_words=language == "zh", break_on_hyphens=False)) or name


def _value_label(value: str, language: str) -> str:
    """The colour bar's label: what the cells show (a column of the instrument × domain table)."""
    if value == "share_of_domain":
        return _labels.figure_text("instruments.share_of_domain", language)
    return _labels.column_label(value, language, default=value)


def plot_instrument_domain_heatmap(table: pd.DataFrame, value: str = "share_of_domain", title: str | None = None,
                                   n_plans: int | None = None, codebook: Codebook | None = None,
                                   book: InstrumentCodebook | None = None, language: str = "en") -> Figure:
    """Heat map of :func:`wpanalysis.framework.instrument_domain_table`: rows = domains (empty
    ones left out), columns = instrument types or sub-instruments, cells = *value* annotated with
    the count. The title states the plans (*n_plans*) and the sentences it counts."""
    import matplotlib.pyplot as plt
    import seaborn as sns

    use_cjk_font()
    domains = (codebook or load_codebook()).names(language)
    instruments = (book or load_instrument_codebook()).names(language)
    used = table.groupby("domain", sort=False)["n"].sum()
    kept = table[table["domain"].isin(used[used > 0].index)]
    grid = kept.pivot_table(index="domain", columns="instrument", values=value, sort=False)
    counts = kept.pivot_table(index="domain", columns="instrument", values="n", sort=False)
    numbers = counts.map(lambda n: f"{int(n)}") if hasattr(counts, "map") else counts.astype(int).astype(str)
    annot = grid.round(2).astype(str).where(False, "") if grid.empty else (
        grid.map(lambda v: f"{v:.2f}") + "\n(" + numbers + ")")
    width = _clip(1.0 * grid.shape[1] + 4.0)
    height = _clip(0.42 * max(grid.shape[0], 1) + 2.0)
    fig, ax = plt.subplots(figsize=(width, height))
    sns.heatmap(grid.astype(float), annot=annot.to_numpy() if grid.shape[1] <= 6 else False, fmt="",
                cmap="viridis", vmin=0, vmax=1, linewidths=0.5, linecolor="white",
                cbar_kws={"label": _value_label(value, language), "shrink": 0.6},
                annot_kws={"fontsize": 6.5}, ax=ax)
    ax.set_yticklabels([domains.get(d, d) for d in grid.index], rotation=0, fontsize=8)
    ax.set_xticklabels([_wrapped(instruments.get(c, c), language, 5, 13) for c in grid.columns], rotation=0,
                       fontsize=8)
    ax.set_xlabel("")
    ax.set_ylabel("")
    n_sentences = int(table["n"].sum())
    count = (_labels.figure_text("plans_and_sentences", language, plans=n_plans, sentences=n_sentences)
             if n_plans is not None else _labels.figure_text("instruments.n_sentences", language, n=n_sentences))
    ax.set_title(_titled(title, count, language))
    fig.tight_layout()
    return fig


def plot_instrument_distribution(coded: pd.DataFrame, title: str | None = None, book: InstrumentCodebook | None = None,
                                 language: str = "en") -> Figure:
    """Horizontal bars: sentences per sub-instrument, coloured by type, grouped by type in codebook
    order, each bar labelled with its count and share; the title states plans and sentences."""
    import matplotlib.pyplot as plt

    use_cjk_font()
    book = book or load_instrument_codebook()
    names = book.names(language)
    order = [*book.ids, NONE]
    palette = _colours([*book.types, NONE])
    counts = coded["instrument"].value_counts().reindex(order, fill_value=0)
    total = int(counts.sum())
    fig, ax = plt.subplots(figsize=(7.5, _clip(0.32 * len(order) + 1.6)))
    y = list(range(len(order)))[::-1]
    colours = [palette[book.type_of[i]] for i in order]
    ax.barh(y, counts.to_numpy(), color=colours)
    for yy, n in zip(y, counts.to_numpy()):
        ax.text(n, yy, _labels.figure_text("instruments.bar_label", language, n=int(n), share=n / total) if total
                else " 0", va="center", fontsize=7.5)
    ax.set_yticks(y, [_wrapped(names[i], language, 40, 28) for i in order], fontsize=8)
    handles = [plt.Rectangle((0, 0), 1, 1, color=palette[t]) for t in [*book.types, NONE]]
    ax.legend(handles, [names[t] for t in [*book.types, NONE]], loc="lower right", fontsize=8, frameon=False)
    ax.set_xlabel(_labels.figure_text("instruments.sentences_axis", language))
    ax.set_xlim(0, max(1, int(counts.max())) * 1.25)
    count = _labels.figure_text("plans_and_sentences", language, plans=int(coded["doc_id"].nunique()), sentences=total)
    ax.set_title(_titled(title, count, language))
    fig.tight_layout()
    return fig


def plot_plan_structure(structure: pd.DataFrame, max_plans: int = 30, labels: dict[str, str] | None = None,
                        title: str | None = None, book: InstrumentCodebook | None = None, language: str = "en"
                        ) -> Figure:
    """The instrument-type structure of each plan (:func:`wpanalysis.framework.plan_instrument_structure`):
    one stacked bar per plan (sorted by the supply share) up to *max_plans* plans with sentences;
    past that, the distribution of each type's share over plans (box and strip plot). Plans with
    no sentence are left out; the title states how many plans are shown."""
    import matplotlib.pyplot as plt
    from matplotlib.transforms import offset_copy

    use_cjk_font()
    book = book or load_instrument_codebook()
    names = book.names(language)
    order = [*book.types, NONE]
    palette = _colours(order)
    shown = structure[structure["n_sentences"] > 0]
    wide = shown.pivot_table(index="doc_id", columns="instrument", values="share", sort=False).fillna(0.0)
    wide = wide.reindex(columns=[t for t in order if t in wide.columns])
    n_plans = len(wide)
    if n_plans <= max_plans:
        wide = wide.sort_values(list(wide.columns[:1]), ascending=True, kind="stable")
        fig, ax = plt.subplots(figsize=(8.0, _clip(0.3 * n_plans + 1.8)))
        left = pd.Series(0.0, index=wide.index)
        for t in wide.columns:
            ax.barh(range(n_plans), wide[t], left=left, color=palette[t], label=names[t])
            left = left + wide[t]
        ax.set_yticks(range(n_plans), [(labels or {}).get(d, d) for d in wide.index], fontsize=8)
        ax.set_xlim(0, 1)
        ax.set_xlabel(_labels.figure_text("instruments.share_of_plan", language))
        below = offset_copy(ax.transAxes, fig=fig, y=-44, units="points")  # under the axis label at any height
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), bbox_transform=below, ncol=4, fontsize=8,
                  frameon=False)
    else:
        fig, ax = plt.subplots(figsize=(7.5, 4.5))
        data = [wide[t].to_numpy() for t in wide.columns]
        box = ax.boxplot(data, orientation="horizontal", patch_artist=True, widths=0.5, showfliers=False)
        for patch, t in zip(box["boxes"], wide.columns):
            patch.set_facecolor(palette[t])
            patch.set_alpha(0.6)
        for k, t in enumerate(wide.columns, start=1):
            ax.scatter(wide[t], [k] * n_plans, s=4, color="black", alpha=0.3)
        ax.set_yticks(range(1, len(wide.columns) + 1), [names[t] for t in wide.columns])
        ax.set_xlim(0, 1)
        ax.set_xlabel(_labels.figure_text("instruments.distribution_axis", language))
    ax.set_title(_titled(title, _labels.figure_text("n_plans", language, n=n_plans), language))
    fig.tight_layout()
    return fig
