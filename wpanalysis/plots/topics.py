"""Figures of topic models: the k sweep and the topic shares of each plan.

Both scale with the corpus: the sweep is a fixed-size figure whatever the number of plans;
the document–topic figure is a heatmap (one row per plan) up to ``max_plans`` plans and a
distribution (one box per topic, a dot per plan) past it, its canvas capped either way. Every
title states the N it shows. Every word drawn comes from :mod:`wpanalysis.labels` (``figure:
topics.*``) in *language* (``"en"`` or ``"zh"``); topic names and plan labels are data and stay
as they are.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .. import labels
from ..statements import pick
from .style import HOUSE_PALETTE, use_cjk_font

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["MAX_PLANS", "MAX_INCHES", "plot_k_sweep", "plot_document_topics"]

MAX_PLANS = 30
"""Default number of plans past which :func:`plot_document_topics` draws distributions, not a row per plan."""

MAX_INCHES = 13.0
"""Largest side of a figure in inches (3,900 px at the 300-dpi save)."""


def _sweep_title(chosen_k: int | None, n_plans: int | None, n_items: int | None, n_fit: int | None,
                 language: str = "en") -> str:
    r"""The sweep figure's title in *language*.

    >>> _sweep_title(8, 9, 273, 273, "en")
    'Choosing the number of topics k (N = 9 plans, 273 items)\ndashed line: chosen k = 8'
    >>> _sweep_title(8, 9, 273, 200, "zh")
    '主题数 k 的选择（N = 9 份，随机抽样 200 / 273 条）\n虚线：选定 k = 8'
    """
    parts = []
    if n_plans is not None:
        parts.append(labels.figure_text("n_plans", language, n=n_plans))
    if n_items is not None:
        sample = n_fit is not None and n_fit < n_items
        parts.append(labels.figure_text("topics.sample_items", language, n_fit=n_fit, n_items=n_items) if sample
                     else labels.figure_text("items_count", language, n=n_items))
    head = labels.figure_text("topics.k_sweep_title", language)
    if parts:
        head += pick(language, f" ({', '.join(parts)})", f"（{'，'.join(parts)}）")
    return head + ("\n" + labels.figure_text("topics.chosen_k", language, k=chosen_k) if chosen_k is not None else "")


def plot_k_sweep(sweep: pd.DataFrame, chosen_k: int | None = None, min_diversity: float | None = None,
                 n_plans: int | None = None, n_items: int | None = None, n_fit: int | None = None,
                 language: str = "en") -> Figure:
    """Four panels against k: NPMI, UMass, held-out perplexity, diversity; the chosen k
    marked by a dashed line and the diversity threshold by a dotted one. The title states the
    plans and items (*n_plans*, *n_items*) and, when the sweep was fitted on a sample of
    *n_fit* items, that sample. The canvas is fixed (8 × 5.6 in) whatever the corpus; the
    words are in *language*."""
    import matplotlib.pyplot as plt

    use_cjk_font()
    panels = [(column, labels.figure_text(f"topics.{column}_panel", language))
              for column in ("npmi", "umass", "perplexity", "diversity")]
    fig, axes = plt.subplots(2, 2, figsize=(8.0, 5.6), sharex=True)
    for ax, (column, title) in zip(axes.ravel(), panels):
        data = sweep[["k", column]].dropna()
        ax.plot(data["k"], data[column], marker="o", markersize=4, color=HOUSE_PALETTE[0])
        ax.set_title(title, fontsize=11)
        if chosen_k is not None:
            ax.axvline(chosen_k, color=HOUSE_PALETTE[1], linestyle="--", linewidth=1.2)
        if column == "diversity" and min_diversity is not None:
            ax.axhline(min_diversity, color="#666666", linestyle=":", linewidth=1.2)
    for ax in axes[1]:
        ax.set_xlabel(labels.figure_text("topics.k_axis", language))
    axes[1, 0].xaxis.get_major_locator().set_params(integer=True)
    fig.suptitle(_sweep_title(chosen_k, n_plans, n_items, n_fit, language), fontsize=12)
    fig.tight_layout()
    return fig


def _short(text: str, width: int, lines: int) -> list[str]:
    """*text* in lines of at most *width* characters, at most *lines* lines (the last cut with …);
    a name made of top terms (joined by ·) breaks between terms where it can.

    >>> _short("义务教育·市·强化", 6, 2), _short("教师、课程与高校职教", 6, 2), _short("很长很长的主题名称", 4, 2)
    (['义务教育·', '市·强化'], ['教师、课程与', '高校职教'], ['很长很长', '的主题…'])
    """
    out: list[str] = []
    for part in re.split(r"(?<=·)", str(text)):
        pieces = textwrap.wrap(part, width) or [""] if len(part) > width else [part]
        for piece in pieces:
            sep = " " if out and _latin(out[-1][-1:]) and _latin(piece[:1]) else ""
            if out and len(out[-1]) + len(sep) + len(piece) <= width:
                out[-1] += sep + piece
            else:
                out.append(piece)
    out = out or [""]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1] + "…"
    return out


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _width(name: str, cjk: int) -> int:
    """Characters per line for *name*: *cjk* for a name with wide (CJK) characters, twice that otherwise."""
    return cjk if any(ord(c) >= 0x2E80 for c in name) else 2 * cjk


def _names(topics: list[int], topic_names: Mapping[int, str] | None, language: str = "en") -> dict[int, str]:
    topic_names = topic_names or {}
    return {t: str(topic_names.get(t) or labels.figure_text("topics.topic_n", language, n=t)) for t in topics}


def _heatmap(ax: Axes, grid: pd.DataFrame, names: dict[int, str], language: str = "en") -> None:
    import seaborn as sns

    n_rows, n_cols = grid.shape
    annotate = n_rows <= 40 and n_cols <= 12
    # horizontal column names, wrapped: rotated CJK punctuation (、) reads as a dash
    grid = grid.copy()
    grid.columns = ["\n".join([str(t), *_short(names[t], _width(names[t], 6), 2)]) for t in grid.columns]
    sns.heatmap(grid.astype(float), annot=annotate, fmt=".2f", cmap="viridis", vmin=0, linewidths=0.5,
                linecolor="white", cbar_kws={"label": labels.figure_text("topics.share_axis", language)},
                annot_kws={"fontsize": 9 if n_rows <= 20 else 7}, ax=ax)
    ax.set_xlabel(labels.figure_text("topics.topic", language))
    ax.set_ylabel("")
    ax.grid(False)
    ax.tick_params(axis="both", length=0)
    ax.tick_params(axis="x", rotation=0, labelsize=9 if n_cols <= 8 else 7)
    ax.tick_params(axis="y", rotation=0, labelsize=10 if n_rows <= 20 else 8)


def _distribution(ax: Axes, grid: pd.DataFrame, names: dict[int, str], language: str = "en") -> None:
    """One horizontal box per topic (topic 1 on top) over the plans' shares, each plan a dot."""
    topics = list(grid.columns)
    values = [grid[t].dropna().to_numpy(dtype=float) for t in topics]
    positions = np.arange(len(topics))[::-1]
    line = {"color": HOUSE_PALETTE[0]}
    ax.boxplot(values, positions=positions, orientation="horizontal", widths=0.6, showfliers=False,
               medianprops={"color": "black"}, boxprops=line, whiskerprops=line, capprops=line)
    rng = np.random.default_rng(0)  # jitter only: the same figure on every run
    for pos, vals in zip(positions, values):
        ax.scatter(vals, pos + rng.uniform(-0.22, 0.22, len(vals)), s=6, alpha=0.35, color=HOUSE_PALETTE[0],
                   linewidths=0, rasterized=True)
    ax.set_yticks(positions, [f"{t} {' '.join(_short(names[t], _width(names[t], 14), 1))}" for t in topics],
                  fontsize=10 if len(topics) <= 12 else 8)
    ax.set_xlabel(labels.figure_text("topics.plan_share_axis", language))
    ax.set_xlim(0, min(1.0, max(float(np.nanmax(grid.to_numpy())) * 1.05, 0.1)))
    ax.grid(axis="x", alpha=0.3)


def plot_document_topics(shares: pd.DataFrame, topic_names: Mapping[int, str] | None = None,
                         doc_names: Mapping[str, str] | pd.Series | None = None,
                         max_plans: int = MAX_PLANS, language: str = "en") -> Figure:
    """Topic shares per plan, from :func:`wpanalysis.topics.document_topic_shares`'s table.

    Up to *max_plans* plans: a heatmap, one row per plan (in the order of *doc_names* when
    given, else sorted; named by it) and one column per topic (named by *topic_names*, e.g.
    :func:`wpanalysis.topics.topic_names`; a topic without a name shows "topic t" / "主题 t"),
    shares written in the cells. Past *max_plans*: the distribution of the plans' shares of each
    topic (a box per topic, a dot per plan). The canvas is at most :data:`MAX_INCHES` a side; the
    title states the number of plans; the words are in *language*.
    """
    import matplotlib.pyplot as plt

    use_cjk_font()
    grid = shares.pivot_table(index="doc_id", columns="topic", values="share", aggfunc="sum", observed=True)
    if doc_names is not None:
        names = dict(doc_names)
        grid = grid.reindex(index=[d for d in names if d in grid.index]
                            + sorted(d for d in grid.index if d not in names))
        grid.index = [names.get(d, d) for d in grid.index]
    n_docs, k = grid.shape
    tnames = _names(list(grid.columns), topic_names, language)
    if n_docs <= max_plans:
        size = (min(1.05 * k + 3.4, MAX_INCHES), min(0.45 * n_docs + 2.0, MAX_INCHES))
        fig, ax = plt.subplots(figsize=size)
        _heatmap(ax, grid, tnames, language)
        ax.set_title(labels.figure_text("topics.per_plan_title", language, n=n_docs))
    else:
        fig, ax = plt.subplots(figsize=(8.0, min(0.55 * k + 1.8, MAX_INCHES)))
        _distribution(ax, grid, tnames, language)
        ax.set_title(labels.figure_text("topics.distribution_title", language, n=n_docs))
    fig.tight_layout()
    return fig
