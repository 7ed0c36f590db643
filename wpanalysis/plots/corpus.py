"""Figures of the corpus overview: document sizes and items per section."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..registry import COMPLETENESS_LABELS
from .style import HOUSE_PALETTE, use_cjk_font

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["plot_document_sizes", "plot_items_per_section"]


_CHINESE_NUMERALS = "一二三四五六七八九十"


_COMPLETENESS_COLOURS: dict[str, str] = {
    "full": HOUSE_PALETTE[0],  # blue
    "partial": HOUSE_PALETTE[4],  # orange
    "outline-only": HOUSE_PALETTE[1],  # vermillion
}



_UNKNOWN_COLOUR = "#999999"



def plot_document_sizes(sizes: pd.DataFrame) -> Figure:
    """Horizontal bars of items (left) and characters (right) per document, coloured by completeness.

    *sizes* is :func:`document_sizes`'s table; documents run top to bottom in its order,
    labelled by its ``label`` column (or ``doc_id`` if there is none).

    >>> import matplotlib.pyplot as plt
    >>> from wpanalysis.build import load_corpus
    >>> from wpanalysis.overview import document_sizes
    >>> corpus = load_corpus()
    >>> fig = plot_document_sizes(document_sizes(corpus.documents, corpus.items))
    >>> [ax.get_title() for ax in fig.axes]
    ['条目数', '字数（条目文本）']
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch
    from matplotlib.ticker import StrMethodFormatter

    use_cjk_font()
    labels = sizes["label"] if "label" in sizes else sizes["doc_id"]
    colours = [_COMPLETENESS_COLOURS.get(c, _UNKNOWN_COLOUR) for c in sizes["completeness"]]
    y = np.arange(len(sizes))
    fig, axes = plt.subplots(1, 2, figsize=(8.0, 0.38 * len(sizes) + 1.6), sharey=True)
    for ax, column, title in ((axes[0], "n_items", "条目数"), (axes[1], "n_chars", "字数（条目文本）")):
        bars = ax.barh(y, sizes[column].to_numpy(), color=colours, height=0.7)
        ax.bar_label(bars, labels=[f"{v:,}" for v in sizes[column]], padding=3, fontsize=9)
        ax.set_title(title)
        ax.grid(axis="y", visible=False)
        ax.margins(x=0.18)
        ax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    axes[0].set_yticks(y, labels=list(labels))
    axes[0].invert_yaxis()
    present = [c for c in COMPLETENESS_LABELS if c in set(sizes["completeness"])]
    handles = [Patch(color=_COMPLETENESS_COLOURS[c], label=COMPLETENESS_LABELS[c]) for c in present]
    fig.legend(handles=handles, title="完整程度", loc="lower center", ncol=len(handles), bbox_to_anchor=(0.5, -0.02))
    fig.suptitle("各份工作要点的篇幅")
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    return fig



def _section_label(section: object) -> str:
    if pd.isna(section):
        return "无"
    n = int(section)
    if 1 <= n <= 10:
        return _CHINESE_NUMERALS[n - 1]
    if 10 < n < 20:
        return "十" + _CHINESE_NUMERALS[n - 11]
    return str(n)



def plot_items_per_section(per_section: pd.DataFrame, labels: pd.Series | None = None) -> Figure:
    """Heatmap of items per document (rows) × section number (columns), counts written in the cells.

    *per_section* is :func:`items_per_section`'s table; *labels* maps ``doc_id`` to a row
    label (e.g. :func:`doc_labels`), the ``doc_id`` itself by default. Columns are the
    documents' own section numbers (一, 二, …; 无 = items outside any section), so a
    column compares positions, not topics.

    >>> import matplotlib.pyplot as plt
    >>> from wpanalysis.build import load_corpus
    >>> from wpanalysis.overview import items_per_section
    >>> from wpanalysis.registry import doc_labels
    >>> corpus = load_corpus()
    >>> documents, items = corpus.documents, corpus.items
    >>> fig = plot_items_per_section(items_per_section(items), doc_labels(documents))
    >>> fig.axes[0].get_title(), fig.axes[0].get_yticklabels()[-2].get_text()
    ('各部分的条目数', '宁波 2024')
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    use_cjk_font()
    doc_order = list(pd.unique(per_section["doc_id"]))
    column_key = per_section["section"].fillna(0).astype(int)
    grid = (
        per_section.assign(column=column_key)
        .pivot_table(index="doc_id", columns="column", values="n_items", aggfunc="sum")
        .reindex(index=doc_order)
    )
    grid = grid.reindex(columns=sorted(grid.columns))
    grid.columns = [_section_label(None if c == 0 else c) for c in grid.columns]
    if labels is not None:
        grid.index = [labels.get(d, d) for d in grid.index]
    fig, ax = plt.subplots(figsize=(0.55 * grid.shape[1] + 3.2, 0.42 * grid.shape[0] + 1.4))
    sns.heatmap(grid.astype(float), annot=True, fmt=".0f", cmap="viridis", linewidths=0.5, linecolor="white",
                cbar_kws={"label": "条目数"}, ax=ax)
    ax.set_xlabel("部分（按各文件自身的编号；无 = 不属于任何部分）")
    ax.set_ylabel("")
    ax.set_title("各部分的条目数")
    ax.grid(False)
    ax.tick_params(axis="both", length=0)
    ax.tick_params(axis="x", rotation=0)
    fig.tight_layout()
    return fig
