"""Figures of topic models: the k sweep and document–topic shares."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from .style import HOUSE_PALETTE, use_cjk_font

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["plot_k_sweep", "plot_document_topics"]


def plot_k_sweep(sweep: pd.DataFrame, chosen_k: int | None = None, min_diversity: float | None = None) -> Figure:
    """Four panels against k: NPMI, UMass, held-out perplexity, diversity; the chosen k
    marked by a dashed line and the diversity threshold by a dotted one."""
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
    suffix = f"（虚线：选定 k = {chosen_k}）" if chosen_k is not None else ""
    fig.suptitle(f"主题数 k 的选择{suffix}")
    fig.tight_layout()
    return fig



def plot_document_topics(shares: pd.DataFrame, topic_names: Mapping[int, str] | None = None,
                         doc_names: Mapping[str, str] | pd.Series | None = None) -> Figure:
    """Heatmap of topic shares per document (rows: documents in the order of *doc_names*
    when given, else sorted; columns: topics 1…k named by *topic_names*), shares written
    in the cells. *shares* is :func:`document_topic_shares`'s table."""
    import matplotlib.pyplot as plt
    import seaborn as sns

    use_cjk_font()
    grid = shares.pivot_table(index="doc_id", columns="topic", values="share", aggfunc="sum", observed=True)
    if doc_names is not None:
        names = dict(doc_names)
        grid = grid.reindex(index=[d for d in names if d in grid.index])
        grid.index = [names[d] for d in grid.index]
    topic_names = topic_names or {}
    # horizontal column names, wrapped: rotated CJK punctuation (、) reads as a dash
    grid.columns = ["\n".join([str(t), *textwrap.wrap(str(topic_names.get(t, "")), 6)]).strip()
                    for t in grid.columns]
    fig, ax = plt.subplots(figsize=(1.05 * grid.shape[1] + 3.4, 0.45 * grid.shape[0] + 2.0))
    sns.heatmap(grid.astype(float), annot=True, fmt=".2f", cmap="viridis", vmin=0, linewidths=0.5,
                linecolor="white", cbar_kws={"label": "主题占比（条目平均）"}, annot_kws={"fontsize": 9}, ax=ax)
    ax.set_xlabel("主题")
    ax.set_ylabel("")
    ax.set_title("各份工作要点的主题构成")
    ax.grid(False)
    ax.tick_params(axis="both", length=0)
    ax.tick_params(axis="x", rotation=0, labelsize=9)
    fig.tight_layout()
    return fig
