"""Figures of terms: top-term bars, word clouds, keyness bars and co-occurrence networks.

Every text a figure draws (axis labels, notes) comes from :func:`wpanalysis.labels.figure_text` in
the figure's *language* (``"en"``, the default, or ``"zh"``); terms, plan labels and the titles
passed in are drawn as they are. Example::

    fig = plot_top_terms(freq, n=30, title=said.top_terms_title(30, 6, "zh"), language="zh")
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .. import labels
from .style import HOUSE_PALETTE, OKABE_ITO, use_cjk_font, wordcloud_font_path

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from wordcloud import WordCloud

__all__ = ["MAX_INCHES", "make_wordcloud", "plot_keyness", "plot_network", "plot_top_terms", "plot_wordclouds",
           "wordcloud_grid"]

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

MAX_INCHES = 13.0
"""Longest side of a figure of this module, in inches: 3,900 px in the 300-dpi PNG."""

PANEL_INCHES = (4.0, 2.6)
"""Width and height of one word-cloud panel before the canvas cap shrinks them."""

PANEL_PIXELS = (800, 480)
"""Word-cloud canvas of one panel (pixels of the cloud itself) before the cap shrinks it."""

FULL_SIZE_PANELS = 6
"""Up to this many panels keep the full panel size; past it the panels share the area of this
many, so the files (≈ 2.5 MB PNG and PDF) and the drawing time stay the same at any count."""


def _empty_note(ax: Any, language: str = "en", key: str = "terms.no_terms") -> None:
    text = labels.figure_text(key, language)
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, color="#555555")
    ax.axis("off")


def _axis(value: str, language: str) -> str:
    """The axis label of a frequency column: per 10,000 tokens, count, or the column's label.

    >>> _axis("per_10k", "zh"), _axis("n", "en"), _axis("tfidf", "en")
    ('每万词频次', 'count', 'tfidf')
    """
    key = {"per_10k": "terms.per_10k_axis", "n": "terms.count_axis"}.get(value)
    if key:
        return labels.figure_text(key, language)
    return labels.column_label(value, language, default=value)


def plot_top_terms(freq: Any, n: int = 30, value: str = "per_10k", title: str | None = None,
                   language: str = "en") -> Figure:
    """Horizontal bars of the top *n* terms of a :func:`wpanalysis.features.term_frequency` table.

    The size depends on *n* only, never on the number of plans; an empty table gives a
    figure that says so.
    """
    import matplotlib.pyplot as plt

    top = freq.nlargest(n, value).iloc[::-1] if len(freq) else freq
    fig, ax = plt.subplots(figsize=(6.4, min(0.22 * max(n, 5) + 1.2, MAX_INCHES)))
    if len(top):
        ax.barh(top["token"], top[value], color=HOUSE_PALETTE[0])
        ax.set_xlabel(_axis(value, language))
        ax.grid(axis="y", visible=False)
    else:
        _empty_note(ax, language)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def wordcloud_grid(n_panels: int, ncols: int = 3) -> tuple[int, int, float]:
    """Rows, columns and the scale (≤ 1) of a grid of *n_panels* word clouds: past
    :data:`FULL_SIZE_PANELS` the panels share the area of that many, and the figure stays
    within :data:`MAX_INCHES` on both sides.

    >>> wordcloud_grid(6), wordcloud_grid(1, ncols=1)
    ((2, 3, 1.0), (1, 1, 1.0))
    >>> [(rows, cols, round(scale, 2)) for rows, cols, scale in (wordcloud_grid(12), wordcloud_grid(60))]
    [(4, 3, 0.71), (20, 3, 0.24)]
    """
    ncols = max(1, min(ncols, n_panels))
    nrows = max(1, -(-n_panels // ncols))
    width, height = PANEL_INCHES
    scale = min(1.0, (FULL_SIZE_PANELS / n_panels) ** 0.5, MAX_INCHES / (width * ncols),
                (MAX_INCHES - 0.4) / (height * nrows))  # 0.4 in: room for a title
    return nrows, ncols, scale


def plot_wordclouds(frequencies: Mapping[str, Mapping[str, float]], ncols: int = 3, title: str | None = None,
                    layout_scale: int = 2, language: str = "en", **kwargs: Any) -> Figure:
    """A grid of word clouds, one per key (e.g. per document), titled by the key.

    The canvas is capped (:func:`wordcloud_grid`): past :data:`FULL_SIZE_PANELS` panels each
    panel and its cloud shrink, so the figure never exceeds :data:`MAX_INCHES` a side; choose
    the panels with :func:`wpanalysis.features.cloud_panels` to keep them few. *kwargs* go to
    :func:`make_wordcloud`; ``width``/``height`` are the pixels of a cloud, scaled like the
    panels. The layout is computed on a canvas *layout_scale* times smaller and drawn at full
    size (wordcloud's ``scale``), which halves the time at the same resolution. A panel without
    words stays blank with a note.
    """
    import matplotlib.pyplot as plt

    keys = list(frequencies)
    nrows, ncols, scale = wordcloud_grid(max(len(keys), 1), ncols)
    width, height = PANEL_INCHES
    fig, axes = plt.subplots(nrows, ncols, figsize=(width * ncols * scale, height * nrows * scale + 0.4 * bool(title)),
                             squeeze=False)
    options = {"width": PANEL_PIXELS[0], "height": PANEL_PIXELS[1], **kwargs}
    options["width"], options["height"] = (max(40, int(options[k] * scale / layout_scale)) for k in ("width", "height"))
    options["scale"] = layout_scale
    for ax, key in zip(axes.ravel(), keys):
        if any(weight > 0 for weight in frequencies[key].values()):
            ax.imshow(make_wordcloud(frequencies[key], **options).to_array(), interpolation="bilinear")
        else:
            _empty_note(ax, language)
        ax.set_title(str(key), fontsize=max(6.0, 11 * scale))
    for ax in axes.ravel():
        ax.axis("off")
    if not keys:
        _empty_note(axes[0, 0], language)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    if nrows > 1:
        fig.subplots_adjust(hspace=0.15)  # room for the titles of the rows below the first
    return fig


def plot_keyness(table: Any, n: int = 15, target: str = "target", reference: str = "reference",
                 significant_only: bool = True, title: str | None = None, language: str = "en") -> Figure:
    """Diverging bars of signed G² for the *n* most key terms on each side
    (:func:`wpanalysis.features.key_terms`), labelled with the log ratio; input is a
    :func:`wpanalysis.features.keyness` table. The height follows the bars drawn (at most
    2 × *n*), never the number of plans."""
    import matplotlib.pyplot as plt

    from ..features import key_terms

    shown = key_terms(table, n, significant_only).sort_values("g2", kind="stable")
    fig, ax = plt.subplots(figsize=(6.4, min(0.24 * max(len(shown), 4) + 1.4, MAX_INCHES)))
    colors = [HOUSE_PALETTE[1] if v > 0 else HOUSE_PALETTE[0] for v in shown["g2"]]
    ax.barh(shown["token"], shown["g2"], color=colors)
    for y, (g, lr) in enumerate(zip(shown["g2"], shown["log_ratio"])):
        ax.text(g, y, f" {lr:+.1f} ", va="center", ha="left" if g > 0 else "right", fontsize=8)
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_xlabel(labels.figure_text("terms.keyness_axis", language, reference=reference, target=target))
    ax.grid(axis="y", visible=False)
    if shown.empty:
        ax.text(0.5, 0.5, labels.figure_text("terms.no_significant", language), ha="center", va="center",
                transform=ax.transAxes, color="#555555")
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def plot_network(graph: Any, seed: int = 0, max_nodes: int = 40, title: str | None = None,
                 language: str = "en") -> Figure:
    """Draw a co-occurrence graph (networkx) with a seeded spring layout; node size ~ degree.

    At most *max_nodes* nodes (those with the most edges) are drawn; the size is fixed."""
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
    else:
        _empty_note(ax, language, "terms.no_pairs")
    ax.axis("off")
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig
