"""Figures of topic models: the k sweep and the topic shares of each plan.

Both scale with the corpus: the sweep is a fixed-size figure whatever the number of plans;
the document–topic figure is a heatmap (one row per plan) up to ``max_plans`` plans and a
distribution (one box per topic, a dot per plan) past it, its canvas capped either way. Every
title states the N it shows.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .style import HOUSE_PALETTE, use_cjk_font

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["MAX_PLANS", "MAX_INCHES", "plot_k_sweep", "plot_document_topics"]

MAX_PLANS = 30
"""Default number of plans past which :func:`plot_document_topics` draws distributions, not a row per plan."""

MAX_INCHES = 13.0
"""Largest side of a figure in inches (3,900 px at the 300-dpi save)."""


def _sweep_title(chosen_k: int | None, n_plans: int | None, n_items: int | None, n_fit: int | None) -> str:
    parts = []
    if n_plans is not None:
        parts.append(f"N = {n_plans:,} 份")
    if n_items is not None:
        sample = n_fit is not None and n_fit < n_items
        parts.append(f"随机抽样 {n_fit:,} / {n_items:,} 条" if sample else f"{n_items:,} 条")
    head = "主题数 k 的选择" + (f"（{'，'.join(parts)}）" if parts else "")
    return head + (f"\n虚线：选定 k = {chosen_k}" if chosen_k is not None else "")


def plot_k_sweep(sweep: pd.DataFrame, chosen_k: int | None = None, min_diversity: float | None = None,
                 n_plans: int | None = None, n_items: int | None = None, n_fit: int | None = None) -> Figure:
    """Four panels against k: NPMI, UMass, held-out perplexity, diversity; the chosen k
    marked by a dashed line and the diversity threshold by a dotted one. The title states the
    plans and items (*n_plans*, *n_items*) and, when the sweep was fitted on a sample of
    *n_fit* items, that sample. The canvas is fixed (8 × 5.6 in) whatever the corpus."""
    import matplotlib.pyplot as plt

    use_cjk_font()
    panels = [("npmi", "NPMI 一致性（越高越好）"), ("umass", "UMass 一致性（越接近 0 越好）"),
              ("perplexity", "留出困惑度（越低越好）"), ("diversity", "主题多样性（不重复词占比）")]
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
        ax.set_xlabel("主题数 k")
    axes[1, 0].xaxis.get_major_locator().set_params(integer=True)
    fig.suptitle(_sweep_title(chosen_k, n_plans, n_items, n_fit), fontsize=12)
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
            if out and len(out[-1]) + len(piece) <= width:
                out[-1] += piece
            else:
                out.append(piece)
    out = out or [""]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1] + "…"
    return out


def _names(topics: list[int], topic_names: Mapping[int, str] | None) -> dict[int, str]:
    topic_names = topic_names or {}
    return {t: str(topic_names.get(t) or f"主题 {t}") for t in topics}


def _heatmap(ax: Axes, grid: pd.DataFrame, names: dict[int, str]) -> None:
    import seaborn as sns

    n_rows, n_cols = grid.shape
    annotate = n_rows <= 40 and n_cols <= 12
    # horizontal column names, wrapped: rotated CJK punctuation (、) reads as a dash
    grid = grid.copy()
    grid.columns = ["\n".join([str(t), *_short(names[t], 6, 2)]) for t in grid.columns]
    sns.heatmap(grid.astype(float), annot=annotate, fmt=".2f", cmap="viridis", vmin=0, linewidths=0.5,
                linecolor="white", cbar_kws={"label": "主题占比（条目平均）"},
                annot_kws={"fontsize": 9 if n_rows <= 20 else 7}, ax=ax)
    ax.set_xlabel("主题")
    ax.set_ylabel("")
    ax.grid(False)
    ax.tick_params(axis="both", length=0)
    ax.tick_params(axis="x", rotation=0, labelsize=9 if n_cols <= 8 else 7)
    ax.tick_params(axis="y", rotation=0, labelsize=10 if n_rows <= 20 else 8)


def _distribution(ax: Axes, grid: pd.DataFrame, names: dict[int, str]) -> None:
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
    ax.set_yticks(positions, [f"{t} {' '.join(_short(names[t], 14, 1))}" for t in topics],
                  fontsize=10 if len(topics) <= 12 else 8)
    ax.set_xlabel("该份要点的主题占比（条目平均）")
    ax.set_xlim(0, min(1.0, max(float(np.nanmax(grid.to_numpy())) * 1.05, 0.1)))
    ax.grid(axis="x", alpha=0.3)


def plot_document_topics(shares: pd.DataFrame, topic_names: Mapping[int, str] | None = None,
                         doc_names: Mapping[str, str] | pd.Series | None = None,
                         max_plans: int = MAX_PLANS) -> Figure:
    """Topic shares per plan, from :func:`wpanalysis.topics.document_topic_shares`'s table.

    Up to *max_plans* plans: a heatmap, one row per plan (in the order of *doc_names* when
    given, else sorted; named by it) and one column per topic (named by *topic_names*, e.g.
    :func:`wpanalysis.topics.topic_names`; a topic without a name shows "主题 t"), shares written
    in the cells. Past *max_plans*: the distribution of the plans' shares of each topic (a box
    per topic, a dot per plan). The canvas is at most :data:`MAX_INCHES` a side; the title
    states the number of plans.
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
    tnames = _names(list(grid.columns), topic_names)
    if n_docs <= max_plans:
        size = (min(1.05 * k + 3.4, MAX_INCHES), min(0.45 * n_docs + 2.0, MAX_INCHES))
        fig, ax = plt.subplots(figsize=size)
        _heatmap(ax, grid, tnames)
        ax.set_title(f"各份工作要点的主题构成（N = {n_docs:,} 份）")
    else:
        fig, ax = plt.subplots(figsize=(8.0, min(0.55 * k + 1.8, MAX_INCHES)))
        _distribution(ax, grid, tnames)
        ax.set_title(f"各主题在每份工作要点中的占比分布（N = {n_docs:,} 份，每点一份）")
    fig.tight_layout()
    return fig
