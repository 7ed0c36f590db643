"""Figures of continuity and diffusion: an aligned pair of plans, attention shift across a bureau's
years, and the adoption of policy terms by year.

Every figure's size is set by what it shows (a pair, ≤ *max_panels* bureaus, ≤ *n_terms* terms × the
corpus's years), never by the number of plans, so it stays readable and under 4,000 px a side from 3
to 3,000 plans; titles carry N. Every text comes from :mod:`wpanalysis.labels` in *language* (``"en"`` or ``"zh"``);
the corpus's words (bureau names, policy terms) are data and stay as they are.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .. import labels as lab
from ..align import LABELS, THRESHOLD
from .domains import MAX_INCHES, titled
from .style import HOUSE_PALETTE, use_cjk_font

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["plot_alignment", "plot_attention_shift", "plot_adoption"]

_MAX_YEARS = 40


def _name(labels: Mapping[str, str] | pd.Series | None, doc_id: object) -> str:
    return str(labels.get(doc_id, doc_id)) if labels is not None else str(doc_id)


def plot_alignment(table: pd.DataFrame, labels: Mapping[str, str] | pd.Series | None = None,
                   threshold: float = THRESHOLD, language: str = "en") -> Figure:
    """Two panels for one aligned pair (:func:`wpanalysis.align.align_plans`): each plan's items by label
    (shared: continued / changed; unique: dropped in the first, new in the second) and the scores of the
    aligned pairs beside the best scores of the unaligned items, with the threshold."""
    import matplotlib.pyplot as plt

    use_cjk_font()
    text = functools.partial(lab.figure_text, language=language)
    a, b = _name(labels, table["doc_a"].iloc[0]), _name(labels, table["doc_b"].iloc[0])
    counts = table["label"].value_counts().reindex(LABELS, fill_value=0)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10.0, 3.6), gridspec_kw={"width_ratios": [1.1, 1]})
    colours = dict(zip(LABELS, HOUSE_PALETTE))
    rows = [["continued", "changed", "dropped"], ["continued", "changed", "new"]]  # plan A, plan B
    for y, parts in enumerate(rows):
        start = 0
        for label in parts:
            n = int(counts[label])
            shown = y == 1 or label == "dropped"  # each label once in the legend
            left.barh(y, n, left=start, color=colours[label],
                      label=lab.label("alignment", label, language) if shown else None)
            if n:
                left.text(start + n / 2, y, str(n), ha="center", va="center", fontsize=8)
            start += n
    left.set_yticks([0, 1], [a, b])
    left.invert_yaxis()
    left.set_xlabel(text("continuity.items_axis"))
    left.legend(loc="lower right", fontsize=8, frameon=False, ncol=2)
    left.set_title(titled(text("continuity.alignment_title"), 2, language=language))
    bins = np.linspace(0, 1, 21)
    paired = table.loc[table["label"].isin(["continued", "changed"]), "score"].dropna()
    unpaired = table.loc[table["label"].isin(["new", "dropped"]), "best_match_score"].dropna()
    right.hist([paired, unpaired], bins=bins, stacked=True, color=[HOUSE_PALETTE[0], "#BBBBBB"],
               label=[text("continuity.aligned_pairs"), text("continuity.unaligned_best")])
    right.axvline(threshold, color="black", linestyle="--", linewidth=1)
    right.text(threshold, right.get_ylim()[1] * 0.95, " " + text("continuity.threshold", value=f"{threshold:g}"),
               va="top", fontsize=8)
    right.set_xlabel(text("continuity.similarity_axis"))
    right.set_ylabel(text("continuity.items_axis"))
    right.legend(fontsize=8, frameon=False)
    right.set_title(text("continuity.similarity_title"))
    fig.tight_layout()
    return fig


def plot_attention_shift(shift: pd.DataFrame, max_panels: int = 6, language: str = "en") -> Figure:
    """Share of items by policy domain per year (heatmap, one panel per bureau series). Past *max_panels*
    bureaus, one panel of the mean share over the bureaus observed each year (title says how many).
    Domains are named by the codebook in *language*."""
    import matplotlib.pyplot as plt

    use_cjk_font()
    shift = shift.assign(domain_name=[lab.label("domain", d, language) for d in shift["domain"]])
    bureaus = sorted(shift["bureau"].unique())
    pooled = len(bureaus) > max_panels
    mean_name = lab.figure_text("continuity.bureau_mean", language)
    panels = ([(mean_name, shift.groupby(["domain_name", "year"], sort=True)["share"].mean().reset_index())] if pooled
              else [(b, shift[shift["bureau"] == b]) for b in bureaus])
    if not panels:
        panels = [("—", shift)]
    n_domains = max(shift["domain_name"].nunique(), 1)
    n_years = min(max(shift["year"].nunique(), 1), _MAX_YEARS)
    width = min(2.6 + 0.7 * n_years * len(panels), MAX_INCHES) if len(panels) <= 3 else MAX_INCHES
    height = min(1.2 + 0.32 * n_domains, MAX_INCHES)
    fig, axes = plt.subplots(1, len(panels), figsize=(width, height), squeeze=False, sharey=True)
    for ax, (name, part) in zip(axes[0], panels):
        grid = part.pivot_table(index="domain_name", columns="year", values="share", aggfunc="mean").fillna(0.0)
        grid = grid.iloc[:, -_MAX_YEARS:]
        ax.imshow(grid.to_numpy(), aspect="auto", cmap="Blues", vmin=0, vmax=max(float(grid.to_numpy().max()), 0.01))
        ax.set_xticks(range(grid.shape[1]), [str(y) for y in grid.columns], fontsize=8)
        ax.set_yticks(range(grid.shape[0]), grid.index, fontsize=8)
        if grid.size <= 200:
            for (i, j), v in np.ndenumerate(grid.to_numpy()):
                dark = v > 0.5 * grid.max().max()
                ax.text(j, i, f"{v:.0%}", ha="center", va="center", fontsize=7, color="white" if dark else "black")
        ax.grid(False)  # the house style's grid would cross the cells
        ax.set_title(str(name), fontsize=9)
    n_plans = shift["doc_id"].nunique() if "doc_id" in shift else 0
    title = lab.figure_text("continuity.attention_title_one" if len(bureaus) == 1 else "continuity.attention_title",
                            language, n=len(bureaus))
    fig.suptitle(titled(title, n_plans, language=language), fontsize=10)
    fig.tight_layout()
    return fig


def plot_adoption(adoption: pd.DataFrame, terms: Sequence[str] | None = None, n_terms: int = 15,
                  language: str = "en") -> Figure:
    """The share of each year's plans that use each term (heatmap, terms × years; cells annotated
    ``using/plans`` while the grid is small), for *terms* or the *n_terms* terms used by most plans."""
    import matplotlib.pyplot as plt

    use_cjk_font()
    if terms is None:
        ranking = adoption.groupby("term")["n_using"].sum().sort_values(ascending=False, kind="stable")
        terms = ranking.head(n_terms).index.tolist()
    part = adoption[adoption["term"].isin(list(terms))]
    years = sorted(adoption["year"].unique())[-_MAX_YEARS:]
    share = part.pivot_table(index="term", columns="year", values="share_using").reindex(index=list(terms),
                                                                                         columns=years)
    using = part.pivot_table(index="term", columns="year", values="n_using").reindex(index=list(terms), columns=years)
    per_year = adoption.drop_duplicates("year").set_index("year")["n_plans_year"].reindex(years)
    width = min(3.0 + 0.75 * len(years), MAX_INCHES)
    height = min(1.3 + 0.3 * max(len(terms), 1), MAX_INCHES)
    fig, ax = plt.subplots(figsize=(width, height))
    ax.imshow(share.to_numpy(dtype=float), aspect="auto", cmap="Greens", vmin=0, vmax=1)
    ax.grid(False)  # the house style's grid would cross the cells and their labels
    ticks = [lab.figure_text("continuity.plans_in_year_one" if per_year[y] == 1 else "continuity.plans_in_year",
                             language, year=y, n=int(per_year[y])) for y in years]
    ax.set_xticks(range(len(years)), ticks, fontsize=8)
    ax.set_yticks(range(len(terms)), list(terms), fontsize=8)
    if share.size <= 300:
        for (i, j), v in np.ndenumerate(share.to_numpy(dtype=float)):
            ax.text(j, i, f"{int(using.iat[i, j])}/{int(per_year.iat[j])}", ha="center", va="center", fontsize=7,
                    color="white" if v > 0.6 else "black")
    ax.set_title(titled(lab.figure_text("continuity.adoption_title", language), int(per_year.sum()),
                        language=language), fontsize=10)
    fig.tight_layout()
    return fig
