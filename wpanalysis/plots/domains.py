"""Figures of policy-domain attention: bars per plan or group and a heatmap."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..coding.codebook import NONE, Codebook, load_codebook
from .style import use_cjk_font

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["plot_domain_bars", "plot_domain_heatmap"]


# One colour per domain, by family: Party/moral reds, health orange, stages blue-green,
# teachers/teaching purples, then digital, safety, governance, resources, livelihood, exchange.
_DOMAIN_COLOURS = ["#B2182B", "#EF8A62", "#F4A582", "#C6DBEF", "#6BAED6", "#2171B5", "#08214F", "#74C476",
                   "#9E9AC8", "#54278F", "#01665E", "#8C510A", "#BF812D", "#DFC27D", "#DE77AE", "#1B7837"]



_NONE_COLOUR = "#D9D9D9"



def _domain_colours(codebook: Codebook) -> dict[str, str]:
    colours = {d: _DOMAIN_COLOURS[k % len(_DOMAIN_COLOURS)] for k, d in enumerate(codebook.ids)}
    colours[NONE] = _NONE_COLOUR
    return colours



def plot_domain_bars(profile: pd.DataFrame, codebook: Codebook | None = None, value: str = "share",
                     labels: Mapping[str, str] | pd.Series | None = None, title: str | None = None,
                     marks: Mapping[str, str] | None = None) -> Figure:
    """Stacked horizontal bars: each group's (or document's) items split over the domains.

    *profile* is one grouping of :func:`domain_profile` (*value* ``share`` or
    ``share_primary``, which sum to 1). Bars top-down in the profile's order, labelled by
    *labels* plus ``(n 条)``; *marks* adds a note to a bar's label (e.g. ``仅提纲``).
    """
    import matplotlib.pyplot as plt

    codebook = codebook or load_codebook()
    use_cjk_font()
    names, colours = codebook.names("zh"), _domain_colours(codebook)
    groups = list(pd.unique(profile["group"]))
    grid = profile.pivot_table(index="group", columns="domain", values=value, aggfunc="sum").reindex(groups)
    domains = [d for d in [*codebook.ids, NONE] if d in grid.columns]
    sizes = profile.drop_duplicates("group").set_index("group")["n_items"]
    lab = dict(labels) if labels is not None else {}
    marks = dict(marks or {})
    ticks = [f"{lab.get(g, g)}{'（' + marks[g] + '）' if g in marks else ''}  n={int(sizes[g])}" for g in groups]
    fig, ax = plt.subplots(figsize=(9.0, 0.42 * len(groups) + 2.4))
    left = np.zeros(len(groups))
    y = np.arange(len(groups))
    for d in domains:
        width = grid[d].fillna(0).to_numpy()
        ax.barh(y, width, left=left, color=colours[d], edgecolor="white", linewidth=0.4, label=names[d])
        for yi, (l0, w) in enumerate(zip(left, width)):
            if w >= 0.07:
                ax.text(l0 + w / 2, yi, f"{w:.2f}", ha="center", va="center", fontsize=7,
                        color="white" if d in ("party", "compulsory", "senior_secondary", "vocational", "teaching",
                                               "digital", "safety", "exchange") else "#222222")
        left += width
    ax.set_yticks(y, ticks)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("条目占比（多领域条目按领域均分）")
    ax.grid(axis="y", visible=False)
    ax.legend(ncols=6, loc="upper center", bbox_to_anchor=(0.45, -0.12 - 0.6 / max(len(groups), 1)), fontsize=8,
              handlelength=1.0, columnspacing=0.8)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig



def plot_domain_heatmap(profile: pd.DataFrame, codebook: Codebook | None = None, value: str = "share",
                        grouping_names: Mapping[str, str] | None = None, title: str | None = None) -> Figure:
    """Heatmap of domain shares per group: rows = groups of every grouping in *profile*
    (labelled ``grouping · group (docs 份 / items 条)``), columns = domains (``none`` last)."""
    import matplotlib.pyplot as plt
    import seaborn as sns

    codebook = codebook or load_codebook()
    use_cjk_font()
    names = codebook.names("zh")
    gnames = dict(grouping_names or {})
    keys = list(dict.fromkeys(zip(profile["grouping"], profile["group"])))
    sizes = profile.drop_duplicates(["grouping", "group"]).set_index(["grouping", "group"])
    grid = profile.pivot_table(index=["grouping", "group"], columns="domain", values=value, aggfunc="sum")
    grid = grid.reindex(index=pd.MultiIndex.from_tuples(keys))
    grid = grid[[d for d in [*codebook.ids, NONE] if d in grid.columns]]
    grid.index = [f"{gnames.get(g, g)} · {v}（{int(sizes.loc[(g, v), 'n_docs'])} 份 / "
                  f"{int(sizes.loc[(g, v), 'n_items'])} 条）" for g, v in keys]
    grid.columns = ["\n".join(textwrap.wrap(names[d], 4)) for d in grid.columns]
    fig, ax = plt.subplots(figsize=(0.62 * grid.shape[1] + 4.2, 0.42 * grid.shape[0] + 2.0))
    sns.heatmap(grid.astype(float), annot=True, fmt=".2f", cmap="viridis", vmin=0, linewidths=0.5, linecolor="white",
                cbar_kws={"label": "条目占比", "shrink": 0.6}, annot_kws={"fontsize": 7}, ax=ax)
    previous = None
    for k, (g, _) in enumerate(keys):
        if previous is not None and g != previous:
            ax.axhline(k, color="white", linewidth=3)
        previous = g
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.grid(False)
    ax.tick_params(axis="both", length=0)
    ax.tick_params(axis="x", rotation=0, labelsize=8)
    ax.tick_params(axis="y", labelsize=9)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig
