"""Figures of terms: top-term bars, word clouds, keyness bars and co-occurrence networks."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .style import HOUSE_PALETTE, OKABE_ITO, use_cjk_font, wordcloud_font_path

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from wordcloud import WordCloud

__all__ = ["make_wordcloud", "plot_keyness", "plot_network", "plot_top_terms", "plot_wordclouds"]

_WORDCLOUD_PALETTE: tuple[str, ...] = tuple(
    c for c in HOUSE_PALETTE if c not in (OKABE_ITO["yellow"], OKABE_ITO["sky blue"])
)


def _house_color_func(
    word: str,
    font_size: int,
    position: tuple[int, int],
    orientation: int | None,
    random_state: random.Random | None = None,
    **kwargs: Any,
) -> str:
    """WordCloud colour function drawing from the house palette (deterministic per seed)."""
    rng = random_state if random_state is not None else random.Random(0)
    return rng.choice(_WORDCLOUD_PALETTE)


def make_wordcloud(frequencies: Mapping[str, float], **kwargs: Any) -> WordCloud:
    """Build a word cloud of *frequencies* with the CJK font and the house palette.

    Defaults (each overridable through *kwargs*, which go to ``wordcloud.WordCloud``):
    ``font_path=wordcloud_font_path()``, 1600×900 px, white background,
    ``random_state=0`` (same layout every run) and colours from the Okabe–Ito palette
    (passing ``colormap=`` switches to that colormap instead).

    >>> wc = make_wordcloud({"立德树人": 12, "双减": 7, "课后服务": 5})  # doctest: +SKIP
    >>> plt.imshow(wc, interpolation="bilinear"); plt.axis("off")  # doctest: +SKIP
    """
    from wordcloud import WordCloud

    freqs = {str(word): float(weight) for word, weight in frequencies.items()}
    if not any(weight > 0 for weight in freqs.values()):
        raise ValueError("make_wordcloud needs at least one word with a positive frequency")
    options: dict[str, Any] = {
        "font_path": wordcloud_font_path() if "font_path" not in kwargs else None,
        "width": 1600,
        "height": 900,
        "background_color": "white",
        "random_state": 0,
        "prefer_horizontal": 1.0,  # Chinese words set sideways are hard to read
        "color_func": None if "colormap" in kwargs else _house_color_func,
    }
    options.update(kwargs)
    return WordCloud(**options).generate_from_frequencies(freqs)


# --------------------------------------------------------------------------- analysis figures


def plot_top_terms(freq: Any, n: int = 30, value: str = "per_10k", title: str | None = None) -> Figure:
    """Horizontal bars of the top *n* terms of a :func:`wpanalysis.features.term_frequency` table."""
    import matplotlib.pyplot as plt

    top = freq.nlargest(n, value).iloc[::-1] if len(freq) else freq
    fig, ax = plt.subplots(figsize=(6.4, 0.22 * max(len(top), 5) + 1.2))
    ax.barh(top["token"], top[value], color=HOUSE_PALETTE[0])
    ax.set_xlabel({"per_10k": "每万词频次 (per 10,000 tokens)", "n": "频次 (count)"}.get(value, value))
    ax.grid(axis="y", visible=False)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def plot_wordclouds(frequencies: Mapping[str, Mapping[str, float]], ncols: int = 3,
                    **kwargs: Any) -> Figure:
    """A grid of word clouds, one per key (e.g. per document), titled by the key."""
    import matplotlib.pyplot as plt

    keys = list(frequencies)
    nrows = max(1, -(-len(keys) // ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.0 * ncols, 2.6 * nrows), squeeze=False)
    options = {"width": 800, "height": 480, **kwargs}
    for ax, key in zip(axes.ravel(), keys):
        ax.imshow(make_wordcloud(frequencies[key], **options).to_array(), interpolation="bilinear")
        ax.set_title(str(key))
    for ax in axes.ravel():
        ax.axis("off")
    fig.tight_layout()
    fig.subplots_adjust(hspace=0.15)  # room for the titles of the second row
    return fig


def plot_keyness(table: Any, n: int = 15, target: str = "target", reference: str = "reference",
                 significant_only: bool = True) -> Figure:
    """Diverging bars of signed G² for the *n* most key terms on each side, labelled with the
    log ratio; input is a :func:`wpanalysis.features.keyness` table."""
    import matplotlib.pyplot as plt

    data = table[table["significant"]] if significant_only else table
    pos = data[data["g2"] > 0].nlargest(n, "g2")
    neg = data[data["g2"] < 0].nsmallest(n, "g2")
    import pandas as pd

    shown = pd.concat([pos, neg]).sort_values("g2")
    fig, ax = plt.subplots(figsize=(6.4, 0.24 * max(len(shown), 4) + 1.4))
    colors = [HOUSE_PALETTE[1] if v > 0 else HOUSE_PALETTE[0] for v in shown["g2"]]
    ax.barh(shown["token"], shown["g2"], color=colors)
    for y, (g, lr) in enumerate(zip(shown["g2"], shown["log_ratio"])):
        ax.text(g, y, f" {lr:+.1f} ", va="center", ha="left" if g > 0 else "right", fontsize=8)
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_xlabel(f"G² (signed)  ← {reference} | {target} →   (labels: log2 ratio)")
    ax.grid(axis="y", visible=False)
    fig.tight_layout()
    return fig


def plot_network(graph: Any, seed: int = 0, max_nodes: int = 40) -> Figure:
    """Draw a co-occurrence graph (networkx) with a seeded spring layout; node size ~ degree."""
    import matplotlib.pyplot as plt
    import networkx as nx

    g = graph
    if g.number_of_nodes() > max_nodes:
        keep = sorted(g.degree, key=lambda kv: (-kv[1], kv[0]))[:max_nodes]
        g = g.subgraph([k for k, _ in keep]).copy()
    fig, ax = plt.subplots(figsize=(7.5, 6.0))
    if g.number_of_nodes():
        pos = nx.spring_layout(g, seed=seed, weight="weight")
        widths = [0.5 + 2.5 * max(d.get("npmi", 0), 0) for _, _, d in g.edges(data=True)]
        nx.draw_networkx_edges(g, pos, ax=ax, width=widths, edge_color="#BBBBBB")
        sizes = [80 + 40 * g.degree(v) for v in g.nodes]
        nx.draw_networkx_nodes(g, pos, ax=ax, node_size=sizes, node_color=HOUSE_PALETTE[2], alpha=0.85)
        family = use_cjk_font()
        nx.draw_networkx_labels(g, pos, ax=ax, font_size=9, font_family=family)
    ax.axis("off")
    fig.tight_layout()
    return fig
